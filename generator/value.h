/* SPDX-License-Identifier: ISC */
/*
 * The dynamic value tree that every YAML file becomes, and the values the
 * build makes for templates.  Each node keeps the place it came from, so
 * that any later check can point at the exact line and column.  Scalars
 * stay strings; typed accessors read them on request and report problems
 * at the value's position.  Maps keep their source order; a map of more
 * than a few keys also has a hash index of them, so that a lookup costs
 * the same in a map of ten keys or of a million.
 *
 * Values live in an arena; none of these functions frees anything.
 * Every read takes any value (or NULL) and answers for it: a read of
 * the wrong type finds nothing rather than failing.
 */
#ifndef VALUE_H
#define VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;
struct date;

enum value_type {
	VALUE_NULL,   /* an empty scalar or "~" or "null" (plain) */
	VALUE_STRING, /* any other scalar */
	VALUE_SEQ,    /* a list */
	VALUE_MAP,    /* a mapping with string keys, in source order */
	VALUE_HTML,   /* HTML that kindly made (rendered Markdown): safe */
};

struct value {
	enum value_type type;
	struct srcpos	pos;	/* where it starts in its file */
	const char     *str;	/* STRING, HTML: the bytes, NUL-terminated */
	size_t		len;	/* STRING, HTML: bytes in str */
	struct value  **items;	/* SEQ: items; MAP: key, value, key, ... */
	size_t		n;	/* entries used in items */
	size_t		cap;	/* entries allocated in items */
	bool		quoted; /* STRING: was quoted in the source */
	bool		block;	/* STRING: a '|' or '>' block: text starts
				   on the line after pos */
	size_t	       *slots;	/* MAP: its index, or NULL while small:
				   1 + a key's pair number, or 0 */
	size_t		nslots; /* MAP: entries in slots, a power of 2 */
};

/* Constructors: results live in 'a'; 'pos' may be NULL (no position). */
struct value *
value_new(struct arena *a, enum value_type, const struct srcpos *pos);
struct value *
value_new_string(struct arena *a, const struct srcpos *pos, const char *s);
struct value *value_new_html(struct arena *a, const char *s, size_t len);

/* Append to a SEQ (a MAP takes its keys through value_add()). */
void value_push(struct arena *a, struct value *seq, struct value *item);

/*
 * Append key 'key' (a STRING, kept with its position) and its value to
 * a MAP.  If the key is there already, lookups still find the first:
 * callers that must refuse a second look first with value_find().
 */
void value_add(struct arena *a, struct value *map, struct value *key,
    struct value *v);

/*
 * A MAP used as a set of names: add 'key' to it, and say whether it is
 * new (true) or was there already.
 */
bool value_add_new(struct arena *a, struct value *set, const char *key);

/* value_add() with a new key 'key', placed where 'v' is. */
void
value_set(struct arena *a, struct value *map, const char *key, struct value *v);

/*
 * The pair number of 'key' in a MAP (value_key() and value_at() take
 * it), or SIZE_MAX if 'map' is not a map, lacks it, or 'key' is NULL.
 */
size_t value_find(const struct value *map, const char *key);

/* The value of 'key' in a MAP, or NULL if 'map' is not a map or lacks it. */
struct value *value_get(const struct value *map, const char *key);

/* The key itself (for its position), or NULL as value_get(). */
const struct value *value_get_key(const struct value *map, const char *key);

/*
 * A map that is read often (a theme's 250 strings, for every page).
 * Every big map has its own index now, so this only keeps the map: it
 * answers as value_get() does.  The map must outlive it.
 */
struct value_index {
	const struct value *map;
};

void value_index_make(struct value_index *, const struct value *map);
const struct value	*
value_index_get(const struct value_index *, const char *key);
void value_index_free(struct value_index *);

/*
 * "Did you mean": the key of the 'n' maps in 'maps' (NULL entries and
 * values that are not maps are skipped) nearest to 'word', or NULL if
 * none is near.  Each search spends the number of names it looks at
 * from a budget, which value_closest_reset() fills again (once for
 * each file); when the budget is spent, searches find nothing.  So a
 * file with many slips among many names still takes linear time.
 */
const char *
value_closest_key(const struct value *const *maps, size_t n, const char *word);

/* The same over 'n' names. */
const char *value_closest(const char *word, const char *const *cands, size_t n);

void value_closest_reset(void);

/* Number of pairs in a MAP, or items in a SEQ. */
size_t value_count(const struct value *);

/* The i-th key or value of a MAP. */
const struct value *value_key(const struct value *map, size_t i);
struct value	   *value_at(const struct value *map, size_t i);

/* The string of a STRING, or NULL for any other type (or NULL). */
const char *value_str(const struct value *);

/* value_str(value_get(map, key)). */
const char *value_get_str(const struct value *map, const char *key);

/*
 * True if 'v' names 's': 'v' is the string 's', or a list holding it
 * (as 'for:', 'hidden-from:' and '::: for' name readers).
 */
bool value_names(const struct value *v, const char *s);

/* "text", "a list", "a map", "nothing" (for messages). */
const char *value_type_name(const struct value *);

/*
 * Check that 'v' is of type 't' (NULL counts as missing).  On failure
 * report "'what' should be <t>, not <actual>" at v's position and
 * return -1.
 */
int value_expect(const struct value *v, enum value_type t, const char *what);

/*
 * Read 'v' as a calendar date YYYY-MM-DD into 'd'.  Returns -1 after
 * reporting at v's position when it is not one.
 */
int value_date(const struct value *v, const char *what, struct date *d);

/*
 * Read 'v' as a YAML 1.2 core boolean: only true/True/TRUE and
 * false/False/FALSE.  Returns -1 after reporting otherwise; "yes" and
 * "no" are text, not booleans.
 */
int value_bool(const struct value *v, const char *what, bool *out);

#endif /* !VALUE_H */
