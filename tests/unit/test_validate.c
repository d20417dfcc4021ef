/* tests/unit/test_validate.c -- per-object validation: the syntax checks of
 * k8s.io/apimachinery with their exact messages, quantities, and the
 * Deployment/Service/Ingress/HPA rules on small manifests. Every expected
 * message is written from the upstream Go sources (pkg/apis/{apps,core,networking,autoscaling}/validation,
 * apimachinery util/validation and api/validate/content; see docs/lint.md),
 * never from running libhpa. */
#include "helpers.h"
#include "validate/validate_int.h"
#include <hpa/codec.h>
#include <hpa/validate.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

/* ---- syntax checks ---------------------------------------------------------------- */

#define LABEL_MSG "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " \
	"and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used " \
	"for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
#define SUBDOMAIN_MSG "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' " \
	"or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for " \
	"validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
#define DNS1035_MSG "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with " \
	"an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex " \
	"used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"

static void test_validate__dns_names(void)
{
	hpa__msgs ms;
	char long64[65];
	memset(long64, 'a', 64);
	long64[64] = '\0';
	ms.n = 0; hpa__chk_dns1123_label(&ms, "order");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_dns1123_label(&ms, "Order_1");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], LABEL_MSG);
	ms.n = 0; hpa__chk_dns1123_label(&ms, "a.b");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must not contain dots");
	ms.n = 0; hpa__chk_dns1123_label(&ms, long64);
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must be no more than 63 characters");
	ms.n = 0; hpa__chk_dns1123_label(&ms, "");
	CU_ASSERT_EQUAL(ms.n, 1);
	ms.n = 0; hpa__chk_dns1123_subdomain(&ms, "api.example.com");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_dns1123_subdomain(&ms, "-api.example.com");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], SUBDOMAIN_MSG);
	ms.n = 0; hpa__chk_dns1123_subdomain(&ms, "a..b");
	CU_ASSERT_EQUAL(ms.n, 1);
	ms.n = 0; hpa__chk_dns1035_label(&ms, "1svc");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], DNS1035_MSG);
	ms.n = 0; hpa__chk_dns1035_label(&ms, "svc-1");
	CU_ASSERT_EQUAL(ms.n, 0);
}

static void test_validate__label_syntax(void)
{
	hpa__msgs ms;
	ms.n = 0; hpa__chk_qualified_name(&ms, "app.kubernetes.io/name");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_qualified_name(&ms, "My.Key_1");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_qualified_name(&ms, "/name");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "prefix part: must be non-empty");
	ms.n = 0; hpa__chk_qualified_name(&ms, "Example.com/name");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "prefix part: " SUBDOMAIN_MSG);
	ms.n = 0; hpa__chk_qualified_name(&ms, "a/b/c");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must consist of a name which starts and ends with alphanumeric characters "
		"and consist of alphanumeric characters, '-', '_' or '.', and an optional DNS subdomain prefix and '/' "
		"(e.g. \"my.name\", \"MyName\", \"example.com/my-name\")");
	ms.n = 0; hpa__chk_qualified_name(&ms, "-x");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "name part: must start and end with alphanumeric characters");
	ms.n = 0; hpa__chk_qualified_name(&ms, "a*b");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "name part: must contain only alphanumeric characters, '-', '_', or '.'");
	ms.n = 0; hpa__chk_qualified_name(&ms, "x/");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "name part: must be non-empty");
	ms.n = 0; hpa__chk_label_value(&ms, "");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_label_value(&ms, "v1.2_beta-3");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_label_value(&ms, "a b");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must contain only alphanumeric characters, '-', '_', or '.'");
	ms.n = 0; hpa__chk_label_value(&ms, "\xec\xa3\xbc\xeb\xac\xb8");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must start and end with alphanumeric characters");
}

static void test_validate__port_names_and_percent(void)
{
	hpa__msgs ms;
	ms.n = 0; hpa__chk_port_name(&ms, "http-alt");
	CU_ASSERT_EQUAL(ms.n, 0);
	ms.n = 0; hpa__chk_port_name(&ms, "HTTP");
	CU_ASSERT_EQUAL(ms.n, 2);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
	CU_ASSERT_STRING_EQUAL(ms.m[1], "must contain at least one letter (a-z)");
	ms.n = 0; hpa__chk_port_name(&ms, "8080");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must contain at least one letter (a-z)");
	ms.n = 0; hpa__chk_port_name(&ms, "a--b");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must not contain consecutive hyphens");
	ms.n = 0; hpa__chk_port_name(&ms, "-ab");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must not begin or end with a hyphen");
	ms.n = 0; hpa__chk_port_name(&ms, "abcdefghijklmnop");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "must be no more than 15 characters");
	ms.n = 0; hpa__chk_path_segment(&ms, "..");
	CU_ASSERT_EQUAL(ms.n, 1);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "may not be '..'");
	ms.n = 0; hpa__chk_path_segment(&ms, "a/b%c");
	CU_ASSERT_EQUAL(ms.n, 2);
	CU_ASSERT_STRING_EQUAL(ms.m[0], "may not contain '/'");
	CU_ASSERT_STRING_EQUAL(ms.m[1], "may not contain '%'");
	CU_ASSERT(hpa__is_percent("25%"));
	CU_ASSERT(hpa__is_percent("0%"));
	CU_ASSERT(!hpa__is_percent("%"));
	CU_ASSERT(!hpa__is_percent("25"));
	CU_ASSERT(!hpa__is_percent("2.5%"));
}

static void test_validate__quantities(void)
{
	/* thousandths computed by hand: 1Gi = 2^30 = 1073741824 */
	static const struct { const char *s; bool ok; int sign; int64_t milli; } cases[] = {
		{ "500m", true, 1, 500 }, { "0.5", true, 1, 500 }, { "1", true, 1, 1000 },
		{ "1Gi", true, 1, 1073741824000LL }, { "512Mi", true, 1, 536870912000LL },
		{ "1e3", true, 1, 1000000 }, { "12e-1", true, 1, 1200 }, { "1k", true, 1, 1000000 },
		{ "1Ki", true, 1, 1024000 }, { "1n", true, 1, 1 }, { "0", true, 0, 0 }, { "-1", true, -1, -1000 },
		{ "+2", true, 1, 2000 }, { ".5", true, 1, 500 }, { "1E", true, 1, INT64_MAX },
		{ "", false, 0, 0 }, { "1.5.5", false, 0, 0 }, { "abc", false, 0, 0 }, { "1Mb", false, 0, 0 },
		{ "1e", false, 0, 0 }, { "1 m", false, 0, 0 },
	};
	size_t i;
	for (i = 0; i < HPA__ARRAY_SIZE(cases); i++) {
		hpa__qty q = hpa__qty_parse(cases[i].s, strlen(cases[i].s));
		CU_ASSERT_EQUAL(q.ok, cases[i].ok);
		if (q.ok != cases[i].ok)
			fprintf(stderr, "\n  quantity \"%s\": ok %d", cases[i].s, q.ok);
		if (!cases[i].ok)
			continue;
		CU_ASSERT_EQUAL(q.sign, cases[i].sign);
		CU_ASSERT_EQUAL(q.milli, cases[i].milli);
		if (q.milli != cases[i].milli)
			fprintf(stderr, "\n  quantity \"%s\": %lld", cases[i].s, (long long)q.milli);
	}
}

/* ---- manifests --------------------------------------------------------------------------- */

/* Validate yaml; the messages must equal `want` (any order, NULL-terminated). */
static void expect_messages(const char *yaml, unsigned int flags, const char *const *want)
{
	hpa_manifest *m = NULL;
	hpa_diagnostics *d = NULL;
	hpa_validate_options o = HPA_VALIDATE_OPTIONS_INIT;
	hpa_error err = HPA_ERROR_INIT;
	size_t nwant = 0, i, j;
	bool used[64] = { false };
	int rc;
	while (want[nwant])
		nwant++;
	o.flags = flags;
	rc = hpa_manifest_parse_yaml(&m, yaml, strlen(yaml), NULL, &err);
	CU_ASSERT_EQUAL(rc, 0);
	if (rc < 0) {
		fprintf(stderr, "\n  parse: %s\n", err.message);
		return;
	}
	rc = hpa_manifest_validate(m, &o, &d, &err);
	CU_ASSERT_EQUAL(rc, nwant ? HPA_EVALIDATION : 0);
	for (i = 0; i < hpa_diagnostics_count(d); i++) {
		const char *msg = hpa_diagnostic_message(hpa_diagnostics_at(d, i));
		bool found = false;
		for (j = 0; j < nwant && !found; j++)
			if (!used[j] && strcmp(want[j], msg) == 0)
				used[j] = found = true;
		if (!found)
			fprintf(stderr, "\n  unexpected: %s", msg);
		CU_ASSERT(found);
	}
	for (j = 0; j < nwant; j++) {
		if (!used[j])
			fprintf(stderr, "\n  missing: %s", want[j]);
		CU_ASSERT(used[j]);
	}
	hpa_diagnostics_free(d);
	hpa_manifest_free(m);
}

static void test_validate__deployment(void)
{
	static const char yaml[] =
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: Web\n"
		"  labels: {\"-bad\": ok}\n"
		"spec:\n"
		"  replicas: -1\n"
		"  minReadySeconds: 10\n"
		"  progressDeadlineSeconds: 5\n"
		"  selector: {}\n"
		"  strategy:\n"
		"    type: Recreate\n"
		"    rollingUpdate: {maxSurge: 1}\n"
		"  template:\n"
		"    metadata:\n"
		"      labels: {app: web}\n"
		"    spec:\n"
		"      restartPolicy: Never\n"
		"      containers:\n"
		"      - name: Web_1\n"
		"        image: nginx\n"
		"        imagePullPolicy: Sometimes\n"
		"        ports:\n"
		"        - containerPort: 70000\n"
		"          protocol: HTTP\n"
		"        - name: http\n"
		"          containerPort: 80\n"
		"        - name: http\n"
		"          containerPort: 81\n"
		"        resources:\n"
		"          limits: {cpu: 500m, mem: 1Gi}\n"
		"          requests: {cpu: 600m}\n"
		"      - name: side\n"
		"        image: busybox\n"
		"      - name: side\n"
		"        image: busybox\n";
	static const char *const want[] = {
		"metadata.name: Invalid value: \"Web\": " SUBDOMAIN_MSG,
		"metadata.labels: Invalid value: \"-bad\": name part: must start and end with alphanumeric characters",
		"spec.replicas: Invalid value: -1: must be greater than or equal to 0",
		"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
			"MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
		"spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
		"spec.template.spec.containers[0].name: Invalid value: \"Web_1\": " LABEL_MSG,
		"spec.template.spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: "
			"\"Always\", \"IfNotPresent\", \"Never\"",
		"spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
		"spec.template.spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: "
			"\"SCTP\", \"TCP\", \"UDP\"",
		"spec.template.spec.containers[0].ports[2].name: Duplicate value: \"http\"",
		"spec.template.spec.containers[0].resources.limits[mem]: Invalid value: \"mem\": must be a standard resource for containers",
		"spec.template.spec.containers[0].resources.requests[cpu]: Invalid value: \"600m\": must be less than or "
			"equal to cpu limit of 500m",
		"spec.template.spec.containers[2].name: Duplicate value: \"side\"",
		"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
		"spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds",
		NULL
	};
	expect_messages(yaml, 0, want);
}

/* upstream ValidateResourceRequirements (pkg/apis/core/validation), whose
 * cases TestValidateResourceRequirements and TestValidateContainers cover:
 * requests are compared with limits by Quantity.Cmp, exactly (two values
 * under one milli-unit, or beyond the int64 milli range, still differ);
 * hugepages and extended resources cannot be overcommitted (request ==
 * limit, and a limit when there is a request); hugepages need cpu or
 * memory beside them. */
static void test_validate__resource_requirements(void)
{
	static const char yaml[] =
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: res}\n"
		"spec:\n"
		"  selector: {matchLabels: {app: res}}\n"
		"  template:\n"
		"    metadata: {labels: {app: res}}\n"
		"    spec:\n"
		"      containers:\n"
		"      - name: fine\n"         /* equal, and smaller by less than 1m: accepted */
		"        image: nginx\n"
		"        resources:\n"
		"          requests: {cpu: \"0.0001\", memory: 1Ei, hugepages-2Mi: 4Mi, example.com/gpu: \"1\"}\n"
		"          limits: {cpu: \"0.0005\", memory: 1.5Ei, hugepages-2Mi: 4Mi, example.com/gpu: \"1\"}\n"
		"      - name: sub-milli\n"    /* both are 1m rounded up */
		"        image: nginx\n"
		"        resources:\n"
		"          requests: {cpu: \"0.0005\"}\n"
		"          limits: {cpu: \"0.0001\"}\n"
		"      - name: huge\n"         /* both beyond the int64 milli range */
		"        image: nginx\n"
		"        resources:\n"
		"          requests: {memory: 2Ei}\n"
		"          limits: {memory: 1.5Ei}\n"
		"      - name: pages\n"
		"        image: nginx\n"
		"        resources:\n"
		"          requests: {memory: 1Gi, hugepages-2Mi: 2Mi, hugepages-1Gi: 1Gi}\n"
		"          limits: {memory: 1Gi, hugepages-2Mi: 4Mi}\n"
		"      - name: pages-alone\n"
		"        image: nginx\n"
		"        resources:\n"
		"          limits: {hugepages-2Mi: 4Mi}\n"
		"      - name: native-domain\n"  /* kubernetes.io/ names may be overcommitted */
		"        image: nginx\n"
		"        resources:\n"
		"          requests: {cpu: 100m, kubernetes.io/foo: \"1\"}\n";
	static const char *const want[] = {
		"spec.template.spec.containers[1].resources.requests[cpu]: Invalid value: \"0.0005\": must be less than or "
			"equal to cpu limit of 0.0001",
		"spec.template.spec.containers[2].resources.requests[memory]: Invalid value: \"2Ei\": must be less than or "
			"equal to memory limit of 1.5Ei",
		"spec.template.spec.containers[3].resources.requests[hugepages-2Mi]: Invalid value: \"2Mi\": must be equal "
			"to hugepages-2Mi limit of 4Mi",
		"spec.template.spec.containers[3].resources.limits: Required value: Limit must be set for non overcommitable "
			"resources",
		"spec.template.spec.containers[4].resources: Forbidden: HugePages require cpu or memory",
		NULL
	};
	expect_messages(yaml, 0, want);
}

static void test_validate__deployment_selector_and_rollout(void)
{
	static const char yaml[] =
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  selector:\n"
		"    matchLabels: {app: web}\n"
		"    matchExpressions:\n"
		"    - {key: tier, operator: In}\n"
		"    - {key: env, operator: Exists, values: [prod]}\n"
		"    - {key: zone, operator: Near, values: [a]}\n"
		"  strategy:\n"
		"    rollingUpdate: {maxUnavailable: 110%, maxSurge: 5}\n"
		"  template:\n"
		"    metadata: {labels: {app: web, tier: front}}\n"
		"    spec:\n"
		"      containers: [{name: web, image: nginx}]\n"
		"---\n"
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata: {name: zero}\n"
		"spec:\n"
		"  selector: {matchLabels: {app: zero}}\n"
		"  strategy: {rollingUpdate: {maxUnavailable: 0, maxSurge: \"0%\"}}\n"
		"  template:\n"
		"    metadata: {labels: {app: other}}\n"
		"    spec: {containers: []}\n";
	static const char *const want[] = {
		"spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
		"spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
		"spec.selector.matchExpressions[2].operator: Invalid value: \"Near\": not a valid selector operator",
		"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\"}, "
			"MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:\"tier\", Operator:\"In\", "
			"Values:[]string(nil)}, v1.LabelSelectorRequirement{Key:\"env\", Operator:\"Exists\", "
			"Values:[]string{\"prod\"}}, v1.LabelSelectorRequirement{Key:\"zone\", Operator:\"Near\", "
			"Values:[]string{\"a\"}}}}: invalid label selector",
		"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, "
			"StrVal:\"110%\"}: must not be greater than 100%",
		"spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not "
			"match template `labels`",
		"spec.template.spec.containers: Required value",
		"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, "
			"StrVal:\"\"}: may not be 0 when `maxSurge` is 0",
		NULL
	};
	expect_messages(yaml, 0, want);
}

static void test_validate__service(void)
{
	static const char yaml[] =
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata: {name: 1svc}\n"
		"spec:\n"
		"  type: Internal\n"
		"  sessionAffinity: Sticky\n"
		"  selector: {app: web}\n"
		"  ports:\n"
		"  - {port: 0, targetPort: HTTP_x, protocol: TCP}\n"
		"  - {name: web, port: 80, targetPort: 70000, nodePort: 30080}\n"
		"  - {name: web, port: 80}\n"
		"  - {name: Web_x, port: 82}\n"
		"  - {name: jaeger-collector-http, port: 83}\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata: {name: empty}\n"
		"spec: {selector: {app: web}}\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"metadata: {name: headless}\n"
		"spec: {clusterIP: None, selector: {app: web}}\n";
	static const char *const want[] = {
		"metadata.name: Invalid value: \"1svc\": " DNS1035_MSG,
		"spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", "
			"\"LoadBalancer\", \"NodePort\"",
		"spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"",
		"spec.ports[0].name: Required value",
		"spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
		"spec.ports[0].targetPort: Invalid value: \"HTTP_x\": must contain only alpha-numeric characters (a-z, 0-9), "
			"and hyphens (-)",
		"spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
		"spec.ports[2].name: Duplicate value: \"web\"",
		"spec.ports[2]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), "
			"Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}",
		"spec.ports[3].name: Invalid value: \"Web_x\": " LABEL_MSG,
		"spec.ports: Required value",
		NULL
	};
	expect_messages(yaml, 0, want);
}

static void test_validate__ingress(void)
{
	static const char yaml[] =
		"apiVersion: networking.k8s.io/v1\n"
		"kind: Ingress\n"
		"metadata:\n"
		"  name: web\n"
		"  annotations: {kubernetes.io/ingress.class: nginx}\n"
		"spec:\n"
		"  ingressClassName: Nginx\n"
		"  rules:\n"
		"  - host: 10.0.0.1\n"
		"    http:\n"
		"      paths:\n"
		"      - path: /a\n"
		"        backend: {service: {name: web, port: {number: 80}}}\n"
		"      - path: relative\n"
		"        pathType: Prefix\n"
		"        backend: {service: {name: web, port: {number: 80, name: http}}}\n"
		"      - path: /a//b/..\n"
		"        pathType: Exact\n"
		"        backend: {service: {name: Web, port: {number: 0}}}\n"
		"      - path: /x\n"
		"        pathType: Regex\n"
		"        backend: {}\n"
		"  - host: \"*.example.com\"\n"
		"    http: {paths: []}\n"
		"---\n"
		"apiVersion: networking.k8s.io/v1\n"
		"kind: Ingress\n"
		"metadata: {name: nothing}\n"
		"spec: {}\n";
	static const char *const want[] = {
		"spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
		"spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
		"spec.rules[0].http.paths[1].path: Invalid value: \"relative\": must be an absolute path",
		"spec.rules[0].http.paths[1].backend: Invalid value: \"\": cannot set both port name & port number",
		"spec.rules[0].http.paths[2].path: Invalid value: \"/a//b/..\": must not contain '//'",
		"spec.rules[0].http.paths[2].path: Invalid value: \"/a//b/..\": cannot end with '/..'",
		"spec.rules[0].http.paths[2].backend.service.name: Invalid value: \"Web\": " DNS1035_MSG,
		"spec.rules[0].http.paths[2].backend: Required value: port name or number is required",
		"spec.rules[0].http.paths[3].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", "
			"\"ImplementationSpecific\", \"Prefix\"",
		"spec.rules[0].http.paths[3].backend: Invalid value: \"\": resource or service backend is required",
		"spec.rules[1].http.paths: Required value",
		"spec.ingressClassName: Invalid value: \"Nginx\": " SUBDOMAIN_MSG,
		"annotations.kubernetes.io/ingress.class: Invalid value: \"nginx\": must match `ingressClassName` when "
			"both are specified",
		"spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified",
		NULL
	};
	expect_messages(yaml, 0, want);
}

static const char hpa_bad_yaml[] =
	"apiVersion: autoscaling/v2\n"
	"kind: HorizontalPodAutoscaler\n"
	"metadata: {name: web}\n"
	"spec:\n"
	"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: a/b}\n"
	"  minReplicas: 0\n"
	"  maxReplicas: 3\n"
	"  metrics:\n"
	"  - type: Foo\n"
	"  - type: Resource\n"
	"    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n"
	"    pods: {metric: {name: qps}, target: {type: AverageValue, averageValue: 10}}\n"
	"  - type: Pods\n"
	"    pods: {metric: {name: qps}, target: {type: Value, value: \"0\"}}\n"
	"  - type: External\n"
	"    external: {metric: {name: queue}, target: {type: AverageValue, value: 5, averageValue: 1}}\n"
	"  - type: Resource\n"
	"    resource: {name: memory, target: {type: Utilization, averageUtilization: 50, averageValue: 1Gi}}\n"
	"  - type: ContainerResource\n"
	"    containerResource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}\n"
	"  behavior:\n"
	"    scaleUp:\n"
	"      stabilizationWindowSeconds: 4000\n"
	"      selectPolicy: Sometimes\n"
	"      tolerance: \"-0.05\"\n"
	"      policies: [{type: Pods, value: 0, periodSeconds: 2000}, {type: Nodes, value: 1, periodSeconds: 0}]\n"
	"    scaleDown:\n"
	"      stabilizationWindowSeconds: -1\n"
	"      policies: []\n";

static void test_validate__autoscaler(void)
{
	static const char *const want[] = {
		"spec.minReplicas: Invalid value: 0: must be greater than or equal to 1",
		"spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'",
		"spec.metrics[0].type: Unsupported value: \"Foo\": supported values: \"ContainerResource\", \"External\", "
			"\"Object\", \"Pods\", \"Resource\"",
		"spec.metrics[1].pods: Forbidden: must populate the given metric source only",
		"spec.metrics[2].pods.target.value: Invalid value: \"0\": must be positive",
		"spec.metrics[2].pods.target.averageValue: Required value: must specify a positive target averageValue",
		"spec.metrics[3].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target",
		"spec.metrics[4].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization",
		"spec.metrics[5].containerResource.container: Required value: must specify a container",
		"spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600",
		"spec.behavior.scaleUp.selectPolicy: Unsupported value: \"Sometimes\": supported values: \"Disabled\", \"Max\", \"Min\"",
		"spec.behavior.scaleUp.tolerance: Invalid value: \"-0.05\": must be greater than or equal to 0",
		"spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero",
		"spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 2000: must be less than or equal to 1800",
		"spec.behavior.scaleUp.policies[1].type: Unsupported value: \"Nodes\": supported values: \"Percent\", \"Pods\"",
		"spec.behavior.scaleUp.policies[1].periodSeconds: Invalid value: 0: must be greater than zero",
		"spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero",
		"spec.behavior.scaleDown.policies: Required value: must specify at least one Policy",
		NULL
	};
	expect_messages(hpa_bad_yaml, 0, want);
}

static void test_validate__scale_to_zero(void)
{
	static const char zero_external[] =
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
		"  minReplicas: 0\n"
		"  maxReplicas: 3\n"
		"  metrics:\n"
		"  - type: External\n"
		"    external: {metric: {name: queue}, target: {type: AverageValue, averageValue: 30}}\n";
	static const char *const gate_off[] = { "spec.minReplicas: Invalid value: 0: must be greater than or equal to 1", NULL };
	static const char *const none[] = { NULL };
	static const char zero_cpu[] =
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
		"  minReplicas: 0\n"
		"  maxReplicas: 3\n"
		"  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]\n";
	static const char *const need_obj[] = {
		"spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas",
		NULL
	};
	expect_messages(zero_external, 0, gate_off);
	expect_messages(zero_external, HPA_VALIDATE_SCALE_TO_ZERO, none);
	expect_messages(zero_cpu, HPA_VALIDATE_SCALE_TO_ZERO, need_obj);
}

static void test_validate__schema_strict(void)
{
	static const char yaml[] =
		"apiVersion: autoscaling/v2\n"
		"kind: HorizontalPodAutoscaler\n"
		"metadata: {name: web}\n"
		"spec:\n"
		"  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n"
		"  maxReplicas: 3\n"
		"  metrics:\n"
		"  - type: Resource\n"
		"    resource: {name: cpu, targetAverageUtilization: 50}\n";
	static const char *const want[] = {
		"spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value "
			"or a target utilization",
		"spec.metrics[0].resource.target.type: Required value: must specify a metric target type",
		"spec.metrics[0].resource.target.type: Invalid value: \"\": must be either Utilization, Value, or AverageValue",
		"strict decoding error: unknown field \"spec.metrics[0].resource.targetAverageUtilization\"",
		"spec.metrics[0].resource.target: Required value",
		NULL
	};
	static const char *const want_noschema[] = { want[0], want[1], want[2], NULL };
	expect_messages(yaml, 0, want);
	expect_messages(yaml, HPA_VALIDATE_NO_SCHEMA, want_noschema);
}

/* objects built in memory (no codec, no positions) */
static void test_validate__in_memory_object(void)
{
	hpa_object *o = NULL;
	hpa_diagnostics *d = NULL;
	hpa_error err = HPA_ERROR_INIT;
	const hpa_diagnostic *f;
	int rc;
	CU_ASSERT_EQUAL(hpa_object_new(&o, "autoscaling/v2", "HorizontalPodAutoscaler", NULL), 0);
	if (!o)
		return;
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.name", "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.scaleTargetRef.apiVersion", "apps/v1", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.scaleTargetRef.kind", "Deployment", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.scaleTargetRef.name", "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.minReplicas", 4, NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.maxReplicas", 2, NULL), 0);
	rc = hpa_object_validate(o, NULL, &d, &err);
	CU_ASSERT_EQUAL(rc, HPA_EVALIDATION);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 1);
	f = hpa_diagnostics_at(d, 0);
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_message(f),
		"spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`");
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_rule(f), "VAL001");
	CU_ASSERT_EQUAL(hpa_diagnostic_severity(f), HPA_SEVERITY_ERROR);
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_path(f), "spec.maxReplicas");
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_kind(f), "HorizontalPodAutoscaler");
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_name(f), "web");
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_namespace(f), "");
	CU_ASSERT_EQUAL(hpa_diagnostic_line(f), 0);
	CU_ASSERT_STRING_EQUAL(hpa_diagnostic_hint(f), "");
	/* err holds the first error */
	CU_ASSERT_EQUAL(err.code, HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(err.path, "spec.maxReplicas");
	CU_ASSERT_STRING_EQUAL(err.message, hpa_diagnostic_message(f));
	hpa_diagnostics_free(d);
	/* fixed: valid, an empty list */
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.maxReplicas", 8, NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_validate(o, NULL, &d, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
	hpa_diagnostics_free(d);
	hpa_object_free(o);
	/* generic kinds are not validated */
	CU_ASSERT_EQUAL(hpa_object_new(&o, "v1", "ConfigMap", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_validate(o, NULL, &d, &err), 0);
	CU_ASSERT_EQUAL(hpa_diagnostics_count(d), 0);
	hpa_diagnostics_free(d);
	hpa_object_free(o);
}

static void test_validate__api_errors(void)
{
	hpa_validate_options o;
	hpa_diagnostics *d = (hpa_diagnostics *)&o;
	hpa_error err = HPA_ERROR_INIT;
	hpa_object *obj = NULL;
	CU_ASSERT_EQUAL(hpa_validate_options_init(&o, HPA_VALIDATE_OPTIONS_VERSION), 0);
	CU_ASSERT_EQUAL(o.flags, 0);
	CU_ASSERT_EQUAL(hpa_validate_options_init(NULL, 1), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_validate_options_init(&o, 2), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_validate(NULL, NULL, &d, &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_EQUAL(hpa_manifest_validate(NULL, NULL, &d, &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_new(&obj, "apps/v1", "Deployment", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_validate(obj, NULL, NULL, &err), HPA_EINVAL);
	o.version = 7;
	CU_ASSERT_EQUAL(hpa_object_validate(obj, &o, &d, &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_EQUAL(hpa_diagnostic_to_error(NULL, &err), HPA_EINVAL);
	hpa_object_free(obj);
}

#ifdef HPA_TESTING
static void test_validate__allocation_failures(void)
{
	hpa_manifest *m = NULL;
	hpa_diagnostics *d = NULL;
	size_t want;
	unsigned long n;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, hpa_bad_yaml, strlen(hpa_bad_yaml), NULL, NULL), 0);
	if (!m)
		return;
	CU_ASSERT_EQUAL(hpa_manifest_validate(m, NULL, &d, NULL), HPA_EVALIDATION);
	want = hpa_diagnostics_count(d);
	hpa_diagnostics_free(d);
	for (n = 1; n < 100000; n++) {
		int rc;
		d = NULL;
		hpa__test_fail_alloc_at(n);
		rc = hpa_manifest_validate(m, NULL, &d, NULL);
		hpa__test_fail_alloc_at(0);
		if (rc == HPA_ENOMEM) {
			CU_ASSERT_PTR_NULL(d);
			continue;
		}
		CU_ASSERT_EQUAL(rc, HPA_EVALIDATION);
		CU_ASSERT_EQUAL(hpa_diagnostics_count(d), want);
		hpa_diagnostics_free(d);
		break;
	}
	CU_ASSERT(n > 1);
	hpa_manifest_free(m);
}
#endif

static CU_TestInfo validate_tests[] = {
	{ "dns_names", test_validate__dns_names },
	{ "label_syntax", test_validate__label_syntax },
	{ "port_names_and_percent", test_validate__port_names_and_percent },
	{ "quantities", test_validate__quantities },
	{ "deployment", test_validate__deployment },
	{ "deployment_selector_and_rollout", test_validate__deployment_selector_and_rollout },
	{ "resource_requirements", test_validate__resource_requirements },
	{ "service", test_validate__service },
	{ "ingress", test_validate__ingress },
	{ "autoscaler", test_validate__autoscaler },
	{ "scale_to_zero", test_validate__scale_to_zero },
	{ "schema_strict", test_validate__schema_strict },
	{ "in_memory_object", test_validate__in_memory_object },
	{ "api_errors", test_validate__api_errors },
#ifdef HPA_TESTING
	{ "allocation_failures", test_validate__allocation_failures },
#endif
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_validate = { "validate", NULL, NULL, NULL, NULL, validate_tests };
