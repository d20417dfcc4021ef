/*
 * bench/bench_codec.c -- the codecs against their dependencies, in one run.
 *
 * Corpus: gen_manifest.c (seed 42, 10,000 objects: Deployment, Service,
 * Ingress, HPA), as a YAML stream and as a JSON List, in memory.
 * Timings are best-of-7 in process CPU time (CLOCK_PROCESS_CPUTIME_ID, as
 * bench_decide and bench_fleet: time the machine gives to other processes
 * does not count), single thread:
 *   libyaml event scan          yaml_parser_parse + yaml_event_delete (floor)
 *   libhpa YAML load            hpa_manifest_parse_yaml + hpa_manifest_free
 *   libyaml emitter             yaml_emitter_emit of the same events (collected
 *                               from the parser beforehand, outside the timing)
 *   libhpa YAML write           hpa_manifest_write_yaml + hpa_free
 *   jansson load                json_loadb + json_decref
 *   libhpa JSON load            hpa_manifest_parse_json + hpa_manifest_free
 *   jansson dump                json_dumps(JSON_INDENT(4) | JSON_PRESERVE_ORDER) + free
 *   libhpa JSON dump            hpa_manifest_write_json (4-space indent) + hpa_free
 * Peak RSS: the program re-executes itself (`--rss yaml|json FILE`) to load
 * one file into a fresh process; its peak resident set (VmHWM, else
 * getrusage) after the load minus before reading the file (so the input
 * buffer counts), against the file size. A second pair of lines
 * (`--rss yaml-file|json-file FILE`) loads the same file by its path with
 * hpa_manifest_parse_{yaml,json}_file instead: YAML then streams through
 * libyaml without a buffer of the whole file; JSON still reads the file
 * into a buffer (its reader scans the buffer).
 *
 *   bench_codec [OBJECTS]        (default 10000)
 */
#define GEN_NO_MAIN
#include "gen_manifest.c"
#include <hpa/hpa.h>
#include <jansson.h>
#include <yaml.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS 7

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* peak resident set of this process image in KiB: VmHWM (getrusage's
 * ru_maxrss survives execve on Linux, VmHWM does not); ru_maxrss when
 * /proc is not there */
static long maxrss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	if (kb < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kb = ru.ru_maxrss;
	}
	return kb;
}

static void die(const char *what)
{
	fprintf(stderr, "bench_codec: %s failed\n", what);
	exit(1);
}

/* ---- the contenders ------------------------------------------------------------------ */

static size_t libyaml_scan(const gen_buf *y)
{
	yaml_parser_t p;
	yaml_event_t ev;
	size_t n = 0;
	int done = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)y->ptr, y->len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			die("libyaml scan");
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		n++;
	}
	yaml_parser_delete(&p);
	return n;
}

typedef struct {
	yaml_event_t *ev;
	size_t n, cap;
} event_list;

static void collect_events(const gen_buf *y, event_list *l)
{
	yaml_parser_t p;
	int done = 0;
	l->n = 0;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)y->ptr, y->len);
	while (!done) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 1 << 16;
			l->ev = realloc(l->ev, l->cap * sizeof(*l->ev));
			if (!l->ev)
				die("realloc");
		}
		if (!yaml_parser_parse(&p, &l->ev[l->n]))
			die("libyaml collect");
		done = l->ev[l->n].type == YAML_STREAM_END_EVENT;
		l->n++;
	}
	yaml_parser_delete(&p);
}

static int emit_out(void *data, unsigned char *buffer, size_t size)
{
	gen_buf *b = data;
	if (b->len + size > b->cap) {
		b->cap = (b->len + size) * 2;
		b->ptr = realloc(b->ptr, b->cap);
		if (!b->ptr)
			return 0;
	}
	memcpy(b->ptr + b->len, buffer, size);
	b->len += size;
	return 1;
}

static size_t libyaml_emit(event_list *l, gen_buf *out)
{
	yaml_emitter_t e;
	size_t i;
	out->len = 0;
	yaml_emitter_initialize(&e);
	yaml_emitter_set_output(&e, emit_out, out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_indent(&e, 2);
	for (i = 0; i < l->n; i++)
		if (!yaml_emitter_emit(&e, &l->ev[i]))
			die("libyaml emit");
	yaml_emitter_delete(&e);
	return out->len;
}

/* ---- timing ----------------------------------------------------------------------------- */

typedef struct {
	const char *name;
	double best;   /* seconds */
	size_t bytes;
} result;

static void report(const result *r)
{
	printf("  %-28s %9.1f ms  %8.1f MB/s\n", r->name, r->best * 1e3, (double)r->bytes / r->best / 1e6);
}

static void ratio(const char *what, const result *a, const result *b, double target)
{
	double q = a->best / b->best;
	printf("  %-44s %5.2f x   (target <= %.1f: %s)\n", what, q, target, q <= target ? "met" : "NOT met");
}

/* ---- peak RSS in a fresh process -------------------------------------------------------------- */

static int rss_child(const char *format, const char *path)
{
	long before = maxrss_kb(), after;
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;
	hpa_manifest *m = NULL;
	hpa_error err = HPA_ERROR_INIT;
	int rc;
	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		return 1;
	if (!strcmp(format, "yaml-file") || !strcmp(format, "json-file")) {
		fclose(f);
		rc = !strcmp(format, "yaml-file") ? hpa_manifest_parse_yaml_file(&m, path, NULL, &err)
			: hpa_manifest_parse_json_file(&m, path, NULL, &err);
		if (rc != 0) {
			fprintf(stderr, "rss: %s\n", err.message);
			return 1;
		}
		after = maxrss_kb();
		printf("%ld %ld\n", after - before, size);
		hpa_manifest_free(m);
		return 0;
	}
	buf = malloc((size_t)size + 1);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
		return 1;
	fclose(f);
	rc = !strcmp(format, "yaml") ? hpa_manifest_parse_yaml(&m, buf, (size_t)size, NULL, &err)
		: hpa_manifest_parse_json(&m, buf, (size_t)size, NULL, &err);
	if (rc != 0) {
		fprintf(stderr, "rss: %s\n", err.message);
		return 1;
	}
	after = maxrss_kb();
	printf("%ld %ld\n", after - before, size);
	hpa_manifest_free(m);
	free(buf);
	return 0;
}

static void rss_measure(const char *self, const char *format, const gen_buf *data)
{
	char path[] = "/tmp/bench_codec_XXXXXX";
	int fd = mkstemp(path), pipefd[2];
	pid_t pid;
	char line[128];
	ssize_t n;
	long kb = 0, size = 0;
	if (fd < 0 || write(fd, data->ptr, data->len) != (ssize_t)data->len || close(fd) != 0)
		die("temp file");
	if (pipe(pipefd) != 0)
		die("pipe");
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		execl(self, self, "--rss", format, path, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	n = read(pipefd[0], line, sizeof(line) - 1);
	close(pipefd[0]);
	waitpid(pid, NULL, 0);
	unlink(path);
	if (n <= 0)
		die("rss child");
	line[n] = '\0';
	if (sscanf(line, "%ld %ld", &kb, &size) != 2)
		die("rss output");
	printf("  peak RSS, libhpa %-9s load %7.1f MB for %5.1f MB input = %4.2f x   (target <= 3.0: %s)\n",
		format, kb / 1024.0, size / 1e6, kb * 1024.0 / (double)size,
		kb * 1024.0 / (double)size <= 3.0 ? "met" : "NOT met");
}

int main(int argc, char **argv)
{
	gen_buf y = { NULL, 0, 0 }, j = { NULL, 0, 0 }, out = { NULL, 0, 0 };
	event_list events = { NULL, 0, 0 };
	unsigned n = 10000;
	result scan = { "libyaml event scan (floor)", 1e9, 0 }, yload = { "libhpa YAML load", 1e9, 0 };
	result emit = { "libyaml emitter", 1e9, 0 }, ywrite = { "libhpa YAML write", 1e9, 0 };
	result jload = { "jansson load", 1e9, 0 }, hjload = { "libhpa JSON load", 1e9, 0 };
	result jdump = { "jansson dump", 1e9, 0 }, hjdump = { "libhpa JSON dump", 1e9, 0 };
	hpa_manifest *m = NULL, *mj = NULL;
	hpa_error err = HPA_ERROR_INIT;
	size_t nevents = 0;
	int run;

	if (argc == 4 && !strcmp(argv[1], "--rss"))
		return rss_child(argv[2], argv[3]);
	if (argc > 1) {
		char *end;
		unsigned long v = strtoul(argv[1], &end, 10);
		if (argc > 2 || end == argv[1] || *end || v == 0 || v > 10000000) {
			fprintf(stderr, "usage: bench_codec [OBJECTS]   (1..10000000, default 10000)\n");
			return 2;
		}
		n = (unsigned)v;
	}
	gen_manifest(n, 42, &y, &j);
	printf("bench_codec: %u objects, YAML %.2f MB, JSON %.2f MB, best of %d\n", n, y.len / 1e6, j.len / 1e6, RUNS);

	if (hpa_manifest_parse_yaml(&m, y.ptr, y.len, NULL, &err) != 0 ||
	    hpa_manifest_parse_json(&mj, j.ptr, j.len, NULL, &err) != 0) {
		fprintf(stderr, "bench_codec: %s:%zu:%zu %s\n", err.source, err.line, err.column, err.message);
		return 1;
	}
	for (run = 0; run < RUNS; run++) {
		double t;
		hpa_manifest *x = NULL;
		char *o = NULL;
		size_t olen = 0;
		json_t *jt;
		char *js;

		t = now_s();
		nevents = libyaml_scan(&y);
		t = now_s() - t;
		if (t < scan.best)
			scan.best = t;

		t = now_s();
		if (hpa_manifest_parse_yaml(&x, y.ptr, y.len, NULL, &err) != 0)
			die("libhpa YAML load");
		hpa_manifest_free(x);
		t = now_s() - t;
		if (t < yload.best)
			yload.best = t;

		collect_events(&y, &events);
		t = now_s();
		emit.bytes = libyaml_emit(&events, &out);
		t = now_s() - t;
		if (t < emit.best)
			emit.best = t;

		t = now_s();
		if (hpa_manifest_write_yaml(m, &o, &olen, NULL, &err) != 0)
			die("libhpa YAML write");
		hpa_free(o);
		t = now_s() - t;
		ywrite.bytes = olen;
		if (t < ywrite.best)
			ywrite.best = t;

		t = now_s();
		jt = json_loadb(j.ptr, j.len, 0, NULL);
		if (!jt)
			die("jansson load");
		json_decref(jt);
		t = now_s() - t;
		if (t < jload.best)
			jload.best = t;

		t = now_s();
		if (hpa_manifest_parse_json(&x, j.ptr, j.len, NULL, &err) != 0)
			die("libhpa JSON load");
		hpa_manifest_free(x);
		t = now_s() - t;
		if (t < hjload.best)
			hjload.best = t;

		jt = json_loadb(j.ptr, j.len, 0, NULL);
		t = now_s();
		js = json_dumps(jt, JSON_INDENT(4) | JSON_PRESERVE_ORDER);
		jdump.bytes = js ? strlen(js) : 0;
		free(js);
		t = now_s() - t;
		json_decref(jt);
		if (t < jdump.best)
			jdump.best = t;

		t = now_s();
		if (hpa_manifest_write_json(mj, &o, &olen, NULL, &err) != 0)
			die("libhpa JSON dump");
		hpa_free(o);
		t = now_s() - t;
		hjdump.bytes = olen;
		if (t < hjdump.best)
			hjdump.best = t;
	}
	scan.bytes = yload.bytes = y.len;
	jload.bytes = hjload.bytes = j.len;
	printf("  (%zu libyaml events)\n", nevents);
	report(&scan);
	report(&yload);
	report(&emit);
	report(&ywrite);
	report(&jload);
	report(&hjload);
	report(&jdump);
	report(&hjdump);
	printf("ratios (time, lower is better):\n");
	ratio("libhpa YAML load / libyaml event scan", &yload, &scan, 1.3);
	ratio("libhpa YAML write / libyaml emitter", &ywrite, &emit, 1.3);
	ratio("libhpa JSON load / jansson load", &hjload, &jload, 1.3);
	ratio("libhpa JSON dump / jansson dump", &hjdump, &jdump, 1.3);
	rss_measure("/proc/self/exe", "yaml", &y);
	rss_measure("/proc/self/exe", "json", &j);
	rss_measure("/proc/self/exe", "yaml-file", &y);
	rss_measure("/proc/self/exe", "json-file", &j);
	hpa_manifest_free(m);
	hpa_manifest_free(mj);
	free(y.ptr);
	free(j.ptr);
	free(out.ptr);
	free(events.ev);
	return 0;
}
