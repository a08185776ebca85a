/* SPDX-License-Identifier: ISC */
/*
 * readdir() order is whatever the file system keeps, so listings are
 * sorted before use: the same site gives the same output on any disk.
 * Files are read with one read loop into the arena; the size is checked
 * with fstat before allocating, and again while reading in case the file
 * grows.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#define DIAG_AREA "system"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "fsio.h"

char *
fsio_read(struct arena *a, const char *path, const char *shown, size_t *len)
{
	struct stat   st;
	struct srcpos pos = { shown, 0, 0 };
	char	     *p;
	size_t	      got = 0;
	ssize_t	      r;
	int	      fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		diag_syserr(shown, "cannot open");
		return NULL;
	}
	if (fstat(fd, &st) == -1) {
		diag_syserr(shown, "cannot read");
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(&pos, "not a regular file");
		close(fd);
		return NULL;
	}
	if (st.st_size > FSIO_MAX_FILE) {
		diag_error(&pos, "file is larger than %d MiB",
		    FSIO_MAX_FILE >> 20);
		close(fd);
		return NULL;
	}
	p = arena_alloc(a, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		r = read(fd, p + got, (size_t)st.st_size - got);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			diag_syserr(shown, "cannot read");
			close(fd);
			return NULL;
		}
		if (r == 0)
			break; /* the file shrank: take what is there */
		got += (size_t)r;
	}
	close(fd);
	p[got] = '\0';
	*len = got;
	return p;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
fsio_list(struct arena *a, const char *path, const char *shown, size_t *n)
{
	DIR	      *d;
	struct dirent *de;
	char	     **names = NULL;
	size_t	       cap = 0;

	*n = 0;
	if ((d = opendir(path)) == NULL) {
		diag_syserr(shown, "cannot open folder");
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = arena_grow(a, names, *n, &cap, sizeof(*names));
		names[(*n)++] = arena_strdup(a, de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof(*names), cmp_names);
	else
		names = arena_alloc(a, sizeof(*names));
	return names;
}

bool
fsio_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
fsio_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * 'path' made absolute with its links resolved, in 'a'.  Parts at the
 * end that do not exist yet are kept as written (without "." or "..").
 * NULL if it cannot be resolved.
 */
static char *
resolve(struct arena *a, const char *path)
{
	char	    buf[PATH_MAX];
	char	   *head = arena_strdup(a, path), *slash;
	const char *tail = "";

	for (;;) {
		if (realpath(*head == '\0' ? "/" : head, buf) != NULL)
			break;
		if ((slash = strrchr(head, '/')) == NULL) {
			/* Relative, and not even its first part exists. */
			tail = *tail == '\0'
			    ? head
			    : arena_printf(a, "%s/%s", head, tail);
			if (realpath(".", buf) == NULL)
				return NULL;
			break;
		}
		if (strcmp(slash + 1, ".") == 0 || strcmp(slash + 1, "..") == 0)
			return NULL;
		tail = *tail == '\0'
		    ? arena_strdup(a, slash + 1)
		    : arena_printf(a, "%s/%s", slash + 1, tail);
		*slash = '\0';
	}
	if (*tail == '\0')
		return arena_strdup(a, buf);
	if (strstr(tail, "/../") != NULL || strncmp(tail, "../", 3) == 0 ||
	    strcmp(tail, "..") == 0)
		return NULL;
	return arena_printf(a, "%s%s%s", buf,
	    buf[strlen(buf) - 1] == '/' ? "" : "/", tail);
}

bool
fsio_inside(struct arena *a, const char *path, const char *dir)
{
	const char *p = resolve(a, path), *d = resolve(a, dir);
	size_t	    n;

	if (p == NULL || d == NULL)
		return false;
	n = strlen(d);
	if (n == 1) /* the root holds everything */
		return true;
	return strncmp(p, d, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

int
fsio_write(struct arena *a, const char *path, const char *buf, size_t len)
{
	const char *tmp = arena_printf(a, "%s.new", path);
	FILE	   *f;
	int	    fd;

	(void)unlink(tmp); /* a stale one may have another mode */
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		return diag_syserr(tmp, "cannot create");
	}
	if (fwrite(buf, 1, len, f) != len || fclose(f) == EOF) {
		diag_syserr(tmp, "cannot write");
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, path) == -1) {
		diag_syserr(path, "cannot replace");
		unlink(tmp);
		return -1;
	}
	return 0;
}
