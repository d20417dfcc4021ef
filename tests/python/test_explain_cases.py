"""The explain fixtures of the C tests (tests/data/explain, expectations in
tests/explain/cases.json, worked out by hand in each fixture's README.md)
through hpa.explain: the same decision and the same explanation lines that
`hpactl explain` must print."""

import json
import os
import unittest

import support
import hpa

DATA = os.path.join(support.DATA, "explain")
CASES = os.path.join(support.SOURCE_DIR, "tests", "explain", "cases.json")
NOW = "2024-05-01T10:00:00Z"  # tests/data/explain/README.md


def load(d, name):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        return None
    with open(p, encoding="utf-8") as f:
        return json.load(f)


class ExplainCases(unittest.TestCase):
    def test_cases(self):
        with open(CASES, encoding="utf-8") as f:
            cases = json.load(f)
        self.assertTrue(cases)
        for case in cases:
            with self.subTest(case=case["case"]):
                d = os.path.join(DATA, case["case"])
                hist = None
                if os.path.exists(os.path.join(d, "history.json")):
                    with open(os.path.join(d, "history.json"), encoding="utf-8") as f:
                        hist = hpa.History.from_json(f.read())
                r = hpa.explain(load(d, "hpa.json"), load(d, "target.json"), load(d, "pods.json"),
                                load(d, "metrics.json"), now=NOW, history=hist,
                                custom_metrics=load(d, "custom.json"), external_metrics=load(d, "external.json"))
                want = case["json"]
                self.assertEqual(r.desired_replicas, want["desiredReplicas"])
                if "rescale" in want:
                    self.assertEqual(r.rescale, want["rescale"])
                if "error" in want:
                    self.assertEqual(r.error, want["error"])
                if "metricReplicas" in want:
                    self.assertEqual(r.metric_replicas, want["metricReplicas"])
                if "limitReason" in want:
                    self.assertEqual(r.limit_reason, want["limitReason"])
                for m, wm in zip(r.metrics, want.get("metrics", [])):
                    for key, attr in (("replicas", "replicas"), ("ready", "ready"), ("unready", "unready"),
                                      ("missing", "missing"), ("valid", "valid"), ("samples", "samples"),
                                      ("rebalanced", "rebalanced"), ("failureReason", "failure_reason")):
                        if key in wm:
                            self.assertEqual(getattr(m, attr), wm[key], key)
                    cur = wm.get("current", {})
                    if "averageUtilization" in cur:
                        self.assertEqual(m.average_utilization, cur["averageUtilization"])
                    if "averageValue" in cur:
                        self.assertEqual(m.average_value_milli, hpa.milli(cur["averageValue"]))
                for line in case.get("text", []):
                    self.assertIn(line, r.text)


if __name__ == "__main__":
    unittest.main()
