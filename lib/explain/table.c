/*
 * lib/explain/table.c -- `kubectl get hpa` rows from HorizontalPodAutoscaler
 * objects: TARGETS from spec.metrics and status.currentMetrics (the status
 * entry at the same index, when it has the metric's source set, as
 * printers.go formatHPAMetrics reads it), REPLICAS from
 * status.currentReplicas, AGE from metadata.creationTimestamp.
 */
#include "explain_int.h"
#include "quantity/quantity_int.h"
#include <stdio.h>

static int qfmt(int f)
{
	return f == HPA_QUANTITY_BINARY_SI ? HPA_QFMT_BINARY_SI
		: f == HPA_QUANTITY_DECIMAL_EXPONENT ? HPA_QFMT_DECIMAL_EXPONENT : HPA_QFMT_DECIMAL_SI;
}

/* Quantity at path: 0 and *has = true, HPA_OK and *has = false when absent. */
static int qty_at(const hpa_object *hpa, const char *path, bool *has, int64_t *milli, int *format, hpa_error *err)
{
	const char *t;
	hpa__qty q;
	hpa_error e = HPA_ERROR_INIT;
	*has = false;
	if (hpa_object_get_text(hpa, path, &t, NULL) != HPA_OK)
		return HPA_OK;
	if (hpa__quantity_scan(t, strlen(t), &q, &e) != HPA_OK || hpa__qty_milli(&q, milli) != HPA_OK)
		return hpa__xfail(err, HPA_ESYNTAX, hpa, path, "malformed quantity \"%s\"", t);
	*format = qfmt(q.format);
	*has = true;
	return HPA_OK;
}

static int i32_at(const hpa_object *hpa, const char *path, bool *has, int32_t *out, hpa_error *err)
{
	hpa_error e = HPA_ERROR_INIT;
	int rc = hpa_object_get_int32(hpa, path, out, &e);
	*has = rc == HPA_OK;
	if (rc == HPA_ENOTFOUND)
		return HPA_OK;
	return rc ? hpa__xwrap(err, &e, hpa, path) : HPA_OK;
}

static const char *const sections[] = { NULL, "resource", "containerResource", "pods", "object", "external" };

static int read_entry(hpa_targets_entry *e, const hpa_object *hpa, size_t i, hpa_error *err)
{
	char base[128], p[192];
	const char *type = "";
	bool has;
	int rc;
	memset(e, 0, sizeof(*e));
	snprintf(p, sizeof(p), "spec.metrics[%zu].type", i);
	hpa_object_get_text(hpa, p, &type, NULL);
	e->type = !strcmp(type, "Resource") ? HPA_SOURCE_RESOURCE
		: !strcmp(type, "ContainerResource") ? HPA_SOURCE_CONTAINER_RESOURCE
		: !strcmp(type, "Pods") ? HPA_SOURCE_PODS : !strcmp(type, "Object") ? HPA_SOURCE_OBJECT
		: !strcmp(type, "External") ? HPA_SOURCE_EXTERNAL : HPA_SOURCE_UNKNOWN;
	if (e->type == HPA_SOURCE_UNKNOWN)
		return HPA_OK;
	snprintf(base, sizeof(base), "spec.metrics[%zu].%s", i, sections[e->type]);
	if (e->type == HPA_SOURCE_RESOURCE || e->type == HPA_SOURCE_CONTAINER_RESOURCE) {
		snprintf(p, sizeof(p), "%s.name", base);
		e->resource = "";
		hpa_object_get_text(hpa, p, &e->resource, NULL);
	}
	snprintf(p, sizeof(p), "%s.target.averageUtilization", base);
	if ((rc = i32_at(hpa, p, &e->has_target_average_utilization, &e->target_average_utilization, err)))
		return rc;
	snprintf(p, sizeof(p), "%s.target.averageValue", base);
	if ((rc = qty_at(hpa, p, &e->has_target_average_value, &e->target_average_value_milli,
		&e->target_average_value_format, err)))
		return rc;
	snprintf(p, sizeof(p), "%s.target.value", base);
	if ((rc = qty_at(hpa, p, &e->has_target_value, &e->target_value_milli, &e->target_value_format, err)))
		return rc;
	/* status.currentMetrics[i] counts when it has the same source set */
	snprintf(base, sizeof(base), "status.currentMetrics[%zu].%s", i, sections[e->type]);
	e->has_status = hpa_object_has(hpa, base);
	if (!e->has_status)
		return HPA_OK;
	snprintf(p, sizeof(p), "%s.current.averageUtilization", base);
	if ((rc = i32_at(hpa, p, &e->has_current_average_utilization, &e->current_average_utilization, err)))
		return rc;
	snprintf(p, sizeof(p), "%s.current.averageValue", base);
	if ((rc = qty_at(hpa, p, &e->has_current_average_value, &e->current_average_value_milli,
		&e->current_average_value_format, err)))
		return rc;
	snprintf(p, sizeof(p), "%s.current.value", base);
	if ((rc = qty_at(hpa, p, &has, &e->current_value_milli, &e->current_value_format, err)))
		return rc;
	e->has_current_value = has;
	return HPA_OK;
}

int hpa_explain_hpa_row(hpa_hpa_row *row, hpa_targets_entry *entries, size_t cap, const hpa_object *hpa,
	int64_t now_ms, hpa_error *err)
{
	size_t n, i;
	bool has;
	int rc;
	const char *t;
	if (!row || !hpa || (cap && !entries))
		return hpa__error(err, HPA_EINVAL, "hpa_explain_hpa_row: NULL argument");
	if (hpa_object_kind(hpa) != HPA_KIND_AUTOSCALER)
		return hpa__xfail(err, HPA_EINVAL, hpa, NULL, "expected an autoscaling/v2 HorizontalPodAutoscaler, got %s %s",
			hpa_object_api_version(hpa), hpa_object_kind_name(hpa));
	memset(row, 0, sizeof(*row));
	row->name = hpa_object_name(hpa);
	row->target_kind = row->target_name = "";
	hpa_object_get_text(hpa, "spec.scaleTargetRef.kind", &row->target_kind, NULL);
	hpa_object_get_text(hpa, "spec.scaleTargetRef.name", &row->target_name, NULL);
	n = hpa_object_type(hpa, "spec.metrics") == HPA_VALUE_LIST ? hpa_object_count(hpa, "spec.metrics") : 0;
	if (n > cap)
		return hpa__xfail(err, HPA_ELIMIT, hpa, "spec.metrics", "%zu metrics (room for %zu)", n, cap);
	for (i = 0; i < n; i++)
		if ((rc = read_entry(&entries[i], hpa, i, err)))
			return rc;
	row->metrics = entries;
	row->n_metrics = n;
	if ((rc = i32_at(hpa, "spec.minReplicas", &row->has_min_replicas, &row->min_replicas, err)) ||
	    (rc = i32_at(hpa, "spec.maxReplicas", &has, &row->max_replicas, err)) ||
	    (rc = i32_at(hpa, "status.currentReplicas", &has, &row->current_replicas, err)))
		return rc;
	row->creation_ms = HPA_TIME_ZERO;
	row->now_ms = now_ms;
	if (hpa_object_get_text(hpa, "metadata.creationTimestamp", &t, NULL) == HPA_OK && now_ms != HPA_TIME_ZERO) {
		if (hpa__time_parse_rfc3339(t, &row->creation_ms))
			return hpa__xfail(err, HPA_ESYNTAX, hpa, "metadata.creationTimestamp",
				"malformed timestamp \"%s\" (expected RFC 3339)", t);
	}
	return HPA_OK;
}

/* ---- the table ------------------------------------------------------------------------------ */

#define N_WIDE 8

static void put_cell(hpa__buf *b, const char *s, size_t width, bool last)
{
	size_t k = hpa__utf8_chars(s, strlen(s));
	hpa__buf_puts(b, s);
	if (!last)
		for (; k < width; k++)
			hpa__buf_putc(b, ' ');
}

/* The wide cells of one row (each a NUL-terminated string in cells[c]). */
static int wide_cells(hpa__buf *cells, const hpa_hpa_row *r, const hpa_object *hpa)
{
	char buf[512];
	size_t i, c;
	int32_t desired;
	for (c = 0; c < N_WIDE; c++)
		hpa__buf_clear(&cells[c]);
	hpa__buf_puts(&cells[0], r->name ? r->name : "");
	hpa__buf_printf(&cells[1], "%s/%s", r->target_kind ? r->target_kind : "", r->target_name ? r->target_name : "");
	if (!r->n_metrics)
		hpa__buf_puts(&cells[2], "<none>");
	for (i = 0; i < r->n_metrics; i++) {
		size_t k = hpa_format_targets(buf, sizeof(buf), &r->metrics[i], 1);
		if (i)
			hpa__buf_puts(&cells[2], ", ");
		hpa__buf_put(&cells[2], buf, k < sizeof(buf) ? k : sizeof(buf) - 1);
	}
	if (r->has_min_replicas)
		hpa__buf_printf(&cells[3], "%d", (int)r->min_replicas);
	else
		hpa__buf_puts(&cells[3], "<unset>");
	hpa__buf_printf(&cells[4], "%d", (int)r->max_replicas);
	hpa__buf_printf(&cells[5], "%d", (int)r->current_replicas);
	if (hpa_object_get_int32(hpa, "status.desiredReplicas", &desired, NULL) == HPA_OK)
		hpa__buf_printf(&cells[6], "%d", (int)desired);
	else
		hpa__buf_puts(&cells[6], "<unknown>");
	if (r->creation_ms == HPA_TIME_ZERO) {
		hpa__buf_puts(&cells[7], "<unknown>");
	} else {
		size_t k = hpa_format_duration(buf, sizeof(buf), r->now_ms - r->creation_ms);
		hpa__buf_put(&cells[7], buf, k < sizeof(buf) ? k : sizeof(buf) - 1);
	}
	for (c = 0; c < N_WIDE; c++)
		if (hpa__buf_oom(&cells[c]) || (!cells[c].ptr && hpa__buf_puts(&cells[c], "")))
			return HPA_ENOMEM;
	return HPA_OK;
}

int hpa_explain_hpa_table(char **out, size_t *len_out, const hpa_object *const *hpas, size_t n, int64_t now_ms,
	unsigned int flags, hpa_error *err)
{
	static const char *const headers[N_WIDE] = { "NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS",
		"DESIRED", "AGE" };
	hpa_hpa_row *rows = NULL;
	hpa_targets_entry *entries = NULL;
	size_t total = 0, i, c;
	hpa__buf b = HPA__BUF_INIT;
	int rc = HPA_OK;
	bool header = !(flags & HPA_EXPLAIN_TABLE_NO_HEADERS);

	if (flags & ~(HPA_EXPLAIN_TABLE_NO_HEADERS | HPA_EXPLAIN_TABLE_WIDE))
		return hpa__error(err, HPA_EINVAL, "hpa_explain_hpa_table: unknown flags 0x%x",
			flags & ~(HPA_EXPLAIN_TABLE_NO_HEADERS | HPA_EXPLAIN_TABLE_WIDE));
	if (!out || (n && !hpas))
		return hpa__error(err, HPA_EINVAL, "hpa_explain_hpa_table: NULL argument");
	*out = NULL;
	if (len_out)
		*len_out = 0;
	for (i = 0; i < n; i++) {
		if (!hpas[i])
			return hpa__error(err, HPA_EINVAL, "hpa_explain_hpa_table: NULL object");
		total += hpa_object_type(hpas[i], "spec.metrics") == HPA_VALUE_LIST
			? hpa_object_count(hpas[i], "spec.metrics") : 0;
	}
	if ((n && !(rows = hpa__calloc(n, sizeof(*rows)))) ||
	    (total && !(entries = hpa__calloc(total, sizeof(*entries))))) {
		rc = hpa__enomem(err);
		goto done;
	}
	for (i = 0, total = 0; i < n; i++) {
		size_t m = hpa_object_type(hpas[i], "spec.metrics") == HPA_VALUE_LIST
			? hpa_object_count(hpas[i], "spec.metrics") : 0;
		/* (entries is NULL when no HPA lists a metric: no offset on it) */
		if ((rc = hpa_explain_hpa_row(&rows[i], entries ? entries + total : NULL, m, hpas[i], now_ms, err)))
			goto done;
		total += m;
	}
	if (!(flags & HPA_EXPLAIN_TABLE_WIDE)) {
		size_t len = hpa_format_hpa_table(NULL, 0, rows, n, header);
		if (hpa__buf_grow(&b, len) < 0) {
			rc = hpa__enomem(err);
			goto done;
		}
		hpa_format_hpa_table(b.ptr, len + 1, rows, n, header);
		b.len = len;
	} else {
		/* tabwriter(minwidth 10, padding 3): every cell but the last padded to its column's width */
		hpa__buf cells[N_WIDE];
		size_t width[N_WIDE];
		for (c = 0; c < N_WIDE; c++) {
			hpa__buf tmp = HPA__BUF_INIT;
			cells[c] = tmp;
			width[c] = header ? strlen(headers[c]) : 0;
		}
		for (i = 0; i < n && rc == HPA_OK; i++) {
			if ((rc = wide_cells(cells, &rows[i], hpas[i])))
				break;
			for (c = 0; c < N_WIDE; c++) {
				size_t k = hpa__utf8_chars(cells[c].ptr, cells[c].len);
				if (k > width[c])
					width[c] = k;
			}
		}
		for (c = 0; c < N_WIDE; c++)
			width[c] = width[c] + 3 < 10 ? 10 : width[c] + 3;
		if (rc == HPA_OK && header) {
			for (c = 0; c < N_WIDE; c++)
				put_cell(&b, headers[c], width[c], c == N_WIDE - 1);
			hpa__buf_putc(&b, '\n');
		}
		for (i = 0; i < n && rc == HPA_OK; i++) {
			if ((rc = wide_cells(cells, &rows[i], hpas[i])))
				break;
			for (c = 0; c < N_WIDE; c++)
				put_cell(&b, cells[c].ptr, width[c], c == N_WIDE - 1);
			hpa__buf_putc(&b, '\n');
		}
		for (c = 0; c < N_WIDE; c++)
			hpa__buf_dispose(&cells[c]);
		if (rc) {
			rc = hpa__enomem(err);
			goto done;
		}
	}
	if (!(*out = hpa__buf_detach(&b, len_out)))
		rc = hpa__enomem(err);
done:
	hpa__buf_dispose(&b);
	hpa__free(rows);
	hpa__free(entries);
	return rc;
}
