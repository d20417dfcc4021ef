/*
 * lib/decide/history_json.c -- the history file format:
 *   {"recommendations":[{"timestamp":"2024-05-01T10:00:00Z","replicas":3}],
 *    "scaleUpEvents":[{"timestamp":...,"replicaChange":2,"outdated":false}],
 *    "scaleDownEvents":[...]}
 * Timestamps are RFC3339 (Go's zero time is 0001-01-01T00:00:00Z). jansson
 * stays inside this file.
 */
#include "decide_int.h"
#include <jansson.h>
#include <errno.h>

/* ---- reading ------------------------------------------------------------------ */

static int get_ts(json_t *item, const char *where, size_t i, int64_t *out, hpa_error *err)
{
	json_t *v = json_object_get(item, "timestamp");
	char path[96];
	snprintf(path, sizeof(path), "%s[%zu].timestamp", where, i);
	if (!v) {
		hpa__error(err, HPA_EMISSING, "missing timestamp");
		hpa__error_set_path(err, path);
		return HPA_EMISSING;
	}
	if (!json_is_string(v)) {
		hpa__error(err, HPA_ETYPE, "timestamp must be an RFC3339 string");
		hpa__error_set_path(err, path);
		return HPA_ETYPE;
	}
	if (hpa__time_parse_rfc3339(json_string_value(v), out)) {
		hpa__error(err, HPA_ESYNTAX, "malformed RFC3339 timestamp \"%s\"", json_string_value(v));
		hpa__error_set_path(err, path);
		return HPA_ESYNTAX;
	}
	return HPA_OK;
}

static int get_i32(json_t *item, const char *key, const char *where, size_t i, int32_t *out, hpa_error *err)
{
	json_t *v = json_object_get(item, key);
	char path[96];
	json_int_t x;
	snprintf(path, sizeof(path), "%s[%zu].%s", where, i, key);
	if (!v) {
		hpa__error(err, HPA_EMISSING, "missing %s", key);
		hpa__error_set_path(err, path);
		return HPA_EMISSING;
	}
	if (!json_is_integer(v)) {
		hpa__error(err, HPA_ETYPE, "%s must be an integer", key);
		hpa__error_set_path(err, path);
		return HPA_ETYPE;
	}
	x = json_integer_value(v);
	if (x < INT32_MIN || x > INT32_MAX) {
		hpa__error(err, HPA_ERANGE, "%s out of the int32 range", key);
		hpa__error_set_path(err, path);
		return HPA_ERANGE;
	}
	*out = (int32_t)x;
	return HPA_OK;
}

static int read_events(hpa_history *h, json_t *root, const char *key, int dir, hpa_error *err)
{
	json_t *arr = json_object_get(root, key), *item;
	size_t i;
	int rc;
	if (!arr || json_is_null(arr))
		return HPA_OK;
	if (!json_is_array(arr)) {
		hpa__error(err, HPA_ETYPE, "%s must be an array", key);
		hpa__error_set_path(err, key);
		return HPA_ETYPE;
	}
	json_array_foreach(arr, i, item) {
		int32_t change;
		int64_t ts;
		json_t *o;
		if (!json_is_object(item)) {
			char path[64];
			snprintf(path, sizeof(path), "%s[%zu]", key, i);
			hpa__error(err, HPA_ETYPE, "event must be an object");
			hpa__error_set_path(err, path);
			return HPA_ETYPE;
		}
		if ((rc = get_ts(item, key, i, &ts, err)) || (rc = get_i32(item, "replicaChange", key, i, &change, err)))
			return rc;
		if (change < 0) {
			char path[64];
			snprintf(path, sizeof(path), "%s[%zu].replicaChange", key, i);
			hpa__error(err, HPA_ERANGE, "replicaChange is absolute: >= 0 (got %d)", (int)change);
			hpa__error_set_path(err, path);
			return HPA_ERANGE;
		}
		o = json_object_get(item, "outdated");
		if (o && !json_is_boolean(o)) {
			char path[64];
			snprintf(path, sizeof(path), "%s[%zu].outdated", key, i);
			hpa__error(err, HPA_ETYPE, "outdated must be a boolean");
			hpa__error_set_path(err, path);
			return HPA_ETYPE;
		}
		if ((rc = hpa_history_add_event(h, dir, change, ts, o && json_is_true(o), err)))
			return rc;
	}
	return HPA_OK;
}

int hpa_history_read_json(hpa_history **out, const char *buf, size_t len, size_t capacity, hpa_error *err)
{
	json_error_t je;
	json_t *root, *recs, *item;
	hpa_history *h = NULL;
	size_t i;
	int rc;
	if (!out || (!buf && len))
		return hpa__error(err, HPA_EINVAL, "hpa_history_read_json: NULL argument");
	*out = NULL;
	root = json_loadb(buf ? buf : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		hpa__error(err, HPA_ESYNTAX, "%s", je.text);
		hpa__error_set_pos(err, (size_t)(je.line > 0 ? je.line : 0), (size_t)(je.column > 0 ? je.column : 0),
			je.position >= 0 ? (size_t)je.position : SIZE_MAX);
		return HPA_ESYNTAX;
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return hpa__error(err, HPA_ETYPE, "history must be a JSON object");
	}
	{
		/* the format's keys and nothing else, at least one of them (an HPA
		 * manifest or {"foo": 1} is no history; it used to read as an empty one) */
		static const char *const known[] = { "recommendations", "scaleUpEvents", "scaleDownEvents" };
		const char *key;
		json_t *val;
		size_t found = 0, k;
		json_object_foreach(root, key, val) {
			(void)val;
			for (k = 0; k < HPA__ARRAY_SIZE(known) && strcmp(key, known[k]) != 0; k++)
				;
			if (k == HPA__ARRAY_SIZE(known)) {
				hpa__error(err, HPA_EUNKNOWNFIELD, "not a history: unknown key \"%.64s\" (a history has "
					"recommendations, scaleUpEvents and scaleDownEvents)", key);
				hpa__error_set_path(err, key);
				json_decref(root);
				return HPA_EUNKNOWNFIELD;
			}
			found++;
		}
		if (!found) {
			json_decref(root);
			return hpa__error(err, HPA_EMISSING, "not a history: none of recommendations, scaleUpEvents, "
				"scaleDownEvents");
		}
	}
	if ((rc = hpa_history_new(&h, capacity, err)))
		goto fail;
	recs = json_object_get(root, "recommendations");
	if (recs && !json_is_null(recs)) {
		if (!json_is_array(recs)) {
			rc = hpa__error(err, HPA_ETYPE, "recommendations must be an array");
			hpa__error_set_path(err, "recommendations");
			goto fail;
		}
		h->has_recs = true;
		json_array_foreach(recs, i, item) {
			int32_t r;
			int64_t ts;
			if (!json_is_object(item)) {
				char path[64];
				snprintf(path, sizeof(path), "recommendations[%zu]", i);
				rc = hpa__error(err, HPA_ETYPE, "recommendation must be an object");
				hpa__error_set_path(err, path);
				goto fail;
			}
			if ((rc = get_ts(item, "recommendations", i, &ts, err)) ||
			    (rc = get_i32(item, "replicas", "recommendations", i, &r, err)))
				goto fail;
			hpa__history_append_deferred(h, r, ts);
		}
		hpa__history_summary_rebuild(h);
	}
	if ((rc = read_events(h, root, "scaleUpEvents", HPA_SCALE_UP, err)) ||
	    (rc = read_events(h, root, "scaleDownEvents", HPA_SCALE_DOWN, err)))
		goto fail;
	json_decref(root);
	*out = h;
	return HPA_OK;
fail:
	json_decref(root);
	hpa_history_free(h);
	return rc;
}

int hpa_history_read_file(hpa_history **out, const char *path, size_t capacity, hpa_error *err)
{
	FILE *f;
	hpa__buf b = HPA__BUF_INIT;
	char chunk[4096];
	size_t n;
	int rc;
	if (!out || !path)
		return hpa__error(err, HPA_EINVAL, "hpa_history_read_file: NULL argument");
	*out = NULL;
	f = fopen(path, "rb");
	if (!f) {
		rc = hpa__error(err, HPA_EIO, "cannot open %s: %s", path, strerror(errno));
		hpa__error_set_source(err, path);
		return rc;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		hpa__buf_put(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		hpa__buf_dispose(&b);
		rc = hpa__error(err, HPA_EIO, "cannot read %s", path);
		hpa__error_set_source(err, path);
		return rc;
	}
	fclose(f);
	if (hpa__buf_oom(&b)) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	rc = hpa_history_read_json(out, b.ptr, b.len, capacity, err);
	if (rc)
		hpa__error_set_source(err, path);
	hpa__buf_dispose(&b);
	return rc;
}

/* ---- writing -------------------------------------------------------------------- */

/* A timestamp the reader reads back (RFC 3339's four-digit years), else
 * HPA_ERANGE naming the entry. */
static int ts_writable(int64_t ts, const char *key, size_t i, hpa_error *err)
{
	char path[64];
	if (ts >= HPA__RFC3339_MIN_MS && ts <= HPA__RFC3339_MAX_MS)
		return HPA_OK;
	snprintf(path, sizeof(path), "%s[%zu].timestamp", key, i);
	hpa__error(err, HPA_ERANGE, "timestamp %lld ms is outside the years 0000-9999 that RFC 3339 writes",
		(long long)ts);
	hpa__error_set_path(err, path);
	return HPA_ERANGE;
}

static int events_writable(const hpa__evt *e, size_t n, const char *key, hpa_error *err)
{
	size_t i;
	int rc;
	for (i = 0; i < n; i++)
		if ((rc = ts_writable(e[i].ts, key, i, err)))
			return rc;
	return HPA_OK;
}

static void write_events(hpa__buf *b, const char *key, const hpa__evt *e, size_t n)
{
	size_t i;
	char ts[40];
	hpa__buf_printf(b, ",\n  \"%s\": [", key);
	for (i = 0; i < n; i++) {
		hpa__time_format_rfc3339(ts, e[i].ts);
		hpa__buf_printf(b, "%s\n    {\"timestamp\": \"%s\", \"replicaChange\": %d", i ? "," : "", ts,
			(int)e[i].change);
		if (e[i].outdated)
			hpa__buf_puts(b, ", \"outdated\": true");
		hpa__buf_putc(b, '}');
	}
	hpa__buf_puts(b, n ? "\n  ]" : "]");
}

int hpa_history_write_json(const hpa_history *h, char **out, size_t *len_out, hpa_error *err)
{
	hpa__buf b = HPA__BUF_INIT;
	size_t i;
	char ts[40];
	int rc;
	if (!h || !out)
		return hpa__error(err, HPA_EINVAL, "hpa_history_write_json: NULL argument");
	*out = NULL;
	for (i = 0; h->has_recs && i < h->n_recs; i++)
		if ((rc = ts_writable(hpa__rec_ts(h, i), "recommendations", i, err)))
			return rc;
	if ((rc = events_writable(h->up, h->n_up, "scaleUpEvents", err)) ||
	    (rc = events_writable(h->down, h->n_down, "scaleDownEvents", err)))
		return rc;
	hpa__buf_puts(&b, "{\n  \"recommendations\": ");
	if (!h->has_recs) {
		hpa__buf_puts(&b, "null");
	} else {
		hpa__buf_putc(&b, '[');
		for (i = 0; i < h->n_recs; i++) {
			hpa__time_format_rfc3339(ts, hpa__rec_ts(h, i));
			hpa__buf_printf(&b, "%s\n    {\"timestamp\": \"%s\", \"replicas\": %d}", i ? "," : "", ts,
				(int)hpa__rec_replicas(h, i));
		}
		hpa__buf_puts(&b, h->n_recs ? "\n  ]" : "]");
	}
	write_events(&b, "scaleUpEvents", h->up, h->n_up);
	write_events(&b, "scaleDownEvents", h->down, h->n_down);
	hpa__buf_puts(&b, "\n}\n");
	if (hpa__buf_oom(&b)) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	*out = hpa__buf_detach(&b, len_out);
	return *out ? HPA_OK : hpa__enomem(err);
}

int hpa_history_write_file(const hpa_history *h, const char *path, hpa_error *err)
{
	char *text;
	size_t len;
	FILE *f;
	int rc;
	if (!path)
		return hpa__error(err, HPA_EINVAL, "hpa_history_write_file: NULL path");
	if ((rc = hpa_history_write_json(h, &text, &len, err)))
		return rc;
	f = fopen(path, "wb");
	if (!f) {
		hpa_free(text);
		rc = hpa__error(err, HPA_EIO, "cannot create %s: %s", path, strerror(errno));
		hpa__error_set_source(err, path);
		return rc;
	}
	rc = fwrite(text, 1, len, f) != len;
	rc |= fclose(f) != 0;
	if (rc) {
		hpa_free(text);
		rc = hpa__error(err, HPA_EIO, "cannot write %s", path);
		hpa__error_set_source(err, path);
		return rc;
	}
	hpa_free(text);
	return HPA_OK;
}
