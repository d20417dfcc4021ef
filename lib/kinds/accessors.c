/* lib/kinds/accessors.c -- every typed accessor, expanded from the table
 * lib/kinds/kinds.def. One macro per row type; no field is written by hand. */
#include "kinds/kinds_int.h"
#include "object/object_int.h"
#include <hpa/object_meta.h>
#include <hpa/pod_template.h>
#include <hpa/deployment.h>
#include <hpa/service.h>
#include <hpa/ingress.h>
#include <hpa/autoscaler.h>

/* ---- handle <-> node ------------------------------------------------------------
 * CN_T(h) / MN_T(h): the map node behind a handle of type T (const / mutable).
 * A kind handle is its hpa_object; a part handle is the map node itself. */
#define KIND(T, H, API, KINDNAME, KCONST, DOC) \
	static HPA__UNUSED const hpa__value *CN_##T(const hpa_##T *h) \
	{ return h ? ((const hpa_object *)(const void *)h)->root : NULL; } \
	static HPA__UNUSED hpa__value *MN_##T(hpa_##T *h) \
	{ return h ? ((hpa_object *)(void *)h)->root : NULL; }
#define PART(T, H, DEFN, DOC) \
	static HPA__UNUSED const hpa__value *CN_##T(const hpa_##T *h) \
	{ return (const hpa__value *)(const void *)h; } \
	static HPA__UNUSED hpa__value *MN_##T(hpa_##T *h) \
	{ return (hpa__value *)(void *)h; }
#define ROOT(T, H) \
	static HPA__UNUSED const hpa__value *CN_##T(const hpa_##T *h) { return h ? h->root : NULL; } \
	static HPA__UNUSED hpa__value *MN_##T(hpa_##T *h) { return h ? h->root : NULL; }
#include "kinds/kinds.def"

/* ---- kinds: casts, constructors ----------------------------------------------------- */
#define KIND(T, H, API, KINDNAME, KCONST, DOC) \
	const hpa_##T *hpa_object_as_##T(const hpa_object *o) \
	{ return hpa_object_kind(o) == KCONST && o ? (const hpa_##T *)(const void *)o : NULL; } \
	hpa_##T *hpa_object_as_##T##_mut(hpa_object *o) \
	{ return hpa_object_kind(o) == KCONST && o ? (hpa_##T *)(void *)o : NULL; } \
	const hpa_object *hpa_##T##_object(const hpa_##T *h) { return (const hpa_object *)(const void *)h; } \
	hpa_object *hpa_##T##_object_mut(hpa_##T *h) { return (hpa_object *)(void *)h; } \
	int hpa_##T##_new(hpa_##T **out, const char *name, hpa_error *err) \
	{ hpa_object *o = NULL; int rc = kind_new(out ? &o : NULL, API, KINDNAME, name, err); \
	  if (out) { *out = (hpa_##T *)(void *)o; } return rc; } \
	int hpa_##T##_dup(hpa_##T **out, const hpa_##T *h, hpa_error *err) \
	{ hpa_object *o = NULL; int rc; \
	  if (!out) { return hpa__error(err, HPA_EINVAL, "out is NULL"); } \
	  rc = hpa_object_dup(&o, (const hpa_object *)(const void *)h, err); \
	  *out = (hpa_##T *)(void *)o; return rc; } \
	void hpa_##T##_free(hpa_##T *h) { hpa_object_free((hpa_object *)(void *)h); }

static int kind_new(hpa_object **out, const char *api, const char *kind, const char *name, hpa_error *err)
{
	hpa_object *o;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	rc = hpa_object_new(&o, api, kind, err);
	if (rc < 0)
		return rc;
	if (name && (rc = hpa__kf_set_str(o->root, "metadata.name", name, err)) < 0) {
		hpa_object_free(o);
		return rc;
	}
	*out = o;
	return 0;
}
#include "kinds/kinds.def"

/* ---- enums: text tables and conversions ----------------------------------------------
 * E_names[v] is the Kubernetes text of value v; 0 (unset) and 1 (unknown)
 * have none. The header's enum lists the values in the same order. */
#define ENUM(E, H, DOC) static const char *const E##_names[] = { NULL, NULL,
#define ENUM_VALUE(E, NAME, TEXT, DOC) TEXT,
#define ENUM_END(E) };
#include "kinds/kinds.def"

#define ENUM_END(E) \
	const char *hpa_##E##_name(hpa_##E##_t v) \
	{ return (int)v >= 2 && (size_t)v < HPA__ARRAY_SIZE(E##_names) ? E##_names[v] : NULL; } \
	hpa_##E##_t hpa_##E##_from_name(const char *s) \
	{ return (hpa_##E##_t)hpa__kf_enum_lookup(E##_names, HPA__ARRAY_SIZE(E##_names), s); }
#include "kinds/kinds.def"

/* ---- fields ---------------------------------------------------------------------------- */
#define HAS_CLEAR(T, F, PATH) \
	bool hpa_##T##_has_##F(const hpa_##T *h) { return hpa__kf_has(CN_##T(h), PATH); } \
	void hpa_##T##_clear_##F(hpa_##T *h) { hpa__kf_clear(MN_##T(h), PATH); }

#define F_PRESENT(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH)

#define F_STR(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	const char *hpa_##T##_##F(const hpa_##T *h) { return hpa__kf_str(CN_##T(h), PATH); } \
	int hpa_##T##_set_##F(hpa_##T *h, const char *v, hpa_error *err) \
	{ return hpa__kf_set_str(MN_##T(h), PATH, v, err); }

#define F_TIME(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	const char *hpa_##T##_##F(const hpa_##T *h) { return hpa__kf_str(CN_##T(h), PATH); } \
	int hpa_##T##_set_##F(hpa_##T *h, const char *v, hpa_error *err) \
	{ return hpa__kf_set_time(MN_##T(h), PATH, v, err); }

#define F_I32(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	int hpa_##T##_##F(const hpa_##T *h, int32_t *out, hpa_error *err) \
	{ return hpa__kf_i32(CN_##T(h), PATH, out, err); } \
	int hpa_##T##_set_##F(hpa_##T *h, int32_t v, hpa_error *err) \
	{ return hpa__kf_set_int(MN_##T(h), PATH, v, err); }

#define F_I64(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	int hpa_##T##_##F(const hpa_##T *h, int64_t *out, hpa_error *err) \
	{ return hpa__kf_i64(CN_##T(h), PATH, out, err); } \
	int hpa_##T##_set_##F(hpa_##T *h, int64_t v, hpa_error *err) \
	{ return hpa__kf_set_int(MN_##T(h), PATH, v, err); }

#define F_BOOL(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	int hpa_##T##_##F(const hpa_##T *h, bool *out, hpa_error *err) \
	{ return hpa__kf_bool(CN_##T(h), PATH, out, err); } \
	int hpa_##T##_set_##F(hpa_##T *h, bool v, hpa_error *err) \
	{ return hpa__kf_set_bool(MN_##T(h), PATH, v, err); }

#define F_ENUM(T, F, PATH, E, DOC) HAS_CLEAR(T, F, PATH) \
	hpa_##E##_t hpa_##T##_##F(const hpa_##T *h) \
	{ return (hpa_##E##_t)hpa__kf_enum(CN_##T(h), PATH, E##_names, HPA__ARRAY_SIZE(E##_names)); } \
	const char *hpa_##T##_##F##_str(const hpa_##T *h) { return hpa__kf_str(CN_##T(h), PATH); } \
	int hpa_##T##_set_##F(hpa_##T *h, hpa_##E##_t v, hpa_error *err) \
	{ return hpa__kf_set_enum(MN_##T(h), PATH, E##_names, HPA__ARRAY_SIZE(E##_names), (int)v, err); } \
	int hpa_##T##_set_##F##_str(hpa_##T *h, const char *v, hpa_error *err) \
	{ return hpa__kf_set_str(MN_##T(h), PATH, v, err); }

#define F_QTY(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	const char *hpa_##T##_##F(const hpa_##T *h) { return hpa__kf_text(CN_##T(h), PATH); } \
	int hpa_##T##_##F##_milli(const hpa_##T *h, int64_t *out, hpa_error *err) \
	{ return hpa__kf_milli(CN_##T(h), PATH, out, err); } \
	int hpa_##T##_set_##F(hpa_##T *h, const char *v, hpa_error *err) \
	{ return hpa__kf_set_qty(MN_##T(h), PATH, v, err); } \
	int hpa_##T##_set_##F##_milli(hpa_##T *h, int64_t v, hpa_error *err) \
	{ return hpa__kf_set_milli(MN_##T(h), PATH, v, err); }

#define F_IOS(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	hpa_value_type hpa_##T##_##F##_type(const hpa_##T *h) { return hpa__kf_type(CN_##T(h), PATH); } \
	int hpa_##T##_##F##_int(const hpa_##T *h, int32_t *out, hpa_error *err) \
	{ return hpa__kf_ios_int(CN_##T(h), PATH, out, err); } \
	const char *hpa_##T##_##F##_str(const hpa_##T *h) { return hpa__kf_str(CN_##T(h), PATH); } \
	int hpa_##T##_##F##_scaled(const hpa_##T *h, int32_t total, bool round_up, int32_t *out, \
		hpa_error *err) \
	{ return hpa__kf_ios_scaled(CN_##T(h), PATH, total, round_up, out, err); } \
	int hpa_##T##_set_##F##_int(hpa_##T *h, int32_t v, hpa_error *err) \
	{ return hpa__kf_set_int(MN_##T(h), PATH, v, err); } \
	int hpa_##T##_set_##F##_str(hpa_##T *h, const char *v, hpa_error *err) \
	{ return hpa__kf_set_ios_str(MN_##T(h), PATH, v, err); }

#define F_SLIST(T, F, PATH, DOC) HAS_CLEAR(T, F, PATH) \
	size_t hpa_##T##_##F##_count(const hpa_##T *h) { return hpa__kf_count(CN_##T(h), PATH, HPA__V_SEQ); } \
	const char *hpa_##T##_##F##_at(const hpa_##T *h, size_t i) \
	{ return hpa__kf_str_item(CN_##T(h), PATH, i); } \
	int hpa_##T##_##F##_append(hpa_##T *h, const char *v, hpa_error *err) \
	{ return hpa__kf_append_str(MN_##T(h), PATH, v, err); } \
	int hpa_##T##_##F##_remove_at(hpa_##T *h, size_t i, hpa_error *err) \
	{ return hpa__kf_remove_at(MN_##T(h), PATH, i, err); }

#define MAP_COMMON(T, F, PATH, QTY) HAS_CLEAR(T, F, PATH) \
	size_t hpa_##T##_##F##_count(const hpa_##T *h) { return hpa__kf_count(CN_##T(h), PATH, HPA__V_MAP); } \
	const char *hpa_##T##_##F##_get(const hpa_##T *h, const char *key) \
	{ return hpa__kf_map_get(CN_##T(h), PATH, key, QTY); } \
	int hpa_##T##_##F##_set(hpa_##T *h, const char *key, const char *v, hpa_error *err) \
	{ return hpa__kf_map_set(MN_##T(h), PATH, key, v, QTY, err); } \
	int hpa_##T##_##F##_remove(hpa_##T *h, const char *key, hpa_error *err) \
	{ return hpa__kf_map_remove(MN_##T(h), PATH, key, err); } \
	const char *hpa_##T##_##F##_key_at(const hpa_##T *h, size_t i) \
	{ return hpa__kf_map_key_at(CN_##T(h), PATH, i); } \
	const char *hpa_##T##_##F##_value_at(const hpa_##T *h, size_t i) \
	{ return hpa__kf_map_value_at(CN_##T(h), PATH, i, QTY); }

#define F_SMAP(T, F, PATH, DOC) MAP_COMMON(T, F, PATH, false)

#define F_QMAP(T, F, PATH, DOC) MAP_COMMON(T, F, PATH, true) \
	int hpa_##T##_##F##_milli(const hpa_##T *h, const char *key, int64_t *out, hpa_error *err) \
	{ return hpa__kf_map_milli(CN_##T(h), PATH, key, out, err); }

#define F_OBJ(T, F, PATH, S, DOC) HAS_CLEAR(T, F, PATH) \
	const hpa_##S *hpa_##T##_##F(const hpa_##T *h) \
	{ return (const hpa_##S *)(const void *)hpa__kf_obj(CN_##T(h), PATH); } \
	int hpa_##T##_##F##_mut(hpa_##T *h, hpa_##S **out, hpa_error *err) \
	{ hpa__value *v = NULL; int rc = hpa__kf_obj_mut(MN_##T(h), PATH, &v, err); \
	  if (out) { *out = (hpa_##S *)(void *)v; } return rc; }

#define F_LIST(T, F, PATH, S, DOC) HAS_CLEAR(T, F, PATH) \
	size_t hpa_##T##_##F##_count(const hpa_##T *h) { return hpa__kf_count(CN_##T(h), PATH, HPA__V_SEQ); } \
	const hpa_##S *hpa_##T##_##F##_at(const hpa_##T *h, size_t i) \
	{ return (const hpa_##S *)(const void *)hpa__kf_item(CN_##T(h), PATH, i); } \
	hpa_##S *hpa_##T##_##F##_at_mut(hpa_##T *h, size_t i) \
	{ return (hpa_##S *)(void *)hpa__kf_item(MN_##T(h), PATH, i); } \
	int hpa_##T##_##F##_append(hpa_##T *h, hpa_##S **out, hpa_error *err) \
	{ hpa__value *v = NULL; int rc = hpa__kf_append_obj(MN_##T(h), PATH, &v, err); \
	  if (out) { *out = (hpa_##S *)(void *)v; } return rc; } \
	int hpa_##T##_##F##_remove_at(hpa_##T *h, size_t i, hpa_error *err) \
	{ return hpa__kf_remove_at(MN_##T(h), PATH, i, err); }

#include "kinds/kinds.def"
