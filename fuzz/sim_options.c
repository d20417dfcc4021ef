/*
 * fuzz/sim_options.c -- libFuzzer target for the simulator's options
 * (hpa_sim_options: durations, periods, phases, the latency objective,
 * flags, seed), service model (hpa_sim_service), Deployment
 * (hpa_sim_deployment) and decision options (hpa_decide_options, from the
 * last 48 bytes of a long enough input) on the 12번가 order service under
 * siege.
 *
 * The input's bytes fill the options, then the order service's model, then
 * a second Deployment without an HPA (8 bytes per int64, taken as they come:
 * huge, negative and zero values included; what the input does not reach
 * keeps its default). Invariants (a broken one aborts, which libFuzzer
 * reports as a crash):
 * - hpa_sim_new() and hpa_sim_add_from_manifest() / hpa_sim_add_deployment()
 *   either refuse the values with a code and a message (and add nothing),
 *   or accept them;
 * - accepted options whose run is short enough to rehearse here (a bounded
 *   number of ticks, syncs and scrapes) run to the end with the replicas
 *   inside [1, 5], the summary agreeing, and the timeline written in every
 *   format.
 * UBSan watches the engine's time arithmetic on whatever the options say.
 */
#include <hpa/hpa.h>
#include "check.h"
#include <stdint.h>
#include <string.h>

static const char manifest_text[] =
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: order}\n"
	"spec:\n  replicas: 1\n  selector: {matchLabels: {app: order}}\n  template:\n"
	"    metadata: {labels: {app: order}}\n    spec:\n      containers:\n      - name: order\n"
	"        image: order:latest\n"
	"        resources: {requests: {cpu: 200m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}\n"
	"        readinessProbe: {httpGet: {path: /, port: 8080}, initialDelaySeconds: 10, periodSeconds: 5}\n"
	"---\n"
	"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: order-hpa}\n"
	"spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: order}\n"
	"  minReplicas: 1\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n"
	"    resource: {name: cpu, target: {type: Utilization, averageUtilization: 20}}\n";

static hpa_manifest *manifest;

static int64_t take64(const uint8_t **p, const uint8_t *end, int64_t dflt)
{
	uint64_t v = 0;
	if (end - *p < 8)
		return dflt;
	for (int k = 0; k < 8; k++)
		v |= (uint64_t)(*p)[k] << (8 * k);
	*p += 8;
	return (int64_t)v;
}

/* about how many events the run has, warm-up included (hpa_sim_run(): two
 * scrape and two kubelet periods and a tick, in whole ticks); accepted
 * options keep these sums far from overflow (periods of at most a day, a
 * duration of at most 3650 days); runs with too many events are skipped */
static bool short_enough(const hpa_sim_options *o)
{
	const int64_t most = 50000;
	int64_t warm = 2 * o->metric_resolution_ms + 2 * o->kubelet_interval_ms + o->tick_ms;
	int64_t span = (warm + o->tick_ms - 1) / o->tick_ms * o->tick_ms + o->duration_ms;
	int64_t events = span / o->tick_ms + span / o->metric_resolution_ms + o->duration_ms / o->sync_period_ms +
		(o->kubelet_interval_ms > 0 ? span / o->kubelet_interval_ms : 0);
	return events <= most;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	hpa_sim_options o;
	hpa_sim *sim = (hpa_sim *)&sim;
	hpa_sim_load *load = NULL;
	hpa_sim_summary s;
	hpa_sim_service svc;
	hpa_sim_deployment dep;
	hpa_decide_options dopts;
	hpa_error e = HPA_ERROR_INIT;
	size_t hpa = 0, extra;
	int rc;
	if (!manifest)
		CHECK(hpa_manifest_parse_yaml(&manifest, manifest_text, sizeof(manifest_text) - 1, NULL, &e) == 0);
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.duration_ms = take64(&p, end, o.duration_ms);
	o.tick_ms = take64(&p, end, o.tick_ms);
	o.sync_period_ms = take64(&p, end, o.sync_period_ms);
	o.kubelet_interval_ms = take64(&p, end, o.kubelet_interval_ms);
	o.metric_resolution_ms = take64(&p, end, o.metric_resolution_ms);
	o.sync_phase_ms = take64(&p, end, o.sync_phase_ms);
	o.kubelet_phase_ms = take64(&p, end, o.kubelet_phase_ms);
	o.scrape_phase_ms = take64(&p, end, o.scrape_phase_ms);
	o.latency_objective_ms = take64(&p, end, o.latency_objective_ms);
	o.seed = (uint64_t)take64(&p, end, (int64_t)o.seed);
	o.flags = (unsigned int)take64(&p, end, 0) & (HPA_SIM_NO_TIMELINE | HPA_SIM_TILED);
	/* the decision options, after everything else of the input (older
	 * seeds keep their meaning): doubles as their bits */
	if (end - p >= 8 * 24 + 8 * 6) { /* (the service model and the Deployment: 24 values) */
		const uint8_t *q = end - 8 * 6;
		int64_t bits;
		hpa_decide_options_init(&dopts, HPA_DECIDE_OPTIONS_VERSION);
		bits = take64(&q, end, 0);
		memcpy(&dopts.tolerance, &bits, sizeof(bits));
		dopts.cpu_initialization_period_ms = take64(&q, end, dopts.cpu_initialization_period_ms);
		dopts.initial_readiness_delay_ms = take64(&q, end, dopts.initial_readiness_delay_ms);
		dopts.downscale_stabilization_ms = take64(&q, end, dopts.downscale_stabilization_ms);
		bits = take64(&q, end, 0);
		memcpy(&dopts.scale_up_limit_factor, &bits, sizeof(bits));
		bits = take64(&q, end, 0);
		memcpy(&dopts.scale_up_limit_minimum, &bits, sizeof(bits));
		o.decide_options = &dopts;
	}
	rc = hpa_sim_new(&sim, &o, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(sim == NULL);
		return 0;
	}
	if (!short_enough(&o)) {
		hpa_sim_free(sim);
		return 0;
	}
	hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
	svc.cost_milli = take64(&p, end, svc.cost_milli);
	svc.base_cpu_milli = take64(&p, end, svc.base_cpu_milli);
	svc.io_ms = take64(&p, end, svc.io_ms);
	svc.boot_ms = take64(&p, end, svc.boot_ms);
	svc.node_cpu_milli = take64(&p, end, svc.node_cpu_milli);
	svc.mem_base_bytes = take64(&p, end, svc.mem_base_bytes);
	svc.mem_start_bytes = take64(&p, end, svc.mem_start_bytes);
	svc.mem_per_inflight_bytes = take64(&p, end, svc.mem_per_inflight_bytes);
	svc.mem_growth_bytes = take64(&p, end, svc.mem_growth_bytes);
	svc.queue = (int32_t)take64(&p, end, svc.queue);
	svc.mem_retain = (take64(&p, end, svc.mem_retain) & 1) != 0;
	rc = hpa_sim_add_from_manifest(sim, manifest, "order-hpa", &svc, &hpa, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(hpa_sim_deployment_count(sim) == 0 && hpa_sim_hpa_count(sim) == 0);
		hpa_sim_free(sim);
		return 0;
	}
	hpa_sim_deployment_init(&dep, HPA_SIM_DEPLOYMENT_VERSION);
	dep.name = "extra";
	dep.replicas = (int32_t)(take64(&p, end, 2) % 8);
	dep.cpu_request_milli = take64(&p, end, dep.cpu_request_milli);
	dep.cpu_limit_milli = take64(&p, end, dep.cpu_limit_milli);
	dep.memory_request_bytes = take64(&p, end, dep.memory_request_bytes);
	dep.memory_limit_bytes = take64(&p, end, dep.memory_limit_bytes);
	dep.readiness_initial_delay_ms = take64(&p, end, dep.readiness_initial_delay_ms);
	dep.readiness_period_ms = take64(&p, end, dep.readiness_period_ms);
	dep.schedule_ms = take64(&p, end, dep.schedule_ms);
	dep.image_pull_ms = take64(&p, end, dep.image_pull_ms);
	dep.container_start_ms = take64(&p, end, dep.container_start_ms);
	dep.termination_grace_ms = take64(&p, end, dep.termination_grace_ms);
	dep.shutdown_ms = take64(&p, end, dep.shutdown_ms);
	dep.jitter_permille = (int32_t)take64(&p, end, dep.jitter_permille);
	rc = hpa_sim_add_deployment(sim, &dep, &svc, &extra, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(hpa_sim_deployment_count(sim) == 1);
	}
	CHECK(hpa_sim_load_parse(&load, "siege -c20 -t40S", &e) == 0);
	CHECK(hpa_sim_set_load(sim, hpa_sim_hpa_deployment(sim, hpa), load, &e) == 0);
	hpa_sim_load_free(load);
	CHECK(hpa_sim_run(sim, &e) == 0);
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
		CHECK(r != NULL && r->replicas >= 1 && r->replicas <= 5 && r->desired >= 1 && r->desired <= 5);
	}
	memset(&s, 0, sizeof(s));
	CHECK(hpa_sim_summary_get(sim, hpa, &s, &e) == 0);
	CHECK(s.peak_replicas >= 1 && s.peak_replicas <= 5);
	check_sim_writes(sim);
	hpa_sim_free(sim);
	return 0;
}
