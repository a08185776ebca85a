/* SPDX-License-Identifier: ISC */
/*
 * The new tree is written to ".NAME.new-XXXXXX" in the same parent
 * folder, so the final rename() stays on one file system and is atomic
 * for each of its two steps.  A marker file tells later builds that a
 * folder is kindly's to replace, and which kind of output it holds.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#define DIAG_AREA "output"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "output.h"
#include "util.h"

#define MARKER_NAME ".kindly-output"
#define MARKER_TEXT                                                            \
	"This folder was made by kindly. The next build replaces it "          \
	"whole.\n"
#define RECORD_LINE "It holds the professional record.\n"

/*
 * What kind of output 'dir' holds, from its marker: OUTPUT_FAMILY,
 * OUTPUT_RECORD, or -1 if it has no marker.
 */
static int
marked(const char *dir)
{
	struct buf b = { 0 };
	char	   text[256];
	ssize_t	   n = -1;
	int	   fd;

	buf_printf(&b, "%s/%s", dir, MARKER_NAME);
	if ((fd = open(b.ptr, O_RDONLY | O_NONBLOCK)) != -1) {
		n = read(fd, text, sizeof(text) - 1);
		close(fd);
	}
	buf_release(&b);
	if (fd == -1)
		return -1;
	text[n > 0 ? n : 0] = '\0';
	return strstr(text, RECORD_LINE) != NULL ? OUTPUT_RECORD
						 : OUTPUT_FAMILY;
}

/*
 * True if 'dir', or a folder above it, holds the family's pages: the
 * record must never be written where a reader's link could reach it.
 */
static bool
in_family_output(const char *dir)
{
	struct buf b = { 0 };
	char	  *real, *slash;
	bool	   found = false;

	buf_puts(&b, dir);
	/* The nearest folder that exists: 'dir' may not be made yet. */
	while ((real = realpath(b.ptr, NULL)) == NULL &&
	    (slash = strrchr(b.ptr, '/')) != NULL) {
		*slash = '\0';
		b.len = (size_t)(slash - b.ptr);
	}
	if (real == NULL)
		real = realpath(".", NULL);
	buf_release(&b);
	while (real != NULL && !found) {
		found = marked(real) == OUTPUT_FAMILY;
		if ((slash = strrchr(real, '/')) == NULL || slash == real)
			break;
		*slash = '\0';
	}
	if (real != NULL && !found && strcmp(real, "/") != 0)
		found = marked("/") == OUTPUT_FAMILY;
	free(real);
	return found;
}

/* Remove 'path' and everything below it; symbolic links are not followed. */
static int
remove_tree(const char *path)
{
	struct stat    st;
	DIR	      *d;
	struct dirent *de;
	struct buf     b = { 0 };
	int	       rc = 0;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		buf_reset(&b);
		buf_printf(&b, "%s/%s", path, de->d_name);
		if (remove_tree(b.ptr) == -1)
			rc = -1;
	}
	closedir(d);
	buf_release(&b);
	if (rmdir(path) == -1)
		rc = -1;
	return rc;
}

/* True if 'dir' is missing, empty, or carries kindly's marker. */
static bool
replaceable(const char *dir)
{
	DIR	      *d;
	struct dirent *de;
	struct buf     b = { 0 };
	bool	       ok = true;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT;
	buf_printf(&b, "%s/%s", dir, MARKER_NAME);
	if (access(b.ptr, F_OK) == 0) {
		closedir(d);
		buf_release(&b);
		return true;
	}
	buf_release(&b);
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			ok = false;
	closedir(d);
	return ok;
}

int
output_begin(struct output *o, const char *dir, enum output_kind kind,
    bool verbose, bool dry)
{
	struct srcpos pos = { dir, 0, 0 };
	struct buf    b = { 0 };
	const char   *slash;

	memset(o, 0, sizeof(*o));
	o->dir = xstrndup(dir, util_dir_len(dir));
	o->verbose = verbose;
	o->dry = dry;
	if (dry)
		return 0;
	pos.file = o->dir;
	if (kind == OUTPUT_RECORD && in_family_output(o->dir)) {
		diag_error(&pos,
		    "will not write the professional record here: it is in "
		    "the family's pages, where a reader could reach it "
		    "(choose a folder outside them with -o)");
		free(o->dir);
		o->dir = NULL;
		return -1;
	}
	if (marked(o->dir) != -1 && marked(o->dir) != (int)kind) {
		diag_error(&pos,
		    kind == OUTPUT_RECORD
			? "will not replace this folder with the record: it "
			  "holds the family's pages (choose another folder "
			  "with -o)"
			: "will not replace this folder with the family's "
			  "pages: it holds the professional record (choose "
			  "another folder with -o)");
		free(o->dir);
		o->dir = NULL;
		return -1;
	}
	if (!replaceable(o->dir)) {
		diag_error(&pos,
		    "will not replace this folder: it is not empty and kindly "
		    "did not make it (choose another folder with -o)");
		free(o->dir);
		o->dir = NULL;
		return -1;
	}
	slash = strrchr(o->dir, '/');
	if (slash == NULL)
		buf_printf(&b, ".%s.new-XXXXXX", o->dir);
	else
		buf_printf(&b, "%.*s/.%s.new-XXXXXX", (int)(slash - o->dir),
		    o->dir, slash + 1);
	if (mkdtemp(b.ptr) == NULL) {
		diag_syserr(b.ptr, "cannot make a folder");
		buf_release(&b);
		return -1;
	}
	o->tmp = b.ptr; /* keeps the buffer's memory */
	if (kind == OUTPUT_RECORD)
		return output_write(o, MARKER_NAME, MARKER_TEXT RECORD_LINE,
		    sizeof(MARKER_TEXT RECORD_LINE) - 1);
	return output_write(o, MARKER_NAME, MARKER_TEXT,
	    sizeof(MARKER_TEXT) - 1);
}

/*
 * Make folder 'path' and any of its parents that are missing, after its
 * first 'skip' bytes.  The folder itself is tried first: its parent
 * usually exists (a page's folder in its reader's), and then one
 * mkdir() is all it takes.
 */
static int
make_dir(char *path, size_t skip)
{
	char *slash;
	int   rc;

	if (mkdir(path, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT || (slash = strrchr(path, '/')) == NULL ||
	    (size_t)(slash - path) <= skip)
		return diag_syserr(path, "cannot make a folder");
	*slash = '\0';
	rc = make_dir(path, skip);
	*slash = '/';
	if (rc == 0 && mkdir(path, 0755) == -1 && errno != EEXIST)
		rc = diag_syserr(path, "cannot make a folder");
	return rc;
}

/* Make every parent folder of 'path' after its first 'skip' bytes. */
static int
make_parents(char *path, size_t skip)
{
	char *slash = strrchr(path, '/');
	int   rc;

	if (slash == NULL || (size_t)(slash - path) <= skip)
		return 0; /* it goes in the top folder */
	*slash = '\0';
	rc = make_dir(path, skip);
	*slash = '/';
	return rc;
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	ssize_t	    w;

	while (len > 0) {
		if ((w = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int
output_write(struct output *o, const char *rel, const void *data, size_t len)
{
	struct buf b = { 0 };
	int	   fd, rc = 0;

	if (!util_path_ok(rel)) {
		struct srcpos pos = { rel, 0, 0 };

		return diag_error(&pos, "refusing to write outside the output");
	}
	o->files++;
	if (o->written != NULL) {
		buf_puts(o->written, rel);
		buf_putc(o->written, '\n');
	}
	if (o->verbose)
		fprintf(o->list != NULL ? o->list : stdout, "%s/%s\n", o->dir,
		    rel);
	if (o->dry)
		return 0;
	buf_printf(&b, "%s/%s", o->tmp, rel);
	if (make_parents(b.ptr, strlen(o->tmp)) == -1) {
		buf_release(&b);
		return -1;
	}
	fd = open(b.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0644);
	if (fd == -1 || write_all(fd, data, len) == -1) {
		rc = diag_syserr(b.ptr, "cannot write");
	}
	if (fd != -1 && close(fd) == -1 && rc == 0)
		rc = diag_syserr(b.ptr, "cannot write");
	buf_release(&b);
	return rc;
}

int
output_move_in(struct output *o, const char *rel)
{
	struct buf from = { 0 }, to = { 0 };
	int	   rc = 0;

	buf_printf(&from, "%s/%s", o->tmp, rel);
	buf_printf(&to, "%s/%s", o->dir, rel);
	if (make_parents(to.ptr, strlen(o->dir)) == -1 ||
	    rename(from.ptr, to.ptr) == -1)
		rc = diag_syserr(to.ptr, "cannot replace");
	buf_release(&from);
	buf_release(&to);
	return rc;
}

void
output_remove(struct output *o, const char *rel)
{
	struct buf b = { 0 };
	char	  *slash;

	buf_printf(&b, "%s/%s", o->dir, rel);
	if (unlink(b.ptr) == 0)
		while ((slash = strrchr(b.ptr + strlen(o->dir) + 1, '/')) !=
		    NULL) {
			*slash = '\0';
			if (rmdir(b.ptr) == -1)
				break; /* not empty: others live there */
		}
	buf_release(&b);
}

int
output_commit(struct output *o)
{
	struct buf old = { 0 };
	int	   rc = 0;

	if (o->dry) {
		free(o->dir);
		o->dir = NULL;
		return 0;
	}
	buf_printf(&old, "%s.old-%ld", o->tmp, (long)getpid());
	if (rename(o->dir, old.ptr) == -1 && errno != ENOENT) {
		rc = diag_syserr(o->dir, "cannot replace");
		output_abort(o);
		buf_release(&old);
		return rc;
	}
	if (rename(o->tmp, o->dir) == -1) {
		rc = diag_syserr(o->dir, "cannot replace");
		(void)rename(old.ptr, o->dir); /* put the old one back */
		output_abort(o);
		buf_release(&old);
		return rc;
	}
	(void)remove_tree(old.ptr);
	buf_release(&old);
	free(o->tmp);
	free(o->dir);
	o->tmp = o->dir = NULL;
	return 0;
}

void
output_abort(struct output *o)
{
	if (o->tmp != NULL) {
		(void)remove_tree(o->tmp);
		free(o->tmp);
	}
	free(o->dir);
	o->tmp = o->dir = NULL;
}
