/* SPDX-License-Identifier: ISC */
/*
 * fuzz_tmpl: a template, compiled and run in the sandbox.
 *
 * The input is the text of one theme template, "fuzz.html" ({{ }},
 * {{{ }}}, {% %}, {# #} tags around HTML).  A new template engine
 * (tmpl.c) compiles it to Lua and renders it with fixed data: the
 * fixture site's site.yaml, staff.yaml and people (tests/fuzz/site),
 * the default theme's strings for en-GB, and a letter to Kai as 'doc'.
 * include() and 'layout' reach the default theme's own templates, so
 * the input can call them with its own values.  Each render has a small
 * budget (FUZZ_STEPS instructions, FUZZ_MEM bytes of Lua heap), so
 * that no input runs for long; a budget that does not hold shows as a
 * libFuzzer timeout or out-of-memory.
 *
 * Besides a crash, a leak or a hang, a finding is a render that comes
 * out different the second time in the same engine: one page must not
 * change the next, and the same input must give the same bytes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "data.h"
#include "embed.h"
#include "fuzz.h"
#include "tmpl.h"
#include "value.h"

#define FUZZ_STEPS 200000ul   /* Lua instructions one render may run */
#define FUZZ_MEM   (8u << 20) /* bytes of Lua heap one render may add */

/* What a page of the default theme sees, besides the fixture site. */
static const char vars_yaml[] =
    "reader: {id: kai, name: Kai Marsh, known-as: Kai, pronouns: he/him,"
    " born: 2016-04-11, role: child, reading-age: 8}\n"
    "theme: {name: default, stylesheets: [kindly.css]}\n"
    "root: ../../\n"
    "assets: ../../assets/\n"
    "age: \"9\"\n"
    "kind: {name: letter, title: Letter, summary: A letter to one reader.}\n"
    "doc:\n"
    "  kind: letter\n"
    "  date: 2025-07-01\n"
    "  readers: [kai]\n"
    "  author: sw-priya\n"
    "  title: About our chat at school\n"
    "  slug: doc\n"
    "  meeting: {date: 2025-07-14, time: \"10:30\", place: Town Hall}\n"
    "  actions:\n"
    "    - {what: Come to the meeting, who: mum, by: 2025-07-14}\n"
    "    - {what: Ring Priya, who: [mum, dad], by: 2025-07-21}\n"
    "words:\n"
    "  - {word: child protection plan, means: A plan to keep you safe.}\n";

static struct {
	bool	      ready;
	struct arena  a; /* the fixed data, for the whole run */
	struct value *site, *staff, *strings, *vars;
	const char   *src; /* the input, while it runs */
	size_t	      len;
} fx;

static struct value *
load(const char *shown, const char *text, size_t len)
{
	struct value *v = data_load(&fx.a, shown, 1, text, len);

	if (v == NULL)
		fuzz_fail("the fixed data does not load", shown);
	return v;
}

static struct value *
load_fixture(const char *rel)
{
	size_t	    len;
	const char *text = fuzz_fixture(rel, &len);

	return load(rel, text, len);
}

static void
setup(void)
{
	const struct embed_file *e;
	struct value		*people;
	size_t			 i;

	fuzz_begin();
	fx.site = load_fixture("site.yaml");
	fx.staff = load_fixture("staff.yaml");
	people = value_get(load_fixture("cases/fuzz/case.yaml"), "people");
	for (i = 0; i < value_count(people); i++)
		value_set(&fx.a, value_at(people, i), "id",
		    value_new_string(&fx.a, NULL, value_key(people, i)->str));
	if ((e = embed_find("themes/default/strings/en-GB.yaml")) == NULL)
		fuzz_fail("no built-in strings", NULL);
	fx.strings = load(e->path, e->data, e->len);
	fx.vars = load("vars", vars_yaml, sizeof(vars_yaml) - 1);
	value_set(&fx.a, fx.vars, "people", people);
	value_set(&fx.a, fx.vars, "agencies", value_get(fx.site, "agencies"));
	value_set(&fx.a, value_get(fx.vars, "doc"), "body",
	    value_new_html(&fx.a, "<p>Dear Kai,</p>\n", 17));
	(void)fuzz_end();
	fx.ready = true;
}

/* "fuzz.html" is the input; any other name, the default theme's. */
static const char *
source(void *ud, const char *name, size_t *len, const char **shown)
{
	const struct embed_file *e;
	char			 path[256];

	(void)ud;
	if (strcmp(name, "fuzz.html") == 0) {
		*len = fx.len;
		*shown = "themes/fuzz/templates/fuzz.html";
		return fx.src;
	}
	snprintf(path, sizeof(path), "themes/default/templates/%s", name);
	if ((e = embed_find(path)) == NULL)
		return NULL;
	*len = e->len;
	*shown = e->path;
	return e->data;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* No CPU-time limit: libFuzzer's -timeout finds what is slow. */
	static const struct tmpl_limits lim = { FUZZ_MEM, FUZZ_STEPS, 0 };
	struct arena			a = { 0 };
	struct tmpl		       *t;
	char			       *first, *again;
	const char		       *said;
	size_t				n1 = 0, n2 = 0;

	if (!fx.ready)
		setup();
	fx.src = (const char *)data;
	fx.len = size;
	fuzz_begin();
	t = tmpl_new(&lim, source, NULL);
	tmpl_global(t, "site", fx.site);
	tmpl_staff(t, fx.staff);
	tmpl_strings(t, fx.strings);
	first = tmpl_render(t, &a, "fuzz.html", fx.vars, &n1);
	again = first == NULL ? NULL
			      : tmpl_render(t, &a, "fuzz.html", fx.vars, &n2);
	tmpl_free(t);
	said = fuzz_end();
	if (first != NULL &&
	    (again == NULL || n1 != n2 || memcmp(first, again, n1) != 0))
		fuzz_fail("the same template rendered twice in one engine "
			  "gave different pages",
		    said);
	arena_release(&a);
	fx.src = NULL;
	return 0;
}
