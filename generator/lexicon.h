/* SPDX-License-Identifier: ISC */
/*
 * The jargon lexicon: social-care terms a reader may not know, each with
 * a plain wording for a child and one for an adult, and a line that
 * explains it.  The built-in lexicon is generator/lexicon/en-GB.yaml,
 * inside the binary; its header gives the format.
 *
 * Matching is by whole words, ignoring ASCII case unless a term is
 * "case: exact" (IRO, PLO); a space in a form matches any run of white
 * space, and a typographic apostrophe matches "'".  At each place the
 * longest form wins, and the leftmost place first.
 */
#ifndef LEXICON_H
#define LEXICON_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct value;

/* Forms that may start with the same word: each search tries them all. */
enum { LEX_MAX_SAME_WORD = 64 };

struct lex_term {
	const char  *id;
	const char **forms; /* the first is the headword */
	size_t	     nforms;
	const char  *child;	    /* a plain wording for a child */
	const char  *adult;	    /* a plain wording for an adult */
	const char  *explain;	    /* one line, for "Words we use" */
	const char  *explain_child; /* the same for a child, or NULL */
	bool	     exact;	    /* match case as written */
	bool	     child_only;    /* jargon to a child only */
	bool	     keep;	    /* stays, and is explained */
	bool	     allowed;	    /* the site allows it: no warning */
};

/*
 * One form of a term.  Forms with the same first word (their leading
 * letters and digits, in lower case) are chained in the order loaded.
 */
struct lex_form {
	const char	      *text;
	size_t		       len;
	size_t		       word; /* bytes of its first word */
	const struct lex_term *term;
	size_t		       next; /* index + 1 of the next in its chain */
};

struct lexicon {
	struct lex_term *terms;
	size_t		 n;
	struct lex_form *forms; /* every form, in the order loaded */
	size_t		 nforms, capforms;
	/* An open-addressing hash table of the chains by first word:
	   'nslots' (a power of two, or 0) of index + 1 of a chain's
	   first form, or 0 for an empty slot. */
	size_t *slots;
	size_t	nslots, nchains;
	/* Each term's id, in the order of 'terms': a map whose pair i
	   is terms[i], so that finding a term by its id is one lookup. */
	struct value *ids;
};

/*
 * Load a lexicon from YAML text 'buf' ('shown' in messages) into 'lx'.
 * Returns -1 after reporting every problem.
 */
int lexicon_load(struct lexicon *lx, struct arena *a, const char *shown,
    const char *buf, size_t len);

/*
 * Add a site's own lexicon (YAML text 'buf', 'shown' in messages) to
 * 'lx': under 'terms:', a new id is a new term, and a known id changes
 * that term (its wordings, and more forms); 'allow:' lists terms, by id
 * or form, that the site's readers know.  Returns -1 after reporting.
 */
int lexicon_merge(struct lexicon *lx, struct arena *a, const char *shown,
    const char *buf, size_t len);

/* Load the built-in lexicon for 'language' ("en-GB"); -1 if none. */
int lexicon_builtin(struct lexicon *lx, struct arena *a, const char *language);

/*
 * The first term in 's' ('len' bytes): sets '*off' and '*mlen' to where
 * the matched words are.  NULL if there is none.
 */
const struct lex_term *lexicon_find(const struct lexicon *lx, const char *s,
    size_t len, size_t *off, size_t *mlen);

#endif /* !LEXICON_H */
