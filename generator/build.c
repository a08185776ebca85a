/* SPDX-License-Identifier: ISC */
/*
 * Parse, then model, then render, one case at a time: the site (its
 * settings, staff, kinds and themes) is loaded first; then each case is
 * loaded, checked and, if it is sound, rendered into the new output
 * folder, and released.  So memory does not grow with the number of
 * cases, and the cases can be shared among worker processes (pool.c),
 * whose reports are passed on in the order of a one-worker build.  A
 * build with errors throws its new folder away, so the old output stays.
 * Each document's Markdown, template data and pages live in a page arena
 * that is released as soon as the document is written.
 */
#define DIAG_AREA "output"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "book.h"
#include "buf.h"
#include "build.h"
#include "check.h"
#include "content.h"
#include "data.h"
#include "diag.h"
#include "fsio.h"
#include "hide.h"
#include "output.h"
#include "page.h"
#include "picture.h"
#include "plain.h"
#include "pool.h"
#include "record.h"
#include "scope.h"
#include "site.h"
#include "state.h"
#include "theme.h"
#include "tmpl.h"
#include "token.h"
#include "util.h"
#include "value.h"
#include "view.h"

#define TMPL_MEM   (64u << 20) /* Lua heap one render may add */
#define TMPL_STEPS 10000000ul  /* Lua instructions one render may run */
#define TMPL_MS	   5000ul      /* CPU time one render may take, in ms */

/*
 * The theme some readers see: the site's, or the site's with their needs
 * ("large-print") on top, each with its own templates and assets.
 */
struct look {
	const char  *key;    /* "" for the site's; "large-print+..." */
	const char  *assets; /* its static files: "assets/", "assets/KEY/" */
	struct theme theme;
	struct tmpl *tmpl;	/* its templates, compiled as they are used */
	const char **kind_tmpl; /* per site.kinds.all[i]: its template */
	bool	     used;	/* a reader has it: its assets are written */
	size_t	     index;	/* in run.looks */
	struct run  *run;
};

struct run {
	struct arena	perm; /* the site model, for the whole build */
	struct site	site;
	struct look   **looks; /* [0] is the site's own */
	size_t		nlooks, lookcap;
	struct output	out;
	size_t		done;	/* cases done, for the progress line */
	size_t		jobs;	/* worker processes */
	bool		render; /* the site and its themes loaded */
	bool		keep;	/* keep each case loaded (--summary) */
	bool		failed; /* a case failed to render: render no more */
	bool		books;	/* write the e-books */
	bool		pages;	/* write the web pages and lists */
	struct timespec start;
	bool		write_failed; /* an output error, not input */
	bool		tmpl_failed;  /* a template error: one is enough */
	struct value   *agencies;     /* the site's, for templates */
	const unsigned char *secret;  /* for reader tokens; NULL in preview */
	size_t		     nsecret;
	struct buf	     links;	 /* --links: a line per reader */
	struct buf	     redactions; /* a line per piece left out */
	bool		     record;	 /* the professional record */
	struct arena	     fam;  /* the family's book pages, for My records */
	struct pictures	     pics; /* the family's pictures, in 'fam' */
	struct chapter	    *chs;  /* each page of the family's books */
	size_t		     nchs, chcap;
	struct buf	     zip;     /* one book's bytes */
	long long	     sde;     /* SOURCE_DATE_EPOCH */
	bool		     has_sde; /* it is set */
	/* What the next build needs to build only what changed (state.h). */
	bool	       tracking; /* keep a state: a build of the pages */
	bool	       incr;	 /* this build starts from 'prev' */
	struct state   prev;	 /* the last build's state */
	const char    *state_file;
	char	       global[TOKEN_LEN + 1]; /* the build's stamp */
	struct buf    *deps;	    /* the case's dependencies, a line each */
	size_t	       depat[1024]; /* where each starts, plus 1; 0: none */
	size_t	       ndep;
	struct buf     next;	/* the new state's cases */
	struct buf     apply;	/* "+file" to move in, "-file" to remove */
	struct digest *digests; /* each dependency's, as worked out */
	size_t	       ndigests, digcap;
	struct depset *depsets; /* each list of them, with its digests */
	size_t	       ndepsets, depcap;
};

/* A case's dependencies, and each with what it is now: shared by the
   cases that use the same. */
struct depset {
	const char *text;
	size_t	    len;
	const char *stamp;
};

/* A dependency ("t 0 letter.html") and a stamp of what it is now. */
struct digest {
	const char *dep;
	const char *hex;
};

/* A document as one reader's book has it; kept for their My records. */
struct chapter {
	const char	      *reader; /* their id */
	const struct doc      *d;
	long		       age; /* the version's reading age, or 0 */
	struct book_page       pg;
	const struct picture **pics; /* the pictures its page shows */
	size_t		       npics;
};

/* Pictures a body shows, collected while its Markdown is rendered. */
struct images {
	struct pictures	      *store; /* the case's, each read once */
	struct arena	      *a;     /* for 'pics' */
	const struct picture **pics;
	size_t		       n, cap;
};

/*
 * The body as some readers have it: the parts that are theirs, made
 * into HTML once and shared by every page with the same parts.
 */
struct body {
	const bool   *keep; /* per part of the document's scope */
	struct value *html; /* safe HTML, or NULL if it is empty */
	struct images im;   /* the pictures it shows */
};

/*
 * What every page of one document shares, made once per document:
 * its bodies, kind and the family's agencies.
 */
struct docpage {
	struct family	*f;
	struct doc	*d;
	struct pictures *pics;	 /* the case's pictures */
	struct body	*bodies; /* one per set of parts seen so far */
	size_t		 nbodies, cap;
	struct value	*kind;	   /* name, title, summary */
	struct value	*agencies; /* the site's and the family's */
};

static void depend(struct run *, int, size_t, const char *);
static void look_track(void *, int, const char *);

static const char *
template_source(void *ud, const char *name, size_t *len, const char **shown)
{
	struct look *lk = ud;

	return theme_file(&lk->theme,
	    arena_printf(lk->theme.arena, "templates/%s", name), len, shown);
}

/* The name of picture 'path' in the output, once it is checked. */
static const char *
check_image(void *ud, const char *path, const char *written,
    const struct srcpos *pos)
{
	struct images	     *im = ud;
	const struct picture *pic;
	size_t		      i;

	if ((pic = picture_get(im->store, path, written, pos)) == NULL)
		return NULL;
	for (i = 0; i < im->n && im->pics[i] != pic; i++)
		;
	if (i == im->n) {
		im->pics = arena_grow(im->a, im->pics, im->n, &im->cap,
		    sizeof(*im->pics));
		im->pics[im->n++] = pic;
	}
	return pic->name;
}

/*
 * The output folder of one reader: a token that reveals nothing, or in
 * a preview, a name a practitioner can read.
 */
static const char *
reader_dir(const struct run *r, struct arena *a, const struct family *f,
    const char *reader)
{
	char token[TOKEN_LEN + 1];

	if (r->secret == NULL)
		return arena_printf(a, "preview-%s-%s", f->id, reader);
	token_reader(r->secret, r->nsecret, f->id, reader, token);
	return arena_strdup(a, token);
}

static void
progress(struct run *r)
{
	struct timespec now;
	double		secs;

	r->done++;
	clock_gettime(CLOCK_MONOTONIC, &now);
	secs = (double)(now.tv_sec - r->start.tv_sec) +
	    (double)(now.tv_nsec - r->start.tv_nsec) / 1e9;
	if (secs >= 1.0 && (r->done % 16 == 0 || r->done == r->site.nfamilies))
		diag_progress("kindly: %zu of %zu cases", r->done,
		    r->site.nfamilies);
}

static int
write_page(struct run *r, const char *rel, const char *html, size_t len)
{
	if (output_write(&r->out, rel, html, len) == -1) {
		r->write_failed = true;
		return -1;
	}
	return 0;
}

/*
 * Write the pictures of 'im' into the output folder 'dir', beside the
 * page that shows them.
 */
static int
write_pictures(struct run *r, struct arena *a, const char *dir,
    const struct images *im)
{
	size_t k;
	int    rc = 0;

	for (k = 0; k < im->n && rc == 0; k++)
		rc = write_page(r,
		    arena_printf(a, "%s/%s", dir, im->pics[k]->name),
		    im->pics[k]->data, im->pics[k]->len);
	return rc;
}

/* How many versions of 'd' each reader gets: one per read-at age. */
static size_t
versions(const struct doc *d)
{
	return d->nages > 0 ? d->nages : 1;
}

/* The reading age of version 'k' of 'd', or 0 if it has no ages. */
static long
version_age(const struct doc *d, size_t k)
{
	return d->nages > 0 ? d->ages[k] : 0;
}

/* The output folder of document 'd' at reading age 'age' (0: none). */
static const char *
doc_dir(struct arena *a, const struct doc *d, long age)
{
	return age > 0 ? arena_printf(a, "%s-at-%ld", d->slug, age) : d->slug;
}

/* The site's agencies, then the family's own (which win). */
static struct value *
agencies_of(struct arena *a, const struct run *r, const struct family *f)
{
	struct value *m = value_new(a, VALUE_MAP, NULL);
	size_t	      i;

	for (i = 0; i < value_count(r->site.agencies); i++)
		if (value_get(f->agencies,
			value_key(r->site.agencies, i)->str) == NULL)
			value_set(a, m, value_key(r->site.agencies, i)->str,
			    value_at(r->site.agencies, i));
	for (i = 0; i < value_count(f->agencies); i++)
		value_set(a, m, value_key(f->agencies, i)->str,
		    value_at(f->agencies, i));
	return m;
}

static struct value *
kind_value(struct arena *a, const struct kind *k)
{
	struct value *v = value_new(a, VALUE_MAP, NULL);

	value_set(a, v, "name", value_new_string(a, NULL, k->name));
	value_set(a, v, "title", value_new_string(a, NULL, k->title));
	value_set(a, v, "summary", value_new_string(a, NULL, k->summary));
	return v;
}

/*
 * The template for documents of kind 'k': "<kind>.html" if the theme has
 * one, else "document.html".  Looked up once per kind, not per document.
 */
static const char *
kind_template(struct run *r, struct look *lk, const struct kind *k)
{
	const char *name, *shown;
	size_t	    i, len;

	for (i = 0; i < r->site.kinds.n && r->site.kinds.all[i] != k; i++)
		;
	assert(i < r->site.kinds.n); /* site_load() took k from the list */
	if (lk->kind_tmpl[i] == NULL) {
		name = arena_printf(&r->perm, "%s.html", k->name);
		if (template_source(lk, name, &len, &shown) == NULL)
			name = "document.html";
		lk->kind_tmpl[i] = name;
	}
	return lk->kind_tmpl[i];
}

/*
 * The needs of 'person' that change the site's theme, joined by '+'
 * ("large-print+high-contrast"), or "" if none do.  A need the site's
 * theme already has, or one named twice, changes nothing.  Sets
 * 'which' (room for THEME_MAX_DEPTH) and '*n' to the needs that count.
 */
static const char *
needs_key(const struct run *r, struct arena *a, const struct value *person,
    const struct value **which, size_t *n)
{
	const struct value *needs = value_get(person, "needs");
	const char	   *key = "";
	size_t		    i, k;

	*n = 0;
	if (needs == NULL || needs->type != VALUE_SEQ)
		return key; /* site_load() has said what is wrong */
	for (i = 0; i < needs->n && *n < THEME_MAX_DEPTH; i++) {
		const struct value *v = needs->items[i];

		if (value_str(v) == NULL ||
		    theme_has(&r->looks[0]->theme, v->str))
			continue;
		for (k = 0; k < *n && strcmp(which[k]->str, v->str) != 0; k++)
			;
		if (k < *n)
			continue;
		which[(*n)++] = v;
		key = arena_printf(a, "%s%s%s", key, *key ? "+" : "", v->str);
	}
	return key;
}

/* The look for 'person': the site's, or the one their needs make. */
static struct look *
look_of(struct run *r, const struct value *person)
{
	const struct value *which[THEME_MAX_DEPTH];
	struct arena	    a = { 0 };
	const char	   *key;
	size_t		    n, i;

	if (r->nlooks == 1 || value_get(person, "needs") == NULL) {
		r->looks[0]->used = true;
		depend(r, 'u', 0, "-");
		return r->looks[0];
	}
	key = needs_key(r, &a, person, which, &n);
	for (i = 1; i < r->nlooks && strcmp(r->looks[i]->key, key) != 0; i++)
		;
	arena_release(&a);
	if (i == r->nlooks)
		i = 0;
	r->looks[i]->used = true;
	depend(r, 'u', i, "-");
	return r->looks[i];
}

/* Give look 'lk' (its theme loaded) templates and what they see. */
static void
look_start(struct run *r, struct look *lk, const struct build_opts *opts)
{
	static const struct tmpl_limits lim = { TMPL_MEM, TMPL_STEPS, TMPL_MS };
	struct value		       *theme;

	lk->assets = *lk->key ? arena_printf(&r->perm, "assets/%s/", lk->key)
			      : "assets/";
	lk->kind_tmpl = arena_alloc(&r->perm,
	    (r->site.kinds.n + 1) * sizeof(*lk->kind_tmpl));
	lk->tmpl = tmpl_new(&lim, template_source, lk);
	lk->index = r->nlooks;
	lk->run = r;
	tmpl_track(lk->tmpl, look_track, lk);
	theme = value_new(&r->perm, VALUE_MAP, NULL);
	value_set(&r->perm, theme, "name",
	    value_new_string(&r->perm, NULL,
		*lk->key ? lk->key : lk->theme.layers[0].name));
	value_set(&r->perm, theme, "stylesheets", lk->theme.stylesheets);
	tmpl_global(lk->tmpl, "theme", theme);
	tmpl_global(lk->tmpl, "site", r->site.conf);
	tmpl_staff(lk->tmpl, r->site.staff);
	tmpl_strings(lk->tmpl, lk->theme.strings);
	if (opts->preview)
		tmpl_global(lk->tmpl, "preview",
		    value_new_string(&r->perm, NULL, "true"));
	if (opts->record)
		tmpl_global(lk->tmpl, "record",
		    value_new_string(&r->perm, NULL, "true"));
	r->looks = arena_grow(&r->perm, r->looks, r->nlooks, &r->lookcap,
	    sizeof(*r->looks));
	r->looks[r->nlooks++] = lk;
}

/*
 * The look for the needs of person 'p', made if it is new: each need's
 * theme goes on top of the one before.  Returns -1 after reporting.
 */
static int
look_add(struct run *r, const struct build_opts *opts, const struct value *p)
{
	const struct value *which[THEME_MAX_DEPTH], *lang_at;
	struct look	   *lk;
	struct theme	   *base;
	const char	   *key;
	size_t		    j, m, n;

	key = needs_key(r, &r->perm, p, which, &n);
	for (j = 0; j < r->nlooks && strcmp(r->looks[j]->key, key) != 0; j++)
		;
	if (j < r->nlooks)
		return 0;
	lang_at = value_get(r->site.conf, "language");
	lk = arena_alloc(&r->perm, sizeof(*lk));
	lk->key = key;
	base = &r->looks[0]->theme;
	for (m = 0; m < n; m++) {
		if (theme_load(&lk->theme, &r->perm, opts->site, which[m]->str,
			which[m], r->site.language, lang_at, base) == -1)
			return -1;
		if (m + 1 < n) {
			base = arena_alloc(&r->perm, sizeof(*base));
			*base = lk->theme;
		}
	}
	look_start(r, lk, opts);
	return 0;
}

/*
 * The people of family 'f' from its case.yaml, read quietly into 'a', if
 * it names needs; else NULL.  Loading the family says what is wrong with
 * the file.
 */
static const struct value *
case_people(struct arena *a, const struct family *f)
{
	const char   *shown = arena_printf(a, "%s/case.yaml", f->shown);
	struct arena  tmp = { 0 };
	struct value *c = NULL;
	size_t	      len;
	char	     *buf;

	diag_mute(true);
	buf = fsio_read(&tmp, arena_printf(&tmp, "%s/case.yaml", f->dir), shown,
	    &len);
	if (buf != NULL && util_memstr(buf, len, "needs") != NULL &&
	    util_utf8_check(buf, len) == len)
		c = data_load(a, shown, 1, buf, len);
	diag_mute(false);
	arena_release(&tmp);
	return c != NULL && c->type == VALUE_MAP ? value_get(c, "people")
						 : NULL;
}

/*
 * True if 'p' has needs and they are a list of names; if not, loading
 * the family reports it, and there is no look to make.
 */
static bool
needs_ok(const struct value *p)
{
	const struct value *needs = value_get(p, "needs");
	size_t		    i;

	if (needs == NULL || needs->type != VALUE_SEQ)
		return false;
	for (i = 0; i < needs->n; i++)
		if (needs->items[i]->type != VALUE_STRING)
			return false;
	return true;
}

/*
 * The site's theme (or --theme's), then a look for each set of needs
 * that someone in a case.yaml has, in the order they first come.
 */
static int
looks_load(struct run *r, const struct build_opts *opts)
{
	const struct value *lang_at, *name_at, *people;
	struct look	   *lk = arena_alloc(&r->perm, sizeof(*lk));
	size_t		    i, k;
	int		    rc = 0;

	lang_at = value_get(r->site.conf, "language");
	name_at = r->site.theme_name;
	if (opts->theme != NULL)
		name_at = value_new_string(&r->perm,
		    &(struct srcpos){ "--theme", 0, 0 }, opts->theme);
	lk->key = "";
	if (theme_load(&lk->theme, &r->perm, opts->site,
		opts->theme != NULL ? opts->theme : r->site.theme, name_at,
		r->site.language, lang_at, NULL) == -1)
		return -1;
	look_start(r, lk, opts);
	if (opts->record)
		return 0; /* the record is for professionals: no needs */
	for (i = 0; i < r->site.nfamilies; i++) {
		/* Kept for the build: a theme's messages point into it. */
		people = case_people(&r->perm, &r->site.families[i]);
		for (k = 0; k < value_count(people); k++)
			if (needs_ok(value_at(people, k)) &&
			    look_add(r, opts, value_at(people, k)) == -1)
				rc = -1;
	}
	return rc;
}

/*
 * The body with the parts in 'keep': made the first time a reader has
 * these parts, shared after that.  Returns NULL after reporting.
 */
static const struct body *
body_for(struct arena *a, struct docpage *dp, const bool *keep)
{
	const struct doc   *d = dp->d;
	struct body	   *b;
	struct content_opts co = { d->path, d->bline, check_image, NULL,
		d->scope.n > 0 };
	const char	   *md, *html;
	size_t		    i, len;

	for (i = 0; i < dp->nbodies; i++)
		if (memcmp(dp->bodies[i].keep, keep, d->scope.n) == 0)
			return &dp->bodies[i];
	dp->bodies =
	    arena_grow(a, dp->bodies, dp->nbodies, &dp->cap, sizeof(*b));
	b = &dp->bodies[dp->nbodies];
	memset(b, 0, sizeof(*b));
	b->keep = keep;
	b->im.store = dp->pics;
	b->im.a = a;
	co.ud = &b->im;
	md = scope_text(a, d->body, d->blen, &d->scope, keep, &len);
	if ((html = content_markdown(a, &co, md, len)) == NULL)
		return NULL;
	if (html[strspn(html, " \t\n")] != '\0')
		b->html = value_new_html(a, html, strlen(html));
	dp->nbodies++;
	return b;
}

/*
 * Check the whole body once, every part in, so that each problem is
 * reported once however many readers' bodies are made from it.
 */
static int
check_body(struct arena *a, struct docpage *dp)
{
	const struct doc   *d = dp->d;
	struct images	    im = { dp->pics, a, NULL, 0, 0 };
	struct content_opts co = { d->path, d->bline, check_image, &im, false };
	bool		   *all = arena_alloc(a, d->scope.n + 1);
	const char	   *md;
	size_t		    len;

	memset(all, 1, d->scope.n);
	md = scope_text(a, d->body, d->blen, &d->scope, all, &len);
	return content_markdown(a, &co, md, len) == NULL ? -1 : 0;
}

/*
 * The last guard: a page must not show what case.yaml hides from its
 * reader.  Documents were checked for this (audience.c), and templates
 * get people without their hidden details (hide_people()), so this
 * catches a theme or site text that names them.
 */
static int
guard_page(struct arena *a, const struct family *f, const struct value *reader,
    const char *page, size_t len, const char *shown)
{
	const struct hide_phrase *ph, *h;
	struct srcpos		  pos = { shown, 0, 0 };
	size_t			  i, n, off;

	for (i = 0; i < value_count(f->people); i++) {
		const struct value *p = value_at(f->people, i);

		if (!hide_from(p, reader))
			continue;
		ph = hide_phrases(a, p, &n);
		if ((h = hide_find(ph, n, page, len, &off)) != NULL)
			return diag_error(&pos,
			    "the page for %s would show %s's %s ('%s'), which "
			    "case.yaml hides from them; it is not in the "
			    "document, so it comes from the theme or the "
			    "site's words: change what shows it",
			    value_str(value_get(reader, "id")),
			    value_str(value_get(p, "id")), h->what, h->text);
	}
	return 0;
}

static int
by_headword(const void *x, const void *y)
{
	const struct lex_term *const *a = x, *const *b = y;

	return strcasecmp((*a)->forms[0], (*b)->forms[0]);
}

/*
 * "Words we use": the terms kept in what 'reader' sees of 'd' at 'age',
 * in the order of the alphabet, each {word, meaning} at their level.
 * NULL if there are none.
 */
static struct value *
words_we_use(struct arena *a, const struct doc *d, const char *reader, long age)
{
	const struct plain_sum *m = NULL;
	const struct lex_term **terms;
	struct value	       *list, *w;
	char		       *word;
	size_t			i;

	for (i = 0; i < d->nsums && m == NULL; i++)
		if (strcmp(d->sums[i].reader, reader) == 0 &&
		    d->sums[i].age == age)
			m = &d->sums[i];
	if (m == NULL || m->nkeep == 0)
		return NULL;
	terms = arena_alloc(a, m->nkeep * sizeof(*terms));
	memcpy(terms, m->keep, m->nkeep * sizeof(*terms));
	qsort(terms, m->nkeep, sizeof(*terms), by_headword);
	list = value_new(a, VALUE_SEQ, NULL);
	for (i = 0; i < m->nkeep; i++) {
		word = arena_strndup(a, terms[i]->forms[0],
		    strlen(terms[i]->forms[0]));
		word[0] = (char)toupper((unsigned char)word[0]);
		w = value_new(a, VALUE_MAP, NULL);
		value_set(a, w, "word", value_new_string(a, NULL, word));
		value_set(a, w, "meaning",
		    value_new_string(a, NULL,
			m->child && terms[i]->explain_child != NULL
			    ? terms[i]->explain_child
			    : terms[i]->explain));
		value_push(a, list, w);
	}
	return list;
}

/* A word of the theme's strings, or "" if it has none. */
/*
 * Theme string 'key' of look 'ud', or NULL: the page being made depends
 * on it.  Every string C asks for comes through here (book.c's too).
 */
static const char *
book_say(void *ud, const char *key)
{
	const struct look *lk = ud;

	depend(lk->run, 's', lk->index, key);
	return value_str(value_get(lk->theme.strings, key));
}

static const char *
say(const struct look *lk, const char *key)
{
	const char *s = book_say((void *)(uintptr_t)lk, key);

	return s != NULL ? s : "";
}

/* A book's size as its link shows it: "14 KB", "1.2 MB". */
static struct value *
book_link(struct arena *a, const char *href, size_t len)
{
	struct value *v = value_new(a, VALUE_MAP, NULL);

	value_set(a, v, "href", value_new_string(a, NULL, href));
	value_set(a, v, "size",
	    value_new_string(a, NULL,
		len < 1000 * 1024
		    ? arena_printf(a, "%zu KB", (len + 1023) / 1024)
		    : arena_printf(a, "%.1f MB",
			  (double)len / (1024.0 * 1024.0))));
	return v;
}

/* When a book was last changed: SOURCE_DATE_EPOCH, or its date. */
static long long
book_time(const struct run *r, const struct date *d)
{
	return r->has_sde ? r->sde : date_serial(d) * 86400LL;
}

/*
 * What every page of a reader's sees, at 'root' with the static files of
 * look 'lk'; "epub" in a book, which has them at "assets/".
 */
static struct value *
reader_vars(struct arena *a, const struct family *f, const struct value *reader,
    struct value *agencies, const char *root, const struct look *lk, bool epub)
{
	struct value *vars = value_new(a, VALUE_MAP, NULL);

	value_set(a, vars, "reader", (struct value *)reader);
	value_set(a, vars, "people", hide_people(a, f->people, reader));
	value_set(a, vars, "agencies", agencies);
	value_set(a, vars, "root", value_new_string(a, NULL, root));
	value_set(a, vars, "assets",
	    value_new_string(a, NULL,
		epub ? "assets/" : arena_printf(a, "%s%s", root, lk->assets)));
	if (epub)
		value_set(a, vars, "epub", value_new_string(a, NULL, "true"));
	return vars;
}

/*
 * What a document's page sees, on the web ('root' "../../") or in its
 * book: the document as 'reader' has it at 'age', "Words we use" too.
 */
static struct value *
doc_vars(struct arena *a, const struct docpage *dp, const struct look *lk,
    struct value *doc, struct value *words, const struct value *reader,
    long age, const char *root, bool epub)
{
	struct value *vars =
	    reader_vars(a, dp->f, reader, dp->agencies, root, lk, epub);

	value_set(a, vars, "doc", doc);
	value_set(a, vars, "kind", dp->kind);
	if (words != NULL)
		value_set(a, vars, "words", words);
	if (age > 0)
		value_set(a, vars, "age",
		    value_new_string(a, NULL, arena_printf(a, "%ld", age)));
	return vars;
}

/* The first heading of 'pg', for a contents page: its title. */
static const char *
page_title(const struct book_page *pg, const char *fallback)
{
	size_t i;

	for (i = 0; i < pg->info.nheads; i++)
		if (pg->info.heads[i].level == 1 && *pg->info.heads[i].text)
			return pg->info.heads[i].text;
	return pg->info.title != NULL && *pg->info.title != '\0'
	    ? pg->info.title
	    : fallback;
}

/* A contents entry for 'pg', with its sections (h2) if 'sections'. */
static struct value *
toc_entry(struct arena *a, const struct book_page *pg, const char *title,
    const struct value *date, bool sections)
{
	struct value *e = value_new(a, VALUE_MAP, NULL), *list, *s;
	size_t	      i;

	value_set(a, e, "title", value_new_string(a, NULL, title));
	value_set(a, e, "href", value_new_string(a, NULL, pg->file));
	if (date != NULL)
		value_set(a, e, "date", (struct value *)date);
	if (!sections)
		return e;
	list = value_new(a, VALUE_SEQ, NULL);
	for (i = 0; i < pg->info.nheads; i++) {
		if (pg->info.heads[i].level != 2)
			continue;
		s = value_new(a, VALUE_MAP, NULL);
		value_set(a, s, "title",
		    value_new_string(a, NULL, pg->info.heads[i].text));
		value_set(a, s, "href",
		    value_new_string(a, NULL,
			arena_printf(a, "%s#%s", pg->file,
			    pg->info.heads[i].id)));
		value_push(a, list, s);
	}
	if (value_count(list) > 0)
		value_set(a, e, "sections", list);
	return e;
}

/*
 * The contents page (the EPUB navigation document) of 'reader''s book
 * called 'title' with entries 'toc', checked and guarded into 'pg'.
 */
static int
contents_page(struct run *r, const struct look *lk, struct arena *a,
    const struct family *f, const struct value *reader, struct value *agencies,
    const char *title, struct value *toc, const char *shown,
    struct book_page *pg)
{
	struct value *vars = reader_vars(a, f, reader, agencies, "", lk, true);
	char	     *page;
	size_t	      len;

	value_set(a, vars, "title", value_new_string(a, NULL, title));
	value_set(a, vars, "toc", toc);
	if ((page = tmpl_render(lk->tmpl, a, "book-contents.html", vars,
		 &len)) == NULL) {
		r->tmpl_failed = true;
		return -1;
	}
	if (book_page(a, pg, "contents.xhtml", page, len, shown,
		"book-contents.html") == -1)
		return -1;
	return guard_page(a, f, reader, pg->xhtml, pg->len, shown);
}

/*
 * Make book 'b' (its pages added) into 'rel' in the reader's folder.
 * Sets '*link' for the page that offers it.
 */
static int
write_book(struct run *r, struct look *lk, struct arena *a, struct book *b,
    const char *rel, const char *href, struct value **link)
{
	b->theme = &lk->theme;
	b->say = book_say;
	b->say_ud = lk;
	b->epub.lang = r->site.language;
	b->epub.creator = value_str(value_get(r->site.conf, "name"));
	buf_reset(&r->zip);
	if (book_finish(a, b, r->out.dry ? NULL : &r->zip) == -1)
		return -1;
	if (write_page(r, rel, r->zip.ptr, r->zip.len) == -1)
		return -1;
	*link = book_link(a, href, r->zip.len);
	return 0;
}

/*
 * The book of one document for one reader: the page template 'tmpl' of
 * look 'lk' makes with "epub" set, and a contents page.  The page is
 * kept (in the family's arena) for the reader's My records.
 */
static int
doc_book(struct run *r, struct look *lk, const char *tmpl, struct arena *a,
    struct docpage *dp, struct value *doc, struct value *words,
    const struct value *reader, long age, const struct images *im,
    const char *dir, const char *sub, struct value **link)
{
	const struct family *f = dp->f;
	const char	    *id = value_str(value_get(reader, "id"));
	struct value	    *vars, *toc;
	struct chapter	    *ch;
	struct book	     b = { 0 };
	struct book_page    *nav = arena_alloc(a, sizeof(*nav));
	const char	    *parts[5], *title;
	char		    *page;
	size_t		     len;

	vars = doc_vars(a, dp, lk, doc, words, reader, age, "", true);
	if ((page = tmpl_render(lk->tmpl, a, tmpl, vars, &len)) == NULL) {
		r->tmpl_failed = true;
		return -1;
	}
	if (guard_page(a, f, reader, page, len, dp->d->path) == -1)
		return -1;
	r->chs =
	    arena_grow(&r->fam, r->chs, r->nchs, &r->chcap, sizeof(*r->chs));
	ch = &r->chs[r->nchs];
	ch->reader = arena_strdup(&r->fam, id);
	ch->d = dp->d;
	ch->age = age;
	/* The pictures are the case's, in r->fam: My records keeps them. */
	ch->npics = im->n;
	ch->pics = arena_alloc(&r->fam, (im->n + 1) * sizeof(*ch->pics));
	if (im->n > 0)
		memcpy(ch->pics, im->pics, im->n * sizeof(*ch->pics));
	if (book_page(&r->fam, &ch->pg, arena_printf(&r->fam, "%s.xhtml", sub),
		arena_strndup(&r->fam, page, len), len, dp->d->path,
		tmpl) == -1)
		return -1;
	title = page_title(&ch->pg, dp->d->kind->title);
	toc = value_new(a, VALUE_SEQ, NULL);
	value_push(a, toc, toc_entry(a, &ch->pg, title, NULL, true));
	if (contents_page(r, lk, a, f, reader, dp->agencies, title, toc,
		dp->d->path, nav) == -1)
		return -1;
	parts[0] = value_str(value_get(r->site.conf, "name"));
	parts[1] = f->id;
	parts[2] = sub;
	parts[3] = id;
	parts[4] = "document";
	b.epub.id = epub_uuid(a, parts, LEN(parts));
	b.epub.title = title;
	b.epub.date = value_str(value_get(dp->d->meta, "date"));
	b.epub.modified = book_time(r, &dp->d->date);
	/* The contents page is in the spine, so its landmarks may link to
	 * it, but out of the reading order: the letter comes first. */
	book_add(a, &b, nav, "nav", EPUB_ASIDE);
	book_add(a, &b, &ch->pg, NULL, EPUB_READ);
	b.pics = ch->pics;
	b.npics = ch->npics;
	if (write_book(r, lk, a, &b,
		arena_printf(a, "%s/%s/%s.epub", dir, sub, sub),
		arena_printf(a, "%s.epub", sub), link) == -1)
		return -1;
	r->nchs++; /* a good page: it goes in My records too */
	return 0;
}

/*
 * One page: the document of 'dp' for 'reader' at reading age 'age', in
 * the reader's look 'lk'.
 */
static int
render_page(struct run *r, struct arena *a, struct docpage *dp, struct look *lk,
    const struct value *reader, long age)
{
	const struct family *f = dp->f;
	const char	    *tmpl = kind_template(r, lk, dp->d->kind);
	struct view_for	     vf = { reader, age, false, &r->redactions };
	struct srcpos	     pos = { dp->d->path, 0, 0 };
	const struct body   *body;
	const struct images *im;
	const char	    *dir, *sub;
	struct value	    *vars, *doc, *words, *book = NULL;
	size_t		     len;
	char		    *page;

	doc = view_doc(a, dp->d, &vf);
	if ((body = body_for(a, dp, view_parts(a, dp->d, &vf))) == NULL)
		return -1;
	im = &body->im;
	if (body->html != NULL)
		value_set(a, doc, "body", body->html);
	value_set(a, doc, "slug", value_new_string(a, NULL, dp->d->slug));
	words = words_we_use(a, dp->d, value_str(value_get(reader, "id")), age);
	dir = reader_dir(r, a, f, value_str(value_get(reader, "id")));
	sub = doc_dir(a, dp->d, age);
	if (r->books &&
	    doc_book(r, lk, tmpl, a, dp, doc, words, reader, age, im, dir, sub,
		&book) == -1)
		return -1;
	if (!r->pages)
		return 0;
	vars = doc_vars(a, dp, lk, doc, words, reader, age, "../../", false);
	if (book != NULL)
		value_set(a, vars, "book", book);
	if ((page = tmpl_render(lk->tmpl, a, tmpl, vars, &len)) == NULL) {
		r->tmpl_failed = true;
		return -1;
	}
	if (guard_page(a, f, reader, page, len, dp->d->path) == -1 ||
	    page_check_html(a, &pos, tmpl, page, len) == -1)
		return -1;
	if (write_page(r, arena_printf(a, "%s/%s/index.html", dir, sub), page,
		len) == -1)
		return -1;
	return write_pictures(r, a, arena_printf(a, "%s/%s", dir, sub), im);
}

static int
render_doc(struct run *r, struct family *f, struct doc *d,
    struct value *agencies)
{
	struct arena	    a = { 0 };
	struct docpage	    dp = { f, d, &r->pics, NULL, 0, 0, NULL, agencies };
	const struct value *reader;
	struct look	   *lk;
	size_t		    i, k;
	int		    rc = 0;

	if (d->scope.n > 0 && check_body(&a, &dp) == -1) {
		arena_release(&a);
		return -1;
	}
	dp.kind = kind_value(&a, d->kind);
	for (i = 0; i < d->readers->n && rc == 0; i++) {
		reader = value_get(f->people, d->readers->items[i]->str);
		lk = look_of(r, reader);
		for (k = 0; k < versions(d) && rc == 0; k++)
			rc = render_page(r, &a, &dp, lk, reader,
			    version_age(d, k));
	}
	arena_release(&a);
	return rc;
}

static bool
reads(const struct doc *d, const char *id)
{
	return value_get(d->reader_set, id) != NULL;
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

/* Oldest first, as a book of someone's records reads. */
static int
oldest_first(const void *pa, const void *pb)
{
	const struct chapter *a = *(const struct chapter *const *)pa;
	const struct chapter *b = *(const struct chapter *const *)pb;
	int		      c = date_cmp(&a->d->date, &b->d->date);

	if (c == 0)
		c = strcmp(a->d->slug, b->d->slug);
	return c != 0 ? c : (a->age > b->age) - (a->age < b->age);
}

/*
 * "My records": every page of the family's documents that 'person'
 * reads, oldest first, after a contents page that is part of the book.
 */
static int
records_book(struct run *r, struct look *lk, struct arena *a,
    const struct family *f, const struct value *person, struct value *agencies,
    const char *dir, struct value **link)
{
	const char	      *id = value_str(value_get(person, "id"));
	struct chapter	     **mine;
	struct book	       b = { 0 };
	struct book_page      *nav = arena_alloc(a, sizeof(*nav));
	struct value	      *toc = value_new(a, VALUE_SEQ, NULL);
	const struct date     *newest = NULL;
	const char	      *parts[4], *shown;
	const struct picture **pics;
	size_t		       i, k, n = 0, npics = 0;

	mine = arena_alloc(a, (r->nchs + 1) * sizeof(*mine));
	for (i = 0; i < r->nchs; i++)
		if (strcmp(r->chs[i].reader, id) == 0)
			mine[n++] = &r->chs[i];
	if (n == 0)
		return 0;
	qsort(mine, n, sizeof(*mine), oldest_first);
	for (i = 0; i < n; i++)
		value_push(a, toc,
		    toc_entry(a, &mine[i]->pg,
			page_title(&mine[i]->pg, mine[i]->d->kind->title),
			value_get(mine[i]->d->meta, "date"), false));
	newest = &mine[n - 1]->d->date;
	shown = arena_printf(a, "%s/case.yaml", f->shown);
	if (contents_page(r, lk, a, f, person, agencies, say(lk, "my-records"),
		toc, shown, nav) == -1)
		return -1;
	parts[0] = value_str(value_get(r->site.conf, "name"));
	parts[1] = f->id;
	parts[2] = id;
	parts[3] = "my records";
	b.epub.id = epub_uuid(a, parts, LEN(parts));
	b.epub.title = say(lk, "my-records");
	b.epub.date = value_str(value_get(mine[n - 1]->d->meta, "date"));
	b.epub.modified = book_time(r, newest);
	book_add(a, &b, nav, "nav", EPUB_READ);
	for (i = 0; i < n; i++) {
		book_add(a, &b, &mine[i]->pg, NULL, EPUB_READ);
		npics += mine[i]->npics;
	}
	pics = arena_alloc(a, (npics + 1) * sizeof(*pics));
	for (i = 0, npics = 0; i < n; i++)
		for (k = 0; k < mine[i]->npics; k++)
			pics[npics++] = mine[i]->pics[k];
	b.pics = pics;
	b.npics = npics;
	return write_book(r, lk, a, &b,
	    arena_printf(a, "%s/my-records.epub", dir), "my-records.epub",
	    link);
}

static int
render_index(struct run *r, struct family *f, const struct value *person,
    struct value *agencies)
{
	struct arena	   a = { 0 };
	const char	  *id = value_str(value_get(person, "id"));
	struct look	  *lk = look_of(r, person);
	const char	  *dir;
	const struct doc **mine;
	struct value	  *docs, *vars, *item, *book = NULL;
	struct srcpos pos = { arena_printf(&a, "%s/case.yaml", f->shown), 0,
		0 };
	size_t	      i, n = 0, len;
	char	     *page;
	int	      rc = 0;

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
		size_t k;

		for (k = 0; k < versions(mine[i]); k++) {
			long age = version_age(mine[i], k);

			item = value_new(&a, VALUE_MAP, NULL);
			value_set(&a, item, "kind",
			    value_get(mine[i]->meta, "kind"));
			value_set(&a, item, "date",
			    value_get(mine[i]->meta, "date"));
			if (mine[i]->title != NULL)
				value_set(&a, item, "title",
				    value_get(mine[i]->meta, "title"));
			if (age > 0)
				value_set(&a, item, "age",
				    value_new_string(&a, NULL,
					arena_printf(&a, "%ld", age)));
			value_set(&a, item, "url",
			    value_new_string(&a, NULL,
				arena_printf(&a, "%s/",
				    doc_dir(&a, mine[i], age))));
			value_push(&a, docs, item);
		}
	}
	dir = reader_dir(r, &a, f, id);
	if (r->books &&
	    records_book(r, lk, &a, f, person, agencies, dir, &book) == -1) {
		arena_release(&a);
		return -1;
	}
	vars = reader_vars(&a, f, person, agencies, "../", lk, false);
	value_set(&a, vars, "docs", docs);
	if (book != NULL)
		value_set(&a, vars, "book", book);
	if (!r->pages)
		rc = 0;
	else if ((page = tmpl_render(lk->tmpl, &a, "index.html", vars, &len)) ==
	    NULL) {
		r->tmpl_failed = true;
		rc = -1;
	} else if (guard_page(&a, f, person, page, len, pos.file) == -1 ||
	    page_check_html(&a, &pos, "index.html", page, len) == -1)
		rc = -1;
	else
		rc = write_page(r, arena_printf(&a, "%s/index.html", dir), page,
		    len);
	if (rc == 0)
		buf_printf(&r->links, "%s\t%s\t%s\t%s/\n", f->id, id,
		    value_str(value_get(person, "name")), dir);
	arena_release(&a);
	return rc;
}

/*
 * The professional record: one page per document, not per reader, with
 * everything its source holds (record.c), into an output of its own.
 */

/*
 * The line of byte 'off' of the body of 'd', counted on from where 'at'
 * was (line 'line', column 'col'), which moves to it: the body is read
 * once, however many parts it has.
 */
static unsigned
body_line(const struct doc *d, size_t off, size_t *at, unsigned *line,
    unsigned *col)
{
	util_line_col_from(d->body, *at, off, line, col);
	*at = off;
	return d->bline + *line - 1;
}

/* Add the body's bytes [from, to) to 'segs', if they hold any text;
   'line' is the line of byte 'from'. */
static int
record_segment(struct arena *a, const struct doc *d, struct images *im,
    size_t from, size_t to, unsigned line, const struct part *p,
    struct value *segs)
{
	struct content_opts co = { d->path, line, check_image, im, true };
	struct value	   *seg;
	const char	   *html;

	if ((html = content_markdown(a, &co, d->body + from, to - from)) ==
	    NULL)
		return -1;
	if (html[strspn(html, " \t\n")] == '\0')
		return 0;
	seg = value_new(a, VALUE_MAP, NULL);
	value_set(a, seg, "html", value_new_html(a, html, strlen(html)));
	if (p != NULL && p->who != NULL)
		value_set(a, seg, "for", p->who);
	if (p != NULL && p->reason != NULL)
		value_set(a, seg, "redacted",
		    value_new_string(a, NULL, p->reason));
	value_push(a, segs, seg);
	return 0;
}

/* The body in pieces: the text for everyone, and each part, labelled. */
static struct value *
record_body(struct arena *a, const struct doc *d, struct images *im)
{
	struct value *segs = value_new(a, VALUE_SEQ, NULL);
	size_t	      i, from = 0, at = 0;
	unsigned      line = 1, col = 1;
	int	      rc = 0;

	for (i = 0; i < d->scope.n; i++) {
		const struct part *p = &d->scope.parts[i];

		rc |= record_segment(a, d, im, from, p->open,
		    body_line(d, from, &at, &line, &col), NULL, segs);
		rc |= record_segment(a, d, im, p->off, p->off + p->len,
		    body_line(d, p->off, &at, &line, &col), p, segs);
		from = p->end;
	}
	rc |= record_segment(a, d, im, from, d->blen,
	    body_line(d, from, &at, &line, &col), NULL, segs);
	return rc == 0 ? segs : NULL;
}

static int
render_record_doc(struct run *r, struct family *f, struct doc *d,
    struct value *agencies)
{
	struct arena	a = { 0 };
	struct pictures store = { &a, f->dir, f->shown, NULL, 0, 0 };
	struct images	im = { &store, &a, NULL, 0, 0 };
	struct srcpos	pos = { d->path, 0, 0 };
	struct value   *vars, *doc, *body;
	const char     *dir;
	size_t		i, len;
	char	       *page;
	int		rc = 0;

	if ((body = record_body(&a, d, &im)) == NULL) {
		arena_release(&a);
		return -1;
	}
	doc = value_new(&a, VALUE_MAP, NULL);
	for (i = 0; i < check_nenvelope; i++)
		if (value_get(d->meta, check_envelope[i]) != NULL)
			value_set(&a, doc, check_envelope[i],
			    value_get(d->meta, check_envelope[i]));
	value_set(&a, doc, "path", value_new_string(&a, NULL, d->path));
	value_set(&a, doc, "fields", record_fields(&a, d));
	value_set(&a, doc, "body", body);
	vars = value_new(&a, VALUE_MAP, NULL);
	value_set(&a, vars, "doc", doc);
	value_set(&a, vars, "kind", kind_value(&a, d->kind));
	value_set(&a, vars, "people", f->people);
	value_set(&a, vars, "agencies", agencies);
	value_set(&a, vars, "root", value_new_string(&a, NULL, "../../"));
	value_set(&a, vars, "assets",
	    value_new_string(&a, NULL, "../../assets/"));
	dir = arena_printf(&a, "%s/%s", f->id, d->slug);
	if ((page = tmpl_render(r->looks[0]->tmpl, &a, "record.html", vars,
		 &len)) == NULL) {
		r->tmpl_failed = true;
		rc = -1;
	} else if (page_check_html(&a, &pos, "record.html", page, len) == -1)
		rc = -1;
	else
		rc = write_page(r, arena_printf(&a, "%s/index.html", dir), page,
		    len);
	if (rc == 0)
		rc = write_pictures(r, &a, dir, &im);
	arena_release(&a);
	return rc;
}

/* The record's front page: every case, and its documents by date. */
static int
render_record_index(struct run *r)
{
	struct arena  a = { 0 };
	struct value *cases = value_new(&a, VALUE_SEQ, NULL), *c, *docs, *item;
	struct value *vars = value_new(&a, VALUE_MAP, NULL);
	size_t	      i, k, len;
	char	     *page;
	int	      rc;

	for (i = 0; i < r->site.nfamilies; i++) {
		struct family *f = &r->site.families[i];

		c = value_new(&a, VALUE_MAP, NULL);
		docs = value_new(&a, VALUE_SEQ, NULL);
		value_set(&a, c, "id", value_new_string(&a, NULL, f->id));
		value_set(&a, c, "people", f->people);
		for (k = 0; k < f->ndocs; k++) {
			const struct doc *d = f->docs[k];

			item = value_new(&a, VALUE_MAP, NULL);
			value_set(&a, item, "kind", value_get(d->meta, "kind"));
			value_set(&a, item, "date", value_get(d->meta, "date"));
			value_set(&a, item, "readers",
			    (struct value *)d->readers);
			if (d->title != NULL)
				value_set(&a, item, "title",
				    value_get(d->meta, "title"));
			value_set(&a, item, "url",
			    value_new_string(&a, NULL,
				arena_printf(&a, "%s/%s/", f->id, d->slug)));
			value_push(&a, docs, item);
		}
		value_set(&a, c, "docs", docs);
		value_push(&a, cases, c);
	}
	value_set(&a, vars, "cases", cases);
	value_set(&a, vars, "root", value_new_string(&a, NULL, ""));
	value_set(&a, vars, "assets", value_new_string(&a, NULL, "assets/"));
	if ((page = tmpl_render(r->looks[0]->tmpl, &a, "record-index.html",
		 vars, &len)) == NULL) {
		r->tmpl_failed = true;
		rc = -1;
	} else if (page_check_html(&a, NULL, "record-index.html", page, len) ==
	    -1)
		rc = -1;
	else
		rc = write_page(r, "index.html", page, len);
	arena_release(&a);
	return rc;
}

/*
 * Building only what changed.  Each case's pages depend on its own
 * files, on the templates and theme strings they used (recorded as they
 * are used, through tmpl_track()), and on what every page depends on:
 * the build's stamp.  A case whose stamp is what the last build recorded
 * is not loaded or rendered again: its files stay, and what it reported
 * is reported again.
 */

/* True if 'line' ('len' bytes, no newline) is a line of 'b'. */
static bool
has_line(const struct buf *b, const char *line, size_t len)
{
	const char *p;
	size_t	    at = 0, n;

	while (buf_next_line(b, &at, &p, &n))
		if (n == len && memcmp(p, line, len) == 0)
			return true;
	return false;
}

/* "t 12 " for what 't' of look 12: a dependency's head, in 'head'
   (32 bytes); its length.  By hand: snprintf() is slow for every
   string a page says. */
static size_t
dep_head(char *head, int what, size_t look)
{
	char   digits[24];
	size_t n = 0, k = 0;

	do
		digits[k++] = (char)('0' + look % 10);
	while ((look /= 10) > 0);
	head[n++] = (char)what;
	head[n++] = ' ';
	while (k > 0)
		head[n++] = digits[--k];
	head[n++] = ' ';
	return n;
}

/*
 * The case being built depends on 'name' of look 'look' (what: t, s,
 * u).  Each is noted once; a table of where each line starts in the
 * list finds one already noted without reading the list.
 */
static void
depend(struct run *r, int what, size_t look, const char *name)
{
	char   head[32];
	size_t hlen, nlen, i, h = 2166136261u;

	if (r->deps == NULL)
		return;
	if (r->deps->len == 0)
		memset(r->depat, 0, sizeof(r->depat));
	hlen = dep_head(head, what, look);
	nlen = strlen(name);
	for (i = 0; i < hlen; i++)
		h = (h ^ (unsigned char)head[i]) * 16777619u;
	for (i = 0; i < nlen; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	for (i = h % LEN(r->depat); r->depat[i] != 0;
	     i = (i + 1) % LEN(r->depat)) {
		const char *p = r->deps->ptr + r->depat[i] - 1;

		if (memcmp(p, head, hlen) == 0 &&
		    memcmp(p + hlen, name, nlen) == 0 && p[hlen + nlen] == '\n')
			return;
	}
	if (r->ndep + 1 >= LEN(r->depat) / 2) { /* a case this big: just list */
		struct buf line = { 0 };

		buf_printf(&line, "%s%s\n", head, name);
		if (!has_line(r->deps, line.ptr, line.len - 1))
			buf_put(r->deps, line.ptr, line.len);
		buf_release(&line);
		return;
	}
	r->depat[i] = r->deps->len + 1;
	r->ndep++;
	buf_put(r->deps, head, hlen);
	buf_put(r->deps, name, nlen);
	buf_putc(r->deps, '\n');
}

static void
look_track(void *ud, int what, const char *name)
{
	struct look *lk = ud;

	depend(lk->run, what, lk->index, name);
}

/* A value as text, to stamp a theme string that is a map by audience. */
static void
put_value(struct buf *b, const struct value *v)
{
	size_t i;

	if (v == NULL || v->type == VALUE_NULL)
		buf_puts(b, "~");
	else if (v->type == VALUE_SEQ || v->type == VALUE_MAP) {
		buf_putc(b, '{');
		for (i = 0; i < value_count(v); i++) {
			if (v->type == VALUE_MAP)
				buf_printf(b, "%s=", value_key(v, i)->str);
			put_value(b,
			    v->type == VALUE_MAP ? value_at(v, i)
						 : v->items[i]);
			buf_putc(b, ';');
		}
		buf_putc(b, '}');
	} else
		buf_put(b, v->str, v->len);
}

/* What dependency 'dep' ("t 0 letter.html", no newline) is now. */
static const char *
digest_of(struct run *r, const char *dep)
{
	char	      out[TOKEN_LEN + 1];
	struct buf    b = { 0 };
	const char   *src, *shown, *name;
	struct look  *lk;
	size_t	      i, len;
	char	     *end;
	unsigned long k;

	for (i = 0; i < r->ndigests; i++)
		if (strcmp(r->digests[i].dep, dep) == 0)
			return r->digests[i].hex;
	k = strtoul(dep + 2, &end, 10);
	name = *end == ' ' ? end + 1 : "";
	lk = k < r->nlooks ? r->looks[k] : NULL;
	buf_puts(&b, dep);
	buf_putc(&b, '\n');
	if (lk != NULL && dep[0] == 't' &&
	    (src = template_source(lk, name, &len, &shown)) != NULL) {
		buf_printf(&b, "%s\n", shown);
		buf_put(&b, src, len);
	} else if (lk != NULL && dep[0] == 's')
		put_value(&b, value_get(lk->theme.strings, name));
	else if (lk == NULL)
		buf_puts(&b, "no such look");
	token_stamp("kindly dependency", b.ptr, b.len, out);
	buf_release(&b);
	r->digests = arena_grow(&r->perm, r->digests, r->ndigests, &r->digcap,
	    sizeof(*r->digests));
	r->digests[r->ndigests].dep = arena_strdup(&r->perm, dep);
	r->digests[r->ndigests].hex = arena_strdup(&r->perm, out);
	return r->digests[r->ndigests++].hex;
}

/*
 * Add each file under 'path' ('rel' in messages), in every folder, with
 * its size and time; a link is stamped as itself, never followed.
 */
static void
put_files(struct buf *b, const char *path, const char *rel)
{
	struct arena a = { 0 };
	struct stat  st;
	char	   **names;
	size_t	     n, i;

	if (fsio_stat(path, &st) == -1) { /* a link is itself, not its file */
		buf_printf(b, "%s -\n", rel);
		return;
	}
	buf_printf(b, "%s %lld %lld.%09ld\n", rel, (long long)st.st_size,
	    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	if (!S_ISDIR(st.st_mode) ||
	    (names = fsio_list(&a, path, rel, &n)) == NULL) {
		arena_release(&a);
		return;
	}
	for (i = 0; i < n; i++) {
		const char *p = arena_printf(&a, "%s/%s", path, names[i]);
		const char *r = arena_printf(&a, "%s/%s", rel, names[i]);

		put_files(b, p, r);
	}
	arena_release(&a);
}

/*
 * The stamp of case 'f' with dependencies 'deps': its files (by size and
 * time, as make does), the build's stamp and what each dependency is now.
 */
static void
family_stamp(struct run *r, const struct family *f, const struct buf *deps,
    char out[TOKEN_LEN + 1])
{
	struct buf  b = { 0 }, dep = { 0 }, all = { 0 };
	const char *p;
	size_t	    i, at = 0, n;

	buf_printf(&b, "%s\n", r->global);
	put_files(&b, f->dir, f->shown);  /* pictures in folders too */
	for (i = 0; i < r->ndepsets; i++) /* most cases use the same */
		if (r->depsets[i].len == deps->len &&
		    (deps->len == 0 ||
			memcmp(r->depsets[i].text, deps->ptr, deps->len) == 0))
			break;
	if (i == r->ndepsets) {
		r->depsets = arena_grow(&r->perm, r->depsets, r->ndepsets,
		    &r->depcap, sizeof(*r->depsets));
		while (buf_next_line(deps, &at, &p, &n)) {
			buf_reset(&dep);
			buf_put(&dep, p, n);
			buf_printf(&all, "%s %s\n", dep.ptr,
			    digest_of(r, dep.ptr));
		}
		r->depsets[i].text = arena_strndup(&r->perm,
		    deps->ptr != NULL ? deps->ptr : "", deps->len);
		r->depsets[i].len = deps->len;
		r->depsets[i].stamp = arena_strdup(&r->perm, buf_str(&all));
		r->ndepsets++;
	}
	buf_puts(&b, r->depsets[i].stamp);
	token_stamp("kindly case", b.ptr, b.len, out);
	buf_release(&b);
	buf_release(&dep);
	buf_release(&all);
}

/*
 * The build's stamp: what every page depends on.  kindly itself, the
 * options, the secret, SOURCE_DATE_EPOCH, the site's settings, staff,
 * kinds and lexicon, and each theme's theme.yaml and static files (a
 * book carries the stylesheets); not templates or strings, which each
 * case records for itself.
 */
static void
global_stamp(struct run *r, const struct build_opts *opts)
{
	static const char *const files[] = { "site.yaml", "staff.yaml",
		"lexicon.yaml", "kinds" };
	struct arena		 a = { 0 };
	struct buf		 b = { 0 };
	char		       **names;
	size_t			 i, n;

	put_files(&b, "/proc/self/exe", "kindly");
	buf_printf(&b, "theme %s preview %d books %d pages %d sde %d %lld\n",
	    opts->theme != NULL ? opts->theme : "-", opts->preview, r->books,
	    r->pages, r->has_sde, r->sde);
	if (r->secret != NULL) {
		char s[TOKEN_LEN + 1];

		token_stamp("kindly secret", r->secret, r->nsecret, s);
		buf_printf(&b, "secret %s\n", s);
	}
	for (i = 0; i < LEN(files); i++)
		put_files(&b, arena_printf(&a, "%s/%s", opts->site, files[i]),
		    files[i]);
	names = fsio_is_dir(arena_printf(&a, "%s/themes", opts->site))
	    ? fsio_list(&a, arena_printf(&a, "%s/themes", opts->site), "themes",
		  &n)
	    : NULL;
	for (i = 0; names != NULL && i < n; i++) {
		const char *t =
		    arena_printf(&a, "%s/themes/%s", opts->site, names[i]);

		put_files(&b, arena_printf(&a, "%s/theme.yaml", t),
		    arena_printf(&a, "themes/%s/theme.yaml", names[i]));
		put_files(&b, arena_printf(&a, "%s/static", t),
		    arena_printf(&a, "themes/%s/static", names[i]));
	}
	for (i = 0; i < r->nlooks; i++)
		buf_printf(&b, "look %s\n", r->looks[i]->key);
	token_stamp("kindly build", b.ptr, b.len, r->global);
	buf_release(&b);
	arena_release(&a);
}

/*
 * Render case 'f', loaded without errors: each document for each reader,
 * and each reader's list.
 */
static void
family_render(struct run *r, struct family *f, struct arena *a)
{
	struct value *agencies = agencies_of(a, r, f);
	size_t	      k;

	r->pics = (struct pictures){ &r->fam, f->dir, f->shown, NULL, 0, 0 };
	for (k = 0; k < f->ndocs && !r->write_failed && !r->tmpl_failed; k++)
		(void)render_doc(r, f, f->docs[k], agencies);
	for (k = 0;
	     k < value_count(f->people) && !r->write_failed && !r->tmpl_failed;
	     k++)
		(void)render_index(r, f, value_at(f->people, k), agencies);
	arena_release(&r->fam);
	memset(&r->pics, 0, sizeof(r->pics));
	r->chs = NULL;
	r->nchs = r->chcap = 0;
}

/*
 * What one case's run tells the build, as a worker passes it on: the
 * header, then the reports of loading it, those of rendering it, the
 * files it listed (-v), its lines for the links file and the redaction
 * log, its dependencies and the files it wrote; last, which looks it
 * used.
 */
struct famres {
	size_t n[2][DIAG_ERROR + 1], allowed[2]; /* loading, rendering */
	size_t len[7];
	bool   tmpl_failed, write_failed;
	bool   reused; /* as the last build left it */
	char   stamp[TOKEN_LEN + 1];
};

enum { R_LOAD, R_RENDER, R_LIST, R_LINKS, R_RED, R_DEPS, R_OUTS };

/* Move what 'b' gained since 'from' to 'out'; return how much. */
static size_t
take_since(struct buf *b, size_t from, struct buf *out)
{
	size_t n = b->len - from;

	if (n > 0)
		buf_put(out, b->ptr + from, n);
	b->len = from;
	if (b->ptr != NULL)
		b->ptr[from] = '\0';
	return n;
}

static size_t
put_buf(struct buf *out, const struct buf *b)
{
	buf_put(out, b->ptr, b->len);
	return b->len;
}

/* Case 'old' as the last build left it: the same files and reports. */
static void
family_reuse(struct run *r, const struct state_case *old, struct famres *h,
    struct buf *parts)
{
	const char *p;
	size_t	    i, at = 0, n;

	h->reused = true;
	snprintf(h->stamp, sizeof(h->stamp), "%s", old->stamp);
	for (i = 0; i <= DIAG_ERROR; i++)
		h->n[R_LOAD][i] = old->n[i];
	h->allowed[R_LOAD] = old->allowed;
	h->len[R_LOAD] = put_buf(parts, old->diag);
	h->len[R_LINKS] = put_buf(parts, old->links);
	h->len[R_RED] = put_buf(parts, old->red);
	h->len[R_DEPS] = put_buf(parts, old->deps);
	h->len[R_OUTS] = put_buf(parts, old->outs);
	while (buf_next_line(old->deps, &at, &p, &n))
		if (p[0] == 'u' && (i = strtoul(p + 2, NULL, 10)) < r->nlooks)
			r->looks[i]->used = true;
}

/*
 * One case, start to finish: load and check it, then, if it and the
 * site are sound and no case before it failed to render, render it; or,
 * in a build from the last one, keep it if nothing it depends on has
 * changed.  Unless the build keeps them, what the case loaded is
 * released with it, so memory does not grow with the number of cases.
 */
static void
family_work(void *ud, size_t k, struct buf *out)
{
	struct run		*r = ud;
	struct family		*f = &r->site.families[k];
	const struct state_case *old;
	struct arena		 a = { 0 };
	struct famres		 h = { 0 };
	struct buf		 parts = { 0 }, deps = { 0 }, outs = { 0 };
	size_t links = r->links.len, red = r->redactions.len, i;
	char  *text[3] = { NULL, NULL, NULL };
	size_t tlen[3] = { 0, 0, 0 };
	FILE  *m[3];
	bool   loaded;

	old = r->incr ? state_find(&r->prev, f->id) : NULL;
	if (old != NULL) {
		family_stamp(r, f, old->deps, h.stamp);
		if (strcmp(h.stamp, old->stamp) == 0) {
			family_reuse(r, old, &h, &parts);
			goto send;
		}
	}
	for (i = 0; i < 3; i++)
		if ((m[i] = open_memstream(&text[i], &tlen[i])) == NULL) {
			perror("kindly: open_memstream");
			exit(BUILD_FATAL);
		}
	diag_capture(m[0]);
	loaded = site_load_family(&r->site, f, r->keep ? &r->perm : &a) == 0;
	diag_capture_end(h.n[R_LOAD], &h.allowed[R_LOAD]);
	if (pool_flagged())
		r->tmpl_failed = true; /* a case before this one failed */
	diag_capture(m[1]);
	r->out.list = m[2];
	if (r->tracking) {
		r->deps = &deps;
		r->ndep = 0;
		r->out.written = &outs;
	}
	if (loaded && r->render && !r->write_failed && !r->tmpl_failed)
		family_render(r, f, r->keep ? &r->perm : &a);
	r->deps = NULL;
	r->out.written = NULL;
	diag_capture_end(h.n[R_RENDER], &h.allowed[R_RENDER]);
	r->out.list = stdout;
	h.tmpl_failed = r->tmpl_failed;
	h.write_failed = r->write_failed;
	for (i = 0; i < 3; i++) {
		fclose(m[i]);
		buf_put(&parts, text[i], tlen[i]);
		h.len[i] = tlen[i];
		free(text[i]);
	}
	h.len[R_LINKS] = take_since(&r->links, links, &parts);
	h.len[R_RED] = take_since(&r->redactions, red, &parts);
	h.len[R_DEPS] = put_buf(&parts, &deps);
	h.len[R_OUTS] = put_buf(&parts, &outs);
	if (r->tracking)
		family_stamp(r, f, &deps, h.stamp);
send:
	buf_put(out, &h, sizeof(h));
	buf_put(out, parts.ptr, parts.len);
	for (i = 0; i < r->nlooks; i++)
		buf_putc(out, r->looks[i]->used);
	buf_release(&parts);
	buf_release(&deps);
	buf_release(&outs);
	if (!r->keep) {
		site_unload_family(f);
		arena_release(&a);
	}
}

/* A view of 'len' bytes at 'p' as a buffer, to read. */
static struct buf
view(const char *p, size_t len)
{
	struct buf b = { (char *)(uintptr_t)p, len, 0 };

	return b;
}

/*
 * For a build from the last one: the files of case 'id' to move in
 * ('outs'), and those it wrote last time and no longer does, to remove.
 */
static void
plan_moves(struct run *r, const char *id, const struct buf *outs)
{
	const struct state_case *old = state_find(&r->prev, id);
	const char		*p;
	size_t			 at = 0, n;

	while (old != NULL && buf_next_line(old->outs, &at, &p, &n))
		if (!has_line(outs, p, n))
			buf_printf(&r->apply, "-%.*s\n", (int)n, p);
	for (at = 0; buf_next_line(outs, &at, &p, &n);)
		buf_printf(&r->apply, "+%.*s\n", (int)n, p);
}

/*
 * Pass on what case 'k' did, as a one-worker build would have: after a
 * case failed to render, later cases are loaded and checked, but what
 * rendering them did (if a worker got that far) is dropped.
 */
static int
family_deliver(void *ud, size_t k, const char *data, size_t len)
{
	struct run	 *r = ud;
	struct famres	  h;
	struct state_case c;
	struct buf	  part[7], diag = { 0 };
	const char	 *p = data + sizeof(h);
	size_t		  i, n;

	memcpy(&h, data, sizeof(h));
	for (i = 0, n = sizeof(h) + r->nlooks; i < LEN(h.len); i++) {
		part[i] = view(p, h.len[i]);
		p += h.len[i];
		n += h.len[i];
	}
	assert(len == n);
	diag_pass(part[R_LOAD].ptr, part[R_LOAD].len, h.n[R_LOAD],
	    h.allowed[R_LOAD]);
	if (r->failed) {
		progress(r);
		return 1;
	}
	diag_pass(part[R_RENDER].ptr, part[R_RENDER].len, h.n[R_RENDER],
	    h.allowed[R_RENDER]);
	fwrite(part[R_LIST].ptr, 1, part[R_LIST].len, stdout);
	buf_put(&r->links, part[R_LINKS].ptr, part[R_LINKS].len);
	buf_put(&r->redactions, part[R_RED].ptr, part[R_RED].len);
	for (i = 0; i < r->nlooks; i++)
		r->looks[i]->used |= data[len - r->nlooks + i] != 0;
	r->tmpl_failed |= h.tmpl_failed;
	r->write_failed |= h.write_failed;
	r->failed = r->tmpl_failed || r->write_failed;
	if (r->tracking) {
		memset(&c, 0, sizeof(c));
		c.id = r->site.families[k].id;
		c.stamp = h.stamp;
		for (i = 0; i <= DIAG_ERROR; i++)
			c.n[i] = h.n[R_LOAD][i] + h.n[R_RENDER][i];
		c.allowed = h.allowed[R_LOAD] + h.allowed[R_RENDER];
		buf_put(&diag, part[R_LOAD].ptr, part[R_LOAD].len);
		buf_put(&diag, part[R_RENDER].ptr, part[R_RENDER].len);
		c.diag = &diag;
		c.deps = &part[R_DEPS];
		c.outs = &part[R_OUTS];
		c.links = &part[R_LINKS];
		c.red = &part[R_RED];
		state_put_case(&r->next, &c);
		buf_release(&diag);
		if (r->incr && !h.reused)
			plan_moves(r, c.id, c.outs);
	}
	progress(r);
	return r->failed;
}

/*
 * The theme files of looks 'from' to 'to' (the site's always, a need's
 * if a reader has it), their names added to 'outs'.
 */
static void
looks_assets(struct run *r, size_t from, size_t to, struct buf *outs)
{
	size_t i;

	r->out.written = outs;
	for (i = from; r->pages && i < to && !r->write_failed; i++)
		if ((i == 0 || r->looks[i]->used) &&
		    theme_assets(&r->looks[i]->theme, &r->out,
			r->looks[i]->assets) == -1)
			r->write_failed = true;
	r->out.written = NULL;
}

static int
by_family(const void *id, const void *f)
{
	return strcmp(id, ((const struct family *)f)->id);
}

/*
 * After the cases: the needs' theme files, listed in 'assets' and in the
 * state's first case, ""; in a build from the last one, what to remove
 * of the cases that are gone.  Returns which looks were used, '0' or '1'
 * each.
 */
static const char *
end_assets(struct run *r, struct buf *assets)
{
	struct state_case	 c = { 0 };
	const struct state_case *old;
	struct buf		 none = { 0 }, text = { 0 };
	char			*looks = arena_alloc(&r->perm, r->nlooks + 1);
	size_t			 i;

	for (i = 0; i < r->nlooks; i++)
		looks[i] = r->looks[i]->used ? '1' : '0';
	if (!r->incr)
		looks_assets(r, 1, r->nlooks, assets);
	else if (strcmp(looks, r->prev.looks) != 0) {
		looks_assets(r, 0, r->nlooks, assets);
		plan_moves(r, "", assets);
	} else if ((old = state_find(&r->prev, "")) != NULL)
		put_buf(assets, old->outs);
	for (i = 0; r->incr && i < r->prev.n; i++)
		if (*r->prev.cases[i].id != '\0' &&
		    bsearch(r->prev.cases[i].id, r->site.families,
			r->site.nfamilies, sizeof(*r->site.families),
			by_family) == NULL)
			plan_moves(r, r->prev.cases[i].id, &none); /* gone */
	c.id = "";
	c.stamp = "-";
	c.outs = assets;
	c.deps = c.diag = c.links = c.red = &none;
	state_put_case(&text, &c); /* first: the state's cases are by id */
	buf_put(&text, r->next.ptr, r->next.len);
	buf_release(&r->next);
	r->next = text;
	return looks;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * True if the output folder holds, at its top, only what the last build
 * wrote there: anything else (put there by hand) means a full build,
 * which replaces the folder whole.
 */
static bool
output_as_left(struct run *r, const char *dir)
{
	struct arena a = { 0 };
	const char **tops = NULL, *p;
	char	   **names;
	size_t	     n = 0, cap = 0, i, k, at, len;
	bool	     ok = true;

	for (i = 0; i < r->prev.n; i++)
		for (at = 0;
		     buf_next_line(r->prev.cases[i].outs, &at, &p, &len);) {
			for (k = 0; k < len && p[k] != '/'; k++)
				;
			tops = arena_grow(&a, tops, n, &cap, sizeof(*tops));
			tops[n++] = arena_strndup(&a, p, k);
		}
	qsort(tops, n, sizeof(*tops), by_str);
	for (i = k = 0; i < n; i++) /* each once */
		if (k == 0 || strcmp(tops[k - 1], tops[i]) != 0)
			tops[k++] = tops[i];
	n = k;
	/* fsio_list() leaves out the marker, as it does every hidden file */
	if (!fsio_is_file(arena_printf(&a, "%s/.kindly-output", dir)) ||
	    (names = fsio_list(&a, dir, dir, &k)) == NULL || k != n)
		ok = false; /* something there is missing, or more */
	for (i = 0; ok && i < k; i++)
		ok = bsearch(&names[i], tops, n, sizeof(*tops), by_str) != NULL;
	arena_release(&a);
	return ok;
}

/* Move what changed into the output, remove what is gone. */
static int
apply(struct run *r)
{
	const char *p;
	char	   *rel;
	size_t	    at = 0, n;
	int	    rc = 0;

	while (buf_next_line(&r->apply, &at, &p, &n)) {
		rel = xstrndup(p + 1, n - 1);
		if (*p == '-')
			output_remove(&r->out, rel);
		else if (output_move_in(&r->out, rel) == -1)
			rc = -1;
		free(rel);
	}
	output_abort(&r->out); /* what is left of the new folder */
	return rc;
}

/*
 * Every page: each document for each reader and each reader's list,
 * case by case, with the cases shared among r->jobs workers; or, for
 * the record, each document once and the list of them all.
 */
static void
render_all(struct run *r)
{
	size_t i, k;

	if (!r->record) {
		if (pool_run(r->site.nfamilies, r->jobs, family_work,
			family_deliver, r) == -1)
			r->write_failed = true;
		return;
	}
	for (i = 0; i < r->site.nfamilies; i++) {
		struct family *f = &r->site.families[i];
		struct value  *agencies = agencies_of(&r->perm, r, f);

		for (k = 0; k < f->ndocs && !r->write_failed && !r->tmpl_failed;
		     k++)
			(void)render_record_doc(r, f, f->docs[k], agencies);
	}
	if (!r->write_failed && !r->tmpl_failed)
		(void)render_record_index(r);
}

/*
 * The site secret, from --secret-file or KINDLY_SECRET.  It must not be
 * inside the site or the output, where it could be published with them.
 */
static enum build_status
load_secret(struct run *r, const struct build_opts *opts)
{
	const char *env = getenv("KINDLY_SECRET");
	char	   *buf;
	size_t	    len;

	if (opts->preview || opts->dry || opts->record)
		return BUILD_OK;
	if (token_init() == -1) {
		fputs("kindly: the crypto library (libsodium) cannot start\n",
		    stderr);
		return BUILD_FATAL;
	}
	if (opts->secret_file != NULL) {
		if (fsio_inside(&r->perm, opts->secret_file, opts->site) ||
		    fsio_inside(&r->perm, opts->secret_file, opts->outdir)) {
			fprintf(stderr,
			    "kindly: the secret file %s is inside the site or "
			    "the output, where it could be published; keep it "
			    "somewhere else\n",
			    opts->secret_file);
			return BUILD_USAGE;
		}
		if ((buf = fsio_read(&r->perm, opts->secret_file,
			 opts->secret_file, &len)) == NULL)
			return BUILD_USAGE;
		while (
		    len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			len--;
	} else if (env != NULL && *env != '\0') {
		buf = arena_strdup(&r->perm, env);
		len = strlen(buf);
	} else {
		fputs(
		    "kindly: there is no secret for the readers' links.  Give "
		    "one with\n"
		    "  --secret-file FILE (a file outside the site) or the "
		    "KINDLY_SECRET\n"
		    "  environment variable, or build with --preview to "
		    "look at the pages\n"
		    "  first.  Make a secret with: head -c 32 /dev/urandom | "
		    "base64 > FILE\n",
		    stderr);
		return BUILD_USAGE;
	}
	if (len < TOKEN_MIN_SECRET) {
		fprintf(stderr,
		    "kindly: the secret is %zu bytes; it needs at least %d "
		    "(make one with: head -c 32 /dev/urandom | base64)\n",
		    len, TOKEN_MIN_SECRET);
		return BUILD_USAGE;
	}
	r->secret = (const unsigned char *)buf;
	r->nsecret = len;
	return BUILD_OK;
}

/* What was left out as redacted, for the practitioner. */
static enum build_status
write_redactions(struct run *r, const char *file)
{
	struct buf b = { 0 };
	int	   rc;

	buf_puts(&b,
	    "# kindly: text left out of the readers' pages because it is "
	    "marked redacted.\n# Keep this file private: it quotes what "
	    "was left out.\n# document\treader\tline\tfield\twhy\twhat\n");
	buf_put(&b, r->redactions.ptr, r->redactions.len);
	rc = fsio_write(&r->perm, file, b.ptr, b.len);
	buf_release(&b);
	return rc == -1 ? BUILD_FATAL : BUILD_OK;
}

static enum build_status
write_links(struct run *r, const struct build_opts *opts)
{
	struct buf b = { 0 };
	int	   rc;

	buf_puts(&b,
	    "# kindly: each reader's own page, inside the output "
	    "folder.\n# Keep this file private: anyone with a link "
	    "can read that page.\n# case\treader\tname\tfolder\n");
	buf_put(&b, r->links.ptr, r->links.len);
	rc = fsio_write(&r->perm, opts->links, b.ptr, b.len);
	buf_release(&b);
	return rc == -1 ? BUILD_FATAL : BUILD_OK;
}

/* Refuse a practitioner's file ('what') inside the output 'dir'. */
static int
outside_output(struct run *r, const char *file, const char *what,
    const char *dir)
{
	if (file == NULL || !fsio_inside(&r->perm, file, dir))
		return 0;
	fprintf(stderr,
	    "kindly: the %s %s is inside the output, where the readers "
	    "could find it; write it somewhere else\n",
	    what, file);
	return -1;
}

enum build_status
build_run(const struct build_opts *opts)
{
	struct run	  r = { 0 };
	enum build_status st = BUILD_OK;
	const char	 *log, *looks = "";
	struct buf	  assets = { 0 };
	size_t		  i;

	clock_gettime(CLOCK_MONOTONIC, &r.start);
	diag_progress_enable(!opts->verbose);
	log = opts->redaction_log != NULL
	    ? opts->redaction_log
	    : arena_printf(&r.perm, "%.*s.redactions.txt",
		  (int)util_dir_len(opts->outdir), opts->outdir);
	if (outside_output(&r, opts->links, "links file", opts->outdir) == -1 ||
	    outside_output(&r, log, "redaction log", opts->outdir) == -1) {
		st = BUILD_USAGE;
		goto done;
	}
	if ((st = load_secret(&r, opts)) != BUILD_OK)
		goto done;
	switch (util_source_date(&r.sde)) {
	case -1: st = BUILD_USAGE; goto done;
	case 1: r.has_sde = true; break;
	default: break;
	}
	r.record = opts->record;
	r.keep = opts->summary; /* plain_summary() reads every case */
	r.books = opts->books && !opts->record;
	r.pages = opts->pages || opts->record;
	r.jobs = opts->jobs > 0 ? opts->jobs : pool_cpus();
	if (opts->record || opts->summary)
		r.jobs = 1;
	r.out.list = stdout;
	if (opts->record) {
		/* The record's list needs every case at once. */
		if (site_load(&r.site, &r.perm, opts->site) == -1 ||
		    looks_load(&r, opts) == -1) {
			st = BUILD_INPUT;
			goto done;
		}
		r.render = true;
	} else
		r.render = site_load_base(&r.site, &r.perm, opts->site) == 0 &&
		    looks_load(&r, opts) == 0;
	if (r.render && !opts->dry && !opts->record) {
		r.tracking = true;
		r.state_file = arena_printf(&r.perm, "%.*s.kindly-state",
		    (int)util_dir_len(opts->outdir), opts->outdir);
		global_stamp(&r, opts);
		r.incr = !opts->full && fsio_is_dir(opts->outdir) &&
		    state_load(&r.prev, &r.perm, r.state_file) == 0 &&
		    strcmp(r.prev.global, r.global) == 0 &&
		    output_as_left(&r, opts->outdir);
	}
	if (r.render &&
	    output_begin(&r.out, opts->outdir,
		opts->record ? OUTPUT_RECORD : OUTPUT_FAMILY, opts->verbose,
		opts->dry) == -1) {
		st = BUILD_FATAL;
		goto done;
	}
	if (r.render && !r.incr)
		looks_assets(&r, 0, 1, &assets);
	render_all(&r);
	if (r.render && !r.record)
		looks = end_assets(&r, &assets);
	diag_progress_end();
	if (opts->summary)
		plain_summary(&r.site);
	if (r.write_failed) {
		output_abort(&r.out);
		st = BUILD_FATAL;
	} else if (diag_count(DIAG_ERROR) > 0) {
		output_abort(&r.out);
		st = BUILD_INPUT;
	} else if (r.incr ? apply(&r) == -1 : output_commit(&r.out) == -1)
		st = BUILD_FATAL;
	else if (!opts->dry && !opts->record) {
		st = write_redactions(&r, log);
		if (st == BUILD_OK && opts->links != NULL)
			st = write_links(&r, opts);
		if (st == BUILD_OK && r.tracking &&
		    state_save(r.state_file, r.global, looks, &r.next) == -1)
			st = BUILD_FATAL;
	}
done:
	diag_summary();
	for (i = 0; i < r.nlooks; i++)
		tmpl_free(r.looks[i]->tmpl);
	buf_release(&r.links);
	buf_release(&r.redactions);
	buf_release(&r.zip);
	buf_release(&r.next);
	buf_release(&r.apply);
	buf_release(&assets);
	state_release(&r.prev);
	arena_release(&r.fam);
	arena_release(&r.perm);
	return st;
}
