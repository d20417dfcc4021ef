/**
 * @file hpa/errors.h
 * @brief Return codes and the caller-owned error record.
 * @defgroup errors Errors
 *
 * Every fallible function returns an `int`: 0 (`HPA_OK`) on success or one of
 * the negative codes below. Details go to an optional `hpa_error *err`, the
 * last argument of every fallible call (NULL allowed). The numbers are stable:
 * new codes are added at the end and never renumbered.
 * @{
 */
#ifndef HPA_ERRORS_H
#define HPA_ERRORS_H

#include <hpa/common.h>

HPA_BEGIN_DECL

/** Return codes. */
typedef enum {
	HPA_OK = 0,                 /**< success */
	HPA_ERROR = -1,             /**< generic failure */
	HPA_ENOMEM = -2,            /**< out of memory */
	HPA_EINVAL = -3,            /**< invalid argument or options version */
	HPA_ESYNTAX = -4,           /**< input is not well-formed YAML/JSON */
	HPA_ETYPE = -5,             /**< wrong value type for a field */
	HPA_ERANGE = -6,            /**< number out of range or not integral */
	HPA_EMISSING = -7,          /**< required field missing */
	HPA_EUNKNOWNFIELD = -8,     /**< field unknown to the schema (strict mode) */
	HPA_EUNSUPPORTED = -9,      /**< unsupported apiVersion/kind or feature */
	HPA_EVALIDATION = -10,      /**< semantic (API-server) rule violated */
	HPA_ELIMIT = -11,           /**< a configured limit was exceeded */
	HPA_EIO = -12,              /**< input/output error */
	HPA_ENOTFOUND = -13,        /**< no such object, field or entry */
	HPA_ITEROVER = -14,         /**< iteration is over (not an error) */
	HPA_EDUPLICATE = -15,       /**< duplicate key or name */
	HPA_EUSAGE = -16            /**< command-line usage error (hpactl) */
} hpa_error_code;

/** Version of ::hpa_error this header describes. */
#define HPA_ERROR_VERSION 1

/** Size of hpa_error::path, including the NUL. */
#define HPA_ERROR_PATH_MAX 256
/** Size of hpa_error::source, including the NUL. */
#define HPA_ERROR_SOURCE_MAX 80
/** Size of hpa_error::message, including the NUL. */
#define HPA_ERROR_MESSAGE_MAX 256

/**
 * Details of a failure. Caller-owned, fixed size, versioned. Initialise with
 * ::HPA_ERROR_INIT or hpa_error_init(). Unknown numeric fields are 0 (line,
 * column, document) or SIZE_MAX (offset); unknown strings are empty.
 */
typedef struct hpa_error {
	unsigned int version;            /**< ::HPA_ERROR_VERSION */
	int code;                        /**< an ::hpa_error_code */
	size_t line;                     /**< 1-based line, 0 = unknown */
	size_t column;                   /**< 1-based column in characters, 0 = unknown */
	size_t offset;                   /**< 0-based byte offset, SIZE_MAX = unknown */
	size_t document;                 /**< 0-based document index in a stream */
	char path[HPA_ERROR_PATH_MAX];   /**< field path as kubectl prints it (from a typed part handle such as ::hpa_container: relative to that part) */
	char source[HPA_ERROR_SOURCE_MAX]; /**< file name or `<string>`, `<stream>`, `<callback>` */
	char message[HPA_ERROR_MESSAGE_MAX]; /**< one-line message */
	uint64_t reserved[8];            /**< room to grow; zero */
} hpa_error;

/** Static initialiser for ::hpa_error. */
#define HPA_ERROR_INIT { HPA_ERROR_VERSION, 0, 0, 0, SIZE_MAX, 0, "", "", "", {0} }

/**
 * Reset @p err to the empty state of version @p version.
 * @return HPA_OK, or HPA_EINVAL for a NULL pointer or unknown version.
 */
HPA_EXTERN(int) hpa_error_init(hpa_error *err, unsigned int version);

/**
 * Static description of a return code ("out of memory", ...).
 * @ownership borrowed (static storage)
 */
HPA_EXTERN(const char *) hpa_strerror(int code);

/**
 * Short stable name of a return code ("HPA_ENOMEM", ...).
 * @ownership borrowed (static storage)
 */
HPA_EXTERN(const char *) hpa_error_code_name(int code);

/**
 * Format @p err as `source:line:column: path: message (document N)` into
 * @p buf of @p size bytes, omitting the parts that are unknown. The document
 * index is printed 1-based and only when it is not the first document.
 * @return the length the full text needs (like snprintf), excluding the NUL.
 */
HPA_EXTERN(size_t) hpa_error_format(const hpa_error *err, char *buf, size_t size);

HPA_END_DECL

/** @} */
#endif
