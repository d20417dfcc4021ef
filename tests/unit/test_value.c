/* tests/unit/test_value.c -- the value tree's node layout (lib/value/value.h):
 * node and pair sizes, the position encoding near its limits, references. */
#include "helpers.h"
#include "value/value.h"
#include "value/text_int.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The peak memory of a load is mostly map pairs and sequence items
 * (docs/design.md, "Memory"): a bigger node fails here. */
static void test_value__node_size(void)
{
	hpa__arena a;
	hpa__value v, *s, *m;
	hpa__pair *p;
	int i;

	CU_ASSERT_EQUAL(sizeof(hpa__value), 12);
	CU_ASSERT_EQUAL(sizeof(hpa__pair), 24);
	CU_ASSERT(_Alignof(hpa__value) <= 4);
	hpa__arena_init(&a, 0);
	/* items and pairs are inline and packed in their block */
	CU_ASSERT_PTR_NOT_NULL_FATAL(p = hpa__v_init_map_slots(&a, &v, 3));
	for (i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(hpa__v_init_scalar(&a, &p[i].key, HPA__V_STR, "k", 1), 0);
		CU_ASSERT_EQUAL(hpa__v_init_scalar(&a, &p[i].value, HPA__V_INT, "1", 1), 0);
	}
	CU_ASSERT_EQUAL((char *)hpa__map_key(&v, 2) - (char *)hpa__map_key(&v, 0), 48);
	CU_ASSERT_EQUAL((char *)hpa__map_val(&v, 0) - (char *)hpa__map_key(&v, 0), 12);
	s = hpa__v_seq(&a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < 5; i++)
		CU_ASSERT_EQUAL(hpa__seq_append(s, hpa__map_val(&v, 0)), 0);
	CU_ASSERT_EQUAL((char *)hpa__seq_at(s, 4) - (char *)hpa__seq_at(s, 0), 48);
	/* what the node refers to survives the packing: texts, blocks, kinds */
	m = hpa__v_map(&a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(hpa__map_set(m, "list", s), 0);
	CU_ASSERT_EQUAL(hpa__map_set(m, "text", hpa__v_str(&a, "hello")), 0);
	CU_ASSERT_EQUAL(hpa__v_count(hpa__map_get(m, "list")), 5);
	CU_ASSERT(hpa__v_text_eq(hpa__map_get(m, "text"), "hello"));
	CU_ASSERT_EQUAL(hpa__v_textlen(hpa__map_get(m, "text")), 5);
	CU_ASSERT_EQUAL(hpa__v_kind(hpa__seq_at(hpa__map_get(m, "list"), 3)), HPA__V_INT);
	CU_ASSERT_PTR_EQUAL(hpa__v_arena(m), &a);
	/* blocks are packed at 4 bytes: a header and 12-byte items, no padding */
	{
		hpa__arena b;
		hpa__value s1, s3, s4;
		hpa__arena_init(&b, 4096);
		CU_ASSERT_EQUAL(hpa__v_init_seq(&b, &s1, hpa__map_val(&v, 0), 1), 0);
		CU_ASSERT_EQUAL(hpa__v_init_seq(&b, &s3, hpa__seq_at(s, 0), 3), 0);
		CU_ASSERT_EQUAL(hpa__v_init_seq(&b, &s4, hpa__seq_at(s, 0), 1), 0);
		CU_ASSERT_EQUAL((char *)hpa__v_block(&s3) - (char *)hpa__v_block(&s1), 4 + 12);
		CU_ASSERT_EQUAL((char *)hpa__v_block(&s4) - (char *)hpa__v_block(&s3), 4 + 3 * 12);
		CU_ASSERT_EQUAL(hpa__v_count(&s1), 1);
		CU_ASSERT_EQUAL(hpa__v_count(&s3), 3);
		hpa__arena_dispose(&b);
	}
	hpa__arena_dispose(&a);
}

/* Blocks of more than 2047 entries keep their length outside the header;
 * collections cross that line when they grow, exact ones start beyond it.
 * A node copied before any of it still finds the current entries. */
static void test_value__big_blocks_and_old_nodes(void)
{
	hpa__arena a;
	hpa__value *s, *m, old_s, old_m, ex, *items;
	char key[32];
	size_t i;

	hpa__arena_init(&a, 0);
	s = hpa__v_seq(&a);
	m = hpa__v_map(&a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	old_s = *s;
	old_m = *m;
	for (i = 0; i < 5000; i++) {
		CU_ASSERT_EQUAL_FATAL(hpa__seq_append(s, hpa__v_int(&a, (int64_t)i)), 0);
		snprintf(key, sizeof(key), "k%zu", i);
		CU_ASSERT_EQUAL_FATAL(hpa__map_set(m, key, hpa__v_int(&a, (int64_t)i)), 0);
	}
	CU_ASSERT_EQUAL(hpa__v_count(s), 5000);
	CU_ASSERT_EQUAL(hpa__v_count(&old_s), 5000);
	CU_ASSERT_EQUAL(hpa__v_count(&old_m), 5000);
	CU_ASSERT(hpa__v_text_eq(hpa__seq_at(&old_s, 4999), "4999"));
	CU_ASSERT(hpa__v_text_eq(hpa__map_get(&old_m, "k2047"), "2047"));
	CU_ASSERT(hpa__v_text_eq(hpa__map_get(&old_m, "k2048"), "2048"));
	/* remove and insert build new blocks: the old nodes follow them too */
	CU_ASSERT_TRUE(hpa__seq_remove_at(s, 0));
	CU_ASSERT_TRUE(hpa__map_remove(m, "k0"));
	CU_ASSERT_EQUAL(hpa__v_count(&old_s), 4999);
	CU_ASSERT_EQUAL(hpa__v_count(&old_m), 4999);
	CU_ASSERT(hpa__v_text_eq(hpa__seq_at(&old_s, 0), "1"));
	CU_ASSERT_PTR_NULL(hpa__map_get(&old_m, "k0"));
	CU_ASSERT_PTR_EQUAL(hpa__v_arena(&old_s), &a);
	/* exact blocks of either size, as the readers make them */
	for (i = 2046; i <= 2049; i++) {
		items = hpa__v_init_seq_slots(&a, &ex, i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(items);
		CU_ASSERT_EQUAL(hpa__v_count(&ex), i);
		memcpy(&items[i - 1], hpa__seq_at(s, 7), sizeof(items[0]));
		items[0] = *hpa__seq_at(s, 9);
		CU_ASSERT(hpa__v_text_eq(hpa__seq_at(&ex, i - 1), "8"));
		CU_ASSERT_EQUAL(hpa__seq_append(&ex, hpa__v_int(&a, 1)), 0);
		CU_ASSERT_EQUAL(hpa__v_count(&ex), i + 1);
		CU_ASSERT(hpa__v_text_eq(hpa__seq_at(&ex, 0), "10"));
		CU_ASSERT(hpa__v_text_eq(hpa__seq_at(&ex, i), "1"));
	}
	hpa__arena_dispose(&a);
}

/* What the encoding promises (value.h): a line above 2^24-1 is unknown; a
 * column above 8191 is kept, up to 2^24-1, when the line is at most 8191 or
 * unknown. Written from that rule, not from the code. */
static size_t want_line(size_t line)
{
	return line <= 16777215u ? line : 0;
}

static size_t want_column(size_t line, size_t column)
{
	if (column <= 8191u)
		return column;
	if (column <= 16777215u && (line <= 8191u || line > 16777215u))
		return column;
	return 0;
}

static void test_value__positions_near_limits(void)
{
	static const size_t edges[] = {
		0, 1, 2, 80, 4095, 4096, 8190, 8191, 8192, 8193, 65535, 65536, 1000000,
		16777214, 16777215, 16777216, 16777217, 33554432, 4294967295u, SIZE_MAX
	};
	hpa__value v;
	size_t i, j, bad = 0;

	for (i = 0; i < HPA__ARRAY_SIZE(edges); i++)
		for (j = 0; j < HPA__ARRAY_SIZE(edges); j++) {
			size_t l = edges[i], c = edges[j];
			memset(&v, 0xFF, sizeof(v));
			v.kind = HPA__V_STR;
			v.style = HPA__STYLE_DOUBLE;
			v.flags = 0x5A;
			hpa__v_set_pos(&v, l, c, 1234);
			if (hpa__v_line(&v) != want_line(l) || hpa__v_column(&v) != want_column(l, c) ||
			    v.kind != HPA__V_STR || v.style != HPA__STYLE_DOUBLE || v.flags != 0x5A) {
				if (bad++ < 5)
					fprintf(stderr, "position %zu:%zu read back %zu:%zu\n", l, c,
						hpa__v_line(&v), hpa__v_column(&v));
			}
			CU_ASSERT_EQUAL(hpa__v_offset(&v), SIZE_MAX);
		}
	CU_ASSERT_EQUAL(bad, 0);
	/* ordinary text: exact; minified JSON: line 1, columns in the millions */
	hpa__v_set_pos(&v, 300000, 17, 0);
	CU_ASSERT_EQUAL(hpa__v_line(&v), 300000);
	CU_ASSERT_EQUAL(hpa__v_column(&v), 17);
	hpa__v_set_pos(&v, 1, 5000000, 0);
	CU_ASSERT_EQUAL(hpa__v_line(&v), 1);
	CU_ASSERT_EQUAL(hpa__v_column(&v), 5000000);
	/* a zeroed node has no position */
	memset(&v, 0, sizeof(v));
	CU_ASSERT_EQUAL(hpa__v_line(&v), 0);
	CU_ASSERT_EQUAL(hpa__v_column(&v), 0);
}

/* End to end: the YAML reader's positions of nodes far right on line 1 (one
 * flow line, as minified JSON would be) and far down reach the error,
 * checked against where the text is. */
static void test_value__positions_from_readers(void)
{
	const size_t pad = 20000;
	const char *head = "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"x\", \"annotations\": {\"a\": \"";
	const char *tail = "\"}}, \"spec\": {\"replicas\": \"three\"}}";
	size_t n = strlen(head) + pad + strlen(tail), i;
	char *buf = malloc(n + 1);
	hpa__buf y = HPA__BUF_INIT;
	char *longv = malloc(9001);
	hpa_manifest *m = NULL;
	hpa_error e = HPA_ERROR_INIT;

	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_PTR_NOT_NULL_FATAL(longv);
	memset(longv, 'y', 9000);
	longv[9000] = '\0';
	strcpy(buf, head);
	memset(buf + strlen(head), 'x', pad);
	strcpy(buf + strlen(head) + pad, tail);
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, buf, n, NULL, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(e.line, 1);
	/* the value "three" (1-based column of its opening quote) */
	CU_ASSERT_EQUAL(e.column, (size_t)(strstr(buf, "\"three\"") - buf) + 1);
	hpa_manifest_free(m);
	free(buf);

	/* 10,000 lines down, a key on column 3 and a long line above it */
	hpa__buf_puts(&y, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n  annotations:\n");
	for (i = 0; i < 10000; i++)
		hpa__buf_printf(&y, "    a%zu: \"%s\"\n", i, i == 9000 ? longv : "v");
	hpa__buf_puts(&y, "spec:\n  replicas: three\n");
	CU_ASSERT_FALSE_FATAL(hpa__buf_oom(&y));
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, y.ptr, y.len, NULL, &e), HPA_ETYPE);
	CU_ASSERT_EQUAL(e.line, 5 + 10000 + 2);
	CU_ASSERT_EQUAL(e.column, 13);
	hpa_manifest_free(m);
	hpa__buf_dispose(&y);
	free(longv);
}

/* References are addresses >> 2: only 4-aligned addresses below 2^47 fit
 * (lib/value fails with HPA_ENOMEM rather than store another). */
static void test_value__references(void)
{
	CU_ASSERT_TRUE(hpa__v_ref_fits((void *)(uintptr_t)0x1000));
	CU_ASSERT_TRUE(hpa__v_ref_fits((void *)(uintptr_t)0x1004));
	CU_ASSERT_FALSE(hpa__v_ref_fits((void *)(uintptr_t)0x1002));
#if UINTPTR_MAX > 0xFFFFFFFFu
	CU_ASSERT_TRUE(hpa__v_ref_fits((void *)(uintptr_t)0x7FFFFFFFFFFCu));
	CU_ASSERT_FALSE(hpa__v_ref_fits((void *)(uintptr_t)0x800000000000u));
	CU_ASSERT_FALSE(hpa__v_ref_fits((void *)(uintptr_t)0xFFFF800000000000u));
	{
		hpa__value v;
		memset(&v, 0, sizeof(v));
		hpa__v_set_ref_(&v, (void *)(uintptr_t)0x7FFFFFFFFFFCu);
		CU_ASSERT_PTR_EQUAL(hpa__v_ref_(&v), (void *)(uintptr_t)0x7FFFFFFFFFFCu);
		CU_ASSERT_EQUAL(v.kind, 0);
		CU_ASSERT_EQUAL(v.flags, 0);
	}
#endif
}

/* hpa__v_make composes the node's words directly: each field must read
 * back through the bit-fields and accessors exactly as written. */
static void test_value__make_matches_fields(void)
{
	static const uint32_t words[2] = { 0, 0 };
	static const size_t lines[] = { 0, 1, 7, 8191, 8192, 0xFFFFFF };
	static const size_t cols[] = { 0, 1, 13, 8191, 8192, 0xFFFFFF };
	const void *ref = &words[1];
	unsigned kind, style, flags;
	size_t li, ci;
	for (kind = 1; kind <= 7; kind++)
		for (style = 0; style <= 6; style++)
			for (flags = 0; flags <= 0x7F; flags += 0x15) {
				hpa__value v = hpa__v_make(ref, kind, style, flags, hpa__v_pos_code(3, 5));
				CU_ASSERT_EQUAL(v.kind, kind);
				CU_ASSERT_EQUAL(v.style, style);
				CU_ASSERT_EQUAL(v.flags, flags);
				CU_ASSERT_PTR_EQUAL(hpa__v_ref_(&v), ref);
				CU_ASSERT_EQUAL(hpa__v_line(&v), 3);
				CU_ASSERT_EQUAL(hpa__v_column(&v), 5);
			}
	/* the position word against hpa__v_set_pos on a node built field by field */
	for (li = 0; li < HPA__ARRAY_SIZE(lines); li++)
		for (ci = 0; ci < HPA__ARRAY_SIZE(cols); ci++) {
			hpa__value a, b;
			memset(&a, 0, sizeof(a));
			hpa__v_set_ref_(&a, ref);
			a.kind = HPA__V_MAP;
			a.style = HPA__STYLE_FLOW;
			a.flags = 0x40;
			hpa__v_set_pos(&a, lines[li], cols[ci], SIZE_MAX);
			b = hpa__v_make(ref, HPA__V_MAP, HPA__STYLE_FLOW, 0x40, hpa__v_pos_code(lines[li], cols[ci]));
			CU_ASSERT_EQUAL(memcmp(&a, &b, sizeof(a)), 0);
			CU_ASSERT_EQUAL(hpa__v_line(&b), hpa__v_line(&a));
			CU_ASSERT_EQUAL(hpa__v_column(&b), hpa__v_column(&a));
		}
}

/* Interning compares texts with word loads (overlapping for lengths that
 * are not multiples of 4 or 8): texts that differ in any one byte, at any
 * length up to 40, are distinct; equal texts are one copy. */
static void test_value__intern_distinguishes_every_byte(void)
{
	hpa__arena a;
	char base[41], other[41];
	size_t n, i;
	hpa__arena_init(&a, 0);
	for (n = 0; n <= 40; n++) {
		const char *t;
		for (i = 0; i < n; i++)
			base[i] = (char)('a' + (i * 7 + n) % 26);
		base[n] = '\0';
		t = hpa__v_intern(&a, base, n);
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_EQUAL(memcmp(t, base, n + 1), 0);
		memcpy(other, base, n + 1);
		CU_ASSERT_PTR_EQUAL(hpa__v_intern(&a, other, n), t);
		for (i = 0; i < n; i++) {
			const char *u;
			memcpy(other, base, n + 1);
			other[i] = (char)(other[i] ^ 0x20);   /* one byte differs */
			u = hpa__v_intern(&a, other, n);
			CU_ASSERT_PTR_NOT_NULL_FATAL(u);
			CU_ASSERT_PTR_NOT_EQUAL(u, t);
			CU_ASSERT_EQUAL(memcmp(u, other, n), 0);
			CU_ASSERT_PTR_EQUAL(hpa__v_intern(&a, other, n), u);
		}
		/* a NUL inside the text and a text that is a prefix */
		if (n >= 2) {
			memcpy(other, base, n + 1);
			other[n - 1] = '\0';
			CU_ASSERT_PTR_NOT_EQUAL(hpa__v_intern(&a, other, n), t);
			CU_ASSERT_PTR_NOT_EQUAL(hpa__v_intern(&a, base, n - 1), t);
		}
	}
	hpa__arena_dispose(&a);
}

/* The helpers themselves (text_int.h): a wrong comparison would show
 * through hpa__v_intern only on a hash collision. Every length up to 40,
 * every single differing byte; the tail word of 1-7 bytes is a function of
 * every byte (a hash built on it misses none). */
static void test_value__text_words(void)
{
	char x[48], y[48];
	size_t n, i;
	for (n = 0; n <= 40; n++) {
		for (i = 0; i < sizeof(x); i++)
			x[i] = y[i] = (char)('A' + (i * 5 + n) % 50);
		CU_ASSERT_TRUE(hpa__bytes_eq(x, y, n));
		for (i = 0; i < n; i++) {
			y[i] = (char)(y[i] ^ 0x01);
			CU_ASSERT_FALSE(hpa__bytes_eq(x, y, n));
			if (n >= 1 && n <= 7)
				CU_ASSERT_NOT_EQUAL(hpa__tail_word(x, n), hpa__tail_word(y, n));
			y[i] = x[i];
		}
		/* bytes past n do not count */
		y[n] = (char)(y[n] ^ 0x01);
		CU_ASSERT_TRUE(hpa__bytes_eq(x, y, n));
	}
}

static CU_TestInfo tests[] = {
	{ "node_size", test_value__node_size },
	{ "big_blocks_and_old_nodes", test_value__big_blocks_and_old_nodes },
	{ "positions_near_limits", test_value__positions_near_limits },
	{ "positions_from_readers", test_value__positions_from_readers },
	{ "references", test_value__references },
	{ "make_matches_fields", test_value__make_matches_fields },
	{ "intern_distinguishes_every_byte", test_value__intern_distinguishes_every_byte },
	{ "text_words", test_value__text_words },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_value = { "value", NULL, NULL, NULL, NULL, tests };
