/*
 * lib/quantity/quantity_int.h -- exact, allocation-free Kubernetes
 * quantities (resource.Quantity) and int-or-string helpers for the other
 * modules (codec type checks, validation, the HPA decision).
 *
 * Representation: a value is  sign * D * 10^exp  where D is a string of
 * `ndig` significant decimal digits (no leading or trailing zeros; zero has
 * ndig == 0 and sign == 0). The digits are not copied: they are read from
 * the scanned text (skipping the one '.' that may sit among them), or from
 * the small inline buffer `inl` when the value was computed (binary
 * suffixes, hpa__qty_from_milli, carries of the rounding). An hpa__qty made
 * by hpa__quantity_scan() therefore borrows its text: it is valid while the
 * text is. Copying the struct is fine (no pointer points into the struct).
 *
 * The value is the one upstream ParseQuantity computes, exactly: any number
 * of digits, the decimal value rounded away from zero to a multiple of
 * 10^-9 (1n), binary-suffixed values capped at 2^63-1 in magnitude. Only
 * integer arithmetic is used; no operation loops over the exponent, so
 * "1e2000000000" costs as little as "1".
 */
#ifndef HPA_LIB_QUANTITY_INT_H
#define HPA_LIB_QUANTITY_INT_H

#include "core/core.h"
#include <hpa/quantity.h>
#include <hpa/int_or_string.h>

/* Room for the computed digits: binary values are at most
 * (2^63-1) * 10^9 (28 digits), milli values 19 digits. */
#define HPA__QTY_INLINE 32

typedef struct hpa__qty {
	const char *text;      /* the scanned text (borrowed), NULL when computed */
	size_t text_len;
	const char *digits;    /* first significant digit inside text, NULL: inl */
	size_t ndig;           /* significant digits, 0 for zero */
	size_t dot;            /* digits index from which one '.' is skipped; SIZE_MAX: none */
	int64_t exp;           /* value = sign * D * 10^exp */
	int sign;              /* -1, 0 or 1 */
	int format;            /* an hpa_quantity_format */
	bool bump;             /* the last digit is one more than the text's (rounding) */
	bool keep_text;        /* upstream keeps the parsed text as the printed form */
	char inl[HPA__QTY_INLINE];
} hpa__qty;

/* Parse s[0..len) (need not be NUL-terminated) as upstream ParseQuantity
 * does. Never allocates. On error returns HPA_ESYNTAX with a message and
 * err->line = 1, err->column = 1-based column (characters) and err->offset
 * = byte offset of the offending character, relative to s; *out is then
 * set to zero. The result borrows s. */
int hpa__quantity_scan(const char *s, size_t len, hpa__qty *out, hpa_error *err);

/* True when s[0..len) is a quantity (no error details, no allocation). */
bool hpa__quantity_ok(const char *s, size_t len);

/* Exact value milli / 1000 in `format` (HPA_QUANTITY_DECIMAL_SI,
 * BINARY_SI or DECIMAL_EXPONENT), like upstream NewMilliQuantity. */
void hpa__qty_from_milli(hpa__qty *out, int64_t milli, int format);
/* Exact value v * 10^scale in DecimalSI, like upstream NewScaledQuantity. */
void hpa__qty_from_scaled(hpa__qty *out, int64_t v, int scale);

/* ceil(|value| * 10^-scale) with the sign of the value (rounded away from
 * zero, as upstream ScaledValue does for int64-backed quantities).
 * scale -3 gives the milli-value, 0 the value. HPA_ERANGE (and *out = 0)
 * when the result does not fit int64. Never allocates. */
int hpa__qty_scaled(const hpa__qty *q, int scale, int64_t *out);
int hpa__qty_milli(const hpa__qty *q, int64_t *out);
int hpa__qty_value(const hpa__qty *q, int64_t *out);

/* Two names of this header are macros for differently named symbols:
 * lib/decide carries an interim hpa__qty_format of its own, written before
 * this module existed, and lib/validate a type named hpa__qty (its milli
 * view); callers of this header write the short names. Drop the macros
 * once those are gone. */
#define hpa__qty_cmp hpa__quantity_cmp
#define hpa__qty_format hpa__quantity_format_to

/* -1, 0, 1: exact comparison of the values (formats ignored). */
int hpa__qty_cmp(const hpa__qty *a, const hpa__qty *b);

/* Digit i (0-based) of D as a character. */
char hpa__qty_digit(const hpa__qty *q, size_t i);

/* The canonical form (upstream Quantity.String()) written like snprintf:
 * at most size-1 characters and a NUL into dst (dst may be NULL when size
 * is 0); returns the full length. Never allocates. */
size_t hpa__qty_format(const hpa__qty *q, char *dst, size_t size);
/* Append the canonical form to b. 0 or HPA_ENOMEM. */
int hpa__qty_canonical(const hpa__qty *q, hpa__buf *b);

/* After the text an hpa__qty borrows was copied from old_base to
 * new_base, make q point into the copy. */
void hpa__qty_rebase(hpa__qty *q, const char *old_base, const char *new_base);

/* ---- int-or-string ------------------------------------------------------- */

/* upstream intstr.GetScaledValueFromIntOrPercent for a string value
 * s[0..len): it must be a percentage ("25%"; the number as strconv.Atoi
 * reads it: optional sign, decimal digits, int64 range), scaled by total
 * and rounded up (ceil) or down (floor), computed exactly in integers.
 * Errors: HPA_ETYPE (not a percentage), HPA_ESYNTAX (bad number),
 * HPA_ERANGE (number or result out of range). Never allocates. */
int hpa__ios_scaled_percent(const char *s, size_t len, int32_t total, bool round_up,
	int32_t *out, hpa_error *err);

/* Exact floor or ceil of v * total / 100 as int32; HPA_ERANGE when the
 * result does not fit. */
int hpa__ios_percent_of(int64_t v, int32_t total, bool round_up, int32_t *out);

#endif
