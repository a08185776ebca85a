/* SPDX-License-Identifier: ISC */
/*
 * What the last build made, for the next one to build only what changed:
 * a text file beside the output folder (never in it: it ties the cases
 * to the readers' folders).  For the build as a whole, a stamp of what
 * every case depends on (kindly, the options, site.yaml, staff.yaml,
 * kinds, lexicon, the themes' files) and which looks were used; for
 * each case, a stamp of its own files and of each template and theme
 * string its pages used, the names of those, the files it wrote and
 * what it reported, to report again while it stays the same.
 */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>

struct arena;
struct buf;

struct state_case {
	const char *id;
	const char *stamp;
	size_t	    n[3], allowed; /* reports: notes, warnings, errors */
	struct buf *deps;	   /* "t 0 letter.html" lines */
	struct buf *outs;	   /* files written, a line each */
	struct buf *diag;	   /* the reports, as written */
	struct buf *links;	   /* lines for the links file */
	struct buf *red;	   /* lines for the redaction log */
};

struct state {
	const char	  *global; /* the build's stamp */
	const char	  *looks;  /* '0' or '1' for each look: used */
	struct state_case *cases;  /* sorted by id */
	size_t		   n;
};

/*
 * Read the state in 'file' into 'st'.  Returns -1, quietly, if there is
 * none or it is not one this kindly wrote: then the build is a full one.
 */
int state_load(struct state *st, struct arena *a, const char *file);

/* Free what state_load() read (the arena holds the rest). */
void state_release(struct state *);

/* The case with 'id', or NULL. */
const struct state_case *state_find(const struct state *, const char *id);

/* Add case 'c' to the text of a state in 'out'. */
void state_put_case(struct buf *out, const struct state_case *c);

/* Write a state: its header and the cases' text 'body'.  -1 on failure. */
int state_save(const char *file, const char *global, const char *looks,
    const struct buf *body);

#endif /* !STATE_H */
