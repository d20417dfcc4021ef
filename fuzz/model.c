/*
 * fuzz/model.c -- libFuzzer target for the deployment modeler: a model
 * file in, a manifest out.
 *
 * The input is a model file (YAML, docs/model.md). Invariants (a broken one
 * aborts, which libFuzzer reports as a crash):
 * - loading either succeeds, or fails with an error code and a message and
 *   leaves *out NULL;
 * - a loaded model renders with each Ingress path rule, with and without
 *   the load-generator Pod (with a Spring profile chosen by the input's
 *   length), or fails with one of the codes the header
 *   promises (a profile the model cannot serve) and no manifest;
 * - what it renders is valid: no finding of error severity from
 *   hpa_manifest_validate() (the API server would accept every object) nor
 *   from hpa_manifest_lint() (no cross-object error: an HPA whose target
 *   is missing, a Service that selects nothing, ...), because the modeler's
 *   contract is that loading checks everything and rendering cannot make a
 *   broken manifest;
 * - the rendered manifest writes as YAML, reads back and writes to the same
 *   bytes, and hpa_model_prerequisites() succeeds whenever the render did.
 */
#include <hpa/hpa.h>
#include "check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_valid(const hpa_manifest *m)
{
	hpa_diagnostics *d = NULL;
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_manifest_validate(m, NULL, &d, &e);
	CHECK(d != NULL);
	CHECK(hpa_diagnostics_count_severity(d, HPA_SEVERITY_ERROR) == 0);
	CHECK(rc == 0);
	hpa_diagnostics_free(d);
	d = NULL;
	rc = hpa_manifest_lint(m, NULL, &d, &e);
	CHECK(d != NULL);
	CHECK(hpa_diagnostics_count_severity(d, HPA_SEVERITY_ERROR) == 0);
	CHECK(rc == 0);
	hpa_diagnostics_free(d);
}

static void check_round_trip(const hpa_manifest *m)
{
	hpa_manifest *m2 = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *y1 = NULL, *y2 = NULL;
	size_t l1 = 0, l2 = 0;
	CHECK(hpa_manifest_write_yaml(m, &y1, &l1, NULL, &e) == 0);
	CHECK(hpa_manifest_parse_yaml(&m2, y1, l1, NULL, &e) == 0);
	CHECK(hpa_manifest_count(m2) == hpa_manifest_count(m));
	CHECK(hpa_manifest_write_yaml(m2, &y2, &l2, NULL, &e) == 0);
	CHECK(l1 == l2 && memcmp(y1, y2, l1) == 0);
	hpa_free(y1);
	hpa_free(y2);
	hpa_manifest_free(m2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const hpa_path_rule rules[] = { HPA_PATH_RULE_MODEL, HPA_PATH_RULE_AGGREGATE, HPA_PATH_RULE_SERVICE };
	/* the profile, chosen by the input's length (NULL: the model's own) */
	static const char *const profiles[] = { NULL, "default", "docker", "prod", "local" };
	hpa_model *model = (hpa_model *)&model; /* not NULL: a failed load must set it */
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_model_load_buffer(&model, (const char *)data, size, "fuzz.yml", &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(model == NULL);
		return 0;
	}
	CHECK(model != NULL);
	CHECK(hpa_model_name(model) != NULL);
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		for (unsigned int flags = 0; flags <= HPA_RENDER_LOAD_POD; flags += HPA_RENDER_LOAD_POD) {
			hpa_render_options o;
			hpa_manifest *m = (hpa_manifest *)&m;
			char *pre = NULL;
			size_t pre_len = 0;
			CHECK(hpa_render_options_init(&o, HPA_RENDER_OPTIONS_VERSION) == 0);
			o.path_rule = rules[r];
			o.flags = flags;
			o.profile = profiles[size % (sizeof(profiles) / sizeof(profiles[0]))];
			rc = hpa_model_render(model, &o, &m, &e);
			if (rc) {
				failed_cleanly(rc, &e);
				CHECK(rc == HPA_ENOTFOUND || rc == HPA_EINVAL);
				CHECK(m == NULL);
				continue;
			}
			CHECK(m != NULL);
			CHECK(hpa_manifest_count(m) >= 2 * hpa_model_context_count(model));
			check_valid(m);
			check_round_trip(m);
			CHECK(hpa_model_prerequisites(model, &o, &pre, &pre_len, &e) == 0);
			CHECK(pre != NULL && strlen(pre) == pre_len);
			hpa_free(pre);
			hpa_manifest_free(m);
		}
	}
	hpa_model_free(model);
	return 0;
}
