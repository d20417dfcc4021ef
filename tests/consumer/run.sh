#!/bin/sh
# run.sh BUILD_DIR WORK_DIR: install the build into a private prefix, then
# build and run a consumer against it via pkg-config and via find_package.
set -eu
build=$1; work=$2
src=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"; mkdir -p "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib* | head -n 1)
# the .pc file carries the build-time prefix; point pkg-config at this one
export PKG_CONFIG_PATH="$libdir/pkgconfig"
cflags=$(pkg-config --define-variable=prefix="$prefix" --cflags libhpa)
libs=$(pkg-config --define-variable=prefix="$prefix" --libs libhpa)
${CC:-cc} -std=c99 -Wall -Werror $cflags "$src/consumer.c" -o "$work/consumer_pc" $libs
LD_LIBRARY_PATH="$libdir" "$work/consumer_pc"
echo "pkg-config: ok ($(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --modversion libhpa), Requires.private: $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --print-requires-private libhpa | tr '\n' ' '))"
cmake -S "$src" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cmake-build/consumer_cmake"
"$work/cmake-build/consumer_cmake_static"
echo "find_package(hpa): ok (shared and static)"
