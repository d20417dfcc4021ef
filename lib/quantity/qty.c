/*
 * lib/quantity/qty.c -- exact Kubernetes quantities without allocation
 * (hpa__qty, see quantity_int.h).
 *
 * Behaviour translated from upstream k8s.io/apimachinery/pkg/api/resource
 * (quantity.go ParseQuantity/parseQuantityString/CanonicalizeBytes,
 * suffix.go, amount.go, math.go, scale_int.go) with inf.Dec replaced by a
 * digit string borrowed from the input plus a decimal exponent.
 */
#include "quantity/quantity_int.h"
#include <limits.h>

#define QTY_CAP ((uint64_t)INT64_MAX) /* binary values are capped here */
#define EXP_MAX 2147483647LL          /* decimal exponents must fit int32 */
#define EXP_MIN (-2147483647LL - 1)

static const uint32_t pow10_9[10] = {
	1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u, 1000000000u
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The characters upstream's scanner accepts at the start of a suffix. */
static bool is_suffix_char(char c)
{
	switch (c) {
	case 'e': case 'E': case 'i': case 'n': case 'u': case 'm':
	case 'k': case 'K': case 'M': case 'G': case 'T': case 'P':
		return true;
	default:
		return false;
	}
}

/* 10, 20, ... 60 for the prefix of a binary suffix, 0 otherwise. */
static int binary_power(char c)
{
	switch (c) {
	case 'K': return 10;
	case 'M': return 20;
	case 'G': return 30;
	case 'T': return 40;
	case 'P': return 50;
	case 'E': return 60;
	default: return 0;
	}
}

static void set_zero(hpa__qty *q, const char *s, size_t len, int format)
{
	q->text = s;
	q->text_len = len;
	q->digits = NULL;
	q->ndig = 0;
	q->dot = SIZE_MAX;
	q->exp = 0;
	q->sign = 0;
	q->format = format;
	q->bump = false;
	q->keep_text = false;
	q->inl[0] = '\0';
}

/* ---- errors ---------------------------------------------------------------- */

/* Record a syntax error at byte offset `off` of s. The quoted text is cut
 * to 40 bytes on a UTF-8 character boundary. */
static int syntax(hpa_error *err, const char *s, size_t len, size_t off, const char *problem,
	const char *detail)
{
	size_t show = len, col;
	if (!err)
		return HPA_ESYNTAX;
	if (show > 40) {
		show = 40;
		while (show > 0 && ((unsigned char)s[show] & 0xC0) == 0x80)
			show--;
	}
	hpa__error(err, HPA_ESYNTAX, "invalid quantity \"%.*s%s\": %s%s", (int)show, s,
		show < len ? "..." : "", problem, detail ? detail : "");
	if (off > len)
		off = len;
	col = hpa__utf8_chars(s, off) + 1;
	hpa__error_set_pos(err, 1, col, off);
	return HPA_ESYNTAX;
}

static int unexpected(hpa_error *err, const char *s, size_t len, size_t off)
{
	char what[32];
	unsigned char c = (unsigned char)s[off];
	if (c >= 0x20 && c < 0x7f)
		snprintf(what, sizeof(what), "'%c'", (char)c);
	else
		snprintf(what, sizeof(what), "byte 0x%02x", (unsigned)c);
	return syntax(err, s, len, off, "unexpected character ", what);
}

/* ---- scanning ---------------------------------------------------------------- */

typedef struct {
	const char *s;
	size_t len;
	size_t ip, il;   /* integer digits, leading zeros stripped */
	size_t fp, fl;   /* fraction digits */
	bool has_digits; /* any digit at all (leading zeros count) */
} number_t;

/* Digit c of upstream's `shifted` (num + denom) when il > 0. */
static char shifted_at(const number_t *n, size_t c)
{
	return c < n->il ? n->s[n->ip + c] : n->s[n->fp + (c - n->il)];
}

/* The value of a decimal-suffixed number: N * 10^(e - fl) where N is the
 * digit string int ++ frac, rounded away from zero to 1n. */
static void set_decimal(hpa__qty *q, const number_t *n, int64_t e)
{
	size_t L = n->il + n->fl, a, b;
	int64_t il = (int64_t)n->il;

	/* first and last non-zero digits of N */
	if (n->il > 0) {
		a = 0;
	} else {
		for (a = 0; a < n->fl && n->s[n->fp + a] == '0'; a++)
			;
		if (a == n->fl)
			return; /* zero */
	}
	for (b = L - 1; shifted_at(n, b) == '0'; b--)
		;
	/* digit i of N has weight 10^(e + il - 1 - i) */
	q->exp = e + il - 1 - (int64_t)b;
	q->ndig = b - a + 1;
	if (q->exp < -9) {
		/* drop the digits below 1n and round the rest up */
		int64_t k = e + il + 8; /* index of the digit of weight 10^-9 */
		int64_t j;
		if (k < (int64_t)a) {
			q->inl[0] = '1';
			q->ndig = 1;
			q->exp = -9;
			q->sign = 1;
			return;
		}
		for (j = k; j >= (int64_t)a && shifted_at(n, (size_t)j) == '9'; j--)
			;
		if (j < (int64_t)a) {
			/* 0.999..9|5 -> 1.000 */
			q->inl[0] = '1';
			q->ndig = 1;
			q->exp = e + il - 1 - (int64_t)a + 1;
			q->sign = 1;
			return;
		}
		q->ndig = (size_t)j - a + 1;
		q->exp = e + il - 1 - j;
		q->bump = true;
	}
	if (a < n->il) {
		q->digits = n->s + n->ip + a;
		q->dot = n->il - a;
	} else {
		q->digits = n->s + n->fp + (a - n->il);
		q->dot = SIZE_MAX;
	}
	q->sign = 1;
}

/* The value of a binary-suffixed number: (int.frac) * 2^k, rounded away
 * from zero to 1n, capped at 2^63-1. */
static void set_binary(hpa__qty *q, const number_t *n, int k)
{
	uint64_t w = 0, frac = 0;
	bool capped = false;
	char tmp[40];
	size_t len = 0, first, last;

	if (n->il > 19) {
		capped = true; /* >= 10^19 > 2^63 */
	} else {
		uint64_t i = 0;
		for (size_t x = 0; x < n->il; x++)
			i = i * 10 + (uint64_t)(n->s[n->ip + x] - '0');
		if (i > (QTY_CAP >> k))
			capped = true;
		else
			w = i << k;
	}
	if (!capped && n->fl > 0) {
		/* multiply 0.d1d2...dfl by 2^k from the right, one digit at a
		 * time: the carry is the integer part, out digits 1..9 are the
		 * nanos, any non-zero digit after them rounds up */
		uint64_t carry = 0, mul = (uint64_t)1 << k;
		bool sticky = false;
		for (size_t i = n->fl; i > 0; i--) {
			uint64_t t = (uint64_t)(n->s[n->fp + i - 1] - '0') * mul + carry;
			uint64_t out = t % 10;
			carry = t / 10;
			if (i > 9)
				sticky = sticky || out != 0;
			else
				frac += out * pow10_9[9 - i];
		}
		if (sticky)
			frac++;
		w += carry; /* w <= 2^63-1, carry < 2^60: no wrap */
		if (frac == 1000000000u) {
			w++;
			frac = 0;
		}
		if (w > QTY_CAP || (w == QTY_CAP && frac > 0))
			capped = true;
	}
	if (capped) {
		w = QTY_CAP;
		frac = 0;
	}
	if (w == 0 && frac == 0)
		return; /* zero */
	if (w > 0) {
		char rev[24];
		size_t r = 0;
		for (uint64_t x = w; x > 0; x /= 10)
			rev[r++] = (char)('0' + x % 10);
		while (r > 0)
			tmp[len++] = rev[--r];
	}
	for (int i = 8; i >= 0; i--)
		tmp[len++] = (char)('0' + (frac / pow10_9[i]) % 10);
	for (first = 0; tmp[first] == '0'; first++)
		;
	for (last = len - 1; tmp[last] == '0'; last--)
		;
	q->ndig = last - first + 1;
	memcpy(q->inl, tmp + first, q->ndig);
	q->exp = -9 + (int64_t)(len - 1 - last);
	q->sign = 1;
	if (w == 0)
		q->format = HPA_QUANTITY_DECIMAL_SI; /* 0 < |v| < 1 */
}

int hpa__quantity_scan(const char *s, size_t len, hpa__qty *q, hpa_error *err)
{
	number_t n;
	size_t pos = 0, suf, suf_len, start;
	bool neg = false, fast;
	int64_t e = 0;
	int base = 10, format = HPA_QUANTITY_DECIMAL_SI;

	set_zero(q, s, len, HPA_QUANTITY_DECIMAL_SI);
	if (!s || len == 0)
		return syntax(err, s ? s : "", 0, 0, "empty quantity", NULL);
	if (len == 1 && s[0] == '0') {
		q->keep_text = true;
		return 0;
	}
	memset(&n, 0, sizeof(n));
	n.s = s;
	n.len = len;
	if (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-';
		pos++;
	}
	start = pos;
	while (pos < len && s[pos] == '0')
		pos++;
	if (pos == len)
		return 0; /* "-", "+0", "000": zero, DecimalSI */
	n.ip = pos;
	while (pos < len && is_digit(s[pos]))
		pos++;
	n.il = pos - n.ip;
	if (pos < len && s[pos] == '.') {
		n.fp = ++pos;
		while (pos < len && is_digit(s[pos]))
			pos++;
		n.fl = pos - n.fp;
	}
	n.has_digits = n.ip > start || n.il > 0 || n.fl > 0;

	/* suffix: [eEinumkKMGTP]* [+-]? [0-9]*, nothing after */
	suf = pos;
	while (pos < len && is_suffix_char(s[pos]))
		pos++;
	if (pos < len && (s[pos] == '+' || s[pos] == '-'))
		pos++;
	while (pos < len && is_digit(s[pos]))
		pos++;
	if (pos < len)
		return unexpected(err, s, len, pos);
	suf_len = len - suf;

	/* interpret it (suffix.go) */
	if (suf_len == 0) {
		e = 0;
	} else if (suf_len == 1) {
		switch (s[suf]) {
		case 'n': e = -9; break;
		case 'u': e = -6; break;
		case 'm': e = -3; break;
		case 'k': e = 3; break;
		case 'M': e = 6; break;
		case 'G': e = 9; break;
		case 'T': e = 12; break;
		case 'P': e = 15; break;
		case 'E': e = 18; break;
		default: goto unknown;
		}
	} else if (suf_len == 2 && s[suf + 1] == 'i' && binary_power(s[suf]) > 0) {
		base = 2;
		format = HPA_QUANTITY_BINARY_SI;
		e = binary_power(s[suf]);
	} else if (s[suf] == 'e' || s[suf] == 'E') {
		/* strconv.ParseInt(rest, 10, ...): [+-]?[0-9]+, here within int32 */
		size_t x = suf + 1;
		bool eneg = false;
		uint64_t mag = 0;
		if (s[x] == '+' || s[x] == '-')
			eneg = s[x++] == '-';
		if (x == len)
			goto unknown;
		for (size_t y = x; y < len; y++) {
			if (!is_digit(s[y]))
				goto unknown;
			if (mag <= (uint64_t)EXP_MAX + 1)
				mag = mag * 10 + (uint64_t)(s[y] - '0');
		}
		if (mag > (uint64_t)EXP_MAX + (eneg ? 1 : 0))
			return syntax(err, s, len, suf + 1, "exponent out of range", NULL);
		e = eneg ? -(int64_t)mag : (int64_t)mag;
		format = HPA_QUANTITY_DECIMAL_EXPONENT;
	} else {
		goto unknown;
	}

	/* upstream's int64 fast path decides whether the text is kept as the
	 * printed form; outside it, a number without any digit is an error */
	if (base == 10) {
		size_t nl = n.il ? n.il : 1;
		fast = nl + n.fl <= 18 && e - (int64_t)n.fl >= -9;
	} else {
		/* precision = 15 - len(num) - exponent*3/10 - 1 */
		int64_t nl = n.il ? (int64_t)n.il : 1;
		fast = n.fl == 0 && 14 - nl - 3 * (e / 10) >= 0;
	}
	if (!fast && !n.has_digits)
		return syntax(err, s, len, start, "no digits in the number", NULL);

	q->format = format;
	if (base == 10)
		set_decimal(q, &n, e);
	else
		set_binary(q, &n, (int)e);
	if (neg)
		q->sign = -q->sign;
	/* the value's own decimal exponent must fit int32 too, or its canonical
	 * form (e.g. 9e2147483656 for 90000e2147483652) could not be read back */
	if (q->sign != 0 && q->exp > EXP_MAX) {
		set_zero(q, s, len, format);
		return syntax(err, s, len, start, "exponent out of range", NULL);
	}

	if (fast && n.il > 0) {
		if (base == 10) {
			size_t total = n.il + n.fl;
			bool ends000 = total >= 3 && shifted_at(&n, total - 1) == '0' &&
				shifted_at(&n, total - 2) == '0' && shifted_at(&n, total - 3) == '0';
			q->keep_text = (e - (int64_t)n.fl) % 3 == 0 && !ends000;
		} else {
			/* value & 0x07 != 0 (at most 13 digits here) */
			uint64_t v = 0;
			for (size_t x = 0; x < n.il; x++)
				v = v * 10 + (uint64_t)(s[n.ip + x] - '0');
			q->keep_text = (v & 7u) != 0;
		}
	}
	return 0;

unknown:
	return syntax(err, s, len, suf, "unknown suffix", " (expected n, u, m, k, M, G, T, P, E, "
		"Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3)");
}

bool hpa__quantity_ok(const char *s, size_t len)
{
	hpa__qty q;
	return hpa__quantity_scan(s, len, &q, NULL) == 0;
}

/* ---- construction -------------------------------------------------------------- */

static void set_int(hpa__qty *q, int64_t v, int64_t exp, int format)
{
	uint64_t m;
	char rev[24];
	size_t r = 0;

	set_zero(q, NULL, 0, format);
	if (v == 0)
		return;
	q->sign = v < 0 ? -1 : 1;
	m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	while (m % 10 == 0) {
		m /= 10;
		exp++;
	}
	for (; m > 0; m /= 10)
		rev[r++] = (char)('0' + m % 10);
	q->ndig = r;
	for (size_t i = 0; i < r; i++)
		q->inl[i] = rev[r - 1 - i];
	q->exp = exp;
}

void hpa__qty_from_milli(hpa__qty *out, int64_t milli, int format)
{
	set_int(out, milli, -3, format);
}

void hpa__qty_from_scaled(hpa__qty *out, int64_t v, int scale)
{
	set_int(out, v, scale, HPA_QUANTITY_DECIMAL_SI);
}

void hpa__qty_rebase(hpa__qty *q, const char *old_base, const char *new_base)
{
	if (q->text)
		q->text = new_base + (q->text - old_base);
	if (q->digits)
		q->digits = new_base + (q->digits - old_base);
}

/* ---- reading -------------------------------------------------------------------- */

char hpa__qty_digit(const hpa__qty *q, size_t i)
{
	char c;
	if (!q->digits)
		c = q->inl[i];
	else
		c = q->digits[i >= q->dot ? i + 1 : i];
	if (q->bump && i + 1 == q->ndig)
		c++;
	return c;
}

int hpa__qty_scaled(const hpa__qty *q, int scale, int64_t *out)
{
	uint64_t m = 0;
	int64_t t;

	*out = 0;
	if (q->sign == 0)
		return 0;
	t = q->exp - scale;
	if (t >= 0) {
		if ((int64_t)q->ndig + t > 19)
			return HPA_ERANGE;
		for (size_t i = 0; i < q->ndig; i++)
			m = m * 10 + (uint64_t)(hpa__qty_digit(q, i) - '0');
		for (int64_t i = 0; i < t; i++) {
			if (m > UINT64_MAX / 10)
				return HPA_ERANGE;
			m *= 10;
		}
	} else if ((uint64_t)-t >= (uint64_t)q->ndig) {
		m = 1; /* 0 < |v| < one unit: rounds up to one */
	} else {
		/* keep ndig + t digits; the dropped ones end with a non-zero
		 * digit, so the result always rounds up */
		size_t kept = q->ndig - (size_t)(uint64_t)-t;
		if (kept > 19)
			return HPA_ERANGE;
		for (size_t i = 0; i < kept; i++)
			m = m * 10 + (uint64_t)(hpa__qty_digit(q, i) - '0');
		m++;
	}
	if (q->sign > 0) {
		if (m > (uint64_t)INT64_MAX)
			return HPA_ERANGE;
		*out = (int64_t)m;
	} else {
		if (m > (uint64_t)INT64_MAX + 1)
			return HPA_ERANGE;
		*out = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
	}
	return 0;
}

int hpa__qty_milli(const hpa__qty *q, int64_t *out)
{
	return hpa__qty_scaled(q, -3, out);
}

int hpa__qty_value(const hpa__qty *q, int64_t *out)
{
	return hpa__qty_scaled(q, 0, out);
}

int hpa__qty_cmp(const hpa__qty *a, const hpa__qty *b)
{
	int64_t ta, tb;
	int r = 0;

	if (a->sign != b->sign)
		return a->sign < b->sign ? -1 : 1;
	if (a->sign == 0)
		return 0;
	/* position of the leading digit */
	ta = (int64_t)a->ndig + a->exp;
	tb = (int64_t)b->ndig + b->exp;
	if (ta != tb) {
		r = ta < tb ? -1 : 1;
	} else {
		size_t n = a->ndig < b->ndig ? a->ndig : b->ndig;
		for (size_t i = 0; i < n && r == 0; i++) {
			char ca = hpa__qty_digit(a, i), cb = hpa__qty_digit(b, i);
			if (ca != cb)
				r = ca < cb ? -1 : 1;
		}
		if (r == 0 && a->ndig != b->ndig)
			r = a->ndig < b->ndig ? -1 : 1;
	}
	return a->sign * r;
}

/* ---- printing -------------------------------------------------------------------- */

typedef struct {
	char *dst;
	size_t size;
	size_t n;
} writer_t;

static void put(writer_t *w, char c)
{
	if (w->n + 1 < w->size)
		w->dst[w->n] = c;
	w->n++;
}

static void puts_(writer_t *w, const char *s)
{
	while (*s)
		put(w, *s++);
}

static void put_u64(writer_t *w, uint64_t v)
{
	char rev[24];
	size_t r = 0;
	do {
		rev[r++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (r > 0)
		put(w, rev[--r]);
}

static void put_exp(writer_t *w, int64_t e)
{
	put(w, 'e');
	if (e < 0) {
		put(w, '-');
		put_u64(w, (uint64_t)0 - (uint64_t)e);
	} else {
		put_u64(w, (uint64_t)e);
	}
}

/* Decimal canonical form (int64Amount/infDecAmount AsCanonicalBytes and
 * the suffixer): the exponent goes down to a multiple of 3, the digits get
 * the zeros. */
static void put_decimal(writer_t *w, const hpa__qty *q, int format)
{
	static const char *const si[] = { "n", "u", "m", "", "k", "M", "G", "T", "P", "E" };
	int64_t r = ((q->exp % 3) + 3) % 3, e = q->exp - r;

	if (q->sign < 0)
		put(w, '-');
	for (size_t i = 0; i < q->ndig; i++)
		put(w, hpa__qty_digit(q, i));
	for (int64_t i = 0; i < r; i++)
		put(w, '0');
	if (format == HPA_QUANTITY_DECIMAL_SI && e >= -9 && e <= 18)
		puts_(w, si[(e + 9) / 3]);
	else if (e != 0)
		put_exp(w, e); /* DecimalExponent, and DecimalSI beyond n..E */
}

size_t hpa__qty_format(const hpa__qty *q, char *dst, size_t size)
{
	writer_t w = { dst, size, 0 };

	if (q->sign == 0) {
		put(&w, '0');
	} else if (q->keep_text) {
		for (size_t i = 0; i < q->text_len; i++)
			put(&w, q->text[i]);
	} else if (q->format == HPA_QUANTITY_BINARY_SI) {
		int64_t v;
		uint64_t m;
		int t = 0;
		/* |v| < 1024 or not an integer: DecimalSI; else base 1024 */
		if (q->exp < 0 || hpa__qty_value(q, &v) != 0 || v == INT64_MIN ||
		    (v > -1024 && v < 1024)) {
			put_decimal(&w, q, HPA_QUANTITY_DECIMAL_SI);
		} else {
			static const char *const bin[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
			m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			while (m >= 1024 && m % 1024 == 0) {
				m /= 1024;
				t++;
			}
			if (v < 0)
				put(&w, '-');
			put_u64(&w, m);
			puts_(&w, bin[t]);
		}
	} else {
		put_decimal(&w, q, q->format);
	}
	if (size > 0)
		dst[w.n < size ? w.n : size - 1] = '\0';
	return w.n;
}

int hpa__qty_canonical(const hpa__qty *q, hpa__buf *b)
{
	size_t n = hpa__qty_format(q, NULL, 0);
	if (hpa__buf_grow(b, n) != 0)
		return HPA_ENOMEM;
	hpa__qty_format(q, b->ptr + b->len, n + 1);
	b->len += n;
	return 0;
}
