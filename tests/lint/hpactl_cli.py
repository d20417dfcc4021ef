#!/usr/bin/python3
"""hpactl lint command-line contract (ctest lint.hpactl_cli): output format,
exit statuses (0 clean, 1 errors or --strict warnings, 2 usage), JSON,
stdin, multi-file sets, parse errors, and that docs/lint.md documents exactly
the rules `hpactl lint --rules` lists.

usage: hpactl_cli.py --hpactl PATH --data DIR --docs FILE
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL " + what)


def run(hpactl, args, stdin=None):
    p = subprocess.run([hpactl, "lint"] + args, capture_output=True, text=True, input=stdin)
    return p.returncode, p.stdout, p.stderr


LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info): "
                  r"(?P<rule>[A-Z]+[0-9]+|PARSE): (?P<msg>.+)$")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hpactl", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--docs", required=True)
    a = ap.parse_args()
    h = a.hpactl
    lint = os.path.join(a.data, "lint")

    # clean file: exit 0, nothing on stdout
    rc, out, _ = run(h, [os.path.join(lint, "HPA007", "good.yaml")])
    check(rc == 0 and out == "", "clean file: rc %d, output %r" % (rc, out[:200]))

    # errors: exit 1; every output line is a finding or an indented hint
    f = os.path.join(lint, "VAL001", "bad.yaml")
    rc, out, err = run(h, [f])
    check(rc == 1, "errors: rc %d" % rc)
    lines = out.splitlines()
    check(len(lines) >= 4, "errors: %d lines" % len(lines))
    for ln in lines:
        m = LINE.match(ln)
        check(m is not None or ln.startswith("    hint: "), "line format: %r" % ln)
        if m:
            check(m.group("file") == f, "file name in %r" % ln)
    check("4 error(s)" in err, "summary on stderr: %r" % err)
    # the messages are the API server's text
    check(any(": VAL001: spec.maxReplicas: Invalid value: 0: must be greater than 0" in ln for ln in lines),
          "API-server wording")

    # warnings only: 0, and 1 with --strict; infos never fail
    f = os.path.join(lint, "SVC001", "bad.yaml")
    check(run(h, [f])[0] == 0, "warnings without --strict")
    check(run(h, ["--strict", f])[0] == 1, "warnings with --strict")
    f = os.path.join(lint, "HPA007", "bad.yaml")
    check(run(h, ["--strict", f])[0] == 0, "infos with --strict")
    rc, out, _ = run(h, ["--disable", "SVC001", "--strict", os.path.join(lint, "SVC001", "bad.yaml")])
    check(rc == 0 and out == "", "--disable")

    # usage errors: 2
    check(run(h, [])[0] == 2, "no file")
    check(run(h, ["-o", "xml", f])[0] == 2, "bad -o")
    check(run(h, ["--enable", "NOPE01", f])[0] == 2, "unknown rule id")
    check(run(h, ["/nonexistent/file.yaml"])[0] == 2, "missing file")
    check(run(h, ["--frobnicate", f])[0] == 2, "unknown option")

    # JSON
    rc, out, _ = run(h, ["-o", "json", os.path.join(lint, "HPA003", "bad.yaml")])
    check(rc == 1, "json rc")
    try:
        j = json.loads(out)
        check(j["errors"] == 2 and j["warnings"] == 0, "json counts %r" % ((j["errors"], j["warnings"]),))
        fd = j["findings"][0]
        for k in ("file", "document", "line", "column", "severity", "rule", "message", "hint", "kind",
                  "namespace", "name", "path"):
            check(k in fd, "json field " + k)
        check(all(x["rule"] == "HPA003" for x in j["findings"]), "json rules")
        check(j["findings"][0]["kind"] == "Deployment" and j["findings"][0]["document"] == 0, "json object")
    except (ValueError, KeyError, IndexError) as e:
        check(False, "json output: %s: %r" % (e, out[:300]))
    rc, out, _ = run(h, ["-o", "json", os.path.join(lint, "HPA007", "good.yaml")])
    check(rc == 0 and json.loads(out) == {"findings": [], "errors": 0, "warnings": 0, "infos": 0}, "json clean")

    # stdin
    with open(os.path.join(lint, "VAL002", "bad.yaml"), encoding="utf-8") as fp:
        rc, out, _ = run(h, ["-"], stdin=fp.read())
    check(rc == 1 and out.startswith("<stdin>:"), "stdin: rc %d %r" % (rc, out[:80]))

    # a set across files: the HPA finds its target in the other file
    with tempfile.TemporaryDirectory() as d:
        dep, hpa = os.path.join(d, "deploy.yaml"), os.path.join(d, "hpa.yaml")
        with open(os.path.join(lint, "HPA001", "good.yaml"), encoding="utf-8") as fp:
            text = fp.read()
        first, second = text.split("\n---\n", 1)
        with open(dep, "w", encoding="utf-8") as fp:
            fp.write(first + "\n")
        with open(hpa, "w", encoding="utf-8") as fp:
            fp.write(second)
        rc, out, _ = run(h, [hpa])
        check(rc == 0 and "HPA001" in out, "HPA alone: target missing (%d %r)" % (rc, out[:200]))
        rc, out, _ = run(h, [dep, hpa])
        check(rc == 0 and out == "", "set of two files: %d %r" % (rc, out[:200]))

    # parse errors are findings; the other files are still linted
    rc, out, _ = run(h, [os.path.join(lint, "msaez", "09-not-yaml.yaml"), os.path.join(lint, "SVC001", "bad.yaml")])
    check(rc == 1 and ": error: PARSE: " in out and "SVC001" in out, "parse error: %d %r" % (rc, out[:300]))

    # the rule catalogue and docs/lint.md list the same ids
    rc, out, _ = run(h, ["--rules"])
    ids = [ln.split()[0] for ln in out.splitlines() if ln.strip()]
    check(rc == 0 and len(ids) >= 20, "--rules")
    with open(a.docs, encoding="utf-8") as fp:
        documented = re.findall(r"^### ([A-Z]+[0-9]+)\b", fp.read(), re.M)
    check(sorted(ids) == sorted(documented), "docs/lint.md rules %s vs catalogue %s" % (documented, ids))

    print("hpactl lint CLI: %d failure(s)" % len(FAILS))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
