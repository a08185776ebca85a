/* SPDX-License-Identifier: ISC */
/* Readability (read.c): hand-counted sentences, words and syllables. */
#include <math.h>

#include "read.h"
#include "t.h"
#include "util.h"

static unsigned
syl(const char *w)
{
	return read_syllables(w, strlen(w));
}

static struct read_stats
stats(const char *s)
{
	struct read_stats st = { 0 };

	read_text(&st, s, strlen(s));
	return st;
}

static void
test_syllables(void)
{
	static const struct {
		const char *word;
		unsigned    n;
	} words[] = {
		{ "cat", 1 },
		{ "make", 1 },
		{ "time", 1 },
		{ "table", 1 },
		{ "little", 1 },
		{ "jumped", 1 },
		{ "helped", 1 },
		{ "wanted", 1 },
		{ "needed", 1 },
		{ "agreed", 1 },
		{ "makes", 2 },
		{ "boxes", 2 },
		{ "changes", 2 },
		{ "houses", 2 },
		{ "happy", 1 },
		{ "family", 2 },
		{ "social", 2 },
		{ "media", 1 },
		{ "idea", 1 },
		{ "being", 1 },
		{ "create", 1 },
		{ "evaluate", 3 },
		{ "continue", 2 },
		{ "quiet", 1 },
		{ "people", 1 },
		{ "radio", 1 },
		{ "nation", 2 },
		{ "protection", 3 },
		{ "conference", 3 },
		{ "don't", 1 },
		{ "you're", 1 },
		{ "well-being", 2 },
		{ "after-school", 3 },
		{ "2025", 1 },
		{ "10.30am", 1 },
		{ "a", 1 },
		{ "I", 1 },
		{ "the", 1 },
		{ "proceedings", 3 },
		{ "Over", 2 },
		{ "stayed", 1 },
		{ "eye", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (syl(words[i].word) != words[i].n) {
			printf("\t%s: want %u, got %u\n", words[i].word,
			    words[i].n, syl(words[i].word));
			CHECK(0);
		} else
			CHECK(1);
}

static void
test_sentences(void)
{
	struct read_stats st;

	st = stats("The cat sat. The dog ran! Did it? Yes.");
	CHECK(st.sentences == 4);
	CHECK(st.words == 9);
	/* Abbreviations and initials do not end a sentence. */
	st =
	    stats("Mr. Jones and Dr. Patel came, e.g. to help. J. Smith left.");
	CHECK(st.sentences == 2);
	CHECK(st.words == 12);
	/* Words that look like abbreviations still end a sentence. */
	st = stats("The cat sat. Say no. It is Mar.");
	CHECK(st.sentences == 3);
	/* Numbers, times and dates are words, not sentence ends. */
	st = stats("We meet at 10.30am on 24.05.2025 with 3.5 hours.");
	CHECK(st.sentences == 1);
	CHECK(st.words == 9);
	/* Each list item is a sentence; so is a heading line. */
	st = stats("What happens next\n\n- Priya visits\n- You go to "
		   "school\n1. Nan helps\n");
	CHECK(st.sentences == 4);
	CHECK(st.words == 11);
	/* A line break inside a paragraph does not end a sentence. */
	st = stats("You can ring me\nat any time.");
	CHECK(st.sentences == 1);
	/* The longest sentence, and where it is. */
	st = stats("Short one. This one has six words in it. End.");
	CHECK(st.longest == 7);
	CHECK(st.longest_at != NULL &&
	    strncmp(st.longest_at, "This one", 8) == 0);
	CHECK(st.longest_len == strlen("This one has six words in it."));
}

static void
test_formulas(void)
{
	struct read_stats st = { 0 };

	CHECK(read_grade(&st) == 0 && read_ease(&st) == 0);
	/* 2 sentences, 11 words, 11 syllables, counted by hand. */
	st = stats("The cat sat on a mat. Happy people like sunny days.");
	CHECK(st.sentences == 2 && st.words == 11 && st.syllables == 11);
	CHECK(st.long_words == 0);
	CHECK(fabs(read_grade(&st) -
		  (0.39 * 5.5 + 11.8 * 11.0 / 11.0 - 15.59)) < 1e-9);
	CHECK(fabs(read_ease(&st) -
		  (206.835 - 1.015 * 5.5 - 84.6 * 11.0 / 11.0)) < 1e-9);
	st = stats("Proceedings.");
	CHECK(st.long_words == 1);
}

/* --grade FILE: the grade of a text, for scripts/readability-vs-style.sh */
static int
grade_of(const char *path, int stats_too)
{
	static char	  buf[1 << 20];
	struct read_stats st = { 0 };
	FILE		 *f = fopen(path, "r");
	size_t		  n;

	if (f == NULL)
		return 1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	read_text(&st, buf, n);
	if (stats_too)
		printf("%.2f %zu %zu %.2f\n", read_grade(&st), st.words,
		    st.sentences, (double)st.syllables / (double)st.words);
	else
		printf("%.2f\n", read_grade(&st));
	return 0;
}

/* The words of a text, one after another, as plain.c reads them. */
static void
test_next_word(void)
{
	const char *s = "- Don't stop, 'twas well-being at 10.30am; x-";
	const char *want[] = { "Don't", "stop", "twas", "well-being", "at",
		"10.30am", "x" };
	size_t	    at = 0, w, len, n = 0;
	bool	    ok = true;

	while (read_next_word(s, strlen(s), &at, &w, &len)) {
		ok = ok && n < LEN(want) && len == strlen(want[n]) &&
		    memcmp(s + w, want[n], len) == 0 && at == w + len;
		n++;
	}
	CHECK(ok && n == LEN(want));
	at = 3;
	CHECK(read_next_word(s, strlen(s), &at, &w, &len) && w == 3 &&
	    len == 4); /* "on't": it starts where it is asked to */
	at = 0;
	CHECK(!read_next_word(" -- ", 4, &at, &w, &len) && at == 0);
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--grade") == 0)
		return grade_of(argv[2], 0);
	if (argc == 3 && strcmp(argv[1], "--stats") == 0)
		return grade_of(argv[2], 1);
	test_syllables();
	test_sentences();
	test_formulas();
	test_next_word();
	return t_done();
}
