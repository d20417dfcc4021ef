/* lib/manifest/manifest.c -- manifests and object records. */
#include "manifest/manifest_int.h"
#include "object/object_int.h"
#include <hpa/object.h>

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

/* Free an object the manifest holds: standalone records were taken over by
 * hpa_manifest_append_take; arena-held ones go with the arena. */
static void free_object(hpa_object *o)
{
	if (o->standalone)
		hpa__standalone_free(o);
}

void hpa__standalone_free(hpa_object *o)
{
	hpa__arena_dispose(&((hpa__standalone *)(void *)o)->own);
	hpa__free(o);
}

void hpa_manifest_free(hpa_manifest *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->count; i++)
		free_object(m->objects[i]);
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
	o->owner = m;
	o->document = document;
	o->source = m->source;
	m->objects[m->count++] = o;
	if (obj_out)
		*obj_out = o;
	return HPA_OK;
}

int hpa__object_create(hpa_object **out, hpa_error *err)
{
	hpa__standalone *s;
	hpa_object *o;
	*out = NULL;
	s = hpa__calloc(1, sizeof(*s));
	if (!s)
		return hpa__enomem(err);
	o = &s->obj;
	hpa__arena_init(&s->own, 4096);
	o->arena = &s->own;
	o->standalone = true;
	o->root = hpa__v_map(o->arena);
	if (!o->root) {
		hpa__standalone_free(o);
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

/* ---- adding, removing, iterating ----------------------------------------------- */

int hpa_manifest_append_take(hpa_manifest *m, hpa_object *obj, hpa_error *err)
{
	if (!obj)
		return hpa__error(err, HPA_EINVAL, "object is NULL");
	if (obj->owner)
		return hpa__error(err, HPA_EINVAL, "object already belongs to a manifest");
	if (!m) {
		hpa_object_free(obj);
		return hpa__error(err, HPA_EINVAL, "manifest is NULL");
	}
	if (hpa__grow((void **)&m->objects, &m->cap, m->count + 1, sizeof(*m->objects)) < 0) {
		hpa_object_free(obj);
		return hpa__enomem(err);
	}
	obj->owner = m;
	obj->document = m->documents++;
	m->objects[m->count++] = obj;
	return HPA_OK;
}

int hpa_manifest_append_copy(hpa_manifest *m, const hpa_object *obj, hpa_object **copy_out, hpa_error *err)
{
	hpa__value *root;
	hpa_object *o;
	if (copy_out)
		*copy_out = NULL;
	if (!m || !obj)
		return hpa__error(err, HPA_EINVAL, "manifest or object is NULL");
	root = hpa__v_copy(&m->arena, obj->root);
	if (!root || hpa__manifest_add(m, root, m->documents, &o) < 0)
		return hpa__enomem(err);
	m->documents++;
	o->kind = obj->kind;
	if (copy_out)
		*copy_out = o;
	return HPA_OK;
}

int hpa_manifest_remove_at(hpa_manifest *m, size_t index, hpa_error *err)
{
	hpa_object *o;
	if (!m || index >= m->count)
		return hpa__error(err, HPA_ENOTFOUND, "no object at index %zu", index);
	o = m->objects[index];
	memmove(&m->objects[index], &m->objects[index + 1], (m->count - index - 1) * sizeof(*m->objects));
	m->count--;
	free_object(o);
	return HPA_OK;
}

struct hpa_manifest_iter {
	const hpa_manifest *m;
	size_t next;
	int kind;
};

int hpa_manifest_iter_new(hpa_manifest_iter **out, const hpa_manifest *m, int kind, hpa_error *err)
{
	hpa_manifest_iter *it;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!m)
		return hpa__error(err, HPA_EINVAL, "manifest is NULL");
	it = hpa__calloc(1, sizeof(*it));
	if (!it)
		return hpa__enomem(err);
	it->m = m;
	it->kind = kind;
	*out = it;
	return HPA_OK;
}

int hpa_manifest_iter_next(const hpa_object **out, hpa_manifest_iter *it)
{
	if (out)
		*out = NULL;
	if (!out || !it)
		return HPA_EINVAL;
	while (it->next < it->m->count) {
		const hpa_object *o = it->m->objects[it->next++];
		if (it->kind == 0 || (int)hpa_object_kind(o) == it->kind) {
			*out = o;
			return HPA_OK;
		}
	}
	return HPA_ITEROVER;
}

void hpa_manifest_iter_free(hpa_manifest_iter *it)
{
	hpa__free(it);
}
