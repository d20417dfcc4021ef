/* tests/unit/test_explain.c -- the explain module: decision inputs from real
 * objects (tests/data/explain fixtures and inline documents), the
 * explanation, `kubectl get hpa` rows, the small parsers, bad input and an
 * allocation-failure sweep. Expected values are worked out by hand (see the
 * fixtures' README.md) or come from the upstream formats. */
#include "helpers.h"
#include "core/core.h"
#include <stdlib.h>
#include <string.h>

/* 2024-05-01T10:00:00Z (date -u -d @1714557600) */
#define NOW_MS INT64_C(1714557600000)

/* ---- fixtures ------------------------------------------------------------------------- */

enum { F_HPA, F_TARGET, F_PODS, F_METRICS, F_CUSTOM, F_EXTERNAL, F_N };
static const char *const fixture_files[F_N] = { "hpa.json", "target.json", "pods.json", "metrics.json",
	"custom.json", "external.json" };

typedef struct {
	hpa_manifest *m[F_N];
	hpa_history *hist;
	hpa_explain_sources src;
} fixture;

static hpa_manifest *parse_text(const char *text)
{
	hpa_manifest *m = NULL;
	if (hpa_manifest_parse(&m, text, strlen(text), NULL, NULL) != HPA_OK)
		return NULL;
	return m;
}

static hpa_manifest *load(const char *rel)
{
	char path[512];
	size_t len;
	char *buf = th_read_file(th_data_path(path, sizeof(path), rel), &len);
	hpa_manifest *m = NULL;
	if (!buf)
		return NULL;
	if (hpa_manifest_parse(&m, buf, len, NULL, NULL) != HPA_OK)
		m = NULL;
	free(buf);
	return m;
}

/* Load tests/data/explain/<name>; returns 0 when the HPA file was read. */
static int fixture_load(fixture *f, const char *name)
{
	char rel[256], path[512];
	size_t i;
	memset(f, 0, sizeof(*f));
	hpa_explain_sources_init(&f->src, HPA_EXPLAIN_SOURCES_VERSION);
	for (i = 0; i < F_N; i++) {
		snprintf(rel, sizeof(rel), "explain/%s/%s", name, fixture_files[i]);
		if (th_is_file(th_data_path(path, sizeof(path), rel)))
			f->m[i] = load(rel);
	}
	snprintf(rel, sizeof(rel), "explain/%s/history.json", name);
	if (th_is_file(th_data_path(path, sizeof(path), rel)) && hpa_history_read_file(&f->hist, path, 0, NULL))
		f->hist = NULL;
	f->src.hpa = f->m[F_HPA] ? hpa_manifest_at(f->m[F_HPA], 0) : NULL;
	f->src.target = f->m[F_TARGET] ? hpa_manifest_at(f->m[F_TARGET], 0) : NULL;
	f->src.pods = f->m[F_PODS];
	f->src.pod_metrics = f->m[F_METRICS];
	f->src.custom_metrics = f->m[F_CUSTOM];
	f->src.external_metrics = f->m[F_EXTERNAL];
	f->src.now_ms = NOW_MS;
	return f->src.hpa ? 0 : -1;
}

static void fixture_free(fixture *f)
{
	for (size_t i = 0; i < F_N; i++)
		hpa_manifest_free(f->m[i]);
	hpa_history_free(f->hist);
}

/* Build, decide and render one fixture; returns the text (free with hpa_free) or NULL. */
static char *explain_fixture(const char *name, int format, hpa_decision *d)
{
	fixture f;
	hpa_explain_input *in = NULL;
	char *text = NULL;
	hpa_error err = HPA_ERROR_INIT;
	if (fixture_load(&f, name) == 0 && hpa_explain_input_new(&in, &f.src, &err) == HPA_OK &&
	    hpa_explain_decide(d, in, f.hist, NULL, &err) == HPA_OK)
		hpa_explain_render(&text, NULL, in, d, f.hist, NULL, format, &err);
	if (!text)
		fprintf(stderr, "explain %s: %s\n", name, err.message);
	hpa_explain_input_free(in);
	fixture_free(&f);
	return text;
}

/* ---- parsers ---------------------------------------------------------------------------- */

static void test_explain__time_and_duration(void)
{
	int64_t v = 0;
	hpa_error err = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL(hpa_explain_parse_time("2024-05-01T10:00:00Z", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, NOW_MS);
	CU_ASSERT_EQUAL(hpa_explain_parse_time("2024-05-01T12:00:00.250+02:00", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, NOW_MS + 250);
	CU_ASSERT_EQUAL(hpa_explain_parse_time("1970-01-01T00:00:00Z", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 0);
	/* Go's zero time */
	CU_ASSERT_EQUAL(hpa_explain_parse_time("0001-01-01T00:00:00Z", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, HPA_TIME_ZERO);
	CU_ASSERT_EQUAL(hpa_explain_parse_time("2024-02-30T00:00:00Z", &v, &err), HPA_ESYNTAX);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "2024-02-30"));
	CU_ASSERT_EQUAL(hpa_explain_parse_time("2024-05-01 10:00:00Z", &v, NULL), HPA_ESYNTAX);
	CU_ASSERT_EQUAL(hpa_explain_parse_time("2024-05-01T10:00:00", &v, NULL), HPA_ESYNTAX);
	CU_ASSERT_EQUAL(hpa_explain_parse_time("2024-05-01T10:00:00Zjunk", &v, NULL), HPA_ESYNTAX);
	CU_ASSERT_EQUAL(hpa_explain_parse_time(NULL, &v, NULL), HPA_EINVAL);

	CU_ASSERT_EQUAL(hpa_explain_parse_duration("15.001s", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 15001);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("1m30s", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 90000);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("1h", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 3600000);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("500ms", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 500);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("1.5h", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 5400000);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("0", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("-2s", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, -2000);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("1500us", &v, NULL), HPA_OK);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("15", &v, NULL), HPA_ESYNTAX);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("s", &v, NULL), HPA_ESYNTAX);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("15 s", &v, NULL), HPA_ESYNTAX);
	CU_ASSERT_EQUAL(hpa_explain_parse_duration("99999999999999999999h", &v, NULL), HPA_ERANGE);
}

/* ---- the adapter on the fixtures ---------------------------------------------------------------- */

static void test_explain__adapter_reads_the_objects(void)
{
	fixture f;
	hpa_explain_input *in = NULL;
	hpa_error err = HPA_ERROR_INIT;
	const hpa_decide_input *di;
	if (fixture_load(&f, "01-scale-up")) {
		CU_FAIL("fixture 01-scale-up");
		fixture_free(&f);
		return;
	}
	CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &f.src, &err), HPA_OK);
	di = hpa_explain_input_decide(in);
	if (di) {
		CU_ASSERT_EQUAL(di->version, HPA_DECIDE_INPUT_VERSION);
		CU_ASSERT(di->has_min_replicas);
		CU_ASSERT_EQUAL(di->min_replicas, 1);
		CU_ASSERT_EQUAL(di->max_replicas, 5);
		CU_ASSERT_EQUAL(di->spec_replicas, 2);
		CU_ASSERT_EQUAL(di->status_replicas, 2);
		CU_ASSERT_PTR_NULL(di->behavior);                 /* no spec.behavior: legacy */
		CU_ASSERT(di->has_prev_desired);
		CU_ASSERT_EQUAL(di->prev_desired_replicas, 2);
		CU_ASSERT_EQUAL(di->selector, 0);
		CU_ASSERT_STRING_EQUAL(di->selector_text, "app=order");
		CU_ASSERT_EQUAL(di->now_ms, NOW_MS);
		CU_ASSERT_EQUAL(di->n_metrics, 1);
		CU_ASSERT_EQUAL(di->metrics[0].type, HPA_SOURCE_RESOURCE);
		CU_ASSERT_EQUAL(di->metrics[0].resource, HPA_RESOURCE_CPU);
		CU_ASSERT_EQUAL(di->metrics[0].target_type, HPA_TARGET_UTILIZATION);
		CU_ASSERT(di->metrics[0].has_average_utilization);
		CU_ASSERT_EQUAL(di->metrics[0].average_utilization, 20);
		CU_ASSERT(!di->metrics[0].has_average_value);
		/* the product pod is of another workload */
		CU_ASSERT_EQUAL(di->n_pods, 2);
		CU_ASSERT_EQUAL(hpa_explain_input_unselected_pods(in), 1);
		CU_ASSERT_EQUAL(hpa_explain_input_dropped_metrics(in), 1);
		CU_ASSERT_EQUAL(di->n_orphan_usage, 0);
		CU_ASSERT_PTR_NOT_NULL(di->pod_class);
		if (di->n_pods == 2) {
			const hpa_decide_pod *p = &di->pods[0];
			CU_ASSERT_STRING_EQUAL(p->name, "order-5d8f7c9b4-abcde");
			CU_ASSERT_EQUAL(p->phase, HPA_PHASE_RUNNING);
			CU_ASSERT_EQUAL(p->ready, HPA_COND_TRUE);
			CU_ASSERT_EQUAL(p->ready_transition_ms, NOW_MS - 3560000);  /* 09:00:40 */
			CU_ASSERT(p->has_start_time);
			CU_ASSERT_EQUAL(p->start_time_ms, NOW_MS - 3600000);        /* 09:00:00 */
			CU_ASSERT(!p->deleting);
			CU_ASSERT_EQUAL(p->n_containers, 1);
			if (p->n_containers == 1) {
				CU_ASSERT_STRING_EQUAL(p->containers[0].name, "order");
				CU_ASSERT_EQUAL(p->containers[0].kind, HPA_CONTAINER_APP);
				CU_ASSERT_EQUAL(p->containers[0].requests_set, HPA_RESOURCE_BIT(HPA_RESOURCE_CPU));
				CU_ASSERT_EQUAL(p->containers[0].requests_milli[HPA_RESOURCE_CPU], 200);
			}
			CU_ASSERT_PTR_NOT_NULL(p->usage);
			if (p->usage && p->usage->n_containers == 1) {
				CU_ASSERT_EQUAL(p->usage->timestamp_ms, NOW_MS - 10000);
				CU_ASSERT_EQUAL(p->usage->window_ms, 15001);
				CU_ASSERT_STRING_EQUAL(p->usage->containers[0].name, "order");
				/* 299873541n: MilliValue rounds up to 300 */
				CU_ASSERT_EQUAL(p->usage->containers[0].usage_milli[HPA_RESOURCE_CPU], 300);
				/* 215040Ki = 210 MiB = 220200960 bytes, x 1000 */
				CU_ASSERT_EQUAL(p->usage->containers[0].usage_milli[HPA_RESOURCE_MEMORY], INT64_C(220200960000));
				CU_ASSERT_EQUAL(p->usage->containers[0].usage_set,
					HPA_RESOURCE_BIT(HPA_RESOURCE_CPU) | HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY));
			}
		}
	}
	hpa_explain_input_free(in);
	fixture_free(&f);
}

static void test_explain__adapter_behavior_scale_and_custom(void)
{
	fixture f;
	hpa_explain_input *in = NULL;
	hpa_error err = HPA_ERROR_INIT;
	const hpa_decide_input *di;

	/* 08: behavior with one Pods policy */
	if (fixture_load(&f, "08-behavior-limit") == 0 && hpa_explain_input_new(&in, &f.src, &err) == HPA_OK) {
		di = hpa_explain_input_decide(in);
		CU_ASSERT_PTR_NOT_NULL(di->behavior);
		if (di->behavior) {
			const hpa_decide_rules *up = &di->behavior->scale_up, *down = &di->behavior->scale_down;
			CU_ASSERT(up->has_policies);
			CU_ASSERT_EQUAL(up->n_policies, 1);
			if (up->n_policies == 1) {
				CU_ASSERT_EQUAL(up->policies[0].type, HPA_POLICY_PODS);
				CU_ASSERT_EQUAL(up->policies[0].value, 2);
				CU_ASSERT_EQUAL(up->policies[0].period_seconds, 60);
			}
			CU_ASSERT_EQUAL(up->select_policy, HPA_SELECT_MAX);
			CU_ASSERT(!up->has_stabilization_window);
			CU_ASSERT(!down->has_policies);          /* the API defaults apply */
			CU_ASSERT(!down->has_tolerance);
		}
	} else {
		CU_FAIL(err.message);
	}
	hpa_explain_input_free(in);
	in = NULL;
	fixture_free(&f);

	/* 07: the /scale subresource */
	if (fixture_load(&f, "07-memory") == 0 && hpa_explain_input_new(&in, &f.src, &err) == HPA_OK) {
		di = hpa_explain_input_decide(in);
		CU_ASSERT_EQUAL(di->spec_replicas, 2);
		CU_ASSERT_STRING_EQUAL(di->selector_text, "app=product");
		CU_ASSERT_EQUAL(di->n_pods, 2);
		CU_ASSERT_EQUAL(di->metrics[0].resource, HPA_RESOURCE_MEMORY);
		if (di->n_pods == 2)
			CU_ASSERT_EQUAL(di->pods[1].containers[0].requests_milli[HPA_RESOURCE_MEMORY],
				INT64_C(268435456000));            /* 256Mi x 1000 */
	} else {
		CU_FAIL(err.message);
	}
	hpa_explain_input_free(in);
	in = NULL;
	fixture_free(&f);

	/* 10: Pods and External values, matchExpressions */
	if (fixture_load(&f, "10-custom-external") == 0 && hpa_explain_input_new(&in, &f.src, &err) == HPA_OK) {
		di = hpa_explain_input_decide(in);
		CU_ASSERT_STRING_EQUAL(di->selector_text, "app=worker,tier in (backend)");
		CU_ASSERT_EQUAL(di->n_pods, 3);
		CU_ASSERT_EQUAL(di->n_metrics, 2);
		CU_ASSERT_PTR_NOT_NULL(di->behavior);   /* behavior: {} is not nil */
		if (di->n_metrics == 2 && di->n_pods == 3) {
			const hpa_decide_metric *pm = &di->metrics[0], *em = &di->metrics[1];
			CU_ASSERT_EQUAL(pm->type, HPA_SOURCE_PODS);
			CU_ASSERT_STRING_EQUAL(pm->name, "http_requests_per_second");
			CU_ASSERT_STRING_EQUAL(pm->selector, "nil");
			CU_ASSERT_EQUAL(pm->average_value_milli, 10000);
			CU_ASSERT_PTR_NOT_NULL(pm->pod_values);
			if (pm->pod_values) {
				CU_ASSERT(pm->pod_values[0].present);
				CU_ASSERT_EQUAL(pm->pod_values[0].value_milli, 15000);
				CU_ASSERT_EQUAL(pm->pod_values[2].value_milli, 25000);
				CU_ASSERT_EQUAL(pm->pod_values[1].window_ms, 60000);
			}
			CU_ASSERT_EQUAL(pm->n_orphan_values, 0);
			CU_ASSERT_EQUAL(em->type, HPA_SOURCE_EXTERNAL);
			CU_ASSERT_STRING_EQUAL(em->selector,
				"&LabelSelector{MatchLabels:map[string]string{queue: orders,},MatchExpressions:[]LabelSelectorRequirement{},}");
			CU_ASSERT_EQUAL(em->n_external_values, 1);   /* queue=payments filtered out */
			if (em->n_external_values == 1)
				CU_ASSERT_EQUAL(em->external_values[0], 90000);
		}
		/* the frontend pod's custom value */
		CU_ASSERT_EQUAL(hpa_explain_input_dropped_metrics(in), 1);
	} else {
		CU_FAIL(err.message);
	}
	hpa_explain_input_free(in);
	fixture_free(&f);
}

/* The decision through the adapter equals hpa_decide on a hand-built input
 * (fixture 04: two ready pods at 100m of 100m, one initializing at 10m). */
static void test_explain__decision_equals_vector_level(void)
{
	fixture f;
	hpa_explain_input *in = NULL;
	hpa_error err = HPA_ERROR_INIT;
	hpa_decision *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b));
	hpa_decide_input di;
	hpa_decide_metric m;
	hpa_decide_pod pods[3];
	hpa_decide_container cs[3];
	hpa_container_usage cu[3];
	hpa_pod_usage pu[3];
	uint8_t cls[3];
	static const char *const names[3] = { "order-5d8f7c9b4-abcde", "order-5d8f7c9b4-fghij", "order-5d8f7c9b4-kmnpq" };
	size_t i;

	if (!a || !b || fixture_load(&f, "04-unready-pods")) {
		CU_FAIL("setup");
		goto out;
	}
	CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &f.src, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_explain_decide(a, in, NULL, NULL, &err), HPA_OK);

	hpa_decide_input_init(&di, HPA_DECIDE_INPUT_VERSION);
	memset(&m, 0, sizeof(m));
	memset(pods, 0, sizeof(pods));
	memset(cs, 0, sizeof(cs));
	memset(cu, 0, sizeof(cu));
	memset(pu, 0, sizeof(pu));
	m.type = HPA_SOURCE_RESOURCE;
	m.resource = HPA_RESOURCE_CPU;
	m.target_type = HPA_TARGET_UTILIZATION;
	m.has_average_utilization = true;
	m.average_utilization = 50;
	m.namespace_name = "default";
	for (i = 0; i < 3; i++) {
		cs[i].name = "order";
		cs[i].requests_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		cs[i].requests_milli[HPA_RESOURCE_CPU] = 100;
		cu[i].name = "order";
		cu[i].usage_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		cu[i].usage_milli[HPA_RESOURCE_CPU] = i < 2 ? 100 : 10;
		pu[i].pod = names[i];
		pu[i].timestamp_ms = NOW_MS - 10000;
		pu[i].window_ms = 15001;
		pu[i].containers = &cu[i];
		pu[i].n_containers = 1;
		pods[i].name = names[i];
		pods[i].phase = HPA_PHASE_RUNNING;
		pods[i].ready = i < 2 ? HPA_COND_TRUE : HPA_COND_FALSE;
		pods[i].ready_transition_ms = i < 2 ? NOW_MS - 3560000 : NOW_MS - 115000;
		pods[i].has_start_time = true;
		pods[i].start_time_ms = i < 2 ? NOW_MS - 3600000 : NOW_MS - 120000;
		pods[i].containers = &cs[i];
		pods[i].n_containers = 1;
		pods[i].usage = &pu[i];
	}
	di.has_min_replicas = true;
	di.min_replicas = 1;
	di.max_replicas = 10;
	di.metrics = &m;
	di.n_metrics = 1;
	di.spec_replicas = 3;
	di.status_replicas = 3;
	di.selector_text = "app=order";
	di.pods = pods;
	di.n_pods = 3;
	di.now_ms = NOW_MS;
	di.pod_class = cls;
	CU_ASSERT_EQUAL(hpa_decide(b, &di, NULL, NULL, &err), HPA_OK);

	/* by hand (README): proposal 4, first-pass utilization 100 %, 2 ready, 1 unready, rebalanced over 3 */
	CU_ASSERT_EQUAL(a->desired_replicas, 4);
	CU_ASSERT_EQUAL(b->desired_replicas, 4);
	CU_ASSERT_EQUAL(a->rescale, b->rescale);
	CU_ASSERT_EQUAL(a->metric_replicas, b->metric_replicas);
	CU_ASSERT_EQUAL(a->stabilized_replicas, b->stabilized_replicas);
	CU_ASSERT_EQUAL(a->limit_reason, b->limit_reason);
	CU_ASSERT_EQUAL(a->metrics[0].replicas, 4);
	CU_ASSERT_EQUAL(a->metrics[0].average_utilization, 100);
	CU_ASSERT_EQUAL(a->metrics[0].average_value_milli, b->metrics[0].average_value_milli);
	CU_ASSERT_EQUAL(a->metrics[0].n_ready, 2);
	CU_ASSERT_EQUAL(a->metrics[0].n_unready, 1);
	CU_ASSERT_EQUAL(a->metrics[0].n_samples, b->metrics[0].n_samples);
	CU_ASSERT(a->metrics[0].rebalanced && b->metrics[0].rebalanced);
	CU_ASSERT_EQUAL(a->n_conditions, b->n_conditions);
	for (i = 0; i < a->n_conditions && i < b->n_conditions; i++) {
		CU_ASSERT_EQUAL(a->conditions[i].type, b->conditions[i].type);
		CU_ASSERT_EQUAL(a->conditions[i].status, b->conditions[i].status);
		CU_ASSERT_STRING_EQUAL(a->conditions[i].reason, b->conditions[i].reason);
		CU_ASSERT_STRING_EQUAL(a->conditions[i].message, b->conditions[i].message);
	}
	/* the classification the explanation reads */
	if (in && hpa_explain_input_decide(in)->pod_class) {
		const uint8_t *pc = hpa_explain_input_decide(in)->pod_class;
		CU_ASSERT_EQUAL(pc[0], HPA_POD_READY);
		CU_ASSERT_EQUAL(pc[1], HPA_POD_READY);
		CU_ASSERT_EQUAL(pc[2], HPA_POD_UNREADY_INITIALIZING);
		CU_ASSERT_EQUAL(pc[2], cls[2]);
	} else {
		CU_FAIL("no pod classification buffer");
	}
out:
	hpa_explain_input_free(in);
	if (a && b)
		fixture_free(&f);
	free(a);
	free(b);
}

/* ---- the explanation ----------------------------------------------------------------------- */

static void test_explain__text_and_json(void)
{
	hpa_decision *d = calloc(1, sizeof(*d));
	char *t;
	if (!d) {
		CU_FAIL("calloc");
		return;
	}
	t = explain_fixture("06-missing-request", HPA_EXPLAIN_TEXT, d);
	CU_ASSERT_PTR_NOT_NULL(t);
	if (t) {
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "pod order-5d8f7c9b4-abcde, container fluent-bit: no request"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "pod order-5d8f7c9b4-fghij, container fluent-bit: no request"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "FailedGetResourceMetric"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "desiredReplicas stays 2"));
	}
	CU_ASSERT(d->error);
	CU_ASSERT(!d->rescale);
	hpa_free(t);

	t = explain_fixture("05-missing-metrics", HPA_EXPLAIN_JSON, d);
	CU_ASSERT_PTR_NOT_NULL(t);
	if (t) {
		CU_ASSERT_EQUAL(t[0], '{');
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"desiredReplicas\": 3,"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"class\": \"missing (no sample)\""));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"missing\": 1,"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"usageRatio\": 0.200000,"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"scaleDownWindowSeconds\": 0,"));
		CU_ASSERT_EQUAL(t[strlen(t) - 2], '}');
	}
	hpa_free(t);

	t = explain_fixture("10-custom-external", HPA_EXPLAIN_TEXT, d);
	CU_ASSERT_PTR_NOT_NULL(t);
	if (t) {
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "Metric 2 of 2: external metric queue_messages_ready("));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "current:  average 30 per pod (over status.replicas 3)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "current:  average 20 per pod"));
	}
	CU_ASSERT_EQUAL(d->desired_replicas, 6);
	hpa_free(t);
	free(d);
}

static void test_explain__render_bad_arguments(void)
{
	fixture f;
	hpa_explain_input *in = NULL;
	hpa_decision *d = calloc(1, sizeof(*d));
	char *t = (char *)"x";
	hpa_error err = HPA_ERROR_INIT;
	hpa_decide_options o;
	if (!d || fixture_load(&f, "03-within-tolerance") || hpa_explain_input_new(&in, &f.src, &err)) {
		CU_FAIL("setup");
		free(d);
		return;
	}
	CU_ASSERT_EQUAL(hpa_explain_decide(d, in, NULL, NULL, NULL), HPA_OK);
	CU_ASSERT_EQUAL(hpa_explain_render(&t, NULL, in, d, NULL, NULL, 99, &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(t);
	CU_ASSERT_EQUAL(hpa_explain_render(NULL, NULL, in, d, NULL, NULL, HPA_EXPLAIN_TEXT, NULL), HPA_EINVAL);
	t = (char *)"x";
	CU_ASSERT_EQUAL(hpa_explain_render(&t, NULL, NULL, d, NULL, NULL, HPA_EXPLAIN_TEXT, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(t); /* *out is NULL on every failure */
	hpa_decide_options_init(&o, HPA_DECIDE_OPTIONS_VERSION);
	o.version = 77;
	CU_ASSERT_EQUAL(hpa_explain_render(&t, NULL, in, d, NULL, &o, HPA_EXPLAIN_TEXT, &err), HPA_EINVAL);
	/* a decision of another input */
	d->n_metrics = 2;
	CU_ASSERT_EQUAL(hpa_explain_render(&t, NULL, in, d, NULL, NULL, HPA_EXPLAIN_TEXT, &err), HPA_EINVAL);
	/* a decision no hpa_decide() makes (header audit, session 10: more
	 * than four conditions were read past the array; unknown reasons and
	 * versions were rendered): HPA_EINVAL in both formats, nothing written */
	{
		hpa_decision good;
		CU_ASSERT_EQUAL(hpa_explain_decide(d, in, NULL, NULL, NULL), HPA_OK);
		good = *d;
		for (int k = 0; k < 7; k++) {
			*d = good;
			switch (k) {
			case 0: d->n_conditions = 50; break;
			case 1: d->limit_reason = 99; break;
			case 2: d->stabilization = 99; break;
			case 3: d->metric_index = 99; break;
			case 4: d->version = 7; break;
			case 5: d->conditions[0].status = 42; break;
			case 6: d->conditions[1].type = 0; break;
			}
			for (int fmt = HPA_EXPLAIN_TEXT; fmt <= HPA_EXPLAIN_JSON; fmt++) {
				t = (char *)"x";
				CU_ASSERT_EQUAL(hpa_explain_render(&t, NULL, in, d, NULL, NULL, fmt, &err), HPA_EINVAL);
				CU_ASSERT_PTR_NULL(t);
			}
		}
		*d = good;
		CU_ASSERT_EQUAL(hpa_explain_render(&t, NULL, in, d, NULL, NULL, HPA_EXPLAIN_JSON, &err), HPA_OK);
		hpa_free(t);
		d->n_metrics = 2;
	}
	CU_ASSERT_EQUAL(hpa_explain_decide(NULL, in, NULL, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(hpa_explain_input_decide(NULL));
	hpa_explain_input_free(NULL);
	hpa_explain_input_free(in);
	fixture_free(&f);
	free(d);
}

/* ---- bad input ------------------------------------------------------------------------------- */

#define HPA_DOC(minr, maxr, extra) \
	"{\"apiVersion\":\"autoscaling/v2\",\"kind\":\"HorizontalPodAutoscaler\"," \
	"\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"scaleTargetRef\":" \
	"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"web\"},\"minReplicas\":" #minr \
	",\"maxReplicas\":" #maxr extra "}}"
#define METRIC_CPU50 ",\"metrics\":[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"target\":" \
	"{\"type\":\"Utilization\",\"averageUtilization\":50}}}]"
#define DEPLOY_DOC(replicas, selector) \
	"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"default\"}," \
	"\"spec\":{\"replicas\":" #replicas ",\"selector\":" selector ",\"template\":{\"metadata\":{\"labels\":" \
	"{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"web\"}]}}}}"
#define POD_DOC(name, labels, start) \
	"{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" name "\",\"namespace\":\"default\"," \
	"\"labels\":" labels "},\"spec\":{\"containers\":[{\"name\":\"web\",\"resources\":{\"requests\":" \
	"{\"cpu\":\"100m\"}}}]},\"status\":{\"phase\":\"Running\",\"startTime\":\"" start "\",\"conditions\":" \
	"[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2024-05-01T09:00:40Z\"}]}}"
#define PM_DOC(name, cpu) \
	"{\"metadata\":{\"name\":\"" name "\",\"namespace\":\"default\"},\"timestamp\":\"2024-05-01T09:59:50Z\"," \
	"\"window\":\"15s\",\"containers\":[{\"name\":\"web\",\"usage\":{\"cpu\":\"" cpu "\"}}]}"

/* Build from documents; returns the code, the error in *err. */
static int build(const char *hpa, const char *target, const char *pods, const char *metrics, hpa_error *err,
	hpa_decision *d)
{
	hpa_manifest *mh = parse_text(hpa), *mt = target ? parse_text(target) : NULL;
	hpa_manifest *mp = pods ? parse_text(pods) : NULL, *mm = metrics ? parse_text(metrics) : NULL;
	hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
	hpa_explain_input *in = NULL;
	int rc;
	hpa_error_init(err, HPA_ERROR_VERSION);
	if (!mh || (target && !mt) || (pods && !mp) || (metrics && !mm)) {
		rc = -1000;
		goto out;
	}
	src.hpa = hpa_manifest_at(mh, 0);
	src.target = mt ? hpa_manifest_at(mt, 0) : NULL;
	src.pods = mp;
	src.pod_metrics = mm;
	src.now_ms = NOW_MS;
	rc = hpa_explain_input_new(&in, &src, err);
	if (rc == HPA_OK && d)
		rc = hpa_explain_decide(d, in, NULL, NULL, err);
out:
	hpa_explain_input_free(in);
	hpa_manifest_free(mh);
	hpa_manifest_free(mt);
	hpa_manifest_free(mp);
	hpa_manifest_free(mm);
	return rc;
}

#define POD_LIST(...) "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" __VA_ARGS__ "]}"
#define PM_LIST(...) "{\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"kind\":\"PodMetricsList\",\"items\":[" \
	__VA_ARGS__ "]}"
#define OK_PODS POD_LIST(POD_DOC("web-1", "{\"app\":\"web\"}", "2024-05-01T09:00:00Z"))
#define OK_PM PM_LIST(PM_DOC("web-1", "50m"))
#define SEL_WEB "{\"matchLabels\":{\"app\":\"web\"}}"

static void test_explain__bad_input(void)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
	hpa_explain_input *in = (hpa_explain_input *)&src;
	if (!d) {
		CU_FAIL("calloc");
		return;
	}
	/* the good one first: 50m of 100m = 50 % = target -> keep 1 */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), OK_PODS, OK_PM, &err, d), HPA_OK);
	CU_ASSERT_EQUAL(d->desired_replicas, 1);
	CU_ASSERT_EQUAL(d->metrics[0].average_utilization, 50);

	/* min > max */
	/* a metrics window out of the duration range is HPA_ERANGE, as
	 * hpa_explain_parse_duration() says for the same text (was ESYNTAX) */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), OK_PODS,
		PM_LIST("{\"metadata\":{\"name\":\"web-1\",\"namespace\":\"default\"},\"timestamp\":"
			"\"2024-05-01T09:59:50Z\",\"window\":\"9999999999999999h\",\"containers\":[{\"name\":\"web\","
			"\"usage\":{\"cpu\":\"50m\"}}]}"), &err, NULL), HPA_ERANGE);
	CU_ASSERT_STRING_EQUAL(err.path, "window");
	{
		int64_t ms;
		CU_ASSERT_EQUAL(hpa_explain_parse_duration("9999999999999999h", &ms, NULL), HPA_ERANGE);
	}
	CU_ASSERT_EQUAL(build(HPA_DOC(6, 5, METRIC_CPU50), NULL, NULL, NULL, &err, NULL), HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.minReplicas");
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "HorizontalPodAutoscaler default/web"));
	/* maxReplicas 0, negative minReplicas */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 0, METRIC_CPU50), NULL, NULL, NULL, &err, NULL), HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.maxReplicas");
	CU_ASSERT_EQUAL(build(HPA_DOC(-1, 5, METRIC_CPU50), NULL, NULL, NULL, &err, NULL), HPA_EVALIDATION);
	/* negative replicas on the target */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(-2, SEL_WEB), NULL, NULL, &err, NULL),
		HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.replicas");
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "Deployment default/web"));
	/* absurd replicas on a Scale (a generic object: the range is checked here) */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\","
		"\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":4294967296},\"status\":{\"replicas\":1,"
		"\"selector\":\"app=web\"}}", NULL, NULL, &err, NULL), HPA_ERANGE);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.replicas");
	/* no target and no status.currentReplicas */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), NULL, NULL, NULL, &err, NULL), HPA_EMISSING);
	CU_ASSERT_STRING_EQUAL(err.path, "status.currentReplicas");
	/* wrong kinds */
	CU_ASSERT_EQUAL(build(DEPLOY_DOC(1, SEL_WEB), NULL, NULL, NULL, &err, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "expected an autoscaling/v2 HorizontalPodAutoscaler"));
	CU_ASSERT_EQUAL(build("{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"HorizontalPodAutoscaler\","
		"\"metadata\":{\"name\":\"web\"},\"spec\":{\"maxReplicas\":3}}", NULL, NULL, NULL, &err, NULL),
		HPA_EUNSUPPORTED);
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), OK_PODS, NULL, NULL, &err, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "expected the scale target"));
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), DEPLOY_DOC(1, SEL_WEB), NULL, &err,
		NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "the pod list holds a Deployment"));
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), OK_PODS, OK_PODS, &err, NULL),
		HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "expected PodMetrics"));
	/* malformed timestamps and quantities */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB),
		POD_LIST(POD_DOC("web-1", "{\"app\":\"web\"}", "yesterday")), NULL, &err, NULL), HPA_ESYNTAX);
	CU_ASSERT_STRING_EQUAL(err.path, "status.startTime");
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "Pod default/web-1: malformed timestamp \"yesterday\""));
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), OK_PODS,
		PM_LIST(PM_DOC("web-1", "lots")), &err, NULL), HPA_ESYNTAX);
	CU_ASSERT_STRING_EQUAL(err.path, "containers[0].usage.cpu");
	/* unknown metric target type; unsupported resource */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, ",\"metrics\":[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\","
		"\"target\":{\"type\":\"Percent\",\"averageUtilization\":50}}}]"), DEPLOY_DOC(1, SEL_WEB), NULL, NULL,
		&err, NULL), HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.metrics[0].resource.target.type");
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, ",\"metrics\":[{\"type\":\"Resource\",\"resource\":{\"name\":"
		"\"ephemeral-storage\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":50}}}]"),
		DEPLOY_DOC(1, SEL_WEB), NULL, NULL, &err, NULL), HPA_EUNSUPPORTED);
	/* a behavior the API server rejects */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50 ",\"behavior\":{\"scaleUp\":{\"policies\":[{\"type\":\"Pods\","
		"\"value\":0,\"periodSeconds\":15}]}}"), DEPLOY_DOC(1, SEL_WEB), NULL, NULL, &err, NULL), HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.behavior.scaleUp.policies[0].value");
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50 ",\"behavior\":{\"scaleDown\":{\"tolerance\":\"-1\"}}"),
		DEPLOY_DOC(1, SEL_WEB), NULL, NULL, &err, NULL), HPA_EVALIDATION);
	/* another Deployment than the scaleTargetRef */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
		"\"metadata\":{\"name\":\"api\"},\"spec\":{\"replicas\":1,\"selector\":" SEL_WEB ",\"template\":{}}}",
		NULL, NULL, &err, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "scaleTargetRef Deployment/web"));
	/* duplicate pod names */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB),
		POD_LIST(POD_DOC("web-1", "{\"app\":\"web\"}", "2024-05-01T09:00:00Z") ","
			POD_DOC("web-1", "{\"app\":\"web\"}", "2024-05-01T09:00:00Z")), NULL, &err, NULL), HPA_EDUPLICATE);
	/* NULL and versions */
	CU_ASSERT_EQUAL(hpa_explain_input_new(NULL, &src, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_explain_input_new(&in, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(in);
	src.version = 0;
	CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &src, &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_explain_sources_init(&src, 2), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_explain_sources_init(&src, HPA_EXPLAIN_SOURCES_VERSION), HPA_OK);
	CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &src, &err), HPA_EINVAL);  /* no HPA */
	free(d);
}

/* What the controller tolerates gives its conditions, not an error. */
static void test_explain__upstream_conditions(void)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_decision *d = calloc(1, sizeof(*d));
	if (!d) {
		CU_FAIL("calloc");
		return;
	}
	/* empty pod list */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), POD_LIST(), OK_PM, &err, d), HPA_OK);
	CU_ASSERT(d->error);
	CU_ASSERT_EQUAL(d->n_conditions, 2);
	CU_ASSERT_STRING_EQUAL(d->conditions[1].reason, "FailedGetResourceMetric");
	CU_ASSERT_PTR_NOT_NULL(strstr(d->conditions[1].message, "no pods returned by selector"));
	/* metrics of a pod the list does not hold: a superfluous sample, no error */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, SEL_WEB), OK_PODS,
		PM_LIST(PM_DOC("web-1", "50m") "," PM_DOC("web-gone", "900m")), &err, d), HPA_OK);
	CU_ASSERT(!d->error);
	CU_ASSERT_EQUAL(d->desired_replicas, 1);          /* 50 % of 100m: the orphan adds nothing to the usage */
	CU_ASSERT_EQUAL(d->metrics[0].average_utilization, 50);
	/* an invalid selector operator: InvalidSelector, no pods read */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, "{\"matchExpressions\":[{\"key\":\"app\","
		"\"operator\":\"Like\",\"values\":[\"web\"]}]}"), OK_PODS, OK_PM, &err, d), HPA_OK);
	CU_ASSERT_EQUAL(d->limit_reason, HPA_LIMIT_INVALID_SELECTOR);
	CU_ASSERT_STRING_EQUAL(d->conditions[1].reason, "InvalidSelector");
	CU_ASSERT_PTR_NOT_NULL(strstr(d->conditions[1].message, "\"Like\" is not a valid label selector operator"));
	/* an empty selector */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), DEPLOY_DOC(1, "{}"), OK_PODS, OK_PM, &err, d), HPA_OK);
	CU_ASSERT_STRING_EQUAL(d->conditions[1].reason, "InvalidSelector");
	CU_ASSERT_STRING_EQUAL(d->conditions[1].message, "the HPA target's scale is missing a selector");
	/* a Scale whose status.selector does not parse */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, METRIC_CPU50), "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\","
		"\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1},\"status\":{\"replicas\":1,"
		"\"selector\":\"app in web\"}}", OK_PODS, OK_PM, &err, d), HPA_OK);
	CU_ASSERT_STRING_EQUAL(d->conditions[1].reason, "InvalidSelector");
	/* no spec.metrics: the API default cpu 80 % */
	CU_ASSERT_EQUAL(build(HPA_DOC(1, 5, ""), DEPLOY_DOC(1, SEL_WEB), OK_PODS, OK_PM, &err, d), HPA_OK);
	CU_ASSERT_EQUAL(d->n_metrics, 1);
	CU_ASSERT_EQUAL(d->metrics[0].average_utilization, 50);   /* 50 % against 80 %: ratio 0.625 */
	CU_ASSERT_EQUAL(d->metrics[0].replicas, 1);
	free(d);
}

/* Selector forms: labels.Parse, String() and matching. */
static void test_explain__selectors(void)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_decision *d = calloc(1, sizeof(*d));
	static const char pods[] = POD_LIST(
		POD_DOC("a", "{\"app\":\"web\",\"tier\":\"fe\",\"gen\":\"3\"}", "2024-05-01T09:00:00Z") ","
		POD_DOC("b", "{\"app\":\"web\",\"tier\":\"be\",\"gen\":\"7\"}", "2024-05-01T09:00:00Z") ","
		POD_DOC("c", "{\"app\":\"web\",\"canary\":\"yes\"}", "2024-05-01T09:00:00Z") ","
		POD_DOC("d", "{\"app\":\"api\"}", "2024-05-01T09:00:00Z"));
	static const struct {
		const char *selector;
		size_t selected;       /* pods a..d the selector matches, by hand */
	} cases[] = {
		{ "app=web", 3 },
		{ "app==web,tier!=fe", 2 },               /* b, c (no tier) */
		{ "app in (web, api)", 4 },
		{ "tier notin (fe)", 3 },                 /* b, c, d */
		{ "canary", 1 },
		{ "!canary,app=web", 2 },
		{ "gen>5", 1 },                           /* b */
		{ "gen<5, app = web", 1 },                /* a */
	};
	if (!d) {
		CU_FAIL("calloc");
		return;
	}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(cases); i++) {
		char scale[512];
		hpa_manifest *mh = parse_text(HPA_DOC(1, 5, METRIC_CPU50)), *mt, *mp = parse_text(pods);
		hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
		hpa_explain_input *in = NULL;
		snprintf(scale, sizeof(scale), "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\",\"metadata\":"
			"{\"name\":\"web\"},\"spec\":{\"replicas\":2},\"status\":{\"replicas\":2,\"selector\":\"%s\"}}",
			cases[i].selector);
		mt = parse_text(scale);
		src.hpa = mh ? hpa_manifest_at(mh, 0) : NULL;
		src.target = mt ? hpa_manifest_at(mt, 0) : NULL;
		src.pods = mp;
		src.now_ms = NOW_MS;
		CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &src, &err), HPA_OK);
		if (in) {
			CU_ASSERT_EQUAL(hpa_explain_input_decide(in)->n_pods, cases[i].selected);
			CU_ASSERT_EQUAL(hpa_explain_input_decide(in)->selector, 0);
			if (hpa_explain_input_decide(in)->n_pods != cases[i].selected)
				fprintf(stderr, "selector %s\n", cases[i].selector);
		}
		hpa_explain_input_free(in);
		hpa_manifest_free(mh);
		hpa_manifest_free(mt);
		hpa_manifest_free(mp);
	}
	/* matchLabels + matchExpressions print like labels.Selector.String(): sorted by key, values sorted */
	{
		hpa_manifest *mh = parse_text(HPA_DOC(1, 5, METRIC_CPU50)), *mp = parse_text(pods);
		hpa_manifest *mt = parse_text(DEPLOY_DOC(2, "{\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":["
			"{\"key\":\"tier\",\"operator\":\"NotIn\",\"values\":[\"x\",\"fe\"]},"
			"{\"key\":\"canary\",\"operator\":\"DoesNotExist\"}]}"));
		hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
		hpa_explain_input *in = NULL;
		src.hpa = mh ? hpa_manifest_at(mh, 0) : NULL;
		src.target = mt ? hpa_manifest_at(mt, 0) : NULL;
		src.pods = mp;
		src.now_ms = NOW_MS;
		CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &src, &err), HPA_OK);
		if (in) {
			CU_ASSERT_STRING_EQUAL(hpa_explain_input_decide(in)->selector_text, "app=web,!canary,tier notin (fe,x)");
			CU_ASSERT_EQUAL(hpa_explain_input_decide(in)->n_pods, 1);   /* b */
		}
		hpa_explain_input_free(in);
		hpa_manifest_free(mh);
		hpa_manifest_free(mt);
		hpa_manifest_free(mp);
	}
	free(d);
}

/* behavior tolerance as Quantity.AsApproximateFloat64(): mantissa x Pow10(exponent) */
static void test_explain__tolerance_quantity(void)
{
	static const struct {
		const char *text;
		double value;
	} cases[] = {
		{ "0.05", 5.0 * (1.0 / 100.0) },
		{ "0.015", 15.0 * (1.0 / 1000.0) },
		{ "50m", 50.0 * (1.0 / 1000.0) },
		{ "0", 0.0 },
		{ "1", 1.0 },
		{ "2e-1", 2.0 * (1.0 / 10.0) },
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(cases); i++) {
		char doc[1024];
		hpa_manifest *mh;
		hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
		hpa_explain_input *in = NULL;
		hpa_error err = HPA_ERROR_INIT;
		snprintf(doc, sizeof(doc), HPA_DOC(1, 5, METRIC_CPU50 ",\"behavior\":{\"scaleUp\":{\"tolerance\":\"%s\"}}"),
			cases[i].text);
		mh = parse_text(doc);
		src.hpa = mh ? hpa_manifest_at(mh, 0) : NULL;
		src.now_ms = NOW_MS;
		/* no target: the HPA needs status.currentReplicas */
		if (mh)
			hpa_object_set_int32(hpa_manifest_at_mut(mh, 0), "status.currentReplicas", 1, NULL);
		CU_ASSERT_EQUAL(hpa_explain_input_new(&in, &src, &err), HPA_OK);
		if (in && hpa_explain_input_decide(in)->behavior) {
			const hpa_decide_rules *r = &hpa_explain_input_decide(in)->behavior->scale_up;
			CU_ASSERT(r->has_tolerance);
			CU_ASSERT(r->tolerance == cases[i].value);
		} else {
			CU_FAIL(err.message);
		}
		hpa_explain_input_free(in);
		hpa_manifest_free(mh);
	}
}

/* ---- kubectl get hpa -------------------------------------------------------------------------- */

static void test_explain__get_hpa_rows(void)
{
	hpa_manifest *m = load("explain/lab-status/hpas.json");
	const hpa_object *hpas[2];
	hpa_hpa_row row;
	hpa_targets_entry e[4];
	char *t = NULL;
	size_t len = 0;
	hpa_error err = HPA_ERROR_INIT;
	if (!m || hpa_manifest_count(m) != 2) {
		CU_FAIL("lab-status fixture");
		hpa_manifest_free(m);
		return;
	}
	hpas[0] = hpa_manifest_at(m, 0);
	hpas[1] = hpa_manifest_at(m, 1);
	CU_ASSERT_EQUAL(hpa_explain_hpa_row(&row, e, 4, hpas[0], NOW_MS, &err), HPA_OK);
	CU_ASSERT_STRING_EQUAL(row.name, "order-hpa");
	CU_ASSERT_STRING_EQUAL(row.target_kind, "Deployment");
	CU_ASSERT_STRING_EQUAL(row.target_name, "order");
	CU_ASSERT_EQUAL(row.n_metrics, 1);
	CU_ASSERT(e[0].has_status);
	CU_ASSERT_EQUAL(e[0].current_average_utilization, 422);
	CU_ASSERT_EQUAL(e[0].target_average_utilization, 20);
	CU_ASSERT_EQUAL(row.current_replicas, 5);
	CU_ASSERT_EQUAL(row.creation_ms, NOW_MS - 1800000);
	/* no room for the metric; not an HPA */
	CU_ASSERT_EQUAL(hpa_explain_hpa_row(&row, e, 0, hpas[0], NOW_MS, &err), HPA_ELIMIT);
	CU_ASSERT_EQUAL(hpa_explain_hpa_row(&row, NULL, 0, NULL, NOW_MS, &err), HPA_EINVAL);

	/* the lab's table, by hand from kubectl's format (see lab-status/README.md) */
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, &len, hpas, 2, NOW_MS, 0, &err), HPA_OK);
	CU_ASSERT_PTR_NOT_NULL(t);
	if (t) {
		CU_ASSERT_STRING_EQUAL(t,
			"NAME          REFERENCE            TARGETS           MINPODS   MAXPODS   REPLICAS   AGE\n"
			"order-hpa     Deployment/order     cpu: 422%/20%     1         5         5          30m\n"
			"product-hpa   Deployment/product   memory: 51%/20%   1         5         5          30m\n");
		CU_ASSERT_EQUAL(len, strlen(t));
	}
	hpa_free(t);
	t = NULL;
	/* now unknown: AGE <unknown> */
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, NULL, hpas, 1, HPA_TIME_ZERO, HPA_EXPLAIN_TABLE_NO_HEADERS, &err),
		HPA_OK);
	if (t)
		CU_ASSERT_STRING_EQUAL(t, "order-hpa   Deployment/order   cpu: 422%/20%   1         5         5         "
			"<unknown>\n");
	hpa_free(t);
	t = NULL;
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, NULL, hpas, 2, NOW_MS, HPA_EXPLAIN_TABLE_WIDE, &err), HPA_OK);
	if (t)
		CU_ASSERT_STRING_EQUAL(t,
			"NAME          REFERENCE            TARGETS           MINPODS   MAXPODS   REPLICAS   DESIRED   AGE\n"
			"order-hpa     Deployment/order     cpu: 422%/20%     1         5         5          5         30m\n"
			"product-hpa   Deployment/product   memory: 51%/20%   1         5         5          5         30m\n");
	hpa_free(t);
	t = NULL;
	/* an unknown flag is refused, not ignored */
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, NULL, hpas, 2, NOW_MS, 1u << 5, &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(t);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "unknown flags 0x20"));
	/* an empty table is the header only */
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, NULL, NULL, 0, NOW_MS, 0, &err), HPA_OK);
	if (t)
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "NAME"));
	hpa_free(t);
	hpa_manifest_free(m);
}

/* ---- allocation failures ------------------------------------------------------------------------ */

static void test_explain__alloc_failures(void)
{
	fixture f;
	hpa_decision *d = calloc(1, sizeof(*d));
	unsigned long n;
	bool done = false;
	if (!d || fixture_load(&f, "10-custom-external")) {
		CU_FAIL("setup");
		free(d);
		return;
	}
	for (n = 1; !done && n < 20000; n++) {
		hpa_explain_input *in = NULL;
		char *text = NULL, *json = NULL;
		int rc;
		bool failed;
		hpa__test_fail_alloc_at(n);
		rc = hpa_explain_input_new(&in, &f.src, NULL);
		if (rc == HPA_OK) {
			hpa_explain_decide(d, in, f.hist, NULL, NULL);
			rc = hpa_explain_render(&text, NULL, in, d, f.hist, NULL, HPA_EXPLAIN_TEXT, NULL);
			if (rc == HPA_OK)
				rc = hpa_explain_render(&json, NULL, in, d, f.hist, NULL, HPA_EXPLAIN_JSON, NULL);
		} else {
			CU_ASSERT_PTR_NULL(in);
		}
		failed = hpa__test_alloc_failed();
		hpa__test_fail_alloc_at(0);
		CU_ASSERT(rc == HPA_OK || rc == HPA_ENOMEM);
		CU_ASSERT(failed || rc == HPA_OK);
		if (rc != HPA_OK) {
			CU_ASSERT(text == NULL || json == NULL);
		}
		hpa_free(text);
		hpa_free(json);
		hpa_explain_input_free(in);
		done = !failed;
	}
	CU_ASSERT(done);
	CU_ASSERT(n > 20);   /* every allocation of the flow was failed once (about 28 with 64-byte first arena blocks) */
	fixture_free(&f);

	/* the get-hpa table */
	{
		hpa_manifest *m = load("explain/lab-status/hpas.json");
		const hpa_object *hpas[2];
		done = false;
		if (!m) {
			CU_FAIL("lab-status");
		} else {
			hpas[0] = hpa_manifest_at(m, 0);
			hpas[1] = hpa_manifest_at(m, 1);
			for (n = 1; !done && n < 1000; n++) {
				char *a = NULL, *b = NULL;
				int rc;
				bool failed;
				hpa__test_fail_alloc_at(n);
				rc = hpa_explain_hpa_table(&a, NULL, hpas, 2, NOW_MS, 0, NULL);
				if (rc == HPA_OK)
					rc = hpa_explain_hpa_table(&b, NULL, hpas, 2, NOW_MS, HPA_EXPLAIN_TABLE_WIDE, NULL);
				failed = hpa__test_alloc_failed();
				hpa__test_fail_alloc_at(0);
				CU_ASSERT(rc == HPA_OK || rc == HPA_ENOMEM);
				CU_ASSERT(failed || rc == HPA_OK);
				hpa_free(a);
				hpa_free(b);
				done = !failed;
			}
			CU_ASSERT(done);
			CU_ASSERT(n > 5);
		}
		hpa_manifest_free(m);
	}
	hpa__test_fail_alloc_at(0);
	free(d);
}

/* An HPA without spec.metrics (and without minReplicas, status and
 * creationTimestamp): kubectl's printer (printHorizontalPodAutoscaler,
 * formatHPAMetrics) shows TARGETS "<none>", MINPODS "<unset>" and AGE
 * "<unknown>". No HPA of the table lists a metric, so the table has no
 * metric entries at all (the case fuzz_explain found: the row's entries
 * were an offset on a NULL pointer, which UBSan reports). */
static void test_explain__get_hpa_without_metrics(void)
{
	static const char yaml[] =
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
		"  maxReplicas: 3\n";
	hpa_manifest *m = NULL;
	const hpa_object *hpas[1];
	char *t = NULL;
	hpa_error err = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL_FATAL(hpa_manifest_parse_yaml(&m, yaml, strlen(yaml), NULL, &err), HPA_OK);
	hpas[0] = hpa_manifest_at(m, 0);
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, NULL, hpas, 1, NOW_MS, HPA_EXPLAIN_TABLE_NO_HEADERS, &err), HPA_OK);
	CU_ASSERT_PTR_NOT_NULL(t);
	if (t) {
		CU_ASSERT_EQUAL(strncmp(t, "web ", 4), 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, " Deployment/web "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, " <none> "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, " <unset> "));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, " <unknown>\n"));
	}
	hpa_free(t);
	t = NULL;
	CU_ASSERT_EQUAL(hpa_explain_hpa_table(&t, NULL, hpas, 1, NOW_MS, HPA_EXPLAIN_TABLE_WIDE, &err), HPA_OK);
	CU_ASSERT_PTR_NOT_NULL(t ? strstr(t, " <none> ") : NULL);
	hpa_free(t);
	hpa_manifest_free(m);
}

static CU_TestInfo tests[] = {
	{ "time_and_duration", test_explain__time_and_duration },
	{ "adapter_reads_the_objects", test_explain__adapter_reads_the_objects },
	{ "adapter_behavior_scale_and_custom", test_explain__adapter_behavior_scale_and_custom },
	{ "decision_equals_vector_level", test_explain__decision_equals_vector_level },
	{ "text_and_json", test_explain__text_and_json },
	{ "render_bad_arguments", test_explain__render_bad_arguments },
	{ "bad_input", test_explain__bad_input },
	{ "upstream_conditions", test_explain__upstream_conditions },
	{ "selectors", test_explain__selectors },
	{ "tolerance_quantity", test_explain__tolerance_quantity },
	{ "get_hpa_rows", test_explain__get_hpa_rows },
	{ "get_hpa_without_metrics", test_explain__get_hpa_without_metrics },
	{ "alloc_failures", test_explain__alloc_failures },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_explain = { "explain", NULL, NULL, NULL, NULL, tests };
