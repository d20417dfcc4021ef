/*
 * tests/decide/run_vectors.c -- evaluate HPA decision test vectors (the JSON
 * format of docs/hpa-algorithm.md §1) through libhpa's public API.
 *
 *   run-vectors [-v] [--prepared] FILE...
 *
 * Prints every failing vector with expected and actual values and ends with
 * "N passed, M failed". A vector that cannot be evaluated (unknown field,
 * unknown level or stage, malformed value) counts as failed, never skipped.
 * Exit status 1 when anything failed.
 */
#include <hpa/hpa.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- per-vector scratch memory and failure reporting ------------------------ */

/* --prepared: reconcile vectors through hpa_decide_prepare() and
 * hpa_decide_prepared_run() instead of hpa_decide() */
static int use_prepared;

typedef struct {
	void **ptrs;
	size_t n, cap;
	char msg[4096];
	size_t len;
	int failed;
	int verbose;
} vctx;

static void *vmem(vctx *c, size_t size)
{
	void *p;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 64;
		void **np = realloc(c->ptrs, ncap * sizeof(*np));
		if (!np) {
			fprintf(stderr, "out of memory\n");
			exit(2);
		}
		c->ptrs = np;
		c->cap = ncap;
	}
	p = calloc(1, size ? size : 1);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	c->ptrs[c->n++] = p;
	return p;
}

static void vreset(vctx *c)
{
	size_t i;
	for (i = 0; i < c->n; i++)
		free(c->ptrs[i]);
	c->n = 0;
	c->len = 0;
	c->msg[0] = '\0';
	c->failed = 0;
}

static void failf(vctx *c, const char *fmt, ...)
{
	va_list ap;
	int k;
	c->failed = 1;
	if (c->len >= sizeof(c->msg) - 2)
		return;
	c->msg[c->len++] = ' ';
	c->msg[c->len++] = ' ';
	va_start(ap, fmt);
	k = vsnprintf(c->msg + c->len, sizeof(c->msg) - c->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		c->len += (size_t)k < sizeof(c->msg) - c->len ? (size_t)k : sizeof(c->msg) - c->len - 1;
	if (c->len < sizeof(c->msg) - 1)
		c->msg[c->len++] = '\n';
	c->msg[c->len] = '\0';
}

/* ---- JSON helpers -------------------------------------------------------------- */

/* Unknown keys make the vector fail. */
static void check_keys(vctx *c, json_t *obj, const char *where, const char *const *allowed)
{
	const char *key;
	json_t *v;
	if (!json_is_object(obj)) {
		failf(c, "%s: expected an object", where);
		return;
	}
	json_object_foreach(obj, key, v) {
		const char *const *a;
		int ok = 0;
		(void)v;
		for (a = allowed; *a; a++)
			if (strcmp(*a, key) == 0)
				ok = 1;
		if (!ok)
			failf(c, "cannot evaluate: unknown field %s.%s", where, key);
	}
}

static int is_num(json_t *v)
{
	return json_is_integer(v) || json_is_real(v);
}

static int64_t num_i64(vctx *c, json_t *v, const char *what)
{
	if (json_is_integer(v))
		return (int64_t)json_integer_value(v);
	if (json_is_real(v)) {
		double d = json_real_value(v);
		if (d >= 9223372036854775807.0)
			return INT64_MAX;
		if (d <= -9223372036854775808.0)
			return INT64_MIN;
		return (int64_t)llround(d);
	}
	failf(c, "cannot evaluate: %s must be a number", what);
	return 0;
}

static int64_t get_i64(vctx *c, json_t *o, const char *key, int64_t dflt)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return dflt;
	return num_i64(c, v, key);
}

static double get_dbl(vctx *c, json_t *o, const char *key, double dflt)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!is_num(v)) {
		failf(c, "cannot evaluate: %s must be a number", key);
		return dflt;
	}
	return json_number_value(v);
}

static int get_bool(vctx *c, json_t *o, const char *key, int dflt)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return dflt;
	if (!json_is_boolean(v)) {
		failf(c, "cannot evaluate: %s must be a boolean", key);
		return dflt;
	}
	return json_is_true(v);
}

static const char *get_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* "...SecondsAgo" (now = 0); null = Go's zero time. */
static int64_t ago(vctx *c, json_t *v)
{
	if (!v || json_is_null(v))
		return HPA_TIME_ZERO;
	if (!is_num(v)) {
		failf(c, "cannot evaluate: a *SecondsAgo value must be a number or null");
		return 0;
	}
	return -(int64_t)llround(json_number_value(v) * 1000.0);
}

static int32_t i32(vctx *c, int64_t v, const char *what)
{
	if (v < INT32_MIN || v > INT32_MAX) {
		failf(c, "cannot evaluate: %s out of the int32 range", what);
		return 0;
	}
	return (int32_t)v;
}

/* ---- pods -------------------------------------------------------------------------- */

static const char *const pod_keys[] = { "name", "phase", "ready", "readyTransitionSecondsAgo", "startSecondsAgo",
	"hasStartTime", "deleting", "containers", "initContainers", "podRequests", "usage", "metricMilli",
	"metricTimestampSecondsAgo", "metricWindowSeconds", NULL };
static const char *const container_keys[] = { "name", "requests", "restartPolicy", NULL };
static const char *const requests_keys[] = { "cpu", "memory", NULL };
static const char *const usage_keys[] = { "timestampSecondsAgo", "windowSeconds", "containers", NULL };
static const char *const cusage_keys[] = { "name", "cpu", "memory", NULL };

static int parse_phase(vctx *c, const char *s)
{
	if (!s || strcmp(s, "Running") == 0)
		return HPA_PHASE_RUNNING;
	if (strcmp(s, "Pending") == 0)
		return HPA_PHASE_PENDING;
	if (strcmp(s, "Succeeded") == 0)
		return HPA_PHASE_SUCCEEDED;
	if (strcmp(s, "Failed") == 0)
		return HPA_PHASE_FAILED;
	if (strcmp(s, "Unknown") == 0)
		return HPA_PHASE_UNKNOWN;
	failf(c, "cannot evaluate: unknown pod phase \"%s\"", s);
	return HPA_PHASE_RUNNING;
}

static int parse_cond(vctx *c, json_t *v)
{
	const char *s;
	if (!v || json_is_null(v))
		return 0;
	s = json_is_string(v) ? json_string_value(v) : "";
	if (strcmp(s, "True") == 0)
		return HPA_COND_TRUE;
	if (strcmp(s, "False") == 0)
		return HPA_COND_FALSE;
	if (strcmp(s, "Unknown") == 0)
		return HPA_COND_UNKNOWN;
	failf(c, "cannot evaluate: unknown condition status");
	return 0;
}

/* {"cpu": milli, "memory": bytes} into a set mask and milli values. */
static void parse_requests(vctx *c, json_t *o, unsigned *set, int64_t *milli, const char *where)
{
	json_t *v;
	check_keys(c, o, where, requests_keys);
	if ((v = json_object_get(o, "cpu")) && !json_is_null(v)) {
		*set |= HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
		milli[HPA_RESOURCE_CPU] = num_i64(c, v, "cpu");
	}
	if ((v = json_object_get(o, "memory")) && !json_is_null(v)) {
		*set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
		milli[HPA_RESOURCE_MEMORY] = num_i64(c, v, "memory") * 1000;
	}
}

static hpa_pod_usage *parse_usage(vctx *c, json_t *u, const char *pod)
{
	hpa_pod_usage *pu;
	json_t *arr, *item;
	size_t i;
	if (!u || json_is_null(u))
		return NULL;
	check_keys(c, u, "usage", usage_keys);
	pu = vmem(c, sizeof(*pu));
	pu->pod = pod;
	pu->timestamp_ms = ago(c, json_object_get(u, "timestampSecondsAgo"));
	pu->window_ms = get_i64(c, u, "windowSeconds", 60) * 1000;
	arr = json_object_get(u, "containers");
	if (arr && !json_is_array(arr)) {
		failf(c, "cannot evaluate: usage.containers must be an array");
		return pu;
	}
	pu->n_containers = json_array_size(arr);
	pu->containers = vmem(c, pu->n_containers * sizeof(hpa_container_usage));
	json_array_foreach(arr, i, item) {
		hpa_container_usage *cu = (hpa_container_usage *)&pu->containers[i];
		json_t *v;
		check_keys(c, item, "usage.containers[]", cusage_keys);
		cu->name = get_str(item, "name") ? get_str(item, "name") : "";
		if ((v = json_object_get(item, "cpu")) && !json_is_null(v)) {
			cu->usage_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
			cu->usage_milli[HPA_RESOURCE_CPU] = num_i64(c, v, "cpu");
		}
		if ((v = json_object_get(item, "memory")) && !json_is_null(v)) {
			cu->usage_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
			cu->usage_milli[HPA_RESOURCE_MEMORY] = num_i64(c, v, "memory") * 1000;
		}
	}
	return pu;
}

typedef struct {
	hpa_decide_pod *pods;
	hpa_pod_value *values; /* custom "Pods" metric value per pod */
	size_t n;
	hpa_pod_usage *orphan_usage;
	size_t n_orphan_usage;
	hpa_pod_value *orphan_values;
	size_t n_orphan_values;
} pod_set;

static void parse_containers(vctx *c, json_t *arr, int init, hpa_decide_container *out, size_t *k)
{
	json_t *item;
	size_t i;
	json_array_foreach(arr, i, item) {
		hpa_decide_container *ct = &out[(*k)++];
		json_t *req;
		const char *rp;
		check_keys(c, item, init ? "initContainers[]" : "containers[]", container_keys);
		ct->name = get_str(item, "name") ? get_str(item, "name") : "";
		rp = get_str(item, "restartPolicy");
		ct->kind = !init ? HPA_CONTAINER_APP : rp && strcmp(rp, "Always") == 0 ? HPA_CONTAINER_SIDECAR
			: HPA_CONTAINER_INIT;
		if (!init && rp)
			failf(c, "cannot evaluate: restartPolicy on an app container");
		req = json_object_get(item, "requests");
		if (req && !json_is_null(req))
			parse_requests(c, req, &ct->requests_set, ct->requests_milli, "requests");
	}
}

static void parse_pods(vctx *c, json_t *in, pod_set *ps)
{
	json_t *arr = json_object_get(in, "pods"), *item, *orph;
	size_t i;
	memset(ps, 0, sizeof(*ps));
	if (arr && !json_is_array(arr)) {
		failf(c, "cannot evaluate: pods must be an array");
		return;
	}
	ps->n = json_array_size(arr);
	ps->pods = vmem(c, ps->n * sizeof(*ps->pods));
	ps->values = vmem(c, ps->n * sizeof(*ps->values));
	json_array_foreach(arr, i, item) {
		hpa_decide_pod *p = &ps->pods[i];
		json_t *cs, *ics, *v;
		size_t k = 0;
		check_keys(c, item, "pods[]", pod_keys);
		p->name = get_str(item, "name") ? get_str(item, "name") : "";
		p->phase = parse_phase(c, get_str(item, "phase"));
		p->ready = parse_cond(c, json_object_get(item, "ready"));
		p->ready_transition_ms = ago(c, json_object_get(item, "readyTransitionSecondsAgo"));
		p->has_start_time = get_bool(c, item, "hasStartTime", 1);
		p->start_time_ms = ago(c, json_object_get(item, "startSecondsAgo"));
		p->deleting = get_bool(c, item, "deleting", 0);
		cs = json_object_get(item, "containers");
		ics = json_object_get(item, "initContainers");
		if ((cs && !json_is_array(cs)) || (ics && !json_is_array(ics)))
			failf(c, "cannot evaluate: containers must be arrays");
		p->containers = vmem(c, (json_array_size(cs) + json_array_size(ics)) * sizeof(hpa_decide_container));
		parse_containers(c, cs, 0, (hpa_decide_container *)p->containers, &k);
		parse_containers(c, ics, 1, (hpa_decide_container *)p->containers, &k);
		p->n_containers = k;
		if ((v = json_object_get(item, "podRequests")) && !json_is_null(v))
			parse_requests(c, v, &p->pod_requests_set, p->pod_requests_milli, "podRequests");
		p->usage = parse_usage(c, json_object_get(item, "usage"), p->name);
		v = json_object_get(item, "metricMilli");
		ps->values[i].pod = p->name;
		ps->values[i].present = v && !json_is_null(v);
		if (ps->values[i].present) {
			ps->values[i].value_milli = num_i64(c, v, "metricMilli");
			ps->values[i].timestamp_ms = ago(c, json_object_get(item, "metricTimestampSecondsAgo"));
			ps->values[i].window_ms = get_i64(c, item, "metricWindowSeconds", 60) * 1000;
		}
	}
	orph = json_object_get(in, "orphanMetrics");
	if (orph && !json_is_null(orph)) {
		static const char *const okeys[] = { "name", "usage", "metricMilli", "metricTimestampSecondsAgo", NULL };
		if (!json_is_array(orph)) {
			failf(c, "cannot evaluate: orphanMetrics must be an array");
			return;
		}
		ps->orphan_usage = vmem(c, json_array_size(orph) * sizeof(hpa_pod_usage));
		ps->orphan_values = vmem(c, json_array_size(orph) * sizeof(hpa_pod_value));
		json_array_foreach(orph, i, item) {
			const char *name;
			json_t *v;
			hpa_pod_usage *u;
			check_keys(c, item, "orphanMetrics[]", okeys);
			name = get_str(item, "name") ? get_str(item, "name") : "";
			u = parse_usage(c, json_object_get(item, "usage"), name);
			if (u)
				ps->orphan_usage[ps->n_orphan_usage++] = *u;
			v = json_object_get(item, "metricMilli");
			if (v && !json_is_null(v)) {
				hpa_pod_value *pv = &ps->orphan_values[ps->n_orphan_values++];
				pv->pod = name;
				pv->present = 1;
				pv->value_milli = num_i64(c, v, "metricMilli");
				pv->timestamp_ms = ago(c, json_object_get(item, "metricTimestampSecondsAgo"));
				pv->window_ms = 60000;
			}
		}
	}
}

/* ---- metric specs ------------------------------------------------------------------ */

static const char *const metric_keys[] = { "type", "resource", "container", "name", "target", "describedObject",
	"selector", NULL };
static const char *const target_keys[] = { "type", "averageUtilization", "averageValueMilli", "valueMilli", NULL };

static int parse_resource(vctx *c, const char *s)
{
	if (!s || !*s)
		return 0;
	if (strcmp(s, "cpu") == 0)
		return HPA_RESOURCE_CPU;
	if (strcmp(s, "memory") == 0)
		return HPA_RESOURCE_MEMORY;
	failf(c, "cannot evaluate: unsupported resource \"%s\"", s);
	return 0;
}

static void parse_metric(vctx *c, json_t *o, hpa_decide_metric *m, json_t *in, const pod_set *ps,
	json_t *failing)
{
	const char *type = get_str(o, "type"), *tt;
	json_t *t, *d, *sel, *ev;
	size_t i;
	check_keys(c, o, "metric", metric_keys);
	memset(m, 0, sizeof(*m));
	if (!type) {
		failf(c, "cannot evaluate: metric without type");
		return;
	}
	if (strcmp(type, "Resource") == 0)
		m->type = HPA_SOURCE_RESOURCE;
	else if (strcmp(type, "ContainerResource") == 0)
		m->type = HPA_SOURCE_CONTAINER_RESOURCE;
	else if (strcmp(type, "Pods") == 0)
		m->type = HPA_SOURCE_PODS;
	else if (strcmp(type, "Object") == 0)
		m->type = HPA_SOURCE_OBJECT;
	else if (strcmp(type, "External") == 0)
		m->type = HPA_SOURCE_EXTERNAL;
	else
		m->type = HPA_SOURCE_UNKNOWN;
	m->type_name = type;
	if (m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE) {
		m->resource = parse_resource(c, get_str(o, "resource"));
		if (!m->resource)
			failf(c, "cannot evaluate: Resource metric without resource");
	}
	m->container = get_str(o, "container");
	m->name = get_str(o, "name");
	m->namespace_name = "test-namespace";
	d = json_object_get(o, "describedObject");
	if (d && json_is_object(d)) {
		m->object_kind = get_str(d, "kind");
		m->object_name = get_str(d, "name");
	}
	sel = json_object_get(o, "selector");
	if (sel && !json_is_null(sel)) {
		char *s = json_dumps(sel, JSON_COMPACT | JSON_SORT_KEYS);
		if (s) {
			char *k = vmem(c, strlen(s) + 1);
			strcpy(k, s);
			free(s);
			m->selector = k;
		}
	}
	t = json_object_get(o, "target");
	if (t && !json_is_null(t)) {
		check_keys(c, t, "metric.target", target_keys);
		tt = get_str(t, "type");
		if (tt && strcmp(tt, "Utilization") == 0)
			m->target_type = HPA_TARGET_UTILIZATION;
		else if (tt && strcmp(tt, "AverageValue") == 0)
			m->target_type = HPA_TARGET_AVERAGE_VALUE;
		else if (tt && strcmp(tt, "Value") == 0)
			m->target_type = HPA_TARGET_VALUE;
		else if (tt)
			failf(c, "cannot evaluate: unknown target type \"%s\"", tt);
		if (json_object_get(t, "averageUtilization") && !json_is_null(json_object_get(t, "averageUtilization"))) {
			m->has_average_utilization = true;
			m->average_utilization = i32(c, get_i64(c, t, "averageUtilization", 0), "averageUtilization");
		}
		if (json_object_get(t, "averageValueMilli") && !json_is_null(json_object_get(t, "averageValueMilli"))) {
			m->has_average_value = true;
			m->average_value_milli = get_i64(c, t, "averageValueMilli", 0);
		}
		if (json_object_get(t, "valueMilli") && !json_is_null(json_object_get(t, "valueMilli"))) {
			m->has_value = true;
			m->value_milli = get_i64(c, t, "valueMilli", 0);
		}
	}
	if (m->type == HPA_SOURCE_PODS) {
		m->pod_values = ps->values;
		m->orphan_values = ps->orphan_values;
		m->n_orphan_values = ps->n_orphan_values;
	}
	if (m->type == HPA_SOURCE_OBJECT && json_object_get(in, "objectValueMilli") &&
	    !json_is_null(json_object_get(in, "objectValueMilli"))) {
		m->has_object_value = true;
		m->object_value_milli = get_i64(c, in, "objectValueMilli", 0);
	}
	ev = json_object_get(in, "externalValuesMilli");
	if (m->type == HPA_SOURCE_EXTERNAL && ev && json_is_array(ev)) {
		int64_t *vals = vmem(c, json_array_size(ev) * sizeof(int64_t));
		json_t *x;
		json_array_foreach(ev, i, x)
			vals[i] = num_i64(c, x, "externalValuesMilli[]");
		m->external_values = vals;
		m->n_external_values = json_array_size(ev);
	}
	if (failing && json_is_array(failing)) {
		json_t *x;
		json_array_foreach(failing, i, x)
			if (json_is_string(x) && strcmp(json_string_value(x), type) == 0) {
				m->fetch_failed = true;
				m->fetch_error = "failing metric source (test)";
			}
	}
}

/* ---- behavior and history ------------------------------------------------------------ */

static const char *const rules_keys[] = { "stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance", NULL };
static const char *const policy_keys[] = { "type", "value", "periodSeconds", NULL };

static void parse_rules(vctx *c, json_t *o, hpa_decide_rules *r, const char *where)
{
	json_t *v, *p;
	size_t i;
	const char *sp;
	memset(r, 0, sizeof(*r));
	if (!o || json_is_null(o))
		return;
	check_keys(c, o, where, rules_keys);
	v = json_object_get(o, "stabilizationWindowSeconds");
	if (v && !json_is_null(v)) {
		r->has_stabilization_window = true;
		r->stabilization_window_seconds = i32(c, num_i64(c, v, "stabilizationWindowSeconds"), "window");
	}
	sp = get_str(o, "selectPolicy");
	if (sp) {
		if (strcmp(sp, "Max") == 0)
			r->select_policy = HPA_SELECT_MAX;
		else if (strcmp(sp, "Min") == 0)
			r->select_policy = HPA_SELECT_MIN;
		else if (strcmp(sp, "Disabled") == 0)
			r->select_policy = HPA_SELECT_DISABLED;
		else
			failf(c, "cannot evaluate: unknown selectPolicy \"%s\"", sp);
	}
	v = json_object_get(o, "tolerance");
	if (v && !json_is_null(v)) {
		r->has_tolerance = true;
		r->tolerance = json_number_value(v);
	}
	p = json_object_get(o, "policies");
	if (p && !json_is_null(p)) {
		hpa_decide_policy *pol;
		json_t *item;
		if (!json_is_array(p)) {
			failf(c, "cannot evaluate: policies must be an array");
			return;
		}
		r->has_policies = true;
		r->n_policies = json_array_size(p);
		pol = vmem(c, r->n_policies * sizeof(*pol));
		json_array_foreach(p, i, item) {
			const char *t;
			check_keys(c, item, "policies[]", policy_keys);
			t = get_str(item, "type");
			pol[i].type = t && strcmp(t, "Pods") == 0 ? HPA_POLICY_PODS
				: t && strcmp(t, "Percent") == 0 ? HPA_POLICY_PERCENT : 0;
			if (!pol[i].type)
				failf(c, "cannot evaluate: unknown policy type");
			pol[i].value = i32(c, get_i64(c, item, "value", 0), "value");
			pol[i].period_seconds = i32(c, get_i64(c, item, "periodSeconds", 0), "periodSeconds");
		}
		r->policies = pol;
	}
}

static hpa_decide_behavior *parse_behavior(vctx *c, json_t *o)
{
	static const char *const bkeys[] = { "scaleUp", "scaleDown", NULL };
	hpa_decide_behavior *b;
	if (!o || json_is_null(o))
		return NULL;
	check_keys(c, o, "behavior", bkeys);
	b = vmem(c, sizeof(*b));
	parse_rules(c, json_object_get(o, "scaleUp"), &b->scale_up, "behavior.scaleUp");
	parse_rules(c, json_object_get(o, "scaleDown"), &b->scale_down, "behavior.scaleDown");
	return b;
}

static hpa_history *parse_history(vctx *c, json_t *in)
{
	static const char *const rkeys[] = { "secondsAgo", "replicas", NULL };
	static const char *const ekeys[] = { "secondsAgo", "replicaChange", "outdated", NULL };
	static const char *const lists[] = { "scaleUpEvents", "scaleDownEvents" };
	hpa_history *h = NULL;
	json_t *recs = json_object_get(in, "recommendations"), *item;
	size_t i;
	int l;
	if (hpa_history_new(&h, 1024, NULL)) {
		failf(c, "cannot evaluate: hpa_history_new failed");
		return NULL;
	}
	if (recs && !json_is_null(recs)) {
		hpa_history_set_has_recommendations(h, true);
		json_array_foreach(recs, i, item) {
			check_keys(c, item, "recommendations[]", rkeys);
			hpa_history_add_recommendation(h, i32(c, get_i64(c, item, "replicas", 0), "replicas"),
				ago(c, json_object_get(item, "secondsAgo")), NULL);
		}
	}
	for (l = 0; l < 2; l++) {
		json_t *arr = json_object_get(in, lists[l]);
		json_array_foreach(arr, i, item) {
			check_keys(c, item, lists[l], ekeys);
			hpa_history_add_event(h, l == 0 ? HPA_SCALE_UP : HPA_SCALE_DOWN,
				i32(c, get_i64(c, item, "replicaChange", 0), "replicaChange"),
				ago(c, json_object_get(item, "secondsAgo")), get_bool(c, item, "outdated", 0), NULL);
		}
	}
	return h;
}

/* tolerance {"scaleDown": d, "scaleUp": u} (or a number) */
static void parse_tolerance(vctx *c, json_t *in, double *down, double *up)
{
	static const char *const tkeys[] = { "scaleDown", "scaleUp", NULL };
	json_t *t = json_object_get(in, "tolerance");
	*down = *up = 0.1;
	if (!t || json_is_null(t))
		return;
	if (is_num(t)) {
		*down = *up = json_number_value(t);
		return;
	}
	check_keys(c, t, "tolerance", tkeys);
	*down = get_dbl(c, t, "scaleDown", 0.1);
	*up = get_dbl(c, t, "scaleUp", 0.1);
}

/* ---- expectations helpers ------------------------------------------------------------------ */

static void expect_int(vctx *c, json_t *ex, const char *key, int64_t actual, int have)
{
	json_t *v = json_object_get(ex, key);
	if (!v || json_is_null(v))
		return;
	if (!have) {
		failf(c, "%s: expected %lld, actual <none>", key, (long long)num_i64(c, v, key));
		return;
	}
	if (num_i64(c, v, key) != actual)
		failf(c, "%s: expected %lld, actual %lld", key, (long long)num_i64(c, v, key), (long long)actual);
}

static void expect_bool(vctx *c, json_t *ex, const char *key, int actual)
{
	json_t *v = json_object_get(ex, key);
	if (!v || json_is_null(v))
		return;
	if (!json_is_boolean(v)) {
		failf(c, "cannot evaluate: expect.%s must be a boolean", key);
		return;
	}
	if (json_is_true(v) != !!actual)
		failf(c, "%s: expected %s, actual %s", key, json_is_true(v) ? "true" : "false", actual ? "true" : "false");
}

static void expect_str(vctx *c, json_t *ex, const char *key, const char *actual)
{
	json_t *v = json_object_get(ex, key);
	if (!v || json_is_null(v))
		return;
	if (!json_is_string(v)) {
		failf(c, "cannot evaluate: expect.%s must be a string", key);
		return;
	}
	if (!actual || strcmp(json_string_value(v), actual) != 0)
		failf(c, "%s: expected %s, actual %s", key, json_string_value(v), actual ? actual : "<none>");
}

/* ---- level calc ----------------------------------------------------------------------------- */

static void run_group_pods(vctx *c, json_t *in, json_t *ex, const hpa_decide_options *base)
{
	static const char *const ikeys[] = { "stage", "resource", "pods", "samples", "cpuInitializationPeriodSeconds",
		"delayOfInitialReadinessStatusSeconds", NULL };
	static const char *const ekeys[] = { "readyPodCount", "unready", "missing", "ignored", NULL };
	static const char *const skeys[] = { "valueMilli", "timestampSecondsAgo", "windowSeconds", NULL };
	hpa_decide_options o = *base;
	pod_set ps;
	hpa_pod_value *samples;
	uint8_t *cls;
	size_t ready = 0, i;
	json_t *smap = json_object_get(in, "samples");
	const char *lists[3] = { "unready", "missing", "ignored" };
	int l;
	check_keys(c, in, "input", ikeys);
	check_keys(c, ex, "expect", ekeys);
	parse_pods(c, in, &ps);
	o.cpu_initialization_period_ms = get_i64(c, in, "cpuInitializationPeriodSeconds", 300) * 1000;
	o.initial_readiness_delay_ms = get_i64(c, in, "delayOfInitialReadinessStatusSeconds", 30) * 1000;
	samples = vmem(c, ps.n * sizeof(*samples));
	cls = vmem(c, ps.n + 1);
	for (i = 0; i < ps.n; i++) {
		json_t *s = smap ? json_object_get(smap, ps.pods[i].name) : NULL;
		if (s && !json_is_null(s)) {
			check_keys(c, s, "samples{}", skeys);
			samples[i].present = 1;
			samples[i].value_milli = get_i64(c, s, "valueMilli", 0);
			samples[i].timestamp_ms = ago(c, json_object_get(s, "timestampSecondsAgo"));
			samples[i].window_ms = get_i64(c, s, "windowSeconds", 60) * 1000;
		}
	}
	if (c->failed)
		return;
	if (hpa_decide_classify_pods(cls, &ready, ps.pods, samples, ps.n, parse_resource(c, get_str(in, "resource")), 0,
		    &o, NULL)) {
		failf(c, "hpa_decide_classify_pods failed");
		return;
	}
	expect_int(c, ex, "readyPodCount", (int64_t)ready, 1);
	for (l = 0; l < 3; l++) {
		json_t *want = json_object_get(ex, lists[l]);
		char got[1024] = "", exp[1024] = "";
		size_t gl = 0, el = 0;
		json_t *x;
		if (!want || json_is_null(want))
			continue;
		for (i = 0; i < ps.n; i++) {
			int k = cls[i];
			int in_list = l == 0 ? (k == HPA_POD_UNREADY_PENDING || k >= HPA_POD_UNREADY_NO_CONDITION)
				: l == 1 ? k == HPA_POD_MISSING
				: (k == HPA_POD_IGNORED_DELETING || k == HPA_POD_IGNORED_FAILED);
			if (in_list && gl < sizeof(got) - 64)
				gl += (size_t)snprintf(got + gl, sizeof(got) - gl, "%s%s", gl ? "," : "", ps.pods[i].name);
		}
		json_array_foreach(want, i, x)
			if (json_is_string(x) && el < sizeof(exp) - 64)
				el += (size_t)snprintf(exp + el, sizeof(exp) - el, "%s%s", el ? "," : "", json_string_value(x));
		if (strcmp(got, exp) != 0)
			failf(c, "%s: expected [%s], actual [%s]", lists[l], exp, got);
	}
}

static void run_calc(vctx *c, json_t *in, json_t *ex, const hpa_decide_options *base)
{
	static const char *const ikeys[] = { "currentReplicas", "statusReplicas", "metric", "pods", "orphanMetrics",
		"objectValueMilli", "externalValuesMilli", "tolerance", "cpuInitializationPeriodSeconds",
		"delayOfInitialReadinessStatusSeconds", "podLevelResources", "failingMetricSources", NULL };
	static const char *const ekeys[] = { "replicas", "utilization", "rawAverageValueMilli", "usageMilli", "error",
		NULL };
	hpa_decide_options o = *base;
	hpa_decide_input di;
	hpa_decide_metric *m;
	hpa_decide_behavior *b;
	hpa_metric_result r;
	pod_set ps;
	hpa_error err = HPA_ERROR_INIT;
	json_t *xr, *xe;
	const char *stage = get_str(in, "stage");

	if (stage) {
		if (strcmp(stage, "groupPods") == 0) {
			run_group_pods(c, in, ex, base);
			return;
		}
		failf(c, "cannot evaluate: unknown calc stage \"%s\"", stage);
		return;
	}
	check_keys(c, in, "input", ikeys);
	check_keys(c, ex, "expect", ekeys);
	parse_pods(c, in, &ps);
	hpa_decide_input_init(&di, HPA_DECIDE_INPUT_VERSION);
	m = vmem(c, sizeof(*m));
	if (!json_object_get(in, "metric")) {
		failf(c, "cannot evaluate: calc vector without metric");
		return;
	}
	parse_metric(c, json_object_get(in, "metric"), m, in, &ps, json_object_get(in, "failingMetricSources"));
	b = vmem(c, sizeof(*b));
	parse_tolerance(c, in, &b->scale_down.tolerance, &b->scale_up.tolerance);
	b->scale_down.has_tolerance = b->scale_up.has_tolerance = true;
	o.configurable_tolerance = true;
	o.cpu_initialization_period_ms = get_i64(c, in, "cpuInitializationPeriodSeconds", 300) * 1000;
	o.initial_readiness_delay_ms = get_i64(c, in, "delayOfInitialReadinessStatusSeconds", 30) * 1000;
	o.pod_level_resources = get_bool(c, in, "podLevelResources", 0);
	di.spec_replicas = i32(c, get_i64(c, in, "currentReplicas", 0), "currentReplicas");
	di.status_replicas = i32(c, get_i64(c, in, "statusReplicas", di.spec_replicas), "statusReplicas");
	di.max_replicas = INT32_MAX;
	di.has_min_replicas = true;
	di.min_replicas = 0;
	di.metrics = m;
	di.n_metrics = 1;
	di.behavior = b;
	di.pods = ps.pods;
	di.n_pods = ps.n;
	di.orphan_usage = ps.orphan_usage;
	di.n_orphan_usage = ps.n_orphan_usage;
	di.now_ms = 0;
	if (c->failed)
		return;
	if (hpa_decide_metric_eval(&r, &di, 0, &o, &err)) {
		failf(c, "hpa_decide_metric_eval failed: %s", err.message);
		return;
	}
	xr = json_object_get(ex, "replicas");
	xe = json_object_get(ex, "error");
	if (xe && json_is_string(xe)) {
		if (r.status == HPA_OK)
			failf(c, "error: expected an error containing \"%s\", actual none (replicas %d)", json_string_value(xe),
				(int)r.replicas);
		else if (!strstr(r.message, json_string_value(xe)))
			failf(c, "error: expected text containing \"%s\", actual \"%s\"", json_string_value(xe), r.message);
		return;
	}
	if (r.status != HPA_OK) {
		failf(c, "error: expected none, actual \"%s\"", r.message);
		return;
	}
	if (xr && json_is_null(xr))
		failf(c, "replicas: expected null (an error), actual %d", (int)r.replicas);
	expect_int(c, ex, "replicas", r.replicas, 1);
	expect_int(c, ex, "utilization", r.average_utilization, r.has_average_utilization);
	expect_int(c, ex, "rawAverageValueMilli", r.average_value_milli, r.has_average_value);
	if (r.has_value)
		expect_int(c, ex, "usageMilli", r.value_milli, 1);
	else
		expect_int(c, ex, "usageMilli", r.average_value_milli, r.has_average_value);
}

/* ---- level normalize -------------------------------------------------------------------------- */

static const char *limit_reason_text(int v)
{
	return hpa_decide_limit_name(v);
}

static const char *stab_reason_text(int v)
{
	static const char *const n[] = { NULL, "ReadyForNewScale", "ScaleUpStabilized", "ScaleDownStabilized" };
	return v > 0 && v < 4 ? n[v] : NULL;
}

static void expect_int_list(vctx *c, json_t *ex, const char *key, const int32_t *got, size_t n)
{
	json_t *want = json_object_get(ex, key), *x;
	char g[1024] = "", e[1024] = "";
	size_t gl = 0, el = 0, i;
	if (!want || json_is_null(want))
		return;
	for (i = 0; i < n && gl < sizeof(g) - 16; i++)
		gl += (size_t)snprintf(g + gl, sizeof(g) - gl, "%s%d", i ? "," : "", (int)got[i]);
	json_array_foreach(want, i, x)
		if (el < sizeof(e) - 24)
			el += (size_t)snprintf(e + el, sizeof(e) - el, "%s%lld", i ? "," : "", (long long)num_i64(c, x, key));
	if (strcmp(g, e) != 0)
		failf(c, "%s: expected [%s], actual [%s]", key, e, g);
}

static void run_normalize(vctx *c, json_t *in, json_t *ex, const hpa_decide_options *base)
{
	static const char *const ikeys[] = { "stage", "currentReplicas", "prenormalizedDesiredReplicas", "minReplicas",
		"maxReplicas", "behavior", "downscaleStabilizationWindowSeconds", "recommendations", "scaleUpEvents",
		"scaleDownEvents", "scaleUpLimitFactor", "scaleUpLimitMinimum", "prevReplicas", "newReplicas", NULL };
	static const char *const ekeys[] = { "desiredReplicas", "reason", "stabilizedReplicas", "ableToScaleReason",
		"recommendationsAfter", "recommendationsLength", "scaleUpLimit", "scaleDownLimit", "replicaChangeLast60s",
		"eventsAfter", NULL };
	const char *stage = get_str(in, "stage");
	hpa_decide_options o = *base;
	hpa_decide_behavior *b;
	hpa_history *h;
	hpa_error err = HPA_ERROR_INIT;
	int32_t current;

	check_keys(c, in, "input", ikeys);
	check_keys(c, ex, "expect", ekeys);
	if (!stage) {
		failf(c, "cannot evaluate: normalize vector without stage");
		return;
	}
	b = parse_behavior(c, json_object_get(in, "behavior"));
	h = parse_history(c, in);
	if (!h)
		return;
	o.downscale_stabilization_ms = get_i64(c, in, "downscaleStabilizationWindowSeconds", 300) * 1000;
	o.scale_up_limit_factor = get_dbl(c, in, "scaleUpLimitFactor", 2.0);
	o.scale_up_limit_minimum = get_dbl(c, in, "scaleUpLimitMinimum", 4.0);
	current = i32(c, get_i64(c, in, "currentReplicas", 0), "currentReplicas");

	if (strcmp(stage, "behavior") == 0 || strcmp(stage, "behaviorStabilizeOnly") == 0 ||
	    strcmp(stage, "legacy") == 0 || strcmp(stage, "legacyStabilizeOnly") == 0) {
		bool legacy = stage[0] == 'l', only = strstr(stage, "StabilizeOnly") != NULL;
		hpa_normalize_input ni;
		hpa_normalization nz;
		int32_t recs[1024];
		size_t i, n;
		if (!legacy && !b) {
			failf(c, "cannot evaluate: stage %s needs a behavior", stage);
			goto out;
		}
		if (legacy && b) {
			failf(c, "cannot evaluate: stage %s takes no behavior", stage);
			goto out;
		}
		memset(&ni, 0, sizeof(ni));
		ni.current_replicas = current;
		ni.desired_replicas = i32(c, get_i64(c, in, "prenormalizedDesiredReplicas", 0), "prenormalized");
		ni.min_replicas = i32(c, get_i64(c, in, "minReplicas", only ? 0 : 1), "minReplicas");
		ni.max_replicas = i32(c, get_i64(c, in, "maxReplicas", only ? INT32_MAX : 0), "maxReplicas");
		ni.behavior = legacy ? NULL : b;
		ni.now_ms = 0;
		if (c->failed)
			goto out;
		if (hpa_decide_normalize(&nz, &ni, h, &o, &err)) {
			failf(c, "hpa_decide_normalize failed: %s", err.message);
			goto out;
		}
		if (only) {
			expect_int(c, ex, "stabilizedReplicas", nz.stabilized_replicas, 1);
			expect_int(c, ex, "desiredReplicas", nz.stabilized_replicas, 1);
		} else {
			expect_int(c, ex, "stabilizedReplicas", nz.stabilized_replicas, 1);
			expect_int(c, ex, "desiredReplicas", nz.desired_replicas, 1);
			expect_str(c, ex, "reason", limit_reason_text(nz.limit_reason));
		}
		expect_str(c, ex, "ableToScaleReason", stab_reason_text(nz.stabilization));
		hpa_history_apply(h, &nz.update, 0, NULL);
		n = hpa_history_recommendation_count(h);
		for (i = 0; i < n && i < 1024; i++) {
			hpa_recommendation r;
			hpa_history_recommendation_at(h, i, &r);
			recs[i] = r.replicas;
		}
		expect_int_list(c, ex, "recommendationsAfter", recs, n);
		expect_int(c, ex, "recommendationsLength", (int64_t)n, 1);
	} else if (strcmp(stage, "limits") == 0) {
		int32_t up = 0, down = 0;
		hpa_decide_behavior dflt;
		if (!b) {
			memset(&dflt, 0, sizeof(dflt));
			b = &dflt;
		}
		if (c->failed)
			goto out;
		if (hpa_decide_scale_limits(&up, &down, current, b, h, 0, &o, &err)) {
			failf(c, "hpa_decide_scale_limits failed: %s", err.message);
			goto out;
		}
		expect_int(c, ex, "scaleUpLimit", up, 1);
		expect_int(c, ex, "scaleDownLimit", down, 1);
	} else if (strcmp(stage, "storeScaleEvent") == 0) {
		int32_t prev = i32(c, get_i64(c, in, "prevReplicas", 0), "prevReplicas");
		int32_t next = i32(c, get_i64(c, in, "newReplicas", 0), "newReplicas");
		int dir = next > prev ? HPA_SCALE_UP : HPA_SCALE_DOWN;
		json_t *want = json_object_get(ex, "eventsAfter"), *x;
		size_t i, n;
		if (c->failed)
			goto out;
		expect_int(c, ex, "replicaChangeLast60s", hpa_history_replica_change(h, dir, 60000, 0), 1);
		if (hpa_history_store_scale_event(h, b, prev, next, 0, &err)) {
			failf(c, "hpa_history_store_scale_event failed: %s", err.message);
			goto out;
		}
		if (want && !json_is_null(want)) {
			char g[1024] = "", e[1024] = "";
			size_t gl = 0, el = 0;
			n = hpa_history_event_count(h, dir);
			for (i = 0; i < n && gl < sizeof(g) - 32; i++) {
				hpa_scale_event ev;
				hpa_history_event_at(h, dir, i, &ev);
				gl += (size_t)snprintf(g + gl, sizeof(g) - gl, "%s{%d,%s}", i ? "," : "", (int)ev.replica_change,
					ev.outdated ? "outdated" : "current");
			}
			json_array_foreach(want, i, x) {
				static const char *const akeys[] = { "replicaChange", "outdated", NULL };
				check_keys(c, x, "eventsAfter[]", akeys);
				if (el < sizeof(e) - 32)
					el += (size_t)snprintf(e + el, sizeof(e) - el, "%s{%lld,%s}", i ? "," : "",
						(long long)get_i64(c, x, "replicaChange", 0),
						get_bool(c, x, "outdated", 0) ? "outdated" : "current");
			}
			if (strcmp(g, e) != 0)
				failf(c, "eventsAfter: expected [%s], actual [%s]", e, g);
		}
	} else {
		failf(c, "cannot evaluate: unknown normalize stage \"%s\"", stage);
	}
out:
	hpa_history_free(h);
}

/* ---- level controller ------------------------------------------------------------------------- */

static const char *cond_type_name(int t)
{
	return hpa_decide_condition_name(t);
}

static void run_controller(vctx *c, json_t *in, json_t *ex, const hpa_decide_options *base)
{
	static const char *const ikeys[] = { "specReplicas", "statusReplicas", "minReplicas", "maxReplicas", "metrics",
		"behavior", "pods", "orphanMetrics", "objectValueMilli", "externalValuesMilli", "failingMetricSources",
		"recommendations", "scaleUpEvents", "scaleDownEvents", "tolerance", "cpuInitializationPeriodSeconds",
		"delayOfInitialReadinessStatusSeconds", "downscaleStabilizationWindowSeconds", "scaleUpLimitFactor",
		"scaleUpLimitMinimum", "features", "scaledToZeroCondition", "zeroReplicaSemantics", "selector", NULL };
	static const char *const ekeys[] = { "desiredReplicas", "scaleUpdated", "conditions", "error", "cpuUtilization",
		NULL };
	hpa_decide_options o = *base;
	hpa_decide_input di;
	hpa_decide_metric *ms;
	hpa_decide_behavior *b;
	hpa_history *h;
	hpa_decision *d;
	hpa_error err = HPA_ERROR_INIT;
	pod_set ps;
	json_t *marr = json_object_get(in, "metrics"), *x, *feat, *conds;
	size_t i, nm;
	double tdown, tup;
	const char *sem;

	check_keys(c, in, "input", ikeys);
	check_keys(c, ex, "expect", ekeys);
	parse_pods(c, in, &ps);
	hpa_decide_input_init(&di, HPA_DECIDE_INPUT_VERSION);
	if (marr && !json_is_array(marr)) {
		failf(c, "cannot evaluate: metrics must be an array");
		return;
	}
	nm = json_array_size(marr);
	ms = vmem(c, (nm ? nm : 1) * sizeof(*ms));
	json_array_foreach(marr, i, x)
		parse_metric(c, x, &ms[i], in, &ps, json_object_get(in, "failingMetricSources"));
	b = parse_behavior(c, json_object_get(in, "behavior"));
	parse_tolerance(c, in, &tdown, &tup);
	if (b) {
		if (!b->scale_down.has_tolerance) {
			b->scale_down.has_tolerance = true;
			b->scale_down.tolerance = tdown;
		}
		if (!b->scale_up.has_tolerance) {
			b->scale_up.has_tolerance = true;
			b->scale_up.tolerance = tup;
		}
		o.tolerance = tdown;
	} else {
		if (tdown != tup)
			failf(c, "cannot evaluate: per-direction tolerance without behavior");
		o.tolerance = tdown;
	}
	o.configurable_tolerance = true;
	o.cpu_initialization_period_ms = get_i64(c, in, "cpuInitializationPeriodSeconds", 300) * 1000;
	o.initial_readiness_delay_ms = get_i64(c, in, "delayOfInitialReadinessStatusSeconds", 30) * 1000;
	o.downscale_stabilization_ms = get_i64(c, in, "downscaleStabilizationWindowSeconds", 300) * 1000;
	o.scale_up_limit_factor = get_dbl(c, in, "scaleUpLimitFactor", 2.0);
	o.scale_up_limit_minimum = get_dbl(c, in, "scaleUpLimitMinimum", 4.0);
	o.pod_level_resources = false;
	feat = json_object_get(in, "features");
	if (feat && !json_is_null(feat)) {
		static const char *const fkeys[] = { "HPAScaleToZero", "HPAConfigurableTolerance", "PodLevelResources", NULL };
		check_keys(c, feat, "features", fkeys);
		o.scale_to_zero = get_bool(c, feat, "HPAScaleToZero", 0);
		o.configurable_tolerance = get_bool(c, feat, "HPAConfigurableTolerance", 1);
		o.pod_level_resources = get_bool(c, feat, "PodLevelResources", 0);
	}
	sem = get_str(in, "zeroReplicaSemantics");
	if (sem && strcmp(sem, "master") == 0)
		o.semantics = HPA_SEMANTICS_MASTER;
	else if (sem && strcmp(sem, "released") != 0)
		failf(c, "cannot evaluate: unknown zeroReplicaSemantics \"%s\"", sem);
	di.scaled_to_zero = get_bool(c, in, "scaledToZeroCondition", 0);
	di.spec_replicas = i32(c, get_i64(c, in, "specReplicas", 0), "specReplicas");
	di.status_replicas = i32(c, get_i64(c, in, "statusReplicas", di.spec_replicas), "statusReplicas");
	x = json_object_get(in, "minReplicas");
	di.has_min_replicas = x && !json_is_null(x);
	di.min_replicas = i32(c, get_i64(c, in, "minReplicas", 1), "minReplicas");
	di.max_replicas = i32(c, get_i64(c, in, "maxReplicas", 0), "maxReplicas");
	x = json_object_get(in, "selector");
	if (x && !json_is_null(x)) {
		const char *s = json_is_string(x) ? json_string_value(x) : "?";
		di.selector = strcmp(s, "") == 0 ? HPA_SELECTOR_EMPTY : strcmp(s, "invalid") == 0 ? HPA_SELECTOR_INVALID
			: strcmp(s, "ambiguous") == 0 ? HPA_SELECTOR_AMBIGUOUS : HPA_SELECTOR_OK;
		di.selector_text = s;
	}
	di.metrics = ms;
	di.n_metrics = nm;
	di.behavior = b;
	di.pods = ps.pods;
	di.n_pods = ps.n;
	di.orphan_usage = ps.orphan_usage;
	di.n_orphan_usage = ps.n_orphan_usage;
	di.now_ms = 0;
	h = parse_history(c, in);
	if (!h)
		return;
	if (c->failed) {
		hpa_history_free(h);
		return;
	}
	d = vmem(c, sizeof(*d));
	if (use_prepared) {
		/* --prepared: a form prepared from this input, then run on it */
		hpa_decide_prepared *prep = NULL;
		int rc = hpa_decide_prepare(&prep, &di, &o, &err);
		if (rc == HPA_OK)
			rc = hpa_decide_prepared_run(prep, d, &di, h, &err);
		hpa_decide_prepared_free(prep);
		if (rc) {
			failf(c, "hpa_decide_prepare / hpa_decide_prepared_run failed: %s", err.message);
			hpa_history_free(h);
			return;
		}
	} else if (hpa_decide(d, &di, h, &o, &err)) {
		failf(c, "hpa_decide failed: %s", err.message);
		hpa_history_free(h);
		return;
	}
	hpa_history_free(h);
	expect_int(c, ex, "desiredReplicas", d->desired_replicas, 1);
	expect_bool(c, ex, "scaleUpdated", d->rescale);
	expect_bool(c, ex, "error", d->error);
	x = json_object_get(ex, "cpuUtilization");
	if (x && !json_is_null(x)) {
		int found = 0;
		for (i = 0; i < nm && !found; i++)
			if (ms[i].type == HPA_SOURCE_RESOURCE && ms[i].resource == HPA_RESOURCE_CPU) {
				found = 1;
				expect_int(c, ex, "cpuUtilization", d->metrics[i].average_utilization,
					d->metrics[i].has_average_utilization && d->metrics[i].status == HPA_OK);
			}
		if (!found)
			failf(c, "cpuUtilization: expected %lld, actual <no cpu Resource metric>",
				(long long)num_i64(c, x, "cpuUtilization"));
	}
	conds = json_object_get(ex, "conditions");
	if (conds && !json_is_null(conds)) {
		char g[1024] = "", e[1024] = "";
		size_t gl = 0, el = 0;
		for (i = 0; i < d->n_conditions && gl < sizeof(g) - 96; i++)
			gl += (size_t)snprintf(g + gl, sizeof(g) - gl, "%s[%s %s %s]", i ? " " : "",
				cond_type_name(d->conditions[i].type), hpa_decide_cond_status_name(d->conditions[i].status),
				d->conditions[i].reason ? d->conditions[i].reason : "");
		json_array_foreach(conds, i, x) {
			if (!json_is_array(x) || json_array_size(x) != 3) {
				failf(c, "cannot evaluate: conditions entries are [type, status, reason]");
				break;
			}
			if (el < sizeof(e) - 96)
				el += (size_t)snprintf(e + el, sizeof(e) - el, "%s[%s %s %s]", i ? " " : "",
					json_string_value(json_array_get(x, 0)) ? json_string_value(json_array_get(x, 0)) : "?",
					json_string_value(json_array_get(x, 1)) ? json_string_value(json_array_get(x, 1)) : "?",
					json_string_value(json_array_get(x, 2)) ? json_string_value(json_array_get(x, 2)) : "?");
		}
		if (strcmp(g, e) != 0)
			failf(c, "conditions: expected %s, actual %s", e, g);
	}
	if (c->verbose && c->failed && d->error_message[0])
		failf(c, "(reconcile error: %s)", d->error_message);
}

/* ---- driver ----------------------------------------------------------------------------------- */

static void run_vector(vctx *c, json_t *v, const hpa_decide_options *base)
{
	static const char *const vkeys[] = { "name", "source", "level", "input", "expect", "notes", "derived",
		"upstreamSkipped", "appliesTo", NULL };
	const char *level = get_str(v, "level");
	json_t *in = json_object_get(v, "input"), *ex = json_object_get(v, "expect");
	check_keys(c, v, "vector", vkeys);
	if (!get_str(v, "name"))
		failf(c, "cannot evaluate: vector without name");
	if (!json_is_object(in) || !json_is_object(ex)) {
		failf(c, "cannot evaluate: input and expect must be objects");
		return;
	}
	if (c->failed)
		return;
	if (!level)
		failf(c, "cannot evaluate: vector without level");
	else if (strcmp(level, "calc") == 0)
		run_calc(c, in, ex, base);
	else if (strcmp(level, "normalize") == 0)
		run_normalize(c, in, ex, base);
	else if (strcmp(level, "controller") == 0)
		run_controller(c, in, ex, base);
	else
		failf(c, "cannot evaluate: unsupported level \"%s\"", level);
}

int main(int argc, char **argv)
{
	vctx c;
	hpa_decide_options base;
	size_t passed = 0, failed = 0;
	int i, verbose = 0;

	memset(&c, 0, sizeof(c));
	hpa_decide_options_init(&base, HPA_DECIDE_OPTIONS_VERSION);
	if (argc < 2) {
		fprintf(stderr, "usage: run-vectors [-v] [--prepared] FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		json_error_t je;
		json_t *root, *v;
		size_t k;
		if (strcmp(argv[i], "--prepared") == 0) {
			use_prepared = 1;
			continue;
		}
		if (strcmp(argv[i], "-v") == 0) {
			verbose = 1;
			c.verbose = 1;
			continue;
		}
		root = json_load_file(argv[i], 0, &je);
		if (!root || !json_is_array(root)) {
			printf("FAIL %s: cannot read a JSON array of vectors: %s (line %d)\n", argv[i],
				root ? "not an array" : je.text, root ? 0 : je.line);
			failed++;
			json_decref(root);
			continue;
		}
		json_array_foreach(root, k, v) {
			const char *name = json_is_object(v) ? get_str(v, "name") : NULL;
			vreset(&c);
			if (!json_is_object(v))
				failf(&c, "cannot evaluate: a vector must be an object");
			else
				run_vector(&c, v, &base);
			if (c.failed) {
				failed++;
				printf("FAIL %s: %s [%s]\n%s", argv[i], name ? name : "(unnamed)",
					json_is_object(v) && get_str(v, "source") ? get_str(v, "source") : "", c.msg);
			} else {
				passed++;
				if (verbose)
					printf("ok   %s: %s\n", argv[i], name);
			}
		}
		json_decref(root);
	}
	vreset(&c);
	free(c.ptrs);
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed ? 1 : 0;
}
