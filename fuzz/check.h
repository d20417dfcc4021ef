/*
 * fuzz/check.h -- what the fuzz targets share: CHECK() aborts when an
 * invariant breaks (libFuzzer reports the abort as a crash, with the input)
 * and failed_cleanly() is the invariant of every failed call: a negative
 * code, the same code in the hpa_error, and a message.
 */
#ifndef HPA_FUZZ_CHECK_H
#define HPA_FUZZ_CHECK_H
#include <hpa/hpa.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static inline void failed_cleanly(int rc, const hpa_error *e)
{
	CHECK(rc < 0);
	CHECK(e->code == rc);
	CHECK(e->message[0] != '\0');
}

/* every format of a finished simulation writes, NUL-terminated, with its length */
static inline void check_sim_writes(const hpa_sim *sim)
{
	static const hpa_sim_format formats[] = { HPA_SIM_FORMAT_TEXT, HPA_SIM_FORMAT_CSV, HPA_SIM_FORMAT_JSON,
		HPA_SIM_FORMAT_SVG };
	hpa_error e = HPA_ERROR_INIT;
	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		char *out = NULL;
		size_t len = 0;
		CHECK(hpa_sim_write(sim, formats[f], &out, &len, &e) == HPA_OK);
		CHECK(out != NULL && len > 0 && strlen(out) == len);
		hpa_free(out);
	}
}

#endif
