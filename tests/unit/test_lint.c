/* tests/unit/test_lint.c -- cross-object lint: one generic walker over
 * tests/data/lint/<RULE>/{bad,good}.yaml (+ bad.expected) for every rule of
 * the catalogue, the MSA-Ez broken outputs (tests/data/lint/msaez), the
 * shared reference and corpus (read from HPA_SHARED_DIR, skipped when it is
 * absent), options, the catalogue, multi-file sets, allocation failures.
 *
 * Expected files hold one finding per line, written by hand from reading the
 * fixture: `RULE LINE:COL PATH [| text the message must contain]`. Blank
 * lines and lines starting with '#' are ignored. The match is exact in both
 * directions: every finding must be listed and every line must be found. */
#include "helpers.h"
#include "core/core.h"
#include <hpa/codec.h>
#include <hpa/validate.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

typedef struct {
	char rule[16];
	size_t line, col;
	char path[256];
	char text[512];
	bool used;
} expect;

static size_t read_expected(const char *file, expect *ex, size_t max)
{
	char *buf = th_read_file(file, NULL), *line, *save = NULL;
	size_t n = 0;
	if (!buf)
		return 0;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *bar;
		th_rstrip(line);
		if (!*line || *line == '#' || n >= max)
			continue;
		memset(&ex[n], 0, sizeof(ex[n]));
		bar = strstr(line, " | ");
		if (bar) {
			*bar = '\0';
			snprintf(ex[n].text, sizeof(ex[n].text), "%s", bar + 3);
		}
		if (sscanf(line, "%15s %zu:%zu %255s", ex[n].rule, &ex[n].line, &ex[n].col, ex[n].path) < 3) {
			fprintf(stderr, "\n  %s: bad expected line \"%s\"\n", file, line);
			CU_FAIL("malformed expected line");
			continue;
		}
		if (strcmp(ex[n].path, "-") == 0)
			ex[n].path[0] = '\0';
		n++;
	}
	free(buf);
	return n;
}

/* Compare findings with the expected lines; print what differs. */
static void check_findings(const char *what, const hpa_diagnostics *d, expect *ex, size_t nex)
{
	size_t i, j, bad = 0;
	for (i = 0; i < hpa_diagnostics_count(d); i++) {
		const hpa_diagnostic *f = hpa_diagnostics_at(d, i);
		bool found = false;
		for (j = 0; j < nex && !found; j++) {
			if (ex[j].used || strcmp(ex[j].rule, hpa_diagnostic_rule(f)) != 0 ||
					ex[j].line != hpa_diagnostic_line(f) || ex[j].col != hpa_diagnostic_column(f) ||
					strcmp(ex[j].path, hpa_diagnostic_path(f)) != 0 ||
					(ex[j].text[0] && !strstr(hpa_diagnostic_message(f), ex[j].text)))
				continue;
			ex[j].used = found = true;
		}
		if (!found) {
			fprintf(stderr, "\n  %s: unexpected %s %zu:%zu %s | %s", what, hpa_diagnostic_rule(f),
				hpa_diagnostic_line(f), hpa_diagnostic_column(f),
				*hpa_diagnostic_path(f) ? hpa_diagnostic_path(f) : "-", hpa_diagnostic_message(f));
			bad++;
		}
	}
	for (j = 0; j < nex; j++) {
		if (!ex[j].used) {
			fprintf(stderr, "\n  %s: missing %s %zu:%zu %s | %s", what, ex[j].rule, ex[j].line, ex[j].col,
				ex[j].path[0] ? ex[j].path : "-", ex[j].text);
			bad++;
		}
	}
	if (bad)
		fprintf(stderr, "\n");
	CU_ASSERT_EQUAL(bad, 0);
}

/* Lint one file (all rules); NULL and a PARSE pseudo-finding check when it does not read. */
static hpa_diagnostics *lint_file(const char *file, expect *ex, size_t nex, int *parse_rc)
{
	hpa_manifest *m = NULL;
	hpa_diagnostics *d = NULL;
	hpa_error err = HPA_ERROR_INIT;
	int rc = hpa_manifest_parse_yaml_file(&m, file, NULL, &err);
	*parse_rc = rc;
	if (rc < 0) {
		/* the expected file then holds exactly one line: PARSE line:col - */
		CU_ASSERT_EQUAL(nex, 1);
		if (nex == 1) {
			CU_ASSERT_STRING_EQUAL(ex[0].rule, "PARSE");
			CU_ASSERT_EQUAL(err.line, ex[0].line);
			CU_ASSERT_EQUAL(err.column, ex[0].col);
			if (strcmp(ex[0].rule, "PARSE") != 0 || err.line != ex[0].line || err.column != ex[0].col)
				fprintf(stderr, "\n  %s: parse error %zu:%zu %s\n", file, err.line, err.column, err.message);
		}
		return NULL;
	}
	{
		/* fixtures cover every rule, the opt-in heuristics included */
		hpa_lint_options lo = HPA_LINT_OPTIONS_INIT;
		lo.flags |= HPA_LINT_HEURISTICS;
		rc = hpa_manifest_lint(m, &lo, &d, &err);
	}
	CU_ASSERT(rc == 0 || rc == HPA_EVALIDATION);
	CU_ASSERT_PTR_NOT_NULL(d);
	/* the return code says whether an error was found */
	CU_ASSERT_EQUAL(rc == HPA_EVALIDATION, hpa_diagnostics_count_severity(d, HPA_SEVERITY_ERROR) > 0);
	hpa_manifest_free(m);
	return d;
}

static void run_case(const char *yaml, const char *expected, const char *rule)
{
	expect ex[128];
	size_t nex = th_is_file(expected) ? read_expected(expected, ex, 128) : 0;
	int prc;
	hpa_diagnostics *d = lint_file(yaml, ex, nex, &prc);
	if (!d)
		return;
	check_findings(yaml, d, ex, nex);
	if (rule) {
		/* a bad fixture must trigger its rule */
		size_t i, hits = 0;
		for (i = 0; i < hpa_diagnostics_count(d); i++)
			if (strcmp(hpa_diagnostic_rule(hpa_diagnostics_at(d, i)), rule) == 0)
				hits++;
		if (!hits)
			fprintf(stderr, "\n  %s: rule %s did not fire\n", yaml, rule);
		CU_ASSERT(hits > 0);
	}
	hpa_diagnostics_free(d);
}

static void test_lint__every_rule_has_fixtures(void)
{
	size_t i;
	char dir[512], f1[600], f2[600];
	for (i = 0; i < hpa_lint_rule_count(); i++) {
		const char *id = hpa_lint_rule_id(hpa_lint_rule_at(i));
		snprintf(dir, sizeof(dir), "lint/%s", id);
		th_data_path(f1, sizeof(f1), dir);
		if (!th_is_dir(f1)) {
			fprintf(stderr, "\n  no fixtures for rule %s (%s)\n", id, f1);
			CU_FAIL("rule without fixtures");
			continue;
		}
		th_data_path(f1, sizeof(f1), dir);
		strcat(f1, "/bad.yaml");
		th_data_path(f2, sizeof(f2), dir);
		strcat(f2, "/bad.expected");
		CU_ASSERT(th_is_file(f1) && th_is_file(f2));
		run_case(f1, f2, id);
		th_data_path(f1, sizeof(f1), dir);
		strcat(f1, "/good.yaml");
		th_data_path(f2, sizeof(f2), dir);
		strcat(f2, "/good.expected");
		CU_ASSERT(th_is_file(f1));
		run_case(f1, f2, NULL);
	}
}

static void test_lint__msaez_broken_outputs(void)
{
	char dir[512], y[700], e[700];
	char **list;
	size_t i, n = 0;
	th_data_path(dir, sizeof(dir), "lint/msaez");
	list = th_list_dir(dir);
	CU_ASSERT_PTR_NOT_NULL(list);
	for (i = 0; list && list[i]; i++) {
		size_t l = strlen(list[i]);
		if (l < 6 || strcmp(list[i] + l - 5, ".yaml") != 0)
			continue;
		snprintf(y, sizeof(y), "%s/%s", dir, list[i]);
		snprintf(e, sizeof(e), "%s/%.*s.expected", dir, (int)(l - 5), list[i]);
		CU_ASSERT(th_is_file(e));
		run_case(y, e, NULL);
		n++;
	}
	CU_ASSERT(n >= 12);
	th_free_list(list);
}

/* shared material */

static void test_lint__reference_is_clean(void)
{
	char path[600];
	hpa_manifest *m = NULL;
	hpa_diagnostics *d = NULL;
	hpa_error err = HPA_ERROR_INIT;
	size_t i, hpa007 = 0, hpa009 = 0;
	if (!th_shared_path(path, sizeof(path), "reference/12st-mall-template.yml") || !th_is_file(path)) {
		fprintf(stderr, "[skipped: no shared reference] ");
		return;
	}
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, NULL, &err), 0);
	if (!m)
		return;
	CU_ASSERT_EQUAL(hpa_manifest_lint(m, NULL, &d, &err), 0);
	/* clean: no error, no warning */
	CU_ASSERT_EQUAL(hpa_diagnostics_count_severity(d, HPA_SEVERITY_WARNING), 0);
	/* the infos, from reading the file: order and product set replicas: 1 and are
	 * HPA targets; product-hpa scales on memory at 20% (22% with the 0.1 tolerance,
	 * under the 50% rule of thumb) without an idle-memory annotation */
	for (i = 0; i < hpa_diagnostics_count(d); i++) {
		const hpa_diagnostic *f = hpa_diagnostics_at(d, i);
		if (hpa_diagnostic_severity(f) >= HPA_SEVERITY_WARNING)
			fprintf(stderr, "\n  reference: %s %s", hpa_diagnostic_rule(f), hpa_diagnostic_message(f));
		if (strcmp(hpa_diagnostic_rule(f), "HPA007") == 0)
			hpa007++;
		if (strcmp(hpa_diagnostic_rule(f), "HPA009") == 0) {
			hpa009++;
			CU_ASSERT_STRING_EQUAL(hpa_diagnostic_name(f), "product-hpa");
		}
	}
	CU_ASSERT_EQUAL(hpa007, 2);
	CU_ASSERT_EQUAL(hpa009, 0); /* HPA009 is a heuristic: off by default */
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 2);
	hpa_diagnostics_free(d);
	d = NULL;
	{
		hpa_lint_options lo = HPA_LINT_OPTIONS_INIT;
		lo.flags |= HPA_LINT_HEURISTICS;
		CU_ASSERT_EQUAL(hpa_manifest_lint(m, &lo, &d, &err), 0);
		hpa009 = 0;
		for (i = 0; i < hpa_diagnostics_count(d); i++) {
			const hpa_diagnostic *f = hpa_diagnostics_at(d, i);
			if (strcmp(hpa_diagnostic_rule(f), "HPA009") == 0) {
				hpa009++;
				CU_ASSERT_STRING_EQUAL(hpa_diagnostic_name(f), "product-hpa");
			}
		}
		CU_ASSERT_EQUAL(hpa009, 1);
		CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 3);
	}
	hpa_diagnostics_free(d);
	hpa_manifest_free(m);
}

static void test_lint__food_delivery_corpus(void)
{
	static const char *const files[] = {
		"app__kubernetes__deployment.yml", "app__kubernetes__service.yaml",
		"customer__kubernetes__deployment.yml", "store__kubernetes__deployment.yml" };
	char dir[600], path[800];
	hpa_manifest *ms[4] = { NULL, NULL, NULL, NULL };
	hpa_diagnostics *d = NULL;
	hpa_error err = HPA_ERROR_INIT;
	size_t i;
	if (!th_shared_path(dir, sizeof(dir), "corpus/msa-ez__example-food-delivery") || !th_is_dir(dir)) {
		fprintf(stderr, "[skipped: no shared corpus] ");
		return;
	}
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&ms[i], path, NULL, &err), 0);
	}
	if (ms[0] && ms[1] && ms[2] && ms[3]) {
		/* Read by hand: the app Service selects app=app, the Deployment app's pods;
		 * customer and store have no Service and no HPA; every name, label, port and
		 * probe is valid; images are real references. Nothing to report. */
		CU_ASSERT_EQUAL(hpa_manifests_lint((const hpa_manifest *const *)ms, 4, NULL, &d, &err), 0);
		CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
		for (i = 0; i < hpa_diagnostics_count(d); i++)
			fprintf(stderr, "\n  corpus: %s %s", hpa_diagnostic_rule(hpa_diagnostics_at(d, i)),
				hpa_diagnostic_message(hpa_diagnostics_at(d, i)));
		hpa_diagnostics_free(d);
		/* the Service alone selects nothing in its set */
		CU_ASSERT_EQUAL(hpa_manifest_lint(ms[1], NULL, &d, &err), 0);
		CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 1);
		CU_ASSERT_STRING_EQUAL(hpa_diagnostic_rule(hpa_diagnostics_at(d, 0)), "SVC001");
		CU_ASSERT_PTR_NOT_NULL(strstr(hpa_diagnostic_source(hpa_diagnostics_at(d, 0)), "app__kubernetes__service.yaml"));
		hpa_diagnostics_free(d);
	}
	for (i = 0; i < 4; i++)
		hpa_manifest_free(ms[i]);
}

/* options, catalogue, sets */

static hpa_manifest *parse_str(const char *yaml, const char *name)
{
	hpa_manifest *m = NULL;
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	po.source_name = name;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, yaml, strlen(yaml), &po, NULL), 0);
	return m;
}

static const char deploy_yaml[] =
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata:\n"
	"  name: web\n"
	"spec:\n"
	"  replicas: 2\n"
	"  selector:\n"
	"    matchLabels: {app: web}\n"
	"  template:\n"
	"    metadata:\n"
	"      labels: {app: web}\n"
	"    spec:\n"
	"      containers:\n"
	"      - name: web\n"
	"        image: nginx:1.27\n";

static const char hpa_yaml[] =
	"apiVersion: autoscaling/v2\n"
	"kind: HorizontalPodAutoscaler\n"
	"metadata:\n"
	"  name: web\n"
	"spec:\n"
	"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
	"  minReplicas: 1\n"
	"  maxReplicas: 4\n"
	"  metrics:\n"
	"  - type: Resource\n"
	"    resource:\n"
	"      name: cpu\n"
	"      target: {type: Utilization, averageUtilization: 60}\n";

static size_t count_rule(const hpa_diagnostics *d, const char *rule)
{
	size_t i, n = 0;
	for (i = 0; i < hpa_diagnostics_count(d); i++)
		if (strcmp(hpa_diagnostic_rule(hpa_diagnostics_at(d, i)), rule) == 0)
			n++;
	return n;
}

static void test_lint__set_across_files(void)
{
	hpa_manifest *a = parse_str(deploy_yaml, "deploy.yaml"), *b = parse_str(hpa_yaml, "hpa.yaml");
	const hpa_manifest *set[2];
	hpa_diagnostics *d = NULL;
	hpa_error err = HPA_ERROR_INIT;
	size_t i;
	set[0] = a;
	set[1] = b;
	if (!a || !b)
		goto out;
	/* alone, the HPA's target is missing */
	CU_ASSERT_EQUAL(hpa_manifest_lint(b, NULL, &d, &err), 0);
	CU_ASSERT_EQUAL(count_rule(d, "HPA001"), 1);
	CU_ASSERT_EQUAL(hpa_diagnostic_line(hpa_diagnostics_at(d, 0)), 6);
	CU_ASSERT_EQUAL(hpa_diagnostic_column(hpa_diagnostics_at(d, 0)), 19);
	hpa_diagnostics_free(d);
	/* together: the Deployment has no cpu request (error, reported on deploy.yaml
	 * at the container, line 14 col 9) and a static replicas (info, line 6 col 13) */
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, NULL, &d, &err), HPA_EVALIDATION);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 2);
	CU_ASSERT_EQUAL(count_rule(d, "HPA001"), 0);
	for (i = 0; i < hpa_diagnostics_count(d); i++) {
		const hpa_diagnostic *f = hpa_diagnostics_at(d, i);
		CU_ASSERT_STRING_EQUAL(hpa_diagnostic_source(f), "deploy.yaml");
		CU_ASSERT_STRING_EQUAL(hpa_diagnostic_kind(f), "Deployment");
		CU_ASSERT_STRING_EQUAL(hpa_diagnostic_name(f), "web");
	}
	/* sorted by position: replicas (line 6) before the container (line 14) */
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_rule(hpa_diagnostics_at(d, 0)), "HPA007");
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_path(hpa_diagnostics_at(d, 0)), "spec.replicas");
	CU_ASSERT_EQUAL(hpa_diagnostic_line(hpa_diagnostics_at(d, 0)), 6);
	CU_ASSERT_EQUAL(hpa_diagnostic_column(hpa_diagnostics_at(d, 0)), 13);
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_rule(hpa_diagnostics_at(d, 1)), "HPA003");
	CU_ASSERT_EQUAL(hpa_diagnostic_severity(hpa_diagnostics_at(d, 1)), HPA_SEVERITY_ERROR);
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_path(hpa_diagnostics_at(d, 1)), "spec.template.spec.containers[0]");
	CU_ASSERT_EQUAL(hpa_diagnostic_line(hpa_diagnostics_at(d, 1)), 14);
	CU_ASSERT_EQUAL(hpa_diagnostic_column(hpa_diagnostics_at(d, 1)), 9);
	CU_ASSERT_PTR_NOT_NULL(strstr(hpa_diagnostic_message(hpa_diagnostics_at(d, 1)), "container \"web\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(hpa_diagnostic_hint(hpa_diagnostics_at(d, 1)), "resources.requests.cpu"));
	/* err describes the first error */
	CU_ASSERT_EQUAL(err.code, HPA_EVALIDATION);
	CU_ASSERT_EQUAL(err.line, 14);
	CU_ASSERT_STRING_EQUAL(err.source, "deploy.yaml");
	CU_ASSERT_STRING_EQUAL(err.path, "spec.template.spec.containers[0]");
	hpa_diagnostics_free(d);
out:
	hpa_manifest_free(a);
	hpa_manifest_free(b);
}

static void test_lint__options(void)
{
	hpa_manifest *a = parse_str(deploy_yaml, "deploy.yaml"), *b = parse_str(hpa_yaml, "hpa.yaml");
	const hpa_manifest *set[2];
	hpa_diagnostics *d = NULL;
	hpa_lint_options o;
	hpa_error err = HPA_ERROR_INIT;
	set[0] = a;
	set[1] = b;
	if (!a || !b)
		goto out;
	CU_ASSERT_EQUAL(hpa_lint_options_init(&o, HPA_LINT_OPTIONS_VERSION), 0);
	CU_ASSERT_EQUAL(o.min_severity, HPA_SEVERITY_INFO);
	CU_ASSERT_EQUAL(o.tolerance_milli, 100);
	CU_ASSERT_EQUAL(hpa_lint_options_init(&o, 0), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_lint_options_init(&o, HPA_LINT_OPTIONS_VERSION + 1), HPA_EINVAL);
	hpa_lint_options_init(&o, HPA_LINT_OPTIONS_VERSION);
	/* disable */
	o.disable = "HPA003, HPA007";
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, &o, &d, &err), 0);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
	hpa_diagnostics_free(d);
	/* min severity drops the info */
	o.disable = NULL;
	o.min_severity = HPA_SEVERITY_WARNING;
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, &o, &d, &err), HPA_EVALIDATION);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 1);
	CU_ASSERT_EQUAL(count_rule(d, "HPA003"), 1);
	hpa_diagnostics_free(d);
	/* enable only one rule */
	o.min_severity = HPA_SEVERITY_INFO;
	o.enable = "HPA007";
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, &o, &d, &err), 0);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 1);
	CU_ASSERT_EQUAL(count_rule(d, "HPA007"), 1);
	hpa_diagnostics_free(d);
	/* unknown ids are rejected */
	o.enable = "HPA999";
	d = (hpa_diagnostics *)&o;
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, &o, &d, &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "HPA999"));
	o.enable = NULL;
	o.version = 99;
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, &o, &d, &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_EQUAL(hpa_manifests_lint(set, 2, NULL, NULL, &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_manifest_lint(NULL, NULL, &d, &err), HPA_EINVAL);
	/* an empty set is clean */
	CU_ASSERT_EQUAL(hpa_manifests_lint(NULL, 0, NULL, &d, &err), 0);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
	hpa_diagnostics_free(d);
out:
	hpa_manifest_free(a);
	hpa_manifest_free(b);
}

/* validate.h: "findings below this severity are dropped". Validation
 * findings (VAL001 semantic, VAL002 schema) are all errors, so a
 * min_severity above HPA_SEVERITY_ERROR drops both rules alike, and the set
 * then has no error finding (HPA_OK). */
static void test_lint__min_severity_drops_validation(void)
{
	static const char yaml[] =
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: Web_Bad\n"      /* VAL001: not a DNS-1123 subdomain */
		"spec:\n"
		"  replicaz: 1\n"         /* VAL002: unknown field */
		"  selector:\n"
		"    matchLabels: {app: web}\n"
		"  template:\n"
		"    metadata:\n"
		"      labels: {app: web}\n"
		"    spec:\n"
		"      containers:\n"
		"      - name: web\n"
		"        image: nginx:1.27\n";
	hpa_manifest *m = parse_str(yaml, "sev.yaml");
	hpa_diagnostics *d = NULL;
	hpa_lint_options o;
	if (!m)
		return;
	hpa_lint_options_init(&o, HPA_LINT_OPTIONS_VERSION);
	o.min_severity = HPA_SEVERITY_ERROR;
	CU_ASSERT_EQUAL(hpa_manifest_lint(m, &o, &d, NULL), HPA_EVALIDATION);
	CU_ASSERT_EQUAL(count_rule(d, "VAL001"), 1);
	CU_ASSERT_EQUAL(count_rule(d, "VAL002"), 1);
	hpa_diagnostics_free(d);
	o.min_severity = HPA_SEVERITY_ERROR + 1;
	d = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_lint(m, &o, &d, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
	hpa_diagnostics_free(d);
	/* VAL001 switched off: VAL002 still obeys min_severity */
	o.disable = "VAL001";
	d = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_lint(m, &o, &d, NULL), 0);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
	hpa_diagnostics_free(d);
	o.min_severity = HPA_SEVERITY_ERROR;
	d = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_lint(m, &o, &d, NULL), HPA_EVALIDATION);
	CU_ASSERT_EQUAL(count_rule(d, "VAL001"), 0);
	CU_ASSERT_EQUAL(count_rule(d, "VAL002"), 1);
	hpa_diagnostics_free(d);
	hpa_manifest_free(m);
}

static void test_lint__catalogue(void)
{
	size_t i, j, n = hpa_lint_rule_count();
	CU_ASSERT(n >= 20);
	for (i = 0; i < n; i++) {
		const hpa_lint_rule *r = hpa_lint_rule_at(i);
		const char *id = hpa_lint_rule_id(r);
		CU_ASSERT(strlen(id) >= 5 && strlen(id) <= 6);
		CU_ASSERT(hpa_lint_rule_severity(r) >= HPA_SEVERITY_INFO && hpa_lint_rule_severity(r) <= HPA_SEVERITY_ERROR);
		CU_ASSERT(strlen(hpa_lint_rule_summary(r)) > 10);
		CU_ASSERT_PTR_EQUAL(hpa_lint_rule_find(id), r);
		for (j = 0; j < i; j++)
			CU_ASSERT_STRING_NOT_EQUAL(hpa_lint_rule_id(hpa_lint_rule_at(j)), id);
	}
	CU_ASSERT_PTR_NULL(hpa_lint_rule_at(n));
	CU_ASSERT_PTR_NULL(hpa_lint_rule_find("NOPE01"));
	CU_ASSERT_PTR_NULL(hpa_lint_rule_find(NULL));
	CU_ASSERT_STRING_EQUAL(hpa_severity_name(HPA_SEVERITY_ERROR), "error");
	CU_ASSERT_STRING_EQUAL(hpa_severity_name(HPA_SEVERITY_WARNING), "warning");
	CU_ASSERT_STRING_EQUAL(hpa_severity_name(HPA_SEVERITY_INFO), "info");
	CU_ASSERT_STRING_EQUAL(hpa_severity_name(0), "unknown");
	/* NULL-safe accessors */
	CU_ASSERT_EQUAL(hpa_diagnostics_count(NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_diagnostics_at(NULL, 0));
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_message(NULL), "");
	hpa_diagnostics_free(NULL);
}

#ifdef HPA_TESTING
/* Every finding as one line "rule|severity|path|message|hint|line:col|doc". */
static char *render_diags(const hpa_diagnostics *d)
{
	size_t i, cap = 1 << 16, len = 0;
	char *s = malloc(cap);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < hpa_diagnostics_count(d) && len < cap; i++) {
		const hpa_diagnostic *x = hpa_diagnostics_at(d, i);
		len += (size_t)snprintf(s + len, cap - len, "%s|%d|%s|%s|%s|%zu:%zu|%zu\n", hpa_diagnostic_rule(x),
			hpa_diagnostic_severity(x), hpa_diagnostic_path(x), hpa_diagnostic_message(x),
			hpa_diagnostic_hint(x), hpa_diagnostic_line(x), hpa_diagnostic_column(x), hpa_diagnostic_document(x));
	}
	return s;
}

/* validate.h: a call either succeeds with its findings or returns HPA_ENOMEM
 * with *out NULL; a failed allocation must never show up as a damaged
 * message. The n-th allocation fails for n = 1, 2, ... until a run has none
 * failing; every run must give the full result of the run without failures
 * (compared line by line: rule, severity, path, message, hint, position) or
 * HPA_ENOMEM. The baseline is itself checked against messages written from
 * the Kubernetes sources (field.Error's %q of the name, the map printed by
 * %v) and the SVC001 wording of docs/lint.md. */
static const char sweep_yaml[] =
	"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Web_Bad\n  labels: {app: web}\nspec:\n"
	"  replicaz: 1\n  selector:\n    matchLabels:\n      app: other\n  template:\n    metadata:\n"
	"      labels:\n        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx\n"
	"        ports: [{containerPort: 99999}]\n"
	"---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n"
	"  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: missing\n"
	"  minReplicas: 3\n  maxReplicas: 2\n"
	"---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: nothing}\n"
	"  ports: [{port: 80}]\n"
	"---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n";

static int sweep_run(int which, const hpa_manifest *m, hpa_diagnostics **d)
{
	hpa_lint_options o;
	hpa_lint_options_init(&o, HPA_LINT_OPTIONS_VERSION);
	o.flags = HPA_LINT_HEURISTICS;
	if (which == 0)
		return hpa_manifest_validate(m, NULL, d, NULL);
	return hpa_manifest_lint(m, which == 2 ? &o : NULL, d, NULL);
}

static void test_lint__allocation_failures_keep_messages(void)
{
	hpa_manifest *m = parse_str(sweep_yaml, "sweep.yaml");
	int which;
	if (!m)
		return;
	for (which = 0; which < 3; which++) {
		hpa_diagnostics *d = NULL;
		char *want;
		unsigned long n, enomem = 0;
		int rc0 = sweep_run(which, m, &d);
		CU_ASSERT_EQUAL(rc0, HPA_EVALIDATION);
		want = render_diags(d);
		hpa_diagnostics_free(d);
		if (!want)
			break;
		CU_ASSERT_PTR_NOT_NULL(strstr(want, "metadata.name: Invalid value: \"Web_Bad\": a lowercase RFC 1123 subdomain"));
		CU_ASSERT_PTR_NOT_NULL(strstr(want, "spec.template.metadata.labels: Invalid value: "
			"map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`"));
		if (which)
			CU_ASSERT_PTR_NOT_NULL(strstr(want, "Service/s selects pods with app=nothing, but"));
		for (n = 1; n < 100000; n++) {
			int rc;
			bool failed;
			char *got;
			d = (hpa_diagnostics *)&n;
			hpa__test_fail_alloc_at(n);
			rc = sweep_run(which, m, &d);
			failed = hpa__test_alloc_failed();
			hpa__test_fail_alloc_at(0);
			if (rc == HPA_ENOMEM) {
				CU_ASSERT(failed);
				CU_ASSERT_PTR_NULL(d);
				enomem++;
				continue;
			}
			CU_ASSERT_EQUAL(rc, rc0);
			got = render_diags(d);
			hpa_diagnostics_free(d);
			if (got && strcmp(got, want) != 0) {
				CU_FAIL("an allocation failure changed the findings");
				fprintf(stderr, "\nrun %d, allocation %lu failed:\n%s", which, n, got);
			}
			free(got);
			if (!failed)
				break;
		}
		CU_ASSERT(enomem > 1);
		free(want);
	}
	hpa_manifest_free(m);
}

static void test_lint__allocation_failures(void)
{
	char path[600];
	hpa_manifest *m = NULL;
	hpa_diagnostics *d = NULL;
	size_t expected_count;
	unsigned long n;
	th_data_path(path, sizeof(path), "lint/msaez/05-repeated-paths.yaml");
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, NULL, NULL), 0);
	if (!m)
		return;
	CU_ASSERT(hpa_manifest_lint(m, NULL, &d, NULL) >= HPA_EVALIDATION);
	expected_count = hpa_diagnostics_count(d);
	hpa_diagnostics_free(d);
	for (n = 1; n < 100000; n++) {
		int rc;
		d = NULL;
		hpa__test_fail_alloc_at(n);
		rc = hpa_manifest_lint(m, NULL, &d, NULL);
		hpa__test_fail_alloc_at(0);
		if (rc == HPA_ENOMEM) {
			CU_ASSERT_PTR_NULL(d);
			continue;
		}
		CU_ASSERT(rc == 0 || rc == HPA_EVALIDATION);
		CU_ASSERT_EQUAL(hpa_diagnostics_count(d), expected_count);
		hpa_diagnostics_free(d);
		break;
	}
	CU_ASSERT(n > 1);
	hpa_manifest_free(m);
}
#endif

static CU_TestInfo lint_tests[] = {
	{ "every_rule_has_fixtures", test_lint__every_rule_has_fixtures },
	{ "msaez_broken_outputs", test_lint__msaez_broken_outputs },
	{ "reference_is_clean", test_lint__reference_is_clean },
	{ "food_delivery_corpus", test_lint__food_delivery_corpus },
	{ "set_across_files", test_lint__set_across_files },
	{ "options", test_lint__options },
	{ "min_severity_drops_validation", test_lint__min_severity_drops_validation },
	{ "catalogue", test_lint__catalogue },
#ifdef HPA_TESTING
	{ "allocation_failures", test_lint__allocation_failures },
	{ "allocation_failures_keep_messages", test_lint__allocation_failures_keep_messages },
#endif
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_lint = { "lint", NULL, NULL, NULL, NULL, lint_tests };
