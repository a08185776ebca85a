/* SPDX-License-Identifier: ISC */
/*
 * HTML escaping.  Text and attribute values are escaped the same way (the
 * five characters & < > " '), so one function serves both; it is what
 * makes {{ }} in templates safe.
 */
#ifndef HTML_H
#define HTML_H

#include <stddef.h>

struct buf;

/* The entity for byte 'c', or NULL if it needs no escaping. */
const char *html_entity(int c);

/* Append 'len' bytes of 's' to 'b', escaped. */
void html_escape(struct buf *b, const char *s, size_t len);

#endif /* !HTML_H */
