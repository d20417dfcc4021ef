/* lib/validate/diag.c -- the diagnostics list, the validation context and
 * field.Error-style messages. */
#include "validate/validate_int.h"
#include <stdio.h>
#include <stdlib.h>

const char *hpa_severity_name(int severity)
{
	switch (severity) {
	case HPA_SEVERITY_INFO: return "info";
	case HPA_SEVERITY_WARNING: return "warning";
	case HPA_SEVERITY_ERROR: return "error";
	default: return "unknown";
	}
}

/* ---- the list ------------------------------------------------------------------ */

int hpa__diags_new(hpa_diagnostics **out)
{
	hpa_diagnostics *d = hpa__calloc(1, sizeof(*d));
	*out = NULL;
	if (!d)
		return HPA_ENOMEM;
	hpa__arena_init(&d->arena, 8192);
	*out = d;
	return 0;
}

void hpa_diagnostics_free(hpa_diagnostics *d)
{
	if (!d)
		return;
	hpa__arena_dispose(&d->arena);
	hpa__free(d->items);
	hpa__free(d);
}

static const char *adup(hpa_diagnostics *d, const char *s, bool *oom)
{
	char *r;
	if (!s)
		s = "";
	r = hpa__arena_strndup(&d->arena, s, strlen(s));
	if (!r)
		*oom = true;
	return r ? r : "";
}

int hpa__diags_add(hpa_diagnostics *d, const char *rule, int severity, int code,
	const hpa_object *obj, const char *path, const hpa__value *pos,
	const char *message, const char *hint)
{
	struct hpa_diagnostic *it;
	bool oom = false;
	if (hpa__grow((void **)&d->items, &d->cap, d->len + 1, sizeof(*d->items)) < 0)
		return HPA_ENOMEM;
	it = &d->items[d->len];
	memset(it, 0, sizeof(*it));
	it->rule = rule;
	it->severity = severity;
	it->code = code;
	it->message = adup(d, message, &oom);
	it->hint = adup(d, hint, &oom);
	it->path = adup(d, path, &oom);
	it->kind = adup(d, obj ? hpa_object_kind_name(obj) : "", &oom);
	it->ns = adup(d, obj ? hpa_object_namespace(obj) : "", &oom);
	it->name = adup(d, obj ? hpa_object_name(obj) : "", &oom);
	it->source = adup(d, obj && obj->source ? obj->source : "", &oom);
	it->document = obj ? obj->document : 0;
	if (pos && hpa__v_line(pos)) {
		it->line = hpa__v_line(pos);
		it->column = hpa__v_column(pos);
	} else if (obj && obj->root) {
		it->line = hpa__v_line(obj->root);
		it->column = hpa__v_column(obj->root);
	}
	it->obj = obj;
	it->seq = d->len;
	if (oom)
		return HPA_ENOMEM;
	d->len++;
	return 0;
}

bool hpa__diags_has_path(const hpa_diagnostics *d, const hpa_object *obj, const char *path)
{
	size_t i;
	for (i = 0; i < d->len; i++)
		if (d->items[i].obj == obj && strcmp(d->items[i].path, path) == 0)
			return true;
	return false;
}

static int cmp_items(const void *pa, const void *pb)
{
	const struct hpa_diagnostic *a = pa, *b = pb;
	int c = strcmp(a->source, b->source);
	if (c)
		return c;
	if (a->document != b->document)
		return a->document < b->document ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void hpa__diags_sort(hpa_diagnostics *d)
{
	size_t i;
	if (d->len > 1)
		qsort(d->items, d->len, sizeof(*d->items), cmp_items);
	for (i = 0; i < d->len; i++)
		d->items[i].obj = NULL; /* objects may go away after the call */
}

size_t hpa_diagnostics_count(const hpa_diagnostics *d) { return d ? d->len : 0; }

size_t hpa_diagnostics_count_severity(const hpa_diagnostics *d, int severity)
{
	size_t i, n = 0;
	if (!d)
		return 0;
	for (i = 0; i < d->len; i++)
		if (d->items[i].severity >= severity)
			n++;
	return n;
}

const hpa_diagnostic *hpa_diagnostics_at(const hpa_diagnostics *d, size_t index)
{
	return d && index < d->len ? &d->items[index] : NULL;
}

const char *hpa_diagnostic_rule(const hpa_diagnostic *d) { return d ? d->rule : ""; }
int hpa_diagnostic_severity(const hpa_diagnostic *d) { return d ? d->severity : 0; }
const char *hpa_diagnostic_message(const hpa_diagnostic *d) { return d ? d->message : ""; }
const char *hpa_diagnostic_hint(const hpa_diagnostic *d) { return d ? d->hint : ""; }
const char *hpa_diagnostic_kind(const hpa_diagnostic *d) { return d ? d->kind : ""; }
const char *hpa_diagnostic_namespace(const hpa_diagnostic *d) { return d ? d->ns : ""; }
const char *hpa_diagnostic_name(const hpa_diagnostic *d) { return d ? d->name : ""; }
const char *hpa_diagnostic_path(const hpa_diagnostic *d) { return d ? d->path : ""; }
size_t hpa_diagnostic_document(const hpa_diagnostic *d) { return d ? d->document : 0; }
size_t hpa_diagnostic_line(const hpa_diagnostic *d) { return d ? d->line : 0; }
size_t hpa_diagnostic_column(const hpa_diagnostic *d) { return d ? d->column : 0; }
const char *hpa_diagnostic_source(const hpa_diagnostic *d) { return d ? d->source : ""; }

int hpa_diagnostic_to_error(const hpa_diagnostic *d, hpa_error *err)
{
	if (!d || !err)
		return HPA_EINVAL;
	hpa__error_clear(err);
	hpa__error(err, d->code ? d->code : HPA_EVALIDATION, "%s", d->message);
	hpa__error_set_path(err, d->path);
	hpa__error_set_source(err, d->source);
	hpa__error_set_document(err, d->document);
	hpa__error_set_pos(err, d->line, d->column, SIZE_MAX);
	return 0;
}

/* ---- context and paths ------------------------------------------------------------- */

void hpa__vctx_init(hpa__vctx *c, hpa_diagnostics *d, const hpa_object *obj, unsigned int flags)
{
	memset(c, 0, sizeof(*c));
	c->d = d;
	c->obj = obj;
	c->flags = flags;
	c->start = d ? d->len : 0;
	hpa__buf_puts(&c->lp, "");
	hpa__buf_puts(&c->up, "");
}

void hpa__vctx_dispose(hpa__vctx *c)
{
	hpa__buf_dispose(&c->lp);
	hpa__buf_dispose(&c->up);
}

hpa__vmark hpa__vp_mark(const hpa__vctx *c)
{
	hpa__vmark m;
	m.lp = c->lp.len;
	m.up = c->up.len;
	return m;
}

void hpa__vp_reset(hpa__vctx *c, hpa__vmark m)
{
	if (c->lp.ptr && m.lp <= c->lp.len) {
		c->lp.len = m.lp;
		c->lp.ptr[m.lp] = '\0';
	}
	if (c->up.ptr && m.up <= c->up.len) {
		c->up.len = m.up;
		c->up.ptr[m.up] = '\0';
	}
}

hpa__vmark hpa__vp_key(hpa__vctx *c, const char *key)
{
	hpa__vmark m = hpa__vp_mark(c);
	hpa__path_push_key(&c->lp, key, strlen(key));
	if (c->up.len)
		hpa__buf_putc(&c->up, '.');
	hpa__buf_puts(&c->up, key);
	return m;
}

hpa__vmark hpa__vp_index(hpa__vctx *c, size_t i)
{
	hpa__vmark m = hpa__vp_mark(c);
	hpa__path_push_index(&c->lp, i);
	hpa__buf_printf(&c->up, "[%zu]", i);
	return m;
}

hpa__vmark hpa__vp_mapkey(hpa__vctx *c, const char *key, size_t klen)
{
	hpa__vmark m = hpa__vp_mark(c);
	hpa__path_push_key(&c->lp, key, klen);
	hpa__buf_putc(&c->up, '[');
	hpa__buf_put(&c->up, key, klen);
	hpa__buf_putc(&c->up, ']');
	return m;
}

static bool seen(const hpa__vctx *c, const char *msg)
{
	size_t i;
	for (i = c->start; i < c->d->len; i++)
		if (strcmp(c->d->items[i].message, msg) == 0)
			return true;
	return false;
}

static const char *fe_name(hpa__fetype t)
{
	switch (t) {
	case HPA__FE_REQUIRED: return "Required value";
	case HPA__FE_INVALID: return "Invalid value";
	case HPA__FE_UNSUPPORTED: return "Unsupported value";
	case HPA__FE_DUPLICATE: return "Duplicate value";
	case HPA__FE_FORBIDDEN: return "Forbidden";
	case HPA__FE_NOTFOUND: return "Not found";
	case HPA__FE_TOOLONG: return "Too long";
	case HPA__FE_TYPE: return "Invalid value";
	}
	return "Invalid value";
}

void hpa__fe(hpa__vctx *c, hpa__fetype type, const char *child, const hpa__value *pos,
	const char *value, const char *detail_fmt, ...)
{
	hpa__vmark m = hpa__vp_mark(c);
	hpa__buf msg = HPA__BUF_INIT;
	const char *p;
	if (child) {
		/* dotted plain keys */
		p = child;
		while (*p) {
			const char *e = strchr(p, '.');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			hpa__path_push_key(&c->lp, p, n);
			if (c->up.len)
				hpa__buf_putc(&c->up, '.');
			hpa__buf_put(&c->up, p, n);
			p += n;
			if (*p == '.')
				p++;
		}
	}
	hpa__buf_puts(&msg, c->up.len ? c->up.ptr : "<nil>");
	hpa__buf_puts(&msg, ": ");
	hpa__buf_puts(&msg, fe_name(type));
	if (value && type != HPA__FE_REQUIRED && type != HPA__FE_FORBIDDEN && type != HPA__FE_TOOLONG) {
		hpa__buf_puts(&msg, ": ");
		hpa__buf_puts(&msg, value);
	}
	if (detail_fmt && *detail_fmt) {
		va_list ap;
		char tmp[1024];
		va_start(ap, detail_fmt);
		vsnprintf(tmp, sizeof(tmp), detail_fmt, ap);
		va_end(ap);
		if (tmp[0]) {
			hpa__buf_puts(&msg, ": ");
			hpa__buf_puts(&msg, tmp);
		}
	}
	if (hpa__buf_oom(&msg) || hpa__buf_oom(&c->lp) || hpa__buf_oom(&c->up))
		c->rc = HPA_ENOMEM;
	else if (seen(c, msg.ptr))
		; /* the API server de-duplicates identical messages (ErrorList.ToAggregate) */
	else if (hpa__diags_add(c->d, "VAL001", HPA_SEVERITY_ERROR, HPA_EVALIDATION, c->obj,
			c->lp.ptr ? c->lp.ptr : "", pos, msg.ptr, "") < 0)
		c->rc = HPA_ENOMEM;
	else
		c->errors++;
	hpa__buf_dispose(&msg);
	hpa__vp_reset(c, m);
}

void hpa__fe_schema(hpa__vctx *c, int code, const hpa__value *pos, const char *msg)
{
	/* msg was written from c->up and the finding's path is c->lp: incomplete after a failure */
	if (hpa__buf_oom(&c->lp) || hpa__buf_oom(&c->up))
		c->rc = HPA_ENOMEM;
	else if (hpa__diags_add(c->d, "VAL002", HPA_SEVERITY_ERROR, code, c->obj,
			c->lp.ptr ? c->lp.ptr : "", pos, msg, "") < 0)
		c->rc = HPA_ENOMEM;
	else
		c->errors++;
}

/* ---- rendering values as field.Error does --------------------------------------------- */

void hpa__repr_str(hpa__buf *b, const char *s, size_t n)
{
	size_t i;
	hpa__buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		switch (ch) {
		case '"': hpa__buf_puts(b, "\\\""); break;
		case '\\': hpa__buf_puts(b, "\\\\"); break;
		case '\n': hpa__buf_puts(b, "\\n"); break;
		case '\t': hpa__buf_puts(b, "\\t"); break;
		case '\r': hpa__buf_puts(b, "\\r"); break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				hpa__buf_printf(b, "\\x%02x", ch);
			else
				hpa__buf_putc(b, (char)ch);
		}
	}
	hpa__buf_putc(b, '"');
}

static int cmp_pairs(const void *a, const void *b)
{
	const hpa__pair *x = *(const hpa__pair *const *)a, *y = *(const hpa__pair *const *)b;
	return strcmp(hpa__v_text(hpa__pair_key(x)), hpa__v_text(hpa__pair_key(y)));
}

void hpa__repr(hpa__buf *b, const hpa__value *v)
{
	if (!v || v->kind == HPA__V_NULL) {
		hpa__buf_puts(b, "null");
		return;
	}
	switch (v->kind) {
	case HPA__V_STR:
		hpa__repr_str(b, hpa__v_text(v), hpa__v_textlen(v));
		return;
	case HPA__V_INT:
	case HPA__V_FLOAT:
	case HPA__V_BOOL:
		hpa__buf_put(b, hpa__v_text(v), hpa__v_textlen(v));
		return;
	case HPA__V_MAP: {
		/* Go prints maps with sorted keys */
		const hpa__pair *sorted[64];
		size_t n = hpa__v_count(v) < 64 ? hpa__v_count(v) : 64, i;
		for (i = 0; i < n; i++)
			sorted[i] = hpa__map_pair(v, i);
		qsort(sorted, n, sizeof(sorted[0]), cmp_pairs);
		hpa__buf_puts(b, "map[string]string{");
		for (i = 0; i < n; i++) {
			const hpa__value *val = hpa__pair_val(sorted[i]);
			if (i)
				hpa__buf_puts(b, ", ");
			hpa__repr_str(b, hpa__v_text(hpa__pair_key(sorted[i])), hpa__v_textlen(hpa__pair_key(sorted[i])));
			hpa__buf_putc(b, ':');
			if (val && val->kind != HPA__V_MAP && val->kind != HPA__V_SEQ && val->kind != HPA__V_NULL)
				hpa__repr_str(b, hpa__v_text(val), hpa__v_textlen(val));
			else
				hpa__buf_puts(b, "\"\"");
		}
		hpa__buf_putc(b, '}');
		return;
	}
	case HPA__V_SEQ: {
		size_t i;
		hpa__buf_puts(b, "[]string{");
		for (i = 0; i < hpa__v_count(v); i++) {
			const hpa__value *it = hpa__seq_at(v, i);
			if (i)
				hpa__buf_puts(b, ", ");
			if (it && it->kind != HPA__V_MAP && it->kind != HPA__V_SEQ)
				hpa__repr_str(b, hpa__v_text(it), hpa__v_textlen(it));
			else
				hpa__buf_puts(b, "\"\"");
		}
		hpa__buf_putc(b, '}');
		return;
	}
	}
}

void hpa__vctx_check_buf(hpa__vctx *c, const hpa__buf *b)
{
	if (hpa__buf_oom(b))
		c->rc = HPA_ENOMEM;
}

void hpa__quote(hpa__vctx *c, char *buf, size_t size, const char *s)
{
	hpa__buf b = HPA__BUF_INIT;
	hpa__repr_str(&b, s, strlen(s));
	if (!b.ptr) /* (it writes at least the quotes) */
		c->rc = HPA_ENOMEM;
	hpa__vctx_check_buf(c, &b);
	hpa__strlcpy(buf, b.ptr && !hpa__buf_oom(&b) ? b.ptr : "\"\"", size);
	hpa__buf_dispose(&b);
}

/* ---- tree helpers -------------------------------------------------------------------- */

bool hpa__vis(const hpa__value *v, int kind) { return v && v->kind == kind; }

size_t hpa__vlen(const hpa__value *v)
{
	if (!v)
		return 0;
	if (v->kind == HPA__V_MAP)
		return hpa__v_count(v);
	if (v->kind == HPA__V_SEQ)
		return hpa__v_count(v);
	return 0;
}

const hpa__value *hpa__vget(const hpa__value *map, const char *key)
{
	const hpa__value *v;
	if (!map || map->kind != HPA__V_MAP)
		return NULL;
	v = hpa__map_get(map, key);
	return v && v->kind != HPA__V_NULL ? v : NULL;
}

const char *hpa__vstr(const hpa__value *map, const char *key)
{
	const hpa__value *v = hpa__vget(map, key);
	return v && v->kind == HPA__V_STR ? hpa__v_text(v) : NULL;
}

const char *hpa__vtext(const hpa__value *map, const char *key)
{
	const hpa__value *v = hpa__vget(map, key);
	return v && v->kind != HPA__V_MAP && v->kind != HPA__V_SEQ ? hpa__v_text(v) : NULL;
}

int hpa__vint(const hpa__value *map, const char *key, int64_t *out)
{
	const hpa__value *v = hpa__vget(map, key);
	if (!v)
		return 0;
	if (v->kind != HPA__V_INT || hpa__v_int_range(v, INT64_MIN, INT64_MAX, out) < 0)
		return -1;
	return 1;
}
