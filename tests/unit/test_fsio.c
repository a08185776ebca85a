/* SPDX-License-Identifier: ISC */
/*
 * Tests for fsio: below the site's folder no link is followed, at any
 * part of a path, and only regular files are read; outside it, and for
 * the site's folder itself, links are the user's own and are followed.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp(), symlink() */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fsio.h"
#include "t.h"

static char top[64];

static const char *
at(struct arena *a, const char *rel)
{
	return arena_printf(a, "%s/%s", top, rel);
}

static void
put(struct arena *a, const char *rel, const char *text)
{
	FILE *f = fopen(at(a, rel), "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static void
setup(struct arena *a)
{
	strcpy(top, "/tmp/kindly-fsio-XXXXXX");
	if (mkdtemp(top) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	mkdir(at(a, "site"), 0755);
	mkdir(at(a, "site/cases"), 0755);
	mkdir(at(a, "site/cases/bell"), 0755);
	mkdir(at(a, "outside"), 0755);
	put(a, "site/cases/bell/case.yaml", "people: {}\n");
	put(a, "outside/secret.txt", "not the site's\n");
	/* A file, a folder in the middle and a case that are links. */
	(void)symlink("../../../outside/secret.txt",
	    at(a, "site/cases/bell/photo.png"));
	(void)symlink("../../../outside", at(a, "site/cases/bell/pics"));
	(void)symlink("bell", at(a, "site/cases/other"));
	mkfifo(at(a, "site/cases/bell/pipe.md"), 0644);
	/* The site itself given as a link is the user's choice. */
	(void)symlink("site", at(a, "site-link"));
}

static void
teardown(struct arena *a)
{
	const char *const rels[] = { "site/cases/bell/photo.png",
		"site/cases/bell/pics", "site/cases/other",
		"site/cases/bell/pipe.md", "site/cases/bell/case.yaml",
		"outside/secret.txt", "site-link", "site/cases/bell",
		"site/cases", "site", "outside" };
	size_t		  i;

	for (i = 0; i < sizeof(rels) / sizeof(rels[0]); i++)
		(void)remove(at(a, rels[i]));
	(void)remove(top);
}

int
main(void)
{
	struct arena a = { 0 };
	size_t	     len, n, errors, counts[DIAG_ERROR + 1], allowed;
	char	   **names;
	const char  *s;
	FILE	    *sink;
	char	     longname[300];

	setup(&a);
	diag_mute(true); /* the reports are tested by the error cases */
	fsio_site(at(&a, "site"));

	CHECK(fsio_type(at(&a, "site/cases/bell/case.yaml")) == FSIO_FILE);
	CHECK(fsio_type(at(&a, "site/cases/bell")) == FSIO_DIR);
	CHECK(fsio_type(at(&a, "site/cases/bell/none.md")) == FSIO_NONE);
	CHECK(fsio_type(at(&a, "site/cases/bell/photo.png")) == FSIO_LINK);
	CHECK(fsio_type(at(&a, "site/cases/other")) == FSIO_LINK);
	CHECK(fsio_type(at(&a, "site/cases/bell/pipe.md")) == FSIO_OTHER);
	/* A path through a folder that is a link is one too. */
	CHECK(
	    fsio_type(at(&a, "site/cases/bell/pics/secret.txt")) == FSIO_LINK);
	CHECK(fsio_type(at(&a, "site/cases/other/case.yaml")) == FSIO_LINK);
	/* A name too long for the disk names nothing; ".." goes nowhere. */
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK(fsio_type(arena_printf(&a, "%s/site/cases/%s.png", top,
		  longname)) == FSIO_NONE);
	CHECK(fsio_type(at(&a, "site/cases/../cases/bell")) == FSIO_ERROR);
	CHECK(!fsio_is_file(at(&a, "site/cases/bell/photo.png")));
	CHECK(!fsio_is_dir(at(&a, "site/cases/other")));

	CHECK_STR(fsio_link(&a, at(&a, "site/cases/bell/photo.png")),
	    "cases/bell/photo.png");
	CHECK_STR(fsio_link(&a, at(&a, "site/cases/bell/pics/secret.txt")),
	    "cases/bell/pics");
	CHECK_STR(fsio_link(&a, at(&a, "site/cases/other/case.yaml")),
	    "cases/other");
	CHECK(fsio_link(&a, at(&a, "site/cases/bell/case.yaml")) == NULL);

	/* Reading: the site's own file, never a link or a pipe. */
	s = fsio_read(&a, at(&a, "site/cases/bell/case.yaml"), "case.yaml",
	    &len);
	CHECK_STR(s, "people: {}\n");
	CHECK(len == 11);
	CHECK(fsio_read(&a, at(&a, "site/cases/bell/photo.png"), "p", &len) ==
	    NULL);
	CHECK(fsio_read(&a, at(&a, "site/cases/bell/pics/secret.txt"), "p",
		  &len) == NULL);
	CHECK(fsio_read(&a, at(&a, "site/cases/other/case.yaml"), "p", &len) ==
	    NULL);
	CHECK(fsio_read(&a, at(&a, "site/cases/bell/pipe.md"), "p", &len) ==
	    NULL); /* and it returns: a pipe is not opened */
	CHECK(fsio_list(&a, at(&a, "site/cases/other"), "o", &n) == NULL);
	CHECK(fsio_list(&a, at(&a, "site/cases/bell/pics"), "o", &n) == NULL);
	names = fsio_list(&a, at(&a, "site/cases"), "cases", &n);
	CHECK(names != NULL && n == 2);
	CHECK(names != NULL && n == 2 && strcmp(names[0], "bell") == 0 &&
	    strcmp(names[1], "other") == 0);

	/* Outside the site, links are followed: they are the user's. */
	s = fsio_read(&a, at(&a, "outside/secret.txt"), "secret", &len);
	CHECK_STR(s, "not the site's\n");

	/* The site given as a link: its own files read as usual. */
	fsio_site(at(&a, "site-link"));
	CHECK(fsio_type(at(&a, "site-link/cases/bell/case.yaml")) == FSIO_FILE);
	CHECK(fsio_type(at(&a, "site-link/cases/bell/photo.png")) == FSIO_LINK);
	fsio_site(NULL);
	diag_mute(false);

	/* Each refusal is an error the build counts. */
	if ((sink = tmpfile()) != NULL) {
		fsio_site(at(&a, "site"));
		diag_capture(sink);
		errors = diag_count(DIAG_ERROR);
		CHECK(fsio_read(&a, at(&a, "site/cases/bell/photo.png"), "p",
			  &len) == NULL);
		CHECK(diag_count(DIAG_ERROR) == errors + 1);
		diag_capture_end(counts, &allowed);
		fclose(sink);
		fsio_site(NULL);
	}

	teardown(&a);
	arena_release(&a);
	return t_done();
}
