/* hpactl simulate: replay a load against the HPAs of a manifest on a
 * virtual clock (deterministic, faster than real time). */
#include "hpactl.h"
#include <hpa/codec.h>
#include <hpa/simulate.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: hpactl simulate MANIFEST [--hpa NAME|all]... [--load SPEC | --trace FILE.csv]\n"
	"                       [--target SERVICE] [--duration 10m] [--service SPEC]\n"
	"                       [--svg FILE] [-o text|csv|json|summary] [--seed N]\n"
	"                       [--sync 15s] [--resolution 15s] [--kubelet 10s] [--tick 1s]\n"
	"                       [--slo 1s]\n"
	"\n"
	"Simulate the HorizontalPodAutoscaler(s) of MANIFEST, their target\n"
	"Deployments (requests, limits, readiness probe) and the Services in front\n"
	"of them under a workload, with the HPA controller's own decision function,\n"
	"the metrics pipeline's lag and pod start-up. Same inputs and seed, same\n"
	"output.\n"
	"\n"
	"  --hpa NAME      the HPA to simulate (repeatable; 'all' = every HPA; default:\n"
	"                  the only HPA of the manifest)\n"
	"  --load SPEC     workload, e.g. 'siege -c20 -t40S http://order:8080/orders',\n"
	"                  'constant 50', 'step 5 50@1m 5@6m', 'ramp 0 100 5m',\n"
	"                  'sine 50 30 10m', 'diurnal 40 bursts=3' (requests/s)\n"
	"  --trace FILE    workload from a CSV trace: TIME,RATE lines ('-': standard\n"
	"                  input, when MANIFEST is not '-')\n"
	"  --target NAME   Service (or Deployment) that receives the load (default:\n"
	"                  the siege URL's host, else the first HPA's target)\n"
	"  --duration D    simulated time (default 10m)\n"
	"  --service SPEC  service model: presets springboot (default), go, and\n"
	"                  cost=20m,base=5m,io=5ms,boot=10s,mem=262Mi,mem_start=64Mi,\n"
	"                  mem_req=2Mi,mem_growth=1Mi,retain=true,node_cpu=2,queue=300\n"
	"  --svg FILE      also write a chart of load, utilization and replicas to FILE\n"
	"                  ('-' is refused: standard output has -o's output)\n"
	"  -o FORMAT       text (kubectl get hpa rows + summary, default), csv, json,\n"
	"                  summary\n"
	"  --seed N        seed of the simulation's random numbers (default 1)\n"
	"  --sync D        HPA sync period (default 15s)\n"
	"  --resolution D  metrics-server scrape interval (default 15s)\n"
	"  --kubelet D     kubelet stats interval (default 10s; 0 = at each scrape)\n"
	"  --tick D        workload integration step (default 1s; at most --resolution\n"
	"                  and --sync; every period at most 1d)\n"
	"  --slo D         latency objective for the summary (default 1s)\n"
	"\n"
	"Cost: the work grows with pods x simulated time (a simulated minute at\n"
	"10,000 pods takes seconds); a Deployment may have at most 10,000 pods\n"
	"(maxReplicas, spec.replicas). The text, csv, json and svg outputs keep\n"
	"a timeline row (about 1 KB) per HPA per sync, at most 1,000,000 rows;\n"
	"-o summary keeps none.\n";

static int run(int argc, char **argv);

const hpactl_command hpactl_cmd_simulate = {
	"simulate", "replay a load against HPAs on a virtual clock", usage, run, 60
};

/* The longest duration accepted, as for the library's load and service
 * specs: 10^15 ms (about 31,700 years), so no sum below can overflow. */
#define MAX_DURATION_MS INT64_C(1000000000000000)

/* durations: 40s, 10m, 1h30m, 500ms; a bare number is seconds */
static int parse_duration(const char *s, int64_t *out)
{
	int64_t total = 0;
	const char *p = s;
	if (!*p)
		return -1;
	while (*p) {
		int64_t v = 0, frac = 0, fscale = 1, mult;
		int digits = 0;
		while (*p >= '0' && *p <= '9') {
			if (v > INT64_MAX / 100)
				return -1;
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9') {
				if (fscale < 1000000) {
					frac = frac * 10 + (*p - '0');
					fscale *= 10;
				}
				p++;
				digits++;
			}
		}
		if (!digits)
			return -1;
		if (p[0] == 'm' && p[1] == 's')
			mult = 1, p += 2;
		else if (*p == 's' || *p == 'S' || *p == '\0')
			mult = 1000, p += *p ? 1 : 0;
		else if (*p == 'm' || *p == 'M')
			mult = 60000, p++;
		else if (*p == 'h' || *p == 'H')
			mult = 3600000, p++;
		else if (*p == 'd')
			mult = 86400000, p++;
		else
			return -1;
		if (v > MAX_DURATION_MS / mult)
			return -1;
		v = v * mult + frac * mult / fscale; /* (frac < 10^6, mult < 10^8) */
		if (v > MAX_DURATION_MS - total)
			return -1;
		total += v;
	}
	*out = total;
	return 0;
}

static int parse_format(const char *s, hpa_sim_format *out)
{
	if (!strcmp(s, "text"))
		*out = HPA_SIM_FORMAT_TEXT;
	else if (!strcmp(s, "csv"))
		*out = HPA_SIM_FORMAT_CSV;
	else if (!strcmp(s, "json"))
		*out = HPA_SIM_FORMAT_JSON;
	else if (!strcmp(s, "summary"))
		*out = HPA_SIM_FORMAT_SUMMARY;
	else
		return -1;
	return 0;
}

#define MAX_HPAS 64

/* The most pods one simulated Deployment may have (its HPA's maxReplicas
 * and its spec.replicas). The simulator's work is pods x ticks: at 10,000
 * pods a minute of simulated time costs seconds of CPU, at 100,000 minutes.
 * 10,000 is far above what one Deployment runs in practice (Kubernetes'
 * tested limits are 110 pods per node and 150,000 per cluster). */
#define MAX_PODS 10000
/* The most timeline rows (one per HPA per sync, about 1 KB each) kept for
 * the text, csv, json and svg outputs: about 1 GB, 170 days of one HPA at
 * the default 15s sync. -o summary keeps no timeline. */
#define MAX_TIMELINE_ROWS 1000000

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hpa", required_argument, NULL, 'H' },
		{ "load", required_argument, NULL, 'l' },
		{ "trace", required_argument, NULL, 'T' },
		{ "target", required_argument, NULL, 'g' },
		{ "duration", required_argument, NULL, 'd' },
		{ "service", required_argument, NULL, 'S' },
		{ "svg", required_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "seed", required_argument, NULL, 'e' },
		{ "sync", required_argument, NULL, 'y' },
		{ "resolution", required_argument, NULL, 'r' },
		{ "kubelet", required_argument, NULL, 'k' },
		{ "tick", required_argument, NULL, 't' },
		{ "slo", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *hpas[MAX_HPAS], *load_spec = NULL, *trace = NULL, *target = NULL, *service = NULL;
	const char *svg = NULL, *path;
	size_t n_hpas = 0;
	bool all = false;
	hpa_sim_format format = HPA_SIM_FORMAT_TEXT;
	hpa_sim_options so;
	hpa_sim_service svc;
	hpa_error err = HPA_ERROR_INIT;
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_manifest *m = NULL;
	hpa_sim *sim = NULL;
	hpa_sim_load *load = NULL;
	char *buf = NULL;
	size_t len, first_dep = SIZE_MAX;
	int c, status = HPACTL_FAIL;

	hpa_sim_options_init(&so, HPA_SIM_OPTIONS_VERSION);
	hpa_sim_service_init(&svc, HPA_SIM_SERVICE_VERSION);
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		int64_t v;
		switch (c) {
		case 'H':
			if (!strcmp(optarg, "all"))
				all = true;
			else if (n_hpas < MAX_HPAS)
				hpas[n_hpas++] = optarg;
			else
				return hpactl_usage(&hpactl_cmd_simulate, "too many --hpa");
			break;
		case 'l': load_spec = optarg; break;
		case 'T': trace = optarg; break;
		case 'g': target = optarg; break;
		case 'S': service = optarg; break;
		case 'v': svg = optarg; break;
		case 'o':
			if (parse_format(optarg, &format))
				return hpactl_usage(&hpactl_cmd_simulate, "-o wants text, csv, json or summary");
			break;
		case 'e': {
			/* digits only, at most 2^64 - 1 (strtoull would take "-1" and
			 * clamp an overflow to the maximum) */
			uint64_t s = 0;
			const char *q = optarg;
			bool ok = *q != '\0';
			for (; ok && *q; q++) {
				unsigned d = (unsigned)(*q - '0');
				ok = d <= 9 && s <= (UINT64_MAX - d) / 10;
				s = s * 10 + d;
			}
			if (!ok)
				return hpactl_usage(&hpactl_cmd_simulate, "--seed wants a number from 0 to 18446744073709551615");
			so.seed = s;
			break;
		}
		case 'd': case 'y': case 'r': case 'k': case 't': case 'L':
			if (parse_duration(optarg, &v))
				return hpactl_usage(&hpactl_cmd_simulate, "bad duration (use 40s, 10m, 1h, 500ms)");
			if (c == 'd') so.duration_ms = v;
			else if (c == 'y') so.sync_period_ms = v;
			else if (c == 'r') so.metric_resolution_ms = v;
			else if (c == 'k') so.kubelet_interval_ms = v;
			else if (c == 't') so.tick_ms = v;
			else so.latency_objective_ms = v;
			break;
		case 'h':
			fputs(usage, stdout);
			return HPACTL_OK;
		default:
			return hpactl_usage(&hpactl_cmd_simulate, NULL);
		}
	}
	if (optind + 1 != argc)
		return hpactl_usage(&hpactl_cmd_simulate, optind >= argc ? "missing MANIFEST" : "unexpected argument");
	{
		/* the library's bounds (hpa_sim_new()), said with the flag's name */
		static const int64_t day = HPA_SIM_MAX_PERIOD_MS;
		const struct {
			const char *flag;
			int64_t v, lo, hi;
		} b[] = {
			{ "--duration", so.duration_ms, 1, INT64_C(3650) * day },
			{ "--sync", so.sync_period_ms, 1, day },
			{ "--resolution", so.metric_resolution_ms, 1, day },
			{ "--tick", so.tick_ms, 1, day },
			{ "--kubelet", so.kubelet_interval_ms, 0, day },
			{ "--slo", so.latency_objective_ms, 0, day },
		};
		for (size_t i = 0; i < sizeof(b) / sizeof(b[0]); i++)
			if (b[i].v < b[i].lo || b[i].v > b[i].hi) {
				char msg[160];
				snprintf(msg, sizeof(msg), "%s must be %s and at most %s", b[i].flag,
					b[i].lo ? "above 0" : "0 or more", b[i].hi > day ? "3650d" : "1d");
				return hpactl_usage(&hpactl_cmd_simulate, msg);
			}
	}
	if (load_spec && trace)
		return hpactl_usage(&hpactl_cmd_simulate, "--load and --trace exclude each other");
	if (svg && (!strcmp(svg, "-") || !*svg))
		return hpactl_usage(&hpactl_cmd_simulate, "--svg wants a file name (not '-': standard output has -o's output)");
	path = argv[optind];
	if (trace && !strcmp(trace, "-") && !strcmp(path, "-"))
		return hpactl_usage(&hpactl_cmd_simulate, "standard input ('-') can be read only once (MANIFEST and --trace)");
	if (service && hpa_sim_service_parse(&svc, service, &err)) {
		hpactl_print_error(&err);
		return HPACTL_USAGE;
	}
	if (load_spec && hpa_sim_load_parse(&load, load_spec, &err)) {
		hpactl_print_error(&err);
		return HPACTL_USAGE;
	}
	if (trace) {
		char *tb = hpactl_read_input(trace, &len, &err);
		int rc;
		if (!tb) {
			hpactl_print_error(&err);
			return HPACTL_FAIL;
		}
		rc = hpa_sim_load_parse_csv(&load, tb, len, &err);
		free(tb);
		if (rc) {
			snprintf(err.source, sizeof(err.source), "%s", trace);
			hpactl_print_error(&err);
			return HPACTL_FAIL;
		}
	}
	buf = hpactl_read_input(path, &len, &err);
	if (!buf) {
		hpactl_print_error(&err);
		goto out;
	}
	po.source_name = strcmp(path, "-") ? path : "<stdin>";
	if (hpa_manifest_parse(&m, buf, len, &po, &err)) {
		hpactl_print_error(&err);
		goto out;
	}
	/* the summary reads the per-HPA summaries only: no timeline (whose
	 * memory grows with the simulated time) */
	if (format == HPA_SIM_FORMAT_SUMMARY && !svg)
		so.flags |= HPA_SIM_NO_TIMELINE;
	so.max_pods = MAX_PODS;
	if (hpa_sim_new(&sim, &so, &err)) {
		hpactl_print_error(&err);
		status = HPACTL_USAGE;
		goto out;
	}
	if (all || n_hpas == 0) {
		/* every HPA of the manifest; without --hpa there must be exactly one */
		hpa_manifest_iter *it = NULL;
		const hpa_object *o;
		size_t found = 0;
		if (hpa_manifest_iter_new(&it, m, HPA_KIND_AUTOSCALER, &err)) {
			hpactl_print_error(&err);
			goto out;
		}
		while (hpa_manifest_iter_next(&o, it) == 0) {
			if (n_hpas < MAX_HPAS)
				hpas[n_hpas++] = hpa_object_name(o);
			found++;
		}
		hpa_manifest_iter_free(it);
		if (found == 0) {
			hpactl_fail(0, "%s: no HorizontalPodAutoscaler in the manifest", path);
			goto out;
		}
		if (!all && found > 1) {
			hpactl_fail(0, "%s: %zu HorizontalPodAutoscalers: name one with --hpa NAME, or use --hpa all", path,
				found);
			status = HPACTL_USAGE;
			goto out;
		}
	}
	if (!(so.flags & HPA_SIM_NO_TIMELINE) && so.sync_period_ms > 0
		&& (uint64_t)(so.duration_ms / so.sync_period_ms + 1) * n_hpas > MAX_TIMELINE_ROWS) {
		hpactl_fail(0, "the timeline would have %llu rows (--hpa x --duration / --sync), more than the %d "
			"(about 1 GB) hpactl simulate keeps: use -o summary, or a shorter --duration",
			(unsigned long long)(so.duration_ms / so.sync_period_ms + 1) * n_hpas, MAX_TIMELINE_ROWS);
		goto out;
	}
	for (size_t i = 0; i < n_hpas; i++) {
		size_t hi;
		if (hpa_sim_add_from_manifest(sim, m, hpas[i], &svc, &hi, &err)) {
			hpactl_print_error(&err);
			goto out;
		}
		if (i == 0)
			first_dep = hpa_sim_hpa_deployment(sim, hi);
	}
	if (load) {
		size_t di = first_dep;
		const char *t = target ? target : hpa_sim_load_target(load);
		if (t && *t && hpa_sim_find_deployment(sim, t, &di, &err)) {
			hpactl_print_error(&err);
			goto out;
		}
		if (hpa_sim_set_load(sim, di, load, &err)) {
			hpactl_print_error(&err);
			goto out;
		}
	}
	if (hpa_sim_run(sim, &err) || hpa_sim_write_fp(sim, format, stdout, &err)) {
		hpactl_print_error(&err);
		goto out;
	}
	if (svg) {
		FILE *f = fopen(svg, "wb");
		if (!f) {
			hpactl_fail(0, "%s: cannot open for writing", svg);
			goto out;
		}
		if (hpa_sim_write_fp(sim, HPA_SIM_FORMAT_SVG, f, &err)) {
			hpactl_print_error(&err);
			fclose(f);
			goto out;
		}
		if (fclose(f)) {
			hpactl_fail(0, "%s: write failed", svg);
			goto out;
		}
	}
	status = HPACTL_OK;
out:
	hpa_sim_free(sim);
	hpa_sim_load_free(load);
	hpa_manifest_free(m);
	free(buf);
	return status;
}
