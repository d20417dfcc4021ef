/*
 * fuzz/check.h -- what the fuzz targets share: CHECK() aborts when an
 * invariant breaks (libFuzzer reports the abort as a crash, with the input)
 * and failed_cleanly() is the invariant of every failed call: a negative
 * code, the same code in the hpa_error, and a message.
 */
#ifndef HPA_FUZZ_CHECK_H
#define HPA_FUZZ_CHECK_H
#include <hpa/errors.h>
#include <stdlib.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static inline void failed_cleanly(int rc, const hpa_error *e)
{
	CHECK(rc < 0);
	CHECK(e->code == rc);
	CHECK(e->message[0] != '\0');
}

#endif
