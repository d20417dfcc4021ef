/**
 * @file hpa/simulate.h
 * @brief Deterministic, faster-than-real-time simulation of HPAs, their
 *        Deployments, pods, the metrics pipeline and a workload.
 * @defgroup simulate Simulation
 *
 * A simulation (::hpa_sim) runs on a virtual clock in integer milliseconds
 * with a discrete-event loop; it never reads the wall clock. The same inputs
 * and the same seed give the same timeline, bit for bit.
 *
 * What is modelled:
 * - the HPA controller: a sync loop (15 s by default) that calls the
 *   decision function of `hpa/decide.h` with its history, exactly as the
 *   controller does (the simulator has no autoscaling logic of its own);
 * - Deployment → ReplicaSet → pods: pod creation (scheduling, image pull,
 *   container start), the application's start-up, readiness probes
 *   (initialDelaySeconds, periodSeconds), the Ready transition time and
 *   status.startTime, and termination with a grace period;
 * - the metrics pipeline: the kubelet's stats points (10 s), the
 *   metrics-server scrape (15 s, `--metric-resolution`) and its window, so
 *   that decisions see lagged averages;
 * - a workload: open-loop request-rate profiles or a closed-loop `siege`
 *   model, load balanced over Ready pods, and a service model per
 *   Deployment (CPU per request, idle CPU, CPU-limit throttling, memory,
 *   latency from processor sharing).
 *
 * Typical use: hpa_sim_new(), hpa_sim_add_deployment(), hpa_sim_add_hpa()
 * (or hpa_sim_add_from_manifest()), hpa_sim_set_load(), hpa_sim_run(), then
 * read the timeline (hpa_sim_timeline_at()) or write it with hpa_sim_write().
 * @{
 */
#ifndef HPA_SIMULATE_H
#define HPA_SIMULATE_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <hpa/manifest.h>
#include <hpa/autoscaler.h>
#include <hpa/decide.h>

HPA_BEGIN_DECL

/** A simulation. */
typedef struct hpa_sim hpa_sim;
/** A workload profile (open-loop rate or closed-loop siege). */
typedef struct hpa_sim_load hpa_sim_load;

/* ---- service model ------------------------------------------------------ */

/** Version of ::hpa_sim_service this header describes. */
#define HPA_SIM_SERVICE_VERSION 1

/**
 * How one pod of a Deployment turns requests into CPU, memory and latency.
 * hpa_sim_service_init() fills the Spring Boot defaults documented in
 * docs/simulate.md. CPU values are milli-cores, `cost_milli` is CPU time
 * per request in milli-CPU-seconds (20 = 20 ms on one core).
 */
typedef struct {
	unsigned int version;          /**< ::HPA_SIM_SERVICE_VERSION */
	int64_t cost_milli;            /**< CPU time per request (milli-CPU-seconds) */
	int64_t base_cpu_milli;        /**< idle CPU usage of a started pod */
	int64_t io_ms;                 /**< non-CPU time per request (database, network) */
	int64_t boot_ms;               /**< start-up work, as ms on one full core */
	int64_t node_cpu_milli;        /**< CPU a container without a limit may use */
	int64_t mem_base_bytes;        /**< idle working set once started */
	int64_t mem_start_bytes;       /**< working set when the container starts */
	int64_t mem_per_inflight_bytes;/**< extra working set per in-flight request */
	int64_t mem_growth_bytes;      /**< working-set growth per 1000 requests served */
	bool mem_retain;               /**< memory is never returned (JVM heap high-water mark) */
	int32_t queue;                 /**< requests a pod holds before it rejects more */
	uint64_t reserved[4];          /**< zero */
} hpa_sim_service;

/**
 * Reset @p svc to the defaults (the `springboot` preset).
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version.
 */
HPA_EXTERN(int) hpa_sim_service_init(hpa_sim_service *svc, unsigned int version);

/**
 * Apply a comma-separated list to @p svc: presets (`springboot`, `go`) and
 * `key=value` pairs: `cost`, `base`, `node_cpu` (CPU quantities: `25m`,
 * `0.5`), `io`, `boot` (durations: `5ms`, `10s`), `mem`, `mem_start`,
 * `mem_req`, `mem_growth` (memory quantities: `262Mi`), `retain`
 * (true/false), `queue` (count). Example: `"cost=25m,base=10m,mem=300Mi"`.
 * Durations are at most 10^15 ms here (hpa_sim_add_deployment() accepts a
 * day at most). On error @p svc is unchanged.
 */
HPA_EXTERN(int) hpa_sim_service_parse(hpa_sim_service *svc, const char *spec, hpa_error *err);

/* ---- deployments ------------------------------------------------------------ */

/** Version of ::hpa_sim_deployment this header describes. */
#define HPA_SIM_DEPLOYMENT_VERSION 1

/**
 * A Deployment's pod template and lifecycle timings (one container).
 * Requests and limits of 0 mean "not set". The strings are copied by
 * hpa_sim_add_deployment().
 */
typedef struct {
	unsigned int version;               /**< ::HPA_SIM_DEPLOYMENT_VERSION */
	const char *name;                   /**< Deployment name (pods are NAME-N) */
	const char *service_name;           /**< Service in front of it (load target); NULL = none */
	const char *container_name;         /**< the container's name (ContainerResource metrics); NULL = the Deployment name */
	int32_t replicas;                   /**< spec.replicas at the start */
	int64_t cpu_request_milli;          /**< requests.cpu */
	int64_t cpu_limit_milli;            /**< limits.cpu */
	int64_t memory_request_bytes;       /**< requests.memory */
	int64_t memory_limit_bytes;         /**< limits.memory */
	int64_t readiness_initial_delay_ms; /**< readinessProbe.initialDelaySeconds; < 0: no probe */
	int64_t readiness_period_ms;        /**< readinessProbe.periodSeconds */
	int64_t schedule_ms;                /**< creation → bound to a node (status.startTime) */
	int64_t image_pull_ms;              /**< image pull */
	int64_t container_start_ms;         /**< container creation and start */
	int64_t termination_grace_ms;       /**< terminationGracePeriodSeconds */
	int64_t shutdown_ms;                /**< time the application needs to stop */
	int32_t jitter_permille;            /**< +- spread of the delays above, per mille */
	uint64_t reserved[4];               /**< zero */
} hpa_sim_deployment;

/**
 * Reset @p dep to the defaults: 1 replica, requests 200m/512Mi, limits
 * 500m/1Gi, readiness probe 10 s/5 s, scheduling 1 s, pull 5 s, container
 * start 1 s, grace 30 s, shutdown 2 s, jitter 20 %, name "app".
 */
HPA_EXTERN(int) hpa_sim_deployment_init(hpa_sim_deployment *dep, unsigned int version);

/* ---- loads ----------------------------------------------------------------- */

/**
 * Parse a workload profile. Open-loop rates are requests per second:
 * - `constant RATE`
 * - `step RATE [RATE@TIME ...]` (e.g. `step 5 50@1m 5@6m`)
 * - `ramp FROM TO DURATION`
 * - `sine MEAN AMPLITUDE PERIOD`
 * - `diurnal MEAN [amp=0.6] [period=24h] [bursts=N] [factor=3] [burst=10m]`
 *   (lowest at the start of each period; bursts are placed with the
 *   simulation's seed)
 * - `none`
 *
 * and the closed-loop model
 * - `siege [-c USERS] (-t NUM{S|M|H} | -r REPS) [-d SECONDS] [-b] [URL]`
 *   with siege's defaults (15 users, delay 1 s: each user waits a uniform
 *   random time in [0, d] before each request); one of `-t` and `-r` is
 *   required (a run without an end). The URL's host names the target
 *   Service.
 *
 * Every profile accepts `start=DURATION` (nothing before) and the open-loop
 * ones `for=DURATION` (nothing after start + duration). A duration is at
 * most 10^15 ms (about 31,700 years); a longer one is ::HPA_EINVAL.
 * @ownership caller (free with hpa_sim_load_free)
 */
HPA_EXTERN(int) hpa_sim_load_parse(hpa_sim_load **out, const char *spec, hpa_error *err);

/**
 * A trace from CSV text: lines `TIME,RATE` (TIME in seconds or a duration
 * such as `90s`, RATE in requests/s), increasing times, `#` comments and a
 * header line allowed. The rate holds until the next point.
 * @return HPA_OK, HPA_EINVAL (NULL, a malformed line, times not
 *         increasing, no point; `err` has the line and column), HPA_ENOMEM
 * @ownership caller (free with hpa_sim_load_free)
 */
HPA_EXTERN(int) hpa_sim_load_parse_csv(hpa_sim_load **out, const char *buf, size_t len, hpa_error *err);

/**
 * A trace from arrays: at @p time_ms[i] the rate becomes
 * @p rate_milli[i] / 1000 requests/s.
 * @return HPA_OK, HPA_EINVAL (NULL, @p n = 0, times not increasing from
 *         0 or more, a negative rate), HPA_ENOMEM
 * @ownership caller (free with hpa_sim_load_free)
 */
HPA_EXTERN(int) hpa_sim_load_new_trace(hpa_sim_load **out, const int64_t *time_ms, const int64_t *rate_milli,
	size_t n, hpa_error *err);

/** Free a load. NULL is allowed. */
HPA_EXTERN(void) hpa_sim_load_free(hpa_sim_load *load);

/**
 * Target Service named by a siege URL (`http://order:8080/orders` → `order`),
 * or "".
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_sim_load_target(const hpa_sim_load *load);

/** True for the closed-loop (siege) model. */
HPA_EXTERN(bool) hpa_sim_load_is_closed(const hpa_sim_load *load);

/**
 * The specification text the load was parsed from ("trace" for traces).
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_sim_load_text(const hpa_sim_load *load);

/* ---- simulation options -------------------------------------------------------- */

/** Upper bound of the per-metric values kept per timeline row. */
#define HPA_SIM_MAX_METRICS 8

/** Do not keep timeline rows (large fleets); summaries still work. */
#define HPA_SIM_NO_TIMELINE (1u << 0)

/**
 * Run the fleet in blocks of HPAs (loop tiling in time): a block of 64 HPAs
 * and their Deployments is advanced over the whole run before the next
 * block, so that its state stays in the CPU caches. Deployments of a
 * simulation never interact, so every Deployment sees exactly the same
 * events in the same order as without this flag: per-HPA results, the
 * summaries and the timeline (whose rows are put back into time, then HPA
 * order at the end of hpa_sim_run()) are identical. What changes is the
 * order of the on_sync calls across HPAs: HPA i of a block has all its
 * syncs before HPA j of a later block has any, and within a block the calls
 * go by sync time, then HPA index. While on_sync runs, the rows recorded so
 * far are in that order too (hpa_sim_timeline_at()).
 */
#define HPA_SIM_TILED (1u << 1)

/** What one metric of one decision showed. */
typedef struct {
	char name[48];            /**< "cpu", "memory", a Pods/Object/External metric name */
	int32_t type;             /**< ::hpa_metric_source_type_t */
	bool valid;               /**< the metric could be computed */
	bool has_utilization;     /**< a Utilization target */
	int32_t utilization;      /**< current average utilization, percent of request */
	int32_t target_utilization; /**< target percent (Utilization targets) */
	int64_t current_milli;    /**< current average value, milli-units (memory: bytes x 1000) */
	int64_t target_milli;     /**< target value, milli-units (value targets) */
	int32_t proposal;         /**< replicas this metric proposed */
} hpa_sim_metric_value;

/** One timeline row: one HPA at one sync. */
typedef struct {
	int64_t time_ms;          /**< virtual time of the sync */
	size_t hpa;               /**< index of the HPA (hpa_sim_add_hpa order) */
	int32_t replicas;         /**< spec.replicas the decision saw (status.currentReplicas) */
	int32_t desired;          /**< the decision (spec.replicas afterwards) */
	int32_t ready;            /**< Ready pods */
	int32_t pods;             /**< pods that exist (pending, running, terminating) */
	int32_t reason;           /**< limiting reason (decide.h enum) */
	const char *reason_name;  /**< its name, e.g. "ScaleUpLimit" */
	bool decided;             /**< false: the decision failed (see message) */
	const char *message;      /**< error message, or "" */
	const char *kubectl;      /**< the `kubectl get hpa` row at this sync */
	int32_t n_metrics;        /**< entries in metrics[] */
	hpa_sim_metric_value metrics[HPA_SIM_MAX_METRICS]; /**< per-metric values */
	int64_t load_milli;       /**< mean offered load since the previous row: req/s x 1000, or users x 1000 (siege) */
	int64_t throughput_milli; /**< mean served requests/s x 1000 since the previous row */
	int64_t dropped_milli;    /**< mean rejected requests/s x 1000 since the previous row */
	int64_t latency_p50_us;   /**< median latency since the previous row, microseconds */
	int64_t latency_p95_us;   /**< 95th percentile latency since the previous row, microseconds */
	int32_t cpu_utilization;  /**< true mean CPU utilization of serving pods (no lag), percent of request */
	int64_t memory_bytes;     /**< true mean working set of running pods */
	uint64_t reserved[4];     /**< zero */
} hpa_sim_row;

/** What the on_sync callback receives after each decision. */
typedef struct {
	const hpa_sim *sim;       /**< the simulation */
	size_t hpa;               /**< HPA index */
	int64_t time_ms;          /**< now */
	int32_t replicas;         /**< spec.replicas before the decision */
	int32_t desired;          /**< the decision */
	const hpa_sim_row *row;   /**< the row (NULL with ::HPA_SIM_NO_TIMELINE) */
} hpa_sim_sync_info;

/**
 * Called after each decision. The simulation advances one Deployment at a
 * time up to its HPA's sync, so while the callback runs only this HPA's
 * Deployment is at @c time_ms; the others may be up to one sync period
 * behind or ahead (with ::HPA_SIM_TILED: anywhere in the run, and the calls
 * come block by block). Summaries are final after hpa_sim_run().
 */
typedef void (*hpa_sim_sync_cb)(const hpa_sim_sync_info *info, void *payload);

/** Version of ::hpa_sim_options this header describes. */
#define HPA_SIM_OPTIONS_VERSION 1

/** The longest tick, period or latency objective hpa_sim_new() accepts, and
 *  the longest delay of a Deployment or service model: a day. */
#define HPA_SIM_MAX_PERIOD_MS INT64_C(86400000)

/** The largest CPU (milli) or memory (bytes) quantity of a Deployment or a
 *  service model hpa_sim_add_deployment() accepts: INT64_MAX / 1000, so that
 *  its milli-value (what the decision reads) fits int64. */
#define HPA_SIM_MAX_QUANTITY (INT64_MAX / 1000)

/**
 * Simulation options. Durations are milliseconds of virtual time. A phase
 * of -1 means "drawn from the seed" (uniform in [0, period)).
 * hpa_sim_new() refuses (::HPA_EINVAL) a duration outside (0, 3650 days], a
 * tick, period or latency objective above ::HPA_SIM_MAX_PERIOD_MS (or not
 * positive, the kubelet interval and the objective may be 0), a phase
 * outside [-1, period), and a tick longer than the metric resolution or
 * the sync period (the warm-up before t = 0 lasts a few of those periods
 * in whole ticks).
 */
typedef struct {
	unsigned int version;          /**< ::HPA_SIM_OPTIONS_VERSION */
	unsigned int flags;            /**< ::HPA_SIM_NO_TIMELINE, ::HPA_SIM_TILED */
	uint64_t seed;                 /**< PRNG seed (default 1) */
	int64_t duration_ms;           /**< run length (default 10 min) */
	int64_t tick_ms;               /**< workload/resource integration step (1 s) */
	int64_t sync_period_ms;        /**< HPA sync period (15 s) */
	int64_t kubelet_interval_ms;   /**< kubelet stats housekeeping (10 s); 0 = sampled at each scrape */
	int64_t metric_resolution_ms;  /**< metrics-server scrape interval (15 s) */
	int64_t sync_phase_ms;         /**< first sync at this time (-1 = seeded) */
	int64_t kubelet_phase_ms;      /**< kubelet offset in its period (-1 = seeded) */
	int64_t scrape_phase_ms;       /**< scrape offset in its period (-1 = seeded) */
	int64_t latency_objective_ms;  /**< latency objective for the summary (1 s) */
	const hpa_decide_options *decide_options; /**< controller flags and gates for hpa_decide(), NULL = defaults; copied */
	hpa_sim_sync_cb on_sync;       /**< called after each decision, or NULL */
	void *payload;                 /**< passed to on_sync */
	int64_t max_pods;              /**< the most pods a Deployment may ask for: its spec.replicas and its HPA's
	                                    maxReplicas (above: ::HPA_ELIMIT from hpa_sim_add_deployment(),
	                                    hpa_sim_add_hpa(), hpa_sim_add_from_manifest()); 0 = no limit. The
	                                    simulator's work grows with the pods: 10,000 pods cost seconds of CPU
	                                    per simulated minute */
	uint64_t reserved[3];          /**< zero */
} hpa_sim_options;

/**
 * Reset @p opts to the defaults of @p version.
 * @return HPA_OK, or HPA_EINVAL for NULL or an unknown version.
 */
HPA_EXTERN(int) hpa_sim_options_init(hpa_sim_options *opts, unsigned int version);

/* ---- the simulation -------------------------------------------------------------- */

/**
 * Create a simulation. @p opts may be NULL (defaults); it is copied.
 * @ownership caller (free with hpa_sim_free)
 */
HPA_EXTERN(int) hpa_sim_new(hpa_sim **out, const hpa_sim_options *opts, hpa_error *err);

/** Free a simulation. NULL is allowed. */
HPA_EXTERN(void) hpa_sim_free(hpa_sim *sim);

/**
 * Add a Deployment with its service model (@p svc NULL = defaults). Both
 * are copied. Its index goes to @p index_out (may be NULL).
 * ::HPA_EINVAL, naming the field and its range, for a quantity (milli-CPU
 * or bytes) outside [0, ::HPA_SIM_MAX_QUANTITY] (cost_milli and
 * node_cpu_milli at least 1), a duration outside [0,
 * ::HPA_SIM_MAX_PERIOD_MS] (readiness_initial_delay_ms may be negative: no
 * probe), a queue below 1, negative replicas or a jitter outside [0, 1000].
 */
HPA_EXTERN(int) hpa_sim_add_deployment(hpa_sim *sim, const hpa_sim_deployment *dep, const hpa_sim_service *svc,
	size_t *index_out, hpa_error *err);

/**
 * Add an HPA that scales Deployment @p deployment. The HPA object is
 * copied; its spec (min/max replicas, metrics, behavior) is what the
 * decision function reads. Only Resource metrics (cpu, memory) have a data
 * source in the simulator; other metric types fail as they would without
 * an adapter. A Deployment has at most one HPA.
 */
HPA_EXTERN(int) hpa_sim_add_hpa(hpa_sim *sim, const hpa_autoscaler *hpa, size_t deployment, size_t *index_out,
	hpa_error *err);

/**
 * Read HPA @p hpa_name from @p manifest together with its target Deployment
 * (replicas, requests, limits, readiness probe, terminationGracePeriodSeconds)
 * and the Service that selects its pods, and add both. @p svc (NULL =
 * defaults) is the service model. The HPA's index goes to @p index_out.
 */
HPA_EXTERN(int) hpa_sim_add_from_manifest(hpa_sim *sim, const hpa_manifest *manifest, const char *hpa_name,
	const hpa_sim_service *svc, size_t *index_out, hpa_error *err);

/**
 * Drive Deployment @p deployment with @p load (copied). One load per
 * Deployment; a later call replaces it.
 */
HPA_EXTERN(int) hpa_sim_set_load(hpa_sim *sim, size_t deployment, const hpa_sim_load *load, hpa_error *err);

/**
 * Index of the Deployment whose Service (or, failing that, Deployment name)
 * is @p name, or HPA_ENOTFOUND.
 */
HPA_EXTERN(int) hpa_sim_find_deployment(const hpa_sim *sim, const char *name, size_t *index_out, hpa_error *err);

/** Number of Deployments. */
HPA_EXTERN(size_t) hpa_sim_deployment_count(const hpa_sim *sim);

/** Number of HPAs. */
HPA_EXTERN(size_t) hpa_sim_hpa_count(const hpa_sim *sim);

/**
 * Name of HPA @p index, or NULL when out of range.
 * @ownership borrowed
 */
HPA_EXTERN(const char *) hpa_sim_hpa_name(const hpa_sim *sim, size_t index);

/** Index of the Deployment HPA @p index scales, or SIZE_MAX. */
HPA_EXTERN(size_t) hpa_sim_hpa_deployment(const hpa_sim *sim, size_t index);

/**
 * Run the simulation to its end. A simulation runs once; HPA_EINVAL on a
 * second call.
 */
HPA_EXTERN(int) hpa_sim_run(hpa_sim *sim, hpa_error *err);

/** Number of timeline rows (one per HPA per sync). */
HPA_EXTERN(size_t) hpa_sim_timeline_count(const hpa_sim *sim);

/**
 * Row @p index, or NULL when out of range.
 * @ownership borrowed (valid until the simulation is freed)
 */
HPA_EXTERN(const hpa_sim_row *) hpa_sim_timeline_at(const hpa_sim *sim, size_t index);

/** Outcome of one HPA over the run. */
typedef struct {
	int32_t initial_replicas;     /**< spec.replicas at the start */
	int32_t final_replicas;       /**< spec.replicas at the end */
	int32_t peak_replicas;        /**< highest spec.replicas */
	int32_t min_replicas;         /**< the HPA's minReplicas */
	int32_t max_replicas;         /**< the HPA's maxReplicas */
	int64_t first_scale_up_ms;    /**< time of the first scale up, -1 = none */
	int64_t first_scale_down_ms;  /**< time of the first scale down, -1 = none */
	int64_t back_to_initial_ms;   /**< first time replicas returned to the initial count after a scale up, -1 = never */
	int64_t load_start_ms;        /**< first time load was offered, -1 = never */
	int64_t load_end_ms;          /**< last time load was offered, -1 = never */
	int64_t time_at_max_ms;       /**< time with spec.replicas == maxReplicas */
	int64_t decisions;            /**< syncs */
	int64_t rescales;             /**< decisions that changed spec.replicas */
	int64_t requests;             /**< requests served */
	int64_t requests_dropped;     /**< requests rejected (no ready pod, queue full) */
	int64_t requests_over_objective; /**< requests slower than the latency objective (expected count) */
	int64_t pod_ms;               /**< pod-milliseconds (pods existing, any phase) */
	uint64_t reserved[4];         /**< zero */
} hpa_sim_summary;

/** Fill @p out for HPA @p hpa (after hpa_sim_run()). */
HPA_EXTERN(int) hpa_sim_summary_get(const hpa_sim *sim, size_t hpa, hpa_sim_summary *out, hpa_error *err);

/** Output formats of hpa_sim_write(). */
typedef enum {
	HPA_SIM_FORMAT_TEXT = 1, /**< `kubectl get hpa -w`-style rows, then the summary */
	HPA_SIM_FORMAT_CSV,      /**< the timeline as CSV */
	HPA_SIM_FORMAT_JSON,     /**< the timeline and summaries as JSON */
	HPA_SIM_FORMAT_SVG,      /**< a chart of load, utilization and replicas */
	HPA_SIM_FORMAT_SUMMARY   /**< the summary with explanations only */
} hpa_sim_format;

/**
 * Write the results in @p format to a new NUL-terminated buffer.
 * @return HPA_OK, HPA_EINVAL (NULL, an unknown format, a simulation that
 *         has not run), HPA_ENOMEM
 * @ownership caller (free *out with hpa_free)
 */
HPA_EXTERN(int) hpa_sim_write(const hpa_sim *sim, hpa_sim_format format, char **out, size_t *len_out,
	hpa_error *err);

/** Write the results in @p format to @p fp. HPA_EIO on a write error. */
HPA_EXTERN(int) hpa_sim_write_fp(const hpa_sim *sim, hpa_sim_format format, FILE *fp, hpa_error *err);

HPA_END_DECL

/** @} */
#endif
