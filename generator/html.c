/* SPDX-License-Identifier: ISC */
/*
 * Escaping the apostrophe as well as the quote makes the output safe in
 * attributes quoted either way; numeric &#39; works in HTML and XHTML.
 */
#include <string.h>

#include "buf.h"
#include "html.h"

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
