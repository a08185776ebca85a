/* SPDX-License-Identifier: ISC */
/*
 * Out of memory is not an input error: there is nothing the user can fix
 * in their site, so we stop at once with exit status 3 (see README).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The C locale's classes; bytes from 128 up are in none. */
#define D UTIL_DIGIT
#define U UTIL_UPPER
#define L UTIL_LOWER
#define S UTIL_SPACE
const unsigned char util_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, S, S, S, S, S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, S, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0, 0, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, 0, 0, 0, 0, 0,
	/* 128 to 255: zero */
};
#undef D
#undef U
#undef L
#undef S

void
oom(void)
{
	fputs("kindly: out of memory\n", stderr);
	exit(3);
}

void *
xmalloc(size_t sz)
{
	void *p = malloc(sz == 0 ? 1 : sz);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz);

	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		oom();
	if ((p = realloc(p, n * sz == 0 ? 1 : n * sz)) == NULL)
		oom();
	return p;
}

char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/*
 * Edit distance with adjacent swaps counted as one edit ("jdae" is one
 * slip from "jade"), capped: names are short, so three rows suffice.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, best;
	size_t	rows[3][65], *pp = rows[0], *prev = rows[1], *cur = rows[2];
	size_t *tmp;

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
				best = pp[j - 2] + 1;
			cur[j] = best;
		}
		tmp = pp;
		pp = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[lb];
}

const char *
util_closest(const char *word, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t	    i, d, bestd = SIZE_MAX, limit;

	/* One slip in a short name, two in a longer one. */
	limit = strlen(word) < 5 ? 1 : 2;
	for (i = 0; i < n; i++) {
		d = distance(word, cands[i]);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

size_t
util_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t		     i = 0, n, k;
	unsigned	     c;
	uint64_t	     w;

	while (i < len) {
		/* Most text is ASCII: eight bytes at a time while it is. */
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			if ((w & 0x8080808080808080u) == 0) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return i;
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
		if ((c == 0xe0 && s[i + 1] < 0xa0) || /* overlong */
		    (c == 0xed && s[i + 1] > 0x9f) || /* surrogate */
		    (c == 0xf0 && s[i + 1] < 0x90) || /* overlong */
		    (c == 0xf4 && s[i + 1] > 0x8f))   /* past U+10FFFF */
			return i;
		i += n + 1;
	}
	return len;
}

size_t
util_line(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t	    n;

	if (nl == NULL) {
		*next = end;
		n = (size_t)(end - p);
	} else {
		*next = nl + 1;
		n = (size_t)(nl - p);
	}
	if (n > 0 && p[n - 1] == '\r')
		n--;
	return n;
}

size_t
util_dir_len(const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	return len;
}

void
util_line_col(const char *s, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	util_line_col_from(s, 0, off, line, col);
}

void
util_line_col_from(const char *s, size_t from, size_t off, unsigned *line,
    unsigned *col)
{
	size_t i;

	for (i = from; i < off; i++) {
		if (s[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

bool
util_path_ok(const char *rel)
{
	const char *p = rel;
	size_t	    n;

	if (*rel == '\0' || *rel == '/')
		return false;
	for (;;) {
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (p[n] == '\0')
			return true;
		p += n + 1;
	}
}

bool
util_path_next(const char **p, char *name, size_t size)
{
	const char *dot;
	size_t	    len;

	if (**p == '\0')
		return false;
	dot = strchr(*p, '.');
	len = dot == NULL ? strlen(*p) : (size_t)(dot - *p);
	if (len >= size)
		return false;
	memcpy(name, *p, len);
	name[len] = '\0';
	*p = dot == NULL ? *p + len : dot + 1;
	return true;
}

bool
util_id_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* Is word 'w' ('n' bytes) the string 's', ignoring case? */
static bool
same_word(const char *w, size_t n, const char *s)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (s[k] == '\0' ||
		    util_tolower((unsigned char)s[k]) !=
			util_tolower((unsigned char)w[k]))
			return false;
	return s[n] == '\0';
}

bool
util_word_in(const char *w, size_t n, const char *const *list, size_t nlist)
{
	int    c = n > 0 ? util_tolower((unsigned char)w[0]) : '\0';
	size_t i;

	/* First letters first: most words differ there. */
	for (i = 0; i < nlist; i++)
		if (util_tolower((unsigned char)list[i][0]) == c &&
		    same_word(w, n, list[i]))
			return true;
	return false;
}

const char *
util_memstr(const char *s, size_t len, const char *needle)
{
	size_t	    n = strlen(needle);
	const char *p = s, *end = s + len;

	/* memchr() finds each place the first byte is, fast. */
	while (n > 0 && (size_t)(end - p) >= n &&
	    (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, needle, n) == 0)
			return p;
		p++;
	}
	return NULL;
}

int
util_source_date(long long *secs)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char	   *end;

	if (sde == NULL || *sde == '\0')
		return 0;
	*secs = strtoll(sde, &end, 10);
	if (*end != '\0' || *secs < 0) {
		fputs("kindly: SOURCE_DATE_EPOCH should be a number of "
		      "seconds\n",
		    stderr);
		return -1;
	}
	return 1;
}
