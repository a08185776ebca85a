/* SPDX-License-Identifier: ISC */
/*
 * One pass over the text.  Syllables are counted by the rule GNU style
 * uses, so that kindly's grades can be checked against a tool councils
 * already have: each vowel (a, e, i, o, u or y) followed by a letter
 * that is not one is a syllable, after a final "ed" is dropped, and
 * every word has at least one.  The rule undercounts some words
 * ("people" is one), but the targets are set on the same scale, and
 * tests/readability holds 24 texts on which the two agree within 1.0.
 * Unlike style, kindly ignores case ("Over" is two) and keeps "don't"
 * as one word.
 */
#include <stdbool.h>
#include <string.h>

#include "read.h"
#include "util.h"

/* Abbreviations whose '.' does not end a sentence (compared without it). */
/* Not "no", "sat" or "mar", which are words too. */
static const char *const abbrevs[] = { "mr", "mrs", "ms", "dr", "st", "prof",
	"rev", "e.g", "i.e", "etc", "approx", "tel", "vs", "cllr", "jr", "dept",
	"tues", "thurs", "jan", "feb", "apr", "jul", "aug", "sept", "oct",
	"nov" };

/* A vowel for counting syllables, in either case. */
static inline bool
vowel(char c)
{
	switch (c) {
	case 'a':
	case 'e':
	case 'i':
	case 'o':
	case 'u':
	case 'y':
	case 'A':
	case 'E':
	case 'I':
	case 'O':
	case 'U':
	case 'Y': return true;
	default: return false;
	}
}

static unsigned
part_syllables(const char *w, size_t n)
{
	unsigned count = 0;
	size_t	 i, m = n;

	if (n == 0)
		return 0;
	if (n >= 2 && util_tolower((unsigned char)w[n - 2]) == 'e' &&
	    util_tolower((unsigned char)w[n - 1]) == 'd')
		m = n - 2; /* a final "ed", in any case, is not counted */
	/* One pass: a vowel before a letter that is not one, in the first
	   m bytes; and a digit anywhere makes it a number. */
	for (i = 0; i < n; i++) {
		if (util_digit((unsigned char)w[i]))
			return 1; /* a number is said as one word, short */
		count += i + 1 < m && vowel(w[i]) && !vowel(w[i + 1]);
	}
	return count > 0 ? count : 1;
}

unsigned
read_syllables(const char *word, size_t len)
{
	char	 buf[64];
	size_t	 i, n = 0, start = 0;
	unsigned total = 0;

	/* Most words have neither: count them where they are. */
	if (len <= sizeof(buf) && memchr(word, '\'', len) == NULL &&
	    memchr(word, '-', len) == NULL)
		return len > 0 ? part_syllables(word, len) : 1;
	/* Apostrophes go ("don't" is "dont"); hyphens join parts. */
	for (i = 0; i <= len; i++) {
		if (i == len || word[i] == '-') {
			total += part_syllables(buf + start, n - start);
			start = n;
			continue;
		}
		if (word[i] != '\'' && n < sizeof(buf))
			buf[n++] = word[i];
	}
	return total > 0 ? total : 1;
}

/* read_word_char(), here where the loops over every byte can inline it. */
static inline bool
word_char(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (util_alnum(c) || c >= 0x80)
		return true;
	/* ' - . : inside a word or number: don't, well-being, 10.30 */
	return (c == '\'' || c == '-' ||
		   ((c == '.' || c == ':') && i > 0 &&
		       util_digit((unsigned char)s[i - 1]))) &&
	    i > 0 && i + 1 < len && util_alnum((unsigned char)s[i - 1]) &&
	    util_alnum((unsigned char)s[i + 1]);
}

bool
read_word_char(const char *s, size_t len, size_t i)
{
	return word_char(s, len, i);
}

bool
read_next_word(const char *s, size_t len, size_t *at, size_t *word,
    size_t *wlen)
{
	size_t i = *at;

	while (i < len && !word_char(s, len, i))
		i++;
	if (i >= len)
		return false;
	*word = i;
	while (i < len && word_char(s, len, i))
		i++;
	*wlen = i - *word;
	*at = i;
	return true;
}

/*
 * If the word at 'word' runs on with dots to an abbreviation or an
 * initial ("Mr.", "e.g.", "J."), the offset after its last dot; else 0.
 */
static size_t
abbreviation(const char *s, size_t len, size_t word)
{
	size_t end = word, n;

	while (
	    end < len && (util_alpha((unsigned char)s[end]) || s[end] == '.'))
		end++;
	if (end == word || s[end - 1] != '.')
		return 0;
	n = end - 1 - word;

	if (n == 1 && util_upper((unsigned char)s[word]))
		return end; /* J. Smith */
	return util_word_in(s + word, n, abbrevs, LEN(abbrevs)) ? end : 0;
}

/* A line that is a list item: "- ", "* ", "+ " or "12. " first. */
static bool
list_item(const char *s, size_t len, size_t i)
{
	size_t k = i;

	while (k < len && s[k] == ' ')
		k++;
	if (k + 1 < len && strchr("-*+", s[k]) != NULL && s[k + 1] == ' ')
		return true;
	while (k < len && util_digit((unsigned char)s[k]))
		k++;
	return k > i && k + 1 < len && (s[k] == '.' || s[k] == ')') &&
	    s[k + 1] == ' ';
}

struct sent {
	struct read_stats *st;
	size_t		   words;
	size_t		   start;
};

static void
end_sentence(struct sent *se, const char *s, size_t at)
{
	if (se->words == 0)
		return;
	se->st->sentences++;
	if (se->st->each != NULL)
		se->st->each(se->st->arg, se->start, at, se->words);
	if (se->words > se->st->longest) {
		se->st->longest = se->words;
		se->st->longest_at = s + se->start;
		se->st->longest_len = at - se->start;
	}
	se->words = 0;
}

void
read_text(struct read_stats *st, const char *s, size_t len)
{
	struct sent se = { st, 0, 0 };
	size_t	    i = 0, w, k;
	unsigned    syl;
	bool	    line_item = list_item(s, len, 0);

	while (i < len) {
		if ((i == 0 || s[i - 1] == '\n') && list_item(s, len, i)) {
			while (s[i] == ' ')
				i++;
			while (!util_space((unsigned char)s[i]))
				i++; /* the item's mark is not a word */
			continue;
		}
		if (s[i] == '\n') {
			/* A blank line, or the end of a list item, ends it. */
			k = i + 1;
			while (k < len &&
			    (s[k] == ' ' || s[k] == '\t' || s[k] == '\r'))
				k++;
			if (line_item || k >= len || s[k] == '\n' ||
			    list_item(s, len, i + 1))
				end_sentence(&se, s, i);
			line_item = list_item(s, len, i + 1);
			i++;
			continue;
		}
		if (!word_char(s, len, i) || s[i] == '\'' || s[i] == '-') {
			if ((s[i] == '.' || s[i] == '!' || s[i] == '?') &&
			    (i + 1 >= len ||
				util_space((unsigned char)s[i + 1]) ||
				strchr("\"')]", s[i + 1]) != NULL))
				end_sentence(&se, s, i + 1);
			i++;
			continue;
		}
		for (w = i; i < len && word_char(s, len, i); i++)
			;
		if (se.words == 0)
			se.start = w;
		syl = read_syllables(s + w, i - w);
		if (i < len && s[i] == '.' && (k = abbreviation(s, len, w)) > 0)
			i = k; /* "Mr." and "e.g." do not end a sentence */
		st->words++;
		se.words++;
		st->syllables += syl;
		st->long_words += syl >= 3;
	}
	end_sentence(&se, s, len);
}

double
read_grade(const struct read_stats *st)
{
	if (st->words == 0 || st->sentences == 0)
		return 0;
	return 0.39 * (double)st->words / (double)st->sentences +
	    11.8 * (double)st->syllables / (double)st->words - 15.59;
}

double
read_ease(const struct read_stats *st)
{
	if (st->words == 0 || st->sentences == 0)
		return 0;
	return 206.835 - 1.015 * (double)st->words / (double)st->sentences -
	    84.6 * (double)st->syllables / (double)st->words;
}
