/*
 * lib/codec/resolve.c -- what a plain YAML scalar means to Kubernetes.
 *
 * Kubernetes decodes YAML with sigs.k8s.io/yaml on top of go-yaml v2, a
 * YAML 1.1 resolver. This file follows go-yaml v2's resolve() (resolve.go)
 * decision by decision:
 *   - a fixed table: y/Y/yes/Yes/YES/true/True/TRUE/on/On/ON (true),
 *     n/N/no/No/NO/false/False/FALSE/off/Off/OFF (false),
 *     ""/~/null/Null/NULL (null), .nan/.inf variants (float), << (merge);
 *   - a first character `.` : Go's strconv.ParseFloat on the text;
 *   - a first character digit or sign: a timestamp (decoded as a string),
 *     else, with every `_` removed, strconv.ParseInt(s, 0, 64) or
 *     ParseUint(s, 0, 64) (0x, 0o, 0b prefixes, leading-0 octal), else the
 *     float pattern ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
 *     when ParseFloat does not overflow, else 0b.../-0b... binary;
 *   - anything else is a string.
 * No strtod, no locale: the overflow test compares decimal digits with
 * the smallest value that rounds to infinity (2^1024 - 2^970).
 */
#include "codec/codec_int.h"

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- the fixed table ------------------------------------------------------------ */

typedef struct {
	const char *s;
	hpa__rkind k;
} table_entry;

/* ordered by length: the entries of length n are table[by_len[n]..by_len[n + 1]) */
static const table_entry table[] = {
	{ "y", HPA__R_BOOL }, { "Y", HPA__R_BOOL }, { "n", HPA__R_BOOL }, { "N", HPA__R_BOOL }, { "~", HPA__R_NULL },
	{ "on", HPA__R_BOOL }, { "On", HPA__R_BOOL }, { "ON", HPA__R_BOOL },
	{ "no", HPA__R_BOOL }, { "No", HPA__R_BOOL }, { "NO", HPA__R_BOOL }, { "<<", HPA__R_MERGE },
	{ "yes", HPA__R_BOOL }, { "Yes", HPA__R_BOOL }, { "YES", HPA__R_BOOL },
	{ "off", HPA__R_BOOL }, { "Off", HPA__R_BOOL }, { "OFF", HPA__R_BOOL },
	{ "true", HPA__R_BOOL }, { "True", HPA__R_BOOL }, { "TRUE", HPA__R_BOOL },
	{ "null", HPA__R_NULL }, { "Null", HPA__R_NULL }, { "NULL", HPA__R_NULL },
	{ ".nan", HPA__R_FLOAT }, { ".NaN", HPA__R_FLOAT }, { ".NAN", HPA__R_FLOAT },
	{ ".inf", HPA__R_FLOAT }, { ".Inf", HPA__R_FLOAT }, { ".INF", HPA__R_FLOAT },
	{ "false", HPA__R_BOOL }, { "False", HPA__R_BOOL }, { "FALSE", HPA__R_BOOL },
	{ "+.inf", HPA__R_FLOAT }, { "+.Inf", HPA__R_FLOAT }, { "+.INF", HPA__R_FLOAT },
	{ "-.inf", HPA__R_FLOAT }, { "-.Inf", HPA__R_FLOAT }, { "-.INF", HPA__R_FLOAT },
};
static const unsigned char by_len[] = { 0, 0, 5, 12, 18, 30, 39 };
_Static_assert(sizeof(table) / sizeof(table[0]) == 39, "by_len matches the table");

static bool table_lookup(const char *s, size_t n, hpa__rkind *k)
{
	size_t i;
	if (n == 0 || n > 5)
		return false;
	for (i = by_len[n]; i < by_len[n + 1]; i++)
		if (table[i].s[0] == s[0] && memcmp(table[i].s, s, n) == 0) {
			*k = table[i].k;
			return true;
		}
	return false;
}

/* ---- floats -------------------------------------------------------------------------- */

/* 2^1024 - 2^970: decimal values at or above it round to +Inf in binary64. */
static const char inf_threshold[] =
	"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/* Does the decimal number (mantissa digits in s[0..n) with '.', '_' and an
 * optional e/E exponent; syntax already checked) overflow binary64? */
static bool float_overflows(const char *s, size_t n)
{
	char digits[sizeof(inf_threshold)];
	size_t nd = 0, i = 0;
	long long point = 0;  /* decimal exponent of the first significant digit, 0.dddd x 10^point */
	long long exp = 0;
	bool seen_point = false, seen_nonzero = false, eneg = false;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
		char c = s[i];
		if (c == '_')
			continue;
		if (c == '.') {
			seen_point = true;
			continue;
		}
		if (!seen_nonzero && c == '0') {
			if (seen_point)
				point--;
			continue;
		}
		if (!seen_nonzero)
			seen_nonzero = true;
		if (!seen_point)
			point++;
		if (nd < sizeof(digits) - 1)
			digits[nd++] = c;
	}
	if (!seen_nonzero)
		return false;
	if (i < n) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < n; i++) {
			if (s[i] == '_')
				continue;
			if (exp < 100000)
				exp = exp * 10 + (s[i] - '0');
		}
	}
	point += eneg ? -exp : exp;
	if (point != 309)
		return point > 309;
	digits[nd] = '\0';
	/* same exponent: compare digit strings (missing digits are zeros) */
	for (i = 0; i < sizeof(inf_threshold) - 1; i++) {
		char a = i < nd ? digits[i] : '0';
		if (a != inf_threshold[i])
			return a > inf_threshold[i];
	}
	return true; /* exactly the halfway point: rounds to even, i.e. +Inf */
}

/* Go's underscoreOK for a decimal number: `_` only between digits. */
static bool underscores_ok(const char *s, size_t n)
{
	char saw = '^';
	size_t i = 0;
	if (n && (s[0] == '+' || s[0] == '-'))
		i = 1;
	for (; i < n; i++) {
		if (is_digit(s[i])) {
			saw = '0';
			continue;
		}
		if (s[i] == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}

/* strconv.ParseFloat(s) for a text starting with '.': .digits[e[+-]digits] */
static bool go_parse_dot_float(const char *s, size_t n)
{
	size_t i = 1, d = 0;
	bool us = false;
	for (; i < n && (is_digit(s[i]) || s[i] == '_'); i++) {
		if (s[i] == '_')
			us = true;
		else
			d++;
	}
	if (!d)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = 0;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (; i < n && (is_digit(s[i]) || s[i] == '_'); i++) {
			if (s[i] == '_')
				us = true;
			else
				e++;
		}
		if (!e)
			return false;
	}
	if (i != n)
		return false;
	if (us && !underscores_ok(s, n))
		return false;
	return !float_overflows(s, n);
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ (no underscores here) */
static bool yaml_style_float(const char *s, size_t n)
{
	size_t i = 0, d;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i < n && s[i] == '.') {
		i++;
		for (d = 0; i < n && is_digit(s[i]); i++)
			d++;
		if (!d)
			return false;
	} else {
		for (d = 0; i < n && is_digit(s[i]); i++)
			d++;
		if (!d)
			return false;
		if (i < n && s[i] == '.') {
			i++;
			while (i < n && is_digit(s[i]))
				i++;
		}
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (d = 0; i < n && is_digit(s[i]); i++)
			d++;
		if (!d)
			return false;
	}
	return i == n;
}

/* ---- integers -------------------------------------------------------------------------- */

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* strconv.ParseUint(s, base, 64) without sign; base 0 = prefixes. */
static bool go_parse_uint(const char *s, size_t n, int base, uint64_t *out)
{
	uint64_t v = 0;
	size_t i = 0;
	if (n == 0)
		return false;
	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			char l = n >= 3 ? (char)(s[1] | 0x20) : 0;
			if (l == 'b')
				base = 2, i = 2;
			else if (l == 'o')
				base = 8, i = 2;
			else if (l == 'x')
				base = 16, i = 2;
			else
				base = 8, i = 1;
		}
	}
	for (; i < n; i++) {
		int d = digit_value(s[i]);
		if (d >= base)
			return false;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	*out = v;
	return true;
}

/* strconv.ParseInt(s, base, 64) or, unsigned, ParseUint(s, base, 64)
 * succeeds: then the value's sign and magnitude */
static bool go_int(const char *s, size_t n, int base, bool *neg, uint64_t *mag)
{
	if (n == 0)
		return false;
	*neg = s[0] == '-';
	if (s[0] == '+' || s[0] == '-') {
		if (!go_parse_uint(s + 1, n - 1, base, mag))
			return false;
		return *neg ? *mag <= (uint64_t)1 << 63 : *mag <= (uint64_t)INT64_MAX;
	}
	return go_parse_uint(s, n, base, mag);
}

/* go-yaml's integers of a text with its `_` removed: ParseInt/ParseUint
 * with base 0, then the binary forms `0b...` and `-0b...` it retries
 * (none of which the float pattern takes, so trying them before the
 * float as hpa__yaml_resolve() does decides the same) */
static bool yaml_int_plain(const char *plain, size_t pn, bool *neg, uint64_t *mag)
{
	if (go_int(plain, pn, 0, neg, mag))
		return true;
	*neg = false;
	if (pn > 2 && plain[0] == '0' && plain[1] == 'b' && go_int(plain + 2, pn - 2, 2, neg, mag))
		return true;
	*neg = true;
	return pn > 3 && plain[0] == '-' && plain[1] == '0' && plain[2] == 'b' &&
		go_parse_uint(plain + 3, pn - 3, 2, mag) && *mag <= (uint64_t)1 << 63;
}

/* ---- timestamps (Go time.Parse with go-yaml's four layouts) ------------------------- */

static size_t getnum(const char *s, size_t n, size_t i, int *v)
{
	if (i >= n || !is_digit(s[i]))
		return 0;
	if (i + 1 < n && is_digit(s[i + 1])) {
		*v = (s[i] - '0') * 10 + (s[i + 1] - '0');
		return 2;
	}
	*v = s[i] - '0';
	return 1;
}

static bool is_timestamp(const char *s, size_t n)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	size_t i = 0, k;
	int year, mon, day, h, mi, sec;
	char sep;
	for (i = 0; i < n && is_digit(s[i]); i++)
		;
	if (i != 4 || i == n || s[i] != '-')
		return false;
	year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	i = 5;
	if (!(k = getnum(s, n, i, &mon)) || mon < 1 || mon > 12)
		return false;
	i += k;
	if (i >= n || s[i] != '-')
		return false;
	i++;
	if (!(k = getnum(s, n, i, &day)) || day < 1 || day > mdays[mon - 1])
		return false;
	if (mon == 2 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return false;
	i += k;
	if (i == n)
		return true;
	sep = s[i];
	if (sep != 'T' && sep != 't' && sep != ' ')
		return false;
	i++;
	if (!(k = getnum(s, n, i, &h)) || h > 23)
		return false;
	i += k;
	if (i >= n || s[i] != ':')
		return false;
	i++;
	if (!(k = getnum(s, n, i, &mi)) || mi > 59)
		return false;
	i += k;
	if (i >= n || s[i] != ':')
		return false;
	i++;
	if (!(k = getnum(s, n, i, &sec)) || sec > 59)
		return false;
	i += k;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && is_digit(s[i + 1])) {
		i++;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (sep == ' ')
		return i == n;
	if (i < n && s[i] == 'Z')
		return i + 1 == n;
	if (n - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':' ||
	    !is_digit(s[i + 1]) || !is_digit(s[i + 2]) || !is_digit(s[i + 4]) || !is_digit(s[i + 5]))
		return false;
	h = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	mi = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
	return h <= 24 && mi <= 60;
}

/* ---- resolve ---------------------------------------------------------------------------- */

hpa__rkind hpa__yaml_resolve(const char *s, size_t n)
{
	hpa__rkind k;
	char c, plain[4096];
	size_t i, pn;
	bool neg;
	uint64_t mag;

	if (n == 0)
		return HPA__R_NULL;
	c = s[0];
	if (!(c == '+' || c == '-' || is_digit(c) || c == '.' || c == '~' || c == '<' ||
	      c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' ||
	      c == 'f' || c == 'F' || c == 'o' || c == 'O'))
		return HPA__R_STR;
	if (table_lookup(s, n, &k))
		return k;
	if (c == '.')
		return go_parse_dot_float(s, n) ? HPA__R_FLOAT : HPA__R_STR;
	if (!(c == '+' || c == '-' || is_digit(c)))
		return HPA__R_STR;  /* '<' and the letters: only the table applies */
	if (is_timestamp(s, n))
		return HPA__R_TIMESTAMP;
	/* every '_' removed, as go-yaml does before ParseInt/ParseFloat. A
	 * numeric-looking plain scalar longer than the buffer is taken as a
	 * string (go-yaml would find a float overflow or a long zero-padded
	 * integer there; neither occurs in manifests). */
	if (n > sizeof(plain))
		return HPA__R_STR;
	for (i = 0, pn = 0; i < n; i++)
		if (s[i] != '_')
			plain[pn++] = s[i];
	if (yaml_int_plain(plain, pn, &neg, &mag))
		return HPA__R_INT;
	if (yaml_style_float(plain, pn) && !float_overflows(plain, pn))
		return HPA__R_FLOAT;
	return HPA__R_STR;
}

bool hpa__yaml_int_value(const char *s, size_t n, bool *neg, uint64_t *mag)
{
	char plain[4096];
	size_t i, pn;
	/* the text hpa__yaml_resolve() reads (a timestamp is a string) */
	if (n == 0 || n > sizeof(plain) || !(s[0] == '+' || s[0] == '-' || is_digit(s[0])) || is_timestamp(s, n))
		return false;
	for (i = 0, pn = 0; i < n; i++)
		if (s[i] != '_')
			plain[pn++] = s[i];
	return yaml_int_plain(plain, pn, neg, mag);
}

bool hpa__yaml_is_base60(const char *s, size_t n)
{
	/* ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
	size_t i = 0, groups = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= n || !is_digit(s[i]))
		return false;
	for (i++; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
		;
	while (i < n && s[i] == ':') {
		i++;
		if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && is_digit(s[i + 1]))
			i += 2;
		else if (i < n && is_digit(s[i]))
			i += 1;
		else
			return false;
		groups++;
	}
	if (!groups)
		return false;
	if (i < n && s[i] == '.')
		for (i++; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
			;
	return i == n;
}

int hpa__rkind_to_vkind(hpa__rkind r)
{
	switch (r) {
	case HPA__R_NULL: return HPA__V_NULL;
	case HPA__R_BOOL: return HPA__V_BOOL;
	case HPA__R_INT: return HPA__V_INT;
	case HPA__R_FLOAT: return HPA__V_FLOAT;
	default: return HPA__V_STR;
	}
}

bool hpa__utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
				return false;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
				return false;
			if (c == 0xE0 && s[i + 1] < 0xA0)
				return false;  /* overlong */
			if (c == 0xED && s[i + 1] >= 0xA0)
				return false;  /* surrogate */
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
			    (s[i + 3] & 0xC0) != 0x80)
				return false;
			if (c == 0xF0 && s[i + 1] < 0x90)
				return false;
			if (c == 0xF4 && s[i + 1] >= 0x90)
				return false;
			i += 4;
		} else {
			return false;
		}
	}
	return true;
}
