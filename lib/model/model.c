/*
 * lib/model/model.c -- loading entry points: the YAML codec reads the model
 * file into a value tree with positions (one document, a map without
 * apiVersion/kind, so the schema checker leaves it alone), then load.c walks
 * it.
 */
#include "model/model_int.h"
#include "manifest/manifest_int.h"
#include <hpa/codec.h>

static int from_manifest(hpa_model **out, hpa_manifest *man, const char *source, hpa_error *err)
{
	const hpa__value *root = NULL;
	if (hpa_manifest_document_count(man) > 1) {
		int rc = hpa__error(err, HPA_EVALIDATION, "a model file holds one YAML document, not %zu",
			hpa_manifest_document_count(man));
		hpa__error_set_source(err, source);
		return rc;
	}
	if (man->count == 1)
		root = man->objects[0]->root;
	return hpa__model_from_value(out, root, source, err);
}

int hpa_model_load_buffer(hpa_model **out, const char *buf, size_t len, const char *source_name,
	hpa_error *err)
{
	hpa_parse_options po = HPA_PARSE_OPTIONS_INIT;
	hpa_manifest *man = NULL;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!buf && len)
		return hpa__error(err, HPA_EINVAL, "buf is NULL");
	po.source_name = source_name ? source_name : "<string>";
	rc = hpa_manifest_parse_yaml(&man, buf ? buf : "", len, &po, err);
	if (rc == 0)
		rc = from_manifest(out, man, po.source_name, err);
	hpa_manifest_free(man);
	return rc;
}

int hpa_model_load_file(hpa_model **out, const char *path, hpa_error *err)
{
	hpa_manifest *man = NULL;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!path)
		return hpa__error(err, HPA_EINVAL, "path is NULL");
	rc = hpa_manifest_parse_yaml_file(&man, path, NULL, err);
	if (rc == 0)
		rc = from_manifest(out, man, path, err);
	hpa_manifest_free(man);
	return rc;
}
