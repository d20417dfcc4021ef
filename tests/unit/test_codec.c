/* tests/unit/test_codec.c -- the YAML/JSON codecs (hpa/codec.h).
 *
 * Most cases are data: tests/data/{yaml,json}/{valid,invalid}/<case>/ holds
 * `input.yaml` or `input.json`, and
 *   valid:   `expected.yaml` and/or `expected.json`, written by hand as
 *            kubectl prints them; optional `counts` ("documents N objects M");
 *   invalid: `error`: line 1 `CODE line column document path` ("-" = empty
 *            path, 0 = unknown position), line 2 a substring of the message;
 *   both:    optional `options`: words among allow_aliases allow_duplicates
 *            strict sort_keys omit_status compact max_depth=N max_aliases=N
 *            max_documents=N max_scalar_bytes=N.
 * One test walks each folder, so a new case needs no C. Every valid case is
 * also checked for losslessness: load -> write -> load gives equal trees and
 * the second write is byte-identical to the first.
 *
 * The allocation-failure sweep covers libhpa's own allocations (the arena,
 * scratch stacks, output buffers). libyaml and jansson allocate with their
 * own malloc (their allocators are process-wide and belong to the
 * application), so their failures are not injected here; the codec maps
 * YAML_MEMORY_ERROR and json_error_out_of_memory to HPA_ENOMEM.
 */
#include "helpers.h"
#include "codec/codec_int.h"
#include "manifest/manifest_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- assertion with a message ---------------------------------------------------------- */

static char msgbuf[8192];

#define CHECKF(cond, ...) do { \
	if (cond) { \
		CU_PASS(#cond); \
	} else { \
		snprintf(msgbuf, sizeof(msgbuf), __VA_ARGS__); \
		fprintf(stderr, "\n  codec: %s\n", msgbuf); \
		CU_assertImplementation(CU_FALSE, __LINE__, msgbuf, __FILE__, "", CU_FALSE); \
	} \
} while (0)

/* ---- fixture helpers ---------------------------------------------------------------------------- */

typedef struct {
	hpa_parse_options po;
	hpa_write_options wo;
} case_opts;

static void read_options(const char *dir, case_opts *co)
{
	char path[1300], *text, *tok, *save = NULL;
	hpa_parse_options_init(&co->po, HPA_PARSE_OPTIONS_VERSION);
	hpa_write_options_init(&co->wo, HPA_WRITE_OPTIONS_VERSION);
	snprintf(path, sizeof(path), "%s/options", dir);
	text = th_read_file(path, NULL);
	if (!text)
		return;
	for (tok = strtok_r(text, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
		if (!strcmp(tok, "allow_aliases"))
			co->po.flags |= HPA_PARSE_ALLOW_ALIASES;
		else if (!strcmp(tok, "allow_duplicates"))
			co->po.flags |= HPA_PARSE_ALLOW_DUPLICATES;
		else if (!strcmp(tok, "strict"))
			co->po.flags |= HPA_PARSE_STRICT;
		else if (!strcmp(tok, "sort_keys"))
			co->wo.flags |= HPA_WRITE_SORT_KEYS;
		else if (!strcmp(tok, "omit_status"))
			co->wo.flags |= HPA_WRITE_OMIT_STATUS;
		else if (!strcmp(tok, "compact"))
			co->wo.flags |= HPA_WRITE_COMPACT;
		else if (!strncmp(tok, "max_depth=", 10))
			co->po.max_depth = strtoul(tok + 10, NULL, 10);
		else if (!strncmp(tok, "max_aliases=", 12))
			co->po.max_aliases = strtoul(tok + 12, NULL, 10);
		else if (!strncmp(tok, "max_documents=", 14))
			co->po.max_documents = strtoul(tok + 14, NULL, 10);
		else if (!strncmp(tok, "max_scalar_bytes=", 17))
			co->po.max_scalar_bytes = strtoul(tok + 17, NULL, 10);
		else
			CHECKF(0, "%s: unknown option word '%s'", dir, tok);
	}
	free(text);
}

/* hpa__v_equal, except that map key order is ignored at the top level
 * (the writer puts apiVersion, kind, metadata, spec, status first) or,
 * with `anywhere`, at every level (HPA_WRITE_SORT_KEYS) */
static bool same_value(const hpa__value *a, const hpa__value *b, bool unordered, bool anywhere)
{
	size_t i;
	if (!unordered || a->kind != HPA__V_MAP || b->kind != HPA__V_MAP) {
		if (!anywhere || a->kind != b->kind || (a->kind != HPA__V_MAP && a->kind != HPA__V_SEQ))
			return hpa__v_equal(a, b);
		if (a->kind == HPA__V_SEQ) {
			if (hpa__v_count(a) != hpa__v_count(b))
				return false;
			for (i = 0; i < hpa__v_count(a); i++)
				if (!same_value(hpa__seq_at(a, i), hpa__seq_at(b, i), true, true))
					return false;
			return true;
		}
	}
	if (hpa__v_count(a) != hpa__v_count(b))
		return false;
	for (i = 0; i < hpa__v_count(a); i++) {
		const hpa__value *k = hpa__map_key(a, i);
		const hpa__value *bv = hpa__map_getn(b, hpa__v_text(k), hpa__v_textlen(k));
		if (!bv || !same_value(hpa__map_val(a, i), bv, anywhere, anywhere))
			return false;
	}
	return true;
}

static bool trees_equal_ex(const hpa_manifest *a, const hpa_manifest *b, bool anywhere)
{
	size_t i;
	if (hpa_manifest_count(a) != hpa_manifest_count(b))
		return false;
	for (i = 0; i < hpa_manifest_count(a); i++)
		if (!same_value(hpa_manifest_at(a, i)->root, hpa_manifest_at(b, i)->root, true, anywhere))
			return false;
	return true;
}

static bool trees_equal(const hpa_manifest *a, const hpa_manifest *b)
{
	return trees_equal_ex(a, b, false);
}

/* first line where a and b differ, for messages */
static size_t diff_line(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, line = 1;
	for (i = 0; i < an && i < bn && a[i] == b[i]; i++)
		if (a[i] == '\n')
			line++;
	return line;
}

typedef int (*parse_fn)(hpa_manifest **, const char *, size_t, const hpa_parse_options *, hpa_error *);
typedef int (*write_fn)(const hpa_manifest *, char **, size_t *, const hpa_write_options *, hpa_error *);

/* write with fn, compare with dir/expected (if present), re-read with
 * reparse, check trees (when same_format) and byte-stable second write */
static void check_output(const char *dir, const char *name, const hpa_manifest *m, write_fn fn,
	parse_fn reparse, const case_opts *co, bool same_format)
{
	char path[1300], *out = NULL, *out2 = NULL, *expected;
	size_t len = 0, len2 = 0, elen = 0;
	hpa_manifest *m2 = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_parse_options po = co->po;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	expected = th_read_file(path, &elen);
	rc = fn(m, &out, &len, &co->wo, &e);
	CHECKF(rc == 0, "%s: writing %s failed: %s", dir, name, e.message);
	if (rc != 0) {
		free(expected);
		return;
	}
	CHECKF(strlen(out) == len, "%s: %s: length mismatch", dir, name);
	if (expected)
		CHECKF(len == elen && memcmp(out, expected, len) == 0,
			"%s: %s differs from the writer's output at line %zu:\n%s", dir, name,
			diff_line(out, len, expected, elen), out);
	/* lossless: re-read, equal trees, same bytes again */
	po.flags |= HPA_PARSE_ALLOW_DUPLICATES | HPA_PARSE_ALLOW_ALIASES;
	po.flags &= ~HPA_PARSE_STRICT;
	rc = reparse(&m2, out, len, &po, &e);
	CHECKF(rc == 0, "%s: re-reading %s output failed: %s (line %zu col %zu)", dir, name, e.message, e.line, e.column);
	if (rc == 0) {
		if (same_format && !(co->wo.flags & (HPA_WRITE_OMIT_STATUS)))
			CHECKF(trees_equal_ex(m, m2, (co->wo.flags & HPA_WRITE_SORT_KEYS) != 0),
				"%s: %s: tree changed after write and re-read", dir, name);
		rc = fn(m2, &out2, &len2, &co->wo, &e);
		CHECKF(rc == 0 && len2 == len && memcmp(out, out2, len) == 0,
			"%s: %s: second write differs at line %zu", dir, name, diff_line(out, len, out2 ? out2 : "", len2));
	}
	hpa_free(out);
	hpa_free(out2);
	hpa_manifest_free(m2);
	free(expected);
}

static void check_counts(const char *dir, const hpa_manifest *m)
{
	char path[1300], *text;
	unsigned long docs, objs;
	snprintf(path, sizeof(path), "%s/counts", dir);
	text = th_read_file(path, NULL);
	if (!text)
		return;
	if (sscanf(text, "documents %lu objects %lu", &docs, &objs) == 2) {
		CHECKF(hpa_manifest_document_count(m) == docs, "%s: %zu documents, expected %lu", dir,
			hpa_manifest_document_count(m), docs);
		CHECKF(hpa_manifest_count(m) == objs, "%s: %zu objects, expected %lu", dir, hpa_manifest_count(m), objs);
	} else {
		CHECKF(0, "%s: bad counts file", dir);
	}
	free(text);
}

static void run_valid(const char *dir, bool json)
{
	char path[1200], *input;
	size_t len;
	case_opts co;
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	int rc;

	read_options(dir, &co);
	snprintf(path, sizeof(path), "%s/input.%s", dir, json ? "json" : "yaml");
	input = th_read_file(path, &len);
	CHECKF(input != NULL, "%s: no input", dir);
	if (!input)
		return;
	rc = (json ? hpa_manifest_parse_json : hpa_manifest_parse_yaml)(&m, input, len, &co.po, &e);
	CHECKF(rc == 0, "%s: parse failed: %s %s:%zu:%zu %s: %s", dir, hpa_error_code_name(rc), e.source,
		e.line, e.column, e.path, e.message);
	if (rc == 0) {
		check_counts(dir, m);
		check_output(dir, "expected.yaml", m, hpa_manifest_write_yaml, hpa_manifest_parse_yaml, &co, !json);
		snprintf(path, sizeof(path), "%s/expected.json", dir);
		if (json || th_is_file(path))
			check_output(dir, "expected.json", m, hpa_manifest_write_json, hpa_manifest_parse_json, &co, json);
	}
	hpa_manifest_free(m);
	free(input);
}

static void run_invalid(const char *dir, bool json)
{
	char path[1300], *input, *spec, code[64], epath[HPA_ERROR_PATH_MAX], *msg;
	size_t len, line, col, doc;
	case_opts co;
	hpa_manifest *m = (hpa_manifest *)&m;  /* must become NULL */
	hpa_error e = HPA_ERROR_INIT;
	int rc;

	read_options(dir, &co);
	snprintf(path, sizeof(path), "%s/input.%s", dir, json ? "json" : "yaml");
	input = th_read_file(path, &len);
	snprintf(path, sizeof(path), "%s/error", dir);
	spec = th_read_file(path, NULL);
	CHECKF(input && spec, "%s: missing input or error file", dir);
	if (!input || !spec) {
		free(input);
		free(spec);
		return;
	}
	if (sscanf(spec, "%63s %zu %zu %zu %255s", code, &line, &col, &doc, epath) != 5) {
		CHECKF(0, "%s: bad error file", dir);
		free(input);
		free(spec);
		return;
	}
	msg = strchr(spec, '\n');
	msg = msg ? msg + 1 : spec + strlen(spec);
	th_rstrip(msg);
	if (!strcmp(epath, "-"))
		epath[0] = '\0';
	co.po.source_name = "case.input";
	rc = (json ? hpa_manifest_parse_json : hpa_manifest_parse_yaml)(&m, input, len, &co.po, &e);
	CHECKF(rc != 0 && !strcmp(hpa_error_code_name(rc), code), "%s: got %s, expected %s (%s)", dir,
		hpa_error_code_name(rc), code, e.message);
	CHECKF(m == NULL, "%s: *out not NULL on failure", dir);
	CHECKF(e.code == rc, "%s: err->code %d != rc %d", dir, e.code, rc);
	CHECKF(e.line == line && e.column == col, "%s: position %zu:%zu, expected %zu:%zu (%s)", dir,
		e.line, e.column, line, col, e.message);
	CHECKF(e.document == doc, "%s: document %zu, expected %zu", dir, e.document, doc);
	CHECKF(!strcmp(e.path, epath), "%s: path '%s', expected '%s'", dir, e.path, epath);
	CHECKF(strstr(e.message, msg) != NULL, "%s: message '%s' lacks '%s'", dir, e.message, msg);
	CHECKF(!strcmp(e.source, "case.input"), "%s: source '%s'", dir, e.source);
	if (line)
		CHECKF(e.offset != SIZE_MAX && e.offset <= len, "%s: offset %zu", dir, e.offset);
	if (m != NULL && m != (hpa_manifest *)&m)
		hpa_manifest_free(m);
	free(input);
	free(spec);
}

static void walk(const char *rel, bool json, bool valid)
{
	char dir[512], sub[800];
	char **list;
	size_t n = 0;
	th_data_path(dir, sizeof(dir), rel);
	list = th_list_dir(dir);
	CHECKF(list != NULL, "cannot list %s", dir);
	if (!list)
		return;
	for (char **p = list; *p; p++) {
		snprintf(sub, sizeof(sub), "%s/%s", dir, *p);
		if (!th_is_dir(sub))
			continue;
		if (valid)
			run_valid(sub, json);
		else
			run_invalid(sub, json);
		n++;
	}
	CHECKF(n > 0, "no cases under %s", dir);
	th_free_list(list);
}

static void test_codec__yaml_valid(void) { walk("yaml/valid", false, true); }
static void test_codec__yaml_invalid(void) { walk("yaml/invalid", false, false); }
static void test_codec__json_valid(void) { walk("json/valid", true, true); }
static void test_codec__json_invalid(void) { walk("json/invalid", true, false); }

/* ---- scalar resolution ----------------------------------------------------------------------------
 * Expected kinds follow go-yaml v2's resolve.go rules (the table of
 * booleans/nulls, strconv.ParseInt/ParseUint with base 0 after removing
 * `_`, the float pattern, ParseFloat overflow, timestamps), worked out by
 * hand for each input. */

static void test_codec__resolution(void)
{
	static const struct { const char *s; hpa__rkind k; } cases[] = {
		{ "", HPA__R_NULL }, { "~", HPA__R_NULL }, { "null", HPA__R_NULL }, { "Null", HPA__R_NULL },
		{ "NULL", HPA__R_NULL }, { "nULL", HPA__R_STR }, { "none", HPA__R_STR },
		{ "y", HPA__R_BOOL }, { "Y", HPA__R_BOOL }, { "yes", HPA__R_BOOL }, { "YES", HPA__R_BOOL },
		{ "yEs", HPA__R_STR }, { "n", HPA__R_BOOL }, { "No", HPA__R_BOOL }, { "on", HPA__R_BOOL },
		{ "OFF", HPA__R_BOOL }, { "oFF", HPA__R_STR }, { "True", HPA__R_BOOL }, { "FALSE", HPA__R_BOOL },
		{ "t", HPA__R_STR }, { "f", HPA__R_STR }, { "yess", HPA__R_STR },
		{ "0", HPA__R_INT }, { "-0", HPA__R_INT }, { "+0", HPA__R_INT }, { "42", HPA__R_INT },
		{ "0644", HPA__R_INT }, { "0x1F", HPA__R_INT }, { "0X1f", HPA__R_INT }, { "0o17", HPA__R_INT },
		{ "0b101", HPA__R_INT }, { "-0b101", HPA__R_INT }, { "1_000", HPA__R_INT }, { "1__0", HPA__R_INT },
		{ "1_", HPA__R_INT }, { "+12", HPA__R_INT }, { "-0x10", HPA__R_INT },
		{ "9223372036854775807", HPA__R_INT }, { "-9223372036854775808", HPA__R_INT },
		{ "18446744073709551615", HPA__R_INT },        /* ParseUint */
		{ "+9223372036854775808", HPA__R_FLOAT },       /* ParseInt range, ParseUint rejects '+' */
		{ "-9223372036854775809", HPA__R_FLOAT },
		{ "18446744073709551616", HPA__R_FLOAT }, { "0x10000000000000000", HPA__R_STR },
		{ "08", HPA__R_FLOAT }, { "0128", HPA__R_FLOAT }, { "0x", HPA__R_STR }, { "0xG", HPA__R_STR },
		{ "1.5", HPA__R_FLOAT }, { ".5", HPA__R_FLOAT }, { "-.5", HPA__R_FLOAT }, { "+.5", HPA__R_FLOAT },
		{ "1.", HPA__R_FLOAT }, { "1e3", HPA__R_FLOAT }, { "1E+3", HPA__R_FLOAT }, { "1e-3", HPA__R_FLOAT },
		{ "1_000.5", HPA__R_FLOAT }, { ".5_0", HPA__R_FLOAT }, { ".5__0", HPA__R_STR }, { "._5", HPA__R_STR },
		{ "1e", HPA__R_STR }, { "e3", HPA__R_STR }, { ".", HPA__R_STR }, { "-", HPA__R_STR }, { "+", HPA__R_STR },
		{ "1.2.3", HPA__R_STR }, { "1e308", HPA__R_FLOAT }, { "1e309", HPA__R_STR }, { "1e400", HPA__R_STR },
		{ "1.7976931348623157e308", HPA__R_FLOAT }, { "1.7976931348623159e308", HPA__R_STR },
		{ ".1e310", HPA__R_STR }, { "1e-400", HPA__R_FLOAT },
		{ ".inf", HPA__R_FLOAT }, { "-.Inf", HPA__R_FLOAT }, { "+.INF", HPA__R_FLOAT }, { ".NaN", HPA__R_FLOAT },
		{ ".nAn", HPA__R_STR }, { "inf", HPA__R_STR }, { "nan", HPA__R_STR },
		{ "2024-01-01", HPA__R_TIMESTAMP }, { "2024-1-1", HPA__R_TIMESTAMP },
		{ "2024-02-30", HPA__R_STR }, { "2023-02-29", HPA__R_STR }, { "2024-02-29", HPA__R_TIMESTAMP },
		{ "2024-01-01T10:00:00Z", HPA__R_TIMESTAMP }, { "2024-01-01t10:00:00.5+02:00", HPA__R_TIMESTAMP },
		{ "2024-01-01 10:00:00", HPA__R_TIMESTAMP }, { "2024-01-01T10:00:00", HPA__R_STR },
		{ "2024-01-01 10:00:00Z", HPA__R_STR }, { "20240-01-01", HPA__R_STR },
		{ "1:20", HPA__R_STR }, { "500m", HPA__R_STR }, { "1Gi", HPA__R_STR }, { "<<", HPA__R_MERGE },
		{ "<", HPA__R_STR }, { "abc", HPA__R_STR }, { "12abc", HPA__R_STR },
	};
	size_t i;
	for (i = 0; i < HPA__ARRAY_SIZE(cases); i++) {
		hpa__rkind k = hpa__yaml_resolve(cases[i].s, strlen(cases[i].s));
		CHECKF(k == cases[i].k, "resolve(\"%s\") = %d, expected %d", cases[i].s, (int)k, (int)cases[i].k);
	}
	CHECKF(hpa__yaml_is_base60("1:20", 4), "1:20 is sexagesimal");
	CHECKF(hpa__yaml_is_base60("-190:20:30.15", 13), "-190:20:30.15 is sexagesimal");
	CHECKF(!hpa__yaml_is_base60("1:60", 4), "1:60 is not");
	CHECKF(!hpa__yaml_is_base60("a:1", 3), "a:1 is not");
}

/* ---- positions ------------------------------------------------------------------------------------ */

static void test_codec__positions_bytes_and_characters(void)
{
	/* "é" is two bytes, one character: libyaml's mark.index counts
	 * characters, err->offset and node offsets count bytes */
	static const char in[] =
		"apiVersion: apps/v1\n"              /* bytes 0..19 */
		"kind: Deployment\n"                 /* 20..36 */
		"metadata: {name: \"\xc3\xa9t\xc3\xa9\"}\n" /* 37..62 (26 bytes, 24 chars) */
		"spec: {replicas: \"x\"}\n";         /* 61.. */
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_manifest_parse_yaml(&m, in, sizeof(in) - 1, NULL, &e);
	CU_ASSERT_EQUAL(rc, HPA_ETYPE);
	CU_ASSERT_EQUAL(e.line, 4);
	CU_ASSERT_EQUAL(e.column, 18);
	CU_ASSERT_EQUAL(e.offset, 63 + 17);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	CU_ASSERT_STRING_EQUAL(e.source, "<string>");
	CU_ASSERT_PTR_NULL(m);

	/* columns count characters on the line */
	{
		static const char in2[] = "kind: X\nmetadata: {name: \"\xc3\xa9\xc3\xa9\", x: [1, \"y\"]}\n";
		const hpa_object *o;
		rc = hpa_manifest_parse_yaml(&m, in2, sizeof(in2) - 1, NULL, &e);
		CU_ASSERT_EQUAL(rc, 0);
		o = hpa_manifest_at(m, 0);
		if (o) {
			const hpa__value *md = hpa__map_get(o->root, "metadata");
			const hpa__value *x = md ? hpa__map_get(md, "x") : NULL;
			CU_ASSERT_EQUAL(hpa_object_line(o), 1);
			CU_ASSERT_EQUAL(hpa_object_column(o), 1);
			if (x && x->kind == HPA__V_SEQ && hpa__v_count(x) == 2) {
				/* `"y"`: line 2, 1-based character column 31; nodes
				 * keep no byte offset (an error on a node found while
				 * parsing gets it back from line:column, see above) */
				CU_ASSERT_EQUAL(hpa__v_line(hpa__seq_at(x, 1)), 2);
				CU_ASSERT_EQUAL(hpa__v_column(hpa__seq_at(x, 1)), 31);
				CU_ASSERT_EQUAL(hpa__v_offset(hpa__seq_at(x, 1)), SIZE_MAX);
				CU_ASSERT_EQUAL(hpa__seq_at(x, 1)->style, HPA__STYLE_DOUBLE);
			} else {
				CU_FAIL("metadata.x not read");
			}
		}
		hpa_manifest_free(m);
		m = NULL;
	}
	/* a BOM is skipped but counted in byte offsets */
	{
		static const char in3[] = "\xEF\xBB\xBFkind: X\nspec: *a\n";
		hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
		po.flags = HPA_PARSE_ALLOW_ALIASES;
		rc = hpa_manifest_parse_yaml(&m, in3, sizeof(in3) - 1, &po, &e);
		CU_ASSERT_EQUAL(rc, HPA_ESYNTAX);
		CU_ASSERT_EQUAL(e.line, 2);
		CU_ASSERT_EQUAL(e.column, 7);
		CU_ASSERT_EQUAL(e.offset, 3 + 8 + 6);
	}
}

/* ---- the API around the readers and writers ------------------------------------------------------ */

static const char small_yaml[] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n";

typedef struct {
	const char *p;
	size_t left, chunk;
	int fail_after;
} cb_src;

static int read_cb(void *buf, size_t size, size_t *read_out, void *payload)
{
	cb_src *s = payload;
	size_t n = s->left < size ? s->left : size;
	if (s->fail_after-- == 0)
		return -1;
	if (n > s->chunk)
		n = s->chunk;
	memcpy(buf, s->p, n);
	s->p += n;
	s->left -= n;
	*read_out = n;
	return 0;
}

typedef struct {
	char buf[4096];
	size_t len;
	int fail;
} cb_sink;

static int write_cb(const void *buf, size_t size, void *payload)
{
	cb_sink *s = payload;
	if (s->fail)
		return -1;
	if (s->len + size > sizeof(s->buf))
		return -1;
	memcpy(s->buf + s->len, buf, size);
	s->len += size;
	return 0;
}

static void test_codec__sources_and_sinks(void)
{
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char path[256], *out = NULL;
	size_t len = 0;
	FILE *fp;
	cb_src src = { small_yaml, sizeof(small_yaml) - 1, 7, 1000 };
	cb_sink sink;
	int rc;

	/* callback input in small chunks */
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_cb(&m, read_cb, &src, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 1);
	CU_ASSERT_STRING_EQUAL(hpa_manifest_source(m), "<callback>");
	/* callback output equals memory output */
	memset(&sink, 0, sizeof(sink));
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m, &out, &len, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml_cb(m, write_cb, &sink, NULL, &e), 0);
	CU_ASSERT(out && sink.len == len && memcmp(sink.buf, out, len) == 0);
	CU_ASSERT(out && strcmp(out, small_yaml) == 0);
	sink.fail = 1;
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml_cb(m, write_cb, &sink, NULL, &e), HPA_EIO);
	hpa_free(out);
	out = NULL;
	/* files */
	snprintf(path, sizeof(path), "%s/codec-test-%d.yaml", HPA_BINARY_DIR, (int)getpid());
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml_file(m, path, NULL, &e), 0);
	hpa_manifest_free(m);
	m = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, NULL, &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_manifest_source(m), path);
	hpa_manifest_free(m);
	m = NULL;
	fp = fopen(path, "rb");
	if (fp) {
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_fp(&m, fp, NULL, &e), 0);
		CU_ASSERT_STRING_EQUAL(hpa_manifest_source(m), "<stream>");
		fclose(fp);
	}
	/* JSON to a FILE and back through the sniffer */
	fp = fopen(path, "wb");
	if (fp) {
		CU_ASSERT_EQUAL(hpa_manifest_write_json_fp(m, fp, NULL, &e), 0);
		fclose(fp);
	}
	hpa_manifest_free(m);
	m = NULL;
	out = th_read_file(path, &len);
	if (out) {
		CU_ASSERT_EQUAL(out[0], '{');
		CU_ASSERT_EQUAL(hpa_manifest_parse(&m, out, len, NULL, &e), 0);
		CU_ASSERT_EQUAL(hpa_manifest_count(m), 1);
		hpa_manifest_free(m);
		m = NULL;
		free(out);
		out = NULL;
	}
	CU_ASSERT_EQUAL(hpa_manifest_parse_json_file(&m, path, NULL, &e), 0);
	hpa_manifest_free(m);
	m = NULL;
	remove(path);
	/* missing file */
	rc = hpa_manifest_parse_yaml_file(&m, "/nonexistent/x.yaml", NULL, &e);
	CU_ASSERT_EQUAL(rc, HPA_EIO);
	CU_ASSERT_STRING_EQUAL(e.source, "/nonexistent/x.yaml");
	CU_ASSERT_PTR_NULL(m);
	/* a directory: fopen() opens it, the read fails, and the error says why */
	rc = hpa_manifest_parse_yaml_file(&m, "/", NULL, &e);
	CU_ASSERT_EQUAL(rc, HPA_EIO);
	CU_ASSERT_STRING_EQUAL(e.message, "read error: Is a directory");
	CU_ASSERT_STRING_EQUAL(e.source, "/");
	CU_ASSERT_PTR_NULL(m);
	rc = hpa_manifest_parse_json_file(&m, "/", NULL, &e);
	CU_ASSERT_EQUAL(rc, HPA_EIO);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "Is a directory"));
	CU_ASSERT_PTR_NULL(m);
	/* failing callback */
	src.p = small_yaml;
	src.left = sizeof(small_yaml) - 1;
	src.fail_after = 1;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_cb(&m, read_cb, &src, NULL, &e), HPA_EIO);
	CU_ASSERT_STRING_EQUAL(e.source, "<callback>");
	CU_ASSERT_PTR_NULL(m);
	/* input limit, for buffers and callbacks */
	{
		hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
		po.max_input_bytes = 10;
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, small_yaml, sizeof(small_yaml) - 1, &po, &e), HPA_ELIMIT);
		src.p = small_yaml;
		src.left = sizeof(small_yaml) - 1;
		src.fail_after = 1000;
		CU_ASSERT_EQUAL(hpa_manifest_parse_json_cb(&m, read_cb, &src, &po, &e), HPA_ELIMIT);
		CU_ASSERT_PTR_NULL(m);
	}
}

/* hpa_manifest_parse_yaml_file streams the file through libyaml (no buffer
 * of the whole input) and, on an error, reads it again into a buffer: every
 * fixture must give the buffer reader's result, error fields included. */
static void file_same_as_buffer(const char *dir, const char *file, bool json)
{
	char path[900];
	char *input, *o1 = NULL, *o2 = NULL;
	size_t len, l1 = 0, l2 = 0;
	case_opts co;
	hpa_manifest *m1 = NULL, *m2 = NULL;
	hpa_error e1 = HPA_ERROR_INIT, e2 = HPA_ERROR_INIT;
	int r1, r2;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	input = th_read_file(path, &len);
	if (!input)
		return;
	read_options(dir, &co);
	co.po.source_name = "case";
	r1 = json ? hpa_manifest_parse_json(&m1, input, len, &co.po, &e1)
		: hpa_manifest_parse_yaml(&m1, input, len, &co.po, &e1);
	r2 = json ? hpa_manifest_parse_json_file(&m2, path, &co.po, &e2)
		: hpa_manifest_parse_yaml_file(&m2, path, &co.po, &e2);
	CHECKF(r1 == r2, "%s: buffer %d, file %d (%s)", dir, r1, r2, e2.message);
	CHECKF(!strcmp(e1.message, e2.message) && e1.line == e2.line && e1.column == e2.column &&
		e1.offset == e2.offset && e1.document == e2.document && !strcmp(e1.path, e2.path) &&
		!strcmp(e1.source, e2.source), "%s: error differs: %s / %s", dir, e1.message, e2.message);
	if (r1 == 0 && r2 == 0) {
		CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m1, &o1, &l1, NULL, NULL), 0);
		CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m2, &o2, &l2, NULL, NULL), 0);
		CHECKF(o1 && o2 && l1 == l2 && memcmp(o1, o2, l1) == 0, "%s: outputs differ", dir);
		CU_ASSERT_EQUAL(hpa_manifest_count(m1), hpa_manifest_count(m2));
	}
	hpa_free(o1);
	hpa_free(o2);
	hpa_manifest_free(m1);
	hpa_manifest_free(m2);
	free(input);
}

/* file_same_as_buffer() on every valid and invalid fixture of a format;
 * returns the number of cases */
static size_t files_same_as_buffers(bool json)
{
	const char *rels[2] = { json ? "json/valid" : "yaml/valid", json ? "json/invalid" : "yaml/invalid" };
	char dir[512], sub[800];
	size_t n = 0;
	for (size_t r = 0; r < 2; r++) {
		char **list;
		th_data_path(dir, sizeof(dir), rels[r]);
		list = th_list_dir(dir);
		if (!list)
			continue;
		for (char **p = list; *p; p++) {
			snprintf(sub, sizeof(sub), "%s/%s", dir, *p);
			if (th_is_dir(sub)) {
				file_same_as_buffer(sub, json ? "input.json" : "input.yaml", json);
				n++;
			}
		}
		th_free_list(list);
	}
	return n;
}

static void test_codec__yaml_file_streams(void)
{
	char path[600];
	size_t n = files_same_as_buffers(false);
	CHECKF(n > 20, "only %zu cases", n);
	/* a BOM, non-ASCII text, an error after it (offsets count the BOM), a limit */
	{
		static const char in[] = "\xEF\xBB\xBFkind: X\nmetadata: {name: \"\xc3\xa9t\xc3\xa9\"}\nspec: [1, 2\n";
		hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
		hpa_manifest *m = NULL;
		hpa_error e = HPA_ERROR_INIT;
		snprintf(path, sizeof(path), "%s/codec-stream-%d.yaml", HPA_BINARY_DIR, (int)getpid());
		CU_ASSERT_EQUAL_FATAL(th_write_file(path, in, sizeof(in) - 1), 0);
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, NULL, &e), HPA_ESYNTAX);
		CU_ASSERT_EQUAL(e.line, 4);
		CU_ASSERT_EQUAL(e.column, 1);
		CU_ASSERT_EQUAL(e.offset, sizeof(in) - 1);   /* the end, BOM included */
		CU_ASSERT_PTR_NULL(m);
		{
			static const char ok[] = "\xEF\xBB\xBFkind: X\nmetadata: {name: \"\xc3\xa9t\xc3\xa9\"}\nspec: [1, 2]\n";
			CU_ASSERT_EQUAL_FATAL(th_write_file(path, ok, sizeof(ok) - 1), 0);
		}
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, NULL, &e), 0);
		if (m) {
			const hpa__value *md = hpa__map_get(hpa_manifest_at(m, 0)->root, "metadata");
			const hpa__value *nm = md ? hpa__map_get(md, "name") : NULL;
			CU_ASSERT_TRUE(nm && hpa__v_text_eq(nm, "\xc3\xa9t\xc3\xa9"));
			CU_ASSERT_EQUAL(hpa__v_line(nm), 2);
			CU_ASSERT_EQUAL(hpa__v_column(nm), 18);
		}
		hpa_manifest_free(m);
		m = NULL;
		po.max_input_bytes = 10;
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, &po, &e), HPA_ELIMIT);
		CU_ASSERT_PTR_NULL(m);
		remove(path);
	}
}

/* hpa_manifest_parse_json_file maps a regular file and releases the pages
 * behind the stream: every JSON fixture, and a List of some megabytes with
 * and without an error at its very end (after the released pages), give
 * the buffer reader's result, error fields included. */
static void test_codec__json_file_maps(void)
{
	char path[600];
	size_t n = files_same_as_buffers(true);
	CHECKF(n > 10, "only %zu cases", n);
	for (int bad = 0; bad < 2; bad++) {
		hpa__buf b = HPA__BUF_INIT;
		hpa_manifest *m1 = NULL, *m2 = NULL;
		hpa_error e1 = HPA_ERROR_INIT, e2 = HPA_ERROR_INIT;
		char *o1 = NULL, *o2 = NULL;
		size_t l1 = 0, l2 = 0;
		int r1, r2;
		CU_ASSERT_EQUAL_FATAL(hpa__buf_puts(&b, "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n"), 0);
		for (int i = 0; i < 3000; i++)
			CU_ASSERT_EQUAL_FATAL(hpa__buf_printf(&b, "%s{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", "
				"\"metadata\": {\"name\": \"cm-%05d\"}, \"data\": {\"k\": \"\u00e9t\u00e9 %d\", \"n\": \"1.50\"}}\n",
				i ? "," : "", i, i), 0);
		CU_ASSERT_EQUAL_FATAL(hpa__buf_puts(&b, bad ? "{\"kind\": \"ConfigMap\", \"data\": [1, 2}]}\n" : "]}\n"), 0);
		snprintf(path, sizeof(path), "%s/codec-map-%d.json", HPA_BINARY_DIR, (int)getpid());
		CU_ASSERT_EQUAL_FATAL(th_write_file(path, b.ptr, b.len), 0);
		CU_ASSERT_TRUE(b.len > 256 * 1024);
		r1 = hpa_manifest_parse_json(&m1, b.ptr, b.len, NULL, &e1);
		r2 = hpa_manifest_parse_json_file(&m2, path, NULL, &e2);
		CU_ASSERT_EQUAL(r1, bad ? HPA_ESYNTAX : 0);
		CU_ASSERT_EQUAL(r1, r2);
		CHECKF(!strcmp(e1.message, e2.message) && e1.line == e2.line && e1.column == e2.column &&
			e1.offset == e2.offset && e1.document == e2.document && !strcmp(e1.path, e2.path),
			"error differs: %s / %s", e1.message, e2.message);
		if (bad) {
			CU_ASSERT_EQUAL(e1.line, 3002);
			CU_ASSERT_PTR_NULL(m2);
		} else {
			CU_ASSERT_EQUAL(hpa_manifest_count(m2), 3000);
			CU_ASSERT_EQUAL(hpa_manifest_write_json(m1, &o1, &l1, NULL, NULL), 0);
			CU_ASSERT_EQUAL(hpa_manifest_write_json(m2, &o2, &l2, NULL, NULL), 0);
			CHECKF(o1 && o2 && l1 == l2 && memcmp(o1, o2, l1) == 0, "outputs differ");
		}
		hpa_free(o1);
		hpa_free(o2);
		hpa_manifest_free(m1);
		hpa_manifest_free(m2);
		hpa__buf_dispose(&b);
		remove(path);
	}
}

static void test_codec__sniffing_and_empty_inputs(void)
{
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *out = NULL;
	size_t len = 99;
	/* leading blanks, then `[`: JSON */
	CU_ASSERT_EQUAL(hpa_manifest_parse(&m, " \n\t[]", 5, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 0);
	/* an empty manifest writes as "" (YAML) and as an empty List (JSON) */
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m, &out, &len, NULL, &e), 0);
	CU_ASSERT(out && len == 0 && out[0] == '\0');
	hpa_free(out);
	out = NULL;
	{
		hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
		wo.flags = HPA_WRITE_COMPACT;
		CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, &len, &wo, &e), 0);
		CU_ASSERT(out && strcmp(out, "{\"apiVersion\":\"v1\",\"items\":[],\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"}}\n") == 0);
		hpa_free(out);
		out = NULL;
	}
	hpa_manifest_free(m);
	m = NULL;
	/* comments only: YAML, zero documents */
	CU_ASSERT_EQUAL(hpa_manifest_parse(&m, "# {x}\n", 6, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_document_count(m), 0);
	hpa_manifest_free(m);
	m = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, NULL, 0, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 0);
	hpa_manifest_free(m);
	m = NULL;
	/* BOM then `{` is JSON */
	CU_ASSERT_EQUAL(hpa_manifest_parse(&m, "\xEF\xBB\xBF{\"kind\":\"X\"}", 15, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 1);
	hpa_manifest_free(m);
}

static void test_codec__options_and_arguments(void)
{
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_parse_options po;
	hpa_write_options wo;
	char *out = (char *)&out;
	CU_ASSERT_EQUAL(hpa_parse_options_init(&po, HPA_PARSE_OPTIONS_VERSION), 0);
	CU_ASSERT_EQUAL(po.max_depth, 64);
	CU_ASSERT_EQUAL(po.flags, 0);
	CU_ASSERT_EQUAL(hpa_parse_options_init(&po, 0), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_parse_options_init(NULL, 1), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_write_options_init(&wo, HPA_WRITE_OPTIONS_VERSION), 0);
	CU_ASSERT_EQUAL(hpa_write_options_init(&wo, 2), HPA_EINVAL);
	po.version = 99;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, small_yaml, sizeof(small_yaml) - 1, &po, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "hpa_parse_options"));
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(NULL, small_yaml, 3, NULL, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, NULL, 3, NULL, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(NULL, &out, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(out);
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, small_yaml, sizeof(small_yaml) - 1, NULL, NULL), 0);
	wo.version = 0;
	CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, NULL, &wo, &e), HPA_EINVAL);
	wo.version = HPA_WRITE_OPTIONS_VERSION;
	wo.indent = 2;
	CU_ASSERT_EQUAL(hpa_object_write_json(hpa_manifest_at(m, 0), &out, NULL, &wo, &e), 0);
	CU_ASSERT(out && strncmp(out, "{\n  \"apiVersion\": \"v1\",\n", 24) == 0);
	hpa_free(out);
	out = NULL;
	wo.indent = 4;
	CU_ASSERT_EQUAL(hpa_object_write_yaml(hpa_manifest_at(m, 0), &out, NULL, &wo, &e), 0);
	CU_ASSERT(out && strstr(out, "\n    name: a\n") != NULL);
	hpa_free(out);
	out = NULL;
	/* as documented: YAML takes 2..9 and writes 2 for 1 and 10..16 (the
	 * libyaml/go-yaml emitter's rule); above 16 is HPA_EINVAL for both */
	wo.indent = 12;
	CU_ASSERT_EQUAL(hpa_object_write_yaml(hpa_manifest_at(m, 0), &out, NULL, &wo, &e), 0);
	CU_ASSERT(out && strstr(out, "\n  name: a\n") != NULL);
	hpa_free(out);
	out = NULL;
	wo.indent = 17;
	CU_ASSERT_EQUAL(hpa_object_write_yaml(hpa_manifest_at(m, 0), &out, NULL, &wo, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_write_json(hpa_manifest_at(m, 0), &out, NULL, &wo, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(out);
	wo.indent = 0;
	CU_ASSERT_EQUAL(hpa_object_write_yaml(NULL, &out, NULL, NULL, &e), HPA_EINVAL);
	/* source_name wins over the default */
	hpa_manifest_free(m);
	m = NULL;
	hpa_parse_options_init(&po, HPA_PARSE_OPTIONS_VERSION);
	po.source_name = "deploy.yaml";
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, "a: [", 4, &po, &e), HPA_ESYNTAX);
	CU_ASSERT_STRING_EQUAL(e.source, "deploy.yaml");
	CU_ASSERT_PTR_NULL(m);
}

static void test_codec__duplicates_allowed(void)
{
	/* go-yaml v2 non-strict: the last value wins, in the first key's place;
	 * a merge also overrides keys written before it */
	static const char in[] =
		"kind: X\nspec:\n  a: 1\n  b: 2\n  a: 3\n  base: &b {a: 9, c: 4}\n"
		"  m:\n    a: 1\n    <<: *b\n    c: 5\n";
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *out = NULL;
	po.flags = HPA_PARSE_ALLOW_DUPLICATES | HPA_PARSE_ALLOW_ALIASES;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, in, sizeof(in) - 1, &po, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m, &out, NULL, NULL, &e), 0);
	CU_ASSERT(out && strcmp(out, "kind: X\nspec:\n  a: 3\n  b: 2\n  base:\n    a: 9\n    c: 4\n"
		"  m:\n    a: 9\n    c: 5\n") == 0);
	hpa_free(out);
	hpa_manifest_free(m);
	m = NULL;
	/* JSON: jansson keeps the last value in the first place; number
	 * spellings follow the values */
	{
		static const char js[] = "{\"kind\":\"X\",\"spec\":{\"a\":1.50,\"b\":{\"x\":2e0},\"a\":{\"y\":[3.0,4]},\"c\":5}}";
		out = NULL;
		CU_ASSERT_EQUAL(hpa_manifest_parse_json(&m, js, sizeof(js) - 1, NULL, &e), HPA_EDUPLICATE);
		CU_ASSERT_STRING_EQUAL(e.path, "spec.a");
		CU_ASSERT_EQUAL(e.column, 44);
		CU_ASSERT_EQUAL(hpa_manifest_parse_json(&m, js, sizeof(js) - 1, &po, &e), 0);
		hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
		wo.flags = HPA_WRITE_COMPACT;
		CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, NULL, &wo, &e), 0);
		CU_ASSERT(out && strcmp(out, "{\"kind\":\"X\",\"spec\":{\"a\":{\"y\":[3.0,4]},\"b\":{\"x\":2e0},\"c\":5}}\n") == 0);
		hpa_free(out);
		hpa_manifest_free(m);
	}
}

static void test_codec__yaml_to_json_numbers(void)
{
	/* YAML 1.1 spellings JSON lacks are converted exactly (hand-computed:
	 * 0x1F = 31, 0o17 = 15, 017 = 15, 0b101 = 5) */
	static const char in[] = "kind: X\nspec: [0x1F, 0o17, 017, 0b101, +5, 1_000, -0x10, .5, -.5, 1., +1.5e3, 007.5, 08, "
		"-9223372036854775808, 1.0, 2e3]\n";
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	char *out = NULL;
	wo.flags = HPA_WRITE_COMPACT;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, in, sizeof(in) - 1, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, NULL, &wo, &e), 0);
	CU_ASSERT(out && strcmp(out, "{\"kind\":\"X\",\"spec\":[31,15,15,5,5,1000,-16,0.5,-0.5,1.0,1.5e3,7.5,8.0,"
		"-9223372036854775808,1.0,2e3]}\n") == 0);
	if (out && strcmp(out, "{\"kind\":\"X\",\"spec\":[31,15,15,5,5,1000,-16,0.5,-0.5,1.0,1.5e3,7.5,8.0,"
		"-9223372036854775808,1.0,2e3]}\n") != 0)
		fprintf(stderr, "\n  got %s", out);
	hpa_free(out);
	hpa_manifest_free(m);
	m = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, "kind: X\nspec: {a: .inf}\n", 24, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, NULL, NULL, &e), HPA_ERANGE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.a");
	CU_ASSERT_PTR_NULL(out);
	hpa_manifest_free(m);
	m = NULL;
	/* 2^64-1 is a YAML integer (ParseUint) but no jansson/int64 one */
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, "kind: X\nspec: [18446744073709551615]\n", 37, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, NULL, NULL, &e), HPA_ERANGE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec[0]");
	hpa_manifest_free(m);
}

/* A `!!float` whose text is a YAML integer: go-yaml decodes the integer
 * (ParseInt/ParseUint, base 0, `_` removed) and converts it to float64, so
 * JSON gets that value as a float. Expected values by hand (Python's
 * int(x, 0) agrees): 0x10 = 16, 0o17 = 15, 0b101 = 5, 0644 (octal) =
 * 6*64 + 4*8 + 4 = 420, 1_000 = 1000, +5 = 5, -0x10 = -16, 1 = 1,
 * 0xFFFFFFFFFFFFFFFF = 2^64 - 1 = 18446744073709551615; each with `.0` so
 * that it stays a float. (The writer used to give 0.0 for 0x10 and 0o17.) */
static void test_codec__float_tag_integer_text_to_json(void)
{
	static const char in[] = "kind: X\nspec: [!!float 0x10, !!float 0o17, !!float 0b101, !!float 0644, "
		"!!float 1_000, !!float +5, !!float -0x10, !!float 1, !!float 0xFFFFFFFFFFFFFFFF, !!float -0b11, "
		"!!float -0]\n";
	/* -0b11 = -3; -0 is the integer 0, which converts to +0.0 */
	static const char want[] = "{\"kind\":\"X\",\"spec\":[16.0,15.0,5.0,420.0,1000.0,5.0,-16.0,1.0,"
		"18446744073709551615.0,-3.0,0.0]}\n";
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	char *out = NULL;
	wo.flags = HPA_WRITE_COMPACT;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, in, sizeof(in) - 1, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_type(hpa_manifest_at(m, 0), "spec[0]"), HPA_VALUE_FLOAT);
	CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, NULL, &wo, &e), 0);
	CHECKF(out && strcmp(out, want) == 0, "got %s", out ? out : "(null)");
	hpa_free(out);
	hpa_manifest_free(m);
}

/* max_depth = SIZE_MAX is "no limit": a tree of any depth must be
 * writable. The JSON writer recursed once per level and overflowed the C
 * stack at about 20,000 levels. The tree is built in the manifest's arena
 * (the YAML reader takes quadratic time on deep flow nesting, in libyaml's
 * simple-key bookkeeping); the expected text is built from the JSON
 * grammar: D opening brackets, then D closing ones (the innermost list is
 * empty: `[]`). */
static void test_codec__json_write_deep_nesting(void)
{
	enum { D = 100000 };
	static const char in[] = "apiVersion: v1\nkind: X\na: []\n";
	static const char jhead[] = "{\"apiVersion\":\"v1\",\"kind\":\"X\",\"a\":";
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa__value *a, cur;
	char *want = malloc(sizeof(jhead) + 2 * D + 3), *out = NULL;
	size_t len, k = 0, i;
	CU_ASSERT_FATAL(want != NULL);
	CU_ASSERT_EQUAL_FATAL(hpa_manifest_parse_yaml(&m, in, sizeof(in) - 1, NULL, &e), 0);
	a = hpa__map_getn(hpa_manifest_at(m, 0)->root, "a", 1);
	CU_ASSERT_FATAL(a != NULL);
	cur = *a;
	for (i = 1; i < D; i++) {
		hpa__value up;
		CU_ASSERT_EQUAL_FATAL(hpa__v_init_seq(&m->arena, &up, &cur, 1), 0);
		cur = up;
	}
	*a = cur;
	memcpy(want, jhead, sizeof(jhead) - 1);
	len = sizeof(jhead) - 1;
	memset(want + len, '[', D);
	len += D;
	memset(want + len, ']', D);
	len += D;
	memcpy(want + len, "}\n", 3);
	len += 2;
	wo.flags = HPA_WRITE_COMPACT;
	CU_ASSERT_EQUAL(hpa_manifest_write_json(m, &out, &k, &wo, &e), 0);
	CHECKF(out && k == len && memcmp(out, want, len) == 0, "deep JSON: %zu bytes, expected %zu", k, len);
	hpa_free(out);
	hpa_manifest_free(m);
	free(want);
}

/* max_scalar_bytes in JSON: the error has the place of the value or key
 * (codec.h: "HPA_ELIMIT with the position where it happened") and its path.
 * Offsets counted by hand: `{"kind": "X", "data": {` is 23 bytes (the
 * inner `{` at 22), so the key "abcdefghijk" starts at byte 23 (column 24)
 * and, after `"a": ` (5 bytes), the value at byte 28 (column 29). */
static void test_codec__json_scalar_limit_position(void)
{
	static const char v[] = "{\"kind\": \"X\", \"data\": {\"a\": \"abcdefghijk\"}}";
	static const char k[] = "{\"kind\": \"X\", \"data\": {\"abcdefghijk\": 1}}";
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	po.max_scalar_bytes = 10;
	CU_ASSERT_EQUAL(hpa_manifest_parse_json(&m, v, sizeof(v) - 1, &po, &e), HPA_ELIMIT);
	CU_ASSERT_EQUAL(e.line, 1);
	CU_ASSERT_EQUAL(e.column, 29);
	CU_ASSERT_EQUAL(e.offset, 28);
	CU_ASSERT_STRING_EQUAL(e.path, "data.a");
	CU_ASSERT_EQUAL(hpa_manifest_parse_json(&m, k, sizeof(k) - 1, &po, &e), HPA_ELIMIT);
	CU_ASSERT_EQUAL(e.line, 1);
	CU_ASSERT_EQUAL(e.column, 24);
	CU_ASSERT_EQUAL(e.offset, 23);
	CU_ASSERT_STRING_EQUAL(e.path, "data");
	CU_ASSERT_PTR_NULL(m);
}

static void test_codec__invalid_utf8_string_is_not_written(void)
{
	hpa_object *o = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *out = NULL;
	CU_ASSERT_EQUAL(hpa_object_new(&o, "v1", "ConfigMap", &e), 0);
	if (!o)
		return;
	/* the setters refuse it (object:setters_refuse_invalid_utf8) ... */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "data.bad", "a\xff", &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(e.path, "data.bad");
	/* ... so it goes in below the API, and the writers still refuse it */
	CU_ASSERT_EQUAL(hpa_object_set_empty(o, "data", false, &e), 0);
	CU_ASSERT_EQUAL(hpa__map_set((hpa__value *)hpa__map_get(o->root, "data"), "bad", hpa__v_str(o->arena, "a\xff")), 0);
	CU_ASSERT_EQUAL(hpa_object_write_yaml(o, &out, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(e.path, "data.bad");
	CU_ASSERT_EQUAL(hpa_object_write_json(o, &out, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(out);
	hpa_object_free(o);
}

/* ---- allocation failures ---------------------------------------------------------------------------- */

static const char sweep_yaml[] =
	"apiVersion: v1\nkind: List\nitems:\n"
	"- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: a, labels: &l {app: a}}\n"
	"  spec:\n    replicas: 2\n    template:\n      metadata: {labels: *l}\n"
	"      spec:\n        containers:\n        - name: c\n          image: 'x:1'\n          args:\n          - \"a b\"\n"
	"          - |\n            multi\n            line\n"
	"---\n"
	"kind: Big\nspec:\n  k01: 1\n  k02: 2\n  k03: 3\n  k04: 4\n  k05: 5\n  k06: 6\n  k07: 7\n  k08: 8\n"
	"  k09: 9\n  k10: 10\n  k11: 11\n  k12: 12\n  k13: 13\n  k14: 14\n  k15: 15\n  k16: 16\n  k17: 17\n"
	"  k18: 18\n  k19: 19\n  k20: 20\n  k21: 21\n  k22: 22\n  k23: 23\n  k24: 24\n  k25: 25\n  k26: 26\n"
	"  k27: 27\n  k28: 28\n  k29: 29\n  k30: 30\n  k31: 31\n  k32: 32\n  k33: 33\n  k01: dup\n"
	"  m: {<<: [{x: 1}, {y: 2}], z: 3}\n";

static const char sweep_json[] =
	"{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\","
	"\"metadata\":{\"name\":\"a\"},\"data\":{\"x\":\"1\",\"x\":\"2\"}}]}"
	"[{\"kind\":\"X\",\"spec\":{\"n\":1.5,\"n\":[2,3e1],\"m\":4}}]";

static void sweep_parse(parse_fn fn, const char *in, size_t len, const hpa_parse_options *po, const char *what)
{
	unsigned long n;
	bool done = false;
	for (n = 1; n < 100000 && !done; n++) {
		hpa_manifest *m = (hpa_manifest *)&m;
		hpa_error e = HPA_ERROR_INIT;
		int rc;
		hpa__test_fail_alloc_at(n);
		rc = fn(&m, in, len, po, &e);
		if (!hpa__test_alloc_failed()) {
			CHECKF(rc == 0, "%s: parse failed without injected failure: %s", what, e.message);
			done = true;
		} else {
			CHECKF(rc == HPA_ENOMEM, "%s: allocation %lu failed, got %s (%s)", what, n, hpa_error_code_name(rc),
				e.message);
			CHECKF(m == NULL, "%s: *out not NULL after allocation %lu failed", what, n);
			if (rc == 0)
				done = true;
		}
		hpa__test_fail_alloc_at(0);
		if (m && m != (hpa_manifest *)&m)
			hpa_manifest_free(m);
	}
	CHECKF(done, "%s: sweep did not finish", what);
}

static void sweep_write(write_fn fn, const hpa_manifest *m, const hpa_write_options *wo, const char *what)
{
	unsigned long n;
	bool done = false;
	for (n = 1; n < 100000 && !done; n++) {
		char *out = (char *)&out;
		hpa_error e = HPA_ERROR_INIT;
		int rc;
		hpa__test_fail_alloc_at(n);
		rc = fn(m, &out, NULL, wo, &e);
		if (!hpa__test_alloc_failed()) {
			CHECKF(rc == 0, "%s: write failed without injected failure", what);
			done = true;
		} else {
			CHECKF(rc == HPA_ENOMEM, "%s: allocation %lu failed, got %s", what, n, hpa_error_code_name(rc));
			CHECKF(out == NULL, "%s: *out not NULL after a failure", what);
		}
		hpa__test_fail_alloc_at(0);
		if (out && out != (char *)&out)
			hpa_free(out);
	}
	CHECKF(done, "%s: sweep did not finish", what);
}

static void test_codec__allocation_failures(void)
{
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	po.flags = HPA_PARSE_ALLOW_ALIASES | HPA_PARSE_ALLOW_DUPLICATES;
	sweep_parse(hpa_manifest_parse_yaml, sweep_yaml, sizeof(sweep_yaml) - 1, &po, "yaml load");
	sweep_parse(hpa_manifest_parse_json, sweep_json, sizeof(sweep_json) - 1, &po, "json load");
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, sweep_yaml, sizeof(sweep_yaml) - 1, &po, &e), 0);
	if (m) {
		sweep_write(hpa_manifest_write_yaml, m, NULL, "yaml write");
		sweep_write(hpa_manifest_write_json, m, NULL, "json write");
		wo.flags = HPA_WRITE_SORT_KEYS;
		sweep_write(hpa_manifest_write_yaml, m, &wo, "yaml write sorted");
	}
	hpa_manifest_free(m);
}

/* ---- the shared corpus ------------------------------------------------------------------------------- */

/* corpus-rejects.tsv: `file<TAB>CODE<TAB>reason` for files Kubernetes rejects */
static char *rejects_text;

static const char *expected_reject(const char *rel)
{
	static char code[64];
	const char *p = rejects_text;
	size_t n = strlen(rel);
	while (p && *p) {
		const char *eol = strchr(p, '\n');
		if (*p != '#' && strncmp(p, rel, n) == 0 && p[n] == '\t') {
			size_t k = 0;
			const char *c = p + n + 1;
			while (*c && *c != '\t' && *c != '\n' && k + 1 < sizeof(code))
				code[k++] = *c++;
			code[k] = '\0';
			return code;
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

static void corpus_file(const char *path, const char *rel)
{
	char *in, *out = NULL, *out2 = NULL;
	size_t len, olen = 0, olen2 = 0;
	hpa_manifest *m = NULL, *m2 = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	const char *rej = expected_reject(rel);
	int rc;
	in = th_read_file(path, &len);
	if (!in)
		return;
	po.flags = HPA_PARSE_ALLOW_ALIASES;
	po.source_name = rel;
	rc = hpa_manifest_parse(&m, in, len, &po, &e);
	if (rej) {
		CHECKF(rc != 0 && !strcmp(hpa_error_code_name(rc), rej), "corpus %s: expected rejection %s, got %s",
			rel, rej, hpa_error_code_name(rc));
		CHECKF(rc == 0 || e.message[0], "corpus %s: rejection without a message", rel);
	} else {
		CHECKF(rc == 0, "corpus %s: %s %zu:%zu %s: %s", rel, hpa_error_code_name(rc), e.line, e.column, e.path, e.message);
	}
	if (rc == 0) {
		rc = hpa_manifest_write_yaml(m, &out, &olen, NULL, &e);
		CHECKF(rc == 0, "corpus %s: write: %s", rel, e.message);
		if (rc == 0) {
			rc = hpa_manifest_parse_yaml(&m2, out, olen, &po, &e);
			CHECKF(rc == 0, "corpus %s: re-read: %s at %zu:%zu", rel, e.message, e.line, e.column);
		}
		if (rc == 0) {
			CHECKF(trees_equal(m, m2), "corpus %s: trees differ after a round trip", rel);
			rc = hpa_manifest_write_yaml(m2, &out2, &olen2, NULL, &e);
			CHECKF(rc == 0 && olen == olen2 && memcmp(out, out2, olen) == 0,
				"corpus %s: second write differs at line %zu", rel, diff_line(out, olen, out2 ? out2 : "", olen2));
		}
	}
	hpa_free(out);
	hpa_free(out2);
	hpa_manifest_free(m);
	hpa_manifest_free(m2);
	free(in);
}

static void corpus_dir(const char *dir, const char *rel, size_t *count)
{
	char **list = th_list_dir(dir);
	char path[2048], sub[1024];
	if (!list)
		return;
	for (char **p = list; *p; p++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *p);
		snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", *p);
		if (th_is_dir(path)) {
			corpus_dir(path, sub, count);
		} else {
			size_t n = strlen(*p);
			if ((n > 5 && !strcmp(*p + n - 5, ".yaml")) || (n > 4 && !strcmp(*p + n - 4, ".yml")) ||
			    (n > 5 && !strcmp(*p + n - 5, ".json"))) {
				corpus_file(path, sub);
				(*count)++;
			}
		}
	}
	th_free_list(list);
}

static void test_codec__corpus_round_trip(void)
{
	char dir[1024], rej[1024];
	size_t count = 0;
	if (!th_shared_path(dir, sizeof(dir), "corpus") || !th_is_dir(dir)) {
		fprintf(stderr, "\n  codec: no shared corpus, skipped\n");
		return;
	}
	snprintf(rej, sizeof(rej), "%s/tests/codec/corpus-rejects.tsv", HPA_SOURCE_DIR);
	rejects_text = th_read_file(rej, NULL);
	corpus_dir(dir, "", &count);
	CHECKF(count > 0, "no corpus files found");
	free(rejects_text);
	rejects_text = NULL;
}

/* JSON nodes carry their positions (taken from a scan of the text in the
 * order jansson's tree is walked), also where allowed duplicate keys make
 * jansson keep the last value in the first key's place (the scan moves the
 * positions with the values). Expected places computed by hand (character
 * columns, 1-based; offsets 0-based). */
static void test_codec__json_positions_with_duplicates(void)
{
	static const struct {
		const char *in;
		size_t line, col, offset, doc;
		const char *path;
	} c[] = {
		{ "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\",\n"
		  " \"metadata\": {\"labels\": {\"a\": \"1\"}, \"name\": \"d\", \"labels\": {\"b\": \"2\", \"c\": [3, 4]}},\n"
		  " \"spec\": {\"replicas\": \"3\"}}\n", 2, 76, 123, 0, "metadata.labels.c" },
		{ "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\",\n"
		  " \"metadata\": {\"labels\": {\"a\": \"1\"}, \"name\": \"d\", \"labels\": {\"b\": \"2\", \"c\": \"x\", \"d\": \"y\"}},\n"
		  " \"spec\": {\"replicas\": \"3\"}}\n", 3, 23, 162, 0, "spec.replicas" },
		{ "[{\"kind\": \"Service\", \"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"s\"}},\n"
		  " {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"d\", \"name\": \"e\"}, "
		  "\"spec\": {\"paused\": 1}}]\n", 2, 109, 196, 1, "spec.paused" },
	};
	size_t i;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
		hpa_manifest *m = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int rc;
		po.flags |= HPA_PARSE_ALLOW_DUPLICATES;
		rc = hpa_manifest_parse_json(&m, c[i].in, strlen(c[i].in), &po, &e);
		CU_ASSERT_EQUAL(rc, HPA_ETYPE);
		CU_ASSERT_PTR_NULL(m);
		CU_ASSERT_EQUAL(e.line, c[i].line);
		CU_ASSERT_EQUAL(e.column, c[i].col);
		CU_ASSERT_EQUAL(e.offset, c[i].offset);
		CU_ASSERT_EQUAL(e.document, c[i].doc);
		CU_ASSERT_STRING_EQUAL(e.path, c[i].path);
		/* without the option: the duplicate is the error */
		rc = hpa_manifest_parse_json(&m, c[i].in, strlen(c[i].in), NULL, &e);
		CU_ASSERT_EQUAL(rc, HPA_EDUPLICATE);
	}
}

static CU_TestInfo tests[] = {
	{ "json_positions_with_duplicates", test_codec__json_positions_with_duplicates },
	{ "yaml_valid", test_codec__yaml_valid },
	{ "yaml_invalid", test_codec__yaml_invalid },
	{ "json_valid", test_codec__json_valid },
	{ "json_invalid", test_codec__json_invalid },
	{ "yaml_file_streams", test_codec__yaml_file_streams },
	{ "json_file_maps", test_codec__json_file_maps },
	{ "resolution", test_codec__resolution },
	{ "positions_bytes_and_characters", test_codec__positions_bytes_and_characters },
	{ "sources_and_sinks", test_codec__sources_and_sinks },
	{ "sniffing_and_empty_inputs", test_codec__sniffing_and_empty_inputs },
	{ "options_and_arguments", test_codec__options_and_arguments },
	{ "duplicates_allowed", test_codec__duplicates_allowed },
	{ "yaml_to_json_numbers", test_codec__yaml_to_json_numbers },
	{ "float_tag_integer_text_to_json", test_codec__float_tag_integer_text_to_json },
	{ "json_write_deep_nesting", test_codec__json_write_deep_nesting },
	{ "json_scalar_limit_position", test_codec__json_scalar_limit_position },
	{ "invalid_utf8_string_is_not_written", test_codec__invalid_utf8_string_is_not_written },
	{ "allocation_failures", test_codec__allocation_failures },
	{ "corpus_round_trip", test_codec__corpus_round_trip },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_codec = { "codec", NULL, NULL, NULL, NULL, tests };
