/*
 * lib/codec/codec_int.h -- private interface of the YAML/JSON codecs.
 *
 * resolve.c   go-yaml v2 (YAML 1.1) resolution of plain scalars
 * input.c     options, reading whole inputs (file, FILE *, callback), sniffing
 * yaml_read.c libyaml events -> value trees
 * yaml_write.c the YAML emitter (a port of go-yaml v2's emitter rules)
 * json_read.c jansson -> value trees (numbers keep their spelling)
 * json_write.c the JSON writer (Go encoding/json style)
 * output.c    output sinks, object ordering shared by both writers
 */
#ifndef HPA_LIB_CODEC_INT_H
#define HPA_LIB_CODEC_INT_H

#include "core/core.h"
#include "value/value.h"
#include "manifest/manifest_int.h"
#include <hpa/codec.h>

/* ---- scalar resolution (resolve.c) --------------------------------------- */

/* What a plain scalar means to go-yaml v2 (decoding into interface{}). */
typedef enum {
	HPA__R_STR = 0,
	HPA__R_NULL,
	HPA__R_BOOL,
	HPA__R_INT,
	HPA__R_FLOAT,
	HPA__R_TIMESTAMP,  /* a string when decoded, but quoted by go-yaml's encoder */
	HPA__R_MERGE       /* the `<<` key */
} hpa__rkind;

hpa__rkind hpa__yaml_resolve(const char *s, size_t n);
/* The value of a text hpa__yaml_resolve() takes as an integer (HPA__R_INT),
 * as go-yaml decodes it (`_` removed, ParseInt/ParseUint base 0, the
 * binary forms): its sign and magnitude (at most 2^64 - 1, or 2^63 when
 * negative); false when the text is no such integer. */
bool hpa__yaml_int_value(const char *s, size_t n, bool *neg, uint64_t *mag);
/* go-yaml's encoder also quotes sexagesimal-looking strings (`1:20`). */
bool hpa__yaml_is_base60(const char *s, size_t n);
/* Value kind of a resolved plain scalar (timestamps and merge are strings). */
int hpa__rkind_to_vkind(hpa__rkind r);

/* ---- inputs (input.c) ---------------------------------------------------------- */

int hpa__parse_opts(hpa_parse_options *o, const hpa_parse_options *user, hpa_error *err);
int hpa__write_opts(hpa_write_options *o, const hpa_write_options *user, hpa_error *err);

/* Read all of fp / the callback into b (at most `limit` bytes, else HPA_ELIMIT). */
int hpa__slurp_fp(hpa__buf *b, FILE *fp, size_t limit, const char *source, hpa_error *err);
int hpa__slurp_cb(hpa__buf *b, hpa_read_cb cb, void *payload, size_t limit, const char *source, hpa_error *err);

/* The readers proper, on a whole buffer. `source` names it in errors. */
int hpa__yaml_read(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err);
int hpa__json_read(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err);
/* The same on a read-only file mapping of len bytes: pages behind the
 * stream are released as it advances (madvise), so a large JSON file costs
 * about the size of its manifest, not manifest + file. */
int hpa__json_read_mapped(hpa_manifest **out, const char *map, size_t len,
	const hpa_parse_options *o, const char *source, hpa_error *err);
/* YAML read straight from a seekable file, without a buffer of the whole
 * input: 0, HPA_ENOMEM, or HPA__STREAM_AGAIN when the caller must rewind and
 * read the file into a buffer and call hpa__yaml_read (on any other error,
 * so that its report is the buffer reader's, with byte offsets). */
#define HPA__STREAM_AGAIN 1
int hpa__yaml_read_stream(hpa_manifest **out, FILE *fp, const hpa_parse_options *o,
	const char *source, hpa_error *err);

/* After a document's tree is built: unwrap Lists, add objects to the
 * manifest, run the schema checker. `root` is a map in m->arena.
 * Errors get source and document set here. */
int hpa__codec_add_document(hpa_manifest *m, hpa__value *root, size_t document,
	unsigned int flags, const char *source, hpa_error *err);

/* ---- outputs (output.c) ------------------------------------------------------- */

/* A byte sink: memory (cb NULL) or chunks flushed to cb. */
typedef struct {
	char *ptr;
	size_t len, cap;
	hpa_write_cb cb;
	void *payload;
	int failed;          /* sticky HPA_ENOMEM / HPA_EIO */
} hpa__out;

int hpa__out_flush(hpa__out *o);
int hpa__out_reserve_slow(hpa__out *o, size_t n);
static inline int hpa__out_reserve(hpa__out *o, size_t n)
{
	if (o->cap - o->len >= n)
		return 0;
	return hpa__out_reserve_slow(o, n);
}
static inline void hpa__out_put(hpa__out *o, const char *s, size_t n)
{
	if (hpa__out_reserve(o, n) == 0) {
		memcpy(o->ptr + o->len, s, n);
		o->len += n;
	}
}
static inline void hpa__out_putc(hpa__out *o, char c)
{
	if (hpa__out_reserve(o, 1) == 0)
		o->ptr[o->len++] = c;
}
void hpa__out_dispose(hpa__out *o);

/* Order of the keys of a map as written: indexes into map->u.map.items.
 * `top` applies the apiVersion/kind/metadata/spec/status rule (and
 * OMIT_STATUS); SORT_KEYS sorts as go-yaml v2. Returns the count, or
 * SIZE_MAX on allocation failure. `idx` must hold hpa__v_count(map) entries. */
size_t hpa__key_order(const hpa__value *map, bool top, unsigned int flags, size_t *idx);

typedef int (*hpa__writer_fn)(hpa__out *o, const hpa_object *const *objs, size_t n,
	const hpa_write_options *wo, hpa_error *err);
int hpa__yaml_write(hpa__out *o, const hpa_object *const *objs, size_t n,
	const hpa_write_options *wo, hpa_error *err);
int hpa__json_write(hpa__out *o, const hpa_object *const *objs, size_t n,
	const hpa_write_options *wo, hpa_error *err);

/* Run a writer into memory / a FILE / a callback / a path. */
int hpa__write_mem(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	char **out, size_t *len_out, const hpa_write_options *user, hpa_error *err);
int hpa__write_cb(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	hpa_write_cb cb, void *payload, const hpa_write_options *user, hpa_error *err);
int hpa__write_fp(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	FILE *fp, const hpa_write_options *user, hpa_error *err);
int hpa__write_path(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	const char *path, const hpa_write_options *user, hpa_error *err);

#endif
