/* lib/schema/check.c -- placeholder until the schema module lands: accepts
 * every document and classifies nothing (obj->kind = 0). Replaced by the
 * schema-driven checker. */
#include "schema/check.h"

int hpa__schema_check(hpa_object *obj, unsigned int flags, hpa_error *err)
{
	(void)flags;
	(void)err;
	obj->kind = 0;
	return HPA_OK;
}
