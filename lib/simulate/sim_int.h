/*
 * lib/simulate/sim_int.h -- private types of the deterministic HPA
 * simulator: PRNG, parsing helpers, load profiles, pods, workloads, the
 * event queue and the simulation itself.
 */
#ifndef HPA_LIB_SIMULATE_INT_H
#define HPA_LIB_SIMULATE_INT_H

#include <math.h>
#include "core/core.h"
#include <hpa/simulate.h>

/* ---- PRNG (rng.c) ------------------------------------------------------ */

typedef struct {
	uint64_t s[4];
} hpa__sim_rng;

uint64_t hpa__sim_splitmix64(uint64_t *state);
void hpa__sim_rng_seed(hpa__sim_rng *r, uint64_t seed);
uint64_t hpa__sim_rng_next(hpa__sim_rng *r);
uint64_t hpa__sim_rng_below(hpa__sim_rng *r, uint64_t n);
double hpa__sim_rng_unit(hpa__sim_rng *r);
int64_t hpa__sim_rng_jitter(hpa__sim_rng *r, int64_t mean_ms, int32_t permille);

/* ---- parsing and formatting (parse.c) ----------------------------------- */

enum {
	HPA__SIM_UNIT_MILLI = 1,   /* CPU quantity -> milli ("25m", "0.5", "2") */
	HPA__SIM_UNIT_BYTES,       /* memory quantity -> bytes ("512Mi", "1G") */
	HPA__SIM_UNIT_DURATION,    /* duration -> ms ("40s", "40S", "10m", "1h30m"; bare = s),
	                            * at most HPA__SIM_MAX_DURATION_MS */
	HPA__SIM_UNIT_PLAIN_MILLI  /* plain decimal -> value * 1000 ("12.5" -> 12500) */
};
int hpa__sim_parse_quantity(const char *s, size_t len, int unit, int64_t *out);
/* The longest duration a spec may give (about 31,700 years): sums of a few
 * such times (a start, a siege -t in minutes, a burst) stay far from
 * INT64_MAX, so the load's arithmetic cannot overflow. */
#define HPA__SIM_MAX_DURATION_MS INT64_C(1000000000000000)
/* ... as the error messages say it (the whole days below it) */
#define HPA__SIM_MAX_DURATION_TEXT "at most 11574074d"
int hpa__sim_parse_int(const char *s, size_t len, int64_t *out);
void hpa__sim_fmt_fixed(char *buf, size_t size, int64_t value, int64_t scale, int decimals);
void hpa__sim_fmt_duration(char *buf, size_t size, int64_t ms);
/* double -> int64 rounded to nearest (ties away from zero), saturating;
 * NaN gives 0. */
static inline int64_t hpa__sim_round(double v)
{
	/* in range (NaN is not): v + 0.5 or v - 0.5 by the sign of v (for
	 * -0.0 that is -0.5, truncated to 0 as 0.5 is), without branches */
#if defined(__GNUC__)
	if (__builtin_expect(fabs(v) < 9.2e18, 1))
#else
	if (fabs(v) < 9.2e18)
#endif
		return (int64_t)(v + copysign(0.5, v));
	if (v != v)
		return 0;
	return v > 0 ? INT64_MAX : INT64_MIN;
}
/* hpa__sim_round() of a value expected to be >= +0.0 (a rate between two
 * points of a non-decreasing counter, a memory size): one unsigned compare
 * of the bits takes +0.0 <= v < 9.2e18, where hpa__sim_round() gives
 * (int64_t)(v + 0.5) too; -0.0, negatives and NaN have bit patterns above
 * the bound's and go to hpa__sim_round(). */
static inline int64_t hpa__sim_round_pos(double v)
{
	uint64_t b;
	memcpy(&b, &v, sizeof(b));
#if defined(__GNUC__)
	if (__builtin_expect(b < UINT64_C(0x43dfeb3dd0676600), 1)) /* the bits of 9.2e18 */
#else
	if (b < UINT64_C(0x43dfeb3dd0676600))
#endif
		return (int64_t)(v + 0.5);
	return hpa__sim_round(v);
}

/* The milli-value of a working set of v >= 0 bytes, rounded as
 * hpa__sim_round_pos() does; INT64_MAX when it does not fit int64 (a pod
 * without a memory limit can grow past any bound: its usage then reads as
 * the largest value the decision can hold). 9223372036854776.0 is the
 * double nearest INT64_MAX / 1000: below it, the rounded value times 1000
 * fits. */
static inline int64_t hpa__sim_mem_milli(double v)
{
	return v < 9223372036854776.0 ? hpa__sim_round_pos(v) * 1000 : INT64_MAX;
}

/* tot + served * exp(x), the tick's count of requests over the latency
 * objective, for tot >= 0 finite, served > 0 finite and x in (-746, 0]:
 * the same double, without exp() when the term cannot change tot. With
 * e = (int)(x log2 e) + 2 > x log2 e + 1 (the product's rounding is far
 * below 1), exp(x) < 2^(e - 1), and served < 2^(es + 1) for a normal
 * served of exponent es; so when es + e <= et - 55 (et: the exponent of a
 * normal tot >= 2^-900) the term, rounded twice, is below 2^(et - 55) and
 * a little, less than half an ulp of tot (2^(et - 52) / 2): the sum rounds
 * to tot. In a fleet most ticks' terms are such (exp(-40) and less against
 * a count already above 1e-30); simticks:add_over checks the shortcut
 * against the definition. */
static inline double hpa__sim_add_over(double tot, double served, double x)
{
	uint64_t bt, bs;
	int et, es;
	memcpy(&bt, &tot, sizeof(bt));
	memcpy(&bs, &served, sizeof(bs));
	et = (int)(bt >> 52) - 1023;
	es = (int)((bs >> 52) & 0x7ff) - 1023;
	if (et >= -900 && et <= 1023 && es >= -1022 && es <= 1023 && !(bs >> 63) &&
		es + (int)(x * 1.4426950408889634) + 2 <= et - 55)
		return tot;
	return tot + served * exp(x);
}

/* ---- load profiles (load.c) -------------------------------------------- */

typedef enum {
	HPA__LOAD_NONE = 1,
	HPA__LOAD_CONSTANT,
	HPA__LOAD_STEP,
	HPA__LOAD_RAMP,
	HPA__LOAD_SINE,
	HPA__LOAD_TRACE,
	HPA__LOAD_DIURNAL,
	HPA__LOAD_SIEGE
} hpa__load_kind;

typedef struct {
	int64_t t_ms;
	double rate; /* requests per second */
} hpa__sim_point;

struct hpa_sim_load {
	int kind;               /* hpa__load_kind */
	int64_t start_ms;       /* nothing before */
	int64_t duration_ms;    /* 0 = until the end of the run */
	double rate;            /* constant, ramp start, sine/diurnal mean */
	double rate2;           /* ramp end */
	double amp;             /* sine amplitude (req/s); diurnal relative amplitude */
	int64_t period_ms;      /* sine/diurnal period; ramp length */
	hpa__sim_point *points; /* step/trace: the value holds until the next point */
	size_t n_points;
	int32_t users;          /* siege -c */
	int64_t delay_ms;       /* siege -d: uniform random delay in [0, d] before each request */
	int64_t reps;           /* siege -r: requests per user, 0 = unbounded */
	int32_t bursts;         /* diurnal: number of bursts */
	double burst_factor;    /* diurnal: rate multiplier inside a burst */
	int64_t burst_ms;       /* diurnal: burst length */
	char *target;           /* siege URL host ("" when none) */
	char *text;             /* the spec as given */
};

/* A burst window placed with the simulation's PRNG. */
typedef struct {
	int64_t from_ms, to_ms;
} hpa__sim_burst;

int hpa__sim_load_copy(hpa_sim_load *dst, const hpa_sim_load *src);
void hpa__sim_load_dispose(hpa_sim_load *l);
/* Offered request rate (req/s) of an open-loop profile at t. */
double hpa__sim_load_rate(const hpa_sim_load *l, const hpa__sim_burst *bursts, size_t n_bursts, int64_t t_ms);
/* A one-entry cache of cos() for diurnal profiles (a fleet's profiles
 * share their period, so all workloads ask for the same value at a tick). */
typedef struct {
	bool has;
	int64_t rel, period; /* the argument: time into the profile, period */
	double c;
} hpa__sim_trig;
/* Whether t is inside the profile's [start, start + duration) window. */
static inline bool hpa__sim_load_in_window(const hpa_sim_load *l, int64_t t_ms)
{
	/* (t - start, not start + duration: no overflow for any start <= t) */
	return t_ms >= l->start_ms && (l->duration_ms <= 0 || t_ms - l->start_ms < l->duration_ms);
}
/* cos() of a diurnal profile at rel (time into it), stored in trig (may be
 * NULL): what the cache holds when it misses. */
double hpa__sim_diurnal_cos(const hpa_sim_load *l, int64_t rel, hpa__sim_trig *trig);
/* A diurnal profile's rate at rel, before bursts and the clamp at 0. */
static inline double hpa__sim_diurnal_rate(const hpa_sim_load *l, int64_t rel, hpa__sim_trig *trig)
{
	double c;
	if (trig && trig->has && trig->rel == rel && trig->period == l->period_ms)
		c = trig->c;
	else
		c = hpa__sim_diurnal_cos(l, rel, trig);
	return l->rate * (1.0 - l->amp * c);
}
/* The same rate as hpa__sim_load_rate(), with the burst state given. */
double hpa__sim_load_rate_given(const hpa_sim_load *l, bool in_burst, int64_t t_ms, hpa__sim_trig *trig);
/* The same, with the diurnal profile (a fleet's usual one) inline. */
static inline double hpa__sim_load_rate_fast(const hpa_sim_load *l, bool in_burst, int64_t t_ms, hpa__sim_trig *trig)
{
	double r;
	if (l->kind != HPA__LOAD_DIURNAL || !hpa__sim_load_in_window(l, t_ms))
		return hpa__sim_load_rate_given(l, in_burst, t_ms, trig);
	r = hpa__sim_diurnal_rate(l, t_ms - l->start_ms, trig);
	if (in_burst)
		r *= l->burst_factor;
	return r < 0.0 ? 0.0 : r;
}
/* Closed-loop users active at t (0 outside the siege window). */
int32_t hpa__sim_load_users(const hpa_sim_load *l, int64_t t_ms);

/* ---- service.c ---------------------------------------------------------- */
int hpa__sim_service_copy(hpa_sim_service *dst, const hpa_sim_service *src, hpa_error *err);
int hpa__sim_deployment_copy(hpa_sim_deployment *dst, const hpa_sim_deployment *src, hpa_error *err);

/* ---- pods and workloads ----------------------------------------------------- */

typedef enum {
	HPA__POD_PENDING = 1, /* created, not yet running a container */
	HPA__POD_RUNNING
} hpa__pod_phase;

/* A pod: 112 bytes, what a tick, a scrape and a sync read; what only a
 * booting pod, a kubelet interval or a text reads is in the workload's cold
 * array at the same index. */
typedef struct {
	uint32_t id;              /* <deployment>-<id> */
	uint8_t phase;            /* hpa__pod_phase */
	bool scheduled;           /* kubelet acknowledged it: startTime set */
	bool started;             /* container running */
	bool booted;              /* application finished starting */
	bool ready;               /* Ready condition True */
	bool deleting;            /* deletionTimestamp set */
	bool k_has;               /* kubelet: has a stats point (in cold) */
	uint8_t ms_n;             /* metrics-server: 0, 1 or 2 points */
	/* resource model */
	double cpu_rate;          /* current CPU usage, milli-cores */
	double cpu_cum;           /* milli-core x ms since the container started */
	int64_t cum_at_ms;        /* time up to which cpu_cum is integrated */
	double mem;               /* working set, bytes */
	double served;            /* requests served since start (kept with svc.mem_growth only) */
	/* metrics-server: the two latest distinct kubelet points */
	int64_t ms_t[2];          /* [0] = latest */
	double ms_cum[2];
	double ms_mem;
	/* lifecycle */
	int64_t start_time_ms;    /* status.startTime */
	int64_t ready_ltt_ms;     /* Ready condition lastTransitionTime */
} hpa__sim_pod;

/* The rest of a pod. */
typedef struct {
	char name[64];            /* metadata.name */
	int64_t container_ms;     /* container start */
	int64_t boot_done_ms;     /* application ready to serve */
	/* kubelet: the latest stats point (kubelet_interval_ms > 0) */
	int64_t k_t;
	double k_cum, k_mem;
} hpa__sim_pod_cold;

/* One latency component of the timeline interval: a tick's requests. */
typedef struct {
	double weight;  /* requests served */
	double mean_ms; /* mean time in the pod's CPU queue (exponential) */
} hpa__sim_lat;

/* What a tick reads of dep, svc and the options, converted once when the
 * run starts (hpa_sim_run(); nothing of them changes afterwards). Each value
 * is the expression tick_workload() used to compute at every tick. */
typedef struct {
	double c;          /* CPU cap of a pod: (double)(limit > 0 ? limit : node_cpu) */
	double base;       /* (double)base_cpu_milli */
	double c_eff;      /* c - base, at least 1 */
	double d_ms;       /* (double)cost_milli * 1000.0 / c_eff */
	double cost;       /* (double)cost_milli */
	double queue;      /* (double)queue */
	double mem_start;  /* (double)mem_start_bytes */
	double mem_base;   /* (double)mem_base_bytes */
	double mem_span;   /* (double)mem_base_bytes - (double)mem_start_bytes */
	double mem_infl;   /* (double)mem_per_inflight_bytes */
	double mem_growth; /* (double)mem_growth_bytes */
	double mem_limit;  /* (double)memory_limit_bytes */
	double cpu_req;    /* (double)cpu_request_milli */
	double slack;      /* (double)latency_objective_ms - (double)io_ms */
	bool closed;       /* a siege load */
	bool track;        /* an HPA and a timeline: interval accumulators */
	bool retain;       /* svc.mem_retain */
	bool has_limit;    /* memory_limit_bytes > 0 */
	bool growth;       /* mem_growth_bytes != 0 */
	bool has_req;      /* cpu_request_milli > 0 */
} hpa__sim_tick_k;

/* A Deployment with its pods, load and service model. What a tick, a
 * scrape and a sync read comes first, up to the first fields of dep
 * (requests and limits); the rest is read at setup and by the outputs. */
typedef struct {
	hpa__sim_pod *pods;
	size_t n_pods, cap_pods;
	hpa__sim_pod_cold *cold;   /* cold[i]: the rest of pods[i] */
	size_t cap_cold;
	/* the pods as the decision's pod table (columns HPA__SIM_TC_* of
	 * cap_tab entries each, names[i] = cold[i].name), written by the
	 * scrape from what metrics-server holds; tab_ok: every pod fits a pod
	 * table and nothing changed the pods since (a pod event, a reconcile
	 * and a growth of the arrays clear it), so the sync reads the table
	 * as it is instead of building one */
	int64_t *tab;
	const char **tab_names;
	size_t cap_tab;
	bool tab_ok;
	int32_t spec_replicas;
	int32_t n_serving;        /* pods ready, booted and not deleting */
	bool has_load;
	size_t hpa;               /* the HPA targeting it, SIZE_MAX = none */
	hpa__sim_tick_k k;        /* set when the run starts */
	/* this workload's own event timeline (engine.c): workloads only interact
	 * through the order of the HPA syncs, so each one is advanced on its own
	 * up to its HPA's next sync, while its data is in the cache */
	struct hpa__sim_event *ev; /* pending pod events (unordered, a few) */
	size_t n_ev, cap_ev;
	uint64_t seq;              /* insertion order of its pod events */
	int64_t next_tick, next_kubelet, next_scrape; /* INT64_MAX = none */
	/* bursts: in_burst holds for times in [burst_lo, burst_hi) */
	bool in_burst;
	int64_t burst_lo, burst_hi;
	/* load state */
	double backlog;           /* open loop: requests waiting beyond capacity */
	double mu;                /* open loop: capacity (req/s) of mu_n serving pods */
	int32_t mu_n;             /* 0 = mu not computed yet */
	double done_requests;     /* closed loop: requests completed (siege -r) */
	double offered_now;       /* last tick: offered rate (req/s) or users */
	/* totals (t >= 0) */
	double tot_served, tot_dropped, tot_over_slo, tot_pod_ms, tot_offered;
	double mem_capped_ms;     /* time some pod sat at its memory limit */
	int64_t load_start_ms, load_end_ms; /* -1 = no load yet */
	int64_t no_ready_ms;      /* time with load but no serving pod */
	hpa_sim_service svc;
	hpa_sim_load load;
	hpa_sim_deployment dep;   /* name pointers point at the copies below */
	/* --- read at setup and by the outputs --- */
	char *name;
	char *service_name;
	char *container_name;
	uint32_t next_pod_id;
	hpa__sim_burst *bursts;
	size_t n_bursts;
	hpa__sim_rng rng;         /* this workload's own stream (jitter, bursts) */
	/* interval accumulators (reset at each timeline row) */
	double acc_served, acc_dropped, acc_offered, acc_ms;
	double acc_cpu_ms;        /* sum over ticks of mean pod CPU x tick ms */
	double acc_util_ms;       /* true CPU utilization (% of request) x ms */
	double acc_mem_ms;
	hpa__sim_lat *lat;
	size_t n_lat, cap_lat;
} hpa__sim_workload;

/* The columns of a workload's pod table; times are on the decision's
 * clock (EPOCH + simulated time). */
enum { HPA__SIM_TC_START, HPA__SIM_TC_READY, HPA__SIM_TC_TS, HPA__SIM_TC_WIN, HPA__SIM_TC_CPU, HPA__SIM_TC_MEM,
	HPA__SIM_TC_QCPU, HPA__SIM_TC_QMEM, HPA__SIM_TC_N };
/* Simulated time 0 on the decision's clock: 2026-01-01T00:00:00Z. */
#define HPA__SIM_EPOCH_MS INT64_C(1767225600000)
/* engine.c: write the workload's pod table from its pods; tab_ok false
 * when a pod does not fit one. HPA_OK or HPA_ENOMEM. */
int hpa__sim_table_fill(hpa__sim_workload *w);
/* The columns of a workload's pod table (all NULL before it has any). */
typedef struct {
	int64_t *start, *ready, *ts, *win, *cpu, *mem;
	int64_t *qcpu, *qmem; /* the requests (every pod the same), written when the table grows */
	const char **names;
} hpa__sim_tab_cols;
static inline hpa__sim_tab_cols hpa__sim_tab_columns(const hpa__sim_workload *w)
{
	hpa__sim_tab_cols k = { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	size_t c = w->cap_tab;
	if (w->tab) {
		k.start = w->tab + HPA__SIM_TC_START * c;
		k.ready = w->tab + HPA__SIM_TC_READY * c;
		k.ts = w->tab + HPA__SIM_TC_TS * c;
		k.win = w->tab + HPA__SIM_TC_WIN * c;
		k.cpu = w->tab + HPA__SIM_TC_CPU * c;
		k.mem = w->tab + HPA__SIM_TC_MEM * c;
		k.qcpu = w->tab + HPA__SIM_TC_QCPU * c;
		k.qmem = w->tab + HPA__SIM_TC_QMEM * c;
		k.names = w->tab_names;
	}
	return k;
}

/* ---- events ----------------------------------------------------------------- */

typedef enum {
	HPA__EV_POD_SCHEDULED = 1,
	HPA__EV_POD_CONTAINER,
	HPA__EV_POD_BOOTED,
	HPA__EV_POD_PROBE,
	HPA__EV_POD_GONE,
	HPA__EV_KUBELET,
	HPA__EV_SCRAPE,
	HPA__EV_SYNC,
	HPA__EV_TICK   /* last: a tick at t sees the pods a sync at t created */
} hpa__ev_type;

typedef struct hpa__sim_event {
	int64_t t_ms;
	uint64_t seq;     /* insertion order: ties are broken deterministically */
	uint32_t type;    /* hpa__ev_type; also the priority at equal times */
	uint32_t wl;      /* workload index (pod events) */
	uint32_t pod;     /* pod id (pod events) */
} hpa__sim_event;

/* ---- the decision glue (decide_glue.c) -------------------------------------- */

typedef struct {
	bool ok;
	bool oom;                  /* the simulator itself ran out of memory */
	int32_t desired;
	int32_t reason;
	const char *reason_name;   /* static */
	int32_t n_metrics;
	hpa_sim_metric_value metrics[HPA_SIM_MAX_METRICS];
	char kubectl[320];
	char message[HPA_DECIDE_TEXT_MAX + 64];
	hpa_targets_entry targets[HPA_SIM_MAX_METRICS]; /* kubectl TARGETS entries */
	size_t n_targets;
} hpa__sim_decision;

typedef struct hpa__sim_glue hpa__sim_glue; /* decide-specific state */

/* What the summary needs to know about one metric of the HPA's spec. */
typedef struct {
	int32_t type;             /* hpa_metric_source_type_t */
	char resource[48];        /* resource or metric name */
	int32_t target_type;      /* hpa_metric_target_type_t */
	int32_t target_util;      /* percent, Utilization targets */
	int64_t target_milli;     /* value targets */
} hpa__sim_mdesc;

/* What a sync reads and writes comes first (one cache line); the metric
 * descriptions, read by the outputs only, last. */
typedef struct {
	size_t wl;
	hpa__sim_glue *glue;
	int32_t min_replicas, max_replicas;
	/* summary */
	int32_t initial, peak;
	int64_t first_up_ms, first_down_ms, back_ms;
	int64_t at_max_ms, at_max_since; /* at_max_since = -1 when not at max */
	int64_t decisions, rescales;
	bool scaled_up;
	bool has_behavior;
	int64_t down_window_ms;   /* scale-down stabilization window in effect */
	char *name;
	char *target_kind;        /* scaleTargetRef.kind */
	int32_t n_mdesc;
	hpa__sim_mdesc mdesc[HPA_SIM_MAX_METRICS];
} hpa__sim_hpa;

struct hpa_sim;
int hpa__sim_glue_new(hpa__sim_glue **out, struct hpa_sim *sim, const hpa__sim_hpa *h,
	const hpa_autoscaler *hpa, hpa_error *err);
/* The inputs and result of the latest decision (valid in on_sync), for tests.
 * Without a timeline (HPA_SIM_NO_TIMELINE) a sync with a pod table decides
 * with hpa__decide_prepared_lean() (hpa__sim_glue_decide_numbers()): the
 * result holds only its numbers. */
const hpa_decide_input *hpa__sim_last_input(const struct hpa_sim *sim);
const hpa_decision *hpa__sim_last_decision(const struct hpa_sim *sim);
/* The static cells of a kubectl row for this HPA plus the given values. */
void hpa__sim_glue_row(const hpa__sim_glue *g, const struct hpa_sim *sim, size_t wl, hpa_hpa_row *row,
	const hpa_targets_entry *targets, size_t n_targets, int32_t current, int64_t now);
/* spec.c */
int hpa__sim_read_spec(hpa__sim_hpa *h, const hpa_autoscaler *a, const hpa_decide_options *o, hpa_error *err);
void hpa__sim_glue_free(hpa__sim_glue *g);
/* Prefetch what the next hpa__sim_glue_decide() of this HPA reads. */
void hpa__sim_glue_prefetch(const hpa__sim_glue *g, int stage);
/* One reconcile: decide with the history, then book-keep the history. */
void hpa__sim_glue_decide(struct hpa_sim *sim, hpa__sim_hpa *h, int32_t current, int64_t now_ms, bool text,
	hpa__sim_decision *out, int32_t *ready_out, int32_t *pods_out);
/* The same reconcile in a run without a timeline, for the usual sync (the
 * Deployment's pod table is current, the HPA's metrics allow the lean
 * decision: hpa__decide_prepared_lean()): *ok and *desired as
 * hpa__sim_glue_decide() sets out->ok and out->desired. Returns 1 when it
 * decided, 0 when the sync is not such a sync (nothing decided or
 * recorded: hpa__sim_glue_decide() then), HPA_ENOMEM. */
int hpa__sim_glue_decide_numbers(struct hpa_sim *sim, hpa__sim_hpa *h, int32_t current, int64_t now_ms, bool *ok,
	int32_t *desired);
typedef struct hpa__sim_scratch hpa__sim_scratch;
void hpa__sim_mshare_free(struct hpa_sim *sim);
void hpa__sim_scratch_free(hpa__sim_scratch *sc);

/* ---- the simulation (engine.c) ------------------------------------------------ */

struct hpa_sim {
	hpa_sim_options opts;
	hpa_decide_options dopts;     /* opts.decide_options points here */
	hpa__sim_rng rng;
	hpa__sim_workload *wl;
	size_t n_wl, cap_wl;
	hpa__sim_hpa *hpas;
	size_t n_hpa, cap_hpa;
	int64_t now;
	double tick_s;                /* (double)opts.tick_ms / 1000.0 */
	hpa__sim_trig trig;
	int64_t warmup_ms;
	bool ran;
	hpa_sim_row *rows;
	size_t n_rows, cap_rows;
	hpa__arena strings;           /* row strings */
	struct hpa__sim_scratch *scratch; /* decision buffers (decide_glue.c) */
	struct hpa__sim_mshare *mshare; /* metric lists shared by HPAs (decide_glue.c) */
	size_t n_mshare, cap_mshare;
	size_t *mshare_tab;           /* open addressing: hash -> index + 1 */
	size_t mshare_cap;
	size_t *by_name;              /* open-addressing table: Deployment name -> index + 1 */
	size_t by_name_cap;           /* a power of two, or 0 */
	hpa_targets_entry *row_targets; /* kubectl TARGETS of every row, in row order */
	size_t n_row_targets, cap_row_targets;
	size_t *row_target_off;       /* per row: first entry in row_targets */
	size_t cap_row_off;
};

/* engine.c: index of the Deployment named `name`, SIZE_MAX when none */
size_t hpa__sim_find_name(const struct hpa_sim *sim, const char *name);
/* Undo the latest hpa_sim_add_deployment() (engine.c). */
void hpa__sim_drop_last_deployment(struct hpa_sim *sim);

/* output.c */
int hpa__sim_write_buf(const hpa_sim *sim, hpa_sim_format format, hpa__buf *b, hpa_error *err);

#endif
