/*
 * lib/value/text_int.h -- word-at-a-time helpers for short texts (the intern
 * set's hash and comparison), private to lib/value; a header so that the
 * value suite can test them directly (a wrong comparison only shows on a
 * hash collision, which a test cannot provoke through hpa__v_intern).
 */
#ifndef HPA_LIB_VALUE_TEXT_INT_H
#define HPA_LIB_VALUE_TEXT_INT_H

#include "core/core.h"

static inline uint64_t hpa__load64(const char *p)
{
	uint64_t w;
	memcpy(&w, p, sizeof(w));
	return w;
}

static inline uint32_t hpa__load32(const char *p)
{
	uint32_t w;
	memcpy(&w, p, sizeof(w));
	return w;
}

/* The last 1-7 bytes of a text as one word, with fixed-size loads only
 * (two overlapping ones from 4 bytes on): no byte loop. Not the bytes
 * zero-padded, but a function of them, which is all a hash needs (the
 * length is mixed in separately). */
static inline uint64_t hpa__tail_word(const char *s, size_t n)
{
	if (n >= 4)
		return (uint64_t)hpa__load32(s) | (uint64_t)hpa__load32(s + n - 4) << 32;
	return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
		(uint64_t)(unsigned char)s[n - 1] << 16;
}

/* a[0..n) == b[0..n), short texts with two overlapping loads each */
static inline bool hpa__bytes_eq(const char *a, const char *b, size_t n)
{
	if (n >= 8 && n <= 16)
		return hpa__load64(a) == hpa__load64(b) && hpa__load64(a + n - 8) == hpa__load64(b + n - 8);
	if (n >= 4 && n < 8)
		return hpa__load32(a) == hpa__load32(b) && hpa__load32(a + n - 4) == hpa__load32(b + n - 4);
	if (n < 4)
		return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
	return memcmp(a, b, n) == 0;
}

#endif
