/* SPDX-License-Identifier: ISC */
/* The e-book pages' XML check: what it accepts, what it refuses and why. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "t.h"
#include "url.h"
#include "xhtml.h"

static struct arena a;

/* NULL if 's' is well-formed, else the message. */
static const char *
scan(const char *s, struct xhtml_info *in, size_t *off)
{
	return xhtml_scan(&a, s, strlen(s), in, off);
}

static void
ok(const char *s)
{
	struct xhtml_info in;
	size_t		  off;
	const char	 *why = scan(s, &in, &off);

	CHECK(why == NULL);
	if (why != NULL)
		printf("\t%s\n\t(at %zu) in: %s\n", why, off, s);
}

/* 's' is refused at byte 'at' with a message that has 'part' in it. */
static void
bad(const char *s, size_t at, const char *part)
{
	struct xhtml_info in;
	size_t		  off = 9999;
	const char	 *why = scan(s, &in, &off);

	CHECK(why != NULL && strstr(why, part) != NULL && off == at);
	if (why == NULL || strstr(why, part) == NULL || off != at)
		printf("\twant \"%s\" at %zu\n\tgot  \"%s\" at %zu\n", part, at,
		    why == NULL ? "(accepted)" : why, off);
}

static void
test_wellformed(void)
{
	ok("<html/>");
	ok("<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html><!-- a -->"
	   "<p a='1' b=\"2\">x &amp; &lt; &#160; &#x1F600;</p><br />"
	   "<![CDATA[ <b> ]]></html>\n");
	ok("\n<!DOCTYPE html>\n<html>a > b</html>");
	bad("<html><br></html>", 6, "<br> must be closed in XHTML");
	bad("<html><p>x</html>", 10, "</html> comes while <p> is still open");
	bad("<html><p>x</p>", 0, "<html> is never closed");
	bad("<html>&nbsp;</html>", 6, "'&nbsp;' is not an XML entity");
	bad("<html>A & B</html>", 8, "a bare '&'; write &amp;");
	bad("<html>&#1;</html>", 6, "a bare '&'");
	bad("<html>a < b</html>", 8, "'<' that starts no tag");
	bad("<html><input checked /></html>", 13,
	    "the attribute 'checked' of <input> has no value");
	bad("<html><p class=x></p></html>", 15, "is not in quotes");
	bad("<html><p a=\"1\"b=\"2\"></p></html>", 14, "need a space");
	bad("<html><p a=\"1\" a=\"2\"></p></html>", 15, "two 'a' attributes");
	bad("<html><p a=\"<\"></p></html>", 12, "'<' in the value of 'a'");
	bad("<html><p a=\"1", 11, "has no closing quote");
	bad("<!doctype html><html/>", 0, "<!DOCTYPE html>");
	bad("<html/><html/>", 7, "a second root element");
	bad("<html/>x", 7, "text outside");
	bad("</p>", 0, "closes nothing");
	bad("", 0, "no root element");
	bad("<html><!-- a -- b --></html>", 13, "'--' inside a comment");
	bad("<html>\x01</html>", 6, "control character (byte 0x01)");
	bad("<html><a href=\"java\x01script:x\"/></html>", 19,
	    "control character (byte 0x01)");
	bad("<html>\xff</html>", 6, "not valid UTF-8");
	bad("<html><p / ></p></html>", 9, "a '/' inside <p>");
	bad("<html><p", 6, "has no closing '>'");
	bad("<html></p x></html>", 6, "an end tag must be </name>");
}

static void
test_info(void)
{
	struct xhtml_info in;
	size_t		  off, len;
	const char	 *s = "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
			      "lang=\"en-GB\"><head><title>Kai&#39;s  "
			      "plan</title></head><body>"
			      "<h1>Your <em>plan</em></h1>"
			      "<h2 id=\"help\">Help</h2><h2>Next\n steps</h2>"
			      "<h3>Small</h3>"
			      "<img src=\"a.png\" alt=\"A house\" />"
			      "<img src=\"b.png\" alt=\" \" />"
			      "<a href=\"https://x.example/?a=1&amp;b=2\">x</a>"
			      "<script src=\"k.js\"></script>"
			      "<svg xmlns=\"http://www.w3.org/2000/svg\">"
			      "<circle r=\"2\" /></svg>"
			      "</body></html>";
	const char	 *out;

	CHECK(scan(s, &in, &off) == NULL);
	CHECK_STR(in.title, "Kai's plan");
	CHECK_STR(in.lang, "en-GB");
	CHECK(in.ns);
	CHECK(in.nheads == 4);
	CHECK(in.nheads == 4 && in.heads[0].level == 1 &&
	    strcmp(in.heads[0].text, "Your plan") == 0 &&
	    in.heads[0].id == NULL);
	CHECK(in.nheads == 4 && strcmp(in.heads[1].id, "help") == 0);
	CHECK(in.nheads == 4 && strcmp(in.heads[2].text, "Next steps") == 0);
	CHECK(in.images == 2 && in.alts == 1);
	CHECK_STR(in.active, "a <script>");
	CHECK(in.svgs == 1); /* the book's manifest says "svg" */
	CHECK(in.nrefs == 4);
	CHECK(in.nrefs == 4 &&
	    strcmp(in.refs[2].url, "https://x.example/?a=1&b=2") == 0);
	/* Ids for h1 and h2 that have none; h3 is left alone. */
	out = xhtml_add_ids(&a, s, strlen(s), &in, 2, "section-", &len);
	CHECK(strlen(out) == len);
	CHECK(strstr(out, "<h1 id=\"section-1\">Your") != NULL);
	CHECK(strstr(out, "<h2 id=\"help\">") != NULL);
	CHECK(strstr(out, "<h2 id=\"section-2\">Next") != NULL);
	CHECK(strstr(out, "<h3>Small") != NULL);
	CHECK_STR(in.heads[2].id, "section-2");
	CHECK(scan(out, &in, &off) == NULL);
	/* Nothing to add: the same text back. */
	s = "<html><h1 id=\"x\">A</h1></html>";
	CHECK(scan(s, &in, &off) == NULL);
	CHECK(xhtml_add_ids(&a, s, strlen(s), &in, 2, "s", &len) == s);
	/* Not the XHTML namespace. */
	CHECK(scan("<html xmlns=\"http://example.com\"/>", &in, &off) == NULL);
	CHECK(!in.ns);
}

/* Self-closed elements of every kind, headings and the title too. */
static void
test_self_closed(void)
{
	struct xhtml_info in;
	size_t		  off, len;
	const char	 *out,
	    *s = "<html><head><title/></head><body><h1 id=\"t\"/>"
		 "<h2/><p/><div/><img src=\"a.png\" alt=\"A\"/>"
		 "</body></html>";

	CHECK(scan(s, &in, &off) == NULL);
	CHECK(in.nheads == 2);
	CHECK(in.nheads == 2 && in.heads[0].text != NULL &&
	    *in.heads[0].text == '\0' && strcmp(in.heads[0].id, "t") == 0);
	CHECK(in.nheads == 2 && in.heads[1].text != NULL &&
	    *in.heads[1].text == '\0' && in.heads[1].id == NULL);
	CHECK_STR(in.title, "");
	CHECK(in.images == 1 && in.alts == 1);
	out = xhtml_add_ids(&a, s, strlen(s), &in, 2, "section-", &len);
	CHECK(strstr(out, "<h2 id=\"section-1\"/>") != NULL);
	CHECK(scan(out, &in, &off) == NULL);
}

/*
 * A page cut short at every byte is refused, never read past: each
 * prefix is copied to a block of exactly its size, so that ASan sees a
 * read beyond it.
 */
static void
test_truncated(void)
{
	static const char page[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://"
	    "www.w3.org/1999/xhtml\" lang=\"en\"><head><title>A &amp; "
	    "B</title></head><body><!-- note --><h1 id='t'>Kai&#39;s "
	    "<em>plan</em></h1><p a=\"&#x1F600;&lt;\" b='x'>x<br/>y &#160; "
	    "z</p><![CDATA[ <b> ]]><img src=\"a.png\" alt=\"A\" /><a "
	    "href=\"https://x.example/?a=1&amp;b=2\">x</a><h2/></body>"
	    "</html>\n";
	struct xhtml_info in;
	size_t		  len, off, refused = 0;
	char		 *copy;
	const char	 *why;

	for (len = 0; len < sizeof(page) - 1; len++) {
		copy = malloc(len == 0 ? 1 : len);
		memcpy(copy, page, len);
		why = xhtml_scan(&a, copy, len, &in, &off);
		refused += why != NULL && off <= len;
		free(copy);
	}
	/* Only the whole page, or the whole page less its newline, is
	 * well-formed. */
	CHECK(refused == sizeof(page) - 2);
	CHECK(xhtml_scan(&a, page, sizeof(page) - 1, &in, &off) == NULL);
	/* Found by fuzzing: the page ends just after '='. */
	bad("<html><p a=", 11, "is not in quotes");
	bad("<html><p a= ", 12, "is not in quotes");
	bad("<html><p a", 9, "has no value");
	bad("<html>&", 6, "a bare '&'");
	bad("<html>&#", 6, "a bare '&'");
	bad("<html>&#x", 6, "a bare '&'");
	bad("<html>&am", 6, "a bare '&'");
	bad("<html></", 6, "an end tag must be");
	bad("<html><", 6, "'<' that starts no tag");
	bad("<html><!", 6, "'<!' that starts no comment");
	bad("<html><!-", 6, "'<!' that starts no comment");
	bad("<html><!--", 6, "a comment that is not closed");
	bad("<html><!-- -", 6, "a comment that is not closed");
	bad("<html><!-- --", 11, "'--' inside a comment");
	bad("<html><![CDATA[", 6, "a CDATA section that is not closed");
	bad("<html><?", 6, "'<?' with no '?>'");
}

/* 40 attributes with the last a second 'a35'; more than the limit. */
static void
test_attributes(void)
{
	struct buf b = { 0 };
	size_t	   i;

	buf_puts(&b, "<html><p");
	for (i = 1; i <= 39; i++)
		buf_printf(&b, " a%zu=\"%zu\"", i, i);
	buf_puts(&b, " a35=\"again\"></p></html>");
	bad(buf_str(&b), (size_t)(strstr(b.ptr, " a35=\"again\"") - b.ptr) + 1,
	    "<p> has two 'a35' attributes");
	for (i = XHTML_MAX_ATTRS; i <= XHTML_MAX_ATTRS + 1; i++) {
		size_t k, last = 0;

		buf_reset(&b);
		buf_puts(&b, "<html><p");
		for (k = 1; k <= i; k++) {
			last = b.len + 1;
			buf_printf(&b, " a%zu=\"%zu\"", k, k);
		}
		buf_puts(&b, "></p></html>");
		if (i == XHTML_MAX_ATTRS)
			ok(buf_str(&b));
		else
			bad(buf_str(&b), last,
			    "<p> has more than 64 attributes");
	}
	buf_release(&b);
}

static double
seconds(clock_t from)
{
	return (double)(clock() - from) / CLOCKS_PER_SEC;
}

/*
 * Deep nesting takes time in proportion to the page: 50,000 headings
 * one in another (refused at the second), and 50,000 elements in one
 * heading, whose text is kept once.
 */
static void
test_deep(void)
{
	struct xhtml_info in;
	struct buf	  b = { 0 };
	size_t		  i, off;
	clock_t		  t = clock();
	const char	 *why;

	buf_puts(&b, "<html>");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "<h2>x");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "</h2>");
	buf_puts(&b, "</html>");
	why = xhtml_scan(&a, b.ptr, b.len, &in, &off);
	CHECK(why != NULL && strstr(why, "<h2> inside <h2>") != NULL &&
	    off == 11);
	buf_reset(&b);
	buf_puts(&b, "<html><h1>");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "<i>x ");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "</i>");
	buf_puts(&b, "</h1><title>");
	for (i = 0; i < 50000; i++)
		buf_puts(&b, "t&amp;");
	buf_puts(&b, "</title></html>");
	CHECK(xhtml_scan(&a, b.ptr, b.len, &in, &off) == NULL);
	CHECK(in.nheads == 1 && strlen(in.heads[0].text) == 2 * 50000 - 1);
	CHECK(in.title != NULL && strlen(in.title) == 2 * 50000);
	CHECK(seconds(t) < 2.0);
	if (seconds(t) >= 2.0)
		printf("\tdeep pages took %.1f s\n", seconds(t));
	buf_release(&b);
}

/* What templates can write that the book must not take on trust. */
static void
test_book_facts(void)
{
	struct xhtml_info in;
	size_t		  off, len;
	const char	 *s, *out;

	/* A heading's picture names it; spaces squashed, ends trimmed. */
	s = "<html><h1> <img src=\"l.png\" alt=\"Riverford\"/>\n Council "
	    "</h1><h2>&#32;&#9;</h2></html>";
	CHECK(scan(s, &in, &off) == NULL);
	CHECK(in.nheads == 2 &&
	    strcmp(in.heads[0].text, "Riverford Council") == 0);
	CHECK(in.nheads == 2 && *in.heads[1].text == '\0');
	/* Ids: unique, one word; made ones skip those taken. */
	bad("<html><p id=\"a\"/><h2 id=\"a\">x</h2></html>", 21,
	    "a second element with the id \"a\"");
	bad("<html><p id=\"b\"/><p xml:id=\"a\"/><p id=\"b\"/></html>", 35,
	    "the id \"b\"");
	bad("<html><p id=\"\"/></html>", 9, "the id \"\" is empty");
	bad("<html><p id=\"a b\"/></html>", 9, "more than one word");
	s = "<html><h2>A</h2><h3 id=\"section-1\">B</h3><h2>C</h2></html>";
	CHECK(scan(s, &in, &off) == NULL);
	out = xhtml_add_ids(&a, s, strlen(s), &in, 2, "section-", &len);
	CHECK(strstr(out, "<h2 id=\"section-2\">A") != NULL);
	CHECK(strstr(out, "<h2 id=\"section-3\">C") != NULL);
	CHECK(scan(out, &in, &off) == NULL);
	/* Every address, decoded, with where it is and what it does. */
	s = "<html><a href=\"java&#9;script:x\">x</a><link href=\"s.css\"/>"
	    "<svg:a xlink:href=\"j\"/><img src=\"i.png\" srcset=\"a 1x, b "
	    "2x\" alt=\"\"/><p xml:base=\"https://x/\"/><a href=\"a\tb\"/>"
	    "</html>";
	CHECK(scan(s, &in, &off) == NULL);
	CHECK(in.nrefs == 8);
	if (in.nrefs == 8) {
		CHECK(strcmp(in.refs[0].url, "java\tscript:x") == 0 &&
		    !in.refs[0].load && in.refs[0].at == 9);
		CHECK(strcmp(in.refs[1].url, "s.css") == 0 && in.refs[1].load);
		CHECK(strcmp(in.refs[2].url, "j") == 0 && !in.refs[2].load);
		CHECK(strcmp(in.refs[3].url, "i.png") == 0 && in.refs[3].load);
		CHECK(strcmp(in.refs[5].url, "b") == 0 && in.refs[5].load);
		CHECK(strcmp(in.refs[6].url, "https://x/") == 0 &&
		    in.refs[6].load);
		CHECK_STR(in.refs[7].url, "a b"); /* XML makes a tab a space */
	}
	/* What a style loads: from an attribute, at the attribute; from a
	 * <style>, where it is. */
	s = "<html><p style=\"background: url(&quot;https://t.example/"
	    "x.png&quot;)\"/><style>p { background: url(y.png) }</style>"
	    "</html>";
	CHECK(scan(s, &in, &off) == NULL);
	CHECK(in.nrefs == 2);
	if (in.nrefs == 2) {
		CHECK(strcmp(in.refs[0].url, "https://t.example/x.png") == 0 &&
		    in.refs[0].load && in.refs[0].at == 9);
		CHECK(strcmp(in.refs[1].url, "y.png") == 0 && in.refs[1].load &&
		    in.refs[1].at == (size_t)(strstr(s, "y.png") - s));
	}
	/* What runs a script, however it is written. */
	CHECK(scan("<html><p onclick=\"x\"/></html>", &in, &off) == NULL);
	CHECK_STR(in.active, "the attribute 'onclick'");
	CHECK(in.active_at == 9);
	CHECK(
	    scan("<html><svg:script>x</svg:script></html>", &in, &off) == NULL);
	CHECK_STR(in.active, "a <svg:script>");
	CHECK(
	    scan("<html><iframe src=\"a.xhtml\"/></html>", &in, &off) == NULL);
	CHECK_STR(in.active, "a <iframe>");
	CHECK(scan("<html><meta http-equiv=\"Refresh\" content=\"0;url=x\"/>"
		   "</html>",
		  &in, &off) == NULL);
	CHECK(in.active != NULL && strstr(in.active, "another page") != NULL);
	CHECK(scan("<html><a><set attributeName=\"xlink:href\" to=\"x\"/></a>"
		   "</html>",
		  &in, &off) == NULL);
	CHECK(in.active != NULL && strstr(in.active, "changes a link") != NULL);
	CHECK(scan("<html><p x=\"onclick\"/></html>", &in, &off) == NULL);
	CHECK(in.active == NULL);
}

int
main(void)
{
	test_wellformed();
	test_info();
	test_self_closed();
	test_truncated();
	test_attributes();
	test_deep();
	test_book_facts();
	arena_release(&a);
	return t_done();
}
