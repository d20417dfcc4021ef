/* lib/core/alloc.c -- the single allocation path of libhpa. */
#include "core.h"
#include <stdlib.h>

#ifdef HPA_TESTING
/* Test-only failure injection. Process-wide by design: compiled only into
 * the test build, never into the installed library. */
static unsigned long fail_at, alloc_count;
static bool failed;

void hpa__test_fail_alloc_at(unsigned long n)
{
	fail_at = n;
	alloc_count = 0;
	failed = false;
}

unsigned long hpa__test_alloc_count(void) { return alloc_count; }
bool hpa__test_alloc_failed(void) { return failed; }

static bool should_fail(void)
{
	alloc_count++;
	if (fail_at != 0 && alloc_count == fail_at) {
		failed = true;
		return true;
	}
	return false;
}
#else
# define should_fail() false
#endif

void *hpa__malloc(size_t size)
{
	if (should_fail())
		return NULL;
	return malloc(size ? size : 1);
}

void *hpa__calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *hpa__realloc(void *ptr, size_t size)
{
	if (should_fail())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

char *hpa__strndup(const char *s, size_t n)
{
	char *p = hpa__malloc(n + 1);
	if (!p)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *hpa__strdup(const char *s)
{
	return s ? hpa__strndup(s, strlen(s)) : NULL;
}

int hpa__grow(void **items, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 4;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return HPA_ENOMEM;
		ncap *= 2;
	}
	if (elem && ncap > SIZE_MAX / elem)
		return HPA_ENOMEM;
	p = hpa__realloc(*items, ncap * elem);
	if (!p)
		return HPA_ENOMEM;
	*items = p;
	*cap = ncap;
	return 0;
}

void hpa_free(void *ptr)
{
	free(ptr);
}
