/* SPDX-License-Identifier: ISC */
/*
 * A document as one reader sees it: for each field of its kind, the
 * variant meant for this reader (by their id, the reading age of this
 * version, or their role), Markdown fields made into safe HTML, and
 * nothing else.  Default deny: a field with no variant for this reader,
 * and any field the kind does not define, is left out, so no template
 * can show it.
 */
#ifndef VIEW_H
#define VIEW_H

struct arena;
struct doc;
struct value;

/*
 * The front matter of 'd' for the person 'reader' at reading age 'age'
 * (0 when the document has no read-at ages), in 'a'.
 */
struct value *view_doc(struct arena *a, const struct doc *d,
    const struct value *reader, long age);

#endif /* !VIEW_H */
