/* SPDX-License-Identifier: ISC */
/*
 * The dynamic value tree that every YAML file becomes, and the values the
 * build makes for templates.  Each node keeps the place it came from, so
 * that any later check can point at the exact line and column.  Scalars
 * stay strings; typed accessors read them on request and report problems
 * at the value's position.  Maps keep their source order.
 *
 * Values live in an arena; none of these functions frees anything.
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
};

/* Constructors: results live in 'a'; 'pos' may be NULL (no position). */
struct value *
value_new(struct arena *a, enum value_type, const struct srcpos *pos);
struct value *
value_new_string(struct arena *a, const struct srcpos *pos, const char *s);
struct value *value_new_html(struct arena *a, const char *s, size_t len);

/* Append to a SEQ. */
void value_push(struct arena *a, struct value *seq, struct value *item);

/* Append a key to a MAP (the caller ensures keys are unique). */
void
value_set(struct arena *a, struct value *map, const char *key, struct value *v);

/* The value of 'key' in a MAP, or NULL if 'map' is not a map or lacks it. */
struct value *value_get(const struct value *map, const char *key);

/*
 * An index of a big map that is read often (a theme's 250 strings, for
 * every page): its keys hashed, so a lookup does not compare them all.
 * It answers as value_get() does; it points into the map, which must
 * outlive it and not change.  value_index_free() releases it.
 */
struct value_index {
	const struct value *map;
	size_t *slots; /* 1 + a key's position in map->items, or 0 */
	size_t	nslots;
};

void value_index_make(struct value_index *, const struct value *map);
const struct value	*
value_index_get(const struct value_index *, const char *key);
void value_index_free(struct value_index *);

/*
 * The key of the 'n' maps in 'maps' (NULL entries are skipped) nearest
 * to 'word', for "did you mean"; NULL if none is near.
 */
const char *value_closest_key(struct arena *a, const struct value *const *maps,
    size_t n, const char *word);

/* Number of pairs in a MAP, or items in a SEQ. */
size_t value_count(const struct value *);

/* The i-th key or value of a MAP. */
const struct value *value_key(const struct value *map, size_t i);
struct value	   *value_at(const struct value *map, size_t i);

/* The string of a STRING, or NULL for any other type. */
const char *value_str(const struct value *);

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
