/*
 * lib/validate/validate_int.h -- private interface of the validation and
 * lint module: the diagnostics list, the validation context with its two
 * field paths, field.Error-style reporting, the name/label syntax checks
 * of k8s.io/apimachinery, quantities, and the per-kind validators.
 *
 * Two paths are kept while walking an object: `lp` in libhpa's syntax
 * (keys with dots are bracketed, so the path works with hpa_object_has())
 * and `up` in the API server's syntax (map keys as `[key]`, as
 * field.Path.Key() prints them), which goes into messages.
 */
#ifndef HPA_LIB_VALIDATE_INT_H
#define HPA_LIB_VALIDATE_INT_H

#include "core/core.h"
#include "value/value.h"
#include "manifest/manifest_int.h"
#include "schema/path.h"
#include <hpa/object.h>
#include <hpa/validate.h>

/* ---- diagnostics ------------------------------------------------------------- */

struct hpa_diagnostic {
	const char *rule;
	int severity;
	int code;              /* hpa_error code for hpa_diagnostic_to_error */
	const char *message;
	const char *hint;
	const char *kind;
	const char *ns;
	const char *name;
	const char *path;
	const char *source;
	size_t document, line, column;
	size_t seq;            /* insertion order, for a stable sort */
	const hpa_object *obj; /* valid only while the list is being built */
};

struct hpa_diagnostics {
	hpa__arena arena;
	struct hpa_diagnostic *items;
	size_t len, cap;
};

int hpa__diags_new(hpa_diagnostics **out);
/* Append a finding; strings are copied. obj (may be NULL) gives kind,
 * namespace, name, document and source; pos (may be NULL) line/column,
 * else the object's start. Returns 0 or HPA_ENOMEM. */
int hpa__diags_add(hpa_diagnostics *d, const char *rule, int severity, int code,
	const hpa_object *obj, const char *path, const hpa__value *pos,
	const char *message, const char *hint);
/* True when a finding of obj with exactly this path exists (any rule). */
bool hpa__diags_has_path(const hpa_diagnostics *d, const hpa_object *obj, const char *path);
/* Sort by source, document, line, column, insertion order. */
void hpa__diags_sort(hpa_diagnostics *d);

/* ---- validation context ------------------------------------------------------- */

typedef struct {
	hpa_diagnostics *d;
	const hpa_object *obj;
	unsigned int flags;     /* HPA_VALIDATE_* */
	hpa__buf lp;            /* libhpa path */
	hpa__buf up;            /* API-server path */
	int rc;                 /* sticky HPA_ENOMEM */
	size_t errors;          /* findings added */
	size_t start;           /* index of this object's first finding in d */
} hpa__vctx;

typedef struct { size_t lp, up; } hpa__vmark;

void hpa__vctx_init(hpa__vctx *c, hpa_diagnostics *d, const hpa_object *obj, unsigned int flags);
void hpa__vctx_dispose(hpa__vctx *c);
hpa__vmark hpa__vp_mark(const hpa__vctx *c);
void hpa__vp_reset(hpa__vctx *c, hpa__vmark m);
/* Child field (".key"), list index ("[i]"), map key (`[key]` upstream). */
hpa__vmark hpa__vp_key(hpa__vctx *c, const char *key);
hpa__vmark hpa__vp_index(hpa__vctx *c, size_t i);
hpa__vmark hpa__vp_mapkey(hpa__vctx *c, const char *key, size_t klen);

/* field.ErrorType */
typedef enum {
	HPA__FE_REQUIRED = 1,   /* "Required value" */
	HPA__FE_INVALID,        /* "Invalid value" */
	HPA__FE_UNSUPPORTED,    /* "Unsupported value" */
	HPA__FE_DUPLICATE,      /* "Duplicate value" */
	HPA__FE_FORBIDDEN,      /* "Forbidden" */
	HPA__FE_NOTFOUND,       /* "Not found" */
	HPA__FE_TOOLONG,        /* "Too long" */
	HPA__FE_TYPE            /* schema: wrong type (VAL002) */
} hpa__fetype;

/* Report a field error at the current path plus `child` (a dotted list of
 * plain keys, or NULL). `value` is the rendered bad value (NULL: none
 * printed); `pos` the node whose position is reported (NULL: the object).
 * The message is "<upstream path>: <type>[: <value>][: <detail>]". */
void hpa__fe(hpa__vctx *c, hpa__fetype type, const char *child, const hpa__value *pos,
	const char *value, const char *detail_fmt, ...);
/* Same with rule VAL002 and a code (schema findings). */
void hpa__fe_schema(hpa__vctx *c, int code, const hpa__value *pos, const char *msg);

/* Render a value as Go's field.Error prints it: strings quoted (%q),
 * numbers and booleans bare, a string map as map[string]string{...}, null. */
void hpa__repr(hpa__buf *b, const hpa__value *v);
/* Quote a string as Go's %q. */
void hpa__repr_str(hpa__buf *b, const char *s, size_t n);
/* A message part built in b is incomplete after an allocation failure:
 * record HPA_ENOMEM in c->rc (sticky), so that the finding
 * that would print it damaged is not added. */
void hpa__vctx_check_buf(hpa__vctx *c, const hpa__buf *b);
/* Go's %q of s into buf (cut at size), with hpa__vctx_check_buf(). */
void hpa__quote(hpa__vctx *c, char *buf, size_t size, const char *s);

/* ---- tree helpers ---------------------------------------------------------------- */

/* Child of a map, NULL when absent, null, or the map is not a map. */
const hpa__value *hpa__vget(const hpa__value *map, const char *key);
/* String text of a child (NULL unless a string scalar). */
const char *hpa__vstr(const hpa__value *map, const char *key);
/* Scalar text of a child (any scalar but null), NULL otherwise. */
const char *hpa__vtext(const hpa__value *map, const char *key);
/* Integer child: 1 found (in *out), 0 absent, -1 present but not an integer. */
int hpa__vint(const hpa__value *map, const char *key, int64_t *out);
bool hpa__vis(const hpa__value *v, int kind);
size_t hpa__vlen(const hpa__value *v);     /* items of a map or seq, 0 otherwise */

/* ---- syntax checks (k8s.io/apimachinery/pkg/util/validation) -------------------- */

typedef struct {
	int n;
	char m[6][320];
} hpa__msgs;

void hpa__msgs_add(hpa__msgs *ms, const char *fmt, ...) HPA__PRINTF(2, 3);
void hpa__chk_dns1123_label(hpa__msgs *ms, const char *s);
void hpa__chk_dns1123_subdomain(hpa__msgs *ms, const char *s);
void hpa__chk_dns1035_label(hpa__msgs *ms, const char *s);
void hpa__chk_qualified_name(hpa__msgs *ms, const char *s);   /* label keys */
void hpa__chk_label_value(hpa__msgs *ms, const char *s);
void hpa__chk_port_name(hpa__msgs *ms, const char *s);       /* IANA_SVC_NAME */
void hpa__chk_path_segment(hpa__msgs *ms, const char *s);
bool hpa__is_percent(const char *s);
bool hpa__is_dns1123_label(const char *s);

/* ---- quantities ------------------------------------------------------------------ */

typedef struct {
	bool ok;          /* syntax valid */
	int sign;         /* -1, 0, 1 */
	int64_t milli;    /* value in thousandths, rounded up, saturated */
	bool overflow;    /* |value| did not fit: milli is saturated */
} hpa__qty;

/* Parse a quantity from a scalar (string or number). */
hpa__qty hpa__qty_of(const hpa__value *v);
hpa__qty hpa__qty_parse(const char *s, size_t n);
/* Human form of thousandths: memory as Mi/Gi when exact, cpu as m. */
void hpa__qty_fmt(hpa__buf *b, int64_t milli, bool bytes);

/* ---- validators ---------------------------------------------------------------------- */

/* ObjectMeta of an object (name checker: 0 subdomain, 1 DNS-1035 label). */
void hpa__val_meta(hpa__vctx *c, const hpa__value *meta, int name_rule);
/* labels map at the current path */
void hpa__val_labels(hpa__vctx *c, const hpa__value *labels);
void hpa__val_annotations(hpa__vctx *c, const hpa__value *ann);
/* metav1.LabelSelector at the current path */
void hpa__val_label_selector(hpa__vctx *c, const hpa__value *sel);
/* Does selector (matchLabels + matchExpressions) match labels? */
bool hpa__selector_matches(const hpa__value *sel, const hpa__value *labels);
/* Does a Service-style selector (plain map) match labels? (empty map: false) */
bool hpa__map_selector_matches(const hpa__value *sel, const hpa__value *labels);
/* PodTemplateSpec at the current path */
void hpa__val_pod_template(hpa__vctx *c, const hpa__value *tpl);

void hpa__val_deployment(hpa__vctx *c);
void hpa__val_service(hpa__vctx *c);
void hpa__val_ingress(hpa__vctx *c);
void hpa__val_autoscaler(hpa__vctx *c);
/* Strict schema walk (unknown fields, types, required fields). */
void hpa__val_schema(hpa__vctx *c);

/* Run every validator that applies to obj. */
void hpa__validate_object(hpa__vctx *c);

/* ---- rules ---------------------------------------------------------------------------- */

struct hpa_lint_rule {
	const char *id;
	int severity;
	const char *summary;
	bool heuristic; /* off unless HPA_LINT_HEURISTICS or named in enable */
};

extern const struct hpa_lint_rule hpa__lint_rules[];
extern const size_t hpa__lint_rule_n;

/* Canonical spellings. */
#define HPA__ANN_IDLE_MEMORY "hpa.libhpa.dev/idle-memory"
#define HPA__ANN_IDLE_CPU "hpa.libhpa.dev/idle-cpu"
#define HPA__ANN_REST_PATHS "hpa.libhpa.dev/rest-paths"

#endif
