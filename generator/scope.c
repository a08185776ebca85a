/* SPDX-License-Identifier: ISC */
/*
 * One pass over the body's lines.  A fence is a line that starts with
 * three or more colons in its first column.  Fenced code (``` or ~~~,
 * indented up to three spaces, as CommonMark has it) is tracked so that
 * colons inside it stay code.
 */
#define DIAG_AREA "body"

#include <string.h>

#include "arena.h"
#include "diag.h"
#include "scope.h"
#include "util.h"
#include "value.h"

#define FENCE_HELP                                                             \
	"write '::: for mum, dad' (for some readers), '::: for record' (for "  \
	"the record only) or '::: redacted: why', and ':::' where it ends"

struct line {
	const char *p;	  /* the line, without its end */
	size_t	    n;	  /* its length */
	size_t	    off;  /* its offset in the body */
	size_t	    next; /* the offset of the next line */
	unsigned    no;	  /* its line number in the file */
};

/* Code fence state: the fence's character and length, or 0. */
struct code {
	char   c;
	size_t n;
};

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Does this line open or close fenced code?  Updates 'code'. */
static bool
code_fence(const struct line *l, struct code *code)
{
	size_t i = 0, n = 0;
	char   c;

	while (i < 3 && i < l->n && l->p[i] == ' ')
		i++;
	if (i >= l->n || (l->p[i] != '`' && l->p[i] != '~'))
		return false;
	c = l->p[i];
	while (i + n < l->n && l->p[i + n] == c)
		n++;
	if (n < 3)
		return false;
	if (code->c == 0) {
		code->c = c;
		code->n = n;
		return true;
	}
	if (c != code->c || n < code->n)
		return false;
	for (i += n; i < l->n; i++)
		if (!blank(l->p[i]))
			return false; /* a closing fence has no info string */
	code->c = 0;
	return true;
}

/* The number of colons a fence starts with, or 0 if it is no fence. */
static size_t
colons(const struct line *l)
{
	size_t n = strspn(l->p, ":");

	if (n > l->n)
		n = l->n;
	return n >= 3 ? n : 0;
}

/* Skip blanks from 'i'; returns the new index. */
static size_t
skip(const struct line *l, size_t i)
{
	while (i < l->n && blank(l->p[i]))
		i++;
	return i;
}

static struct srcpos
at(const char *file, const struct line *l, size_t i)
{
	struct srcpos pos = { file, l->no, (unsigned)i + 1 };

	return pos;
}

/* "for mum, dad": each name as a placed string in a list. */
static int
parse_for(struct arena *a, const char *file, const struct line *l, size_t i,
    struct part *pt)
{
	struct srcpos pos;
	size_t	      j;

	pt->who = value_new(a, VALUE_SEQ, NULL);
	for (;;) {
		i = skip(l, i);
		if (i < l->n && l->p[i] == ',')
			i = skip(l, i + 1);
		if (i >= l->n)
			break;
		for (j = i; j < l->n && !blank(l->p[j]) && l->p[j] != ','; j++)
			;
		pos = at(file, l, i);
		value_push(a, pt->who,
		    value_new_string(a, &pos,
			arena_strndup(a, l->p + i, j - i)));
		i = j;
	}
	if (pt->who->n == 0) {
		pos = at(file, l, i);
		return diag_error(&pos,
		    "'::: for' should say who this part is for: a reader's "
		    "id or a role, like '::: for mum, dad'");
	}
	return 0;
}

/* "redacted: why" or "redacted why". */
static int
parse_redacted(struct arena *a, const char *file, const struct line *l,
    size_t i, struct part *pt)
{
	struct srcpos pos;
	size_t	      n = l->n;

	if (i < l->n && l->p[i] == ':')
		i++;
	i = skip(l, i);
	while (n > i && blank(l->p[n - 1]))
		n--;
	if (i == n) {
		pos = at(file, l, i);
		return diag_error(&pos,
		    "say why this part is redacted, for the log: '::: "
		    "redacted: third-party information'");
	}
	pt->reason = arena_strndup(a, l->p + i, n - i);
	return 0;
}

/* The words after an opening fence's colons. */
static int
parse_open(struct arena *a, const char *file, const struct line *l,
    struct part *pt)
{
	size_t	      i = skip(l, colons(l)), j;
	struct srcpos pos = at(file, l, i);

	for (j = i; j < l->n && !blank(l->p[j]) && l->p[j] != ':'; j++)
		;
	if (j - i == 3 && memcmp(l->p + i, "for", 3) == 0)
		return parse_for(a, file, l, j, pt);
	if (j - i == 8 && memcmp(l->p + i, "redacted", 8) == 0)
		return parse_redacted(a, file, l, j, pt);
	return diag_error(&pos, "'%.*s' is not a kind of part; %s",
	    (int)(l->n - i), l->p + i, FENCE_HELP);
}

/* Read the line at 'off'; returns false at the end of the body. */
static bool
next_line(const char *body, size_t len, size_t off, unsigned no, struct line *l)
{
	const char *next;

	if (off >= len)
		return false;
	l->p = body + off;
	l->off = off;
	l->no = no;
	l->n = util_line(l->p, body + len, &next);
	l->next = (size_t)(next - body);
	return true;
}

int
scope_parse(struct arena *a, const char *file, unsigned line0, const char *body,
    size_t len, struct scope *out)
{
	struct line   l;
	struct code   code = { 0, 0 };
	struct part   pt, *open = NULL;
	struct srcpos pos;
	size_t	      off = 0, cap = 0, k;
	unsigned      no = line0;
	int	      rc = 0;
	unsigned      bad = 0; /* parts open that were reported */

	out->parts = NULL;
	out->n = 0;
	for (; next_line(body, len, off, no, &l); off = l.next, no++) {
		if (code_fence(&l, &code) || code.c != 0 || colons(&l) == 0)
			continue;
		k = skip(&l, colons(&l));
		if (k == l.n) { /* a closing fence */
			if (bad > 0) {
				bad--;
				continue;
			}
			if (open == NULL) {
				pos = at(file, &l, 0);
				rc = diag_error(&pos,
				    "this ':::' ends no part; delete it, or "
				    "start the part above it (%s)",
				    FENCE_HELP);
				continue;
			}
			open->len = l.off - open->off;
			open->end = l.next;
			open = NULL;
			continue;
		}
		memset(&pt, 0, sizeof(pt));
		pt.open = l.off;
		pt.off = l.next;
		pt.line = l.no;
		pt.line0 = l.no + 1;
		if (open != NULL || bad > 0) {
			pos = at(file, &l, 0);
			rc = diag_error(&pos,
			    "a part cannot start inside another; end the part "
			    "above with ':::' first");
			bad++;
			continue;
		}
		if (parse_open(a, file, &l, &pt) == -1) {
			rc = -1;
			bad++;
			continue;
		}
		out->parts = arena_grow(a, out->parts, out->n, &cap,
		    sizeof(*out->parts));
		out->parts[out->n] = pt;
		open = &out->parts[out->n++];
	}
	if (open != NULL) {
		pos = (struct srcpos){ file, open->line, 1 };
		rc = diag_error(&pos,
		    "this part has no ':::' line to end it; add one where "
		    "the part ends");
		out->n--;
	}
	return rc;
}

/* Append 'len' bytes of 'src' with every line emptied: only newlines. */
static size_t
blank_out(char *dst, const char *src, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (src[i] == '\n')
			dst[n++] = '\n';
	return n;
}

char *
scope_text(struct arena *a, const char *body, size_t len, const struct scope *s,
    const bool *keep, size_t *olen)
{
	char  *out = arena_alloc(a, len + 1);
	size_t i, n = 0, from = 0;

	for (i = 0; i < s->n; i++) {
		const struct part *p = &s->parts[i];

		memcpy(out + n, body + from, p->open - from);
		n += p->open - from;
		n += blank_out(out + n, body + p->open, p->off - p->open);
		if (keep[i]) {
			memcpy(out + n, body + p->off, p->len);
			n += p->len;
		} else
			n += blank_out(out + n, body + p->off, p->len);
		n += blank_out(out + n, body + p->off + p->len,
		    p->end - p->off - p->len);
		from = p->end;
	}
	memcpy(out + n, body + from, len - from);
	n += len - from;
	out[n] = '\0';
	*olen = n;
	return out;
}
