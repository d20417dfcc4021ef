/*
 * lib/codec/json_write.c -- the JSON writer, as kubectl prints JSON.
 *
 * kubectl prints JSON with Go's encoding/json (json.MarshalIndent with four
 * spaces): `"key": value`, empty collections as `{}` and `[]`, strings
 * escaped HTML-safe (`<`, `>`, `&` as \u003c \u003e \u0026, U+2028/2029
 * escaped, \b \f \n \r \t, other control characters as \u00XX). This
 * writer does the same from the value tree, without jansson (jansson would
 * re-spell numbers and cannot keep the key order rules).
 *
 * Numbers keep their text when it is valid JSON. YAML spellings JSON does
 * not have are converted exactly, without floating point: `0x1F`, `0o17`,
 * `017`, `+5`, `1_000` become decimal integers (integers outside int64 cannot
 * be read back by jansson: HPA_ERANGE); `.5`, `1.`, `+1.5e3`,
 * `007.5` become `0.5`, `1.0`, `1.5e3`, `7.5`; a float without point or
 * exponent gets `.0` so that it stays a float. A float whose text is a YAML
 * integer (`!!float 0x10`: go-yaml decodes the integer, then converts it)
 * is that integer's decimal value with `.0` (`16.0`). `.inf` and `.nan`
 * cannot be written (HPA_ERANGE), nor a string that is not UTF-8 (HPA_EINVAL).
 */
#include "codec/codec_int.h"
#include <stdio.h>

/* One open map or sequence of the value being written. The writer keeps
 * these on a heap stack, not the C stack: a tree read with max_depth =
 * SIZE_MAX ("no limit") can be nested as deep as memory allows. */
typedef struct {
	const hpa__value *v;
	size_t order;    /* maps: offset of the key order in jwriter.order */
	size_t n, i;     /* members to write, members started (the current one is i - 1) */
} jframe;

typedef struct {
	hpa__out *o;
	unsigned int flags;
	unsigned int indent;
	bool compact;
	hpa_error *err;
	jframe *fr;
	size_t nfr, capfr;
	size_t *order;   /* the key orders of the open maps, one after the other */
	size_t norder, caporder;
} jwriter;

static int fail(jwriter *w, int code, const char *fmt, ...) HPA__PRINTF(3, 4);

/* the error, with the path of the member being written in each open frame */
static int fail(jwriter *w, int code, const char *fmt, ...)
{
	va_list ap;
	char buf[HPA_ERROR_PATH_MAX];
	size_t d, o = 0;
	va_start(ap, fmt);
	hpa__verror(w->err, code, fmt, ap);
	va_end(ap);
	buf[0] = '\0';
	for (d = 0; d < w->nfr; d++) {
		const jframe *f = &w->fr[d];
		char piece[128];
		int k;
		if (f->v->kind == HPA__V_MAP) {
			const hpa__value *key = hpa__pair_key(hpa__map_pair(f->v, w->order[f->order + f->i - 1]));
			k = snprintf(piece, sizeof(piece), "%s%.*s", o ? "." : "",
				(int)(hpa__v_textlen(key) > 100 ? 100 : hpa__v_textlen(key)), hpa__v_text(key));
		} else {
			k = snprintf(piece, sizeof(piece), "[%zu]", f->i - 1);
		}
		if (k > 0 && o + (size_t)k < sizeof(buf)) {
			memcpy(buf + o, piece, (size_t)k);
			o += (size_t)k;
			buf[o] = '\0';
		} else {
			break;
		}
	}
	hpa__error_set_path(w->err, buf);
	return code;
}

static void newline(jwriter *w, size_t level)
{
	size_t k = level * w->indent;
	if (w->compact)
		return;
	if (hpa__out_reserve(w->o, k + 1) == 0) {
		w->o->ptr[w->o->len++] = '\n';
		memset(w->o->ptr + w->o->len, ' ', k);
		w->o->len += k;
	}
}

/* ---- strings ---------------------------------------------------------------------------------- */

static int write_string(jwriter *w, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, start = 0;
	hpa__out *o = w->o;
	hpa__out_putc(o, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			const char *esc = NULL;
			char u[6];
			if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
				i++;
				continue;
			}
			hpa__out_put(o, s + start, i - start);
			switch (c) {
			case '"': esc = "\\\""; break;
			case '\\': esc = "\\\\"; break;
			case '\b': esc = "\\b"; break;
			case '\f': esc = "\\f"; break;
			case '\n': esc = "\\n"; break;
			case '\r': esc = "\\r"; break;
			case '\t': esc = "\\t"; break;
			default:
				u[0] = '\\';
				u[1] = 'u';
				u[2] = '0';
				u[3] = '0';
				u[4] = hex[c >> 4];
				u[5] = hex[c & 0xF];
				hpa__out_put(o, u, 6);
				break;
			}
			if (esc)
				hpa__out_put(o, esc, strlen(esc));
			i++;
			start = i;
			continue;
		}
		/* U+2028 and U+2029 are escaped by encoding/json */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			hpa__out_put(o, s + start, i - start);
			hpa__out_put(o, (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
			i += 3;
			start = i;
			continue;
		}
		i++;
	}
	hpa__out_put(o, s + start, i - start);
	hpa__out_putc(o, '"');
	return 0;
}

/* ---- numbers -------------------------------------------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? ; *is_int: no fraction, no exponent */
static bool json_number(const char *s, size_t n, bool *is_int)
{
	size_t i = 0;
	*is_int = true;
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || !is_digit(s[i]))
		return false;
	if (s[i] == '0')
		i++;
	else
		while (i < n && is_digit(s[i]))
			i++;
	if (i < n && s[i] == '.') {
		size_t d = 0;
		*is_int = false;
		for (i++; i < n && is_digit(s[i]); i++)
			d++;
		if (!d)
			return false;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t d = 0;
		*is_int = false;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < n && is_digit(s[i]); i++)
			d++;
		if (!d)
			return false;
	}
	return i == n;
}

static int write_int(jwriter *w, const hpa__value *v)
{
	const char *s = hpa__v_text(v);
	size_t n = hpa__v_textlen(v), k;
	bool is_int;
	int64_t x;
	char buf[32];

	/* jansson (and Kubernetes' int64 fields) read JSON integers as int64:
	 * anything wider could not be read back */
	if (hpa__v_int_range(v, INT64_MIN, INT64_MAX, &x) < 0)
		return fail(w, HPA_ERANGE, "integer %.*s cannot be written as JSON (outside int64)",
			(int)(n > 40 ? 40 : n), s);
	if (json_number(s, n, &is_int) && is_int) {
		hpa__out_put(w->o, s, n);
		return 0;
	}
	/* YAML 1.1 spellings (0x1F, 0o17, 017, +5, 1_000): the value, in decimal */
	k = (size_t)snprintf(buf, sizeof(buf), "%lld", (long long)x);
	hpa__out_put(w->o, buf, k);
	return 0;
}

static int write_float(jwriter *w, const hpa__value *v)
{
	const char *s = hpa__v_text(v);
	size_t n = hpa__v_textlen(v), i = 0, st;
	bool is_int, point = false, any = false;
	hpa__out *o = w->o;

	if (json_number(s, n, &is_int) && !is_int) {
		hpa__out_put(o, s, n);
		return 0;
	}
	/* `!!float 0x10`, `!!float 1`: the text is a YAML integer and the value
	 * that integer (go-yaml decodes the int, then converts it to float64) */
	{
		bool neg;
		uint64_t mag;
		if (hpa__yaml_int_value(s, n, &neg, &mag)) {
			char buf[32];
			int k = snprintf(buf, sizeof(buf), "%s%llu.0", neg && mag ? "-" : "", (unsigned long long)mag);
			hpa__out_put(o, buf, (size_t)k);
			return 0;
		}
	}
	if (n >= 4 && (s[n - 1] | 0x20) == 'f' && (s[n - 2] | 0x20) == 'n' && (s[n - 3] | 0x20) == 'i')
		return fail(w, HPA_ERANGE, "%.*s (infinity) cannot be written as JSON", (int)n, s);
	if (n >= 4 && (s[n - 1] | 0x20) == 'n' && (s[n - 2] | 0x20) == 'a' && (s[n - 3] | 0x20) == 'n')
		return fail(w, HPA_ERANGE, "%.*s (not a number) cannot be written as JSON", (int)n, s);
	if (i < n && (s[i] == '+' || s[i] == '-')) {
		if (s[i] == '-')
			hpa__out_putc(o, '-');
		i++;
	}
	/* integer part without leading zeros */
	while (i < n && (s[i] == '0' || s[i] == '_') && i + 1 < n && (is_digit(s[i + 1]) || s[i + 1] == '_'))
		i++;
	for (st = i; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
		if (s[i] != '_') {
			hpa__out_putc(o, s[i]);
			any = true;
		}
	if (!any)
		hpa__out_putc(o, '0');
	(void)st;
	if (i < n && s[i] == '.') {
		bool fd = false;
		point = true;
		hpa__out_putc(o, '.');
		for (i++; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
			if (s[i] != '_') {
				hpa__out_putc(o, s[i]);
				fd = true;
			}
		if (!fd)
			hpa__out_putc(o, '0');
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		point = true;
		hpa__out_putc(o, 'e');
		for (i++; i < n; i++)
			if (s[i] != '_')
				hpa__out_putc(o, s[i]);
	}
	if (!point)
		hpa__out_put(o, ".0", 2);
	return 0;
}

/* ---- values ------------------------------------------------------------------------------------ */

/* a scalar or an empty collection */
static int write_leaf(jwriter *w, const hpa__value *v)
{
	switch (v->kind) {
	case HPA__V_MAP:
		hpa__out_put(w->o, "{}", 2);
		return 0;
	case HPA__V_SEQ:
		hpa__out_put(w->o, "[]", 2);
		return 0;
	case HPA__V_STR:
		if (!hpa__utf8_valid(hpa__v_text(v), hpa__v_textlen(v)))
			return fail(w, HPA_EINVAL, "string is not valid UTF-8");
		return write_string(w, hpa__v_text(v), hpa__v_textlen(v));
	case HPA__V_INT:
		return write_int(w, v);
	case HPA__V_FLOAT:
		return write_float(w, v);
	case HPA__V_BOOL:
		if (hpa__v_bool_value(v))
			hpa__out_put(w->o, "true", 4);
		else
			hpa__out_put(w->o, "false", 5);
		return 0;
	default:
		hpa__out_put(w->o, "null", 4);
		return 0;
	}
}

/* open the non-empty map or sequence v: a frame, its key order, the bracket */
static int open_frame(jwriter *w, const hpa__value *v, bool top)
{
	jframe *f;
	size_t count = hpa__v_count(v);
	if (hpa__grow((void **)&w->fr, &w->capfr, w->nfr + 1, sizeof(*w->fr)) < 0)
		return hpa__enomem(w->err);
	f = &w->fr[w->nfr];
	f->v = v;
	f->order = w->norder;
	f->i = 0;
	if (v->kind == HPA__V_MAP) {
		if (hpa__grow((void **)&w->order, &w->caporder, w->norder + count, sizeof(*w->order)) < 0)
			return hpa__enomem(w->err);
		f->n = hpa__key_order(v, top, w->flags, w->order + w->norder);
		if (f->n == SIZE_MAX)
			return hpa__enomem(w->err);
		w->norder += count;
		hpa__out_putc(w->o, '{');
	} else {
		f->n = count;
		hpa__out_putc(w->o, '[');
	}
	w->nfr++;
	return 0;
}

/* Write the value v (a document's root map when top) at indentation level
 * `level`, depth first with the frame stack: no recursion. */
static int write_value(jwriter *w, const hpa__value *v, size_t level, bool top)
{
	int rc;
	w->nfr = 0;
	w->norder = 0;
	for (;;) {
		if ((v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ) && hpa__v_count(v) > 0)
			rc = open_frame(w, v, top);
		else
			rc = write_leaf(w, v);
		if (rc < 0)
			return rc;
		top = false;
		/* the next member of the innermost open collection; close the finished ones */
		for (;;) {
			jframe *f;
			size_t d;
			if (w->nfr == 0)
				return 0;
			f = &w->fr[w->nfr - 1];
			d = level + w->nfr;  /* the members' level */
			if (f->i < f->n)
				break;
			newline(w, d - 1);
			hpa__out_putc(w->o, f->v->kind == HPA__V_MAP ? '}' : ']');
			w->norder = f->order;
			w->nfr--;
		}
		{
			jframe *f = &w->fr[w->nfr - 1];
			size_t d = level + w->nfr;
			if (f->i++)
				hpa__out_putc(w->o, ',');
			newline(w, d);
			if (f->v->kind == HPA__V_MAP) {
				const hpa__pair *pr = hpa__map_pair(f->v, w->order[f->order + f->i - 1]);
				const hpa__value *key = hpa__pair_key(pr);
				if (!hpa__utf8_valid(hpa__v_text(key), hpa__v_textlen(key)))
					return fail(w, HPA_EINVAL, "key is not valid UTF-8");
				write_string(w, hpa__v_text(key), hpa__v_textlen(key));
				if (w->compact)
					hpa__out_putc(w->o, ':');
				else
					hpa__out_put(w->o, ": ", 2);
				v = hpa__pair_val(pr);
			} else {
				v = hpa__seq_at(f->v, f->i - 1);
			}
		}
	}
}

static int json_write(jwriter *w, const hpa_object *const *objs, size_t n)
{
	hpa__out *o = w->o;
	size_t i;
	int rc;
	if (n == 1) {
		rc = write_value(w, objs[0]->root, 0, true);
		if (rc < 0)
			return rc;
	} else {
		/* kubectl's List: {"apiVersion": "v1", "items": [...], "kind": "List", "metadata": {...}} */
		hpa__out_putc(o, '{');
		newline(w, 1);
		hpa__out_put(o, w->compact ? "\"apiVersion\":\"v1\"," : "\"apiVersion\": \"v1\",", w->compact ? 18 : 19);
		newline(w, 1);
		hpa__out_put(o, w->compact ? "\"items\":" : "\"items\": ", w->compact ? 8 : 9);
		if (n == 0) {
			hpa__out_put(o, "[]", 2);
		} else {
			hpa__out_putc(o, '[');
			for (i = 0; i < n; i++) {
				if (i)
					hpa__out_putc(o, ',');
				newline(w, 2);
				rc = write_value(w, objs[i]->root, 2, true);
				if (rc < 0) {
					hpa__error_set_document(w->err, i);
					return rc;
				}
			}
			newline(w, 1);
			hpa__out_putc(o, ']');
		}
		hpa__out_putc(o, ',');
		newline(w, 1);
		hpa__out_put(o, w->compact ? "\"kind\":\"List\"," : "\"kind\": \"List\",", w->compact ? 14 : 15);
		newline(w, 1);
		if (w->compact) {
			hpa__out_put(o, "\"metadata\":{\"resourceVersion\":\"\"}", 33);
		} else {
			hpa__out_put(o, "\"metadata\": {", 13);
			newline(w, 2);
			hpa__out_put(o, "\"resourceVersion\": \"\"", 21);
			newline(w, 1);
			hpa__out_putc(o, '}');
		}
		newline(w, 0);
		hpa__out_putc(o, '}');
	}
	hpa__out_putc(o, '\n');
	return o->failed;
}

int hpa__json_write(hpa__out *o, const hpa_object *const *objs, size_t n,
	const hpa_write_options *wo, hpa_error *err)
{
	jwriter w;
	int rc;
	memset(&w, 0, sizeof(w));
	w.o = o;
	w.flags = wo->flags;
	w.compact = (wo->flags & HPA_WRITE_COMPACT) != 0;
	w.indent = wo->indent ? wo->indent : 4;
	w.err = err;
	rc = json_write(&w, objs, n);
	hpa__free(w.fr);
	hpa__free(w.order);
	return rc;
}
