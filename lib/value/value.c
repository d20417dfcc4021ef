/* lib/value/value.c -- ordered, typed value tree with positions. */
#include "value/value.h"
#include <stdio.h>

static hpa__value *node(hpa__arena *a, int kind)
{
	hpa__value *v = hpa__arena_alloc(a, sizeof(*v));
	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->kind = (uint8_t)kind;
	v->offset = SIZE_MAX;
	return v;
}

hpa__value *hpa__v_scalar(hpa__arena *a, hpa__vkind kind, const char *text, size_t len)
{
	hpa__value *v = node(a, kind);
	char *s;
	if (!v)
		return NULL;
	s = hpa__arena_strndup(a, text ? text : "", text ? len : 0);
	if (!s)
		return NULL;
	v->u.s.ptr = s;
	v->u.s.len = text ? len : 0;
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
	hpa__value *v = node(a, HPA__V_MAP);
	if (v)
		v->u.map.arena = a;
	return v;
}

hpa__value *hpa__v_seq(hpa__arena *a)
{
	hpa__value *v = node(a, HPA__V_SEQ);
	if (v)
		v->u.seq.arena = a;
	return v;
}

void hpa__v_set_pos(hpa__value *v, size_t line, size_t column, size_t offset)
{
	v->line = line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	v->column = column > UINT32_MAX ? UINT32_MAX : (uint32_t)column;
	v->offset = offset;
}

hpa__value *hpa__v_copy(hpa__arena *a, const hpa__value *src)
{
	hpa__value *v;
	size_t i;
	if (!src)
		return NULL;
	switch (src->kind) {
	case HPA__V_MAP:
		v = hpa__v_map(a);
		if (!v)
			return NULL;
		if (src->u.map.len) {
			v->u.map.items = hpa__arena_alloc(a, src->u.map.len * sizeof(hpa__pair));
			if (!v->u.map.items)
				return NULL;
			for (i = 0; i < src->u.map.len; i++) {
				hpa__value *k = hpa__v_copy(a, src->u.map.items[i].key);
				hpa__value *x = hpa__v_copy(a, src->u.map.items[i].value);
				if (!k || !x)
					return NULL;
				v->u.map.items[i].key = k;
				v->u.map.items[i].value = x;
			}
			v->u.map.len = v->u.map.cap = src->u.map.len;
		}
		break;
	case HPA__V_SEQ:
		v = hpa__v_seq(a);
		if (!v)
			return NULL;
		if (src->u.seq.len) {
			v->u.seq.items = hpa__arena_alloc(a, src->u.seq.len * sizeof(hpa__value *));
			if (!v->u.seq.items)
				return NULL;
			for (i = 0; i < src->u.seq.len; i++) {
				v->u.seq.items[i] = hpa__v_copy(a, src->u.seq.items[i]);
				if (!v->u.seq.items[i])
					return NULL;
			}
			v->u.seq.len = v->u.seq.cap = src->u.seq.len;
		}
		break;
	default:
		v = hpa__v_scalar(a, (hpa__vkind)src->kind, src->u.s.ptr, src->u.s.len);
		if (!v)
			return NULL;
		break;
	}
	v->style = src->style;
	v->flags = src->flags;
	v->line = src->line;
	v->column = src->column;
	v->offset = src->offset;
	return v;
}

/* ---- maps ----------------------------------------------------------------- */

const hpa__pair *hpa__map_find_pair(const hpa__value *map, const char *key, size_t klen)
{
	size_t i;
	if (!map || map->kind != HPA__V_MAP)
		return NULL;
	for (i = 0; i < map->u.map.len; i++) {
		const hpa__value *k = map->u.map.items[i].key;
		if (k->u.s.len == klen && memcmp(k->u.s.ptr, key, klen) == 0)
			return &map->u.map.items[i];
	}
	return NULL;
}

hpa__value *hpa__map_getn(const hpa__value *map, const char *key, size_t klen)
{
	const hpa__pair *p = hpa__map_find_pair(map, key, klen);
	return p ? p->value : NULL;
}

hpa__value *hpa__map_get(const hpa__value *map, const char *key)
{
	return hpa__map_getn(map, key, strlen(key));
}

/* grow an arena-held array: the old block stays in the arena */
static int arena_grow(hpa__arena *a, void **items, size_t *cap, size_t need, size_t elem, size_t len)
{
	size_t ncap;
	void *p;
	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	if (ncap > SIZE_MAX / elem)
		return HPA_ENOMEM;
	p = hpa__arena_alloc(a, ncap * elem);
	if (!p)
		return HPA_ENOMEM;
	if (len)
		memcpy(p, *items, len * elem);
	*items = p;
	*cap = ncap;
	return 0;
}

int hpa__map_append(hpa__value *map, hpa__value *key, hpa__value *value)
{
	if (!map || map->kind != HPA__V_MAP || !key || !value)
		return HPA_EINVAL;
	if (arena_grow(map->u.map.arena, (void **)&map->u.map.items, &map->u.map.cap,
			map->u.map.len + 1, sizeof(hpa__pair), map->u.map.len) < 0)
		return HPA_ENOMEM;
	map->u.map.items[map->u.map.len].key = key;
	map->u.map.items[map->u.map.len].value = value;
	map->u.map.len++;
	return 0;
}

int hpa__map_set(hpa__value *map, const char *key, hpa__value *value)
{
	hpa__pair *p;
	hpa__value *k;
	if (!map || map->kind != HPA__V_MAP || !value)
		return HPA_EINVAL;
	p = (hpa__pair *)hpa__map_find_pair(map, key, strlen(key));
	if (p) {
		p->value = value;
		return 0;
	}
	k = hpa__v_str(map->u.map.arena, key);
	if (!k)
		return HPA_ENOMEM;
	return hpa__map_append(map, k, value);
}

bool hpa__map_remove(hpa__value *map, const char *key)
{
	const hpa__pair *p = hpa__map_find_pair(map, key, strlen(key));
	size_t i;
	if (!p)
		return false;
	i = (size_t)(p - map->u.map.items);
	memmove(&map->u.map.items[i], &map->u.map.items[i + 1],
		(map->u.map.len - i - 1) * sizeof(hpa__pair));
	map->u.map.len--;
	return true;
}

static hpa__value *ensure(hpa__value *map, const char *key, int kind)
{
	hpa__value *v = hpa__map_get(map, key);
	if (v)
		return v->kind == kind ? v : NULL;
	if (!map || map->kind != HPA__V_MAP)
		return NULL;
	v = kind == HPA__V_MAP ? hpa__v_map(map->u.map.arena) : hpa__v_seq(map->u.map.arena);
	if (!v || hpa__map_set(map, key, v) < 0)
		return NULL;
	return v;
}

hpa__value *hpa__map_ensure_map(hpa__value *map, const char *key) { return ensure(map, key, HPA__V_MAP); }
hpa__value *hpa__map_ensure_seq(hpa__value *map, const char *key) { return ensure(map, key, HPA__V_SEQ); }

/* ---- sequences --------------------------------------------------------------- */

int hpa__seq_insert(hpa__value *seq, size_t index, hpa__value *item)
{
	if (!seq || seq->kind != HPA__V_SEQ || !item || index > seq->u.seq.len)
		return HPA_EINVAL;
	if (arena_grow(seq->u.seq.arena, (void **)&seq->u.seq.items, &seq->u.seq.cap,
			seq->u.seq.len + 1, sizeof(hpa__value *), seq->u.seq.len) < 0)
		return HPA_ENOMEM;
	memmove(&seq->u.seq.items[index + 1], &seq->u.seq.items[index],
		(seq->u.seq.len - index) * sizeof(hpa__value *));
	seq->u.seq.items[index] = item;
	seq->u.seq.len++;
	return 0;
}

int hpa__seq_append(hpa__value *seq, hpa__value *item)
{
	if (!seq || seq->kind != HPA__V_SEQ)
		return HPA_EINVAL;
	return hpa__seq_insert(seq, seq->u.seq.len, item);
}

bool hpa__seq_remove_at(hpa__value *seq, size_t index)
{
	if (!seq || seq->kind != HPA__V_SEQ || index >= seq->u.seq.len)
		return false;
	memmove(&seq->u.seq.items[index], &seq->u.seq.items[index + 1],
		(seq->u.seq.len - index - 1) * sizeof(hpa__value *));
	seq->u.seq.len--;
	return true;
}

void hpa__seq_set(hpa__value *seq, size_t index, hpa__value *item)
{
	seq->u.seq.items[index] = item;
}

void hpa__pair_set_val(hpa__pair *p, hpa__value *value)
{
	p->value = value;
}

void hpa__map_remove_at(hpa__value *map, size_t i)
{
	memmove(&map->u.map.items[i], &map->u.map.items[i + 1],
		(map->u.map.len - i - 1) * sizeof(hpa__pair));
	map->u.map.len--;
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
	s = v->u.s.ptr;
	e = s + v->u.s.len;
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
	if (!v || v->kind != HPA__V_BOOL || v->u.s.len == 0)
		return false;
	c = v->u.s.ptr[0];
	if (c == 't' || c == 'T' || c == 'y' || c == 'Y')
		return true;
	if ((c == 'o' || c == 'O') && v->u.s.len == 2)
		return v->u.s.ptr[1] == 'n' || v->u.s.ptr[1] == 'N';
	return false;
}

bool hpa__v_text_eq(const hpa__value *v, const char *s)
{
	size_t n;
	if (!v || v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ)
		return false;
	n = strlen(s);
	return v->u.s.len == n && memcmp(v->u.s.ptr, s, n) == 0;
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
		if (a->u.map.len != b->u.map.len)
			return false;
		for (i = 0; i < a->u.map.len; i++) {
			const hpa__value *ka = a->u.map.items[i].key, *kb = b->u.map.items[i].key;
			if (ka->u.s.len != kb->u.s.len || memcmp(ka->u.s.ptr, kb->u.s.ptr, ka->u.s.len) != 0)
				return false;
			if (!hpa__v_equal(a->u.map.items[i].value, b->u.map.items[i].value))
				return false;
		}
		return true;
	case HPA__V_SEQ:
		if (a->u.seq.len != b->u.seq.len)
			return false;
		for (i = 0; i < a->u.seq.len; i++)
			if (!hpa__v_equal(a->u.seq.items[i], b->u.seq.items[i]))
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
	return a->u.s.len == b->u.s.len && memcmp(a->u.s.ptr, b->u.s.ptr, a->u.s.len) == 0;
}
