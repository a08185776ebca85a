/* SPDX-License-Identifier: ISC */
/*
 * A document's front matter checked against its kind: every field's
 * type, the required and advised fields, and the rules that encode what
 * inspectors criticised (dates in order, actions with a who and a when,
 * contingencies that say what will happen).  Errors for what a document
 * must say; warnings for advice.  Every report points at the value, or
 * the map that lacks it, and says what to write.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

struct arena;
struct kind;
struct scope;
struct value;

struct check_env {
	struct arena	   *a;
	const char	   *file;     /* the document, for messages */
	const struct value *people;   /* case.yaml: id -> person */
	const struct value *staff;    /* staff.yaml: id -> person */
	const struct value *agencies; /* site.yaml: id -> agency */
	const struct value *local;    /* case.yaml: id -> agency */
	const struct value *readers;  /* the reader ids, or NULL */
	const struct date  *date;     /* the document's, or NULL */
	const long	   *ages;     /* read-at ages */
	size_t		    nages;
	bool		    ages_unknown; /* read-at was wrong (reported) */
	const char	   *body; /* the Markdown after the front matter */
	size_t		    blen;
	unsigned	    bline; /* the line of body[0] */
	const struct scope *scope; /* the body's parts for some readers */
	/* The reader ids again, as a set (a map), or NULL. */
	const struct value *reader_set;
};

/*
 * Report every "TODO" left in 'meta' (a scaffold not yet filled in).
 * Returns how many there were.
 */
size_t check_todo(const struct value *meta);

/*
 * Check front matter 'meta' of a document of kind 'k': its fields, its
 * readers, read-at and body.  Reports everything; returns -1 if any of
 * it was an error.
 */
int check_doc_kind(const struct kind *k, const struct value *meta,
    const struct check_env *env);

/*
 * Read the 'read-at' ages of 'meta' into a list in 'a'; sets '*n'.
 * Reports problems; returns NULL (with *n = 0) when absent or wrong.
 */
const long *check_read_at(const struct kind *k, const struct value *meta,
    struct arena *a, size_t *n);

/* The front-matter keys every document may have, whatever its kind. */
extern const char *const check_envelope[];
extern const size_t	 check_nenvelope;

#endif /* !CHECK_H */
