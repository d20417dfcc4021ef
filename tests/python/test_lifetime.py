"""Lifetimes: a child view keeps what owns its C memory alive. Drop or close
the parent (manifest, object) and keep using the child, many times: no
crash, same values. Also run under ASan (see tests/bindings/tests.cmake)."""

import gc
import unittest

import support
import hpa

TEXT = """apiVersion: apps/v1
kind: Deployment
metadata: {name: order, labels: {app: order}}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - {name: order, image: "order:1", resources: {requests: {cpu: 250m}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: order-hpa}
spec: {scaleTargetRef: {kind: Deployment, name: order}, minReplicas: 1, maxReplicas: 4}
"""

ROUNDS = 200 if support.SANITIZED else 2000


class Lifetime(unittest.TestCase):
    def test_drop_manifest_keep_objects(self):
        for i in range(ROUNDS):
            m = hpa.load_all(TEXT)
            dep, h = m[0], m[1]
            container = dep.spec.template.spec.containers[0]
            labels = dep.metadata.labels
            del m
            if i % 200 == 0:
                gc.collect()
            self.assertEqual(container.resources.requests.cpu, "250m")
            self.assertEqual(labels["app"], "order")
            self.assertEqual(h.spec.max_replicas, 4)
            dep.spec.replicas = 5  # still writable
            self.assertEqual(dep.spec.replicas, 5)

    def test_close_manifest(self):
        m = hpa.load_all(TEXT)
        spec = m[1].spec
        m.close()
        gc.collect()
        with self.assertRaises(ValueError):
            len(m)
        for _ in range(ROUNDS):
            self.assertEqual(spec.min_replicas, 1)

    def test_drop_object_keep_child(self):
        for i in range(ROUNDS):
            d = hpa.Deployment(name="a", replicas=2, labels={"k": "v"})
            labels = d.metadata.labels
            del d
            if i % 200 == 0:
                gc.collect()
            self.assertEqual(dict(labels), {"k": "v"})

    def test_removed_object_views_survive(self):
        for _ in range(ROUNDS // 10):
            m = hpa.load_all(TEXT)
            dep = m[0]
            cs = dep.spec.template.spec.containers
            del m[0]      # the view becomes a standalone copy
            del m
            gc.collect()
            self.assertEqual(cs[0].name, "order")

    def test_object_moved_into_manifest(self):
        for _ in range(ROUNDS // 10):
            d = hpa.Deployment(name="a", replicas=2)
            spec = d.spec
            m = hpa.Manifest()
            m.append(d)   # the manifest takes the C object
            del d, m
            gc.collect()
            self.assertEqual(spec.replicas, 2)

    def test_decision_and_history_outlive_inputs(self):
        hpa_obj = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"},
                   "spec": {"minReplicas": 1, "maxReplicas": 3,
                            "scaleTargetRef": {"kind": "Deployment", "name": "d"}}}
        h = hpa.History()
        for _ in range(ROUNDS // 10):
            target = hpa.Deployment(name="d", replicas=1)
            d = hpa.decide(hpa_obj, target, now=0, history=h, record=True)
            del target
            gc.collect()
            self.assertEqual(d.desired_replicas, 1)
        self.assertTrue(h.has_recommendations)

    def test_low_level_borrowed_handles(self):
        # the SWIG layer itself: a borrowed handle references its parent (its first argument or self)
        c = hpa._c
        for i in range(ROUNDS // 10):
            m = c.hpa_bind_parse(TEXT, 0, 0, None, 0, 0, 0, 0, 0)
            o = c.hpa_manifest_at(m, 0)
            meta = c.hpa_deployment_metadata(c.hpa_object_as_deployment(o))
            tmpl = c.hpa_deployment_template_mut(c.hpa_object_as_deployment_mut(c.hpa_manifest_at_mut(m, 0)))
            del m, o
            b = hpa.DecideInput()
            b.set_spec(3, 1)
            b.set_scale(1)
            r = b.decide()._raw
            cond, update = r.condition_at(0), r.update
            del r, b
            if i % 20 == 0:
                gc.collect()
            self.assertEqual(c.hpa_object_meta_name(meta), "order")
            self.assertEqual(c.hpa_pod_template_containers_count(tmpl), 1)
            self.assertEqual(cond.reason, "SucceededGetScale")
            self.assertEqual(update.init_replicas, 1)

    def test_low_level_taken_object_keeps_manifest(self):
        # hpa_manifest_append_take: the manifest owns the object from now on; the
        # (disowned) handle keeps it alive, as borrowed handles keep their parent
        c = hpa._c
        for i in range(ROUNDS // 10):
            o = c.hpa_object_new("v1", "ConfigMap")
            c.hpa_object_set_string(o, "metadata.name", "cm-%d" % i)
            m = c.hpa_manifest_new()
            c.hpa_manifest_append_take(m, o)
            del m
            gc.collect()
            junk = [c.hpa_bind_parse(TEXT, 0, 0, None, 0, 0, 0, 0, 0) for _ in range(4)]
            self.assertEqual(c.hpa_object_name(o), "cm-%d" % i)
            self.assertEqual(c.hpa_object_api_version(o), "v1")
            del junk

    def test_rendered_manifest_children(self):
        import os
        model = os.path.join(support.SOURCE_DIR, "examples", "12st-mall", "model.yml")
        for _ in range(20):
            hpas = hpa.render(model).autoscalers
            gc.collect()
            self.assertTrue(all(x.spec.max_replicas >= 1 for x in hpas))


if __name__ == "__main__":
    unittest.main()
