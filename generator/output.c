/* SPDX-License-Identifier: ISC */
/*
 * The new tree is written to ".NAME.new-XXXXXX" in the same parent
 * folder, so the final rename() stays on one file system and is atomic
 * for each of its two steps.  A marker file tells later builds that a
 * folder is kindly's to replace.
 */
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

static const char marker_text[] =
    "This folder was made by kindly. The next build replaces it whole.\n";

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
output_begin(struct output *o, const char *dir, bool verbose, bool dry)
{
	struct srcpos pos = { dir, 0, 0 };
	struct buf    b = { 0 };
	size_t	      len = strlen(dir);
	const char   *slash;

	memset(o, 0, sizeof(*o));
	while (len > 1 && dir[len - 1] == '/')
		len--;
	o->dir = xstrndup(dir, len);
	o->verbose = verbose;
	o->dry = dry;
	if (dry)
		return 0;
	pos.file = o->dir;
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
	return output_write(o, MARKER_NAME, marker_text,
	    sizeof(marker_text) - 1);
}

/* Make every parent folder of 'path' after its first 'skip' bytes. */
static int
make_parents(char *path, size_t skip)
{
	char *p;

	for (p = strchr(path + skip + 1, '/'); p != NULL;
	     p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST) {
			diag_syserr(path, "cannot make a folder");
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
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
	if (o->verbose)
		printf("%s/%s\n", o->dir, rel);
	if (o->dry)
		return 0;
	buf_printf(&b, "%s/%s", o->tmp, rel);
	if (make_parents(b.ptr, strlen(o->tmp)) == -1) {
		buf_release(&b);
		return -1;
	}
	fd = open(b.ptr, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd == -1 || write_all(fd, data, len) == -1) {
		rc = diag_syserr(b.ptr, "cannot write");
	}
	if (fd != -1 && close(fd) == -1 && rc == 0)
		rc = diag_syserr(b.ptr, "cannot write");
	buf_release(&b);
	return rc;
}

int
output_copy(struct output *o, const char *rel, const char *src,
    const char *shown)
{
	struct buf data = { 0 };
	char	   chunk[65536];
	ssize_t	   r;
	int	   fd, rc;

	if ((fd = open(src, O_RDONLY)) == -1)
		return diag_syserr(shown, "cannot open");
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			close(fd);
			buf_release(&data);
			return diag_syserr(shown, "cannot read");
		}
		buf_put(&data, chunk, (size_t)r);
	}
	close(fd);
	rc = output_write(o, rel, data.ptr == NULL ? "" : data.ptr, data.len);
	buf_release(&data);
	return rc;
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
