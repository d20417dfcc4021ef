/*
 * bench/bench_fleet.c -- a fleet of HPAs for one simulated day.
 *
 *   bench_fleet [--hpas N] [--hours H] [--seed S] [--ci] [--quiet] [--untiled] [--expect HASH]
 *               [--order-hash] [--expect-order HASH] [--no-baseline] [--cpu N]
 *
 * Default: 10,000 HPAs x 24 h at a 15 s sync = 57.6 M decisions, each HPA
 * with two metrics (cpu Utilization 60 %, memory AverageValue) and a seeded
 * diurnal load with bursts. --ci runs 1,000 HPAs x 1 h. Prints the number of
 * decisions, the time on one core, decisions per second, the run's time in
 * steps of a baseline loop timed in the same process (before and after the
 * run: how fast this core was meanwhile; --no-baseline leaves it out, for
 * instruction counts under callgrind; a second baseline of independent
 * chains measures the core's throughput, and the run is printed in its
 * steps too, "ratio-tp"; --cpu N pins the process to CPU N, and
 * the output says on which CPU the run began and ended: on a virtual
 * machine one vCPU can be much slower than another, see docs/simulate.md)
 * and a hash (FNV-1a
 * 64) of every replica trajectory, which must not change between runs or
 * machines with the same build. The hash is per HPA (its decisions in time
 * order), the per-HPA hashes combined in HPA index order, so it does not
 * depend on how the engine interleaves HPAs; the older hash over all
 * decisions in callback order is computed and printed with --order-hash
 * ("callback order"; it costs about as much as the per-HPA hash, so it is
 * off by default and the callback does the same amount of hashing as
 * before the tiling change). A progress bar goes to stderr when it is a
 * terminal and the run is longer than a second. With --expect the run fails
 * when the trajectory hash differs (ctest bench.fleet_ci: a change of what
 * the simulator or the decision computes shows up as a failure); with
 * --expect-order (implies --order-hash) when the callback-order hash differs (ctest
 * bench.fleet_ci_untiled ties the per-HPA hash to the hash measured before
 * the tiling change).
 *
 * The fleet runs with a 15 s tick, kubelet stats taken at each scrape and
 * no timeline (HPA_SIM_NO_TIMELINE); every decision is still the decision
 * module's, with the HPA's history (the prepared form's lean variant on the
 * pods as a table, hpa_decide() for what it declines). Since the
 * tiling change the fleet runs with HPA_SIM_TILED (blocks of HPAs over the
 * whole day, see hpa/simulate.h); --untiled runs the fleet period by period
 * as before (the same trajectories; ctest bench.fleet_tiling checks that
 * both give the same hash).
 */
#define _GNU_SOURCE /* sched_setaffinity(), sched_getcpu() */
#include <sched.h>
#include <hpa/hpa.h>
#include <hpa/decide.h>
#include <hpa/simulate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	uint64_t hash;         /* all decisions in callback order */
	uint64_t *hpa_hash;    /* per HPA, its decisions in time order */
	uint64_t decisions, total, rescales;
	uint64_t replica_sum;
	int32_t replica_max;
	double t0;
	double next_check;
	bool bar;
	bool bar_shown;
	bool order_hash;
	uint64_t next_decision_check;
} bench_state;

/* CPU time of this process (the single-core cost, even on a busy machine) */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* wall-clock time, for the progress bar */
static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Baseline: a fixed loop of the simulator's kind of work (a dependent
 * floating-point chain with a division, integer mixing and table loads),
 * timed in rounds before and after the run. Its best round says how fast
 * this core was during the run; the run's time divided by it is comparable
 * across runs on a busy and a quiet machine. Returns ns per step. */
#define BASE_STEPS 10000000
static volatile double base_sink;
static double baseline_round(void)
{
	static double tab[256];
	double x = 1.0, c0 = cpu_s();
	uint64_t h = 0x9e3779b97f4a7c15u;
	if (tab[1] == 0.0)
		for (int i = 0; i < 256; i++)
			tab[i] = 1.0 + (double)i / 256.0;
	for (long i = 0; i < BASE_STEPS; i++) {
		h ^= h >> 29;
		h *= 0xbf58476d1ce4e5b9u;
		x = x * 0.999 + tab[h & 255] / (1.0 + (double)(i & 1023));
	}
	base_sink = x + (double)(h & 1);
	return (cpu_s() - c0) * 1e9 / BASE_STEPS;
}

/* A second baseline for the core's throughput: two hash streams and four
 * floating-point chains that do not wait on each other, with table loads
 * (32 KB, in L1), a division and a conversion per step. On this project's
 * virtual machine the fleet's time moves with the host's load on the
 * other hardware thread of the core (up to 1.6x), which the one dependent
 * chain above does not see (its best round moves by 3 %) and this one
 * does (about 1.3x in the same runs): its ratio tells a slow core from
 * slow code. Returns ns per step. */
static double baseline_tp_round(void)
{
	static double tab[4096];
	double x = 1.0, y = 1.0, z = 1.0, w = 1.0, c0 = cpu_s();
	uint64_t h = 1, g = 2;
	if (tab[1] == 0.0)
		for (int i = 0; i < 4096; i++)
			tab[i] = 1.0 + (double)i / 4096.0;
	for (long i = 0; i < BASE_STEPS; i++) {
		h ^= h >> 29;
		h *= 0xbf58476d1ce4e5b9u;
		g ^= g >> 31;
		g *= 0x94d049bb133111ebu;
		x = x * 0.999 + tab[h & 4095];
		y = y * 0.998 + tab[g & 4095];
		z = z + (double)(i & 1023) / (1.0 + tab[(h >> 12) & 4095]);
		w = w * 0.9 + (double)(int64_t)(x + 0.5);
	}
	base_sink = x + y + z + w + (double)((h + g) & 1);
	return (cpu_s() - c0) * 1e9 / BASE_STEPS;
}

static double baseline_best(int rounds, double (*round_fn)(void))
{
	double best = 0.0;
	for (int r = 0; r < rounds; r++) {
		double v = round_fn();
		if (best <= 0.0 || v < best)
			best = v;
	}
	return best;
}

/* FNV-1a over 64-bit words (byte order independent of the machine) */
#define FNV_PRIME UINT64_C(0x100000001b3)
static inline uint64_t fnv64(uint64_t h, uint64_t v)
{
	if (v >> 32) {
		for (int i = 0; i < 8; i++)
			h = (h ^ ((v >> (8 * i)) & 0xff)) * FNV_PRIME;
		return h;
	}
	/* replicas and the times of a day fit 32 bits: four bytes written out
	 * (the default build compiles this file at -O2, which does not unroll),
	 * then the four zero bytes, which only multiply, at once: by the
	 * prime's fourth power modulo 2^64 */
	h = (h ^ (v & 0xff)) * FNV_PRIME;
	h = (h ^ ((v >> 8) & 0xff)) * FNV_PRIME;
	h = (h ^ ((v >> 16) & 0xff)) * FNV_PRIME;
	h = (h ^ (v >> 24)) * FNV_PRIME;
	return h * UINT64_C(0x9ffaac085635bc91);
}

static void progress(bench_state *st, bool final)
{
	double el = now_s() - st->t0;
	int width = 40, done;
	double frac = st->total ? (double)st->decisions / (double)st->total : 1.0;
	if (!st->bar || (!final && el < 1.0))
		return;
	done = (int)(frac * width);
	fprintf(stderr, "\r[");
	for (int i = 0; i < width; i++)
		fputc(i < done ? '#' : ' ', stderr);
	fprintf(stderr, "] %3d%%  %.1f M decisions  %.1f s", (int)(frac * 100.0), (double)st->decisions / 1e6, el);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
	st->bar_shown = true;
}

static void on_sync(const hpa_sim_sync_info *info, void *payload)
{
	bench_state *st = payload;
	int32_t d = info->desired;
	/* (HPA, time, replicas) of every decision, in decision order */
	if (st->order_hash) {
		st->hash = fnv64(st->hash, ((uint64_t)info->hpa << 32) | (uint32_t)d);
		st->hash = fnv64(st->hash, (uint64_t)info->time_ms);
	}
	st->hpa_hash[info->hpa] = fnv64(fnv64(st->hpa_hash[info->hpa], (uint32_t)d), (uint64_t)info->time_ms);
	st->decisions++;
	st->replica_sum += (uint64_t)d;
	if (d > st->replica_max)
		st->replica_max = d;
	if (d != info->replicas)
		st->rescales++;
	if (st->decisions >= st->next_decision_check) {
		st->next_decision_check = st->decisions + 200000;
		progress(st, false);
	}
}

/* the bench's own PRNG (splitmix64) for the fleet's shape */
static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static int add_member(hpa_sim *sim, size_t i, uint64_t *rs, hpa_error *err)
{
	char name[32], hname[40], spec[160];
	hpa_sim_deployment d;
	hpa_sim_service svc;
	hpa_autoscaler *a = NULL;
	hpa_metric_spec *m;
	hpa_metric_target *t;
	hpa_sim_load *load = NULL;
	size_t di;
	int rc;
	unsigned mean = 20 + (unsigned)(mix(rs) % 200);      /* requests/s at the daily mean */
	unsigned bursts = 1 + (unsigned)(mix(rs) % 4);
	bool jvm = (mix(rs) % 4) == 0;                       /* a quarter are JVM services */
	snprintf(name, sizeof(name), "svc-%05zu", i);
	snprintf(hname, sizeof(hname), "svc-%05zu-hpa", i);
	hpa_sim_deployment_init(&d, HPA_SIM_DEPLOYMENT_VERSION);
	d.name = name;
	d.replicas = 2;
	d.cpu_request_milli = 250;
	d.cpu_limit_milli = 1000;
	d.memory_request_bytes = INT64_C(256) << 20;
	d.memory_limit_bytes = INT64_C(1024) << 20;
	hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
	if ((rc = hpa_sim_service_parse(&svc, jvm ? "springboot,cost=10m,mem=200Mi" : "go", err)))
		return rc;
	if ((rc = hpa_sim_add_deployment(sim, &d, &svc, &di, err)))
		return rc;
	if ((rc = hpa_autoscaler_new(&a, hname, err)))
		return rc;
	if ((rc = hpa_autoscaler_set_scale_target_ref_api_version(a, "apps/v1", err)) ||
		(rc = hpa_autoscaler_set_scale_target_ref_kind(a, "Deployment", err)) ||
		(rc = hpa_autoscaler_set_scale_target_ref_name(a, name, err)) ||
		(rc = hpa_autoscaler_set_min_replicas(a, 2, err)) ||
		(rc = hpa_autoscaler_set_max_replicas(a, 20, err)) ||
		(rc = hpa_autoscaler_metrics_append(a, &m, err)) ||
		(rc = hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_RESOURCE, err)) ||
		(rc = hpa_metric_spec_set_resource_name(m, "cpu", err)) ||
		(rc = hpa_metric_spec_resource_target_mut(m, &t, err)) ||
		(rc = hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_UTILIZATION, err)) ||
		(rc = hpa_metric_target_set_average_utilization(t, 60, err)) ||
		(rc = hpa_autoscaler_metrics_append(a, &m, err)) ||
		(rc = hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_RESOURCE, err)) ||
		(rc = hpa_metric_spec_set_resource_name(m, "memory", err)) ||
		(rc = hpa_metric_spec_resource_target_mut(m, &t, err)) ||
		(rc = hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE, err)) ||
		(rc = hpa_metric_target_set_average_value(t, "400Mi", err)) ||
		(rc = hpa_sim_add_hpa(sim, a, di, NULL, err))) {
		hpa_autoscaler_free(a);
		return rc;
	}
	hpa_autoscaler_free(a);
	snprintf(spec, sizeof(spec), "diurnal %u amp=0.7 bursts=%u factor=3 burst=20m", mean, bursts);
	if ((rc = hpa_sim_load_parse(&load, spec, err)))
		return rc;
	rc = hpa_sim_set_load(sim, di, load, err);
	hpa_sim_load_free(load);
	return rc;
}

int main(int argc, char **argv)
{
	size_t hpas = 10000;
	double hours = 24.0;
	uint64_t seed = 42, rs;
	bool quiet = false, expect = false, tiled = true, no_baseline = false;
	uint64_t fleet_hash;
	uint64_t expected = 0, expected_order = 0;
	bool expect_order = false, order_hash = false;
	long pin = -1;
	int cpu_begin, cpu_end;
	hpa_sim_options o;
	hpa_decide_options dopts;
	hpa_sim *sim = NULL;
	hpa_error err = HPA_ERROR_INIT;
	bench_state st;
	double t_setup, t_run, c0, w_run, base_before, base_after, base, tp_before, tp_after, tp;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--hpas") && i + 1 < argc)
			hpas = (size_t)strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--hours") && i + 1 < argc)
			hours = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--ci")) {
			hpas = 1000;
			hours = 1.0;
		} else if (!strcmp(argv[i], "--quiet")) {
			quiet = true;
		} else if (!strcmp(argv[i], "--order-hash")) {
			order_hash = true;
		} else if (!strcmp(argv[i], "--no-baseline")) {
			no_baseline = true;
		} else if (!strcmp(argv[i], "--cpu") && i + 1 < argc) {
			char *end;
			pin = strtol(argv[++i], &end, 10);
			if (*end || pin < 0 || pin >= CPU_SETSIZE) {
				fprintf(stderr, "bench_fleet: --cpu: not a CPU number: %s\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--untiled")) {
			tiled = false;
		} else if (!strcmp(argv[i], "--expect") && i + 1 < argc) {
			expect = true;
			expected = strtoull(argv[++i], NULL, 16);
		} else if (!strcmp(argv[i], "--expect-order") && i + 1 < argc) {
			expect_order = order_hash = true;
			expected_order = strtoull(argv[++i], NULL, 16);
		} else {
			fprintf(stderr, "usage: %s [--hpas N] [--hours H] [--seed S] [--ci] [--quiet] [--untiled] [--expect HASH] "
				"[--order-hash] [--expect-order HASH] [--no-baseline] [--cpu N]\n",
				argv[0]);
			return 2;
		}
	}
	if (hpas == 0 || hours <= 0) {
		fprintf(stderr, "bench_fleet: --hpas and --hours must be positive\n");
		return 2;
	}
	if (pin >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET((int)pin, &set);
		if (sched_setaffinity(0, sizeof(set), &set) != 0) {
			perror("bench_fleet: --cpu");
			return 2;
		}
	}
	memset(&st, 0, sizeof(st));
	st.hash = UINT64_C(0xcbf29ce484222325);
	st.bar = !quiet && isatty(2);
	st.order_hash = order_hash;
	st.hpa_hash = malloc(hpas * sizeof(*st.hpa_hash));
	if (!st.hpa_hash) {
		fprintf(stderr, "bench_fleet: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < hpas; i++)
		st.hpa_hash[i] = UINT64_C(0xcbf29ce484222325);
	hpa_decide_options_init(&dopts, HPA_DECIDE_OPTIONS_VERSION);
	dopts.no_text = true;
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.flags = HPA_SIM_NO_TIMELINE | (tiled ? HPA_SIM_TILED : 0);
	o.seed = seed;
	o.duration_ms = (int64_t)(hours * 3600000.0);
	o.tick_ms = 15000;
	o.sync_period_ms = 15000;
	o.metric_resolution_ms = 15000;
	o.kubelet_interval_ms = 0;
	o.decide_options = &dopts;
	o.on_sync = on_sync;
	o.payload = &st;
	st.t0 = now_s();
	c0 = cpu_s();
	if (hpa_sim_new(&sim, &o, &err))
		goto fail;
	rs = seed;
	for (size_t i = 0; i < hpas; i++)
		if (add_member(sim, i, &rs, &err))
			goto fail;
	/* decisions: one per HPA at each sync in [0, duration] */
	st.total = (uint64_t)hpas * (uint64_t)(o.duration_ms / o.sync_period_ms);
	st.next_decision_check = 200000;
	t_setup = cpu_s() - c0;
	base_before = no_baseline ? 0.0 : baseline_best(5, baseline_round);
	tp_before = no_baseline ? 0.0 : baseline_best(5, baseline_tp_round);
	st.t0 = now_s();
	cpu_begin = sched_getcpu();
	c0 = cpu_s();
	if (hpa_sim_run(sim, &err))
		goto fail;
	t_run = cpu_s() - c0;
	cpu_end = sched_getcpu();
	w_run = now_s() - st.t0;
	base_after = no_baseline ? 0.0 : baseline_best(5, baseline_round);
	tp_after = no_baseline ? 0.0 : baseline_best(5, baseline_tp_round);
	base = base_before < base_after ? base_before : base_after;
	tp = tp_before < tp_after ? tp_before : tp_after;
	if (st.bar_shown)
		progress(&st, true);
	fleet_hash = UINT64_C(0xcbf29ce484222325);
	for (size_t i = 0; i < hpas; i++)
		fleet_hash = fnv64(fleet_hash, st.hpa_hash[i]);
	printf("fleet:       %zu HPAs x %.2f h, sync 15 s, 2 metrics each (cpu 60%%, memory 400Mi avg), seed %llu, %s\n",
		hpas, hours, (unsigned long long)seed, tiled ? "tiled (HPA_SIM_TILED)" : "untiled");
	printf("decisions:   %llu (%llu rescales, mean replicas %.2f, max %d)\n", (unsigned long long)st.decisions,
		(unsigned long long)st.rescales, st.decisions ? (double)st.replica_sum / (double)st.decisions : 0.0,
		st.replica_max);
	printf("time:        %.3f s CPU on one core (wall %.3f s; setup %.3f s CPU)\n", t_run, w_run, t_setup);
	if (pin >= 0)
		printf("cpu:         pinned to CPU %ld\n", pin);
	else
		printf("cpu:         not pinned (on CPU %d at the start of the run, %d at its end; --cpu N pins)\n", cpu_begin,
			cpu_end);
	printf("throughput:  %.2f M decisions/s (simulation included), %.0f ns per HPA sync\n",
		(double)st.decisions / t_run / 1e6, st.decisions ? t_run * 1e9 / (double)st.decisions : 0.0);
	if (!no_baseline) {
		printf("baseline:    %.3f ns per step (best of 10 rounds of %d steps, before and after the run: %.3f / %.3f)\n",
			base, BASE_STEPS, base_before, base_after);
		printf("baseline-tp: %.3f ns per step (throughput: independent chains; best of 10 rounds, before and after the "
			"run: %.3f / %.3f)\n", tp, tp_before, tp_after);
		printf("ratio:       %.0f baseline steps per HPA sync; the run = %.2f G baseline steps\n",
			st.decisions ? t_run * 1e9 / (double)st.decisions / base : 0.0, t_run * 1e9 / base / 1e9);
		printf("ratio-tp:    %.0f throughput steps per HPA sync; the run = %.2f G throughput steps\n",
			st.decisions ? t_run * 1e9 / (double)st.decisions / tp : 0.0, t_run * 1e9 / tp / 1e9);
	}
	if (order_hash)
		printf("trajectory:  %016llx (per HPA; callback order: %016llx)\n", (unsigned long long)fleet_hash,
			(unsigned long long)st.hash);
	else
		printf("trajectory:  %016llx (per HPA)\n", (unsigned long long)fleet_hash);
	hpa_sim_free(sim);
	free(st.hpa_hash);
	if (expect && fleet_hash != expected) {
		fprintf(stderr, "bench_fleet: trajectory %016llx, expected %016llx\n", (unsigned long long)fleet_hash,
			(unsigned long long)expected);
		return 1;
	}
	if (expect_order && st.hash != expected_order) {
		fprintf(stderr, "bench_fleet: callback-order trajectory %016llx, expected %016llx\n",
			(unsigned long long)st.hash, (unsigned long long)expected_order);
		return 1;
	}
	return 0;
fail:
	if (st.bar_shown)
		fputc('\n', stderr);
	{
		char buf[512];
		hpa_error_format(&err, buf, sizeof(buf));
		fprintf(stderr, "bench_fleet: %s\n", buf);
	}
	hpa_sim_free(sim);
	free(st.hpa_hash);
	return 1;
}
