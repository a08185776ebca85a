/* SPDX-License-Identifier: ISC */
/*
 * Writing a build's output all or nothing.  Files go into a fresh folder
 * beside the output folder; only output_commit() swaps it in, so a build
 * that fails leaves the previous output exactly as it was.  Paths given
 * to output_write() are relative and checked: nothing can be written
 * outside the output folder.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct buf;

struct output {
	char	   *dir;     /* the output folder, as given (malloc'd) */
	char	   *tmp;     /* the folder being written (malloc'd), or NULL */
	bool	    verbose; /* list each file written on standard output */
	bool	    dry;     /* write nothing at all (kindly check) */
	size_t	    files;   /* files written so far */
	FILE	   *list;    /* where verbose lists them: standard output */
	struct buf *written; /* if set, gets each path written, a line each */
};

/* What an output holds; its marker file says which. */
enum output_kind {
	OUTPUT_FAMILY, /* the readers' pages */
	OUTPUT_RECORD, /* the professional record */
};

/*
 * Start writing towards 'dir'.  Refuses (returns -1 after reporting) when
 * 'dir' exists, is not empty and was not made by kindly, so that a slip
 * of '-o' cannot replace someone's folder; when it holds the other kind
 * of output; and, for the record, when 'dir' is inside the family's
 * pages.  With 'dry' nothing is created.
 */
int output_begin(struct output *, const char *dir, enum output_kind,
    bool verbose, bool dry);

/* Write 'len' bytes to 'rel' inside the output.  Returns -1 after reporting. */
int output_write(struct output *, const char *rel, const void *, size_t len);

/*
 * An incremental build keeps the output folder and changes only what
 * changed: output_move_in() moves file 'rel' of the new folder into it,
 * replacing the old one, and output_remove() removes file 'rel' and the
 * folders it leaves empty.  output_abort() then throws the rest away.
 */
int  output_move_in(struct output *, const char *rel);
void output_remove(struct output *, const char *rel);

/* Swap the new output in and remove the old one.  Returns -1 on failure. */
int output_commit(struct output *);

/* Throw the new output away; the previous one is untouched. */
void output_abort(struct output *);

#endif /* !OUTPUT_H */
