/* SPDX-License-Identifier: ISC */
/*
 * Chunks of at least 64 KiB, newest first.  A request larger than a chunk
 * gets a chunk of its own.  Lifetimes in kindly are coarse (one arena for
 * the build, one per page), so per-object frees would buy nothing.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

#define CHUNK_MIN (64 * 1024)
#define ALIGN	  alignof(max_align_t)

struct arena_chunk {
	struct arena_chunk *next;
	size_t		    cap; /* bytes in data[] */
	size_t		    off; /* first free byte in data[] */
	alignas(max_align_t) unsigned char data[];
};

/* Memory as arena_alloc() gives it, but not zeroed. */
static void *
take(struct arena *a, size_t sz)
{
	struct arena_chunk *c = a->head;
	size_t		    need, cap;
	void		   *p;

	if (sz > SIZE_MAX / 2)
		oom(); /* no object is that large; avoids overflow below */
	need = (sz + ALIGN - 1) & ~(ALIGN - 1);
	if (need == 0)
		need = ALIGN;
	if (c == NULL || c->cap - c->off < need) {
		cap = need > CHUNK_MIN ? need : CHUNK_MIN;
		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
		c->off = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->off;
	c->off += need;
	a->used += need;
	return p;
}

void *
arena_alloc(struct arena *a, size_t sz)
{
	return memset(take(a, sz), 0, sz);
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = take(a, len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	int	n;
	char   *p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	p = take(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char   *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_grow(struct arena *a, void *items, size_t n, size_t *cap, size_t sz)
{
	void  *p;
	size_t ncap;

	if (n < *cap)
		return items;
	ncap = *cap == 0 ? 8 : *cap * 2;
	if (ncap > SIZE_MAX / sz)
		oom();
	p = take(a, ncap * sz);
	if (n > 0)
		memcpy(p, items, n * sz);
	memset((char *)p + n * sz, 0, (ncap - n) * sz); /* as arena_alloc() */
	*cap = ncap;
	return p;
}

void
arena_release(struct arena *a)
{
	struct arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = 0;
}

char *
arena_join(struct arena *a, const char *const *w, size_t n, const char *sep,
    const char *last)
{
	size_t i, len = 1;
	char  *out, *p;

	for (i = 0; i < n; i++)
		len += strlen(w[i]) +
		    (i == 0		 ? 0
			    : i + 1 == n ? strlen(last)
					 : strlen(sep));
	p = out = arena_alloc(a, len);
	for (i = 0; i < n; i++) {
		if (i > 0)
			p = stpcpy(p, i + 1 == n ? last : sep);
		p = stpcpy(p, w[i]);
	}
	*p = '\0';
	return out;
}
