/* SPDX-License-Identifier: ISC */
/*
 * Plain language, checked for one reader on exactly the words they will
 * see: how hard each section is to read against their target, jargon
 * from the lexicon with the words to use for them, and the habits that
 * make letters hard to take in (long sentences, the passive, capitals,
 * the reader's own name in the third person, words they dislike).  All
 * of it is advice: warnings with a stable code that a document can
 * allow with a reason.  audience.c walks the text; this module reads it.
 */
#ifndef PLAIN_H
#define PLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "read.h"

struct arena;
struct doc;
struct lex_term;
struct lexicon;
struct site;
struct value;

/* Who is reading, and what suits them. */
struct plain_reader {
	const char	   *id;	     /* their id, for --format json */
	const char	   *name;    /* known-as, else their first name */
	long		    age;     /* reading age in years */
	const char	   *why;     /* where 'age' came from, for messages */
	double		    target;  /* the grade to stay at or under */
	size_t		    limit;   /* the most words in a sentence */
	bool		    child;   /* gets the child wordings */
	const struct value *prefers; /* a word they dislike -> theirs */
	const char	   *they;    /* "she does", "he does", "they do" */
};

/* What one reader's version of a document came to, for --summary. */
struct plain_sum {
	const char	       *reader; /* their id */
	long			age;	/* the read-at age, or 0 */
	bool			child;	/* gets the child wordings */
	double			grade;	/* the whole text */
	double			ease;	/* Flesch reading ease */
	size_t			sentences;
	size_t			long_words; /* of three syllables or more */
	double			target;
	size_t			words;
	size_t			jargon; /* warnings about terms */
	const struct lex_term **keep;	/* terms kept: "Words we use" */
	size_t			nkeep;
};

/* A word of a text being read: its offset and its bytes. */
struct plain_word {
	size_t at, len;
};

/* Byte 'at' of a text value or the body, and where it is in it, as
   util_line_col() counts. */
struct plain_place {
	size_t	 at;
	unsigned line, col;
};

struct plain {
	struct arena	     *a;
	const struct doc     *d;
	const struct lexicon *lx;
	struct plain_reader   r;
	struct plain_sum     *sum;
	size_t		      capkeep;
	struct value	     *kept; /* the ids of sum->keep, a set */
	/* The section being read. */
	const char	  *label; /* its heading or field label */
	struct srcpos	   pos;	  /* where it starts */
	struct read_stats  st;
	struct buf	   longest; /* its longest sentence, quoted */
	struct read_stats  all;	    /* the whole version */
	struct buf	   q;	    /* the quote in the message being made */
	struct plain_word *words;   /* the words of the text being read */
	size_t		   capwords;
	/* For where warnings are: the value or body 'text' is from, where
	   in it the text being read starts (once a warning needs it) and
	   where its last warning was.  Kept from text to text of the
	   body, and forgotten at plain_end(). */
	const char	  *text;
	struct plain_place start, last;
	/* Warnings given already for this document: a set of where,
	   which, and what about the reader each depended on. */
	struct value *seen;
};

/*
 * Who 'person' is as a reader of 'd' at read-at age 'age' (0 if none):
 * their reading age from 'age', else 'reading-age' in case.yaml, else
 * their age on the document's date for a child or young person, else
 * the default for their role in 'defaults' (site.yaml 'reading-age',
 * a map from role to age; may be NULL) or kindly's own.
 */
void plain_reader(struct plain_reader *, struct arena *a, const struct doc *d,
    const struct value *person, long age, const struct value *defaults);

/*
 * Start reading one reader's version of the document; its figures go
 * to 'sum', which is cleared, and nothing of the last version's counts.
 */
void plain_begin(struct plain *, struct plain_sum *sum);

/* Start a section called 'label' at 'pos'; ends the one before. */
void plain_section(struct plain *, const char *label, const struct srcpos *pos);

enum {
	PLAIN_MD = 1,	 /* the text is Markdown */
	PLAIN_QUOTE = 2, /* someone's own words: graded, never warned about */
};

/*
 * Read bytes 'from' to 'to' of 's', which is text value 'v' (or the
 * body when 'v' is NULL), with PLAIN_ 'flags'.  's' stays as it is
 * until plain_end(): the lines of the body are counted on from one of
 * its sections to the next.
 */
void plain_text(struct plain *, const struct value *v, const char *s,
    size_t from, size_t to, int flags);

/*
 * The name of the document's kind, which its page shows: its terms are
 * explained in "Words we use" too ("Child protection plan").
 */
void plain_name(struct plain *, const char *name);

/* Free what 'p' holds outside its arena, once the document is done. */
void plain_free(struct plain *);

/* End the last section and fill in p->sum. */
void plain_end(struct plain *);

/*
 * Print each document's figures for each reader on standard output: a
 * table, or one JSON object a line after diag_set_format(DIAG_JSON).
 */
void plain_summary(const struct site *);

/* The target grade for a reading age: a US school grade, age - 5, and
   at least 1. */
double plain_target(long age);

#endif /* !PLAIN_H */
