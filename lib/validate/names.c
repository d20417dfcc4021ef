/* lib/validate/names.c -- the syntax checks of k8s.io/apimachinery
 * (pkg/util/validation, pkg/api/validate/content, pkg/api/validation/path),
 * with their messages. Translated from the Go rules, no regex engine: each
 * regex is a small hand-written scanner. */
#include "validate/validate_int.h"
#include <stdio.h>

void hpa__msgs_add(hpa__msgs *ms, const char *fmt, ...)
{
	va_list ap;
	if (ms->n >= (int)HPA__ARRAY_SIZE(ms->m))
		return;
	va_start(ap, fmt);
	vsnprintf(ms->m[ms->n], sizeof(ms->m[0]), fmt, ap);
	va_end(ap);
	ms->n++;
}

static bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
static bool alnum(char c) { return lower_alnum(c) || (c >= 'A' && c <= 'Z'); }

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? over s[0..n) */
static bool is_label_n(const char *s, size_t n)
{
	size_t i;
	if (n == 0 || !lower_alnum(s[0]) || !lower_alnum(s[n - 1]))
		return false;
	for (i = 0; i < n; i++)
		if (!lower_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool is_subdomain(const char *s)
{
	const char *p = s;
	if (!*s)
		return false;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		if (!is_label_n(p, n))
			return false;
		if (!dot)
			return true;
		p = dot + 1;
	}
}

bool hpa__is_dns1123_label(const char *s) { return is_label_n(s, strlen(s)); }

#define LABEL_FMT "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
#define SUBDOMAIN_FMT LABEL_FMT "(\\." LABEL_FMT ")*"

void hpa__chk_dns1123_label(hpa__msgs *ms, const char *s)
{
	size_t n = strlen(s);
	if (n > 63)
		hpa__msgs_add(ms, "must be no more than 63 characters");
	if (!is_label_n(s, n)) {
		if (is_subdomain(s))
			hpa__msgs_add(ms, "must not contain dots");
		else
			hpa__msgs_add(ms, "a lowercase RFC 1123 label must consist of lower case alphanumeric "
				"characters or '-', and must start and end with an alphanumeric character "
				"(e.g. 'my-name',  or '123-abc', regex used for validation is '" LABEL_FMT "')");
	}
}

void hpa__chk_dns1123_subdomain(hpa__msgs *ms, const char *s)
{
	if (strlen(s) > 253)
		hpa__msgs_add(ms, "must be no more than 253 characters");
	if (!is_subdomain(s))
		hpa__msgs_add(ms, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
			"characters, '-' or '.', and must start and end with an alphanumeric character "
			"(e.g. 'example.com', regex used for validation is '" SUBDOMAIN_FMT "')");
}

void hpa__chk_dns1035_label(hpa__msgs *ms, const char *s)
{
	size_t n = strlen(s);
	if (n > 63)
		hpa__msgs_add(ms, "must be no more than 63 characters");
	if (!is_label_n(s, n) || !(s[0] >= 'a' && s[0] <= 'z'))
		hpa__msgs_add(ms, "a DNS-1035 label must consist of lower case alphanumeric characters or "
			"'-', start with an alphabetic character, and end with an alphanumeric character "
			"(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
}

/* content.isQualifiedNameName with a message prefix */
static void qname_name(hpa__msgs *ms, const char *prefix, const char *s, size_t n)
{
	size_t i;
	if (n == 0) {
		hpa__msgs_add(ms, "%smust be non-empty", prefix);
		return;
	}
	if (n > 63) {
		hpa__msgs_add(ms, "%smust be no more than 63 characters", prefix);
		return;
	}
	if (!alnum(s[0]) || !alnum(s[n - 1]))
		hpa__msgs_add(ms, "%smust start and end with alphanumeric characters", prefix);
	/* the interior is checked only when there are more than two characters (runes) */
	{
		size_t runes = 0, first_end = 0, last_start = 0;
		for (i = 0; i < n; i++) {
			if (((unsigned char)s[i] & 0xC0) != 0x80) {
				if (runes == 1)
					first_end = i;
				last_start = i;
				runes++;
			}
		}
		if (runes > 2) {
			for (i = first_end; i < last_start; i++) {
				char c = s[i];
				if (!alnum(c) && c != '-' && c != '_' && c != '.') {
					hpa__msgs_add(ms, "%smust contain only alphanumeric characters, '-', '_', or '.'", prefix);
					break;
				}
			}
		}
	}
}

void hpa__chk_qualified_name(hpa__msgs *ms, const char *s)
{
	const char *slash = strchr(s, '/');
	if (slash && strchr(slash + 1, '/')) {
		hpa__msgs_add(ms, "must consist of a name which starts and ends with alphanumeric characters "
			"and consist of alphanumeric characters, '-', '_' or '.', and an optional DNS subdomain "
			"prefix and '/' (e.g. \"my.name\", \"MyName\", \"example.com/my-name\")");
		return;
	}
	if (slash) {
		size_t plen = (size_t)(slash - s);
		if (plen == 0) {
			hpa__msgs_add(ms, "prefix part: must be non-empty");
		} else {
			char prefix[300];
			hpa__msgs sub;
			int i;
			if (plen >= sizeof(prefix))
				plen = sizeof(prefix) - 1;
			memcpy(prefix, s, plen);
			prefix[plen] = '\0';
			sub.n = 0;
			hpa__chk_dns1123_subdomain(&sub, prefix);
			for (i = 0; i < sub.n; i++)
				hpa__msgs_add(ms, "prefix part: %s", sub.m[i]);
		}
		qname_name(ms, "name part: ", slash + 1, strlen(slash + 1));
		return;
	}
	qname_name(ms, "name part: ", s, strlen(s));
}

void hpa__chk_label_value(hpa__msgs *ms, const char *s)
{
	size_t n = strlen(s);
	if (n > 0)
		qname_name(ms, "", s, n);
}

void hpa__chk_port_name(hpa__msgs *ms, const char *s)
{
	size_t n = strlen(s), i;
	bool charset = n > 0, letter = false;
	if (n > 15)
		hpa__msgs_add(ms, "must be no more than 15 characters");
	for (i = 0; i < n; i++) {
		if (!lower_alnum(s[i]) && s[i] != '-')
			charset = false;
		if (s[i] >= 'a' && s[i] <= 'z')
			letter = true;
	}
	if (!charset)
		hpa__msgs_add(ms, "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
	if (!letter)
		hpa__msgs_add(ms, "must contain at least one letter (a-z)");
	if (strstr(s, "--"))
		hpa__msgs_add(ms, "must not contain consecutive hyphens");
	if (n > 0 && (s[0] == '-' || s[n - 1] == '-'))
		hpa__msgs_add(ms, "must not begin or end with a hyphen");
}

void hpa__chk_path_segment(hpa__msgs *ms, const char *s)
{
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		hpa__msgs_add(ms, "may not be '%s'", s);
		return;
	}
	if (strchr(s, '/'))
		hpa__msgs_add(ms, "may not contain '/'");
	if (strchr(s, '%'))
		hpa__msgs_add(ms, "may not contain '%%'");
}

bool hpa__is_percent(const char *s)
{
	size_t n = strlen(s), i;
	if (n < 2 || s[n - 1] != '%')
		return false;
	for (i = 0; i + 1 < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}
