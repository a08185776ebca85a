/* SPDX-License-Identifier: ISC */
/*
 * The rule is an allow-list, read the way a browser reads an address,
 * but stricter: a scheme is whatever comes before the first ':' that has
 * no '/', '?' or '#' before it, whatever characters it holds, so that
 * "%6Aavascript:" or "j&#97;vascript:" (once decoded) are not let
 * through as paths.  Browsers drop tabs and newlines anywhere in an
 * address and spaces and controls at its ends, and read '\' as '/':
 * those are refused outright rather than cleaned, since no one means
 * them.
 */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "url.h"
#include "util.h"

/* The schemes a reader may follow; compared in any case. */
static const char *const allowed[] = { "https", "http", "mailto", "tel" };

/*
 * The scheme at the start of 'url' as a browser finds it (spaces and
 * controls before it skipped, tabs and newlines in it dropped), in
 * 'out' (up to 'size' - 1 bytes of it, NUL-terminated).  Returns its
 * length, or 0 if there is none.
 */
static size_t
scheme(const char *url, size_t len, char *out, size_t size)
{
	size_t i = 0, n = 0;

	while (i < len && (unsigned char)url[i] <= ' ')
		i++;
	for (; i < len; i++) {
		char c = url[i];

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '/' || c == '\\' || c == '?' || c == '#')
			break;
		if (c == ':') {
			out[n < size ? n : size - 1] = '\0';
			return n;
		}
		if (n < size - 1)
			out[n] = (char)util_tolower((unsigned char)c);
		n++;
	}
	return 0;
}

bool
url_has_scheme(const char *url, size_t len)
{
	char s[16];

	return scheme(url, len, s, sizeof(s)) > 0;
}

static bool
allowed_scheme(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < LEN(allowed); i++)
		if (strlen(allowed[i]) == n && strcmp(s, allowed[i]) == 0)
			return true;
	return false;
}

const char *
url_check(const char *url, size_t len, enum url_kind kind)
{
	char   s[16];
	size_t i, n = scheme(url, len, s, sizeof(s));

	if (n > 0 && !allowed_scheme(s, n))
		return "which is not a web address; write one that starts "
		       "with https://";
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[i];

		if (c < 0x20 || c == 0x7f)
			return "which has a control character in it (browsers "
			       "skip some, so it may hide another address); "
			       "take it out";
		if (c == ' ' && (i == 0 || i == len - 1))
			return "which has a space at the start or the end; "
			       "take it out";
		if (c == ' ')
			return "which has a space in it; an address has "
			       "none (write %20 for a space)";
		if (c == '\\')
			return "which has a '\\' in it; write '/' instead";
	}
	if (n == 0) {
		if (len >= 2 && url[0] == '/' && url[1] == '/')
			return "which leaves out how to reach it; write it in "
			       "full, starting with https://";
		if (kind == URL_ADDRESS)
			return len == 0 ? "which is empty; write the whole "
					  "address, starting with https://"
					: "which is not a whole web address; "
					  "write it with https:// at the "
					  "start";
		return NULL; /* a path in the site or book, or a #fragment */
	}
	if (s[0] == 'h' &&
	    (len < n + 4 || url[n + 1] != '/' || url[n + 2] != '/' ||
		url[n + 3] == '/'))
		return "which is not a whole web address; write https:// "
		       "and then the name of the site";
	return NULL;
}

const char *
url_shown(struct arena *a, const char *s, size_t len)
{
	struct buf  b = { 0 };
	size_t	    i, n = 0;
	const char *out;

	for (i = 0; i < len && n < 100; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			buf_puts(&b, "\\t");
		else if (c == '\n')
			buf_puts(&b, "\\n");
		else if (c == '\r')
			buf_puts(&b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(&b, "\\x%02x", c);
		else
			buf_putc(&b, c);
		n += (c & 0xc0) != 0x80; /* characters, not bytes */
	}
	while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
		buf_putc(&b, s[i++]); /* finish the character */
	if (i < len)
		buf_puts(&b, "...");
	out = arena_strndup(a, buf_str(&b), b.len);
	buf_release(&b);
	return out;
}
