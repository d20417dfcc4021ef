/*
 * lib/decide/render.c -- texts: enum names, the bounded string builder,
 * canonical quantities, and kubectl's `get hpa` rendering (printers.go
 * formatHPAMetrics / printHorizontalPodAutoscaler, duration.HumanDuration,
 * the tabwriter layout of `kubectl get`).
 */
#include "decide_int.h"

/* ---- string builder ------------------------------------------------------------ */

void hpa__sb_puts(hpa__sb *b, const char *s)
{
	size_t n, room;
	if (!s || !b->cap)
		return;
	n = strlen(s);
	room = b->cap - 1 - b->len;
	if (n > room)
		n = room;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void hpa__sb_putc(hpa__sb *b, char c)
{
	if (b->cap && b->len + 1 < b->cap) {
		b->p[b->len++] = c;
		b->p[b->len] = '\0';
	}
}

static size_t fmt_i64(char out[24], int64_t v)
{
	char tmp[24];
	size_t n = 0, k = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[k++] = '-';
	while (n)
		out[k++] = tmp[--n];
	out[k] = '\0';
	return k;
}

void hpa__sb_int(hpa__sb *b, int64_t v)
{
	char t[24];
	fmt_i64(t, v);
	hpa__sb_puts(b, t);
}

/* A growing-length writer for the public formatters (snprintf semantics). */
typedef struct {
	char *p;
	size_t size, len;
} out_t;

static void o_put(out_t *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - 1 - o->len, k = n < room ? n : room;
		memcpy(o->p + o->len, s, k);
		o->p[o->len + k] = '\0';
	}
	o->len += n;
}

static void o_puts(out_t *o, const char *s)
{
	o_put(o, s, strlen(s));
}

static void o_int(out_t *o, int64_t v)
{
	char t[24];
	o_put(o, t, fmt_i64(t, v));
}

static void o_init(out_t *o, char *buf, size_t size)
{
	o->p = buf;
	o->size = size;
	o->len = 0;
	if (size)
		buf[0] = '\0';
}

/* ---- names ---------------------------------------------------------------------- */

const char *hpa_decide_limit_name(int v)
{
	static const char *const names[] = {
		NULL, "DesiredWithinRange", "TooFewReplicas", "TooManyReplicas", "ScaleUpLimit", "ScaleDownLimit",
		"CurrentAboveMax", "CurrentBelowMin", "ScalingDisabled", "InvalidMetrics", "InvalidSelector",
	};
	return v > 0 && (size_t)v < HPA__ARRAY_SIZE(names) ? names[v] : NULL;
}

const char *hpa_decide_condition_name(int v)
{
	static const char *const names[] = { NULL, "AbleToScale", "ScalingActive", "ScalingLimited", "ScaledToZero" };
	return v > 0 && (size_t)v < HPA__ARRAY_SIZE(names) ? names[v] : NULL;
}

const char *hpa_decide_cond_status_name(int v)
{
	static const char *const names[] = { NULL, "True", "False", "Unknown" };
	return v > 0 && (size_t)v < HPA__ARRAY_SIZE(names) ? names[v] : NULL;
}

const char *hpa_decide_pod_class_name(int v)
{
	static const char *const names[] = {
		"not-consulted", "ready", "ignored (deleting)", "ignored (failed)", "unready (pending)",
		"missing (no sample)", "unready (no Ready condition)", "unready (no start time)",
		"unready (initializing, not ready)", "unready (sample older than Ready transition + window)",
		"unready (never ready since the initial readiness delay)", "ready (Running and Ready)",
		"not ready (not Running or not Ready)",
	};
	return v >= 0 && (size_t)v < HPA__ARRAY_SIZE(names) ? names[v] : NULL;
}

const char *hpa_decide_source_name(int v)
{
	static const char *const names[] = { NULL, "Resource", "ContainerResource", "Pods", "Object", "External",
		"Unknown" };
	return v > 0 && (size_t)v < HPA__ARRAY_SIZE(names) ? names[v] : NULL;
}

/* ---- quantities (Quantity.String() of NewMilliQuantity(v, format)) -------------------- */

static void qty_decimal(out_t *o, int64_t milli, bool exponent_form)
{
	/* value = milli * 10^-3; strip groups of three zeros (SI) or single zeros (exponent) */
	static const char *const suffix[] = { "m", "", "k", "M", "G", "T", "P", "E" };
	uint64_t m = milli < 0 ? (uint64_t)0 - (uint64_t)milli : (uint64_t)milli;
	int exp = -3;
	char t[24];
	if (milli == 0) {
		o_puts(o, "0");
		return;
	}
	if (exponent_form) {
		while (m % 10 == 0) {
			m /= 10;
			exp++;
		}
		/* Go keeps the exponent a multiple of 3 in canonical form */
		while (exp % 3 != 0) {
			m *= 10;
			exp--;
		}
	} else {
		while (m % 1000 == 0 && exp < 15) {
			m /= 1000;
			exp += 3;
		}
	}
	if (milli < 0)
		o_puts(o, "-");
	{
		size_t n = 0, k = 0;
		char tmp[24];
		do {
			tmp[n++] = (char)('0' + m % 10);
			m /= 10;
		} while (m);
		while (n)
			t[k++] = tmp[--n];
		t[k] = '\0';
	}
	o_puts(o, t);
	if (exponent_form) {
		if (exp != 0) {
			o_puts(o, "e");
			o_int(o, exp);
		}
	} else {
		o_puts(o, suffix[(exp + 3) / 3]);
	}
}

static void qty(out_t *o, int64_t milli, int format)
{
	if (milli == 0) {
		o_puts(o, "0");
		return;
	}
	if (format == HPA_QFMT_BINARY_SI) {
		/* |q| < 1024 or a fractional value: DecimalSI */
		if (milli % 1000 == 0 && (milli >= 1024000 || milli <= -1024000)) {
			static const char *const suffix[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
			int64_t v = milli / 1000;
			uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
			int e = 0;
			while (u % 1024 == 0 && e < 6) {
				u /= 1024;
				e++;
			}
			if (v < 0)
				o_puts(o, "-");
			{
				char t[24];
				o_put(o, t, fmt_i64(t, (int64_t)u));
			}
			o_puts(o, suffix[e]);
			return;
		}
		qty_decimal(o, milli, false);
		return;
	}
	qty_decimal(o, milli, format == HPA_QFMT_DECIMAL_EXPONENT);
}

size_t hpa__qty_format(char *buf, size_t size, int64_t milli, int format)
{
	out_t o;
	o_init(&o, buf, size);
	qty(&o, milli, format);
	return o.len;
}

/* ---- TARGETS --------------------------------------------------------------------------- */

static void target_entry(out_t *o, const hpa_targets_entry *e)
{
	switch (e->type) {
	case HPA_SOURCE_EXTERNAL:
	case HPA_SOURCE_OBJECT:
		if (e->has_target_average_value) {
			if (e->has_status && e->has_current_average_value)
				qty(o, e->current_average_value_milli, e->current_average_value_format);
			else
				o_puts(o, "<unknown>");
			o_puts(o, "/");
			qty(o, e->target_average_value_milli, e->target_average_value_format);
			o_puts(o, " (avg)");
		} else {
			if (e->has_status)
				qty(o, e->has_current_value ? e->current_value_milli : 0, e->current_value_format);
			else
				o_puts(o, "<unknown>");
			o_puts(o, "/");
			qty(o, e->has_target_value ? e->target_value_milli : 0, e->target_value_format);
		}
		break;
	case HPA_SOURCE_PODS:
		if (e->has_status)
			qty(o, e->has_current_average_value ? e->current_average_value_milli : 0,
				e->current_average_value_format);
		else
			o_puts(o, "<unknown>");
		o_puts(o, "/");
		qty(o, e->has_target_average_value ? e->target_average_value_milli : 0, e->target_average_value_format);
		break;
	case HPA_SOURCE_RESOURCE:
	case HPA_SOURCE_CONTAINER_RESOURCE:
		o_puts(o, e->resource ? e->resource : "");
		o_puts(o, ": ");
		if (e->has_target_average_value) {
			if (e->has_status)
				qty(o, e->has_current_average_value ? e->current_average_value_milli : 0,
					e->current_average_value_format);
			else
				o_puts(o, "<unknown>");
			o_puts(o, "/");
			qty(o, e->target_average_value_milli, e->target_average_value_format);
		} else {
			if (e->has_status && e->has_current_average_utilization) {
				o_int(o, e->current_average_utilization);
				o_puts(o, "%");
			} else {
				o_puts(o, "<unknown>");
			}
			o_puts(o, "/");
			if (e->has_target_average_utilization) {
				o_int(o, e->target_average_utilization);
				o_puts(o, "%");
			} else {
				o_puts(o, "<auto>");
			}
		}
		break;
	default:
		o_puts(o, "<unknown type>");
		break;
	}
}

static void targets(out_t *o, const hpa_targets_entry *e, size_t n)
{
	size_t i, shown = n > 2 ? 2 : n;
	if (n == 0 || !e) {
		o_puts(o, "<none>");
		return;
	}
	for (i = 0; i < shown; i++) {
		if (i)
			o_puts(o, ", ");
		target_entry(o, &e[i]);
	}
	if (n > 2) {
		o_puts(o, " + ");
		o_int(o, (int64_t)(n - 2));
		o_puts(o, " more...");
	}
}

size_t hpa_format_targets(char *buf, size_t size, const hpa_targets_entry *entries, size_t n)
{
	out_t o;
	o_init(&o, buf, size);
	targets(&o, entries, n);
	return o.len;
}

size_t hpa_decision_targets(hpa_targets_entry *entries, size_t cap, const hpa_decision *d, const hpa_decide_input *in)
{
	static const hpa_decide_metric cpu80 = { HPA_SOURCE_RESOURCE, NULL, HPA_RESOURCE_CPU, NULL, NULL, NULL, NULL,
		NULL, NULL, HPA_TARGET_UTILIZATION, true, 80, false, 0, 0, false, 0, 0, NULL, NULL, 0, false, 0, NULL,
		0, false, NULL };
	size_t i, n;
	if (!entries || !d || !in)
		return 0;
	n = d->n_metrics < cap ? d->n_metrics : cap;
	for (i = 0; i < n; i++) {
		const hpa_decide_metric *m = in->n_metrics ? &in->metrics[i] : &cpu80;
		const hpa_metric_result *r = &d->metrics[i];
		hpa_targets_entry *e = &entries[i];
		memset(e, 0, sizeof(*e));
		e->type = m->type;
		e->resource = m->type == HPA_SOURCE_RESOURCE || m->type == HPA_SOURCE_CONTAINER_RESOURCE
			? (m->resource == HPA_RESOURCE_CPU ? "cpu" : m->resource == HPA_RESOURCE_MEMORY ? "memory" : "")
			: NULL;
		e->has_target_average_utilization = m->has_average_utilization;
		e->target_average_utilization = m->average_utilization;
		e->has_target_average_value = m->has_average_value;
		e->target_average_value_milli = m->average_value_milli;
		e->target_average_value_format = m->average_value_format;
		e->has_target_value = m->has_value;
		e->target_value_milli = m->value_milli;
		e->target_value_format = m->value_format;
		/* statuses exist only when the metrics were computed and this one succeeded */
		e->has_status = d->metrics_computed && r->status == HPA_OK &&
			(d->limit_reason != HPA_LIMIT_INVALID_SELECTOR);
		if (e->has_status) {
			e->has_current_average_utilization = r->has_average_utilization;
			e->current_average_utilization = r->average_utilization;
			e->has_current_average_value = r->has_average_value;
			e->current_average_value_milli = r->average_value_milli;
			e->current_average_value_format = r->value_format;
			e->has_current_value = r->has_value;
			e->current_value_milli = r->value_milli;
			e->current_value_format = r->value_format;
		}
	}
	return n;
}

/* ---- AGE ---------------------------------------------------------------------------------- */

static void duration(out_t *o, int64_t ms)
{
	int64_t seconds = ms / 1000; /* Go: int(d.Seconds()) truncates toward zero */
	int64_t minutes, hours;
	if (seconds < -1) {
		o_puts(o, "<invalid>");
		return;
	}
	if (seconds < 0) {
		o_puts(o, "0s");
		return;
	}
	if (seconds < 60 * 2) {
		o_int(o, seconds);
		o_puts(o, "s");
		return;
	}
	minutes = seconds / 60;
	if (minutes < 10) {
		int64_t s = seconds % 60;
		o_int(o, minutes);
		o_puts(o, "m");
		if (s) {
			o_int(o, s);
			o_puts(o, "s");
		}
		return;
	}
	if (minutes < 60 * 3) {
		o_int(o, minutes);
		o_puts(o, "m");
		return;
	}
	hours = seconds / 3600;
	if (hours < 8) {
		int64_t m = minutes % 60;
		o_int(o, hours);
		o_puts(o, "h");
		if (m) {
			o_int(o, m);
			o_puts(o, "m");
		}
		return;
	}
	if (hours < 48) {
		o_int(o, hours);
		o_puts(o, "h");
		return;
	}
	if (hours < 24 * 8) {
		int64_t h = hours % 24;
		o_int(o, hours / 24);
		o_puts(o, "d");
		if (h) {
			o_int(o, h);
			o_puts(o, "h");
		}
		return;
	}
	if (hours < 24 * 365 * 2) {
		o_int(o, hours / 24);
		o_puts(o, "d");
		return;
	}
	if (hours < 24 * 365 * 8) {
		int64_t dy = (hours / 24) % 365;
		o_int(o, hours / 24 / 365);
		o_puts(o, "y");
		if (dy) {
			o_int(o, dy);
			o_puts(o, "d");
		}
		return;
	}
	o_int(o, hours / 24 / 365);
	o_puts(o, "y");
}

size_t hpa_format_duration(char *buf, size_t size, int64_t ms)
{
	out_t o;
	o_init(&o, buf, size);
	duration(&o, ms);
	return o.len;
}

/* ---- rows ------------------------------------------------------------------------------------ */

#define N_COLS 7

/* Cell c of a row into o. */
static void cell(out_t *o, const hpa_hpa_row *r, int c)
{
	switch (c) {
	case 0:
		o_puts(o, r->name ? r->name : "");
		break;
	case 1:
		o_puts(o, r->target_kind ? r->target_kind : "");
		o_puts(o, "/");
		o_puts(o, r->target_name ? r->target_name : "");
		break;
	case 2:
		targets(o, r->metrics, r->n_metrics);
		break;
	case 3:
		if (r->has_min_replicas)
			o_int(o, r->min_replicas);
		else
			o_puts(o, "<unset>");
		break;
	case 4:
		o_int(o, r->max_replicas);
		break;
	case 5:
		o_int(o, r->current_replicas);
		break;
	default:
		if (r->creation_ms == HPA_TIME_ZERO)
			o_puts(o, "<unknown>");
		else
			duration(o, hpa__sub_sat(r->now_ms, r->creation_ms));
		break;
	}
}

size_t hpa_format_hpa_row(char *buf, size_t size, const hpa_hpa_row *row)
{
	out_t o;
	int c;
	o_init(&o, buf, size);
	if (!row)
		return 0;
	for (c = 0; c < N_COLS; c++) {
		if (c)
			o_puts(&o, "\t");
		cell(&o, row, c);
	}
	return o.len;
}

static const char *const headers[N_COLS] = { "NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE" };

static size_t cell_width(const hpa_hpa_row *r, int c)
{
	out_t o;
	o_init(&o, NULL, 0);
	cell(&o, r, c);
	return o.len; /* cells are ASCII except names; close enough to tabwriter's rune count */
}

size_t hpa_format_hpa_table(char *buf, size_t size, const hpa_hpa_row *rows, size_t n, bool header)
{
	size_t width[N_COLS], i;
	out_t o;
	int c;
	o_init(&o, buf, size);
	if (n && !rows)
		return 0;
	/* tabwriter(minwidth 10, tabwidth 4, padding 3, ' '): every cell but the last of a line is padded */
	for (c = 0; c < N_COLS; c++) {
		size_t w = header ? strlen(headers[c]) : 0;
		for (i = 0; i < n; i++) {
			size_t k = cell_width(&rows[i], c);
			if (k > w)
				w = k;
		}
		w += 3;
		width[c] = w < 10 ? 10 : w;
	}
	for (i = 0; i < n + (header ? 1 : 0); i++) {
		const hpa_hpa_row *r = header ? (i ? &rows[i - 1] : NULL) : &rows[i];
		for (c = 0; c < N_COLS; c++) {
			size_t before = o.len, k;
			if (r)
				cell(&o, r, c);
			else
				o_puts(&o, headers[c]);
			k = o.len - before;
			if (c < N_COLS - 1)
				while (k++ < width[c])
					o_puts(&o, " ");
		}
		o_puts(&o, "\n");
	}
	return o.len;
}
