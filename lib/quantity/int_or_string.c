/* lib/quantity/int_or_string.c -- hpa_int_or_string and percentage
 * scaling (upstream k8s.io/apimachinery/pkg/util/intstr). */
#include "quantity/quantity_int.h"
#include <limits.h>

struct hpa_int_or_string {
	hpa_ios_kind kind;
	int32_t i;
	char *s; /* HPA_IOS_STRING only */
};

/* ---- value-level helpers ------------------------------------------------------- */

static int64_t div100(int64_t x, bool round_up)
{
	int64_t q = x / 100, r = x % 100;
	if (r != 0 && round_up && x > 0)
		q++;
	else if (r != 0 && !round_up && x < 0)
		q--;
	return q;
}

int hpa__ios_percent_of(int64_t v, int32_t total, bool round_up, int32_t *out)
{
	/* v * total / 100 = a * total + b * total / 100 with v = 100a + b */
	int64_t a = v / 100, b = v % 100, r;
	const int64_t lim = (int64_t)1 << 32;

	*out = 0;
	if (total == 0)
		return 0;
	if (a >= lim || a <= -lim)
		return HPA_ERANGE; /* |result| >= (|a| - 1) * |total| > 2^31 */
	r = a * total + div100(b * total, round_up);
	if (r < INT32_MIN || r > INT32_MAX)
		return HPA_ERANGE;
	*out = (int32_t)r;
	return 0;
}

int hpa__ios_scaled_percent(const char *s, size_t len, int32_t total, bool round_up,
	int32_t *out, hpa_error *err)
{
	size_t i = 0, n;
	bool neg = false;
	uint64_t mag = 0;
	int64_t v;

	*out = 0;
	if (len == 0 || s[len - 1] != '%')
		return hpa__error(err, HPA_ETYPE,
			"invalid value for IntOrString: \"%.*s\" is not a percentage",
			(int)(len > 40 ? 40 : len), s);
	/* strconv.Atoi: [+-]?[0-9]+ within int64 */
	n = len - 1;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == n)
		goto bad;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			goto bad;
		if (mag > ((uint64_t)INT64_MAX + 1) / 10)
			goto range;
		mag = mag * 10 + (uint64_t)(s[i] - '0');
		if (mag > (uint64_t)INT64_MAX + 1)
			goto range;
	}
	if (!neg && mag > (uint64_t)INT64_MAX)
		goto range;
	v = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
	if (hpa__ios_percent_of(v, total, round_up, out) < 0)
		return hpa__error(err, HPA_ERANGE, "%.*s of %ld does not fit an int32",
			(int)(len > 40 ? 40 : len), s, (long)total);
	return 0;
bad:
	return hpa__error(err, HPA_ESYNTAX,
		"invalid value for IntOrString: \"%.*s\" is not an integer percentage",
		(int)(len > 40 ? 40 : len), s);
range:
	return hpa__error(err, HPA_ERANGE, "invalid value for IntOrString: \"%.*s\" is out of range",
		(int)(len > 40 ? 40 : len), s);
}

/* ---- public API -------------------------------------------------------------- */

int hpa_int_or_string_new_int(hpa_int_or_string **out, int32_t value)
{
	hpa_int_or_string *v;
	if (!out)
		return HPA_EINVAL;
	*out = NULL;
	v = hpa__calloc(1, sizeof(*v));
	if (!v)
		return HPA_ENOMEM;
	v->kind = HPA_IOS_INT;
	v->i = value;
	*out = v;
	return 0;
}

int hpa_int_or_string_new_str(hpa_int_or_string **out, const char *value)
{
	hpa_int_or_string *v;
	if (out)
		*out = NULL;
	if (!out || !value)
		return HPA_EINVAL;
	v = hpa__calloc(1, sizeof(*v));
	if (!v)
		return HPA_ENOMEM;
	v->s = hpa__strdup(value);
	if (!v->s) {
		hpa__free(v);
		return HPA_ENOMEM;
	}
	v->kind = HPA_IOS_STRING;
	*out = v;
	return 0;
}

int hpa_int_or_string_dup(hpa_int_or_string **out, const hpa_int_or_string *v, hpa_error *err)
{
	int rc;
	if (out)
		*out = NULL;
	if (!out || !v)
		return hpa__error(err, HPA_EINVAL, "hpa_int_or_string_dup: NULL argument");
	if (v->kind == HPA_IOS_STRING)
		rc = hpa_int_or_string_new_str(out, v->s);
	else
		rc = hpa_int_or_string_new_int(out, v->i);
	return rc == HPA_ENOMEM ? hpa__enomem(err) : rc;
}

void hpa_int_or_string_free(hpa_int_or_string *v)
{
	if (!v)
		return;
	hpa__free(v->s);
	hpa__free(v);
}

hpa_ios_kind hpa_int_or_string_kind(const hpa_int_or_string *v)
{
	return v ? v->kind : (hpa_ios_kind)0;
}

int32_t hpa_int_or_string_int(const hpa_int_or_string *v)
{
	return v && v->kind == HPA_IOS_INT ? v->i : 0;
}

const char *hpa_int_or_string_str(const hpa_int_or_string *v)
{
	return v && v->kind == HPA_IOS_STRING ? v->s : NULL;
}

int hpa_int_or_string_set_int(hpa_int_or_string *v, int32_t value)
{
	if (!v)
		return HPA_EINVAL;
	hpa__free(v->s);
	v->s = NULL;
	v->kind = HPA_IOS_INT;
	v->i = value;
	return 0;
}

int hpa_int_or_string_set_str(hpa_int_or_string *v, const char *value, hpa_error *err)
{
	char *copy;
	if (!v || !value)
		return hpa__error(err, HPA_EINVAL, "hpa_int_or_string_set_str: NULL argument");
	copy = hpa__strdup(value);
	if (!copy)
		return hpa__enomem(err);
	hpa__free(v->s);
	v->s = copy;
	v->kind = HPA_IOS_STRING;
	v->i = 0;
	return 0;
}

int hpa_int_or_string_scaled(const hpa_int_or_string *v, int32_t total, bool round_up,
	int32_t *out, hpa_error *err)
{
	if (!v || !out) {
		if (out)
			*out = 0;
		return hpa__error(err, HPA_EINVAL, "nil value for IntOrString");
	}
	if (v->kind == HPA_IOS_INT) {
		*out = v->i;
		return 0;
	}
	return hpa__ios_scaled_percent(v->s, strlen(v->s), total, round_up, out, err);
}
