/* lib/core/util.c -- options-struct checks and small string helpers. */
#include "core.h"
#include <hpa/version.h>

int hpa__options_copy(void *dst, const void *src, const size_t *sizes,
	unsigned int current, const char *type, hpa_error *err)
{
	unsigned int v;
	if (!src)
		return HPA_OK;
	memcpy(&v, src, sizeof(v));
	if (v == 0 || v > current)
		return hpa__error(err, HPA_EINVAL, "invalid version %u on %s", v, type);
	memcpy(dst, src, sizes[v - 1]);
	/* the caller's struct may be older: keep our version field current */
	memcpy(dst, &current, sizeof(current));
	return HPA_OK;
}

bool hpa__streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

size_t hpa__utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

const char *hpa_version(int *major, int *minor, int *patch)
{
	if (major)
		*major = HPA_VERSION_MAJOR;
	if (minor)
		*minor = HPA_VERSION_MINOR;
	if (patch)
		*patch = HPA_VERSION_PATCH;
	return HPA_VERSION;
}
