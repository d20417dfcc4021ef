/*
 * tests/unit/main.c -- CUnit runner for every libhpa suite.
 *
 *   hpa_tests [-l] [-s suite[:case]]...
 *
 * Without -s every suite runs except "selftest" (which holds a deliberately
 * failing case). The exit status is non-zero when any assertion failed, any
 * test could not run, or a selected suite/case does not exist: CUnit itself
 * reports success even when tests fail.
 */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"

#define MAX_SEL 64

static int add_suite(const CU_SuiteInfo *si, const char *only_case)
{
	CU_pSuite s = CU_add_suite_with_setup_and_teardown(si->pName, si->pInitFunc,
		si->pCleanupFunc, si->pSetUpFunc, si->pTearDownFunc);
	int added = 0;
	if (!s)
		return -1;
	for (const CU_TestInfo *t = si->pTests; t && t->pName; t++) {
		if (only_case && strcmp(only_case, t->pName) != 0)
			continue;
		if (!CU_add_test(s, t->pName, t->pTestFunc))
			return -1;
		added++;
	}
	return added;
}

int main(int argc, char **argv)
{
	const char *sel[MAX_SEL];
	int nsel = 0, list = 0, rc;
	unsigned int failures, run;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc && nsel < MAX_SEL)
			sel[nsel++] = argv[++i];
		else if (!strncmp(argv[i], "-s", 2) && argv[i][2] && nsel < MAX_SEL)
			sel[nsel++] = argv[i] + 2;
		else if (!strcmp(argv[i], "-l"))
			list = 1;
		else {
			fprintf(stderr, "usage: %s [-l] [-s suite[:case]]...\n", argv[0]);
			return 2;
		}
	}
	if (list) {
		for (const CU_SuiteInfo *const *s = hpa_all_suites; *s; s++)
			for (const CU_TestInfo *t = (*s)->pTests; t && t->pName; t++)
				printf("%s:%s\n", (*s)->pName, t->pName);
		return 0;
	}
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 3;
	if (nsel == 0) {
		for (const CU_SuiteInfo *const *s = hpa_all_suites; *s; s++)
			if (strcmp((*s)->pName, "selftest") != 0 && add_suite(*s, NULL) < 0)
				goto fail;
	} else {
		for (int i = 0; i < nsel; i++) {
			char name[256];
			const char *colon = strchr(sel[i], ':');
			const char *only = colon ? colon + 1 : NULL;
			size_t n = colon ? (size_t)(colon - sel[i]) : strlen(sel[i]);
			int found = 0;
			if (n >= sizeof(name))
				n = sizeof(name) - 1;
			memcpy(name, sel[i], n);
			name[n] = '\0';
			for (const CU_SuiteInfo *const *s = hpa_all_suites; *s; s++) {
				if (strcmp((*s)->pName, name) == 0) {
					int added = add_suite(*s, only);
					if (added < 0)
						goto fail;
					found = added > 0;
				}
			}
			if (!found) {
				fprintf(stderr, "hpa_tests: no suite or case matches '%s'\n", sel[i]);
				CU_cleanup_registry();
				return 2;
			}
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (CU_basic_run_tests() != CUE_SUCCESS)
		goto fail;
	failures = CU_get_number_of_failures();
	run = CU_get_number_of_tests_run();
	{
		unsigned int tfail = CU_get_number_of_tests_failed();
		printf("\n%u passed, %u failed\n", run - tfail, tfail);
	}
	rc = (failures > 0 || CU_get_error() != CUE_SUCCESS || run == 0) ? 1 : 0;
	CU_cleanup_registry();
	return rc;
fail:
	fprintf(stderr, "hpa_tests: CUnit error: %s\n", CU_get_error_msg());
	CU_cleanup_registry();
	return 3;
}
