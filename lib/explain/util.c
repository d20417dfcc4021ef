/*
 * lib/explain/util.c -- label selectors (meta/v1 LabelSelector and the
 * labels.Parse string form), RFC 3339 timestamps, Go durations, and
 * Quantity.AsApproximateFloat64() for tolerances. No locale, no libc time,
 * no strtod.
 */
#include "explain_int.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- errors ------------------------------------------------------------------------------ */

void hpa__xdescribe(char *buf, size_t size, const hpa_object *obj, const char *hint)
{
	const char *kind = hpa_object_kind_name(obj), *name = hpa_object_name(obj), *ns = hpa_object_namespace(obj);
	if (!*kind)
		kind = hint && *hint ? hint : "object";
	if (!*name)
		snprintf(buf, size, "%s (unnamed, document %zu)", kind, hpa_object_document(obj) + 1);
	else if (*ns)
		snprintf(buf, size, "%s %s/%s", kind, ns, name);
	else
		snprintf(buf, size, "%s %s", kind, name);
}

static int vfailk(hpa_error *err, int code, const hpa_object *obj, const char *hint, const char *source,
	const char *path, const char *fmt, va_list ap)
{
	char who[200], msg[HPA_ERROR_MESSAGE_MAX];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!err)
		return code;
	hpa__xdescribe(who, sizeof(who), obj, hint);
	hpa__error(err, code, "%s: %s", who, msg);
	if (source && *source)
		hpa__error_set_source(err, source);
	if (path && *path) {
		hpa__error_set_path(err, path);
		if (hpa_object_line_of(obj, path))
			hpa__error_set_pos(err, hpa_object_line_of(obj, path), hpa_object_column_of(obj, path), SIZE_MAX);
	}
	hpa__error_set_document(err, hpa_object_document(obj));
	return code;
}

int hpa__xfail(hpa_error *err, int code, const hpa_object *obj, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	code = vfailk(err, code, obj, NULL, NULL, path, fmt, ap);
	va_end(ap);
	return code;
}

int hpa__xfailk(hpa_error *err, int code, const hpa_object *obj, const char *hint, const char *source,
	const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	code = vfailk(err, code, obj, hint, source, path, fmt, ap);
	va_end(ap);
	return code;
}

/* Re-record a getter's error e as an error about obj. */
int hpa__xwrap(hpa_error *err, const hpa_error *e, const hpa_object *obj, const char *path)
{
	return hpa__xfail(err, e->code ? e->code : HPA_ERROR, obj, e->path[0] ? e->path : path, "%s", e->message);
}

int hpa__xwrapk(hpa_error *err, const hpa_error *e, const hpa_object *obj, const char *hint, const char *source,
	const char *path)
{
	return hpa__xfailk(err, e->code ? e->code : HPA_ERROR, obj, hint, source, e->path[0] ? e->path : path, "%s",
		e->message);
}

/* ---- paths ------------------------------------------------------------------------- */

const char *hpa__key_path(char *buf, size_t size, const char *prefix, const char *key)
{
	size_t n = 0;
	const char *k;
#define PUT(c) do { if (n + 1 < size) buf[n] = (c); n++; } while (0)
	for (k = prefix; *k; k++)
		PUT(*k);
	PUT('[');
	PUT('"');
	for (k = key; *k; k++) {
		if (*k == '"' || *k == '\\')
			PUT('\\');
		PUT(*k);
	}
	PUT('"');
	PUT(']');
#undef PUT
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return buf;
}

/* ---- time ------------------------------------------------------------------------------ */

int hpa_explain_parse_time(const char *text, int64_t *ms_out, hpa_error *err)
{
	int64_t v;
	if (!text || !ms_out)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_parse_time: NULL argument");
	if (hpa__time_parse_rfc3339(text, &v))
		return hpa__error(err, HPA_ESYNTAX, "malformed RFC 3339 timestamp \"%s\"", text);
	*ms_out = v;
	return HPA_OK;
}

/* Go's time.ParseDuration, to milliseconds (sub-ms truncated toward zero). */
int hpa__parse_go_duration(const char *s, int64_t *ms_out)
{
	/* accumulate in nanoseconds like Go (overflow is an error there too) */
	int64_t total = 0;
	bool neg = false;
	if (!s)
		return HPA_ESYNTAX;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (s[0] == '0' && s[1] == '\0') {
		*ms_out = 0;
		return HPA_OK;
	}
	if (!*s)
		return HPA_ESYNTAX;
	while (*s) {
		int64_t whole = 0, unit, add, frac = 0, fscale = 1;
		bool digits = false;
		while (*s >= '0' && *s <= '9') {
			if (whole > (INT64_MAX - 9) / 10)
				return HPA_ERANGE;
			whole = whole * 10 + (*s++ - '0');
			digits = true;
		}
		if (*s == '.') {
			s++;
			while (*s >= '0' && *s <= '9') {
				if (fscale <= INT64_MAX / 10 / 10) {
					frac = frac * 10 + (*s - '0');
					fscale *= 10;
				}
				s++;
				digits = true;
			}
		}
		if (!digits)
			return HPA_ESYNTAX;
		if (s[0] == 'n' && s[1] == 's')
			unit = 1, s += 2;
		else if (s[0] == 'u' && s[1] == 's')
			unit = 1000, s += 2;
		else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xB5 && s[2] == 's')
			unit = 1000, s += 3; /* µs */
		else if ((unsigned char)s[0] == 0xCE && (unsigned char)s[1] == 0xBC && s[2] == 's')
			unit = 1000, s += 3; /* μs */
		else if (s[0] == 'm' && s[1] == 's')
			unit = 1000000, s += 2;
		else if (s[0] == 's')
			unit = INT64_C(1000000000), s++;
		else if (s[0] == 'm')
			unit = INT64_C(60000000000), s++;
		else if (s[0] == 'h')
			unit = INT64_C(3600000000000), s++;
		else
			return HPA_ESYNTAX;
		if (whole > INT64_MAX / unit)
			return HPA_ERANGE;
		add = whole * unit;
		if (frac)
			add += (int64_t)((double)frac * ((double)unit / (double)fscale));
		if (add < 0 || total > INT64_MAX - add)
			return HPA_ERANGE;
		total += add;
	}
	total /= 1000000;
	*ms_out = neg ? -total : total;
	return HPA_OK;
}

int hpa_explain_parse_duration(const char *text, int64_t *ms_out, hpa_error *err)
{
	int64_t v;
	int rc;
	if (!text || !ms_out)
		return hpa__error(err, HPA_EINVAL, "hpa_explain_parse_duration: NULL argument");
	rc = hpa__parse_go_duration(text, &v);
	if (rc == HPA_ERANGE)
		return hpa__error(err, HPA_ERANGE, "duration \"%s\" out of range", text);
	if (rc)
		return hpa__error(err, HPA_ESYNTAX, "malformed duration \"%s\" (expected e.g. 15s, 1m30s, 500ms)", text);
	*ms_out = v;
	return HPA_OK;
}

/* ---- numbers -------------------------------------------------------------------------- */

/* math.Pow10 as Go computes it (exact powers below 1e23, a division for negative n). */
static double go_pow10(int n)
{
	static const double tab[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
		1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31 };
	if (n >= 0 && n < 32)
		return tab[n];
	if (n < 0 && n > -32)
		return 1.0 / tab[-n];
	return pow(10.0, n);
}

/*
 * Quantity.AsApproximateFloat64(): for the int64-backed form ParseQuantity
 * builds (at most 18 digits, scale >= -9), value * Pow10(scale), where value
 * is the digits of the number with the point removed and scale the suffix's
 * exponent minus the number of fraction digits ("0.05" -> 5 * Pow10(-2)).
 * Other forms fall back to the milli-value / 1000.
 */
int hpa__approx_float(const char *text, double *out)
{
	const char *s = text;
	int64_t value = 0, milli;
	int ndig = 0, nfrac = 0, exp = 0, sign = 1;
	bool dot = false;
	if (!text || hpa_quantity_parse_milli(text, strlen(text), &milli, NULL) != HPA_OK)
		return HPA_ESYNTAX;
	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	for (; (*s >= '0' && *s <= '9') || (*s == '.' && !dot); s++) {
		if (*s == '.') {
			dot = true;
			continue;
		}
		if (ndig >= 18)
			goto fallback;
		value = value * 10 + (*s - '0');
		ndig++;
		if (dot)
			nfrac++;
	}
	switch (*s) {
	case '\0': exp = 0; break;
	case 'n': exp = -9; s++; break;
	case 'u': exp = -6; s++; break;
	case 'm': exp = -3; s++; break;
	case 'k': exp = 3; s++; break;
	case 'M': exp = 6; s++; break;
	case 'G': exp = 9; s++; break;
	case 'T': exp = 12; s++; break;
	case 'P': exp = 15; s++; break;
	case 'E':
	case 'e':
		if (s[1] == '\0') {
			if (*s == 'e')
				goto fallback;
			exp = 18;
			s++;
			break;
		} else {
			int e = 0, es = 1, n = 0;
			s++;
			if (*s == '+' || *s == '-')
				es = *s++ == '-' ? -1 : 1;
			for (; *s >= '0' && *s <= '9'; s++) {
				if (++n > 4)
					goto fallback;
				e = e * 10 + (*s - '0');
			}
			exp = es * e;
		}
		break;
	default:
		goto fallback; /* binary suffixes */
	}
	if (*s || exp - nfrac < -9)
		goto fallback;
	/* Go: `if exponent == 0 { return base }; return base * math.Pow10(exponent)` */
	*out = exp - nfrac == 0 ? (double)value : (double)value * go_pow10(exp - nfrac);
	if (sign < 0)
		*out = -*out;
	return HPA_OK;
fallback:
	*out = (double)milli / 1000.0;
	return HPA_OK;
}

void hpa__fixed(char *buf, size_t size, double x, int decimals)
{
	double scale = 1, r;
	int64_t v, ip, fp, p;
	int i;
	if (x != x) {
		snprintf(buf, size, "NaN");
		return;
	}
	for (i = 0; i < decimals; i++)
		scale *= 10;
	if (x * scale >= 9e18 || x * scale <= -9e18) {
		snprintf(buf, size, x > 0 ? "+Inf" : "-Inf");
		return;
	}
	r = floor(fabs(x) * scale + 0.5);
	v = (int64_t)r;
	for (p = 1, i = 0; i < decimals; i++)
		p *= 10;
	ip = v / p;
	fp = v % p;
	if (decimals)
		snprintf(buf, size, "%s%lld.%0*lld", x < 0 && v ? "-" : "", (long long)ip, decimals, (long long)fp);
	else
		snprintf(buf, size, "%s%lld", x < 0 && v ? "-" : "", (long long)ip);
}

/* ---- label selectors ----------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* stable insertion sort by key (requirements lists are short) */
static void sort_reqs(hpa__selector *sel)
{
	for (size_t i = 1; i < sel->n; i++) {
		hpa__sel_req r = sel->reqs[i];
		size_t j = i;
		while (j > 0 && strcmp(sel->reqs[j - 1].key, r.key) > 0) {
			sel->reqs[j] = sel->reqs[j - 1];
			j--;
		}
		sel->reqs[j] = r;
	}
}

/* sets.String: sorted, duplicates removed */
static void sort_values(hpa__sel_req *r)
{
	size_t i, k = 0;
	if (r->n_values < 2)
		return;
	qsort((void *)r->values, r->n_values, sizeof(r->values[0]), cmp_str);
	for (i = 0; i < r->n_values; i++)
		if (k == 0 || strcmp(r->values[k - 1], r->values[i]) != 0)
			r->values[k++] = r->values[i];
	r->n_values = k;
}

static char *scalar_copy(hpa__arena *a, const hpa_object *obj, const char *path)
{
	const char *t = NULL;
	if (hpa_object_get_text(obj, path, &t, NULL) != HPA_OK || !t)
		return NULL;
	return hpa__arena_strndup(a, t, strlen(t));
}

int hpa__sel_from_object(hpa__selector *sel, hpa__arena *arena, const hpa_object *obj, const char *path,
	hpa_error *err)
{
	char p[512], q[560];
	size_t nl, ne, i, j, k = 0;
	memset(sel, 0, sizeof(*sel));
	snprintf(p, sizeof(p), "%s.matchLabels", path);
	nl = hpa_object_type(obj, p) == HPA_VALUE_MAP ? hpa_object_count(obj, p) : 0;
	snprintf(q, sizeof(q), "%s.matchExpressions", path);
	ne = hpa_object_type(obj, q) == HPA_VALUE_LIST ? hpa_object_count(obj, q) : 0;
	if (nl + ne == 0)
		return HPA_OK;
	sel->reqs = hpa__arena_calloc(arena, (nl + ne) * sizeof(*sel->reqs));
	if (!sel->reqs)
		return hpa__enomem(err);
	for (i = 0; i < nl; i++) {
		const char *key = hpa_object_key_at(obj, p, i);
		hpa__sel_req *r = &sel->reqs[k];
		char vp[700];
		if (!key)
			continue;
		r->key = hpa__arena_strndup(arena, key, strlen(key));
		r->values = hpa__arena_alloc(arena, sizeof(char *));
		if (!r->key || !r->values)
			return hpa__enomem(err);
		r->values[0] = scalar_copy(arena, obj, hpa__key_path(vp, sizeof(vp), p, key));
		if (!r->values[0]) {
			if (hpa_object_type(obj, vp) == HPA_VALUE_STRING || !hpa_object_has(obj, vp))
				return hpa__enomem(err);
			return hpa__error(err, HPA_EVALIDATION, "matchLabels value of %s is not a string", key);
		}
		r->n_values = 1;
		r->op = HPA__SEL_EQ;
		k++;
	}
	for (i = 0; i < ne; i++) {
		char ep[600], fp[640];
		const char *key = NULL, *op = NULL;
		hpa__sel_req *r = &sel->reqs[k];
		size_t nv;
		snprintf(ep, sizeof(ep), "%s[%zu]", q, i);
		snprintf(fp, sizeof(fp), "%s.key", ep);
		hpa_object_get_text(obj, fp, &key, NULL);
		snprintf(fp, sizeof(fp), "%s.operator", ep);
		hpa_object_get_text(obj, fp, &op, NULL);
		if (!key || !op)
			return hpa__error(err, HPA_EVALIDATION, "matchExpressions[%zu] needs a key and an operator", i);
		if (!strcmp(op, "In"))
			r->op = HPA__SEL_IN;
		else if (!strcmp(op, "NotIn"))
			r->op = HPA__SEL_NOTIN;
		else if (!strcmp(op, "Exists"))
			r->op = HPA__SEL_EXISTS;
		else if (!strcmp(op, "DoesNotExist"))
			r->op = HPA__SEL_NOT_EXISTS;
		else
			return hpa__error(err, HPA_EVALIDATION, "\"%s\" is not a valid label selector operator", op);
		snprintf(fp, sizeof(fp), "%s.values", ep);
		nv = hpa_object_type(obj, fp) == HPA_VALUE_LIST ? hpa_object_count(obj, fp) : 0;
		if ((r->op == HPA__SEL_IN || r->op == HPA__SEL_NOTIN) && nv == 0)
			return hpa__error(err, HPA_EVALIDATION,
				"for 'in', 'notin' operators, values set can't be empty (key %s)", key);
		if ((r->op == HPA__SEL_EXISTS || r->op == HPA__SEL_NOT_EXISTS) && nv != 0)
			return hpa__error(err, HPA_EVALIDATION,
				"values set must be empty for exists and does not exist (key %s)", key);
		r->key = hpa__arena_strndup(arena, key, strlen(key));
		if (!r->key)
			return hpa__enomem(err);
		if (nv) {
			r->values = hpa__arena_alloc(arena, nv * sizeof(char *));
			if (!r->values)
				return hpa__enomem(err);
			for (j = 0; j < nv; j++) {
				char vp[700];
				snprintf(vp, sizeof(vp), "%s[%zu]", fp, j);
				r->values[j] = scalar_copy(arena, obj, vp);
				if (!r->values[j]) {
					if (hpa_object_type(obj, vp) == HPA_VALUE_STRING)
						return hpa__enomem(err);
					return hpa__error(err, HPA_EVALIDATION, "matchExpressions[%zu].values[%zu] is not a string",
						i, j);
				}
			}
			r->n_values = nv;
			sort_values(r);
		}
		k++;
	}
	sel->n = k;
	sort_reqs(sel);
	return HPA_OK;
}

/* ---- labels.Parse ------------------------------------------------------------------------------- */

typedef struct {
	const char *s;
	hpa__arena *a;
} lexer;

static void skip_ws(lexer *lx)
{
	while (*lx->s == ' ' || *lx->s == '\t' || *lx->s == '\n' || *lx->s == '\r')
		lx->s++;
}

static bool ident_char(char c)
{
	/* everything but white space, separators and operator characters */
	return c && c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',' && c != '(' && c != ')' &&
		c != '=' && c != '!' && c != '<' && c != '>';
}

static const char *ident(lexer *lx)
{
	const char *b;
	skip_ws(lx);
	b = lx->s;
	while (ident_char(*lx->s))
		lx->s++;
	return hpa__arena_strndup(lx->a, b, (size_t)(lx->s - b));
}

static bool word(lexer *lx, const char *w)
{
	size_t n = strlen(w);
	skip_ws(lx);
	if (strncmp(lx->s, w, n) == 0 && !ident_char(lx->s[n])) {
		lx->s += n;
		return true;
	}
	return false;
}

int hpa__sel_parse(hpa__selector *sel, hpa__arena *arena, const char *text, hpa_error *err)
{
	lexer lx = { text, arena };
	size_t cap = 1, i;
	const char *p;
	memset(sel, 0, sizeof(*sel));
	for (p = text; *p; p++)
		if (*p == ',')
			cap++;
	skip_ws(&lx);
	if (!*lx.s)
		return HPA_OK;
	sel->reqs = hpa__arena_calloc(arena, cap * sizeof(*sel->reqs));
	if (!sel->reqs)
		return hpa__enomem(err);
	for (;;) {
		hpa__sel_req *r = &sel->reqs[sel->n];
		bool bang = false;
		skip_ws(&lx);
		if (*lx.s == '!') {
			bang = true;
			lx.s++;
		}
		r->key = ident(&lx);
		if (!r->key)
			return hpa__enomem(err);
		if (!*r->key)
			return hpa__error(err, HPA_ESYNTAX, "found '%c', expected: identifier", *lx.s ? *lx.s : ' ');
		skip_ws(&lx);
		if (bang) {
			r->op = HPA__SEL_NOT_EXISTS;
		} else if (*lx.s == ',' || !*lx.s) {
			r->op = HPA__SEL_EXISTS;
		} else {
			bool set = false;
			if (lx.s[0] == '=' && lx.s[1] == '=')
				r->op = HPA__SEL_EQ, lx.s += 2;
			else if (lx.s[0] == '=')
				r->op = HPA__SEL_EQ, lx.s++;
			else if (lx.s[0] == '!' && lx.s[1] == '=')
				r->op = HPA__SEL_NE, lx.s += 2;
			else if (lx.s[0] == '>')
				r->op = HPA__SEL_GT, lx.s++;
			else if (lx.s[0] == '<')
				r->op = HPA__SEL_LT, lx.s++;
			else if (word(&lx, "in"))
				r->op = HPA__SEL_IN, set = true;
			else if (word(&lx, "notin"))
				r->op = HPA__SEL_NOTIN, set = true;
			else
				return hpa__error(err, HPA_ESYNTAX, "found '%s', expected: in, notin, =, ==, !=, gt, lt", lx.s);
			if (set) {
				size_t nv = 0, vcap = 1;
				skip_ws(&lx);
				if (*lx.s != '(')
					return hpa__error(err, HPA_ESYNTAX, "found '%s', expected: '('", lx.s);
				lx.s++;
				for (p = lx.s; *p && *p != ')'; p++)
					if (*p == ',')
						vcap++;
				r->values = hpa__arena_alloc(arena, vcap * sizeof(char *));
				if (!r->values)
					return hpa__enomem(err);
				for (;;) {
					const char *v = ident(&lx);
					if (!v)
						return hpa__enomem(err);
					r->values[nv++] = v;
					skip_ws(&lx);
					if (*lx.s == ',') {
						lx.s++;
						continue;
					}
					if (*lx.s == ')') {
						lx.s++;
						break;
					}
					return hpa__error(err, HPA_ESYNTAX, "found '%s', expected: ',' or ')'", lx.s);
				}
				/* "key in ()" parses to one empty value upstream; keep the values as read */
				r->n_values = nv;
				sort_values(r);
			} else {
				const char *v = ident(&lx);
				if (!v)
					return hpa__enomem(err);
				r->values = hpa__arena_alloc(arena, sizeof(char *));
				if (!r->values)
					return hpa__enomem(err);
				r->values[0] = v;
				r->n_values = 1;
				if (r->op == HPA__SEL_GT || r->op == HPA__SEL_LT) {
					const char *d = v;
					if (*d == '-' || *d == '+')
						d++;
					if (!*d)
						return hpa__error(err, HPA_ESYNTAX, "for 'gt', 'lt' operators, the value must be an integer");
					for (; *d; d++)
						if (*d < '0' || *d > '9')
							return hpa__error(err, HPA_ESYNTAX,
								"for 'gt', 'lt' operators, the value must be an integer");
				}
			}
		}
		sel->n++;
		skip_ws(&lx);
		if (!*lx.s)
			break;
		if (*lx.s != ',' || sel->n >= cap)
			return hpa__error(err, HPA_ESYNTAX, "found '%s', expected: ',' or 'end of string'", lx.s);
		lx.s++;
	}
	for (i = 0; i < sel->n; i++)
		if (!*sel->reqs[i].key)
			return hpa__error(err, HPA_ESYNTAX, "empty key");
	sort_reqs(sel);
	return HPA_OK;
}

/* ---- String() and matching ------------------------------------------------------------------------ */

int hpa__sel_format(const hpa__selector *sel, hpa__buf *b)
{
	static const char *const ops[] = { "", "=", "!=", " in ", " notin ", "", "!", ">", "<" };
	for (size_t i = 0; i < sel->n; i++) {
		const hpa__sel_req *r = &sel->reqs[i];
		if (i)
			hpa__buf_putc(b, ',');
		if (r->op == HPA__SEL_NOT_EXISTS)
			hpa__buf_putc(b, '!');
		hpa__buf_puts(b, r->key);
		if (r->op == HPA__SEL_EXISTS || r->op == HPA__SEL_NOT_EXISTS)
			continue;
		hpa__buf_puts(b, ops[r->op]);
		if (r->op == HPA__SEL_IN || r->op == HPA__SEL_NOTIN) {
			hpa__buf_putc(b, '(');
			for (size_t j = 0; j < r->n_values; j++) {
				if (j)
					hpa__buf_putc(b, ',');
				hpa__buf_puts(b, r->values[j]);
			}
			hpa__buf_putc(b, ')');
		} else if (r->n_values) {
			hpa__buf_puts(b, r->values[0]);
		}
	}
	return hpa__buf_oom(b) ? HPA_ENOMEM : HPA_OK;
}

static bool parse_i64(const char *s, int64_t *out)
{
	int64_t v = 0;
	bool neg = false;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = neg ? -v : v;
	return true;
}

bool hpa__sel_matches(const hpa__selector *sel, const hpa_object *obj, const char *path)
{
	for (size_t i = 0; i < sel->n; i++) {
		const hpa__sel_req *r = &sel->reqs[i];
		char lp[600];
		const char *v = NULL;
		bool has, in = false;
		int64_t a, b;
		has = hpa_object_get_text(obj, hpa__key_path(lp, sizeof(lp), path, r->key), &v, NULL) == HPA_OK && v;
		for (size_t j = 0; has && j < r->n_values; j++)
			if (!strcmp(r->values[j], v))
				in = true;
		switch (r->op) {
		case HPA__SEL_EQ:
		case HPA__SEL_IN:
			if (!has || !in)
				return false;
			break;
		case HPA__SEL_NE:
		case HPA__SEL_NOTIN:
			if (has && in)
				return false;
			break;
		case HPA__SEL_EXISTS:
			if (!has)
				return false;
			break;
		case HPA__SEL_NOT_EXISTS:
			if (has)
				return false;
			break;
		default: /* Gt / Lt: both sides integers */
			if (!has || !r->n_values || !parse_i64(v, &a) || !parse_i64(r->values[0], &b))
				return false;
			if (r->op == HPA__SEL_GT ? !(a > b) : !(a < b))
				return false;
			break;
		}
	}
	return true;
}

/* Go's (*LabelSelector).String() (gogo-protobuf generated), which %+v prints. */
int hpa__sel_go_string(const hpa_object *obj, const char *path, hpa__buf *b)
{
	char p[512], q[560];
	size_t nl, ne, i, j;
	const char **keys = NULL;
	if (!hpa_object_has(obj, path))
		return hpa__buf_puts(b, "nil");
	snprintf(p, sizeof(p), "%s.matchLabels", path);
	snprintf(q, sizeof(q), "%s.matchExpressions", path);
	nl = hpa_object_type(obj, p) == HPA_VALUE_MAP ? hpa_object_count(obj, p) : 0;
	ne = hpa_object_type(obj, q) == HPA_VALUE_LIST ? hpa_object_count(obj, q) : 0;
	hpa__buf_puts(b, "&LabelSelector{MatchLabels:map[string]string{");
	if (nl) {
		keys = hpa__malloc(nl * sizeof(*keys));
		if (!keys) {
			b->failed = 1;
			return HPA_ENOMEM;
		}
		for (i = 0; i < nl; i++) {
			keys[i] = hpa_object_key_at(obj, p, i);
			if (!keys[i])
				keys[i] = "";
		}
		qsort((void *)keys, nl, sizeof(*keys), cmp_str);
		for (i = 0; i < nl; i++) {
			char vp[700];
			const char *v = "";
			hpa_object_get_text(obj, hpa__key_path(vp, sizeof(vp), p, keys[i]), &v, NULL);
			hpa__buf_printf(b, "%s: %s,", keys[i], v ? v : "");
		}
		hpa__free(keys);
	}
	hpa__buf_puts(b, "},MatchExpressions:[]LabelSelectorRequirement{");
	for (i = 0; i < ne; i++) {
		char fp[640];
		const char *key = "", *op = "";
		size_t nv;
		snprintf(fp, sizeof(fp), "%s[%zu].key", q, i);
		hpa_object_get_text(obj, fp, &key, NULL);
		snprintf(fp, sizeof(fp), "%s[%zu].operator", q, i);
		hpa_object_get_text(obj, fp, &op, NULL);
		hpa__buf_printf(b, "LabelSelectorRequirement{Key:%s,Operator:%s,Values:[", key ? key : "", op ? op : "");
		snprintf(fp, sizeof(fp), "%s[%zu].values", q, i);
		nv = hpa_object_type(obj, fp) == HPA_VALUE_LIST ? hpa_object_count(obj, fp) : 0;
		for (j = 0; j < nv; j++) {
			char vp[700];
			const char *v = "";
			snprintf(vp, sizeof(vp), "%s[%zu]", fp, j);
			hpa_object_get_text(obj, vp, &v, NULL);
			if (j)
				hpa__buf_putc(b, ' ');
			hpa__buf_puts(b, v ? v : "");
		}
		hpa__buf_puts(b, "],},");
	}
	hpa__buf_puts(b, "},}");
	return hpa__buf_oom(b) ? HPA_ENOMEM : HPA_OK;
}
