"""The HPA decision through the Python binding: the decision vectors of the C
tests (tests/decide/vectors/*.json, expectations ported from upstream's
replica_calculator_test.go / horizontal_test.go), agreement with the C
runner vector by vector, and decide/explain from real Kubernetes objects
(expected values computed by hand below, from docs/hpa-algorithm.md)."""

import glob
import os
import re
import subprocess
import unittest

import support
import vectors
import hpa

NOW = "2024-05-01T12:00:00Z"
HOUR_AGO = "2024-05-01T11:00:00Z"


def c_runner_results(path):
    """[(name, passed)] from tests/decide/run_vectors.c (-v prints every vector)."""
    out = subprocess.run([support.RUN_VECTORS, "-v", path], capture_output=True, text=True).stdout
    res = []
    for line in out.splitlines():
        m = re.match(r"^(ok  |FAIL) (.*?): (.*?)( \[.*\])?$", line)
        if m and m.group(2) == path:
            res.append((m.group(3), m.group(1) == "ok  "))
    return res


class Vectors(unittest.TestCase):
    def files(self):
        fs = sorted(glob.glob(os.path.join(support.VECTORS, "*.json")))
        self.assertTrue(fs, "no vector files")
        return fs

    def test_all_vectors_pass(self):
        total = 0
        for f in self.files():
            for name, fails in vectors.evaluate_file(f):
                total += 1
                with self.subTest(file=os.path.basename(f), vector=name):
                    self.assertEqual(fails, [])
        self.assertGreater(total, 200)

    def test_selftest_vectors_fail(self):
        # the runner must be able to fail: wrong expectations and unknown fields
        for f in sorted(glob.glob(os.path.join(support.SELFTEST, "*.json"))):
            res = vectors.evaluate_file(f)
            self.assertTrue(res)
            for name, fails in res:
                with self.subTest(file=os.path.basename(f), vector=name):
                    self.assertNotEqual(fails, [])

    @unittest.skipUnless(support.RUN_VECTORS and os.path.exists(support.RUN_VECTORS or ""), "HPA_RUN_VECTORS not set")
    def test_agrees_with_c_runner(self):
        files = self.files() + sorted(glob.glob(os.path.join(support.SELFTEST, "*.json")))
        for f in files:
            c = c_runner_results(f)
            py = [(n, not fails) for n, fails in vectors.evaluate_file(f)]
            with self.subTest(file=os.path.basename(f)):
                self.assertEqual(len(c), len(py))
                self.assertEqual(c, py)


def deployment(replicas=2):
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "order", "namespace": "shop"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "order"}},
                 "template": {"metadata": {"labels": {"app": "order"}},
                              "spec": {"containers": [{"name": "order", "image": "order:1"}]}}},
        "status": {"replicas": replicas},
    }


def hpa_dict(metrics, behavior=None):
    spec = {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "order"},
            "minReplicas": 1, "maxReplicas": 5, "metrics": metrics}
    if behavior is not None:
        spec["behavior"] = behavior
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "order-hpa", "namespace": "shop"}, "spec": spec}


def pod(name, app="order", cpu="200m", memory="256Mi"):
    return {"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": name, "namespace": "shop", "labels": {"app": app}},
            "spec": {"containers": [{"name": "order", "image": "order:1",
                                     "resources": {"requests": {"cpu": cpu, "memory": memory}}}]},
            "status": {"phase": "Running", "startTime": HOUR_AGO,
                       "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": HOUR_AGO}]}}


def pod_metrics(name, cpu, memory, app="order"):
    return {"apiVersion": "metrics.k8s.io/v1beta1", "kind": "PodMetrics",
            "metadata": {"name": name, "namespace": "shop", "labels": {"app": app}},
            "timestamp": "2024-05-01T11:59:50Z", "window": "30s",
            "containers": [{"name": "order", "usage": {"cpu": cpu, "memory": memory}}]}


CPU50 = [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]


class FromObjects(unittest.TestCase):
    def pods(self):
        # a PodList as `kubectl get pods -o json` gives it; the third pod belongs to another app
        return {"apiVersion": "v1", "kind": "List",
                "items": [pod("order-a"), pod("order-b"), pod("cart-x", app="cart")]}

    def metrics(self, cpu="300m", memory="1Gi"):
        return {"apiVersion": "metrics.k8s.io/v1beta1", "kind": "PodMetricsList",
                "items": [pod_metrics("order-a", cpu, memory), pod_metrics("order-b", cpu, memory),
                          pod_metrics("cart-x", "900m", memory, app="cart")]}

    def test_now_at_the_ends_of_int64(self):
        # any int64 ms is a time: the decision does not need to format it
        for now in (2**63 - 1, -2**63):
            d = hpa.decide(hpa_dict(CPU50), deployment(), self.pods(), self.metrics(), now=now)
            self.assertEqual(d.desired_replicas, 4)
        # the metric items of the {name: value} shorthands carry RFC 3339 timestamps:
        # a time beyond years 0000-9999 is a clear ValueError (was an OverflowError)
        with self.assertRaisesRegex(ValueError, "0000-9999"):
            hpa.decide(hpa_dict(CPU50), deployment(), self.pods(), self.metrics(), now=2**63 - 1,
                       custom_metrics={"rps": {"order-a": 5}})
        from hpa._decide import _rfc3339
        self.assertEqual(_rfc3339(-62167219200000), "0000-01-01T00:00:00Z")
        self.assertEqual(_rfc3339(-62135596800001), "0000-12-31T23:59:59.999Z")
        self.assertEqual(_rfc3339(253402300799999), "9999-12-31T23:59:59.999Z")
        self.assertEqual(_rfc3339(-1), "1969-12-31T23:59:59.999Z")

    def test_cpu_utilization_scale_up_limited(self):
        # usage 300m + 300m over requests 200m + 200m = 150 %; ratio 150/50 = 3,
        # 3 x 2 ready pods = 6; legacy (no behavior) scale-up limit max(2 x 2, 4) = 4
        d = hpa.decide(hpa_dict(CPU50), deployment(), self.pods(), self.metrics(), now=NOW)
        self.assertEqual(d.current_replicas, 2)
        self.assertEqual(d.metric_replicas, 6)
        self.assertEqual(d.desired_replicas, 4)
        self.assertEqual(d.limit_reason, "ScaleUpLimit")
        self.assertTrue(d.rescale)
        self.assertEqual(d.metrics[0].average_utilization, 150)
        self.assertEqual(d.metrics[0].ready, 2)  # cart-x is not selected
        self.assertEqual(d.targets, "cpu: 150%/50%")
        self.assertEqual([(c.type, c.status, c.reason) for c in d.conditions],
                         [("AbleToScale", "True", "SucceededRescale"), ("ScalingActive", "True", "ValidMetricFound"),
                          ("ScalingLimited", "True", "ScaleUpLimit")])

    def test_memory_average_value(self):
        # 1Gi average over a 512Mi target: ratio 2, 2 x 2 = 4 = the legacy limit: within range
        mem = [{"type": "Resource", "resource": {"name": "memory",
                                                 "target": {"type": "AverageValue", "averageValue": "512Mi"}}}]
        d = hpa.decide(hpa_dict(mem), deployment(), self.pods(), self.metrics(), now=NOW)
        self.assertEqual(d.desired_replicas, 4)
        self.assertEqual(d.limit_reason, "DesiredWithinRange")
        self.assertEqual(d.metrics[0].average_value_milli, 1024 ** 3 * 1000)
        self.assertEqual(d.targets, "memory: 1Gi/512Mi")

    def test_within_tolerance(self):
        # 110m + 110m over 400m = 55 %: ratio 1.1, |1.1 - 1| <= 0.1: no change
        d = hpa.decide(hpa_dict(CPU50), deployment(), self.pods(), self.metrics(cpu="110m"), now=NOW)
        self.assertEqual(d.desired_replicas, 2)
        self.assertFalse(d.rescale)

    def test_pods_metric_and_behavior(self):
        # custom metric qps: 30 + 50 per pod against an average of 10: ratio 80 / 2 / 10 = 4, 4 x 2 = 8;
        # behavior scaleUp: one policy Pods 1 / 60 s -> limit current + 1 = 3
        m = [{"type": "Pods", "pods": {"metric": {"name": "qps"}, "target": {"type": "AverageValue",
                                                                           "averageValue": "10"}}}]
        b = {"scaleUp": {"policies": [{"type": "Pods", "value": 1, "periodSeconds": 60}]}}
        d = hpa.decide(hpa_dict(m, b), deployment(), self.pods(), None, now=NOW,
                       custom_metrics={"qps": {"order-a": "30", "order-b": "50"}})
        self.assertEqual(d.metric_replicas, 8)
        self.assertEqual(d.desired_replicas, 3)
        self.assertEqual(d.limit_reason, "ScaleUpLimit")

    def test_explain_and_history(self):
        h = hpa.History()
        e = hpa.explain(hpa_dict(CPU50), deployment(), self.pods(), self.metrics(), now=NOW, history=h, record=True)
        text = str(e)
        self.assertIn("cpu resource utilization (percentage of request)", text)
        self.assertIn("150%", text)          # current utilization (hand computed above)
        self.assertIn("desired 4", text)
        self.assertIn("order-a", text)
        self.assertEqual(e.metrics[0].pod_classes, {"order-a": "ready", "order-b": "ready"})
        # the first decision of a fresh history records (current, now) then the recommendation
        self.assertTrue(h.has_recommendations)
        self.assertEqual([r.replicas for r in h.recommendations], [2, 6])
        self.assertEqual(hpa.History.from_json(h.to_json()).recommendations, h.recommendations)

    def test_objects_from_yaml_and_bad_input(self):
        m = hpa.load_all(hpa.dump_all([hpa_dict(CPU50), deployment()]))
        d = hpa.decide(m[0], m[1], self.pods(), self.metrics(), now=NOW)
        self.assertEqual(d.desired_replicas, 4)
        with self.assertRaises(hpa.Error):
            hpa.decide(deployment(), deployment(), now=NOW)  # not an HPA
        bad = self.metrics()
        bad["items"][0]["window"] = "soon"
        with self.assertRaises(hpa.ParseError):
            hpa.decide(hpa_dict(CPU50), deployment(), self.pods(), bad, now=NOW)


if __name__ == "__main__":
    unittest.main()
