/* lib/kinds/qty.c -- TEMPORARY until include/hpa/quantity.h lands. */
#include "kinds/kinds_int.h"

int hpa__kf_qty_milli(const hpa__value *v, const char *path, int64_t *out, hpa_error *err)
{
	(void)v; (void)out;
	hpa__error(err, HPA_EUNSUPPORTED, "quantities are not available yet");
	hpa__error_set_path(err, path);
	return HPA_EUNSUPPORTED;
}
