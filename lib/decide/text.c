/*
 * lib/decide/text.c -- the texts of a decision: condition messages, the
 * event reason and metric names (upstream's condition messages and
 * rescaleReason). hpa_decide() computes numbers and condition reasons only;
 * the texts are formatted afterwards from the decision and its input, by
 * hpa_decide() itself unless options.no_text, or later by
 * hpa_decision_format_conditions(). One formatter for both: the lazy texts
 * are the texts.
 *
 * Every text is bounded by HPA_DECIDE_TEXT_MAX (truncated, NUL-terminated);
 * fixed texts are copied with their compile-time length.
 */
#include "calc_int.h"

/* ---- a bounded writer ----------------------------------------------------------- */

typedef struct {
	char *p;
	size_t len, cap;        /* cap >= 1 */
} tw;

static inline void tw_put(tw *w, const char *s, size_t n)
{
	size_t room = w->cap - 1 - w->len;
	if (LIKELY(n <= room)) {
		memcpy(w->p + w->len, s, n); /* a constant n (TW_LIT) compiles to a few moves */
		w->len += n;
	} else {
		memcpy(w->p + w->len, s, room);
		w->len += room;
	}
}

static inline void tw_str(tw *w, const char *s)
{
	if (s)
		tw_put(w, s, strlen(s));
}

static inline void tw_end(tw *w)
{
	w->p[w->len] = '\0';
}

#define TW_LIT(w, lit) tw_put((w), (lit), sizeof(lit) - 1)

/* A fixed text NUL-padded to PAD bytes, copied with a constant size (a few
 * vector moves instead of a memcpy call of a variable length). The bytes
 * of the buffer after the text's NUL become NULs too. */
#define PAD 128
typedef struct {
	char s[PAD];
} padded;
_Static_assert(PAD <= HPA_DECIDE_TEXT_MAX, "a padded text fits every text buffer");

static inline void set_padded(char *dst, const padded *p)
{
	memcpy(dst, p->s, PAD);
}

/* ---- metric names ------------------------------------------------------------------- */

/* The controller's name of a metric, appended to w (the texts of
 * hpa_decide_metric_describe()). */
static void describe(tw *w, const hpa_decide_metric *m)
{
	size_t start = w->len;
	switch (m->type) {
	case HPA_SOURCE_RESOURCE:
	case HPA_SOURCE_CONTAINER_RESOURCE:
		if (m->resource == HPA_RESOURCE_CPU)
			TW_LIT(w, "cpu");
		else if (m->resource == HPA_RESOURCE_MEMORY)
			TW_LIT(w, "memory");
		if (m->has_average_value)
			TW_LIT(w, " resource");
		else if (m->has_average_utilization && m->type == HPA_SOURCE_RESOURCE)
			TW_LIT(w, " resource utilization (percentage of request)");
		else if (m->has_average_utilization)
			TW_LIT(w, " container resource utilization (percentage of request)");
		else
			w->len = start;
		break;
	case HPA_SOURCE_PODS:
		TW_LIT(w, "pods metric ");
		tw_str(w, m->name);
		break;
	case HPA_SOURCE_OBJECT:
		if (m->target_type == HPA_TARGET_VALUE && m->has_value) {
			tw_str(w, m->object_kind);
			TW_LIT(w, " metric ");
			tw_str(w, m->name);
			break;
		}
		if (!(m->target_type == HPA_TARGET_AVERAGE_VALUE && m->has_average_value))
			break;
		/* fall through - upstream labels Object AverageValue "external metric" */
	case HPA_SOURCE_EXTERNAL:
		if (m->type == HPA_SOURCE_EXTERNAL && !m->has_average_value && !m->has_value)
			break;
		TW_LIT(w, "external metric ");
		tw_str(w, m->name);
		TW_LIT(w, "(");
		if (m->selector)
			tw_str(w, m->selector);
		else
			TW_LIT(w, "nil");
		TW_LIT(w, ")");
		break;
	default:
		break;
	}
}

size_t hpa_decide_metric_describe(const hpa_decide_metric *m, char *buf, size_t size)
{
	char tmp[HPA_DECIDE_TEXT_MAX];
	tw w = { tmp, 0, sizeof(tmp) };
	if (m)
		describe(&w, m);
	tw_end(&w);
	if (size) {
		size_t k = w.len < size - 1 ? w.len : size - 1;
		memcpy(buf, tmp, k);
		buf[k] = '\0';
	}
	return w.len;
}

/* ---- condition messages and the event reason -------------------------------------------- */

static const padded stab_messages[] = {
	{ "" },
	{ "recommended size matches current size" },
	{ "recent recommendations were lower than current one, applying the lowest recent recommendation" },
	{ "recent recommendations were higher than current one, applying the highest recent recommendation" },
};
static const padded limit_messages[] = {
	{ "" },
	{ "the desired count is within the acceptable range" },
	{ "the desired replica count is less than the minimum replica count" },
	{ "the desired replica count is more than the maximum replica count" },
	{ "the desired replica count is increasing faster than the maximum scale rate" },
	{ "the desired replica count is decreasing faster than the maximum scale rate" },
};
static const padded got_scale = { "the HPA controller was able to get the target's current scale" };
static const padded disabled = { "scaling is disabled since the replica count of the target is zero" };
static const padded no_selector = { "the HPA target's scale is missing a selector" };
static const padded scaled_to_zero = { "the HPA controller scaled the workload to zero" };
static const padded not_scaled_to_zero = { "the HPA controller did not scale the workload to zero" };
static const padded below_target = { "All metrics below target" };
static const padded above_max = { "Current number of replicas above Spec.MaxReplicas" };
static const padded below_min = { "Current number of replicas below Spec.MinReplicas" };
static const padded able_to_update = { "the HPA controller was able to update the target scale to " };
#define ABLE_TO_UPDATE_LEN (sizeof("the HPA controller was able to update the target scale to ") - 1)

/* The texts naming a whole-pod Resource metric (describe()'s "cpu
 * resource", "memory resource utilization (percentage of request)", ...),
 * whole: [resource - 1][0 = AverageValue, 1 = Utilization]. */
static const padded active_resource[2][2] = {
	{ { "the HPA was able to successfully calculate a replica count from cpu resource" },
	  { "the HPA was able to successfully calculate a replica count from cpu resource utilization "
	    "(percentage of request)" } },
	{ { "the HPA was able to successfully calculate a replica count from memory resource" },
	  { "the HPA was able to successfully calculate a replica count from memory resource utilization "
	    "(percentage of request)" } },
};
static const padded above_resource[2][2] = {
	{ { "cpu resource above target" }, { "cpu resource utilization (percentage of request) above target" } },
	{ { "memory resource above target" }, { "memory resource utilization (percentage of request) above target" } },
};

/* The table index of a whole-pod Resource metric as describe() names it, or
 * -1 for every other metric. */
static inline int resource_text(const hpa_decide_metric *m)
{
	if (m->type != HPA_SOURCE_RESOURCE || (m->resource != HPA_RESOURCE_CPU && m->resource != HPA_RESOURCE_MEMORY))
		return -1;
	if (m->has_average_value)
		return (m->resource - 1) * 2;
	return m->has_average_utilization ? (m->resource - 1) * 2 + 1 : -1;
}

static void put_int(tw *w, int32_t v)
{
	char t[12];
	size_t n = sizeof(t);
	uint32_t u = v < 0 ? (uint32_t)0 - (uint32_t)v : (uint32_t)v;
	do {
		t[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		t[--n] = '-';
	tw_put(w, t + n, sizeof(t) - n);
}

/* The name of the metric that gave the recommendation, formatted once for
 * the ScalingActive message and the event reason (both truncate the same
 * text: it is at most HPA_DECIDE_TEXT_MAX - 1 characters, as there). */
typedef struct {
	const hpa_decision *d;
	const hpa_decide_metric *metrics;
	bool done;
	size_t len;
	char buf[HPA_DECIDE_TEXT_MAX];
} desc_t;

static void put_desc(tw *w, desc_t *ds)
{
	if (ds->d->metric_index >= ds->d->n_metrics)
		return;
	if (!ds->done) {
		tw b = { ds->buf, 0, sizeof(ds->buf) };
		describe(&b, &ds->metrics[ds->d->metric_index]);
		ds->len = b.len;
		ds->done = true;
	}
	tw_put(w, ds->buf, ds->len);
}

/* The message of condition c, from the decision and the input: every
 * message upstream sets is a function of the condition's type and status
 * and of the decision's outcome. */
static void condition_message(hpa_decision_condition *c, const hpa_decision *d, const hpa_decide_input *in,
	desc_t *ds)
{
	tw w = { c->message, 0, sizeof(c->message) };
	size_t i;
	switch (c->type) {
	case HPA_CONDITION_ABLE_TO_SCALE:
		if (d->rescale) {
			set_padded(c->message, &able_to_update);
			w.len = ABLE_TO_UPDATE_LEN;
			put_int(&w, d->desired_replicas);
			break;
		}
		set_padded(c->message, d->stabilization > 0 && d->stabilization <= HPA_STAB_SCALE_DOWN_STABILIZED
				? &stab_messages[d->stabilization] : &got_scale);
		return;
	case HPA_CONDITION_SCALING_ACTIVE:
		if (c->status == HPA_COND_TRUE) {
			int k = d->metric_index < d->n_metrics ? resource_text(&ds->metrics[d->metric_index]) : -1;
			if (k >= 0) {
				set_padded(c->message, &active_resource[k / 2][k % 2]);
				return;
			}
			TW_LIT(&w, "the HPA was able to successfully calculate a replica count from ");
			put_desc(&w, ds);
			break;
		}
		switch (d->limit_reason) {
		case HPA_LIMIT_SCALING_DISABLED:
			set_padded(c->message, &disabled);
			return;
		case HPA_LIMIT_INVALID_SELECTOR:
			if (in->selector == HPA_SELECTOR_EMPTY) {
				set_padded(c->message, &no_selector);
				return;
			}
			tw_str(&w, d->error_message);
			break;
		case HPA_LIMIT_INVALID_METRICS:
			for (i = 0; i < d->n_metrics && d->metrics[i].status == HPA_OK; i++)
				;
			TW_LIT(&w, "the HPA was unable to compute the replica count: ");
			if (i < d->n_metrics)
				tw_str(&w, d->metrics[i].message);
			break;
		default:
			break;
		}
		break;
	case HPA_CONDITION_SCALING_LIMITED:
		if (d->limit_reason > 0 && d->limit_reason <= HPA_LIMIT_SCALE_DOWN_LIMIT) {
			set_padded(c->message, &limit_messages[d->limit_reason]);
			return;
		}
		break;
	case HPA_CONDITION_SCALED_TO_ZERO:
		set_padded(c->message, c->status == HPA_COND_TRUE ? &scaled_to_zero : &not_scaled_to_zero);
		return;
	default:
		break;
	}
	tw_end(&w);
}

void hpa__format_texts(hpa_decision *d, const hpa_decide_input *in)
{
	desc_t ds;
	size_t i;
	ds.d = d;
	ds.metrics = in->n_metrics ? in->metrics : &hpa__default_metric;
	ds.done = false;
	for (i = 0; i < d->n_conditions; i++)
		condition_message(&d->conditions[i], d, in, &ds);
	/* the event reason (rescaleReason) */
	if (!d->rescale) {
		d->rescale_reason[0] = '\0';
	} else if (d->prenormalized_replicas >= 0) {
		/* from the metrics: the recommendation against the current count */
		if (d->prenormalized_replicas > d->current_replicas) {
			tw w = { d->rescale_reason, 0, sizeof(d->rescale_reason) };
			int k = d->metric_replicas == d->prenormalized_replicas && d->metric_index < d->n_metrics
				? resource_text(&ds.metrics[d->metric_index]) : -1;
			if (k >= 0) {
				set_padded(d->rescale_reason, &above_resource[k / 2][k % 2]);
				return;
			}
			if (d->metric_replicas == d->prenormalized_replicas)
				put_desc(&w, &ds);
			TW_LIT(&w, " above target");
			tw_end(&w);
		} else if (d->prenormalized_replicas < d->current_replicas) {
			set_padded(d->rescale_reason, &below_target);
		}
		/* equal: no reason (hpa_decide() wrote the one special case) */
	} else if (d->limit_reason == HPA_LIMIT_CURRENT_ABOVE_MAX) {
		set_padded(d->rescale_reason, &above_max);
	} else if (d->limit_reason == HPA_LIMIT_CURRENT_BELOW_MIN) {
		set_padded(d->rescale_reason, &below_min);
	}
}

int hpa__decision_check(const hpa_decision *d, size_t n, const char *who, hpa_error *err)
{
	size_t i;
	if (d->version != HPA_DECISION_VERSION)
		return hpa__error(err, HPA_EINVAL, "invalid version %u on hpa_decision", d->version);
	if (d->n_metrics != n || n > HPA_DECIDE_MAX_METRICS || d->n_conditions > HPA_DECIDE_MAX_CONDITIONS ||
	    (d->metric_index != SIZE_MAX && d->metric_index >= n) ||
	    (unsigned)d->limit_reason > HPA_LIMIT_INVALID_SELECTOR ||
	    (unsigned)d->stabilization > HPA_STAB_SCALE_DOWN_STABILIZED)
		return hpa__error(err, HPA_EINVAL, "%s: the decision is not one of this input", who);
	for (i = 0; i < d->n_conditions; i++)
		if (d->conditions[i].type < HPA_CONDITION_ABLE_TO_SCALE ||
		    d->conditions[i].type > HPA_CONDITION_SCALED_TO_ZERO ||
		    (unsigned)d->conditions[i].status - HPA_COND_TRUE > HPA_COND_UNKNOWN - HPA_COND_TRUE)
			return hpa__error(err, HPA_EINVAL, "%s: unknown condition type %d or status %d", who,
				d->conditions[i].type, d->conditions[i].status);
	for (i = 0; d->metrics_computed && i < n; i++) /* (the results are read only then) */
		if ((unsigned)d->metrics[i].type > HPA_SOURCE_UNKNOWN)
			return hpa__error(err, HPA_EINVAL, "%s: unknown source type %d in metrics[%zu]", who,
				d->metrics[i].type, i);
	return HPA_OK;
}

int hpa_decision_format_conditions(hpa_decision *d, const hpa_decide_input *in, const hpa_decide_options *opts,
	hpa_error *err)
{
	size_t n;
	hpa_decide_options obuf;
	const hpa_decide_options *o;
	int rc;
	if (!d || !in)
		return hpa__error(err, HPA_EINVAL, "hpa_decision_format_conditions: NULL argument");
	if ((rc = hpa__decide_options(&o, &obuf, opts, err)))
		return rc;
	if (in->version != HPA_DECIDE_INPUT_VERSION)
		return hpa__error(err, HPA_EINVAL, "invalid version %u on hpa_decide_input", in->version);
	n = in->n_metrics ? in->n_metrics : 1;
	if (in->n_metrics && !in->metrics)
		return hpa__error(err, HPA_EINVAL, "hpa_decision_format_conditions: the decision is not one of this input");
	if ((rc = hpa__decision_check(d, n, "hpa_decision_format_conditions", err)))
		return rc;
	hpa__format_texts(d, in);
	return HPA_OK;
}
