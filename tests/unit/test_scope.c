/* SPDX-License-Identifier: ISC */
/* Body parts for some readers (scope.c) and hidden details (hide.c). */
#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "hide.h"
#include "scope.h"
#include "t.h"
#include "value.h"

static size_t
lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
test_scope(void)
{
	struct arena a = { 0 };
	struct scope sc;
	const char  *body = "Hello.\n\n::: for mum, dad\nSecret.\n:::\n\n"
			    "::: redacted: third-party information\nGone.\n"
			    ":::\nBye.\n";
	bool	     keep[2] = { true, false };
	size_t	     len;
	char	    *out;

	CHECK(scope_parse(&a, "x.md", 5, body, strlen(body), &sc) == 0);
	CHECK(sc.n == 2);
	CHECK(sc.parts[0].line == 7);
	CHECK(sc.parts[0].line0 == 8);
	CHECK(sc.parts[0].who->n == 2);
	CHECK_STR(sc.parts[0].who->items[0]->str, "mum");
	CHECK_STR(sc.parts[0].who->items[1]->str, "dad");
	CHECK(sc.parts[0].who->items[1]->pos.col == 14);
	CHECK(sc.parts[0].reason == NULL);
	CHECK_STR(sc.parts[1].reason, "third-party information");
	CHECK(sc.parts[1].who == NULL);
	out = scope_text(&a, body, strlen(body), &sc, keep, &len);
	CHECK_STR(out, "Hello.\n\n\nSecret.\n\n\n\n\n\nBye.\n");
	CHECK(lines(out) == lines(body)); /* line numbers stay true */
	keep[0] = false;
	out = scope_text(&a, body, strlen(body), &sc, keep, &len);
	CHECK(strstr(out, "Secret") == NULL && strstr(out, "Gone") == NULL);
	CHECK(len == strlen(out));

	/* Fenced code keeps its colons; parts do not nest. */
	body = "```\n::: for mum\n```\n";
	CHECK(scope_parse(&a, "x.md", 1, body, strlen(body), &sc) == 0);
	CHECK(sc.n == 0);
	body = "::: for mum\n::: for dad\n:::\n:::\n";
	CHECK(scope_parse(&a, "x.md", 1, body, strlen(body), &sc) == -1);
	body = "::: for mum\nno end\n";
	CHECK(scope_parse(&a, "x.md", 1, body, strlen(body), &sc) == -1);
	CHECK(sc.n == 0);
	arena_release(&a);
}

static struct value *
str(struct arena *a, const char *s)
{
	return value_new_string(a, NULL, s);
}

static void
test_hide(void)
{
	struct arena		  a = { 0 };
	struct value		 *p = value_new(&a, VALUE_MAP, NULL);
	struct value		 *addr = value_new(&a, VALUE_SEQ, NULL);
	struct value		 *from = value_new(&a, VALUE_SEQ, NULL);
	struct value		 *dad = value_new(&a, VALUE_MAP, NULL);
	struct value		 *kay = value_new(&a, VALUE_MAP, NULL);
	struct value		 *people = value_new(&a, VALUE_MAP, NULL), *q;
	struct hide_phrase	 *ph;
	const struct hide_phrase *h;
	size_t			  n, i, off;
	const char		 *s;

	value_push(&a, addr, str(&a, "Angela Hunt"));
	value_push(&a, addr, str(&a, "Flat 2, 14 Quarry Road"));
	value_push(&a, addr, str(&a, "Hillside"));
	value_push(&a, addr, str(&a, "Riverford RF4 7LP"));
	value_push(&a, from, str(&a, "dad"));
	value_set(&a, p, "id", str(&a, "angela"));
	value_set(&a, p, "name", str(&a, "Angela Hunt"));
	value_set(&a, p, "role", str(&a, "carer"));
	value_set(&a, p, "address", addr);
	value_set(&a, p, "hidden-from", from);
	value_set(&a, dad, "id", str(&a, "dad"));
	value_set(&a, dad, "role", str(&a, "parent"));
	value_set(&a, kay, "id", str(&a, "kay"));
	value_set(&a, kay, "role", str(&a, "child"));

	CHECK(hide_from(p, dad));
	CHECK(!hide_from(p, kay));
	CHECK(!hide_from(p, p)); /* never from themselves */
	ph = hide_phrases(&a, p, &n);
	{
		static const char *const want[] = { "Hunt", "Flat 2",
			"14 Quarry Road", "Quarry Road", "Riverford RF4 7LP",
			"RF4 7LP" };
		int			 found;
		size_t			 k;

		for (k = 0; k < sizeof(want) / sizeof(*want); k++) {
			found = 0;
			for (i = 0; i < n; i++)
				found |= strcmp(ph[i].text, want[k]) == 0;
			CHECK(found);
		}
		for (i = 0; i < n; i++) /* a town alone says too little */
			CHECK(strcmp(ph[i].text, "Hillside") != 0);
	}
	s = "We went hunting.";
	CHECK(hide_find(ph, n, s, strlen(s), &off) == NULL);
	s = "Go to Mrs hunt's house.";
	CHECK((h = hide_find(ph, n, s, strlen(s), &off)) != NULL);
	CHECK(h != NULL && strcmp(h->what, "surname") == 0 && off == 10);
	s = "It is near quarry road, rf4 7lp.";
	CHECK((h = hide_find(ph, n, s, strlen(s), &off)) != NULL);
	CHECK(h != NULL && strcmp(h->what, "address") == 0 && off == 11);
	s = "Postcode RF4 7LPX is not it";
	CHECK(hide_find(ph, n, s, strlen(s), &off) == NULL);

	value_set(&a, people, "angela", p);
	value_set(&a, people, "kay", kay);
	q = hide_people(&a, people, dad);
	CHECK_STR(value_str(value_get(value_get(q, "angela"), "name")),
	    "Angela");
	CHECK(value_get(value_get(q, "angela"), "address") == NULL);
	CHECK(value_get(q, "kay") == kay);
	q = hide_people(&a, people, kay);
	CHECK(value_get(q, "angela") == p);
	arena_release(&a);
}

int
main(void)
{
	test_scope();
	test_hide();
	return t_done();
}
