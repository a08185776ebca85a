/* SPDX-License-Identifier: ISC */
/*
 * git's strbuf in miniature: doubling growth, always NUL-terminated, and
 * allocation through util so that no caller checks for NULL.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

static void
grow(struct buf *b, size_t extra)
{
	size_t cap = b->cap == 0 ? 256 : b->cap;

	if (extra > SIZE_MAX / 2 - b->len)
		oom();
	while (cap < b->len + extra + 1)
		cap *= 2;
	if (cap != b->cap) {
		b->ptr = xreallocarray(b->ptr, cap, 1);
		b->cap = cap;
	}
}

void
buf_put(struct buf *b, const void *p, size_t len)
{
	grow(b, len);
	if (len > 0)
		memcpy(b->ptr + b->len, p, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, int c)
{
	grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *
buf_str(const struct buf *b)
{
	return b->ptr == NULL ? "" : b->ptr;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->ptr != NULL)
		b->ptr[0] = '\0';
}

void
buf_release(struct buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

void
buf_one_line(struct buf *b, const char *s, size_t len, size_t max)
{
	size_t i, n = 0;
	bool   space = false;

	for (i = 0; i < len && n < max; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			buf_putc(b, ' ');
		space = false;
		buf_putc(b, c);
		n += (c & 0xc0) != 0x80; /* characters, not bytes */
	}
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		buf_putc(b, s[i++]); /* finish the character */
	if (i < len)
		buf_puts(b, "...");
}

bool
buf_next_line(const struct buf *b, size_t *at, const char **line, size_t *len)
{
	const char *nl;

	if (b->ptr == NULL || *at >= b->len)
		return false;
	*line = b->ptr + *at;
	nl = memchr(*line, '\n', b->len - *at);
	*len = nl != NULL ? (size_t)(nl - *line) : b->len - *at;
	*at += *len + 1;
	return true;
}
