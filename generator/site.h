/* SPDX-License-Identifier: ISC */
/*
 * The site model: the authority (site.yaml), its staff (staff.yaml), and
 * each family under cases/ with its people (case.yaml) and documents
 * (*.md).  site_load() reads and checks all of it, reporting every problem
 * it finds with its position, before anything is rendered.  Nothing here
 * writes output.
 */
#ifndef SITE_H
#define SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "kind.h"
#include "lexicon.h"
#include "scope.h"

struct arena;
struct plain_sum;
struct value;

struct family;

struct doc {
	struct family	   *family;
	const char	   *path;    /* relative to the site: cases/x/y.md */
	const char	   *slug;    /* file name without ".md": URL-safe */
	struct value	   *meta;    /* the front matter (a map) */
	const struct kind  *kind;    /* from meta.kind */
	const long	   *ages;    /* meta.read-at: reading ages */
	size_t		    nages;   /* 0: one rendering per reader */
	const char	   *title;   /* meta.title, or NULL */
	struct date	    date;    /* meta.date */
	bool		    date_ok; /* meta.date is a real date */
	const struct value *readers; /* meta.readers: ids of people */
	const char	   *body;    /* the Markdown after the front matter */
	size_t		    blen;    /* bytes in body */
	unsigned	    bline;   /* line of body[0] in the file */
	struct scope	    scope;   /* the body's parts for some readers */
	bool		    ok;	     /* loaded and checked without errors */
	struct plain_sum   *sums;    /* per reader and age (audience.c) */
	size_t		    nsums;
	const char *const  *allow; /* meta.allow: warning codes */
	size_t		    nallow;
	/* The ids of 'readers' again, as a set (a map). */
	const struct value *reader_set;
};

struct family {
	const char   *id;	/* the folder name under cases/ */
	const char   *dir;	/* the folder on disk */
	const char   *shown;	/* "cases/ID" */
	struct value *people;	/* id -> person (map); each has "id" added */
	struct value *agencies; /* id -> agency (map), from case.yaml */
	struct doc  **docs;	/* sorted by file name */
	size_t	      ndocs;
	size_t	      cap; /* entries allocated in docs */
};

struct site {
	const char    *root;	   /* the site folder, as given */
	struct value  *conf;	   /* site.yaml (a map) */
	struct value  *staff;	   /* staff.yaml: id -> person (map) */
	struct value  *agencies;   /* site.yaml: id -> agency (map) */
	struct kinds   kinds;	   /* built in, and the site's own */
	const char    *language;   /* conf.language, default "en-GB" */
	const char    *theme;	   /* conf.theme, default "default" */
	struct value  *theme_name; /* where the theme is named, for messages */
	struct family *families;   /* sorted by id */
	size_t	       nfamilies;
	struct lexicon lexicon;		  /* built in, and lexicon.yaml */
	const struct value *reading_ages; /* conf.reading-age: role -> age */
	bool staff_ok; /* staff.yaml loaded, so authors can be checked */
};

/*
 * Where byte 'off' of 's' is in the file of 'd': 's' is text value 'v',
 * or the body when 'v' is NULL.  In a '|' block the column is counted
 * from the start of the text's line, not of the file's.
 */
struct srcpos
doc_pos(const struct doc *d, const struct value *v, const char *s, size_t off);

/* doc_pos() for the byte at 'line' and 'col' of 's', as util_line_col()
   counts them. */
struct srcpos doc_pos_at(const struct doc *d, const struct value *v,
    unsigned line, unsigned col);

/*
 * Load and check the site at 'root'.  Everything lives in 'a'.  Returns
 * -1 if any error was reported (after reporting all of them).
 */
int site_load(struct site *, struct arena *a, const char *root);

/*
 * The same in steps: the site without its families (each listed, with
 * its id and folders, but not read), then one family at a time, into
 * an arena that can be released with the family.  site_unload_family()
 * forgets what site_load_family() read.  Each returns -1 if an error was
 * reported.
 */
int  site_load_base(struct site *, struct arena *a, const char *root);
int  site_load_family(struct site *, struct family *, struct arena *a);
void site_unload_family(struct family *);

#endif /* !SITE_H */
