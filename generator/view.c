/* SPDX-License-Identifier: ISC */
/*
 * The view is built from the schema, not from the front matter: only
 * fields the kind defines are copied, so a field that check.c warned
 * about as unknown never reaches a page.  The document was checked
 * before any view is made, so types here are as the schema says.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "check.h"
#include "content.h"
#include "kind.h"
#include "site.h"
#include "value.h"
#include "view.h"

struct viewer {
	struct arena	      *a;
	const struct doc      *doc;
	const struct view_for *vf;
	/* The keys that name this reader, first choice first: their id,
	   the reading age of this version ("at-10"), their role. */
	const char *keys[3];
	size_t	    nkeys;
	char	    at[24];
};

static void
viewer_init(struct viewer *vw, struct arena *a, const struct doc *d,
    const struct view_for *vf)
{
	const char *role = value_str(value_get(vf->reader, "role"));

	memset(vw, 0, sizeof(*vw));
	vw->a = a;
	vw->doc = d;
	vw->vf = vf;
	vw->keys[vw->nkeys++] = value_str(value_get(vf->reader, "id"));
	if (vf->age > 0) {
		snprintf(vw->at, sizeof(vw->at), "at-%ld", vf->age);
		vw->keys[vw->nkeys++] = vw->at;
	}
	if (role != NULL)
		vw->keys[vw->nkeys++] = role;
}

/* The first text in 'v' that is not a 'for' or 'redacted' key's. */
static const struct value *
first_text(const struct value *v)
{
	const struct value *t;
	size_t		    i;

	switch (v->type) {
	case VALUE_STRING: return v;
	case VALUE_SEQ:
		for (i = 0; i < v->n; i++)
			if ((t = first_text(v->items[i])) != NULL)
				return t;
		return NULL;
	case VALUE_MAP:
		if ((t = value_get(v, "what")) != NULL &&
		    (t = first_text(t)) != NULL)
			return t;
		for (i = 0; i < value_count(v); i++)
			if (strcmp(value_key(v, i)->str, "for") != 0 &&
			    strcmp(value_key(v, i)->str, "redacted") != 0 &&
			    (t = first_text(value_at(v, i))) != NULL)
				return t;
		return NULL;
	default: return NULL;
	}
}

/* Log that 'what' (at 'line', in field 'where') was left out: 'why'. */
static void
redact(const struct viewer *vw, unsigned line, const char *where,
    const char *why, const struct value *what)
{
	struct buf *b = vw->vf->log;

	if (b == NULL)
		return;
	buf_printf(b, "%s\t%s", vw->doc->path, vw->keys[0]);
	if (vw->vf->age > 0)
		buf_printf(b, " (at %ld)", vw->vf->age);
	buf_printf(b, "\t%u\t%s\t", line, where);
	buf_one_line(b, why, strlen(why), SIZE_MAX);
	buf_putc(b, '\t');
	if (what != NULL && (what = first_text(what)) != NULL)
		buf_one_line(b, what->str, what->len, 80);
	buf_putc(b, '\n');
}

/* True if 'v' is redacted text, {redacted: why, text: ...}; logs it. */
static bool
redacted(const struct viewer *vw, const struct field *f, const struct value *v)
{
	const char *why;

	if (v->type != VALUE_MAP ||
	    (why = value_str(value_get(v, "redacted"))) == NULL)
		return false;
	redact(vw, v->pos.line, f->path, why, value_get(v, "text"));
	return true;
}

/* The variant of text 'v' for this reader, or NULL: default deny. */
static const struct value *
choose(const struct viewer *vw, const struct field *f, const struct value *v)
{
	const struct value *t;
	size_t		    i;

	if (redacted(vw, f, v))
		return NULL;
	if (v->type != VALUE_MAP)
		return v;
	for (i = 0; i < vw->nkeys; i++)
		if ((t = value_get(v, vw->keys[i])) != NULL)
			return redacted(vw, f, t) ? NULL : t;
	return NULL;
}

/* True if 'who' (a name or a list of names) names this reader. */
static bool
names_reader(const struct viewer *vw, const struct value *who)
{
	size_t i;

	for (i = 0; i < vw->nkeys; i++)
		if (value_names(who, vw->keys[i]))
			return true;
	return false;
}

/*
 * A map (a section or a list item) with 'for:' is for the readers it
 * names; without 'for:' it is for everyone.  Default deny.
 */
static bool
for_reader(const struct viewer *vw, const struct value *m)
{
	const struct value *f = value_get(m, "for");

	return f == NULL || names_reader(vw, f);
}

static struct value *
markdown(const struct viewer *vw, const struct value *v)
{
	struct content_opts o = { vw->doc->path, v->pos.line, NULL, NULL,
		true };
	char		   *html;

	if (vw->vf->raw)
		return (struct value *)v;
	html = content_markdown(vw->a, &o, v->str, v->len);

	/* check.c refused images in fields, so this cannot fail. */
	return value_new_html(vw->a, html != NULL ? html : "",
	    html != NULL ? strlen(html) : 0);
}

static struct value *
view_field(const struct viewer *, const struct field *, const struct value *);

static struct value *
view_map(const struct viewer *vw, const struct field *f, const struct value *m)
{
	struct value *out = value_new(vw->a, VALUE_MAP, &m->pos);
	size_t	      i;

	for (i = 0; i < f->nfields; i++) {
		const struct value *v = value_get(m, f->fields[i].name);
		struct value	   *r;

		if (v != NULL && v->type != VALUE_NULL &&
		    (r = view_field(vw, &f->fields[i], v)) != NULL)
			value_set(vw->a, out, f->fields[i].name, r);
	}
	return out;
}

static struct value *
view_field(const struct viewer *vw, const struct field *f,
    const struct value *v)
{
	struct value *out, *r;
	const char   *why;
	size_t	      i;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		if ((v = choose(vw, f, v)) == NULL || v->type != VALUE_STRING)
			return NULL;
		return f->type == FIELD_MARKDOWN ? markdown(vw, v)
						 : (struct value *)v;
	case FIELD_LIST:
		out = value_new(vw->a, VALUE_SEQ, &v->pos);
		for (i = 0; i < v->n; i++)
			if ((r = view_field(vw, f->item, v->items[i])) != NULL)
				value_push(vw->a, out, r);
		return out;
	case FIELD_MAP:
		if (!for_reader(vw, v))
			return NULL;
		if ((why = value_str(value_get(v, "redacted"))) != NULL) {
			redact(vw, v->pos.line, f->path, why, v);
			return NULL;
		}
		return view_map(vw, f, v);
	default: return (struct value *)v;
	}
}

struct value *
view_doc(struct arena *a, const struct doc *d, const struct view_for *vf)
{
	struct viewer	    vw;
	struct value	   *out;
	size_t		    i;
	const struct value *v;

	viewer_init(&vw, a, d, vf);
	out = view_map(&vw, &d->kind->root, d->meta);
	for (i = 0; i < check_nenvelope; i++)
		if ((v = value_get(d->meta, check_envelope[i])) != NULL)
			value_set(a, out, check_envelope[i], (struct value *)v);
	return out;
}

bool
view_has_version(const struct view_for *vf, const struct value *text)
{
	struct viewer vw;
	size_t	      i;

	viewer_init(&vw, NULL, NULL, vf);
	if (text->type != VALUE_MAP || value_get(text, "redacted") != NULL)
		return true;
	for (i = 0; i < vw.nkeys; i++)
		if (value_get(text, vw.keys[i]) != NULL)
			return true;
	return false;
}

bool *
view_parts(struct arena *a, const struct doc *d, const struct view_for *vf)
{
	struct viewer vw;
	bool	     *keep = arena_alloc(a, d->scope.n + 1);
	size_t	      i;

	viewer_init(&vw, a, d, vf);
	for (i = 0; i < d->scope.n; i++) {
		const struct part *p = &d->scope.parts[i];
		struct value	   text = { 0 };

		keep[i] = false;
		if (p->reason != NULL) {
			text.type = VALUE_STRING;
			text.str = d->body + p->off;
			text.len = p->len;
			redact(&vw, p->line, "body", p->reason, &text);
			continue;
		}
		keep[i] = names_reader(&vw, p->who);
	}
	return keep;
}
