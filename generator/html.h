/* SPDX-License-Identifier: ISC */
/*
 * HTML escaping, and the addresses an HTML page holds.  Text and
 * attribute values are escaped the same way (the five characters
 * & < > " '), so one function serves both; it is what makes {{ }} in
 * templates safe.  html_refs() reads a web page's tags the way a browser
 * does, to find every attribute that holds an address (the e-book's
 * XHTML is read by xhtml.c, which asks html_url_attr() the same
 * question).
 */
#ifndef HTML_H
#define HTML_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct buf;
struct url_ref;

/* The entity for byte 'c', or NULL if it needs no escaping. */
const char *html_entity(int c);

/* Append 'len' bytes of 's' to 'b', escaped. */
void html_escape(struct buf *b, const char *s, size_t len);

/* Append character 'c' (a Unicode scalar value) to 'b' as UTF-8. */
void html_put_char(struct buf *b, unsigned long c);

/*
 * The local part of the name 'name' ('*len' bytes): what follows its
 * namespace prefix ("svg:a" -> "a", "a" -> "a"); '*len' becomes its
 * length.
 */
const char *html_local(const char *name, size_t *len);

/* How an attribute holds an address. */
enum html_url {
	HTML_URL_NONE,
	HTML_URL_LINK, /* followed: <a href>, <form action> */
	HTML_URL_LOAD, /* fetched to show the page: src, <link href> */
	HTML_URL_SET,  /* a list of files fetched: srcset */
};

/*
 * How attribute 'attr' of element 'tag' holds an address.  Names are
 * compared in any case, by their local part ("svg:a", "xlink:href"),
 * so that a namespace prefix cannot hide one.
 */
enum html_url
html_url_attr(const char *tag, size_t tlen, const char *attr, size_t alen);

/*
 * Add to '*refs' ('*n' of them, room for '*cap', in 'a') the addresses
 * of attribute 'attr' of element 'tag' at byte 'at' of the page, whose
 * value, decoded, is 'v' ('vlen' bytes): none, one, or one for each
 * file of a srcset.
 */
void html_add_refs(struct arena *a, struct url_ref **refs, size_t *n,
    size_t *cap, const char *tag, size_t tlen, const char *attr, size_t alen,
    const char *v, size_t vlen, size_t at);

/*
 * Add to '*refs' the file each url(...) and @import of the CSS 'css'
 * ('len' bytes) loads, in any case, comments left out: each at byte
 * 'at' of its page, or, if 'inside' (the CSS is the page's own bytes,
 * not a decoded attribute), at 'at' and its place in 'css'.
 */
void html_css_refs(struct arena *a, struct url_ref **refs, size_t *n,
    size_t *cap, const char *css, size_t len, size_t at, bool inside);

/*
 * Every address in the attributes of the HTML page 's' ('len' bytes),
 * in 'a'; sets '*n'.  Comments and the text of <script> are skipped,
 * and the CSS of <style> and style attributes read for url(); values quoted either way or not at all are read, with their
 * character references.
 */
struct url_ref *
html_refs(struct arena *a, const char *s, size_t len, size_t *n);

#endif /* !HTML_H */
