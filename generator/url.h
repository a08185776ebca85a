/* SPDX-License-Identifier: ISC */
/*
 * The one rule for every address kindly writes into an href or a src,
 * wherever it comes from (site.yaml, case.yaml, a document's Markdown,
 * a template): a web address starts with https:, http:, mailto: or tel:,
 * and nothing else.  javascript:, data:, file: and every other scheme
 * are refused, in any case, as are addresses with control characters,
 * spaces or '\', which browsers quietly remove or change (so that
 * "java<TAB>script:" would be javascript:).  E-book readers need not
 * honour a page's Content-Security-Policy, so the rule is the guard, not
 * the policy.  No I/O, no diagnostics: callers say where.
 */
#ifndef URL_H
#define URL_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum url_kind {
	URL_ADDRESS, /* a whole address, as in site.yaml's 'web:' */
	URL_LINK,    /* also a link within the site or the book: a relative
			path, or only a #fragment */
};

/*
 * NULL if the 'len' bytes of 'url' (decoded: no entities, no
 * %-escapes undone) may be written as an address of 'kind'; otherwise
 * why not and what to write instead, as a clause that follows the
 * address in a message: "which is not a web address; write one that
 * starts with https://".
 */
const char *url_check(const char *url, size_t len, enum url_kind kind);

/*
 * 'len' bytes of 's' as a message may quote them: control characters
 * as \t, \n, \r or \xNN, and no more than 100 characters (then "...").
 * In 'a'.
 */
const char *url_shown(struct arena *a, const char *s, size_t len);

/* An address in an attribute of a page a template made. */
struct url_ref {
	const char *url;  /* decoded: entities and character numbers read */
	size_t	    len;  /* its bytes (a NUL among them is refused) */
	size_t	    at;	  /* the byte of the page its attribute starts at */
	const char *attr; /* the attribute's name, for messages */
	bool	    load; /* fetched to show the page (src, <link href>), not
			     followed by the reader */
	bool	    odd;  /* holds a character reference kindly cannot read
			     ('&colon;'): refused, since a browser reads it */
};

/* True if 'url' starts with a scheme ("https:", "javascript:"). */
bool url_has_scheme(const char *url, size_t len);

#endif /* !URL_H */
