/* SPDX-License-Identifier: ISC */
/*
 * Maps are arrays of alternating keys and values rather than hash tables:
 * front matter has a dozen keys, source order must be kept for output,
 * and a linear scan of a dozen strings is as fast as hashing them.  A
 * big map read often can be given an index (value_index_make()).
 */
#define DIAG_AREA "field"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "util.h"
#include "value.h"

static const char *const month_names[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

struct value *
value_new(struct arena *a, enum value_type t, const struct srcpos *pos)
{
	struct value *v = arena_alloc(a, sizeof(*v));

	v->type = t;
	if (pos != NULL)
		v->pos = *pos;
	return v;
}

struct value *
value_new_string(struct arena *a, const struct srcpos *pos, const char *s)
{
	struct value *v = value_new(a, VALUE_STRING, pos);

	v->len = strlen(s);
	v->str = arena_strndup(a, s, v->len);
	return v;
}

struct value *
value_new_html(struct arena *a, const char *s, size_t len)
{
	struct value *v = value_new(a, VALUE_HTML, NULL);

	v->str = arena_strndup(a, s, len);
	v->len = len;
	return v;
}

void
value_push(struct arena *a, struct value *seq, struct value *item)
{
	seq->items =
	    arena_grow(a, seq->items, seq->n, &seq->cap, sizeof(*seq->items));
	seq->items[seq->n++] = item;
}

void
value_set(struct arena *a, struct value *map, const char *key, struct value *v)
{
	value_push(a, map, value_new_string(a, &v->pos, key));
	value_push(a, map, v);
}

struct value *
value_get(const struct value *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != VALUE_MAP)
		return NULL;
	for (i = 0; i + 1 < map->n; i += 2)
		if (strcmp(map->items[i]->str, key) == 0)
			return map->items[i + 1];
	return NULL;
}

static size_t
key_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

void
value_index_make(struct value_index *ix, const struct value *map)
{
	size_t i, k,
	    n = map != NULL && map->type == VALUE_MAP ? value_count(map) : 0;

	ix->map = map;
	for (ix->nslots = 16; ix->nslots < 2 * n;)
		ix->nslots *= 2;
	ix->slots = xcalloc(ix->nslots, sizeof(*ix->slots));
	for (i = 0; i < n; i++) {
		const char *key = map->items[2 * i]->str;

		for (k = key_hash(key) & (ix->nslots - 1); ix->slots[k] != 0;
		     k = (k + 1) & (ix->nslots - 1))
			if (strcmp(map->items[ix->slots[k] - 1]->str, key) == 0)
				break; /* the first of a key wins, as in value_get() */
		if (ix->slots[k] == 0)
			ix->slots[k] = 2 * i + 1;
	}
}

const struct value *
value_index_get(const struct value_index *ix, const char *key)
{
	size_t k;

	if (ix->slots == NULL)
		return NULL;
	for (k = key_hash(key) & (ix->nslots - 1); ix->slots[k] != 0;
	     k = (k + 1) & (ix->nslots - 1))
		if (strcmp(ix->map->items[ix->slots[k] - 1]->str, key) == 0)
			return ix->map->items[ix->slots[k]];
	return NULL;
}

void
value_index_free(struct value_index *ix)
{
	free(ix->slots);
	ix->slots = NULL;
	ix->nslots = 0;
	ix->map = NULL;
}

size_t
value_count(const struct value *v)
{
	if (v == NULL)
		return 0;
	if (v->type == VALUE_MAP)
		return v->n / 2;
	if (v->type == VALUE_SEQ)
		return v->n;
	return 0;
}

const struct value *
value_key(const struct value *map, size_t i)
{
	return map->items[2 * i];
}

struct value *
value_at(const struct value *map, size_t i)
{
	return map->items[2 * i + 1];
}

const char *
value_str(const struct value *v)
{
	return v != NULL && v->type == VALUE_STRING ? v->str : NULL;
}

bool
value_names(const struct value *v, const char *s)
{
	size_t i;

	if (v == NULL || s == NULL)
		return false;
	if (v->type == VALUE_STRING)
		return strcmp(v->str, s) == 0;
	for (i = 0; v->type == VALUE_SEQ && i < v->n; i++)
		if (value_str(v->items[i]) != NULL &&
		    strcmp(v->items[i]->str, s) == 0)
			return true;
	return false;
}

static const char *
type_name(enum value_type t)
{
	switch (t) {
	case VALUE_NULL: return "nothing";
	case VALUE_STRING: return "text";
	case VALUE_SEQ: return "a list";
	case VALUE_MAP: return "a map of names to values";
	case VALUE_HTML: return "HTML";
	}
	return "?";
}

const char *
value_type_name(const struct value *v)
{
	return v == NULL ? "missing" : type_name(v->type);
}

int
value_expect(const struct value *v, enum value_type t, const char *what)
{
	if (v != NULL && v->type == t)
		return 0;
	return diag_error(v == NULL ? NULL : &v->pos,
	    "'%s' should be %s, not %s", what, type_name(t),
	    value_type_name(v));
}

int
value_date(const struct value *v, const char *what, struct date *d)
{
	if (value_expect(v, VALUE_STRING, what) == -1)
		return -1;
	switch (date_parse(v->str, v->len, d)) {
	case DATE_OK: return 0;
	case DATE_NO_DAY:
		if (d->month >= 1 && d->month <= 12)
			return diag_error(&v->pos,
			    "'%s' is not a real date: %s %d has %d days",
			    v->str, month_names[d->month - 1], d->year,
			    date_days_in_month(d->year, d->month));
		return diag_error(&v->pos,
		    "'%s' is not a real date: there is no month %d", v->str,
		    d->month);
	case DATE_NO_YEAR:
		return diag_error(&v->pos,
		    "'%s' is not a real date: there is no year 0 (write the "
		    "year in full, like 2025)",
		    v->str);
	case DATE_FORM: break;
	}
	return diag_error(&v->pos,
	    "'%s' for '%s' is not a date (write it as YYYY-MM-DD, for "
	    "example 2025-03-14)",
	    v->str, what);
}

int
value_bool(const struct value *v, const char *what, bool *out)
{
	static const char *const yes[] = { "true", "True", "TRUE" };
	static const char *const no[] = { "false", "False", "FALSE" };
	size_t			 i;

	if (value_expect(v, VALUE_STRING, what) == -1)
		return -1;
	for (i = 0; i < 3; i++) {
		if (strcmp(v->str, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcmp(v->str, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return diag_error(&v->pos, "'%s' should be true or false, not '%s'",
	    what, v->str);
}

const char *
value_closest_key(struct arena *a, const struct value *const *maps, size_t n,
    const char *word)
{
	const char **keys;
	size_t	     i, k, nkeys = 0;

	for (i = 0; i < n; i++)
		nkeys += value_count(maps[i]);
	keys = arena_alloc(a, (nkeys + 1) * sizeof(*keys));
	for (nkeys = 0, i = 0; i < n; i++)
		for (k = 0; k < value_count(maps[i]); k++)
			keys[nkeys++] = value_key(maps[i], k)->str;
	return util_closest(word, keys, nkeys);
}
