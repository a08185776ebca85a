/* SPDX-License-Identifier: ISC */
/*
 * Document kinds are data: a YAML schema per kind names its fields, their
 * types, which are required or advised, help text, and the rules a
 * document of that kind must keep.  The built-in kinds (generator/kinds/)
 * are embedded in the binary; a site may add kinds, or tighten a built-in
 * one, in its own kinds/ folder.  This module loads and checks schemas,
 * and describes them (kindly kinds, kindly new); check.c applies them.
 */
#ifndef KIND_H
#define KIND_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;
struct buf;
struct value;

/* Fields of one map, values of an enum, vague phrases, sets of one-of. */
enum { KIND_MAX_LIST = 200 };

enum field_type {
	FIELD_TEXT,	/* one line or paragraph of plain text */
	FIELD_MARKDOWN, /* text rendered as Markdown */
	FIELD_DATE,	/* YYYY-MM-DD */
	FIELD_TIME,	/* HH:MM, 24-hour */
	FIELD_NUMBER,	/* a whole number */
	FIELD_BOOL,	/* true or false */
	FIELD_PERSON,	/* an id in case.yaml */
	FIELD_STAFF,	/* an id in staff.yaml */
	FIELD_WHO,	/* one id, or a list, of a person, staff or agency */
	FIELD_ENUM,	/* one of 'values' */
	FIELD_LIST,	/* items of schema 'item' */
	FIELD_MAP,	/* the named 'fields' */
};

struct field {
	const char	   *name;  /* the key; "" for a list's item */
	const char	   *label; /* name, or the list's name for an item */
	const char	   *path;  /* "changes[].by", for messages */
	enum field_type	    type;
	const char	   *help;      /* one line for writers */
	const char	   *why;       /* the finding a rule answers, or NULL */
	const struct value *example;   /* for kindly new, or NULL */
	bool		    required;  /* missing or empty: an error */
	bool		    advised;   /* missing or empty: a warning */
	bool		    variants;  /* may be given per reader */
	bool		    every_age; /* a variant for each read-at age */
	bool		    contact;   /* staff or agency: needs phone/email */
	bool		    has_min;
	long		    min; /* list items, or number value */
	bool		    has_max;
	bool own_words; /* someone's own words: graded, never warned about */
	long max;	/* a number's highest value */
	long min_words; /* 0: no rule */
	long within_months;	 /* 0: no rule */
	const char   *after;	 /* date: after this path */
	const char   *not_after; /* date: on or before this path */
	const char   *role;	 /* person: must have this role */
	const char  **values;	 /* enum */
	size_t	      nvalues;
	const char  **vague; /* phrases that say nothing */
	size_t	      nvague;
	struct field *fields; /* map */
	size_t	      nfields;
	const char ***one_of; /* map: NULL-ended sets of names */
	size_t	      none_of;
	struct field *item; /* list */
	struct srcpos pos;  /* where the schema defines it */
};

struct kind {
	const char  *name;
	const char  *title;
	const char  *summary;
	const char  *shown;	 /* the schema file, for messages */
	bool	     builtin;	 /* only from generator/kinds/ */
	const char **written_to; /* roles a reader may have */
	size_t	     nwritten_to;
	bool	     one_reader;
	long	     reader_min_age; /* 0: no rule */
	bool	     read_at;	     /* versions by reading age */
	bool	     body_required;
	struct field root; /* a FIELD_MAP of the kind's own fields */
};

struct kinds {
	struct kind **all; /* sorted by name */
	size_t	      n;
};

/*
 * Load the built-in kinds, then those in SITE/kinds/ (if 'site' is not
 * NULL and has that folder).  Everything lives in 'a'.  Returns -1
 * after reporting every problem in the schemas.
 */
int kinds_load(struct kinds *, struct arena *a, const char *site);

/* The kind called 'name', or NULL. */
const struct kind *kinds_find(const struct kinds *, const char *name);

/* The name of every kind, for "did you mean" (NULL-ended, in 'a'). */
const char **kinds_names(const struct kinds *, struct arena *a);

/* The roles a person may have, and so a kind may be written to. */
extern const char *const kind_roles[];
extern const size_t	 kind_nroles;

/* True if 's' is one of kind_roles. */
bool kind_is_role(const char *s);

/* "a child", "a young person", ...: a role in a sentence. */
const char *kind_role_words(const char *role);

/*
 * The words that name readers in a version or 'for:' besides their
 * ids: a role, 'record' (the council's record, no family reader) or
 * 'at-N' (the version read at age N).  True if 's' is one.
 */
bool kind_reader_word(const char *s);

/*
 * If 'id' is a word kindly gives a meaning of its own, so that it
 * cannot be the id of a person, staff member or agency: what that
 * meaning is, in words for a message ("a word kindly uses for the
 * council's record"), in 'a'.  NULL if 'id' is free.
 */
const char *kind_reserved(struct arena *a, const char *id);

/* True if a reader with role 'role' may read a document of kind 'k'. */
bool kind_written_to(const struct kind *k, const char *role);

/* A date path for messages: "the document's date", or the path. */
const char *kind_date_name(const char *path);

/* A map field's 'one-of' in words: "'by', or 'how-often'", in 'a'. */
const char *field_one_of(struct arena *a, const struct field *map);

/* "text", "a date (YYYY-MM-DD)", ... for messages and kindly kinds. */
const char *field_type_name(const struct field *);

/* The field called 'name' of a map field, or NULL. */
const struct field *field_get(const struct field *map, const char *name);

/*
 * kindly kinds: one line per kind, or (with a kind) its fields with type,
 * required and help, then every rule it applies.  Appends to 'out'.
 */
void kinds_list(const struct kinds *, struct buf *out);
void kind_describe(const struct kind *, struct buf *out);

/*
 * kindly new: a document of kind 'k' with every field, each with a
 * comment explaining it and "TODO" where the writer must fill it in.
 * 'readers' (may be NULL) and 'date' fill the front matter.
 */
void kind_scaffold(const struct kind *k, const char *date, const char *readers,
    struct buf *out);

#endif /* !KIND_H */
