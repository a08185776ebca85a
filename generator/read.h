/* SPDX-License-Identifier: ISC */
/*
 * How easy a text is to read: sentences, words and syllables counted
 * for English, and the usual formulas on them (Flesch reading ease,
 * Flesch-Kincaid grade).  The text is plain: the words a reader will
 * see, after their versions are chosen and Markdown is taken off.
 *
 * Sentences end at '.', '!' or '?' before a space or the end, but not
 * after a known abbreviation ("Mr.", "e.g."), an initial ("J. Smith") or
 * inside a number ("10.30am").  A line break ends a sentence too when
 * the line is a list item or a heading, and a blank line always does,
 * so each list item counts as a sentence.  A word is a run of letters
 * and digits, with ' and - inside it ("don't", "well-being"); a number
 * is a word of one syllable.
 */
#ifndef READ_H
#define READ_H

#include <stdbool.h>
#include <stddef.h>

struct read_stats {
	size_t	    sentences;
	size_t	    words;
	size_t	    syllables;
	size_t	    long_words; /* of three syllables or more */
	size_t	    longest;	/* words in the longest sentence */
	const char *longest_at; /* where that sentence starts */
	size_t	    longest_len;
	/* If set, called for each sentence: its bytes from and to in the
	   text given to read_text(), and its words. */
	void (*each)(void *arg, size_t from, size_t to, size_t words);
	void *arg;
};

/*
 * True if byte 'i' of 's' ('len' bytes) is part of a word: a letter or
 * digit (or any byte of a UTF-8 character), or ' - between two of them,
 * or . : after a digit and before a letter or digit ("10.30am").
 */
bool read_word_char(const char *s, size_t len, size_t i);

/*
 * The next word of 's' ('len' bytes) at or after '*at', a run of bytes
 * that are part of one: sets '*word' and '*wlen' to it and '*at' after
 * it.  False if there is none.
 */
bool read_next_word(const char *s, size_t len, size_t *at, size_t *word,
    size_t *wlen);

/* Count the sentences, words and syllables of 's' into 'st' (added). */
void read_text(struct read_stats *st, const char *s, size_t len);

/* The syllables of one English word of 'len' bytes (at least 1). */
unsigned read_syllables(const char *word, size_t len);

/* Flesch-Kincaid grade: 0.39 w/s + 11.8 syl/w - 15.59 (0 if empty). */
double read_grade(const struct read_stats *);

/* Flesch reading ease: 206.835 - 1.015 w/s - 84.6 syl/w. */
double read_ease(const struct read_stats *);

#endif /* !READ_H */
