/* SPDX-License-Identifier: ISC */
/*
 * Layers are searched child first.  A theme in the site's folder shadows
 * a built-in theme of the same name, which is how a council changes the
 * default without copying all of it.  Files read from disk are kept in
 * the arena for the whole build, since templates are compiled lazily and
 * their sources are named in messages.
 */
#define DIAG_AREA "theme"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "data.h"
#include "diag.h"
#include "embed.h"
#include "fsio.h"
#include "kind.h"
#include "output.h"
#include "theme.h"
#include "util.h"
#include "value.h"

static bool
name_ok(const char *s)
{
	size_t i;

	if (*s == '\0')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
			s[i] == '_'))
			return false;
	return true;
}

/* Read file 'rel' of one layer; NULL if it has none. */
static const char *
layer_file(struct theme *th, const struct theme_layer *l, const char *rel,
    size_t *len, const char **shown)
{
	const struct embed_file *f;
	const char		*path;

	*shown = arena_printf(th->arena, "%s/%s", l->shown, rel);
	if (l->dir != NULL) {
		path = arena_printf(th->arena, "%s/%s", l->dir, rel);
		if (fsio_type(path) == FSIO_NONE)
			return NULL;
		/* A link or a folder is reported, not passed over. */
		return fsio_read(th->arena, path, *shown, len);
	}
	if ((f = embed_find(*shown)) == NULL)
		return NULL;
	*len = f->len;
	return f->data;
}

const char *
theme_file(struct theme *th, const char *rel, size_t *len, const char **shown)
{
	const char *s;
	size_t	    i;

	if (!util_path_ok(rel))
		return NULL;
	for (i = 0; i < th->n; i++)
		if ((s = layer_file(th, &th->layers[i], rel, len, shown)) !=
		    NULL)
			return s;
	return NULL;
}

/*
 * The themes built into kindly, "default" first, then by name; sets
 * '*n'.
 */
static const char **
built_in_names(struct arena *a, size_t *n)
{
	const char **names = arena_alloc(a, (embed_count + 1) * sizeof(*names));
	const char  *p, *end;
	size_t	     i, k;

	*n = 0;
	for (i = 0; i < embed_count; i++) {
		p = embed_files[i].path;
		if (strncmp(p, "themes/", 7) != 0 ||
		    (end = strchr(p + 7, '/')) == NULL)
			continue;
		p = arena_strndup(a, p + 7, (size_t)(end - p - 7));
		for (k = 0; k < *n && strcmp(names[k], p) != 0; k++)
			;
		if (k == *n)
			names[(*n)++] = p;
	}
	return names;
}

/* "there is no theme 'x'", with the ones kindly has. */
static int
no_theme(struct arena *a, const struct value *at, const char *name)
{
	size_t	     n, i;
	const char **names = built_in_names(a, &n);
	const char  *near = util_closest(name, names, n);
	struct buf   b = { 0 };
	int	     rc;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s",
		    i == 0	     ? ""
			: i + 1 == n ? " and "
				     : ", ",
		    names[i]);
	if (near != NULL)
		rc = diag_error(&at->pos,
		    "there is no theme '%s' (did you mean '%s'?)", name, near);
	else
		rc = diag_error(&at->pos,
		    "there is no theme '%s'; kindly has %s, and a site can "
		    "add its own in themes/%s/",
		    name, b.ptr, name);
	buf_release(&b);
	return rc;
}

/* True if kindly has a theme 'name' built in. */
static bool
built_in(struct theme *th, const char *name)
{
	const char *probe = arena_printf(th->arena, "themes/%s/", name);
	size_t	    i;

	for (i = 0; i < embed_count; i++)
		if (strncmp(embed_files[i].path, probe, strlen(probe)) == 0)
			return true;
	return false;
}

/*
 * Find theme 'name' on disk in the site, or built in.  Returns -1 if
 * there is none, -2 after reporting a theme folder that is a link or
 * holds one where its parts go: each is said once, not for every file
 * looked for in it.
 */
static int
find_layer(struct theme *th, const char *site, const char *name,
    struct theme_layer *l)
{
	static const char *const parts[] = { "", "/theme.yaml", "/templates",
		"/strings", "/static" };
	const char		*dir, *path;
	size_t			 i;
	int			 rc = 0;

	dir = arena_printf(th->arena, "%s/themes/%s", site, name);
	l->name = name;
	l->shown = arena_printf(th->arena, "themes/%s", name);
	l->dir = NULL;
	if (fsio_type(dir) == FSIO_NONE)
		return built_in(th, name) ? 0 : -1;
	for (i = 0; i < LEN(parts) && rc == 0; i++) {
		path = arena_printf(th->arena, "%s%s", dir, parts[i]);
		if (fsio_type(path) == FSIO_LINK)
			rc = fsio_link_error(path,
			    arena_printf(th->arena, "%s%s", l->shown,
				parts[i]));
	}
	if (rc == 0 && fsio_is_dir(dir))
		l->dir = dir;
	else if (rc == 0 && !built_in(th, name))
		return -1;
	return rc == 0 ? 0 : -2;
}

/* Merge map 'add' over map 'base' into a new map. */
static struct value *
merge(struct arena *a, const struct value *base, const struct value *add)
{
	struct value *m = value_new(a, VALUE_MAP, &add->pos);
	size_t	      i, j;

	for (i = 0; i < value_count(base); i++)
		value_set(a, m, value_key(base, i)->str, value_at(base, i));
	for (i = 0; i < value_count(add); i++) {
		const char *k = value_key(add, i)->str;

		if ((j = value_find(m, k)) != SIZE_MAX)
			m->items[2 * j + 1] = value_at(add, i);
		else
			value_set(a, m, k, value_at(add, i));
	}
	return m;
}

/* Check that list 'key' of the strings, if given, has 'n' texts. */
static int
check_list(const struct value *strings, const char *key, size_t n)
{
	const struct value *v = value_get(strings, key);
	size_t		    i;

	if (v == NULL)
		return 0;
	if (v->type == VALUE_SEQ && v->n == n) {
		for (i = 0; i < n; i++)
			if (value_str(v->items[i]) == NULL)
				break;
		if (i == n)
			return 0;
	}
	return diag_error(&v->pos, "'%s' should be a list of %zu names", key,
	    n);
}

/*
 * The strings of one layer: each is text, or a map from a reader's role
 * (or 'default', for every other reader) to text; months and weekdays
 * are lists, checked once the layers are merged.  A string of another
 * shape would reach a page as "the theme has no string", far from the
 * line that is wrong.
 */
static int
check_strings(struct arena *a, const struct value *strings)
{
	static const char *const lists[] = { "months", "weekdays" };
	const struct value	*k, *v, *rk;
	const char		*near;
	size_t			 i, j;
	int			 rc = 0;

	for (i = 0; i < value_count(strings); i++) {
		k = value_key(strings, i);
		v = value_at(strings, i);
		if (strcmp(k->str, lists[0]) == 0 ||
		    strcmp(k->str, lists[1]) == 0 || v->type == VALUE_STRING)
			continue;
		if (v->type != VALUE_MAP || value_count(v) == 0) {
			rc = diag_error(&v->pos,
			    "'%s' should be text, or a map from a reader's "
			    "role "
			    "(or 'default') to text, not %s",
			    k->str, value_type_name(v));
			continue;
		}
		for (j = 0; j < value_count(v); j++) {
			rk = value_key(v, j);
			if (!kind_is_role(rk->str) &&
			    strcmp(rk->str, "default") != 0) {
				near = value_closest(rk->str, kind_roles,
				    kind_nroles);
				rc = diag_error(&rk->pos,
				    "'%s' is not a role or 'default' (write "
				    "one of %s or default)%s%s%s",
				    rk->str,
				    arena_join(a, kind_roles, kind_nroles, ", ",
					", "),
				    near ? "; did you mean '" : "",
				    near ? near : "", near ? "'?" : "");
			} else if (value_at(v, j)->type != VALUE_STRING)
				rc = diag_error(&value_at(v, j)->pos,
				    "the '%s' words of '%s' should be text, "
				    "not "
				    "%s",
				    rk->str, k->str,
				    value_type_name(value_at(v, j)));
		}
	}
	return rc;
}

static int
load_strings(struct theme *th, const char *lang, const struct value *lang_at)
{
	const char   *rel = arena_printf(th->arena, "strings/%s.yaml", lang);
	const char   *src, *shown;
	struct value *v, *strings = value_new(th->arena, VALUE_MAP, NULL);
	size_t	      len, i = th->n;
	bool	      found = false;
	struct srcpos pos;

	while (i-- > 0) { /* parent first, child overrides */
		src = layer_file(th, &th->layers[i], rel, &len, &shown);
		if (src == NULL)
			continue;
		found = true;
		if ((v = data_load(th->arena, shown, 1, src, len)) == NULL)
			return -1;
		if (v->type == VALUE_NULL)
			continue;
		if (value_expect(v, VALUE_MAP, shown) == -1 ||
		    check_strings(th->arena, v) == -1)
			return -1;
		strings = merge(th->arena, strings, v);
	}
	if (!found) {
		pos = (struct srcpos){ th->layers[0].shown, 0, 0 };
		if (lang_at != NULL)
			pos = lang_at->pos;
		return diag_error(&pos,
		    "theme '%s' has no words for language '%s' (make a theme "
		    "of your own that extends it and give it strings/%s.yaml, "
		    "or write 'language: en-GB')",
		    th->layers[0].name, lang, lang);
	}
	th->strings = strings;
	if (check_list(strings, "months", 12) == -1 ||
	    check_list(strings, "weekdays", 7) == -1)
		return -1;
	return 0;
}

/*
 * Each layer's "stylesheets:", parent first: the files a page links to,
 * in the order they cascade.  Each must be a static file of the theme.
 */
static int
load_stylesheets(struct theme *th)
{
	const char   *rel, *sh;
	struct value *list, *css, *seen;
	size_t	      i = th->n, k, dummy;
	int	      rc = 0;

	th->stylesheets = value_new(th->arena, VALUE_SEQ, NULL);
	seen = value_new(th->arena, VALUE_MAP, NULL);
	while (i-- > 0) {
		if ((list = value_get(th->layers[i].meta, "stylesheets")) ==
		    NULL)
			continue;
		if (value_expect(list, VALUE_SEQ, "stylesheets") == -1) {
			rc = -1;
			continue;
		}
		for (k = 0; k < list->n; k++) {
			css = list->items[k];
			if (value_expect(css, VALUE_STRING, "a stylesheet") ==
			    -1) {
				rc = -1;
				continue;
			}
			rel = arena_printf(th->arena, "static/%s", css->str);
			if (!util_path_ok(css->str) ||
			    theme_file(th, rel, &dummy, &sh) == NULL) {
				rc = diag_error(&css->pos,
				    "stylesheet '%s' is not in the static/ "
				    "folder of this theme or one it extends "
				    "(add static/%s, or take it off the list)",
				    css->str, css->str);
				continue;
			}
			if (value_get(seen, css->str) != NULL)
				continue; /* named already: it cascades once */
			value_add(th->arena, seen, css, css);
			value_push(th->arena, th->stylesheets, css);
		}
	}
	return rc;
}

/* Put the layers of 'base' under the 'th->n' layers loaded so far. */
static int
put_on(struct theme *th, const struct theme *base, const struct value *at)
{
	size_t i;

	if (th->n + base->n > THEME_MAX_DEPTH)
		return diag_error(&at->pos,
		    "themes extend each other more than %d deep",
		    THEME_MAX_DEPTH);
	for (i = 0; i < base->n; i++)
		th->layers[th->n++] = base->layers[i];
	return 0;
}

bool
theme_has(const struct theme *th, const char *name)
{
	size_t i;

	for (i = 0; i < th->n; i++)
		if (strcmp(th->layers[i].name, name) == 0)
			return true;
	return false;
}

int
theme_load(struct theme *th, struct arena *a, const char *site,
    const char *name, const struct value *pos_of_name, const char *lang,
    const struct value *lang_at, const struct theme *base)
{
	struct theme_layer *l;
	const char	   *src, *shown;
	struct value	   *meta, *ext;
	size_t		    len, i;
	int		    rc;
	bool builtin_only = false; /* a site theme extends its namesake */

	memset(th, 0, sizeof(*th));
	th->arena = a;
	for (;;) {
		if (th->n == THEME_MAX_DEPTH)
			return diag_error(&pos_of_name->pos,
			    "themes extend each other more than %d deep",
			    THEME_MAX_DEPTH);
		if (!name_ok(name))
			return diag_error(&pos_of_name->pos,
			    "theme name '%s' should use only a-z, 0-9, '-' "
			    "and '_'",
			    name);
		l = &th->layers[th->n];
		if (builtin_only) {
			if (!built_in(th, name))
				return diag_error(&pos_of_name->pos,
				    "theme '%s' extends itself", name);
			l->name = name;
			l->shown = arena_printf(a, "themes/%s", name);
			l->dir = NULL;
		} else if ((rc = find_layer(th, site, name, l)) < 0)
			return rc == -1 ? no_theme(a, pos_of_name, name) : -1;
		for (i = 0; i < th->n; i++)
			if (strcmp(th->layers[i].name, name) == 0 &&
			    (th->layers[i].dir == NULL) == (l->dir == NULL))
				return diag_error(&pos_of_name->pos,
				    "theme '%s' extends itself", name);
		/* The built-in default under a need: the site's theme. */
		if (base != NULL && l->dir == NULL &&
		    strcmp(name, "default") == 0) {
			if (put_on(th, base, pos_of_name) == -1)
				return -1;
			break;
		}
		th->n++;
		l->meta = NULL;
		if ((src = layer_file(th, l, "theme.yaml", &len, &shown)) ==
		    NULL)
			break;
		if ((meta = data_load(a, shown, 1, src, len)) == NULL)
			return -1;
		l->meta = meta;
		if ((ext = value_get(meta, "extends")) == NULL)
			break;
		if (value_expect(ext, VALUE_STRING, "extends") == -1)
			return -1;
		builtin_only = strcmp(ext->str, name) == 0;
		if (builtin_only && l->dir == NULL)
			return diag_error(&ext->pos,
			    "theme '%s' extends itself", name);
		name = ext->str;
		pos_of_name = ext;
	}
	if (load_stylesheets(th) == -1)
		return -1;
	return load_strings(th, lang, lang_at);
}

/* True if a layer above 'layer' has static file 'rel', which then wins. */
static bool
shadowed(struct theme *th, size_t layer, const char *rel)
{
	const char *path, *shown;
	size_t	    i, len;

	path = arena_printf(th->arena, "static/%s", rel);
	for (i = 0; i < layer; i++) {
		if (th->layers[i].dir == NULL) {
			if (layer_file(th, &th->layers[i], path, &len,
				&shown) != NULL)
				return true;
		} else if (fsio_type(arena_printf(th->arena, "%s/%s",
			       th->layers[i].dir, path)) != FSIO_NONE)
			return true; /* even a link: it is reported, not passed */
	}
	return false;
}

/*
 * Add static files under 'dir' (disk) to the output, as TO/REL.  A file
 * that cannot be read (a link, say) is reported and left out, an error
 * in the site.  Returns -1 only if the output cannot be written.
 */
static int
copy_disk(struct theme *th, struct output *out, size_t layer, const char *dir,
    const char *shown, const char *to, const char *rel)
{
	struct arena scratch = { 0 };
	char	   **names;
	size_t	     n, i, len;
	const char  *path, *sh, *r, *data;
	int	     rc = 0;

	if ((names = fsio_list(th->arena, dir, shown, &n)) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		path = arena_printf(th->arena, "%s/%s", dir, names[i]);
		sh = arena_printf(th->arena, "%s/%s", shown, names[i]);
		r = arena_printf(th->arena, "%s%s%s", rel, *rel ? "/" : "",
		    names[i]);
		if (fsio_is_dir(path)) {
			if (copy_disk(th, out, layer, path, sh, to, r) == -1)
				rc = -1;
			continue;
		}
		if (shadowed(th, layer, r))
			continue;
		/* fsio refuses a link, a pipe, a device, a huge file. */
		if ((data = fsio_read(&scratch, path, sh, &len)) != NULL &&
		    output_write(out, arena_printf(th->arena, "%s%s", to, r),
			data, len) == -1)
			rc = -1;
		arena_release(&scratch);
	}
	return rc;
}

int
theme_assets(struct theme *th, struct output *out, const char *to)
{
	size_t	    i = th->n, k, plen;
	const char *prefix, *dir;
	int	    rc = 0;

	while (i-- > 0) { /* parent first, so a child's file wins */
		struct theme_layer *l = &th->layers[i];

		if (l->dir != NULL) {
			dir = arena_printf(th->arena, "%s/static", l->dir);
			if (fsio_is_dir(dir) && /* a link: said at its load */
			    copy_disk(th, out, i, dir,
				arena_printf(th->arena, "%s/static", l->shown),
				to, "") == -1)
				rc = -1;
			continue;
		}
		prefix = arena_printf(th->arena, "%s/static/", l->shown);
		plen = strlen(prefix);
		for (k = 0; k < embed_count; k++) {
			if (strncmp(embed_files[k].path, prefix, plen) != 0 ||
			    shadowed(th, i, embed_files[k].path + plen))
				continue;
			if (output_write(out,
				arena_printf(th->arena, "%s%s", to,
				    embed_files[k].path + plen),
				embed_files[k].data, embed_files[k].len) == -1)
				rc = -1;
		}
	}
	return rc;
}
