/*
 * fuzz/history.c -- libFuzzer target for the decision history's JSON
 * format (`hpactl explain --history FILE`, `--save-history`).
 *
 * The input's first byte picks the history's capacity (0: the default, else
 * 1 to 8 entries, so that eviction runs); the rest is the JSON text.
 * Invariants (a broken one aborts, which libFuzzer reports as a crash):
 * - reading either fails with an error code and a message and no history,
 *   or gives a history;
 * - that history writes, reads back (same capacity) and writes to the same
 *   bytes;
 * - six syncs of a decision with that history (an External metric, a
 *   behavior with a stabilization window and policies, so the
 *   recommendations and both event lists are read and written) succeed,
 *   each recorded, and the history still writes and reads back.
 * ASan and UBSan watch the rest.
 */
#include <hpa/hpa.h>
#include "check.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NOW_MS INT64_C(1714557600000) /* 2024-05-01T10:00:00Z */

/* write h, read it back, write again: the same bytes */
static void round_trip(const hpa_history *h, size_t capacity)
{
	hpa_history *h2 = NULL;
	hpa_error e = HPA_ERROR_INIT;
	char *a = NULL, *b = NULL;
	size_t la = 0, lb = 0;
	CHECK(hpa_history_write_json(h, &a, &la, &e) == 0);
	CHECK(a != NULL && strlen(a) == la);
	CHECK(hpa_history_read_json(&h2, a, la, capacity, &e) == 0);
	CHECK(hpa_history_write_json(h2, &b, &lb, &e) == 0);
	CHECK(la == lb && memcmp(a, b, la) == 0);
	hpa_free(a);
	hpa_free(b);
	hpa_history_free(h2);
}

static void decide_with(hpa_history *h, uint8_t seed)
{
	hpa_decide_metric m;
	hpa_decide_behavior b;
	hpa_decide_input in;
	hpa_decision *d = calloc(1, sizeof(*d));
	hpa_error e = HPA_ERROR_INIT;
	int64_t value = 0;
	int32_t current = 1 + seed % 7;
	CHECK(d != NULL);
	memset(&m, 0, sizeof(m));
	m.type = HPA_SOURCE_EXTERNAL;
	m.name = "queue";
	m.target_type = HPA_TARGET_AVERAGE_VALUE;
	m.has_average_value = true;
	m.average_value_milli = 10000;
	m.external_values = &value;
	m.n_external_values = 1;
	memset(&b, 0, sizeof(b));
	b.scale_down.has_stabilization_window = true;
	b.scale_down.stabilization_window_seconds = 60;
	b.scale_up.has_stabilization_window = true;
	b.scale_up.stabilization_window_seconds = 30;
	CHECK(hpa_decide_input_init(&in, HPA_DECIDE_INPUT_VERSION) == 0);
	in.has_min_replicas = true;
	in.min_replicas = 1;
	in.max_replicas = 10;
	in.metrics = &m;
	in.n_metrics = 1;
	in.behavior = &b;
	for (int sync = 0; sync < 6; sync++) {
		int rc;
		/* a queue that rises and falls: both directions, both windows */
		value = (int64_t)((seed >> (sync % 4)) % 9) * 10000 + (sync % 2) * 5000;
		in.spec_replicas = in.status_replicas = current;
		in.now_ms = NOW_MS + (int64_t)sync * 15000;
		rc = hpa_decide(d, &in, h, NULL, &e);
		if (rc) {
			failed_cleanly(rc, &e);
			break;
		}
		CHECK(d->desired_replicas >= 1 && d->desired_replicas <= 10);
		CHECK(hpa_history_record(h, d, in.now_ms, &e) == 0);
		current = d->desired_replicas;
	}
	free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	hpa_history *h = (hpa_history *)&h;
	hpa_error e = HPA_ERROR_INIT;
	size_t capacity;
	int rc;
	if (size < 1)
		return 0;
	capacity = data[0] % 9; /* 0 = the default */
	rc = hpa_history_read_json(&h, (const char *)data + 1, size - 1, capacity, &e);
	if (rc) {
		failed_cleanly(rc, &e);
		CHECK(h == NULL);
		return 0;
	}
	CHECK(h != NULL);
	round_trip(h, capacity);
	decide_with(h, data[0]);
	round_trip(h, capacity);
	hpa_history_free(h);
	return 0;
}
