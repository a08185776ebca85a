/* SPDX-License-Identifier: ISC */
/* The jargon lexicon (lexicon.c): loading it, and finding terms. */
#include <stdlib.h>

#include "arena.h"
#include "lexicon.h"
#include "t.h"

static const struct lex_term *
find(const struct lexicon *lx, const char *s, size_t *off, size_t *len)
{
	return lexicon_find(lx, s, strlen(s), off, len);
}

static void
test_builtin(void)
{
	struct arena	       a = { 0 };
	struct lexicon	       lx;
	const struct lex_term *t;
	size_t		       off, len, i, keep = 0;

	CHECK(lexicon_builtin(&lx, &a, "en-GB") == 0);
	CHECK(lx.n >= 150); /* the issue asks for at least 150 terms */
	for (i = 0; i < lx.n; i++) {
		CHECK(*lx.terms[i].child != '\0' &&
		    *lx.terms[i].adult != '\0' &&
		    *lx.terms[i].explain != '\0' && lx.terms[i].nforms > 0);
		keep += lx.terms[i].keep;
		/* Every kept term is explained to a child too. */
		CHECK(!lx.terms[i].keep || lx.terms[i].explain_child != NULL);
	}
	CHECK(keep > 0);
	CHECK(lexicon_builtin(&lx, &a, "xx-XX") == -1);
	CHECK(lexicon_builtin(&lx, &a, "en-GB") == 0);

	/* Multi-word terms, any case, any white space, inflections. */
	t = find(&lx, "The Core\n  Groups will meet.", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "core-group") == 0);
	CHECK(off == 4 && len == strlen("Core\n  Groups"));
	/* Abbreviations: exact case, so "iro" in a word is nothing. */
	t = find(&lx, "Your IRO is Gareth.", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "iro") == 0 && off == 5);
	CHECK(find(&lx, "We went to Cairo.", &off, &len) == NULL);
	t = find(&lx, "a section 47 enquiry", &off, &len);
	CHECK(t != NULL && off == 2 && len == strlen("section 47 enquiry"));
	t = find(&lx, "after the s.47 began", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "section-47-enquiry") == 0);
	/* No false alarms: "care" alone, "plan" alone, "looked after". */
	CHECK(find(&lx, "We care about you and we have a plan.", &off, &len) ==
	    NULL);
	CHECK(
	    find(&lx, "Nan looked after Kay on Saturday.", &off, &len) == NULL);
	t = find(&lx, "Since you came into care, you have grown.", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "in-care") == 0 && t->keep);
	t = find(&lx, "Your placement is going well.", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "placement") == 0 && t->child_only);
	/* A typographic apostrophe counts as "'". */
	t = find(&lx, "at the IRO\xe2\x80\x99s meeting", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "iro") == 0 &&
	    len == strlen("IRO\xe2\x80\x99s"));
	arena_release(&a);
}

static void
test_load_errors(void)
{
	struct arena   a = { 0 };
	struct lexicon lx;
	const char    *bad = "terms:\n"
			     "  one:\n"
			     "    match: [\"core group\"]\n"
			     "    child: x\n"
			     "    adult: x\n"
			     "    explain: x\n"
			     "  two:\n"
			     "    match: [\"core group\"]\n" /* twice */
			  "    child: x\n"
			  "    adult: x\n"
			  "    explain: x\n"
			  "    case: loose\n";
	const char *good = "terms:\n"
			   "  one:\n"
			   "    match: [\"core group\", \"core groups\"]\n"
			   "    child: x\n"
			   "    adult: y\n"
			   "    explain: z\n";

	CHECK(lexicon_load(&lx, &a, "bad.yaml", bad, strlen(bad)) == -1);
	CHECK(lexicon_load(&lx, &a, "good.yaml", good, strlen(good)) == 0);
	CHECK(lx.n == 1 && lx.terms[0].nforms == 2);
	arena_release(&a);
}

/* A site's lexicon.yaml: change a wording, add a form and a term, allow
   terms by id and by form. */
static void
test_merge(void)
{
	struct arena	       a = { 0 };
	struct lexicon	       lx;
	const struct lex_term *t;
	size_t		       n, off, len;
	const char	      *site = "allow:\n"
				      "  - iro\n"
				      "  - Safety Plans\n"
				      "terms:\n"
				      "  core-group:\n"
				      "    child: \"people who check the plan\"\n"
				      "    match: [\"check-in group\"]\n"
				      "  gateway:\n"
				      "    match: [\"the Gateway\"]\n"
				      "    child: a\n"
				      "    adult: b\n"
				      "    explain: c\n";
	const char	      *bad = "allow: [\"no such term\"]\nwords: {}\n";

	CHECK(lexicon_builtin(&lx, &a, "en-GB") == 0);
	n = lx.n;
	CHECK(lexicon_merge(&lx, &a, "lexicon.yaml", site, strlen(site)) == 0);
	CHECK(lx.n == n + 1);
	t = find(&lx, "The core group meets.", &off, &len);
	CHECK(t != NULL && strcmp(t->child, "people who check the plan") == 0);
	CHECK(t != NULL && strcmp(t->adult, "") != 0); /* kept */
	t = find(&lx, "Our check-in group meets.", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "core-group") == 0);
	t = find(&lx, "Ring the Gateway.", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "gateway") == 0);
	t = find(&lx, "Your IRO is Gareth.", &off, &len);
	CHECK(t != NULL && t->allowed);
	t = find(&lx, "Your safety plan.", &off, &len);
	CHECK(t != NULL && t->allowed);
	t = find(&lx, "The PLO meeting.", &off, &len);
	CHECK(t != NULL && !t->allowed);
	/* Unknown terms and keys are errors; an empty file is nothing. */
	CHECK(lexicon_merge(&lx, &a, "bad.yaml", bad, strlen(bad)) == -1);
	CHECK(lexicon_merge(&lx, &a, "empty.yaml", "", 0) == 0);
	arena_release(&a);
}

/*
 * The index by first word: forms that share one are all tried, the
 * longest wins and, of two as long, the one loaded first; an exact term
 * and a loose one may share a word; forms a site adds join the chains.
 */
static void
test_first_word(void)
{
	struct arena	       a = { 0 };
	struct lexicon	       lx;
	const struct lex_term *t;
	size_t		       off, len;
	const char	      *site = "terms:\n"
				      "  plo-loose:\n"
				      "    match: [\"plo\", \"plo meeting day\", "
				      "\"s.\", \"x\", \"caf\"]\n"
				      "    child: a\n"
				      "    adult: b\n"
				      "    explain: c\n"
				      "  core-group:\n"
				      "    match: [\"core group meeting notes\"]\n";

	CHECK(lexicon_builtin(&lx, &a, "en-GB") == 0);
	CHECK(lexicon_merge(&lx, &a, "lexicon.yaml", site, strlen(site)) == 0);
	/* "PLO" was loaded first: of two as long, it wins. */
	t = find(&lx, "the PLO starts", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "plo") == 0 && off == 4 && len == 3);
	t = find(&lx, "the plo starts", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "plo-loose") == 0 && off == 4);
	/* The longest form wins, whichever term and file it came from. */
	t = find(&lx, "a PLO meeting day", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "plo-loose") == 0 &&
	    len == strlen("PLO meeting day"));
	t = find(&lx, "a PLO Meeting", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "plo") == 0 && len == 3);
	t = find(&lx, "our core group meeting notes", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "core-group") == 0 &&
	    len == strlen("core group meeting notes"));
	t = find(&lx, "our core group meeting now", &off, &len);
	CHECK(t != NULL && len == strlen("core group meeting"));
	/* A word is looked up whole: not inside another, nor in part. */
	CHECK(find(&lx, "xylophones, PLOs and cafes", &off, &len) == NULL);
	t = find(&lx, "2x x", &off, &len);
	CHECK(t != NULL && off == 3 && len == 1);
	/* A form may end in a mark, and a word may follow it at once. */
	t = find(&lx, "see s.x", &off, &len);
	CHECK(t != NULL && strcmp(t->id, "plo-loose") == 0 && off == 4 &&
	    len == 2);
	t = find(&lx, "2.s.47", &off, &len);
	CHECK(t != NULL && off == 2 && len == strlen("s.47"));
	/* Bytes of UTF-8 end a word as any mark does. */
	t = find(&lx,
	    "caf\xc3\xa9 NFA\xe2\x80\x99"
	    "d",
	    &off, &len);
	CHECK(t != NULL && strcmp(t->id, "plo-loose") == 0 && off == 0);
	t = find(&lx,
	    "\xc3\xa9NFA\xe2\x80\x99"
	    "d",
	    &off, &len);
	CHECK(t != NULL && strcmp(t->id, "nfa") == 0 && off == 2 &&
	    len ==
		strlen("NFA\xe2\x80\x99"
		       "d"));
	CHECK(find(&lx, "", &off, &len) == NULL);
	arena_release(&a);
}

/*
 * A site's lexicon of 50,000 terms, each allowed by one of its forms in
 * another case, merges in linear time: a term is found by its id or a
 * form through a hash, not by comparing it with every term before it
 * (which took minutes).  And no word may start more than
 * LEX_MAX_SAME_WORD forms, as each search tries them all.
 */
static void
test_big(void)
{
	enum { N = 50000 };
	struct arena	       a = { 0 };
	struct lexicon	       lx;
	const struct lex_term *t;
	char		      *src = malloc((size_t)N * 120 + 64);
	size_t		       len = 0, off, mlen, n;
	double		       secs;
	int		       i;

	len += (size_t)sprintf(src + len, "terms:\n");
	for (i = 0; i < N; i++)
		len += (size_t)sprintf(src + len,
		    "  t%d:\n    match: [word%d thing]\n    child: a\n"
		    "    adult: b\n    explain: c\n",
		    i, i);
	len += (size_t)sprintf(src + len, "allow:\n");
	for (i = 0; i < N; i++)
		len += (size_t)sprintf(src + len, "  - WORD%d Thing\n", i);
	CHECK(lexicon_builtin(&lx, &a, "en-GB") == 0);
	n = lx.n;
	secs = t_seconds();
	CHECK(lexicon_merge(&lx, &a, "big.yaml", src, len) == 0);
	secs = t_seconds() - secs;
	CHECK(lx.n == n + N);
	CHECK(secs < 2.0);
	if (secs >= 2.0)
		printf("merging %d terms took %.2f s\n", N, secs);
	t = find(&lx, "the word777 thing", &off, &mlen);
	CHECK(t != NULL && strcmp(t->id, "t777") == 0 && t->allowed);
	free(src);

	/* 64 forms may start with one word; the 65th is refused. */
	src = malloc(64 * 40 + 256);
	len = (size_t)sprintf(src, "terms:\n  many:\n    match:\n");
	for (i = 0; i < LEX_MAX_SAME_WORD; i++)
		len += (size_t)sprintf(src + len, "      - same w%d\n", i);
	len += (size_t)sprintf(src + len,
	    "    child: a\n    adult: b\n    explain: c\n");
	CHECK(lexicon_merge(&lx, &a, "many.yaml", src, len) == 0);
	len = (size_t)sprintf(src,
	    "terms:\n  more:\n    match: [same again]\n"
	    "    child: a\n    adult: b\n    explain: c\n");
	CHECK(lexicon_merge(&lx, &a, "more.yaml", src, len) == -1);
	free(src);
	arena_release(&a);
}

int
main(void)
{
	test_builtin();
	test_load_errors();
	test_merge();
	test_first_word();
	test_big();
	return t_done();
}
