/*
 * bench/bench_decide.c -- decisions per second of hpa_decide() for a
 * 2-metric (cpu Utilization + memory AverageValue), 10-pod HPA with the
 * default behavior and a 20-entry history, next to a baseline loop that only
 * sums the same samples, in one run.
 *
 *   bench_decide [iterations [rounds]]      (default 1,000,000 x 5 rounds)
 *   bench_decide ITER profile|profile-text  (one loop only, for callgrind)
 *   bench_decide ... --allow-unoptimized    (report even from a -O0 build)
 *
 * Each configuration runs `rounds` rounds of `iterations` decisions; the
 * best round is reported (process CPU time: on a shared machine the other
 * processes do not count) with the median next to it. Configurations:
 *   text      default options: condition messages and the event reason formatted
 *   no_text   options.no_text: numbers only (what a simulator uses)
 *   lazy      no_text, then hpa_decision_format_conditions() on the result
 *   prepared  hpa_decide_prepared_run() with a form prepared once from the
 *             same input (text and no_text): the spec is checked once
 * Exit status: 0, 1 on an API failure, 2 on bad arguments or an
 * unoptimised build without --allow-unoptimized.
 */
#include <hpa/hpa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NPODS 10
#define MAX_ROUNDS 50

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
/* the same pods as columns (a pod table) */
static int64_t col_start[NPODS], col_ready[NPODS], col_ts[NPODS], col_win[NPODS];
static int64_t col_cpu[NPODS], col_mem[NPODS], col_qcpu[NPODS], col_qmem[NPODS];
static hpa_decide_pod_table table;

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
		col_start[i] = pods[i].start_time_ms;
		col_ready[i] = pods[i].ready_transition_ms;
		col_ts[i] = usage[i].timestamp_ms;
		col_win[i] = usage[i].window_ms;
		col_cpu[i] = cusage[i].usage_milli[HPA_RESOURCE_CPU];
		col_mem[i] = cusage[i].usage_milli[HPA_RESOURCE_MEMORY];
		col_qcpu[i] = containers[i].requests_milli[HPA_RESOURCE_CPU];
		col_qmem[i] = containers[i].requests_milli[HPA_RESOURCE_MEMORY];
	}
	table.n = NPODS;
	table.container = "app";
	table.start_time_ms = col_start;
	table.ready_transition_ms = col_ready;
	table.sample_time_ms = col_ts;
	table.sample_window_ms = col_win;
	table.usage_milli[HPA_RESOURCE_CPU] = col_cpu;
	table.usage_milli[HPA_RESOURCE_MEMORY] = col_mem;
	table.requests_milli[HPA_RESOURCE_CPU] = col_qcpu;
	table.requests_milli[HPA_RESOURCE_MEMORY] = col_qmem;
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

enum { CONF_BASE, CONF_TEXT, CONF_NOTEXT, CONF_LAZY, CONF_PREP_TEXT, CONF_PREP_NOTEXT, CONF_TABLE_NOTEXT,
	CONF_TABLE_PREP, N_CONF };

static const char *const conf_names[N_CONF] = {
	"baseline (sum only)",
	"hpa_decide [text]",
	"hpa_decide [no_text]",
	"hpa_decide [lazy]",
	"hpa_decide [prep text]",
	"hpa_decide [prep no_text]",
	"hpa_decide [table no_text]",
	"hpa_decide [table prep]",
};
static const char *const conf_desc[N_CONF] = {
	"reads and sums the 20 samples",
	"default options: messages and the event reason formatted",
	"options.no_text: numbers only",
	"no_text, then hpa_decision_format_conditions()",
	"hpa_decide_prepared_run(), default options",
	"hpa_decide_prepared_run(), options.no_text",
	"the pods as a pod table (columns), options.no_text",
	"pod table + hpa_decide_prepared_run(), options.no_text",
};

typedef struct {
	hpa_decide_input in, tin;
	const hpa_history *h;
	hpa_decide_options text, notext;
	hpa_decision *d;
	hpa_decide_prepared *prep_text, *prep_notext;
} ctx;

static volatile int64_t sink;

/* One round of `iters` iterations of configuration k; returns ns/iteration. */
static double run(const ctx *x, int k, long iters)
{
	double t = now_s();
	long i;
	int64_t s = 0;
	for (i = 0; i < iters; i++) {
		/* the input changes every iteration, as it would between syncs */
		cusage[i % NPODS].usage_milli[HPA_RESOURCE_CPU] ^= (i & 1);
		switch (k) {
		case CONF_BASE:
			s += baseline();
			break;
		case CONF_TEXT:
			hpa_decide(x->d, &x->in, x->h, &x->text, NULL);
			s += x->d->desired_replicas + x->d->conditions[0].message[4];
			break;
		case CONF_NOTEXT:
			hpa_decide(x->d, &x->in, x->h, &x->notext, NULL);
			s += x->d->desired_replicas;
			break;
		case CONF_PREP_TEXT:
			hpa_decide_prepared_run(x->prep_text, x->d, &x->in, x->h, NULL);
			s += x->d->desired_replicas + x->d->conditions[0].message[4];
			break;
		case CONF_PREP_NOTEXT:
			hpa_decide_prepared_run(x->prep_notext, x->d, &x->in, x->h, NULL);
			s += x->d->desired_replicas;
			break;
		case CONF_TABLE_NOTEXT:
			col_cpu[i % NPODS] ^= (i & 1);
			hpa_decide(x->d, &x->tin, x->h, &x->notext, NULL);
			s += x->d->desired_replicas;
			break;
		case CONF_TABLE_PREP:
			col_cpu[i % NPODS] ^= (i & 1);
			hpa_decide_prepared_run(x->prep_notext, x->d, &x->tin, x->h, NULL);
			s += x->d->desired_replicas;
			break;
		default:
			hpa_decide(x->d, &x->in, x->h, &x->notext, NULL);
			hpa_decision_format_conditions(x->d, &x->in, &x->notext, NULL);
			s += x->d->desired_replicas + x->d->conditions[0].message[4];
			break;
		}
	}
	sink += s;
	return (now_s() - t) * 1e9 / (double)iters;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The lazy texts must be the texts the decision formats itself. */
static int check_lazy(const ctx *x)
{
	hpa_decision *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	size_t i;
	int bad = 0;
	if (!a || !b) {
		free(a);
		free(b);
		return 1;
	}
	if (hpa_decide(a, &x->in, x->h, &x->text, NULL) || hpa_decide(b, &x->in, x->h, &x->notext, NULL) ||
	    hpa_decision_format_conditions(b, &x->in, &x->notext, NULL))
		bad = 1;
	for (i = 0; !bad && i < a->n_conditions; i++)
		bad = strcmp(a->conditions[i].message, b->conditions[i].message) != 0;
	if (!bad)
		bad = a->n_conditions != b->n_conditions || strcmp(a->rescale_reason, b->rescale_reason) != 0;
	if (bad)
		fprintf(stderr, "bench_decide: the lazily formatted texts differ from the decision's own\n");
	free(a);
	free(b);
	return bad;
}

/* Two decisions agree: counts, reasons and texts, metric proposals. */
static int differ(const hpa_decision *a, const hpa_decision *b)
{
	size_t i;
	int bad = a->desired_replicas != b->desired_replicas || a->n_conditions != b->n_conditions ||
		  a->metric_replicas != b->metric_replicas || strcmp(a->rescale_reason, b->rescale_reason) != 0;
	for (i = 0; !bad && i < a->n_conditions; i++)
		bad = strcmp(a->conditions[i].message, b->conditions[i].message) != 0 ||
		      strcmp(a->conditions[i].reason, b->conditions[i].reason) != 0;
	for (i = 0; !bad && i < a->n_metrics; i++)
		bad = a->metrics[i].replicas != b->metrics[i].replicas ||
		      a->metrics[i].average_value_milli != b->metrics[i].average_value_milli;
	return bad;
}

/* The prepared form must give hpa_decide()'s decision, and the pod table
 * the pods' decision, texts included (k: 0, 1 prepared text / no_text, 2
 * the table). */
static int check_forms(const ctx *x)
{
	hpa_decision *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	int bad = 0, k;
	if (!a || !b) {
		free(a);
		free(b);
		return 1;
	}
	for (k = 0; k < 3 && !bad; k++) {
		const hpa_decide_options *o = k == 1 ? &x->notext : &x->text;
		if (hpa_decide(a, &x->in, x->h, o, NULL) ||
		    (k < 2 ? hpa_decide_prepared_run(k ? x->prep_notext : x->prep_text, b, &x->in, x->h, NULL)
			   : hpa_decide(b, &x->tin, x->h, o, NULL)))
			bad = 1;
		if (!bad && differ(a, b)) {
			bad = 1;
			fprintf(stderr, "bench_decide: %s\n", k < 2 ? "the prepared form's decision differs from hpa_decide()'s"
				: "the pod table's decision differs from the pods' one");
		}
	}
	free(a);
	free(b);
	return bad;
}

int main(int argc, char **argv)
{
	long iters = 1000000L;
	int rounds = 5, k, r, profile = -1, allow_unopt = 0, pos = 0, optimized = 1;
	int64_t t0 = INT64_C(1700000000000);
	hpa_decide_metric metrics[2];
	hpa_decide_behavior behavior;
	hpa_history *h = NULL;
	hpa_error err = HPA_ERROR_INIT;
	double ns[N_CONF][MAX_ROUNDS], best[N_CONF], median[N_CONF];
	ctx x;

#ifndef __OPTIMIZE__
	optimized = 0;
#endif
	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--allow-unoptimized") == 0)
			allow_unopt = 1;
		else if (strcmp(argv[k], "profile") == 0)
			profile = CONF_NOTEXT;
		else if (strcmp(argv[k], "profile-text") == 0)
			profile = CONF_TEXT;
		else if (strcmp(argv[k], "profile-lazy") == 0)
			profile = CONF_LAZY;
		else if (strcmp(argv[k], "profile-prepared") == 0)
			profile = CONF_PREP_NOTEXT;
		else if (strcmp(argv[k], "profile-table") == 0)
			profile = CONF_TABLE_PREP;
		else if (pos == 0 && atol(argv[k]) > 0)
			iters = atol(argv[k]), pos++;
		else if (pos == 1 && atoi(argv[k]) > 0 && atoi(argv[k]) <= MAX_ROUNDS)
			rounds = atoi(argv[k]), pos++;
		else {
			fprintf(stderr, "usage: bench_decide [iterations [rounds]] [profile|profile-text|profile-lazy|profile-prepared|profile-table] "
					"[--allow-unoptimized]\n");
			return 2;
		}
	}
	if (!optimized) {
		fprintf(stderr,
			"**********************************************************************\n"
			"* bench_decide was compiled WITHOUT optimisation: its numbers mean   *\n"
			"* nothing. Configure with -DCMAKE_BUILD_TYPE=Release (or             *\n"
			"* RelWithDebInfo) and rebuild.                                       *\n"
			"**********************************************************************\n");
		if (!allow_unopt && profile < 0) {
			fprintf(stderr, "bench_decide: refusing to report (--allow-unoptimized to run anyway)\n");
			return 2;
		}
	}

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

	memset(&x, 0, sizeof(x));
	hpa_decide_input_init(&x.in, HPA_DECIDE_INPUT_VERSION);
	x.in.has_min_replicas = true;
	x.in.min_replicas = 2;
	x.in.max_replicas = 50;
	x.in.metrics = metrics;
	x.in.n_metrics = 2;
	x.in.behavior = &behavior;
	x.in.spec_replicas = NPODS;
	x.in.status_replicas = NPODS;
	x.in.pods = pods;
	x.in.n_pods = NPODS;
	x.in.now_ms = t0;
	x.tin = x.in;
	x.tin.pods = NULL;
	x.tin.n_pods = 0;
	x.tin.pod_table = &table;
	hpa_decide_options_init(&x.text, HPA_DECIDE_OPTIONS_VERSION);
	x.notext = x.text;
	x.notext.no_text = true;
	x.d = malloc(sizeof(*x.d));
	if (!x.d)
		return 1;

	/* 20-entry history: recommendations every 15 s, a few scale events */
	if (hpa_history_new(&h, 64, &err)) {
		fprintf(stderr, "%s\n", err.message);
		return 1;
	}
	for (k = 0; k < 20; k++)
		hpa_history_add_recommendation(h, NPODS + (k % 3), t0 - (20 - k) * 15000, NULL);
	hpa_history_add_event(h, HPA_SCALE_UP, 2, t0 - 200000, false, NULL);
	hpa_history_add_event(h, HPA_SCALE_DOWN, 1, t0 - 100000, false, NULL);
	x.h = h;

	if (hpa_decide(x.d, &x.in, h, &x.text, &err)) {
		fprintf(stderr, "hpa_decide: %s\n", err.message);
		return 1;
	}
	if (check_lazy(&x))
		return 1;
	if (hpa_decide_prepare(&x.prep_text, &x.in, &x.text, &err) ||
	    hpa_decide_prepare(&x.prep_notext, &x.in, &x.notext, &err)) {
		fprintf(stderr, "hpa_decide_prepare: %s\n", err.message);
		return 1;
	}
	if (check_forms(&x))
		return 1;

	if (profile >= 0) {
		run(&x, profile, iters);
		hpa_history_free(h);
		hpa_decide_prepared_free(x.prep_text);
		hpa_decide_prepared_free(x.prep_notext);
		free(x.d);
		return 0;
	}

	printf("decision: desired %d (%s), cpu %d%%, memory avg %lld milli-bytes\n", (int)x.d->desired_replicas,
		hpa_decide_limit_name(x.d->limit_reason), (int)x.d->metrics[0].average_utilization,
		(long long)x.d->metrics[1].average_value_milli);
	printf("HPA: 2 metrics (cpu Utilization, memory AverageValue), %d pods, default behavior, "
		"20-entry history%s\n", NPODS, optimized ? "" : "   ** UNOPTIMISED BUILD **");
	printf("%ld iterations x %d rounds per configuration, process CPU time, best round (median)\n", iters, rounds);
	for (k = 0; k < N_CONF; k++)
		run(&x, k, iters / 10 + 1); /* warm-up */
	/* rounds interleave the configurations so that a slow phase of the
	 * machine hits all of them alike */
	for (r = 0; r < rounds; r++)
		for (k = 0; k < N_CONF; k++)
			ns[k][r] = run(&x, k, iters);
	for (k = 0; k < N_CONF; k++) {
		qsort(ns[k], (size_t)rounds, sizeof(double), cmp_double);
		best[k] = ns[k][0];
		median[k] = ns[k][rounds / 2];
	}
	for (k = 0; k < N_CONF; k++) {
		printf("%-25s %7.1f ns (%7.1f) %12.0f /s", conf_names[k], best[k], median[k], 1e9 / best[k]);
		if (k != CONF_BASE)
			printf("   %5.1fx baseline", best[k] / best[CONF_BASE]);
		printf("   %s\n", conf_desc[k]);
	}
	for (k = CONF_TEXT; k < N_CONF; k++)
		printf("target >= 10,000,000 decisions/s (<= 100 ns) %-15s %s\n", conf_names[k] + 11,
			1e9 / best[k] >= 1e7 ? "met" : "NOT met");
	if (!optimized)
		printf("** UNOPTIMISED BUILD: these numbers are not representative **\n");
	hpa_history_free(h);
	hpa_decide_prepared_free(x.prep_text);
	hpa_decide_prepared_free(x.prep_notext);
	free(x.d);
	return 0;
}
