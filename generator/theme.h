/* SPDX-License-Identifier: ISC */
/*
 * A theme: templates, static assets and the words of the page frame
 * (strings/<language>.yaml), looked up first in the site's own themes/
 * folder, then among the themes built into kindly.  A theme may extend
 * another (theme.yaml: "extends: default"); a file it lacks comes from
 * the theme it extends.  No I/O beyond reading theme files.
 */
#ifndef THEME_H
#define THEME_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct output;
struct value;

enum { THEME_MAX_DEPTH = 16 }; /* how many themes one may stack */

struct theme_layer {
	const char *name; /* the theme's name */
	const char *dir;  /* on disk: "SITE/themes/NAME", or NULL if built in */
	const char *shown;	  /* "themes/NAME", as messages show it */
	const struct value *meta; /* its theme.yaml, or NULL if it has none */
};

struct theme {
	struct arena	  *arena;
	struct theme_layer layers[THEME_MAX_DEPTH]; /* [0] is the chosen one */
	size_t		   n;			    /* layers in use */
	struct value	  *strings;		    /* merged strings (a map) */
	struct value	  *stylesheets; /* static files to link, parent first */
};

/*
 * Load theme 'name' (named at 'pos_of_name' in site.yaml) for 'site' and
 * its strings for language 'lang' (named at 'lang_at', or NULL for the
 * default).  With a 'base', the theme goes on top of that one instead of
 * the built-in default: this is how a reader's needs ("large-print")
 * change a council's own theme without losing it.  Everything lives in
 * 'a'.  Returns -1 after reporting.
 */
int theme_load(struct theme *, struct arena *a, const char *site,
    const char *name, const struct value *pos_of_name, const char *lang,
    const struct value *lang_at, const struct theme *base);

/* True if a layer of the theme is called 'name'. */
bool theme_has(const struct theme *, const char *name);

/*
 * The contents of file 'rel' (for example "templates/letter.html") from
 * the nearest layer that has it; sets '*len' and '*shown'.  Returns NULL
 * if no layer has it, or 'rel' is not a safe relative path.
 */
const char *
theme_file(struct theme *, const char *rel, size_t *len, const char **shown);

/*
 * Copy every static/ file of every layer to 'dir' ("assets/") in 'out'.
 * A file that cannot be read (a link, a pipe) is reported and left out,
 * an error in the site.  Returns -1 if the output cannot be written.
 */
int theme_assets(struct theme *, struct output *out, const char *dir);

#endif /* !THEME_H */
