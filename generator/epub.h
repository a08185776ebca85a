/* SPDX-License-Identifier: ISC */
/*
 * An EPUB 3.3 book, made in memory and written as one zip with libzip:
 * "mimetype" first, stored, with no extra field; META-INF/container.xml;
 * the package document; then the book's files in the order they were
 * added.  Every entry has the same fixed time and mode, and nothing is
 * random, so the same book is the same bytes on every build.
 *
 * The accessibility metadata (EPUB Accessibility 1.1) is derived from
 * what the caller found in the content: a feature is claimed only when
 * it is true of this book.
 */
#ifndef EPUB_H
#define EPUB_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct buf;

/* Where a file is in the reading order (the spine). */
enum epub_spine {
	EPUB_RESOURCE, /* not in it: a stylesheet, a picture */
	EPUB_READ,     /* read in order */
	EPUB_ASIDE,    /* in it, out of the linear order (linear="no") */
};

struct epub_item {
	const char     *path;  /* inside the book's folder: "letter.xhtml" */
	const char     *media; /* its media type */
	const char     *props; /* manifest properties ("nav"), or NULL */
	const void     *data;
	size_t		len;
	enum epub_spine spine;
};

struct epub {
	const char *id;	      /* "urn:uuid:..." (epub_uuid()) */
	const char *title;    /* dc:title */
	const char *lang;     /* dc:language, a BCP 47 tag */
	const char *creator;  /* dc:creator: the council */
	const char *date;     /* dc:date, "YYYY-MM-DD", or NULL */
	long long   modified; /* seconds since 1970, UTC */
	size_t	    images;   /* pictures in the content */
	size_t	    alts;     /* of them, with a text alternative */
	bool	    headings; /* every content document has headings */
	bool	    conforms; /* the build's accessibility checks passed */
	const char *summary;  /* schema:accessibilitySummary */
	struct epub_item *items;
	size_t		  nitems, cap;
};

/* Add a file to 'b'; its data must live until epub_zip(). */
void
epub_add(struct arena *a, struct epub *b, const char *path, const char *media,
    const char *props, const void *data, size_t len, enum epub_spine spine);

/* The file of 'b' at 'path', or NULL. */
const struct epub_item *epub_find(const struct epub *b, const char *path);

/* The media type of a file a book may hold, from its name; NULL if none. */
const char *epub_media_type(const char *path);

/*
 * A stable "urn:uuid:..." made from the 'n' strings of 'parts' (a hash,
 * never a random number), in 'a'.
 */
const char *epub_uuid(struct arena *a, const char *const *parts, size_t n);

/* The package document of 'b' (package.opf), in 'a'. */
char *epub_package(struct arena *a, const struct epub *b, size_t *len);

/*
 * The whole book as zip bytes in 'out'.  Returns -1 with a message in
 * '*err' (in 'a') if libzip fails.
 */
int epub_zip(struct arena *a, const struct epub *b, struct buf *out,
    const char **err);

#endif /* !EPUB_H */
