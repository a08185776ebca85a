/* SPDX-License-Identifier: ISC */
/*
 * The pictures a document shows: files in its case folder, each read
 * once, checked by its bytes (a PNG, JPEG, GIF or WebP picture, as its
 * name says), and given a name that is safe in any web address and any
 * e-book.  The media type a book declares comes from the bytes, never
 * from the name alone.  Reading goes through fsio, so a picture that is
 * a link, or is in a folder that is one, is refused.
 */
#ifndef PICTURE_H
#define PICTURE_H

#include <stddef.h>

struct arena;
struct srcpos;

struct picture {
	const char *path; /* in the case folder, decoded: "my drawing.png" */
	const char
	    *name; /* in the output and books: "my-drawing-1a2b3c4d.png" */
	const char *media; /* from its bytes: "image/png" */
	const char *data;  /* its bytes */
	size_t	    len;
};

/* The pictures of one case folder, read as documents ask for them. */
struct pictures {
	struct arena	*a;	/* where they and their bytes are kept */
	const char	*dir;	/* the case folder on disk */
	const char	*shown; /* "cases/ID", for messages */
	struct picture **all;
	size_t		 n, cap;
};

/*
 * The picture at 'path' in the case folder of 'ps' (percent-decoded;
 * 'written' is how the document wrote it, for messages), read and
 * checked the first time it is asked for.  Returns NULL after reporting
 * at 'pos' what is wrong with it.  The picture lives as long as the
 * arena of 'ps'.
 */
const struct picture *picture_get(struct pictures *ps, const char *path,
    const char *written, const struct srcpos *pos);

/*
 * The media type of a picture from its first 'len' bytes ("image/png"),
 * or NULL if they are not the whole header of a PNG, JPEG, GIF or WebP
 * picture.
 */
const char *picture_type(const void *data, size_t len);

/*
 * The media type a picture called 'name' must have, from how its name
 * ends (".png", ".jpg", ".jpeg", ".gif" or ".webp", in any case), or
 * NULL.
 */
const char *picture_type_of_name(const char *name);

/*
 * The name a picture at 'path' has in the output and in books, beside
 * the page: 'path' itself when it is one name made of a-z, A-Z, 0-9,
 * '.', '_' and '-' (not starting with '.'); otherwise the same with
 * other letters made plain ("é" becomes "e", a space or a '/' '-') and
 * a stamp of 'path' before the extension, so that two names never
 * become one.  In 'a'.
 */
const char *picture_name(struct arena *a, const char *path);

#endif /* !PICTURE_H */
