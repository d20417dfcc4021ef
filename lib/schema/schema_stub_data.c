/* lib/schema/schema_stub_data.c -- temporary empty tables until the
 * generated schema_data.c lands (every object is generic). */
#include "schema/schema.h"

const hpa__schema hpa__schema_k8s = { "none", NULL, 0, NULL, 0, 0 };
