/*
 * lib/decide/calc.c -- per-metric replica calculation (upstream
 * replica_calculator.go, metrics/utilization.go and the metric part of
 * horizontal.go): pod classification, requests, the utilization and plain
 * paths, Object/External Value and AverageValue, and the error texts.
 *
 * Arithmetic follows the spec §7: int64 milli sums, integer division that
 * truncates, float64 ratios computed in the same order as Go, ceil then a
 * saturating conversion to int32. No per-pod storage is needed: the
 * rebalance pass is computed from sums gathered in the single pod pass.
 */
#include "fast_int.h"
#include <math.h>

/* ---- arithmetic --------------------------------------------------------------- */

static int64_t ceil_i64(double x)
{
	double c;
	if (x != x)
		return 0;
	c = ceil(x);
	if (c >= 9223372036854775807.0)
		return INT64_MAX;
	if (c <= -9223372036854775808.0)
		return INT64_MIN;
	return (int64_t)c;
}

/* a * b / 100 with a, b >= 0, truncating, saturating. */
static int64_t mul_div100(int64_t a, int64_t b)
{
	if (a <= 0 || b <= 0)
		return 0;
	if (a <= INT64_MAX / b)
		return a * b / 100;
	return (int64_t)((double)a * (double)b / 100.0);
}

/* ---- texts --------------------------------------------------------------------- */

static const char *const res_names[HPA_RESOURCE_SLOTS] = { "", "cpu", "memory" };

const char *hpa__resource_name(int r)
{
	return r > 0 && r < HPA_RESOURCE_SLOTS ? res_names[r] : "";
}

static const char *str_or(const char *s, const char *dflt)
{
	return s ? s : dflt;
}

/* Record a metric failure: condition reason + text (the condition message
 * is "the HPA was unable to compute the replica count: " + text). */
static int fail(hpa_metric_result *r, const char *reason, const char *prefix, const char *a, const char *b_,
	const char *c_, const char *d_)
{
	hpa__sb b;
	r->status = HPA_ERROR;
	r->failure_reason = reason;
	r->replicas = 0;
	hpa__sb_init(&b, r->message, sizeof(r->message));
	if (prefix)
		hpa__sb_puts(&b, prefix);
	if (a)
		hpa__sb_puts(&b, a);
	if (b_)
		hpa__sb_puts(&b, b_);
	if (c_)
		hpa__sb_puts(&b, c_);
	if (d_)
		hpa__sb_puts(&b, d_);
	return HPA_ERROR;
}

/* ---- pod classification (groupPods) ------------------------------------------------ */


/* groupPods for one pod; resource 0 = custom metric (no readiness rules). */
static inline int classify(const hpa__calc *c, const hpa_decide_pod *p, bool present, int64_t ts, int64_t window,
	int resource)
{
	if (UNLIKELY(p->deleting))
		return HPA_POD_IGNORED_DELETING;
	if (UNLIKELY(p->phase == HPA_PHASE_FAILED))
		return HPA_POD_IGNORED_FAILED;
	if (UNLIKELY(p->phase == HPA_PHASE_PENDING))
		return HPA_POD_UNREADY_PENDING;
	if (UNLIKELY(!present))
		return HPA_POD_MISSING;
	if (resource == HPA_RESOURCE_CPU) {
		if (UNLIKELY(p->ready == 0))
			return HPA_POD_UNREADY_NO_CONDITION;
		if (UNLIKELY(!p->has_start_time))
			return HPA_POD_UNREADY_NO_START_TIME;
		if (UNLIKELY(hpa__add_sat(p->start_time_ms, c->o->cpu_initialization_period_ms) > c->now)) {
			if (p->ready == HPA_COND_FALSE)
				return HPA_POD_UNREADY_INITIALIZING;
			if (ts < hpa__add_sat(p->ready_transition_ms, window))
				return HPA_POD_UNREADY_SAMPLE_TOO_EARLY;
		} else if (UNLIKELY(p->ready == HPA_COND_FALSE) &&
			   hpa__add_sat(p->start_time_ms, c->o->initial_readiness_delay_ms) > p->ready_transition_ms) {
			return HPA_POD_UNREADY_NEVER_READY;
		}
	}
	return HPA_POD_READY;
}

int hpa__classify(const hpa__calc *c, const hpa_decide_pod *p, bool present, int64_t ts, int64_t window,
	int resource)
{
	return classify(c, p, present, ts, window, resource);
}

/* The common case first: a Running pod with a sample, ready and past the
 * cpu initialization period (start <= now - period, i.e. start + period <=
 * now without overflow). Everything else takes the exact path above. */
static inline int classify_fast(const hpa__calc *c, const hpa_decide_pod *p, bool present, int64_t ts,
	int64_t window, int resource, int64_t init_cut)
{
	if (LIKELY(present && !p->deleting && p->phase == HPA_PHASE_RUNNING)) {
		if (resource != HPA_RESOURCE_CPU)
			return HPA_POD_READY;
		if (LIKELY(p->ready == HPA_COND_TRUE && p->has_start_time && p->start_time_ms <= init_cut))
			return HPA_POD_READY;
	}
	return classify(c, p, present, ts, window, resource);
}

/* Resource sample of one metrics item: whole pod (container NULL) = sum of
 * every container, none when the item has no containers or one lacks the
 * resource; container metric = that container's value. Sums wrap like Go's
 * int64 arithmetic (computed in uint64: no undefined behaviour). */
static inline bool usage_sample(const hpa_pod_usage *u, int res, const char *container, int64_t *out)
{
	size_t n;
	const hpa_container_usage *cu;
	unsigned bit = HPA_RESOURCE_BIT(res);
	if (!u || !(n = u->n_containers))
		return false;
	cu = u->containers;
	if (LIKELY(!container)) {
		uint64_t sum = 0;
		do {
			if (UNLIKELY(!(cu->usage_set & bit)))
				return false;
			sum += (uint64_t)cu->usage_milli[res];
			cu++;
		} while (--n);
		*out = (int64_t)sum;
		return true;
	}
	do {
		if (cu->name && strcmp(cu->name, container) == 0) {
			if (!(cu->usage_set & bit))
				return false;
			*out = cu->usage_milli[res];
			return true;
		}
		cu++;
	} while (--n);
	return false;
}

/* calculateRequests for one pod, exact upstream order (app containers, then
 * sidecars): returns false with *why = the container lacking a request,
 * "podlevel", or NULL for an unknown container. */
static bool pod_request_slow(const hpa__calc *c, const hpa_decide_pod *p, int res, const char *container,
	int64_t *out, const char **why)
{
	unsigned bit = HPA_RESOURCE_BIT(res);
	size_t i;
	uint64_t sum = 0;
	int pass;
	if (c->o->pod_level_resources && !container &&
	    (p->pod_requests_set & (HPA_RESOURCE_BIT(HPA_RESOURCE_CPU) | HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY)))) {
		if (!(p->pod_requests_set & bit)) {
			*why = "podlevel";
			return false;
		}
		*out = p->pod_requests_milli[res];
		return true;
	}
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < p->n_containers; i++) {
			const hpa_decide_container *k = &p->containers[i];
			bool counted = pass == 0 ? k->kind == HPA_CONTAINER_APP : k->kind == HPA_CONTAINER_SIDECAR;
			bool named;
			if (!counted)
				continue;
			named = container && k->name && strcmp(k->name, container) == 0;
			if (!container || named) {
				if (!(k->requests_set & bit)) {
					*why = k->name ? k->name : "";
					return false;
				}
				sum += (uint64_t)k->requests_milli[res];
			}
			if (named) {
				*out = (int64_t)sum;
				return true;
			}
		}
	}
	if (container) {
		*why = NULL;
		return false;
	}
	*out = (int64_t)sum;
	return true;
}

/* Fast path of calculateRequests for a whole-pod metric; falls back to the
 * exact function for pod-level requests, named containers and errors. */
static inline bool pod_request(const hpa__calc *c, const hpa_decide_pod *p, int res, const char *container,
	int64_t *out, const char **why)
{
	unsigned bit = HPA_RESOURCE_BIT(res);
	const hpa_decide_container *k = p->containers, *e = k + p->n_containers;
	uint64_t sum = 0;
	if (UNLIKELY(container || p->pod_requests_set))
		return pod_request_slow(c, p, res, container, out, why);
	for (; k < e; k++) {
		if (UNLIKELY(k->kind == HPA_CONTAINER_INIT))
			continue;
		if (UNLIKELY(!(k->requests_set & bit)))
			return pod_request_slow(c, p, res, container, out, why);
		sum += (uint64_t)k->requests_milli[res];
	}
	*out = (int64_t)sum;
	return true;
}

static void request_error(hpa_metric_result *r, const char *reason, const char *prefix, int res,
	const char *container, const hpa_decide_pod *p, const char *why)
{
	char msg[HPA_DECIDE_TEXT_MAX];
	hpa__sb b;
	hpa__sb_init(&b, msg, sizeof(msg));
	if (why && strcmp(why, "podlevel") == 0 && !container) {
		hpa__sb_puts(&b, "missing pod-level request for ");
		hpa__sb_puts(&b, hpa__resource_name(res));
		hpa__sb_puts(&b, " in Pod ");
		hpa__sb_puts(&b, str_or(p->name, ""));
	} else if (why) {
		hpa__sb_puts(&b, "missing request for ");
		hpa__sb_puts(&b, hpa__resource_name(res));
		hpa__sb_puts(&b, " in container ");
		hpa__sb_puts(&b, why);
		hpa__sb_puts(&b, " of Pod ");
		hpa__sb_puts(&b, str_or(p->name, ""));
	} else {
		hpa__sb_puts(&b, "container ");
		hpa__sb_puts(&b, container);
		hpa__sb_puts(&b, " not found in Pod ");
		hpa__sb_puts(&b, str_or(p->name, ""));
	}
	fail(r, reason, prefix, msg, NULL, NULL, NULL);
}

/* ---- the sample pass ------------------------------------------------------------------ */

typedef struct {
	uint64_t u;           /* Σ usage of ready pods with a request (utilization) or of all samples (plain) */
	uint64_t q;           /* Σ requests of those pods */
	int64_t n_req;        /* entries counted in u/q (utilization) */
	uint64_t q_missing;   /* Σ requests of missing pods */
	uint64_t fill_missing; /* Σ trunc(request * max(100, T) / 100) of missing pods */
	uint64_t q_unready;   /* Σ requests of unready pods */
	int64_t n_orphans;    /* superfluous samples (names not in the pod list) */
	int64_t n_entries;    /* entries of the sample map after removing ignored/unready */
	uint32_t ready, unready, missing, ignored;
} sums;

static inline void count_class(sums *s, int k, bool util, int64_t v, int64_t req, int64_t fb)
{
	if (LIKELY(k == HPA_POD_READY)) {
		s->ready++;
		s->u += (uint64_t)v;
		if (util)
			s->q += (uint64_t)req;
		return;
	}
	switch (k) {
	case HPA_POD_MISSING:
		s->missing++;
		if (util) {
			s->q_missing += (uint64_t)req;
			s->fill_missing += (uint64_t)mul_div100(req, fb);
		}
		break;
	case HPA_POD_IGNORED_DELETING:
	case HPA_POD_IGNORED_FAILED:
		s->ignored++;
		break;
	default:
		s->unready++;
		if (util)
			s->q_unready += (uint64_t)req;
		break;
	}
}

/* One pass over the pods for a pod-based metric. kind: 0 = utilization,
 * 1 = resource plain (AverageValue), 2 = custom pods metric. */
static int pod_pass(const hpa__calc *c, const hpa_decide_metric *m, int kind, sums *s, uint8_t *cls,
	hpa_metric_result *r, const char *reason, const char *prefix)
{
	const hpa_decide_input *in = c->in;
	const hpa_decide_pod *p = in->pods, *end = p + in->n_pods;
	int res = kind == 2 ? 0 : m->resource;
	const char *container = m->type == HPA_SOURCE_CONTAINER_RESOURCE ? str_or(m->container, "") : NULL;
	int64_t fb = 0;
	size_t i;
	const hpa_decide_pod *req_pod = NULL;
	const char *req_why = NULL;

	int64_t init_cut;

	memset(s, 0, sizeof(*s));
	init_cut = c->now < INT64_MIN + c->o->cpu_initialization_period_ms ? INT64_MIN
		: c->now - c->o->cpu_initialization_period_ms;
	if (kind == 0) {
		fb = m->average_utilization > 100 ? m->average_utilization : 100;
		for (; p < end; p++) {
			int64_t v = 0, req = 0;
			bool present = usage_sample(p->usage, res, container, &v);
			int k = present ? classify_fast(c, p, true, p->usage->timestamp_ms, p->usage->window_ms, res,
					init_cut)
				: classify(c, p, false, 0, 0, res);
			if (cls)
				cls[p - in->pods] = (uint8_t)k;
			if (LIKELY(!req_pod)) {
				const char *why = NULL;
				if (UNLIKELY(!pod_request(c, p, res, container, &req, &why))) {
					req_pod = p;
					req_why = why;
				}
			}
			count_class(s, k, true, v, req, fb);
		}
	} else if (kind == 1) {
		for (; p < end; p++) {
			int64_t v = 0;
			bool present = usage_sample(p->usage, res, container, &v);
			int k = present ? classify_fast(c, p, true, p->usage->timestamp_ms, p->usage->window_ms, res,
					init_cut)
				: classify(c, p, false, 0, 0, res);
			if (cls)
				cls[p - in->pods] = (uint8_t)k;
			count_class(s, k, false, v, 0, 0);
		}
	} else {
		const hpa_pod_value *pv = m->pod_values;
		for (i = 0; p < end; p++, i++) {
			bool present = pv && pv[i].present;
			int k = classify_fast(c, p, present, 0, 0, 0, init_cut);
			if (cls)
				cls[i] = (uint8_t)k;
			count_class(s, k, false, present ? pv[i].value_milli : 0, 0, 0);
		}
	}
	s->n_req = s->ready;
	s->n_entries = s->ready;
	/* superfluous samples: names the pod list does not have */
	if (kind == 2) {
		for (i = 0; i < m->n_orphan_values; i++) {
			if (!m->orphan_values[i].present)
				continue;
			s->n_orphans++;
			s->u += (uint64_t)m->orphan_values[i].value_milli;
		}
	} else {
		for (i = 0; i < in->n_orphan_usage; i++) {
			int64_t v;
			if (!usage_sample(&in->orphan_usage[i], res, container, &v))
				continue;
			s->n_orphans++;
			if (kind == 1)
				s->u += (uint64_t)v;
		}
	}
	s->n_entries += s->n_orphans;
	r->n_ready = s->ready;
	r->n_unready = s->unready;
	r->n_missing = s->missing;
	r->n_ignored = s->ignored;
	if (UNLIKELY(s->n_entries == 0))
		return fail(r, reason, prefix, "did not receive metrics for targeted pods (pods might be unready)",
			NULL, NULL, NULL);
	if (UNLIKELY(req_pod != NULL)) {
		request_error(r, reason, prefix, res, container, req_pod, req_why);
		return HPA_ERROR;
	}
	return HPA_OK;
}

/* ---- utilization path ------------------------------------------------------------------ */

static int resource_api_empty(const hpa__calc *c)
{
	size_t i;
	if (c->in->n_orphan_usage)
		return 0;
	for (i = 0; i < c->in->n_pods; i++)
		if (c->in->pods[i].usage)
			return 0;
	return 1;
}

static int utilization_path(const hpa__calc *c, const hpa_decide_metric *m, int32_t current,
	hpa_metric_result *r, uint8_t *cls, const char *reason)
{
	const char *prefix = m->resource == HPA_RESOURCE_CPU ? "failed to get cpu utilization: "
		: m->resource == HPA_RESOURCE_MEMORY ? "failed to get memory utilization: " : "failed to get utilization: ";
	int32_t target = m->average_utilization, util;
	sums s;
	double ratio, r2;
	bool up_unready;
	int64_t u2, q2, len2;
	int32_t n2;

	if (m->fetch_failed)
		return fail(r, reason, prefix, "unable to get metrics for resource ", hpa__resource_name(m->resource),
			": ", m->fetch_error ? m->fetch_error : "the metrics API returned an error");
	if (resource_api_empty(c))
		return fail(r, reason, prefix, "unable to get metrics for resource ", hpa__resource_name(m->resource),
			": no metrics returned from resource metrics API", NULL);
	if (c->in->n_pods == 0)
		return fail(r, reason, prefix, "no pods returned by selector while calculating replica count", NULL,
			NULL, NULL);
	if (pod_pass(c, m, 0, &s, cls, r, reason, prefix))
		return HPA_ERROR;
	if (s.q == 0)
		return fail(r, reason, prefix, "no metrics returned matched known pods", NULL, NULL, NULL);
	util = percent_of((int64_t)s.u, (int64_t)s.q);
	ratio = (double)util / (double)target;
	r->has_average_utilization = true;
	r->average_utilization = util;
	r->has_average_value = true;
	r->average_value_milli = hpa__div((int64_t)s.u, s.n_req);
	r->value_format = m->resource == HPA_RESOURCE_MEMORY ? HPA_QFMT_BINARY_SI : HPA_QFMT_DECIMAL_SI;
	r->usage_ratio = ratio;
	r->n_samples = (uint32_t)s.n_entries;

	up_unready = s.unready > 0 && ratio > 1.0;
	if (!up_unready && s.missing == 0) {
		r->replicas = within(c, ratio) ? current : hpa__ceil_i32(ratio * (double)s.ready);
		return HPA_OK;
	}
	r->rebalanced = true;
	u2 = (int64_t)s.u;
	q2 = (int64_t)s.q;
	len2 = s.n_entries;
	if (s.missing > 0) {
		if (ratio < 1.0) {
			u2 = (int64_t)((uint64_t)u2 + s.fill_missing);
			q2 = (int64_t)((uint64_t)q2 + s.q_missing);
			len2 += s.missing;
		} else if (ratio > 1.0) {
			q2 = (int64_t)((uint64_t)q2 + s.q_missing);
			len2 += s.missing;
		}
	}
	if (up_unready) {
		q2 = (int64_t)((uint64_t)q2 + s.q_unready);
		len2 += s.unready;
	}
	r->n_samples = (uint32_t)len2;
	if (q2 == 0)
		return fail(r, reason, prefix, "no metrics returned matched known pods", NULL, NULL, NULL);
	r2 = (double)percent_of(u2, q2) / (double)target;
	if (within(c, r2) || (ratio < 1.0 && r2 > 1.0) || (ratio > 1.0 && r2 < 1.0)) {
		r->replicas = current;
		return HPA_OK;
	}
	n2 = hpa__ceil_i32(r2 * (double)len2);
	if ((r2 < 1.0 && n2 > current) || (r2 > 1.0 && n2 < current))
		n2 = current;
	r->replicas = n2;
	return HPA_OK;
}

/* ---- plain path (Pods, Resource AverageValue) ------------------------------------------- */

static int plain_path(const hpa__calc *c, const hpa_decide_metric *m, int kind, int32_t current,
	hpa_metric_result *r, uint8_t *cls, const char *reason, const char *prefix)
{
	int64_t target = m->average_value_milli, usage, s2, len2;
	sums s;
	double ratio, r2;
	bool up_unready;
	int32_t n2;

	if (c->in->n_pods == 0)
		return fail(r, reason, prefix, "no pods returned by selector while calculating replica count", NULL,
			NULL, NULL);
	if (pod_pass(c, m, kind, &s, cls, r, reason, prefix))
		return HPA_ERROR;
	usage = hpa__div((int64_t)s.u, s.n_entries);
	ratio = (double)usage / (double)target;
	r->has_average_value = true;
	r->average_value_milli = usage;
	r->value_format = kind == 1 && m->resource == HPA_RESOURCE_MEMORY ? HPA_QFMT_BINARY_SI : HPA_QFMT_DECIMAL_SI;
	r->usage_ratio = ratio;
	r->n_samples = (uint32_t)s.n_entries;

	up_unready = s.unready > 0 && ratio > 1.0;
	if (!up_unready && s.missing == 0) {
		r->replicas = within(c, ratio) ? current : hpa__ceil_i32(ratio * (double)s.ready);
		return HPA_OK;
	}
	r->rebalanced = true;
	s2 = (int64_t)s.u;
	len2 = s.n_entries;
	if (s.missing > 0) {
		if (ratio < 1.0) {
			s2 = (int64_t)((uint64_t)s2 + (uint64_t)s.missing * (uint64_t)target);
			len2 += s.missing;
		} else if (ratio > 1.0) {
			len2 += s.missing;
		}
	}
	if (up_unready)
		len2 += s.unready;
	r->n_samples = (uint32_t)len2;
	r2 = (double)hpa__div(s2, len2) / (double)target;
	if (within(c, r2) || (ratio < 1.0 && r2 > 1.0) || (ratio > 1.0 && r2 < 1.0)) {
		r->replicas = current;
		return HPA_OK;
	}
	n2 = hpa__ceil_i32(r2 * (double)len2);
	if ((r2 < 1.0 && n2 > current) || (r2 > 1.0 && n2 < current))
		n2 = current;
	r->replicas = n2;
	return HPA_OK;
}

/* ---- Object / External ---------------------------------------------------------------------- */

/* getUsageRatioReplicaCount */
static int usage_ratio_replicas(const hpa__calc *c, int32_t current, double ratio, hpa_metric_result *r,
	uint8_t *cls, const char *reason, const char *prefix)
{
	size_t i;
	int64_t ready = 0;
	if (current == 0) {
		r->replicas = hpa__ceil_i32(ratio);
		return HPA_OK;
	}
	if (within(c, ratio)) {
		r->replicas = current;
		return HPA_OK;
	}
	if (c->in->n_pods == 0)
		return fail(r, reason, prefix,
			"unable to calculate ready pods: no pods returned by selector while calculating replica count",
			NULL, NULL, NULL);
	for (i = 0; i < c->in->n_pods; i++) {
		const hpa_decide_pod *p = &c->in->pods[i];
		bool ok = p->phase == HPA_PHASE_RUNNING && p->ready == HPA_COND_TRUE;
		if (ok)
			ready++;
		if (cls)
			cls[i] = ok ? HPA_POD_OBJECT_READY : HPA_POD_OBJECT_NOT_READY;
	}
	r->n_ready = (uint32_t)ready;
	r->replicas = hpa__ceil_i32(ratio * (double)ready);
	return HPA_OK;
}

static int object_metric(const hpa__calc *c, const hpa_decide_metric *m, hpa_metric_result *r, uint8_t *cls)
{
	static const char reason[] = "FailedGetObjectMetric";
	const hpa_decide_input *in = c->in;
	bool value = m->target_type == HPA_TARGET_VALUE && m->has_value;
	bool avg = !value && m->target_type == HPA_TARGET_AVERAGE_VALUE && m->has_average_value;
	int64_t usage;
	if (!value && !avg)
		return fail(r, reason, NULL,
			"invalid object metric source: neither a value target nor an average value target was set",
			NULL, NULL, NULL);
	if (m->fetch_failed || !m->has_object_value) {
		/* upstream's format string has its arguments in this order */
		char msg[HPA_DECIDE_TEXT_MAX];
		hpa__sb b;
		hpa__sb_init(&b, msg, sizeof(msg));
		hpa__sb_puts(&b, "unable to get metric ");
		hpa__sb_puts(&b, str_or(m->name, ""));
		hpa__sb_puts(&b, ": ");
		hpa__sb_puts(&b, str_or(m->object_kind, ""));
		hpa__sb_puts(&b, " on ");
		hpa__sb_puts(&b, str_or(m->namespace_name, ""));
		hpa__sb_putc(&b, ' ');
		hpa__sb_puts(&b, str_or(m->object_name, ""));
		hpa__sb_putc(&b, '/');
		hpa__sb_puts(&b, m->fetch_error ? m->fetch_error : "no value returned from custom metrics API");
		return fail(r, reason, NULL, msg, NULL, NULL, NULL);
	}
	usage = m->object_value_milli;
	if (value) {
		r->has_value = true;
		r->value_milli = usage;
		r->usage_ratio = (double)usage / (double)m->value_milli;
		return usage_ratio_replicas(c, in->spec_replicas, r->usage_ratio, r, cls, reason, NULL);
	}
	{
		int32_t s = in->status_replicas;
		double ratio = (double)usage / ((double)m->average_value_milli * (double)s);
		r->usage_ratio = ratio;
		r->replicas = s;
		if (!within(c, ratio))
			r->replicas = hpa__ceil_i32((double)usage / (double)m->average_value_milli);
		r->has_average_value = true;
		r->average_value_milli = (double)usage >= 9223372036854775807.0 ? INT64_MAX
			: ceil_i64((double)usage / (double)s);
	}
	return HPA_OK;
}

static int external_metric(const hpa__calc *c, const hpa_decide_metric *m, hpa_metric_result *r, uint8_t *cls)
{
	static const char reason[] = "FailedGetExternalMetric";
	const hpa_decide_input *in = c->in;
	int64_t usage = 0;
	size_t i;
	if (!m->has_average_value && !m->has_value)
		return fail(r, reason, NULL,
			"invalid external metric source: neither a value target nor an average value target was set",
			NULL, NULL, NULL);
	if (m->fetch_failed || m->n_external_values == 0) {
		char msg[HPA_DECIDE_TEXT_MAX];
		hpa__sb b;
		hpa__sb_init(&b, msg, sizeof(msg));
		hpa__sb_puts(&b, "unable to get external metric ");
		hpa__sb_puts(&b, str_or(m->namespace_name, ""));
		hpa__sb_putc(&b, '/');
		hpa__sb_puts(&b, str_or(m->name, ""));
		hpa__sb_putc(&b, '/');
		hpa__sb_puts(&b, str_or(m->selector, "nil"));
		hpa__sb_puts(&b, ": ");
		hpa__sb_puts(&b, m->fetch_failed ? str_or(m->fetch_error, "the metrics API returned an error")
			: "no metrics returned from external metrics API");
		return fail(r, reason, NULL, msg, NULL, NULL, NULL);
	}
	if (m->has_average_value) {
		int32_t s = in->status_replicas;
		double ratio;
		for (i = 0; i < m->n_external_values; i++) {
			/* Go adds with wrap-around and treats a negative sum as overflow */
			usage = (int64_t)((uint64_t)usage + (uint64_t)m->external_values[i]);
			if (usage < 0) {
				usage = INT64_MAX;
				break;
			}
		}
		ratio = (double)usage / ((double)m->average_value_milli * (double)s);
		r->usage_ratio = ratio;
		r->replicas = s;
		if (!within(c, ratio))
			r->replicas = hpa__ceil_i32((double)usage / (double)m->average_value_milli);
		r->has_average_value = true;
		r->average_value_milli = (double)usage >= 9223372036854775807.0 ? INT64_MAX
			: ceil_i64((double)usage / (double)s);
		return HPA_OK;
	}
	for (i = 0; i < m->n_external_values; i++) {
		int64_t v = m->external_values[i];
		if (v > 0 && usage > INT64_MAX - v) {
			usage = INT64_MAX;
			break;
		}
		usage = hpa__add_sat(usage, v);
	}
	r->has_value = true;
	r->value_milli = usage;
	r->usage_ratio = (double)usage / (double)m->value_milli;
	return usage_ratio_replicas(c, in->spec_replicas, r->usage_ratio, r, cls, reason, NULL);
}

/* ---- one metric --------------------------------------------------------------------------- */

int hpa__eval_metric(const hpa__calc *c, const hpa_decide_metric *m, hpa_metric_result *r, uint8_t *cls)
{
	if (LIKELY(m->type == HPA_SOURCE_RESOURCE && c->dg.usage_ok && !m->fetch_failed) &&
	    hpa__eval_from_digest(c, m, r, cls))
		return HPA_OK;
	r->type = m->type;
	r->status = HPA_OK;
	r->failure_reason = NULL;
	r->replicas = 0;
	r->has_average_utilization = r->has_average_value = r->has_value = false;
	r->average_utilization = 0;
	r->average_value_milli = r->value_milli = 0;
	r->value_format = HPA_QFMT_DECIMAL_SI;
	r->usage_ratio = NAN;
	r->n_ready = r->n_unready = r->n_missing = r->n_ignored = r->n_samples = 0;
	r->rebalanced = false;
	r->message[0] = '\0';
	if (cls && c->in->n_pods)
		memset(cls, HPA_POD_NOT_CONSULTED, c->in->n_pods);

	switch (m->type) {
	case HPA_SOURCE_RESOURCE:
	case HPA_SOURCE_CONTAINER_RESOURCE: {
		const char *reason = m->type == HPA_SOURCE_RESOURCE ? "FailedGetResourceMetric"
			: "FailedGetContainerResourceMetric";
		if (m->has_average_value) {
			const char *prefix = m->resource == HPA_RESOURCE_CPU ? "failed to get cpu usage: "
				: "failed to get memory usage: ";
			if (m->fetch_failed)
				return fail(r, reason, prefix, "unable to get metrics for resource ",
					hpa__resource_name(m->resource), ": ",
					m->fetch_error ? m->fetch_error : "the metrics API returned an error");
			if (resource_api_empty(c))
				return fail(r, reason, prefix, "unable to get metrics for resource ",
					hpa__resource_name(m->resource),
					": no metrics returned from resource metrics API", NULL);
			return plain_path(c, m, 1, c->in->spec_replicas, r, cls, reason, prefix);
		}
		if (!m->has_average_utilization)
			return fail(r, reason, NULL,
				"invalid resource metric source: neither an average utilization target nor an "
				"average value (usage) target was set", NULL, NULL, NULL);
		return utilization_path(c, m, c->in->spec_replicas, r, cls, reason);
	}
	case HPA_SOURCE_PODS: {
		static const char reason[] = "FailedGetPodsMetric";
		size_t i, items = 0;
		if (m->fetch_failed)
			return fail(r, reason, "unable to get metric ", str_or(m->name, ""), ": ",
				str_or(m->fetch_error, "the metrics API returned an error"), NULL);
		for (i = 0; m->pod_values && i < c->in->n_pods && !items; i++)
			items += m->pod_values[i].present;
		for (i = 0; i < m->n_orphan_values && !items; i++)
			items += m->orphan_values[i].present;
		if (!items)
			return fail(r, reason, "unable to get metric ", str_or(m->name, ""),
				": no metrics returned from custom metrics API", NULL, NULL);
		return plain_path(c, m, 2, c->in->spec_replicas, r, cls, reason, NULL);
	}
	case HPA_SOURCE_OBJECT:
		return object_metric(c, m, r, cls);
	case HPA_SOURCE_EXTERNAL:
		return external_metric(c, m, r, cls);
	default:
		return fail(r, "InvalidMetricSourceType", "unknown metric source type \"",
			str_or(m->type_name, ""), "\"", NULL, NULL);
	}
}

/* The error reconcile reports for a failed metric (computeReplicasForMetric's wrapping). */
void hpa__metric_error_text(hpa__sb *b, const hpa_decide_metric *m, const hpa_metric_result *r)
{
	switch (m->type) {
	case HPA_SOURCE_RESOURCE:
		hpa__sb_puts(b, "failed to get ");
		hpa__sb_puts(b, hpa__resource_name(m->resource));
		hpa__sb_puts(b, " resource metric value: ");
		break;
	case HPA_SOURCE_CONTAINER_RESOURCE:
		hpa__sb_puts(b, "failed to get ");
		hpa__sb_puts(b, str_or(m->container, ""));
		hpa__sb_puts(b, " container metric value: ");
		break;
	case HPA_SOURCE_PODS:
		hpa__sb_puts(b, "failed to get pods metric value: ");
		break;
	case HPA_SOURCE_OBJECT:
		hpa__sb_puts(b, "failed to get object metric value: ");
		if (m->target_type == HPA_TARGET_AVERAGE_VALUE && m->has_average_value &&
		    !(m->target_type == HPA_TARGET_VALUE && m->has_value)) {
			hpa__sb_puts(b, "failed to get ");
			hpa__sb_puts(b, str_or(m->name, ""));
			hpa__sb_puts(b, " object metric: ");
		}
		break;
	case HPA_SOURCE_EXTERNAL:
		hpa__sb_puts(b, "failed to get ");
		hpa__sb_puts(b, str_or(m->name, ""));
		hpa__sb_puts(b, " external metric value: ");
		if (m->has_average_value) {
			hpa__sb_puts(b, "failed to get ");
			hpa__sb_puts(b, str_or(m->name, ""));
			hpa__sb_puts(b, " external metric: ");
		} else if (m->has_value) {
			hpa__sb_puts(b, "failed to get external metric ");
			hpa__sb_puts(b, str_or(m->name, ""));
			hpa__sb_puts(b, ": ");
		}
		break;
	default:
		break;
	}
	hpa__sb_puts(b, r->message);
}
