/* SPDX-License-Identifier: ISC */
/*
 * Links are resolved when the book is finished, not page by page, so
 * that the contents page may link to chapters added after it.  What a
 * page links to must be in the book: a chapter, a theme asset
 * ("assets/...", from the theme's static/ folder) or a picture from the
 * case folder.  Anything else is an error, because an e-book reader
 * cannot follow a link out of the book to the site.  Nothing is loaded
 * from elsewhere, by a page or by a stylesheet: an e-book reader would
 * fetch it each time the book is opened.
 */
#define DIAG_AREA "epub"

#include <string.h>

#include "arena.h"
#include "book.h"
#include "buf.h"
#include "diag.h"
#include "html.h"
#include "page.h"
#include "picture.h"
#include "theme.h"
#include "url.h"
#include "util.h"
#include "value.h"

/* True if headings start at h1 and never skip a level going down. */
static bool
headings_in_order(const struct xhtml_info *in)
{
	size_t i;

	if (in->nheads == 0 || in->heads[0].level != 1)
		return false;
	for (i = 1; i < in->nheads; i++)
		if (in->heads[i].level > in->heads[i - 1].level + 1)
			return false;
	return true;
}

int
book_page(struct arena *a, struct book_page *pg, const char *file,
    const char *xhtml, size_t len, const char *shown, const char *tmpl)
{
	struct srcpos pos = { shown, 0, 0 };
	const char   *why;
	size_t	      off, i;

	memset(pg, 0, sizeof(*pg));
	if ((why = xhtml_scan(a, xhtml, len, &pg->info, &off)) != NULL)
		return diag_error(&pos,
		    "the e-book page made with template '%s' is not "
		    "well-formed XHTML: at %s: %s",
		    tmpl, page_where(a, xhtml, len, off), why);
	if (pg->info.active != NULL)
		return diag_error(&pos,
		    "the e-book page made with template '%s' has %s (%s); "
		    "e-books from kindly have no scripts and show no other "
		    "pages inside their own, so put it inside "
		    "{%% if not epub then %%} ... {%% end %%}",
		    tmpl, pg->info.active,
		    page_where(a, xhtml, len, pg->info.active_at));
	for (i = 0; i < pg->info.nheads; i++)
		if (*pg->info.heads[i].text == '\0')
			return diag_error(&pos,
			    "the e-book page made with template '%s' has an "
			    "empty <h%d> (%s); a heading needs words, for the "
			    "book's contents and for screen readers, so write "
			    "them or take the heading out",
			    tmpl, pg->info.heads[i].level,
			    page_where(a, xhtml, len, pg->info.heads[i].start));
	if (page_refs(a, &pos,
		arena_printf(a, "the e-book page made with template '%s'",
		    tmpl),
		xhtml, len, pg->info.refs, pg->info.nrefs) == -1)
		return -1;
	pg->xhtml =
	    xhtml_add_ids(a, xhtml, len, &pg->info, 2, "section-", &pg->len);
	pg->file = file;
	pg->shown = shown;
	pg->ok = pg->info.lang != NULL && pg->info.ns &&
	    pg->info.title != NULL && *pg->info.title != '\0' &&
	    pg->info.alts == pg->info.images && headings_in_order(&pg->info);
	return 0;
}

void
book_add(struct arena *a, struct book *b, struct book_page *pg,
    const char *props, enum epub_spine spine)
{
	b->pages = arena_grow(a, b->pages, b->npages, &b->cap, sizeof(*pg));
	b->pages[b->npages++] = pg;
	/* EPUB asks a page that draws with inline SVG to say so. */
	if (pg->info.svgs > 0)
		props =
		    props != NULL ? arena_printf(a, "%s svg", props) : "svg";
	epub_add(a, &b->epub, pg->file, "application/xhtml+xml", props,
	    pg->xhtml, pg->len, spine);
}

static int
add_file(struct arena *, struct book *, const char *, const struct srcpos *);

/*
 * A stylesheet's url(...) and @import "..." references, resolved
 * against the stylesheet's folder ('path' is under assets/; 'shown' is
 * the file in the theme): the fonts, pictures and stylesheets a theme's
 * CSS needs come into the book too, and none from elsewhere.
 */
static int
add_css_refs(struct arena *a, struct book *b, const char *path,
    const char *shown, const char *css, size_t len, const struct srcpos *pos)
{
	int		base = (int)(strrchr(path, '/') - path + 1);
	struct url_ref *refs = NULL;
	size_t		n = 0, cap = 0, i;
	int		rc = 0;

	html_css_refs(a, &refs, &n, &cap, css, len, 0, true);
	for (i = 0; i < n; i++) {
		const struct url_ref *r = &refs[i];
		struct srcpos	      at = { shown, 0, 0 };

		if (*r->url == '#')
			continue;
		if (url_has_scheme(r->url, r->len)) {
			util_line_col(css, r->at, &at.line, &at.col);
			rc |= diag_error(&at,
			    "the stylesheet loads '%s' into the e-book, which "
			    "is not a file of the theme; e-books never load "
			    "anything from elsewhere, so put the file in the "
			    "theme's static/ folder and name it in url() as a "
			    "path from the stylesheet",
			    url_shown(a, r->url, r->len));
			continue;
		}
		rc |= add_file(a, b,
		    arena_printf(a, "%.*s%s", base, path, r->url), pos);
	}
	return rc;
}

/* The picture of 'b' called 'name' in the book, or NULL. */
static const struct picture *
find_picture(const struct book *b, const char *name)
{
	size_t i;

	for (i = 0; i < b->npics; i++)
		if (strcmp(b->pics[i]->name, name) == 0)
			return b->pics[i];
	return NULL;
}

/* Put the file the book links to as 'ref' in it, if it is not already. */
static int
add_file(struct arena *a, struct book *b, const char *ref,
    const struct srcpos *pos)
{
	const char	     *path = arena_strndup(a, ref, strcspn(ref, "#?"));
	const char	     *media, *data, *shown, *want, *got;
	const struct picture *pic;
	size_t		      len;

	if (*path == '\0' || epub_find(&b->epub, path) != NULL)
		return 0;
	if ((pic = find_picture(b, path)) != NULL) {
		/* Read and checked once: its type comes from its bytes. */
		epub_add(a, &b->epub, pic->name, pic->media, NULL, pic->data,
		    pic->len, EPUB_RESOURCE);
		return 0;
	}
	if (!util_path_ok(path) || (media = epub_media_type(path)) == NULL ||
	    strcmp(media, "application/xhtml+xml") == 0)
		return diag_error(pos,
		    "the e-book links to '%s', which cannot go in the book; "
		    "link to a web page by its full address (https://...), "
		    "to a picture in the case folder or a theme file under "
		    "assets/, or leave the link out of books with "
		    "{%% if not epub then %%} ... {%% end %%}",
		    ref);
	if (strncmp(path, "assets/", 7) != 0)
		return diag_error(pos,
		    strncmp(media, "image/", 6) != 0
			? "the e-book links to '%s'; from the case folder a "
			  "book can only hold pictures, so put the file in the "
			  "theme's static/ folder and link to it as assets/%s"
			: "the e-book links to '%s', which is not a picture "
			  "the document shows to this reader; a book holds "
			  "only those (show it in the document with ![what it "
			  "shows](%s), or leave the link out of books with "
			  "{%% if not epub then %%} ... {%% end %%})",
		    ref, path);
	data = theme_file(b->theme, arena_printf(a, "static/%s", path + 7),
	    &len, &shown);
	if (data == NULL)
		return diag_error(pos,
		    "the e-book links to '%s', but the theme has no "
		    "static/%s; add the file to the theme's static/ folder, "
		    "or take the link out",
		    ref, path + 7);
	want = picture_type_of_name(path);
	got = picture_type(data, len);
	if (want != NULL && (got == NULL || strcmp(got, want) != 0))
		return diag_error(pos,
		    "the e-book links to '%s', but %s is not a whole picture "
		    "of the kind its name says (save it again as one, or "
		    "name it for what it is)",
		    ref, shown);
	epub_add(a, &b->epub, path, media, NULL, data, len, EPUB_RESOURCE);
	if (strcmp(media, "text/css") == 0)
		return add_css_refs(a, b, path, shown, data, len, pos);
	return 0;
}

/*
 * The accessibility summary, in the theme's words: what the book has,
 * then what its pictures have.
 */
static const char *
summary(struct arena *a, const struct book *b)
{
	const struct epub *e = &b->epub;
	const char	  *all = b->say(b->say_ud, "book-a11y");
	const char	  *pics = b->say(b->say_ud,
		   e->images == 0	      ? "book-a11y-no-pictures"
		       : e->alts == e->images ? "book-a11y-pictures"
					      : "book-a11y-some-pictures");

	if (all == NULL)
		return pics;
	return pics == NULL ? all : arena_printf(a, "%s %s", all, pics);
}

int
book_finish(struct arena *a, struct book *b, struct buf *out)
{
	struct epub *e = &b->epub;
	const char  *err;
	size_t	     i, k;
	int	     rc = 0;

	e->images = e->alts = 0;
	e->headings = e->conforms = true;
	for (i = 0; i < b->npages; i++) {
		const struct book_page *pg = b->pages[i];
		struct srcpos		pos = { pg->shown, 0, 0 };

		for (k = 0; k < pg->info.nrefs; k++) {
			const struct url_ref *ref = &pg->info.refs[k];

			if (*ref->url != '#' &&
			    !url_has_scheme(ref->url, ref->len))
				rc |= add_file(a, b, ref->url, &pos);
		}
		e->images += pg->info.images;
		e->alts += pg->info.alts;
		e->headings &= pg->info.nheads > 0;
		e->conforms &= pg->ok;
	}
	if (rc != 0)
		return -1;
	e->summary = summary(a, b);
	if (out != NULL && epub_zip(a, e, out, &err) == -1)
		return diag_error(NULL, "could not make the e-book '%s': %s",
		    e->title, err);
	return 0;
}
