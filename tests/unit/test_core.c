/* tests/unit/test_core.c -- errors, buffers, arena, options, version,
 * and the allocation-failure hook itself. */
#include "helpers.h"
#include "core/core.h"
#include <stdlib.h>
#include <string.h>

static void test_core__codes_are_stable(void)
{
	/* the numbers are ABI: never renumber */
	CU_ASSERT_EQUAL(HPA_OK, 0);
	CU_ASSERT_EQUAL(HPA_ERROR, -1);
	CU_ASSERT_EQUAL(HPA_ENOMEM, -2);
	CU_ASSERT_EQUAL(HPA_EINVAL, -3);
	CU_ASSERT_EQUAL(HPA_ESYNTAX, -4);
	CU_ASSERT_EQUAL(HPA_ETYPE, -5);
	CU_ASSERT_EQUAL(HPA_ERANGE, -6);
	CU_ASSERT_EQUAL(HPA_EMISSING, -7);
	CU_ASSERT_EQUAL(HPA_EUNKNOWNFIELD, -8);
	CU_ASSERT_EQUAL(HPA_EUNSUPPORTED, -9);
	CU_ASSERT_EQUAL(HPA_EVALIDATION, -10);
	CU_ASSERT_EQUAL(HPA_ELIMIT, -11);
	CU_ASSERT_EQUAL(HPA_EIO, -12);
	CU_ASSERT_EQUAL(HPA_ENOTFOUND, -13);
	CU_ASSERT_EQUAL(HPA_ITEROVER, -14);
	CU_ASSERT_STRING_EQUAL(hpa_strerror(HPA_ENOMEM), "out of memory");
	CU_ASSERT_STRING_EQUAL(hpa_error_code_name(HPA_ELIMIT), "HPA_ELIMIT");
	CU_ASSERT_STRING_EQUAL(hpa_strerror(12345), "unknown error code");
	for (int c = HPA_OK; c >= HPA_EUSAGE; c--)
		CU_ASSERT_STRING_NOT_EQUAL(hpa_strerror(c), "unknown error code");
}

static void test_core__error_init_and_format(void)
{
	hpa_error e = HPA_ERROR_INIT, e2;
	char buf[512];
	size_t n;

	CU_ASSERT_EQUAL(e.version, HPA_ERROR_VERSION);
	CU_ASSERT_EQUAL(e.offset, SIZE_MAX);
	CU_ASSERT_EQUAL(hpa_error_init(&e2, HPA_ERROR_VERSION), HPA_OK);
	CU_ASSERT_EQUAL(memcmp(&e, &e2, sizeof(e)), 0);
	CU_ASSERT_EQUAL(hpa_error_init(&e2, 0), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_error_init(&e2, HPA_ERROR_VERSION + 1), HPA_EINVAL);
	CU_ASSERT_EQUAL(hpa_error_init(NULL, HPA_ERROR_VERSION), HPA_EINVAL);

	CU_ASSERT_EQUAL(hpa__error(&e, HPA_ETYPE, "expected int32, got string \"%s\"", "three"), HPA_ETYPE);
	hpa__error_set_source(&e, "template.yml");
	hpa__error_set_pos(&e, 14, 17, 300);
	hpa__error_set_path(&e, "spec.replicas");
	hpa__error_set_document(&e, 1);
	n = hpa_error_format(&e, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "template.yml:14:17: spec.replicas: expected int32, got string \"three\" (document 2)");
	CU_ASSERT_EQUAL(n, strlen(buf));
	/* truncation behaves like snprintf: returns the full length */
	CU_ASSERT_EQUAL(hpa_error_format(&e, buf, 10), n);
	CU_ASSERT_EQUAL(strlen(buf), 9);
	/* unknown parts are left out */
	hpa__error_clear(&e);
	hpa__error(&e, HPA_EINVAL, "bad");
	hpa_error_format(&e, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "bad");
	/* NULL err is allowed everywhere */
	CU_ASSERT_EQUAL(hpa__error(NULL, HPA_EIO, "x"), HPA_EIO);
	CU_ASSERT_EQUAL(hpa_error_format(NULL, buf, sizeof(buf)), 0);
}

/* A reused hpa_error describes the latest failure only: a failure that
 * knows no position, path, source or document leaves them unknown instead
 * of keeping an earlier failure's (the audit's case: a YAML syntax error,
 * then hpa_decide(NULL, ...), printed the YAML error's place). */
static void test_core__reused_error_forgets_the_earlier_place(void)
{
	static const char doc[] = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n---\nkind: [\n";
	static const char dup[] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: 1\n  a: 2\n";
	hpa_error e = HPA_ERROR_INIT;
	hpa_manifest *m = NULL;
	hpa_decide_input in;
	char buf[512];

	CU_ASSERT_NOT_EQUAL(hpa_manifest_parse_yaml(&m, doc, sizeof(doc) - 1, NULL, &e), HPA_OK);
	CU_ASSERT(e.line > 0 && e.column > 0 && e.source[0] && e.document == 1);
	hpa_decide_input_init(&in, HPA_DECIDE_INPUT_VERSION);
	CU_ASSERT_EQUAL(hpa_decide(NULL, &in, NULL, NULL, &e), HPA_EINVAL);
	CU_ASSERT_EQUAL(e.line, 0);
	CU_ASSERT_EQUAL(e.column, 0);
	CU_ASSERT_EQUAL(e.offset, SIZE_MAX);
	CU_ASSERT_EQUAL(e.document, 0);
	CU_ASSERT_STRING_EQUAL(e.path, "");
	CU_ASSERT_STRING_EQUAL(e.source, "");
	hpa_error_format(&e, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, e.message);

	/* a path a reader builds before its failure survives that failure */
	CU_ASSERT_EQUAL(hpa_manifest_parse_yaml(&m, dup, sizeof(dup) - 1, NULL, &e), HPA_EDUPLICATE);
	CU_ASSERT_STRING_EQUAL(e.path, "data.a");
	CU_ASSERT_EQUAL(e.line, 7);
	CU_ASSERT(m == NULL);
}

static void test_core__message_is_one_line_and_utf8_safe(void)
{
	hpa_error e = HPA_ERROR_INIT;
	char big[600];
	hpa__error(&e, HPA_ERROR, "a\nb\rc");
	CU_ASSERT_STRING_EQUAL(e.message, "a b c");
	/* a long message of 3-byte characters is cut on a character boundary */
	for (size_t i = 0; i + 3 < sizeof(big); i += 3)
		memcpy(big + i, "\xea\xb0\x80", 3);
	big[597] = '\0';
	hpa__error(&e, HPA_ERROR, "%s", big);
	CU_ASSERT(strlen(e.message) % 3 == 0);
	CU_ASSERT(strlen(e.message) < HPA_ERROR_MESSAGE_MAX);
}

static void test_core__buf(void)
{
	hpa__buf b = HPA__BUF_INIT;
	char *s;
	size_t len;
	CU_ASSERT_EQUAL(hpa__buf_puts(&b, "abc"), 0);
	CU_ASSERT_EQUAL(hpa__buf_printf(&b, "-%d-", 42), 0);
	for (int i = 0; i < 1000; i++)
		hpa__buf_putc(&b, 'x');
	CU_ASSERT_EQUAL(b.len, 7 + 1000);
	s = hpa__buf_detach(&b, &len);
	CU_ASSERT_PTR_NOT_NULL(s);
	if (s) {
		CU_ASSERT_EQUAL(strncmp(s, "abc-42-x", 8), 0);
		CU_ASSERT_EQUAL(len, 1007);
	}
	hpa_free(s);
	CU_ASSERT_PTR_NULL(b.ptr);
}

static void test_core__arena(void)
{
	hpa__arena a;
	char *p[1000];
	hpa__arena_init(&a, 256);
	for (int i = 0; i < 1000; i++) {
		p[i] = hpa__arena_alloc(&a, (size_t)(i % 50) + 1);
		CU_ASSERT_PTR_NOT_NULL(p[i]);
		if (!p[i]) { hpa__arena_dispose(&a); return; }
		CU_ASSERT_EQUAL(((uintptr_t)p[i]) % 8, 0);
		memset(p[i], i & 0xff, (size_t)(i % 50) + 1);
	}
	for (int i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL((unsigned char)p[i][0], (unsigned)(i & 0xff));
	/* a big allocation gets its own block */
	CU_ASSERT_PTR_NOT_NULL(hpa__arena_alloc(&a, 100000));
	CU_ASSERT_STRING_EQUAL(hpa__arena_strndup(&a, "hello world", 5), "hello");
	hpa__arena_dispose(&a);
	CU_ASSERT_PTR_NULL(a.head);
	hpa__arena_dispose(&a); /* twice is fine */
}

typedef struct {
	unsigned int version;
	int a;
	int b; /* added in version 2 */
} opts_t;

static void test_core__options_copy(void)
{
	static const size_t sizes[] = { offsetof(opts_t, b), sizeof(opts_t) };
	opts_t def = { 2, 1, 7 }, dst, v1 = { 1, 5, 99 }, bad = { 0, 0, 0 }, future = { 3, 0, 0 };
	hpa_error e = HPA_ERROR_INIT;

	dst = def;
	CU_ASSERT_EQUAL(hpa__options_copy(&dst, NULL, sizes, 2, "opts_t", &e), 0);
	CU_ASSERT_EQUAL(dst.a, 1);
	dst = def;
	/* an old caller: only version 1's fields are read, b keeps the default */
	CU_ASSERT_EQUAL(hpa__options_copy(&dst, &v1, sizes, 2, "opts_t", &e), 0);
	CU_ASSERT_EQUAL(dst.a, 5);
	CU_ASSERT_EQUAL(dst.b, 7);
	CU_ASSERT_EQUAL(dst.version, 2);
	CU_ASSERT_EQUAL(hpa__options_copy(&dst, &bad, sizes, 2, "opts_t", &e), HPA_EINVAL);
	CU_ASSERT_STRING_EQUAL(e.message, "invalid version 0 on opts_t");
	CU_ASSERT_EQUAL(hpa__options_copy(&dst, &future, sizes, 2, "opts_t", &e), HPA_EINVAL);
}

static void test_core__version(void)
{
	int ma = -1, mi = -1, pa = -1;
	const char *v = hpa_version(&ma, &mi, &pa);
	char buf[64];
	snprintf(buf, sizeof(buf), "%d.%d.%d", ma, mi, pa);
	CU_ASSERT_STRING_EQUAL(v, buf);
	CU_ASSERT_STRING_EQUAL(v, HPA_VERSION);
	CU_ASSERT(HPA_VERSION_CHECK(0, 0, 1));
	CU_ASSERT(!HPA_VERSION_CHECK(HPA_VERSION_MAJOR + 1, 0, 0));
	CU_ASSERT_PTR_NOT_NULL(hpa_version(NULL, NULL, NULL));
}

static void test_core__alloc_failure_hook(void)
{
	hpa__buf b = HPA__BUF_INIT;
	void *p;
	hpa__test_fail_alloc_at(1);
	p = hpa__malloc(10);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT(hpa__test_alloc_failed());
	CU_ASSERT_EQUAL(hpa__buf_puts(&b, "x"), 0); /* 2nd allocation succeeds */
	hpa__buf_dispose(&b);
	hpa__test_fail_alloc_at(1);
	CU_ASSERT_EQUAL(hpa__buf_puts(&b, "x"), HPA_ENOMEM);
	CU_ASSERT(hpa__buf_oom(&b));
	CU_ASSERT_PTR_NULL(hpa__buf_detach(&b, NULL));
	hpa__test_fail_alloc_at(0);
	hpa_free(NULL);
}

static CU_TestInfo tests[] = {
	{ "codes_are_stable", test_core__codes_are_stable },
	{ "error_init_and_format", test_core__error_init_and_format },
	{ "reused_error_forgets_the_earlier_place", test_core__reused_error_forgets_the_earlier_place },
	{ "message_is_one_line_and_utf8_safe", test_core__message_is_one_line_and_utf8_safe },
	{ "buf", test_core__buf },
	{ "arena", test_core__arena },
	{ "options_copy", test_core__options_copy },
	{ "version", test_core__version },
	{ "alloc_failure_hook", test_core__alloc_failure_hook },
	CU_TEST_INFO_NULL
};

CU_SuiteInfo hpa_suite_core = { "core", NULL, NULL, NULL, NULL, tests };
