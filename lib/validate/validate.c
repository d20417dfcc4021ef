/* lib/validate/validate.c -- public validation entry points. */
#include "validate/validate_int.h"

static const size_t validate_sizes[] = { sizeof(hpa_validate_options) };

int hpa_validate_options_init(hpa_validate_options *opts, unsigned int version)
{
	if (!opts || version == 0 || version > HPA_VALIDATE_OPTIONS_VERSION)
		return HPA_EINVAL;
	memset(opts, 0, sizeof(*opts));
	opts->version = version;
	return 0;
}

void hpa__validate_object(hpa__vctx *c)
{
	if (!c->obj || !c->obj->root || c->obj->root->kind != HPA__V_MAP)
		return;
	switch (c->obj->kind) {
	case HPA_KIND_DEPLOYMENT: hpa__val_deployment(c); break;
	case HPA_KIND_SERVICE: hpa__val_service(c); break;
	case HPA_KIND_INGRESS: hpa__val_ingress(c); break;
	case HPA_KIND_AUTOSCALER: hpa__val_autoscaler(c); break;
	default: return;
	}
	if (!(c->flags & HPA_VALIDATE_NO_SCHEMA)) {
		hpa__vp_reset(c, (hpa__vmark){ 0, 0 });
		hpa__val_schema(c);
	}
}

/* Set err from the first error finding; returns HPA_EVALIDATION or 0. */
static int first_error(const hpa_diagnostics *d, hpa_error *err)
{
	size_t i;
	for (i = 0; i < d->len; i++) {
		if (d->items[i].severity == HPA_SEVERITY_ERROR) {
			if (err)
				hpa_diagnostic_to_error(&d->items[i], err);
			return HPA_EVALIDATION;
		}
	}
	return 0;
}

static int run(const hpa_manifest *m, const hpa_object *one, const hpa_validate_options *opts,
	hpa_diagnostics **out, hpa_error *err)
{
	hpa_validate_options o;
	hpa_diagnostics *d;
	size_t i, n;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_object_validate: out is NULL");
	*out = NULL;
	if ((!m && !one))
		return hpa__error(err, HPA_EINVAL, "hpa_object_validate: nothing to validate (NULL)");
	hpa_validate_options_init(&o, HPA_VALIDATE_OPTIONS_VERSION);
	rc = hpa__options_copy(&o, opts, validate_sizes, HPA_VALIDATE_OPTIONS_VERSION, "hpa_validate_options", err);
	if (rc < 0)
		return rc;
	if (hpa__diags_new(&d) < 0)
		return hpa__enomem(err);
	n = one ? 1 : hpa_manifest_count(m);
	for (i = 0; i < n; i++) {
		hpa__vctx c;
		hpa__vctx_init(&c, d, one ? one : hpa_manifest_at(m, i), o.flags);
		hpa__validate_object(&c);
		rc = c.rc;
		hpa__vctx_dispose(&c);
		if (rc < 0) {
			hpa_diagnostics_free(d);
			return hpa__enomem(err);
		}
	}
	hpa__diags_sort(d);
	*out = d;
	return first_error(d, err);
}

int hpa_object_validate(const hpa_object *obj, const hpa_validate_options *opts,
	hpa_diagnostics **out, hpa_error *err)
{
	if (!obj) {
		if (out)
			*out = NULL;
		return hpa__error(err, HPA_EINVAL, "hpa_object_validate: obj is NULL");
	}
	return run(NULL, obj, opts, out, err);
}

int hpa_manifest_validate(const hpa_manifest *manifest, const hpa_validate_options *opts,
	hpa_diagnostics **out, hpa_error *err)
{
	if (!manifest) {
		if (out)
			*out = NULL;
		return hpa__error(err, HPA_EINVAL, "hpa_manifest_validate: manifest is NULL");
	}
	return run(manifest, NULL, opts, out, err);
}
