/* examples/hpactl/hpactl.h -- what every hpactl subcommand shares. */
#ifndef HPACTL_H
#define HPACTL_H

#include <hpa/hpa.h>
#include <stdio.h>

/* Exit codes. */
#define HPACTL_OK 0       /* success, clean */
#define HPACTL_FAIL 1     /* failure, or findings */
#define HPACTL_USAGE 2    /* usage error */

typedef struct {
	const char *name;
	const char *summary;  /* one line for `hpactl help` */
	const char *usage;    /* full text for `hpactl help NAME` */
	int (*run)(int argc, char **argv); /* argv[0] is the command name */
	int order;            /* position in `hpactl help` */
} hpactl_command;

/* Print "hpactl: <formatted error>" to stderr. */
void hpactl_print_error(const hpa_error *err);
/* Print "hpactl: <printf message>" to stderr; returns `code`. */
int hpactl_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* A usage error of `cmd`: print `problem` (when not NULL) and where its
 * usage is to stderr, return HPACTL_USAGE. */
int hpactl_usage(const hpactl_command *cmd, const char *problem);
/* Flush standard output; on a write error print (once per run) "hpactl:
 * cannot write to standard output: <reason>" and return -1, else 0. main()
 * calls it after every command. */
int hpactl_flush_stdout(void);
/* Write `len` bytes of `buf` to standard output and flush, as
 * hpactl_flush_stdout() (keeping the reason of a failed large write). */
int hpactl_write_stdout(const void *buf, size_t len);
/* Read a whole file ("-" = stdin) into a malloc'd buffer. */
char *hpactl_read_input(const char *path, size_t *len_out, hpa_error *err);

#endif
