/*
 * lib/decide/decide_int.h -- private interface of the decision module:
 * the history layout (read directly by the decision, no copies) and small
 * text and arithmetic helpers shared by its files.
 */
#ifndef HPA_LIB_DECIDE_INT_H
#define HPA_LIB_DECIDE_INT_H

#include <hpa/decide.h>
#include "core/core.h"
#include <float.h>
#include <math.h>

/* One recommendation as the controller keeps it (the unit of the storage
 * size below). */
typedef struct {
	int32_t replicas;
	int64_t ts;
} hpa__rec;

/* The recommendations are stored four to a 64-byte chunk, as arrays: the
 * timestamps, the replicas and the timestamps as int32 offsets from
 * `rec_base` (when `off_ok`: every timestamp is within +-2^31-2 ms of the
 * base), so the stabilization scan reads 4 entries with one 16-byte load
 * and compares them as int32 (SSE2 has no 64-bit compare). Entry i is
 * chunk i/4, lane i%4; n entries occupy n * sizeof(hpa__rec) bytes from
 * `recs` (the simulator prefetches that range). */
typedef struct {
	int32_t off[4];
	int32_t r[4];
	int64_t ts[4];
} hpa__rec_chunk;
_Static_assert(sizeof(hpa__rec_chunk) == 4 * sizeof(hpa__rec), "a chunk holds 4 entries in their size");

typedef struct {
	int32_t change;
	bool outdated;
	int64_t ts;
} hpa__evt;

struct hpa_history {
	size_t cap;
	bool has_recs;          /* the recommendation list exists (non-nil) */
	size_t n_recs, n_up, n_down;
	hpa__rec *recs;         /* storage of the recommendations: hpa__rec_chunk[], see above */
	hpa__evt *up, *down;
	int64_t rec_base;       /* base of the int32 offsets */
	bool off_ok;            /* every entry's offset is valid */
	int64_t rec_max_ts;     /* >= every recommendation's timestamp (the newest one's but after an overwrite; when n_recs > 0) */
	uint64_t evictions;
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

static inline hpa__rec_chunk *hpa__rec_chunks(const hpa_history *h)
{
	return (hpa__rec_chunk *)(void *)h->recs;
}

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

#ifdef HPA_TESTING
/* Test builds only (hpa_testing): when hpa__test_decide_general_only is
 * set, hpa_decide() skips its short path for the common reconcile and
 * always takes the general one; hpa__test_decide_common_hits counts the
 * decisions the short path made. The differential test compares both. */
extern bool hpa__test_decide_general_only;
extern unsigned long hpa__test_decide_common_hits;
/* ... and hpa__test_decide_prepared_hits those hpa_decide_prepared_run() made. */
extern unsigned long hpa__test_decide_prepared_hits;
/* When set, the history scan uses its SSE2 loop even where SSE4.1 is there. */
extern bool hpa__test_scan_sse2;
#else
# define hpa__test_scan_sse2 false
#endif

/* Recommendation i (< n_recs) of a history. */
int64_t hpa__rec_ts(const hpa_history *h, size_t i);
int32_t hpa__rec_replicas(const hpa_history *h, size_t i);

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
