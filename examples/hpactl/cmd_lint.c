/* hpactl lint: API-server validation and cross-object lint of manifest files
 * (hpa_manifests_lint over every file given, as one set). */
#include "hpactl.h"
#include <hpa/codec.h>
#include <hpa/validate.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: hpactl lint [--strict] [-o text|json] [--disable IDS] [--enable IDS]\n"
	"                   [--scale-to-zero] [--no-schema] FILE...|-\n"
	"       hpactl lint --rules [-o text|json]\n"
	"\n"
	"Validate every object as the Kubernetes API server would and lint the files\n"
	"together as one manifest set (an HPA in one file may target a Deployment in\n"
	"another); '-' reads standard input (once). Text output:\n"
	"`file:line:col: severity: RULE: message`, the hint indented below. Exit status: 0 clean, 1 when a finding is an error (or a\n"
	"warning, with --strict), 2 on usage errors or unreadable files.\n"
	"  --strict          warnings fail too\n"
	"  -o, --output FMT  text (default) or json\n"
	"  --disable IDS     comma-separated rule ids to skip (e.g. HPA007,ING006);\n"
	"                    repeatable, the lists add up\n"
	"  --enable IDS      run only these rule ids (comma-separated; repeatable)\n"
	"  --scale-to-zero   validate as with the HPAScaleToZero feature gate on\n"
	"  --no-schema       skip the strict schema check (rule VAL002)\n"
	"  --heuristics      also run the rules of thumb (HPA009), off by default\n"
	"  --rules           list the rules and exit\n";

static int run(int argc, char **argv);

const hpactl_command hpactl_cmd_lint = {
	"lint", "validate and lint manifests (API-server rules, cross-object checks)", usage, run, 20
};

typedef struct {
	const char *file;
	size_t document, line, column;
	int severity;
	const char *rule, *message, *hint, *kind, *ns, *name, *path;
} finding;

/* The length of the well-formed UTF-8 sequence at p (RFC 3629), 0 if none. */
static size_t utf8_seq(const unsigned char *p)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xBF;
	size_t n, i;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
	else
		return 0;
	for (i = 1; i < n; i++, lo = 0x80, hi = 0xBF)
		if (p[i] < lo || p[i] > hi)
			return 0;
	return n;
}

/* A JSON string; bytes that are not UTF-8 (a file name may hold any) become
 * U+FFFD, so that the output stays valid JSON. */
static void json_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	putchar('"');
	for (; *p; p++) {
		if (*p >= 0x80) {
			size_t n = utf8_seq(p);
			if (!n) {
				fputs("\\ufffd", stdout);
				continue;
			}
			fwrite(p, 1, n, stdout);
			p += n - 1;
			continue;
		}
		switch (*p) {
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		default:
			if (*p < 0x20)
				printf("\\u%04x", *p);
			else
				putchar(*p);
		}
	}
	putchar('"');
}

static void print_text(const finding *f)
{
	if (f->line)
		printf("%s:%zu:%zu: %s: %s: %s\n", f->file, f->line, f->column, hpa_severity_name(f->severity),
			f->rule, f->message);
	else
		printf("%s: %s: %s: %s\n", f->file, hpa_severity_name(f->severity), f->rule, f->message);
	if (f->hint && *f->hint)
		printf("    hint: %s\n", f->hint);
}

static void print_json(const finding *f, bool first)
{
	printf("%s\n    {\"file\": ", first ? "" : ",");
	json_str(f->file);
	printf(", \"document\": %zu, \"line\": %zu, \"column\": %zu, \"severity\": ", f->document, f->line, f->column);
	json_str(hpa_severity_name(f->severity));
	fputs(", \"rule\": ", stdout);
	json_str(f->rule);
	fputs(", \"message\": ", stdout);
	json_str(f->message);
	fputs(", \"hint\": ", stdout);
	json_str(f->hint);
	fputs(", \"kind\": ", stdout);
	json_str(f->kind);
	fputs(", \"namespace\": ", stdout);
	json_str(f->ns);
	fputs(", \"name\": ", stdout);
	json_str(f->name);
	fputs(", \"path\": ", stdout);
	json_str(f->path);
	putchar('}');
}

/* The rules as a table, or with -o json as an array of {id, severity, summary}. */
static int list_rules(bool json)
{
	size_t i;
	if (json)
		fputs("[", stdout);
	for (i = 0; i < hpa_lint_rule_count(); i++) {
		const hpa_lint_rule *r = hpa_lint_rule_at(i);
		if (json) {
			fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", stdout);
			json_str(hpa_lint_rule_id(r));
			fputs(", \"severity\": ", stdout);
			json_str(hpa_severity_name(hpa_lint_rule_severity(r)));
			fputs(", \"summary\": ", stdout);
			json_str(hpa_lint_rule_summary(r));
			fputs("}", stdout);
			continue;
		}
		printf("%-7s %-8s %s\n", hpa_lint_rule_id(r), hpa_severity_name(hpa_lint_rule_severity(r)),
			hpa_lint_rule_summary(r));
	}
	if (json)
		fputs("\n]\n", stdout);
	return HPACTL_OK;
}

/* *acc += "," + ids: repeated --enable/--disable add up (kubectl's
 * repeatable list flags); -1 when out of memory */
static int add_ids(char **acc, const char *ids)
{
	size_t n = *acc ? strlen(*acc) : 0, m = strlen(ids);
	char *p;
	if (!m && *acc)
		return 0;
	p = realloc(*acc, n + m + 2);
	if (!p)
		return -1;
	if (n && m)
		p[n++] = ',';
	memcpy(p + n, ids, m + 1);
	*acc = p;
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "disable", required_argument, NULL, 'd' },
		{ "enable", required_argument, NULL, 'e' },
		{ "scale-to-zero", no_argument, NULL, 'z' },
		{ "no-schema", no_argument, NULL, 'n' },
		{ "heuristics", no_argument, NULL, 'H' },
		{ "rules", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	hpa_lint_options lo;
	hpa_error err = HPA_ERROR_INIT;
	hpa_manifest **ms = NULL;
	hpa_diagnostics *diags = NULL;
	finding *parse_errs = NULL;
	size_t nms = 0, nparse = 0, i, nfiles;
	size_t counts[4] = { 0, 0, 0, 0 };
	bool strict = false, json = false, first = true, rules = false;
	int c, rc, status = HPACTL_OK;
	char *enable = NULL, *disable = NULL;

	hpa_lint_options_init(&lo, HPA_LINT_OPTIONS_VERSION);
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case 's': strict = true; break;
		case 'o':
			if (strcmp(optarg, "json") == 0)
				json = true;
			else if (strcmp(optarg, "text") == 0)
				json = false;
			else {
				status = hpactl_usage(&hpactl_cmd_lint, "-o takes text or json");
				goto out;
			}
			break;
		case 'd':
		case 'e':
			if (add_ids(c == 'd' ? &disable : &enable, optarg) < 0) {
				status = hpactl_fail(HPACTL_FAIL, "out of memory");
				goto out;
			}
			break;
		case 'z': lo.flags |= HPA_VALIDATE_SCALE_TO_ZERO; break;
		case 'n': lo.flags |= HPA_VALIDATE_NO_SCHEMA; break;
		case 'H': lo.flags |= HPA_LINT_HEURISTICS; break;
		case 'r': rules = true; break;
		case 'h': fputs(usage, stdout); goto out;
		default: status = hpactl_usage(&hpactl_cmd_lint, NULL); goto out;
		}
	}
	lo.enable = enable;
	lo.disable = disable;
	if (rules) {
		/* after every option, so that -o json applies; no files */
		status = optind < argc ? hpactl_usage(&hpactl_cmd_lint, "--rules takes no file") : list_rules(json);
		goto out;
	}
	if (optind >= argc) {
		status = hpactl_usage(&hpactl_cmd_lint, "no input file");
		goto out;
	}
	for (int k = optind, dashes = 0; k < argc; k++)
		if (!strcmp(argv[k], "-") && ++dashes > 1) {
			status = hpactl_usage(&hpactl_cmd_lint, "standard input ('-') can be read only once");
			goto out;
		}
	nfiles = (size_t)(argc - optind);
	ms = calloc(nfiles, sizeof(*ms));
	parse_errs = calloc(nfiles, sizeof(*parse_errs));
	if (!ms || !parse_errs) {
		status = hpactl_fail(HPACTL_FAIL, "out of memory");
		goto out;
	}
	for (i = 0; i < nfiles; i++) {
		const char *file = argv[optind + (int)i];
		hpa_parse_options po;
		size_t len;
		char *buf = hpactl_read_input(file, &len, &err);
		hpa_manifest *m = NULL;
		if (!buf) {
			hpactl_print_error(&err);
			status = HPACTL_USAGE;
			goto out;
		}
		hpa_parse_options_init(&po, HPA_PARSE_OPTIONS_VERSION);
		po.source_name = strcmp(file, "-") == 0 ? "<stdin>" : file;
		hpa_error_init(&err, HPA_ERROR_VERSION);
		rc = hpa_manifest_parse(&m, buf, len, &po, &err);
		free(buf);
		if (rc < 0) {
			/* a file that does not read is one error finding; the others are still linted */
			finding *f = &parse_errs[nparse++];
			memset(f, 0, sizeof(*f));
			f->file = po.source_name;
			f->document = err.document;
			f->line = err.line;
			f->column = err.column;
			f->severity = HPA_SEVERITY_ERROR;
			f->rule = "PARSE";
			f->message = strdup(err.path[0] ? err.path : "");
			f->hint = strdup(err.message);
			if (!f->message || !f->hint) {
				status = hpactl_fail(HPACTL_FAIL, "out of memory");
				goto out;
			}
			continue;
		}
		ms[nms++] = m;
	}
	rc = hpa_manifests_lint((const hpa_manifest *const *)ms, nms, &lo, &diags, &err);
	if (rc < 0 && rc != HPA_EVALIDATION) {
		hpactl_print_error(&err);
		status = rc == HPA_EINVAL ? HPACTL_USAGE : HPACTL_FAIL;
		goto out;
	}
	if (json)
		printf("{\"findings\": [");
	for (i = 0; i < nparse; i++) {
		finding *f = &parse_errs[i];
		/* message: "path: message" as hpa_error_format prints it, without the position */
		char msg[600];
		snprintf(msg, sizeof(msg), "%s%s%s", f->message, *f->message ? ": " : "", f->hint);
		f->rule = "PARSE";
		{
			finding g = *f;
			g.message = msg;
			g.hint = "the file is not a valid YAML/JSON manifest; nothing else in it was checked";
			g.kind = g.ns = g.name = "";
			g.path = f->message;
			if (json)
				print_json(&g, first);
			else
				print_text(&g);
		}
		first = false;
		counts[HPA_SEVERITY_ERROR]++;
	}
	for (i = 0; i < hpa_diagnostics_count(diags); i++) {
		const hpa_diagnostic *d = hpa_diagnostics_at(diags, i);
		finding f;
		f.file = *hpa_diagnostic_source(d) ? hpa_diagnostic_source(d) : "<manifest>";
		f.document = hpa_diagnostic_document(d);
		f.line = hpa_diagnostic_line(d);
		f.column = hpa_diagnostic_column(d);
		f.severity = hpa_diagnostic_severity(d);
		f.rule = hpa_diagnostic_rule(d);
		f.message = hpa_diagnostic_message(d);
		f.hint = hpa_diagnostic_hint(d);
		f.kind = hpa_diagnostic_kind(d);
		f.ns = hpa_diagnostic_namespace(d);
		f.name = hpa_diagnostic_name(d);
		f.path = hpa_diagnostic_path(d);
		if (json)
			print_json(&f, first);
		else
			print_text(&f);
		first = false;
		if (f.severity >= 1 && f.severity <= 3)
			counts[f.severity]++;
	}
	if (json)
		printf("%s], \"errors\": %zu, \"warnings\": %zu, \"infos\": %zu}\n", first ? "" : "\n",
			counts[HPA_SEVERITY_ERROR], counts[HPA_SEVERITY_WARNING], counts[HPA_SEVERITY_INFO]);
	else if (counts[1] + counts[2] + counts[3])
		fprintf(stderr, "hpactl lint: %zu error(s), %zu warning(s), %zu info(s)\n",
			counts[HPA_SEVERITY_ERROR], counts[HPA_SEVERITY_WARNING], counts[HPA_SEVERITY_INFO]);
	if (counts[HPA_SEVERITY_ERROR] || (strict && counts[HPA_SEVERITY_WARNING]))
		status = HPACTL_FAIL;
out:
	hpa_diagnostics_free(diags);
	for (i = 0; i < nms; i++)
		hpa_manifest_free(ms[i]);
	for (i = 0; i < nparse; i++) {
		free((char *)parse_errs[i].message);
		free((char *)parse_errs[i].hint);
	}
	free(ms);
	free(parse_errs);
	free(enable);
	free(disable);
	return status;
}
