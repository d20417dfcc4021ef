/**
 * @file hpa/decide.h
 * @brief The HPA replica decision, with kube-controller-manager parity.
 * @defgroup decide Replica decision
 *
 * hpa_decide() performs one reconcile of one HorizontalPodAutoscaler exactly
 * as the in-tree controller does (pkg/controller/podautoscaler, released
 * semantics v1.33-v1.37 by default, the documented v1.38-dev differences with
 * ::HPA_SEMANTICS_MASTER): per-metric replica proposals (Resource,
 * ContainerResource, Pods, Object, External x Utilization / AverageValue /
 * Value), pod classification (ignored / unready / missing), tolerance, the
 * maximum over metrics with the invalid-metric rules, legacy normalization or
 * behavior normalization (stabilization windows, Pods/Percent policies,
 * selectPolicy), the conditions AbleToScale / ScalingActive / ScalingLimited
 * with upstream's reasons and messages, and the bookkeeping the controller
 * would do on its in-memory history.
 *
 * All inputs are plain value structs with caller-owned arrays (pointer +
 * count): nothing depends on the object model, nothing is allocated, the
 * clock is never read (`now` is an input). Times are int64 milliseconds since
 * the Unix epoch; Go's zero time (0001-01-01T00:00:00Z) is ::HPA_TIME_ZERO.
 * Quantities are milli-units as Kubernetes' `Quantity.MilliValue()` gives
 * them: cpu in milli-cores, memory in bytes x 1000.
 *
 * The per-HPA history (recommendations and scale events) is an opaque
 * ::hpa_history. hpa_decide() only reads it; hpa_history_record() then
 * applies the decision's bookkeeping, so a controller loop is:
 * @code
 *   hpa_decide(&d, &in, hist, &opts, &err);
 *   hpa_history_record(hist, &d, in.now_ms, &err);
 * @endcode
 *
 * hpa_decide() is pure and reentrant: concurrent calls on distinct outputs are
 * safe; a history must not be recorded into while another thread reads it.
 * @{
 */
#ifndef HPA_DECIDE_H
#define HPA_DECIDE_H

#include <hpa/common.h>
#include <hpa/errors.h>

HPA_BEGIN_DECL

/* ---- constants ------------------------------------------------------------ */

/** Go's zero time (0001-01-01T00:00:00Z) in Unix milliseconds. */
#define HPA_TIME_ZERO INT64_C(-62135596800000)

/** Maximum number of metrics of one HPA (more gives ::HPA_ELIMIT). */
#define HPA_DECIDE_MAX_METRICS 16
/** Size of every text buffer of ::hpa_decision (including the NUL). */
#define HPA_DECIDE_TEXT_MAX 256
/** Maximum number of conditions a decision sets. */
#define HPA_DECIDE_MAX_CONDITIONS 4

/** Metric source type (`spec.metrics[].type`). */
typedef enum {
	HPA_SOURCE_RESOURCE = 1,        /**< "Resource" */
	HPA_SOURCE_CONTAINER_RESOURCE,  /**< "ContainerResource" */
	HPA_SOURCE_PODS,                /**< "Pods" */
	HPA_SOURCE_OBJECT,              /**< "Object" */
	HPA_SOURCE_EXTERNAL,            /**< "External" */
	HPA_SOURCE_UNKNOWN              /**< any other type: the metric is invalid (`type_name` gives the text) */
} hpa_decide_source;

/** Metric target type (`target.type`). */
typedef enum {
	HPA_TARGET_UTILIZATION = 1,     /**< "Utilization" */
	HPA_TARGET_AVERAGE_VALUE,       /**< "AverageValue" */
	HPA_TARGET_VALUE                /**< "Value" */
} hpa_decide_target;

/** Resources the resource metrics API reports. Used as array index. */
typedef enum {
	HPA_RESOURCE_CPU = 1,           /**< "cpu", milli-cores */
	HPA_RESOURCE_MEMORY = 2         /**< "memory", bytes x 1000 */
} hpa_decide_resource;
/** Size of the per-resource arrays (index 0 is unused). */
#define HPA_RESOURCE_SLOTS 3
/** Bit of a resource in a `*_set` mask. */
#define HPA_RESOURCE_BIT(r) (1u << (unsigned)(r))

/** Pod phase (`status.phase`). 0 (unset) behaves like Unknown. */
typedef enum {
	HPA_PHASE_RUNNING = 1,
	HPA_PHASE_PENDING,
	HPA_PHASE_SUCCEEDED,
	HPA_PHASE_FAILED,
	HPA_PHASE_UNKNOWN
} hpa_decide_phase;

/** Status of a condition. 0 = the condition is absent. */
typedef enum {
	HPA_COND_TRUE = 1,
	HPA_COND_FALSE,
	HPA_COND_UNKNOWN
} hpa_decide_cond_status;

/** Kind of a container in a pod spec. */
typedef enum {
	HPA_CONTAINER_APP = 0,          /**< `spec.containers[]` (the default) */
	HPA_CONTAINER_INIT,             /**< `spec.initContainers[]` without restartPolicy Always (not counted) */
	HPA_CONTAINER_SIDECAR           /**< `spec.initContainers[]` with restartPolicy Always (counted) */
} hpa_decide_container_kind;

/** Scaling policy type. */
typedef enum {
	HPA_POLICY_PODS = 1,            /**< "Pods" */
	HPA_POLICY_PERCENT              /**< "Percent" */
} hpa_decide_policy_type;

/** selectPolicy of a scaling direction. 0 (unset) = Max (API default). */
typedef enum {
	HPA_SELECT_MAX = 1,             /**< "Max" */
	HPA_SELECT_MIN,                 /**< "Min" */
	HPA_SELECT_DISABLED             /**< "Disabled" */
} hpa_decide_select;

/** Quantity format, used only to render quantities like Kubernetes. */
typedef enum {
	HPA_QFMT_DECIMAL_SI = 0,        /**< "500m", "2", "1k" (the default) */
	HPA_QFMT_BINARY_SI,             /**< "64Mi", "1Gi" */
	HPA_QFMT_DECIMAL_EXPONENT       /**< "5e2" */
} hpa_decide_qformat;

/** State of `scale.status.selector`. 0 (unset) = a valid, unambiguous selector. */
typedef enum {
	HPA_SELECTOR_OK = 1,            /**< valid */
	HPA_SELECTOR_EMPTY,             /**< empty: InvalidSelector "the HPA target's scale is missing a selector" */
	HPA_SELECTOR_INVALID,           /**< does not parse: InvalidSelector */
	HPA_SELECTOR_AMBIGUOUS          /**< pods also selected by another HPA: AmbiguousSelector */
} hpa_decide_selector;

/** Semantics to reproduce. */
typedef enum {
	HPA_SEMANTICS_RELEASED = 1,     /**< v1.33-v1.37 (default) */
	HPA_SEMANTICS_MASTER            /**< v1.38 development: ScaledToZero condition and zero-replica rules */
} hpa_decide_semantics;

/** How pod classification placed one pod for one metric. */
typedef enum {
	HPA_POD_NOT_CONSULTED = 0,      /**< the metric did not look at pods (Object/External, or it failed before) */
	HPA_POD_READY,                  /**< counted (readyPodCount) */
	HPA_POD_IGNORED_DELETING,       /**< ignored: deletionTimestamp set */
	HPA_POD_IGNORED_FAILED,         /**< ignored: phase Failed */
	HPA_POD_UNREADY_PENDING,        /**< unready: phase Pending */
	HPA_POD_MISSING,                /**< missing: no sample for the pod */
	HPA_POD_UNREADY_NO_CONDITION,   /**< unready (cpu): no Ready condition */
	HPA_POD_UNREADY_NO_START_TIME,  /**< unready (cpu): status.startTime nil */
	HPA_POD_UNREADY_INITIALIZING,   /**< unready (cpu): within the cpu initialization period and Ready False */
	HPA_POD_UNREADY_SAMPLE_TOO_EARLY, /**< unready (cpu): within the initialization period, sample older than Ready transition + window */
	HPA_POD_UNREADY_NEVER_READY,    /**< unready (cpu): Ready False and never ready since the initial readiness delay */
	HPA_POD_OBJECT_READY,           /**< Object/External Value: counted as ready (Running and Ready True) */
	HPA_POD_OBJECT_NOT_READY        /**< Object/External Value: not counted */
} hpa_decide_pod_class;

/** Why the final value is what it is (ScalingLimited reason and the reconcile cases). */
typedef enum {
	HPA_LIMIT_DESIRED_WITHIN_RANGE = 1, /**< "DesiredWithinRange" */
	HPA_LIMIT_TOO_FEW_REPLICAS,     /**< "TooFewReplicas": raised to minReplicas */
	HPA_LIMIT_TOO_MANY_REPLICAS,    /**< "TooManyReplicas": capped at maxReplicas */
	HPA_LIMIT_SCALE_UP_LIMIT,       /**< "ScaleUpLimit": capped by the scale-up rate */
	HPA_LIMIT_SCALE_DOWN_LIMIT,     /**< "ScaleDownLimit": held by the scale-down rate */
	HPA_LIMIT_CURRENT_ABOVE_MAX,    /**< current > maxReplicas: jump to max, no metrics */
	HPA_LIMIT_CURRENT_BELOW_MIN,    /**< current < minReplicas: jump to min, no metrics */
	HPA_LIMIT_SCALING_DISABLED,     /**< current == 0 and scaling is disabled */
	HPA_LIMIT_INVALID_METRICS,      /**< metrics failed in a blocking way: no scaling, error */
	HPA_LIMIT_INVALID_SELECTOR      /**< the selector check failed: no scaling, error */
} hpa_decide_limit;

/** AbleToScale reason set by normalization. */
typedef enum {
	HPA_STAB_READY_FOR_NEW_SCALE = 1, /**< "ReadyForNewScale" */
	HPA_STAB_SCALE_UP_STABILIZED,   /**< "ScaleUpStabilized" */
	HPA_STAB_SCALE_DOWN_STABILIZED  /**< "ScaleDownStabilized" */
} hpa_decide_stabilization;

/** HPA condition types. */
typedef enum {
	HPA_CONDITION_ABLE_TO_SCALE = 1, /**< "AbleToScale" */
	HPA_CONDITION_SCALING_ACTIVE,   /**< "ScalingActive" */
	HPA_CONDITION_SCALING_LIMITED,  /**< "ScalingLimited" */
	HPA_CONDITION_SCALED_TO_ZERO    /**< "ScaledToZero" ([master], HPAScaleToZero gate) */
} hpa_decide_condition_type;

/* ---- inputs ----------------------------------------------------------------- */

/** One container of a pod spec, with its requests. */
typedef struct {
	const char *name;               /**< container name */
	int kind;                       /**< ::hpa_decide_container_kind */
	unsigned int requests_set;      /**< ::HPA_RESOURCE_BIT of each resource with a request */
	int64_t requests_milli[HPA_RESOURCE_SLOTS]; /**< request per resource (MilliValue), indexed by ::hpa_decide_resource */
} hpa_decide_container;

/** Usage of one container in a resource-metrics item. */
typedef struct {
	const char *name;               /**< container name ("" = unnamed: never matches a ContainerResource name) */
	unsigned int usage_set;         /**< ::HPA_RESOURCE_BIT of each resource reported */
	int64_t usage_milli[HPA_RESOURCE_SLOTS]; /**< usage per resource (milli), indexed by ::hpa_decide_resource */
} hpa_container_usage;

/** One item of the resource metrics API (PodMetrics). */
typedef struct {
	const char *pod;                /**< pod name (used for items of pods that are not in the pod list) */
	int64_t timestamp_ms;           /**< sample timestamp */
	int64_t window_ms;              /**< sample window */
	const hpa_container_usage *containers; /**< container usages */
	size_t n_containers;            /**< entries in containers */
} hpa_pod_usage;

/** One per-pod value of a custom ("Pods") metric. */
typedef struct {
	const char *pod;                /**< pod name (used for values of pods that are not in the pod list) */
	bool present;                   /**< the custom metrics API returned a value for this pod */
	int64_t value_milli;            /**< the value */
	int64_t timestamp_ms;           /**< sample timestamp */
	int64_t window_ms;              /**< sample window (the API default is 60 s) */
} hpa_pod_value;

/** A pod matched by the scale selector (informer cache view). */
typedef struct {
	const char *name;               /**< metadata.name (unique in the list) */
	int phase;                      /**< ::hpa_decide_phase */
	int ready;                      /**< Ready condition status (::hpa_decide_cond_status), 0 = no Ready condition */
	int64_t ready_transition_ms;    /**< Ready lastTransitionTime (::HPA_TIME_ZERO allowed) */
	bool has_start_time;            /**< status.startTime is set */
	int64_t start_time_ms;          /**< status.startTime */
	bool deleting;                  /**< metadata.deletionTimestamp is set */
	const hpa_decide_container *containers; /**< containers, init containers and sidecars */
	size_t n_containers;            /**< entries in containers */
	unsigned int pod_requests_set;  /**< ::HPA_RESOURCE_BIT of pod-level requests (spec.resources.requests), 0 = none */
	int64_t pod_requests_milli[HPA_RESOURCE_SLOTS]; /**< pod-level requests */
	const hpa_pod_usage *usage;     /**< this pod's resource-metrics item, NULL = none returned */
} hpa_decide_pod;

/**
 * Pods in columns (`hpa_decide_input.pod_table`), an alternative to the
 * `pods` array for the pods a loop such as a simulator holds in arrays:
 * pod `i` is Running and Ready (since `ready_transition_ms[i]`), started at
 * `start_time_ms[i]`, not being deleted, with one application container
 * named `container` and no pod-level requests. That container requests
 * `requests_milli[r][i]` of each resource `r` whose column is not NULL (no
 * request otherwise), and the resource-metrics API returned, for each pod,
 * one item at `sample_time_ms[i]` over `sample_window_ms[i]` with that
 * container's usage `usage_milli[r][i]` of each resource whose column is
 * not NULL (not reported otherwise). The decision is exactly the decision
 * of the same pods given as `pods` (pod names from `names`, "" without).
 * Pods that do not fit (not ready, pending, deleting, several containers,
 * no sample) need the `pods` array. Every column, when not NULL, has `n`
 * entries; the four time columns are required when `n` > 0 (else
 * HPA_EINVAL naming the column).
 * @ownership borrowed: the table and its columns are read during the call
 * only, never kept or written.
 */
typedef struct {
	size_t n;                       /**< pods */
	const char *const *names;       /**< NULL, or n pod names (messages, orphan usage matching) */
	const char *container;          /**< the container's name (ContainerResource metrics), NULL = "" */
	const int64_t *start_time_ms;   /**< n status.startTime */
	const int64_t *ready_transition_ms; /**< n Ready lastTransitionTime */
	const int64_t *sample_time_ms;  /**< n resource-metrics sample timestamps */
	const int64_t *sample_window_ms; /**< n sample windows */
	const int64_t *usage_milli[HPA_RESOURCE_SLOTS]; /**< per resource: n usages (milli), NULL = not reported */
	const int64_t *requests_milli[HPA_RESOURCE_SLOTS]; /**< per resource: n requests (MilliValue), NULL = none */
} hpa_decide_pod_table;

/** One scaling policy. */
typedef struct {
	int type;                       /**< ::hpa_decide_policy_type */
	int32_t value;                  /**< pods or percent */
	int32_t period_seconds;         /**< periodSeconds */
} hpa_decide_policy;

/**
 * Scaling rules of one direction (HPAScalingRules). Unset fields take the
 * API-server defaults (scaleUp: window 0, Max, Pods 4/15 s + Percent
 * 100/15 s; scaleDown: window = the downscale-stabilization option, Max,
 * Percent 100/15 s).
 */
typedef struct {
	bool has_stabilization_window;  /**< stabilizationWindowSeconds is set */
	int32_t stabilization_window_seconds; /**< stabilizationWindowSeconds */
	int select_policy;              /**< ::hpa_decide_select, 0 = default (Max) */
	bool has_policies;              /**< policies is set (false = the default list) */
	const hpa_decide_policy *policies; /**< policies in spec order */
	size_t n_policies;              /**< entries in policies */
	bool has_tolerance;             /**< tolerance is set (KEP-4951) */
	double tolerance;               /**< tolerance as Quantity.AsApproximateFloat64() */
} hpa_decide_rules;

/** spec.behavior (present). */
typedef struct {
	hpa_decide_rules scale_up;      /**< behavior.scaleUp */
	hpa_decide_rules scale_down;    /**< behavior.scaleDown */
} hpa_decide_behavior;

/**
 * One metric of `spec.metrics`, together with the values the metrics APIs
 * returned for it.
 */
typedef struct {
	int type;                       /**< ::hpa_decide_source */
	const char *type_name;          /**< text of an unknown type (messages), may be NULL */
	int resource;                   /**< Resource / ContainerResource: ::hpa_decide_resource */
	const char *container;          /**< ContainerResource: container name */
	const char *name;               /**< Pods / Object / External: metric name */
	const char *selector;           /**< Object / External: metric selector as Go's %+v prints it (NULL = "nil") */
	const char *object_kind;        /**< Object: describedObject.kind */
	const char *object_name;        /**< Object: describedObject.name */
	const char *namespace_name;     /**< namespace (messages only), may be NULL */
	int target_type;                /**< ::hpa_decide_target */
	bool has_average_utilization;   /**< target.averageUtilization is set */
	int32_t average_utilization;    /**< percent */
	bool has_average_value;         /**< target.averageValue is set */
	int64_t average_value_milli;    /**< target.averageValue (milli) */
	int average_value_format;       /**< ::hpa_decide_qformat of target.averageValue (rendering) */
	bool has_value;                 /**< target.value is set */
	int64_t value_milli;            /**< target.value (milli) */
	int value_format;               /**< ::hpa_decide_qformat of target.value (rendering) */
	/* -- what the metrics APIs returned ---------------------------------- */
	const hpa_pod_value *pod_values; /**< Pods: NULL or one entry per pod, aligned with the pod list */
	const hpa_pod_value *orphan_values; /**< Pods: values for pod names not in the pod list */
	size_t n_orphan_values;         /**< entries in orphan_values */
	bool has_object_value;          /**< Object: the custom metrics API returned a value */
	int64_t object_value_milli;     /**< Object: the value */
	const int64_t *external_values; /**< External: all returned values */
	size_t n_external_values;       /**< entries in external_values */
	bool fetch_failed;              /**< the metrics API call for this metric returned an error */
	const char *fetch_error;        /**< its text, may be NULL */
} hpa_decide_metric;

/** Version of ::hpa_decide_input this header describes. */
#define HPA_DECIDE_INPUT_VERSION 1

/**
 * Everything one reconcile reads. Zero-initialise, set `version` (or use
 * hpa_decide_input_init()), then fill.
 */
typedef struct {
	unsigned int version;           /**< ::HPA_DECIDE_INPUT_VERSION */
	/* -- HPA spec -------------------------------------------------------- */
	bool has_min_replicas;          /**< spec.minReplicas is set (default 1) */
	int32_t min_replicas;           /**< spec.minReplicas */
	int32_t max_replicas;           /**< spec.maxReplicas */
	const hpa_decide_metric *metrics; /**< spec.metrics (none = API default cpu 80 %) */
	size_t n_metrics;               /**< entries in metrics (at most ::HPA_DECIDE_MAX_METRICS) */
	const hpa_decide_behavior *behavior; /**< spec.behavior, NULL = nil (legacy normalization) */
	/* -- scale subresource ----------------------------------------------- */
	int32_t spec_replicas;          /**< scale.spec.replicas: currentReplicas */
	int32_t status_replicas;        /**< scale.status.replicas (Object/External AverageValue) */
	int selector;                   /**< ::hpa_decide_selector, 0 = OK */
	const char *selector_text;      /**< scale.status.selector (messages), may be NULL */
	const char *selector_error;     /**< parse error / other HPA for INVALID / AMBIGUOUS (messages), may be NULL */
	/* -- pods and metrics ------------------------------------------------- */
	const hpa_decide_pod *pods;     /**< pods matching the selector */
	size_t n_pods;                  /**< entries in pods */
	const hpa_pod_usage *orphan_usage; /**< resource-metrics items for pod names not in the pod list */
	size_t n_orphan_usage;          /**< entries in orphan_usage */
	/* -- previous status -------------------------------------------------- */
	bool has_prev_desired;          /**< status.desiredReplicas before (kept on a blocking error) */
	int32_t prev_desired_replicas;  /**< default: spec_replicas */
	bool scaled_to_zero;            /**< [master] the HPA's ScaledToZero condition is True */
	/* -- the instant -------------------------------------------------------- */
	int64_t now_ms;                 /**< now (Unix ms) */
	/* -- optional output ---------------------------------------------------- */
	uint8_t *pod_class;             /**< NULL or n_metrics x n_pods bytes: ::hpa_decide_pod_class per metric row
	                                     (n_metrics x pod_table->n with a pod table) */
	/* -- pods in columns (instead of pods / n_pods) -------------------------- */
	const hpa_decide_pod_table *pod_table; /**< NULL, or the pods as columns (then pods must be NULL and n_pods 0) */
	uint64_t reserved[3];           /**< zero */
} hpa_decide_input;

/**
 * Reset @p in to an empty input of version @p version.
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version.
 */
HPA_EXTERN(int) hpa_decide_input_init(hpa_decide_input *in, unsigned int version);

/** Version of ::hpa_decide_options this header describes. */
#define HPA_DECIDE_OPTIONS_VERSION 1

/** Controller flags and feature gates. NULL options = these defaults. */
typedef struct {
	unsigned int version;           /**< ::HPA_DECIDE_OPTIONS_VERSION */
	int semantics;                  /**< ::hpa_decide_semantics (default released) */
	double tolerance;               /**< --horizontal-pod-autoscaler-tolerance (0.1) */
	int64_t cpu_initialization_period_ms; /**< --horizontal-pod-autoscaler-cpu-initialization-period (5 min) */
	int64_t initial_readiness_delay_ms; /**< --horizontal-pod-autoscaler-initial-readiness-delay (30 s) */
	int64_t downscale_stabilization_ms; /**< --horizontal-pod-autoscaler-downscale-stabilization (5 min) */
	double scale_up_limit_factor;   /**< legacy scale-up limit factor (2.0; upstream tests use 8), finite, >= 1 */
	double scale_up_limit_minimum;  /**< legacy scale-up limit minimum (4.0), finite, >= 0 */
	bool scale_to_zero;             /**< HPAScaleToZero gate (false) */
	bool pod_level_resources;       /**< PodLevelResources gate (true: beta since v1.34) */
	bool configurable_tolerance;    /**< HPAConfigurableTolerance gate (true: beta since v1.35) */
	bool no_text;                   /**< numbers only: leave the condition messages and `rescale_reason` empty (hpa_decision_format_conditions() formats them later); the per-metric messages and `error_message` are always written */
	uint64_t reserved[4];           /**< zero */
} hpa_decide_options;

/** Static initialiser of ::hpa_decide_options with the defaults. */
#define HPA_DECIDE_OPTIONS_INIT { HPA_DECIDE_OPTIONS_VERSION, HPA_SEMANTICS_RELEASED, 0.1, \
	300000, 30000, 300000, 2.0, 4.0, false, true, true, false, {0} }

/**
 * Set @p opts to the defaults of version @p version.
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version.
 */
HPA_EXTERN(int) hpa_decide_options_init(hpa_decide_options *opts, unsigned int version);

/* ---- history ----------------------------------------------------------------- */

/** The controller's in-memory state for one HPA (opaque, bounded). */
typedef struct hpa_history hpa_history;

/** One stored recommendation. */
typedef struct {
	int32_t replicas;               /**< unstabilized (prenormalized) recommendation */
	int64_t timestamp_ms;           /**< when it was stored */
} hpa_recommendation;

/** One stored scale event. */
typedef struct {
	int32_t replica_change;         /**< absolute change (>= 0) */
	int64_t timestamp_ms;           /**< when it happened */
	bool outdated;                  /**< marked for reuse */
} hpa_scale_event;

/** Direction of scale events. */
typedef enum {
	HPA_SCALE_UP = 1,
	HPA_SCALE_DOWN
} hpa_scale_direction;

/**
 * Create an empty history (no recommendation list yet: the first decision
 * records `(current, now)` first, as the controller does after a restart).
 * @param capacity entries per list (0 = 128). When a list is full, storing
 *        evicts its oldest entry (upstream's lists are unbounded; with the
 *        default windows they hold about 21 entries).
 * @ownership caller (free with hpa_history_free())
 */
HPA_EXTERN(int) hpa_history_new(hpa_history **out, size_t capacity, hpa_error *err);
/** Free a history (NULL allowed). @ownership takes */
HPA_EXTERN(void) hpa_history_free(hpa_history *history);
/** Forget everything (back to "no recommendation list"). */
HPA_EXTERN(void) hpa_history_clear(hpa_history *history);
/** Capacity of each list. */
HPA_EXTERN(size_t) hpa_history_capacity(const hpa_history *history);
/** Number of entries evicted because a list was full. */
HPA_EXTERN(uint64_t) hpa_history_evictions(const hpa_history *history);

/** True when the recommendation list exists (possibly empty), as opposed to nil. */
HPA_EXTERN(bool) hpa_history_has_recommendations(const hpa_history *history);
/** Make the recommendation list exist (empty) or not (nil, clears it). */
HPA_EXTERN(void) hpa_history_set_has_recommendations(hpa_history *history, bool has);
/** Number of stored recommendations. */
HPA_EXTERN(size_t) hpa_history_recommendation_count(const hpa_history *history);
/** Recommendation @p i in stored order. @return HPA_OK or HPA_ENOTFOUND. */
HPA_EXTERN(int) hpa_history_recommendation_at(const hpa_history *history, size_t i, hpa_recommendation *out);
/** Append a recommendation (creates the list; evicts the oldest when full). */
HPA_EXTERN(int) hpa_history_add_recommendation(hpa_history *history, int32_t replicas, int64_t timestamp_ms, hpa_error *err);
/** Number of scale events of a direction (::hpa_scale_direction). */
HPA_EXTERN(size_t) hpa_history_event_count(const hpa_history *history, int direction);
/** Event @p i of a direction in stored order. @return HPA_OK or HPA_ENOTFOUND. */
HPA_EXTERN(int) hpa_history_event_at(const hpa_history *history, int direction, size_t i, hpa_scale_event *out);
/** Append a scale event (evicts the oldest when full); @p replica_change is
 * absolute (>= 0, else HPA_EINVAL). */
HPA_EXTERN(int) hpa_history_add_event(hpa_history *history, int direction, int32_t replica_change,
	int64_t timestamp_ms, bool outdated, hpa_error *err);
/**
 * Sum of replicaChange of a direction's events with timestamp > now - period
 * (upstream getReplicasChangePerPeriod; the outdated flag is ignored).
 */
HPA_EXTERN(int32_t) hpa_history_replica_change(const hpa_history *history, int direction,
	int64_t period_ms, int64_t now_ms);
/**
 * Upstream storeScaleEvent: after a rescale prev -> new with @p behavior set,
 * mark events older than the direction's longest policy period outdated and
 * overwrite the last outdated one, or append. NULL behavior stores nothing.
 */
HPA_EXTERN(int) hpa_history_store_scale_event(hpa_history *history, const hpa_decide_behavior *behavior,
	int32_t prev_replicas, int32_t new_replicas, int64_t now_ms, hpa_error *err);

/**
 * Read the history JSON format
 * `{"recommendations":[{"timestamp":RFC3339,"replicas":N}], "scaleUpEvents":[{"timestamp":…,"replicaChange":N,"outdated":bool}], "scaleDownEvents":[…]}`.
 * A missing or null "recommendations" means "no list" (nil); other keys
 * are HPA_EUNKNOWNFIELD and an object with none of the three HPA_EMISSING
 * (it is no history). Errors name the entry
 * (`scaleUpEvents[2].replicaChange`): HPA_ESYNTAX, HPA_ETYPE, HPA_EMISSING,
 * HPA_ERANGE (a replica count out of int32, a negative replicaChange).
 * @ownership caller (free with hpa_history_free())
 */
HPA_EXTERN(int) hpa_history_read_json(hpa_history **out, const char *buf, size_t len, size_t capacity, hpa_error *err);
/** Same as hpa_history_read_json() from a file. @ownership caller */
HPA_EXTERN(int) hpa_history_read_file(hpa_history **out, const char *path, size_t capacity, hpa_error *err);
/**
 * Write the history JSON format (timestamps RFC3339 UTC, milliseconds when
 * not whole seconds): what hpa_history_read_json() reads back to the same
 * history. HPA_ERANGE, naming the entry, for a timestamp outside the years
 * 0000-9999 that RFC 3339 writes (nothing is written then).
 * @ownership caller (free *out with hpa_free())
 */
HPA_EXTERN(int) hpa_history_write_json(const hpa_history *history, char **out, size_t *len_out, hpa_error *err);
/** Write the history JSON format to a file. */
HPA_EXTERN(int) hpa_history_write_file(const hpa_history *history, const char *path, hpa_error *err);

/* ---- the decision -------------------------------------------------------------- */

/** Result of one metric (a proposal and its status.currentMetrics entry). */
typedef struct {
	int type;                       /**< ::hpa_decide_source */
	int status;                     /**< HPA_OK, or HPA_ERROR when the metric is invalid */
	const char *failure_reason;     /**< "FailedGetResourceMetric", ... (static), NULL when valid */
	int32_t replicas;               /**< proposal (0 when invalid) */
	bool has_average_utilization;   /**< current.averageUtilization is reported */
	int32_t average_utilization;    /**< integer percent, first pass */
	bool has_average_value;         /**< current.averageValue is reported */
	int64_t average_value_milli;    /**< first-pass average (milli) or ceil(total / statusReplicas) */
	bool has_value;                 /**< current.value is reported */
	int64_t value_milli;            /**< Object / External Value: the value (sum) */
	int value_format;               /**< ::hpa_decide_qformat of the reported quantity (memory: BinarySI) */
	double usage_ratio;             /**< first-pass usage ratio (NaN when not computed) */
	uint32_t n_ready;               /**< pods counted ready */
	uint32_t n_unready;             /**< pods unready (pending, cpu readiness rules) */
	uint32_t n_missing;             /**< pods without a sample */
	uint32_t n_ignored;             /**< pods ignored (deleting, failed) */
	uint32_t n_samples;             /**< samples in the final ratio (including fills and superfluous ones) */
	bool rebalanced;                /**< the rebalance path (missing / unready fill) ran */
	char message[HPA_DECIDE_TEXT_MAX]; /**< error text when invalid, else "" */
} hpa_metric_result;

/** One condition set by the decision. */
typedef struct {
	int type;                       /**< ::hpa_decide_condition_type */
	int status;                     /**< ::hpa_decide_cond_status */
	const char *reason;             /**< upstream reason (static) */
	char message[HPA_DECIDE_TEXT_MAX]; /**< upstream message ("" with options.no_text) */
} hpa_decision_condition;

/** What hpa_history_record() does with a decision (upstream bookkeeping). */
typedef struct {
	bool init_recommendations;      /**< the list was nil: record (init_replicas, now) first */
	int32_t init_replicas;          /**< currentReplicas */
	bool store_recommendation;      /**< store the prenormalized recommendation */
	int32_t recommendation;         /**< its value */
	int64_t slot;                   /**< index to overwrite (oldest stale entry rule), -1 = append */
	bool store_event;               /**< store a scale event (rescale with behavior set) */
	int32_t prev_replicas;          /**< event: from */
	int32_t new_replicas;           /**< event: to */
	int32_t longest_period_seconds; /**< longest policy period of the event's direction */
} hpa_history_update;

/** Version of ::hpa_decision this header describes. */
#define HPA_DECISION_VERSION 1

/**
 * Outcome of one reconcile. Only the fields that apply are written; the
 * per-metric entries beyond `n_metrics` are untouched.
 */
typedef struct {
	unsigned int version;           /**< ::HPA_DECISION_VERSION */
	int32_t current_replicas;       /**< scale.spec.replicas (status.currentReplicas) */
	int32_t desired_replicas;       /**< status.desiredReplicas written (scale.spec.replicas afterwards) */
	int32_t metric_replicas;        /**< max over metrics before normalization, -1 when not computed or blocked */
	int32_t prenormalized_replicas; /**< the recommendation normalization started from (-1 when it did not run) */
	int32_t stabilized_replicas;    /**< after stabilization (-1 when it did not run) */
	int32_t min_replicas;           /**< effective minReplicas */
	bool rescale;                   /**< scale.spec.replicas is written */
	bool error;                     /**< reconcile returns an error (blocking, or after scaling) */
	bool metrics_computed;          /**< metrics were evaluated */
	int limit_reason;               /**< ::hpa_decide_limit */
	int stabilization;              /**< ::hpa_decide_stabilization (0 when normalization did not run) */
	size_t n_metrics;               /**< entries in metrics */
	size_t n_invalid_metrics;       /**< invalid metrics */
	size_t metric_index;            /**< metric giving metric_replicas (SIZE_MAX = none) */
	hpa_metric_result metrics[HPA_DECIDE_MAX_METRICS]; /**< per-metric results, spec order */
	size_t n_conditions;            /**< entries in conditions */
	hpa_decision_condition conditions[HPA_DECIDE_MAX_CONDITIONS]; /**< conditions set, in the order first set */
	bool remove_scaled_to_zero;     /**< the ScaledToZero condition is removed (gate off) */
	char rescale_reason[HPA_DECIDE_TEXT_MAX]; /**< "New size: N; reason: R" event's R ("" when no rescale) */
	char error_message[HPA_DECIDE_TEXT_MAX]; /**< reconcile's error text ("" when none) */
	hpa_history_update update;      /**< bookkeeping for hpa_history_record() */
	uint64_t reserved[8];           /**< zero */
} hpa_decision;

/**
 * One reconcile of one HPA.
 *
 * @param out the decision (version set by the call)
 * @param in the inputs (`in->version` must be set)
 * @param history the HPA's history, NULL = none (read only)
 * @param opts flags and gates, NULL = defaults
 * @return HPA_OK (also when the reconcile itself "fails": see `out->error`),
 *         HPA_EINVAL for bad arguments (NULL, a NULL array with a non-zero
 *         count, also a pod's or a usage item's containers, negative replica
 *         counts, minReplicas > maxReplicas, unknown enum values: a pod's
 *         phase, Ready status or container kind, a metric's target type or
 *         quantity format, a pod_class buffer with metrics but no pods, bad
 *         options), HPA_ELIMIT for too many metrics. The message names the
 *         field (`pods[1]: unknown phase 42`).
 */
HPA_EXTERN(int) hpa_decide(hpa_decision *out, const hpa_decide_input *in, const hpa_history *history,
	const hpa_decide_options *opts, hpa_error *err);

/** A per-HPA prepared decision: the spec part of an input checked once (opaque). */
typedef struct hpa_decide_prepared hpa_decide_prepared;

/**
 * Prepare the decisions of one HPA: checks the spec part of @p in once
 * (`version`, min/max replicas, the metrics' sources and targets, the
 * behavior) and @p opts, and keeps what hpa_decide_prepared_run() needs to
 * skip those checks on every sync. The per-sync fields of @p in (replica
 * counts, selector, pods, usage, the values of the metrics, `now_ms`,
 * `pod_class`) are not read.
 *
 * @param out the prepared form
 * @param in an input with the HPA's spec; its `metrics` and `behavior`
 *        arrays are kept by address (borrowed) and their spec fields must
 *        stay unchanged while the prepared form is used
 * @param opts flags and gates (copied), NULL = defaults
 * @return HPA_OK, HPA_EINVAL / HPA_ELIMIT for a spec hpa_decide() would
 *         reject, HPA_ENOMEM
 * @ownership caller (free with hpa_decide_prepared_free())
 */
HPA_EXTERN(int) hpa_decide_prepare(hpa_decide_prepared **out, const hpa_decide_input *in,
	const hpa_decide_options *opts, hpa_error *err);

/** Free a prepared form (NULL allowed). @ownership takes */
HPA_EXTERN(void) hpa_decide_prepared_free(hpa_decide_prepared *prep);

/**
 * One reconcile with a prepared form: the decision hpa_decide() makes for
 * (@p out, @p in, @p history, the prepared options), bit for bit, faster
 * for the common reconcile (released semantics, whole-pod cpu / memory
 * Resource metrics, every pod ready) because the spec was checked once.
 * @p in is the full input of this sync; when its `metrics` or `behavior`
 * address, metric count, `version` or min/max replicas are not those of
 * the prepared input, the call is hpa_decide() with the prepared options.
 *
 * @return as hpa_decide()
 */
HPA_EXTERN(int) hpa_decide_prepared_run(const hpa_decide_prepared *prep, hpa_decision *out,
	const hpa_decide_input *in, const hpa_history *history, hpa_error *err);

/**
 * Format the texts of a decision computed with `options.no_text`: every
 * condition message and the event reason (`rescale_reason`), the very texts
 * hpa_decide() writes without no_text (it uses this formatter itself). Lets
 * a loop decide fast and format only the decisions it shows or stores.
 * Calling it on a decision that has its texts rewrites the same texts.
 *
 * @param decision a decision of hpa_decide() (texts written in place)
 * @param in the input it was computed from, unchanged since (metric names)
 * @param opts the options it was computed with, NULL = defaults
 * @return HPA_OK, or HPA_EINVAL for NULL arguments, bad options or a
 *         decision that cannot come from @p in (version, metric count)
 * @ownership borrowed (nothing is kept; the texts are copied into @p decision)
 */
HPA_EXTERN(int) hpa_decision_format_conditions(hpa_decision *decision, const hpa_decide_input *in,
	const hpa_decide_options *opts, hpa_error *err);

/**
 * Apply a decision's bookkeeping (initial recommendation, stored
 * recommendation, scale event) to @p history. Must be the history the
 * decision was computed with, unchanged since.
 */
HPA_EXTERN(int) hpa_history_record(hpa_history *history, const hpa_decision *decision, int64_t now_ms, hpa_error *err);
/** Apply a bookkeeping record (hpa_history_record() on `decision->update`). */
HPA_EXTERN(int) hpa_history_apply(hpa_history *history, const hpa_history_update *update, int64_t now_ms, hpa_error *err);

/**
 * Evaluate one metric only (the per-metric calculation of the controller):
 * fills @p out as hpa_decide() fills `decision->metrics[index]`, with
 * `current` = spec_replicas. Useful for explain tools and calc-level tests.
 */
HPA_EXTERN(int) hpa_decide_metric_eval(hpa_metric_result *out, const hpa_decide_input *in, size_t index,
	const hpa_decide_options *opts, hpa_error *err);

/**
 * Classify pods the way the controller's groupPods does for @p resource
 * (0 = a custom metric: no readiness rules). @p samples has one entry per
 * pod (present / timestamp / window of its sample). @p class_out (n entries)
 * receives ::hpa_decide_pod_class values; @p ready_out the ready count.
 * @return HPA_OK, HPA_EINVAL for NULL arrays, another @p resource or a pod
 *         hpa_decide() would reject
 */
HPA_EXTERN(int) hpa_decide_classify_pods(uint8_t *class_out, size_t *ready_out, const hpa_decide_pod *pods,
	const hpa_pod_value *samples, size_t n, int resource, int64_t now_ms, const hpa_decide_options *opts,
	hpa_error *err);

/** Input of hpa_decide_normalize(). */
typedef struct {
	int32_t current_replicas;       /**< currentReplicas */
	int32_t desired_replicas;       /**< prenormalized recommendation */
	int32_t min_replicas;           /**< effective minReplicas */
	int32_t max_replicas;           /**< maxReplicas */
	const hpa_decide_behavior *behavior; /**< NULL = legacy normalization */
	int64_t now_ms;                 /**< now */
} hpa_normalize_input;

/** Result of hpa_decide_normalize(). */
typedef struct {
	int32_t stabilized_replicas;    /**< after stabilization */
	int32_t desired_replicas;       /**< after the limits */
	int limit_reason;               /**< ::hpa_decide_limit (ScalingLimited reason) */
	int stabilization;              /**< ::hpa_decide_stabilization (AbleToScale reason) */
	hpa_history_update update;      /**< recommendation store (no init, no event) */
} hpa_normalization;

/**
 * Normalization alone (legacy when `behavior` is NULL, else behavior
 * stabilization then rate limits), with the history's recommendations and
 * events. Apply `out->update` with hpa_history_apply() to store.
 * @return HPA_OK, HPA_EINVAL for NULL, negative replica counts or
 *         min > max, bad options or rules
 */
HPA_EXTERN(int) hpa_decide_normalize(hpa_normalization *out, const hpa_normalize_input *in,
	const hpa_history *history, const hpa_decide_options *opts, hpa_error *err);

/**
 * Raw rate limits of a behavior (upstream calculateScaleUpLimitWithScalingRules
 * and calculateScaleDownLimitWithBehaviors), not clamped to current.
 * Either output may be NULL.
 * @return HPA_OK, HPA_EINVAL for a NULL behavior, a negative
 *         @p current_replicas, bad options or rules
 */
HPA_EXTERN(int) hpa_decide_scale_limits(int32_t *up_out, int32_t *down_out, int32_t current_replicas,
	const hpa_decide_behavior *behavior, const hpa_history *history, int64_t now_ms,
	const hpa_decide_options *opts, hpa_error *err);

/* ---- names ----------------------------------------------------------------------- */

/** "DesiredWithinRange", ... for a ::hpa_decide_limit; the reconcile cases give descriptive names. @ownership borrowed (static storage) */
HPA_EXTERN(const char *) hpa_decide_limit_name(int limit);
/** "AbleToScale", ... @ownership borrowed (static storage) */
HPA_EXTERN(const char *) hpa_decide_condition_name(int type);
/** "True" / "False" / "Unknown". @ownership borrowed (static storage) */
HPA_EXTERN(const char *) hpa_decide_cond_status_name(int status);
/** "ready", "missing", ... for a ::hpa_decide_pod_class. @ownership borrowed (static storage) */
HPA_EXTERN(const char *) hpa_decide_pod_class_name(int pod_class);
/** "Resource", ... @ownership borrowed (static storage) */
HPA_EXTERN(const char *) hpa_decide_source_name(int type);
/**
 * The controller's name of a metric ("cpu resource utilization (percentage of
 * request)", "pods metric qps", ...), as used in messages and events.
 * @return the length the full text needs (like snprintf)
 */
HPA_EXTERN(size_t) hpa_decide_metric_describe(const hpa_decide_metric *metric, char *buf, size_t size);

/* ---- kubectl rendering ---------------------------------------------------------- */

/** One metric as `kubectl get hpa` sees it: the spec target and the status current value. */
typedef struct {
	int type;                       /**< ::hpa_decide_source (other values: "<unknown type>") */
	const char *resource;           /**< Resource / ContainerResource: resource name ("cpu") */
	bool has_target_average_utilization; /**< target.averageUtilization */
	int32_t target_average_utilization;  /**< percent */
	bool has_target_average_value;  /**< target.averageValue */
	int64_t target_average_value_milli; /**< milli */
	int target_average_value_format; /**< ::hpa_decide_qformat */
	bool has_target_value;          /**< target.value */
	int64_t target_value_milli;     /**< milli */
	int target_value_format;        /**< ::hpa_decide_qformat */
	bool has_status;                /**< status.currentMetrics[i] has this metric's source set */
	bool has_current_average_utilization; /**< current.averageUtilization */
	int32_t current_average_utilization;  /**< percent */
	bool has_current_average_value; /**< current.averageValue */
	int64_t current_average_value_milli; /**< milli */
	int current_average_value_format; /**< ::hpa_decide_qformat */
	bool has_current_value;         /**< current.value */
	int64_t current_value_milli;    /**< milli */
	int current_value_format;       /**< ::hpa_decide_qformat */
} hpa_targets_entry;

/**
 * kubectl's TARGETS column (printers.go formatHPAMetrics): at most two
 * entries joined with ", " then " + N more...", "<none>" without metrics.
 * @return the length the full text needs (like snprintf)
 */
HPA_EXTERN(size_t) hpa_format_targets(char *buf, size_t size, const hpa_targets_entry *entries, size_t n);

/**
 * Build TARGETS entries from a decision and its input (status as the
 * controller would write it). @return entries written (min(n_metrics, cap)).
 */
HPA_EXTERN(size_t) hpa_decision_targets(hpa_targets_entry *entries, size_t cap, const hpa_decision *decision,
	const hpa_decide_input *in);

/** One `kubectl get hpa` row. */
typedef struct {
	const char *name;               /**< NAME */
	const char *target_kind;        /**< scaleTargetRef.kind */
	const char *target_name;        /**< scaleTargetRef.name */
	const hpa_targets_entry *metrics; /**< TARGETS */
	size_t n_metrics;               /**< entries in metrics */
	bool has_min_replicas;          /**< MINPODS ("<unset>" when false) */
	int32_t min_replicas;           /**< spec.minReplicas */
	int32_t max_replicas;           /**< MAXPODS */
	int32_t current_replicas;       /**< REPLICAS (status.currentReplicas) */
	int64_t creation_ms;            /**< metadata.creationTimestamp (::HPA_TIME_ZERO: "<unknown>") */
	int64_t now_ms;                 /**< now, for AGE */
} hpa_hpa_row;

/**
 * kubectl's human duration (apimachinery duration.HumanDuration): "45s",
 * "3m20s", "5h", "2d3h", "3y", "<invalid>" below -1 s.
 * @return the length the full text needs
 */
HPA_EXTERN(size_t) hpa_format_duration(char *buf, size_t size, int64_t duration_ms);
/**
 * The cells of one row separated by tabs (NAME, REFERENCE, TARGETS, MINPODS,
 * MAXPODS, REPLICAS, AGE), no newline. @return the length the full text needs
 */
HPA_EXTERN(size_t) hpa_format_hpa_row(char *buf, size_t size, const hpa_hpa_row *row);
/**
 * Rows aligned like `kubectl get hpa` (tabwriter: minwidth 10, padding 3),
 * each line ending in "\n", with the header line when @p header.
 * @return the length the full text needs
 */
HPA_EXTERN(size_t) hpa_format_hpa_table(char *buf, size_t size, const hpa_hpa_row *rows, size_t n, bool header);

HPA_END_DECL

/** @} */
#endif
