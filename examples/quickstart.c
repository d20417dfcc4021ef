/* examples/quickstart.c -- the README's example: load, lint, report. */
#include <hpa/hpa.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	hpa_error err = HPA_ERROR_INIT;
	hpa_manifest *m = NULL;
	hpa_diagnostics *d = NULL;
	char msg[1024];
	if (argc < 2 || hpa_manifest_parse_yaml_file(&m, argv[1], NULL, &err) < 0) {
		hpa_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "%s\n", argc < 2 ? "usage: quickstart FILE" : msg);
		return 2;
	}
	for (size_t i = 0; i < hpa_manifest_count(m); i++) {
		const hpa_object *o = hpa_manifest_at(m, i);
		printf("%s/%s\n", hpa_object_kind_name(o), hpa_object_name(o));
	}
	hpa_manifest_lint(m, NULL, &d, &err); /* all findings, not only the first */
	for (size_t i = 0; i < hpa_diagnostics_count(d); i++) {
		const hpa_diagnostic *f = hpa_diagnostics_at(d, i);
		printf("%zu:%zu: %s: %s\n", hpa_diagnostic_line(f), hpa_diagnostic_column(f),
			hpa_diagnostic_rule(f), hpa_diagnostic_message(f));
	}
	hpa_diagnostics_free(d);
	hpa_manifest_free(m);
	return 0;
}
