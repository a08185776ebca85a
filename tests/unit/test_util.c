/* SPDX-License-Identifier: ISC */
/* Tests for util, arena, buf, html and date. */
#include <ctype.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "html.h"
#include "t.h"
#include "util.h"

static void
test_closest(void)
{
	static const char *const ids[] = { "mum", "dad", "kay", "sw-priya" };

	CHECK_STR(util_closest("mun", ids, LEN(ids)), "mum");
	CHECK_STR(util_closest("sw-pirya", ids, LEN(ids)), "sw-priya");
	CHECK(util_closest("grandad", ids, LEN(ids)) == NULL);
	CHECK(util_closest("x", ids, 0) == NULL);
	/* Two letters swapped is one slip, even in a short name. */
	CHECK_STR(util_closest("mmu", ids, LEN(ids)), "mum");
	CHECK_STR(util_closest("kya", ids, LEN(ids)), "kay");
}

static void
test_utf8(void)
{
	unsigned line, col;

	CHECK(util_utf8_check("plain", 5) == 5);
	CHECK(util_utf8_check("caf\xc3\xa9", 5) == 5);
	CHECK(util_utf8_check("\xe2\x80\x99", 3) == 3); /* ’ */
	CHECK(util_utf8_check("ab\xff", 3) == 2);
	CHECK(util_utf8_check("\xc0\xaf", 2) == 0);	/* overlong */
	CHECK(util_utf8_check("\xed\xa0\x80", 3) == 0); /* surrogate */
	CHECK(util_utf8_check("\xe2\x80", 2) == 0);	/* cut short */
	CHECK(util_utf8_check("\xf4\x90\x80\x80", 4) == 0);
	/* Runs of ASCII are checked eight bytes at a time. */
	CHECK(util_utf8_check("abcdefgh\xff", 9) == 8);
	CHECK(util_utf8_check("abcdefg\xc3\xa9"
			      "abcdefghij",
		  19) == 19);
	CHECK(util_utf8_check("abcdefghijklmnop\xe2\x80", 18) == 16);
	CHECK(util_utf8_check("abcdefghijklmno\xc3", 16) == 15);
	util_line_col("ab\ncd\xc3\xa9x", 7, &line, &col);
	CHECK(line == 2 && col == 4);
	util_line_col("ab\ncd\xc3\xa9x", 1, &line, &col);
	util_line_col_from("ab\ncd\xc3\xa9x", 1, 7, &line, &col);
	CHECK(line == 2 && col == 4); /* counted on, the same */
	util_line_col_from("ab\ncd\xc3\xa9x", 7, 7, &line, &col);
	CHECK(line == 2 && col == 4);
	CHECK(util_dir_len("public//") == 6);
	CHECK(util_dir_len("/") == 1);
	CHECK(util_dir_len("a/b") == 3);
	{
		const char *s = "one\r\ntwo", *next;

		CHECK(util_line(s, s + strlen(s), &next) == 3 && next == s + 5);
		CHECK(util_line(next, s + strlen(s), &next) == 3 &&
		    next == s + strlen(s));
	}
}

static void
test_path_next(void)
{
	const char *p = "meeting.date";
	char	    name[8];

	CHECK(util_path_next(&p, name, sizeof(name)));
	CHECK_STR(name, "meeting");
	CHECK(util_path_next(&p, name, sizeof(name)));
	CHECK_STR(name, "date");
	CHECK(!util_path_next(&p, name, sizeof(name)));
	p = "much-too-long.date";
	CHECK(!util_path_next(&p, name, sizeof(name)));
}

static void
test_shared(void)
{
	static const char *const w[] = { "a", "bb", "c" };
	struct arena		 a = { 0 };
	int			 h, m;

	CHECK_STR(arena_join(&a, w, 3, ", ", " or "), "a, bb or c");
	CHECK_STR(arena_join(&a, w, 2, ", ", " and "), "a and bb");
	CHECK_STR(arena_join(&a, w, 1, ", ", " or "), "a");
	CHECK_STR(arena_join(&a, w, 0, ", ", " or "), "");
	CHECK(util_id_ok("sw-priya", 8));
	CHECK(util_id_ok("cp-plan.yaml", 7));
	CHECK(!util_id_ok("Kay", 3) && !util_id_ok("2mum", 4));
	CHECK(!util_id_ok("", 0) && !util_id_ok("a_b", 3));
	CHECK(date_time_parse("09:30", 5, &h, &m) && h == 9 && m == 30);
	CHECK(date_time_parse("23:59", 5, &h, &m));
	CHECK(!date_time_parse("24:00", 5, &h, &m));
	CHECK(!date_time_parse("9:30", 4, &h, &m));
	CHECK(!date_time_parse(" 9:30", 5, &h, &m));
	CHECK(!date_time_parse("10.00", 5, &h, &m));
	arena_release(&a);
}

static void
test_paths(void)
{
	CHECK(util_path_ok("a/b.png"));
	CHECK(util_path_ok("kay-drawing.png"));
	CHECK(!util_path_ok("../x.png"));
	CHECK(!util_path_ok("a/../../x"));
	CHECK(!util_path_ok("/etc/passwd"));
	CHECK(!util_path_ok("a//b"));
	CHECK(!util_path_ok("./a"));
	CHECK(!util_path_ok(""));
	CHECK(!util_path_ok("a/"));
}

static void
test_arena_buf_html(void)
{
	struct arena a = { 0 };
	struct buf   b = { 0 };
	char	    *big;
	size_t	     cap = 0, i;
	int	    *xs = NULL;

	CHECK_STR(arena_printf(&a, "%s-%d", "kay", 9), "kay-9");
	big = arena_alloc(&a, 200000); /* larger than a chunk */
	CHECK(big[199999] == 0);
	for (i = 0; i < 100; i++) {
		xs = arena_grow(&a, xs, i, &cap, sizeof(*xs));
		xs[i] = (int)i;
	}
	CHECK(xs[99] == 99 && cap >= 100);
	arena_release(&a);
	CHECK(a.head == NULL);

	CHECK_STR(buf_str(&b), "");
	html_escape(&b, "<a href=\"x\">Tom & Jerry's</a>", 29);
	CHECK_STR(buf_str(&b),
	    "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	buf_reset(&b);
	buf_printf(&b, "%d", 42);
	CHECK_STR(buf_str(&b), "42");
	buf_release(&b);
}

static void
test_dates(void)
{
	struct date d, e;

	CHECK(date_parse("2025-03-14", 10, &d) == DATE_OK);
	CHECK(date_weekday(&d) == 4); /* a Friday */
	CHECK(date_parse("2024-02-29", 10, &d) == DATE_OK);
	CHECK(date_parse("2025-02-29", 10, &d) == DATE_NO_DAY);
	CHECK(date_parse("2025-02-30", 10, &d) == DATE_NO_DAY);
	CHECK(date_parse("2100-02-29", 10, &d) == DATE_NO_DAY);
	CHECK(date_parse("2000-02-29", 10, &d) == DATE_OK);
	CHECK(date_parse("2025-13-01", 10, &d) == DATE_NO_DAY);
	CHECK(date_parse("2025-3-14", 9, &d) == DATE_FORM);
	CHECK(date_parse("14/03/2025", 10, &d) == DATE_FORM);
	CHECK(date_parse("2025-03-1x", 10, &d) == DATE_FORM);
	CHECK(date_parse("1970-01-01", 10, &d) == DATE_OK);
	CHECK(date_serial(&d) == 0);
	CHECK(date_weekday(&d) == 3); /* a Thursday */
	date_parse("2016-05-03", 10, &d);
	date_parse("2025-05-02", 10, &e);
	CHECK(date_age(&d, &e) == 8);
	date_parse("2025-05-03", 10, &e);
	CHECK(date_age(&d, &e) == 9);
	CHECK(date_cmp(&d, &e) < 0 && date_cmp(&e, &d) > 0);
	CHECK(date_cmp(&d, &d) == 0);
}

/* util_memstr: only the 'len' bytes given, never past them. */
static void
test_memstr(void)
{
	const char *s = "a-b--c-->x";

	CHECK(util_memstr(s, strlen(s), "-->") == s + 6);
	CHECK(util_memstr(s, strlen(s), "a") == s);
	CHECK(util_memstr(s, strlen(s), "x") == s + 9);
	CHECK(util_memstr(s, strlen(s), "--") == s + 3);
	CHECK(util_memstr(s, 8, "-->") == NULL); /* it would end past 8 */
	CHECK(util_memstr(s, 9, "-->") == s + 6);
	CHECK(util_memstr(s, strlen(s), "-x") == NULL);
	CHECK(util_memstr(s, strlen(s), "") == NULL);
	CHECK(util_memstr(s, 0, "a") == NULL);
	CHECK(util_memstr("a\0b*/", 4, "*/") == NULL); /* a NUL is a byte */
	CHECK(util_memstr("a\0b*/", 5, "*/") != NULL);
}

/* buf_next_line(): each line without its newline, the last one too. */
static void
test_next_line(void)
{
	struct buf  b = { 0 };
	const char *p;
	size_t	    at = 0, n;

	CHECK(!buf_next_line(&b, &at, &p, &n)); /* empty, NULL pointer */
	buf_puts(&b, "one\n\nthree");
	CHECK(buf_next_line(&b, &at, &p, &n) && n == 3 &&
	    memcmp(p, "one", 3) == 0);
	CHECK(buf_next_line(&b, &at, &p, &n) && n == 0);
	CHECK(buf_next_line(&b, &at, &p, &n) && n == 5 &&
	    memcmp(p, "three", 5) == 0);
	CHECK(!buf_next_line(&b, &at, &p, &n));
	buf_release(&b);
}

/* The inline classes answer as <ctype.h> does in the C locale, byte
   for byte. */
static void
test_classes(void)
{
	int c, wrong = 0;

	for (c = 0; c < 256; c++)
		wrong += (util_digit(c) != (isdigit(c) != 0)) +
		    (util_alpha(c) != (isalpha(c) != 0)) +
		    (util_alnum(c) != (isalnum(c) != 0)) +
		    (util_upper(c) != (isupper(c) != 0)) +
		    (util_lower(c) != (islower(c) != 0)) +
		    (util_space(c) != (isspace(c) != 0)) +
		    (util_tolower(c) != tolower(c));
	CHECK(wrong == 0);
	CHECK(util_alpha('z') && !util_alpha('[') && !util_alpha(0xc3));
}

/* A word is in a list whole and in any case: not a part or a longer word. */
static void
test_word_in(void)
{
	static const char *const list[] = { "was", "Ofsted", "e.g" };

	CHECK(util_word_in("WAS", 3, list, LEN(list)));
	CHECK(util_word_in("ofsted", 6, list, LEN(list)));
	CHECK(util_word_in("E.G.", 3, list, LEN(list)));
	CHECK(!util_word_in("wasn't", 6, list, LEN(list)));
	CHECK(!util_word_in("wa", 2, list, LEN(list)));
	CHECK(!util_word_in("", 0, list, LEN(list)));
}

int
main(void)
{
	test_closest();
	test_path_next();
	test_shared();
	test_utf8();
	test_paths();
	test_arena_buf_html();
	test_dates();
	test_memstr();
	test_next_line();
	test_classes();
	test_word_in();
	return t_done();
}
