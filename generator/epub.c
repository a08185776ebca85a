/* SPDX-License-Identifier: ISC */
/*
 * The zip is made in a libzip buffer source, so a book goes through
 * output_write() like every other file (checked path, all or nothing,
 * nothing written by 'kindly check').  zip_file_set_dostime() takes the
 * time as DOS fields, worked out here from UTC: zip_file_set_mtime()
 * would go through local time and make the bytes depend on TZ.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <zip.h>

#include "arena.h"
#include "buf.h"
#include "epub.h"
#include "html.h"
#include "token.h"
#include "util.h"

/* What the package document says the book conforms to, when it does. */
#define CONFORMS "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

static const char container[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles>\n"
    "<rootfile full-path=\"EPUB/package.opf\" "
    "media-type=\"application/oebps-package+xml\"/>\n"
    "</rootfiles>\n"
    "</container>\n";

void
epub_add(struct arena *a, struct epub *b, const char *path, const char *media,
    const char *props, const void *data, size_t len, enum epub_spine spine)
{
	struct epub_item *it;

	b->items = arena_grow(a, b->items, b->nitems, &b->cap, sizeof(*it));
	it = &b->items[b->nitems++];
	it->path = path;
	it->media = media;
	it->props = props;
	it->data = data;
	it->len = len;
	it->spine = spine;
}

const struct epub_item *
epub_find(const struct epub *b, const char *path)
{
	size_t i;

	for (i = 0; i < b->nitems; i++)
		if (strcmp(b->items[i].path, path) == 0)
			return &b->items[i];
	return NULL;
}

const char *
epub_media_type(const char *path)
{
	/* EPUB 3.3's core media types that a theme or a case may hold. */
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ ".xhtml", "application/xhtml+xml" },
		{ ".css", "text/css" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".svg", "image/svg+xml" },
		{ ".woff2", "font/woff2" },
		{ ".woff", "font/woff" },
		{ ".otf", "font/otf" },
		{ ".ttf", "font/ttf" },
	};
	size_t len = strlen(path), i, n;

	for (i = 0; i < LEN(types); i++) {
		n = strlen(types[i].ext);
		if (len > n && strcmp(path + len - n, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

const char *
epub_uuid(struct arena *a, const char *const *parts, size_t n)
{
	unsigned char h[16];

	token_hash("kindly book v1", parts, n, h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80); /* version 8: custom */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* the RFC 9562 variant */
	return arena_printf(a,
	    "urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x",
	    h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10],
	    h[11], h[12], h[13], h[14], h[15]);
}

static void
esc(struct buf *b, const char *s)
{
	html_escape(b, s, strlen(s));
}

/*
 * 'path' (a file name in the book) as a web address: every byte but
 * letters, digits, "-._~" and '/' percent-encoded, so a name with a
 * space or an accent is still a valid href.
 */
static void
href(struct buf *b, const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (util_alnum(*p) || strchr("-._~/", *p) != NULL)
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%02X", *p);
}

/* A Dublin Core element, if there is a value. */
static void
dc(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "<dc:%s>", name);
	esc(b, value);
	buf_printf(b, "</dc:%s>\n", name);
}

static void
meta(struct buf *b, const char *property, const char *value)
{
	buf_printf(b, "<meta property=\"%s\">", property);
	esc(b, value);
	buf_puts(b, "</meta>\n");
}

/* The accessibility metadata, each claim only if it holds. */
static void
a11y(struct buf *b, const struct epub *e)
{
	bool alt = e->images > 0 && e->alts == e->images;

	meta(b, "schema:accessMode", "textual");
	if (e->images > 0)
		meta(b, "schema:accessMode", "visual");
	if (e->images == 0 || alt)
		meta(b, "schema:accessModeSufficient", "textual");
	if (e->images > 0)
		meta(b, "schema:accessModeSufficient", "textual,visual");
	if (e->headings)
		meta(b, "schema:accessibilityFeature", "structuralNavigation");
	meta(b, "schema:accessibilityFeature", "tableOfContents");
	meta(b, "schema:accessibilityFeature", "readingOrder");
	if (alt)
		meta(b, "schema:accessibilityFeature", "alternativeText");
	meta(b, "schema:accessibilityFeature", "displayTransformability");
	meta(b, "schema:accessibilityHazard", "none");
	if (e->summary != NULL)
		meta(b, "schema:accessibilitySummary", e->summary);
	if (e->conforms && (e->images == 0 || alt))
		meta(b, "dcterms:conformsTo", CONFORMS);
}

char *
epub_package(struct arena *a, const struct epub *e, size_t *len)
{
	struct buf b = { 0 };
	char	   when[96];
	time_t	   t = (time_t)e->modified;
	struct tm  tm;
	size_t	   i;
	char	  *out;

	gmtime_r(&t, &tm);
	/* Four digits for the year, as xsd:dateTime needs: "%Y" writes
	 * year 1 as "1". */
	snprintf(when, sizeof(when), "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec);
	buf_puts(&b,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<package xmlns=\"http://www.idpf.org/2007/opf\" "
	    "version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"");
	esc(&b, e->lang);
	buf_puts(&b,
	    "\">\n<metadata "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "<dc:identifier id=\"uid\">");
	esc(&b, e->id);
	buf_puts(&b, "</dc:identifier>\n");
	dc(&b, "title", e->title);
	dc(&b, "language", e->lang);
	dc(&b, "creator", e->creator);
	dc(&b, "publisher", e->creator);
	dc(&b, "date", e->date);
	meta(&b, "dcterms:modified", when);
	a11y(&b, e);
	buf_puts(&b, "</metadata>\n<manifest>\n");
	for (i = 0; i < e->nitems; i++) {
		buf_printf(&b, "<item id=\"item%zu\" href=\"", i + 1);
		href(&b, e->items[i].path);
		buf_printf(&b, "\" media-type=\"%s\"", e->items[i].media);
		if (e->items[i].props != NULL)
			buf_printf(&b, " properties=\"%s\"", e->items[i].props);
		buf_puts(&b, "/>\n");
	}
	buf_puts(&b, "</manifest>\n<spine>\n");
	for (i = 0; i < e->nitems; i++)
		if (e->items[i].spine != EPUB_RESOURCE)
			buf_printf(&b, "<itemref idref=\"item%zu\"%s/>\n",
			    i + 1,
			    e->items[i].spine == EPUB_ASIDE ? " linear=\"no\""
							    : "");
	buf_puts(&b, "</spine>\n</package>\n");
	out = arena_strndup(a, b.ptr, b.len);
	*len = b.len;
	buf_release(&b);
	return out;
}

/*
 * The DOS date and time of 'secs' (UTC), as zip stores them: no earlier
 * than 1980-01-01, to the even second.
 */
static void
dos_time(long long secs, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	time_t	  t = (time_t)(secs < 315532800 ? 315532800 : secs);
	struct tm tm;

	gmtime_r(&t, &tm);
	if (tm.tm_year > 2107 - 1900) {
		tm.tm_year = 2107 - 1900;
		tm.tm_mon = 11;
		tm.tm_mday = 31;
	}
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
	    (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) |
	    ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Add one entry: stored (the mimetype) or deflated, at a fixed time. */
static int
entry(zip_t *z, const char *name, const void *data, size_t len, bool store,
    zip_uint16_t dtime, zip_uint16_t ddate)
{
	zip_source_t *src;
	zip_int64_t   i;

	if ((src = zip_source_buffer(z, data, len, 0)) == NULL)
		return -1;
	if ((i = zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(src);
		return -1;
	}
	if (zip_set_file_compression(z, (zip_uint64_t)i,
		store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, store ? 0 : 9) == -1 ||
	    zip_file_set_dostime(z, (zip_uint64_t)i, dtime, ddate, 0) == -1 ||
	    zip_file_set_external_attributes(z, (zip_uint64_t)i, 0,
		ZIP_OPSYS_UNIX, 0100644u << 16) == -1)
		return -1;
	return 0;
}

int
epub_zip(struct arena *a, const struct epub *e, struct buf *out,
    const char **err)
{
	static const char mimetype[] = "application/epub+zip";
	zip_error_t	  ze;
	zip_source_t	 *src;
	zip_stat_t	  st;
	zip_t		 *z;
	zip_uint16_t	  dtime, ddate;
	zip_int64_t	  n;
	char		 *opf;
	size_t		  i, opflen;
	int		  rc = 0;

	zip_error_init(&ze);
	dos_time(e->modified, &dtime, &ddate);
	opf = epub_package(a, e, &opflen);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto fail;
	if ((z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		goto fail;
	}
	zip_source_keep(src);
	rc |= entry(z, "mimetype", mimetype, strlen(mimetype), true, dtime,
	    ddate);
	rc |= entry(z, "META-INF/container.xml", container, strlen(container),
	    false, dtime, ddate);
	rc |= entry(z, "EPUB/package.opf", opf, opflen, false, dtime, ddate);
	for (i = 0; i < e->nitems && rc == 0; i++)
		rc |= entry(z, arena_printf(a, "EPUB/%s", e->items[i].path),
		    e->items[i].data, e->items[i].len, false, dtime, ddate);
	if (rc != 0) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(z)), 0);
		zip_discard(z);
		zip_source_free(src);
		goto fail;
	}
	if (zip_close(z) == -1) {
		zip_error_set(&ze, zip_error_code_zip(zip_get_error(z)), 0);
		zip_discard(z);
		zip_source_free(src);
		goto fail;
	}
	if (zip_source_stat(src, &st) == -1 || zip_source_open(src) == -1) {
		zip_error_set(&ze, zip_error_code_zip(zip_source_error(src)),
		    0);
		zip_source_free(src);
		goto fail;
	}
	buf_reset(out);
	while (rc == 0 && out->len < st.size) {
		char chunk[8192];

		if ((n = zip_source_read(src, chunk, sizeof(chunk))) <= 0)
			rc = -1;
		else
			buf_put(out, chunk, (size_t)n);
	}
	zip_source_close(src);
	zip_source_free(src);
	if (rc == 0)
		return 0;
	*err = "the book could not be read back from memory";
	return -1;
fail:
	*err = arena_strdup(a, zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return -1;
}
