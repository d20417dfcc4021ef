/*
 * bench/gen_manifest.c -- a seeded generator of the codec benchmark corpus:
 * N objects (default 10,000), a quarter each of Deployment, Service,
 * Ingress (with TLS) and HorizontalPodAutoscaler (CPU Utilization + memory
 * AverageValue, with behavior), shaped like the protocol of
 * anchors/perf-ecosystem.md section 4: quantities 250m/512Mi, targetPort
 * http, maxSurge 25%, maxUnavailable 0. The same objects are written as a
 * YAML stream (kubectl layout) and as a JSON List.
 *
 *   gen_manifest [-n OBJECTS] [-s SEED] OUT.yaml OUT.json
 *
 * bench_codec.c includes this file (GEN_NO_MAIN) to generate in memory.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char *ptr;
	size_t len, cap;
} gen_buf;

static void gb_printf(gen_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void gb_printf(gen_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->ptr ? b->ptr + b->len : NULL, b->ptr ? b->cap - b->len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			abort();
		if (b->ptr && b->len + (size_t)n < b->cap) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap ? b->cap * 2 : 1 << 20;
		while (b->cap < b->len + (size_t)n + 1)
			b->cap *= 2;
		b->ptr = realloc(b->ptr, b->cap);
		if (!b->ptr)
			abort();
	}
}

static uint64_t gen_state;

static uint32_t gen_rand(uint32_t n)
{
	/* xorshift64*: the same sequence on every platform */
	gen_state ^= gen_state >> 12;
	gen_state ^= gen_state << 25;
	gen_state ^= gen_state >> 27;
	return (uint32_t)((gen_state * UINT64_C(2685821657736338717)) >> 33) % n;
}

typedef struct {
	char name[32], ns[16];
	unsigned replicas, port, min, max, util, window, up_pods;
} gen_obj;

static void gen_fill(gen_obj *o, unsigned i)
{
	snprintf(o->name, sizeof(o->name), "app-%05u", i / 4);
	snprintf(o->ns, sizeof(o->ns), "team-%u", gen_rand(20));
	o->replicas = 1 + gen_rand(10);
	o->port = 8000 + gen_rand(1000);
	o->min = 1 + gen_rand(3);
	o->max = o->min + 5 + gen_rand(45);
	o->util = 50 + gen_rand(41);
	o->window = 60 * (1 + gen_rand(10));
	o->up_pods = 1 + gen_rand(8);
}

static void gen_yaml(gen_buf *y, const gen_obj *o, unsigned kind)
{
	if (y->len)
		gb_printf(y, "---\n");
	switch (kind) {
	case 0:
		gb_printf(y,
			"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\n  namespace: %s\n"
			"  labels:\n    app: %s\n    tier: backend\nspec:\n  replicas: %u\n  selector:\n"
			"    matchLabels:\n      app: %s\n  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n"
			"      maxSurge: 25%%\n      maxUnavailable: 0\n  template:\n    metadata:\n      labels:\n"
			"        app: %s\n    spec:\n      containers:\n      - name: app\n"
			"        image: registry.example.com/%s:1.%u.0\n        ports:\n        - containerPort: %u\n"
			"          name: http\n        resources:\n          requests:\n            cpu: 250m\n"
			"            memory: 512Mi\n          limits:\n            cpu: \"1\"\n            memory: 1Gi\n"
			"        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n"
			"          periodSeconds: 10\n",
			o->name, o->ns, o->name, o->replicas, o->name, o->name, o->name, o->replicas, o->port);
		break;
	case 1:
		gb_printf(y,
			"apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  namespace: %s\nspec:\n  selector:\n"
			"    app: %s\n  ports:\n  - name: http\n    port: 80\n    targetPort: http\n  type: ClusterIP\n",
			o->name, o->ns, o->name);
		break;
	case 2:
		gb_printf(y,
			"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: %s\n  namespace: %s\n"
			"  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /\nspec:\n  ingressClassName: nginx\n"
			"  tls:\n  - hosts:\n    - %s.example.com\n    secretName: %s-tls\n  rules:\n  - host: %s.example.com\n"
			"    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n"
			"            name: %s\n            port:\n              name: http\n",
			o->name, o->ns, o->name, o->name, o->name, o->name);
		break;
	default:
		gb_printf(y,
			"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: %s\n  namespace: %s\n"
			"spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: %s\n"
			"  minReplicas: %u\n  maxReplicas: %u\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n"
			"      target:\n        type: Utilization\n        averageUtilization: %u\n  - type: Resource\n"
			"    resource:\n      name: memory\n      target:\n        type: AverageValue\n        averageValue: 512Mi\n"
			"  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: %u\n      policies:\n      - type: Percent\n"
			"        value: 50\n        periodSeconds: 60\n    scaleUp:\n      stabilizationWindowSeconds: 0\n"
			"      policies:\n      - type: Pods\n        value: %u\n        periodSeconds: 15\n      selectPolicy: Max\n",
			o->name, o->ns, o->name, o->min, o->max, o->util, o->window, o->up_pods);
		break;
	}
}

static void gen_json(gen_buf *j, const gen_obj *o, unsigned kind, int first)
{
	gb_printf(j, "%s\n", first ? "" : ",");
	switch (kind) {
	case 0:
		gb_printf(j,
			"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\","
			"\"labels\":{\"app\":\"%s\",\"tier\":\"backend\"}},\"spec\":{\"replicas\":%u,\"selector\":{\"matchLabels\":"
			"{\"app\":\"%s\"}},\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":\"25%%\","
			"\"maxUnavailable\":0}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"%s\"}},\"spec\":{\"containers\":"
			"[{\"name\":\"app\",\"image\":\"registry.example.com/%s:1.%u.0\",\"ports\":[{\"containerPort\":%u,"
			"\"name\":\"http\"}],\"resources\":{\"requests\":{\"cpu\":\"250m\",\"memory\":\"512Mi\"},\"limits\":"
			"{\"cpu\":\"1\",\"memory\":\"1Gi\"}},\"readinessProbe\":{\"httpGet\":{\"path\":\"/healthz\",\"port\":\"http\"},"
			"\"periodSeconds\":10}}]}}}}",
			o->name, o->ns, o->name, o->replicas, o->name, o->name, o->name, o->replicas, o->port);
		break;
	case 1:
		gb_printf(j,
			"{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"%s\",\"namespace\":\"%s\"},"
			"\"spec\":{\"selector\":{\"app\":\"%s\"},\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"}],"
			"\"type\":\"ClusterIP\"}}",
			o->name, o->ns, o->name);
		break;
	case 2:
		gb_printf(j,
			"{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"%s\","
			"\"namespace\":\"%s\",\"annotations\":{\"nginx.ingress.kubernetes.io/rewrite-target\":\"/\"}},"
			"\"spec\":{\"ingressClassName\":\"nginx\",\"tls\":[{\"hosts\":[\"%s.example.com\"],\"secretName\":\"%s-tls\"}],"
			"\"rules\":[{\"host\":\"%s.example.com\",\"http\":{\"paths\":[{\"path\":\"/\",\"pathType\":\"Prefix\","
			"\"backend\":{\"service\":{\"name\":\"%s\",\"port\":{\"name\":\"http\"}}}}]}}]}}",
			o->name, o->ns, o->name, o->name, o->name, o->name);
		break;
	default:
		gb_printf(j,
			"{\"apiVersion\":\"autoscaling/v2\",\"kind\":\"HorizontalPodAutoscaler\",\"metadata\":{\"name\":\"%s\","
			"\"namespace\":\"%s\"},\"spec\":{\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
			"\"name\":\"%s\"},\"minReplicas\":%u,\"maxReplicas\":%u,\"metrics\":[{\"type\":\"Resource\",\"resource\":"
			"{\"name\":\"cpu\",\"target\":{\"type\":\"Utilization\",\"averageUtilization\":%u}}},{\"type\":\"Resource\","
			"\"resource\":{\"name\":\"memory\",\"target\":{\"type\":\"AverageValue\",\"averageValue\":\"512Mi\"}}}],"
			"\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":%u,\"policies\":[{\"type\":\"Percent\","
			"\"value\":50,\"periodSeconds\":60}]},\"scaleUp\":{\"stabilizationWindowSeconds\":0,\"policies\":"
			"[{\"type\":\"Pods\",\"value\":%u,\"periodSeconds\":15}],\"selectPolicy\":\"Max\"}}}}",
			o->name, o->ns, o->name, o->min, o->max, o->util, o->window, o->up_pods);
		break;
	}
}

/* Generate n objects with seed into y (YAML stream) and j (JSON List). */
static void gen_manifest(unsigned n, uint64_t seed, gen_buf *y, gen_buf *j)
{
	unsigned i;
	gen_state = seed ? seed : 1;
	gb_printf(j, "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"metadata\":{\"resourceVersion\":\"\"},\"items\":[");
	for (i = 0; i < n; i++) {
		gen_obj o;
		gen_fill(&o, i);
		gen_yaml(y, &o, i % 4);
		gen_json(j, &o, i % 4, i == 0);
	}
	gb_printf(j, "\n]}\n");
}

#ifndef GEN_NO_MAIN
int main(int argc, char **argv)
{
	gen_buf y = { NULL, 0, 0 }, j = { NULL, 0, 0 };
	unsigned n = 10000;
	uint64_t seed = 42;
	int i = 1;
	FILE *f;
	while (i + 1 < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-n"))
			n = (unsigned)strtoul(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "-s"))
			seed = strtoull(argv[i + 1], NULL, 10);
		else
			break;
		i += 2;
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: gen_manifest [-n OBJECTS] [-s SEED] OUT.yaml OUT.json\n");
		return 2;
	}
	gen_manifest(n, seed, &y, &j);
	f = fopen(argv[i], "wb");
	if (!f || fwrite(y.ptr, 1, y.len, f) != y.len || fclose(f) != 0)
		return 1;
	f = fopen(argv[i + 1], "wb");
	if (!f || fwrite(j.ptr, 1, j.len, f) != j.len || fclose(f) != 0)
		return 1;
	free(y.ptr);
	free(j.ptr);
	return 0;
}
#endif
