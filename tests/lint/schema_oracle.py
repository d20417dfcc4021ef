#!/usr/bin/python3
"""Independent oracle for libhpa's validation (run by ctest as lint.schema_oracle).

Claim checked: every document that libhpa accepts (`hpactl lint -o json`
reports no error finding for it) also validates against the Kubernetes 1.36
JSON schemas in the shared k8s-openapi folder, with the logic of its own
validate_manifest.py (imported from there at run time: strict unknown
fields, int-or-string, quantity syntax, nulls dropped). Documents of an
apiVersion removed from Kubernetes (no definition in 1.36) must be rejected
by libhpa (rule API001).

Inputs: every manifest of the shared corpus and every fixture under
tests/data/lint, each file linted on its own. The YAML is read here with
PyYAML, independently of libhpa's codec. Exit 0 when the claim holds, 1 when
it does not, 77 (skipped) when the shared folder is absent.

usage: schema_oracle.py --hpactl PATH --shared DIR --fixtures DIR [--lint-arg ARG]... [-v]
"""
import argparse
import glob
import importlib.util
import json
import os
import subprocess
import sys

import yaml

REMOVED = {
    ("extensions/v1beta1", "Deployment"), ("apps/v1beta1", "Deployment"), ("apps/v1beta2", "Deployment"),
    ("extensions/v1beta1", "DaemonSet"), ("apps/v1beta2", "DaemonSet"), ("extensions/v1beta1", "ReplicaSet"),
    ("apps/v1beta1", "StatefulSet"), ("apps/v1beta2", "StatefulSet"), ("apps/v1beta2", "ReplicaSet"),
    ("extensions/v1beta1", "Ingress"), ("networking.k8s.io/v1beta1", "Ingress"),
    ("autoscaling/v2beta1", "HorizontalPodAutoscaler"), ("autoscaling/v2beta2", "HorizontalPodAutoscaler"),
    ("policy/v1beta1", "PodDisruptionBudget"), ("batch/v1beta1", "CronJob"),
}


def load_validator(shared):
    path = os.path.join(shared, "k8s-openapi", "validate_manifest.py")
    spec = importlib.util.spec_from_file_location("validate_manifest", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    defs, gvk = mod.prepare(mod.load_definitions(mod.SPECS), strict=True)
    return mod, defs, gvk


def lint(hpactl, path, extra):
    p = subprocess.run([hpactl, "lint", "-o", "json"] + extra + [path], capture_output=True, text=True)
    if p.returncode not in (0, 1):
        raise RuntimeError("%s: hpactl lint exited %d: %s" % (path, p.returncode, p.stderr.strip()))
    return json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hpactl", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--fixtures", required=True)
    ap.add_argument("--lint-arg", action="append", default=[],
                    help="extra hpactl lint argument (the self-test weakens libhpa to see the oracle fail)")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.shared, "k8s-openapi", "validate_manifest.py")):
        print("skipped: no shared k8s-openapi folder at %s" % a.shared)
        return 77
    mod, defs, gvk = load_validator(a.shared)
    files = sorted(glob.glob(os.path.join(a.shared, "corpus", "*", "*.y*ml")))
    files += sorted(glob.glob(os.path.join(a.fixtures, "**", "*.yaml"), recursive=True))
    failures = []
    checked = accepted = rejected = removed_ok = 0
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                docs = list(yaml.safe_load_all(f))
        except yaml.YAMLError:
            continue  # not YAML for PyYAML either (e.g. the test.yml reproduction)
        out = lint(a.hpactl, path, a.lint_arg)
        if any(f["rule"] == "PARSE" for f in out["findings"]):
            continue  # libhpa accepted nothing in this file
        errors_by_doc = {}
        for f in out["findings"]:
            if f["severity"] == "error":
                errors_by_doc.setdefault(f["document"], []).append(f)
        for i, obj in enumerate(docs):
            if not isinstance(obj, dict):
                continue
            key = (obj.get("apiVersion"), obj.get("kind"))
            name = (obj.get("metadata") or {}).get("name") if isinstance(obj.get("metadata"), dict) else None
            errs = errors_by_doc.get(i, [])
            for f in errs:
                # the document index libhpa reports must be the same document
                if f["kind"] != (key[1] or "") or (f["name"] or None) != (name or None):
                    failures.append("%s doc %d: finding for %s/%s lands on %s/%s (document index mismatch)"
                                    % (path, i, f["kind"], f["name"], key[1], name))
            if key in REMOVED:
                if any(f["rule"] == "API001" for f in errs):
                    removed_ok += 1
                else:
                    failures.append("%s doc %d: %s %s is removed in 1.36 but libhpa does not report API001"
                                    % (path, i, key[0], key[1]))
                continue
            if key not in gvk:
                continue  # not a kind of the 1.36 subset: nothing to compare
            checked += 1
            if errs:
                rejected += 1
                continue
            accepted += 1
            _, schema_errors, _ = mod.validate(obj, defs, gvk)
            if schema_errors:
                failures.append("%s doc %d %s/%s: accepted by libhpa, rejected by the schema: %s"
                                % (path, i, key[1], name, "; ".join(schema_errors[:3])))
            elif a.v:
                print("ok   %s doc %d %s/%s" % (path, i, key[1], name))
    print("schema oracle: %d files, %d documents of the 1.36 kinds (%d accepted by libhpa, %d rejected), "
          "%d removed-apiVersion documents flagged" % (len(files), checked, accepted, rejected, removed_ok))
    for f in failures:
        print("FAIL " + f)
    if accepted < 20:
        print("FAIL too few accepted documents to say anything (%d)" % accepted)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
