/*
 * lib/codec/input.c -- options, whole-input reading, format sniffing, the
 * public entry points of the readers, and what happens to each document
 * once its tree is built (List unwrapping, the schema check).
 */
#include "codec/codec_int.h"
#include "schema/check.h"
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#if defined(__unix__)
#include <sys/mman.h>
#include <unistd.h>
#define HPA__HAVE_MMAP 1
#endif

/* ---- options ------------------------------------------------------------------- */

static const size_t parse_sizes[] = { sizeof(hpa_parse_options) };
static const size_t write_sizes[] = { sizeof(hpa_write_options) };

int hpa_parse_options_init(hpa_parse_options *opts, unsigned int version)
{
	hpa_parse_options def = HPA_PARSE_OPTIONS_INIT;
	if (!opts || version == 0 || version > HPA_PARSE_OPTIONS_VERSION)
		return HPA_EINVAL;
	memcpy(opts, &def, parse_sizes[version - 1]);
	opts->version = version;
	return HPA_OK;
}

int hpa_write_options_init(hpa_write_options *opts, unsigned int version)
{
	hpa_write_options def = HPA_WRITE_OPTIONS_INIT;
	if (!opts || version == 0 || version > HPA_WRITE_OPTIONS_VERSION)
		return HPA_EINVAL;
	memcpy(opts, &def, write_sizes[version - 1]);
	opts->version = version;
	return HPA_OK;
}

int hpa__parse_opts(hpa_parse_options *o, const hpa_parse_options *user, hpa_error *err)
{
	hpa_parse_options def = HPA_PARSE_OPTIONS_INIT;
	int rc;
	*o = def;
	rc = hpa__options_copy(o, user, parse_sizes, HPA_PARSE_OPTIONS_VERSION, "hpa_parse_options", err);
	/* no limit on depth is HPA_MAX_DEPTH: the writers, dup and equal then
	 * never recurse deeper than that */
	if (rc == 0 && o->max_depth > HPA_MAX_DEPTH)
		o->max_depth = HPA_MAX_DEPTH;
	return rc;
}

int hpa__write_opts(hpa_write_options *o, const hpa_write_options *user, hpa_error *err)
{
	hpa_write_options def = HPA_WRITE_OPTIONS_INIT;
	int rc;
	*o = def;
	rc = hpa__options_copy(o, user, write_sizes, HPA_WRITE_OPTIONS_VERSION, "hpa_write_options", err);
	if (rc < 0)
		return rc;
	if (o->indent > 16)
		return hpa__error(err, HPA_EINVAL, "invalid indent %u on hpa_write_options (0..16)", o->indent);
	return 0;
}

/* ---- whole inputs --------------------------------------------------------------------- */

static int too_big(hpa_error *err, size_t limit, const char *source)
{
	hpa__error(err, HPA_ELIMIT, "input is larger than max_input_bytes (%zu)", limit);
	hpa__error_set_source(err, source);
	hpa__error_set_pos(err, 0, 0, limit);
	return HPA_ELIMIT;
}

int hpa__slurp_fp(hpa__buf *b, FILE *fp, size_t limit, const char *source, hpa_error *err)
{
	for (;;) {
		size_t n;
		if (hpa__buf_grow(b, 65536) < 0)
			return hpa__enomem(err);
		errno = 0;
		n = fread(b->ptr + b->len, 1, b->cap - b->len - 1, fp);
		b->len += n;
		b->ptr[b->len] = '\0';
		if (b->len > limit)
			return too_big(err, limit, source);
		if (n == 0) {
			if (ferror(fp)) {
				/* the reason, e.g. "Is a directory" (fopen() opens one) */
				if (errno)
					hpa__error(err, HPA_EIO, "read error: %s", strerror(errno));
				else
					hpa__error(err, HPA_EIO, "read error");
				hpa__error_set_source(err, source);
				return HPA_EIO;
			}
			return 0;
		}
	}
}

int hpa__slurp_cb(hpa__buf *b, hpa_read_cb cb, void *payload, size_t limit, const char *source, hpa_error *err)
{
	for (;;) {
		size_t n = 0, room;
		int rc;
		if (hpa__buf_grow(b, 65536) < 0)
			return hpa__enomem(err);
		room = b->cap - b->len - 1;
		rc = cb(b->ptr + b->len, room, &n, payload);
		if (rc < 0 || n > room) {
			hpa__error(err, HPA_EIO, "read callback failed (%d)", rc);
			hpa__error_set_source(err, source);
			return HPA_EIO;
		}
		b->len += n;
		b->ptr[b->len] = '\0';
		if (b->len > limit)
			return too_big(err, limit, source);
		if (n == 0)
			return 0;
	}
}

typedef int (*reader_fn)(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err);

static int run_buf(reader_fn fn, hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *user, const char *dflt, hpa_error *err)
{
	hpa_parse_options o;
	const char *source;
	int rc;
	if (out)
		*out = NULL;
	hpa__error_clear(err);
	if (!out || (!buf && len))
		return hpa__error(err, HPA_EINVAL, "out or buf is NULL");
	rc = hpa__parse_opts(&o, user, err);
	if (rc < 0)
		return rc;
	source = o.source_name ? o.source_name : dflt;
	if (len > o.max_input_bytes) {
		too_big(err, o.max_input_bytes, source);
		return HPA_ELIMIT;
	}
	return fn(out, buf ? buf : "", len, &o, source, err);
}

static int run_fp(reader_fn fn, hpa_manifest **out, FILE *fp, const hpa_parse_options *user,
	const char *dflt, hpa_error *err)
{
	hpa_parse_options o;
	hpa__buf b = HPA__BUF_INIT;
	const char *source;
	int rc;
	if (out)
		*out = NULL;
	hpa__error_clear(err);
	if (!out || !fp)
		return hpa__error(err, HPA_EINVAL, "out or fp is NULL");
	rc = hpa__parse_opts(&o, user, err);
	if (rc < 0)
		return rc;
	source = o.source_name ? o.source_name : dflt;
	rc = hpa__slurp_fp(&b, fp, o.max_input_bytes, source, err);
	if (rc == 0)
		rc = fn(out, b.ptr, b.len, &o, source, err);
	hpa__buf_dispose(&b);
	return rc;
}

static int run_cb(reader_fn fn, hpa_manifest **out, hpa_read_cb cb, void *payload,
	const hpa_parse_options *user, hpa_error *err)
{
	hpa_parse_options o;
	hpa__buf b = HPA__BUF_INIT;
	const char *source;
	int rc;
	if (out)
		*out = NULL;
	hpa__error_clear(err);
	if (!out || !cb)
		return hpa__error(err, HPA_EINVAL, "out or callback is NULL");
	rc = hpa__parse_opts(&o, user, err);
	if (rc < 0)
		return rc;
	source = o.source_name ? o.source_name : "<callback>";
	rc = hpa__slurp_cb(&b, cb, payload, o.max_input_bytes, source, err);
	if (rc == 0)
		rc = fn(out, b.ptr ? b.ptr : "", b.len, &o, source, err);
	hpa__buf_dispose(&b);
	return rc;
}

/* The start of every file entry point: arguments checked, options copied
 * (source_name defaults to the path), the file opened. 0 or an error. */
static int open_file(FILE **fp, hpa_parse_options *o, hpa_manifest **out, const char *path,
	const hpa_parse_options *user, hpa_error *err)
{
	int rc;
	*fp = NULL;
	if (out)
		*out = NULL;
	hpa__error_clear(err);
	if (!out || !path)
		return hpa__error(err, HPA_EINVAL, "out or path is NULL");
	rc = hpa__parse_opts(o, user, err);
	if (rc < 0)
		return rc;
	*fp = fopen(path, "rb");
	if (!*fp) {
		hpa__error(err, HPA_EIO, "cannot open: %s", strerror(errno));
		hpa__error_set_source(err, o->source_name ? o->source_name : path);
		return HPA_EIO;
	}
	if (!o->source_name)
		o->source_name = path;
	return 0;
}

int hpa_manifest_parse_yaml(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *opts, hpa_error *err)
{
	return run_buf(hpa__yaml_read, out, buf, len, opts, "<string>", err);
}

/* YAML from a file streams through libyaml without a buffer of the whole
 * file; on an error the file is read again into a buffer, for the report */
int hpa_manifest_parse_yaml_file(hpa_manifest **out, const char *path,
	const hpa_parse_options *opts, hpa_error *err)
{
	hpa_parse_options o;
	struct stat st;
	FILE *fp;
	int rc = open_file(&fp, &o, out, path, opts, err);
	if (rc != 0)
		return rc;
	/* streaming needs to read the file again on an error: regular files only */
	if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
		rc = hpa__yaml_read_stream(out, fp, &o, o.source_name, err);
	else
		rc = HPA__STREAM_AGAIN;
	if (rc == HPA__STREAM_AGAIN) {
		hpa__error_clear(err);
		clearerr(fp);
		if (fseek(fp, 0, SEEK_SET) != 0) {
			hpa__error(err, HPA_EIO, "cannot read again: %s", strerror(errno));
			hpa__error_set_source(err, o.source_name);
			rc = HPA_EIO;
		} else {
			rc = run_fp(hpa__yaml_read, out, fp, &o, path, err);
		}
	}
	fclose(fp);
	return rc;
}

int hpa_manifest_parse_yaml_fp(hpa_manifest **out, FILE *fp, const hpa_parse_options *opts, hpa_error *err)
{
	return run_fp(hpa__yaml_read, out, fp, opts, "<stream>", err);
}

int hpa_manifest_parse_yaml_cb(hpa_manifest **out, hpa_read_cb read, void *payload,
	const hpa_parse_options *opts, hpa_error *err)
{
	return run_cb(hpa__yaml_read, out, read, payload, opts, err);
}

int hpa_manifest_parse_json(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *opts, hpa_error *err)
{
	return run_buf(hpa__json_read, out, buf, len, opts, "<string>", err);
}

int hpa_manifest_parse_json_file(hpa_manifest **out, const char *path,
	const hpa_parse_options *opts, hpa_error *err)
{
	hpa_parse_options o;
	FILE *fp;
	int rc = open_file(&fp, &o, out, path, opts, err);
	if (rc != 0)
		return rc;
#ifdef HPA__HAVE_MMAP
	{
		/* a regular, non-empty file is mapped and streamed; anything else
		 * (a pipe, a FIFO, an empty file, a failed mmap) is read whole */
		struct stat st;
		if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
			size_t len = (size_t)st.st_size;
			void *map;
			if ((uintmax_t)st.st_size > (uintmax_t)o.max_input_bytes) {
				fclose(fp);
				return too_big(err, o.max_input_bytes, o.source_name);
			}
			map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fileno(fp), 0);
			if (map != MAP_FAILED) {
				fclose(fp);
				rc = hpa__json_read_mapped(out, (const char *)map, len, &o, o.source_name, err);
				munmap(map, len);
				return rc;
			}
		}
	}
#endif
	rc = run_fp(hpa__json_read, out, fp, &o, path, err);
	fclose(fp);
	return rc;
}

int hpa_manifest_parse_json_fp(hpa_manifest **out, FILE *fp, const hpa_parse_options *opts, hpa_error *err)
{
	return run_fp(hpa__json_read, out, fp, opts, "<stream>", err);
}

int hpa_manifest_parse_json_cb(hpa_manifest **out, hpa_read_cb read, void *payload,
	const hpa_parse_options *opts, hpa_error *err)
{
	return run_cb(hpa__json_read, out, read, payload, opts, err);
}

int hpa_manifest_parse(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *opts, hpa_error *err)
{
	size_t i = 0;
	if (buf && len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (buf && i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (buf && i < len && (buf[i] == '{' || buf[i] == '['))
		return hpa_manifest_parse_json(out, buf, len, opts, err);
	return hpa_manifest_parse_yaml(out, buf, len, opts, err);
}

/* ---- documents -------------------------------------------------------------------------- */

static bool ends_with_list(const hpa__value *kind)
{
	return kind && kind->kind == HPA__V_STR && hpa__v_textlen(kind) >= 4 &&
		memcmp(hpa__v_text(kind) + hpa__v_textlen(kind) - 4, "List", 4) == 0;
}

/* prefix err->path with `items[i]` */
static void prefix_item_path(hpa_error *err, size_t i)
{
	char p[HPA_ERROR_PATH_MAX + 32];
	int n;
	if (!err)
		return;
	n = snprintf(p, sizeof(p), "items[%zu]", i);
	if (err->path[0] && n > 0 && (size_t)n + 1 < sizeof(p)) {
		p[n] = '.';
		hpa__strlcpy(p + n + 1, err->path, sizeof(p) - (size_t)n - 1);
	}
	hpa__error_set_path(err, p);
}

static int add_one(hpa_manifest *m, hpa__value *root, size_t document, unsigned int flags, hpa_error *err)
{
	hpa_object *obj;
	int rc;
	if (hpa__manifest_add(m, root, document, &obj) < 0)
		return hpa__enomem(err);
	rc = hpa__schema_check_cached(obj, (flags & HPA_PARSE_STRICT) ? HPA__CHECK_STRICT : 0, m->check_cache, err);
	return rc < 0 ? rc : 0;
}

static bool is_list(const hpa__value *root)
{
	const hpa__value *items;
	if (root->kind != HPA__V_MAP || !ends_with_list(hpa__map_get(root, "kind")))
		return false;
	items = hpa__map_get(root, "items");
	return !items || items->kind == HPA__V_SEQ || items->kind == HPA__V_NULL;
}

/* a List's items become objects; a List inside a List is flattened too
 * (kubectl flattens nested lists). The depth is bounded by max_depth. */
static int add_tree(hpa_manifest *m, hpa__value *root, size_t document, unsigned int flags,
	hpa_error *err, unsigned int level)
{
	hpa__value *items;
	int rc = 0;
	size_t i, n;

	if (!is_list(root) || level > 64)
		return add_one(m, root, document, flags, err);
	items = hpa__map_get(root, "items");
	n = items && items->kind == HPA__V_SEQ ? hpa__v_count(items) : 0;
	for (i = 0; i < n && rc == 0; i++) {
		hpa__value *it = hpa__seq_at(items, i);
		if (it->kind != HPA__V_MAP) {
			hpa__error(err, HPA_ETYPE, "list item is a %s, expected a map (an object)",
				hpa__vkind_name(it->kind));
			hpa__error_set_pos(err, hpa__v_line(it), hpa__v_column(it), hpa__v_offset(it));
			hpa__error_set_path(err, "");
			prefix_item_path(err, i);
			return HPA_ETYPE;
		}
		rc = add_tree(m, it, document, flags, err, level + 1);
		if (rc < 0 && rc != HPA_ENOMEM)
			prefix_item_path(err, i);
	}
	return rc;
}

int hpa__codec_add_document(hpa_manifest *m, hpa__value *root, size_t document,
	unsigned int flags, const char *source, hpa_error *err)
{
	int rc = add_tree(m, root, document, flags, err, 0);
	if (rc < 0) {
		hpa__error_set_source(err, source);
		hpa__error_set_document(err, document);
	}
	return rc;
}
