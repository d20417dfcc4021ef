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

int hpa_bind_decide_targets(const hpa_bind_decide *b, const hpa_decision *d, size_t index, char **text_out,
	hpa_error *err)
{
	hpa_decide_input in;
	scratch s;
	hpa_targets_entry entries[HPA_DECIDE_MAX_METRICS];
	size_t n, len;
	char *text;
	int rc;
	if (!b || !d || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	if ((rc = assemble(b, &in, &s, err)) != 0)
		return rc;
	n = hpa_decision_targets(entries, HPA_DECIDE_MAX_METRICS, d, &in);
	scratch_free(&s);
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

/* ---- parsing helpers ------------------------------------------------------------------------------------------ */

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int hpa_bind_parse_time(const char *text, int64_t *ms_out, hpa_error *err)
{
	int Y, M, D, h, mi, sec, ms = 0, off = 0;
	const char *p;
	if (!text || !ms_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	if (strlen(text) < 20 || digits(text, 4, &Y) || text[4] != '-' || digits(text + 5, 2, &M) || text[7] != '-' ||
	    digits(text + 8, 2, &D) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
	    digits(text + 11, 2, &h) || text[13] != ':' || digits(text + 14, 2, &mi) || text[16] != ':' ||
	    digits(text + 17, 2, &sec) || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || mi > 59 || sec > 60)
		return fail(err, HPA_ESYNTAX, "not an RFC 3339 time: \"%s\"", text);
	p = text + 19;
	if (*p == '.') {
		int scale = 100;
		p++;
		if (*p < '0' || *p > '9')
			return fail(err, HPA_ESYNTAX, "not an RFC 3339 time: \"%s\"", text);
		while (*p >= '0' && *p <= '9') {
			ms += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh, om;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om))
			return fail(err, HPA_ESYNTAX, "not an RFC 3339 time: \"%s\"", text);
		off = (oh * 60 + om) * (*p == '-' ? -1 : 1);
		p += 6;
	} else {
		return fail(err, HPA_ESYNTAX, "not an RFC 3339 time: \"%s\"", text);
	}
	if (*p)
		return fail(err, HPA_ESYNTAX, "not an RFC 3339 time: \"%s\"", text);
	*ms_out = ((days_from_civil(Y, (unsigned)M, (unsigned)D) * 86400 + h * 3600 + mi * 60 + sec) - (int64_t)off * 60) *
		1000 + ms;
	return 0;
}

int hpa_bind_parse_duration(const char *text, int64_t *ms_out, hpa_error *err)
{
	const char *p = text;
	double total = 0;
	int neg = 0;
	if (!text || !ms_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (strcmp(p, "0") == 0) {
		*ms_out = 0;
		return 0;
	}
	if (!*p)
		return fail(err, HPA_ESYNTAX, "not a duration: \"%s\"", text);
	while (*p) {
		double v = 0, scale;
		int any = 0;
		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p++ - '0');
			any = 1;
		}
		if (*p == '.') {
			double f = 0.1;
			p++;
			while (*p >= '0' && *p <= '9') {
				v += (*p++ - '0') * f;
				f /= 10;
				any = 1;
			}
		}
		if (!any)
			return fail(err, HPA_ESYNTAX, "not a duration: \"%s\"", text);
		if (strncmp(p, "ns", 2) == 0) {
			scale = 1e-6;
			p += 2;
		} else if (strncmp(p, "us", 2) == 0) {
			scale = 1e-3;
			p += 2;
		} else if (strncmp(p, "\xc2\xb5s", 3) == 0) {
			scale = 1e-3;
			p += 3;
		} else if (strncmp(p, "ms", 2) == 0) {
			scale = 1;
			p += 2;
		} else if (*p == 's') {
			scale = 1000;
			p++;
		} else if (*p == 'm') {
			scale = 60000;
			p++;
		} else if (*p == 'h') {
			scale = 3600000;
			p++;
		} else {
			return fail(err, HPA_ESYNTAX, "not a duration (missing unit): \"%s\"", text);
		}
		total += v * scale;
	}
	if (total > 9.2e18)
		return fail(err, HPA_ERANGE, "duration out of range: \"%s\"", text);
	*ms_out = (int64_t)(total + 0.5) * (neg ? -1 : 1);
	return 0;
}

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

/* ---- reading objects (path API) ------------------------------------------------------------------------------ */

/* path printf into a fixed buffer; an over-long path reads as absent */
static const char *pf(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static const char *pf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size)
		return "\x01";  /* malformed: never present */
	return buf;
}

static const char *get_str(const hpa_object *o, const char *path)
{
	const char *s = NULL;
	if (hpa_object_type(o, path) != HPA_VALUE_STRING)
		return NULL;
	if (hpa_object_get_text(o, path, &s, NULL))
		return NULL;
	return s;
}

static bool get_i64(const hpa_object *o, const char *path, int64_t *out)
{
	const char *t = NULL;
	if (hpa_object_type(o, path) != HPA_VALUE_INT)
		return false;
	if (hpa_object_get_int64(o, path, out, NULL) == 0)
		return true;
	/* a quantity or generic field stored as an integer: read its text */
	if (hpa_object_get_text(o, path, &t, NULL) == 0 && t) {
		char *end;
		long long v;
		errno = 0;
		v = strtoll(t, &end, 0);
		if (!errno && !*end) {
			*out = v;
			return true;
		}
	}
	return false;
}

static bool get_i32(const hpa_object *o, const char *path, int32_t *out)
{
	int64_t v;
	if (!get_i64(o, path, &v) || v < INT32_MIN || v > INT32_MAX)
		return false;
	*out = (int32_t)v;
	return true;
}

/* a quantity written as a string or a number */
static int get_qty(const hpa_object *o, const char *path, int64_t *milli, int *format, hpa_error *err)
{
	const char *t = NULL;
	hpa_value_type ty = hpa_object_type(o, path);
	if (ty != HPA_VALUE_STRING && ty != HPA_VALUE_INT && ty != HPA_VALUE_FLOAT)
		return HPA_ENOTFOUND;
	if (hpa_object_get_text(o, path, &t, err) || !t)
		return fail(err, HPA_ETYPE, "%s: not a quantity", path);
	if (hpa_bind_quantity_milli(t, milli, format, err)) {
		if (err)
			snprintf(err->path, sizeof(err->path), "%s", path);
		return err ? err->code : HPA_ESYNTAX;
	}
	return 0;
}

static int get_time(const hpa_object *o, const char *path, int64_t *ms, hpa_error *err)
{
	const char *t = get_str(o, path);
	if (!t)
		return HPA_ENOTFOUND;
	if (hpa_bind_parse_time(t, ms, err)) {
		if (err)
			snprintf(err->path, sizeof(err->path), "%s", path);
		return HPA_ESYNTAX;
	}
	return 0;
}

static int resource_of(const char *name)
{
	if (!name)
		return 0;
	if (strcmp(name, "cpu") == 0)
		return HPA_RESOURCE_CPU;
	if (strcmp(name, "memory") == 0)
		return HPA_RESOURCE_MEMORY;
	return 0;
}

/* requests/usage map (cpu, memory) at path into set + milli values */
static int read_resources(const hpa_object *o, const char *path, unsigned int *set, int64_t *cpu, int64_t *mem,
	hpa_error *err)
{
	char p[512];
	int rc;
	*set = 0;
	*cpu = *mem = 0;
	rc = get_qty(o, pf(p, sizeof(p), "%s.cpu", path), cpu, NULL, err);
	if (rc == 0)
		*set |= HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
	else if (rc != HPA_ENOTFOUND)
		return rc;
	rc = get_qty(o, pf(p, sizeof(p), "%s.memory", path), mem, NULL, err);
	if (rc == 0)
		*set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
	else if (rc != HPA_ENOTFOUND)
		return rc;
	return 0;
}

/* the metric's target at path (MetricTarget) */
static int read_target(hpa_bind_decide *b, size_t mi, const hpa_object *o, const char *path, hpa_error *err)
{
	char p[512];
	const char *tt = get_str(o, pf(p, sizeof(p), "%s.type", path));
	int type = 0, avf = 0, vf = 0, rc;
	int32_t util = 0;
	int64_t av = 0, v = 0;
	bool has_util, has_av = false, has_v = false;
	if (tt && strcmp(tt, "Utilization") == 0)
		type = HPA_TARGET_UTILIZATION;
	else if (tt && strcmp(tt, "AverageValue") == 0)
		type = HPA_TARGET_AVERAGE_VALUE;
	else if (tt && strcmp(tt, "Value") == 0)
		type = HPA_TARGET_VALUE;
	has_util = get_i32(o, pf(p, sizeof(p), "%s.averageUtilization", path), &util);
	rc = get_qty(o, pf(p, sizeof(p), "%s.averageValue", path), &av, &avf, err);
	if (rc == 0)
		has_av = true;
	else if (rc != HPA_ENOTFOUND)
		return rc;
	rc = get_qty(o, pf(p, sizeof(p), "%s.value", path), &v, &vf, err);
	if (rc == 0)
		has_v = true;
	else if (rc != HPA_ENOTFOUND)
		return rc;
	return hpa_bind_decide_metric_set_target(b, mi, type, has_util, util, has_av, av, avf, has_v, v, vf, err);
}

static int read_rules(hpa_bind_decide *b, const hpa_object *o, const char *path, int dir, hpa_error *err)
{
	char p[512];
	const char *sp;
	int32_t win = 0;
	bool has_win, has_tol = false;
	int sel = 0, rc;
	int64_t tol_milli = 0;
	size_t i, n;
	if (!hpa_object_has(o, path))
		return 0;
	has_win = get_i32(o, pf(p, sizeof(p), "%s.stabilizationWindowSeconds", path), &win);
	sp = get_str(o, pf(p, sizeof(p), "%s.selectPolicy", path));
	if (sp)
		sel = strcmp(sp, "Max") == 0 ? HPA_SELECT_MAX : strcmp(sp, "Min") == 0 ? HPA_SELECT_MIN
			: strcmp(sp, "Disabled") == 0 ? HPA_SELECT_DISABLED : 0;
	if (sp && !sel)
		return fail(err, HPA_EINVAL, "%s.selectPolicy: unknown value \"%s\"", path, sp);
	rc = get_qty(o, pf(p, sizeof(p), "%s.tolerance", path), &tol_milli, NULL, err);
	if (rc == 0)
		has_tol = true;
	else if (rc != HPA_ENOTFOUND)
		return rc;
	if ((rc = hpa_bind_decide_rules_set(b, dir, has_win, win, sel, has_tol, (double)tol_milli / 1000.0, err)) != 0)
		return rc;
	pf(p, sizeof(p), "%s.policies", path);
	if (hpa_object_type(o, p) == HPA_VALUE_LIST) {
		if ((rc = hpa_bind_decide_rules_set_has_policies(b, dir, true, err)) != 0)
			return rc;
		n = hpa_object_count(o, p);
		for (i = 0; i < n; i++) {
			char q[600];
			const char *t = get_str(o, pf(q, sizeof(q), "%s.policies[%zu].type", path, i));
			int32_t value = 0, period = 0;
			int pt = t && strcmp(t, "Pods") == 0 ? HPA_POLICY_PODS : t && strcmp(t, "Percent") == 0
				? HPA_POLICY_PERCENT : 0;
			if (!pt)
				return fail(err, HPA_EINVAL, "%s.policies[%zu].type: unknown value \"%s\"", path, i,
					t ? t : "");
			get_i32(o, pf(q, sizeof(q), "%s.policies[%zu].value", path, i), &value);
			get_i32(o, pf(q, sizeof(q), "%s.policies[%zu].periodSeconds", path, i), &period);
			if ((rc = hpa_bind_decide_rules_add_policy(b, dir, pt, value, period, err)) != 0)
				return rc;
		}
	}
	return 0;
}

/* label selector at path (matchLabels + matchExpressions) as text and a matcher */
typedef struct {
	const hpa_object *o;
	char path[256];
	bool present;
} selector_ref;

static void selector_text(const selector_ref *s, sbuf *sb)
{
	char p[600];
	size_t i, n, j, m;
	bool first = true;
	pf(p, sizeof(p), "%s.matchLabels", s->path);
	n = hpa_object_count(s->o, p);
	/* labels.SelectorFromSet sorts by key */
	{
		const char **keys = calloc(n ? n : 1, sizeof(*keys));
		if (!keys) {
			sb->oom = 1;
			return;
		}
		for (i = 0; i < n; i++)
			keys[i] = hpa_object_key_at(s->o, p, i);
		for (i = 1; i < n; i++)
			for (j = i; j > 0 && keys[j - 1] && keys[j] && strcmp(keys[j - 1], keys[j]) > 0; j--) {
				const char *t = keys[j];
				keys[j] = keys[j - 1];
				keys[j - 1] = t;
			}
		for (i = 0; i < n; i++) {
			char *kp = NULL;
			const char *v;
			if (!keys[i] || hpa_bind_path_join(p, keys[i], &kp, NULL))
				continue;
			v = get_str(s->o, kp);
			sb_printf(sb, "%s%s=%s", first ? "" : ",", keys[i], v ? v : "");
			first = false;
			free(kp);
		}
		free(keys);
	}
	pf(p, sizeof(p), "%s.matchExpressions", s->path);
	n = hpa_object_count(s->o, p);
	for (i = 0; i < n; i++) {
		char q[700];
		const char *key = get_str(s->o, pf(q, sizeof(q), "%s[%zu].key", p, i));
		const char *op = get_str(s->o, pf(q, sizeof(q), "%s[%zu].operator", p, i));
		if (!key || !op)
			continue;
		sb_puts(sb, first ? "" : ",");
		first = false;
		if (strcmp(op, "Exists") == 0) {
			sb_puts(sb, key);
		} else if (strcmp(op, "DoesNotExist") == 0) {
			sb_printf(sb, "!%s", key);
		} else {
			sb_printf(sb, "%s %s (", key, strcmp(op, "In") == 0 ? "in" : "notin");
			pf(q, sizeof(q), "%s[%zu].values", p, i);
			m = hpa_object_count(s->o, q);
			for (j = 0; j < m; j++) {
				char r[800];
				const char *v = get_str(s->o, pf(r, sizeof(r), "%s[%zu]", q, j));
				sb_printf(sb, "%s%s", j ? "," : "", v ? v : "");
			}
			sb_puts(sb, ")");
		}
	}
}

static const char *label_of(const hpa_object *pod, const char *key)
{
	char *kp = NULL;
	const char *v;
	if (hpa_bind_path_join("metadata.labels", key, &kp, NULL))
		return NULL;
	v = get_str(pod, kp);
	free(kp);
	return v;
}

static bool selector_matches(const selector_ref *s, const hpa_object *pod)
{
	char p[600];
	size_t i, n, j, m;
	pf(p, sizeof(p), "%s.matchLabels", s->path);
	n = hpa_object_count(s->o, p);
	for (i = 0; i < n; i++) {
		const char *k = hpa_object_key_at(s->o, p, i), *want, *have;
		char *kp = NULL;
		if (!k || hpa_bind_path_join(p, k, &kp, NULL))
			return false;
		want = get_str(s->o, kp);
		free(kp);
		have = label_of(pod, k);
		if (!want || !have || strcmp(want, have) != 0)
			return false;
	}
	pf(p, sizeof(p), "%s.matchExpressions", s->path);
	n = hpa_object_count(s->o, p);
	for (i = 0; i < n; i++) {
		char q[700];
		const char *key = get_str(s->o, pf(q, sizeof(q), "%s[%zu].key", p, i));
		const char *op = get_str(s->o, pf(q, sizeof(q), "%s[%zu].operator", p, i));
		const char *have;
		bool in = false;
		if (!key || !op)
			return false;
		have = label_of(pod, key);
		if (strcmp(op, "Exists") == 0) {
			if (!have)
				return false;
			continue;
		}
		if (strcmp(op, "DoesNotExist") == 0) {
			if (have)
				return false;
			continue;
		}
		pf(q, sizeof(q), "%s[%zu].values", p, i);
		m = hpa_object_count(s->o, q);
		for (j = 0; j < m && have; j++) {
			char r[800];
			const char *v = get_str(s->o, pf(r, sizeof(r), "%s[%zu]", q, j));
			if (v && strcmp(v, have) == 0)
				in = true;
		}
		if (strcmp(op, "In") == 0 ? !in : (strcmp(op, "NotIn") == 0 ? in : true))
			return false;
	}
	return true;
}

static int read_pod(hpa_bind_decide *b, const hpa_object *pod, hpa_error *err)
{
	const char *name = hpa_object_name(pod), *phase = get_str(pod, "status.phase");
	int ph = 0, ready = 0, rc;
	int64_t rt = HPA_TIME_ZERO, st = 0;
	bool has_start;
	size_t i, n, idx;
	unsigned int set;
	int64_t cpu, mem;
	char p[256];
	if (phase)
		ph = strcmp(phase, "Running") == 0 ? HPA_PHASE_RUNNING : strcmp(phase, "Pending") == 0 ? HPA_PHASE_PENDING
			: strcmp(phase, "Succeeded") == 0 ? HPA_PHASE_SUCCEEDED : strcmp(phase, "Failed") == 0
			? HPA_PHASE_FAILED : HPA_PHASE_UNKNOWN;
	n = hpa_object_count(pod, "status.conditions");
	for (i = 0; i < n; i++) {
		const char *t = get_str(pod, pf(p, sizeof(p), "status.conditions[%zu].type", i)), *s;
		if (!t || strcmp(t, "Ready") != 0)
			continue;
		s = get_str(pod, pf(p, sizeof(p), "status.conditions[%zu].status", i));
		ready = s && strcmp(s, "True") == 0 ? HPA_COND_TRUE : s && strcmp(s, "False") == 0 ? HPA_COND_FALSE
			: HPA_COND_UNKNOWN;
		rc = get_time(pod, pf(p, sizeof(p), "status.conditions[%zu].lastTransitionTime", i), &rt, err);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		break;
	}
	rc = get_time(pod, "status.startTime", &st, err);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	has_start = rc == 0;
	if (err)
		hpa_error_init(err, HPA_ERROR_VERSION);
	if ((rc = hpa_bind_decide_add_pod(b, name, ph, ready, rt, has_start, st,
		     hpa_object_has(pod, "metadata.deletionTimestamp"), &idx, err)) != 0)
		return rc;
	n = hpa_object_count(pod, "spec.containers");
	for (i = 0; i < n; i++) {
		if ((rc = read_resources(pod, pf(p, sizeof(p), "spec.containers[%zu].resources.requests", i), &set, &cpu,
			     &mem, err)) != 0)
			return rc;
		if ((rc = hpa_bind_decide_pod_add_container(b, idx, get_str(pod, pf(p, sizeof(p),
			     "spec.containers[%zu].name", i)), HPA_CONTAINER_APP, set, cpu, mem, err)) != 0)
			return rc;
	}
	n = hpa_object_count(pod, "spec.initContainers");
	for (i = 0; i < n; i++) {
		const char *rp = get_str(pod, pf(p, sizeof(p), "spec.initContainers[%zu].restartPolicy", i));
		if ((rc = read_resources(pod, pf(p, sizeof(p), "spec.initContainers[%zu].resources.requests", i), &set,
			     &cpu, &mem, err)) != 0)
			return rc;
		if ((rc = hpa_bind_decide_pod_add_container(b, idx, get_str(pod, pf(p, sizeof(p),
			     "spec.initContainers[%zu].name", i)), rp && strcmp(rp, "Always") == 0 ? HPA_CONTAINER_SIDECAR
			     : HPA_CONTAINER_INIT, set, cpu, mem, err)) != 0)
			return rc;
	}
	if ((rc = read_resources(pod, "spec.resources.requests", &set, &cpu, &mem, err)) != 0)
		return rc;
	if (set && (rc = hpa_bind_decide_pod_set_requests(b, idx, set, cpu, mem, err)) != 0)
		return rc;
	return 0;
}

static int read_pod_metrics(hpa_bind_decide *b, const hpa_object *pm, hpa_error *err)
{
	const char *name = hpa_object_name(pm), *w = get_str(pm, "window");
	int64_t ts = HPA_TIME_ZERO, win = 60000;
	size_t i, n, pod = SIZE_MAX, oi = 0;
	char p[256];
	int rc;
	rc = get_time(pm, "timestamp", &ts, err);
	if (rc && rc != HPA_ENOTFOUND)
		return rc;
	if (w && (rc = hpa_bind_parse_duration(w, &win, err)) != 0) {
		if (err)
			snprintf(err->path, sizeof(err->path), "window");
		return rc;
	}
	for (i = 0; i < b->n_pods; i++)
		if (strcmp(b->pods[i].pod.name, name) == 0) {
			pod = i;
			break;
		}
	if (pod != SIZE_MAX)
		rc = hpa_bind_decide_pod_set_usage(b, pod, ts, win, err);
	else
		rc = hpa_bind_decide_add_orphan_usage(b, name, ts, win, &oi, err);
	if (rc)
		return rc;
	n = hpa_object_count(pm, "containers");
	for (i = 0; i < n; i++) {
		unsigned int set;
		int64_t cpu, mem;
		const char *cn = get_str(pm, pf(p, sizeof(p), "containers[%zu].name", i));
		if ((rc = read_resources(pm, pf(p, sizeof(p), "containers[%zu].usage", i), &set, &cpu, &mem, err)) != 0)
			return rc;
		rc = pod != SIZE_MAX ? hpa_bind_decide_pod_add_usage(b, pod, cn, set, cpu, mem, err)
			: hpa_bind_decide_orphan_add_usage(b, oi, cn, set, cpu, mem, err);
		if (rc)
			return rc;
	}
	return 0;
}

int hpa_bind_decide_from_objects(hpa_bind_decide *b, const hpa_object *hpa, const hpa_object *target,
	const hpa_manifest *pods, const hpa_manifest *pod_metrics, hpa_error *err)
{
	int32_t minr = 1, maxr = 0, v32;
	bool has_min;
	size_t i, n;
	char p[256];
	const char *ns;
	int rc;
	selector_ref sel;
	if (!b || !hpa)
		return fail(err, HPA_EINVAL, "NULL argument");
	if (strcmp(hpa_object_kind_name(hpa), "HorizontalPodAutoscaler") != 0)
		return fail(err, HPA_EINVAL, "expected a HorizontalPodAutoscaler, got %s", hpa_object_kind_name(hpa));
	ns = hpa_object_namespace(hpa);
	if (!*ns)
		ns = "default";
	has_min = get_i32(hpa, "spec.minReplicas", &minr);
	if (!get_i32(hpa, "spec.maxReplicas", &maxr))
		return fail(err, HPA_EMISSING, "spec.maxReplicas: Required value");
	hpa_bind_decide_set_spec(b, has_min, minr, maxr);
	/* metrics */
	n = hpa_object_count(hpa, "spec.metrics");
	for (i = 0; i < n; i++) {
		const char *type = get_str(hpa, pf(p, sizeof(p), "spec.metrics[%zu].type", i));
		size_t mi;
		char q[320];
		if (!type)
			return fail(err, HPA_EMISSING, "spec.metrics[%zu].type: Required value", i);
		if (strcmp(type, "Resource") == 0 || strcmp(type, "ContainerResource") == 0) {
			bool cr = type[0] == 'C';
			const char *sect = cr ? "containerResource" : "resource";
			const char *rn = get_str(hpa, pf(q, sizeof(q), "spec.metrics[%zu].%s.name", i, sect));
			int res = resource_of(rn);
			if (!res)
				return fail(err, HPA_EUNSUPPORTED, "spec.metrics[%zu].%s.name: resource \"%s\" has no metrics "
					"source (cpu and memory only)", i, sect, rn ? rn : "");
			if ((rc = hpa_bind_decide_add_metric(b, cr ? HPA_SOURCE_CONTAINER_RESOURCE : HPA_SOURCE_RESOURCE, type,
				     res, cr ? get_str(hpa, pf(q, sizeof(q), "spec.metrics[%zu].containerResource.container",
				     i)) : NULL, NULL, NULL, NULL, NULL, ns, &mi, err)) != 0)
				return rc;
			rc = read_target(b, mi, hpa, pf(q, sizeof(q), "spec.metrics[%zu].%s.target", i, sect), err);
		} else if (strcmp(type, "Pods") == 0) {
			if ((rc = hpa_bind_decide_add_metric(b, HPA_SOURCE_PODS, type, 0, NULL, get_str(hpa, pf(q, sizeof(q),
				     "spec.metrics[%zu].pods.metric.name", i)), NULL, NULL, NULL, ns, &mi, err)) != 0)
				return rc;
			rc = read_target(b, mi, hpa, pf(q, sizeof(q), "spec.metrics[%zu].pods.target", i), err);
		} else if (strcmp(type, "Object") == 0) {
			char k[320], nm[320];
			if ((rc = hpa_bind_decide_add_metric(b, HPA_SOURCE_OBJECT, type, 0, NULL, get_str(hpa, pf(q, sizeof(q),
				     "spec.metrics[%zu].object.metric.name", i)), NULL, get_str(hpa, pf(k, sizeof(k),
				     "spec.metrics[%zu].object.describedObject.kind", i)), get_str(hpa, pf(nm, sizeof(nm),
				     "spec.metrics[%zu].object.describedObject.name", i)), ns, &mi, err)) != 0)
				return rc;
			rc = read_target(b, mi, hpa, pf(q, sizeof(q), "spec.metrics[%zu].object.target", i), err);
		} else if (strcmp(type, "External") == 0) {
			if ((rc = hpa_bind_decide_add_metric(b, HPA_SOURCE_EXTERNAL, type, 0, NULL, get_str(hpa, pf(q,
				     sizeof(q), "spec.metrics[%zu].external.metric.name", i)), NULL, NULL, NULL, ns, &mi,
				     err)) != 0)
				return rc;
			rc = read_target(b, mi, hpa, pf(q, sizeof(q), "spec.metrics[%zu].external.target", i), err);
		} else {
			rc = hpa_bind_decide_add_metric(b, HPA_SOURCE_UNKNOWN, type, 0, NULL, NULL, NULL, NULL, NULL, ns, &mi,
				err);
		}
		if (rc)
			return rc;
	}
	/* behavior */
	if (hpa_object_has(hpa, "spec.behavior")) {
		hpa_bind_decide_set_behavior(b, true);
		if ((rc = read_rules(b, hpa, "spec.behavior.scaleUp", HPA_SCALE_UP, err)) != 0 ||
		    (rc = read_rules(b, hpa, "spec.behavior.scaleDown", HPA_SCALE_DOWN, err)) != 0)
			return rc;
	}
	/* previous status */
	if (get_i32(hpa, "status.desiredReplicas", &v32))
		hpa_bind_decide_set_prev_desired(b, true, v32);
	n = hpa_object_count(hpa, "status.conditions");
	for (i = 0; i < n; i++) {
		const char *t = get_str(hpa, pf(p, sizeof(p), "status.conditions[%zu].type", i));
		const char *s = get_str(hpa, pf(p, sizeof(p), "status.conditions[%zu].status", i));
		if (t && s && strcmp(t, "ScaledToZero") == 0 && strcmp(s, "True") == 0)
			hpa_bind_decide_set_scaled_to_zero(b, true);
	}
	/* the scale target */
	memset(&sel, 0, sizeof(sel));
	{
		int32_t spec_r = 0, status_r = 0;
		sbuf sb = { NULL, 0, 0, 0 };
		int selector = HPA_SELECTOR_EMPTY;
		if (target) {
			const char *sk = hpa_object_kind_name(target);
			if (strcmp(sk, "Scale") == 0) {
				const char *st = get_str(target, "status.selector");
				if (st && *st) {
					sb_puts(&sb, st);
					selector = HPA_SELECTOR_OK;
				}
			} else if (hpa_object_has(target, "spec.selector")) {
				sel.o = target;
				snprintf(sel.path, sizeof(sel.path), "spec.selector");
				sel.present = true;
				selector_text(&sel, &sb);
				selector = sb.len ? HPA_SELECTOR_OK : HPA_SELECTOR_EMPTY;
			}
			if (!get_i32(target, "spec.replicas", &spec_r))
				spec_r = 1; /* the API default */
			if (!get_i32(target, "status.replicas", &status_r))
				status_r = spec_r;
		} else {
			if (!get_i32(hpa, "status.currentReplicas", &spec_r))
				spec_r = 0;
			status_r = spec_r;
			selector = HPA_SELECTOR_OK;
		}
		if (sb.oom) {
			free(sb.p);
			return nomem(err);
		}
		rc = hpa_bind_decide_set_scale(b, spec_r, status_r, selector, sb.p ? sb.p : "", NULL, err);
		free(sb.p);
		if (rc)
			return rc;
	}
	/* pods, then their metrics */
	n = pods ? hpa_manifest_count(pods) : 0;
	for (i = 0; i < n; i++) {
		const hpa_object *pod = hpa_manifest_at(pods, i);
		if (strcmp(hpa_object_kind_name(pod), "Pod") != 0)
			continue;
		if (sel.present && !selector_matches(&sel, pod))
			continue;
		if ((rc = read_pod(b, pod, err)) != 0)
			return rc;
	}
	n = pod_metrics ? hpa_manifest_count(pod_metrics) : 0;
	for (i = 0; i < n; i++) {
		const hpa_object *pm = hpa_manifest_at(pod_metrics, i);
		if (strcmp(hpa_object_kind_name(pm), "PodMetrics") != 0)
			continue;
		if (sel.present && !selector_matches(&sel, pm)) {
			/* PodMetrics carry the pod's labels; an item of another workload is not ours,
			 * unless it has no labels at all (then match by name) */
			if (hpa_object_count(pm, "metadata.labels"))
				continue;
		}
		if ((rc = read_pod_metrics(b, pm, err)) != 0)
			return rc;
	}
	return 0;
}

/* ---- kubectl get hpa from objects ----------------------------------------------------------------------------- */

typedef struct {
	hpa_targets_entry e[HPA_DECIDE_MAX_METRICS];
	char res[HPA_DECIDE_MAX_METRICS][64];
	size_t n;
} row_targets;

static int source_type(const char *t)
{
	if (!t)
		return 0;
	if (strcmp(t, "Resource") == 0)
		return HPA_SOURCE_RESOURCE;
	if (strcmp(t, "ContainerResource") == 0)
		return HPA_SOURCE_CONTAINER_RESOURCE;
	if (strcmp(t, "Pods") == 0)
		return HPA_SOURCE_PODS;
	if (strcmp(t, "Object") == 0)
		return HPA_SOURCE_OBJECT;
	if (strcmp(t, "External") == 0)
		return HPA_SOURCE_EXTERNAL;
	return HPA_SOURCE_UNKNOWN;
}

static const char *section_of(int type)
{
	switch (type) {
	case HPA_SOURCE_RESOURCE: return "resource";
	case HPA_SOURCE_CONTAINER_RESOURCE: return "containerResource";
	case HPA_SOURCE_PODS: return "pods";
	case HPA_SOURCE_OBJECT: return "object";
	case HPA_SOURCE_EXTERNAL: return "external";
	default: return NULL;
	}
}

static int build_targets(const hpa_object *hpa, row_targets *rt, hpa_error *err)
{
	size_t i, n = hpa_object_count(hpa, "spec.metrics"), ns = hpa_object_count(hpa, "status.currentMetrics");
	char p[320];
	int rc;
	memset(rt, 0, sizeof(*rt));
	if (n > HPA_DECIDE_MAX_METRICS)
		n = HPA_DECIDE_MAX_METRICS;
	for (i = 0; i < n; i++) {
		hpa_targets_entry *e = &rt->e[i];
		int type = source_type(get_str(hpa, pf(p, sizeof(p), "spec.metrics[%zu].type", i)));
		const char *sect = section_of(type), *rn;
		e->type = type;
		if (!sect)
			continue;
		if (type == HPA_SOURCE_RESOURCE || type == HPA_SOURCE_CONTAINER_RESOURCE) {
			rn = get_str(hpa, pf(p, sizeof(p), "spec.metrics[%zu].%s.name", i, sect));
			snprintf(rt->res[i], sizeof(rt->res[i]), "%s", rn ? rn : "");
			e->resource = rt->res[i];
		}
		e->has_target_average_utilization = get_i32(hpa, pf(p, sizeof(p),
			"spec.metrics[%zu].%s.target.averageUtilization", i, sect), &e->target_average_utilization);
		rc = get_qty(hpa, pf(p, sizeof(p), "spec.metrics[%zu].%s.target.averageValue", i, sect),
			&e->target_average_value_milli, &e->target_average_value_format, err);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		e->has_target_average_value = rc == 0;
		rc = get_qty(hpa, pf(p, sizeof(p), "spec.metrics[%zu].%s.target.value", i, sect), &e->target_value_milli,
			&e->target_value_format, err);
		if (rc && rc != HPA_ENOTFOUND)
			return rc;
		e->has_target_value = rc == 0;
		/* status.currentMetrics[i] when it has this source set */
		if (i < ns && hpa_object_has(hpa, pf(p, sizeof(p), "status.currentMetrics[%zu].%s", i, sect))) {
			e->has_status = true;
			e->has_current_average_utilization = get_i32(hpa, pf(p, sizeof(p),
				"status.currentMetrics[%zu].%s.current.averageUtilization", i, sect),
				&e->current_average_utilization);
			rc = get_qty(hpa, pf(p, sizeof(p), "status.currentMetrics[%zu].%s.current.averageValue", i, sect),
				&e->current_average_value_milli, &e->current_average_value_format, err);
			if (rc && rc != HPA_ENOTFOUND)
				return rc;
			e->has_current_average_value = rc == 0;
			rc = get_qty(hpa, pf(p, sizeof(p), "status.currentMetrics[%zu].%s.current.value", i, sect),
				&e->current_value_milli, &e->current_value_format, err);
			if (rc && rc != HPA_ENOTFOUND)
				return rc;
			e->has_current_value = rc == 0;
		}
	}
	rt->n = n;
	if (err)
		hpa_error_init(err, HPA_ERROR_VERSION);
	return 0;
}

static int fill_row(const hpa_object *hpa, int64_t now_ms, hpa_hpa_row *row, row_targets *rt, hpa_error *err)
{
	int rc;
	memset(row, 0, sizeof(*row));
	if ((rc = build_targets(hpa, rt, err)) != 0)
		return rc;
	row->name = hpa_object_name(hpa);
	row->target_kind = get_str(hpa, "spec.scaleTargetRef.kind");
	row->target_name = get_str(hpa, "spec.scaleTargetRef.name");
	if (!row->target_kind)
		row->target_kind = "";
	if (!row->target_name)
		row->target_name = "";
	row->metrics = rt->e;
	row->n_metrics = rt->n;
	row->has_min_replicas = get_i32(hpa, "spec.minReplicas", &row->min_replicas);
	get_i32(hpa, "spec.maxReplicas", &row->max_replicas);
	get_i32(hpa, "status.currentReplicas", &row->current_replicas);
	if (get_time(hpa, "metadata.creationTimestamp", &row->creation_ms, NULL))
		row->creation_ms = HPA_TIME_ZERO;
	row->now_ms = now_ms;
	return 0;
}

int hpa_bind_hpa_row(const hpa_object *hpa, int64_t now_ms, char **text_out, hpa_error *err)
{
	hpa_hpa_row row;
	row_targets rt;
	size_t n;
	char *s;
	int rc;
	if (!hpa || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	if ((rc = fill_row(hpa, now_ms, &row, &rt, err)) != 0)
		return rc;
	n = hpa_format_hpa_row(NULL, 0, &row);
	s = malloc(n + 1);
	if (!s)
		return nomem(err);
	hpa_format_hpa_row(s, n + 1, &row);
	*text_out = s;
	return 0;
}

int hpa_bind_hpa_table(const hpa_manifest *manifest, int64_t now_ms, bool header, char **text_out, hpa_error *err)
{
	size_t i, k = 0, n, len;
	hpa_hpa_row *rows;
	row_targets *rts;
	char *s;
	int rc = 0;
	if (!manifest || !text_out)
		return fail(err, HPA_EINVAL, "NULL argument");
	*text_out = NULL;
	n = hpa_manifest_count(manifest);
	rows = calloc(n ? n : 1, sizeof(*rows));
	rts = calloc(n ? n : 1, sizeof(*rts));
	if (!rows || !rts) {
		free(rows);
		free(rts);
		return nomem(err);
	}
	for (i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(manifest, i);
		if (hpa_object_kind(o) != HPA_KIND_AUTOSCALER &&
		    strcmp(hpa_object_kind_name(o), "HorizontalPodAutoscaler") != 0)
			continue;
		if ((rc = fill_row(o, now_ms, &rows[k], &rts[k], err)) != 0)
			break;
		k++;
	}
	if (!rc) {
		len = hpa_format_hpa_table(NULL, 0, rows, k, header);
		s = malloc(len + 1);
		if (!s) {
			rc = nomem(err);
		} else {
			hpa_format_hpa_table(s, len + 1, rows, k, header);
			*text_out = s;
		}
	}
	free(rows);
	free(rts);
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
