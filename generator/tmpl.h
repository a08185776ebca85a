/* SPDX-License-Identifier: ISC */
/*
 * The template engine: HTML with embedded Lua, compiled once per build
 * and run in a sandbox.  A template is text with four kinds of tag:
 *
 *	{{ expr }}	the value of expr as text, HTML-escaped
 *	{{{ expr }}}	HTML that kindly made safe (Markdown, include());
 *			anything else is an error
 *	{% code %}	Lua statements (if, for, local, assignments)
 *	{# note #}	a comment, left out of the output
 *
 * A {% %} or {# #} tag alone on its line takes the whole line with it.
 * Templates see only an allow-listed set of Lua functions, read-only
 * data, and the helpers listed in README.md; each render has a budget of
 * steps (Lua instructions, and the work done inside library functions),
 * a memory cap and a time limit.  This module is the only one that knows
 * Lua; no Lua type crosses its boundary.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

struct arena;
struct buf;
struct value;

struct tmpl_limits {
	size_t	      mem;   /* bytes of Lua heap one render may add */
	unsigned long steps; /* Lua VM instructions one render may run */
	unsigned long ms;    /* CPU time one render may take, milliseconds */
};

/*
 * Find template 'name' (for example "letter.html").  Returns its source
 * and sets '*len' and '*shown' (its path for messages, relative to the
 * site), or returns NULL if there is no such template.  The memory must
 * live as long as the engine.
 */
typedef const char *
tmpl_source_fn(void *ud, const char *name, size_t *len, const char **shown);

/* A new engine; free with tmpl_free().  Never returns NULL. */
struct tmpl *tmpl_new(const struct tmpl_limits *, tmpl_source_fn *, void *ud);
void	     tmpl_free(struct tmpl *);

/*
 * Told each template (what 't') and theme string (what 's') a render
 * uses, by name, every time it is used: what a page depends on.
 */
typedef void tmpl_track_fn(void *ud, int what, const char *name);
void	     tmpl_track(struct tmpl *, tmpl_track_fn *, void *ud);

/*
 * Make 'v' readable by every template as the global 'name', for the life
 * of the engine.  'v' is converted now and must outlive the engine.
 */
void tmpl_global(struct tmpl *, const char *name, const struct value *v);

/*
 * The theme's strings (a map), used by t(), kindly.date() and name().
 * Also made readable as the global 'strings'.
 */
void tmpl_strings(struct tmpl *, const struct value *strings);

/* The staff map (id -> person), used by name(); also the global 'staff'. */
void tmpl_staff(struct tmpl *, const struct value *staff);

/*
 * Render template 'name' with the globals plus each key of the map
 * 'vars' (doc, reader, people, ...).  If the template sets the global
 * 'layout', that template is rendered next with 'content' set to the
 * output so far.  Returns the page in 'a' and sets '*len'; returns NULL
 * after reporting a compiler-style error that names the template.
 */
char *tmpl_render(struct tmpl *, struct arena *a, const char *name,
    const struct value *vars, size_t *len);

/*
 * Translate template source to Lua source in 'out', keeping line numbers.
 * Returns -1 after reporting an unclosed tag.  Exposed for tests.
 */
int
tmpl_compile(const char *shown, const char *src, size_t len, struct buf *out);

#endif /* !TMPL_H */
