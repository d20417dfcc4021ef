#!/bin/sh
# check_exports.sh LIBHPA.so INCLUDE_DIR [GENERATED_INCLUDE_DIR]
# The dynamic symbol table must list exactly the hpa_* functions declared
# with HPA_EXTERN in the public headers: nothing more (no leaked helpers,
# no libyaml/jansson symbols), nothing less.
set -eu
lib=$1; shift
tmp=${TMPDIR:-/tmp}/hpa-exports.$$
trap 'rm -f "$tmp".*' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBVW]$/ {print $3}' | sed 's/@.*//' | sort -u > "$tmp.exported"
for d in "$@"; do cat "$d"/*.h; done | grep -v "^[[:space:]]*#" \
  | tr '\n' ' ' | grep -o 'HPA_EXTERN([^;]*' \
  | sed -E 's/^HPA_EXTERN\(([^()]|\([^()]*\))*\)[[:space:]]*//' \
  | sed -E 's/^\**[[:space:]]*//' | grep -o '^hpa_[a-z0-9_]*' | sort -u > "$tmp.declared"
status=0
if grep -v '^hpa_' "$tmp.exported" >/dev/null; then
  echo "exported symbols without the hpa_ prefix:"; grep -v '^hpa_' "$tmp.exported"; status=1
fi
extra=$(comm -23 "$tmp.exported" "$tmp.declared")
missing=$(comm -13 "$tmp.exported" "$tmp.declared")
if [ -n "$extra" ]; then echo "exported but not declared in a public header:"; echo "$extra"; status=1; fi
if [ -n "$missing" ]; then echo "declared HPA_EXTERN but not exported:"; echo "$missing"; status=1; fi
n=$(wc -l < "$tmp.exported")
[ "$status" -eq 0 ] && echo "exports ok: $n hpa_ symbols, all declared in public headers"
exit $status
