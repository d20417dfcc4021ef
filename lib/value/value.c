/* lib/value/value.c -- ordered, typed value tree with positions (layout in value.h). */
#include "value/value.h"
#include "value/text_int.h"
#include <stdio.h>

/* ---- interned texts -------------------------------------------------------------
 * Per arena: an open-addressing set of text pointers, at most half full. The
 * hash is computed once per text, a probe compares the length before the
 * bytes. A small set (up to INTERN_IN_ARENA slots) lives in the arena
 * itself: no allocation of its own per small manifest, which kept the heap
 * of many small loads from fragmenting (bindings.python.leaks); a bigger one
 * is hpa__malloc'd (a->intern_heap, freed by hpa__arena_dispose), so large
 * manifests do not leave their outgrown sets in the arena. */

#define INTERN_IN_ARENA 2048

/* A slot holds the text's address (below 2^47, as every stored reference)
 * with the top 16 bits of its hash above it: a probe compares those first
 * and reads the text only when they match, so the probes past other texts
 * (and every probe of a text not yet interned) touch the table alone, not
 * the texts scattered through the arena. */
#define TAG_SHIFT 48

struct hpa__intern {
	size_t cap, count;   /* cap a power of two */
	uint64_t slot[];     /* 0 = empty, else address | tag << TAG_SHIFT */
};

static uint64_t text_hash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)n;
	while (n >= 8) {
		h = (h ^ hpa__load64(s)) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
		s += 8;
		n -= 8;
	}
	if (n)
		h = (h ^ hpa__tail_word(s, n)) * 0xC4CEB9FE1A85EC53u;
	h ^= h >> 29;
	return h;
}

static const char *text_new(hpa__arena *a, const char *text, size_t n)
{
	uint32_t len = (uint32_t)n;
	char *p;
	if (n > UINT32_MAX - 8)
		return NULL;
	p = hpa__arena_alloc(a, sizeof(len) + n + 1);
	if (!p || !hpa__v_ref_fits(p))
		return NULL;   /* a node could not refer to it */
	memcpy(p, &len, sizeof(len));
	p += sizeof(len);
	if (n)
		memcpy(p, text, n);
	p[n] = '\0';
	return p;
}

static bool text_is(const char *t, const char *s, size_t n)
{
	uint32_t len;
	memcpy(&len, t - sizeof(len), sizeof(len));
	return len == n && hpa__bytes_eq(t, s, n);
}

static inline const char *slot_text(uint64_t e)
{
	return (const char *)(uintptr_t)(e & ((UINT64_C(1) << TAG_SHIFT) - 1));
}

static inline uint64_t slot_of(const char *s, uint64_t h)
{
	return (uint64_t)(uintptr_t)s | (h >> TAG_SHIFT) << TAG_SHIFT;
}

static int intern_grow(hpa__arena *a)
{
	hpa__intern *old = a->intern, *t;
	size_t cap = old ? old->cap * 2 : 256, i;
	if (cap > (SIZE_MAX - sizeof(*t)) / sizeof(t->slot[0]))
		return HPA_ENOMEM;
	if (cap <= INTERN_IN_ARENA)
		t = hpa__arena_calloc(a, sizeof(*t) + cap * sizeof(t->slot[0]));
	else
		t = hpa__calloc(1, sizeof(*t) + cap * sizeof(t->slot[0]));
	if (!t)
		return HPA_ENOMEM;
	t->cap = cap;
	if (old) {
		for (i = 0; i < old->cap; i++) {
			const char *s = slot_text(old->slot[i]);
			uint32_t len;
			uint64_t hh;
			size_t h;
			if (!s)
				continue;
			memcpy(&len, s - sizeof(len), sizeof(len));
			hh = text_hash(s, len);
			h = (size_t)hh & (cap - 1);
			while (t->slot[h])
				h = (h + 1) & (cap - 1);
			t->slot[h] = slot_of(s, hh);
		}
		t->count = old->count;
	}
	if (cap > INTERN_IN_ARENA) {
		hpa__free(a->intern_heap);   /* the old set, when it was on the heap */
		a->intern_heap = t;
	}
	a->intern = t;
	return 0;
}

const char *hpa__v_intern(hpa__arena *a, const char *text, size_t n)
{
	hpa__intern *t;
	uint64_t hh, tag, e;
	size_t h;
	const char *s;
	if (n > HPA__INTERN_MAX)
		return text_new(a, text, n);
	t = a->intern;
	if (!t || (t->count + 1) * 2 > t->cap) {
		if (intern_grow(a) < 0)
			return NULL;
		t = a->intern;
	}
	hh = text_hash(text, n);
	tag = (hh >> TAG_SHIFT) << TAG_SHIFT;
	h = (size_t)hh & (t->cap - 1);
	while ((e = t->slot[h]) != 0) {
		if ((e & ~((UINT64_C(1) << TAG_SHIFT) - 1)) == tag && text_is(slot_text(e), text, n))
			return slot_text(e);
		h = (h + 1) & (t->cap - 1);
	}
	s = text_new(a, text, n);
	if (!s)
		return NULL;
	t->slot[h] = slot_of(s, hh);
	t->count++;
	return s;
}

/* ---- blocks -------------------------------------------------------------------------- */

static void block_set_len(hpa__block *b, size_t n)
{
	if (b->h & HPA__BLOCK_WIDE) {
		uint32_t w = (uint32_t)n;
		memcpy((char *)b - sizeof(w), &w, sizeof(w));
	} else {
		b->h = (b->h & ~((uint32_t)HPA__BLOCK_SHORT << 3)) | ((uint32_t)n << 3);
	}
}

static size_t pow2_at_least(size_t n)
{
	size_t c = 4;
	while (c < n)
		c *= 2;
	return c;
}

static size_t block_cap(const hpa__block *b)
{
	size_t len = hpa__block_len(b);
	return (b->h & HPA__BLOCK_EXACT) ? len : pow2_at_least(len);
}

static hpa__arena *block_arena(const hpa__block *b)
{
	return hpa__arena_of(b, (b->h >> HPA__BLOCK_BACK_SHIFT) << 2);
}

/* a block with room for cap entries, len 0; exact: its capacity is the
 * len it will be given (else cap must be pow2_at_least of that len). Wide
 * when cap does not fit the header: its len is the word before it. */
static hpa__block *block_new(hpa__arena *a, size_t cap, size_t elem, bool exact)
{
	hpa__block *b;
	bool wide = cap > HPA__BLOCK_SHORT;
	size_t pre = wide ? sizeof(uint32_t) : 0;
	uint32_t back;
	char *p;
	if (cap > HPA__BLOCK_MAX || cap > (SIZE_MAX - sizeof(*b) - pre) / elem)
		return NULL;
	p = hpa__arena_alloc_back(a, pre + sizeof(*b) + cap * elem, &back);
	if (!p)
		return NULL;
	b = (hpa__block *)(void *)(p + pre);
	back += (uint32_t)pre;
	if (!hpa__v_ref_fits(b) || back >= HPA__ARENA_BLOCK_MAX)
		return NULL;   /* a node or the header could not refer to it */
	b->h = (back >> 2) << HPA__BLOCK_BACK_SHIFT | (wide ? HPA__BLOCK_WIDE : 0u) | (exact ? HPA__BLOCK_EXACT : 0u);
	if (wide)
		block_set_len(b, 0);
	return b;
}

/* ---- moved blocks: per arena, an open-addressing map from a retired
 * block to its successor (at most half full), hpa__malloc'd in a->links
 * and freed with the arena. Only nodes copied or taken before the move
 * look here. */

typedef struct {
	size_t cap, count;   /* cap a power of two */
	struct { const hpa__block *from; hpa__block *to; } e[];
} link_table;

static size_t link_hash(const hpa__block *b, size_t cap)
{
	return (size_t)((((uint64_t)(uintptr_t)b >> 2) * 0x9E3779B97F4A7C15u) >> 20) & (cap - 1);
}

static int link_add(hpa__arena *a, const hpa__block *from, hpa__block *to)
{
	link_table *t = a->links;
	size_t h;
	if (!t || (t->count + 1) * 2 > t->cap) {
		size_t cap = t ? t->cap * 2 : 16, i;
		link_table *nt;
		if (cap > (SIZE_MAX - sizeof(*nt)) / sizeof(nt->e[0]))
			return HPA_ENOMEM;
		nt = hpa__calloc(1, sizeof(*nt) + cap * sizeof(nt->e[0]));
		if (!nt)
			return HPA_ENOMEM;
		nt->cap = cap;
		for (i = 0; t && i < t->cap; i++) {
			if (!t->e[i].from)
				continue;
			h = link_hash(t->e[i].from, cap);
			while (nt->e[h].from)
				h = (h + 1) & (cap - 1);
			nt->e[h] = t->e[i];
		}
		nt->count = t ? t->count : 0;
		hpa__free(t);
		a->links = t = nt;
	}
	h = link_hash(from, t->cap);
	while (t->e[h].from)
		h = (h + 1) & (t->cap - 1);
	t->e[h].from = from;
	t->e[h].to = to;
	t->count++;
	return 0;
}

hpa__block *hpa__block_next_(const hpa__block *b)
{
	const link_table *t = block_arena(b)->links;
	size_t h = link_hash(b, t->cap);
	while (t->e[h].from != b)   /* a moved block always has its link */
		h = (h + 1) & (t->cap - 1);
	return t->e[h].to;
}

/* retire old in favour of nb (the node v gets the new block directly) */
static int block_move(hpa__value *v, hpa__block *old, hpa__block *nb)
{
	if (link_add(block_arena(old), old, nb) < 0)
		return HPA_ENOMEM;
	old->h |= HPA__BLOCK_MOVED;
	hpa__v_set_ref_(v, nb);
	return 0;
}

static size_t elem_size(const hpa__value *v)
{
	return v->kind == HPA__V_MAP ? sizeof(hpa__pair) : sizeof(hpa__value);
}

/* A copy of v's current block with room for cap entries (exact or not),
 * entries [0, skip) and [skip + drop, len) kept at [0, skip) and
 * [skip + gap, ...): drop entries are removed at skip, gap slots are
 * opened there. */
static hpa__block *block_rebuild(hpa__value *v, size_t skip, size_t drop, size_t gap, size_t cap, bool exact)
{
	hpa__block *b = hpa__v_block(v), *nb;
	size_t elem = elem_size(v), len = hpa__block_len(b);
	char *src = (char *)b + sizeof(*b), *dst;
	nb = block_new(block_arena(b), cap, elem, exact);
	if (!nb)
		return NULL;
	dst = (char *)nb + sizeof(*nb);
	if (skip)
		memcpy(dst, src, skip * elem);
	if (len > skip + drop)
		memcpy(dst + (skip + gap) * elem, src + (skip + drop) * elem, (len - skip - drop) * elem);
	block_set_len(nb, len - drop + gap);
	if (block_move(v, b, nb) < 0)
		return NULL;   /* nb stays in the arena, unused */
	return nb;
}

/* ---- construction ------------------------------------------------------------------- */

int hpa__v_init_scalar(hpa__arena *a, hpa__value *out, hpa__vkind kind, const char *text, size_t len)
{
	const char *s = hpa__v_intern(a, text ? text : "", text ? len : 0);
	if (!s)
		return HPA_ENOMEM;
	*out = hpa__v_make(s - sizeof(uint32_t), (unsigned int)kind, 0, 0, 0);
	return 0;
}

int hpa__v_init_map(hpa__arena *a, hpa__value *out, const hpa__pair *pairs, size_t n)
{
	hpa__block *b = block_new(a, n, sizeof(hpa__pair), true);
	if (!b)
		return HPA_ENOMEM;
	if (n)
		memcpy(hpa__block_pairs(b), pairs, n * sizeof(*pairs));
	block_set_len(b, n);
	*out = hpa__v_make(b, HPA__V_MAP, 0, 0, 0);
	return 0;
}

int hpa__v_init_seq(hpa__arena *a, hpa__value *out, const hpa__value *items, size_t n)
{
	hpa__block *b = block_new(a, n, sizeof(hpa__value), true);
	if (!b)
		return HPA_ENOMEM;
	if (n)
		memcpy(hpa__block_items(b), items, n * sizeof(*items));
	block_set_len(b, n);
	*out = hpa__v_make(b, HPA__V_SEQ, 0, 0, 0);
	return 0;
}

hpa__pair *hpa__v_init_map_slots(hpa__arena *a, hpa__value *out, size_t n)
{
	hpa__block *b = block_new(a, n, sizeof(hpa__pair), true);
	if (!b)
		return NULL;
	block_set_len(b, n);
	*out = hpa__v_make(b, HPA__V_MAP, 0, 0, 0);
	return hpa__block_pairs(b);
}

hpa__value *hpa__v_init_seq_slots(hpa__arena *a, hpa__value *out, size_t n)
{
	hpa__block *b = block_new(a, n, sizeof(hpa__value), true);
	if (!b)
		return NULL;
	block_set_len(b, n);
	*out = hpa__v_make(b, HPA__V_SEQ, 0, 0, 0);
	return hpa__block_items(b);
}

static hpa__value *node_alloc(hpa__arena *a)
{
	return hpa__arena_alloc(a, sizeof(hpa__value));
}

hpa__value *hpa__v_scalar(hpa__arena *a, hpa__vkind kind, const char *text, size_t len)
{
	hpa__value *v = node_alloc(a);
	if (!v || hpa__v_init_scalar(a, v, kind, text, len) < 0)
		return NULL;
	return v;
}

hpa__value *hpa__v_str(hpa__arena *a, const char *s)
{
	return hpa__v_scalar(a, HPA__V_STR, s, s ? strlen(s) : 0);
}

hpa__value *hpa__v_int(hpa__arena *a, int64_t i)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%lld", (long long)i);
	return hpa__v_scalar(a, HPA__V_INT, buf, (size_t)n);
}

hpa__value *hpa__v_bool(hpa__arena *a, bool b)
{
	return hpa__v_scalar(a, HPA__V_BOOL, b ? "true" : "false", b ? 4 : 5);
}

hpa__value *hpa__v_null(hpa__arena *a)
{
	return hpa__v_scalar(a, HPA__V_NULL, "null", 4);
}

hpa__value *hpa__v_map(hpa__arena *a)
{
	hpa__value *v = node_alloc(a);
	if (!v || hpa__v_init_map(a, v, NULL, 0) < 0)
		return NULL;
	return v;
}

hpa__value *hpa__v_seq(hpa__arena *a)
{
	hpa__value *v = node_alloc(a);
	if (!v || hpa__v_init_seq(a, v, NULL, 0) < 0)
		return NULL;
	return v;
}

int hpa__v_copy_to(hpa__arena *a, hpa__value *out, const hpa__value *src)
{
	size_t i, n;
	hpa__value tmp;
	tmp = *src;
	switch (src->kind) {
	case HPA__V_MAP: {
		const hpa__pair *sp = hpa__block_pairs(hpa__v_block(src));
		hpa__block *b;
		n = hpa__v_count(src);
		b = block_new(a, n, sizeof(hpa__pair), true);
		if (!b)
			return HPA_ENOMEM;
		for (i = 0; i < n; i++) {
			hpa__pair *dp = &hpa__block_pairs(b)[i];
			if (hpa__v_copy_to(a, &dp->key, &sp[i].key) < 0 ||
			    hpa__v_copy_to(a, &dp->value, &sp[i].value) < 0)
				return HPA_ENOMEM;
		}
		block_set_len(b, n);
		hpa__v_set_ref_(&tmp, b);
		break;
	}
	case HPA__V_SEQ: {
		const hpa__value *si = hpa__block_items(hpa__v_block(src));
		hpa__block *b;
		n = hpa__v_count(src);
		b = block_new(a, n, sizeof(hpa__value), true);
		if (!b)
			return HPA_ENOMEM;
		for (i = 0; i < n; i++)
			if (hpa__v_copy_to(a, &hpa__block_items(b)[i], &si[i]) < 0)
				return HPA_ENOMEM;
		block_set_len(b, n);
		hpa__v_set_ref_(&tmp, b);
		break;
	}
	default:
		{
			const char *s = hpa__v_intern(a, hpa__v_text(src), hpa__v_textlen(src));
			if (!s)
				return HPA_ENOMEM;
			hpa__v_set_ref_(&tmp, s - sizeof(uint32_t));
		}
		break;
	}
	*out = tmp;
	return 0;
}

hpa__value *hpa__v_copy(hpa__arena *a, const hpa__value *src)
{
	hpa__value *v;
	if (!src)
		return NULL;
	v = node_alloc(a);
	if (!v || hpa__v_copy_to(a, v, src) < 0)
		return NULL;
	return v;
}

/* ---- maps ----------------------------------------------------------------- */

const hpa__pair *hpa__map_find_pair(const hpa__value *map, const char *key, size_t klen)
{
	const hpa__block *b;
	const hpa__pair *p;
	size_t i;
	if (!map || map->kind != HPA__V_MAP)
		return NULL;
	b = hpa__v_block(map);
	p = hpa__block_pairs(b);
	for (i = 0; i < hpa__block_len(b); i++)
		if (text_is(hpa__v_text(&p[i].key), key, klen))
			return &p[i];
	return NULL;
}

hpa__value *hpa__map_getn(const hpa__value *map, const char *key, size_t klen)
{
	const hpa__pair *p = hpa__map_find_pair(map, key, klen);
	return p ? hpa__pair_val(p) : NULL;
}

hpa__value *hpa__map_get(const hpa__value *map, const char *key)
{
	return hpa__map_getn(map, key, strlen(key));
}

/* a free slot at the end of v's block (moving to a bigger block if full) */
static void *slot_at_end(hpa__value *v)
{
	hpa__block *b = hpa__v_block(v);
	size_t elem = elem_size(v), len = hpa__block_len(b);
	if (len == block_cap(b)) {
		b = block_rebuild(v, len, 0, 0, pow2_at_least(len + 1), false);
		if (!b)
			return NULL;
	}
	block_set_len(b, len + 1);
	return (char *)b + sizeof(*b) + len * elem;
}

int hpa__map_append(hpa__value *map, const hpa__value *key, const hpa__value *value)
{
	hpa__pair *p, tmp;
	if (!map || map->kind != HPA__V_MAP || !key || !value)
		return HPA_EINVAL;
	tmp.key = *key;        /* key/value may live in the block that moves */
	tmp.value = *value;
	p = slot_at_end(map);
	if (!p)
		return HPA_ENOMEM;
	*p = tmp;
	return 0;
}

static bool is_coll(const hpa__value *v)
{
	return v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ;
}

/* replace the entry at index: in place when old and new are scalars (texts
 * are immutable), else in a new block, so that a node pointer taken before
 * never changes what it stands for */
static int replace_at(hpa__value *c, size_t index, const hpa__value *nv)
{
	hpa__block *b = hpa__v_block(c);
	hpa__value *slot, tmp = *nv;
	slot = c->kind == HPA__V_MAP ? &hpa__block_pairs(b)[index].value : &hpa__block_items(b)[index];
	if (!is_coll(slot) && !is_coll(&tmp)) {
		*slot = tmp;
		return 0;
	}
	b = block_rebuild(c, hpa__block_len(b), 0, 0, hpa__block_len(b), true);
	if (!b)
		return HPA_ENOMEM;
	slot = c->kind == HPA__V_MAP ? &hpa__block_pairs(b)[index].value : &hpa__block_items(b)[index];
	*slot = tmp;
	return 0;
}

int hpa__map_set_at(hpa__value *map, size_t index, const hpa__value *value)
{
	if (!map || map->kind != HPA__V_MAP || !value || index >= hpa__v_count(map))
		return HPA_EINVAL;
	return replace_at(map, index, value);
}

int hpa__map_set(hpa__value *map, const char *key, const hpa__value *value)
{
	const hpa__pair *p;
	hpa__value k;
	if (!map || map->kind != HPA__V_MAP || !value)
		return HPA_EINVAL;
	p = hpa__map_find_pair(map, key, strlen(key));
	if (p)
		return replace_at(map, (size_t)(p - hpa__block_pairs(hpa__v_block(map))), value);
	if (hpa__v_init_scalar(hpa__v_arena(map), &k, HPA__V_STR, key, strlen(key)) < 0)
		return HPA_ENOMEM;
	return hpa__map_append(map, &k, value);
}

int hpa__map_remove_at(hpa__value *map, size_t index)
{
	hpa__block *b = hpa__v_block(map);
	return block_rebuild(map, index, 1, 0, hpa__block_len(b) - 1, true) ? 0 : HPA_ENOMEM;
}

bool hpa__map_remove(hpa__value *map, const char *key)
{
	const hpa__pair *p = hpa__map_find_pair(map, key, strlen(key));
	if (!p)
		return false;
	return hpa__map_remove_at(map, (size_t)(p - hpa__block_pairs(hpa__v_block(map)))) == 0;
}

static hpa__value *ensure(hpa__value *map, const char *key, int kind)
{
	hpa__value *v = hpa__map_get(map, key), nv;
	if (v)
		return (int)v->kind == kind ? v : NULL;
	if (!map || map->kind != HPA__V_MAP)
		return NULL;
	if ((kind == HPA__V_MAP ? hpa__v_init_map(hpa__v_arena(map), &nv, NULL, 0)
			: hpa__v_init_seq(hpa__v_arena(map), &nv, NULL, 0)) < 0 ||
	    hpa__map_set(map, key, &nv) < 0)
		return NULL;
	return hpa__map_get(map, key);
}

hpa__value *hpa__map_ensure_map(hpa__value *map, const char *key) { return ensure(map, key, HPA__V_MAP); }
hpa__value *hpa__map_ensure_seq(hpa__value *map, const char *key) { return ensure(map, key, HPA__V_SEQ); }

/* ---- sequences --------------------------------------------------------------- */

int hpa__seq_insert(hpa__value *seq, size_t index, const hpa__value *item)
{
	hpa__value tmp, *slot;
	hpa__block *b;
	if (!seq || seq->kind != HPA__V_SEQ || !item || index > hpa__v_count(seq))
		return HPA_EINVAL;
	tmp = *item;
	b = hpa__v_block(seq);
	if (index == hpa__block_len(b)) {
		slot = slot_at_end(seq);
		if (!slot)
			return HPA_ENOMEM;
	} else {
		/* items after index move: a new block */
		b = block_rebuild(seq, index, 0, 1, hpa__block_len(b) + 1, true);
		if (!b)
			return HPA_ENOMEM;
		slot = &hpa__block_items(b)[index];
	}
	*slot = tmp;
	return 0;
}

int hpa__seq_append(hpa__value *seq, const hpa__value *item)
{
	if (!seq || seq->kind != HPA__V_SEQ)
		return HPA_EINVAL;
	return hpa__seq_insert(seq, hpa__v_count(seq), item);
}

bool hpa__seq_remove_at(hpa__value *seq, size_t index)
{
	hpa__block *b;
	if (!seq || seq->kind != HPA__V_SEQ || index >= hpa__v_count(seq))
		return false;
	b = hpa__v_block(seq);
	return block_rebuild(seq, index, 1, 0, hpa__block_len(b) - 1, true) != NULL;
}

int hpa__seq_set(hpa__value *seq, size_t index, const hpa__value *item)
{
	if (!seq || seq->kind != HPA__V_SEQ || !item || index >= hpa__v_count(seq))
		return HPA_EINVAL;
	return replace_at(seq, index, item);
}
/* ---- scalars -------------------------------------------------------------------- */

static int digit_val(char c, int base)
{
	int d;
	if (c >= '0' && c <= '9')
		d = c - '0';
	else if (c >= 'a' && c <= 'f')
		d = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		d = c - 'A' + 10;
	else
		return -1;
	return d < base ? d : -1;
}

int hpa__v_int_range(const hpa__value *v, int64_t min, int64_t max, int64_t *out)
{
	const char *s, *e;
	bool neg = false;
	int base = 10, ndig = 0;
	uint64_t acc = 0, lim;

	if (!v || v->kind != HPA__V_INT)
		return HPA_ETYPE;
	s = hpa__v_text(v);
	e = s + hpa__v_textlen(v);
	if (s < e && (*s == '+' || *s == '-'))
		neg = *s++ == '-';
	if (e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	else if (e - s > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
		base = 8, s += 2;
	else if (e - s > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, s += 2;
	else if (e - s > 1 && s[0] == '0')
		base = 8, s += 1;
	lim = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
	for (; s < e; s++) {
		int d;
		if (*s == '_')
			continue;
		d = digit_val(*s, base);
		if (d < 0)
			return HPA_ETYPE;
		if (acc > (lim - (uint64_t)d) / (uint64_t)base)
			return HPA_ERANGE;
		acc = acc * (uint64_t)base + (uint64_t)d;
		ndig++;
	}
	if (ndig == 0 && base == 10)
		return HPA_ETYPE;
	{
		int64_t r = neg ? (acc == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)acc) : (int64_t)acc;
		if (r < min || r > max)
			return HPA_ERANGE;
		if (out)
			*out = r;
	}
	return 0;
}

bool hpa__v_bool_value(const hpa__value *v)
{
	char c;
	if (!v || v->kind != HPA__V_BOOL || hpa__v_textlen(v) == 0)
		return false;
	c = hpa__v_text(v)[0];
	if (c == 't' || c == 'T' || c == 'y' || c == 'Y')
		return true;
	if ((c == 'o' || c == 'O') && hpa__v_textlen(v) == 2)
		return hpa__v_text(v)[1] == 'n' || hpa__v_text(v)[1] == 'N';
	return false;
}

bool hpa__v_text_eq(const hpa__value *v, const char *s)
{
	size_t n;
	if (!v || v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ)
		return false;
	n = strlen(s);
	return hpa__v_textlen(v) == n && memcmp(hpa__v_text(v), s, n) == 0;
}

const char *hpa__vkind_name(int kind)
{
	switch (kind) {
	case HPA__V_NULL: return "null";
	case HPA__V_BOOL: return "boolean";
	case HPA__V_INT: return "integer";
	case HPA__V_FLOAT: return "number";
	case HPA__V_STR: return "string";
	case HPA__V_MAP: return "map";
	case HPA__V_SEQ: return "list";
	default: return "value";
	}
}

bool hpa__v_equal(const hpa__value *a, const hpa__value *b)
{
	size_t i;
	if (a == b)
		return true;
	if (!a || !b || a->kind != b->kind)
		return false;
	switch (a->kind) {
	case HPA__V_MAP:
		if (hpa__v_count(a) != hpa__v_count(b))
			return false;
		for (i = 0; i < hpa__v_count(a); i++) {
			const hpa__value *ka = hpa__map_key(a, i), *kb = hpa__map_key(b, i);
			if (hpa__v_textlen(ka) != hpa__v_textlen(kb) || memcmp(hpa__v_text(ka), hpa__v_text(kb), hpa__v_textlen(ka)) != 0)
				return false;
			if (!hpa__v_equal(hpa__map_val(a, i), hpa__map_val(b, i)))
				return false;
		}
		return true;
	case HPA__V_SEQ:
		if (hpa__v_count(a) != hpa__v_count(b))
			return false;
		for (i = 0; i < hpa__v_count(a); i++)
			if (!hpa__v_equal(hpa__seq_at(a, i), hpa__seq_at(b, i)))
				return false;
		return true;
	case HPA__V_INT: {
		int64_t x, y;
		if (hpa__v_int_range(a, INT64_MIN, INT64_MAX, &x) == 0 &&
		    hpa__v_int_range(b, INT64_MIN, INT64_MAX, &y) == 0)
			return x == y;
		break;
	}
	case HPA__V_BOOL:
		return hpa__v_bool_value(a) == hpa__v_bool_value(b);
	case HPA__V_NULL:
		return true;
	default:
		break;
	}
	return hpa__v_textlen(a) == hpa__v_textlen(b) && memcmp(hpa__v_text(a), hpa__v_text(b), hpa__v_textlen(a)) == 0;
}
