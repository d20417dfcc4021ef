/* tests/unit/test_autoscaler.c -- typed accessors of autoscaling/v2
 * HorizontalPodAutoscaler: scaleTargetRef, replica bounds, metrics of the
 * five source types with every target type, behavior in both directions
 * and the status. Read back through the typed getters and the generic path
 * API (Kubernetes paths). */
#include "helpers.h"
#include <string.h>

static const char *gs(const hpa_autoscaler *a, const char *path)
{
	const char *v = NULL;
	return hpa_object_get_string(hpa_autoscaler_object(a), path, &v, NULL) == 0 ? v : NULL;
}

static const char *gt(const hpa_autoscaler *a, const char *path)
{
	const char *v = NULL;
	return hpa_object_get_text(hpa_autoscaler_object(a), path, &v, NULL) == 0 ? v : NULL;
}

static int32_t gi(const hpa_autoscaler *a, const char *path)
{
	int32_t v = -12345;
	hpa_object_get_int32(hpa_autoscaler_object(a), path, &v, NULL);
	return v;
}

static void test_autoscaler__spec(void)
{
	hpa_autoscaler *a = NULL;
	int32_t v = 0;
	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
	CU_ASSERT_FALSE(hpa_autoscaler_has_scale_target_ref(a));
	CU_ASSERT_EQUAL(hpa_autoscaler_set_scale_target_ref_api_version(a, "apps/v1", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_scale_target_ref_kind(a, "Deployment", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_scale_target_ref_name(a, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_min_replicas(a, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_max_replicas(a, 10, NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.scaleTargetRef.apiVersion"), "apps/v1");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.scaleTargetRef.kind"), "Deployment");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.scaleTargetRef.name"), "web");
	CU_ASSERT_EQUAL(gi(a, "spec.minReplicas"), 0);
	CU_ASSERT_EQUAL(gi(a, "spec.maxReplicas"), 10);
	CU_ASSERT(hpa_autoscaler_has_scale_target_ref(a));
	CU_ASSERT_STRING_EQUAL(hpa_autoscaler_scale_target_ref_kind(a), "Deployment");
	/* minReplicas 0 is set, not absent (default 1 is not substituted) */
	v = 99;
	CU_ASSERT(hpa_autoscaler_has_min_replicas(a));
	CU_ASSERT_EQUAL(hpa_autoscaler_min_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	hpa_autoscaler_clear_min_replicas(a);
	CU_ASSERT_EQUAL(hpa_autoscaler_min_replicas(a, &v, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_autoscaler_max_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 10);
	/* the spec keeps the order the fields were first set */
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(hpa_autoscaler_object(a), "spec", 0), "scaleTargetRef");
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(hpa_autoscaler_object(a), "spec", 1), "maxReplicas");
	hpa_autoscaler_free(a);
}

/* One metric of each source type, each with a different target type. */
static void build_metrics(hpa_autoscaler *a)
{
	hpa_metric_spec *m = NULL;
	hpa_metric_target *t = NULL;
	hpa_label_selector *sel = NULL;

	/* Resource cpu: Utilization 60 */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_append(a, &m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_RESOURCE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_resource_name(m, "cpu", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_resource_target_mut(m, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_UTILIZATION, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_average_utilization(t, 60, NULL), 0);
	/* ContainerResource memory of container "app": AverageValue 512Mi */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_append(a, &m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_container_resource_name(m, "memory", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_container_resource_container(m, "app", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_container_resource_target_mut(m, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_average_value(t, "512Mi", NULL), 0);
	/* Pods packets-per-second with a selector: AverageValue 1k */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_append(a, &m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_PODS, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_pods_metric_name(m, "packets-per-second", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_pods_metric_selector_mut(m, &sel, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_match_labels_set(sel, "verb", "GET", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_pods_target_mut(m, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_average_value(t, "1k", NULL), 0);
	/* Object requests-per-second of an Ingress: Value 10k */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_append(a, &m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_OBJECT, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_object_described_object_api_version(m, "networking.k8s.io/v1", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_object_described_object_kind(m, "Ingress", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_object_described_object_name(m, "main-route", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_object_metric_name(m, "requests-per-second", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_object_target_mut(m, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_VALUE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_value(t, "10k", NULL), 0);
	/* External queue length with a selector: AverageValue 30 (milli setter) */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_append(a, &m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_EXTERNAL, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_external_metric_name(m, "queue_messages_ready", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_external_metric_selector_mut(m, &sel, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_match_labels_set(sel, "queue", "worker_tasks", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_external_target_mut(m, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_type(t, HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_target_set_average_value_milli(t, 30000, NULL), 0);
}

static void test_autoscaler__metrics_all_sources(void)
{
	hpa_autoscaler *a = NULL;
	const hpa_metric_spec *m;
	const hpa_metric_target *t;
	int32_t v = 0;

	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
	build_metrics(a);
	/* tree by Kubernetes paths */
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[0].type"), "Resource");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[0].resource.name"), "cpu");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[0].resource.target.type"), "Utilization");
	CU_ASSERT_EQUAL(gi(a, "spec.metrics[0].resource.target.averageUtilization"), 60);
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[1].type"), "ContainerResource");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[1].containerResource.container"), "app");
	CU_ASSERT_STRING_EQUAL(gt(a, "spec.metrics[1].containerResource.target.averageValue"), "512Mi");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[2].pods.metric.name"), "packets-per-second");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[2].pods.metric.selector.matchLabels.verb"), "GET");
	CU_ASSERT_STRING_EQUAL(gt(a, "spec.metrics[2].pods.target.averageValue"), "1k");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[3].object.describedObject.kind"), "Ingress");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[3].object.describedObject.apiVersion"), "networking.k8s.io/v1");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[3].object.metric.name"), "requests-per-second");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[3].object.target.type"), "Value");
	CU_ASSERT_STRING_EQUAL(gt(a, "spec.metrics[3].object.target.value"), "10k");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[4].external.metric.selector.matchLabels.queue"), "worker_tasks");
	/* 30000 thousandths = 30 (canonical: whole units carry no suffix) */
	CU_ASSERT_STRING_EQUAL(gt(a, "spec.metrics[4].external.target.averageValue"), "30");

	/* typed reads */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_count(a), 5);
	m = hpa_autoscaler_metrics_at(a, 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_type(m), HPA_METRIC_SOURCE_TYPE_RESOURCE);
	CU_ASSERT(hpa_metric_spec_has_resource(m));
	CU_ASSERT_FALSE(hpa_metric_spec_has_pods(m));
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_resource_name(m), "cpu");
	t = hpa_metric_spec_resource_target(m);
	CU_ASSERT_EQUAL(hpa_metric_target_type(t), HPA_METRIC_TARGET_TYPE_UTILIZATION);
	CU_ASSERT_EQUAL(hpa_metric_target_average_utilization(t, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 60);
	CU_ASSERT_PTR_NULL(hpa_metric_target_average_value(t));
	CU_ASSERT_PTR_NULL(hpa_metric_spec_pods_target(m)); /* other sources absent */

	m = hpa_autoscaler_metrics_at(a, 1);
	CU_ASSERT_EQUAL(hpa_metric_spec_type(m), HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE);
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_container_resource_name(m), "memory");
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_container_resource_container(m), "app");
	t = hpa_metric_spec_container_resource_target(m);
	CU_ASSERT_EQUAL(hpa_metric_target_type(t), HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE);
	CU_ASSERT_STRING_EQUAL(hpa_metric_target_average_value(t), "512Mi");
	{
		int64_t mv = 0;
		CU_ASSERT_EQUAL(hpa_metric_target_average_value_milli(t, &mv, NULL), 0);
		CU_ASSERT_EQUAL(mv, INT64_C(536870912000)); /* 512 * 2^20 * 1000 */
	}
	CU_ASSERT_EQUAL(hpa_metric_target_average_utilization(t, &v, NULL), HPA_ENOTFOUND);

	m = hpa_autoscaler_metrics_at(a, 2);
	CU_ASSERT_EQUAL(hpa_metric_spec_type(m), HPA_METRIC_SOURCE_TYPE_PODS);
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_pods_metric_name(m), "packets-per-second");
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_match_labels_get(hpa_metric_spec_pods_metric_selector(m), "verb"), "GET");
	CU_ASSERT_STRING_EQUAL(hpa_metric_target_average_value(hpa_metric_spec_pods_target(m)), "1k");

	m = hpa_autoscaler_metrics_at(a, 3);
	CU_ASSERT_EQUAL(hpa_metric_spec_type(m), HPA_METRIC_SOURCE_TYPE_OBJECT);
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_object_described_object_api_version(m), "networking.k8s.io/v1");
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_object_described_object_kind(m), "Ingress");
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_object_described_object_name(m), "main-route");
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_object_metric_name(m), "requests-per-second");
	CU_ASSERT_PTR_NULL(hpa_metric_spec_object_metric_selector(m));
	t = hpa_metric_spec_object_target(m);
	CU_ASSERT_EQUAL(hpa_metric_target_type(t), HPA_METRIC_TARGET_TYPE_VALUE);
	CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(t), "10k");

	m = hpa_autoscaler_metrics_at(a, 4);
	CU_ASSERT_EQUAL(hpa_metric_spec_type(m), HPA_METRIC_SOURCE_TYPE_EXTERNAL);
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_external_metric_name(m), "queue_messages_ready");
	CU_ASSERT_EQUAL(hpa_label_selector_match_labels_count(hpa_metric_spec_external_metric_selector(m)), 1);
	CU_ASSERT_STRING_EQUAL(hpa_metric_target_average_value(hpa_metric_spec_external_target(m)), "30");
	CU_ASSERT_PTR_NULL(hpa_autoscaler_metrics_at(a, 5));

	/* quantity setters check their text */
	{
		hpa_metric_target *mt = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int64_t mv = 0;
		CU_ASSERT_EQUAL(hpa_metric_spec_object_target_mut(hpa_autoscaler_metrics_at_mut(a, 3), &mt, NULL), 0);
		CU_ASSERT_EQUAL(hpa_metric_target_set_value(mt, "ten", &e), HPA_ETYPE);
		CU_ASSERT_STRING_EQUAL(e.path, "value");
		CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(mt), "10k");
		CU_ASSERT_EQUAL(hpa_metric_target_value_milli(mt, &mv, NULL), 0);
		CU_ASSERT_EQUAL(mv, INT64_C(10000000)); /* 10k = 10^4, times 1000 */
		/* 1n = 10^-9: the milli-value rounds up, as upstream MilliValue() */
		CU_ASSERT_EQUAL(hpa_metric_target_set_value(mt, "1n", NULL), 0);
		CU_ASSERT_EQUAL(hpa_metric_target_value_milli(mt, &mv, NULL), 0);
		CU_ASSERT_EQUAL(mv, 1);
		CU_ASSERT_EQUAL(hpa_metric_target_average_value_milli(mt, &mv, NULL), HPA_ENOTFOUND);
		/* canonical forms of milli-values (upstream Quantity.String()) */
		CU_ASSERT_EQUAL(hpa_metric_target_set_value_milli(mt, 1000000, NULL), 0);
		CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(mt), "1k");
		CU_ASSERT_EQUAL(hpa_metric_target_set_value_milli(mt, 2000, NULL), 0);
		CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(mt), "2");
		CU_ASSERT_EQUAL(hpa_metric_target_set_value_milli(mt, 1500, NULL), 0);
		CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(mt), "1500m");
		CU_ASSERT_EQUAL(hpa_metric_target_set_value_milli(mt, -250, NULL), 0);
		CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(mt), "-250m");
	}
	/* remove the Pods metric: Object moves to index 2 */
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_remove_at(a, 2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_type(hpa_autoscaler_metrics_at(a, 2)), HPA_METRIC_SOURCE_TYPE_OBJECT);
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.metrics[2].type"), "Object");
	hpa_autoscaler_clear_metrics(a);
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_count(a), 0);
	hpa_autoscaler_free(a);
}

static void test_autoscaler__behavior(void)
{
	hpa_autoscaler *a = NULL;
	hpa_scaling_rules *up = NULL, *down = NULL;
	hpa_scaling_policy *p = NULL;
	const hpa_scaling_rules *cr;
	const hpa_scaling_policy *cp;
	int32_t v = 0;

	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
	CU_ASSERT_FALSE(hpa_autoscaler_has_behavior(a));
	CU_ASSERT_PTR_NULL(hpa_autoscaler_behavior_scale_up(a));
	CU_ASSERT_EQUAL(hpa_autoscaler_behavior_scale_up_mut(a, &up, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_stabilization_window_seconds(up, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_select_policy(up, HPA_SCALING_POLICY_SELECT_MAX, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_policies_append(up, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_policy_set_type(p, HPA_SCALING_POLICY_TYPE_PERCENT, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_policy_set_value(p, 100, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_policy_set_period_seconds(p, 15, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_policies_append(up, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_policy_set_type(p, HPA_SCALING_POLICY_TYPE_PODS, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_policy_set_value(p, 4, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_policy_set_period_seconds(p, 15, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_tolerance(up, "0.05", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_behavior_scale_down_mut(a, &down, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_stabilization_window_seconds(down, 300, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_select_policy(down, HPA_SCALING_POLICY_SELECT_DISABLED, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_tolerance_milli(down, 100, NULL), 0);

	CU_ASSERT_EQUAL(gi(a, "spec.behavior.scaleUp.stabilizationWindowSeconds"), 0);
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.behavior.scaleUp.selectPolicy"), "Max");
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.behavior.scaleUp.policies[0].type"), "Percent");
	CU_ASSERT_EQUAL(gi(a, "spec.behavior.scaleUp.policies[0].value"), 100);
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.behavior.scaleUp.policies[1].type"), "Pods");
	CU_ASSERT_EQUAL(gi(a, "spec.behavior.scaleUp.policies[1].value"), 4);
	CU_ASSERT_EQUAL(gi(a, "spec.behavior.scaleUp.policies[1].periodSeconds"), 15);
	CU_ASSERT_STRING_EQUAL(gt(a, "spec.behavior.scaleUp.tolerance"), "0.05");
	CU_ASSERT_EQUAL(gi(a, "spec.behavior.scaleDown.stabilizationWindowSeconds"), 300);
	CU_ASSERT_STRING_EQUAL(gs(a, "spec.behavior.scaleDown.selectPolicy"), "Disabled");
	CU_ASSERT_STRING_EQUAL(gt(a, "spec.behavior.scaleDown.tolerance"), "100m");

	cr = hpa_autoscaler_behavior_scale_up(a);
	CU_ASSERT_PTR_EQUAL(cr, up);
	CU_ASSERT_EQUAL(hpa_scaling_rules_stabilization_window_seconds(cr, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_select_policy(cr), HPA_SCALING_POLICY_SELECT_MAX);
	CU_ASSERT_STRING_EQUAL(hpa_scaling_rules_tolerance(cr), "0.05");
	{
		int64_t m = 0;
		CU_ASSERT_EQUAL(hpa_scaling_rules_tolerance_milli(cr, &m, NULL), 0);
		CU_ASSERT_EQUAL(m, 50);
		CU_ASSERT_EQUAL(hpa_scaling_rules_tolerance_milli(hpa_autoscaler_behavior_scale_down(a), &m, NULL), 0);
		CU_ASSERT_EQUAL(m, 100);
	}
	CU_ASSERT_EQUAL(hpa_scaling_rules_policies_count(cr), 2);
	cp = hpa_scaling_rules_policies_at(cr, 1);
	CU_ASSERT_EQUAL(hpa_scaling_policy_type(cp), HPA_SCALING_POLICY_TYPE_PODS);
	CU_ASSERT_EQUAL(hpa_scaling_policy_value(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 4);
	CU_ASSERT_EQUAL(hpa_scaling_policy_period_seconds(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 15);
	cr = hpa_autoscaler_behavior_scale_down(a);
	CU_ASSERT_EQUAL(hpa_scaling_rules_select_policy(cr), HPA_SCALING_POLICY_SELECT_DISABLED);
	CU_ASSERT_EQUAL(hpa_scaling_rules_policies_count(cr), 0);
	CU_ASSERT_FALSE(hpa_scaling_rules_has_policies(cr));
	hpa_autoscaler_clear_behavior_scale_up(a);
	CU_ASSERT_PTR_NULL(hpa_autoscaler_behavior_scale_up(a));
	CU_ASSERT(hpa_autoscaler_has_behavior(a));
	hpa_autoscaler_free(a);
}

static void test_autoscaler__status(void)
{
	hpa_autoscaler *a = NULL;
	hpa_metric_status *ms = NULL;
	hpa_metric_value_status *cur = NULL;
	hpa_condition *c = NULL;
	hpa_label_selector *sel = NULL;
	const hpa_metric_status *cms;
	const hpa_condition *cc;
	int32_t v = 0;
	int64_t g = 0;

	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_status_current_replicas(a, 3, NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_status_desired_replicas(a, 5, NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_status_observed_generation(a, 12, NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_status_last_scale_time(a, "2024-05-01T12:00:00Z", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_status_last_scale_time(a, "12:00", NULL), HPA_ETYPE);
	/* every source type in currentMetrics */
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_RESOURCE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_resource_name(ms, "cpu", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_resource_current_mut(ms, &cur, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_average_utilization(cur, 83, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_average_value(cur, "415m", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_container_resource_name(ms, "memory", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_container_resource_container(ms, "app", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_container_resource_current_mut(ms, &cur, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_average_value(cur, "300Mi", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_PODS, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_pods_metric_name(ms, "packets-per-second", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_pods_current_mut(ms, &cur, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_average_value(cur, "950", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_OBJECT, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_object_described_object_kind(ms, "Ingress", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_object_described_object_name(ms, "main-route", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_object_described_object_api_version(ms, "networking.k8s.io/v1", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_object_metric_name(ms, "requests-per-second", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_object_current_mut(ms, &cur, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_value(cur, "12k", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_EXTERNAL, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_external_metric_name(ms, "queue_messages_ready", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_external_metric_selector_mut(ms, &sel, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_match_labels_set(sel, "queue", "worker_tasks", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_external_current_mut(ms, &cur, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_average_value(cur, "42", NULL), 0);
	/* conditions */
	CU_ASSERT_EQUAL(hpa_autoscaler_status_conditions_append(a, &c, NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_type(c, "AbleToScale", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_status(c, "True", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_reason(c, "ReadyForNewScale", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_message(c, "recommended size matches current size", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_last_transition_time(c, "2024-05-01T11:59:00Z", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_conditions_append(a, &c, NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_type(c, "ScalingLimited", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_status(c, "Unknown", NULL), 0);

	CU_ASSERT_EQUAL(gi(a, "status.currentReplicas"), 3);
	CU_ASSERT_EQUAL(gi(a, "status.desiredReplicas"), 5);
	CU_ASSERT_STRING_EQUAL(gs(a, "status.lastScaleTime"), "2024-05-01T12:00:00Z");
	CU_ASSERT_EQUAL(gi(a, "status.currentMetrics[0].resource.current.averageUtilization"), 83);
	CU_ASSERT_STRING_EQUAL(gt(a, "status.currentMetrics[0].resource.current.averageValue"), "415m");
	CU_ASSERT_STRING_EQUAL(gs(a, "status.currentMetrics[1].containerResource.container"), "app");
	CU_ASSERT_STRING_EQUAL(gt(a, "status.currentMetrics[2].pods.current.averageValue"), "950");
	CU_ASSERT_STRING_EQUAL(gs(a, "status.currentMetrics[3].object.describedObject.name"), "main-route");
	CU_ASSERT_STRING_EQUAL(gt(a, "status.currentMetrics[3].object.current.value"), "12k");
	CU_ASSERT_STRING_EQUAL(gs(a, "status.currentMetrics[4].external.metric.selector.matchLabels.queue"), "worker_tasks");
	CU_ASSERT_STRING_EQUAL(gs(a, "status.conditions[0].lastTransitionTime"), "2024-05-01T11:59:00Z");
	CU_ASSERT_STRING_EQUAL(gs(a, "status.conditions[1].status"), "Unknown");

	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_desired_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 5);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_observed_generation(a, &g, NULL), 0);
	CU_ASSERT_EQUAL(g, 12);
	CU_ASSERT_STRING_EQUAL(hpa_autoscaler_status_last_scale_time(a), "2024-05-01T12:00:00Z");
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_count(a), 5);
	cms = hpa_autoscaler_status_current_metrics_at(a, 0);
	CU_ASSERT_EQUAL(hpa_metric_status_type(cms), HPA_METRIC_SOURCE_TYPE_RESOURCE);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_resource_name(cms), "cpu");
	CU_ASSERT_EQUAL(hpa_metric_value_status_average_utilization(hpa_metric_status_resource_current(cms), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 83);
	CU_ASSERT_STRING_EQUAL(hpa_metric_value_status_average_value(hpa_metric_status_resource_current(cms)), "415m");
	cms = hpa_autoscaler_status_current_metrics_at(a, 1);
	CU_ASSERT_EQUAL(hpa_metric_status_type(cms), HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_container_resource_name(cms), "memory");
	CU_ASSERT_STRING_EQUAL(hpa_metric_value_status_average_value(hpa_metric_status_container_resource_current(cms)), "300Mi");
	cms = hpa_autoscaler_status_current_metrics_at(a, 2);
	CU_ASSERT_EQUAL(hpa_metric_status_type(cms), HPA_METRIC_SOURCE_TYPE_PODS);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_pods_metric_name(cms), "packets-per-second");
	CU_ASSERT_PTR_NULL(hpa_metric_status_pods_metric_selector(cms));
	CU_ASSERT_STRING_EQUAL(hpa_metric_value_status_average_value(hpa_metric_status_pods_current(cms)), "950");
	cms = hpa_autoscaler_status_current_metrics_at(a, 3);
	CU_ASSERT_EQUAL(hpa_metric_status_type(cms), HPA_METRIC_SOURCE_TYPE_OBJECT);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_object_described_object_kind(cms), "Ingress");
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_object_described_object_api_version(cms), "networking.k8s.io/v1");
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_object_metric_name(cms), "requests-per-second");
	CU_ASSERT_STRING_EQUAL(hpa_metric_value_status_value(hpa_metric_status_object_current(cms)), "12k");
	CU_ASSERT_PTR_NULL(hpa_metric_value_status_average_value(hpa_metric_status_object_current(cms)));
	cms = hpa_autoscaler_status_current_metrics_at(a, 4);
	CU_ASSERT_EQUAL(hpa_metric_status_type(cms), HPA_METRIC_SOURCE_TYPE_EXTERNAL);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_external_metric_name(cms), "queue_messages_ready");
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_match_labels_get(hpa_metric_status_external_metric_selector(cms), "queue"), "worker_tasks");
	CU_ASSERT_STRING_EQUAL(hpa_metric_value_status_average_value(hpa_metric_status_external_current(cms)), "42");
	CU_ASSERT_EQUAL(hpa_autoscaler_status_conditions_count(a), 2);
	cc = hpa_autoscaler_status_conditions_at(a, 0);
	CU_ASSERT_STRING_EQUAL(hpa_condition_type(cc), "AbleToScale");
	CU_ASSERT_STRING_EQUAL(hpa_condition_reason(cc), "ReadyForNewScale");
	CU_ASSERT_STRING_EQUAL(hpa_condition_message(cc), "recommended size matches current size");
	CU_ASSERT_STRING_EQUAL(hpa_condition_last_transition_time(cc), "2024-05-01T11:59:00Z");
	cc = hpa_autoscaler_status_conditions_at(a, 1);
	CU_ASSERT_STRING_EQUAL(hpa_condition_status(cc), "Unknown");
	CU_ASSERT_FALSE(hpa_condition_has_reason(cc));
	hpa_autoscaler_clear_status(a);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_count(a), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_desired_replicas(a, &v, NULL), HPA_ENOTFOUND);
	hpa_autoscaler_free(a);
}

/* The type-dispatching helpers follow `type` to the matching source. */
static void test_autoscaler__dispatch_by_type(void)
{
	hpa_autoscaler *a = NULL;
	hpa_metric_spec *m = NULL;
	hpa_metric_status *ms = NULL;
	hpa_metric_value_status *cur = NULL;
	hpa_label_selector *sel = NULL;
	static const char *names[] = { "cpu", "memory", "packets-per-second", "requests-per-second",
		"queue_messages_ready" };
	int32_t v = 0;

	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
	build_metrics(a);
	for (size_t i = 0; i < 5; i++) {
		const hpa_metric_spec *cm = hpa_autoscaler_metrics_at(a, i);
		CU_ASSERT_PTR_NOT_NULL(hpa_metric_spec_target(cm));
		CU_ASSERT_STRING_EQUAL(hpa_metric_spec_metric_name(cm), names[i]);
	}
	/* each target is the one of its own source */
	CU_ASSERT_PTR_EQUAL(hpa_metric_spec_target(hpa_autoscaler_metrics_at(a, 0)),
		hpa_metric_spec_resource_target(hpa_autoscaler_metrics_at(a, 0)));
	CU_ASSERT_PTR_EQUAL(hpa_metric_spec_target(hpa_autoscaler_metrics_at(a, 1)),
		hpa_metric_spec_container_resource_target(hpa_autoscaler_metrics_at(a, 1)));
	CU_ASSERT_EQUAL(hpa_metric_target_average_utilization(hpa_metric_spec_target(hpa_autoscaler_metrics_at(a, 0)), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 60);
	CU_ASSERT_STRING_EQUAL(hpa_metric_target_value(hpa_metric_spec_target(hpa_autoscaler_metrics_at(a, 3))), "10k");
	/* selectors exist only on metric identifiers */
	CU_ASSERT_PTR_NULL(hpa_metric_spec_metric_selector(hpa_autoscaler_metrics_at(a, 0)));
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_match_labels_get(
		hpa_metric_spec_metric_selector(hpa_autoscaler_metrics_at(a, 2)), "verb"), "GET");
	CU_ASSERT_PTR_NULL(hpa_metric_spec_metric_selector(hpa_autoscaler_metrics_at(a, 3)));
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_match_labels_get(
		hpa_metric_spec_metric_selector(hpa_autoscaler_metrics_at(a, 4)), "queue"), "worker_tasks");
	/* the type decides, not which field happens to be present */
	m = hpa_autoscaler_metrics_at_mut(a, 0);
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type(m, HPA_METRIC_SOURCE_TYPE_PODS, NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_metric_spec_target(m));
	CU_ASSERT_PTR_NULL(hpa_metric_spec_metric_name(m));
	CU_ASSERT_EQUAL(hpa_metric_spec_set_type_str(m, "Latency", NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_metric_spec_target(m));
	hpa_metric_spec_clear_type(m);
	CU_ASSERT_PTR_NULL(hpa_metric_spec_metric_name(m));
	CU_ASSERT_PTR_NULL(hpa_metric_spec_target(NULL));

	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_EXTERNAL, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_external_metric_name(ms, "queue_messages_ready", NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_external_metric_selector_mut(ms, &sel, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_external_current_mut(ms, &cur, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_value_status_set_value(cur, "7", NULL), 0);
	CU_ASSERT_PTR_EQUAL(hpa_metric_status_current(ms), cur);
	CU_ASSERT_PTR_EQUAL(hpa_metric_status_metric_selector(ms), sel);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_metric_name(ms), "queue_messages_ready");
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_metrics_append(a, &ms, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_type(ms, HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_metric_status_set_container_resource_name(ms, "cpu", NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_metric_status_metric_name(ms), "cpu");
	CU_ASSERT_PTR_NULL(hpa_metric_status_current(ms));
	CU_ASSERT_PTR_NULL(hpa_metric_status_metric_selector(ms));
	hpa_autoscaler_free(a);
}

static CU_TestInfo tests[] = {
	{ "spec", test_autoscaler__spec },
	{ "metrics_all_sources", test_autoscaler__metrics_all_sources },
	{ "dispatch_by_type", test_autoscaler__dispatch_by_type },
	{ "behavior", test_autoscaler__behavior },
	{ "status", test_autoscaler__status },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_autoscaler = { "autoscaler", NULL, NULL, NULL, NULL, tests };
