/*
 * lib/decide/decide.c -- one reconcile (upstream horizontal.go
 * reconcileAutoscaler, computeReplicasForMetrics, normalizeDesiredReplicas*,
 * stabilizeRecommendation*, convertDesiredReplicas*, calculateScale*Limit*),
 * without I/O, allocation or clock reads. The history is only read; what the
 * controller would store is returned in decision.update.
 */
#include "fast_int.h"
#if defined(__SSE2__)
# include <emmintrin.h>
#endif

/* The steps of the common reconcile, inlined into it. */
#if defined(__GNUC__)
# define HOT_INLINE inline __attribute__((always_inline))
#else
# define HOT_INLINE inline
#endif

/* ---- options and input ------------------------------------------------------------ */

static const hpa_decide_options default_options = HPA_DECIDE_OPTIONS_INIT;
static const size_t options_sizes[] = { sizeof(hpa_decide_options) };

int hpa_decide_options_init(hpa_decide_options *opts, unsigned int version)
{
	if (!opts || version == 0 || version > HPA_DECIDE_OPTIONS_VERSION)
		return HPA_EINVAL;
	*opts = default_options;
	return HPA_OK;
}

int hpa_decide_input_init(hpa_decide_input *in, unsigned int version)
{
	if (!in || version == 0 || version > HPA_DECIDE_INPUT_VERSION)
		return HPA_EINVAL;
	memset(in, 0, sizeof(*in));
	in->version = version;
	return HPA_OK;
}

static int options_bad(const hpa_decide_options *o)
{
	return (o->semantics != HPA_SEMANTICS_RELEASED && o->semantics != HPA_SEMANTICS_MASTER) ||
	       !(o->tolerance >= 0.0) || o->cpu_initialization_period_ms < 0 || o->initial_readiness_delay_ms < 0 ||
	       o->downscale_stabilization_ms < 0 || !(o->scale_up_limit_factor >= 1.0) ||
	       !(o->scale_up_limit_factor <= DBL_MAX) || !(o->scale_up_limit_minimum >= 0.0) ||
	       !(o->scale_up_limit_minimum <= DBL_MAX);
}

int hpa__decide_options(const hpa_decide_options **out, hpa_decide_options *o, const hpa_decide_options *opts,
	hpa_error *err)
{
	int rc;
	if (!opts) {
		*out = &default_options;
		return HPA_OK;
	}
	if (opts->version == HPA_DECIDE_OPTIONS_VERSION && opts->semantics != 0 && !options_bad(opts)) {
		*out = opts; /* the common case: used in place, no copy */
		return HPA_OK;
	}
	if (opts->version == HPA_DECIDE_OPTIONS_VERSION) {
		*o = *opts;
	} else {
		*o = default_options;
		if ((rc = hpa__options_copy(o, opts, options_sizes, HPA_DECIDE_OPTIONS_VERSION, "hpa_decide_options",
			     err)))
			return rc;
	}
	if (o->semantics == 0)
		o->semantics = HPA_SEMANTICS_RELEASED;
	if (o->semantics != HPA_SEMANTICS_RELEASED && o->semantics != HPA_SEMANTICS_MASTER)
		return hpa__error(err, HPA_EINVAL, "unknown semantics %d in hpa_decide_options", o->semantics);
	if (!(o->tolerance >= 0.0))
		return hpa__error(err, HPA_EINVAL, "hpa_decide_options: tolerance must be >= 0 (got %g)", o->tolerance);
	if (!(o->scale_up_limit_factor >= 1.0 && o->scale_up_limit_factor <= DBL_MAX))
		return hpa__error(err, HPA_EINVAL, "hpa_decide_options: scale_up_limit_factor must be finite and >= 1 "
			"(got %g)", o->scale_up_limit_factor);
	if (!(o->scale_up_limit_minimum >= 0.0 && o->scale_up_limit_minimum <= DBL_MAX))
		return hpa__error(err, HPA_EINVAL, "hpa_decide_options: scale_up_limit_minimum must be finite and >= 0 "
			"(got %g)", o->scale_up_limit_minimum);
	if (options_bad(o))
		return hpa__error(err, HPA_EINVAL, "hpa_decide_options: a negative duration (cpu_initialization_period_ms "
			"%lld, initial_readiness_delay_ms %lld, downscale_stabilization_ms %lld)",
			(long long)o->cpu_initialization_period_ms, (long long)o->initial_readiness_delay_ms,
			(long long)o->downscale_stabilization_ms);
	*out = o;
	return HPA_OK;
}

static int load_options(hpa_decide_options *o, const hpa_decide_options *opts, hpa_error *err)
{
	const hpa_decide_options *p = o;
	int rc = hpa__decide_options(&p, o, opts, err);
	if (rc == HPA_OK && p != o)
		*o = *p;
	return rc;
}

/* ---- behavior defaults ------------------------------------------------------------------ */

static const hpa_decide_policy default_up_policies[] = {
	{ HPA_POLICY_PODS, 4, 15 },
	{ HPA_POLICY_PERCENT, 100, 15 },
};
static const hpa_decide_policy default_down_policies[] = {
	{ HPA_POLICY_PERCENT, 100, 15 },
};

static void rules_policies(const hpa_decide_rules *r, bool up, const hpa_decide_policy **p, size_t *n)
{
	if (r->has_policies) {
		*p = r->policies;
		*n = r->n_policies;
	} else if (up) {
		*p = default_up_policies;
		*n = HPA__ARRAY_SIZE(default_up_policies);
	} else {
		*p = default_down_policies;
		*n = HPA__ARRAY_SIZE(default_down_policies);
	}
}

static int check_rules(const hpa_decide_rules *r, const char *dir, hpa_error *err)
{
	size_t i;
	if (r->select_policy < 0 || r->select_policy > HPA_SELECT_DISABLED)
		return hpa__error(err, HPA_EINVAL, "unknown selectPolicy %d in behavior.%s", r->select_policy, dir);
	if (r->has_policies && r->n_policies && !r->policies)
		return hpa__error(err, HPA_EINVAL, "behavior.%s.policies is NULL", dir);
	if (r->has_stabilization_window && r->stabilization_window_seconds < 0)
		return hpa__error(err, HPA_EINVAL, "negative behavior.%s.stabilizationWindowSeconds", dir);
	if (r->has_tolerance && !(r->tolerance >= 0.0))
		return hpa__error(err, HPA_EINVAL, "behavior.%s.tolerance must be >= 0", dir);
	for (i = 0; r->has_policies && i < r->n_policies; i++)
		if (r->policies[i].type != HPA_POLICY_PODS && r->policies[i].type != HPA_POLICY_PERCENT)
			return hpa__error(err, HPA_EINVAL, "unknown policy type %d in behavior.%s.policies[%zu]",
				r->policies[i].type, dir, i);
	return HPA_OK;
}

/* ---- rate limits --------------------------------------------------------------------------- */

/* Sum of the changes of events newer than cutoff, two at a time. */
static inline int64_t change_since(const hpa__evt *e, size_t n, int64_t cutoff)
{
	int64_t s0 = 0, s1 = 0;
	size_t i;
	for (i = 0; i + 1 < n; i += 2) {
		s0 += e[i].ts > cutoff ? e[i].change : 0;
		s1 += e[i + 1].ts > cutoff ? e[i + 1].change : 0;
	}
	if (i < n)
		s0 += e[i].ts > cutoff ? e[i].change : 0;
	return s0 + s1;
}

/* The replica count at the start of the period (getReplicasChangePerPeriod
 * of both directions). */
static HOT_INLINE int32_t period_start(int32_t current, const hpa_history *h, int32_t period_s, int64_t now)
{
	int64_t cutoff, up, down;
	if (!h)
		return current;
	cutoff = hpa__add_sat(now, -(int64_t)period_s * 1000);
	up = hpa__i32_sat(change_since(h->up, h->n_up, cutoff));
	down = hpa__i32_sat(change_since(h->down, h->n_down, cutoff));
	return hpa__i32_sat((int64_t)current - up + down);
}

static HOT_INLINE int32_t scale_up_limit(int32_t current, const hpa_decide_rules *r, const hpa_history *h, int64_t now)
{
	const hpa_decide_policy *p;
	size_t n, i;
	bool use_min = r->select_policy == HPA_SELECT_MIN;
	int32_t result = use_min ? INT32_MAX : INT32_MIN, period = 0, start = current;
	if (r->select_policy == HPA_SELECT_DISABLED)
		return current;
	if (!r->has_policies) {
		/* the default policies, Pods 4 and Percent 100, both per 15 s */
		int32_t pods, pct;
		start = period_start(current, h, 15, now);
		pods = hpa__i32_sat((int64_t)start + 4);
		pct = hpa__ceil_i32((double)start * 2.0);
		return use_min ? (pct < pods ? pct : pods) : (pct > pods ? pct : pods);
	}
	rules_policies(r, true, &p, &n);
	for (i = 0; i < n; i++) {
		int32_t proposed;
		if (i == 0 || p[i].period_seconds != period) {
			period = p[i].period_seconds;
			start = period_start(current, h, period, now);
		}
		if (p[i].type == HPA_POLICY_PODS)
			proposed = hpa__i32_sat((int64_t)start + p[i].value);
		else
			/* 1 + 100/100 is 2 exactly: no division for the default policy */
			proposed = hpa__ceil_i32((double)start *
				(p[i].value == 100 ? 2.0 : 1.0 + (double)p[i].value / 100.0));
		if (use_min ? proposed < result : proposed > result)
			result = proposed;
	}
	return result;
}

static int32_t scale_down_limit(int32_t current, const hpa_decide_rules *r, const hpa_history *h, int64_t now)
{
	const hpa_decide_policy *p;
	size_t n, i;
	bool use_min = r->select_policy == HPA_SELECT_MIN;
	int32_t result = use_min ? INT32_MIN : INT32_MAX, period = 0, start = current;
	if (r->select_policy == HPA_SELECT_DISABLED)
		return current;
	if (!r->has_policies)
		return 0; /* the default policy, Percent 100 per 15 s: trunc(start * (1 - 100/100)) */
	rules_policies(r, false, &p, &n);
	for (i = 0; i < n; i++) {
		int32_t proposed;
		if (i == 0 || p[i].period_seconds != period) {
			period = p[i].period_seconds;
			start = period_start(current, h, period, now);
		}
		if (p[i].type == HPA_POLICY_PODS)
			proposed = hpa__i32_sat((int64_t)start - p[i].value);
		else
			/* 1 - 100/100 is 0 exactly: no division for the default policy */
			proposed = hpa__trunc_i32((double)start *
				(p[i].value == 100 ? 0.0 : 1.0 - (double)p[i].value / 100.0));
		if (use_min ? proposed > result : proposed < result)
			result = proposed;
	}
	return result;
}

/* ---- normalization ------------------------------------------------------------------------- */

/* The recommendation list as upstream would see it: when the history has no
 * list, the controller records (current, now) first. */
typedef struct {
	const hpa_history *h;   /* NULL: virtual entry or no history */
	size_t n;
	int32_t virt_r;
	int64_t virt_ts;
	bool virt;
} recs_view;

static void recs_view_init(recs_view *v, const hpa_history *h, bool virt, int32_t replicas, int64_t now)
{
	v->virt = virt;
	v->virt_r = replicas;
	v->virt_ts = now;
	v->h = virt ? NULL : h;
	v->n = virt ? 1 : h ? h->n_recs : 0;
}

/* The stabilization scan: the minimum of the replicas with a timestamp >
 * up_cut (INT32_MAX when none), the maximum of those > down_cut (INT32_MIN
 * when none) and the last index with a timestamp < old_cut (-1), in one
 * pass without branches on the data. */
typedef struct {
	int32_t up, down;
	int64_t slot;
} scan_result;

static inline void scan_one(scan_result *s, int32_t r, int64_t t, int64_t up_cut, int64_t down_cut,
	int64_t old_cut, int64_t i)
{
	int32_t u = t > up_cut ? r : INT32_MAX, d = t > down_cut ? r : INT32_MIN;
	s->up = u < s->up ? u : s->up;
	s->down = d > s->down ? d : s->down;
	s->slot = t < old_cut ? i : s->slot;
}

/* The scan as upstream does it, entry by entry (a non-default scale-up
 * window's minimum, and the reference the tests compare the summary
 * with). */
static void recs_scan_list(scan_result *s, const hpa_history *h, size_t n, int64_t up_cut, int64_t down_cut,
	int64_t old_cut)
{
	size_t i;
	for (i = 0; i < n; i++)
		scan_one(s, h->recs[i].replicas, h->recs[i].ts, up_cut, down_cut, old_cut, (int64_t)i);
}

static HOT_INLINE void recs_scan(scan_result *s, const recs_view *v, int64_t up_cut, int64_t down_cut, int64_t old_cut)
{
	const hpa_history *h = v->h;
	uint32_t k;
	s->up = INT32_MAX;
	s->down = INT32_MIN;
	s->slot = -1;
	if (v->virt) {
		scan_one(s, v->virt_r, v->virt_ts, up_cut, down_cut, old_cut, 0);
		return;
	}
	if (v->n == 0)
		return;
	if (UNLIKELY(hpa__test_scan_list)) {
		recs_scan_list(s, h, v->n, up_cut, down_cut, old_cut);
		return;
	}
	/* from the summary: the first staircase entry newer than the
	 * scale-down cut-off, the last stale entry in list order */
	k = hpa__ring_count_le(&h->dn, h->mask, down_cut);
	s->down = k < h->dn.n ? hpa__ring_at(&h->dn, h->mask, k)->r : INT32_MIN;
	s->slot = hpa__ring_last_before(&h->ord, h->mask, old_cut);
	/* an entry newer than the scale-up cut-off (a window of 0, the
	 * default, has none): the minimum entry by entry */
	if (UNLIKELY(h->rec_max_ts > up_cut)) {
		scan_result u = { INT32_MAX, INT32_MIN, -1 };
		recs_scan_list(&u, h, v->n, up_cut, INT64_MAX, INT64_MIN);
		s->up = u.up;
	}
}

/* The history part of normalization, independent of the recommendation:
 * for a behavior the windowed minimum (scale-up window) and maximum
 * (scale-down window) and the stale slot; for the legacy normalization the
 * maximum of the recommendations not stale (down) and the last stale one.
 * Computed before the metrics, so that it overlaps their arithmetic. */
static HOT_INLINE void norm_scan(scan_result *sr, const hpa__calc *c, const recs_view *rv, const hpa_decide_behavior *beh)
{
	int64_t now = c->now;
	if (!beh) {
		int64_t cutoff = hpa__add_sat(now, -c->down_win_ms);
		/* entries not stale (ts >= cutoff, i.e. > cutoff - 1) and the
		 * last stale one */
		if (LIKELY(cutoff != INT64_MIN)) {
			recs_scan(sr, rv, INT64_MAX, cutoff - 1, cutoff);
		} else { /* nothing is stale */
			recs_scan(sr, rv, INT64_MAX, INT64_MIN, INT64_MIN);
			if (rv->n) {
				size_t i;
				for (i = 0; i < rv->n; i++) {
					int32_t r = rv->h ? rv->h->recs[i].replicas : rv->virt_r;
					sr->down = r > sr->down ? r : sr->down;
				}
			}
		}
	} else {
		int64_t up_cut = hpa__add_sat(now, -c->up_win_ms);
		int64_t down_cut = hpa__add_sat(now, -c->down_win_ms);
		recs_scan(sr, rv, up_cut, down_cut, up_cut < down_cut ? up_cut : down_cut);
	}
}

/* Normalization of prenorm, with the history scan @p sr of norm_scan(). */
static HOT_INLINE void normalize(const hpa__calc *c, const scan_result *sr, const hpa_history *h, int32_t current,
	int32_t prenorm, int32_t min, int32_t max, const hpa_decide_behavior *beh, hpa_normalization *out)
{
	int64_t now = c->now;
	int64_t slot = sr->slot;
	int32_t stab, desired;
	int limit;

	if (!beh) {
		int32_t scale_up_lim;
		double lim;
		int32_t recent = sr->down;
		stab = recent > prenorm ? recent : prenorm;
		out->stabilization = stab != prenorm ? HPA_STAB_SCALE_DOWN_STABILIZED : HPA_STAB_READY_FOR_NEW_SCALE;
		lim = c->o->scale_up_limit_factor * (double)current;
		if (!(lim >= c->o->scale_up_limit_minimum))
			lim = c->o->scale_up_limit_minimum;
		scale_up_lim = hpa__trunc_i32(lim);
		if (max > scale_up_lim) {
			desired = scale_up_lim;
			limit = HPA_LIMIT_SCALE_UP_LIMIT;
		} else {
			desired = max;
			limit = HPA_LIMIT_TOO_MANY_REPLICAS;
		}
		if (stab < min) {
			desired = min;
			limit = HPA_LIMIT_TOO_FEW_REPLICAS;
		} else if (!(stab > desired)) {
			desired = stab;
			limit = HPA_LIMIT_DESIRED_WITHIN_RANGE;
		}
	} else {
		int32_t up_rec = sr->up, down_rec = sr->down;
		up_rec = prenorm < up_rec ? prenorm : up_rec;
		down_rec = prenorm > down_rec ? prenorm : down_rec;
		stab = current;
		if (stab < up_rec)
			stab = up_rec;
		if (stab > down_rec)
			stab = down_rec;
		out->stabilization = stab == prenorm ? HPA_STAB_READY_FOR_NEW_SCALE
			: prenorm >= current ? HPA_STAB_SCALE_UP_STABILIZED : HPA_STAB_SCALE_DOWN_STABILIZED;
		desired = stab;
		limit = HPA_LIMIT_DESIRED_WITHIN_RANGE;
		if (stab > current) {
			int32_t lim = scale_up_limit(current, &beh->scale_up, h, now), allowed;
			int lr;
			if (lim < current)
				lim = current;
			if (max > lim) {
				allowed = lim;
				lr = HPA_LIMIT_SCALE_UP_LIMIT;
			} else {
				allowed = max;
				lr = HPA_LIMIT_TOO_MANY_REPLICAS;
			}
			if (stab > allowed) {
				desired = allowed;
				limit = lr;
			}
		} else if (stab < current) {
			int32_t lim = scale_down_limit(current, &beh->scale_down, h, now), allowed;
			int lr;
			if (lim > current)
				lim = current;
			if (min < lim) {
				allowed = lim;
				lr = HPA_LIMIT_SCALE_DOWN_LIMIT;
			} else {
				allowed = min;
				lr = HPA_LIMIT_TOO_FEW_REPLICAS;
			}
			if (stab < allowed) {
				desired = allowed;
				limit = lr;
			}
		}
	}
	out->stabilized_replicas = stab;
	out->desired_replicas = desired;
	out->limit_reason = limit;
	out->update.store_recommendation = true;
	out->update.recommendation = prenorm;
	out->update.slot = slot;
}

/* ---- conditions ------------------------------------------------------------------------------ */

/* The conditions of one decision: each type has one slot, in the order
 * first set. */
typedef struct {
	hpa_decision *d;
	int8_t at[HPA_CONDITION_SCALED_TO_ZERO + 1];
} conds;

static inline void conds_init(conds *cs, hpa_decision *d)
{
	cs->d = d;
	memset(cs->at, -1, sizeof(cs->at));
	d->n_conditions = 0;
}

/* Set a condition's status and reason; its message is formatted afterwards
 * (text.c) unless options.no_text. */
static inline void cond_set(conds *cs, int type, int status, const char *reason)
{
	hpa_decision_condition *c;
	if (cs->at[type] < 0) {
		cs->at[type] = (int8_t)cs->d->n_conditions;
		c = &cs->d->conditions[cs->d->n_conditions++];
		c->type = type;
	} else {
		c = &cs->d->conditions[cs->at[type]];
	}
	c->status = status;
	c->reason = reason;
	c->message[0] = '\0';
}

static const char *const limit_reasons[] = {
	NULL, "DesiredWithinRange", "TooFewReplicas", "TooManyReplicas", "ScaleUpLimit", "ScaleDownLimit",
};
static const char *const stab_reasons[] = { NULL, "ReadyForNewScale", "ScaleUpStabilized", "ScaleDownStabilized" };

/* ---- validation ---------------------------------------------------------------------------- */

/* The checks of check_rules() at once: true when they all pass. */
static inline bool rules_plainly_ok(const hpa_decide_rules *r)
{
	bool ok = (unsigned)r->select_policy <= HPA_SELECT_DISABLED &&
		  !(r->has_stabilization_window && r->stabilization_window_seconds < 0) &&
		  !(r->has_tolerance && !(r->tolerance >= 0.0));
	if (ok && r->has_policies && r->n_policies) {
		size_t i;
		if (!r->policies)
			return false;
		for (i = 0; i < r->n_policies; i++)
			ok &= r->policies[i].type == HPA_POLICY_PODS || r->policies[i].type == HPA_POLICY_PERCENT;
	}
	return ok;
}

/* The pods of an input: its pods array's or its pod table's. */
static inline size_t pod_count(const hpa_decide_input *in)
{
	return in->pod_table ? in->pod_table->n : in->n_pods;
}

/* A metric's target type (0 = unset: the has_* flags decide) and
 * quantity formats are known values. */
static inline bool metric_enums_ok(const hpa_decide_metric *m)
{
	return ((unsigned)m->target_type <= HPA_TARGET_VALUE) &
	       ((unsigned)m->average_value_format <= HPA_QFMT_DECIMAL_EXPONENT) &
	       ((unsigned)m->value_format <= HPA_QFMT_DECIMAL_EXPONENT);
}

/* A resource-metrics item: its container array is there when counted. */
static int check_usage(const hpa_pod_usage *u, const char *what, size_t i, hpa_error *err)
{
	if (u && u->n_containers && !u->containers)
		return hpa__error(err, HPA_EINVAL, "%s[%zu]: usage has %zu containers and a NULL array", what, i,
			u->n_containers);
	return HPA_OK;
}

/* One pod of the pods array: known phase, Ready status and container
 * kinds; arrays there when counted. */
static int check_pod(const hpa_decide_pod *p, size_t i, hpa_error *err)
{
	size_t k;
	if ((unsigned)p->phase - HPA_PHASE_RUNNING > HPA_PHASE_UNKNOWN - HPA_PHASE_RUNNING)
		return hpa__error(err, HPA_EINVAL, "pods[%zu]: unknown phase %d", i, p->phase);
	if ((unsigned)p->ready > HPA_COND_UNKNOWN)
		return hpa__error(err, HPA_EINVAL, "pods[%zu]: unknown Ready status %d", i, p->ready);
	if (p->n_containers && !p->containers)
		return hpa__error(err, HPA_EINVAL, "pods[%zu]: %zu containers and a NULL array", i, p->n_containers);
	for (k = 0; k < p->n_containers; k++)
		if ((unsigned)p->containers[k].kind > HPA_CONTAINER_SIDECAR)
			return hpa__error(err, HPA_EINVAL, "pods[%zu].containers[%zu]: unknown kind %d", i, k,
				p->containers[k].kind);
	return check_usage(p->usage, "pods", i, err);
}

/* Every pod of the pods array and every orphan usage item (the general
 * path; the digest declines such pods, see digest_pod()). */
static int check_pods(const hpa_decide_input *in, hpa_error *err)
{
	size_t i;
	int rc;
	for (i = 0; i < in->n_pods; i++)
		if ((rc = check_pod(&in->pods[i], i, err)))
			return rc;
	for (i = 0; i < in->n_orphan_usage; i++)
		if ((rc = check_usage(&in->orphan_usage[i], "orphan_usage", i, err)))
			return rc;
	return HPA_OK;
}

/* The checks of check_input() at once, with few branches: true when they
 * all pass (then check_input() is not needed). */
static inline bool input_plainly_ok(const hpa_decide_input *in)
{
	size_t i;
	unsigned bad = (in->version != HPA_DECIDE_INPUT_VERSION) | (in->spec_replicas < 0) |
		       (in->status_replicas < 0) | (in->max_replicas < 1) |
		       (in->has_min_replicas & ((in->min_replicas < 0) | (in->min_replicas > in->max_replicas))) |
		       (in->n_metrics > HPA_DECIDE_MAX_METRICS) | ((unsigned)in->selector > HPA_SELECTOR_AMBIGUOUS) |
		       ((in->n_metrics != 0) & (in->metrics == NULL)) | ((in->n_pods != 0) & (in->pods == NULL)) |
		       ((in->n_orphan_usage != 0) & (in->orphan_usage == NULL)) |
		       ((in->pod_class != NULL) & (in->n_metrics != 0) & (pod_count(in) == 0));
	if (bad)
		return false;
	for (i = 0; i < in->n_metrics; i++) {
		const hpa_decide_metric *m = &in->metrics[i];
		bad |= !metric_enums_ok(m) |
		       ((unsigned)m->type - HPA_SOURCE_RESOURCE > HPA_SOURCE_UNKNOWN - HPA_SOURCE_RESOURCE) |
		       ((m->type <= HPA_SOURCE_CONTAINER_RESOURCE) &
			((unsigned)m->resource - HPA_RESOURCE_CPU > HPA_RESOURCE_MEMORY - HPA_RESOURCE_CPU)) |
		       ((m->n_orphan_values != 0) & (m->orphan_values == NULL)) |
		       ((m->n_external_values != 0) & (m->external_values == NULL));
	}
	return !bad && (!in->behavior ||
		(rules_plainly_ok(&in->behavior->scale_up) && rules_plainly_ok(&in->behavior->scale_down)));
}

static int check_input(const hpa_decide_input *in, hpa_error *err)
{
	size_t i;
	int rc;
	if (in->version != HPA_DECIDE_INPUT_VERSION)
		return hpa__error(err, HPA_EINVAL, "invalid version %u on hpa_decide_input", in->version);
	if (in->spec_replicas < 0)
		return hpa__error(err, HPA_EINVAL, "negative scale.spec.replicas %d", (int)in->spec_replicas);
	if (in->status_replicas < 0)
		return hpa__error(err, HPA_EINVAL, "negative scale.status.replicas %d", (int)in->status_replicas);
	if (in->max_replicas < 1)
		return hpa__error(err, HPA_EINVAL, "spec.maxReplicas must be >= 1 (got %d)", (int)in->max_replicas);
	if (in->has_min_replicas && in->min_replicas < 0)
		return hpa__error(err, HPA_EINVAL, "negative spec.minReplicas %d", (int)in->min_replicas);
	if (in->has_min_replicas && in->min_replicas > in->max_replicas)
		return hpa__error(err, HPA_EINVAL, "spec.minReplicas %d is greater than spec.maxReplicas %d",
			(int)in->min_replicas, (int)in->max_replicas);
	if (!in->has_min_replicas && in->max_replicas < 1)
		return hpa__error(err, HPA_EINVAL, "spec.maxReplicas below the default minReplicas 1");
	if (in->n_metrics > HPA_DECIDE_MAX_METRICS)
		return hpa__error(err, HPA_ELIMIT, "%zu metrics (at most %d)", in->n_metrics, HPA_DECIDE_MAX_METRICS);
	if ((in->n_metrics && !in->metrics) || (in->n_pods && !in->pods) || (in->n_orphan_usage && !in->orphan_usage))
		return hpa__error(err, HPA_EINVAL, "NULL array with a non-zero count in hpa_decide_input");
	if (in->selector < 0 || in->selector > HPA_SELECTOR_AMBIGUOUS)
		return hpa__error(err, HPA_EINVAL, "unknown selector state %d", in->selector);
	if (in->pod_class && in->n_metrics && pod_count(in) == 0)
		return hpa__error(err, HPA_EINVAL, "a pod_class buffer with %zu metrics and no pods", in->n_metrics);
	for (i = 0; i < in->n_metrics; i++) {
		const hpa_decide_metric *m = &in->metrics[i];
		if (m->type < HPA_SOURCE_RESOURCE || m->type > HPA_SOURCE_UNKNOWN)
			return hpa__error(err, HPA_EINVAL, "unknown metric source type %d in metrics[%zu]", m->type, i);
		if (!metric_enums_ok(m))
			return hpa__error(err, HPA_EINVAL, "metrics[%zu]: unknown target type %d or quantity format "
				"(%d, %d)", i, m->target_type, m->average_value_format, m->value_format);
		if ((m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE) &&
		    m->resource != HPA_RESOURCE_CPU && m->resource != HPA_RESOURCE_MEMORY)
			return hpa__error(err, HPA_EINVAL, "metrics[%zu]: resource must be cpu or memory", i);
		if ((m->n_orphan_values && !m->orphan_values) || (m->n_external_values && !m->external_values))
			return hpa__error(err, HPA_EINVAL, "metrics[%zu]: NULL array with a non-zero count", i);
	}
	if (in->behavior) {
		if ((rc = check_rules(&in->behavior->scale_up, "scaleUp", err)) ||
		    (rc = check_rules(&in->behavior->scale_down, "scaleDown", err)))
			return rc;
	}
	return HPA_OK;
}

/* The stabilization windows of a behavior (NULL: the legacy normalization). */
static void calc_windows(hpa__calc *c, const hpa_decide_options *o, const hpa_decide_behavior *b)
{
	if (b) {
		c->up_win_ms = (int64_t)(b->scale_up.has_stabilization_window ? b->scale_up.stabilization_window_seconds : 0) *
			1000;
		c->down_win_ms = (int64_t)(b->scale_down.has_stabilization_window
			? b->scale_down.stabilization_window_seconds
			: (int32_t)(o->downscale_stabilization_ms / 1000)) * 1000;
	} else {
		c->up_win_ms = 0;
		c->down_win_ms = o->downscale_stabilization_ms;
	}
}

static void calc_init(hpa__calc *c, const hpa_decide_options *o, const hpa_decide_input *in)
{
	const hpa_decide_behavior *b = in ? in->behavior : NULL;
	c->o = o;
	c->in = in;
	c->now = in ? in->now_ms : 0;
	c->tol_up = c->tol_down = o->tolerance;
	if (b && o->configurable_tolerance) {
		if (b->scale_down.has_tolerance)
			c->tol_down = b->scale_down.tolerance;
		if (b->scale_up.has_tolerance)
			c->tol_up = b->scale_up.tolerance;
	}
	calc_windows(c, o, b);
}

/* The API default metric when spec.metrics is empty: cpu Utilization 80 %. */
const hpa_decide_metric hpa__default_metric = {
	HPA_SOURCE_RESOURCE, NULL, HPA_RESOURCE_CPU, NULL, NULL, NULL, NULL, NULL, NULL,
	HPA_TARGET_UTILIZATION, true, 80, false, 0, 0, false, 0, 0,
	NULL, NULL, 0, false, 0, NULL, 0, false, NULL
};

/* ---- metrics ------------------------------------------------------------------------------- */

/* computeReplicasForMetrics; returns the max proposal or -1 when blocked. */
static int32_t compute_metrics(const hpa__calc *c, conds *cs, const hpa_decide_metric *metrics, size_t n)
{
	hpa_decision *d = cs->d;
	const hpa_decide_input *in = c->in;
	size_t i, first_invalid = SIZE_MAX;
	int32_t replicas = 0;

	if (in->selector > HPA_SELECTOR_OK) {
		hpa__sb b;
		d->limit_reason = HPA_LIMIT_INVALID_SELECTOR;
		d->error = true;
		hpa__sb_init(&b, d->error_message, sizeof(d->error_message));
		if (in->selector == HPA_SELECTOR_EMPTY) {
			cond_set(cs, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "InvalidSelector");
			hpa__sb_puts(&b, "selector is required");
		} else if (in->selector == HPA_SELECTOR_INVALID) {
			cond_set(cs, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "InvalidSelector");
			hpa__sb_puts(&b, "couldn't convert selector into a corresponding internal selector object: ");
			hpa__sb_puts(&b, in->selector_error ? in->selector_error : "invalid selector");
		} else {
			cond_set(cs, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "AmbiguousSelector");
			hpa__sb_puts(&b, "pods by selector ");
			hpa__sb_puts(&b, in->selector_text ? in->selector_text : "");
			hpa__sb_puts(&b, " are controlled by more than one HPA (e.g. ");
			hpa__sb_puts(&b, in->selector_error ? in->selector_error : "");
			hpa__sb_puts(&b, ")");
		}
		return -1;
	}

	d->metrics_computed = true;
	for (i = 0; i < n; i++) {
		hpa_metric_result *r = &d->metrics[i];
		uint8_t *cls = in->pod_class && in->n_metrics ? in->pod_class + i * in->n_pods : NULL;
		if (!(c->dg.usage_ok && hpa__eval_from_digest(c, &metrics[i], r, cls)) &&
		    hpa__eval_metric(c, &metrics[i], r, cls) != HPA_OK) {
			if (first_invalid == SIZE_MAX)
				first_invalid = i;
			d->n_invalid_metrics++;
			continue;
		}
		if (replicas == 0 || r->replicas > replicas) {
			replicas = r->replicas;
			d->metric_index = i;
		}
	}
	if (UNLIKELY(d->n_invalid_metrics)) {
		hpa__sb b;
		hpa__sb_init(&b, d->error_message, sizeof(d->error_message));
		hpa__sb_puts(&b, "invalid metrics (");
		hpa__sb_int(&b, (int64_t)d->n_invalid_metrics);
		hpa__sb_puts(&b, " invalid out of ");
		hpa__sb_int(&b, (int64_t)n);
		hpa__sb_puts(&b, "), first error is: ");
		hpa__metric_error_text(&b, &metrics[first_invalid], &d->metrics[first_invalid]);
		d->error = true;
		if (d->n_invalid_metrics >= n || replicas < in->spec_replicas) {
			cond_set(cs, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, d->metrics[first_invalid].failure_reason);
			d->limit_reason = HPA_LIMIT_INVALID_METRICS;
			d->metric_index = SIZE_MAX;
			return -1;
		}
	}
	cond_set(cs, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_TRUE, "ValidMetricFound");
	return replicas;
}

static bool has_object_or_external(const hpa_decide_metric *m, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (m[i].type == HPA_SOURCE_OBJECT || m[i].type == HPA_SOURCE_EXTERNAL)
			return true;
	return false;
}

/* ---- the common reconcile ------------------------------------------------------------------- */

/* The reconcile most syncs are: released semantics, a valid selector, the
 * current count within [max(minReplicas, 1), maxReplicas], only whole-pod
 * Resource metrics (cpu / memory, AverageValue or Utilization) whose pods
 * are all plainly ready (the digest has their sums), no pod classes asked
 * for. Writes exactly what the general path below writes for such an
 * input, without its generic machinery: the input checks fused into one
 * pass over the metrics, the conditions written in place. Returns false
 * before writing anything when the input is not such a reconcile (or is
 * invalid): the general path then decides, and reports errors. */
static HOT_INLINE bool common_run(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h,
	const hpa_decide_options *o, const hpa__calc *k, unsigned need_u, unsigned need_q, const hpa_decide_pod_table *t,
	bool lean);

static HOT_INLINE bool decide_common(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h,
	const hpa_decide_options *o, const hpa_decide_pod_table *t)
{
	const hpa_decide_metric *m = in->metrics;
	const hpa_decide_behavior *beh = in->behavior;
	size_t i, n = in->n_metrics;
	int32_t current = in->spec_replicas, min = in->has_min_replicas ? in->min_replicas : 1;
	int32_t max = in->max_replicas;
	unsigned bad, need_u = 0, need_q = 0;
	hpa__calc k;

	/* the input checks of check_input() for this case, and the case */
	bad = (in->version != HPA_DECIDE_INPUT_VERSION) | (o->semantics != HPA_SEMANTICS_RELEASED) |
	      (in->status_replicas < 0) | (min < 0) | (min > max) | (current < 1) | (current < min) |
	      (current > max) | ((unsigned)in->selector > HPA_SELECTOR_OK) | (n - 1 >= HPA_DECIDE_MAX_METRICS) |
	      (m == NULL) | (t ? 0 : in->pods == NULL) | (in->n_orphan_usage != 0) | (in->pod_class != NULL);
	if (bad)
		return false;
	for (i = 0; i < n; i++) {
		/* (a bad resource fails the check; & 3 only keeps the shift defined) */
		unsigned bit = HPA_RESOURCE_BIT((unsigned)m[i].resource & 3u);
		/* (orphan or external values on a Resource metric are never
		 * read; the general path checks their arrays) */
		bad |= !metric_enums_ok(&m[i]) | (m[i].type != HPA_SOURCE_RESOURCE) |
		       ((unsigned)m[i].resource - HPA_RESOURCE_CPU > 1u) |
		       m[i].fetch_failed | !(m[i].has_average_value | m[i].has_average_utilization) |
		       ((m[i].n_orphan_values | m[i].n_external_values) != 0);
		need_u |= bit;
		need_q |= m[i].has_average_value ? 0u : bit;
	}
	if (bad || (beh && !(rules_plainly_ok(&beh->scale_up) && rules_plainly_ok(&beh->scale_down))))
		return false;
	calc_init(&k, o, in);
	return common_run(d, in, h, o, &k, need_u, need_q, t, false);
}

/* The common reconcile once its case is known from the spec (need_u: the
 * resources whose usage the metrics read, need_q: whose requests too; k:
 * the tolerances and windows, from calc_init()): false before writing
 * anything when the pods do not allow it. */
static HOT_INLINE bool common_run(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h,
	const hpa_decide_options *o, const hpa__calc *k, unsigned need_u, unsigned need_q, const hpa_decide_pod_table *t,
	bool lean)
{
	const hpa_decide_metric *m = in->metrics;
	const hpa_decide_behavior *beh = in->behavior;
	size_t i, n = in->n_metrics, metric_index = SIZE_MAX;
	int32_t current = in->spec_replicas, min = in->has_min_replicas ? in->min_replicas : 1;
	int32_t max = in->max_replicas, replicas = 0, desired;
	int64_t np = (int64_t)(t ? t->n : in->n_pods);
	double lo, hi;
	hpa__calc c;
	hpa_normalization nz;
	recs_view rv;
	scan_result sr;
	bool rescale;

	c.o = o;
	c.in = in;
	c.now = in->now_ms;
	c.tol_up = k->tol_up;
	c.tol_down = k->tol_down;
	c.up_win_ms = k->up_win_ms;
	c.down_win_ms = k->down_win_ms;
	if (t)
		hpa__digest_table(&c, t, need_u, need_q);
	else
		hpa__digest_pods(&c, need_u, need_q);
	/* every metric from the digest (hpa__eval_from_digest()'s conditions) */
	if ((c.dg.usage_ok & need_u) != need_u || (c.dg.req_ok & need_q) != need_q ||
	    ((need_q & HPA_RESOURCE_BIT(HPA_RESOURCE_CPU)) && c.dg.q[HPA_RESOURCE_CPU] == 0) ||
	    ((need_q & HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY)) && c.dg.q[HPA_RESOURCE_MEMORY] == 0))
		return false;

	/* the history scan first: the metrics' arithmetic (divisions) runs
	 * while it does */
	recs_view_init(&rv, h, !h || !h->has_recs, current, in->now_ms);
	norm_scan(&sr, &c, &rv, beh);

	/* computeReplicasForMetrics: hpa__eval_from_digest() for metrics known
	 * to take it, the tolerance band computed once */
	lo = 1.0 - c.tol_down;
	hi = 1.0 + c.tol_up;
	for (i = 0; i < n; i++) {
		hpa_metric_result *r = &d->metrics[i];
		int res = m[i].resource;
		int64_t u = (int64_t)c.dg.u[res], avg = hpa__div(u, np);
		int32_t util = 0;
		double ratio;
		if (m[i].has_average_value) {
			ratio = (double)avg / (double)m[i].average_value_milli;
		} else {
			util = percent_of(u, (int64_t)c.dg.q[res]);
			ratio = (double)util / (double)m[i].average_utilization;
		}
		int32_t proposal = lo <= ratio && ratio <= hi ? current : hpa__ceil_i32(ratio * (double)np);
		if (!lean)
			hpa__fill_plain_result(r, HPA_SOURCE_RESOURCE, res, ratio, proposal, np, !m[i].has_average_value,
				util, avg);
		if (replicas == 0 || proposal > replicas) {
			replicas = proposal;
			metric_index = i;
		}
	}
	desired = replicas > 0 ? replicas : 0;
	normalize(&c, &sr, h, current, desired, min, max, beh, &nz);
	rescale = nz.desired_replicas != current;

	if (lean) {
		/* hpa__decide_prepared_lean(): the numbers a simulator reads */
		d->error = false;
		d->limit_reason = nz.limit_reason;
		goto update;
	}

	d->current_replicas = current;
	d->metric_replicas = replicas;
	d->prenormalized_replicas = desired;
	d->stabilized_replicas = nz.stabilized_replicas;
	d->min_replicas = min;
	d->error = false;
	d->metrics_computed = true;
	d->limit_reason = nz.limit_reason;
	d->stabilization = nz.stabilization;
	d->n_metrics = n;
	d->n_invalid_metrics = 0;
	d->metric_index = metric_index;
	d->remove_scaled_to_zero = false;
	d->rescale_reason[0] = '\0';
	d->error_message[0] = '\0';
	d->n_conditions = 3;
	d->conditions[0].type = HPA_CONDITION_ABLE_TO_SCALE;
	d->conditions[0].status = HPA_COND_TRUE;
	d->conditions[0].reason = rescale ? "SucceededRescale" : stab_reasons[nz.stabilization];
	d->conditions[0].message[0] = '\0';
	d->conditions[1].type = HPA_CONDITION_SCALING_ACTIVE;
	d->conditions[1].status = HPA_COND_TRUE;
	d->conditions[1].reason = "ValidMetricFound";
	d->conditions[1].message[0] = '\0';
	d->conditions[2].type = HPA_CONDITION_SCALING_LIMITED;
	d->conditions[2].status = nz.desired_replicas == nz.stabilized_replicas ? HPA_COND_FALSE : HPA_COND_TRUE;
	d->conditions[2].reason = limit_reasons[nz.limit_reason];
	d->conditions[2].message[0] = '\0';
update:
	memset(&d->update, 0, sizeof(d->update));
	d->update.init_recommendations = rv.virt;
	d->update.init_replicas = rv.virt ? current : 0;
	d->update.store_recommendation = true;
	d->update.recommendation = desired;
	d->update.slot = nz.update.slot;
	if (rescale && beh) {
		const hpa_decide_rules *rr = nz.desired_replicas > current ? &beh->scale_up : &beh->scale_down;
		d->update.store_event = true;
		d->update.prev_replicas = current;
		d->update.new_replicas = nz.desired_replicas;
		/* both default lists use 15 s periods */
		d->update.longest_period_seconds = rr->has_policies
			? hpa__rules_longest_period(rr, nz.desired_replicas > current) : 15;
	}
	d->rescale = rescale;
	d->desired_replicas = nz.desired_replicas;
	if (!lean && !o->no_text)
		hpa__format_texts(d, in);
	return true;
}

#ifdef HPA_TESTING
bool hpa__test_scan_list;
bool hpa__test_decide_general_only;
unsigned long hpa__test_decide_common_hits;

void hpa__test_history_query(const hpa_history *h, int64_t up_cut, int64_t down_cut, int64_t old_cut,
	int32_t *up, int32_t *down, int64_t *slot)
{
	recs_view v;
	scan_result s;
	recs_view_init(&v, h, false, 0, 0);
	recs_scan(&s, &v, up_cut, down_cut, old_cut);
	*up = s.up;
	*down = s.down;
	*slot = s.slot;
}
#endif

/* ---- the prepared form ------------------------------------------------------------------------ */

struct hpa_decide_prepared {
	hpa_decide_options o;
	const hpa_decide_metric *metrics;
	const hpa_decide_behavior *behavior;
	size_t n_metrics;
	bool has_min;
	int32_t min_replicas, max_replicas;
	bool common;            /* the spec allows the common reconcile */
	unsigned need_u, need_q;
	hpa__calc k;            /* the tolerances and windows (calc_init()) */
};

#ifdef HPA_TESTING
unsigned long hpa__test_decide_prepared_hits;
unsigned long hpa__test_decide_lean_hits;
#endif

int hpa_decide_prepare(hpa_decide_prepared **out, const hpa_decide_input *in, const hpa_decide_options *opts,
	hpa_error *err)
{
	const hpa_decide_options *o = NULL;
	hpa_decide_options obuf;
	hpa_decide_input spec;
	hpa_decide_prepared *p;
	const hpa_decide_behavior *beh;
	size_t i;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !in)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_prepare: NULL argument");
	if ((rc = hpa__decide_options(&o, &obuf, opts, err)))
		return rc;
	/* the spec part alone through the checks of hpa_decide() */
	spec = *in;
	spec.spec_replicas = spec.status_replicas = 0;
	spec.selector = 0;
	spec.pods = NULL;
	spec.n_pods = 0;
	spec.orphan_usage = NULL;
	spec.n_orphan_usage = 0;
	spec.pod_table = NULL;
	spec.pod_class = NULL;
	if ((rc = check_input(&spec, err)))
		return rc;
	if (!(p = hpa__malloc(sizeof(*p))))
		return hpa__error(err, HPA_ENOMEM, "out of memory");
	memset(p, 0, sizeof(*p));
	p->o = *o;
	p->metrics = in->metrics;
	p->behavior = beh = in->behavior;
	p->n_metrics = in->n_metrics;
	p->has_min = in->has_min_replicas;
	p->min_replicas = in->min_replicas;
	p->max_replicas = in->max_replicas;
	calc_init(&p->k, &p->o, &spec);
	p->k.in = NULL; /* (spec is a local: common_run() reads the tolerances and windows only) */
	/* decide_common()'s checks of the spec */
	p->common = o->semantics == HPA_SEMANTICS_RELEASED && in->n_metrics >= 1 &&
		    in->n_metrics <= HPA_DECIDE_MAX_METRICS && in->metrics &&
		    (!beh || (rules_plainly_ok(&beh->scale_up) && rules_plainly_ok(&beh->scale_down)));
	for (i = 0; p->common && i < in->n_metrics; i++) {
		const hpa_decide_metric *m = &in->metrics[i];
		unsigned bit = HPA_RESOURCE_BIT((unsigned)m->resource & 3u);
		p->common = m->type == HPA_SOURCE_RESOURCE &&
			    (m->resource == HPA_RESOURCE_CPU || m->resource == HPA_RESOURCE_MEMORY) &&
			    (m->has_average_value || m->has_average_utilization);
		p->need_u |= bit;
		p->need_q |= m->has_average_value ? 0u : bit;
	}
	*out = p;
	return HPA_OK;
}

void hpa_decide_prepared_free(hpa_decide_prepared *prep)
{
	hpa__free(prep);
}

int hpa_decide_prepared_run(const hpa_decide_prepared *p, hpa_decision *d, const hpa_decide_input *in,
	const hpa_history *h, hpa_error *err)
{
	if (!p || !d || !in)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_prepared_run: NULL argument");
	if (LIKELY(p->common && in->metrics == p->metrics && in->n_metrics == p->n_metrics &&
		   in->behavior == p->behavior && in->version == HPA_DECIDE_INPUT_VERSION &&
		   in->has_min_replicas == p->has_min && in->min_replicas == p->min_replicas &&
		   in->max_replicas == p->max_replicas)) {
		/* decide_common()'s checks of the per-sync part */
		const hpa_decide_metric *m = in->metrics;
		int32_t current = in->spec_replicas, min = in->has_min_replicas ? in->min_replicas : 1;
		size_t i, n = in->n_metrics;
		const hpa_decide_pod_table *t = in->pod_table;
		/* the pods, or a table that passes hpa__table_check() */
		unsigned pods_bad = !t ? in->pods == NULL : !hpa__table_ok(in);
		unsigned bad = (in->status_replicas < 0) | (current < 1) | (current < min) |
			       (current > in->max_replicas) | ((unsigned)in->selector > HPA_SELECTOR_OK) |
			       pods_bad | (in->n_orphan_usage != 0) | (in->pod_class != NULL);
		for (i = 0; i < n; i++)
			bad |= m[i].fetch_failed | ((m[i].n_orphan_values | m[i].n_external_values) != 0);
		d->version = HPA_DECISION_VERSION;
		if (!bad && common_run(d, in, h, &p->o, &p->k, p->need_u, p->need_q, t, false)) {
#ifdef HPA_TESTING
			hpa__test_decide_prepared_hits++;
#endif
			return HPA_OK;
		}
	}
	return hpa_decide(d, in, h, &p->o, err);
}

int hpa__decide_prepared_lean(const hpa_decide_prepared *p, hpa_decision *d, const hpa_decide_input *in,
	const hpa_history *h)
{
	/* the caller vouches for the checks of hpa_decide_prepared_run() that
	 * do not depend on the replica count (decide_int.h) */
	int32_t current = in->spec_replicas;
	d->version = HPA_DECISION_VERSION;
	if (LIKELY(p->common && current >= 1 && current >= (p->has_min ? p->min_replicas : 1) &&
		   current <= p->max_replicas) &&
	    common_run(d, in, h, &p->o, &p->k, p->need_u, p->need_q, in->pod_table, true)) {
#ifdef HPA_TESTING
		hpa__test_decide_lean_hits++;
#endif
		return HPA_OK;
	}
	return hpa_decide(d, in, h, &p->o, NULL);
}

/* ---- the reconcile ---------------------------------------------------------------------------- */

static int decide_general(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h,
	const hpa_decide_options *o, hpa_error *err);

/* A decision on a pod table: the short path reads the columns; the
 * general path reads them expanded into pods. */
static int decide_table(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h,
	const hpa_decide_options *o, hpa_error *err)
{
	hpa__expanded x;
	int rc;
	if ((rc = hpa__table_check(in, err)))
		return rc;
#ifdef HPA_TESTING
	if (!hpa__test_decide_general_only && decide_common(d, in, h, o, in->pod_table)) {
		hpa__test_decide_common_hits++;
		return HPA_OK;
	}
#else
	if (LIKELY(decide_common(d, in, h, o, in->pod_table)))
		return HPA_OK;
#endif
	if ((rc = hpa__table_expand(&x, in, err)) == HPA_OK)
		rc = decide_general(d, &x.in, h, o, err);
	hpa__table_expand_done(&x);
	return rc;
}

int hpa_decide(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h, const hpa_decide_options *opts,
	hpa_error *err)
{
	hpa_decide_options obuf;
	const hpa_decide_options *o = NULL;
	int rc;

	if (!d || !in)
		return hpa__error(err, HPA_EINVAL, "hpa_decide: NULL argument");
	d->version = HPA_DECISION_VERSION;
	if ((rc = hpa__decide_options(&o, &obuf, opts, err)))
		return rc;
	if (UNLIKELY(in->pod_table != NULL))
		return decide_table(d, in, h, o, err);
#ifdef HPA_TESTING
	if (!hpa__test_decide_general_only && decide_common(d, in, h, o, NULL)) {
		hpa__test_decide_common_hits++;
		return HPA_OK;
	}
#else
	if (LIKELY(decide_common(d, in, h, o, NULL)))
		return HPA_OK;
#endif
	return decide_general(d, in, h, o, err);
}

/* The reconcile, every case (the short path declined). */
static int decide_general(hpa_decision *d, const hpa_decide_input *in, const hpa_history *h,
	const hpa_decide_options *o, hpa_error *err)
{
	hpa__calc c;
	const hpa_decide_metric *metrics;
	size_t n_metrics;
	int32_t current, min, max, desired = 0;
	bool rescale = true, needs_metrics = true, master, gate, scaled_to_zero = false, obj_ext;
	recs_view rv;
	scan_result sr;
	conds cs;
	int rc;

	if (
	    (UNLIKELY(!input_plainly_ok(in)) && (rc = check_input(in, err))) || (rc = check_pods(in, err)))
		return rc;
	calc_init(&c, o, in);
	metrics = in->n_metrics ? in->metrics : &hpa__default_metric;
	n_metrics = in->n_metrics ? in->n_metrics : 1;
	c.dg.usage_ok = c.dg.req_ok = 0;

	current = in->spec_replicas;
	min = in->has_min_replicas ? in->min_replicas : 1;
	max = in->max_replicas;
	master = o->semantics == HPA_SEMANTICS_MASTER;
	gate = o->scale_to_zero;

	d->current_replicas = current;
	d->metric_replicas = -1;
	d->prenormalized_replicas = -1;
	d->stabilized_replicas = -1;
	d->min_replicas = min;
	d->rescale = false;
	d->error = false;
	d->metrics_computed = false;
	d->limit_reason = 0;
	d->stabilization = 0;
	d->n_metrics = n_metrics;
	d->n_invalid_metrics = 0;
	d->metric_index = SIZE_MAX;
	conds_init(&cs, d);
	d->remove_scaled_to_zero = false;
	d->rescale_reason[0] = '\0';
	d->error_message[0] = '\0';
	memset(&d->update, 0, sizeof(d->update));
	d->update.slot = -1;

	cond_set(&cs, HPA_CONDITION_ABLE_TO_SCALE, HPA_COND_TRUE, "SucceededGetScale");

	/* recordInitialRecommendation */
	recs_view_init(&rv, h, !h || !h->has_recs, current, in->now_ms);
	if (rv.virt) {
		d->update.init_recommendations = true;
		d->update.init_replicas = current;
	}

	obj_ext = master && has_object_or_external(metrics, n_metrics);
	if (master)
		scaled_to_zero = gate && in->scaled_to_zero;

	if (current == 0 && (master ? !((min != 0 && scaled_to_zero) || (scaled_to_zero && obj_ext)) : min != 0)) {
		desired = 0;
		rescale = false;
		needs_metrics = false;
		d->limit_reason = HPA_LIMIT_SCALING_DISABLED;
		cond_set(&cs, HPA_CONDITION_SCALING_ACTIVE, HPA_COND_FALSE, "ScalingDisabled");
		if (master && !gate)
			d->remove_scaled_to_zero = true;
	} else if (current > max) {
		desired = max;
		needs_metrics = false;
		d->limit_reason = HPA_LIMIT_CURRENT_ABOVE_MAX;
	} else if (current < min) {
		desired = min;
		needs_metrics = false;
		d->limit_reason = HPA_LIMIT_CURRENT_BELOW_MIN;
	}
	if (in->pod_class && in->n_pods && in->n_metrics && !needs_metrics)
		memset(in->pod_class, HPA_POD_NOT_CONSULTED, in->n_metrics * in->n_pods);

	if (needs_metrics) {
		int32_t m;
		hpa_normalization nz;
		bool raised = false;
		if (in->selector <= HPA_SELECTOR_OK)
			hpa__digest_build(&c, metrics, n_metrics);
		m = compute_metrics(&c, &cs, metrics, n_metrics);
		if (m < 0) {
			/* blocking error: status keeps the old desiredReplicas */
			d->desired_replicas = in->has_prev_desired ? in->prev_desired_replicas : current;
			d->rescale = false;
			d->error = true;
			goto texts;
		}
		d->metric_replicas = m;
		if (m > desired)
			desired = m;
		d->prenormalized_replicas = desired;
		norm_scan(&sr, &c, &rv, in->behavior);
		normalize(&c, &sr, h, current, desired, min, max, in->behavior, &nz);
		d->stabilized_replicas = nz.stabilized_replicas;
		d->stabilization = nz.stabilization;
		d->limit_reason = nz.limit_reason;
		d->update.store_recommendation = true;
		d->update.recommendation = desired;
		d->update.slot = nz.update.slot;
		cond_set(&cs, HPA_CONDITION_ABLE_TO_SCALE, HPA_COND_TRUE, stab_reasons[nz.stabilization]);
		cond_set(&cs, HPA_CONDITION_SCALING_LIMITED,
			nz.desired_replicas == nz.stabilized_replicas ? HPA_COND_FALSE : HPA_COND_TRUE,
			limit_reasons[nz.limit_reason]);
		desired = nz.desired_replicas;
		/* [master] raised to minReplicas from zero. Unreachable as the
		 * checks above stand (current == 0 with minReplicas > 0 never gets
		 * here), kept for parity with upstream's code; its event reason
		 * is the one text hpa_decision_format_conditions() cannot rebuild. */
		if (master && current == 0 && min != 0 && scaled_to_zero && desired < min) {
			desired = min;
			raised = true;
		}
		rescale = desired != current;
		if (raised && rescale && !o->no_text && d->prenormalized_replicas == current)
			hpa__strlcpy(d->rescale_reason, "Current number of replicas below Spec.MinReplicas",
				sizeof(d->rescale_reason));
	}

	if (rescale) {
		cond_set(&cs, HPA_CONDITION_ABLE_TO_SCALE, HPA_COND_TRUE, "SucceededRescale");
		if (in->behavior) {
			const hpa_decide_rules *rr = desired > current ? &in->behavior->scale_up
				: &in->behavior->scale_down;
			d->update.store_event = true;
			d->update.prev_replicas = current;
			d->update.new_replicas = desired;
			/* both default lists use 15 s periods */
			d->update.longest_period_seconds = rr->has_policies
				? hpa__rules_longest_period(rr, desired > current) : 15;
		}
		if (master) {
			if (gate) {
				if (current > 0 && desired == 0 && min == 0 && obj_ext)
					cond_set(&cs, HPA_CONDITION_SCALED_TO_ZERO, HPA_COND_TRUE, "ScaledToZero");
				else
					cond_set(&cs, HPA_CONDITION_SCALED_TO_ZERO, HPA_COND_FALSE, "NotScaledToZero");
			} else {
				d->remove_scaled_to_zero = true;
			}
		}
	} else {
		desired = current;
	}
	d->rescale = rescale;
	d->desired_replicas = desired;
texts:
	if (!o->no_text)
		hpa__format_texts(d, in);
	return HPA_OK;
}

/* ---- lower-level entry points -------------------------------------------------------------------- */

int hpa_decide_metric_eval(hpa_metric_result *out, const hpa_decide_input *in, size_t index,
	const hpa_decide_options *opts, hpa_error *err)
{
	hpa_decide_options o;
	hpa__calc c;
	int rc;
	if (!out || !in)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_metric_eval: NULL argument");
	if ((rc = load_options(&o, opts, err)))
		return rc;
	if (in->pod_table) {
		hpa__expanded x;
		if ((rc = hpa__table_expand(&x, in, err)) == HPA_OK)
			rc = hpa_decide_metric_eval(out, &x.in, index, opts, err);
		hpa__table_expand_done(&x);
		return rc;
	}
	if ((rc = check_input(in, err)))
		return rc;
	if (index >= in->n_metrics)
		return hpa__error(err, HPA_EINVAL, "metric index %zu out of range (%zu metrics)", index, in->n_metrics);
	calc_init(&c, &o, in);
	hpa__digest_build(&c, &in->metrics[index], 1);
	hpa__eval_metric(&c, &in->metrics[index], out, in->pod_class ? in->pod_class + index * in->n_pods : NULL);
	return HPA_OK;
}

int hpa_decide_classify_pods(uint8_t *class_out, size_t *ready_out, const hpa_decide_pod *pods,
	const hpa_pod_value *samples, size_t n, int resource, int64_t now_ms, const hpa_decide_options *opts,
	hpa_error *err)
{
	hpa_decide_options o;
	hpa__calc c;
	size_t i, ready = 0;
	int rc;
	if (n && (!pods || !samples))
		return hpa__error(err, HPA_EINVAL, "hpa_decide_classify_pods: NULL array");
	if (resource != 0 && resource != HPA_RESOURCE_CPU && resource != HPA_RESOURCE_MEMORY)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_classify_pods: resource must be 0 (a custom metric), "
			"cpu or memory (got %d)", resource);
	if ((rc = load_options(&o, opts, err)))
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = check_pod(&pods[i], i, err)))
			return rc;
	memset(&c, 0, sizeof(c));
	c.o = &o;
	c.now = now_ms;
	for (i = 0; i < n; i++) {
		int k = hpa__classify(&c, &pods[i], samples[i].present, samples[i].timestamp_ms, samples[i].window_ms,
			resource);
		if (class_out)
			class_out[i] = (uint8_t)k;
		ready += k == HPA_POD_READY;
	}
	if (ready_out)
		*ready_out = ready;
	return HPA_OK;
}

int hpa_decide_normalize(hpa_normalization *out, const hpa_normalize_input *in, const hpa_history *h,
	const hpa_decide_options *opts, hpa_error *err)
{
	hpa_decide_options o;
	hpa__calc c;
	recs_view rv;
	scan_result sr;
	int rc;
	if (!out || !in)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_normalize: NULL argument");
	if (in->current_replicas < 0 || in->desired_replicas < 0 || in->min_replicas < 0 ||
	    in->min_replicas > in->max_replicas)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_normalize: replicas must be >= 0 and min <= max "
			"(current %d, desired %d, min %d, max %d)", (int)in->current_replicas, (int)in->desired_replicas,
			(int)in->min_replicas, (int)in->max_replicas);
	if ((rc = load_options(&o, opts, err)))
		return rc;
	if (in->behavior && ((rc = check_rules(&in->behavior->scale_up, "scaleUp", err)) ||
			     (rc = check_rules(&in->behavior->scale_down, "scaleDown", err))))
		return rc;
	memset(&c, 0, sizeof(c));
	c.o = &o;
	c.now = in->now_ms;
	calc_windows(&c, &o, in->behavior);
	memset(out, 0, sizeof(*out));
	out->update.slot = -1;
	recs_view_init(&rv, h, false, 0, in->now_ms);
	norm_scan(&sr, &c, &rv, in->behavior);
	normalize(&c, &sr, h, in->current_replicas, in->desired_replicas, in->min_replicas, in->max_replicas,
		in->behavior, out);
	return HPA_OK;
}

int hpa_decide_scale_limits(int32_t *up_out, int32_t *down_out, int32_t current, const hpa_decide_behavior *b,
	const hpa_history *h, int64_t now_ms, const hpa_decide_options *opts, hpa_error *err)
{
	hpa_decide_options o;
	int rc;
	if (!b)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_scale_limits: NULL behavior");
	if (current < 0)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_scale_limits: negative current replicas %d", (int)current);
	if ((rc = load_options(&o, opts, err)) || (rc = check_rules(&b->scale_up, "scaleUp", err)) ||
	    (rc = check_rules(&b->scale_down, "scaleDown", err)))
		return rc;
	if (up_out)
		*up_out = scale_up_limit(current, &b->scale_up, h, now_ms);
	if (down_out)
		*down_out = scale_down_limit(current, &b->scale_down, h, now_ms);
	return HPA_OK;
}
