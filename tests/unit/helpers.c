/* tests/unit/helpers.c -- file and fixture helpers for the suites. */
#include "helpers.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *th_read_file(const char *path, size_t *len_out)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, len = 0, n;
	if (!f)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap ? cap * 2 : 8192);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap = cap ? cap * 2 : 8192;
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	fclose(f);
	buf[len] = '\0';
	if (len_out)
		*len_out = len;
	return buf;
}

int th_write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	if (fwrite(buf, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

const char *th_data_path(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", HPA_TEST_DATA, rel);
	return buf;
}

const char *th_shared_path(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", HPA_SHARED_DIR, rel);
	return th_is_dir(HPA_SHARED_DIR) ? buf : NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **th_list_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **list = NULL;
	size_t n = 0, cap = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n + 2 > cap) {
			char **nl = realloc(list, (cap ? cap * 2 : 16) * sizeof(*list));
			if (!nl)
				break;
			list = nl;
			cap = cap ? cap * 2 : 16;
		}
		list[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (!list) {
		list = calloc(1, sizeof(*list));
		return list;
	}
	list[n] = NULL;
	qsort(list, n, sizeof(*list), cmp_str);
	return list;
}

void th_free_list(char **list)
{
	if (!list)
		return;
	for (char **p = list; *p; p++)
		free(*p);
	free(list);
}

int th_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int th_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

void th_rstrip(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}
