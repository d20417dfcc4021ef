/* hpactl version: the library version, from hpa_version() at run time. */
#include "hpactl.h"
#include <getopt.h>
#include <string.h>

static const char usage[] =
	"usage: hpactl version [--short]\n"
	"\n"
	"Print the version of the libhpa library hpactl runs with.\n"
	"  --short   only the version number\n";

static int run(int argc, char **argv);

const hpactl_command hpactl_cmd_version = {
	"version", "print the libhpa version", usage, run, 90
};

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "short", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, shortv = 0, major, minor, patch;
	const char *v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 's': shortv = 1; break;
		case 'h': fputs(usage, stdout); return HPACTL_OK;
		default: return hpactl_usage(&hpactl_cmd_version, NULL);
		}
	}
	if (optind < argc)
		return hpactl_usage(&hpactl_cmd_version, "unexpected argument");
	v = hpa_version(&major, &minor, &patch);
	if (shortv)
		printf("%s\n", v);
	else
		printf("hpactl (libhpa) %s\n", v);
	return HPACTL_OK;
}
