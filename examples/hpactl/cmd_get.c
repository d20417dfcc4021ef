/* hpactl get hpa: the `kubectl get hpa` table of HorizontalPodAutoscaler
 * objects read from files (their status says what the controller last saw). */
#include "hpactl.h"
#include <hpa/codec.h>
#include <hpa/explain.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
	"usage: hpactl get hpa FILE... [-o wide] [--no-headers] [--now RFC3339]\n"
	"\n"
	"Print the HorizontalPodAutoscalers of the FILEs (YAML or JSON, '-' for\n"
	"standard input) as `kubectl get hpa` does: NAME REFERENCE TARGETS MINPODS\n"
	"MAXPODS REPLICAS AGE. TARGETS pairs status.currentMetrics with\n"
	"spec.metrics (`cpu: 422%/20%`; `<unknown>` without a status). Other\n"
	"objects are skipped.\n"
	"\n"
	"  -o wide        every metric in TARGETS (no \" + N more...\") and a DESIRED\n"
	"                 column (status.desiredReplicas)\n"
	"  --no-headers   leave out the header line\n"
	"  --now TIME     the instant AGE is measured at (RFC 3339; default: the clock)\n";

static int run(int argc, char **argv);

const hpactl_command hpactl_cmd_get = {
	"get", "print HPAs like kubectl get hpa", usage, run, 46
};

#define MAX_FILES 64

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "no-headers", no_argument, NULL, 'H' },
		{ "now", required_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	hpa_manifest *ms[MAX_FILES];
	const hpa_object **hpas = NULL;
	size_t n_ms = 0, n_hpas = 0, cap = 0, i, j, stdin_users = 0;
	unsigned int flags = 0;
	int64_t now_ms = 0;
	bool has_now = false;
	hpa_error err = HPA_ERROR_INIT;
	char *text = NULL;
	size_t text_len = 0;
	int c, status = HPACTL_FAIL;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!strcmp(optarg, "wide"))
				flags |= HPA_EXPLAIN_TABLE_WIDE;
			else
				return hpactl_usage(&hpactl_cmd_get, "-o wants wide");
			break;
		case 'H': flags |= HPA_EXPLAIN_TABLE_NO_HEADERS; break;
		case 'N':
			if (hpa_explain_parse_time(optarg, &now_ms, &err)) {
				hpactl_print_error(&err);
				return HPACTL_USAGE;
			}
			has_now = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return HPACTL_OK;
		default:
			return hpactl_usage(&hpactl_cmd_get, NULL);
		}
	}
	if (optind >= argc)
		return hpactl_usage(&hpactl_cmd_get, "missing the resource type (hpa)");
	if (strcmp(argv[optind], "hpa") && strcmp(argv[optind], "horizontalpodautoscaler") &&
	    strcmp(argv[optind], "horizontalpodautoscalers") && strcmp(argv[optind], "hpa.autoscaling"))
		return hpactl_usage(&hpactl_cmd_get, "only 'hpa' is supported");
	optind++;
	if (optind >= argc)
		return hpactl_usage(&hpactl_cmd_get, "missing FILE");
	if (argc - optind > MAX_FILES)
		return hpactl_usage(&hpactl_cmd_get, "too many files");
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (!strcmp(argv[i], "-"))
			stdin_users++;
	if (stdin_users > 1)
		return hpactl_usage(&hpactl_cmd_get, "standard input ('-') can be read only once");
	if (!has_now) {
		struct timespec ts;
		if (clock_gettime(CLOCK_REALTIME, &ts) == 0)
			now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	}

	for (i = (size_t)optind; i < (size_t)argc; i++) {
		hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
		size_t len;
		char *buf = hpactl_read_input(argv[i], &len, &err);
		int rc;
		if (!buf) {
			hpactl_print_error(&err);
			goto out;
		}
		po.source_name = strcmp(argv[i], "-") ? argv[i] : "<stdin>";
		rc = hpa_manifest_parse(&ms[n_ms], buf, len, &po, &err);
		free(buf);
		if (rc) {
			hpactl_print_error(&err);
			goto out;
		}
		n_ms++;
	}
	for (i = 0; i < n_ms; i++)
		for (j = 0; j < hpa_manifest_count(ms[i]); j++) {
			const hpa_object *o = hpa_manifest_at(ms[i], j);
			if (hpa_object_kind(o) != HPA_KIND_AUTOSCALER)
				continue;
			if (n_hpas == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				const hpa_object **nh = realloc(hpas, ncap * sizeof(*nh));
				if (!nh) {
					hpactl_fail(0, "out of memory");
					goto out;
				}
				hpas = nh;
				cap = ncap;
			}
			hpas[n_hpas++] = o;
		}
	if (!n_hpas) {
		fprintf(stderr, "No resources found.\n");
		status = HPACTL_OK;
		goto out;
	}
	if (hpa_explain_hpa_table(&text, &text_len, hpas, n_hpas, now_ms, flags, &err)) {
		hpactl_print_error(&err);
		goto out;
	}
	fwrite(text, 1, text_len, stdout);
	status = HPACTL_OK;
out:
	hpa_free(text);
	free(hpas);
	for (i = 0; i < n_ms; i++)
		hpa_manifest_free(ms[i]);
	return status;
}
