/*
 * hpactl -- a small kubectl-like command on top of libhpa.
 *
 *   hpactl <command> [options] [args]
 *   hpactl help [command]
 *
 * Exit codes: 0 ok, 1 failure or findings, 2 usage error. Errors are printed
 * as `hpactl: source:line:column: path: message`.
 */
#include "hpactl.h"
#include "commands.h"
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void hpactl_print_error(const hpa_error *err)
{
	char buf[1024];
	hpa_error_format(err, buf, sizeof(buf));
	fprintf(stderr, "hpactl: %s\n", buf);
}

int hpactl_fail(int code, const char *fmt, ...)
{
	va_list ap;
	fputs("hpactl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

int hpactl_usage(const hpactl_command *cmd, const char *problem)
{
	/* the problem (getopt has printed its own for a bad option) and where
	 * the usage is, not the whole usage text: the problem stays on screen */
	if (problem)
		fprintf(stderr, "hpactl %s: %s\n", cmd->name, problem);
	fprintf(stderr, "Run 'hpactl help %s' for its usage.\n", cmd->name);
	return HPACTL_USAGE;
}

char *hpactl_read_input(const char *path, size_t *len_out, hpa_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int reason = 0;
	if (!f) {
		if (err) {
			hpa_error_init(err, HPA_ERROR_VERSION);
			err->code = HPA_EIO;
			snprintf(err->source, sizeof(err->source), "%s", path);
			snprintf(err->message, sizeof(err->message), "cannot open: %s", strerror(errno));
		}
		return NULL;
	}
	for (;;) {
		if (cap - len < 65536) {
			size_t ncap = cap ? cap * 2 : 131072;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				reason = ENOMEM;
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		errno = 0;
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (buf && ferror(f)) {
		reason = errno ? errno : EIO; /* e.g. EISDIR: fopen() opens a directory */
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	if (!buf) {
		if (err) {
			hpa_error_init(err, HPA_ERROR_VERSION);
			err->code = HPA_EIO;
			snprintf(err->source, sizeof(err->source), "%s", path);
			snprintf(err->message, sizeof(err->message), "cannot read: %s", strerror(reason));
		}
		return NULL;
	}
	buf[len] = '\0';
	if (len_out)
		*len_out = len;
	return buf;
}

/* errno of the first failed write to standard output (0: none seen) */
static int stdout_errno;

int hpactl_flush_stdout(void)
{
	static bool reported;
	int failed, e;
	errno = 0;
	failed = fflush(stdout) != 0;
	e = failed && errno ? errno : stdout_errno;
	if (!failed && !ferror(stdout))
		return 0;
	if (!reported) {
		reported = true;
		if (e)
			hpactl_fail(0, "cannot write to standard output: %s", strerror(e));
		else
			hpactl_fail(0, "cannot write to standard output");
	}
	return -1;
}

int hpactl_write_stdout(const void *buf, size_t len)
{
	errno = 0;
	if (fwrite(buf, 1, len, stdout) != len && !stdout_errno)
		stdout_errno = errno;
	return hpactl_flush_stdout();
}

/* Every command's end: what it printed must have reached standard output
 * (`hpactl version >/dev/full` fails), as coreutils' close_stdout. A closed
 * stdout that nothing was written to is not an error. */
static int finish(int rc)
{
	if (hpactl_flush_stdout() < 0)
		return rc ? rc : HPACTL_FAIL;
	errno = 0;
	if (fclose(stdout) != 0 && errno != EBADF) {
		hpactl_fail(0, "cannot write to standard output: %s", strerror(errno));
		return rc ? rc : HPACTL_FAIL;
	}
	return rc;
}

static const hpactl_command *find_command(const char *name)
{
	for (const hpactl_command *const *c = hpactl_commands; *c; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

static int by_order(const void *a, const void *b)
{
	const hpactl_command *x = *(const hpactl_command *const *)a;
	const hpactl_command *y = *(const hpactl_command *const *)b;
	return x->order != y->order ? (x->order < y->order ? -1 : 1) : strcmp(x->name, y->name);
}

static const char help_usage[] =
	"usage: hpactl help [COMMAND]\n"
	"\n"
	"Without COMMAND, list the commands; with one, print its usage (as\n"
	"`hpactl COMMAND --help`).\n";

static void print_overview(FILE *out)
{
	const hpactl_command *sorted[64];
	size_t n = 0;
	for (const hpactl_command *const *c = hpactl_commands; *c && n < 64; c++)
		sorted[n++] = *c;
	qsort(sorted, n, sizeof(sorted[0]), by_order);
	fprintf(out, "usage: hpactl <command> [options] [args]\n\n"
		"Kubernetes autoscaled deployments, offline: render, lint, explain, simulate.\n\n"
		"commands:\n");
	fprintf(out, "  %-10s %s\n", "help", "show help for hpactl or a command");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %-10s %s\n", sorted[i]->name, sorted[i]->summary);
	fprintf(out, "\nA FILE argument of '-' reads standard input.\n"
		"Exit codes: 0 ok, 1 failure or findings, 2 usage error.\n");
}

int main(int argc, char **argv)
{
	const hpactl_command *cmd;
	if (argc < 2) {
		print_overview(stderr);
		return HPACTL_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc > 2) {
			if (!strcmp(argv[2], "help")) {
				fputs(help_usage, stdout);
				return finish(HPACTL_OK);
			}
			cmd = find_command(argv[2]);
			if (!cmd)
				return hpactl_fail(HPACTL_USAGE, "unknown command '%s' (see 'hpactl help')", argv[2]);
			fputs(cmd->usage, stdout);
			return finish(HPACTL_OK);
		}
		print_overview(stdout);
		return finish(HPACTL_OK);
	}
	if (!strcmp(argv[1], "--version"))
		argv[1] = "version";
	cmd = find_command(argv[1]);
	if (!cmd)
		return hpactl_fail(HPACTL_USAGE, "unknown command '%s' (see 'hpactl help')", argv[1]);
	/* getopt's messages start with argv[0]: "hpactl lint: ...", as ours do */
	{
		static char prog[64];
		snprintf(prog, sizeof(prog), "hpactl %s", cmd->name);
		argv[1] = prog;
	}
	return finish(cmd->run(argc - 1, argv + 1));
}
