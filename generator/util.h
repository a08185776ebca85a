/* SPDX-License-Identifier: ISC */
/*
 * Small things every module needs: the out-of-memory policy, allocation
 * wrappers that never return NULL, LEN(), and a "did you mean" helper
 * for diagnostics.  Nothing here reports errors about the user's input.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdbool.h>
#include <stddef.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Print "kindly: out of memory" and exit with status 3. */
_Noreturn void oom(void);

/* Allocation wrappers that never return NULL: they call oom(). */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);

/*
 * Character classes of the C locale kindly runs in (ASCII; bytes of
 * UTF-8 sequences are in none), inline: the checks of plain language
 * ask them of every byte of every document, and <ctype.h> costs a call
 * each time.  A table says which class each byte is in.  Pass a byte as
 * unsigned char, as for <ctype.h>.
 */
enum {
	UTIL_DIGIT = 1,
	UTIL_UPPER = 2,
	UTIL_LOWER = 4,
	UTIL_SPACE = 8,
};

extern const unsigned char util_class[256];

static inline bool
util_digit(int c)
{
	return util_class[c & 0xff] & UTIL_DIGIT;
}

static inline bool
util_alpha(int c)
{
	return util_class[c & 0xff] & (UTIL_UPPER | UTIL_LOWER);
}

static inline bool
util_alnum(int c)
{
	return util_class[c & 0xff] & (UTIL_DIGIT | UTIL_UPPER | UTIL_LOWER);
}

static inline bool
util_upper(int c)
{
	return util_class[c & 0xff] & UTIL_UPPER;
}

static inline bool
util_lower(int c)
{
	return util_class[c & 0xff] & UTIL_LOWER;
}

static inline int
util_tolower(int c)
{
	return util_upper(c) ? c | 32 : c;
}

static inline bool
util_space(int c)
{
	return util_class[c & 0xff] & UTIL_SPACE;
}

/*
 * The candidate closest to 'word' by edit distance, or NULL when none is
 * close enough to be a likely typing slip.  Borrowed from 'cands'.
 */
const char *util_closest(const char *word, const char *const *cands, size_t n);

/*
 * Check that 'len' bytes at 's' are well-formed UTF-8 (no overlongs, no
 * surrogates).  Returns the offset of the first bad byte, or 'len'.
 */
size_t util_utf8_check(const char *s, size_t len);

/*
 * The length of the line at 'p' (which ends at 'end') without its end,
 * "\n" or "\r\n"; sets '*next' to the start of the next line.
 */
size_t util_line(const char *p, const char *end, const char **next);

/* The length of folder name 'dir' without trailing '/' ("/" stays). */
size_t util_dir_len(const char *dir);

/*
 * SOURCE_DATE_EPOCH: 1 with its seconds in '*secs' if it is set, 0 if
 * not, -1 after saying so on standard error if it is not a number of
 * seconds.  Builds take their times from it or from documents, never
 * from the clock.
 */
int util_source_date(long long *secs);

/* The first occurrence of 'needle' in 'len' bytes of 's', or NULL. */
const char *util_memstr(const char *s, size_t len, const char *needle);

/* Is the word 'w' ('n' bytes) one of the 'nlist' strings of 'list',
   ignoring case? */
bool
util_word_in(const char *w, size_t n, const char *const *list, size_t nlist);

/* The 1-based line and column (in characters) of byte 'off' of 's'. */
void util_line_col(const char *s, size_t off, unsigned *line, unsigned *col);

/*
 * util_line_col() counting on: byte 'from' of 's' is at '*line' and
 * '*col'; sets them for byte 'off', at or after it.
 */
void util_line_col_from(const char *s, size_t from, size_t off, unsigned *line,
    unsigned *col);

/*
 * True if 'rel' is a safe relative path: not empty, no leading '/', no
 * empty, "." or ".." component.  Such a path stays inside any folder it
 * is joined to.
 */
bool util_path_ok(const char *rel);

/*
 * An id, a case folder's name or a kind's name: 'len' bytes of a-z, 0-9
 * and '-', starting with a letter.
 */
bool util_id_ok(const char *s, size_t len);

/*
 * The next part of a dotted path ("meeting.date"): copies it to 'name'
 * (of 'size' bytes) and moves '*p' past it and its dot.  Returns false
 * at the end of the path, or if the part does not fit.
 */
bool util_path_next(const char **p, char *name, size_t size);

#endif /* !UTIL_H */
