/* tests/unit/test_decide_diff.c -- randomized differential test of
 * hpa_decide()'s short path for the common reconcile (decide_common() in
 * lib/decide/decide.c) against its general path: seeded random inputs of
 * the common shape (released semantics, whole-pod cpu / memory metrics, every
 * pod Running and Ready) and near it (pods not ready, pending, deleting,
 * without usage, started inside the cpu initialization period, several or
 * init / sidecar containers, missing or zero requests, unequal requests,
 * current at or beyond the min / max edges, other metric types, failed
 * fetches, behaviors with windows, policies and tolerances, master
 * semantics), over histories with old and new recommendations and events,
 * several syncs in a row. Each input is decided twice, once as released and
 * once with the short path switched off (the test-only switch
 * hpa__test_decide_general_only of the hpa_testing build), and the decisions
 * are compared field by field, texts included (and again after
 * hpa_decision_format_conditions() for no_text decisions); the decision of
 * hpa_decide_prepared_run() with a form prepared once per case is compared
 * with them too. The test also
 * checks that the short path took a good share of the decisions (it would
 * pass vacuously otherwise) and that the general path took the others. */
#include "helpers.h"
#include "decide_diff.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HPA_TESTING

static void test_decide_diff__short_path_matches_general_path(void)
{
	dd_case *c = calloc(1, sizeof(*c));
	hpa_decision *a = malloc(sizeof(*a)), *g = malloc(sizeof(*g)), *q = malloc(sizeof(*q));
	unsigned long hits0 = hpa__test_decide_common_hits, phits0 = hpa__test_decide_prepared_hits;
	unsigned long thits = 0, lean0 = hpa__test_decide_lean_hits;
	dd_stats s = { 0, 0, 0, 0, 0, 0 }, *st = &s;
	long decisions, errors, tables;
	unsigned long tcommon, tprep, lean_runs;
	int i;

	CU_ASSERT_FATAL(c && a && g && q);
	dd_state = UINT64_C(0x9e3779b97f4a7c15);
	dd_fail = 0;
	for (i = 0; i < DD_MAXP; i++)
		snprintf(c->names[i], sizeof(c->names[i]), "p%d", i);
	for (dd_iter = 0; dd_iter < DD_ITER && dd_fail == 0; dd_iter++)
		dd_one(c, a, g, q, st);
	decisions = st->decisions;
	errors = st->errors;
	tables = st->tables;
	tcommon = st->tcommon;
	tprep = st->tprep;
	lean_runs = st->lean_runs;
	CU_ASSERT_EQUAL(dd_fail, 0);
	/* not vacuous: the short path made a good share of the decisions, the
	 * general path the others */
	{
		unsigned long hits = hpa__test_decide_common_hits - hits0 - tcommon;
		unsigned long phits = hpa__test_decide_prepared_hits - phits0 - tprep;
		thits = tcommon + tprep;
		/* the prepared form's short path takes what hpa_decide()'s takes
		 * (the pod table's counted apart) */
		CU_ASSERT_EQUAL(phits, hits);
		/* pod tables: many cases fit one, the short path took many */
		CU_ASSERT(tables >= decisions / 4);
		CU_ASSERT(thits >= (unsigned long)tables / 2);
		CU_ASSERT(hits >= (unsigned long)decisions / 3);
		CU_ASSERT(hits <= (unsigned long)decisions * 9 / 10);
		CU_ASSERT(errors < decisions / 20);
		/* the lean form ran on many tables and took its short path on
		 * many of them */
		CU_ASSERT(lean_runs >= (unsigned long)tables / 2);
		CU_ASSERT(hpa__test_decide_lean_hits - lean0 >= lean_runs / 3);
		if (dd_fail || hits < (unsigned long)decisions / 3)
			fprintf(stderr, "decide_diff: %ld decisions, %lu by the short path (%lu prepared), %ld errors, "
				"%ld pod tables (%lu short), %d differences\n", decisions, hits, phits, errors, tables, thits, dd_fail);
		if (getenv("DD_VERBOSE"))
			fprintf(stderr, "decide_diff: %ld pod tables, the lean form ran on %lu, took its short path on %lu\n",
				tables, lean_runs, hpa__test_decide_lean_hits - lean0);
	}
	free(c);
	free(a);
	free(g);
	free(q);
}

#else

static void test_decide_diff__short_path_matches_general_path(void)
{
	CU_FAIL("the differential test needs the hpa_testing build (HPA_TESTING)");
}

#endif

static CU_TestInfo tests[] = {
	{ "short_path_matches_general_path", test_decide_diff__short_path_matches_general_path },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_decide_diff = { "decide_diff", NULL, NULL, NULL, NULL, tests };
