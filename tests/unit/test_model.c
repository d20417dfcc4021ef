/* tests/unit/test_model.c -- the deployment modeler: model file checks,
 * defaults, every field's effect on the rendered manifest, bad models
 * (tests/data/model/bad, expected errors written by hand in each file's
 * first lines), round trips through the codec, allocation failures.
 *
 * Expected values come from docs/model.md (the format's contract), from
 * the lab's reference end state (shared/reference/12st-mall-template.yml:
 * image username/<svc>:v1, probes 10/2/5/10 and 120/2/5/5, resources
 * 200m/500m cpu and 512Mi/1Gi memory, HPAs 1..5 at 20 %) and from English
 * spelling for the plurals. */
#include "helpers.h"
#include "core/core.h"
#include <hpa/codec.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ----------------------------------------------------------------------- */

static hpa_model *load(const char *yaml, hpa_error *e)
{
	hpa_model *m = NULL;
	hpa_error local = HPA_ERROR_INIT;
	int rc = hpa_model_load_buffer(&m, yaml, strlen(yaml), "<test>", e ? e : &local);
	if (rc < 0 && !e) {
		char buf[512];
		hpa_error_format(&local, buf, sizeof(buf));
		fprintf(stderr, "load failed: %s\n", buf);
	}
	return m;
}

static hpa_manifest *render(const hpa_model *m, const hpa_render_options *o)
{
	hpa_manifest *man = NULL;
	hpa_error e = HPA_ERROR_INIT;
	if (hpa_model_render(m, o, &man, &e) < 0) {
		char buf[512];
		hpa_error_format(&e, buf, sizeof(buf));
		fprintf(stderr, "render failed: %s\n", buf);
	}
	return man;
}

static hpa_manifest *load_render(const char *yaml, const hpa_render_options *o)
{
	hpa_model *m = load(yaml, NULL);
	hpa_manifest *man = m ? render(m, o) : NULL;
	hpa_model_free(m);
	return man;
}

static const hpa_object *find(const hpa_manifest *man, const char *kind, const char *name)
{
	for (size_t i = 0; i < hpa_manifest_count(man); i++) {
		const hpa_object *o = hpa_manifest_at(man, i);
		if (!strcmp(hpa_object_kind_name(o), kind) && !strcmp(hpa_object_name(o), name))
			return o;
	}
	return NULL;
}

static size_t count_kind(const hpa_manifest *man, const char *kind)
{
	size_t n = 0;
	for (size_t i = 0; i < hpa_manifest_count(man); i++)
		if (!strcmp(hpa_object_kind_name(hpa_manifest_at(man, i)), kind))
			n++;
	return n;
}

/* scalar text at path ("" when absent) */
static const char *txt(const hpa_object *o, const char *path)
{
	const char *s = NULL;
	if (!o)
		return "<no object>";
	if (hpa_object_get_string(o, path, &s, NULL) == 0)
		return s;
	if (hpa_object_get_text(o, path, &s, NULL) == 0)
		return s;
	return "";
}

static long long num(const hpa_object *o, const char *path)
{
	int64_t v = -999;
	if (!o || hpa_object_get_int64(o, path, &v, NULL) < 0)
		return -999;
	return (long long)v;
}

static char *read_source(const char *rel, size_t *len)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", HPA_SOURCE_DIR, rel);
	return th_read_file(path, len);
}

#define MINI_HEAD \
	"model:\n  name: shop\n" \
	"boundedContexts:\n  - name: order\n    aggregates:\n      - name: Order\n"
#define MINI MINI_HEAD "deployment:\n  registry: example\n  tag: v1\n"

/* ---- plurals ----------------------------------------------------------------------- */

static void test_model__plural_table(void)
{
	/* English spelling rules; each row checked against a dictionary */
	static const char *const rows[][2] = {
		{ "Order", "Orders" }, { "Delivery", "Deliveries" }, { "Inventory", "Inventories" },
		{ "Address", "Addresses" }, { "Category", "Categories" }, { "Person", "People" },
		{ "SalesPerson", "SalesPeople" }, { "Child", "Children" }, { "Day", "Days" },
		{ "Key", "Keys" }, { "Gateway", "Gateways" }, { "Box", "Boxes" }, { "Church", "Churches" },
		{ "Wish", "Wishes" }, { "Status", "Statuses" }, { "Bus", "Buses" }, { "Knife", "Knives" },
		{ "Shelf", "Shelves" }, { "Bookshelf", "Bookshelves" }, { "Belief", "Beliefs" },
		{ "Hero", "Heroes" }, { "Photo", "Photos" }, { "Analysis", "Analyses" },
		{ "OrderItem", "OrderItems" }, { "ProductCategory", "ProductCategories" },
		{ "Equipment", "Equipment" }, { "Quiz", "Quizzes" }, { "Mouse", "Mice" },
		{ "Foot", "Feet" }, { "Woman", "Women" }, { "order", "orders" }, { "Policy", "Policies" },
		{ "Coupon", "Coupons" }, { "Menu", "Menus" }, { "Tax", "Taxes" }, { "Series", "Series" },
		{ "Life", "Lives" }, { "Wolf", "Wolves" }, { "Potato", "Potatoes" }, { "Auto2Day", "Auto2Days" },
		/* model.h: "Case is kept" -- a word in capitals gets a capital ending
		 * (the dictionary plural written in capitals) */
		{ "PERSON", "PEOPLE" }, { "CHILD", "CHILDREN" }, { "KNIFE", "KNIVES" }, { "SHELF", "SHELVES" },
		{ "CATEGORY", "CATEGORIES" }, { "BOX", "BOXES" }, { "HERO", "HEROES" }, { "ANALYSIS", "ANALYSES" },
		{ "ORDER", "ORDERS" }, { "SalesPERSON", "SalesPEOPLE" }, { "OrderITEM", "OrderITEMS" },
		/* '_' inside an identifier: the last word's plural ("item" -> "items") */
		{ "Order_Item", "Order_Items" }, { "order_category", "order_categories" },
		{ "person", "people" }, { "MOUSE", "MICE" }
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *p = NULL;
		CU_ASSERT_EQUAL(hpa_model_plural(&p, rows[i][0], NULL), 0);
		CU_ASSERT_PTR_NOT_NULL(p);
		if (p && strcmp(p, rows[i][1]))
			fprintf(stderr, "plural(%s) = %s, want %s\n", rows[i][0], p, rows[i][1]);
		CU_ASSERT(p && !strcmp(p, rows[i][1]));
		hpa_free(p);
	}
}

/* model.h: the derived REST path is "/" + hpa_model_plural() of the name
 * with its first letter lower-cased, so PERSON -> PEOPLE -> /pEOPLE and
 * Person -> /people (docs/model.md, "REST paths"). */
static void test_model__rest_path_keeps_case(void)
{
	static const char y[] =
		"model: {name: x}\n"
		"boundedContexts: [{name: a, aggregates: [{name: PERSON}, {name: Person}, {name: CHILD}]}]\n"
		"deployment: {registry: r, tag: t}\n";
	hpa_model *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL(hpa_model_load_buffer(&m, y, strlen(y), NULL, &e), 0);
	if (!m)
		return;
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 0), "/pEOPLE");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 1), "/people");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 2), "/cHILDREN");
	hpa_model_free(m);
}

static void test_model__plural_rejects(void)
{
	/* model.h: HPA_EINVAL for a name that is not an ASCII identifier (the
	 * loader's rule for deriving a REST path: a letter, then letters,
	 * digits and '_'; "Order_Item" is accepted, see plural_table) */
	static const char *const bad[] = { "", "주문관리", "1abc", "a b", "Order-Item", "_x", "a.b", "Order$Item" };
	hpa_error e = HPA_ERROR_INIT;
	char *p = (char *)"x";
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(hpa_model_plural(&p, bad[i], &e), HPA_EINVAL);
		CU_ASSERT_PTR_NULL(p);
	}
	CU_ASSERT_EQUAL(hpa_model_plural(&p, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_plural(NULL, "Order", NULL), HPA_EINVAL);
}

/* ---- the built-in model ------------------------------------------------------------- */

static void test_model__builtin_loads(void)
{
	size_t len;
	char *text = read_source("examples/12st-mall/model.yml", &len);
	hpa_model *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_PTR_NOT_NULL(text);
	if (!text)
		return;
	CU_ASSERT_EQUAL(hpa_model_load_buffer(&m, text, len, "model.yml", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_model_name(m), "mallbasic-for-ops");
	CU_ASSERT_EQUAL(hpa_model_context_count(m), 3);
	CU_ASSERT_STRING_EQUAL(hpa_model_context_name(m, 0), "order");
	CU_ASSERT_STRING_EQUAL(hpa_model_context_service(m, 2), "product");
	CU_ASSERT_EQUAL(hpa_model_aggregate_count(m, 2), 1);
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_name(m, 2, 0), "Inventory");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 0), "/orders");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 1, 0), "/deliveries");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 2, 0), "/inventories");
	/* out of range and NULL */
	CU_ASSERT_PTR_NULL(hpa_model_context_name(m, 3));
	CU_ASSERT_PTR_NULL(hpa_model_aggregate_name(m, 0, 1));
	CU_ASSERT_PTR_NULL(hpa_model_aggregate_rest_path(m, 9, 0));
	CU_ASSERT_EQUAL(hpa_model_aggregate_count(m, 9), 0);
	CU_ASSERT_EQUAL(hpa_model_context_count(NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_model_name(NULL));
	CU_ASSERT_PTR_NULL(hpa_model_context_service(NULL, 0));
	hpa_model_free(m);
	hpa_model_free(NULL);
	free(text);
}

static hpa_manifest *render_builtin(const hpa_render_options *o)
{
	size_t len;
	char *text = read_source("examples/12st-mall/model.yml", &len);
	hpa_model *m = NULL;
	hpa_manifest *man = NULL;
	if (text && hpa_model_load_buffer(&m, text, len, "model.yml", NULL) == 0)
		man = render(m, o);
	hpa_model_free(m);
	free(text);
	return man;
}

static void test_model__builtin_renders(void)
{
	static const char *const order[][2] = {
		{ "Deployment", "order" }, { "Deployment", "delivery" }, { "Deployment", "product" },
		{ "Service", "order" }, { "Service", "delivery" }, { "Service", "product" },
		{ "Ingress", "gateway" }, { "HorizontalPodAutoscaler", "order-hpa" },
		{ "HorizontalPodAutoscaler", "product-hpa" }
	};
	hpa_manifest *man = render_builtin(NULL);
	const hpa_object *o;
	CU_ASSERT_PTR_NOT_NULL(man);
	if (!man)
		return;
	CU_ASSERT_EQUAL(hpa_manifest_count(man), 9);
	for (size_t i = 0; i < 9 && i < hpa_manifest_count(man); i++) {
		CU_ASSERT_STRING_EQUAL(hpa_object_kind_name(hpa_manifest_at(man, i)), order[i][0]);
		CU_ASSERT_STRING_EQUAL(hpa_object_name(hpa_manifest_at(man, i)), order[i][1]);
	}
	CU_ASSERT_EQUAL(hpa_object_kind(hpa_manifest_at(man, 0)), HPA_KIND_DEPLOYMENT);
	CU_ASSERT_EQUAL(hpa_object_kind(hpa_manifest_at(man, 8)), HPA_KIND_AUTOSCALER);

	/* Deployments (reference end state of the lab) */
	o = find(man, "Deployment", "order");
	CU_ASSERT_STRING_EQUAL(txt(o, "apiVersion"), "apps/v1");
	CU_ASSERT_STRING_EQUAL(txt(o, "metadata.labels.app"), "order");
	CU_ASSERT_FALSE(hpa_object_has(o, "spec.replicas")); /* owned by order-hpa */
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.selector.matchLabels.app"), "order");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.metadata.labels.app"), "order");
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.template.spec.containers"), 1);
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].name"), "order");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].image"), "username/order:v1");
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].ports[0].containerPort"), 8080);
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].ports[0].name"), "http");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].env[0].name"),
		"SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].env[0].value"), "my-kafka:9092");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.requests.cpu"), "200m");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.requests.memory"), "512Mi");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.limits.cpu"), "500m");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.limits.memory"), "1Gi");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].readinessProbe.httpGet.path"), "/actuator/health");
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.httpGet.port"), 8080);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.initialDelaySeconds"), 10);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.timeoutSeconds"), 2);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.periodSeconds"), 5);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.failureThreshold"), 10);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].livenessProbe.initialDelaySeconds"), 120);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].livenessProbe.timeoutSeconds"), 2);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].livenessProbe.periodSeconds"), 5);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].livenessProbe.failureThreshold"), 5);
	CU_ASSERT_FALSE(hpa_object_has(o, "metadata.namespace"));
	CU_ASSERT_FALSE(hpa_object_has(o, "spec.template.spec.containers[0].imagePullPolicy"));
	o = find(man, "Deployment", "delivery");
	CU_ASSERT_EQUAL(num(o, "spec.replicas"), 1); /* no autoscaler: the model's default */
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.requests.memory"), "512Mi");

	/* Services: ClusterIP, named port, selector = pod labels, REST paths */
	o = find(man, "Service", "product");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.type"), "ClusterIP");
	CU_ASSERT_EQUAL(num(o, "spec.ports[0].port"), 8080);
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.ports[0].name"), "http");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.ports[0].targetPort"), "http");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.ports[0].protocol"), "TCP");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.selector.app"), "product");
	CU_ASSERT_STRING_EQUAL(txt(o, "metadata.annotations[\"hpa.libhpa.dev/rest-paths\"]"), "/inventories");

	/* Ingress: aggregate paths, Prefix, class */
	o = find(man, "Ingress", "gateway");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.ingressClassName"), "nginx");
	CU_ASSERT_FALSE(hpa_object_has(o, "metadata.annotations"));
	CU_ASSERT_FALSE(hpa_object_has(o, "spec.rules[0].host"));
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.rules[0].http.paths"), 3);
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.rules[0].http.paths[0].path"), "/orders");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.rules[0].http.paths[1].path"), "/deliveries");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.rules[0].http.paths[2].path"), "/inventories");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.rules[0].http.paths[2].pathType"), "Prefix");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.rules[0].http.paths[2].backend.service.name"), "product");
	CU_ASSERT_EQUAL(num(o, "spec.rules[0].http.paths[2].backend.service.port.number"), 8080);

	/* HPAs */
	o = find(man, "HorizontalPodAutoscaler", "product-hpa");
	CU_ASSERT_STRING_EQUAL(txt(o, "apiVersion"), "autoscaling/v2");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.scaleTargetRef.apiVersion"), "apps/v1");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.scaleTargetRef.kind"), "Deployment");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.scaleTargetRef.name"), "product");
	CU_ASSERT_EQUAL(num(o, "spec.minReplicas"), 1);
	CU_ASSERT_EQUAL(num(o, "spec.maxReplicas"), 5);
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.metrics"), 1);
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.metrics[0].type"), "Resource");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.metrics[0].resource.name"), "memory");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.metrics[0].resource.target.type"), "Utilization");
	CU_ASSERT_EQUAL(num(o, "spec.metrics[0].resource.target.averageUtilization"), 20);
	CU_ASSERT_FALSE(hpa_object_has(o, "spec.behavior"));
	CU_ASSERT_STRING_EQUAL(txt(find(man, "HorizontalPodAutoscaler", "order-hpa"), "spec.metrics[0].resource.name"), "cpu");
	CU_ASSERT_EQUAL(count_kind(man, "Pod"), 0);
	hpa_manifest_free(man);
}

static void test_model__path_rule_service(void)
{
	hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
	hpa_manifest *man;
	const hpa_object *ing;
	o.path_rule = HPA_PATH_RULE_SERVICE;
	man = render_builtin(&o);
	ing = find(man, "Ingress", "gateway");
	/* MSA-Ez: "/" + plural(service name): the lab's /products */
	CU_ASSERT_EQUAL(hpa_object_count(ing, "spec.rules[0].http.paths"), 3);
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[0].path"), "/orders");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[1].path"), "/deliveries");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[2].path"), "/products");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[2].backend.service.name"), "product");
	/* the Service still says what it really serves, for lint */
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Service", "product"), "metadata.annotations[\"hpa.libhpa.dev/rest-paths\"]"),
		"/inventories");
	hpa_manifest_free(man);

	/* the naive rule, as IngressToService.vue: s -> es, y -> ies (gateway -> gatewaies) */
	man = load_render("model:\n  name: x\nboundedContexts:\n"
		"  - {name: bus}\n  - {name: gateway}\n  - {name: product}\n"
		"deployment: {registry: r, tag: t, ingress: {pathRule: service}}\n", NULL);
	ing = find(man, "Ingress", "gateway");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[0].path"), "/buses");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[1].path"), "/gatewaies");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[2].path"), "/products");
	/* no aggregate: the annotation lists nothing */
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Service", "bus"), "metadata.annotations[\"hpa.libhpa.dev/rest-paths\"]"), "");
	hpa_manifest_free(man);

	/* two services with the same naive plural: the first keeps the path */
	man = load_render("model:\n  name: x\nboundedContexts:\n"
		"  - {name: boxs}\n  - {name: boxses}\n  - {name: box, service: boxe}\n"
		"deployment: {registry: r, tag: t, ingress: {pathRule: service}}\n", NULL);
	ing = find(man, "Ingress", "gateway");
	/* boxs -> boxses, boxses -> boxseses, boxe -> boxes */
	CU_ASSERT_EQUAL(hpa_object_count(ing, "spec.rules[0].http.paths"), 3);
	hpa_manifest_free(man);
	man = load_render("model:\n  name: x\nboundedContexts:\n"
		"  - {name: a, service: tax}\n  - {name: b, service: taxe}\n"
		"deployment: {registry: r, tag: t, ingress: {pathRule: service}}\n", NULL);
	ing = find(man, "Ingress", "gateway");
	/* tax -> taxs, taxe -> taxes: distinct */
	CU_ASSERT_EQUAL(hpa_object_count(ing, "spec.rules[0].http.paths"), 2);
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[0].path"), "/taxs");
	hpa_manifest_free(man);
	man = load_render("model:\n  name: x\nboundedContexts:\n"
		"  - {name: a, service: city}\n  - {name: b, service: cities}\n  - {name: c, service: citie}\n"
		"deployment: {registry: r, tag: t, ingress: {pathRule: service}}\n", NULL);
	ing = find(man, "Ingress", "gateway");
	/* city -> cities, cities -> citieses, citie -> cities again: deduplicated */
	CU_ASSERT_EQUAL(hpa_object_count(ing, "spec.rules[0].http.paths"), 2);
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[0].backend.service.name"), "city");
	CU_ASSERT_STRING_EQUAL(txt(ing, "spec.rules[0].http.paths[1].path"), "/citieses");
	hpa_manifest_free(man);
}

static void test_model__load_pod(void)
{
	hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
	hpa_manifest *man;
	const hpa_object *pod;
	o.flags = HPA_RENDER_LOAD_POD;
	man = render_builtin(&o);
	CU_ASSERT_EQUAL(hpa_manifest_count(man), 10);
	pod = hpa_manifest_at(man, 9);
	CU_ASSERT_STRING_EQUAL(hpa_object_kind_name(pod), "Pod");
	CU_ASSERT_STRING_EQUAL(hpa_object_api_version(pod), "v1");
	CU_ASSERT_STRING_EQUAL(hpa_object_name(pod), "siege");
	CU_ASSERT_STRING_EQUAL(txt(pod, "metadata.labels.run"), "siege");
	CU_ASSERT_STRING_EQUAL(txt(pod, "spec.containers[0].name"), "siege");
	CU_ASSERT_STRING_EQUAL(txt(pod, "spec.containers[0].image"), "apexacme/siege-nginx");
	hpa_manifest_free(man);
	/* loadTest fields */
	man = load_render(MINI "  namespace: lab\n  loadTest: {pod: load, image: example/siege:2}\n", &o);
	pod = find(man, "Pod", "load");
	CU_ASSERT_STRING_EQUAL(txt(pod, "spec.containers[0].image"), "example/siege:2");
	CU_ASSERT_STRING_EQUAL(txt(pod, "metadata.namespace"), "lab");
	hpa_manifest_free(man);
}

/* ---- defaults and every field ---------------------------------------------------------- */

static void test_model__defaults(void)
{
	hpa_manifest *man = load_render(MINI, NULL);
	const hpa_object *d = find(man, "Deployment", "order"), *s = find(man, "Service", "order");
	const hpa_object *i = find(man, "Ingress", "gateway");
	CU_ASSERT_EQUAL(hpa_manifest_count(man), 3);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].image"), "example/order:v1");
	CU_ASSERT_EQUAL(num(d, "spec.replicas"), 1);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 8080);
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].env"));
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.cpu"), "200m");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.limits.memory"), "1Gi");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].livenessProbe.initialDelaySeconds"), 120);
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].livenessProbe.successThreshold"));
	CU_ASSERT_EQUAL(num(s, "spec.ports[0].port"), 8080);
	CU_ASSERT_STRING_EQUAL(txt(i, "spec.ingressClassName"), "nginx");
	CU_ASSERT_STRING_EQUAL(txt(i, "spec.rules[0].http.paths[0].path"), "/orders");
	hpa_manifest_free(man);
}

static void test_model__model_section(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_model *m = load("model:\n  name: shop\n  title: Shop\n  source: https://example.com\n  package: shop\n"
		"boundedContexts:\n  - name: order\ndeployment: {registry: r, tag: t}\n", NULL);
	CU_ASSERT_PTR_NOT_NULL(m);
	CU_ASSERT_STRING_EQUAL(hpa_model_name(m), "shop");
	hpa_model_free(m);
	m = load("model:\n  name: shop\n  title: 3\nboundedContexts:\n  - name: order\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 3, 10);
	CU_ASSERT_STRING_EQUAL(e.path, "model.title");
	CU_ASSERT_STRING_EQUAL(e.source, "<test>");
	m = load("model:\n  name: shop\n  package: [a]\nboundedContexts:\n  - name: order\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 3, 12);
	m = load("model:\n  name: shop\n  source: \"\"\nboundedContexts:\n  - name: order\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 3, 11);
	CU_ASSERT_STRING_EQUAL(e.path, "model.source");
	m = load("model: shop\nboundedContexts:\n  - name: order\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 1, 8);
	CU_ASSERT_STRING_EQUAL(e.path, "model");
}

static void test_model__messaging(void)
{
	static const char *head = "model:\n  name: shop\nmessaging:\n  broker: kafka\n  topic: shop\n  typeHeader: type\n";
	char buf[2048];
	hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
	hpa_manifest *man;
	hpa_model *m;
	hpa_error e = HPA_ERROR_INIT;
	const hpa_object *d;

	snprintf(buf, sizeof(buf), "%s  brokers: {default: localhost:9092, docker: my-kafka:9092, prod: 'k1:9092,k2:9093'}\n"
		"boundedContexts:\n  - name: order\ndeployment: {registry: r, tag: t}\n", head);
	m = load(buf, NULL);
	CU_ASSERT_PTR_NOT_NULL(m);
	man = render(m, NULL); /* profile docker (the default) */
	d = find(man, "Deployment", "order");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].name"), "SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].value"), "my-kafka:9092");
	hpa_manifest_free(man);
	o.profile = "prod";
	man = render(m, &o);
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Deployment", "order"), "spec.template.spec.containers[0].env[0].value"), "k1:9092,k2:9093");
	hpa_manifest_free(man);
	o.profile = "staging"; /* no entry: the default one, as Spring's default profile */
	man = render(m, &o);
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Deployment", "order"), "spec.template.spec.containers[0].env[0].value"), "localhost:9092");
	hpa_manifest_free(man);
	hpa_model_free(m);

	/* no entry and no default: the render says so */
	snprintf(buf, sizeof(buf), "%s  brokers: {prod: k:9092}\nboundedContexts:\n  - name: order\n"
		"deployment: {registry: r, tag: t}\n", head);
	m = load(buf, NULL);
	man = (hpa_manifest *)1;
	CU_ASSERT_EQUAL(hpa_model_render(m, NULL, &man, &e), HPA_ENOTFOUND);
	CU_ASSERT_PTR_NULL(man);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "profile \"docker\""));
	hpa_model_free(m);

	/* custom variable name; no brokers: no env */
	snprintf(buf, sizeof(buf), "%s  env: KAFKA_BOOTSTRAP\n  brokers: {docker: kafka:9092}\n"
		"boundedContexts:\n  - name: order\ndeployment: {registry: r, tag: t}\n", head);
	man = load_render(buf, NULL);
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Deployment", "order"), "spec.template.spec.containers[0].env[0].name"), "KAFKA_BOOTSTRAP");
	hpa_manifest_free(man);
	snprintf(buf, sizeof(buf), "%sboundedContexts:\n  - name: order\ndeployment: {registry: r, tag: t}\n", head);
	man = load_render(buf, NULL);
	CU_ASSERT_FALSE(hpa_object_has(find(man, "Deployment", "order"), "spec.template.spec.containers[0].env"));
	hpa_manifest_free(man);

	/* field errors */
	m = load("model: {name: s}\nmessaging:\n  env: 9VAR\nboundedContexts: [{name: o}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 3, 8);
	CU_ASSERT_STRING_EQUAL(e.path, "messaging.env");
	m = load("model: {name: s}\nmessaging:\n  topic: 12\nboundedContexts: [{name: o}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 3, 10);
	m = load("model: {name: s}\nmessaging:\n  typeHeader: {a: b}\nboundedContexts: [{name: o}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 3, 15);
	m = load("model: {name: s}\nmessaging:\n  brokers: [a]\nboundedContexts: [{name: o}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 3, 12);
	CU_ASSERT_STRING_EQUAL(e.path, "messaging.brokers");
	m = load("model: {name: s}\nmessaging:\n  brokers: {docker: 'k:9092,'}\nboundedContexts: [{name: o}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_EQUAL(e.code, HPA_EVALIDATION);
	CU_ASSERT_STRING_EQUAL(e.path, "messaging.brokers.docker");
}

static void test_model__context_fields(void)
{
	hpa_manifest *man = load_render(
		"model:\n  name: shop\n"
		"messaging:\n  brokers: {docker: kafka:9092}\n"
		"boundedContexts:\n"
		"  - name: order\n"
		"    label: 주문\n"
		"    service: orders-api\n"
		"    ports: {default: 8082, docker: 9090}\n"
		"    image: ghcr.io/{model}/{name}:{tag}\n"
		"    replicas: 3\n"
		"    resources:\n      requests: {memory: 1Gi, ephemeral-storage: 1Gi}\n      limits: {cpu: '2'}\n"
		"    env:\n      SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS: other:9092\n      JAVA_OPTS: -Xmx512m\n"
		"  - name: pay\n    ports: {default: 8083}\n"
		"  - name: ship\n    ports: {prod: 7000}\n    replicas: 0\n"
		"deployment: {registry: r, tag: v2}\n", NULL);
	const hpa_object *d = find(man, "Deployment", "orders-api");
	CU_ASSERT_PTR_NOT_NULL(d);
	CU_ASSERT_PTR_NOT_NULL(find(man, "Service", "orders-api"));
	CU_ASSERT_STRING_EQUAL(txt(d, "metadata.labels.app"), "orders-api");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].name"), "orders-api");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].image"), "ghcr.io/shop/order:v2");
	CU_ASSERT_EQUAL(num(d, "spec.replicas"), 3);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 9090);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].readinessProbe.httpGet.port"), 9090);
	CU_ASSERT_EQUAL(num(find(man, "Service", "orders-api"), "spec.ports[0].port"), 9090);
	/* resources merged key by key over the deployment's */
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.cpu"), "200m");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.memory"), "1Gi");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.ephemeral-storage"), "1Gi");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.limits.cpu"), "2");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.limits.memory"), "1Gi");
	/* the context's env overrides the brokers variable in place */
	CU_ASSERT_EQUAL(hpa_object_count(d, "spec.template.spec.containers[0].env"), 2);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].value"), "other:9092");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[1].name"), "JAVA_OPTS");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[1].value"), "-Xmx512m");
	/* ports: the profile's, else default's, else deployment.containerPort */
	d = find(man, "Deployment", "pay");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 8083);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].value"), "kafka:9092");
	d = find(man, "Deployment", "ship");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 8080);
	CU_ASSERT_EQUAL(num(d, "spec.replicas"), 0);
	hpa_manifest_free(man);
}

static void test_model__aggregates(void)
{
	hpa_model *m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        table: customers\n        restPath: /api/customers\n"
		"        attributes: {id: Long, name: String, birthDay: Date}\n"
		"        events:\n          - {name: CustomerRegistered, hook: PostPersist}\n"
		"          - {name: CustomerDeleted, hook: PreRemove}\n          - {name: Noted}\n"
		"      - name: Address\n      - name: SalesPerson\n      - name: Category\n"
		"deployment: {registry: r, tag: t}\n", NULL);
	hpa_manifest *man;
	const hpa_object *i;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL(hpa_model_aggregate_count(m, 0), 4);
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 0), "/api/customers");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 1), "/addresses");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 2), "/salesPeople");
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_rest_path(m, 0, 3), "/categories");
	man = render(m, NULL);
	i = find(man, "Ingress", "gateway");
	CU_ASSERT_EQUAL(hpa_object_count(i, "spec.rules[0].http.paths"), 4);
	CU_ASSERT_STRING_EQUAL(txt(i, "spec.rules[0].http.paths[3].path"), "/categories");
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Service", "crm"), "metadata.annotations[\"hpa.libhpa.dev/rest-paths\"]"),
		"/api/customers,/addresses,/salesPeople,/categories");
	hpa_manifest_free(man);
	hpa_model_free(m);

	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        attributes: {id: 3}\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 6, 26);
	CU_ASSERT_STRING_EQUAL(e.path, "boundedContexts[0].aggregates[0].attributes.id");
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        attributes: {first name: String}\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 6, 22);
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        table: 7\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 6, 16);
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        events: {name: X}\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_ETYPE, 6, 17);
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        events: [{name: A.B}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 6, 25);
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n      - name: Customer\n        restPath: /c2\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EDUPLICATE, 6, 15);
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        restPath: /a//b\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 6, 19);
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: Customer\n        restPath: /고객\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 6, 19);
	/* an explicit restPath makes a non-ASCII name fine */
	m = load("model: {name: s}\nboundedContexts:\n  - name: crm\n    aggregates:\n"
		"      - name: 고객\n        restPath: /customers\ndeployment: {registry: r, tag: t}\n", NULL);
	CU_ASSERT_PTR_NOT_NULL(m);
	CU_ASSERT_STRING_EQUAL(hpa_model_aggregate_name(m, 0, 0), "고객");
	hpa_model_free(m);
}

static void test_model__policies(void)
{
	hpa_error e = HPA_ERROR_INIT;
	/* a policy may listen to a context declared after it, or to its own */
	hpa_model *m = load("model: {name: s}\nboundedContexts:\n"
		"  - name: delivery\n    aggregates: [{name: Delivery, events: [{name: Shipped}]}]\n"
		"    policies:\n      - {name: Start, listens: order.Placed, calls: Delivery.start}\n"
		"      - {name: Self, listens: delivery.Shipped}\n"
		"  - name: order\n    aggregates: [{name: Order, events: [{name: Placed}]}]\ndeployment: {registry: r, tag: t}\n", NULL);
	CU_ASSERT_PTR_NOT_NULL(m);
	hpa_model_free(m);
	m = load("model: {name: s}\nboundedContexts:\n"
		"  - name: order\n    aggregates: [{name: Order, events: [{name: Placed}]}]\n"
		"    policies:\n      - {name: A, listens: order.Placed}\n      - {name: A, listens: order.Placed}\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EDUPLICATE, 7, 16);
	CU_ASSERT_STRING_EQUAL(e.path, "boundedContexts[0].policies[1].name");
	m = load("model: {name: s}\nboundedContexts:\n"
		"  - name: order\n    aggregates: [{name: Order, events: [{name: Placed}]}]\n"
		"    policies:\n      - {name: A, listens: order.Placed, calls: Order}\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EVALIDATION, 6, 49);
	m = load("model: {name: s}\nboundedContexts:\n"
		"  - name: order\n    policies:\n      - {name: A}\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EMISSING, 5, 9);
	CU_ASSERT_STRING_EQUAL(e.path, "boundedContexts[0].policies[0].listens");
	m = load("model: {name: s}\nboundedContexts:\n"
		"  - name: order\n    policies: [{name: A, listens: order.X, when: now}]\n", &e);
	CU_ASSERT_PTR_NULL(m);
	TH_ASSERT_ERR(e, HPA_EUNKNOWNFIELD, 4, 44);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "known: name, listens, calls"));
}

static void test_model__deployment_fields(void)
{
	hpa_manifest *man = load_render(MINI_HEAD
		"deployment:\n  namespace: mall\n  profile: docker\n  image: \"{registry}/{service}-img:{tag}\"\n"
		"  registry: reg.example.com:5000/team\n  tag: \"2024.1\"\n  imagePullPolicy: Always\n"
		"  containerPort: 9000\n  servicePort: 80\n  portName: web\n  replicas: 2\n"
		"  probes:\n    path: /healthz\n    readiness: {initialDelaySeconds: 3, successThreshold: 2}\n"
		"    liveness: {failureThreshold: 9, successThreshold: 1}\n"
		"  resources:\n    requests: {cpu: 100m}\n"
		"  autoscalers: [{target: order, maxReplicas: 3, metrics: [{resource: cpu, averageUtilization: 50}]}]\n",
		NULL);
	const hpa_object *d = find(man, "Deployment", "order"), *s = find(man, "Service", "order");
	const hpa_object *i = find(man, "Ingress", "gateway"), *h = find(man, "HorizontalPodAutoscaler", "order-hpa");
	CU_ASSERT_EQUAL(hpa_manifest_count(man), 4);
	for (size_t k = 0; k < hpa_manifest_count(man); k++)
		CU_ASSERT_STRING_EQUAL(hpa_object_namespace(hpa_manifest_at(man, k)), "mall");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].image"), "reg.example.com:5000/team/order-img:2024.1");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].imagePullPolicy"), "Always");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 9000);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].ports[0].name"), "web");
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.replicas"));
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].readinessProbe.httpGet.path"), "/healthz");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].readinessProbe.httpGet.port"), 9000);
	/* given fields override the defaults one by one */
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].readinessProbe.initialDelaySeconds"), 3);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].readinessProbe.timeoutSeconds"), 2);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].readinessProbe.successThreshold"), 2);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].livenessProbe.failureThreshold"), 9);
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].livenessProbe.initialDelaySeconds"), 120);
	/* resources replace the defaults; no limits given: none */
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.cpu"), "100m");
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].resources.requests.memory"));
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].resources.limits"));
	CU_ASSERT_EQUAL(num(s, "spec.ports[0].port"), 80);
	CU_ASSERT_STRING_EQUAL(txt(s, "spec.ports[0].name"), "web");
	CU_ASSERT_STRING_EQUAL(txt(s, "spec.ports[0].targetPort"), "web");
	CU_ASSERT_EQUAL(num(i, "spec.rules[0].http.paths[0].backend.service.port.number"), 80);
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.scaleTargetRef.name"), "order");
	hpa_manifest_free(man);

	/* replicas, probes off */
	man = load_render(MINI "  replicas: 4\n  probes: {enabled: false}\n", NULL);
	d = find(man, "Deployment", "order");
	CU_ASSERT_EQUAL(num(d, "spec.replicas"), 4);
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].readinessProbe"));
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].livenessProbe"));
	hpa_manifest_free(man);
	/* empty resources: no resources at all */
	man = load_render(MINI "  resources: {}\n", NULL);
	CU_ASSERT_FALSE(hpa_object_has(find(man, "Deployment", "order"), "spec.template.spec.containers[0].resources.requests"));
	hpa_manifest_free(man);
}

static void test_model__deployment_errors(void)
{
	static const struct { const char *yaml; int code; size_t line, col; const char *path; } cases[] = {
		{ MINI "  profile: 1\n", HPA_ETYPE, 10, 12, "deployment.profile" },
		{ MINI "  imagePullPolicy: Sometimes\n", HPA_EVALIDATION, 10, 20, "deployment.imagePullPolicy" },
		{ MINI "  containerPort: 0\n", HPA_ERANGE, 10, 18, "deployment.containerPort" },
		{ MINI "  servicePort: 65536\n", HPA_ERANGE, 10, 16, "deployment.servicePort" },
		{ MINI "  replicas: -1\n", HPA_ERANGE, 10, 13, "deployment.replicas" },
		{ MINI "  probes: {enabled: maybe}\n", HPA_ETYPE, 10, 21, "deployment.probes.enabled" },
		{ MINI "  probes: {path: health}\n", HPA_EVALIDATION, 10, 18, "deployment.probes.path" },
		{ MINI "  probes: {readiness: {timeoutSeconds: 0}}\n", HPA_ERANGE, 10, 40, "deployment.probes.readiness.timeoutSeconds" },
		{ MINI "  probes: {liveness: {initialDelay: 5}}\n", HPA_EUNKNOWNFIELD, 10, 23, "deployment.probes.liveness.initialDelay" },
		{ MINI "  resources: {requests: {cpu: -1}}\n", HPA_ERANGE, 10, 31, "deployment.resources.requests.cpu" },
		{ MINI "  resources: {requets: {cpu: 1}}\n", HPA_EUNKNOWNFIELD, 10, 15, "deployment.resources.requets" },
		{ MINI "  ingress: {enabled: 1}\n", HPA_ETYPE, 10, 22, "deployment.ingress.enabled" },
		{ MINI "  ingress: {name: Gateway}\n", HPA_EVALIDATION, 10, 19, "deployment.ingress.name" },
		{ MINI "  ingress: {class: nginx_internal}\n", HPA_EVALIDATION, 10, 20, "deployment.ingress.class" },
		{ MINI "  ingress: {host: 'shop example'}\n", HPA_EVALIDATION, 10, 19, "deployment.ingress.host" },
		{ MINI "  autoscalers: {target: order}\n", HPA_ETYPE, 10, 16, "deployment.autoscalers" },
		{ MINI "  autoscalers: [{name: Order_HPA, target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}]}]\n",
			HPA_EVALIDATION, 10, 24, "deployment.autoscalers[0].name" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: []}]\n", HPA_EVALIDATION, 10, 58, "deployment.autoscalers[0].metrics" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageValue: lots}]}]\n",
			HPA_EVALIDATION, 10, 89, "deployment.autoscalers[0].metrics[0].averageValue" },
		{ MINI "  loadTest: {pod: Siege}\n", HPA_EVALIDATION, 10, 19, "deployment.loadTest.pod" },
		{ MINI "  loadTest: {image: 5}\n", HPA_ETYPE, 10, 21, "deployment.loadTest.image" },
		{ MINI "  loadTest: {cmd: siege}\n", HPA_EUNKNOWNFIELD, 10, 14, "deployment.loadTest.cmd" },
		{ MINI "  image: \"{registry}/{service\"\n", HPA_EVALIDATION, 10, 10, "deployment.image" },
		{ MINI_HEAD "deployment:\n  registry: 5\n  tag: v1\n", HPA_ETYPE, 8, 13, "deployment.registry" },
		{ MINI_HEAD "deployment:\n  registry: r\n  tag: 1.0\n", HPA_ETYPE, 9, 8, "deployment.tag" },
		{ MINI "  namespaces: x\n", HPA_EUNKNOWNFIELD, 10, 3, "deployment.namespaces" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}],\n"
			"    behavior: {scaleUp: {selectPolicy: Maximum}}}]\n", HPA_EVALIDATION, 11, 40,
			"deployment.autoscalers[0].behavior.scaleUp.selectPolicy" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}],\n"
			"    behavior: {scaleDown: {tolerance: 10%}}}]\n", HPA_EVALIDATION, 11, 39,
			"deployment.autoscalers[0].behavior.scaleDown.tolerance" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}],\n"
			"    behavior: {scaleDown: {stabilizationWindowSeconds: 3601}}}]\n", HPA_ERANGE, 11, 56,
			"deployment.autoscalers[0].behavior.scaleDown.stabilizationWindowSeconds" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}],\n"
			"    behavior: {scaleDown: {policies: [{type: Replicas, value: 1, periodSeconds: 60}]}}}]\n", HPA_EVALIDATION, 11, 46,
			"deployment.autoscalers[0].behavior.scaleDown.policies[0].type" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}],\n"
			"    behavior: {scaleDown: {policies: [{type: Pods, periodSeconds: 60}]}}}]\n", HPA_EMISSING, 11, 39,
			"deployment.autoscalers[0].behavior.scaleDown.policies[0].value" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}],\n"
			"    behavior: {scaleSideways: {}}}]\n", HPA_EUNKNOWNFIELD, 11, 16,
			"deployment.autoscalers[0].behavior.scaleSideways" },
		{ MINI "  autoscalers: [{target: order, maxReplicas: 0, metrics: [{resource: cpu, averageUtilization: 5}]}]\n",
			HPA_ERANGE, 10, 46, "deployment.autoscalers[0].maxReplicas" },
		{ MINI "  autoscalers: [{target: order, minReplicas: 0, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 5}]}]\n",
			HPA_ERANGE, 10, 46, "deployment.autoscalers[0].minReplicas" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		hpa_error e = HPA_ERROR_INIT;
		hpa_model *m = load(cases[i].yaml, &e);
		CU_ASSERT_PTR_NULL(m);
		hpa_model_free(m);
		if (e.code != cases[i].code || e.line != cases[i].line || e.column != cases[i].col
			|| strcmp(e.path, cases[i].path)) {
			char buf[512];
			hpa_error_format(&e, buf, sizeof(buf));
			fprintf(stderr, "case %zu: want %s %zu:%zu %s, got %s\n", i, hpa_error_code_name(cases[i].code),
				cases[i].line, cases[i].col, cases[i].path, buf);
		}
		TH_ASSERT_ERR(e, cases[i].code, cases[i].line, cases[i].col);
		CU_ASSERT_STRING_EQUAL(e.path, cases[i].path);
	}
}

/* deployment.profile picks the ports and brokers entries */
static void test_model__profile_field(void)
{
	static const char *yaml = "model: {name: s}\nmessaging: {brokers: {default: localhost:9092, prod: kafka:9092}}\n"
		"boundedContexts:\n  - {name: order, ports: {default: 8082, docker: 8080, prod: 80}}\n"
		"deployment: {registry: r, tag: t, profile: %s}\n";
	char buf[512];
	hpa_manifest *man;
	const hpa_object *d;
	snprintf(buf, sizeof(buf), yaml, "prod");
	man = load_render(buf, NULL);
	d = find(man, "Deployment", "order");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 80);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].value"), "kafka:9092");
	hpa_manifest_free(man);
	snprintf(buf, sizeof(buf), yaml, "default");
	man = load_render(buf, NULL);
	d = find(man, "Deployment", "order");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 8082);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].value"), "localhost:9092");
	hpa_manifest_free(man);
	snprintf(buf, sizeof(buf), yaml, "docker"); /* brokers: no docker entry, the default one */
	man = load_render(buf, NULL);
	d = find(man, "Deployment", "order");
	CU_ASSERT_EQUAL(num(d, "spec.template.spec.containers[0].ports[0].containerPort"), 8080);
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].env[0].value"), "localhost:9092");
	hpa_manifest_free(man);
}

static void test_model__ingress_fields(void)
{
	hpa_manifest *man = load_render(MINI "  ingress: {enabled: false}\n", NULL);
	CU_ASSERT_EQUAL(count_kind(man, "Ingress"), 0);
	hpa_manifest_free(man);
	man = load_render(MINI "  ingress: {name: shop-gw, class: traefik, host: shop.example.com}\n", NULL);
	{
		const hpa_object *i = find(man, "Ingress", "shop-gw");
		CU_ASSERT_STRING_EQUAL(txt(i, "spec.ingressClassName"), "traefik");
		CU_ASSERT_STRING_EQUAL(txt(i, "spec.rules[0].host"), "shop.example.com");
	}
	hpa_manifest_free(man);
	man = load_render(MINI "  ingress: {host: '*.example.com'}\n", NULL);
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Ingress", "gateway"), "spec.rules[0].host"), "*.example.com");
	hpa_manifest_free(man);
	/* no aggregate anywhere: nothing to route, no Ingress */
	man = load_render("model: {name: s}\nboundedContexts: [{name: web}]\ndeployment: {registry: r, tag: t}\n", NULL);
	CU_ASSERT_EQUAL(hpa_manifest_count(man), 2);
	hpa_manifest_free(man);
	/* the model's pathRule, and the option overriding it */
	man = load_render(MINI "  ingress: {pathRule: service}\n", NULL);
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Ingress", "gateway"), "spec.rules[0].http.paths[0].path"), "/orders");
	hpa_manifest_free(man);
	{
		hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
		o.path_rule = HPA_PATH_RULE_AGGREGATE;
		man = load_render("model: {name: s}\nboundedContexts:\n  - name: stock\n    aggregates: [{name: Inventory}]\n"
			"deployment: {registry: r, tag: t, ingress: {pathRule: service}}\n", &o);
		CU_ASSERT_STRING_EQUAL(txt(find(man, "Ingress", "gateway"), "spec.rules[0].http.paths[0].path"), "/inventories");
		hpa_manifest_free(man);
	}
}

static void test_model__autoscalers(void)
{
	hpa_manifest *man = load_render(MINI_HEAD
		"  - name: pay\n    resources: {requests: {cpu: 300m}}\n"
		"deployment:\n  registry: r\n  tag: t\n  resources:\n    requests: {cpu: 100m}\n    limits: {cpu: 400m}\n"
		"  autoscalers:\n"
		"    - target: order\n      maxReplicas: 4\n      metrics:\n        - {resource: memory, averageUtilization: 60}\n"
		"        - {resource: cpu, averageValue: 150m}\n"
		"      behavior:\n        scaleDown:\n          stabilizationWindowSeconds: 60\n          selectPolicy: Disabled\n"
		"        scaleUp:\n          tolerance: 0.05\n          policies: [{type: Pods, value: 2, periodSeconds: 30}]\n"
		"    - {name: pay-autoscaler, target: pay, minReplicas: 2, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 90}]}\n",
		NULL);
	const hpa_object *h = find(man, "HorizontalPodAutoscaler", "order-hpa");
	const hpa_object *d = find(man, "Deployment", "order");
	CU_ASSERT_PTR_NOT_NULL(h);
	CU_ASSERT_EQUAL(num(h, "spec.minReplicas"), 1);
	CU_ASSERT_EQUAL(num(h, "spec.maxReplicas"), 4);
	CU_ASSERT_EQUAL(hpa_object_count(h, "spec.metrics"), 2);
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.metrics[0].resource.name"), "memory");
	CU_ASSERT_EQUAL(num(h, "spec.metrics[0].resource.target.averageUtilization"), 60);
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.metrics[1].resource.target.type"), "AverageValue");
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.metrics[1].resource.target.averageValue"), "150m");
	CU_ASSERT_FALSE(hpa_object_has(h, "spec.metrics[1].resource.target.averageUtilization"));
	CU_ASSERT_EQUAL(num(h, "spec.behavior.scaleDown.stabilizationWindowSeconds"), 60);
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.behavior.scaleDown.selectPolicy"), "Disabled");
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.behavior.scaleUp.tolerance"), "0.05");
	CU_ASSERT_STRING_EQUAL(txt(h, "spec.behavior.scaleUp.policies[0].type"), "Pods");
	CU_ASSERT_EQUAL(num(h, "spec.behavior.scaleUp.policies[0].value"), 2);
	CU_ASSERT_EQUAL(num(h, "spec.behavior.scaleUp.policies[0].periodSeconds"), 30);
	CU_ASSERT_EQUAL(hpa_object_line_of(h, "spec.behavior.scaleUp"), 0); /* built, not read */
	/* a request for every resource the autoscaler scales on: memory added
	 * with the documented defaults, cpu kept as the model says */
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.replicas"));
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.cpu"), "100m");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.memory"), "512Mi");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.limits.memory"), "1Gi");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.limits.cpu"), "400m");
	h = find(man, "HorizontalPodAutoscaler", "pay-autoscaler");
	CU_ASSERT_EQUAL(num(h, "spec.minReplicas"), 2);
	d = find(man, "Deployment", "pay");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.cpu"), "300m");
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].resources.requests.memory"));
	hpa_manifest_free(man);

	/* no resources at all: the HPA's resource gets request and limit */
	man = load_render(MINI "  resources: {}\n  autoscalers: [{target: order, maxReplicas: 3, metrics: [{resource: cpu, averageUtilization: 50}]}]\n", NULL);
	d = find(man, "Deployment", "order");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.requests.cpu"), "200m");
	CU_ASSERT_STRING_EQUAL(txt(d, "spec.template.spec.containers[0].resources.limits.cpu"), "500m");
	CU_ASSERT_FALSE(hpa_object_has(d, "spec.template.spec.containers[0].resources.requests.memory"));
	hpa_manifest_free(man);
}

static void test_model__prerequisites(void)
{
	size_t len;
	char *text = read_source("examples/12st-mall/model.yml", &len), *pre = NULL;
	hpa_model *m = NULL;
	hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
	size_t plen = 0;
	CU_ASSERT_EQUAL(hpa_model_load_buffer(&m, text, len, "model.yml", NULL), 0);
	CU_ASSERT_EQUAL(hpa_model_prerequisites(m, NULL, &pre, &plen, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(pre);
	if (pre) {
		CU_ASSERT_EQUAL(plen, strlen(pre));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "metrics-server: autoscalers order-hpa (cpu), product-hpa (memory)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "ingress controller: class nginx for Ingress gateway"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "kafka: brokers my-kafka:9092 for order, delivery, product (helm install my-kafka bitnami/kafka)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "username/order:v1 username/delivery:v1 username/product:v1"));
		CU_ASSERT_PTR_NULL(strstr(pre, "load test"));
		CU_ASSERT(strncmp(pre, "namespace ", 10) != 0 && !strstr(pre, "\nnamespace "));
	}
	hpa_free(pre);
	o.flags = HPA_RENDER_LOAD_POD;
	CU_ASSERT_EQUAL(hpa_model_prerequisites(m, &o, &pre, NULL, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(pre && strstr(pre, "load test: kubectl exec -it siege -- siege -c20 -t40S -v http://order:8080/orders\n"));
	hpa_free(pre);
	hpa_model_free(m);
	free(text);

	m = load("model: {name: s}\nmessaging: {brokers: {docker: kafka.messaging.svc:9092}}\n"
		"boundedContexts: [{name: o, aggregates: [{name: Order}]}]\n"
		"deployment: {namespace: shop, registry: r, tag: t, ingress: {class: traefik},\n"
		"  autoscalers: [{target: o, maxReplicas: 2, metrics: [{resource: cpu, averageUtilization: 50}]}]}\n", NULL);
	CU_ASSERT_EQUAL(hpa_model_prerequisites(m, &o, &pre, NULL, NULL), 0);
	if (pre) {
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "namespace shop: every object goes there (kubectl create namespace shop)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "one serving IngressClass traefik for Ingress gateway"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "(helm install kafka bitnami/kafka --namespace messaging)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "load test: kubectl exec -it siege -- siege -c20 -t40S -v http://o:8080/orders"));
	}
	hpa_free(pre);
	hpa_model_free(m);
	m = load("model: {name: s}\nmessaging: {brokers: {default: localhost:9092}}\nboundedContexts: [{name: o}]\n"
		"deployment: {registry: r, tag: t}\n", NULL);
	CU_ASSERT_EQUAL(hpa_model_prerequisites(m, NULL, &pre, NULL, NULL), 0);
	if (pre) {
		CU_ASSERT_PTR_NOT_NULL(strstr(pre, "kafka: brokers localhost:9092 for o (a broker the pods can reach)"));
		CU_ASSERT_PTR_NULL(strstr(pre, "metrics-server"));
		CU_ASSERT_PTR_NULL(strstr(pre, "ingress controller")); /* no path, no Ingress */
	}
	hpa_free(pre);
	hpa_model_free(m);
}

static void test_model__options(void)
{
	hpa_model *m = load(MINI, NULL);
	hpa_manifest *man = NULL;
	hpa_render_options o;
	hpa_error e = HPA_ERROR_INIT;
	char *pre = NULL;
	CU_ASSERT_EQUAL(hpa_render_options_init(&o, HPA_RENDER_OPTIONS_VERSION), 0);
	CU_ASSERT_EQUAL(o.version, 1);
	CU_ASSERT_EQUAL(o.flags, 0);
	CU_ASSERT_EQUAL(o.path_rule, HPA_PATH_RULE_MODEL);
	CU_ASSERT_PTR_NULL(o.profile);
	CU_ASSERT_EQUAL(hpa_render_options_init(&o, 0), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_render_options_init(&o, 2), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_render_options_init(NULL, 1), HPA_EINVAL);
	hpa_render_options_init(&o, 1);
	o.version = 2;
	CU_ASSERT_EQUAL(hpa_model_render(m, &o, &man, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "hpa_render_options"));
	CU_ASSERT_EQUAL(hpa_model_prerequisites(m, &o, &pre, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(pre);
	hpa_render_options_init(&o, 1);
	o.path_rule = (hpa_path_rule)7;
	CU_ASSERT_EQUAL(hpa_model_render(m, &o, &man, NULL), HPA_EINVAL);
	hpa_render_options_init(&o, 1);
	o.flags = 1u << 5;
	CU_ASSERT_EQUAL(hpa_model_render(m, &o, &man, NULL), HPA_EINVAL);
	hpa_render_options_init(&o, 1);
	o.profile = "";
	CU_ASSERT_EQUAL(hpa_model_render(m, &o, &man, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(man);
	CU_ASSERT_EQUAL(hpa_model_render(NULL, NULL, &man, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_render(m, NULL, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_prerequisites(NULL, NULL, &pre, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_prerequisites(m, NULL, NULL, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_load_buffer(NULL, "x", 1, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_load_buffer((hpa_model **)&pre, NULL, 3, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_model_load_file(NULL, "x", NULL), HPA_EINVAL);
	hpa_model_free(m);
}

static void test_model__load_file(void)
{
	char path[1024];
	hpa_model *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	snprintf(path, sizeof(path), "%s/examples/12st-mall/model.yml", HPA_SOURCE_DIR);
	CU_ASSERT_EQUAL(hpa_model_load_file(&m, path, &e), 0);
	CU_ASSERT_EQUAL(hpa_model_context_count(m), 3);
	hpa_model_free(m);
	m = NULL;
	CU_ASSERT_EQUAL(hpa_model_load_file(&m, "/nonexistent/model.yml", &e), HPA_EIO);
	CU_ASSERT_PTR_NULL(m);
	/* a syntax error names the file and the position */
	CU_ASSERT_EQUAL(hpa_model_load_buffer(&m, "model: {name: [}\n", 17, "m.yml", &e), HPA_ESYNTAX);
	CU_ASSERT_STRING_EQUAL(e.source, "m.yml");
	CU_ASSERT_EQUAL(e.line, 1);
	/* duplicate keys are the codec's error */
	CU_ASSERT_EQUAL(hpa_model_load_buffer(&m, "model: {name: a}\nmodel: {name: b}\n", 34, NULL, &e), HPA_EDUPLICATE);
	CU_ASSERT_EQUAL(e.line, 2);
	CU_ASSERT_STRING_EQUAL(e.source, "<string>");
}

/* Every file of tests/data/model/bad starts with
 *   # expect: CODE LINE:COLUMN PATH     (PATH "-" = empty, 0:0 = no position)
 *   # message: text the message contains
 * written by hand (positions counted in the file, in characters). */
static void test_model__bad_models(void)
{
	char dir[1024];
	char **files = th_list_dir(th_data_path(dir, sizeof(dir), "model/bad"));
	size_t n = 0;
	CU_ASSERT_PTR_NOT_NULL(files);
	for (char **f = files; f && *f; f++) {
		char path[2048], code[64], epath[256], msg[256] = "";
		unsigned line, col;
		char *text = NULL, *nl;
		hpa_model *m = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int rc;
		if (!strstr(*f, ".yml"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		text = th_read_file(path, NULL);
		CU_ASSERT_PTR_NOT_NULL(text);
		if (!text)
			continue;
		n++;
		if (sscanf(text, "# expect: %63s %u:%u %255s", code, &line, &col, epath) != 4) {
			fprintf(stderr, "%s: no expect line\n", *f);
			CU_FAIL("fixture without an expect line");
			free(text);
			continue;
		}
		nl = strstr(text, "\n# message: ");
		if (nl) {
			size_t k = 0;
			nl += 12;
			while (nl[k] && nl[k] != '\n' && k + 1 < sizeof(msg)) {
				msg[k] = nl[k];
				k++;
			}
			msg[k] = '\0';
		}
		rc = hpa_model_load_file(&m, path, &e);
		CU_ASSERT_PTR_NULL(m);
		hpa_model_free(m);
		if (rc >= 0 || strcmp(hpa_error_code_name(rc), code) || e.line != line || e.column != col
			|| strcmp(e.path, strcmp(epath, "-") ? epath : "") || !strstr(e.message, msg)
			|| strcmp(e.source, path)) {
			char buf[512];
			hpa_error_format(&e, buf, sizeof(buf));
			fprintf(stderr, "%s: want %s %u:%u %s \"%s\"\n   got %s %s\n", *f, code, line, col, epath, msg,
				hpa_error_code_name(rc), buf);
			CU_FAIL("bad model: unexpected error");
		}
		CU_ASSERT_STRING_EQUAL(hpa_error_code_name(e.code), code);
		free(text);
	}
	CU_ASSERT(n >= 50);
	th_free_list(files);
}

/* render -> YAML -> parse -> YAML: the same bytes, equal objects */
static void roundtrip(hpa_manifest *man)
{
	char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0;
	hpa_manifest *back = NULL;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_PTR_NOT_NULL(man);
	if (!man)
		return;
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(man, &a, &la, NULL, &e), 0);
	{
		hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
		po.flags = HPA_PARSE_STRICT;
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&back, a, la, &po, &e), 0);
	}
	if (e.code) {
		char buf[512];
		hpa_error_format(&e, buf, sizeof(buf));
		fprintf(stderr, "roundtrip: %s\n", buf);
	}
	CU_ASSERT_EQUAL(hpa_manifest_count(back), hpa_manifest_count(man));
	for (size_t i = 0; i < hpa_manifest_count(man) && i < hpa_manifest_count(back); i++) {
		CU_ASSERT(hpa_object_equal(hpa_manifest_at(man, i), hpa_manifest_at(back, i)));
		CU_ASSERT_EQUAL(hpa_object_kind(hpa_manifest_at(man, i)), hpa_object_kind(hpa_manifest_at(back, i)));
	}
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(back, &b, &lb, NULL, &e), 0);
	CU_ASSERT_EQUAL(la, lb);
	CU_ASSERT(a && b && la == lb && memcmp(a, b, la) == 0);
	hpa_free(a);
	hpa_free(b);
	hpa_manifest_free(back);
}

static void test_model__roundtrip(void)
{
	hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
	hpa_manifest *man = render_builtin(NULL);
	char path[1024];
	hpa_model *m = NULL;
	roundtrip(man);
	hpa_manifest_free(man);
	o.flags = HPA_RENDER_LOAD_POD;
	o.path_rule = HPA_PATH_RULE_SERVICE;
	man = render_builtin(&o);
	roundtrip(man);
	hpa_manifest_free(man);
	CU_ASSERT_EQUAL(hpa_model_load_file(&m, th_data_path(path, sizeof(path), "model/large.yml"), NULL), 0);
	man = render(m, &o);
	roundtrip(man);
	hpa_manifest_free(man);
	hpa_model_free(m);
}

static void test_model__large(void)
{
	char path[1024];
	hpa_model *m = NULL;
	hpa_manifest *man;
	const hpa_object *o;
	size_t paths = 0;
	CU_ASSERT_EQUAL(hpa_model_load_file(&m, th_data_path(path, sizeof(path), "model/large.yml"), NULL), 0);
	CU_ASSERT_EQUAL(hpa_model_context_count(m), 10);
	man = render(m, NULL);
	CU_ASSERT_EQUAL(count_kind(man, "Deployment"), 10);
	CU_ASSERT_EQUAL(count_kind(man, "Service"), 10);
	CU_ASSERT_EQUAL(count_kind(man, "Ingress"), 1);
	CU_ASSERT_EQUAL(count_kind(man, "HorizontalPodAutoscaler"), 4);
	CU_ASSERT_EQUAL(hpa_manifest_count(man), 25);
	for (size_t i = 0; i < hpa_model_context_count(m); i++)
		paths += hpa_model_aggregate_count(m, i);
	o = find(man, "Ingress", "food-gateway");
	CU_ASSERT_EQUAL(paths, 18);
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.rules[0].http.paths"), 18);
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.rules[0].host"), "food.example.com");
	CU_ASSERT_STRING_EQUAL(txt(o, "metadata.namespace"), "food");
	o = find(man, "Deployment", "order");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].image"),
		"registry.example.com/food/food-delivery-order:1.4.2");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].env[0].value"),
		"kafka.messaging.svc.cluster.local:9092");
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.initialDelaySeconds"), 15);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.periodSeconds"), 10);
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].readinessProbe.timeoutSeconds"), 2);
	o = find(man, "Deployment", "search");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].image"), "registry.example.com/food/search-engine:1.4.2");
	CU_ASSERT_EQUAL(num(o, "spec.template.spec.containers[0].ports[0].containerPort"), 9200);
	CU_ASSERT_EQUAL(num(find(man, "Service", "search"), "spec.ports[0].port"), 80);
	o = find(man, "Deployment", "notifier");
	CU_ASSERT_FALSE(hpa_object_has(o, "spec.replicas"));
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.requests.cpu"), "50m");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.limits.cpu"), "1");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].resources.limits.memory"), "256Mi");
	CU_ASSERT_STRING_EQUAL(txt(o, "spec.template.spec.containers[0].env[1].name"), "SMTP_HOST");
	CU_ASSERT_EQUAL(num(find(man, "Deployment", "frontend"), "spec.replicas"), 3);
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Service", "frontend"), "metadata.annotations[\"hpa.libhpa.dev/rest-paths\"]"), "");
	CU_ASSERT_STRING_EQUAL(txt(find(man, "Service", "customer"), "metadata.annotations[\"hpa.libhpa.dev/rest-paths\"]"),
		"/customers,/addresses,/customers/people");
	o = find(man, "HorizontalPodAutoscaler", "order-hpa");
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.metrics"), 2);
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.behavior.scaleUp.policies"), 2);
	CU_ASSERT_PTR_NOT_NULL(find(man, "HorizontalPodAutoscaler", "payment-hpa"));
	CU_ASSERT_STRING_EQUAL(txt(find(man, "HorizontalPodAutoscaler", "notifier-hpa"), "spec.scaleTargetRef.name"), "notifier");
	hpa_manifest_free(man);
	hpa_model_free(m);
}

static int alloc_scenario(void)
{
	size_t len;
	char *text = read_source("examples/12st-mall/model.yml", &len), *pre = NULL;
	hpa_model *m = NULL;
	hpa_manifest *man = NULL;
	hpa_render_options o = HPA_RENDER_OPTIONS_INIT;
	int rc;
	o.flags = HPA_RENDER_LOAD_POD;
	if (!text)
		return HPA_EIO;
	rc = hpa_model_load_buffer(&m, text, len, "model.yml", NULL);
	if (rc == 0)
		rc = hpa_model_render(m, &o, &man, NULL);
	if (rc == 0)
		rc = hpa_model_prerequisites(m, &o, &pre, NULL, NULL);
	hpa_free(pre);
	hpa_manifest_free(man);
	hpa_model_free(m);
	free(text);
	return rc;
}

static void test_model__allocation_failures(void)
{
	unsigned long n;
	int rc;
	for (n = 1; n < 5000; n++) {
		hpa__test_fail_alloc_at(n);
		rc = alloc_scenario();
		if (!hpa__test_alloc_failed()) {
			CU_ASSERT_EQUAL(rc, 0);
			break;
		}
		if (rc != HPA_ENOMEM)
			fprintf(stderr, "allocation %lu: rc %d\n", n, rc);
		CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
	}
	hpa__test_fail_alloc_at(0);
	CU_ASSERT(n > 10 && n < 5000);
}

static CU_TestInfo tests[] = {
	{ "plural_table", test_model__plural_table },
	{ "plural_rejects", test_model__plural_rejects },
	{ "rest_path_keeps_case", test_model__rest_path_keeps_case },
	{ "builtin_loads", test_model__builtin_loads },
	{ "builtin_renders", test_model__builtin_renders },
	{ "path_rule_service", test_model__path_rule_service },
	{ "load_pod", test_model__load_pod },
	{ "defaults", test_model__defaults },
	{ "model_section", test_model__model_section },
	{ "messaging", test_model__messaging },
	{ "context_fields", test_model__context_fields },
	{ "aggregates", test_model__aggregates },
	{ "policies", test_model__policies },
	{ "deployment_fields", test_model__deployment_fields },
	{ "deployment_errors", test_model__deployment_errors },
	{ "profile_field", test_model__profile_field },
	{ "ingress_fields", test_model__ingress_fields },
	{ "autoscalers", test_model__autoscalers },
	{ "prerequisites", test_model__prerequisites },
	{ "options", test_model__options },
	{ "load_file", test_model__load_file },
	{ "bad_models", test_model__bad_models },
	{ "roundtrip", test_model__roundtrip },
	{ "large", test_model__large },
	{ "allocation_failures", test_model__allocation_failures },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_model = { "model", NULL, NULL, NULL, NULL, tests };
