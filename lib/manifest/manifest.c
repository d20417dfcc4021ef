/* lib/manifest/manifest.c -- manifests and object records. */
#include "manifest/manifest_int.h"

int hpa__manifest_create(hpa_manifest **out, hpa_error *err)
{
	hpa_manifest *m;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	m = hpa__calloc(1, sizeof(*m));
	if (!m)
		return hpa__enomem(err);
	hpa__arena_init(&m->arena, 65536);
	*out = m;
	return HPA_OK;
}

int hpa_manifest_new(hpa_manifest **out, hpa_error *err)
{
	return hpa__manifest_create(out, err);
}

void hpa_manifest_free(hpa_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->count; i++)
		if (m->objects[i]->standalone)
			hpa__arena_dispose(&m->objects[i]->own);
	hpa__free(m->objects);
	hpa__arena_dispose(&m->arena);
	hpa__free(m);
}

int hpa__manifest_add(hpa_manifest *m, hpa__value *root, size_t document, hpa_object **obj_out)
{
	hpa_object *o;
	if (hpa__grow((void **)&m->objects, &m->cap, m->count + 1, sizeof(*m->objects)) < 0)
		return HPA_ENOMEM;
	o = hpa__arena_calloc(&m->arena, sizeof(*o));
	if (!o)
		return HPA_ENOMEM;
	o->root = root;
	o->arena = &m->arena;
	o->document = document;
	o->source = m->source;
	m->objects[m->count++] = o;
	if (obj_out)
		*obj_out = o;
	return HPA_OK;
}

int hpa__object_create(hpa_object **out, hpa_error *err)
{
	hpa_object *o;
	*out = NULL;
	o = hpa__calloc(1, sizeof(*o));
	if (!o)
		return hpa__enomem(err);
	hpa__arena_init(&o->own, 4096);
	o->arena = &o->own;
	o->standalone = true;
	o->root = hpa__v_map(o->arena);
	if (!o->root) {
		hpa__arena_dispose(&o->own);
		hpa__free(o);
		return hpa__enomem(err);
	}
	*out = o;
	return HPA_OK;
}

size_t hpa_manifest_count(const hpa_manifest *m) { return m ? m->count : 0; }
size_t hpa_manifest_document_count(const hpa_manifest *m) { return m ? m->documents : 0; }

const hpa_object *hpa_manifest_at(const hpa_manifest *m, size_t i)
{
	return m && i < m->count ? m->objects[i] : NULL;
}

hpa_object *hpa_manifest_at_mut(hpa_manifest *m, size_t i)
{
	return m && i < m->count ? m->objects[i] : NULL;
}

const char *hpa_manifest_source(const hpa_manifest *m)
{
	return m && m->source ? m->source : "";
}
