#!/usr/bin/python3
"""Golden test of the deployment modeler (tests/model/tests.cmake).

Renders the built-in 12st-mall model with hpactl, then compares it field by
field with the lab's reference end state (shared/reference/12st-mall-template.yml),
read independently with python3-yaml. Every difference must be listed in
golden-differences.tsv (object, path, reference value, rendered value,
reason), and every listed row must still be a difference: the list documents
the deliberate departures from the reference and nothing else.

  golden.py HPACTL REFERENCE DIFFERENCES.tsv [--print]

Objects are matched by kind/name. Lists are matched by a key where the items
have one (containers and env by name, Ingress paths by path, HPA metrics by
resource name), else by index. A subtree present on one side only is one
difference. Values are compared as YAML data (8080 differs from "8080").
Exit status: 0 same, 1 differences not listed (or listed but gone), 77 when
the reference is absent (shared material not available).
"""
import json
import os
import subprocess
import sys

import yaml

ABSENT = "<absent>"
LIST_KEYS = {
    "containers": lambda x: "name=" + str(x.get("name")),
    "env": lambda x: "name=" + str(x.get("name")),
    "paths": lambda x: "path=" + str(x.get("path")),
    "metrics": lambda x: "resource=" + str((x.get("resource") or {}).get("name")),
}


def show(v):
    if v is ABSENT:
        return ABSENT
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def keyed(field, items):
    key = LIST_KEYS.get(field)
    if key and all(isinstance(x, dict) for x in items):
        return {"[%s]" % key(x): x for x in items}
    return {"[%d]" % i: x for i, x in enumerate(items)}


def compare(a, b, path, field, out):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a.keys()) + [k for k in b.keys() if k not in a]:
            sub = k if not path else path + "." + k
            compare(a.get(k, ABSENT), b.get(k, ABSENT), sub, k, out)
    elif isinstance(a, list) and isinstance(b, list):
        ka, kb = keyed(field, a), keyed(field, b)
        for k in list(ka.keys()) + [k for k in kb.keys() if k not in ka]:
            compare(ka.get(k, ABSENT), kb.get(k, ABSENT), path + k, field, out)
    elif a is ABSENT or b is ABSENT or type(a) is not type(b) or a != b:
        out.append((path, show(a), show(b)))


def objects(docs):
    out = {}
    for d in docs:
        if isinstance(d, dict):
            out["%s/%s" % (d.get("kind"), (d.get("metadata") or {}).get("name"))] = d
    return out


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    hpactl, reference, tsv = argv[1:4]
    if not os.path.isfile(reference):
        print("reference %s absent: skipped" % reference)
        return 77
    rendered = subprocess.run([hpactl, "render", "--stdout", "-q"], check=True,
                              stdout=subprocess.PIPE).stdout.decode("utf-8")
    with open(reference, encoding="utf-8") as f:
        ref = objects(yaml.safe_load_all(f))
    got = objects(yaml.safe_load_all(rendered))
    diffs = []
    for name in list(ref.keys()) + [n for n in got.keys() if n not in ref]:
        if name not in got or name not in ref:
            diffs.append((name, "", show(ref.get(name, ABSENT)), show(got.get(name, ABSENT))))
            continue
        out = []
        compare(ref[name], got[name], "", "", out)
        diffs.extend((name,) + d for d in out)
    if "--print" in argv:
        for d in diffs:
            print("\t".join(d))
        return 0
    listed = {}
    with open(tsv, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 5 or not cols[4].strip():
                print("%s:%d: want 5 tab-separated columns, the last a reason" % (tsv, n))
                return 1
            listed[tuple(cols[:4])] = n
    status = 0
    for d in diffs:
        if d not in listed:
            print("unlisted difference: %s %s: reference %s, rendered %s" % d)
            status = 1
    found = set(diffs)
    for row, n in listed.items():
        if row not in found:
            print("%s:%d: listed difference no longer occurs: %s %s" % ((tsv, n) + row[:2]))
            status = 1
    print("%d objects in the reference, %d rendered, %d listed differences%s" %
          (len(ref), len(got), len(diffs), "" if status else ", all deliberate"))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
