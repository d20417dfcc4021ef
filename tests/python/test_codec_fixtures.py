"""The codec fixtures of the C tests (tests/data/{yaml,json}/{valid,invalid}/),
evaluated through the Python binding with the same rules as
tests/unit/test_codec.c: byte-identical expected.yaml / expected.json,
counts, lossless re-read and a stable second write; for invalid inputs the
error class, code, position, document, path, message and source."""

import json
import os
import unittest

import support
import hpa


def case_dirs(kind, validity):
    root = os.path.join(support.DATA, kind, validity)
    return [os.path.join(root, d) for d in sorted(os.listdir(root)) if os.path.isdir(os.path.join(root, d))]


def plain(m):
    # as the C test: top-level keys in any order (the writer puts apiVersion,
    # kind, metadata, spec, status first), nested maps in their source order
    return [{k: json.dumps(v) for k, v in o.items()} for o in m.to_list()]


class ValidFixtures(unittest.TestCase):
    def check_output(self, case, m, fmt, load_opts, write_opts, same_format):
        name = "expected." + fmt
        path = os.path.join(case, name)
        out = hpa.dump_all(m, fmt=fmt, **write_opts)
        if os.path.exists(path):
            self.assertEqual(out, support.read(path, "rb").decode("utf-8"), "%s: %s differs" % (case, name))
        reload_opts = {k: v for k, v in load_opts.items() if k != "strict"}
        reload_opts.update(allow_duplicates=True, allow_aliases=True)
        m2 = hpa.load_all(out, fmt, **reload_opts)
        if same_format and not write_opts.get("omit_status"):
            if write_opts.get("sort_keys"):
                self.assertEqual(m.to_list(), m2.to_list(), "%s: %s: tree changed" % (case, name))
            else:
                self.assertEqual(plain(m), plain(m2), "%s: %s: tree changed" % (case, name))
        self.assertEqual(hpa.dump_all(m2, fmt=fmt, **write_opts), out, "%s: %s: second write differs" % (case, name))

    def run_valid(self, case, json_input):
        load_opts, write_opts = support.case_options(case)
        inp = os.path.join(case, "input." + ("json" if json_input else "yaml"))
        m = hpa.load_all(support.read(inp, "rb"), "json" if json_input else "yaml", **load_opts)
        counts = os.path.join(case, "counts")
        if os.path.exists(counts):
            words = support.read(counts).split()
            self.assertEqual(m.document_count, int(words[1]), case)
            self.assertEqual(len(m), int(words[3]), case)
        self.check_output(case, m, "yaml", load_opts, write_opts, not json_input)
        if json_input or os.path.exists(os.path.join(case, "expected.json")):
            self.check_output(case, m, "json", load_opts, write_opts, json_input)

    def test_yaml_valid(self):
        cases = case_dirs("yaml", "valid")
        self.assertTrue(cases)
        for case in cases:
            with self.subTest(case=os.path.basename(case)):
                self.run_valid(case, False)

    def test_json_valid(self):
        cases = case_dirs("json", "valid")
        self.assertTrue(cases)
        for case in cases:
            with self.subTest(case=os.path.basename(case)):
                self.run_valid(case, True)


class InvalidFixtures(unittest.TestCase):
    def run_invalid(self, case, json_input):
        load_opts, _ = support.case_options(case)
        spec = support.read(os.path.join(case, "error")).split("\n", 1)
        code, line, col, doc, path = spec[0].split()
        msg = spec[1].strip() if len(spec) > 1 else ""
        inp = support.read(os.path.join(case, "input." + ("json" if json_input else "yaml")), "rb")
        with self.assertRaises(hpa.Error) as cm:
            hpa.load_all(inp, "json" if json_input else "yaml", source_name="case.input", **load_opts)
        e = cm.exception
        self.assertEqual(e.code_name, code, "%s: %r" % (case, e))
        self.assertIsInstance(e, hpa.error_class(e.code))
        if code in ("HPA_ESYNTAX", "HPA_ETYPE", "HPA_ERANGE", "HPA_EDUPLICATE", "HPA_EUNKNOWNFIELD"):
            self.assertIsInstance(e, hpa.ParseError)
            self.assertIsInstance(e, ValueError)
        if code == "HPA_ELIMIT":
            self.assertIsInstance(e, hpa.LimitError)
        self.assertEqual((e.line, e.column), (int(line), int(col)), "%s: %r" % (case, e))
        self.assertEqual(e.document, int(doc), case)
        self.assertEqual(e.path, "" if path == "-" else path, case)
        self.assertIn(msg, e.message, case)
        self.assertEqual(e.source, "case.input", case)
        if int(line):
            self.assertIsNotNone(e.offset)
            self.assertLessEqual(e.offset, len(inp))
        # str() is "source:line:column: path: message"
        self.assertTrue(str(e).startswith("case.input"), str(e))

    def test_yaml_invalid(self):
        cases = case_dirs("yaml", "invalid")
        self.assertTrue(cases)
        for case in cases:
            with self.subTest(case=os.path.basename(case)):
                self.run_invalid(case, False)

    def test_json_invalid(self):
        cases = case_dirs("json", "invalid")
        self.assertTrue(cases)
        for case in cases:
            with self.subTest(case=os.path.basename(case)):
                self.run_invalid(case, True)


if __name__ == "__main__":
    unittest.main()
