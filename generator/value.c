/* SPDX-License-Identifier: ISC */
/*
 * Maps are arrays of alternating keys and values, in source order.  A
 * map of MAP_INDEXED keys or more also gets an open-addressing hash
 * table of its keys, built as keys are added, so that loading a map
 * and looking keys up are linear however big it is.  Keys are hashed
 * with SipHash-1-3 under a key chosen afresh by each run: keys that a
 * site wrote to collide cannot make lookups slow.  The table is never
 * walked, only asked, so nothing kindly writes depends on that key.
 */
#define _DEFAULT_SOURCE /* getentropy() */
#define DIAG_AREA	"field"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "date.h"
#include "util.h"
#include "value.h"

enum {
	MAP_INDEXED = 8,       /* keys from which a map is hashed */
	NEAR_BUDGET = 1 << 18, /* names "did you mean" compares, a file */
};

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

/* ---- the index of a map's keys ---- */

static uint64_t sip_k0, sip_k1; /* this run's key */
static int	sip_ready;

static uint64_t
rotl(uint64_t x, int b)
{
	return (x << b) | (x >> (64 - b));
}

#define SIPROUND                                                               \
	do {                                                                   \
		v0 += v1;                                                      \
		v1 = rotl(v1, 13) ^ v0;                                        \
		v0 = rotl(v0, 32);                                             \
		v2 += v3;                                                      \
		v3 = rotl(v3, 16) ^ v2;                                        \
		v0 += v3;                                                      \
		v3 = rotl(v3, 21) ^ v0;                                        \
		v2 += v1;                                                      \
		v1 = rotl(v1, 17) ^ v2;                                        \
		v2 = rotl(v2, 32);                                             \
	} while (0)

/* SipHash-1-3 of the NUL-terminated 's', under this run's key. */
static uint64_t
key_hash(const char *s)
{
	uint64_t v0 = sip_k0 ^ 0x736f6d6570736575u;
	uint64_t v1 = sip_k1 ^ 0x646f72616e646f6du;
	uint64_t v2 = sip_k0 ^ 0x6c7967656e657261u;
	uint64_t v3 = sip_k1 ^ 0x7465646279746573u;
	uint64_t m, b;
	size_t	 len = strlen(s), i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&m, s + i, 8);
		v3 ^= m;
		SIPROUND;
		v0 ^= m;
	}
	for (b = (uint64_t)len << 56; i < len; i++)
		b |= (uint64_t)(unsigned char)s[i] << (8 * (i % 8));
	v3 ^= b;
	SIPROUND;
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND;
	SIPROUND;
	SIPROUND;
	return v0 ^ v1 ^ v2 ^ v3;
}

/* A key for this run: from the system, or failing that the clock. */
static void
sip_init(void)
{
	uint64_t k[2];

	if (getentropy(k, sizeof(k)) != 0) {
		k[0] = (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)&k;
		k[1] = (uint64_t)getpid() * 0x9e3779b97f4a7c15u;
	}
	sip_k0 = k[0];
	sip_k1 = k[1];
	sip_ready = 1;
}

/* Put pair 'i' of 'map' in its index, unless its key is there. */
static void
index_put(struct value *map, size_t i)
{
	const char *key = map->items[2 * i]->str;
	size_t	    mask = map->nslots - 1, k;

	for (k = (size_t)key_hash(key) & mask; map->slots[k] != 0;
	     k = (k + 1) & mask)
		if (strcmp(map->items[2 * (map->slots[k] - 1)]->str, key) == 0)
			return; /* the first of a key wins */
	map->slots[k] = i + 1;
}

/* Make the index of 'map' big enough for one more key. */
static void
index_grow(struct arena *a, struct value *map)
{
	size_t n = map->n / 2, i;

	if (n + 1 < MAP_INDEXED || 2 * (n + 1) <= map->nslots)
		return;
	if (!sip_ready)
		sip_init();
	for (map->nslots = 16; map->nslots < 2 * (n + 1);)
		map->nslots *= 2;
	map->slots = arena_alloc(a, map->nslots * sizeof(*map->slots));
	for (i = 0; i < n; i++)
		index_put(map, i);
}

void
value_add(struct arena *a, struct value *map, struct value *key,
    struct value *v)
{
	index_grow(a, map);
	value_push(a, map, key);
	value_push(a, map, v);
	if (map->slots != NULL)
		index_put(map, map->n / 2 - 1);
}

void
value_set(struct arena *a, struct value *map, const char *key, struct value *v)
{
	value_add(a, map, value_new_string(a, &v->pos, key), v);
}

bool
value_add_new(struct arena *a, struct value *set, const char *key)
{
	struct value *k;

	if (value_find(set, key) != SIZE_MAX)
		return false;
	k = value_new_string(a, NULL, key);
	value_add(a, set, k, k);
	return true;
}

size_t
value_find(const struct value *map, const char *key)
{
	size_t i, k, mask;

	if (map == NULL || map->type != VALUE_MAP || key == NULL)
		return SIZE_MAX;
	if (map->slots == NULL) {
		for (i = 0; i + 1 < map->n; i += 2)
			if (strcmp(map->items[i]->str, key) == 0)
				return i / 2;
		return SIZE_MAX;
	}
	mask = map->nslots - 1;
	for (k = (size_t)key_hash(key) & mask; map->slots[k] != 0;
	     k = (k + 1) & mask) {
		i = map->slots[k] - 1;
		if (strcmp(map->items[2 * i]->str, key) == 0)
			return i;
	}
	return SIZE_MAX;
}

struct value *
value_get(const struct value *map, const char *key)
{
	size_t i = value_find(map, key);

	return i == SIZE_MAX ? NULL : map->items[2 * i + 1];
}

const struct value *
value_get_key(const struct value *map, const char *key)
{
	size_t i = value_find(map, key);

	return i == SIZE_MAX ? NULL : map->items[2 * i];
}

const char *
value_get_str(const struct value *map, const char *key)
{
	return value_str(value_get(map, key));
}

void
value_index_make(struct value_index *ix, const struct value *map)
{
	ix->map = map;
}

const struct value *
value_index_get(const struct value_index *ix, const char *key)
{
	return value_get(ix->map, key);
}

void
value_index_free(struct value_index *ix)
{
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
	const char *how;

	if (v != NULL && v->type == t)
		return 0;
	switch (t) {
	case VALUE_STRING:
		how = v == NULL || v->type == VALUE_NULL
		    ? "write it, or delete the line"
		    : "write the words on one line, in quotes if they start "
		      "with '[' or '{'";
		break;
	case VALUE_SEQ:
		how = "write each item on a line of its own starting '- ', or "
		      "[a, b]";
		break;
	case VALUE_MAP:
		how = "write each field on a line of its own under it, "
		      "indented, like 'name: ...'";
		break;
	default: how = "write it again"; break;
	}
	return diag_error(v == NULL ? NULL : &v->pos,
	    "'%s' should be %s, not %s (%s)", what, type_name(t),
	    value_type_name(v), how);
}

int
value_date(const struct value *v, const char *what, struct date *d)
{
	if (v == NULL || v->type != VALUE_STRING)
		return diag_error(v == NULL ? NULL : &v->pos,
		    "'%s' should be a date, like 2025-03-14, not %s", what,
		    value_type_name(v));
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

	if (v == NULL || v->type != VALUE_STRING)
		return diag_error(v == NULL ? NULL : &v->pos,
		    "'%s' should be true or false, not %s", what,
		    value_type_name(v));
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

static size_t near_left = NEAR_BUDGET;

void
value_closest_reset(void)
{
	near_left = NEAR_BUDGET;
}

const char *
value_closest(const char *word, const char *const *cands, size_t n)
{
	if (word == NULL || n > near_left)
		return NULL;
	near_left -= n;
	return util_closest(word, cands, n);
}

const char *
value_closest_key(const struct value *const *maps, size_t n, const char *word)
{
	const char **keys, *near;
	size_t	     i, k, nkeys = 0;

	for (i = 0; i < n; i++)
		if (maps[i] != NULL && maps[i]->type == VALUE_MAP)
			nkeys += value_count(maps[i]);
	if (word == NULL || nkeys > near_left)
		return NULL;
	keys = xreallocarray(NULL, nkeys + 1, sizeof(*keys));
	for (nkeys = 0, i = 0; i < n; i++)
		for (k = 0; maps[i] != NULL && maps[i]->type == VALUE_MAP &&
		     k < value_count(maps[i]);
		     k++)
			keys[nkeys++] = value_key(maps[i], k)->str;
	near = value_closest(word, keys, nkeys);
	free(keys);
	return near;
}
