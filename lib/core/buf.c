/* lib/core/buf.c -- growable NUL-terminated byte buffer. */
#include "core.h"
#include <stdio.h>

int hpa__buf_grow(hpa__buf *b, size_t extra)
{
	size_t need;
	if (b->failed)
		return HPA_ENOMEM;
	if (b->len > SIZE_MAX - extra - 1) {
		b->failed = 1;
		return HPA_ENOMEM;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	if (hpa__grow((void **)&b->ptr, &b->cap, need < 64 ? 64 : need, 1) < 0) {
		b->failed = 1;
		return HPA_ENOMEM;
	}
	return 0;
}

int hpa__buf_put(hpa__buf *b, const char *data, size_t len)
{
	if (hpa__buf_grow(b, len) < 0)
		return HPA_ENOMEM;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int hpa__buf_puts(hpa__buf *b, const char *s)
{
	return hpa__buf_put(b, s, strlen(s));
}

int hpa__buf_putc(hpa__buf *b, char c)
{
	if (hpa__buf_grow(b, 1) < 0)
		return HPA_ENOMEM;
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
	return 0;
}

int hpa__buf_printf(hpa__buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;
	char small[256];

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return HPA_ERROR;
	}
	if ((size_t)n < sizeof(small))
		return hpa__buf_put(b, small, (size_t)n);
	if (hpa__buf_grow(b, (size_t)n) < 0)
		return HPA_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

char *hpa__buf_detach(hpa__buf *b, size_t *len_out)
{
	char *p;
	if (b->failed) {
		hpa__buf_dispose(b);
		return NULL;
	}
	if (!b->ptr && hpa__buf_grow(b, 0) < 0)
		return NULL;
	p = b->ptr;
	if (len_out)
		*len_out = b->len;
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void hpa__buf_dispose(hpa__buf *b)
{
	hpa__free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}

void hpa__buf_clear(hpa__buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}
