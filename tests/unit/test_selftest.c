/* tests/unit/test_selftest.c -- proves the runner's exit status: the
 * deliberate_failure case must make hpa_tests exit non-zero (a WILL_FAIL
 * ctest); it is never part of a normal run. */
#include "helpers.h"

static void test_selftest__passing(void)
{
	CU_ASSERT_EQUAL(1 + 1, 2);
}

static void test_selftest__deliberate_failure(void)
{
	CU_ASSERT_EQUAL_FATAL(1, 2);
}

static CU_TestInfo tests[] = {
	{ "passing", test_selftest__passing },
	{ "deliberate_failure", test_selftest__deliberate_failure },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_selftest = { "selftest", NULL, NULL, NULL, NULL, tests };
