/* SPDX-License-Identifier: ISC */
/*
 * A well-formedness checker for the XHTML that goes into e-books: not a
 * parser that builds a tree, one pass over the bytes with a stack of
 * open element names.  It knows the mistakes HTML habits make in XML
 * (<br>, <input checked>, &nbsp;, <!doctype html>) and says what to
 * write instead.
 *
 * Everything is done in that one pass, so the time is in proportion to
 * the page however it nests: a heading's words and the title's are kept
 * as the scan goes through them (a heading may not hold another, as in
 * HTML), an element's attributes are compared with the others of that
 * element (at most XHTML_MAX_ATTRS of them), and the ids are sorted once
 * at the end.  Names are compared by their local part ("svg:script" is a
 * script), so that a namespace prefix hides nothing.  The scan never
 * looks past 'len': the page need not end with a NUL.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "util.h"
#include "xhtml.h"

struct open {
	const char *name;
	size_t	    nlen;
	size_t	    at;	   /* the offset of its start tag */
	size_t	    from;  /* the offset just after it */
	bool	    head;  /* it is the heading whose text is being kept */
	bool	    title; /* it is the title whose text is being kept */
};

/* Text being kept: runs of white space become one space. */
struct text {
	struct buf b;
	bool	   on;
	bool	   sp; /* white space since the last character kept */
};

/* The start tag being read. */
struct tag {
	const char *name, *local; /* "svg:a", "a" */
	size_t	    len, llen;
	size_t	    at;	  /* the offset of its '<' */
	long	    head; /* the heading it is, or -1 */
};

/* An id, where it is. */
struct id {
	const char *v;
	size_t	    at;
};

struct scan {
	struct arena	  *a;
	const char	  *s;
	size_t		   len, p;
	struct xhtml_info *info;
	struct open	  *stack;
	size_t		   depth, cap;
	size_t		   hcap, rcap, icap;
	bool		   root;	 /* the root element has been opened */
	long		   head;	 /* the heading open now, or -1 */
	struct text	   htext, ttext; /* of that heading, of the title */
	struct buf	   val;		 /* an attribute's value, decoded */
	struct id	  *ids;
	size_t		   nids;
	const char	  *err;
	size_t		   eoff;
};

/* Elements HTML writes without an end tag; XML needs "<br />". */
static const char *const voids[] = { "area", "base", "br", "col", "embed", "hr",
	"img", "input", "link", "meta", "source", "track", "wbr" };

/* Elements that run a script or show another page inside this one. */
static const char *const actives[] = { "script", "iframe", "frame", "frameset",
	"object", "embed", "applet" };

static int fail(struct scan *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct scan *sc, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (sc->err != NULL)
		return -1;
	va_start(ap, fmt);
	sc->err = arena_vprintf(sc->a, fmt, ap);
	va_end(ap);
	sc->eoff = off;
	return -1;
}

static bool
name_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    c == ':' || c >= 0x80;
}

static bool
name_char(int c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool
space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
is(const char *name, size_t nlen, const char *want)
{
	return strlen(want) == nlen && memcmp(name, want, nlen) == 0;
}

static bool
is_void(const char *name, size_t nlen)
{
	size_t i;

	for (i = 0; i < LEN(voids); i++)
		if (is(name, nlen, voids[i]))
			return true;
	return false;
}

/* The length of a name at 's' (0 if there is none). */
static size_t
name_len(const char *s, size_t max)
{
	size_t n = 0;

	if (max == 0 || !name_start((unsigned char)s[0]))
		return 0;
	while (n < max && name_char((unsigned char)s[n]))
		n++;
	return n;
}

/* True if the local part of 'name' is 'want'. */
static bool
is_local(const char *name, size_t nlen, const char *want)
{
	name = html_local(name, &nlen);
	return is(name, nlen, want);
}

/*
 * The entity reference at 's' (which starts with '&'): its length, with
 * its character in '*c'; 0 if it is not one XML knows.
 */
static size_t
entity(const char *s, size_t max, unsigned long *c)
{
	static const struct {
		const char *name;
		char	    c;
	} named[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' } };
	size_t i, n;
	int    base = 10;

	for (i = 0; i < LEN(named); i++) {
		n = strlen(named[i].name);
		if (max > n && memcmp(s + 1, named[i].name, n) == 0) {
			*c = (unsigned char)named[i].c;
			return n + 1;
		}
	}
	if (max < 4 || s[1] != '#')
		return 0;
	i = 2;
	if (s[2] == 'x') {
		base = 16;
		i++;
	}
	*c = 0;
	for (n = i; n < max && n < i + 8; n++) {
		int d = s[n];

		if (d >= '0' && d <= '9')
			d -= '0';
		else if (base == 16 && d >= 'a' && d <= 'f')
			d -= 'a' - 10;
		else if (base == 16 && d >= 'A' && d <= 'F')
			d -= 'A' - 10;
		else
			break;
		*c = *c * (unsigned long)base + (unsigned long)d;
	}
	if (n == i || n >= max || s[n] != ';')
		return 0;
	/* XML's Char: no controls but tab and newlines, no surrogates. */
	if ((*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') ||
	    (*c >= 0xd800 && *c <= 0xdfff) || *c == 0xfffe || *c == 0xffff ||
	    *c > 0x10ffff)
		return 0;
	return n + 1;
}

/*
 * Check the entity reference at sc->p and advance past it, with its
 * character in '*c'.
 */
static int
check_entity(struct scan *sc, unsigned long *c)
{
	const char *s = sc->s + sc->p;
	size_t	    n = entity(s, sc->len - sc->p, c), k;

	if (n > 0) {
		sc->p += n;
		return 0;
	}
	k = name_len(s + 1, sc->len - sc->p - 1);
	if (k > 0 && sc->p + 1 + k < sc->len && s[1 + k] == ';')
		return fail(sc, sc->p,
		    "'&%.*s;' is not an XML entity; write the character "
		    "itself, or its number (such as &#160; for a no-break "
		    "space)",
		    (int)k, s + 1);
	return fail(sc, sc->p, "a bare '&'; write &amp; for the character");
}

/* Keep 'n' bytes of text 's' in 't', if it is on. */
static void
text_put(struct text *t, const char *s, size_t n)
{
	size_t i;

	if (!t->on)
		return;
	for (i = 0; i < n; i++)
		if (space((unsigned char)s[i]))
			t->sp = true;
		else {
			if (t->sp && t->b.len > 0)
				buf_putc(&t->b, ' ');
			t->sp = false;
			buf_putc(&t->b, s[i]);
		}
}

/* Text of the page: kept for the heading and the title that are open. */
static void
keep(struct scan *sc, const char *s, size_t n)
{
	text_put(&sc->htext, s, n);
	text_put(&sc->ttext, s, n);
}

static void
text_char(struct text *t, unsigned long c)
{
	if (!t->on)
		return;
	if (c < 0x80 && space((int)c)) {
		t->sp = true;
		return;
	}
	if (t->sp && t->b.len > 0)
		buf_putc(&t->b, ' ');
	t->sp = false;
	html_put_char(&t->b, c);
}

/* A character from an entity reference, kept as keep() keeps text. */
static void
keep_char(struct scan *sc, unsigned long c)
{
	text_char(&sc->htext, c);
	text_char(&sc->ttext, c);
}

static void
text_start(struct text *t)
{
	buf_reset(&t->b);
	t->on = true;
	t->sp = false;
}

/* What 't' kept, in 'a'; it stops keeping. */
static const char *
text_end(struct arena *a, struct text *t)
{
	t->on = false;
	return arena_strndup(a, buf_str(&t->b), t->b.len);
}

/* Note the first thing on the page that could run a script. */
static void
active(struct scan *sc, size_t at, const char *what)
{
	if (sc->info->active != NULL)
		return;
	sc->info->active = what;
	sc->info->active_at = at;
}

static void
add_id(struct scan *sc, const char *v, size_t at)
{
	sc->ids =
	    arena_grow(sc->a, sc->ids, sc->nids, &sc->icap, sizeof(*sc->ids));
	sc->ids[sc->nids].v = v;
	sc->ids[sc->nids++].at = at;
}

/*
 * What attribute 'attr' (at offset 'at') of the element 't' tells the
 * book about itself.
 */
static int
note_attr(struct scan *sc, const struct tag *t, const char *attr, size_t alen,
    const char *v, size_t vlen, size_t at)
{
	struct xhtml_info *in = sc->info;
	size_t		   llen = alen;
	const char	  *ln = html_local(attr, &llen);

	if (is(attr, alen, "style"))
		html_css_refs(sc->a, &in->refs, &in->nrefs, &sc->rcap, v, vlen,
		    at, false);
	else
		html_add_refs(sc->a, &in->refs, &in->nrefs, &sc->rcap, t->name,
		    t->len, attr, alen, v, vlen, at);
	if ((llen >= 2 && strncasecmp(ln, "on", 2) == 0) ||
	    is(ln, llen, "srcdoc"))
		active(sc, at,
		    arena_printf(sc->a, "the attribute '%.*s'", (int)alen,
			attr));
	else if (is(t->local, t->llen, "meta") &&
	    is(attr, alen, "http-equiv") && strcasecmp(v, "refresh") == 0)
		active(sc, at,
		    arena_printf(sc->a,
			"a <%.*s> that sends the reader to another page",
			(int)t->len, t->name));
	else if ((is(t->local, t->llen, "set") ||
		     is(t->local, t->llen, "animate")) &&
	    is(attr, alen, "attributeName") && is_local(v, vlen, "href"))
		active(sc, at,
		    arena_printf(sc->a, "a <%.*s> that changes a link",
			(int)t->len, t->name));
	if (is(attr, alen, "id") || is(attr, alen, "xml:id")) {
		if (*v == '\0' || strpbrk(v, " \t\n\r") != NULL)
			return fail(sc, at,
			    "the id \"%s\" is %s; an id is one word, such as "
			    "id=\"next-steps\"",
			    v, *v == '\0' ? "empty" : "more than one word");
		add_id(sc, v, at);
	}
	if (is(t->name, t->len, "html")) {
		if (is(attr, alen, "lang") || is(attr, alen, "xml:lang"))
			in->lang = v;
		if (is(attr, alen, "xmlns"))
			in->ns = strcmp(v, "http://www.w3.org/1999/xhtml") == 0;
	} else if (is(t->local, t->llen, "img") && is(attr, alen, "alt")) {
		if (v[strspn(v, " \t\n\r")] != '\0')
			in->alts++;
		keep(sc, " ", 1); /* a heading's picture says what it is */
		keep(sc, v, vlen);
		keep(sc, " ", 1);
	} else if (t->head >= 0 && is(attr, alen, "id"))
		in->heads[t->head].id = v;
	return 0;
}

/*
 * One attribute's value at sc->p (its opening quote), decoded into
 * '*v' ('*vlen' bytes) as XML reads it: entities read, and each tab or
 * newline a space.  Returns -1 after failing.
 */
static int
attr_value(struct scan *sc, const char *tag, size_t tlen, const char *attr,
    size_t alen, const char **v, size_t *vlen)
{
	char	      q = sc->p < sc->len ? sc->s[sc->p] : '\0';
	size_t	      from;
	unsigned long c;

	if (q != '"' && q != '\'')
		return fail(sc, sc->p,
		    "the value of '%.*s' in <%.*s> is not in quotes; write "
		    "%.*s=\"...\"",
		    (int)alen, attr, (int)tlen, tag, (int)alen, attr);
	from = ++sc->p;
	buf_reset(&sc->val);
	while (sc->p < sc->len && sc->s[sc->p] != q) {
		char ch = sc->s[sc->p];

		if (ch == '<')
			return fail(sc, sc->p,
			    "'<' in the value of '%.*s'; write &lt;", (int)alen,
			    attr);
		if ((unsigned char)ch < 0x20 && !space((unsigned char)ch))
			return fail(sc, sc->p,
			    "a control character (byte 0x%02x) is not "
			    "allowed in XHTML; remove it",
			    (unsigned)ch);
		if (ch != '&') {
			size_t n = 1;
			char   c2;

			/* A run of plain bytes, copied at once. */
			while (sc->p + n < sc->len &&
			    (c2 = sc->s[sc->p + n]) != q && c2 != '<' &&
			    c2 != '&' && (unsigned char)c2 >= 0x20)
				n++;
			if (space((unsigned char)ch))
				buf_putc(&sc->val, ' ');
			else
				buf_put(&sc->val, sc->s + sc->p, 1);
			buf_put(&sc->val, sc->s + sc->p + 1, n - 1);
			sc->p += n;
		} else if (check_entity(sc, &c) == -1)
			return -1;
		else
			html_put_char(&sc->val, c);
	}
	if (sc->p >= sc->len)
		return fail(sc, from - 1,
		    "the value of '%.*s' in <%.*s> has no closing quote",
		    (int)alen, attr, (int)tlen, tag);
	sc->p++;
	*vlen = sc->val.len;
	*v = arena_strndup(sc->a, buf_str(&sc->val), sc->val.len);
	return 0;
}

static void
push(struct scan *sc, const struct tag *t)
{
	struct open *o;

	sc->stack = arena_grow(sc->a, sc->stack, sc->depth, &sc->cap,
	    sizeof(*sc->stack));
	o = &sc->stack[sc->depth++];
	o->name = t->name;
	o->nlen = t->len;
	o->at = t->at;
	o->from = sc->p;
	o->head = t->head >= 0;
	o->title = false;
	if (t->head >= 0) {
		sc->head = t->head;
		text_start(&sc->htext);
	}
	if (is(t->local, t->llen, "title") && sc->info->title == NULL &&
	    !sc->ttext.on) {
		o->title = true;
		text_start(&sc->ttext);
	}
}

/* A heading level from an element's local name, or 0. */
static int
heading(const char *name, size_t nlen)
{
	return nlen == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
	    ? name[1] - '0'
	    : 0;
}

/* The heading opened at 'at' just after its name (sc->p): its index. */
static long
open_heading(struct scan *sc, int level, size_t at)
{
	struct xhtml_info    *in = sc->info;
	struct xhtml_heading *h;

	in->heads = arena_grow(sc->a, in->heads, in->nheads, &sc->hcap,
	    sizeof(*in->heads));
	h = &in->heads[in->nheads];
	memset(h, 0, sizeof(*h));
	h->level = level;
	h->start = at;
	h->at = sc->p;
	h->text = "";
	return (long)in->nheads++;
}

/* A start tag at sc->p ('<' then a name). */
static int
start_tag(struct scan *sc)
{
	struct tag	   t;
	const char	  *tag = sc->s + sc->p + 1, *attr, *v = NULL;
	size_t		   at = sc->p, tlen, alen, vlen = 0, nattrs = 0, i;
	const char	  *attrs[XHTML_MAX_ATTRS];
	size_t		   alens[XHTML_MAX_ATTRS];
	struct xhtml_info *in = sc->info;

	tlen = name_len(tag, sc->len - sc->p - 1);
	if (sc->root && sc->depth == 0)
		return fail(sc, at,
		    "a second root element <%.*s>; a page has one <html>",
		    (int)tlen, tag);
	sc->root = true;
	sc->p += 1 + tlen;
	t.name = tag;
	t.len = t.llen = tlen;
	t.local = html_local(tag, &t.llen);
	t.at = at;
	t.head = -1;
	if (heading(t.local, t.llen) > 0) {
		if (sc->head >= 0)
			return fail(sc, at,
			    "<%.*s> inside <h%d>; a heading cannot hold "
			    "another, so close <h%d> first",
			    (int)tlen, tag, in->heads[sc->head].level,
			    in->heads[sc->head].level);
		t.head = open_heading(sc, heading(t.local, t.llen), at);
	}
	if (is(t.local, t.llen, "img"))
		in->images++;
	if (is(t.local, t.llen, "svg"))
		in->svgs++;
	for (i = 0; i < LEN(actives); i++)
		if (is(t.local, t.llen, actives[i]))
			active(sc, at,
			    arena_printf(sc->a, "a <%.*s>", (int)tlen, tag));
	for (;;) {
		size_t ws = sc->p;

		while (sc->p < sc->len && space((unsigned char)sc->s[sc->p]))
			sc->p++;
		if (sc->p >= sc->len)
			return fail(sc, at, "the tag <%.*s> has no closing '>'",
			    (int)tlen, tag);
		if (sc->s[sc->p] == '>') {
			sc->p++;
			if (is_void(tag, tlen))
				return fail(sc, at,
				    "<%.*s> must be closed in XHTML; write "
				    "<%.*s ... />",
				    (int)tlen, tag, (int)tlen, tag);
			push(sc, &t);
			return 0;
		}
		if (sc->s[sc->p] == '/') {
			if (sc->p + 1 >= sc->len || sc->s[sc->p + 1] != '>')
				return fail(sc, sc->p,
				    "a '/' inside <%.*s>; it may only come "
				    "just before the closing '>'",
				    (int)tlen, tag);
			sc->p += 2;
			/* Self-closed: a heading or title with no text. */
			if (is(t.local, t.llen, "title") && in->title == NULL &&
			    !sc->ttext.on)
				in->title = "";
			return 0;
		}
		alen = name_len(sc->s + sc->p, sc->len - sc->p);
		if (alen == 0)
			return fail(sc, sc->p,
			    "'%c' inside <%.*s> where an attribute name "
			    "should be",
			    sc->s[sc->p], (int)tlen, tag);
		if (ws == sc->p)
			return fail(sc, sc->p,
			    "attributes in <%.*s> need a space between them",
			    (int)tlen, tag);
		attr = sc->s + sc->p;
		for (i = 0; i < nattrs; i++)
			if (alens[i] == alen &&
			    memcmp(attrs[i], attr, alen) == 0)
				return fail(sc, sc->p,
				    "<%.*s> has two '%.*s' attributes; keep "
				    "one",
				    (int)tlen, tag, (int)alen, attr);
		if (nattrs == LEN(attrs))
			return fail(sc, sc->p,
			    "<%.*s> has more than %d attributes; no element "
			    "needs so many, so take some out",
			    (int)tlen, tag, XHTML_MAX_ATTRS);
		attrs[nattrs] = attr;
		alens[nattrs++] = alen;
		sc->p += alen;
		while (sc->p < sc->len && space((unsigned char)sc->s[sc->p]))
			sc->p++;
		if (sc->p >= sc->len || sc->s[sc->p] != '=')
			return fail(sc, attr - sc->s,
			    "the attribute '%.*s' of <%.*s> has no value; in "
			    "XHTML write %.*s=\"%.*s\"",
			    (int)alen, attr, (int)tlen, tag, (int)alen, attr,
			    (int)alen, attr);
		sc->p++;
		while (sc->p < sc->len && space((unsigned char)sc->s[sc->p]))
			sc->p++;
		if (attr_value(sc, tag, tlen, attr, alen, &v, &vlen) == -1 ||
		    note_attr(sc, &t, attr, alen, v, vlen,
			(size_t)(attr - sc->s)) == -1)
			return -1;
	}
}

/* An end tag at sc->p ("</"). */
static int
end_tag(struct scan *sc)
{
	const char  *tag = sc->s + sc->p + 2;
	size_t	     at = sc->p, tlen;
	struct open *o;

	tlen = name_len(tag, sc->len - sc->p - 2);
	sc->p += 2 + tlen;
	while (sc->p < sc->len && space((unsigned char)sc->s[sc->p]))
		sc->p++;
	if (tlen == 0 || sc->p >= sc->len || sc->s[sc->p] != '>')
		return fail(sc, at, "an end tag must be </name>, nothing more");
	sc->p++;
	if (sc->depth == 0)
		return fail(sc, at, "</%.*s> closes nothing: no <%.*s> is open",
		    (int)tlen, tag, (int)tlen, tag);
	o = &sc->stack[sc->depth - 1];
	if (o->nlen != tlen || memcmp(o->name, tag, tlen) != 0)
		return fail(sc, at,
		    "</%.*s> comes while <%.*s> is still open; close <%.*s> "
		    "first",
		    (int)tlen, tag, (int)o->nlen, o->name, (int)o->nlen,
		    o->name);
	if (o->head) {
		sc->info->heads[sc->head].text = text_end(sc->a, &sc->htext);
		sc->head = -1;
	}
	if (o->title)
		sc->info->title = text_end(sc->a, &sc->ttext);
	if (is_local(o->name, o->nlen, "style"))
		html_css_refs(sc->a, &sc->info->refs, &sc->info->nrefs,
		    &sc->rcap, sc->s + o->from, at - o->from, o->from, true);
	sc->depth--;
	return 0;
}

/* Markup that is not an element: <!-- -->, <? ?>, <!DOCTYPE>, CDATA. */
static int
other(struct scan *sc)
{
	const char *s = sc->s + sc->p, *e;
	size_t	    left = sc->len - sc->p;

	if (left >= 4 && memcmp(s, "<!--", 4) == 0) {
		if ((e = util_memstr(s + 4, left - 4, "--")) == NULL)
			return fail(sc, sc->p, "a comment that is not closed");
		if ((size_t)(e - s) + 2 >= left || e[2] != '>')
			return fail(sc, (size_t)(e - sc->s),
			    "'--' inside a comment; XML does not allow it");
		sc->p = (size_t)(e - sc->s) + 3;
		return 0;
	}
	if (left >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
		if (sc->depth == 0)
			return fail(sc, sc->p,
			    "CDATA outside the root element");
		if ((e = util_memstr(s + 9, left - 9, "]]>")) == NULL)
			return fail(sc, sc->p,
			    "a CDATA section that is not closed");
		keep(sc, s + 9, (size_t)(e - s) - 9);
		sc->p = (size_t)(e - sc->s) + 3;
		return 0;
	}
	if (left >= 2 && s[1] == '?') {
		if ((e = util_memstr(s + 2, left - 2, "?>")) == NULL)
			return fail(sc, sc->p, "'<?' with no '?>'");
		sc->p = (size_t)(e - sc->s) + 2;
		return 0;
	}
	if (left >= 9 && memcmp(s, "<!DOCTYPE", 9) == 0) {
		if (sc->root)
			return fail(sc, sc->p,
			    "<!DOCTYPE> must come before the root element");
		for (e = s; e < s + left && *e != '>' && *e != '['; e++)
			;
		if (e == s + left || *e == '[')
			return fail(sc, sc->p,
			    "write the doctype as <!DOCTYPE html>");
		sc->p = (size_t)(e - sc->s) + 1;
		return 0;
	}
	if (left >= 9 && strncasecmp(s, "<!doctype", 9) == 0)
		return fail(sc, sc->p,
		    "XML needs the doctype in capitals: <!DOCTYPE html>");
	return fail(sc, sc->p, "'<!' that starts no comment or doctype");
}

static int
by_id(const void *x, const void *y)
{
	const struct id *a = x, *b = y;
	int		 c = strcmp(a->v, b->v);

	return c != 0 ? c : (a->at > b->at) - (a->at < b->at);
}

/*
 * Sort the page's ids into info->ids; fail at the first one (in the
 * page's order) that was used before.
 */
static void
check_ids(struct scan *sc)
{
	size_t i, n = 0, twice = SIZE_MAX;

	if (sc->nids > 1)
		qsort(sc->ids, sc->nids, sizeof(*sc->ids), by_id);
	sc->info->ids = arena_alloc(sc->a, (sc->nids + 1) * sizeof(char *));
	for (i = 0; i < sc->nids; i++)
		if (i > 0 && strcmp(sc->ids[i].v, sc->ids[i - 1].v) == 0) {
			if (twice == SIZE_MAX ||
			    sc->ids[i].at < sc->ids[twice].at)
				twice = i;
		} else
			sc->info->ids[n++] = sc->ids[i].v;
	sc->info->nids = n;
	if (twice != SIZE_MAX)
		(void)fail(sc, sc->ids[twice].at,
		    "a second element with the id \"%s\"; each id is used "
		    "once in a page, so change one",
		    sc->ids[twice].v);
}

static void
scan_free(struct scan *sc)
{
	buf_release(&sc->htext.b);
	buf_release(&sc->ttext.b);
	buf_release(&sc->val);
}

const char *
xhtml_scan(struct arena *a, const char *s, size_t len, struct xhtml_info *info,
    size_t *off)
{
	struct scan   sc = { 0 };
	size_t	      bad;
	unsigned long ch;
	int	      c;

	memset(info, 0, sizeof(*info));
	sc.a = a;
	sc.s = s;
	sc.len = len;
	sc.info = info;
	sc.head = -1;
	if ((bad = util_utf8_check(s, len)) < len) {
		*off = bad;
		return "the page is not valid UTF-8";
	}
	while (sc.p < len && sc.err == NULL) {
		c = (unsigned char)s[sc.p];
		if (c == '<') {
			if (sc.p + 1 < len && s[sc.p + 1] == '/')
				(void)end_tag(&sc);
			else if (sc.p + 1 < len &&
			    name_start((unsigned char)s[sc.p + 1]))
				(void)start_tag(&sc);
			else if (sc.p + 1 < len &&
			    (s[sc.p + 1] == '!' || s[sc.p + 1] == '?'))
				(void)other(&sc);
			else
				(void)fail(&sc, sc.p,
				    "'<' that starts no tag; write &lt; for "
				    "the character");
		} else if (c == '&') {
			if (sc.depth == 0)
				(void)fail(&sc, sc.p,
				    "text outside the page's root element");
			else if (check_entity(&sc, &ch) == 0)
				keep_char(&sc, ch);
		} else if (c < 0x20 && !space(c)) {
			(void)fail(&sc, sc.p,
			    "a control character (byte 0x%02x) is not "
			    "allowed in XHTML; remove it",
			    (unsigned)c);
		} else if (sc.depth == 0 && !space(c)) {
			(void)fail(&sc, sc.p,
			    "text outside the page's root element");
		} else if (sc.htext.on || sc.ttext.on)
			keep(&sc, s + sc.p++, 1);
		else
			sc.p++;
	}
	if (sc.err == NULL && sc.depth > 0) {
		struct open *o = &sc.stack[sc.depth - 1];

		(void)fail(&sc, o->at, "<%.*s> is never closed; write </%.*s>",
		    (int)o->nlen, o->name, (int)o->nlen, o->name);
	}
	if (sc.err == NULL && !sc.root)
		(void)fail(&sc, 0, "the page has no root element");
	if (sc.err == NULL)
		check_ids(&sc);
	scan_free(&sc);
	*off = sc.eoff;
	return sc.err;
}

/* True if 'id' is one of the page's. */
static bool
taken(const struct xhtml_info *info, const char *id)
{
	size_t lo = 0, hi = info->nids, mid;
	int    c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(id, info->ids[mid])) == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

const char *
xhtml_add_ids(struct arena *a, const char *s, size_t len,
    struct xhtml_info *info, int max, const char *prefix, size_t *outlen)
{
	struct buf  b = { 0 };
	size_t	    i, from = 0, n = 0, added = 0;
	const char *out;

	for (i = 0; i < info->nheads; i++) {
		struct xhtml_heading *h = &info->heads[i];

		if (h->level > max || h->id != NULL)
			continue;
		do
			h->id = arena_printf(a, "%s%zu", prefix, ++n);
		while (taken(info, h->id));
		buf_put(&b, s + from, h->at - from);
		buf_printf(&b, " id=\"%s\"", h->id);
		from = h->at;
		added++;
	}
	if (added == 0) {
		*outlen = len;
		return s;
	}
	buf_put(&b, s + from, len - from);
	out = arena_strndup(a, b.ptr, b.len);
	*outlen = b.len;
	buf_release(&b);
	return out;
}
