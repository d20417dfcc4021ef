"""No leaks: 100,000 load / dump / decide calls keep the resident set flat
(a generous bound: the loop itself allocates nothing that should survive)."""

import gc
import unittest

import support
import hpa

TEXT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: order}
spec: {replicas: 2, template: {spec: {containers: [{name: order, image: "order:1"}]}}}
"""
HPA = hpa.load("""apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: order-hpa}
spec:
  scaleTargetRef: {kind: Deployment, name: order}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
""")
CALLS = 100_000
TS = "2024-05-01T11:00:00Z"
AUTOSCALER = hpa.HorizontalPodAutoscaler(
    name="order-hpa", namespace="shop", min_replicas=1, max_replicas=5,
    scale_target_ref={"apiVersion": "apps/v1", "kind": "Deployment", "name": "order"},
    metrics=[{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization",
                                                                          "averageUtilization": 50}}}])
DEPLOYMENT = hpa.Deployment(name="order", namespace="shop", replicas=2,
                            selector={"matchLabels": {"app": "order"}}, status={"replicas": 2})
PODS = [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": n, "namespace": "shop", "labels": {"app": "order"}},
         "spec": {"containers": [{"name": "order", "resources": {"requests": {"cpu": "200m"}}}]},
         "status": {"phase": "Running", "startTime": TS,
                    "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": TS}]}}
        for n in ("order-a", "order-b")]
USAGE = [{"apiVersion": "metrics.k8s.io/v1beta1", "kind": "PodMetrics",
          "metadata": {"name": n, "namespace": "shop", "labels": {"app": "order"}},
          "timestamp": "2024-05-01T11:59:50Z", "window": "30s",
          "containers": [{"name": "order", "usage": {"cpu": "300m", "memory": "200Mi"}}]}
         for n in ("order-a", "order-b")]
NOW = "2024-05-01T12:00:00Z"


class BorrowedSources(unittest.TestCase):
    """hpa_explain_sources and hpa_sim_options borrow their pointers (hpa/explain.h,
    hpa/simulate.h): handing an object over must not take the wrapper's ownership."""

    def test_decide_keeps_ownership(self):
        a = hpa.Object.from_dict(AUTOSCALER.to_dict())
        d = hpa.Object.from_dict(DEPLOYMENT.to_dict())
        pods, usage = hpa.Manifest(PODS), hpa.Manifest(USAGE)
        # 2 pods at 300m of 200m = 150% against 50%: 6; without behavior the controller's
        # scale-up limit is max(2 * 2, 4) = 4 (normalizeDesiredReplicas)
        self.assertEqual(hpa.decide(a, d, pods, usage, now=NOW).desired_replicas, 4)
        self.assertTrue(a._o.thisown)
        self.assertTrue(d._o.thisown)
        self.assertTrue(pods._handle().thisown)
        self.assertTrue(usage._handle().thisown)

    def test_setters_do_not_disown(self):
        c = hpa._c
        src = c.hpa_explain_sources()
        c.hpa_explain_sources_init(src, c.HPA_EXPLAIN_SOURCES_VERSION)
        o, m = AUTOSCALER.copy()._o, hpa.Manifest(PODS)._handle()
        src.hpa = o
        src.target = o
        src.pods = m
        src.pod_metrics = m
        src.custom_metrics = m
        src.external_metrics = m
        self.assertTrue(o.thisown)
        self.assertTrue(m.thisown)
        opts = c.hpa_sim_options()
        dopts = c.hpa_decide_options()
        opts.decide_options = dopts
        self.assertTrue(dopts.thisown)



@unittest.skipIf(support.SANITIZED, "RSS is meaningless under ASan (quarantine)")
class Leaks(unittest.TestCase):
    def loop(self, n):
        target = hpa.load(TEXT)
        for i in range(n):
            k = i % 3
            if k == 0:
                m = hpa.load_all(TEXT)
                assert m[0].spec.replicas == 2
            elif k == 1:
                assert hpa.dump(target).startswith("apiVersion")
            else:
                d = hpa.decide(HPA, target, now=0)
                assert d.desired_replicas == 2
            try:
                hpa.load_all("a: [")
            except hpa.ParseError:
                pass

    def test_rss_flat(self):
        self.loop(3000)  # warm up allocator pools and caches
        gc.collect()
        before = support.rss_kb()
        self.loop(CALLS)
        gc.collect()
        after = support.rss_kb()
        # a leak of one small manifest per call would be > 100 MB here
        self.assertLess(after - before, 16 * 1024, "RSS grew from %d to %d KiB" % (before, after))

    def test_decide_with_pods_rss_flat(self):
        # new pod / metrics manifests every call (each once leaked, ~16 KiB a call)
        def loop(n):
            for _ in range(n):
                assert hpa.decide(AUTOSCALER, DEPLOYMENT, PODS, USAGE, now=NOW).desired_replicas == 4
        loop(500)
        gc.collect()
        before = support.rss_kb()
        loop(10_000)
        gc.collect()
        after = support.rss_kb()
        self.assertLess(after - before, 16 * 1024, "RSS grew from %d to %d KiB" % (before, after))


if __name__ == "__main__":
    unittest.main()
