/*
 * lib/kinds/kinds_int.h -- the generic field operations behind the typed
 * accessors. Every accessor generated from lib/kinds/kinds.def is a one-line
 * call of one of these on (node, relative path).
 *
 * `node` is the map a handle stands for: an object's root or a map inside
 * its tree; it knows its arena, so setters allocate there. Paths are the
 * table's relative dotted paths. A value set to `null` counts as absent.
 * Getters accept a NULL node (absent). Errors get the path in err->path.
 */
#ifndef HPA_LIB_KINDS_INT_H
#define HPA_LIB_KINDS_INT_H

#include "value/value.h"
#include "manifest/manifest_int.h"
#include <hpa/object.h>

/* Node at path, NULL when absent or null. */
hpa__value *hpa__kf_get(const hpa__value *node, const char *path);
bool hpa__kf_has(const hpa__value *node, const char *path);
void hpa__kf_clear(hpa__value *node, const char *path);

/* ---- scalars ---------------------------------------------------------------- */
/* Text of a string scalar, NULL otherwise. */
const char *hpa__kf_str(const hpa__value *node, const char *path);
/* Text of any scalar but null (quantities: `1`, `0.5` and `"500m"`). */
const char *hpa__kf_text(const hpa__value *node, const char *path);
int hpa__kf_int(const hpa__value *node, const char *path, int64_t min, int64_t max,
	int64_t *out, hpa_error *err);
int hpa__kf_i32(const hpa__value *node, const char *path, int32_t *out, hpa_error *err);
int hpa__kf_i64(const hpa__value *node, const char *path, int64_t *out, hpa_error *err);
int hpa__kf_bool(const hpa__value *node, const char *path, bool *out, hpa_error *err);
hpa_value_type hpa__kf_type(const hpa__value *node, const char *path);

int hpa__kf_set_str(hpa__value *node, const char *path, const char *s, hpa_error *err);
int hpa__kf_set_time(hpa__value *node, const char *path, const char *s, hpa_error *err);
int hpa__kf_set_qty(hpa__value *node, const char *path, const char *s, hpa_error *err);
int hpa__kf_set_int(hpa__value *node, const char *path, int64_t v, hpa_error *err);
int hpa__kf_set_bool(hpa__value *node, const char *path, bool v, hpa_error *err);
/* Thousandths written in the Kubernetes canonical form (DecimalSI):
 * 2000 -> "2", 1500 -> "1500m", 1000000 -> "1k". */
int hpa__kf_set_milli(hpa__value *node, const char *path, int64_t milli, hpa_error *err);

/* ---- quantities ------------------------------------------------------------- */
/* Milli-value of a quantity scalar (string or number). */
int hpa__kf_qty_milli(const hpa__value *v, const char *path, int64_t *out, hpa_error *err);
int hpa__kf_milli(const hpa__value *node, const char *path, int64_t *out, hpa_error *err);
/* Quantity syntax check of a setter's text. */
bool hpa__kf_quantity_ok(const char *s);

/* ---- enums ------------------------------------------------------------------- */
/* names[0] and names[1] are NULL (unset, unknown); known values from 2.
 * Returns 0 when absent, 1 (unknown) for other text or a non-string. */
int hpa__kf_enum(const hpa__value *node, const char *path, const char *const *names, size_t n);
int hpa__kf_enum_lookup(const char *const *names, size_t n, const char *s);
int hpa__kf_set_enum(hpa__value *node, const char *path, const char *const *names, size_t n,
	int value, hpa_error *err);

/* ---- int-or-string ------------------------------------------------------------- */
int hpa__kf_ios_int(const hpa__value *node, const char *path, int32_t *out, hpa_error *err);
int hpa__kf_set_ios_str(hpa__value *node, const char *path, const char *s, hpa_error *err);
/* An integer as is, a percentage ("25%") of total rounded up or down. */
int hpa__kf_ios_scaled(const hpa__value *node, const char *path, int32_t total, bool round_up,
	int32_t *out, hpa_error *err);

/* ---- sub-objects ------------------------------------------------------------------ */
/* Map at path or NULL. */
hpa__value *hpa__kf_obj(const hpa__value *node, const char *path);
/* Map at path, created when absent. */
int hpa__kf_obj_mut(hpa__value *node, const char *path, hpa__value **out, hpa_error *err);

/* ---- lists ------------------------------------------------------------------------- */
size_t hpa__kf_count(const hpa__value *node, const char *path, int kind); /* entries of a HPA__V_SEQ or HPA__V_MAP */
/* Map item index of the list at path, or NULL. */
hpa__value *hpa__kf_item(const hpa__value *node, const char *path, size_t index);
/* String item index, or NULL. */
const char *hpa__kf_str_item(const hpa__value *node, const char *path, size_t index);
/* Append a new empty map (out may be NULL) / a string. */
int hpa__kf_append_obj(hpa__value *node, const char *path, hpa__value **out, hpa_error *err);
int hpa__kf_append_str(hpa__value *node, const char *path, const char *s, hpa_error *err);
int hpa__kf_remove_at(hpa__value *node, const char *path, size_t index, hpa_error *err);

/* ---- maps --------------------------------------------------------------------------- */
/* any_scalar: quantity maps accept numbers too. */
const char *hpa__kf_map_get(const hpa__value *node, const char *path, const char *key, bool any_scalar);
const char *hpa__kf_map_key_at(const hpa__value *node, const char *path, size_t index);
const char *hpa__kf_map_value_at(const hpa__value *node, const char *path, size_t index, bool any_scalar);
/* qty: value must be a quantity. */
int hpa__kf_map_set(hpa__value *node, const char *path, const char *key, const char *value,
	bool qty, hpa_error *err);
int hpa__kf_map_remove(hpa__value *node, const char *path, const char *key, hpa_error *err);
int hpa__kf_map_milli(const hpa__value *node, const char *path, const char *key, int64_t *out,
	hpa_error *err);

#endif
