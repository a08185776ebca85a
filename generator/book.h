/* SPDX-License-Identifier: ISC */
/*
 * A reader's e-book from pages the templates made: each page checked as
 * XHTML (xhtml.c) with ids given to its headings for the contents page,
 * then put in an EPUB (epub.c) with everything it links to (the theme's
 * assets, the case's pictures), and the accessibility metadata worked
 * out from what the pages hold.  build.c decides which pages make which
 * book; this file knows what a page needs to be one.
 */
#ifndef BOOK_H
#define BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "epub.h"
#include "xhtml.h"

struct arena;
struct buf;
struct picture;
struct theme;
struct value;

/* One page of a book. */
struct book_page {
	const char	 *file;	 /* in the book: "2025-06-20-cp-plan.xhtml" */
	const char	 *xhtml; /* the page, with ids on its headings */
	size_t		  len;
	struct xhtml_info info;
	const char	 *shown; /* what it was made from, for messages */
	bool		  ok;	 /* lang, title, headings in order, alt text */
};

/*
 * Check the page 'xhtml' that template 'tmpl' made from 'shown', and
 * keep it as 'file' in 'pg' (in 'a').  Returns -1 after reporting a page
 * that is not well-formed XHTML or holds a script.
 */
int book_page(struct arena *a, struct book_page *pg, const char *file,
    const char *xhtml, size_t len, const char *shown, const char *tmpl);

/* A book being put together. */
struct book {
	struct epub   epub;
	struct theme *theme;
	/* The theme's string 'key' (its words for the summary), or NULL. */
	const char *(*say)(void *ud, const char *key);
	void *say_ud;
	/* The pictures its pages show, the only case files it may hold. */
	const struct picture *const *pics;
	size_t			     npics;
	struct book_page	   **pages;
	size_t			     npages, cap;
};

/* Add page 'pg' (which must outlive the book) at 'spine'. */
void book_add(struct arena *a, struct book *b, struct book_page *pg,
    const char *props, enum epub_spine spine);

/*
 * Add what the pages link to, work out the accessibility metadata and
 * make the zip in 'out' (with 'out' NULL, only check: 'kindly check'
 * needs no bytes).  Returns -1 after reporting.
 */
int book_finish(struct arena *a, struct book *b, struct buf *out);

#endif /* !BOOK_H */
