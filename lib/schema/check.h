/*
 * lib/schema/check.h -- the seam between the codecs and the schema.
 *
 * After a reader has built a document's value tree it calls
 * hpa__schema_check(), which identifies the kind from apiVersion/kind,
 * checks every field the schema knows against its type (int32/int64 ranges,
 * booleans, strings that YAML 1.1 would read as something else, quantities,
 * int-or-string, enums kept verbatim, ...), reports unknown fields in strict
 * mode, and sets obj->kind. Errors carry the field path and the offending
 * node's position; the caller adds source and document index.
 */
#ifndef HPA_LIB_SCHEMA_CHECK_H
#define HPA_LIB_SCHEMA_CHECK_H

#include "manifest/manifest_int.h"

/* Flags understood by the checker (same bits as hpa_parse_options.flags). */
#define HPA__CHECK_STRICT (1u << 0)   /* unknown fields are HPA_EUNKNOWNFIELD */

int hpa__schema_check(hpa_object *obj, unsigned int flags, hpa_error *err);

/* A reader's cache of field lookups for one load: the schema field of a key
 * by (object type, address of the key's text). Readers intern every key text
 * in the manifest's arena, so during one load an address always holds the
 * same text and the cache needs no comparison of names; it must not outlive
 * the load (an address could be reused after a text is freed). Zero it
 * before the first use. */
#define HPA__CHECK_CACHE_SLOTS 512
typedef struct {
	const void *text;        /* NULL: empty slot */
	const void *obj;         /* the hpa__sobject the key was looked up in */
	const void *field;       /* its hpa__sfield, NULL for an unknown field */
} hpa__check_slot;
typedef struct hpa__check_cache {
	hpa__check_slot slot[HPA__CHECK_CACHE_SLOTS];
} hpa__check_cache;

/* hpa__schema_check() with the reader's cache (NULL: none). */
int hpa__schema_check_cached(hpa_object *obj, unsigned int flags, hpa__check_cache *cache, hpa_error *err);

/* The same walk (types checked, unknown fields allowed) that also reports
 * the first required field that is absent or null, as HPA_EMISSING with
 * the field's path (e.g. spec.selector) and its parent's position. For
 * validation: the codecs do not call it (patches and partial manifests are
 * legitimate input). Generic objects pass. */
int hpa__schema_check_required(const hpa_object *obj, hpa_error *err);

#endif
