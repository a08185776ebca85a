/* SPDX-License-Identifier: ISC */
/*
 * Phrases are found as whole words, ignoring ASCII case, so "Hunt" is
 * found in "Mrs Hunt's house" but not in "hunting".  A person's phrases
 * are worked out when asked for: a case has a handful of people.
 */
#define DIAG_AREA "privacy"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "diag.h"
#include "hide.h"
#include "kind.h"
#include "util.h"
#include "value.h"

/* What is hidden: the person's 'hide', or both when not given. */
static bool
hides(const struct value *person, const char *what)
{
	const struct value *h = value_get(person, "hide");

	return h == NULL || value_names(h, what);
}

/* The surname: 'surname', or the last word of 'name'; NULL if none. */
static const char *
surname(struct arena *a, const struct value *person)
{
	const char *s = value_str(value_get(person, "surname"));
	const char *name = value_str(value_get(person, "name"));
	const char *sp;

	if (s != NULL || name == NULL)
		return s;
	if ((sp = strrchr(name, ' ')) == NULL || sp[1] == '\0')
		return NULL;
	return arena_strdup(a, sp + 1);
}

static int
check_one(struct arena *a, const struct value *people, const struct value *p)
{
	const struct value *from = value_get(p, "hidden-from");
	const struct value *hide = value_get(p, "hide");
	const struct value *v;
	const char	   *id = value_str(value_get(p, "id"));
	size_t		    i, n;
	int		    rc = 0;

	if ((v = value_get(p, "surname")) != NULL &&
	    (value_str(v) == NULL || v->len == 0))
		rc = diag_error(&v->pos,
		    "'surname' should be the person's family name, like "
		    "'surname: Hunt'");
	if (from == NULL) {
		if (hide != NULL)
			rc = diag_error(&hide->pos,
			    "'hide' says what to hide, but not from whom: add "
			    "'hidden-from: [mum, dad]' (reader ids or roles)");
		return rc;
	}
	n = from->type == VALUE_SEQ ? from->n : 1;
	if ((from->type != VALUE_SEQ && from->type != VALUE_STRING) || n == 0)
		return diag_error(&from->pos,
		    "'hidden-from' should name who must not see this "
		    "person's details: reader ids or roles, like "
		    "'hidden-from: [mum, dad]'");
	for (i = 0; i < n; i++) {
		v = from->type == VALUE_SEQ ? from->items[i] : from;
		if (value_expect(v, VALUE_STRING,
			"each name in 'hidden-from'") == -1) {
			rc = -1;
			continue;
		}
		if (id != NULL && strcmp(v->str, id) == 0)
			rc = diag_error(&v->pos,
			    "a person cannot be hidden from themselves");
		else if (value_get(people, v->str) == NULL &&
		    !kind_is_role(v->str)) {
			const char *near =
			    value_closest_key(&people, 1, v->str);

			rc = diag_error(&v->pos,
			    "'%s' is not a person in case.yaml or a role "
			    "(%s)%s%s%s",
			    v->str,
			    arena_join(a, kind_roles, kind_nroles, ", ", ", "),
			    near ? "; did you mean '" : "", near ? near : "",
			    near ? "'?" : "");
		}
	}
	if (hide != NULL) {
		n = hide->type == VALUE_SEQ ? hide->n : 0;
		if (hide->type != VALUE_SEQ || n == 0)
			rc = diag_error(&hide->pos,
			    "'hide' should list what to hide: 'hide: "
			    "[surname, address]'");
		for (i = 0; i < n; i++) {
			v = hide->items[i];
			if (value_str(v) == NULL ||
			    (strcmp(v->str, "surname") != 0 &&
				strcmp(v->str, "address") != 0))
				rc = diag_error(&v->pos,
				    "kindly can hide a person's 'surname' "
				    "and 'address', not '%s'",
				    value_str(v) ? v->str : "this");
		}
	}
	if (hides(p, "surname") && surname(a, p) == NULL)
		rc = diag_error(&from->pos,
		    "this person's name has no surname to hide; add "
		    "'surname:', or 'hide: [address]'");
	return rc;
}

int
hide_check_people(struct arena *a, const struct value *people)
{
	size_t i;
	int    rc = 0;

	for (i = 0; i < value_count(people); i++)
		if (check_one(a, people, value_at(people, i)) == -1)
			rc = -1;
	return rc;
}

bool
hide_from(const struct value *person, const struct value *reader)
{
	const struct value *from = value_get(person, "hidden-from");
	const char	   *rid = value_str(value_get(reader, "id"));
	const char	   *pid = value_str(value_get(person, "id"));

	if (from == NULL || rid == NULL ||
	    (pid != NULL && strcmp(rid, pid) == 0))
		return false;
	return value_names(from, rid) ||
	    value_names(from, value_str(value_get(reader, "role")));
}

struct phrases {
	struct arena	   *a;
	struct hide_phrase *all;
	size_t		    n, cap;
};

static void
add(struct phrases *ph, const char *s, size_t len, const char *what)
{
	size_t i;

	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return;
	for (i = 0; i < ph->n; i++)
		if (strlen(ph->all[i].text) == len &&
		    strncasecmp(ph->all[i].text, s, len) == 0)
			return;
	ph->all = arena_grow(ph->a, ph->all, ph->n, &ph->cap, sizeof(*ph->all));
	ph->all[ph->n].text = arena_strndup(ph->a, s, len);
	ph->all[ph->n++].what = what;
}

/* A UK postcode at 's' ("RF3 4QT"): its length, or 0. */
static size_t
postcode(const char *s, size_t len)
{
	size_t i = 0, k;

	for (k = 0; i < len && k < 2 && isupper((unsigned char)s[i]); k++)
		i++;
	if (k == 0 || i >= len || !isdigit((unsigned char)s[i++]))
		return 0;
	if (i < len && isalnum((unsigned char)s[i]))
		i++;
	if (i + 4 > len || s[i] != ' ' || !isdigit((unsigned char)s[i + 1]) ||
	    !isupper((unsigned char)s[i + 2]) ||
	    !isupper((unsigned char)s[i + 3]))
		return 0;
	i += 4;
	return i < len && isalnum((unsigned char)s[i]) ? 0 : i;
}

/* The phrases of one address line. */
static void
address_line(struct phrases *ph, const char *line)
{
	const char *p = line, *end, *s;
	size_t	    len, words, n;
	bool	    digit;

	for (s = line; *s != '\0'; s++)
		if ((s == line || !isalnum((unsigned char)s[-1])) &&
		    (n = postcode(s, strlen(s))) > 0)
			add(ph, s, n, "address");
	for (; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		end = p + strcspn(p, ",");
		while (p < end && isspace((unsigned char)*p))
			p++;
		len = (size_t)(end - p);
		for (words = 0, digit = false, s = p; s < end; s++) {
			digit |= isdigit((unsigned char)*s) != 0;
			words += !isspace((unsigned char)*s) &&
			    (s == p || isspace((unsigned char)s[-1]));
		}
		if (digit || words >= 2)
			add(ph, p, len, "address");
		n = strspn(p, "0123456789");
		if (n > 0 && n < len && p[n] == ' ' && words >= 3)
			add(ph, p + n, len - n, "address"); /* the street */
	}
}

struct hide_phrase *
hide_phrases(struct arena *a, const struct value *person, size_t *n)
{
	struct phrases	    ph = { a, NULL, 0, 0 };
	const struct value *addr = value_get(person, "address");
	const char	   *name = value_str(value_get(person, "name"));
	const char	   *s;
	size_t		    i;

	if (hides(person, "surname") && (s = surname(a, person)) != NULL)
		add(&ph, s, strlen(s), "surname");
	if (hides(person, "address"))
		for (i = 0; i < value_count(addr); i++)
			if ((s = value_str(addr->items[i])) != NULL &&
			    (name == NULL || strcasecmp(s, name) != 0))
				address_line(&ph, s);
	*n = ph.n;
	return ph.all;
}

static bool
word_edge(const char *s, size_t len, size_t i)
{
	return i == 0 || i >= len || !isalnum((unsigned char)s[i - 1]) ||
	    !isalnum((unsigned char)s[i]);
}

const struct hide_phrase *
hide_find(const struct hide_phrase *ph, size_t n, const char *s, size_t len,
    size_t *off)
{
	size_t i, k, plen;

	for (i = 0; i < len; i++) {
		if (i > 0 && isalnum((unsigned char)s[i - 1]))
			continue;
		for (k = 0; k < n; k++) {
			plen = strlen(ph[k].text);
			if (plen <= len - i &&
			    strncasecmp(s + i, ph[k].text, plen) == 0 &&
			    word_edge(s, len, i + plen)) {
				*off = i;
				return &ph[k];
			}
		}
	}
	return NULL;
}

/* 'name' without the word 'sur' (and the space before it). */
static const char *
without(struct arena *a, const char *name, const char *sur)
{
	size_t n = strlen(name), k = strlen(sur);

	if (n > k && strcasecmp(name + n - k, sur) == 0 &&
	    name[n - k - 1] == ' ')
		return arena_strndup(a, name, n - k - 1);
	return name;
}

struct value *
hide_people(struct arena *a, const struct value *people,
    const struct value *reader)
{
	struct value *out = value_new(a, VALUE_MAP, &people->pos);
	size_t	      i, k;

	for (i = 0; i < value_count(people); i++) {
		const struct value *p = value_at(people, i);
		const char	   *key = value_key(people, i)->str;
		const char	   *name, *sur;
		struct value	   *q;

		if (!hide_from(p, reader)) {
			value_set(a, out, key, (struct value *)p);
			continue;
		}
		q = value_new(a, VALUE_MAP, &p->pos);
		for (k = 0; k < value_count(p); k++) {
			const char *pk = value_key(p, k)->str;

			if (strcmp(pk, "surname") == 0 ||
			    (strcmp(pk, "address") == 0 && hides(p, pk)) ||
			    strcmp(pk, "name") == 0)
				continue;
			value_set(a, q, pk, value_at(p, k));
		}
		name = value_str(value_get(p, "name"));
		if (name != NULL && hides(p, "surname") &&
		    (sur = surname(a, p)) != NULL)
			name = value_str(value_get(p, "known-as")) != NULL
			    ? value_str(value_get(p, "known-as"))
			    : without(a, name, sur);
		if (name != NULL)
			value_set(a, q, "name",
			    value_new_string(a, &p->pos, name));
		value_set(a, out, key, q);
	}
	return out;
}
