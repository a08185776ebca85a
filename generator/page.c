/* SPDX-License-Identifier: ISC */
/*
 * Only the first bad address of a page is reported: a template makes
 * many pages, and the same mistake on each says nothing new.
 */
#define DIAG_AREA "page"

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "html.h"
#include "page.h"
#include "url.h"
#include "util.h"

const char *
page_where(struct arena *a, const char *page, size_t len, size_t off)
{
	struct buf  near = { 0 };
	const char *eol, *out;
	size_t	    bol;
	unsigned    line, col;

	if (off > len)
		off = len;
	util_line_col(page, off, &line, &col);
	for (bol = off; bol > 0 && page[bol - 1] != '\n'; bol--)
		;
	eol = memchr(page + off, '\n', len - off);
	buf_one_line(&near, page + bol,
	    (eol != NULL ? (size_t)(eol - page) : len) - bol, 80);
	out = arena_printf(a, "line %u, column %u of the page (\"%s\")", line,
	    col, url_shown(a, buf_str(&near), near.len));
	buf_release(&near);
	return out;
}

int
page_refs(struct arena *a, const struct srcpos *pos, const char *what,
    const char *page, size_t len, const struct url_ref *refs, size_t n)
{
	const struct url_ref *r;
	const char	     *why;
	size_t		      i;

	for (i = 0; i < n; i++) {
		r = &refs[i];
		if (r->odd)
			return diag_error(pos,
			    "%s has the address '%s', with a character "
			    "reference that browsers read and kindly does "
			    "not; write the character itself (%s)",
			    what, url_shown(a, r->url, r->len),
			    page_where(a, page, len, r->at));
		if ((why = url_check(r->url, r->len, URL_LINK)) != NULL)
			return diag_error(pos, "%s %s '%s', %s (%s)", what,
			    r->load ? "loads" : "links to",
			    url_shown(a, r->url, r->len), why,
			    page_where(a, page, len, r->at));
		if (r->load && url_has_scheme(r->url, r->len))
			return diag_error(pos,
			    "%s loads '%s' (%s), which is not a file of the "
			    "site; pages and e-books never load anything from "
			    "elsewhere, so put the file in the theme's static/ "
			    "folder and write {{ assets }} and its name",
			    what, url_shown(a, r->url, r->len),
			    page_where(a, page, len, r->at));
	}
	return 0;
}

int
page_check_html(struct arena *a, const struct srcpos *pos, const char *tmpl,
    const char *page, size_t len)
{
	size_t		n;
	struct url_ref *refs = html_refs(a, page, len, &n);

	return page_refs(a, pos,
	    arena_printf(a, "the page made with template '%s'", tmpl), page,
	    len, refs, n);
}
