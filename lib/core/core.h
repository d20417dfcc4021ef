/*
 * lib/core/core.h -- private core services shared by every module:
 * allocation (with the test-only failure hook), error recording, growable
 * string buffers, arenas and options-struct checks. Never installed.
 */
#ifndef HPA_LIB_CORE_H
#define HPA_LIB_CORE_H

#include <hpa/common.h>
#include <hpa/errors.h>
#include <stdarg.h>
#include <string.h>

#if defined(__GNUC__)
# define HPA__PRINTF(f, a) __attribute__((format(printf, f, a)))
# define HPA__UNUSED __attribute__((unused))
#else
# define HPA__PRINTF(f, a)
# define HPA__UNUSED
#endif

#define HPA__ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- allocation ------------------------------------------------------ */

/* Every allocation of libhpa goes through these (never malloc directly), so
 * the test build can fail the N-th one. They never print or abort. */
void *hpa__malloc(size_t size);
void *hpa__calloc(size_t n, size_t size);
void *hpa__realloc(void *ptr, size_t size);
char *hpa__strdup(const char *s);
char *hpa__strndup(const char *s, size_t n);
#define hpa__free(p) hpa_free(p)

/* Grow an array of elements of size `elem` so that it holds at least
 * `need` items. Returns 0 or HPA_ENOMEM (array untouched on failure). */
int hpa__grow(void **items, size_t *cap, size_t need, size_t elem);

#ifdef HPA_TESTING
/* Test builds only: fail the n-th allocation from now on (1 = the next
 * one); 0 disables. hpa__test_alloc_count() tells how many allocations
 * happened since the last call to hpa__test_fail_alloc_at(). */
void hpa__test_fail_alloc_at(unsigned long n);
unsigned long hpa__test_alloc_count(void);
bool hpa__test_alloc_failed(void);
#endif

/* ---- errors ------------------------------------------------------------ */

/* Record an error: sets code and message (printf-style), leaves position,
 * path and source as they are. Returns `code` so callers can
 * `return hpa__error(err, HPA_EINVAL, "...")`. `err` may be NULL. */
int hpa__error(hpa_error *err, int code, const char *fmt, ...) HPA__PRINTF(3, 4);
int hpa__verror(hpa_error *err, int code, const char *fmt, va_list ap);
/* Reset err to an empty record (keeps version). */
void hpa__error_clear(hpa_error *err);
void hpa__error_set_pos(hpa_error *err, size_t line, size_t column, size_t offset);
void hpa__error_set_path(hpa_error *err, const char *path);
void hpa__error_set_source(hpa_error *err, const char *source);
void hpa__error_set_document(hpa_error *err, size_t document);
/* Out-of-memory shortcut. */
int hpa__enomem(hpa_error *err);

/* ---- string buffer --------------------------------------------------- */

typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
	int failed; /* sticky: an allocation failed, contents incomplete */
} hpa__buf;

#define HPA__BUF_INIT { NULL, 0, 0, 0 }

int hpa__buf_grow(hpa__buf *b, size_t extra);
int hpa__buf_put(hpa__buf *b, const char *data, size_t len);
int hpa__buf_puts(hpa__buf *b, const char *s);
int hpa__buf_putc(hpa__buf *b, char c);
int hpa__buf_printf(hpa__buf *b, const char *fmt, ...) HPA__PRINTF(2, 3);
/* Hand the NUL-terminated contents to the caller (free with hpa_free). */
char *hpa__buf_detach(hpa__buf *b, size_t *len_out);
void hpa__buf_dispose(hpa__buf *b);
void hpa__buf_clear(hpa__buf *b);
/* 0 unless an allocation failed. */
#define hpa__buf_oom(b) ((b)->failed)

/* ---- arena -------------------------------------------------------------- */

/* Bump allocator: many small allocations, freed all at once. */
typedef struct hpa__arena_block hpa__arena_block;
typedef struct hpa__intern hpa__intern;
typedef struct {
	hpa__arena_block *head;
	size_t block_size;
	size_t total;         /* bytes obtained from the system */
	hpa__intern *intern;  /* lib/value's set of interned texts */
	void *intern_heap;    /* that set when hpa__malloc'd (freed by dispose), else NULL */
	void *links;          /* lib/value's moved-block links, hpa__malloc'd (freed by dispose) */
} hpa__arena;

void hpa__arena_init(hpa__arena *a, size_t block_size);
void *hpa__arena_alloc(hpa__arena *a, size_t size); /* 8-byte aligned, not zeroed */
void *hpa__arena_calloc(hpa__arena *a, size_t size);
/* An allocation that is only 4-byte aligned (size rounded up to 4), with
 * the distance `back` from the start of the arena's own block's data to
 * it, so that hpa__arena_of(p, back) finds the arena from the allocation
 * alone (lib/value stores 18 bits instead of a pointer). `back` is below
 * the arena's block size (it grows to HPA__ARENA_BLOCK_MAX; lib/value
 * fails cleanly beyond that), 0 for a big allocation (a block of its own). */
#define HPA__ARENA_BLOCK_MAX (1u << 20)
void *hpa__arena_alloc_back(hpa__arena *a, size_t size, uint32_t *back);
hpa__arena *hpa__arena_of(const void *p, uint32_t back);
char *hpa__arena_strndup(hpa__arena *a, const char *s, size_t n);
void hpa__arena_dispose(hpa__arena *a);

/* ---- options structs --------------------------------------------------- */

/* Copy a caller's versioned options struct into `dst` (already holding the
 * defaults of the current version). `sizes[v-1]` is the size of version v,
 * `current` the highest known version. NULL src keeps the defaults.
 * Version 0 or newer than `current` gives HPA_EINVAL naming `type`. */
int hpa__options_copy(void *dst, const void *src, const size_t *sizes,
	unsigned int current, const char *type, hpa_error *err);

/* ---- time (time.c) ------------------------------------------------------ */

/* RFC 3339 text (as Go's time.Parse(time.RFC3339) accepts it) to Unix ms;
 * milliseconds beyond 3 fraction digits are truncated. HPA_OK or
 * HPA_ESYNTAX (nothing is written then). */
int hpa__time_parse_rfc3339(const char *s, int64_t *ms_out);
/* Unix ms as RFC 3339 UTC ("...Z", with .mmm only when not whole seconds). */
void hpa__time_format_rfc3339(char buf[40], int64_t ms);
/* The instants hpa__time_parse_rfc3339() reads back from the text
 * hpa__time_format_rfc3339() writes: the years 0000 to 9999 (the format
 * has four year digits; outside them it writes more, or a sign). */
#define HPA__RFC3339_MIN_MS INT64_C(-62167219200000)  /* 0000-01-01T00:00:00Z */
#define HPA__RFC3339_MAX_MS INT64_C(253402300799999)  /* 9999-12-31T23:59:59.999Z */

/* ---- small helpers ------------------------------------------------------ */

/* Locale-independent helpers (never strtod/%g). */
bool hpa__streq(const char *a, const char *b);
size_t hpa__strlcpy(char *dst, const char *src, size_t size);
/* Number of UTF-8 characters in s[0..n). */
size_t hpa__utf8_chars(const char *s, size_t n);
/* Whether s[0..n) is well-formed UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF), as the writers require (lib/codec/resolve.c). */
bool hpa__utf8_valid(const char *s, size_t n);

#endif
