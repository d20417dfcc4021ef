/*
 * lib/model/load.c -- the model file: walk its value tree, check every field
 * (docs/model.md is the reference), copy what the renderer needs.
 *
 * Errors carry the source, the position of the offending node (the key for
 * an unknown field, the parent map for a missing one) and the field path in
 * kubectl syntax (`boundedContexts[2].aggregates[0].restPath`). A `null`
 * value counts as absent, as for Kubernetes objects.
 */
#include "model/model_int.h"
#include "schema/path.h"
#include "schema/schema.h"
#include "quantity/quantity_int.h"
#include <stdarg.h>

typedef struct {
	hpa_model *m;
	hpa_error *err;
	const char *source;
	hpa__buf path;
	/* tree nodes kept while loading, for cross-reference errors */
	const hpa__value **ctx_nodes;
	/* image pattern of the deployment section */
	const char *pattern, *registry, *tag;
	const hpa__value *pattern_node, *dep;
} L;

/* ---- errors and paths ----------------------------------------------------- */

static int failv(L *l, const hpa__value *at, int code, const char *fmt, va_list ap)
{
	hpa__verror(l->err, code, fmt, ap);
	if (at && hpa__v_line(at))
		hpa__error_set_pos(l->err, hpa__v_line(at), hpa__v_column(at), hpa__v_offset(at));
	hpa__error_set_path(l->err, l->path.ptr ? l->path.ptr : "");
	hpa__error_set_source(l->err, l->source);
	return code;
}

static int fail(L *l, const hpa__value *at, int code, const char *fmt, ...) HPA__PRINTF(4, 5);
static int fail(L *l, const hpa__value *at, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	failv(l, at, code, fmt, ap);
	va_end(ap);
	return code;
}

static int oom(L *l)
{
	return hpa__enomem(l->err);
}

/* push a key/index on the path; returns the mark to pop back to */
static size_t push_key(L *l, const char *key)
{
	size_t mark = l->path.len;
	hpa__path_push_key(&l->path, key, strlen(key));
	return mark;
}

static size_t push_index(L *l, size_t i)
{
	size_t mark = l->path.len;
	hpa__path_push_index(&l->path, i);
	return mark;
}

static void pop(L *l, size_t mark)
{
	if (l->path.ptr && mark <= l->path.len) {
		l->path.len = mark;
		l->path.ptr[mark] = '\0';
	}
}

/* ---- value access ------------------------------------------------------------ */

static const char *kind_word(const hpa__value *v)
{
	return hpa__vkind_name(v->kind);
}

/* The value of key, NULL when absent or null. */
static const hpa__value *field(const hpa__value *map, const char *key)
{
	const hpa__value *v = hpa__map_get(map, key);
	return v && v->kind != HPA__V_NULL ? v : NULL;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[48];
	if (la >= 47 || lb >= 47)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Every key of map must be in known (NULL-terminated). */
static int check_keys(L *l, const hpa__value *map, const char *const *known)
{
	for (size_t i = 0; i < hpa__v_count(map); i++) {
		const hpa__value *k = hpa__map_key(map, i);
		const char *name = hpa__v_text(k);
		const char *best = NULL;
		size_t bestd = 3, mark;
		bool ok = false;
		for (const char *const *kn = known; *kn; kn++) {
			size_t d;
			if (!strcmp(*kn, name)) {
				ok = true;
				break;
			}
			d = edit_distance(*kn, name);
			/* a cut-short name: stabilizationWindow for stabilizationWindowSeconds */
			if (strlen(name) >= 4 && !strncmp(*kn, name, strlen(name)))
				d = 1;
			if (d < bestd) {
				bestd = d;
				best = *kn;
			}
		}
		if (ok)
			continue;
		mark = push_key(l, name);
		if (best)
			fail(l, k, HPA_EUNKNOWNFIELD, "unknown field \"%s\" (did you mean \"%s\"?)", name, best);
		else {
			hpa__buf list = HPA__BUF_INIT;
			for (const char *const *kn = known; *kn; kn++)
				hpa__buf_printf(&list, "%s%s", kn == known ? "" : ", ", *kn);
			fail(l, k, HPA_EUNKNOWNFIELD, "unknown field \"%s\" (known: %s)", name,
				list.ptr ? list.ptr : "");
			hpa__buf_dispose(&list);
		}
		pop(l, mark);
		return HPA_EUNKNOWNFIELD;
	}
	return 0;
}

static int want_kind(L *l, const hpa__value *v, int kind)
{
	if (v->kind == kind)
		return 0;
	if (v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ || v->kind == HPA__V_NULL)
		return fail(l, v, HPA_ETYPE, "expected %s, got %s", hpa__vkind_name(kind), kind_word(v));
	return fail(l, v, HPA_ETYPE, "expected %s, got %s %.60s", hpa__vkind_name(kind),
		kind_word(v), hpa__v_text(v));
}

/* A map under key (NULL when absent; *out untouched then). */
static int get_node(L *l, const hpa__value *map, const char *key, int kind, bool required,
	const hpa__value **out)
{
	const hpa__value *v = field(map, key);
	size_t mark = push_key(l, key);
	int rc = 0;
	*out = NULL;
	if (!v) {
		if (required)
			rc = fail(l, map, HPA_EMISSING, "required field \"%s\" is missing", key);
	} else if ((rc = want_kind(l, v, kind)) == 0) {
		*out = v;
	}
	pop(l, mark);
	return rc;
}

static char *dup_text(L *l, const hpa__value *v)
{
	return hpa__arena_strndup(&l->m->arena, hpa__v_text(v), hpa__v_textlen(v));
}

/* A string field. An int/float/bool where a string is wanted is a type
 * error (quote it). Empty strings are errors: they never mean anything. */
static int get_str(L *l, const hpa__value *map, const char *key, bool required,
	const char **out, const hpa__value **node_out)
{
	const hpa__value *v = field(map, key);
	size_t mark;
	if (node_out)
		*node_out = NULL;
	if (!v && !required)
		return 0;
	mark = push_key(l, key);
	if (!v) {
		fail(l, map, HPA_EMISSING, "required field \"%s\" is missing", key);
		pop(l, mark);
		return HPA_EMISSING;
	}
	if (v->kind != HPA__V_STR) {
		int rc = v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ
			? fail(l, v, HPA_ETYPE, "expected string, got %s", kind_word(v))
			: fail(l, v, HPA_ETYPE, "expected string, got %s %.60s (quote it)", kind_word(v), hpa__v_text(v));
		pop(l, mark);
		return rc;
	}
	if (hpa__v_textlen(v) == 0) {
		fail(l, v, HPA_EVALIDATION, "must not be empty");
		pop(l, mark);
		return HPA_EVALIDATION;
	}
	if (strlen(hpa__v_text(v)) != hpa__v_textlen(v)) {
		fail(l, v, HPA_EVALIDATION, "must not contain NUL characters");
		pop(l, mark);
		return HPA_EVALIDATION;
	}
	pop(l, mark);
	if (out) {
		*out = dup_text(l, v);
		if (!*out)
			return oom(l);
	}
	if (node_out)
		*node_out = v;
	return 0;
}

static int int_value(L *l, const hpa__value *v, int64_t min, int64_t max, int32_t *out)
{
	int64_t x;
	int rc;
	if (v->kind != HPA__V_INT) {
		if (v->kind == HPA__V_FLOAT)
			return fail(l, v, HPA_ERANGE, "expected an integer, got %.60s", hpa__v_text(v));
		if (v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ)
			return fail(l, v, HPA_ETYPE, "expected integer, got %s", kind_word(v));
		return fail(l, v, HPA_ETYPE, "expected integer, got %s %.60s", kind_word(v), hpa__v_text(v));
	}
	rc = hpa__v_int_range(v, min, max, &x);
	if (rc == HPA_ERANGE || (rc == 0 && (x < min || x > max)))
		return fail(l, v, HPA_ERANGE, "%.60s is out of range [%lld, %lld]", hpa__v_text(v),
			(long long)min, (long long)max);
	if (rc < 0)
		return fail(l, v, HPA_ETYPE, "expected integer, got %.60s", hpa__v_text(v));
	*out = (int32_t)x;
	return 0;
}

/* An integer field in [min, max]; *present tells whether it was there. */
static int get_int(L *l, const hpa__value *map, const char *key, bool required,
	int64_t min, int64_t max, int32_t *out, const hpa__value **node_out)
{
	const hpa__value *v = field(map, key);
	size_t mark;
	int rc;
	if (node_out)
		*node_out = NULL;
	if (!v && !required)
		return 0;
	mark = push_key(l, key);
	if (!v)
		rc = fail(l, map, HPA_EMISSING, "required field \"%s\" is missing", key);
	else
		rc = int_value(l, v, min, max, out);
	pop(l, mark);
	if (rc == 0 && node_out)
		*node_out = v;
	return rc;
}

static int get_bool(L *l, const hpa__value *map, const char *key, bool *out)
{
	const hpa__value *v = field(map, key);
	size_t mark;
	int rc = 0;
	if (!v)
		return 0;
	mark = push_key(l, key);
	if (v->kind != HPA__V_BOOL)
		rc = want_kind(l, v, HPA__V_BOOL);
	else
		*out = hpa__v_bool_value(v);
	pop(l, mark);
	return rc;
}

/* A string field limited to values (NULL-terminated list). */
static int get_enum(L *l, const hpa__value *map, const char *key, bool required,
	const char *const *values, int code, const char **out)
{
	const hpa__value *v;
	const char *s = NULL;
	int rc = get_str(l, map, key, required, &s, &v);
	size_t mark;
	hpa__buf list = HPA__BUF_INIT;
	if (rc < 0 || !v)
		return rc;
	for (const char *const *x = values; *x; x++)
		if (!strcmp(*x, s)) {
			*out = s;
			return 0;
		}
	for (const char *const *x = values; *x; x++)
		hpa__buf_printf(&list, "%s%s", x == values ? "" : ", ", *x);
	mark = push_key(l, key);
	rc = fail(l, v, code, "\"%.60s\" is not one of: %s", s, list.ptr ? list.ptr : "");
	pop(l, mark);
	hpa__buf_dispose(&list);
	return rc;
}

/* ---- syntax checks (Kubernetes validation rules, apimachinery) ------------------- */

static bool is_alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digitc(char c) { return c >= '0' && c <= '9'; }

/* RFC 1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 characters. */
static bool dns1123_label_n(const char *s, size_t n)
{
	if (n == 0 || n > 63 || !is_alnum_lower(s[0]) || !is_alnum_lower(s[n - 1]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_alnum_lower(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool dns1123_label(const char *s) { return dns1123_label_n(s, strlen(s)); }

/* RFC 1035 label: a 1123 label that starts with a letter (Service names). */
static bool dns1035_label(const char *s)
{
	return dns1123_label(s) && s[0] >= 'a' && s[0] <= 'z';
}

/* RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
static bool dns1123_subdomain(const char *s)
{
	size_t n = strlen(s), start = 0;
	if (n == 0 || n > 253)
		return false;
	for (size_t i = 0; i <= n; i++)
		if (i == n || s[i] == '.') {
			if (!dns1123_label_n(s + start, i - start))
				return false;
			start = i + 1;
		}
	return true;
}

/* IANA service name (container/Service port names). */
static bool iana_svc_name(const char *s)
{
	size_t n = strlen(s);
	bool letter = false;
	if (n == 0 || n > 15 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_alnum_lower(s[i]) && s[i] != '-')
			return false;
		if (s[i] >= 'a' && s[i] <= 'z')
			letter = true;
		if (s[i] == '-' && s[i + 1] == '-')
			return false;
	}
	return letter;
}

/* Environment variable names: [-._a-zA-Z][-._a-zA-Z0-9]* */
static bool env_name(const char *s)
{
	if (!*s || is_digitc(s[0]))
		return false;
	for (; *s; s++)
		if (!is_alpha(*s) && !is_digitc(*s) && *s != '-' && *s != '.' && *s != '_')
			return false;
	return true;
}

/* Kubernetes quantity: sign? (digits(.digits?)? | .digits) suffix? */
static bool quantity_syntax(const char *s)
{
	size_t i = 0, d = 0;
	if (s[i] == '+' || s[i] == '-')
		i++;
	while (is_digitc(s[i]))
		i++, d++;
	if (s[i] == '.') {
		i++;
		while (is_digitc(s[i]))
			i++, d++;
	}
	if (d == 0)
		return false;
	if (!s[i])
		return true;
	if ((s[i] == 'e' || s[i] == 'E') && s[i + 1]) {
		size_t j = i + 1, e = 0;
		if (s[j] == '+' || s[j] == '-')
			j++;
		while (is_digitc(s[j]))
			j++, e++;
		if (e && !s[j])
			return true;
	}
	static const char *const suffixes[] = { "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
		"n", "u", "m", "k", "M", "G", "T", "P", "E" };
	for (size_t k = 0; k < HPA__ARRAY_SIZE(suffixes); k++)
		if (!strcmp(s + i, suffixes[k]))
			return true;
	return false;
}

/* REST/Ingress path: what ingress-nginx's strict path check accepts,
 * ^/[[:alnum:]._\-/]*$ (ASCII only), without an empty segment. */
static bool rest_path_syntax(const char *s)
{
	if (s[0] != '/')
		return false;
	for (size_t i = 1; s[i]; i++) {
		if (!is_alpha(s[i]) && !is_digitc(s[i]) && !strchr("._-/", s[i]))
			return false;
		if (s[i] == '/' && s[i - 1] == '/')
			return false;
	}
	return true;
}

/* host:port[,host:port...] */
static bool brokers_syntax(const char *s)
{
	while (*s) {
		const char *e = strchr(s, ',');
		size_t n = e ? (size_t)(e - s) : strlen(s), colon = n, digits = 0;
		for (size_t i = 0; i < n; i++)
			if (s[i] == ':')
				colon = i;
		if (colon == 0 || colon == n)
			return false;
		for (size_t i = colon + 1; i < n; i++) {
			if (!is_digitc(s[i]))
				return false;
			digits++;
		}
		if (digits == 0 || digits > 5)
			return false;
		for (size_t i = 0; i < colon; i++)
			if (s[i] == ' ' || s[i] == '/' || s[i] == ':')
				return false;
		if (!e)
			break;
		s = e + 1;
		if (!*s)
			return false;
	}
	return true;
}

/* Resource names a container may request. */
static bool resource_name(const char *s)
{
	if (!strcmp(s, "cpu") || !strcmp(s, "memory") || !strcmp(s, "ephemeral-storage"))
		return true;
	if (!strncmp(s, "hugepages-", 10) && quantity_syntax(s + 10))
		return true;
	/* extended resources are domain-qualified: nvidia.com/gpu */
	const char *slash = strchr(s, '/');
	if (slash && slash != s && slash[1]) {
		char dom[254];
		size_t n = (size_t)(slash - s);
		if (n >= sizeof(dom))
			return false;
		memcpy(dom, s, n);
		dom[n] = '\0';
		return dns1123_subdomain(dom) && strchr(dom, '.') != NULL;
	}
	return false;
}

/* ---- small maps ------------------------------------------------------------------ */

const char *hpa__mmap_get(const hpa__mmap *m, const char *key)
{
	for (size_t i = 0; i < m->len; i++)
		if (!strcmp(m->items[i].key, key))
			return m->items[i].value;
	return NULL;
}

const char *hpa__mmap_profile(const hpa__mmap *m, const char *profile)
{
	const char *v = profile ? hpa__mmap_get(m, profile) : NULL;
	return v ? v : hpa__mmap_get(m, "default");
}

typedef enum { MV_STRING, MV_QUANTITY, MV_PORT } mv_kind;

/* A map of string keys to scalar values, copied in order. check_key tells
 * whether a key is acceptable (NULL: any) and what the message is. */
static int get_smap(L *l, const hpa__value *parent, const char *key, mv_kind vk,
	bool (*check_key)(const char *), const char *key_rule, hpa__mmap *out)
{
	const hpa__value *map;
	size_t mark;
	int rc = get_node(l, parent, key, HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, key);
	out->items = hpa__arena_calloc(&l->m->arena, (hpa__v_count(map) ? hpa__v_count(map) : 1) * sizeof(hpa__mkv));
	if (!out->items) {
		pop(l, mark);
		return oom(l);
	}
	out->len = 0;
	for (size_t i = 0; i < hpa__v_count(map); i++) {
		const hpa__value *k = hpa__map_key(map, i), *v = hpa__map_val(map, i);
		size_t m2 = push_key(l, hpa__v_text(k));
		hpa__mkv *kv = &out->items[out->len];
		if (check_key && !check_key(hpa__v_text(k))) {
			rc = fail(l, k, HPA_EVALIDATION, "\"%.60s\" is not %s", hpa__v_text(k), key_rule);
			goto done;
		}
		if (v->kind == HPA__V_NULL)
			goto next;
		if (vk == MV_PORT) {
			int32_t port;
			char buf[16];
			if ((rc = int_value(l, v, 1, 65535, &port)) < 0)
				goto done;
			snprintf(buf, sizeof(buf), "%d", (int)port);
			kv->value = hpa__arena_strndup(&l->m->arena, buf, strlen(buf));
		} else if (vk == MV_QUANTITY) {
			if (v->kind != HPA__V_STR && v->kind != HPA__V_INT && v->kind != HPA__V_FLOAT) {
				rc = want_kind(l, v, HPA__V_STR);
				goto done;
			}
			if (!quantity_syntax(hpa__v_text(v))) {
				rc = fail(l, v, HPA_EVALIDATION, "\"%.60s\" is not a quantity (e.g. 500m, 0.5, 512Mi, 1Gi)", hpa__v_text(v));
				goto done;
			}
			if (hpa__v_text(v)[0] == '-') {
				rc = fail(l, v, HPA_ERANGE, "\"%.60s\" must not be negative", hpa__v_text(v));
				goto done;
			}
			kv->value = dup_text(l, v);
		} else {
			if (v->kind != HPA__V_STR) {
				rc = v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ
					? fail(l, v, HPA_ETYPE, "expected string, got %s", kind_word(v))
					: fail(l, v, HPA_ETYPE, "expected string, got %s %.60s (quote it)", kind_word(v), hpa__v_text(v));
				goto done;
			}
			kv->value = dup_text(l, v);
		}
		kv->key = dup_text(l, k);
		if (!kv->key || !kv->value) {
			rc = oom(l);
			goto done;
		}
		out->len++;
next:
		pop(l, m2);
		continue;
done:
		pop(l, m2);
		pop(l, mark);
		return rc;
	}
	pop(l, mark);
	return 0;
}

static bool any_key(const char *k) { return *k != '\0'; }
static bool resource_key(const char *k) { return resource_name(k); }
static bool env_key(const char *k) { return env_name(k); }

static int get_resources(L *l, const hpa__value *parent, const char *key, hpa__mres *out, bool *present)
{
	static const char *const known[] = { "requests", "limits", NULL };
	const hpa__value *map;
	size_t mark;
	int rc = get_node(l, parent, key, HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	if (present)
		*present = true;
	mark = push_key(l, key);
	if ((rc = check_keys(l, map, known)) == 0)
		rc = get_smap(l, map, "requests", MV_QUANTITY, resource_key,
			"a resource name (cpu, memory, ephemeral-storage, hugepages-<size>, <domain>/<name>)", &out->requests);
	if (rc == 0)
		rc = get_smap(l, map, "limits", MV_QUANTITY, resource_key,
			"a resource name (cpu, memory, ephemeral-storage, hugepages-<size>, <domain>/<name>)", &out->limits);
	pop(l, mark);
	return rc;
}

/* ---- sections ------------------------------------------------------------------- */

static int load_model_section(L *l, const hpa__value *root)
{
	static const char *const known[] = { "name", "title", "source", "package", NULL };
	const hpa__value *map;
	size_t mark;
	int rc = get_node(l, root, "model", HPA__V_MAP, true, &map);
	if (rc < 0)
		return rc;
	mark = push_key(l, "model");
	if ((rc = check_keys(l, map, known)) == 0
		&& (rc = get_str(l, map, "name", true, &l->m->name, NULL)) == 0
		&& (rc = get_str(l, map, "title", false, NULL, NULL)) == 0
		&& (rc = get_str(l, map, "source", false, NULL, NULL)) == 0)
		rc = get_str(l, map, "package", false, NULL, NULL);
	pop(l, mark);
	return rc;
}

static int load_messaging(L *l, const hpa__value *root)
{
	static const char *const known[] = { "broker", "topic", "typeHeader", "brokers", "env", NULL };
	static const char *const brokers[] = { "kafka", NULL };
	const hpa__value *map, *envnode;
	const char *broker = NULL;
	size_t mark;
	int rc = get_node(l, root, "messaging", HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	l->m->has_messaging = true;
	mark = push_key(l, "messaging");
	if ((rc = check_keys(l, map, known)) < 0
		|| (rc = get_enum(l, map, "broker", false, brokers, HPA_EUNSUPPORTED, &broker)) < 0
		|| (rc = get_str(l, map, "topic", false, NULL, NULL)) < 0
		|| (rc = get_str(l, map, "typeHeader", false, NULL, NULL)) < 0
		|| (rc = get_str(l, map, "env", false, &l->m->env_name, &envnode)) < 0)
		goto out;
	if (envnode && !env_name(l->m->env_name)) {
		size_t m2 = push_key(l, "env");
		rc = fail(l, envnode, HPA_EVALIDATION, "\"%.60s\" is not an environment variable name", l->m->env_name);
		pop(l, m2);
		goto out;
	}
	if ((rc = get_smap(l, map, "brokers", MV_STRING, any_key, "a profile name", &l->m->brokers)) < 0)
		goto out;
	{
		const hpa__value *bm = field(map, "brokers");
		for (size_t i = 0; bm && i < l->m->brokers.len; i++) {
			if (!brokers_syntax(l->m->brokers.items[i].value)) {
				size_t m2 = push_key(l, "brokers");
				size_t m3 = push_key(l, l->m->brokers.items[i].key);
				rc = fail(l, hpa__map_get(bm, l->m->brokers.items[i].key), HPA_EVALIDATION,
					"\"%.60s\" is not host:port[,host:port...]", l->m->brokers.items[i].value);
				pop(l, m3);
				pop(l, m2);
				goto out;
			}
		}
	}
out:
	pop(l, mark);
	return rc;
}

static const char *const jpa_hooks[] = { "PrePersist", "PostPersist", "PreUpdate", "PostUpdate",
	"PreRemove", "PostRemove", "PostLoad", NULL };

/* Is name[0..n) a Java-ish identifier? */
static bool java_ident(const char *s, size_t n)
{
	if (n == 0 || is_digitc(s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_alpha(s[i]) && !is_digitc(s[i]) && s[i] != '_' && s[i] != '$')
			return false;
	return true;
}

static bool ascii_ident(const char *s)
{
	if (!is_alpha(s[0]))
		return false;
	for (; *s; s++)
		if (!is_alpha(*s) && !is_digitc(*s) && *s != '_')
			return false;
	return true;
}

/* Events of one aggregate; names unique within the context (seen[]). */
static int load_events(L *l, const hpa__value *agg, const hpa__value ***seen, size_t *n_seen, size_t *cap)
{
	static const char *const known[] = { "name", "hook", NULL };
	const hpa__value *seq;
	size_t mark;
	int rc = get_node(l, agg, "events", HPA__V_SEQ, false, &seq);
	if (rc < 0 || !seq)
		return rc;
	mark = push_key(l, "events");
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		const hpa__value *ev = hpa__seq_at(seq, i), *name;
		const char *hook = NULL;
		size_t m2 = push_index(l, i);
		if ((rc = want_kind(l, ev, HPA__V_MAP)) == 0 && (rc = check_keys(l, ev, known)) == 0
			&& (rc = get_str(l, ev, "name", true, NULL, &name)) == 0
			&& (rc = get_enum(l, ev, "hook", false, jpa_hooks, HPA_EVALIDATION, &hook)) == 0) {
			size_t m3 = push_key(l, "name");
			if (strchr(hpa__v_text(name), '.'))
				rc = fail(l, name, HPA_EVALIDATION, "event name \"%.60s\" must not contain '.'", hpa__v_text(name));
			for (size_t j = 0; rc == 0 && j < *n_seen; j++)
				if (hpa__v_equal((*seen)[j], name))
					rc = fail(l, name, HPA_EDUPLICATE, "event \"%.60s\" is already defined in this bounded context (line %u)",
						hpa__v_text(name), (unsigned)hpa__v_line((*seen)[j]));
			pop(l, m3);
			if (rc == 0) {
				if (hpa__grow((void **)seen, cap, *n_seen + 1, sizeof(**seen)) < 0)
					rc = oom(l);
				else
					(*seen)[(*n_seen)++] = name;
			}
		}
		pop(l, m2);
	}
	pop(l, mark);
	return rc;
}

/* Key text of attribute maps: Java identifiers. */
static bool attr_key(const char *k) { return java_ident(k, strlen(k)); }

static int load_aggregates(L *l, const hpa__value *bc, hpa__mctx *c, size_t ci)
{
	static const char *const known[] = { "name", "table", "restPath", "attributes", "events", NULL };
	const hpa__value *seq;
	const hpa__value **events = NULL;
	size_t n_events = 0, cap_events = 0, mark;
	hpa__mmap attrs;
	int rc = get_node(l, bc, "aggregates", HPA__V_SEQ, false, &seq);
	if (rc < 0 || !seq)
		return rc;
	mark = push_key(l, "aggregates");
	c->aggs = hpa__arena_calloc(&l->m->arena, (hpa__v_count(seq) ? hpa__v_count(seq) : 1) * sizeof(hpa__magg));
	if (!c->aggs) {
		pop(l, mark);
		return oom(l);
	}
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		const hpa__value *ag = hpa__seq_at(seq, i), *name, *pnode;
		hpa__magg *a = &c->aggs[i];
		size_t m2 = push_index(l, i);
		if ((rc = want_kind(l, ag, HPA__V_MAP)) < 0 || (rc = check_keys(l, ag, known)) < 0
			|| (rc = get_str(l, ag, "name", true, &a->name, &name)) < 0
			|| (rc = get_str(l, ag, "table", false, NULL, NULL)) < 0
			|| (rc = get_smap(l, ag, "attributes", MV_STRING, attr_key, "a Java identifier", &attrs)) < 0
			|| (rc = get_str(l, ag, "restPath", false, &a->rest_path, &pnode)) < 0)
			goto next;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(c->aggs[j].name, a->name)) {
				size_t m3 = push_key(l, "name");
				rc = fail(l, name, HPA_EDUPLICATE, "aggregate \"%.60s\" is already defined in this bounded context",
					a->name);
				pop(l, m3);
				goto next;
			}
		if (pnode) {
			if (!rest_path_syntax(a->rest_path)) {
				size_t m3 = push_key(l, "restPath");
				rc = fail(l, pnode, HPA_EVALIDATION,
					"\"%.60s\" is not a REST path: \"/\" then ASCII letters, digits, '.', '_', '-', '/'",
					a->rest_path);
				pop(l, m3);
				goto next;
			}
		} else {
			hpa__buf b = HPA__BUF_INIT;
			if (!ascii_ident(a->name)) {
				size_t m3 = push_key(l, "name");
				rc = fail(l, name, HPA_EVALIDATION,
					"cannot derive a REST path from \"%.60s\" (not an ASCII identifier): set restPath", a->name);
				pop(l, m3);
				goto next;
			}
			hpa__buf_putc(&b, '/');
			hpa__model_plural_buf(&b, a->name, strlen(a->name));
			if (hpa__buf_oom(&b)) {
				hpa__buf_dispose(&b);
				rc = oom(l);
				goto next;
			}
			if (b.ptr[1] >= 'A' && b.ptr[1] <= 'Z')
				b.ptr[1] = (char)(b.ptr[1] - 'A' + 'a');
			a->rest_path = hpa__arena_strndup(&l->m->arena, b.ptr, b.len);
			hpa__buf_dispose(&b);
			if (!a->rest_path) {
				rc = oom(l);
				goto next;
			}
			pnode = name;
		}
		/* a REST path belongs to one aggregate of the whole model */
		for (size_t k = 0; k <= ci; k++) {
			const hpa__mctx *o = &l->m->ctxs[k];
			size_t n = k == ci ? i : o->n_aggs;
			for (size_t j = 0; j < n; j++)
				if (!strcmp(o->aggs[j].rest_path, a->rest_path)) {
					size_t m3 = push_key(l, pnode == name ? "name" : "restPath");
					rc = fail(l, pnode, HPA_EDUPLICATE,
						"REST path %.60s is already claimed by aggregate %.60s of bounded context %.60s",
						a->rest_path, o->aggs[j].name, o->name);
					pop(l, m3);
					goto next;
				}
		}
		rc = load_events(l, ag, &events, &n_events, &cap_events);
		if (rc == 0)
			c->n_aggs = i + 1;
next:
		pop(l, m2);
	}
	hpa__free(events);
	pop(l, mark);
	return rc;
}

/* Find the context named name[0..n), or -1. */
static long find_ctx(const hpa_model *m, size_t n_ctxs, const char *name, size_t n)
{
	for (size_t i = 0; i < n_ctxs; i++)
		if (strlen(m->ctxs[i].name) == n && !memcmp(m->ctxs[i].name, name, n))
			return (long)i;
	return -1;
}

static bool ctx_has_event(const hpa__value *bc, const char *ev)
{
	const hpa__value *aggs = field(bc, "aggregates");
	for (size_t i = 0; aggs && i < hpa__v_count(aggs); i++) {
		const hpa__value *evs = field(hpa__seq_at(aggs, i), "events");
		for (size_t j = 0; evs && j < hpa__v_count(evs); j++) {
			const hpa__value *nm = field(hpa__seq_at(evs, j), "name");
			if (nm && !strcmp(hpa__v_text(nm), ev))
				return true;
		}
	}
	return false;
}

/* Policies are checked once every context is known (they name events of
 * other contexts). */
static int load_policies(L *l, const hpa__value *bc, size_t ci)
{
	static const char *const known[] = { "name", "listens", "calls", NULL };
	const hpa__value *seq;
	size_t mark;
	int rc = get_node(l, bc, "policies", HPA__V_SEQ, false, &seq);
	if (rc < 0 || !seq)
		return rc;
	mark = push_key(l, "policies");
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		const hpa__value *p = hpa__seq_at(seq, i), *ln, *cn, *nn;
		const char *listens, *calls = NULL, *dot;
		size_t m2 = push_index(l, i);
		if ((rc = want_kind(l, p, HPA__V_MAP)) < 0 || (rc = check_keys(l, p, known)) < 0
			|| (rc = get_str(l, p, "name", true, NULL, &nn)) < 0
			|| (rc = get_str(l, p, "listens", true, &listens, &ln)) < 0
			|| (rc = get_str(l, p, "calls", false, &calls, &cn)) < 0)
			goto next;
		for (size_t j = 0; j < i; j++) {
			const hpa__value *other = field(hpa__seq_at(seq, j), "name");
			if (other && hpa__v_equal(other, nn)) {
				size_t m3 = push_key(l, "name");
				rc = fail(l, nn, HPA_EDUPLICATE, "policy \"%.60s\" is already defined in this bounded context",
					hpa__v_text(nn));
				pop(l, m3);
				goto next;
			}
		}
		dot = strchr(listens, '.');
		{
			size_t m3 = push_key(l, "listens");
			long target;
			if (!dot || dot == listens || !dot[1] || strchr(dot + 1, '.')) {
				rc = fail(l, ln, HPA_EVALIDATION, "\"%.60s\" is not <boundedContext>.<Event>", listens);
			} else if ((target = find_ctx(l->m, l->m->n_ctxs, listens, (size_t)(dot - listens))) < 0) {
				rc = fail(l, ln, HPA_ENOTFOUND, "no bounded context \"%.*s\" in the model",
					(int)(dot - listens > 60 ? 60 : dot - listens), listens);
			} else if (!ctx_has_event(l->ctx_nodes[target], dot + 1)) {
				rc = fail(l, ln, HPA_ENOTFOUND, "bounded context %.60s has no event \"%.60s\"",
					l->m->ctxs[target].name, dot + 1);
			}
			pop(l, m3);
			if (rc < 0)
				goto next;
		}
		if (calls) {
			const hpa__mctx *c = &l->m->ctxs[ci];
			size_t m3 = push_key(l, "calls");
			bool found = false;
			dot = strchr(calls, '.');
			if (!dot || !java_ident(dot + 1, strlen(dot + 1))) {
				rc = fail(l, cn, HPA_EVALIDATION, "\"%.60s\" is not <Aggregate>.<method>", calls);
			} else {
				for (size_t j = 0; j < c->n_aggs; j++)
					if (strlen(c->aggs[j].name) == (size_t)(dot - calls)
						&& !memcmp(c->aggs[j].name, calls, (size_t)(dot - calls)))
						found = true;
				if (!found)
					rc = fail(l, cn, HPA_ENOTFOUND, "bounded context %.60s has no aggregate \"%.*s\"",
						c->name, (int)(dot - calls > 60 ? 60 : dot - calls), calls);
			}
			pop(l, m3);
		}
next:
		pop(l, m2);
	}
	pop(l, mark);
	return rc;
}

static int load_contexts(L *l, const hpa__value *root)
{
	static const char *const known[] = { "name", "label", "service", "ports", "image", "replicas",
		"resources", "env", "aggregates", "policies", NULL };
	const hpa__value *seq;
	size_t mark;
	int rc = get_node(l, root, "boundedContexts", HPA__V_SEQ, true, &seq);
	if (rc < 0)
		return rc;
	mark = push_key(l, "boundedContexts");
	if (hpa__v_count(seq) == 0) {
		rc = fail(l, seq, HPA_EVALIDATION, "a model needs at least one bounded context");
		goto out;
	}
	l->m->ctxs = hpa__arena_calloc(&l->m->arena, hpa__v_count(seq) * sizeof(hpa__mctx));
	l->ctx_nodes = hpa__calloc(hpa__v_count(seq), sizeof(*l->ctx_nodes));
	if (!l->m->ctxs || !l->ctx_nodes) {
		rc = oom(l);
		goto out;
	}
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		const hpa__value *bc = hpa__seq_at(seq, i), *name, *svc, *img;
		hpa__mctx *c = &l->m->ctxs[i];
		size_t m2 = push_index(l, i);
		c->replicas = -1;
		c->autoscaler = -1;
		l->ctx_nodes[i] = bc;
		if ((rc = want_kind(l, bc, HPA__V_MAP)) < 0 || (rc = check_keys(l, bc, known)) < 0
			|| (rc = get_str(l, bc, "name", true, &c->name, &name)) < 0
			|| (rc = get_str(l, bc, "label", false, NULL, NULL)) < 0
			|| (rc = get_str(l, bc, "service", false, &c->service, &svc)) < 0
			|| (rc = get_smap(l, bc, "ports", MV_PORT, any_key, "a profile name", &c->ports)) < 0
			|| (rc = get_str(l, bc, "image", false, &c->image, &img)) < 0
			|| (rc = get_int(l, bc, "replicas", false, 0, INT32_MAX, &c->replicas, NULL)) < 0
			|| (rc = get_resources(l, bc, "resources", &c->resources, &c->has_resources)) < 0
			|| (rc = get_smap(l, bc, "env", MV_STRING, env_key, "an environment variable name", &c->env)) < 0)
			goto next;
		{
			size_t m3 = push_key(l, "name");
			if (strchr(c->name, '.') || strchr(c->name, ' '))
				rc = fail(l, name, HPA_EVALIDATION, "bounded context name \"%.60s\" must not contain '.' or spaces",
					c->name);
			for (size_t j = 0; rc == 0 && j < i; j++)
				if (!strcmp(l->m->ctxs[j].name, c->name))
					rc = fail(l, name, HPA_EDUPLICATE, "bounded context \"%.60s\" is already defined (boundedContexts[%zu])",
						c->name, j);
			pop(l, m3);
			if (rc < 0)
				goto next;
		}
		if (!svc) {
			c->service = c->name;
			svc = name;
		}
		{
			size_t m3 = push_key(l, svc == name ? "name" : "service");
			if (!dns1035_label(c->service))
				rc = fail(l, svc, HPA_EVALIDATION, svc == name
					? "\"%.60s\" is not a valid service name (DNS-1035 label: lower-case letters, digits, '-', starting with a letter, at most 63): set service"
					: "\"%.60s\" is not a DNS-1035 label (lower-case letters, digits, '-', starting with a letter, at most 63)",
					c->service);
			for (size_t j = 0; rc == 0 && j < i; j++)
				if (!strcmp(l->m->ctxs[j].service, c->service))
					rc = fail(l, svc, HPA_EDUPLICATE, "service \"%.60s\" is already used by bounded context %.60s",
						c->service, l->m->ctxs[j].name);
			pop(l, m3);
			if (rc < 0)
				goto next;
		}
		if ((rc = load_aggregates(l, bc, c, i)) < 0)
			goto next;
		l->m->n_ctxs = i + 1;
next:
		pop(l, m2);
	}
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		size_t m2 = push_index(l, i);
		rc = load_policies(l, hpa__seq_at(seq, i), i);
		pop(l, m2);
	}
out:
	pop(l, mark);
	return rc;
}

/* ---- deployment ---------------------------------------------------------------- */

/* Expand {registry} {service} {tag} {name} {model} in an image pattern. */
static int expand_image(L *l, const hpa__value *node, const char *pattern, const hpa__mctx *c,
	const char *registry, const char *tag, const char **out)
{
	hpa__buf b = HPA__BUF_INIT;
	int rc = 0;
	for (const char *p = pattern; *p && rc == 0; p++) {
		const char *val = NULL, *e;
		size_t n;
		if (*p != '{') {
			if (*p == '}' || *p == ' ' || *p == '\t')
				rc = fail(l, node, HPA_EVALIDATION, "image \"%.60s\": unexpected '%c'", pattern, *p);
			else
				hpa__buf_putc(&b, *p);
			continue;
		}
		e = strchr(p, '}');
		if (!e) {
			rc = fail(l, node, HPA_EVALIDATION, "image \"%.60s\": '{' without '}'", pattern);
			break;
		}
		n = (size_t)(e - p - 1);
		if (n == 8 && !strncmp(p + 1, "registry", 8)) {
			val = registry;
			if (!val)
				rc = fail(l, node, HPA_EMISSING, "image \"%.60s\" uses {registry}: set deployment.registry", pattern);
		} else if (n == 3 && !strncmp(p + 1, "tag", 3)) {
			val = tag;
			if (!val)
				rc = fail(l, node, HPA_EMISSING, "image \"%.60s\" uses {tag}: set deployment.tag", pattern);
		} else if (n == 7 && !strncmp(p + 1, "service", 7)) {
			val = c->service;
		} else if (n == 4 && !strncmp(p + 1, "name", 4)) {
			val = c->name;
		} else if (n == 5 && !strncmp(p + 1, "model", 5)) {
			val = l->m->name;
		} else {
			rc = fail(l, node, HPA_EVALIDATION,
				"image \"%.60s\": unknown placeholder {%.*s} (known: {registry} {service} {tag} {name} {model})",
				pattern, (int)(n > 30 ? 30 : n), p + 1);
		}
		if (val)
			hpa__buf_puts(&b, val);
		p = e;
	}
	if (rc == 0) {
		if (hpa__buf_oom(&b))
			rc = oom(l);
		else if (!b.len || strchr(b.ptr, ' '))
			rc = fail(l, node, HPA_EVALIDATION, "image \"%.60s\" expands to \"%.60s\"", pattern, b.ptr ? b.ptr : "");
		else if (!(*out = hpa__arena_strndup(&l->m->arena, b.ptr, b.len)))
			rc = oom(l);
	}
	hpa__buf_dispose(&b);
	return rc;
}

static int load_probe(L *l, const hpa__value *parent, const char *key, hpa__mprobe *p, bool liveness)
{
	static const char *const known[] = { "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
		"failureThreshold", "successThreshold", NULL };
	const hpa__value *map, *sn;
	size_t mark;
	int rc = get_node(l, parent, key, HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, key);
	/* fields given override the defaults one by one */
	if ((rc = check_keys(l, map, known)) == 0
		&& (rc = get_int(l, map, "initialDelaySeconds", false, 0, INT32_MAX, &p->initial_delay, NULL)) == 0
		&& (rc = get_int(l, map, "timeoutSeconds", false, 1, INT32_MAX, &p->timeout, NULL)) == 0
		&& (rc = get_int(l, map, "periodSeconds", false, 1, INT32_MAX, &p->period, NULL)) == 0
		&& (rc = get_int(l, map, "failureThreshold", false, 1, INT32_MAX, &p->failure, NULL)) == 0
		&& (rc = get_int(l, map, "successThreshold", false, 1, INT32_MAX, &p->success, &sn)) == 0
		&& liveness && sn && p->success != 1) {
		size_t m2 = push_key(l, "successThreshold");
		rc = fail(l, sn, HPA_EVALIDATION, "must be 1 for a liveness probe");
		pop(l, m2);
	}
	pop(l, mark);
	return rc;
}

static int load_probes(L *l, const hpa__value *dep)
{
	static const char *const known[] = { "enabled", "path", "readiness", "liveness", NULL };
	const hpa__value *map, *pn;
	size_t mark;
	int rc = get_node(l, dep, "probes", HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, "probes");
	if ((rc = check_keys(l, map, known)) < 0 || (rc = get_bool(l, map, "enabled", &l->m->probes)) < 0
		|| (rc = get_str(l, map, "path", false, &l->m->probe_path, &pn)) < 0)
		goto out;
	if (pn && l->m->probe_path[0] != '/') {
		size_t m2 = push_key(l, "path");
		rc = fail(l, pn, HPA_EVALIDATION, "\"%.60s\" must start with '/'", l->m->probe_path);
		pop(l, m2);
		goto out;
	}
	if ((rc = load_probe(l, map, "readiness", &l->m->readiness, false)) == 0)
		rc = load_probe(l, map, "liveness", &l->m->liveness, true);
out:
	pop(l, mark);
	return rc;
}

static int load_ingress(L *l, const hpa__value *dep)
{
	static const char *const known[] = { "enabled", "name", "class", "host", "pathRule", NULL };
	static const char *const rules[] = { "aggregate", "service", NULL };
	const hpa__value *map, *nn, *cn, *hn;
	const char *rule = NULL;
	size_t mark;
	int rc = get_node(l, dep, "ingress", HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, "ingress");
	if ((rc = check_keys(l, map, known)) < 0 || (rc = get_bool(l, map, "enabled", &l->m->ingress)) < 0
		|| (rc = get_str(l, map, "name", false, &l->m->ingress_name, &nn)) < 0
		|| (rc = get_str(l, map, "class", false, &l->m->ingress_class, &cn)) < 0
		|| (rc = get_str(l, map, "host", false, &l->m->ingress_host, &hn)) < 0
		|| (rc = get_enum(l, map, "pathRule", false, rules, HPA_EVALIDATION, &rule)) < 0)
		goto out;
	if (nn && !dns1123_subdomain(l->m->ingress_name)) {
		size_t m2 = push_key(l, "name");
		rc = fail(l, nn, HPA_EVALIDATION, "\"%.60s\" is not a DNS-1123 subdomain", l->m->ingress_name);
		pop(l, m2);
	} else if (cn && !dns1123_subdomain(l->m->ingress_class)) {
		size_t m2 = push_key(l, "class");
		rc = fail(l, cn, HPA_EVALIDATION, "\"%.60s\" is not a DNS-1123 subdomain (an IngressClass name)",
			l->m->ingress_class);
		pop(l, m2);
	} else if (hn && !dns1123_subdomain(strncmp(l->m->ingress_host, "*.", 2) ? l->m->ingress_host
			: l->m->ingress_host + 2)) {
		size_t m2 = push_key(l, "host");
		rc = fail(l, hn, HPA_EVALIDATION, "\"%.60s\" is not a host name (DNS-1123 subdomain, optionally *.)",
			l->m->ingress_host);
		pop(l, m2);
	}
	if (rule)
		l->m->path_rule = !strcmp(rule, "service") ? HPA_PATH_RULE_SERVICE : HPA_PATH_RULE_AGGREGATE;
out:
	pop(l, mark);
	return rc;
}

/* Reset positions and styles of a copied subtree: rendered nodes come from
 * memory, not from the model file. */
static void forget_source(hpa__value *v)
{
	hpa__v_set_pos(v, 0, 0, SIZE_MAX);
	v->style = HPA__STYLE_ANY;
	if (v->kind == HPA__V_MAP)
		for (size_t i = 0; i < hpa__v_count(v); i++) {
			forget_source(hpa__map_key(v, i));
			forget_source(hpa__map_val(v, i));
		}
	else if (v->kind == HPA__V_SEQ)
		for (size_t i = 0; i < hpa__v_count(v); i++)
			forget_source(hpa__seq_at(v, i));
}

static int load_rules(L *l, const hpa__value *beh, const char *key)
{
	static const char *const known[] = { "stabilizationWindowSeconds", "selectPolicy", "tolerance",
		"policies", NULL };
	static const char *const pknown[] = { "type", "value", "periodSeconds", NULL };
	static const char *const selects[] = { "Max", "Min", "Disabled", NULL };
	static const char *const types[] = { "Pods", "Percent", NULL };
	const hpa__value *map, *seq, *tol;
	const char *s;
	int32_t x;
	size_t mark;
	int rc = get_node(l, beh, key, HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, key);
	if ((rc = check_keys(l, map, known)) < 0
		|| (rc = get_int(l, map, "stabilizationWindowSeconds", false, 0, 3600, &x, NULL)) < 0
		|| (rc = get_enum(l, map, "selectPolicy", false, selects, HPA_EVALIDATION, &s)) < 0
		|| (rc = get_node(l, map, "policies", HPA__V_SEQ, false, &seq)) < 0)
		goto out;
	tol = field(map, "tolerance");
	if (tol) {
		size_t m2 = push_key(l, "tolerance");
		if (tol->kind != HPA__V_STR && tol->kind != HPA__V_INT && tol->kind != HPA__V_FLOAT)
			rc = want_kind(l, tol, HPA__V_STR);
		else if (!quantity_syntax(hpa__v_text(tol)) || hpa__v_text(tol)[0] == '-')
			rc = fail(l, tol, HPA_EVALIDATION, "\"%.60s\" is not a non-negative quantity (e.g. 0.05, 50m)",
				hpa__v_text(tol));
		pop(l, m2);
		if (rc < 0)
			goto out;
	}
	if (seq) {
		size_t m2 = push_key(l, "policies");
		for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
			const hpa__value *p = hpa__seq_at(seq, i);
			size_t m3 = push_index(l, i);
			if ((rc = want_kind(l, p, HPA__V_MAP)) == 0 && (rc = check_keys(l, p, pknown)) == 0
				&& (rc = get_enum(l, p, "type", true, types, HPA_EVALIDATION, &s)) == 0
				&& (rc = get_int(l, p, "value", true, 1, INT32_MAX, &x, NULL)) == 0)
				rc = get_int(l, p, "periodSeconds", true, 1, 1800, &x, NULL);
			pop(l, m3);
		}
		pop(l, m2);
	}
out:
	pop(l, mark);
	return rc;
}

static int load_behavior(L *l, const hpa__value *hp, hpa__mhpa *h)
{
	static const char *const known[] = { "scaleUp", "scaleDown", NULL };
	const hpa__value *map;
	size_t mark;
	int rc = get_node(l, hp, "behavior", HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, "behavior");
	if ((rc = check_keys(l, map, known)) == 0 && (rc = load_rules(l, map, "scaleUp")) == 0)
		rc = load_rules(l, map, "scaleDown");
	pop(l, mark);
	if (rc == 0) {
		h->behavior = hpa__v_copy(&l->m->arena, map);
		if (!h->behavior)
			return oom(l);
		forget_source(h->behavior);
	}
	return rc;
}

static int load_metrics(L *l, const hpa__value *hp, hpa__mhpa *h)
{
	static const char *const known[] = { "resource", "averageUtilization", "averageValue", NULL };
	static const char *const resources[] = { "cpu", "memory", NULL };
	const hpa__value *seq;
	size_t mark;
	int rc = get_node(l, hp, "metrics", HPA__V_SEQ, true, &seq);
	if (rc < 0)
		return rc;
	mark = push_key(l, "metrics");
	if (hpa__v_count(seq) == 0) {
		rc = fail(l, seq, HPA_EVALIDATION, "an autoscaler needs at least one metric");
		goto out;
	}
	h->metrics = hpa__arena_calloc(&l->m->arena, hpa__v_count(seq) * sizeof(hpa__mmetric));
	if (!h->metrics) {
		rc = oom(l);
		goto out;
	}
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		const hpa__value *mt = hpa__seq_at(seq, i), *rn, *un, *vn;
		hpa__mmetric *x = &h->metrics[i];
		size_t m2 = push_index(l, i);
		if ((rc = want_kind(l, mt, HPA__V_MAP)) < 0 || (rc = check_keys(l, mt, known)) < 0
			|| (rc = get_enum(l, mt, "resource", true, resources, HPA_EUNSUPPORTED, &x->resource)) < 0
			|| (rc = get_int(l, mt, "averageUtilization", false, 1, INT32_MAX, &x->utilization, &un)) < 0)
			goto next;
		rn = field(mt, "resource");
		vn = field(mt, "averageValue");
		if (un && vn) {
			size_t m3 = push_key(l, "averageValue");
			rc = fail(l, vn, HPA_EVALIDATION, "set averageUtilization or averageValue, not both");
			pop(l, m3);
			goto next;
		}
		if (!un && !vn) {
			rc = fail(l, mt, HPA_EMISSING, "a metric needs averageUtilization (percent of the request) or averageValue");
			goto next;
		}
		if (vn) {
			size_t m3 = push_key(l, "averageValue");
			if (vn->kind != HPA__V_STR && vn->kind != HPA__V_INT && vn->kind != HPA__V_FLOAT)
				rc = want_kind(l, vn, HPA__V_STR);
			else if (!quantity_syntax(hpa__v_text(vn)) || hpa__v_text(vn)[0] == '-')
				rc = fail(l, vn, HPA_EVALIDATION, "\"%.60s\" is not a positive quantity (e.g. 300m, 400Mi)", hpa__v_text(vn));
			pop(l, m3);
			if (rc < 0)
				goto next;
			x->target = HPA__MT_AVERAGE_VALUE;
			if (!(x->value = dup_text(l, vn))) {
				rc = oom(l);
				goto next;
			}
		} else {
			x->target = HPA__MT_UTILIZATION;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(h->metrics[j].resource, x->resource)) {
				size_t m3 = push_key(l, "resource");
				rc = fail(l, rn, HPA_EDUPLICATE, "this autoscaler already scales on %s (metrics[%zu])", x->resource, j);
				pop(l, m3);
				goto next;
			}
		h->n_metrics = i + 1;
next:
		pop(l, m2);
	}
out:
	pop(l, mark);
	return rc;
}

static int load_autoscalers(L *l, const hpa__value *dep)
{
	static const char *const known[] = { "name", "target", "minReplicas", "maxReplicas", "metrics",
		"behavior", NULL };
	const hpa__value *seq;
	size_t mark;
	int rc = get_node(l, dep, "autoscalers", HPA__V_SEQ, false, &seq);
	if (rc < 0 || !seq)
		return rc;
	mark = push_key(l, "autoscalers");
	l->m->hpas = hpa__arena_calloc(&l->m->arena, (hpa__v_count(seq) ? hpa__v_count(seq) : 1) * sizeof(hpa__mhpa));
	if (!l->m->hpas) {
		pop(l, mark);
		return oom(l);
	}
	for (size_t i = 0; i < hpa__v_count(seq) && rc == 0; i++) {
		const hpa__value *hp = hpa__seq_at(seq, i), *nn, *tn, *minn, *maxn;
		hpa__mhpa *h = &l->m->hpas[i];
		const char *target;
		long ci;
		size_t m2 = push_index(l, i);
		h->min = 1;
		if ((rc = want_kind(l, hp, HPA__V_MAP)) < 0 || (rc = check_keys(l, hp, known)) < 0
			|| (rc = get_str(l, hp, "name", false, &h->name, &nn)) < 0
			|| (rc = get_str(l, hp, "target", true, &target, &tn)) < 0
			|| (rc = get_int(l, hp, "minReplicas", false, 1, INT32_MAX, &h->min, &minn)) < 0
			|| (rc = get_int(l, hp, "maxReplicas", true, 1, INT32_MAX, &h->max, &maxn)) < 0)
			goto next;
		ci = find_ctx(l->m, l->m->n_ctxs, target, strlen(target));
		if (ci < 0) {
			hpa__buf names = HPA__BUF_INIT;
			size_t m3 = push_key(l, "target");
			for (size_t j = 0; j < l->m->n_ctxs; j++)
				hpa__buf_printf(&names, "%s%s", j ? ", " : "", l->m->ctxs[j].name);
			rc = fail(l, tn, HPA_ENOTFOUND, "no bounded context \"%.60s\" (known: %.120s)", target,
				names.ptr ? names.ptr : "");
			hpa__buf_dispose(&names);
			pop(l, m3);
			goto next;
		}
		h->ctx = (size_t)ci;
		if (l->m->ctxs[ci].autoscaler >= 0) {
			size_t m3 = push_key(l, "target");
			rc = fail(l, tn, HPA_EDUPLICATE, "bounded context %.60s is already scaled by autoscalers[%d]",
				target, l->m->ctxs[ci].autoscaler);
			pop(l, m3);
			goto next;
		}
		if (!nn) {
			hpa__buf b = HPA__BUF_INIT;
			hpa__buf_printf(&b, "%s-hpa", l->m->ctxs[ci].service);
			h->name = b.ptr ? hpa__arena_strndup(&l->m->arena, b.ptr, b.len) : NULL;
			hpa__buf_dispose(&b);
			if (!h->name) {
				rc = oom(l);
				goto next;
			}
			nn = tn;
		} else if (!dns1123_subdomain(h->name)) {
			size_t m3 = push_key(l, "name");
			rc = fail(l, nn, HPA_EVALIDATION, "\"%.60s\" is not a DNS-1123 subdomain", h->name);
			pop(l, m3);
			goto next;
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(l->m->hpas[j].name, h->name)) {
				size_t m3 = push_key(l, nn == tn ? "target" : "name");
				rc = fail(l, nn, HPA_EDUPLICATE, "autoscaler name \"%.60s\" is already used by autoscalers[%zu]",
					h->name, j);
				pop(l, m3);
				goto next;
			}
		if (h->min > h->max) {
			size_t m3 = push_key(l, "minReplicas");
			rc = fail(l, minn, HPA_EVALIDATION, "minReplicas %d is greater than maxReplicas %d", (int)h->min, (int)h->max);
			pop(l, m3);
			goto next;
		}
		{
			const hpa__value *rep = field(l->ctx_nodes[ci], "replicas");
			if (rep) {
				/* reported where the conflicting field is */
				pop(l, 0);
				push_key(l, "boundedContexts");
				push_index(l, (size_t)ci);
				push_key(l, "replicas");
				return fail(l, rep, HPA_EVALIDATION,
					"bounded context %.60s is scaled by autoscaler %.60s: remove replicas (the autoscaler owns the count)",
					target, h->name);
			}
		}
		if ((rc = load_metrics(l, hp, h)) < 0 || (rc = load_behavior(l, hp, h)) < 0)
			goto next;
		l->m->ctxs[ci].autoscaler = (int)i;
		l->m->n_hpas = i + 1;
next:
		pop(l, m2);
	}
	pop(l, mark);
	return rc;
}

static int load_load_test(L *l, const hpa__value *dep)
{
	static const char *const known[] = { "pod", "image", "command", NULL };
	const hpa__value *map, *pn;
	size_t mark;
	int rc = get_node(l, dep, "loadTest", HPA__V_MAP, false, &map);
	if (rc < 0 || !map)
		return rc;
	mark = push_key(l, "loadTest");
	if ((rc = check_keys(l, map, known)) == 0 && (rc = get_str(l, map, "pod", false, &l->m->load_pod, &pn)) == 0
		&& (rc = get_str(l, map, "image", false, &l->m->load_image, NULL)) == 0
		&& (rc = get_str(l, map, "command", false, &l->m->load_command, NULL)) == 0
		&& pn && !dns1123_subdomain(l->m->load_pod)) {
		size_t m2 = push_key(l, "pod");
		rc = fail(l, pn, HPA_EVALIDATION, "\"%.60s\" is not a DNS-1123 subdomain", l->m->load_pod);
		pop(l, m2);
	}
	pop(l, mark);
	return rc;
}

static int load_deployment(L *l, const hpa__value *root)
{
	static const char *const known[] = { "namespace", "profile", "image", "registry", "tag",
		"imagePullPolicy", "containerPort", "servicePort", "portName", "replicas", "probes",
		"resources", "ingress", "autoscalers", "loadTest", NULL };
	static const char *const pulls[] = { "Always", "IfNotPresent", "Never", NULL };
	hpa_model *m = l->m;
	const hpa__value *dep = NULL, *nsn = NULL, *imgn = NULL, *pnn = NULL;
	const char *pattern = "{registry}/{service}:{tag}", *registry = NULL, *tag = NULL;
	bool has_res = false;
	size_t mark;
	int rc = get_node(l, root, "deployment", HPA__V_MAP, false, &dep);
	if (rc < 0)
		return rc;
	mark = push_key(l, "deployment");
	if (dep) {
		if ((rc = check_keys(l, dep, known)) < 0
			|| (rc = get_str(l, dep, "namespace", false, &m->namespace_, &nsn)) < 0
			|| (rc = get_str(l, dep, "profile", false, &m->profile, NULL)) < 0
			|| (rc = get_str(l, dep, "image", false, &pattern, &imgn)) < 0
			|| (rc = get_str(l, dep, "registry", false, &registry, NULL)) < 0
			|| (rc = get_str(l, dep, "tag", false, &tag, NULL)) < 0
			|| (rc = get_enum(l, dep, "imagePullPolicy", false, pulls, HPA_EVALIDATION, &m->pull_policy)) < 0
			|| (rc = get_int(l, dep, "containerPort", false, 1, 65535, &m->container_port, NULL)) < 0
			|| (rc = get_int(l, dep, "servicePort", false, 1, 65535, &m->service_port, NULL)) < 0
			|| (rc = get_str(l, dep, "portName", false, &m->port_name, &pnn)) < 0
			|| (rc = get_int(l, dep, "replicas", false, 0, INT32_MAX, &m->replicas, NULL)) < 0
			|| (rc = load_probes(l, dep)) < 0
			|| (rc = get_resources(l, dep, "resources", &m->resources, &has_res)) < 0
			|| (rc = load_ingress(l, dep)) < 0
			|| (rc = load_autoscalers(l, dep)) < 0
			|| (rc = load_load_test(l, dep)) < 0)
			goto out;
		if (nsn && !dns1123_label(m->namespace_)) {
			size_t m2 = push_key(l, "namespace");
			rc = fail(l, nsn, HPA_EVALIDATION, "\"%.60s\" is not a DNS-1123 label", m->namespace_);
			pop(l, m2);
			goto out;
		}
		if (pnn && !iana_svc_name(m->port_name)) {
			size_t m2 = push_key(l, "portName");
			rc = fail(l, pnn, HPA_EVALIDATION,
				"\"%.60s\" is not a port name (IANA service name: at most 15 lower-case letters, digits, '-')",
				m->port_name);
			pop(l, m2);
			goto out;
		}
	}
	if (!has_res) {
		/* the reference resources (docs/model.md) */
		static hpa__mkv req[] = { { "cpu", HPA__MODEL_DEFAULT_CPU_REQUEST }, { "memory", HPA__MODEL_DEFAULT_MEMORY_REQUEST } };
		static hpa__mkv lim[] = { { "cpu", HPA__MODEL_DEFAULT_CPU_LIMIT }, { "memory", HPA__MODEL_DEFAULT_MEMORY_LIMIT } };
		m->resources.requests.items = req;
		m->resources.requests.len = 2;
		m->resources.limits.items = lim;
		m->resources.limits.len = 2;
	}
	l->pattern = pattern;
	l->pattern_node = imgn;
	l->registry = registry;
	l->tag = tag;
	l->dep = dep;
out:
	pop(l, mark);
	return rc;
}

/* ---- resources across the sections ---------------------------------------------- */

/* One merged value of a context: the context's own, else the deployment's. */
typedef struct {
	const char *value;
	bool from_ctx;
} mval;

static mval merged_value(const hpa__mmap *base, const hpa__mmap *over, const char *key)
{
	mval v = { over ? hpa__mmap_get(over, key) : NULL, true };
	if (!v.value) {
		v.value = hpa__mmap_get(base, key);
		v.from_ctx = false;
	}
	return v;
}

/* Point the error at list.key ("requests"/"limits") of the context's
 * resources, or of the deployment's when the value is the deployment's. */
static const hpa__value *resource_node(L *l, size_t ci, bool from_ctx, const char *list, const char *key)
{
	const hpa__value *sec = from_ctx ? field(l->ctx_nodes[ci], "resources") : l->dep ? field(l->dep, "resources") : NULL;
	const hpa__value *lst = sec ? field(sec, list) : NULL, *v = lst ? field(lst, key) : NULL;
	pop(l, 0);
	if (from_ctx) {
		push_key(l, "boundedContexts");
		push_index(l, ci);
	} else {
		push_key(l, "deployment");
	}
	push_key(l, "resources");
	push_key(l, list);
	push_key(l, key);
	return v ? v : lst ? lst : sec ? sec : from_ctx ? l->ctx_nodes[ci] : l->dep;
}

static bool whole_number(const char *text)
{
	hpa__qty q;
	int64_t milli;
	int rc;
	if (hpa__quantity_scan(text, strlen(text), &q, NULL))
		return false;
	rc = hpa__qty_milli(&q, &milli);
	return rc == HPA_ERANGE || (rc == 0 && milli % 1000 == 0); /* (beyond int64 milli: as validation, not checked) */
}

/* What the API server checks of a container's resources
 * (ValidateResourceRequirements), on each context's merged requests and
 * limits, so that no rendered container is refused: request <= limit,
 * exactly; request == limit, and a limit, for a resource that cannot be
 * overcommitted (extended resources, hugepages); extended resources in
 * whole numbers; hugepages only beside cpu or memory. */
static int check_resources(L *l)
{
	const hpa__mres *dep = &l->m->resources;
	for (size_t ci = 0; ci < l->m->n_ctxs; ci++) {
		const hpa__mctx *c = &l->m->ctxs[ci];
		const hpa__mres *own = c->has_resources ? &c->resources : NULL;
		const char *pages = NULL; /* the first hugepages name, and where it is */
		bool pages_ctx = false, pages_req = false, cpu_mem = false;
		for (int pass = 0; pass < 4; pass++) {
			/* requests of the deployment, of the context, then limits */
			bool is_req = pass < 2;
			const hpa__mmap *lst = pass % 2 == 0 ? (is_req ? &dep->requests : &dep->limits)
				: own ? (is_req ? &own->requests : &own->limits) : NULL;
			for (size_t k = 0; lst && k < lst->len; k++) {
				const char *rn = lst->items[k].key;
				mval rv = merged_value(is_req ? &dep->requests : &dep->limits,
					own ? (is_req ? &own->requests : &own->limits) : NULL, rn);
				mval lv;
				int cmp = 0;
				char in[96];
				if (pass % 2 == 0 && rv.from_ctx)
					continue; /* the context's value: its own pass */
				if (!strncmp(rn, "hugepages-", 10) && !pages) {
					pages = rn;
					pages_ctx = rv.from_ctx;
					pages_req = is_req;
				}
				if (!strcmp(rn, "cpu") || !strcmp(rn, "memory"))
					cpu_mem = true;
				if (hpa__schema_resource_extended(rn) && !whole_number(rv.value))
					return fail(l, resource_node(l, ci, rv.from_ctx, is_req ? "requests" : "limits", rn),
						HPA_EVALIDATION, "%.60s \"%.60s\" must be a whole number (an extended resource)",
						rn, rv.value);
				if (!is_req)
					continue;
				lv = merged_value(&dep->limits, own ? &own->limits : NULL, rn);
				/* a value of the deployment's alone concerns every context */
				in[0] = '\0';
				if (rv.from_ctx || (lv.value && lv.from_ctx))
					snprintf(in, sizeof(in), " in bounded context %.60s", c->name);
				if (!lv.value) {
					if (!hpa__schema_resource_overcommit(rn))
						return fail(l, resource_node(l, ci, rv.from_ctx, "requests", rn), HPA_EVALIDATION,
							"%.60s cannot be overcommitted: set limits.%.60s to the request \"%.60s\"%s",
							rn, rn, rv.value, in);
					continue;
				}
				if (hpa__schema_quantity_cmp(rv.value, strlen(rv.value), lv.value, strlen(lv.value), &cmp))
					continue; /* (both were checked when loaded) */
				if (cmp != 0 && !hpa__schema_resource_overcommit(rn))
					return fail(l, lv.from_ctx && !rv.from_ctx ? resource_node(l, ci, true, "limits", rn)
						: resource_node(l, ci, rv.from_ctx, "requests", rn), HPA_EVALIDATION,
						"%.60s cannot be overcommitted: request \"%.60s\" must equal limit \"%.60s\"%s",
						rn, rv.value, lv.value, in);
				if (cmp > 0)
					return fail(l, lv.from_ctx && !rv.from_ctx ? resource_node(l, ci, true, "limits", rn)
						: resource_node(l, ci, rv.from_ctx, "requests", rn), HPA_EVALIDATION,
						"%.60s request \"%.60s\" is more than its limit \"%.60s\"%s",
						rn, rv.value, lv.value, in);
			}
		}
		if (pages && !cpu_mem)
			return fail(l, resource_node(l, ci, pages_ctx, pages_req ? "requests" : "limits", pages), HPA_EVALIDATION,
				"%.60s needs a cpu or memory request or limit beside it%s%.60s", pages,
				pages_ctx ? " in bounded context " : "", pages_ctx ? c->name : "");
	}
	pop(l, 0);
	return 0;
}

/* Every context's image: its own pattern or the deployment's. */
static int expand_images(L *l, const hpa__value *root)
{
	int rc = 0;
	for (size_t i = 0; i < l->m->n_ctxs && rc == 0; i++) {
		hpa__mctx *c = &l->m->ctxs[i];
		const hpa__value *node;
		const char *pat;
		pop(l, 0);
		if (c->image) {
			push_key(l, "boundedContexts");
			push_index(l, i);
			push_key(l, "image");
			node = field(l->ctx_nodes[i], "image");
			pat = c->image;
		} else {
			push_key(l, "deployment");
			if (l->pattern_node)
				push_key(l, "image");
			node = l->pattern_node ? l->pattern_node : l->dep ? l->dep : root;
			pat = l->pattern;
		}
		rc = expand_image(l, node, pat, c, l->registry, l->tag, &c->image);
	}
	pop(l, 0);
	return rc;
}

/* ---- entry ---------------------------------------------------------------------- */

void hpa_model_free(hpa_model *m)
{
	if (!m)
		return;
	hpa__arena_dispose(&m->arena);
	hpa__free(m);
}

int hpa__model_from_value(hpa_model **out, const hpa__value *root, const char *source, hpa_error *err)
{
	static const char *const known[] = { "model", "messaging", "boundedContexts", "deployment", NULL };
	L l;
	hpa_model *m;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.err = err;
	l.source = source ? source : "<string>";
	m = hpa__calloc(1, sizeof(*m));
	if (!m)
		return hpa__enomem(err);
	hpa__arena_init(&m->arena, 8192);
	m->env_name = "SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS";
	m->profile = "docker";
	m->container_port = 8080;
	m->service_port = -1;
	m->port_name = "http";
	m->replicas = 1;
	m->probes = true;
	m->probe_path = "/actuator/health";
	m->readiness = (hpa__mprobe){ 10, 2, 5, 10, -1 };
	m->liveness = (hpa__mprobe){ 120, 2, 5, 5, -1 };
	m->ingress = true;
	m->ingress_name = "gateway";
	m->ingress_class = "nginx";
	m->path_rule = HPA_PATH_RULE_AGGREGATE;
	m->load_pod = "siege";
	m->load_image = "apexacme/siege-nginx";
	l.m = m;
	if (!root) {
		rc = hpa__error(err, HPA_EMISSING, "the model file is empty");
		hpa__error_set_source(err, l.source);
	} else if ((rc = want_kind(&l, root, HPA__V_MAP)) == 0 && (rc = check_keys(&l, root, known)) == 0
		&& (rc = load_model_section(&l, root)) == 0 && (rc = load_messaging(&l, root)) == 0
		&& (rc = load_contexts(&l, root)) == 0 && (rc = load_deployment(&l, root)) == 0
		&& (rc = check_resources(&l)) == 0)
		rc = expand_images(&l, root);
	if (rc == 0 && hpa__buf_oom(&l.path))
		rc = oom(&l);
	hpa__buf_dispose(&l.path);
	hpa__free(l.ctx_nodes);
	if (rc < 0) {
		hpa_model_free(m);
		return rc;
	}
	*out = m;
	return HPA_OK;
}

/* ---- read access -------------------------------------------------------------------- */

const char *hpa_model_name(const hpa_model *m)
{
	return m ? m->name : NULL;
}

size_t hpa_model_context_count(const hpa_model *m)
{
	return m ? m->n_ctxs : 0;
}

const char *hpa_model_context_name(const hpa_model *m, size_t i)
{
	return m && i < m->n_ctxs ? m->ctxs[i].name : NULL;
}

const char *hpa_model_context_service(const hpa_model *m, size_t i)
{
	return m && i < m->n_ctxs ? m->ctxs[i].service : NULL;
}

size_t hpa_model_aggregate_count(const hpa_model *m, size_t i)
{
	return m && i < m->n_ctxs ? m->ctxs[i].n_aggs : 0;
}

const char *hpa_model_aggregate_name(const hpa_model *m, size_t i, size_t a)
{
	return m && i < m->n_ctxs && a < m->ctxs[i].n_aggs ? m->ctxs[i].aggs[a].name : NULL;
}

const char *hpa_model_aggregate_rest_path(const hpa_model *m, size_t i, size_t a)
{
	return m && i < m->n_ctxs && a < m->ctxs[i].n_aggs ? m->ctxs[i].aggs[a].rest_path : NULL;
}
