/* SPDX-License-Identifier: ISC */
/*
 * The EPUB writer, read back with libzip: the OCF rules (mimetype first,
 * stored, no extra field), fixed times and modes, the same bytes in any
 * time zone, and accessibility claims only when they hold.
 *
 *	test_epub		the unit tests
 *	test_epub --ocf FILE...	check the OCF rules of built books; one
 *				"ok" or "FAIL book: why" line each
 *	test_epub --unpack FILE DIR
 *				write every entry of FILE under DIR, for
 *				golden comparisons
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <zip.h>

#include "arena.h"
#include "buf.h"
#include "epub.h"
#include "t.h"

/* The OCF rules of the zip 'data'; NULL if it keeps them, else why not. */
static const char *
ocf_problem(const char *data, size_t len)
{
	static const char want[] = "mimetypeapplication/epub+zip";
	static char	  why[256];
	zip_error_t	  ze;
	zip_source_t	 *src;
	zip_t		 *z;
	zip_stat_t	  st;
	time_t		  t0 = 0;
	zip_uint8_t	  opsys;
	zip_uint32_t	  attr;
	zip_int64_t	  i, n;
	const char	 *bad = NULL;

	/* The local header: name at byte 30, then (no extra field) data. */
	if (len < 58 || memcmp(data, "PK\3\4", 4) != 0 ||
	    memcmp(data + 30, want, sizeof(want) - 1) != 0)
		return "the file does not start with a stored 'mimetype' entry";
	if (data[28] != 0 || data[29] != 0)
		return "the mimetype entry has an extra field";
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) ==
		NULL) {
		snprintf(why, sizeof(why), "libzip cannot open it: %s",
		    zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return why;
	}
	n = zip_get_num_entries(z, 0);
	if (n < 4 || zip_stat_index(z, 0, 0, &st) == -1 ||
	    strcmp(st.name, "mimetype") != 0)
		bad = "'mimetype' is not the first entry";
	else if (st.comp_method != ZIP_CM_STORE)
		bad = "'mimetype' is compressed";
	else if (zip_file_extra_fields_count(z, 0, ZIP_FL_LOCAL) != 0 ||
	    zip_file_extra_fields_count(z, 0, ZIP_FL_CENTRAL) != 0)
		bad = "'mimetype' has an extra field";
	else if (zip_stat_index(z, 1, 0, &st) == -1 ||
	    strcmp(st.name, "META-INF/container.xml") != 0)
		bad = "META-INF/container.xml is not the second entry";
	for (i = 0; bad == NULL && i < n; i++) {
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == -1 ||
		    (st.valid & ZIP_STAT_MTIME) == 0)
			bad = "an entry has no time";
		else if (i == 0)
			t0 = st.mtime;
		else if (st.mtime != t0)
			bad = "the entries do not all have the same time";
		if (zip_file_get_external_attributes(z, (zip_uint64_t)i, 0,
			&opsys, &attr) == -1 ||
		    opsys != ZIP_OPSYS_UNIX || attr != 0100644u << 16)
			bad = "an entry's mode is not 0644";
	}
	if (bad != NULL) {
		snprintf(why, sizeof(why), "%s", bad);
		bad = why;
	}
	zip_close(z);
	zip_error_fini(&ze);
	return bad;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long  n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		if (f != NULL)
			fclose(f);
		free(p);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static int
check_books(int n, char **files)
{
	const char *why;
	size_t	    len;
	char	   *data;
	int	    i, bad = 0;

	for (i = 0; i < n; i++) {
		if ((data = slurp(files[i], &len)) == NULL)
			why = strerror(errno);
		else
			why = ocf_problem(data, len);
		free(data);
		if (why == NULL)
			printf("ok\n");
		else {
			printf("FAIL %s: %s\n", files[i], why);
			bad = 1;
		}
	}
	return bad;
}

/* Make every folder of 'path' (a file's path). */
static void
mkdirs(char *path)
{
	char *p;

	for (p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		(void)mkdir(path, 0755);
		*p = '/';
	}
}

static int
unpack(const char *file, const char *dir)
{
	zip_t	   *z;
	zip_file_t *zf;
	zip_stat_t  st;
	zip_int64_t i, n;
	int	    err;
	char	    path[4096], *buf;
	FILE	   *out;

	if ((z = zip_open(file, ZIP_RDONLY, &err)) == NULL) {
		fprintf(stderr, "test_epub: cannot open %s\n", file);
		return 1;
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == -1 ||
		    strstr(st.name, "..") != NULL || st.name[0] == '/')
			return 1;
		snprintf(path, sizeof(path), "%s/%s", dir, st.name);
		mkdirs(path);
		buf = malloc(st.size + 1);
		if (buf == NULL ||
		    (zf = zip_fopen_index(z, (zip_uint64_t)i, 0)) == NULL ||
		    zip_fread(zf, buf, st.size) != (zip_int64_t)st.size ||
		    (out = fopen(path, "wb")) == NULL) {
			fprintf(stderr, "test_epub: cannot unpack %s\n", path);
			return 1;
		}
		fwrite(buf, 1, st.size, out);
		fclose(out);
		zip_fclose(zf);
		free(buf);
	}
	zip_close(z);
	return 0;
}

/* A small book with 'alts' of its 'images' pictures described. */
static void
small_book(struct arena *a, struct epub *e, size_t images, size_t alts)
{
	static const char page[] = "<html/>", css[] = "p{}", png[] = "PNG";
	const char	 *parts[] = { "Riverford", "marsh", "plan", "kai" };

	memset(e, 0, sizeof(*e));
	e->id = epub_uuid(a, parts, 4);
	e->title = "Kai's plan & you";
	e->lang = "en-GB";
	e->creator = "Riverford Council";
	e->date = "2025-06-20";
	e->modified = 1750377600; /* 2025-06-20T00:00:00Z */
	e->images = images;
	e->alts = alts;
	e->headings = true;
	e->conforms = true;
	e->summary = "A plan <for> Kai.";
	epub_add(a, e, "contents.xhtml", "application/xhtml+xml", "nav", page,
	    strlen(page), EPUB_ASIDE);
	epub_add(a, e, "plan.xhtml", "application/xhtml+xml", NULL, page,
	    strlen(page), EPUB_READ);
	epub_add(a, e, "assets/kindly.css", "text/css", NULL, css, strlen(css),
	    EPUB_RESOURCE);
	if (images > 0)
		epub_add(a, e, "house.png", "image/png", NULL, png, strlen(png),
		    EPUB_RESOURCE);
}

static void
test_zip(void)
{
	struct arena a = { 0 };
	struct epub  e;
	struct buf   one = { 0 }, two = { 0 };
	const char  *err = NULL;
	zip_error_t  ze;
	zip_t	    *z;
	zip_stat_t   st;
	unsigned     dtime, ddate;

	small_book(&a, &e, 1, 1);
	CHECK(epub_zip(&a, &e, &one, &err) == 0);
	CHECK(ocf_problem(one.ptr, one.len) == NULL);
	/* The DOS time of 2025-06-20 00:00, in the first local header. */
	dtime = (unsigned char)one.ptr[10] | (unsigned char)one.ptr[11] << 8;
	ddate = (unsigned char)one.ptr[12] | (unsigned char)one.ptr[13] << 8;
	CHECK(dtime == 0 && ddate == (((2025 - 1980) << 9) | (6 << 5) | 20));
	/* The entries in order. */
	zip_error_init(&ze);
	z = zip_open_from_source(zip_source_buffer_create(one.ptr, one.len, 0,
				     &ze),
	    ZIP_RDONLY, &ze);
	CHECK(z != NULL);
	if (z != NULL) {
		CHECK(zip_get_num_entries(z, 0) == 7);
		CHECK(zip_stat_index(z, 2, 0, &st) == 0 &&
		    strcmp(st.name, "EPUB/package.opf") == 0);
		CHECK(zip_stat_index(z, 3, 0, &st) == 0 &&
		    strcmp(st.name, "EPUB/contents.xhtml") == 0 &&
		    st.comp_method == ZIP_CM_DEFLATE);
		CHECK(zip_stat_index(z, 6, 0, &st) == 0 &&
		    strcmp(st.name, "EPUB/house.png") == 0);
		zip_close(z);
	}
	zip_error_fini(&ze);
	/* The same bytes again, and in another time zone. */
	CHECK(epub_zip(&a, &e, &two, &err) == 0);
	CHECK(one.len == two.len && memcmp(one.ptr, two.ptr, one.len) == 0);
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	CHECK(epub_zip(&a, &e, &two, &err) == 0);
	CHECK(one.len == two.len && memcmp(one.ptr, two.ptr, one.len) == 0);
	setenv("TZ", "UTC", 1);
	tzset();
	/* A different time is different bytes: the time is really used. */
	e.modified += 86400;
	CHECK(epub_zip(&a, &e, &two, &err) == 0);
	CHECK(one.len != two.len || memcmp(one.ptr, two.ptr, one.len) != 0);
	/* Before 1980, zip's first day. */
	e.modified = 0;
	CHECK(epub_zip(&a, &e, &two, &err) == 0);
	CHECK(ocf_problem(two.ptr, two.len) == NULL);
	/* The check itself notices a compressed or moved mimetype. */
	memcpy(one.ptr + 30, "mimetypx", 8);
	CHECK(ocf_problem(one.ptr, one.len) != NULL);
	buf_release(&one);
	buf_release(&two);
	arena_release(&a);
}

static bool
has(const char *opf, const char *s)
{
	return strstr(opf, s) != NULL;
}

static void
test_package(void)
{
	struct arena a = { 0 };
	struct epub  e;
	const char  *opf;
	size_t	     len;

	small_book(&a, &e, 0, 0);
	opf = epub_package(&a, &e, &len);
	CHECK(strlen(opf) == len);
	CHECK(has(opf, "<dc:title>Kai&#39;s plan &amp; you</dc:title>"));
	CHECK(has(opf,
	    "<meta property=\"dcterms:modified\">"
	    "2025-06-20T00:00:00Z</meta>"));
	CHECK(has(opf, "<dc:identifier id=\"uid\">urn:uuid:"));
	/* A document dated in year 1 or 9999: the year in four digits. */
	e.modified = -62135596800; /* 0001-01-01T00:00:00Z */
	CHECK(has(epub_package(&a, &e, &len),
	    "dcterms:modified\">0001-01-01T00:00:00Z<"));
	e.modified = 253402214400; /* 9999-12-31T00:00:00Z */
	CHECK(has(epub_package(&a, &e, &len),
	    "dcterms:modified\">9999-12-31T00:00:00Z<"));
	e.modified = 1750377600;
	CHECK(has(opf, "accessibilitySummary\">A plan &lt;for&gt; Kai.<"));
	CHECK(has(opf, "properties=\"nav\""));
	CHECK(has(opf,
	    "<spine>\n<itemref idref=\"item1\" linear=\"no\"/>\n"
	    "<itemref idref=\"item2\"/>\n</spine>"));
	CHECK(!has(opf, "idref=\"item3\""));
	/* No pictures: textual alone suffices; no claim of alt text. */
	CHECK(has(opf, "accessModeSufficient\">textual<"));
	CHECK(!has(opf, "visual"));
	CHECK(!has(opf, "alternativeText"));
	CHECK(has(opf, "dcterms:conformsTo"));
	/* Every picture described. */
	small_book(&a, &e, 2, 2);
	opf = epub_package(&a, &e, &len);
	CHECK(has(opf, "accessMode\">visual<"));
	CHECK(has(opf, "accessModeSufficient\">textual<"));
	CHECK(has(opf, "alternativeText"));
	CHECK(has(opf, "dcterms:conformsTo"));
	/* One picture not described: no alt text claim, no conformance. */
	small_book(&a, &e, 2, 1);
	opf = epub_package(&a, &e, &len);
	CHECK(!has(opf, "alternativeText"));
	CHECK(!has(opf, "accessModeSufficient\">textual<"));
	CHECK(has(opf, "accessModeSufficient\">textual,visual<"));
	CHECK(!has(opf, "conformsTo"));
	/* Headings and the build's checks are claims too. */
	small_book(&a, &e, 0, 0);
	e.headings = false;
	e.conforms = false;
	opf = epub_package(&a, &e, &len);
	CHECK(!has(opf, "structuralNavigation"));
	CHECK(!has(opf, "conformsTo"));
	/* An href is a web address: a space or an accent is %-encoded. */
	small_book(&a, &e, 0, 0);
	epub_add(&a, &e, "assets/my font.woff2", "font/woff2", NULL, "x", 1,
	    EPUB_RESOURCE);
	epub_add(&a, &e, "assets/caf\xc3\xa9&co.css", "text/css", NULL, "x", 1,
	    EPUB_RESOURCE);
	opf = epub_package(&a, &e, &len);
	CHECK(has(opf, "href=\"assets/my%20font.woff2\""));
	CHECK(has(opf, "href=\"assets/caf%C3%A9%26co.css\""));
	arena_release(&a);
}

static void
test_ids(void)
{
	struct arena a = { 0 };
	const char  *p1[] = { "Riverford", "marsh", "plan", "kai" };
	const char  *p2[] = { "Riverford", "marsh", "plan", "mum" };
	const char  *p3[] = { "Riverford", "marsh", "planka", "i" };
	const char  *id = epub_uuid(&a, p1, 4);

	CHECK(strlen(id) == 45 && strncmp(id, "urn:uuid:", 9) == 0);
	CHECK(id[9 + 14] == '8'); /* version 8 */
	CHECK(strchr("89ab", id[9 + 19]) != NULL);
	CHECK_STR(epub_uuid(&a, p1, 4), id);
	CHECK(strcmp(epub_uuid(&a, p2, 4), id) != 0);
	CHECK(strcmp(epub_uuid(&a, p3, 4), id) != 0);
	CHECK_STR(epub_media_type("a/b.xhtml"), "application/xhtml+xml");
	CHECK_STR(epub_media_type("photo.JPG") == NULL ? "none" : "?", "none");
	CHECK_STR(epub_media_type("photo.jpeg"), "image/jpeg");
	CHECK_STR(epub_media_type("f.woff2"), "font/woff2");
	CHECK(epub_media_type("kindly.js") == NULL);
	CHECK(epub_media_type(".css") == NULL);
	arena_release(&a);
}

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--ocf") == 0)
		return check_books(argc - 2, argv + 2);
	if (argc == 4 && strcmp(argv[1], "--unpack") == 0)
		return unpack(argv[2], argv[3]);
	test_zip();
	test_package();
	test_ids();
	return t_done();
}
