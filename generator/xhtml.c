/* SPDX-License-Identifier: ISC */
/*
 * A well-formedness checker for the XHTML that goes into e-books: not a
 * parser that builds a tree, one pass over the bytes with a stack of
 * open element names.  It knows the mistakes HTML habits make in XML
 * (<br>, <input checked>, &nbsp;, <!doctype html>) and says what to
 * write instead.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "util.h"
#include "xhtml.h"

struct open {
	const char *name;
	size_t	    nlen;
	long	    head; /* the heading this element is, or -1 */
	size_t	    at;	  /* the offset of its start tag */
	size_t	    from; /* the offset just after it */
};

struct scan {
	struct arena	  *a;
	const char	  *s;
	size_t		   len, p;
	struct xhtml_info *info;
	struct open	  *stack;
	size_t		   depth, cap;
	size_t		   hcap, rcap;
	bool		   root; /* the root element has been opened */
	const char	  *err;
	size_t		   eoff;
};

/* Elements HTML writes without an end tag; XML needs "<br />". */
static const char *const voids[] = { "area", "base", "br", "col", "embed", "hr",
	"img", "input", "link", "meta", "source", "track", "wbr" };

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

static void
put_utf8(struct buf *b, unsigned long c)
{
	if (c < 0x80)
		buf_putc(b, (int)c);
	else if (c < 0x800) {
		buf_putc(b, (int)(0xc0 | (c >> 6)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		buf_putc(b, (int)(0xe0 | (c >> 12)));
		buf_putc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	} else {
		buf_putc(b, (int)(0xf0 | (c >> 18)));
		buf_putc(b, (int)(0x80 | ((c >> 12) & 0x3f)));
		buf_putc(b, (int)(0x80 | ((c >> 6) & 0x3f)));
		buf_putc(b, (int)(0x80 | (c & 0x3f)));
	}
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

/* Check the entity reference at sc->p; advances past it. */
static int
check_entity(struct scan *sc)
{
	const char   *s = sc->s + sc->p;
	unsigned long c;
	size_t	      n = entity(s, sc->len - sc->p, &c), k;

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

/*
 * The text of 's' [from, to): tags and comments left out, entities
 * decoded and runs of white space made one space.  Only called on text
 * that has been scanned already.
 */
static const char *
text_of(struct arena *a, const char *s, size_t from, size_t to)
{
	struct buf    b = { 0 };
	unsigned long c;
	size_t	      i = from, n;
	bool	      sp = false;
	const char   *out;
	char	      q;

	while (i < to) {
		if (s[i] == '<') {
			if (i + 4 <= to && memcmp(s + i, "<!--", 4) == 0) {
				const char *e =
				    util_memstr(s + i + 4, to - i - 4, "-->");

				i = e == NULL ? to : (size_t)(e - s) + 3;
				continue;
			}
			for (q = 0; i < to && (q != 0 || s[i] != '>'); i++)
				if (q == 0 && (s[i] == '"' || s[i] == '\''))
					q = s[i];
				else if (s[i] == q)
					q = 0;
			i++;
			continue;
		}
		if (space((unsigned char)s[i])) {
			sp = true;
			i++;
			continue;
		}
		if (sp && b.len > 0)
			buf_putc(&b, ' ');
		sp = false;
		if (s[i] == '&' && (n = entity(s + i, to - i, &c)) > 0) {
			put_utf8(&b, c);
			i += n;
		} else
			buf_putc(&b, s[i++]);
	}
	out = arena_strndup(a, b.ptr != NULL ? b.ptr : "", b.len);
	buf_release(&b);
	return out;
}

static void
add_ref(struct scan *sc, const char *v)
{
	sc->info->refs = arena_grow(sc->a, sc->info->refs, sc->info->nrefs,
	    &sc->rcap, sizeof(*sc->info->refs));
	sc->info->refs[sc->info->nrefs++] = v;
}

/* What the element opened at 'name' tells the book about itself. */
static void
note_attr(struct scan *sc, const char *name, size_t nlen, const char *attr,
    size_t alen, const char *v, long head)
{
	struct xhtml_info *in = sc->info;

	if (is(attr, alen, "href") || is(attr, alen, "src"))
		add_ref(sc, v);
	if (is(name, nlen, "html")) {
		if (is(attr, alen, "lang") || is(attr, alen, "xml:lang"))
			in->lang = v;
		if (is(attr, alen, "xmlns"))
			in->ns = strcmp(v, "http://www.w3.org/1999/xhtml") == 0;
	} else if (is(name, nlen, "img") && is(attr, alen, "alt")) {
		if (v[strspn(v, " \t\n\r")] != '\0')
			in->alts++;
	} else if (head >= 0 && is(attr, alen, "id"))
		in->heads[head].id = v;
}

/*
 * One attribute's value at sc->p (its opening quote), decoded into
 * '*v'.  Returns -1 after failing.
 */
static int
attr_value(struct scan *sc, const char *tag, size_t tlen, const char *attr,
    size_t alen, const char **v)
{
	char   q = sc->s[sc->p];
	size_t from;

	if (q != '"' && q != '\'')
		return fail(sc, sc->p,
		    "the value of '%.*s' in <%.*s> is not in quotes; write "
		    "%.*s=\"...\"",
		    (int)alen, attr, (int)tlen, tag, (int)alen, attr);
	from = ++sc->p;
	while (sc->p < sc->len && sc->s[sc->p] != q) {
		if (sc->s[sc->p] == '<')
			return fail(sc, sc->p,
			    "'<' in the value of '%.*s'; write &lt;", (int)alen,
			    attr);
		if (sc->s[sc->p] != '&')
			sc->p++;
		else if (check_entity(sc) == -1)
			return -1;
	}
	if (sc->p >= sc->len)
		return fail(sc, from - 1,
		    "the value of '%.*s' in <%.*s> has no closing quote",
		    (int)alen, attr, (int)tlen, tag);
	sc->p++;
	*v = text_of(sc->a, sc->s, from, sc->p - 1);
	return 0;
}

static int
push(struct scan *sc, const char *name, size_t nlen, long head, size_t at)
{
	sc->stack = arena_grow(sc->a, sc->stack, sc->depth, &sc->cap,
	    sizeof(*sc->stack));
	sc->stack[sc->depth].name = name;
	sc->stack[sc->depth].nlen = nlen;
	sc->stack[sc->depth].head = head;
	sc->stack[sc->depth].at = at;
	sc->stack[sc->depth].from = sc->p;
	sc->depth++;
	return 0;
}

/* A heading level from an element name, or 0. */
static int
heading(const char *name, size_t nlen)
{
	return nlen == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
	    ? name[1] - '0'
	    : 0;
}

/* A start tag at sc->p ('<' then a name). */
static int
start_tag(struct scan *sc)
{
	const char	  *tag = sc->s + sc->p + 1, *attr, *v = NULL;
	size_t		   at = sc->p, tlen, alen, nattrs = 0, i;
	const char	  *attrs[32];
	size_t		   alens[32];
	long		   head = -1;
	struct xhtml_info *in = sc->info;

	tlen = name_len(tag, sc->len - sc->p - 1);
	if (sc->root && sc->depth == 0)
		return fail(sc, at,
		    "a second root element <%.*s>; a page has one <html>",
		    (int)tlen, tag);
	sc->root = true;
	sc->p += 1 + tlen;
	if (heading(tag, tlen) > 0) {
		in->heads = arena_grow(sc->a, in->heads, in->nheads, &sc->hcap,
		    sizeof(*in->heads));
		head = (long)in->nheads++;
		memset(&in->heads[head], 0, sizeof(in->heads[head]));
		in->heads[head].level = heading(tag, tlen);
		in->heads[head].at = sc->p;
	}
	if (is(tag, tlen, "img"))
		in->images++;
	if (is(tag, tlen, "script"))
		in->scripts++;
	if (is(tag, tlen, "svg"))
		in->svgs++;
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
			return push(sc, tag, tlen, head, at);
		}
		if (sc->s[sc->p] == '/') {
			if (sc->p + 1 >= sc->len || sc->s[sc->p + 1] != '>')
				return fail(sc, sc->p,
				    "a '/' inside <%.*s>; it may only come "
				    "just before the closing '>'",
				    (int)tlen, tag);
			sc->p += 2;
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
		if (nattrs < LEN(attrs)) {
			attrs[nattrs] = attr;
			alens[nattrs++] = alen;
		}
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
		if (attr_value(sc, tag, tlen, attr, alen, &v) == -1)
			return -1;
		note_attr(sc, tag, tlen, attr, alen, v, head);
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
	if (o->head >= 0)
		sc->info->heads[o->head].text =
		    text_of(sc->a, sc->s, o->from, at);
	if (is(tag, tlen, "title") && sc->info->title == NULL)
		sc->info->title = text_of(sc->a, sc->s, o->from, at);
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

const char *
xhtml_scan(struct arena *a, const char *s, size_t len, struct xhtml_info *info,
    size_t *off)
{
	struct scan sc = { 0 };
	size_t	    bad;
	int	    c;

	memset(info, 0, sizeof(*info));
	sc.a = a;
	sc.s = s;
	sc.len = len;
	sc.info = info;
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
			else
				(void)check_entity(&sc);
		} else if (c < 0x20 && !space(c)) {
			(void)fail(&sc, sc.p,
			    "a control character (byte 0x%02x) is not "
			    "allowed in XHTML; remove it",
			    (unsigned)c);
		} else if (sc.depth == 0 && !space(c)) {
			(void)fail(&sc, sc.p,
			    "text outside the page's root element");
		} else
			sc.p++;
	}
	if (sc.err == NULL && sc.depth > 0) {
		struct open *o = &sc.stack[sc.depth - 1];

		(void)fail(&sc, o->at, "<%.*s> is never closed; write </%.*s>",
		    (int)o->nlen, o->name, (int)o->nlen, o->name);
	}
	if (sc.err == NULL && !sc.root)
		(void)fail(&sc, 0, "the page has no root element");
	*off = sc.eoff;
	return sc.err;
}

const char *
xhtml_add_ids(struct arena *a, const char *s, size_t len,
    struct xhtml_info *info, int max, const char *prefix, size_t *outlen)
{
	struct buf  b = { 0 };
	size_t	    i, from = 0, n = 0;
	const char *out;

	for (i = 0; i < info->nheads; i++) {
		struct xhtml_heading *h = &info->heads[i];

		if (h->level > max || h->id != NULL)
			continue;
		h->id = arena_printf(a, "%s%zu", prefix, ++n);
		buf_put(&b, s + from, h->at - from);
		buf_printf(&b, " id=\"%s\"", h->id);
		from = h->at;
	}
	if (n == 0) {
		*outlen = len;
		return s;
	}
	buf_put(&b, s + from, len - from);
	out = arena_strndup(a, b.ptr, b.len);
	*outlen = b.len;
	buf_release(&b);
	return out;
}
