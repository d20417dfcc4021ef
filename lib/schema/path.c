/* lib/schema/path.c -- kubectl-style field paths over value trees.
 *
 * Grammar: path := [ "." ] step ( "." key | "[" index "]" | "[" quoted "]" )*
 * where the first step is a key or a bracket, key is any run of characters
 * other than '.' and '[', index is decimal digits and quoted is a "..." or
 * '...' string with \" \' and \\ escapes. The empty path is the node itself.
 */
#include "schema/path.h"
#include <hpa/codec.h>
#include "schema/path_int.h"
#include <stdio.h>

void hpa__path_iter_init(hpa__path_iter *it, const char *path)
{
	it->p = path ? path : "";
	it->first = true;
}

/* Next step; returns 1 with *st filled, 0 at the end, HPA_EINVAL when the
 * path is malformed. Quoted keys with escapes are unescaped into st->buf. */
int hpa__path_next(hpa__path_iter *it, hpa__path_step *st)
{
	const char *p = it->p;
	if (*p == '\0')
		return 0;
	if (*p == '.') {
		p++;
		if (*p == '\0' || *p == '.' || *p == '[')
			return HPA_EINVAL;
	} else if (*p != '[' && !it->first) {
		return HPA_EINVAL;
	}
	it->first = false;
	if (*p == '[') {
		p++;
		if (*p >= '0' && *p <= '9') {
			size_t n = 0;
			while (*p >= '0' && *p <= '9') {
				if (n > (SIZE_MAX - 9) / 10)
					return HPA_EINVAL;
				n = n * 10 + (size_t)(*p - '0');
				p++;
			}
			if (*p != ']')
				return HPA_EINVAL;
			st->is_index = true;
			st->index = n;
			st->key = NULL;
			st->klen = 0;
		} else if (*p == '"' || *p == '\'') {
			char q = *p++;
			const char *start = p;
			bool esc = false;
			while (*p && *p != q) {
				if (*p == '\\') {
					esc = true;
					p++;
					if (!*p)
						return HPA_EINVAL;
				}
				p++;
			}
			if (*p != q || p[1] != ']')
				return HPA_EINVAL;
			st->is_index = false;
			if (!esc) {
				st->key = start;
				st->klen = (size_t)(p - start);
			} else {
				size_t n = 0;
				const char *s;
				for (s = start; s < p; s++) {
					if (*s == '\\')
						s++;
					if (n + 1 >= sizeof(st->buf))
						return HPA_EINVAL;
					st->buf[n++] = *s;
				}
				st->buf[n] = '\0';
				st->key = st->buf;
				st->klen = n;
			}
			p++; /* closing quote; ']' below */
		} else {
			return HPA_EINVAL;
		}
		p++; /* ']' */
	} else {
		const char *start = p;
		while (*p && *p != '.' && *p != '[')
			p++;
		if (p == start)
			return HPA_EINVAL;
		st->is_index = false;
		st->key = start;
		st->klen = (size_t)(p - start);
	}
	it->p = p;
	return 1;
}

static hpa__value *step_get(const hpa__value *node, const hpa__path_step *st)
{
	if (!node)
		return NULL;
	if (st->is_index) {
		if (node->kind != HPA__V_SEQ || st->index >= hpa__v_count(node))
			return NULL;
		return hpa__seq_at(node, st->index);
	}
	if (node->kind != HPA__V_MAP)
		return NULL;
	return hpa__map_getn(node, st->key, st->klen);
}

hpa__value *hpa__path_get(const hpa__value *node, const char *path)
{
	hpa__path_iter it;
	hpa__path_step st;
	const hpa__value *cur = node;
	int r;
	hpa__path_iter_init(&it, path);
	while (cur && (r = hpa__path_next(&it, &st)) != 0) {
		if (r < 0)
			return NULL;
		cur = step_get(cur, &st);
	}
	return (hpa__value *)cur;
}

static int set_err(hpa_error *err, int code, const char *path, const char *msg)
{
	hpa__error(err, code, "%s", msg);
	hpa__error_set_path(err, path);
	return code;
}

/* Put x under step st of the new container c (st's key, or item 0). */
static int branch_put(hpa__arena *a, hpa__value *c, const hpa__path_step *st, hpa__value *x)
{
	hpa__value *k;
	if (st->is_index)
		return hpa__seq_append(c, x) < 0 ? HPA_ENOMEM : 0;
	k = hpa__v_scalar(a, HPA__V_STR, st->key, st->klen);
	if (!k || hpa__map_append(c, k, x) < 0)
		return HPA_ENOMEM;
	return 0;
}

/* Wrap v in the containers the steps of `rest` need, so the whole new
 * branch is built before anything is attached to the tree. Any number of
 * steps: the path is checked in a first pass (HPA_EINVAL before anything is
 * allocated; HPA_ELIMIT when the branch, below the `depth` steps already
 * taken, would reach HPA_MAX_DEPTH, which the writers, dup and equal
 * recurse to at most), then the branch is built from the top in a second
 * one, each container holding the next (nothing is kept per step). */
static int build_branch(hpa__arena *a, const char *rest, size_t depth, hpa__value *v, hpa__value **out)
{
	hpa__path_iter it;
	hpa__path_step st, prev;
	hpa__value *top = NULL, *parent = NULL;
	int r;
	hpa__path_iter_init(&it, rest);
	it.first = false;
	while ((r = hpa__path_next(&it, &st)) != 0) {
		if (r < 0 || (st.is_index && st.index != 0))
			return HPA_EINVAL;
		if (++depth >= HPA_MAX_DEPTH)
			return HPA_ELIMIT;
	}
	hpa__path_iter_init(&it, rest);
	it.first = false;
	while (hpa__path_next(&it, &st) > 0) {
		hpa__value *c = st.is_index ? hpa__v_seq(a) : hpa__v_map(a);
		if (!c)
			return HPA_ENOMEM;
		if (!parent)
			top = c;
		else if (branch_put(a, parent, &prev, c) < 0)
			return HPA_ENOMEM;
		parent = c;
		prev = st;
		if (st.key == st.buf)
			prev.key = prev.buf; /* re-point into the copy */
	}
	if (!parent)
		return HPA_EINVAL;
	if (branch_put(a, parent, &prev, v) < 0)
		return HPA_ENOMEM;
	*out = top;
	return 0;
}

static hpa__arena *node_arena(const hpa__value *n)
{
	return hpa__v_arena(n);
}

/* Put v at step st of container cur (replace or append). */
static int attach(hpa__value *cur, const hpa__path_step *st, hpa__value *v)
{
	if (st->is_index) {
		if (st->index < hpa__v_count(cur))
			return hpa__seq_set(cur, st->index, v) < 0 ? HPA_ENOMEM : 0;
		return hpa__seq_append(cur, v) < 0 ? HPA_ENOMEM : 0;
	} else {
		const hpa__pair *p = hpa__map_find_pair(cur, st->key, st->klen);
		hpa__value *k;
		if (p)
			return hpa__map_set_at(cur, (size_t)(p - hpa__map_pair(cur, 0)), v) < 0 ? HPA_ENOMEM : 0;
		k = hpa__v_scalar(hpa__v_arena(cur), HPA__V_STR, st->key, st->klen);
		if (!k || hpa__map_append(cur, k, v) < 0)
			return HPA_ENOMEM;
		return 0;
	}
}

int hpa__path_set(hpa__value *node, const char *path, hpa__value *v, hpa_error *err)
{
	hpa__path_iter it;
	hpa__path_step st;
	hpa__value *cur = node;
	size_t depth = 1; /* the steps taken, this one included */
	int r;

	if (!node || !v || !path)
		return set_err(err, HPA_EINVAL, path ? path : "", "invalid argument");
	hpa__path_iter_init(&it, path);
	r = hpa__path_next(&it, &st);
	if (r <= 0)
		return set_err(err, HPA_EINVAL, path, r == 0 ? "empty path" : "malformed path");
	for (;;) {
		hpa__value *child;
		const char *rest;
		if (st.is_index ? cur->kind != HPA__V_SEQ : cur->kind != HPA__V_MAP)
			return set_err(err, HPA_ETYPE, path, st.is_index ?
				"path step indexes a value that is not a list" :
				"path step crosses a value that is not a map");
		if (st.is_index && st.index > hpa__v_count(cur))
			return set_err(err, HPA_EINVAL, path, "list index out of range");
		child = step_get(cur, &st);
		rest = it.p;
		if (*rest == '\0') {
			if (attach(cur, &st, v) < 0)
				return set_err(err, HPA_ENOMEM, path, "out of memory");
			return 0;
		}
		if (!child || child->kind == HPA__V_NULL) {
			hpa__value *branch = NULL;
			/* validate the rest of the path before building */
			r = build_branch(node_arena(cur), rest, depth, v, &branch);
			if (r == HPA_EINVAL)
				return set_err(err, HPA_EINVAL, path,
					"malformed path or index past the end of a list");
			if (r == HPA_ELIMIT)
				return set_err(err, HPA_ELIMIT, path, "path deeper than HPA_MAX_DEPTH (10000) levels");
			if (r < 0 || attach(cur, &st, branch) < 0)
				return set_err(err, HPA_ENOMEM, path, "out of memory");
			return 0;
		}
		if (child->kind != HPA__V_MAP && child->kind != HPA__V_SEQ)
			return set_err(err, HPA_ETYPE, path, "path step crosses a scalar value");
		cur = child;
		depth++;
		r = hpa__path_next(&it, &st);
		if (r < 0)
			return set_err(err, HPA_EINVAL, path, "malformed path");
	}
}

bool hpa__path_clear(hpa__value *node, const char *path)
{
	hpa__path_iter it;
	hpa__path_step st;
	hpa__value *cur = node;
	int r;
	hpa__path_iter_init(&it, path);
	r = hpa__path_next(&it, &st);
	if (r <= 0)
		return false;
	for (;;) {
		if (!cur)
			return false;
		if (*it.p == '\0')
			break;
		cur = step_get(cur, &st);
		if (hpa__path_next(&it, &st) <= 0)
			return false;
	}
	if (st.is_index)
		return hpa__seq_remove_at(cur, st.index);
	if (cur->kind != HPA__V_MAP)
		return false;
	{
		const hpa__pair *p = hpa__map_find_pair(cur, st.key, st.klen);
		size_t i;
		if (!p)
			return false;
		i = (size_t)(p - hpa__map_pair(cur, 0));
		return hpa__map_remove_at(cur, i) == 0;
	}
}

static bool plain_key(const char *key, size_t klen)
{
	size_t i;
	if (klen == 0)
		return false;
	for (i = 0; i < klen; i++)
		if (key[i] == '.' || key[i] == '[' || key[i] == ']' || key[i] == '"' || key[i] == '\'')
			return false;
	return true;
}

int hpa__path_push_key(hpa__buf *path, const char *key, size_t klen)
{
	size_t i;
	if (plain_key(key, klen)) {
		if (path->len && hpa__buf_putc(path, '.') < 0)
			return HPA_ENOMEM;
		return hpa__buf_put(path, key, klen) < 0 ? HPA_ENOMEM : 0;
	}
	if (hpa__buf_put(path, "[\"", 2) < 0)
		return HPA_ENOMEM;
	for (i = 0; i < klen; i++) {
		if ((key[i] == '"' || key[i] == '\\') && hpa__buf_putc(path, '\\') < 0)
			return HPA_ENOMEM;
		if (hpa__buf_putc(path, key[i]) < 0)
			return HPA_ENOMEM;
	}
	return hpa__buf_put(path, "\"]", 2) < 0 ? HPA_ENOMEM : 0;
}

int hpa__path_push_index(hpa__buf *path, size_t index)
{
	return hpa__buf_printf(path, "[%zu]", index) < 0 ? HPA_ENOMEM : 0;
}
