/* SPDX-License-Identifier: ISC */
/*
 * Counters are process-wide: one build runs at a time.  A progress line
 * in flight is cleared before any diagnostic so that the two never mix.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

static const char *const level_names[] = { "note", "warning", "error" };
static size_t		 counts[DIAG_ERROR + 1];
static bool		 progress_on;	 /* may print progress at all */
static bool		 progress_shown; /* a progress line is on screen */

static void vreport(enum diag_level, const struct srcpos *, const char *,
    va_list) __attribute__((format(printf, 3, 0)));

static void
clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = false;
	}
}

static void
vreport(enum diag_level lvl, const struct srcpos *pos, const char *fmt,
    va_list ap)
{
	clear_progress();
	counts[lvl]++;
	if (pos != NULL && pos->file != NULL) {
		if (pos->line > 0 && pos->col > 0)
			fprintf(stderr, "%s:%u:%u: ", pos->file, pos->line,
			    pos->col);
		else if (pos->line > 0)
			fprintf(stderr, "%s:%u: ", pos->file, pos->line);
		else
			fprintf(stderr, "%s: ", pos->file);
	} else
		fputs("kindly: ", stderr);
	fprintf(stderr, "%s: ", level_names[lvl]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
diag_error(const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_warning(const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_WARNING, pos, fmt, ap);
	va_end(ap);
}

void
diag_note(const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(DIAG_NOTE, pos, fmt, ap);
	va_end(ap);
}

int
diag_syserr(const char *path, const char *what)
{
	struct srcpos pos = { path, 0, 0 };

	return diag_error(&pos, "%s: %s", what, strerror(errno));
}

size_t
diag_count(enum diag_level lvl)
{
	return counts[lvl];
}

void
diag_reset(void)
{
	memset(counts, 0, sizeof(counts));
}

void
diag_summary(void)
{
	size_t e = counts[DIAG_ERROR], w = counts[DIAG_WARNING];

	clear_progress();
	if (e == 0 && w == 0)
		return;
	fputs("kindly: ", stderr);
	if (e > 0)
		fprintf(stderr, "%zu error%s", e, e == 1 ? "" : "s");
	if (e > 0 && w > 0)
		fputs(", ", stderr);
	if (w > 0)
		fprintf(stderr, "%zu warning%s", w, w == 1 ? "" : "s");
	fputc('\n', stderr);
}

void
diag_progress_enable(bool on)
{
	progress_on = on && isatty(STDERR_FILENO);
}

void
diag_progress(const char *fmt, ...)
{
	va_list ap;

	if (!progress_on)
		return;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_shown = true;
}

void
diag_progress_end(void)
{
	clear_progress();
}
