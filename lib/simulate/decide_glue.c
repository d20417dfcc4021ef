/*
 * lib/simulate/decide_glue.c -- the bridge between the simulator and the
 * HPA decision function of hpa/decide.h.
 *
 * At creation the HPA's spec (metrics, targets, behavior) is translated once
 * into hpa_decide_metric / hpa_decide_behavior values. At each sync the pods
 * of the simulation become hpa_decide_pod values (phase, Ready condition
 * and its transition time, start time, deletion, requests, the
 * metrics-server sample), hpa_decide() decides with the HPA's history, and
 * hpa_history_record() does the controller's bookkeeping. Nothing here
 * computes replicas: the simulator has no autoscaling logic of its own.
 */
#include "simulate/sim_int.h"
#include <hpa/object_meta.h>
#include "decide/decide_int.h" /* struct hpa_history, to prefetch its lists */

#define MAX_POLICIES 16

/* What every sync reads comes first, then the metrics (only the first
 * n_metrics are read), then what only setup and texts read. */
struct hpa__sim_glue {
	hpa_history *history;
	hpa_decide_prepared *prep;        /* the spec checked once (NULL: a spec hpa_decide() rejects) */
	const hpa_decide_metric *metrics; /* shared by the HPAs with the same metrics (sim->mshare) */
	size_t n_metrics;
	bool has_behavior;
	bool has_min;
	bool has_prev;
	bool oom;
	bool lean_ok;                     /* hpa__decide_prepared_lean() may take a table sync */
	int32_t min_replicas, max_replicas;
	int32_t prev_desired;
	/* the lean sync's input (hpa__sim_glue_decide_numbers()): the spec
	 * set once, the pod table's columns those of the workload's table at
	 * lean_tab (with cap_tab lean_cap), each sync sets the rest */
	hpa_decide_input lean_in;
	hpa_decide_pod_table lean_table;
	const int64_t *lean_tab;
	size_t lean_cap;
	hpa_decide_behavior behavior;
	hpa_decide_policy up[MAX_POLICIES], down[MAX_POLICIES];
	const struct hpa_sim *sim;
	const char *name, *target_kind, *target_name;
	hpa__arena strings;
};

/* Per-sync buffers shared by every HPA of a simulation (one decision at a
 * time), so that a large fleet keeps only specs and histories per HPA. */
struct hpa__sim_scratch {
	hpa_decide_pod *pods;
	hpa_decide_container container; /* every pod of a workload has the same one */
	hpa_pod_usage *usage;
	hpa_container_usage *cusage;
	hpa_decide_pod_table table;     /* over the workload's table (table_over()) */
	size_t cap;
	bool has_last;
	const hpa_decide_input *last_in; /* the latest sync's: &in, or a glue's lean_in */
	hpa_decide_input in;
	hpa_decision d;
};

static const char *keep(hpa__sim_glue *g, const char *s)
{
	char *c;
	if (!s)
		return NULL;
	c = hpa__arena_strndup(&g->strings, s, strlen(s));
	if (!c)
		g->oom = true;
	return c;
}

/* How Kubernetes would print the quantity text back (rendering only). */
static int qformat(const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n >= 2 && text[n - 1] == 'i')
		return HPA_QFMT_BINARY_SI;
	for (size_t i = 1; i < n; i++)
		if ((text[i] == 'e' || text[i] == 'E') && i + 1 < n)
			return HPA_QFMT_DECIMAL_EXPONENT;
	return HPA_QFMT_DECIMAL_SI;
}

static int translate_target(hpa_decide_metric *m, const hpa_metric_target *t)
{
	int32_t v;
	int64_t x;
	if (!t)
		return 0;
	switch (hpa_metric_target_type(t)) {
	case HPA_METRIC_TARGET_TYPE_UTILIZATION:
		m->target_type = HPA_TARGET_UTILIZATION;
		break;
	case HPA_METRIC_TARGET_TYPE_VALUE:
		m->target_type = HPA_TARGET_VALUE;
		break;
	case HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE:
		m->target_type = HPA_TARGET_AVERAGE_VALUE;
		break;
	default:
		m->target_type = 0;
		break;
	}
	if (hpa_metric_target_has_average_utilization(t) && hpa_metric_target_average_utilization(t, &v, NULL) == 0) {
		m->has_average_utilization = true;
		m->average_utilization = v;
	}
	if (hpa_metric_target_has_average_value(t) && hpa_metric_target_average_value_milli(t, &x, NULL) == 0) {
		m->has_average_value = true;
		m->average_value_milli = x;
		m->average_value_format = qformat(hpa_metric_target_average_value(t));
	}
	if (hpa_metric_target_has_value(t) && hpa_metric_target_value_milli(t, &x, NULL) == 0) {
		m->has_value = true;
		m->value_milli = x;
		m->value_format = qformat(hpa_metric_target_value(t));
	}
	return 0;
}

static int resource_of(const char *name)
{
	if (name && strcmp(name, "cpu") == 0)
		return HPA_RESOURCE_CPU;
	if (name && strcmp(name, "memory") == 0)
		return HPA_RESOURCE_MEMORY;
	return 0;
}

static int translate_metrics(hpa__sim_glue *g, const hpa_autoscaler *a, hpa_decide_metric *metrics, hpa_error *err)
{
	size_t n = hpa_autoscaler_metrics_count(a);
	if (n > HPA_DECIDE_MAX_METRICS)
		return hpa__error(err, HPA_ELIMIT, "HPA %s has %zu metrics (at most %d)", g->name, n,
			HPA_DECIDE_MAX_METRICS);
	for (size_t i = 0; i < n; i++) {
		const hpa_metric_spec *ms = hpa_autoscaler_metrics_at(a, i);
		hpa_decide_metric *m = &metrics[i];
		const char *rname = NULL;
		memset(m, 0, sizeof(*m));
		switch (hpa_metric_spec_type(ms)) {
		case HPA_METRIC_SOURCE_TYPE_RESOURCE:
			m->type = HPA_SOURCE_RESOURCE;
			rname = hpa_metric_spec_resource_name(ms);
			translate_target(m, hpa_metric_spec_resource_target(ms));
			break;
		case HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE:
			m->type = HPA_SOURCE_CONTAINER_RESOURCE;
			rname = hpa_metric_spec_container_resource_name(ms);
			m->container = keep(g, hpa_metric_spec_container_resource_container(ms));
			translate_target(m, hpa_metric_spec_container_resource_target(ms));
			break;
		case HPA_METRIC_SOURCE_TYPE_PODS:
			m->type = HPA_SOURCE_PODS;
			m->name = keep(g, hpa_metric_spec_pods_metric_name(ms));
			translate_target(m, hpa_metric_spec_pods_target(ms));
			break;
		case HPA_METRIC_SOURCE_TYPE_OBJECT:
			m->type = HPA_SOURCE_OBJECT;
			m->name = keep(g, hpa_metric_spec_object_metric_name(ms));
			m->object_kind = keep(g, hpa_metric_spec_object_described_object_kind(ms));
			m->object_name = keep(g, hpa_metric_spec_object_described_object_name(ms));
			translate_target(m, hpa_metric_spec_object_target(ms));
			break;
		case HPA_METRIC_SOURCE_TYPE_EXTERNAL:
			m->type = HPA_SOURCE_EXTERNAL;
			m->name = keep(g, hpa_metric_spec_external_metric_name(ms));
			translate_target(m, hpa_metric_spec_external_target(ms));
			break;
		default:
			m->type = HPA_SOURCE_UNKNOWN;
			m->type_name = keep(g, hpa_metric_spec_type_str(ms));
			break;
		}
		if (m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE) {
			m->resource = resource_of(rname);
			if (!m->resource) {
				/* the resource metrics API reports cpu and memory only */
				m->resource = HPA_RESOURCE_CPU;
				m->fetch_failed = true;
				m->fetch_error = "the resource metrics API reports cpu and memory only";
			}
		} else if (m->type != HPA_SOURCE_UNKNOWN) {
			/* no custom or external metrics adapter in the simulation */
			m->fetch_failed = true;
			m->fetch_error = "the simulation has no custom or external metrics source";
		}
		if (g->oom)
			return hpa__enomem(err);
	}
	g->n_metrics = n;
	return 0;
}

static void translate_rules(hpa_decide_rules *r, const hpa_scaling_rules *s, hpa_decide_policy *pol)
{
	int32_t v;
	int64_t x;
	memset(r, 0, sizeof(*r));
	if (!s)
		return;
	if (hpa_scaling_rules_has_stabilization_window_seconds(s) &&
		hpa_scaling_rules_stabilization_window_seconds(s, &v, NULL) == 0) {
		r->has_stabilization_window = true;
		r->stabilization_window_seconds = v;
	}
	if (hpa_scaling_rules_has_select_policy(s)) {
		switch (hpa_scaling_rules_select_policy(s)) {
		case HPA_SCALING_POLICY_SELECT_MIN:
			r->select_policy = HPA_SELECT_MIN;
			break;
		case HPA_SCALING_POLICY_SELECT_DISABLED:
			r->select_policy = HPA_SELECT_DISABLED;
			break;
		default:
			r->select_policy = HPA_SELECT_MAX;
			break;
		}
	}
	if (hpa_scaling_rules_has_policies(s)) {
		size_t n = hpa_scaling_rules_policies_count(s);
		r->has_policies = true;
		r->policies = pol;
		for (size_t i = 0; i < n && i < MAX_POLICIES; i++) {
			const hpa_scaling_policy *p = hpa_scaling_rules_policies_at(s, i);
			pol[i].type = hpa_scaling_policy_type(p) == HPA_SCALING_POLICY_TYPE_PERCENT ? HPA_POLICY_PERCENT
				: HPA_POLICY_PODS;
			pol[i].value = hpa_scaling_policy_value(p, &v, NULL) == 0 ? v : 0;
			pol[i].period_seconds = hpa_scaling_policy_period_seconds(p, &v, NULL) == 0 ? v : 0;
			r->n_policies++;
		}
	}
	if (hpa_scaling_rules_has_tolerance(s) && hpa_scaling_rules_tolerance_milli(s, &x, NULL) == 0) {
		r->has_tolerance = true;
		r->tolerance = (double)x / 1000.0;
	}
}

/* The controller's lists hold about one entry per sync within the longest
 * window (stale entries are reused), so a capacity of longest / sync + 8
 * never evicts an entry the decision still reads, and keeps a fleet small. */
static size_t history_capacity(const hpa__sim_glue *g, const struct hpa_sim *sim)
{
	int64_t longest = sim->dopts.downscale_stabilization_ms, sync = sim->opts.sync_period_ms, cap;
	const hpa_decide_rules *rules[2] = { &g->behavior.scale_up, &g->behavior.scale_down };
	if (g->has_behavior) {
		for (int k = 0; k < 2; k++) {
			if (rules[k]->has_stabilization_window &&
				(int64_t)rules[k]->stabilization_window_seconds * 1000 > longest)
				longest = (int64_t)rules[k]->stabilization_window_seconds * 1000;
			for (size_t i = 0; i < rules[k]->n_policies; i++)
				if ((int64_t)rules[k]->policies[i].period_seconds * 1000 > longest)
					longest = (int64_t)rules[k]->policies[i].period_seconds * 1000;
		}
	}
	cap = longest / (sync > 0 ? sync : 1) + 8;
	return (size_t)(cap < 16 ? 16 : cap > 100000 ? 100000 : cap);
}

/* ---- metrics shared between HPAs ---------------------------------------------------- */

/* The metrics of an HPA are read-only inputs of every decision. A fleet's
 * HPAs mostly have the same ones, so equal metric lists are kept once per
 * simulation (strings in sim->strings) and stay in the cache. */
struct hpa__sim_mshare {
	uint64_t hash;
	size_t n;
	hpa_decide_metric *m;
};

static uint64_t mix_word(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= UINT64_C(0x100000001b3);
	return h ^ (h >> 29);
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	if (!s)
		return mix_word(h, 0x5a5a);
	for (; *s; s++)
		h = mix_word(h, (unsigned char)*s);
	return mix_word(h, 0xa5a5);
}

static uint64_t metrics_hash(const hpa_decide_metric *m, size_t n)
{
	uint64_t h = mix_word(UINT64_C(0xcbf29ce484222325), n);
	for (size_t i = 0; i < n; i++, m++) {
		h = mix_word(h, (uint64_t)m->type);
		h = mix_word(h, (uint64_t)m->resource);
		h = mix_word(h, (uint64_t)m->target_type);
		h = mix_word(h, (uint64_t)m->average_utilization);
		h = mix_word(h, (uint64_t)m->average_value_milli);
		h = mix_word(h, (uint64_t)m->value_milli);
		h = mix_word(h, (uint64_t)m->has_average_utilization | (uint64_t)m->has_average_value << 1 |
			(uint64_t)m->has_value << 2 | (uint64_t)m->fetch_failed << 3);
		h = mix_str(h, m->type_name);
		h = mix_str(h, m->container);
		h = mix_str(h, m->name);
		h = mix_str(h, m->object_kind);
		h = mix_str(h, m->object_name);
	}
	return h;
}

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool metric_eq(const hpa_decide_metric *a, const hpa_decide_metric *b)
{
	return a->type == b->type && str_eq(a->type_name, b->type_name) && a->resource == b->resource &&
		str_eq(a->container, b->container) && str_eq(a->name, b->name) && str_eq(a->selector, b->selector) &&
		str_eq(a->object_kind, b->object_kind) && str_eq(a->object_name, b->object_name) &&
		str_eq(a->namespace_name, b->namespace_name) && a->target_type == b->target_type &&
		a->has_average_utilization == b->has_average_utilization &&
		a->average_utilization == b->average_utilization && a->has_average_value == b->has_average_value &&
		a->average_value_milli == b->average_value_milli && a->average_value_format == b->average_value_format &&
		a->has_value == b->has_value && a->value_milli == b->value_milli && a->value_format == b->value_format &&
		a->pod_values == b->pod_values && a->orphan_values == b->orphan_values &&
		a->n_orphan_values == b->n_orphan_values && a->has_object_value == b->has_object_value &&
		a->object_value_milli == b->object_value_milli && a->external_values == b->external_values &&
		a->n_external_values == b->n_external_values && a->fetch_failed == b->fetch_failed &&
		str_eq(a->fetch_error, b->fetch_error);
}

static int share_str(struct hpa_sim *sim, const char **s)
{
	char *c;
	if (!*s)
		return 0;
	if (!(c = hpa__arena_strndup(&sim->strings, *s, strlen(*s))))
		return HPA_ENOMEM;
	*s = c;
	return 0;
}

/* The simulation's copy of the metric list m[0..n). */
static const hpa_decide_metric *share_metrics(struct hpa_sim *sim, const hpa_decide_metric *m, size_t n)
{
	uint64_t h = metrics_hash(m, n);
	size_t mask, i;
	struct hpa__sim_mshare *e;
	hpa_decide_metric *copy;
	if (2 * (sim->n_mshare + 1) > sim->mshare_cap) {
		size_t cap = sim->mshare_cap ? 2 * sim->mshare_cap : 64;
		size_t *t = hpa__calloc(cap, sizeof(*t));
		if (!t)
			return NULL;
		for (size_t k = 0; k < sim->n_mshare; k++) {
			for (i = (size_t)sim->mshare[k].hash & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = k + 1;
		}
		hpa__free(sim->mshare_tab);
		sim->mshare_tab = t;
		sim->mshare_cap = cap;
	}
	mask = sim->mshare_cap - 1;
	for (i = (size_t)h & mask; sim->mshare_tab[i]; i = (i + 1) & mask) {
		e = &sim->mshare[sim->mshare_tab[i] - 1];
		if (e->hash == h && e->n == n) {
			size_t k = 0;
			while (k < n && metric_eq(&e->m[k], &m[k]))
				k++;
			if (k == n)
				return e->m;
		}
	}
	if (hpa__grow((void **)&sim->mshare, &sim->cap_mshare, sim->n_mshare + 1, sizeof(*sim->mshare)))
		return NULL;
	if (!(copy = hpa__calloc(n ? n : 1, sizeof(*copy))))
		return NULL;
	memcpy(copy, m, n * sizeof(*copy));
	for (size_t k = 0; k < n; k++)
		if (share_str(sim, &copy[k].type_name) || share_str(sim, &copy[k].container) ||
			share_str(sim, &copy[k].name) || share_str(sim, &copy[k].selector) ||
			share_str(sim, &copy[k].object_kind) || share_str(sim, &copy[k].object_name) ||
			share_str(sim, &copy[k].namespace_name)) {
			hpa__free(copy);
			return NULL;
		}
	e = &sim->mshare[sim->n_mshare++];
	e->hash = h;
	e->n = n;
	e->m = copy;
	sim->mshare_tab[i] = sim->n_mshare;
	return copy;
}

void hpa__sim_mshare_free(struct hpa_sim *sim)
{
	for (size_t k = 0; k < sim->n_mshare; k++)
		hpa__free(sim->mshare[k].m);
	hpa__free(sim->mshare);
	hpa__free(sim->mshare_tab);
}

int hpa__sim_glue_new(hpa__sim_glue **out, struct hpa_sim *sim, const hpa__sim_hpa *h,
	const hpa_autoscaler *a, hpa_error *err)
{
	hpa_decide_metric metrics[HPA_DECIDE_MAX_METRICS];
	hpa__sim_glue *g;
	int32_t v;
	int rc;
	const char *tn;
	*out = NULL;
	g = hpa__calloc(1, sizeof(*g));
	if (!g)
		return hpa__enomem(err);
	hpa__arena_init(&g->strings, 1024);
	g->sim = sim;
	g->name = keep(g, h->name);
	g->target_kind = keep(g, h->target_kind);
	tn = hpa_autoscaler_scale_target_ref_name(a);
	g->target_name = keep(g, tn && *tn ? tn : "");
	if (!g->name || !g->target_kind || !g->target_name) {
		hpa__sim_glue_free(g);
		return hpa__enomem(err);
	}
	if ((rc = translate_metrics(g, a, metrics, err))) {
		hpa__sim_glue_free(g);
		return rc;
	}
	if (!(g->metrics = share_metrics(sim, metrics, g->n_metrics))) {
		hpa__sim_glue_free(g);
		return hpa__enomem(err);
	}
	g->has_min = hpa_autoscaler_has_min_replicas(a) && hpa_autoscaler_min_replicas(a, &v, NULL) == 0;
	g->min_replicas = g->has_min ? v : 1;
	g->max_replicas = h->max_replicas;
	if (hpa_autoscaler_has_behavior(a)) {
		g->has_behavior = true;
		translate_rules(&g->behavior.scale_up, hpa_autoscaler_behavior_scale_up(a), g->up);
		translate_rules(&g->behavior.scale_down, hpa_autoscaler_behavior_scale_down(a), g->down);
	}
	if ((rc = hpa_history_new(&g->history, history_capacity(g, sim), err))) {
		hpa__sim_glue_free(g);
		return rc;
	}
	{
		/* the decision's prepared form: every sync skips the spec checks */
		hpa_decide_input spec;
		hpa_decide_input_init(&spec, HPA_DECIDE_INPUT_VERSION);
		spec.has_min_replicas = g->has_min;
		spec.min_replicas = g->min_replicas;
		spec.max_replicas = g->max_replicas;
		spec.metrics = g->metrics;
		spec.n_metrics = g->n_metrics;
		spec.behavior = g->has_behavior ? &g->behavior : NULL;
		rc = hpa_decide_prepare(&g->prep, &spec, &sim->dopts, NULL);
		if (rc == HPA_ENOMEM) {
			hpa__sim_glue_free(g);
			return hpa__error(err, HPA_ENOMEM, "out of memory");
		}
		/* another error: each sync's hpa_decide() reports it */
		/* what hpa__decide_prepared_lean() asks of the metrics, which
		 * no sync changes: none failed, none has orphan or external
		 * values (the rest of its conditions hold for every sync
		 * with a pod table: hpa__sim_glue_decide_numbers()) */
		g->lean_ok = g->prep != NULL;
		for (size_t i = 0; i < g->n_metrics; i++)
			if (g->metrics[i].fetch_failed || g->metrics[i].n_orphan_values || g->metrics[i].n_external_values)
				g->lean_ok = false;
		/* the lean input: the spec as the prepared form has it, the
		 * pods as a table (set_input() with plain) */
		g->lean_in = spec;
		g->lean_in.pod_table = &g->lean_table;
		memset(&g->lean_table, 0, sizeof(g->lean_table));
	}
	*out = g;
	return 0;
}

void hpa__sim_glue_free(hpa__sim_glue *g)
{
	if (!g)
		return;
	hpa_history_free(g->history);
	hpa_decide_prepared_free(g->prep);
	hpa__arena_dispose(&g->strings);
	hpa__free(g);
}

/* Ask for the lines a sync of this HPA reads (the glue's head and metrics,
 * the history and its lists) some HPAs ahead, so a fleet larger than the
 * caches does not wait for memory at each HPA. Stage 0 asks for the glue's
 * head, stage 1 (once that arrived) for the metrics and the history, stage
 * 2 (once that arrived) for the history's lists. */
void hpa__sim_glue_prefetch(const hpa__sim_glue *g, int stage)
{
#if defined(__GNUC__)
	const hpa_history *hs = g->history;
	if (stage == 0) {
		__builtin_prefetch(g);
	} else if (stage == 1) {
		if (hs)
			__builtin_prefetch(hs);
	} else if (hs) {
		/* what the decision reads of the summary and the record changes:
		 * both ends of ord and of the staircase */
		uint32_t m = hs->mask;
		__builtin_prefetch(&hs->dn.e[hs->dn.head]);
		__builtin_prefetch(&hs->dn.e[(hs->dn.head + hs->dn.n - 1) & m]);
		__builtin_prefetch(&hs->ord.e[hs->ord.head]);
		__builtin_prefetch(&hs->ord.e[(hs->ord.head + hs->ord.n - 1) & m]);
		if (hs->n_up)
			__builtin_prefetch(hs->up);
		if (hs->n_down)
			__builtin_prefetch(hs->down);
	}
#else
	(void)g;
	(void)stage;
#endif
}

/* The columns of the scratch's pod table. */

void hpa__sim_scratch_free(hpa__sim_scratch *sc)
{
	if (!sc)
		return;
	hpa__free(sc->pods);
	hpa__free(sc->usage);
	hpa__free(sc->cusage);
	hpa__free(sc);
}

const hpa_decide_input *hpa__sim_last_input(const struct hpa_sim *sim)
{
	return sim->scratch && sim->scratch->has_last ? sim->scratch->last_in : NULL;
}

const hpa_decision *hpa__sim_last_decision(const struct hpa_sim *sim)
{
	return sim->scratch && sim->scratch->has_last ? &sim->scratch->d : NULL;
}

/* Room for n pods. The fields that are the same for every pod of every
 * sync (one container, the usage's layout) are set here, once. */
static int grow_scratch(struct hpa_sim *sim, size_t n)
{
	hpa__sim_scratch *sc = sim->scratch;
	size_t c;
	void *a;
	if (!sc) {
		sc = sim->scratch = hpa__calloc(1, sizeof(*sc));
		if (!sc)
			return HPA_ENOMEM;
		hpa_decide_input_init(&sc->in, HPA_DECIDE_INPUT_VERSION);
		sc->container.kind = HPA_CONTAINER_APP;
	}
	if (n <= sc->cap)
		return 0;
	c = sc->cap ? sc->cap : 8;
	while (c < n)
		c *= 2;
	if (!(a = hpa__realloc(sc->pods, c * sizeof(*sc->pods))))
		return HPA_ENOMEM;
	sc->pods = a;
	if (!(a = hpa__realloc(sc->usage, c * sizeof(*sc->usage))))
		return HPA_ENOMEM;
	sc->usage = a;
	if (!(a = hpa__realloc(sc->cusage, c * sizeof(*sc->cusage))))
		return HPA_ENOMEM;
	sc->cusage = a;
	sc->cap = c;
	memset(sc->pods, 0, c * sizeof(*sc->pods));
	memset(sc->usage, 0, c * sizeof(*sc->usage));
	memset(sc->cusage, 0, c * sizeof(*sc->cusage));
	for (size_t i = 0; i < c; i++) {
		sc->pods[i].containers = &sc->container;
		sc->pods[i].n_containers = 1;
		sc->usage[i].containers = &sc->cusage[i];
		sc->usage[i].n_containers = 1;
		sc->cusage[i].usage_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU) | HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
	}
	return 0;
}

static void fail(hpa__sim_decision *out, const char *what, int rc, const hpa_error *e)
{
	snprintf(out->message, sizeof(out->message), "%s: %s", what,
		e && e->message[0] ? e->message : hpa_strerror(rc));
}

/* The Deployment's one container in the scratch (every pod has it). */
static inline void set_container(hpa__sim_scratch *sc, const hpa__sim_workload *w)
{
	unsigned int req_set = 0;
	if (w->dep.cpu_request_milli > 0)
		req_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
	if (w->dep.memory_request_bytes > 0)
		req_set |= HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
	sc->container.name = w->dep.container_name; /* = w->container_name, in a hot line */
	sc->container.requests_set = req_set;
	sc->container.requests_milli[HPA_RESOURCE_CPU] = w->dep.cpu_request_milli;
	sc->container.requests_milli[HPA_RESOURCE_MEMORY] = w->dep.memory_request_bytes * 1000;
}

/* A pod table over the workload's (w->tab_ok): its columns, the requests
 * columns included (NULL for a resource the container does not request). */
static void table_over(hpa_decide_pod_table *t, const hpa__sim_workload *w)
{
	hpa__sim_tab_cols k = hpa__sim_tab_columns(w);
	t->n = w->n_pods;
	t->names = k.names;
	t->start_time_ms = k.start;
	t->ready_transition_ms = k.ready;
	t->sample_time_ms = k.ts;
	t->sample_window_ms = k.win;
	t->usage_milli[HPA_RESOURCE_CPU] = k.cpu;
	t->usage_milli[HPA_RESOURCE_MEMORY] = k.mem;
	t->container = w->dep.container_name;
	t->requests_milli[HPA_RESOURCE_CPU] = w->dep.cpu_request_milli > 0 ? k.qcpu : NULL;
	t->requests_milli[HPA_RESOURCE_MEMORY] = w->dep.memory_request_bytes > 0 ? k.qmem : NULL;
}

/* The decision input: the HPA's spec and this sync's counts, with the pods
 * as the scratch's table (plain) or its pod array. sc->in was initialised
 * with the scratch; every sync sets the same fields. */
static inline void set_input(hpa__sim_scratch *sc, const hpa__sim_glue *g, int32_t current, int32_t status_replicas,
	bool plain, size_t n, int64_t now)
{
	hpa_decide_input *in = &sc->in;
	in->has_min_replicas = g->has_min;
	in->min_replicas = g->min_replicas;
	in->max_replicas = g->max_replicas;
	in->metrics = g->metrics;
	in->n_metrics = g->n_metrics;
	in->behavior = g->has_behavior ? &g->behavior : NULL;
	in->spec_replicas = current;
	in->status_replicas = status_replicas;
	in->pods = plain ? NULL : sc->pods;
	in->n_pods = plain ? 0 : n;
	in->pod_table = plain ? &sc->table : NULL;
	in->has_prev_desired = g->has_prev;
	in->prev_desired_replicas = g->prev_desired;
	in->now_ms = HPA__SIM_EPOCH_MS + now;
	sc->has_last = true;
	sc->last_in = in;
}

/* Without texts a sync reads only the numbers of the decision: with a pod
 * table, hpa__decide_prepared_lean() writes only those. What it asks its
 * caller to vouch for holds here: the input is the prepared spec's,
 * status_replicas = n, the selector and the pod classes as
 * hpa_decide_input_init() set them, no orphans, and the metrics were
 * checked once (lean_ok). */
int hpa__sim_glue_decide_numbers(struct hpa_sim *sim, hpa__sim_hpa *h, int32_t current, int64_t now, bool *ok,
	int32_t *desired)
{
	hpa__sim_glue *g = h->glue;
	hpa__sim_workload *w = &sim->wl[h->wl];
	hpa__sim_scratch *sc = sim->scratch;
	hpa_decide_input *in = &g->lean_in;
	hpa_decision *d;
	size_t n = w->n_pods;
	/* (a table the scrape could not write, or that changed since, is
	 * hpa__sim_glue_decide()'s to fill: not done twice; so is a sync
	 * without pods, which has no table columns) */
	if (!g->lean_ok || !w->tab_ok || n == 0)
		return 0;
	if (UNLIKELY(!sc)) {
		if (grow_scratch(sim, n))
			return HPA_ENOMEM;
		sc = sim->scratch;
	}
	if (UNLIKELY(g->lean_tab != w->tab || g->lean_cap != w->cap_tab)) {
		table_over(&g->lean_table, w);
		g->lean_tab = w->tab;
		g->lean_cap = w->cap_tab;
	}
	g->lean_table.n = n;
	/* set_input()'s per-sync fields */
	in->spec_replicas = current;
	in->status_replicas = (int32_t)n;
	in->has_prev_desired = g->has_prev;
	in->prev_desired_replicas = g->prev_desired;
	in->now_ms = HPA__SIM_EPOCH_MS + now;
	sc->has_last = true;
	sc->last_in = in;
	d = &sc->d;
	*ok = false;
	*desired = current;
	/* as hpa__sim_glue_decide() without texts: a failed decision or
	 * record is a sync that did not decide (no message to keep) */
	if (hpa__decide_prepared_lean(g->prep, d, in, g->history) ||
		hpa_history_record(g->history, d, in->now_ms, NULL))
		return 1;
	g->has_prev = true;
	g->prev_desired = d->desired_replicas;
	*ok = !(d->error && !d->rescale);
	*desired = d->rescale ? d->desired_replicas : current;
	return 1;
}

void hpa__sim_glue_decide(struct hpa_sim *sim, hpa__sim_hpa *h, int32_t current, int64_t now, bool text,
	hpa__sim_decision *out, int32_t *ready_out, int32_t *pods_out)
{
	hpa__sim_glue *g = h->glue;
	hpa__sim_workload *w = &sim->wl[h->wl];
	hpa__sim_scratch *sc;
	hpa_decide_input *in;
	hpa_decision *d;
	int32_t status_replicas = 0, ready = 0;
	size_t n = w->n_pods;
	bool plain;
	int rc;

	out->ok = false;
	out->oom = false;
	out->desired = current;
	out->reason = 0;
	out->reason_name = "";
	out->n_metrics = 0;
	out->n_targets = 0;
	out->kubectl[0] = '\0';
	out->message[0] = '\0';
	*ready_out = 0;
	*pods_out = (int32_t)n;
	if (grow_scratch(sim, n)) {
		fail(out, "simulation", HPA_ENOMEM, NULL);
		out->oom = true;
		return;
	}
	sc = sim->scratch;
	in = &sc->in;
	d = &sc->d;
	set_container(sc, w);
	/* the usual sync: every pod Running, Ready, not being deleted, with a
	 * sample; then the pods go to the decision as a pod table (columns),
	 * which it reads faster, with exactly the same result. The scrape
	 * wrote the workload's table, unless a pod did not fit one or the pods
	 * changed since. */
	if (!w->tab_ok && hpa__sim_table_fill(w)) {
		fail(out, "simulation", HPA_ENOMEM, NULL);
		out->oom = true;
		return;
	}
	plain = w->tab_ok;
	if (plain) {
		table_over(&sc->table, w);
		status_replicas = ready = (int32_t)n;
	}
	for (size_t i = 0; !plain && i < n; i++) {
		const hpa__sim_pod *sp = &w->pods[i];
		hpa_decide_pod *p = &sc->pods[i];
		p->name = w->cold[i].name;
		p->phase = sp->phase == HPA__POD_PENDING ? HPA_PHASE_PENDING : HPA_PHASE_RUNNING;
		/* the kubelet adds the Ready condition (False) when it starts the pod */
		p->ready = sp->scheduled ? (sp->ready ? HPA_COND_TRUE : HPA_COND_FALSE) : 0;
		p->ready_transition_ms = HPA__SIM_EPOCH_MS + sp->ready_ltt_ms;
		p->has_start_time = sp->scheduled;
		p->start_time_ms = HPA__SIM_EPOCH_MS + sp->start_time_ms;
		p->deleting = sp->deleting;
		p->usage = NULL;
		if (sp->ms_n == 2) {
			/* metrics-server: the rate between its two latest points */
			hpa_pod_usage *u = &sc->usage[i];
			hpa_container_usage *cu = &sc->cusage[i];
			int64_t win = sp->ms_t[0] - sp->ms_t[1];
			cu->name = sc->container.name;
			cu->usage_milli[HPA_RESOURCE_CPU] = hpa__sim_round((sp->ms_cum[0] - sp->ms_cum[1]) / (double)win);
			cu->usage_milli[HPA_RESOURCE_MEMORY] = hpa__sim_round(sp->ms_mem) * 1000;
			u->pod = p->name;
			u->timestamp_ms = HPA__SIM_EPOCH_MS + sp->ms_t[0];
			u->window_ms = win;
			p->usage = u;
		}
		if (!sp->deleting) {
			status_replicas++;
			if (sp->ready)
				ready++;
		}
	}
	*ready_out = ready;
	set_input(sc, g, current, status_replicas, plain, n, now);
	/* no error record on the hot path: only a failure asks again for details */
	rc = g->prep ? hpa_decide_prepared_run(g->prep, d, in, g->history, NULL)
		     : hpa_decide(d, in, g->history, &sim->dopts, NULL);
	if (rc) {
		hpa_error e = HPA_ERROR_INIT;
		hpa_decide(d, in, g->history, &sim->dopts, &e);
		fail(out, "hpa_decide", rc, &e);
		return;
	}
	if ((rc = hpa_history_record(g->history, d, in->now_ms, NULL))) {
		fail(out, "hpa_history_record", rc, NULL);
		return;
	}
	g->has_prev = true;
	g->prev_desired = d->desired_replicas;
	out->ok = !(d->error && !d->rescale);
	out->desired = d->rescale ? d->desired_replicas : current;
	out->reason = d->limit_reason;
	if (!text)
		return;
	out->reason_name = d->limit_reason ? hpa_decide_limit_name(d->limit_reason) : "";
	if (d->error)
		snprintf(out->message, sizeof(out->message), "%s", d->error_message);
	out->n_metrics = (int32_t)(d->n_metrics < HPA_SIM_MAX_METRICS ? d->n_metrics : HPA_SIM_MAX_METRICS);
	for (int32_t i = 0; i < out->n_metrics; i++) {
		const hpa_metric_result *r = &d->metrics[i];
		hpa_sim_metric_value *m = &out->metrics[i];
		const hpa__sim_mdesc *md = i < h->n_mdesc ? &h->mdesc[i] : NULL;
		memset(m, 0, sizeof(*m));
		hpa__strlcpy(m->name, md ? md->resource : "cpu", sizeof(m->name));
		m->type = md ? md->type : HPA_METRIC_SOURCE_TYPE_RESOURCE;
		m->valid = r->status == HPA_OK;
		m->has_utilization = md ? md->target_type == HPA_METRIC_TARGET_TYPE_UTILIZATION : true;
		m->target_utilization = md ? md->target_util : 80;
		m->target_milli = md ? md->target_milli : 0;
		m->utilization = r->has_average_utilization ? r->average_utilization : 0;
		m->current_milli = r->has_average_value ? r->average_value_milli : r->has_value ? r->value_milli : 0;
		m->proposal = r->replicas;
	}
	{
		hpa_hpa_row row;
		out->n_targets = hpa_decision_targets(out->targets, HPA_SIM_MAX_METRICS, d, in);
		hpa__sim_glue_row(g, sim, h->wl, &row, out->targets, out->n_targets, current, now);
		hpa_format_hpa_row(out->kubectl, sizeof(out->kubectl), &row);
	}
}

void hpa__sim_glue_row(const hpa__sim_glue *g, const struct hpa_sim *sim, size_t wl, hpa_hpa_row *row,
	const hpa_targets_entry *targets, size_t n_targets, int32_t current, int64_t now)
{
	memset(row, 0, sizeof(*row));
	row->name = g->name;
	row->target_kind = g->target_kind;
	row->target_name = *g->target_name ? g->target_name : sim->wl[wl].name;
	row->metrics = targets;
	row->n_metrics = n_targets;
	row->has_min_replicas = g->has_min;
	row->min_replicas = g->min_replicas;
	row->max_replicas = g->max_replicas;
	row->current_replicas = current;
	row->creation_ms = HPA__SIM_EPOCH_MS - sim->warmup_ms;
	row->now_ms = HPA__SIM_EPOCH_MS + now;
}
