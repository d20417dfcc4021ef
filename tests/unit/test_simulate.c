/* tests/unit/test_simulate.c -- the deterministic HPA simulator.
 *
 * Expected values are worked out by hand from the model (metrics windows,
 * pod lifecycle timings) and from the HPA algorithm spec
 * (shared/docs/hpa-algorithm.md), never by running the simulator: each
 * case says how its numbers come about. */
#include "helpers.h"
#include "simulate/sim_int.h"
#include "decide/decide_int.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MI (INT64_C(1024) * 1024)

/* ---- parsing ------------------------------------------------------------------ */

static void test_simulate__quantities(void)
{
	int64_t v;
#define Q(text, unit, want) do { \
		CU_ASSERT_EQUAL(hpa__sim_parse_quantity(text, strlen(text), unit, &v), 0); \
		CU_ASSERT_EQUAL(v, want); \
	} while (0)
#define QBAD(text, unit) CU_ASSERT_NOT_EQUAL(hpa__sim_parse_quantity(text, strlen(text), unit, &v), 0)
	Q("25m", HPA__SIM_UNIT_MILLI, 25);
	Q("0.5", HPA__SIM_UNIT_MILLI, 500);
	Q("2", HPA__SIM_UNIT_MILLI, 2000);
	Q("25ms", HPA__SIM_UNIT_MILLI, 25);
	Q("1e3", HPA__SIM_UNIT_MILLI, 1000000);
	Q("512Mi", HPA__SIM_UNIT_BYTES, 512 * MI);
	Q("1Gi", HPA__SIM_UNIT_BYTES, 1024 * MI);
	Q("1.5Ki", HPA__SIM_UNIT_BYTES, 1536);
	Q("100M", HPA__SIM_UNIT_BYTES, 100000000);
	Q("40S", HPA__SIM_UNIT_DURATION, 40000);
	Q("40s", HPA__SIM_UNIT_DURATION, 40000);
	Q("10m", HPA__SIM_UNIT_DURATION, 600000);
	Q("1h30m", HPA__SIM_UNIT_DURATION, 5400000);
	Q("500ms", HPA__SIM_UNIT_DURATION, 500);
	Q("1.5", HPA__SIM_UNIT_DURATION, 1500);
	Q("12.5", HPA__SIM_UNIT_PLAIN_MILLI, 12500);
	/* the suffixes up to E and Ei (resource.Quantity's), within int64 */
	Q("8Pi", HPA__SIM_UNIT_BYTES, INT64_C(9007199254740992));
	Q("2P", HPA__SIM_UNIT_BYTES, INT64_C(2000000000000000));
	Q("7Ei", HPA__SIM_UNIT_BYTES, INT64_C(8070450532247928832));
	Q("9E", HPA__SIM_UNIT_BYTES, INT64_C(9000000000000000000));
	Q("1P", HPA__SIM_UNIT_MILLI, INT64_C(1000000000000000000));
	QBAD("8Ei", HPA__SIM_UNIT_BYTES);
	QBAD("10E", HPA__SIM_UNIT_BYTES);
	QBAD("10P", HPA__SIM_UNIT_MILLI);
	QBAD("", HPA__SIM_UNIT_MILLI);
	QBAD("m", HPA__SIM_UNIT_MILLI);
	QBAD("5x", HPA__SIM_UNIT_MILLI);
	QBAD("5m", HPA__SIM_UNIT_BYTES);
	QBAD("10q", HPA__SIM_UNIT_DURATION);
	QBAD("99999999999999999999", HPA__SIM_UNIT_MILLI);
#undef Q
#undef QBAD
}

static void test_simulate__fixed_point_format(void)
{
	char buf[64];
	hpa__sim_fmt_fixed(buf, sizeof(buf), 12345, 1000, 3);
	CU_ASSERT_STRING_EQUAL(buf, "12.345");
	hpa__sim_fmt_fixed(buf, sizeof(buf), 12300, 1000, 3);
	CU_ASSERT_STRING_EQUAL(buf, "12.3");
	hpa__sim_fmt_fixed(buf, sizeof(buf), 12000, 1000, 3);
	CU_ASSERT_STRING_EQUAL(buf, "12");
	hpa__sim_fmt_fixed(buf, sizeof(buf), -1500, 1000, 3);
	CU_ASSERT_STRING_EQUAL(buf, "-1.5");
	hpa__sim_fmt_fixed(buf, sizeof(buf), 2, 3, 2); /* 0.666.. -> 0.67 */
	CU_ASSERT_STRING_EQUAL(buf, "0.67");
	hpa__sim_fmt_duration(buf, sizeof(buf), 330000);
	CU_ASSERT_STRING_EQUAL(buf, "5m30s");
	hpa__sim_fmt_duration(buf, sizeof(buf), 40000);
	CU_ASSERT_STRING_EQUAL(buf, "40s");
}

static void test_simulate__load_siege(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim_load *l = NULL;
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -c20 -t40S -v http://order:8080/orders", &e), 0);
	CU_ASSERT_PTR_NOT_NULL(l);
	if (l) {
		CU_ASSERT(hpa_sim_load_is_closed(l));
		CU_ASSERT_STRING_EQUAL(hpa_sim_load_target(l), "order");
		CU_ASSERT_EQUAL(l->users, 20);
		CU_ASSERT_EQUAL(l->duration_ms, 40000);
		CU_ASSERT_EQUAL(l->delay_ms, 1000); /* siegerc default: delay = 1 */
		/* 20 users from t = 0 until t = 40 s */
		CU_ASSERT_EQUAL(hpa__sim_load_users(l, 0), 20);
		CU_ASSERT_EQUAL(hpa__sim_load_users(l, 39999), 20);
		CU_ASSERT_EQUAL(hpa__sim_load_users(l, 40000), 0);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 1000), 0.0);
	}
	hpa_sim_load_free(l);
	l = NULL;
	/* siege -t without a modifier is minutes; -d0/-b: no delay; long options */
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege --concurrent=5 --time=2 -b start=30s", &e), 0);
	if (l) {
		CU_ASSERT_EQUAL(l->users, 5);
		CU_ASSERT_EQUAL(l->duration_ms, 120000);
		CU_ASSERT_EQUAL(l->delay_ms, 0);
		CU_ASSERT_EQUAL(hpa__sim_load_users(l, 29999), 0);
		CU_ASSERT_EQUAL(hpa__sim_load_users(l, 30000), 5);
		CU_ASSERT_EQUAL(hpa__sim_load_users(l, 150000), 0);
		CU_ASSERT_STRING_EQUAL(hpa_sim_load_target(l), "");
	}
	hpa_sim_load_free(l);
	l = NULL;
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -c20", &e), HPA_EINVAL); /* runs forever */
	CU_ASSERT_PTR_NULL(l);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -c0 -t1M", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -x -t1M", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -c", &e), HPA_EINVAL);
	/* durations stop at HPA__SIM_MAX_DURATION_MS (1e15 ms), so that a bare
	 * -t (minutes) and a start added to it cannot overflow (found by
	 * fuzz_sim_spec: -t with 19 digits overflowed the minutes' * 60) */
	/* a bare number ending the spec is minutes: 11,574,074 days (just
	 * under 1e15 ms) and 0 of them, times 60 */
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -t11574074d0", &e), 0);
	if (l) {
		CU_ASSERT_EQUAL(l->duration_ms, INT64_C(11574074) * 86400000 * 60);
		hpa_sim_load_free(l);
		l = NULL;
	}
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -t11574075d0", &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(l);
	/* the fuzzer's input: overflowed before */
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -t25444d2222d24444d2222d24444d2224024444d2222d24", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -t1M start=11574074d", &e), 0);
	hpa_sim_load_free(l);
	l = NULL;
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -t1M start=11574075d", &e), HPA_EINVAL);
	/* the message says the bound and quotes the argument */
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "at most 11574074d"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "'start=11574075d'"));
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "constant 5 for=11574075d", &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(l);
}

static void test_simulate__load_open_profiles(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim_load *l = NULL;
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "step 5 50@1m 10@6m", &e), 0);
	if (l) {
		CU_ASSERT(!hpa_sim_load_is_closed(l));
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 59999), 5.0);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 60000), 50.0);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 360000), 10.0);
	}
	hpa_sim_load_free(l);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "ramp 0 100 100s start=10s", &e), 0);
	if (l) {
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 5000), 0.0);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 60000), 50.0); /* half-way */
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 500000), 100.0);
	}
	hpa_sim_load_free(l);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "constant 12.5 for=1m", &e), 0);
	if (l) {
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 0), 12.5);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 60000), 0.0);
	}
	hpa_sim_load_free(l);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "sine 50 20 4m", &e), 0);
	if (l) {
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 0), 50.0);
		CU_ASSERT_DOUBLE_EQUAL(hpa__sim_load_rate(l, NULL, 0, 60000), 70.0, 1e-9); /* a quarter period */
		CU_ASSERT_DOUBLE_EQUAL(hpa__sim_load_rate(l, NULL, 0, 180000), 30.0, 1e-9);
	}
	hpa_sim_load_free(l);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "diurnal 100 amp=0.5 period=1h", &e), 0);
	if (l) {
		hpa__sim_burst b = { 850000, 950000 };
		l->burst_factor = 3.0;
		CU_ASSERT_DOUBLE_EQUAL(hpa__sim_load_rate(l, NULL, 0, 0), 50.0, 1e-9);        /* night: mean x (1 - amp) */
		CU_ASSERT_DOUBLE_EQUAL(hpa__sim_load_rate(l, NULL, 0, 1800000), 150.0, 1e-9); /* noon: mean x (1 + amp) */
		CU_ASSERT_DOUBLE_EQUAL(hpa__sim_load_rate(l, &b, 1, 900000), 300.0, 1e-9);     /* quarter: mean x factor */
	}
	hpa_sim_load_free(l);
	l = NULL;
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "step 5 50@1m 10@30s", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "constant", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "wave 5", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "constant 5 bogus=1", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "", &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(l);
}

static void test_simulate__load_csv_trace(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim_load *l = NULL;
	static const char csv[] = "time,rate\n# a comment\n0,10\n30s,20.5\n120,0\n";
	CU_ASSERT_EQUAL(hpa_sim_load_parse_csv(&l, csv, strlen(csv), &e), 0);
	if (l) {
		CU_ASSERT_EQUAL(l->n_points, 3);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 29999), 10.0);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 30000), 20.5);
		CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 200000), 0.0);
	}
	hpa_sim_load_free(l);
	l = NULL;
	CU_ASSERT_EQUAL(hpa_sim_load_parse_csv(&l, "0,1\n0,2\n", 8, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(e.code, HPA_EINVAL);
	CU_ASSERT(strstr(e.message, "line 2") != NULL);
	/* the position too, not only in the message (1-based; the offset of
	 * the line's first non-blank byte) */
	CU_ASSERT_EQUAL(e.line, 2);
	CU_ASSERT_EQUAL(e.column, 1);
	CU_ASSERT_EQUAL(e.offset, 4);
	CU_ASSERT_EQUAL(hpa_sim_load_parse_csv(&l, "time,rate\n0,1\n  10;1\n", 21, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(e.line, 3);
	CU_ASSERT_EQUAL(e.column, 3);
	CU_ASSERT_EQUAL(e.offset, 16);
	CU_ASSERT_EQUAL(hpa_sim_load_parse_csv(&l, "0;1\n", 4, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_load_parse_csv(&l, "# nothing\n", 10, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(l);
	{
		int64_t t[] = { 0, 1000 }, r[] = { 1000, 2500 };
		CU_ASSERT_EQUAL(hpa_sim_load_new_trace(&l, t, r, 2, &e), 0);
		if (l)
			CU_ASSERT_EQUAL(hpa__sim_load_rate(l, NULL, 0, 1500), 2.5);
		hpa_sim_load_free(l);
	}
}

static void test_simulate__service_parse(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim_service s;
	CU_ASSERT_EQUAL(hpa_sim_service_init(&s, HPA_SIM_SERVICE_VERSION), 0);
	CU_ASSERT_EQUAL(s.mem_base_bytes, 262 * MI);
	CU_ASSERT(s.mem_retain);
	CU_ASSERT_EQUAL(hpa_sim_service_parse(&s, "cost=25m, base=10m,io=3ms,mem=300Mi,retain=false,queue=50", &e), 0);
	CU_ASSERT_EQUAL(s.cost_milli, 25);
	CU_ASSERT_EQUAL(s.base_cpu_milli, 10);
	CU_ASSERT_EQUAL(s.io_ms, 3);
	CU_ASSERT_EQUAL(s.mem_base_bytes, 300 * MI);
	CU_ASSERT(!s.mem_retain);
	CU_ASSERT_EQUAL(s.queue, 50);
	CU_ASSERT_EQUAL(hpa_sim_service_parse(&s, "go,boot=2s", &e), 0);
	CU_ASSERT_EQUAL(s.boot_ms, 2000);
	CU_ASSERT_EQUAL(s.mem_base_bytes, 20 * MI);
	/* errors leave it unchanged */
	CU_ASSERT_EQUAL(hpa_sim_service_parse(&s, "base=1m,nope=3", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(s.base_cpu_milli, 1);
	CU_ASSERT_EQUAL(hpa_sim_service_parse(&s, "cost=0", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_service_parse(&s, "mem=12q", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_service_parse(&s, "jvm", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_service_init(&s, 0), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_sim_service_init(&s, HPA_SIM_SERVICE_VERSION + 1), HPA_EINVAL);
}

static void test_simulate__rng_is_seeded(void)
{
	hpa__sim_rng a, b;
	uint64_t sm = 0;
	/* splitmix64 reference value for seed 0 (Vigna's splitmix64.c) */
	CU_ASSERT_EQUAL(hpa__sim_splitmix64(&sm), UINT64_C(0xE220A8397B1DCDAF));
	hpa__sim_rng_seed(&a, 42);
	hpa__sim_rng_seed(&b, 42);
	for (int i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(hpa__sim_rng_next(&a), hpa__sim_rng_next(&b));
	for (int i = 0; i < 1000; i++) {
		uint64_t x = hpa__sim_rng_below(&a, 7);
		int64_t j = hpa__sim_rng_jitter(&a, 1000, 200);
		CU_ASSERT(x < 7);
		CU_ASSERT(j >= 800 && j <= 1200);
	}
	CU_ASSERT_EQUAL(hpa__sim_rng_jitter(&a, 1000, 0), 1000);
}


/* ---- simulation helpers ------------------------------------------------------------ */

/* Options with fixed timer phases: kubelet points at -51 s + 10 s k, scrapes at
 * -51 s + 15 s k, syncs at 5 s + 15 s k (the warm-up is 2 x 15 s + 2 x 10 s + 1 s). */
static void fixed_options(hpa_sim_options *o, int64_t duration_ms)
{
	hpa_sim_options_init(o, HPA_SIM_OPTIONS_VERSION);
	o->duration_ms = duration_ms;
	o->kubelet_phase_ms = 0;
	o->scrape_phase_ms = 0;
	o->sync_phase_ms = 5000;
}

/* One Deployment with a fixed-delay pod lifecycle (no jitter). */
static void plain_deployment(hpa_sim_deployment *d, const char *name, int32_t replicas)
{
	hpa_sim_deployment_init(d, HPA_SIM_DEPLOYMENT_VERSION);
	d->name = name;
	d->replicas = replicas;
	d->cpu_request_milli = 200;
	d->cpu_limit_milli = 1000;
	d->jitter_permille = 0;
}

static hpa_autoscaler *make_hpa(const char *name, const char *target, bool has_min, int32_t min, int32_t max)
{
	hpa_autoscaler *a = NULL;
	hpa_error e = HPA_ERROR_INIT;
	if (hpa_autoscaler_new(&a, name, &e))
		return NULL;
	hpa_autoscaler_set_scale_target_ref_api_version(a, "apps/v1", &e);
	hpa_autoscaler_set_scale_target_ref_kind(a, "Deployment", &e);
	hpa_autoscaler_set_scale_target_ref_name(a, target, &e);
	if (has_min)
		hpa_autoscaler_set_min_replicas(a, min, &e);
	hpa_autoscaler_set_max_replicas(a, max, &e);
	return a;
}

static void add_util_metric(hpa_autoscaler *a, const char *resource, int32_t util)
{
	hpa_metric_spec *m = NULL;
	hpa_metric_target *t = NULL;
	hpa_error e = HPA_ERROR_INIT;
	if (hpa_autoscaler_metrics_append(a, &m, &e) || hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_RESOURCE, &e) ||
		hpa_metric_spec_set_resource_name(m, resource, &e) || hpa_metric_spec_resource_target_mut(m, &t, &e) ||
		hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_UTILIZATION, &e) ||
		hpa_metric_target_set_average_utilization(t, util, &e))
		CU_FAIL("building the HPA metric failed");
}

/* Build and run: one Deployment (`svc_spec` on the Spring Boot defaults),
 * one HPA, one load. Returns NULL (and fails the test) on error. */
static hpa_sim *run_one(const hpa_sim_options *o, const hpa_sim_deployment *d, const char *svc_spec,
	hpa_autoscaler *a, const char *load_spec)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim *sim = NULL;
	hpa_sim_service svc;
	hpa_sim_load *l = NULL;
	size_t di;
	hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
	if (hpa_sim_new(&sim, o, &e) || (svc_spec && hpa_sim_service_parse(&svc, svc_spec, &e)) ||
		hpa_sim_add_deployment(sim, d, &svc, &di, &e) || hpa_sim_add_hpa(sim, a, di, NULL, &e) ||
		(load_spec && (hpa_sim_load_parse(&l, load_spec, &e) || hpa_sim_set_load(sim, di, l, &e))) ||
		hpa_sim_run(sim, &e)) {
		CU_FAIL("simulation setup or run failed");
		fprintf(stderr, "\nsimulation: %s\n", e.message);
		hpa_sim_load_free(l);
		hpa_sim_free(sim);
		return NULL;
	}
	hpa_sim_load_free(l);
	return sim;
}

static const hpa_sim_row *row_at(const hpa_sim *sim, size_t hpa, int64_t t)
{
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
		if (r->hpa == hpa && r->time_ms == t)
			return r;
	}
	return NULL;
}

/* The metrics pipeline: kubelet points every 10 s, scrapes every 15 s, a
 * sample is the rate between the two latest distinct points. With a load
 * that turns the pod's CPU from 10m (idle) to 10m + 20 req/s x 10m = 210m at
 * t = 0 (request 200m), by hand:
 *   sync  5 s: window [-21 s, -11 s]  all idle           10m ->   5 %
 *   sync 20 s: window [-11 s,   9 s]  11 s idle, 9 s busy (11x10 + 9x210)/20 = 100m -> 50 %
 *   sync 35 s: window [  9 s,  19 s]  busy               210m -> 105 %
 *   sync 50 s: window [ 19 s,  39 s]  busy               210m -> 105 %
 * min = max = 1 keeps the replica count out of the way. */
static void test_simulate__metrics_pipeline_lag(void)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("lag", "web", true, 1, 1);
	hpa_sim *sim;
	static const int64_t t[] = { 5000, 20000, 35000, 50000 };
	static const int32_t want[] = { 5, 50, 105, 105 };
	fixed_options(&o, 60000);
	plain_deployment(&d, "web", 1);
	add_util_metric(a, "cpu", 50);
	sim = run_one(&o, &d, "base=10m,cost=10m", a, "constant 20");
	hpa_autoscaler_free(a);
	if (!sim)
		return;
	CU_ASSERT_EQUAL(hpa_sim_timeline_count(sim), 4);
	for (size_t i = 0; i < 4; i++) {
		const hpa_sim_row *r = row_at(sim, 0, t[i]);
		CU_ASSERT_PTR_NOT_NULL(r);
		if (!r)
			continue;
		CU_ASSERT(r->decided);
		CU_ASSERT_EQUAL(r->n_metrics, 1);
		CU_ASSERT(r->metrics[0].valid);
		CU_ASSERT_EQUAL(r->metrics[0].utilization, want[i]);
		CU_ASSERT_EQUAL(r->replicas, 1);
		CU_ASSERT_EQUAL(r->desired, 1);
	}
	hpa_sim_free(sim);
}

/* Pod lifecycle with fixed delays: the HPA's minReplicas 3 lifts 1 replica
 * to 3 at the first sync (5 s). The new pods: scheduled 5 + 1 = 6 s,
 * container 6 + 5 (pull) + 1 (start) = 12 s, booted 12 + 10 s of one core
 * at the 500m limit = 12 + 20 = 32 s, readiness probes at 12 + 10 = 22 s,
 * 27 s, 32 s -> Ready at 32 s. Pod-seconds over 60 s: 1 x 60 + 2 x 55 = 170. */
static void test_simulate__pod_lifecycle(void)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("life", "web", true, 3, 3);
	hpa_sim *sim;
	const hpa_sim_row *r;
	hpa_sim_summary s;
	fixed_options(&o, 60000);
	plain_deployment(&d, "web", 1);
	d.cpu_limit_milli = 500;
	add_util_metric(a, "cpu", 50);
	sim = run_one(&o, &d, "boot=10s", a, NULL);
	hpa_autoscaler_free(a);
	if (!sim)
		return;
	r = row_at(sim, 0, 5000);
	CU_ASSERT(r && r->replicas == 1 && r->desired == 3 && r->reason == HPA_LIMIT_CURRENT_BELOW_MIN);
	r = row_at(sim, 0, 20000);
	CU_ASSERT(r && r->replicas == 3 && r->pods == 3 && r->ready == 1);
	r = row_at(sim, 0, 35000);
	CU_ASSERT(r && r->ready == 3);
	CU_ASSERT_EQUAL(hpa_sim_summary_get(sim, 0, &s, NULL), 0);
	CU_ASSERT_EQUAL(s.pod_ms, 170000);
	CU_ASSERT_EQUAL(s.first_scale_up_ms, 5000);
	CU_ASSERT_EQUAL(s.peak_replicas, 3);
	hpa_sim_free(sim);
}

/* A constant load exactly at target never scales: 2 pods, 20 req/s x 10m
 * per request = 100m per pod = 50 % of 200m, target 50 %: ratio 1.0. */
static void test_simulate__constant_at_target_never_scales(void)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("flat", "web", true, 1, 10);
	hpa_sim *sim;
	size_t checked = 0;
	fixed_options(&o, 900000);
	plain_deployment(&d, "web", 2);
	add_util_metric(a, "cpu", 50);
	sim = run_one(&o, &d, "base=0,cost=10m", a, "constant 20");
	hpa_autoscaler_free(a);
	if (!sim)
		return;
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
		CU_ASSERT_EQUAL(r->replicas, 2);
		CU_ASSERT_EQUAL(r->desired, 2);
		if (r->time_ms >= 35000) { /* windows fully inside the load */
			CU_ASSERT_EQUAL(r->metrics[0].utilization, 50);
			checked++;
		}
	}
	CU_ASSERT(checked >= 50);
	hpa_sim_free(sim);
}

/* A step converges to ceil(load / per-pod capacity at target): capacity at
 * 50 % of 200m with 10m per request is 10 req/s per pod, so 45 req/s needs
 * ceil(45 / 10) = 5 pods. Lag bound: the step (60 s) + two kubelet periods
 * + two scrapes (a window wholly after the step) + two syncs (the legacy
 * scale-up limit max(2 x 1, 4) = 4 needs a second step) = 140 s for
 * spec.replicas; + 40 s of pod start-up (27 s here, jitter on) for Ready. */
static void test_simulate__step_converges(void)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("step", "web", true, 1, 10);
	hpa_sim *sim;
	int32_t highest = 0;
	fixed_options(&o, 300000);
	plain_deployment(&d, "web", 1);
	d.jitter_permille = 200;
	add_util_metric(a, "cpu", 50);
	sim = run_one(&o, &d, "base=0,cost=10m", a, "step 10 45@60s");
	hpa_autoscaler_free(a);
	if (!sim)
		return;
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
		if (r->desired > highest)
			highest = r->desired;
		if (r->time_ms < 60000)
			CU_ASSERT_EQUAL(r->desired, 1);
		if (r->time_ms >= 140000)
			CU_ASSERT_EQUAL(r->desired, 5);
		if (r->time_ms >= 180000)
			CU_ASSERT_EQUAL(r->ready, 5);
	}
	CU_ASSERT_EQUAL(highest, 5);
	hpa_sim_free(sim);
}

/* Scale-down waits for the stabilization window. 5 pods share 45 req/s
 * (9 req/s = 90m = 45 %: ratio 0.9, inside the tolerance) until the load
 * drops to 10 req/s at 60 s (2 req/s = 20m = 10 % per pod). By hand, with
 * the fixed phases:
 *   sync 65 s: window [39 s, 49 s] still busy        -> recommendation 5
 *   sync 80 s: window [49 s, 69 s] (11x90 + 9x20)/20 = 59m, 29 % -> ceil(0.58 x 5) = 3
 *   sync 95 s: window [69 s, 79 s] 20m, 10 %          -> ceil(0.2 x 5) = 1
 * Legacy stabilization keeps the highest recommendation not older than
 * 300 s (an entry at exactly now - 300 s still counts, spec section 5.3):
 * 5 until 365 s, so the first scale-down is at 380 s, to 3, then 1 at 395 s. */
static void test_simulate__scale_down_waits_for_window(void)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("down", "web", true, 1, 10);
	hpa_sim *sim;
	const hpa_sim_row *r;
	hpa_sim_summary s;
	fixed_options(&o, 420000);
	plain_deployment(&d, "web", 5);
	add_util_metric(a, "cpu", 50);
	sim = run_one(&o, &d, "base=0,cost=10m", a, "step 45 10@60s");
	hpa_autoscaler_free(a);
	if (!sim)
		return;
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		r = hpa_sim_timeline_at(sim, i);
		if (r->time_ms < 380000)
			CU_ASSERT_EQUAL(r->desired, 5);
	}
	r = row_at(sim, 0, 80000);
	CU_ASSERT(r && r->metrics[0].utilization == 29 && r->metrics[0].proposal == 3);
	r = row_at(sim, 0, 380000);
	CU_ASSERT(r && r->replicas == 5 && r->desired == 3);
	r = row_at(sim, 0, 395000);
	CU_ASSERT(r && r->replicas == 3 && r->desired == 1);
	CU_ASSERT_EQUAL(hpa_sim_summary_get(sim, 0, &s, NULL), 0);
	CU_ASSERT_EQUAL(s.first_scale_down_ms, 380000);
	hpa_sim_free(sim);
}

/* A scale-up policy of 1 pod per 60 s is never exceeded: in any span
 * shorter than 60 s spec.replicas grows by at most 1, even though the load
 * (10 -> 80 req/s, 8 pods at target) asks for more at once. */
static void test_simulate__policy_rate_is_respected(void)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("slow", "web", true, 1, 10);
	hpa_scaling_rules *up = NULL;
	hpa_scaling_policy *p = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim *sim;
	size_t n;
	int32_t last = 0;
	fixed_options(&o, 600000);
	plain_deployment(&d, "web", 1);
	add_util_metric(a, "cpu", 50);
	if (hpa_autoscaler_behavior_scale_up_mut(a, &up, &e) || hpa_scaling_rules_policies_append(up, &p, &e) ||
		hpa_scaling_policy_set_type(p, HPA_SCALING_POLICY_TYPE_PODS, &e) || hpa_scaling_policy_set_value(p, 1, &e) ||
		hpa_scaling_policy_set_period_seconds(p, 60, &e))
		CU_FAIL("building the behavior failed");
	sim = run_one(&o, &d, "base=0,cost=10m", a, "step 10 80@30s");
	hpa_autoscaler_free(a);
	if (!sim)
		return;
	n = hpa_sim_timeline_count(sim);
	for (size_t j = 0; j < n; j++) {
		const hpa_sim_row *rj = hpa_sim_timeline_at(sim, j);
		for (size_t i = 0; i <= j; i++) {
			const hpa_sim_row *ri = hpa_sim_timeline_at(sim, i);
			if (rj->time_ms - ri->time_ms < 60000)
				CU_ASSERT(rj->desired - ri->replicas <= 1);
		}
		last = rj->desired;
	}
	CU_ASSERT(last >= 6); /* it did keep scaling, one pod a minute */
	hpa_sim_free(sim);
}

/* Same inputs and seed: the same bytes in every format; another seed moves
 * the timer phases and the jitter, so the timeline changes. */
static char *run_siege_format(uint64_t seed, hpa_sim_format f, unsigned int flags, uint64_t *trajectory)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("order-hpa", "order", true, 1, 5);
	hpa_sim *sim;
	char *out = NULL;
	size_t len = 0;
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.seed = seed;
	o.flags = flags;
	plain_deployment(&d, "order", 1);
	d.cpu_limit_milli = 500;
	d.jitter_permille = 200;
	add_util_metric(a, "cpu", 20);
	add_util_metric(a, "memory", 80);
	sim = run_one(&o, &d, NULL, a, "siege -c20 -t40S");
	hpa_autoscaler_free(a);
	if (!sim)
		return NULL;
	if (trajectory) {
		*trajectory = 1469598103934665603u;
		for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
			const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
			*trajectory = (*trajectory ^ (uint64_t)r->time_ms) * 1099511628211u;
			*trajectory = (*trajectory ^ (uint64_t)r->desired) * 1099511628211u;
		}
	}
	if (f && hpa_sim_write(sim, f, &out, &len, NULL) != 0)
		out = NULL;
	CU_ASSERT(!f || (out && strlen(out) == len));
	hpa_sim_free(sim);
	return out;
}

static void test_simulate__deterministic(void)
{
	static const hpa_sim_format formats[] = { HPA_SIM_FORMAT_TEXT, HPA_SIM_FORMAT_CSV, HPA_SIM_FORMAT_JSON,
		HPA_SIM_FORMAT_SVG, HPA_SIM_FORMAT_SUMMARY };
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		char *a = run_siege_format(7, formats[i], 0, NULL), *b = run_siege_format(7, formats[i], 0, NULL);
		CU_ASSERT(a && b && strcmp(a, b) == 0);
		hpa_free(a);
		hpa_free(b);
	}
	{
		char *a = run_siege_format(7, HPA_SIM_FORMAT_CSV, 0, NULL), *b = run_siege_format(8, HPA_SIM_FORMAT_CSV, 0, NULL);
		CU_ASSERT(a && b && strcmp(a, b) != 0);
		hpa_free(a);
		hpa_free(b);
	}
}

/* ---- the decisions are hpa_decide()'s ------------------------------------------------- */

typedef struct {
	hpa_history *history;     /* kept by the test, independently of the simulator */
	size_t checked, rescales;
	bool no_timeline;         /* the run has no timeline: the decision's numbers only */
	bool mismatch;
} shadow;

/* After each sync: decide again, directly, from the snapshot the simulator
 * gave the decision function and the test's own history, and compare.
 * Without a timeline the simulator decides with hpa__decide_prepared_lean(),
 * which writes only the numbers it reads: those are compared. */
static void shadow_sync(const hpa_sim_sync_info *info, void *payload)
{
	shadow *sh = payload;
	const hpa_decide_input *in = hpa__sim_last_input(info->sim);
	const hpa_decision *ds = hpa__sim_last_decision(info->sim);
	hpa_decision dd;
	hpa_error e = HPA_ERROR_INIT;
	bool same;
	if (!in || !ds || !info->row != sh->no_timeline) {
		sh->mismatch = true;
		return;
	}
	memset(&dd, 0, sizeof(dd));
	if (hpa_decide(&dd, in, sh->history, NULL, &e) != 0) {
		sh->mismatch = true;
		return;
	}
	if (sh->no_timeline) {
		same = dd.desired_replicas == ds->desired_replicas && dd.rescale == ds->rescale &&
			dd.error == ds->error && dd.limit_reason == ds->limit_reason &&
			in->spec_replicas == info->replicas &&
			info->desired == (dd.rescale ? dd.desired_replicas : in->spec_replicas) &&
			memcmp(&dd.update, &ds->update, sizeof(dd.update)) == 0;
		goto done;
	}
	same = dd.desired_replicas == ds->desired_replicas && dd.rescale == ds->rescale &&
		dd.limit_reason == ds->limit_reason && dd.n_metrics == ds->n_metrics &&
		in->spec_replicas == info->replicas &&
		(in->pod_table ? in->pod_table->n : in->n_pods) == (size_t)info->row->pods &&
		info->desired == (dd.rescale ? dd.desired_replicas : in->spec_replicas) &&
		info->row->reason == dd.limit_reason;
	for (size_t k = 0; same && k < dd.n_metrics; k++) {
		same = dd.metrics[k].replicas == ds->metrics[k].replicas &&
			dd.metrics[k].average_utilization == ds->metrics[k].average_utilization &&
			dd.metrics[k].replicas == info->row->metrics[k].proposal &&
			(!dd.metrics[k].has_average_utilization ||
				dd.metrics[k].average_utilization == info->row->metrics[k].utilization);
	}
done:
	if (!same)
		sh->mismatch = true;
	if (dd.rescale)
		sh->rescales++;
	hpa_history_record(sh->history, &dd, in->now_ms, &e);
	sh->checked++;
}

static void shadow_run(unsigned int flags)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_autoscaler *a = make_hpa("order-hpa", "order", true, 1, 8);
	hpa_scaling_rules *down = NULL;
	hpa_error e = HPA_ERROR_INIT;
	shadow sh;
	hpa_sim *sim;
	unsigned long lean0 = hpa__test_decide_lean_hits;
	memset(&sh, 0, sizeof(sh));
	sh.no_timeline = (flags & HPA_SIM_NO_TIMELINE) != 0;
	CU_ASSERT_EQUAL(hpa_history_new(&sh.history, 0, &e), 0);
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.flags = flags;
	o.seed = 3;
	o.duration_ms = 900000;
	o.on_sync = shadow_sync;
	o.payload = &sh;
	plain_deployment(&d, "order", 1);
	d.cpu_limit_milli = 500;
	d.memory_request_bytes = 512 * MI;
	d.jitter_permille = 200;
	add_util_metric(a, "cpu", 30);
	add_util_metric(a, "memory", 70);
	/* a behavior, so that scale events and a 60 s scale-down window are kept too */
	if (hpa_autoscaler_behavior_scale_down_mut(a, &down, &e) ||
		hpa_scaling_rules_set_stabilization_window_seconds(down, 60, &e))
		CU_FAIL("building the behavior failed");
	sim = run_one(&o, &d, NULL, a, "step 5 40@1m 15@4m 0@8m");
	hpa_autoscaler_free(a);
	CU_ASSERT(!sh.mismatch);
	CU_ASSERT(sh.checked >= 59);
	CU_ASSERT(sh.rescales >= 3); /* up and down happened */
	/* the lean form decided (most syncs) only without a timeline */
	if (sh.no_timeline) {
		CU_ASSERT(hpa__test_decide_lean_hits - lean0 >= sh.checked / 2);
	} else {
		CU_ASSERT_EQUAL(hpa__test_decide_lean_hits, lean0);
	}
	hpa_history_free(sh.history);
	hpa_sim_free(sim);
}

static void test_simulate__decisions_are_hpa_decide(void)
{
	shadow_run(0);
}

static void test_simulate__decisions_are_hpa_decide_without_timeline(void)
{
	shadow_run(HPA_SIM_NO_TIMELINE);
}

/* ---- the pod table the scrape keeps --------------------------------------------------- */

typedef struct {
	size_t current, rows, mismatches, syncs;
} table_watch;

/* At each sync: when a workload's pod table is marked current, each row must
 * be what metrics-server and the pod give now, restated here: times on the
 * decision's clock (2026-01-01T00:00:00Z = 0), the usage the rate between
 * the two latest points rounded half away from zero (llround), memory in
 * milli-bytes. A missed invalidation (pods removed, reordered, added)
 * leaves a stale row and fails this. */
static void watch_table(const hpa_sim_sync_info *info, void *payload)
{
	table_watch *tw = payload;
	const int64_t epoch = INT64_C(1767225600000);
	tw->syncs++;
	for (size_t wi = 0; wi < info->sim->n_wl; wi++) {
		const hpa__sim_workload *w = &info->sim->wl[wi];
		size_t c = w->cap_tab;
		if (!w->tab_ok)
			continue;
		tw->current++;
		if (!w->tab && w->n_pods) {
			tw->mismatches++;
			continue;
		}
		for (size_t i = 0; i < w->n_pods; i++) {
			const hpa__sim_pod *p = &w->pods[i];
			int64_t win = p->ms_t[0] - p->ms_t[1];
			bool ok = p->phase == HPA__POD_RUNNING && p->scheduled && p->ready && !p->deleting && p->ms_n == 2 &&
				w->tab_names[i] == w->cold[i].name &&
				w->tab[HPA__SIM_TC_START * c + i] == epoch + p->start_time_ms &&
				w->tab[HPA__SIM_TC_READY * c + i] == epoch + p->ready_ltt_ms &&
				w->tab[HPA__SIM_TC_TS * c + i] == epoch + p->ms_t[0] &&
				w->tab[HPA__SIM_TC_WIN * c + i] == win &&
				w->tab[HPA__SIM_TC_CPU * c + i] == llround((p->ms_cum[0] - p->ms_cum[1]) / (double)win) &&
				w->tab[HPA__SIM_TC_MEM * c + i] == llround(p->ms_mem) * 1000;
			tw->rows++;
			tw->mismatches += !ok;
		}
	}
}

static void test_simulate__pod_table_is_current(void)
{
	/* kubelet points every 10 s or at the scrape; a readiness probe or
	 * none; jitter; a load that scales up and down (pods added, deleted,
	 * removed) */
	static const struct {
		int64_t kubelet_ms, probe_ms;
	} cases[] = { { 10000, 5000 }, { 0, 5000 }, { 0, -1 }, { 10000, -1 } };
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		hpa_sim_options o;
		hpa_sim_deployment d;
		hpa_autoscaler *a = make_hpa("web-hpa", "web", true, 2, 10);
		table_watch tw;
		hpa_sim *sim;
		memset(&tw, 0, sizeof(tw));
		hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
		o.seed = 11 + k;
		o.duration_ms = 1800000;
		o.kubelet_interval_ms = cases[k].kubelet_ms;
		o.on_sync = watch_table;
		o.payload = &tw;
		plain_deployment(&d, "web", 2);
		d.memory_request_bytes = 512 * MI;
		d.jitter_permille = 300;
		d.readiness_initial_delay_ms = cases[k].probe_ms;
		add_util_metric(a, "cpu", 40);
		add_util_metric(a, "memory", 90);
		sim = run_one(&o, &d, "base=10m,cost=10m", a, "step 5 60@2m 20@6m 120@10m 0@16m");
		hpa_autoscaler_free(a);
		if (!sim)
			continue;
		CU_ASSERT_EQUAL(tw.mismatches, 0);
		CU_ASSERT(tw.current > tw.syncs / 2); /* the table is used most of the time */
		CU_ASSERT(tw.rows > tw.current);
		{
			hpa_sim_summary sum;
			CU_ASSERT_EQUAL(hpa_sim_summary_get(sim, 0, &sum, NULL), 0);
			CU_ASSERT(sum.peak_replicas >= 5);
		}
		hpa_sim_free(sim);
	}
}

/* ---- the 12번가 rehearsal ------------------------------------------------------------- */

/* Run `hpactl simulate 12st-mall.yaml --hpa all --load 'siege -c20 -t40S
 * http://order:8080/orders' --duration 10m` through the API and check the
 * outcome against the lab and the algorithm, by hand:
 *   order-hpa (cpu 20 % of 200m, max 5): siege saturates order's 500m limit
 *   (250 %, ratio 12.5), so the first decision that sees the load scales up;
 *   the legacy limit max(2 x 1, 4) = 4 allows 1 -> 4, the next sync 4 -> 5.
 *   First scale-up at most 55 s after the load starts (kubelet 10 s +
 *   scrape 15 s + window 15 s + sync 15 s); back to 1 no sooner than 300 s
 *   after the load ends (legacy stabilization) and no later than
 *   300 s + 55 s + 2 syncs.
 *   product-hpa (memory 20 % of 512Mi): 262Mi idle is 51 % (262/512 =
 *   51.2 %), ratio 2.55: 1 -> ceil(2.55) = 3 -> ceil(2.55 x 3) = 8, capped
 *   at 5, and never down: the lab's "51%/20%, 5 replicas". */
static void check_rehearsal(hpa_sim *sim, size_t order, size_t product)
{
	hpa_sim_summary so, sp;
	char *text = NULL;
	const hpa_sim_row *last = NULL;
	CU_ASSERT_EQUAL(hpa_sim_summary_get(sim, order, &so, NULL), 0);
	CU_ASSERT_EQUAL(hpa_sim_summary_get(sim, product, &sp, NULL), 0);
	/* order */
	CU_ASSERT_EQUAL(so.initial_replicas, 1);
	CU_ASSERT_EQUAL(so.peak_replicas, 5);
	CU_ASSERT_EQUAL(so.final_replicas, 1);
	CU_ASSERT_EQUAL(so.load_start_ms, 0);
	CU_ASSERT_EQUAL(so.load_end_ms, 40000);
	CU_ASSERT(so.first_scale_up_ms > 0 && so.first_scale_up_ms <= 55000);
	CU_ASSERT(so.back_to_initial_ms >= 40000 + 300000);
	CU_ASSERT(so.back_to_initial_ms <= 40000 + 300000 + 55000 + 30000);
	CU_ASSERT(so.requests > 0);
	/* product */
	CU_ASSERT_EQUAL(sp.peak_replicas, 5);
	CU_ASSERT_EQUAL(sp.final_replicas, 5);
	CU_ASSERT_EQUAL(sp.first_scale_down_ms, -1);
	CU_ASSERT_EQUAL(sp.requests, 0);
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
		if (r->hpa == order && r->time_ms <= so.first_scale_up_ms + 15000 && r->desired == 5)
			CU_ASSERT(r->time_ms - so.first_scale_up_ms <= 15000);
		if (r->hpa != product)
			continue;
		CU_ASSERT(r->desired >= r->replicas); /* never down */
		last = r;
	}
	CU_ASSERT(last && last->replicas == 5 && last->n_metrics == 1 && last->metrics[0].utilization == 51);
	CU_ASSERT(last && strstr(last->kubectl, "memory: 51%/20%") != NULL);
	/* the summary says why */
	CU_ASSERT_EQUAL(hpa_sim_write(sim, HPA_SIM_FORMAT_SUMMARY, &text, NULL, NULL), 0);
	CU_ASSERT(text && strstr(text, "idle memory footprint (51% of the 512Mi request) is above the 20% target"));
	CU_ASSERT(text && strstr(text, "maxReplicas 5 and never scale down"));
	CU_ASSERT(text && strstr(text, "stabilization window (5m00s)"));
	hpa_free(text);
}

static void rehearse(hpa_manifest *m)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim *sim = NULL;
	hpa_sim_load *l = NULL;
	size_t order = SIZE_MAX, product = SIZE_MAX, target = SIZE_MAX;
	CU_ASSERT_EQUAL(hpa_sim_new(&sim, NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_sim_add_from_manifest(sim, m, "order-hpa", NULL, &order, &e), 0);
	CU_ASSERT_EQUAL(hpa_sim_add_from_manifest(sim, m, "product-hpa", NULL, &product, &e), 0);
	CU_ASSERT_EQUAL(hpa_sim_load_parse(&l, "siege -c20 -t40S -v http://order:8080/orders", &e), 0);
	CU_ASSERT_EQUAL(hpa_sim_find_deployment(sim, hpa_sim_load_target(l), &target, &e), 0);
	CU_ASSERT_EQUAL(target, hpa_sim_hpa_deployment(sim, order));
	if (target != SIZE_MAX && l && product != SIZE_MAX) {
		CU_ASSERT_EQUAL(hpa_sim_set_load(sim, target, l, &e), 0);
		CU_ASSERT_EQUAL(hpa_sim_run(sim, &e), 0);
		check_rehearsal(sim, order, product);
	}
	/* what the adapter read from the Deployment */
	if (sim && order != SIZE_MAX) {
		const hpa__sim_workload *w = &sim->wl[hpa_sim_hpa_deployment(sim, order)];
		CU_ASSERT_EQUAL(w->dep.cpu_request_milli, 200);
		CU_ASSERT_EQUAL(w->dep.cpu_limit_milli, 500);
		CU_ASSERT_EQUAL(w->dep.memory_request_bytes, 512 * MI);
		CU_ASSERT_EQUAL(w->dep.memory_limit_bytes, 1024 * MI);
		CU_ASSERT_EQUAL(w->dep.readiness_initial_delay_ms, 10000);
		CU_ASSERT_EQUAL(w->dep.readiness_period_ms, 5000);
		CU_ASSERT_STRING_EQUAL(w->service_name, "order");
	}
	/* the adapter's errors */
	CU_ASSERT_EQUAL(hpa_sim_add_from_manifest(sim, m, "nope", NULL, NULL, &e), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_sim_add_from_manifest(sim, m, NULL, NULL, NULL, &e), HPA_EINVAL); /* two HPAs */
	hpa_sim_load_free(l);
	hpa_sim_free(sim);
}

/* our own fixture (tests/data/simulate/12st-mall.yaml) */
static void test_simulate__rehearsal_12st_mall(void)
{
	char path[1024];
	hpa_error e = HPA_ERROR_INIT;
	hpa_manifest *m = NULL;
	th_data_path(path, sizeof(path), "simulate/12st-mall.yaml");
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml_file(&m, path, NULL, &e), 0);
	if (m)
		rehearse(m);
	hpa_manifest_free(m);
}

/* the manifest the deployment modeler renders from examples/12st-mall/model.yml */
static void test_simulate__rehearsal_rendered_model(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_model *model = NULL;
	hpa_manifest *m = NULL;
	CU_ASSERT_EQUAL(hpa_model_load_file(&model, HPA_SOURCE_DIR "/examples/12st-mall/model.yml", &e), 0);
	if (model)
		CU_ASSERT_EQUAL(hpa_model_render(model, NULL, &m, &e), 0);
	if (m)
		rehearse(m);
	hpa_manifest_free(m);
	hpa_model_free(model);
}

/* hpa_sim_new()'s bounds (include/hpa/simulate.h): periods of at most a
 * day, and a tick no longer than the metric resolution and the sync
 * period. The last case is what fuzz_sim_options found: a 10-minute run
 * with a 66-billion-second tick and 152 ms scrapes, whose warm-up (a whole
 * tick) held 4e11 scrapes. */
static void test_simulate__option_bounds(void)
{
	static const struct {
		int64_t tick, sync, res, kubelet, objective;
		int rc;
		const char *msg;
	} cases[] = {
		{ 1000, 15000, 15000, 10000, 1000, 0, NULL },
		{ 15000, 15000, 15000, 0, 0, 0, NULL },                   /* the fleet bench's */
		{ 1000, 86400000, 86400000, 86400000, 86400000, 0, NULL }, /* a day each */
		{ 20000, 30000, 15000, 10000, 1000, HPA_EINVAL, "tick_ms (20000) is longer than the metric resolution (15000)" },
		{ 20000, 15000, 30000, 10000, 1000, HPA_EINVAL, "or the sync period (15000)" },
		{ 1000, 86400001, 15000, 10000, 1000, HPA_EINVAL, "at most a day (86400000 ms)" },
		{ 1000, 15000, 86400001, 10000, 1000, HPA_EINVAL, "at most a day" },
		{ 1000, 15000, 15000, 86400001, 1000, HPA_EINVAL, "at most a day" },
		{ 1000, 15000, 15000, 10000, 86400001, HPA_EINVAL, "at most a day" },
		{ INT64_C(65970697666560), 1000, 152, 0, 1000, HPA_EINVAL, "at most a day" },
		{ 100, 1000, 152, 0, 1000, 0, NULL },
		{ 153, 1000, 152, 0, 1000, HPA_EINVAL, "tick_ms (153) is longer" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hpa_sim_options o;
		hpa_sim *sim = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int rc;
		hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
		o.tick_ms = cases[i].tick;
		o.sync_period_ms = cases[i].sync;
		o.metric_resolution_ms = cases[i].res;
		o.kubelet_interval_ms = cases[i].kubelet;
		o.latency_objective_ms = cases[i].objective;
		rc = hpa_sim_new(&sim, &o, &e);
		CU_ASSERT_EQUAL(rc, cases[i].rc);
		if (rc != cases[i].rc)
			fprintf(stderr, "\n  option_bounds case %zu: %d %s\n", i, rc, e.message);
		if (cases[i].msg)
			CU_ASSERT_PTR_NOT_NULL(strstr(e.message, cases[i].msg));
		CU_ASSERT((rc == 0) == (sim != NULL));
		hpa_sim_free(sim);
	}
	/* unknown flag bits are refused (a flag of a later version is not
	 * silently ignored) */
	{
		hpa_sim_options o;
		hpa_sim *sim = NULL;
		hpa_error e = HPA_ERROR_INIT;
		hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
		o.flags = HPA_SIM_TILED | (1u << 7);
		CU_ASSERT_EQUAL(hpa_sim_new(&sim, &o, &e), HPA_EINVAL);
		CU_ASSERT_PTR_NULL(sim);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "unknown flags 0x80"));
		o.flags = HPA_SIM_TILED | HPA_SIM_NO_TIMELINE;
		CU_ASSERT_EQUAL(hpa_sim_new(&sim, &o, &e), 0);
		hpa_sim_free(sim);
	}
}

/* hpa_sim_add_deployment()'s bounds on the service model and the
 * Deployment (include/hpa/simulate.h): each field at its bound runs a
 * siege rehearsal with a timeline and every output (under ASan and UBSan in
 * CI), one step beyond it is refused naming the field. Beyond the bounds
 * these used to overflow int64 somewhere: a memory request's milli-value at
 * each sync, idle utilization (base CPU or idle memory x 100) in the
 * summary, a lifecycle delay added to the clock, a jittered delay times
 * the per-mille spread. */
static int bounds_run(const hpa_sim_deployment *d, const hpa_sim_service *svc, hpa_error *e)
{
	hpa_sim_options o;
	hpa_sim *sim = NULL;
	hpa_autoscaler *a = make_hpa("web-hpa", "web", true, 1, 5);
	hpa_sim_load *l = NULL;
	size_t di;
	int rc;
	add_util_metric(a, "cpu", 50);
	add_util_metric(a, "memory", 50);
	fixed_options(&o, 300000);
	CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, e) == 0);
	rc = hpa_sim_add_deployment(sim, d, svc, &di, e);
	if (!rc) {
		CU_ASSERT(hpa_sim_add_hpa(sim, a, di, NULL, e) == 0);
		CU_ASSERT(hpa_sim_load_parse(&l, "siege -c20 -t40S", e) == 0);
		CU_ASSERT(hpa_sim_set_load(sim, di, l, e) == 0);
		CU_ASSERT(hpa_sim_run(sim, e) == 0);
		for (int f = HPA_SIM_FORMAT_TEXT; f <= HPA_SIM_FORMAT_SUMMARY; f++) {
			char *out = NULL;
			CU_ASSERT(hpa_sim_write(sim, (hpa_sim_format)f, &out, NULL, e) == 0);
			hpa_free(out);
		}
	} else {
		CU_ASSERT_EQUAL(hpa_sim_deployment_count(sim), 0);
	}
	hpa_sim_load_free(l);
	hpa_autoscaler_free(a);
	hpa_sim_free(sim);
	return rc;
}

static void test_simulate__field_bounds(void)
{
	static const struct {
		const char *name;
		bool svc;
		size_t off;
		int64_t lo, hi;
	} f[] = {
#define S(x, lo, hi) { #x, true, offsetof(hpa_sim_service, x), lo, hi }
#define D(x, lo, hi) { #x, false, offsetof(hpa_sim_deployment, x), lo, hi }
		S(cost_milli, 1, HPA_SIM_MAX_QUANTITY), S(base_cpu_milli, 0, HPA_SIM_MAX_QUANTITY),
		S(io_ms, 0, HPA_SIM_MAX_PERIOD_MS), S(boot_ms, 0, HPA_SIM_MAX_PERIOD_MS),
		S(node_cpu_milli, 1, HPA_SIM_MAX_QUANTITY), S(mem_base_bytes, 0, HPA_SIM_MAX_QUANTITY),
		S(mem_start_bytes, 0, HPA_SIM_MAX_QUANTITY), S(mem_per_inflight_bytes, 0, HPA_SIM_MAX_QUANTITY),
		S(mem_growth_bytes, 0, HPA_SIM_MAX_QUANTITY),
		D(cpu_request_milli, 0, HPA_SIM_MAX_QUANTITY), D(cpu_limit_milli, 0, HPA_SIM_MAX_QUANTITY),
		D(memory_request_bytes, 0, HPA_SIM_MAX_QUANTITY), D(memory_limit_bytes, 0, HPA_SIM_MAX_QUANTITY),
		D(readiness_initial_delay_ms, INT64_MIN, HPA_SIM_MAX_PERIOD_MS),
		D(readiness_period_ms, 0, HPA_SIM_MAX_PERIOD_MS), D(schedule_ms, 0, HPA_SIM_MAX_PERIOD_MS),
		D(image_pull_ms, 0, HPA_SIM_MAX_PERIOD_MS), D(container_start_ms, 0, HPA_SIM_MAX_PERIOD_MS),
		D(termination_grace_ms, 0, HPA_SIM_MAX_PERIOD_MS), D(shutdown_ms, 0, HPA_SIM_MAX_PERIOD_MS),
#undef S
#undef D
	};
	CU_ASSERT_EQUAL(HPA_SIM_MAX_QUANTITY, INT64_C(9223372036854775));
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		/* the bounds run; one beyond each is refused; so are the extremes */
		const int64_t vals[] = { f[i].lo, f[i].hi, f[i].lo == INT64_MIN ? f[i].lo : f[i].lo - 1, f[i].hi + 1,
			INT64_MAX, INT64_MIN };
		for (size_t k = 0; k < sizeof(vals) / sizeof(vals[0]); k++) {
			hpa_sim_deployment d;
			hpa_sim_service svc;
			hpa_error e = HPA_ERROR_INIT;
			bool ok = vals[k] >= f[i].lo && vals[k] <= f[i].hi;
			int rc;
			plain_deployment(&d, "web", 2);
			hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
			memcpy((char *)(f[i].svc ? (void *)&svc : (void *)&d) + f[i].off, &vals[k], sizeof(int64_t));
			rc = bounds_run(&d, &svc, &e);
			CU_ASSERT_EQUAL(rc, ok ? 0 : HPA_EINVAL);
			if (rc != (ok ? 0 : HPA_EINVAL))
				fprintf(stderr, "\n  field_bounds %s = %lld: %d %s\n", f[i].name, (long long)vals[k], rc,
					e.message);
			if (!ok)
				CU_ASSERT_PTR_NOT_NULL(strstr(e.message, f[i].name));
		}
	}
}

/* The same bounds from a manifest (hpa_sim_add_from_manifest()): a value
 * beyond them is refused at its field (line:column and path; positions
 * counted in the YAML below by hand), at the bound it loads. Containers'
 * quantities add up (their sum used to overflow int64) and so does a
 * request taken from a limit; terminationGracePeriodSeconds times 1000
 * used to overflow too. */
static void test_simulate__manifest_bounds(void)
{
	static const char head[] =
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"metadata: {name: web-hpa}\n"
		"spec:\n"
		"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
		"  maxReplicas: 5\n"
		"  metrics:\n"
		"  - type: Resource\n"
		"    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  selector: {matchLabels: {app: web}}\n"
		"  template:\n"
		"    metadata: {labels: {app: web}}\n"
		"    spec:\n"
		"      terminationGracePeriodSeconds: %s\n"                      /* line 19 */
		"      containers:\n"
		"      - name: a\n"
		"        image: web\n"
		"        readinessProbe: {periodSeconds: %s, initialDelaySeconds: %s}\n" /* line 23 */
		"        resources:\n"
		"          requests: {cpu: 100m, memory: %s}\n"                   /* line 25 */
		"      - name: b\n"
		"        image: web\n"
		"        resources:\n"
		"          limits: {cpu: %s, memory: 1Mi}\n";                     /* line 29 */
	static const struct {
		const char *grace, *period, *delay, *mem, *cpu_limit;
		int rc;
		size_t line, column;
		const char *path, *msg;
	} cases[] = {
		/* at the bounds: 9223.372036854G = 9223372036854000 milli-CPU and
		 * 8Pi + 1Mi bytes, under HPA_SIM_MAX_QUANTITY */
		{ "86400", "86400", "86400", "8Pi", "9223.372036854G", 0, 0, 0, NULL, NULL },
		{ "86401", "10", "0", "1Mi", "1", HPA_ERANGE, 19, 38, "spec.template.spec.terminationGracePeriodSeconds",
			"86401 s is longer than the simulator's bound of a day" },
		{ "9223372036854775807", "10", "0", "1Mi", "1", HPA_ERANGE, 19, 38,
			"spec.template.spec.terminationGracePeriodSeconds", "longer than the simulator's bound" },
		{ "30", "86401", "0", "1Mi", "1", HPA_ERANGE, 23, 41,
			"spec.template.spec.containers[0].readinessProbe.periodSeconds", "86401 s is longer" },
		{ "30", "10", "2147483647", "1Mi", "1", HPA_ERANGE, 23, 66,
			"spec.template.spec.containers[0].readinessProbe.initialDelaySeconds", "2147483647 s is longer" },
		/* 9223372036854000 bytes, under the bound, plus container b's 1Mi
		 * limit taken as its request: over */
		{ "30", "10", "0", "9223372.036854G", "1", HPA_ERANGE, 29, 36,
			"spec.template.spec.containers[1].resources.limits.memory",
			"above the simulator's bound (9223372036854775 bytes)" },
		{ "30", "10", "0", "9223372.036855G", "1", HPA_ERANGE, 25, 41,
			"spec.template.spec.containers[0].resources.requests.memory", "above the simulator's bound" },
		{ "30", "10", "0", "1Mi", "9223.372036855G", HPA_ERANGE, 29, 25,
			"spec.template.spec.containers[1].resources.limits.cpu", "(9223372036854775 milli-CPU)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[2048];
		hpa_manifest *m = NULL;
		hpa_sim_options o;
		hpa_sim *sim = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int rc;
		snprintf(buf, sizeof(buf), head, cases[i].grace, cases[i].period, cases[i].delay, cases[i].mem,
			cases[i].cpu_limit);
		CU_ASSERT_FATAL(hpa_manifest_parse_yaml(&m, buf, strlen(buf), NULL, &e) == 0);
		fixed_options(&o, 120000);
		CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
		rc = hpa_sim_add_from_manifest(sim, m, "web-hpa", NULL, NULL, &e);
		CU_ASSERT_EQUAL(rc, cases[i].rc);
		if (rc != cases[i].rc || (cases[i].path && (e.line != cases[i].line || e.column != cases[i].column ||
			strcmp(e.path, cases[i].path) != 0 || !strstr(e.message, cases[i].msg))))
			fprintf(stderr, "\n  manifest_bounds case %zu: %d %zu:%zu %s: %s\n", i, rc, e.line, e.column, e.path,
				e.message);
		if (cases[i].path) {
			CU_ASSERT_EQUAL(e.line, cases[i].line);
			CU_ASSERT_EQUAL(e.column, cases[i].column);
			CU_ASSERT_STRING_EQUAL(e.path, cases[i].path);
			CU_ASSERT_PTR_NOT_NULL(strstr(e.message, cases[i].msg));
			CU_ASSERT_EQUAL(hpa_sim_deployment_count(sim), 0);
		} else {
			CU_ASSERT(hpa_sim_run(sim, &e) == 0);
		}
		hpa_sim_free(sim);
		hpa_manifest_free(m);
	}
}

/* hpa_sim_options.max_pods: a Deployment's replicas or its HPA's
 * maxReplicas above it is HPA_ELIMIT at the field (from a manifest with
 * line:column, counted in the YAML below by hand, and the document), at it
 * the simulation loads, 0 is no limit, a negative value is refused; a
 * failed hpa_sim_add_from_manifest() leaves no Deployment behind, so the
 * same HPA loads once the limit allows it. */
static void test_simulate__max_pods(void)
{
	static const char fmt[] =
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"metadata: {name: web-hpa}\n"
		"spec:\n"
		"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
		"  maxReplicas: %d\n"                                  /* line 6, value at column 16 */
		"  metrics:\n"
		"  - type: Resource\n"
		"    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  replicas: %d\n"                                     /* line 15, value at column 13 */
		"  selector: {matchLabels: {app: web}}\n"
		"  template:\n"
		"    metadata: {labels: {app: web}}\n"
		"    spec:\n"
		"      containers:\n"
		"      - name: a\n"
		"        image: web\n";
	static const struct {
		int64_t max_pods;
		int max_replicas, replicas, rc;
		size_t line, column, document;
		const char *path, *msg;
	} cases[] = {
		{ 10, 10, 10, 0, 0, 0, 0, NULL, NULL },
		{ 0, 20, 11, 0, 0, 0, 0, NULL, NULL },
		{ 10, 5, 11, HPA_ELIMIT, 15, 13, 1, "spec.replicas", "Deployment web: replicas 11 is above max_pods (10 " },
		{ 10, 11, 1, HPA_ELIMIT, 6, 16, 0, "spec.maxReplicas",
			"HorizontalPodAutoscaler web-hpa: maxReplicas 11 is above max_pods (10 " },
	};
	hpa_sim_options o;
	hpa_sim *sim = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim_deployment d;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[1024];
		hpa_manifest *m = NULL;
		size_t hi = 99;
		int rc;
		snprintf(buf, sizeof(buf), fmt, cases[i].max_replicas, cases[i].replicas);
		CU_ASSERT_FATAL(hpa_manifest_parse_yaml(&m, buf, strlen(buf), NULL, &e) == 0);
		fixed_options(&o, 60000);
		o.max_pods = cases[i].max_pods;
		CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
		rc = hpa_sim_add_from_manifest(sim, m, "web-hpa", NULL, &hi, &e);
		CU_ASSERT_EQUAL(rc, cases[i].rc);
		if (cases[i].path) {
			CU_ASSERT_EQUAL(e.line, cases[i].line);
			CU_ASSERT_EQUAL(e.column, cases[i].column);
			CU_ASSERT_EQUAL(e.document, cases[i].document);
			CU_ASSERT_STRING_EQUAL(e.path, cases[i].path);
			CU_ASSERT_PTR_NOT_NULL(strstr(e.message, cases[i].msg));
			/* nothing stays: no Deployment, no HPA, and with the limit
			 * lifted the same manifest loads into the same simulation */
			CU_ASSERT_EQUAL(hpa_sim_deployment_count(sim), 0);
			CU_ASSERT_EQUAL(hpa_sim_hpa_count(sim), 0);
			CU_ASSERT_EQUAL(hpa_sim_find_deployment(sim, "web", NULL, &e), HPA_ENOTFOUND);
			CU_ASSERT_EQUAL(hi, 99);
		} else {
			CU_ASSERT_EQUAL(hpa_sim_hpa_count(sim), 1);
			CU_ASSERT(hpa_sim_run(sim, &e) == 0);
		}
		hpa_sim_free(sim);
		sim = NULL;
		hpa_manifest_free(m);
	}
	/* the rollback keeps the other Deployments findable */
	{
		hpa_manifest *m = NULL;
		char buf[1024];
		size_t di = 99;
		snprintf(buf, sizeof(buf), fmt, 11, 1);
		CU_ASSERT_FATAL(hpa_manifest_parse_yaml(&m, buf, strlen(buf), NULL, &e) == 0);
		fixed_options(&o, 60000);
		o.max_pods = 10;
		CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
		for (int k = 0; k < 100; k++) {
			char name[16];
			snprintf(name, sizeof(name), "other-%d", k);
			plain_deployment(&d, name, 1);
			CU_ASSERT_EQUAL(hpa_sim_add_deployment(sim, &d, NULL, NULL, &e), 0);
		}
		CU_ASSERT_EQUAL(hpa_sim_add_from_manifest(sim, m, "web-hpa", NULL, NULL, &e), HPA_ELIMIT);
		CU_ASSERT_EQUAL(hpa_sim_deployment_count(sim), 100);
		for (int k = 0; k < 100; k++) {
			char name[16];
			snprintf(name, sizeof(name), "other-%d", k);
			CU_ASSERT(hpa_sim_find_deployment(sim, name, &di, &e) == 0 && di == (size_t)k);
		}
		CU_ASSERT_EQUAL(hpa_sim_find_deployment(sim, "web", NULL, &e), HPA_ENOTFOUND);
		hpa_sim_free(sim);
		sim = NULL;
		hpa_manifest_free(m);
	}
	/* the C API: no position, the path of the field */
	fixed_options(&o, 60000);
	o.max_pods = 3;
	CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
	plain_deployment(&d, "api", 4);
	CU_ASSERT_EQUAL(hpa_sim_add_deployment(sim, &d, NULL, NULL, &e), HPA_ELIMIT);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	CU_ASSERT_EQUAL(e.line, 0);
	CU_ASSERT_EQUAL(hpa_sim_deployment_count(sim), 0);
	plain_deployment(&d, "api", 3);
	CU_ASSERT_EQUAL(hpa_sim_add_deployment(sim, &d, NULL, NULL, &e), 0);
	hpa_sim_free(sim);
	sim = NULL;
	/* a negative limit */
	fixed_options(&o, 60000);
	o.max_pods = -1;
	CU_ASSERT_EQUAL(hpa_sim_new(&sim, &o, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(sim);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "max_pods"));
}

/* The decision options a simulation gets (hpa_sim_options.decide_options):
 * hpa_sim_new() refuses what the decision refuses (every sync would fail);
 * an infinite or huge tolerance is valid (no scaling at all) and the
 * summary's explanation used to overflow int64 on it (tolerance x 1000,
 * rounded, plus 1000, times the target). */
static void test_simulate__decide_options_checked(void)
{
	static const struct {
		double tolerance;
		int64_t cpu_init_ms;
		int rc;
	} cases[] = {
		{ 0.1, 300000, 0 },
		{ 1e300, 300000, 0 },
		{ HUGE_VAL, 300000, 0 },
		{ 9.2e15, 300000, 0 },
		{ -0.5, 300000, HPA_EINVAL },
		{ NAN, 300000, HPA_EINVAL },
		{ 0.1, -1, HPA_EINVAL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hpa_sim_options o;
		hpa_decide_options d;
		hpa_sim_deployment dep;
		hpa_sim *sim = NULL;
		hpa_error e = HPA_ERROR_INIT;
		hpa_autoscaler *a = make_hpa("web-hpa", "web", true, 1, 5);
		size_t di;
		int rc;
		add_util_metric(a, "memory", 10); /* the idle footprint is above it: the summary explains */
		hpa_decide_options_init(&d, HPA_DECIDE_OPTIONS_VERSION);
		d.tolerance = cases[i].tolerance;
		d.cpu_initialization_period_ms = cases[i].cpu_init_ms;
		fixed_options(&o, 120000);
		o.decide_options = &d;
		rc = hpa_sim_new(&sim, &o, &e);
		CU_ASSERT_EQUAL(rc, cases[i].rc);
		if (rc) {
			CU_ASSERT_PTR_NULL(sim);
			CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "hpa_decide_options"));
		} else {
			char *out = NULL;
			plain_deployment(&dep, "web", 2);
			CU_ASSERT_FATAL(hpa_sim_add_deployment(sim, &dep, NULL, &di, &e) == 0);
			CU_ASSERT(hpa_sim_add_hpa(sim, a, di, NULL, &e) == 0 && hpa_sim_run(sim, &e) == 0);
			CU_ASSERT(hpa_sim_write(sim, HPA_SIM_FORMAT_SUMMARY, &out, NULL, &e) == 0);
			/* the footprint explanation appears only with an ordinary tolerance */
			CU_ASSERT(out && (strstr(out, "idle memory footprint") != NULL) == (cases[i].tolerance < 1.0));
			hpa_free(out);
		}
		hpa_autoscaler_free(a);
		hpa_sim_free(sim);
	}
}

/* maxReplicas at INT32_MAX (valid for the API server): the run and every
 * output, the SVG chart's replica axis included (its top, maxReplicas + 1,
 * overflowed int32; found by sweeping the explain seeds' numbers through
 * extreme values). */
static void test_simulate__max_replicas_int32_max(void)
{
	hpa_sim_options o;
	hpa_sim_deployment dep;
	hpa_sim *sim = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_autoscaler *a = make_hpa("web-hpa", "web", true, 1, INT32_MAX);
	hpa_sim_load *l = NULL;
	size_t di;
	add_util_metric(a, "cpu", 50);
	fixed_options(&o, 120000);
	CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
	plain_deployment(&dep, "web", 1);
	CU_ASSERT_FATAL(hpa_sim_add_deployment(sim, &dep, NULL, &di, &e) == 0);
	CU_ASSERT_FATAL(hpa_sim_add_hpa(sim, a, di, NULL, &e) == 0);
	CU_ASSERT_FATAL(hpa_sim_load_parse(&l, "constant 40", &e) == 0);
	CU_ASSERT_FATAL(hpa_sim_set_load(sim, di, l, &e) == 0);
	CU_ASSERT_FATAL(hpa_sim_run(sim, &e) == 0);
	for (int f = HPA_SIM_FORMAT_TEXT; f <= HPA_SIM_FORMAT_SUMMARY; f++) {
		char *out = NULL;
		CU_ASSERT(hpa_sim_write(sim, (hpa_sim_format)f, &out, NULL, &e) == 0);
		if (f == HPA_SIM_FORMAT_SVG)
			CU_ASSERT(out && strstr(out, "<svg") != NULL);
		hpa_free(out);
	}
	hpa_sim_load_free(l);
	hpa_autoscaler_free(a);
	hpa_sim_free(sim);
}

/* ---- allocation failures -------------------------------------------------------------- */

static int sweep_once(hpa_autoscaler *a, hpa_sim_format f)
{
	hpa_sim_options o;
	hpa_sim_deployment d;
	hpa_sim *sim = NULL;
	hpa_sim_load *l = NULL;
	char *out = NULL;
	size_t di;
	int rc;
	fixed_options(&o, 60000);
	plain_deployment(&d, "web", 1);
	rc = hpa_sim_new(&sim, &o, NULL);
	if (!rc)
		rc = hpa_sim_add_deployment(sim, &d, NULL, &di, NULL);
	if (!rc)
		rc = hpa_sim_add_hpa(sim, a, di, NULL, NULL);
	if (!rc)
		rc = hpa_sim_load_parse(&l, "step 10 60@20s", NULL);
	if (!rc)
		rc = hpa_sim_set_load(sim, di, l, NULL);
	if (!rc)
		rc = hpa_sim_run(sim, NULL);
	if (!rc)
		rc = hpa_sim_write(sim, f, &out, NULL, NULL);
	hpa_free(out);
	hpa_sim_load_free(l);
	hpa_sim_free(sim);
	return rc;
}

/* Fail the n-th allocation for n = 1, 2, ... until a run succeeds: every
 * failure is reported as HPA_ENOMEM and nothing leaks (valgrind/ASan). */
static void test_simulate__allocation_failures(void)
{
	static const hpa_sim_format formats[] = { HPA_SIM_FORMAT_TEXT, HPA_SIM_FORMAT_JSON, HPA_SIM_FORMAT_SVG };
	hpa_autoscaler *a = make_hpa("web-hpa", "web", true, 1, 5);
	add_util_metric(a, "cpu", 50);
	for (size_t k = 0; k < sizeof(formats) / sizeof(formats[0]); k++) {
		bool done = false;
		for (unsigned long n = 1; n < 20000 && !done; n++) {
			int rc;
			bool failed;
			hpa__test_fail_alloc_at(n);
			rc = sweep_once(a, formats[k]);
			failed = hpa__test_alloc_failed();
			hpa__test_fail_alloc_at(0);
			if (!failed) {
				CU_ASSERT_EQUAL(rc, 0);
				done = true;
			} else if (rc != HPA_ENOMEM) {
				CU_FAIL("an allocation failure was not reported as HPA_ENOMEM");
				fprintf(stderr, "\nallocation %lu: rc %d\n", n, rc);
				done = true;
			}
		}
		CU_ASSERT(done);
	}
	hpa_autoscaler_free(a);
}

/* ---- HPA_SIM_TILED ---------------------------------------------------------------------- */

typedef struct {
	size_t calls;
	size_t max_hpa_seen;      /* highest HPA index called so far */
	size_t max_before_last0;  /* ... when HPA 0 had its last sync */
	int64_t last0_ms;
} tile_order;

static void tile_sync(const hpa_sim_sync_info *info, void *payload)
{
	tile_order *t = payload;
	t->calls++;
	if (info->hpa > t->max_hpa_seen)
		t->max_hpa_seen = info->hpa;
	if (info->hpa == 0 && info->time_ms >= t->last0_ms) {
		t->last0_ms = info->time_ms;
		t->max_before_last0 = t->max_hpa_seen;
	}
}

#define TILE_FLEET 150

/* A fleet of different services, loads and HPAs (more than two blocks of
 * the tiled engine, one Deployment without an HPA), run with @p flags;
 * every format is written to out[] and every summary to sums[]. */
static hpa_sim *run_tile_fleet(unsigned int flags, tile_order *ord, char *out[4], hpa_sim_summary *sums)
{
	static const char *const loads[] = { "diurnal 30 amp=0.7 period=10m bursts=2 factor=3 burst=1m",
		"step 5 60@2m 5@6m", "siege -c25 -d0.5 -t8M", "sine 20 15 4m", "ramp 2 80 9m", "constant 12" };
	static const char *const svcs[] = { "springboot,cost=10m,mem=200Mi", "go", "go,cost=25m,io=5ms",
		"springboot,boot=20s" };
	static const hpa_sim_format formats[] = { HPA_SIM_FORMAT_CSV, HPA_SIM_FORMAT_JSON, HPA_SIM_FORMAT_TEXT,
		HPA_SIM_FORMAT_SUMMARY };
	hpa_sim_options o;
	hpa_sim *sim = NULL;
	hpa_error e = HPA_ERROR_INIT;
	memset(ord, 0, sizeof(*ord));
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.seed = 11;
	o.flags = flags;
	o.duration_ms = 600000;
	o.tick_ms = 5000;
	o.on_sync = tile_sync;
	o.payload = ord;
	CU_ASSERT_FATAL(hpa_sim_new(&sim, &o, &e) == 0);
	for (size_t i = 0; i <= TILE_FLEET; i++) {
		char name[32], hname[40];
		hpa_sim_deployment d;
		hpa_sim_service svc;
		hpa_sim_load *l = NULL;
		hpa_autoscaler *a;
		size_t di;
		snprintf(name, sizeof(name), "app-%03zu", i);
		snprintf(hname, sizeof(hname), "app-%03zu-hpa", i);
		hpa_sim_deployment_init(&d, HPA_SIM_DEPLOYMENT_VERSION);
		d.name = name;
		d.replicas = 1 + (int32_t)(i % 3);
		d.jitter_permille = (int32_t)(i % 4) * 100;
		hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
		CU_ASSERT_FATAL(hpa_sim_service_parse(&svc, svcs[i % 4], &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_add_deployment(sim, &d, &svc, &di, &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_load_parse(&l, loads[i % 6], &e) == 0);
		CU_ASSERT_FATAL(hpa_sim_set_load(sim, di, l, &e) == 0);
		hpa_sim_load_free(l);
		if (i == 70)
			continue; /* a Deployment without an HPA */
		a = make_hpa(hname, name, true, 1, 3 + (int32_t)(i % 8));
		CU_ASSERT_FATAL(a != NULL);
		add_util_metric(a, "cpu", 40 + (int32_t)(i % 5) * 10);
		if (i % 2)
			add_util_metric(a, "memory", 80);
		CU_ASSERT_FATAL(hpa_sim_add_hpa(sim, a, di, NULL, &e) == 0);
		hpa_autoscaler_free(a);
	}
	CU_ASSERT_FATAL(hpa_sim_run(sim, &e) == 0);
	for (size_t f = 0; f < 4; f++) {
		size_t len = 0;
		out[f] = NULL;
		CU_ASSERT(hpa_sim_write(sim, formats[f], &out[f], &len, &e) == 0 && out[f] && strlen(out[f]) == len);
	}
	for (size_t h = 0; h < hpa_sim_hpa_count(sim); h++)
		CU_ASSERT(hpa_sim_summary_get(sim, h, &sums[h], &e) == 0);
	return sim;
}

static void test_simulate__tiled_is_identical(void)
{
	char *plain[4], *tiled[4];
	hpa_sim_summary s_plain[TILE_FLEET], s_tiled[TILE_FLEET];
	tile_order o_plain, o_tiled;
	hpa_sim *a, *b;
	size_t rescales = 0;
	memset(s_plain, 0, sizeof(s_plain));
	memset(s_tiled, 0, sizeof(s_tiled));
	a = run_tile_fleet(0, &o_plain, plain, s_plain);
	b = run_tile_fleet(HPA_SIM_TILED, &o_tiled, tiled, s_tiled);
	CU_ASSERT_EQUAL(hpa_sim_hpa_count(a), TILE_FLEET);
	/* the same timeline, row by row, and the same bytes in every format */
	CU_ASSERT_EQUAL(hpa_sim_timeline_count(a), hpa_sim_timeline_count(b));
	CU_ASSERT(hpa_sim_timeline_count(a) > TILE_FLEET * 30);
	for (size_t i = 0; i < hpa_sim_timeline_count(a) && i < hpa_sim_timeline_count(b); i++) {
		const hpa_sim_row *x = hpa_sim_timeline_at(a, i), *y = hpa_sim_timeline_at(b, i);
		if (x->time_ms != y->time_ms || x->hpa != y->hpa || x->desired != y->desired ||
			x->latency_p95_us != y->latency_p95_us || strcmp(x->kubectl, y->kubectl) != 0) {
			CU_FAIL("timeline rows differ");
			break;
		}
		if (i > 0 && x->time_ms == hpa_sim_timeline_at(a, i - 1)->time_ms)
			CU_ASSERT(x->hpa > hpa_sim_timeline_at(a, i - 1)->hpa);
	}
	for (size_t f = 0; f < 4; f++) {
		CU_ASSERT(plain[f] && tiled[f] && strcmp(plain[f], tiled[f]) == 0);
		hpa_free(plain[f]);
		hpa_free(tiled[f]);
	}
	CU_ASSERT(memcmp(s_plain, s_tiled, sizeof(s_plain)) == 0);
	for (size_t h = 0; h < TILE_FLEET; h++)
		rescales += (size_t)s_plain[h].rescales;
	CU_ASSERT(rescales > TILE_FLEET); /* the fleet does scale */
	/* the callbacks: as many, but the tiled run finished HPA 0 before it
	 * reached the last block; the plain one had seen every HPA */
	CU_ASSERT_EQUAL(o_plain.calls, o_tiled.calls);
	CU_ASSERT_EQUAL(o_plain.max_before_last0, TILE_FLEET - 1);
	CU_ASSERT(o_tiled.max_before_last0 < 128);
	hpa_sim_free(a);
	hpa_sim_free(b);
}

static CU_TestInfo tests[] = {
	{ "quantities", test_simulate__quantities },
	{ "fixed_point_format", test_simulate__fixed_point_format },
	{ "load_siege", test_simulate__load_siege },
	{ "load_open_profiles", test_simulate__load_open_profiles },
	{ "load_csv_trace", test_simulate__load_csv_trace },
	{ "service_parse", test_simulate__service_parse },
	{ "rng_is_seeded", test_simulate__rng_is_seeded },
	{ "metrics_pipeline_lag", test_simulate__metrics_pipeline_lag },
	{ "pod_lifecycle", test_simulate__pod_lifecycle },
	{ "constant_at_target_never_scales", test_simulate__constant_at_target_never_scales },
	{ "step_converges", test_simulate__step_converges },
	{ "scale_down_waits_for_window", test_simulate__scale_down_waits_for_window },
	{ "policy_rate_is_respected", test_simulate__policy_rate_is_respected },
	{ "deterministic", test_simulate__deterministic },
	{ "decisions_are_hpa_decide", test_simulate__decisions_are_hpa_decide },
	{ "decisions_are_hpa_decide_without_timeline", test_simulate__decisions_are_hpa_decide_without_timeline },
	{ "pod_table_is_current", test_simulate__pod_table_is_current },
	{ "rehearsal_12st_mall", test_simulate__rehearsal_12st_mall },
	{ "rehearsal_rendered_model", test_simulate__rehearsal_rendered_model },
	{ "option_bounds", test_simulate__option_bounds },
	{ "field_bounds", test_simulate__field_bounds },
	{ "manifest_bounds", test_simulate__manifest_bounds },
	{ "max_pods", test_simulate__max_pods },
	{ "decide_options_checked", test_simulate__decide_options_checked },
	{ "max_replicas_int32_max", test_simulate__max_replicas_int32_max },
	{ "allocation_failures", test_simulate__allocation_failures },
	{ "tiled_is_identical", test_simulate__tiled_is_identical },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_simulate = { "simulate", NULL, NULL, NULL, NULL, tests };
