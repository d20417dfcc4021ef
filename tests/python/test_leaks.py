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


if __name__ == "__main__":
    unittest.main()
