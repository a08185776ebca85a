/* SPDX-License-Identifier: ISC */
/*
 * The views checked here are the ones pages are made from (view.c), in
 * raw form: Markdown stays source text, so every match has a line and
 * column in the document.  Only text and Markdown fields are read; ids
 * in person fields are shown through name(), which never has a hidden
 * surname (hide_people()).  A document read at several ages reports
 * each problem once.
 */
#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "audience.h"
#include "diag.h"
#include "hide.h"
#include "kind.h"
#include "scope.h"
#include "site.h"
#include "util.h"
#include "value.h"
#include "view.h"

struct aud {
	struct arena	   *a;
	const struct doc   *d;
	const struct value *reader;
	const char	   *rid;
	/* The person being looked for, and their phrases. */
	const struct value	 *person;
	const struct hide_phrase *ph;
	size_t			  nph;
	/* Where a problem was reported already for this reader, at
	   another age. */
	struct srcpos *seen;
	size_t	       nseen, cap;
	int	       rc;
};

/* True the first time a problem at 'pos' is met for this reader. */
static bool
first(struct aud *au, const struct srcpos *pos)
{
	size_t i;

	for (i = 0; i < au->nseen; i++)
		if (au->seen[i].line == pos->line &&
		    au->seen[i].col == pos->col)
			return false;
	au->seen =
	    arena_grow(au->a, au->seen, au->nseen, &au->cap, sizeof(*au->seen));
	au->seen[au->nseen++] = *pos;
	return true;
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

/*
 * Where byte 'off' of 's' is in the file: 's' is text value 'v', or the
 * body when 'v' is NULL.  In a '|' block the column is counted from the
 * start of the text's line, not of the file's.
 */
static struct srcpos
where(const struct aud *au, const struct value *v, const char *s, size_t off)
{
	struct srcpos pos = { au->d->path, au->d->bline, 0 };
	unsigned      line, col;

	util_line_col(s, off, &line, &col);
	if (v != NULL) {
		pos = v->pos;
		pos.line += v->block ? 1 : 0;
		if (line == 1 && !v->block)
			col = pos.col + col - 1 + (v->quoted ? 1 : 0);
	}
	pos.line += line - 1;
	pos.col = col;
	return pos;
}

/* Report every hidden phrase in 's' (text value 'v', or the body). */
static void
find_all(struct aud *au, const struct value *v, const char *s, size_t len)
{
	const struct hide_phrase *h;
	struct srcpos		  pos;
	size_t			  off, from = 0;

	while (from < len &&
	    (h = hide_find(au->ph, au->nph, s + from, len - from, &off)) !=
		NULL) {
		off += from;
		pos = where(au, v, s, off);
		if (first(au, &pos))
			report(au, &pos, h);
		from = off + strlen(h->text);
	}
}

static void
scan(struct aud *au, const struct field *f, const struct value *v)
{
	size_t i;

	if (v == NULL)
		return;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		if (v->type == VALUE_STRING)
			find_all(au, v, v->str, v->len);
		return;
	case FIELD_LIST:
		for (i = 0; i < value_count(v); i++)
			scan(au, f->item, v->items[i]);
		return;
	case FIELD_MAP:
		for (i = 0; i < f->nfields; i++)
			scan(au, &f->fields[i],
			    value_get(v, f->fields[i].name));
		return;
	default: return;
	}
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
			diag_warning(&src->pos,
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
			diag_warning(&pos,
			    "the text after the front matter has nothing for "
			    "%s: all of it is for other readers or redacted "
			    "(write something for %s)",
			    au->rid, au->rid);
	}
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
		scan(au, &au->d->kind->root, view);
		find_all(au, NULL, md, len);
	}
}

int
audience_check(struct arena *a, const struct doc *d)
{
	size_t i, k;
	int    rc = 0;

	for (i = 0; i < d->readers->n; i++) {
		struct aud au;

		memset(&au, 0, sizeof(au));
		au.a = a;
		au.d = d;
		au.rid = d->readers->items[i]->str;
		au.reader = value_get(d->family->people, au.rid);
		for (k = 0; k < (d->nages > 0 ? d->nages : 1); k++)
			check_version(&au, d->nages > 0 ? d->ages[k] : 0);
		if (au.rc == -1)
			rc = -1;
	}
	return rc;
}
