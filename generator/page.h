/* SPDX-License-Identifier: ISC */
/*
 * The last look at a page a template made, web page or e-book page:
 * where a byte of it is, as messages quote it, and every address it
 * holds held to the rule of url.h.  A template can write any address
 * (a theme is untrusted, and data may reach an href through a field no
 * one checks as an address), so the rule is applied to what was made,
 * not only to what went in.
 */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>

struct arena;
struct srcpos;
struct url_ref;

/*
 * Byte 'off' of 'page' ('len' bytes) for a message: 'line 17, column 5
 * of the page ("<p>the line there</p>")', in 'a'.
 */
const char *
page_where(struct arena *a, const char *page, size_t len, size_t off);

/*
 * Hold the 'n' addresses 'refs' of 'page' to the rule: each may be
 * followed (a web address, or a link within the site or book) and
 * each file loaded to show the page comes from the site or book, not
 * from elsewhere.  'what' names the page ("the e-book page made with
 * template 'letter.html'").  Reports the first that breaks it at 'pos'
 * and returns -1; 0 if none does.
 */
int page_refs(struct arena *a, const struct srcpos *pos, const char *what,
    const char *page, size_t len, const struct url_ref *refs, size_t n);

/* page_refs() for the web page 'page' that template 'tmpl' made. */
int page_check_html(struct arena *a, const struct srcpos *pos, const char *tmpl,
    const char *page, size_t len);

#endif /* !PAGE_H */
