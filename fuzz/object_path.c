/*
 * fuzz/object_path.c -- libFuzzer target for the path API of hpa/object.h
 * (field paths such as `spec.metrics[0].resource.name` or
 * `metadata.labels["app.kubernetes.io/name"]`, and the typed get/set/clear
 * calls behind them).
 *
 * The input is lines. The first byte of the first line picks the object:
 * one of the four typed kinds (a small valid object each) or a generic
 * object. Every other line is an operation: its first character says which
 * (s string, i int64, n int32, b bool, m empty map, l empty list, c clear,
 * g read it every way, k walk the keys), then the path up to a tab, then
 * the value. Invariants (a broken one aborts, which libFuzzer reports as a
 * crash):
 * - a call that fails returns a negative code with a message, and leaves
 *   the object as it was (semantically equal to a copy taken before);
 * - a value that was set reads back: the same string, number or boolean;
 * - a field that was cleared is gone;
 * - at the end the object writes as YAML and JSON and reads back equal,
 *   and validates without crashing.
 * ASan and UBSan watch the rest.
 */
#include <hpa/hpa.h>
#include "check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bases[] = {
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\n"
	"spec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n"
	"    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n"
	"        image: nginx\n        resources: {requests: {cpu: 100m}, limits: {memory: 1Gi}}\n",
	"apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
	"spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}\n",
	"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n"
	"spec: {rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]}\n",
	"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\n"
	"spec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n"
	"  maxReplicas: 5\n  metrics:\n  - type: Resource\n"
	"    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n",
	"apiVersion: example.com/v1\nkind: Example\nmetadata: {name: x}\nspec: {a: [1, {b: c}]}\n",
};

/* every reader on a path: none may crash; what they say must agree */
static void read_all(const hpa_object *o, const char *path)
{
	hpa_error e = HPA_ERROR_INIT;
	const char *s = NULL;
	int64_t v64 = 0;
	int32_t v32 = 0;
	bool b = false;
	hpa_quantity *q = NULL;
	hpa_value_type t = hpa_object_type(o, path);
	bool has = hpa_object_has(o, path);
	CHECK(!has || t != 0);
	(void)hpa_object_get_string(o, path, &s, &e);
	(void)hpa_object_get_text(o, path, &s, &e);
	if (hpa_object_get_int32(o, path, &v32, &e) == 0)
		CHECK(hpa_object_get_int64(o, path, &v64, &e) == 0 && v64 == v32);
	(void)hpa_object_get_int64(o, path, &v64, &e);
	(void)hpa_object_get_bool(o, path, &b, &e);
	if (hpa_object_get_quantity(o, path, &q, &e) == 0) {
		CHECK(q != NULL && hpa_quantity_str(q) != NULL);
		hpa_quantity_free(q);
	}
	if (t == HPA_VALUE_MAP) {
		size_t n = hpa_object_count(o, path);
		for (size_t i = 0; i < n && i < 8; i++)
			CHECK(hpa_object_key_at(o, path, i) != NULL);
		CHECK(hpa_object_key_at(o, path, n) == NULL);
	}
}

static void apply(hpa_object *o, char op, const char *path, const char *value)
{
	hpa_object *before = NULL;
	hpa_error e = HPA_ERROR_INIT;
	int rc;
	CHECK(hpa_object_dup(&before, o, &e) == 0);
	switch (op) {
	case 's': {
		const char *back = NULL;
		rc = hpa_object_set_string(o, path, value, &e);
		if (rc == 0)
			CHECK(hpa_object_get_text(o, path, &back, &e) == 0 && strcmp(back, value) == 0);
		break;
	}
	case 'i': case 'n': {
		int64_t v = strtoll(value, NULL, 10), back = 0;
		rc = op == 'i' ? hpa_object_set_int64(o, path, v, &e)
			: hpa_object_set_int32(o, path, (int32_t)v, &e);
		if (rc == 0) {
			/* an int64 reader where the field has one, else the text */
			int64_t want = op == 'i' ? v : (int32_t)v;
			const char *t = NULL;
			char buf[32];
			if (hpa_object_get_int64(o, path, &back, &e) == 0) {
				CHECK(back == want);
			} else {
				snprintf(buf, sizeof(buf), "%lld", (long long)want);
				CHECK(hpa_object_get_text(o, path, &t, &e) == 0 && strcmp(t, buf) == 0);
			}
		}
		break;
	}
	case 'b': {
		bool v = value[0] == 't', back = !v;
		rc = hpa_object_set_bool(o, path, v, &e);
		if (rc == 0)
			CHECK(hpa_object_get_bool(o, path, &back, &e) == 0 && back == v);
		break;
	}
	case 'm': case 'l':
		rc = hpa_object_set_empty(o, path, op == 'l', &e);
		if (rc == 0)
			CHECK(hpa_object_type(o, path) == (op == 'l' ? HPA_VALUE_LIST : HPA_VALUE_MAP) &&
				hpa_object_count(o, path) == 0);
		break;
	case 'c': {
		/* a list item: the list is one shorter (the next item moves up);
		 * anything else: gone */
		size_t pl = strlen(path), n_before = 0;
		char parent[4096];
		bool item = pl > 2 && pl < sizeof(parent) && path[pl - 1] == ']' && strrchr(path, '[') &&
			strchr("0123456789", strrchr(path, '[')[1]);
		if (item) {
			memcpy(parent, path, (size_t)(strrchr(path, '[') - path));
			parent[strrchr(path, '[') - path] = '\0';
			n_before = hpa_object_count(o, parent);
		}
		rc = hpa_object_clear(o, path, &e);
		if (rc == 0 && item && hpa_object_type(o, parent) == HPA_VALUE_LIST)
			CHECK(hpa_object_count(o, parent) == n_before - 1);
		else if (rc == 0)
			CHECK(!hpa_object_has(o, path));
		break;
	}
	default:
		read_all(o, path);
		rc = 0;
		break;
	}
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(hpa_object_equal(o, before)); /* no partial change */
	}
	hpa_object_free(before);
}

/* the object written as YAML and as JSON reads back equal */
static void round_trip(hpa_object *o)
{
	hpa_manifest *m = NULL, *back = NULL;
	hpa_diagnostics *d = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *text = NULL;
	size_t len = 0;
	int rc;
	CHECK(hpa_manifest_new(&m, &e) == 0);
	CHECK(hpa_manifest_append_take(m, o, &e) == 0);
	CHECK(hpa_manifest_write_yaml(m, &text, &len, NULL, &e) == 0);
	CHECK(hpa_manifest_parse_yaml(&back, text, len, NULL, &e) == 0);
	CHECK(hpa_manifest_count(back) == 1 && hpa_object_equal(hpa_manifest_at(m, 0), hpa_manifest_at(back, 0)));
	hpa_free(text);
	hpa_manifest_free(back);
	back = NULL;
	text = NULL;
	rc = hpa_manifest_write_json(m, &text, &len, NULL, &e);
	CHECK(rc == 0 || rc == HPA_ERANGE);
	if (rc == 0) {
		CHECK(hpa_manifest_parse_json(&back, text, len, NULL, &e) == 0);
		CHECK(hpa_manifest_count(back) == 1 && hpa_object_equal(hpa_manifest_at(m, 0), hpa_manifest_at(back, 0)));
	}
	hpa_free(text);
	hpa_manifest_free(back);
	rc = hpa_manifest_validate(m, NULL, &d, &e);
	CHECK(rc == 0 || rc == HPA_EVALIDATION);
	hpa_diagnostics_free(d);
	hpa_manifest_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hpa_manifest *m = NULL;
	hpa_object *o = NULL;
	hpa_error e = HPA_ERROR_INIT;
	const char *base;
	char *text, *line, *save = NULL;
	if (size < 1 || size > 4096)
		return 0;
	base = bases[data[0] % (sizeof(bases) / sizeof(bases[0]))];
	CHECK(hpa_manifest_parse_yaml(&m, base, strlen(base), NULL, &e) == 0);
	CHECK(hpa_object_dup(&o, hpa_manifest_at(m, 0), &e) == 0);
	hpa_manifest_free(m);
	text = malloc(size);
	CHECK(text != NULL);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *tab;
		if (!line[0])
			continue;
		tab = strchr(line + 1, '\t');
		if (tab)
			*tab = '\0';
		apply(o, line[0], line + 1, tab ? tab + 1 : "");
	}
	free(text);
	round_trip(o);
	return 0;
}
