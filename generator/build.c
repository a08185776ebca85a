/* SPDX-License-Identifier: ISC */
/*
 * Parse, then model, then render: site_load() checks the whole site
 * before the first page is rendered, so a build with input errors never
 * starts writing.  The site model lives in one arena for the build; each
 * document's Markdown, template data and pages live in a page arena that
 * is released as soon as the document is written, so memory grows only
 * with the documents' metadata.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "build.h"
#include "content.h"
#include "diag.h"
#include "fsio.h"
#include "output.h"
#include "site.h"
#include "theme.h"
#include "tmpl.h"
#include "util.h"
#include "value.h"

#define TMPL_MEM   (64u << 20) /* Lua heap one render may add */
#define TMPL_STEPS 10000000ul  /* Lua instructions one render may run */

struct run {
	struct arena	perm; /* the site model, for the whole build */
	struct site	site;
	struct theme	theme;
	struct tmpl    *tmpl;
	struct output	out;
	size_t		pages, total; /* for the progress line */
	struct timespec start;
	bool		write_failed; /* an output error, not input */
	const char    **kind_tmpl;    /* per site_kinds[i]: its template */
};

/* Images a document uses, collected while its Markdown is rendered. */
struct images {
	struct family *family;
	struct arena  *a;
	const char   **paths; /* relative to the case folder */
	size_t	       n, cap;
};

static const char *
template_source(void *ud, const char *name, size_t *len, const char **shown)
{
	struct run *r = ud;

	return theme_file(&r->theme,
	    arena_printf(&r->perm, "templates/%s", name), len, shown);
}

static bool
image_type_ok(const char *path)
{
	static const char *const exts[] = { ".png", ".jpg", ".jpeg", ".gif",
		".webp" };
	size_t			 len = strlen(path), i, n;

	for (i = 0; i < LEN(exts); i++) {
		n = strlen(exts[i]);
		if (len > n && strcmp(path + len - n, exts[i]) == 0)
			return true;
	}
	return false;
}

static int
check_image(void *ud, const char *path, const struct srcpos *pos)
{
	struct images *im = ud;
	const char    *file;
	size_t	       i;

	if (!util_path_ok(path))
		return diag_error(pos,
		    "image '%s' must be a file in the case folder (no '..' "
		    "and no leading '/')",
		    path);
	if (!image_type_ok(path))
		return diag_error(pos,
		    "image '%s' should be a .png, .jpg, .gif or .webp file",
		    path);
	file = arena_printf(im->a, "%s/%s", im->family->dir, path);
	if (!fsio_is_file(file))
		return diag_error(pos, "image '%s' is not in %s/", path,
		    im->family->shown);
	for (i = 0; i < im->n; i++)
		if (strcmp(im->paths[i], path) == 0)
			return 0;
	im->paths =
	    arena_grow(im->a, im->paths, im->n, &im->cap, sizeof(*im->paths));
	im->paths[im->n++] = arena_strdup(im->a, path);
	return 0;
}

/* The output folder of one reader. */
static const char *
reader_dir(struct arena *a, const struct family *f, const char *reader)
{
	return arena_printf(a, "%s-%s", f->id, reader);
}

static void
progress(struct run *r)
{
	struct timespec now;
	double		secs;

	r->pages++;
	if (r->pages % 64 != 0 && r->pages != r->total)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - r->start.tv_sec) +
	    (double)(now.tv_nsec - r->start.tv_nsec) / 1e9;
	if (secs >= 1.0)
		diag_progress("kindly: %zu of %zu pages", r->pages, r->total);
}

static int
write_page(struct run *r, const char *rel, const char *html, size_t len)
{
	if (output_write(&r->out, rel, html, len) == -1) {
		r->write_failed = true;
		return -1;
	}
	progress(r);
	return 0;
}

/* The template data for document 'd': its front matter, plus body. */
static struct value *
doc_value(struct arena *a, const struct doc *d, const char *html)
{
	struct value *v = value_new(a, VALUE_MAP, &d->meta->pos);
	size_t	      i;

	for (i = 0; i < value_count(d->meta); i++)
		value_set(a, v, value_key(d->meta, i)->str,
		    value_at(d->meta, i));
	value_set(a, v, "body", value_new_html(a, html, strlen(html)));
	value_set(a, v, "slug", value_new_string(a, NULL, d->slug));
	return v;
}

/*
 * The template for documents of 'kind': "<kind>.html" if the theme has
 * one, else "document.html".  Looked up once per kind, not per document.
 */
static const char *
kind_template(struct run *r, const char *kind)
{
	const char *name, *shown;
	size_t	    i, len;

	for (i = 0; i < site_nkinds && site_kinds[i] != kind; i++)
		;
	assert(i < site_nkinds); /* site_load() set kind from site_kinds */
	if (r->kind_tmpl[i] == NULL) {
		name = arena_printf(&r->perm, "%s.html", kind);
		if (template_source(r, name, &len, &shown) == NULL)
			name = "document.html";
		r->kind_tmpl[i] = name;
	}
	return r->kind_tmpl[i];
}

static int
render_doc(struct run *r, struct family *f, struct doc *d)
{
	struct arena	    a = { 0 };
	struct images	    im = { f, &a, NULL, 0, 0 };
	struct content_opts co = { d->path, d->bline, check_image, &im };
	const char	   *html, *tname, *dir, *rid;
	struct value	   *docv, *vars;
	size_t		    i, k, len;
	char		   *page;
	int		    rc = 0;

	if ((html = content_markdown(&a, &co, d->body, d->blen)) == NULL) {
		arena_release(&a);
		return -1;
	}
	tname = kind_template(r, d->kind);
	docv = doc_value(&a, d, html);
	for (i = 0; i < d->readers->n; i++) {
		rid = d->readers->items[i]->str;
		vars = value_new(&a, VALUE_MAP, NULL);
		value_set(&a, vars, "doc", docv);
		value_set(&a, vars, "reader", value_get(f->people, rid));
		value_set(&a, vars, "people", f->people);
		value_set(&a, vars, "root",
		    value_new_string(&a, NULL, "../../"));
		if ((page = tmpl_render(r->tmpl, &a, tname, vars, &len)) ==
		    NULL) {
			rc = -1;
			break;
		}
		dir = reader_dir(&a, f, rid);
		if (write_page(r,
			arena_printf(&a, "%s/%s/index.html", dir, d->slug),
			page, len) == -1) {
			rc = -1;
			break;
		}
		for (k = 0; k < im.n; k++)
			if (output_copy(&r->out,
				arena_printf(&a, "%s/%s/%s", dir, d->slug,
				    im.paths[k]),
				arena_printf(&a, "%s/%s", f->dir, im.paths[k]),
				arena_printf(&a, "%s/%s", f->shown,
				    im.paths[k])) == -1) {
				r->write_failed = true;
				rc = -1;
			}
	}
	arena_release(&a);
	return rc;
}

static bool
reads(const struct doc *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->readers->n; i++)
		if (strcmp(d->readers->items[i]->str, id) == 0)
			return true;
	return false;
}

/* True if person 'id' is a reader of any document of 'f'. */
static bool
reads_any(const struct family *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->ndocs; i++)
		if (reads(f->docs[i], id))
			return true;
	return false;
}

/* Newest first; documents of the same day by file name. */
static int
newest_first(const void *pa, const void *pb)
{
	const struct doc *a = *(const struct doc *const *)pa;
	const struct doc *b = *(const struct doc *const *)pb;
	int		  c = date_cmp(&b->date, &a->date);

	return c != 0 ? c : strcmp(a->slug, b->slug);
}

static int
render_index(struct run *r, struct family *f, const struct value *person)
{
	struct arena	   a = { 0 };
	const char	  *id = value_str(value_get(person, "id"));
	const struct doc **mine;
	struct value	  *docs, *vars, *item;
	size_t		   i, n = 0, len;
	char		  *page;
	int		   rc = 0;

	mine = arena_alloc(&a, (f->ndocs + 1) * sizeof(*mine));
	for (i = 0; i < f->ndocs; i++)
		if (reads(f->docs[i], id))
			mine[n++] = f->docs[i];
	if (n == 0) {
		arena_release(&a);
		return 0;
	}
	qsort(mine, n, sizeof(*mine), newest_first);
	docs = value_new(&a, VALUE_SEQ, NULL);
	for (i = 0; i < n; i++) {
		item = value_new(&a, VALUE_MAP, NULL);
		value_set(&a, item, "kind", value_get(mine[i]->meta, "kind"));
		value_set(&a, item, "date", value_get(mine[i]->meta, "date"));
		if (mine[i]->title != NULL)
			value_set(&a, item, "title",
			    value_get(mine[i]->meta, "title"));
		value_set(&a, item, "url",
		    value_new_string(&a, NULL,
			arena_printf(&a, "%s/", mine[i]->slug)));
		value_push(&a, docs, item);
	}
	vars = value_new(&a, VALUE_MAP, NULL);
	value_set(&a, vars, "reader", (struct value *)person);
	value_set(&a, vars, "people", f->people);
	value_set(&a, vars, "docs", docs);
	value_set(&a, vars, "root", value_new_string(&a, NULL, "../"));
	if ((page = tmpl_render(r->tmpl, &a, "index.html", vars, &len)) == NULL)
		rc = -1;
	else
		rc = write_page(r,
		    arena_printf(&a, "%s/index.html", reader_dir(&a, f, id)),
		    page, len);
	arena_release(&a);
	return rc;
}

static void
count_pages(struct run *r)
{
	size_t i, k;

	for (i = 0; i < r->site.nfamilies; i++) {
		struct family *f = &r->site.families[i];

		for (k = 0; k < f->ndocs; k++)
			r->total += f->docs[k]->readers->n;
		for (k = 0; k < value_count(f->people); k++)
			r->total += reads_any(f,
			    value_str(value_get(value_at(f->people, k), "id")));
	}
}

static void
render_all(struct run *r)
{
	size_t i, k;

	for (i = 0; i < r->site.nfamilies; i++) {
		struct family *f = &r->site.families[i];

		for (k = 0; k < f->ndocs && !r->write_failed; k++)
			(void)render_doc(r, f, f->docs[k]);
		for (k = 0; k < value_count(f->people) && !r->write_failed; k++)
			(void)render_index(r, f, value_at(f->people, k));
	}
}

enum build_status
build_run(const struct build_opts *opts)
{
	struct run	   r = { 0 };
	struct tmpl_limits lim = { TMPL_MEM, TMPL_STEPS };
	enum build_status  st = BUILD_OK;

	r.kind_tmpl = arena_alloc(&r.perm, site_nkinds * sizeof(*r.kind_tmpl));
	clock_gettime(CLOCK_MONOTONIC, &r.start);
	diag_progress_enable(!opts->verbose);
	if (site_load(&r.site, &r.perm, opts->site) == -1 ||
	    theme_load(&r.theme, &r.perm, opts->site, r.site.theme,
		r.site.theme_name, r.site.language,
		value_get(r.site.conf, "language")) == -1) {
		st = BUILD_INPUT;
		goto done;
	}
	r.tmpl = tmpl_new(&lim, template_source, &r);
	tmpl_global(r.tmpl, "site", r.site.conf);
	tmpl_staff(r.tmpl, r.site.staff);
	tmpl_strings(r.tmpl, r.theme.strings);
	if (output_begin(&r.out, opts->outdir, opts->verbose, opts->dry) ==
	    -1) {
		st = BUILD_FATAL;
		goto done;
	}
	count_pages(&r);
	if (theme_assets(&r.theme, &r.out) == -1)
		r.write_failed = true;
	render_all(&r);
	diag_progress_end();
	if (r.write_failed) {
		output_abort(&r.out);
		st = BUILD_FATAL;
	} else if (diag_count(DIAG_ERROR) > 0) {
		output_abort(&r.out);
		st = BUILD_INPUT;
	} else if (output_commit(&r.out) == -1)
		st = BUILD_FATAL;
done:
	diag_summary();
	tmpl_free(r.tmpl);
	arena_release(&r.perm);
	return st;
}
