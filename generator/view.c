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
	/* The keys that name this reader, first choice first: their id,
	   the reading age of this version ("at-10"), their role. */
	const char *keys[3];
	size_t	    nkeys;
	char	    at[24];
};

/* The variant of text 'v' for this reader, or NULL: default deny. */
static const struct value *
choose(const struct viewer *vw, const struct value *v)
{
	const struct value *t;
	size_t		    i;

	if (v->type != VALUE_MAP)
		return v;
	for (i = 0; i < vw->nkeys; i++)
		if ((t = value_get(v, vw->keys[i])) != NULL)
			return t;
	return NULL;
}

static bool
names_reader(const struct viewer *vw, const char *key)
{
	size_t i;

	for (i = 0; i < vw->nkeys; i++)
		if (strcmp(key, vw->keys[i]) == 0)
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
	struct viewer	    vw = { a, d, { NULL }, 0, "" };
	const char	   *role = value_str(value_get(reader, "role"));
	struct value	   *out;
	size_t		    i;
	const struct value *v;

	vw.keys[vw.nkeys++] = value_str(value_get(reader, "id"));
	if (age > 0) {
		snprintf(vw.at, sizeof(vw.at), "at-%ld", age);
		vw.keys[vw.nkeys++] = vw.at;
	}
	if (role != NULL)
		vw.keys[vw.nkeys++] = role;
	out = view_map(&vw, &d->kind->root, d->meta);
	for (i = 0; i < check_nenvelope; i++)
		if ((v = value_get(d->meta, check_envelope[i])) != NULL)
			value_set(a, out, check_envelope[i], (struct value *)v);
	return out;
}
