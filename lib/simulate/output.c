/*
 * lib/simulate/output.c -- the simulator's writers: text (kubectl rows and
 * the summary), CSV, JSON and a hand-written SVG chart. Numbers are printed
 * from integers (fixed point), never with %g or %f.
 */
#include "simulate/sim_int.h"

#define MI (1024.0 * 1024.0)

static void put_fixed(hpa__buf *b, int64_t v, int64_t scale, int decimals)
{
	char tmp[48];
	hpa__sim_fmt_fixed(tmp, sizeof(tmp), v, scale, decimals);
	hpa__buf_puts(b, tmp);
}

static void put_dur(hpa__buf *b, int64_t ms)
{
	char tmp[48];
	hpa__sim_fmt_duration(tmp, sizeof(tmp), ms);
	hpa__buf_puts(b, tmp);
}

/* "m:ss" clock of a run time */
static void put_clock(hpa__buf *b, int64_t ms)
{
	int64_t s = ms / 1000;
	if (ms < 0) {
		hpa__buf_puts(b, "-");
		s = -s;
	}
	hpa__buf_printf(b, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
}

static void put_bytes(hpa__buf *b, double bytes)
{
	/* MiB with one decimal */
	put_fixed(b, hpa__sim_round(bytes * 10.0 / MI), 10, 1);
	hpa__buf_puts(b, "Mi");
}

static void json_str(hpa__buf *b, const char *s)
{
	hpa__buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			hpa__buf_putc(b, '\\');
			hpa__buf_putc(b, (char)c);
		} else if (c < 0x20) {
			hpa__buf_printf(b, "\\u%04x", c);
		} else {
			hpa__buf_putc(b, (char)c);
		}
	}
	hpa__buf_putc(b, '"');
}

static void csv_str(hpa__buf *b, const char *s)
{
	bool quote = false;
	for (const char *p = s; *p; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			quote = true;
	if (!quote) {
		hpa__buf_puts(b, s);
		return;
	}
	hpa__buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			hpa__buf_putc(b, '"');
		hpa__buf_putc(b, *s);
	}
	hpa__buf_putc(b, '"');
}

static int32_t max_metrics(const hpa_sim *sim)
{
	int32_t m = 0;
	for (size_t i = 0; i < sim->n_rows; i++)
		if (sim->rows[i].n_metrics > m)
			m = sim->rows[i].n_metrics;
	for (size_t i = 0; i < sim->n_hpa; i++)
		if (sim->hpas[i].n_mdesc > m)
			m = sim->hpas[i].n_mdesc;
	return m;
}

/* ---- summary and explanations ---------------------------------------------------- */

/* Idle utilization (percent of request) a metric shows with no load, when
 * the service model tells it; -1 when unknown. */
static int64_t idle_utilization(const hpa__sim_workload *w, const hpa__sim_mdesc *m)
{
	if (m->type != HPA_METRIC_SOURCE_TYPE_RESOURCE && m->type != HPA_METRIC_SOURCE_TYPE_CONTAINER_RESOURCE)
		return -1;
	if (strcmp(m->resource, "memory") == 0 && w->dep.memory_request_bytes > 0)
		return w->svc.mem_base_bytes * 100 / w->dep.memory_request_bytes;
	if (strcmp(m->resource, "cpu") == 0 && w->dep.cpu_request_milli > 0)
		return w->svc.base_cpu_milli * 100 / w->dep.cpu_request_milli;
	return -1;
}

static void explain(const hpa_sim *sim, size_t hi, hpa__buf *b, const char *indent, bool json)
{
	const hpa__sim_hpa *h = &sim->hpas[hi];
	const hpa__sim_workload *w = &sim->wl[h->wl];
	hpa_sim_summary s;
	double tol = sim->dopts.tolerance; /* >= 0, maybe +inf (hpa_sim_new() checked it) */
	bool first = true;
#define LINE_BEGIN() do { \
		if (json) { hpa__buf_puts(b, first ? "" : ","); hpa__buf_puts(b, "\n      \""); } \
		else { hpa__buf_puts(b, indent); hpa__buf_puts(b, "- "); } \
		first = false; \
	} while (0)
#define LINE_END() do { if (json) hpa__buf_putc(b, '"'); else hpa__buf_putc(b, '\n'); } while (0)
	hpa_sim_summary_get(sim, hi, &s, NULL);

	/* 1. a footprint above target: no load can bring the ratio under 1 */
	for (int32_t i = 0; i < h->n_mdesc; i++) {
		const hpa__sim_mdesc *m = &h->mdesc[i];
		int64_t idle = idle_utilization(w, m);
		if (m->target_type != HPA_METRIC_TARGET_TYPE_UTILIZATION || m->target_util <= 0 || idle < 0)
			continue;
		/* ratio idle/target above 1 + tolerance: ceil(ratio * n) > n for
		 * every n (the decision's test, in double as it computes it) */
		if ((double)idle / (double)m->target_util > 1.0 + tol) {
			LINE_BEGIN();
			if (strcmp(m->resource, "memory") == 0)
				hpa__buf_printf(b, "the idle memory footprint (%lld%% of the ", (long long)idle);
			else
				hpa__buf_printf(b, "the idle CPU usage (%lld%% of the ", (long long)idle);
			if (strcmp(m->resource, "memory") == 0)
				put_bytes(b, (double)w->dep.memory_request_bytes);
			else
				hpa__buf_printf(b, "%lldm", (long long)w->dep.cpu_request_milli);
			hpa__buf_printf(b, " request) is above the %d%% target: the usage ratio ", m->target_util);
			put_fixed(b, idle * 1000 / m->target_util, 1000, 2);
			hpa__buf_puts(b, " stays above 1 + tolerance at any replica count, so ");
			hpa__buf_printf(b, "%s can only grow to maxReplicas %d and never scale down", h->name,
				h->max_replicas);
			if (strcmp(m->resource, "memory") == 0 && w->svc.mem_retain)
				hpa__buf_puts(b, " (a JVM does not return heap memory to the OS)");
			hpa__buf_puts(b, "; use a CPU or request-rate metric, or a target above the idle footprint");
			LINE_END();
		}
	}
	/* 2. the first scale-up and the lag behind the load */
	if (s.first_scale_up_ms >= 0) {
		LINE_BEGIN();
		hpa__buf_puts(b, "first scale-up at ");
		put_clock(b, s.first_scale_up_ms);
		if (s.load_start_ms >= 0 && s.first_scale_up_ms >= s.load_start_ms) {
			hpa__buf_puts(b, ", ");
			put_dur(b, s.first_scale_up_ms - s.load_start_ms);
			hpa__buf_puts(b, " after the load started (metrics lag: kubelet ");
			put_dur(b, sim->opts.kubelet_interval_ms);
			hpa__buf_puts(b, ", metrics-server ");
			put_dur(b, sim->opts.metric_resolution_ms);
			hpa__buf_puts(b, " with a window of one scrape, HPA sync ");
			put_dur(b, sim->opts.sync_period_ms);
			hpa__buf_puts(b, ")");
		} else if (s.load_start_ms < 0) {
			hpa__buf_puts(b, " without any load");
		}
		LINE_END();
	} else if (s.load_start_ms >= 0) {
		LINE_BEGIN();
		hpa__buf_puts(b, "no scale-up: no metric went above target + tolerance long enough to be seen at a sync");
		LINE_END();
	}
	/* 3. capped at max */
	if (s.time_at_max_ms > 0) {
		LINE_BEGIN();
		hpa__buf_printf(b, "at maxReplicas %d for ", h->max_replicas);
		put_dur(b, s.time_at_max_ms);
		hpa__buf_puts(b, " of ");
		put_dur(b, sim->opts.duration_ms);
		LINE_END();
	}
	/* 4. the way down */
	if (s.back_to_initial_ms >= 0) {
		LINE_BEGIN();
		hpa__buf_printf(b, "back to %d replica%s at ", s.initial_replicas, s.initial_replicas == 1 ? "" : "s");
		put_clock(b, s.back_to_initial_ms);
		if (s.load_end_ms >= 0 && s.back_to_initial_ms >= s.load_end_ms) {
			hpa__buf_puts(b, ", ");
			put_dur(b, s.back_to_initial_ms - s.load_end_ms);
			hpa__buf_puts(b, " after the load ended: the scale-down stabilization window (");
			put_dur(b, h->down_window_ms);
			hpa__buf_puts(b, ") keeps the highest recommendation of its span");
		}
		LINE_END();
	} else if (s.peak_replicas > s.initial_replicas && s.final_replicas > s.initial_replicas) {
		LINE_BEGIN();
		hpa__buf_printf(b, "still at %d replicas at the end", s.final_replicas);
		if (s.load_end_ms >= 0 && sim->opts.duration_ms - s.load_end_ms < h->down_window_ms) {
			hpa__buf_puts(b, ": the run ends less than the stabilization window (");
			put_dur(b, h->down_window_ms);
			hpa__buf_puts(b, ") after the load");
		}
		LINE_END();
	}
	/* 5. requests */
	if (s.requests > 0 || s.requests_dropped > 0) {
		LINE_BEGIN();
		hpa__buf_printf(b, "%lld requests served, %lld rejected, %lld slower than the ", (long long)s.requests,
			(long long)s.requests_dropped, (long long)s.requests_over_objective);
		put_dur(b, sim->opts.latency_objective_ms);
		hpa__buf_puts(b, " latency objective");
		if (w->no_ready_ms > 0) {
			hpa__buf_puts(b, "; no pod was ready for ");
			put_dur(b, w->no_ready_ms);
			hpa__buf_puts(b, " of the load");
		}
		LINE_END();
	}
	if (w->mem_capped_ms > 0) {
		LINE_BEGIN();
		hpa__buf_puts(b, "a pod's working set reached its memory limit (");
		put_bytes(b, (double)w->dep.memory_limit_bytes);
		hpa__buf_puts(b, ") for ");
		put_dur(b, (int64_t)w->mem_capped_ms);
		hpa__buf_puts(b, ": a real pod would be OOM-killed");
		LINE_END();
	}
#undef LINE_BEGIN
#undef LINE_END
}

static void write_summary(const hpa_sim *sim, hpa__buf *b)
{
	for (size_t hi = 0; hi < sim->n_hpa; hi++) {
		const hpa__sim_hpa *h = &sim->hpas[hi];
		const hpa__sim_workload *w = &sim->wl[h->wl];
		hpa_sim_summary s;
		hpa_sim_summary_get(sim, hi, &s, NULL);
		hpa__buf_printf(b, "%s (%s/%s, min %d, max %d", h->name, h->target_kind, w->name, h->min_replicas,
			h->max_replicas);
		for (int32_t i = 0; i < h->n_mdesc; i++) {
			const hpa__sim_mdesc *m = &h->mdesc[i];
			if (m->target_type == HPA_METRIC_TARGET_TYPE_UTILIZATION)
				hpa__buf_printf(b, ", %s %d%%", m->resource, m->target_util);
			else
				hpa__buf_printf(b, ", %s", m->resource);
		}
		hpa__buf_puts(b, ")\n");
		hpa__buf_printf(b, "  load:            %s\n", w->has_load ? w->load.text : "none");
		hpa__buf_puts(b, "  first scale-up:  ");
		if (s.first_scale_up_ms >= 0)
			put_clock(b, s.first_scale_up_ms);
		else
			hpa__buf_puts(b, "none");
		hpa__buf_printf(b, "\n  replicas:        %d -> peak %d -> %d at the end\n", s.initial_replicas,
			s.peak_replicas, s.final_replicas);
		hpa__buf_puts(b, "  time at max:     ");
		put_dur(b, s.time_at_max_ms);
		hpa__buf_printf(b, "\n  requests:        %lld served, %lld rejected, %lld over ", (long long)s.requests,
			(long long)s.requests_dropped, (long long)s.requests_over_objective);
		put_dur(b, sim->opts.latency_objective_ms);
		hpa__buf_puts(b, "\n  pod-seconds:     ");
		put_fixed(b, s.pod_ms, 1000, 0);
		hpa__buf_printf(b, "\n  decisions:       %lld (%lld rescales)\n", (long long)s.decisions,
			(long long)s.rescales);
		hpa__buf_puts(b, "  why:\n");
		explain(sim, hi, b, "    ", false);
		if (hi + 1 < sim->n_hpa)
			hpa__buf_putc(b, '\n');
	}
}

/* ---- text ----------------------------------------------------------------------------- */

static void write_text(const hpa_sim *sim, hpa__buf *b)
{
	/* the rows as `kubectl get hpa -w` aligns them (decide's table
	 * rendering), each line prefixed with the virtual time */
	hpa_hpa_row *rows = sim->n_rows ? hpa__calloc(sim->n_rows, sizeof(*rows)) : NULL;
	char *table = NULL;
	size_t need = 0;
	if (sim->n_rows && !rows) {
		b->failed = 1;
		return;
	}
	for (size_t i = 0; i < sim->n_rows; i++) {
		const hpa_sim_row *r = &sim->rows[i];
		const hpa__sim_hpa *h = &sim->hpas[r->hpa];
		size_t off = sim->row_target_off[i];
		size_t end = i + 1 < sim->n_rows ? sim->row_target_off[i + 1] : sim->n_row_targets;
		hpa__sim_glue_row(h->glue, sim, h->wl, &rows[i], sim->row_targets + off, end - off, r->replicas,
			r->time_ms);
	}
	need = hpa_format_hpa_table(NULL, 0, rows, sim->n_rows, true);
	table = hpa__malloc(need + 1);
	if (!table) {
		hpa__free(rows);
		b->failed = 1;
		return;
	}
	hpa_format_hpa_table(table, need + 1, rows, sim->n_rows, true);
	{
		const char *line = table;
		size_t i = 0;
		bool header = true;
		while (*line) {
			const char *nl = strchr(line, '\n');
			size_t len = nl ? (size_t)(nl - line) : strlen(line);
			size_t start = b->len;
			if (header)
				hpa__buf_puts(b, "TIME");
			else
				put_clock(b, sim->rows[i].time_ms);
			for (size_t col = b->len - start; col < 8 && !hpa__buf_oom(b); col++)
				hpa__buf_putc(b, ' ');
			hpa__buf_put(b, line, len);
			if (!header && i < sim->n_rows) {
				const hpa_sim_row *r = &sim->rows[i];
				if (!r->decided)
					hpa__buf_printf(b, "   ! %s", r->message);
				else if (r->desired != r->replicas)
					hpa__buf_printf(b, "   -> %d (%s)", r->desired, r->reason_name);
				i++;
			}
			header = false;
			hpa__buf_putc(b, '\n');
			line = nl ? nl + 1 : line + len;
		}
	}
	hpa__free(table);
	hpa__free(rows);
	hpa__buf_putc(b, '\n');
	write_summary(sim, b);
}

/* ---- CSV ------------------------------------------------------------------------------- */

static void write_csv(const hpa_sim *sim, hpa__buf *b)
{
	int32_t m = max_metrics(sim);
	hpa__buf_puts(b, "time_s,hpa,replicas,desired,ready,pods,reason,load,throughput_rps,dropped_rps,"
		"latency_p50_ms,latency_p95_ms,cpu_utilization,memory_mib");
	for (int32_t k = 1; k <= m; k++)
		hpa__buf_printf(b, ",m%d_name,m%d_value,m%d_utilization,m%d_target,m%d_replicas", k, k, k, k, k);
	hpa__buf_putc(b, '\n');
	for (size_t i = 0; i < sim->n_rows; i++) {
		const hpa_sim_row *r = &sim->rows[i];
		put_fixed(b, r->time_ms, 1000, 3);
		hpa__buf_putc(b, ',');
		csv_str(b, sim->hpas[r->hpa].name);
		hpa__buf_printf(b, ",%d,%d,%d,%d,", r->replicas, r->desired, r->ready, r->pods);
		csv_str(b, r->decided ? r->reason_name : "Error");
		hpa__buf_putc(b, ',');
		put_fixed(b, r->load_milli, 1000, 3);
		hpa__buf_putc(b, ',');
		put_fixed(b, r->throughput_milli, 1000, 3);
		hpa__buf_putc(b, ',');
		put_fixed(b, r->dropped_milli, 1000, 3);
		hpa__buf_putc(b, ',');
		put_fixed(b, r->latency_p50_us, 1000, 3);
		hpa__buf_putc(b, ',');
		put_fixed(b, r->latency_p95_us, 1000, 3);
		hpa__buf_printf(b, ",%d,", r->cpu_utilization);
		put_fixed(b, hpa__sim_round((double)r->memory_bytes * 10.0 / MI), 10, 1);
		for (int32_t k = 0; k < m; k++) {
			if (k < r->n_metrics) {
				const hpa_sim_metric_value *v = &r->metrics[k];
				hpa__buf_putc(b, ',');
				csv_str(b, v->name);
				hpa__buf_putc(b, ',');
				if (v->valid)
					put_fixed(b, v->current_milli, 1000, 3);
				hpa__buf_putc(b, ',');
				if (v->valid && v->has_utilization)
					hpa__buf_printf(b, "%d", v->utilization);
				hpa__buf_putc(b, ',');
				if (v->has_utilization)
					hpa__buf_printf(b, "%d", v->target_utilization);
				else
					put_fixed(b, v->target_milli, 1000, 3);
				hpa__buf_putc(b, ',');
				if (v->valid)
					hpa__buf_printf(b, "%d", v->proposal);
			} else {
				hpa__buf_puts(b, ",,,,,");
			}
		}
		hpa__buf_putc(b, '\n');
	}
}

/* ---- JSON ------------------------------------------------------------------------------- */

static void json_num(hpa__buf *b, const char *key, int64_t v, int64_t scale, int decimals, bool comma)
{
	hpa__buf_printf(b, "\"%s\": ", key);
	put_fixed(b, v, scale, decimals);
	if (comma)
		hpa__buf_puts(b, ", ");
}

static void write_json(const hpa_sim *sim, hpa__buf *b)
{
	hpa__buf_puts(b, "{\n  \"options\": {");
	json_num(b, "seed", (int64_t)sim->opts.seed, 1, 0, true);
	json_num(b, "durationSeconds", sim->opts.duration_ms, 1000, 3, true);
	json_num(b, "syncPeriodSeconds", sim->opts.sync_period_ms, 1000, 3, true);
	json_num(b, "kubeletIntervalSeconds", sim->opts.kubelet_interval_ms, 1000, 3, true);
	json_num(b, "metricResolutionSeconds", sim->opts.metric_resolution_ms, 1000, 3, true);
	json_num(b, "tickSeconds", sim->opts.tick_ms, 1000, 3, false);
	hpa__buf_puts(b, "},\n  \"hpas\": [");
	for (size_t hi = 0; hi < sim->n_hpa; hi++) {
		const hpa__sim_hpa *h = &sim->hpas[hi];
		const hpa__sim_workload *w = &sim->wl[h->wl];
		hpa_sim_summary s;
		hpa_sim_summary_get(sim, hi, &s, NULL);
		hpa__buf_puts(b, hi ? ",\n    {" : "\n    {");
		hpa__buf_puts(b, "\"name\": ");
		json_str(b, h->name);
		hpa__buf_puts(b, ", \"deployment\": ");
		json_str(b, w->name);
		hpa__buf_puts(b, ", \"load\": ");
		json_str(b, w->has_load ? w->load.text : "none");
		hpa__buf_printf(b, ", \"minReplicas\": %d, \"maxReplicas\": %d,\n     \"summary\": {", h->min_replicas,
			h->max_replicas);
		hpa__buf_printf(b, "\"initialReplicas\": %d, \"finalReplicas\": %d, \"peakReplicas\": %d, ",
			s.initial_replicas, s.final_replicas, s.peak_replicas);
		if (s.first_scale_up_ms >= 0)
			json_num(b, "firstScaleUpSeconds", s.first_scale_up_ms, 1000, 3, true);
		else
			hpa__buf_puts(b, "\"firstScaleUpSeconds\": null, ");
		if (s.back_to_initial_ms >= 0)
			json_num(b, "backToInitialSeconds", s.back_to_initial_ms, 1000, 3, true);
		else
			hpa__buf_puts(b, "\"backToInitialSeconds\": null, ");
		json_num(b, "timeAtMaxSeconds", s.time_at_max_ms, 1000, 3, true);
		json_num(b, "requests", s.requests, 1, 0, true);
		json_num(b, "requestsRejected", s.requests_dropped, 1, 0, true);
		json_num(b, "requestsOverObjective", s.requests_over_objective, 1, 0, true);
		json_num(b, "podSeconds", s.pod_ms, 1000, 3, true);
		json_num(b, "decisions", s.decisions, 1, 0, true);
		json_num(b, "rescales", s.rescales, 1, 0, false);
		hpa__buf_puts(b, "},\n     \"explanations\": [");
		explain(sim, hi, b, "", true);
		hpa__buf_puts(b, "]}");
	}
	hpa__buf_puts(b, "\n  ],\n  \"timeline\": [");
	for (size_t i = 0; i < sim->n_rows; i++) {
		const hpa_sim_row *r = &sim->rows[i];
		hpa__buf_puts(b, i ? ",\n    {" : "\n    {");
		json_num(b, "time", r->time_ms, 1000, 3, true);
		hpa__buf_puts(b, "\"hpa\": ");
		json_str(b, sim->hpas[r->hpa].name);
		hpa__buf_printf(b, ", \"replicas\": %d, \"desired\": %d, \"ready\": %d, \"pods\": %d, \"reason\": ",
			r->replicas, r->desired, r->ready, r->pods);
		json_str(b, r->decided ? r->reason_name : "Error");
		if (!r->decided) {
			hpa__buf_puts(b, ", \"error\": ");
			json_str(b, r->message);
		}
		hpa__buf_puts(b, ", ");
		json_num(b, "load", r->load_milli, 1000, 3, true);
		json_num(b, "throughput", r->throughput_milli, 1000, 3, true);
		json_num(b, "rejected", r->dropped_milli, 1000, 3, true);
		json_num(b, "latencyP50Ms", r->latency_p50_us, 1000, 3, true);
		json_num(b, "latencyP95Ms", r->latency_p95_us, 1000, 3, true);
		json_num(b, "cpuUtilization", r->cpu_utilization, 1, 0, true);
		json_num(b, "memoryBytes", r->memory_bytes, 1, 0, true);
		hpa__buf_puts(b, "\"kubectl\": ");
		json_str(b, r->kubectl);
		hpa__buf_puts(b, ", \"metrics\": [");
		for (int32_t k = 0; k < r->n_metrics; k++) {
			const hpa_sim_metric_value *v = &r->metrics[k];
			hpa__buf_puts(b, k ? ", {" : "{");
			hpa__buf_puts(b, "\"name\": ");
			json_str(b, v->name);
			hpa__buf_printf(b, ", \"valid\": %s", v->valid ? "true" : "false");
			if (v->valid) {
				hpa__buf_puts(b, ", ");
				json_num(b, "value", v->current_milli, 1000, 3, false);
				if (v->has_utilization)
					hpa__buf_printf(b, ", \"utilization\": %d", v->utilization);
				hpa__buf_printf(b, ", \"replicas\": %d", v->proposal);
			}
			if (v->has_utilization) {
				hpa__buf_printf(b, ", \"targetUtilization\": %d", v->target_utilization);
			} else {
				hpa__buf_puts(b, ", ");
				json_num(b, "target", v->target_milli, 1000, 3, false);
			}
			hpa__buf_puts(b, "}");
		}
		hpa__buf_puts(b, "]}");
	}
	hpa__buf_puts(b, "\n  ]\n}\n");
}

/* ---- SVG --------------------------------------------------------------------------------- */

#define SVG_W 960
#define SVG_PLOT_H 130
#define SVG_GAP 34
#define SVG_LEFT 70
#define SVG_RIGHT 150
#define SVG_PANEL_H (3 * SVG_PLOT_H + 3 * SVG_GAP + 40)

static void svg_num(hpa__buf *b, double v)
{
	put_fixed(b, hpa__sim_round(v * 10.0), 10, 1);
}

typedef struct {
	hpa__buf *b;
	double x0, y0, w, h; /* plot box */
	double tmax, vmax;
} plot;

static double px(const plot *p, int64_t t)
{
	return p->x0 + (p->tmax > 0 ? (double)t / p->tmax * p->w : 0.0);
}

static double py(const plot *p, double v)
{
	double f = p->vmax > 0 ? v / p->vmax : 0.0;
	if (f > 1.05)
		f = 1.05;
	if (f < 0)
		f = 0;
	return p->y0 + p->h - f * p->h;
}

static double nice_max(double v)
{
	double step = 1.0;
	if (v <= 0)
		return 1.0;
	while (step * 10.0 < v)
		step *= 10.0;
	if (v <= step)
		return step;
	if (v <= 2 * step)
		return 2 * step;
	if (v <= 5 * step)
		return 5 * step;
	return 10 * step;
}

static void svg_axes(plot *p, const char *title, const char *unit)
{
	hpa__buf *b = p->b;
	hpa__buf_puts(b, "<rect x=\"");
	svg_num(b, p->x0);
	hpa__buf_puts(b, "\" y=\"");
	svg_num(b, p->y0);
	hpa__buf_puts(b, "\" width=\"");
	svg_num(b, p->w);
	hpa__buf_puts(b, "\" height=\"");
	svg_num(b, p->h);
	hpa__buf_puts(b, "\" fill=\"#fafafa\" stroke=\"#999\"/>\n");
	for (int k = 0; k <= 4; k++) {
		double v = p->vmax * k / 4.0, y = py(p, v);
		hpa__buf_puts(b, "<line x1=\"");
		svg_num(b, p->x0);
		hpa__buf_puts(b, "\" x2=\"");
		svg_num(b, p->x0 + p->w);
		hpa__buf_puts(b, "\" y1=\"");
		svg_num(b, y);
		hpa__buf_puts(b, "\" y2=\"");
		svg_num(b, y);
		hpa__buf_puts(b, "\" stroke=\"#e4e4e4\"/>\n<text x=\"");
		svg_num(b, p->x0 - 6);
		hpa__buf_puts(b, "\" y=\"");
		svg_num(b, y + 4);
		hpa__buf_puts(b, "\" text-anchor=\"end\">");
		put_fixed(b, hpa__sim_round(v * 10.0), 10, 1);
		hpa__buf_puts(b, "</text>\n");
	}
	hpa__buf_puts(b, "<text x=\"");
	svg_num(b, p->x0);
	hpa__buf_puts(b, "\" y=\"");
	svg_num(b, p->y0 - 8);
	hpa__buf_puts(b, "\" font-weight=\"bold\">");
	hpa__buf_puts(b, title);
	hpa__buf_puts(b, "</text>\n<text x=\"");
	svg_num(b, p->x0 + p->w);
	hpa__buf_puts(b, "\" y=\"");
	svg_num(b, p->y0 - 8);
	hpa__buf_puts(b, "\" text-anchor=\"end\" fill=\"#666\">");
	hpa__buf_puts(b, unit);
	hpa__buf_puts(b, "</text>\n");
	/* time ticks */
	{
		static const int64_t steps[] = { 1000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000,
			900000, 1800000, 3600000, 7200000, 10800000, 21600000, 43200000, 86400000 };
		int64_t tstep = steps[HPA__ARRAY_SIZE(steps) - 1];
		for (size_t i = 0; i < HPA__ARRAY_SIZE(steps); i++)
			if (p->tmax / (double)steps[i] <= 12.0) {
				tstep = steps[i];
				break;
			}
		for (int64_t t = 0; (double)t <= p->tmax; t += tstep) {
			double x = px(p, t);
			hpa__buf_puts(b, "<line x1=\"");
			svg_num(b, x);
			hpa__buf_puts(b, "\" x2=\"");
			svg_num(b, x);
			hpa__buf_puts(b, "\" y1=\"");
			svg_num(b, p->y0 + p->h);
			hpa__buf_puts(b, "\" y2=\"");
			svg_num(b, p->y0 + p->h + 4);
			hpa__buf_puts(b, "\" stroke=\"#999\"/>\n<text x=\"");
			svg_num(b, x);
			hpa__buf_puts(b, "\" y=\"");
			svg_num(b, p->y0 + p->h + 16);
			hpa__buf_puts(b, "\" text-anchor=\"middle\">");
			put_clock(b, t);
			hpa__buf_puts(b, "</text>\n");
		}
	}
}

typedef double (*series_fn)(const hpa_sim_row *r, int k, bool *ok);

static void svg_series(plot *p, const hpa_sim *sim, size_t hi, series_fn f, int k, bool step, const char *color,
	const char *dash, const char *label, int legend_row)
{
	hpa__buf *b = p->b;
	bool open = false, prev_ok = false;
	double prev_y = 0;
	for (size_t i = 0; i < sim->n_rows; i++) {
		const hpa_sim_row *r = &sim->rows[i];
		bool ok = true;
		double v, x, y;
		if (r->hpa != hi)
			continue;
		v = f(r, k, &ok);
		if (!ok) {
			prev_ok = false;
			continue;
		}
		x = px(p, r->time_ms);
		y = py(p, v);
		if (!open) {
			hpa__buf_puts(b, "<polyline fill=\"none\" stroke-width=\"1.6\" stroke=\"");
			hpa__buf_puts(b, color);
			hpa__buf_puts(b, "\"");
			if (dash) {
				hpa__buf_puts(b, " stroke-dasharray=\"");
				hpa__buf_puts(b, dash);
				hpa__buf_puts(b, "\"");
			}
			hpa__buf_puts(b, " points=\"");
			open = true;
		} else if (step && prev_ok) {
			svg_num(b, x);
			hpa__buf_putc(b, ',');
			svg_num(b, prev_y);
			hpa__buf_putc(b, ' ');
		}
		svg_num(b, x);
		hpa__buf_putc(b, ',');
		svg_num(b, y);
		hpa__buf_putc(b, ' ');
		prev_y = y;
		prev_ok = true;
	}
	if (open)
		hpa__buf_puts(b, "\"/>\n");
	/* legend */
	hpa__buf_puts(b, "<line x1=\"");
	svg_num(b, p->x0 + p->w + 12);
	hpa__buf_puts(b, "\" x2=\"");
	svg_num(b, p->x0 + p->w + 32);
	hpa__buf_puts(b, "\" y1=\"");
	svg_num(b, p->y0 + 10 + 16 * legend_row);
	hpa__buf_puts(b, "\" y2=\"");
	svg_num(b, p->y0 + 10 + 16 * legend_row);
	hpa__buf_puts(b, "\" stroke-width=\"2\" stroke=\"");
	hpa__buf_puts(b, color);
	hpa__buf_puts(b, "\"");
	if (dash) {
		hpa__buf_puts(b, " stroke-dasharray=\"");
		hpa__buf_puts(b, dash);
		hpa__buf_puts(b, "\"");
	}
	hpa__buf_puts(b, "/>\n<text x=\"");
	svg_num(b, p->x0 + p->w + 36);
	hpa__buf_puts(b, "\" y=\"");
	svg_num(b, p->y0 + 14 + 16 * legend_row);
	hpa__buf_puts(b, "\">");
	hpa__buf_puts(b, label);
	hpa__buf_puts(b, "</text>\n");
}

static double s_load(const hpa_sim_row *r, int k, bool *ok)
{
	(void)k;
	(void)ok;
	return (double)r->load_milli / 1000.0;
}

static double s_tput(const hpa_sim_row *r, int k, bool *ok)
{
	(void)k;
	(void)ok;
	return (double)r->throughput_milli / 1000.0;
}

static double s_util(const hpa_sim_row *r, int k, bool *ok)
{
	if (k >= r->n_metrics || !r->metrics[k].valid || !r->metrics[k].has_utilization) {
		*ok = false;
		return 0;
	}
	return (double)r->metrics[k].utilization;
}

static double s_target(const hpa_sim_row *r, int k, bool *ok)
{
	if (k >= r->n_metrics || !r->metrics[k].has_utilization) {
		*ok = false;
		return 0;
	}
	return (double)r->metrics[k].target_utilization;
}

static double s_true_cpu(const hpa_sim_row *r, int k, bool *ok)
{
	(void)k;
	(void)ok;
	return (double)r->cpu_utilization;
}

static double s_desired(const hpa_sim_row *r, int k, bool *ok)
{
	(void)k;
	(void)ok;
	return (double)r->desired;
}

static double s_ready(const hpa_sim_row *r, int k, bool *ok)
{
	(void)k;
	(void)ok;
	return (double)r->ready;
}

static void write_svg(const hpa_sim *sim, hpa__buf *b)
{
	static const char *const colors[] = { "#d62728", "#9467bd", "#8c564b", "#e377c2" };
	int total_h = (int)(sim->n_hpa ? sim->n_hpa : 1) * SVG_PANEL_H + 20;
	hpa__buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n", SVG_W, total_h, SVG_W, total_h);
	hpa__buf_puts(b, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
	for (size_t hi = 0; hi < sim->n_hpa; hi++) {
		const hpa__sim_hpa *h = &sim->hpas[hi];
		const hpa__sim_workload *w = &sim->wl[h->wl];
		double base_y = (double)hi * SVG_PANEL_H + 20;
		double lmax = 0, umax = 0;
		int32_t nm = 0;
		bool closed = w->has_load && w->load.kind == HPA__LOAD_SIEGE;
		plot p;
		char title[200];
		for (size_t i = 0; i < sim->n_rows; i++) {
			const hpa_sim_row *r = &sim->rows[i];
			if (r->hpa != hi)
				continue;
			if ((double)r->load_milli / 1000.0 > lmax)
				lmax = (double)r->load_milli / 1000.0;
			if ((double)r->throughput_milli / 1000.0 > lmax)
				lmax = (double)r->throughput_milli / 1000.0;
			if (r->cpu_utilization > umax)
				umax = r->cpu_utilization;
			for (int32_t k = 0; k < r->n_metrics; k++) {
				if (r->metrics[k].valid && r->metrics[k].has_utilization && r->metrics[k].utilization > umax)
					umax = r->metrics[k].utilization;
				if (r->metrics[k].has_utilization && r->metrics[k].target_utilization > umax)
					umax = r->metrics[k].target_utilization;
			}
			if (r->n_metrics > nm)
				nm = r->n_metrics;
		}
		snprintf(title, sizeof(title), "%s  (%s/%s, load: %s)", h->name, h->target_kind, w->name,
			w->has_load ? w->load.text : "none");
		hpa__buf_puts(b, "<text x=\"10\" y=\"");
		svg_num(b, base_y + 4);
		hpa__buf_puts(b, "\" font-size=\"14\" font-weight=\"bold\">");
		for (const char *c = title; *c; c++) {
			if (*c == '<')
				hpa__buf_puts(b, "&lt;");
			else if (*c == '&')
				hpa__buf_puts(b, "&amp;");
			else if (*c == '>')
				hpa__buf_puts(b, "&gt;");
			else
				hpa__buf_putc(b, *c);
		}
		hpa__buf_puts(b, "</text>\n");
		p.b = b;
		p.x0 = SVG_LEFT;
		p.w = SVG_W - SVG_LEFT - SVG_RIGHT;
		p.h = SVG_PLOT_H;
		p.tmax = (double)sim->opts.duration_ms;
		/* 1. load */
		p.y0 = base_y + SVG_GAP;
		p.vmax = nice_max(lmax);
		svg_axes(&p, "load", closed ? "users / requests per s" : "requests per s");
		svg_series(&p, sim, hi, s_load, 0, false, "#1f77b4", NULL, closed ? "users" : "offered", 0);
		svg_series(&p, sim, hi, s_tput, 0, false, "#2ca02c", NULL, "served/s", 1);
		/* 2. utilization */
		p.y0 += SVG_PLOT_H + SVG_GAP;
		p.vmax = nice_max(umax);
		svg_axes(&p, "utilization (as the HPA sees it, lagged)", "% of request");
		for (int32_t k = 0; k < nm && k < 4; k++) {
			char label[64];
			const char *nmv = "metric";
			for (size_t i = 0; i < sim->n_rows; i++)
				if (sim->rows[i].hpa == hi && k < sim->rows[i].n_metrics) {
					nmv = sim->rows[i].metrics[k].name;
					break;
				}
			snprintf(label, sizeof(label), "%s", nmv);
			svg_series(&p, sim, hi, s_util, k, false, colors[k], NULL, label, 2 * k);
			snprintf(label, sizeof(label), "%s target", nmv);
			svg_series(&p, sim, hi, s_target, k, true, colors[k], "5,4", label, 2 * k + 1);
		}
		svg_series(&p, sim, hi, s_true_cpu, 0, false, "#bbbbbb", "2,2", "cpu (no lag)", 2 * (nm < 4 ? nm : 4));
		/* 3. replicas */
		p.y0 += SVG_PLOT_H + SVG_GAP;
		p.vmax = (double)h->max_replicas + 1.0;
		svg_axes(&p, "replicas", "pods");
		svg_series(&p, sim, hi, s_desired, 0, true, "#ff7f0e", NULL, "spec.replicas", 0);
		svg_series(&p, sim, hi, s_ready, 0, true, "#17becf", "4,3", "ready pods", 1);
		/* max line */
		hpa__buf_puts(b, "<line x1=\"");
		svg_num(b, p.x0);
		hpa__buf_puts(b, "\" x2=\"");
		svg_num(b, p.x0 + p.w);
		hpa__buf_puts(b, "\" y1=\"");
		svg_num(b, py(&p, h->max_replicas));
		hpa__buf_puts(b, "\" y2=\"");
		svg_num(b, py(&p, h->max_replicas));
		hpa__buf_puts(b, "\" stroke=\"#444\" stroke-dasharray=\"1,3\"/>\n<text x=\"");
		svg_num(b, p.x0 + 4);
		hpa__buf_puts(b, "\" y=\"");
		svg_num(b, py(&p, h->max_replicas) - 3);
		hpa__buf_printf(b, "\" fill=\"#444\">maxReplicas %d</text>\n", h->max_replicas);
	}
	hpa__buf_puts(b, "</svg>\n");
}

int hpa__sim_write_buf(const hpa_sim *sim, hpa_sim_format format, hpa__buf *b, hpa_error *err)
{
	if (!sim->ran)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_write: run the simulation first");
	switch (format) {
	case HPA_SIM_FORMAT_TEXT:
		write_text(sim, b);
		break;
	case HPA_SIM_FORMAT_CSV:
		write_csv(sim, b);
		break;
	case HPA_SIM_FORMAT_JSON:
		write_json(sim, b);
		break;
	case HPA_SIM_FORMAT_SVG:
		write_svg(sim, b);
		break;
	case HPA_SIM_FORMAT_SUMMARY:
		write_summary(sim, b);
		break;
	default:
		return hpa__error(err, HPA_EINVAL, "hpa_sim_write: unknown format %d", (int)format);
	}
	if (hpa__buf_oom(b))
		return hpa__enomem(err);
	return 0;
}

int hpa_sim_write(const hpa_sim *sim, hpa_sim_format format, char **out, size_t *len_out, hpa_error *err)
{
	hpa__buf b = HPA__BUF_INIT;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_write: NULL out");
	*out = NULL;
	if (!sim)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_write: NULL simulation");
	rc = hpa__sim_write_buf(sim, format, &b, err);
	if (rc) {
		hpa__buf_dispose(&b);
		return rc;
	}
	if (!(*out = hpa__buf_detach(&b, len_out))) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	return 0;
}

int hpa_sim_write_fp(const hpa_sim *sim, hpa_sim_format format, FILE *fp, hpa_error *err)
{
	hpa__buf b = HPA__BUF_INIT;
	int rc;
	if (!sim || !fp)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_write_fp: NULL argument");
	rc = hpa__sim_write_buf(sim, format, &b, err);
	if (rc == 0 && b.len > 0 && fwrite(b.ptr, 1, b.len, fp) != b.len)
		rc = hpa__error(err, HPA_EIO, "hpa_sim_write_fp: write failed");
	hpa__buf_dispose(&b);
	return rc;
}
