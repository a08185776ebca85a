/* SPDX-License-Identifier: ISC */
/*
 * readdir() order is whatever the file system keeps, so listings are
 * sorted before use: the same site gives the same output on any disk.
 * Files are read with one read loop into the arena; the size is checked
 * with fstat before allocating, and again while reading in case the file
 * grows.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
