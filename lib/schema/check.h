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

/* The same walk (types checked, unknown fields allowed) that also reports
 * the first required field that is absent or null, as HPA_EMISSING with
 * the field's path (e.g. spec.selector) and its parent's position. For
 * validation: the codecs do not call it (patches and partial manifests are
 * legitimate input). Generic objects pass. */
int hpa__schema_check_required(const hpa_object *obj, hpa_error *err);

#endif
