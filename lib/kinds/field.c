/* lib/kinds/field.c -- generic field operations for the typed accessors
 * (see kinds_int.h). Nothing here knows a Kubernetes field: the table does. */
#include "kinds/kinds_int.h"
#include "schema/path.h"
#include "schema/schema.h"
#include <stdio.h>

/* ---- errors ------------------------------------------------------------------ */

static int fail(hpa_error *err, int code, const char *path, const hpa__value *at,
	const char *fmt, const char *arg)
{
	hpa__error(err, code, fmt, arg);
	hpa__error_set_path(err, path ? path : "");
	if (at)
		hpa__error_set_pos(err, hpa__v_line(at), hpa__v_column(at), hpa__v_offset(at));
	return code;
}

static int wrong(hpa_error *err, const char *path, const hpa__value *v, const char *expected)
{
	char d[96], msg[160];
	hpa__schema_describe(d, sizeof(d), v);
	snprintf(msg, sizeof(msg), "expected %s, got %s", expected, d);
	return fail(err, HPA_ETYPE, path, v, "%s", msg);
}

static int no_node(hpa_error *err, const char *path)
{
	return fail(err, HPA_EINVAL, path, NULL, "%s", "handle is NULL");
}

static int oom(hpa_error *err, const char *path)
{
	return fail(err, HPA_ENOMEM, path, NULL, "%s", "out of memory");
}

static hpa__arena *arena_of(const hpa__value *node)
{
	return hpa__v_arena(node);
}

/* ---- presence ---------------------------------------------------------------- */

hpa__value *hpa__kf_get(const hpa__value *node, const char *path)
{
	hpa__value *v;
	if (!node)
		return NULL;
	v = hpa__path_get(node, path);
	return v && v->kind != HPA__V_NULL ? v : NULL;
}

bool hpa__kf_has(const hpa__value *node, const char *path)
{
	return hpa__kf_get(node, path) != NULL;
}

void hpa__kf_clear(hpa__value *node, const char *path)
{
	if (node)
		(void)hpa__path_clear(node, path);
}

static int absent(hpa_error *err, const char *path)
{
	return fail(err, HPA_ENOTFOUND, path, NULL, "%s", "field is not set");
}

/* ---- scalars ------------------------------------------------------------------ */

const char *hpa__kf_str(const hpa__value *node, const char *path)
{
	const hpa__value *v = hpa__kf_get(node, path);
	return v && v->kind == HPA__V_STR ? hpa__v_text(v) : NULL;
}

static bool is_scalar(const hpa__value *v)
{
	return v && v->kind != HPA__V_MAP && v->kind != HPA__V_SEQ && v->kind != HPA__V_NULL;
}

const char *hpa__kf_text(const hpa__value *node, const char *path)
{
	const hpa__value *v = hpa__kf_get(node, path);
	return is_scalar(v) ? hpa__v_text(v) : NULL;
}

int hpa__kf_int(const hpa__value *node, const char *path, int64_t min, int64_t max,
	int64_t *out, hpa_error *err)
{
	const hpa__value *v;
	int rc;
	if (!out)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "out is NULL");
	v = hpa__kf_get(node, path);
	if (!v)
		return absent(err, path);
	if (v->kind != HPA__V_INT)
		return wrong(err, path, v, min == INT32_MIN ? "int32" : "int64");
	rc = hpa__v_int_range(v, min, max, out);
	if (rc == HPA_ERANGE)
		return fail(err, HPA_ERANGE, path, v, "value is out of range for %s",
			min == INT32_MIN ? "int32" : "int64");
	if (rc < 0)
		return wrong(err, path, v, min == INT32_MIN ? "int32" : "int64");
	return 0;
}

int hpa__kf_i32(const hpa__value *node, const char *path, int32_t *out, hpa_error *err)
{
	int64_t x;
	int rc;
	if (!out)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "out is NULL");
	rc = hpa__kf_int(node, path, INT32_MIN, INT32_MAX, &x, err);
	if (rc == 0)
		*out = (int32_t)x;
	return rc;
}

int hpa__kf_i64(const hpa__value *node, const char *path, int64_t *out, hpa_error *err)
{
	return hpa__kf_int(node, path, INT64_MIN, INT64_MAX, out, err);
}

int hpa__kf_bool(const hpa__value *node, const char *path, bool *out, hpa_error *err)
{
	const hpa__value *v;
	if (!out)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "out is NULL");
	v = hpa__kf_get(node, path);
	if (!v)
		return absent(err, path);
	if (v->kind != HPA__V_BOOL)
		return wrong(err, path, v, "boolean");
	*out = hpa__v_bool_value(v);
	return 0;
}

hpa_value_type hpa__kf_type(const hpa__value *node, const char *path)
{
	const hpa__value *v = hpa__kf_get(node, path);
	return v ? (hpa_value_type)v->kind : (hpa_value_type)0;
}

static int put(hpa__value *node, const char *path, hpa__value *v, hpa_error *err)
{
	if (!v)
		return oom(err, path);
	return hpa__path_set(node, path, v, err);
}

int hpa__kf_set_str(hpa__value *node, const char *path, const char *s, hpa_error *err)
{
	if (!node)
		return no_node(err, path);
	if (!s)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "value is NULL");
	if (!hpa__utf8_valid(s, strlen(s)))
		return fail(err, HPA_EINVAL, path, NULL, "%s", "value is not valid UTF-8");
	return put(node, path, hpa__v_str(arena_of(node), s), err);
}

int hpa__kf_set_time(hpa__value *node, const char *path, const char *s, hpa_error *err)
{
	if (s && !hpa__schema_is_rfc3339(s, strlen(s)))
		return fail(err, HPA_ETYPE, path, NULL, "expected an RFC 3339 time, got \"%.40s\"", s);
	return hpa__kf_set_str(node, path, s, err);
}

int hpa__kf_set_qty(hpa__value *node, const char *path, const char *s, hpa_error *err)
{
	if (s && !hpa__kf_quantity_ok(s))
		return fail(err, HPA_ETYPE, path, NULL, "expected a quantity, got \"%.40s\"", s);
	return hpa__kf_set_str(node, path, s, err);
}

int hpa__kf_set_int(hpa__value *node, const char *path, int64_t x, hpa_error *err)
{
	if (!node)
		return no_node(err, path);
	return put(node, path, hpa__v_int(arena_of(node), x), err);
}

int hpa__kf_set_bool(hpa__value *node, const char *path, bool b, hpa_error *err)
{
	if (!node)
		return no_node(err, path);
	return put(node, path, hpa__v_bool(arena_of(node), b), err);
}

/* ---- quantities ------------------------------------------------------------------ */

int hpa__kf_milli(const hpa__value *node, const char *path, int64_t *out, hpa_error *err)
{
	const hpa__value *v;
	if (!out)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "out is NULL");
	v = hpa__kf_get(node, path);
	if (!v)
		return absent(err, path);
	return hpa__kf_qty_milli(v, path, out, err);
}

/* ---- enums ------------------------------------------------------------------------- */

int hpa__kf_enum_lookup(const char *const *names, size_t n, const char *s)
{
	size_t i;
	if (!s)
		return 0;
	for (i = 2; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return 1;
}

int hpa__kf_enum(const hpa__value *node, const char *path, const char *const *names, size_t n)
{
	const hpa__value *v = hpa__kf_get(node, path);
	size_t i;
	if (!v)
		return 0;
	if (v->kind != HPA__V_STR)
		return 1;
	for (i = 2; i < n; i++)
		if (hpa__v_text_eq(v, names[i]))
			return (int)i;
	return 1;
}

int hpa__kf_set_enum(hpa__value *node, const char *path, const char *const *names, size_t n,
	int value, hpa_error *err)
{
	if (value < 2 || (size_t)value >= n) {
		char num[24];
		snprintf(num, sizeof(num), "%d", value);
		return fail(err, HPA_EINVAL, path, NULL, "%s is not a value of this enum", num);
	}
	return hpa__kf_set_str(node, path, names[value], err);
}

/* ---- int-or-string ------------------------------------------------------------------ */

int hpa__kf_ios_int(const hpa__value *node, const char *path, int32_t *out, hpa_error *err)
{
	return hpa__kf_i32(node, path, out, err);
}

int hpa__kf_set_ios_str(hpa__value *node, const char *path, const char *s, hpa_error *err)
{
	return hpa__kf_set_str(node, path, s, err);
}

/* ---- sub-objects ---------------------------------------------------------------------- */

hpa__value *hpa__kf_obj(const hpa__value *node, const char *path)
{
	hpa__value *v = hpa__kf_get(node, path);
	return v && v->kind == HPA__V_MAP ? v : NULL;
}

/* The container at path when it has the wanted kind; a new one (attached)
 * when absent or null. */
static int ensure(hpa__value *node, const char *path, int kind, hpa__value **out, hpa_error *err)
{
	hpa__value *v;
	int rc;
	if (!node)
		return no_node(err, path);
	v = hpa__kf_get(node, path);
	if (v) {
		if (v->kind != kind)
			return wrong(err, path, v, kind == HPA__V_MAP ? "map" : "list");
		*out = v;
		return 0;
	}
	v = kind == HPA__V_MAP ? hpa__v_map(arena_of(node)) : hpa__v_seq(arena_of(node));
	if (!v)
		return oom(err, path);
	rc = hpa__path_set(node, path, v, err);
	if (rc < 0)
		return rc;
	/* the node in the tree (path_set copied v there; both share the block) */
	*out = hpa__kf_get(node, path);
	return *out ? 0 : oom(err, path);
}

int hpa__kf_obj_mut(hpa__value *node, const char *path, hpa__value **out, hpa_error *err)
{
	hpa__value *v = NULL;
	int rc;
	if (!out)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "out is NULL");
	*out = NULL;
	rc = ensure(node, path, HPA__V_MAP, &v, err);
	if (rc == 0)
		*out = v;
	return rc;
}

/* ---- lists ---------------------------------------------------------------------------- */

size_t hpa__kf_count(const hpa__value *node, const char *path, int kind)
{
	const hpa__value *v = hpa__kf_get(node, path);
	/* (only the entries the _at accessors can reach: a generic object may
	 * hold a map where the schema has a list, or the other way round) */
	return v && v->kind == kind ? hpa__v_count(v) : 0;
}

static hpa__value *item(const hpa__value *node, const char *path, size_t index)
{
	const hpa__value *v = hpa__kf_get(node, path);
	if (!v || v->kind != HPA__V_SEQ || index >= hpa__v_count(v))
		return NULL;
	return hpa__seq_at(v, index);
}

hpa__value *hpa__kf_item(const hpa__value *node, const char *path, size_t index)
{
	hpa__value *v = item(node, path, index);
	return v && v->kind == HPA__V_MAP ? v : NULL;
}

const char *hpa__kf_str_item(const hpa__value *node, const char *path, size_t index)
{
	const hpa__value *v = item(node, path, index);
	return v && v->kind == HPA__V_STR ? hpa__v_text(v) : NULL;
}

/* Append item (already allocated in node's arena) to the list at path; a new
 * list is built around it before it is attached, so a failure leaves the
 * tree as it was. */
static int append(hpa__value *node, const char *path, hpa__value *it, hpa_error *err)
{
	hpa__value *seq;
	if (!it)
		return oom(err, path);
	seq = hpa__kf_get(node, path);
	if (seq) {
		if (seq->kind != HPA__V_SEQ)
			return wrong(err, path, seq, "list");
		return hpa__seq_append(seq, it) < 0 ? oom(err, path) : 0;
	}
	seq = hpa__v_seq(arena_of(node));
	if (!seq || hpa__seq_append(seq, it) < 0)
		return oom(err, path);
	return hpa__path_set(node, path, seq, err);
}

int hpa__kf_append_obj(hpa__value *node, const char *path, hpa__value **out, hpa_error *err)
{
	hpa__value *m;
	int rc;
	if (out)
		*out = NULL;
	if (!node)
		return no_node(err, path);
	m = hpa__v_map(arena_of(node));
	rc = append(node, path, m, err);
	if (rc == 0 && out) {
		/* the item in the tree (m was copied there; both share the block) */
		hpa__value *seq = hpa__kf_get(node, path);
		*out = seq && seq->kind == HPA__V_SEQ && hpa__v_count(seq) ?
			hpa__seq_at(seq, hpa__v_count(seq) - 1) : m;
	}
	return rc;
}

int hpa__kf_append_str(hpa__value *node, const char *path, const char *s, hpa_error *err)
{
	if (!node)
		return no_node(err, path);
	if (!s)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "value is NULL");
	if (!hpa__utf8_valid(s, strlen(s)))
		return fail(err, HPA_EINVAL, path, NULL, "%s", "value is not valid UTF-8");
	return append(node, path, hpa__v_str(arena_of(node), s), err);
}

int hpa__kf_remove_at(hpa__value *node, const char *path, size_t index, hpa_error *err)
{
	hpa__value *seq;
	if (!node)
		return no_node(err, path);
	seq = hpa__kf_get(node, path);
	if (!seq || seq->kind != HPA__V_SEQ || !hpa__seq_remove_at(seq, index))
		return fail(err, HPA_ENOTFOUND, path, seq, "%s", "no such list item");
	return 0;
}

/* ---- maps ------------------------------------------------------------------------------- */

static const char *scalar_text(const hpa__value *v, bool any_scalar)
{
	if (!v)
		return NULL;
	if (any_scalar ? is_scalar(v) : v->kind == HPA__V_STR)
		return hpa__v_text(v);
	return NULL;
}

const char *hpa__kf_map_get(const hpa__value *node, const char *path, const char *key, bool any_scalar)
{
	const hpa__value *m = hpa__kf_obj(node, path);
	if (!m || !key)
		return NULL;
	return scalar_text(hpa__map_get(m, key), any_scalar);
}

const char *hpa__kf_map_key_at(const hpa__value *node, const char *path, size_t index)
{
	const hpa__value *m = hpa__kf_obj(node, path);
	if (!m || index >= hpa__v_count(m))
		return NULL;
	return hpa__v_text(hpa__map_key(m, index));
}

const char *hpa__kf_map_value_at(const hpa__value *node, const char *path, size_t index, bool any_scalar)
{
	const hpa__value *m = hpa__kf_obj(node, path);
	if (!m || index >= hpa__v_count(m))
		return NULL;
	return scalar_text(hpa__map_val(m, index), any_scalar);
}

int hpa__kf_map_set(hpa__value *node, const char *path, const char *key, const char *value,
	bool qty, hpa_error *err)
{
	hpa__value *m, *v;
	hpa__arena *a;
	if (!node)
		return no_node(err, path);
	if (!key || !value)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "key or value is NULL");
	if (!hpa__utf8_valid(key, strlen(key)) || !hpa__utf8_valid(value, strlen(value)))
		return fail(err, HPA_EINVAL, path, NULL, "%s", "key or value is not valid UTF-8");
	if (qty && !hpa__kf_quantity_ok(value))
		return fail(err, HPA_ETYPE, path, NULL, "expected a quantity, got \"%.40s\"", value);
	a = arena_of(node);
	m = hpa__kf_get(node, path);
	if (m && m->kind != HPA__V_MAP)
		return wrong(err, path, m, "map");
	v = hpa__v_str(a, value);
	if (!v)
		return oom(err, path);
	if (m)
		return hpa__map_set(m, key, v) < 0 ? oom(err, path) : 0;
	/* build the new map completely before attaching it */
	m = hpa__v_map(a);
	if (!m || hpa__map_set(m, key, v) < 0)
		return oom(err, path);
	return hpa__path_set(node, path, m, err);
}

int hpa__kf_map_remove(hpa__value *node, const char *path, const char *key, hpa_error *err)
{
	hpa__value *m;
	if (!node)
		return no_node(err, path);
	if (!key)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "key is NULL");
	m = hpa__kf_obj(node, path);
	if (!m || !hpa__map_remove(m, key))
		return fail(err, HPA_ENOTFOUND, path, NULL, "no key \"%.60s\"", key);
	return 0;
}

int hpa__kf_map_milli(const hpa__value *node, const char *path, const char *key, int64_t *out,
	hpa_error *err)
{
	const hpa__value *m, *v;
	if (!out)
		return fail(err, HPA_EINVAL, path, NULL, "%s", "out is NULL");
	m = hpa__kf_obj(node, path);
	v = m && key ? hpa__map_get(m, key) : NULL;
	if (!v || v->kind == HPA__V_NULL)
		return fail(err, HPA_ENOTFOUND, path, NULL, "no key \"%.60s\"", key ? key : "(null)");
	return hpa__kf_qty_milli(v, path, out, err);
}
