/*
 * lib/decide/fast_int.h -- the hot path of a decision, as static inline
 * functions shared by decide.c and calc.c (one translation unit each: the
 * compiler inlines them into hpa_decide() without link-time optimisation):
 * the digest of whole-pod Resource metrics (one pass over the pods for all
 * of them) and the metric computed from it, with the arithmetic helpers the
 * exact paths in calc.c use too.
 */
#ifndef HPA_LIB_DECIDE_FAST_INT_H
#define HPA_LIB_DECIDE_FAST_INT_H

#include "calc_int.h"
#if defined(__SSE2__)
# include <emmintrin.h>
#endif

static inline bool within(const hpa__calc *c, double r)
{
	return (1.0 - c->tol_down) <= r && r <= (1.0 + c->tol_up);
}

/* (U * 100) / Q as Go computes it, without overflow, saturated to int32. */
static inline int32_t percent_of(int64_t u, int64_t q)
{
	int64_t p;
	if (u >= 0 && u <= INT64_MAX / 100) {
		p = hpa__div(u * 100, q);
	} else {
		/* U*100 would overflow int64: quotient and remainder separately */
		int64_t whole = u / q, rem = u % q;
		if (whole > INT32_MAX / 100 + 1 || whole < INT32_MIN / 100 - 1)
			return whole > 0 ? INT32_MAX : INT32_MIN;
		p = whole * 100 + (int64_t)((double)rem * 100.0 / (double)q);
	}
	return hpa__i32_sat(p);
}

/* ---- the shared digest of whole-pod resource metrics ----------------------------------- */

/* Running sums of the digest. */
typedef struct {
	uint64_t u_cpu, u_mem, q_cpu, q_mem;
	unsigned ok, rok;
} dg_acc;

/* One pod with any number of containers (the loop below does the common
 * single-container pod inline). false: the digest does not apply. */
static HPA__UNUSED bool digest_pod(dg_acc *a, const hpa_decide_pod *p, int64_t init_cut)
{
	const hpa_pod_usage *u = p->usage;
	const hpa_container_usage *cu, *ce;
	const hpa_decide_container *k, *ke;
	unsigned ub = ~0u, rb = p->pod_requests_set ? 0u : ~0u;
	/* (a pod check_pods() rejects is declined: the general path reports it) */
	if (!u || p->deleting || p->phase != HPA_PHASE_RUNNING || !u->n_containers || !u->containers ||
	    (unsigned)p->ready > HPA_COND_UNKNOWN || (p->n_containers && !p->containers))
		return false;
	if (!(p->ready == HPA_COND_TRUE && p->has_start_time && p->start_time_ms <= init_cut))
		a->ok &= ~HPA_RESOURCE_BIT(HPA_RESOURCE_CPU);
	for (cu = u->containers, ce = cu + u->n_containers; cu < ce; cu++) {
		ub &= cu->usage_set;
		a->u_cpu += (uint64_t)cu->usage_milli[HPA_RESOURCE_CPU];
		a->u_mem += (uint64_t)cu->usage_milli[HPA_RESOURCE_MEMORY];
	}
	for (k = p->containers, ke = k + p->n_containers; k < ke; k++) {
		if ((unsigned)k->kind > HPA_CONTAINER_SIDECAR)
			return false;
		if (k->kind == HPA_CONTAINER_INIT)
			continue;
		rb &= k->requests_set;
		a->q_cpu += (uint64_t)k->requests_milli[HPA_RESOURCE_CPU];
		a->q_mem += (uint64_t)k->requests_milli[HPA_RESOURCE_MEMORY];
	}
	a->ok &= ub;
	a->rok &= rb;
	return true;
}

/* The digest reads (phase, ready) and (kind, requests_set) as one word each. */
_Static_assert(offsetof(hpa_decide_pod, ready) == offsetof(hpa_decide_pod, phase) + sizeof(int),
	"phase and ready are adjacent");
_Static_assert(offsetof(hpa_decide_container, requests_set) == offsetof(hpa_decide_container, kind) + sizeof(int),
	"kind and requests_set are adjacent");

/* The pod pass of the digest for the resources in need_u (usage) and
 * need_q (requests too). */
static inline void hpa__digest_pods(hpa__calc *c, unsigned need_u, unsigned need_q)
{
	const hpa_decide_input *in = c->in;
	const hpa_decide_pod *p, *end;
	unsigned ub = ~0u, cpu_bad = 0, pod_req = 0, rbits;
	uint64_t kinds = 0, rb = ~UINT64_C(0), pr_want, kind_mask;
	dg_acc a;
	int64_t init_cut, max_start = INT64_MIN;
	uint64_t u_cpu = 0, u_mem = 0, q_cpu = 0, q_mem = 0;

	c->dg.usage_ok = c->dg.req_ok = 0;
	if (!need_u || !in->n_pods || in->n_orphan_usage)
		return;
	init_cut = c->now < INT64_MIN + c->o->cpu_initialization_period_ms ? INT64_MIN
		: c->now - c->o->cpu_initialization_period_ms;
	{
		/* the (phase, ready) word of a Running, Ready pod; the kind half
		 * of a (kind, requests_set) word */
		static const int pr_ok[2] = { HPA_PHASE_RUNNING, HPA_COND_TRUE };
		static const struct {
			int kind;
			unsigned set;
		} km = { -1, 0 };
		memcpy(&pr_want, pr_ok, sizeof(pr_want));
		memcpy(&kind_mask, &km, sizeof(kind_mask));
	}
	a.u_cpu = a.u_mem = a.q_cpu = a.q_mem = 0;
	a.ok = need_u;
	a.rok = need_q;
	for (p = in->pods, end = p + in->n_pods; p < end; p++) {
		const hpa_pod_usage *u = p->usage;
		const hpa_decide_container *k = p->containers;
		const hpa_container_usage *cu;
		uint64_t pr, kr;
		int64_t st;
		/* the common pod: Running and Ready, started, not deleting,
		 * one container, one usage entry (anything else: digest_pod()).
		 * Loads are what this loop spends its time on: phase and ready,
		 * kind and requests_set are adjacent ints read as one word each;
		 * the other properties are gathered without a compare each
		 * (kinds OR-ed, start times reduced to their maximum). */
		memcpy(&pr, (const char *)p + offsetof(hpa_decide_pod, phase), sizeof(pr));
		if (UNLIKELY(!u || ((u->n_containers ^ 1) | (p->n_containers ^ 1) | (size_t)p->deleting |
				   (size_t)(p->has_start_time ^ 1) | (pr ^ pr_want) | (size_t)(k == NULL) |
				   (size_t)(u->containers == NULL)))) {
			if (!digest_pod(&a, p, init_cut))
				return;
			continue;
		}
		cu = u->containers;
		st = p->start_time_ms;
		memcpy(&kr, (const char *)k + offsetof(hpa_decide_container, kind), sizeof(kr));
		max_start = st > max_start ? st : max_start;
		kinds |= kr & kind_mask;
		rb &= kr;
		pod_req |= p->pod_requests_set;
		ub &= cu->usage_set;
		u_cpu += (uint64_t)cu->usage_milli[HPA_RESOURCE_CPU];
		u_mem += (uint64_t)cu->usage_milli[HPA_RESOURCE_MEMORY];
		q_cpu += (uint64_t)k->requests_milli[HPA_RESOURCE_CPU];
		q_mem += (uint64_t)k->requests_milli[HPA_RESOURCE_MEMORY];
	}
	{
		/* the requests_set half of the AND of (kind, requests_set) words */
		struct {
			int kind;
			unsigned set;
		} kw;
		memcpy(&kw, &rb, sizeof(kw));
		rbits = kw.set;
	}
	/* local sums (registers) for the common pods, a (memory) for the others */
	a.u_cpu += u_cpu;
	a.u_mem += u_mem;
	a.q_cpu += q_cpu;
	a.q_mem += q_mem;
	if (UNLIKELY(kinds)) {
		/* an init container or a sidecar alone in its pod: again, each
		 * pod the careful way */
		a.u_cpu = a.u_mem = a.q_cpu = a.q_mem = 0;
		a.ok = need_u;
		a.rok = need_q;
		for (p = in->pods; p < end; p++)
			if (!digest_pod(&a, p, init_cut))
				return;
		ub = rbits = ~0u;
		cpu_bad = pod_req = 0;
		max_start = INT64_MIN;
	}
	cpu_bad |= (unsigned)(max_start > init_cut);
	rbits = pod_req ? 0u : rbits;
	a.ok &= ub & (cpu_bad ? ~HPA_RESOURCE_BIT(HPA_RESOURCE_CPU) : ~0u);
	a.rok &= rbits;
	if (UNLIKELY(!a.ok))
		return;
	c->dg.usage_ok = a.ok;
	c->dg.req_ok = a.rok & a.ok;
	c->dg.u[HPA_RESOURCE_CPU] = a.u_cpu;
	c->dg.u[HPA_RESOURCE_MEMORY] = a.u_mem;
	c->dg.q[HPA_RESOURCE_CPU] = a.q_cpu;
	c->dg.q[HPA_RESOURCE_MEMORY] = a.q_mem;
}

/* A column's sum, as the pod pass adds it (uint64 wrap-around). */
static inline uint64_t col_sum(const int64_t *v, size_t n)
{
	uint64_t s0 = 0, s1 = 0;
	size_t i;
	for (i = 0; i + 1 < n; i += 2) {
		s0 += (uint64_t)v[i];
		s1 += (uint64_t)v[i + 1];
	}
	if (i < n)
		s0 += (uint64_t)v[i];
	return s0 + s1;
}

/* true when some start time is after the cut (cpu is not plainly ready). */
static inline bool starts_after(const int64_t *st, size_t n, int64_t cut)
{
	unsigned late = 0;
	size_t i;
	for (i = 0; i < n; i++)
		late |= (unsigned)(st[i] > cut);
	return late != 0;
}

/* A table pod (Ready, with a sample) started after the cut (inside the cpu
 * initialization period) is unready for cpu when its sample is older than
 * its Ready transition plus the sample's window (classify()'s rule; the
 * others count as ready ones do): true when some pod is. */
static inline bool table_cpu_unready(const hpa_decide_pod_table *t, size_t n, int64_t cut)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (t->start_time_ms[i] > cut &&
		    t->sample_time_ms[i] < hpa__add_sat(t->ready_transition_ms[i], t->sample_window_ms[i]))
			return true;
	return false;
}

/* hpa__digest_pods() for a pod table (c->in->pod_table): every pod is
 * Running, Ready, started and not deleting, with one application container
 * and one usage item (the table's contract), so the columns alone decide:
 * a resource's usage is known when its usage column is there, its requests
 * when its requests column is there, cpu only when no pod is unready for it
 * (started inside the cpu initialization period with a sample older than
 * its Ready transition plus the window). The sums are the pod pass's. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void hpa__digest_table(hpa__calc *c, const hpa_decide_pod_table *t, unsigned need_u, unsigned need_q)
{
	const hpa_decide_input *in = c->in;
	const int64_t *uc = t->usage_milli[HPA_RESOURCE_CPU], *um = t->usage_milli[HPA_RESOURCE_MEMORY];
	const int64_t *qc = t->requests_milli[HPA_RESOURCE_CPU], *qm = t->requests_milli[HPA_RESOURCE_MEMORY];
	size_t n = t->n;
	int64_t init_cut;
	unsigned ok = need_u, rok = need_q;
	const unsigned cpu = HPA_RESOURCE_BIT(HPA_RESOURCE_CPU), mem = HPA_RESOURCE_BIT(HPA_RESOURCE_MEMORY);

	c->dg.usage_ok = c->dg.req_ok = 0;
	if (!need_u || !n || in->n_orphan_usage)
		return;
	init_cut = c->now < INT64_MIN + c->o->cpu_initialization_period_ms ? INT64_MIN
		: c->now - c->o->cpu_initialization_period_ms;
	ok &= (uc ? cpu : 0u) | (um ? mem : 0u);
	rok &= (qc ? cpu : 0u) | (qm ? mem : 0u);
#if defined(__SSE2__)
	if (LIKELY(uc && um && qc && qm)) {
		/* the four columns in one pass, two pods at a time, and the
		 * start times compared with the cut as int64 (SSE2 has no 64-bit
		 * compare: the high halves signed, the low halves unsigned by
		 * flipping their sign bits, then hi > or (hi == and lo >)) */
		const int64_t *st = t->start_time_ms;
		const __m128i flip = _mm_set_epi32(0, INT32_MIN, 0, INT32_MIN);
		const __m128i cv = _mm_xor_si128(_mm_set1_epi64x(init_cut), flip);
		__m128i a = _mm_setzero_si128(), b = a, q = a, r = a, late = a;
		uint64_t l[2];
		size_t i = n & 1;
		int odd_late = 0;
		if (i) { /* an odd pod first, then pairs */
			a = _mm_cvtsi64_si128(uc[0]);
			b = _mm_cvtsi64_si128(um[0]);
			q = _mm_cvtsi64_si128(qc[0]);
			r = _mm_cvtsi64_si128(qm[0]);
			odd_late = st[0] > init_cut;
		}
		for (; i < n; i += 2) {
			__m128i sv = _mm_xor_si128(_mm_loadu_si128((const __m128i *)(const void *)(st + i)), flip);
			__m128i gt = _mm_cmpgt_epi32(sv, cv), eq = _mm_cmpeq_epi32(sv, cv);
			/* (the low halves' results moved to the high lanes) */
			late = _mm_or_si128(late, _mm_or_si128(gt, _mm_and_si128(eq,
				_mm_shuffle_epi32(gt, _MM_SHUFFLE(2, 2, 0, 0)))));
			a = _mm_add_epi64(a, _mm_loadu_si128((const __m128i *)(const void *)(uc + i)));
			b = _mm_add_epi64(b, _mm_loadu_si128((const __m128i *)(const void *)(um + i)));
			q = _mm_add_epi64(q, _mm_loadu_si128((const __m128i *)(const void *)(qc + i)));
			r = _mm_add_epi64(r, _mm_loadu_si128((const __m128i *)(const void *)(qm + i)));
		}
		/* the high lanes (bits 7 and 15 of the byte mask) hold the results */
		if (((_mm_movemask_epi8(late) & 0x8080) || odd_late) && table_cpu_unready(t, n, init_cut))
			ok &= ~cpu;
		if (UNLIKELY(!ok))
			return;
		c->dg.usage_ok = ok;
		c->dg.req_ok = rok & ok;
		/* (lane sums: wrap-around addition in any order gives the same) */
		_mm_storeu_si128((__m128i *)(void *)l, _mm_add_epi64(a, _mm_unpackhi_epi64(a, a)));
		c->dg.u[HPA_RESOURCE_CPU] = l[0];
		_mm_storeu_si128((__m128i *)(void *)l, _mm_add_epi64(b, _mm_unpackhi_epi64(b, b)));
		c->dg.u[HPA_RESOURCE_MEMORY] = l[0];
		_mm_storeu_si128((__m128i *)(void *)l, _mm_add_epi64(q, _mm_unpackhi_epi64(q, q)));
		c->dg.q[HPA_RESOURCE_CPU] = l[0];
		_mm_storeu_si128((__m128i *)(void *)l, _mm_add_epi64(r, _mm_unpackhi_epi64(r, r)));
		c->dg.q[HPA_RESOURCE_MEMORY] = l[0];
		return;
	}
#endif
	if ((ok & cpu) && starts_after(t->start_time_ms, n, init_cut) && table_cpu_unready(t, n, init_cut))
		ok &= ~cpu;
	if (UNLIKELY(!ok))
		return;
	c->dg.usage_ok = ok;
	c->dg.req_ok = rok &= ok;
	c->dg.u[HPA_RESOURCE_CPU] = (ok & cpu) ? col_sum(uc, n) : 0;
	c->dg.u[HPA_RESOURCE_MEMORY] = (ok & mem) ? col_sum(um, n) : 0;
	c->dg.q[HPA_RESOURCE_CPU] = (rok & cpu) ? col_sum(qc, n) : 0;
	c->dg.q[HPA_RESOURCE_MEMORY] = (rok & mem) ? col_sum(qm, n) : 0;
}

/* Fill c->dg for the whole-pod Resource metrics among m[0..n). */
static inline void hpa__digest_build(hpa__calc *c, const hpa_decide_metric *m, size_t n)
{
	unsigned need_u = 0, need_q = 0;
	size_t i;
	for (i = 0; i < n; i++, m++) {
		unsigned bit;
		if (m->type != HPA_SOURCE_RESOURCE || m->fetch_failed ||
		    (m->resource != HPA_RESOURCE_CPU && m->resource != HPA_RESOURCE_MEMORY))
			continue;
		bit = HPA_RESOURCE_BIT(m->resource);
		if (m->has_average_value) {
			need_u |= bit;
		} else if (m->has_average_utilization) {
			need_u |= bit;
			need_q |= bit;
		}
	}
	hpa__digest_pods(c, need_u, need_q);
}

/* A whole-pod Resource metric's result, every pod plainly ready (the short
 * paths): the proposal, the first-pass utilization (has_util) or average. */
static inline void hpa__fill_plain_result(hpa_metric_result *r, int type, int resource, double ratio,
	int32_t replicas, int64_t n, bool has_util, int32_t util, int64_t avg)
{
	int fmt = resource == HPA_RESOURCE_MEMORY ? HPA_QFMT_BINARY_SI : HPA_QFMT_DECIMAL_SI;
	r->type = type;
	r->status = HPA_OK;
	r->failure_reason = NULL;
	r->replicas = replicas;
	r->has_average_utilization = has_util;
	r->average_utilization = util;
	r->has_average_value = true;
	r->average_value_milli = avg;
	r->has_value = false;
	r->value_milli = 0;
	r->value_format = fmt;
	r->usage_ratio = ratio;
	r->n_ready = (uint32_t)n;
	r->n_unready = r->n_missing = r->n_ignored = 0;
	r->n_samples = (uint32_t)n;
	r->rebalanced = false;
	r->message[0] = '\0';
}

/* A whole-pod Resource metric when the digest has its sums (every pod
 * ready): what utilization_path / plain_path compute for that case, without
 * the pod pass. Returns false to take the exact path. */
static inline bool hpa__eval_from_digest(const hpa__calc *c, const hpa_decide_metric *m, hpa_metric_result *r,
	uint8_t *cls)
{
	unsigned bit = HPA_RESOURCE_BIT(m->resource);
	int64_t n = (int64_t)c->in->n_pods, u = (int64_t)c->dg.u[m->resource];
	int32_t current = c->in->spec_replicas;
	double ratio;

	if (!(c->dg.usage_ok & bit) || m->type != HPA_SOURCE_RESOURCE || m->fetch_failed)
		return false;
	int64_t avg;
	int32_t util = 0;
	bool has_util = false;
	if (m->has_average_value) {
		avg = hpa__div(u, n);
		ratio = (double)avg / (double)m->average_value_milli;
	} else if (m->has_average_utilization && (c->dg.req_ok & bit) && c->dg.q[m->resource] != 0) {
		util = percent_of(u, (int64_t)c->dg.q[m->resource]);
		ratio = (double)util / (double)m->average_utilization;
		has_util = true;
		avg = hpa__div(u, n);
	} else {
		return false;
	}
	hpa__fill_plain_result(r, m->type, m->resource, ratio,
		within(c, ratio) ? current : hpa__ceil_i32(ratio * (double)n), n, has_util, util, avg);
	if (cls)
		memset(cls, HPA_POD_READY, (size_t)n);
	return true;
}

#endif
