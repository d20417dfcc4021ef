/* tests/unit/test_object.c -- the public object API: identity, the
 * type-checked path API (absent / zero / value as three states), generic
 * objects, dup/equal, manifest append/remove/iterate, ownership, and an
 * allocation-failure sweep over every allocating call. */
#include "helpers.h"
#include "manifest/manifest_int.h"
#include "schema/check.h"
#include "schema/path.h"
#include <stdlib.h>
#include <string.h>

static hpa_object *new_obj(const char *av, const char *kind)
{
	hpa_object *o = NULL;
	CU_ASSERT_EQUAL(hpa_object_new(&o, av, kind, NULL), 0);
	return o;
}

static void test_object__new_and_identity(void)
{
	hpa_object *o = NULL;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL(hpa_object_new(&o, "apps/v1", "Deployment", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_DEPLOYMENT);
	CU_ASSERT_STRING_EQUAL(hpa_object_api_version(o), "apps/v1");
	CU_ASSERT_STRING_EQUAL(hpa_object_kind_name(o), "Deployment");
	CU_ASSERT_STRING_EQUAL(hpa_object_name(o), "");
	CU_ASSERT_STRING_EQUAL(hpa_object_namespace(o), "");
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.name", "web", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.namespace", "shop", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_object_name(o), "web");
	CU_ASSERT_STRING_EQUAL(hpa_object_namespace(o), "shop");
	CU_ASSERT_EQUAL(hpa_object_document(o), 0);
	CU_ASSERT_EQUAL(hpa_object_line(o), 0);   /* built in memory: no position */
	CU_ASSERT_EQUAL(hpa_object_column(o), 0);
	CU_ASSERT_EQUAL(hpa_object_line_of(o, "metadata.name"), 0);
	hpa_object_free(o);

	o = new_obj("v1", "Service");
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_SERVICE);
	hpa_object_free(o);
	o = new_obj("networking.k8s.io/v1", "Ingress");
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_INGRESS);
	hpa_object_free(o);
	o = new_obj("autoscaling/v2", "HorizontalPodAutoscaler");
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_AUTOSCALER);
	hpa_object_free(o);
	o = new_obj("v1", "ConfigMap");
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_OTHER);
	hpa_object_free(o);

	/* bad arguments */
	o = (hpa_object *)&e;
	CU_ASSERT_EQUAL(hpa_object_new(&o, "", "Deployment", &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(o);
	CU_ASSERT_EQUAL(hpa_object_new(&o, "v1", NULL, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_new(NULL, "v1", "Pod", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_kind(NULL), HPA_KIND_OTHER);
	CU_ASSERT_STRING_EQUAL(hpa_object_name(NULL), "");
	hpa_object_free(NULL);
}

static void test_object__three_states(void)
{
	hpa_object *o = new_obj("apps/v1", "Deployment");
	hpa_error e = HPA_ERROR_INIT;
	int32_t r = 42;
	bool b = true;

	/* absent */
	CU_ASSERT(!hpa_object_has(o, "spec.replicas"));
	CU_ASSERT_EQUAL(hpa_object_type(o, "spec.replicas"), 0);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.replicas", &r, &e), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(r, 42); /* untouched */
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	/* zero */
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.replicas", 0, &e), 0);
	CU_ASSERT(hpa_object_has(o, "spec.replicas"));
	CU_ASSERT_EQUAL(hpa_object_type(o, "spec.replicas"), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.replicas", &r, &e), 0);
	CU_ASSERT_EQUAL(r, 0);
	/* a value */
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.replicas", 7, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.replicas", &r, &e), 0);
	CU_ASSERT_EQUAL(r, 7);
	/* back to absent */
	CU_ASSERT_EQUAL(hpa_object_clear(o, "spec.replicas", &e), 0);
	CU_ASSERT(!hpa_object_has(o, "spec.replicas"));
	CU_ASSERT(hpa_object_has(o, "spec"));
	CU_ASSERT_EQUAL(hpa_object_clear(o, "spec.replicas", &e), HPA_ENOTFOUND);

	/* booleans: absent, false, true */
	CU_ASSERT_EQUAL(hpa_object_get_bool(o, "spec.paused", &b, &e), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_object_set_bool(o, "spec.paused", false, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_bool(o, "spec.paused", &b, &e), 0);
	CU_ASSERT_EQUAL(b, false);
	CU_ASSERT(hpa_object_has(o, "spec.paused"));
	CU_ASSERT_EQUAL(hpa_object_set_bool(o, "spec.paused", true, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_bool(o, "spec.paused", &b, &e), 0);
	CU_ASSERT_EQUAL(b, true);

	/* strings: "" is a value */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.template.spec.containers[0].image", "", &e), 0);
	CU_ASSERT(hpa_object_has(o, "spec.template.spec.containers[0].image"));

	/* explicit null counts as absent */
	CU_ASSERT_EQUAL(hpa__path_set(o->root, "spec.minReadySeconds", hpa__v_null(o->arena), NULL), 0);
	CU_ASSERT(!hpa_object_has(o, "spec.minReadySeconds"));
	CU_ASSERT_EQUAL(hpa_object_type(o, "spec.minReadySeconds"), HPA_VALUE_NULL);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.minReadySeconds", &r, &e), HPA_ENOTFOUND);

	/* object.h: every getter leaves *out unchanged for an absent (or null) field */
	{
		int64_t i64 = 42;
		const char *s = "kept", *t = "kept";
		hpa_quantity *q = (hpa_quantity *)&e;   /* a sentinel, never dereferenced */
		b = true;
		CU_ASSERT_EQUAL(hpa_object_get_int64(o, "spec.minReadySeconds", &i64, &e), HPA_ENOTFOUND);
		CU_ASSERT_EQUAL(i64, 42);
		CU_ASSERT_EQUAL(hpa_object_clear(o, "spec.paused", &e), 0);
		CU_ASSERT_EQUAL(hpa_object_get_bool(o, "spec.paused", &b, &e), HPA_ENOTFOUND);
		CU_ASSERT_EQUAL(b, true);
		CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.strategy.type", &s, &e), HPA_ENOTFOUND);
		CU_ASSERT_STRING_EQUAL(s, "kept");
		CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.strategy.rollingUpdate.maxSurge", &t, &e), HPA_ENOTFOUND);
		CU_ASSERT_STRING_EQUAL(t, "kept");
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.limits.cpu", &q, &e),
			HPA_ENOTFOUND);
		CU_ASSERT_PTR_EQUAL(q, (hpa_quantity *)&e);
	}
	hpa_object_free(o);
}

static void test_object__type_checks(void)
{
	hpa_object *o = new_obj("apps/v1", "Deployment");
	hpa_error e = HPA_ERROR_INIT;
	const char *s = NULL;
	int32_t i32;
	int64_t i64;

	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.replicas", "3", &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	CU_ASSERT_STRING_EQUAL(e.message, "field is int32, not a string");
	CU_ASSERT(!hpa_object_has(o, "spec.replicas"));
	CU_ASSERT_EQUAL(hpa_object_set_bool(o, "spec.replicas", true, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "metadata.name", 1, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.replicas", &s, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.replica", 1, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replica");
	CU_ASSERT_STRING_EQUAL(e.message, "unknown field \"replica\"");
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.replica", &i32, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.replicas.x", "a", &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec[0]", "a", &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec..x", "a", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, NULL, "a", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.name", NULL, &e), HPA_EINVAL);
	/* ranges: int64 setter on an int32 field */
	CU_ASSERT_EQUAL(hpa_object_set_int64(o, "spec.replicas", (int64_t)INT32_MAX + 1, &e), HPA_ERANGE);
	CU_ASSERT_STRING_EQUAL(e.message, "2147483648 is out of range for int32");
	CU_ASSERT_EQUAL(hpa_object_set_int64(o, "spec.replicas", INT32_MIN, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_int64(o, "spec.template.spec.activeDeadlineSeconds", INT64_MAX, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_int64(o, "spec.template.spec.activeDeadlineSeconds", &i64, &e), 0);
	CU_ASSERT_EQUAL(i64, INT64_MAX);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.template.spec.activeDeadlineSeconds", &i32, &e), HPA_ERANGE);
	CU_ASSERT_EQUAL(hpa_object_get_int64(o, "spec.replicas", &i64, &e), 0);
	CU_ASSERT_EQUAL(i64, INT32_MIN);
	/* a stored value of the wrong type (from a lax document) */
	CU_ASSERT_EQUAL(hpa__path_set(o->root, "spec.minReadySeconds", hpa__v_str(o->arena, "5"), NULL), 0);
	hpa__v_set_pos(hpa__path_get(o->root, "spec.minReadySeconds"), 9, 20, 111);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.minReadySeconds", &i32, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.message, "expected int32, got string \"5\"");
	TH_ASSERT_ERR(e, HPA_ETYPE, 9, 20);
	CU_ASSERT_EQUAL(hpa_object_line_of(o, "spec.minReadySeconds"), 9);
	CU_ASSERT_EQUAL(hpa_object_column_of(o, "spec.minReadySeconds"), 20);
	/* int-or-string: both forms */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.strategy.rollingUpdate.maxSurge", "25%", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.strategy.rollingUpdate.maxSurge", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "25%");
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.strategy.rollingUpdate.maxSurge", &i32, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.strategy.rollingUpdate.maxUnavailable", 1, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.strategy.rollingUpdate.maxUnavailable", &i32, &e), 0);
	CU_ASSERT_EQUAL(i32, 1);
	CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.strategy.rollingUpdate.maxUnavailable", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "1");
	CU_ASSERT_EQUAL(hpa_object_set_int64(o, "spec.strategy.rollingUpdate.maxUnavailable", INT64_MAX, &e), HPA_ERANGE);
	/* quantity: string or number */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.template.spec.containers[0].resources.limits.cpu", "500m", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.template.spec.containers[0].resources.limits.memory", 1024, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.template.spec.containers[0].resources.limits.memory", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "1024");
	CU_ASSERT_EQUAL(hpa_object_set_bool(o, "spec.template.spec.containers[0].resources.limits.cpu", true, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.template.spec.containers[0].resources.limits.cpu", "half", &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(strncmp(e.message, "expected quantity, got \"half\" (", 31), 0);
	CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.template.spec.containers[0].resources.limits.cpu", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "500m");   /* unchanged */
	CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.template", &s, &e), HPA_ETYPE);
	{
		hpa_quantity *q = NULL;
		int64_t milli = 0;
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.limits.cpu", &q, &e), 0);
		CU_ASSERT_EQUAL(hpa_quantity_milli_value(q, &milli), 0);
		CU_ASSERT_EQUAL(milli, 500);
		CU_ASSERT_EQUAL(hpa_object_set_quantity(o, "spec.template.spec.containers[0].resources.requests.cpu", q, &e), 0);
		CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.template.spec.containers[0].resources.requests.cpu", &s, &e), 0);
		CU_ASSERT_STRING_EQUAL(s, "500m");
		CU_ASSERT_EQUAL(hpa_object_set_quantity(o, "spec.replicas", q, &e), HPA_ETYPE);
		hpa_quantity_free(q);
		/* object.h: the getters return HPA_ENOTFOUND for an absent field and leave
		 * *out unchanged; as every other getter, hpa_object_get_quantity() leaves
		 * it unchanged on the other failures too */
		q = (hpa_quantity *)&e;
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.replicas", &q, &e), HPA_ETYPE);
		CU_ASSERT_PTR_EQUAL(q, (hpa_quantity *)&e);
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.limits.nvidia", &q, &e), HPA_ENOTFOUND);
		CU_ASSERT_PTR_EQUAL(q, (hpa_quantity *)&e);
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.bogus", &q, &e),
			HPA_EUNKNOWNFIELD);
		CU_ASSERT_PTR_EQUAL(q, (hpa_quantity *)&e);
		/* 1024 was written as an integer: still a quantity */
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.limits.memory", &q, &e), 0);
		CU_ASSERT_EQUAL(hpa_quantity_value(q, &milli), 0);
		CU_ASSERT_EQUAL(milli, 1024);
		hpa_quantity_free(q);
		/* a computed quantity is written in canonical form: 1500 milli = "1500m" */
		CU_ASSERT_EQUAL(hpa_quantity_from_milli(&q, 1500, HPA_QUANTITY_DECIMAL_SI, &e), 0);
		CU_ASSERT_EQUAL(hpa_object_set_quantity(o, "spec.template.spec.containers[0].resources.limits.cpu", q, &e), 0);
		CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.template.spec.containers[0].resources.limits.cpu", &s, &e), 0);
		CU_ASSERT_STRING_EQUAL(s, "1500m");
		hpa_quantity_free(q);
		/* a bad stored text */
		hpa__path_set(o->root, "spec.template.spec.containers[0].resources.limits.x", hpa__v_str(o->arena, "lots"), NULL);
		q = (hpa_quantity *)&e;
		CU_ASSERT_EQUAL(hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.limits.x", &q, &e), HPA_ETYPE);
		CU_ASSERT_PTR_EQUAL(q, (hpa_quantity *)&e);
		hpa_object_clear(o, "spec.template.spec.containers[0].resources.limits.x", NULL);
	}
	/* time: RFC 3339 only */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.creationTimestamp", "yesterday", &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.creationTimestamp", "2026-07-15T10:00:00Z", &e), 0);
	/* enums take any string (unknown values are kept) */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.strategy.type", "BlueGreen", &e), 0);
	/* identity is fixed */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "kind", "Service", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_clear(o, "apiVersion", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "['kind']", "Service", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, ".apiVersion", "v1", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_clear(o, "", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.labels.kind", "x", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_DEPLOYMENT);
	/* the result passes the checker once the raw bad value is gone */
	CU_ASSERT_EQUAL(hpa__schema_check(o, HPA__CHECK_STRICT, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.minReadySeconds");
	CU_ASSERT_EQUAL(hpa_object_clear(o, "spec.minReadySeconds", &e), 0);
	CU_ASSERT_EQUAL(hpa__schema_check(o, HPA__CHECK_STRICT, &e), 0);
	hpa_object_free(o);
}

static void test_object__lists_and_maps(void)
{
	hpa_object *o = new_obj("apps/v1", "Deployment");
	hpa_error e = HPA_ERROR_INIT;
	const char *s;
	int32_t p;

	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.template.spec.containers[0].name", "web", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.template.spec.containers[1].name", "side", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.template.spec.containers[3].name", "x", &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.template.spec.containers[3].name");
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.template.spec.containers"), 2);
	CU_ASSERT_EQUAL(hpa_object_type(o, "spec.template.spec.containers"), HPA_VALUE_LIST);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "spec.template.spec.containers[1].ports[0].containerPort", 8080, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_int32(o, "spec.template.spec.containers[1].ports[0].containerPort", &p, &e), 0);
	CU_ASSERT_EQUAL(p, 8080);
	CU_ASSERT_EQUAL(hpa_object_clear(o, "spec.template.spec.containers[0]", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.template.spec.containers"), 1);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.template.spec.containers[0].name", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "side");
	CU_ASSERT_EQUAL(hpa_object_set_empty(o, "spec.template.spec.initContainers", true, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_count(o, "spec.template.spec.initContainers"), 0);
	CU_ASSERT(hpa_object_has(o, "spec.template.spec.initContainers"));
	CU_ASSERT_EQUAL(hpa_object_set_empty(o, "spec.template.spec.initContainers", false, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_set_empty(o, "spec.selector", false, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_type(o, "spec.selector"), HPA_VALUE_MAP);

	/* maps with odd keys */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.labels.app", "web", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.labels[\"app.kubernetes.io/name\"]", "shop", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_int32(o, "metadata.labels.tier", 1, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_count(o, "metadata.labels"), 2);
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(o, "metadata.labels", 0), "app");
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(o, "metadata.labels", 1), "app.kubernetes.io/name");
	CU_ASSERT_PTR_NULL(hpa_object_key_at(o, "metadata.labels", 2));
	CU_ASSERT_PTR_NULL(hpa_object_key_at(o, "spec.template.spec.containers", 0));
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "metadata.labels[\"app.kubernetes.io/name\"]", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "shop");
	CU_ASSERT_EQUAL(hpa_object_count(o, "metadata.name"), 0);
	CU_ASSERT_EQUAL(hpa_object_count(o, "nope"), 0);
	CU_ASSERT_EQUAL(hpa__schema_check(o, HPA__CHECK_STRICT, &e), 0);
	hpa_object_free(o);
}

/* object.h: "Missing maps on the way are created" -- however many there
 * are. A well-formed path of 33, 100 and 1000 missing levels (maps, and
 * lists at index 0) is created in one call and reads back; a malformed one
 * leaves the object as it was. */
static void deep_path(char *buf, size_t levels, const char *step, const char *leaf)
{
	size_t i, n = 0, sl = strlen(step);
	for (i = 0; i < levels; i++) {
		memcpy(buf + n, step, sl);
		n += sl;
	}
	strcpy(buf + n, leaf);
}

static void test_object__deep_paths(void)
{
	static const size_t depths[] = { 32, 33, 100, 1000 };
	hpa_error e = HPA_ERROR_INIT;
	size_t i;
	char *p = malloc(8 * 1000 + 16);
	if (!p)
		return;
	for (i = 0; i < HPA__ARRAY_SIZE(depths); i++) {
		hpa_object *o = new_obj("v1", "ConfigMap");
		const char *s = NULL;
		deep_path(p, depths[i], "a.", "leaf");           /* depths[i] maps, then the key */
		CU_ASSERT_EQUAL(hpa_object_set_string(o, p, "v", &e), 0);
		CU_ASSERT_EQUAL(hpa_object_get_string(o, p, &s, &e), 0);
		CU_ASSERT_STRING_EQUAL(s ? s : "", "v");
		CU_ASSERT_EQUAL(hpa_object_type(o, "a.a"), HPA_VALUE_MAP);
		deep_path(p, depths[i], "b[0].", "leaf");        /* a list holding a map, per level */
		CU_ASSERT_EQUAL(hpa_object_set_int64(o, p, 7, &e), 0);
		CU_ASSERT(hpa_object_has(o, p));
		CU_ASSERT_EQUAL(hpa_object_type(o, "b"), HPA_VALUE_LIST);
		CU_ASSERT_EQUAL(hpa_object_count(o, "b"), 1);
		/* [1] past the end of a new (empty) list at the bottom: nothing is built */
		deep_path(p, depths[i], "c.", "x[1]");
		CU_ASSERT_EQUAL(hpa_object_set_string(o, p, "v", &e), HPA_EINVAL);
		CU_ASSERT(!hpa_object_has(o, "c"));
		CU_ASSERT_EQUAL(hpa_object_count(o, ""), 4);     /* apiVersion kind a b */
		hpa_object_free(o);
	}
	free(p);
}

/* HPA_MAX_DEPTH (codec.h): a path setter builds no deeper, a reader with
 * max_depth = SIZE_MAX stops there, and a tree at the limit is written,
 * copied and compared (those recurse; under ASan their frames are
 * largest). Before session 10's cap, the setters built any depth and the
 * YAML writer and dup overflowed the C stack past about 50,000 levels. */
static void test_object__max_depth(void)
{
	hpa_error e = HPA_ERROR_INIT;
	hpa_object *o = new_obj("v1", "ConfigMap"), *copy = NULL;
	hpa_manifest *m = NULL;
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	char *p = malloc(2 * HPA_MAX_DEPTH + 16), *text = NULL;
	size_t len, i;
	if (!p || !o)
		goto out;
	/* HPA_MAX_DEPTH - 2 steps: with the root map and the leaf's, depth HPA_MAX_DEPTH - 1 */
	deep_path(p, HPA_MAX_DEPTH - 2, "a.", "b");
	CU_ASSERT_EQUAL(hpa_object_set_string(o, p, "v", &e), 0);
	deep_path(p, HPA_MAX_DEPTH - 1, "c.", "b");
	CU_ASSERT_EQUAL(hpa_object_set_string(o, p, "v", &e), HPA_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "HPA_MAX_DEPTH"));
	CU_ASSERT(!hpa_object_has(o, "c"));
	CU_ASSERT_EQUAL(hpa_object_write_yaml(o, &text, &len, NULL, &e), 0);
	hpa_free(text);
	text = NULL;
	CU_ASSERT_EQUAL(hpa_object_write_json(o, &text, &len, NULL, &e), 0);
	hpa_free(text);
	text = NULL;
	CU_ASSERT_EQUAL(hpa_object_dup(&copy, o, &e), 0);
	CU_ASSERT(hpa_object_equal(o, copy));

	/* a reader told "no limit" stops at HPA_MAX_DEPTH */
	po.max_depth = SIZE_MAX;
	len = 0;
	for (i = 0; i <= HPA_MAX_DEPTH; i++)
		p[len++] = '[';
	for (i = 0; i <= HPA_MAX_DEPTH; i++)
		p[len++] = ']';
	p[len] = '\0';
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, p, len, &po, &e), HPA_ELIMIT);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "max_depth (10000)"));
out:
	hpa_object_free(copy);
	hpa_object_free(o);
	free(p);
}

/* object.h as documented: a NULL path reads as "" in the queries without an
 * error code and is HPA_EINVAL for the getters, setters and clear;
 * hpa_manifest_remove_at(NULL) is HPA_ENOTFOUND; an iterator over a kind
 * that is not an hpa_kind yields nothing. */
static void test_object__null_paths_and_odd_arguments(void)
{
	static const char y[] = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n";
	hpa_manifest *m = NULL;
	hpa_manifest_iter *it = NULL;
	const hpa_object *o, *got = NULL;
	const char *s = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y, strlen(y), NULL, NULL), 0);
	if (!m)
		return;
	o = hpa_manifest_at(m, 0);
	CU_ASSERT(hpa_object_has(o, NULL));
	CU_ASSERT_EQUAL(hpa_object_type(o, NULL), HPA_VALUE_MAP);
	CU_ASSERT_EQUAL(hpa_object_count(o, NULL), hpa_object_count(o, ""));
	CU_ASSERT_EQUAL(hpa_object_count(o, NULL), 4);   /* apiVersion kind metadata data */
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(o, NULL, 3), "data");
	CU_ASSERT_EQUAL(hpa_object_line_of(o, NULL), 1);
	CU_ASSERT_EQUAL(hpa_object_column_of(o, NULL), 1);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, NULL, &s, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_string(hpa_manifest_at_mut(m, 0), NULL, "x", NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_clear(hpa_manifest_at_mut(m, 0), NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_manifest_remove_at(NULL, 0, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_manifest_iter_new(&it, m, 999, NULL), 0);
	CU_ASSERT_EQUAL(hpa_manifest_iter_next(&got, it), HPA_ITEROVER);
	CU_ASSERT_PTR_NULL(got);
	hpa_manifest_iter_free(it);
	hpa_manifest_free(m);
}

static void test_object__generic_objects(void)
{
	hpa_object *o = new_obj("example.com/v1", "Widget");
	hpa_error e = HPA_ERROR_INIT;
	const char *s;
	int64_t i;
	bool b;
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.anything.goes[0]", "x", &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_int64(o, "spec.replicas", 5, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_set_bool(o, "spec.flag", true, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.anything.goes[0]", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "x");
	CU_ASSERT_EQUAL(hpa_object_get_int64(o, "spec.replicas", &i, &e), 0);
	CU_ASSERT_EQUAL(i, 5);
	CU_ASSERT_EQUAL(hpa_object_get_bool(o, "spec.flag", &b, &e), 0);
	CU_ASSERT(b);
	/* the stored value's type still matters */
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.replicas", &s, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.message, "expected string, got integer 5");
	CU_ASSERT_EQUAL(hpa_object_get_int64(o, "spec.flag", &i, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_get_text(o, "spec.flag", &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "true");
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.replicas.x", "y", &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "spec.nope", &s, &e), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "a..b", "y", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_kind(o), HPA_KIND_OTHER);
	hpa_object_free(o);
}

static void test_object__dup_and_equal(void)
{
	hpa_object *a = new_obj("v1", "Service"), *b = NULL, *c = new_obj("v1", "Service");
	hpa_error e = HPA_ERROR_INIT;
	hpa_object_set_string(a, "metadata.name", "web", NULL);
	hpa_object_set_int32(a, "spec.ports[0].port", 80, NULL);
	hpa_object_set_string(a, "spec.ports[0].targetPort", "http", NULL);
	hpa_object_set_string(a, "spec.selector.app", "web", NULL);
	CU_ASSERT_EQUAL(hpa_object_dup(&b, a, &e), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(hpa_object_kind(b), HPA_KIND_SERVICE);
	CU_ASSERT(hpa_object_equal(a, b));
	/* the copy is independent */
	hpa_object_set_int32(b, "spec.ports[0].port", 81, NULL);
	CU_ASSERT(!hpa_object_equal(a, b));
	hpa_object_set_int32(b, "spec.ports[0].port", 80, NULL);
	CU_ASSERT(hpa_object_equal(a, b));
	/* key order does not matter, null equals absent, list order matters */
	hpa_object_set_string(c, "spec.selector.app", "web", NULL);
	hpa_object_set_string(c, "spec.ports[0].targetPort", "http", NULL);
	hpa_object_set_int32(c, "spec.ports[0].port", 80, NULL);
	hpa_object_set_string(c, "metadata.name", "web", NULL);
	CU_ASSERT(hpa_object_equal(a, c));
	hpa__path_set(c->root, "spec.type", hpa__v_null(c->arena), NULL);
	CU_ASSERT(hpa_object_equal(a, c));
	CU_ASSERT(hpa_object_equal(c, a));
	/* 80 and "80" differ; 0x50 and 80 are the same integer */
	hpa_object_set_string(c, "spec.ports[0].targetPort", "80", NULL);
	hpa_object_set_int32(a, "spec.ports[0].targetPort", 80, NULL);
	CU_ASSERT(!hpa_object_equal(a, c));
	hpa__path_set(c->root, "spec.ports[0].targetPort", hpa__v_scalar(c->arena, HPA__V_INT, "0x50", 4), NULL);
	CU_ASSERT(hpa_object_equal(a, c));
	hpa_object_set_int32(c, "spec.ports[1].port", 443, NULL);
	CU_ASSERT(!hpa_object_equal(a, c));
	/* different kinds differ */
	{
		hpa_object *x = new_obj("v1", "ConfigMap"), *y = new_obj("v1", "Secret");
		CU_ASSERT(!hpa_object_equal(x, y));
		hpa_object_free(x);
		hpa_object_free(y);
	}
	CU_ASSERT(hpa_object_equal(a, a));
	CU_ASSERT(!hpa_object_equal(a, NULL));
	hpa_object_free(b);
	CU_ASSERT_EQUAL(hpa_object_dup(&b, NULL, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(b);
	hpa_object_free(a);
	hpa_object_free(c);
}

/* Quantities compare by value on typed kinds (apimachinery's semantic
 * equality uses Quantity.Cmp): 1 == 1000m == "1.0"; 1Gi == 1024Mi. */
static void test_object__equal_quantities(void)
{
	hpa_object *a = new_obj("apps/v1", "Deployment"), *b = new_obj("apps/v1", "Deployment");
	hpa_object *g1 = new_obj("example.com/v1", "Widget"), *g2 = new_obj("example.com/v1", "Widget");
	const char *cpu = "spec.template.spec.containers[0].resources.limits.cpu";
	const char *mem = "spec.template.spec.containers[0].resources.limits.memory";
	hpa_object_set_int32(a, cpu, 1, NULL);
	hpa_object_set_string(b, cpu, "1000m", NULL);
	hpa_object_set_string(a, mem, "1Gi", NULL);
	hpa_object_set_string(b, mem, "1024Mi", NULL);
	CU_ASSERT(hpa_object_equal(a, b));
	hpa_object_set_string(b, cpu, "1.0", NULL);
	CU_ASSERT(hpa_object_equal(a, b));
	hpa_object_set_string(b, cpu, "1001m", NULL);
	CU_ASSERT(!hpa_object_equal(a, b));
	hpa_object_set_string(b, cpu, "1", NULL);
	hpa_object_set_string(b, mem, "1G", NULL);    /* 10^9 != 2^30 */
	CU_ASSERT(!hpa_object_equal(a, b));
	/* not a quantity field: text compared */
	hpa_object_set_string(a, "metadata.name", "1000m", NULL);
	hpa_object_set_string(b, "metadata.name", "1", NULL);
	hpa_object_set_string(b, mem, "1Gi", NULL);
	CU_ASSERT(!hpa_object_equal(a, b));
	/* generic objects have no schema: text compared */
	hpa_object_set_string(g1, "spec.cpu", "1", NULL);
	hpa_object_set_string(g2, "spec.cpu", "1000m", NULL);
	CU_ASSERT(!hpa_object_equal(g1, g2));
	hpa_object_free(a);
	hpa_object_free(b);
	hpa_object_free(g1);
	hpa_object_free(g2);
}

static void test_object__dup_frees_nothing_shared(void)
{
	/* a dup of a manifest's object owns its memory */
	hpa_manifest *m = NULL;
	hpa_object *o = new_obj("apps/v1", "Deployment"), *copy = NULL, *d = NULL;
	hpa_object_set_string(o, "metadata.name", "a", NULL);
	CU_ASSERT_EQUAL(hpa_manifest_new(&m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_manifest_append_copy(m, o, &copy, NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_dup(&d, copy, NULL), 0);
	hpa_manifest_free(m);              /* the dup outlives the manifest */
	CU_ASSERT_STRING_EQUAL(hpa_object_name(d), "a");
	CU_ASSERT_EQUAL(hpa_object_kind(d), HPA_KIND_DEPLOYMENT);
	hpa_object_free(d);
	hpa_object_free(o);
}

static void test_object__manifest_ownership(void)
{
	hpa_manifest *m = NULL;
	hpa_object *a = new_obj("apps/v1", "Deployment"), *b = new_obj("v1", "Service"),
		*c = new_obj("v1", "ConfigMap"), *copy = NULL;
	hpa_error e = HPA_ERROR_INIT;
	const hpa_object *it_o;
	hpa_manifest_iter *it = NULL;
	int n;

	CU_ASSERT_EQUAL(hpa_manifest_new(&m, &e), 0);
	hpa_object_set_string(a, "metadata.name", "a", NULL);
	hpa_object_set_string(b, "metadata.name", "b", NULL);
	hpa_object_set_string(c, "metadata.name", "c", NULL);
	CU_ASSERT_EQUAL(hpa_manifest_append_take(m, a, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_append_take(m, b, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_append_copy(m, c, &copy, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 3);
	CU_ASSERT_EQUAL(hpa_manifest_document_count(m), 3);
	CU_ASSERT_PTR_EQUAL(hpa_manifest_at(m, 0), a);   /* taken objects stay valid, borrowed */
	CU_ASSERT_EQUAL(hpa_object_document(a), 0);
	CU_ASSERT_EQUAL(hpa_object_document(b), 1);
	CU_ASSERT_EQUAL(hpa_object_document(copy), 2);
	CU_ASSERT_EQUAL(hpa_object_kind(copy), HPA_KIND_OTHER);
	CU_ASSERT(hpa_object_equal(copy, c));
	/* a borrowed object cannot be freed or taken twice */
	hpa_object_free(a);
	hpa_object_free(copy);
	CU_ASSERT_STRING_EQUAL(hpa_object_name(a), "a");
	CU_ASSERT_EQUAL(hpa_manifest_append_take(m, a, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 3);
	/* mutate through the borrowed pointer */
	CU_ASSERT_EQUAL(hpa_object_set_int32(hpa_manifest_at_mut(m, 0), "spec.replicas", 2, &e), 0);

	/* iterate: all, then by kind */
	CU_ASSERT_EQUAL(hpa_manifest_iter_new(&it, m, 0, &e), 0);
	n = 0;
	while (hpa_manifest_iter_next(&it_o, it) == 0)
		n++;
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(hpa_manifest_iter_next(&it_o, it), HPA_ITEROVER);
	CU_ASSERT_PTR_NULL(it_o);
	hpa_manifest_iter_free(it);
	CU_ASSERT_EQUAL(hpa_manifest_iter_new(&it, m, HPA_KIND_SERVICE, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_iter_next(&it_o, it), 0);
	CU_ASSERT_PTR_EQUAL(it_o, b);
	CU_ASSERT_EQUAL(hpa_manifest_iter_next(&it_o, it), HPA_ITEROVER);
	hpa_manifest_iter_free(it);
	CU_ASSERT_EQUAL(hpa_manifest_iter_new(&it, NULL, 0, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(it);
	hpa_manifest_iter_free(NULL);

	/* remove: a taken object is freed (valgrind checks), others move down */
	CU_ASSERT_EQUAL(hpa_manifest_remove_at(m, 1, &e), 0);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 2);
	CU_ASSERT_STRING_EQUAL(hpa_object_name(hpa_manifest_at(m, 1)), "c");
	CU_ASSERT_EQUAL(hpa_manifest_remove_at(m, 1, &e), 0);   /* arena-held copy */
	CU_ASSERT_EQUAL(hpa_manifest_remove_at(m, 5, &e), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 1);
	CU_ASSERT_EQUAL(hpa_manifest_document_count(m), 3);  /* source indexes are kept */
	/* take on failure frees the object: a NULL manifest */
	CU_ASSERT_EQUAL(hpa_manifest_append_take(NULL, new_obj("v1", "Pod"), &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_manifest_append_take(m, NULL, &e), HPA_EINVAL);
	hpa_manifest_free(m);   /* frees a (taken) */
	hpa_object_free(c);
}

/* ---- allocation failures ---------------------------------------------------------- */

/* Every allocating call, in order; returns the first failure code or 0. */
static int scenario(void)
{
	hpa_object *o = NULL, *d = NULL, *t = NULL;
	hpa_manifest *m = NULL;
	hpa_manifest_iter *it = NULL;
	hpa_object *copy = NULL;
	hpa_quantity *q = NULL;
	int rc;
	if ((rc = hpa_object_new(&o, "apps/v1", "Deployment", NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_string(o, "metadata.name", "web", NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_string(o, "metadata.labels[\"app.kubernetes.io/name\"]", "web", NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_int32(o, "spec.replicas", 3, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_bool(o, "spec.paused", false, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_string(o, "spec.template.spec.containers[0].name", "web", NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_int64(o, "spec.template.spec.containers[0].ports[0].containerPort", 80, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_empty(o, "spec.template.spec.volumes", true, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_string(o, "spec.template.spec.containers[0].resources.limits.cpu", "250m", NULL)) < 0)
		goto out;
	if ((rc = hpa_object_get_quantity(o, "spec.template.spec.containers[0].resources.limits.cpu", &q, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_quantity(o, "spec.template.spec.containers[0].resources.requests.cpu", q, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_dup(&d, o, NULL)) < 0)
		goto out;
	if ((rc = hpa_manifest_new(&m, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_dup(&t, o, NULL)) < 0)
		goto out;
	rc = hpa_manifest_append_take(m, t, NULL);   /* takes t even on failure */
	t = NULL;
	if (rc < 0)
		goto out;
	if ((rc = hpa_manifest_append_copy(m, d, &copy, NULL)) < 0)
		goto out;
	if ((rc = hpa_object_set_string(copy, "metadata.name", "web2", NULL)) < 0)
		goto out;
	if ((rc = hpa_manifest_iter_new(&it, m, 0, NULL)) < 0)
		goto out;
	if ((rc = hpa_manifest_remove_at(m, 0, NULL)) < 0)
		goto out;
out:
	hpa_quantity_free(q);
	hpa_manifest_iter_free(it);
	hpa_manifest_free(m);
	hpa_object_free(t);
	hpa_object_free(d);
	hpa_object_free(o);
	return rc;
}

static void test_object__allocation_failures(void)
{
	unsigned long n;
	int rc;
	for (n = 1; n < 1000; n++) {
		hpa__test_fail_alloc_at(n);
		rc = scenario();
		if (!hpa__test_alloc_failed()) {
			CU_ASSERT_EQUAL(rc, 0);
			break;
		}
		CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
		if (rc != HPA_ENOMEM)
			fprintf(stderr, "allocation %lu: rc %d\n", n, rc);
	}
	hpa__test_fail_alloc_at(0);
	CU_ASSERT(n > 5 && n < 1000);
}

/* Nodes live inline in their parent's block (lib/value/value.h): growing,
 * removing or replacing entries moves them to a new block. Handles taken
 * before must still stand for the same nodes: writes through them reach
 * the tree, reads see its current contents, and nothing they point to is
 * freed while the object lives (ASan/valgrind would report a dangling
 * handle). A layout without block links would lose the writes below. */
static void test_object__handles_survive_growth(void)
{
	hpa_deployment *dep = NULL;
	hpa_pod_template *t = NULL;
	hpa_container *c0 = NULL, *c = NULL;
	hpa_object *o;
	const hpa__value *spec0, *x;
	char key[64];
	int i;

	CU_ASSERT_EQUAL_FATAL(hpa_deployment_new(&dep, "web", NULL), 0);
	o = hpa_deployment_object_mut(dep);
	CU_ASSERT_EQUAL_FATAL(hpa_deployment_template_mut(dep, &t, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(hpa_pod_template_containers_append(t, &c0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_name(c0, "c0", NULL), 0);
	spec0 = hpa__path_get(o->root, "spec");
	CU_ASSERT_PTR_NOT_NULL_FATAL(spec0);
	/* siblings everywhere above the handles, and more containers */
	for (i = 1; i <= 40; i++) {
		snprintf(key, sizeof(key), "x%d", i);
		CU_ASSERT_EQUAL(hpa__path_set(o->root, key, hpa__v_int(o->arena, i), NULL), 0);
		snprintf(key, sizeof(key), "spec.x%d", i);
		CU_ASSERT_EQUAL(hpa__path_set(o->root, key, hpa__v_int(o->arena, i), NULL), 0);
		snprintf(key, sizeof(key), "spec.template.spec.x%d", i);
		CU_ASSERT_EQUAL(hpa__path_set(o->root, key, hpa__v_int(o->arena, i), NULL), 0);
		CU_ASSERT_EQUAL(hpa_pod_template_containers_append(t, &c, NULL), 0);
		snprintf(key, sizeof(key), "c%d", i);
		CU_ASSERT_EQUAL(hpa_container_set_name(c, key, NULL), 0);
	}
	/* the first handles, taken before all of that; c0's own map grows too */
	CU_ASSERT_EQUAL(hpa_container_set_image(c0, "nginx:1", NULL), 0);
	for (i = 1; i <= 9; i++) {
		snprintf(key, sizeof(key), "y%d", i);
		CU_ASSERT_EQUAL(hpa__path_set((hpa__value *)(void *)c0, key, hpa__v_int(o->arena, i), NULL), 0);
	}
	x = hpa__path_get(o->root, "spec.template.spec.containers[0].image");
	CU_ASSERT_TRUE(x && hpa__v_text_eq(x, "nginx:1"));
	x = hpa__path_get(o->root, "spec.template.spec.containers[0].y9");
	CU_ASSERT_TRUE(x && hpa__v_text_eq(x, "9"));
	CU_ASSERT_STRING_EQUAL(hpa_container_name(hpa_pod_template_containers_at(hpa_deployment_template(dep), 0)), "c0");
	CU_ASSERT_STRING_EQUAL(hpa_container_image(hpa_pod_template_containers_at(hpa_deployment_template(dep), 0)), "nginx:1");
	CU_ASSERT_EQUAL(hpa_pod_template_containers_count(t), 41);
	CU_ASSERT_STRING_EQUAL(hpa_container_name(c), "c40");
	x = hpa__map_get(spec0, "x40");
	CU_ASSERT_TRUE(x && hpa__v_text_eq(x, "40"));
	/* replacing a map: an old handle keeps the old (detached) one, as before */
	CU_ASSERT_EQUAL(hpa__path_set(o->root, "spec.template.spec.containers[40]", hpa__v_map(o->arena), NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_container_name(c), "c40");
	CU_ASSERT_PTR_NULL(hpa_container_name(hpa_pod_template_containers_at(hpa_deployment_template(dep), 40)));
	/* removing an earlier sibling: c0 still reads c0 (detached), the list moved up */
	CU_ASSERT_EQUAL(hpa_pod_template_containers_remove_at(t, 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_container_name(c0), "c0");
	CU_ASSERT_EQUAL(hpa_pod_template_containers_count(t), 40);
	c = hpa_pod_template_containers_at_mut(t, 0);
	CU_ASSERT_STRING_EQUAL(hpa_container_name(c), "c1");
	CU_ASSERT_EQUAL(hpa_container_set_image(c, "redis:7", NULL), 0);
	x = hpa__path_get(o->root, "spec.template.spec.containers[0].image");
	CU_ASSERT_TRUE(x && hpa__v_text_eq(x, "redis:7"));
	/* the writers see the same tree */
	{
		char *out = NULL;
		CU_ASSERT_EQUAL(hpa_object_write_yaml(o, &out, NULL, NULL, NULL), 0);
		CU_ASSERT_PTR_NOT_NULL(out ? strstr(out, "image: redis:7") : NULL);
		CU_ASSERT_PTR_NULL(out ? strstr(out, "nginx:1") : "");
		hpa_free(out);
	}
	hpa_deployment_free(dep);
}

/* Objects are UTF-8 text (the readers refuse anything else, the writers
 * cannot write it): a setter given bytes that are not UTF-8, in the value,
 * in a key of the path or in a typed accessor's map key, fails with
 * HPA_EINVAL and changes nothing (found by fuzz_object_path: such a key
 * made the object unwritable). Well-formed UTF-8 (Hangul) is kept. */
static void test_object__setters_refuse_invalid_utf8(void)
{
	hpa_object *o = NULL, *before = NULL;
	hpa_deployment *d = NULL;
	hpa_object_meta *meta = NULL;
	hpa_manifest *m = NULL;
	hpa_error err = HPA_ERROR_INIT;
	const char *back = NULL;
	char *yaml = NULL;
	size_t len = 0;
	CU_ASSERT_EQUAL_FATAL(hpa_object_new(&o, "example.com/v1", "Example", &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.a", "x", &err), HPA_OK);
	CU_ASSERT_EQUAL_FATAL(hpa_object_dup(&before, o, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.b", "bad\xa5", &err), HPA_EINVAL);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "UTF-8"));
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "spec.c\xa5x", "v", &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_set_int64(o, "spec.d[\"\xc0\xaf\"]", 1, &err), HPA_EINVAL); /* overlong '/' */
	CU_ASSERT_EQUAL(hpa_object_set_empty(o, "spec.e\xed\xa0\x80", false, &err), HPA_EINVAL); /* a surrogate */
	CU_ASSERT(hpa_object_equal(o, before));
	hpa_object_free(before);
	CU_ASSERT_EQUAL(hpa_object_new(&before, "v1", "Bad\xff", &err), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(before);
	/* Hangul is UTF-8 */
	CU_ASSERT_EQUAL(hpa_object_set_string(o, "metadata.labels[\"\xec\xa3\xbc\xeb\xac\xb8\"]", "\xec\xa3\xbc\xeb\xac\xb8", &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_object_get_string(o, "metadata.labels[\"\xec\xa3\xbc\xeb\xac\xb8\"]", &back, &err), HPA_OK);
	CU_ASSERT_STRING_EQUAL(back ? back : "", "\xec\xa3\xbc\xeb\xac\xb8");
	CU_ASSERT_EQUAL(hpa_manifest_new(&m, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_manifest_append_take(m, o, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m, &yaml, &len, NULL, &err), HPA_OK);
	hpa_free(yaml);
	hpa_manifest_free(m);
	/* the typed accessors */
	CU_ASSERT_EQUAL_FATAL(hpa_deployment_new(&d, "web", &err), HPA_OK);
	CU_ASSERT_EQUAL_FATAL(hpa_deployment_metadata_mut(d, &meta, &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(meta, "app\xa5", "web", &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(meta, "app", "w\xa5", &err), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(meta, "app", "web", &err), HPA_OK);
	CU_ASSERT_EQUAL(hpa_object_count(hpa_deployment_object(d), "metadata.labels"), 1);
	hpa_deployment_free(d);
}

static CU_TestInfo tests[] = {
	{ "new_and_identity", test_object__new_and_identity },
	{ "three_states", test_object__three_states },
	{ "type_checks", test_object__type_checks },
	{ "lists_and_maps", test_object__lists_and_maps },
	{ "generic_objects", test_object__generic_objects },
	{ "deep_paths", test_object__deep_paths },
	{ "max_depth", test_object__max_depth },
	{ "null_paths_and_odd_arguments", test_object__null_paths_and_odd_arguments },
	{ "dup_and_equal", test_object__dup_and_equal },
	{ "equal_quantities", test_object__equal_quantities },
	{ "dup_outlives_manifest", test_object__dup_frees_nothing_shared },
	{ "manifest_ownership", test_object__manifest_ownership },
	{ "allocation_failures", test_object__allocation_failures },
	{ "handles_survive_growth", test_object__handles_survive_growth },
	{ "setters_refuse_invalid_utf8", test_object__setters_refuse_invalid_utf8 },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_object = { "object", NULL, NULL, NULL, NULL, tests };
