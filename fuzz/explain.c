/*
 * fuzz/explain.c -- libFuzzer target for what runs on a parsed manifest:
 * validation and lint, `hpactl explain` (the decision from objects), the
 * `kubectl get hpa` table and a simulation from the manifest.
 *
 * The input is a YAML stream (JSON documents are YAML too). Once it parses,
 * every object goes through validation and lint (heuristics on), whose
 * findings must be well formed; the Pods, PodMetrics, MetricValues and
 * ExternalMetricValues become the explanation's sources. For each of the
 * first two HorizontalPodAutoscalers, with its scaleTargetRef's object as
 * the target when the stream has it:
 * - building the decision input either fails with a code and a message and
 *   no input, or decides (with controller options chosen by the input's
 *   length); a decision renders as text and JSON, goes into a
 *   history, and the next sync decides again with that history;
 * - a 2-minute simulation from the manifest either refuses the HPA with a
 *   code and a message, or runs and writes its timeline in every format.
 * Then the `kubectl get hpa` table of all HPAs. Any broken invariant aborts,
 * which libFuzzer reports as a crash; ASan and UBSan watch the rest.
 */
#include <hpa/hpa.h>
#include "check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NOW_MS INT64_C(1714557600000) /* 2024-05-01T10:00:00Z */

static void check_findings(const hpa_manifest *m, const hpa_diagnostics *d)
{
	size_t docs = hpa_manifest_document_count(m);
	for (size_t i = 0; i < hpa_diagnostics_count(d); i++) {
		const hpa_diagnostic *f = hpa_diagnostics_at(d, i);
		int sev = hpa_diagnostic_severity(f);
		CHECK(f != NULL);
		CHECK(sev >= HPA_SEVERITY_INFO && sev <= HPA_SEVERITY_ERROR);
		CHECK(hpa_diagnostic_rule(f) != NULL && hpa_diagnostic_rule(f)[0] != '\0');
		CHECK(hpa_diagnostic_message(f) != NULL && hpa_diagnostic_message(f)[0] != '\0');
		CHECK(hpa_diagnostic_path(f) != NULL);
		CHECK(docs == 0 || hpa_diagnostic_document(f) < docs);
		CHECK(hpa_diagnostic_column(f) == 0 || hpa_diagnostic_line(f) >= 1);
	}
}

static void validate_and_lint(const hpa_manifest *m)
{
	hpa_diagnostics *d = NULL;
	hpa_lint_options lo;
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_manifest_validate(m, NULL, &d, &e);
	CHECK(rc == 0 || rc == HPA_EVALIDATION);
	CHECK(d != NULL);
	CHECK((rc == HPA_EVALIDATION) == (hpa_diagnostics_count_severity(d, HPA_SEVERITY_ERROR) > 0));
	check_findings(m, d);
	hpa_diagnostics_free(d);
	d = NULL;
	CHECK(hpa_lint_options_init(&lo, HPA_LINT_OPTIONS_VERSION) == 0);
	lo.flags |= HPA_LINT_HEURISTICS;
	rc = hpa_manifest_lint(m, &lo, &d, &e);
	CHECK(rc == 0 || rc == HPA_EVALIDATION);
	CHECK(d != NULL);
	CHECK((rc == HPA_EVALIDATION) == (hpa_diagnostics_count_severity(d, HPA_SEVERITY_ERROR) > 0));
	check_findings(m, d);
	hpa_diagnostics_free(d);
}

/* the object of the stream that the HPA's scaleTargetRef names, if any */
static const hpa_object *find_target(const hpa_manifest *m, const hpa_object *hpa)
{
	const char *kind = NULL, *name = NULL;
	const hpa_object *found = NULL;
	hpa_error e = HPA_ERROR_INIT;
	if (hpa_object_get_string(hpa, "spec.scaleTargetRef.kind", &kind, &e) == 0 &&
	    hpa_object_get_string(hpa, "spec.scaleTargetRef.name", &name, &e) == 0) {
		for (size_t i = 0; i < hpa_manifest_count(m) && !found; i++) {
			const hpa_object *o = hpa_manifest_at(m, i);
			const char *k = hpa_object_kind_name(o), *n = hpa_object_name(o);
			if (k && n && !strcmp(k, kind) && !strcmp(n, name))
				found = o;
		}
	}
	return found;
}

static void explain(const hpa_manifest *m, const hpa_object *hpa, const hpa_manifest *const src[4], size_t variant)
{
	static const int formats[] = { HPA_EXPLAIN_TEXT, HPA_EXPLAIN_JSON };
	hpa_explain_sources s;
	hpa_explain_input *in = (hpa_explain_input *)&in;
	hpa_history *h = NULL;
	hpa_decision *d;
	hpa_error e = HPA_ERROR_INIT;
	hpa_decide_options opts, *o = NULL;
	int rc;
	/* the controller's flags, chosen by the input's length: defaults,
	 * master semantics with scale to zero, a wide tolerance with texts
	 * left out, no pod-level resources and no configurable tolerance */
	CHECK(hpa_decide_options_init(&opts, HPA_DECIDE_OPTIONS_VERSION) == 0);
	switch (variant % 4) {
	case 1: opts.semantics = HPA_SEMANTICS_MASTER; opts.scale_to_zero = true; o = &opts; break;
	case 2: opts.tolerance = 0.5; opts.no_text = true; o = &opts; break;
	case 3: opts.pod_level_resources = false; opts.configurable_tolerance = false; o = &opts; break;
	default: break;
	}
	CHECK(hpa_explain_sources_init(&s, HPA_EXPLAIN_SOURCES_VERSION) == 0);
	s.hpa = hpa;
	s.target = find_target(m, hpa);
	s.pods = src[0];
	s.pod_metrics = src[1];
	s.custom_metrics = src[2];
	s.external_metrics = src[3];
	s.now_ms = NOW_MS;
	rc = hpa_explain_input_new(&in, &s, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(in == NULL);
		return;
	}
	d = calloc(1, sizeof(*d));
	CHECK(d != NULL);
	CHECK(hpa_history_new(&h, 0, &e) == 0);
	for (int sync = 0; sync < 2; sync++) {
		rc = hpa_explain_decide(d, in, h, o, &e);
		if (rc) {
			failed_cleanly(rc, &e);
			break;
		}
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			char *text = NULL;
			size_t len = 0;
			CHECK(hpa_explain_render(&text, &len, in, d, h, o, formats[f], &e) == 0);
			CHECK(text != NULL && strlen(text) == len);
			hpa_free(text);
		}
		/* the decision's own history update, then the next sync on it */
		rc = hpa_history_record(h, d, NOW_MS + 15000 * sync, &e);
		if (rc) {
			failed_cleanly(rc, &e);
			break;
		}
	}
	hpa_history_free(h);
	free(d);
	hpa_explain_input_free(in);
}

static void simulate(const hpa_manifest *m, const char *name)
{
	hpa_sim_options o;
	hpa_sim *sim = NULL;
	hpa_sim_load *load = NULL;
	hpa_error e = HPA_ERROR_INIT;
	size_t hpa = 0;
	int rc;
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.duration_ms = 120000;
	o.seed = 3;
	CHECK(hpa_sim_new(&sim, &o, &e) == 0);
	rc = hpa_sim_add_from_manifest(sim, m, name, NULL, &hpa, &e);
	if (rc == 0) {
		CHECK(hpa_sim_load_parse(&load, "siege -c20 -t40S", &e) == 0);
		rc = hpa_sim_set_load(sim, hpa_sim_hpa_deployment(sim, hpa), load, &e);
		hpa_sim_load_free(load);
	}
	if (rc == 0)
		rc = hpa_sim_run(sim, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		hpa_sim_free(sim);
		return;
	}
	check_sim_writes(sim);
	hpa_sim_free(sim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const src_kinds[4] = { "Pod", "PodMetrics", "MetricValue", "ExternalMetricValue" };
	hpa_manifest *m = (hpa_manifest *)&m, *src[4] = { NULL, NULL, NULL, NULL };
	const hpa_object *hpas[8];
	size_t n_hpa = 0;
	hpa_error e = HPA_ERROR_INIT;
	char *table = NULL;
	size_t len = 0;
	int rc = hpa_manifest_parse_yaml(&m, (const char *)data, size, NULL, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(m == NULL);
		return 0;
	}
	validate_and_lint(m);
	for (int k = 0; k < 4; k++)
		CHECK(hpa_manifest_new(&src[k], &e) == 0);
	for (size_t i = 0; i < hpa_manifest_count(m); i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		const char *kind = hpa_object_kind_name(o);
		for (int k = 0; kind && k < 4; k++)
			if (!strcmp(kind, src_kinds[k]))
				CHECK(hpa_manifest_append_copy(src[k], o, NULL, &e) == 0);
		if (kind && !strcmp(kind, "HorizontalPodAutoscaler") && n_hpa < sizeof(hpas) / sizeof(hpas[0]))
			hpas[n_hpa++] = o;
	}
	for (size_t i = 0; i < n_hpa && i < 2; i++) {
		explain(m, hpas[i], (const hpa_manifest *const *)src, size);
		if (hpa_object_name(hpas[i]))
			simulate(m, hpa_object_name(hpas[i]));
	}
	rc = hpa_explain_hpa_table(&table, &len, hpas, n_hpa, NOW_MS, 0, &e);
	if (rc)
		failed_cleanly(rc, &e);
	else
		CHECK(table != NULL && strlen(table) == len);
	hpa_free(table);
	for (int k = 0; k < 4; k++)
		hpa_manifest_free(src[k]);
	hpa_manifest_free(m);
	return 0;
}
