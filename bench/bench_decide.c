/*
 * bench/bench_decide.c -- decisions per second of hpa_decide() for a
 * 2-metric (cpu Utilization + memory AverageValue), 10-pod HPA with the
 * default behavior and a 20-entry history, next to a baseline loop that only
 * sums the same samples, in one run.
 *
 *   bench_decide [iterations] [profile]   (default 5,000,000 iterations)
 *
 * With a second argument only the no_text decision loop runs (for
 * valgrind --tool=callgrind instruction counts).
 */
#include <hpa/hpa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NPODS 10

/* CPU time of this process: on a shared machine wall time also counts the
 * time other processes run; the single-core cost is the CPU time. */
static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static hpa_decide_container containers[NPODS];
static hpa_container_usage cusage[NPODS];
static hpa_pod_usage usage[NPODS];
static hpa_decide_pod pods[NPODS];
static char names[NPODS][16];

static void setup_pods(int64_t t0)
{
	int i;
	for (i = 0; i < NPODS; i++) {
		snprintf(names[i], sizeof(names[i]), "web-%d", i);
		containers[i].name = "app";
		containers[i].kind = HPA_CONTAINER_APP;
		containers[i].requests_set = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU) | HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);
		containers[i].requests_milli[HPA_RESOURCE_CPU] = 500;
		containers[i].requests_milli[HPA_RESOURCE_MEMORY] = INT64_C(512) * 1024 * 1024 * 1000;
		cusage[i].name = "app";
		cusage[i].usage_set = containers[i].requests_set;
		cusage[i].usage_milli[HPA_RESOURCE_CPU] = 300 + 10 * i;
		cusage[i].usage_milli[HPA_RESOURCE_MEMORY] = INT64_C(300) * 1024 * 1024 * 1000;
		usage[i].pod = names[i];
		usage[i].timestamp_ms = t0 - 5000;
		usage[i].window_ms = 30000;
		usage[i].containers = &cusage[i];
		usage[i].n_containers = 1;
		pods[i].name = names[i];
		pods[i].phase = HPA_PHASE_RUNNING;
		pods[i].ready = HPA_COND_TRUE;
		pods[i].ready_transition_ms = t0 - 3600000;
		pods[i].has_start_time = true;
		pods[i].start_time_ms = t0 - 3600000;
		pods[i].containers = &containers[i];
		pods[i].n_containers = 1;
		pods[i].usage = &usage[i];
	}
}

/* Baseline: read the same samples the decision reads (cpu and memory of
 * every pod) and sum them. */
static int64_t baseline(void)
{
	int64_t s = 0;
	int i;
	for (i = 0; i < NPODS; i++) {
		const hpa_container_usage *c = pods[i].usage->containers;
		s += c->usage_milli[HPA_RESOURCE_CPU] + c->usage_milli[HPA_RESOURCE_MEMORY] / 1000;
	}
	return s;
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 5000000L;
	int64_t t0 = INT64_C(1700000000000);
	hpa_decide_metric metrics[2];
	hpa_decide_behavior behavior;
	hpa_decide_input in;
	hpa_decide_options opts, opts_notext;
	hpa_history *h = NULL;
	hpa_decision *d = malloc(sizeof(*d));
	hpa_error err = HPA_ERROR_INIT;
	volatile int64_t sink = 0;
	double t, base_ns, dec_ns, dec_nt_ns;
	long i;
	int k;

	if (!d || iters <= 0)
		return 2;
#ifndef __OPTIMIZE__
	printf("warning: built without optimization; configure with -DCMAKE_BUILD_TYPE=Release\n");
#endif
	setup_pods(t0);
	memset(metrics, 0, sizeof(metrics));
	metrics[0].type = HPA_SOURCE_RESOURCE;
	metrics[0].resource = HPA_RESOURCE_CPU;
	metrics[0].target_type = HPA_TARGET_UTILIZATION;
	metrics[0].has_average_utilization = true;
	metrics[0].average_utilization = 60;
	metrics[1].type = HPA_SOURCE_RESOURCE;
	metrics[1].resource = HPA_RESOURCE_MEMORY;
	metrics[1].target_type = HPA_TARGET_AVERAGE_VALUE;
	metrics[1].has_average_value = true;
	metrics[1].average_value_milli = INT64_C(400) * 1024 * 1024 * 1000;
	metrics[1].average_value_format = HPA_QFMT_BINARY_SI;
	memset(&behavior, 0, sizeof(behavior)); /* API defaults for both directions */

	hpa_decide_input_init(&in, HPA_DECIDE_INPUT_VERSION);
	in.has_min_replicas = true;
	in.min_replicas = 2;
	in.max_replicas = 50;
	in.metrics = metrics;
	in.n_metrics = 2;
	in.behavior = &behavior;
	in.spec_replicas = NPODS;
	in.status_replicas = NPODS;
	in.pods = pods;
	in.n_pods = NPODS;
	in.now_ms = t0;
	hpa_decide_options_init(&opts, HPA_DECIDE_OPTIONS_VERSION);
	opts_notext = opts;
	opts_notext.no_text = true;

	/* 20-entry history: recommendations every 15 s, a few scale events */
	if (hpa_history_new(&h, 64, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	for (k = 0; k < 20; k++)
		hpa_history_add_recommendation(h, NPODS + (k % 3), t0 - (20 - k) * 15000, NULL);
	hpa_history_add_event(h, HPA_SCALE_UP, 2, t0 - 200000, false, NULL);
	hpa_history_add_event(h, HPA_SCALE_DOWN, 1, t0 - 100000, false, NULL);

	if (hpa_decide(d, &in, h, &opts, &err)) {
		fprintf(stderr, "hpa_decide: %s\n", err.message);
		return 1;
	}
	printf("decision: desired %d (%s), cpu %d%%, memory avg %lld milli-bytes\n", (int)d->desired_replicas,
		hpa_decide_limit_name(d->limit_reason), (int)d->metrics[0].average_utilization,
		(long long)d->metrics[1].average_value_milli);

	if (argc > 2) {
		for (i = 0; i < iters; i++) {
			cusage[i % NPODS].usage_milli[HPA_RESOURCE_CPU] ^= (i & 1);
			hpa_decide(d, &in, h, &opts_notext, NULL);
			sink += d->desired_replicas;
		}
		hpa_history_free(h);
		free(d);
		return sink == 42 ? 3 : 0;
	}

	/* baseline */
	t = now_s();
	for (i = 0; i < iters; i++) {
		cusage[i % NPODS].usage_milli[HPA_RESOURCE_CPU] ^= (i & 1);
		sink += baseline();
	}
	base_ns = (now_s() - t) * 1e9 / (double)iters;

	/* decisions, default options (condition messages formatted) */
	t = now_s();
	for (i = 0; i < iters; i++) {
		cusage[i % NPODS].usage_milli[HPA_RESOURCE_CPU] ^= (i & 1);
		hpa_decide(d, &in, h, &opts, NULL);
		sink += d->desired_replicas;
	}
	dec_ns = (now_s() - t) * 1e9 / (double)iters;

	/* decisions without texts (what a simulator uses) */
	t = now_s();
	for (i = 0; i < iters; i++) {
		cusage[i % NPODS].usage_milli[HPA_RESOURCE_CPU] ^= (i & 1);
		hpa_decide(d, &in, h, &opts_notext, NULL);
		sink += d->desired_replicas;
	}
	dec_nt_ns = (now_s() - t) * 1e9 / (double)iters;

	printf("iterations            %ld (process CPU time)\n", iters);
	printf("baseline (sum only)   %8.1f ns/iter   %12.0f iter/s\n", base_ns, 1e9 / base_ns);
	printf("hpa_decide            %8.1f ns/decision %10.0f decisions/s   ratio %.1fx baseline\n", dec_ns,
		1e9 / dec_ns, dec_ns / base_ns);
	printf("hpa_decide (no_text)  %8.1f ns/decision %10.0f decisions/s   ratio %.1fx baseline\n", dec_nt_ns,
		1e9 / dec_nt_ns, dec_nt_ns / base_ns);
	printf("target >= 10,000,000 decisions/s: %s\n", 1e9 / dec_nt_ns >= 1e7 ? "met" : "NOT met");
	hpa_history_free(h);
	free(d);
	return sink == 42 ? 3 : 0;
}
