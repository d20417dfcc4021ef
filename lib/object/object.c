/* lib/object/object.c -- the generic, schema-checked path API over an
 * object's value tree (include/hpa/object.h). */
#include "manifest/manifest_int.h"
#include "schema/schema.h"
#include "schema/path.h"
#include "schema/check.h"
#include "schema/path_int.h"
#include "object/object_int.h"
#include <hpa/object.h>
#include <stdio.h>

/* ---- identity ---------------------------------------------------------------- */

hpa_kind hpa_object_kind(const hpa_object *obj)
{
	if (!obj || obj->kind < HPA_KIND_OTHER || obj->kind > HPA_KIND_AUTOSCALER)
		return HPA_KIND_OTHER;
	return (hpa_kind)obj->kind;
}

static const char *str_at(const hpa_object *obj, const char *path)
{
	const hpa__value *v;
	if (!obj)
		return "";
	v = hpa__path_get(obj->root, path);
	return v && v->kind == HPA__V_STR ? hpa__v_text(v) : "";
}

const char *hpa_object_api_version(const hpa_object *obj) { return str_at(obj, "apiVersion"); }
const char *hpa_object_kind_name(const hpa_object *obj) { return str_at(obj, "kind"); }
const char *hpa_object_name(const hpa_object *obj) { return str_at(obj, "metadata.name"); }
const char *hpa_object_namespace(const hpa_object *obj) { return str_at(obj, "metadata.namespace"); }
size_t hpa_object_document(const hpa_object *obj) { return obj ? obj->document : 0; }
size_t hpa_object_line(const hpa_object *obj) { return obj && obj->root ? hpa__v_line(obj->root) : 0; }
size_t hpa_object_column(const hpa_object *obj) { return obj && obj->root ? hpa__v_column(obj->root) : 0; }

size_t hpa_object_line_of(const hpa_object *obj, const char *path)
{
	const hpa__value *v = obj ? hpa__path_get(obj->root, path) : NULL;
	return v ? hpa__v_line(v) : 0;
}

size_t hpa_object_column_of(const hpa_object *obj, const char *path)
{
	const hpa__value *v = obj ? hpa__path_get(obj->root, path) : NULL;
	return v ? hpa__v_column(v) : 0;
}

/* ---- life cycle ------------------------------------------------------------------- */

void hpa__object_bind(hpa_object *obj)
{
	const hpa__value *av = hpa__map_get(obj->root, "apiVersion");
	const hpa__value *kv = hpa__map_get(obj->root, "kind");
	if (av && kv && av->kind == HPA__V_STR && kv->kind == HPA__V_STR)
		obj->kind = hpa__schema_kind_id(hpa__v_text(av), hpa__v_textlen(av), hpa__v_text(kv), hpa__v_textlen(kv));
	else
		obj->kind = HPA_KIND_OTHER;
}

int hpa_object_new(hpa_object **out, const char *api_version, const char *kind, hpa_error *err)
{
	hpa_object *o;
	hpa__value *a, *k;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!api_version || !*api_version || !kind || !*kind)
		return hpa__error(err, HPA_EINVAL, "apiVersion and kind are required");
	if (!hpa__utf8_valid(api_version, strlen(api_version)) || !hpa__utf8_valid(kind, strlen(kind)))
		return hpa__error(err, HPA_EINVAL, "apiVersion and kind must be UTF-8 text");
	rc = hpa__object_create(&o, err);
	if (rc < 0)
		return rc;
	a = hpa__v_str(o->arena, api_version);
	k = hpa__v_str(o->arena, kind);
	if (!a || !k || hpa__map_set(o->root, "apiVersion", a) < 0 || hpa__map_set(o->root, "kind", k) < 0) {
		hpa_object_free(o);
		return hpa__enomem(err);
	}
	hpa__object_bind(o);
	*out = o;
	return HPA_OK;
}

int hpa__object_copy(hpa_object **out, const hpa_object *src, hpa_error *err)
{
	hpa_object *o;
	int rc;
	*out = NULL;
	rc = hpa__object_create(&o, err);
	if (rc < 0)
		return rc;
	o->root = hpa__v_copy(o->arena, src->root);
	o->source = src->source ? hpa__arena_strndup(o->arena, src->source, strlen(src->source)) : NULL;
	if (!o->root || (src->source && !o->source)) {
		hpa_object_free(o);
		return hpa__enomem(err);
	}
	o->kind = src->kind;
	o->document = src->document;
	*out = o;
	return HPA_OK;
}

int hpa_object_dup(hpa_object **out, const hpa_object *obj, hpa_error *err)
{
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!obj)
		return hpa__error(err, HPA_EINVAL, "object is NULL");
	return hpa__object_copy(out, obj, err);
}

void hpa_object_free(hpa_object *obj)
{
	if (!obj || obj->owner || !obj->standalone)
		return;
	hpa__standalone_free(obj);
}

/* ---- semantic equality --------------------------------------------------------- */

static size_t non_null_len(const hpa__value *m)
{
	size_t i, n = 0;
	for (i = 0; i < hpa__v_count(m); i++)
		if (hpa__map_val(m, i)->kind != HPA__V_NULL)
			n++;
	return n;
}

/* Type of the value under key/item, following the schema (NULL: untyped). */
static const hpa__stype *sub_type(const hpa__stype *t, const hpa__value *key)
{
	if (!t)
		return NULL;
	if (t->kind == HPA__T_LIST || t->kind == HPA__T_MAP)
		return t->elem;
	if (t->kind == HPA__T_OBJECT && key) {
		const hpa__sfield *f = hpa__schema_field(t->obj, hpa__v_text(key), hpa__v_textlen(key));
		return f ? f->type : NULL;
	}
	return NULL;
}

static bool is_scalar(const hpa__value *v)
{
	return v->kind != HPA__V_MAP && v->kind != HPA__V_SEQ;
}

static bool sem_equal(const hpa__value *a, const hpa__value *b, const hpa__stype *t)
{
	size_t i;
	/* quantities compare by value, as apimachinery's semantic equality does:
	 * 1 == "1000m" == 1.0, whether written as a string or a number */
	if (t && t->kind == HPA__T_QUANTITY && is_scalar(a) && is_scalar(b) &&
	    a->kind != HPA__V_NULL && b->kind != HPA__V_NULL)
		return hpa__schema_quantity_equal(hpa__v_text(a), hpa__v_textlen(a), hpa__v_text(b), hpa__v_textlen(b));
	if (a->kind != b->kind)
		return false;
	if (a->kind == HPA__V_MAP) {
		if (non_null_len(a) != non_null_len(b))
			return false;
		for (i = 0; i < hpa__v_count(a); i++) {
			const hpa__pair *p = hpa__map_pair(a, i);
			const hpa__value *bv;
			if (hpa__pair_val(p)->kind == HPA__V_NULL)
				continue;
			bv = hpa__map_getn(b, hpa__v_text(hpa__pair_key(p)), hpa__v_textlen(hpa__pair_key(p)));
			if (!bv || !sem_equal(hpa__pair_val(p), bv, sub_type(t, hpa__pair_key(p))))
				return false;
		}
		return true;
	}
	if (a->kind == HPA__V_SEQ) {
		if (hpa__v_count(a) != hpa__v_count(b))
			return false;
		for (i = 0; i < hpa__v_count(a); i++)
			if (!sem_equal(hpa__seq_at(a, i), hpa__seq_at(b, i), sub_type(t, NULL)))
				return false;
		return true;
	}
	return hpa__v_equal(a, b);
}

bool hpa_object_equal(const hpa_object *a, const hpa_object *b)
{
	if (a == b)
		return true;
	if (!a || !b || hpa_object_kind(a) != hpa_object_kind(b))
		return false;
	return sem_equal(a->root, b->root, hpa__schema_root(a->kind));
}

/* ---- path API: reading ------------------------------------------------------------ */

bool hpa_object_has(const hpa_object *obj, const char *path)
{
	const hpa__value *v = obj ? hpa__path_get(obj->root, path) : NULL;
	return v && v->kind != HPA__V_NULL;
}

hpa_value_type hpa_object_type(const hpa_object *obj, const char *path)
{
	const hpa__value *v = obj ? hpa__path_get(obj->root, path) : NULL;
	return v ? (hpa_value_type)v->kind : (hpa_value_type)0;
}

size_t hpa_object_count(const hpa_object *obj, const char *path)
{
	const hpa__value *v = obj ? hpa__path_get(obj->root, path) : NULL;
	if (!v)
		return 0;
	if (v->kind == HPA__V_MAP)
		return hpa__v_count(v);
	if (v->kind == HPA__V_SEQ)
		return hpa__v_count(v);
	return 0;
}

const char *hpa_object_key_at(const hpa_object *obj, const char *path, size_t index)
{
	const hpa__value *v = obj ? hpa__path_get(obj->root, path) : NULL;
	if (!v || v->kind != HPA__V_MAP || index >= hpa__v_count(v))
		return NULL;
	return hpa__v_text(hpa__map_key(v, index));
}

/* accessor classes */
enum { ACC_STRING, ACC_INT32, ACC_INT64, ACC_BOOL, ACC_TEXT, ACC_MAP, ACC_LIST, ACC_QTY };

static const char *acc_name(int acc)
{
	static const char *const names[] = { "a string", "an int32", "an int64", "a boolean",
		"a scalar", "a map", "a list", "a quantity" };
	return names[acc];
}

/* Can the schema type t be read/written with accessor acc? */
static bool compatible(const hpa__stype *t, int acc, bool writing)
{
	if (!t || t->kind == HPA__T_ANY)
		return true;
	switch (acc) {
	case ACC_STRING:
		return t->kind == HPA__T_STRING || t->kind == HPA__T_ENUM || t->kind == HPA__T_TIME ||
			t->kind == HPA__T_DURATION || t->kind == HPA__T_QUANTITY || t->kind == HPA__T_INTSTR;
	case ACC_INT32:
	case ACC_INT64:
		return t->kind == HPA__T_INT32 || t->kind == HPA__T_INT64 || t->kind == HPA__T_INTSTR ||
			(writing && t->kind == HPA__T_QUANTITY);
	case ACC_BOOL:
		return t->kind == HPA__T_BOOL;
	case ACC_TEXT:
		return t->kind != HPA__T_OBJECT && t->kind != HPA__T_LIST && t->kind != HPA__T_MAP;
	case ACC_MAP:
		return t->kind == HPA__T_OBJECT || t->kind == HPA__T_MAP;
	case ACC_LIST:
		return t->kind == HPA__T_LIST;
	case ACC_QTY:
		return t->kind == HPA__T_QUANTITY;
	default:
		return false;
	}
}

static int path_error(hpa_error *err, int code, const char *path, const hpa__value *at)
{
	hpa__error_set_path(err, path ? path : "");
	if (at)
		hpa__error_set_pos(err, hpa__v_line(at), hpa__v_column(at), hpa__v_offset(at));
	return code;
}

/* Schema check for accessor acc at path; on success *tp is the field type
 * (NULL on generic objects). */
static int check_access(const hpa_object *obj, const char *path, int acc, bool writing,
	const hpa__stype **tp, hpa_error *err)
{
	const hpa__stype *t = NULL;
	int rc;
	if (!obj || !path)
		return hpa__error(err, HPA_EINVAL, "object or path is NULL");
	/* what is written must write back out: keys are UTF-8 text, as the
	 * readers and writers require */
	if (writing && !hpa__utf8_valid(path, strlen(path)))
		return hpa__error(err, HPA_EINVAL, "path is not valid UTF-8");
	rc = hpa__schema_resolve(hpa__schema_root(obj->kind), path, &t, err);
	if (rc < 0)
		return rc;
	if (!compatible(t, acc, writing)) {
		hpa__error(err, HPA_ETYPE, "field is %s, not %s", hpa__schema_type_name(t), acc_name(acc));
		return path_error(err, HPA_ETYPE, path, NULL);
	}
	*tp = t;
	return 0;
}

/* The stored value for a getter: ENOTFOUND when absent or null. */
static int stored(const hpa_object *obj, const char *path, const hpa__value **vp, hpa_error *err)
{
	const hpa__value *v = hpa__path_get(obj->root, path);
	if (!v || v->kind == HPA__V_NULL) {
		hpa__error(err, HPA_ENOTFOUND, "field is not set");
		return path_error(err, HPA_ENOTFOUND, path, v);
	}
	*vp = v;
	return 0;
}

static int wrong_value(hpa_error *err, const char *expected, const char *path, const hpa__value *v)
{
	char d[96];
	hpa__schema_describe(d, sizeof(d), v);
	hpa__error(err, HPA_ETYPE, "expected %s, got %s", expected, d);
	return path_error(err, HPA_ETYPE, path, v);
}

int hpa_object_get_string(const hpa_object *obj, const char *path, const char **out, hpa_error *err)
{
	const hpa__stype *t;
	const hpa__value *v;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	if ((rc = check_access(obj, path, ACC_STRING, false, &t, err)) < 0 ||
	    (rc = stored(obj, path, &v, err)) < 0)
		return rc;
	if (v->kind != HPA__V_STR)
		return wrong_value(err, "string", path, v);
	*out = hpa__v_text(v);
	return 0;
}

static int get_int(const hpa_object *obj, const char *path, int acc, int64_t min, int64_t max,
	int64_t *out, hpa_error *err)
{
	const hpa__stype *t;
	const hpa__value *v;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	if ((rc = check_access(obj, path, acc, false, &t, err)) < 0 ||
	    (rc = stored(obj, path, &v, err)) < 0)
		return rc;
	if (v->kind != HPA__V_INT)
		return wrong_value(err, acc == ACC_INT32 ? "int32" : "int64", path, v);
	rc = hpa__v_int_range(v, min, max, out);
	if (rc == HPA_ERANGE) {
		hpa__error(err, HPA_ERANGE, "%.*s is out of range for %s", (int)(hpa__v_textlen(v) > 40 ? 40 : hpa__v_textlen(v)),
			hpa__v_text(v), acc == ACC_INT32 ? "int32" : "int64");
		return path_error(err, HPA_ERANGE, path, v);
	}
	if (rc < 0)
		return wrong_value(err, acc == ACC_INT32 ? "int32" : "int64", path, v);
	return 0;
}

int hpa_object_get_int32(const hpa_object *obj, const char *path, int32_t *out, hpa_error *err)
{
	int64_t x;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	rc = get_int(obj, path, ACC_INT32, INT32_MIN, INT32_MAX, &x, err);
	if (rc == 0)
		*out = (int32_t)x;
	return rc;
}

int hpa_object_get_int64(const hpa_object *obj, const char *path, int64_t *out, hpa_error *err)
{
	return get_int(obj, path, ACC_INT64, INT64_MIN, INT64_MAX, out, err);
}

int hpa_object_get_bool(const hpa_object *obj, const char *path, bool *out, hpa_error *err)
{
	const hpa__stype *t;
	const hpa__value *v;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	if ((rc = check_access(obj, path, ACC_BOOL, false, &t, err)) < 0 ||
	    (rc = stored(obj, path, &v, err)) < 0)
		return rc;
	if (v->kind != HPA__V_BOOL)
		return wrong_value(err, "boolean", path, v);
	*out = hpa__v_bool_value(v);
	return 0;
}

int hpa_object_get_text(const hpa_object *obj, const char *path, const char **out, hpa_error *err)
{
	const hpa__stype *t;
	const hpa__value *v;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	if ((rc = check_access(obj, path, ACC_TEXT, false, &t, err)) < 0 ||
	    (rc = stored(obj, path, &v, err)) < 0)
		return rc;
	if (v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ)
		return wrong_value(err, "scalar", path, v);
	*out = hpa__v_text(v);
	return 0;
}

int hpa_object_get_quantity(const hpa_object *obj, const char *path, hpa_quantity **out, hpa_error *err)
{
	const hpa__stype *t;
	const hpa__value *v;
	hpa_quantity *q = NULL;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	/* *out changes only on success (object.h: ENOTFOUND leaves it unchanged) */
	if ((rc = check_access(obj, path, ACC_QTY, false, &t, err)) < 0 ||
	    (rc = stored(obj, path, &v, err)) < 0)
		return rc;
	if (v->kind != HPA__V_STR && v->kind != HPA__V_INT && v->kind != HPA__V_FLOAT)
		return wrong_value(err, "quantity", path, v);
	if (!hpa__schema_quantity_ok(hpa__v_text(v), hpa__v_textlen(v)) || strlen(hpa__v_text(v)) != hpa__v_textlen(v)) {
		char d[96], why[128];
		const char *p = hpa__schema_quantity_problem(hpa__v_text(v), hpa__v_textlen(v), why, sizeof(why));
		hpa__schema_describe(d, sizeof(d), v);
		hpa__error(err, HPA_ETYPE, "expected quantity, got %s (%s)", d, p ? p : "embedded NUL");
		return path_error(err, HPA_ETYPE, path, v);
	}
	rc = hpa_quantity_parse(&q, hpa__v_text(v), err);
	if (rc < 0)
		return path_error(err, rc, path, v);
	*out = q;
	return 0;
}

/* ---- path API: writing -------------------------------------------------------------- */

/* apiVersion and kind decide the object's type: they are fixed at creation. */
static int identity_guard(const hpa_object *obj, const char *path, hpa_error *err)
{
	hpa__path_iter it;
	hpa__path_step st;
	bool fixed;
	(void)obj;
	hpa__path_iter_init(&it, path);
	if (hpa__path_next(&it, &st) != 1)
		fixed = true;   /* the whole object (malformed paths were refused before) */
	else
		fixed = *it.p == '\0' && !st.is_index &&
			((st.klen == 10 && memcmp(st.key, "apiVersion", 10) == 0) ||
			 (st.klen == 4 && memcmp(st.key, "kind", 4) == 0));
	if (fixed) {
		hpa__error(err, HPA_EINVAL, "apiVersion and kind are set when the object is created");
		return path_error(err, HPA_EINVAL, path, NULL);
	}
	return 0;
}

static int put(hpa_object *obj, const char *path, hpa__value *v, hpa_error *err)
{
	if (!v)
		return path_error(err, hpa__enomem(err), path, NULL);
	return hpa__path_set(obj->root, path, v, err);
}

int hpa_object_set_string(hpa_object *obj, const char *path, const char *value, hpa_error *err)
{
	const hpa__stype *t;
	int rc;
	if (!value)
		return hpa__error(err, HPA_EINVAL, "value is NULL");
	if (!hpa__utf8_valid(value, strlen(value))) {
		hpa__error(err, HPA_EINVAL, "value is not valid UTF-8");
		return path_error(err, HPA_EINVAL, path, NULL);
	}
	if ((rc = check_access(obj, path, ACC_STRING, true, &t, err)) < 0 ||
	    (rc = identity_guard(obj, path, err)) < 0)
		return rc;
	if (t && t->kind == HPA__T_TIME && !hpa__schema_is_rfc3339(value, strlen(value))) {
		hpa__error(err, HPA_ETYPE, "expected an RFC 3339 time, got \"%.40s\"", value);
		return path_error(err, HPA_ETYPE, path, NULL);
	}
	if (t && t->kind == HPA__T_QUANTITY) {
		char why[128];
		if (hpa__schema_quantity_problem(value, strlen(value), why, sizeof(why))) {
			hpa__error(err, HPA_ETYPE, "expected quantity, got \"%.40s\" (%s)", value, why);
			return path_error(err, HPA_ETYPE, path, NULL);
		}
	}
	return put(obj, path, hpa__v_str(obj->arena, value), err);
}

int hpa_object_set_quantity(hpa_object *obj, const char *path, const hpa_quantity *q, hpa_error *err)
{
	const hpa__stype *t;
	const char *text;
	char *canon = NULL;
	int rc;
	if (!q)
		return hpa__error(err, HPA_EINVAL, "quantity is NULL");
	if ((rc = check_access(obj, path, ACC_QTY, true, &t, err)) < 0 ||
	    (rc = identity_guard(obj, path, err)) < 0)
		return rc;
	text = hpa_quantity_str(q);
	if (!*text) {
		rc = hpa_quantity_canonical(q, &canon, err);
		if (rc < 0)
			return path_error(err, rc, path, NULL);
		text = canon;
	}
	rc = put(obj, path, hpa__v_str(obj->arena, text), err);
	hpa__free(canon);
	return rc;
}

static int set_int(hpa_object *obj, const char *path, int64_t value, hpa_error *err)
{
	const hpa__stype *t;
	int rc;
	if ((rc = check_access(obj, path, ACC_INT64, true, &t, err)) < 0)
		return rc;
	if (t && (t->kind == HPA__T_INT32 || t->kind == HPA__T_INTSTR) &&
	    (value < INT32_MIN || value > INT32_MAX)) {
		hpa__error(err, HPA_ERANGE, "%lld is out of range for int32", (long long)value);
		return path_error(err, HPA_ERANGE, path, NULL);
	}
	return put(obj, path, hpa__v_int(obj->arena, value), err);
}

int hpa_object_set_int32(hpa_object *obj, const char *path, int32_t value, hpa_error *err)
{
	return set_int(obj, path, value, err);
}

int hpa_object_set_int64(hpa_object *obj, const char *path, int64_t value, hpa_error *err)
{
	return set_int(obj, path, value, err);
}

int hpa_object_set_bool(hpa_object *obj, const char *path, bool value, hpa_error *err)
{
	const hpa__stype *t;
	int rc;
	if ((rc = check_access(obj, path, ACC_BOOL, true, &t, err)) < 0)
		return rc;
	return put(obj, path, hpa__v_bool(obj->arena, value), err);
}

int hpa_object_set_empty(hpa_object *obj, const char *path, bool list, hpa_error *err)
{
	const hpa__stype *t;
	int rc;
	if ((rc = check_access(obj, path, list ? ACC_LIST : ACC_MAP, true, &t, err)) < 0 ||
	    (rc = identity_guard(obj, path, err)) < 0)
		return rc;
	return put(obj, path, list ? hpa__v_seq(obj->arena) : hpa__v_map(obj->arena), err);
}

int hpa_object_clear(hpa_object *obj, const char *path, hpa_error *err)
{
	const hpa__stype *t;
	int rc;
	if (!obj || !path)
		return hpa__error(err, HPA_EINVAL, "object or path is NULL");
	/* unknown fields may be cleared: only the syntax is checked */
	if ((rc = hpa__schema_resolve(NULL, path, &t, err)) < 0 ||
	    (rc = identity_guard(obj, path, err)) < 0)
		return rc;
	if (!hpa__path_clear(obj->root, path)) {
		hpa__error(err, HPA_ENOTFOUND, "field is not set");
		return path_error(err, HPA_ENOTFOUND, path, NULL);
	}
	return 0;
}
