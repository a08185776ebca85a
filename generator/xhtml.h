/* SPDX-License-Identifier: ISC */
/*
 * The e-book's pages as XML.  An EPUB's content documents must be
 * well-formed XHTML, and a theme's templates are written by people who
 * know HTML: xhtml_scan() checks a rendered page the way an XML parser
 * would (one root, every element closed and in order, attributes quoted
 * and given values, only the five XML entities, valid UTF-8, no control
 * characters), and on the way gathers what the book's contents page and
 * its accessibility metadata are made from, and every address the page
 * links to or loads.  Headings do not nest, ids are unique and one
 * element has at most XHTML_MAX_ATTRS attributes.  No I/O.
 */
#ifndef XHTML_H
#define XHTML_H

#include <stdbool.h>
#include <stddef.h>

#define XHTML_MAX_ATTRS 64

struct arena;
struct url_ref;

struct xhtml_heading {
	int	    level; /* 1..6 */
	const char *text;  /* its words (and its pictures' alt text),
			      entities decoded, spaces squashed; never NULL,
			      "" if it has none */
	const char *id;	   /* its id attribute, or NULL */
	size_t	    start; /* the offset of its '<' */
	size_t	    at;	   /* the offset just after "<hN", for an id */
};

struct xhtml_info {
	const char	     *title; /* the first <title>'s text, or NULL */
	const char	     *lang;  /* <html lang> or xml:lang, or NULL */
	bool		      ns;    /* <html> has the XHTML namespace */
	struct xhtml_heading *heads; /* every heading, in order */
	size_t		      nheads;
	size_t		      images; /* <img> elements */
	size_t		      alts;   /* of them, with a non-empty alt */
	size_t		      svgs;   /* <svg> elements, drawn in the page */
	/* The first thing that could run a script or show another page
	 * ("a <script>", "the attribute 'onclick'"), or NULL. */
	const char     *active;
	size_t		active_at;
	struct url_ref *refs; /* every address in an attribute */
	size_t		nrefs;
	const char    **ids; /* every id, sorted (strcmp) */
	size_t		nids;
};

/*
 * Check that 'len' bytes of 's' are a well-formed XML document and fill
 * 'info' (in 'a').  Returns NULL if they are; otherwise what is wrong and
 * what to write instead, with '*off' set to the byte where it is.
 */
const char *xhtml_scan(struct arena *a, const char *s, size_t len,
    struct xhtml_info *info, size_t *off);

/*
 * 's' with an id added to each heading of level 'max' or less that has
 * none: "PREFIX1", "PREFIX2" ... in order (skipping any the page has
 * already), also set in info->heads.
 * Returns 's' itself if nothing was added; sets '*outlen'.
 */
const char *xhtml_add_ids(struct arena *a, const char *s, size_t len,
    struct xhtml_info *info, int max, const char *prefix, size_t *outlen);

#endif /* !XHTML_H */
