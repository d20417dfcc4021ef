/* lib/schema/schema.c -- lookups over the generated schema tables. */
#include "schema/schema.h"
#include "schema/path_int.h"
#include <hpa/object.h>
#include "quantity/quantity_int.h"
#include <stdio.h>
#include <string.h>

const hpa__sfield *hpa__schema_field(const hpa__sobject *o, const char *name, size_t len)
{
	size_t lo = 0, hi;
	if (!o)
		return NULL;
	hi = o->n_fields;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const hpa__sfield *f = &o->fields[mid];
		size_t n = f->len < len ? f->len : len, k = 0;
		int c = 0;
		/* names are short and mostly differ early: a byte loop, no call */
		while (k < n && f->name[k] == name[k])
			k++;
		if (k < n)
			c = (unsigned char)f->name[k] < (unsigned char)name[k] ? -1 : 1;
		if (c == 0)
			c = f->len < len ? -1 : f->len > len ? 1 : 0;
		if (c == 0)
			return f;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const hpa__sobject *hpa__schema_object(const char *name)
{
	size_t lo = 0, hi = hpa__schema_k8s.n_objects;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(hpa__schema_k8s.objects[mid].name, name);
		if (c == 0)
			return &hpa__schema_k8s.objects[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool eqn(const char *z, const char *s, size_t n)
{
	return strncmp(z, s, n) == 0 && z[n] == '\0';
}

const hpa__skind *hpa__schema_kind(const char *api_version, size_t alen, const char *kind, size_t klen)
{
	size_t i;
	if (!api_version || !kind)
		return NULL;
	for (i = 0; i < hpa__schema_k8s.n_kinds; i++) {
		const hpa__skind *k = &hpa__schema_k8s.kinds[i];
		if (eqn(k->kind, kind, klen) && eqn(k->api_version, api_version, alen))
			return k;
	}
	return NULL;
}

int hpa__schema_kind_id(const char *api_version, size_t alen, const char *kind, size_t klen)
{
	const hpa__skind *k = hpa__schema_kind(api_version, alen, kind, klen);
	return k ? k->hpa_kind : HPA_KIND_OTHER;
}

const hpa__stype *hpa__schema_root(int kind_id)
{
	size_t i;
	if (kind_id <= HPA_KIND_OTHER)
		return NULL;
	for (i = 0; i < hpa__schema_k8s.n_kinds; i++)
		if (hpa__schema_k8s.kinds[i].hpa_kind == kind_id)
			return hpa__schema_k8s.kinds[i].type;
	return NULL;
}

static int resolve_err(hpa_error *err, int code, const char *path, const char *fmt, const char *a, size_t alen)
{
	hpa__error(err, code, fmt, (int)alen, a);
	hpa__error_set_path(err, path);
	return code;
}

int hpa__schema_resolve(const hpa__stype *root, const char *path, const hpa__stype **out, hpa_error *err)
{
	hpa__path_iter it;
	hpa__path_step st;
	const hpa__stype *t = root;
	int r;

	*out = NULL;
	hpa__path_iter_init(&it, path);
	if (!root) {
		/* generic object: only the syntax is checked */
		while ((r = hpa__path_next(&it, &st)) > 0)
			;
		return r < 0 ? resolve_err(err, HPA_EINVAL, path ? path : "", "malformed path%.*s", "", 0) : 0;
	}
	while ((r = hpa__path_next(&it, &st)) != 0) {
		if (r < 0)
			return resolve_err(err, HPA_EINVAL, path, "malformed path%.*s", "", 0);
		if (t->kind == HPA__T_ANY)
			continue;
		if (st.is_index) {
			if (t->kind != HPA__T_LIST)
				return resolve_err(err, HPA_ETYPE, path, "%.*s is not a list",
					hpa__schema_type_name(t), strlen(hpa__schema_type_name(t)));
			t = t->elem;
		} else if (t->kind == HPA__T_MAP) {
			t = t->elem;
		} else if (t->kind == HPA__T_OBJECT) {
			const hpa__sfield *f = hpa__schema_field(t->obj, st.key, st.klen);
			if (!f)
				return resolve_err(err, HPA_EUNKNOWNFIELD, path, "unknown field \"%.*s\"", st.key, st.klen);
			t = f->type;
		} else {
			return resolve_err(err, HPA_ETYPE, path, "%.*s has no fields",
				hpa__schema_type_name(t), strlen(hpa__schema_type_name(t)));
		}
	}
	*out = t;
	return 0;
}

const char *hpa__schema_type_name(const hpa__stype *t)
{
	if (!t)
		return "value";
	switch (t->kind) {
	case HPA__T_STRING: return "string";
	case HPA__T_INT32: return "int32";
	case HPA__T_INT64: return "int64";
	case HPA__T_BOOL: return "boolean";
	case HPA__T_ENUM: return "string";
	case HPA__T_QUANTITY: return "quantity";
	case HPA__T_INTSTR: return "int-or-string";
	case HPA__T_TIME: return "time";
	case HPA__T_DURATION: return "duration";
	case HPA__T_ANY: return "value";
	case HPA__T_OBJECT: return "object";
	case HPA__T_LIST: return "list";
	case HPA__T_MAP: return "map";
	default: return "value";
	}
}

void hpa__schema_describe(char *buf, size_t size, const hpa__value *v)
{
	size_t n, i, o;
	if (!size)
		return;
	if (!v) {
		hpa__strlcpy(buf, "nothing", size);
		return;
	}
	switch (v->kind) {
	case HPA__V_MAP:
		hpa__strlcpy(buf, "map", size);
		return;
	case HPA__V_SEQ:
		hpa__strlcpy(buf, "list", size);
		return;
	case HPA__V_NULL:
		hpa__strlcpy(buf, "null", size);
		return;
	default:
		break;
	}
	/* kind name, then the text (quoted for strings), cut to fit */
	o = (size_t)snprintf(buf, size, "%s ", hpa__vkind_name(v->kind));
	if (o >= size)
		return;
	n = hpa__v_textlen(v);
	if (n > 40) {
		n = 40;
		/* do not cut a UTF-8 sequence in half */
		while (n > 0 && ((unsigned char)hpa__v_text(v)[n] & 0xC0) == 0x80)
			n--;
	}
	if (v->kind == HPA__V_STR && o + 1 < size)
		buf[o++] = '"';
	for (i = 0; i < n && o + 1 < size; i++) {
		unsigned char c = (unsigned char)hpa__v_text(v)[i];
		buf[o++] = c < 0x20 ? '?' : (char)c;
	}
	if (n < hpa__v_textlen(v))
		for (i = 0; i < 3 && o + 1 < size; i++)
			buf[o++] = '.';
	if (v->kind == HPA__V_STR && o + 1 < size)
		buf[o++] = '"';
	buf[o] = '\0';
}

/* A metav1.Time as the API server decodes it: Go's time.Parse(time.RFC3339)
 * (hpa__time_parse_rfc3339(): 'T' or 't', no space separator, seconds up
 * to 59, at most 9 fraction digits). */
bool hpa__schema_is_rfc3339(const char *s, size_t n)
{
	char buf[64];
	int64_t ms;
	if (n >= sizeof(buf) || memchr(s, '\0', n))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return hpa__time_parse_rfc3339(buf, &ms) == HPA_OK;
}

bool hpa__schema_quantity_ok(const char *s, size_t len)
{
	return hpa__quantity_ok(s, len);
}

const char *hpa__schema_quantity_problem(const char *s, size_t len, char *buf, size_t size)
{
	hpa_error e = HPA_ERROR_INIT;
	const char *p;
	if (hpa__quantity_scan(s, len, &(hpa__qty){ 0 }, &e) == 0)
		return NULL;
	/* the quantity module writes `invalid quantity "...": <problem>` */
	p = strstr(e.message, "\": ");
	hpa__strlcpy(buf, p ? p + 3 : e.message, size);
	return buf;
}

int hpa__schema_quantity_cmp(const char *a, size_t alen, const char *b, size_t blen, int *out)
{
	hpa__qty qa, qb;
	if (hpa__quantity_scan(a, alen, &qa, NULL) || hpa__quantity_scan(b, blen, &qb, NULL))
		return HPA_ESYNTAX;
	*out = hpa__qty_cmp(&qa, &qb);
	return 0;
}

bool hpa__schema_quantity_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	int c;
	if (hpa__schema_quantity_cmp(a, alen, b, blen, &c) == 0)
		return c == 0;
	return alen == blen && memcmp(a, b, alen) == 0;
}

bool hpa__schema_resource_extended(const char *n)
{
	return strchr(n, '/') && !strstr(n, "kubernetes.io/") && strncmp(n, "requests.", 9) != 0;
}

bool hpa__schema_resource_overcommit(const char *n)
{
	return (!strchr(n, '/') || strstr(n, "kubernetes.io/")) && strncmp(n, "hugepages-", 10) != 0;
}
