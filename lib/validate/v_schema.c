/* lib/validate/v_schema.c -- rule VAL002: the strict schema check of the
 * typed kinds (what `kubectl apply` does by default with
 * --validate=strict), collecting every problem: unknown fields, values of
 * the wrong type, required fields that are absent. The walk follows the
 * generated schema tables (lib/schema/schema.h). */
#include "validate/validate_int.h"
#include "schema/schema.h"
#include <stdio.h>

static const char *openapi_type(const hpa__stype *t)
{
	switch (t->kind) {
	case HPA__T_INT32:
	case HPA__T_INT64: return "integer";
	case HPA__T_BOOL: return "boolean";
	case HPA__T_OBJECT:
	case HPA__T_MAP: return "object";
	case HPA__T_LIST: return "array";
	case HPA__T_INTSTR: return "integer or string";
	case HPA__T_QUANTITY: return "quantity (string or number)";
	default: return "string";
	}
}

static const char *value_type(const hpa__value *v)
{
	switch (v->kind) {
	case HPA__V_BOOL: return "boolean";
	case HPA__V_INT: return "integer";
	case HPA__V_FLOAT: return "number";
	case HPA__V_STR: return "string";
	case HPA__V_MAP: return "object";
	case HPA__V_SEQ: return "array";
	default: return "null";
	}
}

static void type_error(hpa__vctx *c, const hpa__stype *t, const hpa__value *v, const char *extra)
{
	char msg[1024];
	const char *p = c->up.len ? c->up.ptr : "<root>";
	snprintf(msg, sizeof(msg), "%s: Invalid value: \"%s\": %s in body must be of type %s: \"%s\"%s",
		p, value_type(v), p, openapi_type(t), value_type(v), extra ? extra : "");
	hpa__fe_schema(c, HPA_ETYPE, v, msg);
}

static void walk(hpa__vctx *c, const hpa__stype *t, const hpa__value *v);

static void walk_object(hpa__vctx *c, const hpa__sobject *o, const hpa__value *v)
{
	size_t i;
	for (i = 0; i < hpa__v_count(v); i++) {
		const hpa__pair *p = hpa__map_pair(v, i);
		const hpa__sfield *fd = hpa__schema_field(o, hpa__v_text(hpa__pair_key(p)), hpa__v_textlen(hpa__pair_key(p)));
		hpa__vmark m = hpa__vp_mark(c);
		hpa__path_push_key(&c->lp, hpa__v_text(hpa__pair_key(p)), hpa__v_textlen(hpa__pair_key(p)));
		if (c->up.len)
			hpa__buf_putc(&c->up, '.');
		hpa__buf_put(&c->up, hpa__v_text(hpa__pair_key(p)), hpa__v_textlen(hpa__pair_key(p)));
		if (!fd) {
			char msg[700];
			snprintf(msg, sizeof(msg), "strict decoding error: unknown field \"%.600s\"", c->up.ptr ? c->up.ptr : "");
			hpa__fe_schema(c, HPA_EUNKNOWNFIELD, hpa__pair_key(p), msg);
		} else {
			walk(c, fd->type, hpa__pair_val(p));
		}
		hpa__vp_reset(c, m);
	}
	for (i = 0; i < o->n_fields; i++) {
		const hpa__sfield *fd = &o->fields[i];
		const hpa__value *x;
		hpa__vmark m;
		if (!fd->required)
			continue;
		x = hpa__map_getn(v, fd->name, fd->len);
		if (x && x->kind != HPA__V_NULL)
			continue;
		m = hpa__vp_mark(c);
		hpa__path_push_key(&c->lp, fd->name, fd->len);
		if (c->up.len)
			hpa__buf_putc(&c->up, '.');
		hpa__buf_put(&c->up, fd->name, fd->len);
		/* semantic validation may already have said it in the API server's words */
		if (hpa__buf_oom(&c->lp) || hpa__buf_oom(&c->up))
			c->rc = HPA_ENOMEM;
		else if (!hpa__diags_has_path(c->d, c->obj, c->lp.ptr ? c->lp.ptr : "")) {
			char msg[700];
			snprintf(msg, sizeof(msg), "%.600s: Required value", c->up.ptr ? c->up.ptr : "");
			hpa__fe_schema(c, HPA_EMISSING, x ? x : v, msg);
		}
		hpa__vp_reset(c, m);
	}
}

static void walk(hpa__vctx *c, const hpa__stype *t, const hpa__value *v)
{
	size_t i;
	if (!v || v->kind == HPA__V_NULL || !t)
		return;
	switch (t->kind) {
	case HPA__T_ANY:
		return;
	case HPA__T_STRING:
	case HPA__T_ENUM:
	case HPA__T_DURATION:
		if (v->kind != HPA__V_STR)
			type_error(c, t, v, v->kind == HPA__V_BOOL ? " (YAML reads unquoted yes/no/on/off/true/false as "
				"booleans: quote it)" : NULL);
		return;
	case HPA__T_TIME:
		if (v->kind != HPA__V_STR || !hpa__schema_is_rfc3339(hpa__v_text(v), hpa__v_textlen(v)))
			type_error(c, t, v, " (an RFC 3339 date-time)");
		return;
	case HPA__T_INT32:
	case HPA__T_INT64:
	case HPA__T_INTSTR: {
		int64_t lo = t->kind == HPA__T_INT64 ? INT64_MIN : INT32_MIN;
		int64_t hi = t->kind == HPA__T_INT64 ? INT64_MAX : INT32_MAX;
		if (t->kind == HPA__T_INTSTR && v->kind == HPA__V_STR)
			return;
		if (v->kind != HPA__V_INT)
			type_error(c, t, v, v->kind == HPA__V_FLOAT ? " (not an integer)" : NULL);
		else if (hpa__v_int_range(v, lo, hi, NULL) < 0) {
			char msg[700];
			snprintf(msg, sizeof(msg), "%.500s: Invalid value: %.60s: must fit in %s", c->up.ptr ? c->up.ptr : "",
				hpa__v_text(v), t->kind == HPA__T_INT64 ? "int64" : "int32");
			hpa__fe_schema(c, HPA_ERANGE, v, msg);
		}
		return;
	}
	case HPA__T_BOOL:
		if (v->kind != HPA__V_BOOL)
			type_error(c, t, v, NULL);
		return;
	case HPA__T_QUANTITY:
		if (v->kind != HPA__V_STR && v->kind != HPA__V_INT && v->kind != HPA__V_FLOAT)
			type_error(c, t, v, NULL);
		else if (!hpa__schema_quantity_ok(hpa__v_text(v), hpa__v_textlen(v))) {
			char msg[700];
			snprintf(msg, sizeof(msg), "%.500s: Invalid value: \"%.60s\": quantities must match the regular "
				"expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", c->up.ptr ? c->up.ptr : "", hpa__v_text(v));
			hpa__fe_schema(c, HPA_ETYPE, v, msg);
		}
		return;
	case HPA__T_OBJECT:
		if (v->kind != HPA__V_MAP)
			type_error(c, t, v, NULL);
		else
			walk_object(c, t->obj, v);
		return;
	case HPA__T_MAP:
		if (v->kind != HPA__V_MAP) {
			type_error(c, t, v, NULL);
			return;
		}
		for (i = 0; i < hpa__v_count(v); i++) {
			hpa__vmark m = hpa__vp_mapkey(c, hpa__v_text(hpa__map_key(v, i)), hpa__v_textlen(hpa__map_key(v, i)));
			walk(c, t->elem, hpa__map_val(v, i));
			hpa__vp_reset(c, m);
		}
		return;
	case HPA__T_LIST:
		if (v->kind != HPA__V_SEQ) {
			type_error(c, t, v, NULL);
			return;
		}
		for (i = 0; i < hpa__v_count(v); i++) {
			hpa__vmark m = hpa__vp_index(c, i);
			walk(c, t->elem, hpa__seq_at(v, i));
			hpa__vp_reset(c, m);
		}
		return;
	default:
		return;
	}
}

void hpa__val_schema(hpa__vctx *c)
{
	const hpa__stype *root = hpa__schema_root(c->obj->kind);
	if (!root || !c->obj->root)
		return;
	walk(c, root, c->obj->root);
}
