/* SPDX-License-Identifier: ISC */
/*
 * The view is built from the schema, not from the front matter: only
 * fields the kind defines are copied, so a field that check.c warned
 * about as unknown never reaches a page.  The document was checked
 * before any view is made, so types here are as the schema says.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "content.h"
#include "kind.h"
#include "site.h"
#include "value.h"
#include "view.h"

struct viewer {
	struct arena	 *a;
	const struct doc *doc;
	const char	 *id;	  /* the reader's id */
	const char	 *role;	  /* the reader's role */
	char		  at[24]; /* "at-10", or "" */
};

/* The variant of text 'v' for this reader, or NULL: default deny. */
static const struct value *
choose(const struct viewer *vw, const struct value *v)
{
	const struct value *t;

	if (v->type != VALUE_MAP)
		return v;
	if ((t = value_get(v, vw->id)) != NULL)
		return t;
	if (vw->at[0] != '\0' && (t = value_get(v, vw->at)) != NULL)
		return t;
	if (vw->role != NULL && (t = value_get(v, vw->role)) != NULL)
		return t;
	return NULL;
}

static bool
names_reader(const struct viewer *vw, const char *key)
{
	return strcmp(key, vw->id) == 0 ||
	    (vw->at[0] != '\0' && strcmp(key, vw->at) == 0) ||
	    (vw->role != NULL && strcmp(key, vw->role) == 0);
}

/*
 * A map (a section or a list item) with 'for:' is for the readers it
 * names; without 'for:' it is for everyone.  Default deny.
 */
static bool
for_reader(const struct viewer *vw, const struct value *m)
{
	const struct value *f = value_get(m, "for");
	size_t		    i;

	if (f == NULL)
		return true;
	if (f->type == VALUE_STRING)
		return names_reader(vw, f->str);
	for (i = 0; i < value_count(f); i++)
		if (value_str(f->items[i]) != NULL &&
		    names_reader(vw, f->items[i]->str))
			return true;
	return false;
}

static struct value *
markdown(const struct viewer *vw, const struct value *v)
{
	struct content_opts o = { vw->doc->path, v->pos.line, NULL, NULL,
		true };
	char		   *html = content_markdown(vw->a, &o, v->str, v->len);

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
	size_t	      i;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		if ((v = choose(vw, v)) == NULL || v->type != VALUE_STRING)
			return NULL;
		return f->type == FIELD_MARKDOWN ? markdown(vw, v)
						 : (struct value *)v;
	case FIELD_LIST:
		out = value_new(vw->a, VALUE_SEQ, &v->pos);
		for (i = 0; i < v->n; i++)
			if ((r = view_field(vw, f->item, v->items[i])) != NULL)
				value_push(vw->a, out, r);
		return out;
	case FIELD_MAP: return for_reader(vw, v) ? view_map(vw, f, v) : NULL;
	default: return (struct value *)v;
	}
}

struct value *
view_doc(struct arena *a, const struct doc *d, const struct value *reader,
    long age)
{
	struct viewer	    vw = { a, d, value_str(value_get(reader, "id")),
		      value_str(value_get(reader, "role")), "" };
	struct value	   *out;
	size_t		    i;
	const struct value *v;

	if (age > 0)
		snprintf(vw.at, sizeof(vw.at), "at-%ld", age);
	out = view_map(&vw, &d->kind->root, d->meta);
	for (i = 0; i < check_nenvelope; i++)
		if ((v = value_get(d->meta, check_envelope[i])) != NULL)
			value_set(a, out, check_envelope[i], (struct value *)v);
	return out;
}
