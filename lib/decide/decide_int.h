/*
 * lib/decide/decide_int.h -- private interface of the decision module:
 * the history layout (read directly by the decision, no copies) and small
 * text and arithmetic helpers shared by its files.
 */
#ifndef HPA_LIB_DECIDE_INT_H
#define HPA_LIB_DECIDE_INT_H

#include <hpa/decide.h>
#include "core/core.h"
#include "decide/decision_check.h"
#include <float.h>
#include <math.h>

/* One recommendation as the controller keeps it, in list order. */
typedef struct {
	int32_t replicas;
	int64_t ts;
} hpa__rec;

/* The stabilization summary. Upstream scans the whole recommendation list
 * at every reconcile: the maximum (minimum) of the replicas newer than the
 * scale-down (scale-up) cut-off, and the *last stale entry in list order*,
 * which the new recommendation replaces. The history keeps, next to the
 * list:
 *  - `ord`: the entries in time order (ties in the order they arrived);
 *    the stale entries are a prefix of it, the slot is the largest list
 *    index in that prefix (one or two entries in the controller's steady
 *    state: the oldest, and the one its first reconcile leaves behind);
 *  - `dn`: a staircase, the entries of ord whose replicas exceed those of
 *    every later entry (suffix maxima); the maximum over "newer than a
 *    cut-off" (a suffix of ord) is the first staircase entry newer than
 *    the cut-off.
 * A cut-off never splits entries of equal timestamp, so the order among
 * ties does not matter. Both are sorted by timestamp, so a query counts
 * the leading entries at or before a cut-off (usually one or two). The
 * steady state (an old entry replaced by the newest) updates them in
 * amortized O(1) (deque pops and pushes near the ends); any other change
 * rebuilds them in O(n log n). Both are rings of mask + 1 >= max(cap, 4)
 * slots; a free slot has the timestamp INT64_MAX, so that a count reads
 * four slots without checking the length (with fewer than four entries,
 * the others are free). */
typedef struct {
	int64_t ts;
	int32_t r;
	int32_t idx;            /* list index */
} hpa__sent;

typedef struct {
	hpa__sent *e;
	uint32_t head, n;
} hpa__ring;

/* Slot j of a ring (entry j when j < n). */
static inline hpa__sent *hpa__ring_at(const hpa__ring *r, uint32_t mask, uint32_t j)
{
	return &r->e[(r->head + j) & mask];
}

/* The number of leading entries of a ring (sorted by timestamp) with a
 * timestamp <= cut, or a number >= n when there are n of them: four slots
 * at once without branches (the usual answer; free slots count only for
 * a cut of INT64_MAX, when every entry does), then one by one. */
static inline uint32_t hpa__ring_count_le(const hpa__ring *r, uint32_t mask, int64_t cut)
{
	const hpa__sent *e = r->e;
	uint32_t h = r->head, c;
	c = (uint32_t)(e[h].ts <= cut) + (uint32_t)(e[(h + 1) & mask].ts <= cut) +
	    (uint32_t)(e[(h + 2) & mask].ts <= cut) + (uint32_t)(e[(h + 3) & mask].ts <= cut);
	if (c == 4)
		while (c < r->n && e[(h + c) & mask].ts <= cut)
			c++;
	return c;
}

/* The largest list index among the entries of ord with a timestamp < cut
 * (a prefix of ord), -1 when none: the stale slot. */
static inline int32_t hpa__ring_last_before(const hpa__ring *r, uint32_t mask, int64_t cut)
{
	const hpa__sent *e = r->e;
	uint32_t h = r->head, j;
	int32_t m = -1, x;
	for (j = 0; j < 4; j++) {
		x = e[(h + j) & mask].ts < cut ? e[(h + j) & mask].idx : -1;
		m = x > m ? x : m;
	}
	if (e[(h + 3) & mask].ts < cut)
		for (j = 4; j < r->n && e[(h + j) & mask].ts < cut; j++)
			m = e[(h + j) & mask].idx > m ? e[(h + j) & mask].idx : m;
	return m;
}

typedef struct {
	int32_t change;
	bool outdated;
	int64_t ts;
} hpa__evt;

struct hpa_history {
	size_t cap;
	bool has_recs;          /* the recommendation list exists (non-nil) */
	size_t n_recs, n_up, n_down;
	hpa__rec *recs;         /* the recommendations, in list order */
	hpa__evt *up, *down;
	int64_t rec_max_ts;     /* the newest recommendation's timestamp (when n_recs > 0) */
	uint64_t evictions;
	/* the stabilization summary (see hpa__sent) */
	uint32_t mask;          /* ring size - 1: a power of two >= cap, >= 4 */
	hpa__ring ord, dn;
};

/* ---- pod tables (table.c) ---------------------------------------------- */

/* A pod table expanded into the pods array of an input (the general path
 * reads pods); small tables need no allocation. */
#define HPA__EXPAND_STACK 8
typedef struct {
	hpa_decide_input in;    /* the input with pods instead of the table */
	void *heap;             /* the arrays of a larger table */
	hpa_decide_pod pods[HPA__EXPAND_STACK];
	hpa_decide_container conts[HPA__EXPAND_STACK];
	hpa_pod_usage usage[HPA__EXPAND_STACK];
	hpa_container_usage cusage[HPA__EXPAND_STACK];
} hpa__expanded;

/* Pods a table may hold: its expansion allocates one pod, container, usage
 * item and container usage per pod in one block. */
#define HPA__TABLE_MAX (SIZE_MAX / (sizeof(hpa_decide_pod) + sizeof(hpa_decide_container) + \
	sizeof(hpa_pod_usage) + sizeof(hpa_container_usage)))

/* hpa__table_check()'s conditions as one test, without branches (the
 * prepared form's per-sync check): in->pod_table is set. */
static inline bool hpa__table_ok(const hpa_decide_input *in)
{
	const hpa_decide_pod_table *t = in->pod_table;
	return !((in->n_pods != 0) | (in->pods != NULL) | (t->n > HPA__TABLE_MAX) |
		 ((t->n != 0) & (!t->start_time_ms | !t->ready_transition_ms | !t->sample_time_ms |
				!t->sample_window_ms)));
}

/* The checks of in->pod_table (set): HPA_EINVAL with pods also given or a
 * required column missing, HPA_ELIMIT beyond HPA__TABLE_MAX pods. */
int hpa__table_check(const hpa_decide_input *in, hpa_error *err);
/* Expand in->pod_table (set) into x->in; hpa__table_expand_done() frees
 * what it allocated (also after a failure). */
int hpa__table_expand(hpa__expanded *x, const hpa_decide_input *in, hpa_error *err);
void hpa__table_expand_done(hpa__expanded *x);

#if defined(__GNUC__)
# define LIKELY(x) __builtin_expect(!!(x), 1)
# define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
# define LIKELY(x) (x)
# define UNLIKELY(x) (x)
#endif

/* Saturating int64 helpers (Go wraps; the library never overflows). */
static inline int64_t hpa__add_sat(int64_t a, int64_t b)
{
	if (b > 0 && a > INT64_MAX - b)
		return INT64_MAX;
	if (b < 0 && a < INT64_MIN - b)
		return INT64_MIN;
	return a + b;
}

static inline int64_t hpa__sub_sat(int64_t a, int64_t b)
{
	if (b < 0 && a > INT64_MAX + b)
		return INT64_MAX;
	if (b > 0 && a < INT64_MIN + b)
		return INT64_MIN;
	return a - b;
}

static inline int32_t hpa__i32_sat(int64_t v)
{
	return v > INT32_MAX ? INT32_MAX : v < INT32_MIN ? INT32_MIN : (int32_t)v;
}

/* ceil / trunc of a float64 to int32 as the controller converts them:
 * NaN gives 0, out-of-range values saturate. Inline, without a call to
 * ceil() in the int32 range: ceil(x) there is trunc(x), plus one when that
 * is below x (trunc rounds toward zero). */
static inline int32_t hpa__ceil_i32(double x)
{
	double c;
	if (LIKELY(x > -2147483648.0 && x < 2147483647.0)) {
		int32_t t = (int32_t)x;
		return t + ((double)t < x);
	}
	if (x != x)
		return 0;
	c = ceil(x);
	if (c >= 2147483647.0)
		return INT32_MAX;
	if (c <= -2147483648.0)
		return INT32_MIN;
	return (int32_t)c;
}

static inline int32_t hpa__trunc_i32(double x)
{
	if (LIKELY(x > -2147483648.0 && x < 2147483647.0))
		return (int32_t)x;
	if (x != x)
		return 0;
	return x >= 2147483647.0 ? INT32_MAX : INT32_MIN;
}

/* a / b truncating, as C's `/` (b != 0). For 0 <= a < 2^53 and
 * 0 < b < 2^53 the truncated double quotient is exact: both convert
 * exactly, and when a/b is not an integer k its distance to the next
 * integer is at least 1/b while the rounding error of the division is at
 * most 2^-53 * a/b < 1/b, so fl(a/b) stays in [k, k + 1). Three times
 * cheaper than a 64-bit idiv (40-90 cycles on Skylake-class cores). Only
 * where double arithmetic is IEEE binary64 without excess precision
 * (FLT_EVAL_METHOD 0); elsewhere the quotient is corrected by one step. */
static inline int64_t hpa__div(int64_t a, int64_t b)
{
	if (LIKELY((uint64_t)a < (UINT64_C(1) << 53) && b > 0 && b < (INT64_C(1) << 53))) {
		int64_t q = (int64_t)((double)a / (double)b);
#if !defined(FLT_EVAL_METHOD) || FLT_EVAL_METHOD != 0
		int64_t r = a - q * b;
		if (r < 0)
			q--;
		else if (r >= b)
			q++;
#endif
		return q;
	}
	return a / b;
}

/* The simulator's decision (lib/simulate, fleets without a timeline):
 * hpa_decide_prepared_run() for an input whose caller vouches for the
 * checks that do not depend on the replica count: the spec fields (metrics
 * and behavior addresses, metric count, version, min/max replicas) are the
 * prepared form's, in->pod_table is set and passes hpa__table_ok(),
 * status_replicas >= 0, the selector is HPA_SELECTOR_OK, no orphan usage,
 * no pod classes, and no metric failed or has orphan or external values.
 * When the common reconcile takes it, only version, error, limit_reason,
 * rescale, desired_replicas and update are written (the rest of *d is left
 * as it was: no per-metric results, conditions or texts); otherwise it is
 * hpa_decide() with the prepared options, every field written. */
int hpa__decide_prepared_lean(const hpa_decide_prepared *p, hpa_decision *d, const hpa_decide_input *in,
	const hpa_history *h);

#ifdef HPA_TESTING
/* Test builds only (hpa_testing): when hpa__test_decide_general_only is
 * set, hpa_decide() skips its short path for the common reconcile and
 * always takes the general one; hpa__test_decide_common_hits counts the
 * decisions the short path made. The differential test compares both. */
extern bool hpa__test_decide_general_only;
extern unsigned long hpa__test_decide_common_hits;
/* ... and hpa__test_decide_prepared_hits those hpa_decide_prepared_run() made. */
extern unsigned long hpa__test_decide_prepared_hits;
/* ... and hpa__test_decide_lean_hits those of hpa__decide_prepared_lean(). */
extern unsigned long hpa__test_decide_lean_hits;
/* The stabilization scan of a history (with its recommendation list) as
 * the decision makes it: the minimum of the replicas newer than up_cut
 * (INT32_MAX: none), the maximum of those newer than down_cut (INT32_MIN),
 * the last list index older than old_cut (-1). */
void hpa__test_history_query(const hpa_history *h, int64_t up_cut, int64_t down_cut, int64_t old_cut,
	int32_t *up, int32_t *down, int64_t *slot);
/* When set, the decision scans the recommendation list entry by entry (as
 * upstream does) instead of reading the history's summary. */
extern bool hpa__test_scan_list;
#else
# define hpa__test_scan_list false
#endif

/* Recommendation i (< n_recs) of a history. */
int64_t hpa__rec_ts(const hpa_history *h, size_t i);
int32_t hpa__rec_replicas(const hpa_history *h, size_t i);
/* Append a recommendation without updating the summary (a reader adding
 * many entries), then hpa__history_summary_rebuild() once. */
void hpa__history_append_deferred(hpa_history *h, int32_t replicas, int64_t ts);
void hpa__history_summary_rebuild(hpa_history *h);

/* Longest policy period of one direction (defaults applied). */
int32_t hpa__rules_longest_period(const hpa_decide_rules *r, bool up);

/* Tiny bounded string builder (truncates silently, always NUL-terminated). */
typedef struct {
	char *p;
	size_t cap, len;
} hpa__sb;

static inline void hpa__sb_init(hpa__sb *b, char *p, size_t cap)
{
	b->p = p;
	b->cap = cap;
	b->len = 0;
	if (cap)
		p[0] = '\0';
}
void hpa__sb_puts(hpa__sb *b, const char *s);
void hpa__sb_putc(hpa__sb *b, char c);
void hpa__sb_int(hpa__sb *b, int64_t v);

/* Canonical Kubernetes text of a milli quantity (Quantity.String()). Private
 * formatter: the quantity module was not available when this was written.
 * Returns the length needed (like snprintf). */
size_t hpa__qty_format(char *buf, size_t size, int64_t milli, int format);

#endif
