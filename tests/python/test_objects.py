"""Objects, maps, lists, loading and dumping through the Python binding."""

import copy
import io
import json
import os
import pathlib
import pickle
import tempfile
import unittest

import support
import hpa

TEXT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: order
  labels:
    app: order
    app.kubernetes.io/part-of: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: order
    matchExpressions:
    - key: tier
      operator: In
      values: [web, api]
  template:
    metadata:
      labels:
        app: order
    spec:
      containers:
      - name: order
        image: order:1.0
        ports:
        - containerPort: 8080
        resources:
          requests:
            cpu: 250m
            memory: 0.5
---
apiVersion: v1
kind: Service
metadata:
  name: order
spec:
  clusterIP: 10.0.0.1
  selector:
    app: order
  ports:
  - port: 80
    targetPort: http
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: order-hpa
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: order
  minReplicas: 1
  maxReplicas: 5
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  enabled: "yes"
  count: "3"
"""


class Loading(unittest.TestCase):
    def test_sources(self):
        m1 = hpa.load_all(TEXT)
        m2 = hpa.load_all(TEXT.encode())
        m3 = hpa.load_all(io.StringIO(TEXT))
        m4 = hpa.load_all(io.BytesIO(TEXT.encode()))
        with tempfile.TemporaryDirectory() as d:
            p = pathlib.Path(d) / "m.yaml"
            p.write_text(TEXT)
            m5 = hpa.load_all(p)
            m6 = hpa.load_all(str(p))
            self.assertEqual(m5.source, str(p))
            with open(p) as f:
                m7 = hpa.load_all(f)
            self.assertEqual(m7.source, str(p))
        for m in (m2, m3, m4, m5, m6, m7):
            self.assertEqual(m, m1)
        self.assertEqual(len(m1), 4)
        self.assertEqual([o.kind for o in m1], ["Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap"])
        self.assertIsInstance(m1[0], hpa.Deployment)
        self.assertIsInstance(m1[2], hpa.HorizontalPodAutoscaler)
        self.assertIs(type(m1[3]), hpa.Object)
        self.assertIs(m1[0], m1[0])  # one view per object

    def test_load_one(self):
        o = hpa.load('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}')
        self.assertEqual(o.name, "x")
        self.assertIsNone(hpa.load(""))
        with self.assertRaises(hpa.InvalidArgumentError):
            hpa.load(TEXT)

    def test_errors_carry_positions(self):
        with self.assertRaises(hpa.ParseError) as cm:
            hpa.load_all("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: many\n", source_name="d.yaml")
        e = cm.exception
        self.assertEqual((e.code_name, e.line, e.column, e.path, e.source), ("HPA_ETYPE", 4, 13, "spec.replicas",
                                                                              "d.yaml"))
        self.assertTrue(str(e).startswith("d.yaml:4:13: spec.replicas: "), str(e))
        with self.assertRaises(hpa.LimitError):
            hpa.load_all("a: [[[[1]]]]\n", max_depth=2)
        with self.assertRaises(hpa.ParseError):
            hpa.load_all("apiVersion: v1\nkind: Service\nspec:\n  bogus: 1\n", strict=True)
        with self.assertRaises(TypeError):
            hpa.load_all(42)
        with self.assertRaises(ValueError):
            hpa.load_all(TEXT, fmt="toml")


class Views(unittest.TestCase):
    def setUp(self):
        self.m = hpa.load_all(TEXT)
        self.dep, self.svc, self.hpa, self.cfg = self.m

    def test_snake_case_reads(self):
        c = self.dep.spec.template.spec.containers[0]
        self.assertEqual(c.image, "order:1.0")
        self.assertEqual(c.ports[0].container_port, 8080)
        self.assertEqual(c.resources.requests.cpu, "250m")
        self.assertEqual(c.resources.requests.memory, 0.5)
        self.assertEqual(self.hpa.spec.min_replicas, 1)
        self.assertEqual(self.hpa.spec.scale_target_ref.name, "order")
        self.assertEqual(self.svc.spec.cluster_ip, "10.0.0.1")     # clusterIP: the acronym is found
        self.assertEqual(self.svc.spec.ports[0].target_port, "http")
        self.assertEqual(self.dep.api_version, "apps/v1")
        self.assertEqual(self.dep.metadata.labels["app.kubernetes.io/part-of"], "shop")
        self.assertIsNone(self.dep.spec.paused)                     # absent schema field
        self.assertIsNone(self.hpa.status)
        with self.assertRaises(AttributeError):
            self.dep.spec.replicaz                                  # not in the schema
        self.assertEqual(self.cfg.data.enabled, "yes")              # a string stays a string

    def test_mapping_protocol(self):
        labels = self.dep.metadata.labels
        self.assertEqual(len(labels), 2)
        self.assertEqual(list(labels), ["app", "app.kubernetes.io/part-of"])
        self.assertEqual(dict(labels.items()), {"app": "order", "app.kubernetes.io/part-of": "shop"})
        self.assertIn("app", labels)
        self.assertNotIn("nope", labels)
        with self.assertRaises(KeyError):
            labels["nope"]
        self.assertEqual(labels.get("nope", 7), 7)
        labels["tier"] = "web"
        self.assertEqual(labels["tier"], "web")
        del labels["tier"]
        with self.assertRaises(KeyError):
            del labels["tier"]
        # a data field named like a mapping method wins
        req = self.dep.spec.selector.match_expressions[0]
        self.assertEqual(list(req.values), ["web", "api"])
        self.assertEqual(req["operator"], "In")
        self.assertEqual(list(labels.values()), ["order", "shop"])

    def test_sequence_protocol(self):
        cs = self.dep.spec.template.spec.containers
        self.assertEqual(len(cs), 1)
        self.assertEqual(cs[-1].name, "order")
        with self.assertRaises(IndexError):
            cs[1]
        with self.assertRaises(IndexError):
            cs[-2]
        cs.append({"name": "sidecar", "image": "envoy:1"})
        self.assertEqual([c.name for c in cs], ["order", "sidecar"])
        cs[1] = {"name": "proxy", "image": "envoy:2"}
        self.assertEqual(cs[1].image, "envoy:2")
        del cs[0]
        self.assertEqual([c["name"] for c in cs], ["proxy"])
        vals = self.dep.spec.selector.match_expressions[0].values
        vals.insert(0, "db")
        self.assertEqual(vals.to_list(), ["db", "web", "api"])
        self.assertEqual(vals[0:2], ["db", "web"])

    def test_writes_and_type_checks(self):
        self.hpa.spec.min_replicas = 2
        self.hpa.spec.max_replicas = 10
        self.assertEqual(self.hpa.to_dict()["spec"]["minReplicas"], 2)
        with self.assertRaises(hpa.ParseError) as cm:
            self.hpa.spec.min_replicas = "two"
        self.assertEqual(cm.exception.path, "spec.minReplicas")
        self.assertEqual(cm.exception.code_name, "HPA_ETYPE")
        self.dep.spec.template.spec.containers[0].resources.limits = {"cpu": "1", "memory": "1Gi"}
        self.assertEqual(self.dep.spec.template.spec.containers[0].resources.limits.memory, "1Gi")
        self.dep.spec.replicas = None  # None removes the field
        self.assertNotIn("replicas", self.dep.spec)
        self.svc.spec.cluster_ip = "10.0.0.2"
        self.assertEqual(self.svc.to_dict()["spec"]["clusterIP"], "10.0.0.2")
        self.dep.metadata.annotations = {"a/b": "c"}
        self.assertEqual(self.dep.metadata.annotations["a/b"], "c")

    def test_constructors(self):
        d = hpa.Deployment(name="order", replicas=1, labels={"app": "order"})
        self.assertEqual(d.to_dict(), {"apiVersion": "apps/v1", "kind": "Deployment",
                                       "metadata": {"name": "order", "labels": {"app": "order"}},
                                       "spec": {"replicas": 1}})
        h = hpa.HorizontalPodAutoscaler(name="order-hpa", min_replicas=1, max_replicas=5,
                                        scale_target_ref={"apiVersion": "apps/v1", "kind": "Deployment",
                                                          "name": "order"})
        self.assertEqual(h.spec.max_replicas, 5)
        self.assertEqual(h.spec.to_dict()["scaleTargetRef"]["kind"], "Deployment")
        s = hpa.Service(name="order", cluster_ip="None", ports=[{"port": 80}])
        self.assertEqual(s.to_dict()["spec"], {"clusterIP": "None", "ports": [{"port": 80}]})
        o = hpa.Object("v1", "ConfigMap", name="c", data={"k": "v"})
        self.assertEqual(o.to_dict(), {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
                                       "data": {"k": "v"}})
        self.assertEqual(repr(d), "Deployment(name='order')")
        self.assertEqual(repr(o), "Object(api_version='v1', kind='ConfigMap', name='c')")
        with self.assertRaises(hpa.ParseError):
            hpa.Deployment(name="x", replicas="many")

    def test_equality_dict_round_trip(self):
        d = self.dep.to_dict()
        again = hpa.Object.from_dict(d)
        self.assertIsInstance(again, hpa.Deployment)
        self.assertEqual(again, self.dep)                 # semantic equality (hpa_object_equal)
        self.assertEqual(self.dep, d)                     # against a plain dict
        self.assertNotEqual(self.dep, self.svc)
        other = copy.deepcopy(self.dep)
        other.spec.replicas = 3
        self.assertNotEqual(other, self.dep)
        q = hpa.Object.from_dict({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "q"},
                                  "spec": {"template": {"spec": {"containers": [
                                      {"name": "a", "resources": {"requests": {"cpu": "1"}}}]}}}})
        r = hpa.Object.from_dict({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "q"},
                                  "spec": {"template": {"spec": {"containers": [
                                      {"name": "a", "resources": {"requests": {"cpu": "1000m"}}}]}}}})
        self.assertEqual(q, r)                            # quantities compare by value
        self.assertEqual(pickle.loads(pickle.dumps(self.dep)), self.dep)
        with self.assertRaises(hpa.InvalidArgumentError):
            hpa.Deployment.from_dict({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "x"}})


class Dumping(unittest.TestCase):
    def test_dump_forms(self):
        m = hpa.load_all(TEXT)
        y = hpa.dump_all(m)
        self.assertEqual(hpa.load_all(y), m)
        self.assertEqual(y.count("\n---\n"), 3)
        j = json.loads(hpa.dump_all(m, fmt="json"))
        self.assertEqual(j["kind"], "List")
        self.assertEqual(len(j["items"]), 4)
        one = json.loads(hpa.dump(m[1], fmt="json", compact=True))
        self.assertEqual(one["spec"]["clusterIP"], "10.0.0.1")
        self.assertEqual(hpa.dump({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}),
                         "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")
        buf = io.StringIO()
        self.assertIsNone(hpa.dump_all([m[2], m[3]], buf))
        self.assertEqual(len(hpa.load_all(buf.getvalue())), 2)
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "out.json")
            m.dump("json", p)
            self.assertEqual(hpa.load_all(pathlib.Path(p)), m)
        self.assertNotIn("status", hpa.dump(hpa.Object.from_dict(
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "status": {"a": 1}}),
            omit_status=True))


class Manifests(unittest.TestCase):
    def test_build_and_edit(self):
        m = hpa.Manifest()
        d = hpa.Deployment(name="a", replicas=1)
        view = m.append(d)
        self.assertIs(view, d)              # a standalone object moves into the manifest
        m.append({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}})
        other = hpa.load_all(TEXT)
        copied = m.append(other[3])         # an object of another manifest is copied
        self.assertIsNot(copied, other[3])
        self.assertEqual(copied, other[3])
        self.assertEqual([o.kind for o in m], ["Deployment", "Service", "ConfigMap"])
        self.assertEqual(m.find("Service", "a").kind, "Service")
        self.assertEqual(len(m.deployments), 1)
        popped = m.pop(0)
        self.assertEqual(popped.spec.replicas, 1)   # still valid, now standalone
        self.assertEqual(len(m), 2)
        del m[0]
        self.assertEqual(len(m), 1)
        self.assertIn("ConfigMap/cfg", repr(m))


class Packaging(unittest.TestCase):
    def test_stubs_cover_the_api(self):
        import ast
        pkg = os.path.dirname(hpa.__file__)
        self.assertTrue(os.path.exists(os.path.join(pkg, "py.typed")))
        tree = ast.parse(open(os.path.join(pkg, "__init__.pyi"), encoding="utf-8").read())
        names = set()
        for node in tree.body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
        missing = [n for n in hpa.__all__ if n not in names]
        self.assertEqual(missing, [])


class EmbeddedNul(unittest.TestCase):
    """The C API takes NUL-terminated strings: a string with an embedded NUL is
    refused (InvalidArgumentError, a ValueError), never cut at the NUL."""

    def refused(self, fn, *args):
        with self.assertRaises(hpa.InvalidArgumentError) as cm:
            fn(*args)
        self.assertIsInstance(cm.exception, ValueError)
        self.assertIn("NUL", str(cm.exception))

    def test_values_keys_paths(self):
        d = hpa.load_all(TEXT)[0]
        labels = d.metadata.labels
        self.refused(labels.__setitem__, "x", "a\0b")
        self.refused(labels.__setitem__, "k\0z", "v")
        self.refused(labels.__getitem__, "app\0")
        self.refused(setattr, d.metadata, "name", "n\0m")
        self.refused(hpa.Object, "v1\0x", "ConfigMap")
        self.refused(lambda: hpa.Deployment(name="a\0b"))
        self.assertEqual(labels.to_dict(), {"app": "order", "app.kubernetes.io/part-of": "shop"})
        self.assertEqual(d.name, "order")
        # the parsers take the whole text (length known) and reject NUL themselves
        with self.assertRaises(hpa.ParseError):
            hpa.load_all("a: b\0c\n")

    def test_quantity(self):
        self.refused(hpa.quantity, "5\0m")
        self.assertEqual(hpa.quantity("5"), 5000)

    def test_quantity_none(self):
        # None is no quantity (it used to parse the text "None")
        with self.assertRaises(TypeError):
            hpa.quantity(None)
        with self.assertRaises(TypeError):
            hpa.milli(None)
        self.assertEqual(hpa.quantity(0.5), 500)


if __name__ == "__main__":
    unittest.main()
