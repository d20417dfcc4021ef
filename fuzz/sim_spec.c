/*
 * fuzz/sim_spec.c -- libFuzzer target for what `hpactl simulate` takes from
 * its command line: the load profile (`--load`), the service model
 * (`--service`) and a CSV trace, then a short simulation driven by them.
 *
 * The input is split at its first two newlines: the load spec, the service
 * spec, the CSV text. Invariants (a broken one aborts, which libFuzzer
 * reports as a crash):
 * - a parse either succeeds, or fails with an error code and a message and
 *   leaves its output as it was (NULL load, unchanged service);
 * - with a parsed load and service, a 3-minute simulation of one Deployment
 *   under an HPA (cpu 50 %, 1 to 5 replicas) runs to the end, every timeline
 *   row keeps the replicas inside [1, 5], the summary agrees, and the
 *   timeline writes as text, CSV, JSON and SVG.
 * ASan and UBSan watch the engine on whatever numbers the specs give it.
 */
#include <hpa/hpa.h>
#include "check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char manifest_text[] =
	"apiVersion: apps/v1\n"
	"kind: Deployment\n"
	"metadata: {name: order}\n"
	"spec:\n"
	"  replicas: 1\n"
	"  selector: {matchLabels: {app: order}}\n"
	"  template:\n"
	"    metadata: {labels: {app: order}}\n"
	"    spec:\n"
	"      containers:\n"
	"      - name: order\n"
	"        image: order:latest\n"
	"        resources: {requests: {cpu: 200m, memory: 256Mi}, limits: {cpu: 500m, memory: 512Mi}}\n"
	"        readinessProbe: {httpGet: {path: /, port: 8080}, initialDelaySeconds: 10, periodSeconds: 5}\n"
	"---\n"
	"apiVersion: v1\n"
	"kind: Service\n"
	"metadata: {name: order}\n"
	"spec: {selector: {app: order}, ports: [{port: 8080}]}\n"
	"---\n"
	"apiVersion: autoscaling/v2\n"
	"kind: HorizontalPodAutoscaler\n"
	"metadata: {name: order-hpa}\n"
	"spec:\n"
	"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: order}\n"
	"  minReplicas: 1\n"
	"  maxReplicas: 5\n"
	"  metrics:\n"
	"  - type: Resource\n"
	"    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n";

static hpa_manifest *manifest;

/* text up to the next '\n' (or the end) as a NUL-terminated copy */
static char *take_line(const uint8_t **p, const uint8_t *end)
{
	const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = (size_t)((nl ? nl : end) - *p);
	char *s = malloc(n + 1);
	CHECK(s != NULL);
	memcpy(s, *p, n);
	s[n] = '\0';
	*p = nl ? nl + 1 : end;
	return s;
}

static void simulate(const hpa_sim_load *load, const hpa_sim_service *svc)
{
	hpa_sim_options o;
	hpa_sim *sim = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_sim_summary s;
	size_t hpa = 0, dep = 0;
	int rc;
	hpa_sim_options_init(&o, HPA_SIM_OPTIONS_VERSION);
	o.duration_ms = 180000;
	o.seed = 7;
	CHECK(hpa_sim_new(&sim, &o, &e) == HPA_OK);
	rc = hpa_sim_add_from_manifest(sim, manifest, "order-hpa", svc, &hpa, &e);
	if (rc == HPA_OK) {
		dep = hpa_sim_hpa_deployment(sim, hpa);
		rc = hpa_sim_set_load(sim, dep, load, &e);
	}
	if (rc != HPA_OK) {
		/* a service the simulator refuses: said, not crashed */
		failed_cleanly(rc, &e);
		hpa_sim_free(sim);
		return;
	}
	rc = hpa_sim_run(sim, &e);
	if (rc != HPA_OK) {
		failed_cleanly(rc, &e);
		hpa_sim_free(sim);
		return;
	}
	for (size_t i = 0; i < hpa_sim_timeline_count(sim); i++) {
		const hpa_sim_row *r = hpa_sim_timeline_at(sim, i);
		CHECK(r != NULL && r->hpa == hpa);
		CHECK(r->replicas >= 1 && r->replicas <= 5);
		CHECK(r->desired >= 1 && r->desired <= 5);
	}
	memset(&s, 0, sizeof(s));
	CHECK(hpa_sim_summary_get(sim, hpa, &s, &e) == HPA_OK);
	CHECK(s.peak_replicas >= 1 && s.peak_replicas <= 5);
	CHECK(s.final_replicas >= 1 && s.final_replicas <= s.peak_replicas);
	CHECK(s.requests >= 0 && s.requests_dropped >= 0 && s.pod_ms >= 0);
	check_sim_writes(sim);
	hpa_sim_free(sim);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char *load_spec, *svc_spec;
	hpa_sim_load *load = (hpa_sim_load *)&load, *trace = (hpa_sim_load *)&trace;
	hpa_sim_service svc, before;
	hpa_error e = HPA_ERROR_INIT;
	int rc;

	if (!manifest) {
		hpa_error me = HPA_ERROR_INIT;
		CHECK(hpa_manifest_parse_yaml(&manifest, manifest_text, sizeof(manifest_text) - 1, NULL, &me) == HPA_OK);
	}
	load_spec = take_line(&p, end);
	svc_spec = take_line(&p, end);

	/* the CSV trace: the rest, as bytes */
	rc = hpa_sim_load_parse_csv(&trace, (const char *)p, (size_t)(end - p), &e);
	if (rc == HPA_OK) {
		CHECK(trace != NULL);
		hpa_sim_load_free(trace);
	} else {
		failed_cleanly(rc, &e);
		CHECK(trace == NULL);
	}

	e = (hpa_error)HPA_ERROR_INIT;
	rc = hpa_sim_load_parse(&load, load_spec, &e);
	if (rc == HPA_OK) {
		CHECK(load != NULL);
		CHECK(hpa_sim_load_text(load) != NULL && hpa_sim_load_target(load) != NULL);
	} else {
		failed_cleanly(rc, &e);
		CHECK(load == NULL);
	}

	hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
	before = svc;
	e = (hpa_error)HPA_ERROR_INIT;
	rc = hpa_sim_service_parse(&svc, svc_spec, &e);
	if (rc != HPA_OK) {
		failed_cleanly(rc, &e);
		CHECK(memcmp(&svc, &before, sizeof(svc)) == 0);
	} else if (load) {
		simulate(load, &svc);
	}
	hpa_sim_load_free(load);
	free(load_spec);
	free(svc_spec);
	return 0;
}
