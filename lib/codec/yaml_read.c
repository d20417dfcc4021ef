/*
 * lib/codec/yaml_read.c -- YAML streams to value trees, from libyaml events.
 *
 * The event loop (yaml_parser_parse, never the document loader) keeps a
 * stack of open collections; finished children are pushed, by value, on
 * one scratch array (a map's as key, value, key, ...: the layout of its
 * pairs) and copied into one exact-size block of the manifest's arena when
 * their collection ends (lib/value/value.h). Scalars are resolved as go-yaml
 * v2 resolves them (resolve.c) and keep their style and position; their text
 * is interned in the arena.
 *
 * Positions: libyaml's marks are 0-based and count characters, `index`
 * included (libyaml 0.2.5 advances mark.index once per character, whatever
 * its UTF-8 width). Line and column become 1-based. Nodes keep no byte
 * offset; an error's byte offset is recomputed from the character index by
 * walking the UTF-8 input (a cursor that only moves forward in the common
 * case; pure-ASCII inputs skip it), or, for an error found on a node, from
 * its line and column.
 *
 * hpa__yaml_read_stream reads a file through libyaml's read handler, with
 * no buffer of the whole input; on any error but ENOMEM the caller reads
 * the file again into a buffer, so errors are reported as from a buffer.
 *
 * Anchors, aliases and `<<` merge keys follow go-yaml v2 as Kubernetes uses
 * it: an alias is a copy of the anchored node (counted against max_aliases,
 * so alias bombs stop early), `<<` takes a map or a sequence of maps.
 * By default a key set twice in one map -- directly or through a merge -- is
 * HPA_EDUPLICATE, as Kubernetes' strict decoding (go-yaml v2
 * UnmarshalStrict) reports it; with HPA_PARSE_ALLOW_DUPLICATES every later
 * value replaces the earlier one in place, as go-yaml v2's non-strict
 * decoding does (a merge also overrides keys written before it, and in a
 * sequence of merged maps the first map wins).
 */
#include "codec/codec_int.h"
#include "schema/check.h"
#include <yaml.h>
#include <stdio.h>

#define MERGE_MARK 0x40u     /* transient mark on a `<<` key node (flags:7) */

typedef struct {
	hpa__value node;      /* the collection being built (kind, style, position) */
	size_t base;          /* first child in r->stk */
	size_t nodes;         /* nodes created inside, for alias accounting */
	size_t height;        /* collections nested inside (0 = none) */
	long anchor;          /* index in r->anchors, -1 = none */
} frame;

typedef struct {
	char *name;           /* in r->scratch */
	size_t len;
	hpa__value node;      /* a copy of the anchored node */
	bool ready;           /* false while its collection is still open */
	size_t nodes, height;
} anchor;

typedef struct {
	/* input */
	const char *buf;      /* what libyaml reads (after a BOM) */
	size_t len, base;     /* base: bytes skipped before buf (BOM) */
	bool ascii;
	size_t cur_ci, cur_bi;
	FILE *fp;             /* streaming from a file (buf is NULL then) */
	size_t fp_total, fp_limit;
	/* output */
	hpa_manifest *m;
	hpa__arena *a;
	const hpa_parse_options *o;
	const char *source;
	hpa_error *err;
	size_t document;
	char err_path[HPA_ERROR_PATH_MAX]; /* build_path(): the next failure's path */
	bool has_err_path;
	/* building: finished nodes by value, a map's as key, value, key, ... */
	hpa__value *stk;
	size_t nstk, capstk;
	frame *fr;
	size_t nfr, capfr;
	bool list_items;      /* fr[1] is the root map's `items` sequence (see nest_depth()) */
	hpa__value root;
	bool has_root;
	size_t root_nodes;
	anchor *anchors;
	size_t nanchors, capanchors;
	hpa__arena scratch;
	size_t expanded;
	/* finishing maps */
	hpa__pair *op;
	uint8_t *expl;
	size_t nop, capop;
	uint32_t *ht;
	size_t htcap;
} reader;

/* ---- positions ------------------------------------------------------------------------ */

static size_t byte_offset(reader *r, size_t ci)
{
	if (r->ascii)
		return r->base + ci;
	if (ci < r->cur_ci)
		r->cur_ci = r->cur_bi = 0;
	while (r->cur_ci < ci && r->cur_bi < r->len) {
		unsigned char c = (unsigned char)r->buf[r->cur_bi];
		r->cur_bi += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		r->cur_ci++;
	}
	if (r->cur_bi > r->len)
		r->cur_bi = r->len;
	return r->base + r->cur_bi;
}

static void set_pos(hpa__value *v, const yaml_mark_t *mk)
{
	hpa__v_set_pos(v, mk->line + 1, mk->column + 1, SIZE_MAX);
}

/* Byte offset of 1-based line:column (characters) in the input: nodes keep
 * no offsets, so an error found on a node gets its offset back here. */
static size_t line_break(const reader *r, size_t i)
{
	/* libyaml's breaks: \r\n, \r, \n, NEL, LS, PS; their length, 0 if none */
	const unsigned char *b = (const unsigned char *)r->buf;
	if (b[i] == '\n')
		return 1;
	if (b[i] == '\r')
		return i + 1 < r->len && b[i + 1] == '\n' ? 2 : 1;
	if (b[i] == 0xC2 && i + 1 < r->len && b[i + 1] == 0x85)
		return 2;
	if (b[i] == 0xE2 && i + 2 < r->len && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* Byte offset of 1-based line:column (characters) in the input: nodes keep
 * no offsets, so an error found on a node gets its offset back here. */
static size_t offset_of_pos(const reader *r, size_t line, size_t col)
{
	size_t i = 0, l = 1, c = 1, k;
	while (l < line && i < r->len) {
		k = line_break(r, i);
		if (k) {
			i += k;
			l++;
		} else {
			i++;
		}
	}
	while (c < col && i < r->len && !line_break(r, i)) {
		unsigned char ch = (unsigned char)r->buf[i];
		i += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		c++;
	}
	if (l != line || c != col || i > r->len)
		return SIZE_MAX;
	return r->base + i;
}

/* ---- errors --------------------------------------------------------------------------- */

static int fail_at(reader *r, int code, const yaml_mark_t *mk, const char *fmt, ...) HPA__PRINTF(4, 5);

static int fail_at(reader *r, int code, const yaml_mark_t *mk, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hpa__verror(r->err, code, fmt, ap);
	va_end(ap);
	if (mk)
		hpa__error_set_pos(r->err, mk->line + 1, mk->column + 1, byte_offset(r, mk->index));
	hpa__error_set_source(r->err, r->source);
	hpa__error_set_document(r->err, r->document);
	if (r->has_err_path) {
		hpa__error_set_path(r->err, r->err_path);
		r->has_err_path = false;
	}
	return code;
}

static int fail_node(reader *r, int code, const hpa__value *v, const char *fmt, ...) HPA__PRINTF(4, 5);

static int fail_node(reader *r, int code, const hpa__value *v, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hpa__verror(r->err, code, fmt, ap);
	va_end(ap);
	if (v)
		hpa__error_set_pos(r->err, hpa__v_line(v), hpa__v_column(v), hpa__v_offset(v));
	hpa__error_set_source(r->err, r->source);
	hpa__error_set_document(r->err, r->document);
	if (r->has_err_path) {
		hpa__error_set_path(r->err, r->err_path);
		r->has_err_path = false;
	}
	return code;
}

static int nomem(reader *r)
{
	hpa__enomem(r->err);
	hpa__error_set_source(r->err, r->source);
	return HPA_ENOMEM;
}

/* line/column of a byte offset (reader errors only have offsets) */
static void pos_of_offset(reader *r, size_t off, size_t *line, size_t *col)
{
	size_t i, l = 1, start = 0;
	if (off > r->len)
		off = r->len;
	for (i = 0; i < off; i++)
		if (r->buf[i] == '\n')
			l++, start = i + 1;
	*line = l;
	*col = hpa__utf8_chars(r->buf + start, off - start) + 1;
}

static int syntax_error(reader *r, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR)
		return nomem(r);
	if (p->error == YAML_READER_ERROR) {
		size_t line, col;
		pos_of_offset(r, p->problem_offset, &line, &col);
		if (p->problem_value != -1)
			hpa__error(r->err, HPA_ESYNTAX, "%s: #%X", p->problem ? p->problem : "invalid input",
				(unsigned)p->problem_value);
		else
			hpa__error(r->err, HPA_ESYNTAX, "%s", p->problem ? p->problem : "invalid input");
		hpa__error_set_pos(r->err, line, col, r->base + p->problem_offset);
	} else {
		if (p->context)
			hpa__error(r->err, HPA_ESYNTAX, "%s (line %zu, column %zu): %s", p->context,
				p->context_mark.line + 1, p->context_mark.column + 1,
				p->problem ? p->problem : "syntax error");
		else
			hpa__error(r->err, HPA_ESYNTAX, "%s", p->problem ? p->problem : "syntax error");
		hpa__error_set_pos(r->err, p->problem_mark.line + 1, p->problem_mark.column + 1,
			byte_offset(r, p->problem_mark.index));
	}
	hpa__error_set_source(r->err, r->source);
	hpa__error_set_document(r->err, r->document);
	return HPA_ESYNTAX;
}

/* kubectl-style path of the collection at frame depth `upto` (exclusive of
 * deeper frames), plus an optional last key */
static void put_key(char *buf, size_t *o, size_t size, const char *k, size_t kl)
{
	size_t i;
	bool plain = kl > 0;
	for (i = 0; i < kl; i++)
		if (k[i] == '.' || k[i] == '[' || k[i] == ']' || k[i] == '"' || k[i] == '\'')
			plain = false;
	if (plain) {
		if (*o && *o + 1 < size)
			buf[(*o)++] = '.';
		for (i = 0; i < kl && *o + 1 < size; i++)
			buf[(*o)++] = k[i];
	} else {
		const char *q = "[\"";
		while (*q && *o + 1 < size)
			buf[(*o)++] = *q++;
		for (i = 0; i < kl && *o + 2 < size; i++) {
			if (k[i] == '"' || k[i] == '\\')
				buf[(*o)++] = '\\';
			buf[(*o)++] = k[i];
		}
		q = "\"]";
		while (*q && *o + 1 < size)
			buf[(*o)++] = *q++;
	}
	buf[*o] = '\0';
}

/* The path of the failure reported next (fail_at(), fail_node()). */
static void build_path(reader *r, size_t upto, const hpa__value *last_key)
{
	char buf[HPA_ERROR_PATH_MAX];
	size_t o = 0, i;
	buf[0] = '\0';
	if (upto > r->nfr)
		upto = r->nfr;
	/* frame i is the parent of frame i + 1 */
	for (i = 0; i + 1 < upto; i++) {
		const frame *f = &r->fr[i];
		size_t child_base = r->fr[i + 1].base;
		if (f->node.kind == HPA__V_MAP) {
			if (child_base > f->base) {
				const hpa__value *k = &r->stk[child_base - 1];
				put_key(buf, &o, sizeof(buf), hpa__v_text(k), hpa__v_textlen(k));
			}
		} else {
			char ix[32];
			int n = snprintf(ix, sizeof(ix), "[%zu]", child_base - f->base);
			size_t j;
			for (j = 0; j < (size_t)n && o + 1 < sizeof(buf); j++)
				buf[o++] = ix[j];
			buf[o] = '\0';
		}
	}
	if (last_key)
		put_key(buf, &o, sizeof(buf), hpa__v_text(last_key), hpa__v_textlen(last_key));
	/* for the failure that follows (hpa__verror() clears a reused error's path) */
	hpa__strlcpy(r->err_path, buf, sizeof(r->err_path));
	r->has_err_path = true;
}

/* ---- scratch arrays --------------------------------------------------------------------- */

static int push(reader *r, const hpa__value *v)
{
	if (r->nstk == r->capstk &&
	    hpa__grow((void **)&r->stk, &r->capstk, r->nstk + 1, sizeof(*r->stk)) < 0)
		return HPA_ENOMEM;
	r->stk[r->nstk++] = *v;
	return 0;
}

/* ---- nodes ---------------------------------------------------------------------------- */

/* deep copy for an alias (texts are interned in the same arena: shared) */
static int copy_node(reader *r, hpa__value *out, const hpa__value *s)
{
	if (hpa__v_copy_to(r->a, out, s) < 0)
		return HPA_ENOMEM;
	out->flags = (unsigned int)(s->flags & ~MERGE_MARK);
	return 0;
}

static long find_anchor(reader *r, const char *name)
{
	size_t i = r->nanchors, n = strlen(name);
	while (i-- > 0)
		if (r->anchors[i].len == n && memcmp(r->anchors[i].name, name, n) == 0)
			return (long)i;
	return -1;
}

static int add_anchor(reader *r, const char *name, const hpa__value *node, size_t nodes, size_t height, long *idx)
{
	anchor *an;
	size_t n = strlen(name);
	if (hpa__grow((void **)&r->anchors, &r->capanchors, r->nanchors + 1, sizeof(*r->anchors)) < 0)
		return HPA_ENOMEM;
	an = &r->anchors[r->nanchors];
	an->name = hpa__arena_strndup(&r->scratch, name, n);
	if (!an->name)
		return HPA_ENOMEM;
	an->len = n;
	an->ready = node != NULL;
	if (node)
		an->node = *node;
	an->nodes = nodes;
	an->height = height;
	if (idx)
		*idx = (long)r->nanchors;
	r->nanchors++;
	return 0;
}

/* A finished node goes to its parent (or becomes the document root). */
static int attach(reader *r, hpa__value *v, size_t nodes, size_t height)
{
	if (r->nfr == 0) {
		v->flags = (unsigned int)(v->flags & ~MERGE_MARK);
		r->root = *v;
		r->has_root = true;
		r->root_nodes = nodes;
		return 0;
	}
	{
		frame *f = &r->fr[r->nfr - 1];
		bool is_key = f->node.kind == HPA__V_MAP && ((r->nstk - f->base) % 2) == 0;
		if (is_key) {
			if (v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ) {
				build_path(r, r->nfr, NULL);
				return fail_node(r, HPA_ETYPE, v, "a mapping key must be a scalar, not a %s",
					v->kind == HPA__V_MAP ? "map" : "list");
			}
			/* (an alias as a key: on_scalar() checks the others) */
			if (memchr(hpa__v_text(v), '\0', hpa__v_textlen(v))) {
				build_path(r, r->nfr, NULL);
				return fail_node(r, HPA_ESYNTAX, v, "NUL byte in object key not supported");
			}
			if (!(v->flags & MERGE_MARK) && v->kind != HPA__V_STR)
				v->kind = HPA__V_STR;  /* keys are strings; the text is kept as written */
		} else if (v->flags & MERGE_MARK) {
			v->flags = (unsigned int)(v->flags & ~MERGE_MARK);
		}
		f->nodes += nodes;
		if (height + 1 > f->height)
			f->height = height + 1;  /* height: collections on the longest path down */
		if (push(r, v) < 0)
			return nomem(r);
	}
	return 0;
}

static bool at_key_position(const reader *r)
{
	const frame *f;
	if (r->nfr == 0)
		return false;
	f = &r->fr[r->nfr - 1];
	return f->node.kind == HPA__V_MAP && ((r->nstk - f->base) % 2) == 0;
}

static int scalar_kind(reader *r, const yaml_event_t *ev, bool is_key, int *kind, bool *merge)
{
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	hpa__rkind rk;

	*merge = false;
	if (!tag) {
		if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.plain_implicit) {
			/* a key becomes a string whatever it resolves to: only `<<` matters */
			if (is_key) {
				*merge = len == 2 && text[0] == '<' && text[1] == '<';
				*kind = HPA__V_STR;
				return 0;
			}
			rk = hpa__yaml_resolve(text, len);
			*merge = rk == HPA__R_MERGE;
			*kind = hpa__rkind_to_vkind(rk);
		} else {
			*kind = HPA__V_STR;
		}
		return 0;
	}
	/* explicit tags: !!str forces a string; !!int/!!float/!!bool/!!null
	 * must match what the text resolves to (go-yaml: "cannot decode !!str
	 * `abc` as a !!int"), an integer is accepted as a !!float; any other
	 * tag (custom, !!binary, !!timestamp) leaves a string */
	{
		static const char pfx[] = "tag:yaml.org,2002:";
		const char *t = tag;
		int want = 0;
		if (strncmp(t, pfx, sizeof(pfx) - 1) == 0) {
			t += sizeof(pfx) - 1;
			if (!strcmp(t, "int"))
				want = HPA__V_INT;
			else if (!strcmp(t, "float"))
				want = HPA__V_FLOAT;
			else if (!strcmp(t, "bool"))
				want = HPA__V_BOOL;
			else if (!strcmp(t, "null"))
				want = HPA__V_NULL;
			else if (!strcmp(t, "merge") && len == 2 && memcmp(text, "<<", 2) == 0) {
				*merge = true;
				*kind = HPA__V_STR;
				return 0;
			}
		}
		if (!want) {
			*kind = HPA__V_STR;
			return 0;
		}
		rk = hpa__yaml_resolve(text, len);
		*kind = hpa__rkind_to_vkind(rk);
		if (rk == HPA__R_TIMESTAMP || rk == HPA__R_MERGE)
			*kind = 0;
		if (want == HPA__V_FLOAT && *kind == HPA__V_INT)
			*kind = HPA__V_FLOAT;
		if (*kind != want)
			return fail_at(r, HPA_ETYPE, &ev->start_mark, "cannot decode %s `%.*s` as a !!%s",
				*kind ? hpa__vkind_name(*kind) : "timestamp", (int)(len > 40 ? 40 : len), text, t);
	}
	return 0;
}

static int on_scalar(reader *r, const yaml_event_t *ev)
{
	size_t len = ev->data.scalar.length;
	hpa__value node;
	const char *text;
	unsigned int style;
	int kind, rc;
	bool merge, is_key;

	if (len > r->o->max_scalar_bytes)
		return fail_at(r, HPA_ELIMIT, &ev->start_mark,
			"scalar of %zu bytes is longer than max_scalar_bytes (%zu)", len, r->o->max_scalar_bytes);
	is_key = at_key_position(r);
	/* as the JSON reader (jansson keeps keys as C strings): a key with a
	 * NUL could be written but never read back */
	if (is_key && memchr(ev->data.scalar.value, '\0', len)) {
		build_path(r, r->nfr, NULL);
		return fail_at(r, HPA_ESYNTAX, &ev->start_mark, "NUL byte in object key not supported");
	}
	rc = scalar_kind(r, ev, is_key, &kind, &merge);
	if (rc < 0)
		return rc;
	if (!merge && is_key)
		kind = HPA__V_STR;   /* keys are strings; the text is kept as written */
	/* the text is interned in the manifest's arena */
	text = hpa__v_intern(r->a, (const char *)ev->data.scalar.value, len);
	if (!text)
		return nomem(r);
	switch (ev->data.scalar.style) {
	case YAML_PLAIN_SCALAR_STYLE: style = HPA__STYLE_PLAIN; break;
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = HPA__STYLE_SINGLE; break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = HPA__STYLE_DOUBLE; break;
	case YAML_LITERAL_SCALAR_STYLE: style = HPA__STYLE_LITERAL; break;
	case YAML_FOLDED_SCALAR_STYLE: style = HPA__STYLE_FOLDED; break;
	default: style = HPA__STYLE_ANY; break;
	}
	/* built whole (hpa__v_make): attach copies it right away */
	node = hpa__v_make(text - sizeof(uint32_t), (unsigned int)kind, style, merge && is_key ? MERGE_MARK : 0u,
		hpa__v_pos_code(ev->start_mark.line + 1, ev->start_mark.column + 1));
	/* attach first: the anchor keeps the node as attached (a key is a string) */
	if (r->nfr > 0) {
		/* what attach() does for a scalar, whose kind is already final */
		r->fr[r->nfr - 1].nodes++;
		rc = push(r, &node) < 0 ? nomem(r) : 0;
	} else {
		rc = attach(r, &node, 1, 0);
	}
	if (rc == 0 && ev->data.scalar.anchor &&
	    add_anchor(r, (const char *)ev->data.scalar.anchor, &node, 1, 0, NULL) < 0)
		return nomem(r);
	return rc;
}

/* The depth max_depth limits, for a collection at frame depth nfr (the
 * root is 1): counted from each document's root, and the elements of the
 * root map's `items` sequence are documents (a List's objects, which the
 * JSON writer also writes that way), so they count from their own root:
 * the sequence is 0, an element's root map 1. */
static size_t nest_depth(const reader *r, size_t nfr, bool items_seq)
{
	return (r->list_items || items_seq) && nfr >= 2 ? nfr - 2 : nfr;
}

/* whether a sequence starting now is the root map's `items` */
static bool starts_list_items(const reader *r, bool map)
{
	const frame *p;
	const hpa__value *k;
	if (map || r->nfr != 1)
		return false;
	p = &r->fr[0];
	if (p->node.kind != HPA__V_MAP || ((r->nstk - p->base) % 2) != 1)
		return false;
	k = &r->stk[r->nstk - 1];
	return k->kind == HPA__V_STR && hpa__v_textlen(k) == 5 && memcmp(hpa__v_text(k), "items", 5) == 0;
}

static int on_alias(reader *r, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	long i;
	anchor *an;
	hpa__value v;

	if (!(r->o->flags & HPA_PARSE_ALLOW_ALIASES))
		return fail_at(r, HPA_ELIMIT, &ev->start_mark,
			"YAML alias *%s: aliases are not allowed (set HPA_PARSE_ALLOW_ALIASES)", name);
	i = find_anchor(r, name);
	if (i < 0)
		return fail_at(r, HPA_ESYNTAX, &ev->start_mark, "unknown anchor '%s' referenced", name);
	an = &r->anchors[i];
	if (!an->ready)
		return fail_at(r, HPA_ESYNTAX, &ev->start_mark, "anchor '%s' value contains itself", name);
	if (an->nodes > r->o->max_aliases || r->expanded > r->o->max_aliases - an->nodes)
		return fail_at(r, HPA_ELIMIT, &ev->start_mark,
			"alias *%s expands to more than max_aliases (%zu) nodes", name, r->o->max_aliases);
	if (nest_depth(r, r->nfr, false) + an->height > r->o->max_depth)
		return fail_at(r, HPA_ELIMIT, &ev->start_mark,
			"alias *%s nests deeper than max_depth (%zu)", name, r->o->max_depth);
	r->expanded += an->nodes;
	if (copy_node(r, &v, &an->node) < 0)
		return nomem(r);
	return attach(r, &v, an->nodes, an->height);
}

static int on_start(reader *r, const yaml_event_t *ev, bool map)
{
	frame *f;
	const char *anchor_name = (const char *)(map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor);
	int flow = map ? ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
		: ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;

	bool items_seq = starts_list_items(r, map);

	if (nest_depth(r, r->nfr + 1, items_seq) > r->o->max_depth)
		return fail_at(r, HPA_ELIMIT, &ev->start_mark, "nesting deeper than max_depth (%zu)", r->o->max_depth);
	if (r->nfr > 0) {
		frame *p = &r->fr[r->nfr - 1];
		if (p->node.kind == HPA__V_MAP && ((r->nstk - p->base) % 2) == 0) {
			build_path(r, r->nfr, NULL);
			return fail_at(r, HPA_ETYPE, &ev->start_mark, "a mapping key must be a scalar, not a %s",
				map ? "map" : "list");
		}
	}
	if (hpa__grow((void **)&r->fr, &r->capfr, r->nfr + 1, sizeof(*r->fr)) < 0)
		return nomem(r);
	f = &r->fr[r->nfr++];
	if (items_seq)
		r->list_items = true;
	memset(&f->node, 0, sizeof(f->node));
	f->node.kind = map ? HPA__V_MAP : HPA__V_SEQ;
	f->node.style = flow ? HPA__STYLE_FLOW : HPA__STYLE_ANY;
	set_pos(&f->node, &ev->start_mark);
	f->base = r->nstk;
	f->nodes = 1;
	f->height = 1;
	f->anchor = -1;
	if (anchor_name && add_anchor(r, anchor_name, NULL, 0, 0, &f->anchor) < 0)
		return nomem(r);
	return 0;
}

/* ---- finishing maps: duplicates and merges ------------------------------------------------ */

static uint32_t hash_key(const hpa__value *k)
{
	const char *s = hpa__v_text(k);
	uint32_t h = 2166136261u;
	size_t i, n = hpa__v_textlen(k);
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static bool key_eq(const hpa__value *a, const hpa__value *b)
{
	size_t n;
	if (hpa__v_same_ref(a, b))
		return true;   /* interned */
	n = hpa__v_textlen(a);
	return n == hpa__v_textlen(b) && memcmp(hpa__v_text(a), hpa__v_text(b), n) == 0;
}

#define HASH_FROM 16

static int ht_rebuild(reader *r, size_t want)
{
	size_t cap = 64, i;
	while (cap < want * 2)
		cap *= 2;
	if (cap > r->htcap) {
		uint32_t *t = hpa__realloc(r->ht, cap * sizeof(*t));
		if (!t)
			return HPA_ENOMEM;
		r->ht = t;
		r->htcap = cap;
	}
	memset(r->ht, 0, r->htcap * sizeof(*r->ht));
	for (i = 0; i < r->nop; i++) {
		size_t h = hash_key(&r->op[i].key) & (r->htcap - 1);
		while (r->ht[h])
			h = (h + 1) & (r->htcap - 1);
		r->ht[h] = (uint32_t)(i + 1);
	}
	return 0;
}

static long op_find(reader *r, const hpa__value *k)
{
	size_t i;
	if (r->nop < HASH_FROM) {
		for (i = 0; i < r->nop; i++)
			if (key_eq(&r->op[i].key, k))
				return (long)i;
		return -1;
	}
	{
		size_t h = hash_key(k) & (r->htcap - 1);
		while (r->ht[h]) {
			if (key_eq(&r->op[r->ht[h] - 1].key, k))
				return (long)(r->ht[h] - 1);
			h = (h + 1) & (r->htcap - 1);
		}
	}
	return -1;
}

static int op_append(reader *r, const hpa__value *k, const hpa__value *v, bool expl)
{
	if (r->nop == r->capop) {
		size_t ncap = r->capop ? r->capop * 2 : 64;
		hpa__pair *p = hpa__realloc(r->op, ncap * sizeof(*p));
		uint8_t *e;
		if (!p)
			return HPA_ENOMEM;
		r->op = p;
		e = hpa__realloc(r->expl, ncap);
		if (!e)
			return HPA_ENOMEM;
		r->expl = e;
		r->capop = ncap;
	}
	r->op[r->nop].key = *k;
	r->op[r->nop].value = *v;
	r->expl[r->nop] = expl;
	r->nop++;
	if (r->nop == HASH_FROM || (r->nop > HASH_FROM && r->nop * 2 > r->htcap)) {
		if (ht_rebuild(r, r->nop) < 0)
			return HPA_ENOMEM;
	} else if (r->nop > HASH_FROM) {
		size_t h = hash_key(k) & (r->htcap - 1);
		while (r->ht[h])
			h = (h + 1) & (r->htcap - 1);
		r->ht[h] = (uint32_t)r->nop;
	}
	return 0;
}

static int dup_error(reader *r, const hpa__value *key, const hpa__value *at)
{
	size_t kl = hpa__v_textlen(key);
	build_path(r, r->nfr, key);
	return fail_node(r, HPA_EDUPLICATE, at, "duplicate key \"%.*s\"%s",
		(int)(kl > 64 ? 64 : kl), hpa__v_text(key),
		at == key ? "" : " (set again by a << merge)");
}

static int merge_map(reader *r, const hpa__value *src, const hpa__value *merge_key)
{
	size_t i, n = hpa__v_count(src);
	bool allow = (r->o->flags & HPA_PARSE_ALLOW_DUPLICATES) != 0;
	for (i = 0; i < n; i++) {
		const hpa__value *k = hpa__map_key(src, i);
		long j = op_find(r, k);
		if (j >= 0) {
			if (!allow)
				return dup_error(r, k, merge_key);
			r->op[j].value = *hpa__map_val(src, i);
		} else if (op_append(r, k, hpa__map_val(src, i), false) < 0) {
			return nomem(r);
		}
	}
	return 0;
}

/* *built becomes the map of the key/value nodes r->stk[f->base..] */
static int finish_map(reader *r, frame *f, hpa__value *built)
{
	size_t n = r->nstk - f->base, i;
	bool allow = (r->o->flags & HPA_PARSE_ALLOW_DUPLICATES) != 0;
	bool simple = true;
	int rc;

	/* fast path: small maps without merge keys */
	for (i = 0; i < n; i += 2)
		if (r->stk[f->base + i].flags & MERGE_MARK)
			simple = false;
	if (simple && n / 2 < HASH_FROM) {
		size_t j;
		for (i = 0; i < n; i += 2)
			for (j = 0; j < i; j += 2)
				if (key_eq(&r->stk[f->base + i], &r->stk[f->base + j])) {
					if (!allow)
						return dup_error(r, &r->stk[f->base + i], &r->stk[f->base + i]);
					simple = false;
					break;
				}
	}
	if (simple && n / 2 < HASH_FROM) {
		/* the stack holds key, value, key, value...: the pairs' layout */
		const hpa__pair *pairs = n ? (const hpa__pair *)(const void *)(r->stk + f->base) : NULL;
		if (hpa__v_init_map(r->a, built, pairs, n / 2) < 0)
			return nomem(r);
		return 0;
	}

	r->nop = 0;
	for (i = 0; i < n; i += 2) {
		const hpa__value *k = &r->stk[f->base + i], *v = &r->stk[f->base + i + 1];
		if (k->flags & MERGE_MARK) {
			if (v->kind == HPA__V_MAP) {
				rc = merge_map(r, v, k);
			} else if (v->kind == HPA__V_SEQ) {
				size_t j = hpa__v_count(v);
				rc = 0;
				/* go-yaml v2 steps backwards: earlier maps take precedence */
				while (j-- > 0 && rc == 0) {
					if (hpa__seq_at(v, j)->kind != HPA__V_MAP) {
						build_path(r, r->nfr, k);
						return fail_node(r, HPA_ETYPE, hpa__seq_at(v, j),
							"map merge requires map or sequence of maps as the value");
					}
					rc = merge_map(r, hpa__seq_at(v, j), k);
				}
			} else {
				build_path(r, r->nfr, k);
				return fail_node(r, HPA_ETYPE, v, "map merge requires map or sequence of maps as the value");
			}
			if (rc < 0)
				return rc;
			continue;
		}
		{
			long j = op_find(r, k);
			if (j >= 0) {
				if (!allow)
					return dup_error(r, k, k);
				r->op[j].value = *v;
				r->expl[j] = 1;
			} else if (op_append(r, k, v, true) < 0) {
				return nomem(r);
			}
		}
	}
	if (hpa__v_init_map(r->a, built, r->op, r->nop) < 0)
		return nomem(r);
	return 0;
}

static int on_end(reader *r)
{
	frame *f = &r->fr[r->nfr - 1];
	hpa__value v;
	size_t n = r->nstk - f->base, nodes = f->nodes, height = f->height;
	hpa__value built;
	int rc;

	if (f->node.kind == HPA__V_MAP) {
		rc = finish_map(r, f, &built);
		if (rc < 0)
			return rc;
	} else if (hpa__v_init_seq(r->a, &built, n ? r->stk + f->base : NULL, n) < 0) {
		return nomem(r);
	}
	/* the collection's node, built whole (hpa__v_make) */
	v = hpa__v_make(hpa__v_ref_(&built), f->node.kind, f->node.style, f->node.flags, hpa__v_pos_(&f->node));
	if (f->anchor >= 0) {
		anchor *an = &r->anchors[f->anchor];
		an->node = v;
		an->ready = true;
		an->nodes = nodes;
		an->height = height;
	}
	r->nstk = f->base;
	r->nfr--;
	if (r->nfr < 2)
		r->list_items = false;
	return attach(r, &v, nodes, height);
}

static int on_document_end(reader *r)
{
	hpa__value *root;
	int rc;
	bool had = r->has_root;
	r->has_root = false;
	r->nanchors = 0;  /* anchors are per document */
	if (!had || r->root.kind == HPA__V_NULL)
		return 0;     /* an empty document: counted, not an object */
	if (r->root.kind != HPA__V_MAP)
		return fail_node(r, HPA_ETYPE, &r->root, "document %zu is a %s, expected a map (a Kubernetes object)",
			r->document + 1, hpa__vkind_name(r->root.kind));
	/* the root gets a stable home in the arena */
	root = hpa__arena_alloc(r->a, sizeof(*root));
	if (!root)
		return nomem(r);
	*root = r->root;
	rc = hpa__codec_add_document(r->m, root, r->document, r->o->flags, r->source, r->err);
	if (rc == HPA_ENOMEM)
		hpa__error_set_source(r->err, r->source);
	return rc;
}

/* ---- the event loop ------------------------------------------------------------------------ */

/* libyaml's read handler when streaming from a file; 0 (libyaml then
 * reports a reader error) on a read error or past max_input_bytes */
static int fp_read(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	reader *r = data;
	size_t n = fread(buffer, 1, size, r->fp);
	if (n == 0 && ferror(r->fp))
		return 0;
	r->fp_total += n;
	if (r->fp_total > r->fp_limit)
		return 0;
	*size_read = n;
	return 1;
}

static int run(reader *r)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0;
	bool done = false;

	if (!yaml_parser_initialize(&p))
		return nomem(r);
	if (r->fp)
		yaml_parser_set_input(&p, fp_read, r);
	else
		yaml_parser_set_input_string(&p, (const unsigned char *)r->buf, r->len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && rc == 0) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = syntax_error(r, &p);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (r->m->documents >= r->o->max_documents) {
				r->document = r->m->documents;
				rc = fail_at(r, HPA_ELIMIT, &ev.start_mark, "more than max_documents (%zu) documents",
					r->o->max_documents);
				break;
			}
			r->document = r->m->documents++;
			break;
		case YAML_DOCUMENT_END_EVENT:
			rc = on_document_end(r);
			break;
		case YAML_SCALAR_EVENT:
			rc = on_scalar(r, &ev);
			break;
		case YAML_ALIAS_EVENT:
			rc = on_alias(r, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = on_start(r, &ev, false);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = on_start(r, &ev, true);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			rc = on_end(r);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

/* the reader on r's input (buffer or file) */
static int read_all(reader *r, hpa_manifest **out, const hpa_parse_options *o, const char *source,
	hpa_error *err)
{
	int rc;
	r->o = o;
	r->source = source;
	r->err = err;
	hpa__arena_init(&r->scratch, 4096);
	rc = hpa__manifest_create(&r->m, err);
	if (rc < 0)
		return rc;
	r->a = &r->m->arena;
	r->m->source = hpa__arena_strndup(r->a, source, strlen(source));
	if (!r->m->source)
		rc = nomem(r);
	/* the schema check's field lookups during this load (12 KiB, in the
	 * scratch arena, not on the stack) */
	if (rc == 0 && !(r->m->check_cache = hpa__arena_calloc(&r->scratch, sizeof(hpa__check_cache))))
		rc = nomem(r);
	if (rc == 0)
		rc = run(r);
	r->m->check_cache = NULL;
	hpa__free(r->stk);
	hpa__free(r->fr);
	hpa__free(r->anchors);
	hpa__free(r->op);
	hpa__free(r->expl);
	hpa__free(r->ht);
	hpa__arena_dispose(&r->scratch);
	if (rc < 0) {
		if (r->buf && err && err->line && err->column && err->offset == SIZE_MAX)
			err->offset = offset_of_pos(r, err->line, err->column);
		hpa_manifest_free(r->m);
		return rc;
	}
	*out = r->m;
	return 0;
}

int hpa__yaml_read(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err)
{
	reader r;
	size_t i;

	memset(&r, 0, sizeof(r));
	*out = NULL;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		r.base = 3;
		buf += 3;
		len -= 3;
	}
	r.buf = buf;
	r.len = len;
	/* pure ASCII? (8 bytes at a time) then byte offsets are character indexes */
	r.ascii = true;
	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, buf + i, 8);
		if (w & UINT64_C(0x8080808080808080)) {
			r.ascii = false;
			break;
		}
	}
	for (; r.ascii && i < len; i++)
		if ((unsigned char)buf[i] >= 0x80)
			r.ascii = false;
	return read_all(&r, out, o, source, err);
}

int hpa__yaml_read_stream(hpa_manifest **out, FILE *fp, const hpa_parse_options *o,
	const char *source, hpa_error *err)
{
	reader r;
	unsigned char bom[3];
	int rc;

	memset(&r, 0, sizeof(r));
	*out = NULL;
	/* a UTF-8 BOM is skipped, as in a buffer */
	if (fread(bom, 1, 3, fp) != 3 || memcmp(bom, "\xEF\xBB\xBF", 3) != 0) {
		if (ferror(fp) || fseek(fp, 0, SEEK_SET) != 0)
			return HPA__STREAM_AGAIN;
	} else {
		r.base = 3;
	}
	r.fp = fp;
	r.fp_limit = o->max_input_bytes;
	r.ascii = true;  /* no buffer: byte offsets are not computed here */
	rc = read_all(&r, out, o, source, err);
	/* every error but a lack of memory is reported by reading a buffer again */
	return rc < 0 && rc != HPA_ENOMEM ? HPA__STREAM_AGAIN : rc;
}
