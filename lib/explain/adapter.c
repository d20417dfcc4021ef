/*
 * lib/explain/adapter.c -- the decision input from real objects: the HPA
 * (autoscaling/v2), its scale target (Deployment & co, or a Scale), the pods,
 * PodMetrics, custom MetricValues and ExternalMetricValues. Everything the
 * input points at lives in its arena (strings copied), so the objects may be
 * freed afterwards.
 */
#include "explain_int.h"
#include "quantity/quantity_int.h"
#include <stdio.h>
#include <stdlib.h>

#define PATH_MAX_LEN 256
#define BASE_LEN 160

typedef struct {
	hpa_explain_input *x;
	hpa_error *err;
	const char *hint;    /* kind of the objects being read, for items without one */
	const char *source;  /* the manifest they come from ("" when unknown) */
} ctx;

/* ---- errors ------------------------------------------------------------------------------ */

/* every caller has its ctx *c: the kind hint and the source go along */
#define fail(err, code, obj, ...) hpa__xfailk(err, code, obj, c->hint, c->source, __VA_ARGS__)
#define wrap(err, e, obj, path) hpa__xwrapk(err, e, obj, c->hint, c->source, path)

/* ---- getters ------------------------------------------------------------------------------ */

static char *keep(ctx *c, const char *s)
{
	return hpa__arena_strndup(&c->x->arena, s ? s : "", s ? strlen(s) : 0);
}

static void *arr(ctx *c, size_t n, size_t size)
{
	if (n && size > SIZE_MAX / n)
		return NULL;
	return hpa__arena_calloc(&c->x->arena, n * size);
}

/* A scalar's text; HPA_ENOTFOUND when absent (or null), HPA_ETYPE for maps and lists. */
static int get_text(ctx *c, const hpa_object *obj, const char *path, const char **out)
{
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_object_get_text(obj, path, out, &e);
	if (rc == HPA_ENOTFOUND)
		return rc;
	if (rc)
		return wrap(c->err, &e, obj, path);
	return HPA_OK;
}

static int get_string(ctx *c, const hpa_object *obj, const char *path, const char **out)
{
	int rc = get_text(c, obj, path, out);
	if (rc == HPA_OK && hpa_object_type(obj, path) != HPA_VALUE_STRING)
		return fail(c->err, HPA_ETYPE, obj, path, "expected a string, got \"%s\"", *out);
	return rc;
}

static int get_i64(ctx *c, const hpa_object *obj, const char *path, int64_t *out)
{
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_object_get_int64(obj, path, out, &e);
	if (rc == HPA_ENOTFOUND)
		return rc;
	if (rc)
		return wrap(c->err, &e, obj, path);
	return HPA_OK;
}

/* An int32 count: ENOTFOUND when absent, ERANGE beyond int32. */
static int get_i32(ctx *c, const hpa_object *obj, const char *path, int32_t *out)
{
	int64_t v;
	int rc = get_i64(c, obj, path, &v);
	if (rc)
		return rc;
	if (v < INT32_MIN || v > INT32_MAX)
		return fail(c->err, HPA_ERANGE, obj, path, "%lld is out of the int32 range", (long long)v);
	*out = (int32_t)v;
	return HPA_OK;
}

static int qfmt(int f)
{
	return f == HPA_QUANTITY_BINARY_SI ? HPA_QFMT_BINARY_SI
		: f == HPA_QUANTITY_DECIMAL_EXPONENT ? HPA_QFMT_DECIMAL_EXPONENT : HPA_QFMT_DECIMAL_SI;
}

/* A quantity as MilliValue() and its format. */
static int get_milli(ctx *c, const hpa_object *obj, const char *path, int64_t *milli, int *format)
{
	const char *t;
	hpa__qty q;
	hpa_error e = HPA_ERROR_INIT;
	int rc = get_text(c, obj, path, &t);
	if (rc)
		return rc;
	if (hpa__quantity_scan(t, strlen(t), &q, &e) != HPA_OK)
		return fail(c->err, HPA_ESYNTAX, obj, path, "malformed quantity \"%s\": %s", t, e.message);
	if (hpa__qty_milli(&q, milli) != HPA_OK)
		return fail(c->err, HPA_ERANGE, obj, path, "quantity \"%s\" is out of range", t);
	if (format)
		*format = qfmt(q.format);
	return HPA_OK;
}

static int get_time(ctx *c, const hpa_object *obj, const char *path, int64_t *ms)
{
	const char *t;
	int rc = get_text(c, obj, path, &t);
	if (rc)
		return rc;
	if (hpa__time_parse_rfc3339(t, ms))
		return fail(c->err, HPA_ESYNTAX, obj, path, "malformed timestamp \"%s\" (expected RFC 3339, e.g. "
			"2024-05-01T10:00:00Z)", t);
	return HPA_OK;
}

/* ---- the HPA -------------------------------------------------------------------------------- */

static int resource_of(const char *name)
{
	if (!strcmp(name, "cpu"))
		return HPA_RESOURCE_CPU;
	if (!strcmp(name, "memory"))
		return HPA_RESOURCE_MEMORY;
	return 0;
}

static int read_target(ctx *c, const hpa_object *hpa, const char *base, hpa_decide_metric *m)
{
	char p[PATH_MAX_LEN];
	const char *t;
	int rc;
	snprintf(p, sizeof(p), "%s.target.type", base);
	rc = get_string(c, hpa, p, &t);
	if (rc == HPA_ENOTFOUND)
		return fail(c->err, HPA_EMISSING, hpa, p, "required field is missing");
	if (rc)
		return rc;
	if (!strcmp(t, "Utilization"))
		m->target_type = HPA_TARGET_UTILIZATION;
	else if (!strcmp(t, "AverageValue"))
		m->target_type = HPA_TARGET_AVERAGE_VALUE;
	else if (!strcmp(t, "Value"))
		m->target_type = HPA_TARGET_VALUE;
	else
		return fail(c->err, HPA_EVALIDATION, hpa, p,
			"unsupported target type \"%s\" (expected Utilization, AverageValue or Value)", t);
	snprintf(p, sizeof(p), "%s.target.averageUtilization", base);
	rc = get_i32(c, hpa, p, &m->average_utilization);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	m->has_average_utilization = rc == HPA_OK;
	snprintf(p, sizeof(p), "%s.target.averageValue", base);
	rc = get_milli(c, hpa, p, &m->average_value_milli, &m->average_value_format);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	m->has_average_value = rc == HPA_OK;
	snprintf(p, sizeof(p), "%s.target.value", base);
	rc = get_milli(c, hpa, p, &m->value_milli, &m->value_format);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	m->has_value = rc == HPA_OK;
	return HPA_OK;
}

static int required_string(ctx *c, const hpa_object *obj, const char *path, const char **out)
{
	int rc = get_string(c, obj, path, out);
	if (rc == HPA_ENOTFOUND)
		return fail(c->err, HPA_EMISSING, obj, path, "required field is missing");
	if (rc == HPA_OK && !(*out = keep(c, *out)))
		return hpa__enomem(c->err);
	return rc;
}

static int read_metric(ctx *c, const hpa_object *hpa, size_t i, hpa_decide_metric *m)
{
	static const char *const sections[] = { NULL, "resource", "containerResource", "pods", "object", "external" };
	char base[BASE_LEN], p[PATH_MAX_LEN];
	const char *type, *s;
	hpa__buf b = HPA__BUF_INIT;
	int rc;

	snprintf(p, sizeof(p), "spec.metrics[%zu].type", i);
	rc = get_string(c, hpa, p, &type);
	if (rc == HPA_ENOTFOUND)
		return fail(c->err, HPA_EMISSING, hpa, p, "required field is missing");
	if (rc)
		return rc;
	m->namespace_name = c->x->hpa_ns;
	if (!strcmp(type, "Resource"))
		m->type = HPA_SOURCE_RESOURCE;
	else if (!strcmp(type, "ContainerResource"))
		m->type = HPA_SOURCE_CONTAINER_RESOURCE;
	else if (!strcmp(type, "Pods"))
		m->type = HPA_SOURCE_PODS;
	else if (!strcmp(type, "Object"))
		m->type = HPA_SOURCE_OBJECT;
	else if (!strcmp(type, "External"))
		m->type = HPA_SOURCE_EXTERNAL;
	else {
		/* the controller reports "invalid metric source type" */
		m->type = HPA_SOURCE_UNKNOWN;
		if (!(m->type_name = keep(c, type)))
			return hpa__enomem(c->err);
		return HPA_OK;
	}
	snprintf(base, sizeof(base), "spec.metrics[%zu].%s", i, sections[m->type]);
	if (!hpa_object_has(hpa, base))
		return fail(c->err, HPA_EMISSING, hpa, base, "required for a metric of type %s", type);

	switch (m->type) {
	case HPA_SOURCE_RESOURCE:
	case HPA_SOURCE_CONTAINER_RESOURCE:
		snprintf(p, sizeof(p), "%s.name", base);
		if ((rc = required_string(c, hpa, p, &s)))
			return rc;
		m->resource = resource_of(s);
		if (!m->resource)
			return fail(c->err, HPA_EUNSUPPORTED, hpa, p,
				"resource \"%s\": the resource metrics API serves cpu and memory only", s);
		if (m->type == HPA_SOURCE_CONTAINER_RESOURCE) {
			snprintf(p, sizeof(p), "%s.container", base);
			if ((rc = required_string(c, hpa, p, &m->container)))
				return rc;
		}
		break;
	case HPA_SOURCE_PODS:
	case HPA_SOURCE_OBJECT:
	case HPA_SOURCE_EXTERNAL:
		snprintf(p, sizeof(p), "%s.metric.name", base);
		if ((rc = required_string(c, hpa, p, &m->name)))
			return rc;
		snprintf(p, sizeof(p), "%s.metric.selector", base);
		if (hpa__sel_go_string(hpa, p, &b) != HPA_OK || !(m->selector = keep(c, b.ptr ? b.ptr : "nil"))) {
			hpa__buf_dispose(&b);
			return hpa__enomem(c->err);
		}
		hpa__buf_dispose(&b);
		if (m->type == HPA_SOURCE_OBJECT) {
			snprintf(p, sizeof(p), "%s.describedObject.kind", base);
			if ((rc = required_string(c, hpa, p, &m->object_kind)))
				return rc;
			snprintf(p, sizeof(p), "%s.describedObject.name", base);
			if ((rc = required_string(c, hpa, p, &m->object_name)))
				return rc;
		}
		break;
	default:
		break;
	}
	return read_target(c, hpa, base, m);
}

static int read_rules(ctx *c, const hpa_object *hpa, const char *dir, hpa_decide_rules *r)
{
	char base[64], p[PATH_MAX_LEN];
	const char *s;
	int rc;
	size_t n, i;
	snprintf(base, sizeof(base), "spec.behavior.%s", dir);
	if (!hpa_object_has(hpa, base))
		return HPA_OK;
	snprintf(p, sizeof(p), "%s.stabilizationWindowSeconds", base);
	rc = get_i32(c, hpa, p, &r->stabilization_window_seconds);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	r->has_stabilization_window = rc == HPA_OK;
	if (r->has_stabilization_window &&
	    (r->stabilization_window_seconds < 0 || r->stabilization_window_seconds > 3600))
		return fail(c->err, HPA_EVALIDATION, hpa, p, "must be between 0 and 3600 seconds (got %d)",
			(int)r->stabilization_window_seconds);
	snprintf(p, sizeof(p), "%s.selectPolicy", base);
	rc = get_string(c, hpa, p, &s);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	if (rc == HPA_OK) {
		if (!strcmp(s, "Max"))
			r->select_policy = HPA_SELECT_MAX;
		else if (!strcmp(s, "Min"))
			r->select_policy = HPA_SELECT_MIN;
		else if (!strcmp(s, "Disabled"))
			r->select_policy = HPA_SELECT_DISABLED;
		else
			return fail(c->err, HPA_EVALIDATION, hpa, p, "unsupported value \"%s\" (expected Max, Min or Disabled)", s);
	}
	snprintf(p, sizeof(p), "%s.tolerance", base);
	rc = get_text(c, hpa, p, &s);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	if (rc == HPA_OK) {
		if (hpa__approx_float(s, &r->tolerance) != HPA_OK)
			return fail(c->err, HPA_ESYNTAX, hpa, p, "malformed quantity \"%s\"", s);
		if (!(r->tolerance >= 0))
			return fail(c->err, HPA_EVALIDATION, hpa, p, "must be greater than or equal to 0 (got %s)", s);
		r->has_tolerance = true;
	}
	snprintf(p, sizeof(p), "%s.policies", base);
	if (hpa_object_type(hpa, p) != HPA_VALUE_LIST)
		return HPA_OK;
	r->has_policies = true;
	n = hpa_object_count(hpa, p);
	if (!n)
		return HPA_OK;
	hpa_decide_policy *pol = arr(c, n, sizeof(*pol));
	if (!pol)
		return hpa__enomem(c->err);
	for (i = 0; i < n; i++) {
		char q[PATH_MAX_LEN];
		snprintf(q, sizeof(q), "%s.policies[%zu].type", base, i);
		rc = get_string(c, hpa, q, &s);
		if (rc == HPA_ENOTFOUND)
			return fail(c->err, HPA_EMISSING, hpa, q, "required field is missing");
		if (rc)
			return rc;
		if (!strcmp(s, "Pods"))
			pol[i].type = HPA_POLICY_PODS;
		else if (!strcmp(s, "Percent"))
			pol[i].type = HPA_POLICY_PERCENT;
		else
			return fail(c->err, HPA_EVALIDATION, hpa, q, "unsupported value \"%s\" (expected Pods or Percent)", s);
		snprintf(q, sizeof(q), "%s.policies[%zu].value", base, i);
		rc = get_i32(c, hpa, q, &pol[i].value);
		if (rc == HPA_ENOTFOUND)
			return fail(c->err, HPA_EMISSING, hpa, q, "required field is missing");
		if (rc)
			return rc;
		if (pol[i].value <= 0)
			return fail(c->err, HPA_EVALIDATION, hpa, q, "must be greater than zero (got %d)", (int)pol[i].value);
		snprintf(q, sizeof(q), "%s.policies[%zu].periodSeconds", base, i);
		rc = get_i32(c, hpa, q, &pol[i].period_seconds);
		if (rc == HPA_ENOTFOUND)
			return fail(c->err, HPA_EMISSING, hpa, q, "required field is missing");
		if (rc)
			return rc;
		if (pol[i].period_seconds <= 0 || pol[i].period_seconds > 1800)
			return fail(c->err, HPA_EVALIDATION, hpa, q, "must be between 1 and 1800 seconds (got %d)",
				(int)pol[i].period_seconds);
	}
	r->policies = pol;
	r->n_policies = n;
	return HPA_OK;
}

static int read_hpa(ctx *c, const hpa_object *hpa)
{
	hpa_explain_input *x = c->x;
	hpa_decide_input *in = &x->in;
	size_t n, i;
	int rc;
	int32_t v = 0;

	if (hpa_object_kind(hpa) != HPA_KIND_AUTOSCALER) {
		if (!strcmp(hpa_object_kind_name(hpa), "HorizontalPodAutoscaler"))
			return fail(c->err, HPA_EUNSUPPORTED, hpa, NULL,
				"%s is not supported: explain reads autoscaling/v2 HorizontalPodAutoscalers",
				hpa_object_api_version(hpa));
		return fail(c->err, HPA_EINVAL, hpa, NULL, "expected an autoscaling/v2 HorizontalPodAutoscaler, got %s %s",
			*hpa_object_api_version(hpa) ? hpa_object_api_version(hpa) : "(no apiVersion)",
			*hpa_object_kind_name(hpa) ? hpa_object_kind_name(hpa) : "(no kind)");
	}
	if (!(x->hpa_name = keep(c, hpa_object_name(hpa))) || !(x->hpa_ns = keep(c, hpa_object_namespace(hpa))))
		return hpa__enomem(c->err);
	{
		const char *s = "";
		if ((rc = get_text(c, hpa, "spec.scaleTargetRef.kind", &s)) && rc != HPA_ENOTFOUND)
			return rc;
		if (!(x->ref_kind = keep(c, rc ? "" : s)))
			return hpa__enomem(c->err);
		s = "";
		if ((rc = get_text(c, hpa, "spec.scaleTargetRef.name", &s)) && rc != HPA_ENOTFOUND)
			return rc;
		if (!(x->ref_name = keep(c, rc ? "" : s)))
			return hpa__enomem(c->err);
	}

	rc = get_i32(c, hpa, "spec.maxReplicas", &in->max_replicas);
	if (rc == HPA_ENOTFOUND)
		return fail(c->err, HPA_EMISSING, hpa, "spec.maxReplicas", "required field is missing");
	if (rc)
		return rc;
	if (in->max_replicas < 1)
		return fail(c->err, HPA_EVALIDATION, hpa, "spec.maxReplicas", "must be greater than or equal to 1 (got %d)",
			(int)in->max_replicas);
	rc = get_i32(c, hpa, "spec.minReplicas", &in->min_replicas);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	in->has_min_replicas = rc == HPA_OK;
	if (in->has_min_replicas && in->min_replicas < 0)
		return fail(c->err, HPA_EVALIDATION, hpa, "spec.minReplicas", "must be greater than or equal to 0 (got %d)",
			(int)in->min_replicas);
	if (in->has_min_replicas && in->min_replicas > in->max_replicas)
		return fail(c->err, HPA_EVALIDATION, hpa, "spec.minReplicas",
			"minReplicas (%d) must be less than or equal to maxReplicas (%d)", (int)in->min_replicas,
			(int)in->max_replicas);

	n = hpa_object_type(hpa, "spec.metrics") == HPA_VALUE_LIST ? hpa_object_count(hpa, "spec.metrics") : 0;
	if (n > HPA_DECIDE_MAX_METRICS)
		return fail(c->err, HPA_ELIMIT, hpa, "spec.metrics", "%zu metrics (at most %d are supported)", n,
			HPA_DECIDE_MAX_METRICS);
	for (i = 0; i < n; i++)
		if ((rc = read_metric(c, hpa, i, &x->metrics[i])))
			return rc;
	if (n == 0) {
		/* the API server defaults spec.metrics to cpu Utilization 80 % */
		hpa_decide_metric *m = &x->metrics[0];
		m->type = HPA_SOURCE_RESOURCE;
		m->resource = HPA_RESOURCE_CPU;
		m->target_type = HPA_TARGET_UTILIZATION;
		m->has_average_utilization = true;
		m->average_utilization = 80;
		m->namespace_name = x->hpa_ns;
		n = 1;
		x->default_metric = true;
	}
	x->n_metrics = n;
	in->metrics = x->metrics;
	in->n_metrics = n;

	if (hpa_object_has(hpa, "spec.behavior")) {
		if ((rc = read_rules(c, hpa, "scaleUp", &x->behavior.scale_up)) ||
		    (rc = read_rules(c, hpa, "scaleDown", &x->behavior.scale_down)))
			return rc;
		in->behavior = &x->behavior;
	}

	rc = get_i32(c, hpa, "status.desiredReplicas", &v);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	if (rc == HPA_OK) {
		if (v < 0)
			return fail(c->err, HPA_EVALIDATION, hpa, "status.desiredReplicas", "negative replica count %d", (int)v);
		in->has_prev_desired = true;
		in->prev_desired_replicas = v;
	}
	n = hpa_object_type(hpa, "status.conditions") == HPA_VALUE_LIST ? hpa_object_count(hpa, "status.conditions") : 0;
	for (i = 0; i < n; i++) {
		char p[96];
		const char *type = NULL, *st = NULL;
		snprintf(p, sizeof(p), "status.conditions[%zu].type", i);
		hpa_object_get_text(hpa, p, &type, NULL);
		snprintf(p, sizeof(p), "status.conditions[%zu].status", i);
		hpa_object_get_text(hpa, p, &st, NULL);
		if (type && st && !strcmp(type, "ScaledToZero") && !strcmp(st, "True"))
			in->scaled_to_zero = true;
	}
	return HPA_OK;
}

/* ---- the scale target ------------------------------------------------------------------------- */

typedef struct {
	hpa__selector sel;
	bool all;           /* no target: every pod */
	bool none;          /* the selector is empty or invalid: no pods are listed */
} selection;

static int check_replicas(ctx *c, const hpa_object *obj, const char *path, int32_t v)
{
	if (v < 0)
		return fail(c->err, HPA_EVALIDATION, obj, path, "negative replica count %d", (int)v);
	return HPA_OK;
}

static int read_scale_target(ctx *c, const hpa_object *t, const hpa_object *hpa, selection *s)
{
	hpa_explain_input *x = c->x;
	hpa_decide_input *in = &x->in;
	const char *api = hpa_object_api_version(t), *kind = hpa_object_kind_name(t), *name = hpa_object_name(t);
	hpa__buf b = HPA__BUF_INIT;
	int rc;
	bool scale = !strcmp(kind, "Scale") && !strcmp(api, "autoscaling/v1");
	bool workload = !strcmp(api, "apps/v1") &&
		(!strcmp(kind, "Deployment") || !strcmp(kind, "StatefulSet") || !strcmp(kind, "ReplicaSet"));

	if (!scale && !workload)
		return fail(c->err, HPA_EINVAL, t, NULL, "expected the scale target (an apps/v1 Deployment, StatefulSet or "
			"ReplicaSet, or an autoscaling/v1 Scale), got %s %s", *api ? api : "(no apiVersion)",
			*kind ? kind : "(no kind)");
	if (*x->ref_name && strcmp(name, x->ref_name) != 0)
		return fail(c->err, HPA_EINVAL, t, "metadata.name", "is not the scale target of HorizontalPodAutoscaler %s "
			"(scaleTargetRef %s/%s)", hpa_object_name(hpa), x->ref_kind, x->ref_name);
	if (workload && *x->ref_kind && strcmp(kind, x->ref_kind) != 0)
		return fail(c->err, HPA_EINVAL, t, NULL, "is not the scale target of HorizontalPodAutoscaler %s "
			"(scaleTargetRef %s/%s)", hpa_object_name(hpa), x->ref_kind, x->ref_name);
	if (!(x->target_kind = keep(c, kind)) || !(x->target_name = keep(c, name)))
		return hpa__enomem(c->err);
	x->has_target = true;

	rc = get_i32(c, t, "spec.replicas", &in->spec_replicas);
	if (rc == HPA_ENOTFOUND)
		in->spec_replicas = workload ? 1 : 0; /* the API defaults a workload's spec.replicas to 1 */
	else if (rc || (rc = check_replicas(c, t, "spec.replicas", in->spec_replicas)))
		return rc;
	rc = get_i32(c, t, "status.replicas", &in->status_replicas);
	if (rc == HPA_ENOTFOUND)
		in->status_replicas = 0;
	else if (rc || (rc = check_replicas(c, t, "status.replicas", in->status_replicas)))
		return rc;

	if (scale) {
		const char *sel = "";
		rc = get_text(c, t, "status.selector", &sel);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		if (rc == HPA_ENOTFOUND || !*sel) {
			in->selector = HPA_SELECTOR_EMPTY;
			s->none = true;
		} else {
			hpa_error e = HPA_ERROR_INIT;
			if (!(in->selector_text = x->selector_text = keep(c, sel)))
				return hpa__enomem(c->err);
			rc = hpa__sel_parse(&s->sel, &x->arena, sel, &e);
			if (rc == HPA_ENOMEM)
				return hpa__enomem(c->err);
			if (rc) {
				in->selector = HPA_SELECTOR_INVALID;
				if (!(in->selector_error = keep(c, e.message)))
					return hpa__enomem(c->err);
				s->none = true;
			}
		}
		return HPA_OK;
	}
	/* a workload: the scale subresource's status.selector is
	 * LabelSelectorAsSelector(spec.selector).String() */
	{
		hpa_error e = HPA_ERROR_INIT;
		rc = hpa__sel_from_object(&s->sel, &x->arena, t, "spec.selector", &e);
		if (rc == HPA_ENOMEM)
			return hpa__enomem(c->err);
		if (rc) {
			in->selector = HPA_SELECTOR_INVALID;
			if (!(in->selector_error = keep(c, e.message)) || !(x->selector_text = keep(c, "")))
				return hpa__enomem(c->err);
			s->none = true;
			return HPA_OK;
		}
	}
	if (hpa__sel_format(&s->sel, &b) != HPA_OK || !(x->selector_text = keep(c, b.ptr ? b.ptr : ""))) {
		hpa__buf_dispose(&b);
		return hpa__enomem(c->err);
	}
	hpa__buf_dispose(&b);
	in->selector_text = x->selector_text;
	if (!*x->selector_text) {
		in->selector = HPA_SELECTOR_EMPTY;
		s->none = true;
	}
	return HPA_OK;
}

static int no_target(ctx *c, const hpa_object *hpa, selection *s)
{
	hpa_decide_input *in = &c->x->in;
	int rc = get_i32(c, hpa, "status.currentReplicas", &in->spec_replicas);
	if (rc == HPA_ENOTFOUND)
		return fail(c->err, HPA_EMISSING, hpa, "status.currentReplicas",
			"no scale target given and the HPA has no status.currentReplicas to take the replica count from");
	if (rc || (rc = check_replicas(c, hpa, "status.currentReplicas", in->spec_replicas)))
		return rc;
	in->status_replicas = in->spec_replicas;
	s->all = true;
	if (!(c->x->target_kind = keep(c, "")) || !(c->x->target_name = keep(c, "")) ||
	    !(c->x->selector_text = keep(c, "")))
		return hpa__enomem(c->err);
	return HPA_OK;
}

/* ---- pods ---------------------------------------------------------------------------------------- */

typedef struct {
	const char *name;
	size_t pod;          /* index in x->pods, SIZE_MAX when not selected */
} name_ix;

static int cmp_name_ix(const void *a, const void *b)
{
	return strcmp(((const name_ix *)a)->name, ((const name_ix *)b)->name);
}

static const name_ix *find_name(const name_ix *ix, size_t n, const char *name)
{
	name_ix key = { name, 0 };
	return n ? bsearch(&key, ix, n, sizeof(*ix), cmp_name_ix) : NULL;
}

/* Is obj of one of the accepted kinds? An item without kind (from a typed
 * List such as PodList) is accepted when it has the field `shape`. */
static bool kind_ok(const hpa_object *obj, const char *kind, const char *shape)
{
	const char *k = hpa_object_kind_name(obj);
	if (!*k)
		return hpa_object_has(obj, shape);
	return !strcmp(k, kind);
}

static bool ns_ok(const hpa_explain_input *x, const hpa_object *obj)
{
	const char *ns = hpa_object_namespace(obj);
	return !*x->hpa_ns || !*ns || !strcmp(ns, x->hpa_ns);
}

static int read_requests(ctx *c, const hpa_object *pod, const char *base, unsigned int *set, int64_t *milli)
{
	static const char *const names[HPA_RESOURCE_SLOTS] = { NULL, "cpu", "memory" };
	for (int r = HPA_RESOURCE_CPU; r <= HPA_RESOURCE_MEMORY; r++) {
		char p[PATH_MAX_LEN];
		int rc;
		if (snprintf(p, sizeof(p), "%s.requests.%s", base, names[r]) >= (int)sizeof(p))
			return fail(c->err, HPA_ELIMIT, pod, NULL, "field path longer than %d bytes", PATH_MAX_LEN - 1);
		rc = get_milli(c, pod, p, &milli[r], NULL);
		if (rc == HPA_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		*set |= HPA_RESOURCE_BIT(r);
	}
	return HPA_OK;
}

static int read_pod(ctx *c, const hpa_object *o, hpa_decide_pod *p)
{
	const char *s;
	size_t nc, ni, n, i;
	int rc;
	hpa_decide_container *cs;

	if (!(p->name = keep(c, hpa_object_name(o))))
		return hpa__enomem(c->err);
	rc = get_string(c, o, "status.phase", &s);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	if (rc == HPA_OK)
		p->phase = !strcmp(s, "Running") ? HPA_PHASE_RUNNING : !strcmp(s, "Pending") ? HPA_PHASE_PENDING
			: !strcmp(s, "Succeeded") ? HPA_PHASE_SUCCEEDED : !strcmp(s, "Failed") ? HPA_PHASE_FAILED
			: HPA_PHASE_UNKNOWN;
	n = hpa_object_type(o, "status.conditions") == HPA_VALUE_LIST ? hpa_object_count(o, "status.conditions") : 0;
	for (i = 0; i < n; i++) {
		char q[96];
		const char *type = NULL;
		snprintf(q, sizeof(q), "status.conditions[%zu].type", i);
		if (hpa_object_get_text(o, q, &type, NULL) || strcmp(type, "Ready") != 0)
			continue;
		snprintf(q, sizeof(q), "status.conditions[%zu].status", i);
		s = NULL;
		hpa_object_get_text(o, q, &s, NULL);
		p->ready = s && !strcmp(s, "True") ? HPA_COND_TRUE : s && !strcmp(s, "False") ? HPA_COND_FALSE
			: HPA_COND_UNKNOWN;
		snprintf(q, sizeof(q), "status.conditions[%zu].lastTransitionTime", i);
		rc = get_time(c, o, q, &p->ready_transition_ms);
		if (rc == HPA_ENOTFOUND)
			p->ready_transition_ms = HPA_TIME_ZERO;
		else if (rc)
			return rc;
		break; /* GetPodCondition: the first Ready condition */
	}
	rc = get_time(c, o, "status.startTime", &p->start_time_ms);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	p->has_start_time = rc == HPA_OK;
	{
		int64_t del;
		rc = get_time(c, o, "metadata.deletionTimestamp", &del);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		p->deleting = rc == HPA_OK;
	}
	nc = hpa_object_type(o, "spec.containers") == HPA_VALUE_LIST ? hpa_object_count(o, "spec.containers") : 0;
	ni = hpa_object_type(o, "spec.initContainers") == HPA_VALUE_LIST ? hpa_object_count(o, "spec.initContainers") : 0;
	if (nc + ni) {
		if (!(cs = arr(c, nc + ni, sizeof(*cs))))
			return hpa__enomem(c->err);
		for (i = 0; i < nc + ni; i++) {
			char base[BASE_LEN], q[PATH_MAX_LEN];
			bool init = i >= nc;
			snprintf(base, sizeof(base), "spec.%s[%zu]", init ? "initContainers" : "containers", init ? i - nc : i);
			snprintf(q, sizeof(q), "%s.name", base);
			s = "";
			rc = get_text(c, o, q, &s);
			if (rc && rc != HPA_ENOTFOUND)
				return rc;
			if (!(cs[i].name = keep(c, rc ? "" : s)))
				return hpa__enomem(c->err);
			cs[i].kind = HPA_CONTAINER_APP;
			if (init) {
				snprintf(q, sizeof(q), "%s.restartPolicy", base);
				s = NULL;
				hpa_object_get_text(o, q, &s, NULL);
				cs[i].kind = s && !strcmp(s, "Always") ? HPA_CONTAINER_SIDECAR : HPA_CONTAINER_INIT;
			}
			snprintf(q, sizeof(q), "%s.resources", base);
			if ((rc = read_requests(c, o, q, &cs[i].requests_set, cs[i].requests_milli)))
				return rc;
		}
		p->containers = cs;
		p->n_containers = nc + ni;
	}
	return read_requests(c, o, "spec.resources", &p->pod_requests_set, p->pod_requests_milli);
}

static int read_pods(ctx *c, const hpa_manifest *m, const selection *s, name_ix **index_out, size_t *n_index)
{
	hpa_explain_input *x = c->x;
	size_t n = m ? hpa_manifest_count(m) : 0, i, k = 0;
	bool *selected;
	name_ix *ix;
	int rc;

	*index_out = NULL;
	*n_index = 0;
	if (!n)
		return HPA_OK;
	c->hint = "Pod";
	c->source = hpa_manifest_source(m);
	if (!(selected = arr(c, n, sizeof(bool))) || !(ix = arr(c, n, sizeof(*ix))))
		return hpa__enomem(c->err);
	for (i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		if (!kind_ok(o, "Pod", "spec") && !(hpa_object_kind_name(o)[0] == '\0' && hpa_object_has(o, "status")))
			return fail(c->err, HPA_EINVAL, o, NULL, "the pod list holds a %s; expected Pod objects "
				"(kubectl get pods -o json)", *hpa_object_kind_name(o) ? hpa_object_kind_name(o) : "document without kind");
		if (!*hpa_object_name(o))
			return fail(c->err, HPA_EMISSING, o, "metadata.name", "a pod needs a name");
		selected[i] = !s->none && ns_ok(x, o) && (s->all || hpa__sel_matches(&s->sel, o, "metadata.labels"));
		if (selected[i])
			k++;
	}
	x->n_listed_pods = n;
	x->n_unselected = n - k;
	if (k && !(x->pods = arr(c, k, sizeof(*x->pods))))
		return hpa__enomem(c->err);
	for (i = 0, k = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		ix[i].name = hpa_object_name(o);
		ix[i].pod = SIZE_MAX;
		if (!selected[i])
			continue;
		if ((rc = read_pod(c, o, &x->pods[k])))
			return rc;
		ix[i].pod = k++;
	}
	x->n_pods = k;
	qsort(ix, n, sizeof(*ix), cmp_name_ix);
	/* names must be unique: the controller's informer keys pods by namespace/name */
	for (i = 1; i < n; i++)
		if (!strcmp(ix[i - 1].name, ix[i].name) && (ix[i - 1].pod != SIZE_MAX || ix[i].pod != SIZE_MAX)) {
			for (size_t j = 0; j < n; j++)
				if (!strcmp(hpa_object_name(hpa_manifest_at(m, j)), ix[i].name) &&
				    ns_ok(x, hpa_manifest_at(m, j)))
					return fail(c->err, HPA_EDUPLICATE, hpa_manifest_at(m, j), "metadata.name",
						"two pods are named %s", ix[i].name);
		}
	*index_out = ix;
	*n_index = n;
	return HPA_OK;
}

/* ---- resource metrics ---------------------------------------------------------------------------- */

/* Where a metric item for pod `name` goes: its pod index, SIZE_MAX - 1 for an
 * orphan (a pod the list does not hold), SIZE_MAX to drop it (a pod of
 * another workload, or labels the selector rejects). */
static size_t route(const hpa_explain_input *x, const name_ix *ix, size_t n_ix, const selection *s,
	const hpa_object *item, const char *pod, const char *labels_path, const char *ns)
{
	const name_ix *f = find_name(ix, n_ix, pod);
	if (*x->hpa_ns && ns && *ns && strcmp(ns, x->hpa_ns) != 0)
		return SIZE_MAX;
	if (f)
		return f->pod;
	if (s->none)
		return SIZE_MAX;
	if (labels_path && hpa_object_type(item, labels_path) == HPA_VALUE_MAP && !s->all &&
	    !hpa__sel_matches(&s->sel, item, labels_path))
		return SIZE_MAX;
	return SIZE_MAX - 1;
}

static int read_usage(ctx *c, const hpa_object *o, hpa_pod_usage *u)
{
	static const char *const names[HPA_RESOURCE_SLOTS] = { NULL, "cpu", "memory" };
	const char *w;
	size_t n, i;
	int rc;
	hpa_container_usage *cu;

	if (!(u->pod = keep(c, hpa_object_name(o))))
		return hpa__enomem(c->err);
	rc = get_time(c, o, "timestamp", &u->timestamp_ms);
	if (rc == HPA_ENOTFOUND)
		u->timestamp_ms = HPA_TIME_ZERO;
	else if (rc)
		return rc;
	rc = get_text(c, o, "window", &w);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	if (rc == HPA_OK) {
		rc = hpa__parse_go_duration(w, &u->window_ms);
		if (rc == HPA_ERANGE)
			return fail(c->err, HPA_ERANGE, o, "window", "duration \"%s\" is out of range", w);
		if (rc || u->window_ms < 0)
			return fail(c->err, HPA_ESYNTAX, o, "window", "malformed duration \"%s\" (expected e.g. 15.001s)", w);
	}
	n = hpa_object_type(o, "containers") == HPA_VALUE_LIST ? hpa_object_count(o, "containers") : 0;
	if (!n)
		return HPA_OK;
	if (!(cu = arr(c, n, sizeof(*cu))))
		return hpa__enomem(c->err);
	for (i = 0; i < n; i++) {
		char p[PATH_MAX_LEN];
		const char *s = "";
		snprintf(p, sizeof(p), "containers[%zu].name", i);
		rc = get_text(c, o, p, &s);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		if (!(cu[i].name = keep(c, rc ? "" : s)))
			return hpa__enomem(c->err);
		for (int r = HPA_RESOURCE_CPU; r <= HPA_RESOURCE_MEMORY; r++) {
			snprintf(p, sizeof(p), "containers[%zu].usage.%s", i, names[r]);
			rc = get_milli(c, o, p, &cu[i].usage_milli[r], NULL);
			if (rc == HPA_ENOTFOUND)
				continue;
			if (rc)
				return rc;
			cu[i].usage_set |= HPA_RESOURCE_BIT(r);
		}
	}
	u->containers = cu;
	u->n_containers = n;
	return HPA_OK;
}

static int read_pod_metrics(ctx *c, const hpa_manifest *m, const name_ix *ix, size_t n_ix, const selection *s)
{
	hpa_explain_input *x = c->x;
	size_t n = m ? hpa_manifest_count(m) : 0, i;
	int rc;
	if (!n)
		return HPA_OK;
	c->hint = "PodMetrics";
	c->source = hpa_manifest_source(m);
	if (!(x->orphans = arr(c, n, sizeof(*x->orphans))))
		return hpa__enomem(c->err);
	for (i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		size_t where;
		hpa_pod_usage *u;
		if (!kind_ok(o, "PodMetrics", "containers"))
			return fail(c->err, HPA_EINVAL, o, NULL, "the resource metrics hold a %s; expected PodMetrics "
				"(kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/NS/pods)",
				*hpa_object_kind_name(o) ? hpa_object_kind_name(o) : "document without kind or containers");
		if (!*hpa_object_name(o))
			return fail(c->err, HPA_EMISSING, o, "metadata.name", "a PodMetrics item needs the pod's name");
		x->n_pod_metrics++;
		where = route(x, ix, n_ix, s, o, hpa_object_name(o), "metadata.labels", hpa_object_namespace(o));
		if (where == SIZE_MAX || (where < x->n_pods && x->pods[where].usage)) {
			x->n_dropped++;
			continue;
		}
		if (where < x->n_pods) {
			if (!(u = arr(c, 1, sizeof(*u))))
				return hpa__enomem(c->err);
			x->pods[where].usage = u;
		} else {
			u = &x->orphans[x->n_orphans++];
		}
		if ((rc = read_usage(c, o, u)))
			return rc;
	}
	return HPA_OK;
}

/* ---- custom and external metrics ------------------------------------------------------------------ */

typedef struct {
	const hpa_object *obj;
	const char *metric;     /* metric.name (v1beta2) or metricName (v1beta1) */
	const char *kind, *name, *ns; /* describedObject */
	int64_t value_milli;
	int64_t timestamp_ms;
	int64_t window_ms;
} citem;

static int read_custom_items(ctx *c, const hpa_manifest *m, bool external, citem **out, size_t *n_out)
{
	size_t n = m ? hpa_manifest_count(m) : 0, i;
	citem *it;
	int rc;
	*out = NULL;
	*n_out = 0;
	if (!n)
		return HPA_OK;
	c->hint = external ? "ExternalMetricValue" : "MetricValue";
	c->source = hpa_manifest_source(m);
	if (!(it = arr(c, n, sizeof(*it))))
		return hpa__enomem(c->err);
	for (i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		int64_t w;
		it[i].obj = o;
		if (external ? !kind_ok(o, "ExternalMetricValue", "metricName") : !kind_ok(o, "MetricValue", "value"))
			return fail(c->err, HPA_EINVAL, o, NULL, "the %s metrics hold a %s; expected %s objects",
				external ? "external" : "custom", *hpa_object_kind_name(o) ? hpa_object_kind_name(o)
				: "document without kind", external ? "ExternalMetricValue" : "MetricValue");
		rc = get_text(c, o, "metricName", &it[i].metric);
		if (rc == HPA_ENOTFOUND && !external)
			rc = get_text(c, o, "metric.name", &it[i].metric);
		if (rc == HPA_ENOTFOUND)
			return fail(c->err, HPA_EMISSING, o, external ? "metricName" : "metric.name", "required field is missing");
		if (rc)
			return rc;
		it[i].kind = it[i].name = it[i].ns = "";
		if (!external) {
			if ((rc = get_text(c, o, "describedObject.kind", &it[i].kind)) && rc != HPA_ENOTFOUND)
				return rc;
			if ((rc = get_text(c, o, "describedObject.name", &it[i].name)) && rc != HPA_ENOTFOUND)
				return rc;
			if ((rc = get_text(c, o, "describedObject.namespace", &it[i].ns)) && rc != HPA_ENOTFOUND)
				return rc;
		}
		rc = get_milli(c, o, "value", &it[i].value_milli, NULL);
		if (rc == HPA_ENOTFOUND)
			return fail(c->err, HPA_EMISSING, o, "value", "required field is missing");
		if (rc)
			return rc;
		rc = get_time(c, o, "timestamp", &it[i].timestamp_ms);
		if (rc == HPA_ENOTFOUND)
			it[i].timestamp_ms = HPA_TIME_ZERO;
		else if (rc)
			return rc;
		it[i].window_ms = 60000; /* the custom metrics API's default window */
		rc = get_i64(c, o, external ? "window" : "windowSeconds", &w);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		if (rc == HPA_OK) {
			if (w < 0 || w > INT64_MAX / 1000)
				return fail(c->err, HPA_ERANGE, o, external ? "window" : "windowSeconds", "window out of range");
			it[i].window_ms = w * 1000;
		}
	}
	*out = it;
	*n_out = n;
	return HPA_OK;
}

static int fill_pods_metric(ctx *c, hpa_decide_metric *dm, size_t mi, const citem *it, size_t n,
	const name_ix *ix, size_t n_ix, const selection *s)
{
	hpa_explain_input *x = c->x;
	hpa_pod_value *pv = NULL, *orph = NULL;
	size_t i, n_orph = 0, matched = 0;
	for (i = 0; i < n; i++)
		if (!strcmp(it[i].metric, dm->name) && !strcmp(it[i].kind, "Pod"))
			matched++;
	if (!matched)
		return HPA_OK; /* "no metrics returned from custom metrics API" */
	if ((x->n_pods && !(pv = arr(c, x->n_pods, sizeof(*pv)))) || !(orph = arr(c, matched, sizeof(*orph))))
		return hpa__enomem(c->err);
	for (i = 0; i < n; i++) {
		size_t where;
		hpa_pod_value *v;
		if (strcmp(it[i].metric, dm->name) != 0 || strcmp(it[i].kind, "Pod") != 0)
			continue;
		where = route(x, ix, n_ix, s, it[i].obj, it[i].name, NULL, it[i].ns);
		if (where == SIZE_MAX || (where < x->n_pods && pv[where].present)) {
			x->n_dropped++;
			continue;
		}
		x->n_custom_items[mi]++;
		v = where < x->n_pods ? &pv[where] : &orph[n_orph++];
		if (!(v->pod = keep(c, it[i].name)))
			return hpa__enomem(c->err);
		v->present = true;
		v->value_milli = it[i].value_milli;
		v->timestamp_ms = it[i].timestamp_ms;
		v->window_ms = it[i].window_ms;
	}
	dm->pod_values = pv;
	dm->orphan_values = orph;
	dm->n_orphan_values = n_orph;
	return HPA_OK;
}

static int fill_metric_values(ctx *c, const hpa_object *hpa, const citem *cust, size_t n_cust, const citem *ext,
	size_t n_ext, const name_ix *ix, size_t n_ix, const selection *s)
{
	hpa_explain_input *x = c->x;
	size_t mi, i;
	int rc;
	c->hint = c->source = NULL; /* errors here are about the HPA */
	for (mi = 0; mi < x->n_metrics; mi++) {
		hpa_decide_metric *dm = &x->metrics[mi];
		if (dm->type == HPA_SOURCE_PODS) {
			if ((rc = fill_pods_metric(c, dm, mi, cust, n_cust, ix, n_ix, s)))
				return rc;
		} else if (dm->type == HPA_SOURCE_OBJECT) {
			for (i = 0; i < n_cust; i++)
				if (!strcmp(cust[i].metric, dm->name) && !strcmp(cust[i].kind, dm->object_kind) &&
				    !strcmp(cust[i].name, dm->object_name)) {
					dm->has_object_value = true;
					dm->object_value_milli = cust[i].value_milli;
					x->n_custom_items[mi] = 1;
					break;
				}
		} else if (dm->type == HPA_SOURCE_EXTERNAL && n_ext) {
			char p[PATH_MAX_LEN];
			hpa__selector sel;
			hpa_error e = HPA_ERROR_INIT;
			int64_t *vals;
			size_t k = 0;
			snprintf(p, sizeof(p), "spec.metrics[%zu].external.metric.selector", mi);
			rc = hpa__sel_from_object(&sel, &x->arena, hpa, p, &e);
			if (rc == HPA_ENOMEM)
				return hpa__enomem(c->err);
			if (rc)
				return fail(c->err, rc, hpa, p, "%s", e.message);
			if (!(vals = arr(c, n_ext, sizeof(*vals))))
				return hpa__enomem(c->err);
			/* the external metrics API filters by name and by the selector on metricLabels */
			for (i = 0; i < n_ext; i++)
				if (!strcmp(ext[i].metric, dm->name) && hpa__sel_matches(&sel, ext[i].obj, "metricLabels"))
					vals[k++] = ext[i].value_milli;
			dm->external_values = vals;
			dm->n_external_values = k;
			x->n_custom_items[mi] = k;
		}
	}
	return HPA_OK;
}

/* ---- entry points -------------------------------------------------------------------------------- */

int hpa_explain_sources_init(hpa_explain_sources *src, unsigned int version)
{
	static const hpa_explain_sources init = HPA_EXPLAIN_SOURCES_INIT;
	if (!src || version != HPA_EXPLAIN_SOURCES_VERSION)
		return HPA_EINVAL;
	*src = init;
	return HPA_OK;
}

int hpa_explain_input_new(hpa_explain_input **out, const hpa_explain_sources *src_in, hpa_error *err)
{
	static const size_t sizes[] = { sizeof(hpa_explain_sources) };
	hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
	hpa_explain_input *x;
	selection s;
	name_ix *ix = NULL;
	size_t n_ix = 0, n_cust = 0, n_ext = 0;
	citem *cust = NULL, *ext = NULL;
	ctx c;
	int rc;

	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_input_new: NULL argument");
	*out = NULL;
	if (!src_in)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_input_new: NULL sources");
	if ((rc = hpa__options_copy(&src, src_in, sizes, HPA_EXPLAIN_SOURCES_VERSION, "hpa_explain_sources", err)))
		return rc;
	if (!src.hpa)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_input_new: no HorizontalPodAutoscaler given");
	if (!(x = hpa__calloc(1, sizeof(*x))))
		return hpa__enomem(err);
#ifdef HPA_TESTING
	hpa__arena_init(&x->arena, 64); /* many small blocks: the allocation-failure sweep reaches more paths */
#else
	hpa__arena_init(&x->arena, 8192);
#endif
	memset(&s, 0, sizeof(s));
	c.x = x;
	c.err = err;
	c.hint = c.source = NULL;
	hpa_decide_input_init(&x->in, HPA_DECIDE_INPUT_VERSION);
	x->in.now_ms = x->now_ms = src.now_ms;

	if ((rc = read_hpa(&c, src.hpa)))
		goto fail;
	c.hint = "Scale";
	rc = src.target ? read_scale_target(&c, src.target, src.hpa, &s) : no_target(&c, src.hpa, &s);
	if (rc)
		goto fail;
	c.hint = NULL;
	if ((rc = read_pods(&c, src.pods, &s, &ix, &n_ix)) ||
	    (rc = read_pod_metrics(&c, src.pod_metrics, ix, n_ix, &s)) ||
	    (rc = read_custom_items(&c, src.custom_metrics, false, &cust, &n_cust)) ||
	    (rc = read_custom_items(&c, src.external_metrics, true, &ext, &n_ext)) ||
	    (rc = fill_metric_values(&c, src.hpa, cust, n_cust, ext, n_ext, ix, n_ix, &s)))
		goto fail;
	x->in.pods = x->pods;
	x->in.n_pods = x->n_pods;
	x->in.orphan_usage = x->orphans;
	x->in.n_orphan_usage = x->n_orphans;
	if (x->n_pods) {
		if (!(x->pod_class = arr(&c, x->n_metrics, x->n_pods))) {
			rc = hpa__enomem(err);
			goto fail;
		}
		x->in.pod_class = x->pod_class;
	}
	*out = x;
	return HPA_OK;
fail:
	hpa_explain_input_free(x);
	return rc;
}

void hpa_explain_input_free(hpa_explain_input *x)
{
	if (!x)
		return;
	hpa__arena_dispose(&x->arena);
	hpa__free(x);
}

const hpa_decide_input *hpa_explain_input_decide(const hpa_explain_input *x)
{
	return x ? &x->in : NULL;
}

int hpa_explain_decide(hpa_decision *out, const hpa_explain_input *x, const hpa_history *history,
	const hpa_decide_options *opts, hpa_error *err)
{
	if (!out || !x)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_decide: NULL argument");
	return hpa_decide(out, &x->in, history, opts, err);
}

size_t hpa_explain_input_unselected_pods(const hpa_explain_input *x)
{
	return x ? x->n_unselected : 0;
}

size_t hpa_explain_input_dropped_metrics(const hpa_explain_input *x)
{
	return x ? x->n_dropped : 0;
}
