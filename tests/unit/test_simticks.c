/* tests/unit/test_simticks.c -- what the simulator's workload tick keeps
 * instead of recomputing (issue #7): the count of serving pods, the
 * open-loop capacity, the per-workload constants, and the inline diurnal
 * rate. Each is checked against a recount or the plain computation, at
 * every sync of a fleet that scales up and down (pods booting, probed,
 * deleted). */
#include "helpers.h"
#include "simulate/sim_int.h"
#include "decide/decide_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	size_t syncs;
	size_t bad_serving, bad_mu, bad_k;
	size_t serving_changes; /* syncs where a workload's count differs from its previous one */
	int32_t *last;
} ticks_check;

static void check_sync(const hpa_sim_sync_info *info, void *payload)
{
	ticks_check *c = payload;
	const hpa_sim *sim = info->sim;
	const hpa__sim_workload *w = &sim->wl[sim->hpas[info->hpa].wl];
	const hpa__sim_tick_k *k = &w->k;
	int32_t n = 0;
	double cap, base, c_eff;
	c->syncs++;
	for (size_t i = 0; i < w->n_pods; i++)
		if (w->pods[i].ready && w->pods[i].booted && !w->pods[i].deleting)
			n++;
	if (n != w->n_serving)
		c->bad_serving++;
	if (n != c->last[info->hpa])
		c->serving_changes++;
	c->last[info->hpa] = n;
	/* the constants: the expressions of the model, from dep and svc */
	cap = (double)(w->dep.cpu_limit_milli > 0 ? w->dep.cpu_limit_milli : w->svc.node_cpu_milli);
	base = (double)w->svc.base_cpu_milli;
	c_eff = cap - base > 1.0 ? cap - base : 1.0;
	if (k->c != cap || k->base != base || k->c_eff != c_eff ||
		k->d_ms != (double)w->svc.cost_milli * 1000.0 / c_eff || k->cost != (double)w->svc.cost_milli ||
		k->mem_span != (double)w->svc.mem_base_bytes - (double)w->svc.mem_start_bytes ||
		k->mem_limit != (double)w->dep.memory_limit_bytes || k->has_limit != (w->dep.memory_limit_bytes > 0) ||
		k->growth != (w->svc.mem_growth_bytes != 0) ||
		k->slack != (double)sim->opts.latency_objective_ms - (double)w->svc.io_ms ||
		k->closed != (w->load.kind == HPA__LOAD_SIEGE) ||
		k->track != !(sim->opts.flags & HPA_SIM_NO_TIMELINE))
		c->bad_k++;
	/* the cached capacity is the capacity of mu_n pods */
	if (w->mu_n > 0 && w->mu != (double)w->mu_n * c_eff / (double)w->svc.cost_milli)
		c->bad_mu++;
}

/* Run the test fleet; *keep (when not NULL) gets the simulation, else it
 * is freed. */
static void run_fleet_keep(unsigned int flags, int64_t kubelet_ms, ticks_check *c, hpa_sim **keep)
{
	static const char *const loads[] = { "diurnal 30 amp=0.7 period=10m bursts=2 factor=3 burst=1m",
		"step 5 90@2m 5@6m 60@8m", "siege -c40 -d0.5 -t8M", "sine 25 20 4m", "constant 200 start=1m for=3m",
		"ramp 2 80 9m" };
	static const char *const svcs[] = { "springboot,cost=10m,mem=200Mi", "go", "go,cost=25m,io=5ms",
		"springboot,boot=20s" };
	enum { N = 40 };
	hpa_sim_options o;
	hpa_sim *sim = NULL;
	hpa_error e = HPA_ERROR_INIT;
	memset(c, 0, sizeof(*c));
	c->last = calloc(N, sizeof(*c->last));
	CU_ASSERT_FATAL(c->last != NULL);
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.seed = 5;
	o.flags = flags;
	o.duration_ms = 900000;
	o.tick_ms = 1000;
	o.kubelet_interval_ms = kubelet_ms;
	o.on_sync = check_sync;
	o.payload = c;
	CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
	for (size_t i = 0; i < N; i++) {
		char name[32], hname[40];
		hpa_sim_deployment d;
		hpa_sim_service svc;
		hpa_sim_load *l = NULL;
		hpa_autoscaler *a = NULL;
		hpa_metric_spec *m = NULL;
		hpa_metric_target *t = NULL;
		size_t di;
		snprintf(name, sizeof(name), "app-%02zu", i);
		snprintf(hname, sizeof(hname), "app-%02zu-hpa", i);
		hpa_sim_deployment_init(&d, HPA_SIM_DEPLOYMENT_VERSION);
		d.name = name;
		d.replicas = 1 + (int32_t)(i % 3);
		if (i % 5 == 1)
			d.readiness_initial_delay_ms = -1; /* Ready when the container runs, before it booted */
		if (i % 7 == 3)
			d.shutdown_ms = 45000; /* deleting pods linger */
		if (i % 4 == 2)
			d.memory_limit_bytes = INT64_C(300) << 20;
		else if (i % 8 == 4)
			d.memory_limit_bytes = INT64_C(220) << 20; /* a JVM service at its limit under load */
		hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
		CU_ASSERT_FATAL(hpa_sim_service_parse(&svc, svcs[i % 4], &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_add_deployment(sim, &d, &svc, &di, &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_load_parse(&l, loads[i % 6], &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_set_load(sim, di, l, &e) == 0);
		hpa_sim_load_free(l);
		CU_ASSERT_FATAL(hpa_autoscaler_new(&a, hname, &e) == 0);
		CU_ASSERT_FATAL(hpa_autoscaler_set_scale_target_ref_api_version(a, "apps/v1", &e) == 0 &&
			hpa_autoscaler_set_scale_target_ref_kind(a, "Deployment", &e) == 0 &&
			hpa_autoscaler_set_scale_target_ref_name(a, name, &e) == 0 &&
			hpa_autoscaler_set_min_replicas(a, 1, &e) == 0 &&
			hpa_autoscaler_set_max_replicas(a, 4 + (int32_t)(i % 9), &e) == 0 &&
			hpa_autoscaler_metrics_append(a, &m, &e) == 0 &&
			hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_RESOURCE, &e) == 0 &&
			hpa_metric_spec_set_resource_name(m, "cpu", &e) == 0 &&
			hpa_metric_spec_resource_target_mut(m, &t, &e) == 0 &&
			hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_UTILIZATION, &e) == 0 &&
			hpa_metric_target_set_average_utilization(t, 40 + (int32_t)(i % 4) * 10, &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_add_hpa(sim, a, di, NULL, &e) == 0);
		hpa_autoscaler_free(a);
	}
	CU_ASSERT_FATAL(hpa_sim_run(sim, &e) == 0);
	free(c->last);
	c->last = NULL;
	if (keep)
		*keep = sim;
	else
		hpa_sim_free(sim);
}

static void run_fleet(unsigned int flags, int64_t kubelet_ms, ticks_check *c)
{
	run_fleet_keep(flags, kubelet_ms, c, NULL);
}

/* Without a timeline the tick runs its own loop over pods that all serve;
 * what it books must be what the loop of a run with a timeline books, bit
 * for bit: every workload's totals (requests served, dropped, over the
 * objective, pod time, time at the memory limit), its pods' usage at the
 * end and every summary. Without a timeline the syncs also decide with
 * hpa__decide_prepared_lean(), which writes only the numbers: the same
 * summaries (replicas, rescales, peaks, times) say it decided the same. */
static void test_simticks__no_timeline_books_the_same(void)
{
	hpa_sim *a = NULL, *b = NULL;
	ticks_check ca, cb;
	size_t capped = 0, over = 0;
	unsigned long lean0 = hpa__test_decide_lean_hits, lean1;
	run_fleet_keep(0, 0, &ca, &a);
	lean1 = hpa__test_decide_lean_hits;
	run_fleet_keep(HPA_SIM_NO_TIMELINE, 0, &cb, &b);
	CU_ASSERT_FATAL(a && b && a->n_wl == b->n_wl && a->n_hpa == b->n_hpa);
	/* the run with a timeline decides in full; the other mostly lean */
	CU_ASSERT_EQUAL(lean1, lean0);
	CU_ASSERT(hpa__test_decide_lean_hits - lean1 >= (unsigned long)cb.syncs / 2);
	for (size_t i = 0; i < a->n_wl; i++) {
		const hpa__sim_workload *x = &a->wl[i], *y = &b->wl[i];
		CU_ASSERT(memcmp(&x->tot_served, &y->tot_served, sizeof(double)) == 0);
		CU_ASSERT(memcmp(&x->tot_dropped, &y->tot_dropped, sizeof(double)) == 0);
		CU_ASSERT(memcmp(&x->tot_over_slo, &y->tot_over_slo, sizeof(double)) == 0);
		CU_ASSERT(memcmp(&x->tot_pod_ms, &y->tot_pod_ms, sizeof(double)) == 0);
		CU_ASSERT(memcmp(&x->mem_capped_ms, &y->mem_capped_ms, sizeof(double)) == 0);
		/* and the pods at the end: the same ones, with the same usage */
		CU_ASSERT_FATAL(x->n_pods == y->n_pods);
		for (size_t j = 0; j < x->n_pods; j++) {
			const hpa__sim_pod *p = &x->pods[j], *q = &y->pods[j];
			CU_ASSERT(p->id == q->id && memcmp(&p->mem, &q->mem, sizeof(double)) == 0 &&
				memcmp(&p->cpu_cum, &q->cpu_cum, sizeof(double)) == 0 &&
				memcmp(&p->cpu_rate, &q->cpu_rate, sizeof(double)) == 0 &&
				memcmp(&p->served, &q->served, sizeof(double)) == 0);
		}
		capped += x->mem_capped_ms > 0.0;
		over += x->tot_over_slo > 0.0;
	}
	for (size_t i = 0; i < a->n_hpa; i++) {
		hpa_sim_summary sa, sb;
		memset(&sa, 0, sizeof(sa));
		memset(&sb, 0, sizeof(sb));
		CU_ASSERT(hpa_sim_summary_get(a, i, &sa, NULL) == 0 && hpa_sim_summary_get(b, i, &sb, NULL) == 0);
		CU_ASSERT(memcmp(&sa, &sb, sizeof(sa)) == 0);
	}
	/* the comparison covers pods at their memory limit and slow requests */
	CU_ASSERT(capped > 0);
	CU_ASSERT(over > 0);
	hpa_sim_free(a);
	hpa_sim_free(b);
}

static void test_simticks__kept_values_match_a_recount(void)
{
	static const unsigned int flags[] = { 0, HPA_SIM_TILED | HPA_SIM_NO_TIMELINE };
	static const int64_t kubelet[] = { 10000, 0 };
	for (size_t v = 0; v < 2; v++) {
		ticks_check c;
		run_fleet(flags[v], kubelet[v], &c);
		/* 40 HPAs, a sync every 15 s over 15 min (60 or 61 of them: the phase) */
		CU_ASSERT(c.syncs == 40 * 60 || c.syncs == 40 * 61);
		CU_ASSERT_EQUAL(c.bad_serving, 0);
		CU_ASSERT_EQUAL(c.bad_mu, 0);
		CU_ASSERT_EQUAL(c.bad_k, 0);
		/* the fleet does scale: counts go up and down many times */
		CU_ASSERT(c.serving_changes > 100);
	}
}

/* The inline rate (diurnal inline, the rest through load.c) against the
 * plain one that looks through the bursts, with one shared cos() cache that
 * two loads of different periods keep replacing. */
static void test_simticks__fast_rate_is_the_rate(void)
{
	static const char *const specs[] = { "diurnal 80 amp=0.9 period=7m start=30s for=20m",
		"diurnal 40 amp=1 period=5m", "step 5 60@2m 5@6m", "sine 20 25 4m", "ramp 2 80 9m",
		"constant 12 start=1m for=3m", "none", "siege -c25 -d0.5 -t8M" };
	hpa__sim_burst bursts[2] = { { 90000, 150000 }, { 600000, 601000 } };
	hpa_sim_load *l[8];
	hpa__sim_trig trig;
	hpa_error e = HPA_ERROR_INIT;
	size_t bad = 0, n = 0, zero = 0;
	memset(&trig, 0, sizeof(trig));
	for (size_t i = 0; i < 8; i++)
		CU_ASSERT_FATAL(hpa_sim_load_parse(&l[i], specs[i], &e) == 0);
	for (int64_t t = -30000; t < 1800000; t += 997) {
		for (size_t i = 0; i < 8; i++) {
			bool in = false;
			double want, got;
			for (size_t b = 0; b < 2; b++)
				if (t >= bursts[b].from_ms && t < bursts[b].to_ms)
					in = true;
			want = hpa__sim_load_rate(l[i], i < 2 ? bursts : NULL, i < 2 ? 2 : 0, t);
			got = hpa__sim_load_rate_fast(l[i], i < 2 && in, t, &trig);
			if (memcmp(&want, &got, sizeof(want)) != 0)
				bad++;
			if (i < 2 && want == 0.0)
				zero++;
			n++;
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(n > 10000);
	CU_ASSERT(zero > 0); /* the window and amp=1 at night */
	for (size_t i = 0; i < 8; i++)
		hpa_sim_load_free(l[i]);
}


/* hpa__sim_round(): to nearest, ties away from zero, saturating, NaN 0;
 * checked against the definition written out (v +- 0.5 by the sign,
 * truncated) on the edges and on many values. */
static int64_t round_ref(double v)
{
	if (v != v)
		return 0;
	if (v >= 9.2e18)
		return INT64_MAX;
	if (v <= -9.2e18)
		return INT64_MIN;
	return (int64_t)(v < 0 ? v - 0.5 : v + 0.5);
}

static void test_simticks__round(void)
{
	static const double edge[] = { 0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
		-0.49999999999999994, 4503599627370495.5, -4503599627370495.5, 9.2e18, -9.2e18, 9.1999999999999990e18,
		-9.1999999999999990e18, 1e300, -1e300, HUGE_VAL, -HUGE_VAL, NAN };
	uint64_t x = 12345;
	size_t i;
	CU_ASSERT_EQUAL(hpa__sim_round(2.5), 3);
	CU_ASSERT_EQUAL(hpa__sim_round(-2.5), -3);
	CU_ASSERT_EQUAL(hpa__sim_round(-0.4), 0);
	CU_ASSERT_EQUAL(hpa__sim_round(NAN), 0);
	CU_ASSERT_EQUAL(hpa__sim_round(1e19), INT64_MAX);
	CU_ASSERT_EQUAL(hpa__sim_round(-1e19), INT64_MIN);
	for (i = 0; i < sizeof(edge) / sizeof(edge[0]); i++) {
		CU_ASSERT_EQUAL(hpa__sim_round(edge[i]), round_ref(edge[i]));
		/* the scrape's form for values >= 0 is the same function */
		CU_ASSERT_EQUAL(hpa__sim_round_pos(edge[i]), round_ref(edge[i]));
	}
	/* around its bound, on both sides */
	CU_ASSERT_EQUAL(hpa__sim_round_pos(nextafter(9.2e18, 0.0)), round_ref(nextafter(9.2e18, 0.0)));
	CU_ASSERT_EQUAL(hpa__sim_round_pos(nextafter(9.2e18, INFINITY)), round_ref(nextafter(9.2e18, INFINITY)));
	CU_ASSERT_EQUAL(hpa__sim_round_pos(-NAN), 0);
	for (i = 0; i < 200000; i++) {
		double v;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(&v, &x, sizeof(v)); /* every exponent, sign and NaN payload */
		if (hpa__sim_round(v) != round_ref(v) || hpa__sim_round_pos(v) != round_ref(v) ||
			hpa__sim_round_pos(ldexp((double)(x >> 11), -(int)(x & 31))) !=
				round_ref(ldexp((double)(x >> 11), -(int)(x & 31)))) {
			CU_FAIL("hpa__sim_round or hpa__sim_round_pos differs from their definition");
			break;
		}
	}
}

/* hpa__sim_add_over() against its definition, tot + served * exp(x), bit
 * for bit: random counts, requests and exponents over their whole ranges,
 * and many near the shortcut's bound (the term a few binades either side
 * of half an ulp of the count), where a bound off by one binade shows. */
static void test_simticks__add_over(void)
{
	uint64_t x = 987654321;
	size_t i, same = 0, changed = 0;
	for (i = 0; i < 400000; i++) {
		double tot, served, arg, got, want;
		uint64_t r[3];
		for (int j = 0; j < 3; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			r[j] = x;
		}
		arg = -745.9 * (double)(r[0] >> 11) / 9007199254740992.0; /* (-746, 0] */
		served = ldexp(1.0 + (double)(r[1] >> 12) / 4503599627370496.0, (int)(r[1] & 63) - 40);
		if (i & 1) {
			/* near the bound: tot about served * exp(arg) * 2^(53 + d) */
			int d = (int)(r[2] & 15) - 8;
			tot = served * exp(arg) * ldexp(1.0 + (double)(r[2] >> 12) / 4503599627370496.0, 53 + d);
		} else {
			tot = (r[2] & 7) == 0 ? 0.0 : ldexp((double)(r[2] >> 11) / 9007199254740992.0, (int)((r[2] >> 3) & 1023) - 980);
		}
		got = hpa__sim_add_over(tot, served, arg);
		want = tot + served * exp(arg);
		if (memcmp(&got, &want, sizeof(got)) != 0) {
			CU_FAIL("hpa__sim_add_over differs from tot + served * exp(x)");
			break;
		}
		if (want == tot)
			same++;
		else
			changed++;
	}
	/* both outcomes occurred many times */
	CU_ASSERT(same > 10000);
	CU_ASSERT(changed > 10000);
	/* the edges: a count of 0, a subnormal term, the largest argument */
	CU_ASSERT_EQUAL(hpa__sim_add_over(0.0, 1.0, -745.0), 0.0 + 1.0 * exp(-745.0));
	CU_ASSERT_EQUAL(hpa__sim_add_over(1e-300, 1.0, -700.0), 1e-300 + exp(-700.0));
	CU_ASSERT_EQUAL(hpa__sim_add_over(1.0, 1.0, 0.0), 2.0);
	CU_ASSERT_EQUAL(hpa__sim_add_over(1e300, 1e300, -1.0), 1e300 + 1e300 * exp(-1.0));
}

static CU_TestInfo tests[] = {
	{ "kept_values_match_a_recount", test_simticks__kept_values_match_a_recount },
	{ "no_timeline_books_the_same", test_simticks__no_timeline_books_the_same },
	{ "fast_rate_is_the_rate", test_simticks__fast_rate_is_the_rate },
	{ "round", test_simticks__round },
	{ "add_over", test_simticks__add_over },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_simticks = { "simticks", NULL, NULL, NULL, NULL, tests };
