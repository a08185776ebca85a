/* SPDX-License-Identifier: ISC */
/*
 * Parts of a document's body that are for some readers only, or for no
 * family reader at all.  A part is fenced by lines of its own, as pandoc
 * writes fenced divs, and reads naturally as plain text:
 *
 *	::: for mum, dad
 *	Only Mum and Dad see this.
 *	:::
 *
 *	::: for record
 *	Only the professional record shows this.
 *	:::
 *
 *	::: redacted: third-party information
 *	No family reader sees this; the build logs that it was left out.
 *	:::
 *
 * Fences are read on source lines before cmark sees the text, so a part
 * that is not for a reader never reaches cmark for that reader.  Parts
 * do not nest.  A ':::' line inside a fenced code block is code.
 */
#ifndef SCOPE_H
#define SCOPE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct value;

struct part {
	size_t	      open;   /* offset of the opening fence line */
	size_t	      off;    /* offset of the part's first line */
	size_t	      len;    /* bytes of the part, without its fences */
	size_t	      end;    /* offset just after the closing fence line */
	unsigned      line;   /* line of the opening fence */
	unsigned      line0;  /* line of body[off] */
	struct value *who;    /* "for": a list of names, each placed */
	const char   *reason; /* "redacted": why; NULL for "for" */
};

struct scope {
	struct part *parts; /* in the order they appear */
	size_t	     n;
};

/*
 * Find the parts of 'body' ('len' bytes, starting on line 'line0' of
 * 'file').  Reports every malformed, nested or unclosed fence; returns
 * -1 if there was one.  '*out' holds the parts that are well formed.
 */
int scope_parse(struct arena *a, const char *file, unsigned line0,
    const char *body, size_t len, struct scope *out);

/*
 * The body as one reader has it, in 'a': the parts with keep[i] false,
 * and every fence line, become empty lines, so that line numbers stay
 * true.  Sets '*olen'.
 */
char *scope_text(struct arena *a, const char *body, size_t len,
    const struct scope *, const bool *keep, size_t *olen);

#endif /* !SCOPE_H */
