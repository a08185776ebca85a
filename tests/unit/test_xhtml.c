/* SPDX-License-Identifier: ISC */
/* The e-book pages' XML check: what it accepts, what it refuses and why. */
#include <string.h>

#include "arena.h"
#include "t.h"
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
	CHECK(in.scripts == 1);
	CHECK(in.svgs == 1); /* the book's manifest says "svg" */
	CHECK(in.nrefs == 4);
	CHECK(in.nrefs == 4 &&
	    strcmp(in.refs[2], "https://x.example/?a=1&b=2") == 0);
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

int
main(void)
{
	test_wellformed();
	test_info();
	arena_release(&a);
	return t_done();
}
