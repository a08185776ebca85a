/* SPDX-License-Identifier: ISC */
/*
 * Reading the site from disk: whole files with a size cap, and folder
 * listings in a stable (byte-wise sorted) order.  Writing lives in
 * output.h.  Paths given here are as the caller built them; errors name
 * 'shown', the path as the user should see it (relative to the site).
 */
#ifndef FSIO_H
#define FSIO_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum { FSIO_MAX_FILE = 16 << 20 }; /* bytes; larger input files are refused */

/*
 * Read the whole of 'path' into 'a', NUL-terminated, and set '*len'.
 * Returns NULL after reporting (as 'shown') if it cannot be read or is
 * larger than FSIO_MAX_FILE.
 */
char *
fsio_read(struct arena *a, const char *path, const char *shown, size_t *len);

/*
 * The names in folder 'path', without "." and "..", sorted with strcmp,
 * as an array of 'n' strings in 'a'.  Names starting with "." are left
 * out.  Returns NULL after reporting (as 'shown') if it cannot be read.
 */
char **
fsio_list(struct arena *a, const char *path, const char *shown, size_t *n);

bool fsio_is_dir(const char *path);

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
int  fsio_write(struct arena *a, const char *path, const char *buf, size_t len);
bool fsio_is_file(const char *path);

#endif /* !FSIO_H */
