"""Modeler, lint, kubectl get hpa rows and the simulator through the Python
binding, on the 12번가 (12st mall) model of examples/12st-mall/model.yml.
Expectations come from the model file itself (3 bounded contexts, 2
autoscalers: order cpu 20 %, product memory 20 %, 1..5 replicas)."""

import os
import unittest

import support
import hpa

MODEL = os.path.join(support.SOURCE_DIR, "examples", "12st-mall", "model.yml")


class Tools(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.m = hpa.render(MODEL)

    def test_render(self):
        kinds = [o.kind for o in self.m]
        self.assertEqual(kinds.count("Deployment"), 3)
        self.assertEqual(kinds.count("Service"), 3)
        self.assertEqual(kinds.count("Ingress"), 1)
        self.assertEqual([o.name for o in self.m.autoscalers], ["order-hpa", "product-hpa"])
        paths = [p.path for r in self.m.ingresses[0].spec.rules for p in r.http.paths]
        self.assertEqual(sorted(paths), ["/deliveries", "/inventories", "/orders"])
        model = hpa.Model(MODEL)
        self.assertEqual([c["name"] for c in model.contexts], ["order", "delivery", "product"])
        self.assertEqual(hpa.plural("Category"), "Categories")
        with self.assertRaises(hpa.ParseError) as cm:
            hpa.render("model:\n  name: x\n  bogus: 1\n", source_name="m.yml")
        self.assertEqual(cm.exception.source, "m.yml")
        self.assertGreater(cm.exception.line, 0)

    def test_lint(self):
        for d in hpa.lint(self.m):
            self.assertNotEqual(d.severity, "error", str(d))
        # the lab tool's service-name rule gives /products, which no aggregate serves
        # (scripts/demo.d/main: `hpactl lint --strict` fails on it)
        bad = hpa.render(MODEL, path_rule="service")
        errors = [d for d in hpa.lint(bad) if d.severity in ("warning", "error")]
        self.assertTrue(errors)
        self.assertTrue(any("/products" in d.message for d in errors), [str(d) for d in errors])
        d = errors[0]
        self.assertIsInstance(d, hpa.Diagnostic)
        self.assertTrue(d.rule and d.kind == "Ingress" and d.path)
        self.assertTrue(any(r.id == d.rule for r in hpa.lint_rules()))
        self.assertEqual(hpa.lint(bad, disable=[d.rule]), [x for x in hpa.lint(bad) if x.rule != d.rule])
        self.assertTrue(all(x.severity != "info" for x in hpa.lint(bad, min_severity="warning")))
        with self.assertRaises(hpa.InvalidArgumentError):
            hpa.lint(bad, enable=["NOPE999"])

    def test_get_hpa(self):
        rows = hpa.get_hpa(self.m, now=0)
        self.assertEqual(rows, [
            hpa.HpaRow("order-hpa", "Deployment/order", "cpu: <unknown>/20%", "1", "5", "0", "<unknown>"),
            hpa.HpaRow("product-hpa", "Deployment/product", "memory: <unknown>/20%", "1", "5", "0", "<unknown>")])
        table = hpa.get_hpa_table(self.m, now=0)
        self.assertTrue(table.startswith("NAME "))
        self.assertEqual(len(table.splitlines()), 3)

    def test_simulate(self):
        s = hpa.simulate(self.m, "all", load="siege -c20 -t40S http://order:8080/orders", duration="6m")
        self.assertEqual(s.hpas, ["order-hpa", "product-hpa"])
        rows = s.timeline
        # one row per HPA per 15 s sync over 6 minutes
        self.assertEqual(len(rows), 2 * 24)
        self.assertTrue(all(r.time_ms < 360000 for r in rows))
        order = [r for r in rows if r.hpa == "order-hpa"]
        self.assertTrue(all(1 <= r.desired <= 5 for r in order))
        self.assertEqual(order[0].metrics[0].name, "cpu")
        self.assertEqual(order[0].metrics[0].type, "Resource")
        self.assertTrue(order[0].kubectl.startswith("order-hpa\tDeployment/order\t"))
        summ = s.summaries["order-hpa"]
        self.assertEqual((summ.min_replicas, summ.max_replicas, summ.decisions), (1, 5, 24))
        self.assertEqual(summ.load_start_ms, 0)
        self.assertEqual(summ.load_end_ms, 40000)   # siege -t40S
        self.assertIn("order-hpa", s.text("summary"))
        # the same seed gives the same timeline
        s2 = hpa.simulate(self.m, "all", load="siege -c20 -t40S http://order:8080/orders", duration="6m")
        self.assertEqual(s2.timeline, rows)
        with self.assertRaises(ValueError):
            hpa.simulate(self.m, load="constant 5")   # two HPAs, none named
        with self.assertRaises(hpa.Error):
            hpa.simulate(self.m, "order-hpa", load="warp 9")


if __name__ == "__main__":
    unittest.main()
