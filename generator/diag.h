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

struct srcpos {
	const char *file; /* relative to the site root; NULL if no file */
	unsigned    line; /* 1-based; 0 if unknown */
	unsigned    col;  /* 1-based; 0 if unknown */
};

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

/* Report a problem with the user's input.  Always returns -1. */
int diag_error(const struct srcpos *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void diag_warning(const struct srcpos *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void diag_note(const struct srcpos *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Report a failed system call on 'path' with strerror(errno).  Returns -1. */
int diag_syserr(const char *path, const char *what);

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
