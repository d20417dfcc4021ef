/*
 * lib/decide/history.c -- the per-HPA controller state: recommendations and
 * scale events (upstream HorizontalController.recommendations,
 * scaleUpEvents, scaleDownEvents), bounded, plus the bookkeeping applied
 * after a decision.
 */
#include "decide_int.h"

#define DEFAULT_CAPACITY 128

/* An empty summary: every slot free (a free slot's timestamp is INT64_MAX,
 * see hpa__ring_count_le()). */
static void sum_clear(hpa_history *h)
{
	uint32_t j;
	for (j = 0; j <= h->mask; j++)
		h->ord.e[j].ts = h->dn.e[j].ts = INT64_MAX;
	h->ord.head = h->ord.n = h->dn.head = h->dn.n = 0;
	h->rec_max_ts = INT64_MIN;
}

int hpa_history_new(hpa_history **out, size_t capacity, hpa_error *err)
{
	hpa_history *h;
	size_t ring;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_history_new: NULL output");
	*out = NULL;
	if (capacity == 0)
		capacity = DEFAULT_CAPACITY;
	if (capacity > ((size_t)1 << 24))
		return hpa__error(err, HPA_ELIMIT, "history capacity %zu is too large", capacity);
	h = hpa__calloc(1, sizeof(*h));
	if (!h)
		return hpa__enomem(err);
	h->cap = capacity;
	for (ring = 4; ring < capacity; ring *= 2)
		;
	h->mask = (uint32_t)(ring - 1);
	h->recs = hpa__calloc(capacity, sizeof(*h->recs));
	h->up = hpa__calloc(capacity, sizeof(*h->up));
	h->down = hpa__calloc(capacity, sizeof(*h->down));
	h->ord.e = hpa__calloc(ring, sizeof(*h->ord.e));
	h->dn.e = hpa__calloc(ring, sizeof(*h->dn.e));
	if (!h->recs || !h->up || !h->down || !h->ord.e || !h->dn.e) {
		hpa_history_free(h);
		return hpa__enomem(err);
	}
	sum_clear(h);
	*out = h;
	return HPA_OK;
}

void hpa_history_free(hpa_history *h)
{
	if (!h)
		return;
	hpa__free(h->recs);
	hpa__free(h->up);
	hpa__free(h->down);
	hpa__free(h->ord.e);
	hpa__free(h->dn.e);
	hpa__free(h);
}

void hpa_history_clear(hpa_history *h)
{
	if (!h)
		return;
	h->has_recs = false;
	h->n_recs = h->n_up = h->n_down = 0;
	sum_clear(h);
}

size_t hpa_history_capacity(const hpa_history *h)
{
	return h ? h->cap : 0;
}

uint64_t hpa_history_evictions(const hpa_history *h)
{
	return h ? h->evictions : 0;
}

bool hpa_history_has_recommendations(const hpa_history *h)
{
	return h && h->has_recs;
}

void hpa_history_set_has_recommendations(hpa_history *h, bool has)
{
	if (!h)
		return;
	h->has_recs = has;
	if (!has) {
		h->n_recs = 0;
		sum_clear(h);
	}
}

size_t hpa_history_recommendation_count(const hpa_history *h)
{
	return h ? h->n_recs : 0;
}

/* ---- recommendations and their summary (see hpa__sent in decide_int.h) -------------- */

static inline hpa__sent sent_of(const hpa_history *h, uint32_t i)
{
	hpa__sent e;
	e.ts = h->recs[i].ts;
	e.r = h->recs[i].replicas;
	e.idx = (int32_t)i;
	return e;
}

/* ord's order: by timestamp, then list index */
static inline bool ord_before(const hpa__sent *a, const hpa__sent *b)
{
	return a->ts < b->ts || (a->ts == b->ts && a->idx < b->idx);
}

static void ord_sift(hpa__sent *o, size_t i, size_t n)
{
	for (;;) {
		size_t c = 2 * i + 1;
		hpa__sent t;
		if (c >= n)
			return;
		if (c + 1 < n && ord_before(&o[c], &o[c + 1]))
			c++;
		if (!ord_before(&o[i], &o[c]))
			return;
		t = o[i];
		o[i] = o[c];
		o[c] = t;
		i = c;
	}
}

static inline void ring_push_back(hpa__ring *r, uint32_t mask, hpa__sent e)
{
	*hpa__ring_at(r, mask, r->n++) = e;
}

/* (a freed slot is marked free again) */
static inline void ring_pop_back(hpa__ring *r, uint32_t mask)
{
	hpa__ring_at(r, mask, --r->n)->ts = INT64_MAX;
}

/* The summary again from the list: ord sorted (heapsort: no allocation,
 * O(n log n)), then the staircase in one pass. */
static void sum_rebuild(hpa_history *h)
{
	hpa__sent *o = h->ord.e;
	uint32_t n = (uint32_t)h->n_recs, j;
	sum_clear(h);
	for (j = 0; j < n; j++)
		o[j] = sent_of(h, j);
	for (j = n / 2; j-- > 0;)
		ord_sift(o, j, n);
	for (j = n; j-- > 1;) {
		hpa__sent t = o[0];
		o[0] = o[j];
		o[j] = t;
		ord_sift(o, 0, j);
	}
	h->ord.n = n;
	for (j = 0; j < n; j++) {
		while (h->dn.n && h->dn.e[h->dn.n - 1].r <= o[j].r)
			ring_pop_back(&h->dn, h->mask);
		ring_push_back(&h->dn, h->mask, o[j]);
	}
	if (n)
		h->rec_max_ts = o[n - 1].ts;
}

/* Entry i, as new as the newest or newer, joins the summary at the end of
 * the time order: false when it is older than the newest. */
static inline bool sum_add_newest(hpa_history *h, uint32_t i)
{
	uint32_t mask = h->mask;
	hpa__sent e = sent_of(h, i);
	if (h->ord.n && e.ts < h->rec_max_ts)
		return false;
	ring_push_back(&h->ord, mask, e);
	while (h->dn.n && hpa__ring_at(&h->dn, mask, h->dn.n - 1)->r <= e.r)
		ring_pop_back(&h->dn, mask);
	ring_push_back(&h->dn, mask, e);
	h->rec_max_ts = e.ts;
	return true;
}

/* Entry i (< n_recs) overwritten with (replicas, ts), as the controller's
 * store does, and the summary updated. The controller replaces the last
 * stale entry in list order: the oldest one, or the second oldest when its
 * first reconcile left an entry behind; so the entry's position p in ord is
 * small, and so is everything below (O(p) and the staircase entries up to
 * it; amortized O(1)). Leaving, the entry takes its staircase entries
 * with it: entries after it keep their place on the staircase (their
 * suffixes are unchanged), the ones before it are decided again, from
 * p - 1 down to 0, against the largest replicas after it (the staircase's
 * entry after it). The new entry then joins as sum_add_newest() adds one
 * (else: rebuilt). Locals, not the ring fields, during the removal: the
 * entries' int32 writes could alias them. */
static void rec_replace(hpa_history *h, size_t i, int32_t replicas, int64_t ts)
{
	const uint32_t mask = h->mask;
	hpa__sent *o = h->ord.e, *d = h->dn.e;
	uint32_t oh = h->ord.head, on = h->ord.n, dh = h->dn.head, dn = h->dn.n, p, q, j;
	int64_t old = h->recs[i].ts, newest = h->rec_max_ts;
	for (p = 0; p < on && o[(oh + p) & mask].idx != (int32_t)i; p++)
		;
	if (UNLIKELY(p == on)) { /* (never: every entry is in ord) */
		h->recs[i].replicas = replicas;
		h->recs[i].ts = ts;
		sum_rebuild(h);
		return;
	}
	for (q = 0; q < dn; q++) {
		const hpa__sent *x = &d[(dh + q) & mask];
		if (x->idx == (int32_t)i || x->ts > old)
			break;
	}
	if (q < dn && d[(dh + q) & mask].idx == (int32_t)i) {
		/* the largest replicas after entry j (none: below every int32) */
		int64_t rmax = q + 1 < dn ? d[(dh + q + 1) & mask].r : INT64_MIN;
		for (j = 0; j <= q; j++) {
			d[dh].ts = INT64_MAX;
			dh = (dh + 1) & mask;
		}
		dn -= q + 1;
		for (j = p; j-- > 0;) {
			const hpa__sent *x = &o[(oh + j) & mask];
			if (x->r > rmax) {
				dh = (dh - 1) & mask;
				d[dh] = *x;
				dn++;
				rmax = x->r;
			}
		}
	}
	/* ord without position p */
	for (j = p; j-- > 0;)
		o[(oh + j + 1) & mask] = o[(oh + j) & mask];
	o[oh].ts = INT64_MAX;
	oh = (oh + 1) & mask;
	on--;
	if (on && p == on) /* the newest left: the newest of the others */
		newest = o[(oh + on - 1) & mask].ts;
	h->ord.head = oh;
	h->ord.n = on;
	h->dn.head = dh;
	h->dn.n = dn;
	h->rec_max_ts = newest;
	h->recs[i].replicas = replicas;
	h->recs[i].ts = ts;
	if (!sum_add_newest(h, (uint32_t)i))
		sum_rebuild(h);
}

int hpa_history_recommendation_at(const hpa_history *h, size_t i, hpa_recommendation *out)
{
	if (!h || !out || i >= h->n_recs)
		return HPA_ENOTFOUND;
	out->replicas = h->recs[i].replicas;
	out->timestamp_ms = h->recs[i].ts;
	return HPA_OK;
}

/* Index of the entry with the smallest timestamp (first one on ties). */
static size_t oldest_rec(const hpa_history *h)
{
	size_t i, best = 0;
	for (i = 1; i < h->n_recs; i++)
		if (h->recs[i].ts < h->recs[best].ts)
			best = i;
	return best;
}

/* Append an entry (the oldest one evicted when the list is full); with
 * defer, the summary is left to the caller's sum_rebuild(). */
static void rec_append(hpa_history *h, int32_t replicas, int64_t ts, bool defer)
{
	bool evicted = false;
	h->has_recs = true;
	if (h->n_recs == h->cap && h->n_recs > 0) { /* cap >= 1: the test only tells the compiler */
		size_t o = oldest_rec(h);
		memmove(&h->recs[o], &h->recs[o + 1], (h->n_recs - o - 1) * sizeof(*h->recs));
		h->n_recs--;
		h->evictions++;
		evicted = true;
	}
	h->recs[h->n_recs].replicas = replicas;
	h->recs[h->n_recs].ts = ts;
	h->n_recs++;
	if (!defer && (evicted || !sum_add_newest(h, (uint32_t)h->n_recs - 1)))
		sum_rebuild(h);
}

/* The recommendation read API for the other files of the module. */
int64_t hpa__rec_ts(const hpa_history *h, size_t i)
{
	return h->recs[i].ts;
}

int32_t hpa__rec_replicas(const hpa_history *h, size_t i)
{
	return h->recs[i].replicas;
}

void hpa__history_append_deferred(hpa_history *h, int32_t replicas, int64_t ts)
{
	rec_append(h, replicas, ts, true);
}

void hpa__history_summary_rebuild(hpa_history *h)
{
	sum_rebuild(h);
}

int hpa_history_add_recommendation(hpa_history *h, int32_t replicas, int64_t ts, hpa_error *err)
{
	if (!h)
		return hpa__error(err, HPA_EINVAL, "hpa_history_add_recommendation: NULL history");
	rec_append(h, replicas, ts, false);
	return HPA_OK;
}

static hpa__evt *events(const hpa_history *h, int dir, size_t **n_out)
{
	hpa_history *m = (hpa_history *)(uintptr_t)h; /* const view for readers */
	if (dir == HPA_SCALE_UP) {
		*n_out = &m->n_up;
		return m->up;
	}
	if (dir == HPA_SCALE_DOWN) {
		*n_out = &m->n_down;
		return m->down;
	}
	return NULL;
}

size_t hpa_history_event_count(const hpa_history *h, int dir)
{
	size_t *n;
	if (!h || !events(h, dir, &n))
		return 0;
	return *n;
}

int hpa_history_event_at(const hpa_history *h, int dir, size_t i, hpa_scale_event *out)
{
	size_t *n;
	hpa__evt *e;
	if (!h || !out || !(e = events(h, dir, &n)) || i >= *n)
		return HPA_ENOTFOUND;
	out->replica_change = e[i].change;
	out->timestamp_ms = e[i].ts;
	out->outdated = e[i].outdated;
	return HPA_OK;
}

static void evt_append(hpa_history *h, hpa__evt *e, size_t *n, int32_t change, int64_t ts, bool outdated)
{
	if (*n == h->cap && *n > 0) {
		size_t i, o = 0;
		for (i = 1; i < *n; i++)
			if (e[i].ts < e[o].ts)
				o = i;
		memmove(&e[o], &e[o + 1], (*n - o - 1) * sizeof(*e));
		(*n)--;
		h->evictions++;
	}
	e[*n].change = change;
	e[*n].ts = ts;
	e[*n].outdated = outdated;
	(*n)++;
}

int hpa_history_add_event(hpa_history *h, int dir, int32_t change, int64_t ts, bool outdated, hpa_error *err)
{
	size_t *n;
	hpa__evt *e;
	if (!h)
		return hpa__error(err, HPA_EINVAL, "hpa_history_add_event: NULL history");
	if (!(e = events(h, dir, &n)))
		return hpa__error(err, HPA_EINVAL, "unknown scale direction %d", dir);
	if (change < 0)
		return hpa__error(err, HPA_EINVAL, "a scale event's replica change is absolute: >= 0 (got %d)",
			(int)change);
	evt_append(h, e, n, change, ts, outdated);
	return HPA_OK;
}

int32_t hpa_history_replica_change(const hpa_history *h, int dir, int64_t period_ms, int64_t now_ms)
{
	size_t *n, i;
	hpa__evt *e;
	/* now - period, saturated (-INT64_MIN does not exist) */
	int64_t cutoff = period_ms == INT64_MIN ? hpa__add_sat(hpa__add_sat(now_ms, INT64_MAX), 1)
		: hpa__add_sat(now_ms, -period_ms), sum = 0;
	if (!h || !(e = events(h, dir, &n)))
		return 0;
	for (i = 0; i < *n; i++)
		if (e[i].ts > cutoff)
			sum += e[i].change;
	return hpa__i32_sat(sum);
}

int32_t hpa__rules_longest_period(const hpa_decide_rules *r, bool up)
{
	int32_t longest = 0;
	size_t i;
	if (!r->has_policies)
		return 15; /* both default lists use 15 s periods */
	for (i = 0; i < r->n_policies; i++)
		if (r->policies[i].period_seconds > longest)
			longest = r->policies[i].period_seconds;
	(void)up;
	return longest;
}

/* storeScaleEvent with the direction's longest period already known. */
static void store_event(hpa_history *h, int32_t prev, int32_t next, int32_t longest, int64_t now)
{
	hpa__evt *e;
	size_t *n, i, slot = 0;
	bool found = false;
	int64_t cutoff = hpa__add_sat(now, -(int64_t)longest * 1000);
	int64_t change = next > prev ? (int64_t)next - prev : (int64_t)prev - next;
	e = events(h, next > prev ? HPA_SCALE_UP : HPA_SCALE_DOWN, &n);
	for (i = 0; i < *n; i++) {
		if (e[i].ts < cutoff)
			e[i].outdated = true;
		if (e[i].outdated) {
			found = true;
			slot = i;
		}
	}
	if (found) {
		e[slot].change = hpa__i32_sat(change);
		e[slot].ts = now;
		e[slot].outdated = false;
	} else {
		evt_append(h, e, n, hpa__i32_sat(change), now, false);
	}
}

int hpa_history_store_scale_event(hpa_history *h, const hpa_decide_behavior *behavior,
	int32_t prev, int32_t next, int64_t now_ms, hpa_error *err)
{
	if (!h)
		return hpa__error(err, HPA_EINVAL, "hpa_history_store_scale_event: NULL history");
	if (!behavior)
		return HPA_OK;
	store_event(h, prev, next,
		next > prev ? hpa__rules_longest_period(&behavior->scale_up, true)
			    : hpa__rules_longest_period(&behavior->scale_down, false), now_ms);
	return HPA_OK;
}

int hpa_history_apply(hpa_history *h, const hpa_history_update *u, int64_t now_ms, hpa_error *err)
{
	if (!h || !u)
		return hpa__error(err, HPA_EINVAL, "hpa_history_apply: NULL argument");
	if (u->init_recommendations && !h->has_recs) {
		h->has_recs = true;
		h->n_recs = 0;
		sum_clear(h);
		rec_append(h, u->init_replicas, now_ms, false);
	}
	if (u->store_recommendation) {
		if (u->slot >= 0 && (size_t)u->slot < h->n_recs)
			rec_replace(h, (size_t)u->slot, u->recommendation, now_ms);
		else
			rec_append(h, u->recommendation, now_ms, false);
	}
	if (u->store_event)
		store_event(h, u->prev_replicas, u->new_replicas, u->longest_period_seconds, now_ms);
	return HPA_OK;
}

int hpa_history_record(hpa_history *h, const hpa_decision *d, int64_t now_ms, hpa_error *err)
{
	if (!h || !d)
		return hpa__error(err, HPA_EINVAL, "hpa_history_record: NULL argument");
	if (d->version != HPA_DECISION_VERSION)
		return hpa__error(err, HPA_EINVAL, "invalid version %u on hpa_decision", d->version);
	return hpa_history_apply(h, &d->update, now_ms, err);
}
