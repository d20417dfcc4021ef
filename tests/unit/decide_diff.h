/* tests/unit/decide_diff.h -- the generator and the comparisons of the
 * differential test of the decision's paths (tests/unit/test_decide_diff.c
 * runs DD_ITER seeded cases; fuzz/decide.c runs one case per input, its
 * choices taken from the input's bytes with DD_BYTES). Needs the
 * hpa_testing build (HPA_TESTING) for its switches and counters. */
#ifndef HPA_TESTS_DECIDE_DIFF_H
#define HPA_TESTS_DECIDE_DIFF_H
#include "core/core.h"
#include "decide/decide_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HPA_TESTING

#define DD_ITER 10000
#define DD_MAXP 24
#define DD_MAXC 3
#define DD_MAXM 4

typedef struct {
	hpa_decide_pod pods[DD_MAXP];
	hpa_decide_container conts[DD_MAXP][DD_MAXC];
	hpa_container_usage cus[DD_MAXP][DD_MAXC];
	hpa_pod_usage pus[DD_MAXP + 1];
	hpa_decide_metric mets[DD_MAXM];
	hpa_decide_behavior beh;
	hpa_decide_policy pols[2][4];
	char names[DD_MAXP][8];
	hpa_decide_input in;
	hpa_decide_options o;
	uint8_t cls[DD_MAXM * DD_MAXP];
	/* the same pods as a pod table, when they fit one */
	hpa_decide_pod_table tab;
	const char *tnames[DD_MAXP];
	int64_t tcol[8][DD_MAXP];
	hpa_decide_input tin;
} dd_case;

static uint64_t dd_state;
/* With DD_BYTES (the fuzz target), the choices come from dd_bytes first,
 * 8 bytes each, then from the generator. */
#ifdef DD_BYTES
static const uint8_t *dd_bytes;
static size_t dd_nbytes;
#endif
static uint64_t dd_rnd(void)
{
#ifdef DD_BYTES
	if (dd_nbytes >= 8) {
		uint64_t v = 0;
		for (int k = 0; k < 8; k++)
			v |= (uint64_t)dd_bytes[k] << (8 * k);
		dd_bytes += 8;
		dd_nbytes -= 8;
		return v;
	}
#endif
	/* xorshift64 */
	dd_state ^= dd_state << 13;
	dd_state ^= dd_state >> 7;
	dd_state ^= dd_state << 17;
	return dd_state;
}
static int64_t R(int64_t n) { return n <= 0 ? 0 : (int64_t)(dd_rnd() % (uint64_t)n); }
static int P(int pct) { return R(100) < pct; }

#define T0 INT64_C(1700000000000)

/* Perturbations ("near the common shape"): each is applied with a small
 * probability when the case is not a plain one. */
static void dd_pod(dd_case *c, int i, int64_t now, int plain, int64_t cpu_req, int64_t mem_req, int same)
{
	hpa_decide_pod *p = &c->pods[i];
	hpa_pod_usage *u = &c->pus[i];
	int nc = plain || P(85) ? 1 : 1 + (int)R(DD_MAXC), j;

	memset(p, 0, sizeof(*p));
	p->name = c->names[i];
	p->phase = HPA_PHASE_RUNNING;
	p->ready = HPA_COND_TRUE;
	p->ready_transition_ms = now - (P(50) ? R(40000) : 3600000 + R(4000000));
	p->has_start_time = true;
	p->start_time_ms = now - 600000 - R(3600000);
	p->containers = c->conts[i];
	p->n_containers = (size_t)nc;
	if (!plain) {
		if (P(3))
			p->phase = (int)R(6);
		if (P(3))
			p->ready = (int)R(4);
		if (P(3))
			p->has_start_time = false;
		if (P(4))
			p->start_time_ms = now - R(400000); /* inside the cpu initialization period (5 min) */
		if (P(2)) {
			/* at and around the default period's cut-off, and 2^32 ms
			 * (49.7 days) and more away from it: the table's SIMD
			 * check compares int64 halves */
			static const int64_t off[] = { 0, 1, -1, INT64_C(1) << 32, -(INT64_C(1) << 32),
				(INT64_C(1) << 32) + 1, (INT64_C(1) << 31), -(INT64_C(1) << 31) - 1, INT64_C(86400000) * 60 };
			p->start_time_ms = now - 300000 + off[R(sizeof(off) / sizeof(off[0]))];
		}
		if (P(2))
			p->deleting = true;
		if (P(2)) {
			p->pod_requests_set = (unsigned)R(8) & 6u;
			p->pod_requests_milli[HPA_RESOURCE_CPU] = 100 + R(1000);
			p->pod_requests_milli[HPA_RESOURCE_MEMORY] = (1 + R(1000)) * INT64_C(1048576000);
		}
	}
	for (j = 0; j < nc; j++) {
		hpa_decide_container *k = &c->conts[i][j];
		memset(k, 0, sizeof(*k));
		k->name = j == 0 ? "app" : j == 1 ? "side" : "init";
		k->kind = j == 0 ? HPA_CONTAINER_APP : (int)R(3);
		k->requests_set = 6u;
		k->requests_milli[HPA_RESOURCE_CPU] = same ? cpu_req : 100 + R(1000);
		k->requests_milli[HPA_RESOURCE_MEMORY] = same ? mem_req : (1 + R(2000)) * INT64_C(1048576);
		if (!plain) {
			if (P(2))
				k->requests_set = (unsigned)R(8) & 6u;
			if (P(2))
				k->requests_milli[HPA_RESOURCE_CPU] = 0;
			if (P(1))
				k->kind = (int)R(3);
		}
	}
	if (!plain && P(3)) {
		p->usage = NULL;
		return;
	}
	u->pod = c->names[i];
	u->timestamp_ms = now - R(60000);
	u->window_ms = P(80) ? 30000 : R(90000);
	u->containers = c->cus[i];
	u->n_containers = plain || P(95) ? (size_t)nc : (size_t)R(DD_MAXC + 1);
	for (j = 0; j < (int)u->n_containers; j++) {
		hpa_container_usage *cu = &c->cus[i][j];
		memset(cu, 0, sizeof(*cu));
		cu->name = j < nc ? c->conts[i][j].name : "other";
		cu->usage_set = plain || P(97) ? 6u : (unsigned)R(8) & 6u;
		/* up to ~2x the request, sometimes far beyond it */
		cu->usage_milli[HPA_RESOURCE_CPU] = R(P(95) ? 2 * cpu_req + 1 : 100000);
		cu->usage_milli[HPA_RESOURCE_MEMORY] = R(2 * mem_req + 1);
	}
	p->usage = u;
}

static void dd_rules(hpa_decide_rules *r, hpa_decide_policy *pl, int plain)
{
	int j;
	memset(r, 0, sizeof(*r));
	if (P(40))
		return;
	r->has_stabilization_window = P(50);
	r->stabilization_window_seconds = (int32_t)(P(30) ? 0 : R(P(50) ? 600 : 60));
	r->select_policy = (int)R(plain ? 3 : 4);
	r->has_policies = P(60);
	r->n_policies = (size_t)(plain ? 1 + R(3) : R(4));
	r->policies = pl;
	for (j = 0; j < 4; j++) {
		pl[j].type = 1 + (int)R(2);
		pl[j].value = (int32_t)(P(30) ? 100 : 1 + R(300));
		pl[j].period_seconds = (int32_t)(P(40) ? 15 : 1 + R(1800));
	}
	r->has_tolerance = P(20);
	r->tolerance = (double)R(30) / 100.0;
}

static void dd_gen(dd_case *c, int64_t now)
{
	hpa_decide_input *in = &c->in;
	int plain = P(55), i, nm;
	int64_t cpu_req = 100 + R(1000), mem_req = (1 + R(2000)) * INT64_C(1048576);
	int same = P(80);
	hpa_decide_options o0 = HPA_DECIDE_OPTIONS_INIT;

	hpa_decide_input_init(in, HPA_DECIDE_INPUT_VERSION);
	c->o = o0;
	c->o.no_text = P(50);
	if (!plain) {
		if (P(5))
			c->o.semantics = HPA_SEMANTICS_MASTER;
		if (P(5))
			c->o.tolerance = (double)R(30) / 100.0;
		if (P(5))
			c->o.cpu_initialization_period_ms = R(600000);
		if (P(5))
			c->o.downscale_stabilization_ms = R(600000);
		if (P(3))
			c->o.configurable_tolerance = false;
	}
	in->n_pods = (size_t)(1 + R(DD_MAXP));
	for (i = 0; i < (int)in->n_pods; i++)
		dd_pod(c, i, now, plain, cpu_req, mem_req, same);
	in->pods = c->pods;
	in->spec_replicas = (int32_t)(plain || P(85) ? (int64_t)in->n_pods : R(30));
	in->status_replicas = in->spec_replicas;
	in->has_min_replicas = P(80);
	in->min_replicas = (int32_t)R(4);
	in->max_replicas = (int32_t)(P(70) ? 30 + R(30) : in->spec_replicas + R(3));
	if (P(10))
		in->min_replicas = in->spec_replicas; /* current == min */
	if (P(10))
		in->max_replicas = in->spec_replicas; /* current == max */
	if (!plain && P(5))
		in->max_replicas = in->spec_replicas - 1; /* current above max */
	if (!plain && P(5))
		in->min_replicas = in->spec_replicas + 1; /* current below min */
	if (in->max_replicas < 1)
		in->max_replicas = 1;
	if (in->has_min_replicas && in->min_replicas > in->max_replicas)
		in->min_replicas = in->max_replicas;
	if (!plain && P(3)) {
		c->pus[DD_MAXP] = c->pus[0];
		c->pus[DD_MAXP].pod = "orphan";
		c->pus[DD_MAXP].containers = c->cus[0];
		c->pus[DD_MAXP].n_containers = 1;
		in->orphan_usage = &c->pus[DD_MAXP];
		in->n_orphan_usage = 1;
	}
	if (!plain && P(3))
		in->selector = (int)R(5);
	in->selector_text = "app=web";
	nm = 1 + (int)R(plain ? 2 : DD_MAXM);
	memset(c->mets, 0, sizeof(c->mets));
	for (i = 0; i < nm; i++) {
		hpa_decide_metric *m = &c->mets[i];
		m->type = HPA_SOURCE_RESOURCE;
		m->resource = plain ? (i == 0 ? 1 + (int)R(2) : 3 - c->mets[0].resource) : 1 + (int)R(2);
		if (P(50)) {
			m->target_type = HPA_TARGET_UTILIZATION;
			m->has_average_utilization = true;
			m->average_utilization = (int32_t)(1 + R(150));
		} else {
			m->target_type = HPA_TARGET_AVERAGE_VALUE;
			m->has_average_value = true;
			m->average_value_milli = m->resource == HPA_RESOURCE_CPU ? 1 + R(1500) : (1 + R(3000)) * INT64_C(1048576);
		}
		m->average_value_format = (int)R(3);
		if (plain)
			continue;
		if (P(3)) {
			m->type = HPA_SOURCE_CONTAINER_RESOURCE;
			m->container = "app";
		}
		if (P(2)) {
			m->type = HPA_SOURCE_EXTERNAL;
			m->name = "qps";
			m->has_average_utilization = false;
			m->target_type = HPA_TARGET_VALUE;
			m->has_value = true;
			m->value_milli = 1 + R(100000);
		}
		if (P(2)) {
			m->fetch_failed = true;
			m->fetch_error = "boom";
		}
		if (P(2))
			m->has_average_utilization = m->has_average_value = false;
	}
	in->metrics = c->mets;
	in->n_metrics = (size_t)nm;
	in->behavior = NULL;
	if (P(60)) {
		dd_rules(&c->beh.scale_up, c->pols[0], plain);
		dd_rules(&c->beh.scale_down, c->pols[1], plain);
		in->behavior = &c->beh;
	}
	in->has_prev_desired = P(20);
	in->prev_desired_replicas = (int32_t)R(20);
	in->now_ms = now;
	in->pod_class = !plain && P(3) ? c->cls : NULL;
}

/* A history with old and new recommendations and events (or none, or a
 * nil list). */
static hpa_history *dd_history(int64_t now)
{
	hpa_history *h = NULL;
	int i, d, n, step = P(70) ? 15000 : 1 + (int)R(60000), sorted = P(70);
	if (hpa_history_new(&h, P(80) ? 64 : (size_t)(1 + R(8)), NULL) != HPA_OK)
		return NULL;
	if (P(10))
		return h; /* nil list: the first decision records (current, now) */
	hpa_history_set_has_recommendations(h, true);
	n = (int)R(P(10) ? 60 : 25);
	for (i = 0; i < n; i++) {
		int64_t ts = sorted ? now - (int64_t)(n - i) * step : now - R(700000);
		if (P(2))
			ts = now - INT64_C(40) * 86400000; /* 40 days old */
		if (P(1))
			ts = now + R(30000); /* in the future */
		hpa_history_add_recommendation(h, (int32_t)(P(80) ? 1 + R(24) : R(60)), ts, NULL);
	}
	for (d = HPA_SCALE_UP; d <= HPA_SCALE_DOWN; d++) {
		int ne = (int)R(P(80) ? 4 : 12);
		for (i = 0; i < ne; i++)
			hpa_history_add_event(h, d, (int32_t)R(8), now - R(P(50) ? 40000 : 2000000), P(20), NULL);
	}
	return h;
}

/* The pods of c->in as a pod table in c->tin, when they fit one (every pod
 * Running, Ready, started, not deleting, one application container whose
 * usage item names it, no pod-level requests, the same resources requested
 * and reported by every pod). */
static bool dd_table(dd_case *c)
{
	const hpa_decide_input *in = &c->in;
	hpa_decide_pod_table *t = &c->tab;
	unsigned rs = 0, us = 0;
	size_t i;
	int r;
	for (i = 0; i < in->n_pods; i++) {
		const hpa_decide_pod *p = &in->pods[i];
		const hpa_pod_usage *u = p->usage;
		if (p->phase != HPA_PHASE_RUNNING || p->ready != HPA_COND_TRUE || !p->has_start_time || p->deleting ||
		    p->n_containers != 1 || p->containers[0].kind != HPA_CONTAINER_APP || p->pod_requests_set ||
		    !u || u->n_containers != 1 || strcmp(u->containers[0].name, p->containers[0].name) ||
		    (i && (p->containers[0].requests_set != rs || u->containers[0].usage_set != us)))
			return false;
		rs = p->containers[0].requests_set;
		us = u->containers[0].usage_set;
	}
	memset(t, 0, sizeof(*t));
	t->n = in->n_pods;
	t->names = c->tnames;
	t->container = in->n_pods ? in->pods[0].containers[0].name : NULL;
	t->start_time_ms = c->tcol[0];
	t->ready_transition_ms = c->tcol[1];
	t->sample_time_ms = c->tcol[2];
	t->sample_window_ms = c->tcol[3];
	for (r = HPA_RESOURCE_CPU; r <= HPA_RESOURCE_MEMORY; r++) {
		t->usage_milli[r] = (us & HPA_RESOURCE_BIT(r)) ? c->tcol[4 + r - HPA_RESOURCE_CPU] : NULL;
		t->requests_milli[r] = (rs & HPA_RESOURCE_BIT(r)) ? c->tcol[6 + r - HPA_RESOURCE_CPU] : NULL;
	}
	for (i = 0; i < in->n_pods; i++) {
		const hpa_decide_pod *p = &in->pods[i];
		c->tnames[i] = p->name;
		c->tcol[0][i] = p->start_time_ms;
		c->tcol[1][i] = p->ready_transition_ms;
		c->tcol[2][i] = p->usage->timestamp_ms;
		c->tcol[3][i] = p->usage->window_ms;
		for (r = HPA_RESOURCE_CPU; r <= HPA_RESOURCE_MEMORY; r++) {
			/* a column's absent entries hold garbage the pods form ignores too */
			c->tcol[4 + r - HPA_RESOURCE_CPU][i] = p->usage->containers[0].usage_milli[r];
			c->tcol[6 + r - HPA_RESOURCE_CPU][i] = p->containers[0].requests_milli[r];
		}
	}
	c->tin = *in;
	c->tin.pods = NULL;
	c->tin.n_pods = 0;
	c->tin.pod_table = t;
	return true;
}

static int dd_fail;
static long dd_iter;

static void dd_report(const char *what, const char *field)
{
	if (dd_fail < 10)
		fprintf(stderr, "decide_diff: iteration %ld (seed-relative): %s differs in %s\n", dd_iter, what, field);
	dd_fail++;
}

/* The history updates of two decisions, field by field. */
static void dd_compare_update(const char *what, const hpa_decision *a, const hpa_decision *g)
{
#define DF(f) do { if (memcmp(&a->f, &g->f, sizeof(a->f))) dd_report(what, #f); } while (0)
	DF(update.init_recommendations);
	DF(update.init_replicas);
	DF(update.store_recommendation);
	DF(update.recommendation);
	DF(update.slot);
	DF(update.store_event);
	DF(update.prev_replicas);
	DF(update.new_replicas);
	DF(update.longest_period_seconds);
#undef DF
}

/* Field-by-field comparison of a short-path decision (a) and a general-path
 * one (g). Padding and the bytes after a text's NUL do not count. */
static void dd_compare(const char *what, const hpa_decision *a, const hpa_decision *g)
{
	size_t i;
	/* byte compares: a field the decision does not write holds the same
	 * garbage in both (not always a valid bool or a terminated text) */
#define DF(f) do { if (memcmp(&a->f, &g->f, sizeof(a->f))) dd_report(what, #f); } while (0)
#define DS(f) do { if (strncmp(a->f, g->f, sizeof(a->f))) dd_report(what, #f); } while (0)
	/* static texts: the same pointer in one library (unwritten: the same garbage) */
#define DP(f) do { if (a->f != g->f) dd_report(what, #f); } while (0)
	DF(version);
	DF(current_replicas);
	DF(desired_replicas);
	DF(metric_replicas);
	DF(prenormalized_replicas);
	DF(stabilized_replicas);
	DF(min_replicas);
	DF(rescale);
	DF(error);
	DF(metrics_computed);
	DF(limit_reason);
	DF(stabilization);
	DF(n_metrics);
	DF(n_invalid_metrics);
	DF(metric_index);
	for (i = 0; i < a->n_metrics && i < HPA_DECIDE_MAX_METRICS && a->n_metrics == g->n_metrics; i++) {
		DF(metrics[i].type);
		DF(metrics[i].status);
		DP(metrics[i].failure_reason);
		DF(metrics[i].replicas);
		DF(metrics[i].has_average_utilization);
		DF(metrics[i].average_utilization);
		DF(metrics[i].has_average_value);
		DF(metrics[i].average_value_milli);
		DF(metrics[i].has_value);
		DF(metrics[i].value_milli);
		DF(metrics[i].value_format);
		if (memcmp(&a->metrics[i].usage_ratio, &g->metrics[i].usage_ratio, sizeof(double)) &&
		    !(isnan(a->metrics[i].usage_ratio) && isnan(g->metrics[i].usage_ratio)))
			dd_report(what, "metrics[i].usage_ratio");
		DF(metrics[i].n_ready);
		DF(metrics[i].n_unready);
		DF(metrics[i].n_missing);
		DF(metrics[i].n_ignored);
		DF(metrics[i].n_samples);
		DF(metrics[i].rebalanced);
		DS(metrics[i].message);
	}
	DF(n_conditions);
	for (i = 0; i < a->n_conditions && i < HPA_DECIDE_MAX_CONDITIONS && a->n_conditions == g->n_conditions; i++) {
		DF(conditions[i].type);
		DF(conditions[i].status);
		DP(conditions[i].reason);
		DS(conditions[i].message);
	}
	DF(remove_scaled_to_zero);
	DS(rescale_reason);
	DS(error_message);
#undef DF
#undef DS
#undef DP
	dd_compare_update(what, a, g);
}

/* The fields hpa__decide_prepared_lean() writes (all of them when it
 * falls back to hpa_decide()). */
static void dd_compare_lean(const hpa_decision *a, const hpa_decision *g)
{
	const char *what = "hpa__decide_prepared_lean";
#define DF(f) do { if (memcmp(&a->f, &g->f, sizeof(a->f))) dd_report(what, #f); } while (0)
	DF(version);
	DF(desired_replicas);
	DF(rescale);
	DF(error);
	DF(limit_reason);
#undef DF
	dd_compare_update(what, a, g);
}

/* What hpa__decide_prepared_lean() asks its caller to vouch for, beyond a
 * pod table and the prepared spec (decide_int.h). */
static bool dd_lean_input(const hpa_decide_input *in)
{
	size_t i;
	if (in->status_replicas < 0 || (unsigned)in->selector > HPA_SELECTOR_OK || in->n_orphan_usage ||
		in->pod_class)
		return false;
	for (i = 0; i < in->n_metrics; i++)
		if (in->metrics[i].fetch_failed || in->metrics[i].n_orphan_values || in->metrics[i].n_external_values)
			return false;
	return true;
}

/* Counts over the cases, for the test's "not vacuous" checks. */
typedef struct {
	long decisions, errors, tables;
	unsigned long tcommon, tprep, lean_runs;
} dd_stats;

/* One case: a generated input decided over one to four syncs by every
 * path, each decision compared with the general path's (dd_report() on a
 * difference). c->names must be set; a, g, q are scratch decisions. */
static void dd_one(dd_case *c, hpa_decision *a, hpa_decision *g, hpa_decision *q, dd_stats *st)
{
	uint8_t cls_a[sizeof(c->cls)];
	int64_t now = T0 + R(1000000);
	hpa_history *h;
	hpa_decide_prepared *prep = NULL;
	int prc, step, nsteps = P(40) ? 2 + (int)R(3) : 1;
	dd_gen(c, now);
	h = dd_history(now);
	if (!h) {
		dd_report("dd_history", "no history (out of memory)");
		return;
	}
	prc = hpa_decide_prepare(&prep, &c->in, &c->o, NULL);
	if ((prc == HPA_OK) != (prep != NULL))
		dd_report("hpa_decide_prepare", "return code and form disagree");
	for (step = 0; step < nsteps; step++) {
		int ra, rg;
		hpa_error ea = HPA_ERROR_INIT, eg = HPA_ERROR_INIT;
		if (step) {
			now += P(50) ? R(20000) : 15000 + R(400000);
			c->in.now_ms = now;
			/* the load moves between syncs */
			if (c->in.n_pods && c->pods[0].usage)
				((hpa_container_usage *)c->pods[0].usage->containers)[0].usage_milli[HPA_RESOURCE_CPU] = R(3000);
		}
		/* the same garbage in both outputs: unwritten fields compare equal */
		memset(a, 0x5a, sizeof(*a));
		memset(g, 0x5a, sizeof(*g));
		memset(c->cls, 0x77, sizeof(c->cls));
		hpa__test_decide_general_only = false;
		ra = hpa_decide(a, &c->in, h, &c->o, &ea);
		memcpy(cls_a, c->cls, sizeof(cls_a));
		memset(c->cls, 0x77, sizeof(c->cls));
		/* the general path scanning the recommendation list entry
		 * by entry, the short path reading the history's summary */
		hpa__test_decide_general_only = true;
		hpa__test_scan_list = true;
		rg = hpa_decide(g, &c->in, h, &c->o, &eg);
		hpa__test_decide_general_only = false;
		hpa__test_scan_list = false;
		st->decisions++;
		if (prep) {
			/* the prepared form: the same decision, pod classes included */
			int rq;
			uint8_t cls_g[sizeof(c->cls)];
			memcpy(cls_g, c->cls, sizeof(cls_g));
			memset(q, 0x5a, sizeof(*q));
			memset(c->cls, 0x77, sizeof(c->cls));
			rq = hpa_decide_prepared_run(prep, q, &c->in, h, NULL);
			if (rq != rg)
				dd_report("hpa_decide_prepared_run", "return code");
			else if (rq == HPA_OK)
				dd_compare("hpa_decide_prepared_run", q, g);
			if (memcmp(cls_g, c->cls, sizeof(cls_g)))
				dd_report("hpa_decide_prepared_run", "pod_class");
			memcpy(c->cls, cls_g, sizeof(cls_g));
		} else if (step == 0 && rg == HPA_OK) {
			dd_report("hpa_decide_prepare", "rejects a spec hpa_decide() accepts");
		}
		if (dd_table(c)) {
			/* the pod table: hpa_decide()'s short path, its general
			 * path (the table expanded into pods) and the prepared
			 * form give the pods' decision, pod classes included */
			int rt, k;
			uint8_t cls_g[sizeof(c->cls)];
			memcpy(cls_g, c->cls, sizeof(cls_g));
			st->tables++;
			for (k = 0; k < 3; k++) {
				unsigned long h0 = hpa__test_decide_common_hits, p0 = hpa__test_decide_prepared_hits;
				memset(q, 0x5a, sizeof(*q));
				memset(c->cls, 0x77, sizeof(c->cls));
				hpa__test_decide_general_only = k == 1;
				rt = k == 2 ? (prep ? hpa_decide_prepared_run(prep, q, &c->tin, h, NULL) : rg)
					: hpa_decide(q, &c->tin, h, &c->o, NULL);
				hpa__test_decide_general_only = false;
				if (k == 2 && !prep)
					continue;
				st->tcommon += hpa__test_decide_common_hits - h0;
				st->tprep += hpa__test_decide_prepared_hits - p0;
				if (rt != rg)
					dd_report(k == 0 ? "pod table" : k == 1 ? "pod table (general path)" : "pod table (prepared)",
						"return code");
				else if (rt == HPA_OK)
					dd_compare(k == 0 ? "pod table" : k == 1 ? "pod table (general path)" : "pod table (prepared)",
						q, g);
				if (memcmp(cls_g, c->cls, sizeof(cls_g)))
					dd_report("pod table", "pod_class");
			}
			memcpy(c->cls, cls_g, sizeof(cls_g));
			if (prep && dd_lean_input(&c->tin)) {
				/* the simulator's lean form: the numbers it reads */
				int rl;
				memset(q, 0x5a, sizeof(*q));
				rl = hpa__decide_prepared_lean(prep, q, &c->tin, h);
				st->lean_runs++;
				if (rl != rg)
					dd_report("hpa__decide_prepared_lean", "return code");
				else if (rl == HPA_OK)
					dd_compare_lean(q, g);
				memcpy(c->cls, cls_g, sizeof(cls_g));
			}
		}
		if (ra != rg) {
			dd_report("hpa_decide", "return code");
			break;
		}
		if (ra != HPA_OK) {
			st->errors++;
			if (strcmp(ea.message, eg.message))
				dd_report("hpa_decide", "error message");
			break;
		}
		dd_compare("hpa_decide", a, g);
		if (memcmp(cls_a, c->cls, sizeof(cls_a)))
			dd_report("hpa_decide", "pod_class");
		if (c->o.no_text) {
			if (hpa_decision_format_conditions(a, &c->in, &c->o, NULL) != HPA_OK ||
			    hpa_decision_format_conditions(g, &c->in, &c->o, NULL) != HPA_OK)
				dd_report("hpa_decision_format_conditions", "return code");
			dd_compare("hpa_decision_format_conditions", a, g);
		}
		if (hpa_history_record(h, a, now, NULL) != HPA_OK)
			dd_report("hpa_history_record", "return code");
	}
	hpa_history_free(h);
	hpa_decide_prepared_free(prep);
}

#endif /* HPA_TESTING */
#endif
