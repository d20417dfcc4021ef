/* tests/unit/test_int_or_string.c -- int-or-string values and percentage
 * scaling. Tables from upstream k8s.io/apimachinery pkg/util/intstr
 * intstr_test.go (named per table); the other expected values are
 * computed by hand in the comments. */
#include "helpers.h"
#include "quantity/quantity_int.h"
#include <limits.h>
#include <string.h>

static void test_int_or_string__kinds(void)
{
	hpa_int_or_string *i = NULL, *s = NULL, *d = NULL;

	/* TestFromInt32, TestFromString */
	CU_ASSERT_EQUAL(hpa_int_or_string_new_int(&i, 93), 0);
	CU_ASSERT_EQUAL(hpa_int_or_string_kind(i), HPA_IOS_INT);
	CU_ASSERT_EQUAL(hpa_int_or_string_int(i), 93);
	CU_ASSERT_PTR_NULL(hpa_int_or_string_str(i));
	CU_ASSERT_EQUAL(hpa_int_or_string_new_str(&s, "76"), 0);
	CU_ASSERT_EQUAL(hpa_int_or_string_kind(s), HPA_IOS_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_int_or_string_str(s), "76"); /* kept verbatim, not an int */
	CU_ASSERT_EQUAL(hpa_int_or_string_int(s), 0);

	CU_ASSERT_EQUAL(hpa_int_or_string_dup(&d, s, NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_int_or_string_str(d), "76");
	CU_ASSERT_PTR_NOT_EQUAL(hpa_int_or_string_str(d), hpa_int_or_string_str(s));
	hpa_int_or_string_free(d);
	CU_ASSERT_EQUAL(hpa_int_or_string_dup(&d, i, NULL), 0);
	CU_ASSERT_EQUAL(hpa_int_or_string_int(d), 93);

	/* setters switch the kind */
	CU_ASSERT_EQUAL(hpa_int_or_string_set_str(d, "http", NULL), 0);
	CU_ASSERT_EQUAL(hpa_int_or_string_kind(d), HPA_IOS_STRING);
	CU_ASSERT_STRING_EQUAL(hpa_int_or_string_str(d), "http");
	CU_ASSERT_EQUAL(hpa_int_or_string_set_str(d, "25%", NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_int_or_string_str(d), "25%");
	CU_ASSERT_EQUAL(hpa_int_or_string_set_int(d, -5), 0);
	CU_ASSERT_EQUAL(hpa_int_or_string_kind(d), HPA_IOS_INT);
	CU_ASSERT_EQUAL(hpa_int_or_string_int(d), -5);
	CU_ASSERT_PTR_NULL(hpa_int_or_string_str(d));
	CU_ASSERT_EQUAL(hpa_int_or_string_set_str(d, "", NULL), 0);
	CU_ASSERT_STRING_EQUAL(hpa_int_or_string_str(d), "");

	/* NULL handling */
	CU_ASSERT_EQUAL(hpa_int_or_string_kind(NULL), 0);
	CU_ASSERT_EQUAL(hpa_int_or_string_int(NULL), 0);
	CU_ASSERT_PTR_NULL(hpa_int_or_string_str(NULL));
	CU_ASSERT_EQUAL(hpa_int_or_string_new_int(NULL, 1), HPA_EINVAL);
	hpa_int_or_string_free(i);
	CU_ASSERT_EQUAL(hpa_int_or_string_new_str(&i, NULL), HPA_EINVAL);
	CU_ASSERT_PTR_NULL(i);
	CU_ASSERT_EQUAL(hpa_int_or_string_set_str(d, NULL, NULL), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_int_or_string_set_int(NULL, 1), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_int_or_string_dup(&i, NULL, NULL), HPA_EINVAL);
	hpa_int_or_string_free(NULL);

	hpa_int_or_string_free(d);
	hpa_int_or_string_free(s);
}

typedef struct {
	int kind;          /* HPA_IOS_INT or HPA_IOS_STRING */
	int32_t iv;
	const char *sv;
	int32_t total;
	bool round_up;
	int rc;
	int32_t expect;
} scaled_case;

#define I HPA_IOS_INT
#define S HPA_IOS_STRING

static const scaled_case scaled_table[] = {
	/* TestGetIntFromIntOrPercent */
	{ I, 123, NULL, 0, false, 0, 123 },
	{ S, 0, "90%", 100, true, 0, 90 },
	{ S, 0, "90%", 95, true, 0, 86 },   /* 85.5 up */
	{ S, 0, "90%", 95, false, 0, 85 },  /* 85.5 down */
	{ S, 0, "%", 0, false, HPA_ESYNTAX, 0 },
	{ S, 0, "90#", 0, false, HPA_ETYPE, 0 },
	{ S, 0, "#%", 0, false, HPA_ESYNTAX, 0 },
	{ S, 0, "90", 0, false, HPA_ETYPE, 0 },
	/* TestGetIntFromIntOrString (getIntOrPercentValueSafely) */
	{ I, 200, NULL, 7, true, 0, 200 },
	{ S, 0, "200", 100, true, HPA_ETYPE, 0 },
	{ S, 0, "30%0", 100, true, HPA_ETYPE, 0 },
	{ S, 0, "40%", 100, true, 0, 40 },
	{ S, 0, "a%", 100, true, HPA_ESYNTAX, 0 },
	{ S, 0, "a", 100, true, HPA_ETYPE, 0 },
	{ S, 0, "40#", 100, true, HPA_ETYPE, 0 },
	{ S, 0, "40%%", 100, true, HPA_ESYNTAX, 0 },
	/* Deployment defaults: maxSurge 25% rounds up, maxUnavailable 25% down */
	{ S, 0, "25%", 10, true, 0, 3 },    /* 2.5 */
	{ S, 0, "25%", 10, false, 0, 2 },
	{ S, 0, "25%", 4, true, 0, 1 },     /* exact */
	{ S, 0, "25%", 1, false, 0, 0 },    /* 0.25 */
	{ S, 0, "33%", 7, true, 0, 3 },     /* 2.31 */
	{ S, 0, "33%", 7, false, 0, 2 },
	{ S, 0, "1%", INT32_MAX, true, 0, 21474837 },  /* 21474836.47 */
	{ S, 0, "1%", INT32_MAX, false, 0, 21474836 },
	/* strconv.Atoi: sign, leading zeros; no blanks, no fractions, no hex */
	{ S, 0, "+25%", 10, true, 0, 3 },
	{ S, 0, "-25%", 10, true, 0, -2 },  /* ceil(-2.5) */
	{ S, 0, "-25%", 10, false, 0, -3 }, /* floor(-2.5) */
	{ S, 0, "007%", 100, false, 0, 7 },
	{ S, 0, "0%", 100, true, 0, 0 },
	{ S, 0, "1.5%", 100, true, HPA_ESYNTAX, 0 },
	{ S, 0, " 5%", 100, true, HPA_ESYNTAX, 0 },
	{ S, 0, "5 %", 100, true, HPA_ESYNTAX, 0 },
	{ S, 0, "+%", 100, true, HPA_ESYNTAX, 0 },
	{ S, 0, "0x10%", 100, true, HPA_ESYNTAX, 0 },
	{ S, 0, "", 100, true, HPA_ETYPE, 0 },
	/* ranges: the number is an int64, the result an int32 */
	{ S, 0, "100%", INT32_MAX, true, 0, INT32_MAX },
	{ S, 0, "200%", INT32_MAX, true, HPA_ERANGE, 0 },
	{ S, 0, "100%", INT32_MIN, true, 0, INT32_MIN },
	{ S, 0, "-100%", INT32_MIN, true, HPA_ERANGE, 0 },  /* 2^31 */
	{ S, 0, "50%", INT32_MIN, false, 0, -1073741824 },
	{ S, 0, "214748364700%", 1, true, 0, INT32_MAX },     /* exactly 2^31 - 1 */
	{ S, 0, "214748364800%", 1, true, HPA_ERANGE, 0 },
	{ S, 0, "214748364800%", -1, true, 0, INT32_MIN },    /* exactly -2^31 */
	{ S, 0, "429496729600%", 1, true, HPA_ERANGE, 0 },
	{ S, 0, "4294967295%", 1, true, 0, 42949673 },        /* 42949672.95 */
	{ S, 0, "9223372036854775807%", 0, true, 0, 0 },
	{ S, 0, "9223372036854775807%", 1, true, HPA_ERANGE, 0 },
	{ S, 0, "-9223372036854775808%", 0, true, 0, 0 },
	{ S, 0, "9223372036854775808%", 0, true, HPA_ERANGE, 0 },  /* Atoi overflow */
	{ S, 0, "99999999999999999999999%", 0, true, HPA_ERANGE, 0 },
};

static void test_int_or_string__scaled(void)
{
	for (size_t i = 0; i < HPA__ARRAY_SIZE(scaled_table); i++) {
		const scaled_case *c = &scaled_table[i];
		hpa_int_or_string *v = NULL;
		hpa_error e = HPA_ERROR_INIT;
		int32_t out = 12345;
		int rc;

		if (c->kind == I)
			rc = hpa_int_or_string_new_int(&v, c->iv);
		else
			rc = hpa_int_or_string_new_str(&v, c->sv);
		CU_ASSERT_EQUAL(rc, 0);
		if (rc != 0)
			continue;
		rc = hpa_int_or_string_scaled(v, c->total, c->round_up, &out, &e);
		CU_ASSERT_EQUAL(rc, c->rc);
		CU_ASSERT_EQUAL(out, c->expect);
		if (rc != 0)
			CU_ASSERT_EQUAL(e.code, rc);
		if (rc != c->rc || out != c->expect)
			fprintf(stderr, "\n  case %zu (%s of %d): rc %d out %d\n", i, c->sv ? c->sv : "int",
				(int)c->total, rc, (int)out);
		hpa_int_or_string_free(v);
	}
}

static void test_int_or_string__nil(void)
{
	/* TestGetValueFromIntOrPercentNil */
	int32_t out = 1;
	hpa_error e = HPA_ERROR_INIT;
	CU_ASSERT_EQUAL(hpa_int_or_string_scaled(NULL, 0, false, &out, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(out, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.message, "nil"));
}

static void test_int_or_string__private_helpers(void)
{
	int32_t out;
	/* not NUL-terminated: "25%" of "25%x" */
	CU_ASSERT_EQUAL(hpa__ios_scaled_percent("25%x", 3, 10, true, &out, NULL), 0);
	CU_ASSERT_EQUAL(out, 3);
	CU_ASSERT_EQUAL(hpa__ios_percent_of(150, 3, true, &out), 0); /* 4.5 */
	CU_ASSERT_EQUAL(out, 5);
	CU_ASSERT_EQUAL(hpa__ios_percent_of(150, 3, false, &out), 0);
	CU_ASSERT_EQUAL(out, 4);
	CU_ASSERT_EQUAL(hpa__ios_percent_of(-150, -3, false, &out), 0);
	CU_ASSERT_EQUAL(out, 4);
	CU_ASSERT_EQUAL(hpa__ios_percent_of(INT64_MIN, INT32_MIN, true, &out), HPA_ERANGE);
	CU_ASSERT_EQUAL(out, 0);
}

static void test_int_or_string__alloc_failures(void)
{
	hpa_int_or_string *base = NULL;
	int done = 0;

	CU_ASSERT_EQUAL(hpa_int_or_string_new_str(&base, "http"), 0);
	for (unsigned long n = 1; n < 20 && done != 0xf; n++) {
		hpa_int_or_string *v = (hpa_int_or_string *)&done;
		hpa_error e = HPA_ERROR_INIT;
		int rc;

		hpa__test_fail_alloc_at(n);
		rc = hpa_int_or_string_new_str(&v, "25%");
		if (rc == 0) {
			done |= 1;
			hpa_int_or_string_free(v);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(v);
		}
		v = (hpa_int_or_string *)&done;
		hpa__test_fail_alloc_at(n);
		rc = hpa_int_or_string_new_int(&v, 1);
		if (rc == 0) {
			done |= 2;
			hpa_int_or_string_free(v);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(v);
		}
		v = (hpa_int_or_string *)&done;
		hpa__test_fail_alloc_at(n);
		rc = hpa_int_or_string_dup(&v, base, &e);
		if (rc == 0) {
			done |= 4;
			hpa_int_or_string_free(v);
		} else {
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_EQUAL(e.code, HPA_ENOMEM);
			CU_ASSERT_PTR_NULL(v);
		}
		hpa__test_fail_alloc_at(n);
		rc = hpa_int_or_string_set_str(base, n % 2 ? "https" : "http", NULL);
		if (rc == 0) {
			done |= 8;
		} else {
			/* unchanged on failure */
			CU_ASSERT_EQUAL(rc, HPA_ENOMEM);
			CU_ASSERT_EQUAL(hpa_int_or_string_kind(base), HPA_IOS_STRING);
			CU_ASSERT_PTR_NOT_NULL(hpa_int_or_string_str(base));
		}
		hpa__test_fail_alloc_at(0);
	}
	CU_ASSERT_EQUAL(done, 0xf);
	hpa__test_fail_alloc_at(0);
	hpa_int_or_string_free(base);
}

static CU_TestInfo tests[] = {
	{ "kinds", test_int_or_string__kinds },
	{ "scaled", test_int_or_string__scaled },
	{ "nil", test_int_or_string__nil },
	{ "private_helpers", test_int_or_string__private_helpers },
	{ "alloc_failures", test_int_or_string__alloc_failures },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_int_or_string = { "int_or_string", NULL, NULL, NULL, NULL, tests };
