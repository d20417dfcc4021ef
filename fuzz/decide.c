/*
 * fuzz/decide.c -- libFuzzer target for the decision's paths: the
 * differential test of tests/unit/test_decide_diff.c (its generator and
 * comparisons, tests/unit/decide_diff.h), one case per input, with every
 * choice the generator makes taken from the input's bytes (8 bytes each,
 * then its seeded generator).
 *
 * A case is an input of the common reconcile's shape or near it (pods not
 * ready, pending, deleting, without usage, in the cpu initialization
 * period, several containers, missing requests, the min / max edges, other
 * metric types, failed fetches, behaviors, master semantics) over a history
 * with old and new recommendations and events, decided over one to four
 * syncs by hpa_decide()'s short path, its general path, the prepared form,
 * the pod table and the simulator's lean form. Any field in which a path
 * differs from the general path aborts, which libFuzzer reports as a crash.
 * Coverage guides the bytes towards the branches the seeded test rarely
 * reaches.
 */
#define DD_BYTES 1
#include "../tests/unit/decide_diff.h"
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static dd_case *c;
	static hpa_decision *a, *g, *q;
	dd_stats st = { 0, 0, 0, 0, 0, 0 };
	if (!c) {
		c = calloc(1, sizeof(*c));
		a = malloc(sizeof(*a));
		g = malloc(sizeof(*g));
		q = malloc(sizeof(*q));
		if (!c || !a || !g || !q)
			abort();
		for (int i = 0; i < DD_MAXP; i++)
			snprintf(c->names[i], sizeof(c->names[i]), "p%d", i);
	}
	dd_bytes = data;
	dd_nbytes = size;
	dd_state = UINT64_C(0x9e3779b97f4a7c15);
	dd_fail = 0;
	dd_one(c, a, g, q, &st);
	if (dd_fail)
		abort();
	return 0;
}
