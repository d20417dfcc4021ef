/* tests/unit/test_deployment.c -- typed accessors of apps/v1 Deployment:
 * replicas, selector, strategy, pod template, containers, ports, env,
 * resources, probes, status. Objects are built with the setters and read
 * back both through the typed getters and through the generic path API
 * (paths written from the Kubernetes API reference). */
#include "helpers.h"
#include <string.h>

static hpa_deployment *dep;

static int setup_dep(void)
{
	return hpa_deployment_new(&dep, "web", NULL) == 0 ? 0 : -1;
}

static void teardown(void)
{
	hpa_deployment_free(dep);
	dep = NULL;
}

static const hpa_object *O(void) { return hpa_deployment_object(dep); }

static const char *gs(const char *path)
{
	const char *s = NULL;
	return hpa_object_get_string(O(), path, &s, NULL) == 0 ? s : NULL;
}

static int32_t gi(const char *path)
{
	int32_t v = -12345;
	hpa_object_get_int32(O(), path, &v, NULL);
	return v;
}

static void test_deployment__spec_scalars(void)
{
	int32_t v = 0;
	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(dep, 3, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_min_ready_seconds(dep, 5, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_revision_history_limit(dep, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_progress_deadline_seconds(dep, 600, NULL), 0);
	CU_ASSERT_EQUAL(gi("spec.replicas"), 3);
	CU_ASSERT_EQUAL(gi("spec.minReadySeconds"), 5);
	CU_ASSERT_EQUAL(gi("spec.revisionHistoryLimit"), 0);
	CU_ASSERT_EQUAL(gi("spec.progressDeadlineSeconds"), 600);
	CU_ASSERT_EQUAL(hpa_deployment_revision_history_limit(dep, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(dep, INT32_MAX, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_replicas(dep, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, INT32_MAX);
	/* key order of spec is the order of first setting */
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(O(), "spec", 0), "replicas");
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(O(), "spec", 3), "progressDeadlineSeconds");
	/* the path API writes, the typed API reads */
	CU_ASSERT_EQUAL(hpa_object_set_int32(hpa_deployment_object_mut(dep), "spec.replicas", 9, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_replicas(dep, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 9);
	teardown();
}

static void test_deployment__selector(void)
{
	hpa_label_selector *sel = NULL;
	hpa_label_selector_requirement *req = NULL, *req2 = NULL;
	const hpa_label_selector *csel;
	const hpa_label_selector_requirement *creq;
	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_PTR_NULL(hpa_deployment_selector(dep));
	CU_ASSERT_EQUAL(hpa_deployment_selector_mut(dep, &sel, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_match_labels_set(sel, "app", "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_append(sel, &req, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_set_key(req, "tier", NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_set_operator(req, HPA_LABEL_SELECTOR_OPERATOR_IN, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_values_append(req, "frontend", NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_values_append(req, "edge", NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_append(sel, &req2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_set_key(req2, "canary", NULL), 0);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_set_operator(req2, HPA_LABEL_SELECTOR_OPERATOR_DOES_NOT_EXIST, NULL), 0);

	CU_ASSERT_STRING_EQUAL(gs("spec.selector.matchLabels.app"), "web");
	CU_ASSERT_STRING_EQUAL(gs("spec.selector.matchExpressions[0].operator"), "In");
	CU_ASSERT_STRING_EQUAL(gs("spec.selector.matchExpressions[0].values[1]"), "edge");
	CU_ASSERT_STRING_EQUAL(gs("spec.selector.matchExpressions[1].operator"), "DoesNotExist");
	CU_ASSERT_FALSE(hpa_object_has(O(), "spec.selector.matchExpressions[1].values"));

	csel = hpa_deployment_selector(dep);
	CU_ASSERT_PTR_EQUAL(csel, sel);
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_count(csel), 2);
	creq = hpa_label_selector_match_expressions_at(csel, 0);
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_requirement_key(creq), "tier");
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_operator(creq), HPA_LABEL_SELECTOR_OPERATOR_IN);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_values_count(creq), 2);
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_requirement_values_at(creq, 0), "frontend");
	CU_ASSERT_PTR_NULL(hpa_label_selector_match_expressions_at(csel, 2));
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_remove_at(sel, 0, NULL), 0);
	creq = hpa_label_selector_match_expressions_at(csel, 0);
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_requirement_key(creq), "canary");
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_remove_at(sel, 1, NULL), HPA_ENOTFOUND);
	hpa_label_selector_clear_match_expressions(sel);
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_count(csel), 0);
	CU_ASSERT_FALSE(hpa_object_has(O(), "spec.selector.matchExpressions"));
	CU_ASSERT_EQUAL(hpa_label_selector_match_labels_count(csel), 1);
	teardown();
}

static void test_deployment__strategy(void)
{
	int32_t v = 0;
	const char *s = NULL;
	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_FALSE(hpa_deployment_has_strategy(dep));
	CU_ASSERT_EQUAL(hpa_deployment_strategy_type(dep), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_type(dep, HPA_DEPLOYMENT_STRATEGY_TYPE_ROLLING_UPDATE, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_surge_str(dep, "25%", NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_unavailable_int(dep, 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs("spec.strategy.type"), "RollingUpdate");
	CU_ASSERT_STRING_EQUAL(gs("spec.strategy.rollingUpdate.maxSurge"), "25%");
	CU_ASSERT_EQUAL(gi("spec.strategy.rollingUpdate.maxUnavailable"), 0);
	CU_ASSERT_EQUAL(hpa_object_type(O(), "spec.strategy.rollingUpdate.maxUnavailable"), HPA_VALUE_INT);
	CU_ASSERT(hpa_deployment_has_strategy_rolling_update(dep));

	/* int-or-string trio */
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_type(dep), HPA_VALUE_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_str(dep), "25%");
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_int(dep, &v, NULL), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_unavailable_type(dep), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_unavailable_int(dep, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_PTR_NULL(hpa_deployment_strategy_rolling_update_max_unavailable_str(dep));
	/* a numeric string stays a string */
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_surge_str(dep, "1", NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_type(dep), HPA_VALUE_STRING);
	CU_ASSERT_EQUAL(hpa_object_get_string(O(), "spec.strategy.rollingUpdate.maxSurge", &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "1");
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_surge_int(dep, 2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_type(dep), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_int(dep, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2);
	/* resolved against a replica count (upstream rollout rules: surge rounds
	 * up, unavailable rounds down): 25% of 10 = 2.5 -> 3 up, 2 down */
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_scaled(dep, 10, true, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2); /* the integer form is taken as is */
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_surge_str(dep, "25%", NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_scaled(dep, 10, true, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_scaled(dep, 10, false, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2);
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_unavailable_str(dep, "50%", NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_unavailable_scaled(dep, 3, false, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_unavailable_scaled(dep, 3, true, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2);
	{
		hpa_error e = HPA_ERROR_INIT;
		CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_surge_str(dep, "fast", NULL), 0);
		CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_scaled(dep, 10, true, &v, &e), HPA_ETYPE);
		CU_ASSERT_STRING_EQUAL(e.path, "spec.strategy.rollingUpdate.maxSurge");
	}
	hpa_deployment_clear_strategy_rolling_update_max_surge(dep);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_scaled(dep, 10, true, &v, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_type(dep), 0);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_int(dep, &v, NULL), HPA_ENOTFOUND);
	/* Recreate takes no rollingUpdate: clear the whole sub-map */
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_type(dep, HPA_DEPLOYMENT_STRATEGY_TYPE_RECREATE, NULL), 0);
	hpa_deployment_clear_strategy_rolling_update(dep);
	CU_ASSERT_FALSE(hpa_object_has(O(), "spec.strategy.rollingUpdate"));
	CU_ASSERT_EQUAL(hpa_object_count(O(), "spec.strategy"), 1);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_type(dep), HPA_DEPLOYMENT_STRATEGY_TYPE_RECREATE);
	teardown();
}

static void test_deployment__template_and_containers(void)
{
	hpa_pod_template *t = NULL;
	hpa_object_meta *pm = NULL;
	hpa_container *c = NULL, *side = NULL, *init = NULL;
	hpa_container_port *p = NULL;
	hpa_env_var *ev = NULL;
	const hpa_pod_template *ct;
	const hpa_container *cc;
	int32_t v = 0;
	int64_t g = 0;

	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_EQUAL(hpa_deployment_template_mut(dep, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_metadata_mut(t, &pm, NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(pm, "app", "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_set_service_account_name(t, "web-sa", NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_set_termination_grace_period_seconds(t, 30, NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_node_selector_set(t, "kubernetes.io/os", "linux", NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_set_restart_policy(t, HPA_RESTART_POLICY_ALWAYS, NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_append(t, &c, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_name(c, "app", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_image(c, "registry.example/web:1.4.2", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_image_pull_policy(c, HPA_PULL_POLICY_IF_NOT_PRESENT, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_command_append(c, "/bin/web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_args_append(c, "--listen=:8080", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_working_dir(c, "/srv", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_ports_append(c, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_port_set_name(p, "http", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_port_set_container_port(p, 8080, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_port_set_protocol(p, HPA_PROTOCOL_TCP, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_ports_append(c, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_port_set_container_port(p, 9090, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_port_set_host_port(p, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_port_set_host_ip(p, "0.0.0.0", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_env_append(c, &ev, NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_name(ev, "MODE", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value(ev, "", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_env_append(c, &ev, NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_name(ev, "POD_NAME", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value_from_field_ref_field_path(ev, "metadata.name", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_env_append(c, &ev, NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_name(ev, "DB_PASSWORD", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value_from_secret_key_ref_name(ev, "db", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value_from_secret_key_ref_key(ev, "password", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_env_append(c, &ev, NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_name(ev, "CFG", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value_from_config_map_key_ref_name(ev, "settings", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value_from_config_map_key_ref_key(ev, "cfg", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_env_append(c, &ev, NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_name(ev, "CPU_LIMIT", NULL), 0);
	CU_ASSERT_EQUAL(hpa_env_var_set_value_from_resource_field_ref_resource(ev, "limits.cpu", NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_append(t, &side, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_name(side, "proxy", NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_init_containers_append(t, &init, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_name(init, "migrate", NULL), 0);

	/* the tree, by the Kubernetes paths */
	CU_ASSERT_STRING_EQUAL(gs("spec.template.metadata.labels.app"), "web");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.serviceAccountName"), "web-sa");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.restartPolicy"), "Always");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.nodeSelector[\"kubernetes.io/os\"]"), "linux");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].name"), "app");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].image"), "registry.example/web:1.4.2");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].imagePullPolicy"), "IfNotPresent");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].command[0]"), "/bin/web");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].args[0]"), "--listen=:8080");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].workingDir"), "/srv");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].ports[0].name"), "http");
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].ports[0].containerPort"), 8080);
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].ports[0].protocol"), "TCP");
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].ports[1].containerPort"), 9090);
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].ports[1].hostPort"), 0);
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].ports[1].hostIP"), "0.0.0.0");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].env[0].value"), "");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath"), "metadata.name");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.key"), "password");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].env[3].valueFrom.configMapKeyRef.name"), "settings");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].env[4].valueFrom.resourceFieldRef.resource"), "limits.cpu");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[1].name"), "proxy");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.initContainers[0].name"), "migrate");

	/* read back through const handles */
	ct = hpa_deployment_template(dep);
	CU_ASSERT_PTR_EQUAL(ct, t);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_get(hpa_pod_template_metadata(ct), "app"), "web");
	CU_ASSERT_EQUAL(hpa_pod_template_restart_policy(ct), HPA_RESTART_POLICY_ALWAYS);
	CU_ASSERT_EQUAL(hpa_pod_template_termination_grace_period_seconds(ct, &g, NULL), 0);
	CU_ASSERT_EQUAL(g, 30);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_count(ct), 2);
	CU_ASSERT_EQUAL(hpa_pod_template_init_containers_count(ct), 1);
	cc = hpa_pod_template_containers_at(ct, 0);
	CU_ASSERT_STRING_EQUAL(hpa_container_name(cc), "app");
	CU_ASSERT_EQUAL(hpa_container_image_pull_policy(cc), HPA_PULL_POLICY_IF_NOT_PRESENT);
	CU_ASSERT_EQUAL(hpa_container_ports_count(cc), 2);
	CU_ASSERT_EQUAL(hpa_container_port_container_port(hpa_container_ports_at(cc, 0), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 8080);
	CU_ASSERT_EQUAL(hpa_container_port_protocol(hpa_container_ports_at(cc, 0)), HPA_PROTOCOL_TCP);
	CU_ASSERT_EQUAL(hpa_container_port_protocol(hpa_container_ports_at(cc, 1)), 0); /* default TCP, absent */
	CU_ASSERT_EQUAL(hpa_container_port_host_port(hpa_container_ports_at(cc, 1), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_container_env_count(cc), 5);
	CU_ASSERT_FALSE(hpa_env_var_has_value_from(hpa_container_env_at(cc, 0)));
	CU_ASSERT(hpa_env_var_has_value(hpa_container_env_at(cc, 0)));
	CU_ASSERT_STRING_EQUAL(hpa_env_var_value(hpa_container_env_at(cc, 0)), "");
	CU_ASSERT(hpa_env_var_has_value_from(hpa_container_env_at(cc, 1)));
	CU_ASSERT_FALSE(hpa_env_var_has_value(hpa_container_env_at(cc, 1)));
	CU_ASSERT_PTR_NULL(hpa_env_var_value(hpa_container_env_at(cc, 1)));
	CU_ASSERT_STRING_EQUAL(hpa_env_var_value_from_secret_key_ref_name(hpa_container_env_at(cc, 2)), "db");
	CU_ASSERT_STRING_EQUAL(hpa_env_var_value_from_config_map_key_ref_key(hpa_container_env_at(cc, 3)), "cfg");
	CU_ASSERT_PTR_NULL(hpa_container_env_at(cc, 5));
	CU_ASSERT_EQUAL(hpa_container_command_count(cc), 1);
	CU_ASSERT_STRING_EQUAL(hpa_container_args_at(cc, 0), "--listen=:8080");
	CU_ASSERT_PTR_NULL(hpa_container_args_at(cc, 1));

	/* a mutable handle from _at_mut edits the same node */
	CU_ASSERT_EQUAL(hpa_container_set_image(hpa_pod_template_containers_at_mut(t, 1), "envoy:1.30", NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[1].image"), "envoy:1.30");
	CU_ASSERT_PTR_NULL(hpa_pod_template_containers_at_mut(t, 2));
	/* remove the first container: the sidecar moves to index 0 */
	CU_ASSERT_EQUAL(hpa_pod_template_containers_remove_at(t, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_count(ct), 1);
	CU_ASSERT_STRING_EQUAL(hpa_container_name(hpa_pod_template_containers_at(ct, 0)), "proxy");
	CU_ASSERT_EQUAL(hpa_pod_template_containers_remove_at(t, 1, NULL), HPA_ENOTFOUND);
	hpa_pod_template_clear_init_containers(t);
	CU_ASSERT_FALSE(hpa_object_has(O(), "spec.template.spec.initContainers"));
	teardown();
}

static void test_deployment__resources(void)
{
	hpa_pod_template *t = NULL;
	hpa_container *c = NULL;
	hpa_error e = HPA_ERROR_INIT;
	const char *s = NULL;
	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_EQUAL(hpa_deployment_template_mut(dep, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_append(t, &c, NULL), 0);
	CU_ASSERT_FALSE(hpa_container_has_resources(c));
	CU_ASSERT_EQUAL(hpa_container_resources_requests_set(c, "cpu", "250m", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_resources_requests_set(c, "memory", "64Mi", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_resources_limits_set(c, "cpu", "1", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_resources_limits_set(c, "memory", "1.5Gi", NULL), 0);
	CU_ASSERT(hpa_container_has_resources(c));
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].resources.requests.cpu"), "250m");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].resources.limits.memory"), "1.5Gi");
	CU_ASSERT_EQUAL(hpa_container_resources_requests_count(c), 2);
	CU_ASSERT_STRING_EQUAL(hpa_container_resources_requests_key_at(c, 1), "memory");
	CU_ASSERT_STRING_EQUAL(hpa_container_resources_requests_value_at(c, 1), "64Mi");
	CU_ASSERT_STRING_EQUAL(hpa_container_resources_limits_get(c, "cpu"), "1");
	/* not a quantity: refused, nothing changes */
	CU_ASSERT_EQUAL(hpa_container_resources_limits_set(c, "cpu", "one core", &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "resources.limits");
	CU_ASSERT_STRING_EQUAL(hpa_container_resources_limits_get(c, "cpu"), "1");
	CU_ASSERT_EQUAL(hpa_container_resources_limits_set(c, "cpu", "", NULL), HPA_ETYPE);
	/* milli-values, computed by hand: 250m = 250; 64Mi = 64 * 2^20 bytes;
	 * 1 = 1000; 1.5Gi = 1.5 * 2^30 bytes */
	{
		int64_t m = -1;
		CU_ASSERT_EQUAL(hpa_container_resources_requests_milli(c, "cpu", &m, NULL), 0);
		CU_ASSERT_EQUAL(m, 250);
		CU_ASSERT_EQUAL(hpa_container_resources_requests_milli(c, "memory", &m, NULL), 0);
		CU_ASSERT_EQUAL(m, INT64_C(67108864000));
		CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "cpu", &m, NULL), 0);
		CU_ASSERT_EQUAL(m, 1000);
		CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "memory", &m, NULL), 0);
		CU_ASSERT_EQUAL(m, INT64_C(1610612736000));
		m = -1;
		CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "ephemeral-storage", &m, &e), HPA_ENOTFOUND);
		CU_ASSERT_EQUAL(m, -1);
		/* a number is a quantity too (`cpu: 2` as the YAML reader keeps it) */
		CU_ASSERT_EQUAL(hpa_object_set_int32(hpa_deployment_object_mut(dep),
			"spec.template.spec.containers[0].resources.limits.cpu", 2, NULL), 0);
		CU_ASSERT_STRING_EQUAL(hpa_container_resources_limits_get(c, "cpu"), "2");
		CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "cpu", &m, NULL), 0);
		CU_ASSERT_EQUAL(m, 2000);
		/* 10E = 10^19: its milli-value does not fit int64 */
		CU_ASSERT_EQUAL(hpa_container_resources_limits_set(c, "huge", "10E", NULL), 0);
		CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "huge", &m, &e), HPA_ERANGE);
		CU_ASSERT_STRING_EQUAL(e.path, "resources.limits");
	}
	CU_ASSERT_EQUAL(hpa_container_resources_requests_remove(c, "cpu", NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_container_resources_requests_get(c, "cpu"));
	CU_ASSERT_EQUAL(hpa_container_resources_requests_count(c), 1);
	CU_ASSERT_EQUAL(hpa_object_get_text(O(), "spec.template.spec.containers[0].resources.requests.memory", &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "64Mi");
	hpa_container_clear_resources_limits(c);
	CU_ASSERT_EQUAL(hpa_container_resources_limits_count(c), 0);
	CU_ASSERT(hpa_container_has_resources_requests(c));
	teardown();
}

static void test_deployment__probes(void)
{
	hpa_pod_template *t = NULL;
	hpa_container *c = NULL;
	hpa_probe *rp = NULL, *lp = NULL, *sp = NULL;
	const hpa_probe *cp;
	int32_t v = 0;
	int64_t g = 0;
	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_EQUAL(hpa_deployment_template_mut(dep, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_append(t, &c, NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_container_readiness_probe(c));

	/* readiness: HTTP GET on a named port */
	CU_ASSERT_EQUAL(hpa_container_readiness_probe_mut(c, &rp, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_http_get_path(rp, "/healthz", NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_http_get_port_str(rp, "http", NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_http_get_scheme(rp, HPA_URI_SCHEME_HTTPS, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_initial_delay_seconds(rp, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_period_seconds(rp, 5, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_timeout_seconds(rp, 2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_failure_threshold(rp, 3, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_success_threshold(rp, 2, NULL), 0);
	/* liveness: TCP on a numbered port */
	CU_ASSERT_EQUAL(hpa_container_liveness_probe_mut(c, &lp, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_tcp_socket_port_int(lp, 8080, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_termination_grace_period_seconds(lp, 10, NULL), 0);
	/* startup: exec */
	CU_ASSERT_EQUAL(hpa_container_startup_probe_mut(c, &sp, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_exec_command_append(sp, "cat", NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_exec_command_append(sp, "/tmp/ready", NULL), 0);
	/* _mut on an existing part returns the same part */
	{
		hpa_probe *again = NULL;
		CU_ASSERT_EQUAL(hpa_container_readiness_probe_mut(c, &again, NULL), 0);
		CU_ASSERT_PTR_EQUAL(again, rp);
		CU_ASSERT_EQUAL(hpa_container_liveness_probe_mut(c, NULL, NULL), 0);
	}

	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].readinessProbe.httpGet.path"), "/healthz");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].readinessProbe.httpGet.port"), "http");
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].readinessProbe.httpGet.scheme"), "HTTPS");
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].readinessProbe.initialDelaySeconds"), 0);
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].readinessProbe.periodSeconds"), 5);
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].readinessProbe.timeoutSeconds"), 2);
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].readinessProbe.failureThreshold"), 3);
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].readinessProbe.successThreshold"), 2);
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].livenessProbe.tcpSocket.port"), 8080);
	CU_ASSERT_STRING_EQUAL(gs("spec.template.spec.containers[0].startupProbe.exec.command[1]"), "/tmp/ready");

	cp = hpa_container_readiness_probe(hpa_pod_template_containers_at(hpa_deployment_template(dep), 0));
	CU_ASSERT(hpa_probe_has_http_get(cp));
	CU_ASSERT_FALSE(hpa_probe_has_tcp_socket(cp));
	CU_ASSERT_FALSE(hpa_probe_has_exec(cp));
	CU_ASSERT_FALSE(hpa_probe_has_grpc(cp));
	CU_ASSERT_EQUAL(hpa_probe_http_get_port_type(cp), HPA_VALUE_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_probe_http_get_port_str(cp), "http");
	CU_ASSERT_EQUAL(hpa_probe_http_get_scheme(cp), HPA_URI_SCHEME_HTTPS);
	CU_ASSERT_EQUAL(hpa_probe_initial_delay_seconds(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_probe_success_threshold(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2);
	CU_ASSERT_FALSE(hpa_probe_has_http_get_host(cp));
	cp = hpa_container_liveness_probe(c);
	CU_ASSERT(hpa_probe_has_tcp_socket(cp));
	CU_ASSERT_EQUAL(hpa_probe_tcp_socket_port_type(cp), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_probe_tcp_socket_port_int(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 8080);
	CU_ASSERT_EQUAL(hpa_probe_period_seconds(cp, &v, NULL), HPA_ENOTFOUND); /* default 10, not substituted */
	CU_ASSERT_EQUAL(hpa_probe_termination_grace_period_seconds(cp, &g, NULL), 0);
	CU_ASSERT_EQUAL(g, 10);
	cp = hpa_container_startup_probe(c);
	CU_ASSERT(hpa_probe_has_exec(cp));
	CU_ASSERT_EQUAL(hpa_probe_exec_command_count(cp), 2);
	CU_ASSERT_STRING_EQUAL(hpa_probe_exec_command_at(cp, 0), "cat");

	/* switch the startup probe to gRPC */
	hpa_probe_clear_exec(sp);
	CU_ASSERT_EQUAL(hpa_probe_set_grpc_port(sp, 9000, NULL), 0);
	CU_ASSERT_EQUAL(hpa_probe_set_grpc_service(sp, "health", NULL), 0);
	CU_ASSERT_FALSE(hpa_probe_has_exec(sp));
	CU_ASSERT_EQUAL(gi("spec.template.spec.containers[0].startupProbe.grpc.port"), 9000);
	CU_ASSERT_EQUAL(hpa_object_count(O(), "spec.template.spec.containers[0].startupProbe"), 1);
	hpa_container_clear_liveness_probe(c);
	CU_ASSERT_PTR_NULL(hpa_container_liveness_probe(c));
	teardown();
}

static void test_deployment__status(void)
{
	hpa_condition *c = NULL;
	const hpa_condition *cc;
	int32_t v = 0;
	int64_t g = 0;
	CU_ASSERT_EQUAL(setup_dep(), 0);
	CU_ASSERT_FALSE(hpa_deployment_has_status(dep));
	CU_ASSERT_EQUAL(hpa_deployment_set_status_replicas(dep, 3, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_status_ready_replicas(dep, 2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_status_available_replicas(dep, 2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_status_updated_replicas(dep, 3, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_status_unavailable_replicas(dep, 1, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_status_observed_generation(dep, 7, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_status_conditions_append(dep, &c, NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_type(c, "Available", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_status(c, "True", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_reason(c, "MinimumReplicasAvailable", NULL), 0);
	CU_ASSERT_EQUAL(hpa_condition_set_last_update_time(c, "2024-05-01T12:00:00Z", NULL), 0);
	CU_ASSERT_EQUAL(gi("status.readyReplicas"), 2);
	CU_ASSERT_EQUAL(gi("status.unavailableReplicas"), 1);
	CU_ASSERT_STRING_EQUAL(gs("status.conditions[0].reason"), "MinimumReplicasAvailable");
	CU_ASSERT_STRING_EQUAL(gs("status.conditions[0].lastUpdateTime"), "2024-05-01T12:00:00Z");
	/* spec.replicas and status.replicas are different fields */
	CU_ASSERT_FALSE(hpa_deployment_has_replicas(dep));
	CU_ASSERT_EQUAL(hpa_deployment_status_replicas(dep, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_EQUAL(hpa_deployment_status_observed_generation(dep, &g, NULL), 0);
	CU_ASSERT_EQUAL(g, 7);
	cc = hpa_deployment_status_conditions_at(dep, 0);
	CU_ASSERT_STRING_EQUAL(hpa_condition_type(cc), "Available");
	CU_ASSERT_STRING_EQUAL(hpa_condition_status(cc), "True");
	CU_ASSERT_PTR_NULL(hpa_condition_message(cc));
	hpa_deployment_clear_status(dep);
	CU_ASSERT_EQUAL(hpa_deployment_status_conditions_count(dep), 0);
	CU_ASSERT_FALSE(hpa_object_has(O(), "status"));
	teardown();
}

static CU_TestInfo tests[] = {
	{ "spec_scalars", test_deployment__spec_scalars },
	{ "selector", test_deployment__selector },
	{ "strategy", test_deployment__strategy },
	{ "template_and_containers", test_deployment__template_and_containers },
	{ "resources", test_deployment__resources },
	{ "probes", test_deployment__probes },
	{ "status", test_deployment__status },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_deployment = { "deployment", NULL, NULL, NULL, NULL, tests };
