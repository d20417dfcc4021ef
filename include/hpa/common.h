/**
 * @file hpa/common.h
 * @brief Export macros and declaration helpers shared by every libhpa header.
 * @defgroup common Common macros
 * @{
 */
#ifndef HPA_COMMON_H
#define HPA_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>

/** @def HPA_BEGIN_DECL
 * Opens `extern "C"` in C++. */
/** @def HPA_END_DECL
 * Closes what ::HPA_BEGIN_DECL opened. */
#ifdef __cplusplus
# define HPA_BEGIN_DECL extern "C" {
# define HPA_END_DECL }
#else
# define HPA_BEGIN_DECL
# define HPA_END_DECL
#endif

/** Declare a public function returning @p type. */
#if defined(HPA_STATIC)
# define HPA_EXTERN(type) extern type
#elif defined(_WIN32)
# if defined(HPA_BUILDING)
#  define HPA_EXTERN(type) extern __declspec(dllexport) type
# else
#  define HPA_EXTERN(type) extern __declspec(dllimport) type
# endif
#elif defined(__GNUC__)
# define HPA_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
# define HPA_EXTERN(type) extern type
#endif

/** @def HPA_DEPRECATED
 * Marks a declaration as deprecated. */
#if defined(__GNUC__)
# define HPA_DEPRECATED __attribute__((deprecated))
#else
# define HPA_DEPRECATED
#endif

HPA_BEGIN_DECL

/**
 * Free memory the library returned as a plain buffer (strings, written
 * documents). NULL is allowed. Never use free() on such memory.
 * @ownership takes
 */
HPA_EXTERN(void) hpa_free(void *ptr);

/**
 * Read callback for streaming input. Fill at most @p size bytes of @p buf
 * and store the count in @p read_out; 0 bytes means end of input.
 * @return 0 on success, any negative value on error (reported as HPA_EIO).
 */
typedef int (*hpa_read_cb)(void *buf, size_t size, size_t *read_out, void *payload);

/**
 * Write callback for streaming output.
 * @return 0 on success, any negative value on error (reported as HPA_EIO).
 */
typedef int (*hpa_write_cb)(const void *buf, size_t size, void *payload);

HPA_END_DECL

/** @} */
#endif
