/**
 * @file hpa/validate.h
 * @brief Validation with API-server parity, cross-object lint, diagnostics.
 * @defgroup validate Validation and lint
 *
 * **Validation** checks one object the way the Kubernetes API server does
 * on create (Deployment, Service, Ingress, HorizontalPodAutoscaler): required
 * fields, names and labels, selectors, ports, enums, int-or-string and
 * quantity rules, HPA replica bounds, metrics and behavior, Ingress paths.
 * Messages use the API server's words, for example
 * `spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas``.
 * Objects of the typed kinds are also checked against the Kubernetes 1.36
 * schema in strict mode (unknown fields, value types, required fields), as
 * `kubectl apply` does by default.
 *
 * **Lint** looks at a whole manifest set: an HPA whose target is missing,
 * containers without the requests an HPA needs (the `<unknown>` targets),
 * Services that select nothing, Ingress backends that do not exist, removed
 * apiVersions, and more. Each rule has a stable id (see
 * hpa_lint_rule_count() and docs/lint.md), a severity, a message and a hint.
 * Lint includes per-object validation (rules VAL001 and VAL002).
 *
 * **Diagnostics**: every finding is collected (not only the first one) into
 * an ::hpa_diagnostics list, sorted by source, document and position.
 * @{
 */
#ifndef HPA_VALIDATE_H
#define HPA_VALIDATE_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <hpa/manifest.h>

HPA_BEGIN_DECL

/** Severity of a finding. */
typedef enum {
	HPA_SEVERITY_INFO = 1,    /**< worth knowing; never fails a run */
	HPA_SEVERITY_WARNING,     /**< likely a mistake; fails `hpactl lint --strict` */
	HPA_SEVERITY_ERROR        /**< rejected by the API server or broken at run time */
} hpa_severity;

/**
 * "info", "warning" or "error" ("unknown" for other values).
 * @ownership borrowed (static storage)
 */
HPA_EXTERN(const char *) hpa_severity_name(int severity);

/* ---- diagnostics ---------------------------------------------------------------- */

/** A list of findings. */
typedef struct hpa_diagnostics hpa_diagnostics;
/** One finding of a list (a handle borrowed from the list). */
typedef struct hpa_diagnostic hpa_diagnostic;

/** Number of findings (0 for NULL). */
HPA_EXTERN(size_t) hpa_diagnostics_count(const hpa_diagnostics *diags);

/**
 * Number of findings of severity @p severity or above.
 */
HPA_EXTERN(size_t) hpa_diagnostics_count_severity(const hpa_diagnostics *diags, int severity);

/**
 * Finding @p index, or NULL when out of range.
 * @ownership borrowed (valid until hpa_diagnostics_free)
 */
HPA_EXTERN(const hpa_diagnostic *) hpa_diagnostics_at(const hpa_diagnostics *diags, size_t index);

/** Free a list. NULL is allowed. @ownership takes */
HPA_EXTERN(void) hpa_diagnostics_free(hpa_diagnostics *diags);

/**
 * Rule id: "VAL001" (API-server validation), "VAL002" (schema), "HPA003", ...
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_diagnostic_rule(const hpa_diagnostic *d);
/** Severity (an ::hpa_severity). */
HPA_EXTERN(int) hpa_diagnostic_severity(const hpa_diagnostic *d);
/**
 * One-line message. For validation findings it is the API server's text,
 * `<field path>: <error type>: <value>: <detail>`.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_diagnostic_message(const hpa_diagnostic *d);
/**
 * How to fix it ("" when the message says it all).
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_diagnostic_hint(const hpa_diagnostic *d);
/** `kind` of the object concerned ("" when none). @ownership borrowed */
HPA_EXTERN(const char *) hpa_diagnostic_kind(const hpa_diagnostic *d);
/** `metadata.namespace` of the object ("" when unset). @ownership borrowed */
HPA_EXTERN(const char *) hpa_diagnostic_namespace(const hpa_diagnostic *d);
/** `metadata.name` of the object ("" when unset). @ownership borrowed */
HPA_EXTERN(const char *) hpa_diagnostic_name(const hpa_diagnostic *d);
/**
 * Field path in libhpa's (kubectl) syntax, usable with hpa_object_has() and
 * friends, e.g. `spec.template.spec.containers[0].resources.requests.cpu`
 * ("" for the whole object).
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_diagnostic_path(const hpa_diagnostic *d);
/** 0-based document index in the object's source stream. */
HPA_EXTERN(size_t) hpa_diagnostic_document(const hpa_diagnostic *d);
/** 1-based line of the field (or of the nearest enclosing one), 0 when unknown. */
HPA_EXTERN(size_t) hpa_diagnostic_line(const hpa_diagnostic *d);
/** 1-based column, 0 when unknown. */
HPA_EXTERN(size_t) hpa_diagnostic_column(const hpa_diagnostic *d);
/** Source (file name) of the object, "" when unknown. @ownership borrowed */
HPA_EXTERN(const char *) hpa_diagnostic_source(const hpa_diagnostic *d);

/**
 * Copy a finding into an ::hpa_error (code ::HPA_EVALIDATION, or
 * ::HPA_EUNKNOWNFIELD / ::HPA_ETYPE for schema findings), truncating long
 * texts. @p err must be initialised.
 * @return HPA_OK, or HPA_EINVAL for NULL arguments
 */
HPA_EXTERN(int) hpa_diagnostic_to_error(const hpa_diagnostic *d, hpa_error *err);

/* ---- validation --------------------------------------------------------------- */

/** Validate as if the `HPAScaleToZero` feature gate were on (minReplicas 0
 *  allowed together with an Object or External metric). */
#define HPA_VALIDATE_SCALE_TO_ZERO (1u << 0)
/** Skip the strict schema check (rule VAL002: unknown fields, types). */
#define HPA_VALIDATE_NO_SCHEMA     (1u << 1)

/** Version of ::hpa_validate_options this header describes. */
#define HPA_VALIDATE_OPTIONS_VERSION 1

/** Options of hpa_object_validate() and hpa_manifest_validate(). */
typedef struct {
	unsigned int version;  /**< ::HPA_VALIDATE_OPTIONS_VERSION */
	unsigned int flags;    /**< HPA_VALIDATE_* */
} hpa_validate_options;

/** Static initialiser for ::hpa_validate_options. */
#define HPA_VALIDATE_OPTIONS_INIT { HPA_VALIDATE_OPTIONS_VERSION, 0 }

/**
 * Reset @p opts to the defaults of @p version.
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version
 */
HPA_EXTERN(int) hpa_validate_options_init(hpa_validate_options *opts, unsigned int version);

/**
 * Validate one object (typed kinds are checked; other kinds give no
 * findings). Every problem found is appended to a new list in `*out`, even
 * when there is none (an empty list).
 * @return HPA_OK when the object is valid, ::HPA_EVALIDATION when it has at
 *         least one error finding (`err` then describes the first one),
 *         HPA_EINVAL, HPA_ENOMEM (then `*out` is NULL)
 * @ownership caller (`*out`, free with hpa_diagnostics_free)
 */
HPA_EXTERN(int) hpa_object_validate(const hpa_object *obj, const hpa_validate_options *opts,
	hpa_diagnostics **out, hpa_error *err);

/**
 * Validate every object of @p manifest (as hpa_object_validate()).
 * @ownership caller (`*out`)
 */
HPA_EXTERN(int) hpa_manifest_validate(const hpa_manifest *manifest, const hpa_validate_options *opts,
	hpa_diagnostics **out, hpa_error *err);

/* ---- lint ------------------------------------------------------------------------- */

/** Do not run per-object validation (rules VAL001, VAL002) in lint. */
#define HPA_LINT_NO_VALIDATION     (1u << 8)
/** Also run the heuristic rules (rules of thumb such as HPA009), which are
 * off by default because they guess where the manifest says nothing. */
#define HPA_LINT_HEURISTICS        (1u << 9)

/** Version of ::hpa_lint_options this header describes. */
#define HPA_LINT_OPTIONS_VERSION 1

/** Options of hpa_manifest_lint(). */
typedef struct {
	unsigned int version;   /**< ::HPA_LINT_OPTIONS_VERSION */
	unsigned int flags;     /**< HPA_VALIDATE_* and HPA_LINT_* bits */
	int min_severity;       /**< findings below this ::hpa_severity are dropped (default INFO) */
	/** Comma-separated rule ids to skip, e.g. "HPA007,ING006" (NULL = none). */
	const char *disable;
	/** Comma-separated rule ids to run exclusively (NULL or "" = all). */
	const char *enable;
	/** The HPA tolerance in thousandths (default 100 = 0.1), used when an
	 *  HPA does not set `behavior.scaleUp.tolerance`. */
	int32_t tolerance_milli;
} hpa_lint_options;

/** Static initialiser for ::hpa_lint_options. */
#define HPA_LINT_OPTIONS_INIT { HPA_LINT_OPTIONS_VERSION, 0, HPA_SEVERITY_INFO, NULL, NULL, 100 }

/**
 * Reset @p opts to the defaults of @p version.
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version
 */
HPA_EXTERN(int) hpa_lint_options_init(hpa_lint_options *opts, unsigned int version);

/**
 * Lint one manifest as a set of objects. Findings go to a new list in
 * `*out` (possibly empty).
 * @return HPA_OK when no finding is an error, ::HPA_EVALIDATION when at
 *         least one is (`err` describes the first), HPA_EINVAL (bad options,
 *         unknown rule id in enable/disable), HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_diagnostics_free)
 */
HPA_EXTERN(int) hpa_manifest_lint(const hpa_manifest *manifest, const hpa_lint_options *opts,
	hpa_diagnostics **out, hpa_error *err);

/**
 * Lint several manifests (e.g. one per file) as one set: an HPA in one file
 * can target a Deployment in another. Findings keep each object's source.
 * @ownership caller (`*out`)
 */
HPA_EXTERN(int) hpa_manifests_lint(const hpa_manifest *const *manifests, size_t count,
	const hpa_lint_options *opts, hpa_diagnostics **out, hpa_error *err);

/* ---- the rule catalogue --------------------------------------------------------------- */

/** A lint rule (static data). */
typedef struct hpa_lint_rule hpa_lint_rule;

/** Number of rules. */
HPA_EXTERN(size_t) hpa_lint_rule_count(void);
/** Rule @p index (catalogue order), NULL when out of range. @ownership borrowed (static) */
HPA_EXTERN(const hpa_lint_rule *) hpa_lint_rule_at(size_t index);
/** Rule by id ("HPA003"), NULL when unknown. @ownership borrowed (static) */
HPA_EXTERN(const hpa_lint_rule *) hpa_lint_rule_find(const char *id);
/** Stable id. @ownership borrowed (static) */
HPA_EXTERN(const char *) hpa_lint_rule_id(const hpa_lint_rule *rule);
/** Default severity (an ::hpa_severity). */
HPA_EXTERN(int) hpa_lint_rule_severity(const hpa_lint_rule *rule);
/** One-line summary. @ownership borrowed (static) */
HPA_EXTERN(const char *) hpa_lint_rule_summary(const hpa_lint_rule *rule);

HPA_END_DECL

/** @} */
#endif
