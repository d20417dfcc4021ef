/**
 * @file hpa/model.h
 * @brief Deployment modeler: an event-storming model in, a Kubernetes manifest out.
 * @defgroup model Deployment modeler
 *
 * A model file (YAML, documented in docs/model.md) describes bounded
 * contexts (one service each, with its aggregates, events and policies),
 * the messaging (Kafka) and a `deployment` section (image pattern, ports,
 * probes, resources, ingress, autoscalers). hpa_model_render() turns it into
 * an ordered manifest: one Deployment and one Service per bounded context,
 * one Ingress whose paths are the aggregates' REST paths, one autoscaling/v2
 * HorizontalPodAutoscaler per autoscaler and, on request, the load-generator
 * Pod.
 *
 * Loading checks everything: unknown fields (typos), wrong types, values
 * out of range, names that are not DNS labels, duplicate services, a REST
 * path claimed twice, references to unknown bounded contexts or events.
 * Errors carry the source, line, column and field path
 * (`boundedContexts[1].aggregates[0].restPath`). Rendering a loaded model
 * fails only for lack of memory or for a profile the model cannot serve.
 *
 * A model is immutable once loaded: concurrent reads and renders are safe.
 * @{
 */
#ifndef HPA_MODEL_H
#define HPA_MODEL_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <hpa/manifest.h>

HPA_BEGIN_DECL

/** A loaded, checked deployment model. */
typedef struct hpa_model hpa_model;

/** How Ingress paths are derived (::hpa_render_options.path_rule). */
typedef enum {
	HPA_PATH_RULE_MODEL = 0,     /**< what the model says (`deployment.ingress.pathRule`, default aggregate) */
	HPA_PATH_RULE_AGGREGATE = 1, /**< one path per aggregate: its REST path (`/inventories`) */
	HPA_PATH_RULE_SERVICE        /**< one path per service, MSA-Ez's rule: "/" + naive plural of the service name (`/products`) */
} hpa_path_rule;

/** ::hpa_render_options.flags: also render the load-generator Pod (`loadTest`). */
#define HPA_RENDER_LOAD_POD (1u << 0)

/** Version of ::hpa_render_options this header describes. */
#define HPA_RENDER_OPTIONS_VERSION 1

/** Options of hpa_model_render() and hpa_model_prerequisites(). */
typedef struct {
	unsigned int version;      /**< ::HPA_RENDER_OPTIONS_VERSION */
	unsigned int flags;        /**< ::HPA_RENDER_LOAD_POD */
	hpa_path_rule path_rule;   /**< ::HPA_PATH_RULE_MODEL by default */
	const char *profile;       /**< NULL: the model's `deployment.profile` (default "docker") */
} hpa_render_options;

/** Static initialiser for ::hpa_render_options. */
#define HPA_RENDER_OPTIONS_INIT { HPA_RENDER_OPTIONS_VERSION, 0, HPA_PATH_RULE_MODEL, NULL }

/**
 * Reset @p opts to the defaults of version @p version.
 * @return 0, or ::HPA_EINVAL for a NULL pointer or an unknown version
 */
HPA_EXTERN(int) hpa_render_options_init(hpa_render_options *opts, unsigned int version);

/**
 * Load a model from YAML text.
 * @param buf the text (need not be NUL-terminated)
 * @param len its length in bytes
 * @param source_name name used in errors (NULL: `<string>`)
 * @return 0, ::HPA_ESYNTAX, ::HPA_ETYPE, ::HPA_ERANGE, ::HPA_EMISSING,
 *         ::HPA_EUNKNOWNFIELD, ::HPA_EDUPLICATE, ::HPA_ENOTFOUND,
 *         ::HPA_EVALIDATION, ::HPA_EUNSUPPORTED, ::HPA_ENOMEM, ::HPA_EINVAL
 *         (then `*out` is NULL and @p err says where)
 * @ownership caller (free with hpa_model_free)
 */
HPA_EXTERN(int) hpa_model_load_buffer(hpa_model **out, const char *buf, size_t len,
	const char *source_name, hpa_error *err);

/**
 * Load a model from a YAML file (errors name the file).
 * @return as hpa_model_load_buffer(), plus ::HPA_EIO
 * @ownership caller (free with hpa_model_free)
 */
HPA_EXTERN(int) hpa_model_load_file(hpa_model **out, const char *path, hpa_error *err);

/** Free a model. NULL is allowed. @ownership takes */
HPA_EXTERN(void) hpa_model_free(hpa_model *model);

/**
 * `model.name`.
 * @ownership borrowed (valid until the model is freed)
 */
HPA_EXTERN(const char *) hpa_model_name(const hpa_model *model);

/** Number of bounded contexts (0 for NULL). */
HPA_EXTERN(size_t) hpa_model_context_count(const hpa_model *model);

/**
 * Name of bounded context @p index, NULL when out of range.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_model_context_name(const hpa_model *model, size_t index);

/**
 * Service name of bounded context @p index (`service`, default its `name`),
 * NULL when out of range.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_model_context_service(const hpa_model *model, size_t index);

/** Number of aggregates of bounded context @p index (0 when out of range). */
HPA_EXTERN(size_t) hpa_model_aggregate_count(const hpa_model *model, size_t index);

/**
 * Name of aggregate @p aggregate of bounded context @p index, NULL when out
 * of range.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_model_aggregate_name(const hpa_model *model, size_t index,
	size_t aggregate);

/**
 * REST path of aggregate @p aggregate of bounded context @p index: its
 * `restPath`, or "/" + the English plural of its name with the first letter
 * lower-cased (`Delivery` -> `/deliveries`, `Person` -> `/people`). NULL when
 * out of range.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_model_aggregate_rest_path(const hpa_model *model, size_t index,
	size_t aggregate);

/**
 * The English plural hpa_model_aggregate_rest_path() applies to an ASCII
 * identifier (`Category` -> `Categories`, `OrderItem` -> `OrderItems`,
 * `SalesPerson` -> `SalesPeople`): irregular and invariable nouns from a
 * table, then the suffix rules of docs/model.md. Case is kept: the
 * ending follows the case of the last CamelCase word (`PERSON` -> `PEOPLE`,
 * `CHILD` -> `CHILDREN`, `Person` -> `People`).
 * @return 0, ::HPA_EINVAL (NULL, empty, or not an ASCII identifier: a
 *         letter, then letters, digits and `_`, the aggregate names the
 *         model loader derives REST paths from), ::HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_free)
 */
HPA_EXTERN(int) hpa_model_plural(char **out, const char *word, hpa_error *err);

/**
 * Render @p model as a manifest: Deployments, Services, the Ingress,
 * autoscalers (and the load Pod with ::HPA_RENDER_LOAD_POD), in that order.
 * @param opts NULL for the defaults
 * @return 0, ::HPA_EINVAL, ::HPA_ENOTFOUND (a `messaging.brokers` map with
 *         no entry for the profile nor `default`), ::HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_manifest_free)
 */
HPA_EXTERN(int) hpa_model_render(const hpa_model *model, const hpa_render_options *opts,
	hpa_manifest **out, hpa_error *err);

/**
 * What the rendered manifest needs in the cluster, one line per item
 * (`metrics-server: ...`, `ingress controller: ...`, `kafka: ...`), each
 * with how to get it (e.g. `helm install my-kafka bitnami/kafka`).
 * @param opts NULL for the defaults (the same options as the render)
 * @param len_out receives the length (NULL allowed)
 * @return 0, ::HPA_EINVAL, ::HPA_ENOTFOUND (as hpa_model_render()), ::HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_free)
 */
HPA_EXTERN(int) hpa_model_prerequisites(const hpa_model *model, const hpa_render_options *opts,
	char **out, size_t *len_out, hpa_error *err);

HPA_END_DECL

/** @} */
#endif
