/* SPDX-License-Identifier: ISC */
/*
 * Escaping the apostrophe as well as the quote makes the output safe in
 * attributes quoted either way; numeric &#39; works in HTML and XHTML.
 *
 * html_refs() follows the HTML tokenizer only as far as finding
 * addresses needs (and reads url() in style attributes and elements): a tag's name, then attributes split by spaces or
 * '/', each with a value in quotes or none.  It reads a character
 * reference in a value as browsers do, with or without its ';', but
 * of the named ones only the five kindly writes: any other (&colon;,
 * &Tab;) marks the address odd, since it could hide a scheme.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "html.h"
#include "url.h"
#include "util.h"

const char *
html_entity(int c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

void
html_escape(struct buf *b, const char *s, size_t len)
{
	size_t	    i, start = 0;
	const char *ent;

	for (i = 0; i < len; i++) {
		if ((ent = html_entity((unsigned char)s[i])) == NULL)
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, ent);
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
}

/* 'n' bytes at 's' are 'want', in any case. */
static bool
same(const char *s, size_t n, const char *want)
{
	size_t i;

	if (strlen(want) != n)
		return false;
	for (i = 0; i < n; i++)
		if (util_tolower((unsigned char)s[i]) != want[i])
			return false;
	return true;
}

const char *
html_local(const char *name, size_t *len)
{
	size_t i = *len;

	while (i > 0 && name[i - 1] != ':')
		i--;
	*len -= i;
	return name + i;
}

#define NAME(s) s, sizeof(s) - 1

enum html_url
html_url_attr(const char *tag, size_t tlen, const char *attr, size_t alen)
{
	static const struct {
		const char   *name;
		size_t	      len;
		enum html_url how;
	} names[] = {
		{ NAME("href"), HTML_URL_LINK }, /* a load unless <a>, <area> */
		{ NAME("src"), HTML_URL_LOAD },
		{ NAME("srcset"), HTML_URL_SET },
		{ NAME("action"), HTML_URL_LINK },
		{ NAME("formaction"), HTML_URL_LINK },
		{ NAME("cite"), HTML_URL_LINK },
		{ NAME("longdesc"), HTML_URL_LINK },
		{ NAME("ping"), HTML_URL_LINK },
		{ NAME("profile"), HTML_URL_LINK },
		{ NAME("poster"), HTML_URL_LOAD },
		{ NAME("background"), HTML_URL_LOAD },
		{ NAME("lowsrc"), HTML_URL_LOAD },
		{ NAME("dynsrc"), HTML_URL_LOAD },
		{ NAME("manifest"), HTML_URL_LOAD },
		{ NAME("icon"), HTML_URL_LOAD },
		{ NAME("codebase"), HTML_URL_LOAD },
		{ NAME("archive"), HTML_URL_LOAD },
		{ NAME("data"), HTML_URL_LOAD }, /* only of <object> */
		{ NAME("imagesrcset"), HTML_URL_SET },
	};
	size_t i;

	if (alen == 8 && same(attr, alen, "xml:base"))
		return HTML_URL_LOAD; /* what relative addresses go from */
	attr = html_local(attr, &alen);
	for (i = 0; i < LEN(names); i++)
		if (names[i].len == alen && same(attr, alen, names[i].name))
			break;
	if (i == LEN(names))
		return HTML_URL_NONE;
	tag = html_local(tag, &tlen);
	if (i == 0 && (same(tag, tlen, "a") || same(tag, tlen, "area")))
		return HTML_URL_LINK;
	if (i == 0)
		return HTML_URL_LOAD;
	if (names[i].len == 4 && same(attr, alen, "data") &&
	    !same(tag, tlen, "object"))
		return HTML_URL_NONE;
	return names[i].how;
}

static void
add_ref(struct arena *a, struct url_ref **refs, size_t *n, size_t *cap,
    const struct url_ref *r)
{
	*refs = arena_grow(a, *refs, *n, cap, sizeof(**refs));
	(*refs)[(*n)++] = *r;
}

void
html_add_refs(struct arena *a, struct url_ref **refs, size_t *n, size_t *cap,
    const char *tag, size_t tlen, const char *attr, size_t alen, const char *v,
    size_t vlen, size_t at)
{
	enum html_url  how = html_url_attr(tag, tlen, attr, alen);
	struct url_ref r = { v, vlen, at, arena_strndup(a, attr, alen),
		how != HTML_URL_LINK, false };
	size_t	       i = 0, k;

	if (how == HTML_URL_NONE)
		return;
	if (how != HTML_URL_SET) {
		add_ref(a, refs, n, cap, &r);
		return;
	}
	/* "a.png 1x, b.png 2x": each file, up to its space. */
	while (i < vlen) {
		while (i < vlen &&
		    (util_space((unsigned char)v[i]) || v[i] == ','))
			i++;
		for (k = i; k < vlen && !util_space((unsigned char)v[k]) &&
		     v[k] != ',';
		     k++)
			;
		if (k > i) {
			r.url = arena_strndup(a, v + i, k - i);
			r.len = k - i;
			add_ref(a, refs, n, cap, &r);
		}
		for (i = k; i < vlen && v[i] != ','; i++)
			;
	}
}

void
html_css_refs(struct arena *a, struct url_ref **refs, size_t *n, size_t *cap,
    const char *css, size_t len, size_t at, bool inside)
{
	static const char *const marks[] = { "url(", "@import" };
	struct url_ref		 r = { NULL, 0, at, "style", true, false };
	const char		*e;
	size_t			 i = 0, k, m, ml = 0;

	while (i < len) {
		if (css[i] == '/' && i + 1 < len && css[i + 1] == '*') {
			e = util_memstr(css + i + 2, len - i - 2, "*/");
			i = e == NULL ? len : (size_t)(e - css) + 2;
			continue;
		}
		for (m = 0; m < LEN(marks); m++)
			if (len - i >= (ml = strlen(marks[m])) &&
			    same(css + i, ml, marks[m]))
				break;
		if (m == LEN(marks)) {
			i++;
			continue;
		}
		for (i += ml; i < len && css[i] != '\0' &&
		     strchr(" \t\n\r\f\"'", css[i]) != NULL;
		     i++)
			;
		for (k = i; k < len && css[k] != '\0' &&
		     strchr("\"') \t\n\r\f;", css[k]) == NULL;
		     k++)
			;
		/* @import url(...): the url( is read next. */
		if (k - i >= 4 && same(css + i, 4, "url("))
			continue;
		if (k > i) {
			r.url = arena_strndup(a, css + i, k - i);
			r.len = k - i;
			r.at = inside ? at + i : at;
			add_ref(a, refs, n, cap, &r);
		}
		i = k;
	}
}

void
html_put_char(struct buf *b, unsigned long c)
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
 * The character reference at 's' ('&', 'max' bytes left) as a browser
 * reads it in an attribute: its length and character, or 0 if the '&'
 * stands for itself.  '*odd' is set for a named one kindly does not read.
 */
static size_t
char_ref(const char *s, size_t max, unsigned long *c, bool *odd)
{
	static const struct {
		const char *name;
		char	    c;
	} named[] = { { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' },
		{ "quot;", '"' }, { "apos;", '\'' } };
	size_t i = 1, n, digits;
	int    base = 10, d;

	for (n = 0; n < LEN(named); n++)
		if (max > strlen(named[n].name) &&
		    memcmp(s + 1, named[n].name, strlen(named[n].name)) == 0) {
			*c = (unsigned char)named[n].c;
			return strlen(named[n].name) + 1;
		}
	if (max > 1 && util_alpha((unsigned char)s[1])) {
		for (n = 1; n < max && util_alnum((unsigned char)s[n]); n++)
			;
		*odd |= n < max && s[n] == ';';
		return 0;
	}
	if (max < 3 || s[1] != '#')
		return 0;
	i = 2;
	if (s[2] == 'x' || s[2] == 'X') {
		base = 16;
		i++;
	}
	*c = 0;
	for (digits = 0; i < max; i++, digits++) {
		d = util_digit((unsigned char)s[i]) ? s[i] - '0'
		    : base == 16 && util_alpha((unsigned char)s[i]) &&
			util_tolower((unsigned char)s[i]) <= 'f'
		    ? util_tolower((unsigned char)s[i]) - 'a' + 10
		    : -1;
		if (d < 0)
			break;
		if (*c <= 0x10ffff)
			*c = *c * (unsigned long)base + (unsigned long)d;
	}
	if (digits == 0)
		return 0;
	if (*c == 0 || *c > 0x10ffff || (*c >= 0xd800 && *c <= 0xdfff))
		*c = 0xfffd;
	return i < max && s[i] == ';' ? i + 1 : i;
}

/* The value 'v' ('len' bytes) with its character references read. */
static const char *
decode(struct arena *a, const char *v, size_t len, size_t *outlen, bool *odd)
{
	struct buf    b = { 0 };
	size_t	      i = 0, n;
	unsigned long c;
	const char   *out;

	while (i < len)
		if (v[i] == '&' &&
		    (n = char_ref(v + i, len - i, &c, odd)) > 0) {
			html_put_char(&b, c);
			i += n;
		} else
			buf_putc(&b, v[i++]);
	*outlen = b.len;
	out = arena_strndup(a, buf_str(&b), b.len);
	buf_release(&b);
	return out;
}

static bool
tag_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Past the end of the element 'name' whose text is not markup. */
static size_t
raw_text_end(const char *s, size_t len, size_t p, const char *name)
{
	size_t n = strlen(name);

	for (; p + 2 + n <= len; p++)
		if (s[p] == '<' && s[p + 1] == '/' && same(s + p + 2, n, name))
			return p;
	return len;
}

/*
 * The start tag at 's[p]' ('<' and a letter): its address attributes
 * added to 'refs'.  Returns the byte after it.
 */
static size_t
start_tag(struct arena *a, const char *s, size_t len, size_t p,
    struct url_ref **refs, size_t *n, size_t *cap)
{
	static const char *const raw[] = { "script", "style", "textarea",
		"title", "xmp", "iframe", "noembed", "noframes" };
	const char		*tag = s + p + 1, *attr, *v;
	size_t			 tlen, alen, vlen, at, i, dlen;
	bool			 odd, style;

	for (tlen = 0; p + 1 + tlen < len && !tag_space(tag[tlen]) &&
	     tag[tlen] != '/' && tag[tlen] != '>';
	     tlen++)
		;
	p += 1 + tlen;
	for (;;) {
		while (p < len && (tag_space(s[p]) || s[p] == '/'))
			p++;
		if (p >= len)
			return len;
		if (s[p] == '>')
			break;
		at = p;
		attr = s + p;
		for (alen = 1; p + alen < len && !tag_space(attr[alen]) &&
		     attr[alen] != '/' && attr[alen] != '>' &&
		     attr[alen] != '=';
		     alen++)
			;
		p += alen;
		while (p < len && tag_space(s[p]))
			p++;
		if (p >= len || s[p] != '=')
			continue; /* no value */
		p++;
		while (p < len && tag_space(s[p]))
			p++;
		if (p < len && (s[p] == '"' || s[p] == '\'')) {
			const char *q = memchr(s + p + 1, s[p], len - p - 1);

			v = s + p + 1;
			vlen = q == NULL ? len - p - 1 : (size_t)(q - v);
			p += vlen + 2;
		} else {
			v = s + p;
			for (vlen = 0; p + vlen < len && !tag_space(v[vlen]) &&
			     v[vlen] != '>';
			     vlen++)
				;
			p += vlen;
		}
		style = same(attr, alen, "style");
		if (!style &&
		    html_url_attr(tag, tlen, attr, alen) == HTML_URL_NONE)
			continue;
		odd = false;
		v = decode(a, v, vlen, &dlen, &odd);
		i = *n;
		if (style)
			html_css_refs(a, refs, n, cap, v, dlen, at, false);
		else
			html_add_refs(a, refs, n, cap, tag, tlen, attr, alen, v,
			    dlen, at);
		for (; i < *n; i++)
			(*refs)[i].odd = odd;
	}
	p++;
	for (i = 0; i < LEN(raw); i++)
		if (same(tag, tlen, raw[i])) {
			size_t end = raw_text_end(s, len, p, raw[i]);

			if (same(tag, tlen, "style"))
				html_css_refs(a, refs, n, cap, s + p, end - p,
				    p, true);
			return end;
		}
	return same(tag, tlen, "plaintext") ? len : p;
}

/* Past the comment whose text starts at 's[p]', as browsers end one. */
static size_t
comment_end(const char *s, size_t len, size_t p)
{
	const char *e;

	if (p < len && s[p] == '>')
		return p + 1; /* <!--> */
	if (p + 1 < len && s[p] == '-' && s[p + 1] == '>')
		return p + 2; /* <!---> */
	while ((e = util_memstr(s + p, len - p, "--")) != NULL) {
		p = (size_t)(e - s) + 2;
		if (p < len && s[p] == '>')
			return p + 1;
		if (p + 1 < len && s[p] == '!' && s[p + 1] == '>')
			return p + 2;
		p--;
	}
	return len;
}

struct url_ref *
html_refs(struct arena *a, const char *s, size_t len, size_t *n)
{
	struct url_ref *refs = NULL;
	size_t		p = 0, cap = 0;
	const char     *lt, *e;

	*n = 0;
	while (p < len && (lt = memchr(s + p, '<', len - p)) != NULL) {
		p = (size_t)(lt - s);
		if (len - p >= 4 && memcmp(lt, "<!--", 4) == 0)
			p = comment_end(s, len, p + 4);
		else if (len - p >= 2 &&
		    (lt[1] == '!' || lt[1] == '?' || lt[1] == '/')) {
			e = memchr(lt, '>', len - p);
			p = e == NULL ? len : (size_t)(e - s) + 1;
		} else if (len - p >= 2 && util_alpha((unsigned char)lt[1]))
			p = start_tag(a, s, len, p, &refs, n, &cap);
		else
			p++;
		if (p >= len)
			break;
	}
	return refs;
}
