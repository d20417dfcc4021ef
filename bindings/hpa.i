/*
 * bindings/hpa.i -- the language-neutral SWIG interface of libhpa.
 *
 * Included by bindings/python/hpa_python.i and bindings/lua/hpa_lua.i, which
 * first define the language typemaps used through these macros (PLplot's
 * pattern: one API description, thin per-language typemap files):
 *
 *   HPA_OWNED_OUT(T)         `T **out` returns a new object the wrapper owns
 *   HPA_BORROWED_OUT(T, N)   `T **N` returns a borrowed handle
 *   HPA_STRUCT_OUT(T)        `T *out` returns a copy of a value struct
 *   HPA_SCALAR_OUT(T, N)     `T *N` returns a number / boolean
 *   HPA_BORROWED_IN(T, N)    `T *N` takes a pointer without taking the wrapper's
 *                            ownership (also as a struct member's setter)
 *   HPA_TAKEN_KEEP(T, N)     after a successful call, the (disowned) argument `T *N`
 *                            keeps the first argument (its new owner) alive
 *   HPA_STATUS(F)            `int F(...)` without `hpa_error *` returns a status:
 *                            raise on < 0, else return only the outputs
 *
 * and the typemaps of `hpa_error *err` (hidden, stack HPA_ERROR_INIT, a
 * failure raises), strings (`const char **out`, `char **out`,
 * `(char **out, size_t *len_out)`, `char **text_out`) and buffers
 * (`(const char *buf, size_t len)`).
 *
 * Every public function is wrapped (SWIG reads the public headers), except
 * the ones ignored below, each with its reason: the drift check
 * (tests/bindings/drift.py) fails when a public `hpa_` function is neither
 * wrapped nor listed here.
 */

%{
#include <hpa/hpa.h>
#include "hpa_bind.h"
%}

%include <stdint.i>

/* ---- the ignore list: `%ignore NAME; // reason` (one per line, parsed by the drift check) ---- */
%ignore hpa_free; // returned buffers are converted to str/string and freed by the typemaps
%ignore hpa_error_init; // error records are hidden by the typemaps (a stack HPA_ERROR_INIT per call)
%ignore hpa_error_format; // the exceptions / error tables format themselves (hpa_bind_error_format)
%ignore hpa_manifest_parse_yaml_fp; // FILE*: file objects are read by the language layer
%ignore hpa_manifest_parse_json_fp; // FILE*: file objects are read by the language layer
%ignore hpa_manifest_write_yaml_fp; // FILE*: the language layer writes the returned text
%ignore hpa_manifest_write_json_fp; // FILE*: the language layer writes the returned text
%ignore hpa_sim_write_fp; // FILE*: the language layer writes the text of hpa_sim_write
%ignore hpa_manifest_parse_yaml_cb; // C callback: the language layer passes the whole text
%ignore hpa_manifest_parse_json_cb; // C callback: the language layer passes the whole text
%ignore hpa_manifest_write_yaml_cb; // C callback: the text comes back whole (hpa_manifest_write_yaml)
%ignore hpa_manifest_write_json_cb; // C callback: the text comes back whole (hpa_manifest_write_json)
%ignore hpa_decide_input_init; // pointer-graph input: built by the owning hpa_bind_decide builder
%ignore hpa_decide; // pointer-graph input: hpa_bind_decide_run
%ignore hpa_decide_prepare; // pointer-graph input, a C-loop speed-up: the layers decide through hpa_bind_decide_run
%ignore hpa_decide_prepared_run; // pointer-graph input, a C-loop speed-up: the layers decide through hpa_bind_decide_run
%ignore hpa_decide_prepared_free; // frees what hpa_decide_prepare returns, which the layers do not wrap
%ignore hpa_decide_metric_eval; // pointer-graph input: hpa_bind_decide_metric_eval
%ignore hpa_decide_classify_pods; // pointer-graph input: hpa_bind_decide_classify
%ignore hpa_decide_normalize; // pointer-graph input: hpa_bind_decide_normalize
%ignore hpa_decide_scale_limits; // pointer-graph input: hpa_bind_decide_scale_limits
%ignore hpa_history_store_scale_event; // takes a behavior graph: hpa_bind_decide_store_scale_event
%ignore hpa_decide_metric_describe; // caller buffer: hpa_bind_decide_metric_describe returns a string
%ignore hpa_decision_targets; // pointer-graph input: hpa_bind_decide_targets
%ignore hpa_format_targets; // caller buffer + entry graph: hpa_bind_decide_targets / hpa_bind_hpa_row
%ignore hpa_format_hpa_row; // caller buffer + row graph: hpa_bind_hpa_row (rows from HPA objects)
%ignore hpa_format_hpa_table; // caller buffer + row graph: hpa_bind_hpa_table
%ignore hpa_format_duration; // caller buffer: hpa_bind_format_duration returns a string
%ignore hpa_sim_load_new_trace; // two parallel C arrays: the layers build CSV for hpa_sim_load_parse_csv
%ignore hpa_sim_add_deployment; // borrowed-string struct: Deployments come from manifests (hpa_sim_add_from_manifest)
%ignore hpa_manifest_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_object_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_deployment_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_service_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_ingress_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_autoscaler_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_quantity_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_int_or_string_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_history_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_diagnostics_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_model_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_sim_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_sim_load_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_manifest_iter_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_bind_decide_free;
%ignore hpa_manifest_append_take; // re-declared below with the ownership transfer (DISOWN)
%ignore hpa_explain_input_free; // the destructor of the wrapper class (called by the garbage collector)
%ignore hpa_explain_hpa_row; // row + entry graph: hpa_bind_hpa_row formats the row of one HPA object with it
%ignore hpa_explain_hpa_table; // array of object pointers: hpa_bind_hpa_table passes the HPAs of a manifest
%ignore hpa_manifests_lint; // array of manifests: the layers lint one manifest holding copies of all objects

/* structs that only carry pointer graphs (inputs of the ignored calls) stay opaque */
%ignore hpa_decide_container;
%ignore hpa_container_usage;
%ignore hpa_pod_usage;
%ignore hpa_pod_value;
%ignore hpa_decide_pod;
%ignore hpa_decide_policy;
%ignore hpa_decide_rules;
%ignore hpa_decide_behavior;
%ignore hpa_decide_metric;
%ignore hpa_decide_input;
%ignore hpa_decide_pod_table;
%ignore hpa_normalize_input;
%ignore hpa_targets_entry;
%ignore hpa_hpa_row;
%ignore hpa_sim_deployment;
%ignore hpa_sim_sync_info;
%ignore hpa_lint_options;
%ignore hpa_parse_options;
%ignore hpa_render_options;
%ignore hpa_sim_options::on_sync;
%ignore hpa_sim_options::payload;
%ignore hpa_error;
%ignore reserved;
/* static strings of result structs are read-only */
%immutable hpa_decision_condition::reason;
%immutable hpa_metric_result::failure_reason;
%immutable hpa_sim_row::reason_name;
%immutable hpa_sim_row::message;
%immutable hpa_sim_row::kubectl;
%immutable hpa_decision;
%immutable hpa_metric_result;
%immutable hpa_sim_row;
%immutable hpa_sim_metric_value;
%immutable hpa_sim_summary;
%immutable hpa_normalization;
%immutable hpa_history_update;
%immutable hpa_recommendation;
%immutable hpa_scale_event;
%immutable hpa_decision_condition;

/* ---- opaque handles with an owner: classes whose destructor is the free function ---- */
%define HPA_OPAQUE(T, FREE)
%nodefaultctor T;
%nodefaultdtor T;
struct T {};
%extend T {
	~T() { FREE($self); }
}
HPA_OWNED_OUT(T)
%enddef

HPA_OPAQUE(hpa_manifest, hpa_manifest_free)
HPA_OPAQUE(hpa_object, hpa_object_free)
HPA_OPAQUE(hpa_deployment, hpa_deployment_free)
HPA_OPAQUE(hpa_service, hpa_service_free)
HPA_OPAQUE(hpa_ingress, hpa_ingress_free)
HPA_OPAQUE(hpa_autoscaler, hpa_autoscaler_free)
HPA_OPAQUE(hpa_quantity, hpa_quantity_free)
HPA_OPAQUE(hpa_int_or_string, hpa_int_or_string_free)
HPA_OPAQUE(hpa_history, hpa_history_free)
HPA_OPAQUE(hpa_diagnostics, hpa_diagnostics_free)
HPA_OPAQUE(hpa_model, hpa_model_free)
HPA_OPAQUE(hpa_sim, hpa_sim_free)
HPA_OPAQUE(hpa_sim_load, hpa_sim_load_free)
HPA_OPAQUE(hpa_manifest_iter, hpa_manifest_iter_free)
HPA_OPAQUE(hpa_bind_decide, hpa_bind_decide_free)
HPA_OPAQUE(hpa_explain_input, hpa_explain_input_free)

/* value structs returned by the facade (allocated with malloc: SWIG's destructor frees them) */
HPA_OWNED_OUT(hpa_decision)
HPA_OWNED_OUT(hpa_metric_result)
HPA_OWNED_OUT(hpa_normalization)
HPA_STRUCT_OUT(hpa_decision)
HPA_STRUCT_OUT(hpa_recommendation)
HPA_STRUCT_OUT(hpa_scale_event)
HPA_STRUCT_OUT(hpa_sim_summary)

/* borrowed handles: parts of an object's tree, static schema data, manifest members */
HPA_BORROWED_OUT(hpa_object, copy_out)
HPA_BORROWED_OUT(const hpa_object, out)
HPA_BORROWED_OUT(const hpa_schema_field, out)
HPA_BORROWED_OUT(hpa_object_meta, out)
HPA_BORROWED_OUT(hpa_label_selector, out)
HPA_BORROWED_OUT(hpa_label_selector_requirement, out)
HPA_BORROWED_OUT(hpa_condition, out)
HPA_BORROWED_OUT(hpa_pod_template, out)
HPA_BORROWED_OUT(hpa_container, out)
HPA_BORROWED_OUT(hpa_container_port, out)
HPA_BORROWED_OUT(hpa_env_var, out)
HPA_BORROWED_OUT(hpa_probe, out)
HPA_BORROWED_OUT(hpa_service_port, out)
HPA_BORROWED_OUT(hpa_ingress_rule, out)
HPA_BORROWED_OUT(hpa_ingress_path, out)
HPA_BORROWED_OUT(hpa_ingress_backend, out)
HPA_BORROWED_OUT(hpa_ingress_tls, out)
HPA_BORROWED_OUT(hpa_metric_spec, out)
HPA_BORROWED_OUT(hpa_metric_target, out)
HPA_BORROWED_OUT(hpa_metric_status, out)
HPA_BORROWED_OUT(hpa_metric_value_status, out)
HPA_BORROWED_OUT(hpa_scaling_rules, out)
HPA_BORROWED_OUT(hpa_scaling_policy, out)

/* numbers and booleans returned through pointers */
HPA_SCALAR_OUT(int32_t, out)
HPA_SCALAR_OUT(int64_t, out)
HPA_SCALAR_OUT(bool, out)
HPA_SCALAR_OUT(size_t, index_out)
HPA_SCALAR_OUT(size_t, ready_out)
HPA_SCALAR_OUT(int32_t, up_out)
HPA_SCALAR_OUT(int32_t, down_out)
HPA_SCALAR_OUT(int64_t, milli_out)
HPA_SCALAR_OUT(int64_t, ms_out)
HPA_SCALAR_OUT(int, format_out)
HPA_SCALAR_OUT(hpa_kind, typed_out)
HPA_SCALAR_OUT(int, major)
HPA_SCALAR_OUT(int, minor)
HPA_SCALAR_OUT(int, patch)

/* status returns of calls without an error record */
HPA_STATUS(hpa_manifest_iter_next)
HPA_STATUS(hpa_int_or_string_new_int)
HPA_STATUS(hpa_int_or_string_new_str)
HPA_STATUS(hpa_quantity_milli_value)
HPA_STATUS(hpa_quantity_value)
HPA_STATUS(hpa_history_recommendation_at)
HPA_STATUS(hpa_history_event_at)
HPA_STATUS(hpa_schema_kind_at)
HPA_STATUS(hpa_int_or_string_set_int)
HPA_STATUS(hpa_parse_options_init)
HPA_STATUS(hpa_write_options_init)
HPA_STATUS(hpa_validate_options_init)
HPA_STATUS(hpa_lint_options_init)
HPA_STATUS(hpa_render_options_init)
HPA_STATUS(hpa_decide_options_init)
HPA_STATUS(hpa_sim_service_init)
HPA_STATUS(hpa_sim_deployment_init)
HPA_STATUS(hpa_sim_options_init)
HPA_STATUS(hpa_explain_sources_init)

/* the pointer members of the option / source structs are borrowed by the C API
 * (hpa/explain.h: "borrowed for the duration of hpa_explain_input_new() only";
 * hpa/simulate.h: decide_options "copied"): their setters must not take the
 * wrapper's ownership (SWIG disowns the value of a C struct's pointer member by
 * default, which leaked every object handed over and left the wrapper unowned) */
HPA_BORROWED_IN(const hpa_object, hpa)
HPA_BORROWED_IN(const hpa_object, target)
HPA_BORROWED_IN(const hpa_manifest, pods)
HPA_BORROWED_IN(const hpa_manifest, pod_metrics)
HPA_BORROWED_IN(const hpa_manifest, custom_metrics)
HPA_BORROWED_IN(const hpa_manifest, external_metrics)
HPA_BORROWED_IN(const hpa_decide_options, decide_options)

/* ---- the public headers, in layer order (hpa/hpa.h) ---- */
#define HPA_EXTERN(type) extern type
#define HPA_BEGIN_DECL
#define HPA_END_DECL
#define HPA_DEPRECATED
%include <hpa/common.h>
%include <hpa/version.h>
%include <hpa/errors.h>
%include <hpa/quantity.h>
%include <hpa/int_or_string.h>
%include <hpa/manifest.h>
%include <hpa/object.h>
%include <hpa/codec.h>
%include <hpa/object_meta.h>
%include <hpa/pod_template.h>
%include <hpa/deployment.h>
%include <hpa/service.h>
%include <hpa/ingress.h>
%include <hpa/autoscaler.h>
%include <hpa/validate.h>
%include <hpa/decide.h>
%include <hpa/simulate.h>
%include <hpa/model.h>
%include <hpa/explain.h>

/* ---- the binding facade ---- */
%include "hpa_bind.h"

/* hpa_manifest_append_take takes the object: the wrapper stops owning it, and
 * holds the manifest (the owner of its memory from now on), as borrowed handles do */
%rename("%s") hpa_manifest_append_take;
%apply SWIGTYPE *DISOWN { hpa_object *taken };
HPA_TAKEN_KEEP(hpa_object, taken)
int hpa_manifest_append_take(hpa_manifest *manifest, hpa_object *taken, hpa_error *err);
%clear hpa_object *taken;

/* per-metric and per-condition access of a decision */
%extend hpa_decision {
	const hpa_metric_result *metric_at(size_t i) const { return i < $self->n_metrics ? &$self->metrics[i] : NULL; }
	const hpa_decision_condition *condition_at(size_t i) const
	{
		return i < $self->n_conditions ? &$self->conditions[i] : NULL;
	}
}
%extend hpa_sim_row {
	const hpa_sim_metric_value *metric_at(size_t i) const
	{
		return i < (size_t)$self->n_metrics && i < HPA_SIM_MAX_METRICS ? &$self->metrics[i] : NULL;
	}
}
