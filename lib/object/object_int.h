/*
 * lib/object/object_int.h -- private helpers of the object module, shared
 * with the manifest functions and the typed kinds.
 */
#ifndef HPA_LIB_OBJECT_INT_H
#define HPA_LIB_OBJECT_INT_H

#include "manifest/manifest_int.h"

/* Set obj->kind from the root's apiVersion/kind (no checking). */
void hpa__object_bind(hpa_object *obj);
/* Deep copy as a new standalone object. */
int hpa__object_copy(hpa_object **out, const hpa_object *src, hpa_error *err);

#endif
