#!/usr/bin/python3
"""hpactl's command-line contract across commands (ctest hpactl.cli_CASE).

usage: cli.py HPACTL DATA_DIR CASE
Exit 0 when every check of CASE holds, 1 otherwise, 77 when the case cannot
run here (e.g. no /dev/full).
"""
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
    else:
        print("ok   " + what)


def run(args, stdin=None, stdout=subprocess.PIPE, cwd=None, timeout=60):
    try:
        p = subprocess.run([HPACTL] + args, input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                           text=True, cwd=cwd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "", "(killed after %ds)" % timeout
    return p.returncode, p.stdout or "", p.stderr


def case_stdout_write_errors():
    """What a command prints must reach standard output: a write error is
    exit 1 and `hpactl: cannot write to standard output: REASON`."""
    if not os.path.exists("/dev/full"):
        sys.exit(77)
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    ex = os.path.join(DATA, "explain", "01-scale-up")
    commands = [
        ["version"],
        ["help"],
        ["help", "lint"],
        ["fmt", manifest],
        ["lint", "-o", "json", manifest],
        ["get", "hpa", manifest],
        ["explain", "--hpa", os.path.join(ex, "hpa.json"), "--target", os.path.join(ex, "target.json"),
         "--pods", os.path.join(ex, "pods.json"), "--metrics", os.path.join(ex, "metrics.json"),
         "--now", "2024-01-01T00:00:00Z"],
        ["simulate", manifest, "--hpa", "order-hpa", "--load", "constant 10", "--duration", "2m"],
        ["render", "--print-model"],
        ["render", "--stdout", "-q"],
    ]
    for args in commands:
        with open("/dev/full", "w") as full:
            rc, _, err = run(args, stdout=full)
        check(rc == 1 and "hpactl: cannot write to standard output: No space left on device" in err
              and err.count("cannot write to standard output") == 1,
              "%s >/dev/full: rc %d, stderr %r" % (" ".join(args[:2]), rc, err[-300:]))
    # a closed standard output is an error when something was to be printed ...
    p = subprocess.run([HPACTL, "help"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       preexec_fn=lambda: os.close(1))
    check(p.returncode == 1 and "cannot write to standard output" in p.stderr,
          "help >&-: rc %d, stderr %r" % (p.returncode, p.stderr))
    # ... and not when nothing was
    with tempfile.TemporaryDirectory() as d:
        p = subprocess.run([HPACTL, "render", "-q", "-o", d], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, preexec_fn=lambda: os.close(1))
        check(p.returncode == 0 and p.stderr == "", "render -q >&-: rc %d, stderr %r" % (p.returncode, p.stderr))
    # and a successful run is still a success
    rc, out, err = run(["version"])
    check(rc == 0 and out and err == "", "version: rc %d, stderr %r" % (rc, err))


def case_render_empty_dir():
    """render -o '' is a usage error (it used to write /kubernetes/template)."""
    with tempfile.TemporaryDirectory() as d:
        rc, out, err = run(["render", "-q", "-o", ""], cwd=d)
        check(rc == 2 and "-o wants a directory" in err, "render -o '': rc %d, stderr %r" % (rc, err[:200]))
        rc, out, err = run(["render", "-q", "--output="], cwd=d)
        check(rc == 2, "render --output=: rc %d" % rc)
        rc, out, err = run(["render", "-q", "-o", "."], cwd=d)
        check(rc == 0 and os.path.isfile(os.path.join(d, "kubernetes", "template", "template.yml")),
              "render -o .: rc %d, stderr %r" % (rc, err[:200]))


def case_stdin_once():
    """Standard input is read once: a second '-' is a usage error (as get and
    explain already did), not an empty second input."""
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    with open(manifest) as f:
        text = f.read()
    for args in (["fmt", "-", "-"], ["lint", "-", "-"], ["get", "hpa", "-", "-"],
                 ["simulate", "-", "--trace", "-", "--hpa", "order-hpa", "--duration", "1m"]):
        rc, out, err = run(args, stdin=text)
        check(rc == 2 and "standard input ('-') can be read only once" in err and out == "",
              "%s: rc %d, stderr %r" % (" ".join(args), rc, err[:200]))
    # one '-' still reads it
    rc, out, err = run(["fmt", "-", manifest], stdin=text)
    check(rc == 0 and out.count("kind: HorizontalPodAutoscaler") == 4, "fmt - FILE: rc %d" % rc)
    rc, out, err = run(["lint", "-"], stdin=text)
    check(rc in (0, 1) and "can be read only once" not in err, "lint -: rc %d" % rc)


def case_help_help():
    """`hpactl help` lists help, so `hpactl help help` shows its usage."""
    rc, out, err = run(["help"])
    check(rc == 0 and "\n  help " in out, "help lists help")
    rc, out, err = run(["help", "help"])
    check(rc == 0 and out.startswith("usage: hpactl help [COMMAND]") and err == "",
          "help help: rc %d, out %r, err %r" % (rc, out[:100], err))
    rc, out, err = run(["help", "nope"])
    check(rc == 2 and "unknown command 'nope'" in err, "help nope: rc %d" % rc)


def case_dash_output():
    """'-' as an output file is refused (standard output already carries the
    command's output), instead of creating a file named '-'."""
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    hpa = os.path.join(DATA, "explain", "01-scale-up", "hpa.json")
    with tempfile.TemporaryDirectory() as d:
        for args, flag in ((["explain", "--hpa", hpa, "--save-history", "-"], "--save-history"),
                           (["simulate", manifest, "--hpa", "order-hpa", "--duration", "1m", "--svg", "-"], "--svg")):
            rc, out, err = run(args, cwd=d)
            check(rc == 2 and flag + " wants a file name" in err and not os.path.exists(os.path.join(d, "-")),
                  "%s -: rc %d, stderr %r" % (flag, rc, err[:200]))
            rc, out, err = run(["help", args[0]])
            check(flag in out and "'-' is refused" in out, "help %s documents %s -" % (args[0], flag))
        rc, out, err = run(["simulate", manifest, "--hpa", "order-hpa", "--duration", "1m", "--svg", "c.svg"], cwd=d)
        check(rc == 0 and open(os.path.join(d, "c.svg")).read().startswith("<svg"), "--svg FILE: rc %d" % rc)


def case_lint_repeated_rules():
    """lint --enable/--disable repeat and add up (and take comma lists, as
    the help says); only the last one used to count."""
    lint = os.path.join(DATA, "lint")
    files = [os.path.join(lint, "SVC001", "bad.yaml"), os.path.join(lint, "HPA007", "bad.yaml")]

    def rules(args):
        rc, out, err = run(["lint"] + args + files)
        return rc, sorted(set(re.findall(r": (?:error|warning|info): ([A-Z]+[0-9]+):", out)))

    rc, all_rules = rules([])
    check({"OBJ001", "SVC001"} <= set(all_rules), "the fixtures give OBJ001 and SVC001: %r" % all_rules)
    for args in (["--disable", "SVC001", "--disable", "OBJ001"], ["--disable", "OBJ001,SVC001"],
                 ["--disable=SVC001", "--disable", "OBJ001", "--disable", ""]):
        rc, got = rules(args)
        check(rc == 0 and "SVC001" not in got and "OBJ001" not in got, "%s: rc %d, %r" % (" ".join(args), rc, got))
    for args in (["--enable", "SVC001", "--enable", "OBJ001"], ["--enable", "SVC001,OBJ001"],
                 ["--enable", "SVC001", "--enable", "", "--enable", "OBJ001"]):
        rc, got = rules(args)
        check(got == ["OBJ001", "SVC001"], "%s: %r" % (" ".join(args), got))
    rc, got = rules(["--enable", "SVC001", "--enable", "OBJ001", "--disable", "OBJ001"])
    check(got == ["SVC001"], "--enable X --enable Y --disable Y: %r" % got)
    rc, _ = rules(["--enable", "SVC001", "--enable", "NOPE01"])
    check(rc == 2, "an unknown id in a later --enable: rc %d" % rc)


def case_simulate_bounds():
    """simulate's work is bounded: more than 10,000 pods per Deployment is
    refused (it used to run for minutes), -o summary keeps no timeline (its
    memory used to grow with the simulated time), and a timeline beyond
    1,000,000 rows is refused with a hint."""
    import resource
    with open(os.path.join(DATA, "simulate", "12st-mall.yaml")) as f:
        text = f.read()
    with tempfile.TemporaryDirectory() as d:
        def manifest(name, old, new):
            p = os.path.join(d, name)
            with open(p, "w") as f:
                f.write(text.replace(old, new, 1))
            return p
        big = manifest("max.yaml", "maxReplicas: 5", "maxReplicas: 100000")
        rc, out, err = run(["simulate", big, "--hpa", "order-hpa", "--load", "constant 1000000", "--duration", "5m",
                            "-o", "summary"], timeout=30)
        check(rc == 1 and re.search(r"max\.yaml:\d+:\d+: spec\.maxReplicas: HorizontalPodAutoscaler order-hpa: "
                                    r"maxReplicas 100000 is above max_pods \(10000 pods per Deployment\)", err),
              "maxReplicas 100000: rc %r, stderr %r" % (rc, err[:300]))
        ok = manifest("max10k.yaml", "maxReplicas: 5", "maxReplicas: 10000")
        rc, out, err = run(["simulate", ok, "--hpa", "order-hpa", "--duration", "1m", "-o", "summary"], timeout=60)
        check(rc == 0, "maxReplicas 10000: rc %r, stderr %r" % (rc, err[:300]))
        rep = manifest("rep.yaml", "replicas: 1\n", "replicas: 20000\n")
        rc, out, err = run(["simulate", rep, "--hpa", "order-hpa", "--duration", "1m", "-o", "summary"], timeout=30)
        check(rc == 1 and re.search(r"rep\.yaml:\d+:\d+: spec\.replicas: Deployment order: replicas 20000 is above "
                                    r"max_pods", err),
              "spec.replicas 20000: rc %r, stderr %r" % (rc, err[:300]))
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    # -o summary: no timeline, so memory does not grow with the duration
    # (10 days at a 5s sync were 172,800 rows, about 180 MB)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rc, out, err = run(["simulate", manifest, "--hpa", "order-hpa", "--load", "constant 10", "--duration", "10d",
                        "--sync", "5s", "-o", "summary"], timeout=120)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    check(rc == 0 and "decisions:" in out, "-o summary 10d: rc %d" % rc)
    check(rss < 100 * 1024, "-o summary 10d: max RSS %d KB (before %d KB)" % (rss, before))
    # a timeline beyond 1,000,000 rows is refused, naming -o summary
    rc, out, err = run(["simulate", manifest, "--hpa", "all", "--duration", "100d"])
    check(rc == 1 and "-o summary" in err and out == "", "timeline of 1152002 rows: rc %r, %r" % (rc, err[:300]))
    rc, out, err = run(["help", "simulate"])
    check("10,000 pods" in out and "1,000,000 rows" in out, "help simulate documents the bounds")


def case_simulate_bounds_namespace():
    """simulate's pod bound checks the Deployment the simulator reads (the
    one in the HPA's namespace), not the first of that name: a large
    Deployment of the same name elsewhere is not refused, a large one in
    the HPA's namespace is, whatever comes first in the file."""
    with open(os.path.join(DATA, "simulate", "12st-mall.yaml")) as f:
        text = f.read()
    other = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: order\n  namespace: staging\n"
             "spec:\n  replicas: %d\n  selector:\n    matchLabels:\n      app: order\n  template:\n"
             "    metadata:\n      labels:\n        app: order\n    spec:\n      containers:\n"
             "        - name: order\n          image: order:latest\n---\n")
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "other-big.yaml")
        with open(p, "w") as f:
            f.write(other % 20000 + text)
        rc, out, err = run(["simulate", p, "--hpa", "order-hpa", "--duration", "1m", "-o", "summary"], timeout=60)
        check(rc == 0 and "decisions:" in out,
              "a 20000-replica Deployment 'order' in another namespace: rc %r, stderr %r" % (rc, err[:300]))
        p = os.path.join(d, "own-big.yaml")
        with open(p, "w") as f:
            f.write(other % 1 + text.replace("replicas: 1\n", "replicas: 20000\n", 1))
        rc, out, err = run(["simulate", p, "--hpa", "order-hpa", "--duration", "1m", "-o", "summary"], timeout=60)
        check(rc == 1 and "spec.replicas: Deployment order: replicas 20000 is above max_pods" in err,
              "a 20000-replica 'order' after a small one elsewhere: rc %r, stderr %r" % (rc, err[:300]))


def case_usage_errors_are_short():
    """A usage error prints the problem and where the usage is (exit 2), not
    the whole usage text, which used to push the problem off the screen;
    `hpactl help CMD` prints the usage it points at."""
    cases = [
        (["simulate"], "hpactl simulate: missing MANIFEST"),
        (["simulate", "m.yaml", "-o", "xml"], "hpactl simulate: -o wants text, csv, json or summary"),
        (["get"], "hpactl get: missing the resource type (hpa)"),
        (["lint"], "hpactl lint: no input file"),
        (["fmt", "--bogus"], "hpactl fmt: unrecognized option '--bogus'"),
        (["lint", "-x"], "hpactl lint: invalid option -- 'x'"),
        (["explain"], "hpactl explain: --hpa FILE is required"),
        (["render", "a", "b"], "hpactl render: at most one MODEL"),
        (["version", "x"], "hpactl version: unexpected argument"),
    ]
    for args, problem in cases:
        rc, out, err = run(args)
        lines = err.splitlines()
        check(rc == 2 and out == "" and len(lines) == 2 and problem in lines[0]
              and lines[1] == "Run 'hpactl help %s' for its usage." % args[0],
              "%s: rc %r, stderr %r" % (" ".join(args), rc, err[:300]))
        rc, out, err = run(["help", args[0]])
        check(rc == 0 and out.startswith("usage: hpactl " + args[0]) and err == "",
              "help %s: rc %r, stdout %r" % (args[0], rc, out[:80]))


def case_read_errors_say_why():
    """An input that cannot be read gives the reason (a directory used to be
    only "cannot read")."""
    d = tempfile.mkdtemp()
    try:
        for args in (["fmt", d], ["lint", d], ["get", "hpa", d], ["simulate", d, "--hpa", "x"],
                     ["explain", "--hpa", d], ["render", d, "-o", os.path.join(d, "out")]):
            rc, out, err = run(args)
            want = 2 if args[0] == "lint" else 1  # lint: 2 on unreadable files (docs/lint.md)
            check(rc == want and err.startswith("hpactl: " + d + ": ") and err.rstrip().endswith("Is a directory"),
                  "%s DIR: rc %r, stderr %r" % (args[0], rc, err[:300]))
    finally:
        os.rmdir(d)


def case_simulate_flag_bounds():
    """simulate's period flags out of the library's bounds are usage errors
    that name the flag (they said "hpa_sim_options: a duration, period or
    phase is out of range")."""
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    cases = [
        (["--duration", "0"], "--duration must be above 0 and at most 3650d"),
        (["--duration", "3651d"], "--duration must be above 0 and at most 3650d"),
        (["--sync", "0"], "--sync must be above 0 and at most 1d"),
        (["--sync", "25h"], "--sync must be above 0 and at most 1d"),
        (["--resolution", "2d"], "--resolution must be above 0 and at most 1d"),
        (["--tick", "0s"], "--tick must be above 0 and at most 1d"),
        (["--kubelet", "2d"], "--kubelet must be 0 or more and at most 1d"),
        (["--slo", "2d"], "--slo must be 0 or more and at most 1d"),
    ]
    for flags, want in cases:
        rc, out, err = run(["simulate", manifest, "--hpa", "order-hpa", "--load", "constant 10"] + flags)
        check(rc == 2 and want in err and "hpa_sim_options" not in err and out == "",
              "simulate %s: rc %s, stderr %r" % (" ".join(flags), rc, err[:200]))


def case_lint_rules_json():
    """`lint --rules -o json` is a JSON array of the rules (it printed the
    text table); --rules takes no file."""
    import json
    rc, out, err = run(["lint", "--rules", "-o", "json"])
    try:
        rules = json.loads(out)
    except ValueError:
        rules = None
    check(rc == 0 and isinstance(rules, list) and len(rules) > 0
          and all(set(r) == {"id", "severity", "summary"} for r in rules),
          "lint --rules -o json: rc %s, output %r" % (rc, out[:120]))
    rc, text, _ = run(["lint", "--rules"])
    check(rc == 0 and rules is not None and len(text.splitlines()) == len(rules)
          and all(r["id"] in text for r in rules), "lint --rules: the same rules as text")
    rc, out, err = run(["lint", "--rules", "x.yaml"])
    check(rc == 2 and "--rules takes no file" in err, "lint --rules FILE: rc %s, stderr %r" % (rc, err[:100]))


def case_fmt_json_files():
    """`fmt -o json A B` is one JSON text: kubectl's List of the objects of
    both files (it printed two JSON texts one after the other); an unreadable
    file among them fails the run (exit 1) with the others still listed."""
    import json
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    rc, one, _ = run(["fmt", "-o", "json", manifest])
    rc2, two, err = run(["fmt", "-o", "json", manifest, manifest])
    try:
        a, b = json.loads(one), json.loads(two)
    except ValueError:
        a = b = None
    n = len(a["items"]) if a and a.get("kind") == "List" else 1
    check(rc == 0 and rc2 == 0 and b is not None and b.get("kind") == "List" and len(b["items"]) == 2 * n,
          "fmt -o json A A: rc %s, one List of %s objects (got %r)" % (rc2, 2 * n, two[:80]))
    rc, out, err = run(["fmt", "-o", "json", manifest, "/nonexistent.yaml"])
    try:
        c = json.loads(out)
    except ValueError:
        c = None
    check(rc == 1 and c is not None and "nonexistent" in err, "fmt -o json A MISSING: rc %s, stderr %r" % (rc, err[:120]))


def case_lint_json_utf8():
    """`lint -o json` is valid UTF-8 JSON whatever the file name's bytes: a
    byte that is not UTF-8 becomes U+FFFD (it was copied raw), UTF-8 stays."""
    import json
    import shutil
    manifest = os.path.join(DATA, "simulate", "12st-mall.yaml")
    with tempfile.TemporaryDirectory() as d:
        name = os.path.join(os.fsencode(d), b"bad\xffname-\xec\xa3\xbc\xeb\xac\xb8.yaml")
        shutil.copyfile(manifest, name)
        p = subprocess.run([HPACTL, "lint", "-o", "json", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            doc = json.loads(p.stdout.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            doc = None
        want = d + "/bad\ufffdname-\uc8fc\ubb38.yaml"
        files = {f.get("file") for f in doc.get("findings", [])} if isinstance(doc, dict) else set()
        check(doc is not None and files == {want},
              "lint -o json with a non-UTF-8 file name: valid JSON naming %r (got %r)" % (want, p.stdout[:120]))


def case_history_keys():
    """explain --history FILE wants a history: a JSON object with at least
    one of recommendations, scaleUpEvents, scaleDownEvents and no other key.
    Anything else used to read as an empty history, silently."""
    ex = os.path.join(DATA, "explain", "02-scale-down")
    base = ["explain", "--hpa", os.path.join(ex, "hpa.json"), "--target", os.path.join(ex, "target.json"),
            "--pods", os.path.join(ex, "pods.json"), "--metrics", os.path.join(ex, "metrics.json"),
            "--now", "2024-05-01T10:00:00Z"]
    rc, out, err = run(base + ["--history", os.path.join(ex, "history.json")])
    check(rc == 0, "a history file: rc %r, %r" % (rc, err[:300]))
    rc, out, err = run(base + ["--history", os.path.join(ex, "hpa.json")])
    check(rc == 1 and "hpa.json: apiVersion: not a history: unknown key \"apiVersion\"" in err and out == "",
          "an HPA as --history: rc %r, %r" % (rc, err[:300]))
    with tempfile.TemporaryDirectory() as d:
        cases = [('{"foo": 1}', 'unknown key "foo"'),
                 ('{}', "none of recommendations"),
                 ('{"recommendations": [], "scaleUpEvents": [], "extra": {"a": [1, "}"]}}', 'unknown key "extra"'),
                 ('{"scaleDownEvents": [], "kind": "x"}', 'unknown key "kind"')]
        for i, (text, want) in enumerate(cases):
            p = os.path.join(d, "h%d.json" % i)
            with open(p, "w") as f:
                f.write(text)
            rc, out, err = run(base + ["--history", p])
            check(rc == 1 and err.startswith("hpactl: " + p + ": ") and ("not a history: " + want) in err,
                  "%s: rc %r, %r" % (text, rc, err[:300]))
            rc, out, err = run(base + ["--history", "-"], stdin=text)
            check(rc == 1 and err.startswith("hpactl: <stdin>: ") and ("not a history: " + want) in err,
                  "stdin %s: rc %r" % (text, rc))
        for text in ('{"scaleUpEvents": []}', '{ "recommendations" : null ,"scaleDownEvents":[{"timestamp": '
                     '"2024-05-01T09:59:00Z", "replicaChange": 1}]}'):
            p = os.path.join(d, "ok.json")
            with open(p, "w") as f:
                f.write(text)
            rc, out, err = run(base + ["--history", p])
            check(rc == 0, "%s: rc %r, %r" % (text, rc, err[:300]))
        # what --save-history writes reads back
        saved = os.path.join(d, "saved.json")
        rc, out, err = run(base + ["--save-history", saved])
        rc2, out, err2 = run(base + ["--history", saved])
        check(rc == 0 and rc2 == 0, "--save-history then --history: rc %r %r, %r" % (rc, rc2, err2[:300]))


def main():
    global HPACTL, DATA
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    HPACTL, DATA, case = sys.argv[1:]
    fn = globals().get("case_" + case)
    if not fn:
        sys.exit("unknown case " + case)
    fn()
    if FAILS:
        print("%d check(s) failed" % len(FAILS))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
