/*
 * lib/decide/calc_int.h -- shared state of one decision and the per-metric
 * calculation entry points (calc.c), used by decide.c.
 */
#ifndef HPA_LIB_DECIDE_CALC_INT_H
#define HPA_LIB_DECIDE_CALC_INT_H

#include "decide_int.h"

/* Whole-pod resource sums of one decision, gathered in a single pass over
 * the pods for every Resource metric (no container) at once. A resource's
 * bit is set only when the sums are what the exact per-metric pass would
 * find: every pod counted ready (Running, sampled, not deleting, and for cpu
 * past the initialization period with Ready True), no superfluous samples,
 * and for `req_ok` every counted container with a request. Anything else
 * takes the exact path. */
typedef struct {
	unsigned usage_ok;      /* HPA_RESOURCE_BIT: u[] is exact */
	unsigned req_ok;        /* HPA_RESOURCE_BIT: q[] is exact too */
	uint64_t u[HPA_RESOURCE_SLOTS], q[HPA_RESOURCE_SLOTS];
} hpa__digest;

typedef struct {
	const hpa_decide_options *o;
	const hpa_decide_input *in;
	int64_t now;
	double tol_up, tol_down;
	/* the stabilization windows (behavior: scale-up and scale-down; legacy:
	 * down_win_ms is the controller's downscale window), in ms */
	int64_t up_win_ms, down_win_ms;
	hpa__digest dg;
} hpa__calc;

/* hpa__digest_build() (fill c->dg for metrics m[0..n)) and
 * hpa__eval_from_digest() are in fast_int.h. */

const char *hpa__resource_name(int r);
int hpa__classify(const hpa__calc *c, const hpa_decide_pod *p, bool present, int64_t ts, int64_t window,
	int resource);
/* Fills r (and cls, n_pods bytes, when not NULL). HPA_OK or HPA_ERROR (metric invalid). */
int hpa__eval_metric(const hpa__calc *c, const hpa_decide_metric *m, hpa_metric_result *r, uint8_t *cls);
void hpa__metric_error_text(hpa__sb *b, const hpa_decide_metric *m, const hpa_metric_result *r);

/* The API default metric when spec.metrics is empty: cpu Utilization 80 %. */
extern const hpa_decide_metric hpa__default_metric;
/* Options with the defaults applied and checked; *out points at opts itself
 * when it needs no change, else at *buf. */
int hpa__decide_options(const hpa_decide_options **out, hpa_decide_options *buf, const hpa_decide_options *opts,
	hpa_error *err);
/* Condition messages and the event reason of a decision (text.c). */
void hpa__format_texts(hpa_decision *d, const hpa_decide_input *in);

#endif
