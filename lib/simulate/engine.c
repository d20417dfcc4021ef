/*
 * lib/simulate/engine.c -- the discrete-event loop: virtual clock, pods and
 * their lifecycle, the Deployment/ReplicaSet reconcile, the kubelet and
 * metrics-server pipeline, the workload and service model, and the HPA
 * sync loop (which only calls the decision glue).
 *
 * Time is an int64 of milliseconds. Events are ordered by (time, type,
 * insertion sequence), so equal times resolve the same way on every run.
 * All randomness comes from the simulation's own seeded generators.
 */
#include "simulate/sim_int.h"
#include "decide/calc_int.h" /* hpa__decide_options() */
#include <hpa/object_meta.h>
#include <math.h>
#include <stdlib.h>

static const size_t options_sizes[] = { sizeof(hpa_sim_options) };

/* A pod that was started before the run began: long past the CPU
 * initialization period. */
#define LONG_AGO_MS INT64_C(3600000)

int hpa_sim_options_init(hpa_sim_options *o, unsigned int version)
{
	if (!o || version == 0 || version > HPA_SIM_OPTIONS_VERSION)
		return HPA_EINVAL;
	memset(o, 0, sizeof(*o));
	o->version = version;
	o->seed = 1;
	o->duration_ms = 600000;
	o->tick_ms = 1000;
	o->sync_period_ms = 15000;
	o->kubelet_interval_ms = 10000;
	o->metric_resolution_ms = 15000;
	o->sync_phase_ms = -1;
	o->kubelet_phase_ms = -1;
	o->scrape_phase_ms = -1;
	o->latency_objective_ms = 1000;
	return 0;
}

int hpa_sim_new(hpa_sim **out, const hpa_sim_options *opts, hpa_error *err)
{
	hpa_sim *sim;
	int rc;
	hpa_sim_options *o;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_new: NULL out");
	*out = NULL;
	sim = hpa__calloc(1, sizeof(*sim));
	if (!sim)
		return hpa__enomem(err);
	o = &sim->opts;
	hpa_sim_options_init(o, HPA_SIM_OPTIONS_VERSION);
	rc = hpa__options_copy(o, opts, options_sizes, HPA_SIM_OPTIONS_VERSION, "hpa_sim_options", err);
	if (rc) {
		hpa__free(sim);
		return rc;
	}
	if (o->flags & ~(HPA_SIM_NO_TIMELINE | HPA_SIM_TILED)) {
		unsigned int unknown = o->flags & ~(HPA_SIM_NO_TIMELINE | HPA_SIM_TILED);
		hpa__free(sim);
		return hpa__error(err, HPA_EINVAL, "hpa_sim_options: unknown flags 0x%x", unknown);
	}
	if (o->duration_ms <= 0 || o->tick_ms <= 0 || o->sync_period_ms <= 0 || o->metric_resolution_ms <= 0 ||
		o->kubelet_interval_ms < 0 || o->latency_objective_ms < 0 ||
		o->duration_ms > INT64_C(3650) * 86400000 || o->sync_phase_ms >= o->sync_period_ms ||
		o->scrape_phase_ms >= o->metric_resolution_ms ||
		(o->kubelet_interval_ms > 0 && o->kubelet_phase_ms >= o->kubelet_interval_ms) ||
		o->sync_phase_ms < -1 || o->scrape_phase_ms < -1 || o->kubelet_phase_ms < -1) {
		hpa__free(sim);
		return hpa__error(err, HPA_EINVAL, "hpa_sim_options: a duration, period or phase is out of range");
	}
	if (o->max_pods < 0) {
		long long max_pods = (long long)o->max_pods; /* o is sim's */
		hpa__free(sim);
		return hpa__error(err, HPA_EINVAL, "hpa_sim_options: max_pods %lld is negative (0 = no limit)", max_pods);
	}
	/* periods of at most a day keep every time sum far from overflow, and
	 * a tick no longer than what observes it keeps the warm-up (a few
	 * scrape and kubelet periods, in whole ticks) from turning a short run
	 * into billions of scrapes */
	if (o->tick_ms > HPA_SIM_MAX_PERIOD_MS || o->sync_period_ms > HPA_SIM_MAX_PERIOD_MS ||
		o->metric_resolution_ms > HPA_SIM_MAX_PERIOD_MS || o->kubelet_interval_ms > HPA_SIM_MAX_PERIOD_MS ||
		o->latency_objective_ms > HPA_SIM_MAX_PERIOD_MS) {
		hpa__free(sim);
		return hpa__error(err, HPA_EINVAL,
			"hpa_sim_options: tick, sync, metric resolution, kubelet interval and latency objective are "
			"at most a day (%lld ms)", (long long)HPA_SIM_MAX_PERIOD_MS);
	}
	if (o->tick_ms > o->metric_resolution_ms || o->tick_ms > o->sync_period_ms) {
		long long tick = (long long)o->tick_ms, res = (long long)o->metric_resolution_ms,
			sync = (long long)o->sync_period_ms;
		hpa__free(sim);
		return hpa__error(err, HPA_EINVAL,
			"hpa_sim_options: tick_ms (%lld) is longer than the metric resolution (%lld) or the sync period "
			"(%lld): the workload's step must be finer than what observes it", tick, res, sync);
	}
	hpa_decide_options_init(&sim->dopts, HPA_DECIDE_OPTIONS_VERSION);
	if (o->decide_options) {
		if (o->decide_options->version != HPA_DECIDE_OPTIONS_VERSION) {
			hpa__free(sim);
			return hpa__error(err, HPA_EINVAL, "invalid version %u on hpa_decide_options",
				o->decide_options->version);
		}
		sim->dopts = *o->decide_options;
	}
	{
		/* the decision's own checks, once (else every sync fails) */
		hpa_decide_options buf;
		const hpa_decide_options *ok;
		if ((rc = hpa__decide_options(&ok, &buf, &sim->dopts, err))) {
			hpa__free(sim);
			return rc;
		}
		sim->dopts = *ok;
	}
	o->decide_options = &sim->dopts;
	hpa__sim_rng_seed(&sim->rng, o->seed);
	/* phases are drawn first, in a fixed order, so they do not depend on
	 * what is added later */
	if (o->sync_phase_ms < 0)
		o->sync_phase_ms = (int64_t)hpa__sim_rng_below(&sim->rng, (uint64_t)o->sync_period_ms);
	else
		(void)hpa__sim_rng_next(&sim->rng);
	if (o->kubelet_interval_ms > 0 && o->kubelet_phase_ms < 0)
		o->kubelet_phase_ms = (int64_t)hpa__sim_rng_below(&sim->rng, (uint64_t)o->kubelet_interval_ms);
	else
		(void)hpa__sim_rng_next(&sim->rng);
	if (o->scrape_phase_ms < 0)
		o->scrape_phase_ms = (int64_t)hpa__sim_rng_below(&sim->rng, (uint64_t)o->metric_resolution_ms);
	else
		(void)hpa__sim_rng_next(&sim->rng);
	if (o->kubelet_phase_ms < 0)
		o->kubelet_phase_ms = 0;
	hpa__arena_init(&sim->strings, 16384);
	*out = sim;
	return 0;
}

void hpa_sim_free(hpa_sim *sim)
{
	if (!sim)
		return;
	for (size_t i = 0; i < sim->n_wl; i++) {
		hpa__sim_workload *w = &sim->wl[i];
		hpa__free(w->name);
		hpa__free(w->service_name);
		hpa__free(w->container_name);
		hpa__free(w->pods);
		hpa__free(w->cold);
		hpa__free(w->tab);
		hpa__free(w->tab_names);
		hpa__free(w->bursts);
		hpa__free(w->lat);
		hpa__free(w->ev);
		hpa__sim_load_dispose(&w->load);
	}
	for (size_t i = 0; i < sim->n_hpa; i++) {
		hpa__free(sim->hpas[i].name);
		hpa__free(sim->hpas[i].target_kind);
		hpa__sim_glue_free(sim->hpas[i].glue);
	}
	hpa__free(sim->wl);
	hpa__free(sim->hpas);
	hpa__free(sim->rows);
	hpa__sim_scratch_free(sim->scratch);
	hpa__sim_mshare_free(sim);
	hpa__free(sim->by_name);
	hpa__free(sim->row_targets);
	hpa__free(sim->row_target_off);
	hpa__arena_dispose(&sim->strings);
	hpa__free(sim);
}

/* ---- setup --------------------------------------------------------------------- */

static uint64_t name_hash(const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
	return h;
}

size_t hpa__sim_find_name(const hpa_sim *sim, const char *name)
{
	size_t mask, i;
	if (!sim->by_name_cap)
		return SIZE_MAX;
	mask = sim->by_name_cap - 1;
	for (i = (size_t)name_hash(name) & mask; sim->by_name[i]; i = (i + 1) & mask)
		if (strcmp(sim->wl[sim->by_name[i] - 1].name, name) == 0)
			return sim->by_name[i] - 1;
	return SIZE_MAX;
}

/* Index the workloads [0, n_wl) by name in a table at most half full. */
static int index_names(hpa_sim *sim, size_t n_wl)
{
	size_t cap = sim->by_name_cap ? sim->by_name_cap : 64, mask;
	while (cap < 2 * (n_wl + 1))
		cap *= 2;
	if (cap != sim->by_name_cap) {
		size_t *t = hpa__calloc(cap, sizeof(*t));
		if (!t)
			return HPA_ENOMEM;
		hpa__free(sim->by_name);
		sim->by_name = t;
		sim->by_name_cap = cap;
		mask = cap - 1;
		for (size_t k = 0; k < n_wl; k++) {
			size_t i = (size_t)name_hash(sim->wl[k].name) & mask;
			while (sim->by_name[i])
				i = (i + 1) & mask;
			sim->by_name[i] = k + 1;
		}
		return 0;
	}
	mask = cap - 1;
	{
		size_t i = (size_t)name_hash(sim->wl[n_wl - 1].name) & mask;
		while (sim->by_name[i])
			i = (i + 1) & mask;
		sim->by_name[i] = n_wl;
	}
	return 0;
}

/* Undo the latest hpa_sim_add_deployment() (a failed
 * hpa_sim_add_from_manifest() leaves nothing behind): its strings freed,
 * the name index rebuilt in place without it. */
void hpa__sim_drop_last_deployment(hpa_sim *sim)
{
	hpa__sim_workload *w = &sim->wl[--sim->n_wl];
	size_t mask = sim->by_name_cap - 1;
	hpa__free(w->name);
	hpa__free(w->service_name);
	hpa__free(w->container_name);
	memset(sim->by_name, 0, sim->by_name_cap * sizeof(*sim->by_name));
	for (size_t k = 0; k < sim->n_wl; k++) {
		size_t i = (size_t)name_hash(sim->wl[k].name) & mask;
		while (sim->by_name[i])
			i = (i + 1) & mask;
		sim->by_name[i] = k + 1;
	}
}

int hpa_sim_add_deployment(hpa_sim *sim, const hpa_sim_deployment *dep, const hpa_sim_service *svc,
	size_t *index_out, hpa_error *err)
{
	hpa__sim_workload *w;
	hpa_sim_deployment d;
	hpa_sim_service s;
	int rc;
	uint64_t sm;
	if (!sim || !dep)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_add_deployment: NULL argument");
	if (sim->ran)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_add_deployment: the simulation has run");
	if ((rc = hpa__sim_deployment_copy(&d, dep, err)))
		return rc;
	if ((rc = hpa__sim_service_copy(&s, svc, err)))
		return rc;
	if (hpa__sim_find_name(sim, d.name) != SIZE_MAX)
		return hpa__error(err, HPA_EDUPLICATE, "deployment %s added twice", d.name);
	if (sim->opts.max_pods > 0 && d.replicas > sim->opts.max_pods) {
		hpa__error(err, HPA_ELIMIT, "Deployment %s: replicas %d is above max_pods (%lld pods per Deployment)",
			d.name, (int)d.replicas, (long long)sim->opts.max_pods);
		hpa__error_set_path(err, "spec.replicas");
		return HPA_ELIMIT;
	}
	if (sim->n_wl >= UINT32_MAX - 1 || hpa__grow((void **)&sim->wl, &sim->cap_wl, sim->n_wl + 1, sizeof(*sim->wl)))
		return hpa__enomem(err);
	w = &sim->wl[sim->n_wl];
	memset(w, 0, sizeof(*w));
	w->name = hpa__strdup(d.name);
	w->service_name = d.service_name ? hpa__strdup(d.service_name) : NULL;
	w->container_name = hpa__strdup(d.container_name && *d.container_name ? d.container_name : d.name);
	if (!w->name || (d.service_name && !w->service_name) || !w->container_name) {
		hpa__free(w->name);
		hpa__free(w->service_name);
		hpa__free(w->container_name);
		return hpa__enomem(err);
	}
	d.name = w->name;
	d.service_name = w->service_name;
	d.container_name = w->container_name;
	w->dep = d;
	w->svc = s;
	w->spec_replicas = d.replicas;
	w->hpa = SIZE_MAX;
	w->load_start_ms = -1;
	w->load_end_ms = -1;
	sm = sim->opts.seed ^ (UINT64_C(0xD1B54A32D192ED03) * (uint64_t)(sim->n_wl + 1));
	hpa__sim_rng_seed(&w->rng, hpa__sim_splitmix64(&sm));
	if (index_names(sim, sim->n_wl + 1)) {
		hpa__free(w->name);
		hpa__free(w->service_name);
		hpa__free(w->container_name);
		return hpa__enomem(err);
	}
	if (index_out)
		*index_out = sim->n_wl;
	sim->n_wl++;
	return 0;
}

/* HPA_ELIMIT when the HPA may scale its Deployment above max_pods */
static int max_pods_check(const hpa_sim *sim, const hpa__sim_hpa *h, hpa_error *err)
{
	if (sim->opts.max_pods <= 0 || h->max_replicas <= sim->opts.max_pods)
		return 0;
	hpa__error(err, HPA_ELIMIT, "HorizontalPodAutoscaler %s: maxReplicas %d is above max_pods (%lld pods per "
		"Deployment)", h->name, (int)h->max_replicas, (long long)sim->opts.max_pods);
	hpa__error_set_path(err, "spec.maxReplicas");
	return HPA_ELIMIT;
}

int hpa_sim_add_hpa(hpa_sim *sim, const hpa_autoscaler *hpa, size_t deployment, size_t *index_out, hpa_error *err)
{
	hpa__sim_hpa h;
	const hpa_object_meta *meta;
	const char *name = NULL;
	int rc;
	if (!sim || !hpa)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_add_hpa: NULL argument");
	if (sim->ran)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_add_hpa: the simulation has run");
	if (deployment >= sim->n_wl)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_add_hpa: no deployment %zu", deployment);
	if (sim->wl[deployment].hpa != SIZE_MAX)
		return hpa__error(err, HPA_EDUPLICATE, "deployment %s already has an HPA", sim->wl[deployment].name);
	if (hpa__grow((void **)&sim->hpas, &sim->cap_hpa, sim->n_hpa + 1, sizeof(*sim->hpas)))
		return hpa__enomem(err);
	memset(&h, 0, sizeof(h));
	meta = hpa_autoscaler_metadata(hpa);
	if (meta)
		name = hpa_object_meta_name(meta);
	h.name = hpa__strdup(name && *name ? name : "hpa");
	if (!h.name)
		return hpa__enomem(err);
	if ((rc = hpa__sim_read_spec(&h, hpa, &sim->dopts, err)) ||
		(rc = max_pods_check(sim, &h, err)) ||
		(rc = hpa__sim_glue_new(&h.glue, sim, &h, hpa, err))) {
		hpa__free(h.name);
		hpa__free(h.target_kind);
		hpa__sim_glue_free(h.glue);
		return rc;
	}
	h.wl = deployment;
	h.first_up_ms = h.first_down_ms = h.back_ms = -1;
	h.at_max_since = -1;
	sim->hpas[sim->n_hpa] = h;
	sim->wl[deployment].hpa = sim->n_hpa;
	if (index_out)
		*index_out = sim->n_hpa;
	sim->n_hpa++;
	return 0;
}

int hpa_sim_set_load(hpa_sim *sim, size_t deployment, const hpa_sim_load *load, hpa_error *err)
{
	hpa__sim_workload *w;
	hpa_sim_load copy;
	hpa__sim_burst *bursts = NULL;
	size_t nb = 0;
	if (!sim || !load)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_set_load: NULL argument");
	if (sim->ran)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_set_load: the simulation has run");
	if (deployment >= sim->n_wl)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_set_load: no deployment %zu", deployment);
	w = &sim->wl[deployment];
	if (hpa__sim_load_copy(&copy, load))
		return hpa__enomem(err);
	if (copy.kind == HPA__LOAD_DIURNAL && copy.bursts > 0) {
		/* bursts start uniformly over the load's span inside the run */
		int64_t span = copy.duration_ms > 0 ? copy.duration_ms : sim->opts.duration_ms - copy.start_ms;
		if (span < 1)
			span = 1;
		bursts = hpa__calloc((size_t)copy.bursts, sizeof(*bursts));
		if (!bursts) {
			hpa__sim_load_dispose(&copy);
			return hpa__enomem(err);
		}
		for (int32_t i = 0; i < copy.bursts; i++) {
			int64_t from = copy.start_ms + (int64_t)hpa__sim_rng_below(&w->rng, (uint64_t)span);
			bursts[i].from_ms = from;
			bursts[i].to_ms = from + copy.burst_ms;
		}
		nb = (size_t)copy.bursts;
	}
	hpa__sim_load_dispose(&w->load);
	hpa__free(w->bursts);
	w->load = copy;
	w->bursts = bursts;
	w->n_bursts = nb;
	w->has_load = true;
	return 0;
}

int hpa_sim_find_deployment(const hpa_sim *sim, const char *name, size_t *index_out, hpa_error *err)
{
	if (!sim || !name)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_find_deployment: NULL argument");
	for (size_t i = 0; i < sim->n_wl; i++)
		if (sim->wl[i].service_name && strcmp(sim->wl[i].service_name, name) == 0) {
			if (index_out)
				*index_out = i;
			return 0;
		}
	{
		size_t i = hpa__sim_find_name(sim, name);
		if (i != SIZE_MAX) {
			if (index_out)
				*index_out = i;
			return 0;
		}
	}
	return hpa__error(err, HPA_ENOTFOUND, "no Service or Deployment named '%s' in the simulation", name);
}

size_t hpa_sim_deployment_count(const hpa_sim *sim)
{
	return sim ? sim->n_wl : 0;
}

size_t hpa_sim_hpa_count(const hpa_sim *sim)
{
	return sim ? sim->n_hpa : 0;
}

const char *hpa_sim_hpa_name(const hpa_sim *sim, size_t index)
{
	return sim && index < sim->n_hpa ? sim->hpas[index].name : NULL;
}

size_t hpa_sim_hpa_deployment(const hpa_sim *sim, size_t index)
{
	return sim && index < sim->n_hpa ? sim->hpas[index].wl : SIZE_MAX;
}

/* ---- events ----------------------------------------------------------------------- */

/* Events are ordered by (time, type, insertion sequence). Workloads never
 * interact, except through the order of the HPA syncs (HPA index order at
 * each sync time, which on_sync observes), so each workload keeps its own
 * events: its periodic ones (tick, kubelet, scrape) as the next time of
 * each, its pod events in a small unordered array. hpa_sim_run() advances
 * one workload at a time up to its HPA's sync, so the order of the events of
 * one workload is exactly their order in one global queue, and the
 * workload's data is touched once per sync period while it is in the cache. */

static bool key_less(int64_t ta, uint32_t ya, uint64_t sa, int64_t tb, uint32_t yb, uint64_t sb)
{
	if (ta != tb)
		return ta < tb;
	if (ya != yb)
		return ya < yb;
	return sa < sb;
}

static int push(hpa_sim *sim, int64_t t, uint32_t type, uint32_t wl, uint32_t pod)
{
	hpa__sim_workload *w = &sim->wl[wl];
	hpa__sim_event *ev;
	if (hpa__grow((void **)&w->ev, &w->cap_ev, w->n_ev + 1, sizeof(*w->ev)))
		return HPA_ENOMEM;
	ev = &w->ev[w->n_ev++];
	ev->t_ms = t;
	ev->seq = w->seq++;
	ev->type = type;
	ev->wl = wl;
	ev->pod = pod;
	return 0;
}

/* ---- pods ------------------------------------------------------------------------ */

static double cap_milli(const hpa__sim_workload *w)
{
	return (double)(w->dep.cpu_limit_milli > 0 ? w->dep.cpu_limit_milli : w->svc.node_cpu_milli);
}

static hpa__sim_pod *find_pod(hpa__sim_workload *w, uint32_t id)
{
	for (size_t i = 0; i < w->n_pods; i++)
		if (w->pods[i].id == id)
			return &w->pods[i];
	return NULL;
}

/* Integrate the pod's CPU up to t at its current rate. */
static void advance(hpa__sim_pod *p, int64_t t)
{
	if (p->started && t > p->cum_at_ms) {
		p->cpu_cum += p->cpu_rate * (double)(t - p->cum_at_ms);
		p->cum_at_ms = t;
	}
}

static void set_rate(hpa__sim_pod *p, int64_t t, double rate)
{
	advance(p, t);
	p->cpu_rate = rate;
}

static bool serving(const hpa__sim_pod *p)
{
	return p->ready && p->booted && !p->deleting;
}

/* Pod names as a ReplicaSet gives them, with a counter instead of the
 * random suffix: <deployment>-<hash>-<n>. */
static void pod_name(hpa__sim_workload *w, hpa__sim_pod *p)
{
	snprintf(w->cold[p - w->pods].name, sizeof(w->cold[0].name), "%.40s-%u", w->name, (unsigned)p->id);
}

/* Room for one more pod (and its name). */
static int grow_pods(hpa__sim_workload *w)
{
	w->tab_ok = false;
	if (hpa__grow((void **)&w->pods, &w->cap_pods, w->n_pods + 1, sizeof(*w->pods)) ||
		hpa__grow((void **)&w->cold, &w->cap_cold, w->n_pods + 1, sizeof(*w->cold)))
		return HPA_ENOMEM;
	return 0;
}

static int create_pod(hpa_sim *sim, size_t wi, int64_t t)
{
	hpa__sim_workload *w = &sim->wl[wi];
	hpa__sim_pod *p;
	if (grow_pods(w))
		return HPA_ENOMEM;
	p = &w->pods[w->n_pods++];
	memset(p, 0, sizeof(*p));
	memset(&w->cold[w->n_pods - 1], 0, sizeof(*w->cold));
	p->id = w->next_pod_id++;
	pod_name(w, p);
	p->phase = HPA__POD_PENDING;
	p->cum_at_ms = t;
	return push(sim, t + hpa__sim_rng_jitter(&w->rng, w->dep.schedule_ms, w->dep.jitter_permille),
		HPA__EV_POD_SCHEDULED, (uint32_t)wi, p->id);
}

static void remove_pod(hpa__sim_workload *w, hpa__sim_pod *p)
{
	size_t i = (size_t)(p - w->pods);
	w->tab_ok = false;
	w->n_serving -= serving(p);
	memmove(&w->pods[i], &w->pods[i + 1], (w->n_pods - i - 1) * sizeof(*w->pods));
	memmove(&w->cold[i], &w->cold[i + 1], (w->n_pods - i - 1) * sizeof(*w->cold));
	w->n_pods--;
}

/* ReplicaSet deletion order: unscheduled, pending, not ready, ready for a
 * shorter time, newer. Returns true when a should go before b. */
static bool delete_first(const hpa__sim_pod *a, const hpa__sim_pod *b)
{
	if (a->scheduled != b->scheduled)
		return !a->scheduled;
	if ((a->phase == HPA__POD_PENDING) != (b->phase == HPA__POD_PENDING))
		return a->phase == HPA__POD_PENDING;
	if (a->ready != b->ready)
		return !a->ready;
	if (a->ready && a->ready_ltt_ms != b->ready_ltt_ms)
		return a->ready_ltt_ms > b->ready_ltt_ms;
	/* newer: ids grow with the creation time */
	return a->id > b->id;
}

static int reconcile(hpa_sim *sim, size_t wi, int64_t t)
{
	hpa__sim_workload *w = &sim->wl[wi];
	int32_t active = 0;
	int rc;
	w->tab_ok = false;
	for (size_t i = 0; i < w->n_pods; i++)
		if (!w->pods[i].deleting)
			active++;
	while (active < w->spec_replicas) {
		if ((rc = create_pod(sim, wi, t)))
			return rc;
		w = &sim->wl[wi];
		active++;
	}
	while (active > w->spec_replicas) {
		hpa__sim_pod *victim = NULL;
		for (size_t i = 0; i < w->n_pods; i++) {
			hpa__sim_pod *p = &w->pods[i];
			if (!p->deleting && (!victim || delete_first(p, victim)))
				victim = p;
		}
		active--;
		if (!victim->started) {
			remove_pod(w, victim); /* nothing runs yet: gone at once */
			continue;
		}
		w->n_serving -= serving(victim);
		victim->deleting = true;
		set_rate(victim, t, (double)w->svc.base_cpu_milli);
		{
			int64_t stop = w->dep.shutdown_ms < w->dep.termination_grace_ms ? w->dep.shutdown_ms
				: w->dep.termination_grace_ms;
			if ((rc = push(sim, t + stop, HPA__EV_POD_GONE, (uint32_t)wi, victim->id)))
				return rc;
		}
	}
	return 0;
}

static int pod_event(hpa_sim *sim, const hpa__sim_event *ev)
{
	hpa__sim_workload *w = &sim->wl[ev->wl];
	hpa__sim_pod *p = find_pod(w, ev->pod);
	int64_t t = ev->t_ms;
	if (!p)
		return 0; /* deleted meanwhile */
	w->tab_ok = false;
	switch (ev->type) {
	case HPA__EV_POD_SCHEDULED:
		p->scheduled = true;
		p->start_time_ms = t;
		p->ready_ltt_ms = t; /* the kubelet sets Ready=False when it starts the pod */
		return push(sim, t + hpa__sim_rng_jitter(&w->rng, w->dep.image_pull_ms, w->dep.jitter_permille) +
			hpa__sim_rng_jitter(&w->rng, w->dep.container_start_ms, w->dep.jitter_permille),
			HPA__EV_POD_CONTAINER, ev->wl, p->id);
	case HPA__EV_POD_CONTAINER: {
		double c = cap_milli(w);
		int64_t boot = (int64_t)ceil((double)w->svc.boot_ms * 1000.0 / c);
		int rc;
		p->phase = HPA__POD_RUNNING;
		p->started = true;
		w->cold[p - w->pods].container_ms = t;
		p->cum_at_ms = t;
		p->cpu_cum = 0.0;
		p->cpu_rate = c; /* start-up burns all the CPU it may use */
		p->mem = (double)w->svc.mem_start_bytes;
		boot = hpa__sim_rng_jitter(&w->rng, boot, w->dep.jitter_permille);
		w->cold[p - w->pods].boot_done_ms = t + boot;
		if ((rc = push(sim, t + boot, HPA__EV_POD_BOOTED, ev->wl, p->id)))
			return rc;
		if (w->dep.readiness_initial_delay_ms < 0) {
			/* no readiness probe: Ready as soon as the container runs */
			bool was = serving(p);
			p->ready = true;
			p->ready_ltt_ms = t;
			w->n_serving += (int32_t)serving(p) - (int32_t)was;
			return 0;
		}
		return push(sim, t + w->dep.readiness_initial_delay_ms, HPA__EV_POD_PROBE, ev->wl, p->id);
	}
	case HPA__EV_POD_BOOTED: {
		bool was = serving(p);
		p->booted = true;
		w->n_serving += (int32_t)serving(p) - (int32_t)was;
		if (!p->deleting)
			set_rate(p, t, (double)w->svc.base_cpu_milli);
		return 0;
	}
	case HPA__EV_POD_PROBE:
		if (p->deleting)
			return 0;
		if (p->booted) {
			w->n_serving += !p->ready; /* booted, not deleting: serving now */
			p->ready = true;
			p->ready_ltt_ms = t;
			return 0;
		}
		return push(sim, t + w->dep.readiness_period_ms, HPA__EV_POD_PROBE, ev->wl, p->id);
	case HPA__EV_POD_GONE:
		remove_pod(w, p);
		return 0;
	default:
		return 0;
	}
}

/* ---- workload and service model ---------------------------------------------------- */

/* Closed loop: exact mean-value analysis for `users` customers visiting one
 * of `servers` identical processor-sharing stations (random load balancing)
 * with demand d_ms per visit, plus a delay station of z_ms (think time and
 * non-CPU time). Returns throughput (requests/ms) and the CPU residence
 * time per request (ms); *queue_out is the mean number of requests per pod. */
static void mva(int32_t users, int32_t servers, double d_ms, double z_ms, double *x_out, double *r_out,
	double *queue_out)
{
	double q = 0.0, x = 0.0, r = 0.0, dk = d_ms / (double)servers;
	if (users <= 5000) {
		for (int32_t n = 1; n <= users; n++) {
			double rk = dk * (1.0 + q);
			r = rk * (double)servers;
			x = (double)n / (z_ms + r);
			q = x * rk;
		}
	} else {
		/* Schweitzer's approximation for large populations */
		double nn = (double)users;
		q = nn / (double)servers;
		for (int i = 0; i < 200; i++) {
			double rk = dk * (1.0 + q * (nn - 1.0) / nn);
			r = rk * (double)servers;
			x = nn / (z_ms + r);
			q = x * rk;
		}
	}
	*x_out = x;
	*r_out = r;
	*queue_out = q;
}

static int add_latency(hpa__sim_workload *w, double weight, double mean_ms)
{
	if (weight <= 0.0)
		return 0;
	if (w->n_lat > 0 && w->lat[w->n_lat - 1].mean_ms == mean_ms) {
		w->lat[w->n_lat - 1].weight += weight;
		return 0;
	}
	if (hpa__grow((void **)&w->lat, &w->cap_lat, w->n_lat + 1, sizeof(*w->lat)))
		return HPA_ENOMEM;
	w->lat[w->n_lat].weight = weight;
	w->lat[w->n_lat].mean_ms = mean_ms;
	w->n_lat++;
	return 0;
}

/* Whether t is inside a burst, and the span around t where that holds. */
static void burst_state(hpa__sim_workload *w, int64_t t)
{
	int64_t lo = INT64_MIN, hi = INT64_MAX;
	bool on = false;
	for (size_t i = 0; i < w->n_bursts; i++) {
		const hpa__sim_burst *b = &w->bursts[i];
		if (t >= b->from_ms && t < b->to_ms)
			on = true;
		if (b->from_ms <= t) {
			if (b->from_ms > lo)
				lo = b->from_ms;
		} else if (b->from_ms < hi) {
			hi = b->from_ms;
		}
		if (b->to_ms <= t) {
			if (b->to_ms > lo)
				lo = b->to_ms;
		} else if (b->to_ms < hi) {
			hi = b->to_ms;
		}
	}
	w->in_burst = on;
	w->burst_lo = lo;
	w->burst_hi = hi;
}

/* The constants of a workload's tick (see hpa__sim_tick_k): the same
 * expressions tick_workload() evaluated at every tick. */
static void tick_constants(const hpa_sim *sim, hpa__sim_workload *w)
{
	const hpa_sim_service *s = &w->svc;
	hpa__sim_tick_k *k = &w->k;
	k->c = cap_milli(w);
	k->base = (double)s->base_cpu_milli;
	k->c_eff = k->c - k->base > 1.0 ? k->c - k->base : 1.0;
	k->d_ms = (double)s->cost_milli * 1000.0 / k->c_eff; /* CPU time of one request alone on a pod */
	k->cost = (double)s->cost_milli;
	k->queue = (double)s->queue;
	k->mem_start = (double)s->mem_start_bytes;
	k->mem_base = (double)s->mem_base_bytes;
	k->mem_span = (double)s->mem_base_bytes - (double)s->mem_start_bytes;
	k->mem_infl = (double)s->mem_per_inflight_bytes;
	k->mem_growth = (double)s->mem_growth_bytes;
	k->mem_limit = (double)w->dep.memory_limit_bytes;
	k->cpu_req = (double)w->dep.cpu_request_milli;
	k->slack = (double)sim->opts.latency_objective_ms - (double)s->io_ms;
	k->closed = w->has_load && w->load.kind == HPA__LOAD_SIEGE;
	k->track = w->hpa != SIZE_MAX && !(sim->opts.flags & HPA_SIM_NO_TIMELINE);
	k->retain = s->mem_retain;
	k->has_limit = w->dep.memory_limit_bytes > 0;
	/* without growth the term is 0 * served / 1000 = +0.0 (served is
	 * finite and >= 0), and adding +0.0 to the (never -0.0) sum before it
	 * changes nothing: the tick skips it */
	k->growth = s->mem_growth_bytes != 0;
	k->has_req = w->dep.cpu_request_milli > 0;
}

static int tick_workload(hpa_sim *sim, size_t wi, int64_t t, int64_t dt)
{
	hpa__sim_workload *w = &sim->wl[wi];
	const hpa__sim_tick_k *k = &w->k;
	double c = k->c, base = k->base, c_eff = k->c_eff, d_ms = k->d_ms;
	double dt_s = dt == sim->opts.tick_ms ? sim->tick_s : (double)dt / 1000.0;
	double served = 0.0, dropped = 0.0, offered = 0.0, r_cpu = 0.0, inflight = 0.0;
	int32_t nserv = w->n_serving, users = 0;
	double rate = 0.0;
	bool closed = k->closed;
	bool record = t >= 0;
	bool track = record && k->track;
	int rc;

	if (w->has_load) {
		if (closed) {
			users = hpa__sim_load_users(&w->load, t);
			if (w->load.reps > 0 && w->done_requests >= (double)w->load.reps * (double)w->load.users)
				users = 0;
			offered = (double)users;
		} else {
			if (t < w->burst_lo || t >= w->burst_hi)
				burst_state(w, t);
			rate = hpa__sim_load_rate_fast(&w->load, w->in_burst, t, &sim->trig);
			offered = rate;
		}
	}
	if (closed && users > 0 && nserv > 0) {
		double x, q;
		mva(users, nserv, d_ms, (double)w->load.delay_ms / 2.0 + (double)w->svc.io_ms, &x, &r_cpu, &q);
		served = x * (double)dt;
		inflight = q;
		w->done_requests += served;
	} else if (!closed && nserv > 0 && (rate > 0.0 || w->backlog > 0.0)) {
		double mu, demand, avail, maxq;
		if (w->mu_n != nserv) { /* it changes with the serving pods only */
			w->mu = (double)nserv * c_eff / k->cost; /* requests/s */
			w->mu_n = nserv;
		}
		mu = w->mu;
		demand = rate * dt_s + w->backlog;
		avail = mu * dt_s;
		maxq = (double)nserv * k->queue;
		served = demand < avail ? demand : avail;
		w->backlog = demand - served;
		if (w->backlog > maxq) {
			dropped = w->backlog - maxq;
			w->backlog = maxq;
		}
		if (w->backlog > 1e-9) {
			r_cpu = d_ms + w->backlog / mu * 1000.0;
			inflight = w->backlog / (double)nserv + 1.0;
		} else {
			double rho = served / avail;
			w->backlog = 0.0;
			if (rho > 0.99)
				rho = 0.99;
			r_cpu = d_ms / (1.0 - rho);
			inflight = rho / (1.0 - rho);
		}
	} else if (!closed && rate > 0.0) {
		dropped = rate * dt_s + w->backlog; /* no ready pod: connection refused */
		w->backlog = 0.0;
	} else if (nserv == 0) {
		w->backlog = 0.0;
	}

	/* per-pod resources for [t, t + dt) */
	{
		double per_pod = nserv > 0 ? served / (double)nserv : 0.0;
		double req_cpu = per_pod / (double)dt * 1000.0 * k->cost; /* milli-cores */
		/* what every serving pod uses, and the memory target of a booted
		 * pod before its own growth: the same for all of them */
		double cpu_serv = base + req_cpu > c ? c : base + req_cpu;
		double mem_serv = k->mem_base + k->mem_infl * inflight, mem_idle = k->mem_base + k->mem_infl * 0.0;
		/* in locals: the stores to the pods could alias the constants */
		double mem_growth = k->mem_growth, mem_limit = k->mem_limit;
		bool growth = k->growth, retain = k->retain, has_limit = k->has_limit;
		double util_sum = 0.0, mem_sum = 0.0;
		int32_t n_started = 0;
		bool capped = false;
		/* usually every pod serves (so it runs and booted): a loop of its own */
		bool all = w->n_serving == (int32_t)w->n_pods;
		if (all && !track) {
			/* the loop below with all and !track */
			hpa__sim_pod *pods = w->pods;
			size_t n = w->n_pods;
			for (size_t i = 0; i < n; i++) {
				hpa__sim_pod *p = &pods[i];
				double m = p->mem, target = mem_serv;
				if (t > p->cum_at_ms) {
					p->cpu_cum += p->cpu_rate * (double)(t - p->cum_at_ms);
					p->cum_at_ms = t;
				}
				p->cpu_rate = cpu_serv;
				if (growth) {
					p->served += per_pod;
					target += mem_growth * p->served / 1000.0;
				}
				m = retain && m > target ? m : target;
				if (has_limit && m >= mem_limit) {
					m = mem_limit;
					capped = true;
				}
				p->mem = m;
			}
		}
		for (size_t i = 0; !(all && !track) && i < w->n_pods; i++) {
			hpa__sim_pod *p = &w->pods[i];
			double target;
			bool sv = false;
			if (!all && !p->started)
				continue;
			if (t > p->cum_at_ms) { /* advance(p, t) */
				p->cpu_cum += p->cpu_rate * (double)(t - p->cum_at_ms);
				p->cum_at_ms = t;
			}
			if (!all && p->deleting) {
				/* its CPU rate was set when the deletion began */
			} else if (!all && !p->booted) {
				const hpa__sim_pod_cold *pc = &w->cold[i];
				double span = (double)(pc->boot_done_ms - pc->container_ms);
				double f = span > 0 ? (double)(t - pc->container_ms) / span : 1.0;
				if (f > 1.0)
					f = 1.0;
				p->cpu_rate = c;
				target = k->mem_start + k->mem_span * f;
				p->mem = retain && p->mem > target ? p->mem : target;
			} else {
				sv = all || p->ready; /* booted and not deleting */
				if (sv) {
					if (growth) /* only the growth term reads it */
						p->served += per_pod;
					p->cpu_rate = cpu_serv;
					target = mem_serv;
				} else {
					p->cpu_rate = base;
					target = mem_idle;
				}
				if (growth)
					target += mem_growth * p->served / 1000.0;
				p->mem = retain && p->mem > target ? p->mem : target;
			}
			if (has_limit && p->mem >= mem_limit) {
				p->mem = mem_limit;
				capped = true;
			}
			if (track) {
				if (sv && k->has_req)
					util_sum += p->cpu_rate * 100.0 / k->cpu_req;
				mem_sum += p->mem;
				n_started++;
			}
		}
		if (record) {
			if (offered > 0.0) {
				if (w->load_start_ms < 0)
					w->load_start_ms = t;
				w->load_end_ms = t + dt;
				if (nserv == 0)
					w->no_ready_ms += dt;
			}
			w->tot_served += served;
			w->tot_dropped += dropped;
			w->tot_offered += closed ? 0.0 : rate * dt_s;
			w->tot_pod_ms += (double)(int64_t)w->n_pods * (double)dt; /* (n_pods < 2^53: the same value, a cheaper conversion) */
			if (capped)
				w->mem_capped_ms += (double)dt;
			if (served > 0.0) {
				double slack = k->slack;
				/* exp() of less than -746 is 0 in double precision */
				if (slack <= 0.0)
					w->tot_over_slo += served;
				else if (r_cpu > 0.0 && -slack / r_cpu > -746.0)
					w->tot_over_slo = hpa__sim_add_over(w->tot_over_slo, served, -slack / r_cpu);
			}
			if (track) {
				w->acc_served += served;
				w->acc_dropped += dropped;
				w->acc_offered += offered * (double)dt;
				w->acc_ms += (double)dt;
				w->acc_util_ms += nserv > 0 ? util_sum / (double)nserv * (double)dt : 0.0;
				w->acc_mem_ms += n_started > 0 ? mem_sum / (double)n_started * (double)dt : 0.0;
				if ((rc = add_latency(w, served, r_cpu)))
					return rc;
			}
		}
	}
	w->offered_now = offered;
	return 0;
}

/* ---- metrics pipeline ------------------------------------------------------------------ */

/* The kubelet's stats point of a running pod at t. */
static void kubelet_point(hpa__sim_workload *w, size_t i, int64_t t)
{
	hpa__sim_pod *p = &w->pods[i];
	hpa__sim_pod_cold *pc = &w->cold[i];
	advance(p, t);
	p->k_has = true;
	pc->k_t = t;
	pc->k_cum = p->cpu_cum;
	pc->k_mem = p->mem;
}

static void kubelet_sample(hpa__sim_workload *w, int64_t t)
{
	for (size_t i = 0; i < w->n_pods; i++)
		if (w->pods[i].started)
			kubelet_point(w, i, t);
}

/* metrics-server: keep the two latest distinct points per pod */
static void ms_push(hpa__sim_pod *p, int64_t t, double cum, double mem)
{
	p->ms_t[1] = p->ms_t[0];
	p->ms_cum[1] = p->ms_cum[0];
	p->ms_t[0] = t;
	p->ms_cum[0] = cum;
	p->ms_mem = mem;
	if (p->ms_n < 2)
		p->ms_n++;
}

/* The columns of pod p's row i that change with every scrape. */
static inline void table_sample(const hpa__sim_tab_cols *k, const hpa__sim_pod *p, size_t i)
{
	int64_t win = p->ms_t[0] - p->ms_t[1];
	k->ts[i] = HPA__SIM_EPOCH_MS + p->ms_t[0];
	k->win[i] = win;
	k->cpu[i] = hpa__sim_round_pos((p->ms_cum[0] - p->ms_cum[1]) / (double)win);
	k->mem[i] = hpa__sim_mem_milli(p->ms_mem);
}

/* Pod p's row i of the pod table, from what metrics-server holds: what the
 * decision glue gives the decision for a pod that fits a pod table (Running,
 * scheduled, Ready, not deleting, two metrics-server points). Returns
 * whether it fits. */
static inline bool table_row(const hpa__sim_tab_cols *k, const hpa__sim_pod *p, const hpa__sim_pod_cold *pc, size_t i)
{
	if (p->phase == HPA__POD_PENDING || !p->scheduled || !p->ready || p->deleting || p->ms_n != 2)
		return false;
	k->names[i] = pc->name;
	k->start[i] = HPA__SIM_EPOCH_MS + p->start_time_ms;
	k->ready[i] = HPA__SIM_EPOCH_MS + p->ready_ltt_ms;
	table_sample(k, p, i);
	return true;
}

/* The table grows here, not with the pods: the decision input of the
 * latest sync, valid in on_sync (after a reconcile added pods), points at
 * it. */
int hpa__sim_table_fill(hpa__sim_workload *w)
{
	size_t n = w->n_pods;
	const hpa__sim_pod *pods = w->pods;
	const hpa__sim_pod_cold *cold = w->cold;
	hpa__sim_tab_cols k;
	bool ok = true;
	w->tab_ok = false;
	if (n > w->cap_tab) {
		size_t c = w->cap_tab;
		void *a;
		if (hpa__grow((void **)&w->tab_names, &c, n, sizeof(*w->tab_names)))
			return HPA_ENOMEM;
		if (c > SIZE_MAX / (HPA__SIM_TC_N * sizeof(*w->tab)) ||
			!(a = hpa__realloc(w->tab, c * HPA__SIM_TC_N * sizeof(*w->tab))))
			return HPA_ENOMEM;
		w->tab = a;
		w->cap_tab = c;
		k = hpa__sim_tab_columns(w);
		for (size_t i = 0; i < c; i++) {
			k.qcpu[i] = w->dep.cpu_request_milli;
			k.qmem[i] = w->dep.memory_request_bytes * 1000;
		}
	}
	k = hpa__sim_tab_columns(w);
	for (size_t i = 0; ok && i < n; i++)
		ok = table_row(&k, &pods[i], &cold[i], i);
	w->tab_ok = ok;
	return 0;
}

/* metrics-server: keep the two latest distinct kubelet points of a pod;
 * with kubelet_interval_ms = 0 (direct) the kubelet point is taken right
 * now (and goes straight to metrics-server: a running pod's point is always
 * newer). */
static inline void scrape_pod(hpa__sim_pod *p, const hpa__sim_pod_cold *pc, int64_t t, bool direct)
{
	if (direct) {
		if (p->started && !(p->ms_n > 0 && t <= p->ms_t[0])) {
			advance(p, t);
			ms_push(p, t, p->cpu_cum, p->mem);
		}
	} else if (p->k_has && !(p->ms_n > 0 && pc->k_t <= p->ms_t[0])) {
		ms_push(p, pc->k_t, pc->k_cum, pc->k_mem);
	}
}

/* A scrape of every pod, then the pod table of the next sync, unless a pod
 * does not fit one. */
static int scrape(const hpa_sim *sim, hpa__sim_workload *w, int64_t t)
{
	size_t n = w->n_pods;
	hpa__sim_pod *pods = w->pods;
	const hpa__sim_pod_cold *cold = w->cold;
	bool direct = sim->opts.kubelet_interval_ms == 0;
	if (w->tab_ok) {
		/* every pod fitted the table and none changed since it was
		 * written, so they still fit: only the sample columns change.
		 * A fitting pod runs and has two points, from the kubelet (so
		 * k_has) when it is not direct: scrape_pod() in short. */
		hpa__sim_tab_cols k = hpa__sim_tab_columns(w);
		if (direct) {
			/* advance(), ms_push() (ms_n stays 2) and table_sample()
			 * written out, with the values in locals: the table's
			 * int64 stores could alias the pod's fields */
			for (size_t i = 0; i < n; i++) {
				hpa__sim_pod *p = &pods[i];
				int64_t t0 = p->ms_t[0], at = p->cum_at_ms;
				double cum = p->cpu_cum, c0 = p->ms_cum[0], mem = p->mem;
				if (!(t > t0)) {
					table_sample(&k, p, i);
					continue;
				}
				if (t > at) {
					cum += p->cpu_rate * (double)(t - at);
					p->cpu_cum = cum;
					p->cum_at_ms = t;
				}
				p->ms_t[1] = t0;
				p->ms_cum[1] = c0;
				p->ms_t[0] = t;
				p->ms_cum[0] = cum;
				p->ms_mem = mem;
				k.ts[i] = HPA__SIM_EPOCH_MS + t;
				k.win[i] = t - t0;
				k.cpu[i] = hpa__sim_round_pos((cum - c0) / (double)(t - t0));
				k.mem[i] = hpa__sim_mem_milli(mem);
			}
			return 0;
		}
		for (size_t i = 0; i < n; i++) {
			hpa__sim_pod *p = &pods[i];
			if (cold[i].k_t > p->ms_t[0])
				ms_push(p, cold[i].k_t, cold[i].k_cum, cold[i].k_mem);
			table_sample(&k, p, i);
		}
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		scrape_pod(&pods[i], &cold[i], t, direct);
	return hpa__sim_table_fill(w);
}

/* ---- timeline rows ---------------------------------------------------------------------- */

/* The q-quantile of a mixture of exponentials (weights w_j, means m_j). */
static double mixture_quantile(const hpa__sim_lat *lat, size_t n, double q)
{
	double total = 0.0, hi = 0.0, lo = 0.0;
	for (size_t i = 0; i < n; i++) {
		total += lat[i].weight;
		if (lat[i].mean_ms > hi)
			hi = lat[i].mean_ms;
	}
	if (total <= 0.0 || hi <= 0.0)
		return 0.0;
	hi *= 40.0;
	for (int it = 0; it < 60; it++) {
		double mid = (lo + hi) / 2.0, f = 0.0;
		for (size_t i = 0; i < n; i++)
			if (lat[i].mean_ms > 0.0)
				f += lat[i].weight * (1.0 - exp(-mid / lat[i].mean_ms));
			else
				f += lat[i].weight;
		if (f < q * total)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

static const char *intern(hpa_sim *sim, const char *s)
{
	return hpa__arena_strndup(&sim->strings, s, strlen(s));
}

static int record_row(hpa_sim *sim, hpa__sim_hpa *h, size_t hi, hpa__sim_workload *w, int64_t t, int32_t current,
	int32_t ready, int32_t pods, const hpa__sim_decision *d, hpa_sim_row **row_out)
{
	hpa_sim_row *r;
	*row_out = NULL;
	if (sim->opts.flags & HPA_SIM_NO_TIMELINE)
		return 0;
	if (hpa__grow((void **)&sim->rows, &sim->cap_rows, sim->n_rows + 1, sizeof(*sim->rows)))
		return HPA_ENOMEM;
	r = &sim->rows[sim->n_rows++];
	memset(r, 0, sizeof(*r));
	r->time_ms = t;
	r->hpa = hi;
	r->replicas = current;
	r->desired = d->ok ? d->desired : current;
	r->ready = ready;
	r->pods = pods;
	r->reason = d->reason;
	r->reason_name = d->reason_name ? d->reason_name : "";
	r->decided = d->ok;
	r->message = intern(sim, d->message);
	r->kubectl = intern(sim, d->kubectl);
	if (!r->message || !r->kubectl) {
		sim->n_rows--;
		return HPA_ENOMEM;
	}
	r->n_metrics = d->n_metrics;
	memcpy(r->metrics, d->metrics, sizeof(r->metrics));
	if (hpa__grow((void **)&sim->row_target_off, &sim->cap_row_off, sim->n_rows, sizeof(size_t)) ||
		hpa__grow((void **)&sim->row_targets, &sim->cap_row_targets, sim->n_row_targets + d->n_targets + 1,
			sizeof(*sim->row_targets))) {
		sim->n_rows--;
		return HPA_ENOMEM;
	}
	sim->row_target_off[sim->n_rows - 1] = sim->n_row_targets;
	memcpy(sim->row_targets + sim->n_row_targets, d->targets, d->n_targets * sizeof(*d->targets));
	sim->n_row_targets += d->n_targets;
	if (w->acc_ms > 0.0) {
		double io = (double)w->svc.io_ms;
		r->load_milli = hpa__sim_round(w->acc_offered / w->acc_ms * 1000.0);
		r->throughput_milli = hpa__sim_round(w->acc_served / w->acc_ms * 1000.0 * 1000.0);
		r->dropped_milli = hpa__sim_round(w->acc_dropped / w->acc_ms * 1000.0 * 1000.0);
		r->cpu_utilization = (int32_t)hpa__sim_round(w->acc_util_ms / w->acc_ms);
		r->memory_bytes = hpa__sim_round(w->acc_mem_ms / w->acc_ms);
		if (w->acc_served > 0.0) {
			r->latency_p50_us = hpa__sim_round((io + mixture_quantile(w->lat, w->n_lat, 0.50)) * 1000.0);
			r->latency_p95_us = hpa__sim_round((io + mixture_quantile(w->lat, w->n_lat, 0.95)) * 1000.0);
		}
	}
	(void)h;
	w->acc_served = w->acc_dropped = w->acc_offered = w->acc_ms = 0.0;
	w->acc_util_ms = w->acc_mem_ms = 0.0;
	w->n_lat = 0;
	*row_out = r;
	return 0;
}

/* ---- HPA sync --------------------------------------------------------------------------- */

static void track_max(hpa__sim_hpa *h, int32_t replicas, int64_t t)
{
	if (replicas == h->max_replicas) {
		if (h->at_max_since < 0)
			h->at_max_since = t;
	} else if (h->at_max_since >= 0) {
		h->at_max_ms += t - h->at_max_since;
		h->at_max_since = -1;
	}
}

/* One HPA's reconcile at t: decide, rescale, record, report. */
static int sync_one(hpa_sim *sim, size_t hi, int64_t t)
{
	int rc;
	hpa__sim_hpa *h = &sim->hpas[hi];
	hpa__sim_workload *w = &sim->wl[h->wl];
	hpa__sim_decision d;
	hpa_sim_row *row;
	int32_t ready = 0, pods = 0, current = w->spec_replicas;
	bool timeline = !(sim->opts.flags & HPA_SIM_NO_TIMELINE);
	/* without a timeline the usual sync needs only the numbers */
	rc = timeline ? 0 : hpa__sim_glue_decide_numbers(sim, h, current, t, &d.ok, &d.desired);
	if (rc < 0)
		return rc;
	if (!rc) {
		hpa__sim_glue_decide(sim, h, current, t, timeline, &d, &ready, &pods);
		if (d.oom)
			return HPA_ENOMEM;
	}
	h->decisions++;
	if (d.ok && d.desired != current) {
		w->spec_replicas = d.desired;
		h->rescales++;
		if (d.desired > current) {
			h->scaled_up = true;
			if (h->first_up_ms < 0)
				h->first_up_ms = t;
		} else {
			if (h->first_down_ms < 0)
				h->first_down_ms = t;
			if (h->scaled_up && h->back_ms < 0 && d.desired <= h->initial)
				h->back_ms = t;
		}
		if (d.desired > h->peak)
			h->peak = d.desired;
		track_max(h, d.desired, t);
		if ((rc = reconcile(sim, h->wl, t)))
			return rc;
		w = &sim->wl[h->wl];
	}
	if ((rc = record_row(sim, h, hi, w, t, current, ready, pods, &d, &row)))
		return rc;
	if (sim->opts.on_sync) {
		hpa_sim_sync_info info;
		info.sim = sim;
		info.hpa = hi;
		info.time_ms = t;
		info.replicas = current;
		info.desired = d.ok ? d.desired : current;
		info.row = row;
		sim->opts.on_sync(&info, sim->opts.payload);
	}
	return 0;
}

/* ---- the run -------------------------------------------------------------------------------- */

static int seed_pods(hpa_sim *sim, int64_t t0)
{
	for (size_t wi = 0; wi < sim->n_wl; wi++) {
		hpa__sim_workload *w = &sim->wl[wi];
		for (int32_t k = 0; k < w->spec_replicas; k++) {
			hpa__sim_pod *p;
			if (grow_pods(w))
				return HPA_ENOMEM;
			p = &w->pods[w->n_pods++];
			memset(p, 0, sizeof(*p));
			memset(&w->cold[w->n_pods - 1], 0, sizeof(*w->cold));
			p->id = w->next_pod_id++;
			pod_name(w, p);
			p->phase = HPA__POD_RUNNING;
			p->scheduled = p->started = p->booted = p->ready = true;
			p->start_time_ms = t0 - LONG_AGO_MS;
			w->cold[w->n_pods - 1].container_ms = t0 - LONG_AGO_MS;
			w->cold[w->n_pods - 1].boot_done_ms = t0 - LONG_AGO_MS;
			p->ready_ltt_ms = t0 - LONG_AGO_MS + 30000;
			p->cum_at_ms = t0;
			p->cpu_rate = (double)w->svc.base_cpu_milli;
			p->mem = (double)w->svc.mem_base_bytes;
			w->n_serving++;
		}
	}
	return 0;
}

/* Process the events of workload wi whose key (time, type, sequence) is
 * below (lim_t, lim_type): everything before its HPA's sync at lim_t
 * (lim_type = sync), or everything up to the end (lim_type = UINT32_MAX). */
static int advance_workload(hpa_sim *sim, size_t wi, int64_t lim_t, uint32_t lim_type)
{
	const hpa_sim_options *o = &sim->opts;
	hpa__sim_workload *w = &sim->wl[wi];
	int rc = 0;
	for (;;) {
		/* the periodic events: at one time a kubelet sample, then a
		 * scrape, then a tick (their type order) */
		int64_t t = w->next_tick;
		uint32_t type = HPA__EV_TICK;
		size_t pe = SIZE_MAX;
		if (w->next_kubelet <= t) {
			t = w->next_kubelet;
			type = HPA__EV_KUBELET;
		}
		if (w->next_scrape < t || (w->next_scrape == t && type == HPA__EV_TICK)) {
			t = w->next_scrape;
			type = HPA__EV_SCRAPE;
		}
		if (w->n_ev) {
			uint64_t seq = 0;
			for (size_t i = 0; i < w->n_ev; i++)
				if (key_less(w->ev[i].t_ms, w->ev[i].type, w->ev[i].seq, t, type, seq)) {
					t = w->ev[i].t_ms;
					type = w->ev[i].type;
					seq = w->ev[i].seq;
					pe = i;
				}
		}
		if (!(t < lim_t || (t == lim_t && type < lim_type)))
			return 0;
		switch (type) {
		case HPA__EV_TICK:
			if (t < o->duration_ms) {
				int64_t dt = o->tick_ms;
				if (t < 0 && t + dt > 0)
					dt = -t;
				if (t >= 0 && t + dt > o->duration_ms)
					dt = o->duration_ms - t;
				if ((rc = tick_workload(sim, wi, t, dt)))
					return rc;
				w->next_tick = t + dt;
			} else {
				w->next_tick = INT64_MAX;
			}
			break;
		case HPA__EV_KUBELET:
			kubelet_sample(w, t);
			w->next_kubelet = t + o->kubelet_interval_ms;
			break;
		case HPA__EV_SCRAPE:
			if ((rc = scrape(sim, w, t)))
				return rc;
			w->next_scrape = t + o->metric_resolution_ms;
			break;
		default: {
			hpa__sim_event ev = w->ev[pe];
			w->ev[pe] = w->ev[--w->n_ev];
			if ((rc = pod_event(sim, &ev)))
				return rc;
			w = &sim->wl[wi];
			break;
		}
		}
	}
}

#if defined(__GNUC__)
static void prefetch_bytes(const void *p, size_t n)
{
	for (size_t o = 0; o < n; o += 64)
		__builtin_prefetch((const char *)p + o);
}
#else
static void prefetch_bytes(const void *p, size_t n)
{
	(void)p;
	(void)n;
}
#endif

/* A fleet does not fit in the caches: ask for the memory of the HPAs
 * ahead in stages, each reading only what an earlier stage brought in. */
#define PF_STEP 3
static void prefetch_ahead(const hpa_sim *sim, size_t hi)
{
	size_t j;
	if ((j = hi + 4 * PF_STEP) < sim->n_hpa)
		prefetch_bytes(&sim->hpas[j], offsetof(hpa__sim_hpa, name));
	if ((j = hi + 3 * PF_STEP) < sim->n_hpa) {
		prefetch_bytes(&sim->wl[sim->hpas[j].wl], offsetof(hpa__sim_workload, dep.termination_grace_ms));
		hpa__sim_glue_prefetch(sim->hpas[j].glue, 0);
	}
	if ((j = hi + 2 * PF_STEP) < sim->n_hpa) {
		const hpa__sim_workload *w = &sim->wl[sim->hpas[j].wl];
		prefetch_bytes(w->pods, w->n_pods * sizeof(*w->pods));
		hpa__sim_glue_prefetch(sim->hpas[j].glue, 1);
	}
	if ((j = hi + PF_STEP) < sim->n_hpa)
		hpa__sim_glue_prefetch(sim->hpas[j].glue, 2);
}

/* HPA_SIM_TILED: Deployments never interact (each has its own events,
 * generator, pods and HPA; what the engine shares between them is either
 * read-only, a pure cache or a per-sync buffer refilled at each decision),
 * so a block of HPAs can run over the whole day before the next block: each
 * Deployment still sees exactly the same events in the same order, while
 * the block's state stays in the caches. Only the order of the on_sync
 * calls across HPAs changes; timeline rows are put back into (time, HPA)
 * order at the end. */
#define TILE_HPAS 64

typedef struct {
	int64_t t;
	size_t hpa, index;
} row_key;

static int row_key_cmp(const void *a, const void *b)
{
	const row_key *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->hpa != y->hpa)
		return x->hpa < y->hpa ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Put the rows recorded block by block into the order of the untiled run. */
static int sort_rows(hpa_sim *sim)
{
	size_t n = sim->n_rows;
	row_key *keys;
	hpa_sim_row *rows;
	hpa_targets_entry *targets = NULL;
	size_t *off;
	size_t nt = 0;
	bool sorted = true;
	for (size_t i = 1; i < n && sorted; i++)
		sorted = sim->rows[i - 1].time_ms < sim->rows[i].time_ms ||
			(sim->rows[i - 1].time_ms == sim->rows[i].time_ms && sim->rows[i - 1].hpa < sim->rows[i].hpa);
	if (sorted)
		return 0;
	keys = hpa__malloc(n * sizeof(*keys));
	rows = hpa__malloc(n * sizeof(*rows));
	off = hpa__malloc(n * sizeof(*off));
	if (sim->n_row_targets)
		targets = hpa__malloc(sim->n_row_targets * sizeof(*targets));
	if (!keys || !rows || !off || (sim->n_row_targets && !targets)) {
		hpa__free(keys);
		hpa__free(rows);
		hpa__free(off);
		hpa__free(targets);
		return HPA_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		keys[i].t = sim->rows[i].time_ms;
		keys[i].hpa = sim->rows[i].hpa;
		keys[i].index = i;
	}
	qsort(keys, n, sizeof(*keys), row_key_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t j = keys[i].index;
		size_t from = sim->row_target_off[j];
		size_t to = j + 1 < n ? sim->row_target_off[j + 1] : sim->n_row_targets;
		rows[i] = sim->rows[j];
		off[i] = nt;
		if (to > from)
			memcpy(targets + nt, sim->row_targets + from, (to - from) * sizeof(*targets));
		nt += to - from;
	}
	hpa__free(keys);
	hpa__free(sim->rows);
	hpa__free(sim->row_target_off);
	hpa__free(sim->row_targets);
	sim->rows = rows;
	sim->cap_rows = n;
	sim->row_target_off = off;
	sim->cap_row_off = n;
	sim->row_targets = targets;
	sim->cap_row_targets = targets ? sim->n_row_targets : 0;
	return 0;
}

static int run_tiled(hpa_sim *sim)
{
	const hpa_sim_options *o = &sim->opts;
	int64_t end = o->duration_ms;
	size_t block = TILE_HPAS;
	int rc;
	for (size_t b0 = 0; b0 < sim->n_hpa; b0 += block) {
		size_t b1 = sim->n_hpa - b0 < block ? sim->n_hpa : b0 + block;
		for (int64_t t = o->sync_phase_ms; t <= end; t += o->sync_period_ms) {
			sim->now = t;
			for (size_t hi = b0; hi < b1; hi++)
				if ((rc = advance_workload(sim, sim->hpas[hi].wl, t, HPA__EV_SYNC)) ||
					(rc = sync_one(sim, hi, t)))
					return rc;
			if (end - t < o->sync_period_ms)
				break;
		}
		for (size_t hi = b0; hi < b1; hi++)
			if ((rc = advance_workload(sim, sim->hpas[hi].wl, end, UINT32_MAX)))
				return rc;
	}
	/* Deployments without an HPA */
	for (size_t wi = 0; wi < sim->n_wl; wi++)
		if (sim->wl[wi].hpa == SIZE_MAX && (rc = advance_workload(sim, wi, end, UINT32_MAX)))
			return rc;
	return sort_rows(sim);
}

int hpa_sim_run(hpa_sim *sim, hpa_error *err)
{
	const hpa_sim_options *o;
	int64_t t0, k, s, end;
	int rc;
	if (!sim)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_run: NULL simulation");
	if (sim->ran)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_run: a simulation runs once");
	sim->ran = true;
	o = &sim->opts;
	k = o->kubelet_interval_ms;
	s = o->metric_resolution_ms;
	end = o->duration_ms;
	/* warm-up before t = 0: enough for two distinct metrics points per pod;
	 * no HPA syncs happen in it and nothing is recorded */
	sim->warmup_ms = 2 * s + 2 * k + o->tick_ms;
	sim->warmup_ms = (sim->warmup_ms + o->tick_ms - 1) / o->tick_ms * o->tick_ms;
	t0 = -sim->warmup_ms;
	for (size_t i = 0; i < sim->n_hpa; i++) {
		hpa__sim_hpa *h = &sim->hpas[i];
		h->initial = h->peak = sim->wl[h->wl].spec_replicas;
		track_max(h, h->initial, 0);
	}
	if ((rc = seed_pods(sim, t0)))
		goto oom;
	sim->tick_s = (double)o->tick_ms / 1000.0;
	for (size_t wi = 0; wi < sim->n_wl; wi++) {
		hpa__sim_workload *w = &sim->wl[wi];
		tick_constants(sim, w);
		w->next_tick = t0;
		w->next_kubelet = k > 0 ? t0 + o->kubelet_phase_ms : INT64_MAX;
		w->next_scrape = t0 + o->scrape_phase_ms;
	}
	if (o->flags & HPA_SIM_TILED) {
		rc = run_tiled(sim);
		if (rc)
			goto oom;
		goto done;
	}
	/* the syncs in time order, the HPAs of one sync in index order; each
	 * workload is brought up to its HPA's sync just before it */
	for (int64_t t = o->sync_phase_ms; t <= end; t += o->sync_period_ms) {
		sim->now = t;
		for (size_t hi = 0; hi < sim->n_hpa; hi++) {
			prefetch_ahead(sim, hi);
			if ((rc = advance_workload(sim, sim->hpas[hi].wl, t, HPA__EV_SYNC)) ||
				(rc = sync_one(sim, hi, t)))
				goto oom;
		}
		if (end - t < o->sync_period_ms)
			break;
	}
	for (size_t wi = 0; wi < sim->n_wl; wi++)
		if ((rc = advance_workload(sim, wi, end, UINT32_MAX)))
			goto oom;
done:
	for (size_t i = 0; i < sim->n_hpa; i++)
		track_max(&sim->hpas[i], -1, end);
	sim->now = end;
	return 0;
oom:
	return hpa__error(err, rc, "simulation: %s", hpa_strerror(rc));
}

/* ---- results --------------------------------------------------------------------------------- */

size_t hpa_sim_timeline_count(const hpa_sim *sim)
{
	return sim ? sim->n_rows : 0;
}

const hpa_sim_row *hpa_sim_timeline_at(const hpa_sim *sim, size_t index)
{
	return sim && index < sim->n_rows ? &sim->rows[index] : NULL;
}

int hpa_sim_summary_get(const hpa_sim *sim, size_t hpa, hpa_sim_summary *out, hpa_error *err)
{
	const hpa__sim_hpa *h;
	const hpa__sim_workload *w;
	if (!sim || !out)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_summary_get: NULL argument");
	if (hpa >= sim->n_hpa)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_summary_get: no HPA %zu", hpa);
	if (!sim->ran)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_summary_get: run the simulation first");
	h = &sim->hpas[hpa];
	w = &sim->wl[h->wl];
	memset(out, 0, sizeof(*out));
	out->initial_replicas = h->initial;
	out->final_replicas = w->spec_replicas;
	out->peak_replicas = h->peak;
	out->min_replicas = h->min_replicas;
	out->max_replicas = h->max_replicas;
	out->first_scale_up_ms = h->first_up_ms;
	out->first_scale_down_ms = h->first_down_ms;
	out->back_to_initial_ms = h->back_ms;
	out->load_start_ms = w->load_start_ms;
	out->load_end_ms = w->load_end_ms;
	out->time_at_max_ms = h->at_max_ms;
	out->decisions = h->decisions;
	out->rescales = h->rescales;
	out->requests = hpa__sim_round(w->tot_served);
	out->requests_dropped = hpa__sim_round(w->tot_dropped);
	out->requests_over_objective = hpa__sim_round(w->tot_over_slo);
	out->pod_ms = hpa__sim_round(w->tot_pod_ms);
	return 0;
}
