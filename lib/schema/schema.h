/*
 * lib/schema/schema.h -- the schema tables and lookups.
 *
 * lib/schema/k8s-1.36.schema (written by scripts/gen-schema from the
 * Kubernetes OpenAPI document) is turned into C tables at build time
 * (schema_data.c in the build tree, by scripts/gen-schema --c). Everything
 * here is read-only static data: safe to share between threads.
 */
#ifndef HPA_LIB_SCHEMA_SCHEMA_H
#define HPA_LIB_SCHEMA_SCHEMA_H

#include "core/core.h"
#include "value/value.h"

/* Type kinds of the schema file. */
typedef enum {
	HPA__T_STRING = 1,
	HPA__T_INT32,
	HPA__T_INT64,
	HPA__T_BOOL,
	HPA__T_ENUM,       /* string with documented values; others kept verbatim */
	HPA__T_QUANTITY,   /* resource.Quantity: string or number */
	HPA__T_INTSTR,     /* intstr.IntOrString */
	HPA__T_TIME,       /* meta.v1.Time: RFC 3339 string */
	HPA__T_DURATION,   /* meta.v1.Duration: Go duration string */
	HPA__T_ANY,        /* free-form (FieldsV1) */
	HPA__T_OBJECT,
	HPA__T_LIST,
	HPA__T_MAP         /* map<string, elem> */
} hpa__tkind;

typedef struct hpa__stype hpa__stype;
typedef struct hpa_schema_field hpa__sfield;   /* opaque in <hpa/object.h> */
typedef struct hpa__sobject hpa__sobject;

struct hpa__stype {
	uint8_t kind;                 /* hpa__tkind */
	uint16_t n_enums;             /* HPA__T_ENUM */
	const char *const *enums;     /* HPA__T_ENUM: documented values */
	const hpa__stype *elem;       /* HPA__T_LIST / HPA__T_MAP */
	const hpa__sobject *obj;      /* HPA__T_OBJECT */
	const char *display;          /* kubectl explain form: integer, []Container, map[string]string */
	const char *spelling;         /* schema file form: int32, list<object:...> */
};

struct hpa_schema_field {
	const char *name;
	uint16_t len;
	bool required;
	const hpa__stype *type;
	const char *doc;              /* first paragraph of the description */
};

struct hpa__sobject {
	const char *name;             /* full definition name */
	const hpa__sfield *fields;    /* sorted by name (strcmp order) */
	uint16_t n_fields;
	const char *doc;
};

typedef struct {
	const char *api_version;      /* "apps/v1", "v1", ... */
	const char *kind;             /* "Deployment" */
	int hpa_kind;                 /* hpa_kind; HPA_KIND_OTHER when not typed */
	const hpa__stype *type;       /* HPA__T_OBJECT of the kind's definition */
	const hpa__sfield *field;     /* pseudo-field for explain: name = kind, doc = type's doc */
} hpa__skind;

typedef struct {
	const char *source;           /* provenance line of the schema file */
	const hpa__sobject *objects;  /* sorted by name */
	size_t n_objects;
	const hpa__skind *kinds;
	size_t n_kinds;
	size_t n_fields;              /* total */
} hpa__schema;

/* The generated tables (schema_data.c). */
extern const hpa__schema hpa__schema_k8s;

/* Field of an object type, or NULL. Binary search. */
const hpa__sfield *hpa__schema_field(const hpa__sobject *o, const char *name, size_t len);
/* Object type by full definition name, or NULL. */
const hpa__sobject *hpa__schema_object(const char *name);
/* Kind entry for apiVersion + kind (any kind in the schema, typed or not), or NULL. */
const hpa__skind *hpa__schema_kind(const char *api_version, size_t alen, const char *kind, size_t klen);
/* The hpa_kind of an apiVersion/kind pair (HPA_KIND_OTHER when not typed). */
int hpa__schema_kind_id(const char *api_version, size_t alen, const char *kind, size_t klen);
/* Root type of a typed kind, NULL for HPA_KIND_OTHER (generic objects). */
const hpa__stype *hpa__schema_root(int kind_id);

/* Type reached by path from root (NULL root = generic: *out = NULL, 0).
 * HPA_EUNKNOWNFIELD for a field the schema does not know, HPA_ETYPE when a
 * step indexes a scalar or keys a list, HPA_EINVAL for a malformed path.
 * err gets the path. */
int hpa__schema_resolve(const hpa__stype *root, const char *path, const hpa__stype **out, hpa_error *err);

/* Check the tree v against type t (the walk of hpa__schema_check, usable on
 * any sub-tree). Error paths are relative to v. */
int hpa__schema_check_value(const hpa__stype *t, const hpa__value *v, unsigned int flags, hpa_error *err);

/* "int32", "string", "object", "list of string", ... (static storage). */
const char *hpa__schema_type_name(const hpa__stype *t);
/* Describe a value for messages: `string "3"`, `integer 5`, `boolean yes`,
 * `map`, `list`, `null`. Writes at most size bytes. */
void hpa__schema_describe(char *buf, size_t size, const hpa__value *v);

/* Quantity syntax (resource.Quantity string form), by the quantity module. */
bool hpa__schema_quantity_ok(const char *s, size_t len);
/* NULL when s is a quantity, else the problem ("unexpected character ' '")
 * written into buf. Never allocates. */
const char *hpa__schema_quantity_problem(const char *s, size_t len, char *buf, size_t size);
/* Two quantity texts with the same value ("1", "1000m", "1.0"); texts that
 * are not quantities are compared as text. */
bool hpa__schema_quantity_equal(const char *a, size_t alen, const char *b, size_t blen);
/* Exact comparison of two quantity texts (upstream Quantity.Cmp, whatever
 * their size): 0 and *out = -1, 0 or 1, or HPA_ESYNTAX when either is not
 * a quantity. */
int hpa__schema_quantity_cmp(const char *a, size_t alen, const char *b, size_t blen, int *out);
/* Resource names (upstream pkg/apis/core/helper): IsExtendedResourceName
 * (a domain outside kubernetes.io/, not "requests.") for a name that is a
 * valid qualified name, and IsOvercommitAllowed (a native resource that is
 * not hugepages; the others need request == limit). */
bool hpa__schema_resource_extended(const char *name);
bool hpa__schema_resource_overcommit(const char *name);
/* RFC 3339 date-time check (metav1.Time). */
bool hpa__schema_is_rfc3339(const char *s, size_t len);

#endif
