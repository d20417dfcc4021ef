/*
 * lib/simulate/service.c -- service model presets and the
 * "cost=25m,base=10m,..." parser; Deployment (pod template) defaults.
 */
#include "simulate/sim_int.h"

#define MI (INT64_C(1024) * 1024)

static const size_t service_sizes[] = { sizeof(hpa_sim_service) };
static const size_t deployment_sizes[] = { sizeof(hpa_sim_deployment) };

/*
 * Spring Boot defaults (see docs/simulate.md, "service model"): a small
 * Spring Data REST service on a JVM. The idle working set is chosen inside
 * the range the 12번가 lab shows (51% of a 512Mi request = 261..266 MiB).
 */
static void preset_springboot(hpa_sim_service *s)
{
	s->cost_milli = 20;                /* 20 ms of CPU per request */
	s->base_cpu_milli = 5;             /* idle JVM: GC, actuator, scheduler threads */
	s->io_ms = 5;                      /* database and network time per request */
	s->boot_ms = 10000;                /* start-up work: 10 s of one full core */
	s->node_cpu_milli = 2000;          /* without a CPU limit a pod may use 2 cores */
	s->mem_base_bytes = 262 * MI;      /* idle working set once started */
	s->mem_start_bytes = 64 * MI;      /* working set when the JVM starts */
	s->mem_per_inflight_bytes = 2 * MI;
	s->mem_growth_bytes = 1 * MI;      /* heap growth per 1000 requests */
	s->mem_retain = true;              /* the JVM keeps its heap: RSS never drops */
	s->queue = 300;                    /* Tomcat: 200 threads + 100 accept queue */
}

static void preset_go(hpa_sim_service *s)
{
	s->cost_milli = 5;
	s->base_cpu_milli = 1;
	s->io_ms = 2;
	s->boot_ms = 300;
	s->node_cpu_milli = 2000;
	s->mem_base_bytes = 20 * MI;
	s->mem_start_bytes = 8 * MI;
	s->mem_per_inflight_bytes = MI / 8;
	s->mem_growth_bytes = 0;
	s->mem_retain = false;
	s->queue = 1000;
}

int hpa_sim_service_init(hpa_sim_service *svc, unsigned int version)
{
	if (!svc || version == 0 || version > HPA_SIM_SERVICE_VERSION)
		return HPA_EINVAL;
	memset(svc, 0, sizeof(*svc));
	svc->version = version;
	preset_springboot(svc);
	return 0;
}

/* The bounds of hpa_sim_service and hpa_sim_deployment fields (see
 * hpa/simulate.h): quantities (milli-CPU, bytes) in [lo, HPA_SIM_MAX_QUANTITY],
 * durations in [lo, HPA_SIM_MAX_PERIOD_MS]. */
typedef struct {
	const char *name;
	size_t offset;
	int64_t lo, hi;
} field_bound;

static int check_bounds(const void *obj, const char *what, const char *who, const field_bound *b, size_t n,
	hpa_error *err)
{
	for (size_t i = 0; i < n; i++) {
		int64_t v;
		memcpy(&v, (const char *)obj + b[i].offset, sizeof(v));
		if (v < b[i].lo || v > b[i].hi)
			return hpa__error(err, HPA_EINVAL, "%s%s%s: %s is %lld, out of range [%lld, %lld]", what,
				who ? " " : "", who ? who : "", b[i].name, (long long)v, (long long)b[i].lo,
				(long long)b[i].hi);
	}
	return 0;
}

#define SVC(f, lo, hi) { #f, offsetof(hpa_sim_service, f), lo, hi }
static const field_bound service_bounds[] = {
	SVC(cost_milli, 1, HPA_SIM_MAX_QUANTITY),
	SVC(base_cpu_milli, 0, HPA_SIM_MAX_QUANTITY),
	SVC(io_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	SVC(boot_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	SVC(node_cpu_milli, 1, HPA_SIM_MAX_QUANTITY),
	SVC(mem_base_bytes, 0, HPA_SIM_MAX_QUANTITY),
	SVC(mem_start_bytes, 0, HPA_SIM_MAX_QUANTITY),
	SVC(mem_per_inflight_bytes, 0, HPA_SIM_MAX_QUANTITY),
	SVC(mem_growth_bytes, 0, HPA_SIM_MAX_QUANTITY),
};
#undef SVC

#define DEP(f, lo, hi) { #f, offsetof(hpa_sim_deployment, f), lo, hi }
static const field_bound deployment_bounds[] = {
	DEP(cpu_request_milli, 0, HPA_SIM_MAX_QUANTITY),
	DEP(cpu_limit_milli, 0, HPA_SIM_MAX_QUANTITY),
	DEP(memory_request_bytes, 0, HPA_SIM_MAX_QUANTITY),
	DEP(memory_limit_bytes, 0, HPA_SIM_MAX_QUANTITY),
	DEP(readiness_initial_delay_ms, INT64_MIN, HPA_SIM_MAX_PERIOD_MS), /* < 0: no probe */
	DEP(readiness_period_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	DEP(schedule_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	DEP(image_pull_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	DEP(container_start_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	DEP(termination_grace_ms, 0, HPA_SIM_MAX_PERIOD_MS),
	DEP(shutdown_ms, 0, HPA_SIM_MAX_PERIOD_MS),
};
#undef DEP

int hpa__sim_service_copy(hpa_sim_service *dst, const hpa_sim_service *src, hpa_error *err)
{
	int rc;
	hpa_sim_service_init(dst, HPA_SIM_SERVICE_VERSION);
	rc = hpa__options_copy(dst, src, service_sizes, HPA_SIM_SERVICE_VERSION, "hpa_sim_service", err);
	if (rc)
		return rc;
	if (dst->queue <= 0)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_service: queue is %d, out of range [1, %d]", (int)dst->queue,
			(int)INT32_MAX);
	return check_bounds(dst, "hpa_sim_service", NULL, service_bounds, HPA__ARRAY_SIZE(service_bounds), err);
}

int hpa_sim_deployment_init(hpa_sim_deployment *dep, unsigned int version)
{
	if (!dep || version == 0 || version > HPA_SIM_DEPLOYMENT_VERSION)
		return HPA_EINVAL;
	memset(dep, 0, sizeof(*dep));
	dep->version = version;
	dep->name = "app";
	dep->replicas = 1;
	dep->cpu_request_milli = 200;
	dep->cpu_limit_milli = 500;
	dep->memory_request_bytes = 512 * MI;
	dep->memory_limit_bytes = 1024 * MI;
	dep->readiness_initial_delay_ms = 10000;
	dep->readiness_period_ms = 5000;
	dep->schedule_ms = 1000;
	dep->image_pull_ms = 5000;
	dep->container_start_ms = 1000;
	dep->termination_grace_ms = 30000;
	dep->shutdown_ms = 2000;
	dep->jitter_permille = 200;
	return 0;
}

int hpa__sim_deployment_copy(hpa_sim_deployment *dst, const hpa_sim_deployment *src, hpa_error *err)
{
	int rc;
	hpa_sim_deployment_init(dst, HPA_SIM_DEPLOYMENT_VERSION);
	rc = hpa__options_copy(dst, src, deployment_sizes, HPA_SIM_DEPLOYMENT_VERSION, "hpa_sim_deployment", err);
	if (rc)
		return rc;
	if (!dst->name || !*dst->name)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_deployment: a name is required");
	if (dst->replicas < 0 || dst->jitter_permille < 0 || dst->jitter_permille > 1000)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_deployment %s: negative replicas or jitter_permille "
			"outside [0, 1000]", dst->name);
	/* (the decision reads the requests as milli-values: upstream MilliValue) */
	if ((rc = check_bounds(dst, "hpa_sim_deployment", dst->name, deployment_bounds,
		     HPA__ARRAY_SIZE(deployment_bounds), err)))
		return rc;
	if (dst->readiness_initial_delay_ms >= 0 && dst->readiness_period_ms == 0)
		dst->readiness_period_ms = 10000; /* Kubernetes default periodSeconds */
	return 0;
}

typedef struct {
	const char *key;
	int unit;      /* HPA__SIM_UNIT_*, 0 = integer, -1 = bool */
	size_t offset;
	const char *help;
} svc_key;

#define OFF(f) offsetof(hpa_sim_service, f)
static const svc_key svc_keys[] = {
	{ "cost", HPA__SIM_UNIT_MILLI, OFF(cost_milli), "CPU time per request (25m = 25 ms of one core)" },
	{ "base", HPA__SIM_UNIT_MILLI, OFF(base_cpu_milli), "idle CPU" },
	{ "io", HPA__SIM_UNIT_DURATION, OFF(io_ms), "non-CPU time per request" },
	{ "boot", HPA__SIM_UNIT_DURATION, OFF(boot_ms), "start-up work, as time on one full core" },
	{ "node_cpu", HPA__SIM_UNIT_MILLI, OFF(node_cpu_milli), "CPU a pod without a limit may use" },
	{ "mem", HPA__SIM_UNIT_BYTES, OFF(mem_base_bytes), "idle working set" },
	{ "mem_start", HPA__SIM_UNIT_BYTES, OFF(mem_start_bytes), "working set at container start" },
	{ "mem_req", HPA__SIM_UNIT_BYTES, OFF(mem_per_inflight_bytes), "memory per in-flight request" },
	{ "mem_growth", HPA__SIM_UNIT_BYTES, OFF(mem_growth_bytes), "heap growth per 1000 requests" },
	{ "retain", -1, OFF(mem_retain), "never return memory (JVM)" },
	{ "queue", 0, OFF(queue), "requests a pod holds before rejecting" },
};
#undef OFF

int hpa_sim_service_parse(hpa_sim_service *svc, const char *spec, hpa_error *err)
{
	const char *p = spec;
	hpa_sim_service tmp;
	if (!svc || !spec)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_service_parse: NULL argument");
	if (svc->version == 0 || svc->version > HPA_SIM_SERVICE_VERSION)
		return hpa__error(err, HPA_EINVAL, "invalid version %u on hpa_sim_service", svc->version);
	tmp = *svc;
	while (*p) {
		const char *e = p, *eq;
		size_t n, kl;
		while (*e && *e != ',')
			e++;
		n = (size_t)(e - p);
		while (n > 0 && *p == ' ')
			p++, n--;
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n == 0)
			goto next;
		eq = memchr(p, '=', n);
		if (!eq) {
			if (n == 10 && memcmp(p, "springboot", 10) == 0)
				preset_springboot(&tmp);
			else if ((n == 2 && memcmp(p, "go", 2) == 0))
				preset_go(&tmp);
			else
				return hpa__error(err, HPA_EINVAL, "service: unknown preset '%.*s' (springboot, go)", (int)n, p);
			goto next;
		}
		kl = (size_t)(eq - p);
		{
			const svc_key *k = NULL;
			const char *v = eq + 1;
			size_t vn = n - kl - 1;
			for (size_t i = 0; i < HPA__ARRAY_SIZE(svc_keys); i++)
				if (strlen(svc_keys[i].key) == kl && memcmp(svc_keys[i].key, p, kl) == 0)
					k = &svc_keys[i];
			if (!k)
				return hpa__error(err, HPA_EINVAL, "service: unknown key '%.*s'", (int)kl, p);
			if (k->unit == -1) {
				bool b;
				if ((vn == 4 && memcmp(v, "true", 4) == 0) || (vn == 3 && memcmp(v, "yes", 3) == 0) ||
					(vn == 1 && v[0] == '1'))
					b = true;
				else if ((vn == 5 && memcmp(v, "false", 5) == 0) || (vn == 2 && memcmp(v, "no", 2) == 0) ||
					(vn == 1 && v[0] == '0'))
					b = false;
				else
					return hpa__error(err, HPA_EINVAL, "service: %s wants true or false", k->key);
				*(bool *)((char *)&tmp + k->offset) = b;
			} else if (k->unit == 0) {
				int64_t x;
				if (hpa__sim_parse_int(v, vn, &x) || x < 1 || x > INT32_MAX)
					return hpa__error(err, HPA_EINVAL, "service: %s wants a positive integer", k->key);
				*(int32_t *)((char *)&tmp + k->offset) = (int32_t)x;
			} else {
				int64_t x;
				if (hpa__sim_parse_quantity(v, vn, k->unit, &x) || x < 0)
					return hpa__error(err, HPA_EINVAL, "service: bad value for %s: '%.*s' (%s)", k->key,
						(int)vn, v, k->help);
				*(int64_t *)((char *)&tmp + k->offset) = x;
			}
		}
next:
		p = *e ? e + 1 : e;
	}
	if (tmp.cost_milli <= 0)
		return hpa__error(err, HPA_EINVAL, "service: cost must be > 0");
	*svc = tmp;
	return 0;
}
