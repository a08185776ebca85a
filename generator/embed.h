/* SPDX-License-Identifier: ISC */
/*
 * Files built into the binary: the default themes (and, later, the
 * built-in kinds).  The table is generated at build time by
 * scripts/embed.sh and sorted by path, so kindly needs nothing installed
 * beside it.
 */
#ifndef EMBED_H
#define EMBED_H

#include <stddef.h>

struct embed_file {
	const char *path; /* relative to the source tree: themes/default/... */
	const char *data; /* the bytes, followed by a NUL */
	size_t	    len;  /* bytes, not counting the NUL */
};

extern const struct embed_file embed_files[];
extern const size_t	       embed_count;

/* The built-in file at 'path', or NULL. */
const struct embed_file *embed_find(const char *path);

#endif /* !EMBED_H */
