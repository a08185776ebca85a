/* SPDX-License-Identifier: ISC */
/*
 * One build: load and check the site, then render every document for
 * every one of its readers, and each reader's own index page, through
 * the theme's templates, into a new output folder that replaces the old
 * one only when everything succeeded.  'kindly check' is the same run
 * with nothing written.
 */
#ifndef BUILD_H
#define BUILD_H

#include <stdbool.h>
#include <stddef.h>

struct build_opts {
	const char *site;    /* the site folder; default "content" */
	const char *outdir;  /* the output folder; default "public" */
	bool	    verbose; /* list every file written on standard output */
	bool	    dry;     /* check only: render but write nothing */
	bool	    preview; /* no secret: readable folder names, pages
				marked "Preview" */
	const char *secret_file;   /* the site secret, or NULL for the
				    KINDLY_SECRET environment variable */
	const char *links;	   /* write each reader's link here, or NULL */
	bool	    record;	   /* the professional record, not the readers'
				pages */
	const char *redaction_log; /* what was redacted; NULL: beside the
				      output, as OUTDIR.redactions.txt */
	bool	    summary; /* end with each document's reading figures */
	const char *theme;   /* --theme: instead of site.yaml's, or NULL */
	size_t	    jobs;    /* worker processes; 0: one per processor */
	bool	    books;   /* write the e-books */
	bool	    pages;   /* write the web pages and lists */
	bool	    full;    /* build everything, not only what changed */
};

/* Exit statuses, as documented in README.md. */
enum build_status {
	BUILD_OK = 0,	 /* done; there may have been warnings */
	BUILD_INPUT = 1, /* errors in the site were reported */
	BUILD_USAGE = 2, /* the command line was wrong (used by main) */
	BUILD_FATAL = 3, /* the output could not be written */
};

/* Run a build or check.  Diagnostics go to standard error. */
enum build_status build_run(const struct build_opts *);

#endif /* !BUILD_H */
