/*
 * lib/explain/render.c -- the explanation of one decision, as text for a
 * person and as JSON. Everything said comes from the hpa_decision fields and
 * the pod classification buffer; the per-pod samples and requests shown are
 * read back from the input, and the history entries inside the windows are
 * listed so the stabilization can be checked by eye.
 */
#include "explain_int.h"
#include "quantity/quantity_int.h"
#include "decide/decision_check.h"
#include <math.h>
#include <stdio.h>

#define MAX_TEXT_PODS 100

/* ---- small helpers ------------------------------------------------------------------------ */

static const char *res_name(int r)
{
	return r == HPA_RESOURCE_CPU ? "cpu" : r == HPA_RESOURCE_MEMORY ? "memory" : "";
}

/* Canonical quantity text of milli in a decide format. */
static const char *qtext(char *buf, size_t size, int64_t milli, int qformat)
{
	hpa__qty q;
	hpa__qty_from_milli(&q, milli, qformat == HPA_QFMT_BINARY_SI ? HPA_QUANTITY_BINARY_SI
		: qformat == HPA_QFMT_DECIMAL_EXPONENT ? HPA_QUANTITY_DECIMAL_EXPONENT : HPA_QUANTITY_DECIMAL_SI);
	hpa__qty_format(&q, buf, size);
	return buf;
}

/* Usage / request quantities of a resource print like kubectl top: cpu
 * DecimalSI, memory BinarySI. */
static const char *rtext(char *buf, size_t size, int64_t milli, int res)
{
	return qtext(buf, size, milli, res == HPA_RESOURCE_MEMORY ? HPA_QFMT_BINARY_SI : HPA_QFMT_DECIMAL_SI);
}

static void seconds_text(char *buf, size_t size, int64_t ms)
{
	if (ms % 1000)
		snprintf(buf, size, "%lld.%03llds", (long long)(ms / 1000), (long long)(ms < 0 ? -ms : ms) % 1000);
	else
		snprintf(buf, size, "%llds", (long long)(ms / 1000));
}

static bool is_pods_based(const hpa_decide_metric *m)
{
	return m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE || m->type == HPA_SOURCE_PODS;
}

/* The utilization path: a Resource metric whose AverageValue is unset (it is checked first). */
static bool is_util_path(const hpa_decide_metric *m)
{
	return (m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE) && !m->has_average_value &&
		m->has_average_utilization;
}

/* The sample the resource metrics API gives pod p for metric m (§3.3). */
static bool resource_sample(const hpa_decide_pod *p, const hpa_decide_metric *m, int64_t *out)
{
	const hpa_pod_usage *u = p->usage;
	unsigned int bit = HPA_RESOURCE_BIT(m->resource);
	int64_t sum = 0;
	size_t i;
	if (!u || !u->n_containers)
		return false;
	for (i = 0; i < u->n_containers; i++) {
		const hpa_container_usage *c = &u->containers[i];
		if (m->type == HPA_SOURCE_CONTAINER_RESOURCE) {
			if (c->name && m->container && *c->name && !strcmp(c->name, m->container)) {
				if (!(c->usage_set & bit))
					return false;
				*out = c->usage_milli[m->resource];
				return true;
			}
			continue;
		}
		if (!(c->usage_set & bit))
			return false;
		sum = (int64_t)((uint64_t)sum + (uint64_t)c->usage_milli[m->resource]);
	}
	if (m->type == HPA_SOURCE_CONTAINER_RESOURCE)
		return false;
	*out = sum;
	return true;
}

/* The request calculateRequests finds for pod p (§3.2); false when one is missing. */
static bool pod_request(const hpa_decide_pod *p, const hpa_decide_metric *m, const hpa_decide_options *o,
	int64_t *out)
{
	unsigned int bit = HPA_RESOURCE_BIT(m->resource);
	int64_t sum = 0;
	bool found = false;
	size_t i;
	if (o->pod_level_resources && m->type == HPA_SOURCE_RESOURCE && p->pod_requests_set) {
		if (!(p->pod_requests_set & bit))
			return false;
		*out = p->pod_requests_milli[m->resource];
		return true;
	}
	for (i = 0; i < p->n_containers; i++) {
		const hpa_decide_container *c = &p->containers[i];
		if (c->kind == HPA_CONTAINER_INIT)
			continue;
		if (m->type == HPA_SOURCE_CONTAINER_RESOURCE && !(c->name && m->container && !strcmp(c->name, m->container)))
			continue;
		if (!(c->requests_set & bit))
			return false;
		sum += c->requests_milli[m->resource];
		found = true;
	}
	if (m->type == HPA_SOURCE_CONTAINER_RESOURCE && !found)
		return false;
	*out = sum;
	return true;
}

/* Call fn for every container (or pod) lacking the request a utilization metric needs. */
typedef void (*missing_fn)(void *arg, const char *pod, const char *container, const char *what);

static size_t missing_requests(const hpa_explain_input *x, const hpa_decide_metric *m, const hpa_decide_options *o,
	missing_fn fn, void *arg)
{
	unsigned int bit = HPA_RESOURCE_BIT(m->resource);
	size_t n = 0, i, j;
	for (i = 0; i < x->n_pods; i++) {
		const hpa_decide_pod *p = &x->pods[i];
		bool found = false;
		if (o->pod_level_resources && m->type == HPA_SOURCE_RESOURCE && p->pod_requests_set) {
			if (!(p->pod_requests_set & bit)) {
				if (fn)
					fn(arg, p->name, NULL, "no pod-level request");
				n++;
			}
			continue;
		}
		for (j = 0; j < p->n_containers; j++) {
			const hpa_decide_container *c = &p->containers[j];
			if (c->kind == HPA_CONTAINER_INIT)
				continue;
			if (m->type == HPA_SOURCE_CONTAINER_RESOURCE && !(c->name && m->container && !strcmp(c->name, m->container)))
				continue;
			found = true;
			if (!(c->requests_set & bit)) {
				if (fn)
					fn(arg, p->name, c->name, c->kind == HPA_CONTAINER_SIDECAR ? "sidecar without a request"
						: "no request");
				n++;
			}
		}
		if (m->type == HPA_SOURCE_CONTAINER_RESOURCE && !found) {
			if (fn)
				fn(arg, p->name, m->container, "container not found");
			n++;
		}
	}
	return n;
}

static void tolerances(const hpa_explain_input *x, const hpa_decide_options *o, double *down, double *up,
	bool *down_b, bool *up_b)
{
	const hpa_decide_behavior *b = x->in.behavior;
	*down = *up = o->tolerance;
	*down_b = *up_b = false;
	if (b && o->configurable_tolerance) {
		if (b->scale_down.has_tolerance) {
			*down = b->scale_down.tolerance;
			*down_b = true;
		}
		if (b->scale_up.has_tolerance) {
			*up = b->scale_up.tolerance;
			*up_b = true;
		}
	}
}

static uint8_t pod_class(const hpa_explain_input *x, size_t metric, size_t pod)
{
	return x->pod_class ? x->pod_class[metric * x->n_pods + pod] : HPA_POD_NOT_CONSULTED;
}

/* Describe a target: "50% average utilization", "average value 500m per pod", "value 10". */
static void target_text(char *buf, size_t size, const hpa_decide_metric *m)
{
	char q[64];
	switch (m->type) {
	case HPA_SOURCE_RESOURCE:
	case HPA_SOURCE_CONTAINER_RESOURCE:
		if (m->has_average_value)
			snprintf(buf, size, "average usage %s per pod", qtext(q, sizeof(q), m->average_value_milli,
				m->average_value_format));
		else if (m->has_average_utilization)
			snprintf(buf, size, "%d%% of the requests on average", (int)m->average_utilization);
		else
			snprintf(buf, size, "no target set");
		break;
	case HPA_SOURCE_PODS:
		snprintf(buf, size, "average %s per pod", m->has_average_value
			? qtext(q, sizeof(q), m->average_value_milli, m->average_value_format) : "<unset>");
		break;
	case HPA_SOURCE_OBJECT:
	case HPA_SOURCE_EXTERNAL:
		if (m->has_average_value && (m->type == HPA_SOURCE_EXTERNAL || m->target_type == HPA_TARGET_AVERAGE_VALUE))
			snprintf(buf, size, "average %s per pod (value / status.replicas)",
				qtext(q, sizeof(q), m->average_value_milli, m->average_value_format));
		else if (m->has_value)
			snprintf(buf, size, "value %s", qtext(q, sizeof(q), m->value_milli, m->value_format));
		else
			snprintf(buf, size, "no target set");
		break;
	default:
		snprintf(buf, size, "unknown metric type \"%s\"", m->type_name ? m->type_name : "");
		break;
	}
}

static void current_text(char *buf, size_t size, const hpa_decide_metric *m, const hpa_metric_result *r,
	int32_t status_replicas)
{
	char q[64];
	if (r->status != HPA_OK) {
		snprintf(buf, size, "<unknown>");
		return;
	}
	if (r->has_average_utilization)
		snprintf(buf, size, "%d%% of the requests (average usage %s per pod)", (int)r->average_utilization,
			rtext(q, sizeof(q), r->average_value_milli, m->resource));
	else if (r->has_average_value && (m->type == HPA_SOURCE_OBJECT || m->type == HPA_SOURCE_EXTERNAL))
		snprintf(buf, size, "average %s per pod (over status.replicas %d)",
			qtext(q, sizeof(q), r->average_value_milli, r->value_format), (int)status_replicas);
	else if (r->has_average_value)
		snprintf(buf, size, "average %s per pod", m->type == HPA_SOURCE_PODS
			? qtext(q, sizeof(q), r->average_value_milli, r->value_format)
			: rtext(q, sizeof(q), r->average_value_milli, m->resource));
	else if (r->has_value)
		snprintf(buf, size, "value %s", qtext(q, sizeof(q), r->value_milli, r->value_format));
	else
		snprintf(buf, size, "<unknown>");
}

/* ---- stabilization facts ------------------------------------------------------------------ */

typedef struct {
	int64_t up_window_ms, down_window_ms;
	int32_t up_rec, down_rec;       /* windowed min / max including the new recommendation */
	size_t n_up, n_down;            /* history entries inside each window */
	int32_t up_hist_min, down_hist_max; /* of those entries only (INT32_MAX / INT32_MIN: none) */
	bool virt;                      /* no list: the controller records (current, now) first */
	int32_t up_limit, down_limit;   /* raw behavior limits (INT32_MIN when not computed) */
	int32_t legacy_limit;           /* legacy scale-up limit */
} stab_facts;

static void stab_compute(stab_facts *f, const hpa_explain_input *x, const hpa_decision *d, const hpa_history *h,
	const hpa_decide_options *o)
{
	const hpa_decide_behavior *b = x->in.behavior;
	int64_t now = x->in.now_ms;
	size_t n, i;
	memset(f, 0, sizeof(*f));
	f->up_limit = f->down_limit = INT32_MIN;
	if (b) {
		f->up_window_ms = b->scale_up.has_stabilization_window ? (int64_t)b->scale_up.stabilization_window_seconds * 1000
			: 0;
		f->down_window_ms = b->scale_down.has_stabilization_window
			? (int64_t)b->scale_down.stabilization_window_seconds * 1000 : o->downscale_stabilization_ms;
	} else {
		f->down_window_ms = o->downscale_stabilization_ms;
	}
	f->up_rec = f->down_rec = d->prenormalized_replicas;
	f->up_hist_min = INT32_MAX;
	f->down_hist_max = INT32_MIN;
	f->virt = !h || !hpa_history_has_recommendations(h);
	n = f->virt ? 1 : hpa_history_recommendation_count(h);
	for (i = 0; i < n; i++) {
		hpa_recommendation r;
		if (f->virt) {
			r.replicas = d->current_replicas;
			r.timestamp_ms = now;
		} else if (hpa_history_recommendation_at(h, i, &r) != HPA_OK) {
			continue;
		}
		if (b ? r.timestamp_ms > now - f->up_window_ms : false) {
			f->n_up++;
			if (r.replicas < f->up_rec)
				f->up_rec = r.replicas;
			if (r.replicas < f->up_hist_min)
				f->up_hist_min = r.replicas;
		}
		/* legacy keeps entries not older than the cutoff, behavior those after it */
		if (b ? r.timestamp_ms > now - f->down_window_ms : r.timestamp_ms >= now - f->down_window_ms) {
			f->n_down++;
			if (r.replicas > f->down_rec)
				f->down_rec = r.replicas;
			if (r.replicas > f->down_hist_max)
				f->down_hist_max = r.replicas;
		}
	}
	if (b) {
		hpa_decide_scale_limits(&f->up_limit, &f->down_limit, d->current_replicas, b, h, now, o, NULL);
	} else {
		double lim = o->scale_up_limit_factor * (double)d->current_replicas;
		if (!(lim >= o->scale_up_limit_minimum))
			lim = o->scale_up_limit_minimum;
		f->legacy_limit = lim >= 2147483647.0 ? INT32_MAX : (int32_t)lim;
	}
}

static void policies_text(hpa__buf *b, const hpa_decide_rules *r, bool up)
{
	static const hpa_decide_policy def_up[] = { { HPA_POLICY_PODS, 4, 15 }, { HPA_POLICY_PERCENT, 100, 15 } };
	static const hpa_decide_policy def_down[] = { { HPA_POLICY_PERCENT, 100, 15 } };
	const hpa_decide_policy *p = r->has_policies ? r->policies : up ? def_up : def_down;
	size_t n = r->has_policies ? r->n_policies : up ? 2 : 1;
	for (size_t i = 0; i < n; i++)
		hpa__buf_printf(b, "%s%s %d per %ds", i ? ", " : "", p[i].type == HPA_POLICY_PODS ? "Pods" : "Percent",
			(int)p[i].value, (int)p[i].period_seconds);
	if (!n)
		hpa__buf_puts(b, "none");
	if (!r->has_policies)
		hpa__buf_puts(b, " (defaults)");
	hpa__buf_printf(b, "; selectPolicy %s", r->select_policy == HPA_SELECT_MIN ? "Min"
		: r->select_policy == HPA_SELECT_DISABLED ? "Disabled" : "Max");
}

/* The scale events inside each distinct policy period (what the limits start from). */
static void events_text(hpa__buf *b, const hpa_history *h, const hpa_decide_rules *r, bool up, int64_t now)
{
	static const hpa_decide_policy def_up[] = { { HPA_POLICY_PODS, 4, 15 }, { HPA_POLICY_PERCENT, 100, 15 } };
	static const hpa_decide_policy def_down[] = { { HPA_POLICY_PERCENT, 100, 15 } };
	const hpa_decide_policy *p = r->has_policies ? r->policies : up ? def_up : def_down;
	size_t n = r->has_policies ? r->n_policies : up ? 2 : 1, i, j;
	if (r->select_policy == HPA_SELECT_DISABLED) {
		hpa__buf_printf(b, "  scaling %s is disabled (selectPolicy Disabled)\n", up ? "up" : "down");
		return;
	}
	for (i = 0; i < n; i++) {
		bool seen = false;
		for (j = 0; j < i; j++)
			if (p[j].period_seconds == p[i].period_seconds)
				seen = true;
		if (seen)
			continue;
		hpa__buf_printf(b, "  scale events in the last %ds: +%d up, -%d down\n", (int)p[i].period_seconds,
			h ? (int)hpa_history_replica_change(h, HPA_SCALE_UP, (int64_t)p[i].period_seconds * 1000, now) : 0,
			h ? (int)hpa_history_replica_change(h, HPA_SCALE_DOWN, (int64_t)p[i].period_seconds * 1000, now) : 0);
	}
}

static void window_text(hpa__buf *b, const char *what, size_t n, int32_t v, const char *which)
{
	if (n)
		hpa__buf_printf(b, "  %s: %zu recent recommendation(s), the %s %d\n", what, n, which, (int)v);
	else
		hpa__buf_printf(b, "  %s: no recent recommendation\n", what);
}

/* The recommendations newer than `since` (at most 8, newest last). */
static void recs_text(hpa__buf *b, const hpa_explain_input *x, const hpa_decision *d, const hpa_history *h,
	int64_t since, bool inclusive)
{
	size_t n, i, first, shown = 0;
	char t[40];
	bool virt = !h || !hpa_history_has_recommendations(h);
	if (virt) {
		hpa__time_format_rfc3339(t, x->in.now_ms);
		hpa__buf_printf(b, "  history: none for this HPA, so the controller first records the current count %d at "
			"%s\n", (int)d->current_replicas, t);
		return;
	}
	n = hpa_history_recommendation_count(h);
	for (i = 0, first = SIZE_MAX; i < n; i++) {
		hpa_recommendation r;
		if (hpa_history_recommendation_at(h, i, &r) == HPA_OK &&
		    (inclusive ? r.timestamp_ms >= since : r.timestamp_ms > since)) {
			if (first == SIZE_MAX)
				first = i;
			shown++;
		}
	}
	if (!shown)
		return;
	hpa__buf_puts(b, "  recent recommendations:");
	for (i = first, shown = 0; i < n; i++) {
		hpa_recommendation r;
		if (hpa_history_recommendation_at(h, i, &r) != HPA_OK ||
		    !(inclusive ? r.timestamp_ms >= since : r.timestamp_ms > since))
			continue;
		if (shown++ == 8) {
			hpa__buf_puts(b, " ...");
			break;
		}
		hpa__time_format_rfc3339(t, r.timestamp_ms);
		hpa__buf_printf(b, " %d at %s%s", (int)r.replicas, t, shown < 8 ? "," : "");
	}
	if (b->len && b->ptr[b->len - 1] == ',')
		b->ptr[--b->len] = '\0';
	hpa__buf_putc(b, '\n');
}

/* ---- text --------------------------------------------------------------------------------- */

typedef struct {
	hpa__buf *b;
	size_t shown;
} miss_ctx;

static void miss_text(void *arg, const char *pod, const char *container, const char *what)
{
	miss_ctx *mc = arg;
	if (mc->shown++ >= 20)
		return;
	if (container)
		hpa__buf_printf(mc->b, "      pod %s, container %s: %s\n", pod, *container ? container : "(unnamed)", what);
	else
		hpa__buf_printf(mc->b, "      pod %s: %s\n", pod, what);
}

static void text_metric(hpa__buf *b, const hpa_explain_input *x, const hpa_decision *d, size_t i,
	const hpa_decide_options *o, double tol_down, double tol_up)
{
	const hpa_decide_metric *m = &x->metrics[i];
	const hpa_metric_result *r = &d->metrics[i];
	char desc[HPA_DECIDE_TEXT_MAX], tgt[160], cur[200], ratio[40], q1[64], q2[64];
	size_t j, width = 8, n_obj_ready = 0;
	bool ratio_ok = r->status == HPA_OK && r->usage_ratio == r->usage_ratio;
	int32_t current = d->current_replicas;

	hpa_decide_metric_describe(m, desc, sizeof(desc));
	target_text(tgt, sizeof(tgt), m);
	hpa__buf_printf(b, "\nMetric %zu of %zu: %s%s\n", i + 1, d->n_metrics, desc,
		x->default_metric ? " (spec.metrics is empty: the API default)" : "");
	hpa__buf_printf(b, "  target:   %s\n", tgt);
	if (r->status != HPA_OK) {
		hpa__buf_printf(b, "  INVALID:  %s: %s\n", r->failure_reason ? r->failure_reason : "invalid metric",
			r->message);
	} else {
		current_text(cur, sizeof(cur), m, r, x->in.status_replicas);
		hpa__buf_printf(b, "  current:  %s\n", cur);
	}
	if (ratio_ok) {
		hpa__fixed(ratio, sizeof(ratio), r->usage_ratio, 3);
		hpa__buf_printf(b, "  ratio:    %s (current / target)", ratio);
		if (r->usage_ratio >= 1.0 - tol_down && r->usage_ratio <= 1.0 + tol_up)
			hpa__buf_puts(b, ", inside the tolerance band\n");
		else
			hpa__buf_printf(b, ", outside the tolerance band: the metric wants a scale %s\n",
				r->usage_ratio > 1.0 ? "up" : "down");
	}
	/* which pods counted */
	if (is_pods_based(m) && x->n_pods && d->metrics_computed) {
		hpa__buf_printf(b, "  pods:     %u ready (counted), %u unready, %u without a sample, %u ignored\n",
			r->n_ready, r->n_unready, r->n_missing, r->n_ignored);
		for (j = 0; j < x->n_pods; j++) {
			size_t k = strlen(x->pods[j].name);
			if (k > width)
				width = k;
		}
		if (width > 60)
			width = 60;
		for (j = 0; j < x->n_pods && j < MAX_TEXT_PODS; j++) {
			const hpa_decide_pod *p = &x->pods[j];
			uint8_t cls = pod_class(x, i, j);
			int64_t v;
			hpa__buf_printf(b, "    %-*s  %-24s", (int)width, p->name,
				cls == HPA_POD_NOT_CONSULTED ? "not consulted" : hpa_decide_pod_class_name(cls));
			if (m->type == HPA_SOURCE_PODS) {
				if (m->pod_values && m->pod_values[j].present)
					hpa__buf_printf(b, "  value %s", qtext(q1, sizeof(q1), m->pod_values[j].value_milli,
						HPA_QFMT_DECIMAL_SI));
			} else if (resource_sample(p, m, &v)) {
				hpa__buf_printf(b, "  usage %s", rtext(q1, sizeof(q1), v, m->resource));
			}
			if (is_util_path(m)) {
				if (pod_request(p, m, o, &v))
					hpa__buf_printf(b, "  request %s", rtext(q2, sizeof(q2), v, m->resource));
				else
					hpa__buf_puts(b, "  request <missing>");
			}
			/* trim the padding of the class column when nothing follows */
			while (b->len && b->ptr[b->len - 1] == ' ')
				b->ptr[--b->len] = '\0';
			hpa__buf_putc(b, '\n');
		}
		if (x->n_pods > MAX_TEXT_PODS)
			hpa__buf_printf(b, "    ... %zu more pods (see -o json)\n", x->n_pods - MAX_TEXT_PODS);
		if (m->type == HPA_SOURCE_PODS ? m->n_orphan_values : x->n_orphans)
			hpa__buf_printf(b, "    + %zu sample(s) for pods not in the pod list (they add nothing to the "
				"usage but count in the rebalanced sample count)\n",
				m->type == HPA_SOURCE_PODS ? m->n_orphan_values : x->n_orphans);
	} else if (is_pods_based(m) && !x->n_pods && d->metrics_computed) {
		hpa__buf_puts(b, "  pods:     none selected\n");
	}
	if (is_util_path(m) && x->n_pods) {
		miss_ctx mc = { b, 0 };
		size_t nm = missing_requests(x, m, o, NULL, NULL);
		if (nm) {
			hpa__buf_printf(b, "  missing %s requests (a utilization target needs a request on every counted "
				"container of every pod):\n", res_name(m->resource));
			missing_requests(x, m, o, miss_text, &mc);
			if (nm > 20)
				hpa__buf_printf(b, "      ... %zu more\n", nm - 20);
		}
	}
	if (r->status != HPA_OK || !d->metrics_computed)
		return;
	/* the arithmetic */
	hpa__buf_puts(b, "  proposal: ");
	if (m->type == HPA_SOURCE_OBJECT || m->type == HPA_SOURCE_EXTERNAL) {
		bool avg = m->has_average_value && (m->type == HPA_SOURCE_EXTERNAL ||
			m->target_type == HPA_TARGET_AVERAGE_VALUE);
		for (j = 0; j < x->n_pods; j++)
			if (pod_class(x, i, j) == HPA_POD_OBJECT_READY)
				n_obj_ready++;
		if (avg && r->replicas == x->in.status_replicas && ratio_ok && r->usage_ratio >= 1.0 - tol_down &&
		    r->usage_ratio <= 1.0 + tol_up)
			hpa__buf_printf(b, "%d (status.replicas, inside the tolerance band)\n", (int)r->replicas);
		else if (avg)
			hpa__buf_printf(b, "ceil(total / target per pod) = %d\n", (int)r->replicas);
		else if (current == 0)
			hpa__buf_printf(b, "ceil(%s) = %d (at 0 replicas: no tolerance, no pods consulted)\n", ratio,
				(int)r->replicas);
		else if (r->replicas == current && ratio_ok && r->usage_ratio >= 1.0 - tol_down &&
			 r->usage_ratio <= 1.0 + tol_up)
			hpa__buf_printf(b, "%d (current, inside the tolerance band)\n", (int)r->replicas);
		else
			hpa__buf_printf(b, "ceil(%s x %zu ready pods (Running and Ready)) = %d\n", ratio, n_obj_ready,
				(int)r->replicas);
		return;
	}
	if (!r->rebalanced) {
		if (ratio_ok && r->usage_ratio >= 1.0 - tol_down && r->usage_ratio <= 1.0 + tol_up)
			hpa__buf_printf(b, "%d (current, inside the tolerance band)\n", (int)r->replicas);
		else
			hpa__buf_printf(b, "ceil(%s x %u ready pods) = %d\n", ratio, r->n_ready, (int)r->replicas);
		return;
	}
	hpa__buf_puts(b, "rebalanced because");
	if (r->n_missing) {
		if (!ratio_ok || r->usage_ratio == 1.0)
			hpa__buf_printf(b, " %u pod(s) have no sample (not filled: the ratio is exactly 1)", r->n_missing);
		else if (r->usage_ratio < 1.0)
			hpa__buf_printf(b, " %u pod(s) without a sample are assumed at %s of %s (scale down)", r->n_missing,
				is_util_path(m) ? (m->average_utilization > 100 ? "the target" : "100%") : "the target",
				is_util_path(m) ? "their request" : "usage");
		else
			hpa__buf_printf(b, " %u pod(s) without a sample are assumed idle (0, scale up)", r->n_missing);
	}
	if (r->n_unready && ratio_ok && r->usage_ratio > 1.0)
		hpa__buf_printf(b, "%s %u unready pod(s) are assumed idle (0, scale up)", r->n_missing ? " and" : "",
			r->n_unready);
	hpa__buf_printf(b, ";\n            recomputed over %u samples: ", r->n_samples);
	if (r->replicas == current)
		hpa__buf_printf(b, "%d (current: the new ratio is inside the tolerance band, reverses the direction, "
			"or would move the other way)\n", (int)r->replicas);
	else
		hpa__buf_printf(b, "ceil(new ratio x %u) = %d\n", r->n_samples, (int)r->replicas);
}

static int render_text(hpa__buf *b, const hpa_explain_input *x, const hpa_decision *d, const hpa_history *h,
	const hpa_decide_options *o)
{
	const hpa_decide_input *in = &x->in;
	char now[40], t1[40], t2[40];
	double tol_down, tol_up;
	bool down_b, up_b;
	size_t i;
	int32_t current = d->current_replicas, max = in->max_replicas;

	hpa__time_format_rfc3339(now, in->now_ms);
	hpa__buf_printf(b, "HorizontalPodAutoscaler %s%s%s -> %s/%s, at %s\n", x->hpa_ns, *x->hpa_ns ? "/" : "",
		x->hpa_name, *x->ref_kind ? x->ref_kind : "?", *x->ref_name ? x->ref_name : "?", now);
	if (x->has_target)
		hpa__buf_printf(b, "  target:   %s %s: spec.replicas %d (the current count), status.replicas %d, "
			"selector %s\n", x->target_kind, x->target_name, (int)in->spec_replicas, (int)in->status_replicas,
			*x->selector_text ? x->selector_text : "<empty>");
	else
		hpa__buf_printf(b, "  target:   none given: current count %d from the HPA's status.currentReplicas, "
			"every listed pod counted\n", (int)in->spec_replicas);
	hpa__buf_printf(b, "  pods:     %zu selected of %zu listed", x->n_pods, x->n_listed_pods);
	if (x->n_unselected)
		hpa__buf_printf(b, " (%zu of other workloads or namespaces ignored)", x->n_unselected);
	hpa__buf_printf(b, "; %zu PodMetrics items", x->n_pod_metrics);
	if (x->n_orphans)
		hpa__buf_printf(b, ", %zu for pods not in the pod list", x->n_orphans);
	if (x->n_dropped)
		hpa__buf_printf(b, "; %zu metric items of other pods dropped", x->n_dropped);
	hpa__buf_putc(b, '\n');
	hpa__buf_printf(b, "  bounds:   minReplicas %d%s, maxReplicas %d\n", (int)d->min_replicas,
		in->has_min_replicas ? "" : " (default)", (int)max);
	tolerances(x, o, &tol_down, &tol_up, &down_b, &up_b);
	hpa__fixed(t1, sizeof(t1), 1.0 - tol_down, 3);
	hpa__fixed(t2, sizeof(t2), 1.0 + tol_up, 3);
	hpa__buf_printf(b, "  tolerance: no change while current / target stays within [%s, %s] (%s)\n", t1, t2,
		down_b || up_b ? "from spec.behavior.*.tolerance" : "controller default");

	/* the outcome first */
	hpa__buf_puts(b, "\nDecision: ");
	if (d->rescale)
		hpa__buf_printf(b, "scale %s from %d to %d replicas\n", d->desired_replicas > current ? "up" : "down",
			(int)current, (int)d->desired_replicas);
	else if (d->error)
		hpa__buf_printf(b, "no scaling (the controller reports an error); desiredReplicas stays %d\n",
			(int)d->desired_replicas);
	else
		hpa__buf_printf(b, "keep %d replicas\n", (int)current);
	if (d->rescale_reason[0])
		hpa__buf_printf(b, "  reason:   %s\n", d->rescale_reason);
	if (d->error_message[0])
		hpa__buf_printf(b, "  error:    %s\n", d->error_message);

	switch (d->limit_reason) {
	case HPA_LIMIT_SCALING_DISABLED:
		hpa__buf_puts(b, "  The target has 0 replicas and minReplicas is not 0: the controller does not scale "
			"it (scale the target up by hand to re-enable autoscaling).\n");
		break;
	case HPA_LIMIT_CURRENT_ABOVE_MAX:
		hpa__buf_printf(b, "  The current count %d is above maxReplicas %d: the controller sets %d without "
			"looking at metrics.\n", (int)current, (int)max, (int)max);
		break;
	case HPA_LIMIT_CURRENT_BELOW_MIN:
		hpa__buf_printf(b, "  The current count %d is below minReplicas %d: the controller sets %d without "
			"looking at metrics.\n", (int)current, (int)d->min_replicas, (int)d->min_replicas);
		break;
	case HPA_LIMIT_INVALID_SELECTOR:
		hpa__buf_puts(b, "  The target's selector cannot be used, so no pods and no metrics are read.\n");
		break;
	default:
		break;
	}

	if (d->metrics_computed)
		for (i = 0; i < d->n_metrics; i++)
			text_metric(b, x, d, i, o, tol_down, tol_up);

	if (d->prenormalized_replicas >= 0) {
		stab_facts f;
		char w1[32], w2[32];
		stab_compute(&f, x, d, h, o);
		hpa__buf_puts(b, "\nCombining metrics: ");
		if (d->metric_index != SIZE_MAX)
			hpa__buf_printf(b, "the highest proposal is %d (metric %zu)", (int)d->metric_replicas,
				d->metric_index + 1);
		else
			hpa__buf_printf(b, "%d", (int)d->metric_replicas);
		if (d->n_invalid_metrics)
			hpa__buf_printf(b, "; %zu invalid metric(s) do not block it because the valid ones scale up",
				d->n_invalid_metrics);
		hpa__buf_putc(b, '\n');
		seconds_text(w1, sizeof(w1), f.up_window_ms);
		seconds_text(w2, sizeof(w2), f.down_window_ms);
		if (!in->behavior) {
			hpa__buf_printf(b, "Stabilization (spec.behavior not set: legacy rules): the highest recommendation of "
				"the last %s wins a scale down\n", w2);
			window_text(b, "scale-down window", f.n_down, f.down_hist_max, "highest");
			recs_text(b, x, d, h, in->now_ms - f.down_window_ms, true);
			hpa__buf_printf(b, "  new recommendation %d -> stabilized %d\n", (int)d->prenormalized_replicas,
				(int)d->stabilized_replicas);
			hpa__fixed(t1, sizeof(t1), o->scale_up_limit_factor, 1);
			hpa__fixed(t2, sizeof(t2), o->scale_up_limit_minimum, 1);
			hpa__buf_printf(b, "Limits: scale-up limit max(%s x %d, %s) = %d; minReplicas %d, maxReplicas %d\n",
				t1, (int)current, t2, (int)f.legacy_limit, (int)d->min_replicas, (int)max);
		} else {
			hpa__buf_printf(b, "Stabilization: a scale up takes the lowest recommendation of the last %s, a scale "
				"down the highest of the last %s\n", w1, w2);
			window_text(b, "scale-up window", f.n_up, f.up_hist_min, "lowest");
			window_text(b, "scale-down window", f.n_down, f.down_hist_max, "highest");
			recs_text(b, x, d, h, in->now_ms - (f.up_window_ms > f.down_window_ms ? f.up_window_ms : f.down_window_ms),
				false);
			hpa__buf_printf(b, "  new recommendation %d; current %d kept between %d and %d -> stabilized %d",
				(int)d->prenormalized_replicas, (int)current, (int)f.up_rec, (int)f.down_rec,
				(int)d->stabilized_replicas);
			if (d->stabilization == HPA_STAB_SCALE_UP_STABILIZED)
				hpa__buf_puts(b, " (held back: recent recommendations were lower)");
			else if (d->stabilization == HPA_STAB_SCALE_DOWN_STABILIZED)
				hpa__buf_puts(b, " (held up: recent recommendations were higher)");
			hpa__buf_putc(b, '\n');
			if (d->stabilized_replicas > current) {
				hpa__buf_puts(b, "Rate limit (scaleUp: ");
				policies_text(b, &in->behavior->scale_up, true);
				hpa__buf_printf(b, "): at most %d replicas now\n", (int)(f.up_limit < current ? current : f.up_limit));
				events_text(b, h, &in->behavior->scale_up, true, in->now_ms);
			} else if (d->stabilized_replicas < current) {
				hpa__buf_puts(b, "Rate limit (scaleDown: ");
				policies_text(b, &in->behavior->scale_down, false);
				hpa__buf_printf(b, "): at least %d replicas now\n",
					(int)(f.down_limit > current ? current : f.down_limit));
				events_text(b, h, &in->behavior->scale_down, false, in->now_ms);
			}
		}
		hpa__buf_printf(b, "Result: stabilized %d -> desired %d (%s: %s)\n", (int)d->stabilized_replicas,
			(int)d->desired_replicas,
			hpa_decide_limit_name(d->limit_reason) ? hpa_decide_limit_name(d->limit_reason) : "?",
			d->limit_reason == HPA_LIMIT_TOO_MANY_REPLICAS ? "capped at maxReplicas"
			: d->limit_reason == HPA_LIMIT_TOO_FEW_REPLICAS ? "raised to minReplicas"
			: d->limit_reason == HPA_LIMIT_SCALE_UP_LIMIT ? "capped by the scale-up rate"
			: d->limit_reason == HPA_LIMIT_SCALE_DOWN_LIMIT ? "held by the scale-down rate"
			: "within the limits");
	}

	hpa__buf_puts(b, "\nConditions:\n");
	for (i = 0; i < d->n_conditions; i++) {
		const hpa_decision_condition *c = &d->conditions[i];
		hpa__buf_printf(b, "  %-15s %-6s %-22s %s\n", hpa_decide_condition_name(c->type),
			hpa_decide_cond_status_name(c->status), c->reason ? c->reason : "", c->message);
	}
	return hpa__buf_oom(b) ? HPA_ENOMEM : HPA_OK;
}

/* ---- JSON --------------------------------------------------------------------------------- */

typedef struct {
	hpa__buf *b;
	int depth;
	bool first[32];
} jw;

static void j_str_raw(hpa__buf *b, const char *s)
{
	hpa__buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			hpa__buf_printf(b, "\\%c", c);
		else if (c == '\n')
			hpa__buf_puts(b, "\\n");
		else if (c == '\t')
			hpa__buf_puts(b, "\\t");
		else if (c == '\r')
			hpa__buf_puts(b, "\\r");
		else if (c < 0x20)
			hpa__buf_printf(b, "\\u%04x", c);
		else
			hpa__buf_putc(b, (char)c);
	}
	hpa__buf_putc(b, '"');
}

static void j_key(jw *w, const char *key)
{
	if (!w->first[w->depth])
		hpa__buf_putc(w->b, ',');
	w->first[w->depth] = false;
	hpa__buf_putc(w->b, '\n');
	for (int i = 0; i < w->depth; i++)
		hpa__buf_puts(w->b, "  ");
	if (key) {
		j_str_raw(w->b, key);
		hpa__buf_puts(w->b, ": ");
	}
}

static void j_open(jw *w, const char *key, char brace)
{
	if (w->depth >= 0)
		j_key(w, key);
	hpa__buf_putc(w->b, brace);
	if (w->depth < 30)
		w->depth++;
	w->first[w->depth] = true;
}

static void j_close(jw *w, char brace)
{
	bool empty = w->first[w->depth];
	w->depth--;
	if (!empty) {
		hpa__buf_putc(w->b, '\n');
		for (int i = 0; i < w->depth; i++)
			hpa__buf_puts(w->b, "  ");
	}
	hpa__buf_putc(w->b, brace);
}

static void j_str(jw *w, const char *key, const char *v)
{
	j_key(w, key);
	if (v)
		j_str_raw(w->b, v);
	else
		hpa__buf_puts(w->b, "null");
}

static void j_int(jw *w, const char *key, int64_t v)
{
	j_key(w, key);
	hpa__buf_printf(w->b, "%lld", (long long)v);
}

static void j_bool(jw *w, const char *key, bool v)
{
	j_key(w, key);
	hpa__buf_puts(w->b, v ? "true" : "false");
}

static void j_null(jw *w, const char *key)
{
	j_key(w, key);
	hpa__buf_puts(w->b, "null");
}

static void j_num(jw *w, const char *key, double v)
{
	char t[48];
	if (v != v || v > 1e15 || v < -1e15) {
		j_null(w, key);
		return;
	}
	hpa__fixed(t, sizeof(t), v, 6);
	j_key(w, key);
	hpa__buf_puts(w->b, t);
}

static void j_qty(jw *w, const char *key, int64_t milli, int qformat)
{
	char q[64];
	j_str(w, key, qtext(q, sizeof(q), milli, qformat));
}

typedef struct {
	jw *w;
} miss_json;

static void miss_j(void *arg, const char *pod, const char *container, const char *what)
{
	jw *w = ((miss_json *)arg)->w;
	j_open(w, NULL, '{');
	j_str(w, "pod", pod);
	j_str(w, "container", container);
	j_str(w, "problem", what);
	j_close(w, '}');
}

static void json_target(jw *w, const hpa_decide_metric *m)
{
	j_open(w, "target", '{');
	j_str(w, "type", m->target_type == HPA_TARGET_UTILIZATION ? "Utilization"
		: m->target_type == HPA_TARGET_AVERAGE_VALUE ? "AverageValue" : m->target_type == HPA_TARGET_VALUE ? "Value"
		: NULL);
	if (m->has_average_utilization)
		j_int(w, "averageUtilization", m->average_utilization);
	if (m->has_average_value)
		j_qty(w, "averageValue", m->average_value_milli, m->average_value_format);
	if (m->has_value)
		j_qty(w, "value", m->value_milli, m->value_format);
	j_close(w, '}');
}

static void json_metric(jw *w, const hpa_explain_input *x, const hpa_decision *d, size_t i,
	const hpa_decide_options *o)
{
	const hpa_decide_metric *m = &x->metrics[i];
	const hpa_metric_result *r = &d->metrics[i];
	char desc[HPA_DECIDE_TEXT_MAX];
	size_t j;
	hpa_decide_metric_describe(m, desc, sizeof(desc));
	j_open(w, NULL, '{');
	j_int(w, "index", (int64_t)i + 1);
	j_str(w, "type", m->type == HPA_SOURCE_UNKNOWN ? m->type_name : hpa_decide_source_name(m->type));
	j_str(w, "description", desc);
	if (m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE)
		j_str(w, "resource", res_name(m->resource));
	if (m->container)
		j_str(w, "container", m->container);
	if (m->name)
		j_str(w, "name", m->name);
	if (x->default_metric)
		j_bool(w, "apiDefault", true);
	json_target(w, m);
	if (!d->metrics_computed) {
		j_bool(w, "evaluated", false);
		j_close(w, '}');
		return;
	}
	j_bool(w, "evaluated", true);
	j_bool(w, "valid", r->status == HPA_OK);
	j_str(w, "failureReason", r->failure_reason);
	j_str(w, "message", r->status == HPA_OK ? NULL : r->message);
	j_open(w, "current", '{');
	if (r->status == HPA_OK) {
		if (r->has_average_utilization)
			j_int(w, "averageUtilization", r->average_utilization);
		if (r->has_average_value)
			j_qty(w, "averageValue", r->average_value_milli, r->value_format);
		if (r->has_value)
			j_qty(w, "value", r->value_milli, r->value_format);
	}
	j_close(w, '}');
	j_num(w, "usageRatio", r->status == HPA_OK ? r->usage_ratio : NAN);
	j_int(w, "replicas", r->status == HPA_OK ? r->replicas : 0);
	j_int(w, "ready", r->n_ready);
	j_int(w, "unready", r->n_unready);
	j_int(w, "missing", r->n_missing);
	j_int(w, "ignored", r->n_ignored);
	j_int(w, "samples", r->n_samples);
	j_bool(w, "rebalanced", r->rebalanced);
	if (m->type == HPA_SOURCE_OBJECT || m->type == HPA_SOURCE_EXTERNAL)
		j_int(w, "items", (int64_t)x->n_custom_items[i]);
	if (is_pods_based(m) || m->type == HPA_SOURCE_OBJECT || m->type == HPA_SOURCE_EXTERNAL) {
		j_open(w, "pods", '[');
		for (j = 0; j < x->n_pods; j++) {
			const hpa_decide_pod *p = &x->pods[j];
			uint8_t cls = pod_class(x, i, j);
			int64_t v;
			char q[64];
			if (cls == HPA_POD_NOT_CONSULTED && !is_pods_based(m))
				continue;
			j_open(w, NULL, '{');
			j_str(w, "name", p->name);
			j_str(w, "class", hpa_decide_pod_class_name(cls));
			if (m->type == HPA_SOURCE_PODS) {
				if (m->pod_values && m->pod_values[j].present)
					j_qty(w, "value", m->pod_values[j].value_milli, HPA_QFMT_DECIMAL_SI);
			} else if (is_pods_based(m) && resource_sample(p, m, &v)) {
				j_str(w, "usage", rtext(q, sizeof(q), v, m->resource));
			}
			if (is_util_path(m)) {
				if (pod_request(p, m, o, &v))
					j_str(w, "request", rtext(q, sizeof(q), v, m->resource));
				else
					j_null(w, "request");
			}
			j_close(w, '}');
		}
		j_close(w, ']');
		if (is_pods_based(m))
			j_int(w, "orphanSamples", (int64_t)(m->type == HPA_SOURCE_PODS ? m->n_orphan_values : x->n_orphans));
	}
	if (is_util_path(m)) {
		miss_json mj = { w };
		j_open(w, "missingRequests", '[');
		missing_requests(x, m, o, miss_j, &mj);
		j_close(w, ']');
	}
	j_close(w, '}');
}

static int render_json(hpa__buf *b, const hpa_explain_input *x, const hpa_decision *d, const hpa_history *h,
	const hpa_decide_options *o)
{
	const hpa_decide_input *in = &x->in;
	jw w;
	char now[40];
	double tol_down, tol_up;
	bool down_b, up_b;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.b = b;
	w.depth = -1;
	hpa__time_format_rfc3339(now, in->now_ms);
	j_open(&w, NULL, '{');
	j_open(&w, "hpa", '{');
	j_str(&w, "name", x->hpa_name);
	j_str(&w, "namespace", x->hpa_ns);
	j_str(&w, "scaleTargetRefKind", x->ref_kind);
	j_str(&w, "scaleTargetRefName", x->ref_name);
	j_close(&w, '}');
	j_str(&w, "now", now);
	j_open(&w, "target", '{');
	j_str(&w, "kind", x->has_target ? x->target_kind : NULL);
	j_str(&w, "name", x->has_target ? x->target_name : NULL);
	j_int(&w, "specReplicas", in->spec_replicas);
	j_int(&w, "statusReplicas", in->status_replicas);
	j_str(&w, "selector", x->selector_text);
	j_close(&w, '}');
	j_open(&w, "inputs", '{');
	j_int(&w, "podsListed", (int64_t)x->n_listed_pods);
	j_int(&w, "podsSelected", (int64_t)x->n_pods);
	j_int(&w, "podsIgnored", (int64_t)x->n_unselected);
	j_int(&w, "podMetricsItems", (int64_t)x->n_pod_metrics);
	j_int(&w, "orphanPodMetrics", (int64_t)x->n_orphans);
	j_int(&w, "droppedMetricItems", (int64_t)x->n_dropped);
	j_close(&w, '}');
	j_int(&w, "currentReplicas", d->current_replicas);
	j_int(&w, "minReplicas", d->min_replicas);
	j_int(&w, "maxReplicas", in->max_replicas);
	tolerances(x, o, &tol_down, &tol_up, &down_b, &up_b);
	j_open(&w, "tolerance", '{');
	j_num(&w, "scaleDown", tol_down);
	j_num(&w, "scaleUp", tol_up);
	j_str(&w, "source", down_b || up_b ? "behavior" : "controller");
	j_close(&w, '}');
	j_open(&w, "metrics", '[');
	for (i = 0; i < d->n_metrics; i++)
		json_metric(&w, x, d, i, o);
	j_close(&w, ']');
	if (d->metric_replicas >= 0)
		j_int(&w, "metricReplicas", d->metric_replicas);
	else
		j_null(&w, "metricReplicas");
	if (d->metric_index != SIZE_MAX)
		j_int(&w, "metricIndex", (int64_t)d->metric_index + 1);
	else
		j_null(&w, "metricIndex");
	if (d->prenormalized_replicas >= 0) {
		stab_facts f;
		stab_compute(&f, x, d, h, o);
		j_open(&w, "normalization", '{');
		j_bool(&w, "behavior", in->behavior != NULL);
		j_int(&w, "prenormalizedReplicas", d->prenormalized_replicas);
		j_int(&w, "stabilizedReplicas", d->stabilized_replicas);
		j_str(&w, "stabilization", d->stabilization == HPA_STAB_SCALE_UP_STABILIZED ? "ScaleUpStabilized"
			: d->stabilization == HPA_STAB_SCALE_DOWN_STABILIZED ? "ScaleDownStabilized" : "ReadyForNewScale");
		j_bool(&w, "historyInitialized", !f.virt);
		if (in->behavior) {
			j_int(&w, "scaleUpWindowSeconds", f.up_window_ms / 1000);
			j_int(&w, "scaleUpWindowLowest", f.up_rec);
		}
		j_int(&w, "scaleDownWindowSeconds", f.down_window_ms / 1000);
		j_int(&w, "scaleDownWindowHighest", f.down_rec);
		if (in->behavior) {
			j_int(&w, "scaleUpLimit", f.up_limit < d->current_replicas ? d->current_replicas : f.up_limit);
			j_int(&w, "scaleDownLimit", f.down_limit > d->current_replicas ? d->current_replicas : f.down_limit);
		} else {
			j_int(&w, "scaleUpLimit", f.legacy_limit);
		}
		j_close(&w, '}');
	} else {
		j_null(&w, "normalization");
	}
	j_str(&w, "limitReason", hpa_decide_limit_name(d->limit_reason));
	j_int(&w, "desiredReplicas", d->desired_replicas);
	j_bool(&w, "rescale", d->rescale);
	j_bool(&w, "error", d->error);
	j_str(&w, "errorMessage", d->error_message[0] ? d->error_message : NULL);
	j_str(&w, "rescaleReason", d->rescale_reason[0] ? d->rescale_reason : NULL);
	j_open(&w, "conditions", '[');
	for (i = 0; i < d->n_conditions; i++) {
		const hpa_decision_condition *c = &d->conditions[i];
		j_open(&w, NULL, '{');
		j_str(&w, "type", hpa_decide_condition_name(c->type));
		j_str(&w, "status", hpa_decide_cond_status_name(c->status));
		j_str(&w, "reason", c->reason);
		j_str(&w, "message", c->message);
		j_close(&w, '}');
	}
	j_close(&w, ']');
	j_close(&w, '}');
	hpa__buf_putc(b, '\n');
	return hpa__buf_oom(b) ? HPA_ENOMEM : HPA_OK;
}

int hpa_explain_render(char **out, size_t *len_out, const hpa_explain_input *x, const hpa_decision *d,
	const hpa_history *h, const hpa_decide_options *opts, int format, hpa_error *err)
{
	static const size_t sizes[] = { sizeof(hpa_decide_options) };
	hpa_decide_options o = HPA_DECIDE_OPTIONS_INIT;
	hpa__buf b = HPA__BUF_INIT;
	int rc;
	if (out)
		*out = NULL;
	if (len_out)
		*len_out = 0;
	if (!out || !x || !d)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_render: NULL argument");
	if (format != HPA_EXPLAIN_TEXT && format != HPA_EXPLAIN_JSON)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_render: unknown format %d", format);
	if ((rc = hpa__options_copy(&o, opts, sizes, HPA_DECIDE_OPTIONS_VERSION, "hpa_decide_options", err)))
		return rc;
	if ((rc = hpa__decision_check(d, x->n_metrics, "hpa_explain_render", err)))
		return rc;
	if (d->n_metrics != x->n_metrics || d->current_replicas != x->in.spec_replicas)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_render: the decision was not computed from this input");
	rc = format == HPA_EXPLAIN_TEXT ? render_text(&b, x, d, h, &o) : render_json(&b, x, d, h, &o);
	if (rc || !(*out = hpa__buf_detach(&b, len_out))) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	return HPA_OK;
}
