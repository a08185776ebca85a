/* SPDX-License-Identifier: ISC */
/*
 * Built from the schema, as view.c is, so a field the kind does not
 * define is not in the record either (check.c warned about it).
 */
#include <string.h>

#include "arena.h"
#include "content.h"
#include "kind.h"
#include "record.h"
#include "site.h"
#include "value.h"

static struct value *
str(struct arena *a, const char *s)
{
	return value_new_string(a, NULL, s);
}

/* A text made into a value: Markdown rendered, plain text as it is. */
static struct value *
text_of(struct arena *a, const struct doc *d, const struct field *f,
    const struct value *v)
{
	struct content_opts o = { d->path, v->pos.line, NULL, NULL, true };
	const char	   *html;

	if (f->type != FIELD_MARKDOWN)
		return (struct value *)v;
	html = content_markdown(a, &o, v->str, v->len);
	return value_new_html(a, html != NULL ? html : "",
	    html != NULL ? strlen(html) : 0);
}

/* Put text 'v' into 'node', as {redacted: why, text: ...} or plain. */
static void
put_text(struct arena *a, const struct doc *d, const struct field *f,
    struct value *node, const struct value *v)
{
	const struct value *why = value_get(v, "redacted");

	if (why != NULL) {
		value_set(a, node, "redacted", (struct value *)why);
		v = value_get(v, "text");
	}
	if (value_str(v) != NULL)
		value_set(a, node, f->type == FIELD_MARKDOWN ? "html" : "text",
		    text_of(a, d, f, v));
}

/* What kind of key names the readers of a version. */
static const char *
key_kind(const char *key)
{
	if (strcmp(key, "record") == 0)
		return "record";
	if (strncmp(key, "at-", 3) == 0)
		return "age";
	return kind_is_role(key) ? "role" : "reader";
}

static struct value *
node(struct arena *a, const struct doc *d, const struct field *f,
    const struct value *v)
{
	struct value	   *n = value_new(a, VALUE_MAP, &v->pos), *list, *ver;
	const struct value *x;
	size_t		    i;

	value_set(a, n, "label", str(a, f->label));
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		value_set(a, n, "type",
		    str(a, f->type == FIELD_MARKDOWN ? "html" : "text"));
		if (v->type != VALUE_MAP || value_get(v, "redacted") != NULL) {
			put_text(a, d, f, n, v);
			break;
		}
		list = value_new(a, VALUE_SEQ, &v->pos);
		for (i = 0; i < value_count(v); i++) {
			const char *key = value_key(v, i)->str;

			ver = value_new(a, VALUE_MAP, &v->pos);
			value_set(a, ver, "key", str(a, key));
			value_set(a, ver, "kind", str(a, key_kind(key)));
			put_text(a, d, f, ver, value_at(v, i));
			value_push(a, list, ver);
		}
		value_set(a, n, "versions", list);
		break;
	case FIELD_DATE:
		value_set(a, n, "type", str(a, "date"));
		value_set(a, n, "text", (struct value *)v);
		break;
	case FIELD_PERSON:
	case FIELD_STAFF:
	case FIELD_WHO:
		value_set(a, n, "type", str(a, "who"));
		value_set(a, n, "text", (struct value *)v);
		break;
	case FIELD_LIST:
		value_set(a, n, "type", str(a, "list"));
		list = value_new(a, VALUE_SEQ, &v->pos);
		for (i = 0; i < value_count(v); i++)
			value_push(a, list, node(a, d, f->item, v->items[i]));
		value_set(a, n, "items", list);
		break;
	case FIELD_MAP:
		value_set(a, n, "type", str(a, "map"));
		list = value_new(a, VALUE_SEQ, &v->pos);
		for (i = 0; i < f->nfields; i++)
			if ((x = value_get(v, f->fields[i].name)) != NULL &&
			    x->type != VALUE_NULL)
				value_push(a, list,
				    node(a, d, &f->fields[i], x));
		value_set(a, n, "fields", list);
		if ((x = value_get(v, "for")) != NULL) {
			if (x->type == VALUE_STRING) {
				list = value_new(a, VALUE_SEQ, &x->pos);
				value_push(a, list, (struct value *)x);
				x = list;
			}
			value_set(a, n, "for", (struct value *)x);
		}
		if ((x = value_get(v, "redacted")) != NULL)
			value_set(a, n, "redacted", (struct value *)x);
		break;
	default:
		value_set(a, n, "type", str(a, "value"));
		value_set(a, n, "text", (struct value *)v);
		break;
	}
	return n;
}

struct value *
record_fields(struct arena *a, const struct doc *d)
{
	const struct field *root = &d->kind->root;
	struct value	   *out = value_new(a, VALUE_SEQ, NULL);
	const struct value *v;
	size_t		    i;

	for (i = 0; i < root->nfields; i++)
		if ((v = value_get(d->meta, root->fields[i].name)) != NULL &&
		    v->type != VALUE_NULL)
			value_push(a, out, node(a, d, &root->fields[i], v));
	return out;
}
