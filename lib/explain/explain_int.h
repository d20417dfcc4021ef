/*
 * lib/explain/explain_int.h -- private parts of the explain module: the
 * owning decision input built from cluster objects, label selectors, and the
 * small parsers (RFC 3339, Go durations, tolerance as AsApproximateFloat64).
 */
#ifndef HPA_LIB_EXPLAIN_INT_H
#define HPA_LIB_EXPLAIN_INT_H

#include "core/core.h"
#include <hpa/explain.h>

/* ---- label selectors ------------------------------------------------------------- */

enum {
	HPA__SEL_EQ = 1,     /* key=value (matchLabels, "=", "==") */
	HPA__SEL_NE,         /* key!=value */
	HPA__SEL_IN,         /* key in (a,b) */
	HPA__SEL_NOTIN,      /* key notin (a,b) */
	HPA__SEL_EXISTS,     /* key */
	HPA__SEL_NOT_EXISTS, /* !key */
	HPA__SEL_GT,         /* key>N */
	HPA__SEL_LT          /* key<N */
};

typedef struct {
	const char *key;
	int op;
	const char **values; /* sorted, as sets.String.List() */
	size_t n_values;
} hpa__sel_req;

typedef struct {
	hpa__sel_req *reqs;  /* sorted by key (stable) */
	size_t n;
} hpa__selector;

/* Read a meta/v1 LabelSelector (matchLabels, matchExpressions) at `path` of
 * `obj` into `sel` (strings and arrays in `arena`). A conversion error
 * (unknown operator, values with Exists, no values with In) gives
 * HPA_EVALIDATION with the reason in err->message and no path. */
int hpa__sel_from_object(hpa__selector *sel, hpa__arena *arena, const hpa_object *obj, const char *path,
	hpa_error *err);
/* labels.Parse of a selector string (Scale status.selector). HPA_ESYNTAX on error. */
int hpa__sel_parse(hpa__selector *sel, hpa__arena *arena, const char *text, hpa_error *err);
/* labels.Selector.String() of sel into b. */
int hpa__sel_format(const hpa__selector *sel, hpa__buf *b);
/* Does sel match the labels map at `path` of obj (absent = no labels)? */
bool hpa__sel_matches(const hpa__selector *sel, const hpa_object *obj, const char *path);
/* Go's %+v of a *LabelSelector at `path` ("nil" when absent) into b. */
int hpa__sel_go_string(const hpa_object *obj, const char *path, hpa__buf *b);

/* ---- parsers -------------------------------------------------------------------- */

int hpa__parse_go_duration(const char *s, int64_t *ms_out);
/* Quantity text as upstream Quantity.AsApproximateFloat64() computes it. */
int hpa__approx_float(const char *text, double *out);
/* Fixed-point text of x with `decimals` digits, no locale ("NaN", "+Inf"). */
void hpa__fixed(char *buf, size_t size, double x, int decimals);

/* Errors about an object: "<Kind> <ns/name>: <message>", err->path = path,
 * with the position of path and the object's document index. */
void hpa__xdescribe(char *buf, size_t size, const hpa_object *obj, const char *hint);
int hpa__xfail(hpa_error *err, int code, const hpa_object *obj, const char *path, const char *fmt, ...)
	HPA__PRINTF(5, 6);
/* Re-record a getter's error e as an error about obj. */
int hpa__xwrap(hpa_error *err, const hpa_error *e, const hpa_object *obj, const char *path);
/* The same with the kind to name when the object has none (items of a typed
 * List) and the source (file) the object was read from. */
int hpa__xfailk(hpa_error *err, int code, const hpa_object *obj, const char *hint, const char *source,
	const char *path, const char *fmt, ...) HPA__PRINTF(7, 8);
int hpa__xwrapk(hpa_error *err, const hpa_error *e, const hpa_object *obj, const char *hint, const char *source,
	const char *path);

/* Build `prefix["key"]` (key escaped) into buf; returns buf. */
const char *hpa__key_path(char *buf, size_t size, const char *prefix, const char *key);

/* ---- the owning input ------------------------------------------------------------ */

/* What the adapter knows about one selected pod beyond hpa_decide_pod. */
typedef struct {
	const char *ns;          /* metadata.namespace ("" when absent) */
	bool has_custom;         /* (unused by the decision) a custom value for some metric */
} hpa__xpod;

struct hpa_explain_input {
	hpa__arena arena;
	hpa_decide_input in;
	hpa_decide_behavior behavior;
	hpa_decide_metric metrics[HPA_DECIDE_MAX_METRICS];
	size_t n_metrics;
	bool default_metric;     /* spec.metrics empty: the API default cpu 80 % added */
	hpa_decide_pod *pods;
	size_t n_pods;
	hpa_pod_usage *orphans;
	size_t n_orphans;
	uint8_t *pod_class;
	/* description */
	const char *hpa_name, *hpa_ns;
	const char *ref_kind, *ref_name;   /* spec.scaleTargetRef */
	const char *target_kind, *target_name; /* the object given ("" when none) */
	bool has_target;
	const char *selector_text; /* "" when none */
	size_t n_listed_pods;      /* pods in the pod list */
	size_t n_unselected;       /* pods not selected */
	size_t n_pod_metrics;      /* PodMetrics items read */
	size_t n_dropped;          /* metric items of unselected pods */
	size_t n_custom_items[HPA_DECIDE_MAX_METRICS]; /* matching custom/external items per metric */
	int64_t now_ms;
};

#endif
