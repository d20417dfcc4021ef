#!/usr/bin/python3
"""Corpus oracle for the codecs: every manifest of the shared corpus is
re-emitted with `hpactl fmt` and read back by PyYAML, an implementation
independent of libhpa, libyaml's event API use and the writer.

For each file:
  * hpactl fmt must succeed, unless the file is listed in corpus-rejects.tsv
    (files Kubernetes itself rejects): then it must fail with that code;
  * PyYAML reads the original and the re-emitted text; after dropping empty
    documents and expanding Lists (`kind: *List` with `items`, as kubectl
    and libhpa do), the documents must be equal (key order does not matter:
    the writer puts apiVersion/kind/metadata/spec/status first);
  * formatting the re-emitted text again must give the same bytes.

Exit 0 when every file passes, 1 otherwise, 77 (skipped) without a corpus.
"""
import argparse
import os
import subprocess
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def documents(text):
    out = []
    for doc in yaml.load_all(text, Loader=Loader):
        if doc is None:
            continue
        if (isinstance(doc, dict) and isinstance(doc.get("kind"), str)
                and doc["kind"].endswith("List")
                and (doc.get("items") is None or isinstance(doc.get("items"), list))):
            out.extend(doc.get("items") or [])
        else:
            out.append(doc)
    return out


def load_rejects(path):
    rejects = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2:
                    rejects[parts[0]] = parts[1]
    return rejects


def fmt(hpactl, data):
    return subprocess.run([hpactl, "fmt", "--allow-aliases", "-"], input=data,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hpactl", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--rejects", required=True)
    args = ap.parse_args()
    if not os.path.isdir(args.corpus):
        print("corpus_oracle: no corpus at %s, skipped" % args.corpus)
        return 77
    rejects = load_rejects(args.rejects)
    failures = checked = 0
    for root, _, files in os.walk(args.corpus):
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml", ".json")):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, args.corpus)
            with open(path, "rb") as f:
                data = f.read()
            checked += 1
            res = fmt(args.hpactl, data)
            if rel in rejects:
                if res.returncode == 0:
                    print("FAIL %s: listed as rejected (%s) but accepted" % (rel, rejects[rel]))
                    failures += 1
                continue
            if res.returncode != 0:
                print("FAIL %s: hpactl fmt: %s" % (rel, res.stderr.decode(errors="replace").strip()))
                failures += 1
                continue
            try:
                before = documents(data.decode("utf-8"))
                after = documents(res.stdout.decode("utf-8"))
            except yaml.YAMLError as e:
                print("FAIL %s: PyYAML: %s" % (rel, e))
                failures += 1
                continue
            if before != after:
                print("FAIL %s: PyYAML reads different documents after fmt" % rel)
                for i, (a, b) in enumerate(zip(before, after)):
                    if a != b:
                        print("  document %d differs:\n  before %r\n  after  %r" % (i, a, b))
                        break
                if len(before) != len(after):
                    print("  %d documents before, %d after" % (len(before), len(after)))
                failures += 1
                continue
            again = fmt(args.hpactl, res.stdout)
            if again.returncode != 0 or again.stdout != res.stdout:
                print("FAIL %s: a second fmt changes the output" % rel)
                failures += 1
    print("corpus_oracle: %d files, %d failures" % (checked, failures))
    return 1 if failures or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
