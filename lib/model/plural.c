/*
 * lib/model/plural.c -- REST paths from aggregate names: the English plural
 * (docs/model.md, "REST paths") and MSA-Ez's naive service-name plural.
 *
 * The rule is ours, written from the usual English spelling rules (the ones
 * Spring Data REST's inflector and the `pluralize` package MSA-Ez uses both
 * implement): a table of irregular and invariable nouns matched on the last
 * CamelCase word, then suffix rules on the end of the word.
 */
#include "model/model_int.h"
#include <hpa/model.h>

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_vowel(char c)
{
	c = lower(c);
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Case-insensitive: does word[0..len) end with the lower-case sfx? */
static bool ends_with(const char *w, size_t len, const char *sfx)
{
	size_t n = strlen(sfx);
	if (n > len)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(w[len - n + i]) != sfx[i])
			return false;
	return true;
}

static bool eq_nocase(const char *w, size_t len, const char *s)
{
	return strlen(s) == len && ends_with(w, len, s);
}

/* Irregular nouns, matched on the whole last CamelCase word. */
static const char *const irregular[][2] = {
	{ "person", "people" }, { "man", "men" }, { "woman", "women" },
	{ "child", "children" }, { "tooth", "teeth" }, { "foot", "feet" },
	{ "mouse", "mice" }, { "goose", "geese" }, { "ox", "oxen" },
	{ "quiz", "quizzes" }
};

/* Nouns with the same singular and plural, matched on the last word. */
static const char *const invariable[] = {
	"data", "deer", "equipment", "feedback", "fish", "information",
	"metadata", "money", "news", "series", "sheep", "species"
};

/* -f / -fe nouns that take -ves, matched as suffixes (bookshelf). */
static const char *const ves_f[] = { "calf", "half", "leaf", "loaf", "self", "shelf", "thief", "wolf" };
static const char *const ves_fe[] = { "knife", "life", "wife" };
/* consonant + o nouns that take -es, matched as suffixes. */
static const char *const o_es[] = { "echo", "hero", "potato", "tomato", "torpedo", "veto" };

/* Append the ending s, in capitals when caps (case is kept: the ending
 * takes the case of a last word written in capitals). */
static int put_end(hpa__buf *b, const char *s, bool caps)
{
	for (; *s; s++)
		if (hpa__buf_putc(b, caps && is_lower(*s) ? (char)(*s - 'a' + 'A') : *s) < 0)
			return HPA_ENOMEM;
	return 0;
}

int hpa__model_plural_buf(hpa__buf *b, const char *w, size_t len)
{
	size_t last = 0; /* start of the last CamelCase word */
	size_t nupper = 0;
	bool caps = true;
	for (size_t i = 1; i < len; i++)
		if (is_upper(w[i]) && (is_lower(w[i - 1]) || is_digit(w[i - 1])))
			last = i;
	const char *lw = w + last;
	size_t llen = len - last;
	/* PERSON -> PEOPLE, CHILD -> CHILDREN: a last word of two or more
	 * letters, all capitals, gets a capital ending */
	for (size_t i = 0; i < llen; i++) {
		if (is_lower(lw[i]))
			caps = false;
		else if (is_upper(lw[i]))
			nupper++;
	}
	caps = caps && nupper >= 2;

	for (size_t i = 0; i < HPA__ARRAY_SIZE(invariable); i++)
		if (eq_nocase(lw, llen, invariable[i]))
			return hpa__buf_put(b, w, len);
	for (size_t i = 0; i < HPA__ARRAY_SIZE(irregular); i++) {
		if (eq_nocase(lw, llen, irregular[i][0])) {
			const char *pl = irregular[i][1];
			/* keep the word's own spelling where singular and plural agree,
			 * then the plural's tail in the word's case */
			size_t same = 0;
			while (same < llen && pl[same] && lower(lw[same]) == pl[same])
				same++;
			hpa__buf_put(b, w, last + same);
			return put_end(b, pl + same, caps);
		}
	}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(ves_fe); i++)
		if (ends_with(w, len, ves_fe[i])) {
			hpa__buf_put(b, w, len - 2);
			return put_end(b, "ves", caps);
		}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(ves_f); i++)
		if (ends_with(w, len, ves_f[i])) {
			hpa__buf_put(b, w, len - 1);
			return put_end(b, "ves", caps);
		}
	for (size_t i = 0; i < HPA__ARRAY_SIZE(o_es); i++)
		if (ends_with(w, len, o_es[i])) {
			hpa__buf_put(b, w, len);
			return put_end(b, "es", caps);
		}
	/* analysis -> analyses (a word of 4+ letters ending in -is) */
	if (llen >= 4 && ends_with(w, len, "is")) {
		hpa__buf_put(b, w, len - 2);
		return put_end(b, "es", caps);
	}
	/* category -> categories; day -> days */
	if (len >= 2 && lower(w[len - 1]) == 'y' && !is_vowel(w[len - 2]) && !is_digit(w[len - 2])) {
		hpa__buf_put(b, w, len - 1);
		return put_end(b, "ies", caps);
	}
	/* address -> addresses, box -> boxes, church -> churches */
	if (ends_with(w, len, "s") || ends_with(w, len, "x") || ends_with(w, len, "z")
		|| ends_with(w, len, "ch") || ends_with(w, len, "sh")) {
		hpa__buf_put(b, w, len);
		return put_end(b, "es", caps);
	}
	hpa__buf_put(b, w, len);
	return put_end(b, "s", caps);
}

int hpa_model_plural(char **out, const char *word, hpa_error *err)
{
	hpa__buf b = HPA__BUF_INIT;
	size_t len;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "out is NULL");
	*out = NULL;
	if (!word || !*word)
		return hpa__error(err, HPA_EINVAL, "empty word");
	len = strlen(word);
	if (!is_upper(word[0]) && !is_lower(word[0]))
		return hpa__error(err, HPA_EINVAL, "\"%s\" does not start with an ASCII letter", word);
	/* the identifiers the model loader derives REST paths from */
	for (size_t i = 0; i < len; i++)
		if (!is_upper(word[i]) && !is_lower(word[i]) && !is_digit(word[i]) && word[i] != '_')
			return hpa__error(err, HPA_EINVAL, "\"%s\" is not made of ASCII letters, digits and _", word);
	hpa__model_plural_buf(&b, word, len);
	if (hpa__buf_oom(&b)) {
		hpa__buf_dispose(&b);
		return hpa__enomem(err);
	}
	*out = hpa__buf_detach(&b, NULL);
	if (!*out)
		return hpa__enomem(err);
	return HPA_OK;
}

char *hpa__model_naive_plural(hpa__arena *a, const char *name)
{
	size_t n = strlen(name);
	char *s = hpa__arena_alloc(a, n + 4);
	if (!s)
		return NULL;
	for (size_t i = 0; i < n; i++)
		s[i] = lower(name[i]);
	s[n] = '\0';
	if (n > 0 && s[n - 1] == 's')
		memcpy(s + n, "es", 3);
	else if (n > 0 && s[n - 1] == 'y')
		memcpy(s + n - 1, "ies", 4);
	else
		memcpy(s + n, "s", 2);
	return s;
}
