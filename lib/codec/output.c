/*
 * lib/codec/output.c -- output sinks, the key order shared by both writers,
 * and the public writer entry points.
 */
#include "codec/codec_int.h"
#include <errno.h>
#include <stdio.h>

#define FLUSH_AT 65536

/* ---- sinks ----------------------------------------------------------------------------- */

int hpa__out_flush(hpa__out *o)
{
	if (o->failed)
		return o->failed;
	if (o->cb && o->len) {
		if (o->cb(o->ptr, o->len, o->payload) < 0) {
			o->failed = HPA_EIO;
			return HPA_EIO;
		}
		o->len = 0;
	}
	return 0;
}

int hpa__out_reserve_slow(hpa__out *o, size_t n)
{
	size_t need, ncap;
	char *p;
	if (o->failed)
		return o->failed;
	if (o->cb && o->len >= FLUSH_AT) {
		if (hpa__out_flush(o) < 0)
			return o->failed;
		if (o->cap - o->len >= n)
			return 0;
	}
	if (n > SIZE_MAX - o->len - 1) {
		o->failed = HPA_ENOMEM;
		return HPA_ENOMEM;
	}
	need = o->len + n + 1;  /* room for a final NUL */
	ncap = o->cap ? o->cap : 4096;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	p = hpa__realloc(o->ptr, ncap);
	if (!p) {
		o->failed = HPA_ENOMEM;
		return HPA_ENOMEM;
	}
	o->ptr = p;
	o->cap = ncap - 1;  /* keep the NUL byte out of the usable room */
	return 0;
}

void hpa__out_dispose(hpa__out *o)
{
	hpa__free(o->ptr);
	o->ptr = NULL;
	o->len = o->cap = 0;
}

/* ---- key order ------------------------------------------------------------------------------- */

static const char *const top_keys[] = { "apiVersion", "kind", "metadata", "spec", "status" };

static uint32_t next_rune(const char *s, size_t n, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	uint32_t r;
	size_t w, k;
	if (c < 0x80) {
		(*i)++;
		return c;
	}
	w = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	r = c & (w == 2 ? 0x1F : w == 3 ? 0x0F : 0x07);
	for (k = 1; k < w && *i + k < n; k++)
		r = (r << 6) | ((unsigned char)s[*i + k] & 0x3F);
	*i += w;
	return r;
}

/* unicode.IsLetter, approximated: ASCII letters, and every non-ASCII rune
 * that is not punctuation from the Latin-1 block */
static bool is_letter(uint32_t r)
{
	if (r < 0x80)
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
	if (r < 0xC0)
		return r == 0xAA || r == 0xB5 || r == 0xBA;
	return r != 0xD7 && r != 0xF7;
}

static bool is_dig(uint32_t r) { return r >= '0' && r <= '9'; }

#define MAX_RUNES 256

/* uint64 -> int64 as Go converts (two's complement), without the
 * implementation-defined conversion of an out-of-range value */
static int64_t wrap64(uint64_t u)
{
	return u <= (uint64_t)INT64_MAX ? (int64_t)u : -(int64_t)(~u) - 1;
}

/* go-yaml v2 keyList.Less for two string keys (sorter.go) */
static bool go_less(const hpa__value *ka, const hpa__value *kb)
{
	uint32_t ar[MAX_RUNES], br[MAX_RUNES];
	size_t an_ = 0, bn_ = 0, i;
	const char *a = hpa__v_text(ka), *b = hpa__v_text(kb);
	size_t al = hpa__v_textlen(ka), bl = hpa__v_textlen(kb);
	for (i = 0; i < al && an_ < MAX_RUNES;)
		ar[an_++] = next_rune(a, al, &i);
	for (i = 0; i < bl && bn_ < MAX_RUNES;)
		br[bn_++] = next_rune(b, bl, &i);
	for (i = 0; i < an_ && i < bn_; i++) {
		bool la, lb;
		size_t ai, bi, j;
		int64_t an = 0, bn = 0;
		if (ar[i] == br[i])
			continue;
		la = is_letter(ar[i]);
		lb = is_letter(br[i]);
		if (la && lb)
			return ar[i] < br[i];
		if (la || lb)
			return lb;
		if (ar[i] == '0' || br[i] == '0') {
			for (j = i; j-- > 0 && is_dig(ar[j]);) {
				if (ar[j] != '0') {
					an = 1;
					bn = 1;
					break;
				}
			}
		}
		/* Go's int64 arithmetic wraps on overflow (long digit runs):
		 * the same in unsigned, then the two's complement value */
		for (ai = i; ai < an_ && is_dig(ar[ai]); ai++)
			an = wrap64((uint64_t)an * 10u + (uint64_t)(ar[ai] - '0'));
		for (bi = i; bi < bn_ && is_dig(br[bi]); bi++)
			bn = wrap64((uint64_t)bn * 10u + (uint64_t)(br[bi] - '0'));
		if (an != bn)
			return an < bn;
		if (ai != bi)
			return ai < bi;
		return ar[i] < br[i];
	}
	if (an_ == MAX_RUNES && bn_ == MAX_RUNES)
		return al < bl;
	return an_ < bn_;
}

/* Plain byte order of two keys (a total order). */
static bool byte_less(const hpa__value *ka, const hpa__value *kb)
{
	size_t al = hpa__v_textlen(ka), bl = hpa__v_textlen(kb);
	int c = memcmp(hpa__v_text(ka), hpa__v_text(kb), al < bl ? al : bl);
	return c < 0 || (c == 0 && al < bl);
}

typedef bool (*key_less_fn)(const hpa__value *, const hpa__value *);

/* stable insertion/merge sort of idx[0..n) by less */
static void sort_idx(const hpa__value *map, size_t *idx, size_t *tmp, size_t n, key_less_fn less)
{
	size_t i, j, w;
	if (n < 2)
		return;
	if (n <= 16 || !tmp) {
		for (i = 1; i < n; i++) {
			size_t x = idx[i];
			j = i;
			while (j > 0 && less(hpa__map_key(map, x), hpa__map_key(map, idx[j - 1]))) {
				idx[j] = idx[j - 1];
				j--;
			}
			idx[j] = x;
		}
		return;
	}
	w = n / 2;
	sort_idx(map, idx, tmp, w, less);
	sort_idx(map, idx + w, tmp, n - w, less);
	memcpy(tmp, idx, n * sizeof(*idx));
	for (i = 0, j = w; i < w || j < n;) {
		if (j >= n || (i < w && !less(hpa__map_key(map, tmp[j]), hpa__map_key(map, tmp[i]))))
			*idx++ = tmp[i++];
		else
			*idx++ = tmp[j++];
	}
}

static bool key_is(const hpa__value *k, const char *s)
{
	size_t n = strlen(s);
	return hpa__v_textlen(k) == n && memcmp(hpa__v_text(k), s, n) == 0;
}

size_t hpa__key_order(const hpa__value *map, bool top, unsigned int flags, size_t *idx)
{
	size_t n = hpa__v_count(map), i, k, c = 0;

	if (flags & HPA_WRITE_SORT_KEYS) {
		size_t *tmp = NULL;
		for (i = 0; i < n; i++)
			if (!(top && (flags & HPA_WRITE_OMIT_STATUS) && key_is(hpa__map_key(map, i), "status")))
				idx[c++] = i;
		if (c > 16) {
			tmp = hpa__malloc(c * sizeof(*tmp));
			if (!tmp)
				return SIZE_MAX;
		}
		/* go-yaml's order is not transitive for some keys (digit runs
		 * against letters: "a9223z" < "a922i" < "a7223z" < "a9223z"), and
		 * then its result depends on the order the sort starts from,
		 * which in Go is the map's random iteration order. Starting
		 * from the keys in byte order makes the result a function of
		 * the keys alone, so that what is written reads back and writes
		 * again the same; for keys go-yaml orders consistently the
		 * result is that order, whatever the start. */
		sort_idx(map, idx, tmp, c, byte_less);
		sort_idx(map, idx, tmp, c, go_less);
		hpa__free(tmp);
		return c;
	}
	if (!top) {
		for (i = 0; i < n; i++)
			idx[i] = i;
		return n;
	}
	for (k = 0; k < HPA__ARRAY_SIZE(top_keys); k++) {
		if (k == 4 && (flags & HPA_WRITE_OMIT_STATUS))
			break;
		for (i = 0; i < n; i++)
			if (key_is(hpa__map_key(map, i), top_keys[k])) {
				idx[c++] = i;
				break;
			}
	}
	for (i = 0; i < n; i++) {
		bool skip = false;
		for (k = 0; k < HPA__ARRAY_SIZE(top_keys) && !skip; k++)
			if (key_is(hpa__map_key(map, i), top_keys[k]))
				skip = true;
		if (!skip)
			idx[c++] = i;
	}
	/* a key listed twice (possible with ALLOW_DUPLICATES trees built by
	 * hand) keeps only its first position: nothing more to do */
	return c;
}

/* ---- running writers ------------------------------------------------------------------------ */

int hpa__write_mem(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	char **out, size_t *len_out, const hpa_write_options *user, hpa_error *err)
{
	hpa_write_options wo;
	hpa__out o;
	int rc;
	memset(&o, 0, sizeof(o));
	rc = hpa__write_opts(&wo, user, err);
	if (rc < 0)
		return rc;
	if (hpa__out_reserve(&o, 1) < 0)
		return hpa__enomem(err);
	rc = fn(&o, objs, n, &wo, err);
	if (rc == 0 && o.failed)
		rc = o.failed == HPA_ENOMEM ? hpa__enomem(err) : hpa__error(err, o.failed, "write failed");
	if (rc < 0) {
		hpa__out_dispose(&o);
		return rc;
	}
	o.ptr[o.len] = '\0';
	*out = o.ptr;
	if (len_out)
		*len_out = o.len;
	return 0;
}

int hpa__write_cb(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	hpa_write_cb cb, void *payload, const hpa_write_options *user, hpa_error *err)
{
	hpa_write_options wo;
	hpa__out o;
	int rc;
	memset(&o, 0, sizeof(o));
	o.cb = cb;
	o.payload = payload;
	rc = hpa__write_opts(&wo, user, err);
	if (rc < 0)
		return rc;
	rc = fn(&o, objs, n, &wo, err);
	if (rc == 0)
		hpa__out_flush(&o);
	if (rc == 0 && o.failed)
		rc = o.failed == HPA_ENOMEM ? hpa__enomem(err) : hpa__error(err, o.failed, "write callback failed");
	hpa__out_dispose(&o);
	return rc;
}

static int fp_write(const void *buf, size_t size, void *payload)
{
	return fwrite(buf, 1, size, (FILE *)payload) == size ? 0 : -1;
}

int hpa__write_fp(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	FILE *fp, const hpa_write_options *user, hpa_error *err)
{
	int rc = hpa__write_cb(fn, objs, n, fp_write, fp, user, err);
	if (rc == HPA_EIO)
		hpa__error(err, HPA_EIO, "write error");
	return rc;
}

int hpa__write_path(hpa__writer_fn fn, const hpa_object *const *objs, size_t n,
	const char *path, const hpa_write_options *user, hpa_error *err)
{
	FILE *fp = fopen(path, "wb");
	int rc;
	if (!fp) {
		hpa__error(err, HPA_EIO, "cannot open for writing: %s", strerror(errno));
		hpa__error_set_source(err, path);
		return HPA_EIO;
	}
	rc = hpa__write_fp(fn, objs, n, fp, user, err);
	if (fclose(fp) != 0 && rc == 0) {
		rc = hpa__error(err, HPA_EIO, "cannot write: %s", strerror(errno));
		hpa__error_set_source(err, path);
	}
	return rc;
}

/* ---- public entry points -------------------------------------------------------------------- */

static int check_manifest(const hpa_manifest *m, hpa_error *err)
{
	hpa__error_clear(err);
	if (!m)
		return hpa__error(err, HPA_EINVAL, "manifest is NULL");
	return 0;
}

#define OBJS(m) ((const hpa_object *const *)(m)->objects)

int hpa_manifest_write_yaml(const hpa_manifest *m, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if (out)
		*out = NULL;
	if (len_out)
		*len_out = 0;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	return hpa__write_mem(hpa__yaml_write, OBJS(m), m->count, out, len_out, opts, err);
}

int hpa_manifest_write_yaml_file(const hpa_manifest *m, const char *path,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!path)
		return hpa__error(err, HPA_EINVAL, "path is NULL");
	return hpa__write_path(hpa__yaml_write, OBJS(m), m->count, path, opts, err);
}

int hpa_manifest_write_yaml_fp(const hpa_manifest *m, FILE *fp,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!fp)
		return hpa__error(err, HPA_EINVAL, "fp is NULL");
	return hpa__write_fp(hpa__yaml_write, OBJS(m), m->count, fp, opts, err);
}

int hpa_manifest_write_yaml_cb(const hpa_manifest *m, hpa_write_cb write, void *payload,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!write)
		return hpa__error(err, HPA_EINVAL, "callback is NULL");
	return hpa__write_cb(hpa__yaml_write, OBJS(m), m->count, write, payload, opts, err);
}

int hpa_manifest_write_json(const hpa_manifest *m, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if (out)
		*out = NULL;
	if (len_out)
		*len_out = 0;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	return hpa__write_mem(hpa__json_write, OBJS(m), m->count, out, len_out, opts, err);
}

int hpa_manifest_write_json_file(const hpa_manifest *m, const char *path,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!path)
		return hpa__error(err, HPA_EINVAL, "path is NULL");
	return hpa__write_path(hpa__json_write, OBJS(m), m->count, path, opts, err);
}

int hpa_manifest_write_json_fp(const hpa_manifest *m, FILE *fp,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!fp)
		return hpa__error(err, HPA_EINVAL, "fp is NULL");
	return hpa__write_fp(hpa__json_write, OBJS(m), m->count, fp, opts, err);
}

int hpa_manifest_write_json_cb(const hpa_manifest *m, hpa_write_cb write, void *payload,
	const hpa_write_options *opts, hpa_error *err)
{
	int rc;
	if ((rc = check_manifest(m, err)) < 0)
		return rc;
	if (!write)
		return hpa__error(err, HPA_EINVAL, "callback is NULL");
	return hpa__write_cb(hpa__json_write, OBJS(m), m->count, write, payload, opts, err);
}

static int write_object(hpa__writer_fn fn, const hpa_object *obj, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err)
{
	if (out)
		*out = NULL;
	if (len_out)
		*len_out = 0;
	hpa__error_clear(err);
	if (!obj || !out)
		return hpa__error(err, HPA_EINVAL, "object or out is NULL");
	return hpa__write_mem(fn, &obj, 1, out, len_out, opts, err);
}

int hpa_object_write_yaml(const hpa_object *obj, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err)
{
	return write_object(hpa__yaml_write, obj, out, len_out, opts, err);
}

int hpa_object_write_json(const hpa_object *obj, char **out, size_t *len_out,
	const hpa_write_options *opts, hpa_error *err)
{
	return write_object(hpa__json_write, obj, out, len_out, opts, err);
}
