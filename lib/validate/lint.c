/* lib/validate/lint.c -- cross-object lint over a manifest set (rules
 * HPA0xx, SVC0xx, WL0xx, ING0xx, API001; docs/lint.md), plus per-object
 * validation (VAL001, VAL002). Reads the value trees directly; never
 * modifies them. Integer arithmetic only. */
#include "validate/validate_int.h"
#include <stdio.h>

/* ---- the set ------------------------------------------------------------------------ */

typedef struct {
	const hpa_object *obj;
	const hpa__value *labels;    /* pod labels */
	const hpa__value *podspec;   /* pod spec (containers) */
	const hpa__value *selector;  /* spec.selector, NULL for Pods/Jobs */
	bool map_selector;           /* ReplicationController: plain map */
	char tpl[48];                /* path of the pod template ("spec.template"), "" for Pods */
} workload;

typedef struct {
	hpa_diagnostics *d;
	hpa_lint_options o;
	bool on[64];
	const hpa_object **objs;
	size_t n;
	workload *wl;
	size_t nwl;
	int rc;
} lctx;

static const hpa__value *root_of(const hpa_object *o) { return o ? o->root : NULL; }
static const char *kind_of(const hpa_object *o) { return hpa_object_kind_name(o); }
static const char *name_of(const hpa_object *o) { return hpa_object_name(o); }
static const char *ns_of(const hpa_object *o) { return hpa_object_namespace(o); }
static const char *api_of(const hpa_object *o) { return hpa_object_api_version(o); }

static bool same_ns(const hpa_object *a, const hpa_object *b)
{
	const char *x = ns_of(a), *y = ns_of(b);
	/* an object without a namespace lands in whatever namespace it is applied to */
	return !*x || !*y || strcmp(x, y) == 0;
}

static bool is_kind(const hpa_object *o, const char *k) { return strcmp(kind_of(o), k) == 0; }

/* Same object for the API server: kind, name and namespace (and the API group). */
static void group_of(const char *api, char *buf, size_t size);
static bool same_identity(const hpa_object *a, const hpa_object *b)
{
	char g1[128], g2[128];
	if (a == b)
		return true;
	if (!*name_of(a) || strcmp(kind_of(a), kind_of(b)) || strcmp(name_of(a), name_of(b)) ||
			strcmp(ns_of(a), ns_of(b)))
		return false;
	group_of(api_of(a), g1, sizeof(g1));
	group_of(api_of(b), g2, sizeof(g2));
	return strcmp(g1, g2) == 0;
}

static void group_of(const char *api, char *buf, size_t size)
{
	const char *slash = strchr(api, '/');
	size_t n = slash ? (size_t)(slash - api) : 0;
	if (n >= size)
		n = size - 1;
	memcpy(buf, api, n);
	buf[n] = '\0';
}

static int rule_index(const char *id)
{
	size_t i;
	for (i = 0; i < hpa__lint_rule_n; i++)
		if (strcmp(hpa__lint_rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Position: the node at path, or the nearest enclosing node that exists. */
static const hpa__value *pos_of(const hpa_object *o, const char *path)
{
	char buf[512];
	size_t n;
	hpa__strlcpy(buf, path ? path : "", sizeof(buf));
	for (;;) {
		const hpa__value *v = *buf ? hpa__path_get(o->root, buf) : o->root;
		if (v && hpa__v_line(v))
			return v;
		n = strlen(buf);
		if (n == 0)
			return o->root;
		if (buf[n - 1] == ']') {
			char *b = strrchr(buf, '[');
			if (!b)
				return o->root;
			*b = '\0';
		} else {
			char *dot = strrchr(buf, '.');
			char *br = strrchr(buf, '[');
			char *cut = dot > br ? dot : br;
			if (!cut)
				buf[0] = '\0';
			else
				*cut = '\0';
		}
	}
}

static void report(lctx *L, const char *id, const hpa_object *o, const char *path,
	const char *msg, const char *hint)
{
	int i = rule_index(id);
	int sev;
	if (i < 0 || !L->on[i] || L->rc < 0)
		return;
	sev = hpa__lint_rules[i].severity;
	if (sev < L->o.min_severity)
		return;
	if (hpa__diags_add(L->d, hpa__lint_rules[i].id, sev,
			sev == HPA_SEVERITY_ERROR ? HPA_EVALIDATION : 0, o, path, pos_of(o, path), msg, hint) < 0)
		L->rc = HPA_ENOMEM;
}

/* A message part built in b is incomplete after an allocation failure:
 * record HPA_ENOMEM (report() then adds nothing). */
static void check_buf(lctx *L, const hpa__buf *b)
{
	if (hpa__buf_oom(b))
		L->rc = HPA_ENOMEM;
}

/* "Deployment/order" */
static const char *ref(char *buf, size_t size, const hpa_object *o)
{
	snprintf(buf, size, "%s/%s", kind_of(o), *name_of(o) ? name_of(o) : "<unnamed>");
	return buf;
}

static void pct(char *buf, size_t size, int64_t permille)
{
	snprintf(buf, size, "%lld.%lld%%", (long long)(permille / 10), (long long)(permille % 10));
}

/* ---- workloads ---------------------------------------------------------------------------- */

static bool workload_kind(const char *k)
{
	static const char *const kinds[] = { "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
		"ReplicationController", "Job", "CronJob", "Pod", "Rollout" };
	size_t i;
	for (i = 0; i < HPA__ARRAY_SIZE(kinds); i++)
		if (strcmp(k, kinds[i]) == 0)
			return true;
	return false;
}

static bool make_workload(const hpa_object *o, workload *w)
{
	const hpa__value *r = root_of(o), *spec = hpa__vget(r, "spec"), *tpl;
	memset(w, 0, sizeof(*w));
	w->obj = o;
	if (!workload_kind(kind_of(o)) || !hpa__vis(r, HPA__V_MAP))
		return false;
	if (is_kind(o, "Pod")) {
		w->labels = hpa__vget(hpa__vget(r, "metadata"), "labels");
		w->podspec = spec;
		return true;
	}
	if (is_kind(o, "CronJob")) {
		tpl = hpa__vget(hpa__vget(hpa__vget(spec, "jobTemplate"), "spec"), "template");
		hpa__strlcpy(w->tpl, "spec.jobTemplate.spec.template", sizeof(w->tpl));
	} else {
		tpl = hpa__vget(spec, "template");
		hpa__strlcpy(w->tpl, "spec.template", sizeof(w->tpl));
		if (!is_kind(o, "Job")) {
			w->selector = hpa__vget(spec, "selector");
			w->map_selector = is_kind(o, "ReplicationController");
		}
	}
	w->labels = hpa__vget(hpa__vget(tpl, "metadata"), "labels");
	w->podspec = hpa__vget(tpl, "spec");
	return true;
}

static const workload *find_workload(const lctx *L, const hpa_object *o)
{
	size_t i;
	for (i = 0; i < L->nwl; i++)
		if (L->wl[i].obj == o)
			return &L->wl[i];
	return NULL;
}

static bool workload_selects(const workload *a, const hpa__value *labels)
{
	if (!a->selector)
		return false;
	if (a->map_selector)
		return hpa__map_selector_matches(a->selector, labels);
	if (hpa__vlen(hpa__vget(a->selector, "matchLabels")) + hpa__vlen(hpa__vget(a->selector, "matchExpressions")) == 0)
		return false; /* invalid (VAL001) rather than "selects everything" */
	return hpa__selector_matches(a->selector, labels);
}

static const hpa__value *containers(const workload *w) { return hpa__vget(w->podspec, "containers"); }

static void ctr_path(char *buf, size_t size, const workload *w, size_t i, const char *tail)
{
	snprintf(buf, size, "%s%sspec.containers[%zu]%s%s", w->tpl, *w->tpl ? "." : "", i,
		tail && *tail ? "." : "", tail ? tail : "");
}

/* The container's effective request for r (a missing request defaults to the limit). */
static const hpa__value *effective_request(const hpa__value *ctr, const char *r)
{
	const hpa__value *res = hpa__vget(ctr, "resources");
	const hpa__value *q = hpa__vget(hpa__vget(res, "requests"), r);
	if (!q)
		q = hpa__vget(hpa__vget(res, "limits"), r);
	return q;
}

/* Annotation of the workload (object metadata first, then the pod template). */
static const char *workload_annotation(const workload *w, const char *key)
{
	const char *v = hpa__vstr(hpa__vget(hpa__vget(root_of(w->obj), "metadata"), "annotations"), key);
	if (!v && *w->tpl) {
		const hpa__value *tpl = hpa__path_get(root_of(w->obj), w->tpl);
		v = hpa__vstr(hpa__vget(hpa__vget(tpl, "metadata"), "annotations"), key);
	}
	return v;
}

/* ---- API001: removed apiVersions --------------------------------------------------------------- */

typedef struct {
	const char *api, *kind, *removed, *to, *how;
} removed_api;

static const removed_api removed_apis[] = {
	{ "extensions/v1beta1", "Deployment", "1.16", "apps/v1", "apps/v1 requires spec.selector (it was defaulted from the template labels) and it must match the template labels" },
	{ "apps/v1beta1", "Deployment", "1.16", "apps/v1", "apps/v1 requires spec.selector matching the template labels; the defaults of revisionHistoryLimit and progressDeadlineSeconds change" },
	{ "apps/v1beta2", "Deployment", "1.16", "apps/v1", "change the apiVersion; the fields are the same" },
	{ "extensions/v1beta1", "DaemonSet", "1.16", "apps/v1", "apps/v1 requires spec.selector matching the template labels" },
	{ "apps/v1beta2", "DaemonSet", "1.16", "apps/v1", "change the apiVersion" },
	{ "extensions/v1beta1", "ReplicaSet", "1.16", "apps/v1", "apps/v1 requires spec.selector matching the template labels" },
	{ "apps/v1beta1", "StatefulSet", "1.16", "apps/v1", "apps/v1 requires spec.selector matching the template labels" },
	{ "apps/v1beta2", "StatefulSet", "1.16", "apps/v1", "change the apiVersion" },
	{ "apps/v1beta2", "ReplicaSet", "1.16", "apps/v1", "change the apiVersion" },
	{ "extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1", "change the apiVersion" },
	{ "extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1",
		"backend.serviceName/servicePort become backend.service.name and backend.service.port.number (or .name), "
		"spec.backend becomes spec.defaultBackend, pathType is required (Prefix or Exact), and the "
		"kubernetes.io/ingress.class annotation becomes spec.ingressClassName" },
	{ "networking.k8s.io/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1",
		"backend.serviceName/servicePort become backend.service.name and backend.service.port.number (or .name), "
		"spec.backend becomes spec.defaultBackend, pathType is required (Prefix or Exact), and the "
		"kubernetes.io/ingress.class annotation becomes spec.ingressClassName" },
	{ "networking.k8s.io/v1beta1", "IngressClass", "1.22", "networking.k8s.io/v1", "change the apiVersion" },
	{ "autoscaling/v2beta1", "HorizontalPodAutoscaler", "1.25", "autoscaling/v2",
		"metrics change shape: resource.targetAverageUtilization: N becomes resource.target: {type: Utilization, "
		"averageUtilization: N}, targetAverageValue becomes target: {type: AverageValue, averageValue: Q}, "
		"metricName becomes metric: {name: ...}, object.target becomes object.describedObject" },
	{ "autoscaling/v2beta2", "HorizontalPodAutoscaler", "1.26", "autoscaling/v2",
		"change the apiVersion; v2beta2 and v2 have the same fields" },
	{ "policy/v1beta1", "PodDisruptionBudget", "1.25", "policy/v1",
		"in policy/v1 an empty spec.selector selects every pod of the namespace" },
	{ "policy/v1beta1", "PodSecurityPolicy", "1.25", "(none)", "use Pod Security Admission instead" },
	{ "batch/v1beta1", "CronJob", "1.25", "batch/v1", "change the apiVersion" },
	{ "discovery.k8s.io/v1beta1", "EndpointSlice", "1.25", "discovery.k8s.io/v1", "change the apiVersion" },
};

static void lint_api(lctx *L, const hpa_object *o)
{
	const char *api = api_of(o), *kind = kind_of(o);
	size_t i;
	char msg[1200], hint[900];
	for (i = 0; i < HPA__ARRAY_SIZE(removed_apis); i++) {
		const removed_api *r = &removed_apis[i];
		if (strcmp(api, r->api) != 0 || strcmp(kind, r->kind) != 0)
			continue;
		snprintf(msg, sizeof(msg), "%s %s was removed in Kubernetes %s; the API server no longer serves it",
			r->api, r->kind, r->removed);
		snprintf(hint, sizeof(hint), "use apiVersion: %s; %s", r->to, r->how);
		report(L, "API001", o, "apiVersion", msg, hint);
	}
	/* autoscaling/v2beta1 metric fields written in a later version */
	if (strcmp(kind, "HorizontalPodAutoscaler") == 0 && strcmp(api, "autoscaling/v2beta1") != 0 &&
			strcmp(api, "autoscaling/v1") != 0) {
		static const char *const srcs[] = { "resource", "containerResource", "pods", "object", "external" };
		static const char *const old[] = { "targetAverageUtilization", "targetAverageValue", "metricName",
			"targetValue", "metricSelector" };
		const hpa__value *metrics = hpa__vget(hpa__vget(root_of(o), "spec"), "metrics");
		size_t m, s, f;
		for (m = 0; hpa__vis(metrics, HPA__V_SEQ) && m < hpa__v_count(metrics); m++) {
			for (s = 0; s < HPA__ARRAY_SIZE(srcs); s++) {
				const hpa__value *src = hpa__vget(hpa__seq_at(metrics, m), srcs[s]);
				for (f = 0; f < HPA__ARRAY_SIZE(old) && src; f++) {
					char path[200];
					if (!hpa__map_get(src, old[f]))
						continue;
					snprintf(path, sizeof(path), "spec.metrics[%zu].%s.%s", m, srcs[s], old[f]);
					snprintf(msg, sizeof(msg), "%s is an autoscaling/v2beta1 field; %s does not have it, so the "
						"API server rejects it (strict) or drops it and the metric has no target", old[f], api);
					if (f == 0)
						snprintf(hint, sizeof(hint), "write target: {type: Utilization, averageUtilization: %s}",
							hpa__vtext(src, old[f]) ? hpa__vtext(src, old[f]) : "N");
					else if (f == 1)
						snprintf(hint, sizeof(hint), "write target: {type: AverageValue, averageValue: %s}",
							hpa__vtext(src, old[f]) ? hpa__vtext(src, old[f]) : "Q");
					else if (f == 2)
						snprintf(hint, sizeof(hint), "write metric: {name: %s}",
							hpa__vtext(src, old[f]) ? hpa__vtext(src, old[f]) : "...");
					else
						snprintf(hint, sizeof(hint), "use target: {type: Value, value: ...} and metric: {selector: ...}");
					report(L, "API001", o, path, msg, hint);
				}
			}
		}
	}
}

static void lint_duplicate(lctx *L, size_t i)
{
	const hpa_object *o = L->objs[i];
	char msg[1000], r1[300];
	size_t j;
	for (j = 0; j < i; j++) {
		const hpa_object *p = L->objs[j];
		if (!same_identity(o, p))
			continue;
		snprintf(msg, sizeof(msg), "%s%s%s is defined twice in the set (also in document %zu of %s): the "
			"later apply replaces the earlier object", ref(r1, sizeof(r1), o), *ns_of(o) ? " in namespace " : "",
			ns_of(o), p->document + 1, p->source ? p->source : "the same stream");
		report(L, "OBJ001", o, "metadata.name", msg, "keep one definition (or give them distinct names)");
		break;
	}
}

/* ---- HPA rules --------------------------------------------------------------------------------- */

typedef struct {
	char resource[64];
	int64_t util;           /* percent */
	const char *container;  /* ContainerResource, else NULL */
	char path[160];         /* where the metric is */
	bool implied;           /* the API server's default metric */
} util_metric;

static size_t hpa_util_metrics(const hpa_object *h, util_metric *out, size_t max, bool *empty)
{
	const hpa__value *spec = hpa__vget(root_of(h), "spec");
	const hpa__value *metrics = hpa__vget(spec, "metrics");
	const char *api = api_of(h);
	size_t n = 0, i;
	*empty = false;
	if (strcmp(api, "autoscaling/v1") == 0) {
		int64_t u = 80;
		hpa__vint(spec, "targetCPUUtilizationPercentage", &u);
		memset(&out[0], 0, sizeof(out[0]));
		hpa__strlcpy(out[0].resource, "cpu", sizeof(out[0].resource));
		out[0].util = u;
		hpa__strlcpy(out[0].path, hpa__vget(spec, "targetCPUUtilizationPercentage") ?
			"spec.targetCPUUtilizationPercentage" : "spec", sizeof(out[0].path));
		out[0].implied = !hpa__vget(spec, "targetCPUUtilizationPercentage");
		return 1;
	}
	if (hpa__vlen(metrics) == 0) {
		*empty = true;
		memset(&out[0], 0, sizeof(out[0]));
		hpa__strlcpy(out[0].resource, "cpu", sizeof(out[0].resource));
		out[0].util = 80;
		hpa__strlcpy(out[0].path, metrics ? "spec.metrics" : "spec", sizeof(out[0].path));
		out[0].implied = true;
		return 1;
	}
	for (i = 0; i < hpa__v_count(metrics) && n < max; i++) {
		const hpa__value *m = hpa__seq_at(metrics, i);
		const char *type = hpa__vstr(m, "type");
		const hpa__value *src;
		const char *key;
		int64_t u = -1;
		if (!type)
			continue;
		if (strcmp(type, "Resource") == 0)
			key = "resource";
		else if (strcmp(type, "ContainerResource") == 0)
			key = "containerResource";
		else
			continue;
		src = hpa__vget(m, key);
		if (!src || !hpa__vstr(src, "name"))
			continue;
		{
			const hpa__value *t = hpa__vget(src, "target");
			const char *tt = hpa__vstr(t, "type");
			if (tt && strcmp(tt, "Utilization") == 0)
				hpa__vint(t, "averageUtilization", &u);
			else if (!t)
				hpa__vint(src, "targetAverageUtilization", &u); /* v2beta1 shape */
		}
		if (u < 0)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		hpa__strlcpy(out[n].resource, hpa__vstr(src, "name"), sizeof(out[n].resource));
		out[n].util = u;
		out[n].container = hpa__vstr(src, "container");
		snprintf(out[n].path, sizeof(out[n].path), "spec.metrics[%zu].%s", i, key);
		n++;
	}
	return n;
}

/* HPA tolerance (thousandths): behavior.scaleUp.tolerance or the option */
static int64_t hpa_tolerance(const lctx *L, const hpa_object *h)
{
	const hpa__value *t = hpa__vget(hpa__vget(hpa__vget(hpa__vget(root_of(h), "spec"), "behavior"), "scaleUp"),
		"tolerance");
	hpa__qty q = hpa__qty_of(t);
	if (q.ok && q.sign >= 0 && !q.overflow)
		return q.milli;
	return L->o.tolerance_milli;
}

static void lint_requests(lctx *L, const hpa_object *h, const workload *w, const util_metric *um)
{
	const hpa__value *ctrs = containers(w);
	char msg[1400], hint[700], r1[300], r2[300], path[300];
	hpa__buf names = HPA__BUF_INIT;
	size_t i, nmiss = 0, first = 0;
	if (!hpa__vis(ctrs, HPA__V_SEQ))
		return;
	if (um->container) {
		bool found = false;
		for (i = 0; i < hpa__v_count(ctrs); i++) {
			const char *cn = hpa__vstr(hpa__seq_at(ctrs, i), "name");
			if (cn && strcmp(cn, um->container) == 0) {
				found = true;
				if (!effective_request(hpa__seq_at(ctrs, i), um->resource)) {
					ctr_path(path, sizeof(path), w, i, NULL);
					snprintf(msg, sizeof(msg), "%s scales on %s Utilization (%lld%%) of container \"%s\", but that "
						"container of %s has no %s request: the HPA shows <unknown>/%lld%% and does not scale",
						ref(r1, sizeof(r1), h), um->resource, (long long)um->util, um->container,
						ref(r2, sizeof(r2), w->obj), um->resource, (long long)um->util);
					snprintf(hint, sizeof(hint), "set resources.requests.%s on container \"%s\"", um->resource, um->container);
					report(L, "HPA003", w->obj, path, msg, hint);
				}
			}
		}
		if (!found) {
			char mp[200];
			snprintf(mp, sizeof(mp), "%s.container", um->path);
			hpa__buf_clear(&names);
			for (i = 0; i < hpa__v_count(ctrs); i++) {
				const char *cn = hpa__vstr(hpa__seq_at(ctrs, i), "name");
				if (i)
					hpa__buf_puts(&names, ", ");
				hpa__buf_printf(&names, "\"%s\"", cn ? cn : "");
			}
			check_buf(L, &names);
			snprintf(msg, sizeof(msg), "ContainerResource metric names container \"%s\", but %s has no such "
				"container (it has %s): the metric is never available",
				um->container, ref(r2, sizeof(r2), w->obj), names.ptr ? names.ptr : "none");
			snprintf(hint, sizeof(hint), "use one of the container names of the target's pod template");
			report(L, "HPA004", h, mp, msg, hint);
		}
		hpa__buf_dispose(&names);
		return;
	}
	for (i = 0; i < hpa__v_count(ctrs); i++) {
		const hpa__value *ctr = hpa__seq_at(ctrs, i);
		const char *cn = hpa__vstr(ctr, "name");
		if (effective_request(ctr, um->resource))
			continue;
		if (nmiss++ == 0)
			first = i;
		else
			hpa__buf_puts(&names, ", ");
		hpa__buf_printf(&names, "\"%s\"", cn ? cn : "");
	}
	if (nmiss) {
		const hpa__value *ctr = hpa__seq_at(ctrs, first);
		check_buf(L, &names);
		ctr_path(path, sizeof(path), w, first, hpa__vget(ctr, "resources") ? "resources" : NULL);
		snprintf(msg, sizeof(msg), "%s scales on %s Utilization (%lld%%%s), but container%s %s of %s ha%s no %s "
			"request: the HPA cannot compute utilization, shows <unknown>/%lld%% and does not scale",
			ref(r1, sizeof(r1), h), um->resource, (long long)um->util, um->implied ? ", the default" : "",
			nmiss > 1 ? "s" : "", names.ptr ? names.ptr : "", ref(r2, sizeof(r2), w->obj),
			nmiss > 1 ? "ve" : "s", um->resource, (long long)um->util);
		snprintf(hint, sizeof(hint), "set resources.requests.%s on every container of %s (injected sidecars "
			"too), or scale on an AverageValue target instead", um->resource, r2);
		report(L, "HPA003", w->obj, path, msg, hint);
	}
	hpa__buf_dispose(&names);
}

/* Sum of effective requests for r over the containers; false when one lacks it. */
static bool pod_request(const workload *w, const char *r, int64_t *sum)
{
	const hpa__value *ctrs = containers(w);
	size_t i;
	*sum = 0;
	if (hpa__vlen(ctrs) == 0 || !hpa__vis(ctrs, HPA__V_SEQ))
		return false;
	for (i = 0; i < hpa__v_count(ctrs); i++) {
		hpa__qty q = hpa__qty_of(effective_request(hpa__seq_at(ctrs, i), r));
		if (!q.ok || q.overflow || q.sign <= 0 || *sum > INT64_MAX - q.milli)
			return false;
		*sum += q.milli;
	}
	return *sum > 0;
}

static void lint_idle(lctx *L, const hpa_object *h, const workload *w, const util_metric *um)
{
	bool mem = strcmp(um->resource, "memory") == 0, cpu = strcmp(um->resource, "cpu") == 0;
	const char *ann = mem ? HPA__ANN_IDLE_MEMORY : cpu ? HPA__ANN_IDLE_CPU : NULL;
	const char *idle_s = ann ? workload_annotation(w, ann) : NULL;
	int64_t tol = hpa_tolerance(L, h), maxr = 0, req;
	char msg[1600], hint[800], r1[300], r2[300], a[64], b[64], rb[64], ib[64];
	hpa__buf qb = HPA__BUF_INIT;
	if (um->container || um->util <= 0 || (!mem && !cpu))
		return;
	hpa__vint(hpa__vget(root_of(h), "spec"), "maxReplicas", &maxr);
	if (idle_s) {
		hpa__qty iq = hpa__qty_parse(idle_s, strlen(idle_s));
		int64_t idle_pm, thr_pm;
		if (!iq.ok || iq.overflow || iq.sign <= 0 || !pod_request(w, um->resource, &req))
			return;
		if (iq.milli > INT64_MAX / 1000)
			return;
		idle_pm = iq.milli * 1000 / req;               /* idle as thousandths of the request */
		thr_pm = um->util * (1000 + tol) / 100;        /* target plus tolerance, thousandths */
		if (idle_pm <= thr_pm)
			return;
		hpa__qty_fmt(&qb, iq.milli, mem);
		check_buf(L, &qb);
		hpa__strlcpy(ib, qb.ptr ? qb.ptr : idle_s, sizeof(ib));
		hpa__buf_clear(&qb);
		hpa__qty_fmt(&qb, req, mem);
		check_buf(L, &qb);
		hpa__strlcpy(rb, qb.ptr ? qb.ptr : "?", sizeof(rb));
		pct(a, sizeof(a), idle_pm);
		pct(b, sizeof(b), thr_pm);
		snprintf(msg, sizeof(msg), "idle %s %s (annotation %s) is %s of the %s requested per pod, above %s's "
			"target %lld%% plus the %lld.%lld%% tolerance (%s): at every replica count n the HPA proposes "
			"ceil(n x %s / %lld%%) > n replicas, so %s climbs to maxReplicas %lld and stays there even idle",
			um->resource, ib, ann, a, rb, ref(r1, sizeof(r1), h), (long long)um->util,
			(long long)(tol / 10), (long long)(tol % 10), b, a, (long long)um->util,
			ref(r2, sizeof(r2), w->obj), (long long)maxr);
		snprintf(hint, sizeof(hint), "raise the %s target above %s (e.g. %lld%%), raise the request, or scale on a "
			"load metric (cpu, requests per second) instead", um->resource, a, (long long)((idle_pm * 13 / 10 + 9) / 10));
		report(L, "HPA008", h, um->path, msg, hint);
	} else if (mem) {
		/* rule of thumb: warmed-up idle memory is at least half of a well-sized request */
		int64_t thr_pm = um->util * (1000 + tol) / 100;
		if (thr_pm >= 500)
			return;
		pct(b, sizeof(b), thr_pm);
		snprintf(msg, sizeof(msg), "%s scales on memory Utilization %lld%% (%s with tolerance); the memory of a "
			"long-running process rarely falls back below half of its request once warmed up (rule of thumb), "
			"so %s would likely stay at maxReplicas %lld even without load",
			ref(r1, sizeof(r1), h), (long long)um->util, b, ref(r2, sizeof(r2), w->obj), (long long)maxr);
		snprintf(hint, sizeof(hint), "declare the measured idle footprint with the %s annotation on %s to check "
			"with real numbers, raise the target, or scale on cpu or a load metric", HPA__ANN_IDLE_MEMORY, r2);
		report(L, "HPA009", h, um->path, msg, hint);
	}
	hpa__buf_dispose(&qb);
}

static void lint_pdb(lctx *L, const hpa_object *h, const workload *w)
{
	int64_t minr = 1;
	size_t i;
	char msg[1200], hint[600], r1[300], r2[300], r3[300];
	hpa__vint(hpa__vget(root_of(h), "spec"), "minReplicas", &minr);
	if (minr < 1)
		return;
	for (i = 0; i < L->n; i++) {
		const hpa_object *p = L->objs[i];
		const hpa__value *spec = hpa__vget(root_of(p), "spec");
		const hpa__value *ma = hpa__vget(spec, "minAvailable");
		const hpa__value *sel = hpa__vget(spec, "selector");
		int64_t need = -1;
		if (!is_kind(p, "PodDisruptionBudget") || !ma || !same_ns(p, w->obj) || !w->labels)
			continue;
		if (hpa__vlen(hpa__vget(sel, "matchLabels")) + hpa__vlen(hpa__vget(sel, "matchExpressions")) == 0 ||
				!hpa__selector_matches(sel, w->labels))
			continue;
		if (ma->kind == HPA__V_INT)
			hpa__v_int_range(ma, 0, INT32_MAX, &need);
		else if (ma->kind == HPA__V_STR && hpa__is_percent(hpa__v_text(ma))) {
			int64_t pc = 0;
			const char *s = hpa__v_text(ma);
			while (*s >= '0' && *s <= '9' && pc < 100000)
				pc = pc * 10 + (*s++ - '0');
			need = (pc * minr + 99) / 100; /* the disruption controller rounds up */
		}
		if (need < minr)
			continue;
		snprintf(msg, sizeof(msg), "%s requires minAvailable %s of the pods of %s, but %s lets it run with "
			"minReplicas %lld: at minReplicas no pod may be evicted, so node drains and upgrades block",
			ref(r1, sizeof(r1), p), hpa__v_text(ma), ref(r2, sizeof(r2), w->obj), ref(r3, sizeof(r3), h), (long long)minr);
		snprintf(hint, sizeof(hint), "set minAvailable below minReplicas (or use maxUnavailable: 1), or raise "
			"the HPA's minReplicas above %lld", (long long)need);
		report(L, "HPA006", p, "spec.minAvailable", msg, hint);
	}
}

static void lint_hpas(lctx *L)
{
	size_t i, j, k;
	const hpa_object **targets = hpa__calloc(L->n ? L->n : 1, sizeof(*targets));
	char msg[1400], hint[700], r1[300], r2[300], r3[300];
	if (!targets) {
		L->rc = HPA_ENOMEM;
		return;
	}
	for (i = 0; i < L->n; i++) {
		const hpa_object *h = L->objs[i];
		const hpa__value *spec, *sref;
		const char *rk, *rn, *ra;
		const hpa_object *t = NULL;
		const workload *w;
		util_metric um[16];
		size_t nm;
		bool empty;
		if (!is_kind(h, "HorizontalPodAutoscaler"))
			continue;
		spec = hpa__vget(root_of(h), "spec");
		sref = hpa__vget(spec, "scaleTargetRef");
		rk = hpa__vstr(sref, "kind");
		rn = hpa__vstr(sref, "name");
		ra = hpa__vstr(sref, "apiVersion");
		if (!rk || !*rk || !rn || !*rn || !ra || !*ra) {
			hpa__buf miss = HPA__BUF_INIT;
			if (!ra || !*ra)
				hpa__buf_puts(&miss, "apiVersion");
			if (!rk || !*rk)
				hpa__buf_puts(&miss, miss.len ? ", kind" : "kind");
			if (!rn || !*rn)
				hpa__buf_puts(&miss, miss.len ? ", name" : "name");
			check_buf(L, &miss);
			snprintf(msg, sizeof(msg), "%s has %s scaleTargetRef (missing %s): it scales nothing",
				ref(r1, sizeof(r1), h), hpa__vlen(sref) == 0 ? "an empty" : "an incomplete", miss.ptr ? miss.ptr : "");
			snprintf(hint, sizeof(hint), "set scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: <the "
				"workload's metadata.name>}");
			report(L, "HPA002", h, "spec.scaleTargetRef", msg, hint);
			hpa__buf_dispose(&miss);
			continue;
		}
		for (j = 0; j < L->n && !t; j++) {
			const hpa_object *o = L->objs[j];
			if (o != h && is_kind(o, rk) && strcmp(name_of(o), rn) == 0 && same_ns(o, h))
				t = o;
		}
		if (!t) {
			snprintf(msg, sizeof(msg), "scaleTargetRef %s/%s (%s)%s%s is not in the manifest set", rk, rn, ra,
				*ns_of(h) ? " in namespace " : "", ns_of(h));
			snprintf(hint, sizeof(hint), "add the %s to the set or fix scaleTargetRef (kind, name, apiVersion); "
				"until the target exists the HPA reports FailedGetScale", rk);
			report(L, "HPA001", h, "spec.scaleTargetRef", msg, hint);
			continue;
		}
		{
			char g1[128], g2[128];
			group_of(ra, g1, sizeof(g1));
			group_of(api_of(t), g2, sizeof(g2));
			if (strcmp(g1, g2) != 0) {
				snprintf(msg, sizeof(msg), "scaleTargetRef.apiVersion %s does not match %s (%s): the HPA looks "
					"for %s in API group \"%s\" and does not find it", ra, ref(r2, sizeof(r2), t), api_of(t), rk, g1);
				snprintf(hint, sizeof(hint), "set scaleTargetRef.apiVersion: %s", api_of(t));
				report(L, "HPA001", h, "spec.scaleTargetRef.apiVersion", msg, hint);
			}
		}
		targets[i] = t;
		/* HPA005: an earlier HPA with the same target */
		for (k = 0; k < i; k++) {
			if (targets[k] && same_identity(targets[k], t) && !same_identity(L->objs[k], h)) {
				snprintf(msg, sizeof(msg), "%s and %s both target %s: they fight over its replica count "
					"(the controller reports AmbiguousSelector and stops scaling)",
					ref(r1, sizeof(r1), L->objs[k]), ref(r2, sizeof(r2), h), ref(r3, sizeof(r3), t));
				snprintf(hint, sizeof(hint), "merge the metrics of both into one HPA and delete the other");
				report(L, "HPA005", h, "spec.scaleTargetRef", msg, hint);
				break;
			}
		}
		w = find_workload(L, t);
		nm = hpa_util_metrics(h, um, HPA__ARRAY_SIZE(um), &empty);
		if (empty && strcmp(api_of(h), "autoscaling/v1") != 0) {
			snprintf(msg, sizeof(msg), "%s has no metrics: the API server fills in the default, cpu at 80%% "
				"Utilization", ref(r1, sizeof(r1), h));
			snprintf(hint, sizeof(hint), "write the metric you mean explicitly, e.g. metrics: [{type: Resource, "
				"resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]");
			report(L, "HPA010", h, um[0].path, msg, hint);
		}
		if (!w)
			continue;
		for (j = 0; j < nm; j++) {
			lint_requests(L, h, w, &um[j]);
			lint_idle(L, h, w, &um[j]);
		}
		if (hpa__vget(hpa__vget(root_of(t), "spec"), "replicas") && !is_kind(t, "Pod")) {
			snprintf(msg, sizeof(msg), "%s sets spec.replicas %s, but %s manages its replica count: every "
				"kubectl apply or GitOps sync resets it to %s until the HPA scales it back",
				ref(r2, sizeof(r2), t), hpa__vtext(hpa__vget(root_of(t), "spec"), "replicas") ?
				hpa__vtext(hpa__vget(root_of(t), "spec"), "replicas") : "?", ref(r1, sizeof(r1), h),
				hpa__vtext(hpa__vget(root_of(t), "spec"), "replicas") ?
				hpa__vtext(hpa__vget(root_of(t), "spec"), "replicas") : "?");
			snprintf(hint, sizeof(hint), "remove spec.replicas from the manifest once the HPA exists (the "
				"HPA's minReplicas sets the floor)");
			report(L, "HPA007", t, "spec.replicas", msg, hint);
		}
		lint_pdb(L, h, w);
	}
	hpa__free(targets);
}

/* ---- Services and workloads ------------------------------------------------------------------------- */

static bool has_port_name(const workload *w, const char *name)
{
	const hpa__value *ctrs = containers(w);
	size_t i, j;
	for (i = 0; hpa__vis(ctrs, HPA__V_SEQ) && i < hpa__v_count(ctrs); i++) {
		const hpa__value *ports = hpa__vget(hpa__seq_at(ctrs, i), "ports");
		for (j = 0; hpa__vis(ports, HPA__V_SEQ) && j < hpa__v_count(ports); j++) {
			const char *pn = hpa__vstr(hpa__seq_at(ports, j), "name");
			if (pn && strcmp(pn, name) == 0)
				return true;
		}
	}
	return false;
}

static void label_str(hpa__buf *b, const hpa__value *m)
{
	size_t i;
	for (i = 0; hpa__vis(m, HPA__V_MAP) && i < hpa__v_count(m); i++) {
		const hpa__value *v = hpa__map_val(m, i);
		hpa__buf_printf(b, "%s%s=%s", i ? "," : "", hpa__v_text(hpa__map_key(m, i)),
			v && v->kind != HPA__V_MAP && v->kind != HPA__V_SEQ ? hpa__v_text(v) : "");
	}
}

static void lint_services(lctx *L)
{
	size_t i, j, k;
	char msg[1400], hint[700], r1[300], r2[300];
	for (i = 0; i < L->n; i++) {
		const hpa_object *s = L->objs[i];
		const hpa__value *spec = hpa__vget(root_of(s), "spec");
		const hpa__value *sel = hpa__vget(spec, "selector");
		const hpa__value *ports = hpa__vget(spec, "ports");
		const char *type = hpa__vstr(spec, "type");
		size_t nsel = 0;
		if (!is_kind(s, "Service") || hpa__vlen(sel) == 0 || (type && strcmp(type, "ExternalName") == 0))
			continue;
		for (j = 0; j < L->nwl; j++)
			if (same_ns(s, L->wl[j].obj) && hpa__map_selector_matches(sel, L->wl[j].labels))
				nsel++;
		if (nsel == 0) {
			hpa__buf b = HPA__BUF_INIT;
			label_str(&b, sel);
			check_buf(L, &b);
			snprintf(msg, sizeof(msg), "%s selects pods with %s, but no workload in the set has these pod "
				"labels: the Service has no endpoints", ref(r1, sizeof(r1), s), b.ptr ? b.ptr : "");
			snprintf(hint, sizeof(hint), "make spec.selector equal to the labels of the pod template it should "
				"reach (spec.template.metadata.labels)");
			report(L, "SVC001", s, "spec.selector", msg, hint);
			hpa__buf_dispose(&b);
			continue;
		}
		for (k = 0; hpa__vis(ports, HPA__V_SEQ) && k < hpa__v_count(ports); k++) {
			const hpa__value *tp = hpa__vget(hpa__seq_at(ports, k), "targetPort");
			if (!tp || tp->kind != HPA__V_STR || hpa__v_textlen(tp) == 0)
				continue;
			for (j = 0; j < L->nwl; j++) {
				const workload *w = &L->wl[j];
				char path[120];
				if (!same_ns(s, w->obj) || !hpa__map_selector_matches(sel, w->labels))
					continue;
				if (has_port_name(w, hpa__v_text(tp)))
					continue;
				snprintf(path, sizeof(path), "spec.ports[%zu].targetPort", k);
				snprintf(msg, sizeof(msg), "targetPort \"%s\" of %s is not the name of a container port of %s: "
					"connections to its pods fail", hpa__v_text(tp), ref(r1, sizeof(r1), s), ref(r2, sizeof(r2), w->obj));
				snprintf(hint, sizeof(hint), "name the container port (ports: [{name: %s, containerPort: N}]) or "
					"use the port number as targetPort", hpa__v_text(tp));
				report(L, "SVC002", s, path, msg, hint);
			}
		}
	}
}

static bool placeholder_image(const char *img)
{
	const char *p = img;
	if (!*img)
		return true;
	if (strstr(img, "{{") || strchr(img, '<') || strchr(img, ' ') || strchr(img, '\t'))
		return true;
	/* a path segment (or tag) that is undefined / null / None */
	while (*p) {
		size_t n = strcspn(p, "/:@");
		if ((n == 9 && strncmp(p, "undefined", 9) == 0) || (n == 4 && strncmp(p, "null", 4) == 0) ||
				(n == 4 && strncmp(p, "None", 4) == 0))
			return true;
		p += n;
		if (*p)
			p++;
	}
	return false;
}

static void lint_workloads(lctx *L)
{
	size_t i, j;
	char msg[1400], hint[700], r1[300], r2[300];
	for (i = 0; i < L->nwl; i++) {
		const workload *a = &L->wl[i];
		const hpa__value *ctrs = containers(a);
		for (j = 0; j < L->nwl; j++) {
			const workload *b = &L->wl[j];
			hpa__buf s = HPA__BUF_INIT;
			if (i == j || !a->selector || !b->labels || !same_ns(a->obj, b->obj) ||
					same_identity(a->obj, b->obj) || !workload_selects(a, b->labels))
				continue;
			label_str(&s, a->map_selector ? a->selector : hpa__vget(a->selector, "matchLabels"));
			check_buf(L, &s);
			snprintf(msg, sizeof(msg), "the selector of %s (%s) also selects the pods of %s: ReplicaSet "
				"ownership, Service endpoints and HPA metrics mix the two workloads' pods",
				ref(r1, sizeof(r1), a->obj), s.ptr ? s.ptr : "matchExpressions", ref(r2, sizeof(r2), b->obj));
			snprintf(hint, sizeof(hint), "give each workload a distinguishing label (e.g. app.kubernetes.io/name) "
				"in both its pod template and its selector");
			report(L, "WL001", a->obj, "spec.selector", msg, hint);
			hpa__buf_dispose(&s);
		}
		for (j = 0; hpa__vis(ctrs, HPA__V_SEQ) && j < hpa__v_count(ctrs); j++) {
			const hpa__value *ctr = hpa__seq_at(ctrs, j);
			const char *img = hpa__vstr(ctr, "image");
			char path[200];
			if (img && !placeholder_image(img))
				continue;
			ctr_path(path, sizeof(path), a, j, img ? "image" : NULL);
			snprintf(msg, sizeof(msg), "container \"%s\" of %s has %s%s%s: the pod cannot pull it",
				hpa__vstr(ctr, "name") ? hpa__vstr(ctr, "name") : "", ref(r1, sizeof(r1), a->obj),
				img && *img ? "the placeholder image \"" : "no image", img && *img ? img : "", img && *img ? "\"" : "");
			snprintf(hint, sizeof(hint), "set the real image reference (registry/repository:tag); generators write "
				"\"undefined\" when the model has no registry settings");
			report(L, "WL002", a->obj, path, msg, hint);
		}
	}
}

/* ---- Ingress rules ----------------------------------------------------------------------------------- */

typedef struct {
	const hpa_object *ing;
	const hpa_object *svc;   /* resolved backend Service, may be NULL */
	const char *svc_name;
	const char *host, *path, *ptype;
	char where[160];         /* path of the HTTPIngressPath */
} ipath;

static const hpa_object *find_service(const lctx *L, const hpa_object *ing, const char *name)
{
	size_t i;
	for (i = 0; i < L->n; i++)
		if (is_kind(L->objs[i], "Service") && strcmp(name_of(L->objs[i]), name) == 0 && same_ns(L->objs[i], ing))
			return L->objs[i];
	return NULL;
}

/* rest-paths of a Service: its annotation, else that of a workload it selects */
static const char *rest_paths(const lctx *L, const hpa_object *svc, const hpa_object **where)
{
	const char *v = hpa__vstr(hpa__vget(hpa__vget(root_of(svc), "metadata"), "annotations"), HPA__ANN_REST_PATHS);
	const hpa__value *sel = hpa__vget(hpa__vget(root_of(svc), "spec"), "selector");
	size_t i;
	*where = svc;
	if (v)
		return v;
	for (i = 0; i < L->nwl; i++) {
		if (!same_ns(svc, L->wl[i].obj) || !hpa__map_selector_matches(sel, L->wl[i].labels))
			continue;
		v = workload_annotation(&L->wl[i], HPA__ANN_REST_PATHS);
		if (v) {
			*where = L->wl[i].obj;
			return v;
		}
	}
	return NULL;
}

/* Does a request under Ingress path p (Prefix/Exact) reach REST resource r? */
static bool reaches(const char *p, const char *r, bool exact)
{
	size_t pl = strlen(p), rl = strlen(r);
	while (pl > 1 && p[pl - 1] == '/')
		pl--;
	while (rl > 1 && r[rl - 1] == '/')
		rl--;
	if (pl == rl && strncmp(p, r, pl) == 0)
		return true;
	/* the path is inside the resource (/orders/1 under /orders) */
	if (pl > rl && strncmp(p, r, rl) == 0 && (p[rl] == '/' || rl == 1))
		return true;
	/* the resource is inside a Prefix path (/api covers /api/orders; / covers all) */
	if (!exact && rl > pl && strncmp(p, r, pl) == 0 && (r[pl] == '/' || pl == 1))
		return true;
	return false;
}

static bool next_item(const char **s, char *buf, size_t size)
{
	const char *p = *s;
	size_t n;
	while (*p == ',' || *p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return false;
	n = strcspn(p, ",");
	*s = p + n;
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= size)
		n = size - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return true;
}

static bool strict_nginx_path(const char *p)
{
	const unsigned char *s = (const unsigned char *)p;
	if (*s != '/')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
				*s == '.' || *s == '_' || *s == '-' || *s == '/'))
			return false;
	return true;
}

static void lint_backend(lctx *L, const hpa_object *ing, const hpa__value *be, const char *where,
	ipath *out)
{
	const hpa__value *svc = hpa__vget(be, "service");
	const char *name = svc ? hpa__vstr(svc, "name") : hpa__vstr(be, "serviceName");
	const hpa__value *port = svc ? hpa__vget(svc, "port") : hpa__vget(be, "servicePort");
	const hpa_object *s;
	char msg[1400], hint[700], r1[300], path[260];
	out->svc = NULL;
	out->svc_name = name;
	if (!name || !*name)
		return;
	s = find_service(L, ing, name);
	if (!s) {
		snprintf(path, sizeof(path), "%s.%s", where, svc ? "service.name" : "serviceName");
		snprintf(msg, sizeof(msg), "backend Service \"%s\"%s%s of %s is not in the manifest set: requests "
			"get 503", name, *ns_of(ing) ? " in namespace " : "", ns_of(ing), ref(r1, sizeof(r1), ing));
		snprintf(hint, sizeof(hint), "add the Service or correct backend.service.name");
		report(L, "ING001", ing, path, msg, hint);
		return;
	}
	out->svc = s;
	{
		const hpa__value *ports = hpa__vget(hpa__vget(root_of(s), "spec"), "ports");
		const char *pname = NULL;
		int64_t pnum = 0;
		bool found = false;
		size_t i;
		if (svc) {
			pname = hpa__vstr(port, "name");
			hpa__vint(port, "number", &pnum);
		} else if (port && port->kind == HPA__V_STR) {
			pname = hpa__v_text(port);
		} else if (port) {
			hpa__vint(be, "servicePort", &pnum);
		}
		if (!pname && pnum == 0)
			return;
		for (i = 0; hpa__vis(ports, HPA__V_SEQ) && i < hpa__v_count(ports) && !found; i++) {
			const hpa__value *p = hpa__seq_at(ports, i);
			int64_t n;
			if (pname && hpa__vstr(p, "name") && strcmp(hpa__vstr(p, "name"), pname) == 0)
				found = true;
			if (!pname && hpa__vint(p, "port", &n) == 1 && n == pnum)
				found = true;
		}
		if (!found) {
			hpa__buf have = HPA__BUF_INIT;
			for (i = 0; hpa__vis(ports, HPA__V_SEQ) && i < hpa__v_count(ports); i++) {
				const hpa__value *p = hpa__seq_at(ports, i);
				hpa__buf_printf(&have, "%s%s%s%s", i ? ", " : "", hpa__vtext(p, "port") ? hpa__vtext(p, "port") : "?",
					hpa__vstr(p, "name") ? "/" : "", hpa__vstr(p, "name") ? hpa__vstr(p, "name") : "");
			}
			check_buf(L, &have);
			snprintf(path, sizeof(path), "%s.%s", where, svc ? (pname ? "service.port.name" : "service.port.number")
				: "servicePort");
			if (pname)
				snprintf(msg, sizeof(msg), "backend port name \"%s\" is not a port of %s (ports: %s): requests get 503",
					pname, ref(r1, sizeof(r1), s), have.ptr ? have.ptr : "none");
			else
				snprintf(msg, sizeof(msg), "backend port %lld is not a port of %s (ports: %s): requests get 503",
					(long long)pnum, ref(r1, sizeof(r1), s), have.ptr ? have.ptr : "none");
			snprintf(hint, sizeof(hint), "use one of the Service's spec.ports[].port numbers (or names), not the "
				"container port");
			report(L, "ING002", ing, path, msg, hint);
			hpa__buf_dispose(&have);
		}
	}
}

static void lint_ingresses(lctx *L)
{
	ipath *all = NULL;
	size_t nall = 0, cap = 0, i, j, k;
	char msg[1600], hint[800], r1[300], r2[300];
	for (i = 0; i < L->n && L->rc == 0; i++) {
		const hpa_object *ing = L->objs[i];
		const hpa__value *root = root_of(ing), *spec = hpa__vget(root, "spec");
		const hpa__value *rules = hpa__vget(spec, "rules");
		const char *cls = hpa__vstr(spec, "ingressClassName");
		const char *ann = hpa__vstr(hpa__vget(hpa__vget(root, "metadata"), "annotations"), "kubernetes.io/ingress.class");
		bool nginx;
		if (!is_kind(ing, "Ingress"))
			continue;
		if (ann && (!cls || strcmp(cls, ann) == 0)) {
			if (cls)
				snprintf(msg, sizeof(msg), "%s sets both spec.ingressClassName and the deprecated "
					"kubernetes.io/ingress.class annotation: API servers before the relaxation of this rule "
					"rejected it (\"can not be set when the class field is also set\")", ref(r1, sizeof(r1), ing));
			else
				snprintf(msg, sizeof(msg), "%s selects its controller with the kubernetes.io/ingress.class "
					"annotation, deprecated since Kubernetes 1.18", ref(r1, sizeof(r1), ing));
			snprintf(hint, sizeof(hint), "remove the annotation and set spec.ingressClassName: %s", ann);
			report(L, "ING006", ing, "metadata.annotations[\"kubernetes.io/ingress.class\"]", msg, hint);
		}
		nginx = (!cls && !ann) || (cls && strstr(cls, "nginx")) || (!cls && ann && strstr(ann, "nginx"));
		{
			const hpa__value *db = hpa__vget(spec, "defaultBackend");
			ipath tmp;
			memset(&tmp, 0, sizeof(tmp));
			if (!db)
				db = hpa__vget(spec, "backend");
			if (db)
				lint_backend(L, ing, db, hpa__vget(spec, "defaultBackend") ? "spec.defaultBackend" : "spec.backend", &tmp);
		}
		for (j = 0; hpa__vis(rules, HPA__V_SEQ) && j < hpa__v_count(rules); j++) {
			const hpa__value *r = hpa__seq_at(rules, j);
			const hpa__value *paths = hpa__vget(hpa__vget(r, "http"), "paths");
			for (k = 0; hpa__vis(paths, HPA__V_SEQ) && k < hpa__v_count(paths); k++) {
				const hpa__value *p = hpa__seq_at(paths, k);
				ipath *ip;
				char where[160];
				if (!hpa__vis(p, HPA__V_MAP))
					continue;
				if (hpa__grow((void **)&all, &cap, nall + 1, sizeof(*all)) < 0) {
					L->rc = HPA_ENOMEM;
					break;
				}
				ip = &all[nall++];
				memset(ip, 0, sizeof(*ip));
				ip->ing = ing;
				ip->host = hpa__vstr(r, "host") ? hpa__vstr(r, "host") : "";
				ip->path = hpa__vstr(p, "path") ? hpa__vstr(p, "path") : "";
				ip->ptype = hpa__vstr(p, "pathType") ? hpa__vstr(p, "pathType") : "";
				snprintf(where, sizeof(where), "spec.rules[%zu].http.paths[%zu]", j, k);
				hpa__strlcpy(ip->where, where, sizeof(ip->where));
				snprintf(where, sizeof(where), "spec.rules[%zu].http.paths[%zu].backend", j, k);
				lint_backend(L, ing, hpa__vget(p, "backend"), where, ip);
				if (nginx && (strcmp(ip->ptype, "Exact") == 0 || strcmp(ip->ptype, "Prefix") == 0) &&
						*ip->path && !strict_nginx_path(ip->path)) {
					char pp[200];
					snprintf(pp, sizeof(pp), "%s.path", ip->where);
					snprintf(msg, sizeof(msg), "path \"%s\" of %s has characters outside [A-Za-z0-9._-/]: "
						"ingress-nginx's strict path validation (strict-validate-path-type, on by default) "
						"refuses the Ingress", ip->path, ref(r1, sizeof(r1), ing));
					snprintf(hint, sizeof(hint), "use an ASCII path (percent-encode other characters) or "
						"pathType: ImplementationSpecific");
					report(L, "ING007", ing, pp, msg, hint);
				}
			}
		}
	}
	/* ING003: repeated (namespace, host, path, pathType) */
	for (i = 0; i < nall; i++) {
		for (j = 0; j < i; j++) {
			const ipath *a = &all[j], *b = &all[i];
			if (strcmp(a->host, b->host) || strcmp(a->path, b->path) || strcmp(a->ptype, b->ptype) ||
					!same_ns(a->ing, b->ing))
				continue;
			if (a->svc_name && b->svc_name && strcmp(a->svc_name, b->svc_name) == 0)
				snprintf(msg, sizeof(msg), "path \"%s\"%s%s (%s) is repeated: the same route to Service \"%s\" "
					"already appears at %s of %s", b->path, *b->host ? " on host " : "", b->host, b->ptype,
					b->svc_name, a->where, ref(r1, sizeof(r1), a->ing));
			else
				snprintf(msg, sizeof(msg), "path \"%s\"%s%s (%s) is repeated with another backend (first at %s of "
					"%s): only one of them receives the traffic", b->path, *b->host ? " on host " : "", b->host,
					b->ptype, a->where, ref(r1, sizeof(r1), a->ing));
			snprintf(hint, sizeof(hint), "keep one entry per path (generators that re-add every Service on each "
				"load repeat them)");
			report(L, "ING003", b->ing, b->where, msg, hint);
			break;
		}
	}
	/* ING004: declared REST resources */
	for (i = 0; i < nall; i++) {
		const ipath *ip = &all[i];
		const hpa_object *where;
		const char *rp, *s;
		char item[256];
		bool ok = false, any = false;
		if (!ip->svc || !*ip->path)
			continue;
		rp = rest_paths(L, ip->svc, &where);
		if (!rp)
			continue;
		for (s = rp; next_item(&s, item, sizeof(item));) {
			any = true;
			if (reaches(ip->path, item, strcmp(ip->ptype, "Exact") == 0))
				ok = true;
		}
		if (!any || ok)
			continue;
		{
			char pp[200];
			snprintf(pp, sizeof(pp), "%s.path", ip->where);
			snprintf(msg, sizeof(msg), "path \"%s\" of %s routes to Service \"%s\", whose REST resources are %s "
				"(%s on %s): requests under \"%s\" get 404", ip->path, ref(r1, sizeof(r1), ip->ing), ip->svc_name,
				rp, HPA__ANN_REST_PATHS, ref(r2, sizeof(r2), where), ip->path);
			snprintf(hint, sizeof(hint), "route the paths the service serves (%s), or correct the annotation", rp);
			report(L, "ING004", ip->ing, pp, msg, hint);
		}
	}
	/* ING005: declared REST resources no Ingress path reaches */
	for (i = 0; i < L->n; i++) {
		const hpa_object *svc = L->objs[i], *where;
		const char *rp, *s;
		char item[256];
		bool routed = false;
		if (!is_kind(svc, "Service"))
			continue;
		for (j = 0; j < nall && !routed; j++)
			if (all[j].svc == svc)
				routed = true;
		if (!routed || !(rp = rest_paths(L, svc, &where)))
			continue;
		for (s = rp; next_item(&s, item, sizeof(item));) {
			bool hit = false;
			for (j = 0; j < nall && !hit; j++)
				if (all[j].svc == svc && *all[j].path &&
						reaches(all[j].path, item, strcmp(all[j].ptype, "Exact") == 0))
					hit = true;
			if (hit)
				continue;
			snprintf(msg, sizeof(msg), "REST resource \"%s\" of Service \"%s\" (%s on %s) is reached by no "
				"Ingress path, although the Service is routed", item, name_of(svc), HPA__ANN_REST_PATHS,
				ref(r1, sizeof(r1), where));
			snprintf(hint, sizeof(hint), "add an Ingress path %s (pathType: Prefix) to Service \"%s\" if clients "
				"outside the cluster need it", item, name_of(svc));
			report(L, "ING005", where, "metadata.annotations[\"" HPA__ANN_REST_PATHS "\"]", msg, hint);
		}
	}
	hpa__free(all);
}

/* ---- entry points ------------------------------------------------------------------------------------ */

static const size_t lint_sizes[] = { sizeof(hpa_lint_options) };

int hpa_lint_options_init(hpa_lint_options *opts, unsigned int version)
{
	if (!opts || version == 0 || version > HPA_LINT_OPTIONS_VERSION)
		return HPA_EINVAL;
	memset(opts, 0, sizeof(*opts));
	opts->version = version;
	opts->min_severity = HPA_SEVERITY_INFO;
	opts->tolerance_milli = 100;
	return 0;
}

/* Parse a comma-separated id list into flags; HPA_EINVAL for an unknown id. */
static int parse_ids(const char *list, bool *flags, bool value, hpa_error *err)
{
	const char *s = list;
	char item[32];
	if (!list)
		return 0;
	while (next_item(&s, item, sizeof(item))) {
		int i = rule_index(item);
		if (i < 0)
			return hpa__error(err, HPA_EINVAL, "unknown lint rule id \"%s\"", item);
		flags[i] = value;
	}
	return 0;
}

int hpa_manifests_lint(const hpa_manifest *const *manifests, size_t count,
	const hpa_lint_options *opts, hpa_diagnostics **out, hpa_error *err)
{
	lctx L;
	size_t i, j, total = 0;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_manifest_lint: out is NULL");
	*out = NULL;
	if (!manifests && count)
		return hpa__error(err, HPA_EINVAL, "hpa_manifest_lint: manifests is NULL");
	memset(&L, 0, sizeof(L));
	hpa_lint_options_init(&L.o, HPA_LINT_OPTIONS_VERSION);
	rc = hpa__options_copy(&L.o, opts, lint_sizes, HPA_LINT_OPTIONS_VERSION, "hpa_lint_options", err);
	if (rc < 0)
		return rc;
	if (L.o.tolerance_milli < 0)
		return hpa__error(err, HPA_EINVAL, "hpa_lint_options: negative tolerance_milli");
	for (i = 0; i < hpa__lint_rule_n; i++)
		L.on[i] = !(L.o.enable && *L.o.enable) &&
			(!hpa__lint_rules[i].heuristic || (L.o.flags & HPA_LINT_HEURISTICS));
	if ((rc = parse_ids(L.o.enable, L.on, true, err)) < 0 || (rc = parse_ids(L.o.disable, L.on, false, err)) < 0)
		return rc;
	if (L.o.flags & HPA_LINT_NO_VALIDATION) {
		L.on[rule_index("VAL001")] = false;
		L.on[rule_index("VAL002")] = false;
	}
	for (i = 0; i < count; i++) {
		if (!manifests[i])
			return hpa__error(err, HPA_EINVAL, "hpa_manifest_lint: manifest %zu is NULL", i);
		total += hpa_manifest_count(manifests[i]);
	}
	if (hpa__diags_new(&L.d) < 0)
		return hpa__enomem(err);
	L.objs = hpa__calloc(total ? total : 1, sizeof(*L.objs));
	L.wl = hpa__calloc(total ? total : 1, sizeof(*L.wl));
	if (!L.objs || !L.wl) {
		L.rc = HPA_ENOMEM;
		goto done;
	}
	for (i = 0; i < count; i++)
		for (j = 0; j < hpa_manifest_count(manifests[i]); j++) {
			const hpa_object *o = hpa_manifest_at(manifests[i], j);
			if (!o || !o->root || o->root->kind != HPA__V_MAP)
				continue;
			L.objs[L.n++] = o;
			if (make_workload(o, &L.wl[L.nwl]))
				L.nwl++;
		}
	/* per-object validation; its findings obey min_severity and the rule switches too */
	if (L.on[rule_index("VAL001")] || L.on[rule_index("VAL002")]) {
		for (i = 0; i < L.n && L.rc == 0; i++) {
			hpa__vctx c;
			hpa__vctx_init(&c, L.d, L.objs[i], L.o.flags & ~(unsigned)HPA_LINT_NO_VALIDATION);
			if (!L.on[rule_index("VAL002")])
				c.flags |= HPA_VALIDATE_NO_SCHEMA;
			hpa__validate_object(&c);
			L.rc = c.rc;
			hpa__vctx_dispose(&c);
		}
		if (!L.on[rule_index("VAL001")] || HPA_SEVERITY_ERROR < L.o.min_severity) {
			/* drop VAL001 findings when the rule is off (the schema walk needed them for
			 * de-duplication), and every validation finding (VAL001 and VAL002 alike)
			 * below min_severity */
			size_t w = 0;
			for (i = 0; i < L.d->len; i++)
				if ((strcmp(L.d->items[i].rule, "VAL001") != 0 || L.on[rule_index("VAL001")]) &&
						L.d->items[i].severity >= L.o.min_severity)
					L.d->items[w++] = L.d->items[i];
			L.d->len = w;
		}
	}
	for (i = 0; i < L.n && L.rc == 0; i++) {
		lint_api(&L, L.objs[i]);
		lint_duplicate(&L, i);
	}
	if (L.rc == 0)
		lint_hpas(&L);
	if (L.rc == 0)
		lint_services(&L);
	if (L.rc == 0)
		lint_workloads(&L);
	if (L.rc == 0)
		lint_ingresses(&L);
done:
	hpa__free(L.objs);
	hpa__free(L.wl);
	if (L.rc < 0) {
		hpa_diagnostics_free(L.d);
		return hpa__enomem(err);
	}
	hpa__diags_sort(L.d);
	*out = L.d;
	for (i = 0; i < L.d->len; i++)
		if (L.d->items[i].severity == HPA_SEVERITY_ERROR) {
			if (err)
				hpa_diagnostic_to_error(&L.d->items[i], err);
			return HPA_EVALIDATION;
		}
	return 0;
}

int hpa_manifest_lint(const hpa_manifest *manifest, const hpa_lint_options *opts,
	hpa_diagnostics **out, hpa_error *err)
{
	if (!manifest) {
		if (out)
			*out = NULL;
		return hpa__error(err, HPA_EINVAL, "hpa_manifest_lint: manifest is NULL");
	}
	return hpa_manifests_lint(&manifest, 1, opts, out, err);
}
