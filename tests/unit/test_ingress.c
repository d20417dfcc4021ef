/* tests/unit/test_ingress.c -- typed accessors of networking.k8s.io/v1
 * Ingress: class, rules and hosts, paths with pathType and service
 * backends (port number or name), TLS and the default backend. */
#include "helpers.h"
#include <string.h>

static const char *gs(const hpa_ingress *g, const char *path)
{
	const char *v = NULL;
	return hpa_object_get_string(hpa_ingress_object(g), path, &v, NULL) == 0 ? v : NULL;
}

static int32_t gi(const hpa_ingress *g, const char *path)
{
	int32_t v = -12345;
	hpa_object_get_int32(hpa_ingress_object(g), path, &v, NULL);
	return v;
}

static void test_ingress__rules_paths_backends(void)
{
	hpa_ingress *g = NULL;
	hpa_ingress_rule *r = NULL, *r2 = NULL;
	hpa_ingress_path *p = NULL;
	hpa_ingress_backend *b = NULL;
	const hpa_ingress_rule *cr;
	const hpa_ingress_path *cp;
	const hpa_ingress_backend *cb;
	int32_t v = 0;

	CU_ASSERT_EQUAL(hpa_ingress_new(&g, "shop", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_set_ingress_class_name(g, "nginx", NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.ingressClassName"), "nginx");
	CU_ASSERT_STRING_EQUAL(hpa_ingress_ingress_class_name(g), "nginx");

	CU_ASSERT_EQUAL(hpa_ingress_rules_append(g, &r, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_rule_set_host(r, "shop.example.com", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_rule_http_paths_append(r, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_set_path(p, "/api", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_set_path_type(p, HPA_PATH_TYPE_PREFIX, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_backend_mut(p, &b, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_name(b, "api", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_port_number(b, 8080, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_rule_http_paths_append(r, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_set_path(p, "/", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_set_path_type(p, HPA_PATH_TYPE_EXACT, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_backend_mut(p, &b, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_name(b, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_port_name(b, "http", NULL), 0);
	/* a rule without a host, with a resource backend */
	CU_ASSERT_EQUAL(hpa_ingress_rules_append(g, &r2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_rule_http_paths_append(r2, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_set_path_type_str(p, "Regex", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_backend_mut(p, &b, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_resource_api_group(b, "k8s.example.com", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_resource_kind(b, "StorageBucket", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_resource_name(b, "static", NULL), 0);

	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].host"), "shop.example.com");
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].http.paths[0].path"), "/api");
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].http.paths[0].pathType"), "Prefix");
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].http.paths[0].backend.service.name"), "api");
	CU_ASSERT_EQUAL(gi(g, "spec.rules[0].http.paths[0].backend.service.port.number"), 8080);
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].http.paths[1].pathType"), "Exact");
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].http.paths[1].backend.service.port.name"), "http");
	CU_ASSERT_FALSE(hpa_object_has(hpa_ingress_object(g), "spec.rules[1].host"));
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[1].http.paths[0].backend.resource.kind"), "StorageBucket");

	CU_ASSERT_EQUAL(hpa_ingress_rules_count(g), 2);
	cr = hpa_ingress_rules_at(g, 0);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_rule_host(cr), "shop.example.com");
	CU_ASSERT(hpa_ingress_rule_has_http(cr));
	CU_ASSERT_EQUAL(hpa_ingress_rule_http_paths_count(cr), 2);
	cp = hpa_ingress_rule_http_paths_at(cr, 0);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_path_path(cp), "/api");
	CU_ASSERT_EQUAL(hpa_ingress_path_path_type(cp), HPA_PATH_TYPE_PREFIX);
	cb = hpa_ingress_path_backend(cp);
	CU_ASSERT(hpa_ingress_backend_has_service(cb));
	CU_ASSERT_FALSE(hpa_ingress_backend_has_resource(cb));
	CU_ASSERT_STRING_EQUAL(hpa_ingress_backend_service_name(cb), "api");
	CU_ASSERT_EQUAL(hpa_ingress_backend_service_port_number(cb, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 8080);
	CU_ASSERT_FALSE(hpa_ingress_backend_has_service_port_name(cb));
	cb = hpa_ingress_path_backend(hpa_ingress_rule_http_paths_at(cr, 1));
	CU_ASSERT_STRING_EQUAL(hpa_ingress_backend_service_port_name(cb), "http");
	CU_ASSERT_EQUAL(hpa_ingress_backend_service_port_number(cb, &v, NULL), HPA_ENOTFOUND);
	cr = hpa_ingress_rules_at(g, 1);
	CU_ASSERT_PTR_NULL(hpa_ingress_rule_host(cr));
	cp = hpa_ingress_rule_http_paths_at(cr, 0);
	CU_ASSERT_EQUAL(hpa_ingress_path_path_type(cp), HPA_PATH_TYPE_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_path_path_type_str(cp), "Regex");
	cb = hpa_ingress_path_backend(cp);
	CU_ASSERT(hpa_ingress_backend_has_resource(cb));
	CU_ASSERT_STRING_EQUAL(hpa_ingress_backend_resource_api_group(cb), "k8s.example.com");
	CU_ASSERT_STRING_EQUAL(hpa_ingress_backend_resource_name(cb), "static");

	/* switching a backend from number to name: clear one, set the other */
	b = NULL;
	CU_ASSERT_EQUAL(hpa_ingress_path_backend_mut(
		hpa_ingress_rule_http_paths_at_mut(hpa_ingress_rules_at_mut(g, 0), 0), &b, NULL), 0);
	hpa_ingress_backend_clear_service_port_number(b);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_port_name(b, "grpc", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_count(hpa_ingress_object(g), "spec.rules[0].http.paths[0].backend.service.port"), 1);
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.rules[0].http.paths[0].backend.service.port.name"), "grpc");

	CU_ASSERT_EQUAL(hpa_ingress_rules_remove_at(g, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_rules_count(g), 1);
	CU_ASSERT_PTR_NULL(hpa_ingress_rule_host(hpa_ingress_rules_at(g, 0)));
	hpa_ingress_free(g);
}

static void test_ingress__tls_and_default_backend(void)
{
	hpa_ingress *g = NULL;
	hpa_ingress_tls *t = NULL;
	hpa_ingress_backend *b = NULL;
	const hpa_ingress_tls *ct;
	int32_t v = 0;

	CU_ASSERT_EQUAL(hpa_ingress_new(&g, "shop", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_tls_count(g), 0);
	CU_ASSERT_EQUAL(hpa_ingress_tls_append(g, &t, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_tls_hosts_append(t, "shop.example.com", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_tls_hosts_append(t, "www.shop.example.com", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_tls_set_secret_name(t, "shop-tls", NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.tls[0].hosts[1]"), "www.shop.example.com");
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.tls[0].secretName"), "shop-tls");
	ct = hpa_ingress_tls_at(g, 0);
	CU_ASSERT_EQUAL(hpa_ingress_tls_hosts_count(ct), 2);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_tls_hosts_at(ct, 0), "shop.example.com");
	CU_ASSERT_STRING_EQUAL(hpa_ingress_tls_secret_name(ct), "shop-tls");
	CU_ASSERT_EQUAL(hpa_ingress_tls_hosts_remove_at(t, 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_tls_hosts_at(ct, 0), "www.shop.example.com");
	CU_ASSERT_EQUAL(hpa_ingress_tls_hosts_append(t, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_ingress_tls_hosts_count(ct), 1);

	CU_ASSERT_FALSE(hpa_ingress_has_default_backend(g));
	CU_ASSERT_EQUAL(hpa_ingress_default_backend_mut(g, &b, NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_name(b, "fallback", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_backend_set_service_port_number(b, 80, NULL), 0);
	CU_ASSERT_STRING_EQUAL(gs(g, "spec.defaultBackend.service.name"), "fallback");
	CU_ASSERT_EQUAL(gi(g, "spec.defaultBackend.service.port.number"), 80);
	CU_ASSERT_EQUAL(hpa_ingress_backend_service_port_number(hpa_ingress_default_backend(g), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 80);
	hpa_ingress_clear_default_backend(g);
	CU_ASSERT_PTR_NULL(hpa_ingress_default_backend(g));
	hpa_ingress_clear_tls(g);
	CU_ASSERT_FALSE(hpa_object_has(hpa_ingress_object(g), "spec.tls"));
	hpa_ingress_free(g);
}

static CU_TestInfo tests[] = {
	{ "rules_paths_backends", test_ingress__rules_paths_backends },
	{ "tls_and_default_backend", test_ingress__tls_and_default_backend },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_ingress = { "ingress", NULL, NULL, NULL, NULL, tests };
