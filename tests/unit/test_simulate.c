/* tests/unit/test_simulate.c -- the deterministic HPA simulator.
 *
 * Expected values are worked out by hand from the model (metrics windows,
 * pod lifecycle timings) and from the HPA algorithm spec
 * (shared/docs/hpa-algorithm.md), never by running the simulator: each
 * case says how its numbers come about. */
#include "helpers.h"
#include "simulate/sim_int.h"
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

static CU_TestInfo tests[] = {
	{ "quantities", test_simulate__quantities },
	{ "fixed_point_format", test_simulate__fixed_point_format },
	{ "load_siege", test_simulate__load_siege },
	{ "load_open_profiles", test_simulate__load_open_profiles },
	{ "load_csv_trace", test_simulate__load_csv_trace },
	{ "service_parse", test_simulate__service_parse },
	{ "rng_is_seeded", test_simulate__rng_is_seeded },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_simulate = { "simulate", NULL, NULL, NULL, NULL, tests };
