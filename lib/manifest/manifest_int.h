/*
 * lib/manifest/manifest_int.h -- private layout of manifests and objects.
 *
 * A manifest owns one arena holding every document's value tree and the
 * hpa_object records. A standalone object (hpa_*_new, hpa_object_dup) owns
 * its own arena and its hpa__calloc'd record; when it is given to a manifest
 * (hpa_manifest_append_take) `owner` is set and the manifest frees both
 * (hpa_manifest_free, hpa_manifest_remove_at); hpa_object_free ignores
 * objects that have an owner. Objects are views: `root` is the document's map; typed
 * handles (hpa_deployment, ...) are the same pointer as the hpa_object.
 */
#ifndef HPA_LIB_MANIFEST_INT_H
#define HPA_LIB_MANIFEST_INT_H

#include "core/core.h"
#include "value/value.h"
#include <hpa/manifest.h>

struct hpa_object {
	hpa__value *root;      /* HPA__V_MAP */
	hpa__arena *arena;     /* where root's nodes live: its own or the manifest's */
	hpa_manifest *owner;   /* manifest holding it (frees it), NULL if free-standing */
	const char *source;    /* source name (in arena), may be NULL */
	size_t document;       /* 0-based index in the source stream */
	int kind;              /* hpa_kind, set by the schema binder */
	bool standalone;       /* record and arena are one hpa__calloc'd hpa__standalone */
};

/* A standalone object: the record and its own arena in one allocation
 * (a manifest's objects, one per document, are records in its arena). */
typedef struct {
	hpa_object obj;        /* first: freeing the record frees both */
	hpa__arena own;
} hpa__standalone;

/* Dispose a standalone object's arena and free its record. */
void hpa__standalone_free(hpa_object *o);

struct hpa_manifest {
	hpa__arena arena;
	hpa_object **objects;  /* hpa__malloc'd array of arena-held objects */
	size_t count, cap;
	size_t documents;      /* documents seen in the source, empty ones included */
	const char *source;    /* in arena */
	struct hpa__check_cache *check_cache;  /* a reader's lookup cache while it loads, else NULL */
};

/* Create an empty manifest (arena ready). */
int hpa__manifest_create(hpa_manifest **out, hpa_error *err);
/* Add a document whose root lives in m->arena. */
int hpa__manifest_add(hpa_manifest *m, hpa__value *root, size_t document, hpa_object **obj_out);
/* Standalone object with its own arena and an empty map root. */
int hpa__object_create(hpa_object **out, hpa_error *err);

#endif
