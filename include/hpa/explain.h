/**
 * @file hpa/explain.h
 * @brief Why the HPA wants this many replicas: decision inputs from real
 *        cluster objects, the explanation a person can act on, and the
 *        `kubectl get hpa` table.
 * @defgroup explain HPA decision explained
 *
 * The adapter reads what `kubectl get -o json` prints and builds the plain
 * input of hpa_decide():
 *
 * - the HorizontalPodAutoscaler (autoscaling/v2: spec.metrics of all five
 *   types, minReplicas/maxReplicas, spec.behavior with tolerance, and the
 *   status fields the controller reads: desiredReplicas, ScaledToZero);
 * - the scale target: an apps/v1 Deployment, StatefulSet or ReplicaSet
 *   (spec.replicas, status.replicas, spec.selector) or an autoscaling/v1
 *   Scale (the `/scale` subresource: spec.replicas, status.replicas,
 *   status.selector);
 * - the pods (`kubectl get pods -o json`: a PodList, a List or Pod
 *   documents). Only the pods the target's selector matches are used (and,
 *   when both name one, those of the HPA's namespace), as the controller
 *   lists them; pods of other workloads are ignored;
 * - the resource metrics (metrics.k8s.io/v1beta1 PodMetricsList), the custom
 *   metrics (custom.metrics.k8s.io MetricValueList, for Pods and Object
 *   metrics) and the external metrics (external.metrics.k8s.io
 *   ExternalMetricValueList).
 *
 * A caller loads the objects, builds the input, runs the decision and renders:
 * @code
 *   hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
 *   src.hpa = hpa; src.target = deployment; src.pods = pods; src.pod_metrics = metrics;
 *   src.now_ms = now;
 *   hpa_explain_input_new(&in, &src, &err);
 *   hpa_decide(&d, hpa_explain_input_decide(in), history, NULL, &err);
 *   hpa_explain_render(&text, NULL, in, &d, history, NULL, HPA_EXPLAIN_TEXT, &err);
 * @endcode
 *
 * Bad input (malformed timestamps or quantities, negative or out-of-range
 * replica counts, minReplicas > maxReplicas, wrong kinds, a target that is not
 * the HPA's scaleTargetRef) is an error whose message names the object and
 * whose `err->path` is the field path. What the controller itself tolerates
 * (an empty pod list, metrics for pods that are not listed, missing samples
 * or requests) is left to hpa_decide(), which reports it as upstream does.
 *
 * The library never reads the clock: `now` is always given.
 * @{
 */
#ifndef HPA_EXPLAIN_H
#define HPA_EXPLAIN_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <hpa/manifest.h>
#include <hpa/object.h>
#include <hpa/decide.h>

HPA_BEGIN_DECL

/** Version of ::hpa_explain_sources this header describes. */
#define HPA_EXPLAIN_SOURCES_VERSION 1

/**
 * The objects one explanation reads. All borrowed for the duration of
 * hpa_explain_input_new() only: the input copies what it needs.
 */
typedef struct {
	unsigned int version;                /**< ::HPA_EXPLAIN_SOURCES_VERSION */
	const hpa_object *hpa;               /**< autoscaling/v2 HorizontalPodAutoscaler (required) */
	const hpa_object *target;            /**< Deployment / StatefulSet / ReplicaSet / autoscaling/v1 Scale;
	                                          NULL = none: currentReplicas from the HPA's
	                                          status.currentReplicas, every listed pod counted */
	const hpa_manifest *pods;            /**< Pod objects (a loaded PodList), NULL = no pods */
	const hpa_manifest *pod_metrics;     /**< PodMetrics objects, NULL = the API returned none */
	const hpa_manifest *custom_metrics;  /**< MetricValue objects (Pods and Object metrics), NULL = none */
	const hpa_manifest *external_metrics; /**< ExternalMetricValue objects, NULL = none */
	int64_t now_ms;                      /**< the instant of the reconcile (Unix ms) */
	uint64_t reserved[4];                /**< zero */
} hpa_explain_sources;

/** Static initialiser of ::hpa_explain_sources (no objects, now = 0). */
#define HPA_EXPLAIN_SOURCES_INIT { HPA_EXPLAIN_SOURCES_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 0, {0} }

/**
 * Set @p src to the empty sources of version @p version.
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version.
 */
HPA_EXTERN(int) hpa_explain_sources_init(hpa_explain_sources *src, unsigned int version);

/** The decision input built from objects (opaque; owns every array and string). */
typedef struct hpa_explain_input hpa_explain_input;

/**
 * Build the decision input from @p src.
 * @return HPA_OK; HPA_EINVAL (NULL, bad version, an object of the wrong kind
 *         such as a Deployment as the HPA or as the pod list, a target that
 *         is not the HPA's scaleTargetRef), HPA_EMISSING (maxReplicas, a pod
 *         name), HPA_EDUPLICATE (two selected pods with one name),
 *         HPA_ESYNTAX (a malformed timestamp, duration or quantity),
 *         HPA_ERANGE (a count or duration out of range),
 *         HPA_EVALIDATION (a value the API server rejects: negative replicas,
 *         minReplicas > maxReplicas, an unknown target type...),
 *         HPA_EUNSUPPORTED (an autoscaling/v1 HPA, a resource other than
 *         cpu and memory),
 *         HPA_ELIMIT (more than ::HPA_DECIDE_MAX_METRICS metrics),
 *         HPA_ENOMEM. `*out` is NULL on failure.
 * @ownership caller (free with hpa_explain_input_free()); @p src borrowed
 */
HPA_EXTERN(int) hpa_explain_input_new(hpa_explain_input **out, const hpa_explain_sources *src, hpa_error *err);

/** Free an input (NULL allowed). @ownership takes */
HPA_EXTERN(void) hpa_explain_input_free(hpa_explain_input *in);

/**
 * The decision input, ready for hpa_decide(). Its `pod_class` points at a
 * buffer the input owns, so hpa_decide() records there how each metric
 * classified each pod (hpa_explain_render() reads it).
 * @ownership borrowed (valid until the input is freed)
 */
HPA_EXTERN(const hpa_decide_input *) hpa_explain_input_decide(const hpa_explain_input *in);

/**
 * Convenience: hpa_decide() on the input's decision input.
 * @return as hpa_decide()
 */
HPA_EXTERN(int) hpa_explain_decide(hpa_decision *out, const hpa_explain_input *in, const hpa_history *history,
	const hpa_decide_options *opts, hpa_error *err);

/** Number of pods of the pod list that the selector did not select (other workloads, namespaces). */
HPA_EXTERN(size_t) hpa_explain_input_unselected_pods(const hpa_explain_input *in);

/** Number of metric items dropped because they belong to pods the selector does not select. */
HPA_EXTERN(size_t) hpa_explain_input_dropped_metrics(const hpa_explain_input *in);

/** Output formats of hpa_explain_render(). */
typedef enum {
	HPA_EXPLAIN_TEXT = 1,   /**< lines for a person */
	HPA_EXPLAIN_JSON        /**< one JSON object (2-space indentation) */
} hpa_explain_format;

/**
 * Explain @p decision: per metric the current and target values, the pods
 * counted and those set aside and why (not ready, initializing, deleting,
 * failed, pending, no sample), containers lacking a request, the tolerance
 * band, the proposal; then stabilization and rate limits with the history's
 * entries that applied, the min/max clamp, the outcome and the conditions
 * with reasons and messages (the messages the decision holds: empty for
 * one computed with `no_text` until hpa_decision_format_conditions()).
 *
 * @param decision the result of hpa_decide() on hpa_explain_input_decide(@p in)
 * @param history the history the decision was computed with (NULL = none)
 * @param opts the options it was computed with (NULL = defaults)
 * @param format ::hpa_explain_format
 * @return HPA_OK, HPA_EINVAL (NULL, an unknown format, a decision of
 *         another input or one no hpa_decide() makes: unknown version,
 *         reasons or conditions), HPA_ENOMEM; `*out` is NULL on failure
 * @ownership caller (`*out`, NUL-terminated, free with hpa_free())
 */
HPA_EXTERN(int) hpa_explain_render(char **out, size_t *len_out, const hpa_explain_input *in,
	const hpa_decision *decision, const hpa_history *history, const hpa_decide_options *opts, int format,
	hpa_error *err);

/* ---- kubectl get hpa ---------------------------------------------------------------- */

/** hpa_explain_hpa_table(): print no header line. */
#define HPA_EXPLAIN_TABLE_NO_HEADERS (1u << 0)
/** hpa_explain_hpa_table(): `-o wide`: every metric in TARGETS (no " + N more..."), and a DESIRED column. */
#define HPA_EXPLAIN_TABLE_WIDE (1u << 1)

/**
 * Fill one `kubectl get hpa` row from a HorizontalPodAutoscaler object (its
 * spec targets and, when present, status.currentMetrics and
 * status.currentReplicas; AGE from metadata.creationTimestamp at @p now_ms,
 * `<unknown>` without one or when @p now_ms is ::HPA_TIME_ZERO). At most
 * @p cap metrics are put in @p entries; `row->n_metrics` is their number.
 * Strings in @p row point into @p hpa.
 * @return HPA_OK, HPA_EINVAL (NULL, not an autoscaling/v2 HPA), HPA_ESYNTAX
 *         (a malformed quantity or timestamp), HPA_ELIMIT (more metrics than @p cap)
 * @ownership borrowed (the strings of @p row, from @p hpa)
 */
HPA_EXTERN(int) hpa_explain_hpa_row(hpa_hpa_row *row, hpa_targets_entry *entries, size_t cap,
	const hpa_object *hpa, int64_t now_ms, hpa_error *err);

/**
 * The `kubectl get hpa` table of @p n HPA objects (NAME REFERENCE TARGETS
 * MINPODS MAXPODS REPLICAS AGE, aligned like kubectl), each line ending in
 * "\n". @p flags: ::HPA_EXPLAIN_TABLE_NO_HEADERS, ::HPA_EXPLAIN_TABLE_WIDE.
 * @return as hpa_explain_hpa_row(), HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_free()); @p hpas borrowed
 */
HPA_EXTERN(int) hpa_explain_hpa_table(char **out, size_t *len_out, const hpa_object *const *hpas, size_t n,
	int64_t now_ms, unsigned int flags, hpa_error *err);

/* ---- helpers --------------------------------------------------------------------------- */

/**
 * Parse an RFC 3339 timestamp (`2024-05-01T10:00:00Z`, fractional seconds and
 * numeric offsets allowed) to Unix milliseconds (fractions below 1 ms are
 * truncated). @return HPA_OK or HPA_ESYNTAX
 */
HPA_EXTERN(int) hpa_explain_parse_time(const char *text, int64_t *ms_out, hpa_error *err);

/**
 * Parse a Go duration (`15.001s`, `1m30s`, `500ms`, `1h`) to milliseconds
 * (fractions below 1 ms truncated). @return HPA_OK, HPA_ESYNTAX or HPA_ERANGE
 */
HPA_EXTERN(int) hpa_explain_parse_duration(const char *text, int64_t *ms_out, hpa_error *err);

HPA_END_DECL

/** @} */
#endif
