/*
 * lib/value/value.h -- the lossless substrate: an ordered, typed value tree
 * with source positions. Every document of a manifest is one tree; objects
 * are typed views over it, so nothing the schema does not know is lost.
 *
 * Nodes live in an hpa__arena (the manifest's or a standalone object's);
 * collections remember their arena so that any holder of a node can grow it.
 * Scalars keep their text exactly as written (after YAML unescaping) plus
 * their resolved kind, so `0.5`, `500m`, `"80"` and `80` stay distinct.
 */
#ifndef HPA_LIB_VALUE_H
#define HPA_LIB_VALUE_H

#include "core/core.h"

typedef enum {
	HPA__V_NULL = 1,
	HPA__V_BOOL,
	HPA__V_INT,
	HPA__V_FLOAT,
	HPA__V_STR,
	HPA__V_MAP,
	HPA__V_SEQ
} hpa__vkind;

/* How a scalar was written (YAML); writers may ignore it. */
typedef enum {
	HPA__STYLE_ANY = 0,
	HPA__STYLE_PLAIN,
	HPA__STYLE_SINGLE,
	HPA__STYLE_DOUBLE,
	HPA__STYLE_LITERAL,
	HPA__STYLE_FOLDED,
	HPA__STYLE_FLOW      /* flow collection ([..] / {..}) */
} hpa__vstyle;

typedef struct hpa__value hpa__value;
typedef struct {
	hpa__value *key;     /* always HPA__V_STR; keeps the key's position */
	hpa__value *value;
} hpa__pair;

struct hpa__value {
	uint8_t kind;        /* hpa__vkind */
	uint8_t style;       /* hpa__vstyle */
	uint16_t flags;      /* module-defined marks (e.g. schema-checked) */
	uint32_t line;       /* 1-based, 0 = unknown (built in memory) */
	uint32_t column;     /* 1-based characters, 0 = unknown */
	size_t offset;       /* 0-based byte offset, SIZE_MAX = unknown */
	union {
		struct { const char *ptr; size_t len; } s;   /* every scalar kind */
		struct { hpa__value **items; size_t len, cap; hpa__arena *arena; } seq;
		struct { hpa__pair *items; size_t len, cap; hpa__arena *arena; } map;
	} u;
};

/* ---- accessors ---------------------------------------------------------------
 * Every module outside lib/value reads nodes through these (never through the
 * struct members), so the layout can change behind them. */
static inline int hpa__v_kind(const hpa__value *v) { return v->kind; }
static inline int hpa__v_style(const hpa__value *v) { return v->style; }
/* Scalar text (NUL-terminated) and its length in bytes. */
static inline const char *hpa__v_text(const hpa__value *v) { return v->u.s.ptr; }
static inline size_t hpa__v_textlen(const hpa__value *v) { return v->u.s.len; }
/* Entries of a map or items of a sequence. */
static inline size_t hpa__v_count(const hpa__value *v)
{
	return v->kind == HPA__V_MAP ? v->u.map.len : v->u.seq.len;
}
static inline hpa__pair *hpa__map_pair(const hpa__value *v, size_t i) { return &v->u.map.items[i]; }
static inline hpa__value *hpa__pair_key(const hpa__pair *p) { return p->key; }
static inline hpa__value *hpa__pair_val(const hpa__pair *p) { return p->value; }
static inline hpa__value *hpa__map_key(const hpa__value *v, size_t i) { return v->u.map.items[i].key; }
static inline hpa__value *hpa__map_val(const hpa__value *v, size_t i) { return v->u.map.items[i].value; }
static inline hpa__value *hpa__seq_at(const hpa__value *v, size_t i) { return v->u.seq.items[i]; }
/* The arena a map or sequence grows in. */
static inline hpa__arena *hpa__v_arena(const hpa__value *v)
{
	return v->kind == HPA__V_MAP ? v->u.map.arena : v->u.seq.arena;
}
/* Source position: 1-based line and column (characters), 0 = unknown;
 * byte offset, SIZE_MAX = unknown. */
static inline size_t hpa__v_line(const hpa__value *v) { return v->line; }
static inline size_t hpa__v_column(const hpa__value *v) { return v->column; }
static inline size_t hpa__v_offset(const hpa__value *v) { return v->offset; }

/* ---- construction (all return NULL on allocation failure) ----------------- */
hpa__value *hpa__v_scalar(hpa__arena *a, hpa__vkind kind, const char *text, size_t len);
hpa__value *hpa__v_str(hpa__arena *a, const char *s);       /* NUL-terminated */
hpa__value *hpa__v_int(hpa__arena *a, int64_t v);           /* decimal text */
hpa__value *hpa__v_bool(hpa__arena *a, bool b);             /* "true"/"false" */
hpa__value *hpa__v_null(hpa__arena *a);                     /* "null" */
hpa__value *hpa__v_map(hpa__arena *a);
hpa__value *hpa__v_seq(hpa__arena *a);
/* Deep copy of src (positions kept) into arena a. */
hpa__value *hpa__v_copy(hpa__arena *a, const hpa__value *src);
void hpa__v_set_pos(hpa__value *v, size_t line, size_t column, size_t offset);

/* ---- maps (insertion-ordered; lookups are linear: maps are small) --------- */
hpa__value *hpa__map_get(const hpa__value *map, const char *key);
hpa__value *hpa__map_getn(const hpa__value *map, const char *key, size_t klen);
const hpa__pair *hpa__map_find_pair(const hpa__value *map, const char *key, size_t klen);
/* Append without checking for duplicates (readers do their own check). */
int hpa__map_append(hpa__value *map, hpa__value *key, hpa__value *value);
/* Replace the value of key in place (order kept) or append it. */
int hpa__map_set(hpa__value *map, const char *key, hpa__value *value);
/* Remove key; returns true when it was there. */
bool hpa__map_remove(hpa__value *map, const char *key);
/* Get the map/seq at key, creating an empty one when absent. NULL on
 * allocation failure or when key holds a value of another kind. */
hpa__value *hpa__map_ensure_map(hpa__value *map, const char *key);
hpa__value *hpa__map_ensure_seq(hpa__value *map, const char *key);

/* ---- sequences ----------------------------------------------------------- */
int hpa__seq_append(hpa__value *seq, hpa__value *item);
int hpa__seq_insert(hpa__value *seq, size_t index, hpa__value *item);
bool hpa__seq_remove_at(hpa__value *seq, size_t index);
/* Replace item index (< count) by item. */
void hpa__seq_set(hpa__value *seq, size_t index, hpa__value *item);
/* Replace the value of a pair found by hpa__map_find_pair / hpa__map_pair. */
void hpa__pair_set_val(hpa__pair *p, hpa__value *value);
/* Remove the pair at index (< count). */
void hpa__map_remove_at(hpa__value *map, size_t index);

/* ---- reading scalars ----------------------------------------------------- */
/* Exact integer value of an HPA__V_INT scalar (decimal, +/- sign, YAML 1.1
 * 0x/0o/0b/leading-0 octal and `_` separators). HPA_ERANGE when it does not
 * fit in [min, max]; HPA_ETYPE when v is not an integer scalar. */
int hpa__v_int_range(const hpa__value *v, int64_t min, int64_t max, int64_t *out);
/* true/false of an HPA__V_BOOL scalar (YAML 1.1 spellings). */
bool hpa__v_bool_value(const hpa__value *v);
/* Scalar text equals s. */
bool hpa__v_text_eq(const hpa__value *v, const char *s);
/* Name of a kind for messages: "string", "integer", "map", ... */
const char *hpa__vkind_name(int kind);

/* ---- comparison ------------------------------------------------------------ */
/* Semantic equality: same kinds, same scalar text (ints compared by value),
 * same keys in the same order, same items. Positions and styles ignored. */
bool hpa__v_equal(const hpa__value *a, const hpa__value *b);

#endif
