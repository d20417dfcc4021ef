/*
 * fuzz/roundtrip.h -- the body shared by the reader fuzz targets
 * (parse_yaml.c, parse_json.c), which define FUZZ_PARSE to the reader
 * under test before including it.
 *
 * Any input either fails with an error code and *out NULL, or parses; then
 * it must survive the round trips: YAML written, read back, equal trees (up
 * to the order of top-level keys, which the writer canonicalises) and the
 * same bytes when written again; JSON written (unless a number cannot be
 * represented), read back and written again to the same bytes. Any broken
 * invariant aborts, which libFuzzer reports as a crash.
 */
#ifndef HPA_FUZZ_ROUNDTRIP_H
#define HPA_FUZZ_ROUNDTRIP_H
#include "codec/codec_int.h"
#include <stdlib.h>
#include <string.h>

#include "check.h"

static bool same_top(const hpa__value *a, const hpa__value *b)
{
	size_t i;
	if (a->kind != HPA__V_MAP || b->kind != HPA__V_MAP || hpa__v_count(a) != hpa__v_count(b))
		return false;
	for (i = 0; i < hpa__v_count(a); i++) {
		const hpa__value *k = hpa__map_key(a, i);
		const hpa__value *v = hpa__map_getn(b, hpa__v_text(k), hpa__v_textlen(k));
		if (!v || !hpa__v_equal(hpa__map_val(a, i), v))
			return false;
	}
	return true;
}

static void round_trip(const hpa_manifest *m, const hpa_parse_options *po)
{
	hpa_manifest *m2 = NULL, *m3 = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *y1 = NULL, *y2 = NULL, *j1 = NULL, *j2 = NULL;
	size_t l1 = 0, l2 = 0, i;
	int rc;

	CHECK(hpa_manifest_write_yaml(m, &y1, &l1, NULL, &e) == 0);
	CHECK(hpa_manifest_parse_yaml(&m2, y1, l1, po, &e) == 0);
	CHECK(hpa_manifest_count(m2) == hpa_manifest_count(m));
	for (i = 0; i < hpa_manifest_count(m); i++)
		CHECK(same_top(hpa_manifest_at(m, i)->root, hpa_manifest_at(m2, i)->root));
	CHECK(hpa_manifest_write_yaml(m2, &y2, &l2, NULL, &e) == 0);
	CHECK(l1 == l2 && memcmp(y1, y2, l1) == 0);

	rc = hpa_manifest_write_json(m, &j1, &l1, NULL, &e);
	CHECK(rc == 0 || rc == HPA_ERANGE);
	if (rc == 0) {
		CHECK(hpa_manifest_parse_json(&m3, j1, l1, po, &e) == 0);
		CHECK(hpa_manifest_count(m3) == hpa_manifest_count(m));
		CHECK(hpa_manifest_write_json(m3, &j2, &l2, NULL, &e) == 0);
		CHECK(l1 == l2 && memcmp(j1, j2, l1) == 0);
	}
	hpa_free(y1);
	hpa_free(y2);
	hpa_free(j1);
	hpa_free(j2);
	hpa_manifest_free(m2);
	hpa_manifest_free(m3);
}

/* With write options (sorted keys, no status, compact JSON): what is
 * written reads back and writes again to the same bytes (the options are
 * idempotent); the object count is kept. */
static void round_trip_options(const hpa_manifest *m, const hpa_parse_options *po, unsigned int flags)
{
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	hpa_error e = HPA_ERROR_INIT;
	for (int json = 0; json < 2; json++) {
		hpa_manifest *m2 = NULL;
		char *a = NULL, *b = NULL;
		size_t la = 0, lb = 0;
		int rc;
		wo.flags = flags;
		rc = (json ? hpa_manifest_write_json : hpa_manifest_write_yaml)(m, &a, &la, &wo, &e);
		CHECK(rc == 0 || (json && rc == HPA_ERANGE));
		if (rc == 0) {
			CHECK((json ? hpa_manifest_parse_json : hpa_manifest_parse_yaml)(&m2, a, la, po, &e) == 0);
			CHECK(hpa_manifest_count(m2) == hpa_manifest_count(m));
			CHECK((json ? hpa_manifest_write_json : hpa_manifest_write_yaml)(m2, &b, &lb, &wo, &e) == 0);
			CHECK(la == lb && memcmp(a, b, la) == 0);
		}
		hpa_free(a);
		hpa_free(b);
		hpa_manifest_free(m2);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_manifest *m = (hpa_manifest *)&po;
	hpa_error e = HPA_ERROR_INIT;
	int rc;

	po.flags = HPA_PARSE_ALLOW_ALIASES | (size && (data[0] & 1) ? HPA_PARSE_ALLOW_DUPLICATES : 0);
	po.max_aliases = 2000;
	rc = FUZZ_PARSE(&m, (const char *)data, size, &po, &e);
	if (rc != 0) {
		CHECK(m == NULL);
		CHECK(e.code == rc && e.message[0]);
		/* a reader's own bookkeeping never fails on any input */
		CHECK(strncmp(e.message, "internal error", 14) != 0);
		return 0;
	}
	po.flags |= HPA_PARSE_ALLOW_DUPLICATES;
	round_trip(m, &po);
	/* the write options, chosen by the input's length */
	if (size % 8)
		round_trip_options(m, &po, (unsigned int)(size % 8) &
			(HPA_WRITE_OMIT_STATUS | HPA_WRITE_COMPACT | HPA_WRITE_SORT_KEYS));
	hpa_manifest_free(m);
	return 0;
}

#endif
