/* SPDX-License-Identifier: ISC */
/* Tests for data (YAML loading) and value (typed reads). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "data.h"
#include "date.h"
#include "diag.h"
#include "t.h"
#include "value.h"

static struct value *
load(struct arena *a, const char *src)
{
	return data_load(a, "t.yaml", 1, src, strlen(src));
}

/* Loading 'src' fails with exactly one more error than before. */
static int
fails(struct arena *a, const char *src)
{
	size_t before = diag_count(DIAG_ERROR);

	return load(a, src) == NULL && diag_count(DIAG_ERROR) == before + 1;
}

static void
test_tree(struct arena *a)
{
	struct value *v = load(a,
	    "kind: letter\n"
	    "readers: [kay, mum]\n"
	    "author:\n"
	    "  name: Priya\n"
	    "answer: yes\n"
	    "nothing: ~\n"
	    "empty:\n"
	    "quoted: \"\"\n");

	CHECK(v != NULL && v->type == VALUE_MAP);
	CHECK(value_count(v) == 7);
	CHECK_STR(value_str(value_get(v, "kind")), "letter");
	CHECK(value_get(v, "kind")->pos.line == 1);
	CHECK(value_get(v, "kind")->pos.col == 7);
	CHECK(value_count(value_get(v, "readers")) == 2);
	CHECK_STR(value_get(v, "readers")->items[1]->str, "mum");
	CHECK(value_get(v, "readers")->items[1]->pos.line == 2);
	CHECK(value_get(v, "readers")->items[1]->pos.col == 16);
	CHECK_STR(value_str(value_get(value_get(v, "author"), "name")),
	    "Priya");
	/* YAML 1.2: "yes" is text, not a boolean */
	CHECK_STR(value_str(value_get(v, "answer")), "yes");
	CHECK(value_get(v, "nothing")->type == VALUE_NULL);
	CHECK(value_get(v, "empty")->type == VALUE_NULL);
	CHECK(value_get(v, "quoted")->type == VALUE_STRING);
	CHECK(value_get(v, "missing") == NULL);
	CHECK(value_get(value_get(v, "kind"), "x") == NULL);
	CHECK(load(a, "")->type == VALUE_NULL);
	CHECK(load(a, "# only a comment\n")->type == VALUE_NULL);
	v = data_load(a, "doc.md", 2, "kind: letter\n", 12);
	CHECK(v != NULL && value_get(v, "kind")->pos.line == 2);
}

static void
test_limits(struct arena *a)
{
	char   deep[400];
	size_t i;

	CHECK(fails(a, "a: 1\na: 2\n"));      /* duplicate key */
	CHECK(fails(a, "a: &x 1\nb: *x\n"));  /* alias */
	CHECK(fails(a, "a: 1\n---\nb: 2\n")); /* two documents */
	CHECK(fails(a, "a: [1, 2\n"));	      /* syntax */
	CHECK(fails(a, "a:\n\tb: 1\n"));      /* a tab */
	CHECK(fails(a, "[a, b]: 1\n"));	      /* a key that is a list */
	for (i = 0; i < 70; i++)
		deep[i] = '[';
	deep[70] = '\0';
	CHECK(fails(a, deep)); /* deeper than 64 */
	for (i = 0; i < 64; i++)
		deep[i] = '[';
	for (i = 64; i < 128; i++)
		deep[i] = ']';
	deep[128] = '\0';
	CHECK(load(a, deep) != NULL); /* exactly 64 is fine */
}

static void
test_typed(struct arena *a)
{
	struct value *v = load(a,
	    "d: 2025-03-14\nbad: 2025-02-30\n"
	    "form: 14/03/2025\nt: true\nn: no\n"
	    "list: [1]\n");
	struct date   d;
	bool	      b;
	size_t	      before = diag_count(DIAG_ERROR);

	CHECK(value_date(value_get(v, "d"), "d", &d) == 0 && d.day == 14);
	CHECK(value_date(value_get(v, "bad"), "bad", &d) == -1);
	CHECK(value_date(value_get(v, "form"), "form", &d) == -1);
	CHECK(value_bool(value_get(v, "t"), "t", &b) == 0 && b);
	CHECK(value_bool(value_get(v, "n"), "n", &b) == -1);
	CHECK(value_expect(value_get(v, "list"), VALUE_STRING, "list") == -1);
	CHECK(value_expect(value_get(v, "list"), VALUE_SEQ, "list") == 0);
	CHECK(diag_count(DIAG_ERROR) == before + 4);
}

/*
 * A map of 200,000 keys loads in linear time: each key is checked for
 * a repeat by its hash, not against every key before it (which took
 * minutes).  The bound is loose enough for a sanitizer build.
 */
static void
test_big_map(struct arena *a)
{
	enum { N = 200000 };
	char	     *src = malloc((size_t)N * 24 + 32), key[16];
	size_t	      len = 0, before;
	struct value *v;
	double	      t;
	int	      i, wrong = 0;

	for (i = 0; i < N; i++)
		len += (size_t)sprintf(src + len, "key-%d: %d\n", i, i);
	t = t_seconds();
	v = data_load(a, "big.yaml", 1, src, len);
	t = t_seconds() - t;
	CHECK(v != NULL && value_count(v) == N);
	CHECK(t < 1.5);
	if (t >= 1.5)
		printf("loading %d keys took %.2f s\n", N, t);
	for (i = 0; i < N; i += 7) {
		snprintf(key, sizeof(key), "key-%d", i);
		wrong += value_find(v, key) != (size_t)i ||
		    strtol(value_get_str(v, key), NULL, 10) != i;
	}
	CHECK(wrong == 0);
	CHECK(value_get(v, "key-200000") == NULL);
	CHECK(value_get(v, NULL) == NULL);
	/* A repeat at the very end: one error, at it, a note at the first. */
	len += (size_t)sprintf(src + len, "key-17: again\n");
	before = diag_count(DIAG_ERROR);
	CHECK(data_load(a, "big.yaml", 1, src, len) == NULL);
	CHECK(diag_count(DIAG_ERROR) == before + 1);
	free(src);
}

/* Reads of the wrong type find nothing, and never fail. */
static void
test_wrong_type(struct arena *a)
{
	struct value *v = load(a, "s: text\nl: [a, ~]\nn: ~\nm: {a: b}\n");
	const char   *names[] = { "s", "l", "n", "m", "missing" };
	size_t	      i;

	for (i = 0; i < 5; i++) {
		const struct value *x = value_get(v, names[i]);

		CHECK(value_get(x, "a") == (i == 3 ? value_get(x, "a") : NULL));
		CHECK(value_get(x, NULL) == NULL);
		CHECK(value_find(x, "zz") == SIZE_MAX);
		CHECK(value_get_key(x, "zz") == NULL);
		CHECK(value_get_str(x, "zz") == NULL);
		CHECK(!value_names(x, NULL));
	}
	CHECK(value_count(value_get(v, "l")) == 2);
	CHECK(value_str(value_get(v, "l")->items[1]) == NULL);
	CHECK(value_names(value_get(v, "l"), "a"));
	CHECK(value_closest_key(NULL, 0, "a") == NULL);
	CHECK(value_closest(NULL, names, 5) == NULL);
}

/* An index answers as value_get() does, for every key of a big map. */
static void
test_index(struct arena *a)
{
	struct value	  *map = value_new(a, VALUE_MAP, NULL);
	struct value_index ix;
	char		   key[16];
	int		   i, wrong = 0;

	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		value_set(a, map, key, value_new_string(a, NULL, key));
	}
	value_set(a, map, "k7", value_new_string(a, NULL, "second"));
	value_index_make(&ix, map);
	for (i = 0; i < 300; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		wrong += value_index_get(&ix, key) != value_get(map, key);
	}
	CHECK(wrong == 0);
	CHECK_STR(value_str(value_index_get(&ix, "k7")), "k7");
	CHECK(value_index_get(&ix, "k300") == NULL);
	CHECK(value_index_get(&ix, "") == NULL);
	value_index_free(&ix);
	CHECK(value_index_get(&ix, "k1") == NULL);
	value_index_make(&ix, value_new(a, VALUE_SEQ, NULL));
	CHECK(value_index_get(&ix, "k1") == NULL);
	value_index_free(&ix);
}

int
main(void)
{
	struct arena a = { 0 };

	(void)freopen("/dev/null", "w", stderr); /* counted, not shown */
	test_tree(&a);
	test_limits(&a);
	test_typed(&a);
	test_index(&a);
	test_big_map(&a);
	test_wrong_type(&a);
	arena_release(&a);
	return t_done();
}
