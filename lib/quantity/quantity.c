/* lib/quantity/quantity.c -- the public hpa_quantity (one allocation: the
 * exact value plus the text it borrows its digits from). */
#include "quantity/quantity_int.h"

struct hpa_quantity {
	hpa__qty q;
	size_t len;
	char text[]; /* the parsed text (or the canonical form), NUL-terminated */
};

/* One block holding a copy of text[0..len); q borrows from `text` and is
 * moved to the copy. */
static int make(hpa_quantity **out, const hpa__qty *q, const char *text, size_t len, hpa_error *err)
{
	hpa_quantity *r;
	if (len > SIZE_MAX - sizeof(*r) - 1)
		return hpa__enomem(err);
	r = hpa__malloc(sizeof(*r) + len + 1);
	if (!r)
		return hpa__enomem(err);
	memcpy(r->text, text, len);
	r->text[len] = '\0';
	r->len = len;
	r->q = *q;
	hpa__qty_rebase(&r->q, text, r->text);
	*out = r;
	return 0;
}

int hpa_quantity_parse(hpa_quantity **out, const char *text, hpa_error *err)
{
	hpa__qty q;
	size_t len;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !text)
		return hpa__error(err, HPA_EINVAL, "hpa_quantity_parse: NULL argument");
	len = strlen(text);
	rc = hpa__quantity_scan(text, len, &q, err);
	if (rc < 0)
		return rc;
	return make(out, &q, text, len, err);
}

int hpa_quantity_parse_milli(const char *text, size_t len, int64_t *milli_out, hpa_error *err)
{
	hpa__qty q;
	int rc;

	if (milli_out)
		*milli_out = 0;
	if (!milli_out || !text)
		return hpa__error(err, HPA_EINVAL, "hpa_quantity_parse_milli: NULL argument");
	rc = hpa__quantity_scan(text, len, &q, err);
	if (rc < 0)
		return rc;
	if (hpa__qty_milli(&q, milli_out) < 0) {
		hpa__error(err, HPA_ERANGE, "quantity \"%.*s%s\" is too large for a milli-value",
			(int)(len > 40 ? 40 : len), text, len > 40 ? "..." : "");
		return HPA_ERANGE;
	}
	return 0;
}

int hpa_quantity_from_milli(hpa_quantity **out, int64_t milli, hpa_quantity_fmt format,
	hpa_error *err)
{
	hpa__qty q;
	char text[64];
	size_t len;

	if (out)
		*out = NULL;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_quantity_from_milli: NULL argument");
	if (format != HPA_QUANTITY_DECIMAL_SI && format != HPA_QUANTITY_BINARY_SI &&
	    format != HPA_QUANTITY_DECIMAL_EXPONENT)
		return hpa__error(err, HPA_EINVAL, "unknown quantity format %d", (int)format);
	hpa__qty_from_milli(&q, milli, (int)format);
	len = hpa__qty_format(&q, text, sizeof(text)); /* at most ~25 characters */
	return make(out, &q, text, len, err);
}

int hpa_quantity_dup(hpa_quantity **out, const hpa_quantity *q, hpa_error *err)
{
	if (out)
		*out = NULL;
	if (!out || !q)
		return hpa__error(err, HPA_EINVAL, "hpa_quantity_dup: NULL argument");
	return make(out, &q->q, q->text, q->len, err);
}

void hpa_quantity_free(hpa_quantity *q)
{
	hpa__free(q);
}

const char *hpa_quantity_str(const hpa_quantity *q)
{
	return q ? q->text : "";
}

int hpa_quantity_canonical(const hpa_quantity *q, char **out, hpa_error *err)
{
	hpa__buf b = HPA__BUF_INIT;

	if (out)
		*out = NULL;
	if (!out || !q)
		return hpa__error(err, HPA_EINVAL, "hpa_quantity_canonical: NULL argument");
	if (hpa__qty_canonical(&q->q, &b) < 0) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	*out = hpa__buf_detach(&b, NULL);
	return *out ? 0 : hpa__enomem(err);
}

int hpa_quantity_milli_value(const hpa_quantity *q, int64_t *out)
{
	if (!q || !out) {
		if (out)
			*out = 0;
		return HPA_EINVAL;
	}
	return hpa__qty_milli(&q->q, out);
}

int hpa_quantity_value(const hpa_quantity *q, int64_t *out)
{
	if (!q || !out) {
		if (out)
			*out = 0;
		return HPA_EINVAL;
	}
	return hpa__qty_value(&q->q, out);
}

int hpa_quantity_cmp(const hpa_quantity *a, const hpa_quantity *b)
{
	if (!a || !b)
		return a == b ? 0 : (a ? 1 : -1);
	return hpa__qty_cmp(&a->q, &b->q);
}

int hpa_quantity_sign(const hpa_quantity *q)
{
	return q ? q->q.sign : 0;
}

hpa_quantity_fmt hpa_quantity_format(const hpa_quantity *q)
{
	return q ? (hpa_quantity_fmt)q->q.format : (hpa_quantity_fmt)0;
}
