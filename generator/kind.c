/* SPDX-License-Identifier: ISC */
/*
 * A schema is read in one pass into struct kind, checking every
 * attribute as it goes and reporting each problem at its line and
 * column.  A site kind that "extends" a built-in one starts from a deep
 * copy of it and may only tighten it: a field may become required, a
 * minimum may rise, phrases may be added; nothing may be loosened.
 */
#define DIAG_AREA "kind"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "check.h"
#include "data.h"
#include "embed.h"
#include "fsio.h"
#include "kind.h"
#include "util.h"
#include "value.h"

#define BUILTIN_DIR "generator/kinds/"

static const char *const type_names[] = {
	[FIELD_TEXT] = "text",
	[FIELD_MARKDOWN] = "markdown",
	[FIELD_DATE] = "date",
	[FIELD_TIME] = "time",
	[FIELD_NUMBER] = "number",
	[FIELD_BOOL] = "bool",
	[FIELD_PERSON] = "person",
	[FIELD_STAFF] = "staff",
	[FIELD_WHO] = "who",
	[FIELD_ENUM] = "enum",
	[FIELD_LIST] = "list",
	[FIELD_MAP] = "map",
};

static const char *const kind_keys[] = { "name", "title", "summary", "extends",
	"written-to", "one-reader", "reader-min-age", "read-at", "body",
	"fields" };
static const char *const field_keys[] = { "type", "help", "why", "example",
	"required", "advised", "variants", "every-age", "contact", "min", "max",
	"own-words", "min-words", "within-months", "after", "not-after", "role",
	"values", "vague", "fields", "item", "one-of" };
/* What a site may change in a field of the kind it extends. */
static const char *const tighten_keys[] = { "help", "why", "example",
	"required", "advised", "min", "min-words", "within-months", "vague",
	"contact", "fields", "item" };
const char *const kind_roles[] = { "child", "young-person", "parent", "carer",
	"family", "other" };
static bool
in_list(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

const size_t kind_nroles = LEN(kind_roles);

/*
 * The other words kindly reads with a meaning of their own, in versions,
 * 'for:', '::: for', redacted text and theme strings; with the roles
 * and 'at-N', no id may be one of them.
 */
static const struct {
	const char *word;
	const char *means;
} keywords[] = {
	{ "record", "the council's record, which no family reader sees" },
	{ "for", "saying who sees a part" },
	{ "redacted", "marking text that no family reader sees" },
	{ "text", "the words of redacted text" },
	{ "default", "the words a theme gives every reader" },
};

bool
kind_is_role(const char *s)
{
	return s != NULL && in_list(s, kind_roles, kind_nroles);
}

const char *
kind_role_words(const char *role)
{
	static const char *const words[] = { "a child", "a young person",
		"a parent", "a carer", "family", "someone else" };
	size_t			 i;

	for (i = 0; i < kind_nroles; i++)
		if (strcmp(role, kind_roles[i]) == 0)
			return words[i];
	return role;
}

/* "at-10" -> 10; 0 if 's' is not "at-" and a number. */
static long
at_age(const char *s)
{
	size_t n;

	if (strncmp(s, "at-", 3) != 0)
		return 0;
	n = strspn(s + 3, "0123456789");
	return n > 0 && n <= 2 && s[3 + n] == '\0' ? strtol(s + 3, NULL, 10)
						   : 0;
}

bool
kind_reader_word(const char *s)
{
	return s != NULL &&
	    (kind_is_role(s) || strcmp(s, keywords[0].word) == 0 ||
		at_age(s) > 0);
}

const char *
kind_reserved(struct arena *a, const char *id)
{
	size_t i;
	long   age;

	if (kind_is_role(id))
		return arena_printf(a,
		    "a role: in a version or 'for:' it names every reader who "
		    "is %s",
		    kind_role_words(id));
	if ((age = at_age(id)) > 0)
		return arena_printf(a,
		    "how kindly names the version of a text read at %ld", age);
	for (i = 0; i < LEN(keywords); i++)
		if (strcmp(id, keywords[i].word) == 0)
			return arena_printf(a, "a word kindly uses for %s",
			    keywords[i].means);
	return NULL;
}

struct loader {
	struct arena *a;
};

static void
unknown_key(const struct value *key, const char *const *keys, size_t n,
    const char *where)
{
	const char *near = util_closest(key->str, keys, n);

	if (near != NULL)
		diag_error(&key->pos, "unknown %s '%s' (did you mean '%s'?)",
		    where, key->str, near);
	else
		diag_error(&key->pos, "unknown %s '%s'", where, key->str);
}

/* At most KIND_MAX_LIST items in list or map 'v' of attribute 'what'. */
static int
not_too_many(const struct value *v, const char *what)
{
	const struct value *at;

	if (value_count(v) <= KIND_MAX_LIST)
		return 0;
	at = v->type == VALUE_MAP ? value_key(v, KIND_MAX_LIST)
				  : v->items[KIND_MAX_LIST];
	return diag_error(&at->pos,
	    "'%s' can have at most %d entries, and this is one more (a kind "
	    "that needs more is too big to write: split it)",
	    what, KIND_MAX_LIST);
}

/* A text attribute; NULL if absent, after reporting if not text. */
static const char *
attr_text(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	if (v == NULL || value_expect(v, VALUE_STRING, key) == -1)
		return NULL;
	return v->str;
}

static bool
attr_bool(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);
	bool		    b = false;

	if (v != NULL)
		(void)value_bool(v, key, &b);
	return b;
}

/* A whole number 0..9999; -1 if absent or after reporting. */
static long
attr_number(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);
	const char	   *s;
	size_t		    n;

	if (v == NULL)
		return -1;
	s = value_str(v);
	n = s == NULL ? 0 : strspn(s, "0123456789");
	if (n == 0 || n > 4 || s[n] != '\0') {
		diag_error(&v->pos, "'%s' should be a whole number, like 3",
		    key);
		return -1;
	}
	return strtol(s, NULL, 10);
}

/* A list of text; sets '*n'.  NULL if absent or after reporting. */
static const char **
attr_words(struct loader *ld, const struct value *map, const char *key,
    size_t *n)
{
	const struct value *v = value_get(map, key);
	const char	  **w;
	size_t		    i;

	*n = 0;
	if (v == NULL || value_expect(v, VALUE_SEQ, key) == -1)
		return NULL;
	(void)not_too_many(v, key); /* reported; the first ones are kept */
	w = arena_alloc(ld->a, (v->n + 1) * sizeof(*w));
	for (i = 0; i < v->n && i < KIND_MAX_LIST; i++)
		if (v->items[i]->type == VALUE_STRING)
			w[(*n)++] = v->items[i]->str;
		else
			diag_error(&v->items[i]->pos,
			    "each item of '%s' should be text, not %s (write "
			    "it, or delete it)",
			    key, value_type_name(v->items[i]));
	return w;
}

static int parse_field(struct loader *, struct field *, const struct value *,
    const char *name, const char *path);

/*
 * A field's name 'key' in a map at 'path' ("" at the top): an id, not a
 * word a section or item uses for itself ('for', 'redacted'), and not,
 * at the top, a field every document has (kind, date, readers, ...).
 */
static int
field_name(struct loader *ld, const struct value *key, const char *path)
{
	size_t i;

	if (!util_id_ok(key->str, key->len))
		return diag_error(&key->pos,
		    "field name '%s' should use only a-z, 0-9 and '-', "
		    "starting with a letter (for example 'going-well')",
		    key->str);
	if (strcmp(key->str, "for") == 0 || strcmp(key->str, "redacted") == 0)
		return diag_error(&key->pos,
		    "'%s' is %s, so it cannot be a field's name; call it "
		    "something else",
		    key->str, kind_reserved(ld->a, key->str));
	for (i = 0; *path == '\0' && i < check_nenvelope; i++)
		if (strcmp(key->str, check_envelope[i]) == 0)
			return diag_error(&key->pos,
			    "every document has '%s' already, so a kind cannot "
			    "have a field of that name; call it something else",
			    key->str);
	return 0;
}

static int
parse_fields(struct loader *ld, struct field *f, const struct value *map,
    const char *path)
{
	size_t i;
	int    rc = 0;

	if (value_expect(map, VALUE_MAP, "fields") == -1 ||
	    not_too_many(map, "fields") == -1)
		return -1;
	f->nfields = value_count(map);
	f->fields = arena_alloc(ld->a, (f->nfields + 1) * sizeof(*f->fields));
	for (i = 0; i < f->nfields; i++) {
		const char *name = value_key(map, i)->str;
		const char *sub = *path == '\0'
		    ? name
		    : arena_printf(ld->a, "%s.%s", path, name);

		if (field_name(ld, value_key(map, i), path) == -1 ||
		    parse_field(ld, &f->fields[i], value_at(map, i), name,
			sub) == -1)
			rc = -1;
		f->fields[i].pos = value_key(map, i)->pos;
	}
	return rc;
}

static int
parse_one_of(struct loader *ld, struct field *f, const struct value *v)
{
	size_t i, k;

	if (value_expect(v, VALUE_SEQ, "one-of") == -1 ||
	    not_too_many(v, "one-of") == -1)
		return -1;
	f->none_of = v->n;
	f->one_of = arena_alloc(ld->a, (v->n + 1) * sizeof(*f->one_of));
	for (i = 0; i < v->n; i++) {
		const struct value *set = v->items[i];

		if (value_expect(set, VALUE_SEQ, "each set in 'one-of'") == -1)
			return -1;
		if (not_too_many(set, "one-of") == -1)
			return -1;
		f->one_of[i] =
		    arena_alloc(ld->a, (set->n + 1) * sizeof(**f->one_of));
		for (k = 0; k < set->n; k++) {
			if (value_expect(set->items[k], VALUE_STRING,
				"a field name") == -1)
				return -1;
			if (field_get(f, set->items[k]->str) == NULL)
				return diag_error(&set->items[k]->pos,
				    "'one-of' names '%s', which is not a field "
				    "here",
				    set->items[k]->str);
			f->one_of[i][k] = set->items[k]->str;
		}
	}
	return 0;
}

/* Report attribute 'key' of 'm' if present: it does not suit this type. */
static int
not_for(const struct value *m, const char *key, const char *types)
{
	const struct value *v = value_get(m, key);
	size_t		    i;

	if (v == NULL)
		return 0;
	for (i = 0; strcmp(value_key(m, i)->str, key) != 0; i++)
		;
	return diag_error(&value_key(m, i)->pos,
	    "'%s' applies only to %s fields", key, types);
}

static int
parse_type(struct arena *a, struct field *f, const struct value *m,
    const char *path)
{
	const struct value *t = value_get(m, "type");
	const char	   *near;
	size_t		    i;

	if (t == NULL)
		return diag_error(&m->pos,
		    "field '%s' has no 'type' (add 'type: text', or date, "
		    "list, map, ...)",
		    path);
	if (value_expect(t, VALUE_STRING, "type") == -1)
		return -1;
	for (i = 0; i < LEN(type_names); i++)
		if (strcmp(t->str, type_names[i]) == 0) {
			f->type = (enum field_type)i;
			return 0;
		}
	near = util_closest(t->str, type_names, LEN(type_names));
	return diag_error(&t->pos,
	    "type '%s' is not one kindly knows (write one of %s)%s%s%s", t->str,
	    arena_join(a, type_names, LEN(type_names), ", ", ", "),
	    near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
}

static int
parse_field(struct loader *ld, struct field *f, const struct value *m,
    const char *name, const char *path)
{
	const struct value *v;
	size_t		    i;
	int		    rc = 0;

	memset(f, 0, sizeof(*f));
	f->name = name;
	f->label = name;
	f->path = path;
	f->min = -1;
	if (value_expect(m, VALUE_MAP, *name != '\0' ? path : "item") == -1)
		return -1;
	for (i = 0; i < value_count(m); i++)
		if (!in_list(value_key(m, i)->str, field_keys, LEN(field_keys)))
			unknown_key(value_key(m, i), field_keys,
			    LEN(field_keys), "field attribute");
	if (parse_type(ld->a, f, m, path) == -1)
		return -1;
	f->help = attr_text(m, "help");
	if (f->help == NULL && *name != '\0')
		rc = diag_error(&m->pos,
		    "field '%s' has no 'help' (add one line that tells a "
		    "writer what to put here)",
		    path);
	f->why = attr_text(m, "why");
	if ((v = value_get(m, "example")) != NULL &&
	    value_expect(v, VALUE_STRING, "example") == -1)
		rc = -1;
	else
		f->example = v;
	f->required = attr_bool(m, "required");
	f->advised = attr_bool(m, "advised");
	if (f->required && f->advised)
		rc = not_for(m, "advised", "optional");
	f->variants = attr_bool(m, "variants");
	f->own_words = attr_bool(m, "own-words");
	f->every_age = attr_bool(m, "every-age");
	f->contact = attr_bool(m, "contact");
	f->min_words = attr_number(m, "min-words");
	f->within_months = attr_number(m, "within-months");
	if ((f->min = attr_number(m, "min")) >= 0)
		f->has_min = true;
	if ((f->max = attr_number(m, "max")) >= 0)
		f->has_max = true;
	f->after = attr_text(m, "after");
	f->not_after = attr_text(m, "not-after");
	f->role = attr_text(m, "role");
	f->values = attr_words(ld, m, "values", &f->nvalues);
	f->vague = attr_words(ld, m, "vague", &f->nvague);
	if (f->type != FIELD_TEXT && f->type != FIELD_MARKDOWN) {
		rc |= not_for(m, "variants", "text and markdown");
		rc |= not_for(m, "own-words", "text and markdown");
		rc |= not_for(m, "min-words", "text and markdown");
		rc |= not_for(m, "vague", "text and markdown");
	}
	if (!f->variants)
		rc |= not_for(m, "every-age", "'variants: true'");
	if (f->type != FIELD_DATE) {
		rc |= not_for(m, "after", "date");
		rc |= not_for(m, "not-after", "date");
		rc |= not_for(m, "within-months", "date");
	} else if (f->within_months > 0 && f->after == NULL)
		rc |= not_for(m, "within-months", "date fields with 'after:'");
	if (f->type != FIELD_LIST && f->type != FIELD_NUMBER)
		rc |= not_for(m, "min", "list and number");
	if (f->type != FIELD_NUMBER)
		rc |= not_for(m, "max", "number");
	else if (f->has_max && f->has_min && f->max < f->min)
		rc |= diag_error(&value_get(m, "max")->pos,
		    "'max' is %ld, below 'min' (%ld); write a 'max' of %ld or "
		    "more",
		    f->max, f->min, f->min);
	if (f->type != FIELD_PERSON)
		rc |= not_for(m, "role", "person");
	else if (f->role != NULL && !in_list(f->role, kind_roles, kind_nroles))
		rc |= diag_error(&value_get(m, "role")->pos,
		    "role '%s' is not one kindly knows (write one of %s)",
		    f->role,
		    arena_join(ld->a, kind_roles, kind_nroles, ", ", ", "));
	if (f->type != FIELD_STAFF && f->type != FIELD_WHO)
		rc |= not_for(m, "contact", "staff and who");
	if (f->type == FIELD_ENUM && f->nvalues == 0)
		rc |= diag_error(&m->pos,
		    "enum field '%s' has no 'values' (add 'values: [a, b]')",
		    path);
	else if (f->type != FIELD_ENUM)
		rc |= not_for(m, "values", "enum");
	if (f->type == FIELD_MAP) {
		if ((v = value_get(m, "fields")) == NULL)
			rc |= diag_error(&m->pos,
			    "map field '%s' has no 'fields'", path);
		else if (parse_fields(ld, f, v, path) == -1)
			rc = -1;
		if (rc == 0 && (v = value_get(m, "one-of")) != NULL)
			rc = parse_one_of(ld, f, v);
	} else {
		rc |= not_for(m, "fields", "map");
		rc |= not_for(m, "one-of", "map");
	}
	if (f->type == FIELD_LIST) {
		if ((v = value_get(m, "item")) == NULL)
			rc |= diag_error(&m->pos,
			    "list field '%s' has no 'item' (add 'item:' with "
			    "the type of each item)",
			    path);
		else {
			f->item = arena_alloc(ld->a, sizeof(*f->item));
			if (parse_field(ld, f->item, v, "",
				arena_printf(ld->a, "%s[]", path)) == -1)
				rc = -1;
			f->item->pos = v->pos;
			f->item->label = name;
		}
	} else
		rc |= not_for(m, "item", "list");
	return rc == 0 ? 0 : -1;
}

/* The field at dotted 'path' from the kind's root, or NULL. */
static const struct field *
field_at(const struct field *root, const char *path)
{
	const struct field *f = root;
	char		    name[128];

	while (f != NULL && *path != '\0')
		f = util_path_next(&path, name, sizeof(name))
		    ? field_get(f, name)
		    : NULL;
	return f;
}

/* Date paths name "date" (the document's) or a date field of the kind. */
static int
check_paths(const struct kind *k, const struct field *f)
{
	const char *paths[2] = { f->after, f->not_after };
	size_t	    i;
	int	    rc = 0;

	for (i = 0; i < 2; i++) {
		const struct field *t;

		if (paths[i] == NULL || strcmp(paths[i], "date") == 0)
			continue;
		t = field_at(&k->root, paths[i]);
		if (t == NULL || t->type != FIELD_DATE)
			rc = diag_error(&f->pos,
			    "'%s' is not a date field of this kind (name "
			    "'date' or another date field, like "
			    "'meeting.date')",
			    paths[i]);
	}
	for (i = 0; i < f->nfields; i++)
		rc |= check_paths(k, &f->fields[i]);
	if (f->item != NULL)
		rc |= check_paths(k, f->item);
	return rc;
}

static void
field_copy(struct arena *a, struct field *dst, const struct field *src)
{
	size_t i;

	*dst = *src;
	if (src->nfields > 0) {
		dst->fields =
		    arena_alloc(a, src->nfields * sizeof(*dst->fields));
		for (i = 0; i < src->nfields; i++)
			field_copy(a, &dst->fields[i], &src->fields[i]);
	}
	if (src->item != NULL) {
		dst->item = arena_alloc(a, sizeof(*dst->item));
		field_copy(a, dst->item, src->item);
	}
}

static int
tighten_fields(struct loader *, struct field *, const struct value *);

/* Apply a site's changes 'm' to field 'f' of the kind it extends. */
static int
tighten_field(struct loader *ld, struct field *f, const struct value *m)
{
	const struct value *v;
	const char	  **more;
	size_t		    i, n;
	long		    num;
	int		    rc = 0;

	if (value_expect(m, VALUE_MAP, f->path) == -1)
		return -1;
	for (i = 0; i < value_count(m); i++) {
		const struct value *key = value_key(m, i);

		if (in_list(key->str, tighten_keys, LEN(tighten_keys)))
			continue;
		if (in_list(key->str, field_keys, LEN(field_keys)))
			rc = diag_error(&key->pos,
			    "a site may tighten '%s' but not change its "
			    "'%s' (add a new field instead)",
			    f->path, key->str);
		else
			unknown_key(key, field_keys, LEN(field_keys),
			    "field attribute");
	}
	if ((v = value_get(m, "help")) != NULL &&
	    value_expect(v, VALUE_STRING, "help") == 0)
		f->help = v->str;
	if ((v = value_get(m, "why")) != NULL &&
	    value_expect(v, VALUE_STRING, "why") == 0)
		f->why = v->str;
	if ((v = value_get(m, "example")) != NULL &&
	    value_expect(v, VALUE_STRING, "example") == -1)
		rc = -1;
	else if (v != NULL)
		f->example = v;
	if ((v = value_get(m, "required")) != NULL) {
		if (!attr_bool(m, "required") && f->required)
			rc = diag_error(&v->pos,
			    "'%s' is required by the built-in kind; a site "
			    "may tighten a kind, not loosen it",
			    f->path);
		f->required = f->required || attr_bool(m, "required");
	}
	if ((v = value_get(m, "advised")) != NULL)
		f->advised =
		    !f->required && (f->advised || attr_bool(m, "advised"));
	if ((v = value_get(m, "contact")) != NULL)
		f->contact = f->contact || attr_bool(m, "contact");
	if ((num = attr_number(m, "min")) >= 0) {
		if (f->has_min && num < f->min)
			rc = diag_error(&value_get(m, "min")->pos,
			    "'min' cannot go below the built-in %ld", f->min);
		f->min = num;
		f->has_min = true;
	}
	if ((num = attr_number(m, "min-words")) >= 0 && num > f->min_words)
		f->min_words = num;
	if ((num = attr_number(m, "within-months")) > 0) {
		if (f->type != FIELD_DATE || f->after == NULL)
			rc = not_for(m, "within-months",
			    "date fields with 'after:'");
		else if (f->within_months == 0 || num < f->within_months)
			f->within_months = num;
	}
	if ((more = attr_words(ld, m, "vague", &n)) != NULL) {
		const char **all =
		    arena_alloc(ld->a, (f->nvague + n + 1) * sizeof(*all));

		if (f->nvague > 0)
			memcpy(all, f->vague, f->nvague * sizeof(*all));
		memcpy(all + f->nvague, more, n * sizeof(*all));
		f->vague = all;
		f->nvague += n;
	}
	if ((v = value_get(m, "fields")) != NULL) {
		if (f->type != FIELD_MAP)
			rc = not_for(m, "fields", "map");
		else
			rc |= tighten_fields(ld, f, v);
	}
	if ((v = value_get(m, "item")) != NULL) {
		if (f->type != FIELD_LIST)
			rc = not_for(m, "item", "list");
		else
			rc |= tighten_field(ld, f->item, v);
	}
	return rc == 0 ? 0 : -1;
}

/* Tighten the fields of map 'f' named in 'map'; new names are added. */
static int
tighten_fields(struct loader *ld, struct field *f, const struct value *map)
{
	size_t i;
	int    rc = 0;

	if (value_expect(map, VALUE_MAP, "fields") == -1 ||
	    not_too_many(map, "fields") == -1)
		return -1;
	for (i = 0; i < value_count(map); i++) {
		const char   *name = value_key(map, i)->str;
		struct field *old = (struct field *)field_get(f, name);
		struct field *fresh;

		if (old != NULL) {
			rc |= tighten_field(ld, old, value_at(map, i));
			continue;
		}
		if (field_name(ld, value_key(map, i), f->path) == -1) {
			rc = -1;
			continue;
		}
		if (f->nfields >= 2 * KIND_MAX_LIST) {
			rc = diag_error(&value_key(map, i)->pos,
			    "a kind can have at most %d fields in one map, "
			    "and this is one more",
			    2 * KIND_MAX_LIST);
			break;
		}
		f->fields = arena_grow(ld->a, f->fields, f->nfields,
		    &(size_t){ f->nfields }, sizeof(*f->fields));
		fresh = &f->fields[f->nfields];
		if (parse_field(ld, fresh, value_at(map, i), name,
			*f->path == '\0' ? name
					 : arena_printf(ld->a, "%s.%s", f->path,
					       name)) == -1)
			rc = -1;
		fresh->pos = value_key(map, i)->pos;
		f->nfields++;
	}
	return rc;
}

static int
parse_kind_attrs(struct loader *ld, struct kind *k, const struct value *doc,
    bool extending)
{
	const struct value *v;
	const char	  **roles;
	size_t		    i, n;
	long		    age;
	int		    rc = 0;

	if ((v = value_get(doc, "title")) != NULL &&
	    value_expect(v, VALUE_STRING, "title") == 0)
		k->title = v->str;
	if ((v = value_get(doc, "summary")) != NULL &&
	    value_expect(v, VALUE_STRING, "summary") == 0)
		k->summary = v->str;
	if (!extending && (k->title == NULL || k->summary == NULL)) {
		rc = -1; /* reported above if it is there, but not text */
		if (value_get(doc, "title") == NULL ||
		    value_get(doc, "summary") == NULL)
			diag_error(&doc->pos,
			    "a kind needs 'title:' (its name in words) and "
			    "'summary:' (one line on who it is written to)");
	}
	if ((roles = attr_words(ld, doc, "written-to", &n)) != NULL) {
		v = value_get(doc, "written-to");
		for (i = 0; i < v->n; i++) {
			const struct value *r = v->items[i];

			if (r->type != VALUE_STRING)
				rc = -1; /* reported by attr_words() */
			else if (!in_list(r->str, kind_roles, kind_nroles))
				rc = diag_error(&r->pos,
				    "role '%s' is not one kindly knows (write "
				    "%s)",
				    r->str,
				    arena_join(ld->a, kind_roles, kind_nroles,
					", ", " or "));
			else if (extending &&
			    !in_list(r->str, k->written_to, k->nwritten_to))
				rc = diag_error(&r->pos,
				    "the kind this extends is not written to "
				    "'%s'; a site may narrow 'written-to', not "
				    "widen it",
				    r->str);
		}
		k->written_to = roles;
		k->nwritten_to = n;
	} else if (!extending)
		rc = diag_error(&doc->pos,
		    "a kind needs 'written-to:' (the roles of its readers, "
		    "like [child, parent])");
	k->one_reader = k->one_reader || attr_bool(doc, "one-reader");
	if ((age = attr_number(doc, "reader-min-age")) > k->reader_min_age)
		k->reader_min_age = age;
	if ((v = value_get(doc, "read-at")) != NULL) {
		if (extending)
			rc = not_for(doc, "read-at", "new (not extended)");
		k->read_at = attr_bool(doc, "read-at");
	}
	if ((v = value_get(doc, "body")) != NULL) {
		if (value_str(v) != NULL && strcmp(v->str, "required") == 0)
			k->body_required = true;
		else if (value_str(v) == NULL ||
		    strcmp(v->str, "optional") != 0)
			rc = diag_error(&v->pos,
			    "'body' should be 'required' or 'optional'");
		else if (extending && k->body_required)
			rc = diag_error(&v->pos,
			    "the body is required by the kind this extends; "
			    "a site may tighten a kind, not loosen it");
	}
	return rc;
}

/* Parse kind file 'shown' holding 'len' bytes at 'buf'; NULL on error. */
static struct kind *
parse_kind(struct loader *ld, const struct kinds *ks, const char *shown,
    const char *name, const char *buf, size_t len, bool builtin)
{
	struct kind	   *k = arena_alloc(ld->a, sizeof(*k));
	struct value	   *doc;
	const struct value *v;
	const struct kind  *base = NULL;
	size_t		    i;
	int		    rc = 0;

	if (util_utf8_check(buf, len) != len) {
		struct srcpos pos = { shown, 0, 0 };

		util_line_col(buf, util_utf8_check(buf, len), &pos.line,
		    &pos.col);
		diag_error(&pos, "this is not UTF-8 text (save it as UTF-8)");
		return NULL;
	}
	if ((doc = data_load(ld->a, shown, 1, buf, len)) == NULL ||
	    value_expect(doc, VALUE_MAP, "a kind") == -1)
		return NULL;
	k->shown = shown;
	k->builtin = builtin;
	k->name = name;
	for (i = 0; i < value_count(doc); i++)
		if (!in_list(value_key(doc, i)->str, kind_keys, LEN(kind_keys)))
			unknown_key(value_key(doc, i), kind_keys,
			    LEN(kind_keys), "kind attribute");
	if ((v = value_get(doc, "name")) != NULL &&
	    value_expect(v, VALUE_STRING, "name") == 0 &&
	    strcmp(v->str, name) != 0)
		rc = diag_error(&v->pos,
		    "this kind is called '%s' by its file name; write 'name: "
		    "%s' or rename the file",
		    name, name);
	if ((v = value_get(doc, "extends")) != NULL &&
	    value_expect(v, VALUE_STRING, "extends") == 0) {
		if (builtin || (base = kinds_find(ks, v->str)) == NULL ||
		    !base->builtin) {
			const char *near =
			    util_closest(v->str, kinds_names(ks, ld->a), ks->n);

			if (near != NULL)
				diag_error(&v->pos,
				    "'extends' names '%s', which is not a "
				    "built-in kind (did you mean '%s'?)",
				    v->str, near);
			else
				diag_error(&v->pos,
				    "'extends' should name a built-in kind, "
				    "like 'cp-plan' ('kindly kinds' lists "
				    "them)");
			return NULL;
		}
		*k = *base;
		k->name = name;
		k->shown = shown;
		k->builtin = false;
		field_copy(ld->a, &k->root, &base->root);
	} else if (!builtin && kinds_find(ks, name) != NULL) {
		struct srcpos pos = { shown, 1, 1 };

		diag_error(&pos,
		    "'%s' is a built-in kind; to tighten it, add 'extends: %s'",
		    name, name);
		return NULL;
	}
	rc |= parse_kind_attrs(ld, k, doc, base != NULL);
	v = value_get(doc, "fields");
	if (base != NULL) {
		if (v != NULL)
			rc |= tighten_fields(ld, &k->root, v);
	} else {
		k->root.type = FIELD_MAP;
		k->root.name = "";
		k->root.path = "";
		if (v == NULL)
			rc = diag_error(&doc->pos,
			    "a kind needs 'fields:' (write 'fields: {}' for "
			    "none)");
		else if (parse_fields(ld, &k->root, v, "") == -1)
			rc = -1;
	}
	if (rc == 0)
		rc = check_paths(k, &k->root);
	return rc == 0 ? k : NULL;
}

static void
add_kind(struct kinds *ks, struct arena *a, struct kind *k, size_t *cap)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->all[i]->name, k->name) == 0) {
			ks->all[i] = k; /* a site's tightened built-in */
			return;
		}
	ks->all = arena_grow(a, ks->all, ks->n, cap, sizeof(*ks->all));
	for (i = ks->n; i > 0 && strcmp(ks->all[i - 1]->name, k->name) > 0; i--)
		ks->all[i] = ks->all[i - 1];
	ks->all[i] = k;
	ks->n++;
}

int
kinds_load(struct kinds *ks, struct arena *a, const char *site)
{
	struct loader ld = { a };
	size_t	      i, n, len, cap = 0, plen = strlen(BUILTIN_DIR);
	const char   *dir, *shown;
	char	    **names, *buf;
	struct kind  *k;
	int	      rc = 0;
	size_t	      errors = diag_count(DIAG_ERROR);

	memset(ks, 0, sizeof(*ks));
	for (i = 0; i < embed_count; i++) {
		const struct embed_file *e = &embed_files[i];

		if (strncmp(e->path, BUILTIN_DIR, plen) != 0)
			continue;
		len = strlen(e->path + plen) - 5; /* ".yaml" */
		k = parse_kind(&ld, ks, e->path,
		    arena_strndup(a, e->path + plen, len), e->data, e->len,
		    true);
		if (k == NULL)
			rc = -1;
		else
			add_kind(ks, a, k, &cap);
	}
	if (site == NULL)
		return diag_count(DIAG_ERROR) > errors ? -1 : rc;
	dir = arena_printf(a, "%s/kinds", site);
	if (fsio_type(dir) == FSIO_NONE) /* a link is reported by fsio_list() */
		return diag_count(DIAG_ERROR) > errors ? -1 : rc;
	if ((names = fsio_list(a, dir, "kinds", &n)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (len < 6 || strcmp(names[i] + len - 5, ".yaml") != 0)
			continue;
		shown = arena_printf(a, "kinds/%s", names[i]);
		if (!util_id_ok(names[i], len - 5)) {
			struct srcpos pos = { shown, 0, 0 };

			rc = diag_error(&pos,
			    "a kind's file name is its name: use only a-z, "
			    "0-9 and '-' (for example 'cin-plan.yaml')");
			continue;
		}
		if ((buf = fsio_read(a, arena_printf(a, "%s/%s", dir, names[i]),
			 shown, &len)) == NULL) {
			rc = -1;
			continue;
		}
		k = parse_kind(&ld, ks, shown,
		    arena_strndup(a, names[i], strlen(names[i]) - 5), buf, len,
		    false);
		if (k == NULL)
			rc = -1;
		else
			add_kind(ks, a, k, &cap);
	}
	/* Every problem reported counts, even one that left a default. */
	return diag_count(DIAG_ERROR) > errors ? -1 : rc;
}

const struct kind *
kinds_find(const struct kinds *ks, const char *name)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		if (strcmp(ks->all[i]->name, name) == 0)
			return ks->all[i];
	return NULL;
}

const char **
kinds_names(const struct kinds *ks, struct arena *a)
{
	const char **names = arena_alloc(a, (ks->n + 1) * sizeof(*names));
	size_t	     i;

	for (i = 0; i < ks->n; i++)
		names[i] = ks->all[i]->name;
	return names;
}

const struct field *
field_get(const struct field *map, const char *name)
{
	size_t i;

	for (i = 0; i < map->nfields; i++)
		if (strcmp(map->fields[i].name, name) == 0)
			return &map->fields[i];
	return NULL;
}

bool
kind_written_to(const struct kind *k, const char *role)
{
	return in_list(role, k->written_to, k->nwritten_to);
}

const char *
kind_date_name(const char *path)
{
	return strcmp(path, "date") == 0 ? "the document's date" : path;
}

const char *
field_one_of(struct arena *a, const struct field *map)
{
	const char *all = "";
	size_t	    i, k;

	for (i = 0; i < map->none_of; i++)
		for (k = 0; map->one_of[i][k] != NULL; k++)
			all = arena_printf(a, "%s%s'%s'", all,
			    k > 0	? " and "
				: i > 0 ? ", or "
					: "",
			    map->one_of[i][k]);
	return all;
}

const char *
field_type_name(const struct field *f)
{
	switch (f->type) {
	case FIELD_DATE: return "date (YYYY-MM-DD)";
	case FIELD_TIME: return "time (HH:MM)";
	case FIELD_NUMBER: return "whole number";
	case FIELD_BOOL: return "true or false";
	case FIELD_PERSON: return "person (an id in case.yaml)";
	case FIELD_STAFF: return "staff (an id in staff.yaml)";
	case FIELD_WHO: return "who (ids of people, staff or agencies)";
	case FIELD_ENUM: return "one of";
	default: return type_names[f->type];
	}
}

/* ---- kindly kinds ---- */

void
kinds_list(const struct kinds *ks, struct buf *out)
{
	size_t i;

	for (i = 0; i < ks->n; i++)
		buf_printf(out, "%-24s %s\n", ks->all[i]->name,
		    ks->all[i]->summary);
}

static void
describe_field(struct arena *a, const struct field *f, unsigned depth,
    struct buf *out)
{
	size_t i;
	int    w = 28 - 2 * (int)depth;

	if (*f->name != '\0') {
		buf_printf(out, "%*s%-*s ", 2 + 2 * (int)depth, "", w, f->name);
		if (f->type == FIELD_LIST && f->item != NULL &&
		    f->item->type != FIELD_MAP)
			buf_printf(out, "list of %s", field_type_name(f->item));
		else
			buf_puts(out, field_type_name(f));
		if (f->type == FIELD_ENUM)
			buf_printf(out, " %s",
			    arena_join(a, f->values, f->nvalues, ", ", ", "));
		if (f->required)
			buf_puts(out, ", required");
		else if (f->advised)
			buf_puts(out, ", advised");
		else
			buf_puts(out, ", optional");
		if (f->variants)
			buf_puts(out, ", may vary by reader");
		buf_putc(out, '\n');
		buf_printf(out, "%*s%s\n", 4 + 2 * (int)depth, "", f->help);
	}
	for (i = 0; i < f->nfields; i++)
		describe_field(a, &f->fields[i],
		    *f->name == '\0' ? 0 : depth + 1, out);
	if (f->item != NULL && f->item->type == FIELD_MAP) {
		buf_printf(out, "%*seach item:\n", 4 + 2 * (int)depth, "");
		for (i = 0; i < f->item->nfields; i++)
			describe_field(a, &f->item->fields[i], depth + 2, out);
	}
}

static void
rule(struct buf *out, const char *level, const struct field *f,
    const char *what)
{
	buf_printf(out, "  %-8s %s %s\n", level, f->path, what);
}

static void
describe_rules(struct arena *a, const struct field *f, struct buf *out)
{
	size_t i;

	if (*f->path != '\0') {
		if (f->required)
			rule(out, "error", f, "must be given");
		else if (f->advised)
			rule(out, "warning", f, "should be given");
		if (f->has_min && f->type == FIELD_LIST)
			buf_printf(out, "  %-8s %s has at least %ld item%s\n",
			    f->required ? "error" : "warning", f->path, f->min,
			    f->min == 1 ? "" : "s");
		if (f->has_min && f->type == FIELD_NUMBER)
			buf_printf(out, "  %-8s %s is at least %ld\n", "error",
			    f->path, f->min);
		if (f->has_max)
			buf_printf(out, "  %-8s %s is at most %ld\n", "error",
			    f->path, f->max);
		if (f->after != NULL)
			buf_printf(out, "  %-8s %s is after %s\n", "error",
			    f->path, kind_date_name(f->after));
		if (f->not_after != NULL)
			buf_printf(out, "  %-8s %s is not after %s\n", "error",
			    f->path, kind_date_name(f->not_after));
		if (f->within_months > 0)
			buf_printf(out,
			    "  %-8s %s is at most %ld months after %s\n",
			    "warning", f->path, f->within_months,
			    kind_date_name(f->after));
		if (f->every_age)
			buf_printf(out,
			    "  %-8s %s has a version for each age in "
			    "read-at\n",
			    "error", f->path);
		if (f->role != NULL)
			buf_printf(out,
			    "  %-8s %s names a person whose role "
			    "is %s\n",
			    "error", f->path, f->role);
		if (f->contact)
			buf_printf(out,
			    "  %-8s %s names someone with a phone or email\n",
			    "error", f->path);
		if (f->min_words > 0)
			buf_printf(out,
			    "  %-8s %s has at least %ld words (say exactly "
			    "what)\n",
			    "warning", f->path, f->min_words);
		if (f->nvague > 0) {
			buf_printf(out, "  %-8s %s does not say ", "warning",
			    f->path);
			for (i = 0; i < f->nvague; i++)
				buf_printf(out, "%s'%s'",
				    i == 0		     ? ""
					: i + 1 == f->nvague ? " or "
							     : ", ",
				    f->vague[i]);
			buf_puts(out, " (alone, if short)\n");
		}
		if (f->none_of > 0)
			buf_printf(out, "  %-8s %s has %s\n", "error", f->path,
			    field_one_of(a, f));
		if (f->why != NULL &&
		    (f->required || f->advised || f->within_months > 0))
			buf_printf(out, "  %-8s (%s)\n", "", f->why);
	}
	for (i = 0; i < f->nfields; i++)
		describe_rules(a, &f->fields[i], out);
	if (f->item != NULL)
		describe_rules(a, f->item, out);
}

void
kind_describe(const struct kind *k, struct buf *out)
{
	struct arena a = { 0 };

	buf_printf(out, "%s: %s\n%s\n", k->name, k->title, k->summary);
	buf_printf(out, "Written to: %s.%s\n",
	    arena_join(&a, k->written_to, k->nwritten_to, ", ", " or "),
	    k->builtin ? "" : " (defined by this site)");
	buf_puts(out,
	    "\nFields (every document also has kind, date, readers and "
	    "author,\nand may have title and reference):\n");
	describe_field(&a, &k->root, 0, out);
	if (k->root.nfields == 0)
		buf_puts(out, "  (none)\n");
	buf_puts(out, "\nRules ([] means each item of a list):\n");
	buf_printf(out, "  %-8s every reader's role is %s\n", "error",
	    arena_join(&a, k->written_to, k->nwritten_to, ", ", " or "));
	if (k->one_reader)
		buf_printf(out,
		    "  %-8s one reader per document (write one to each "
		    "person)\n",
		    "error");
	if (k->reader_min_age > 0)
		buf_printf(out,
		    "  %-8s the reader is at least %ld on the document's "
		    "date\n",
		    "error", k->reader_min_age);
	if (k->read_at)
		buf_printf(out,
		    "  %-8s read-at lists the ages it is written for, like "
		    "[10, 15]\n",
		    "error");
	if (k->body_required)
		buf_printf(out,
		    "  %-8s the Markdown after the front matter is not "
		    "empty\n",
		    "error");
	describe_rules(&a, &k->root, out);
	buf_printf(out,
	    "  %-8s every id names someone in case.yaml, staff.yaml or the "
	    "agencies\n",
	    "error");
	buf_printf(out, "  %-8s nothing still says TODO\n", "error");
	arena_release(&a);
}

/* ---- kindly new ---- */

struct scaffold {
	struct arena *a;
	bool	      ages; /* the kind is read at ages: at-10:, at-15: */
};

static void
comment(const struct scaffold *sc, struct buf *out, unsigned ind,
    const struct field *f, bool alt)
{
	buf_printf(out, "%*s# %s", ind, "", f->help);
	if (f->type == FIELD_ENUM)
		buf_printf(out, " One of: %s.",
		    arena_join(sc->a, f->values, f->nvalues, ", ", ", "));
	else if (f->type == FIELD_DATE)
		buf_puts(out, " A date, YYYY-MM-DD.");
	else if (f->type == FIELD_TIME)
		buf_puts(out, " A time, HH:MM.");
	else if (f->type == FIELD_BOOL)
		buf_puts(out, " true or false.");
	if (f->example != NULL && f->example->type == VALUE_STRING &&
	    f->type != FIELD_MARKDOWN && f->type != FIELD_TEXT)
		buf_printf(out, " For example: %s.", f->example->str);
	if (f->required)
		buf_puts(out, " Required.");
	else if (alt)
		buf_puts(out, " Give this, or the other choice below.");
	else if (!f->advised)
		buf_puts(out, " Optional: delete the '#' to use it.");
	if (f->every_age)
		buf_puts(out, " One version per age: at-10:, at-15:, ...");
	else if (f->variants && sc->ages)
		buf_puts(out,
		    " One text for every age, or one per age (at-10:, "
		    "at-15:).");
	else if (f->variants)
		buf_puts(out,
		    " One text for everyone, or one per reader (child:, "
		    "parent:, or a reader's id).");
	buf_putc(out, '\n');
}

static void scaffold_field(const struct scaffold *, const struct field *,
    unsigned, bool, bool, struct buf *);

/* Copy 'src' to 'out' with every line that is not a comment commented. */
static void
comment_out(const char *src, struct buf *out)
{
	const char *p, *nl;
	size_t	    sp;

	for (p = src; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		sp = strspn(p, " ");
		if (p[sp] == '#')
			buf_put(out, p, (size_t)(nl - p) + 1);
		else
			buf_printf(out, "%.*s# %.*s\n", (int)sp, p,
			    (int)(nl - p - (ptrdiff_t)sp), p + sp);
	}
}

/* The fields of map 'f' at indent 'ind'; a blank line between top ones. */
static void
scaffold_map(const struct scaffold *sc, const struct field *f, unsigned ind,
    struct buf *out)
{
	size_t i, k, j;

	for (i = 0; i < f->nfields; i++) {
		const struct field *c = &f->fields[i];
		bool		    later = false, alt = false;

		for (k = 0; k < f->none_of; k++)
			for (j = 0; f->one_of[k][j] != NULL; j++)
				if (strcmp(f->one_of[k][j], c->name) == 0) {
					alt = true;
					later = k > 0;
				}
		if (ind == 0)
			buf_putc(out, '\n');
		scaffold_field(sc, c, ind,
		    later || (!c->required && !c->advised && !alt), alt, out);
	}
}

static void
scaffold_field(const struct scaffold *sc, const struct field *f, unsigned ind,
    bool off, bool alt, struct buf *out)
{
	struct buf  b = { 0 }, item = { 0 };
	const char *p, *nl;
	bool	    first;
	long	    n = 0;

	comment(sc, &b, ind, f, alt);
	switch (f->type) {
	case FIELD_MAP:
		buf_printf(&b, "%*s%s:\n", ind, "", f->name);
		scaffold_map(sc, f, ind + 2, &b);
		break;
	case FIELD_LIST:
		buf_printf(&b, "%*s%s:\n", ind, "", f->name);
		if (f->item->type != FIELD_MAP) {
			do
				buf_printf(&b, "%*s- TODO\n", ind + 2, "");
			while (++n < f->min);
			break;
		}
		/* The first key of the item's map takes the "- ". */
		scaffold_map(sc, f->item, ind + 4, &item);
		do {
			first = true;
			for (p = buf_str(&item); *p != '\0'; p = nl + 1) {
				nl = strchr(p, '\n');
				if (first && p[ind + 4] != '#') {
					buf_printf(&b, "%*s- %.*s\n", ind + 2,
					    "", (int)(nl - p) - (int)ind - 4,
					    p + ind + 4);
					first = false;
				} else
					buf_put(&b, p, (size_t)(nl - p) + 1);
			}
		} while (++n < f->min);
		buf_release(&item);
		break;
	default: buf_printf(&b, "%*s%s: TODO\n", ind, "", f->name); break;
	}
	if (off)
		comment_out(buf_str(&b), out);
	else
		buf_puts(out, buf_str(&b));
	buf_release(&b);
}

void
kind_scaffold(const struct kind *k, const char *date, const char *readers,
    struct buf *out)
{
	struct arena	a = { 0 };
	struct scaffold sc = { &a, k->read_at };

	buf_puts(out, "---\n");
	buf_printf(out, "# %s: %s\n", k->title, k->summary);
	buf_printf(out,
	    "# Replace every TODO.  'kindly kinds %s' explains each field;\n"
	    "# 'kindly check' tells you what is still missing.\n",
	    k->name);
	buf_printf(out, "kind: %s\n", k->name);
	buf_printf(out, "# The date of this document. A date, YYYY-MM-DD.\n");
	buf_printf(out, "date: %s\n", date);
	buf_printf(out, "# Who it is written to: ids from case.yaml (%s)%s.\n",
	    arena_join(&a, k->written_to, k->nwritten_to, ", ", " or "),
	    k->one_reader ? "; one reader, so write one to each person" : "");
	buf_printf(out, "readers: [%s]\n", readers != NULL ? readers : "TODO");
	buf_puts(out, "# Your id in staff.yaml.\nauthor: TODO\n");
	if (k->read_at)
		buf_puts(out,
		    "# The ages this letter is written to be read at; write a\n"
		    "# version of the hardest parts for each (at-10:, "
		    "at-15:).\nread-at: [TODO]\n");
	buf_puts(out,
	    "# A title for the page. Optional: delete the '#' to use it.\n"
	    "# title: TODO\n"
	    "# Your reference, printed on the letter. Optional.\n"
	    "# reference: TODO\n");
	scaffold_map(&sc, &k->root, 0, out);
	buf_puts(out, "---\n");
	if (k->body_required)
		buf_puts(out, "\nTODO: write the letter here, in Markdown.\n");
	arena_release(&a);
}
