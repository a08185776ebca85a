/* SPDX-License-Identifier: ISC */
/*
 * The professional record of a document: everything its source holds,
 * for the practitioner, with every reader's version, every 'for:' and
 * every redaction labelled.  It is the one view that is not default
 * deny, so it is only ever written by 'kindly build --record' into an
 * output of its own (output.c refuses the family's pages).
 *
 * Each field of the kind becomes a node for the record template:
 *
 *	label	 the field's name
 *	type	 "text", "html", "date", "who", "value", "list" or "map"
 *	text	 text, date, who (ids), value: the source text
 *	html	 Markdown made safe
 *	versions a list of {key, kind ("reader", "role", "age", "record"),
 *		 text or html, redacted}
 *	items	 list: a node per item; fields: map: a node per field
 *	for	 the readers a section or item is for (a list of keys)
 *	redacted why it is left out for every family reader
 */
#ifndef RECORD_H
#define RECORD_H

struct arena;
struct doc;
struct value;

/* The nodes of every field 'd' gives, in the kind's order, in 'a'. */
struct value *record_fields(struct arena *a, const struct doc *d);

#endif /* !RECORD_H */
