/* tests/unit/test_decide.c -- the HPA decision API: options and inputs, bad
 * input (errors or upstream conditions, never a crash), conditions and
 * messages, history bookkeeping and its JSON file, scale to zero [master],
 * and kubectl rendering (cases from printers_test.go TestPrintHPA and
 * apimachinery's duration tests). The decision tables themselves are in
 * tests/decide/vectors (run by tests/decide/run-vectors). */
#include "helpers.h"
#include <math.h>
#include "core/core.h"
#include "decide/decide_int.h"
#include <stdlib.h>
#include <string.h>

#define NOW INT64_C(1700000000000)

/* ---- a small fixture: n pods with one container ----------------------------- */

typedef struct {
	hpa_decide_container c[8];
	hpa_container_usage cu[8];
	hpa_pod_usage u[8];
	hpa_decide_pod p[8];
	char names[8][16];
	hpa_decide_metric m[HPA_DECIDE_MAX_METRICS + 1];
	hpa_decide_input in;
} fx;

/* cpu request 1000m per pod, usage[i] milli, started 1 h ago, Ready. */
static void fx_init(fx *f, int n, const int64_t *usage, int32_t current)
{
	int i;
	memset(f, 0, sizeof(*f));
	for (i = 0; i < n; i++) {
		snprintf(f->names[i], sizeof(f->names[i]), "pod-%d", i);
		f->c[i].name = "app";
		f->c[i].requests_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		f->c[i].requests_milli[HPA_RESOURCE_CPU] = 1000;
		f->cu[i].name = "app";
		f->cu[i].usage_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		f->cu[i].usage_milli[HPA_RESOURCE_CPU] = usage ? usage[i] : 500;
		f->u[i].pod = f->names[i];
		f->u[i].timestamp_ms = NOW - 10000;
		f->u[i].window_ms = 30000;
		f->u[i].containers = &f->cu[i];
		f->u[i].n_containers = 1;
		f->p[i].name = f->names[i];
		f->p[i].phase = HPA_PHASE_RUNNING;
		f->p[i].ready = HPA_COND_TRUE;
		f->p[i].ready_transition_ms = NOW - 3600000;
		f->p[i].has_start_time = true;
		f->p[i].start_time_ms = NOW - 3600000;
		f->p[i].containers = &f->c[i];
		f->p[i].n_containers = 1;
		f->p[i].usage = &f->u[i];
	}
	f->m[0].type = HPA_SOURCE_RESOURCE;
	f->m[0].resource = HPA_RESOURCE_CPU;
	f->m[0].target_type = HPA_TARGET_UTILIZATION;
	f->m[0].has_average_utilization = true;
	f->m[0].average_utilization = 50;
	hpa_decide_input_init(&f->in, HPA_DECIDE_INPUT_VERSION);
	f->in.has_min_replicas = true;
	f->in.min_replicas = 1;
	f->in.max_replicas = 10;
	f->in.metrics = f->m;
	f->in.n_metrics = 1;
	f->in.spec_replicas = current;
	f->in.status_replicas = current;
	f->in.pods = f->p;
	f->in.n_pods = (size_t)n;
	f->in.now_ms = NOW;
}

static const hpa_decision_condition *cond(const hpa_decision *d, int type)
{
	size_t i;
	for (i = 0; i < d->n_conditions; i++)
		if (d->conditions[i].type == type)
			return &d->conditions[i];
	return NULL;
}

static int cond_is(const hpa_decision *d, int type, int status, const char *reason)
{
	const hpa_decision_condition *c = cond(d, type);
	return c && c->status == status && c->reason && strcmp(c->reason, reason) == 0;
}

/* ---- options and inputs ------------------------------------------------------- */

static void test_decide__options_and_input_init(void)
{
	hpa_decide_options o, s = HPA_DECIDE_OPTIONS_INIT;
	hpa_decide_input in;
	CU_ASSERT_EQUAL(hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION), HPA_OK);
	CU_ASSERT_EQUAL(memcmp(&o, &s, sizeof(o)), 0);
	CU_ASSERT_EQUAL(o.semantics, HPA_SEMANTICS_RELEASED);
	CU_ASSERT_DOUBLE_EQUAL(o.tolerance, 0.1, 0.0);
	CU_ASSERT_EQUAL(o.cpu_initialization_period_ms, 300000);
	CU_ASSERT_EQUAL(o.initial_readiness_delay_ms, 30000);
	CU_ASSERT_EQUAL(o.downscale_stabilization_ms, 300000);
	CU_ASSERT_FALSE(o.scale_to_zero);
	CU_ASSERT_EQUAL(hpa_decide_options_init(&o, 0), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_decide_options_init(&o, 99), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_decide_options_init(NULL, 1), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_decide_input_init(&in, HPA_DECIDE_INPUT_VERSION), HPA_OK);
	CU_ASSERT_EQUAL(in.version, HPA_DECIDE_INPUT_VERSION);
	CU_ASSERT_EQUAL(in.n_pods, 0);
	CU_ASSERT_EQUAL(hpa_decide_input_init(&in, 2), HPA_EINVAL);
	CU_ASSERT(HPA_TIME_ZERO == INT64_C(-62135596800000));
}

static void test_decide__bad_input_is_an_error(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_error err = HPA_ERROR_INIT;
	hpa_decide_options o;
	hpa_decide_metric many[HPA_DECIDE_MAX_METRICS + 1];
	int64_t u[3] = { 500, 500, 500 };
	if (!f || !d)
		goto out;
	fx_init(f, 3, u, 3);
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_decide(NULL, &f->in, NULL, NULL, &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_decide(d, NULL, NULL, NULL, &err), HPA_EINVAL);

	f->in.spec_replicas = -1;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "negative") != NULL);
	f->in.spec_replicas = 3;
	f->in.status_replicas = -5;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	f->in.status_replicas = 3;
	f->in.min_replicas = 11; /* min > max */
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "greater than") != NULL);
	f->in.min_replicas = 1;
	f->in.max_replicas = 0;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	f->in.max_replicas = 10;
	f->in.pods = NULL;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	f->in.pods = f->p;
	f->m[0].type = 77;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	f->m[0].type = HPA_SOURCE_RESOURCE;
	f->m[0].resource = 9;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	f->m[0].resource = HPA_RESOURCE_CPU;
	memset(many, 0, sizeof(many));
	f->in.metrics = many;
	f->in.n_metrics = HPA_DECIDE_MAX_METRICS + 1;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_ELIMIT);
	f->in.metrics = f->m;
	f->in.n_metrics = 1;
	f->in.version = 7;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_EINVAL);
	f->in.version = HPA_DECIDE_INPUT_VERSION;
	hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION);
	o.version = 42;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "hpa_decide_options") != NULL);
	hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION);
	o.tolerance = -0.5;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "tolerance must be >= 0 (got -0.5)") != NULL);
	o.tolerance = NAN;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "tolerance must be >= 0 (got nan)") != NULL);
	o.tolerance = 0.1;
	o.downscale_stabilization_ms = -1;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "downscale_stabilization_ms -1") != NULL);
	/* absurd but valid counts: int32 saturation, no crash */
	f->in.max_replicas = INT32_MAX;
	f->in.spec_replicas = INT32_MAX;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_OK);
	CU_ASSERT(d->desired_replicas > 0);
out:
	free(f);
	free(d);
}

/* The contract of hpa_decide() (decide.h: HPA_EINVAL for NULL arrays with a
 * count, unknown enum values, a pod_class buffer with metrics but no pods)
 * on every path a decision takes, and the options and sub-APIs it shares;
 * from the header audit of session 10: before it, NULL container arrays
 * crashed the digest, unknown enums and the rest decided with HPA_OK, and
 * negative scale-up limits gave negative replica counts. A memory metric
 * as well as a cpu one, so that the digest's short path sees each pod. */
static void expect_einval(fx *f, hpa_decision *d, const char *what, const char *needle)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_decide_prepared *p = NULL;
	hpa_decide_input spec = f->in;
	int rc = hpa_decide(d, &f->in, NULL, NULL, &err);
	CU_ASSERT_EQUAL(rc, HPA_EINVAL);
	if (rc != HPA_EINVAL || !strstr(err.message, needle))
		fprintf(stderr, "decide: %s: rc %d, message \"%s\" (expected \"%s\")\n", what, rc, err.message, needle);
	CU_ASSERT(strstr(err.message, needle) != NULL);
	/* the prepared form takes the spec; its run decides on the same input */
	spec.pods = NULL;
	spec.n_pods = 0;
	if (hpa_decide_prepare(&p, &spec, NULL, &err) == HPA_OK) {
		CU_ASSERT_EQUAL(hpa_decide_prepared_run(p, d, &f->in, NULL, &err), HPA_EINVAL);
		hpa_decide_prepared_free(p);
	} else {
		CU_ASSERT(strstr(err.message, needle) != NULL);
	}
}

static void test_decide__input_contract(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_error err = HPA_ERROR_INIT;
	hpa_decide_options o;
	hpa_normalize_input ni;
	hpa_normalization nz;
	hpa_pod_value sv[3];
	uint8_t cls[8];
	int32_t up, down;
	int64_t u[3] = { 500, 500, 500 };
	const hpa_decide_container *keep_c;
	const hpa_container_usage *keep_cu;
	size_t ready;
	if (!f || !d)
		goto out;
	for (int metrics = 1; metrics <= 2; metrics++) {
		fx_init(f, 3, u, 3);
		for (int i = 0; i < 3; i++) {
			f->cu[i].usage_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
			f->cu[i].usage_milli[HPA_RESOURCE_MEMORY] = INT64_C(100000000000);
		}
		if (metrics == 2) { /* memory AverageValue alone: cpu readiness never read */
			f->m[0].resource = HPA_RESOURCE_MEMORY;
			f->m[0].target_type = HPA_TARGET_AVERAGE_VALUE;
			f->m[0].has_average_utilization = false;
			f->m[0].has_average_value = true;
			f->m[0].average_value_milli = INT64_C(200000000000);
		}
		CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_OK);
		keep_c = f->p[1].containers;
		f->p[1].containers = NULL;
		expect_einval(f, d, "pod containers NULL", "pods[1]: 1 containers and a NULL array");
		f->p[1].containers = keep_c;
		keep_cu = f->u[2].containers;
		f->u[2].containers = NULL;
		expect_einval(f, d, "usage containers NULL", "pods[2]: usage has 1 containers and a NULL array");
		f->u[2].containers = keep_cu;
		f->p[0].phase = 42;
		expect_einval(f, d, "phase", "pods[0]: unknown phase 42");
		f->p[0].phase = 0;
		expect_einval(f, d, "phase 0", "pods[0]: unknown phase 0");
		f->p[0].phase = HPA_PHASE_RUNNING;
		f->p[2].ready = 42;
		expect_einval(f, d, "ready", "pods[2]: unknown Ready status 42");
		f->p[2].ready = HPA_COND_TRUE;
		f->c[1].kind = 42;
		expect_einval(f, d, "kind", "pods[1].containers[0]: unknown kind 42");
		f->c[1].kind = HPA_CONTAINER_APP;
		f->m[0].target_type = 99;
		expect_einval(f, d, "target type", "metrics[0]: unknown target type 99");
		f->m[0].target_type = metrics == 2 ? HPA_TARGET_AVERAGE_VALUE : HPA_TARGET_UTILIZATION;
		f->m[0].average_value_format = 99;
		expect_einval(f, d, "format", "metrics[0]: unknown target type");
		f->m[0].average_value_format = HPA_QFMT_DECIMAL_SI;
		f->in.pods = NULL;
		f->in.n_pods = 0;
		f->in.pod_class = cls;
		expect_einval(f, d, "pod_class", "a pod_class buffer with 1 metrics and no pods");
		f->in.pod_class = NULL;
		f->in.pods = f->p;
		f->in.n_pods = 3;
		CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, &err), HPA_OK);
	}

	/* the legacy scale-up limit: a factor below 1, a negative minimum or
	 * NaN gave negative or undefined limits */
	fx_init(f, 3, u, 3);
	hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION);
	o.scale_up_limit_factor = -5;
	o.scale_up_limit_minimum = -5;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "scale_up_limit_factor must be finite and >= 1 (got -5)") != NULL);
	o.scale_up_limit_factor = NAN;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	o.scale_up_limit_factor = INFINITY;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	o.scale_up_limit_factor = 8.0; /* upstream's tests */
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "scale_up_limit_minimum must be finite and >= 0 (got -5)") != NULL);
	o.scale_up_limit_minimum = 0.0;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, &err), HPA_OK);
	CU_ASSERT(d->desired_replicas >= 1);

	/* the sub-APIs */
	memset(sv, 0, sizeof(sv));
	CU_ASSERT_EQUAL(hpa_decide_classify_pods(cls, &ready, f->p, sv, 3, 1000, NOW, NULL, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "cpu or memory (got 1000)") != NULL);
	CU_ASSERT_EQUAL(hpa_decide_classify_pods(cls, &ready, f->p, sv, 3, 0, NOW, NULL, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_decide_classify_pods(cls, &ready, f->p, sv, 3, -1, NOW, NULL, &err), HPA_EINVAL);
	f->p[1].containers = NULL;
	CU_ASSERT_EQUAL(hpa_decide_classify_pods(cls, &ready, f->p, sv, 3, HPA_RESOURCE_CPU, NOW, NULL, &err),
		HPA_EINVAL);
	f->p[1].containers = &f->c[1];
	CU_ASSERT_EQUAL(hpa_decide_classify_pods(cls, &ready, f->p, sv, 3, HPA_RESOURCE_CPU, NOW, NULL, &err), HPA_OK);
	memset(&ni, 0, sizeof(ni));
	ni.current_replicas = 5;
	ni.desired_replicas = 20;
	ni.min_replicas = 11;
	ni.max_replicas = 10;
	ni.now_ms = NOW;
	CU_ASSERT_EQUAL(hpa_decide_normalize(&nz, &ni, NULL, NULL, &err), HPA_EINVAL);
	CU_ASSERT(strstr(err.message, "min <= max") != NULL);
	ni.min_replicas = 1;
	ni.current_replicas = -1;
	CU_ASSERT_EQUAL(hpa_decide_normalize(&nz, &ni, NULL, NULL, &err), HPA_EINVAL);
	ni.current_replicas = 5;
	CU_ASSERT_EQUAL(hpa_decide_normalize(&nz, &ni, NULL, NULL, &err), HPA_OK);
	CU_ASSERT_EQUAL(nz.desired_replicas, 10);
	{
		hpa_decide_behavior b;
		memset(&b, 0, sizeof(b));
		CU_ASSERT_EQUAL(hpa_decide_scale_limits(&up, &down, -1, &b, NULL, NOW, NULL, &err), HPA_EINVAL);
		CU_ASSERT(strstr(err.message, "negative current replicas -1") != NULL);
		CU_ASSERT_EQUAL(hpa_decide_scale_limits(&up, &down, 4, &b, NULL, NOW, NULL, &err), HPA_OK);
		CU_ASSERT(up >= 4);
	}
out:
	free(f);
	free(d);
}

/* ---- conditions and messages ---------------------------------------------------- */

static void test_decide__scale_up_conditions_and_messages(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	int64_t u[3] = { 900, 900, 900 }; /* 90 % of 1000m against 50 % */
	uint8_t cls[3];
	if (!f || !d)
		goto out;
	fx_init(f, 3, u, 3);
	f->in.pod_class = cls;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	/* ratio 1.8 -> ceil(5.4) = 6; legacy scale-up limit max(2*3, 4) = 6 */
	CU_ASSERT_EQUAL(d->metric_replicas, 6);
	CU_ASSERT_EQUAL(d->desired_replicas, 6);
	CU_ASSERT(d->rescale);
	CU_ASSERT_FALSE(d->error);
	CU_ASSERT_EQUAL(d->limit_reason, HPA_LIMIT_DESIRED_WITHIN_RANGE);
	CU_ASSERT_EQUAL(d->metrics[0].average_utilization, 90);
	CU_ASSERT_EQUAL(d->metrics[0].average_value_milli, 900);
	CU_ASSERT_EQUAL(d->metrics[0].n_ready, 3);
	CU_ASSERT_EQUAL(cls[0], HPA_POD_READY);
	CU_ASSERT_EQUAL(d->n_conditions, 3);
	CU_ASSERT_EQUAL(d->conditions[0].type, HPA_CONDITION_ABLE_TO_SCALE);
	CU_ASSERT(cond_is(d, HPA_CONDITION_ABLE_TO_SCALE, HPA_COND_TRUE, "SucceededRescale"));
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_ABLE_TO_SCALE)->message,
		"the HPA controller was able to update the target scale to 6");
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_SCALING_ACTIVE)->message,
		"the HPA was able to successfully calculate a replica count from cpu resource utilization "
		"(percentage of request)");
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_SCALING_LIMITED)->message,
		"the desired count is within the acceptable range");
	CU_ASSERT_STRING_EQUAL(d->rescale_reason, "cpu resource utilization (percentage of request) above target");
	/* initial recommendation recorded (no history), prenormalized stored */
	CU_ASSERT(d->update.init_recommendations);
	CU_ASSERT_EQUAL(d->update.init_replicas, 3);
	CU_ASSERT(d->update.store_recommendation);
	CU_ASSERT_EQUAL(d->update.recommendation, 6);
	CU_ASSERT_FALSE(d->update.store_event); /* legacy: no events */
	CU_ASSERT_STRING_EQUAL(hpa_decide_limit_name(d->limit_reason), "DesiredWithinRange");
	CU_ASSERT_STRING_EQUAL(hpa_decide_pod_class_name(cls[1]), "ready");
out:
	free(f);
	free(d);
}

static void test_decide__empty_pod_list_and_unknown_pods(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_pod_usage orphan;
	hpa_container_usage ocu;
	if (!f || !d)
		goto out;
	/* no pods and no metrics: the metric fails, ScalingActive False, error */
	fx_init(f, 0, NULL, 3);
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT(d->error);
	CU_ASSERT_FALSE(d->rescale);
	CU_ASSERT_EQUAL(d->desired_replicas, 3);
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "FailedGetResourceMetric"));
	CU_ASSERT(strstr(cond(d, HPA_CONDITION_SCALING_ACTIVE)->message,
			 "no metrics returned from resource metrics API") != NULL);
	CU_ASSERT(strstr(d->error_message, "invalid metrics (1 invalid out of 1)") != NULL);
	/* metrics only for a pod that is not in the list (superfluous item) */
	memset(&ocu, 0, sizeof(ocu));
	ocu.name = "app";
	ocu.usage_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
	ocu.usage_milli[HPA_RESOURCE_CPU] = 700;
	memset(&orphan, 0, sizeof(orphan));
	orphan.pod = "someone-else";
	orphan.containers = &ocu;
	orphan.n_containers = 1;
	orphan.timestamp_ms = NOW;
	orphan.window_ms = 60000;
	fx_init(f, 2, NULL, 2);
	f->p[0].usage = f->p[1].usage = NULL;
	f->in.orphan_usage = &orphan;
	f->in.n_orphan_usage = 1;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT(d->error);
	CU_ASSERT(strstr(d->metrics[0].message, "no metrics returned matched known pods") != NULL);
	CU_ASSERT_EQUAL(d->metrics[0].n_missing, 2);
	/* Object Value with no pods at all: "unable to calculate ready pods" */
	fx_init(f, 0, NULL, 3);
	memset(&f->m[0], 0, sizeof(f->m[0]));
	f->m[0].type = HPA_SOURCE_OBJECT;
	f->m[0].name = "qps";
	f->m[0].object_kind = "Ingress";
	f->m[0].target_type = HPA_TARGET_VALUE;
	f->m[0].has_value = true;
	f->m[0].value_milli = 1000;
	f->m[0].has_object_value = true;
	f->m[0].object_value_milli = 5000;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "FailedGetObjectMetric"));
	CU_ASSERT(strstr(d->metrics[0].message, "unable to calculate ready pods") != NULL);
out:
	free(f);
	free(d);
}

static void test_decide__out_of_range_and_disabled(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	if (!f || !d)
		goto out;
	fx_init(f, 3, NULL, 12); /* above max 10 */
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 10);
	CU_ASSERT(d->rescale);
	CU_ASSERT_FALSE(d->metrics_computed);
	CU_ASSERT_EQUAL(d->limit_reason, HPA_LIMIT_CURRENT_ABOVE_MAX);
	CU_ASSERT_STRING_EQUAL(d->rescale_reason, "Current number of replicas above Spec.MaxReplicas");
	CU_ASSERT_EQUAL(d->n_conditions, 1); /* only AbleToScale: ScalingActive/Limited untouched */
	CU_ASSERT(cond_is(d, HPA_CONDITION_ABLE_TO_SCALE, HPA_COND_TRUE, "SucceededRescale"));
	CU_ASSERT_FALSE(d->update.store_recommendation);
	fx_init(f, 0, NULL, 0); /* scaled to 0 by hand with minReplicas 1 */
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 0);
	CU_ASSERT_FALSE(d->rescale);
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "ScalingDisabled"));
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_SCALING_ACTIVE)->message,
		"scaling is disabled since the replica count of the target is zero");
	/* selector problems */
	fx_init(f, 3, NULL, 3);
	f->in.selector = HPA_SELECTOR_EMPTY;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT(d->error);
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "InvalidSelector"));
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_SCALING_ACTIVE)->message,
		"the HPA target's scale is missing a selector");
	f->in.selector = HPA_SELECTOR_AMBIGUOUS;
	f->in.selector_text = "app=web";
	f->in.selector_error = "[default/a default/b]";
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "AmbiguousSelector"));
	CU_ASSERT_STRING_EQUAL(d->error_message,
		"pods by selector app=web are controlled by more than one HPA (e.g. [default/a default/b])");
out:
	free(f);
	free(d);
}

/* ---- scale to zero ([master]) ------------------------------------------------------ */

static void test_decide__scale_to_zero_master(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_decide_options o;
	int64_t ext = 0;
	if (!f || !d)
		goto out;
	hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION);
	o.semantics = HPA_SEMANTICS_MASTER;
	o.scale_to_zero = true;
	fx_init(f, 2, NULL, 2);
	memset(&f->m[0], 0, sizeof(f->m[0]));
	f->m[0].type = HPA_SOURCE_EXTERNAL;
	f->m[0].name = "queue";
	f->m[0].target_type = HPA_TARGET_AVERAGE_VALUE;
	f->m[0].has_average_value = true;
	f->m[0].average_value_milli = 10000;
	f->m[0].external_values = &ext;
	f->m[0].n_external_values = 1;
	f->in.min_replicas = 0;
	hpa_decide_behavior b;
	memset(&b, 0, sizeof(b));
	b.scale_down.has_stabilization_window = true; /* window 0 */
	f->in.behavior = &b;
	/* empty queue: ceil(0 / 10) = 0 -> scaled to zero */
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 0);
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALED_TO_ZERO, HPA_COND_TRUE, "ScaledToZero"));
	/* from zero: computed only because the HPA's ScaledToZero condition is True */
	fx_init(f, 0, NULL, 0);
	memset(&f->m[0], 0, sizeof(f->m[0]));
	f->m[0].type = HPA_SOURCE_EXTERNAL;
	f->m[0].name = "queue";
	f->m[0].has_average_value = true;
	f->m[0].average_value_milli = 10000;
	ext = 25000;
	f->m[0].external_values = &ext;
	f->m[0].n_external_values = 1;
	f->in.min_replicas = 0;
	f->in.behavior = &b;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 0); /* no ScaledToZero condition: disabled */
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "ScalingDisabled"));
	f->in.scaled_to_zero = true;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 3); /* ceil(25000/10000) = 3 */
	CU_ASSERT(cond_is(d, HPA_CONDITION_SCALED_TO_ZERO, HPA_COND_FALSE, "NotScaledToZero"));
	/* released semantics: minReplicas 0 computes metrics without the condition */
	f->in.scaled_to_zero = false;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 3);
	CU_ASSERT_PTR_NULL(cond(d, HPA_CONDITION_SCALED_TO_ZERO));
out:
	free(f);
	free(d);
}

/* ---- history bookkeeping -------------------------------------------------------------- */

static void test_decide__history_controller_loop(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_history *h = NULL;
	hpa_recommendation r;
	hpa_scale_event ev;
	hpa_decide_behavior b;
	int64_t low[4] = { 100, 100, 100, 100 };
	int i;
	if (!f || !d || hpa_history_new(&h, 0, NULL) != HPA_OK)
		goto out;
	CU_ASSERT_EQUAL(hpa_history_capacity(h), 128);
	CU_ASSERT_FALSE(hpa_history_has_recommendations(h));
	/* legacy HPA at 4 replicas with 10 % cpu: the scale down waits 5 minutes */
	fx_init(f, 4, low, 4);
	for (i = 0; i <= 21; i++) {
		f->in.now_ms = NOW + i * 15000;
		CU_ASSERT_EQUAL(hpa_decide(d, &f->in, h, NULL, NULL), HPA_OK);
		CU_ASSERT_EQUAL(hpa_history_record(h, d, f->in.now_ms, NULL), HPA_OK);
		if (i <= 20)
			CU_ASSERT_EQUAL(d->desired_replicas, 4);
	}
	/* at t = 300 s the initial (4, t0) entry is not yet older than the window
	 * (strict "before"); at t = 315 s it is, and 1 is allowed */
	CU_ASSERT_EQUAL(d->desired_replicas, 1);
	CU_ASSERT_EQUAL(d->stabilization, HPA_STAB_READY_FOR_NEW_SCALE);
	CU_ASSERT(hpa_history_has_recommendations(h));
	/* (4, t0) recorded first, then one entry per reconcile until an entry is
	 * older than the window: 2 + 20 entries; at t = 315 s the last old entry
	 * (index 1, stored at t0) is overwritten */
	CU_ASSERT_EQUAL(hpa_history_recommendation_count(h), 22);
	CU_ASSERT_EQUAL(hpa_history_recommendation_at(h, 0, &r), HPA_OK);
	CU_ASSERT_EQUAL(r.replicas, 4);
	CU_ASSERT_EQUAL(r.timestamp_ms, NOW);
	CU_ASSERT_EQUAL(hpa_history_recommendation_at(h, 1, &r), HPA_OK);
	CU_ASSERT_EQUAL(r.replicas, 1);
	CU_ASSERT_EQUAL(r.timestamp_ms, NOW + 21 * 15000);
	CU_ASSERT_EQUAL(hpa_history_recommendation_at(h, 99, &r), HPA_ENOTFOUND);

	/* behavior: a rescale stores a scale event with the direction's bookkeeping */
	hpa_history_clear(h);
	memset(&b, 0, sizeof(b));
	fx_init(f, 4, low, 4);
	f->in.behavior = &b;
	b.scale_down.has_stabilization_window = true; /* 0 s */
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, h, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 1);
	CU_ASSERT(d->update.store_event);
	CU_ASSERT_EQUAL(d->update.longest_period_seconds, 15);
	CU_ASSERT_EQUAL(hpa_history_record(h, d, NOW, NULL), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_event_count(h, HPA_SCALE_DOWN), 1);
	CU_ASSERT_EQUAL(hpa_history_event_at(h, HPA_SCALE_DOWN, 0, &ev), HPA_OK);
	CU_ASSERT_EQUAL(ev.replica_change, 3);
	CU_ASSERT_EQUAL(ev.timestamp_ms, NOW);
	CU_ASSERT_FALSE(ev.outdated);
	CU_ASSERT_EQUAL(hpa_history_replica_change(h, HPA_SCALE_DOWN, 15000, NOW + 1000), 3);
	CU_ASSERT_EQUAL(hpa_history_replica_change(h, HPA_SCALE_DOWN, 15000, NOW + 15000), 0);
	/* recording a decision twice is harmless for init (list exists) */
	CU_ASSERT_EQUAL(hpa_history_record(h, NULL, NOW, NULL), HPA_EINVAL);
out:
	hpa_history_free(h);
	free(f);
	free(d);
}

static void test_decide__history_capacity_evicts_oldest(void)
{
	hpa_history *h = NULL;
	hpa_recommendation r;
	int i;
	if (hpa_history_new(&h, 3, NULL) != HPA_OK)
		return;
	for (i = 0; i < 5; i++)
		hpa_history_add_recommendation(h, i, NOW + i, NULL);
	CU_ASSERT_EQUAL(hpa_history_recommendation_count(h), 3);
	CU_ASSERT_EQUAL(hpa_history_evictions(h), 2);
	hpa_history_recommendation_at(h, 0, &r);
	CU_ASSERT_EQUAL(r.replicas, 2);
	for (i = 0; i < 4; i++)
		hpa_history_add_event(h, HPA_SCALE_UP, i + 1, NOW + i, false, NULL);
	CU_ASSERT_EQUAL(hpa_history_event_count(h, HPA_SCALE_UP), 3);
	CU_ASSERT_EQUAL(hpa_history_add_event(h, 9, 1, NOW, false, NULL), HPA_EINVAL);
	hpa_history_free(h);
}

static void test_decide__history_json(void)
{
	static const char text[] =
		"{\"recommendations\":[{\"timestamp\":\"2024-05-01T10:00:00Z\",\"replicas\":3},"
		"{\"timestamp\":\"0001-01-01T00:00:00Z\",\"replicas\":5},"
		"{\"timestamp\":\"2024-05-01T12:00:00.250+02:00\",\"replicas\":4}],"
		"\"scaleUpEvents\":[{\"timestamp\":\"2024-05-01T10:00:15Z\",\"replicaChange\":2}],"
		"\"scaleDownEvents\":[{\"timestamp\":\"2024-02-29T23:59:59Z\",\"replicaChange\":1,\"outdated\":true}]}";
	hpa_history *h = NULL, *h2 = NULL;
	hpa_recommendation r;
	hpa_scale_event ev;
	hpa_error err = HPA_ERROR_INIT;
	char *out = NULL, *out2 = NULL;
	size_t len = 0, len2 = 0;

	CU_ASSERT_EQUAL(hpa_history_read_json(&h, text, strlen(text), 0, &err), HPA_OK);
	if (!h)
		return;
	CU_ASSERT_EQUAL(hpa_history_recommendation_count(h), 3);
	hpa_history_recommendation_at(h, 0, &r);
	CU_ASSERT_EQUAL(r.timestamp_ms, INT64_C(1714557600000));
	hpa_history_recommendation_at(h, 1, &r);
	CU_ASSERT_EQUAL(r.timestamp_ms, HPA_TIME_ZERO);
	hpa_history_recommendation_at(h, 2, &r);
	CU_ASSERT_EQUAL(r.timestamp_ms, INT64_C(1714557600250)); /* 12:00+02:00 = 10:00Z */
	hpa_history_event_at(h, HPA_SCALE_DOWN, 0, &ev);
	CU_ASSERT(ev.outdated);
	CU_ASSERT_EQUAL(ev.timestamp_ms, INT64_C(1709251199000));
	CU_ASSERT_EQUAL(hpa_history_write_json(h, &out, &len, &err), HPA_OK);
	if (out) {
		CU_ASSERT(strstr(out, "\"0001-01-01T00:00:00Z\"") != NULL);
		CU_ASSERT(strstr(out, "\"2024-05-01T10:00:00.250Z\"") != NULL);
		CU_ASSERT(strstr(out, "\"outdated\": true") != NULL);
		/* round trip is byte-stable */
		CU_ASSERT_EQUAL(hpa_history_read_json(&h2, out, len, 0, &err), HPA_OK);
		if (h2) {
			CU_ASSERT_EQUAL(hpa_history_write_json(h2, &out2, &len2, &err), HPA_OK);
			CU_ASSERT(out2 && len2 == len && memcmp(out, out2, len) == 0);
		}
	}
	hpa_free(out);
	hpa_free(out2);
	hpa_history_free(h);
	hpa_history_free(h2);
	h = NULL;

	/* nil vs empty recommendation list */
	CU_ASSERT_EQUAL(hpa_history_read_json(&h, "{\"recommendations\":null}", 24, 0, NULL), HPA_OK);
	CU_ASSERT_FALSE(hpa_history_has_recommendations(h));
	hpa_history_free(h);
	h = NULL;
	CU_ASSERT_EQUAL(hpa_history_read_json(&h, "{\"recommendations\":[]}", 22, 0, NULL), HPA_OK);
	CU_ASSERT(hpa_history_has_recommendations(h));
	hpa_history_free(h);
	h = NULL;

	/* malformed input: an error with a path, never a crash, *out NULL */
	static const char *const bad[] = {
		"{\"recommendations\":[{\"timestamp\":\"2024-13-01T00:00:00Z\",\"replicas\":1}]}",
		"{\"recommendations\":[{\"timestamp\":\"2023-02-29T00:00:00Z\",\"replicas\":1}]}",
		"{\"recommendations\":[{\"timestamp\":\"yesterday\",\"replicas\":1}]}",
		"{\"recommendations\":[{\"timestamp\":\"2024-01-01T00:00:00\",\"replicas\":1}]}",
		/* Go's time.Parse(RFC3339) rejects second 60 and more than 9 fraction digits */
		"{\"recommendations\":[{\"timestamp\":\"2024-01-01T00:00:60Z\",\"replicas\":1}]}",
		"{\"recommendations\":[{\"timestamp\":\"2024-01-01T00:00:00.1234567890Z\",\"replicas\":1}]}",
		"{\"recommendations\":[{\"timestamp\":12,\"replicas\":1}]}",
		"{\"recommendations\":[{\"replicas\":1}]}",
		"{\"recommendations\":[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"replicas\":99999999999}]}",
		"{\"scaleUpEvents\":[{\"timestamp\":\"2024-01-01T00:00:00Z\"}]}",
		"{\"scaleUpEvents\":{}}",
		"[1,2]",
		"{\"recommendations\":[",
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(bad); i++) {
		hpa_error e = HPA_ERROR_INIT;
		h = (hpa_history *)&e; /* must be reset to NULL */
		CU_ASSERT(hpa_history_read_json(&h, bad[i], strlen(bad[i]), 0, &e) < 0);
		CU_ASSERT_PTR_NULL(h);
		CU_ASSERT(e.code < 0);
		CU_ASSERT(e.message[0] != '\0');
	}
	{
		hpa_error e = HPA_ERROR_INIT;
		hpa_history_read_json(&h, bad[0], strlen(bad[0]), 0, &e);
		CU_ASSERT_EQUAL(e.code, HPA_ESYNTAX);
		CU_ASSERT_STRING_EQUAL(e.path, "recommendations[0].timestamp");
	}
	CU_ASSERT_EQUAL(hpa_history_read_file(&h, "/nonexistent/history.json", 0, &err), HPA_EIO);
}

/* The history's edges (header audit, session 10): the writer wrote years it
 * could not read back (INT64_MAX) and negated INT64_MIN (undefined); a
 * negative replicaChange was stored although decide.h says absolute; the
 * period INT64_MIN and an AGE across the whole int64 range overflowed.
 * Expected instants from Python's datetime (9999-12-31T23:59:59.999Z is
 * 253402300799999 ms; 0000-01-01 is 0001-01-01 minus 366 days). */
static void test_decide__history_edges(void)
{
	hpa_history *h = NULL, *back = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_scale_event ev;
	hpa_hpa_row row;
	char *text = NULL, buf[200], ts[40];
	size_t len;
	static const char neg[] = "{\"scaleDownEvents\":[{\"timestamp\":\"2024-01-01T00:00:00Z\",\"replicaChange\":-5}]}";

	hpa__time_format_rfc3339(ts, INT64_MIN);
	CU_ASSERT(strstr(ts, ".192Z") != NULL); /* -9223372036854775808 = -9223372036854776 s + 192 ms */
	hpa__time_format_rfc3339(ts, INT64_MAX);
	CU_ASSERT(strstr(ts, ".807Z") != NULL);
	hpa__time_format_rfc3339(ts, -1);
	CU_ASSERT_STRING_EQUAL(ts, "1969-12-31T23:59:59.999Z");

	CU_ASSERT_EQUAL(hpa_history_new(&h, 0, &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_add_recommendation(h, 1, INT64_C(-62167219200000), &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_add_recommendation(h, 2, INT64_C(253402300799999), &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_write_json(h, &text, &len, &e), HPA_OK);
	CU_ASSERT(text && strstr(text, "\"0000-01-01T00:00:00Z\"") && strstr(text, "\"9999-12-31T23:59:59.999Z\""));
	CU_ASSERT_EQUAL(hpa_history_read_json(&back, text, len, 0, &e), HPA_OK);
	if (back) {
		hpa_recommendation r;
		CU_ASSERT_EQUAL(hpa_history_recommendation_at(back, 0, &r), HPA_OK);
		CU_ASSERT_EQUAL(r.timestamp_ms, INT64_C(-62167219200000));
		CU_ASSERT_EQUAL(hpa_history_recommendation_at(back, 1, &r), HPA_OK);
		CU_ASSERT_EQUAL(r.timestamp_ms, INT64_C(253402300799999));
	}
	hpa_history_free(back);
	back = NULL;
	hpa_free(text);
	text = NULL;
	CU_ASSERT_EQUAL(hpa_history_add_recommendation(h, 3, INT64_MAX, &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_write_json(h, &text, &len, &e), HPA_ERANGE);
	CU_ASSERT_PTR_NULL(text);
	CU_ASSERT_STRING_EQUAL(e.path, "recommendations[2].timestamp");
	hpa_history_clear(h);
	CU_ASSERT_EQUAL(hpa_history_add_event(h, HPA_SCALE_UP, 2, INT64_MIN, false, &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_write_json(h, &text, &len, &e), HPA_ERANGE);
	CU_ASSERT_STRING_EQUAL(e.path, "scaleUpEvents[0].timestamp");
	hpa_free(text);
	text = NULL;

	CU_ASSERT_EQUAL(hpa_history_add_event(h, HPA_SCALE_UP, -5, NOW, false, &e), HPA_EINVAL);
	CU_ASSERT(strstr(e.message, ">= 0 (got -5)") != NULL);
	CU_ASSERT_EQUAL(hpa_history_event_count(h, HPA_SCALE_UP), 1);
	CU_ASSERT_EQUAL(hpa_history_event_at(h, HPA_SCALE_UP, 0, &ev), HPA_OK);
	CU_ASSERT_EQUAL(ev.replica_change, 2);
	CU_ASSERT_EQUAL(hpa_history_read_json(&back, neg, sizeof(neg) - 1, 0, &e), HPA_ERANGE);
	CU_ASSERT_PTR_NULL(back);
	CU_ASSERT_STRING_EQUAL(e.path, "scaleDownEvents[0].replicaChange");
	/* a JSON object that is no history (an HPA manifest, {"foo": 1}, {})
	 * is an error naming the key, not an empty history */
	{
		static const char hpa_doc[] = "{\"apiVersion\": \"autoscaling/v2\", \"recommendations\": []}";
		CU_ASSERT_EQUAL(hpa_history_read_json(&back, hpa_doc, sizeof(hpa_doc) - 1, 0, &e), HPA_EUNKNOWNFIELD);
		CU_ASSERT_PTR_NULL(back);
		CU_ASSERT_STRING_EQUAL(e.path, "apiVersion");
		CU_ASSERT_EQUAL(hpa_history_read_json(&back, "{}", 2, 0, &e), HPA_EMISSING);
		CU_ASSERT_PTR_NULL(back);
		CU_ASSERT_EQUAL(hpa_history_read_json(&back, "{\"scaleUpEvents\": []}", 21, 0, &e), HPA_OK);
		hpa_history_free(back);
		back = NULL;
	}

	/* a period of INT64_MIN: now - period saturates, no event is newer */
	CU_ASSERT_EQUAL(hpa_history_add_event(h, HPA_SCALE_UP, 3, NOW, false, &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_history_replica_change(h, HPA_SCALE_UP, INT64_MIN, 0), 0);
	/* the longest period from NOW reaches back to NOW - INT64_MAX: the
	 * event at NOW counts, the one at INT64_MIN is older */
	CU_ASSERT_EQUAL(hpa_history_replica_change(h, HPA_SCALE_UP, INT64_MAX, NOW), 3);
	hpa_history_free(h);

	memset(&row, 0, sizeof(row));
	row.name = "n";
	row.max_replicas = 1;
	row.creation_ms = INT64_MIN;
	row.now_ms = INT64_MAX;
	CU_ASSERT(hpa_format_hpa_row(buf, sizeof(buf), &row) > 0);
	CU_ASSERT(strstr(buf, "<invalid>") == NULL);
	row.creation_ms = INT64_MAX;
	row.now_ms = INT64_MIN;
	CU_ASSERT(hpa_format_hpa_row(buf, sizeof(buf), &row) > 0);
	CU_ASSERT(strstr(buf, "<invalid>") != NULL); /* Go's duration printer: a negative age */
}

static void test_decide__history_alloc_failures(void)
{
	static const char text[] = "{\"recommendations\":[{\"timestamp\":\"2024-05-01T10:00:00Z\",\"replicas\":3}]}";
	unsigned long n;
	int done = 0;
	/* fail the n-th libhpa allocation for n = 1, 2, ... until none fails
	 * (jansson allocates with its own malloc and is not covered) */
	for (n = 1; n < 64 && !done; n++) {
		hpa_history *h = NULL;
		char *out = NULL;
		int rc;
		bool failed;
		hpa__test_fail_alloc_at(n);
		rc = hpa_history_read_json(&h, text, strlen(text), 0, NULL);
		if (rc == HPA_OK) {
			rc = hpa_history_write_json(h, &out, NULL, NULL);
			if (rc != HPA_OK)
				CU_ASSERT_PTR_NULL(out);
			hpa_free(out);
		} else {
			CU_ASSERT_PTR_NULL(h);
		}
		failed = hpa__test_alloc_failed();
		hpa__test_fail_alloc_at(0);
		hpa_history_free(h);
		CU_ASSERT(rc == HPA_OK || rc == HPA_ENOMEM);
		CU_ASSERT(failed || rc == HPA_OK);
		done = !failed;
	}
	CU_ASSERT(done);
	hpa__test_fail_alloc_at(0);
}

/* ---- kubectl rendering (printers_test.go TestPrintHPA) ------------------------------------ */

static void test_decide__targets_column(void)
{
	char buf[256];
	hpa_targets_entry e[3];
	memset(e, 0, sizeof(e));
	CU_ASSERT_EQUAL(hpa_format_targets(buf, sizeof(buf), NULL, 0), strlen("<none>"));
	CU_ASSERT_STRING_EQUAL(buf, "<none>");
	/* external source type, target average value (no current) */
	e[0].type = HPA_SOURCE_EXTERNAL;
	e[0].has_target_average_value = true;
	e[0].target_average_value_milli = 100;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "<unknown>/100m (avg)");
	e[0].has_status = true;
	e[0].has_current_average_value = true;
	e[0].current_average_value_milli = 50;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "50m/100m (avg)");
	/* external / object value */
	memset(e, 0, sizeof(e));
	e[0].type = HPA_SOURCE_OBJECT;
	e[0].has_target_value = true;
	e[0].target_value_milli = 100;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "<unknown>/100m");
	e[0].has_status = true;
	e[0].has_current_value = true;
	e[0].current_value_milli = 50;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "50m/100m");
	/* pods */
	memset(e, 0, sizeof(e));
	e[0].type = HPA_SOURCE_PODS;
	e[0].has_target_average_value = true;
	e[0].target_average_value_milli = 100;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "<unknown>/100m");
	/* resource AverageValue and Utilization */
	memset(e, 0, sizeof(e));
	e[0].type = HPA_SOURCE_RESOURCE;
	e[0].resource = "cpu";
	e[0].has_target_average_value = true;
	e[0].target_average_value_milli = 100;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "cpu: <unknown>/100m");
	e[0].has_status = true;
	e[0].has_current_average_value = true;
	e[0].current_average_value_milli = 50;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "cpu: 50m/100m");
	memset(e, 0, sizeof(e));
	e[0].type = HPA_SOURCE_RESOURCE;
	e[0].resource = "cpu";
	e[0].has_target_average_utilization = true;
	e[0].target_average_utilization = 80;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "cpu: <unknown>/80%");
	e[0].has_status = true;
	e[0].has_current_average_utilization = true;
	e[0].current_average_utilization = 50;
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "cpu: 50%/80%");
	/* more than two metrics (printers.go: first two, then " + N more...") */
	e[1] = e[0];
	e[1].type = HPA_SOURCE_CONTAINER_RESOURCE;
	e[1].current_average_utilization = 10;
	e[2] = e[0];
	hpa_format_targets(buf, sizeof(buf), e, 3);
	CU_ASSERT_STRING_EQUAL(buf, "cpu: 50%/80%, cpu: 10%/80% + 1 more...");
	/* unknown type, missing target utilization */
	memset(e, 0, sizeof(e));
	e[0].type = 0;
	e[1].type = HPA_SOURCE_RESOURCE;
	e[1].resource = "memory";
	hpa_format_targets(buf, sizeof(buf), e, 2);
	CU_ASSERT_STRING_EQUAL(buf, "<unknown type>, memory: <unknown>/<auto>");
	/* snprintf semantics */
	CU_ASSERT_EQUAL(hpa_format_targets(buf, 5, e, 2), strlen("<unknown type>, memory: <unknown>/<auto>"));
	CU_ASSERT_EQUAL(strlen(buf), 4);
}

static void test_decide__quantities_in_targets(void)
{
	char buf[128];
	hpa_targets_entry e;
	memset(&e, 0, sizeof(e));
	e.type = HPA_SOURCE_OBJECT;
	e.has_target_average_value = true;
	e.target_average_value_milli = 20000;
	e.has_status = true;
	e.has_current_average_value = true;
	e.current_average_value_milli = 6667;
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "6667m/20 (avg)");
	memset(&e, 0, sizeof(e));
	e.type = HPA_SOURCE_RESOURCE;
	e.resource = "memory";
	e.has_target_average_value = true;
	e.target_average_value_milli = INT64_C(100) * 1024 * 1024 * 1000;
	e.target_average_value_format = HPA_QFMT_BINARY_SI;
	e.has_status = true;
	e.has_current_average_value = true;
	e.current_average_value_milli = INT64_C(65) * 1024 * 1024 * 1000;
	e.current_average_value_format = HPA_QFMT_BINARY_SI;
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "memory: 65Mi/100Mi");
	/* BinarySI that is not an integer, or below 1024, prints as DecimalSI */
	e.current_average_value_milli = 1536500;
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "memory: 1536500m/100Mi");
	e.current_average_value_milli = 1000000; /* 1000 bytes */
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "memory: 1k/100Mi");
	e.current_average_value_milli = INT64_C(1500) * 1000; /* 1500 bytes: not a multiple of 1024 */
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "memory: 1500/100Mi");
	e.current_average_value_milli = 0;
	e.target_average_value_milli = 2000000000;
	e.target_average_value_format = HPA_QFMT_DECIMAL_SI;
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "memory: 0/2M");
	e.target_average_value_milli = 1500;
	e.target_average_value_format = HPA_QFMT_DECIMAL_EXPONENT;
	hpa_format_targets(buf, sizeof(buf), &e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "memory: 0/1500e-3");
}

static void test_decide__duration(void)
{
	/* apimachinery pkg/util/duration HumanDuration */
	static const struct {
		int64_t ms;
		const char *want;
	} cases[] = {
		{ -2000, "<invalid>" }, { -1500, "0s" }, { 0, "0s" }, { 1000, "1s" }, { 119999, "119s" },
		{ 120000, "2m" }, { 121000, "2m1s" }, { 599000, "9m59s" }, { 600000, "10m" },
		{ 179 * 60000, "179m" }, { 3 * 3600000, "3h" }, { 3 * 3600000 + 60000, "3h1m" },
		{ 8 * 3600000 - 60000, "7h59m" }, { 8 * 3600000, "8h" }, { 47 * 3600000 + 59 * 60000, "47h" },
		{ INT64_C(48) * 3600000, "2d" }, { INT64_C(49) * 3600000, "2d1h" },
		{ INT64_C(8) * 86400000 - 3600000, "7d23h" }, { INT64_C(8) * 86400000, "8d" },
		{ INT64_C(729) * 86400000, "729d" }, { INT64_C(730) * 86400000, "2y" },
		{ INT64_C(731) * 86400000, "2y1d" }, { INT64_C(8) * 365 * 86400000 - 86400000, "7y364d" },
		{ INT64_C(8) * 365 * 86400000, "8y" },
	};
	char buf[32];
	for (size_t i = 0; i < HPA__ARRAY_SIZE(cases); i++) {
		hpa_format_duration(buf, sizeof(buf), cases[i].ms);
		CU_ASSERT_STRING_EQUAL(buf, cases[i].want);
	}
}

static void test_decide__hpa_row_and_table(void)
{
	char buf[512];
	hpa_targets_entry e;
	hpa_hpa_row rows[2];
	memset(rows, 0, sizeof(rows));
	/* printers_test.go: minReplicas unset, no metrics, no creation time */
	rows[0].name = "some-hpa";
	rows[0].target_kind = "ReplicationController";
	rows[0].target_name = "some-rc";
	rows[0].max_replicas = 10;
	rows[0].current_replicas = 4;
	rows[0].creation_ms = HPA_TIME_ZERO;
	hpa_format_hpa_row(buf, sizeof(buf), &rows[0]);
	CU_ASSERT_STRING_EQUAL(buf, "some-hpa\tReplicationController/some-rc\t<none>\t<unset>\t10\t4\t<unknown>");
	memset(&e, 0, sizeof(e));
	e.type = HPA_SOURCE_RESOURCE;
	e.resource = "cpu";
	e.has_target_average_utilization = true;
	e.target_average_utilization = 20;
	e.has_status = true;
	e.has_current_average_utilization = true;
	e.current_average_utilization = 422;
	rows[1].name = "php-apache";
	rows[1].target_kind = "Deployment";
	rows[1].target_name = "php-apache";
	rows[1].metrics = &e;
	rows[1].n_metrics = 1;
	rows[1].has_min_replicas = true;
	rows[1].min_replicas = 1;
	rows[1].max_replicas = 10;
	rows[1].current_replicas = 1;
	rows[1].creation_ms = NOW - 18000;
	rows[1].now_ms = NOW;
	hpa_format_hpa_row(buf, sizeof(buf), &rows[1]);
	CU_ASSERT_STRING_EQUAL(buf, "php-apache\tDeployment/php-apache\tcpu: 422%/20%\t1\t10\t1\t18s");
	hpa_format_hpa_table(buf, sizeof(buf), &rows[1], 1, true);
	CU_ASSERT_STRING_EQUAL(buf,
		"NAME         REFERENCE               TARGETS         MINPODS   MAXPODS   REPLICAS   AGE\n"
		"php-apache   Deployment/php-apache   cpu: 422%/20%   1         10        1          18s\n");
}

static void test_decide__decision_targets(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_targets_entry e[2];
	char buf[128];
	int64_t u[2] = { 4220, 4220 };
	if (!f || !d)
		goto out;
	fx_init(f, 2, u, 2);
	f->m[0].average_utilization = 20;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(hpa_decision_targets(e, 2, d, &f->in), 1);
	hpa_format_targets(buf, sizeof(buf), e, 1);
	CU_ASSERT_STRING_EQUAL(buf, "cpu: 422%/20%");
	/* describe() gives the controller's metric names */
	CU_ASSERT_EQUAL(hpa_decide_metric_describe(&f->m[0], buf, sizeof(buf)),
		strlen("cpu resource utilization (percentage of request)"));
	f->m[1].type = HPA_SOURCE_OBJECT;
	f->m[1].name = "qps";
	f->m[1].object_kind = "Deployment";
	f->m[1].target_type = HPA_TARGET_VALUE;
	f->m[1].has_value = true;
	hpa_decide_metric_describe(&f->m[1], buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "Deployment metric qps");
	f->m[1].target_type = HPA_TARGET_AVERAGE_VALUE;
	f->m[1].has_value = false;
	f->m[1].has_average_value = true;
	hpa_decide_metric_describe(&f->m[1], buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "external metric qps(nil)");
out:
	free(f);
	free(d);
}

static void test_decide__format_conditions_lazily(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_decide_options o;
	hpa_error err = HPA_ERROR_INIT;
	int64_t u[3] = { 900, 900, 900 };
	if (!f || !d)
		goto out;
	fx_init(f, 3, u, 3);
	hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION);
	o.no_text = true;
	CU_ASSERT_EQUAL(hpa_decide(d, &f->in, NULL, &o, NULL), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 6);
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_ABLE_TO_SCALE)->message, "");
	CU_ASSERT_STRING_EQUAL(d->rescale_reason, "");
	CU_ASSERT_EQUAL(hpa_decision_format_conditions(d, &f->in, &o, &err), HPA_OK);
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_ABLE_TO_SCALE)->message,
		"the HPA controller was able to update the target scale to 6");
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_SCALING_ACTIVE)->message,
		"the HPA was able to successfully calculate a replica count from cpu resource utilization "
		"(percentage of request)");
	CU_ASSERT_STRING_EQUAL(cond(d, HPA_CONDITION_SCALING_LIMITED)->message,
		"the desired count is within the acceptable range");
	CU_ASSERT_STRING_EQUAL(d->rescale_reason, "cpu resource utilization (percentage of request) above target");
	CU_ASSERT_EQUAL(hpa_decision_format_conditions(d, &f->in, NULL, &err), HPA_OK); /* idempotent */
	CU_ASSERT_STRING_EQUAL(d->rescale_reason, "cpu resource utilization (percentage of request) above target");
	/* a decision that is not of this input, NULLs, bad versions */
	f->in.n_metrics = 2;
	CU_ASSERT_EQUAL(hpa_decision_format_conditions(d, &f->in, NULL, &err), HPA_EINVAL);
	f->in.n_metrics = 1;
	CU_ASSERT_EQUAL(hpa_decision_format_conditions(NULL, &f->in, NULL, &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_decision_format_conditions(d, NULL, NULL, &err), HPA_EINVAL);
	d->version = 99;
	CU_ASSERT_EQUAL(hpa_decision_format_conditions(d, &f->in, NULL, &err), HPA_EINVAL);
out:
	free(f);
	free(d);
}
/* and in tests[]: { "format_conditions_lazily", test_decide__format_conditions_lazily }, */

/* ---- the stabilization scan (history layout) ------------------------------------ */

/* Entries (replicas, timestamp) of the window test below; expected values
 * worked out by hand from upstream's stabilizeRecommendationWithBehaviors:
 * scale-up window 60 s, scale-down window 300 s (the option's default),
 * old = the earlier cut-off (now - 300 s). */
static const struct {
	int32_t r;
	int64_t ago_ms;
} win_entries[] = {
	{ 3, 400000 },  /* 0: older than both windows: stale */
	{ 8, 250000 },  /* 1: scale-down window only */
	{ 6, 50000 },   /* 2: both windows */
	{ 5, 301000 },  /* 3: stale (the last stale one) */
	{ 7, 30000 },   /* 4: both */
	{ 9, 299999 },  /* 5: scale-down window only (the maximum) */
	{ 4, 10000 },   /* 6: both (the minimum), in the last, partial group of four */
};

static void check_windows(const hpa_history *h, int64_t slot, const char *what)
{
	hpa_decide_behavior b;
	hpa_normalize_input ni;
	hpa_normalization nz;
	memset(&b, 0, sizeof(b));
	b.scale_up.has_stabilization_window = true;
	b.scale_up.stabilization_window_seconds = 60;
	memset(&ni, 0, sizeof(ni));
	ni.current_replicas = 6;
	ni.desired_replicas = 5;
	ni.min_replicas = 1;
	ni.max_replicas = 20;
	ni.behavior = &b;
	ni.now_ms = NOW;
	CU_ASSERT_EQUAL_FATAL(hpa_decide_normalize(&nz, &ni, h, NULL, NULL), HPA_OK);
	/* up: min(5, {6, 7, 4}) = 4; down: max(5, {8, 6, 7, 9, 4}) = 9;
	 * current 6 within [4, 9]: held at 6, a scale down stabilized */
	if (nz.stabilized_replicas != 6 || nz.desired_replicas != 6 || nz.update.slot != slot ||
	    nz.stabilization != HPA_STAB_SCALE_DOWN_STABILIZED)
		fprintf(stderr, "windows (%s): stabilized %d desired %d slot %lld stabilization %d\n", what,
			(int)nz.stabilized_replicas, (int)nz.desired_replicas, (long long)nz.update.slot,
			nz.stabilization);
	CU_ASSERT_EQUAL(nz.stabilized_replicas, 6);
	CU_ASSERT_EQUAL(nz.desired_replicas, 6);
	CU_ASSERT_EQUAL(nz.stabilization, HPA_STAB_SCALE_DOWN_STABILIZED);
	CU_ASSERT_EQUAL(nz.update.slot, slot);
}

/* The same windows whether the timestamps are stored as 32-bit offsets
 * (within +-24 days of each other) or not, after an entry far in the past
 * is appended and once it is overwritten again; the scale-up window counts
 * an entry from the future. */
static void test_decide__stabilization_windows(void)
{
	hpa_history *h = NULL;
	hpa_history_update u;
	hpa_normalize_input ni;
	hpa_normalization nz;
	hpa_decide_behavior b;
	size_t i;
	if (hpa_history_new(&h, 16, NULL) != HPA_OK)
		return;
	for (i = 0; i < HPA__ARRAY_SIZE(win_entries); i++)
		hpa_history_add_recommendation(h, win_entries[i].r, NOW - win_entries[i].ago_ms, NULL);
	check_windows(h, 3, "offsets");
	/* 40 days ago: the timestamps no longer fit 32-bit offsets */
	hpa_history_add_recommendation(h, 100, NOW - INT64_C(40) * 86400000, NULL);
	check_windows(h, 7, "64-bit");
	/* overwritten with now: they fit again */
	memset(&u, 0, sizeof(u));
	u.store_recommendation = true;
	u.recommendation = 5;
	u.slot = 7;
	CU_ASSERT_EQUAL(hpa_history_apply(h, &u, NOW, NULL), HPA_OK);
	check_windows(h, 3, "offsets again");

	/* the default scale-up window of 0 with an entry 5 s in the future:
	 * up = min(5, {2}) = 2 raises current 1 to 2 (scale up stabilized) */
	hpa_history_clear(h);
	hpa_history_add_recommendation(h, 1, NOW - 20000, NULL);
	hpa_history_add_recommendation(h, 2, NOW + 5000, NULL);
	memset(&b, 0, sizeof(b));
	memset(&ni, 0, sizeof(ni));
	ni.current_replicas = 1;
	ni.desired_replicas = 5;
	ni.min_replicas = 1;
	ni.max_replicas = 20;
	ni.behavior = &b;
	ni.now_ms = NOW;
	CU_ASSERT_EQUAL(hpa_decide_normalize(&nz, &ni, h, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(nz.stabilized_replicas, 2);
	CU_ASSERT_EQUAL(nz.stabilization, HPA_STAB_SCALE_UP_STABILIZED);
	/* without it: nothing in the window, 5 (rate limit 1 + 4 = 5) */
	hpa_history_clear(h);
	hpa_history_add_recommendation(h, 1, NOW - 20000, NULL);
	CU_ASSERT_EQUAL(hpa_decide_normalize(&nz, &ni, h, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(nz.stabilized_replicas, 5);
	CU_ASSERT_EQUAL(nz.desired_replicas, 5);
	CU_ASSERT_EQUAL(nz.stabilization, HPA_STAB_READY_FOR_NEW_SCALE);
	hpa_history_free(h);
}

/* hpa_decide() takes a shorter path for the common reconcile (whole-pod
 * Resource metrics, every pod plainly ready, no pod classes asked for);
 * asking for the pod classes takes the general path. Both must give the
 * same decision, texts included, with and without a behavior. */
static void test_decide__common_path_matches_general_path(void)
{
	fx *f = calloc(1, sizeof(*f));
	hpa_decision *a = calloc(1, sizeof(*a)), *g = calloc(1, sizeof(*g));
	hpa_history *h = NULL;
	hpa_decide_behavior beh;
	uint8_t cls[2 * 5];
	int64_t usage[5] = { 900, 700, 800, 950, 600 };
	int round, k;
	size_t i;
	if (!f || !a || !g || hpa_history_new(&h, 0, NULL) != HPA_OK)
		goto out;
	memset(&beh, 0, sizeof(beh));
	for (round = 0; round < 4; round++) {
		fx_init(f, 5, usage, 4);
		for (k = 0; k < 5; k++) {
			f->c[k].requests_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
			f->c[k].requests_milli[HPA_RESOURCE_MEMORY] = INT64_C(1) << 40;
			f->cu[k].usage_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
			f->cu[k].usage_milli[HPA_RESOURCE_MEMORY] = (INT64_C(1) << 39) + k;
		}
		f->m[1].type = HPA_SOURCE_RESOURCE;
		f->m[1].resource = HPA_RESOURCE_MEMORY;
		f->m[1].target_type = HPA_TARGET_AVERAGE_VALUE;
		f->m[1].has_average_value = true;
		f->m[1].average_value_milli = round & 1 ? INT64_C(1) << 38 : INT64_C(1) << 41; /* up / down */
		f->m[0].average_utilization = round & 1 ? 50 : 200; /* cpu 79 %: up / down */
		f->in.n_metrics = 2;
		f->in.behavior = round & 2 ? &beh : NULL;
		f->in.now_ms = NOW + round * 15000;
		memset(a, 0x5a, sizeof(*a));
		memset(g, 0x5a, sizeof(*g));
		CU_ASSERT_EQUAL(hpa_decide(a, &f->in, h, NULL, NULL), HPA_OK);
		f->in.pod_class = cls;
		CU_ASSERT_EQUAL(hpa_decide(g, &f->in, h, NULL, NULL), HPA_OK);
		CU_ASSERT_EQUAL(cls[0], HPA_POD_READY);
		CU_ASSERT_EQUAL(a->desired_replicas, g->desired_replicas);
		CU_ASSERT_EQUAL(a->metric_replicas, g->metric_replicas);
		CU_ASSERT_EQUAL(a->prenormalized_replicas, g->prenormalized_replicas);
		CU_ASSERT_EQUAL(a->stabilized_replicas, g->stabilized_replicas);
		CU_ASSERT_EQUAL(a->min_replicas, g->min_replicas);
		CU_ASSERT_EQUAL(a->rescale, g->rescale);
		CU_ASSERT_EQUAL(a->error, g->error);
		CU_ASSERT_EQUAL(a->metrics_computed, g->metrics_computed);
		CU_ASSERT_EQUAL(a->limit_reason, g->limit_reason);
		CU_ASSERT_EQUAL(a->stabilization, g->stabilization);
		CU_ASSERT_EQUAL(a->n_metrics, g->n_metrics);
		CU_ASSERT_EQUAL(a->n_invalid_metrics, g->n_invalid_metrics);
		CU_ASSERT_EQUAL(a->metric_index, g->metric_index);
		CU_ASSERT_EQUAL(a->remove_scaled_to_zero, g->remove_scaled_to_zero);
		CU_ASSERT_STRING_EQUAL(a->rescale_reason, g->rescale_reason);
		CU_ASSERT_STRING_EQUAL(a->error_message, g->error_message);
		CU_ASSERT(memcmp(&a->update, &g->update, sizeof(a->update)) == 0);
		for (i = 0; i < 2; i++) {
			const hpa_metric_result *x = &a->metrics[i], *y = &g->metrics[i];
			CU_ASSERT_EQUAL(x->type, y->type);
			CU_ASSERT_EQUAL(x->status, y->status);
			CU_ASSERT_EQUAL(x->replicas, y->replicas);
			CU_ASSERT_EQUAL(x->has_average_utilization, y->has_average_utilization);
			CU_ASSERT_EQUAL(x->average_utilization, y->average_utilization);
			CU_ASSERT_EQUAL(x->has_average_value, y->has_average_value);
			CU_ASSERT_EQUAL(x->average_value_milli, y->average_value_milli);
			CU_ASSERT_EQUAL(x->has_value, y->has_value);
			CU_ASSERT_EQUAL(x->value_format, y->value_format);
			CU_ASSERT(x->usage_ratio == y->usage_ratio);
			CU_ASSERT_EQUAL(x->n_ready, y->n_ready);
			CU_ASSERT_EQUAL(x->n_samples, y->n_samples);
			CU_ASSERT_EQUAL(x->rebalanced, y->rebalanced);
			CU_ASSERT_STRING_EQUAL(x->message, y->message);
		}
		CU_ASSERT_EQUAL_FATAL(a->n_conditions, g->n_conditions);
		for (i = 0; i < a->n_conditions; i++) {
			CU_ASSERT_EQUAL(a->conditions[i].type, g->conditions[i].type);
			CU_ASSERT_EQUAL(a->conditions[i].status, g->conditions[i].status);
			CU_ASSERT_STRING_EQUAL(a->conditions[i].reason, g->conditions[i].reason);
			CU_ASSERT_STRING_EQUAL(a->conditions[i].message, g->conditions[i].message);
		}
		/* the rounds move: up (odd) and down (even) */
		CU_ASSERT(round & 1 ? a->metric_replicas > 4 : a->metric_replicas < 4);
		CU_ASSERT(round & 1 ? a->metrics[1].replicas > 4 : a->metrics[1].replicas < 4);
		CU_ASSERT_EQUAL(hpa_history_record(h, a, f->in.now_ms, NULL), HPA_OK);
		f->in.pod_class = NULL;
	}
out:
	hpa_history_free(h);
	free(f);
	free(a);
	free(g);
}

/* hpa_decide_prepare(): bad arguments and specs give an error with a
 * message and no prepared form; an allocation failure gives HPA_ENOMEM and
 * nothing leaks; a good spec's prepared run equals hpa_decide(). */
static void test_decide__prepare_bad_input(void)
{
	hpa_decide_metric m = { 0 };
	hpa_decide_input in;
	hpa_decide_prepared *p;
	hpa_decision d1, d2;
	hpa_error e = HPA_ERROR_INIT;
	hpa_decide_input_init(&in, HPA_DECIDE_INPUT_VERSION);
	m.type = HPA_SOURCE_RESOURCE;
	m.resource = HPA_RESOURCE_CPU;
	m.target_type = HPA_TARGET_UTILIZATION;
	m.has_average_utilization = true;
	m.average_utilization = 20;
	in.metrics = &m;
	in.n_metrics = 1;
	in.has_min_replicas = true;
	in.min_replicas = 1;
	in.max_replicas = 5;

	p = (hpa_decide_prepared *)&e;
	CU_ASSERT_EQUAL(hpa_decide_prepare(NULL, &in, NULL, &e), HPA_EINVAL);
	CU_ASSERT(e.message[0] != '\0');
	CU_ASSERT_EQUAL(hpa_decide_prepare(&p, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(p); /* *out is NULL on every failure */
	CU_ASSERT_EQUAL(hpa_decide_prepared_run(NULL, &d1, &in, NULL, &e), HPA_EINVAL);

	in.min_replicas = 6; /* min > max */
	p = (hpa_decide_prepared *)&e;
	CU_ASSERT_EQUAL(hpa_decide_prepare(&p, &in, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT(e.message[0] != '\0');
	in.min_replicas = 1;
	in.version = 99;
	CU_ASSERT(hpa_decide_prepare(&p, &in, NULL, &e) < 0);
	CU_ASSERT_PTR_NULL(p);
	in.version = HPA_DECIDE_INPUT_VERSION;

	for (unsigned long n = 1; n < 50; n++) {
		int rc;
		p = NULL;
		hpa__test_fail_alloc_at(n);
		rc = hpa_decide_prepare(&p, &in, NULL, &e);
		if (!hpa__test_alloc_failed()) {
			hpa__test_fail_alloc_at(0);
			CU_ASSERT_EQUAL(rc, HPA_OK);
			break;
		}
		hpa__test_fail_alloc_at(0);
		CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
		CU_ASSERT_PTR_NULL(p);
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	/* no pods: both give the same (error) decision */
	in.spec_replicas = 2;
	memset(&d1, 0, sizeof(d1));
	memset(&d2, 0, sizeof(d2));
	CU_ASSERT_EQUAL(hpa_decide(&d1, &in, NULL, NULL, &e), hpa_decide_prepared_run(p, &d2, &in, NULL, &e));
	CU_ASSERT_EQUAL(d1.desired_replicas, d2.desired_replicas);
	CU_ASSERT_EQUAL(d1.error, d2.error);
	CU_ASSERT_STRING_EQUAL(d1.error_message, d2.error_message);
	hpa_decide_prepared_free(p);
	hpa_decide_prepared_free(NULL);
}

/* Pods as columns (hpa_decide_pod_table) give the decision of the same pods
 * as an array: by hand for the plain case (4 pods at 300m of 500m: 60 % of
 * a 20 % target, ratio 3, 12 replicas wanted, maxReplicas 5), and against
 * the pods array when one pod started inside the cpu initialization period
 * (the general path on the expanded table) with more pods than the
 * expansion keeps on the stack; its allocation failures; bad tables. */
#define PT_N 12
static void test_decide__pod_table(void)
{
	static int64_t st[PT_N], rt[PT_N], ts[PT_N], win[PT_N], cpu[PT_N], req[PT_N];
	hpa_decide_pod pods[PT_N];
	hpa_decide_container conts[PT_N];
	hpa_pod_usage usage[PT_N];
	hpa_container_usage cus[PT_N];
	hpa_decide_pod_table t;
	hpa_decide_metric m = { 0 };
	hpa_decide_input in, tin;
	hpa_decide_prepared *p = NULL;
	hpa_metric_result r1, r2;
	hpa_decision *d1 = calloc(1, sizeof(*d1)), *d2 = calloc(1, sizeof(*d2));
	hpa_error e = HPA_ERROR_INIT;
	const int64_t now = INT64_C(1700000000000);
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d2);
	memset(&t, 0, sizeof(t));
	for (i = 0; i < PT_N; i++) {
		st[i] = now - 3600000;
		rt[i] = now - 3500000;
		ts[i] = now - 10000;
		win[i] = 30000;
		cpu[i] = 300;
		req[i] = 500;
	}
	t.n = 4;
	t.container = "app";
	t.start_time_ms = st;
	t.ready_transition_ms = rt;
	t.sample_time_ms = ts;
	t.sample_window_ms = win;
	t.usage_milli[HPA_RESOURCE_CPU] = cpu;
	t.requests_milli[HPA_RESOURCE_CPU] = req;
	m.type = HPA_SOURCE_RESOURCE;
	m.resource = HPA_RESOURCE_CPU;
	m.target_type = HPA_TARGET_UTILIZATION;
	m.has_average_utilization = true;
	m.average_utilization = 20;
	hpa_decide_input_init(&tin, HPA_DECIDE_INPUT_VERSION);
	tin.metrics = &m;
	tin.n_metrics = 1;
	tin.max_replicas = 5;
	tin.spec_replicas = tin.status_replicas = 4;
	tin.now_ms = now;
	tin.pod_table = &t;

	/* by hand */
	CU_ASSERT_EQUAL_FATAL(hpa_decide(d1, &tin, NULL, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(d1->metrics[0].average_utilization, 60);
	CU_ASSERT_EQUAL(d1->metrics[0].replicas, 12);
	CU_ASSERT_EQUAL(d1->metrics[0].n_ready, 4);
	CU_ASSERT_EQUAL(d1->desired_replicas, 5);
	CU_ASSERT_EQUAL(d1->limit_reason, HPA_LIMIT_TOO_MANY_REPLICAS);
	CU_ASSERT(d1->rescale);

	/* the same pods as an array, one started inside the cpu
	 * initialization period and not ready in time for its sample */
	t.n = PT_N;
	tin.spec_replicas = tin.status_replicas = PT_N;
	tin.max_replicas = 40;
	st[3] = now - 60000;
	rt[3] = now - 5000;
	cpu[7] = 900;
	for (i = 0; i < PT_N; i++) {
		memset(&conts[i], 0, sizeof(conts[i]));
		conts[i].name = "app";
		conts[i].kind = HPA_CONTAINER_APP;
		conts[i].requests_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		conts[i].requests_milli[HPA_RESOURCE_CPU] = req[i];
		memset(&cus[i], 0, sizeof(cus[i]));
		cus[i].name = "app";
		cus[i].usage_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		cus[i].usage_milli[HPA_RESOURCE_CPU] = cpu[i];
		memset(&usage[i], 0, sizeof(usage[i]));
		usage[i].pod = "";
		usage[i].timestamp_ms = ts[i];
		usage[i].window_ms = win[i];
		usage[i].containers = &cus[i];
		usage[i].n_containers = 1;
		memset(&pods[i], 0, sizeof(pods[i]));
		pods[i].name = "";
		pods[i].phase = HPA_PHASE_RUNNING;
		pods[i].ready = HPA_COND_TRUE;
		pods[i].ready_transition_ms = rt[i];
		pods[i].has_start_time = true;
		pods[i].start_time_ms = st[i];
		pods[i].containers = &conts[i];
		pods[i].n_containers = 1;
		pods[i].usage = &usage[i];
	}
	in = tin;
	in.pod_table = NULL;
	in.pods = pods;
	in.n_pods = PT_N;
	CU_ASSERT_EQUAL_FATAL(hpa_decide(d1, &in, NULL, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL_FATAL(hpa_decide(d2, &tin, NULL, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(d1->metrics[0].n_unready, 1); /* the late pod (not the table's doing) */
	CU_ASSERT_EQUAL(d2->metrics[0].n_unready, 1);
	CU_ASSERT_EQUAL(d1->desired_replicas, d2->desired_replicas);
	CU_ASSERT_EQUAL(d1->metrics[0].replicas, d2->metrics[0].replicas);
	CU_ASSERT_EQUAL(d1->metrics[0].average_utilization, d2->metrics[0].average_utilization);
	CU_ASSERT_EQUAL(d1->n_conditions, d2->n_conditions);
	for (i = 0; i < d1->n_conditions && i < d2->n_conditions; i++)
		CU_ASSERT_STRING_EQUAL(d1->conditions[i].message, d2->conditions[i].message);
	CU_ASSERT_STRING_EQUAL(d1->rescale_reason, d2->rescale_reason);
	CU_ASSERT_EQUAL(hpa_decide_metric_eval(&r1, &in, 0, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_decide_metric_eval(&r2, &tin, 0, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(r1.replicas, r2.replicas);
	CU_ASSERT_EQUAL(r1.n_unready, r2.n_unready);
	CU_ASSERT_EQUAL(hpa_decide_prepare(&p, &tin, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(hpa_decide_prepared_run(p, d2, &tin, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(d1->desired_replicas, d2->desired_replicas);

	/* the expansion's allocation failures: ENOMEM, nothing kept */
	for (unsigned long n = 1; n < 20; n++) {
		int rc;
		hpa__test_fail_alloc_at(n);
		rc = hpa_decide(d2, &tin, NULL, NULL, &e);
		if (!hpa__test_alloc_failed()) {
			hpa__test_fail_alloc_at(0);
			CU_ASSERT_EQUAL(rc, HPA_OK);
			break;
		}
		hpa__test_fail_alloc_at(0);
		CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
	}

	/* bad tables */
	in.pod_table = &t;
	CU_ASSERT_EQUAL(hpa_decide(d2, &in, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "exclusive"));
	CU_ASSERT_EQUAL(hpa_decide_prepared_run(p, d2, &in, NULL, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_decide_metric_eval(&r2, &in, 0, NULL, &e), HPA_EINVAL);
	t.sample_window_ms = NULL;
	CU_ASSERT_EQUAL(hpa_decide(d2, &tin, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "sample_window_ms"));
	CU_ASSERT_EQUAL(hpa_decide_prepared_run(p, d2, &tin, NULL, &e), HPA_EINVAL);
	t.sample_window_ms = win;
	t.n = SIZE_MAX; /* more than an expansion could hold: refused before any column is read */
	CU_ASSERT_EQUAL(hpa_decide(d2, &tin, NULL, NULL, &e), HPA_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "at most"));
	CU_ASSERT_EQUAL(hpa_decide_prepared_run(p, d2, &tin, NULL, &e), HPA_ELIMIT);
	t.n = 0; /* no pods: no column needed; the controller's error for no pods */
	tin.pod_table = &t;
	CU_ASSERT_EQUAL(hpa_decide(d2, &tin, NULL, NULL, &e), HPA_OK);
	in.pod_table = NULL;
	in.n_pods = 0;
	CU_ASSERT_EQUAL(hpa_decide(d1, &in, NULL, NULL, &e), HPA_OK);
	CU_ASSERT_EQUAL(d1->error, d2->error);
	CU_ASSERT_STRING_EQUAL(d1->error_message, d2->error_message);
	hpa_decide_prepared_free(p);
	free(d1);
	free(d2);
}


/* The history's stabilization summary against the list it summarizes.
 * A model of upstream's list (append, overwrite the slot, evict the oldest
 * when full) is kept here; after every change the list must equal the
 * model, and the decision's query (maximum newer than a cut-off, minimum
 * newer than another, last stale index in list order) must equal a scan of
 * the list entry by entry, for cut-offs at, around and between the
 * timestamps. The changes: the controller's steady state (the last stale
 * entry replaced by the newest, with the entry its first reconcile leaves
 * behind), irregular periods (several stale entries), equal timestamps,
 * entries older than the newest (appended out of order, a clock going
 * back), evictions, clearing, and extreme values. */
typedef struct {
	int64_t ts[64];
	int32_t r[64];
	size_t n, cap;
} model_list;

static uint64_t hs_rng(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static void model_append(model_list *m, int32_t r, int64_t ts)
{
	if (m->n == m->cap) {
		size_t o = 0, i;
		for (i = 1; i < m->n; i++)
			if (m->ts[i] < m->ts[o])
				o = i;
		for (i = o; i + 1 < m->n; i++) {
			m->ts[i] = m->ts[i + 1];
			m->r[i] = m->r[i + 1];
		}
		m->n--;
	}
	m->ts[m->n] = ts;
	m->r[m->n++] = r;
}

static int check_summary(const hpa_history *h, const model_list *m, uint64_t *rs)
{
	int64_t cuts[8];
	size_t i, nc = 0, k;
	int bad = 0;
	if (hpa_history_recommendation_count(h) != m->n)
		return 1;
	for (i = 0; i < m->n; i++) {
		hpa_recommendation rec;
		if (hpa_history_recommendation_at(h, i, &rec) || rec.timestamp_ms != m->ts[i] || rec.replicas != m->r[i])
			return 1;
	}
	if (m->n) {
		int64_t t = m->ts[hs_rng(rs) % m->n];
		cuts[nc++] = t;
		cuts[nc++] = t - 1;
		cuts[nc++] = t + 1;
		cuts[nc++] = m->ts[hs_rng(rs) % m->n] - 7500;
	}
	cuts[nc++] = INT64_MIN;
	cuts[nc++] = INT64_MAX;
	cuts[nc++] = (int64_t)(hs_rng(rs) % 4000000);
	for (k = 0; k < 3 * nc; k++) {
		int64_t up_cut = cuts[hs_rng(rs) % nc], down_cut = cuts[hs_rng(rs) % nc], old_cut = cuts[hs_rng(rs) % nc];
		int32_t up = INT32_MAX, down = INT32_MIN, gu, gd;
		int64_t slot = -1, gs;
		for (i = 0; i < m->n; i++) {
			if (m->ts[i] > up_cut && m->r[i] < up)
				up = m->r[i];
			if (m->ts[i] > down_cut && m->r[i] > down)
				down = m->r[i];
			if (m->ts[i] < old_cut)
				slot = (int64_t)i;
		}
		hpa__test_history_query(h, up_cut, down_cut, old_cut, &gu, &gd, &gs);
		bad |= gu != up || gd != down || gs != slot;
	}
	return bad;
}

static void test_decide__history_summary_matches_list(void)
{
	uint64_t rs = 7;
	int round, failures = 0, replaced = 0, appended = 0;
	for (round = 0; round < 400; round++) {
		model_list m;
		hpa_history *h = NULL;
		hpa_history_update u;
		int64_t now = 1000000 + (int64_t)(hs_rng(&rs) % 1000) * 1000;
		int64_t period = 15000, window = 300000;
		int step, style = (int)(hs_rng(&rs) % 6);
		memset(&m, 0, sizeof(m));
		m.cap = style == 5 ? 1 + hs_rng(&rs) % 16 : 64;
		CU_ASSERT_EQUAL_FATAL(hpa_history_new(&h, m.cap, NULL), HPA_OK);
		for (step = 0; step < 120; step++) {
			uint64_t x = hs_rng(&rs);
			int32_t r = (int32_t)(hs_rng(&rs) % (style == 4 ? 3 : 40));
			if (style == 3 && x % 7 == 0)
				r = (x & 8) ? INT32_MAX : INT32_MIN;
			/* the clock: regular syncs, with jitter, pauses, repeats
			 * and (styles 2, 3) steps back */
			if (style == 1)
				now += (int64_t)(x % 4) * 5000;
			else if (style >= 2 && x % 5 == 0)
				now -= (int64_t)(x % 90000);
			else if (x % 17 == 0)
				now += 400000;
			else
				now += period;
			if (step == 0 || x % 97 == 1) {
				/* the first reconcile (or a restart): the list is
				 * nil, (current, now) first */
				if (x % 97 == 1) {
					hpa_history_set_has_recommendations(h, false);
					m.n = 0;
				}
				memset(&u, 0, sizeof(u));
				u.init_recommendations = true;
				u.init_replicas = r;
				u.store_recommendation = true;
				u.recommendation = r == INT32_MAX ? r : r + 1;
				u.slot = -1;
				CU_ASSERT_EQUAL(hpa_history_apply(h, &u, now, NULL), HPA_OK);
				model_append(&m, r, now);
				model_append(&m, u.recommendation, now);
			} else if (x % 13 == 5) {
				/* an entry added directly, maybe older than the newest */
				int64_t t = now - (int64_t)(hs_rng(&rs) % 600000);
				CU_ASSERT_EQUAL(hpa_history_add_recommendation(h, r, t, NULL), HPA_OK);
				model_append(&m, r, t);
			} else {
				/* the controller's store: the last stale entry in
				 * list order, else append */
				int64_t slot = -1;
				size_t i;
				for (i = 0; i < m.n; i++)
					if (m.ts[i] < now - window)
						slot = (int64_t)i;
				memset(&u, 0, sizeof(u));
				u.store_recommendation = true;
				u.recommendation = r;
				u.slot = slot;
				CU_ASSERT_EQUAL(hpa_history_apply(h, &u, now, NULL), HPA_OK);
				if (slot >= 0) {
					m.ts[slot] = now;
					m.r[slot] = r;
					replaced++;
				} else {
					model_append(&m, r, now);
					appended++;
				}
			}
			if (check_summary(h, &m, &rs)) {
				failures++;
				break;
			}
		}
		hpa_history_free(h);
	}
	CU_ASSERT_EQUAL(failures, 0);
	/* both kinds of store happened often */
	CU_ASSERT(replaced > 10000);
	CU_ASSERT(appended > 1000);
}

static CU_TestInfo tests[] = {
	{ "options_and_input_init", test_decide__options_and_input_init },
	{ "bad_input_is_an_error", test_decide__bad_input_is_an_error },
	{ "input_contract", test_decide__input_contract },
	{ "scale_up_conditions_and_messages", test_decide__scale_up_conditions_and_messages },
	{ "empty_pod_list_and_unknown_pods", test_decide__empty_pod_list_and_unknown_pods },
	{ "out_of_range_and_disabled", test_decide__out_of_range_and_disabled },
	{ "scale_to_zero_master", test_decide__scale_to_zero_master },
	{ "history_controller_loop", test_decide__history_controller_loop },
	{ "history_capacity_evicts_oldest", test_decide__history_capacity_evicts_oldest },
	{ "history_json", test_decide__history_json },
	{ "history_summary_matches_list", test_decide__history_summary_matches_list },
	{ "history_edges", test_decide__history_edges },
	{ "history_alloc_failures", test_decide__history_alloc_failures },
	{ "targets_column", test_decide__targets_column },
	{ "quantities_in_targets", test_decide__quantities_in_targets },
	{ "duration", test_decide__duration },
	{ "hpa_row_and_table", test_decide__hpa_row_and_table },
	{ "decision_targets", test_decide__decision_targets },
	{ "format_conditions_lazily", test_decide__format_conditions_lazily },
	{ "stabilization_windows", test_decide__stabilization_windows },
	{ "common_path_matches_general_path", test_decide__common_path_matches_general_path },
	{ "prepare_bad_input", test_decide__prepare_bad_input },
	{ "pod_table", test_decide__pod_table },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_decide = { "decide", NULL, NULL, NULL, NULL, tests };
