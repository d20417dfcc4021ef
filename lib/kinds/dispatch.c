/* lib/kinds/dispatch.c -- the DECL helpers of kinds.def: accessors that
 * follow a metric's `type` to the matching source field, so a caller does
 * not switch over the five source types itself. */
#include "kinds/kinds_int.h"
#include <hpa/autoscaler.h>
#include <stdio.h>

/* Source field of a metric source type, NULL for 0/unknown. `named`: the
 * source carries the resource name directly (no metric identifier). */
static const char *source_key(hpa_metric_source_type_t t, bool *named)
{
	*named = false;
	switch (t) {
	case HPA_METRIC_SOURCE_TYPE_RESOURCE: *named = true; return "resource";
	case HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE: *named = true; return "containerResource";
	case HPA_METRIC_SOURCE_TYPE_PODS: return "pods";
	case HPA_METRIC_SOURCE_TYPE_OBJECT: return "object";
	case HPA_METRIC_SOURCE_TYPE_EXTERNAL: return "external";
	default: return NULL;
	}
}

static const hpa__value *node_of(const void *h) { return (const hpa__value *)h; }

/* The map at <source>.<leaf>, or the scalar text there. */
static const hpa__value *source_map(const hpa__value *n, hpa_metric_source_type_t t, const char *leaf,
	bool named_only_ok)
{
	char path[64];
	bool named;
	const char *k = source_key(t, &named);
	if (!k || (named && !named_only_ok))
		return NULL;
	snprintf(path, sizeof(path), "%s.%s", k, leaf);
	return hpa__kf_obj(n, path);
}

static const char *source_name(const hpa__value *n, hpa_metric_source_type_t t)
{
	char path[64];
	bool named;
	const char *k = source_key(t, &named);
	if (!k)
		return NULL;
	snprintf(path, sizeof(path), named ? "%s.name" : "%s.metric.name", k);
	return hpa__kf_str(n, path);
}

const hpa_metric_target *hpa_metric_spec_target(const hpa_metric_spec *m)
{
	return (const hpa_metric_target *)(const void *)
		source_map(node_of(m), hpa_metric_spec_type(m), "target", true);
}

const char *hpa_metric_spec_metric_name(const hpa_metric_spec *m)
{
	return source_name(node_of(m), hpa_metric_spec_type(m));
}

const hpa_label_selector *hpa_metric_spec_metric_selector(const hpa_metric_spec *m)
{
	return (const hpa_label_selector *)(const void *)
		source_map(node_of(m), hpa_metric_spec_type(m), "metric.selector", false);
}

const hpa_metric_value_status *hpa_metric_status_current(const hpa_metric_status *m)
{
	return (const hpa_metric_value_status *)(const void *)
		source_map(node_of(m), hpa_metric_status_type(m), "current", true);
}

const char *hpa_metric_status_metric_name(const hpa_metric_status *m)
{
	return source_name(node_of(m), hpa_metric_status_type(m));
}

const hpa_label_selector *hpa_metric_status_metric_selector(const hpa_metric_status *m)
{
	return (const hpa_label_selector *)(const void *)
		source_map(node_of(m), hpa_metric_status_type(m), "metric.selector", false);
}
