/* SPDX-License-Identifier: ISC */
/*
 * The schema is walked beside the value tree.  Each field is checked for
 * presence (required, advised), then for its type, then for its rules;
 * a field that is missing or of the wrong type is not checked further,
 * so one slip gives one message.
 */
#define DIAG_AREA "field"

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
#include "scope.h"
#include "util.h"
#include "value.h"

const char *const check_envelope[] = { "kind", "date", "readers", "author",
	"title", "reference", "read-at", "allow" };
const size_t	  check_nenvelope = LEN(check_envelope);

enum { MAX_AGE = 25 }; /* read-at ages run 1..MAX_AGE */

struct walk {
	const struct check_env *env;
	const struct kind      *kind;
	const struct value     *meta;
	int			rc;
	const char	      **near;  /* the words a version may name */
	size_t			nnear; /* 0 until they are needed */
};

/* "child protection plan": the kind's title as words in a sentence. */
static const char *
kind_words(struct arena *a, const struct kind *k)
{
	char *t = arena_strdup(a, k->title);

	if (t[0] >= 'A' && t[0] <= 'Z' && !(t[1] >= 'A' && t[1] <= 'Z'))
		t[0] = (char)(t[0] - 'A' + 'a');
	return t;
}

/* "a child protection plan", "an IRO letter". */
static const char *
a_kind(struct arena *a, const struct kind *k)
{
	const char *t = kind_words(a, k);

	return arena_printf(a, "%s %s", strchr("aeiouAEIOU", t[0]) ? "an" : "a",
	    t);
}

/* Not given at all: no key, or "key:" with nothing after it. */
static bool
absent(const struct value *v)
{
	return v == NULL || v->type == VALUE_NULL;
}

static bool
empty(const struct value *v)
{
	return v == NULL || v->type == VALUE_NULL ||
	    (v->type == VALUE_STRING && v->len == 0 && v->quoted) ||
	    ((v->type == VALUE_SEQ || v->type == VALUE_MAP) && v->n == 0);
}

/* "TODO", or "TODO: ..." / "TODO ..." as a writer's own reminder. */
static bool
is_todo(const char *s)
{
	return strncmp(s, "TODO", 4) == 0 &&
	    (s[4] == '\0' || s[4] == ':' || s[4] == ' ');
}

/* A key that names a version of a text rather than a field. */
static bool
version_key(const char *k)
{
	return kind_reader_word(k);
}

/* Report each TODO under 'v', the value of field 'name' ('ver' version). */
static size_t
todo_walk(const struct value *v, const char *name, const char *ver)
{
	size_t i, n = 0;

	switch (v->type) {
	case VALUE_STRING:
		if (!is_todo(v->str))
			return 0;
		if (name != NULL && ver != NULL)
			diag_error(&v->pos,
			    "'%s' (the '%s' version) still says TODO (fill it "
			    "in, or delete the line)",
			    name, ver);
		else if (name != NULL)
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
			n += todo_walk(v->items[i], name, NULL);
		return n;
	case VALUE_MAP:
		for (i = 0; i < value_count(v); i++) {
			const char *k = value_key(v, i)->str;

			if (name != NULL && version_key(k))
				n += todo_walk(value_at(v, i), name, k);
			else
				n += todo_walk(value_at(v, i), k, NULL);
		}
		return n;
	default: return 0;
	}
}

size_t
check_todo(const struct value *meta)
{
	return todo_walk(meta, NULL, NULL);
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
	const char	    *hint;

	if (f->type == FIELD_ENUM)
		hint = arena_printf(w->env->a, "add '%s:' with %s", f->label,
		    arena_join(w->env->a, f->values, f->nvalues, ", ", " or "));
	else
		hint = arena_printf(w->env->a, "add '%s:%s%s", f->label, fm,
		    close);
	if (f->required) {
		diag_error(pos, "%s has no '%s' (%s)", where, f->label, hint);
		w->rc = -1;
	} else if (f->advised)
		diag_warning(pos, "missing-field", "%s has no '%s' (%s)", where,
		    f->label, hint);
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
	char		    name[128];

	while (v != NULL && *path != '\0')
		v = util_path_next(&path, name, sizeof(name))
		    ? value_get(v, name)
		    : NULL;
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

/* A field's name for messages: its path, unless it is in a list item. */
static const char *
shown(const struct field *f)
{
	return strstr(f->path, "[]") != NULL ? f->label : f->path;
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
			    shown(f), v->str, kind_date_name(f->after), tbuf);
			w->rc = -1;
		} else if (f->within_months > 0) {
			add_months(&t, f->within_months);
			if (date_cmp(d, &t) > 0) {
				diag_warning(&v->pos, "date-too-far",
				    "'%s' is %s, more than %ld months after "
				    "%s (%s)",
				    shown(f), v->str, f->within_months,
				    kind_date_name(f->after), tbuf);
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
		    "'%s' is %s, but it cannot be after %s (%s)", shown(f),
		    v->str, kind_date_name(f->not_after), tbuf);
		w->rc = -1;
	}
}

static size_t
count_words(const char *s, size_t len)
{
	size_t n = 0, i;
	bool   in = false;

	for (i = 0; i < len; i++) {
		if (isspace((unsigned char)s[i]))
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

/*
 * Is 's' vague by 'phrase' (whole words, ignoring case)?  A phrase of
 * three words or more ("further action will be considered") is vague
 * wherever it stands.  A short one ("as needed", "ongoing") only when it
 * is nearly all the text: "every two weeks, and more often as needed"
 * says what happens.
 */
static bool
vague(const char *s, const char *phrase)
{
	size_t n = strlen(phrase), i, len = strlen(s);

	for (i = 0; s[i] != '\0'; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		if (strncasecmp(s + i, phrase, n) != 0 ||
		    isalnum((unsigned char)s[i + n]))
			continue;
		return count_words(phrase, n) >= 3 ||
		    count_words(s, i) + count_words(s + i + n, len - i - n) < 3;
	}
	return false;
}

static const char *
no_picture(void *ud, const char *path, const char *written,
    const struct srcpos *pos)
{
	(void)path;
	diag_error(pos,
	    "'%s' shows a picture (%s); pictures belong in the body of the "
	    "document, after the front matter, not in a field",
	    (const char *)ud, written);
	return NULL;
}

static void
check_markdown(struct walk *w, const struct field *f, const struct value *v)
{
	struct arena	    a = { 0 };
	struct content_opts o = { w->env->file,
		v->pos.line + (v->block ? 1 : 0), no_picture, (void *)f->label,
		false };

	if (content_markdown(&a, &o, v->str, v->len) == NULL)
		w->rc = -1;
	arena_release(&a);
}

/* Rules on one text (one variant of a text field). */
static void
check_text(struct walk *w, const struct field *f, const struct value *v)
{
	size_t i, n;

	if (v->len == 0) {
		if (f->required || f->advised) {
			if (f->required) {
				diag_error(&v->pos,
				    "'%s' is empty; write it (or delete the "
				    "line if it is optional)",
				    f->label);
				w->rc = -1;
			} else
				diag_warning(&v->pos, "empty-field",
				    "'%s' is empty; write it, or delete the "
				    "line",
				    f->label);
			diag_note(&v->pos, "%s: %s", f->label, f->help);
		}
		return;
	}
	for (i = 0; i < f->nvague; i++)
		if (vague(v->str, f->vague[i])) {
			diag_warning(&v->pos, "vague",
			    "'%s' says '%s', which does not tell the reader "
			    "what will happen; say exactly what, who and when",
			    f->label, f->vague[i]);
			break;
		}
	if (f->min_words > 0 &&
	    (n = count_words(v->str, v->len)) < (size_t)f->min_words)
		diag_warning(&v->pos, "too-short",
		    "'%s' has only %zu word%s; say exactly what will happen "
		    "(%s)",
		    f->label, n, n == 1 ? "" : "s", f->help);
	if (f->type == FIELD_MARKDOWN)
		check_markdown(w, f, v);
}

static bool
is_reader(const struct walk *w, const char *id)
{
	return value_get(w->env->reader_set, id) != NULL;
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
	if (w->env->ages_unknown)
		return age; /* read-at itself was wrong, and reported */
	for (i = 0; i < w->env->nages; i++)
		if (w->env->ages[i] == age)
			return age;
	return 0;
}

/* True if 'key' may name readers: a reader, a role, 'record' or at-N. */
static bool
reader_key(const struct walk *w, const char *key)
{
	return kind_is_role(key) || is_reader(w, key) ||
	    strcmp(key, "record") == 0 || age_key(w, key) != 0;
}

static void
bad_variant_key(struct walk *w, const struct value *key)
{
	const char *near;
	size_t	    i, nr;

	if (w->nnear == 0) { /* made once, for every slip */
		nr = value_count(w->env->readers);
		w->near = arena_alloc(w->env->a,
		    (nr + kind_nroles + w->env->nages + 2) * sizeof(*w->near));
		for (i = 0; i < nr; i++)
			w->near[w->nnear++] = w->env->readers->items[i]->str;
		for (i = 0; i < kind_nroles; i++)
			w->near[w->nnear++] = kind_roles[i];
		w->near[w->nnear++] = "record";
		for (i = 0; i < w->env->nages; i++)
			w->near[w->nnear++] =
			    arena_printf(w->env->a, "at-%ld", w->env->ages[i]);
	}
	near = value_closest(key->str, w->near, w->nnear);
	diag_error(&key->pos,
	    "'%s' is not a reader of this document, a role (%s), 'record' or "
	    "an age in read-at (at-N)%s%s%s",
	    key->str,
	    arena_join(w->env->a, kind_roles, kind_nroles, ", ", ", "),
	    near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
	w->rc = -1;
}

/*
 * A required text given per reader must have a version for every reader
 * (and every age): default deny would leave it out of their page.
 */
static void
check_every_reader(struct walk *w, const struct field *f, const struct value *v)
{
	const struct check_env *e = w->env;
	size_t			i, k, nv = e->nages > 0 ? e->nages : 1;

	for (i = 0; e->readers != NULL && i < e->readers->n; i++) {
		const char	   *id = value_str(e->readers->items[i]);
		const struct value *p = value_get(e->people, id);
		const char	   *role = value_str(value_get(p, "role"));

		if (id == NULL || role == NULL)
			continue; /* reported by the site's checks */
		if (value_get(v, id) != NULL || value_get(v, role) != NULL)
			continue;
		for (k = 0; k < nv; k++) {
			const char *at = e->nages > 0
			    ? arena_printf(e->a, "at-%ld", e->ages[k])
			    : NULL;

			if (at != NULL && value_get(v, at) != NULL)
				continue;
			diag_warning(&v->pos, "no-version",
			    "'%s' has no version for '%s', so %s page would "
			    "leave it out (add '%s:' or '%s:')",
			    f->label, id,
			    strcmp(role, "child") == 0 ? "the child's"
						       : "their",
			    id, role);
			break;
		}
	}
}

/* The reason of a 'redacted:' key: text that says why. */
static void
check_reason(struct walk *w, const struct value *why)
{
	if (why->type == VALUE_STRING && why->len > 0)
		return;
	diag_error(&why->pos,
	    "'redacted' should say why the family must not see this, for "
	    "the redaction log, like 'redacted: third-party information'");
	w->rc = -1;
}

/*
 * True if 'v' is redacted text: {redacted: why, text: ...}.  It is
 * checked here; the rules on the text itself do not apply, as no
 * family reader will see it.
 */
static bool
check_redacted(struct walk *w, const struct field *f, const struct value *v)
{
	const struct value *text;
	size_t		    i;

	if (v->type != VALUE_MAP || value_get(v, "redacted") == NULL)
		return false;
	check_reason(w, value_get(v, "redacted"));
	for (i = 0; i < value_count(v); i++)
		if (strcmp(value_key(v, i)->str, "redacted") != 0 &&
		    strcmp(value_key(v, i)->str, "text") != 0) {
			diag_error(&value_key(v, i)->pos,
			    "redacted text has only 'redacted:' (why) and "
			    "'text:' (what), not '%s'",
			    value_key(v, i)->str);
			w->rc = -1;
		}
	text = value_get(v, "text");
	if (text == NULL || text->type != VALUE_STRING || text->len == 0) {
		diag_error(text != NULL ? &text->pos : &v->pos,
		    "redacted text needs 'text:', the words kept in the "
		    "record for '%s'",
		    f->label);
		w->rc = -1;
	}
	return true;
}

/* A text field given per reader: a map of variants. */
static void
check_variants(struct walk *w, const struct field *f, const struct value *v)
{
	size_t i;

	for (i = 0; i < value_count(v); i++) {
		const struct value *key = value_key(v, i);
		const struct value *text = value_at(v, i);

		if (!reader_key(w, key->str)) {
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
		if (check_redacted(w, f, text))
			continue;
		if (value_expect(text, VALUE_STRING,
			arena_printf(w->env->a, "the '%s' version of '%s'",
			    key->str, f->label)) == -1) {
			w->rc = -1;
			continue;
		}
		check_text(w, f, text);
	}
	if (value_count(v) == 0 && f->required) {
		diag_error(&v->pos,
		    "'%s' has no versions; write it once, or one version per "
		    "reader",
		    f->label);
		w->rc = -1;
		return;
	}
	if (f->every_age) {
		for (i = 0; i < w->env->nages; i++) {
			long	    age = w->env->ages[i];
			const char *want =
			    arena_printf(w->env->a, "at-%ld", age);

			if (value_get(v, want) == NULL) {
				diag_error(&v->pos,
				    "'%s' has no version for age %ld (add "
				    "'%s:', written for %s %ld-year-old)",
				    f->label, age, want,
				    age == 8 || age == 11 || age == 18 ? "an"
								       : "a",
				    age);
				w->rc = -1;
			}
		}
		return;
	}
	if (f->required)
		check_every_reader(w, f, v);
}

/* The first key of 'map' as an example id, or 'dflt'. */
static const char *
an_id(const struct value *map, const char *dflt)
{
	return value_count(map) > 0 ? value_key(map, 0)->str : dflt;
}

/*
 * Check that 'v', given for field 'f', has the shape its type needs
 * ('want'); if not, report what it should be and how to write it, and
 * return -1.  'item' says 'v' is one id of a list in a 'who' field.
 */
static int
shape(struct walk *w, const struct field *f, const struct value *v,
    enum value_type want, bool item)
{
	struct arena *a = w->env->a;
	const char   *l = f->label, *what, *like = NULL;
	const char   *ex = NULL; /* the one value to write, for most */
	const char   *lead =
	      *f->name != '\0' && !item ? arena_printf(a, "%s: ", l) : "- ";

	if (v->type == want)
		return 0;
	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		what =
		    f->variants ? "text, or a version for each reader" : "text";
		like = arena_printf(a,
		    "the words after '%s', in quotes if they start with '[' "
		    "or '{'%s",
		    arena_strndup(a, lead, strlen(lead) - 1),
		    f->variants ? "; or 'child:', 'parent:' or a reader's id "
				  "on the lines under it, each with its words"
				: "");
		break;
	case FIELD_DATE:
		what = "a date";
		ex = "2025-09-01";
		break;
	case FIELD_TIME:
		what = "a time";
		ex = "\"10:00\"";
		break;
	case FIELD_NUMBER:
		what = "a whole number";
		ex = "5";
		break;
	case FIELD_BOOL:
		what = "true or false";
		like = arena_printf(a, "'%strue' or '%sfalse'", lead, lead);
		break;
	case FIELD_PERSON:
		what = "the id of a person in case.yaml";
		ex = an_id(w->env->people, "kay");
		break;
	case FIELD_STAFF:
		what = "the id of a member of staff in staff.yaml";
		ex = an_id(w->env->staff, "sw-priya");
		break;
	case FIELD_WHO:
		what = item ? "the id of a person, a member of staff or an "
			      "agency"
			    : "an id, or a list of ids, of people, staff or "
			      "agencies";
		like = item
		    ? arena_printf(a, "'%s'", an_id(w->env->staff, "sw-priya"))
		    : arena_printf(a, "'%s%s' or '%s[%s, %s]'", lead,
			  an_id(w->env->staff, "sw-priya"), lead,
			  an_id(w->env->people, "kay"),
			  an_id(w->env->staff, "sw-priya"));
		break;
	case FIELD_ENUM:
		what = arena_printf(a, "one of %s",
		    arena_join(a, f->values, f->nvalues, ", ", " or "));
		ex = f->nvalues > 0 ? f->values[0] : "...";
		break;
	case FIELD_LIST:
	default: { /* a map */
		bool	    list = f->type == FIELD_LIST;
		const char *part = list ? "item" : "field";
		const char *how = list ? "starting '- '" : "indented";

		what = list ? "a list" : "a map of its fields";
		like = *f->name != '\0'
		    ? arena_printf(a,
			  "each %s on a line of its own under '%s:', %s", part,
			  l, how)
		    : arena_printf(a, "each %s on a line of its own, %s", part,
			  list ? how : "after the '-'");
		break;
	}
	}
	if (ex != NULL)
		like = arena_printf(a, "'%s%s'", lead, ex);
	diag_error(&v->pos, "%s should be %s, not %s (write %s)",
	    item		   ? arena_printf(a, "each id in '%s'", l)
		: *f->name != '\0' ? arena_printf(a, "'%s'", l)
				   : arena_printf(a, "each item of '%s'", l),
	    what, value_type_name(v), like);
	w->rc = -1;
	return -1;
}

/*
 * A person, staff member or agency named by id 'v'; sets '*file' to
 * where it is described.  NULL after reporting.
 */
static const struct value *
resolve(struct walk *w, const struct field *f, const struct value *v, bool item,
    const char **file)
{
	const struct check_env *e = w->env;
	const struct value     *maps[4];
	const char	       *files[4], *where, *near;
	const struct value     *p;
	size_t			n = 0, i;

	if (shape(w, f, v, VALUE_STRING, item) == -1)
		return NULL;
	if (f->type != FIELD_STAFF) {
		maps[n] = e->people;
		files[n++] = "case.yaml";
	}
	if (f->type != FIELD_PERSON) {
		maps[n] = e->staff;
		files[n++] = "staff.yaml";
	}
	if (f->type == FIELD_WHO) {
		maps[n] = e->local;
		files[n++] = "case.yaml";
		maps[n] = e->agencies;
		files[n++] = "site.yaml";
	}
	for (i = 0; i < n; i++)
		if ((p = value_get(maps[i], v->str)) != NULL) {
			*file = files[i];
			return p;
		}
	where = f->type == FIELD_PERSON ? "a person in case.yaml"
	    : f->type == FIELD_STAFF	? "a member of staff in staff.yaml"
					: "a person in case.yaml, a member "
					  "of staff or an agency";
	near = value_closest_key(maps, n, v->str);
	diag_error(&v->pos, "'%s' names '%s', who is not %s%s%s%s", f->label,
	    v->str, where, near ? " (did you mean '" : "", near ? near : "",
	    near ? "'?)" : "");
	w->rc = -1;
	return NULL;
}

static void
check_ref(struct walk *w, const struct field *f, const struct value *v,
    bool item)
{
	const char	   *file = NULL;
	const struct value *p = resolve(w, f, v, item, &file);
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
	if (f->contact && absent(value_get(p, "phone")) &&
	    absent(value_get(p, "email"))) {
		diag_error(&v->pos,
		    "'%s' names '%s', who has no phone or email to give the "
		    "reader (add 'phone:' or 'email:' to '%s' in %s)",
		    f->label, v->str, v->str, file);
		w->rc = -1;
	}
}

static void check_field(struct walk *, const struct field *,
    const struct value *, const char *);

/*
 * 'for:' on a section or a list item: who sees it.  One reader id or
 * role, or a list of them; everyone else gets nothing of it.
 */
static void
check_for(struct walk *w, const struct value *v)
{
	size_t i;

	if (v->type == VALUE_STRING) {
		if (!reader_key(w, v->str))
			bad_variant_key(w, v);
		return;
	}
	if (v->type != VALUE_SEQ || v->n == 0) {
		diag_error(&v->pos,
		    "'for' should name who sees this: a reader's id or a role, "
		    "or a list of them, like 'for: [mum, dad]'");
		w->rc = -1;
		return;
	}
	for (i = 0; i < v->n; i++) {
		if (value_expect(v->items[i], VALUE_STRING,
			"each reader in "
			"'for'") == -1)
			w->rc = -1;
		else if (!reader_key(w, v->items[i]->str))
			bad_variant_key(w, v->items[i]);
	}
}

static void
check_map(struct walk *w, const struct field *f, const struct value *m,
    const char *where)
{
	const char **names;
	bool	    *typo; /* a required field given under a misspelt key */
	size_t	     i, k, j;

	names = arena_alloc(w->env->a, (f->nfields + 1) * sizeof(*names));
	typo = arena_alloc(w->env->a, (f->nfields + 1) * sizeof(*typo));
	for (i = 0; i < f->nfields; i++)
		names[i] = f->fields[i].name;
	for (i = 0; i < value_count(m); i++) {
		const struct value *key = value_key(m, i);
		const char	   *near;

		if (field_get(f, key->str) != NULL)
			continue;
		if (*f->path != '\0' && strcmp(key->str, "for") == 0) {
			check_for(w, value_at(m, i));
			continue;
		}
		if (*f->path != '\0' && strcmp(key->str, "redacted") == 0) {
			check_reason(w, value_at(m, i));
			continue;
		}
		if (*f->path == '\0') {
			for (k = 0; k < check_nenvelope; k++)
				if (strcmp(key->str, check_envelope[k]) == 0)
					break;
			if (k < check_nenvelope)
				continue;
		}
		near = value_closest(key->str, names, f->nfields);
		for (k = 0; near != NULL && k < f->nfields; k++)
			if (names[k] == near && f->fields[k].required &&
			    absent(value_get(m, near)))
				break;
		if (near != NULL && k < f->nfields) {
			diag_error(&key->pos,
			    "unknown field '%s' in %s: did you mean '%s'? (it "
			    "is required)",
			    key->str, where, near);
			typo[k] = true;
			w->rc = -1;
			continue;
		}
		if (near == NULL && *f->path == '\0')
			near = value_closest(key->str, check_envelope,
			    check_nenvelope);
		if (near != NULL)
			diag_warning(&key->pos, "unknown-field",
			    "unknown field '%s' in %s (did you mean '%s'?)",
			    key->str, where, near);
		else
			diag_warning(&key->pos, "unknown-field",
			    "unknown field '%s' in %s is ignored ('kindly "
			    "kinds "
			    "%s' lists the fields)",
			    key->str, where, w->kind->name);
	}
	for (i = 0; i < f->nfields; i++) {
		const struct field *c = &f->fields[i];
		const struct value *v = value_get(m, c->name);
		const struct value *key = value_get_key(m, c->name);

		if (typo[i])
			continue;
		if (absent(v))
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
		diag_error(&m->pos, "%s needs %s", where,
		    field_one_of(w->env->a, f));
		w->rc = -1;
	}
}

static void
check_list(struct walk *w, const struct field *f, const struct value *v)
{
	size_t i;

	if (v->n == 0 && !f->has_min && (f->required || f->advised)) {
		if (f->required) {
			diag_error(&v->pos,
			    "'%s' is an empty list; it needs at least one item",
			    f->label);
			w->rc = -1;
		} else
			diag_warning(&v->pos, "empty-field",
			    "'%s' is an empty list; add an item, or delete the "
			    "line",
			    f->label);
		diag_note(&v->pos, "%s: %s", f->label, f->help);
	}
	if (f->has_min && v->n < (size_t)f->min) {
		if (f->required) {
			diag_error(&v->pos,
			    "'%s' has %zu item%s; it needs at least %ld",
			    f->label, v->n, v->n == 1 ? "" : "s", f->min);
			w->rc = -1;
		} else
			diag_warning(&v->pos, "few-items",
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
	int h, m;

	if (date_time_parse(v->str, v->len, &h, &m))
		return;
	diag_error(&v->pos,
	    "'%s' should be a time like 10:00 or 14:30 (24-hour, in quotes "
	    "is fine), not '%s'",
	    f->label, v->str);
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
	if (f->has_max && num > f->max) {
		diag_error(&v->pos, "'%s' is %ld; it should be at most %ld",
		    f->label, num, f->max);
		w->rc = -1;
	}
}

static void
check_enum(struct walk *w, const struct field *f, const struct value *v)
{
	const char *near;
	size_t	    i;

	for (i = 0; i < f->nvalues; i++)
		if (strcmp(v->str, f->values[i]) == 0)
			return;
	near = value_closest(v->str, f->values, f->nvalues);
	diag_error(&v->pos, "'%s' should be one of %s, not '%s'%s%s%s",
	    f->label, arena_join(w->env->a, f->values, f->nvalues, ", ", ", "),
	    v->str, near ? " (did you mean '" : "", near ? near : "",
	    near ? "'?)" : "");
	w->rc = -1;
}

static void
check_field(struct walk *w, const struct field *f, const struct value *v,
    const char *where)
{
	struct date d;
	bool	    b;
	size_t	    i;

	switch (f->type) {
	case FIELD_TEXT:
	case FIELD_MARKDOWN:
		if (check_redacted(w, f, v))
			return;
		if (f->variants && v->type == VALUE_MAP) {
			check_variants(w, f, v);
			return;
		}
		if (v->type == VALUE_MAP) {
			diag_error(&v->pos,
			    "'%s' is one text for every reader; it cannot have "
			    "a version for each (write it once)",
			    f->label);
			w->rc = -1;
			return;
		}
		if (shape(w, f, v, VALUE_STRING, false) == -1)
			return;
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
		if (shape(w, f, v, VALUE_STRING, false) == -1)
			return;
		if (value_date(v, f->label, &d) == -1)
			w->rc = -1;
		else
			check_date_rules(w, f, v, &d);
		return;
	case FIELD_TIME:
		if (shape(w, f, v, VALUE_STRING, false) == 0)
			check_time(w, f, v);
		return;
	case FIELD_NUMBER:
		if (shape(w, f, v, VALUE_STRING, false) == 0)
			check_number(w, f, v);
		return;
	case FIELD_BOOL:
		if (shape(w, f, v, VALUE_STRING, false) == 0 &&
		    value_bool(v, f->label, &b) == -1)
			w->rc = -1;
		return;
	case FIELD_PERSON:
	case FIELD_STAFF: check_ref(w, f, v, false); return;
	case FIELD_WHO:
		if (v->type == VALUE_SEQ && v->n == 0) {
			diag_error(&v->pos,
			    "'%s' is an empty list; name who, like '%s: "
			    "sw-priya' or '%s: [mum, dad]'",
			    f->label, f->label, f->label);
			w->rc = -1;
		}
		if (v->type == VALUE_SEQ)
			for (i = 0; i < v->n; i++)
				check_ref(w, f, v->items[i], true);
		else
			check_ref(w, f, v, false);
		return;
	case FIELD_ENUM:
		if (shape(w, f, v, VALUE_STRING, false) == 0)
			check_enum(w, f, v);
		return;
	case FIELD_LIST:
		if (shape(w, f, v, VALUE_SEQ, false) == 0)
			check_list(w, f, v);
		return;
	case FIELD_MAP:
		if (shape(w, f, v, VALUE_MAP, false) == 0)
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
			    "%s is not written for reading ages; remove "
			    "'read-at'",
			    a_kind(a, k));
		return NULL;
	}
	if (empty(v)) {
		diag_error(&meta->pos,
		    "this %s has no 'read-at' (add the ages it is written to "
		    "be read at, like 'read-at: [10, 15]')",
		    kind_words(a, k));
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
			    "'%s' in 'read-at' should be an age in years from "
			    "1 to %d, like 10",
			    s != NULL ? s : "this", MAX_AGE);
			*n = 0;
			return NULL;
		}
		for (j = 0; j < *n; j++)
			if (ages[j] == age) {
				diag_error(&v->items[i]->pos,
				    "age %ld is in 'read-at' twice", age);
				*n = 0;
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
		    "%s has one reader; write a separate one for '%s' (copy "
		    "this file, and change 'readers')",
		    a_kind(e->a, k), value_str(e->readers->items[1]));
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
		if (!kind_written_to(k, role)) {
			const char **words = arena_alloc(e->a,
			    (k->nwritten_to + 1) * sizeof(*words));

			for (j = 0; j < k->nwritten_to; j++)
				words[j] = kind_role_words(k->written_to[j]);
			diag_error(&r->pos,
			    "'%s' cannot read %s: it is written to %s, and in "
			    "case.yaml '%s' is %s (choose another reader, or "
			    "another kind)",
			    r->str, a_kind(e->a, k),
			    arena_join(e->a, words, k->nwritten_to, ", ",
				" or "),
			    r->str, kind_role_words(role));
			w->rc = -1;
		}
		if (k->reader_min_age == 0 || e->date == NULL)
			continue;
		if (born == NULL || value_str(born) == NULL ||
		    date_parse(born->str, born->len, &bd) != DATE_OK) {
			diag_error(&r->pos,
			    "%s is for someone aged %ld or over; add 'born:' "
			    "for '%s' in case.yaml so kindly can check",
			    a_kind(e->a, k), k->reader_min_age, r->str);
			w->rc = -1;
		} else if (date_age(&bd, e->date) < k->reader_min_age) {
			diag_error(&r->pos,
			    "'%s' is %d on the document's date; %s is for "
			    "someone aged %ld or over",
			    r->str, date_age(&bd, e->date), a_kind(e->a, k),
			    k->reader_min_age);
			w->rc = -1;
		}
	}
}

int
check_doc_kind(const struct kind *k, const struct value *meta,
    const struct check_env *env)
{
	struct walk w = { env, k, meta, 0, NULL, 0 };
	const char *where;
	const char *p;
	size_t	    i, counted = 0;
	unsigned    line = env->bline;

	check_readers(&w);
	for (p = env->body; env->blen > 0 &&
	     (p = util_memstr(p, env->blen - (size_t)(p - env->body),
		  "TODO")) != NULL;
	     p += 4)
		if (((i = (size_t)(p - env->body)) == 0 ||
			env->body[i - 1] == '\n') &&
		    (i + 4 == env->blen ||
			strchr(": \n", env->body[i + 4]) != NULL)) {
			struct srcpos pos = { env->file, 0, 1 };

			for (; counted < i; counted++) /* on from the last */
				line += env->body[counted] == '\n';
			pos.line = line;
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
			struct srcpos pos = { env->file, env->bline, 1 };

			diag_error(&pos,
			    "this %s has nothing after its front matter (write "
			    "it in Markdown after the closing '---')",
			    kind_words(env->a, k));
			w.rc = -1;
		}
	}
	for (i = 0; env->scope != NULL && i < env->scope->n; i++)
		if (env->scope->parts[i].who != NULL)
			check_for(&w, env->scope->parts[i].who);
	where = arena_printf(env->a, "this %s", kind_words(env->a, k));
	check_map(&w, &k->root, meta, where);
	return w.rc;
}
