/* SPDX-License-Identifier: ISC */
/*
 * cmark parses, we walk the tree once to check images and links and find
 * the top heading level, and cmark renders in its default safe mode: raw
 * HTML becomes a comment (a link cmark would drop was refused already).  cmark's memory
 * comes from a region emptied after each document (see region_take());
 * the HTML is copied into the caller's arena first.
 */
#define DIAG_AREA "document"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "arena.h"
#include "buf.h"
#include "content.h"
#include "diag.h"
#include "url.h"
#include "util.h"

/*
 * cmark makes and frees some 370 small blocks for a letter.  They come
 * from one region here instead, emptied when the document is done, so
 * there is no malloc() and free() for each and no cmark_node_free()
 * walk.  A block's size sits just before it so that realloc() can copy
 * it; the newest block grows in place, as cmark's buffers do.  The
 * region keeps one chunk between documents, the size the last one
 * needed, unless that was more than REGION_KEEP.
 */
#define REGION_ALIGN 16
#define REGION_FIRST ((size_t)64 * 1024)
#define REGION_KEEP  ((size_t)4 * 1024 * 1024)

struct chunk {
	struct chunk *prev;
	size_t	      cap;
	size_t	      used;
	size_t	      pad; /* makes the header 32 bytes: blocks stay aligned */
};

static struct {
	struct chunk *top;   /* the chunk being filled */
	char	     *last;  /* the newest block, or NULL */
	size_t	      total; /* the chunks' sizes, for the next document */
	size_t	      taken; /* bytes the last document took, headers too */
} region;

static size_t
round_up(size_t n)
{
	if (n > SIZE_MAX - 2 * REGION_ALIGN)
		oom();
	return (n + REGION_ALIGN - 1) & ~(size_t)(REGION_ALIGN - 1);
}

static char *
chunk_room(struct chunk *c)
{
	return (char *)(c + 1) + c->used;
}

static void *
region_take(size_t n)
{
	struct chunk *c = region.top;
	size_t	      need = REGION_ALIGN + round_up(n), cap;
	char	     *p;

	if (c == NULL || c->cap - c->used < need) {
		cap = c == NULL ? REGION_FIRST : c->cap * 2;
		while (cap < need)
			cap *= 2;
		c = xmalloc(sizeof(*c) + cap);
		c->prev = region.top;
		c->cap = cap;
		c->used = 0;
		region.top = c;
		region.total += cap;
	}
	p = chunk_room(c) + REGION_ALIGN;
	memcpy(p - sizeof(size_t), &n, sizeof(n));
	c->used += need;
	region.last = p;
	return p;
}

static size_t
block_size(const void *p)
{
	size_t n;

	memcpy(&n, (const char *)p - sizeof(size_t), sizeof(n));
	return n;
}

static void *
region_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = region_take(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
region_realloc(void *p, size_t n)
{
	struct chunk *c = region.top;
	size_t	      old;
	void	     *q;

	if (p == NULL)
		return region_take(n);
	old = block_size(p);
	if (n <= old)
		return p; /* it keeps its size: the bytes are there */
	if (p == region.last) {
		/* The newest block grows where it is if there is room. */
		size_t more = round_up(n) - round_up(old);

		if (c->cap - c->used >= more) {
			c->used += more;
			memcpy((char *)p - sizeof(size_t), &n, sizeof(n));
			return p;
		}
	}
	q = region_take(n);
	memcpy(q, p, old);
	return q;
}

static void
region_free(void *p)
{
	(void)p; /* all at once, in region_empty() */
}

/* Let go of every block; keep one chunk big enough for the next. */
static void
region_empty(void)
{
	struct chunk *c, *prev;
	size_t	      total = region.total;

	region.taken = 0;
	for (c = region.top; c != NULL; c = c->prev)
		region.taken += sizeof(*c) + c->used;
	if (region.top != NULL && region.top->prev == NULL &&
	    total <= REGION_KEEP) {
		region.top->used = 0;
		region.last = NULL;
		return;
	}
	for (c = region.top; c != NULL; c = prev) {
		prev = c->prev;
		free(c);
	}
	region.top = NULL;
	region.last = NULL;
	region.total = 0;
	if (total <= REGION_KEEP) {
		region.top = xmalloc(sizeof(*region.top) + total);
		region.top->prev = NULL;
		region.top->cap = total;
		region.top->used = 0;
		region.total = total;
	}
}

static cmark_mem region_mem = { region_calloc, region_realloc, region_free };

/* Parse-time and render-time options are separate bit sets in cmark. */
#define MD_PARSE  (CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8)
#define MD_RENDER (CMARK_OPT_DEFAULT) /* never CMARK_OPT_UNSAFE */

static bool
is_fence(const char *p, size_t n, const char *fence)
{
	while (n > 3 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--; /* trailing blanks are harmless */
	return n == 3 && memcmp(p, fence, 3) == 0;
}

bool
content_split(const char *buf, size_t len, const char **yaml, size_t *ylen,
    const char **body, size_t *blen, unsigned *bline)
{
	const char *end = buf + len, *p, *next, *start;
	size_t	    n;
	unsigned    line = 2;

	*yaml = NULL;
	*ylen = 0;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		buf += 3; /* a byte order mark, as some editors write */
	*body = buf;
	*blen = (size_t)(end - buf);
	*bline = 1;
	n = util_line(buf, end, &next);
	if (!is_fence(buf, n, "---"))
		return true;
	start = next;
	for (p = next; p < end; p = next, line++) {
		n = util_line(p, end, &next);
		if (is_fence(p, n, "---") || is_fence(p, n, "...")) {
			*yaml = start;
			*ylen = (size_t)(p - start);
			*body = next;
			*blen = (size_t)(end - next);
			*bline = line + 1;
			return true;
		}
	}
	return false;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode 'url' into 'a'; NULL if it has a bad escape or a NUL. */
static char *
decode(struct arena *a, const char *url)
{
	size_t len = strlen(url), i, j = 0;
	char  *out = arena_alloc(a, len + 1);
	int    hi, lo;

	for (i = 0; i < len; i++) {
		if (url[i] != '%') {
			out[j++] = url[i];
			continue;
		}
		if (len - i < 3)
			return NULL;
		hi = hexval(url[i + 1]);
		lo = hexval(url[i + 2]);
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
			return NULL;
		out[j++] = (char)(hi * 16 + lo);
		i += 2;
	}
	return out;
}

/* True if 'url' names something outside the case folder. */
static bool
is_remote(const char *url)
{
	size_t n = strcspn(url, ":/?#");

	return url[n] == ':' || (url[0] == '/' && url[1] == '/');
}

/* True if the image has some alternative text (its child text nodes). */
static bool
has_alt(cmark_node *img)
{
	cmark_node *c;
	const char *lit;

	for (c = cmark_node_first_child(img); c != NULL;
	     c = cmark_node_next(c)) {
		if (cmark_node_first_child(c) != NULL && has_alt(c))
			return true;
		lit = cmark_node_get_literal(c);
		if (lit != NULL && lit[strspn(lit, " \t\r\n")] != '\0')
			return true;
	}
	return false;
}

/*
 * Where 'n' starts in the file.  cmark does not place every inline node,
 * so fall back to the nearest placed ancestor.
 */
static struct srcpos
node_pos(const struct content_opts *o, cmark_node *n)
{
	struct srcpos pos = { o->file, 0, 0 };

	while (n != NULL && cmark_node_get_start_line(n) <= 0)
		n = cmark_node_parent(n);
	if (n != NULL) {
		pos.line =
		    o->line0 + (unsigned)cmark_node_get_start_line(n) - 1;
		pos.col = (unsigned)cmark_node_get_start_column(n);
	}
	return pos;
}

static int
check_image(struct arena *a, const struct content_opts *o, cmark_node *n)
{
	const char   *url = cmark_node_get_url(n), *href;
	char	     *path;
	struct srcpos pos = node_pos(o, n);

	if (o->image == NULL)
		return -1; /* the caller says why */
	if (url == NULL || *url == '\0')
		return diag_error(&pos,
		    "this image has no file (write ![what it "
		    "shows](file.png))");
	if (is_remote(url))
		return diag_error(&pos,
		    "image '%s' is not in the case folder (kindly pages never "
		    "load anything from elsewhere; save the picture beside "
		    "the document and write its file name)",
		    url);
	if (!has_alt(n))
		return diag_error(&pos,
		    "image '%s' has no text alternative (say what it shows "
		    "between the brackets: ![a drawing of a house](%s))",
		    url, url);
	if ((path = decode(a, url)) == NULL)
		return diag_error(&pos, "image '%s' has a broken %%-escape",
		    url);
	if ((href = o->image(o->ud, path, url, &pos)) == NULL)
		return -1;
	cmark_node_set_url(n, href); /* the picture's name in the output */
	return 0;
}

/*
 * A picture written with a space in its file name, ![what](my drawing.png),
 * is words to Markdown, not a picture: the page would show it as typed.
 * Look for one in the run of text that starts at 'n', and say how to
 * write it.  Returns -1 after reporting.
 */
static int
spaced_picture(const struct content_opts *o, cmark_node *n)
{
	struct buf    run = { 0 };
	cmark_node   *c;
	const char   *s = cmark_node_get_literal(n), *mid, *end;
	struct srcpos pos;
	int	      rc = 0;

	if (o->image == NULL || s == NULL || strstr(s, "![") == NULL)
		return 0;
	for (c = n; c != NULL && cmark_node_get_type(c) == CMARK_NODE_TEXT &&
	     run.len < 4096;
	     c = cmark_node_next(c))
		if ((s = cmark_node_get_literal(c)) != NULL)
			buf_puts(&run, s);
	s = strstr(buf_str(&run), "![");
	if ((mid = strstr(s + 2, "](")) != NULL && mid[2] != '<' &&
	    (end = strchr(mid + 2, ')')) != NULL &&
	    memchr(mid + 2, ' ', (size_t)(end - mid - 2)) != NULL) {
		pos = node_pos(o, n);
		rc = diag_error(&pos,
		    "this picture's file name has a space, so the page would "
		    "show it as words (write the name between < and >: "
		    "![%.*s](<%.*s>))",
		    (int)(mid - s - 2), s + 2, (int)(end - mid - 2), mid + 2);
	}
	buf_release(&run);
	return rc;
}

/*
 * True if link 'n' is an autolink (<https://...>): its one text is its
 * address, or the address without "mailto:".
 */
static bool
is_autolink(cmark_node *n, const char *url)
{
	cmark_node *c = cmark_node_first_child(n);
	const char *text = c != NULL ? cmark_node_get_literal(c) : NULL;

	return text != NULL && cmark_node_next(c) == NULL &&
	    (strcmp(text, url) == 0 ||
		(strncmp(url, "mailto:", 7) == 0 &&
		    strcmp(text, url + 7) == 0));
}

/*
 * A link must go where url.h allows: cmark's safe mode would only drop
 * some addresses (javascript:, but not data:image/png or an unknown
 * scheme), and silently.  Reported at the link, or said in '*why'.
 */
static int
check_link(struct arena *a, const struct content_opts *o, cmark_node *n,
    const char **why)
{
	const char   *url = cmark_node_get_url(n), *bad, *shown;
	struct srcpos pos;

	if (url == NULL ||
	    (bad = url_check(url, strlen(url), URL_LINK)) == NULL)
		return 0;
	shown = url_shown(a, url, strlen(url));
	if (why != NULL) {
		*why = arena_printf(a, "a link to '%s', %s", shown, bad);
		return -1;
	}
	pos = node_pos(o, n);
	/* cmark counts an autolink's column from the paragraph's start,
	 * not its line's: then only the line is said. */
	if (is_autolink(n, url))
		pos.col = 0;
	return diag_error(&pos, "the link goes to '%s', %s", shown, bad);
}

/*
 * Check every image and link and note the smallest heading level.
 * Returns the number of errors reported (or said in '*why').
 */
static int
walk(struct arena *a, const struct content_opts *o, cmark_node *doc, int *top,
    const char **why)
{
	cmark_iter	*it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node	*n;
	int		 errors = 0, level, warned = 0;
	struct srcpos	 pos;

	*top = 7;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_IMAGE:
			if (check_image(a, o, n) == -1)
				errors++;
			break;
		case CMARK_NODE_TEXT:
			if (spaced_picture(o, n) == -1)
				errors++;
			break;
		case CMARK_NODE_LINK:
			if (check_link(a, o, n, why) == -1)
				errors++;
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			if (o->quiet || warned++ > 0)
				break; /* once is enough */
			pos = node_pos(o, n);
			diag_warning(&pos, "html",
			    "HTML is left out of pages (write it in Markdown: "
			    "**bold**, *emphasis*, [link](address))");
			break;
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(n);
			if (level < *top)
				*top = level;
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
	return errors;
}

/* Move every heading down one level (h1 -> h2), h6 staying h6. */
static void
demote(cmark_node *doc)
{
	cmark_iter	*it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node	*n;
	int		 level;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		level = cmark_node_get_heading_level(n);
		if (level < 6)
			cmark_node_set_heading_level(n, level + 1);
	}
	cmark_iter_free(it);
}

static char *
render(struct arena *a, const struct content_opts *o, const char *md,
    size_t len, const char **why)
{
	cmark_parser *p = cmark_parser_new_with_mem(MD_PARSE, &region_mem);
	cmark_node   *doc;
	char	     *out = NULL;
	int	      top;

	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	if (walk(a, o, doc, &top, why) == 0) {
		if (top == 1)
			demote(doc);
		/* In the region, like the tree: copied out before it goes. */
		out = arena_strdup(a, cmark_render_html(doc, MD_RENDER));
	}
	region_empty(); /* the parser, the tree and the HTML */
	return out;
}

char *
content_markdown(struct arena *a, const struct content_opts *o, const char *md,
    size_t len)
{
	return render(a, o, md, len, NULL);
}

char *
content_markdown_why(struct arena *a, const struct content_opts *o,
    const char *md, size_t len, const char **why)
{
	*why = NULL;
	return render(a, o, md, len, why);
}

size_t
content_markdown_taken(void)
{
	return region.taken;
}
