/* SPDX-License-Identifier: ISC */
/*
 * The schema is walked beside the value tree.  Each field is checked for
 * presence (required, advised), then for its type, then for its rules;
 * a field that is missing or of the wrong type is not checked further,
 * so one slip gives one message.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "check.h"
#include "content.h"
#include "diag.h"
#include "kind.h"
#include "util.h"
#include "value.h"

const char *const check_envelope[] = { "kind", "date", "readers", "author",
	"title", "reference", "read-at" };
const size_t	  check_nenvelope = LEN(check_envelope);

static const char *const roles[] = { "child", "young-person", "parent", "carer",
	"family", "other" };

enum { MAX_AGE = 25 }; /* read-at ages run 1..MAX_AGE */

struct walk {
	const struct check_env *env;
	const struct kind      *kind;
	const struct value     *meta;
	int			rc;
};

static bool
empty(const struct value *v)
{
	return v == NULL || v->type == VALUE_NULL ||
	    (v->type == VALUE_STRING && v->len == 0 && v->quoted) ||
	    ((v->type == VALUE_SEQ || v->type == VALUE_MAP) && v->n == 0);
}

static size_t
todo_walk(const struct value *v, const char *name)
{
	size_t i, n = 0;

	switch (v->type) {
	case VALUE_STRING:
		if (strcmp(v->str, "TODO") != 0)
			return 0;
		if (name != NULL)
			diag_error(&v->pos,
			    "'%s' still says TODO (fill it in, or delete the "
			    "line if it is optional)",
			    name);
		else
			diag_error(&v->pos,
			    "this still says TODO (fill it in, or delete the "
			    "line if it is optional)");
		return 1;
	case VALUE_SEQ:
		for (i = 0; i < v->n; i++)
			n += todo_walk(v->items[i], name);
		return n;
	case VALUE_MAP:
		for (i = 0; i < value_count(v); i++)
			n += todo_walk(value_at(v, i), value_key(v, i)->str);
		return n;
	default: return 0;
	}
}

size_t
check_todo(const struct value *meta)
{
	return todo_walk(meta, NULL);
}

/* What to write for a missing field, as an example of its form. */
static const char *
form(const struct field *f)
{
	switch (f->type) {
	case FIELD_DATE: return " YYYY-MM-DD";
	case FIELD_TIME: return " HH:MM";
	case FIELD_BOOL: return " true";
	case FIELD_LIST: return "' with a list under it";
	case FIELD_MAP: return "' with its fields under it";
	default: return " ...";
	}
}

static void
missing(struct walk *w, const struct field *f, const struct value *map,
    const struct value *at, const char *where)
{
	const struct srcpos *pos = at != NULL ? &at->pos : &map->pos;
	const char	    *fm = form(f);
	const char	    *close = fm[0] == '\'' ? "" : "'";

	if (f->required) {
		diag_error(pos, "%s has no '%s' (add '%s:%s%s)", where,
		    f->label, f->label, fm, close);
		w->rc = -1;
	} else if (f->advised)
		diag_warning(pos, "%s has no '%s' (add '%s:%s%s)", where,
		    f->label, f->label, fm, close);
	else
		return;
	diag_note(pos, "%s: %s", f->label, f->help);
	if (f->why != NULL)
		diag_note(pos, "%s", f->why);
}

/* The value at dotted 'path' from the front matter's root, or NULL. */
static const struct value *
value_at_path(const struct value *root, const char *path)
{
	const struct value *v = root;
	const char	   *p = path, *dot;
	char		    name[128];
	size_t		    len;

	while (v != NULL && *p != '\0') {
		dot = strchr(p, '.');
		len = dot == NULL ? strlen(p) : (size_t)(dot - p);
		if (len >= sizeof(name))
			return NULL;
		memcpy(name, p, len);
		name[len] = '\0';
		v = value_get(v, name);
		p = dot == NULL ? p + len : dot + 1;
	}
	return v;
}

/* The date at 'path' ("date" is the document's); false if none. */
static bool
target_date(struct walk *w, const char *path, struct date *d)
{
	const struct value *v;

	if (strcmp(path, "date") == 0) {
		if (w->env->date == NULL)
			return false;
		*d = *w->env->date;
		return true;
	}
	v = value_at_path(w->meta, path);
	return v != NULL && v->type == VALUE_STRING &&
	    date_parse(v->str, v->len, d) == DATE_OK;
}

static const char *
date_name(const char *path)
{
	return strcmp(path, "date") == 0 ? "the document's date" : path;
}

static void
add_months(struct date *d, long n)
{
	long m = (long)d->month - 1 + n;
	int  dim;

	d->year += (int)(m / 12);
	d->month = (int)(m % 12) + 1;
	dim = date_days_in_month(d->year, d->month);
	if (d->day > dim)
		d->day = dim;
}

static void
check_date_rules(struct walk *w, const struct field *f, const struct value *v,
    const struct date *d)
{
	struct date t;
	char	    tbuf[16];

	if (f->after != NULL && target_date(w, f->after, &t)) {
		snprintf(tbuf, sizeof(tbuf), "%04d-%02d-%02d", t.year, t.month,
		    t.day);
		if (date_cmp(d, &t) <= 0) {
			diag_error(&v->pos,
			    "'%s' is %s, but it should be after %s (%s)",
			    f->label, v->str, date_name(f->after), tbuf);
			w->rc = -1;
		} else if (f->within_months > 0) {
			add_months(&t, f->within_months);
			if (date_cmp(d, &t) > 0) {
				diag_warning(&v->pos,
				    "'%s' is %s, more than %ld months after "
				    "%s (%s)",
				    f->label, v->str, f->within_months,
				    date_name(f->after), tbuf);
				if (f->why != NULL)
					diag_note(&v->pos, "%s", f->why);
			}
		}
	}
	if (f->not_after != NULL && target_date(w, f->not_after, &t) &&
	    date_cmp(d, &t) > 0) {
		snprintf(tbuf, sizeof(tbuf), "%04d-%02d-%02d", t.year, t.month,
		    t.day);
		diag_error(&v->pos,
		    "'%s' is %s, but it cannot be after %s (%s)", f->label,
		    v->str, date_name(f->not_after), tbuf);
		w->rc = -1;
	}
}

/* Does 's' hold 'phrase' as whole words, ignoring case? */
static bool
says(const char *s, const char *phrase)
{
	size_t n = strlen(phrase), i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if (strncasecmp(s + i, phrase, n) == 0 &&
		    !isalnum((unsigned char)s[i + n]))
			return true;
	}
	return false;
}

static size_t
count_words(const char *s)
{
	size_t n = 0;
	bool   in = false;

	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s))
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

static void
check_markdown(struct walk *w, const struct value *v)
{
	struct arena	    a = { 0 };
	struct content_opts o = { w->env->file, v->pos.line, NULL, NULL,
		false };

	if (content_markdown(&a, &o, v->str, v->len) == NULL) {
		diag_error(&v->pos,
		    "pictures belong in the body of the document, after the "
		    "front matter, not in a field");
		w->rc = -1;
	}
	arena_release(&a);
}

/* Rules on one text (one variant of a text field). */
static void
check_text(struct walk *w, const struct field *f, const struct value *v)
{
	size_t i, n;

	if (v->len == 0) {
		if (f->required) {
			diag_error(&v->pos, "'%s' is empty (write %s)",
			    f->label, f->help);
			w->rc = -1;
		}
		return;
	}
	for (i = 0; i < f->nvague; i++)
		if (says(v->str, f->vague[i])) {
			diag_warning(&v->pos,
			    "'%s' says '%s', which does not tell the reader "
			    "what will happen; say exactly what, who and when",
			    f->label, f->vague[i]);
			break;
		}
	if (f->min_words > 0 &&
	    (n = count_words(v->str)) < (size_t)f->min_words)
		diag_warning(&v->pos,
		    "'%s' has only %zu word%s; say exactly what will happen "
		    "(%s)",
		    f->label, n, n == 1 ? "" : "s", f->help);
	if (f->type == FIELD_MARKDOWN)
		check_markdown(w, v);
}

static bool
is_reader(const struct walk *w, const char *id)
{
	size_t i;

	for (i = 0; w->env->readers != NULL && i < w->env->readers->n; i++)
		if (value_str(w->env->readers->items[i]) != NULL &&
		    strcmp(w->env->readers->items[i]->str, id) == 0)
			return true;
	return false;
}

/* "at-10" -> 10 if 10 is a read-at age; else 0. */
static long
age_key(const struct walk *w, const char *key)
{
	size_t i;
	long   age;

	if (strncmp(key, "at-", 3) != 0 ||
	    strspn(key + 3, "0123456789") != strlen(key + 3) ||
	    strlen(key + 3) == 0 || strlen(key + 3) > 2)
		return 0;
	age = strtol(key + 3, NULL, 10);
	for (i = 0; i < w->env->nages; i++)
		if (w->env->ages[i] == age)
			return age;
	return 0;
}

static void
bad_variant_key(struct walk *w, const struct value *key)
{
	const char **cands;
	const char  *near;
	size_t	     i, n = 0, nr;

	nr = w->env->readers != NULL ? w->env->readers->n : 0;
	cands = arena_alloc(w->env->a,
	    (nr + LEN(roles) + w->env->nages + 2) * sizeof(*cands));
	for (i = 0; i < nr; i++)
		if (value_str(w->env->readers->items[i]) != NULL)
			cands[n++] = w->env->readers->items[i]->str;
	for (i = 0; i < LEN(roles); i++)
		cands[n++] = roles[i];
	cands[n++] = "record";
	for (i = 0; i < w->env->nages; i++)
		cands[n++] = arena_printf(w->env->a, "at-%ld", w->env->ages[i]);
	near = util_closest(key->str, cands, n);
	diag_error(&key->pos,
	    "'%s' is not a reader of this document, a role (child, "
	    "young-person, parent, carer, family, other), 'record' or an "
	    "age in read-at (at-N)%s%s%s",
	    key->str, near ? "; did you mean '" : "", near ? near : "",
	    near ? "'?" : "");
	w->rc = -1;
}

/* A text field given per reader: a map of variants. */
static void
check_variants(struct walk *w, const struct field *f, const struct value *v)
{
	size_t i, k;

	for (i = 0; i < value_count(v); i++) {
		const struct value *key = value_key(v, i);
		const struct value *text = value_at(v, i);

		for (k = 0; k < LEN(roles); k++)
			if (strcmp(key->str, roles[k]) == 0)
				break;
		if (!is_reader(w, key->str) && k == LEN(roles) &&
		    strcmp(key->str, "record") != 0 &&
		    age_key(w, key->str) == 0) {
			bad_variant_key(w, key);
			continue;
		}
		if (empty(text) && text->type != VALUE_STRING) {
			diag_error(&key->pos,
			    "the '%s' version of '%s' is empty (write it, or "
			    "delete the line)",
			    key->str, f->label);
			w->rc = -1;
			continue;
		}
		if (value_expect(text, VALUE_STRING,
			arena_printf(w->env->a, "the '%s' version of '%s'",
			    key->str, f->label)) == -1) {
			w->rc = -1;
			continue;
		}
		check_text(w, f, text);
	}
	if (!f->every_age)
		return;
	for (i = 0; i < w->env->nages; i++) {
		const char *want =
		    arena_printf(w->env->a, "at-%ld", w->env->ages[i]);

		if (value_get(v, want) == NULL) {
			diag_error(&v->pos,
			    "'%s' has no version for age %ld (add '%s:', "
			    "written for a %ld-year-old)",
			    f->label, w->env->ages[i], want, w->env->ages[i]);
			w->rc = -1;
		}
	}
}

/* A person, staff member or agency named by id 'v'; NULL after reporting. */
static const struct value *
resolve(struct walk *w, const struct field *f, const struct value *v)
{
	const struct check_env *e = w->env;
	const struct value     *p = NULL;
	const char	      **ids, *near;
	size_t			n = 0, i;
	const struct value     *maps[4] = { NULL, NULL, NULL, NULL };
	const char	       *where;

	if (value_expect(v, VALUE_STRING, f->label) == -1) {
		w->rc = -1;
		return NULL;
	}
	switch (f->type) {
	case FIELD_PERSON:
		maps[0] = e->people;
		where = "a person in case.yaml";
		break;
	case FIELD_STAFF:
		maps[0] = e->staff;
		where = "a member of staff in staff.yaml";
		break;
	default:
		maps[0] = e->people;
		maps[1] = e->staff;
		maps[2] = e->local;
		maps[3] = e->agencies;
		where = "a person in case.yaml, a member of staff or an agency";
		break;
	}
	for (i = 0; i < 4 && p == NULL; i++)
		p = value_get(maps[i], v->str);
	if (p != NULL)
		return p;
	for (i = 0; i < 4; i++)
		n += value_count(maps[i]);
	ids = arena_alloc(e->a, (n + 1) * sizeof(*ids));
	for (n = 0, i = 0; i < 4; i++) {
		size_t k;

		for (k = 0; k < value_count(maps[i]); k++)
			ids[n++] = value_key(maps[i], k)->str;
	}
	near = util_closest(v->str, ids, n);
	diag_error(&v->pos, "'%s' names '%s', who is not %s%s%s%s", f->label,
	    v->str, where, near ? " (did you mean '" : "", near ? near : "",
	    near ? "'?)" : "");
	w->rc = -1;
	return NULL;
}

static void
check_ref(struct walk *w, const struct field *f, const struct value *v)
{
	const struct value *p = resolve(w, f, v);
	const char	   *role;

	if (p == NULL)
		return;
	if (f->role != NULL &&
	    ((role = value_str(value_get(p, "role"))) == NULL ||
		strcmp(role, f->role) != 0)) {
		diag_error(&v->pos,
		    "'%s' should name a person whose role is %s, but '%s' is "
		    "%s",
		    f->label, f->role, v->str, role != NULL ? role : "no role");
		w->rc = -1;
	}
	if (f->contact && value_get(p, "phone") == NULL &&
	    value_get(p, "email") == NULL) {
		diag_error(&v->pos,
		    "'%s' names '%s', who has no phone or email to give the "
		    "reader (add 'phone:' or 'email:' where '%s' is "
		    "described)",
		    f->label, v->str, v->str);
		w->rc = -1;
	}
}

static void check_field(struct walk *, const struct field *,
    const struct value *, const char *);

static void
check_map(struct walk *w, const struct field *f, const struct value *m,
    const char *where)
{
	const char **names;
	size_t	     i, k, j;

	names = arena_alloc(w->env->a, (f->nfields + 1) * sizeof(*names));
	for (i = 0; i < f->nfields; i++)
		names[i] = f->fields[i].name;
	for (i = 0; i < value_count(m); i++) {
		const struct value *key = value_key(m, i);
		const char	   *near;

		if (field_get(f, key->str) != NULL)
			continue;
		if (*f->path == '\0') {
			for (k = 0; k < check_nenvelope; k++)
				if (strcmp(key->str, check_envelope[k]) == 0)
					break;
			if (k < check_nenvelope)
				continue;
		}
		near = util_closest(key->str, names, f->nfields);
		if (near == NULL && *f->path == '\0')
			near = util_closest(key->str, check_envelope,
			    check_nenvelope);
		if (near != NULL)
			diag_warning(&key->pos,
			    "unknown field '%s' in %s (did you mean '%s'?)",
			    key->str, where, near);
		else
			diag_warning(&key->pos,
			    "unknown field '%s' in %s is ignored ('kindly "
			    "kinds "
			    "%s' lists the fields)",
			    key->str, where, w->kind->name);
	}
	for (i = 0; i < f->nfields; i++) {
		const struct field *c = &f->fields[i];
		const struct value *v = value_get(m, c->name);
		const struct value *key = NULL;

		for (k = 0; v != NULL && k < value_count(m); k++)
			if (strcmp(value_key(m, k)->str, c->name) == 0)
				key = value_key(m, k);
		if (empty(v))
			missing(w, c, m, key, where);
		else
			check_field(w, c, v, where);
	}
	for (k = 0; k < f->none_of; k++) {
		bool all = true;

		for (j = 0; f->one_of[k][j] != NULL; j++)
			if (empty(value_get(m, f->one_of[k][j])))
				all = false;
		if (all)
			return;
	}
	if (f->none_of > 0) {
		struct buf_like {
			char   s[512];
			size_t n;
		} b = { "", 0 };

		for (k = 0; k < f->none_of; k++) {
			for (j = 0; f->one_of[k][j] != NULL; j++)
				b.n += (size_t)snprintf(b.s + b.n,
				    b.n < sizeof(b.s) ? sizeof(b.s) - b.n : 0,
				    "%s'%s'",
				    j > 0	 ? " and "
					: k == 0 ? ""
						 : ", or ",
				    f->one_of[k][j]);
			if (b.n >= sizeof(b.s))
				b.n = sizeof(b.s) - 1;
		}
		diag_error(&m->pos, "%s needs %s", where, b.s);
		w->rc = -1;
	}
}

static void
check_list(struct walk *w, const struct field *f, const struct value *v)
{
	size_t i;

	if (f->has_min && v->n < (size_t)f->min) {
		if (f->required) {
			diag_error(&v->pos,
			    "'%s' has %zu item%s; it needs at least %ld",
			    f->label, v->n, v->n == 1 ? "" : "s", f->min);
			w->rc = -1;
		} else
			diag_warning(&v->pos,
			    "'%s' has %zu item%s; it should have at least %ld",
			    f->label, v->n, v->n == 1 ? "" : "s", f->min);
		if (f->why != NULL)
			diag_note(&v->pos, "%s", f->why);
	}
	for (i = 0; i < v->n; i++) {
		const struct value *item = v->items[i];
		const char *where = arena_printf(w->env->a, "item %zu of '%s'",
		    i + 1, f->label);

		if (item->type == VALUE_NULL) {
			diag_error(&item->pos,
			    "%s is empty (write it, or "
			    "delete the '-' line)",
			    where);
			w->rc = -1;
			continue;
		}
		check_field(w, f->item, item, where);
	}
}

static void
check_time(struct walk *w, const struct field *f, const struct value *v)
{
	const char *s = v->str;

	if (v->len == 5 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && s[2] == ':' &&
	    isdigit((unsigned char)s[3]) && isdigit((unsigned char)s[4]) &&
	    (s[0] - '0') * 10 + (s[1] - '0') < 24 && s[3] < '6')
		return;
	diag_error(&v->pos,
	    "'%s' should be a time like 10:00 or 14:30 (24-hour, in quotes "
	    "is fine), not '%s'",
	    f->label, s);
	w->rc = -1;
}

static void
check_number(struct walk *w, const struct field *f, const struct value *v)
{
	size_t n = strspn(v->str, "0123456789");
	long   num;

	if (n == 0 || n > 4 || v->str[n] != '\0') {
		diag_error(&v->pos, "'%s' should be a whole number, not '%s'",
		    f->label, v->str);
		w->rc = -1;
		return;
	}
	num = strtol(v->str, NULL, 10);
	if (f->has_min && num < f->min) {
		diag_error(&v->pos, "'%s' is %ld; it should be at least %ld",
		    f->label, num, f->min);
		w->rc = -1;
	}
}

static void
check_enum(struct walk *w, const struct field *f, const struct value *v)
{
	const char *near;
	size_t	    i, len = 0;
	char	   *all, *p;

	for (i = 0; i < f->nvalues; i++)
		if (strcmp(v->str, f->values[i]) == 0)
			return;
	for (i = 0; i < f->nvalues; i++)
		len += strlen(f->values[i]) + 2;
	p = all = arena_alloc(w->env->a, len + 1);
	for (i = 0; i < f->nvalues; i++)
		p += sprintf(p, "%s%s", i > 0 ? ", " : "", f->values[i]);
	near = util_closest(v->str, f->values, f->nvalues);
	diag_error(&v->pos, "'%s' should be one of %s, not '%s'%s%s%s",
	    f->label, all, v->str, near ? " (did you mean '" : "",
	    near ? near : "", near ? "'?)" : "");
	w->rc = -1;
}

static void
check_field(struct walk *w, const struct field *f, const struct value *v,
    const char *where)
{
	struct date d;
	bool	    b;
	size_t	    i;

	(void)where;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		if (f->variants && v->type == VALUE_MAP) {
			check_variants(w, f, v);
			return;
		}
		if (value_expect(v, VALUE_STRING, f->label) == -1) {
			w->rc = -1;
			return;
		}
		if (f->every_age && w->env->nages > 0) {
			diag_error(&v->pos,
			    "'%s' needs a version for each age it is read at "
			    "(write 'at-%ld:' and the others under it)",
			    f->label, w->env->ages[0]);
			w->rc = -1;
		}
		check_text(w, f, v);
		return;
	case FIELD_DATE:
		if (value_date(v, f->label, &d) == -1)
			w->rc = -1;
		else
			check_date_rules(w, f, v, &d);
		return;
	case FIELD_TIME:
		if (value_expect(v, VALUE_STRING, f->label) == -1)
			w->rc = -1;
		else
			check_time(w, f, v);
		return;
	case FIELD_NUMBER:
		if (value_expect(v, VALUE_STRING, f->label) == -1)
			w->rc = -1;
		else
			check_number(w, f, v);
		return;
	case FIELD_BOOL:
		if (value_bool(v, f->label, &b) == -1)
			w->rc = -1;
		return;
	case FIELD_PERSON:
	case FIELD_STAFF: check_ref(w, f, v); return;
	case FIELD_WHO:
		if (v->type == VALUE_SEQ)
			for (i = 0; i < v->n; i++)
				check_ref(w, f, v->items[i]);
		else
			check_ref(w, f, v);
		return;
	case FIELD_ENUM:
		if (value_expect(v, VALUE_STRING, f->label) == -1)
			w->rc = -1;
		else
			check_enum(w, f, v);
		return;
	case FIELD_LIST:
		if (value_expect(v, VALUE_SEQ, f->label) == -1)
			w->rc = -1;
		else
			check_list(w, f, v);
		return;
	case FIELD_MAP:
		if (value_expect(v, VALUE_MAP, f->label) == -1)
			w->rc = -1;
		else
			check_map(w, f, v,
			    *f->name != '\0'
				? arena_printf(w->env->a, "'%s'", f->label)
				: where);
		return;
	}
}

const long *
check_read_at(const struct kind *k, const struct value *meta, struct arena *a,
    size_t *n)
{
	const struct value *v = value_get(meta, "read-at");
	long		   *ages;
	size_t		    i, j;

	*n = 0;
	if (!k->read_at) {
		if (v != NULL)
			diag_error(&v->pos,
			    "a %s is not written for reading ages; remove "
			    "'read-at'",
			    k->name);
		return NULL;
	}
	if (empty(v)) {
		diag_error(&meta->pos,
		    "this %s has no 'read-at' (add the ages it is written to "
		    "be read at, like 'read-at: [10, 15]')",
		    k->name);
		return NULL;
	}
	if (value_expect(v, VALUE_SEQ, "read-at") == -1)
		return NULL;
	ages = arena_alloc(a, (v->n + 1) * sizeof(*ages));
	for (i = 0; i < v->n; i++) {
		const char *s = value_str(v->items[i]);
		size_t	    len = s == NULL ? 0 : strspn(s, "0123456789");
		long	    age = len > 0 && len <= 2 && s[len] == '\0'
			   ? strtol(s, NULL, 10)
			   : 0;

		if (age < 1 || age > MAX_AGE) {
			diag_error(&v->items[i]->pos,
			    "each age in 'read-at' should be a whole number "
			    "of years from 1 to %d, like 10",
			    MAX_AGE);
			return NULL;
		}
		for (j = 0; j < *n; j++)
			if (ages[j] == age) {
				diag_error(&v->items[i]->pos,
				    "age %ld is in 'read-at' twice", age);
				return NULL;
			}
		ages[(*n)++] = age;
	}
	return ages;
}

static void
check_readers(struct walk *w)
{
	const struct check_env *e = w->env;
	const struct kind      *k = w->kind;
	size_t			i, j;

	if (e->readers == NULL)
		return;
	if (k->one_reader && e->readers->n > 1) {
		diag_error(&e->readers->items[1]->pos,
		    "a %s has one reader; write a separate one for '%s' (copy "
		    "this file, and change 'readers')",
		    k->name, value_str(e->readers->items[1]));
		w->rc = -1;
	}
	for (i = 0; i < e->readers->n; i++) {
		const struct value *r = e->readers->items[i];
		const struct value *p =
		    value_str(r) == NULL ? NULL : value_get(e->people, r->str);
		const char	   *role = value_str(value_get(p, "role"));
		const struct value *born = value_get(p, "born");
		struct date	    bd;

		if (value_str(r) == NULL || p == NULL || role == NULL)
			continue; /* reported by the site's checks */
		for (j = 0; j < k->nwritten_to; j++)
			if (strcmp(role, k->written_to[j]) == 0)
				break;
		if (j == k->nwritten_to) {
			char   all[256] = "";
			size_t n = 0;

			for (j = 0; j < k->nwritten_to && n < sizeof(all); j++)
				n += (size_t)snprintf(all + n, sizeof(all) - n,
				    "%s%s", j == 0 ? "" : ", ",
				    k->written_to[j]);
			diag_error(&r->pos,
			    "'%s' is a %s, but a %s is written to a %s", r->str,
			    role, k->name, all);
			w->rc = -1;
		}
		if (k->reader_min_age == 0 || e->date == NULL)
			continue;
		if (born == NULL || value_str(born) == NULL ||
		    date_parse(born->str, born->len, &bd) != DATE_OK) {
			diag_error(&r->pos,
			    "a %s is for someone aged %ld or over; add 'born:' "
			    "for '%s' in case.yaml so kindly can check",
			    k->name, k->reader_min_age, r->str);
			w->rc = -1;
		} else if (date_age(&bd, e->date) < k->reader_min_age) {
			diag_error(&r->pos,
			    "'%s' is %d on the document's date; a %s is for "
			    "someone aged %ld or over",
			    r->str, date_age(&bd, e->date), k->name,
			    k->reader_min_age);
			w->rc = -1;
		}
	}
}

int
check_doc_kind(const struct kind *k, const struct value *meta,
    const struct check_env *env)
{
	struct walk w = { env, k, meta, 0 };
	char	   *where;
	size_t	    i;

	check_readers(&w);
	for (i = 0; i + 5 <= env->blen; i++)
		if ((i == 0 || env->body[i - 1] == '\n') &&
		    strncmp(env->body + i, "TODO", 4) == 0) {
			struct srcpos pos = { env->file, env->bline, 1 };
			size_t	      j;

			for (j = 0; j < i; j++)
				pos.line += env->body[j] == '\n';
			diag_error(&pos,
			    "this line still says TODO (write the letter "
			    "here, or delete the line)");
			w.rc = -1;
		}
	if (k->body_required) {
		for (i = 0;
		     i < env->blen && isspace((unsigned char)env->body[i]); i++)
			;
		if (i == env->blen) {
			struct srcpos pos = { env->file, 1, 1 };

			diag_error(&pos,
			    "this %s has nothing after its front matter (write "
			    "it in Markdown after the closing '---')",
			    k->name);
			w.rc = -1;
		}
	}
	where = arena_printf(env->a, "this %s", k->title);
	if (where[5] >= 'A' && where[5] <= 'Z' &&
	    !(where[6] >= 'A' && where[6] <= 'Z'))
		where[5] = (char)(where[5] - 'A' + 'a');
	check_map(&w, &k->root, meta, where);
	return w.rc;
}
