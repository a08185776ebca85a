/* SPDX-License-Identifier: ISC */
/*
 * One Markdown source: splitting off the YAML front matter, and turning
 * the body into an HTML fragment that is safe to put in a page.  Raw HTML
 * in the source is never passed through; images must be local files and
 * must have alternative text; links must be web addresses (https:,
 * http:, mailto:, tel:) or links within the site (url.h).  This module is the only one that knows
 * cmark.
 */
#ifndef CONTENT_H
#define CONTENT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct srcpos;

/*
 * Split 'buf' into front matter and body.  Front matter is the text
 * between a first line "---" and the next line "---" (or "...").  Sets
 * '*yaml' and '*ylen' (NULL, 0 when there is none), '*body' and '*blen',
 * and '*bline', the line of the body's first byte.  Returns false if the
 * front matter is opened but never closed.
 */
bool content_split(const char *buf, size_t len, const char **yaml, size_t *ylen,
    const char **body, size_t *blen, unsigned *bline);

/*
 * Called for each local image with 'path', its address percent-decoded
 * (a file name), 'written', the address as the document wrote it (for
 * messages), and its position.  Returns the address the page links to
 * instead (the picture's name in the output), or NULL after reporting.
 */
typedef const char *content_image_fn(void *ud, const char *path,
    const char *written, const struct srcpos *pos);

struct content_opts {
	const char	 *file;	 /* for diagnostics, relative to the site */
	unsigned	  line0; /* line of the Markdown's first byte */
	content_image_fn *image; /* NULL: images are an error */
	void		 *ud;	 /* passed to image() */
	bool		  quiet; /* no warnings: they were given by a check */
};

/*
 * Render 'len' bytes of Markdown to an HTML fragment in 'a'.  Headings
 * are moved down one level when the text uses '#', since the page title
 * is the page's only top-level heading.  With no image() callback, any
 * image makes it return NULL without a report.  Returns NULL after reporting
 * (a remote image, an image without alternative text, a refused image, a
 * link that is not a web address).
 */
char *content_markdown(struct arena *a, const struct content_opts *,
    const char *md, size_t len);

/*
 * As content_markdown(), but a link that url.h refuses is not reported:
 * it returns NULL with '*why' saying what is wrong ("a link to 'x',
 * which ..."), for a caller that reports it itself.  '*why' stays NULL
 * when the NULL is for an image.
 */
char *content_markdown_why(struct arena *a, const struct content_opts *,
    const char *md, size_t len, const char **why);

/*
 * The bytes of memory cmark took for the last content_markdown(), the
 * HTML included: at most about 500 times the Markdown's length (a '>'
 * opens a block quote, a '[' or '"' a node of its own).  For callers
 * that count the memory their Markdown uses.
 */
size_t content_markdown_taken(void);

#endif /* !CONTENT_H */
