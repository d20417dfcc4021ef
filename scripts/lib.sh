# scripts/lib.sh -- shared by scripts/test and scripts/demo (sourced, not run).
# One Python for everything: Debian's, which sees python3-* packages.
HPA_PYTHON=${HPA_PYTHON:-/usr/bin/python3}
HPA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HPA_JOBS=${HPA_JOBS:-$(nproc 2>/dev/null || echo 2)}

# Debian packages the build, the tests and the test oracles need.
HPA_PACKAGES="gcc g++ make cmake pkg-config libyaml-dev libjansson-dev libcunit1-dev
  swig liblua5.4-dev lua5.4 python3-dev python3-yaml python3-jsonschema python3-kubernetes
  lua-yaml clang libclang-rt-14-dev valgrind abigail-tools doxygen"

hpa_log() { printf '==> %s\n' "$*"; }

# Install whatever is missing (as root), or say what is missing and stop.
hpa_install_deps() {
  local missing="" p
  for p in $HPA_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
  done
  if [ -z "$missing" ]; then
    hpa_log "all Debian packages present"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    return 1
  fi
  hpa_log "installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# hpa_build DIR [cmake args...]: configure and build.
hpa_build() {
  local dir=$1; shift
  cmake -S "$HPA_ROOT" -B "$dir" -DHPA_PYTHON="$HPA_PYTHON" "$@" >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; return 1; }
  cmake --build "$dir" -j "$HPA_JOBS" >"$dir.build.log" 2>&1 \
    || { grep -E 'error|Error' "$dir.build.log" | head -50; tail -20 "$dir.build.log"; return 1; }
}
