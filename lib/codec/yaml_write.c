/*
 * lib/codec/yaml_write.c -- the YAML writer, in kubectl's style.
 *
 * kubectl prints YAML with go-yaml v2 (through sigs.k8s.io/yaml), whose
 * emitter is a port of libyaml's. This writer walks the value tree directly
 * (no events, no libyaml emitter) but reproduces that emitter's decisions
 * for the block style it uses: the indentation state machine
 * (write_indent / write_indicator / increase_indent, sequences in a map
 * not indented), the scalar analysis (which of plain, single-quoted,
 * double-quoted, literal a string allows), the encoder's choice (literal
 * for multi-line strings, plain when the text reads back as the same
 * string, double-quoted otherwise), folding of long plain and quoted
 * scalars at column 80, the escapes of double-quoted scalars, `[]` and
 * `{}` for empty collections, `? ` keys for long or multi-line keys.
 *
 * Departures, all for losslessness:
 *  - booleans, integers and floats are written with their original text
 *    (`yes`, `0x1F`, `1e3`), null as `null`; a float whose text is an
 *    integer (`!!float 1` in the source) keeps its `!!float` tag;
 *  - a string that was a plain scalar in the source stays plain when it
 *    still reads back as a string (go-yaml's encoder quotes timestamps and
 *    sexagesimal-looking strings such as `2024-01-01` and `1:20`);
 *  - a key keeps its plain form when it was plain (`on:` stays `on:`);
 *  - strings with CR, NEL, LS or PS are double-quoted (a literal block or
 *    a single-quoted scalar would change them when read back);
 *  - a string that is not valid UTF-8 is an error (go-yaml writes !!binary).
 */
#include "codec/codec_int.h"
#include <stdio.h>

enum { S_PLAIN = 1, S_SINGLE, S_DOUBLE, S_LITERAL };

typedef struct pathseg {
	const struct pathseg *up;
	const hpa__value *key;   /* NULL: index */
	size_t index;
} pathseg;

typedef struct {
	hpa__out *o;
	unsigned int flags;
	int best_indent, best_width;
	int indent;
	size_t column;
	bool whitespace, indention, open_ended;
	/* contexts of the node being emitted */
	bool root_context, sequence_context, mapping_context, simple_key_context;
	bool key_context;        /* the scalar being written is a mapping key */
	hpa_error *err;
	const pathseg *path;
} emitter;

typedef struct {
	bool multiline, flow_plain_allowed, block_plain_allowed, single_quoted_allowed, block_allowed;
} analysis;

/* ---- character classes (go-yaml yamlprivateh.go) ------------------------------------------ */

static inline unsigned char at(const unsigned char *b, size_t n, size_t i)
{
	return i < n ? b[i] : 0;
}

static inline size_t width(unsigned char c)
{
	return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
}

static inline bool is_printable(const unsigned char *b, size_t n, size_t i)
{
	unsigned char c = b[i], c1 = at(b, n, i + 1), c2 = at(b, n, i + 2);
	return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) ||
		(c > 0xC2 && c < 0xED) || (c == 0xED && c1 < 0xA0) || c == 0xEE ||
		(c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}

static inline bool is_break(const unsigned char *b, size_t n, size_t i)
{
	unsigned char c = at(b, n, i);
	return c == '\r' || c == '\n' || (c == 0xC2 && at(b, n, i + 1) == 0x85) ||
		(c == 0xE2 && at(b, n, i + 1) == 0x80 && (at(b, n, i + 2) == 0xA8 || at(b, n, i + 2) == 0xA9));
}

static inline bool is_space(const unsigned char *b, size_t n, size_t i) { return at(b, n, i) == ' '; }
static inline bool is_blank(const unsigned char *b, size_t n, size_t i)
{
	unsigned char c = at(b, n, i);
	return c == ' ' || c == '\t';
}
static inline bool is_blankz(const unsigned char *b, size_t n, size_t i)
{
	return is_blank(b, n, i) || is_break(b, n, i) || at(b, n, i) == 0;
}

/* ---- low-level output ------------------------------------------------------------------------ */

static inline void put(emitter *e, char c)
{
	hpa__out_putc(e->o, c);
	e->column++;
}

static inline void put_break(emitter *e)
{
	hpa__out_putc(e->o, '\n');
	e->column = 0;
}

/* copy one (UTF-8) character */
static inline void write_ch(emitter *e, const unsigned char *s, size_t n, size_t *i)
{
	size_t w = width(s[*i]);
	if (*i + w > n)
		w = n - *i;
	hpa__out_put(e->o, (const char *)s + *i, w);
	e->column++;
	*i += w;
}

static void write_break(emitter *e, const unsigned char *s, size_t n, size_t *i)
{
	if (s[*i] == '\n') {
		put_break(e);
		(*i)++;
	} else {
		write_ch(e, s, n, i);
		e->column = 0;
	}
}

static void write_indent(emitter *e)
{
	size_t indent = e->indent < 0 ? 0 : (size_t)e->indent;
	if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
		put_break(e);
	if (e->column < indent) {
		size_t k = indent - e->column;
		if (hpa__out_reserve(e->o, k) == 0) {
			memset(e->o->ptr + e->o->len, ' ', k);
			e->o->len += k;
		}
		e->column = indent;
	}
	e->whitespace = true;
	e->indention = true;
}

static void write_indicator(emitter *e, const char *ind, bool need_whitespace, bool is_whitespace, bool is_indention)
{
	size_t n = strlen(ind);
	if (need_whitespace && !e->whitespace)
		put(e, ' ');
	hpa__out_put(e->o, ind, n);
	e->column += n;
	e->whitespace = is_whitespace;
	e->indention = e->indention && is_indention;
	e->open_ended = false;
}

static int increase_indent(emitter *e, bool flow, bool indentless)
{
	int saved = e->indent;
	if (e->indent < 0)
		e->indent = flow ? e->best_indent : 0;
	else if (!indentless)
		e->indent += e->best_indent;
	return saved;
}

/* ---- scalar analysis (yaml_emitter_analyze_scalar) ---------------------------------------- */

static void analyze(const unsigned char *v, size_t n, analysis *a)
{
	bool block_indicators = false, flow_indicators = false, line_breaks = false, special = false;
	bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
	bool break_space = false, space_break = false;
	bool preceded_by_ws, followed_by_ws, previous_space = false, previous_break = false;
	size_t i, w;

	if (n == 0) {
		a->multiline = false;
		a->flow_plain_allowed = false;
		a->block_plain_allowed = true;
		a->single_quoted_allowed = true;
		a->block_allowed = false;
		return;
	}
	if (n >= 3 && ((v[0] == '-' && v[1] == '-' && v[2] == '-') || (v[0] == '.' && v[1] == '.' && v[2] == '.'))) {
		block_indicators = true;
		flow_indicators = true;
	}
	preceded_by_ws = true;
	for (i = 0; i < n; i += w) {
		unsigned char c = v[i];
		w = width(c);
		followed_by_ws = i + w >= n || is_blank(v, n, i + w);
		if (i == 0) {
			switch (c) {
			case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
			case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
				flow_indicators = true;
				block_indicators = true;
				break;
			case '?': case ':':
				flow_indicators = true;
				if (followed_by_ws)
					block_indicators = true;
				break;
			case '-':
				if (followed_by_ws) {
					flow_indicators = true;
					block_indicators = true;
				}
				break;
			default:
				break;
			}
		} else {
			switch (c) {
			case ',': case '?': case '[': case ']': case '{': case '}':
				flow_indicators = true;
				break;
			case ':':
				flow_indicators = true;
				if (followed_by_ws)
					block_indicators = true;
				break;
			case '#':
				if (preceded_by_ws) {
					flow_indicators = true;
					block_indicators = true;
				}
				break;
			default:
				break;
			}
		}
		if (!is_printable(v, n, i))
			special = true;
		if (c == ' ') {
			if (i == 0)
				leading_space = true;
			if (i + w == n)
				trailing_space = true;
			if (previous_break)
				break_space = true;
			previous_space = true;
			previous_break = false;
		} else if (is_break(v, n, i)) {
			line_breaks = true;
			if (i == 0)
				leading_break = true;
			if (i + w == n)
				trailing_break = true;
			if (previous_space)
				space_break = true;
			previous_space = false;
			previous_break = true;
		} else {
			previous_space = false;
			previous_break = false;
		}
		preceded_by_ws = is_blankz(v, n, i);
	}
	a->multiline = line_breaks;
	a->flow_plain_allowed = true;
	a->block_plain_allowed = true;
	a->single_quoted_allowed = true;
	a->block_allowed = true;
	if (leading_space || leading_break || trailing_space || trailing_break) {
		a->flow_plain_allowed = false;
		a->block_plain_allowed = false;
	}
	if (trailing_space)
		a->block_allowed = false;
	if (break_space) {
		a->flow_plain_allowed = false;
		a->block_plain_allowed = false;
		a->single_quoted_allowed = false;
	}
	if (space_break || special) {
		a->flow_plain_allowed = false;
		a->block_plain_allowed = false;
		a->single_quoted_allowed = false;
		a->block_allowed = false;
	}
	if (line_breaks) {
		a->flow_plain_allowed = false;
		a->block_plain_allowed = false;
	}
	if (flow_indicators)
		a->flow_plain_allowed = false;
	if (block_indicators)
		a->block_plain_allowed = false;
}

/* ---- scalar writers (go-yaml emitterc.go) -------------------------------------------------- */

static void write_plain(emitter *e, const unsigned char *v, size_t n, bool allow_breaks)
{
	bool spaces = false, breaks = false;
	size_t i = 0, run;
	if (!e->whitespace)
		put(e, ' ');
	while (i < n) {
		if (v[i] == ' ') {
			if (allow_breaks && !spaces && e->column > (size_t)e->best_width && !is_space(v, n, i + 1)) {
				write_indent(e);
				i++;
			} else {
				write_ch(e, v, n, &i);
			}
			spaces = true;
		} else if (is_break(v, n, i)) {
			if (!breaks && v[i] == '\n')
				put_break(e);
			write_break(e, v, n, &i);
			e->indention = true;
			breaks = true;
		} else {
			if (breaks)
				write_indent(e);
			/* a run of ASCII non-space characters at once */
			for (run = i; run < n && v[run] > ' ' && v[run] < 0x7F; run++)
				;
			if (run > i + 1) {
				hpa__out_put(e->o, (const char *)v + i, run - i);
				e->column += run - i;
				i = run;
			} else {
				write_ch(e, v, n, &i);
			}
			e->indention = false;
			spaces = false;
			breaks = false;
		}
	}
	e->whitespace = false;
	e->indention = false;
	if (e->root_context)
		e->open_ended = true;
}

static void write_single(emitter *e, const unsigned char *v, size_t n, bool allow_breaks)
{
	bool spaces = false, breaks = false;
	size_t i = 0;
	write_indicator(e, "'", true, false, false);
	while (i < n) {
		if (v[i] == ' ') {
			if (allow_breaks && !spaces && e->column > (size_t)e->best_width && i > 0 && i < n - 1 &&
			    !is_space(v, n, i + 1)) {
				write_indent(e);
				i++;
			} else {
				write_ch(e, v, n, &i);
			}
			spaces = true;
		} else if (is_break(v, n, i)) {
			if (!breaks && v[i] == '\n')
				put_break(e);
			write_break(e, v, n, &i);
			e->indention = true;
			breaks = true;
		} else {
			if (breaks)
				write_indent(e);
			if (v[i] == '\'')
				put(e, '\'');
			write_ch(e, v, n, &i);
			e->indention = false;
			spaces = false;
			breaks = false;
		}
	}
	write_indicator(e, "'", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

static void write_double(emitter *e, const unsigned char *v, size_t n, bool allow_breaks)
{
	static const char hex[] = "0123456789ABCDEF";
	bool spaces = false;
	bool bom = n >= 3 && v[0] == 0xEF && v[1] == 0xBB && v[2] == 0xBF; /* go-yaml's is_bom looks at v[0] */
	size_t i = 0;
	write_indicator(e, "\"", true, false, false);
	while (i < n) {
		unsigned char c = v[i];
		if (!is_printable(v, n, i) || bom || is_break(v, n, i) || c == '"' || c == '\\') {
			size_t w = width(c), k;
			uint32_t r = c < 0x80 ? c : w == 2 ? (uint32_t)(c & 0x1F) : w == 3 ? (uint32_t)(c & 0x0F) : (uint32_t)(c & 0x07);
			for (k = 1; k < w && i + k < n; k++)
				r = (r << 6) | (v[i + k] & 0x3F);
			i += w;
			put(e, '\\');
			switch (r) {
			case 0x00: put(e, '0'); break;
			case 0x07: put(e, 'a'); break;
			case 0x08: put(e, 'b'); break;
			case 0x09: put(e, 't'); break;
			case 0x0A: put(e, 'n'); break;
			case 0x0B: put(e, 'v'); break;
			case 0x0C: put(e, 'f'); break;
			case 0x0D: put(e, 'r'); break;
			case 0x1B: put(e, 'e'); break;
			case 0x22: put(e, '"'); break;
			case 0x5C: put(e, '\\'); break;
			case 0x85: put(e, 'N'); break;
			case 0xA0: put(e, '_'); break;
			case 0x2028: put(e, 'L'); break;
			case 0x2029: put(e, 'P'); break;
			default: {
				int digits = r <= 0xFF ? 2 : r <= 0xFFFF ? 4 : 8, d;
				put(e, r <= 0xFF ? 'x' : r <= 0xFFFF ? 'u' : 'U');
				for (d = (digits - 1) * 4; d >= 0; d -= 4)
					put(e, hex[(r >> d) & 0x0F]);
				break;
			}
			}
			spaces = false;
		} else if (c == ' ') {
			if (allow_breaks && !spaces && e->column > (size_t)e->best_width && i > 0 && i < n - 1) {
				write_indent(e);
				if (is_space(v, n, i + 1))
					put(e, '\\');
				i++;
			} else {
				write_ch(e, v, n, &i);
			}
			spaces = true;
		} else {
			write_ch(e, v, n, &i);
			spaces = false;
		}
	}
	write_indicator(e, "\"", false, false, false);
	e->whitespace = false;
	e->indention = false;
}

static void write_block_hints(emitter *e, const unsigned char *v, size_t n)
{
	char hint[2] = { 0, 0 };
	if (is_space(v, n, 0) || is_break(v, n, 0)) {
		char ih[2] = { (char)('0' + e->best_indent), 0 };
		write_indicator(e, ih, false, false, false);
	}
	e->open_ended = false;
	if (n == 0) {
		hint[0] = '-';
	} else {
		size_t i = n - 1;
		while (i > 0 && (v[i] & 0xC0) == 0x80)
			i--;
		if (!is_break(v, n, i)) {
			hint[0] = '-';
		} else if (i == 0) {
			hint[0] = '+';
			e->open_ended = true;
		} else {
			i--;
			while (i > 0 && (v[i] & 0xC0) == 0x80)
				i--;
			if (is_break(v, n, i)) {
				hint[0] = '+';
				e->open_ended = true;
			}
		}
	}
	if (hint[0])
		write_indicator(e, hint, false, false, false);
}

static void write_literal(emitter *e, const unsigned char *v, size_t n)
{
	bool breaks = true;
	size_t i = 0;
	write_indicator(e, "|", true, false, false);
	write_block_hints(e, v, n);
	put_break(e);
	e->indention = true;
	e->whitespace = true;
	while (i < n) {
		if (is_break(v, n, i)) {
			write_break(e, v, n, &i);
			e->indention = true;
			breaks = true;
		} else {
			size_t run;
			if (breaks)
				write_indent(e);
			for (run = i; run < n && v[run] != '\n' && v[run] != '\r' && v[run] < 0x80; run++)
				;
			if (run > i) {
				hpa__out_put(e->o, (const char *)v + i, run - i);
				e->column += run - i;
				i = run;
			} else {
				write_ch(e, v, n, &i);
			}
			e->indention = false;
			breaks = false;
		}
	}
}

/* ---- nodes ------------------------------------------------------------------------------------ */

static int fail_path(emitter *e, int code, const char *msg)
{
	char buf[HPA_ERROR_PATH_MAX];
	const pathseg *chain[128];
	size_t n = 0, o = 0;
	const pathseg *p;
	buf[0] = '\0';
	for (p = e->path; p && n < HPA__ARRAY_SIZE(chain); p = p->up)
		chain[n++] = p;
	while (n--) {
		char piece[96];
		int k;
		if (chain[n]->key)
			k = snprintf(piece, sizeof(piece), "%s%.*s", o ? "." : "",
				(int)(hpa__v_textlen(chain[n]->key) > 80 ? 80 : hpa__v_textlen(chain[n]->key)), hpa__v_text(chain[n]->key));
		else
			k = snprintf(piece, sizeof(piece), "[%zu]", chain[n]->index);
		if (k > 0 && o + (size_t)k < sizeof(buf)) {
			memcpy(buf + o, piece, (size_t)k);
			o += (size_t)k;
			buf[o] = '\0';
		}
	}
	hpa__error(e->err, code, "%s", msg);
	hpa__error_set_path(e->err, buf);
	return code;
}

/* the style go-yaml's encoder asks for (encode.go stringv), adapted */
static int requested_style(const hpa__value *v, bool is_key)
{
	const char *s = hpa__v_text(v);
	size_t n = hpa__v_textlen(v), i;
	bool nl = false;
	hpa__rkind r;

	if (v->kind == HPA__V_NULL || v->kind == HPA__V_BOOL || v->kind == HPA__V_INT || v->kind == HPA__V_FLOAT)
		return S_PLAIN;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			nl = true;
		else if (c == '\r' || (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85) ||
		    (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		     ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)))
			return S_DOUBLE;
	}
	if (nl)
		return S_LITERAL;
	/* a `<<` key left in a tree is a string (merges are applied when read):
	 * quoted, or it would read back as a merge */
	if (is_key && v->style == HPA__STYLE_PLAIN && n > 0 && !(n == 2 && s[0] == '<' && s[1] == '<'))
		return S_PLAIN;  /* (the empty key must be quoted: "") */
	r = hpa__yaml_resolve(s, n);
	if (r == HPA__R_STR)
		return (v->style == HPA__STYLE_PLAIN || !hpa__yaml_is_base60(s, n)) ? S_PLAIN : S_DOUBLE;
	if (r == HPA__R_TIMESTAMP && v->style == HPA__STYLE_PLAIN)
		return S_PLAIN;
	return S_DOUBLE;
}

static int emit_node(emitter *e, const hpa__value *v, bool root, bool seq, bool map, bool simple_key, bool top);

static int emit_scalar(emitter *e, const hpa__value *v, bool is_key)
{
	const unsigned char *s;
	size_t n;
	analysis a;
	int style, saved;

	if (v->kind == HPA__V_NULL) {
		s = (const unsigned char *)"null";
		n = 4;
	} else {
		s = (const unsigned char *)hpa__v_text(v);
		n = hpa__v_textlen(v);
		if (!hpa__utf8_valid((const char *)s, n))
			return fail_path(e, HPA_EINVAL, "string is not valid UTF-8");
	}
	analyze(s, n, &a);
	style = requested_style(v, is_key);
	if (e->simple_key_context && a.multiline)
		style = S_DOUBLE;
	if (style == S_PLAIN) {
		if (!a.block_plain_allowed)
			style = S_SINGLE;
		if (n == 0 && e->simple_key_context)
			style = S_SINGLE;
	}
	if (style == S_SINGLE && !a.single_quoted_allowed)
		style = S_DOUBLE;
	if (style == S_LITERAL && (!a.block_allowed || e->simple_key_context))
		style = S_DOUBLE;
	saved = increase_indent(e, true, false);
	/* a float whose text reads back as an integer when plain (`!!float 1`,
	 * `!!float 0x10` in the source): the tag keeps it a float, with its
	 * text (the reader accepts an integer text under !!float, as go-yaml);
	 * written as libyaml writes a tag before a scalar */
	if (v->kind == HPA__V_FLOAT && !is_key && hpa__yaml_resolve((const char *)s, n) != HPA__R_FLOAT)
		write_indicator(e, "!!float", true, false, false);
	switch (style) {
	case S_PLAIN: write_plain(e, s, n, !e->simple_key_context); break;
	case S_SINGLE: write_single(e, s, n, !e->simple_key_context); break;
	case S_DOUBLE: write_double(e, s, n, !e->simple_key_context); break;
	default: write_literal(e, s, n); break;
	}
	e->indent = saved;
	return 0;
}

static bool simple_key_ok(const hpa__value *k)
{
	size_t i;
	if (hpa__v_textlen(k) > 128)
		return false;
	for (i = 0; i < hpa__v_textlen(k); i++)
		if (is_break((const unsigned char *)hpa__v_text(k), hpa__v_textlen(k), i))
			return false;
	return true;
}

static int emit_seq(emitter *e, const hpa__value *v)
{
	size_t i;
	int saved;
	if (hpa__v_count(v) == 0) {
		write_indicator(e, "[", true, true, false);
		write_indicator(e, "]", false, false, false);
		return 0;
	}
	saved = increase_indent(e, false, e->mapping_context && !e->indention);
	for (i = 0; i < hpa__v_count(v); i++) {
		pathseg ps;
		int rc;
		ps.up = e->path;
		ps.key = NULL;
		ps.index = i;
		write_indent(e);
		write_indicator(e, "-", true, false, true);
		e->path = &ps;
		rc = emit_node(e, hpa__seq_at(v, i), false, true, false, false, false);
		e->path = ps.up;
		if (rc < 0)
			return rc;
	}
	e->indent = saved;
	return 0;
}

static int emit_map(emitter *e, const hpa__value *v, bool top)
{
	size_t small[32], *idx = small, n, i;
	int saved, rc = 0;
	if (hpa__v_count(v) == 0) {
		write_indicator(e, "{", true, true, false);
		write_indicator(e, "}", false, false, false);
		return 0;
	}
	if (hpa__v_count(v) > HPA__ARRAY_SIZE(small)) {
		idx = hpa__malloc(hpa__v_count(v) * sizeof(*idx));
		if (!idx)
			return hpa__enomem(e->err);
	}
	n = hpa__key_order(v, top, e->flags, idx);
	if (n == SIZE_MAX) {
		if (idx != small)
			hpa__free(idx);
		return hpa__enomem(e->err);
	}
	if (n == 0) {
		/* everything omitted (a top-level map of only `status`) */
		write_indicator(e, "{", true, true, false);
		write_indicator(e, "}", false, false, false);
		if (idx != small)
			hpa__free(idx);
		return 0;
	}
	saved = increase_indent(e, false, false);
	for (i = 0; i < n && rc == 0; i++) {
		const hpa__pair *p = hpa__map_pair(v, idx[i]);
		pathseg ps;
		ps.up = e->path;
		ps.key = hpa__pair_key(p);
		ps.index = 0;
		write_indent(e);
		e->path = &ps;
		if (simple_key_ok(hpa__pair_key(p))) {
			e->key_context = true;
			rc = emit_node(e, hpa__pair_key(p), false, false, true, true, false);
			e->key_context = false;
			if (rc == 0) {
				write_indicator(e, ":", false, false, false);
				rc = emit_node(e, hpa__pair_val(p), false, false, true, false, false);
			}
		} else {
			write_indicator(e, "?", true, false, true);
			e->key_context = true;
			rc = emit_node(e, hpa__pair_key(p), false, false, true, false, false);
			e->key_context = false;
			if (rc == 0) {
				write_indent(e);
				write_indicator(e, ":", true, false, true);
				rc = emit_node(e, hpa__pair_val(p), false, false, true, false, false);
			}
		}
		e->path = ps.up;
	}
	e->indent = saved;
	if (idx != small)
		hpa__free(idx);
	return rc;
}

static int emit_node(emitter *e, const hpa__value *v, bool root, bool seq, bool map, bool simple_key, bool top)
{
	e->root_context = root;
	e->sequence_context = seq;
	e->mapping_context = map;
	e->simple_key_context = simple_key;
	switch (v->kind) {
	case HPA__V_MAP:
		return emit_map(e, v, top);
	case HPA__V_SEQ:
		return emit_seq(e, v);
	default:
		return emit_scalar(e, v, e->key_context);
	}
}

int hpa__yaml_write(hpa__out *o, const hpa_object *const *objs, size_t n,
	const hpa_write_options *wo, hpa_error *err)
{
	emitter e;
	size_t i;
	memset(&e, 0, sizeof(e));
	e.o = o;
	e.flags = wo->flags;
	e.best_indent = wo->indent >= 2 && wo->indent <= 9 ? (int)wo->indent : 2;
	e.best_width = 80;
	e.indent = -1;
	e.whitespace = true;
	e.indention = true;
	e.err = err;
	for (i = 0; i < n; i++) {
		int rc;
		if (i > 0) {
			write_indent(&e);
			write_indicator(&e, "---", true, false, false);
		}
		rc = emit_node(&e, objs[i]->root, true, false, false, false, true);
		if (rc < 0) {
			hpa__error_set_document(err, i);
			return rc;
		}
		write_indent(&e);  /* document end */
		if (o->failed)
			return o->failed;
	}
	if (e.open_ended) {
		write_indicator(&e, "...", true, false, false);
		write_indent(&e);
	}
	return o->failed;
}
