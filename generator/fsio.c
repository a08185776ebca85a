/* SPDX-License-Identifier: ISC */
/*
 * readdir() order is whatever the file system keeps, so listings are
 * sorted before use: the same site gives the same output on any disk.
 * Files are read with one read loop into the arena; the size is checked
 * with fstat before allocating, and again while reading in case the file
 * grows.
 *
 * A path in the site is walked a folder at a time from the site's
 * folder, each opened with openat(O_NOFOLLOW), and its last part is
 * looked at with fstatat(AT_SYMLINK_NOFOLLOW) before it is opened with
 * O_NOFOLLOW | O_NONBLOCK: a link anywhere on the way is found, not
 * followed, and a pipe cannot make a read wait for ever.  Checking
 * each part with lstat() and then opening the whole path would leave a
 * moment in which a folder could be swapped for a link; a descriptor
 * cannot be swapped.
 */
#define _XOPEN_SOURCE 700 /* realpath(), openat(), fdopendir() */

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
#include "util.h"

static char  *site_root; /* the site's folder, without a trailing '/' */
static size_t site_len;

void
fsio_site(const char *root)
{
	free(site_root);
	site_root = NULL;
	if (root == NULL)
		return;
	site_len = util_dir_len(root);
	site_root = xstrndup(root, site_len);
}

/* 'path' from the site's folder if it is in the site, or NULL. */
static const char *
in_site(const char *path)
{
	const char *p;

	if (site_root == NULL)
		return NULL;
	if (strcmp(site_root, "/") == 0)
		p = path;
	else if (strncmp(path, site_root, site_len) == 0)
		p = path + site_len;
	else
		return NULL;
	if (*p != '/')
		return NULL;
	while (*p == '/')
		p++;
	return p;
}

/*
 * Where the last part of a path is: 'leaf' in folder 'dir'.  In the
 * site, 'dir' is a descriptor reached without following a link; outside
 * it, 'dir' is AT_FDCWD and 'leaf' the whole path.
 */
struct spot {
	int	    dir;
	const char *leaf;
	const char *rel;  /* the path from the site's folder, or NULL */
	size_t	    link; /* if a folder on the way is a link: the length of
			     'rel' up to its end; otherwise 0 */
	char	    name[256];
};

/*
 * Find the folder that holds the last part of 'path'.  Returns 0, or
 * -1 with errno set (ELOOP when a folder on the way is a link, with
 * 'link' set).
 */
static int
spot_find(struct spot *s, const char *path)
{
	const char *p, *next;
	struct stat st;
	size_t	    n;
	int	    fd;

	memset(s, 0, sizeof(*s));
	s->dir = AT_FDCWD;
	s->leaf = path;
	if ((s->rel = in_site(path)) == NULL)
		return 0;
	if ((s->dir = open(site_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
	    -1)
		return -1;
	for (p = s->rel;; p = next) {
		n = strcspn(p, "/");
		for (next = p + n; *next == '/'; next++)
			;
		if (n >= sizeof(s->name)) {
			errno = ENAMETOOLONG;
			break;
		}
		memcpy(s->name, p, n);
		s->name[n] = '\0';
		if (strcmp(s->name, "..") == 0) {
			errno = EACCES; /* never out of the site, nor back */
			break;
		}
		if (*next == '\0') {
			s->leaf = n == 0 ? "." : s->name;
			return 0;
		}
		if (n == 0 || strcmp(s->name, ".") == 0)
			continue;
		fd = openat(s->dir, s->name,
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd == -1) {
			if (fstatat(s->dir, s->name, &st,
				AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode)) {
				s->link = (size_t)(p + n - s->rel);
				errno = ELOOP;
			}
			break;
		}
		close(s->dir);
		s->dir = fd;
	}
	n = (size_t)errno;
	close(s->dir);
	s->dir = -1;
	errno = (int)n;
	return -1;
}

static void
spot_close(struct spot *s)
{
	if (s->dir >= 0)
		close(s->dir);
	s->dir = -1;
}

/* Look at the last part: never through a link in the site. */
static int
spot_stat(const struct spot *s, struct stat *st)
{
	return fstatat(s->dir, s->leaf, st,
	    s->rel != NULL ? AT_SYMLINK_NOFOLLOW : 0);
}

static enum fsio_type
type_of(const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return FSIO_FILE;
	if (S_ISDIR(st->st_mode))
		return FSIO_DIR;
	if (S_ISLNK(st->st_mode))
		return FSIO_LINK;
	return FSIO_OTHER;
}

/* What a failed look at a path means. */
static enum fsio_type
type_of_errno(void)
{
	switch (errno) {
	case ELOOP: return FSIO_LINK;
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG: return FSIO_NONE;
	default: return FSIO_ERROR;
	}
}

enum fsio_type
fsio_type(const char *path)
{
	struct spot    s;
	struct stat    st;
	enum fsio_type t;
	int	       err;

	if (spot_find(&s, path) == -1)
		return type_of_errno();
	t = spot_stat(&s, &st) == 0 ? type_of(&st) : type_of_errno();
	err = errno;
	spot_close(&s);
	errno = err; /* for FSIO_ERROR */
	return t;
}

bool
fsio_is_dir(const char *path)
{
	return fsio_type(path) == FSIO_DIR;
}

bool
fsio_is_file(const char *path)
{
	return fsio_type(path) == FSIO_FILE;
}

int
fsio_stat(const char *path, struct stat *st)
{
	struct spot s;
	int	    rc;

	if (spot_find(&s, path) == -1)
		return -1;
	rc = spot_stat(&s, st);
	spot_close(&s);
	return rc;
}

const char *
fsio_link(struct arena *a, const char *path)
{
	struct spot s;
	struct stat st;
	const char *link = NULL;

	if (spot_find(&s, path) == -1) {
		if (errno == ELOOP && s.link > 0)
			link = arena_strndup(a, s.rel, s.link);
		return link;
	}
	if (s.rel != NULL && spot_stat(&s, &st) == 0 && S_ISLNK(st.st_mode))
		link = arena_strdup(a, s.rel);
	spot_close(&s);
	return link;
}

int
fsio_link_error(const char *path, const char *shown)
{
	struct arena  a = { 0 };
	struct srcpos pos = { shown, 0, 0 };
	const char   *link = fsio_link(&a, path), *rel = in_site(path);
	struct stat   st;
	bool	      dir;

	if (link == NULL || rel == NULL) { /* it changed meanwhile */
		arena_release(&a);
		errno = ELOOP;
		return diag_syserr(shown, "cannot open");
	}
	if (strcmp(link, rel) == 0) {
		/* Only to say what it is: stat() follows the link. */
		dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
		diag_error(&pos,
		    "this is a link to another %s; kindly only uses the "
		    "site's own files (put the %s itself here instead of the "
		    "link)",
		    dir ? "folder" : "file", dir ? "folder" : "file");
	} else
		diag_error(&pos,
		    "'%s' is a link to another folder; kindly only uses the "
		    "site's own files (put the folder itself there instead of "
		    "the link)",
		    link);
	arena_release(&a);
	return -1;
}

/*
 * Open the regular file 'path' for reading and set '*st'.  Returns -1
 * after reporting (as 'shown') a link, anything but a regular file, or
 * a system error.
 */
static int
open_file(const char *path, const char *shown, struct stat *st)
{
	struct srcpos pos = { shown, 0, 0 };
	struct spot   s;
	int	      fd = -1, err;

	if (spot_find(&s, path) == -1)
		return errno == ELOOP ? fsio_link_error(path, shown)
				      : diag_syserr(shown, "cannot open");
	/* A device or a pipe is not even opened: that alone may act. */
	if (s.rel != NULL && spot_stat(&s, st) == 0 && !S_ISREG(st->st_mode))
		fd = -2;
	else if ((fd = openat(s.dir, s.leaf,
		      O_RDONLY | O_NONBLOCK | O_CLOEXEC |
			  (s.rel != NULL ? O_NOFOLLOW : 0))) == -1) {
		err = errno;
		spot_close(&s);
		errno = err;
		return errno == ELOOP && s.rel != NULL
		    ? fsio_link_error(path, shown)
		    : diag_syserr(shown, "cannot open");
	}
	spot_close(&s);
	if (fd >= 0 && fstat(fd, st) == -1) {
		diag_syserr(shown, "cannot read");
		close(fd);
		return -1;
	}
	if (S_ISLNK(st->st_mode))
		return fsio_link_error(path, shown);
	if (!S_ISREG(st->st_mode)) {
		if (fd >= 0)
			close(fd);
		return diag_error(&pos,
		    S_ISDIR(st->st_mode)
			? "this is a folder, where kindly needs a file"
			: "this is not an ordinary file (it is a pipe, a "
			  "device or a socket); kindly only reads ordinary "
			  "files");
	}
	return fd;
}

char *
fsio_read(struct arena *a, const char *path, const char *shown, size_t *len)
{
	struct stat   st;
	struct srcpos pos = { shown, 0, 0 };
	char	     *p;
	size_t	      got = 0;
	ssize_t	      r;
	int	      fd;

	if ((fd = open_file(path, shown, &st)) == -1)
		return NULL;
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
	struct spot    s;
	char	     **names = NULL;
	size_t	       cap = 0;
	int	       fd = -1, err;

	*n = 0;
	if (spot_find(&s, path) == 0) {
		fd = openat(s.dir, s.leaf,
		    O_RDONLY | O_DIRECTORY | O_CLOEXEC |
			(s.rel != NULL ? O_NOFOLLOW : 0));
		err = errno;
		spot_close(&s);
		errno = err;
	}
	if (fd == -1) {
		err = errno;
		if (fsio_type(path) == FSIO_LINK)
			fsio_link_error(path, shown);
		else {
			errno = err;
			diag_syserr(shown, "cannot open folder");
		}
		return NULL;
	}
	if ((d = fdopendir(fd)) == NULL) {
		diag_syserr(shown, "cannot open folder");
		close(fd);
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
