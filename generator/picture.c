/* SPDX-License-Identifier: ISC */
/*
 * A picture is known by its first bytes, as browsers and e-readers know
 * it: a name can say anything.  Each is read once for the whole case,
 * and its bytes are what the pages and books then hold, so what was
 * checked is what is published.
 *
 * Names in the output are kept to letters, digits, '.', '_' and '-',
 * which need no escaping in a web address, a zip or an e-book's package
 * document, and which every e-book checker accepts.  A name with
 * anything else gets a plain-letter version and a stamp of the whole
 * name: "dessin-été.png" becomes "dessin-ete-1a2b3c4d.png".
 */
#define DIAG_AREA "document"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "fsio.h"
#include "picture.h"
#include "util.h"

/* What kindly takes, and the header each must have whole. */
static const struct kind {
	const char *media;
	const char *what; /* for messages */
	const char *ext;  /* the usual ending */
} kinds[] = {
	{ "image/png", "PNG", ".png" },
	{ "image/jpeg", "JPEG", ".jpg" },
	{ "image/gif", "GIF", ".gif" },
	{ "image/webp", "WebP", ".webp" },
};

enum { PNG, JPEG, GIF, WEBP };

/*
 * Which kind 'len' bytes of 'p' start like, or -1.  '*whole' says
 * whether the header is all there: a PNG's signature and IHDR chunk, a
 * JPEG's first segment, a GIF's screen descriptor, a WebP's first chunk
 * header.  Short files match on the bytes they have.
 */
static int
sniff(const unsigned char *p, size_t len, bool *whole)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
		0x1a, '\n' };
	size_t			   n;

	*whole = false;
	n = len < sizeof(png) ? len : sizeof(png);
	if (memcmp(p, png, n) == 0) {
		*whole = len >= 33 && memcmp(p + 12, "IHDR", 4) == 0;
		return PNG;
	}
	n = len < 3 ? len : 3;
	if (memcmp(p, "\xff\xd8\xff", n) == 0) {
		/* SOI, then a marker and its segment's length. */
		*whole = len >= 6 && p[3] >= 0xc0 && p[3] != 0xff &&
		    ((size_t)p[4] << 8 | p[5]) >= 2 &&
		    len >= 4 + ((size_t)p[4] << 8 | p[5]);
		return JPEG;
	}
	n = len < 6 ? len : 6;
	if (memcmp(p, "GIF87a", n) == 0 || memcmp(p, "GIF89a", n) == 0) {
		*whole = len >= 13;
		return GIF;
	}
	n = len < 4 ? len : 4;
	if (memcmp(p, "RIFF", n) == 0 &&
	    (len < 12 || memcmp(p + 8, "WEBP", 4) == 0)) {
		*whole = len >= 20 && memcmp(p + 12, "VP8", 3) == 0 &&
		    (p[15] == ' ' || p[15] == 'L' || p[15] == 'X');
		return WEBP;
	}
	return -1;
}

const char *
picture_type(const void *data, size_t len)
{
	bool whole;
	int  k = len > 0 ? sniff(data, len, &whole) : -1;

	return k >= 0 && whole ? kinds[k].media : NULL;
}

/* The kind a name's ending says, or -1. */
static int
kind_of_name(const char *name)
{
	static const struct {
		const char *ext;
		int	    kind;
	} ends[] = {
		{ ".png", PNG },
		{ ".jpg", JPEG },
		{ ".jpeg", JPEG },
		{ ".gif", GIF },
		{ ".webp", WEBP },
	};
	const char *dot = strrchr(name, '.');
	size_t	    i, k;

	if (dot == NULL || strchr(dot, '/') != NULL)
		return -1;
	for (i = 0; i < LEN(ends); i++) {
		if (strlen(dot) != strlen(ends[i].ext))
			continue;
		for (k = 0; dot[k] != '\0' &&
		     util_tolower((unsigned char)dot[k]) == ends[i].ext[k];
		     k++)
			;
		if (dot[k] == '\0')
			return ends[i].kind;
	}
	return -1;
}

const char *
picture_type_of_name(const char *name)
{
	int k = kind_of_name(name);

	return k >= 0 ? kinds[k].media : NULL;
}

static bool
name_char(int c)
{
	return util_alnum(c) || c == '.' || c == '_' || c == '-';
}

/*
 * True if 'path' is safe as it is: one name, not hidden.  A picture in
 * a folder of the case gets a name of its own, so the pictures beside a
 * page are all files, never a folder that could be named like the page
 * or its book.
 */
static bool
safe(const char *path)
{
	const char *p;

	if (*path == '.')
		return false;
	for (p = path; *p != '\0'; p++)
		if (!name_char((unsigned char)*p))
			return false;
	return true;
}

/*
 * Plain letters for U+00C0 to U+017F (Latin-1's letters and Latin
 * Extended-A: Welsh, Polish, Czech, Turkish, ...), '-' for the two
 * signs among them.
 */
static const char fold[] = "AAAAAAACEEEEIIIIDNOOOOO-OUUUUYTsaaaaaaaceeeeiiii"
			   "dnooooo-ouuuuytyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"
			   "GgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOo"
			   "OoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

const char *
picture_name(struct arena *a, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;
	const char	    *ext = strrchr(path, '.');
	size_t		     len = strlen(path), n = 0;
	char		    *out, c;
	uint32_t	     h = 2166136261u; /* FNV-1a */
	unsigned	     cp;

	if (safe(path))
		return path;
	for (; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	if (ext == NULL || strchr(ext, '/') != NULL)
		ext = path + len;
	out = arena_alloc(a, len + 16);
	for (p = (const unsigned char *)path; p < (const unsigned char *)ext;
	     p++) {
		cp = (*p & 0x1f) << 6 | (p[1] & 0x3f);
		if (name_char(*p) && !(*p == '.' && n == 0))
			c = (char)*p;
		else if (*p >= 0xc3 && *p <= 0xc5 && (p[1] & 0xc0) == 0x80 &&
		    cp >= 0xc0 && cp < 0xc0 + sizeof(fold) - 1) {
			c = fold[cp - 0xc0];
			p++;
		} else
			c = '-';
		if (c != '-' || n == 0 || out[n - 1] != '-')
			out[n++] = c;
	}
	snprintf(out + n, len + 16 - n, "%s%08lx%s",
	    n > 0 && out[n - 1] == '-' ? "" : "-", (unsigned long)h, ext);
	return out;
}

/* 'written' with its ending made that of kind 'k': "photo.png". */
static const char *
renamed(struct arena *a, const char *written, int k)
{
	const char *dot = strrchr(written, '.');

	if (dot == NULL || strchr(dot, '/') != NULL)
		return arena_printf(a, "%s%s", written, kinds[k].ext);
	return arena_printf(a, "%.*s%s", (int)(dot - written), written,
	    kinds[k].ext);
}

/*
 * Read the picture at 'path' into '*data' and '*len' and check it is a
 * picture of kind 'want', as its name says.  Returns -1 after reporting.
 */
static int
load(struct pictures *ps, const char *path, const char *written, int want,
    const struct srcpos *pos, const char **data, size_t *len)
{
	const char *file = arena_printf(ps->a, "%s/%s", ps->dir, path);
	const char *shown = arena_printf(ps->a, "%s/%s", ps->shown, path);
	const char *link;
	bool	    whole;
	int	    kind;

	switch (fsio_type(file)) {
	case FSIO_FILE: break;
	case FSIO_NONE:
		return diag_error(pos, "image '%s' is not in %s/", written,
		    ps->shown);
	case FSIO_LINK:
		link = fsio_link(ps->a, file);
		if (link != NULL && strcmp(link, shown) != 0)
			return diag_error(pos,
			    "image '%s' is in %s, which is a link to another "
			    "folder; kindly only publishes the site's own "
			    "files (copy the pictures themselves into %s/)",
			    written, link, ps->shown);
		return diag_error(pos,
		    "image '%s' is a link to another file; kindly only "
		    "publishes the site's own files (copy the picture itself "
		    "into %s/ in place of the link)",
		    written, ps->shown);
	case FSIO_DIR:
		return diag_error(pos,
		    "image '%s' is a folder, not a picture (write the "
		    "picture's own file name)",
		    written);
	case FSIO_ERROR:
		return diag_error(pos, "image '%s' cannot be read: %s", written,
		    strerror(errno));
	default:
		return diag_error(pos,
		    "image '%s' is not an ordinary file (it is a pipe, a "
		    "device or a socket); save the picture itself in %s/",
		    written, ps->shown);
	}
	if ((*data = fsio_read(ps->a, file, shown, len)) == NULL)
		return -1;
	if (*len == 0)
		return diag_error(pos,
		    "image '%s' is empty: the file has no bytes at all (copy "
		    "the picture into %s/ again)",
		    written, ps->shown);
	if ((kind = sniff((const unsigned char *)*data, *len, &whole)) < 0)
		return diag_error(pos,
		    "image '%s' is not a picture: its bytes are not those of "
		    "a PNG, JPEG, GIF or WebP file (save the picture again as "
		    "one of those)",
		    written);
	if (!whole)
		return diag_error(pos,
		    "image '%s' is cut short: it ends after %zu byte%s, "
		    "before its %s header does (copy the picture into %s/ "
		    "again)",
		    written, *len, *len == 1 ? "" : "s", kinds[kind].what,
		    ps->shown);
	if (kind != want)
		return diag_error(pos,
		    "image '%s' is a %s picture, but its name ends in %s "
		    "(rename the file '%s' in %s/, and write '%s' here)",
		    written, kinds[kind].what, strrchr(path, '.'),
		    renamed(ps->a, path, kind), ps->shown,
		    renamed(ps->a, written, kind));
	return 0;
}

const struct picture *
picture_get(struct pictures *ps, const char *path, const char *written,
    const struct srcpos *pos)
{
	struct picture *pic;
	const char     *data = NULL, *name;
	size_t		i, len = 0;
	int		want;

	if (!util_path_ok(path)) {
		diag_error(pos,
		    "image '%s' must be a file in the case folder (no '..' "
		    "and no leading '/')",
		    written);
		return NULL;
	}
	if ((want = kind_of_name(path)) < 0) {
		diag_error(pos,
		    "image '%s' should be a .png, .jpg, .gif or .webp file",
		    written);
		return NULL;
	}
	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->all[i]->path, path) == 0)
			return ps->all[i];
	if (load(ps, path, written, want, pos, &data, &len) == -1)
		return NULL;
	path = arena_strdup(ps->a, path);
	name = picture_name(ps->a, path); /* 'path' itself if it is safe */
	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->all[i]->name, name) == 0) {
			diag_error(pos,
			    "image '%s' would have the same name in the pages "
			    "as '%s' (rename one of them)",
			    written, ps->all[i]->path);
			return NULL;
		}
	pic = arena_alloc(ps->a, sizeof(*pic));
	pic->path = path;
	pic->name = name;
	pic->media = kinds[want].media;
	pic->data = data;
	pic->len = len;
	ps->all = arena_grow(ps->a, ps->all, ps->n, &ps->cap, sizeof(*ps->all));
	ps->all[ps->n++] = pic;
	return pic;
}
