/* lib/validate/v_core.c -- ObjectMeta, labels, label selectors and pod
 * templates, after pkg/apis/core/validation and
 * apimachinery/pkg/apis/meta/v1/validation (behaviour translated, not text). */
#include "validate/validate_int.h"
#include "schema/schema.h"
#include <stdio.h>

static const char *const v_nil = NULL;

/* Report every message of ms as Invalid at child (value rendered from v). */
static void invalid_msgs(hpa__vctx *c, const char *child, const hpa__value *pos,
	const char *value, const hpa__msgs *ms)
{
	int i;
	for (i = 0; i < ms->n; i++)
		hpa__fe(c, HPA__FE_INVALID, child, pos, value, "%s", ms->m[i]);
}

/* ---- metadata ---------------------------------------------------------------------- */

void hpa__val_labels(hpa__vctx *c, const hpa__value *labels)
{
	size_t i;
	char q[600];
	if (!hpa__vis(labels, HPA__V_MAP))
		return;
	for (i = 0; i < hpa__v_count(labels); i++) {
		const hpa__pair *p = hpa__map_pair(labels, i);
		hpa__msgs ms = { 0 };
		hpa__chk_qualified_name(&ms, hpa__v_text(hpa__pair_key(p)));
		hpa__quote(c, q, sizeof(q), hpa__v_text(hpa__pair_key(p)));
		invalid_msgs(c, NULL, hpa__pair_key(p), q, &ms);
		if (hpa__pair_val(p) && hpa__pair_val(p)->kind == HPA__V_STR) {
			ms.n = 0;
			if (hpa__v_textlen(hpa__pair_val(p)) > 63)
				hpa__msgs_add(&ms, "must be no more than 63 characters");
			else
				hpa__chk_label_value(&ms, hpa__v_text(hpa__pair_val(p)));
			hpa__quote(c, q, sizeof(q), hpa__v_text(hpa__pair_val(p)));
			invalid_msgs(c, NULL, hpa__pair_val(p), q, &ms);
		}
	}
}

void hpa__val_annotations(hpa__vctx *c, const hpa__value *ann)
{
	size_t i, total = 0;
	char q[600];
	if (!hpa__vis(ann, HPA__V_MAP))
		return;
	for (i = 0; i < hpa__v_count(ann); i++) {
		const hpa__pair *p = hpa__map_pair(ann, i);
		char lower[320];
		size_t j, n = hpa__v_textlen(hpa__pair_key(p)) < sizeof(lower) - 1 ? hpa__v_textlen(hpa__pair_key(p)) : sizeof(lower) - 1;
		hpa__msgs ms = { 0 };
		for (j = 0; j < n; j++) {
			char ch = hpa__v_text(hpa__pair_key(p))[j];
			lower[j] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
		}
		lower[n] = '\0';
		hpa__chk_qualified_name(&ms, lower);
		hpa__quote(c, q, sizeof(q), hpa__v_text(hpa__pair_key(p)));
		invalid_msgs(c, NULL, hpa__pair_key(p), q, &ms);
		total += hpa__v_textlen(hpa__pair_key(p));
		if (hpa__pair_val(p) && hpa__pair_val(p)->kind != HPA__V_MAP && hpa__pair_val(p)->kind != HPA__V_SEQ)
			total += hpa__v_textlen(hpa__pair_val(p));
	}
	if (total > 256 * 1024)
		hpa__fe(c, HPA__FE_TOOLONG, NULL, ann, NULL, "must have at most %d bytes", 256 * 1024);
}

void hpa__val_meta(hpa__vctx *c, const hpa__value *meta, int name_rule)
{
	hpa__vmark m = hpa__vp_key(c, "metadata");
	const char *name = hpa__vstr(meta, "name");
	const char *gen = hpa__vstr(meta, "generateName");
	const char *ns = hpa__vstr(meta, "namespace");
	char q[600];
	hpa__msgs ms = { 0 };
	if (!meta) {
		hpa__fe(c, HPA__FE_REQUIRED, "name", NULL, NULL, "name or generateName is required");
		hpa__vp_reset(c, m);
		return;
	}
	if (gen && *gen) {
		/* a generated name is the prefix plus 5 characters; the prefix may end in '-' */
		char tmp[300];
		size_t n = strlen(gen);
		hpa__strlcpy(tmp, gen, sizeof(tmp));
		if (n && n < sizeof(tmp) && tmp[n - 1] == '-')
			tmp[n - 1] = 'a';
		if (name_rule == 1)
			hpa__chk_dns1035_label(&ms, tmp);
		else
			hpa__chk_dns1123_subdomain(&ms, tmp);
		hpa__quote(c, q, sizeof(q), gen);
		invalid_msgs(c, "generateName", hpa__vget(meta, "generateName"), q, &ms);
		ms.n = 0;
	}
	if (!name || !*name) {
		if (!gen || !*gen)
			hpa__fe(c, HPA__FE_REQUIRED, "name", hpa__vget(meta, "name") ? hpa__vget(meta, "name") : meta,
				NULL, "name or generateName is required");
	} else {
		if (name_rule == 1)
			hpa__chk_dns1035_label(&ms, name);
		else
			hpa__chk_dns1123_subdomain(&ms, name);
		hpa__quote(c, q, sizeof(q), name);
		invalid_msgs(c, "name", hpa__vget(meta, "name"), q, &ms);
		ms.n = 0;
	}
	if (ns && *ns) {
		hpa__chk_dns1123_label(&ms, ns);
		hpa__quote(c, q, sizeof(q), ns);
		invalid_msgs(c, "namespace", hpa__vget(meta, "namespace"), q, &ms);
	}
	{
		hpa__vmark m2 = hpa__vp_key(c, "labels");
		hpa__val_labels(c, hpa__vget(meta, "labels"));
		hpa__vp_reset(c, m2);
		m2 = hpa__vp_key(c, "annotations");
		hpa__val_annotations(c, hpa__vget(meta, "annotations"));
		hpa__vp_reset(c, m2);
	}
	hpa__vp_reset(c, m);
}

/* ---- label selectors --------------------------------------------------------------------- */

void hpa__val_label_selector(hpa__vctx *c, const hpa__value *sel)
{
	const hpa__value *exprs = hpa__vget(sel, "matchExpressions");
	size_t i;
	hpa__vmark m;
	if (!hpa__vis(sel, HPA__V_MAP))
		return;
	m = hpa__vp_key(c, "matchLabels");
	hpa__val_labels(c, hpa__vget(sel, "matchLabels"));
	hpa__vp_reset(c, m);
	if (!hpa__vis(exprs, HPA__V_SEQ))
		return;
	for (i = 0; i < hpa__v_count(exprs); i++) {
		const hpa__value *e = hpa__seq_at(exprs, i);
		const char *op = hpa__vstr(e, "operator");
		const char *key = hpa__vstr(e, "key");
		const hpa__value *vals = hpa__vget(e, "values");
		char q[600];
		hpa__vmark mi = hpa__vp_key(c, "matchExpressions");
		hpa__vp_index(c, i);
		if (op && (strcmp(op, "In") == 0 || strcmp(op, "NotIn") == 0)) {
			if (hpa__vlen(vals) == 0)
				hpa__fe(c, HPA__FE_REQUIRED, "values", e, NULL,
					"must be specified when `operator` is 'In' or 'NotIn'");
		} else if (op && (strcmp(op, "Exists") == 0 || strcmp(op, "DoesNotExist") == 0)) {
			if (hpa__vlen(vals) > 0)
				hpa__fe(c, HPA__FE_FORBIDDEN, "values", vals, NULL,
					"may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
		} else {
			hpa__quote(c, q, sizeof(q), op ? op : "");
			hpa__fe(c, HPA__FE_INVALID, "operator", hpa__vget(e, "operator") ? hpa__vget(e, "operator") : e,
				q, "not a valid selector operator");
		}
		if (key) {
			hpa__msgs ms = { 0 };
			hpa__chk_qualified_name(&ms, key);
			hpa__quote(c, q, sizeof(q), key);
			invalid_msgs(c, "key", hpa__vget(e, "key"), q, &ms);
		}
		if (hpa__vis(vals, HPA__V_SEQ)) {
			size_t j;
			for (j = 0; j < hpa__v_count(vals); j++) {
				const hpa__value *v = hpa__seq_at(vals, j);
				hpa__msgs ms = { 0 };
				hpa__vmark mj;
				if (!v || v->kind != HPA__V_STR)
					continue;
				hpa__chk_label_value(&ms, hpa__v_text(v));
				if (hpa__v_textlen(v) > 63) {
					ms.n = 0;
					hpa__msgs_add(&ms, "must be no more than 63 characters");
				}
				mj = hpa__vp_key(c, "values");
				hpa__vp_index(c, j);
				hpa__quote(c, q, sizeof(q), hpa__v_text(v));
				invalid_msgs(c, NULL, v, q, &ms);
				hpa__vp_reset(c, mj);
			}
		}
		hpa__vp_reset(c, mi);
	}
}

static bool in_values(const hpa__value *vals, const char *s)
{
	size_t i;
	if (!hpa__vis(vals, HPA__V_SEQ))
		return false;
	for (i = 0; i < hpa__v_count(vals); i++)
		if (hpa__seq_at(vals, i) && hpa__seq_at(vals, i)->kind == HPA__V_STR &&
				strcmp(hpa__v_text(hpa__seq_at(vals, i)), s) == 0)
			return true;
	return false;
}

bool hpa__selector_matches(const hpa__value *sel, const hpa__value *labels)
{
	const hpa__value *ml = hpa__vget(sel, "matchLabels");
	const hpa__value *exprs = hpa__vget(sel, "matchExpressions");
	size_t i;
	if (hpa__vis(ml, HPA__V_MAP)) {
		for (i = 0; i < hpa__v_count(ml); i++) {
			const char *want = hpa__map_val(ml, i) && hpa__map_val(ml, i)->kind == HPA__V_STR
				? hpa__v_text(hpa__map_val(ml, i)) : "";
			const char *have = hpa__vstr(labels, hpa__v_text(hpa__map_key(ml, i)));
			if (!have || strcmp(have, want) != 0)
				return false;
		}
	}
	if (hpa__vis(exprs, HPA__V_SEQ)) {
		for (i = 0; i < hpa__v_count(exprs); i++) {
			const hpa__value *e = hpa__seq_at(exprs, i);
			const char *op = hpa__vstr(e, "operator"), *key = hpa__vstr(e, "key");
			const char *have = key ? hpa__vstr(labels, key) : NULL;
			const hpa__value *vals = hpa__vget(e, "values");
			if (!op || !key)
				return false;
			if (strcmp(op, "In") == 0) {
				if (!have || !in_values(vals, have))
					return false;
			} else if (strcmp(op, "NotIn") == 0) {
				if (have && in_values(vals, have))
					return false;
			} else if (strcmp(op, "Exists") == 0) {
				if (!have)
					return false;
			} else if (strcmp(op, "DoesNotExist") == 0) {
				if (have)
					return false;
			} else {
				return false;
			}
		}
	}
	return true;
}

bool hpa__map_selector_matches(const hpa__value *sel, const hpa__value *labels)
{
	size_t i;
	if (!hpa__vis(sel, HPA__V_MAP) || hpa__v_count(sel) == 0)
		return false;
	for (i = 0; i < hpa__v_count(sel); i++) {
		const hpa__value *v = hpa__map_val(sel, i);
		const char *have = hpa__vstr(labels, hpa__v_text(hpa__map_key(sel, i)));
		const char *want = v && v->kind != HPA__V_MAP && v->kind != HPA__V_SEQ && v->kind != HPA__V_NULL
			? hpa__v_text(v) : "";
		if (!have || strcmp(have, want) != 0)
			return false;
	}
	return true;
}

/* ---- containers ------------------------------------------------------------------------- */

static void val_port_num_or_name(hpa__vctx *c, const char *child, const hpa__value *v)
{
	char q[400];
	hpa__msgs ms = { 0 };
	int64_t n;
	if (!v)
		return;
	if (v->kind == HPA__V_INT) {
		if (hpa__v_int_range(v, 1, 65535, &n) < 0)
			hpa__fe(c, HPA__FE_INVALID, child, v, hpa__v_text(v), "must be between 1 and 65535, inclusive");
	} else if (v->kind == HPA__V_STR) {
		hpa__chk_port_name(&ms, hpa__v_text(v));
		hpa__quote(c, q, sizeof(q), hpa__v_text(v));
		invalid_msgs(c, child, v, q, &ms);
	}
}

static void val_probe(hpa__vctx *c, const char *name, const hpa__value *probe)
{
	static const char *const nonneg[] = { "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
		"successThreshold", "failureThreshold", "terminationGracePeriodSeconds" };
	hpa__vmark m;
	size_t i;
	if (!hpa__vis(probe, HPA__V_MAP))
		return;
	m = hpa__vp_key(c, name);
	for (i = 0; i < HPA__ARRAY_SIZE(nonneg); i++) {
		int64_t n;
		if (hpa__vint(probe, nonneg[i], &n) == 1 && n < 0)
			hpa__fe(c, HPA__FE_INVALID, nonneg[i], hpa__vget(probe, nonneg[i]),
				hpa__v_text(hpa__vget(probe, nonneg[i])), "must be greater than or equal to 0");
	}
	if (hpa__vis(hpa__vget(probe, "httpGet"), HPA__V_MAP)) {
		const hpa__value *hg = hpa__vget(probe, "httpGet");
		if (!hpa__vget(hg, "port"))
			hpa__fe(c, HPA__FE_REQUIRED, "httpGet.port", hg, NULL, NULL);
		val_port_num_or_name(c, "httpGet.port", hpa__vget(hg, "port"));
	}
	if (hpa__vis(hpa__vget(probe, "tcpSocket"), HPA__V_MAP))
		val_port_num_or_name(c, "tcpSocket.port", hpa__vget(hpa__vget(probe, "tcpSocket"), "port"));
	hpa__vp_reset(c, m);
}

static bool standard_container_resource(const char *n)
{
	return strcmp(n, "cpu") == 0 || strcmp(n, "memory") == 0 || strcmp(n, "ephemeral-storage") == 0 ||
		strncmp(n, "hugepages-", 10) == 0;
}

static void val_resource_list(hpa__vctx *c, const char *key, const hpa__value *list)
{
	size_t i;
	char q[400];
	hpa__vmark m;
	if (!hpa__vis(list, HPA__V_MAP))
		return;
	m = hpa__vp_key(c, key);
	for (i = 0; i < hpa__v_count(list); i++) {
		const hpa__pair *p = hpa__map_pair(list, i);
		const char *rn = hpa__v_text(hpa__pair_key(p));
		hpa__qty qv = hpa__qty_of(hpa__pair_val(p));
		hpa__vmark mk = hpa__vp_mapkey(c, rn, hpa__v_textlen(hpa__pair_key(p)));
		hpa__msgs ms = { 0 };
		hpa__chk_qualified_name(&ms, rn);
		hpa__quote(c, q, sizeof(q), rn);
		invalid_msgs(c, NULL, hpa__pair_key(p), q, &ms);
		if (ms.n == 0) {
			if (!strchr(rn, '/')) {
				if (!standard_container_resource(rn))
					hpa__fe(c, HPA__FE_INVALID, NULL, hpa__pair_key(p), q, "must be a standard resource for containers");
			} else if (strstr(rn, "kubernetes.io/") == NULL && !hpa__schema_resource_extended(rn)) {
				hpa__fe(c, HPA__FE_INVALID, NULL, hpa__pair_key(p), q, "doesn't follow extended resource name standard");
			}
		}
		if (qv.ok && qv.sign < 0) {
			hpa__quote(c, q, sizeof(q), hpa__v_text(hpa__pair_val(p)));
			hpa__fe(c, HPA__FE_INVALID, NULL, hpa__pair_val(p), q, "must be greater than or equal to 0");
		} else if (qv.ok && (hpa__schema_resource_extended(rn) || strncmp(rn, "hugepages-", 10) == 0) &&
				!qv.overflow && qv.milli % 1000 != 0 && strncmp(rn, "hugepages-", 10) != 0) {
			hpa__quote(c, q, sizeof(q), hpa__v_text(hpa__pair_val(p)));
			hpa__fe(c, HPA__FE_INVALID, NULL, hpa__pair_val(p), q, "must be an integer");
		}
		hpa__vp_reset(c, mk);
	}
	hpa__vp_reset(c, m);
}

static bool cpu_or_memory_in(const hpa__value *list)
{
	return hpa__vis(list, HPA__V_MAP) && (hpa__map_get(list, "cpu") || hpa__map_get(list, "memory"));
}

static bool hugepages_in(const hpa__value *list)
{
	if (!hpa__vis(list, HPA__V_MAP))
		return false;
	for (size_t i = 0; i < hpa__v_count(list); i++)
		if (strncmp(hpa__v_text(hpa__map_key(list, i)), "hugepages-", 10) == 0)
			return true;
	return false;
}

/* upstream ValidateResourceRequirements' checks across the two lists:
 * request <= limit, compared exactly (Quantity.Cmp); request == limit and a
 * limit for a resource that cannot be overcommitted (extended resources,
 * hugepages); hugepages only together with cpu or memory. */
static void val_resources(hpa__vctx *c, const hpa__value *res)
{
	const hpa__value *lim = hpa__vget(res, "limits"), *req = hpa__vget(res, "requests");
	hpa__vmark m;
	size_t i;
	if (!hpa__vis(res, HPA__V_MAP))
		return;
	m = hpa__vp_key(c, "resources");
	val_resource_list(c, "limits", lim);
	val_resource_list(c, "requests", req);
	if (hpa__vis(req, HPA__V_MAP)) {
		for (i = 0; i < hpa__v_count(req); i++) {
			const hpa__pair *p = hpa__map_pair(req, i);
			const char *rn = hpa__v_text(hpa__pair_key(p));
			const hpa__value *rv = hpa__pair_val(p);
			const hpa__value *lv = hpa__vis(lim, HPA__V_MAP) ? hpa__map_getn(lim, rn, hpa__v_textlen(hpa__pair_key(p))) : NULL;
			hpa__qty rq = hpa__qty_of(rv), lq = hpa__qty_of(lv);
			char q[400];
			int cmp = 0;
			hpa__vmark mk;
			if (!rq.ok)
				continue;
			mk = hpa__vp_key(c, "requests");
			hpa__vp_mapkey(c, rn, hpa__v_textlen(hpa__pair_key(p)));
			hpa__quote(c, q, sizeof(q), hpa__v_text(rv));
			if (lq.ok && hpa__schema_quantity_cmp(hpa__v_text(rv), hpa__v_textlen(rv), hpa__v_text(lv),
					hpa__v_textlen(lv), &cmp) == 0) {
				if (!hpa__schema_resource_overcommit(rn) && cmp != 0)
					hpa__fe(c, HPA__FE_INVALID, NULL, rv, q, "must be equal to %s limit of %s",
						rn, hpa__v_text(lv));
				else if (cmp > 0)
					hpa__fe(c, HPA__FE_INVALID, NULL, rv, q, "must be less than or equal to %s limit of %s",
						rn, hpa__v_text(lv));
			} else if (!lv && !hpa__schema_resource_overcommit(rn)) {
				hpa__vmark ml;
				hpa__vp_reset(c, mk);
				ml = hpa__vp_key(c, "limits");
				hpa__fe(c, HPA__FE_REQUIRED, NULL, res, NULL, "Limit must be set for non overcommitable resources");
				hpa__vp_reset(c, ml);
			}
			hpa__vp_reset(c, mk);
		}
	}
	if ((hugepages_in(req) || hugepages_in(lim)) && !cpu_or_memory_in(req) && !cpu_or_memory_in(lim))
		hpa__fe(c, HPA__FE_FORBIDDEN, NULL, res, NULL, "HugePages require cpu or memory");
	hpa__vp_reset(c, m);
}

static void val_container_ports(hpa__vctx *c, const hpa__value *ports)
{
	size_t i, j;
	char q[400];
	if (!hpa__vis(ports, HPA__V_SEQ))
		return;
	for (i = 0; i < hpa__v_count(ports); i++) {
		const hpa__value *p = hpa__seq_at(ports, i);
		const char *name = hpa__vstr(p, "name");
		const char *proto = hpa__vstr(p, "protocol");
		const hpa__value *cp = hpa__vget(p, "containerPort"), *hp = hpa__vget(p, "hostPort");
		hpa__vmark m = hpa__vp_key(c, "ports");
		int64_t n;
		hpa__vp_index(c, i);
		if (name && *name) {
			hpa__msgs ms = { 0 };
			hpa__chk_port_name(&ms, name);
			hpa__quote(c, q, sizeof(q), name);
			invalid_msgs(c, "name", hpa__vget(p, "name"), q, &ms);
			if (ms.n == 0) {
				for (j = 0; j < i; j++) {
					const char *other = hpa__vstr(hpa__seq_at(ports, j), "name");
					if (other && strcmp(other, name) == 0) {
						hpa__fe(c, HPA__FE_DUPLICATE, "name", hpa__vget(p, "name"), q, NULL);
						break;
					}
				}
			}
		}
		if (!cp || (cp->kind == HPA__V_INT && hpa__v_int_range(cp, 0, 0, &n) == 0))
			hpa__fe(c, HPA__FE_REQUIRED, "containerPort", cp ? cp : p, NULL, NULL);
		else if (cp->kind == HPA__V_INT && hpa__v_int_range(cp, 1, 65535, &n) < 0)
			hpa__fe(c, HPA__FE_INVALID, "containerPort", cp, hpa__v_text(cp), "must be between 1 and 65535, inclusive");
		if (hp && hp->kind == HPA__V_INT && hpa__v_int_range(hp, 0, 0, &n) < 0 &&
				hpa__v_int_range(hp, 1, 65535, &n) < 0)
			hpa__fe(c, HPA__FE_INVALID, "hostPort", hp, hpa__v_text(hp), "must be between 1 and 65535, inclusive");
		if (proto && strcmp(proto, "TCP") != 0 && strcmp(proto, "UDP") != 0 && strcmp(proto, "SCTP") != 0) {
			hpa__quote(c, q, sizeof(q), proto);
			hpa__fe(c, HPA__FE_UNSUPPORTED, "protocol", hpa__vget(p, "protocol"), q,
				"supported values: \"SCTP\", \"TCP\", \"UDP\"");
		}
		hpa__vp_reset(c, m);
	}
}

static bool has_volume(const hpa__value *vols, const char *name)
{
	size_t i;
	if (!hpa__vis(vols, HPA__V_SEQ))
		return false;
	for (i = 0; i < hpa__v_count(vols); i++) {
		const char *n = hpa__vstr(hpa__seq_at(vols, i), "name");
		if (n && strcmp(n, name) == 0)
			return true;
	}
	return false;
}

static void val_container(hpa__vctx *c, const hpa__value *ctr, const hpa__value *vols)
{
	const char *pull = hpa__vstr(ctr, "imagePullPolicy");
	const hpa__value *mounts = hpa__vget(ctr, "volumeMounts");
	char q[400];
	size_t i, j;
	val_container_ports(c, hpa__vget(ctr, "ports"));
	val_resources(c, hpa__vget(ctr, "resources"));
	val_probe(c, "livenessProbe", hpa__vget(ctr, "livenessProbe"));
	val_probe(c, "readinessProbe", hpa__vget(ctr, "readinessProbe"));
	val_probe(c, "startupProbe", hpa__vget(ctr, "startupProbe"));
	if (pull && strcmp(pull, "Always") != 0 && strcmp(pull, "IfNotPresent") != 0 && strcmp(pull, "Never") != 0) {
		hpa__quote(c, q, sizeof(q), pull);
		hpa__fe(c, HPA__FE_UNSUPPORTED, "imagePullPolicy", hpa__vget(ctr, "imagePullPolicy"), q,
			"supported values: \"Always\", \"IfNotPresent\", \"Never\"");
	}
	if (hpa__vis(mounts, HPA__V_SEQ)) {
		for (i = 0; i < hpa__v_count(mounts); i++) {
			const hpa__value *mt = hpa__seq_at(mounts, i);
			const char *name = hpa__vstr(mt, "name"), *mp = hpa__vstr(mt, "mountPath");
			hpa__vmark m = hpa__vp_key(c, "volumeMounts");
			hpa__vp_index(c, i);
			if (!name || !*name) {
				hpa__fe(c, HPA__FE_REQUIRED, "name", mt, NULL, NULL);
			} else if (!has_volume(vols, name)) {
				hpa__quote(c, q, sizeof(q), name);
				hpa__fe(c, HPA__FE_NOTFOUND, "name", hpa__vget(mt, "name"), q, NULL);
			}
			if (!mp || !*mp) {
				hpa__fe(c, HPA__FE_REQUIRED, "mountPath", mt, NULL, NULL);
			} else {
				for (j = 0; j < i; j++) {
					const char *o = hpa__vstr(hpa__seq_at(mounts, j), "mountPath");
					if (o && strcmp(o, mp) == 0) {
						hpa__quote(c, q, sizeof(q), mp);
						hpa__fe(c, HPA__FE_INVALID, "mountPath", hpa__vget(mt, "mountPath"), q, "must be unique");
						break;
					}
				}
			}
			hpa__vp_reset(c, m);
		}
	}
}

/* names of containers and initContainers share one namespace */
static void val_containers(hpa__vctx *c, const char *key, const hpa__value *list,
	const hpa__value *spec, bool required)
{
	const hpa__value *vols = hpa__vget(spec, "volumes");
	size_t i;
	char q[400];
	if (!hpa__vis(list, HPA__V_SEQ) || hpa__v_count(list) == 0) {
		if (required)
			hpa__fe(c, HPA__FE_REQUIRED, key, list ? list : spec, NULL, NULL);
		return;
	}
	for (i = 0; i < hpa__v_count(list); i++) {
		const hpa__value *ctr = hpa__seq_at(list, i);
		const char *name = hpa__vstr(ctr, "name");
		hpa__vmark m = hpa__vp_key(c, key);
		hpa__vp_index(c, i);
		if (!name || !*name) {
			hpa__fe(c, HPA__FE_REQUIRED, "name", ctr, NULL, NULL);
		} else {
			hpa__msgs ms = { 0 };
			hpa__chk_dns1123_label(&ms, name);
			hpa__quote(c, q, sizeof(q), name);
			invalid_msgs(c, "name", hpa__vget(ctr, "name"), q, &ms);
			if (ms.n == 0) {
				/* duplicate of an earlier container (initContainers come first) */
				bool dup = false;
				size_t j;
				const hpa__value *lists[2];
				lists[0] = hpa__vget(spec, "initContainers");
				lists[1] = hpa__vget(spec, "containers");
				for (j = 0; j < 2 && !dup; j++) {
					size_t k;
					if (!hpa__vis(lists[j], HPA__V_SEQ))
						continue;
					for (k = 0; k < hpa__v_count(lists[j]); k++) {
						const hpa__value *o = hpa__seq_at(lists[j], k);
						const char *on;
						if (o == ctr)
							break;
						on = hpa__vstr(o, "name");
						if (on && strcmp(on, name) == 0) {
							dup = true;
							break;
						}
					}
					if (lists[j] == list)
						break;
				}
				if (dup)
					hpa__fe(c, HPA__FE_DUPLICATE, "name", hpa__vget(ctr, "name"), q, NULL);
			}
		}
		if (hpa__vis(ctr, HPA__V_MAP))
			val_container(c, ctr, vols);
		hpa__vp_reset(c, m);
	}
}

static void val_volumes(hpa__vctx *c, const hpa__value *vols)
{
	size_t i, j;
	char q[400];
	if (!hpa__vis(vols, HPA__V_SEQ))
		return;
	for (i = 0; i < hpa__v_count(vols); i++) {
		const hpa__value *v = hpa__seq_at(vols, i);
		const char *name = hpa__vstr(v, "name");
		hpa__vmark m = hpa__vp_key(c, "volumes");
		hpa__vp_index(c, i);
		if (!name || !*name) {
			hpa__fe(c, HPA__FE_REQUIRED, "name", v, NULL, NULL);
		} else {
			hpa__msgs ms = { 0 };
			hpa__chk_dns1123_label(&ms, name);
			hpa__quote(c, q, sizeof(q), name);
			invalid_msgs(c, "name", hpa__vget(v, "name"), q, &ms);
			for (j = 0; j < i && ms.n == 0; j++) {
				const char *o = hpa__vstr(hpa__seq_at(vols, j), "name");
				if (o && strcmp(o, name) == 0) {
					hpa__fe(c, HPA__FE_DUPLICATE, "name", hpa__vget(v, "name"), q, NULL);
					break;
				}
			}
		}
		hpa__vp_reset(c, m);
	}
}

void hpa__val_pod_template(hpa__vctx *c, const hpa__value *tpl)
{
	const hpa__value *meta = hpa__vget(tpl, "metadata");
	const hpa__value *spec = hpa__vget(tpl, "spec");
	hpa__vmark m;
	(void)v_nil;
	if (hpa__vis(meta, HPA__V_MAP)) {
		m = hpa__vp_key(c, "metadata");
		hpa__vp_key(c, "labels");
		hpa__val_labels(c, hpa__vget(meta, "labels"));
		hpa__vp_reset(c, m);
		m = hpa__vp_key(c, "metadata");
		hpa__vp_key(c, "annotations");
		hpa__val_annotations(c, hpa__vget(meta, "annotations"));
		hpa__vp_reset(c, m);
	}
	m = hpa__vp_key(c, "spec");
	val_volumes(c, hpa__vget(spec, "volumes"));
	val_containers(c, "initContainers", hpa__vget(spec, "initContainers"), spec, false);
	val_containers(c, "containers", hpa__vget(spec, "containers"), spec, true);
	{
		const char *rp = hpa__vstr(spec, "restartPolicy");
		char q[200];
		if (rp && strcmp(rp, "Always") != 0) {
			hpa__quote(c, q, sizeof(q), rp);
			hpa__fe(c, HPA__FE_UNSUPPORTED, "restartPolicy", hpa__vget(spec, "restartPolicy"), q,
				"supported values: \"Always\"");
		}
		if (hpa__vget(spec, "activeDeadlineSeconds"))
			hpa__fe(c, HPA__FE_FORBIDDEN, "activeDeadlineSeconds", hpa__vget(spec, "activeDeadlineSeconds"),
				NULL, "activeDeadlineSeconds in ReplicaSet is not Supported");
	}
	hpa__vp_reset(c, m);
}
