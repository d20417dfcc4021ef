/* lib/kinds/qty.c -- quantities and int-or-string values of the typed
 * accessors, computed by the quantity module (exact, no allocation). */
#include "kinds/kinds_int.h"
#include "quantity/quantity_int.h"
#include "schema/schema.h"
#include <stdio.h>

static int qty_fail(hpa_error *err, int code, const char *path, const hpa__value *v, const char *what)
{
	char d[96];
	hpa__schema_describe(d, sizeof(d), v);
	hpa__error(err, code, "%s, got %s", what, d);
	hpa__error_set_path(err, path);
	hpa__error_set_pos(err, hpa__v_line(v), hpa__v_column(v), hpa__v_offset(v));
	return code;
}

int hpa__kf_qty_milli(const hpa__value *v, const char *path, int64_t *out, hpa_error *err)
{
	hpa__qty q;
	int64_t m;
	/* a quantity is a string or a number (`cpu: 1`, `cpu: 0.5`) */
	if (v->kind != HPA__V_STR && v->kind != HPA__V_INT && v->kind != HPA__V_FLOAT)
		return qty_fail(err, HPA_ETYPE, path, v, "expected a quantity");
	if (hpa__quantity_scan(hpa__v_text(v), hpa__v_textlen(v), &q, NULL) < 0)
		return qty_fail(err, HPA_ETYPE, path, v, "expected a quantity");
	if (hpa__qty_milli(&q, &m) < 0)
		return qty_fail(err, HPA_ERANGE, path, v, "milli-value out of int64 range");
	*out = m;
	return 0;
}

bool hpa__kf_quantity_ok(const char *s)
{
	return s && hpa__quantity_ok(s, strlen(s));
}

int hpa__kf_set_milli(hpa__value *node, const char *path, int64_t milli, hpa_error *err)
{
	hpa__qty q;
	char buf[64];
	hpa__qty_from_milli(&q, milli, HPA_QUANTITY_DECIMAL_SI);
	if (hpa__qty_format(&q, buf, sizeof(buf)) >= sizeof(buf))
		return hpa__error(err, HPA_ERANGE, "quantity too long");
	return hpa__kf_set_str(node, path, buf, err);
}

int hpa__kf_ios_scaled(const hpa__value *node, const char *path, int32_t total, bool round_up,
	int32_t *out, hpa_error *err)
{
	const hpa__value *v;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	v = hpa__kf_get(node, path);
	if (!v || v->kind != HPA__V_STR)
		return hpa__kf_i32(node, path, out, err); /* absent, int or wrong type */
	{
		int32_t r; /* (the getters leave *out unchanged on failure) */
		rc = hpa__ios_scaled_percent(hpa__v_text(v), hpa__v_textlen(v), total, round_up, &r, err);
		if (rc < 0) {
			hpa__error_set_path(err, path);
			hpa__error_set_pos(err, hpa__v_line(v), hpa__v_column(v), hpa__v_offset(v));
			return rc;
		}
		*out = r;
	}
	return rc;
}
