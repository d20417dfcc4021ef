/*
 * lib/schema/path_int.h -- the step iterator behind path.h, shared by the
 * path walker, the schema lookups of the object API and the checker.
 */
#ifndef HPA_LIB_SCHEMA_PATH_INT_H
#define HPA_LIB_SCHEMA_PATH_INT_H

#include "core/core.h"

typedef struct {
	bool is_index;
	size_t index;        /* when is_index */
	const char *key;     /* when !is_index: into the path or into buf */
	size_t klen;
	char buf[384];       /* unescaped quoted key (label/annotation keys <= 317) */
} hpa__path_step;

typedef struct {
	const char *p;
	bool first;
} hpa__path_iter;

void hpa__path_iter_init(hpa__path_iter *it, const char *path);
/* 1 = *st filled, 0 = end of path, HPA_EINVAL = malformed. A step whose key
 * lives in st->buf must not be copied without re-pointing key. */
int hpa__path_next(hpa__path_iter *it, hpa__path_step *st);

#endif
