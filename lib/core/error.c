/* lib/core/error.c -- return codes and the hpa_error record. */
#include "core.h"
#include <stdio.h>

static const struct {
	int code;
	const char *name;
	const char *text;
} codes[] = {
	{ HPA_OK, "HPA_OK", "success" },
	{ HPA_ERROR, "HPA_ERROR", "error" },
	{ HPA_ENOMEM, "HPA_ENOMEM", "out of memory" },
	{ HPA_EINVAL, "HPA_EINVAL", "invalid argument" },
	{ HPA_ESYNTAX, "HPA_ESYNTAX", "syntax error" },
	{ HPA_ETYPE, "HPA_ETYPE", "wrong value type" },
	{ HPA_ERANGE, "HPA_ERANGE", "value out of range" },
	{ HPA_EMISSING, "HPA_EMISSING", "required field missing" },
	{ HPA_EUNKNOWNFIELD, "HPA_EUNKNOWNFIELD", "unknown field" },
	{ HPA_EUNSUPPORTED, "HPA_EUNSUPPORTED", "unsupported" },
	{ HPA_EVALIDATION, "HPA_EVALIDATION", "validation failed" },
	{ HPA_ELIMIT, "HPA_ELIMIT", "limit exceeded" },
	{ HPA_EIO, "HPA_EIO", "input/output error" },
	{ HPA_ENOTFOUND, "HPA_ENOTFOUND", "not found" },
	{ HPA_ITEROVER, "HPA_ITEROVER", "iteration over" },
	{ HPA_EDUPLICATE, "HPA_EDUPLICATE", "duplicate" },
	{ HPA_EUSAGE, "HPA_EUSAGE", "usage error" },
};

const char *hpa_strerror(int code)
{
	size_t i;
	for (i = 0; i < HPA__ARRAY_SIZE(codes); i++)
		if (codes[i].code == code)
			return codes[i].text;
	return "unknown error code";
}

const char *hpa_error_code_name(int code)
{
	size_t i;
	for (i = 0; i < HPA__ARRAY_SIZE(codes); i++)
		if (codes[i].code == code)
			return codes[i].name;
	return "HPA_UNKNOWN";
}

int hpa_error_init(hpa_error *err, unsigned int version)
{
	if (!err || version == 0 || version > HPA_ERROR_VERSION)
		return HPA_EINVAL;
	memset(err, 0, sizeof(*err));
	err->version = version;
	err->offset = SIZE_MAX;
	return HPA_OK;
}

void hpa__error_clear(hpa_error *err)
{
	if (!err)
		return;
	unsigned int v = err->version ? err->version : HPA_ERROR_VERSION;
	memset(err, 0, sizeof(*err));
	err->version = v;
	err->offset = SIZE_MAX;
}

size_t hpa__strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);
	if (size) {
		size_t c = n < size - 1 ? n : size - 1;
		/* do not cut a UTF-8 sequence in half */
		while (c > 0 && c < n && ((unsigned char)src[c] & 0xC0) == 0x80)
			c--;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

int hpa__verror(hpa_error *err, int code, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	/* a failure describes itself only: what an earlier failure left in a
	 * reused hpa_error (its position, path, source, document) goes; the
	 * callers that know them set them after this call */
	err->line = err->column = 0;
	err->offset = SIZE_MAX;
	err->document = 0;
	err->path[0] = err->source[0] = '\0';
	err->code = code;
	if (fmt) {
		char tmp[HPA_ERROR_MESSAGE_MAX * 2];
		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		/* one line: newlines become spaces */
		for (char *p = tmp; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = ' ';
		hpa__strlcpy(err->message, tmp, sizeof(err->message));
	} else {
		hpa__strlcpy(err->message, hpa_strerror(code), sizeof(err->message));
	}
	return code;
}

int hpa__error(hpa_error *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hpa__verror(err, code, fmt, ap);
	va_end(ap);
	return code;
}

int hpa__enomem(hpa_error *err)
{
	return hpa__error(err, HPA_ENOMEM, "out of memory");
}

void hpa__error_set_pos(hpa_error *err, size_t line, size_t column, size_t offset)
{
	if (!err)
		return;
	err->line = line;
	err->column = column;
	err->offset = offset;
}

void hpa__error_set_path(hpa_error *err, const char *path)
{
	if (err)
		hpa__strlcpy(err->path, path ? path : "", sizeof(err->path));
}

void hpa__error_set_source(hpa_error *err, const char *source)
{
	if (err)
		hpa__strlcpy(err->source, source ? source : "", sizeof(err->source));
}

void hpa__error_set_document(hpa_error *err, size_t document)
{
	if (err)
		err->document = document;
}

size_t hpa_error_format(const hpa_error *err, char *buf, size_t size)
{
	hpa__buf b = HPA__BUF_INIT;
	size_t n;

	if (!err) {
		if (buf && size)
			buf[0] = '\0';
		return 0;
	}
	if (err->source[0]) {
		hpa__buf_puts(&b, err->source);
		if (err->line) {
			hpa__buf_printf(&b, ":%zu", err->line);
			if (err->column)
				hpa__buf_printf(&b, ":%zu", err->column);
		}
		hpa__buf_puts(&b, ": ");
	} else if (err->line) {
		hpa__buf_printf(&b, "%zu", err->line);
		if (err->column)
			hpa__buf_printf(&b, ":%zu", err->column);
		hpa__buf_puts(&b, ": ");
	}
	if (err->path[0]) {
		hpa__buf_puts(&b, err->path);
		hpa__buf_puts(&b, ": ");
	}
	hpa__buf_puts(&b, err->message[0] ? err->message : hpa_strerror(err->code));
	if (err->document > 0)
		hpa__buf_printf(&b, " (document %zu)", err->document + 1);
	if (hpa__buf_oom(&b)) {
		/* fall back to the bare message, no allocation */
		const char *m = err->message[0] ? err->message : hpa_strerror(err->code);
		n = strlen(m);
		if (buf && size)
			hpa__strlcpy(buf, m, size);
		hpa__buf_dispose(&b);
		return n;
	}
	n = b.len;
	if (buf && size)
		hpa__strlcpy(buf, b.ptr ? b.ptr : "", size);
	hpa__buf_dispose(&b);
	return n;
}
