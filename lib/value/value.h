/*
 * lib/value/value.h -- the lossless substrate: an ordered, typed value tree
 * with source positions. Every document of a manifest is one tree; objects
 * are typed views over it, so nothing the schema does not know is lost.
 *
 * Layout (12 bytes a node, 4-aligned; see docs/design.md, "Memory"):
 *
 *   node   three 32-bit words: a 45-bit reference (a 4-aligned address
 *          shifted right by 2: user-space addresses on x86-64 and aarch64
 *          Linux are below 2^47; value.c checks every address it stores and
 *          fails with HPA_ENOMEM if one does not fit), {kind:3, style:3,
 *          flags:7} and a 38-bit position word. Byte offsets are not kept.
 *   pos    bit 0 is the mode: 0 = {line:24, column:13} (ordinary text),
 *          1 = {line:13, column:24} (long lines: one-line flow YAML). So a
 *          line above 2^24-1 is stored as 0 (unknown), and a column above
 *          8191 is kept (up to 2^24-1) when the line is at most 8191 or
 *          unknown, else stored as 0. hpa__v_set_pos picks the mode.
 *   scalar the reference is the text's 32-bit length, the text (immutable,
 *          NUL-terminated) follows it; interned per arena (equal texts of
 *          up to HPA__INTERN_MAX bytes share one copy).
 *   map    the reference is a block (4-aligned, packed in the arena): one
 *          32-bit header word followed by its pairs, each pair {key node,
 *          value node} inline (24 bytes);
 *   seq    the same block with item nodes inline (12 bytes each).
 *
 * The header is {moved:1, exact:1, wide:1, len:11, back:18}: `back` is the
 * distance in 4-byte units from the data of the arena's own block
 * (hpa__arena_of finds the arena from it); a block with room for more than
 * 2047 entries is wide: its len (32 bits) is the word before the header.
 * The capacity is len for an exact block (readers allocate exact blocks),
 * else the next power of two (at least 4). Once the collection has
 * outgrown or rewritten a block, its header gets the moved bit and the
 * arena maps the block to the next one (a table in lib/value, only ever
 * consulted through an old node). Nodes are copied by
 * value into their parent's block, so several nodes may point to one
 * block: a pointer to a node taken before its parent grew still reaches
 * the collection's current contents through the links. Old blocks are
 * never written again (only their link), and live until the arena is
 * freed, so no pointer into a tree ever dangles while its arena lives.
 * Removing or replacing an entry builds a new block; appending writes a
 * fresh slot (or moves to a bigger block).
 *
 * Every module outside lib/value reads nodes through the accessors below,
 * never through the struct members (kind, style and flags excepted); a
 * node is copied by value (assignment), never by its bytes' size.
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

#define HPA__POS_LONG 0xFFFFFFu   /* 2^24-1: the long field of a position */
#define HPA__POS_SHORT 0x1FFFu    /* 2^13-1: the short field */
#define HPA__INTERN_MAX 256      /* longer scalar texts are not interned */

typedef struct hpa__value hpa__value;
typedef struct hpa__pair hpa__pair;
typedef struct hpa__block hpa__block;

struct hpa__value {
	uint32_t ref_lo_;          /* reference (address >> 2), bits 0-31 */
	unsigned int ref_hi_ : 13; /* bits 32-44 */
	unsigned int kind : 3;     /* hpa__vkind */
	unsigned int style : 3;    /* hpa__vstyle */
	unsigned int pos_hi_ : 6;  /* position word, bits 32-37 */
	unsigned int flags : 7;    /* module-defined marks (0x01-0x40) */
	uint32_t pos_;             /* position word, bits 0-31; read with hpa__v_line */
};

struct hpa__pair {
	hpa__value key;            /* always HPA__V_STR; keeps the key's position */
	hpa__value value;
};

struct hpa__block {
	uint32_t h;                /* see above; pairs or items follow */
};

_Static_assert(sizeof(hpa__value) == 12, "a value node is 12 bytes");
_Static_assert(sizeof(hpa__pair) == 24, "a map pair is 24 bytes");

#define HPA__BLOCK_MAX 0x3FFFFFFFu  /* entries of a map or sequence */
#define HPA__BLOCK_SHORT 2047u      /* most entries of a block that is not wide */
#define HPA__BLOCK_MOVED 1u
#define HPA__BLOCK_EXACT 2u
#define HPA__BLOCK_WIDE 4u
#define HPA__BLOCK_BACK_SHIFT 14    /* back: bits 14-31 */

/* ---- accessors --------------------------------------------------------------- */

/* The address a node refers to (a scalar's length word or a block). */
static inline void *hpa__v_ref_(const hpa__value *v)
{
	return (void *)(uintptr_t)((((uint64_t)v->ref_hi_ << 32) | v->ref_lo_) << 2);
}
/* Whether p can be stored as a reference: 4-aligned and below 2^47. */
static inline bool hpa__v_ref_fits(const void *p)
{
	uint64_t u = (uint64_t)(uintptr_t)p;
	return (u & 3u) == 0 && (u >> 47) == 0;
}
/* Store p (hpa__v_ref_fits(p) holds: lib/value checks where it allocates). */
static inline void hpa__v_set_ref_(hpa__value *v, const void *p)
{
	uint64_t r = (uint64_t)(uintptr_t)p >> 2;
	v->ref_lo_ = (uint32_t)r;
	v->ref_hi_ = (unsigned int)(r >> 32) & 0x1FFFu;
}
/* dst refers to what src refers to (the same text or block); the rest of
 * dst (kind, style, flags, position) is kept. */
static inline void hpa__v_share(hpa__value *dst, const hpa__value *src)
{
	dst->ref_lo_ = src->ref_lo_;
	dst->ref_hi_ = src->ref_hi_;
}
/* Both refer to the same text or block (equal interned texts do). */
static inline bool hpa__v_same_ref(const hpa__value *a, const hpa__value *b)
{
	return a->ref_lo_ == b->ref_lo_ && a->ref_hi_ == b->ref_hi_;
}

/* The block that replaced a moved one (value.c). */
hpa__block *hpa__block_next_(const hpa__block *b);
/* The current block of a map or sequence. */
static inline hpa__block *hpa__v_block(const hpa__value *v)
{
	hpa__block *b = (hpa__block *)hpa__v_ref_(v);
	while (b->h & HPA__BLOCK_MOVED)
		b = hpa__block_next_(b);
	return b;
}
static inline size_t hpa__block_len(const hpa__block *b)
{
	uint32_t n;
	if (!(b->h & HPA__BLOCK_WIDE))
		return (b->h >> 3) & HPA__BLOCK_SHORT;
	memcpy(&n, (const char *)(const void *)b - sizeof(n), sizeof(n));
	return n;
}
static inline hpa__pair *hpa__block_pairs(const hpa__block *b) { return (hpa__pair *)(void *)((char *)(void *)(uintptr_t)b + sizeof(hpa__block)); }
static inline hpa__value *hpa__block_items(const hpa__block *b) { return (hpa__value *)(void *)((char *)(void *)(uintptr_t)b + sizeof(hpa__block)); }

static inline int hpa__v_kind(const hpa__value *v) { return (int)v->kind; }
static inline int hpa__v_style(const hpa__value *v) { return (int)v->style; }
/* Scalar text (NUL-terminated) and its length in bytes. */
static inline const char *hpa__v_text(const hpa__value *v) { return (const char *)hpa__v_ref_(v) + sizeof(uint32_t); }
static inline size_t hpa__v_textlen(const hpa__value *v)
{
	uint32_t n;
	memcpy(&n, hpa__v_ref_(v), sizeof(n));
	return n;
}
/* Entries of a map or items of a sequence. */
static inline size_t hpa__v_count(const hpa__value *v)
{
	return v->kind == HPA__V_MAP || v->kind == HPA__V_SEQ ? hpa__block_len(hpa__v_block(v)) : 0;
}
static inline hpa__pair *hpa__map_pair(const hpa__value *v, size_t i) { return &hpa__block_pairs(hpa__v_block(v))[i]; }
static inline hpa__value *hpa__pair_key(const hpa__pair *p) { return (hpa__value *)(uintptr_t)&p->key; }
static inline hpa__value *hpa__pair_val(const hpa__pair *p) { return (hpa__value *)(uintptr_t)&p->value; }
static inline hpa__value *hpa__map_key(const hpa__value *v, size_t i) { return &hpa__map_pair(v, i)->key; }
static inline hpa__value *hpa__map_val(const hpa__value *v, size_t i) { return &hpa__map_pair(v, i)->value; }
static inline hpa__value *hpa__seq_at(const hpa__value *v, size_t i) { return &hpa__block_items(hpa__v_block(v))[i]; }
/* The arena a map or sequence grows in. */
static inline hpa__arena *hpa__v_arena(const hpa__value *v)
{
	const hpa__block *b = hpa__v_block(v);
	return hpa__arena_of(b, (b->h >> HPA__BLOCK_BACK_SHIFT) << 2);
}
/* Source position: 1-based line and column (characters), 0 = unknown
 * (the encoding above says when). Byte offsets are not kept: always
 * SIZE_MAX (unknown). */
static inline uint64_t hpa__v_pos_(const hpa__value *v) { return ((uint64_t)v->pos_hi_ << 32) | v->pos_; }
static inline size_t hpa__v_line(const hpa__value *v)
{
	uint64_t p = hpa__v_pos_(v);
	return (size_t)((p >> 1) & ((p & 1u) ? HPA__POS_SHORT : HPA__POS_LONG));
}
static inline size_t hpa__v_column(const hpa__value *v)
{
	uint64_t p = hpa__v_pos_(v);
	return (size_t)((p & 1u) ? p >> 14 : p >> 25);
}
static inline size_t hpa__v_offset(const hpa__value *v) { (void)v; return SIZE_MAX; }
/* The 38-bit position word of 1-based line:column (the encoding above). */
static inline uint64_t hpa__v_pos_code(size_t line, size_t column)
{
	uint64_t p;
	if (column <= HPA__POS_SHORT)
		p = (uint64_t)(line <= HPA__POS_LONG ? line : 0u) << 1 | (uint64_t)column << 25;
	else if (line <= HPA__POS_SHORT)
		p = 1u | (uint64_t)line << 1 | (uint64_t)(column <= HPA__POS_LONG ? column : 0u) << 14;
	else if (line <= HPA__POS_LONG)
		p = (uint64_t)line << 1;   /* both long: the line is kept */
	else
		p = 1u | (uint64_t)(column <= HPA__POS_LONG ? column : 0u) << 14;
	return p;
}
static inline void hpa__v_set_pos(hpa__value *v, size_t line, size_t column, size_t offset)
{
	uint64_t p = hpa__v_pos_code(line, column);
	(void)offset;
	v->pos_ = (uint32_t)p;
	v->pos_hi_ = (unsigned int)(p >> 32) & 0x3Fu;
}

/* A whole node: reference @p ref (hpa__v_ref_fits holds), kind, style,
 * flags and position word @p pos (hpa__v_pos_code), built in registers and
 * stored at once. Readers build their nodes with it: a node written field by
 * field (read-modify-write of the bit-fields) and then copied whole (one
 * 8-byte load) defeats the processor's store forwarding, which cost the YAML
 * reader about a tenth of its time. On little-endian GCC/Clang targets the
 * words are composed directly in the bit-fields' layout (the first member of
 * a unit in its lowest bits; the value suite checks it against the fields). */
static inline hpa__value hpa__v_make(const void *ref, unsigned kind, unsigned style, unsigned flags, uint64_t pos)
{
	hpa__value v;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
	uint64_t w0 = ((uint64_t)(uintptr_t)ref >> 2) | (uint64_t)(kind & 7u) << 45 | (uint64_t)(style & 7u) << 48 |
		((pos >> 32) & 0x3Fu) << 51 | (uint64_t)(flags & 0x7Fu) << 57;
	uint32_t w1 = (uint32_t)pos;
	memcpy(&v, &w0, sizeof(w0));
	memcpy((char *)&v + sizeof(w0), &w1, sizeof(w1));
#else
	memset(&v, 0, sizeof(v));
	hpa__v_set_ref_(&v, ref);
	v.kind = kind & 7u;
	v.style = style & 7u;
	v.flags = flags & 0x7Fu;
	v.pos_ = (uint32_t)pos;
	v.pos_hi_ = (unsigned int)(pos >> 32) & 0x3Fu;
#endif
	return v;
}

/* ---- building nodes in place (readers) ----------------------------------------- */
/* Interned text of n bytes in arena a (NULL on allocation failure or when
 * n does not fit in 32 bits). */
const char *hpa__v_intern(hpa__arena *a, const char *text, size_t n);
/* *out becomes a scalar / a map of n pairs / a sequence of n items (copied
 * by value), position 0:0, style ANY. 0 or HPA_ENOMEM. */
int hpa__v_init_scalar(hpa__arena *a, hpa__value *out, hpa__vkind kind, const char *text, size_t len);
int hpa__v_init_map(hpa__arena *a, hpa__value *out, const hpa__pair *pairs, size_t n);
int hpa__v_init_seq(hpa__arena *a, hpa__value *out, const hpa__value *items, size_t n);
/* The same with the n slots left for the caller to fill (NULL on failure). */
hpa__pair *hpa__v_init_map_slots(hpa__arena *a, hpa__value *out, size_t n);
hpa__value *hpa__v_init_seq_slots(hpa__arena *a, hpa__value *out, size_t n);

/* ---- construction (arena-held nodes; all return NULL on allocation failure) -- */
hpa__value *hpa__v_scalar(hpa__arena *a, hpa__vkind kind, const char *text, size_t len);
hpa__value *hpa__v_str(hpa__arena *a, const char *s);       /* NUL-terminated */
hpa__value *hpa__v_int(hpa__arena *a, int64_t v);           /* decimal text */
hpa__value *hpa__v_bool(hpa__arena *a, bool b);             /* "true"/"false" */
hpa__value *hpa__v_null(hpa__arena *a);                     /* "null" */
hpa__value *hpa__v_map(hpa__arena *a);
hpa__value *hpa__v_seq(hpa__arena *a);
/* Deep copy of src (positions kept) into arena a. */
hpa__value *hpa__v_copy(hpa__arena *a, const hpa__value *src);
/* The same into *out (a node the caller owns). */
int hpa__v_copy_to(hpa__arena *a, hpa__value *out, const hpa__value *src);

/* ---- maps (insertion-ordered; lookups are linear: maps are small) --------- */
/* Nodes are copied into the map by value; a collection shares its block with
 * the node it was copied from, so both see later changes to its contents.
 * Pointers returned point into the current block. */
hpa__value *hpa__map_get(const hpa__value *map, const char *key);
hpa__value *hpa__map_getn(const hpa__value *map, const char *key, size_t klen);
const hpa__pair *hpa__map_find_pair(const hpa__value *map, const char *key, size_t klen);
/* Append without checking for duplicates (readers do their own check). */
int hpa__map_append(hpa__value *map, const hpa__value *key, const hpa__value *value);
/* Replace the value of key (order kept) or append it. */
int hpa__map_set(hpa__value *map, const char *key, const hpa__value *value);
/* Remove key; returns true when it was there. */
bool hpa__map_remove(hpa__value *map, const char *key);
/* Remove the pair at index (< count). 0 or HPA_ENOMEM. */
int hpa__map_remove_at(hpa__value *map, size_t index);
/* Replace the value of the pair at index (< count). 0 or HPA_ENOMEM. */
int hpa__map_set_at(hpa__value *map, size_t index, const hpa__value *value);
/* Get the map/seq at key, creating an empty one when absent. NULL on
 * allocation failure or when key holds a value of another kind. */
hpa__value *hpa__map_ensure_map(hpa__value *map, const char *key);
hpa__value *hpa__map_ensure_seq(hpa__value *map, const char *key);

/* ---- sequences ----------------------------------------------------------- */
int hpa__seq_append(hpa__value *seq, const hpa__value *item);
int hpa__seq_insert(hpa__value *seq, size_t index, const hpa__value *item);
bool hpa__seq_remove_at(hpa__value *seq, size_t index);
/* Replace item index (< count) by item. 0 or HPA_ENOMEM. */
int hpa__seq_set(hpa__value *seq, size_t index, const hpa__value *item);

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
