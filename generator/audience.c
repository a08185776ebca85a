/* SPDX-License-Identifier: ISC */
/*
 * The views checked here are the ones pages are made from (view.c), in
 * raw form: Markdown stays source text, so every match has a line and
 * column in the document.  Only text and Markdown fields are read; ids
 * in person fields are shown through name(), which never has a hidden
 * surname (hide_people()).  A document read at several ages reports
 * each problem once.
 */
#define DIAG_AREA "privacy"

#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "audience.h"
#include "diag.h"
#include "hide.h"
#include "kind.h"
#include "plain.h"
#include "scope.h"
#include "site.h"
#include "util.h"
#include "value.h"
#include "view.h"

struct aud {
	struct arena	   *a;
	const struct site  *s;
	struct doc	   *d;
	const struct value *reader;
	const char	   *rid;
	/* The person being looked for, and their phrases. */
	const struct value	 *person;
	const struct hide_phrase *ph;
	size_t			  nph;
	/* Where a problem was reported already for this reader, at
	   another age: "line:col". */
	struct value *seen;
	int	      rc;
	struct plain *pl; /* plain language, shared by the readers */
};

/* True the first time a problem at 'pos' is met for this reader. */
static bool
first(struct aud *au, const struct srcpos *pos)
{
	if (au->seen == NULL)
		au->seen = value_new(au->a, VALUE_MAP, NULL);
	return value_add_new(au->a, au->seen,
	    arena_printf(au->a, "%u:%u", pos->line, pos->col));
}

/* How the person is named in a message: 'name', else their id. */
static const char *
called(const struct value *p)
{
	const char *s = value_str(value_get(p, "name"));

	return s != NULL ? s : value_str(value_get(p, "id"));
}

static void
report(struct aud *au, const struct srcpos *pos, const struct hide_phrase *h)
{
	const char *name = called(au->person);

	au->rc = diag_error(pos,
	    "this shows %s's %s ('%s') to %s, and case.yaml hides it from "
	    "%s; %s",
	    name, h->what, h->text, au->rid, au->rid,
	    strcmp(h->what, "surname") == 0
		? "use their first name, or write a version for this reader"
		: "leave it out of what this reader sees (a version per "
		  "reader, 'for:', or '::: for')");
}

/* Report every hidden phrase in 's' (text value 'v', or the body). */
static void
find_all(struct aud *au, const struct value *v, const char *s, size_t len)
{
	const struct hide_phrase *h;
	struct srcpos		  pos;
	size_t			  off, from = 0, at = 0;
	unsigned		  line = 1, col = 1;

	while (from < len &&
	    (h = hide_find(au->ph, au->nph, s + from, len - from, &off)) !=
		NULL) {
		off += from;
		/* Counted on from the last one: the text is read once. */
		util_line_col_from(s, at, off, &line, &col);
		at = off;
		pos = doc_pos_at(au->d, v, line, col);
		if (first(au, &pos))
			report(au, &pos, h);
		from = off + strlen(h->text);
	}
}

/* Call 'fn' for each text of field 'f' in value 'v', in order. */
static void
each_text(struct aud *au, const struct field *f, const struct value *v,
    void (*fn)(struct aud *, const struct field *, const struct value *))
{
	size_t i;

	if (v == NULL)
		return;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		if (v->type == VALUE_STRING)
			fn(au, f, v);
		return;
	case FIELD_LIST:
		for (i = 0; i < value_count(v); i++)
			each_text(au, f->item, v->items[i], fn);
		return;
	case FIELD_MAP:
		for (i = 0; i < f->nfields; i++)
			each_text(au, &f->fields[i],
			    value_get(v, f->fields[i].name), fn);
		return;
	default: return;
	}
}

static void
find_in(struct aud *au, const struct field *f, const struct value *v)
{
	(void)f;
	find_all(au, v, v->str, v->len);
}

/*
 * Required fields that have words, but none for this reader.  A map of
 * versions with none for them at all was warned about by check.c.
 */
static void
empty_for(struct aud *au, const struct view_for *vf, const struct value *view,
    const char *md, size_t len)
{
	const struct field *root = &au->d->kind->root;
	const struct value *src, *v;
	struct srcpos	    pos;
	size_t		    i;

	for (i = 0; i < root->nfields; i++) {
		const struct field *f = &root->fields[i];

		src = value_get(au->d->meta, f->name);
		if (!f->required || src == NULL || src->type == VALUE_NULL ||
		    (f->variants && !view_has_version(vf, src)))
			continue;
		v = value_get(view, f->name);
		if (v != NULL && (v->type != VALUE_SEQ || v->n > 0))
			continue;
		if (first(au, &src->pos))
			diag_warning(&src->pos, "empty-for-reader",
			    "'%s' has nothing for %s: all of it is for other "
			    "readers or redacted, so %s's page would leave it "
			    "out (write something for %s)",
			    f->label, au->rid, au->rid, au->rid);
	}
	if (au->d->kind->body_required &&
	    au->d->body[strspn(au->d->body, " \t\r\n")] != '\0') {
		for (i = 0; i < len && isspace((unsigned char)md[i]); i++)
			;
		pos = (struct srcpos){ au->d->path, au->d->bline, 1 };
		if (i == len && first(au, &pos))
			diag_warning(&pos, "empty-for-reader",
			    "the text after the front matter has nothing for "
			    "%s: all of it is for other readers or redacted "
			    "(write something for %s)",
			    au->rid, au->rid);
	}
}

/*
 * Read text 'v' of field 'f' for plain language.  A field called
 * 'words' (or marked 'own-words') is what someone said, in their own
 * words: it is not ours to rewrite.
 */
static void
read_text_of(struct aud *au, const struct field *f, const struct value *v)
{
	plain_text(au->pl, v, v->str, 0, v->len,
	    (f->type == FIELD_MARKDOWN ? PLAIN_MD : 0) |
		(strcmp(f->name, "words") == 0 || f->own_words ? PLAIN_QUOTE
							       : 0));
}

/* A heading line of Markdown, "## Text": the text's offset, else 0. */
static size_t
heading(const char *s, size_t len)
{
	size_t k = 0;

	while (k < len && k < 6 && s[k] == '#')
		k++;
	if (k == 0 || k >= len || (s[k] != ' ' && s[k] != '\t'))
		return 0;
	while (k < len && (s[k] == ' ' || s[k] == '\t'))
		k++;
	return k;
}

/*
 * The body, a section for each heading; code is not read.  Lines are
 * counted on the way, for where each heading is (doc_pos() would count
 * them from the start again).
 */
static void
read_body(struct aud *au, const char *md, size_t len)
{
	struct srcpos pos = { au->d->path, au->d->bline, 1 };
	const char   *line, *label, *next;
	size_t	      from = 0, i = 0, n, h, end;
	unsigned      lineno = au->d->bline;
	bool	      code = false;

	plain_section(au->pl, "the opening text", &pos);
	while (i < len) {
		line = md + i;
		n = util_line(line, md + len, &next);
		end = (size_t)(next - md);
		if (strncmp(line, "```", 3) == 0 ||
		    strncmp(line, "~~~", 3) == 0)
			code = !code;
		if (!code && (h = heading(line, n)) > 0) {
			plain_text(au->pl, NULL, md, from, i, PLAIN_MD);
			label = arena_printf(au->a, "'%.*s'", (int)(n - h),
			    line + h);
			pos = (struct srcpos){ au->d->path, lineno, 1 };
			plain_section(au->pl, label, &pos);
			from = end;
		} else if (code) {
			plain_text(au->pl, NULL, md, from, i, PLAIN_MD);
			from = end;
		}
		i = end;
		lineno++;
	}
	plain_text(au->pl, NULL, md, from, len, PLAIN_MD);
}

/* Every text 'vf' sees of the document, for plain language. */
static void
read_all(struct aud *au, const struct view_for *vf, const struct value *view,
    const char *md, size_t len)
{
	const struct field *root = &au->d->kind->root;
	struct doc	   *d = au->d;
	const struct value *v;
	size_t		    i, cap = d->nsums;

	d->sums = arena_grow(au->a, d->sums, d->nsums, &cap, sizeof(*d->sums));
	plain_begin(au->pl, &d->sums[d->nsums++]);
	au->pl->sum->reader = au->rid;
	au->pl->sum->age = vf->age;
	plain_reader(&au->pl->r, au->a, d, au->reader, vf->age,
	    au->s->reading_ages);
	plain_name(au->pl, d->kind->title);
	for (i = 0; i < root->nfields; i++) {
		v = value_get(view, root->fields[i].name);
		if (v == NULL)
			continue;
		plain_section(au->pl,
		    arena_printf(au->a, "'%s'", root->fields[i].label),
		    &v->pos);
		each_text(au, &root->fields[i], v, read_text_of);
	}
	read_body(au, md, len);
	plain_end(au->pl);
}

static void
check_version(struct aud *au, long age)
{
	const struct value *people = au->d->family->people;
	struct view_for	    vf = { au->reader, age, true, NULL };
	struct value	   *view = view_doc(au->a, au->d, &vf);
	const char	   *md;
	size_t		    i, len;

	md = scope_text(au->a, au->d->body, au->d->blen, &au->d->scope,
	    view_parts(au->a, au->d, &vf), &len);
	empty_for(au, &vf, view, md, len);
	for (i = 0; i < value_count(people); i++) {
		au->person = value_at(people, i);
		if (!hide_from(au->person, au->reader))
			continue;
		au->ph = hide_phrases(au->a, au->person, &au->nph);
		each_text(au, &au->d->kind->root, view, find_in);
		find_all(au, NULL, md, len);
	}
	read_all(au, &vf, view, md, len);
}

int
audience_check(struct arena *a, const struct site *s, struct doc *d)
{
	struct plain pl;
	size_t	     i, k;
	int	     rc = 0;

	memset(&pl, 0, sizeof(pl));
	pl.a = a;
	pl.d = d;
	pl.lx = &s->lexicon;
	diag_allow(d->allow, d->nallow);
	for (i = 0; i < d->readers->n; i++) {
		struct aud au;

		memset(&au, 0, sizeof(au));
		au.a = a;
		au.s = s;
		au.d = d;
		au.rid = d->readers->items[i]->str;
		au.reader = value_get(d->family->people, au.rid);
		au.pl = &pl;
		for (k = 0; k < (d->nages > 0 ? d->nages : 1); k++)
			check_version(&au, d->nages > 0 ? d->ages[k] : 0);
		if (au.rc == -1)
			rc = -1;
	}
	diag_allow(NULL, 0);
	plain_free(&pl);
	return rc;
}
