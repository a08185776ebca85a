/* SPDX-License-Identifier: ISC */
/* The one rule for addresses: what it lets through, what it refuses. */
#include <string.h>

#include "arena.h"
#include "t.h"
#include "url.h"

static struct arena a;

/* An address, how it is used, and a part of why it is refused (or NULL). */
struct rule {
	const char   *url;
	size_t	      len; /* 0: strlen(url) */
	enum url_kind kind;
	const char   *why;
};

#define NOT_WEB	  "not a web address"
#define CONTROL	  "control character"
#define NOT_WHOLE "not a whole web address"

static const struct rule rules[] = {
	/* Allowed, in any case. */
	{ "https://www.riverford.example/help", 0, URL_ADDRESS, NULL },
	{ "HTTPS://WWW.RIVERFORD.EXAMPLE/", 0, URL_ADDRESS, NULL },
	{ "http://x.example", 0, URL_ADDRESS, NULL },
	{ "mailto:help@riverford.example", 0, URL_ADDRESS, NULL },
	{ "MailTo:help@riverford.example?subject=Hi", 0, URL_ADDRESS, NULL },
	{ "tel:+441632960100", 0, URL_ADDRESS, NULL },
	{ "https://x.example/a?b=c#d", 0, URL_LINK, NULL },
	/* Links within the site or book, where they may be. */
	{ "#main", 0, URL_LINK, NULL },
	{ "", 0, URL_LINK, NULL },
	{ "../../assets/kindly.css", 0, URL_LINK, NULL },
	{ "drawing.png", 0, URL_LINK, NULL },
	{ "a/b:c", 0, URL_LINK, NULL }, /* ':' after '/' is not a scheme */
	{ "?x=1:2", 0, URL_LINK, NULL },
	{ "#main", 0, URL_ADDRESS, NOT_WHOLE },
	{ "www.riverford.example", 0, URL_ADDRESS, NOT_WHOLE },
	{ "", 0, URL_ADDRESS, "empty" },
	{ "//elsewhere.example/", 0, URL_LINK, "leaves out how to reach it" },
	/* Every other scheme, however written. */
	{ "javascript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "JavaScript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "JAVASCRIPT:alert(1)", 0, URL_ADDRESS, NOT_WEB },
	{ "vbscript:msgbox(1)", 0, URL_LINK, NOT_WEB },
	{ "VBScript:msgbox(1)", 0, URL_LINK, NOT_WEB },
	{ "data:text/html,<script>alert(1)</script>", 0, URL_LINK, NOT_WEB },
	{ "data:image/png;base64,AAAA", 0, URL_LINK, NOT_WEB },
	{ "DATA:,x", 0, URL_LINK, NOT_WEB },
	{ "file:///etc/passwd", 0, URL_LINK, NOT_WEB },
	{ "ftp://x.example/", 0, URL_LINK, NOT_WEB },
	{ "blob:https://x.example/1", 0, URL_LINK, NOT_WEB },
	{ "intent://x#Intent;end", 0, URL_LINK, NOT_WEB },
	{ "x-unknown:thing", 0, URL_LINK, NOT_WEB },
	{ "httpx://x.example", 0, URL_LINK, NOT_WEB },
	{ "https-://x.example", 0, URL_LINK, NOT_WEB },
	{ "%6Aavascript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "java%09script:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "j\xc3\xa0vascript:x", 0, URL_LINK, NOT_WEB },
	{ "\xc2\xa0javascript:x", 0, URL_LINK, NOT_WEB },
	{ "java\\script:x", 0, URL_LINK, "'\\'" },
	/* What browsers drop or skip: spaces and controls at the ends, tabs
	 * and newlines anywhere.  The scheme is what they would see. */
	{ " javascript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "\x01javascript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "\x1fjavascript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "java\tscript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "java\nscript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "java\rscript:alert(1)", 0, URL_LINK, NOT_WEB },
	{ "\t\n javascript:alert(1)", 0, URL_ADDRESS, NOT_WEB },
	{ "javas\x00cript:alert(1)", 19, URL_LINK, NOT_WEB },
	{ " https://x.example", 0, URL_ADDRESS, "space at the start" },
	{ "https://x.example ", 0, URL_ADDRESS, "space at the start" },
	{ "https://x.example/a b", 0, URL_ADDRESS, "space in it" },
	{ "https://x.exa\tmple", 0, URL_ADDRESS, CONTROL },
	{ "https://x.example/\x7f", 0, URL_ADDRESS, CONTROL },
	{ "https://x.example/\x00", 19, URL_LINK, CONTROL },
	{ "a\x1b[2Jb.png", 0, URL_LINK, CONTROL },
	{ "/\\elsewhere.example", 0, URL_LINK, "'\\'" },
	{ "\\\\elsewhere.example", 0, URL_LINK, "'\\'" },
	/* A web address needs its site. */
	{ "https:", 0, URL_ADDRESS, NOT_WHOLE },
	{ "https:x.example", 0, URL_ADDRESS, NOT_WHOLE },
	{ "https:/x.example", 0, URL_LINK, NOT_WHOLE },
	{ "https:///x.example", 0, URL_LINK, NOT_WHOLE },
	{ "http://", 0, URL_LINK, NOT_WHOLE },
};

static void
test_rule(void)
{
	const struct rule *r;
	const char	  *why;
	size_t		   i, len;
	int		   ok;

	for (i = 0; i < sizeof(rules) / sizeof(*rules); i++) {
		r = &rules[i];
		len = r->len != 0 ? r->len : strlen(r->url);
		why = url_check(r->url, len, r->kind);
		ok = r->why == NULL
		    ? why == NULL
		    : why != NULL && strstr(why, r->why) != NULL;
		CHECK(ok);
		if (!ok)
			printf("\t'%s': want %s, got %s\n",
			    url_shown(&a, r->url, len),
			    r->why != NULL ? r->why : "(allowed)",
			    why != NULL ? why : "(allowed)");
	}
}

static void
test_scheme(void)
{
	CHECK(url_has_scheme("https://x", 9));
	CHECK(url_has_scheme(" JavaScript:x", 13));
	CHECK(url_has_scheme("java\tscript:x", 13));
	CHECK(!url_has_scheme("assets/a:b.png", 14));
	CHECK(!url_has_scheme("a.png#x:y", 9));
	CHECK(!url_has_scheme("a.png", 5));
	CHECK(!url_has_scheme(":x", 2));
	CHECK(!url_has_scheme("javascript", 10));
}

static void
test_shown(void)
{
	char long_url[300];

	CHECK_STR(url_shown(&a, "java\tscript:\x1b[2J\r\n", 18),
	    "java\\tscript:\\x1b[2J\\r\\n");
	CHECK_STR(url_shown(&a, "a\x00z", 3), "a\\x00z");
	memset(long_url, 'x', sizeof(long_url));
	CHECK(strlen(url_shown(&a, long_url, sizeof(long_url))) == 103);
	/* A character is never cut in half. */
	CHECK_STR(url_shown(&a,
		      "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		      "\xc3\xa9\xc3\xa9\xc3\xa9",
		      20),
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9");
}

int
main(void)
{
	test_rule();
	test_scheme();
	test_shown();
	arena_release(&a);
	return t_done();
}
