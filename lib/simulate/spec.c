/*
 * lib/simulate/spec.c -- read what the reports need from an HPA spec:
 * min/max replicas, the metric list with its targets, the scale-down window
 * in effect, the target kind. (The decision itself is hpa/decide.h's.)
 */
#include "simulate/sim_int.h"
#include <hpa/object_meta.h>

int hpa__sim_read_spec(hpa__sim_hpa *h, const hpa_autoscaler *a, const hpa_decide_options *o, hpa_error *err)
{
	int32_t v;
	size_t n = hpa_autoscaler_metrics_count(a);
	const char *kind = hpa_autoscaler_scale_target_ref_kind(a);
	h->min_replicas = 1; /* API default */
	if (hpa_autoscaler_has_min_replicas(a) && hpa_autoscaler_min_replicas(a, &v, NULL) == 0)
		h->min_replicas = v;
	if (!hpa_autoscaler_has_max_replicas(a) || hpa_autoscaler_max_replicas(a, &v, NULL) != 0)
		return hpa__error(err, HPA_EMISSING, "HPA without spec.maxReplicas");
	h->max_replicas = v;
	h->target_kind = hpa__strdup(kind && *kind ? kind : "Deployment");
	if (!h->target_kind)
		return hpa__enomem(err);
	h->n_mdesc = 0;
	if (n == 0) {
		/* API defaulting: cpu at 80 % */
		hpa__sim_mdesc *m = &h->mdesc[h->n_mdesc++];
		m->type = HPA_METRIC_SOURCE_TYPE_RESOURCE;
		hpa__strlcpy(m->resource, "cpu", sizeof(m->resource));
		m->target_type = HPA_METRIC_TARGET_TYPE_UTILIZATION;
		m->target_util = 80;
	}
	for (size_t i = 0; i < n && h->n_mdesc < HPA_SIM_MAX_METRICS; i++) {
		const hpa_metric_spec *ms = hpa_autoscaler_metrics_at(a, i);
		hpa__sim_mdesc *m = &h->mdesc[h->n_mdesc++];
		const hpa_metric_target *t = NULL;
		const char *name = NULL;
		memset(m, 0, sizeof(*m));
		m->type = (int32_t)hpa_metric_spec_type(ms);
		switch (m->type) {
		case HPA_METRIC_SOURCE_TYPE_RESOURCE:
			name = hpa_metric_spec_resource_name(ms);
			t = hpa_metric_spec_resource_target(ms);
			break;
		case HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE:
			name = hpa_metric_spec_container_resource_name(ms);
			t = hpa_metric_spec_container_resource_target(ms);
			break;
		case HPA_METRIC_SOURCE_TYPE_PODS:
			name = hpa_metric_spec_pods_metric_name(ms);
			t = hpa_metric_spec_pods_target(ms);
			break;
		case HPA_METRIC_SOURCE_TYPE_OBJECT:
			name = hpa_metric_spec_object_metric_name(ms);
			t = hpa_metric_spec_object_target(ms);
			break;
		case HPA_METRIC_SOURCE_TYPE_EXTERNAL:
			name = hpa_metric_spec_external_metric_name(ms);
			t = hpa_metric_spec_external_target(ms);
			break;
		default:
			break;
		}
		hpa__strlcpy(m->resource, name ? name : "?", sizeof(m->resource));
		if (t) {
			int64_t x;
			m->target_type = (int32_t)hpa_metric_target_type(t);
			if (hpa_metric_target_has_average_utilization(t) &&
				hpa_metric_target_average_utilization(t, &v, NULL) == 0)
				m->target_util = v;
			if (hpa_metric_target_has_average_value(t) && hpa_metric_target_average_value_milli(t, &x, NULL) == 0)
				m->target_milli = x;
			else if (hpa_metric_target_has_value(t) && hpa_metric_target_value_milli(t, &x, NULL) == 0)
				m->target_milli = x;
		}
	}
	h->has_behavior = hpa_autoscaler_has_behavior(a);
	h->down_window_ms = o->downscale_stabilization_ms;
	if (h->has_behavior && hpa_autoscaler_has_behavior_scale_down(a)) {
		const hpa_scaling_rules *r = hpa_autoscaler_behavior_scale_down(a);
		if (r && hpa_scaling_rules_has_stabilization_window_seconds(r) &&
			hpa_scaling_rules_stabilization_window_seconds(r, &v, NULL) == 0)
			h->down_window_ms = (int64_t)v * 1000;
	}
	return 0;
}
