/* SPDX-License-Identifier: ISC */
/* Tests for content: front matter and safe Markdown. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "t.h"

static int	   images_seen;
static const char *last_written; /* the address as the document wrote it */

/* The caller names the picture in the output; content links to that. */
static const char *
accept_image(void *ud, const char *path, const char *written,
    const struct srcpos *pos)
{
	(void)ud;
	(void)pos;
	images_seen++;
	last_written = written;
	if (strcmp(path, "my pic.png") == 0)
		return "my-pic-0a1b2c3d.png";
	if (strcmp(path, "dessin-\xc3\xa9t\xc3\xa9.png") == 0)
		return "dessin-ete-4e5f6a7b.png";
	return NULL;
}

static const char *
md(struct arena *a, const char *src)
{
	struct content_opts o = { "t.md", 5, accept_image, NULL, false };

	return content_markdown(a, &o, src, strlen(src));
}

static void
test_split(void)
{
	const char *y, *b;
	size_t	    yl, bl;
	unsigned    line;
	const char *doc = "---\nkind: letter\n---\nHello\n";

	CHECK(content_split(doc, strlen(doc), &y, &yl, &b, &bl, &line));
	CHECK(yl == 13 && strncmp(y, "kind: letter\n", yl) == 0);
	CHECK_STR(b, "Hello\n");
	CHECK(line == 4);
	doc = "\xef\xbb\xbf---\r\nkind: x\r\n...\r\nBody";
	CHECK(content_split(doc, strlen(doc), &y, &yl, &b, &bl, &line));
	CHECK(yl == 9 && line == 4);
	CHECK_STR(b, "Body");
	doc = "No front matter\n";
	CHECK(content_split(doc, strlen(doc), &y, &yl, &b, &bl, &line));
	CHECK(y == NULL && line == 1 && b == doc);
	doc = "---\nkind: letter\n";
	CHECK(!content_split(doc, strlen(doc), &y, &yl, &b, &bl, &line));
}

static void
test_markdown(struct arena *a)
{
	size_t errors = diag_count(DIAG_ERROR);

	CHECK_STR(md(a, "Hello *you*"), "<p>Hello <em>you</em></p>\n");
	CHECK_STR(md(a, "\"Quotes\" -- dashes"),
	    "<p>\xe2\x80\x9cQuotes\xe2\x80\x9d \xe2\x80\x93 dashes</p>\n");
	/* raw HTML never passes through */
	CHECK_STR(md(a, "<script>alert(1)</script>\n"),
	    "<!-- raw HTML omitted -->\n");
	/* '#' headings move down one level: the page has one h1 */
	CHECK_STR(md(a, "# A\n## B\n"), "<h2>A</h2>\n<h3>B</h3>\n");
	CHECK_STR(md(a, "## A\n"), "<h2>A</h2>\n");
	/* images: local, described, and accepted by the caller */
	CHECK_STR(md(a, "![Kay's drawing](my%20pic.png)"),
	    "<p><img src=\"my-pic-0a1b2c3d.png\" alt=\"Kay\xe2\x80\x99s "
	    "drawing\" /></p>\n");
	CHECK_STR(last_written, "my%20pic.png");
	CHECK_STR(md(a, "![Kay's drawing](<my pic.png>)"),
	    "<p><img src=\"my-pic-0a1b2c3d.png\" alt=\"Kay\xe2\x80\x99s "
	    "drawing\" /></p>\n");
	CHECK_STR(last_written, "my pic.png");
	CHECK_STR(md(a, "![A sunny day](dessin-\xc3\xa9t\xc3\xa9.png)"),
	    "<p><img src=\"dessin-ete-4e5f6a7b.png\" alt=\"A sunny day\" "
	    "/></p>\n");
	CHECK_STR(last_written, "dessin-\xc3\xa9t\xc3\xa9.png");
	CHECK(diag_count(DIAG_ERROR) == errors);
	CHECK(md(a, "![x](https://example.org/a.png)") == NULL);
	CHECK(md(a, "![x](//example.org/a.png)") == NULL);
	CHECK(md(a, "![x](data:image/png;base64,AAAA)") == NULL);
	CHECK(md(a, "![](my%20pic.png)") == NULL);
	CHECK(md(a, "![ ](my%20pic.png)") == NULL);
	CHECK(md(a, "![x](other.png)") == NULL);
	CHECK(md(a, "![x](bad%zz.png)") == NULL);
	CHECK(diag_count(DIAG_ERROR) == errors + 6); /* other.png: caller's */
	/* A space in a name not between < and >: words, so an error. */
	CHECK(md(a, "This is ![Kay's drawing](my pic.png) for you.") == NULL);
	CHECK(diag_count(DIAG_ERROR) == errors + 7);
	CHECK_STR(md(a, "Press ![ to start, then ] (twice)."),
	    "<p>Press ![ to start, then ] (twice).</p>\n");
	CHECK(diag_count(DIAG_ERROR) == errors + 7);
	CHECK(images_seen == 4);
}

/*
 * Links follow url.h's rule, with an error at the link: cmark's safe
 * mode would drop javascript: silently, and let data:image/png and
 * unknown schemes through.  Links within the site stay.
 */
static void
test_links(struct arena *a)
{
	static const char *const refused[] = { "[x](javascript:alert(1))",
		"[x](JAVASCRIPT:alert(1))", "[x](<vbscript:x>)",
		"[x](data:image/png;base64,AAAA)", "[x](data:text/html,hi)",
		"[x](file:///etc/passwd)", "[x](ftp://x.example/)",
		"<javascript:alert(1)>", "[x][r]\n\n[r]: java&#9;script:x",
		"[x](&#106;avascript:x)", "[x](//elsewhere.example/)",
		"[x](https:elsewhere.example)" };
	struct content_opts	 o = { "t.md", 5, accept_image, NULL, false };
	const char		*why;
	size_t			 i, errors = diag_count(DIAG_ERROR);

	for (i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
		CHECK(md(a, refused[i]) == NULL);
		if (diag_count(DIAG_ERROR) != errors + i + 1)
			printf("\tnot refused: %s\n", refused[i]);
	}
	CHECK(diag_count(DIAG_ERROR) == errors + i);
	CHECK_STR(md(a,
		      "[a](https://x.example/) [b](mailto:a@x.example) "
		      "[c](tel:+441632960100) [d](#next) [e](drawing.png)"),
	    "<p><a href=\"https://x.example/\">a</a> "
	    "<a href=\"mailto:a@x.example\">b</a> "
	    "<a href=\"tel:+441632960100\">c</a> <a href=\"#next\">d</a> "
	    "<a href=\"drawing.png\">e</a></p>\n");
	/* Told, not reported, for kindly.markdown(). */
	errors = diag_count(DIAG_ERROR);
	CHECK(content_markdown_why(a, &o, "[x](data:,1)", 12, &why) == NULL);
	CHECK_STR(why,
	    "a link to 'data:,1', which is not a web address; write one that "
	    "starts with https://");
	CHECK(diag_count(DIAG_ERROR) == errors);
	CHECK(content_markdown_why(a, &o, "[x](#a)", 7, &why) != NULL);
	CHECK(why == NULL);
}

/*
 * cmark's memory comes from a region that is emptied after each
 * document: documents that outgrow its first chunk, one far past what
 * it keeps between documents, and small ones after them must all come
 * out whole.
 */
static void
test_region(struct arena *a)
{
	static const size_t sizes[] = { 10, 3000, 2, 200000, 1 };
	struct buf	    src = { 0 }, want = { 0 };
	size_t		    i, k;
	const char	   *got;

	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		buf_reset(&src);
		buf_reset(&want);
		for (k = 0; k < sizes[i]; k++) {
			buf_printf(&src, "Part %zu of *%zu*.\n\n", k, i);
			buf_printf(&want, "<p>Part %zu of <em>%zu</em>.</p>\n",
			    k, i);
		}
		got = md(a, src.ptr);
		CHECK(got != NULL && strcmp(got, want.ptr) == 0);
		CHECK_STR(md(a, "Still *fine*"),
		    "<p>Still <em>fine</em></p>\n");
	}
	buf_release(&src);
	buf_release(&want);
}

int
main(void)
{
	struct arena a = { 0 };

	(void)freopen("/dev/null", "w", stderr); /* counted, not shown */
	test_split();
	test_markdown(&a);
	test_region(&a);
	test_links(&a);
	arena_release(&a);
	return t_done();
}
