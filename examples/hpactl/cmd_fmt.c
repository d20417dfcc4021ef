/* hpactl fmt: re-emit manifests canonically (kubectl's YAML or JSON style). */
#include "hpactl.h"
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: hpactl fmt [-o yaml|json] [--omit-status] [--sort-keys] [--allow-aliases] [--check] FILE...|-\n"
	"\n"
	"Read YAML or JSON manifests ('-': standard input, once) and print them in\n"
	"canonical form: kubectl's layout, apiVersion/kind/metadata/spec/status\n"
	"first, every other field kept in its order, quotes only where needed.\n"
	"Comments are not kept. With -o json, several files give one List of all\n"
	"their objects, as kubectl does.\n"
	"  -o, --output FORMAT  yaml (default) or json\n"
	"      --omit-status    leave out the status of every object\n"
	"      --sort-keys      sort every map's keys as kubectl does\n"
	"      --allow-aliases  accept YAML anchors and aliases\n"
	"      --check          print nothing but the names of files that are not\n"
	"                       already canonical; exit 1 if there are any\n";

static int run(int argc, char **argv);

const hpactl_command hpactl_cmd_fmt = {
	"fmt", "print manifests in canonical form (or --check them)", usage, run, 20
};

/* Several files as JSON: one kubectl List of all their objects (kubectl get
 * -f A -f B -o json), not one JSON text after another. */
static int format_json_list(char **paths, int n, const hpa_parse_options *po, const hpa_write_options *wo)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_manifest *all = NULL;
	char *out = NULL;
	size_t olen = 0;
	int status = HPACTL_OK;
	if (hpa_manifest_new(&all, &err)) {
		hpactl_print_error(&err);
		return HPACTL_FAIL;
	}
	for (int i = 0; i < n; i++) {
		hpa_manifest *m = NULL;
		hpa_parse_options o = *po;
		size_t len = 0;
		char *in = hpactl_read_input(paths[i], &len, &err);
		if (!in) {
			hpactl_print_error(&err);
			status = HPACTL_FAIL;
			continue;
		}
		o.source_name = strcmp(paths[i], "-") == 0 ? "<stdin>" : paths[i];
		if (hpa_manifest_parse(&m, in, len, &o, &err)) {
			hpactl_print_error(&err);
			status = HPACTL_FAIL;
		} else {
			for (size_t k = 0; k < hpa_manifest_count(m); k++)
				if (hpa_manifest_append_copy(all, hpa_manifest_at(m, k), NULL, &err)) {
					hpactl_print_error(&err);
					status = HPACTL_FAIL;
					break;
				}
		}
		hpa_manifest_free(m);
		free(in);
	}
	if (hpa_manifest_write_json(all, &out, &olen, wo, &err)) {
		hpactl_print_error(&err);
		status = HPACTL_FAIL;
	} else {
		fwrite(out, 1, olen, stdout);
	}
	hpa_free(out);
	hpa_manifest_free(all);
	return status;
}

static int format_one(const char *path, bool json, const hpa_parse_options *po,
	const hpa_write_options *wo, bool check, bool first, int *dirty)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_manifest *m = NULL;
	hpa_parse_options o = *po;
	char *in, *out = NULL;
	size_t len = 0, olen = 0;
	int rc;

	in = hpactl_read_input(path, &len, &err);
	if (!in) {
		hpactl_print_error(&err);
		return HPACTL_FAIL;
	}
	o.source_name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	rc = hpa_manifest_parse(&m, in, len, &o, &err);
	if (rc == 0)
		rc = json ? hpa_manifest_write_json(m, &out, &olen, wo, &err)
			: hpa_manifest_write_yaml(m, &out, &olen, wo, &err);
	if (rc != 0) {
		hpactl_print_error(&err);
		hpa_manifest_free(m);
		free(in);
		return HPACTL_FAIL;
	}
	if (check) {
		if (olen != len || memcmp(out, in, len) != 0) {
			printf("%s\n", o.source_name);
			*dirty = 1;
		}
	} else {
		if (!first && !json && olen)
			fputs("---\n", stdout);
		fwrite(out, 1, olen, stdout);
	}
	hpa_free(out);
	hpa_manifest_free(m);
	free(in);
	return HPACTL_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "omit-status", no_argument, NULL, 's' },
		{ "sort-keys", no_argument, NULL, 'k' },
		{ "allow-aliases", no_argument, NULL, 'a' },
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_write_options wo = HPA_WRITE_OPTIONS_INIT;
	bool json = false, check = false, printed = false;
	int c, status = HPACTL_OK, dirty = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "yaml") == 0)
				json = false;
			else
				return hpactl_usage(&hpactl_cmd_fmt, "output format must be yaml or json");
			break;
		case 's': wo.flags |= HPA_WRITE_OMIT_STATUS; break;
		case 'k': wo.flags |= HPA_WRITE_SORT_KEYS; break;
		case 'a': po.flags |= HPA_PARSE_ALLOW_ALIASES; break;
		case 'c': check = true; break;
		case 'h': fputs(usage, stdout); return HPACTL_OK;
		default: return hpactl_usage(&hpactl_cmd_fmt, NULL);
		}
	}
	if (optind >= argc)
		return hpactl_usage(&hpactl_cmd_fmt, "no input (give FILE... or -)");
	for (int i = optind, dashes = 0; i < argc; i++)
		if (!strcmp(argv[i], "-") && ++dashes > 1)
			return hpactl_usage(&hpactl_cmd_fmt, "standard input ('-') can be read only once");
	if (json && !check && argc - optind > 1)
		return format_json_list(argv + optind, argc - optind, &po, &wo);
	for (; optind < argc; optind++) {
		if (format_one(argv[optind], json, &po, &wo, check, !printed, &dirty) != HPACTL_OK)
			status = HPACTL_FAIL;
		else
			printed = true;
	}
	if (status == HPACTL_OK && dirty)
		status = HPACTL_FAIL;
	return status;
}
