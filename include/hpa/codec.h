/**
 * @file hpa/codec.h
 * @brief Lossless YAML and JSON readers and writers for manifests.
 * @defgroup codec Codecs
 *
 * **Reading.** YAML streams (many documents, `---` separated) and JSON
 * (one object, an array of objects, a `List`, or several concatenated
 * values) become an ::hpa_manifest. Plain YAML scalars are resolved as
 * Kubernetes' decoder (go-yaml v2, YAML 1.1) resolves them: `yes`, `on`,
 * `y` are booleans, `0644` is octal, `~` is null, and so on. Every scalar
 * keeps its text exactly, so `500m`, `0.5`, `"80"` and `80` stay distinct,
 * unknown fields keep their order, and a field set to `0` differs from an
 * absent one. Each document is checked against the Kubernetes schema of its
 * kind (::HPA_PARSE_STRICT also rejects unknown fields). A `List`
 * (`kind: List`, or any `*List` kind with `items`) yields one object per
 * item. Empty documents are skipped but counted
 * (hpa_manifest_document_count()). Comments, tags, anchors and the quoting
 * style are not kept (a float whose text is an integer, `!!float 1`, is
 * written back with its `!!float` tag).
 *
 * **Writing.** YAML is written as kubectl prints it (go-yaml v2 style):
 * 2-space indentation, block style, sequences not indented under their key,
 * strings quoted only when a plain scalar would read back as something
 * else, multi-line strings as literal blocks, lines folded at 80 columns,
 * `---` between documents. Top-level keys `apiVersion`, `kind`, `metadata`,
 * `spec`, `status` come first, then every other key in its original order.
 * JSON is written as kubectl prints it: indented by 4 spaces (or compact),
 * one object when the manifest holds one object, else a `List`
 * (`apiVersion: v1`, `items`, `kind: List`, `metadata: {resourceVersion: ""}`).
 * Reading what was written gives equal trees, and writing them again gives
 * the same bytes.
 *
 * **Errors.** Syntax errors carry the 1-based line and column (characters),
 * the 0-based byte offset and the parser's message. Schema errors carry the
 * field path, the document index and, for YAML, the position of the node.
 * `err->source` is the options' `source_name`, the file path, or
 * `<string>`, `<stream>`, `<callback>`. On failure `*out` is NULL.
 * Nothing is printed.
 * @{
 */
#ifndef HPA_CODEC_H
#define HPA_CODEC_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <hpa/manifest.h>

HPA_BEGIN_DECL

/* ---- reading ----------------------------------------------------------------- */

/** Version of ::hpa_parse_options this header describes. */
#define HPA_PARSE_OPTIONS_VERSION 1

/** Unknown fields of the typed kinds are errors (::HPA_EUNKNOWNFIELD). */
#define HPA_PARSE_STRICT (1u << 0)
/** Accept duplicate mapping keys; the last value wins (in the first key's place). */
#define HPA_PARSE_ALLOW_DUPLICATES (1u << 1)
/** Accept YAML aliases (`*name`), expanded as copies within `max_aliases`. */
#define HPA_PARSE_ALLOW_ALIASES (1u << 2)

/** Default input size limit of ::HPA_PARSE_OPTIONS_INIT (256 MiB). */
#define HPA_PARSE_DEFAULT_MAX_INPUT_BYTES ((size_t)256 << 20)
/** Default nesting depth limit. */
#define HPA_PARSE_DEFAULT_MAX_DEPTH 64
/** Default limit on documents per stream. */
#define HPA_PARSE_DEFAULT_MAX_DOCUMENTS 100000
/** Default limit on nodes copied through aliases (billion-laughs guard). */
#define HPA_PARSE_DEFAULT_MAX_ALIASES 10000
/** Default limit on one scalar's length (16 MiB). */
#define HPA_PARSE_DEFAULT_MAX_SCALAR_BYTES ((size_t)16 << 20)

/**
 * The deepest nesting of maps and lists in any tree of the library: the
 * readers stop there whatever `max_depth` says and the path setters do not
 * build deeper (::HPA_ELIMIT). Go's encoding/json and go-yaml v3, which the
 * API server and kubectl decode with, stop at 10,000 too. (The JSON reader
 * stops earlier, at jansson's 2,048.)
 */
#define HPA_MAX_DEPTH 10000

/**
 * Options of the readers. Limits apply per call; exceeding one gives
 * ::HPA_ELIMIT with the position where it happened. A limit of SIZE_MAX
 * means no limit (for `max_depth`: ::HPA_MAX_DEPTH).
 */
typedef struct hpa_parse_options {
	unsigned int version;        /**< ::HPA_PARSE_OPTIONS_VERSION */
	unsigned int flags;          /**< `HPA_PARSE_*` bits */
	size_t max_input_bytes;      /**< input size */
	size_t max_depth;            /**< nesting of maps and sequences (a document's root map is 1) */
	size_t max_documents;        /**< documents in the stream, empty ones included */
	size_t max_aliases;          /**< nodes created by alias expansion, per call */
	size_t max_scalar_bytes;     /**< length of one scalar (bytes, after unescaping) */
	const char *source_name;     /**< name used in errors and by hpa_manifest_source(); NULL = default */
} hpa_parse_options;

/** Static initialiser for ::hpa_parse_options (the defaults). */
#define HPA_PARSE_OPTIONS_INIT { HPA_PARSE_OPTIONS_VERSION, 0, \
	HPA_PARSE_DEFAULT_MAX_INPUT_BYTES, HPA_PARSE_DEFAULT_MAX_DEPTH, \
	HPA_PARSE_DEFAULT_MAX_DOCUMENTS, HPA_PARSE_DEFAULT_MAX_ALIASES, \
	HPA_PARSE_DEFAULT_MAX_SCALAR_BYTES, NULL }

/**
 * Set @p opts to the defaults of version @p version.
 * @return 0, or ::HPA_EINVAL for NULL or an unknown version
 */
HPA_EXTERN(int) hpa_parse_options_init(hpa_parse_options *opts, unsigned int version);

/**
 * Read a YAML stream from @p buf (@p len bytes, UTF-8, an optional BOM).
 * @p opts may be NULL (defaults).
 * @return 0, ::HPA_ESYNTAX, ::HPA_ETYPE, ::HPA_ERANGE, ::HPA_EDUPLICATE,
 *         ::HPA_EUNKNOWNFIELD, ::HPA_ELIMIT, ::HPA_ENOMEM, ::HPA_EINVAL
 * @ownership caller (`*out`, free with hpa_manifest_free)
 */
HPA_EXTERN(int) hpa_manifest_parse_yaml(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *opts, hpa_error *err);

/**
 * Read a YAML file (source name: @p path). A regular file is streamed
 * through the parser without holding the whole file in memory; on an error
 * it is read again into a buffer, so errors are the same as
 * hpa_manifest_parse_yaml() reports for its contents.
 * @return as hpa_manifest_parse_yaml(), or ::HPA_EIO
 * @ownership caller (`*out`)
 */
HPA_EXTERN(int) hpa_manifest_parse_yaml_file(hpa_manifest **out, const char *path,
	const hpa_parse_options *opts, hpa_error *err);

/**
 * Read a YAML stream from @p fp up to its end (source name: `<stream>`).
 * @p fp is not closed.
 * @ownership caller (`*out`); @p fp borrowed
 */
HPA_EXTERN(int) hpa_manifest_parse_yaml_fp(hpa_manifest **out, FILE *fp,
	const hpa_parse_options *opts, hpa_error *err);

/**
 * Read a YAML stream from a callback, called until it returns 0 bytes
 * (source name: `<callback>`). A negative return is ::HPA_EIO.
 * @ownership caller (`*out`); @p payload borrowed
 */
HPA_EXTERN(int) hpa_manifest_parse_yaml_cb(hpa_manifest **out, hpa_read_cb read, void *payload,
	const hpa_parse_options *opts, hpa_error *err);

/**
 * Read JSON from @p buf: one object, an array of objects, a `List`, or
 * several of these concatenated. JSON has no positions after decoding:
 * schema errors carry the path and document with line 0.
 * @ownership caller (`*out`)
 */
HPA_EXTERN(int) hpa_manifest_parse_json(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *opts, hpa_error *err);

/** Read a JSON file. @ownership caller (`*out`) */
HPA_EXTERN(int) hpa_manifest_parse_json_file(hpa_manifest **out, const char *path,
	const hpa_parse_options *opts, hpa_error *err);

/** Read JSON from @p fp up to its end. @ownership caller (`*out`); @p fp borrowed */
HPA_EXTERN(int) hpa_manifest_parse_json_fp(hpa_manifest **out, FILE *fp,
	const hpa_parse_options *opts, hpa_error *err);

/** Read JSON from a callback. @ownership caller (`*out`); @p payload borrowed */
HPA_EXTERN(int) hpa_manifest_parse_json_cb(hpa_manifest **out, hpa_read_cb read, void *payload,
	const hpa_parse_options *opts, hpa_error *err);

/**
 * Read YAML or JSON: JSON when the first character that is not white space
 * (after an optional BOM) is `{` or `[`, YAML otherwise.
 * @ownership caller (`*out`)
 */
HPA_EXTERN(int) hpa_manifest_parse(hpa_manifest **out, const char *buf, size_t len,
	const hpa_parse_options *opts, hpa_error *err);

/* ---- writing ----------------------------------------------------------------- */

/** Version of ::hpa_write_options this header describes. */
#define HPA_WRITE_OPTIONS_VERSION 1

/** Leave out the top-level `status` of every object. */
#define HPA_WRITE_OMIT_STATUS (1u << 0)
/** JSON: no white space at all (one line per manifest). */
#define HPA_WRITE_COMPACT (1u << 1)
/** Sort the keys of every map as kubectl's YAML printer does (go-yaml v2 order). */
#define HPA_WRITE_SORT_KEYS (1u << 2)

/** Options of the writers. */
typedef struct hpa_write_options {
	unsigned int version;   /**< ::HPA_WRITE_OPTIONS_VERSION */
	unsigned int flags;     /**< `HPA_WRITE_*` bits */
	unsigned int indent;    /**< spaces per level, 0..16 (above: ::HPA_EINVAL): 0 = kubectl's (YAML 2, JSON 4); YAML 2..9 (else 2), JSON 1..16 */
} hpa_write_options;

/** Static initialiser for ::hpa_write_options. */
#define HPA_WRITE_OPTIONS_INIT { HPA_WRITE_OPTIONS_VERSION, 0, 0 }

/**
 * Set @p opts to the defaults of version @p version.
 * @return 0, or ::HPA_EINVAL for NULL or an unknown version
 */
HPA_EXTERN(int) hpa_write_options_init(hpa_write_options *opts, unsigned int version);

/**
 * Write @p manifest as a YAML stream into a new buffer (NUL-terminated;
 * its length, without the NUL, in `*len_out` if not NULL). An empty
 * manifest gives an empty string.
 * @return 0, ::HPA_EINVAL (e.g. a string that is not UTF-8), ::HPA_ENOMEM
 * @ownership caller (`*out`, free with hpa_free); @p manifest borrowed
 */
HPA_EXTERN(int) hpa_manifest_write_yaml(const hpa_manifest *manifest, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err);

/** Write YAML to the file @p path (created or truncated). @return also ::HPA_EIO */
HPA_EXTERN(int) hpa_manifest_write_yaml_file(const hpa_manifest *manifest, const char *path,
	const hpa_write_options *opts, hpa_error *err);

/** Write YAML to @p fp (not closed, not flushed). @ownership @p fp borrowed */
HPA_EXTERN(int) hpa_manifest_write_yaml_fp(const hpa_manifest *manifest, FILE *fp,
	const hpa_write_options *opts, hpa_error *err);

/** Write YAML through a callback, in chunks. @ownership @p payload borrowed */
HPA_EXTERN(int) hpa_manifest_write_yaml_cb(const hpa_manifest *manifest, hpa_write_cb write,
	void *payload, const hpa_write_options *opts, hpa_error *err);

/**
 * Write @p manifest as JSON into a new buffer: the object itself when the
 * manifest holds exactly one, else a `List` of all of them. Numbers are
 * written as read when JSON allows it, else in JSON form (`0x1F` → `31`,
 * `.5` → `0.5`); `.inf`, `.nan` and integers outside int64 (YAML reads up
 * to 2^64 - 1; the JSON reader, jansson, and Kubernetes' int64 fields could
 * not read them back) give ::HPA_ERANGE.
 * @ownership caller (`*out`, free with hpa_free)
 */
HPA_EXTERN(int) hpa_manifest_write_json(const hpa_manifest *manifest, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err);

/** Write JSON to the file @p path. */
HPA_EXTERN(int) hpa_manifest_write_json_file(const hpa_manifest *manifest, const char *path,
	const hpa_write_options *opts, hpa_error *err);

/** Write JSON to @p fp. @ownership @p fp borrowed */
HPA_EXTERN(int) hpa_manifest_write_json_fp(const hpa_manifest *manifest, FILE *fp,
	const hpa_write_options *opts, hpa_error *err);

/** Write JSON through a callback. @ownership @p payload borrowed */
HPA_EXTERN(int) hpa_manifest_write_json_cb(const hpa_manifest *manifest, hpa_write_cb write,
	void *payload, const hpa_write_options *opts, hpa_error *err);

/**
 * Write one object as a YAML document.
 * @ownership caller (`*out`, free with hpa_free); @p obj borrowed
 */
HPA_EXTERN(int) hpa_object_write_yaml(const hpa_object *obj, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err);

/**
 * Write one object as a JSON object.
 * @ownership caller (`*out`, free with hpa_free); @p obj borrowed
 */
HPA_EXTERN(int) hpa_object_write_json(const hpa_object *obj, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err);

HPA_END_DECL

/** @} */
#endif
