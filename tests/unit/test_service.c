/* tests/unit/test_service.c -- typed accessors of v1 Service: type,
 * selector, ports (name, port, targetPort int-or-string, protocol,
 * nodePort) and the other spec scalars, checked against the generic path
 * API with the Kubernetes paths. */
#include "helpers.h"
#include <string.h>

static const char *gs(const hpa_service *s, const char *path)
{
	const char *v = NULL;
	return hpa_object_get_string(hpa_service_object(s), path, &v, NULL) == 0 ? v : NULL;
}

static int32_t gi(const hpa_service *s, const char *path)
{
	int32_t v = -12345;
	hpa_object_get_int32(hpa_service_object(s), path, &v, NULL);
	return v;
}

static void test_service__type_and_selector(void)
{
	hpa_service *s = NULL;
	CU_ASSERT_EQUAL(hpa_service_new(&s, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_type(s, HPA_SERVICE_TYPE_NODE_PORT, NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.type"), "NodePort");
	CU_ASSERT_EQUAL(hpa_service_type(s), HPA_SERVICE_TYPE_NODE_PORT);
	CU_ASSERT_EQUAL(hpa_service_selector_count(s), 0);
	CU_ASSERT_FALSE(hpa_service_has_selector(s));
	CU_ASSERT_EQUAL(hpa_service_selector_set(s, "app", "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_selector_set(s, "app.kubernetes.io/part-of", "mall", NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.selector.app"), "web");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.selector[\"app.kubernetes.io/part-of\"]"), "mall");
	CU_ASSERT_EQUAL(hpa_service_selector_count(s), 2);
	CU_ASSERT_STRING_EQUAL(hpa_service_selector_key_at(s, 1), "app.kubernetes.io/part-of");
	CU_ASSERT_STRING_EQUAL(hpa_service_selector_value_at(s, 1), "mall");
	/* an empty selector map is present, not absent */
	hpa_service_clear_selector(s);
	CU_ASSERT_FALSE(hpa_service_has_selector(s));
	CU_ASSERT_EQUAL(hpa_object_set_empty(hpa_service_object_mut(s), "spec.selector", false, NULL), 0);
	CU_ASSERT(hpa_service_has_selector(s));
	CU_ASSERT_EQUAL(hpa_service_selector_count(s), 0);

	CU_ASSERT_EQUAL(hpa_service_set_cluster_ip(s, "None", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_session_affinity(s, HPA_SERVICE_AFFINITY_CLIENT_IP, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_external_traffic_policy(s, HPA_SERVICE_EXTERNAL_TRAFFIC_POLICY_LOCAL, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_internal_traffic_policy(s, HPA_SERVICE_INTERNAL_TRAFFIC_POLICY_CLUSTER, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_publish_not_ready_addresses(s, true, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_health_check_node_port(s, 30999, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_external_name(s, "db.example.com", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_set_load_balancer_ip(s, "10.0.0.9", NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.clusterIP"), "None");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.sessionAffinity"), "ClientIP");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.externalTrafficPolicy"), "Local");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.internalTrafficPolicy"), "Cluster");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.externalName"), "db.example.com");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.loadBalancerIP"), "10.0.0.9");
	CU_ASSERT_EQUAL(gi(s, "spec.healthCheckNodePort"), 30999);
	{
		bool b = false;
		CU_ASSERT_EQUAL(hpa_object_get_bool(hpa_service_object(s), "spec.publishNotReadyAddresses", &b, NULL), 0);
		CU_ASSERT(b);
	}
	CU_ASSERT_EQUAL(hpa_service_session_affinity(s), HPA_SERVICE_AFFINITY_CLIENT_IP);
	CU_ASSERT_EQUAL(hpa_service_external_traffic_policy(s), HPA_SERVICE_EXTERNAL_TRAFFIC_POLICY_LOCAL);
	CU_ASSERT_EQUAL(hpa_service_internal_traffic_policy(s), HPA_SERVICE_INTERNAL_TRAFFIC_POLICY_CLUSTER);
	hpa_service_free(s);
}

static void test_service__ports(void)
{
	hpa_service *s = NULL;
	hpa_service_port *p = NULL, *q = NULL;
	const hpa_service_port *cp;
	int32_t v = 0;
	hpa_error e = HPA_ERROR_INIT;

	CU_ASSERT_EQUAL(hpa_service_new(&s, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_ports_count(s), 0);
	CU_ASSERT_EQUAL(hpa_service_ports_append(s, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_name(p, "http", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_port(p, 80, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_target_port_str(p, "http", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_protocol(p, HPA_PROTOCOL_TCP, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_node_port(p, 30080, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_app_protocol(p, "kubernetes.io/h2c", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_ports_append(s, &q, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_name(q, "metrics", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_port(q, 9090, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_target_port_int(q, 8080, NULL), 0);

	CU_ASSERT_STRING_EQUAL(gs(s, "spec.ports[0].name"), "http");
	CU_ASSERT_EQUAL(gi(s, "spec.ports[0].port"), 80);
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.ports[0].targetPort"), "http");
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.ports[0].protocol"), "TCP");
	CU_ASSERT_EQUAL(gi(s, "spec.ports[0].nodePort"), 30080);
	CU_ASSERT_STRING_EQUAL(gs(s, "spec.ports[0].appProtocol"), "kubernetes.io/h2c");
	CU_ASSERT_EQUAL(gi(s, "spec.ports[1].targetPort"), 8080);
	CU_ASSERT_EQUAL(hpa_object_type(hpa_service_object(s), "spec.ports[1].targetPort"), HPA_VALUE_INT);

	CU_ASSERT_EQUAL(hpa_service_ports_count(s), 2);
	cp = hpa_service_ports_at(s, 0);
	CU_ASSERT_STRING_EQUAL(hpa_service_port_name(cp), "http");
	CU_ASSERT_EQUAL(hpa_service_port_port(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 80);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_type(cp), HPA_VALUE_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_service_port_target_port_str(cp), "http");
	CU_ASSERT_EQUAL(hpa_service_port_target_port_int(cp, &v, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "targetPort");
	CU_ASSERT_EQUAL(hpa_service_port_protocol(cp), HPA_PROTOCOL_TCP);
	CU_ASSERT_EQUAL(hpa_service_port_node_port(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 30080);
	cp = hpa_service_ports_at(s, 1);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_type(cp), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_int(cp, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 8080);
	CU_ASSERT_PTR_NULL(hpa_service_port_target_port_str(cp));
	CU_ASSERT_EQUAL(hpa_service_port_protocol(cp), 0);
	CU_ASSERT_EQUAL(hpa_service_port_node_port(cp, &v, NULL), HPA_ENOTFOUND);
	CU_ASSERT_PTR_NULL(hpa_service_ports_at(s, 2));
	/* "8080" as a string is a port name-shaped value, kept as a string */
	CU_ASSERT_EQUAL(hpa_service_port_set_target_port_str(hpa_service_ports_at_mut(s, 1), "8080", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_type(cp), HPA_VALUE_STRING);
	CU_ASSERT_EQUAL(hpa_object_type(hpa_service_object(s), "spec.ports[1].targetPort"), HPA_VALUE_STRING);
	/* remove and clear */
	CU_ASSERT_EQUAL(hpa_service_ports_remove_at(s, 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_service_port_name(hpa_service_ports_at(s, 0)), "metrics");
	hpa_service_clear_ports(s);
	CU_ASSERT_EQUAL(hpa_service_ports_count(s), 0);
	CU_ASSERT_EQUAL(hpa_service_ports_remove_at(s, 0, NULL), HPA_ENOTFOUND);
	hpa_service_free(s);
}

static CU_TestInfo tests[] = {
	{ "type_and_selector", test_service__type_and_selector },
	{ "ports", test_service__ports },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_service = { "service", NULL, NULL, NULL, NULL, tests };
