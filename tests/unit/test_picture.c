/* SPDX-License-Identifier: ISC */
/*
 * Tests for picture: a picture's type comes from its bytes, whole
 * headers only; names in the output are safe and never two for one.
 */
#include <string.h>

#include "arena.h"
#include "picture.h"
#include "t.h"

/* The first bytes of each kind, each header whole. */
static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01"
			  "\x08\x02\0\0\0\x90wS\xde";
static const char jpeg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0"
			   "\x01\0\0";
static const char gif[] = "GIF89a\x01\0\x01\0\x80\0\0";
static const char webp[] = "RIFF\x1a\0\0\0WEBPVP8L\x0d\0\0\0";

static void
test_type(void)
{
	CHECK_STR(picture_type(png, sizeof(png) - 1), "image/png");
	CHECK_STR(picture_type(jpeg, sizeof(jpeg) - 1), "image/jpeg");
	CHECK_STR(picture_type(gif, sizeof(gif) - 1), "image/gif");
	CHECK_STR(picture_type(webp, sizeof(webp) - 1), "image/webp");
	CHECK_STR(picture_type("GIF87a\x01\0\x01\0\x80\0\0", 13), "image/gif");
	/* Nothing, text, and headers cut short are not pictures. */
	CHECK(picture_type("", 0) == NULL);
	CHECK(picture_type("Kai at football\n", 16) == NULL);
	CHECK(picture_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 41) ==
	    NULL);
	CHECK(picture_type(png, 8) == NULL);
	CHECK(picture_type(png, sizeof(png) - 2) == NULL);
	CHECK(picture_type(jpeg, 3) == NULL);
	CHECK(picture_type(jpeg, sizeof(jpeg) - 2) == NULL); /* segment cut */
	CHECK(picture_type(gif, 12) == NULL);
	CHECK(picture_type(webp, 12) == NULL);
	CHECK(picture_type("RIFF\x1a\0\0\0WAVEfmt \x10\0\0\0", 20) == NULL);
}

static void
test_type_of_name(void)
{
	CHECK_STR(picture_type_of_name("a.png"), "image/png");
	CHECK_STR(picture_type_of_name("a.PNG"), "image/png");
	CHECK_STR(picture_type_of_name("photo.jpg"), "image/jpeg");
	CHECK_STR(picture_type_of_name("photo.JPEG"), "image/jpeg");
	CHECK_STR(picture_type_of_name("pics/star.gif"), "image/gif");
	CHECK_STR(picture_type_of_name("house.webp"), "image/webp");
	CHECK(picture_type_of_name("drawing.svg") == NULL);
	CHECK(picture_type_of_name("png") == NULL);
	CHECK(picture_type_of_name("a.png/b") == NULL);
	CHECK(picture_type_of_name("a.pngx") == NULL);
}

static void
test_name(void)
{
	struct arena a = { 0 };
	const char  *s;

	/* Safe names are kept, so existing pages keep their addresses. */
	CHECK_STR(picture_name(&a, "kay-football.png"), "kay-football.png");
	CHECK_STR(picture_name(&a, "Door_2.PNG"), "Door_2.PNG");
	/* One in a folder is a file beside the page too: no folder in the
	   output could be named like the page's book. */
	s = picture_name(&a, "pics/Door_2.PNG");
	CHECK(s != NULL && strncmp(s, "pics-Door_2-", 12) == 0 &&
	    strchr(s, '/') == NULL);
	s = picture_name(&a, "letter.epub/a.png");
	CHECK(s != NULL && strchr(s, '/') == NULL);
	/* Others get plain letters and a stamp of the whole name. */
	s = picture_name(&a, "my drawing.png");
	CHECK(s != NULL && strncmp(s, "my-drawing-", 11) == 0 &&
	    strlen(s) == 11 + 8 + 4 && strcmp(s + 19, ".png") == 0);
	s = picture_name(&a, "jardin-\xc3\xa9t\xc3\xa9.jpg");
	CHECK(s != NULL && strncmp(s, "jardin-ete-", 11) == 0);
	s = picture_name(&a, "t\xc5\xb5 Nain.webp"); /* Welsh w-circumflex */
	CHECK(s != NULL && strncmp(s, "tw-Nain-", 8) == 0);
	s = picture_name(&a, "\xe5\xae\xb6.gif"); /* no plain letters */
	CHECK(s != NULL && s[0] == '-' && strlen(s) == 9 + 4);
	s = picture_name(&a, ".hidden.png");
	CHECK(s != NULL && s[0] != '.');
	/* Two names that look alike in plain letters stay two. */
	CHECK(strcmp(picture_name(&a, "a b.png"),
		  picture_name(&a, "a\tb.png")) != 0);
	CHECK(strcmp(picture_name(&a, "\xc3\xa9.png"), "e.png") != 0);
	/* The same name, the same result: builds are deterministic. */
	CHECK_STR(picture_name(&a, "my drawing.png"),
	    picture_name(&a, "my drawing.png"));
	arena_release(&a);
}

int
main(void)
{
	test_type();
	test_type_of_name();
	test_name();
	return t_done();
}
