/* SPDX-License-Identifier: ISC */
/*
 * What the fuzz targets share.  Each target (fuzz_NAME.c) defines
 * LLVMFuzzerTestOneInput(), which feeds one input to one part of kindly
 * and returns.  It is linked twice: with libFuzzer (make fuzz, clang,
 * build-fuzz/fuzz_NAME), and with replay.c (make check, any compiler,
 * BUILD/replay_NAME), which runs it on each file of
 * tests/fuzz/regress/NAME/.  A target must give the same result for the
 * same input however often it runs, so everything it makes is released
 * before it returns and no state is kept from one input to the next.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Start an input: diagnostic counts at zero, and standard error and
 * output going into memory instead of the terminal (libFuzzer and the
 * sanitizers write to file descriptor 2 directly, so their reports are
 * still seen).  With FUZZ_VERBOSE=1 in the environment, what kindly said
 * is printed at fuzz_end(), to look at a finding.
 */
void fuzz_begin(void);

/*
 * End an input: the streams back.  Returns what kindly wrote while it
 * ran (valid until the next fuzz_begin()).
 */
const char *fuzz_end(void);

/* Print 'what' and what kindly said, then abort(): a finding. */
void fuzz_fail(const char *what, const char *text) __attribute__((noreturn));

/*
 * A copy of the fixture site tests/fuzz/site, made once in a temporary
 * folder that is removed at exit; returns its path.
 */
const char *fuzz_site(void);

/*
 * Write 'len' bytes to 'rel' inside fuzz_site() (the folders must
 * exist), or with 'data' NULL, remove it.  Failing is fatal.
 */
void fuzz_site_put(const char *rel, const char *data, size_t len);

/* The fixture's file 'rel' (in tests/fuzz/site), read once; sets *len. */
const char *fuzz_fixture(const char *rel, size_t *len);

/*
 * Run 'kindly check' on fuzz_site() in this process (one worker, JSON
 * reports), between fuzz_begin() and fuzz_end().  The fixture's theme is
 * a built-in one, so a template error can only mean that a built-in
 * theme failed on input that passed every check: a finding, as is a
 * status other than "done" or "errors in the site".
 */
void fuzz_check_site(void);

/*
 * Load and check the one case of fuzz_site(), cases/fuzz, as 'kindly
 * check' does before it renders a case, against the site's settings,
 * staff, kinds and lexicon, loaded once (so they must not change).
 * Returns 0 if nothing was an error, else -1.
 */
int fuzz_check_case(void);

#endif /* !FUZZ_H */
