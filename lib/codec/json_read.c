/*
 * lib/codec/json_read.c -- JSON to value trees, through jansson.
 *
 * jansson decodes (json_loadb, JSON_DISABLE_EOF_CHECK in a loop for
 * concatenated values, JSON_REJECT_DUPLICATES unless duplicates are
 * allowed, JSON_ALLOW_NUL), then the jansson tree is copied into the
 * manifest's arena (exact-size arrays). A top-level array or object is
 * streamed (see "streaming" below): this file scans the punctuation between
 * its elements / members (and the elements of a top-level `items` array),
 * jansson parses one piece at a time, and each piece is converted and
 * released before the next is parsed, so jansson never holds the tree of
 * the whole input. Malformed input falls back to one json_loadb of the
 * whole value, which reports the error as before.
 *
 * Numbers keep their spelling. jansson turns numbers into long long or
 * double and forgets how they were written, so a light scan of the same
 * bytes collects every number token in text order; the copy walks the
 * jansson tree in insertion (= text) order and takes the tokens one by
 * one. With duplicate keys allowed and present, jansson keeps the last
 * value in the first key's place; a structural scan then reorders the
 * tokens the same way. So `1.0`, `1e3`, `0.50` and `-0` stay as written.
 *
 * The same scan checks max_depth with a position. jansson has no value
 * positions (akheron/jansson#272): other errors found after decoding carry
 * the path and the document index, with line 0.
 */
/* madvise(MADV_DONTNEED) is not POSIX (posix_madvise's DONTNEED is a no-op in glibc) */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE 1
#endif
#include "codec/codec_int.h"
#include "schema/check.h"
#include <jansson.h>
#include <stdio.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#define HPA__HAVE_MADVISE 1
#endif

/* One value or key of the text, in text order: where it starts (line and
 * column for the node's position) and, for a number, its spelling. */
typedef struct {
	const char *p;
	size_t len;
	uint32_t line, col;
} token;

typedef struct {
	const char *buf;
	size_t len;
	const hpa_parse_options *o;
	const char *source;
	hpa_error *err;
	hpa_manifest *m;
	hpa__arena *a;
	token *tok;
	size_t ntok, captok, next;
	/* line/column cursor for error positions */
	size_t pos_off, pos_line, pos_col;
	size_t document;
	/* a read-only file mapping: the pages behind the reader are handed
	 * back to the kernel as the stream advances (they fault in again from
	 * the file if an error report scans back) */
	bool mapped;
	size_t released;
} jreader;

typedef struct jpath {
	const struct jpath *up;
	const char *key;
	size_t klen;
	size_t index;
	bool is_key;
} jpath;

/* ---- positions and errors ------------------------------------------------------------------- */

/* 1-based line and column (characters) of byte offset off */
static void pos_at(jreader *r, size_t off, size_t *line, size_t *col)
{
	size_t i;
	if (off < r->pos_off) {
		r->pos_off = 0;
		r->pos_line = 1;
		r->pos_col = 1;
	}
	for (i = r->pos_off; i < off && i < r->len; i++) {
		unsigned char c = (unsigned char)r->buf[i];
		if (c == '\n') {
			r->pos_line++;
			r->pos_col = 1;
		} else if ((c & 0xC0) != 0x80) {
			r->pos_col++;
		}
	}
	r->pos_off = off;
	*line = r->pos_line;
	*col = r->pos_col;
}

/* The byte offset of 1-based line and column (characters), SIZE_MAX when
 * the text has no such place. */
static size_t offset_of_pos(const jreader *r, size_t line, size_t col)
{
	size_t i = 0, l = 1, c = 1;
	while (l < line && i < r->len) {
		const char *nl = memchr(r->buf + i, '\n', r->len - i);
		if (!nl)
			return SIZE_MAX;
		i = (size_t)(nl - r->buf) + 1;
		l++;
	}
	while (c < col && i < r->len && r->buf[i] != '\n') {
		i++;
		while (i < r->len && ((unsigned char)r->buf[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return l == line && c == col && i <= r->len ? i : SIZE_MAX;
}

/* The line/column cursor, to scan a stretch twice without counting from the start. */
typedef struct {
	size_t off, line, col;
} cursor;

static void cursor_save(const jreader *r, cursor *c)
{
	c->off = r->pos_off;
	c->line = r->pos_line;
	c->col = r->pos_col;
}

static void cursor_restore(jreader *r, const cursor *c)
{
	r->pos_off = c->off;
	r->pos_line = c->line;
	r->pos_col = c->col;
}

/* the node's position at byte offset off */
static void set_pos_at(jreader *r, hpa__value *v, size_t off)
{
	size_t line, col;
	pos_at(r, off, &line, &col);
	hpa__v_set_pos(v, line, col, SIZE_MAX);
}

/* A collection's place, taken before its elements are streamed (the cursor
 * only moves forward: asking afterwards would count from the start again,
 * and touch the pages of a mapped file already given back). */
typedef struct {
	size_t line, col;
} place;

static place place_at(jreader *r, size_t off)
{
	place p;
	pos_at(r, off, &p.line, &p.col);
	return p;
}

static int fail_off(jreader *r, int code, size_t off, const char *fmt, ...) HPA__PRINTF(4, 5);

static int fail_off(jreader *r, int code, size_t off, const char *fmt, ...)
{
	va_list ap;
	size_t line, col;
	va_start(ap, fmt);
	hpa__verror(r->err, code, fmt, ap);
	va_end(ap);
	pos_at(r, off, &line, &col);
	hpa__error_set_pos(r->err, line, col, off);
	hpa__error_set_source(r->err, r->source);
	hpa__error_set_document(r->err, r->document);
	return code;
}

static void format_path(const jpath *p, char *buf, size_t size)
{
	const jpath *chain[128];
	size_t n = 0, o = 0;
	buf[0] = '\0';
	for (; p && n < HPA__ARRAY_SIZE(chain); p = p->up)
		chain[n++] = p;
	while (n--) {
		char piece[128];
		int k;
		if (chain[n]->is_key)
			k = snprintf(piece, sizeof(piece), "%s%.*s", o ? "." : "",
				(int)(chain[n]->klen > 100 ? 100 : chain[n]->klen), chain[n]->key);
		else
			k = snprintf(piece, sizeof(piece), "[%zu]", chain[n]->index);
		if (k > 0 && o + (size_t)k < size) {
			memcpy(buf + o, piece, (size_t)k);
			o += (size_t)k;
			buf[o] = '\0';
		}
	}
}

/* The error at path p, and at token t's place (line, column, byte offset)
 * when t is not NULL. */
static int vfail(jreader *r, int code, const token *t, const jpath *p, const char *fmt, va_list ap)
{
	char path[HPA_ERROR_PATH_MAX];
	hpa__verror(r->err, code, fmt, ap);
	format_path(p, path, sizeof(path));
	hpa__error_set_path(r->err, path);
	if (t)
		hpa__error_set_pos(r->err, t->line, t->col, (size_t)(t->p - r->buf));
	hpa__error_set_source(r->err, r->source);
	hpa__error_set_document(r->err, r->document);
	return code;
}

static int fail_path(jreader *r, int code, const jpath *p, const char *fmt, ...) HPA__PRINTF(4, 5);

static int fail_path(jreader *r, int code, const jpath *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	code = vfail(r, code, NULL, p, fmt, ap);
	va_end(ap);
	return code;
}

static int fail_tok(jreader *r, int code, const token *t, const jpath *p, const char *fmt, ...) HPA__PRINTF(5, 6);

/* fail_path() at the token's place */
static int fail_tok(jreader *r, int code, const token *t, const jpath *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	code = vfail(r, code, t, p, fmt, ap);
	va_end(ap);
	return code;
}

static int nomem(jreader *r)
{
	hpa__enomem(r->err);
	hpa__error_set_source(r->err, r->source);
	return HPA_ENOMEM;
}

/* ---- token scans ------------------------------------------------------------------------------ */

static int add_token(jreader *r, const char *p, size_t len)
{
	size_t line, col;
	if (r->ntok == r->captok &&
	    hpa__grow((void **)&r->tok, &r->captok, r->ntok + 1, sizeof(*r->tok)) < 0)
		return HPA_ENOMEM;
	/* the scans run forward: the cursor only moves on */
	pos_at(r, (size_t)(p - r->buf), &line, &col);
	r->tok[r->ntok].p = p;
	r->tok[r->ntok].len = len;
	r->tok[r->ntok].line = line <= UINT32_MAX ? (uint32_t)line : 0;
	r->tok[r->ntok].col = col <= UINT32_MAX ? (uint32_t)col : 0;
	r->ntok++;
	return 0;
}

static size_t skip_string(const char *b, size_t i, size_t end)
{
	/* b[i] == '"': jump from quote to quote, then count the backslashes
	 * before the quote found (an odd number escapes it) */
	for (i++; i < end;) {
		const char *q = memchr(b + i, '"', end - i);
		size_t k, bs = 0;
		if (!q)
			return end;
		k = (size_t)(q - b);
		while (k - bs > i && b[k - bs - 1] == '\\')
			bs++;
		if (bs % 2 == 0)
			return k + 1;
		i = k + 1;
	}
	return end;
}

static bool num_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static size_t skip_ws(const char *b, size_t i, size_t end);
static size_t decode_key(const char *b, size_t i, size_t end, hpa__buf *out);

/* whether the string token b[i..e) is the key "items" (escapes decoded)
 * followed by a `[`: in a whole value's root object, the array whose
 * elements count from their own root (see flat_scan()) */
static bool items_array_key(const char *b, size_t i, size_t e, size_t end)
{
	hpa__buf key = HPA__BUF_INIT;
	bool is;
	size_t j;
	if (e - i > 64)   /* "items" escaped is at most 32 characters */
		return false;
	decode_key(b, i, e, &key);
	is = !hpa__buf_oom(&key) && key.len == 5 && memcmp(key.ptr, "items", 5) == 0;
	hpa__buf_dispose(&key);
	if (!is)
		return false;
	j = skip_ws(b, e, end);
	if (j >= end || b[j] != ':')
		return false;
	j = skip_ws(b, j + 1, end);
	return j < end && b[j] == '[';
}

/* the tokens of b[start..end) in text order (the value is valid JSON): every
 * value (strings, numbers with their spelling, literals, the opening bracket
 * of a collection) and every key; also the depth limit. The limit counts
 * from each document's root (1), and the elements of the `items` array of
 * a whole value's root object are documents (a List's objects: the writer
 * puts several documents there), so inside that array the depth is counted
 * two less: the array is 0, an element's root 1 (`whole`: b[start..end) is
 * a whole value, not a piece of one). stream_object() streams those
 * elements at depth 0 and agrees. */
static int flat_scan(jreader *r, size_t start, size_t end, size_t depth, bool whole)
{
	const char *b = r->buf;
	size_t i = start, discount = 0;
	bool items_next = false;
	while (i < end) {
		char c = b[i];
		if (c == '"') {
			size_t s = i;
			if (add_token(r, b + i, 0) < 0)
				return nomem(r);
			i = skip_string(b, i, end);
			if (whole && depth == 1 && !discount && items_array_key(b, s, i, end))
				items_next = true;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t s = i;
			while (i < end && num_char(b[i]))
				i++;
			if (add_token(r, b + s, i - s) < 0)
				return nomem(r);
		} else if (c == '{' || c == '[') {
			++depth;
			if (items_next && depth == 2 && c == '[')
				discount = 2;
			items_next = false;
			if (depth - discount > r->o->max_depth)
				return fail_off(r, HPA_ELIMIT, i, "nesting deeper than max_depth (%zu)", r->o->max_depth);
			if (add_token(r, b + i, 0) < 0)
				return nomem(r);
			i++;
		} else if (c >= 'a' && c <= 'z') { /* true, false, null */
			if (add_token(r, b + i, 0) < 0)
				return nomem(r);
			while (i < end && b[i] >= 'a' && b[i] <= 'z')
				i++;
		} else if (c == '\0') {
			/* not JSON (jansson stops a value there and may accept
			 * what follows as another): an error of its own */
			return fail_off(r, HPA_ESYNTAX, i, "NUL byte outside a string");
		} else {
			if (c == '}' || c == ']') {
				depth--;
				if (depth < 2)
					discount = 0;
			}
			i++;
		}
	}
	return 0;
}

/* decode a JSON string token (b[i] == '"') into out; returns the index after it */
static size_t decode_key(const char *b, size_t i, size_t end, hpa__buf *out)
{
	hpa__buf_clear(out);
	for (i++; i < end && b[i] != '"'; i++) {
		if (b[i] != '\\') {
			hpa__buf_putc(out, b[i]);
			continue;
		}
		i++;
		if (i >= end)
			break;
		switch (b[i]) {
		case 'b': hpa__buf_putc(out, '\b'); break;
		case 'f': hpa__buf_putc(out, '\f'); break;
		case 'n': hpa__buf_putc(out, '\n'); break;
		case 'r': hpa__buf_putc(out, '\r'); break;
		case 't': hpa__buf_putc(out, '\t'); break;
		case 'u': {
			uint32_t cp = 0;
			int k;
			for (k = 0; k < 4 && i + 1 < end; k++) {
				char h = b[++i];
				cp = cp * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
			}
			if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < end && b[i + 1] == '\\' && b[i + 2] == 'u') {
				uint32_t lo = 0;
				i += 2;
				for (k = 0; k < 4; k++) {
					char h = b[++i];
					lo = lo * 16 + (uint32_t)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
				}
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			if (cp < 0x80) {
				hpa__buf_putc(out, (char)cp);
			} else if (cp < 0x800) {
				hpa__buf_putc(out, (char)(0xC0 | (cp >> 6)));
				hpa__buf_putc(out, (char)(0x80 | (cp & 0x3F)));
			} else if (cp < 0x10000) {
				hpa__buf_putc(out, (char)(0xE0 | (cp >> 12)));
				hpa__buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
				hpa__buf_putc(out, (char)(0x80 | (cp & 0x3F)));
			} else {
				hpa__buf_putc(out, (char)(0xF0 | (cp >> 18)));
				hpa__buf_putc(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
				hpa__buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
				hpa__buf_putc(out, (char)(0x80 | (cp & 0x3F)));
			}
			break;
		}
		default: hpa__buf_putc(out, b[i]); break;
		}
	}
	return i + 1;
}

static size_t skip_ws(const char *b, size_t i, size_t end)
{
	while (i < end && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
		i++;
	return i;
}

typedef struct {
	char *key;
	size_t klen, t0, t1;
} member;

/* Structural scan with jansson's duplicate rule (last value, first place).
 * Returns the index after the value, or SIZE_MAX on allocation failure. */
static size_t dup_scan(jreader *r, size_t i, size_t end, unsigned int depth)
{
	const char *b = r->buf;
	i = skip_ws(b, i, end);
	if (i >= end)
		return i;
	if ((b[i] == '"' || b[i] == '[' || b[i] == '{' || (b[i] >= 'a' && b[i] <= 'z')) && add_token(r, b + i, 0) < 0)
		return SIZE_MAX;
	if (b[i] == '"')
		return skip_string(b, i, end);
	if (b[i] == '[') {
		i = skip_ws(b, i + 1, end);
		while (i < end && b[i] != ']') {
			i = dup_scan(r, i, end, depth + 1);
			if (i == SIZE_MAX)
				return i;
			i = skip_ws(b, i, end);
			if (i < end && b[i] == ',')
				i = skip_ws(b, i + 1, end);
		}
		return i + 1;
	}
	if (b[i] == '{') {
		member *mem = NULL;
		size_t nmem = 0, capmem = 0, k;
		hpa__buf key = HPA__BUF_INIT;
		size_t result;
		i = skip_ws(b, i + 1, end);
		while (i < end && b[i] != '}') {
			size_t tk, t0, t1, j;
			tk = r->ntok; /* the key's token */
			if (add_token(r, b + i, 0) < 0)
				goto oom;
			i = decode_key(b, i, end, &key);
			if (hpa__buf_oom(&key))
				goto oom;
			i = skip_ws(b, i, end);
			i++; /* ':' */
			t0 = r->ntok;
			i = dup_scan(r, i, end, depth + 1);
			if (i == SIZE_MAX)
				goto oom;
			t1 = r->ntok;
			for (j = 0; j < nmem; j++)
				if (mem[j].klen == key.len && memcmp(mem[j].key, key.ptr ? key.ptr : "", key.len) == 0)
					break;
			if (j < nmem) {
				/* move tokens [t0,t1) into member j's place */
				size_t js = mem[j].t0, je = mem[j].t1, nn = t1 - t0, old = je - js;
				token *blk = NULL;
				if (nn) {
					blk = hpa__malloc(nn * sizeof(*blk));
					if (!blk)
						goto oom;
					memcpy(blk, r->tok + t0, nn * sizeof(*blk));
				}
				r->ntok = tk; /* the key's token goes too: the first key stays */
				if (r->ntok > je)
					memmove(r->tok + js + nn, r->tok + je, (r->ntok - je) * sizeof(*r->tok));
				r->ntok = r->ntok - old + nn;
				if (nn)
					memcpy(r->tok + js, blk, nn * sizeof(*blk));
				hpa__free(blk);
				mem[j].t1 = js + nn;
				for (k = j + 1; k < nmem; k++) {
					mem[k].t0 = mem[k].t0 - old + nn;
					mem[k].t1 = mem[k].t1 - old + nn;
				}
			} else {
				if (hpa__grow((void **)&mem, &capmem, nmem + 1, sizeof(*mem)) < 0)
					goto oom;
				mem[nmem].key = hpa__malloc(key.len + 1);
				if (!mem[nmem].key)
					goto oom;
				if (key.len)
					memcpy(mem[nmem].key, key.ptr, key.len);
				mem[nmem].klen = key.len;
				mem[nmem].t0 = t0;
				mem[nmem].t1 = t1;
				nmem++;
			}
			i = skip_ws(b, i, end);
			if (i < end && b[i] == ',')
				i = skip_ws(b, i + 1, end);
		}
		result = i + 1;
		goto done;
oom:
		result = SIZE_MAX;
done:
		for (k = 0; k < nmem; k++)
			hpa__free(mem[k].key);
		hpa__free(mem);
		hpa__buf_dispose(&key);
		return result;
	}
	if (b[i] == '-' || (b[i] >= '0' && b[i] <= '9')) {
		size_t s = i;
		while (i < end && num_char(b[i]))
			i++;
		if (add_token(r, b + s, i - s) < 0)
			return SIZE_MAX;
		return i;
	}
	while (i < end && b[i] >= 'a' && b[i] <= 'z')
		i++;
	return i;
}

/* ---- conversion ------------------------------------------------------------------------------- */

/* *out becomes a scalar with interned text */
static int text_node(jreader *r, hpa__value *out, int kind, const char *s, size_t n)
{
	if (hpa__v_init_scalar(r->a, out, (hpa__vkind)kind, s, n) < 0)
		return nomem(r);
	return 0;
}

/* the next token, for the node conv() builds next (in text order) */
static const token *next_token(jreader *r)
{
	return r->next < r->ntok ? &r->tok[r->next++] : NULL;
}

static int conv_node(jreader *r, json_t *j, const jpath *path, hpa__value *out, const token *t);

static int conv(jreader *r, json_t *j, const jpath *path, hpa__value *out)
{
	const token *t = next_token(r);
	int rc;
	if (!t)
		return fail_path(r, HPA_ERROR, path, "internal error: tokens out of step");
	rc = conv_node(r, j, path, out, t);
	if (rc == 0)
		hpa__v_set_pos(out, t->line, t->col, SIZE_MAX);
	return rc;
}

static int conv_node(jreader *r, json_t *j, const jpath *path, hpa__value *out, const token *t)
{
	size_t i, n;
	int rc;

	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		void *it;
		hpa__pair *items;
		n = json_object_size(j);
		items = hpa__v_init_map_slots(r->a, out, n);
		if (!items)
			return nomem(r);
		for (i = 0, it = json_object_iter(j); it && i < n; i++, it = json_object_iter_next(j, it)) {
			const char *k = json_object_iter_key(it);
			size_t kl = json_object_iter_key_len(it);
			const token *kt = next_token(r);
			jpath sub;
			if (!kt)
				return fail_path(r, HPA_ERROR, path, "internal error: tokens out of step");
			if (kl > r->o->max_scalar_bytes)
				return fail_tok(r, HPA_ELIMIT, kt, path, "key of %zu bytes is longer than max_scalar_bytes (%zu)",
					kl, r->o->max_scalar_bytes);
			rc = text_node(r, &items[i].key, HPA__V_STR, k, kl);
			if (rc < 0)
				return rc;
			items[i].key.style = HPA__STYLE_DOUBLE;
			hpa__v_set_pos(&items[i].key, kt->line, kt->col, SIZE_MAX);
			sub.up = path;
			sub.key = k;
			sub.klen = kl;
			sub.index = 0;
			sub.is_key = true;
			rc = conv(r, json_object_iter_value(it), &sub, &items[i].value);
			if (rc < 0)
				return rc;
			/* done with this member: free jansson's copy now, not at the end */
			if (!json_is_null(json_object_iter_value(it)))
				json_object_iter_set_new(j, it, json_null());
		}
		if (i < n && hpa__v_init_map(r->a, out, items, i) < 0)   /* fewer members than counted */
			return nomem(r);
		return 0;
	}
	case JSON_ARRAY: {
		hpa__value *items;
		n = json_array_size(j);
		items = hpa__v_init_seq_slots(r->a, out, n);
		if (!items)
			return nomem(r);
		for (i = 0; i < n; i++) {
			jpath sub;
			sub.up = path;
			sub.key = NULL;
			sub.klen = 0;
			sub.index = i;
			sub.is_key = false;
			rc = conv(r, json_array_get(j, i), &sub, &items[i]);
			if (rc < 0)
				return rc;
			if (!json_is_null(json_array_get(j, i)))
				json_array_set_new(j, i, json_null());
		}
		return 0;
	}
	case JSON_STRING:
		n = json_string_length(j);
		if (n > r->o->max_scalar_bytes)
			return fail_tok(r, HPA_ELIMIT, t, path, "string of %zu bytes is longer than max_scalar_bytes (%zu)",
				n, r->o->max_scalar_bytes);
		rc = text_node(r, out, HPA__V_STR, json_string_value(j), n);
		out->style = HPA__STYLE_DOUBLE;
		return rc;
	case JSON_INTEGER:
	case JSON_REAL:
		{
			bool real = json_typeof(j) == JSON_REAL;
			if (!t->len)
				return fail_path(r, HPA_ERROR, path, "internal error: number tokens out of step");
			if (t->len > r->o->max_scalar_bytes)
				return fail_tok(r, HPA_ELIMIT, t, path, "number longer than max_scalar_bytes (%zu)",
					r->o->max_scalar_bytes);
			rc = text_node(r, out, real ? HPA__V_FLOAT : HPA__V_INT, t->p, t->len);
			out->style = HPA__STYLE_PLAIN;
			return rc;
		}
	case JSON_TRUE:
		return text_node(r, out, HPA__V_BOOL, "true", 4);
	case JSON_FALSE:
		return text_node(r, out, HPA__V_BOOL, "false", 5);
	default:
		return text_node(r, out, HPA__V_NULL, "null", 4);
	}
}

/* a document root: a stable node in the arena */
static hpa__value *root_node(jreader *r, const hpa__value *v)
{
	hpa__value *root = hpa__arena_alloc(r->a, sizeof(*root));
	if (root)
		*root = *v;
	return root;
}

/* the document starting at byte `at` begins; past max_documents the error
 * names that document (its index) at its start, as the YAML reader does */
static int next_document(jreader *r, size_t at)
{
	if (r->m->documents >= r->o->max_documents) {
		r->document = r->m->documents;
		return fail_off(r, HPA_ELIMIT, at, "more than max_documents (%zu) documents", r->o->max_documents);
	}
	r->document = r->m->documents++;
	return 0;
}

/* one top-level value: an object (maybe a List) or an array of objects */
static int add_value(jreader *r, json_t *j, size_t at)
{
	hpa__value v, *root;
	int rc;
	if (json_is_object(j)) {
		if ((rc = next_document(r, at)) < 0)
			return rc;
		rc = conv(r, j, NULL, &v);
		if (rc < 0)
			return rc;
		if (!(root = root_node(r, &v)))
			return nomem(r);
		return hpa__codec_add_document(r->m, root, r->document, r->o->flags, r->source, r->err);
	}
	if (json_is_array(j)) {
		size_t i, n = json_array_size(j);
		r->next++; /* the array's own token: its elements are the documents */
		for (i = 0; i < n; i++) {
			json_t *it = json_array_get(j, i);
			jpath p;
			/* the element's first token: where its document starts */
			size_t el = r->next < r->ntok ? (size_t)(r->tok[r->next].p - r->buf) : at;
			if ((rc = next_document(r, el)) < 0)
				return rc;
			p.up = NULL;
			p.key = NULL;
			p.klen = 0;
			p.index = i;
			p.is_key = false;
			if (!json_is_object(it)) {
				return fail_path(r, HPA_ETYPE, &p, "array item is a %s, expected an object",
					json_is_array(it) ? "list" : json_is_string(it) ? "string" :
					json_is_number(it) ? "number" : json_is_boolean(it) ? "boolean" : "null");
			}
			rc = conv(r, it, &p, &v);
			if (rc < 0)
				return rc;
			json_array_set_new(j, i, json_null());
			if (!(root = root_node(r, &v)))
				return nomem(r);
			rc = hpa__codec_add_document(r->m, root, r->document, r->o->flags, r->source, r->err);
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	return fail_off(r, HPA_ETYPE, at, "a JSON manifest is an object or an array of objects");
}

/* the offset of the opening quote of the key string ending just before `end` */
static size_t key_start(const char *b, size_t end)
{
	size_t i = end;
	while (i > 0 && b[i - 1] != '"')
		i--;
	if (i == 0)
		return 0;
	i--; /* closing quote */
	while (i > 0) {
		size_t bs = 0, k;
		i--;
		if (b[i] != '"')
			continue;
		for (k = i; k > 0 && b[k - 1] == '\\'; k--)
			bs++;
		if (bs % 2 == 0)
			return i;
	}
	return 0;
}

/* kubectl path of the member whose key starts at `target` (for duplicate errors) */
static void path_at(jreader *r, size_t start, size_t target, char *out, size_t size)
{
	struct { bool obj; size_t ks, kl, index; } st[64];
	size_t depth = 0, i = start, o = 0, d;
	const char *b = r->buf;
	out[0] = '\0';
	while (i < target && i < r->len) {
		char c = b[i];
		if (c == '"') {
			size_t e = skip_string(b, i, r->len);
			if (depth && depth <= 64 && st[depth - 1].obj) {
				size_t n = skip_ws(b, e, r->len);
				if (n < r->len && b[n] == ':') {
					st[depth - 1].ks = i + 1;
					st[depth - 1].kl = e - i - 2;
				}
			}
			if (i == target)
				break;
			i = e;
			continue;
		}
		if (c == '{' || c == '[') {
			if (depth < 64) {
				st[depth].obj = c == '{';
				st[depth].kl = 0;
				st[depth].ks = 0;
				st[depth].index = 0;
			}
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth)
				depth--;
		} else if (c == ',' && depth && depth <= 64 && !st[depth - 1].obj) {
			st[depth - 1].index++;
		}
		i++;
	}
	/* the innermost object holds the duplicate key itself: stop above it */
	for (d = 0; d + 1 < depth && d < 64; d++) {
		char piece[128];
		int k;
		if (st[d].obj)
			k = snprintf(piece, sizeof(piece), "%s%.*s", o ? "." : "",
				(int)(st[d].kl > 100 ? 100 : st[d].kl), b + st[d].ks);
		else
			k = snprintf(piece, sizeof(piece), "[%zu]", st[d].index);
		if (k > 0 && o + (size_t)k < size) {
			memcpy(out + o, piece, (size_t)k);
			o += (size_t)k;
			out[o] = '\0';
		}
	}
	{
		size_t e = skip_string(b, target, r->len);
		int k = snprintf(out + o, size - o, "%s%.*s", o ? "." : "",
			(int)(e - target >= 2 ? (e - target - 2 > 100 ? 100 : e - target - 2) : 0), b + target + 1);
		(void)k;
	}
}

static int jansson_error(jreader *r, const json_error_t *je, size_t start)
{
	enum json_error_code jc = json_error_code(je);
	size_t off = start + (je->position > 0 ? (size_t)je->position : 0);
	int code = HPA_ESYNTAX;
	if (jc == json_error_out_of_memory)
		return nomem(r);
	if (jc == json_error_numeric_overflow)
		code = HPA_ERANGE;
	if (jc == json_error_duplicate_key) {
		char path[HPA_ERROR_PATH_MAX];
		size_t ks = key_start(r->buf, off > r->len ? r->len : off);
		code = HPA_EDUPLICATE;
		path_at(r, start, ks, path, sizeof(path));
		fail_off(r, code, ks, "duplicate key (%s)", je->text);
		hpa__error_set_path(r->err, path);
		return code;
	}
	if (jc == json_error_stack_overflow)
		code = HPA_ELIMIT;
	if (off > r->len)
		off = r->len;
	/* jansson's position is just past the offending token; its line and
	 * column are relative to where this value started */
	{
		size_t line, col, bl, bc;
		pos_at(r, start, &bl, &bc);
		line = je->line > 0 ? bl + (size_t)je->line - 1 : bl;
		col = je->line == 1 ? bc + (je->column > 0 ? (size_t)je->column - 1 : 0) :
			(je->column > 0 ? (size_t)je->column : 1);
		hpa__error(r->err, code, "%s", je->text);
		hpa__error_set_pos(r->err, line, col, off);
		hpa__error_set_source(r->err, r->source);
		hpa__error_set_document(r->err, r->m->documents);
	}
	return code;
}

/* ---- streaming ----------------------------------------------------------------------------------
 *
 * A top-level array, and the members of a top-level object (the `items` array of a List element
 * by element), are read piece by piece: the punctuation between the pieces ([ , ] { "key": })
 * is scanned here, jansson parses each piece (json_loadb with JSON_DISABLE_EOF_CHECK |
 * JSON_DECODE_ANY), the piece is converted and released before the next one is parsed. So
 * jansson never holds more than one element of the input.
 *
 * This path only handles well-formed input within the limits. On anything else (a jansson
 * error, unexpected punctuation, a limit, a duplicate key, an array item that is not an
 * object) it returns STREAM_FALLBACK and run() reads the whole value again the old way
 * (one json_loadb of the whole value, then conversion), which reports exactly the error it
 * always reported, with the same position, path and document index. Documents are added to
 * the manifest only after the whole value was read, so the fallback starts from a clean
 * state (the nodes already built stay in the arena until the manifest is freed). */

#define STREAM_FALLBACK 1

/* parse the piece at b[i] with jansson, scan its number tokens (and the depth limit, starting
 * at `depth`); 0, STREAM_FALLBACK or HPA_ENOMEM */
static int load_piece(jreader *r, size_t i, size_t depth, json_t **out, size_t *used)
{
	json_error_t je;
	size_t flags = JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_ALLOW_NUL;
	bool dups = false;
	json_t *j;
	cursor cur;
	int rc;

	j = json_loadb(r->buf + i, r->len - i, flags | JSON_REJECT_DUPLICATES, &je);
	if (!j && (r->o->flags & HPA_PARSE_ALLOW_DUPLICATES) &&
	    json_error_code(&je) == json_error_duplicate_key) {
		dups = true;
		j = json_loadb(r->buf + i, r->len - i, flags, &je);
	}
	if (!j)
		return json_error_code(&je) == json_error_out_of_memory ? nomem(r) : STREAM_FALLBACK;
	*used = je.position > 0 ? (size_t)je.position : r->len - i;
	r->ntok = r->next = 0;
	cursor_save(r, &cur);
	rc = flat_scan(r, i, i + *used, depth, false);
	if (rc == 0 && dups) {
		r->ntok = 0;
		cursor_restore(r, &cur); /* the second scan starts again where the first did */
		if (dup_scan(r, i, i + *used, 0) == SIZE_MAX)
			rc = nomem(r);
	}
	if (rc < 0) {
		json_decref(j);
		return rc == HPA_ENOMEM ? rc : STREAM_FALLBACK;
	}
	*out = j;
	return 0;
}

/* load and convert the piece at b[i] */
static int stream_piece(jreader *r, size_t i, size_t depth, hpa__value *out, size_t *used)
{
	json_t *j;
	int rc = load_piece(r, i, depth, &j, used);
	if (rc != 0)
		return rc;
	rc = conv(r, j, NULL, out);
	json_decref(j);
	if (rc < 0)
		return rc == HPA_ENOMEM ? rc : STREAM_FALLBACK;
	return 0;
}

/* after a piece: `,` (then *more) or the closing bracket; else STREAM_FALLBACK */
static int stream_sep(jreader *r, size_t *i, char close, bool *more)
{
	size_t k = skip_ws(r->buf, *i, r->len);
	if (k < r->len && r->buf[k] == ',') {
		k = skip_ws(r->buf, k + 1, r->len);
		/* jansson rejects `[1,]`: let it say so */
		if (k >= r->len || r->buf[k] == close)
			return STREAM_FALLBACK;
		*more = true;
	} else if (k < r->len && r->buf[k] == close) {
		k++;
		*more = false;
	} else {
		return STREAM_FALLBACK;
	}
	*i = k;
	return 0;
}

static int push_value(hpa__value **items, size_t *n, size_t *cap, const hpa__value *v)
{
	if (*n == *cap && hpa__grow((void **)items, cap, *n + 1, sizeof(**items)) < 0)
		return HPA_ENOMEM;
	(*items)[(*n)++] = *v;
	return 0;
}

/* the array at b[i] (at nesting level `depth`, 1 = top) as a seq node, element by element */
/* Done with buf[0, upto): give those pages of a file mapping back (the
 * peak RSS of a streamed file stays about the size of the manifest) */
static void release_behind(jreader *r, size_t upto)
{
#ifdef HPA__HAVE_MADVISE
	static size_t page;
	size_t end;
	if (!r->mapped)
		return;
	if (!page) {
		long p = sysconf(_SC_PAGESIZE);
		page = p > 0 ? (size_t)p : 4096;
	}
	end = upto / page * page;
	if (end >= r->released + 16 * page) {
		(void)madvise((void *)(uintptr_t)(r->buf + r->released), end - r->released, MADV_DONTNEED);
		r->released = end;
	}
#else
	(void)r;
	(void)upto;
#endif
}

/* The elements of the array whose `[` is at *k, each streamed and appended
 * to items; *k ends after the `]`. With `documents`, every element must
 * be an object and starts a document (else STREAM_FALLBACK). */
static int stream_items(jreader *r, size_t *k, size_t depth, bool documents,
	hpa__value **items, size_t *n, size_t *cap)
{
	hpa__value v;
	size_t used;
	bool more = true;
	int rc;
	*k = skip_ws(r->buf, *k + 1, r->len);
	if (*k < r->len && r->buf[*k] == ']') {
		(*k)++;
		more = false;
	}
	while (more) {
		if (documents && (*k >= r->len || r->buf[*k] != '{' || next_document(r, *k) < 0))
			return STREAM_FALLBACK;
		rc = stream_piece(r, *k, depth, &v, &used);
		if (rc == 0)
			rc = push_value(items, n, cap, &v) < 0 ? nomem(r) : 0;
		if (rc != 0)
			return rc;
		*k += used;
		release_behind(r, *k);
		rc = stream_sep(r, k, ']', &more);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int stream_seq(jreader *r, size_t *i, size_t depth, hpa__value *out)
{
	hpa__value *items = NULL;
	size_t n = 0, cap = 0, k = *i;
	place at;
	int rc;

	if (depth > r->o->max_depth)
		return STREAM_FALLBACK;
	at = place_at(r, k);
	rc = stream_items(r, &k, depth, false, &items, &n, &cap);
	if (rc == 0) {
		if (hpa__v_init_seq(r->a, out, items, n) < 0) {
			rc = nomem(r);
		} else {
			hpa__v_set_pos(out, at.line, at.col, SIZE_MAX);
			*i = k;
		}
	}
	hpa__free(items);
	return rc;
}

/* a top-level array of objects: one document per element */
static int stream_array(jreader *r, size_t *i)
{
	size_t doc_base = r->m->documents, k = *i, d;
	hpa__value *roots = NULL;
	size_t n = 0, cap = 0;
	int rc;

	if (r->o->max_depth < 1)
		return STREAM_FALLBACK;
	rc = stream_items(r, &k, 1, true, &roots, &n, &cap);
	for (d = 0; rc == 0 && d < n; d++) {
		hpa__value *root = root_node(r, &roots[d]);
		r->document = doc_base + d;
		rc = root ? hpa__codec_add_document(r->m, root, doc_base + d, r->o->flags, r->source, r->err)
			: nomem(r);
	}
	if (rc == 0)
		*i = k;
	else if (rc == STREAM_FALLBACK)
		r->m->documents = doc_base;
	hpa__free(roots);
	return rc;
}

/* a top-level object member by member; an `items` array is streamed element by element */
static int stream_object(jreader *r, size_t *i)
{
	size_t doc_base = r->m->documents, k = *i, used, n = 0, cap = 0, x;
	hpa__pair *mem = NULL;
	hpa__value v, kv, *root = NULL;
	place at;
	bool more = true;
	int rc = 0;

	if (r->o->max_depth < 1 || next_document(r, k) < 0) {
		r->m->documents = doc_base;
		return STREAM_FALLBACK;
	}
	at = place_at(r, k);
	k = skip_ws(r->buf, k + 1, r->len);
	if (k < r->len && r->buf[k] == '}') {
		k++;
		more = false;
	}
	while (more) {
		json_error_t je;
		json_t *js;
		size_t kl;
		bool key_ok;

		if (k >= r->len || r->buf[k] != '"') {
			rc = STREAM_FALLBACK;
			break;
		}
		js = json_loadb(r->buf + k, r->len - k,
			JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY | JSON_ALLOW_NUL, &je);
		if (!js) {
			rc = json_error_code(&je) == json_error_out_of_memory ? nomem(r) : STREAM_FALLBACK;
			break;
		}
		kl = json_string_length(js);
		/* (a NUL in a key: jansson refuses it in any object, the
		 * whole-value read says so with its position) */
		key_ok = kl <= r->o->max_scalar_bytes && !memchr(json_string_value(js), '\0', kl);
		rc = key_ok ? text_node(r, &kv, HPA__V_STR, json_string_value(js), kl) : STREAM_FALLBACK;
		json_decref(js);
		if (rc != 0)
			break;
		kv.style = HPA__STYLE_DOUBLE;
		set_pos_at(r, &kv, k);
		k = skip_ws(r->buf, k + (size_t)je.position, r->len);
		if (k >= r->len || r->buf[k] != ':') {
			rc = STREAM_FALLBACK;
			break;
		}
		k = skip_ws(r->buf, k + 1, r->len);
		if (kl == 5 && memcmp(hpa__v_text(&kv), "items", 5) == 0 && k < r->len && r->buf[k] == '[') {
			/* its elements are documents: their roots are depth 1 (flat_scan()) */
			rc = stream_seq(r, &k, 0, &v);
		} else {
			rc = stream_piece(r, k, 1, &v, &used);
			k += used;
		}
		if (rc != 0)
			break;
		for (x = 0; x < n; x++)
			if (hpa__v_textlen(&mem[x].key) == kl && memcmp(hpa__v_text(&mem[x].key), hpa__v_text(&kv), kl) == 0)
				break;
		if (x < n) {
			/* jansson's rule: the last value in the first key's place */
			if (!(r->o->flags & HPA_PARSE_ALLOW_DUPLICATES)) {
				rc = STREAM_FALLBACK;
				break;
			}
			mem[x].value = v;
		} else {
			if (n == cap && hpa__grow((void **)&mem, &cap, n + 1, sizeof(*mem)) < 0) {
				rc = nomem(r);
				break;
			}
			mem[n].key = kv;
			mem[n].value = v;
			n++;
		}
		rc = stream_sep(r, &k, '}', &more);
		if (rc != 0)
			break;
	}
	if (rc == 0 && hpa__v_init_map(r->a, &v, mem, n) < 0)
		rc = nomem(r);
	if (rc == 0) {
		hpa__v_set_pos(&v, at.line, at.col, SIZE_MAX);
		if (!(root = root_node(r, &v)))
			rc = nomem(r);
	}
	hpa__free(mem);
	if (rc == 0) {
		r->document = doc_base;
		rc = hpa__codec_add_document(r->m, root, doc_base, r->o->flags, r->source, r->err);
		if (rc == 0)
			*i = k;
	} else if (rc == STREAM_FALLBACK) {
		r->m->documents = doc_base;
	}
	return rc;
}

static int run(jreader *r)
{
	size_t i = 0;
	bool allow_dup = (r->o->flags & HPA_PARSE_ALLOW_DUPLICATES) != 0;
	if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		json_error_t je;
		json_t *j;
		size_t used;
		int rc;
		bool dups = false;

		i = skip_ws(r->buf, i, r->len);
		if (i >= r->len)
			return 0;
		if (r->buf[i] == '[' || r->buf[i] == '{') {
			rc = r->buf[i] == '[' ? stream_array(r, &i) : stream_object(r, &i);
			if (rc < 0)
				return rc;
			if (rc == 0)
				continue;
			/* STREAM_FALLBACK: read the whole value again, for the error */
			hpa__error_clear(r->err);
		}
		j = json_loadb(r->buf + i, r->len - i,
			JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &je);
		if (!j && allow_dup && json_error_code(&je) == json_error_duplicate_key) {
			dups = true;
			j = json_loadb(r->buf + i, r->len - i, JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
		}
		if (!j)
			return jansson_error(r, &je, i);
		used = je.position > 0 ? (size_t)je.position : r->len - i;
		r->ntok = r->next = 0;
		if (dups) {
			cursor cur;
			cursor_save(r, &cur);
			rc = flat_scan(r, i, i + used, 0, true);  /* the depth limit */
			r->ntok = 0;
			cursor_restore(r, &cur);
			if (rc == 0 && dup_scan(r, i, i + used, 0) == SIZE_MAX)
				rc = nomem(r);
		} else {
			rc = flat_scan(r, i, i + used, 0, true);
		}
		if (rc == 0)
			rc = add_value(r, j, i);
		json_decref(j);
		if (rc < 0)
			return rc;
		i += used;
	}
}

static int json_read(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *o, const char *source, bool mapped, hpa_error *err)
{
	jreader r;
	int rc;

	memset(&r, 0, sizeof(r));
	*out = NULL;
	r.mapped = mapped;
	r.buf = buf;
	r.len = len;
	r.o = o;
	r.source = source;
	r.err = err;
	r.pos_line = r.pos_col = 1;
	rc = hpa__manifest_create(&r.m, err);
	if (rc < 0)
		return rc;
	r.a = &r.m->arena;
	r.m->source = hpa__arena_strndup(r.a, source, strlen(source));
	if (!r.m->source)
		rc = nomem(&r);
	/* the schema check's field lookups during this load */
	if (rc == 0 && !(r.m->check_cache = hpa__calloc(1, sizeof(hpa__check_cache))))
		rc = nomem(&r);
	if (rc == 0)
		rc = run(&r);
	hpa__free(r.m->check_cache);
	r.m->check_cache = NULL;
	hpa__free(r.tok);
	if (rc < 0) {
		/* an error found on the tree (a type or range error) has the node's
		 * line and column: its byte offset too */
		if (err && err->line && err->column && err->offset == SIZE_MAX)
			err->offset = offset_of_pos(&r, err->line, err->column);
		hpa_manifest_free(r.m);
		return rc;
	}
	*out = r.m;
	return 0;
}

int hpa__json_read(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err)
{
	return json_read(out, buf, len, o, source, false, err);
}

int hpa__json_read_mapped(hpa_manifest **out, const char *map, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err)
{
	return json_read(out, map, len, o, source, true, err);
}
