/*
 * fuzz/quantity.c -- libFuzzer target for the quantity scanner.
 *
 * Any input either scans (then: the canonical form has the announced
 * length, parses back to the same value and is stable; milli-value and
 * value agree; the allocating API agrees with the allocation-free one) or
 * fails with HPA_ESYNTAX and a position inside the input. The same bytes
 * also go through the percentage scaling of int-or-string. Any broken
 * invariant aborts, which libFuzzer reports as a crash.
 */
#include "quantity/quantity_int.h"
#include "check.h"
#include <stdlib.h>
#include <string.h>

static void check_scaled(const hpa__qty *q)
{
	int64_t milli, value;
	int rm = hpa__qty_milli(q, &milli), rv = hpa__qty_value(q, &value);

	CHECK(rm == 0 || rm == HPA_ERANGE);
	CHECK(rv == 0 || rv == HPA_ERANGE);
	if (rm == 0) {
		/* value = milli / 1000 rounded away from zero: it fits too */
		int64_t want = milli / 1000 + (milli % 1000 > 0) - (milli % 1000 < 0);
		CHECK(rv == 0 && value == want);
		CHECK((milli > 0) == (q->sign > 0) && (milli < 0) == (q->sign < 0));
	}
	if (rv != 0)
		CHECK(rm != 0);
}

static void check_public(const char *text, size_t len, const hpa__qty *q, const char *canon)
{
	hpa_quantity *p = NULL, *d = NULL;
	char *s = NULL;
	int64_t m1, m2;
	int r1, r2;

	if (memchr(text, '\0', len))
		return; /* the public parser takes NUL-terminated text */
	CHECK(hpa_quantity_parse(&p, text, NULL) == 0);
	CHECK(strcmp(hpa_quantity_str(p), text) == 0);
	CHECK(hpa_quantity_dup(&d, p, NULL) == 0);
	hpa_quantity_free(p);
	CHECK(hpa_quantity_canonical(d, &s, NULL) == 0);
	CHECK(strcmp(s, canon) == 0);
	hpa_free(s);
	CHECK(hpa_quantity_sign(d) == q->sign);
	CHECK((int)hpa_quantity_format(d) == q->format);
	r1 = hpa_quantity_milli_value(d, &m1);
	r2 = hpa_quantity_parse_milli(text, len, &m2, NULL);
	CHECK(r1 == r2 && m1 == m2);
	hpa_quantity_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char *copy, *canon;
	hpa_error err = HPA_ERROR_INIT;
	hpa__qty q, r;
	size_t n;
	int32_t pct;
	int rc;

	/* a NUL-terminated copy, so the public API can read it too */
	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';

	rc = hpa__quantity_scan(copy, size, &q, &err);
	if (rc != 0) {
		CHECK(rc == HPA_ESYNTAX && err.code == HPA_ESYNTAX);
		CHECK(err.column >= 1 && err.offset <= size && err.message[0] != '\0');
		CHECK(!hpa__quantity_ok(copy, size));
		free(copy);
		goto percent;
	}
	CHECK(hpa__quantity_ok(copy, size));
	CHECK(q.sign >= -1 && q.sign <= 1 && (q.sign == 0) == (q.ndig == 0));
	CHECK(q.format >= HPA_QUANTITY_DECIMAL_SI && q.format <= HPA_QUANTITY_DECIMAL_EXPONENT);
	for (size_t i = 0; i < q.ndig; i++) {
		char c = hpa__qty_digit(&q, i);
		CHECK(c >= '0' && c <= '9');
	}
	if (q.ndig > 0)
		CHECK(hpa__qty_digit(&q, 0) != '0' && hpa__qty_digit(&q, q.ndig - 1) != '0');
	CHECK(hpa__qty_cmp(&q, &q) == 0);
	check_scaled(&q);

	n = hpa__qty_format(&q, NULL, 0);
	canon = malloc(n + 1);
	if (!canon) {
		free(copy);
		return 0;
	}
	CHECK(hpa__qty_format(&q, canon, n + 1) == n && strlen(canon) == n);
	/* the canonical form is a quantity of the same value, and is stable */
	CHECK(hpa__quantity_scan(canon, n, &r, NULL) == 0);
	CHECK(hpa__qty_cmp(&q, &r) == 0 && hpa__qty_cmp(&r, &q) == 0);
	{
		/* Upstream's canonical form is not always a fixed point: a BinarySI
		 * value that is no whole multiple of its suffix prints without one
		 * (562.5Ki -> "576000"), and that text reads back as DecimalSI
		 * ("576k"). So the form may change once, then must stay. */
		size_t n2 = hpa__qty_format(&r, NULL, 0), n3;
		char *again = malloc(n2 + 1), *third;
		hpa__qty r2;
		if (again) {
			hpa__qty_format(&r, again, n2 + 1);
			CHECK(hpa__quantity_scan(again, n2, &r2, NULL) == 0);
			CHECK(hpa__qty_cmp(&q, &r2) == 0);
			n3 = hpa__qty_format(&r2, NULL, 0);
			third = malloc(n3 + 1);
			if (third) {
				hpa__qty_format(&r2, third, n3 + 1);
				CHECK(n3 == n2 && strcmp(third, again) == 0);
				free(third);
			}
			free(again);
		}
	}
	check_public(copy, size, &q, canon);
	free(canon);
	free(copy);

percent:
	/* the same bytes as an int-or-string percentage */
	rc = hpa__ios_scaled_percent(text, size, size > 0 ? (int32_t)(data[0] * 16777619u) : 0,
		size > 1 && (data[1] & 1), &pct, NULL);
	CHECK(rc == 0 || rc == HPA_ETYPE || rc == HPA_ESYNTAX || rc == HPA_ERANGE);
	CHECK(rc == 0 || pct == 0);
	return 0;
}
