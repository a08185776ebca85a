/* SPDX-License-Identifier: ISC */
/*
 * Diagnostics in compiler format, "file:line:col: level: message", so that
 * editors can jump to the problem.  Paths are relative to the site root.
 * This is the only module that writes to standard error; it also keeps
 * the counts for the summary line and the exit status.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct srcpos {
	const char *file; /* relative to the site root; NULL if no file */
	unsigned    line; /* 1-based; 0 if unknown */
	unsigned    col;  /* 1-based; 0 if unknown */
};

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

enum diag_format {
	DIAG_TEXT, /* file:line:col: level: message */
	DIAG_JSON, /* one JSON object a line, on standard output */
};

/*
 * Each module names the area its errors belong to, for the "code" of
 * --format json, by defining DIAG_AREA before including this header.
 * Errors cannot be allowed; warnings have codes of their own.
 */
#ifndef DIAG_AREA
#define DIAG_AREA "input"
#endif

/* Report a problem with the user's input.  Always returns -1. */
#define diag_error(...) diag_error_in(DIAG_AREA, __VA_ARGS__)
int diag_error_in(const char *area, const struct srcpos *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Advice about what one reader sees: 'reader' is their id, 'suggestion'
 * the words to write instead (or NULL), both for --format json.  'code'
 * is stable, documented in README, and can be allowed.
 */
void diag_advice(const struct srcpos *, const char *code, const char *reader,
    const char *suggestion, const char *, ...)
    __attribute__((format(printf, 5, 6)));

/* Advice about the site, not one reader. */
#define diag_warning(pos, code, ...)                                           \
	diag_advice(pos, code, NULL, NULL, __VA_ARGS__)

/* More about the last error or warning; left out when that was allowed. */
void diag_note(const struct srcpos *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Write 's' as a JSON string to 'f', or null when 's' is NULL. */
void diag_json_str(FILE *f, const char *s);

void		 diag_set_format(enum diag_format);
enum diag_format diag_get_format(void);

/*
 * The warning codes allowed in the document being checked ('codes',
 * 'n' of them, kept by the caller), or none after diag_allow(NULL, 0).
 * An allowed warning is counted, not shown.
 */
void diag_allow(const char *const *codes, size_t n);

/* Every warning code, in README's order. */
extern const char *const diag_codes[];
extern const size_t	 diag_ncodes;
size_t			 diag_allowed(void);

/* Report a failed system call on 'path' with strerror(errno).  Returns -1. */
int diag_syserr(const char *path, const char *what);

/*
 * While 'on', reports are neither shown nor counted: for reading a file
 * only to look ahead, when what is wrong with it is said elsewhere.
 */
void diag_mute(bool on);

/*
 * Write reports to 'f' (text and JSON alike) instead of standard
 * error and output, until diag_capture_end(), which hands over how many
 * of each level were captured ('n') and how many allowed; diag_count()
 * counts them meanwhile, and then no longer.  A worker captures the
 * reports of each piece of work so that the build can pass them on in
 * the order of a one-worker build, with diag_pass(): it writes 'len'
 * bytes of reports where they belong and adds their counts.
 */
void diag_capture(FILE *f);
void diag_capture_end(size_t n[DIAG_ERROR + 1], size_t *allowed);
void diag_pass(const char *s, size_t len, const size_t n[DIAG_ERROR + 1],
    size_t allowed);

/* How many of each level were reported since the last diag_reset(). */
size_t diag_count(enum diag_level);
void   diag_reset(void);

/*
 * Print "kindly: N errors, N warnings" when anything was reported; the
 * last line of a run that had problems.
 */
void diag_summary(void);

/*
 * A one-line progress report, rewritten in place, only when standard
 * error is a terminal and 'enabled' was set by diag_progress_enable().
 * diag_progress_end() clears the line.
 */
void diag_progress_enable(bool);
void diag_progress(const char *, ...) __attribute__((format(printf, 1, 2)));
void diag_progress_end(void);

#endif /* !DIAG_H */
