/* lib/decide/table.c -- pods in columns (hpa_decide_pod_table): the checks
 * of a table, and its expansion into the pods array the general path reads
 * (the short path reads the columns themselves, lib/decide/fast_int.h). */
#include "decide_int.h"

int hpa__table_check(const hpa_decide_input *in, hpa_error *err)
{
	const hpa_decide_pod_table *t = in->pod_table;
	if (hpa__table_ok(in))
		return HPA_OK;
	if (in->pods || in->n_pods)
		return hpa__error(err, HPA_EINVAL, "hpa_decide_input: pods and pod_table are exclusive "
			"(pods must be NULL and n_pods 0 with a pod table)");
	if (t->n && (!t->start_time_ms || !t->ready_transition_ms || !t->sample_time_ms || !t->sample_window_ms))
		return hpa__error(err, HPA_EINVAL, "pod_table: %zu pods without their %s column", t->n,
			!t->start_time_ms ? "start_time_ms" : !t->ready_transition_ms ? "ready_transition_ms"
			: !t->sample_time_ms ? "sample_time_ms" : "sample_window_ms");
	return hpa__error(err, HPA_ELIMIT, "pod_table: %zu pods (at most %zu)", t->n, (size_t)HPA__TABLE_MAX);
}

int hpa__table_expand(hpa__expanded *x, const hpa_decide_input *in, hpa_error *err)
{
	const hpa_decide_pod_table *t = in->pod_table;
	hpa_decide_pod *pods;
	hpa_decide_container *conts;
	hpa_pod_usage *usage;
	hpa_container_usage *cusage;
	unsigned usage_set = 0, requests_set = 0;
	size_t i, n = t->n;
	int r, rc;

	x->heap = NULL;
	if ((rc = hpa__table_check(in, err)))
		return rc;
	x->in = *in;
	x->in.pod_table = NULL;
	x->in.pods = NULL;
	x->in.n_pods = n;
	if (!n)
		return HPA_OK;
	if (n <= HPA__EXPAND_STACK) {
		pods = x->pods;
		conts = x->conts;
		usage = x->usage;
		cusage = x->cusage;
	} else {
		/* one block: the pods, then their containers, usage items and
		 * container usages (every member 8-byte aligned) */
		char *b = x->heap = hpa__malloc(n * (sizeof(*pods) + sizeof(*conts) + sizeof(*usage) + sizeof(*cusage)));
		if (!b)
			return hpa__error(err, HPA_ENOMEM, "out of memory (%zu pods of a pod table)", n);
		pods = (hpa_decide_pod *)(void *)b;
		conts = (hpa_decide_container *)(void *)(b + n * sizeof(*pods));
		usage = (hpa_pod_usage *)(void *)(b + n * (sizeof(*pods) + sizeof(*conts)));
		cusage = (hpa_container_usage *)(void *)(b + n * (sizeof(*pods) + sizeof(*conts) + sizeof(*usage)));
	}
	for (r = 0; r < HPA_RESOURCE_SLOTS; r++) {
		usage_set |= t->usage_milli[r] ? HPA_RESOURCE_BIT(r) : 0u;
		requests_set |= t->requests_milli[r] ? HPA_RESOURCE_BIT(r) : 0u;
	}
	for (i = 0; i < n; i++) {
		const char *name = t->names && t->names[i] ? t->names[i] : "";
		memset(&conts[i], 0, sizeof(conts[i]));
		conts[i].name = t->container ? t->container : "";
		conts[i].kind = HPA_CONTAINER_APP;
		conts[i].requests_set = requests_set;
		memset(&cusage[i], 0, sizeof(cusage[i]));
		cusage[i].name = conts[i].name;
		cusage[i].usage_set = usage_set;
		for (r = 0; r < HPA_RESOURCE_SLOTS; r++) {
			conts[i].requests_milli[r] = t->requests_milli[r] ? t->requests_milli[r][i] : 0;
			cusage[i].usage_milli[r] = t->usage_milli[r] ? t->usage_milli[r][i] : 0;
		}
		memset(&usage[i], 0, sizeof(usage[i]));
		usage[i].pod = name;
		usage[i].timestamp_ms = t->sample_time_ms[i];
		usage[i].window_ms = t->sample_window_ms[i];
		usage[i].containers = &cusage[i];
		usage[i].n_containers = 1;
		memset(&pods[i], 0, sizeof(pods[i]));
		pods[i].name = name;
		pods[i].phase = HPA_PHASE_RUNNING;
		pods[i].ready = HPA_COND_TRUE;
		pods[i].ready_transition_ms = t->ready_transition_ms[i];
		pods[i].has_start_time = true;
		pods[i].start_time_ms = t->start_time_ms[i];
		pods[i].containers = &conts[i];
		pods[i].n_containers = 1;
		pods[i].usage = &usage[i];
	}
	x->in.pods = pods;
	return HPA_OK;
}

void hpa__table_expand_done(hpa__expanded *x)
{
	hpa__free(x->heap);
	x->heap = NULL;
}
