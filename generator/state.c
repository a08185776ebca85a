/* SPDX-License-Identifier: ISC */
/*
 * The file is lines: "kindly-state 1", "global STAMP", "looks 0110", then
 * for each case "case ID STAMP", "n NOTES WARNINGS ERRORS ALLOWED" and a
 * line for each dependency ("t ..."), file written ("o ..."), line of
 * reports ("d ..."), links file ("l ...") and redaction log ("r ...").
 * Lines never hold a newline, so nothing needs escaping.
 */
#define DIAG_AREA "output"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "fsio.h"
#include "state.h"
#include "util.h"

#define MAGIC "kindly-state 1"

static struct buf *
new_buf(struct arena *a)
{
	return arena_alloc(a, sizeof(struct buf));
}

/* Each case's buffers are malloc'd: release them with the arena. */
static void
release_bufs(struct state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		buf_release(st->cases[i].deps);
		buf_release(st->cases[i].outs);
		buf_release(st->cases[i].diag);
		buf_release(st->cases[i].links);
		buf_release(st->cases[i].red);
	}
}

int
state_load(struct state *st, struct arena *a, const char *file)
{
	struct state_case *c = NULL;
	const char	  *p, *end, *next;
	char		  *text;
	size_t		   len, cap = 0, n;

	memset(st, 0, sizeof(*st));
	if (!fsio_is_file(file))
		return -1;
	diag_mute(true); /* a state that cannot be read is no error */
	text = fsio_read(a, file, file, &len);
	diag_mute(false);
	if (text == NULL)
		return -1;
	for (p = text, end = text + len; p < end; p = next) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t	    l;

		if (nl == NULL)
			goto bad;
		next = nl + 1;
		l = (size_t)(nl - p);
		if (p == text) {
			if (l != strlen(MAGIC) || memcmp(p, MAGIC, l) != 0)
				goto bad;
		} else if (l > 7 && memcmp(p, "global ", 7) == 0)
			st->global = arena_strndup(a, p + 7, l - 7);
		else if (l >= 6 && memcmp(p, "looks ", 6) == 0)
			st->looks = arena_strndup(a, p + 6, l - 6);
		else if (l > 5 && memcmp(p, "case ", 5) == 0) {
			const char *sp = memchr(p + 5, ' ', l - 5);

			if (sp == NULL)
				goto bad;
			st->cases = arena_grow(a, st->cases, st->n, &cap,
			    sizeof(*st->cases));
			c = &st->cases[st->n++];
			memset(c, 0, sizeof(*c));
			c->id = arena_strndup(a, p + 5, (size_t)(sp - p - 5));
			c->stamp =
			    arena_strndup(a, sp + 1, (size_t)(nl - sp - 1));
			c->deps = new_buf(a);
			c->outs = new_buf(a);
			c->diag = new_buf(a);
			c->links = new_buf(a);
			c->red = new_buf(a);
		} else if (c != NULL && l > 2 && p[1] == ' ') {
			struct buf *b = NULL;

			switch (p[0]) {
			case 'n':
				if (sscanf(p + 2, "%zu %zu %zu %zu", &c->n[0],
					&c->n[1], &c->n[2], &c->allowed) != 4)
					goto bad;
				continue;
			case 't': b = c->deps; break;
			case 'o': b = c->outs; break;
			case 'd': b = c->diag; break;
			case 'l': b = c->links; break;
			case 'r': b = c->red; break;
			default: goto bad;
			}
			buf_put(b, p + 2, l - 2);
			buf_putc(b, '\n');
		} else
			goto bad;
	}
	if (st->global == NULL || st->looks == NULL)
		goto bad;
	for (n = 1; n < st->n; n++)
		if (strcmp(st->cases[n - 1].id, st->cases[n].id) >= 0)
			goto bad;
	return 0;
bad:
	release_bufs(st);
	memset(st, 0, sizeof(*st));
	return -1;
}

void
state_release(struct state *st)
{
	release_bufs(st);
	memset(st, 0, sizeof(*st));
}

static int
by_id(const void *key, const void *elem)
{
	return strcmp(key, ((const struct state_case *)elem)->id);
}

const struct state_case *
state_find(const struct state *st, const char *id)
{
	if (st->n == 0)
		return NULL;
	return bsearch(id, st->cases, st->n, sizeof(*st->cases), by_id);
}

/* Each line of 'b' with 'tag' before it. */
static void
put_lines(struct buf *out, char tag, const struct buf *b)
{
	const char *p;
	size_t	    at = 0, n;

	while (buf_next_line(b, &at, &p, &n))
		buf_printf(out, "%c %.*s\n", tag, (int)n, p);
}

void
state_put_case(struct buf *out, const struct state_case *c)
{
	buf_printf(out, "case %s %s\nn %zu %zu %zu %zu\n", c->id, c->stamp,
	    c->n[0], c->n[1], c->n[2], c->allowed);
	put_lines(out, 't', c->deps);
	put_lines(out, 'o', c->outs);
	put_lines(out, 'd', c->diag);
	put_lines(out, 'l', c->links);
	put_lines(out, 'r', c->red);
}

int
state_save(const char *file, const char *global, const char *looks,
    const struct buf *body)
{
	struct arena a = { 0 };
	struct buf   b = { 0 };
	int	     rc;

	buf_printf(&b, MAGIC "\nglobal %s\nlooks %s\n", global, looks);
	if (body->ptr != NULL)
		buf_put(&b, body->ptr, body->len);
	rc = fsio_write(&a, file, b.ptr, b.len);
	buf_release(&b);
	arena_release(&a);
	return rc;
}
