/**
 * @file hpa/int_or_string.h
 * @brief Kubernetes int-or-string values (`targetPort: 8080` or `"http"`,
 *        `maxSurge: 1` or `"25%"`).
 * @defgroup int_or_string Int-or-string
 *
 * An ::hpa_int_or_string holds either an int32 or a string; the string is
 * kept verbatim. hpa_int_or_string_scaled() resolves percentages like
 * upstream `intstr.GetScaledValueFromIntOrPercent`, in exact integer
 * arithmetic.
 * @{
 */
#ifndef HPA_INT_OR_STRING_H
#define HPA_INT_OR_STRING_H

#include <hpa/common.h>
#include <hpa/errors.h>

HPA_BEGIN_DECL

/** An int32 or a string (opaque). */
typedef struct hpa_int_or_string hpa_int_or_string;

/** Which of the two an ::hpa_int_or_string holds. */
typedef enum {
	HPA_IOS_INT = 1,   /**< an int32 */
	HPA_IOS_STRING     /**< a string */
} hpa_ios_kind;

/**
 * A value holding the integer @p value.
 * @return HPA_OK, HPA_EINVAL (NULL out) or HPA_ENOMEM.
 * @ownership caller (free with hpa_int_or_string_free)
 */
HPA_EXTERN(int) hpa_int_or_string_new_int(hpa_int_or_string **out, int32_t value);

/**
 * A value holding a copy of the string @p value (any text, kept verbatim).
 * @return HPA_OK, HPA_EINVAL (NULL argument) or HPA_ENOMEM.
 * @ownership caller (free with hpa_int_or_string_free)
 */
HPA_EXTERN(int) hpa_int_or_string_new_str(hpa_int_or_string **out, const char *value);

/**
 * Deep copy of @p v.
 * @return HPA_OK, HPA_EINVAL or HPA_ENOMEM.
 * @ownership caller (free with hpa_int_or_string_free)
 */
HPA_EXTERN(int) hpa_int_or_string_dup(hpa_int_or_string **out, const hpa_int_or_string *v,
	hpa_error *err);

/**
 * Release @p v (NULL is allowed).
 * @ownership takes
 */
HPA_EXTERN(void) hpa_int_or_string_free(hpa_int_or_string *v);

/** ::HPA_IOS_INT or ::HPA_IOS_STRING (0 for NULL). */
HPA_EXTERN(hpa_ios_kind) hpa_int_or_string_kind(const hpa_int_or_string *v);

/** The integer, or 0 when @p v holds a string or is NULL. */
HPA_EXTERN(int32_t) hpa_int_or_string_int(const hpa_int_or_string *v);

/**
 * The string, or NULL when @p v holds an integer or is NULL.
 * @ownership borrowed (valid until @p v is modified or freed)
 */
HPA_EXTERN(const char *) hpa_int_or_string_str(const hpa_int_or_string *v);

/**
 * Make @p v hold the integer @p value.
 * @return HPA_OK or HPA_EINVAL (NULL).
 */
HPA_EXTERN(int) hpa_int_or_string_set_int(hpa_int_or_string *v, int32_t value);

/**
 * Make @p v hold a copy of @p value. On failure @p v is unchanged.
 * @return HPA_OK, HPA_EINVAL (NULL) or HPA_ENOMEM.
 * @ownership borrowed (@p value is copied)
 */
HPA_EXTERN(int) hpa_int_or_string_set_str(hpa_int_or_string *v, const char *value, hpa_error *err);

/**
 * Resolve @p v against @p total like upstream
 * `intstr.GetScaledValueFromIntOrPercent`: an integer is returned as is; a
 * string must be a percentage (`"25%"`, the number as Go's `strconv.Atoi`
 * reads it) and gives `ceil(p * total / 100)` when @p round_up, else
 * `floor(...)`, computed exactly.
 * @return HPA_OK; HPA_ETYPE for a string that is not a percentage,
 *         HPA_ESYNTAX for a malformed percentage (`"1.5%"`), HPA_ERANGE when
 *         the number or the result does not fit, HPA_EINVAL for NULL.
 */
HPA_EXTERN(int) hpa_int_or_string_scaled(const hpa_int_or_string *v, int32_t total, bool round_up,
	int32_t *out, hpa_error *err);

HPA_END_DECL

/** @} */
#endif
