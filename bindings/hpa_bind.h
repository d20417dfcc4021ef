/*
 * bindings/hpa_bind.h -- a small binding-friendly facade over the public API,
 * shared by the Python and Lua modules (SWIG wraps these declarations too).
 *
 * The decision API (hpa/decide.h) takes value structs that point at
 * caller-owned arrays; a wrapper object cannot hold such a graph safely. The
 * builder ::hpa_bind_decide owns every array and string instead (libsolv's
 * "value handle" pattern): the language layers fill it from dicts / tables
 * (or from Kubernetes objects with hpa_bind_decide_from_objects()) and run
 * the decision on it. Everything here uses only the public API.
 */
#ifndef HPA_BIND_H
#define HPA_BIND_H

#include <hpa/hpa.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An owning builder of ::hpa_decide_input (and of the behavior). */
typedef struct hpa_bind_decide hpa_bind_decide;

/** Direction of a behavior rule: 1 = scaleUp, 2 = scaleDown (::hpa_scale_direction). */

int hpa_bind_decide_new(hpa_bind_decide **out, hpa_error *err);
void hpa_bind_decide_free(hpa_bind_decide *b);

/* ---- spec, scale, status, instant ---------------------------------------------- */
void hpa_bind_decide_set_spec(hpa_bind_decide *b, bool has_min_replicas, int32_t min_replicas, int32_t max_replicas);
int hpa_bind_decide_set_scale(hpa_bind_decide *b, int32_t spec_replicas, int32_t status_replicas, int selector,
	const char *selector_text, const char *selector_error, hpa_error *err);
void hpa_bind_decide_set_prev_desired(hpa_bind_decide *b, bool has, int32_t replicas);
void hpa_bind_decide_set_scaled_to_zero(hpa_bind_decide *b, bool scaled_to_zero);
void hpa_bind_decide_set_now(hpa_bind_decide *b, int64_t now_ms);
int64_t hpa_bind_decide_now(const hpa_bind_decide *b);
/** Keep the per-pod classification of each metric (read with hpa_bind_decide_pod_class()). */
void hpa_bind_decide_set_record_classes(hpa_bind_decide *b, bool record);

/* ---- pods ------------------------------------------------------------------------ */
int hpa_bind_decide_add_pod(hpa_bind_decide *b, const char *name, int phase, int ready, int64_t ready_transition_ms,
	bool has_start_time, int64_t start_time_ms, bool deleting, size_t *index_out, hpa_error *err);
size_t hpa_bind_decide_pod_count(const hpa_bind_decide *b);
/** Name of pod @p pod, NULL when out of range. */
const char *hpa_bind_decide_pod_name(const hpa_bind_decide *b, size_t pod);
/** A container: kind ::hpa_decide_container_kind, requests as milli (cpu) and bytes x 1000 (memory). */
int hpa_bind_decide_pod_add_container(hpa_bind_decide *b, size_t pod, const char *name, int kind,
	unsigned int requests_set, int64_t cpu_milli, int64_t memory_milli, hpa_error *err);
int hpa_bind_decide_pod_set_requests(hpa_bind_decide *b, size_t pod, unsigned int requests_set, int64_t cpu_milli,
	int64_t memory_milli, hpa_error *err);
/** The pod's resource-metrics item (created empty: add container usages after). */
int hpa_bind_decide_pod_set_usage(hpa_bind_decide *b, size_t pod, int64_t timestamp_ms, int64_t window_ms,
	hpa_error *err);
int hpa_bind_decide_pod_add_usage(hpa_bind_decide *b, size_t pod, const char *container, unsigned int usage_set,
	int64_t cpu_milli, int64_t memory_milli, hpa_error *err);
/** A resource-metrics item for a pod name that is not in the pod list. */
int hpa_bind_decide_add_orphan_usage(hpa_bind_decide *b, const char *pod, int64_t timestamp_ms, int64_t window_ms,
	size_t *index_out, hpa_error *err);
int hpa_bind_decide_orphan_add_usage(hpa_bind_decide *b, size_t index, const char *container,
	unsigned int usage_set, int64_t cpu_milli, int64_t memory_milli, hpa_error *err);
/** A classification sample for pod @p pod (hpa_bind_decide_classify()). */
int hpa_bind_decide_set_sample(hpa_bind_decide *b, size_t pod, int64_t value_milli, int64_t timestamp_ms,
	int64_t window_ms, hpa_error *err);

/* ---- metrics ----------------------------------------------------------------------- */
int hpa_bind_decide_add_metric(hpa_bind_decide *b, int type, const char *type_name, int resource,
	const char *container, const char *name, const char *selector, const char *object_kind,
	const char *object_name, const char *namespace_name, size_t *index_out, hpa_error *err);
size_t hpa_bind_decide_metric_count(const hpa_bind_decide *b);
/** Index of the first metric of @p type named @p name (SIZE_MAX when none). */
size_t hpa_bind_decide_metric_find(const hpa_bind_decide *b, int type, const char *name);
int hpa_bind_decide_metric_set_target(hpa_bind_decide *b, size_t metric, int target_type,
	bool has_average_utilization, int32_t average_utilization, bool has_average_value,
	int64_t average_value_milli, int average_value_format, bool has_value, int64_t value_milli,
	int value_format, hpa_error *err);
int hpa_bind_decide_metric_set_pod_value(hpa_bind_decide *b, size_t metric, size_t pod, int64_t value_milli,
	int64_t timestamp_ms, int64_t window_ms, hpa_error *err);
int hpa_bind_decide_metric_add_orphan_value(hpa_bind_decide *b, size_t metric, const char *pod,
	int64_t value_milli, int64_t timestamp_ms, int64_t window_ms, hpa_error *err);
int hpa_bind_decide_metric_set_object_value(hpa_bind_decide *b, size_t metric, int64_t value_milli,
	hpa_error *err);
int hpa_bind_decide_metric_add_external_value(hpa_bind_decide *b, size_t metric, int64_t value_milli,
	hpa_error *err);
int hpa_bind_decide_metric_set_fetch_failed(hpa_bind_decide *b, size_t metric, const char *message,
	hpa_error *err);

/* ---- behavior ------------------------------------------------------------------------ */
/** spec.behavior present (true) or nil (false: legacy normalization). */
void hpa_bind_decide_set_behavior(hpa_bind_decide *b, bool present);
bool hpa_bind_decide_has_behavior(const hpa_bind_decide *b);
int hpa_bind_decide_rules_set(hpa_bind_decide *b, int direction, bool has_stabilization_window,
	int32_t stabilization_window_seconds, int select_policy, bool has_tolerance, double tolerance,
	hpa_error *err);
/** Set only the tolerance of a direction (keeps the other fields). */
int hpa_bind_decide_rules_set_tolerance(hpa_bind_decide *b, int direction, bool has_tolerance, double tolerance,
	hpa_error *err);
bool hpa_bind_decide_rules_has_tolerance(const hpa_bind_decide *b, int direction);
/** Append a policy (the list then counts as set). */
int hpa_bind_decide_rules_add_policy(hpa_bind_decide *b, int direction, int type, int32_t value,
	int32_t period_seconds, hpa_error *err);
/** Mark the policy list as set (possibly empty) or unset (the API default list). */
int hpa_bind_decide_rules_set_has_policies(hpa_bind_decide *b, int direction, bool has, hpa_error *err);

/* ---- running ------------------------------------------------------------------------------ */
/** One reconcile (hpa_decide()). @ownership caller (`*out`, free with free()) */
int hpa_bind_decide_run(hpa_bind_decide *b, const hpa_history *history, const hpa_decide_options *opts,
	hpa_decision **out, hpa_error *err);
/** Classification of pod @p pod by metric @p metric in the last run (0 when not recorded). */
int hpa_bind_decide_pod_class(const hpa_bind_decide *b, size_t metric, size_t pod);
/** One metric (hpa_decide_metric_eval()). @ownership caller (`*out`) */
int hpa_bind_decide_metric_eval(const hpa_bind_decide *b, size_t index, const hpa_decide_options *opts,
	hpa_metric_result **out, hpa_error *err);
/**
 * groupPods (hpa_decide_classify_pods()) over the pods and their samples
 * (hpa_bind_decide_set_sample()); read the classes with
 * hpa_bind_decide_pod_class(b, 0, pod).
 */
int hpa_bind_decide_classify(hpa_bind_decide *b, int resource, const hpa_decide_options *opts, size_t *ready_out,
	hpa_error *err);
/** Normalization alone, with the builder's behavior when @p use_behavior. @ownership caller (`*out`) */
int hpa_bind_decide_normalize(const hpa_bind_decide *b, const hpa_history *history, int32_t current_replicas,
	int32_t desired_replicas, int32_t min_replicas, int32_t max_replicas, bool use_behavior,
	const hpa_decide_options *opts, hpa_normalization **out, hpa_error *err);
/** Raw rate limits with the builder's behavior (an empty one when none). */
int hpa_bind_decide_scale_limits(const hpa_bind_decide *b, const hpa_history *history, int32_t current_replicas,
	const hpa_decide_options *opts, int32_t *up_out, int32_t *down_out, hpa_error *err);
/** hpa_history_store_scale_event() with the builder's behavior (NULL when none). */
int hpa_bind_decide_store_scale_event(const hpa_bind_decide *b, hpa_history *history, int32_t prev_replicas,
	int32_t new_replicas, hpa_error *err);

/* ---- a decision input made elsewhere (hpa_explain_input_decide()) ---------------------------- */
/** The controller's name of metric @p index of @p in. @ownership caller (free()) */
int hpa_bind_input_metric_describe(const hpa_decide_input *in, size_t index, char **text_out, hpa_error *err);
/** TARGETS cell of metric @p index (all when SIZE_MAX) of decision @p d made on @p in. @ownership caller */
int hpa_bind_input_targets(const hpa_decide_input *in, const hpa_decision *d, size_t index, char **text_out,
	hpa_error *err);
size_t hpa_bind_input_pod_count(const hpa_decide_input *in);
const char *hpa_bind_input_pod_name(const hpa_decide_input *in, size_t pod);
/** How metric @p metric classified pod @p pod (the input's pod_class buffer, 0 when none). */
int hpa_bind_input_pod_class(const hpa_decide_input *in, size_t metric, size_t pod);
int64_t hpa_bind_input_now(const hpa_decide_input *in);
size_t hpa_bind_input_metric_count(const hpa_decide_input *in);

/* ---- rendering ------------------------------------------------------------------------------ */
/** The controller's name of metric @p index. @ownership caller (`*out`, free()) */
int hpa_bind_decide_metric_describe(const hpa_bind_decide *b, size_t index, char **text_out, hpa_error *err);
/** TARGETS cell of metric @p index of @p d (all metrics when SIZE_MAX). @ownership caller */
int hpa_bind_decide_targets(const hpa_bind_decide *b, const hpa_decision *d, size_t index, char **out,
	hpa_error *err);
/** A multi-line, human explanation of @p d. @ownership caller (`*out`, free()) */
int hpa_bind_decide_explain(const hpa_bind_decide *b, const hpa_decision *d, char **text_out, hpa_error *err);

/** hpa_format_duration() as a new string. @ownership caller */
int hpa_bind_format_duration(int64_t duration_ms, char **text_out, hpa_error *err);
/**
 * The `kubectl get hpa` cells of HorizontalPodAutoscaler @p hpa
 * (hpa_explain_hpa_row() + hpa_format_hpa_row()), tab-separated. @ownership caller (free())
 */
int hpa_bind_hpa_row(const hpa_object *hpa, int64_t now_ms, char **text_out, hpa_error *err);
/**
 * hpa_explain_hpa_table() of every HPA of @p manifest (@p flags: HPA_EXPLAIN_TABLE_*).
 * @ownership caller (`*out`, hpa_free)
 */
int hpa_bind_hpa_table(const hpa_manifest *manifest, int64_t now_ms, unsigned int flags, char **out,
	size_t *len_out, hpa_error *err);
/** hpa_error_format() as a new string (free()). */
char *hpa_bind_error_format(int code, size_t line, size_t column, size_t document, const char *path,
	const char *source, const char *message);

/* ---- codec, lint and validation with plain arguments ------------------------------------ */
/** Formats of hpa_bind_parse() / hpa_bind_write(): 0 = auto (parse) / YAML (write), 1 = YAML, 2 = JSON. */
int hpa_bind_parse(hpa_manifest **out, const char *buf, size_t len, int format, unsigned int flags,
	const char *source_name, size_t max_input_bytes, size_t max_depth, size_t max_documents, size_t max_aliases,
	size_t max_scalar_bytes, hpa_error *err);
/** Write a manifest. @ownership caller (`*out`, free with hpa_free) */
int hpa_bind_write(const hpa_manifest *manifest, int format, unsigned int flags, unsigned int indent, char **out,
	size_t *len_out, hpa_error *err);
/** Write one object. @ownership caller (`*out`, free with hpa_free) */
int hpa_bind_write_object(const hpa_object *obj, int format, unsigned int flags, unsigned int indent, char **out,
	size_t *len_out, hpa_error *err);
/** Lint: like hpa_manifest_lint(), but error findings are not a failure (the list says it). */
int hpa_bind_lint(const hpa_manifest *manifest, unsigned int flags, int min_severity, const char *disable,
	const char *enable, int32_t tolerance_milli, hpa_diagnostics **out, hpa_error *err);
/** Validation of one object (@p manifest NULL) or of a manifest, error findings are not a failure. */
int hpa_bind_validate(const hpa_manifest *manifest, const hpa_object *obj, unsigned int flags,
	hpa_diagnostics **out, hpa_error *err);

/** hpa_model_render() with plain options (@p profile NULL = the model's). */
int hpa_bind_model_render(const hpa_model *model, unsigned int flags, int path_rule, const char *profile,
	hpa_manifest **out, hpa_error *err);
/** hpa_model_prerequisites() with plain options. @ownership caller (`*out`, hpa_free) */
int hpa_bind_model_prerequisites(const hpa_model *model, unsigned int flags, int path_rule, const char *profile,
	char **out, size_t *len_out, hpa_error *err);

/* ---- small helpers -------------------------------------------------------------------------- */
/** Parse a quantity to its milli-value and the decide format (::hpa_decide_qformat). */
int hpa_bind_quantity_milli(const char *text, int64_t *milli_out, int *format_out, hpa_error *err);
/** Quantity text of a milli-value in a decide format (kubectl's rendering). @ownership caller */
int hpa_bind_format_quantity(int64_t milli, int format, char **text_out, hpa_error *err);
/**
 * Append @p key to @p parent as a path step: `parent.key`, or
 * `parent["key"]` when the key holds `.`, `[`, `]`, `"`, `\` or is empty.
 * @ownership caller (`*out`, free())
 */
int hpa_bind_path_join(const char *parent, const char *key, char **text_out, hpa_error *err);

#ifndef SWIG
/* ---- path building without allocation per step (C helpers of the language files) ---- */
typedef struct {
	char *p;
	size_t len, cap;
	int oom;
} hpa_bind_path;
/** Append `.key` / `["key"]` (or `[index]` when key is NULL); returns the previous length. */
size_t hpa_bind_path_push(hpa_bind_path *pb, const char *key, size_t index);
/** Truncate to @p len. */
void hpa_bind_path_pop(hpa_bind_path *pb, size_t len);
void hpa_bind_path_init(hpa_bind_path *pb, const char *start);
void hpa_bind_path_free(hpa_bind_path *pb);
/** Integer text as YAML 1.1 writes it (sign, `_`, 0x, 0o, 0b, leading-0 octal) to int64. @return 0 or -1 */
int hpa_bind_int_text(const char *text, int64_t *out);
/** Boolean text (YAML 1.1 spellings). @return 0 or -1 */
int hpa_bind_bool_text(const char *text, bool *out);
#endif
/** The address of a handle, for identity caches. */
size_t hpa_bind_addr(const void *handle);

#ifdef __cplusplus
}
#endif
#endif
