/* tests/unit/test_quantity.c -- resource.Quantity rules.
 *
 * The tables are ported from upstream k8s.io/apimachinery
 * pkg/api/resource/quantity_test.go (the Go test each table comes from is
 * named in its comment). Expected values are upstream's, or hand-computed
 * where a comment explains them; none comes from running this code. */
#include "helpers.h"
#include "quantity/quantity_int.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define DSI HPA_QUANTITY_DECIMAL_SI
#define BSI HPA_QUANTITY_BINARY_SI
#define DEX HPA_QUANTITY_DECIMAL_EXPONENT

/* upstream decQuantity(i, exponent, format) / intQuantity(...) */
static hpa__qty mk(int64_t v, int scale, int format)
{
	hpa__qty q;
	hpa__qty_from_scaled(&q, v, scale);
	q.format = format;
	return q;
}

static int scan(const char *s, hpa__qty *q)
{
	return hpa__quantity_scan(s, strlen(s), q, NULL);
}

/* canonical form of q into a static buffer */
static const char *canon(const hpa__qty *q)
{
	static char buf[256];
	hpa__qty_format(q, buf, sizeof(buf));
	return buf;
}

/* inf.Dec.String()-like plain decimal of the value: "-12.5", "1000" */
static const char *plain(const hpa__qty *q)
{
	static char buf[512];
	size_t n = 0;
	int64_t point; /* digits before the decimal point */
	if (q->sign == 0)
		return "0";
	if (q->sign < 0)
		buf[n++] = '-';
	point = (int64_t)q->ndig + q->exp;
	if (point <= 0) {
		buf[n++] = '0';
		buf[n++] = '.';
		for (int64_t i = 0; i < -point; i++)
			buf[n++] = '0';
	}
	for (size_t i = 0; i < q->ndig; i++) {
		if (point > 0 && (int64_t)i == point)
			buf[n++] = '.';
		buf[n++] = hpa__qty_digit(q, i);
	}
	for (int64_t i = 0; i < q->exp; i++)
		buf[n++] = '0';
	buf[n] = '\0';
	return buf;
}

/* ---- TestQuantityParse: value and format of valid inputs ----------------------- */

typedef struct {
	const char *in;
	int64_t v;
	int scale;
	int format;
} parse_case;

#define MAXI INT64_MAX

static const parse_case parse_table[] = {
	{ "0", 0, 0, DSI }, { "0n", 0, 0, DSI }, { "0u", 0, 0, DSI }, { "0m", 0, 0, DSI },
	{ "0Ki", 0, 0, BSI }, { "0k", 0, 0, DSI }, { "0Mi", 0, 0, BSI }, { "0M", 0, 0, DSI },
	{ "0Gi", 0, 0, BSI }, { "0G", 0, 0, DSI }, { "0Ti", 0, 0, BSI }, { "0T", 0, 0, DSI },
	/* Quantity less numbers are allowed */
	{ "1", 1, 0, DSI },
	/* Binary suffixes */
	{ "1Ki", 1024, 0, BSI }, { "8Ki", 8 * 1024, 0, BSI }, { "7Mi", 7 * 1024 * 1024, 0, BSI },
	{ "6Gi", 6LL * 1024 * 1024 * 1024, 0, BSI }, { "5Ti", 5LL << 40, 0, BSI },
	{ "4Pi", 4LL << 50, 0, BSI }, { "3Ei", 3LL << 60, 0, BSI },
	{ "10Ti", 10LL << 40, 0, BSI }, { "100Ti", 100LL << 40, 0, BSI },
	/* Decimal suffixes */
	{ "5n", 5, -9, DSI }, { "4u", 4, -6, DSI }, { "3m", 3, -3, DSI }, { "9", 9, 0, DSI },
	{ "8k", 8, 3, DSI }, { "50k", 5, 4, DSI }, { "7M", 7, 6, DSI }, { "6G", 6, 9, DSI },
	{ "5T", 5, 12, DSI }, { "40T", 4, 13, DSI }, { "300T", 3, 14, DSI }, { "2P", 2, 15, DSI },
	{ "1E", 1, 18, DSI },
	/* Decimal exponents */
	{ "1E-3", 1, -3, DEX }, { "1e3", 1, 3, DEX }, { "1E6", 1, 6, DEX }, { "1e9", 1, 9, DEX },
	{ "1E12", 1, 12, DEX }, { "1e15", 1, 15, DEX }, { "1E18", 1, 18, DEX },
	/* Nonstandard but still parsable */
	{ "1e14", 1, 14, DEX }, { "1e13", 1, 13, DEX }, { "1e3", 1, 3, DEX },
	{ "100.035k", 100035, 0, DSI },
	/* Things that look like floating point */
	{ "0.001", 1, -3, DSI }, { "0.0005k", 5, -1, DSI }, { "0.005", 5, -3, DSI },
	{ "0.05", 5, -2, DSI }, { "0.5", 5, -1, DSI }, { "0.00050k", 5, -1, DSI },
	{ "0.00500", 5, -3, DSI }, { "0.05000", 5, -2, DSI }, { "0.50000", 5, -1, DSI },
	{ "0.5e0", 5, -1, DEX }, { "0.5e-1", 5, -2, DEX }, { "0.5e-2", 5, -3, DEX },
	{ "0.5e0", 5, -1, DEX }, { "10.035M", 10035, 3, DSI },
	{ "1.2e3", 12, 2, DEX }, { "1.3E+6", 13, 5, DEX }, { "1.40e9", 14, 8, DEX },
	{ "1.53E12", 153, 10, DEX }, { "1.6e15", 16, 14, DEX }, { "1.7E18", 17, 17, DEX },
	{ "9.01", 901, -2, DSI }, { "8.1k", 81, 2, DSI }, { "7.123456M", 7123456, 0, DSI },
	{ "6.987654321G", 6987654321LL, 0, DSI }, { "5.444T", 5444, 9, DSI },
	{ "40.1T", 401, 11, DSI }, { "300.2T", 3002, 11, DSI }, { "2.5P", 25, 14, DSI },
	{ "1.01E", 101, 16, DSI },
	/* Things that saturate/round */
	{ "3.001n", 4, -9, DSI }, { "1.1E-9", 2, -9, DEX }, { "0.0000000001", 1, -9, DSI },
	{ "0.0000000005", 1, -9, DSI }, { "0.00000000050", 1, -9, DSI }, { "0.5e-9", 1, -9, DEX },
	{ "0.9n", 1, -9, DSI }, { "0.00000012345", 124, -9, DSI }, { "0.00000012354", 124, -9, DSI },
	{ "9Ei", MAXI, 0, BSI }, { "9223372036854775807Ki", MAXI, 0, BSI }, { "12E", 12, 18, DSI },
	/* We'll accept fractional binary stuff, too. */
	{ "100.035Ki", 10243584, -2, BSI }, { "0.5Mi", 524288, 0, BSI },
	{ "0.05Gi", 536870912, -1, BSI }, { "0.025Ti", 274877906944LL, -1, BSI },
	/* Things written by trolls */
	{ "0.000000000001Ki", 2, -9, DSI }, /* rounds up, changes format */
	{ ".001", 1, -3, DSI }, { ".0001k", 100, -3, DSI }, { "1.", 1, 0, DSI }, { "1.G", 1, 9, DSI },
};

static void test_quantity__parse_table(void)
{
	/* as upstream: each input, its negation and an explicit '+' */
	for (size_t i = 0; i < HPA__ARRAY_SIZE(parse_table); i++) {
		const parse_case *c = &parse_table[i];
		for (int variant = 0; variant < 3; variant++) {
			char in[64];
			hpa__qty got, want = mk(c->v, c->scale, c->format);
			snprintf(in, sizeof(in), "%s%s", variant == 1 ? "-" : variant == 2 ? "+" : "", c->in);
			if (variant == 1 && want.sign != 0)
				want.sign = -1;
			if (scan(in, &got) != 0) {
				CU_FAIL("valid quantity rejected");
				fprintf(stderr, "\n  rejected: %s\n", in);
				continue;
			}
			if (hpa__qty_cmp(&got, &want) != 0 || got.format != c->format) {
				char w[128];
				snprintf(w, sizeof(w), "%s", plain(&want));
				fprintf(stderr, "\n  %s: got %s (format %d), want %s (format %d)\n", in,
					plain(&got), got.format, w, c->format);
				CU_FAIL("parsed value or format differs");
			}
		}
	}
}

/* ---- TestQuantityParse (invalid) and this project's error cases ------------------- */

typedef struct {
	const char *in;
	size_t column; /* 1-based column of the offending character */
	const char *needle; /* part of the message */
} bad_case;

static const bad_case bad_table[] = {
	/* upstream TestQuantityParse invalid list */
	{ "1.1.M", 4, "unexpected character '.'" },
	{ "1+1.0M", 4, "unexpected character '.'" },
	{ "0.1mi", 4, "unknown suffix" },
	{ "0.1am", 4, "unexpected character 'a'" },
	{ "aoeu", 1, "unexpected character 'a'" },
	{ ".5i", 3, "unknown suffix" },
	{ "1i", 2, "unknown suffix" },
	{ "-3.01i", 6, "unknown suffix" },
	{ "-3.01e-", 6, "unknown suffix" },
	{ " 1", 1, "unexpected character ' '" }, /* leading whitespace */
	{ "1 ", 2, "unexpected character ' '" }, /* trailing whitespace */
	/* TestQuantityParseNonNumericPanic, TestQuantityValueSet */
	{ "Non-Numeric", 1, "unexpected character 'N'" },
	{ "invalid", 3, "unexpected character 'v'" }, /* "in" are suffix characters */
	/* the brief's list */
	{ "", 1, "empty quantity" },
	{ "200 m", 4, "unexpected character ' '" },
	{ "1.2.3", 4, "unexpected character '.'" },
	{ "+-1", 2, "unknown suffix" },
	{ "1Kk", 2, "unknown suffix" },
	/* more: parseQuantityString accepts [eEinumkKMGTP]*[+-]?[0-9]* after
	 * the number, interpret() then wants a known suffix or e/E + integer */
	{ "1e", 2, "unknown suffix" },
	{ "1e+", 2, "unknown suffix" },
	{ "1ee3", 2, "unknown suffix" },
	{ "1Mi3", 2, "unknown suffix" },
	{ "1KI", 3, "unexpected character 'I'" },
	{ "1mm", 2, "unknown suffix" },
	{ "1e3.5", 4, "unexpected character '.'" },
	{ "1\xc2\xb5", 2, "byte 0xc2" },
	{ "1\n", 2, "byte 0x0a" },
	/* exponents must fit an int32 (upstream PR #141203) */
	{ "1e2147483648", 3, "exponent out of range" },
	{ "1e-2147483649", 3, "exponent out of range" },
	{ "1e99999999999999999999999", 3, "exponent out of range" },
	/* the exponent fits, the value's does not: 1000e2147483645 = 1e2147483648
	 * (found by fuzz_quantity: its canonical form could not be read back) */
	{ "1000e2147483645", 1, "exponent out of range" },
	/* no digit at all outside upstream's int64 fast path: inf.Dec's
	 * SetString finds nothing to read (ErrNumeric) */
	{ "e-10", 1, "no digits" },
	{ "-.e-10", 2, "no digits" },
	{ "Pi", 1, "no digits" },
	{ "-Ei", 2, "no digits" },
};

static void test_quantity__errors(void)
{
	for (size_t i = 0; i < HPA__ARRAY_SIZE(bad_table); i++) {
		const bad_case *c = &bad_table[i];
		hpa_error e = HPA_ERROR_INIT;
		hpa__qty q;
		int rc = hpa__quantity_scan(c->in, strlen(c->in), &q, &e);
		CU_ASSERT_EQUAL(rc, HPA_ESYNTAX);
		CU_ASSERT_EQUAL(e.code, HPA_ESYNTAX);
		CU_ASSERT_EQUAL(e.line, 1);
		CU_ASSERT_EQUAL(e.column, c->column);
		CU_ASSERT_EQUAL(e.offset, c->column - 1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.message, c->needle));
		CU_ASSERT_EQUAL(q.sign, 0);
		CU_ASSERT(!hpa__quantity_ok(c->in, strlen(c->in)));
		if (rc != HPA_ESYNTAX || e.column != c->column || !strstr(e.message, c->needle))
			fprintf(stderr, "\n  \"%s\": rc %d column %zu message %s\n", c->in, rc, e.column,
				e.message);
	}
}

/* Inputs that look odd but upstream accepts: TestParseQuantityString
 * ("." and "-."), and what its scanner makes of an absent number (the
 * numerator defaults to "0", the int64 fast path parses it). */
static void test_quantity__odd_but_valid(void)
{
	static const char *const zero[] = { ".", "-.", "+", "-", "m", "Ki", "Ti", "-k", "e5", "e-9",
		".e-9", "0Pi", "0Ei", "00", "-0", "+0.000", "0.0000000000000000000000e-40", "1e-2147483648x" };
	for (size_t i = 0; i < HPA__ARRAY_SIZE(zero); i++) {
		hpa__qty q;
		int rc = scan(zero[i], &q);
		if (i + 1 == HPA__ARRAY_SIZE(zero)) {
			CU_ASSERT_EQUAL(rc, HPA_ESYNTAX); /* the last one has a stray 'x' */
			continue;
		}
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL(q.sign, 0);
		CU_ASSERT_STRING_EQUAL(canon(&q), "0");
		if (rc != 0)
			fprintf(stderr, "\n  rejected %s\n", zero[i]);
	}
}

/* ---- TestQuantityString ------------------------------------------------------------- */

typedef struct {
	int64_t v;
	int scale;
	int format;
	const char *expect, *alternate;
} string_case;

static const string_case string_table[] = {
	{ 1024 * 1024 * 1024, 0, BSI, "1Gi", "1024Mi" },
	{ 300 * 1024 * 1024, 0, BSI, "300Mi", "307200Ki" },
	{ 6 * 1024, 0, BSI, "6Ki", "" },
	{ 1001LL * 1024 * 1024 * 1024, 0, BSI, "1001Gi", "1025024Mi" },
	{ 1024LL * 1024 * 1024 * 1024, 0, BSI, "1Ti", "1024Gi" },
	{ 5, 0, BSI, "5", "5000m" },
	{ 500, -3, BSI, "500m", "0.5" },
	{ 1, 9, DSI, "1G", "1000M" },
	{ 1000, 6, DSI, "1G", "0.001T" },
	{ 1000000, 3, DSI, "1G", "" },
	{ 1000000000, 0, DSI, "1G", "" },
	{ 1, -3, DSI, "1m", "1000u" },
	{ 80, -3, DSI, "80m", "" },
	{ 1080, -3, DSI, "1080m", "1.08" },
	{ 108, -2, DSI, "1080m", "1080000000n" },
	{ 10800, -4, DSI, "1080m", "" },
	{ 300, 6, DSI, "300M", "" },
	{ 1, 12, DSI, "1T", "" },
	{ 1234567, 6, DSI, "1234567M", "" },
	{ 1234567, -3, BSI, "1234567m", "" },
	{ 3, 3, DSI, "3k", "" },
	{ 1025, 0, BSI, "1025", "" },
	{ 0, 0, DSI, "0", "" },
	{ 0, 0, BSI, "0", "" },
	{ 1, 9, DEX, "1e9", ".001e12" },
	{ 1, -3, DEX, "1e-3", "0.001e0" },
	{ 1, -9, DEX, "1e-9", "1000e-12" },
	{ 80, -3, DEX, "80e-3", "" },
	{ 300, 6, DEX, "300e6", "" },
	{ 1, 12, DEX, "1e12", "" },
	{ 1, 3, DEX, "1e3", "" },
	{ 3, 3, DEX, "3e3", "" },
	{ 3, 3, DSI, "3k", "" },
	{ 0, 0, DEX, "0", "00" },
	{ 1, -9, DSI, "1n", "" },
	{ 80, -9, DSI, "80n", "" },
	{ 1080, -9, DSI, "1080n", "" },
	{ 108, -8, DSI, "1080n", "" },
	{ 10800, -10, DSI, "1080n", "" },
	{ 1, -6, DSI, "1u", "" },
	{ 80, -6, DSI, "80u", "" },
	{ 1080, -6, DSI, "1080u", "" },
};

static void test_quantity__string_table(void)
{
	for (size_t i = 0; i < HPA__ARRAY_SIZE(string_table); i++) {
		const string_case *c = &string_table[i];
		hpa__qty q = mk(c->v, c->scale, c->format), p;
		char neg[64];
		CU_ASSERT_STRING_EQUAL(canon(&q), c->expect);
		/* the canonical text parses and is kept as the printed form */
		CU_ASSERT_EQUAL(scan(c->expect, &p), 0);
		CU_ASSERT(p.keep_text || p.sign == 0);
		CU_ASSERT_STRING_EQUAL(canon(&p), c->expect);
		if (c->alternate[0]) {
			CU_ASSERT_EQUAL(scan(c->alternate, &p), 0);
			CU_ASSERT(!p.keep_text);
			CU_ASSERT_STRING_EQUAL(canon(&p), c->expect);
		}
		if (q.sign == 0)
			continue; /* never "-0" */
		q.sign = -1;
		snprintf(neg, sizeof(neg), "-%s", c->expect);
		CU_ASSERT_STRING_EQUAL(canon(&q), neg);
		if (strcmp(canon(&q), neg) != 0)
			fprintf(stderr, "\n  want %s got %s\n", neg, canon(&q));
	}
}

/* ---- TestQuantityParseEmit and canonical forms from the brief ---------------------- */

static const char *const emit_table[][2] = {
	/* TestQuantityParseEmit */
	{ "1Ki", "1Ki" }, { "1Mi", "1Mi" }, { "1Gi", "1Gi" }, { "1024Mi", "1Gi" },
	{ "1000M", "1G" }, { ".001Ki", "1024m" }, { ".000001Ki", "1024u" },
	{ ".000000001Ki", "1024n" }, { ".000000000001Ki", "2n" },
	/* TestQuantityParseZero, TestQuantityCanocicalizeZero */
	{ "0", "0" }, { "0.0", "0" }, { "0Ki", "0" },
	/* the brief (1.5Gi = 1536Mi: 1.5 * 1024 = 1536) */
	{ "1536Mi", "1536Mi" }, { "1.5Gi", "1536Mi" }, { "1500m", "1500m" }, { "1.5", "1500m" },
	{ "0.5Gi", "512Mi" }, { "2048Ki", "2Mi" }, { "2000m", "2" }, { "0.25", "250m" },
	/* upstream keeps a parsed DecimalExponent "1e3" as is
	 * (TestQuantityString: decQuantity(1, 3, DecimalExponent) is "1e3") */
	{ "1e3", "1e3" }, { "1E3", "1E3" }, { "1e+3", "1e+3" },
	/* hand-traced through ParseQuantity/CanonicalizeBytes: the int64 fast
	 * path keeps texts whose scale is a multiple of 3, that do not end in
	 * "000" and do not start with "0" after the leading zeros are gone */
	{ "+1", "+1" }, { "01", "01" }, { "-0010m", "-0010m" }, { "1.0", "1" },
	{ "1e1", "10" }, { "1e2", "100" }, { "1e-1", "100e-3" }, { "10e3", "10e3" },
	{ "1000e3", "1e6" }, { "+1Ki", "+1Ki" }, { "+1Pi", "1Pi" }, { "+1Ti", "+1Ti" },
	{ "01Ki", "01Ki" }, { "8Ki", "8Ki" }, { "1025Ki", "1025Ki" }, { "1023Ki", "1023Ki" },
	{ "0.5Ki", "512" }, { "1.5Ki", "1536" }, { "0.0005Ki", "512m" },
	{ "1.1Ki", "1126400m" }, /* 1.1 * 1024 = 1126.4: not an integer, DecimalSI */
	{ "1024", "1024" }, { "1k", "1k" }, { "1000", "1k" }, { "100m", "100m" },
	{ "12E", "12E" }, { "100E", "100E" }, { "1000E", "1e21" },
	/* TestParseQuantity: min/max 18, 19, 20 digits and the int64 limits */
	{ "-999999999999999999", "-999999999999999999" },
	{ "999999999999999999", "999999999999999999" },
	{ "-999999999999999999.0", "-999999999999999999" },
	{ "999999999999999999.0", "999999999999999999" },
	{ "-999999999999999999.1", "-999999999999999999100m" },
	{ "999999999999999999.1", "999999999999999999100m" },
	{ "-9999999999999999999", "-9999999999999999999" },
	{ "9999999999999999999", "9999999999999999999" },
	{ "-1E", "-1E" }, { "1E", "1E" },
	{ "-1000000000000000000", "-1E" }, { "1000000000000000000", "1E" },
	{ "-9999999999999999999.0", "-9999999999999999999" },
	{ "9999999999999999999.0", "9999999999999999999" },
	{ "-1.0E", "-1E" }, { "1.0E", "1E" },
	{ "-1000000000000000000.0", "-1E" }, { "1000000000000000000.0", "1E" },
	{ "-9999999999999999999000m", "-9999999999999999999" },
	{ "9999999999999999999000m", "9999999999999999999" },
	{ "-9999999999999999999.1", "-9999999999999999999100m" },
	{ "9999999999999999999.1", "9999999999999999999100m" },
	{ "-1.0000000000000000001E", "-1000000000000000000100m" },
	{ "1.0000000000000000001E", "1000000000000000000100m" },
	{ "-1000000000000000000.1", "-1000000000000000000100m" },
	{ "1000000000000000000.1", "1000000000000000000100m" },
	{ "-1.000000000000000001E", "-1000000000000000001" },
	{ "1.000000000000000001E", "1000000000000000001" },
	{ "-1000000000000000001", "-1000000000000000001" },
	{ "1000000000000000001", "1000000000000000001" },
	{ "-10E", "-10E" }, { "10E", "10E" },
	{ "-10000000000000000000", "-10E" }, { "10000000000000000000", "10E" },
	{ "-10.0E", "-10E" }, { "10.0E", "10E" },
	{ "-10000000000000000000.0", "-10E" }, { "10000000000000000000.0", "10E" },
	{ "-10000000000000000000000m", "-10E" }, { "10000000000000000000000m", "10E" },
	{ "-10.0000000000000000001E", "-10000000000000000000100m" },
	{ "10.0000000000000000001E", "10000000000000000000100m" },
	{ "-10000000000000000000.1", "-10000000000000000000100m" },
	{ "10000000000000000000.1", "10000000000000000000100m" },
	{ "-10.000000000000000001E", "-10000000000000000001" },
	{ "10.000000000000000001E", "10000000000000000001" },
	{ "-10000000000000000001", "-10000000000000000001" },
	{ "10000000000000000001", "10000000000000000001" },
	{ "-9223372036854775809", "-9223372036854775809" },
	{ "9223372036854775806", "9223372036854775806" },
	{ "-9223372036854775809.0", "-9223372036854775809" },
	{ "9223372036854775806.0", "9223372036854775806" },
	{ "-9223372036854775809000m", "-9223372036854775809" },
	{ "9223372036854775806000m", "9223372036854775806" },
	{ "-9223372036854775809.1", "-9223372036854775809100m" },
	{ "9223372036854775806.1", "9223372036854775806100m" },
	{ "-9223372036854775808", "-9223372036854775808" },
	{ "9223372036854775807", "9223372036854775807" },
	{ "-9223372036854775808.0", "-9223372036854775808" },
	{ "9223372036854775807.0", "9223372036854775807" },
	{ "-9223372036854775808000m", "-9223372036854775808" },
	{ "9223372036854775807000m", "9223372036854775807" },
	{ "-9223372036854775808.1", "-9223372036854775808100m" },
	{ "9223372036854775807.1", "9223372036854775807100m" },
	{ "-9223372036854775807", "-9223372036854775807" },
	{ "9223372036854775808", "9223372036854775808" },
	{ "-9223372036854775807.0", "-9223372036854775807" },
	{ "9223372036854775808.0", "9223372036854775808" },
	{ "-9223372036854775807000m", "-9223372036854775807" },
	{ "9223372036854775808000m", "9223372036854775808" },
	{ "-9223372036854775807.1", "-9223372036854775807100m" },
	{ "9223372036854775808.1", "9223372036854775808100m" },
	/* binary values are capped at 2^63-1 = 8Ei - 1 */
	{ "8Ei", "9223372036854775807" }, { "-16Ei", "-9223372036854775807" },
	/* 7.(18 nines)Ei = 2^63 - 2^60 * 10^-18 = 9223372036854775806.847078495393...:
	 * not capped, rounded up to 1n; with 22 nines it rounds to a value
	 * above 2^63 - 1 and is capped */
	{ "7.999999999999999999Ei", "9223372036854775806847078496n" },
	{ "7.9999999999999999999999Ei", "9223372036854775807" },
	/* any size and exponent, exactly (2^31-1 = 2147483647 = 3*715827882 + 1) */
	{ "123456789012345678901234567890123456789", "123456789012345678901234567890123456789" },
	{ "1e1000", "10e999" }, { "1e2147483647", "10e2147483646" }, { "-1e-2147483648", "-1e-9" },
	{ "1e-1000", "1e-9" }, { "0.0000000000001m", "1n" }, { "0.99999999999999999999", "1" }, { "9.9999999999e-1", "1" },
	{ "99.9999999999", "100" }, { "0.1234567891", "123456790n" },
};

static void test_quantity__canonical_table(void)
{
	for (size_t i = 0; i < HPA__ARRAY_SIZE(emit_table); i++) {
		hpa__qty q;
		hpa__buf b = HPA__BUF_INIT;
		const char *in = emit_table[i][0], *want = emit_table[i][1];
		CU_ASSERT_EQUAL(scan(in, &q), 0);
		CU_ASSERT_STRING_EQUAL(canon(&q), want);
		CU_ASSERT_EQUAL(hpa__qty_format(&q, NULL, 0), strlen(want));
		CU_ASSERT_EQUAL(hpa__qty_canonical(&q, &b), 0);
		CU_ASSERT(b.ptr && strcmp(b.ptr, want) == 0);
		hpa__buf_dispose(&b);
		if (strcmp(canon(&q), want) != 0)
			fprintf(stderr, "\n  %s: got %s want %s\n", in, canon(&q), want);
	}
}

/* TestParseQuantity's wantAsDec column: the exact values */
static void test_quantity__exact_values(void)
{
	static const char *const table[][2] = {
		{ "999999999999999999.1", "999999999999999999.1" },
		{ "-9999999999999999999", "-9999999999999999999" },
		{ "-1.0000000000000000001E", "-1000000000000000000.1" },
		{ "10.0000000000000000001E", "10000000000000000000.1" },
		{ "-9223372036854775809.1", "-9223372036854775809.1" },
		{ "9223372036854775808000m", "9223372036854775808" },
		{ "1.0E", "1000000000000000000" },
		/* TestBigDec values through the parser */
		{ "92233720368547758080", "92233720368547758080" },
		{ "-922337203685477580.9", "-922337203685477580.9" },
		{ "-92233720368547758.09", "-92233720368547758.09" },
		/* TestQuantityParse rounding, by hand */
		{ "0.00000012345", "0.000000124" }, { "1.1E-9", "0.000000002" },
		{ "100.035Ki", "102435.84" }, { "0.000000000001Ki", "0.000000002" },
		/* 1.999999999999999999999n rounds up, the carry crosses the point */
		{ "1.999999999999999999999n", "0.000000002" },
		{ "999.9999999999", "1000" }, { "-0.0000000000001", "-0.000000001" },
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(table); i++) {
		hpa__qty q;
		CU_ASSERT_EQUAL(scan(table[i][0], &q), 0);
		CU_ASSERT_STRING_EQUAL(plain(&q), table[i][1]);
		if (strcmp(plain(&q), table[i][1]) != 0)
			fprintf(stderr, "\n  %s: got %s want %s\n", table[i][0], plain(&q), table[i][1]);
	}
}

/* ---- TestMilliNewSet, TestNewSet, TestNewScaledSet, TestScaledValue ------------- */

static void test_quantity__constructors(void)
{
	static const struct { int64_t v; int format; const char *expect; bool exact; } milli[] = {
		{ 1, DSI, "1m", true }, { 1000, DSI, "1", true }, { 1234000, DSI, "1234", true },
		{ 1024, BSI, "1024m", false }, { 1024 * 1024, BSI, "1048576m", false },
		{ 1000000, DEX, "1e3", true }, /* upstream: an invalid format defaults to DecimalExponent */
	};
	static const struct { int64_t v; int format; const char *expect; } whole[] = {
		{ 1, DSI, "1" }, { 1000, DSI, "1k" }, { 1234000, DSI, "1234k" }, { 1024, BSI, "1Ki" },
		{ 1000000, DEX, "1e6" }, { 1024 * 1024, BSI, "1Mi" },
	};
	static const struct { int64_t v; int scale; const char *expect; } scaled[] = {
		{ 1, -9, "1n" }, { 1000, -9, "1u" }, { 1, -6, "1u" }, { 1000, -6, "1m" },
		{ 1, -3, "1m" }, { 1000, -3, "1" }, { 1, 0, "1" }, { 0, -9, "0" }, { 0, -6, "0" },
		{ 0, -3, "0" }, { 0, 0, "0" },
	};
	static const struct { int from, to; int64_t expected; } sv[] = {
		{ -9, -9, 1 }, { -9, -6, 1 }, { -9, -3, 1 }, { -9, 0, 1 },
		{ -6, -9, 1000 }, { -6, -6, 1 }, { -6, -3, 1 }, { -6, 0, 1 },
		{ -3, -9, 1000 * 1000 }, { -3, -6, 1000 }, { -3, -3, 1 }, { -3, 0, 1 },
		{ 0, -9, 1000 * 1000 * 1000 }, { 0, -6, 1000 * 1000 }, { 0, -3, 1000 }, { 0, 0, 1 },
		{ 2, -2, 100 * 100 },
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(milli); i++) {
		hpa__qty q, p;
		int64_t m;
		hpa__qty_from_milli(&q, milli[i].v, milli[i].format);
		CU_ASSERT_STRING_EQUAL(canon(&q), milli[i].expect);
		if (!milli[i].exact)
			continue;
		CU_ASSERT_EQUAL(scan(milli[i].expect, &p), 0);
		CU_ASSERT_EQUAL(hpa__qty_milli(&p, &m), 0);
		CU_ASSERT_EQUAL(m, milli[i].v);
	}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(whole); i++) {
		hpa__qty q = mk(whole[i].v, 0, whole[i].format), p;
		int64_t v;
		CU_ASSERT_STRING_EQUAL(canon(&q), whole[i].expect);
		CU_ASSERT_EQUAL(scan(canon(&q), &p), 0);
		CU_ASSERT_EQUAL(hpa__qty_value(&p, &v), 0);
		CU_ASSERT_EQUAL(v, whole[i].v);
	}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(scaled); i++) {
		hpa__qty q, p;
		int64_t v;
		hpa__qty_from_scaled(&q, scaled[i].v, scaled[i].scale);
		CU_ASSERT_STRING_EQUAL(canon(&q), scaled[i].expect);
		CU_ASSERT_EQUAL(scan(scaled[i].expect, &p), 0);
		CU_ASSERT_EQUAL(hpa__qty_scaled(&p, scaled[i].scale, &v), 0);
		CU_ASSERT_EQUAL(v, scaled[i].v);
		CU_ASSERT_EQUAL(hpa__qty_cmp(&p, &q), 0);
	}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(sv); i++) {
		hpa__qty q;
		int64_t v;
		hpa__qty_from_scaled(&q, 1, sv[i].from);
		CU_ASSERT_EQUAL(hpa__qty_scaled(&q, sv[i].to, &v), 0);
		CU_ASSERT_EQUAL(v, sv[i].expected);
	}
}

/* ---- milli-value and value: rounding up and overflow ----------------------------- */

static void test_quantity__milli_and_value(void)
{
	static const struct { const char *in; int rc_m; int64_t milli; int rc_v; int64_t value; } t[] = {
		{ "1.5", 0, 1500, 0, 2 },
		{ "100m", 0, 100, 0, 1 },
		{ "0.0001", 0, 1, 0, 1 },          /* MilliValue rounds up */
		{ "-0.0001", 0, -1, 0, -1 },       /* away from zero (int64Amount) */
		{ "1n", 0, 1, 0, 1 },
		{ "1Ki", 0, 1024000, 0, 1024 },
		{ "0.5Gi", 0, 536870912000LL, 0, 536870912 },
		{ "2.0001", 0, 2001, 0, 3 },
		{ "9223372036854775807m", 0, INT64_MAX, 0, 9223372036854776LL },
		{ "9223372036854775.807", 0, INT64_MAX, 0, 9223372036854776LL },
		{ "9223372036854775.8071", HPA_ERANGE, 0, 0, 9223372036854776LL },
		{ "9223372036854775808m", HPA_ERANGE, 0, 0, 9223372036854776LL },
		{ "-9223372036854775808m", 0, INT64_MIN, 0, -9223372036854776LL },
		{ "-9223372036854775809m", HPA_ERANGE, 0, 0, -9223372036854776LL },
		{ "9223372036854775807", HPA_ERANGE, 0, 0, INT64_MAX },
		{ "9223372036854775808", HPA_ERANGE, 0, HPA_ERANGE, 0 },
		{ "-9223372036854775808", HPA_ERANGE, 0, 0, INT64_MIN },
		{ "8Ei", HPA_ERANGE, 0, 0, INT64_MAX },  /* capped */
		{ "1E", HPA_ERANGE, 0, 0, 1000000000000000000LL },
		{ "9.3e15", HPA_ERANGE, 0, 0, 9300000000000000LL },
		{ "9.2e15", 0, 9200000000000000000LL, 0, 9200000000000000LL },
		{ "1e1000", HPA_ERANGE, 0, HPA_ERANGE, 0 },
		{ "-1e2147483647", HPA_ERANGE, 0, HPA_ERANGE, 0 },
		{ "1e-1000", 0, 1, 0, 1 },
		{ "123456789012345678901234567890", HPA_ERANGE, 0, HPA_ERANGE, 0 },
		{ "0.000000000000000000000000000000000001", 0, 1, 0, 1 },
		{ "0", 0, 0, 0, 0 },
		{ "-0.0", 0, 0, 0, 0 },
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(t); i++) {
		hpa__qty q;
		int64_t m = 42, v = 42, pm = 42;
		CU_ASSERT_EQUAL(scan(t[i].in, &q), 0);
		CU_ASSERT_EQUAL(hpa__qty_milli(&q, &m), t[i].rc_m);
		CU_ASSERT_EQUAL(m, t[i].milli);
		CU_ASSERT_EQUAL(hpa__qty_value(&q, &v), t[i].rc_v);
		CU_ASSERT_EQUAL(v, t[i].value);
		CU_ASSERT_EQUAL(hpa_quantity_parse_milli(t[i].in, strlen(t[i].in), &pm, NULL), t[i].rc_m);
		CU_ASSERT_EQUAL(pm, t[i].milli);
		if (m != t[i].milli || v != t[i].value)
			fprintf(stderr, "\n  %s: milli %lld value %lld\n", t[i].in, (long long)m, (long long)v);
	}
}

/* ---- comparisons -------------------------------------------------------------------- */

static void test_quantity__cmp(void)
{
	/* TestQuantityCmp */
	static const struct { const char *x, *y; int expect; } parsed[] = {
		{ "0", "0", 0 }, { "100m", "50m", 1 }, { "50m", "100m", -1 }, { "10000T", "100Gi", 1 },
		/* and some of ours: exact at any size */
		{ "1Ki", "1024", 0 }, { "1k", "1e3", 0 }, { "0.5", "500m", 0 }, { "-1", "0", -1 },
		{ "-2", "-1", -1 }, { "0Ki", "-0", 0 },
		{ "10000000000000000000000", "9999999999999999999999.9", 1 },
		{ "123456789012345678901234567890", "123456789012345678901234567891", -1 },
		{ "1e2147483647", "1e2147483646", 1 }, { "-1e1000", "-1e999", -1 },
		{ "1e-1000", "1n", 0 }, { "1.000000000000000000001", "1", 1 },
		{ "8Ei", "9223372036854775807", 0 }, { "8Ei", "9223372036854775808", -1 },
	};
	/* TestQuantityCmpInt64AndDec: intQuantity(value, scale) pairs */
	static const struct { int64_t av; int as; int64_t bv; int bs; int cmp; } ints[] = {
		{ 901, -2, 901, -2, 0 }, { 90, -1, 901, -2, -1 }, { 901, -2, 900, -2, 1 },
		{ 0, 0, 0, 0, 0 }, { 0, 1, 0, -1, 0 }, { 0, -1, 0, 1, 0 },
		{ 800, -3, 1, 0, -1 }, { 800, -3, 79, -2, 1 },
		{ INT64_MAX, 0, 1, -1, 1 }, { INT64_MAX, 1, 1, 0, 1 }, { INT64_MAX, 1, 1, 1, 1 },
		{ INT64_MAX, 1, 0, 1, 1 }, { INT64_MAX, -16, 1, 3, -1 },
		{ INT64_MIN, 0, 0, 0, -1 }, { INT64_MIN, -18, -1, 0, -1 }, { INT64_MIN, -19, -1, 0, 1 },
		{ 1000000000000000000LL, -17, 1, 1, 0 }, { 1000000000000000000LL, -17, -10, 0, 1 },
		{ -1000000000000000000LL, -17, -10, 0, 0 }, { 1000000000000000000LL, -17, 1, 0, 1 },
		{ 1000000000000000001LL, -17, 1, 1, 1 }, { 999999999999999999LL, -17, 1, 1, -1 },
	};
	for (size_t i = 0; i < HPA__ARRAY_SIZE(parsed); i++) {
		hpa__qty a, b;
		CU_ASSERT_EQUAL(scan(parsed[i].x, &a), 0);
		CU_ASSERT_EQUAL(scan(parsed[i].y, &b), 0);
		CU_ASSERT_EQUAL(hpa__qty_cmp(&a, &b), parsed[i].expect);
		CU_ASSERT_EQUAL(hpa__qty_cmp(&b, &a), -parsed[i].expect);
	}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(ints); i++) {
		hpa__qty a = mk(ints[i].av, ints[i].as, DSI), b = mk(ints[i].bv, ints[i].bs, DSI);
		CU_ASSERT_EQUAL(hpa__qty_cmp(&a, &b), ints[i].cmp);
		CU_ASSERT_EQUAL(hpa__qty_cmp(&b, &a), -ints[i].cmp);
	}
}

/* ---- round trips (upstream TestJSON's idea, with a fixed generator) ----------------- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static void test_quantity__round_trip(void)
{
	static const char *const suffixes[] = { "", "n", "u", "m", "k", "M", "G", "T", "P", "E",
		"Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3", "e-7", "E+12", "e-12", "e40" };
	for (int i = 0; i < 20000; i++) {
		char in[80], c1[128], c2[128];
		size_t n = 0;
		hpa__qty a, b;
		int ni = (int)(rnd() % 22), nf = (int)(rnd() % 14);
		if (rnd() % 3 == 0)
			in[n++] = rnd() % 2 ? '-' : '+';
		for (int k = 0; k < ni; k++)
			in[n++] = (char)('0' + rnd() % 10);
		if (nf > 0 || ni == 0) {
			in[n++] = '.';
			for (int k = 0; k < nf; k++)
				in[n++] = (char)('0' + rnd() % 10);
			if (nf == 0)
				in[n++] = '5';
		}
		snprintf(in + n, sizeof(in) - n, "%s", suffixes[rnd() % HPA__ARRAY_SIZE(suffixes)]);
		if (scan(in, &a) != 0) {
			CU_FAIL("generated quantity rejected");
			fprintf(stderr, "\n  rejected %s\n", in);
			continue;
		}
		hpa__qty_format(&a, c1, sizeof(c1));
		/* the canonical form parses back to the same value and is stable */
		if (scan(c1, &b) != 0 || hpa__qty_cmp(&a, &b) != 0) {
			CU_FAIL("canonical form does not round-trip");
			fprintf(stderr, "\n  %s -> %s\n", in, c1);
			continue;
		}
		hpa__qty_format(&b, c2, sizeof(c2));
		if (strcmp(c1, c2) != 0) {
			CU_FAIL("canonical form is not stable");
			fprintf(stderr, "\n  %s -> %s -> %s\n", in, c1, c2);
		}
	}
}

/* ---- no hang, no silent overflow on huge inputs ------------------------------------- */

static void test_quantity__huge_inputs(void)
{
	size_t n = 200000;
	char *big = malloc(n + 16);
	hpa__qty q;
	int64_t m;
	if (!big) {
		CU_FAIL("malloc");
		return;
	}
	/* 200000 nines and a fraction: exact, canonical is the digits */
	memset(big, '9', n);
	big[n] = '\0';
	CU_ASSERT_EQUAL(scan(big, &q), 0);
	CU_ASSERT_EQUAL(q.ndig, n);
	CU_ASSERT_EQUAL(hpa__qty_format(&q, NULL, 0), n);
	CU_ASSERT_EQUAL(hpa__qty_milli(&q, &m), HPA_ERANGE);
	/* 0.(199999 nines)Ki: rounds up to 1024 exactly */
	big[0] = '.';
	memcpy(big + n, "Ki", 3);
	CU_ASSERT_EQUAL(scan(big, &q), 0);
	CU_ASSERT_STRING_EQUAL(canon(&q), "1Ki");
	/* 1(199999 zeros)Ei: capped */
	memset(big, '0', n);
	big[0] = '1';
	memcpy(big + n, "Ei", 3);
	CU_ASSERT_EQUAL(scan(big, &q), 0);
	CU_ASSERT_STRING_EQUAL(canon(&q), "9223372036854775807");
	/* 0.(zeros)1e-9: rounds up to 1n, printed in its DecimalExponent
	 * format; with a DecimalSI suffix it prints as 1n */
	memset(big, '0', n);
	big[1] = '.';
	big[n - 1] = '1';
	memcpy(big + n, "e-9", 4);
	CU_ASSERT_EQUAL(scan(big, &q), 0);
	CU_ASSERT_STRING_EQUAL(canon(&q), "1e-9");
	memcpy(big + n, "n", 2);
	CU_ASSERT_EQUAL(scan(big, &q), 0);
	CU_ASSERT_STRING_EQUAL(canon(&q), "1n");
	/* 9.(nines) with a huge exponent: exact, the exponent not looped over */
	memset(big, '9', n);
	big[1] = '.';
	memcpy(big + n, "e2000000000", 12);
	CU_ASSERT_EQUAL(scan(big, &q), 0);
	CU_ASSERT_EQUAL(q.ndig, n - 1);
	CU_ASSERT_EQUAL(q.exp, 2000000000 - (int64_t)(n - 2));
	CU_ASSERT_EQUAL(hpa__qty_value(&q, &m), HPA_ERANGE);
	free(big);
}

/* ---- the public, allocating API ------------------------------------------------------- */

static void test_quantity__public_api(void)
{
	hpa_quantity *q = NULL, *d = NULL, *m = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *s = NULL;
	int64_t v;

	CU_ASSERT_EQUAL(hpa_quantity_parse(&q, "1.5Gi", &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_quantity_str(q), "1.5Gi");
	CU_ASSERT_EQUAL(hpa_quantity_format(q), HPA_QUANTITY_BINARY_SI);
	CU_ASSERT_EQUAL(hpa_quantity_sign(q), 1);
	CU_ASSERT_EQUAL(hpa_quantity_canonical(q, &s, &e), 0);
	CU_ASSERT_STRING_EQUAL(s, "1536Mi");
	hpa_free(s);
	CU_ASSERT_EQUAL(hpa_quantity_value(q, &v), 0);
	CU_ASSERT_EQUAL(v, 1610612736); /* 1.5 * 2^30 */
	CU_ASSERT_EQUAL(hpa_quantity_milli_value(q, &v), 0);
	CU_ASSERT_EQUAL(v, 1610612736000LL);
	CU_ASSERT_EQUAL(hpa_quantity_dup(&d, q, &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_quantity_str(d), "1.5Gi");
	CU_ASSERT_EQUAL(hpa_quantity_cmp(q, d), 0);
	hpa_quantity_free(q);
	q = NULL;
	/* the copy owns its digits */
	CU_ASSERT_EQUAL(hpa_quantity_canonical(d, &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "1536Mi");
	hpa_free(s);

	CU_ASSERT_EQUAL(hpa_quantity_parse(&q, "+01.50", NULL), 0); /* digits borrowed across '.' */
	CU_ASSERT_EQUAL(hpa_quantity_dup(&m, q, NULL), 0);
	hpa_quantity_free(q);
	q = NULL;
	CU_ASSERT_EQUAL(hpa_quantity_canonical(m, &s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(s, "1500m");
	hpa_free(s);
	CU_ASSERT_EQUAL(hpa_quantity_cmp(m, d), -1);
	CU_ASSERT_EQUAL(hpa_quantity_cmp(NULL, d), -1);
	CU_ASSERT_EQUAL(hpa_quantity_cmp(d, NULL), 1);
	CU_ASSERT_EQUAL(hpa_quantity_cmp(NULL, NULL), 0);
	hpa_quantity_free(m);
	m = NULL;

	CU_ASSERT_EQUAL(hpa_quantity_from_milli(&m, 1500, HPA_QUANTITY_DECIMAL_SI, &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_quantity_str(m), "1500m");
	CU_ASSERT_EQUAL(hpa_quantity_format(m), HPA_QUANTITY_DECIMAL_SI);
	hpa_quantity_free(m);
	CU_ASSERT_EQUAL(hpa_quantity_from_milli(&m, 2048000, HPA_QUANTITY_BINARY_SI, &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_quantity_str(m), "2Ki");
	CU_ASSERT_EQUAL(hpa_quantity_format(m), HPA_QUANTITY_BINARY_SI);
	hpa_quantity_free(m);
	CU_ASSERT_EQUAL(hpa_quantity_from_milli(&m, INT64_MIN, HPA_QUANTITY_DECIMAL_SI, &e), 0);
	CU_ASSERT_STRING_EQUAL(hpa_quantity_str(m), "-9223372036854775808m");
	hpa_quantity_free(m);
	m = (hpa_quantity *)&e; /* must be reset to NULL on failure */
	CU_ASSERT_EQUAL(hpa_quantity_from_milli(&m, 1, (hpa_quantity_fmt)7, &e), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(m);

	/* errors */
	q = (hpa_quantity *)&e;
	CU_ASSERT_EQUAL(hpa_quantity_parse(&q, "200 m", &e), HPA_ESYNTAX);
	CU_ASSERT_PTR_NULL(q);
	TH_ASSERT_ERR(e, HPA_ESYNTAX, 1, 4);
	CU_ASSERT_EQUAL(hpa_quantity_parse(&q, NULL, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_quantity_parse(NULL, "1", &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_quantity_canonical(NULL, &s, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_quantity_milli_value(NULL, &v), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_quantity_value(NULL, &v), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(hpa_quantity_str(NULL), "");
	CU_ASSERT_EQUAL(hpa_quantity_format(NULL), 0);
	CU_ASSERT_EQUAL(hpa_quantity_sign(NULL), 0);
	hpa_quantity_free(NULL);

	/* parse_milli: not NUL-terminated, errors */
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli("250mXYZ", 4, &v, &e), 0);
	CU_ASSERT_EQUAL(v, 250);
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli("1.2.3", 5, &v, &e), HPA_ESYNTAX);
	TH_ASSERT_ERR(e, HPA_ESYNTAX, 1, 4);
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli("1e30", 4, &v, &e), HPA_ERANGE);
	CU_ASSERT_EQUAL(e.code, HPA_ERANGE);
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli("1", 1, NULL, &e), HPA_EINVAL);
	/* quantity.h: HPA_EINVAL for a NULL argument, whatever len says; an
	 * empty (non-NULL) text is a syntax error */
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli(NULL, 0, &v, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli(NULL, 3, &v, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_quantity_parse_milli("", 0, &v, &e), HPA_ESYNTAX);

	/* huge text: the exact digits are kept and printed */
	{
		static const char big[] = "-12345678901234567890123456789012345678901234567890.5e3";
		CU_ASSERT_EQUAL(hpa_quantity_parse(&q, big, NULL), 0);
		CU_ASSERT_EQUAL(hpa_quantity_canonical(q, &s, NULL), 0);
		CU_ASSERT_STRING_EQUAL(s, "-12345678901234567890123456789012345678901234567890500");
		hpa_free(s);
		hpa_quantity_free(q);
	}
	hpa_quantity_free(d);
}

/* ---- allocation failures ----------------------------------------------------------------- */

static void test_quantity__alloc_failures(void)
{
	hpa_quantity *base = NULL;
	int done = 0;

	CU_ASSERT_EQUAL(hpa_quantity_parse(&base, "0.5Gi", NULL), 0);
	for (unsigned long n = 1; n < 50 && done != 0xf; n++) {
		hpa_quantity *q = (hpa_quantity *)&done;
		char *s = (char *)&done;
		hpa_error e = HPA_ERROR_INIT;
		int rc;

		hpa__test_fail_alloc_at(n);
		rc = hpa_quantity_parse(&q, "1.5Gi", &e);
		if (rc == 0) {
			done |= 1;
			hpa_quantity_free(q);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_EQUAL(e.code, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(q);
		}
		q = (hpa_quantity *)&done;
		hpa__test_fail_alloc_at(n);
		rc = hpa_quantity_dup(&q, base, &e);
		if (rc == 0) {
			done |= 2;
			hpa_quantity_free(q);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(q);
		}
		q = (hpa_quantity *)&done;
		hpa__test_fail_alloc_at(n);
		rc = hpa_quantity_from_milli(&q, 1500, HPA_QUANTITY_DECIMAL_SI, &e);
		if (rc == 0) {
			done |= 4;
			hpa_quantity_free(q);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(q);
		}
		hpa__test_fail_alloc_at(n);
		rc = hpa_quantity_canonical(base, &s, &e);
		if (rc == 0) {
			done |= 8;
			CU_ASSERT_STRING_EQUAL(s, "512Mi");
			hpa_free(s);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(s);
		}
		hpa__test_fail_alloc_at(0);
	}
	CU_ASSERT_EQUAL(done, 0xf);
	hpa__test_fail_alloc_at(0);
	hpa_quantity_free(base);
}

static CU_TestInfo tests[] = {
	{ "parse_table", test_quantity__parse_table },
	{ "errors", test_quantity__errors },
	{ "odd_but_valid", test_quantity__odd_but_valid },
	{ "string_table", test_quantity__string_table },
	{ "canonical_table", test_quantity__canonical_table },
	{ "exact_values", test_quantity__exact_values },
	{ "constructors", test_quantity__constructors },
	{ "milli_and_value", test_quantity__milli_and_value },
	{ "cmp", test_quantity__cmp },
	{ "round_trip", test_quantity__round_trip },
	{ "huge_inputs", test_quantity__huge_inputs },
	{ "public_api", test_quantity__public_api },
	{ "alloc_failures", test_quantity__alloc_failures },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_quantity = { "quantity", NULL, NULL, NULL, NULL, tests };
