/* SPDX-License-Identifier: ISC */
/*
 * Reading the site from disk: whole files with a size cap, and folder
 * listings in a stable (byte-wise sorted) order.  Writing lives in
 * output.h.  Paths given here are as the caller built them; errors name
 * 'shown', the path as the user should see it (relative to the site).
 *
 * Every file in a site is untrusted, so below the site's folder (see
 * fsio_site()) no link is followed: a file or folder that is a link is
 * refused, wherever it is on the way, and only regular files are read
 * (never a pipe or a device).  Paths outside the site (the secret file,
 * the state file) are the user's own and are opened as usual.
 */
#ifndef FSIO_H
#define FSIO_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct stat;

enum { FSIO_MAX_FILE = 16 << 20 }; /* bytes; larger input files are refused */

/* What is at a path, without following a link below the site's folder. */
enum fsio_type {
	FSIO_NONE,  /* nothing */
	FSIO_FILE,  /* a regular file */
	FSIO_DIR,   /* a folder */
	FSIO_LINK,  /* a link, or a path through a folder that is one */
	FSIO_OTHER, /* a pipe, a device or a socket */
	FSIO_ERROR, /* it cannot be looked at: errno says why */
};

/*
 * Make 'root' (a folder as the user gave it, kept in a copy) the site's
 * folder: paths that start with it and a '/' are the site's own, and
 * none of their parts after 'root' may be a link.  'root' itself may
 * be one: that is the user's choice.  NULL forgets it.
 */
void fsio_site(const char *root);

enum fsio_type fsio_type(const char *path);

/*
 * Read the whole of 'path' into 'a', NUL-terminated, and set '*len'.
 * Returns NULL after reporting (as 'shown') if it cannot be read, is not
 * a regular file, is or goes through a link in the site, or is larger
 * than FSIO_MAX_FILE.
 */
char *
fsio_read(struct arena *a, const char *path, const char *shown, size_t *len);

/*
 * The names in folder 'path', without "." and "..", sorted with strcmp,
 * as an array of 'n' strings in 'a'.  Names starting with "." are left
 * out.  Returns NULL after reporting (as 'shown') if it cannot be read
 * or is or goes through a link in the site.
 */
char **
fsio_list(struct arena *a, const char *path, const char *shown, size_t *n);

/* True if fsio_type() is FSIO_DIR; and FSIO_FILE. */
bool fsio_is_dir(const char *path);
bool fsio_is_file(const char *path);

/*
 * Like lstat() in the site (stat() outside it), for stamps of what
 * changed.  Returns -1 with errno set if there is nothing to look at.
 */
int fsio_stat(const char *path, struct stat *st);

/*
 * The first part of 'path' in the site that is a link, as a path from
 * the site's folder ("cases/bell/photo.png", or "cases/bell" if the
 * case folder is one), in 'a'; NULL if there is none.
 */
const char *fsio_link(struct arena *a, const char *path);

/*
 * Report, as 'shown', that 'path' is or goes through a link (see
 * fsio_link()) and kindly does not follow links.  Returns -1.
 */
int fsio_link_error(const char *path, const char *shown);

/*
 * True if 'path' is 'dir' or lies inside it, once both are made
 * absolute and their links resolved.  The last part of either need not
 * exist yet (an output folder before its first build).
 */
bool fsio_inside(struct arena *a, const char *path, const char *dir);

/*
 * Write 'len' bytes to the file 'path' whole: into a temporary file
 * beside it, then renamed over it.  The file is private to its owner
 * (mode 0600): it is for the practitioner (links, the redaction log).
 * Returns -1 after reporting.
 */
int fsio_write(struct arena *a, const char *path, const char *buf, size_t len);

#endif /* !FSIO_H */
