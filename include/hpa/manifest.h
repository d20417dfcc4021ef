/**
 * @file hpa/manifest.h
 * @brief Manifests: ordered lists of Kubernetes objects (multi-document streams).
 * @defgroup manifest Manifests
 *
 * A manifest is what a YAML stream or a JSON List holds: objects in their
 * source order. Objects of any kind are kept (Deployment, Service, Ingress,
 * HorizontalPodAutoscaler get typed views; every other kind stays a generic
 * object with the same path API). Objects returned by hpa_manifest_at() are
 * borrowed: valid until the manifest is freed or that object is removed.
 * @{
 */
#ifndef HPA_MANIFEST_H
#define HPA_MANIFEST_H

#include <hpa/common.h>
#include <hpa/errors.h>

HPA_BEGIN_DECL

/** An ordered list of objects. */
typedef struct hpa_manifest hpa_manifest;
/** One Kubernetes object (any kind). */
typedef struct hpa_object hpa_object;

/**
 * Create an empty manifest.
 * @ownership caller (free with hpa_manifest_free)
 */
HPA_EXTERN(int) hpa_manifest_new(hpa_manifest **out, hpa_error *err);

/** Free a manifest and every object in it. NULL is allowed. */
HPA_EXTERN(void) hpa_manifest_free(hpa_manifest *manifest);

/** Number of objects (empty documents are not objects). */
HPA_EXTERN(size_t) hpa_manifest_count(const hpa_manifest *manifest);

/** Number of documents in the source stream, empty ones included. */
HPA_EXTERN(size_t) hpa_manifest_document_count(const hpa_manifest *manifest);

/**
 * Object at @p index, or NULL when out of range.
 * @ownership borrowed (valid until the manifest is freed or the object removed)
 */
HPA_EXTERN(const hpa_object *) hpa_manifest_at(const hpa_manifest *manifest, size_t index);

/**
 * Mutable object at @p index, or NULL when out of range.
 * @ownership borrowed
 */
HPA_EXTERN(hpa_object *) hpa_manifest_at_mut(hpa_manifest *manifest, size_t index);

/**
 * Source name the manifest was read from (file name, `<string>`, ...), or "".
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_manifest_source(const hpa_manifest *manifest);

HPA_END_DECL

/** @} */
#endif
