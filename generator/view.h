/* SPDX-License-Identifier: ISC */
/*
 * A document as one reader sees it: for each field of its kind, the
 * variant meant for this reader (by their id, the reading age of this
 * version, or their role), Markdown fields made into safe HTML, and
 * nothing else.  Default deny: a field with no variant for this reader,
 * and any field the kind does not define, is left out, so no template
 * can show it.  Redacted text is left out for everyone and logged.
 */
#ifndef VIEW_H
#define VIEW_H

#include <stdbool.h>

struct arena;
struct buf;
struct doc;
struct value;

/*
 * Who is reading: the person 'reader' at reading age 'age' (0 when the
 * document has no read-at ages).  Text marked redacted is left out for
 * every reader; when 'log' is not NULL, a line is added to it for each
 * piece left out (document, reader, line, field, why, what), separated
 * by tabs.  With 'raw', Markdown fields stay as their source text, for
 * checks that read what a reader will see.
 */
struct view_for {
	const struct value *reader;
	long		    age;
	bool		    raw;
	struct buf	   *log;
};

/* The front matter of 'd' as 'vf' sees it, in 'a'. */
struct value *
view_doc(struct arena *a, const struct doc *d, const struct view_for *vf);

/*
 * True unless 'text' is a map of versions with none for 'vf' (its id,
 * age or role).  One text, or redacted text, counts as having one.
 */
bool view_has_version(const struct view_for *vf, const struct value *text);

/*
 * Which of the body's parts (d->scope) are for 'vf': an array of
 * d->scope.n flags in 'a'.  A redacted part is for no one.
 */
bool *
view_parts(struct arena *a, const struct doc *d, const struct view_for *vf);

#endif /* !VIEW_H */
