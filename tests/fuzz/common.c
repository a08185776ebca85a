/* SPDX-License-Identifier: ISC */
/*
 * What the fuzz targets share (fuzz.h): quiet streams around each input,
 * and a temporary copy of the fixture site for the targets that run
 * 'kindly check' on a whole site.  FUZZ_ROOT is the source tree, set by
 * the Makefile.
 */
#define _XOPEN_SOURCE 700 /* nftw() */

#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "build.h"
#include "diag.h"
#include "fuzz.h"
#include "pool.h"
#include "site.h"

#ifndef FUZZ_ROOT
#define FUZZ_ROOT "."
#endif
#define FIXTURE FUZZ_ROOT "/tests/fuzz/site"

/* The fixture's files, copied into the temporary site. */
static const char *const fixture_files[] = {
	"site.yaml",
	"staff.yaml",
	"cases/fuzz/case.yaml",
	"cases/fuzz/doc.md",
	"cases/fuzz/drawing.png",
};
static const char *const fixture_dirs[] = { "cases", "cases/fuzz", "kinds" };

static struct {
	const char *rel;
	char	   *data;
	size_t	    len;
} cache[sizeof(fixture_files) / sizeof(*fixture_files)];

static FILE  *mem;		     /* standard error and output, meanwhile */
static FILE  *saved_err, *saved_out; /* the real ones */
static char  *said;		     /* what the last input made kindly say */
static size_t said_len;
static char   site_dir[4096]; /* fuzz_site(), once made */

static void die(const char *, const char *) __attribute__((noreturn));

static void
die(const char *what, const char *path)
{
	fprintf(saved_err != NULL ? saved_err : stderr, "fuzz: %s %s: %s\n",
	    what, path, strerror(errno));
	abort();
}

void
fuzz_begin(void)
{
	free(said);
	said = NULL;
	said_len = 0;
	diag_reset();
	if ((mem = open_memstream(&said, &said_len)) == NULL)
		die("cannot open", "a memory stream");
	fflush(stdout);
	fflush(stderr);
	/* glibc's stderr and stdout are variables that may be set. */
	saved_err = stderr;
	saved_out = stdout;
	stderr = mem;
	stdout = mem;
}

const char *
fuzz_end(void)
{
	const char *verbose = getenv("FUZZ_VERBOSE");

	stderr = saved_err;
	stdout = saved_out;
	fclose(mem);
	mem = NULL;
	if (verbose != NULL && strcmp(verbose, "1") == 0)
		fprintf(stderr, "%s", said);
	return said;
}

void
fuzz_fail(const char *what, const char *text)
{
	if (mem != NULL)
		(void)fuzz_end();
	fprintf(stderr, "fuzz: %s\n%s", what, text != NULL ? text : "");
	abort();
}

/* 'dir'/'rel' into 'out' of 'size' bytes; too long is fatal. */
static void
join(char *out, size_t size, const char *dir, const char *rel)
{
	int n = snprintf(out, size, "%s/%s", dir, rel);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		die("cannot name", rel);
	}
}

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long  n = 0;

	if (f == NULL || fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) == -1 ||
	    (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n)
		die("cannot read", path);
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

const char *
fuzz_fixture(const char *rel, size_t *len)
{
	char   path[4096];
	size_t i;

	for (i = 0; i < sizeof(cache) / sizeof(*cache); i++) {
		if (cache[i].rel == NULL) {
			join(path, sizeof(path), FIXTURE, rel);
			cache[i].rel = rel;
			cache[i].data = read_all(path, &cache[i].len);
		}
		if (strcmp(cache[i].rel, rel) == 0) {
			*len = cache[i].len;
			return cache[i].data;
		}
	}
	errno = ENOENT;
	die("no such fixture file", rel);
}

static int
remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static void
remove_site(void)
{
	size_t i;

	if (*site_dir != '\0')
		(void)nftw(site_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	for (i = 0; i < sizeof(cache) / sizeof(*cache); i++)
		free(cache[i].data);
	free(said);
}

const char *
fuzz_site(void)
{
	const char *tmp = getenv("TMPDIR");
	char	    path[4096];
	size_t	    i, len;
	const char *data;

	if (*site_dir != '\0')
		return site_dir;
	join(site_dir, sizeof(site_dir),
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp", "kindly-fuzz-XXXXXX");
	if (mkdtemp(site_dir) == NULL)
		die("cannot make", site_dir);
	atexit(remove_site);
	for (i = 0; i < sizeof(fixture_dirs) / sizeof(*fixture_dirs); i++) {
		join(path, sizeof(path), site_dir, fixture_dirs[i]);
		if (mkdir(path, 0700) == -1)
			die("cannot make", path);
	}
	for (i = 0; i < sizeof(fixture_files) / sizeof(*fixture_files); i++) {
		data = fuzz_fixture(fixture_files[i], &len);
		fuzz_site_put(fixture_files[i], data, len);
	}
	return site_dir;
}

void
fuzz_site_put(const char *rel, const char *data, size_t len)
{
	char  path[4096];
	FILE *f;

	join(path, sizeof(path), fuzz_site(), rel);
	if (data == NULL) {
		if (unlink(path) == -1 && errno != ENOENT)
			die("cannot remove", path);
		return;
	}
	if ((f = fopen(path, "wb")) == NULL || fwrite(data, 1, len, f) != len ||
	    fclose(f) != 0)
		die("cannot write", path);
}

void
fuzz_check_site(void)
{
	struct build_opts o;
	char		  out[4096];
	enum build_status st;
	const char	 *text;

	memset(&o, 0, sizeof(o));
	join(out, sizeof(out), fuzz_site(), "public");
	o.site = fuzz_site();
	o.outdir = out;
	o.dry = true; /* kindly check: render everything, write nothing */
	o.jobs = 1;
	o.books = true;
	o.pages = true;
	fuzz_begin();
	diag_set_format(DIAG_JSON);
	st = build_run(&o);
	diag_set_format(DIAG_TEXT);
	text = fuzz_end();
	if (st != BUILD_OK && st != BUILD_INPUT)
		fuzz_fail("kindly check ended with a status other than 0 or 1",
		    text);
	if (strstr(text, "\"code\":\"template\"") != NULL)
		fuzz_fail("a built-in theme failed on input that passed its "
			  "checks",
		    text);
	/* pool.c keeps it for the process: the next build would render
	   nothing. */
	if (pool_flagged())
		fuzz_fail("the build left the worker pool's flag raised", text);
}

int
fuzz_check_case(void)
{
	static struct site  site;
	static struct arena perm;
	static bool	    loaded;
	struct arena	    a = { 0 };
	int		    rc;

	if (!loaded) {
		fuzz_begin();
		if (site_load_base(&site, &perm, fuzz_site()) == -1 ||
		    site.nfamilies != 1)
			fuzz_fail("the fixture site does not load", fuzz_end());
		(void)fuzz_end();
		loaded = true;
	}
	fuzz_begin();
	rc = site_load_family(&site, &site.families[0], &a);
	site_unload_family(&site.families[0]);
	arena_release(&a);
	(void)fuzz_end();
	return rc;
}
