/* tests/unit/test_schema.c -- the generated schema tables (checked against
 * the swagger read independently with jansson, and by hand), the path
 * walker, and the checker on hand-built trees: every type rule, strict mode,
 * positions and paths in errors. */
#include "helpers.h"
#include "schema/schema.h"
#include "schema/check.h"
#include "schema/path.h"
#include "schema/path_int.h"
#include <jansson.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#define DEPLOY "io.k8s.api.apps.v1."
#define CORE "io.k8s.api.core.v1."
#define AS2 "io.k8s.api.autoscaling.v2."

/* ---- building trees ------------------------------------------------------------- */

/* JSON -> value tree (test helper, independent of the codecs): strings are
 * HPA__V_STR, integers HPA__V_INT, reals HPA__V_FLOAT, true/false HPA__V_BOOL. */
static hpa__value *from_json(hpa__arena *a, json_t *j)
{
	hpa__value *v = NULL;
	char buf[64];
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		const char *k;
		json_t *x;
		v = hpa__v_map(a);
		json_object_foreach(j, k, x) {
			hpa__value *kv = hpa__v_str(a, k), *xv = from_json(a, x);
			if (!v || !kv || !xv || hpa__map_append(v, kv, xv) < 0)
				return NULL;
		}
		break;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *x;
		v = hpa__v_seq(a);
		json_array_foreach(j, i, x) {
			hpa__value *xv = from_json(a, x);
			if (!v || !xv || hpa__seq_append(v, xv) < 0)
				return NULL;
		}
		break;
	}
	case JSON_STRING:
		v = hpa__v_scalar(a, HPA__V_STR, json_string_value(j), json_string_length(j));
		break;
	case JSON_INTEGER:
		v = hpa__v_int(a, (int64_t)json_integer_value(j));
		break;
	case JSON_REAL:
		snprintf(buf, sizeof(buf), "%.17g", json_real_value(j));
		v = hpa__v_scalar(a, HPA__V_FLOAT, buf, strlen(buf));
		break;
	case JSON_TRUE:
		v = hpa__v_bool(a, true);
		break;
	case JSON_FALSE:
		v = hpa__v_bool(a, false);
		break;
	case JSON_NULL:
		v = hpa__v_null(a);
		break;
	}
	return v;
}

typedef struct {
	hpa__arena arena;
	hpa_object obj;
} doc;

/* JSON with ' for " to keep the fixtures readable */
static hpa__value *tree(doc *d, const char *text)
{
	char *t = strdup(text);
	json_error_t je;
	json_t *j;
	hpa__value *v;
	for (char *p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	j = json_loads(t, JSON_PRESERVE_ORDER, &je);
	free(t);
	CU_ASSERT_PTR_NOT_NULL(j);
	if (!j)
		return NULL;
	v = from_json(&d->arena, j);
	json_decref(j);
	return v;
}

static void doc_init(doc *d, const char *text)
{
	memset(d, 0, sizeof(*d));
	hpa__arena_init(&d->arena, 4096);
	d->obj.arena = &d->arena;
	d->obj.root = tree(d, text);
}

static void doc_done(doc *d)
{
	hpa__arena_dispose(&d->arena);
}

/* replace the node at path with a raw scalar of the given kind/text */
static hpa__value *put_raw(doc *d, const char *path, hpa__vkind kind, const char *text)
{
	hpa__value *v = hpa__v_scalar(&d->arena, kind, text, strlen(text));
	CU_ASSERT_EQUAL(hpa__path_set(d->obj.root, path, v, NULL), 0);
	return v;
}

static int check(doc *d, unsigned int flags, hpa_error *e)
{
	hpa_error_init(e, HPA_ERROR_VERSION);
	return hpa__schema_check(&d->obj, flags, e);
}

static const char *DEPLOYMENT =
	"{'apiVersion':'apps/v1','kind':'Deployment',"
	"'metadata':{'name':'web','labels':{'app':'web','app.kubernetes.io/name':'web'}},"
	"'spec':{'replicas':3,'selector':{'matchLabels':{'app':'web'}},"
	"'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}},"
	"'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'web',"
	"'image':'nginx:1.27','imagePullPolicy':'IfNotPresent','ports':[{'containerPort':80,'protocol':'TCP'}],"
	"'resources':{'requests':{'cpu':'250m','memory':'64Mi'},'limits':{'cpu':1}}}]}}},"
	"'status':{'replicas':3,'conditions':[{'type':'Available','status':'True',"
	"'lastUpdateTime':'2026-07-15T10:00:00Z'}]}}";

/* ---- tables ----------------------------------------------------------------------- */

static const hpa__sfield *field(const char *obj, const char *name)
{
	const hpa__sobject *o = hpa__schema_object(obj);
	CU_ASSERT_PTR_NOT_NULL(o);
	return o ? hpa__schema_field(o, name, strlen(name)) : NULL;
}

static void test_schema__tables_by_hand(void)
{
	const hpa__sobject *o;
	const hpa__sfield *f;
	/* counts read from the swagger: 196 definitions with properties in the
	 * subset + 5 metrics.k8s.io ones (PodMetrics, PodMetricsList,
	 * ContainerMetrics, NodeMetrics, NodeMetricsList) */
	CU_ASSERT_EQUAL(hpa__schema_k8s.n_objects, 201);
	o = hpa__schema_object(DEPLOY "DeploymentSpec");
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	CU_ASSERT_EQUAL(o->n_fields, 8);
	CU_ASSERT_EQUAL(hpa__schema_object(AS2 "HorizontalPodAutoscalerSpec")->n_fields, 5);
	CU_ASSERT_EQUAL(hpa__schema_object(CORE "Container")->n_fields, 25);
	CU_ASSERT_EQUAL(hpa__schema_object(CORE "ServicePort")->n_fields, 6);
	CU_ASSERT_PTR_NULL(hpa__schema_object("io.k8s.api.apps.v1.NoSuch"));

	f = field(DEPLOY "DeploymentSpec", "replicas");
	CU_ASSERT(f && f->type->kind == HPA__T_INT32 && !f->required);
	f = field(DEPLOY "DeploymentSpec", "selector");
	CU_ASSERT(f && f->required && f->type->kind == HPA__T_OBJECT &&
		strcmp(f->type->obj->name, "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector") == 0);
	f = field(DEPLOY "DeploymentSpec", "template");
	CU_ASSERT(f && f->required);
	f = field(AS2 "HorizontalPodAutoscalerSpec", "maxReplicas");
	CU_ASSERT(f && f->required && f->type->kind == HPA__T_INT32);
	f = field(AS2 "MetricTarget", "averageValue");
	CU_ASSERT(f && f->type->kind == HPA__T_QUANTITY);
	f = field(AS2 "MetricTarget", "type");
	CU_ASSERT(f && f->required && f->type->kind == HPA__T_ENUM && f->type->n_enums == 3);
	f = field(CORE "ServicePort", "targetPort");
	CU_ASSERT(f && f->type->kind == HPA__T_INTSTR);
	f = field(CORE "ResourceRequirements", "limits");
	CU_ASSERT(f && f->type->kind == HPA__T_MAP && f->type->elem->kind == HPA__T_QUANTITY);
	f = field(CORE "Container", "ports");
	CU_ASSERT(f && f->type->kind == HPA__T_LIST && f->type->elem->kind == HPA__T_OBJECT);
	f = field(CORE "Container", "args");
	CU_ASSERT(f && f->type->kind == HPA__T_LIST && f->type->elem->kind == HPA__T_STRING);
	f = field(CORE "Container", "imagePullPolicy");
	CU_ASSERT(f && f->type->kind == HPA__T_ENUM && f->type->n_enums == 3);
	f = field("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp");
	CU_ASSERT(f && f->type->kind == HPA__T_TIME);
	f = field("io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry", "fieldsV1");
	CU_ASSERT(f && f->type->kind == HPA__T_ANY);
	f = field("io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics", "window");
	CU_ASSERT(f && f->required && f->type->kind == HPA__T_DURATION);
	f = field(CORE "PodSpec", "activeDeadlineSeconds");
	CU_ASSERT(f && f->type->kind == HPA__T_INT64);
	/* the four typed kinds and a few generic ones */
	CU_ASSERT_EQUAL(hpa__schema_kind_id("apps/v1", 7, "Deployment", 10), HPA_KIND_DEPLOYMENT);
	CU_ASSERT_EQUAL(hpa__schema_kind_id("v1", 2, "Service", 7), HPA_KIND_SERVICE);
	CU_ASSERT_EQUAL(hpa__schema_kind_id("networking.k8s.io/v1", 20, "Ingress", 7), HPA_KIND_INGRESS);
	CU_ASSERT_EQUAL(hpa__schema_kind_id("autoscaling/v2", 14, "HorizontalPodAutoscaler", 23), HPA_KIND_AUTOSCALER);
	CU_ASSERT_EQUAL(hpa__schema_kind_id("autoscaling/v1", 14, "HorizontalPodAutoscaler", 23), HPA_KIND_OTHER);
	CU_ASSERT_EQUAL(hpa__schema_kind_id("v1", 2, "Pod", 3), HPA_KIND_OTHER);
	CU_ASSERT_PTR_NOT_NULL(hpa__schema_kind("v1", 2, "Pod", 3));
	CU_ASSERT_PTR_NOT_NULL(hpa__schema_kind("metrics.k8s.io/v1beta1", 22, "PodMetrics", 10));
	CU_ASSERT_PTR_NOT_NULL(hpa__schema_kind("autoscaling/v1", 14, "Scale", 5));
	CU_ASSERT_PTR_NULL(hpa__schema_kind("v1", 2, "ConfigMap", 9));
}

/* Every property of every definition, read with jansson from the swagger. */
static int json_kind_matches(json_t *prop, const hpa__stype *t, json_t *defs, char *why, size_t wsz)
{
	json_t *ref = json_object_get(prop, "$ref");
	const char *type = json_string_value(json_object_get(prop, "type"));
	const char *fmt = json_string_value(json_object_get(prop, "format"));
	int want;
	if (ref) {
		const char *r = strrchr(json_string_value(ref), '/') + 1;
		json_t *d = json_object_get(defs, r);
		if (!strcmp(r, "io.k8s.apimachinery.pkg.api.resource.Quantity"))
			want = HPA__T_QUANTITY;
		else if (!strcmp(r, "io.k8s.apimachinery.pkg.util.intstr.IntOrString"))
			want = HPA__T_INTSTR;
		else if (!strcmp(r, "io.k8s.apimachinery.pkg.apis.meta.v1.Time"))
			want = HPA__T_TIME;
		else if (!strcmp(r, "io.k8s.apimachinery.pkg.apis.meta.v1.Duration"))
			want = HPA__T_DURATION;
		else if (!json_object_get(d, "properties"))
			want = HPA__T_ANY;
		else {
			if (t->kind != HPA__T_OBJECT || strcmp(t->obj->name, r) != 0) {
				snprintf(why, wsz, "object %s", r);
				return 0;
			}
			return 1;
		}
	} else if (!strcmp(type, "array")) {
		if (t->kind != HPA__T_LIST) {
			snprintf(why, wsz, "list");
			return 0;
		}
		return json_kind_matches(json_object_get(prop, "items"), t->elem, defs, why, wsz);
	} else if (!strcmp(type, "object")) {
		json_t *ap = json_object_get(prop, "additionalProperties");
		if (!ap)
			want = HPA__T_ANY;
		else {
			if (t->kind != HPA__T_MAP) {
				snprintf(why, wsz, "map");
				return 0;
			}
			return json_kind_matches(ap, t->elem, defs, why, wsz);
		}
	} else if (!strcmp(type, "integer"))
		want = fmt && !strcmp(fmt, "int32") ? HPA__T_INT32 : HPA__T_INT64;
	else if (!strcmp(type, "boolean"))
		want = HPA__T_BOOL;
	else if (!strcmp(type, "string"))
		want = fmt && !strcmp(fmt, "date-time") ? HPA__T_TIME :
			t->kind == HPA__T_ENUM ? HPA__T_ENUM : HPA__T_STRING;
	else {
		snprintf(why, wsz, "unexpected type %s", type);
		return 0;
	}
	if (t->kind != want) {
		snprintf(why, wsz, "kind %d, want %d", t->kind, want);
		return 0;
	}
	return 1;
}

static void test_schema__tables_match_swagger(void)
{
	static const char *const files[] = { "k8s-openapi/k8s-release-1.36-subset.swagger.json",
		"k8s-openapi/metrics.k8s.io-v1beta1.swagger.json" };
	json_t *defs = json_object();
	size_t nobj = 0, nfield = 0;
	const char *name;
	json_t *d;
	char path[1024];
	for (size_t i = 0; i < 2; i++) {
		json_t *sw;
		if (!th_shared_path(path, sizeof(path), files[i])) {
			json_decref(defs);
			return; /* shared material absent: skip */
		}
		sw = json_load_file(path, 0, NULL);
		CU_ASSERT_PTR_NOT_NULL(sw);
		if (!sw)
			continue;
		json_object_update(defs, json_object_get(sw, "definitions"));
		json_decref(sw);
	}
	json_object_foreach(defs, name, d) {
		json_t *props = json_object_get(d, "properties"), *req = json_object_get(d, "required");
		const hpa__sobject *o;
		const char *fname;
		json_t *p;
		if (!props)
			continue;
		nobj++;
		o = hpa__schema_object(name);
		CU_ASSERT_PTR_NOT_NULL(o);
		if (!o) {
			fprintf(stderr, "missing object %s\n", name);
			continue;
		}
		CU_ASSERT_EQUAL(o->n_fields, json_object_size(props));
		json_object_foreach(props, fname, p) {
			const hpa__sfield *f = hpa__schema_field(o, fname, strlen(fname));
			bool required = false;
			char why[200] = "";
			size_t i;
			json_t *r;
			nfield++;
			CU_ASSERT_PTR_NOT_NULL(f);
			if (!f)
				continue;
			json_array_foreach(req, i, r)
				if (!strcmp(json_string_value(r), fname))
					required = true;
			CU_ASSERT_EQUAL(f->required, required);
			if (!json_kind_matches(p, f->type, defs, why, sizeof(why))) {
				CU_FAIL("field type differs from the swagger");
				fprintf(stderr, "%s.%s: %s\n", name, fname, why);
			}
		}
	}
	CU_ASSERT_EQUAL(nobj, hpa__schema_k8s.n_objects);
	CU_ASSERT_EQUAL(nfield, hpa__schema_k8s.n_fields);
	json_decref(defs);
}

/* The committed schema file is what the generator makes from the swagger. */
static void test_schema__schema_file_is_current(void)
{
	char swagger[1024], cmd[4096], out[512];
	char *a, *b;
	size_t la = 0, lb = 0;
	if (!th_shared_path(swagger, sizeof(swagger), "k8s-openapi/k8s-release-1.36-subset.swagger.json"))
		return;
	snprintf(out, sizeof(out), "%s/tests/regen-%ld.schema", HPA_BINARY_DIR, (long)getpid());
	snprintf(cmd, sizeof(cmd), "%s %s/scripts/gen-schema -o %s %s", HPA_PYTHON, HPA_SOURCE_DIR, out, swagger);
	CU_ASSERT_EQUAL_FATAL(system(cmd), 0);
	a = th_read_file(out, &la);
	snprintf(cmd, sizeof(cmd), "%s/lib/schema/k8s-1.36.schema", HPA_SOURCE_DIR);
	b = th_read_file(cmd, &lb);
	CU_ASSERT(a && b && la == lb && memcmp(a, b, la) == 0);
	free(a);
	free(b);
	remove(out);
}

/* ---- path walker ------------------------------------------------------------------ */

static void test_schema__path_syntax(void)
{
	hpa__path_iter it;
	hpa__path_step st;
	static const char *const bad[] = { "a..b", "a.", "[x]", "a[1", "a[\"x]", "a[\"x\"", ".", "a.[0]", "a]b[", "a[-1]" };
	hpa__path_iter_init(&it, "spec.containers[12][\"app.kubernetes.io/name\"].x['q\\'s']");
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT(!st.is_index && st.klen == 4 && !memcmp(st.key, "spec", 4));
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT(!st.is_index && st.klen == 10);
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT(st.is_index && st.index == 12);
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT(!st.is_index && st.klen == 22 && !memcmp(st.key, "app.kubernetes.io/name", 22));
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT(st.klen == 1 && st.key[0] == 'x');
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT(st.klen == 3 && !memcmp(st.key, "q's", 3));
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 0);
	for (size_t i = 0; i < HPA__ARRAY_SIZE(bad); i++) {
		int r = 1;
		hpa__path_iter_init(&it, bad[i]);
		while (r == 1)
			r = hpa__path_next(&it, &st);
		CU_ASSERT_EQUAL(r, HPA_EINVAL);
		if (r != HPA_EINVAL)
			fprintf(stderr, "accepted bad path %s\n", bad[i]);
	}
	/* ']' inside a plain key is allowed: only '.' and '[' end a key */
	hpa__path_iter_init(&it, "a]b");
	CU_ASSERT_EQUAL(hpa__path_next(&it, &st), 1);
	CU_ASSERT_EQUAL(st.klen, 3);
}

static void test_schema__path_get_set_clear(void)
{
	doc d;
	hpa_error e = HPA_ERROR_INIT;
	hpa__value *v;
	doc_init(&d, DEPLOYMENT);
	v = hpa__path_get(d.obj.root, "spec.template.spec.containers[0].image");
	CU_ASSERT(v && hpa__v_text_eq(v, "nginx:1.27"));
	CU_ASSERT(hpa__v_text_eq(hpa__path_get(d.obj.root, "metadata.labels[\"app.kubernetes.io/name\"]"), "web"));
	CU_ASSERT_PTR_EQUAL(hpa__path_get(d.obj.root, ""), d.obj.root);
	CU_ASSERT_PTR_NULL(hpa__path_get(d.obj.root, "spec.template.spec.containers[1]"));
	CU_ASSERT_PTR_NULL(hpa__path_get(d.obj.root, "spec.replicas.x"));
	CU_ASSERT_PTR_NULL(hpa__path_get(d.obj.root, "spec[0]"));
	CU_ASSERT_PTR_NULL(hpa__path_get(d.obj.root, "spec..replicas"));

	/* set: replace in place (order kept), create maps and lists on the way */
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "spec.replicas", hpa__v_int(&d.arena, 5), &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa__v_text(hpa__map_key(d.obj.root, 3)), "spec");
	CU_ASSERT(hpa__v_text_eq(hpa__map_val(hpa__map_val(d.obj.root, 3), 0), "5"));
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "a.b[0].c", hpa__v_str(&d.arena, "x"), &e), 0);
	CU_ASSERT(hpa__v_text_eq(hpa__path_get(d.obj.root, "a.b[0].c"), "x"));
	CU_ASSERT_EQUAL(hpa__path_get(d.obj.root, "a.b")->kind, HPA__V_SEQ);
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "a.b[1]", hpa__v_str(&d.arena, "y"), &e), 0);
	CU_ASSERT_EQUAL(hpa__v_count(hpa__path_get(d.obj.root, "a.b")), 2);
	/* past the end, through a scalar, new list not at 0, malformed */
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "a.b[3]", hpa__v_str(&d.arena, "z"), &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(e.path, "a.b[3]");
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "spec.replicas.x", hpa__v_str(&d.arena, "z"), &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "q.r[1]", hpa__v_str(&d.arena, "z"), &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(hpa__map_get(d.obj.root, "q")); /* nothing half-built was attached */
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "q..r", hpa__v_str(&d.arena, "z"), &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "", hpa__v_str(&d.arena, "z"), &e), HPA_EINVAL);
	/* a null on the way counts as absent */
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "n", hpa__v_null(&d.arena), &e), 0);
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "n.m", hpa__v_int(&d.arena, 1), &e), 0);
	CU_ASSERT(hpa__v_text_eq(hpa__path_get(d.obj.root, "n.m"), "1"));
	/* quoted keys are created unescaped */
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "metadata.annotations[\"a.b/c\\\"d\"]", hpa__v_str(&d.arena, "v"), &e), 0);
	CU_ASSERT_PTR_NOT_NULL(hpa__map_get(hpa__path_get(d.obj.root, "metadata.annotations"), "a.b/c\"d"));

	/* clear */
	CU_ASSERT(hpa__path_clear(d.obj.root, "a.b[0]"));
	CU_ASSERT(hpa__v_text_eq(hpa__path_get(d.obj.root, "a.b[0]"), "y"));
	CU_ASSERT(hpa__path_clear(d.obj.root, "metadata.labels[\"app.kubernetes.io/name\"]"));
	CU_ASSERT_EQUAL(hpa__v_count(hpa__path_get(d.obj.root, "metadata.labels")), 1);
	CU_ASSERT(!hpa__path_clear(d.obj.root, "metadata.labels.nope"));
	CU_ASSERT(!hpa__path_clear(d.obj.root, "nope.nope"));
	CU_ASSERT(!hpa__path_clear(d.obj.root, "a.b[5]"));
	CU_ASSERT(!hpa__path_clear(d.obj.root, ""));
	doc_done(&d);
}

static void test_schema__path_push(void)
{
	hpa__buf b = HPA__BUF_INIT;
	CU_ASSERT_EQUAL(hpa__path_push_key(&b, "spec", 4), 0);
	CU_ASSERT_EQUAL(hpa__path_push_key(&b, "containers", 10), 0);
	CU_ASSERT_EQUAL(hpa__path_push_index(&b, 3), 0);
	CU_ASSERT_EQUAL(hpa__path_push_key(&b, "image", 5), 0);
	CU_ASSERT_EQUAL(hpa__path_push_key(&b, "app.kubernetes.io/\"x\"", 21), 0);
	CU_ASSERT_STRING_EQUAL(b.ptr, "spec.containers[3].image[\"app.kubernetes.io/\\\"x\\\"\"]");
	/* what push writes, the walker reads back */
	{
		hpa__path_iter it;
		hpa__path_step st;
		int n = 0, r;
		hpa__path_iter_init(&it, b.ptr);
		while ((r = hpa__path_next(&it, &st)) == 1)
			n++;
		CU_ASSERT_EQUAL(r, 0);
		CU_ASSERT_EQUAL(n, 5);
		CU_ASSERT(st.klen == 21 && memcmp(st.key, "app.kubernetes.io/\"x\"", 21) == 0);
	}
	hpa__buf_dispose(&b);
}

/* ---- checker ------------------------------------------------------------------------- */

static void test_schema__valid_documents(void)
{
	doc d;
	hpa_error e;
	doc_init(&d, DEPLOYMENT);
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), 0);
	CU_ASSERT_EQUAL(d.obj.kind, HPA_KIND_DEPLOYMENT);
	doc_done(&d);

	doc_init(&d, "{'apiVersion':'v1','kind':'Service','metadata':{'name':'web'},'spec':{'type':'ClusterIP',"
		"'selector':{'app':'web'},'ports':[{'name':'http','port':80,'targetPort':'http'},{'port':443,'targetPort':8443}]}}");
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), 0);
	CU_ASSERT_EQUAL(d.obj.kind, HPA_KIND_SERVICE);
	doc_done(&d);

	doc_init(&d, "{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','metadata':{'name':'gw'},'spec':{"
		"'ingressClassName':'nginx','rules':[{'host':'a.example','http':{'paths':[{'path':'/','pathType':'Prefix',"
		"'backend':{'service':{'name':'web','port':{'number':80}}}}]}}]}}");
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), 0);
	CU_ASSERT_EQUAL(d.obj.kind, HPA_KIND_INGRESS);
	doc_done(&d);

	doc_init(&d, "{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'h'},'spec':{"
		"'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment','name':'web'},'minReplicas':1,'maxReplicas':10,"
		"'metrics':[{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':50}}},"
		"{'type':'Pods','pods':{'metric':{'name':'rps'},'target':{'type':'AverageValue','averageValue':'1k'}}}],"
		"'behavior':{'scaleDown':{'stabilizationWindowSeconds':300,'policies':[{'type':'Percent','value':10,'periodSeconds':60}]}}},"
		"'status':{'currentReplicas':2,'desiredReplicas':3,'lastScaleTime':'2026-01-02T03:04:05.123+01:00',"
		"'currentMetrics':[{'type':'Resource','resource':{'name':'cpu','current':{'averageUtilization':61,'averageValue':'305m'}}}]}}");
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), 0);
	CU_ASSERT_EQUAL(d.obj.kind, HPA_KIND_AUTOSCALER);
	doc_done(&d);
}

static void test_schema__generic_kinds_unchecked(void)
{
	static const char *const docs[] = {
		"{'apiVersion':'v1','kind':'ConfigMap','data':{'a':1},'binaryData':true,'x':[1,2]}",
		"{'apiVersion':'policy/v1','kind':'PodDisruptionBudget','spec':{'minAvailable':'x','foo':1}}",
		"{'apiVersion':'v1','kind':'Pod','spec':{'containers':'not a list'}}",
		"{'apiVersion':'apps/v1beta1','kind':'Deployment','spec':{'replicas':'three'}}",
		"{'apiVersion':'v1','kind':'List','items':[{'apiVersion':'apps/v1','kind':'Deployment','spec':{'replicas':'x'}}]}",
		"{'apiVersion':'example.com/v1','kind':'Widget','spec':{'replicas':'x'}}",
		"{'kind':'Deployment','spec':{'replicas':'x'}}",
		"{'apiVersion':'apps/v1','kind':7,'spec':{'replicas':'x'}}",
		"[1,2,3]",
		"{}",
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(docs); i++) {
		doc d;
		hpa_error e;
		doc_init(&d, docs[i]);
		CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), 0);
		CU_ASSERT_EQUAL(d.obj.kind, HPA_KIND_OTHER);
		doc_done(&d);
	}
}

/* Build a Deployment, replace `path` with a raw scalar and check. */
static void expect(const char *path, hpa__vkind kind, const char *text, int code,
	const char *msg, const char *epath)
{
	doc d;
	hpa_error e;
	hpa__value *v;
	int rc;
	doc_init(&d, DEPLOYMENT);
	v = put_raw(&d, path, kind, text);
	/* the tree holds a copy of v: set the position there */
	v = hpa__path_get(d.obj.root, path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	hpa__v_set_pos(v, 14, 17, 300);
	rc = check(&d, 0, &e);
	CU_ASSERT_EQUAL(rc, code);
	if (rc != code)
		fprintf(stderr, "%s=%s: got %d (%s)\n", path, text, rc, e.message);
	if (code) {
		if (msg)
			CU_ASSERT_STRING_EQUAL(e.message, msg);
		CU_ASSERT_STRING_EQUAL(e.path, epath ? epath : path);
		TH_ASSERT_ERR(e, code, 14, 17);
		CU_ASSERT_EQUAL(e.offset, SIZE_MAX);  /* nodes keep no byte offset */
	}
	doc_done(&d);
}

static void test_schema__int_rules(void)
{
	expect("spec.replicas", HPA__V_STR, "3", HPA_ETYPE, "expected int32, got string \"3\"", NULL);
	expect("spec.replicas", HPA__V_STR, "three", HPA_ETYPE, "expected int32, got string \"three\"", NULL);
	expect("spec.replicas", HPA__V_INT, "2147483647", 0, NULL, NULL);
	expect("spec.replicas", HPA__V_INT, "-2147483648", 0, NULL, NULL);
	expect("spec.replicas", HPA__V_INT, "0x10", 0, NULL, NULL);
	expect("spec.replicas", HPA__V_INT, "2147483648", HPA_ERANGE,
		"integer 2147483648 is out of range for int32", NULL);
	expect("spec.replicas", HPA__V_INT, "-2147483649", HPA_ERANGE, NULL, NULL);
	expect("spec.replicas", HPA__V_INT, "99999999999999999999", HPA_ERANGE, NULL, NULL);
	expect("spec.replicas", HPA__V_FLOAT, "1.5", HPA_ERANGE,
		"expected int32, got number 1.5 (not an integer)", NULL);
	expect("spec.replicas", HPA__V_BOOL, "true", HPA_ETYPE, "expected int32, got boolean true", NULL);
	expect("spec.replicas", HPA__V_NULL, "null", 0, NULL, NULL);   /* null = unset */
	/* int64 fields take the whole int64 range */
	expect("spec.template.spec.activeDeadlineSeconds", HPA__V_INT, "9223372036854775807", 0, NULL, NULL);
	expect("spec.template.spec.activeDeadlineSeconds", HPA__V_INT, "9223372036854775808", HPA_ERANGE,
		NULL, NULL);
	expect("spec.template.spec.activeDeadlineSeconds", HPA__V_STR, "5", HPA_ETYPE,
		"expected int64, got string \"5\"", NULL);
	expect("spec.template.spec.containers[0].ports[0].containerPort", HPA__V_STR, "80", HPA_ETYPE,
		"expected int32, got string \"80\"", NULL);
}

static void test_schema__string_and_bool_rules(void)
{
	expect("spec.template.spec.containers[0].name", HPA__V_BOOL, "yes", HPA_ETYPE,
		"expected string, got boolean yes (YAML 1.1 reads unquoted yes/no/on/off as booleans; quote it)", NULL);
	expect("metadata.labels.app", HPA__V_BOOL, "on", HPA_ETYPE,
		"expected string, got boolean on (YAML 1.1 reads unquoted yes/no/on/off as booleans; quote it)", NULL);
	expect("metadata.name", HPA__V_BOOL, "true", HPA_ETYPE,
		"expected string, got boolean true (quote it to make it a string)", NULL);
	expect("spec.template.spec.containers[0].image", HPA__V_INT, "80", HPA_ETYPE,
		"expected string, got integer 80", NULL);
	expect("spec.template.spec.containers[0].image", HPA__V_FLOAT, "1.27", HPA_ETYPE,
		"expected string, got number 1.27", NULL);
	expect("metadata.labels[\"app.kubernetes.io/name\"]", HPA__V_INT, "5", HPA_ETYPE,
		"expected string, got integer 5", NULL);
	expect("spec.paused", HPA__V_BOOL, "false", 0, NULL, NULL);
	expect("spec.paused", HPA__V_BOOL, "yes", 0, NULL, NULL);  /* a YAML 1.1 boolean is a boolean */
	expect("spec.paused", HPA__V_STR, "true", HPA_ETYPE, "expected boolean, got string \"true\"", NULL);
	expect("spec.paused", HPA__V_INT, "1", HPA_ETYPE, "expected boolean, got integer 1", NULL);
	/* enums keep unknown values verbatim */
	expect("spec.template.spec.containers[0].imagePullPolicy", HPA__V_STR, "Sometimes", 0, NULL, NULL);
	expect("spec.strategy.type", HPA__V_INT, "1", HPA_ETYPE, "expected string, got integer 1", NULL);
}

static void test_schema__special_scalars(void)
{
	/* int-or-string */
	expect("spec.strategy.rollingUpdate.maxSurge", HPA__V_INT, "2", 0, NULL, NULL);
	expect("spec.strategy.rollingUpdate.maxSurge", HPA__V_STR, "30%", 0, NULL, NULL);
	expect("spec.strategy.rollingUpdate.maxSurge", HPA__V_BOOL, "no", HPA_ETYPE,
		"expected int-or-string, got boolean no (YAML 1.1 reads unquoted yes/no/on/off as booleans; quote it)", NULL);
	expect("spec.strategy.rollingUpdate.maxSurge", HPA__V_INT, "4294967296", HPA_ERANGE, NULL, NULL);
	expect("spec.strategy.rollingUpdate.maxSurge", HPA__V_FLOAT, "0.5", HPA_ERANGE, NULL, NULL);
	/* quantity: strings and numbers */
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_FLOAT, "0.5", 0, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_STR, "500m", 0, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_INT, "2", 0, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_BOOL, "true", HPA_ETYPE, NULL, NULL);
	/* quantity syntax (the README's negative example: cpu: "200 m") */
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_STR, "200 m", HPA_ETYPE, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_STR, "1.5Gi", 0, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_STR, "1e3", 0, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_STR, "12Q", HPA_ETYPE, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_FLOAT, ".inf", HPA_ETYPE, NULL, NULL);
	expect("spec.template.spec.containers[0].resources.limits.cpu", HPA__V_STR, "", HPA_ETYPE, NULL, NULL);
	{
		doc d;
		hpa_error e;
		doc_init(&d, DEPLOYMENT);
		put_raw(&d, "spec.template.spec.containers[0].resources.requests.memory", HPA__V_STR, "64 Mi");
		CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
		CU_ASSERT_EQUAL(strncmp(e.message, "expected quantity, got string \"64 Mi\" (", 39), 0);
		CU_ASSERT_STRING_EQUAL(e.path, "spec.template.spec.containers[0].resources.requests.memory");
		doc_done(&d);
	}
	/* time */
	expect("status.conditions[0].lastUpdateTime", HPA__V_STR, "2026-07-15T10:00:00.5-07:00", 0, NULL, NULL);
	expect("status.conditions[0].lastUpdateTime", HPA__V_STR, "yesterday", HPA_ETYPE,
		"expected RFC 3339 time, got string \"yesterday\"", NULL);
	expect("status.conditions[0].lastUpdateTime", HPA__V_STR, "2026-02-30T10:00:00Z", HPA_ETYPE, NULL, NULL);
	expect("status.conditions[0].lastUpdateTime", HPA__V_STR, "2026-07-15 10:00:00", HPA_ETYPE, NULL, NULL);
	expect("status.conditions[0].lastUpdateTime", HPA__V_INT, "1700000000", HPA_ETYPE, NULL, NULL);
	/* managedFields[].fieldsV1 is free-form */
	expect("metadata.managedFields[0].fieldsV1", HPA__V_INT, "1", 0, NULL, NULL);
}

static void test_schema__structure_rules(void)
{
	doc d;
	hpa_error e;
	hpa__value *v;
	/* a scalar where an object / list / map is required */
	expect("spec.template.spec", HPA__V_STR, "x", HPA_ETYPE, "expected object, got string \"x\"", NULL);
	expect("spec.template.spec.containers", HPA__V_STR, "x", HPA_ETYPE, "expected list, got string \"x\"", NULL);
	expect("metadata.labels", HPA__V_STR, "app=web", HPA_ETYPE, "expected map, got string \"app=web\"", NULL);
	expect("spec.template.spec.containers[0].args", HPA__V_STR, "--x", HPA_ETYPE, NULL, NULL);
	/* a list where an object is required */
	doc_init(&d, DEPLOYMENT);
	v = hpa__v_seq(&d.arena);
	hpa__v_set_pos(v, 7, 3, 99);   /* before: the tree holds a copy */
	hpa__path_set(d.obj.root, "spec.selector", v, NULL);
	CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.message, "expected object, got list");
	CU_ASSERT_STRING_EQUAL(e.path, "spec.selector");
	TH_ASSERT_ERR(e, HPA_ETYPE, 7, 3);
	doc_done(&d);
	/* a long string is cut in the message, on a character boundary */
	doc_init(&d, DEPLOYMENT);
	put_raw(&d, "spec.replicas", HPA__V_STR, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9x");
	CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.message, "expected int32, got string \""
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...\"");
	doc_done(&d);
	doc_init(&d, DEPLOYMENT);
	put_raw(&d, "spec.replicas", HPA__V_STR, "a\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9");
	CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.message, "expected int32, got string \"a"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...\"");
	doc_done(&d);
	/* the first error in document order is reported */
	doc_init(&d, DEPLOYMENT);
	put_raw(&d, "metadata.name", HPA__V_INT, "1");
	put_raw(&d, "spec.replicas", HPA__V_STR, "x");
	CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "metadata.name");
	doc_done(&d);
	/* HPA and Ingress paths */
	doc_init(&d, "{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','spec':{'maxReplicas':3,"
		"'metrics':[{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':'20%'}}}]}}");
	CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.metrics[0].resource.target.averageUtilization");
	CU_ASSERT_STRING_EQUAL(e.message, "expected int32, got string \"20%\"");
	doc_done(&d);
	doc_init(&d, "{'apiVersion':'networking.k8s.io/v1','kind':'Ingress','spec':{'rules':[{'http':{'paths':["
		"{'path':'/','pathType':'Prefix','backend':{'service':{'name':'w','port':{'number':'80'}}}}]}}]}}");
	CU_ASSERT_EQUAL(check(&d, 0, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.rules[0].http.paths[0].backend.service.port.number");
	doc_done(&d);
}

static void test_schema__unknown_fields(void)
{
	doc d;
	hpa_error e;
	hpa__value *k;
	doc_init(&d, DEPLOYMENT);
	CU_ASSERT_EQUAL(hpa__path_set(d.obj.root, "spec.template.spec.containers[0].imagePolicy",
		hpa__v_str(&d.arena, "Always"), NULL), 0);
	/* the key node carries the position of an unknown field */
	k = hpa__map_key(hpa__path_get(d.obj.root, "spec.template.spec.containers[0]"), 5);
	CU_ASSERT_STRING_EQUAL(hpa__v_text(k), "imagePolicy");
	hpa__v_set_pos(k, 21, 9, 512);
	CU_ASSERT_EQUAL(check(&d, 0, &e), 0);               /* lax: kept silently */
	CU_ASSERT_PTR_NOT_NULL(hpa__path_get(d.obj.root, "spec.template.spec.containers[0].imagePolicy"));
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.template.spec.containers[0].imagePolicy");
	CU_ASSERT_STRING_EQUAL(e.message, "unknown field \"imagePolicy\"");
	TH_ASSERT_ERR(e, HPA_EUNKNOWNFIELD, 21, 9);
	CU_ASSERT_EQUAL(e.offset, SIZE_MAX);  /* nodes keep no byte offset */
	doc_done(&d);
	/* map keys are never unknown; a type error inside an unknown field is not looked at */
	doc_init(&d, DEPLOYMENT);
	hpa__path_set(d.obj.root, "metadata.labels[\"any.key/x\"]", hpa__v_str(&d.arena, "v"), NULL);
	hpa__path_set(d.obj.root, "spec.extra.replicas", hpa__v_str(&d.arena, "x"), NULL);
	CU_ASSERT_EQUAL(check(&d, 0, &e), 0);
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.extra");
	doc_done(&d);
	/* an odd key is written in brackets in the path */
	doc_init(&d, DEPLOYMENT);
	hpa__path_set(d.obj.root, "spec[\"a.b\"]", hpa__v_str(&d.arena, "v"), NULL);
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.path, "spec[\"a.b\"]");
	doc_done(&d);
}

static void test_schema__required_fields(void)
{
	doc d;
	hpa_error e = HPA_ERROR_INIT;
	hpa__value *spec;
	doc_init(&d, DEPLOYMENT);
	CU_ASSERT_EQUAL(check(&d, 0, &e), 0);
	CU_ASSERT_EQUAL(hpa__schema_check_required(&d.obj, &e), 0);
	/* DeploymentSpec requires selector and template (swagger "required") */
	spec = hpa__path_get(d.obj.root, "spec");
	hpa__v_set_pos(spec, 5, 1, 60);
	CU_ASSERT(hpa__path_clear(d.obj.root, "spec.selector"));
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), 0);   /* not a parse error */
	CU_ASSERT_EQUAL(hpa__schema_check_required(&d.obj, &e), HPA_EMISSING);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.selector");
	CU_ASSERT_STRING_EQUAL(e.message, "missing required field \"selector\"");
	TH_ASSERT_ERR(e, HPA_EMISSING, 5, 1);
	doc_done(&d);
	/* Container.name, deep in the template; null counts as missing */
	doc_init(&d, DEPLOYMENT);
	put_raw(&d, "spec.template.spec.containers[0].name", HPA__V_NULL, "null");
	CU_ASSERT_EQUAL(hpa__schema_check_required(&d.obj, &e), HPA_EMISSING);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.template.spec.containers[0].name");
	doc_done(&d);
	/* HPA: scaleTargetRef and maxReplicas */
	doc_init(&d, "{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','spec':{'maxReplicas':3}}");
	CU_ASSERT_EQUAL(check(&d, 0, &e), 0);
	CU_ASSERT_EQUAL(hpa__schema_check_required(&d.obj, &e), HPA_EMISSING);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.scaleTargetRef");
	doc_done(&d);
	/* type errors are still reported; generic objects pass */
	doc_init(&d, "{'apiVersion':'v1','kind':'ConfigMap'}");
	CU_ASSERT_EQUAL(check(&d, 0, &e), 0);
	CU_ASSERT_EQUAL(hpa__schema_check_required(&d.obj, &e), 0);
	doc_done(&d);
}

static void test_schema__resolve(void)
{
	const hpa__stype *root = hpa__schema_root(HPA_KIND_DEPLOYMENT), *t;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "spec.template.spec.containers[0].resources.limits.cpu", &t, &e), 0);
	CU_ASSERT(t && t->kind == HPA__T_QUANTITY);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "metadata.labels[\"a.b/c\"]", &t, &e), 0);
	CU_ASSERT(t && t->kind == HPA__T_STRING);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "", &t, &e), 0);
	CU_ASSERT_PTR_EQUAL(t, root);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "metadata.managedFields[0].fieldsV1.f:a.b[3]", &t, &e), 0);
	CU_ASSERT(t && t->kind == HPA__T_ANY);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "spec.replica", &t, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replica");
	CU_ASSERT_STRING_EQUAL(e.message, "unknown field \"replica\"");
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "spec.replicas.x", &t, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "spec[0]", &t, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa__schema_resolve(root, "spec..x", &t, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa__schema_resolve(NULL, "any.thing[2]", &t, &e), 0);
	CU_ASSERT_PTR_NULL(t);
	CU_ASSERT_EQUAL(hpa__schema_resolve(NULL, "any..thing", &t, &e), HPA_EINVAL);
}

static void test_schema__rfc3339(void)
{
	/* metav1.Time decodes with Go's time.Parse(time.RFC3339): its parser
	 * (time/format_rfc3339.go, parseRFC3339) takes seconds 0..59 and the
	 * 'T' separator, so a leap second and RFC 3339's space (section 5.6
	 * NOTE) are refused; until session 10 this check accepted both */
	static const char *const good[] = { "2026-07-15T10:00:00Z", "2026-07-15t10:00:00z",
		"2024-02-29T23:59:59Z", "2026-07-15T10:00:00.123456789+05:30", "0001-01-01T00:00:00Z" };
	static const char *const bad[] = { "2024-02-29T23:59:60Z", "2026-07-15 10:00:00Z",
		"2026-07-15", "2026-07-15T10:00:00", "2023-02-29T00:00:00Z",
		"2026-13-01T00:00:00Z", "2026-07-15T24:00:00Z", "2026-07-15T10:00:00.Z", "2026-07-15T10:00:00+0530",
		"2026-07-15T10:00:00Zjunk", "2026-7-15T10:00:00Z", "" };
	for (size_t i = 0; i < HPA__ARRAY_SIZE(good); i++)
		CU_ASSERT(hpa__schema_is_rfc3339(good[i], strlen(good[i])));
	for (size_t i = 0; i < HPA__ARRAY_SIZE(bad); i++)
		CU_ASSERT(!hpa__schema_is_rfc3339(bad[i], strlen(bad[i])));
}

static void test_schema__checker_does_not_allocate(void)
{
	doc d;
	hpa_error e;
	doc_init(&d, DEPLOYMENT);
	put_raw(&d, "spec.template.spec.containers[0].ports[0].containerPort", HPA__V_STR, "x");
	hpa__test_fail_alloc_at(0);
	CU_ASSERT_EQUAL(check(&d, HPA__CHECK_STRICT, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(hpa__test_alloc_count(), 0);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.template.spec.containers[0].ports[0].containerPort");
	doc_done(&d);
}

static void test_schema__explain(void)
{
	const hpa_schema_field *f = NULL, *sub;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_name(f), "Deployment");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "Deployment");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_description(f),
		"Deployment enables declarative updates for Pods and ReplicaSets.");
	CU_ASSERT_EQUAL(hpa_schema_field_count(f), 5);   /* apiVersion kind metadata spec status */
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "spec.replicas", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "integer");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_schema_type(f), "int32");
	CU_ASSERT(!hpa_schema_field_required(f));
	CU_ASSERT_EQUAL(strncmp(hpa_schema_field_description(f), "Number of desired pods.", 23), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_definition(f), "");
	CU_ASSERT_EQUAL(hpa_schema_field_count(f), 0);
	CU_ASSERT_PTR_NULL(hpa_schema_field_at(f, 0));
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "spec.template.spec.containers", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "[]Container");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_schema_type(f), "list<object:io.k8s.api.core.v1.Container>");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_definition(f), "io.k8s.api.core.v1.Container");
	CU_ASSERT(hpa_schema_field_required(f));
	CU_ASSERT_EQUAL(hpa_schema_field_count(f), 25);
	sub = hpa_schema_field_at(f, 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_name(sub), "args");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_name(hpa_schema_field_at(f, 24)), "workingDir");
	CU_ASSERT_PTR_NULL(hpa_schema_field_at(f, 25));
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment",
		"spec.template.spec.containers.imagePullPolicy", &e), 0);
	CU_ASSERT_EQUAL(hpa_schema_field_enum_count(f), 3);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_enum_at(f, 0), "Always");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_enum_at(f, 1), "Never");
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_enum_at(f, 2), "IfNotPresent");
	CU_ASSERT_PTR_NULL(hpa_schema_field_enum_at(f, 3));
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment",
		"spec.template.spec.containers[0].resources.limits", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "map[string]Quantity");
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "v1", "Pod", "spec.containers[0].name", &e), 0);
	CU_ASSERT(hpa_schema_field_required(f));
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "metrics.k8s.io/v1beta1", "PodMetrics", "window", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "Duration");
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "autoscaling/v1", "Scale", "spec.replicas", &e), 0);
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "autoscaling/v2", "HorizontalPodAutoscaler",
		"spec.metrics.resource.target.averageValue", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "Quantity");
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "v1", "Service", "spec.ports.targetPort", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_type(f), "IntOrString");
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "v1", "ConfigMap", "", &e), HPA_EUNSUPPORTED);
	CU_ASSERT_PTR_NULL(f);
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "spec.nope", &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.message, "field \"nope\" does not exist in DeploymentSpec");
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "spec.replicas.x", &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "spec[0]", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, "apps/v1", "Deployment", "spec..x", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_schema_lookup(NULL, "apps/v1", "Deployment", "", &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(hpa_schema_field_name(NULL), "");
	CU_ASSERT_EQUAL(hpa_schema_field_count(NULL), 0);
	/* any version, any case */
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, NULL, "horizontalpodautoscaler", "spec.maxReplicas", &e), 0);
	CU_ASSERT(hpa_schema_field_required(f));
	CU_ASSERT_EQUAL(hpa_schema_lookup(&f, NULL, "deploymen", "", &e), HPA_EUNSUPPORTED);
	/* the kinds: the 12 roots of the subset command in shared/k8s-openapi/README.md
	 * (Deployment, Service, Ingress, HPA, Pod and their Lists, Scale, Status) and the 4
	 * metrics.k8s.io kinds (PodMetrics, NodeMetrics and their Lists) */
	CU_ASSERT_EQUAL(hpa_schema_kind_count(), 16);
	{
		size_t typed = 0;
		const char *av, *k;
		hpa_kind t;
		for (size_t i = 0; hpa_schema_kind_at(i, &av, &k, &t) == 0; i++)
			if (t != HPA_KIND_OTHER)
				typed++;
		CU_ASSERT_EQUAL(typed, 4);
		CU_ASSERT_EQUAL(hpa_schema_kind_at(16, &av, &k, &t), HPA_ENOTFOUND);
	}
}

/* Through the YAML reader: positions are the source's (1-based line/column). */
static void test_schema__errors_from_yaml(void)
{
	static const char *const y1 =
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"metadata:\n"
		"  name: web\n"
		"spec:\n"
		"  replicas: \"3\"\n";
	static const char *const y2 =
		"kind: ConfigMap\n"
		"apiVersion: v1\n"
		"data: {a: 1}\n"
		"---\n"
		"apiVersion: v1\n"
		"kind: Service\n"
		"spec:\n"
		"  ports:\n"
		"  - port: 80\n"
		"    targetPort: http\n"
		"    protocoll: TCP\n";
	static const char *const y3 =
		"apiVersion: apps/v1\n"
		"kind: Deployment\n"
		"spec:\n"
		"  template:\n"
		"    spec:\n"
		"      containers:\n"
		"      - name: on\n";
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	hpa_parse_options strict = HPA_PARSE_OPTIONS_INIT;
	strict.flags = HPA_PARSE_STRICT;

	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y1, strlen(y1), NULL, &e), HPA_ETYPE);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.replicas");
	CU_ASSERT_STRING_EQUAL(e.message, "expected int32, got string \"3\"");
	TH_ASSERT_ERR(e, HPA_ETYPE, 6, 13);
	CU_ASSERT_EQUAL(e.offset, (size_t)(strstr(y1, "\"3\"") - y1));

	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y2, strlen(y2), NULL, &e), 0);
	CU_ASSERT_EQUAL(hpa_object_kind(hpa_manifest_at(m, 0)), HPA_KIND_OTHER);
	CU_ASSERT_EQUAL(hpa_object_kind(hpa_manifest_at(m, 1)), HPA_KIND_SERVICE);
	CU_ASSERT(hpa_object_has(hpa_manifest_at(m, 1), "spec.ports[0].protocoll"));  /* kept */
	hpa_manifest_free(m);
	m = NULL;
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y2, strlen(y2), &strict, &e), HPA_EUNKNOWNFIELD);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.ports[0].protocoll");
	TH_ASSERT_ERR(e, HPA_EUNKNOWNFIELD, 11, 5);
	CU_ASSERT_EQUAL(e.document, 1);

	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y3, strlen(y3), NULL, &e), HPA_ETYPE);
	CU_ASSERT_STRING_EQUAL(e.path, "spec.template.spec.containers[0].name");
	CU_ASSERT_STRING_EQUAL(e.message, "expected string, got boolean on "
		"(YAML 1.1 reads unquoted yes/no/on/off as booleans; quote it)");
	TH_ASSERT_ERR(e, HPA_ETYPE, 7, 15);
	hpa_manifest_free(m);
}

static CU_TestInfo tests[] = {
	{ "tables_by_hand", test_schema__tables_by_hand },
	{ "tables_match_swagger", test_schema__tables_match_swagger },
	{ "schema_file_is_current", test_schema__schema_file_is_current },
	{ "path_syntax", test_schema__path_syntax },
	{ "path_get_set_clear", test_schema__path_get_set_clear },
	{ "path_push", test_schema__path_push },
	{ "valid_documents", test_schema__valid_documents },
	{ "generic_kinds_unchecked", test_schema__generic_kinds_unchecked },
	{ "int_rules", test_schema__int_rules },
	{ "string_and_bool_rules", test_schema__string_and_bool_rules },
	{ "special_scalars", test_schema__special_scalars },
	{ "structure_rules", test_schema__structure_rules },
	{ "unknown_fields", test_schema__unknown_fields },
	{ "required_fields", test_schema__required_fields },
	{ "resolve", test_schema__resolve },
	{ "rfc3339", test_schema__rfc3339 },
	{ "checker_does_not_allocate", test_schema__checker_does_not_allocate },
	{ "explain", test_schema__explain },
	{ "errors_from_yaml", test_schema__errors_from_yaml },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_schema = { "schema", NULL, NULL, NULL, NULL, tests };
