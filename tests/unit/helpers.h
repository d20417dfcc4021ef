/* tests/unit/helpers.h -- shared helpers for the CUnit suites. */
#ifndef HPA_TEST_HELPERS_H
#define HPA_TEST_HELPERS_H

#include <CUnit/CUnit.h>
#include <hpa/hpa.h>
#include <stddef.h>

/* Read a whole file into a NUL-terminated malloc'd buffer (free with free()).
 * Returns NULL when the file cannot be read. */
char *th_read_file(const char *path, size_t *len_out);
/* Write buf to path; returns 0 on success. */
int th_write_file(const char *path, const char *buf, size_t len);
/* Path under tests/data: th_data_path(buf, sizeof buf, "yaml/valid"). */
const char *th_data_path(char *buf, size_t size, const char *rel);
/* Path under ../shared, or NULL when the shared folder is absent. */
const char *th_shared_path(char *buf, size_t size, const char *rel);
/* Directory entries (sorted), NULL-terminated; free with th_free_list. */
char **th_list_dir(const char *dir);
void th_free_list(char **list);
/* True when path is a directory / regular file. */
int th_is_dir(const char *path);
int th_is_file(const char *path);
/* Strip trailing whitespace in place. */
void th_rstrip(char *s);

/* Assert an hpa_error has code, line, column (0 = do not check). */
#define TH_ASSERT_ERR(e, c, l, col) do { \
	CU_ASSERT_EQUAL((e).code, (c)); \
	if ((l)) CU_ASSERT_EQUAL((e).line, (size_t)(l)); \
	if ((col)) CU_ASSERT_EQUAL((e).column, (size_t)(col)); \
} while (0)

#endif
