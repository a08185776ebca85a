/* SPDX-License-Identifier: ISC */
/*
 * Growable byte buffer for text that is built up piece by piece and
 * freed early (a page's HTML before it is written).  The contents are
 * always NUL-terminated.  A zeroed struct buf is empty and ready.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char  *ptr; /* NUL-terminated when cap > 0; else NULL */
	size_t len; /* bytes used, not counting the NUL */
	size_t cap; /* bytes allocated */
};

void buf_put(struct buf *, const void *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, int);
void buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Add 'len' bytes of 's' on one line: each run of white space becomes
 * one space, and after 'max' characters the rest becomes "...".
 */
void buf_one_line(struct buf *, const char *s, size_t len, size_t max);

/* The contents as a string: "" for an empty buffer.  Borrowed. */
const char *buf_str(const struct buf *);

/*
 * The next line of 'b' from byte '*at' (0 to start): sets '*line' and
 * '*len' (without its newline) and moves '*at' past it.  False at the end.
 */
bool
buf_next_line(const struct buf *, size_t *at, const char **line, size_t *len);

/* Forget the contents but keep the memory. */
void buf_reset(struct buf *);

/* Free the memory; the buffer is empty and reusable afterwards. */
void buf_release(struct buf *);

#endif /* !BUF_H */
