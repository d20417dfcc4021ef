/* hpactl explain: why the HPA controller wants this many replicas, from the
 * objects `kubectl get -o json` prints (HPA, target, pods, metrics). */
#include "hpactl.h"
#include <hpa/codec.h>
#include <hpa/explain.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
	"usage: hpactl explain --hpa FILE [--name NAME] [--target FILE] [--pods FILE]\n"
	"                      [--metrics FILE] [--custom FILE] [--external FILE]\n"
	"                      [--history FILE] [--save-history FILE] [--now RFC3339]\n"
	"                      [-o text|json]\n"
	"\n"
	"Run the HPA controller's decision on real objects and explain it: per metric\n"
	"the current and target values, which pods counted and which were set aside\n"
	"and why, the tolerance band, stabilization, rate limits and the min/max\n"
	"clamp, and the conditions the controller would set. Every FILE is YAML or\n"
	"JSON (a List is read item by item); '-' reads standard input (once).\n"
	"\n"
	"  --hpa FILE       the HorizontalPodAutoscaler (autoscaling/v2), e.g.\n"
	"                   kubectl get hpa NAME -o json; a manifest with several\n"
	"                   HPAs needs --name\n"
	"  --name NAME      which HPA of the --hpa file\n"
	"  --target FILE    the scale target: Deployment, StatefulSet, ReplicaSet or\n"
	"                   its /scale subresource (autoscaling/v1 Scale). Default:\n"
	"                   the scaleTargetRef object when the --hpa file holds it,\n"
	"                   else the HPA's status.currentReplicas and every pod\n"
	"  --pods FILE      kubectl get pods -o json (pods of other workloads are\n"
	"                   ignored through the target's selector)\n"
	"  --metrics FILE   kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/NS/pods\n"
	"  --custom FILE    custom.metrics.k8s.io MetricValueList(s) (Pods, Object metrics)\n"
	"  --external FILE  external.metrics.k8s.io ExternalMetricValueList(s)\n"
	"  --history FILE   the controller's memory for this HPA (recommendations and\n"
	"                   scale events, the format of hpactl's history files: a\n"
	"                   JSON object of recommendations, scaleUpEvents and\n"
	"                   scaleDownEvents; other keys are an error);\n"
	"                   default: none (as after a controller restart)\n"
	"  --save-history FILE  write the history after this decision (a controller loop);\n"
	"                   a file ('-' is refused: standard output has the explanation)\n"
	"  --now TIME       the instant of the decision (RFC 3339; default: the clock)\n"
	"  -o FORMAT        text (default) or json\n"
	"\n"
	"Exit status 0 when the decision could be computed (whatever it is), 1 on\n"
	"bad input, 2 on usage errors.\n";

static int run(int argc, char **argv);

const hpactl_command hpactl_cmd_explain = {
	"explain", "explain an HPA's replica decision from cluster objects", usage, run, 45
};

typedef struct {
	const char *path;
	hpa_manifest *m;
} loaded;

static int load(loaded *l, hpa_error *err)
{
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	size_t len;
	char *buf;
	int rc;
	if (!l->path)
		return 0;
	buf = hpactl_read_input(l->path, &len, err);
	if (!buf)
		return HPA_EIO;
	po.source_name = strcmp(l->path, "-") ? l->path : "<stdin>";
	rc = hpa_manifest_parse(&l->m, buf, len, &po, err);
	free(buf);
	return rc;
}

static int64_t clock_now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The object of `m` named `name` of kind `kind` (any kind when NULL). */
static const hpa_object *find(const hpa_manifest *m, const char *kind, const char *name)
{
	size_t i, n = m ? hpa_manifest_count(m) : 0;
	for (i = 0; i < n; i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		if ((!kind || !strcmp(hpa_object_kind_name(o), kind)) && !strcmp(hpa_object_name(o), name))
			return o;
	}
	return NULL;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hpa", required_argument, NULL, 'H' },
		{ "name", required_argument, NULL, 'n' },
		{ "target", required_argument, NULL, 't' },
		{ "pods", required_argument, NULL, 'p' },
		{ "metrics", required_argument, NULL, 'm' },
		{ "custom", required_argument, NULL, 'c' },
		{ "external", required_argument, NULL, 'e' },
		{ "history", required_argument, NULL, 'y' },
		{ "save-history", required_argument, NULL, 's' },
		{ "now", required_argument, NULL, 'N' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	enum { F_HPA, F_TARGET, F_PODS, F_METRICS, F_CUSTOM, F_EXTERNAL, F_N };
	loaded files[F_N];
	const char *name = NULL, *history_path = NULL, *save_path = NULL, *now_text = NULL;
	int format = HPA_EXPLAIN_TEXT, c, status = HPACTL_FAIL, stdin_users = 0;
	size_t i;
	hpa_error err = HPA_ERROR_INIT;
	hpa_explain_sources src = HPA_EXPLAIN_SOURCES_INIT;
	hpa_explain_input *in = NULL;
	hpa_history *hist = NULL;
	hpa_decision *d = NULL;
	const hpa_object *hpa = NULL;
	char *text = NULL;
	size_t text_len = 0;

	memset(files, 0, sizeof(files));
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'H': files[F_HPA].path = optarg; break;
		case 't': files[F_TARGET].path = optarg; break;
		case 'p': files[F_PODS].path = optarg; break;
		case 'm': files[F_METRICS].path = optarg; break;
		case 'c': files[F_CUSTOM].path = optarg; break;
		case 'e': files[F_EXTERNAL].path = optarg; break;
		case 'n': name = optarg; break;
		case 'y': history_path = optarg; break;
		case 's': save_path = optarg; break;
		case 'N': now_text = optarg; break;
		case 'o':
			if (!strcmp(optarg, "text"))
				format = HPA_EXPLAIN_TEXT;
			else if (!strcmp(optarg, "json"))
				format = HPA_EXPLAIN_JSON;
			else
				return hpactl_usage(&hpactl_cmd_explain, "-o wants text or json");
			break;
		case 'h':
			fputs(usage, stdout);
			return HPACTL_OK;
		default:
			return hpactl_usage(&hpactl_cmd_explain, NULL);
		}
	}
	if (optind != argc)
		return hpactl_usage(&hpactl_cmd_explain, "unexpected argument (every input is given with an option)");
	if (!files[F_HPA].path)
		return hpactl_usage(&hpactl_cmd_explain, "--hpa FILE is required");
	for (i = 0; i < F_N; i++)
		if (files[i].path && !strcmp(files[i].path, "-"))
			stdin_users++;
	if (history_path && !strcmp(history_path, "-"))
		stdin_users++;
	if (stdin_users > 1)
		return hpactl_usage(&hpactl_cmd_explain, "standard input ('-') can be read only once");
	if (save_path && (!strcmp(save_path, "-") || !*save_path))
		return hpactl_usage(&hpactl_cmd_explain,
			"--save-history wants a file name (not '-': standard output has the explanation)");
	if (now_text) {
		if (hpa_explain_parse_time(now_text, &src.now_ms, &err)) {
			hpactl_print_error(&err);
			return HPACTL_USAGE;
		}
	} else {
		src.now_ms = clock_now_ms();
	}

	for (i = 0; i < F_N; i++)
		if (load(&files[i], &err)) {
			if (!err.source[0])
				snprintf(err.source, sizeof(err.source), "%s", files[i].path);
			hpactl_print_error(&err);
			goto out;
		}

	/* the HPA: --name, or the only one of the file */
	{
		size_t n = hpa_manifest_count(files[F_HPA].m), found = 0;
		for (i = 0; i < n; i++) {
			const hpa_object *o = hpa_manifest_at(files[F_HPA].m, i);
			if (strcmp(hpa_object_kind_name(o), "HorizontalPodAutoscaler") != 0)
				continue;
			if (name && strcmp(hpa_object_name(o), name) != 0)
				continue;
			if (!hpa)
				hpa = o;
			found++;
		}
		if (!found && name) {
			hpactl_fail(0, "%s: no HorizontalPodAutoscaler named %s", files[F_HPA].path, name);
			goto out;
		}
		if (!found) {
			/* let the library say what the object is instead */
			hpa = n ? hpa_manifest_at(files[F_HPA].m, 0) : NULL;
			if (!hpa) {
				hpactl_fail(0, "%s: no HorizontalPodAutoscaler in the file", files[F_HPA].path);
				goto out;
			}
		} else if (found > 1) {
			hpactl_fail(0, "%s holds %zu HorizontalPodAutoscalers: choose one with --name", files[F_HPA].path, found);
			status = HPACTL_USAGE;
			goto out;
		}
	}
	src.hpa = hpa;
	/* the target: the scaleTargetRef object of the --target file (or its only
	 * object), else the one of the HPA file */
	{
		const char *rk = "", *rn = "";
		hpa_object_get_text(hpa, "spec.scaleTargetRef.kind", &rk, NULL);
		hpa_object_get_text(hpa, "spec.scaleTargetRef.name", &rn, NULL);
		if (files[F_TARGET].m) {
			src.target = find(files[F_TARGET].m, rk, rn);
			if (!src.target)
				src.target = find(files[F_TARGET].m, "Scale", rn);
			if (!src.target && hpa_manifest_count(files[F_TARGET].m) >= 1)
				src.target = hpa_manifest_at(files[F_TARGET].m, 0); /* the library names the mismatch */
			if (!src.target) {
				hpactl_fail(0, "%s: no object", files[F_TARGET].path);
				goto out;
			}
		} else {
			src.target = find(files[F_HPA].m, rk, rn);
		}
	}
	src.pods = files[F_PODS].m;
	src.pod_metrics = files[F_METRICS].m;
	src.custom_metrics = files[F_CUSTOM].m;
	src.external_metrics = files[F_EXTERNAL].m;

	if (history_path) {
		size_t len;
		char *buf = hpactl_read_input(history_path, &len, &err);
		int rc = buf ? hpa_history_read_json(&hist, buf, len, 0, &err) : HPA_EIO;
		free(buf);
		if (rc) {
			if (!err.source[0])
				snprintf(err.source, sizeof(err.source), "%s",
					strcmp(history_path, "-") ? history_path : "<stdin>");
			hpactl_print_error(&err);
			goto out;
		}
	}

	if (hpa_explain_input_new(&in, &src, &err)) {
		hpactl_print_error(&err);
		goto out;
	}
	d = calloc(1, sizeof(*d));
	if (!d) {
		hpactl_fail(0, "out of memory");
		goto out;
	}
	if (hpa_explain_decide(d, in, hist, NULL, &err) ||
	    hpa_explain_render(&text, &text_len, in, d, hist, NULL, format, &err)) {
		hpactl_print_error(&err);
		goto out;
	}
	fwrite(text, 1, text_len, stdout);
	if (save_path) {
		if (!hist && hpa_history_new(&hist, 0, &err)) {
			hpactl_print_error(&err);
			goto out;
		}
		if (hpa_history_record(hist, d, src.now_ms, &err) || hpa_history_write_file(hist, save_path, &err)) {
			if (!err.source[0])
				snprintf(err.source, sizeof(err.source), "%s", save_path);
			hpactl_print_error(&err);
			goto out;
		}
	}
	status = HPACTL_OK;
out:
	hpa_free(text);
	free(d);
	hpa_explain_input_free(in);
	hpa_history_free(hist);
	for (i = 0; i < F_N; i++)
		hpa_manifest_free(files[i].m);
	return status;
}
