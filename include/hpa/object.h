/**
 * @file hpa/object.h
 * @brief Kubernetes objects of any kind: identity, a type-checked path API,
 *        copies, comparison, and adding/removing/iterating objects in a manifest.
 * @defgroup object Objects
 *
 * An ::hpa_object is a view over one document's value tree. Every field,
 * known or not, is kept in source order, so reading and writing an object
 * loses nothing. Four kinds are typed (::hpa_kind): their fields are checked
 * against the Kubernetes 1.36 schema. Every other kind (ConfigMap, CRDs, ...)
 * is a generic object that accepts any path.
 *
 * **Paths** use kubectl's field-path syntax: dotted keys and `[N]` list
 * indexes, e.g. `spec.template.spec.containers[0].image`. Write a key that
 * contains `.`, `[` or `]` in brackets and quotes:
 * `metadata.labels["app.kubernetes.io/name"]`. Inside the quotes, `\"` and
 * `\\` are escapes. The empty path `""` is the object itself. The queries
 * that return no error code (hpa_object_has(), hpa_object_type(),
 * hpa_object_count(), hpa_object_key_at(), hpa_object_line_of(),
 * hpa_object_column_of()) read a NULL path as `""`, the object itself; the
 * getters, setters and hpa_object_clear() refuse it with ::HPA_EINVAL.
 *
 * **Three states**: a field can be absent, set to its zero value
 * (`0`, `false`, `""`), or set to another value. hpa_object_has() tells
 * absent from present; the getters return ::HPA_ENOTFOUND for an absent
 * field and leave `*out` unchanged. A field explicitly set to `null` counts
 * as absent, as it does for the API server.
 *
 * **Type checks** on typed kinds: a path the schema does not know gives
 * ::HPA_EUNKNOWNFIELD. Reading or writing a field with the wrong accessor
 * gives ::HPA_ETYPE, for example hpa_object_set_string() on `spec.replicas`.
 * A value outside the field's range gives ::HPA_ERANGE. On a generic object,
 * a getter checks only the type of the value that is stored. Errors carry
 * the path in `err->path` and, when known, the source position.
 *
 * **Memory**: an object in a manifest is borrowed from it. A standalone
 * object comes from hpa_object_new() or hpa_object_dup() and belongs to the
 * caller until hpa_object_free() or hpa_manifest_append_take(). A value that
 * is replaced or cleared is not freed at once: its memory is reclaimed when
 * its object or manifest is freed. Strings returned by the getters stay
 * valid until that happens.
 *
 * **Threads**: concurrent reads of one object are safe. A mutation needs
 * external synchronisation. Distinct objects and manifests are independent.
 * @{
 */
#ifndef HPA_OBJECT_H
#define HPA_OBJECT_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <hpa/manifest.h>
#include <hpa/quantity.h>

HPA_BEGIN_DECL

/** The kinds libhpa types. Every other kind is ::HPA_KIND_OTHER. */
typedef enum {
	HPA_KIND_OTHER = 1,      /**< any other apiVersion/kind (generic object) */
	HPA_KIND_DEPLOYMENT,     /**< apps/v1 Deployment */
	HPA_KIND_SERVICE,        /**< v1 Service */
	HPA_KIND_INGRESS,        /**< networking.k8s.io/v1 Ingress */
	HPA_KIND_AUTOSCALER      /**< autoscaling/v2 HorizontalPodAutoscaler */
} hpa_kind;

/** Type of a stored value (hpa_object_type()); 0 means absent. */
typedef enum {
	HPA_VALUE_NULL = 1,      /**< explicit `null` */
	HPA_VALUE_BOOL,          /**< true/false (YAML 1.1 yes/no/on/off included) */
	HPA_VALUE_INT,           /**< integer */
	HPA_VALUE_FLOAT,         /**< non-integral number */
	HPA_VALUE_STRING,        /**< string (quoted or not) */
	HPA_VALUE_MAP,           /**< mapping */
	HPA_VALUE_LIST           /**< sequence */
} hpa_value_type;

/* ---- identity ------------------------------------------------------------ */

/** Kind of @p obj (::HPA_KIND_OTHER for NULL). */
HPA_EXTERN(hpa_kind) hpa_object_kind(const hpa_object *obj);

/**
 * `apiVersion` of @p obj, or "" when it is absent or not a string.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_object_api_version(const hpa_object *obj);

/**
 * `kind` of @p obj (e.g. "Deployment"), or "" when absent or not a string.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_object_kind_name(const hpa_object *obj);

/**
 * `metadata.name` of @p obj, or "" when absent or not a string.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_object_name(const hpa_object *obj);

/**
 * `metadata.namespace` of @p obj, or "" when absent or not a string.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_object_namespace(const hpa_object *obj);

/** 0-based index of the object's document in its source stream. */
HPA_EXTERN(size_t) hpa_object_document(const hpa_object *obj);

/** 1-based line where the object starts in its source, 0 when unknown. */
HPA_EXTERN(size_t) hpa_object_line(const hpa_object *obj);

/** 1-based column where the object starts in its source, 0 when unknown. */
HPA_EXTERN(size_t) hpa_object_column(const hpa_object *obj);

/**
 * 1-based line of the value at @p path, 0 when absent or unknown
 * (a value built in memory has no position).
 */
HPA_EXTERN(size_t) hpa_object_line_of(const hpa_object *obj, const char *path);

/** 1-based column of the value at @p path, 0 when absent or unknown. */
HPA_EXTERN(size_t) hpa_object_column_of(const hpa_object *obj, const char *path);

/* ---- life cycle ------------------------------------------------------------ */

/**
 * Create a standalone object with `apiVersion` and `kind` set (both
 * required, non-empty). Its kind is typed when the pair is one of the kinds
 * of ::hpa_kind.
 * @ownership caller (free with hpa_object_free, or give to a manifest with
 *            hpa_manifest_append_take)
 */
HPA_EXTERN(int) hpa_object_new(hpa_object **out, const char *api_version,
	const char *kind, hpa_error *err);

/**
 * Deep copy of @p obj as a new standalone object (positions and document
 * index kept).
 * @ownership caller (free with hpa_object_free)
 */
HPA_EXTERN(int) hpa_object_dup(hpa_object **out, const hpa_object *obj, hpa_error *err);

/**
 * Free a standalone object. NULL is allowed. Objects that belong to a
 * manifest are left alone (the manifest frees them).
 * @ownership takes
 */
HPA_EXTERN(void) hpa_object_free(hpa_object *obj);

/**
 * Semantic equality, in the spirit of apimachinery's `equality.Semantic`:
 * same fields with equal values, whatever the key order of maps, the
 * quoting style or the positions. Integers are compared by value (`0x10`
 * equals `16`), quantity fields of typed kinds by value (`1`, `1000m` and
 * `"1.0"` are equal), and a field set to `null` equals an absent one. List
 * order matters; `80` and `"80"` differ. Objects of different kinds differ.
 */
HPA_EXTERN(bool) hpa_object_equal(const hpa_object *a, const hpa_object *b);

/* ---- the path API ------------------------------------------------------------ */

/** True when @p path holds a value other than `null`. */
HPA_EXTERN(bool) hpa_object_has(const hpa_object *obj, const char *path);

/** Type of the value at @p path, 0 when absent (or the path is malformed). */
HPA_EXTERN(hpa_value_type) hpa_object_type(const hpa_object *obj, const char *path);

/**
 * Read a string field. The field's schema type must be a string, an enum,
 * a time, a quantity or an int-or-string (then only its string form). The
 * stored value must be a string.
 * @return 0, ::HPA_ENOTFOUND (absent or null), ::HPA_ETYPE, ::HPA_EUNKNOWNFIELD, ::HPA_EINVAL
 * @ownership borrowed (`*out`)
 */
HPA_EXTERN(int) hpa_object_get_string(const hpa_object *obj, const char *path,
	const char **out, hpa_error *err);

/**
 * Read an int32 field (also the integer form of an int-or-string).
 * @return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE, ::HPA_ERANGE, ::HPA_EUNKNOWNFIELD, ::HPA_EINVAL
 */
HPA_EXTERN(int) hpa_object_get_int32(const hpa_object *obj, const char *path,
	int32_t *out, hpa_error *err);

/**
 * Read an int64 field (int32 fields and the integer form of an int-or-string too).
 * @return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE, ::HPA_ERANGE, ::HPA_EUNKNOWNFIELD, ::HPA_EINVAL
 */
HPA_EXTERN(int) hpa_object_get_int64(const hpa_object *obj, const char *path,
	int64_t *out, hpa_error *err);

/**
 * Read a boolean field (YAML 1.1 spellings yes/no/on/off included).
 * @return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE, ::HPA_EUNKNOWNFIELD, ::HPA_EINVAL
 */
HPA_EXTERN(int) hpa_object_get_bool(const hpa_object *obj, const char *path,
	bool *out, hpa_error *err);

/**
 * Text of a scalar exactly as written: a quantity (`500m`, `0.5`, `1Gi`,
 * whether quoted or not), an int-or-string, or any scalar on a generic
 * object. Maps and lists give ::HPA_ETYPE.
 * @ownership borrowed (`*out`)
 */
HPA_EXTERN(int) hpa_object_get_text(const hpa_object *obj, const char *path,
	const char **out, hpa_error *err);

/**
 * Read a quantity field (written as a string or a number) as an
 * ::hpa_quantity. On typed kinds the field must be a quantity field.
 * On any failure `*out` is left unchanged (nothing is allocated).
 * @return 0, ::HPA_ENOTFOUND, ::HPA_ETYPE (also when the text is not a
 *         quantity), ::HPA_EUNKNOWNFIELD, ::HPA_EINVAL, ::HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_quantity_free)
 */
HPA_EXTERN(int) hpa_object_get_quantity(const hpa_object *obj, const char *path,
	hpa_quantity **out, hpa_error *err);

/**
 * Set a string field. Missing maps on the way are created, any number of
 * levels deep (an index step `[0]` below a missing level creates a list).
 * A list index must name an existing item or the position just past the
 * end (append).
 * On a typed kind the field must accept a string: a string, enum, time
 * (RFC 3339 checked), quantity (syntax checked) or int-or-string field.
 * Objects hold UTF-8 text: a value, or a key in a path given to any
 * setter, that is not well-formed UTF-8 is ::HPA_EINVAL and changes
 * nothing (the writers could not write it).
 * @ownership the string is copied
 */
HPA_EXTERN(int) hpa_object_set_string(hpa_object *obj, const char *path,
	const char *value, hpa_error *err);

/**
 * Set a quantity field to the text @p q was parsed from (its canonical
 * form when it was computed), as a string.
 * @ownership the text is copied
 */
HPA_EXTERN(int) hpa_object_set_quantity(hpa_object *obj, const char *path,
	const hpa_quantity *q, hpa_error *err);

/** Set an int32 field (int64, int-or-string and quantity fields accept it too). */
HPA_EXTERN(int) hpa_object_set_int32(hpa_object *obj, const char *path,
	int32_t value, hpa_error *err);

/** Set an int64 field; on an int32 field a value out of range is ::HPA_ERANGE. */
HPA_EXTERN(int) hpa_object_set_int64(hpa_object *obj, const char *path,
	int64_t value, hpa_error *err);

/** Set a boolean field. */
HPA_EXTERN(int) hpa_object_set_bool(hpa_object *obj, const char *path,
	bool value, hpa_error *err);

/**
 * Set the value at @p path to an empty map (`{}`) or, with @p list true, an
 * empty list (`[]`), replacing what was there. The schema type must be an
 * object/map, or a list.
 */
HPA_EXTERN(int) hpa_object_set_empty(hpa_object *obj, const char *path,
	bool list, hpa_error *err);

/**
 * Remove the field or list item at @p path.
 * @return 0, ::HPA_ENOTFOUND when nothing was there, ::HPA_EINVAL for a
 *         malformed path
 */
HPA_EXTERN(int) hpa_object_clear(hpa_object *obj, const char *path, hpa_error *err);

/** Number of entries of the map or list at @p path (0 when absent or scalar). */
HPA_EXTERN(size_t) hpa_object_count(const hpa_object *obj, const char *path);

/**
 * Key of entry @p index of the map at @p path, NULL when out of range.
 * Use it with a bracketed path to read the entry:
 * `metadata.labels["<key>"]`.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_object_key_at(const hpa_object *obj, const char *path, size_t index);

/* ---- objects in manifests ---------------------------------------------------- */

/**
 * Append a standalone object to @p manifest as a new document. On success
 * @p obj belongs to the manifest and stays valid as a borrowed pointer
 * until it is removed or the manifest is freed. On failure it is freed.
 * An object that already belongs to a manifest gives ::HPA_EINVAL and is
 * left alone.
 * @ownership takes
 */
HPA_EXTERN(int) hpa_manifest_append_take(hpa_manifest *manifest, hpa_object *obj, hpa_error *err);

/**
 * Append a deep copy of @p obj (from anywhere) as a new document.
 * @p copy_out, if not NULL, receives the copy.
 * @ownership borrowed (`*copy_out`)
 */
HPA_EXTERN(int) hpa_manifest_append_copy(hpa_manifest *manifest, const hpa_object *obj,
	hpa_object **copy_out, hpa_error *err);

/**
 * Remove and free the object at @p index. Later objects move down by one.
 * Pointers to the removed object become invalid.
 * @return 0 or ::HPA_ENOTFOUND when out of range (also when @p manifest
 *         is NULL: it holds no object at any index)
 */
HPA_EXTERN(int) hpa_manifest_remove_at(hpa_manifest *manifest, size_t index, hpa_error *err);

/** Iterator over the objects of a manifest. */
typedef struct hpa_manifest_iter hpa_manifest_iter;

/**
 * Start iterating @p manifest over the objects of kind @p kind (an
 * ::hpa_kind value), or over every object when @p kind is 0. Any other
 * value is accepted and matches no object (the iterator yields nothing).
 * The manifest must not change while iterating.
 * @return 0, ::HPA_EINVAL (NULL @p out or @p manifest), ::HPA_ENOMEM
 * @ownership caller (free with hpa_manifest_iter_free)
 */
HPA_EXTERN(int) hpa_manifest_iter_new(hpa_manifest_iter **out, const hpa_manifest *manifest,
	int kind, hpa_error *err);

/**
 * Next object.
 * @return 0, or ::HPA_ITEROVER at the end (then `*out` is NULL)
 * @ownership borrowed (`*out`)
 */
HPA_EXTERN(int) hpa_manifest_iter_next(const hpa_object **out, hpa_manifest_iter *iter);

/** Free an iterator. NULL is allowed. @ownership takes */
HPA_EXTERN(void) hpa_manifest_iter_free(hpa_manifest_iter *iter);

/* ---- the schema (explain) ----------------------------------------------------- */

/**
 * One field of the built-in Kubernetes 1.36 schema, as `kubectl explain`
 * shows it. Handles point into static read-only tables: never freed, valid
 * for the life of the program, safe to share between threads.
 */
typedef struct hpa_schema_field hpa_schema_field;

/**
 * Look up @p path in the schema of @p api_version / @p kind. Any kind the
 * schema describes works, not only the typed ones (Pod, PodList, Scale,
 * PodMetrics, PodMetricsList, the List kinds, Status). As in kubectl
 * explain, a key step looks through lists and maps into their elements:
 * `spec.template.spec.containers.image` is the same as
 * `spec.template.spec.containers[0].image`. The empty path is the kind
 * itself. With @p api_version NULL, @p kind is matched case-insensitively
 * in any version (`deployment`, `horizontalpodautoscaler`).
 * @return 0, ::HPA_EUNSUPPORTED when the kind is not in the schema,
 *         ::HPA_EUNKNOWNFIELD, ::HPA_EINVAL (malformed path)
 * @ownership borrowed (`*out`, static storage)
 */
HPA_EXTERN(int) hpa_schema_lookup(const hpa_schema_field **out, const char *api_version,
	const char *kind, const char *path, hpa_error *err);

/** Number of kinds the schema describes (typed or not). */
HPA_EXTERN(size_t) hpa_schema_kind_count(void);

/**
 * Kind @p index of the schema (in kind-name order): its apiVersion and
 * kind, and whether libhpa types it (::hpa_kind, ::HPA_KIND_OTHER if not).
 * @return 0 or ::HPA_ENOTFOUND when out of range
 * @ownership borrowed (static strings)
 */
HPA_EXTERN(int) hpa_schema_kind_at(size_t index, const char **api_version_out,
	const char **kind_out, hpa_kind *typed_out);

/** Field name ("replicas"; the kind name for the root). @ownership borrowed */
HPA_EXTERN(const char *) hpa_schema_field_name(const hpa_schema_field *field);

/**
 * Type as kubectl explain prints it: `integer`, `string`, `boolean`,
 * `Quantity`, `IntOrString`, `Time`, `Object` (free-form), a definition's
 * short name (`DeploymentSpec`), `[]Container`, `map[string]string`.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_schema_field_type(const hpa_schema_field *field);

/**
 * Type as the schema file spells it: `int32`, `int64`, `bool`, `string`,
 * `enum(A|B)`, `quantity`, `int-or-string`, `time`, `duration`, `any`,
 * `list<...>`, `map<...>`, `object:<definition>`.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_schema_field_schema_type(const hpa_schema_field *field);

/**
 * Full definition name of the field's object type, looking through lists
 * and maps (`io.k8s.api.core.v1.Container`), or "" for scalars.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_schema_field_definition(const hpa_schema_field *field);

/** First paragraph of the upstream description (may be ""). @ownership borrowed */
HPA_EXTERN(const char *) hpa_schema_field_description(const hpa_schema_field *field);

/** True when the API requires the field in its parent object. */
HPA_EXTERN(bool) hpa_schema_field_required(const hpa_schema_field *field);

/** Number of documented values of an enum field (0 for other fields). */
HPA_EXTERN(size_t) hpa_schema_field_enum_count(const hpa_schema_field *field);

/** Documented enum value @p index, NULL when out of range. @ownership borrowed */
HPA_EXTERN(const char *) hpa_schema_field_enum_at(const hpa_schema_field *field, size_t index);

/** Number of sub-fields of the field's object type (through lists and maps). */
HPA_EXTERN(size_t) hpa_schema_field_count(const hpa_schema_field *field);

/**
 * Sub-field @p index in name order, NULL when out of range.
 * @ownership borrowed (static storage)
 */
HPA_EXTERN(const hpa_schema_field *) hpa_schema_field_at(const hpa_schema_field *field, size_t index);

HPA_END_DECL

/** @} */
#endif
