/*
 * lib/decide/history.c -- the per-HPA controller state: recommendations and
 * scale events (upstream HorizontalController.recommendations,
 * scaleUpEvents, scaleDownEvents), bounded, plus the bookkeeping applied
 * after a decision.
 */
#include "decide_int.h"

#define DEFAULT_CAPACITY 128

int hpa_history_new(hpa_history **out, size_t capacity, hpa_error *err)
{
	hpa_history *h;
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
	/* whole chunks of four entries */
	h->recs = hpa__calloc((capacity + 3) / 4, sizeof(hpa__rec_chunk));
	h->up = hpa__calloc(capacity, sizeof(*h->up));
	h->down = hpa__calloc(capacity, sizeof(*h->down));
	if (!h->recs || !h->up || !h->down) {
		hpa_history_free(h);
		return hpa__enomem(err);
	}
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
	hpa__free(h);
}

void hpa_history_clear(hpa_history *h)
{
	if (!h)
		return;
	h->has_recs = false;
	h->n_recs = h->n_up = h->n_down = 0;
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
	if (!has)
		h->n_recs = 0;
}

size_t hpa_history_recommendation_count(const hpa_history *h)
{
	return h ? h->n_recs : 0;
}

/* ---- recommendation storage (chunks, see decide_int.h) ---------------------------------- */

static inline int64_t rec_ts(const hpa_history *h, size_t i)
{
	return hpa__rec_chunks(h)[i / 4].ts[i % 4];
}

static inline int32_t rec_r(const hpa_history *h, size_t i)
{
	return hpa__rec_chunks(h)[i / 4].r[i % 4];
}

/* ts - base as an int32 offset in [INT32_MIN + 1, INT32_MAX - 1] (so that
 * cut-offs clamped to the int32 range compare exactly); false when it is
 * not. */
static bool rec_offset(int64_t ts, int64_t base, int32_t *off)
{
	uint64_t d;
	if (ts >= base) {
		d = (uint64_t)ts - (uint64_t)base;
		if (d > (uint64_t)INT32_MAX - 1)
			return false;
		*off = (int32_t)d;
	} else {
		d = (uint64_t)base - (uint64_t)ts;
		if (d > (uint64_t)INT32_MAX)
			return false;
		*off = (int32_t)-(int64_t)d;
	}
	return true;
}

/* All offsets again from base @p base. */
static void rec_rebase(hpa_history *h, int64_t base)
{
	hpa__rec_chunk *c = hpa__rec_chunks(h);
	size_t i;
	bool ok = true;
	h->rec_base = base;
	for (i = 0; i < h->n_recs; i++)
		ok &= rec_offset(c[i / 4].ts[i % 4], base, &c[i / 4].off[i % 4]);
	h->off_ok = ok;
}

/* The newest timestamp again. */
static void rec_max_again(hpa_history *h)
{
	size_t i;
	int64_t m = INT64_MIN;
	for (i = 0; i < h->n_recs; i++)
		m = rec_ts(h, i) > m ? rec_ts(h, i) : m;
	h->rec_max_ts = m;
}

/* Write entry i (< n_recs); fresh: the entry is new (appended). */
static void rec_put(hpa_history *h, size_t i, int32_t replicas, int64_t ts, bool fresh)
{
	hpa__rec_chunk *c = &hpa__rec_chunks(h)[i / 4];
	int64_t old = c->ts[i % 4];
	c->r[i % 4] = replicas;
	c->ts[i % 4] = ts;
	if (h->n_recs == 1 || ts >= h->rec_max_ts)
		h->rec_max_ts = ts;
	else if (!fresh && old == h->rec_max_ts)
		rec_max_again(h); /* the newest one overwritten with an older time (only keeps the bound tight) */
	if (h->n_recs == 1 || !h->off_ok || !rec_offset(ts, h->rec_base, &c->off[i % 4]))
		rec_rebase(h, ts); /* the first entry, or out of range: based on the newest */
}

int hpa_history_recommendation_at(const hpa_history *h, size_t i, hpa_recommendation *out)
{
	if (!h || !out || i >= h->n_recs)
		return HPA_ENOTFOUND;
	out->replicas = rec_r(h, i);
	out->timestamp_ms = rec_ts(h, i);
	return HPA_OK;
}

/* Index of the entry with the smallest timestamp (first one on ties). */
static size_t oldest_rec(const hpa_history *h)
{
	size_t i, best = 0;
	for (i = 1; i < h->n_recs; i++)
		if (rec_ts(h, i) < rec_ts(h, best))
			best = i;
	return best;
}

static void rec_append(hpa_history *h, int32_t replicas, int64_t ts)
{
	h->has_recs = true;
	if (h->n_recs == h->cap && h->n_recs > 0) { /* cap >= 1: the test only tells the compiler */
		hpa__rec_chunk *c = hpa__rec_chunks(h);
		size_t o = oldest_rec(h), i;
		for (i = o; i + 1 < h->n_recs; i++) {
			c[i / 4].r[i % 4] = c[(i + 1) / 4].r[(i + 1) % 4];
			c[i / 4].ts[i % 4] = c[(i + 1) / 4].ts[(i + 1) % 4];
			c[i / 4].off[i % 4] = c[(i + 1) / 4].off[(i + 1) % 4];
		}
		h->n_recs--;
		h->evictions++;
		rec_max_again(h);
	}
	h->n_recs++;
	rec_put(h, h->n_recs - 1, replicas, ts, true);
}

/* The recommendation read API for the other files of the module. */
int64_t hpa__rec_ts(const hpa_history *h, size_t i)
{
	return rec_ts(h, i);
}

int32_t hpa__rec_replicas(const hpa_history *h, size_t i)
{
	return rec_r(h, i);
}

int hpa_history_add_recommendation(hpa_history *h, int32_t replicas, int64_t ts, hpa_error *err)
{
	if (!h)
		return hpa__error(err, HPA_EINVAL, "hpa_history_add_recommendation: NULL history");
	rec_append(h, replicas, ts);
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
	evt_append(h, e, n, change, ts, outdated);
	return HPA_OK;
}

int32_t hpa_history_replica_change(const hpa_history *h, int dir, int64_t period_ms, int64_t now_ms)
{
	size_t *n, i;
	hpa__evt *e;
	int64_t cutoff = hpa__add_sat(now_ms, -period_ms), sum = 0;
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
		rec_append(h, u->init_replicas, now_ms);
	}
	if (u->store_recommendation) {
		if (u->slot >= 0 && (size_t)u->slot < h->n_recs) {
			rec_put(h, (size_t)u->slot, u->recommendation, now_ms, false);
		} else {
			rec_append(h, u->recommendation, now_ms);
		}
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
