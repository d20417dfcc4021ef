/* lib/schema/check.c -- the schema-driven checker the codecs call on every
 * document (check.h).
 *
 * The walk follows the schema, not the tree: only fields the schema knows
 * are descended into, so free-form parts (FieldsV1, unknown fields kept in
 * lax mode) cost nothing. Field lookups are binary searches in the sorted
 * generated tables. The walk allocates nothing: the path of a failure is
 * rebuilt from a chain of stack frames into a fixed buffer. */
#include "schema/check.h"
#include "schema/schema.h"
#include "schema/path.h"
#include "object/object_int.h"
#include <hpa/object.h>
#include <stdio.h>

typedef struct frame {
	const struct frame *up;
	const hpa__value *key;   /* map key, or NULL for a list index (or a name) */
	const char *name;        /* a missing field's name (key NULL) */
	size_t namelen;
	size_t index;
} frame;

typedef struct {
	unsigned int flags;
	bool required;           /* report missing required fields */
	hpa_error *err;
	hpa__check_cache *cache; /* a reader's lookup cache, or NULL */
} walker;

/* ---- error reporting ----------------------------------------------------------- */

static size_t put(char *buf, size_t o, size_t size, const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n && o + 1 < size; i++)
		buf[o++] = s[i];
	buf[o < size ? o : size - 1] = '\0';
	return o;
}

static bool plain(const char *k, size_t n)
{
	size_t i;
	if (!n)
		return false;
	for (i = 0; i < n; i++)
		if (k[i] == '.' || k[i] == '[' || k[i] == ']' || k[i] == '"' || k[i] == '\'')
			return false;
	return true;
}

/* kubectl form of the path to the frame f (same rules as hpa__path_push_*) */
static void frame_path(const frame *f, char *buf, size_t size)
{
	const frame *chain[128];
	size_t n = 0, o = 0;
	buf[0] = '\0';
	for (; f && f->up; f = f->up) {
		if (n == HPA__ARRAY_SIZE(chain))
			break; /* deeper than any schema type: the path is cut */
		chain[n++] = f;
	}
	while (n--) {
		const frame *s = chain[n];
		if (s->key || s->name) {
			const char *k = s->key ? hpa__v_text(s->key) : s->name;
			size_t kl = s->key ? hpa__v_textlen(s->key) : s->namelen, i;
			if (plain(k, kl)) {
				if (o)
					o = put(buf, o, size, ".", 1);
				o = put(buf, o, size, k, kl);
			} else {
				o = put(buf, o, size, "[\"", 2);
				for (i = 0; i < kl; i++) {
					if (k[i] == '"' || k[i] == '\\')
						o = put(buf, o, size, "\\", 1);
					o = put(buf, o, size, &k[i], 1);
				}
				o = put(buf, o, size, "\"]", 2);
			}
		} else {
			char ix[32];
			int m = snprintf(ix, sizeof(ix), "[%zu]", s->index);
			o = put(buf, o, size, ix, (size_t)m);
		}
	}
}

static int fail(walker *w, int code, const frame *f, const hpa__value *at, const char *fmt, ...)
	HPA__PRINTF(5, 6);

static int fail(walker *w, int code, const frame *f, const hpa__value *at, const char *fmt, ...)
{
	va_list ap;
	char path[HPA_ERROR_PATH_MAX];
	va_start(ap, fmt);
	hpa__verror(w->err, code, fmt, ap);
	va_end(ap);
	frame_path(f, path, sizeof(path));
	hpa__error_set_path(w->err, path);
	if (at)
		hpa__error_set_pos(w->err, hpa__v_line(at), hpa__v_column(at), hpa__v_offset(at));
	return code;
}

static const char *expected_name(const hpa__stype *t)
{
	switch (t->kind) {
	case HPA__T_OBJECT: return "object";
	case HPA__T_MAP: return "map";
	case HPA__T_LIST: return "list";
	case HPA__T_TIME: return "RFC 3339 time";
	default: return hpa__schema_type_name(t);
	}
}

/* true/false are the YAML 1.2 booleans; the other spellings are YAML 1.1 only */
static bool yaml11_only_bool(const hpa__value *v)
{
	const char *s = hpa__v_text(v);
	size_t n = hpa__v_textlen(v);
	char low[6];
	size_t i;
	if (n > 5)
		return true;
	for (i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[n] = '\0';
	return strcmp(low, "true") != 0 && strcmp(low, "false") != 0;
}

static int type_error(walker *w, const hpa__stype *t, const frame *f, const hpa__value *v)
{
	char d[96];
	hpa__schema_describe(d, sizeof(d), v);
	if (v->kind == HPA__V_BOOL && (t->kind == HPA__T_STRING || t->kind == HPA__T_ENUM ||
	    t->kind == HPA__T_INTSTR || t->kind == HPA__T_QUANTITY || t->kind == HPA__T_DURATION ||
	    t->kind == HPA__T_TIME))
		return fail(w, HPA_ETYPE, f, v, "expected %s, got %s (%s)", expected_name(t), d,
			yaml11_only_bool(v) ?
			"YAML 1.1 reads unquoted yes/no/on/off as booleans; quote it" :
			"quote it to make it a string");
	return fail(w, HPA_ETYPE, f, v, "expected %s, got %s", expected_name(t), d);
}

/* ---- the walk ------------------------------------------------------------------- */

static int check_value(walker *w, const hpa__stype *t, const hpa__value *v, const frame *f);

static int check_int(walker *w, const hpa__stype *t, const hpa__value *v, const frame *f,
	int64_t min, int64_t max)
{
	char d[96];
	int rc;
	if (v->kind == HPA__V_FLOAT) {
		hpa__schema_describe(d, sizeof(d), v);
		return fail(w, HPA_ERANGE, f, v, "expected %s, got %s (not an integer)", expected_name(t), d);
	}
	if (v->kind != HPA__V_INT)
		return type_error(w, t, f, v);
	rc = hpa__v_int_range(v, min, max, NULL);
	if (rc == HPA_ERANGE) {
		hpa__schema_describe(d, sizeof(d), v);
		return fail(w, HPA_ERANGE, f, v, "%s is out of range for %s", d,
			t->kind == HPA__T_INT64 ? "int64" : "int32");
	}
	if (rc < 0)
		return type_error(w, t, f, v);
	return 0;
}

/* the field of key k in o, through the reader's cache when there is one */
static const hpa__sfield *field_of(walker *w, const hpa__sobject *o, const hpa__value *k)
{
	const void *t = hpa__v_ref_(k);
	hpa__check_slot *s;
	const hpa__sfield *fd;
	if (!w->cache)
		return hpa__schema_field(o, hpa__v_text(k), hpa__v_textlen(k));
	s = &w->cache->slot[((((uint64_t)(uintptr_t)t >> 2) ^ ((uint64_t)(uintptr_t)o >> 3) * UINT64_C(0x100000001B3)) *
		UINT64_C(0x9E3779B97F4A7C15)) >> 40 & (HPA__CHECK_CACHE_SLOTS - 1)];
	if (s->text == t && s->obj == (const void *)o)
		return s->field;
	fd = hpa__schema_field(o, hpa__v_text(k), hpa__v_textlen(k));
	s->text = t;
	s->obj = o;
	s->field = fd;
	return fd;
}

static int check_object(walker *w, const hpa__sobject *o, const hpa__value *v, const frame *f)
{
	size_t i, n = hpa__v_count(v);
	const hpa__pair *pairs = n ? hpa__map_pair(v, 0) : NULL;   /* the block does not change here */
	for (i = 0; i < n; i++) {
		const hpa__pair *p = &pairs[i];
		const hpa__sfield *fd = field_of(w, o, hpa__pair_key(p));
		frame sub;
		int rc;
		sub.up = f;
		sub.key = hpa__pair_key(p);
		sub.name = NULL;
		sub.index = 0;
		if (!fd) {
			if (w->flags & HPA__CHECK_STRICT)
				return fail(w, HPA_EUNKNOWNFIELD, &sub, hpa__pair_key(p), "unknown field \"%.*s\"",
					(int)(hpa__v_textlen(hpa__pair_key(p)) > 64 ? 64 : hpa__v_textlen(hpa__pair_key(p))), hpa__v_text(hpa__pair_key(p)));
			continue;
		}
		rc = check_value(w, fd->type, hpa__pair_val(p), &sub);
		if (rc < 0)
			return rc;
	}
	if (w->required) {
		for (i = 0; i < o->n_fields; i++) {
			const hpa__sfield *fd = &o->fields[i];
			const hpa__value *x;
			if (!fd->required)
				continue;
			x = hpa__map_getn(v, fd->name, fd->len);
			if (!x || x->kind == HPA__V_NULL) {
				frame sub;
				sub.up = f;
				sub.key = NULL;
				sub.name = fd->name;
				sub.namelen = fd->len;
				sub.index = 0;
				return fail(w, HPA_EMISSING, &sub, x ? x : v, "missing required field \"%s\"", fd->name);
			}
		}
	}
	return 0;
}

static int check_value(walker *w, const hpa__stype *t, const hpa__value *v, const frame *f)
{
	size_t i;
	int rc;
	if (v->kind == HPA__V_NULL)
		return 0; /* null is "unset", as for the API server */
	switch (t->kind) {
	case HPA__T_ANY:
		return 0;
	case HPA__T_STRING:
	case HPA__T_ENUM:        /* unknown enum values are kept verbatim */
	case HPA__T_DURATION:
		return v->kind == HPA__V_STR ? 0 : type_error(w, t, f, v);
	case HPA__T_TIME:
		if (v->kind != HPA__V_STR || !hpa__schema_is_rfc3339(hpa__v_text(v), hpa__v_textlen(v)))
			return type_error(w, t, f, v);
		return 0;
	case HPA__T_INT32:
		return check_int(w, t, v, f, INT32_MIN, INT32_MAX);
	case HPA__T_INT64:
		return check_int(w, t, v, f, INT64_MIN, INT64_MAX);
	case HPA__T_BOOL:
		return v->kind == HPA__V_BOOL ? 0 : type_error(w, t, f, v);
	case HPA__T_INTSTR:
		if (v->kind == HPA__V_STR)
			return 0;
		return check_int(w, t, v, f, INT32_MIN, INT32_MAX);
	case HPA__T_QUANTITY:
		if (v->kind != HPA__V_STR && v->kind != HPA__V_INT && v->kind != HPA__V_FLOAT)
			return type_error(w, t, f, v);
		if (hpa__schema_quantity_ok(hpa__v_text(v), hpa__v_textlen(v)))
			return 0;
		{
			char d[96], why[128];
			if (!hpa__schema_quantity_problem(hpa__v_text(v), hpa__v_textlen(v), why, sizeof(why)))
				return 0;
			hpa__schema_describe(d, sizeof(d), v);
			return fail(w, HPA_ETYPE, f, v, "expected quantity, got %s (%s)", d, why);
		}
	case HPA__T_OBJECT:
		if (v->kind != HPA__V_MAP)
			return type_error(w, t, f, v);
		return check_object(w, t->obj, v, f);
	case HPA__T_MAP:
		if (v->kind != HPA__V_MAP)
			return type_error(w, t, f, v);
		for (i = 0; i < hpa__v_count(v); i++) {
			frame sub = { f, hpa__map_key(v, i), NULL, 0, 0 };
			rc = check_value(w, t->elem, hpa__map_val(v, i), &sub);
			if (rc < 0)
				return rc;
		}
		return 0;
	case HPA__T_LIST:
		if (v->kind != HPA__V_SEQ)
			return type_error(w, t, f, v);
		for (i = 0; i < hpa__v_count(v); i++) {
			frame sub = { f, NULL, NULL, 0, i };
			rc = check_value(w, t->elem, hpa__seq_at(v, i), &sub);
			if (rc < 0)
				return rc;
		}
		return 0;
	default:
		return 0;
	}
}

static int walk(const hpa__stype *t, const hpa__value *v, unsigned int flags, bool required,
	hpa__check_cache *cache, hpa_error *err)
{
	walker w;
	frame top = { NULL, NULL, NULL, 0, 0 };
	w.flags = flags;
	w.required = required;
	w.err = err;
	w.cache = cache;
	if (!t || !v)
		return 0;
	return check_value(&w, t, v, &top);
}

int hpa__schema_check_value(const hpa__stype *t, const hpa__value *v, unsigned int flags, hpa_error *err)
{
	return walk(t, v, flags, false, NULL, err);
}

int hpa__schema_check_required(const hpa_object *obj, hpa_error *err)
{
	const hpa__stype *root;
	if (!obj || !obj->root)
		return hpa__error(err, HPA_EINVAL, "object is NULL");
	if (obj->kind == 0) {
		/* not bound yet (never checked): bind a copy */
		hpa_object tmp = *obj;
		hpa__object_bind(&tmp);
		root = hpa__schema_root(tmp.kind);
	} else {
		root = hpa__schema_root(obj->kind);
	}
	if (!root)
		return 0;
	return walk(root, obj->root, 0, true, NULL, err);
}

int hpa__schema_check(hpa_object *obj, unsigned int flags, hpa_error *err)
{
	return hpa__schema_check_cached(obj, flags, NULL, err);
}

int hpa__schema_check_cached(hpa_object *obj, unsigned int flags, hpa__check_cache *cache, hpa_error *err)
{
	const hpa__stype *root;
	if (!obj || !obj->root)
		return hpa__error(err, HPA_EINVAL, "object is NULL");
	if (obj->root->kind != HPA__V_MAP) {
		obj->kind = HPA_KIND_OTHER;
		return 0;
	}
	hpa__object_bind(obj);
	root = hpa__schema_root(obj->kind);
	if (!root)
		return 0; /* generic object: kept as is, unchecked */
	return walk(root, obj->root, flags, false, cache, err);
}
