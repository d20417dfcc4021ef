/*
 * lib/model/render.c -- a loaded model to a manifest (docs/model.md,
 * "What is rendered"), and the prerequisites the manifest implies.
 *
 * Objects are built as value trees in the manifest's arena, in the key order
 * kubectl and the lab template use, then bound and checked against the
 * schema (strict) as a guard: a rendering bug cannot leave a manifest the
 * API server would refuse for its structure.
 */
#include "model/model_int.h"
#include "manifest/manifest_int.h"
#include "schema/check.h"
#include <hpa/object.h>
#include <stdio.h>

static const size_t render_options_sizes[] = { sizeof(hpa_render_options) };

int hpa_render_options_init(hpa_render_options *opts, unsigned int version)
{
	static const hpa_render_options defaults = HPA_RENDER_OPTIONS_INIT;
	if (!opts || version == 0 || version > HPA_RENDER_OPTIONS_VERSION)
		return HPA_EINVAL;
	memcpy(opts, &defaults, render_options_sizes[version - 1]);
	opts->version = version;
	return HPA_OK;
}

typedef struct {
	const hpa_model *m;
	hpa_render_options o;
	hpa__arena *a;
	bool oom;
	const char *profile;
	int rule;
	const char *brokers;     /* env value, NULL = no messaging env */
} R;

/* ---- tree building (NULL-safe: any failure sets r->oom) ------------------------- */

static hpa__value *S(R *r, const char *s)
{
	hpa__value *v = hpa__v_str(r->a, s);
	if (!v)
		r->oom = true;
	return v;
}

static hpa__value *I(R *r, int64_t i)
{
	hpa__value *v = hpa__v_int(r->a, i);
	if (!v)
		r->oom = true;
	return v;
}

static hpa__value *M(R *r)
{
	hpa__value *v = hpa__v_map(r->a);
	if (!v)
		r->oom = true;
	return v;
}

static hpa__value *Q(R *r)
{
	hpa__value *v = hpa__v_seq(r->a);
	if (!v)
		r->oom = true;
	return v;
}

/* map[key] = v; returns v (for chaining into new maps) */
static hpa__value *put(R *r, hpa__value *map, const char *key, hpa__value *v)
{
	hpa__value *k;
	if (!map || !v) {
		r->oom = true;
		return NULL;
	}
	k = hpa__v_str(r->a, key);
	if (!k || hpa__map_append(map, k, v) < 0) {
		r->oom = true;
		return NULL;
	}
	return v;
}

static hpa__value *add(R *r, hpa__value *seq, hpa__value *v)
{
	if (!seq || !v || hpa__seq_append(seq, v) < 0) {
		r->oom = true;
		return NULL;
	}
	return v;
}

static hpa__value *object(R *r, const char *api_version, const char *kind, const char *name,
	hpa__value **meta_out)
{
	hpa__value *root = M(r), *meta;
	put(r, root, "apiVersion", S(r, api_version));
	put(r, root, "kind", S(r, kind));
	meta = put(r, root, "metadata", M(r));
	put(r, meta, "name", S(r, name));
	if (r->m->namespace_)
		put(r, meta, "namespace", S(r, r->m->namespace_));
	if (meta_out)
		*meta_out = meta;
	return root;
}

static hpa__value *app_labels(R *r, const char *app)
{
	hpa__value *l = M(r);
	put(r, l, "app", S(r, app));
	return l;
}

/* Add root to the manifest, bind its kind and check it (strict). */
static int commit(R *r, hpa_manifest *man, hpa__value *root, hpa_error *err)
{
	hpa_object *obj;
	int rc;
	if (r->oom || !root)
		return hpa__enomem(err);
	if (hpa__manifest_add(man, root, man->documents, &obj) < 0)
		return hpa__enomem(err);
	man->documents++;
	rc = hpa__schema_check(obj, HPA__CHECK_STRICT, err);
	if (rc == HPA_ENOMEM)
		return rc;
	if (rc < 0) {
		/* cannot happen unless the renderer is wrong: say so */
		char msg[HPA_ERROR_MESSAGE_MAX];
		snprintf(msg, sizeof(msg), "%s", err ? err->message : "");
		return hpa__error(err, HPA_ERROR, "internal error: rendered %s %s fails the schema: %s",
			hpa_object_kind_name(obj), hpa_object_name(obj), msg);
	}
	return HPA_OK;
}

/* ---- per context ------------------------------------------------------------------ */

static int32_t container_port(const R *r, const hpa__mctx *c)
{
	const char *p = hpa__mmap_profile(&c->ports, r->profile);
	int32_t v = 0;
	if (!p)
		return r->m->container_port;
	for (; *p; p++)
		v = v * 10 + (*p - '0');
	return v;
}

static int32_t service_port(const R *r, const hpa__mctx *c)
{
	return r->m->service_port > 0 ? r->m->service_port : container_port(r, c);
}

/* merged[key]: the context's value overrides the deployment's; keys keep
 * the deployment's order, then the context's new ones. */
static void merged_put(R *r, hpa__value *map, const hpa__mmap *base, const hpa__mmap *over)
{
	for (size_t i = 0; i < base->len; i++) {
		const char *v = over ? hpa__mmap_get(over, base->items[i].key) : NULL;
		put(r, map, base->items[i].key, S(r, v ? v : base->items[i].value));
	}
	for (size_t i = 0; over && i < over->len; i++)
		if (!hpa__mmap_get(base, over->items[i].key))
			put(r, map, over->items[i].key, S(r, over->items[i].value));
}

static const char *default_request(const char *res)
{
	return !strcmp(res, "cpu") ? HPA__MODEL_DEFAULT_CPU_REQUEST
		: !strcmp(res, "memory") ? HPA__MODEL_DEFAULT_MEMORY_REQUEST : NULL;
}

static const char *default_limit(const char *res)
{
	return !strcmp(res, "cpu") ? HPA__MODEL_DEFAULT_CPU_LIMIT
		: !strcmp(res, "memory") ? HPA__MODEL_DEFAULT_MEMORY_LIMIT : NULL;
}

static hpa__value *resources(R *r, const hpa__mctx *c)
{
	const hpa__mres *base = &r->m->resources;
	const hpa__mres *over = c->has_resources ? &c->resources : NULL;
	hpa__value *res = M(r), *req = M(r), *lim = M(r);
	merged_put(r, req, &base->requests, over ? &over->requests : NULL);
	merged_put(r, lim, &base->limits, over ? &over->limits : NULL);
	/* an autoscaler's resource needs a request on every container */
	if (c->autoscaler >= 0) {
		const hpa__mhpa *h = &r->m->hpas[c->autoscaler];
		for (size_t i = 0; i < h->n_metrics; i++) {
			const char *rn = h->metrics[i].resource;
			if (req && !hpa__map_get(req, rn)) {
				put(r, req, rn, S(r, default_request(rn)));
				if (lim && !hpa__map_get(lim, rn) && default_limit(rn))
					put(r, lim, rn, S(r, default_limit(rn)));
			}
		}
	}
	if (req && hpa__v_count(req))
		put(r, res, "requests", req);
	if (lim && hpa__v_count(lim))
		put(r, res, "limits", lim);
	return res;
}

static hpa__value *probe(R *r, const hpa__mprobe *p, int32_t port)
{
	hpa__value *pr = M(r), *get;
	get = put(r, pr, "httpGet", M(r));
	put(r, get, "path", S(r, r->m->probe_path));
	put(r, get, "port", I(r, port));
	if (p->initial_delay >= 0)
		put(r, pr, "initialDelaySeconds", I(r, p->initial_delay));
	if (p->timeout >= 0)
		put(r, pr, "timeoutSeconds", I(r, p->timeout));
	if (p->period >= 0)
		put(r, pr, "periodSeconds", I(r, p->period));
	if (p->failure >= 0)
		put(r, pr, "failureThreshold", I(r, p->failure));
	if (p->success >= 0)
		put(r, pr, "successThreshold", I(r, p->success));
	return pr;
}

static hpa__value *env_entry(R *r, const char *name, const char *value)
{
	hpa__value *e = M(r);
	put(r, e, "name", S(r, name));
	put(r, e, "value", S(r, value));
	return e;
}

static int render_deployment(R *r, hpa_manifest *man, const hpa__mctx *c, hpa_error *err)
{
	const hpa_model *m = r->m;
	hpa__value *meta, *root = object(r, "apps/v1", "Deployment", c->service, &meta);
	hpa__value *spec, *sel, *tmpl, *pspec, *ctr, *ports, *port;
	int32_t cport = container_port(r, c);
	put(r, meta, "labels", app_labels(r, c->service));
	spec = put(r, root, "spec", M(r));
	if (c->autoscaler < 0)
		put(r, spec, "replicas", I(r, c->replicas >= 0 ? c->replicas : m->replicas));
	sel = put(r, spec, "selector", M(r));
	put(r, sel, "matchLabels", app_labels(r, c->service));
	tmpl = put(r, spec, "template", M(r));
	put(r, put(r, tmpl, "metadata", M(r)), "labels", app_labels(r, c->service));
	pspec = put(r, tmpl, "spec", M(r));
	ctr = add(r, put(r, pspec, "containers", Q(r)), M(r));
	put(r, ctr, "name", S(r, c->service));
	put(r, ctr, "image", S(r, c->image));
	if (m->pull_policy)
		put(r, ctr, "imagePullPolicy", S(r, m->pull_policy));
	ports = put(r, ctr, "ports", Q(r));
	port = add(r, ports, M(r));
	put(r, port, "name", S(r, m->port_name));
	put(r, port, "containerPort", I(r, cport));
	if (r->brokers || c->env.len) {
		hpa__value *env = put(r, ctr, "env", Q(r));
		bool replaced = false;
		if (r->brokers) {
			const char *own = hpa__mmap_get(&c->env, m->env_name);
			replaced = own != NULL;
			add(r, env, env_entry(r, m->env_name, own ? own : r->brokers));
		}
		for (size_t i = 0; i < c->env.len; i++)
			if (!(replaced && !strcmp(c->env.items[i].key, m->env_name)))
				add(r, env, env_entry(r, c->env.items[i].key, c->env.items[i].value));
	}
	put(r, ctr, "resources", resources(r, c));
	if (m->probes) {
		put(r, ctr, "readinessProbe", probe(r, &m->readiness, cport));
		put(r, ctr, "livenessProbe", probe(r, &m->liveness, cport));
	}
	return commit(r, man, root, err);
}

static int render_service(R *r, hpa_manifest *man, const hpa__mctx *c, hpa_error *err)
{
	hpa__value *meta, *root = object(r, "v1", "Service", c->service, &meta);
	hpa__value *spec, *port, *ann;
	hpa__buf paths = HPA__BUF_INIT;
	put(r, meta, "labels", app_labels(r, c->service));
	for (size_t i = 0; i < c->n_aggs; i++)
		hpa__buf_printf(&paths, "%s%s", i ? "," : "", c->aggs[i].rest_path);
	if (hpa__buf_oom(&paths))
		r->oom = true;
	ann = put(r, meta, "annotations", M(r));
	put(r, ann, HPA__MODEL_REST_PATHS_ANNOTATION, S(r, paths.ptr ? paths.ptr : ""));
	hpa__buf_dispose(&paths);
	spec = put(r, root, "spec", M(r));
	put(r, spec, "type", S(r, "ClusterIP"));
	port = add(r, put(r, spec, "ports", Q(r)), M(r));
	put(r, port, "name", S(r, r->m->port_name));
	put(r, port, "protocol", S(r, "TCP"));
	put(r, port, "port", I(r, service_port(r, c)));
	put(r, port, "targetPort", S(r, r->m->port_name));
	put(r, spec, "selector", app_labels(r, c->service));
	return commit(r, man, root, err);
}

static hpa__value *ingress_path(R *r, const char *path, const hpa__mctx *c)
{
	hpa__value *p = M(r), *svc;
	put(r, p, "path", S(r, path));
	put(r, p, "pathType", S(r, "Prefix"));
	svc = put(r, put(r, p, "backend", M(r)), "service", M(r));
	put(r, svc, "name", S(r, c->service));
	put(r, put(r, svc, "port", M(r)), "number", I(r, service_port(r, c)));
	return p;
}

static bool has_path(const hpa__value *paths, const char *path)
{
	for (size_t i = 0; i < hpa__v_count(paths); i++)
		if (hpa__v_text_eq(hpa__map_get(hpa__seq_at(paths, i), "path"), path))
			return true;
	return false;
}

static int render_ingress(R *r, hpa_manifest *man, hpa_error *err)
{
	const hpa_model *m = r->m;
	hpa__value *root, *spec, *rule, *paths = Q(r);
	for (size_t i = 0; paths && i < m->n_ctxs; i++) {
		const hpa__mctx *c = &m->ctxs[i];
		if (r->rule == HPA_PATH_RULE_SERVICE) {
			char *p = hpa__model_naive_plural(r->a, c->service);
			char *path = p ? hpa__arena_alloc(r->a, strlen(p) + 2) : NULL;
			if (!path) {
				r->oom = true;
				break;
			}
			path[0] = '/';
			memcpy(path + 1, p, strlen(p) + 1);
			/* two services may pluralise alike: the first keeps it */
			if (!has_path(paths, path))
				add(r, paths, ingress_path(r, path, c));
		} else {
			for (size_t j = 0; j < c->n_aggs; j++)
				if (!has_path(paths, c->aggs[j].rest_path))
					add(r, paths, ingress_path(r, c->aggs[j].rest_path, c));
		}
	}
	if (r->oom)
		return hpa__enomem(err);
	if (hpa__v_count(paths) == 0)
		return HPA_OK; /* no path, no Ingress (it would route nothing) */
	root = object(r, "networking.k8s.io/v1", "Ingress", m->ingress_name, NULL);
	spec = put(r, root, "spec", M(r));
	put(r, spec, "ingressClassName", S(r, m->ingress_class));
	rule = add(r, put(r, spec, "rules", Q(r)), M(r));
	if (m->ingress_host)
		put(r, rule, "host", S(r, m->ingress_host));
	put(r, put(r, rule, "http", M(r)), "paths", paths);
	return commit(r, man, root, err);
}

static int render_autoscaler(R *r, hpa_manifest *man, const hpa__mhpa *h, hpa_error *err)
{
	const hpa__mctx *c = &r->m->ctxs[h->ctx];
	hpa__value *root = object(r, "autoscaling/v2", "HorizontalPodAutoscaler", h->name, NULL);
	hpa__value *spec, *ref, *metrics;
	spec = put(r, root, "spec", M(r));
	ref = put(r, spec, "scaleTargetRef", M(r));
	put(r, ref, "apiVersion", S(r, "apps/v1"));
	put(r, ref, "kind", S(r, "Deployment"));
	put(r, ref, "name", S(r, c->service));
	put(r, spec, "minReplicas", I(r, h->min));
	put(r, spec, "maxReplicas", I(r, h->max));
	metrics = put(r, spec, "metrics", Q(r));
	for (size_t i = 0; i < h->n_metrics; i++) {
		const hpa__mmetric *x = &h->metrics[i];
		hpa__value *mt = add(r, metrics, M(r)), *res, *target;
		put(r, mt, "type", S(r, "Resource"));
		res = put(r, mt, "resource", M(r));
		put(r, res, "name", S(r, x->resource));
		target = put(r, res, "target", M(r));
		if (x->target == HPA__MT_UTILIZATION) {
			put(r, target, "type", S(r, "Utilization"));
			put(r, target, "averageUtilization", I(r, x->utilization));
		} else {
			put(r, target, "type", S(r, "AverageValue"));
			put(r, target, "averageValue", S(r, x->value));
		}
	}
	if (h->behavior) {
		hpa__value *b = hpa__v_copy(r->a, h->behavior);
		if (!b)
			r->oom = true;
		put(r, spec, "behavior", b);
	}
	return commit(r, man, root, err);
}

static int render_load_pod(R *r, hpa_manifest *man, hpa_error *err)
{
	hpa__value *meta, *root = object(r, "v1", "Pod", r->m->load_pod, &meta), *ctr, *labels;
	labels = put(r, meta, "labels", M(r));
	put(r, labels, "run", S(r, r->m->load_pod));
	ctr = add(r, put(r, put(r, root, "spec", M(r)), "containers", Q(r)), M(r));
	put(r, ctr, "name", S(r, r->m->load_pod));
	put(r, ctr, "image", S(r, r->m->load_image));
	return commit(r, man, root, err);
}

/* ---- entry points ---------------------------------------------------------------- */

static int setup(R *r, const hpa_model *m, const hpa_render_options *opts, hpa_error *err)
{
	static const hpa_render_options defaults = HPA_RENDER_OPTIONS_INIT;
	int rc;
	memset(r, 0, sizeof(*r));
	if (!m)
		return hpa__error(err, HPA_EINVAL, "model is NULL");
	r->m = m;
	r->o = defaults;
	if ((rc = hpa__options_copy(&r->o, opts, render_options_sizes, HPA_RENDER_OPTIONS_VERSION,
			"hpa_render_options", err)) < 0)
		return rc;
	if (r->o.path_rule != HPA_PATH_RULE_MODEL && r->o.path_rule != HPA_PATH_RULE_AGGREGATE
		&& r->o.path_rule != HPA_PATH_RULE_SERVICE)
		return hpa__error(err, HPA_EINVAL, "unknown path rule %d", (int)r->o.path_rule);
	if (r->o.flags & ~HPA_RENDER_LOAD_POD)
		return hpa__error(err, HPA_EINVAL, "unknown render flags 0x%x", r->o.flags & ~HPA_RENDER_LOAD_POD);
	if (r->o.profile && !*r->o.profile)
		return hpa__error(err, HPA_EINVAL, "empty profile name");
	r->rule = r->o.path_rule == HPA_PATH_RULE_MODEL ? m->path_rule : (int)r->o.path_rule;
	r->profile = r->o.profile ? r->o.profile : m->profile;
	if (m->has_messaging && m->brokers.len) {
		r->brokers = hpa__mmap_profile(&m->brokers, r->profile);
		if (!r->brokers)
			return hpa__error(err, HPA_ENOTFOUND,
				"messaging.brokers has no entry for profile \"%.60s\" nor \"default\"", r->profile);
	}
	return HPA_OK;
}

int hpa_model_render(const hpa_model *m, const hpa_render_options *opts, hpa_manifest **out,
	hpa_error *err)
{
	R r;
	hpa_manifest *man = NULL;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if ((rc = setup(&r, m, opts, err)) < 0)
		return rc;
	if ((rc = hpa__manifest_create(&man, err)) < 0)
		return rc;
	r.a = &man->arena;
	for (size_t i = 0; rc == 0 && i < m->n_ctxs; i++)
		rc = render_deployment(&r, man, &m->ctxs[i], err);
	for (size_t i = 0; rc == 0 && i < m->n_ctxs; i++)
		rc = render_service(&r, man, &m->ctxs[i], err);
	if (rc == 0 && m->ingress)
		rc = render_ingress(&r, man, err);
	for (size_t i = 0; rc == 0 && i < m->n_hpas; i++)
		rc = render_autoscaler(&r, man, &m->hpas[i], err);
	if (rc == 0 && (r.o.flags & HPA_RENDER_LOAD_POD))
		rc = render_load_pod(&r, man, err);
	if (rc < 0) {
		hpa_manifest_free(man);
		return rc;
	}
	*out = man;
	return HPA_OK;
}

/* The first host of a brokers list, into buf. */
static void first_host(const char *brokers, char *buf, size_t size)
{
	size_t n = 0;
	while (brokers[n] && brokers[n] != ':' && brokers[n] != ',' && n + 1 < size) {
		buf[n] = brokers[n];
		n++;
	}
	buf[n] = '\0';
}

static bool looks_like_ip(const char *h)
{
	for (; *h; h++)
		if (!((*h >= '0' && *h <= '9') || *h == '.'))
			return false;
	return true;
}

int hpa_model_prerequisites(const hpa_model *m, const hpa_render_options *opts, char **out,
	size_t *len_out, hpa_error *err)
{
	R r;
	hpa__buf b = HPA__BUF_INIT;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (len_out)
		*len_out = 0;
	if ((rc = setup(&r, m, opts, err)) < 0)
		return rc;
	if (m->namespace_)
		hpa__buf_printf(&b, "namespace %s: every object goes there (kubectl create namespace %s)\n",
			m->namespace_, m->namespace_);
	if (m->n_hpas) {
		hpa__buf_puts(&b, "metrics-server: autoscalers");
		for (size_t i = 0; i < m->n_hpas; i++) {
			hpa__buf_printf(&b, "%s %s (", i ? "," : "", m->hpas[i].name);
			for (size_t j = 0; j < m->hpas[i].n_metrics; j++)
				hpa__buf_printf(&b, "%s%s", j ? ", " : "", m->hpas[i].metrics[j].resource);
			hpa__buf_putc(&b, ')');
		}
		hpa__buf_puts(&b, " read metrics.k8s.io (kubectl apply -f "
			"https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml)\n");
	}
	if (m->ingress) {
		bool any = false;
		for (size_t i = 0; i < m->n_ctxs; i++)
			if (m->ctxs[i].n_aggs || r.rule == HPA_PATH_RULE_SERVICE)
				any = true;
		if (any) {
			if (!strcmp(m->ingress_class, "nginx"))
				hpa__buf_printf(&b, "ingress controller: class nginx for Ingress %s (helm upgrade --install "
					"ingress-nginx ingress-nginx --repo https://kubernetes.github.io/ingress-nginx "
					"--namespace ingress-nginx --create-namespace)\n", m->ingress_name);
			else
				hpa__buf_printf(&b, "ingress controller: one serving IngressClass %s for Ingress %s\n",
					m->ingress_class, m->ingress_name);
		}
	}
	if (r.brokers) {
		char host[256];
		first_host(r.brokers, host, sizeof(host));
		hpa__buf_printf(&b, "kafka: brokers %s for", r.brokers);
		for (size_t i = 0; i < m->n_ctxs; i++)
			hpa__buf_printf(&b, "%s %s", i ? "," : "", m->ctxs[i].service);
		if (strcmp(host, "localhost") && !looks_like_ip(host)) {
			const char *dot = strchr(host, '.');
			if (dot) {
				const char *dot2 = strchr(dot + 1, '.');
				hpa__buf_printf(&b, " (helm install %.*s bitnami/kafka --namespace %.*s)\n",
					(int)(dot - host), host, (int)(dot2 ? dot2 - dot - 1 : (long)strlen(dot + 1)), dot + 1);
			} else {
				hpa__buf_printf(&b, " (helm install %s bitnami/kafka)\n", host);
			}
		} else {
			hpa__buf_puts(&b, " (a broker the pods can reach)\n");
		}
	}
	hpa__buf_puts(&b, "images: pushed where the cluster pulls them:");
	for (size_t i = 0; i < m->n_ctxs; i++)
		hpa__buf_printf(&b, " %s", m->ctxs[i].image);
	hpa__buf_putc(&b, '\n');
	if (r.o.flags & HPA_RENDER_LOAD_POD) {
		if (m->load_command)
			hpa__buf_printf(&b, "load test: kubectl exec -it %s -- %s\n", m->load_pod, m->load_command);
		else if (m->n_hpas) {
			const hpa__mctx *c = &m->ctxs[m->hpas[0].ctx];
			hpa__buf_printf(&b, "load test: kubectl exec -it %s -- siege -c20 -t40S -v http://%s:%d%s\n",
				m->load_pod, c->service, (int)service_port(&r, c), c->n_aggs ? c->aggs[0].rest_path : "/");
		}
	}
	if (hpa__buf_oom(&b)) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	*out = hpa__buf_detach(&b, len_out);
	if (!*out)
		return hpa__enomem(err);
	return HPA_OK;
}
