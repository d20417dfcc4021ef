#!/usr/bin/python3
"""Load the codec benchmark manifest (bench/gen_manifest.c: 10,000 objects,
a quarter each of Deployment, Service, Ingress, HorizontalPodAutoscaler,
seeded) from Python, three ways, and print one table:

  hpa        hpa.load_all(text) and a view object per manifest object
             (typed access by path: every field is read from the C tree);
             also: the same plus to_dict() of every object (full Python copy)
  PyYAML     yaml.load_all(text, Loader=yaml.CSafeLoader) -> plain dicts
             (Debian's python3-yaml with libyaml)
  k8s client PyYAML dicts -> the official client's typed models
             (ApiClient's deserializer, as for an API response), and the
             whole path text -> typed models

  bench_bindings.py [--gen build/bench/gen_manifest] [-n 10000] [-s SEED] [--rounds 3] [--yaml FILE]

Run it with PYTHONPATH pointing at the build tree's python/ directory (or an
installed hpa). Times are the best of --rounds runs, on one core.
"""

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time


def best(fn, rounds):
    t_best, result = None, None
    for _ in range(rounds):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        t_best = dt if t_best is None or dt < t_best else t_best
    return t_best, result


def find_gen(arg):
    if arg:
        return arg
    here = os.path.dirname(os.path.abspath(__file__))
    for d in ("build/release", "build", "build-bindings", "build-codec-rel"):
        p = os.path.join(here, "..", d, "bench", "gen_manifest")
        if os.path.exists(p):
            return p
    sys.exit("bench_bindings: gen_manifest not found (build the bench target, or pass --gen)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen")
    ap.add_argument("--yaml")
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("-s", "--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()

    import hpa
    import yaml
    from kubernetes import client as k8s

    with tempfile.TemporaryDirectory() as tmp:
        path = a.yaml
        if not path:
            path = os.path.join(tmp, "bench.yaml")
            subprocess.run([find_gen(a.gen), "-n", str(a.n), "-s", str(a.seed), path,
                            os.path.join(tmp, "bench.json")], check=True, capture_output=True)
        with open(path, "rb") as f:
            data = f.read()
    text = data.decode("utf-8")

    def hpa_objects():
        m = hpa.load_all(data)
        return list(m)

    def hpa_dicts():
        return [o.to_dict() for o in hpa.load_all(data)]

    def pyyaml():
        return [d for d in yaml.load_all(text, Loader=yaml.CSafeLoader) if d]

    api = k8s.ApiClient()
    models = {"Deployment": "V1Deployment", "Service": "V1Service", "Ingress": "V1Ingress",
              # python3-kubernetes 22.6 (Kubernetes 1.22) has no autoscaling/v2 model: v2beta2 has the same shape
              "HorizontalPodAutoscaler": "V2beta2HorizontalPodAutoscaler"}
    deserialize = api._ApiClient__deserialize

    t_hpa, objs = best(hpa_objects, a.rounds)
    t_hpa_dicts, hdicts = best(hpa_dicts, a.rounds)
    t_yaml, dicts = best(pyyaml, a.rounds)
    t_typed, typed = best(lambda: [deserialize(d, models[d["kind"]]) for d in dicts], a.rounds)
    t_k8s_total = t_yaml + t_typed

    # sanity: the same objects, the same values
    assert len(objs) == len(dicts) == len(typed) == len(hdicts), (len(objs), len(dicts), len(typed))
    assert hdicts == dicts, "hpa.to_dict() differs from PyYAML"
    i = next(i for i, d in enumerate(dicts) if d["kind"] == "Deployment")
    assert objs[i].spec.template.spec.containers[0].image == typed[i].spec.template.spec.containers[0].image
    h = next(i for i, d in enumerate(dicts) if d["kind"] == "HorizontalPodAutoscaler")
    assert objs[h].spec.max_replicas == typed[h].spec.max_replicas

    # typed access after loading: read one nested field of every Deployment
    deps = [o for o in objs if o.kind == "Deployment"]
    tdeps = [t for t in typed if t.kind == "Deployment"]
    t_access_hpa, _ = best(lambda: [o.spec.template.spec.containers[0].image for o in deps], a.rounds)
    t_access_k8s, _ = best(lambda: [t.spec.template.spec.containers[0].image for t in tdeps], a.rounds)

    mb = len(data) / 1e6
    print("bench_bindings (Python %s): %d objects, %.2f MB of YAML, best of %d" % (
        sys.version.split()[0], len(objs), mb, a.rounds))
    rows = [
        ("hpa.load_all -> objects (views)", t_hpa),
        ("hpa.load_all -> objects -> to_dict()", t_hpa_dicts),
        ("PyYAML CSafeLoader -> dicts", t_yaml),
        ("k8s client: dicts -> typed models", t_typed),
        ("k8s client: text -> typed models (total)", t_k8s_total),
    ]
    for name, t in rows:
        print("  %-44s %9.1f ms  %7.1f MB/s  %9.0f objects/s" % (name, t * 1000, mb / t, len(objs) / t))
    print("  speed-up of hpa objects vs PyYAML dicts:        %5.1fx (target >= 3x)" % (t_yaml / t_hpa))
    print("  speed-up of hpa objects vs typed client (total): %5.1fx (target >= 10x)" % (t_k8s_total / t_hpa))
    print("  speed-up of hpa to_dict() vs PyYAML dicts:       %5.1fx" % (t_yaml / t_hpa_dicts))
    print("  field access spec.template.spec.containers[0].image x %d: hpa %.1f ms, k8s models %.1f ms" % (
        len(deps), t_access_hpa * 1000, t_access_k8s * 1000))


if __name__ == "__main__":
    main()
