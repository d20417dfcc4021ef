/*
 * lib/schema/path.h -- private path walking over value trees, shared by the
 * generic path API (hpa_object_get_* / set_*), the typed accessors of every
 * kind, validation and the modeler.
 *
 * Path syntax is kubectl's field path: dotted keys and [N] indexes,
 * e.g. "spec.template.spec.containers[0].image"; a key containing dots or
 * brackets is written ["app.kubernetes.io/name"] (as in kubectl's
 * jsonpath), e.g. metadata.labels["app.kubernetes.io/name"].
 * Paths are relative to the node given (an object root or any sub-map).
 */
#ifndef HPA_LIB_SCHEMA_PATH_H
#define HPA_LIB_SCHEMA_PATH_H

#include "value/value.h"

/* The node at path, or NULL when any step is absent (or of the wrong kind). */
hpa__value *hpa__path_get(const hpa__value *node, const char *path);

/* Set the node at path to v (v must live in the same arena as node),
 * creating intermediate maps as needed (any number of levels); an index step must address an
 * existing item or the position just past the end (append).
 * HPA_EINVAL for a malformed path, HPA_ETYPE when a step crosses a scalar,
 * HPA_ENOMEM. err gets the path. */
int hpa__path_set(hpa__value *node, const char *path, hpa__value *v, hpa_error *err);

/* Remove the node at path (map key or seq item). Returns true when removed. */
bool hpa__path_clear(hpa__value *node, const char *path);

/* Append the kubectl form of one step to a path buffer: key -> ".key"
 * (no dot at the start), index -> "[N]". Used to build error paths. */
int hpa__path_push_key(hpa__buf *path, const char *key, size_t klen);
int hpa__path_push_index(hpa__buf *path, size_t index);

#endif
