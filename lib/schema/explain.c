/* lib/schema/explain.c -- read-only schema introspection for `explain`
 * (public part of include/hpa/object.h). */
#include "schema/schema.h"
#include "schema/path_int.h"
#include <hpa/object.h>

/* look through lists and maps to the element type */
static const hpa__stype *element(const hpa__stype *t)
{
	while (t && (t->kind == HPA__T_LIST || t->kind == HPA__T_MAP))
		t = t->elem;
	return t;
}

static const hpa__skind *kind_nocase(const char *kind)
{
	size_t i, j;
	for (i = 0; i < hpa__schema_k8s.n_kinds; i++) {
		const char *k = hpa__schema_k8s.kinds[i].kind;
		for (j = 0; k[j] && kind[j]; j++) {
			char a = k[j], b = kind[j];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a + 32);
			if (b >= 'A' && b <= 'Z')
				b = (char)(b + 32);
			if (a != b)
				break;
		}
		if (!k[j] && !kind[j])
			return &hpa__schema_k8s.kinds[i];
	}
	return NULL;
}

size_t hpa_schema_kind_count(void)
{
	return hpa__schema_k8s.n_kinds;
}

int hpa_schema_kind_at(size_t index, const char **api_version_out, const char **kind_out, hpa_kind *typed_out)
{
	const hpa__skind *k;
	if (index >= hpa__schema_k8s.n_kinds)
		return HPA_ENOTFOUND;
	k = &hpa__schema_k8s.kinds[index];
	if (api_version_out)
		*api_version_out = k->api_version;
	if (kind_out)
		*kind_out = k->kind;
	if (typed_out)
		*typed_out = (hpa_kind)k->hpa_kind;
	return HPA_OK;
}

int hpa_schema_lookup(const hpa_schema_field **out, const char *api_version, const char *kind,
	const char *path, hpa_error *err)
{
	const hpa__skind *k;
	const hpa__sfield *f;
	hpa__path_iter it;
	hpa__path_step st;
	int r;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!kind)
		return hpa__error(err, HPA_EINVAL, "kind is required");
	k = api_version ? hpa__schema_kind(api_version, strlen(api_version), kind, strlen(kind)) :
		kind_nocase(kind);
	if (!k)
		return hpa__error(err, HPA_EUNSUPPORTED, "no schema for %.60s%s%.60s",
			api_version ? api_version : "", api_version ? " " : "", kind);
	f = k->field;
	hpa__path_iter_init(&it, path);
	while ((r = hpa__path_next(&it, &st)) != 0) {
		const hpa__stype *t = f->type;
		const hpa__sfield *sub;
		if (r < 0) {
			hpa__error(err, HPA_EINVAL, "malformed path");
			hpa__error_set_path(err, path);
			return HPA_EINVAL;
		}
		if (st.is_index) {
			if (t->kind != HPA__T_LIST) {
				hpa__error(err, HPA_EINVAL, "%s is not a list", f->name);
				hpa__error_set_path(err, path);
				return HPA_EINVAL;
			}
			continue;
		}
		t = element(t);
		sub = t && t->kind == HPA__T_OBJECT ? hpa__schema_field(t->obj, st.key, st.klen) : NULL;
		if (!sub) {
			hpa__error(err, HPA_EUNKNOWNFIELD, "field \"%.*s\" does not exist in %s",
				(int)(st.klen > 64 ? 64 : st.klen), st.key, t ? t->display : "?");
			hpa__error_set_path(err, path);
			return HPA_EUNKNOWNFIELD;
		}
		f = sub;
	}
	*out = f;
	return HPA_OK;
}

const char *hpa_schema_field_name(const hpa_schema_field *f) { return f ? f->name : ""; }
const char *hpa_schema_field_type(const hpa_schema_field *f) { return f ? f->type->display : ""; }
const char *hpa_schema_field_schema_type(const hpa_schema_field *f) { return f ? f->type->spelling : ""; }
const char *hpa_schema_field_description(const hpa_schema_field *f) { return f && f->doc ? f->doc : ""; }
bool hpa_schema_field_required(const hpa_schema_field *f) { return f && f->required; }

const char *hpa_schema_field_definition(const hpa_schema_field *f)
{
	const hpa__stype *t = f ? element(f->type) : NULL;
	return t && t->kind == HPA__T_OBJECT ? t->obj->name : "";
}

static const hpa__stype *enum_type(const hpa_schema_field *f)
{
	const hpa__stype *t = f ? element(f->type) : NULL;
	return t && t->kind == HPA__T_ENUM ? t : NULL;
}

size_t hpa_schema_field_enum_count(const hpa_schema_field *f)
{
	const hpa__stype *t = enum_type(f);
	return t ? t->n_enums : 0;
}

const char *hpa_schema_field_enum_at(const hpa_schema_field *f, size_t i)
{
	const hpa__stype *t = enum_type(f);
	return t && i < t->n_enums ? t->enums[i] : NULL;
}

size_t hpa_schema_field_count(const hpa_schema_field *f)
{
	const hpa__stype *t = f ? element(f->type) : NULL;
	return t && t->kind == HPA__T_OBJECT ? t->obj->n_fields : 0;
}

const hpa_schema_field *hpa_schema_field_at(const hpa_schema_field *f, size_t i)
{
	const hpa__stype *t = f ? element(f->type) : NULL;
	if (!t || t->kind != HPA__T_OBJECT || i >= t->obj->n_fields)
		return NULL;
	return &t->obj->fields[i];
}
