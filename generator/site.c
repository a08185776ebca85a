/* SPDX-License-Identifier: ISC */
/*
 * Loading keeps going after an error, so that one run of 'kindly check'
 * lists every problem in the site, not just the first.  Each check reads
 * a value through value.h, which reports at the value's own line and
 * column; messages say what to write instead.
 */
#define DIAG_AREA "site"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "audience.h"
#include "check.h"
#include "content.h"
#include "data.h"
#include "diag.h"
#include "fsio.h"
#include "hide.h"
#include "site.h"
#include "url.h"
#include "util.h"
#include "value.h"

static const char *const site_keys[] = { "name", "service", "language", "theme",
	"address", "contacts", "agencies", "reading-age" };
static const char *const contact_keys[] = { "name", "phone", "email", "web",
	"hours", "what" };
static const char *const staff_keys[] = { "name", "known-as", "role", "team",
	"phone", "email", "pronouns" };
static const char *const person_keys[] = { "name", "known-as", "pronouns",
	"born", "role", "relationship", "reading-age", "language", "needs",
	"address", "surname", "hidden-from", "hide", "prefers" };
static const char *const case_keys[] = { "people", "agencies" };
static const char *const agency_keys[] = { "name", "phone", "email", "web",
	"what" };

struct loader {
	struct site  *site;
	struct arena *a;
	bool staff_ok; /* staff.yaml loaded, so authors can be checked */
};

static struct value *load_agencies(struct loader *, struct value *);

enum {
	MAX_ADDRESS = 10,  /* lines of an address */
	MAX_PREFERS = 100, /* words a person would rather we did not use */
};

/* Warn about keys of 'map' that are not in 'keys'. */
static void
check_keys(const struct value *map, const char *const *keys, size_t n,
    const char *where)
{
	size_t	    i, k;
	const char *key, *near;

	for (i = 0; i < value_count(map); i++) {
		key = value_key(map, i)->str;
		if (strcmp(key, "id") == 0)
			continue; /* added by add_ids() */
		for (k = 0; k < n; k++)
			if (strcmp(key, keys[k]) == 0)
				break;
		if (k < n)
			continue;
		near = util_closest(key, keys, n);
		if (near != NULL)
			diag_warning(&value_key(map, i)->pos, "unknown-field",
			    "unknown field '%s' in %s (did you mean '%s'?)",
			    key, where, near);
		else
			diag_warning(&value_key(map, i)->pos, "unknown-field",
			    "unknown field '%s' in %s is ignored", key, where);
	}
}

/* What an id names, for messages. */
struct idkind {
	const char *what;  /* "person" */
	const char *whose; /* "a person's" */
	const char *like;  /* an id to write instead */
};

static const struct idkind person_ids = { "person", "a person's",
	"their first name ('kay')" };
static const struct idkind staff_ids = { "staff", "a staff member's",
	"'sw-' and their first name ('sw-priya')" };
static const struct idkind agency_ids = { "agency", "an agency's",
	"a word or two of its name ('school')" };

/*
 * An id is a-z, 0-9 and '-', and not a word kindly reads with a
 * meaning of its own (a role, 'record', 'at-10', ...): a person called
 * 'record' would be given the record's own text.
 */
static int
check_id(struct loader *ld, const struct value *key, const struct idkind *ik)
{
	const char *means;

	if (!util_id_ok(key->str, key->len))
		return diag_error(&key->pos,
		    "%s id '%s' should use only a-z, 0-9 and '-', starting "
		    "with a letter (for example 'mum' or 'sw-priya')",
		    ik->what, key->str);
	if ((means = kind_reserved(ld->a, key->str)) != NULL)
		return diag_error(&key->pos,
		    "'%s' is %s, so it cannot be %s id; use another, like %s",
		    key->str, means, ik->whose, ik->like);
	return 0;
}

/* A required text field of 'map'; NULL after reporting. */
static const struct value *
need_text(const struct value *map, const char *key, const char *where)
{
	const struct value *v = value_get(map, key);

	if (v == NULL || v->type == VALUE_NULL) {
		diag_error(&map->pos, "%s has no '%s' (add '%s: ...')", where,
		    key, key);
		return NULL;
	}
	if (value_expect(v, VALUE_STRING, key) == -1)
		return NULL;
	return v;
}

/*
 * A required field of the envelope that names something: a kind, a
 * member of staff.  'want' says what it should be and 'like' is an
 * example.  NULL after reporting.
 */
static const struct value *
need_name(const struct value *map, const char *key, const char *want,
    const char *like)
{
	const struct value *v = value_get(map, key);

	if (v == NULL || v->type == VALUE_NULL) {
		diag_error(&map->pos,
		    "this document has no '%s' (add '%s: %s')", key, key, like);
		return NULL;
	}
	if (v->type != VALUE_STRING) {
		diag_error(&v->pos,
		    "'%s' should be %s, not %s (write '%s: %s')", key, want,
		    value_type_name(v), key, like);
		return NULL;
	}
	return v;
}

/* True if 'key' of 'map' is written, and not empty. */
static bool
given(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	return v != NULL && v->type != VALUE_NULL;
}

/* An optional text field; -1 after reporting if it is not text. */
static int
opt_text(const struct value *map, const char *key)
{
	const struct value *v = value_get(map, key);

	if (v == NULL || v->type == VALUE_NULL)
		return 0;
	return value_expect(v, VALUE_STRING, key);
}

/* Read a YAML file of the site; NULL after reporting. */
static struct value *
load_yaml(struct loader *ld, const char *rel, bool required)
{
	const char   *path = arena_printf(ld->a, "%s/%s", ld->site->root, rel);
	const char   *shown = arena_strdup(ld->a, rel);
	char	     *buf;
	size_t	      len, bad;
	struct srcpos pos = { shown, 0, 0 };

	value_closest_reset(); /* "did you mean" has a budget a file */
	if (fsio_type(path) == FSIO_NONE) {
		if (required)
			diag_error(&pos,
			    "file is missing (every site needs %s)", rel);
		return NULL;
	}
	if ((buf = fsio_read(ld->a, path, shown, &len)) == NULL)
		return NULL;
	if ((bad = util_utf8_check(buf, len)) != len) {
		util_line_col(buf, bad, &pos.line, &pos.col);
		diag_error(&pos,
		    "this is not UTF-8 text (save the file as UTF-8)");
		return NULL;
	}
	return data_load(ld->a, shown, 1, buf, len);
}

/*
 * The 'web:' of a contact or agency goes into an href on every page and
 * in every book: it must be a web address (url.h).
 */
static void
check_web(struct arena *a, const struct value *map)
{
	const struct value *v = value_get(map, "web");
	const char	   *why;

	if (v != NULL && v->type == VALUE_STRING &&
	    (why = url_check(v->str, v->len, URL_ADDRESS)) != NULL)
		diag_error(&v->pos, "'web' is '%s', %s",
		    url_shown(a, v->str, v->len), why);
}

static void
load_contacts(struct loader *ld, const struct value *list)
{
	const struct value *c;
	size_t		    i, k;

	if (list == NULL || list->type == VALUE_NULL ||
	    value_expect(list, VALUE_SEQ, "contacts") == -1)
		return;
	for (i = 0; i < list->n; i++) {
		c = list->items[i];
		if (value_expect(c, VALUE_MAP, "a contact") == -1)
			continue;
		check_keys(c, contact_keys, LEN(contact_keys), "a contact");
		if (need_text(c, "name", "this contact") == NULL)
			continue;
		for (k = 0; k < LEN(contact_keys); k++)
			if (strcmp(contact_keys[k], "name") != 0)
				opt_text(c, contact_keys[k]);
		check_web(ld->a, c);
		if (!given(c, "phone") && !given(c, "email") &&
		    !given(c, "web"))
			diag_error(&c->pos,
			    "contact '%s' has no way to reach it (add "
			    "'phone:', "
			    "'email:' or 'web:')",
			    value_str(value_get(c, "name")));
	}
}

static bool
language_ok(const char *s)
{
	size_t i, run = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '-') {
			if (run == 0)
				return false;
			run = 0;
		} else if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			run++;
		else
			return false;
		if (run > 8)
			return false;
	}
	return run > 0 && i >= 2;
}

/* A reading age: a whole number of years from 4 to 25. */
static void
check_age(const struct value *v, const char *what)
{
	const char *s = value_str(v);
	size_t	    n = s == NULL ? 0 : strspn(s, "0123456789");
	long	    age = n > 0 && n <= 2 ? strtol(s, NULL, 10) : 0;

	if (s == NULL || n == 0 || s[n] != '\0' || age < 4 || age > 25)
		diag_error(&v->pos,
		    "%s should be an age in years from 4 to 25, like 9", what);
}

/* site.yaml 'reading-age': a map from role to reading age. */
static void
load_reading_ages(struct site *s, const struct value *m)
{
	const struct value *k;
	size_t		    i;

	if (m == NULL || value_expect(m, VALUE_MAP, "reading-age") == -1)
		return;
	for (i = 0; i < value_count(m); i++) {
		k = value_key(m, i);
		if (!kind_is_role(k->str))
			diag_error(&k->pos,
			    "'%s' is not a role (write one of child, "
			    "young-person, parent, carer, family, other)",
			    k->str);
		check_age(value_at(m, i), "a role's 'reading-age'");
	}
	s->reading_ages = m;
}

/* The built-in lexicon for the site's language, and lexicon.yaml. */
static void
load_lexicon(struct loader *ld)
{
	struct site *s = ld->site;
	const char  *path = arena_printf(ld->a, "%s/lexicon.yaml", s->root);
	char	    *buf;
	size_t	     len;

	if (lexicon_builtin(&s->lexicon, ld->a, s->language) == -1 &&
	    lexicon_builtin(&s->lexicon, ld->a, "en-GB") == -1)
		return;
	if (fsio_type(path) == FSIO_NONE ||
	    (buf = fsio_read(ld->a, path, "lexicon.yaml", &len)) == NULL)
		return;
	(void)lexicon_merge(&s->lexicon, ld->a, "lexicon.yaml", buf, len);
}

static void
load_conf(struct loader *ld)
{
	struct site	   *s = ld->site;
	struct value	   *conf = load_yaml(ld, "site.yaml", true);
	const struct value *v;
	size_t		    i;

	if (conf == NULL || value_expect(conf, VALUE_MAP, "site.yaml") == -1)
		return;
	s->conf = conf;
	check_keys(conf, site_keys, LEN(site_keys), "site.yaml");
	need_text(conf, "name", "site.yaml");
	opt_text(conf, "service");
	s->language = "en-GB";
	v = value_get(conf, "language");
	if (v != NULL && value_expect(v, VALUE_STRING, "language") == 0) {
		if (language_ok(v->str))
			s->language = v->str;
		else
			diag_error(&v->pos,
			    "'%s' is not a language tag (write one like "
			    "'en-GB' or 'cy')",
			    v->str);
	}
	s->theme = "default";
	s->theme_name = value_new_string(ld->a, &conf->pos, "default");
	v = value_get(conf, "theme");
	if (v != NULL && value_expect(v, VALUE_STRING, "theme") == 0) {
		s->theme = v->str;
		s->theme_name = (struct value *)v;
	}
	v = value_get(conf, "address");
	if (v != NULL && v->type != VALUE_NULL &&
	    value_expect(v, VALUE_SEQ, "address") == 0)
		for (i = 0; i < v->n; i++)
			value_expect(v->items[i], VALUE_STRING,
			    "an address line");
	load_contacts(ld, value_get(conf, "contacts"));
	s->agencies = load_agencies(ld, conf);
	load_reading_ages(s, value_get(conf, "reading-age"));
}

/*
 * Add "id" to each person map of 'people', checking the ids.  One that
 * is wrong, or not a map, gets no "id": the checks of its fields skip
 * it, but it stays, so that what names it is not reported again.
 */
static void
add_ids(struct loader *ld, struct value *people, const struct idkind *ik)
{
	size_t i;

	for (i = 0; i < value_count(people); i++) {
		const struct value *k = value_key(people, i), *id;
		struct value	   *p = value_at(people, i);

		if (check_id(ld, k, ik) == -1 ||
		    value_expect(p, VALUE_MAP, k->str) == -1)
			continue;
		if ((id = value_get_key(p, "id")) != NULL) {
			diag_error(&id->pos,
			    "'id' is taken from the key above it; remove this "
			    "line");
			continue;
		}
		value_set(ld->a, p, "id",
		    value_new_string(ld->a, &k->pos, k->str));
	}
}

/* agencies: id -> {name, phone, email, web, what}; an empty map if none. */
static struct value *
load_agencies(struct loader *ld, struct value *parent)
{
	struct value *m = value_get(parent, "agencies");
	size_t	      i, k;

	if (m == NULL || m->type == VALUE_NULL ||
	    value_expect(m, VALUE_MAP, "agencies") == -1)
		return value_new(ld->a, VALUE_MAP, NULL);
	add_ids(ld, m, &agency_ids);
	for (i = 0; i < value_count(m); i++) {
		const struct value *g = value_at(m, i);

		if (value_get(g, "id") == NULL)
			continue; /* its id was wrong, and reported */
		check_keys(g, agency_keys, LEN(agency_keys), "an agency");
		need_text(g, "name", "this agency");
		for (k = 1; k < LEN(agency_keys); k++)
			opt_text(g, agency_keys[k]);
		check_web(ld->a, g);
	}
	return m;
}

static void
load_staff(struct loader *ld)
{
	struct site  *s = ld->site;
	struct value *staff = load_yaml(ld, "staff.yaml", true);
	size_t	      i, k;

	if (staff == NULL ||
	    value_expect(staff, VALUE_MAP, "staff.yaml") == -1) {
		s->staff = value_new(ld->a, VALUE_MAP, NULL);
		return;
	}
	s->staff = staff;
	ld->staff_ok = true;
	add_ids(ld, staff, &staff_ids);
	for (i = 0; i < value_count(staff); i++) {
		const struct value *p = value_at(staff, i);

		if (value_get(p, "id") == NULL)
			continue; /* its id was wrong, and reported */
		check_keys(p, staff_keys, LEN(staff_keys), "a staff member");
		need_text(p, "name", "this staff member");
		for (k = 0; k < LEN(staff_keys); k++)
			if (strcmp(staff_keys[k], "name") != 0)
				opt_text(p, staff_keys[k]);
	}
}

/*
 * 'relationship': what the children call this person ("mum"), or a map
 * from the id of each person in the case to what they call them.
 */
static void
check_relationship(const struct value *people, const struct value *v)
{
	const struct value *k;
	size_t		    i;

	if (v == NULL || v->type == VALUE_STRING)
		return;
	if (v->type != VALUE_MAP) {
		diag_error(&v->pos,
		    "'relationship' should be what the children call this "
		    "person ('mum'), or a map from a child's id to it");
		return;
	}
	for (i = 0; i < value_count(v); i++) {
		k = value_key(v, i);
		if (value_get(people, k->str) == NULL) {
			const char *near =
			    value_closest_key(&people, 1, k->str);

			diag_error(&k->pos,
			    "'%s' in 'relationship' is not a person in "
			    "case.yaml%s%s%s",
			    k->str, near ? " (did you mean '" : "",
			    near ? near : "", near ? "'?)" : "");
		} else if (value_at(v, i)->type != VALUE_STRING ||
		    value_at(v, i)->len == 0)
			diag_error(&value_at(v, i)->pos,
			    "write what '%s' calls this person, like '%s: "
			    "mum'",
			    k->str, k->str);
	}
}

static void
check_person(struct loader *ld, const struct value *people,
    const struct value *p)
{
	const struct value *v;
	struct date	    d;
	size_t		    i;

	check_keys(p, person_keys, LEN(person_keys), "a person");
	need_text(p, "name", "this person");
	opt_text(p, "known-as");
	opt_text(p, "pronouns");
	opt_text(p, "language");
	if ((v = value_get(p, "born")) != NULL)
		value_date(v, "born", &d);
	if ((v = need_text(p, "role", "this person")) != NULL) {
		if (!kind_is_role(v->str)) {
			const char *near =
			    value_closest(v->str, kind_roles, kind_nroles);

			diag_error(&v->pos,
			    "role '%s' is not one kindly knows (write one of "
			    "%s)%s%s%s",
			    v->str,
			    arena_join(ld->a, kind_roles, kind_nroles, ", ",
				", "),
			    near ? "; did you mean '" : "", near ? near : "",
			    near ? "'?" : "");
		}
	}
	check_relationship(people, value_get(p, "relationship"));
	v = value_get(p, "address");
	if (v != NULL && v->type != VALUE_NULL &&
	    value_expect(v, VALUE_SEQ, "address") == 0) {
		if (v->n > MAX_ADDRESS)
			diag_error(&v->items[MAX_ADDRESS]->pos,
			    "an address has at most %d lines; this is line "
			    "%d (join lines, or leave some out)",
			    MAX_ADDRESS, MAX_ADDRESS + 1);
		for (i = 0; i < v->n && i <= MAX_ADDRESS; i++)
			value_expect(v->items[i], VALUE_STRING,
			    "an address line");
	}
	if ((v = value_get(p, "reading-age")) != NULL)
		check_age(v, "'reading-age'");
	v = value_get(p, "prefers");
	if (v != NULL && value_expect(v, VALUE_MAP, "prefers") == 0) {
		if (value_count(v) > MAX_PREFERS)
			diag_error(&value_key(v, MAX_PREFERS)->pos,
			    "a person can list at most %d words they would "
			    "rather we did not use; this is word %d (keep "
			    "the ones that matter most)",
			    MAX_PREFERS, MAX_PREFERS + 1);
		for (i = 0; i < value_count(v) && i <= MAX_PREFERS; i++)
			if (value_key(v, i)->len == 0 ||
			    value_str(value_at(v, i)) == NULL ||
			    *value_at(v, i)->str == '\0')
				diag_error(&value_at(v, i)->pos,
				    "write the word this person would rather "
				    "we used, like 'contact: family time'");
	}
	v = value_get(p, "needs");
	if (v != NULL && v->type != VALUE_NULL &&
	    value_expect(v, VALUE_SEQ, "needs") == 0)
		for (i = 0; i < v->n; i++)
			value_expect(v->items[i], VALUE_STRING, "a need");
}

/* Report an id that names nobody in 'map', with a likely correction. */
static void
unknown_id(const struct value *id, const struct value *map, const char *what,
    const char *file)
{
	const char *near = value_closest_key(&map, 1, id->str);

	if (near != NULL)
		diag_error(&id->pos, "%s '%s' is not %s (did you mean '%s'?)",
		    what, id->str, file, near);
	else
		diag_error(&id->pos, "%s '%s' is not %s", what, id->str, file);
}

static bool
slug_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || s[0] == '.' || s[0] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= 'A' && s[i] <= 'Z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
			s[i] == '_' || s[i] == '.'))
			return false;
	return true;
}

/*
 * meta.allow: warning codes this document may break, each with the
 * reason, which stays in the document for whoever reads it next.
 */
static void
load_allow(struct loader *ld, struct doc *d)
{
	const struct value *m = value_get(d->meta, "allow"), *k, *why;
	const char	  **codes;
	const char	   *near;
	size_t		    i, j;

	if (m == NULL || value_expect(m, VALUE_MAP, "allow") == -1)
		return;
	codes = arena_alloc(ld->a, (value_count(m) + 1) * sizeof(*codes));
	for (i = 0; i < value_count(m); i++) {
		k = value_key(m, i);
		why = value_at(m, i);
		for (j = 0; j < diag_ncodes; j++)
			if (strcmp(k->str, diag_codes[j]) == 0)
				break;
		if (j == diag_ncodes) {
			near = util_closest(k->str, diag_codes, diag_ncodes);
			diag_error(&k->pos,
			    "'%s' is not a warning's code (README lists "
			    "them)%s%s%s",
			    k->str, near ? "; did you mean '" : "",
			    near ? near : "", near ? "'?" : "");
			continue;
		}
		if (value_str(why) == NULL || why->len < 3) {
			diag_error(&why->pos,
			    "say why '%s' is allowed here, in words, like "
			    "'%s: the court's own words, quoted'",
			    k->str, k->str);
			continue;
		}
		codes[d->nallow++] = k->str;
	}
	d->allow = codes;
}

/*
 * meta.readers: a list of ids of people in case.yaml.  Returns the ids
 * that are text, each once (a list of STRING values), or NULL if there
 * are none; every other item is reported, and so is each repeat.  Sets
 * d->reader_set to the same ids as a set.
 */
static const struct value *
load_readers(struct loader *ld, struct family *f, struct doc *d)
{
	const struct value *v = value_get(d->meta, "readers"), *r, *first;
	struct value	   *ids, *seen;
	const char	   *file;
	size_t		    i;

	if (v == NULL || v->type == VALUE_NULL) {
		diag_error(&d->meta->pos,
		    "this document has no 'readers' (add 'readers: [id, ...]' "
		    "with the people it is written to)");
		return NULL;
	}
	if (v->type == VALUE_SEQ && v->n == 0) {
		diag_error(&v->pos,
		    "'readers' is empty (name the people this is written to)");
		return NULL;
	}
	if (value_expect(v, VALUE_SEQ, "readers") == -1)
		return NULL;
	ids = value_new(ld->a, VALUE_SEQ, &v->pos);
	seen = value_new(ld->a, VALUE_MAP, &v->pos);
	file = arena_printf(ld->a, "a person in %s/case.yaml", f->shown);
	for (i = 0; i < v->n; i++) {
		r = v->items[i];
		if (r->type != VALUE_STRING) {
			diag_error(&r->pos,
			    "each reader should be the id of a person in "
			    "case.yaml, not %s (write their id, like '%s', or "
			    "delete this one)",
			    value_type_name(r),
			    value_count(f->people) > 0
				? value_key(f->people, 0)->str
				: "kay");
			continue;
		}
		if ((first = value_get_key(seen, r->str)) != NULL) {
			diag_error(&r->pos,
			    "reader '%s' is named again (delete this one)",
			    r->str);
			diag_note(&first->pos, "'%s' is first named here",
			    r->str);
			continue;
		}
		value_add(ld->a, seen, (struct value *)r, (struct value *)r);
		if (value_get(f->people, r->str) == NULL)
			unknown_id(r, f->people, "reader", file);
		value_push(ld->a, ids, (struct value *)r);
	}
	d->reader_set = seen;
	return ids->n > 0 ? ids : NULL;
}

static void
check_doc(struct loader *ld, struct family *f, struct doc *d)
{
	struct site	   *s = ld->site;
	const struct value *v;
	const char	   *near;
	const char	  **names;
	struct check_env    env;

	v = need_name(d->meta, "kind", "the name of a kind", "letter");
	if (v != NULL && (d->kind = kinds_find(&s->kinds, v->str)) == NULL) {
		names = kinds_names(&s->kinds, ld->a);
		if ((near = value_closest(v->str, names, s->kinds.n)) != NULL)
			diag_error(&v->pos,
			    "kind '%s' is not one kindly knows (did you mean "
			    "'%s'?)",
			    v->str, near);
		else
			diag_error(&v->pos,
			    "kind '%s' is not one kindly knows (write one of "
			    "%s)",
			    v->str,
			    arena_join(ld->a, names, s->kinds.n, ", ", ", "));
	}
	if (check_todo(d->meta) > 0)
		return; /* a scaffold: the rest would only repeat it */
	v = value_get(d->meta, "date");
	if (v == NULL || v->type == VALUE_NULL)
		diag_error(&d->meta->pos,
		    "this document has no 'date' (add 'date: YYYY-MM-DD')");
	else if (value_date(v, "date", &d->date) == 0)
		d->date_ok = true;
	v = value_get(d->meta, "title");
	if (v != NULL && v->type != VALUE_NULL &&
	    value_expect(v, VALUE_STRING, "title") == 0)
		d->title = v->str;
	opt_text(d->meta, "reference");
	d->readers = load_readers(ld, f, d);
	v = need_name(d->meta, "author",
	    "the id of a member of staff in staff.yaml",
	    value_count(s->staff) > 0 ? value_key(s->staff, 0)->str
				      : "sw-priya");
	if (v != NULL && ld->staff_ok &&
	    value_get(ld->site->staff, v->str) == NULL)
		unknown_id(v, ld->site->staff, "author",
		    "a member of staff in staff.yaml");
	if (d->kind == NULL)
		return;
	load_allow(ld, d);
	diag_allow(d->allow, d->nallow);
	d->ages = check_read_at(d->kind, d->meta, ld->a, &d->nages);
	env = (struct check_env){ ld->a, d->path, f->people, s->staff,
		s->agencies, f->agencies, d->readers,
		d->date_ok ? &d->date : NULL, d->ages, d->nages,
		d->kind->read_at && d->ages == NULL, d->body, d->blen, d->bline,
		&d->scope, d->reader_set };
	check_doc_kind(d->kind, d->meta, &env);
	diag_allow(NULL, 0);
}

static void
load_doc(struct loader *ld, struct family *f, const char *name)
{
	struct doc   *d = arena_alloc(ld->a, sizeof(*d));
	const char   *path = arena_printf(ld->a, "%s/%s", f->dir, name);
	const char   *yaml;
	char	     *buf;
	size_t	      len, ylen, bad, slen = strlen(name) - 3, errors;
	struct srcpos pos;

	value_closest_reset(); /* "did you mean" has a budget a file */
	d->family = f;
	d->path = arena_printf(ld->a, "%s/%s", f->shown, name);
	d->slug = arena_strndup(ld->a, name, slen);
	pos = (struct srcpos){ d->path, 0, 0 };
	if (!slug_ok(name, slen)) {
		diag_error(&pos,
		    "the file name becomes part of a web address, so use only "
		    "letters, digits, '-', '_' and '.' (for example "
		    "2025-03-14-letter.md)");
		return;
	}
	if ((buf = fsio_read(ld->a, path, d->path, &len)) == NULL) {
		return;
	}
	if ((bad = util_utf8_check(buf, len)) != len) {
		util_line_col(buf, bad, &pos.line, &pos.col);
		diag_error(&pos,
		    "this is not UTF-8 text (save the file as UTF-8)");
		return;
	}
	if (!content_split(buf, len, &yaml, &ylen, &d->body, &d->blen,
		&d->bline)) {
		pos.line = 1;
		diag_error(&pos,
		    "the front matter starting here has no closing '---' line");
		return;
	}
	if (yaml == NULL) {
		pos.line = 1;
		diag_error(&pos,
		    "a document starts with front matter: a '---' line, "
		    "'kind:', 'date:', 'readers:' and 'author:', then '---'");
		return;
	}
	if ((d->meta = data_load(ld->a, d->path, 2, yaml, ylen)) == NULL) {
		return;
	}
	if (d->meta->type == VALUE_NULL) {
		pos.line = 1;
		diag_error(&pos,
		    "the front matter is empty (add 'kind:', 'date:', "
		    "'readers:' and 'author:')");
		return;
	}
	if (d->meta->type != VALUE_MAP) {
		pos.line = 2;
		diag_error(&pos,
		    "the front matter should be fields like 'kind: letter', "
		    "one to a line");
		return;
	}
	errors = diag_count(DIAG_ERROR);
	(void)scope_parse(ld->a, d->path, d->bline, d->body, d->blen,
	    &d->scope);
	check_doc(ld, f, d);
	d->ok = d->kind != NULL && diag_count(DIAG_ERROR) == errors;
	f->docs =
	    arena_grow(ld->a, f->docs, f->ndocs, &f->cap, sizeof(*f->docs));
	f->docs[f->ndocs++] = d;
}

static void
load_family(struct loader *ld, struct family *f)
{
	struct value *c =
	    load_yaml(ld, arena_printf(ld->a, "%s/case.yaml", f->shown), true);
	char **names;
	size_t n, i, len, errors;
	bool   people_ok;

	f->people = value_new(ld->a, VALUE_MAP, NULL);
	f->agencies = value_new(ld->a, VALUE_MAP, NULL);
	if (c == NULL) {
		return;
	}
	if (value_expect(c, VALUE_MAP, "case.yaml") == -1) {
		return;
	}
	check_keys(c, case_keys, LEN(case_keys), "case.yaml");
	if (value_get(c, "people") == NULL) {
		diag_error(&c->pos,
		    "case.yaml has no 'people' (add 'people:' "
		    "with each person under their id)");
		return;
	}
	if (value_expect(value_get(c, "people"), VALUE_MAP, "people") == -1) {
		return;
	}
	f->people = value_get(c, "people");
	f->agencies = load_agencies(ld, c);
	errors = diag_count(DIAG_ERROR);
	add_ids(ld, f->people, &person_ids);
	for (i = 0; i < value_count(f->people); i++)
		if (value_get(value_at(f->people, i), "id") != NULL)
			check_person(ld, f->people, value_at(f->people, i));
	(void)hide_check_people(ld->a, f->people);
	people_ok = diag_count(DIAG_ERROR) == errors;
	if ((names = fsio_list(ld->a, f->dir, f->shown, &n)) == NULL) {
		return;
	}
	for (i = 0; i < n; i++) {
		len = strlen(names[i]);
		if (len > 3 && strcmp(names[i] + len - 3, ".md") == 0)
			load_doc(ld, f, names[i]);
	}
	for (i = 0; people_ok && i < f->ndocs; i++)
		if (f->docs[i]->ok)
			(void)audience_check(ld->a, ld->site, f->docs[i]);
}

struct srcpos
doc_pos(const struct doc *d, const struct value *v, const char *s, size_t off)
{
	unsigned line, col;

	util_line_col(s, off, &line, &col);
	return doc_pos_at(d, v, line, col);
}

struct srcpos
doc_pos_at(const struct doc *d, const struct value *v, unsigned line,
    unsigned col)
{
	struct srcpos pos = { d->path, d->bline, 0 };

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

int
site_load_base(struct site *s, struct arena *a, const char *root)
{
	struct loader ld = { s, a, false };
	size_t	      errors0 = diag_count(DIAG_ERROR);
	const char   *cases;
	char	    **names;
	size_t	      n, i, cap = 0;
	struct srcpos pos = { root, 0, 0 };

	memset(s, 0, sizeof(*s));
	s->root = root;
	s->agencies = value_new(a, VALUE_MAP, NULL);
	fsio_site(root); /* below it, no link is followed */
	if (!fsio_is_dir(root))
		return diag_error(&pos, "there is no site folder here");
	if (fsio_type(arena_printf(a, "%s/site.yaml", root)) == FSIO_NONE)
		return diag_error(&pos,
		    "this is not a kindly site: it has no site.yaml");
	if (kinds_load(&s->kinds, a, root) == -1)
		return -1;
	load_conf(&ld);
	load_lexicon(&ld);
	load_staff(&ld);
	s->staff_ok = ld.staff_ok;
	cases = arena_printf(a, "%s/cases", root);
	if (fsio_type(cases) == FSIO_NONE)
		return diag_count(DIAG_ERROR) > errors0 ? -1 : 0;
	if ((names = fsio_list(a, cases, "cases", &n)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		struct family *f;
		const char    *dir = arena_printf(a, "%s/%s", cases, names[i]);

		pos = (struct srcpos){ arena_printf(a, "cases/%s", names[i]), 0,
			0 };
		switch (fsio_type(dir)) {
		case FSIO_DIR: break;
		case FSIO_LINK: fsio_link_error(dir, pos.file); continue;
		default: continue; /* a file beside the cases */
		}
		if (!util_id_ok(names[i], strlen(names[i]))) {
			diag_error(&pos,
			    "a case folder's name becomes part of a web "
			    "address, so use only a-z, 0-9 and '-'");
			continue;
		}
		s->families = arena_grow(a, s->families, s->nfamilies, &cap,
		    sizeof(*s->families));
		f = &s->families[s->nfamilies++];
		memset(f, 0, sizeof(*f));
		f->id = names[i];
		f->dir = dir;
		f->shown = pos.file;
	}
	return diag_count(DIAG_ERROR) > errors0 ? -1 : 0;
}

int
site_load_family(struct site *s, struct family *f, struct arena *a)
{
	struct loader ld = { s, a, s->staff_ok };
	size_t	      errors0 = diag_count(DIAG_ERROR);

	f->docs = NULL;
	f->ndocs = f->cap = 0;
	load_family(&ld, f);
	return diag_count(DIAG_ERROR) > errors0 ? -1 : 0;
}

void
site_unload_family(struct family *f)
{
	f->people = f->agencies = NULL;
	f->docs = NULL;
	f->ndocs = f->cap = 0;
}

int
site_load(struct site *s, struct arena *a, const char *root)
{
	size_t errors0 = diag_count(DIAG_ERROR), i;

	(void)site_load_base(s, a,
	    root); /* families: none if it failed early */
	for (i = 0; i < s->nfamilies; i++)
		(void)site_load_family(s, &s->families[i], a);
	return diag_count(DIAG_ERROR) > errors0 ? -1 : 0;
}
