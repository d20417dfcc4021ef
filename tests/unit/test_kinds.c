/* tests/unit/test_kinds.c -- the typed-accessor machinery shared by every
 * kind: the table against the Kubernetes schema, naming, casts,
 * constructors, metadata of any object, three-state scalars, null and
 * wrong-typed values, enums, NULL handles and allocation failures.
 * Per-kind coverage lives in test_deployment.c, test_service.c,
 * test_ingress.c and test_autoscaler.c. */
#include "helpers.h"
#include "core/core.h"
#include "manifest/manifest_int.h"
#include "schema/schema.h"
#include "schema/path.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the table, as data ------------------------------------------------------ */

enum { M_STR = 1, M_TIME, M_I32, M_I64, M_BOOL, M_ENUM, M_QTY, M_IOS, M_SLIST,
	M_SMAP, M_QMAP, M_OBJ, M_LIST, M_PRESENT };

typedef struct {
	const char *name;
	int kind;          /* hpa_kind for KIND rows, 0 for parts, -1 for hpa_object */
	const char *defn;  /* OpenAPI definition of a part */
} type_info;

typedef struct {
	const type_info *type;
	const char *field, *path;
	int mac;
	const type_info *sub;                /* F_OBJ / F_LIST */
	const char *(*ename)(int);           /* F_ENUM: hpa_E_name */
	const char *ename_s;
} row_info;

#define KIND(T, H, API, KN, KC, DOC) static const type_info TI_##T = { #T, KC, NULL };
#define PART(T, H, DEFN, DOC) static const type_info TI_##T = { #T, 0, DEFN };
#define ROOT(T, H) static const type_info TI_##T = { #T, -1, NULL };
#include "kinds/kinds.def"

#define ENUM(E, H, DOC) static const char *ename_##E(int v) { return hpa_##E##_name((hpa_##E##_t)v); }
#include "kinds/kinds.def"

#define R(T, F, P, M) { &TI_##T, #F, P, M, NULL, NULL, NULL },
#define F_STR(T, F, P, D) R(T, F, P, M_STR)
#define F_TIME(T, F, P, D) R(T, F, P, M_TIME)
#define F_I32(T, F, P, D) R(T, F, P, M_I32)
#define F_I64(T, F, P, D) R(T, F, P, M_I64)
#define F_BOOL(T, F, P, D) R(T, F, P, M_BOOL)
#define F_ENUM(T, F, P, E, D) { &TI_##T, #F, P, M_ENUM, NULL, ename_##E, #E },
#define F_QTY(T, F, P, D) R(T, F, P, M_QTY)
#define F_IOS(T, F, P, D) R(T, F, P, M_IOS)
#define F_SLIST(T, F, P, D) R(T, F, P, M_SLIST)
#define F_SMAP(T, F, P, D) R(T, F, P, M_SMAP)
#define F_QMAP(T, F, P, D) R(T, F, P, M_QMAP)
#define F_OBJ(T, F, P, S, D) { &TI_##T, #F, P, M_OBJ, &TI_##S, NULL, NULL },
#define F_LIST(T, F, P, S, D) { &TI_##T, #F, P, M_LIST, &TI_##S, NULL, NULL },
#define F_PRESENT(T, F, P, D) R(T, F, P, M_PRESENT)
static const row_info rows[] = {
#include "kinds/kinds.def"
};
#undef R

/* ---- the table against the Kubernetes 1.36 schema ----------------------------
 * Every row's path must exist in the OpenAPI-derived schema of its type with
 * the matching value type; enum rows must list exactly the documented values;
 * sub-object rows must point at the right definition. The schema tables come
 * from the Kubernetes swagger (lib/schema), not from this module. */

static int resolve_row(const row_info *r, const hpa__stype **t, hpa_error *err)
{
	const hpa__stype *root;
	hpa__stype tmp;
	memset(&tmp, 0, sizeof(tmp));
	if (r->type->kind > 0) {
		root = hpa__schema_root(r->type->kind);
	} else if (r->type->kind < 0) {
		root = hpa__schema_root(HPA_KIND_SERVICE); /* any typed kind: metadata */
	} else {
		tmp.kind = HPA__T_OBJECT;
		tmp.obj = hpa__schema_object(r->type->defn);
		if (!tmp.obj)
			return HPA_ENOTFOUND;
		root = &tmp;
	}
	if (hpa__schema_resolve(root, r->path, t, err) == 0)
		return 0;
	if (strcmp(r->type->name, "condition") == 0) {
		/* hpa_condition also serves Deployment conditions (lastUpdateTime) */
		tmp.kind = HPA__T_OBJECT;
		tmp.obj = hpa__schema_object("io.k8s.api.apps.v1.DeploymentCondition");
		return hpa__schema_resolve(&tmp, r->path, t, err);
	}
	return HPA_EUNKNOWNFIELD;
}

static bool obj_is(const hpa__stype *t, const type_info *sub)
{
	if (!t || t->kind != HPA__T_OBJECT || !t->obj || !sub->defn)
		return false;
	if (strcmp(sub->name, "condition") == 0 &&
	    strcmp(t->obj->name, "io.k8s.api.apps.v1.DeploymentCondition") == 0)
		return true; /* hpa_condition serves both kinds' conditions */
	return strcmp(t->obj->name, sub->defn) == 0;
}

static bool row_type_ok(const row_info *r, const hpa__stype *t)
{
	switch (r->mac) {
	case M_STR: return t->kind == HPA__T_STRING || t->kind == HPA__T_ENUM;
	case M_TIME: return t->kind == HPA__T_TIME;
	case M_I32: return t->kind == HPA__T_INT32;
	case M_I64: return t->kind == HPA__T_INT64;
	case M_BOOL: return t->kind == HPA__T_BOOL;
	case M_ENUM: return t->kind == HPA__T_ENUM || t->kind == HPA__T_STRING;
	case M_QTY: return t->kind == HPA__T_QUANTITY;
	case M_IOS: return t->kind == HPA__T_INTSTR;
	case M_SLIST: return t->kind == HPA__T_LIST && t->elem && t->elem->kind == HPA__T_STRING;
	case M_SMAP: return t->kind == HPA__T_MAP && t->elem && t->elem->kind == HPA__T_STRING;
	case M_QMAP: return t->kind == HPA__T_MAP && t->elem && t->elem->kind == HPA__T_QUANTITY;
	case M_OBJ: return obj_is(t, r->sub);
	case M_LIST: return t->kind == HPA__T_LIST && obj_is(t->elem, r->sub);
	case M_PRESENT: return t->kind == HPA__T_OBJECT;
	}
	return false;
}

static void test_kinds__table_matches_schema(void)
{
	size_t i, checked_enums = 0;
	CU_ASSERT(HPA__ARRAY_SIZE(rows) > 200);
	for (i = 0; i < HPA__ARRAY_SIZE(rows); i++) {
		const row_info *r = &rows[i];
		const hpa__stype *t = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int rc = resolve_row(r, &t, &e);
		if (rc != 0 || !t) {
			CU_FAIL("row path not in the Kubernetes schema");
			fprintf(stderr, "\n  %s.%s: %s: %s\n", r->type->name, r->field, r->path, e.message);
			continue;
		}
		if (!row_type_ok(r, t)) {
			CU_FAIL("row type differs from the Kubernetes schema");
			fprintf(stderr, "\n  %s.%s: %s is %s\n", r->type->name, r->field, r->path,
				hpa__schema_type_name(t));
		}
		if (r->mac == M_ENUM && t->kind == HPA__T_ENUM) {
			/* same set of values */
			size_t n = 0, k;
			const char *s;
			checked_enums++;
			for (k = 2; (s = r->ename((int)k)) != NULL; k++) {
				bool found = false;
				for (size_t j = 0; j < t->n_enums; j++)
					found = found || strcmp(t->enums[j], s) == 0;
				if (!found) {
					CU_FAIL("enum value not documented by Kubernetes");
					fprintf(stderr, "\n  %s: %s\n", r->ename_s, s);
				}
				n++;
			}
			if (n != t->n_enums) {
				CU_FAIL("enum misses documented values");
				fprintf(stderr, "\n  %s (%s): %zu values, schema %u\n", r->ename_s, r->path,
					n, (unsigned)t->n_enums);
			}
		}
	}
	/* the schema documents enums for at least protocol, service type,
	 * metric source type ... make sure the comparison above ran */
	CU_ASSERT(checked_enums >= 5);
}

/* The accessor name is the snake_case of the path, steps joined by '_',
 * without a leading "spec." (kinds.def naming rule): mechanical, so the
 * bindings generated from the headers stay predictable. */
static void snake(const char *path, char *out, size_t size)
{
	size_t n = 0;
	const char *p = path;
	if (strncmp(p, "spec.", 5) == 0)
		p += 5;
	for (; *p && n + 2 < size; p++) {
		char c = *p;
		if (c == '.') {
			out[n++] = '_';
			continue;
		}
		if (isupper((unsigned char)c)) {
			char prev = p > path ? p[-1] : '.';
			char next = p[1];
			if (prev != '.' && (islower((unsigned char)prev) || isdigit((unsigned char)prev) ||
			    (isupper((unsigned char)prev) && islower((unsigned char)next))))
				out[n++] = '_';
			c = (char)tolower((unsigned char)c);
		}
		out[n++] = c;
	}
	out[n] = '\0';
}

static void test_kinds__names_follow_json(void)
{
	char buf[160];
	snake("spec.scaleTargetRef.apiVersion", buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "scale_target_ref_api_version");
	snake("spec.clusterIP", buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "cluster_ip");
	for (size_t i = 0; i < HPA__ARRAY_SIZE(rows); i++) {
		snake(rows[i].path, buf, sizeof(buf));
		if (strcmp(buf, rows[i].field) != 0) {
			CU_FAIL("accessor name is not the snake_case of its path");
			fprintf(stderr, "\n  %s.%s: path %s gives %s\n", rows[i].type->name,
				rows[i].field, rows[i].path, buf);
		}
	}
}

/* The public headers are generated from the same table: a stale header
 * (table edited, generator not run) fails here. */
static void test_kinds__headers_are_generated(void)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), "%s %s/lib/kinds/gen_headers.py --check", HPA_PYTHON, HPA_SOURCE_DIR);
	CU_ASSERT_EQUAL(system(cmd), 0);
}

/* ---- casts and constructors ------------------------------------------------------ */

static void test_kinds__wrong_kind_casts(void)
{
	hpa_deployment *d = NULL;
	hpa_service *s = NULL;
	hpa_ingress *g = NULL;
	hpa_autoscaler *a = NULL;
	hpa_object *cm = NULL, *v1hpa = NULL;

	CU_ASSERT_EQUAL(hpa_deployment_new(&d, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_new(&s, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_ingress_new(&g, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_new(&cm, "v1", "ConfigMap", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_new(&v1hpa, "autoscaling/v1", "HorizontalPodAutoscaler", NULL), 0);

	/* each view works on its own kind, and is the same pointer */
	CU_ASSERT_PTR_EQUAL(hpa_object_as_deployment(hpa_deployment_object(d)), d);
	CU_ASSERT_PTR_EQUAL(hpa_object_as_deployment_mut(hpa_deployment_object_mut(d)), d);
	CU_ASSERT_PTR_EQUAL((const void *)hpa_deployment_object(d), (const void *)d);
	CU_ASSERT_PTR_EQUAL(hpa_object_as_service(hpa_service_object(s)), s);
	CU_ASSERT_PTR_EQUAL(hpa_object_as_ingress(hpa_ingress_object(g)), g);
	CU_ASSERT_PTR_EQUAL(hpa_object_as_autoscaler(hpa_autoscaler_object(a)), a);
	CU_ASSERT_PTR_EQUAL(hpa_object_as_autoscaler_mut(hpa_autoscaler_object_mut(a)), a);
	/* and on no other */
	CU_ASSERT_PTR_NULL(hpa_object_as_service(hpa_deployment_object(d)));
	CU_ASSERT_PTR_NULL(hpa_object_as_ingress(hpa_deployment_object(d)));
	CU_ASSERT_PTR_NULL(hpa_object_as_autoscaler(hpa_deployment_object(d)));
	CU_ASSERT_PTR_NULL(hpa_object_as_deployment(hpa_service_object(s)));
	CU_ASSERT_PTR_NULL(hpa_object_as_deployment_mut(hpa_ingress_object_mut(g)));
	CU_ASSERT_PTR_NULL(hpa_object_as_service_mut(hpa_autoscaler_object_mut(a)));
	CU_ASSERT_PTR_NULL(hpa_object_as_deployment(cm));
	CU_ASSERT_PTR_NULL(hpa_object_as_service(cm));
	CU_ASSERT_PTR_NULL(hpa_object_as_ingress_mut(cm));
	/* autoscaling/v1 has another schema: not an autoscaling/v2 view */
	CU_ASSERT_PTR_NULL(hpa_object_as_autoscaler(v1hpa));
	CU_ASSERT_PTR_NULL(hpa_object_as_deployment(NULL));
	CU_ASSERT_PTR_NULL(hpa_object_as_autoscaler_mut(NULL));

	hpa_deployment_free(d);
	hpa_service_free(s);
	hpa_ingress_free(g);
	hpa_autoscaler_free(a);
	hpa_object_free(cm);
	hpa_object_free(v1hpa);
}

static void test_kinds__constructors(void)
{
	hpa_deployment *d = NULL, *copy = NULL;
	hpa_autoscaler *a = NULL;
	const char *s = NULL;
	hpa_error e = HPA_ERROR_INIT;

	CU_ASSERT_EQUAL(hpa_deployment_new(&d, "web", &e), 0);
	/* identity as the generic API sees it (Kubernetes spelling) */
	CU_ASSERT_EQUAL(hpa_object_get_string(hpa_deployment_object(d), "apiVersion", &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "apps/v1");
	CU_ASSERT_STRING_EQUAL(hpa_object_kind_name(hpa_deployment_object(d)), "Deployment");
	CU_ASSERT_STRING_EQUAL(hpa_object_name(hpa_deployment_object(d)), "web");
	CU_ASSERT_EQUAL(hpa_object_kind(hpa_deployment_object(d)), HPA_KIND_DEPLOYMENT);
	/* nothing else is set */
	CU_ASSERT_EQUAL(hpa_object_count(hpa_deployment_object(d), ""), 3);
	CU_ASSERT_EQUAL(hpa_object_count(hpa_deployment_object(d), "metadata"), 1);

	CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, NULL, NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_object_api_version(hpa_autoscaler_object(a)), "autoscaling/v2");
	CU_ASSERT_STRING_EQUAL(hpa_object_kind_name(hpa_autoscaler_object(a)), "HorizontalPodAutoscaler");
	CU_ASSERT_FALSE(hpa_autoscaler_has_metadata(a)); /* no name: no metadata */
	CU_ASSERT_EQUAL(hpa_object_kind(hpa_autoscaler_object(a)), HPA_KIND_AUTOSCALER);

	/* dup is deep */
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(d, 3, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_dup(&copy, d, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(copy);
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(d, 4, NULL), 0);
	{
		int32_t r = 0;
		CU_ASSERT_EQUAL(hpa_deployment_replicas(copy, &r, NULL), 0);
		CU_ASSERT_EQUAL(r, 3);
	}
	CU_ASSERT_PTR_NOT_NULL(hpa_object_as_deployment(hpa_deployment_object(copy)));
	hpa_deployment_free(copy);
	copy = d; /* poison: must become NULL */

	CU_ASSERT_EQUAL(hpa_ingress_new(NULL, "x", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_deployment_dup(&copy, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(copy);
	/* no place for the copy (header audit, session 10: HPA_OK, the copy
	 * made and dropped) */
	CU_ASSERT_EQUAL(hpa_deployment_dup(NULL, d, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_autoscaler_dup(NULL, a, NULL), HPA_EINVAL);

	/* the _scaled getters leave *out unchanged on failure, as the headers
	 * say (they wrote 0 first) */
	{
		static const struct {
			const char *text;
			int rc;
		} bad[] = { { "http", HPA_ETYPE }, { "2x%", HPA_ESYNTAX }, { "1000%", HPA_ERANGE } };
		hpa_service *svc = NULL;
		hpa_service_port *port = NULL;
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			int32_t v = 42;
			CU_ASSERT_EQUAL(hpa_deployment_set_strategy_rolling_update_max_surge_str(d, bad[i].text, NULL), 0);
			CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_scaled(d, INT32_MAX, true, &v, NULL),
				bad[i].rc);
			CU_ASSERT_EQUAL(v, 42);
		}
		CU_ASSERT_EQUAL(hpa_service_new(&svc, "s", NULL), 0);
		CU_ASSERT_EQUAL(hpa_service_ports_append(svc, &port, NULL), 0);
		CU_ASSERT_EQUAL(hpa_service_port_set_target_port_str(port, "http", NULL), 0);
		{
			int32_t v = 42;
			CU_ASSERT_EQUAL(hpa_service_port_target_port_scaled(port, 10, true, &v, NULL), HPA_ETYPE);
			CU_ASSERT_EQUAL(v, 42);
			CU_ASSERT_EQUAL(hpa_service_port_set_target_port_str(port, "50%", NULL), 0);
			CU_ASSERT_EQUAL(hpa_service_port_target_port_scaled(port, 10, true, &v, NULL), 0);
			CU_ASSERT_EQUAL(v, 5);
		}
		hpa_service_free(svc);
	}
	hpa_deployment_free(d);
	hpa_autoscaler_free(a);
	hpa_deployment_free(NULL);
	hpa_service_free(NULL);
}

/* A standalone object added to a manifest belongs to it: *_free leaves it. */
static void test_kinds__free_leaves_manifest_objects(void)
{
	hpa_manifest *m = NULL;
	hpa_service *s = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_new(&m, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_new(&s, "api", NULL), 0);
	CU_ASSERT_EQUAL(hpa_manifest_append_take(m, hpa_service_object_mut(s), NULL), 0);
	hpa_service_free(s); /* no effect */
	CU_ASSERT_PTR_EQUAL(hpa_object_as_service(hpa_manifest_at(m, 0)), s);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_name(hpa_service_metadata(s)), "api");
	hpa_manifest_free(m);
}

/* ---- metadata of any object ---------------------------------------------------------- */

static void test_kinds__metadata_of_any_object(void)
{
	hpa_object *cm = NULL;
	hpa_object_meta *md = NULL;
	const char *s = NULL;
	int64_t g = 0;

	CU_ASSERT_EQUAL(hpa_object_new(&cm, "v1", "ConfigMap", NULL), 0);
	CU_ASSERT_FALSE(hpa_object_has_metadata(cm));
	CU_ASSERT_PTR_NULL(hpa_object_metadata(cm));
	/* reads through an absent part are absent, not crashes */
	CU_ASSERT_PTR_NULL(hpa_object_meta_name(hpa_object_metadata(cm)));
	CU_ASSERT_EQUAL(hpa_object_meta_labels_count(hpa_object_metadata(cm)), 0);
	/* a generic object with a map where the schema has a list (and the
	 * other way round): _count counts what _at can reach, none (header
	 * audit, session 10: the map's entries were counted) */
	{
		static const char y[] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
					"  finalizers: {a: 1, b: 2}\n  labels: [a, b, c]\n";
		hpa_manifest *m = NULL;
		const hpa_object_meta *gm;
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y, sizeof(y) - 1, NULL, NULL), 0);
		gm = hpa_object_metadata(hpa_manifest_at(m, 0));
		CU_ASSERT_EQUAL(hpa_object_meta_finalizers_count(gm), 0);
		CU_ASSERT_PTR_NULL(hpa_object_meta_finalizers_at(gm, 0));
		CU_ASSERT_EQUAL(hpa_object_meta_labels_count(gm), 0);
		hpa_manifest_free(m);
	}

	CU_ASSERT_EQUAL(hpa_object_metadata_mut(cm, &md, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(md);
	CU_ASSERT(hpa_object_has_metadata(cm));
	CU_ASSERT_PTR_EQUAL(hpa_object_metadata(cm), md);
	CU_ASSERT_EQUAL(hpa_object_meta_set_name(md, "settings", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_set_namespace(md, "shop", NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_object_name(cm), "settings");
	CU_ASSERT_STRING_EQUAL(hpa_object_namespace(cm), "shop");
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_namespace(md), "shop");

	/* labels: insertion order, replace in place, dotted keys */
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(md, "app", "shop", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(md, "app.kubernetes.io/name", "cart", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(md, "tier", "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(md, "app", "mall", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_count(md), 3);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_key_at(md, 0), "app");
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_value_at(md, 0), "mall");
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_key_at(md, 1), "app.kubernetes.io/name");
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_key_at(md, 2), "tier");
	CU_ASSERT_PTR_NULL(hpa_object_meta_labels_key_at(md, 3));
	CU_ASSERT_PTR_NULL(hpa_object_meta_labels_value_at(md, 3));
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_get(md, "app.kubernetes.io/name"), "cart");
	CU_ASSERT_PTR_NULL(hpa_object_meta_labels_get(md, "missing"));
	CU_ASSERT_PTR_NULL(hpa_object_meta_labels_get(md, NULL));
	/* the same tree through the generic path API */
	CU_ASSERT_EQUAL(hpa_object_get_string(cm, "metadata.labels[\"app.kubernetes.io/name\"]", &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "cart");
	CU_ASSERT_EQUAL(hpa_object_count(cm, "metadata.labels"), 3);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_remove(md, "app", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_remove(md, "app", NULL), HPA_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_key_at(md, 0), "app.kubernetes.io/name");

	/* annotations are a separate map */
	CU_ASSERT_FALSE(hpa_object_meta_has_annotations(md));
	CU_ASSERT_EQUAL(hpa_object_meta_annotations_set(md, "note", "", NULL), 0);
	CU_ASSERT(hpa_object_meta_has_annotations(md));
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_annotations_get(md, "note"), "");
	CU_ASSERT_EQUAL(hpa_object_meta_annotations_count(md), 1);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_count(md), 2);
	hpa_object_meta_clear_annotations(md);
	CU_ASSERT_FALSE(hpa_object_meta_has_annotations(md));
	CU_ASSERT_EQUAL(hpa_object_meta_annotations_count(md), 0);
	CU_ASSERT_FALSE(hpa_object_has(cm, "metadata.annotations"));

	/* int64 and time fields */
	CU_ASSERT_EQUAL(hpa_object_meta_generation(md, &g, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_object_meta_set_generation(md, INT64_C(9007199254740993), NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_generation(md, &g, NULL), 0);
	CU_ASSERT_EQUAL(g, INT64_C(9007199254740993));
	CU_ASSERT_EQUAL(hpa_object_meta_set_creation_timestamp(md, "2024-05-01T12:00:00Z", NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_creation_timestamp(md), "2024-05-01T12:00:00Z");
	CU_ASSERT_EQUAL(hpa_object_meta_set_creation_timestamp(md, "yesterday", NULL), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_creation_timestamp(md), "2024-05-01T12:00:00Z");

	/* finalizers: a list of strings */
	CU_ASSERT_EQUAL(hpa_object_meta_finalizers_append(md, "a/one", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_finalizers_append(md, "b/two", NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_finalizers_count(md), 2);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_finalizers_at(md, 1), "b/two");
	CU_ASSERT_EQUAL(hpa_object_meta_finalizers_remove_at(md, 0, NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_finalizers_at(md, 0), "b/two");
	CU_ASSERT_EQUAL(hpa_object_meta_finalizers_remove_at(md, 1, NULL), HPA_ENOTFOUND);
	CU_ASSERT_PTR_NULL(hpa_object_meta_finalizers_at(md, 1));
	CU_ASSERT_EQUAL(hpa_object_get_string(cm, "metadata.finalizers[0]", &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "b/two");

	/* clearing the part: handles into it are no longer reachable */
	hpa_object_clear_metadata(cm);
	CU_ASSERT_FALSE(hpa_object_has_metadata(cm));
	CU_ASSERT_STRING_EQUAL(hpa_object_name(cm), "");
	hpa_object_free(cm);
}

/* ---- three states: absent, zero, false ------------------------------------------------- */

static void test_kinds__absent_zero_false(void)
{
	hpa_deployment *d = NULL;
	hpa_service *s = NULL;
	int32_t r = 77;
	bool b = true;
	hpa_error e = HPA_ERROR_INIT;

	CU_ASSERT_EQUAL(hpa_deployment_new(&d, "web", NULL), 0);
	CU_ASSERT_FALSE(hpa_deployment_has_replicas(d));
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, &e), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(r, 77); /* untouched */
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(d, 0, NULL), 0);
	CU_ASSERT(hpa_deployment_has_replicas(d));
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, NULL), 0);
	CU_ASSERT_EQUAL(r, 0);
	CU_ASSERT_EQUAL(hpa_object_type(hpa_deployment_object(d), "spec.replicas"), HPA_VALUE_INT);
	hpa_deployment_clear_replicas(d);
	CU_ASSERT_FALSE(hpa_deployment_has_replicas(d));
	CU_ASSERT_FALSE(hpa_object_has(hpa_deployment_object(d), "spec.replicas"));
	hpa_deployment_clear_replicas(d); /* absent: nothing happens */

	CU_ASSERT_EQUAL(hpa_deployment_paused(d, &b, NULL), HPA_ENOTFOUND);
	CU_ASSERT(b);
	CU_ASSERT_EQUAL(hpa_deployment_set_paused(d, false, NULL), 0);
	CU_ASSERT(hpa_deployment_has_paused(d));
	CU_ASSERT_EQUAL(hpa_deployment_paused(d, &b, NULL), 0);
	CU_ASSERT_FALSE(b);
	CU_ASSERT_EQUAL(hpa_object_get_bool(hpa_deployment_object(d), "spec.paused", &b, NULL), 0);
	CU_ASSERT_FALSE(b);

	CU_ASSERT_EQUAL(hpa_service_new(&s, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_allocate_load_balancer_node_ports(s, &b, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_service_set_allocate_load_balancer_node_ports(s, false, NULL), 0);
	b = true;
	CU_ASSERT_EQUAL(hpa_service_allocate_load_balancer_node_ports(s, &b, NULL), 0);
	CU_ASSERT_FALSE(b);
	/* empty string is present */
	CU_ASSERT_PTR_NULL(hpa_service_cluster_ip(s));
	CU_ASSERT_EQUAL(hpa_service_set_cluster_ip(s, "", NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(hpa_service_cluster_ip(s));
	CU_ASSERT_STRING_EQUAL(hpa_service_cluster_ip(s), "");
	CU_ASSERT(hpa_service_has_cluster_ip(s));
	hpa_deployment_free(d);
	hpa_service_free(s);
}

/* ---- null and wrong-typed values in the tree -------------------------------------------- */

static void test_kinds__null_and_wrong_types(void)
{
	hpa_deployment *d = NULL;
	hpa_object *o;
	hpa__value *root;
	int32_t r = 5;
	int64_t g = 0;
	bool b = false;
	hpa_error e = HPA_ERROR_INIT;

	CU_ASSERT_EQUAL(hpa_deployment_new(&d, "web", NULL), 0);
	o = hpa_deployment_object_mut(d);
	root = o->root;
	/* null counts as absent (as for the API server) */
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.replicas", hpa__v_null(o->arena), NULL), 0);
	CU_ASSERT_FALSE(hpa_deployment_has_replicas(d));
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.template", hpa__v_null(o->arena), NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_deployment_template(d));
	CU_ASSERT_EQUAL(hpa_pod_template_containers_count(hpa_deployment_template(d)), 0);
	/* ... and setters replace it */
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(d, 2, NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, NULL), 0);
	CU_ASSERT_EQUAL(r, 2);
	{
		hpa_container *c = NULL;
		hpa_pod_template *t = NULL;
		CU_ASSERT_EQUAL(hpa_deployment_template_mut(d, &t, NULL), 0);
		CU_ASSERT_EQUAL(hpa_pod_template_containers_append(t, &c, NULL), 0);
		CU_ASSERT_EQUAL(hpa_pod_template_containers_count(hpa_deployment_template(d)), 1);
	}

	/* a string where an int32 belongs (as a lax reader could leave it) */
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.replicas", hpa__v_str(o->arena, "3"), NULL), 0);
	CU_ASSERT(hpa_deployment_has_replicas(d));
	r = 5;
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(r, 5);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "string"));
	/* an int64 where an int32 belongs */
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.replicas", hpa__v_int(o->arena, INT64_C(2147483648)), NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, &e), HPA_ERANGE);
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.replicas", hpa__v_int(o->arena, INT32_MIN), NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &r, NULL), 0);
	CU_ASSERT_EQUAL(r, INT32_MIN);
	/* a bool field holding an int, an int64 field holding a bool */
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.paused", hpa__v_int(o->arena, 0), NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_paused(d, &b, NULL), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa__path_set(root, "metadata.generation", hpa__v_bool(o->arena, true), NULL), 0);
	CU_ASSERT_EQUAL(hpa_object_meta_generation(hpa_deployment_metadata(d), &g, NULL), HPA_ETYPE);
	/* a string getter on a number, a part getter on a scalar */
	CU_ASSERT_EQUAL(hpa__path_set(root, "metadata.namespace", hpa__v_int(o->arena, 7), NULL), 0);
	CU_ASSERT(hpa_object_meta_has_namespace(hpa_deployment_metadata(d)));
	CU_ASSERT_PTR_NULL(hpa_object_meta_namespace(hpa_deployment_metadata(d)));
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.selector", hpa__v_str(o->arena, "app=web"), NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_deployment_selector(d));
	{
		hpa_label_selector *sel = NULL;
		CU_ASSERT_EQUAL(hpa_deployment_selector_mut(d, &sel, &e), HPA_ETYPE);
		CU_ASSERT_PTR_NULL(sel);
		CU_ASSERT_STRING_EQUAL(e.path, "spec.selector");
	}
	/* a setter whose path crosses a scalar */
	CU_ASSERT_EQUAL(hpa__path_set(root, "spec.strategy", hpa__v_str(o->arena, "fast"), NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_strategy_type(d, HPA_DEPLOYMENT_STRATEGY_TYPE_RECREATE, NULL), HPA_ETYPE);
	/* a list accessor on a map */
	CU_ASSERT_EQUAL(hpa__path_set(root, "status", hpa__v_map(o->arena), NULL), 0);
	CU_ASSERT_EQUAL(hpa__path_set(root, "status.conditions", hpa__v_map(o->arena), NULL), 0);
	CU_ASSERT_EQUAL(hpa_deployment_status_conditions_count(d), 0); /* a map has no items */
	CU_ASSERT_PTR_NULL(hpa_deployment_status_conditions_at(d, 0));
	CU_ASSERT_EQUAL(hpa_deployment_status_conditions_append(d, NULL, NULL), HPA_ETYPE);
	hpa_deployment_free(d);
}

/* ---- enums --------------------------------------------------------------------------------- */

static void test_kinds__enums(void)
{
	hpa_service *s = NULL;
	hpa_service_port *p = NULL;
	hpa_error e = HPA_ERROR_INIT;

	/* names are the Kubernetes spellings */
	CU_ASSERT_STRING_EQUAL(hpa_protocol_name(HPA_PROTOCOL_TCP), "TCP");
	CU_ASSERT_STRING_EQUAL(hpa_protocol_name(HPA_PROTOCOL_SCTP), "SCTP");
	CU_ASSERT_STRING_EQUAL(hpa_service_type_name(HPA_SERVICE_TYPE_NODE_PORT), "NodePort");
	CU_ASSERT_STRING_EQUAL(hpa_path_type_name(HPA_PATH_TYPE_IMPLEMENTATION_SPECIFIC), "ImplementationSpecific");
	CU_ASSERT_STRING_EQUAL(hpa_metric_source_type_name(HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE), "ContainerResource");
	CU_ASSERT_STRING_EQUAL(hpa_metric_target_type_name(HPA_METRIC_TARGET_TYPE_AVERAGE_VALUE), "AverageValue");
	CU_ASSERT_STRING_EQUAL(hpa_scaling_policy_select_name(HPA_SCALING_POLICY_SELECT_DISABLED), "Disabled");
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_operator_name(HPA_LABEL_SELECTOR_OPERATOR_DOES_NOT_EXIST), "DoesNotExist");
	CU_ASSERT_PTR_NULL(hpa_protocol_name((hpa_protocol_t)0));
	CU_ASSERT_PTR_NULL(hpa_protocol_name(HPA_PROTOCOL_UNKNOWN));
	CU_ASSERT_PTR_NULL(hpa_protocol_name((hpa_protocol_t)99));
	CU_ASSERT_PTR_NULL(hpa_protocol_name((hpa_protocol_t)-1));
	/* enums start at 1: 0 means unset */
	CU_ASSERT_EQUAL(HPA_PROTOCOL_UNKNOWN, 1);
	CU_ASSERT(HPA_PROTOCOL_TCP > 0);
	CU_ASSERT_EQUAL(hpa_protocol_from_name("UDP"), HPA_PROTOCOL_UDP);
	CU_ASSERT_EQUAL(hpa_protocol_from_name("udp"), HPA_PROTOCOL_UNKNOWN); /* case-sensitive */
	CU_ASSERT_EQUAL(hpa_protocol_from_name(NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_type_from_name("ClusterIP"), HPA_SERVICE_TYPE_CLUSTER_IP);

	CU_ASSERT_EQUAL(hpa_service_new(&s, "web", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_type(s), 0);
	CU_ASSERT_PTR_NULL(hpa_service_type_str(s));
	CU_ASSERT_EQUAL(hpa_service_set_type(s, HPA_SERVICE_TYPE_LOAD_BALANCER, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_type(s), HPA_SERVICE_TYPE_LOAD_BALANCER);
	CU_ASSERT_STRING_EQUAL(hpa_service_type_str(s), "LoadBalancer");
	/* a value from a future Kubernetes stays verbatim */
	CU_ASSERT_EQUAL(hpa_service_set_type_str(s, "Mesh", NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_type(s), HPA_SERVICE_TYPE_UNKNOWN);
	CU_ASSERT_STRING_EQUAL(hpa_service_type_str(s), "Mesh");
	{
		const char *t = NULL;
		CU_ASSERT_EQUAL(hpa_object_get_string(hpa_service_object(s), "spec.type", &t, NULL), 0);
		CU_ASSERT_STRING_EQUAL(t, "Mesh");
	}
	/* invalid enum values are refused and change nothing */
	CU_ASSERT_EQUAL(hpa_service_set_type(s, HPA_SERVICE_TYPE_UNKNOWN, &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.type");
	CU_ASSERT_EQUAL(hpa_service_set_type(s, (hpa_service_type_t)0, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_service_set_type(s, (hpa_service_type_t)42, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_service_set_type_str(s, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(hpa_service_type_str(s), "Mesh");

	/* an enum on a part */
	CU_ASSERT_EQUAL(hpa_service_ports_append(s, &p, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_protocol(p), 0);
	CU_ASSERT_EQUAL(hpa_service_port_set_protocol(p, HPA_PROTOCOL_UDP, NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_protocol(p), HPA_PROTOCOL_UDP);
	CU_ASSERT_STRING_EQUAL(hpa_service_port_protocol_str(p), "UDP");
	hpa_service_port_clear_protocol(p);
	CU_ASSERT_EQUAL(hpa_service_port_protocol(p), 0);
	hpa_service_free(s);
}

/* ---- NULL handles ---------------------------------------------------------------------------- */

static void test_kinds__null_handles(void)
{
	int32_t r = 1;
	hpa_error e = HPA_ERROR_INIT;
	hpa_container *c = (hpa_container *)(void *)&r;
	/* getters: absent */
	CU_ASSERT_FALSE(hpa_deployment_has_replicas(NULL));
	CU_ASSERT_EQUAL(hpa_deployment_replicas(NULL, &r, NULL), HPA_ENOTFOUND);
	CU_ASSERT_PTR_NULL(hpa_container_image(NULL));
	CU_ASSERT_EQUAL(hpa_container_ports_count(NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_container_ports_at(NULL, 0));
	CU_ASSERT_PTR_NULL(hpa_container_resources_limits_get(NULL, "cpu"));
	CU_ASSERT_EQUAL(hpa_service_type(NULL), 0);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_type(NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_deployment_template(NULL));
	CU_ASSERT_PTR_NULL(hpa_deployment_object(NULL));
	/* setters: HPA_EINVAL */
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(NULL, 1, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_container_set_image(NULL, "x", NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_pod_template_containers_append(NULL, &c, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_set(NULL, "a", "b", NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_object_meta_labels_remove(NULL, "a", NULL), HPA_EINVAL);
	hpa_deployment_clear_replicas(NULL);
	hpa_object_meta_clear_labels(NULL);
	/* out parameters are required by getters */
	CU_ASSERT_EQUAL(hpa_deployment_replicas(NULL, NULL, NULL), HPA_EINVAL);
}

/* ---- allocation failures ------------------------------------------------------------------------- */

/* Make every arena allocation of a standalone object a separate system
 * allocation, so the sweep reaches each step of a setter. */
static void tiny_blocks(hpa_object *o)
{
	size_t total = o->arena->total;
	o->arena->block_size = 4;
	/* fill the current block: from then on every allocation is a new one */
	while (o->arena->total == total && hpa__arena_alloc(o->arena, 8))
		;
}

static void test_kinds__alloc_failure_constructors(void)
{
	unsigned long n;
	int rc = HPA_ENOMEM;
	for (n = 1; n < 200 && rc == HPA_ENOMEM; n++) {
		hpa_deployment *d = (hpa_deployment *)(void *)&n;
		hpa__test_fail_alloc_at(n);
		rc = hpa_deployment_new(&d, "web", NULL);
		hpa__test_fail_alloc_at(0);
		if (rc == HPA_ENOMEM)
			CU_ASSERT_PTR_NULL(d);
		hpa_deployment_free(rc == 0 ? d : NULL);
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT(n > 2); /* at least one failure was injected */
	rc = HPA_ENOMEM;
	for (n = 1; n < 200 && rc == HPA_ENOMEM; n++) {
		hpa_autoscaler *a = NULL, *copy = NULL;
		CU_ASSERT_EQUAL(hpa_autoscaler_new(&a, "web", NULL), 0);
		tiny_blocks(hpa_autoscaler_object_mut(a));
		CU_ASSERT_EQUAL(hpa_autoscaler_set_max_replicas(a, 5, NULL), 0);
		hpa__test_fail_alloc_at(n);
		rc = hpa_autoscaler_dup(&copy, a, NULL);
		hpa__test_fail_alloc_at(0);
		if (rc == HPA_ENOMEM)
			CU_ASSERT_PTR_NULL(copy);
		hpa_autoscaler_free(copy);
		hpa_autoscaler_free(a);
	}
	CU_ASSERT_EQUAL(rc, 0);
	rc = HPA_ENOMEM;
	for (n = 1; n < 200 && rc == HPA_ENOMEM; n++) {
		hpa_service *s = NULL;
		hpa_ingress *g = NULL;
		hpa__test_fail_alloc_at(n);
		rc = hpa_service_new(&s, "s", NULL);
		if (rc == 0)
			rc = hpa_ingress_new(&g, "g", NULL);
		hpa__test_fail_alloc_at(0);
		hpa_service_free(s);
		hpa_ingress_free(g);
	}
	CU_ASSERT_EQUAL(rc, 0);
}

/* One setter of each row type, on a fresh part of the tree; after a failure
 * the tree must be as before (the field still absent). */
typedef int (*setter_fn)(hpa_deployment *d, hpa_error *err);
typedef bool (*has_fn)(const hpa_deployment *d);

static int set_str(hpa_deployment *d, hpa_error *err)
{
	hpa_object_meta *m = NULL;
	int rc = hpa_deployment_metadata_mut(d, &m, err);
	return rc < 0 ? rc : hpa_object_meta_set_namespace(m, "shop", err);
}
static bool has_str(const hpa_deployment *d) { return hpa_object_meta_has_namespace(hpa_deployment_metadata(d)); }
static int set_i32(hpa_deployment *d, hpa_error *err) { return hpa_deployment_set_replicas(d, 2, err); }
static bool has_i32(const hpa_deployment *d) { return hpa_deployment_has_replicas(d); }
static int set_bool(hpa_deployment *d, hpa_error *err) { return hpa_deployment_set_paused(d, false, err); }
static bool has_bool(const hpa_deployment *d) { return hpa_deployment_has_paused(d); }
static int set_enum(hpa_deployment *d, hpa_error *err)
{
	return hpa_deployment_set_strategy_type(d, HPA_DEPLOYMENT_STRATEGY_TYPE_RECREATE, err);
}
static bool has_enum(const hpa_deployment *d) { return hpa_deployment_has_strategy(d); }
static int set_ios(hpa_deployment *d, hpa_error *err)
{
	return hpa_deployment_set_strategy_rolling_update_max_surge_str(d, "25%", err);
}
static bool has_ios(const hpa_deployment *d) { return hpa_deployment_has_strategy(d); }
static int set_smap(hpa_deployment *d, hpa_error *err)
{
	hpa_label_selector *s = NULL;
	int rc = hpa_deployment_selector_mut(d, &s, err);
	return rc < 0 ? rc : hpa_label_selector_match_labels_set(s, "app", "web", err);
}
static bool has_smap(const hpa_deployment *d)
{
	return hpa_label_selector_has_match_labels(hpa_deployment_selector(d));
}
static int set_list(hpa_deployment *d, hpa_error *err)
{
	hpa_pod_template *t = NULL;
	hpa_container *c = NULL;
	int rc = hpa_deployment_template_mut(d, &t, err);
	if (rc == 0)
		rc = hpa_pod_template_containers_append(t, &c, err);
	if (rc == 0)
		rc = hpa_container_set_image(c, "nginx:1.27", err);
	if (rc == 0)
		rc = hpa_container_resources_requests_set(c, "cpu", "250m", err);
	if (rc == 0)
		rc = hpa_container_args_append(c, "--port=8080", err);
	return rc;
}
static bool has_list(const hpa_deployment *d) { return hpa_deployment_has_template(d); }
static int set_conditions(hpa_deployment *d, hpa_error *err)
{
	hpa_condition *c = NULL;
	int rc = hpa_deployment_status_conditions_append(d, &c, err);
	return rc < 0 ? rc : hpa_condition_set_last_transition_time(c, "2024-05-01T12:00:00Z", err);
}
static bool has_conditions(const hpa_deployment *d) { return hpa_deployment_has_status(d); }

static void test_kinds__alloc_failure_setters(void)
{
	static const struct { const char *name; setter_fn set; has_fn has; } cases[] = {
		{ "str", set_str, has_str }, { "i32", set_i32, has_i32 }, { "bool", set_bool, has_bool },
		{ "enum", set_enum, has_enum }, { "ios", set_ios, has_ios }, { "smap", set_smap, has_smap },
		{ "list", set_list, has_list }, { "conditions", set_conditions, has_conditions },
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(cases); i++) {
		unsigned long n, failures = 0;
		int rc = HPA_ENOMEM;
		for (n = 1; n < 500 && rc == HPA_ENOMEM; n++) {
			hpa_deployment *d = NULL;
			hpa_error e = HPA_ERROR_INIT;
			CU_ASSERT_EQUAL(hpa_deployment_new(&d, NULL, NULL), 0);
			tiny_blocks(hpa_deployment_object_mut(d));
			hpa__test_fail_alloc_at(n);
			rc = cases[i].set(d, &e);
			hpa__test_fail_alloc_at(0);
			if (rc == HPA_ENOMEM) {
				failures++;
				CU_ASSERT_EQUAL(e.code, HPA_ENOMEM);
				/* single-step setters leave nothing behind */
				if (i < 6 && cases[i].has(d)) {
					CU_FAIL("failed setter changed the tree");
					fprintf(stderr, "\n  case %s, allocation %lu\n", cases[i].name, n);
				}
			}
			if (rc == 0)
				CU_ASSERT(cases[i].has(d));
			hpa_deployment_free(d);
		}
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT(failures > 0);
	}
}

/* ---- objects read by the YAML codec ------------------------------------------------
 * tests/data/kinds/shop.yaml is written by hand (and valid against the 1.36
 * swagger); the expected values below are read off that file. */

static hpa_manifest *load_shop(void)
{
	char path[512];
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	th_data_path(path, sizeof(path), "kinds/shop.yaml");
	if (hpa_manifest_parse_yaml_file(&m, path, NULL, &e) != 0) {
		char msg[600];
		hpa_error_format(&e, msg, sizeof(msg));
		fprintf(stderr, "\n  %s\n", msg);
		return NULL;
	}
	return m;
}

static void test_kinds__fixture_kinds_and_casts(void)
{
	hpa_manifest *m = load_shop();
	CU_ASSERT_PTR_NOT_NULL(m);
	CU_ASSERT_EQUAL(hpa_manifest_count(m), 5);
	CU_ASSERT_PTR_NOT_NULL(hpa_object_as_deployment(hpa_manifest_at(m, 0)));
	CU_ASSERT_PTR_NOT_NULL(hpa_object_as_service(hpa_manifest_at(m, 1)));
	CU_ASSERT_PTR_NOT_NULL(hpa_object_as_ingress(hpa_manifest_at(m, 2)));
	CU_ASSERT_PTR_NOT_NULL(hpa_object_as_autoscaler(hpa_manifest_at(m, 4)));
	CU_ASSERT_PTR_NULL(hpa_object_as_service(hpa_manifest_at(m, 0)));
	CU_ASSERT_PTR_NULL(hpa_object_as_deployment(hpa_manifest_at(m, 4)));
	/* the ConfigMap: no typed view, metadata still typed */
	CU_ASSERT_PTR_NULL(hpa_object_as_deployment(hpa_manifest_at(m, 3)));
	CU_ASSERT_PTR_NULL(hpa_object_as_service(hpa_manifest_at(m, 3)));
	CU_ASSERT_PTR_NULL(hpa_object_as_ingress(hpa_manifest_at(m, 3)));
	CU_ASSERT_PTR_NULL(hpa_object_as_autoscaler(hpa_manifest_at(m, 3)));
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_name(hpa_object_metadata(hpa_manifest_at(m, 3))), "settings");
	hpa_manifest_free(m);
}

static void test_kinds__fixture_deployment(void)
{
	hpa_manifest *m = load_shop();
	const hpa_deployment *d = hpa_object_as_deployment(hpa_manifest_at(m, 0));
	const hpa_object_meta *md = hpa_deployment_metadata(d);
	const hpa_label_selector *sel = hpa_deployment_selector(d);
	const hpa_pod_template *t = hpa_deployment_template(d);
	const hpa_container *c = hpa_pod_template_containers_at(t, 0);
	int32_t v = -1;
	int64_t mv = -1;
	bool b = true;

	CU_ASSERT_STRING_EQUAL(hpa_object_meta_name(md), "cart");
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_namespace(md), "shop");
	CU_ASSERT_EQUAL(hpa_object_meta_labels_count(md), 2);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_key_at(md, 1), "app.kubernetes.io/part-of");
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_annotations_get(md, "owner"), "team-cart");
	/* replicas: 0 and paused: false are present */
	CU_ASSERT(hpa_deployment_has_replicas(d));
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_deployment_paused(d, &b, NULL), 0);
	CU_ASSERT_FALSE(b);
	CU_ASSERT_FALSE(hpa_deployment_has_min_ready_seconds(d));
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_match_labels_get(sel, "app"), "cart");
	CU_ASSERT_EQUAL(hpa_label_selector_match_expressions_count(sel), 2);
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_operator(hpa_label_selector_match_expressions_at(sel, 0)),
		HPA_LABEL_SELECTOR_OPERATOR_IN);
	CU_ASSERT_STRING_EQUAL(hpa_label_selector_requirement_values_at(hpa_label_selector_match_expressions_at(sel, 0), 1), "edge");
	CU_ASSERT_EQUAL(hpa_label_selector_requirement_operator(hpa_label_selector_match_expressions_at(sel, 1)),
		HPA_LABEL_SELECTOR_OPERATOR_DOES_NOT_EXIST);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_type(d), HPA_DEPLOYMENT_STRATEGY_TYPE_ROLLING_UPDATE);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_type(d), HPA_VALUE_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_deployment_strategy_rolling_update_max_surge_str(d), "25%");
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_unavailable_type(d), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_deployment_strategy_rolling_update_max_unavailable_int(d, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_STRING_EQUAL(hpa_object_meta_labels_get(hpa_pod_template_metadata(t), "app"), "cart");
	CU_ASSERT_EQUAL(hpa_pod_template_containers_count(t), 1);
	CU_ASSERT_STRING_EQUAL(hpa_container_image(c), "registry.example/cart:2.1.0");
	CU_ASSERT_EQUAL(hpa_container_image_pull_policy(c), HPA_PULL_POLICY_IF_NOT_PRESENT);
	CU_ASSERT_STRING_EQUAL(hpa_container_args_at(c, 0), "--port=8080");
	CU_ASSERT_EQUAL(hpa_container_ports_count(c), 2);
	CU_ASSERT_STRING_EQUAL(hpa_container_port_name(hpa_container_ports_at(c, 0)), "http");
	CU_ASSERT_EQUAL(hpa_container_port_protocol(hpa_container_ports_at(c, 1)), HPA_PROTOCOL_UDP);
	CU_ASSERT_EQUAL(hpa_container_port_container_port(hpa_container_ports_at(c, 1), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 9090);
	CU_ASSERT_STRING_EQUAL(hpa_env_var_value(hpa_container_env_at(c, 0)), "");
	CU_ASSERT_STRING_EQUAL(hpa_env_var_value_from_field_ref_field_path(hpa_container_env_at(c, 1)), "metadata.name");
	/* `cpu: 1` is a YAML integer, `memory: "1.5Gi"` a string: both quantities */
	CU_ASSERT_STRING_EQUAL(hpa_container_resources_limits_get(c, "cpu"), "1");
	CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "cpu", &mv, NULL), 0);
	CU_ASSERT_EQUAL(mv, 1000);
	CU_ASSERT_EQUAL(hpa_container_resources_limits_milli(c, "memory", &mv, NULL), 0);
	CU_ASSERT_EQUAL(mv, INT64_C(1610612736000));
	CU_ASSERT_EQUAL(hpa_container_resources_requests_milli(c, "cpu", &mv, NULL), 0);
	CU_ASSERT_EQUAL(mv, 250);
	CU_ASSERT_STRING_EQUAL(hpa_probe_http_get_path(hpa_container_readiness_probe(c)), "/healthz");
	CU_ASSERT_STRING_EQUAL(hpa_probe_http_get_port_str(hpa_container_readiness_probe(c)), "http");
	CU_ASSERT_EQUAL(hpa_probe_initial_delay_seconds(hpa_container_readiness_probe(c), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_probe_timeout_seconds(hpa_container_readiness_probe(c), &v, NULL), HPA_ENOTFOUND);
	CU_ASSERT_EQUAL(hpa_probe_tcp_socket_port_int(hpa_container_liveness_probe(c), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 8080);
	CU_ASSERT_EQUAL(hpa_probe_timeout_seconds(hpa_container_liveness_probe(c), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2);
	CU_ASSERT_STRING_EQUAL(hpa_probe_exec_command_at(hpa_container_startup_probe(c), 1), "/tmp/ready");
	hpa_manifest_free(m);
}

static void test_kinds__fixture_service_ingress(void)
{
	hpa_manifest *m = load_shop();
	const hpa_service *s = hpa_object_as_service(hpa_manifest_at(m, 1));
	const hpa_ingress *g = hpa_object_as_ingress(hpa_manifest_at(m, 2));
	const hpa_ingress_backend *b;
	int32_t v = -1;

	CU_ASSERT_EQUAL(hpa_service_type(s), HPA_SERVICE_TYPE_NODE_PORT);
	CU_ASSERT_STRING_EQUAL(hpa_service_selector_get(s, "app"), "cart");
	CU_ASSERT_EQUAL(hpa_service_ports_count(s), 2);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_type(hpa_service_ports_at(s, 0)), HPA_VALUE_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_service_port_target_port_str(hpa_service_ports_at(s, 0)), "http");
	CU_ASSERT_EQUAL(hpa_service_port_node_port(hpa_service_ports_at(s, 0), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 30080);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_type(hpa_service_ports_at(s, 1)), HPA_VALUE_INT);
	CU_ASSERT_EQUAL(hpa_service_port_target_port_int(hpa_service_ports_at(s, 1), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 9090);
	CU_ASSERT_EQUAL(hpa_service_port_protocol(hpa_service_ports_at(s, 1)), HPA_PROTOCOL_TCP);
	CU_ASSERT_EQUAL(hpa_service_port_protocol(hpa_service_ports_at(s, 0)), 0);

	CU_ASSERT_STRING_EQUAL(hpa_ingress_ingress_class_name(g), "nginx");
	b = hpa_ingress_default_backend(g);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_backend_service_name(b), "fallback");
	CU_ASSERT_EQUAL(hpa_ingress_backend_service_port_number(b, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 80);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_tls_hosts_at(hpa_ingress_tls_at(g, 0), 0), "shop.example.com");
	CU_ASSERT_STRING_EQUAL(hpa_ingress_tls_secret_name(hpa_ingress_tls_at(g, 0)), "shop-tls");
	CU_ASSERT_EQUAL(hpa_ingress_rules_count(g), 2);
	CU_ASSERT_STRING_EQUAL(hpa_ingress_rule_host(hpa_ingress_rules_at(g, 0)), "shop.example.com");
	CU_ASSERT_PTR_NULL(hpa_ingress_rule_host(hpa_ingress_rules_at(g, 1)));
	b = hpa_ingress_path_backend(hpa_ingress_rule_http_paths_at(hpa_ingress_rules_at(g, 0), 0));
	CU_ASSERT_STRING_EQUAL(hpa_ingress_backend_service_port_name(b), "http");
	CU_ASSERT_EQUAL(hpa_ingress_path_path_type(hpa_ingress_rule_http_paths_at(hpa_ingress_rules_at(g, 1), 0)),
		HPA_PATH_TYPE_IMPLEMENTATION_SPECIFIC);
	b = hpa_ingress_path_backend(hpa_ingress_rule_http_paths_at(hpa_ingress_rules_at(g, 1), 0));
	CU_ASSERT_EQUAL(hpa_ingress_backend_service_port_number(b, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 8080);
	hpa_manifest_free(m);
}

static void test_kinds__fixture_autoscaler(void)
{
	hpa_manifest *m = load_shop();
	const hpa_autoscaler *a = hpa_object_as_autoscaler(hpa_manifest_at(m, 4));
	const hpa_scaling_rules *r;
	int32_t v = -1;
	int64_t mv = -1;
	static const hpa_metric_source_type_t types[] = { HPA_METRIC_SOURCE_TYPE_RESOURCE,
		HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE, HPA_METRIC_SOURCE_TYPE_PODS,
		HPA_METRIC_SOURCE_TYPE_OBJECT, HPA_METRIC_SOURCE_TYPE_EXTERNAL };
	/* target milli-values by hand: 512Mi = 512 * 2^20 * 1000, 1k = 10^6,
	 * 10k = 10^7, "30" = 30000 */
	static const int64_t target_milli[] = { -1, INT64_C(536870912000), 1000000, 10000000, 30000 };

	CU_ASSERT_STRING_EQUAL(hpa_autoscaler_scale_target_ref_name(a), "cart");
	CU_ASSERT_EQUAL(hpa_autoscaler_min_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(hpa_autoscaler_max_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 10);
	CU_ASSERT_EQUAL(hpa_autoscaler_metrics_count(a), 5);
	for (size_t i = 0; i < 5; i++) {
		const hpa_metric_spec *ms = hpa_autoscaler_metrics_at(a, i);
		const hpa_metric_target *t = hpa_metric_spec_target(ms);
		CU_ASSERT_EQUAL(hpa_metric_spec_type(ms), types[i]);
		CU_ASSERT_PTR_NOT_NULL(t);
		if (i == 0) {
			CU_ASSERT_EQUAL(hpa_metric_target_average_utilization(t, &v, NULL), 0);
			CU_ASSERT_EQUAL(v, 60);
		} else if (i == 3) {
			CU_ASSERT_EQUAL(hpa_metric_target_value_milli(t, &mv, NULL), 0);
			CU_ASSERT_EQUAL(mv, target_milli[i]);
		} else {
			CU_ASSERT_EQUAL(hpa_metric_target_average_value_milli(t, &mv, NULL), 0);
			CU_ASSERT_EQUAL(mv, target_milli[i]);
		}
	}
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_object_described_object_name(hpa_autoscaler_metrics_at(a, 3)), "shop");
	CU_ASSERT_STRING_EQUAL(hpa_metric_spec_metric_name(hpa_autoscaler_metrics_at(a, 4)), "queue_messages_ready");
	r = hpa_autoscaler_behavior_scale_up(a);
	CU_ASSERT_EQUAL(hpa_scaling_rules_policies_count(r), 2);
	CU_ASSERT_EQUAL(hpa_scaling_policy_type(hpa_scaling_rules_policies_at(r, 0)), HPA_SCALING_POLICY_TYPE_PERCENT);
	CU_ASSERT_EQUAL(hpa_scaling_policy_value(hpa_scaling_rules_policies_at(r, 1), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 4);
	CU_ASSERT_FALSE(hpa_scaling_rules_has_tolerance(r));
	r = hpa_autoscaler_behavior_scale_down(a);
	CU_ASSERT_EQUAL(hpa_scaling_rules_stabilization_window_seconds(r, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 300);
	CU_ASSERT_EQUAL(hpa_scaling_rules_select_policy(r), HPA_SCALING_POLICY_SELECT_DISABLED);
	/* tolerance: 0.05 is a YAML float, kept as written */
	CU_ASSERT_STRING_EQUAL(hpa_scaling_rules_tolerance(r), "0.05");
	CU_ASSERT_EQUAL(hpa_scaling_rules_tolerance_milli(r, &mv, NULL), 0);
	CU_ASSERT_EQUAL(mv, 50);
	/* status */
	CU_ASSERT_EQUAL(hpa_autoscaler_status_desired_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_current_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 2);
	CU_ASSERT_EQUAL(hpa_autoscaler_status_observed_generation(a, &mv, NULL), 0);
	CU_ASSERT_EQUAL(mv, 3);
	CU_ASSERT_STRING_EQUAL(hpa_autoscaler_status_last_scale_time(a), "2024-05-01T12:00:00Z");
	CU_ASSERT_EQUAL(hpa_metric_value_status_average_utilization(
		hpa_metric_status_current(hpa_autoscaler_status_current_metrics_at(a, 0)), &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 83);
	CU_ASSERT_STRING_EQUAL(hpa_condition_reason(hpa_autoscaler_status_conditions_at(a, 0)), "SucceededRescale");
	CU_ASSERT_STRING_EQUAL(hpa_condition_status(hpa_autoscaler_status_conditions_at(a, 0)), "True");
	hpa_manifest_free(m);
}

/* Typed edits of a parsed object survive writing and reading back, and the
 * fields nobody touched keep their order. */
static void test_kinds__fixture_edit_round_trip(void)
{
	hpa_manifest *m = load_shop(), *m2 = NULL;
	hpa_deployment *d = hpa_object_as_deployment_mut(hpa_manifest_at_mut(m, 0));
	hpa_autoscaler *a = hpa_object_as_autoscaler_mut(hpa_manifest_at_mut(m, 4));
	hpa_container *c;
	hpa_pod_template *t = NULL;
	hpa_scaling_rules *up = NULL;
	char *yaml = NULL;
	size_t len = 0;
	int32_t v = -1;
	int64_t mv = -1;

	CU_ASSERT_EQUAL(hpa_deployment_template_mut(d, &t, NULL), 0);
	c = hpa_pod_template_containers_at_mut(t, 0);
	CU_ASSERT_EQUAL(hpa_deployment_set_replicas(d, 4, NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_resources_requests_set(c, "cpu", "300m", NULL), 0);
	CU_ASSERT_EQUAL(hpa_container_set_image(c, "registry.example/cart:2.2.0", NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_set_min_replicas(a, 0, NULL), 0);
	CU_ASSERT_EQUAL(hpa_autoscaler_behavior_scale_up_mut(a, &up, NULL), 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_set_tolerance(up, "0.02", NULL), 0);
	CU_ASSERT_EQUAL(hpa_manifest_write_yaml(m, &yaml, &len, NULL, NULL), 0);
	CU_ASSERT_PTR_NOT_NULL(yaml);
	if (yaml)
		CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m2, yaml, len, NULL, NULL), 0);
	d = hpa_object_as_deployment_mut(hpa_manifest_at_mut(m2, 0));
	a = hpa_object_as_autoscaler_mut(hpa_manifest_at_mut(m2, 4));
	CU_ASSERT_EQUAL(hpa_deployment_replicas(d, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 4);
	{
		const hpa_container *cc = hpa_pod_template_containers_at(hpa_deployment_template(d), 0);
		CU_ASSERT_EQUAL(hpa_container_resources_requests_milli(cc, "cpu", &mv, NULL), 0);
		CU_ASSERT_EQUAL(mv, 300);
		CU_ASSERT_STRING_EQUAL(hpa_container_resources_requests_key_at(cc, 0), "cpu"); /* order kept */
		CU_ASSERT_STRING_EQUAL(hpa_container_image(cc), "registry.example/cart:2.2.0");
	}
	CU_ASSERT_EQUAL(hpa_autoscaler_min_replicas(a, &v, NULL), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(hpa_scaling_rules_tolerance_milli(hpa_autoscaler_behavior_scale_up(a), &mv, NULL), 0);
	CU_ASSERT_EQUAL(mv, 20);
	/* spec key order: replicas stayed first (replaced in place) */
	CU_ASSERT_STRING_EQUAL(hpa_object_key_at(hpa_deployment_object(d), "spec", 0), "replicas");
	hpa_free(yaml);
	hpa_manifest_free(m);
	hpa_manifest_free(m2);
}

static CU_TestInfo tests[] = {
	{ "table_matches_schema", test_kinds__table_matches_schema },
	{ "names_follow_json", test_kinds__names_follow_json },
	{ "headers_are_generated", test_kinds__headers_are_generated },
	{ "wrong_kind_casts", test_kinds__wrong_kind_casts },
	{ "constructors", test_kinds__constructors },
	{ "free_leaves_manifest_objects", test_kinds__free_leaves_manifest_objects },
	{ "metadata_of_any_object", test_kinds__metadata_of_any_object },
	{ "absent_zero_false", test_kinds__absent_zero_false },
	{ "null_and_wrong_types", test_kinds__null_and_wrong_types },
	{ "enums", test_kinds__enums },
	{ "null_handles", test_kinds__null_handles },
	{ "fixture_kinds_and_casts", test_kinds__fixture_kinds_and_casts },
	{ "fixture_deployment", test_kinds__fixture_deployment },
	{ "fixture_service_ingress", test_kinds__fixture_service_ingress },
	{ "fixture_autoscaler", test_kinds__fixture_autoscaler },
	{ "fixture_edit_round_trip", test_kinds__fixture_edit_round_trip },
	{ "alloc_failure_constructors", test_kinds__alloc_failure_constructors },
	{ "alloc_failure_setters", test_kinds__alloc_failure_setters },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_kinds = { "kinds", NULL, NULL, NULL, NULL, tests };
