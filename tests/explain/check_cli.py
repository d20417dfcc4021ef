#!/usr/bin/python3
"""End-to-end checks of `hpactl explain` and `hpactl get hpa`.

    check_cli.py HPACTL DATA_DIR MODE [ARGS]

MODE
  cases CASES.json VECTORS.json [CASE]
        run `hpactl explain` on each fixture of tests/data/explain (JSON and
        text output) and compare with the hand-computed expectations of
        CASES.json; the decision (desiredReplicas, rescale, error, conditions)
        must also equal the expectation of the vector of the same inputs in
        VECTORS.json, which the run-vectors ctest checks against hpa_decide
        directly: the decision inside hpactl is the one hpa_decide gives.
  selftest CASES.json VECTORS.json
        the same comparison with one expectation deliberately wrong: must fail
  lab   `hpactl get hpa` on the lab's HPAs with status (exact table)
  render  `hpactl render -q --stdout | hpactl get hpa -` (the 12st-mall model)
  bad   bad input: errors (exit 1, the object and field named) or the upstream
        condition (exit 0), never a crash
Exit 0 when every check passes, 1 otherwise.
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

NOW = "2024-05-01T10:00:00Z"
FAILS = []


def fail(msg):
    FAILS.append(msg)
    print("FAIL: " + msg)


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=60)
    if p.returncode < 0 or p.returncode > 2:
        fail("%s: crashed or odd exit status %d\n%s" % (" ".join(cmd), p.returncode, p.stderr))
    return p


def explain_args(hpactl, d, extra=()):
    args = [hpactl, "explain", "--hpa", os.path.join(d, "hpa.json"), "--now", NOW]
    for opt, f in (("--target", "target.json"), ("--pods", "pods.json"), ("--metrics", "metrics.json"),
                   ("--custom", "custom.json"), ("--external", "external.json"), ("--history", "history.json")):
        if os.path.exists(os.path.join(d, f)):
            args += [opt, os.path.join(d, f)]
    return args + list(extra)


def subset(where, want, got):
    """want must be contained in got: dicts by key, lists by index, scalars equal."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            fail("%s: expected an object, got %r" % (where, got))
            return
        for k, v in want.items():
            if k not in got:
                fail("%s.%s: missing" % (where, k))
            else:
                subset("%s.%s" % (where, k), v, got[k])
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) < len(want):
            fail("%s: expected a list of at least %d, got %r" % (where, len(want), got))
            return
        for i, v in enumerate(want):
            subset("%s[%d]" % (where, i), v, got[i])
    elif want != got:
        fail("%s: expected %r, got %r" % (where, want, got))


def check_cases(hpactl, data, cases_path, vectors_path, only=None, sabotage=False):
    cases = json.load(open(cases_path))
    vectors = {v["name"]: v for v in json.load(open(vectors_path))}
    if sabotage:
        cases[0]["json"]["desiredReplicas"] += 1
    n = 0
    for c in cases:
        if only and c["case"] != only:
            continue
        n += 1
        d = os.path.join(data, c["case"])
        p = run(explain_args(hpactl, d, ["-o", "json"]))
        if p.returncode != 0:
            fail("%s: hpactl explain -o json exited %d: %s" % (c["case"], p.returncode, p.stderr))
            continue
        try:
            got = json.loads(p.stdout)
        except ValueError as e:
            fail("%s: output is not JSON (%s)" % (c["case"], e))
            continue
        subset(c["case"], c["json"], got)
        # the decision equals the direct hpa_decide vector's expectation
        v = vectors[c["vector"]]["expect"]
        conds = [[x["type"], x["status"], x["reason"]] for x in got["conditions"]]
        for key, val in (("desiredReplicas", got["desiredReplicas"]), ("scaleUpdated", got["rescale"]),
                         ("error", got["error"]), ("conditions", conds)):
            if key in v and v[key] != val:
                fail("%s: %s %r differs from the vector's %r" % (c["case"], key, val, v[key]))
        if "cpuUtilization" in v:
            cu = got["metrics"][0]["current"].get("averageUtilization")
            if cu != v["cpuUtilization"]:
                fail("%s: cpu utilization %r differs from the vector's %r" % (c["case"], cu, v["cpuUtilization"]))
        p = run(explain_args(hpactl, d))
        if p.returncode != 0:
            fail("%s: hpactl explain exited %d: %s" % (c["case"], p.returncode, p.stderr))
            continue
        for line in c["text"]:
            if line not in p.stdout:
                fail("%s: the text lacks %r" % (c["case"], line))
        if FAILS:
            print(p.stdout)
    if not n:
        fail("no case ran")


LAB_TABLE = (
    "NAME          REFERENCE            TARGETS           MINPODS   MAXPODS   REPLICAS   AGE\n"
    "order-hpa     Deployment/order     cpu: 422%/20%     1         5         5          30m\n"
    "product-hpa   Deployment/product   memory: 51%/20%   1         5         5          30m\n")


def check_lab(hpactl, data):
    f = os.path.join(data, "lab-status", "hpas.json")
    p = run([hpactl, "get", "hpa", f, "--now", NOW])
    if p.returncode != 0 or p.stdout != LAB_TABLE:
        fail("get hpa lab-status: exit %d\n--- got\n%s--- expected\n%s%s" % (p.returncode, p.stdout, LAB_TABLE,
                                                                            p.stderr))
    p = run([hpactl, "get", "hpa", f, "--now", NOW, "--no-headers"])
    # without the header line the REPLICAS column is sized by its cells (tabwriter)
    if p.stdout != ("order-hpa     Deployment/order     cpu: 422%/20%     1         5         5         30m\n"
                    "product-hpa   Deployment/product   memory: 51%/20%   1         5         5         30m\n"):
        fail("get hpa --no-headers:\n" + p.stdout)
    p = run([hpactl, "get", "hpa", f, "--now", NOW, "-o", "wide"])
    lines = p.stdout.splitlines()
    if len(lines) != 3 or lines[0].split() != ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS",
                                                "DESIRED", "AGE"] or "cpu: 422%/20%" not in lines[1]:
        fail("get hpa -o wide:\n" + p.stdout)
    # from stdin, and with no HPA at all
    p = run([hpactl, "get", "hpa", "-", "--now", NOW], stdin=open(f).read())
    if p.stdout != LAB_TABLE:
        fail("get hpa - (stdin):\n" + p.stdout)
    p = run([hpactl, "get", "hpa", os.path.join(data, "01-scale-up", "target.json")])
    if p.returncode != 0 or p.stdout or "No resources found" not in p.stderr:
        fail("get hpa without HPAs: %d %r %r" % (p.returncode, p.stdout, p.stderr))


def check_render(hpactl):
    r = run([hpactl, "render", "-q", "--stdout"])
    if r.returncode != 0:
        fail("hpactl render failed: " + r.stderr)
        return
    p = run([hpactl, "get", "hpa", "-"], stdin=r.stdout)
    rows = {}
    for line in p.stdout.splitlines()[1:]:
        cells = line.split()
        rows[cells[0]] = cells
    want = {"order-hpa": ["order-hpa", "Deployment/order", "cpu:", "<unknown>/20%", "1", "5", "0", "<unknown>"],
            "product-hpa": ["product-hpa", "Deployment/product", "memory:", "<unknown>/20%", "1", "5", "0",
                            "<unknown>"]}
    if p.returncode != 0 or rows != want:
        fail("render | get hpa -:\n%s%s" % (p.stdout, p.stderr))


def bad(hpactl, data):
    tmp = tempfile.mkdtemp(prefix="explain-bad-")
    try:
        base = os.path.join(data, "05-missing-metrics")

        def variant(name, edit_file=None, edit=None):
            d = os.path.join(tmp, name)
            shutil.copytree(base, d)
            if edit_file:
                path = os.path.join(d, edit_file)
                obj = json.load(open(path))
                obj = edit(obj) or obj
                json.dump(obj, open(path, "w"))
            return d

        def expect_error(name, d, needles, extra=()):
            p = run(explain_args(hpactl, d, extra))
            if p.returncode != 1:
                fail("%s: expected exit 1, got %d\n%s%s" % (name, p.returncode, p.stdout, p.stderr))
            for s in needles:
                if s not in p.stderr:
                    fail("%s: stderr lacks %r: %s" % (name, s, p.stderr))

        def expect_decision(name, d, needles, extra=()):
            p = run(explain_args(hpactl, d, extra))
            if p.returncode != 0:
                fail("%s: expected exit 0, got %d: %s" % (name, p.returncode, p.stderr))
            for s in needles:
                if s not in p.stdout:
                    fail("%s: output lacks %r:\n%s" % (name, s, p.stdout))

        def set_path(obj, path, value):
            o = obj
            for k in path[:-1]:
                o = o[k]
            o[path[-1]] = value

        expect_error("negative replicas", variant("neg", "target.json",
                     lambda o: set_path(o, ["spec", "replicas"], -3)),
                     ["Deployment default/order", "spec.replicas", "negative replica count -3"])
        d = variant("scale-huge", "target.json", lambda o: {
            "apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": {"name": "order", "namespace": "default"},
            "spec": {"replicas": 99999999999}, "status": {"replicas": 4, "selector": "app=order"}})
        expect_error("absurd replicas", d, ["Scale default/order", "spec.replicas", "out of the int32 range"])
        expect_error("min > max", variant("minmax", "hpa.json", lambda o: set_path(o, ["spec", "minReplicas"], 11)),
                     ["HorizontalPodAutoscaler default/order-hpa", "spec.minReplicas",
                      "minReplicas (11) must be less than or equal to maxReplicas (10)"])

        def bad_start(o):
            o["items"][1]["status"]["startTime"] = "2024-05-01 09:00:00"
        expect_error("malformed pod timestamp", variant("ts", "pods.json", bad_start),
                     ["Pod default/order-5d8f7c9b4-fghij", "status.startTime", "malformed timestamp"])

        def bad_window(o):
            o["items"][0]["window"] = "15 seconds"
        expect_error("malformed window", variant("win", "metrics.json", bad_window),
                     ["order-5d8f7c9b4-abcde", "window", "malformed duration"])

        def bad_qty(o):
            o["items"][0]["containers"][0]["usage"]["cpu"] = "10 m"
        expect_error("malformed usage", variant("qty", "metrics.json", bad_qty),
                     ["containers[0].usage.cpu", "malformed quantity"])
        # wrong kinds
        d = variant("kind-hpa")
        expect_error("a Deployment as the HPA", d, ["expected an autoscaling/v2 HorizontalPodAutoscaler",
                                                      "apps/v1 Deployment"],
                     ["--hpa", os.path.join(d, "target.json")])
        d = variant("kind-pods")
        expect_error("a Deployment as the pod list", d, ["the pod list holds a Deployment"],
                     ["--pods", os.path.join(d, "target.json")])
        d = variant("kind-target")
        expect_error("pods as the target", d, ["expected the scale target"],
                     ["--target", os.path.join(d, "pods.json")])
        expect_error("another Deployment as the target", variant("other", "target.json",
                     lambda o: set_path(o, ["metadata", "name"], "product")),
                     ["is not the scale target of HorizontalPodAutoscaler order-hpa"])
        # what the controller tolerates: an empty pod list
        expect_decision("empty pod list", variant("empty", "pods.json", lambda o: set_path(o, ["items"], [])),
                        ["ScalingActive   False  FailedGetResourceMetric", "no pods returned by selector",
                         "0 selected of 0 listed"])
        # metrics for pods that are not listed: one of this workload (the API
        # returns it: a superfluous sample that counts in the rebalanced
        # sample count) and one of another workload (not returned: dropped).
        # By hand: util 32 -> ratio 0.64 over 3 samples + 1 filled + 1
        # superfluous = 5 -> ceil(3.2) = 4 = current: no scale down (without
        # the superfluous sample it is 3, fixture 05).
        def orphans(o):
            extra = copy.deepcopy(o["items"][0])
            extra["metadata"]["name"] = "order-5d8f7c9b4-gone1"
            other = copy.deepcopy(o["items"][0])
            other["metadata"]["name"] = "product-6c7d8e9f0-gone2"
            other["metadata"]["labels"] = {"app": "product"}
            o["items"] += [extra, other]
        expect_decision("metrics for unknown pods", variant("orphans", "metrics.json", orphans),
                        ["Decision: keep 4 replicas", "+ 1 sample(s) for pods not in the pod list",
                         "1 metric items of other pods dropped", "recomputed over 5 samples"])
        # no metrics at all
        d = variant("nometrics")
        os.remove(os.path.join(d, "metrics.json"))
        expect_decision("no metrics", d, ["no metrics returned from resource metrics API"])
        # usage errors
        p = run([hpactl, "explain", "--pods", os.path.join(base, "pods.json")])
        if p.returncode != 2:
            fail("explain without --hpa: exit %d" % p.returncode)
        p = run([hpactl, "explain", "--hpa", "-", "--pods", "-"])
        if p.returncode != 2:
            fail("explain with stdin twice: exit %d" % p.returncode)
        p = run([hpactl, "explain", "--hpa", os.path.join(base, "hpa.json"), "--now", "yesterday"])
        if p.returncode != 2 or "malformed RFC 3339 timestamp" not in p.stderr:
            fail("explain --now yesterday: %d %s" % (p.returncode, p.stderr))
    finally:
        shutil.rmtree(tmp)


def main(argv):
    if len(argv) < 4:
        print(__doc__)
        return 2
    hpactl, data, mode = argv[1], argv[2], argv[3]
    if mode == "cases":
        check_cases(hpactl, data, argv[4], argv[5], argv[6] if len(argv) > 6 else None)
    elif mode == "selftest":
        check_cases(hpactl, data, argv[4], argv[5], "01-scale-up", sabotage=True)
    elif mode == "lab":
        check_lab(hpactl, data)
    elif mode == "render":
        check_render(hpactl)
    elif mode == "bad":
        bad(hpactl, data)
    else:
        print("unknown mode " + mode)
        return 2
    print("%s: %s" % (mode, "FAILED (%d)" % len(FAILS) if FAILS else "ok"))
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
