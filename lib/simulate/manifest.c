/*
 * lib/simulate/manifest.c -- build a simulation from a manifest: the HPA
 * (typed view), its target Deployment (replicas, per-container requests and
 * limits, readiness probe, termination grace) and the Service selecting
 * the Deployment's pods (its name is the load target).
 */
#include "simulate/sim_int.h"
#include <hpa/object.h>

static int find_named(const hpa_manifest *m, int kind, const char *kind_name, const char *name, const char *ns,
	const hpa_object **out)
{
	size_t n = hpa_manifest_count(m);
	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		if (hpa_object_kind(o) != (hpa_kind)kind)
			continue;
		if (kind_name && strcmp(hpa_object_kind_name(o), kind_name) != 0)
			continue;
		if (name && strcmp(hpa_object_name(o), name) != 0)
			continue;
		if (ns && strcmp(hpa_object_namespace(o), ns) != 0)
			continue;
		if (*out)
			return HPA_EDUPLICATE;
		*out = o;
	}
	return *out ? 0 : HPA_ENOTFOUND;
}

/* An error at a field of the Deployment. */
static int field_error(const hpa_object *dep, const char *path, int code, hpa_error *err)
{
	hpa__error_set_path(err, path);
	hpa__error_set_pos(err, hpa_object_line_of(dep, path), hpa_object_column_of(dep, path), SIZE_MAX);
	return code;
}

/* An error about object o of the manifest: its source, its document and,
 * when the error names a field without a position, the field's line and
 * column. */
static int at_object(const hpa_manifest *m, const hpa_object *o, int rc, hpa_error *err)
{
	if (err && err->path[0] && err->line == 0)
		hpa__error_set_pos(err, hpa_object_line_of(o, err->path), hpa_object_column_of(o, err->path), SIZE_MAX);
	hpa__error_set_source(err, hpa_manifest_source(m));
	hpa__error_set_document(err, hpa_object_document(o));
	return rc;
}

/* *acc += v for a quantity of the field at path, within the simulator's
 * bound (HPA_SIM_MAX_QUANTITY; v >= 0 and *acc within it). */
static int add_quantity(const hpa_object *dep, const char *path, int64_t *acc, int64_t v, hpa_error *err)
{
	if (v > HPA_SIM_MAX_QUANTITY - *acc) {
		hpa__error(err, HPA_ERANGE, "the pod's total is above the simulator's bound (%lld %s)",
			(long long)HPA_SIM_MAX_QUANTITY, strstr(path, ".cpu") ? "milli-CPU" : "bytes");
		return field_error(dep, path, HPA_ERANGE, err);
	}
	*acc += v;
	return 0;
}

/* A duration field in seconds, in ms, within the simulator's bound (a day). */
static int seconds_ms(const hpa_object *dep, const char *path, int64_t s, int64_t *ms, hpa_error *err)
{
	if (s > HPA_SIM_MAX_PERIOD_MS / 1000) {
		hpa__error(err, HPA_ERANGE, "%lld s is longer than the simulator's bound of a day (%lld s)",
			(long long)s, (long long)(HPA_SIM_MAX_PERIOD_MS / 1000));
		return field_error(dep, path, HPA_ERANGE, err);
	}
	*ms = s * 1000;
	return 0;
}

/* Sum a resource quantity over all containers; *found tells whether any
 * container sets it. */
static int sum_resource(const hpa_object *dep, const char *which, const char *res, int unit, int64_t *out,
	bool *found, hpa_error *err)
{
	size_t nc = hpa_object_count(dep, "spec.template.spec.containers");
	int64_t total = 0;
	*found = false;
	for (size_t i = 0; i < nc; i++) {
		char path[160];
		const char *text;
		int64_t v;
		snprintf(path, sizeof(path), "spec.template.spec.containers[%zu].resources.%s.%s", i, which, res);
		if (hpa_object_get_text(dep, path, &text, NULL) != 0)
			continue;
		if (hpa__sim_parse_quantity(text, strlen(text), unit, &v) || v < 0) {
			hpa__error(err, HPA_ERANGE, "cannot read quantity '%s'", text);
			return field_error(dep, path, HPA_ERANGE, err);
		}
		if (add_quantity(dep, path, &total, v, err))
			return HPA_ERANGE;
		*found = true;
	}
	*out = total;
	return 0;
}

/* Does every key of the Service's selector match the pod template labels? */
static bool selects(const hpa_object *svc, const hpa_object *dep)
{
	size_t n = hpa_object_count(svc, "spec.selector");
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *key = hpa_object_key_at(svc, "spec.selector", i);
		char path[300];
		const char *want, *have;
		if (!key || strlen(key) > 200)
			return false;
		snprintf(path, sizeof(path), "spec.selector[\"%s\"]", key);
		if (hpa_object_get_string(svc, path, &want, NULL) != 0)
			return false;
		snprintf(path, sizeof(path), "spec.template.metadata.labels[\"%s\"]", key);
		if (hpa_object_get_string(dep, path, &have, NULL) != 0 || strcmp(want, have) != 0)
			return false;
	}
	return true;
}

static int read_deployment(const hpa_object *dep, hpa_sim_deployment *d, hpa_error *err)
{
	int32_t i32;
	int64_t i64;
	bool found;
	int rc;
	size_t nc = hpa_object_count(dep, "spec.template.spec.containers");
	d->name = hpa_object_name(dep);
	if (hpa_object_get_string(dep, "spec.template.spec.containers[0].name", &d->container_name, NULL) != 0)
		d->container_name = NULL;
	d->replicas = 1;
	if (hpa_object_get_int32(dep, "spec.replicas", &i32, NULL) == 0)
		d->replicas = i32;
	if ((rc = sum_resource(dep, "requests", "cpu", HPA__SIM_UNIT_MILLI, &d->cpu_request_milli, &found, err)))
		return rc;
	if ((rc = sum_resource(dep, "limits", "cpu", HPA__SIM_UNIT_MILLI, &d->cpu_limit_milli, &found, err)))
		return rc;
	if (found) {
		/* a container without a CPU limit makes the pod unlimited */
		for (size_t i = 0; i < nc; i++) {
			char path[160];
			snprintf(path, sizeof(path), "spec.template.spec.containers[%zu].resources.limits.cpu", i);
			if (!hpa_object_has(dep, path))
				d->cpu_limit_milli = 0;
		}
	}
	if ((rc = sum_resource(dep, "requests", "memory", HPA__SIM_UNIT_BYTES, &d->memory_request_bytes, &found, err)))
		return rc;
	if ((rc = sum_resource(dep, "limits", "memory", HPA__SIM_UNIT_BYTES, &d->memory_limit_bytes, &found, err)))
		return rc;
	/* Kubernetes: a limit without a request makes the request equal the limit */
	for (size_t i = 0; i < nc; i++) {
		char rp[160], lp[160];
		const char *text;
		int64_t v;
		snprintf(rp, sizeof(rp), "spec.template.spec.containers[%zu].resources.requests.cpu", i);
		snprintf(lp, sizeof(lp), "spec.template.spec.containers[%zu].resources.limits.cpu", i);
		if (!hpa_object_has(dep, rp) && hpa_object_get_text(dep, lp, &text, NULL) == 0 &&
			hpa__sim_parse_quantity(text, strlen(text), HPA__SIM_UNIT_MILLI, &v) == 0 &&
			add_quantity(dep, lp, &d->cpu_request_milli, v, err))
			return HPA_ERANGE;
		snprintf(rp, sizeof(rp), "spec.template.spec.containers[%zu].resources.requests.memory", i);
		snprintf(lp, sizeof(lp), "spec.template.spec.containers[%zu].resources.limits.memory", i);
		if (!hpa_object_has(dep, rp) && hpa_object_get_text(dep, lp, &text, NULL) == 0 &&
			hpa__sim_parse_quantity(text, strlen(text), HPA__SIM_UNIT_BYTES, &v) == 0 &&
			add_quantity(dep, lp, &d->memory_request_bytes, v, err))
			return HPA_ERANGE;
	}
	/* readiness: the first container with a probe (a pod is Ready when all are) */
	d->readiness_initial_delay_ms = -1;
	for (size_t i = 0; i < nc; i++) {
		char path[160];
		snprintf(path, sizeof(path), "spec.template.spec.containers[%zu].readinessProbe", i);
		if (!hpa_object_has(dep, path))
			continue;
		d->readiness_initial_delay_ms = 0;
		d->readiness_period_ms = 10000; /* Kubernetes defaults */
		snprintf(path, sizeof(path), "spec.template.spec.containers[%zu].readinessProbe.initialDelaySeconds", i);
		if (hpa_object_get_int32(dep, path, &i32, NULL) == 0 && i32 >= 0 &&
			(rc = seconds_ms(dep, path, i32, &d->readiness_initial_delay_ms, err)))
			return rc;
		snprintf(path, sizeof(path), "spec.template.spec.containers[%zu].readinessProbe.periodSeconds", i);
		if (hpa_object_get_int32(dep, path, &i32, NULL) == 0 && i32 > 0 &&
			(rc = seconds_ms(dep, path, i32, &d->readiness_period_ms, err)))
			return rc;
		break;
	}
	if (hpa_object_get_int64(dep, "spec.template.spec.terminationGracePeriodSeconds", &i64, NULL) == 0 && i64 >= 0 &&
		(rc = seconds_ms(dep, "spec.template.spec.terminationGracePeriodSeconds", i64, &d->termination_grace_ms, err)))
		return rc;
	return 0;
}

int hpa_sim_add_from_manifest(hpa_sim *sim, const hpa_manifest *manifest, const char *hpa_name,
	const hpa_sim_service *svc, size_t *index_out, hpa_error *err)
{
	const hpa_object *ho = NULL, *dep = NULL, *service = NULL;
	const hpa_autoscaler *a;
	const char *ns, *target_kind, *target_name;
	hpa_sim_deployment d;
	size_t di = SIZE_MAX;
	bool added;
	int rc;
	if (!sim || !manifest)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_add_from_manifest: NULL argument");
	rc = find_named(manifest, HPA_KIND_AUTOSCALER, NULL, hpa_name, NULL, &ho);
	if (rc == HPA_ENOTFOUND)
		return hpa_name ? hpa__error(err, rc, "no HorizontalPodAutoscaler named '%s' in the manifest", hpa_name)
			: hpa__error(err, rc, "no HorizontalPodAutoscaler in the manifest");
	if (rc == HPA_EDUPLICATE)
		return hpa_name ? hpa__error(err, rc, "more than one HorizontalPodAutoscaler named '%s'", hpa_name)
			: hpa__error(err, HPA_EINVAL, "the manifest has several HorizontalPodAutoscalers: name one");
	a = hpa_object_as_autoscaler(ho);
	ns = hpa_object_namespace(ho);
	target_kind = hpa_autoscaler_scale_target_ref_kind(a);
	target_name = hpa_autoscaler_scale_target_ref_name(a);
	if (!target_name || !*target_name) {
		hpa__error(err, HPA_EMISSING, "HorizontalPodAutoscaler %s has no scaleTargetRef.name", hpa_object_name(ho));
		hpa__error_set_path(err, "spec.scaleTargetRef.name");
		return HPA_EMISSING;
	}
	if (!target_kind || strcmp(target_kind, "Deployment") != 0)
		return hpa__error(err, HPA_EUNSUPPORTED, "HorizontalPodAutoscaler %s targets a %s: only Deployments are simulated",
			hpa_object_name(ho), target_kind ? target_kind : "(no kind)");
	rc = find_named(manifest, HPA_KIND_DEPLOYMENT, NULL, target_name, ns, &dep);
	if (rc)
		return hpa__error(err, HPA_ENOTFOUND, "HorizontalPodAutoscaler %s: Deployment '%s' is not in the manifest",
			hpa_object_name(ho), target_name);
	/* the Service in front of the pods */
	for (size_t i = 0, n = hpa_manifest_count(manifest); i < n; i++) {
		const hpa_object *o = hpa_manifest_at(manifest, i);
		if (hpa_object_kind(o) == HPA_KIND_SERVICE && strcmp(hpa_object_namespace(o), ns) == 0 && selects(o, dep)) {
			service = o;
			break;
		}
	}
	hpa_sim_deployment_init(&d, HPA_SIM_DEPLOYMENT_VERSION);
	if ((rc = read_deployment(dep, &d, err)))
		return at_object(manifest, dep, rc, err);
	d.service_name = service ? hpa_object_name(service) : NULL;
	di = hpa__sim_find_name(sim, d.name);
	added = di == SIZE_MAX;
	if (added && (rc = hpa_sim_add_deployment(sim, &d, svc, &di, err)))
		return at_object(manifest, dep, rc, err);
	if ((rc = hpa_sim_add_hpa(sim, a, di, index_out, err))) {
		if (added) /* nothing of a failed call stays */
			hpa__sim_drop_last_deployment(sim);
		return at_object(manifest, ho, rc, err);
	}
	return 0;
}
