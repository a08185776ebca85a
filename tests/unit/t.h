/* SPDX-License-Identifier: ISC */
/* Minimal unit-test harness; t_done() prints "N passed, N failed" last. */
#ifndef T_H
#define T_H

#include <stdio.h>
#include <string.h>
#include <time.h>

static int t_passed, t_failed;

#define CHECK(cond)	     t_check((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_STR(got, want) t_check_str((got), (want), __FILE__, __LINE__)

static inline void
t_check(int ok, const char *expr, const char *file, int line)
{
	if (ok) {
		t_passed++;
		return;
	}
	t_failed++;
	fprintf(stdout, "%s:%d: check failed: %s\n", file, line, expr);
}

static inline void
t_check_str(const char *got, const char *want, const char *file, int line)
{
	int ok = got != NULL && strcmp(got, want) == 0;

	t_check(ok, "strings equal", file, line);
	if (!ok)
		fprintf(stdout, "\twant \"%s\"\n\tgot  \"%s\"\n", want,
		    got == NULL ? "(null)" : got);
}

/* Seconds on a steady clock, to bound how long a big input takes. */
static inline double
t_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline int
t_done(void)
{
	printf("%d passed, %d failed\n", t_passed, t_failed);
	return t_failed == 0 ? 0 : 1;
}

#endif /* !T_H */
