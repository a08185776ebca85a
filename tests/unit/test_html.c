/* SPDX-License-Identifier: ISC */
/* The addresses in a web page's tags, found as a browser finds them. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "html.h"
#include "t.h"
#include "url.h"

static struct arena a;

/* The page's addresses, one a line: "link URL" or "load URL". */
static const char *
refs(const char *page)
{
	size_t		n, i, len = 0;
	struct url_ref *r = html_refs(&a, page, strlen(page), &n);
	char	       *out = arena_alloc(&a, 4096);

	for (i = 0; i < n && len < 3800; i++)
		len += (size_t)snprintf(out + len, 4096 - len, "%s%s %s%s",
		    i > 0 ? "\n" : "", r[i].load ? "load" : "link",
		    url_shown(&a, r[i].url, r[i].len),
		    r[i].odd ? " (odd)" : "");
	return out;
}

static void
test_refs(void)
{
	size_t		n;
	struct url_ref *r;

	CHECK_STR(refs("<p><a href=\"https://x.example/\">x</a></p>"),
	    "link https://x.example/");
	/* Any case, unquoted, after a '/', with spaces round '='. */
	CHECK_STR(refs("<A HREF=javascript:alert(1)>x</A>"),
	    "link javascript:alert(1)");
	CHECK_STR(refs("<a/href='j'>x</a><a title=x href = \"k\" >"),
	    "link j\nlink k");
	/* Character references as browsers read them. */
	CHECK_STR(refs("<a href=\"java&#x09;script:x\">"),
	    "link java\\tscript:x");
	CHECK_STR(refs("<a href=\"&#106avascript&#58x\">"),
	    "link javascript:x");
	CHECK_STR(refs("<a href=\"?a=1&amp;b=2&c\">"), "link ?a=1&b=2&c");
	CHECK_STR(refs("<a href=\"javascript&colon;x\">"),
	    "link javascript&colon;x (odd)");
	CHECK_STR(refs("<a href=\"&#0;&#xffffffff;\">"),
	    "link \xef\xbf\xbd\xef\xbf\xbd");
	/* Files the page loads, a srcset's each. */
	CHECK_STR(refs("<img src=\"a.png\" srcset=\"b.png 1x, c.png 2x\" "
		       "alt=\"\"><link rel=stylesheet href=\"s.css\">"),
	    "load a.png\nload b.png\nload c.png\nload s.css");
	CHECK_STR(refs("<object data=\"x.svg\"></object><form action=\"f\">"
		       "<button formaction=\"g\">"),
	    "load x.svg\nlink f\nlink g");
	/* A namespace prefix hides nothing. */
	CHECK_STR(refs("<svg><a xlink:href=\"javascript:x\"><use "
		       "href=\"#i\"/></a></svg>"),
	    "link javascript:x\nload #i");
	/* Not markup: comments, script and style text, attribute values. */
	CHECK_STR(refs("<!-- <a href=\"a\"> --><script>s='<a "
		       "href=\"b\">'</script><STYLE>a{}</style x><a href=c>"),
	    "link c");
	CHECK_STR(refs("<p title=\"<a href='a'>\">x</p>"), "");
	/* Comments end where browsers end them. */
	CHECK_STR(refs("<!--><a href=a><!---><a href=b><!-- x --!><a href=c>"),
	    "link a\nlink b\nlink c");
	/* CSS: url() and @import in style attributes and elements, in any
	 * case, comments left out. */
	CHECK_STR(refs(
		      "<p style=\"background:URL( 'https://t.example/x.png' "
		      ")\">x</p><style>/* url(a) */ @import \"b.css\"; @IMPORT "
		      "url(c.css); p{background:url(d.png)}</style>"),
	    "load https://t.example/x.png\nload b.css\nload c.css\nload d.png");
	/* Where each is: the start of its attribute. */
	r = html_refs(&a, "<a  href=x>", 11, &n);
	CHECK(n == 1 && r[0].at == 4 && strcmp(r[0].attr, "href") == 0);
}

/* Every prefix of a page is read without reading past it (ASan). */
static void
test_truncated(void)
{
	static const char page[] =
	    "<!DOCTYPE html><html><head><!-- c --><script>x<y</script>"
	    "<style>a{}</style></head><body><a href=\"a&#x3a;b\" x='y' "
	    "z=w/><img src=a srcset=\"b 1x,c\"><!--> <a href=&amp";
	size_t n, len;
	char  *copy;

	for (len = 0; len <= sizeof(page) - 1; len++) {
		copy = malloc(len + 1);
		memcpy(copy, page, len);
		(void)html_refs(&a, copy, len, &n);
		free(copy);
	}
	CHECK(len == sizeof(page));
}

static void
test_attr(void)
{
	CHECK(html_url_attr("a", 1, "href", 4) == HTML_URL_LINK);
	CHECK(html_url_attr("svg:a", 5, "xlink:href", 10) == HTML_URL_LINK);
	CHECK(html_url_attr("link", 4, "href", 4) == HTML_URL_LOAD);
	CHECK(html_url_attr("IMG", 3, "SRC", 3) == HTML_URL_LOAD);
	CHECK(html_url_attr("p", 1, "xml:base", 8) == HTML_URL_LOAD);
	CHECK(html_url_attr("img", 3, "srcset", 6) == HTML_URL_SET);
	CHECK(html_url_attr("div", 3, "data", 4) == HTML_URL_NONE);
	CHECK(html_url_attr("div", 3, "title", 5) == HTML_URL_NONE);
}

int
main(void)
{
	test_refs();
	test_truncated();
	test_attr();
	arena_release(&a);
	return t_done();
}
