/* SPDX-License-Identifier: ISC */
/*
 * Counters are process-wide: one build runs at a time.  A progress line
 * in flight is cleared before any diagnostic so that the two never mix.
 */
#define DIAG_AREA "system"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

const char *const diag_codes[] = {
	/* The kind's rules (check.c, content.c) */
	"missing-field", "empty-field", "few-items", "too-short", "vague",
	"date-too-far", "no-version", "unknown-field", "html",
	/* Each reader (audience.c, plain.c) */
	"empty-for-reader", "reading-grade", "jargon", "looked-after",
	"long-sentence", "passive", "all-caps", "third-person", "disliked-word"
};
const size_t diag_ncodes = sizeof(diag_codes) / sizeof(*diag_codes);

static const char *const  level_names[] = { "note", "warning", "error" };
static size_t		  counts[DIAG_ERROR + 1];
static size_t		  nallowed;	  /* warnings not shown */
static bool		  progress_on;	  /* may print progress at all */
static bool		  progress_shown; /* a progress line is on screen */
static enum diag_format	  format = DIAG_TEXT;
static const char *const *allow;
static size_t		  nallow;
static bool		  last_allowed; /* the last warning was allowed */
static FILE		 *sink;		/* diag_capture(), or NULL */
static bool		  muted;	/* diag_mute(): say and count nothing */
static size_t		  held[DIAG_ERROR + 1]; /* reported to the sink */
static size_t		  nheld;		/* allowed while capturing */

struct report {
	enum diag_level	     lvl;
	const struct srcpos *pos;
	const char	    *code;
	const char	    *reader;
	const char	    *suggestion;
};

static void vreport(const struct report *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static void
clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = false;
	}
}

void
diag_json_str(FILE *f, const char *s)
{
	if (s == NULL) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

static void
json_report(const struct report *r, const char *msg)
{
	const struct srcpos *pos = r->pos;
	FILE		    *o = sink != NULL ? sink : stdout;

	fputs("{\"file\":", o);
	diag_json_str(o, pos != NULL ? pos->file : NULL);
	fprintf(o, ",\"line\":%u,\"col\":%u,\"severity\":\"%s\",\"code\":",
	    pos != NULL ? pos->line : 0, pos != NULL ? pos->col : 0,
	    level_names[r->lvl]);
	diag_json_str(o, r->code);
	fputs(",\"message\":", o);
	diag_json_str(o, msg);
	fputs(",\"suggestion\":", o);
	diag_json_str(o, r->suggestion);
	fputs(",\"reader\":", o);
	diag_json_str(o, r->reader);
	fputs("}\n", o);
}

static void
vreport(const struct report *r, const char *fmt, va_list ap)
{
	const struct srcpos *pos = r->pos;
	char		     msg[4096];
	FILE		    *o = sink != NULL ? sink : stderr;

	if (muted)
		return;
	clear_progress();
	if (sink != NULL)
		held[r->lvl]++;
	else
		counts[r->lvl]++;
	if (format == DIAG_JSON) {
		vsnprintf(msg, sizeof(msg), fmt, ap);
		json_report(r, msg);
		return;
	}
	if (pos != NULL && pos->file != NULL) {
		if (pos->line > 0 && pos->col > 0)
			fprintf(o, "%s:%u:%u: ", pos->file, pos->line,
			    pos->col);
		else if (pos->line > 0)
			fprintf(o, "%s:%u: ", pos->file, pos->line);
		else
			fprintf(o, "%s: ", pos->file);
	} else
		fputs("kindly: ", o);
	fprintf(o, "%s: ", level_names[r->lvl]);
	vfprintf(o, fmt, ap);
	fputc('\n', o);
}

static bool
allowed(const char *code)
{
	size_t i;

	for (i = 0; i < nallow; i++)
		if (strcmp(allow[i], code) == 0)
			return true;
	return false;
}

int
diag_error_in(const char *area, const struct srcpos *pos, const char *fmt, ...)
{
	struct report r = { DIAG_ERROR, pos, area, NULL, NULL };
	va_list	      ap;

	last_allowed = false;
	va_start(ap, fmt);
	vreport(&r, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_advice(const struct srcpos *pos, const char *code, const char *reader,
    const char *suggestion, const char *fmt, ...)
{
	struct report r = { DIAG_WARNING, pos, code, reader, suggestion };
	va_list	      ap;

	if ((last_allowed = allowed(code))) {
		if (!muted)
			(*(sink != NULL ? &nheld : &nallowed))++;
		return;
	}
	va_start(ap, fmt);
	vreport(&r, fmt, ap);
	va_end(ap);
}

void
diag_note(const struct srcpos *pos, const char *fmt, ...)
{
	struct report r = { DIAG_NOTE, pos, "note", NULL, NULL };
	va_list	      ap;

	if (last_allowed)
		return;
	va_start(ap, fmt);
	vreport(&r, fmt, ap);
	va_end(ap);
}

void
diag_set_format(enum diag_format f)
{
	format = f;
}

enum diag_format
diag_get_format(void)
{
	return format;
}

void
diag_allow(const char *const *codes, size_t n)
{
	allow = codes;
	nallow = n;
}

size_t
diag_allowed(void)
{
	return nallowed + nheld;
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
	return counts[lvl] + held[lvl];
}

void
diag_reset(void)
{
	memset(counts, 0, sizeof(counts));
	nallowed = 0;
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

void
diag_mute(bool on)
{
	muted = on;
}

void
diag_capture(FILE *f)
{
	sink = f;
}

void
diag_capture_end(size_t n[DIAG_ERROR + 1], size_t *allowed)
{
	size_t i;

	for (i = 0; i <= DIAG_ERROR; i++) {
		n[i] = held[i];
		held[i] = 0;
	}
	*allowed = nheld;
	nheld = 0;
	sink = NULL;
}

void
diag_pass(const char *s, size_t len, const size_t n[DIAG_ERROR + 1],
    size_t allowed)
{
	size_t i;

	if (len > 0) {
		clear_progress();
		fwrite(s, 1, len, format == DIAG_JSON ? stdout : stderr);
	}
	for (i = 0; i <= DIAG_ERROR; i++)
		counts[i] += n[i];
	nallowed += allowed;
}
