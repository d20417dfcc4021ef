/**
 * @file hpa/quantity.h
 * @brief Kubernetes resource quantities (`500m`, `1.5`, `128Mi`, `1e3`).
 * @defgroup quantity Quantities
 *
 * An ::hpa_quantity follows the rules of Kubernetes' `resource.Quantity`
 * exactly, with integer arithmetic only (never `double`):
 *
 * - syntax: optional sign, digits with an optional `.`, then a suffix:
 *   decimal SI (`n u m "" k M G T P E`), binary SI (`Ki Mi Gi Ti Pi Ei`) or
 *   a decimal exponent (`e3`, `E-2`, `e+6`); the digits may be absent, as
 *   upstream's scanner allows: `+`, `-`, `.`, `Mi` or `e5` alone parse as 0
 *   (only the empty text is a syntax error);
 * - the value is exact for any number of digits, rounded up (away from
 *   zero) to a multiple of 1n (10^-9); binary-suffixed values are capped at
 *   2^63-1 in magnitude; a binary value below 1 in magnitude is DecimalSI;
 * - the canonical form is what the API server prints: `1536Mi` for `1.5Gi`,
 *   `1500m` for `1.5`, `512Mi` for `0.5Gi`, `1e3` for `1e3`, and the parsed
 *   text itself when upstream keeps it (`+1`, `01`).
 *
 * Differences from upstream, both following merged upstream fixes: decimal
 * exponents must fit an int32 (`1e9999999999` is a syntax error instead of
 * a silently wrapped value) and DecimalSI values beyond the `E` suffix are
 * printed with an exponent (`1e21`, not `1`).
 * @{
 */
#ifndef HPA_QUANTITY_H
#define HPA_QUANTITY_H

#include <hpa/common.h>
#include <hpa/errors.h>

HPA_BEGIN_DECL

/** A parsed quantity (opaque). */
typedef struct hpa_quantity hpa_quantity;

/** How a quantity prints (upstream `resource.Format`). */
typedef enum {
	HPA_QUANTITY_DECIMAL_SI = 1,   /**< `12M`, `500m` (12 * 10^6) */
	HPA_QUANTITY_BINARY_SI,        /**< `12Mi` (12 * 2^20) */
	HPA_QUANTITY_DECIMAL_EXPONENT  /**< `12e6` */
} hpa_quantity_fmt;

/**
 * Parse @p text (NUL-terminated, no surrounding blanks) as a quantity.
 * On a syntax error returns ::HPA_ESYNTAX with a message naming the problem
 * and the 1-based column (and byte offset) of the offending character in
 * `err->column` (`err->offset`); `err->line` is 1.
 * @return HPA_OK, HPA_ESYNTAX, HPA_EINVAL (NULL argument) or HPA_ENOMEM;
 *         `*out` is NULL on failure.
 * @ownership caller (free with hpa_quantity_free)
 */
HPA_EXTERN(int) hpa_quantity_parse(hpa_quantity **out, const char *text, hpa_error *err);

/**
 * Parse @p len bytes at @p text and return the milli-value (the value times
 * 1000, rounded up away from zero, like upstream `MilliValue()`), without
 * allocating. Suited to hot paths.
 * @return HPA_OK, HPA_ESYNTAX (see hpa_quantity_parse(); also for
 *         @p len 0), HPA_ERANGE when the milli-value does not fit int64,
 *         HPA_EINVAL (NULL @p text, even with @p len 0, or NULL @p milli_out).
 */
HPA_EXTERN(int) hpa_quantity_parse_milli(const char *text, size_t len, int64_t *milli_out,
	hpa_error *err);

/**
 * A quantity of value @p milli / 1000 that prints in @p format (upstream
 * `NewMilliQuantity`): `hpa_quantity_from_milli(&q, 1500, HPA_QUANTITY_DECIMAL_SI, NULL)`
 * is `1500m`. Its text (hpa_quantity_str()) is its canonical form.
 * @return HPA_OK, HPA_EINVAL (unknown format) or HPA_ENOMEM.
 * @ownership caller (free with hpa_quantity_free)
 */
HPA_EXTERN(int) hpa_quantity_from_milli(hpa_quantity **out, int64_t milli,
	hpa_quantity_fmt format, hpa_error *err);

/**
 * Deep copy of @p q.
 * @return HPA_OK, HPA_EINVAL or HPA_ENOMEM.
 * @ownership caller (free with hpa_quantity_free)
 */
HPA_EXTERN(int) hpa_quantity_dup(hpa_quantity **out, const hpa_quantity *q, hpa_error *err);

/**
 * Release @p q (NULL is allowed).
 * @ownership takes
 */
HPA_EXTERN(void) hpa_quantity_free(hpa_quantity *q);

/**
 * The text @p q was parsed from, byte for byte ("" for NULL).
 * @ownership borrowed (valid until @p q is freed)
 */
HPA_EXTERN(const char *) hpa_quantity_str(const hpa_quantity *q);

/**
 * The canonical form of @p q, as the Kubernetes API server prints it
 * (upstream `Quantity.String()`).
 * @return HPA_OK, HPA_EINVAL or HPA_ENOMEM (`*out` NULL on failure).
 * @ownership caller (free with hpa_free)
 */
HPA_EXTERN(int) hpa_quantity_canonical(const hpa_quantity *q, char **out, hpa_error *err);

/**
 * The value times 1000, rounded up away from zero (upstream `MilliValue()`).
 * @return HPA_OK, or HPA_ERANGE when it does not fit int64 (`*out` = 0),
 *         HPA_EINVAL for NULL.
 */
HPA_EXTERN(int) hpa_quantity_milli_value(const hpa_quantity *q, int64_t *out);

/**
 * The value rounded up away from zero to an integer (upstream `Value()`).
 * @return HPA_OK, or HPA_ERANGE when it does not fit int64 (`*out` = 0),
 *         HPA_EINVAL for NULL.
 */
HPA_EXTERN(int) hpa_quantity_value(const hpa_quantity *q, int64_t *out);

/**
 * Exact comparison of the values of @p a and @p b (formats ignored; any
 * magnitude, no overflow): -1, 0 or 1. NULL sorts first.
 */
HPA_EXTERN(int) hpa_quantity_cmp(const hpa_quantity *a, const hpa_quantity *b);

/** -1, 0 or 1: the sign of the value of @p q (0 for NULL). */
HPA_EXTERN(int) hpa_quantity_sign(const hpa_quantity *q);

/** The format @p q prints in (0 for NULL). */
HPA_EXTERN(hpa_quantity_fmt) hpa_quantity_format(const hpa_quantity *q);

HPA_END_DECL

/** @} */
#endif
