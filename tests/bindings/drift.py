#!/usr/bin/env python3
"""Drift check between the public C API and the SWIG bindings.

Every function declared `HPA_EXTERN(type) hpa_...(...)` in include/hpa/*.h
must be wrapped (a `_wrap_<name>` function in each generated wrapper) or
be on the ignore list of bindings/hpa.i as `%ignore <name>; // <reason>`
with a reason. Ignore entries naming public functions need a reason; entries
naming nothing public (and not a type or a binding helper) are stale.

  drift.py --headers DIR --interface hpa.i --wrapper WRAP.c [--wrapper WRAP2.c]
  drift.py --self-test-unwrapped ...   (adds a fake public function: must fail)
"""

import argparse
import glob
import os
import re
import sys


def public_api(headers):
    """{function: header} and the set of type names of the public headers."""
    funcs, types = {}, set()
    for path in sorted(glob.glob(os.path.join(headers, "*.h"))):
        text = re.sub(r"/\*.*?\*/", "", open(path, encoding="utf-8").read(), flags=re.S)
        for m in re.finditer(r"HPA_EXTERN\s*\([^)]*\)\s*(hpa_\w+)\s*\(", text):
            funcs[m.group(1)] = os.path.basename(path)
        for m in re.finditer(r"typedef\s+(?:struct|enum)?\s*\w*\s*(?:\{[^}]*\})?\s*(hpa_\w+)\s*;", text, re.S):
            types.add(m.group(1))
        for m in re.finditer(r"\}\s*(hpa_\w+)\s*;", text):
            types.add(m.group(1))
    return funcs, types


def ignore_list(interface):
    """{name: reason or ''} of `%ignore name; // reason` lines."""
    out = {}
    for line in open(interface, encoding="utf-8"):
        m = re.match(r"\s*%ignore\s+([\w:*]+)\s*;\s*(?://\s*(.*))?$", line)
        if m:
            out[m.group(1)] = (m.group(2) or "").strip()
    return out


def wrapped(wrapper):
    text = open(wrapper, encoding="utf-8", errors="replace").read()
    return set(re.findall(r"\b_wrap_(hpa_\w+)\s*\(", text))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--headers", required=True)
    ap.add_argument("--interface", required=True)
    ap.add_argument("--wrapper", action="append", required=True)
    ap.add_argument("--self-test-unwrapped", action="store_true")
    a = ap.parse_args()

    funcs, types = public_api(a.headers)
    if a.self_test_unwrapped:
        funcs["hpa_drift_selftest_unwrapped"] = "selftest.h"
    ignores = ignore_list(a.interface)
    wraps = []
    for w in a.wrapper:
        if not os.path.exists(w):
            print("drift: no generated wrapper %s (build the bindings first)" % w)
            return 2
        wraps.append((os.path.basename(w), wrapped(w)))

    problems = []
    for name in sorted(funcs):
        if name in ignores:
            if not ignores[name]:
                problems.append("%s (%s): on the ignore list without a reason" % (name, funcs[name]))
            continue
        for wname, ws in wraps:
            if name not in ws:
                problems.append("%s (%s): neither wrapped in %s nor ignored in %s" % (
                    name, funcs[name], wname, os.path.basename(a.interface)))
    for name, reason in sorted(ignores.items()):
        if name in funcs or name in types or "::" in name or "*" in name or name.startswith("hpa_bind_"):
            continue
        if not name.startswith("hpa_"):
            continue  # members and other SWIG names
        problems.append("%s: ignored in %s but not a public function or type (stale entry)" % (
            name, os.path.basename(a.interface)))

    n_ign = sum(1 for n in funcs if n in ignores)
    print("drift: %d public functions, %d wrapped, %d ignored with a reason" % (
        len(funcs), len(funcs) - n_ign, n_ign))
    for p in problems:
        print("drift: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
