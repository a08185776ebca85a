/* SPDX-License-Identifier: ISC */
/*
 * Why libyaml's event API and not yaml_parser_load(): we keep a position
 * on every node, we refuse aliases (billion-laughs), we bound the depth
 * (libyaml 0.2.5 has no limit), and we build straight into the arena
 * with no second tree to free.  Each event is deleted exactly once, on
 * every path.
 */
#define DIAG_AREA "yaml"

#include <stdbool.h>
#include <string.h>

#include <yaml.h>

#include "arena.h"
#include "data.h"
#include "diag.h"
#include "value.h"

struct loader {
	struct arena *arena;
	const char   *file;
	unsigned      line0; /* line of the first byte of the input */
	const char   *buf;   /* the input, for hints about tabs */
	size_t	      len;
	yaml_parser_t parser;
	unsigned      depth;
};

static struct value *load_node(struct loader *, yaml_event_t *);

static struct srcpos
pos_of(const struct loader *ld, yaml_mark_t m)
{
	struct srcpos pos = { ld->file, ld->line0 + (unsigned)m.line,
		(unsigned)m.column + 1 }; /* libyaml marks are 0-based */

	return pos;
}

static int
parse_error(struct loader *ld)
{
	struct srcpos pos = pos_of(ld, ld->parser.problem_mark);
	const char   *problem = ld->parser.problem;
	size_t	      at = ld->parser.problem_mark.index;

	if (problem == NULL)
		problem = "unreadable YAML";
	if (at < ld->len && ld->buf[at] == '\t')
		return diag_error(&pos, "%s (indent with spaces, not tabs)",
		    problem);
	if (ld->parser.context != NULL)
		return diag_error(&pos, "%s %s", problem, ld->parser.context);
	return diag_error(&pos, "%s", problem);
}

static bool
is_null(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return ev->data.scalar.length == 0 || strcmp(s, "~") == 0 ||
	    strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	    strcmp(s, "NULL") == 0;
}

/*
 * Check that 'key', just read in 'map', is text and new; report it if
 * not.  A map's index makes this one lookup, not a comparison with
 * every key before it.
 */
static int
check_key(const struct value *map, const struct value *key)
{
	const struct value *first;

	if (key->type != VALUE_STRING)
		return diag_error(&key->pos,
		    "a key should be plain text, not %s", value_type_name(key));
	if ((first = value_get_key(map, key->str)) == NULL)
		return 0;
	diag_error(&key->pos, "'%s' is given twice (keep one of them)",
	    key->str);
	diag_note(&first->pos, "'%s' is first given here", key->str);
	return -1;
}

/* The next node, or NULL after reporting; sets '*end' at 'end_type'. */
static struct value *
next_node(struct loader *ld, yaml_event_type_t end_type, bool *end)
{
	yaml_event_t ev;

	*end = false;
	if (!yaml_parser_parse(&ld->parser, &ev)) {
		parse_error(ld);
		return NULL;
	}
	if (ev.type == end_type) {
		yaml_event_delete(&ev);
		*end = true;
		return NULL;
	}
	return load_node(ld, &ev); /* consumes 'ev' */
}

/* Load children until the matching end event; 'v' is a SEQ or MAP. */
static struct value *
load_children(struct loader *ld, struct value *v, yaml_event_type_t end_type)
{
	struct value *key, *child;
	bool	      end;

	if (++ld->depth > DATA_MAX_DEPTH) {
		diag_error(&v->pos, "nesting deeper than %d levels",
		    DATA_MAX_DEPTH);
		return NULL;
	}
	for (;;) {
		if (v->type == VALUE_SEQ) {
			if ((child = next_node(ld, end_type, &end)) == NULL)
				break;
			value_push(ld->arena, v, child);
			continue;
		}
		if ((key = next_node(ld, end_type, &end)) == NULL ||
		    check_key(v, key) == -1)
			break;
		if ((child = next_node(ld, end_type, &end)) == NULL)
			break; /* a key is always followed by a value */
		value_add(ld->arena, v, key, child);
	}
	if (!end)
		return NULL;
	ld->depth--;
	return v;
}

static struct value *
load_node(struct loader *ld, yaml_event_t *ev)
{
	struct srcpos	  pos = pos_of(ld, ev->start_mark);
	struct value	 *v;
	yaml_event_type_t type;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (is_null(ev)) {
			yaml_event_delete(ev);
			return value_new(ld->arena, VALUE_NULL, &pos);
		}
		v = value_new(ld->arena, VALUE_STRING, &pos);
		v->len = ev->data.scalar.length;
		v->str = arena_strndup(ld->arena,
		    (const char *)ev->data.scalar.value, v->len);
		v->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		v->block = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
		yaml_event_delete(ev);
		if (strlen(v->str) != v->len) {
			diag_error(&pos, "text contains a NUL character");
			return NULL;
		}
		return v;
	case YAML_SEQUENCE_START_EVENT:
		yaml_event_delete(ev);
		v = value_new(ld->arena, VALUE_SEQ, &pos);
		return load_children(ld, v, YAML_SEQUENCE_END_EVENT);
	case YAML_MAPPING_START_EVENT:
		yaml_event_delete(ev);
		v = value_new(ld->arena, VALUE_MAP, &pos);
		return load_children(ld, v, YAML_MAPPING_END_EVENT);
	case YAML_ALIAS_EVENT:
		yaml_event_delete(ev);
		diag_error(&pos,
		    "aliases ('*name') are not supported (write the value out "
		    "in full)");
		return NULL;
	default:
		type = ev->type;
		yaml_event_delete(ev);
		diag_error(&pos, "unexpected YAML event %d", (int)type);
		return NULL;
	}
}

/* Expect an event of type 't' and discard it. */
static int
expect(struct loader *ld, yaml_event_type_t t, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&ld->parser, ev))
		return parse_error(ld);
	if (ev->type != t) {
		struct srcpos	  pos = pos_of(ld, ev->start_mark);
		yaml_event_type_t got = ev->type;

		yaml_event_delete(ev);
		if (got == YAML_DOCUMENT_START_EVENT)
			return diag_error(&pos,
			    "only one YAML document is allowed here (remove "
			    "the second '---')");
		return diag_error(&pos, "unexpected YAML event");
	}
	return 0;
}

struct value *
data_load(struct arena *a, const char *file, unsigned line0, const char *buf,
    size_t len)
{
	struct loader ld = { a, file, line0, buf, len, { 0 }, 0 };
	struct value *root = NULL;
	yaml_event_t  ev;
	struct srcpos start = { file, line0, 1 };

	if (!yaml_parser_initialize(&ld.parser))
		return NULL; /* out of memory inside libyaml */
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)buf,
	    len);
	yaml_parser_set_encoding(&ld.parser, YAML_UTF8_ENCODING);
	if (expect(&ld, YAML_STREAM_START_EVENT, &ev) == -1)
		goto out;
	yaml_event_delete(&ev);
	if (!yaml_parser_parse(&ld.parser, &ev)) {
		parse_error(&ld);
		goto out;
	}
	if (ev.type == YAML_STREAM_END_EVENT) { /* empty input */
		yaml_event_delete(&ev);
		root = value_new(a, VALUE_NULL, &start);
		goto out;
	}
	if (ev.type != YAML_DOCUMENT_START_EVENT) {
		yaml_event_delete(&ev);
		diag_error(&start, "unexpected YAML event");
		goto out;
	}
	yaml_event_delete(&ev);
	if (!yaml_parser_parse(&ld.parser, &ev)) {
		parse_error(&ld);
		goto out;
	}
	if ((root = load_node(&ld, &ev)) == NULL)
		goto out;
	if (expect(&ld, YAML_DOCUMENT_END_EVENT, &ev) == -1) {
		root = NULL;
		goto out;
	}
	yaml_event_delete(&ev);
	if (expect(&ld, YAML_STREAM_END_EVENT, &ev) == -1) {
		root = NULL;
		goto out;
	}
	yaml_event_delete(&ev);
out:
	yaml_parser_delete(&ld.parser);
	return root;
}
