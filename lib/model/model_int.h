/*
 * lib/model/model_int.h -- private layout of a loaded deployment model.
 *
 * The loader (load.c) walks the YAML value tree of the model file, checks
 * every field and copies what the renderer needs into these records, all
 * held in the model's arena. The renderer (render.c) never fails on the
 * model's content: everything that can be wrong is found while loading.
 */
#ifndef HPA_LIB_MODEL_INT_H
#define HPA_LIB_MODEL_INT_H

#include "core/core.h"
#include "value/value.h"
#include <hpa/model.h>

/* An ordered string map entry (resources, env, ports by profile). */
typedef struct {
	const char *key;
	const char *value;
} hpa__mkv;

typedef struct {
	hpa__mkv *items;
	size_t len;
} hpa__mmap;

typedef struct {
	hpa__mmap requests;
	hpa__mmap limits;
} hpa__mres;

/* A probe's timings; -1 = not set (left out). */
typedef struct {
	int32_t initial_delay, timeout, period, failure, success;
} hpa__mprobe;

typedef struct {
	const char *name;
	const char *rest_path;   /* explicit or derived */
} hpa__magg;

typedef struct {
	const char *name;
	const char *service;
	const char *image;       /* expanded image reference */
	hpa__mmap ports;         /* profile -> port (decimal text) */
	int32_t replicas;        /* -1 = the deployment default */
	bool has_resources;
	hpa__mres resources;     /* overrides, merged per key */
	hpa__mmap env;           /* extra env */
	hpa__magg *aggs;
	size_t n_aggs;
	int autoscaler;          /* index in autoscalers, -1 = none */
} hpa__mctx;

typedef enum {
	HPA__MT_UTILIZATION = 1,
	HPA__MT_AVERAGE_VALUE
} hpa__mtarget;

typedef struct {
	const char *resource;    /* cpu | memory */
	int target;              /* hpa__mtarget */
	int32_t utilization;
	const char *value;       /* quantity text */
} hpa__mmetric;

typedef struct {
	const char *name;
	size_t ctx;              /* index of the target context */
	int32_t min, max;
	hpa__mmetric *metrics;
	size_t n_metrics;
	hpa__value *behavior;    /* checked copy in the model arena, NULL = none */
} hpa__mhpa;

struct hpa_model {
	hpa__arena arena;
	const char *name;
	/* messaging */
	bool has_messaging;
	const char *env_name;    /* env var for the brokers */
	hpa__mmap brokers;       /* profile -> host:port */
	/* bounded contexts */
	hpa__mctx *ctxs;
	size_t n_ctxs;
	/* deployment */
	const char *namespace_;  /* NULL = none */
	const char *profile;
	const char *pull_policy; /* NULL = none */
	int32_t container_port;
	int32_t service_port;    /* -1 = the container port */
	const char *port_name;
	int32_t replicas;
	bool probes;
	const char *probe_path;
	hpa__mprobe readiness, liveness;
	hpa__mres resources;
	bool ingress;
	const char *ingress_name, *ingress_class, *ingress_host;
	int path_rule;           /* HPA_PATH_RULE_AGGREGATE or _SERVICE */
	hpa__mhpa *hpas;
	size_t n_hpas;
	const char *load_pod, *load_image, *load_command;
};

/* Load from an already parsed value tree (the model document's root). */
int hpa__model_from_value(hpa_model **out, const hpa__value *root, const char *source,
	hpa_error *err);

/* The naive plural MSA-Ez applies to service names (IngressToService.vue):
 * lower-cased; ends in s -> +es, ends in y -> y replaced by ies, else +s.
 * Result in arena a, NULL on allocation failure. */
char *hpa__model_naive_plural(hpa__arena *a, const char *name);
/* The English plural of docs/model.md into buffer b (appended). */
int hpa__model_plural_buf(hpa__buf *b, const char *word, size_t len);

/* The value for `profile` in m (or its `default` entry), NULL when neither. */
const char *hpa__mmap_profile(const hpa__mmap *m, const char *profile);
const char *hpa__mmap_get(const hpa__mmap *m, const char *key);

/* Built-in defaults (docs/model.md). */
#define HPA__MODEL_DEFAULT_CPU_REQUEST "200m"
#define HPA__MODEL_DEFAULT_CPU_LIMIT "500m"
#define HPA__MODEL_DEFAULT_MEMORY_REQUEST "512Mi"
#define HPA__MODEL_DEFAULT_MEMORY_LIMIT "1Gi"
#define HPA__MODEL_REST_PATHS_ANNOTATION "hpa.libhpa.dev/rest-paths"

#endif
