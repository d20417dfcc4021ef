/*
 * bindings/hpa_bind.c -- the binding facade (see hpa_bind.h). Public API only.
 * This is binding code, not the library: it allocates with malloc/free
 * (the library's allocator is private).
 */
#include "hpa_bind.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small utilities ------------------------------------------------------------- */

static int fail(hpa_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int fail(hpa_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	if (err) {
		hpa_error_init(err, HPA_ERROR_VERSION);
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
		snprintf(err->source, sizeof(err->source), "%s", "<binding>");
	}
	return code;
}

static int nomem(hpa_error *err)
{
	return fail(err, HPA_ENOMEM, "out of memory");
}

/* growable array: ensure room for one more element */
static int grow(void **ptr, size_t *cap, size_t n, size_t elem)
{
	void *np;
	size_t ncap;
	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 8;
	np = realloc(*ptr, ncap * elem);
	if (!np)
		return -1;
	memset((char *)np + *cap * elem, 0, (ncap - *cap) * elem);
	*ptr = np;
	*cap = ncap;
	return 0;
}

static char *xstrdup(const char *s)
{
	size_t n;
	char *p;
	if (!s)
		return NULL;
	n = strlen(s) + 1;
	p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* a growable text buffer */
typedef struct {
	char *p;
	size_t len, cap;
	int oom;
} sbuf;

static void sb_putn(sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t ncap = b->cap ? b->cap : 256;
		char *np;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		np = realloc(b->p, ncap);
		if (!np) {
			b->oom = 1;
			return;
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void sb_printf(sbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		sb_putn(b, tmp, (size_t)n);
	} else {
		char *big = malloc((size_t)n + 1);
		if (!big) {
			b->oom = 1;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		sb_putn(b, big, (size_t)n);
		free(big);
	}
}

static int sb_finish(sbuf *b, char **out, hpa_error *err)
{
	if (b->oom) {
		free(b->p);
		*out = NULL;
		return nomem(err);
	}
	if (!b->p) {
		b->p = malloc(1);
		if (!b->p)
			return nomem(err);
		b->p[0] = '\0';
	}
	*out = b->p;
	return 0;
}

/* ---- the builder ---------------------------------------------------------------------- */

typedef struct {
	hpa_decide_pod pod;                 /* containers / usage pointers set at run time */
	hpa_decide_container *containers;
	size_t n_containers, cap_containers;
	bool has_usage;
	hpa_pod_usage usage;                /* containers pointer set at run time */
	hpa_container_usage *usages;
	size_t n_usages, cap_usages;
	hpa_pod_value sample;               /* classify samples */
} bpod;

typedef struct {
	hpa_pod_usage usage;
	hpa_container_usage *usages;
	size_t n_usages, cap_usages;
} borphan;

typedef struct {
	hpa_decide_metric m;                /* pod_values / orphan_values / external_values set at run time */
	hpa_pod_value *pod_values;          /* indexed by pod, grown on demand */
	size_t cap_pod_values;
	hpa_pod_value *orphans;
	size_t n_orphans, cap_orphans;
	int64_t *externals;
	size_t n_externals, cap_externals;
} bmetric;

typedef struct {
	hpa_decide_rules r;
	hpa_decide_policy *policies;
	size_t n_policies, cap_policies;
} brules;

struct hpa_bind_decide {
	hpa_decide_input in;                /* scalar fields; arrays assembled per run */
	bpod *pods;
	size_t n_pods, cap_pods;
	borphan *orphans;
	size_t n_orphans, cap_orphans;
	bmetric *metrics;
	size_t n_metrics, cap_metrics;
	bool has_behavior;
	brules rules[2];                    /* 0 = scaleUp, 1 = scaleDown */
	char **strings;                     /* every copied string */
	size_t n_strings, cap_strings;
	bool record_classes;
	uint8_t *classes;                   /* last run: n_class_metrics x n_class_pods */
	size_t n_class_metrics, n_class_pods;
};

/* keep a copy of s (NULL stays NULL) */
static int keep(hpa_bind_decide *b, const char *s, const char **out, hpa_error *err)
{
	char *c;
	*out = NULL;
	if (!s)
		return 0;
	if (grow((void **)&b->strings, &b->cap_strings, b->n_strings, sizeof(char *)))
		return nomem(err);
	c = xstrdup(s);
	if (!c)
		return nomem(err);
	b->strings[b->n_strings++] = c;
	*out = c;
	return 0;
}

int hpa_bind_decide_new(hpa_bind_decide **out, hpa_error *err)
{
	hpa_bind_decide *b;
	if (!out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*out = NULL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return nomem(err);
	hpa_decide_input_init(&b->in, HPA_DECIDE_INPUT_VERSION);
	b->in.max_replicas = 1;
	*out = b;
	return 0;
}

void hpa_bind_decide_free(hpa_bind_decide *b)
{
	size_t i;
	if (!b)
		return;
	for (i = 0; i < b->n_pods; i++) {
		free(b->pods[i].containers);
		free(b->pods[i].usages);
	}
	free(b->pods);
	for (i = 0; i < b->n_orphans; i++)
		free(b->orphans[i].usages);
	free(b->orphans);
	for (i = 0; i < b->n_metrics; i++) {
		free(b->metrics[i].pod_values);
		free(b->metrics[i].orphans);
		free(b->metrics[i].externals);
	}
	free(b->metrics);
	free(b->rules[0].policies);
	free(b->rules[1].policies);
	for (i = 0; i < b->n_strings; i++)
		free(b->strings[i]);
	free(b->strings);
	free(b->classes);
	free(b);
}

void hpa_bind_decide_set_spec(hpa_bind_decide *b, bool has_min_replicas, int32_t min_replicas, int32_t max_replicas)
{
	if (!b)
		return;
	b->in.has_min_replicas = has_min_replicas;
	b->in.min_replicas = has_min_replicas ? min_replicas : 1;
	b->in.max_replicas = max_replicas;
}

int hpa_bind_decide_set_scale(hpa_bind_decide *b, int32_t spec_replicas, int32_t status_replicas, int selector,
	const char *selector_text, const char *selector_error, hpa_error *err)
{
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	b->in.spec_replicas = spec_replicas;
	b->in.status_replicas = status_replicas;
	b->in.selector = selector;
	if (keep(b, selector_text, &b->in.selector_text, err) || keep(b, selector_error, &b->in.selector_error, err))
		return HPA_ENOMEM;
	return 0;
}

void hpa_bind_decide_set_prev_desired(hpa_bind_decide *b, bool has, int32_t replicas)
{
	if (!b)
		return;
	b->in.has_prev_desired = has;
	b->in.prev_desired_replicas = replicas;
}

void hpa_bind_decide_set_scaled_to_zero(hpa_bind_decide *b, bool scaled_to_zero)
{
	if (b)
		b->in.scaled_to_zero = scaled_to_zero;
}

void hpa_bind_decide_set_now(hpa_bind_decide *b, int64_t now_ms)
{
	if (b)
		b->in.now_ms = now_ms;
}

int64_t hpa_bind_decide_now(const hpa_bind_decide *b)
{
	return b ? b->in.now_ms : 0;
}

void hpa_bind_decide_set_record_classes(hpa_bind_decide *b, bool record)
{
	if (b)
		b->record_classes = record;
}

/* ---- pods ------------------------------------------------------------------------------- */

int hpa_bind_decide_add_pod(hpa_bind_decide *b, const char *name, int phase, int ready, int64_t ready_transition_ms,
	bool has_start_time, int64_t start_time_ms, bool deleting, size_t *index_out, hpa_error *err)
{
	bpod *p;
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	if (grow((void **)&b->pods, &b->cap_pods, b->n_pods, sizeof(*b->pods)))
		return nomem(err);
	p = &b->pods[b->n_pods];
	memset(p, 0, sizeof(*p));
	if (keep(b, name ? name : "", &p->pod.name, err))
		return HPA_ENOMEM;
	p->pod.phase = phase;
	p->pod.ready = ready;
	p->pod.ready_transition_ms = ready_transition_ms;
	p->pod.has_start_time = has_start_time;
	p->pod.start_time_ms = start_time_ms;
	p->pod.deleting = deleting;
	p->sample.pod = p->pod.name;
	if (index_out)
		*index_out = b->n_pods;
	b->n_pods++;
	return 0;
}

size_t hpa_bind_decide_pod_count(const hpa_bind_decide *b)
{
	return b ? b->n_pods : 0;
}

const char *hpa_bind_decide_pod_name(const hpa_bind_decide *b, size_t pod)
{
	return b && pod < b->n_pods ? b->pods[pod].pod.name : NULL;
}

static bpod *get_pod(hpa_bind_decide *b, size_t pod, hpa_error *err)
{
	if (!b || pod >= b->n_pods) {
		fail(err, HPA_ENOTFOUND, "no pod %zu", pod);
		return NULL;
	}
	return &b->pods[pod];
}

static void set_res(unsigned int set, int64_t cpu, int64_t mem, unsigned int *set_out, int64_t *milli)
{
	*set_out = set & (HPA_RESOURCE_BIT(HPA_RESOURCE_CPU) | HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY));
	milli[HPA_RESOURCE_CPU] = (set & HPA_RESOURCE_BIT(HPA_RESOURCE_CPU)) ? cpu : 0;
	milli[HPA_RESOURCE_MEMORY] = (set & HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY)) ? mem : 0;
}

int hpa_bind_decide_pod_add_container(hpa_bind_decide *b, size_t pod, const char *name, int kind,
	unsigned int requests_set, int64_t cpu_milli, int64_t memory_milli, hpa_error *err)
{
	bpod *p = get_pod(b, pod, err);
	hpa_decide_container *c;
	if (!p)
		return HPA_ENOTFOUND;
	if (grow((void **)&p->containers, &p->cap_containers, p->n_containers, sizeof(*p->containers)))
		return nomem(err);
	c = &p->containers[p->n_containers];
	memset(c, 0, sizeof(*c));
	if (keep(b, name ? name : "", &c->name, err))
		return HPA_ENOMEM;
	c->kind = kind;
	set_res(requests_set, cpu_milli, memory_milli, &c->requests_set, c->requests_milli);
	p->n_containers++;
	return 0;
}

int hpa_bind_decide_pod_set_requests(hpa_bind_decide *b, size_t pod, unsigned int requests_set, int64_t cpu_milli,
	int64_t memory_milli, hpa_error *err)
{
	bpod *p = get_pod(b, pod, err);
	if (!p)
		return HPA_ENOTFOUND;
	set_res(requests_set, cpu_milli, memory_milli, &p->pod.pod_requests_set, p->pod.pod_requests_milli);
	return 0;
}

int hpa_bind_decide_pod_set_usage(hpa_bind_decide *b, size_t pod, int64_t timestamp_ms, int64_t window_ms,
	hpa_error *err)
{
	bpod *p = get_pod(b, pod, err);
	if (!p)
		return HPA_ENOTFOUND;
	p->has_usage = true;
	p->usage.pod = p->pod.name;
	p->usage.timestamp_ms = timestamp_ms;
	p->usage.window_ms = window_ms;
	return 0;
}

static int add_usage(hpa_bind_decide *b, hpa_container_usage **arr, size_t *n, size_t *cap, const char *container,
	unsigned int set, int64_t cpu, int64_t mem, hpa_error *err)
{
	hpa_container_usage *u;
	if (grow((void **)arr, cap, *n, sizeof(**arr)))
		return nomem(err);
	u = &(*arr)[*n];
	memset(u, 0, sizeof(*u));
	if (keep(b, container ? container : "", &u->name, err))
		return HPA_ENOMEM;
	set_res(set, cpu, mem, &u->usage_set, u->usage_milli);
	(*n)++;
	return 0;
}

int hpa_bind_decide_pod_add_usage(hpa_bind_decide *b, size_t pod, const char *container, unsigned int usage_set,
	int64_t cpu_milli, int64_t memory_milli, hpa_error *err)
{
	bpod *p = get_pod(b, pod, err);
	if (!p)
		return HPA_ENOTFOUND;
	if (!p->has_usage)
		return fail(err, HPA_EINVAL, "pod %s has no usage item (set_usage first)", p->pod.name);
	return add_usage(b, &p->usages, &p->n_usages, &p->cap_usages, container, usage_set, cpu_milli, memory_milli,
		err);
}

int hpa_bind_decide_add_orphan_usage(hpa_bind_decide *b, const char *pod, int64_t timestamp_ms, int64_t window_ms,
	size_t *index_out, hpa_error *err)
{
	borphan *o;
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	if (grow((void **)&b->orphans, &b->cap_orphans, b->n_orphans, sizeof(*b->orphans)))
		return nomem(err);
	o = &b->orphans[b->n_orphans];
	memset(o, 0, sizeof(*o));
	if (keep(b, pod ? pod : "", &o->usage.pod, err))
		return HPA_ENOMEM;
	o->usage.timestamp_ms = timestamp_ms;
	o->usage.window_ms = window_ms;
	if (index_out)
		*index_out = b->n_orphans;
	b->n_orphans++;
	return 0;
}

int hpa_bind_decide_orphan_add_usage(hpa_bind_decide *b, size_t index, const char *container,
	unsigned int usage_set, int64_t cpu_milli, int64_t memory_milli, hpa_error *err)
{
	borphan *o;
	if (!b || index >= b->n_orphans)
		return fail(err, HPA_ENOTFOUND, "no orphan usage item %zu", index);
	o = &b->orphans[index];
	return add_usage(b, &o->usages, &o->n_usages, &o->cap_usages, container, usage_set, cpu_milli, memory_milli,
		err);
}

int hpa_bind_decide_set_sample(hpa_bind_decide *b, size_t pod, int64_t value_milli, int64_t timestamp_ms,
	int64_t window_ms, hpa_error *err)
{
	bpod *p = get_pod(b, pod, err);
	if (!p)
		return HPA_ENOTFOUND;
	p->sample.present = true;
	p->sample.value_milli = value_milli;
	p->sample.timestamp_ms = timestamp_ms;
	p->sample.window_ms = window_ms;
	return 0;
}

/* ---- metrics ------------------------------------------------------------------------------------ */

int hpa_bind_decide_add_metric(hpa_bind_decide *b, int type, const char *type_name, int resource,
	const char *container, const char *name, const char *selector, const char *object_kind,
	const char *object_name, const char *namespace_name, size_t *index_out, hpa_error *err)
{
	bmetric *m;
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	if (b->n_metrics >= HPA_DECIDE_MAX_METRICS)
		return fail(err, HPA_ELIMIT, "at most %d metrics", HPA_DECIDE_MAX_METRICS);
	if (grow((void **)&b->metrics, &b->cap_metrics, b->n_metrics, sizeof(*b->metrics)))
		return nomem(err);
	m = &b->metrics[b->n_metrics];
	memset(m, 0, sizeof(*m));
	m->m.type = type;
	m->m.resource = resource;
	if (keep(b, type_name, &m->m.type_name, err) || keep(b, container, &m->m.container, err) ||
	    keep(b, name, &m->m.name, err) || keep(b, selector, &m->m.selector, err) ||
	    keep(b, object_kind, &m->m.object_kind, err) || keep(b, object_name, &m->m.object_name, err) ||
	    keep(b, namespace_name, &m->m.namespace_name, err))
		return HPA_ENOMEM;
	if (index_out)
		*index_out = b->n_metrics;
	b->n_metrics++;
	return 0;
}

size_t hpa_bind_decide_metric_count(const hpa_bind_decide *b)
{
	return b ? b->n_metrics : 0;
}

size_t hpa_bind_decide_metric_find(const hpa_bind_decide *b, int type, const char *name)
{
	size_t i;
	if (!b || !name)
		return SIZE_MAX;
	for (i = 0; i < b->n_metrics; i++)
		if (b->metrics[i].m.type == type && b->metrics[i].m.name && strcmp(b->metrics[i].m.name, name) == 0)
			return i;
	return SIZE_MAX;
}

static bmetric *get_metric(hpa_bind_decide *b, size_t metric, hpa_error *err)
{
	if (!b || metric >= b->n_metrics) {
		fail(err, HPA_ENOTFOUND, "no metric %zu", metric);
		return NULL;
	}
	return &b->metrics[metric];
}

int hpa_bind_decide_metric_set_target(hpa_bind_decide *b, size_t metric, int target_type,
	bool has_average_utilization, int32_t average_utilization, bool has_average_value,
	int64_t average_value_milli, int average_value_format, bool has_value, int64_t value_milli,
	int value_format, hpa_error *err)
{
	bmetric *m = get_metric(b, metric, err);
	if (!m)
		return HPA_ENOTFOUND;
	m->m.target_type = target_type;
	m->m.has_average_utilization = has_average_utilization;
	m->m.average_utilization = average_utilization;
	m->m.has_average_value = has_average_value;
	m->m.average_value_milli = average_value_milli;
	m->m.average_value_format = average_value_format;
	m->m.has_value = has_value;
	m->m.value_milli = value_milli;
	m->m.value_format = value_format;
	return 0;
}

int hpa_bind_decide_metric_set_pod_value(hpa_bind_decide *b, size_t metric, size_t pod, int64_t value_milli,
	int64_t timestamp_ms, int64_t window_ms, hpa_error *err)
{
	bmetric *m = get_metric(b, metric, err);
	hpa_pod_value *v;
	if (!m)
		return HPA_ENOTFOUND;
	if (pod >= b->n_pods)
		return fail(err, HPA_ENOTFOUND, "no pod %zu", pod);
	while (m->cap_pod_values <= pod)
		if (grow((void **)&m->pod_values, &m->cap_pod_values, m->cap_pod_values, sizeof(*m->pod_values)))
			return nomem(err);
	v = &m->pod_values[pod];
	v->pod = b->pods[pod].pod.name;
	v->present = true;
	v->value_milli = value_milli;
	v->timestamp_ms = timestamp_ms;
	v->window_ms = window_ms;
	return 0;
}

int hpa_bind_decide_metric_add_orphan_value(hpa_bind_decide *b, size_t metric, const char *pod,
	int64_t value_milli, int64_t timestamp_ms, int64_t window_ms, hpa_error *err)
{
	bmetric *m = get_metric(b, metric, err);
	hpa_pod_value *v;
	if (!m)
		return HPA_ENOTFOUND;
	if (grow((void **)&m->orphans, &m->cap_orphans, m->n_orphans, sizeof(*m->orphans)))
		return nomem(err);
	v = &m->orphans[m->n_orphans];
	memset(v, 0, sizeof(*v));
	if (keep(b, pod ? pod : "", &v->pod, err))
		return HPA_ENOMEM;
	v->present = true;
	v->value_milli = value_milli;
	v->timestamp_ms = timestamp_ms;
	v->window_ms = window_ms;
	m->n_orphans++;
	return 0;
}

int hpa_bind_decide_metric_set_object_value(hpa_bind_decide *b, size_t metric, int64_t value_milli,
	hpa_error *err)
{
	bmetric *m = get_metric(b, metric, err);
	if (!m)
		return HPA_ENOTFOUND;
	m->m.has_object_value = true;
	m->m.object_value_milli = value_milli;
	return 0;
}

int hpa_bind_decide_metric_add_external_value(hpa_bind_decide *b, size_t metric, int64_t value_milli,
	hpa_error *err)
{
	bmetric *m = get_metric(b, metric, err);
	if (!m)
		return HPA_ENOTFOUND;
	if (grow((void **)&m->externals, &m->cap_externals, m->n_externals, sizeof(*m->externals)))
		return nomem(err);
	m->externals[m->n_externals++] = value_milli;
	return 0;
}

int hpa_bind_decide_metric_set_fetch_failed(hpa_bind_decide *b, size_t metric, const char *message,
	hpa_error *err)
{
	bmetric *m = get_metric(b, metric, err);
	if (!m)
		return HPA_ENOTFOUND;
	m->m.fetch_failed = true;
	return keep(b, message, &m->m.fetch_error, err);
}

/* ---- behavior -------------------------------------------------------------------------------------- */

void hpa_bind_decide_set_behavior(hpa_bind_decide *b, bool present)
{
	if (b)
		b->has_behavior = present;
}

bool hpa_bind_decide_has_behavior(const hpa_bind_decide *b)
{
	return b && b->has_behavior;
}

static brules *get_rules(hpa_bind_decide *b, int direction, hpa_error *err)
{
	if (!b || (direction != HPA_SCALE_UP && direction != HPA_SCALE_DOWN)) {
		fail(err, HPA_EINVAL, "direction must be 1 (scaleUp) or 2 (scaleDown)");
		return NULL;
	}
	return &b->rules[direction - 1];
}

int hpa_bind_decide_rules_set(hpa_bind_decide *b, int direction, bool has_stabilization_window,
	int32_t stabilization_window_seconds, int select_policy, bool has_tolerance, double tolerance,
	hpa_error *err)
{
	brules *r = get_rules(b, direction, err);
	if (!r)
		return HPA_EINVAL;
	b->has_behavior = true;
	r->r.has_stabilization_window = has_stabilization_window;
	r->r.stabilization_window_seconds = stabilization_window_seconds;
	r->r.select_policy = select_policy;
	r->r.has_tolerance = has_tolerance;
	r->r.tolerance = tolerance;
	return 0;
}

int hpa_bind_decide_rules_set_tolerance(hpa_bind_decide *b, int direction, bool has_tolerance, double tolerance,
	hpa_error *err)
{
	brules *r = get_rules(b, direction, err);
	if (!r)
		return HPA_EINVAL;
	r->r.has_tolerance = has_tolerance;
	r->r.tolerance = tolerance;
	return 0;
}

bool hpa_bind_decide_rules_has_tolerance(const hpa_bind_decide *b, int direction)
{
	if (!b || (direction != HPA_SCALE_UP && direction != HPA_SCALE_DOWN))
		return false;
	return b->rules[direction - 1].r.has_tolerance;
}

int hpa_bind_decide_rules_add_policy(hpa_bind_decide *b, int direction, int type, int32_t value,
	int32_t period_seconds, hpa_error *err)
{
	brules *r = get_rules(b, direction, err);
	if (!r)
		return HPA_EINVAL;
	if (grow((void **)&r->policies, &r->cap_policies, r->n_policies, sizeof(*r->policies)))
		return nomem(err);
	r->policies[r->n_policies].type = type;
	r->policies[r->n_policies].value = value;
	r->policies[r->n_policies].period_seconds = period_seconds;
	r->n_policies++;
	r->r.has_policies = true;
	b->has_behavior = true;
	return 0;
}

int hpa_bind_decide_rules_set_has_policies(hpa_bind_decide *b, int direction, bool has, hpa_error *err)
{
	brules *r = get_rules(b, direction, err);
	if (!r)
		return HPA_EINVAL;
	r->r.has_policies = has;
	if (!has)
		r->n_policies = 0;
	return 0;
}

/* ---- assembling the input ------------------------------------------------------------------------------ */

typedef struct {
	hpa_decide_pod *pods;
	hpa_pod_usage *orphan_usage;
	hpa_decide_metric *metrics;
	hpa_pod_value *values;   /* n_metrics x n_pods */
	hpa_decide_behavior behavior;
} scratch;

static void scratch_free(scratch *s)
{
	free(s->pods);
	free(s->orphan_usage);
	free(s->metrics);
	free(s->values);
	memset(s, 0, sizeof(*s));
}

static void fill_behavior(const hpa_bind_decide *b, hpa_decide_behavior *beh)
{
	memset(beh, 0, sizeof(*beh));
	beh->scale_up = b->rules[0].r;
	beh->scale_up.policies = b->rules[0].policies;
	beh->scale_up.n_policies = b->rules[0].n_policies;
	beh->scale_down = b->rules[1].r;
	beh->scale_down.policies = b->rules[1].policies;
	beh->scale_down.n_policies = b->rules[1].n_policies;
}

static int assemble(const hpa_bind_decide *b, hpa_decide_input *in, scratch *s, hpa_error *err)
{
	size_t i, j, np = b->n_pods, nm = b->n_metrics;
	memset(s, 0, sizeof(*s));
	*in = b->in;
	s->pods = calloc(np ? np : 1, sizeof(*s->pods));
	s->orphan_usage = calloc(b->n_orphans ? b->n_orphans : 1, sizeof(*s->orphan_usage));
	s->metrics = calloc(nm ? nm : 1, sizeof(*s->metrics));
	s->values = calloc((nm ? nm : 1) * (np ? np : 1), sizeof(*s->values));
	if (!s->pods || !s->orphan_usage || !s->metrics || !s->values) {
		scratch_free(s);
		return nomem(err);
	}
	for (i = 0; i < np; i++) {
		bpod *p = &b->pods[i];
		s->pods[i] = p->pod;
		s->pods[i].containers = p->containers;
		s->pods[i].n_containers = p->n_containers;
		if (p->has_usage) {
			p->usage.containers = p->usages;
			p->usage.n_containers = p->n_usages;
			s->pods[i].usage = &p->usage;
		} else {
			s->pods[i].usage = NULL;
		}
	}
	for (i = 0; i < b->n_orphans; i++) {
		s->orphan_usage[i] = b->orphans[i].usage;
		s->orphan_usage[i].containers = b->orphans[i].usages;
		s->orphan_usage[i].n_containers = b->orphans[i].n_usages;
	}
	for (i = 0; i < nm; i++) {
		bmetric *m = &b->metrics[i];
		hpa_pod_value *row = s->values + i * (np ? np : 1);
		s->metrics[i] = m->m;
		for (j = 0; j < np; j++) {
			if (j < m->cap_pod_values && m->pod_values[j].present)
				row[j] = m->pod_values[j];
			else
				row[j].pod = b->pods[j].pod.name;
		}
		if (m->m.type == HPA_SOURCE_PODS)
			s->metrics[i].pod_values = row;
		s->metrics[i].orphan_values = m->orphans;
		s->metrics[i].n_orphan_values = m->n_orphans;
		s->metrics[i].external_values = m->externals;
		s->metrics[i].n_external_values = m->n_externals;
	}
	in->pods = s->pods;
	in->n_pods = np;
	in->orphan_usage = s->orphan_usage;
	in->n_orphan_usage = b->n_orphans;
	in->metrics = s->metrics;
	in->n_metrics = nm;
	if (b->has_behavior) {
		fill_behavior(b, &s->behavior);
		in->behavior = &s->behavior;
	} else {
		in->behavior = NULL;
	}
	in->pod_class = NULL;
	return 0;
}

int hpa_bind_decide_run(hpa_bind_decide *b, const hpa_history *history, const hpa_decide_options *opts,
	hpa_decision **out, hpa_error *err)
{
	hpa_decide_input in;
	scratch s;
	hpa_decision *d;
	int rc;
	if (!b || !out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*out = NULL;
	d = calloc(1, sizeof(*d));
	if (!d)
		return nomem(err);
	if ((rc = assemble(b, &in, &s, err)) != 0) {
		free(d);
		return rc;
	}
	free(b->classes);
	b->classes = NULL;
	b->n_class_metrics = b->n_class_pods = 0;
	if (b->record_classes && b->n_pods && b->n_metrics) {
		b->classes = calloc(b->n_metrics * b->n_pods, 1);
		if (!b->classes) {
			scratch_free(&s);
			free(d);
			return nomem(err);
		}
		b->n_class_metrics = b->n_metrics;
		b->n_class_pods = b->n_pods;
		in.pod_class = b->classes;
	}
	rc = hpa_decide(d, &in, history, opts, err);
	scratch_free(&s);
	if (rc) {
		free(d);
		return rc;
	}
	*out = d;
	return 0;
}

int hpa_bind_decide_pod_class(const hpa_bind_decide *b, size_t metric, size_t pod)
{
	if (!b || !b->classes || metric >= b->n_class_metrics || pod >= b->n_class_pods)
		return 0;
	return b->classes[metric * b->n_class_pods + pod];
}

int hpa_bind_decide_metric_eval(const hpa_bind_decide *b, size_t index, const hpa_decide_options *opts,
	hpa_metric_result **out, hpa_error *err)
{
	hpa_decide_input in;
	scratch s;
	hpa_metric_result *r;
	int rc;
	if (!b || !out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*out = NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return nomem(err);
	if ((rc = assemble(b, &in, &s, err)) != 0) {
		free(r);
		return rc;
	}
	rc = hpa_decide_metric_eval(r, &in, index, opts, err);
	scratch_free(&s);
	if (rc) {
		free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int hpa_bind_decide_classify(hpa_bind_decide *b, int resource, const hpa_decide_options *opts, size_t *ready_out,
	hpa_error *err)
{
	hpa_decide_input in;
	scratch s;
	hpa_pod_value *samples;
	size_t i, ready = 0;
	int rc;
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	if ((rc = assemble(b, &in, &s, err)) != 0)
		return rc;
	samples = calloc(b->n_pods ? b->n_pods : 1, sizeof(*samples));
	free(b->classes);
	b->classes = calloc(b->n_pods ? b->n_pods : 1, 1);
	b->n_class_metrics = b->n_class_pods = 0;
	if (!samples || !b->classes) {
		free(samples);
		scratch_free(&s);
		return nomem(err);
	}
	for (i = 0; i < b->n_pods; i++)
		samples[i] = b->pods[i].sample;
	rc = hpa_decide_classify_pods(b->classes, &ready, s.pods, samples, b->n_pods, resource, b->in.now_ms, opts,
		err);
	free(samples);
	scratch_free(&s);
	if (rc)
		return rc;
	b->n_class_metrics = 1;
	b->n_class_pods = b->n_pods;
	if (ready_out)
		*ready_out = ready;
	return 0;
}

int hpa_bind_decide_normalize(const hpa_bind_decide *b, const hpa_history *history, int32_t current_replicas,
	int32_t desired_replicas, int32_t min_replicas, int32_t max_replicas, bool use_behavior,
	const hpa_decide_options *opts, hpa_normalization **out, hpa_error *err)
{
	hpa_normalize_input ni;
	hpa_decide_behavior beh;
	hpa_normalization *nz;
	int rc;
	if (!b || !out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*out = NULL;
	nz = calloc(1, sizeof(*nz));
	if (!nz)
		return nomem(err);
	fill_behavior(b, &beh);
	memset(&ni, 0, sizeof(ni));
	ni.current_replicas = current_replicas;
	ni.desired_replicas = desired_replicas;
	ni.min_replicas = min_replicas;
	ni.max_replicas = max_replicas;
	ni.behavior = use_behavior ? &beh : NULL;
	ni.now_ms = b->in.now_ms;
	rc = hpa_decide_normalize(nz, &ni, history, opts, err);
	if (rc) {
		free(nz);
		return rc;
	}
	*out = nz;
	return 0;
}

int hpa_bind_decide_scale_limits(const hpa_bind_decide *b, const hpa_history *history, int32_t current_replicas,
	const hpa_decide_options *opts, int32_t *up_out, int32_t *down_out, hpa_error *err)
{
	hpa_decide_behavior beh;
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	fill_behavior(b, &beh);
	return hpa_decide_scale_limits(up_out, down_out, current_replicas, &beh, history, b->in.now_ms, opts, err);
}

int hpa_bind_decide_store_scale_event(const hpa_bind_decide *b, hpa_history *history, int32_t prev_replicas,
	int32_t new_replicas, hpa_error *err)
{
	hpa_decide_behavior beh;
	if (!b)
		return fail(err, HPA_EINVAL, "NULL builder");
	fill_behavior(b, &beh);
	return hpa_history_store_scale_event(history, b->has_behavior ? &beh : NULL, prev_replicas, new_replicas,
		b->in.now_ms, err);
}

/* ---- rendering ------------------------------------------------------------------------------------------- */

int hpa_bind_decide_metric_describe(const hpa_bind_decide *b, size_t index, char **text_out, hpa_error *err)
{
	size_t n;
	char *s;
	if (!b || !text_out || index >= b->n_metrics)
		return fail(err, HPA_ENOTFOUND, "no metric %zu", index);
	n = hpa_decide_metric_describe(&b->metrics[index].m, NULL, 0);
	s = malloc(n + 1);
	if (!s)
		return nomem(err);
	hpa_decide_metric_describe(&b->metrics[index].m, s, n + 1);
	*text_out = s;
	return 0;
}

int hpa_bind_input_targets(const hpa_decide_input *in, const hpa_decision *d, size_t index, char **text_out,
	hpa_error *err)
{
	hpa_targets_entry entries[HPA_DECIDE_MAX_METRICS];
	size_t n, len;
	char *text;
	if (!in || !d || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	n = hpa_decision_targets(entries, HPA_DECIDE_MAX_METRICS, d, in);
	if (index != SIZE_MAX) {
		if (index >= n)
			return fail(err, HPA_ENOTFOUND, "no metric %zu", index);
		len = hpa_format_targets(NULL, 0, &entries[index], 1);
		text = malloc(len + 1);
		if (!text)
			return nomem(err);
		hpa_format_targets(text, len + 1, &entries[index], 1);
	} else {
		len = hpa_format_targets(NULL, 0, entries, n);
		text = malloc(len + 1);
		if (!text)
			return nomem(err);
		hpa_format_targets(text, len + 1, entries, n);
	}
	*text_out = text;
	return 0;
}

int hpa_bind_decide_targets(const hpa_bind_decide *b, const hpa_decision *d, size_t index, char **text_out,
	hpa_error *err)
{
	hpa_decide_input in;
	scratch s;
	int rc;
	if (!b || !d || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	if ((rc = assemble(b, &in, &s, err)) != 0)
		return rc;
	rc = hpa_bind_input_targets(&in, d, index, text_out, err);
	scratch_free(&s);
	return rc;
}

int hpa_bind_input_metric_describe(const hpa_decide_input *in, size_t index, char **text_out, hpa_error *err)
{
	size_t n;
	char *s;
	if (!in || !text_out || index >= in->n_metrics)
		return fail(err, HPA_ENOTFOUND, "no metric %zu", index);
	n = hpa_decide_metric_describe(&in->metrics[index], NULL, 0);
	s = malloc(n + 1);
	if (!s)
		return nomem(err);
	hpa_decide_metric_describe(&in->metrics[index], s, n + 1);
	*text_out = s;
	return 0;
}

size_t hpa_bind_input_pod_count(const hpa_decide_input *in)
{
	return in ? in->n_pods : 0;
}

const char *hpa_bind_input_pod_name(const hpa_decide_input *in, size_t pod)
{
	return in && pod < in->n_pods ? in->pods[pod].name : NULL;
}

int hpa_bind_input_pod_class(const hpa_decide_input *in, size_t metric, size_t pod)
{
	if (!in || !in->pod_class || metric >= in->n_metrics || pod >= in->n_pods)
		return 0;
	return in->pod_class[metric * in->n_pods + pod];
}

int64_t hpa_bind_input_now(const hpa_decide_input *in)
{
	return in ? in->now_ms : 0;
}

size_t hpa_bind_input_metric_count(const hpa_decide_input *in)
{
	return in ? in->n_metrics : 0;
}

static const char *stab_name(int v)
{
	static const char *const n[] = { "", "ReadyForNewScale", "ScaleUpStabilized", "ScaleDownStabilized" };
	return v > 0 && v < 4 ? n[v] : "";
}

int hpa_bind_decide_explain(const hpa_bind_decide *b, const hpa_decision *d, char **text_out, hpa_error *err)
{
	sbuf sb = { NULL, 0, 0, 0 };
	size_t i;
	if (!b || !d || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	sb_printf(&sb, "current replicas: %d (min %d, max %d)\n", (int)d->current_replicas, (int)d->min_replicas,
		(int)b->in.max_replicas);
	if (d->metrics_computed && d->n_metrics) {
		sb_puts(&sb, "metrics:\n");
		for (i = 0; i < d->n_metrics && i < b->n_metrics; i++) {
			const hpa_metric_result *r = &d->metrics[i];
			char *name = NULL, *tg = NULL;
			hpa_bind_decide_metric_describe(b, i, &name, NULL);
			hpa_bind_decide_targets(b, d, i, &tg, NULL);
			sb_printf(&sb, "  %s: %s", name ? name : hpa_decide_source_name(r->type), tg ? tg : "");
			if (r->status == HPA_OK) {
				sb_printf(&sb, " -> %d replicas", (int)r->replicas);
				if (r->n_ready || r->n_unready || r->n_missing || r->n_ignored)
					sb_printf(&sb, " (pods: %u ready, %u unready, %u missing, %u ignored%s)",
						(unsigned)r->n_ready, (unsigned)r->n_unready, (unsigned)r->n_missing,
						(unsigned)r->n_ignored, r->rebalanced ? ", rebalanced" : "");
			} else {
				sb_printf(&sb, " -> invalid (%s): %s", r->failure_reason ? r->failure_reason : "error",
					r->message);
			}
			sb_puts(&sb, "\n");
			free(name);
			free(tg);
		}
		if (d->metric_replicas >= 0)
			sb_printf(&sb, "metric replicas (max over metrics): %d\n", (int)d->metric_replicas);
	}
	if (d->prenormalized_replicas >= 0)
		sb_printf(&sb, "recommendation before normalization: %d\n", (int)d->prenormalized_replicas);
	if (d->stabilized_replicas >= 0)
		sb_printf(&sb, "after stabilization: %d%s%s\n", (int)d->stabilized_replicas, d->stabilization ? " " : "",
			stab_name(d->stabilization));
	sb_printf(&sb, "desired replicas: %d (%s)%s\n", (int)d->desired_replicas, hpa_decide_limit_name(d->limit_reason),
		d->rescale ? ", rescale" : "");
	if (d->n_conditions) {
		sb_puts(&sb, "conditions:\n");
		for (i = 0; i < d->n_conditions; i++) {
			const hpa_decision_condition *c = &d->conditions[i];
			sb_printf(&sb, "  %s %s %s: %s\n", hpa_decide_condition_name(c->type),
				hpa_decide_cond_status_name(c->status), c->reason ? c->reason : "", c->message);
		}
	}
	if (d->rescale && d->rescale_reason[0])
		sb_printf(&sb, "event: New size: %d; reason: %s\n", (int)d->desired_replicas, d->rescale_reason);
	if (d->error && d->error_message[0])
		sb_printf(&sb, "error: %s\n", d->error_message);
	return sb_finish(&sb, text_out, err);
}

int hpa_bind_format_duration(int64_t duration_ms, char **text_out, hpa_error *err)
{
	size_t n = hpa_format_duration(NULL, 0, duration_ms);
	char *s = malloc(n + 1);
	if (!s)
		return nomem(err);
	hpa_format_duration(s, n + 1, duration_ms);
	*text_out = s;
	return 0;
}

char *hpa_bind_error_format(int code, size_t line, size_t column, size_t document, const char *path,
	const char *source, const char *message)
{
	hpa_error e = HPA_ERROR_INIT;
	size_t n;
	char *s;
	e.code = code;
	e.line = line;
	e.column = column;
	e.document = document;
	snprintf(e.path, sizeof(e.path), "%s", path ? path : "");
	snprintf(e.source, sizeof(e.source), "%s", source ? source : "");
	snprintf(e.message, sizeof(e.message), "%s", message ? message : "");
	n = hpa_error_format(&e, NULL, 0);
	s = malloc(n + 1);
	if (s)
		hpa_error_format(&e, s, n + 1);
	return s;
}

/* ---- quantities ---------------------------------------------------------------------------------------------- */

static int qfmt_from_quantity(hpa_quantity_fmt f)
{
	switch (f) {
	case HPA_QUANTITY_BINARY_SI:
		return HPA_QFMT_BINARY_SI;
	case HPA_QUANTITY_DECIMAL_EXPONENT:
		return HPA_QFMT_DECIMAL_EXPONENT;
	default:
		return HPA_QFMT_DECIMAL_SI;
	}
}

int hpa_bind_quantity_milli(const char *text, int64_t *milli_out, int *format_out, hpa_error *err)
{
	hpa_quantity *q = NULL;
	int rc;
	if (!text)
		return fail(err, HPA_EINVAL, "NULL argument");
	if ((rc = hpa_quantity_parse(&q, text, err)) != 0)
		return rc;
	rc = hpa_quantity_milli_value(q, milli_out);
	if (rc)
		fail(err, rc, "quantity \"%s\" out of range", text);
	if (format_out)
		*format_out = qfmt_from_quantity(hpa_quantity_format(q));
	hpa_quantity_free(q);
	return rc;
}

int hpa_bind_format_quantity(int64_t milli, int format, char **text_out, hpa_error *err)
{
	hpa_quantity *q = NULL;
	char *c = NULL, *s;
	hpa_quantity_fmt f = format == HPA_QFMT_BINARY_SI ? HPA_QUANTITY_BINARY_SI
		: format == HPA_QFMT_DECIMAL_EXPONENT ? HPA_QUANTITY_DECIMAL_EXPONENT : HPA_QUANTITY_DECIMAL_SI;
	int rc;
	if ((rc = hpa_quantity_from_milli(&q, milli, f, err)) != 0)
		return rc;
	rc = hpa_quantity_canonical(q, &c, err);
	hpa_quantity_free(q);
	if (rc)
		return rc;
	s = xstrdup(c);
	hpa_free(c);
	if (!s)
		return nomem(err);
	*text_out = s;
	return 0;
}

int hpa_bind_path_join(const char *parent, const char *key, char **text_out, hpa_error *err)
{
	sbuf sb = { NULL, 0, 0, 0 };
	const char *k;
	bool plain = key && *key;
	if (!key || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	for (k = key; *k && plain; k++)
		if (*k == '.' || *k == '[' || *k == ']' || *k == '"' || *k == '\\')
			plain = false;
	if (parent && *parent)
		sb_puts(&sb, parent);
	if (plain) {
		if (parent && *parent)
			sb_puts(&sb, ".");
		sb_puts(&sb, key);
	} else {
		sb_puts(&sb, "[\"");
		for (k = key; *k; k++) {
			if (*k == '"' || *k == '\\')
				sb_putn(&sb, "\\", 1);
			sb_putn(&sb, k, 1);
		}
		sb_puts(&sb, "\"]");
	}
	return sb_finish(&sb, text_out, err);
}

/* ---- kubectl get hpa (the explain module's rows) ---------------------------------------------------------------- */

int hpa_bind_hpa_row(const hpa_object *hpa, int64_t now_ms, char **text_out, hpa_error *err)
{
	hpa_hpa_row row;
	hpa_targets_entry entries[HPA_DECIDE_MAX_METRICS];
	size_t n;
	char *s;
	int rc;
	if (!hpa || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	if ((rc = hpa_explain_hpa_row(&row, entries, HPA_DECIDE_MAX_METRICS, hpa, now_ms, err)) != 0)
		return rc;
	n = hpa_format_hpa_row(NULL, 0, &row);
	s = malloc(n + 1);
	if (!s)
		return nomem(err);
	hpa_format_hpa_row(s, n + 1, &row);
	*text_out = s;
	return 0;
}

int hpa_bind_hpa_table(const hpa_manifest *manifest, int64_t now_ms, unsigned int flags, char **out,
	size_t *len_out, hpa_error *err)
{
	const hpa_object **hpas;
	size_t i, k = 0, n;
	int rc;
	if (!manifest || !out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*out = NULL;
	n = hpa_manifest_count(manifest);
	hpas = calloc(n ? n : 1, sizeof(*hpas));
	if (!hpas)
		return nomem(err);
	for (i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(manifest, i);
		if (strcmp(hpa_object_kind_name(o), "HorizontalPodAutoscaler") == 0)
			hpas[k++] = o;
	}
	rc = hpa_explain_hpa_table(out, len_out, hpas, k, now_ms, flags, err);
	free(hpas);
	return rc;
}

/* ---- codec, lint and validation with plain arguments ------------------------------------------------------------ */

int hpa_bind_parse(hpa_manifest **out, const char *buf, size_t len, int format, unsigned int flags,
	const char *source_name, size_t max_input_bytes, size_t max_depth, size_t max_documents, size_t max_aliases,
	size_t max_scalar_bytes, hpa_error *err)
{
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	po.flags = flags;
	po.source_name = source_name && *source_name ? source_name : NULL;
	if (max_input_bytes)
		po.max_input_bytes = max_input_bytes;
	if (max_depth)
		po.max_depth = max_depth;
	if (max_documents)
		po.max_documents = max_documents;
	if (max_aliases)
		po.max_aliases = max_aliases;
	if (max_scalar_bytes)
		po.max_scalar_bytes = max_scalar_bytes;
	switch (format) {
	case 0:
		return hpa_manifest_parse(out, buf, len, &po, err);
	case 1:
		return hpa_manifest_parse_yaml(out, buf, len, &po, err);
	case 2:
		return hpa_manifest_parse_json(out, buf, len, &po, err);
	default:
		if (out)
			*out = NULL;
		return fail(err, HPA_EINVAL, "unknown format %d", format);
	}
}

int hpa_bind_write(const hpa_manifest *manifest, int format, unsigned int flags, unsigned int indent, char **out,
	size_t *len_out, hpa_error *err)
{
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	wo.flags = flags;
	wo.indent = indent;
	if (format == 2)
		return hpa_manifest_write_json(manifest, out, len_out, &wo, err);
	if (format == 0 || format == 1)
		return hpa_manifest_write_yaml(manifest, out, len_out, &wo, err);
	if (out)
		*out = NULL;
	return fail(err, HPA_EINVAL, "unknown format %d", format);
}

int hpa_bind_write_object(const hpa_object *obj, int format, unsigned int flags, unsigned int indent, char **out,
	size_t *len_out, hpa_error *err)
{
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	wo.flags = flags;
	wo.indent = indent;
	if (format == 2)
		return hpa_object_write_json(obj, out, len_out, &wo, err);
	if (format == 0 || format == 1)
		return hpa_object_write_yaml(obj, out, len_out, &wo, err);
	if (out)
		*out = NULL;
	return fail(err, HPA_EINVAL, "unknown format %d", format);
}

int hpa_bind_lint(const hpa_manifest *manifest, unsigned int flags, int min_severity, const char *disable,
	const char *enable, int32_t tolerance_milli, hpa_diagnostics **out, hpa_error *err)
{
	hpa_lint_options lo = HPA_LINT_OPTIONS_INIT;
	int rc;
	lo.flags = flags;
	if (min_severity)
		lo.min_severity = min_severity;
	lo.disable = disable && *disable ? disable : NULL;
	lo.enable = enable && *enable ? enable : NULL;
	if (tolerance_milli >= 0)
		lo.tolerance_milli = tolerance_milli;
	rc = hpa_manifest_lint(manifest, &lo, out, err);
	if (rc == HPA_EVALIDATION && out && *out) {
		if (err)
			hpa_error_init(err, HPA_ERROR_VERSION);
		return 0;
	}
	return rc;
}

int hpa_bind_validate(const hpa_manifest *manifest, const hpa_object *obj, unsigned int flags,
	hpa_diagnostics **out, hpa_error *err)
{
	hpa_validate_options vo = HPA_VALIDATE_OPTIONS_INIT;
	int rc;
	vo.flags = flags;
	rc = manifest ? hpa_manifest_validate(manifest, &vo, out, err) : hpa_object_validate(obj, &vo, out, err);
	if (rc == HPA_EVALIDATION && out && *out) {
		if (err)
			hpa_error_init(err, HPA_ERROR_VERSION);
		return 0;
	}
	return rc;
}

/* ---- helpers for the language files -------------------------------------------------------------------------- */

size_t hpa_bind_addr(const void *handle)
{
	return (size_t)(uintptr_t)handle;
}

void hpa_bind_path_init(hpa_bind_path *pb, const char *start)
{
	memset(pb, 0, sizeof(*pb));
	if (start && *start) {
		size_t n = strlen(start);
		pb->cap = n + 64;
		pb->p = malloc(pb->cap);
		if (!pb->p) {
			pb->oom = 1;
			pb->cap = 0;
			return;
		}
		memcpy(pb->p, start, n + 1);
		pb->len = n;
	}
}

void hpa_bind_path_free(hpa_bind_path *pb)
{
	free(pb->p);
	memset(pb, 0, sizeof(*pb));
}

static void pb_put(hpa_bind_path *pb, const char *s, size_t n)
{
	if (pb->oom)
		return;
	if (pb->len + n + 1 > pb->cap) {
		size_t ncap = pb->cap ? pb->cap * 2 : 128;
		char *np;
		while (ncap < pb->len + n + 1)
			ncap *= 2;
		np = realloc(pb->p, ncap);
		if (!np) {
			pb->oom = 1;
			return;
		}
		pb->p = np;
		pb->cap = ncap;
	}
	memcpy(pb->p + pb->len, s, n);
	pb->len += n;
	pb->p[pb->len] = '\0';
}

size_t hpa_bind_path_push(hpa_bind_path *pb, const char *key, size_t index)
{
	size_t old = pb->len;
	const char *k;
	bool plain;
	if (!key) {
		char tmp[32];
		int n = snprintf(tmp, sizeof(tmp), "[%zu]", index);
		pb_put(pb, tmp, (size_t)n);
		return old;
	}
	plain = *key != '\0';
	for (k = key; *k && plain; k++)
		if (*k == '.' || *k == '[' || *k == ']' || *k == '"' || *k == '\\')
			plain = false;
	if (plain) {
		if (pb->len)
			pb_put(pb, ".", 1);
		pb_put(pb, key, strlen(key));
	} else {
		pb_put(pb, "[\"", 2);
		for (k = key; *k; k++) {
			if (*k == '"' || *k == '\\')
				pb_put(pb, "\\", 1);
			pb_put(pb, k, 1);
		}
		pb_put(pb, "\"]", 2);
	}
	return old;
}

void hpa_bind_path_pop(hpa_bind_path *pb, size_t len)
{
	if (len <= pb->len && pb->p) {
		pb->len = len;
		pb->p[len] = '\0';
	}
}

int hpa_bind_int_text(const char *text, int64_t *out)
{
	const char *p = text;
	int neg = 0, base = 10, any = 0;
	uint64_t v = 0, lim;
	if (!p)
		return -1;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) {
		base = 8;
		p += 2;
	} else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
		base = 2;
		p += 2;
	} else if (p[0] == '0' && p[1]) {
		base = 8;
		p++;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *p; p++) {
		int d;
		if (*p == '_')
			continue;
		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			d = *p - 'A' + 10;
		else
			return -1;
		if (d >= base)
			return -1;
		if (v > (lim - (uint64_t)d) / (uint64_t)base)
			return -1;
		v = v * (uint64_t)base + (uint64_t)d;
		any = 1;
	}
	if (!any && base != 8)
		return -1;
	if (neg)
		*out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
	else
		*out = (int64_t)v;
	return 0;
}

int hpa_bind_bool_text(const char *text, bool *out)
{
	static const char *const yes[] = { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", NULL };
	static const char *const no[] = { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", NULL };
	size_t i;
	if (!text)
		return -1;
	for (i = 0; yes[i]; i++)
		if (strcmp(text, yes[i]) == 0) {
			*out = true;
			return 0;
		}
	for (i = 0; no[i]; i++)
		if (strcmp(text, no[i]) == 0) {
			*out = false;
			return 0;
		}
	return -1;
}

int hpa_bind_model_render(const hpa_model *model, unsigned int flags, int path_rule, const char *profile,
	hpa_manifest **out, hpa_error *err)
{
	hpa_render_options ro = HPA_RENDER_OPTIONS_INIT;
	ro.flags = flags;
	ro.path_rule = (hpa_path_rule)path_rule;
	ro.profile = profile && *profile ? profile : NULL;
	return hpa_model_render(model, &ro, out, err);
}

int hpa_bind_model_prerequisites(const hpa_model *model, unsigned int flags, int path_rule, const char *profile,
	char **out, size_t *len_out, hpa_error *err)
{
	hpa_render_options ro = HPA_RENDER_OPTIONS_INIT;
	ro.flags = flags;
	ro.path_rule = (hpa_path_rule)path_rule;
	ro.profile = profile && *profile ? profile : NULL;
	return hpa_model_prerequisites(model, &ro, out, len_out, err);
}
