/* lib/validate/v_kinds.c -- Deployment, Service, Ingress and
 * HorizontalPodAutoscaler validation, after pkg/apis/{apps,core,networking,
 * autoscaling}/validation/validation.go of Kubernetes (behaviour translated,
 * messages kept). Defaulting that happens before validation on the server
 * is taken into account (absent strategy, targetPort, protocol, pathType is
 * NOT defaulted in networking/v1). */
#include "validate/validate_int.h"
#include <stdio.h>

static void invalid_msgs(hpa__vctx *c, const char *child, const hpa__value *pos,
	const char *value, const hpa__msgs *ms)
{
	int i;
	for (i = 0; i < ms->n; i++)
		hpa__fe(c, HPA__FE_INVALID, child, pos, value, "%s", ms->m[i]);
}

/* int scalar child: value in *out, 1 found, 0 absent/not int */
static int geti(const hpa__value *map, const char *key, int64_t *out)
{
	return hpa__vint(map, key, out) == 1;
}

static void nonneg(hpa__vctx *c, const hpa__value *map, const char *key)
{
	int64_t n;
	if (geti(map, key, &n) && n < 0)
		hpa__fe(c, HPA__FE_INVALID, key, hpa__vget(map, key), hpa__v_text(hpa__vget(map, key)),
			"must be greater than or equal to 0");
}

/* ---- Deployment ------------------------------------------------------------------- */

/* intstr.IntOrString printed with %#v, as field.Error does for this type */
static void ios_repr(hpa__vctx *c, char *buf, size_t size, const hpa__value *v)
{
	if (v && v->kind == HPA__V_INT)
		snprintf(buf, size, "intstr.IntOrString{Type:0, IntVal:%s, StrVal:\"\"}", hpa__v_text(v));
	else if (v && v->kind == HPA__V_STR) {
		char q[300];
		hpa__quote(c, q, sizeof(q), hpa__v_text(v));
		snprintf(buf, size, "intstr.IntOrString{Type:1, IntVal:0, StrVal:%s}", q);
	} else
		snprintf(buf, size, "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}");
}

/* value of an int-or-percent (percent as its number), -1 when unparsable */
static int64_t ios_value(const hpa__value *v, bool *is_pct)
{
	int64_t n;
	*is_pct = false;
	if (!v)
		return 25; /* defaulted to 25% */
	if (v->kind == HPA__V_INT)
		return hpa__v_int_range(v, INT32_MIN, INT32_MAX, &n) == 0 ? n : -1;
	if (v->kind == HPA__V_STR && hpa__is_percent(hpa__v_text(v))) {
		const char *p = hpa__v_text(v);
		n = 0;
		*is_pct = true;
		while (*p >= '0' && *p <= '9' && n < 100000)
			n = n * 10 + (*p++ - '0');
		return n;
	}
	return v->kind == HPA__V_STR ? 0 : -1; /* Go's IntValue() of a non-number string is 0 */
}

static void val_int_or_percent(hpa__vctx *c, const char *key, const hpa__value *v)
{
	char r[400];
	if (!v)
		return;
	ios_repr(c, r, sizeof(r), v);
	if (v->kind == HPA__V_STR) {
		if (!hpa__is_percent(hpa__v_text(v)))
			hpa__fe(c, HPA__FE_INVALID, key, v, r, "a valid percent string must be a numeric string "
				"followed by an ending '%%' (e.g. '1%%',  or '93%%', regex used for validation is '[0-9]+%%')");
	} else if (v->kind == HPA__V_INT) {
		int64_t n;
		if (hpa__v_int_range(v, 0, INT64_MAX, &n) < 0)
			hpa__fe(c, HPA__FE_INVALID, key, v, hpa__v_text(v), "must be greater than or equal to 0");
	}
}

static void val_strategy(hpa__vctx *c, const hpa__value *spec)
{
	const hpa__value *st = hpa__vget(spec, "strategy");
	const char *type = hpa__vstr(st, "type");
	const hpa__value *ru = hpa__vget(st, "rollingUpdate");
	hpa__vmark m = hpa__vp_key(c, "strategy");
	char q[400];
	if (!type || strcmp(type, "RollingUpdate") == 0) {
		/* absent type and rollingUpdate fields are defaulted (25%/25%) */
		const hpa__value *mu = hpa__vget(ru, "maxUnavailable"), *ms = hpa__vget(ru, "maxSurge");
		bool pu, ps;
		hpa__vmark m2 = hpa__vp_key(c, "rollingUpdate");
		val_int_or_percent(c, "maxUnavailable", mu);
		val_int_or_percent(c, "maxSurge", ms);
		if (ios_value(mu, &pu) == 0 && ios_value(ms, &ps) == 0) {
			ios_repr(c, q, sizeof(q), mu);
			hpa__fe(c, HPA__FE_INVALID, "maxUnavailable", mu ? mu : (ru ? ru : st), q,
				"may not be 0 when `maxSurge` is 0");
		}
		if (mu && ios_value(mu, &pu) > 100 && pu) {
			ios_repr(c, q, sizeof(q), mu);
			hpa__fe(c, HPA__FE_INVALID, "maxUnavailable", mu, q, "must not be greater than 100%%");
		}
		hpa__vp_reset(c, m2);
	} else if (strcmp(type, "Recreate") == 0) {
		if (ru)
			hpa__fe(c, HPA__FE_FORBIDDEN, "rollingUpdate", ru, NULL,
				"may not be specified when strategy `type` is 'Recreate'");
	} else {
		hpa__quote(c, q, sizeof(q), type);
		hpa__fe(c, HPA__FE_UNSUPPORTED, NULL, hpa__vget(st, "type"), q,
			"supported values: \"Recreate\", \"RollingUpdate\"");
	}
	hpa__vp_reset(c, m);
}

static void selector_repr(hpa__buf *b, const hpa__value *sel)
{
	const hpa__value *ml = hpa__vget(sel, "matchLabels");
	const hpa__value *ex = hpa__vget(sel, "matchExpressions");
	size_t i, j;
	hpa__buf_puts(b, "v1.LabelSelector{MatchLabels:");
	if (hpa__vis(ml, HPA__V_MAP))
		hpa__repr(b, ml);
	else
		hpa__buf_puts(b, "map[string]string(nil)");
	hpa__buf_puts(b, ", MatchExpressions:");
	if (!hpa__vis(ex, HPA__V_SEQ)) {
		hpa__buf_puts(b, "[]v1.LabelSelectorRequirement(nil)}");
		return;
	}
	hpa__buf_puts(b, "[]v1.LabelSelectorRequirement{");
	for (i = 0; i < hpa__v_count(ex); i++) {
		const hpa__value *e = hpa__seq_at(ex, i);
		const hpa__value *vals = hpa__vget(e, "values");
		const char *k = hpa__vstr(e, "key"), *op = hpa__vstr(e, "operator");
		if (i)
			hpa__buf_puts(b, ", ");
		hpa__buf_puts(b, "v1.LabelSelectorRequirement{Key:");
		hpa__repr_str(b, k ? k : "", k ? strlen(k) : 0);
		hpa__buf_puts(b, ", Operator:");
		hpa__repr_str(b, op ? op : "", op ? strlen(op) : 0);
		hpa__buf_puts(b, ", Values:");
		if (!hpa__vis(vals, HPA__V_SEQ)) {
			hpa__buf_puts(b, "[]string(nil)}");
			continue;
		}
		hpa__buf_puts(b, "[]string{");
		for (j = 0; j < hpa__v_count(vals); j++) {
			const hpa__value *v = hpa__seq_at(vals, j);
			if (j)
				hpa__buf_puts(b, ", ");
			if (v && v->kind != HPA__V_MAP && v->kind != HPA__V_SEQ)
				hpa__repr_str(b, hpa__v_text(v), hpa__v_textlen(v));
			else
				hpa__buf_puts(b, "\"\"");
		}
		hpa__buf_puts(b, "}}");
	}
	hpa__buf_puts(b, "}}");
}

/* metav1.LabelSelectorAsSelector succeeds (keys, values and operators valid) */
static bool selector_convertible(const hpa__value *sel)
{
	const hpa__value *ml = hpa__vget(sel, "matchLabels"), *ex = hpa__vget(sel, "matchExpressions");
	size_t i, j;
	hpa__msgs ms = { 0 };
	for (i = 0; hpa__vis(ml, HPA__V_MAP) && i < hpa__v_count(ml); i++) {
		const hpa__value *v = hpa__map_val(ml, i);
		hpa__chk_qualified_name(&ms, hpa__v_text(hpa__map_key(ml, i)));
		if (v && v->kind == HPA__V_STR)
			hpa__chk_label_value(&ms, hpa__v_text(v));
		if (v && v->kind == HPA__V_STR && hpa__v_textlen(v) > 63)
			return false;
	}
	for (i = 0; hpa__vis(ex, HPA__V_SEQ) && i < hpa__v_count(ex); i++) {
		const hpa__value *e = hpa__seq_at(ex, i);
		const char *op = hpa__vstr(e, "operator"), *k = hpa__vstr(e, "key");
		const hpa__value *vals = hpa__vget(e, "values");
		size_t nv = hpa__vlen(vals);
		if (!op || !k)
			return false;
		if (strcmp(op, "In") == 0 || strcmp(op, "NotIn") == 0) {
			if (nv == 0)
				return false;
		} else if (strcmp(op, "Exists") == 0 || strcmp(op, "DoesNotExist") == 0) {
			if (nv != 0)
				return false;
		} else {
			return false;
		}
		hpa__chk_qualified_name(&ms, k);
		for (j = 0; hpa__vis(vals, HPA__V_SEQ) && j < nv; j++) {
			const hpa__value *v = hpa__seq_at(vals, j);
			if (v && v->kind == HPA__V_STR)
				hpa__chk_label_value(&ms, hpa__v_text(v));
		}
	}
	return ms.n == 0;
}

void hpa__val_deployment(hpa__vctx *c)
{
	const hpa__value *root = c->obj->root;
	const hpa__value *spec = hpa__vget(root, "spec");
	const hpa__value *sel = hpa__vget(spec, "selector");
	const hpa__value *tpl = hpa__vget(spec, "template");
	hpa__vmark m;
	int64_t prog, mrs = 0;
	hpa__val_meta(c, hpa__vget(root, "metadata"), 0);
	m = hpa__vp_key(c, "spec");
	nonneg(c, spec, "replicas");
	if (!sel) {
		hpa__fe(c, HPA__FE_REQUIRED, "selector", spec ? spec : root, NULL, NULL);
	} else if (hpa__vis(sel, HPA__V_MAP)) {
		hpa__vmark m2 = hpa__vp_key(c, "selector");
		hpa__val_label_selector(c, sel);
		hpa__vp_reset(c, m2);
		if (hpa__vlen(hpa__vget(sel, "matchLabels")) + hpa__vlen(hpa__vget(sel, "matchExpressions")) == 0) {
			hpa__buf b = HPA__BUF_INIT;
			selector_repr(&b, sel);
			hpa__vctx_check_buf(c, &b);
			hpa__fe(c, HPA__FE_INVALID, "selector", sel, b.ptr ? b.ptr : "",
				"empty selector is invalid for deployment");
			hpa__buf_dispose(&b);
		}
	}
	if (sel && hpa__vis(sel, HPA__V_MAP) && !selector_convertible(sel)) {
		/* the API server then skips the template (LabelSelectorAsSelector failed) */
		hpa__buf b = HPA__BUF_INIT;
		selector_repr(&b, sel);
		hpa__vctx_check_buf(c, &b);
		hpa__fe(c, HPA__FE_INVALID, "selector", sel, b.ptr ? b.ptr : "", "invalid label selector");
		hpa__buf_dispose(&b);
	} else if (!tpl) {
		hpa__fe(c, HPA__FE_REQUIRED, "template", spec ? spec : root, NULL, NULL);
	} else if (hpa__vis(tpl, HPA__V_MAP)) {
		const hpa__value *labels = hpa__vget(hpa__vget(tpl, "metadata"), "labels");
		hpa__vmark m2 = hpa__vp_key(c, "template");
		if (sel && hpa__vlen(hpa__vget(sel, "matchLabels")) + hpa__vlen(hpa__vget(sel, "matchExpressions")) > 0 &&
				!hpa__selector_matches(sel, labels)) {
			hpa__buf b = HPA__BUF_INIT;
			if (hpa__vis(labels, HPA__V_MAP))
				hpa__repr(&b, labels);
			else
				hpa__buf_puts(&b, "map[string]string(nil)");
			hpa__vctx_check_buf(c, &b);
			hpa__fe(c, HPA__FE_INVALID, "metadata.labels", labels ? labels : tpl, b.ptr ? b.ptr : "",
				"`selector` does not match template `labels`");
			hpa__buf_dispose(&b);
		}
		hpa__val_pod_template(c, tpl);
		hpa__vp_reset(c, m2);
	}
	val_strategy(c, spec);
	nonneg(c, spec, "minReadySeconds");
	nonneg(c, spec, "revisionHistoryLimit");
	geti(spec, "minReadySeconds", &mrs);
	if (geti(spec, "progressDeadlineSeconds", &prog)) {
		nonneg(c, spec, "progressDeadlineSeconds");
		if (prog <= mrs)
			hpa__fe(c, HPA__FE_INVALID, "progressDeadlineSeconds", hpa__vget(spec, "progressDeadlineSeconds"),
				hpa__v_text(hpa__vget(spec, "progressDeadlineSeconds")), "must be greater than minReadySeconds");
	}
	hpa__vp_reset(c, m);
}

/* ---- Service ------------------------------------------------------------------------- */

void hpa__val_service(hpa__vctx *c)
{
	const hpa__value *root = c->obj->root;
	const hpa__value *spec = hpa__vget(root, "spec");
	const hpa__value *ports = hpa__vget(spec, "ports");
	const char *type = hpa__vstr(spec, "type");
	const char *cip = hpa__vstr(spec, "clusterIP");
	const char *aff = hpa__vstr(spec, "sessionAffinity");
	bool headless = cip && strcmp(cip, "None") == 0;
	bool extname = type && strcmp(type, "ExternalName") == 0;
	char q[400];
	hpa__vmark m;
	size_t i, j;
	hpa__val_meta(c, hpa__vget(root, "metadata"), 1);
	m = hpa__vp_key(c, "spec");
	if (type && strcmp(type, "ClusterIP") != 0 && strcmp(type, "NodePort") != 0 &&
			strcmp(type, "LoadBalancer") != 0 && !extname) {
		hpa__quote(c, q, sizeof(q), type);
		hpa__fe(c, HPA__FE_UNSUPPORTED, "type", hpa__vget(spec, "type"), q,
			"supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
	}
	if (extname) {
		const char *en = hpa__vstr(spec, "externalName");
		if (!en || !*en) {
			hpa__fe(c, HPA__FE_REQUIRED, "externalName", spec, NULL, NULL);
		} else {
			hpa__msgs ms = { 0 };
			hpa__chk_dns1123_subdomain(&ms, en);
			hpa__quote(c, q, sizeof(q), en);
			invalid_msgs(c, "externalName", hpa__vget(spec, "externalName"), q, &ms);
		}
	}
	if (aff && strcmp(aff, "ClientIP") != 0 && strcmp(aff, "None") != 0) {
		hpa__quote(c, q, sizeof(q), aff);
		hpa__fe(c, HPA__FE_UNSUPPORTED, "sessionAffinity", hpa__vget(spec, "sessionAffinity"), q,
			"supported values: \"ClientIP\", \"None\"");
	}
	if (hpa__vlen(ports) == 0 && !headless && !extname)
		hpa__fe(c, HPA__FE_REQUIRED, "ports", ports ? ports : (spec ? spec : root), NULL, NULL);
	if (hpa__vis(ports, HPA__V_SEQ)) {
		bool require_name = hpa__v_count(ports) > 1;
		for (i = 0; i < hpa__v_count(ports); i++) {
			const hpa__value *p = hpa__seq_at(ports, i);
			const char *name = hpa__vstr(p, "name"), *proto = hpa__vstr(p, "protocol");
			const hpa__value *port = hpa__vget(p, "port"), *tp = hpa__vget(p, "targetPort");
			const hpa__value *np = hpa__vget(p, "nodePort");
			hpa__vmark mi = hpa__vp_key(c, "ports");
			int64_t n, pn = 0;
			hpa__vp_index(c, i);
			if (!name || !*name) {
				if (require_name)
					hpa__fe(c, HPA__FE_REQUIRED, "name", p, NULL, NULL);
			} else {
				/* Service port names are DNS labels (not IANA_SVC_NAMEs like container ports) */
				hpa__msgs ms = { 0 };
				hpa__chk_dns1123_label(&ms, name);
				hpa__quote(c, q, sizeof(q), name);
				invalid_msgs(c, "name", hpa__vget(p, "name"), q, &ms);
				for (j = 0; j < i; j++) {
					const char *o = hpa__vstr(hpa__seq_at(ports, j), "name");
					if (o && strcmp(o, name) == 0) {
						hpa__fe(c, HPA__FE_DUPLICATE, "name", hpa__vget(p, "name"), q, NULL);
						break;
					}
				}
			}
			if (proto && strcmp(proto, "TCP") != 0 && strcmp(proto, "UDP") != 0 && strcmp(proto, "SCTP") != 0) {
				hpa__quote(c, q, sizeof(q), proto);
				hpa__fe(c, HPA__FE_UNSUPPORTED, "protocol", hpa__vget(p, "protocol"), q,
					"supported values: \"SCTP\", \"TCP\", \"UDP\"");
			}
			if (!port || port->kind != HPA__V_INT || hpa__v_int_range(port, 1, 65535, &pn) < 0)
				hpa__fe(c, HPA__FE_INVALID, "port", port ? port : p,
					port && port->kind == HPA__V_INT ? hpa__v_text(port) : "0",
					"must be between 1 and 65535, inclusive");
			if (tp) {
				/* 0 and "" are defaulted to port */
				if (tp->kind == HPA__V_INT && hpa__v_int_range(tp, 0, 0, &n) < 0 &&
						hpa__v_int_range(tp, 1, 65535, &n) < 0)
					hpa__fe(c, HPA__FE_INVALID, "targetPort", tp, hpa__v_text(tp),
						"must be between 1 and 65535, inclusive");
				else if (tp->kind == HPA__V_STR && hpa__v_textlen(tp) > 0) {
					hpa__msgs ms = { 0 };
					hpa__chk_port_name(&ms, hpa__v_text(tp));
					hpa__quote(c, q, sizeof(q), hpa__v_text(tp));
					invalid_msgs(c, "targetPort", tp, q, &ms);
				}
			}
			if (np && np->kind == HPA__V_INT && hpa__v_int_range(np, 0, 0, &n) < 0) {
				if (!type || strcmp(type, "ClusterIP") == 0)
					hpa__fe(c, HPA__FE_FORBIDDEN, "nodePort", np, NULL, "may not be used when `type` is 'ClusterIP'");
				else if (extname)
					hpa__fe(c, HPA__FE_FORBIDDEN, "nodePort", np, NULL, "may not be used when `type` is 'ExternalName'");
				else if (hpa__v_int_range(np, 1, 65535, &n) < 0)
					hpa__fe(c, HPA__FE_INVALID, "nodePort", np, hpa__v_text(np), "must be between 1 and 65535, inclusive");
			}
			hpa__vp_reset(c, mi);
		}
		/* (protocol, port) pairs must be unique */
		for (i = 0; i < hpa__v_count(ports); i++) {
			const hpa__value *p = hpa__seq_at(ports, i);
			const char *pr = hpa__vstr(p, "protocol");
			int64_t pn;
			if (!pr)
				pr = "TCP";
			if (!geti(p, "port", &pn))
				continue;
			for (j = 0; j < i; j++) {
				const char *pr2 = hpa__vstr(hpa__seq_at(ports, j), "protocol");
				int64_t pn2;
				if (!pr2)
					pr2 = "TCP";
				if (geti(hpa__seq_at(ports, j), "port", &pn2) && pn2 == pn && strcmp(pr, pr2) == 0) {
					char r[400];
					hpa__vmark mi = hpa__vp_key(c, "ports");
					hpa__vp_index(c, i);
					snprintf(r, sizeof(r), "core.ServicePort{Name:\"\", Protocol:\"%s\", AppProtocol:(*string)(nil), "
						"Port:%lld, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}",
						pr, (long long)pn);
					hpa__fe(c, HPA__FE_DUPLICATE, NULL, p, r, NULL);
					hpa__vp_reset(c, mi);
					break;
				}
			}
		}
	}
	{
		hpa__vmark m2 = hpa__vp_key(c, "selector");
		hpa__val_labels(c, hpa__vget(spec, "selector"));
		hpa__vp_reset(c, m2);
	}
	hpa__vp_reset(c, m);
}

/* ---- Ingress ----------------------------------------------------------------------------- */

static bool looks_like_ip(const char *s)
{
	size_t i, dots = 0, colons = 0;
	bool digits_only = true;
	for (i = 0; s[i]; i++) {
		if (s[i] == '.')
			dots++;
		else if (s[i] == ':')
			colons++;
		else if (!(s[i] >= '0' && s[i] <= '9'))
			digits_only = false;
	}
	return (digits_only && dots == 3) || colons >= 2;
}

static void val_backend(hpa__vctx *c, const char *key, const hpa__value *be)
{
	const hpa__value *svc = hpa__vget(be, "service"), *res = hpa__vget(be, "resource");
	hpa__vmark m = hpa__vp_key(c, key);
	char q[400];
	if (svc && res) {
		hpa__fe(c, HPA__FE_INVALID, NULL, be, "\"\"", "cannot set both resource and service backends");
	} else if (res) {
		const char *kind = hpa__vstr(res, "kind"), *name = hpa__vstr(res, "name");
		hpa__msgs ms = { 0 };
		hpa__vmark m2 = hpa__vp_key(c, "resource");
		if (!kind || !*kind)
			hpa__fe(c, HPA__FE_REQUIRED, "kind", res, NULL, "kind is required");
		else {
			hpa__chk_path_segment(&ms, kind);
			hpa__quote(c, q, sizeof(q), kind);
			invalid_msgs(c, "kind", hpa__vget(res, "kind"), q, &ms);
		}
		ms.n = 0;
		if (!name || !*name)
			hpa__fe(c, HPA__FE_REQUIRED, "name", res, NULL, "name is required");
		else {
			hpa__chk_path_segment(&ms, name);
			hpa__quote(c, q, sizeof(q), name);
			invalid_msgs(c, "name", hpa__vget(res, "name"), q, &ms);
		}
		hpa__vp_reset(c, m2);
	} else if (svc) {
		const char *name = hpa__vstr(svc, "name");
		const hpa__value *port = hpa__vget(svc, "port");
		const char *pname = hpa__vstr(port, "name");
		int64_t pnum = 0;
		bool has_num = geti(port, "number", &pnum) && pnum != 0;
		if (!name || !*name) {
			hpa__fe(c, HPA__FE_REQUIRED, "service.name", svc, NULL, NULL);
		} else {
			hpa__msgs ms = { 0 };
			hpa__chk_dns1035_label(&ms, name);
			hpa__quote(c, q, sizeof(q), name);
			invalid_msgs(c, "service.name", hpa__vget(svc, "name"), q, &ms);
		}
		if (pname && *pname && has_num) {
			hpa__fe(c, HPA__FE_INVALID, NULL, port, "\"\"", "cannot set both port name & port number");
		} else if (pname && *pname) {
			hpa__msgs ms = { 0 };
			hpa__chk_port_name(&ms, pname);
			hpa__quote(c, q, sizeof(q), pname);
			invalid_msgs(c, "service.port.name", hpa__vget(port, "name"), q, &ms);
		} else if (has_num) {
			if (pnum < 1 || pnum > 65535)
				hpa__fe(c, HPA__FE_INVALID, "service.port.number", hpa__vget(port, "number"),
					hpa__v_text(hpa__vget(port, "number")), "must be between 1 and 65535, inclusive");
		} else {
			hpa__fe(c, HPA__FE_REQUIRED, NULL, port ? port : svc, NULL, "port name or number is required");
		}
	} else {
		hpa__fe(c, HPA__FE_INVALID, NULL, be, "\"\"", "resource or service backend is required");
	}
	hpa__vp_reset(c, m);
}

static void val_http_path(hpa__vctx *c, const hpa__value *p)
{
	static const char *const bad_seq[] = { "//", "/./", "/../", "%2f", "%2F" };
	static const char *const bad_suf[] = { "/..", "/." };
	const char *pt = hpa__vstr(p, "pathType");
	const char *path = hpa__vstr(p, "path");
	char q[600];
	size_t i;
	if (!path)
		path = "";
	if (!pt) {
		hpa__fe(c, HPA__FE_REQUIRED, "pathType", p, NULL, "pathType must be specified");
		return;
	}
	hpa__quote(c, q, sizeof(q), path);
	if (strcmp(pt, "Exact") == 0 || strcmp(pt, "Prefix") == 0) {
		const hpa__value *pv = hpa__vget(p, "path") ? hpa__vget(p, "path") : p;
		size_t n = strlen(path);
		if (path[0] != '/')
			hpa__fe(c, HPA__FE_INVALID, "path", pv, q, "must be an absolute path");
		if (n) {
			for (i = 0; i < HPA__ARRAY_SIZE(bad_seq); i++)
				if (strstr(path, bad_seq[i]))
					hpa__fe(c, HPA__FE_INVALID, "path", pv, q, "must not contain '%s'", bad_seq[i]);
			for (i = 0; i < HPA__ARRAY_SIZE(bad_suf); i++) {
				size_t sl = strlen(bad_suf[i]);
				if (n >= sl && strcmp(path + n - sl, bad_suf[i]) == 0)
					hpa__fe(c, HPA__FE_INVALID, "path", pv, q, "cannot end with '%s'", bad_suf[i]);
			}
		}
	} else if (strcmp(pt, "ImplementationSpecific") == 0) {
		if (path[0] && path[0] != '/')
			hpa__fe(c, HPA__FE_INVALID, "path", hpa__vget(p, "path"), q, "must be an absolute path");
	} else {
		hpa__quote(c, q, sizeof(q), pt);
		hpa__fe(c, HPA__FE_UNSUPPORTED, "pathType", hpa__vget(p, "pathType"), q,
			"supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"");
	}
	val_backend(c, "backend", hpa__vget(p, "backend"));
}

void hpa__val_ingress(hpa__vctx *c)
{
	const hpa__value *root = c->obj->root;
	const hpa__value *meta = hpa__vget(root, "metadata");
	const hpa__value *spec = hpa__vget(root, "spec");
	const hpa__value *rules = hpa__vget(spec, "rules");
	const hpa__value *tls = hpa__vget(spec, "tls");
	const char *icn = hpa__vstr(spec, "ingressClassName");
	const char *ann = hpa__vstr(hpa__vget(meta, "annotations"), "kubernetes.io/ingress.class");
	char q[600];
	hpa__vmark m;
	size_t i, j;
	hpa__val_meta(c, meta, 0);
	m = hpa__vp_key(c, "spec");
	if (hpa__vlen(rules) == 0 && !hpa__vget(spec, "defaultBackend"))
		hpa__fe(c, HPA__FE_INVALID, NULL, spec ? spec : root,
			"[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified");
	if (hpa__vget(spec, "defaultBackend"))
		val_backend(c, "defaultBackend", hpa__vget(spec, "defaultBackend"));
	for (i = 0; hpa__vis(rules, HPA__V_SEQ) && i < hpa__v_count(rules); i++) {
		const hpa__value *r = hpa__seq_at(rules, i);
		const char *host = hpa__vstr(r, "host");
		const hpa__value *http = hpa__vget(r, "http");
		hpa__vmark mi = hpa__vp_key(c, "rules");
		hpa__vp_index(c, i);
		if (host && *host) {
			hpa__msgs ms = { 0 };
			hpa__quote(c, q, sizeof(q), host);
			if (looks_like_ip(host))
				hpa__fe(c, HPA__FE_INVALID, "host", hpa__vget(r, "host"), q, "must be a DNS name, not an IP address");
			if (strchr(host, '*')) {
				if (strncmp(host, "*.", 2) != 0 || strchr(host + 2, '*') || strlen(host) > 253 ||
						(hpa__chk_dns1123_subdomain(&ms, host + 2), ms.n > 0)) {
					ms.n = 0;
					hpa__msgs_add(&ms, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS "
						"subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end "
						"with an alphanumeric character (e.g. '*.example.com', regex used for validation is "
						"'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
				}
			} else {
				hpa__chk_dns1123_subdomain(&ms, host);
			}
			invalid_msgs(c, "host", hpa__vget(r, "host"), q, &ms);
		}
		if (http) {
			const hpa__value *paths = hpa__vget(http, "paths");
			hpa__vmark mh = hpa__vp_key(c, "http");
			if (hpa__vlen(paths) == 0)
				hpa__fe(c, HPA__FE_REQUIRED, "paths", paths ? paths : http, NULL, NULL);
			for (j = 0; hpa__vis(paths, HPA__V_SEQ) && j < hpa__v_count(paths); j++) {
				hpa__vmark mp = hpa__vp_key(c, "paths");
				hpa__vp_index(c, j);
				if (hpa__vis(hpa__seq_at(paths, j), HPA__V_MAP))
					val_http_path(c, hpa__seq_at(paths, j));
				hpa__vp_reset(c, mp);
			}
			hpa__vp_reset(c, mh);
		}
		hpa__vp_reset(c, mi);
	}
	for (i = 0; hpa__vis(tls, HPA__V_SEQ) && i < hpa__v_count(tls); i++) {
		const hpa__value *t = hpa__seq_at(tls, i);
		const hpa__value *hosts = hpa__vget(t, "hosts");
		const char *secret = hpa__vstr(t, "secretName");
		hpa__vmark mi = hpa__vp_key(c, "tls");
		hpa__vp_index(c, i);
		for (j = 0; hpa__vis(hosts, HPA__V_SEQ) && j < hpa__v_count(hosts); j++) {
			const hpa__value *h = hpa__seq_at(hosts, j);
			hpa__msgs ms = { 0 };
			hpa__vmark mh;
			if (!h || h->kind != HPA__V_STR)
				continue;
			if (strchr(hpa__v_text(h), '*'))
				continue; /* wildcard hosts: checked loosely */
			hpa__chk_dns1123_subdomain(&ms, hpa__v_text(h));
			mh = hpa__vp_key(c, "hosts");
			hpa__vp_index(c, j);
			hpa__quote(c, q, sizeof(q), hpa__v_text(h));
			invalid_msgs(c, NULL, h, q, &ms);
			hpa__vp_reset(c, mh);
		}
		if (secret && *secret) {
			hpa__msgs ms = { 0 };
			hpa__chk_dns1123_subdomain(&ms, secret);
			hpa__quote(c, q, sizeof(q), secret);
			invalid_msgs(c, "secretName", hpa__vget(t, "secretName"), q, &ms);
		}
		hpa__vp_reset(c, mi);
	}
	if (icn) {
		hpa__msgs ms = { 0 };
		hpa__chk_dns1123_subdomain(&ms, icn);
		hpa__quote(c, q, sizeof(q), icn);
		invalid_msgs(c, "ingressClassName", hpa__vget(spec, "ingressClassName"), q, &ms);
	}
	hpa__vp_reset(c, m);
	if (ann && icn && strcmp(ann, icn) != 0) {
		/* upstream reports this under "annotations" (no "metadata."), kept as is */
		hpa__vmark ma = hpa__vp_mark(c);
		hpa__buf_puts(&c->up, "annotations.kubernetes.io/ingress.class");
		hpa__path_push_key(&c->lp, "metadata", 8);
		hpa__path_push_key(&c->lp, "annotations", 11);
		hpa__path_push_key(&c->lp, "kubernetes.io/ingress.class", 27);
		hpa__quote(c, q, sizeof(q), ann);
		hpa__fe(c, HPA__FE_INVALID, NULL, hpa__vget(hpa__vget(meta, "annotations"), "kubernetes.io/ingress.class"),
			q, "must match `ingressClassName` when both are specified");
		hpa__vp_reset(c, ma);
	}
}

/* ---- HorizontalPodAutoscaler --------------------------------------------------------------- */

static void val_xref(hpa__vctx *c, const char *key, const hpa__value *ref, const hpa__value *parent)
{
	const char *kind = hpa__vstr(ref, "kind"), *name = hpa__vstr(ref, "name");
	hpa__vmark m = hpa__vp_key(c, key);
	char q[400];
	hpa__msgs ms = { 0 };
	const hpa__value *pos = ref ? ref : parent;
	if (!kind || !*kind) {
		hpa__fe(c, HPA__FE_REQUIRED, "kind", pos, NULL, NULL);
	} else {
		hpa__chk_path_segment(&ms, kind);
		hpa__quote(c, q, sizeof(q), kind);
		invalid_msgs(c, "kind", hpa__vget(ref, "kind"), q, &ms);
	}
	ms.n = 0;
	if (!name || !*name) {
		hpa__fe(c, HPA__FE_REQUIRED, "name", pos, NULL, NULL);
	} else {
		hpa__chk_path_segment(&ms, name);
		hpa__quote(c, q, sizeof(q), name);
		invalid_msgs(c, "name", hpa__vget(ref, "name"), q, &ms);
	}
	hpa__vp_reset(c, m);
}

static void val_metric_ident(hpa__vctx *c, const hpa__value *src)
{
	const hpa__value *id = hpa__vget(src, "metric");
	const char *name = hpa__vstr(id, "name");
	hpa__vmark m = hpa__vp_key(c, "metric");
	if (!name || !*name) {
		hpa__fe(c, HPA__FE_REQUIRED, "name", id ? id : src, NULL, "must specify a metric name");
	} else {
		char q[400];
		hpa__msgs ms = { 0 };
		hpa__chk_path_segment(&ms, name);
		hpa__quote(c, q, sizeof(q), name);
		invalid_msgs(c, "name", hpa__vget(id, "name"), q, &ms);
	}
	hpa__vp_reset(c, m);
}

static void val_metric_target(hpa__vctx *c, const hpa__value *src)
{
	const hpa__value *t = hpa__vget(src, "target");
	const char *type = hpa__vstr(t, "type");
	const hpa__value *v;
	hpa__vmark m = hpa__vp_key(c, "target");
	char q[400];
	const hpa__value *pos = t ? t : src;
	if (!type || !*type)
		hpa__fe(c, HPA__FE_REQUIRED, "type", pos, NULL, "must specify a metric target type");
	if (!type || (strcmp(type, "Utilization") != 0 && strcmp(type, "Value") != 0 && strcmp(type, "AverageValue") != 0)) {
		hpa__quote(c, q, sizeof(q), type ? type : "");
		hpa__fe(c, HPA__FE_INVALID, "type", hpa__vget(t, "type") ? hpa__vget(t, "type") : pos, q,
			"must be either Utilization, Value, or AverageValue");
	}
	if ((v = hpa__vget(t, "value")) != NULL) {
		hpa__qty qv = hpa__qty_of(v);
		if (qv.ok && qv.sign != 1) {
			hpa__quote(c, q, sizeof(q), hpa__v_text(v));
			hpa__fe(c, HPA__FE_INVALID, "value", v, q, "must be positive");
		}
	}
	if ((v = hpa__vget(t, "averageValue")) != NULL) {
		hpa__qty qv = hpa__qty_of(v);
		if (qv.ok && qv.sign != 1) {
			hpa__quote(c, q, sizeof(q), hpa__v_text(v));
			hpa__fe(c, HPA__FE_INVALID, "averageValue", v, q, "must be positive");
		}
	}
	if ((v = hpa__vget(t, "averageUtilization")) != NULL && v->kind == HPA__V_INT) {
		int64_t n;
		if (hpa__v_int_range(v, 1, INT64_MAX, &n) < 0)
			hpa__fe(c, HPA__FE_INVALID, "averageUtilization", v, hpa__v_text(v), "must be greater than 0");
	}
	hpa__vp_reset(c, m);
}

static void val_metric(hpa__vctx *c, const hpa__value *ms_, bool *obj_or_ext)
{
	static const char *const srcs[] = { "object", "external", "pods", "resource", "containerResource" };
	static const char *const types[] = { "Object", "External", "Pods", "Resource", "ContainerResource" };
	const char *type = hpa__vstr(ms_, "type");
	const hpa__value *present[5];
	int npresent = 0, first = -1, expected = -1;
	size_t i;
	char q[400];
	if (!type || !*type)
		hpa__fe(c, HPA__FE_REQUIRED, "type", ms_, NULL, "must specify a metric source type");
	for (i = 0; i < 5; i++)
		if (type && strcmp(type, types[i]) == 0)
			expected = (int)i;
	if (expected < 0) {
		hpa__quote(c, q, sizeof(q), type ? type : "");
		hpa__fe(c, HPA__FE_UNSUPPORTED, "type", hpa__vget(ms_, "type") ? hpa__vget(ms_, "type") : ms_, q,
			"supported values: \"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"");
	}
	if (expected == 0 || expected == 1)
		*obj_or_ext = true;
	for (i = 0; i < 5; i++) {
		present[i] = hpa__vget(ms_, srcs[i]);
		if (present[i]) {
			npresent++;
			if (first < 0)
				first = (int)i;
		}
	}
	if (first >= 0 && hpa__vis(present[first], HPA__V_MAP)) {
		const hpa__value *src = present[first];
		hpa__vmark m = hpa__vp_key(c, srcs[first]);
		const hpa__value *t = hpa__vget(src, "target");
		bool has_val = hpa__vget(t, "value") != NULL, has_avg = hpa__vget(t, "averageValue") != NULL;
		bool has_util = hpa__vget(t, "averageUtilization") != NULL;
		switch (first) {
		case 0: /* object */
			val_xref(c, "describedObject", hpa__vget(src, "describedObject"), src);
			val_metric_ident(c, src);
			val_metric_target(c, src);
			if (!has_val && !has_avg)
				hpa__fe(c, HPA__FE_REQUIRED, "target.averageValue", t ? t : src, NULL,
					"must set either a target value or averageValue");
			break;
		case 1: /* external */
			val_metric_ident(c, src);
			val_metric_target(c, src);
			if (!has_val && !has_avg)
				hpa__fe(c, HPA__FE_REQUIRED, "target.averageValue", t ? t : src, NULL,
					"must set either a target value for metric or a per-pod target");
			if (has_val && has_avg)
				hpa__fe(c, HPA__FE_FORBIDDEN, "target.value", hpa__vget(t, "value"), NULL,
					"may not set both a target value for metric and a per-pod target");
			break;
		case 2: /* pods */
			val_metric_ident(c, src);
			val_metric_target(c, src);
			if (!has_avg)
				hpa__fe(c, HPA__FE_REQUIRED, "target.averageValue", t ? t : src, NULL,
					"must specify a positive target averageValue");
			break;
		case 3: /* resource */
		case 4: { /* containerResource */
			const char *rn = hpa__vstr(src, "name");
			if (!rn || !*rn) {
				hpa__fe(c, HPA__FE_REQUIRED, "name", src, NULL, "must specify a resource name");
			} else if (first == 4 && strcmp(rn, "cpu") != 0 && strcmp(rn, "memory") != 0 &&
					strcmp(rn, "ephemeral-storage") != 0 && strncmp(rn, "hugepages-", 10) != 0 && !strchr(rn, '/')) {
				hpa__quote(c, q, sizeof(q), rn);
				hpa__fe(c, HPA__FE_INVALID, "name", hpa__vget(src, "name"), q, "must be a standard resource for containers");
			}
			if (first == 4) {
				const char *ctr = hpa__vstr(src, "container");
				if (!ctr || !*ctr) {
					hpa__fe(c, HPA__FE_REQUIRED, "container", src, NULL, "must specify a container");
				} else {
					hpa__msgs mm = { 0 };
					hpa__chk_dns1123_label(&mm, ctr);
					hpa__quote(c, q, sizeof(q), ctr);
					invalid_msgs(c, "container", hpa__vget(src, "container"), q, &mm);
				}
			}
			val_metric_target(c, src);
			if (!has_util && !has_avg)
				hpa__fe(c, HPA__FE_REQUIRED, "target.averageUtilization", t ? t : src, NULL,
					"must set either a target raw value or a target utilization");
			if (has_util && has_avg)
				hpa__fe(c, HPA__FE_FORBIDDEN, "target.averageValue", hpa__vget(t, "averageValue"), NULL,
					"may not set both a target raw value and a target utilization");
			break;
		}
		}
		hpa__vp_reset(c, m);
	}
	if (expected >= 0 && !present[expected])
		hpa__fe(c, HPA__FE_REQUIRED, srcs[expected], ms_, NULL, "must populate information for the given metric source");
	if (npresent > 1) {
		for (i = 0; i < 5; i++)
			if (present[i] && (int)i != expected)
				hpa__fe(c, HPA__FE_FORBIDDEN, srcs[i], present[i], NULL, "must populate the given metric source only");
	}
}

static void val_scaling_rules(hpa__vctx *c, const char *key, const hpa__value *rules)
{
	const hpa__value *v, *pols;
	const char *sp;
	hpa__vmark m;
	char q[400];
	size_t i;
	if (!hpa__vis(rules, HPA__V_MAP))
		return;
	m = hpa__vp_key(c, key);
	if ((v = hpa__vget(rules, "stabilizationWindowSeconds")) && v->kind == HPA__V_INT) {
		int64_t n;
		if (hpa__v_int_range(v, 0, INT64_MAX, &n) < 0)
			hpa__fe(c, HPA__FE_INVALID, "stabilizationWindowSeconds", v, hpa__v_text(v),
				"must be greater than or equal to zero");
		else if (n > 3600)
			hpa__fe(c, HPA__FE_INVALID, "stabilizationWindowSeconds", v, hpa__v_text(v),
				"must be less than or equal to 3600");
	}
	if ((sp = hpa__vstr(rules, "selectPolicy")) && strcmp(sp, "Max") != 0 && strcmp(sp, "Min") != 0 &&
			strcmp(sp, "Disabled") != 0) {
		hpa__quote(c, q, sizeof(q), sp);
		hpa__fe(c, HPA__FE_UNSUPPORTED, "selectPolicy", hpa__vget(rules, "selectPolicy"), q,
			"supported values: \"Disabled\", \"Max\", \"Min\"");
	}
	if ((v = hpa__vget(rules, "tolerance")) != NULL) {
		hpa__qty qt = hpa__qty_of(v);
		if (qt.ok && qt.sign < 0) {
			hpa__quote(c, q, sizeof(q), hpa__v_text(v));
			hpa__fe(c, HPA__FE_INVALID, "tolerance", v, q, "must be greater than or equal to 0");
		}
	}
	/* absent policies are defaulted; an explicit empty list is not */
	pols = hpa__map_get(rules, "policies");
	if (pols && pols->kind == HPA__V_SEQ && hpa__v_count(pols) == 0)
		hpa__fe(c, HPA__FE_REQUIRED, "policies", pols, NULL, "must specify at least one Policy");
	for (i = 0; hpa__vis(pols, HPA__V_SEQ) && i < hpa__v_count(pols); i++) {
		const hpa__value *p = hpa__seq_at(pols, i);
		const char *pt = hpa__vstr(p, "type");
		int64_t n = 0;
		hpa__vmark mi = hpa__vp_key(c, "policies");
		hpa__vp_index(c, i);
		if (!pt || (strcmp(pt, "Pods") != 0 && strcmp(pt, "Percent") != 0)) {
			hpa__quote(c, q, sizeof(q), pt ? pt : "");
			hpa__fe(c, HPA__FE_UNSUPPORTED, "type", hpa__vget(p, "type") ? hpa__vget(p, "type") : p, q,
				"supported values: \"Percent\", \"Pods\"");
		}
		if (!geti(p, "value", &n) || n <= 0)
			hpa__fe(c, HPA__FE_INVALID, "value", hpa__vget(p, "value") ? hpa__vget(p, "value") : p,
				hpa__vget(p, "value") ? hpa__v_text(hpa__vget(p, "value")) : "0", "must be greater than zero");
		n = 0;
		if (!geti(p, "periodSeconds", &n) || n <= 0)
			hpa__fe(c, HPA__FE_INVALID, "periodSeconds", hpa__vget(p, "periodSeconds") ? hpa__vget(p, "periodSeconds") : p,
				hpa__vget(p, "periodSeconds") ? hpa__v_text(hpa__vget(p, "periodSeconds")) : "0", "must be greater than zero");
		else if (n > 1800)
			hpa__fe(c, HPA__FE_INVALID, "periodSeconds", hpa__vget(p, "periodSeconds"),
				hpa__v_text(hpa__vget(p, "periodSeconds")), "must be less than or equal to 1800");
		hpa__vp_reset(c, mi);
	}
	hpa__vp_reset(c, m);
}

void hpa__val_autoscaler(hpa__vctx *c)
{
	const hpa__value *root = c->obj->root;
	const hpa__value *spec = hpa__vget(root, "spec");
	const hpa__value *metrics = hpa__vget(spec, "metrics");
	const hpa__value *beh = hpa__vget(spec, "behavior");
	int64_t minr = 1, maxr = 0;
	bool has_min = geti(spec, "minReplicas", &minr);
	bool obj_or_ext = false;
	int64_t lower = (c->flags & HPA_VALIDATE_SCALE_TO_ZERO) ? 0 : 1;
	hpa__vmark m;
	size_t i;
	hpa__val_meta(c, hpa__vget(root, "metadata"), 0);
	m = hpa__vp_key(c, "spec");
	geti(spec, "maxReplicas", &maxr);
	if (has_min && minr < lower)
		hpa__fe(c, HPA__FE_INVALID, "minReplicas", hpa__vget(spec, "minReplicas"),
			hpa__v_text(hpa__vget(spec, "minReplicas")), "must be greater than or equal to %d", (int)lower);
	if (maxr < 1)
		hpa__fe(c, HPA__FE_INVALID, "maxReplicas", hpa__vget(spec, "maxReplicas") ? hpa__vget(spec, "maxReplicas") : spec,
			hpa__vget(spec, "maxReplicas") ? hpa__v_text(hpa__vget(spec, "maxReplicas")) : "0", "must be greater than 0");
	if (has_min && maxr < minr)
		hpa__fe(c, HPA__FE_INVALID, "maxReplicas", hpa__vget(spec, "maxReplicas") ? hpa__vget(spec, "maxReplicas") : spec,
			hpa__vget(spec, "maxReplicas") ? hpa__v_text(hpa__vget(spec, "maxReplicas")) : "0",
			"must be greater than or equal to `minReplicas`");
	val_xref(c, "scaleTargetRef", hpa__vget(spec, "scaleTargetRef"), spec ? spec : root);
	for (i = 0; hpa__vis(metrics, HPA__V_SEQ) && i < hpa__v_count(metrics); i++) {
		hpa__vmark mi = hpa__vp_key(c, "metrics");
		hpa__vp_index(c, i);
		if (hpa__vis(hpa__seq_at(metrics, i), HPA__V_MAP))
			val_metric(c, hpa__seq_at(metrics, i), &obj_or_ext);
		hpa__vp_reset(c, mi);
	}
	if (has_min && minr == 0 && !obj_or_ext)
		hpa__fe(c, HPA__FE_FORBIDDEN, "metrics", metrics ? metrics : spec, NULL,
			"must specify at least one Object or External metric to support scaling to zero replicas");
	if (hpa__vis(beh, HPA__V_MAP)) {
		hpa__vmark mb = hpa__vp_key(c, "behavior");
		val_scaling_rules(c, "scaleUp", hpa__vget(beh, "scaleUp"));
		val_scaling_rules(c, "scaleDown", hpa__vget(beh, "scaleDown"));
		hpa__vp_reset(c, mb);
	}
	hpa__vp_reset(c, m);
}
