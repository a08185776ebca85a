/* SPDX-License-Identifier: ISC */
/*
 * Region allocator.  Everything allocated from an arena is released at
 * once by arena_release(); there is no per-object free.  A zeroed
 * struct arena is empty and ready.  Allocation never fails: on
 * exhaustion the program exits (see oom() in util.h).
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head; /* newest chunk first */
	size_t		    used; /* bytes handed out, for statistics */
};

/* Zeroed memory aligned for any object; lives until arena_release(). */
void *arena_alloc(struct arena *, size_t);

/* NUL-terminated copies; they live until arena_release(). */
char *arena_strndup(struct arena *, const char *, size_t);
char *arena_strdup(struct arena *, const char *);
char *arena_printf(struct arena *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

/*
 * Grow the array '*items' of 'n' elements of size 'sz' so that one more
 * fits, doubling '*cap' by copying.  Returns the (possibly moved) array.
 */
/*
 * The 'n' words 'w' as one string: 'sep' between them and 'last' before
 * the last ("a, b or c" with ", " and " or ").
 */
char *arena_join(struct arena *, const char *const *w, size_t n,
    const char *sep, const char *last);

void *arena_grow(struct arena *, void *items, size_t n, size_t *cap, size_t sz);

/* Free every chunk; the arena is empty and reusable afterwards. */
void arena_release(struct arena *);

#endif /* !ARENA_H */
