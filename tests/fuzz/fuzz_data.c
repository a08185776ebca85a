/* SPDX-License-Identifier: ISC */
/*
 * fuzz_data: YAML into the value tree.
 *
 * The input is a YAML file, as site.yaml, staff.yaml, case.yaml, a kind,
 * a lexicon, a theme's strings or a document's front matter would be.
 * data_load() (data.c, libyaml's event API) makes it a value tree in an
 * arena, or reports what is wrong.  Then each scalar that could be a
 * date or a boolean is read as one, and each map is indexed and looked
 * up key by key (value.c), as the checks and the templates read them.
 *
 * Besides a crash, a leak or a hang, a finding is a tree that breaks
 * data.h's promises: returned although an error was reported (or NULL
 * with none), nested deeper than DATA_MAX_DEPTH, a map key that is not
 * text or is given twice, text whose length is wrong, or a position
 * outside the input.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "data.h"
#include "date.h"
#include "diag.h"
#include "fuzz.h"
#include "value.h"

/*
 * Lines in the input, for positions, and one more: at the end of a
 * file with no newline last, libyaml counts one (the place of an empty
 * value there).
 */
static unsigned lines;

static int
by_key(const void *x, const void *y)
{
	const struct value *const *a = x, *const *b = y;

	return strcmp((*a)->str, (*b)->str);
}

static void
check_pos(const struct value *v)
{
	char at[64];

	if (v->pos.file == NULL || strcmp(v->pos.file, "fuzz.yaml") != 0 ||
	    v->pos.line < 1 || v->pos.line > lines || v->pos.col < 1) {
		snprintf(at, sizeof(at), "line %u, column %u, of %u lines\n",
		    v->pos.line, v->pos.col, lines - 1);
		fuzz_fail("a value's position is outside the input", at);
	}
}

static void
check_map(struct arena *a, const struct value *map)
{
	const struct value **keys;
	struct value_index   ix;
	size_t		     i, n = value_count(map);

	if (map->n % 2 != 0)
		fuzz_fail("a map with a key and no value", NULL);
	keys = arena_alloc(a, (n + 1) * sizeof(*keys));
	for (i = 0; i < n; i++) {
		keys[i] = value_key(map, i);
		if (keys[i] == NULL || keys[i]->type != VALUE_STRING)
			fuzz_fail("a map key that is not text", NULL);
	}
	qsort(keys, n, sizeof(*keys), by_key);
	for (i = 1; i < n; i++)
		if (strcmp(keys[i - 1]->str, keys[i]->str) == 0)
			fuzz_fail("a map key given twice", keys[i]->str);
	value_index_make(&ix, map);
	for (i = 0; i < n; i++)
		if (value_index_get(&ix, value_key(map, i)->str) !=
			value_at(map, i) ||
		    (n <= 64 && /* value_get() reads the keys one by one */
			value_get(map, value_key(map, i)->str) !=
			    value_at(map, i)))
			fuzz_fail("a key's lookup finds another value",
			    value_key(map, i)->str);
	value_index_free(&ix);
}

static void
walk(struct arena *a, const struct value *v, unsigned depth)
{
	struct date d;
	bool	    b;
	size_t	    i;

	if (v == NULL)
		fuzz_fail("a NULL in the tree", NULL);
	check_pos(v);
	if (depth > DATA_MAX_DEPTH + 1)
		fuzz_fail("a tree deeper than DATA_MAX_DEPTH", NULL);
	switch (v->type) {
	case VALUE_NULL: break;
	case VALUE_STRING:
		if (v->str == NULL || strlen(v->str) != v->len)
			fuzz_fail("text whose length is wrong", NULL);
		if (v->len > 0 && v->str[0] >= '0' && v->str[0] <= '9')
			(void)value_date(v, "fuzz", &d);
		if (v->len <= 5)
			(void)value_bool(v, "fuzz", &b);
		break;
	case VALUE_SEQ:
		for (i = 0; i < v->n; i++)
			walk(a, v->items[i], depth + 1);
		break;
	case VALUE_MAP:
		check_map(a, v);
		for (i = 0; i < v->n; i++)
			walk(a, v->items[i], depth + 1);
		break;
	default: fuzz_fail("a value of a type YAML cannot give", NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena  a = { 0 };
	struct value *root;
	size_t	      i, errors;

	lines = 2; /* and libyaml's other line breaks: NEL, LS, PS */
	for (i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r' ||
		    data[i] == 0x85 || data[i] == 0xa8 || data[i] == 0xa9;
	fuzz_begin();
	root = data_load(&a, "fuzz.yaml", 1, (const char *)data, size);
	errors = diag_count(DIAG_ERROR);
	if (root != NULL && errors > 0)
		fuzz_fail("a tree came back after an error", fuzz_end());
	if (root == NULL && errors == 0)
		fuzz_fail("no tree came back, and no error", fuzz_end());
	if (root != NULL)
		walk(&a, root, 1);
	(void)fuzz_end();
	arena_release(&a);
	return 0;
}
