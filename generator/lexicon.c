/* SPDX-License-Identifier: ISC */
/*
 * The lexicon is a value tree from data.c made into flat arrays once.
 * A form can only match where the text's word is its first word ("core"
 * for "core group"), in any case, so forms are chained by their first
 * word in a hash table: a search looks up each word of the text once,
 * and tries only the forms that start with it.
 */
#define DIAG_AREA "lexicon"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "data.h"
#include "diag.h"
#include "embed.h"
#include "lexicon.h"
#include "util.h"
#include "value.h"

static const char *const entry_keys[] = { "match", "child", "adult", "explain",
	"explain-child", "case", "for", "keep" };

/* The text of 'key' in term 'e'; 'old' when it is not there and 'old'
   is not NULL (a site changing a built-in term). */
static const char *
need_str(const struct value *e, const char *key, const char *old, int *rc)
{
	const struct value *v = value_get(e, key);

	if (v != NULL && v->type == VALUE_STRING && v->len > 0)
		return v->str;
	if (v == NULL && old != NULL)
		return old;
	*rc = diag_error(v != NULL ? &v->pos : &e->pos,
	    "this term needs '%s:', a line of plain words", key);
	return "";
}

/* The bytes of the first word of 's' ('len' bytes): its leading
   letters and digits. */
static size_t
first_word(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && util_alnum((unsigned char)s[n]))
		n++;
	return n;
}

/* The slot of the chain of forms whose first word is 'n' bytes of 's'
   in any case, or the empty slot where it would go (FNV-1a hashing). */
static size_t
find_slot(const struct lexicon *lx, const char *s, size_t n)
{
	const struct lex_form *f;
	uint32_t	       h = 2166136261u;
	size_t		       i, mask = lx->nslots - 1;

	for (i = 0; i < n; i++)
		h = (h ^ (uint32_t)util_tolower((unsigned char)s[i])) *
		    16777619u;
	for (i = h & mask; lx->slots[i] != 0; i = (i + 1) & mask) {
		f = &lx->forms[lx->slots[i] - 1];
		if (f->word == n && strncasecmp(f->text, s, n) == 0)
			break;
	}
	return i;
}

/* Double the hash table (at least 64 slots), keeping the chains. */
static void
grow_slots(struct lexicon *lx, struct arena *a)
{
	struct lexicon old = *lx;
	size_t	       i;

	lx->nslots = old.nslots == 0 ? 64 : 2 * old.nslots;
	lx->slots = arena_alloc(a, lx->nslots * sizeof(*lx->slots));
	for (i = 0; i < old.nslots; i++)
		if (old.slots[i] != 0) {
			const struct lex_form *f = &lx->forms[old.slots[i] - 1];

			lx->slots[find_slot(lx, f->text, f->word)] =
			    old.slots[i];
		}
}

/* Add form 'text' of term 't' at the end of its chain. */
static void
add_form(struct lexicon *lx, struct arena *a, const struct lex_term *t,
    const char *text)
{
	struct lex_form *f;
	size_t		 slot, k;

	if (2 * (lx->nchains + 1) > lx->nslots)
		grow_slots(lx, a);
	lx->forms = arena_grow(a, lx->forms, lx->nforms, &lx->capforms,
	    sizeof(*lx->forms));
	f = &lx->forms[lx->nforms++];
	f->text = text;
	f->len = strlen(text);
	f->word = first_word(text, f->len);
	f->term = t;
	f->next = 0;
	slot = find_slot(lx, text, f->word);
	if (lx->slots[slot] == 0) {
		lx->slots[slot] = lx->nforms;
		lx->nchains++;
		return;
	}
	for (k = lx->slots[slot]; lx->forms[k - 1].next != 0;
	     k = lx->forms[k - 1].next)
		;
	lx->forms[k - 1].next = lx->nforms;
}

/*
 * Is 'form' already a form of another term, or are there too many forms
 * that start with its first word?  Then report it.
 */
static int
check_form(const struct lexicon *lx, const struct value *v)
{
	const struct lex_form *f;
	size_t		       k, word = first_word(v->str, v->len), n = 0;

	if (lx->nslots == 0)
		return 0;
	k = lx->slots[find_slot(lx, v->str, word)];
	for (; k != 0; k = f->next, n++) {
		f = &lx->forms[k - 1];
		if (strcmp(f->text, v->str) == 0)
			return diag_error(&v->pos,
			    "'%s' is already a form of '%s'; a form belongs "
			    "to one term",
			    v->str, f->term->id);
	}
	if (n >= LEX_MAX_SAME_WORD)
		return diag_error(&v->pos,
		    "a lexicon can have at most %d forms that start with "
		    "'%.*s', and this is one more (kindly tries each of them "
		    "wherever the word is written)",
		    LEX_MAX_SAME_WORD, (int)word, v->str);
	return 0;
}

/* The term with id 'id', or NULL. */
static struct lex_term *
by_id(const struct lexicon *lx, const char *id)
{
	size_t i = value_find(lx->ids, id);

	return i == SIZE_MAX ? NULL : &lx->terms[i];
}

/*
 * Load term 'e' with id 'key': a new one at the end of lx->terms, or
 * 't' (a term already there) changed and given more forms.
 */
static int
load_term(struct lexicon *lx, struct arena *a, const struct value *key,
    const struct value *e, struct lex_term *t)
{
	const struct value *m, *v;
	const char	  **forms;
	size_t		    i, k;
	int		    rc = 0;
	bool		    known = t != NULL;

	if (!util_id_ok(key->str, key->len))
		rc = diag_error(&key->pos,
		    "'%s' should be an id: a-z, 0-9 and '-'", key->str);
	if (e->type != VALUE_MAP)
		return diag_error(&e->pos,
		    "term '%s' should be a map of 'match:', 'child:', "
		    "'adult:' and 'explain:', not %s (write each on a line "
		    "of its own under '%s:', indented)",
		    key->str, value_type_name(e), key->str);
	for (i = 0; i < value_count(e); i++) {
		for (k = 0; k < LEN(entry_keys); k++)
			if (strcmp(value_key(e, i)->str, entry_keys[k]) == 0)
				break;
		if (k == LEN(entry_keys))
			rc = diag_error(&value_key(e, i)->pos,
			    "a term has only match, child, adult, explain, "
			    "explain-child, case, for and keep, not '%s'",
			    value_key(e, i)->str);
	}
	if (!known) {
		t = &lx->terms[lx->n];
		memset(t, 0, sizeof(*t));
		t->id = key->str;
	}
	t->child = need_str(e, "child", known ? t->child : NULL, &rc);
	t->adult = need_str(e, "adult", known ? t->adult : NULL, &rc);
	t->explain = need_str(e, "explain", known ? t->explain : NULL, &rc);
	if (value_get(e, "explain-child") != NULL)
		t->explain_child = need_str(e, "explain-child", NULL, &rc);
	if ((v = value_get(e, "case")) != NULL) {
		if (value_str(v) == NULL || strcmp(v->str, "exact") != 0)
			rc = diag_error(&v->pos, "'case' can only be 'exact'");
		t->exact = true;
	}
	if ((v = value_get(e, "for")) != NULL) {
		if (value_str(v) == NULL || strcmp(v->str, "child") != 0)
			rc = diag_error(&v->pos, "'for' can only be 'child'");
		t->child_only = true;
	}
	if ((v = value_get(e, "keep")) != NULL &&
	    value_bool(v, "keep", &t->keep) == -1)
		rc = -1;
	m = value_get(e, "match");
	if (known && m == NULL)
		return rc;
	if (m == NULL || m->type != VALUE_SEQ || m->n == 0)
		return diag_error(m != NULL ? &m->pos : &e->pos,
		    "this term needs 'match:', a list of the forms to find");
	forms = arena_alloc(a, (t->nforms + m->n) * sizeof(*forms));
	if (t->nforms > 0)
		memcpy(forms, t->forms, t->nforms * sizeof(*forms));
	t->forms = forms;
	for (i = 0; i < m->n; i++) {
		v = m->items[i];
		if (v->type != VALUE_STRING || v->len == 0 ||
		    !util_alnum((unsigned char)v->str[0])) {
			rc = diag_error(&v->pos,
			    "each form in 'match' should be words that start "
			    "with a letter or digit, not %s",
			    v->type == VALUE_STRING
				? arena_printf(a, "'%s'", v->str)
				: value_type_name(v));
			continue;
		}
		if (check_form(lx, v) == -1) {
			rc = -1;
			continue;
		}
		forms[t->nforms++] = v->str;
		add_form(lx, a, t, v->str);
	}
	if (!known) {
		value_add(a, lx->ids, (struct value *)key,
		    (struct value *)key); /* pair lx->n: terms[lx->n] */
		lx->n++;
	}
	return rc;
}

/* The term that has id or form 's' (in any case), or NULL. */
static struct lex_term *
by_name(const struct lexicon *lx, const char *s)
{
	struct lex_term	      *t = by_id(lx, s);
	const struct lex_form *f;
	size_t		       k;

	if (t != NULL || lx->nslots == 0)
		return t;
	k = lx->slots[find_slot(lx, s, first_word(s, strlen(s)))];
	for (; k != 0; k = f->next) {
		f = &lx->forms[k - 1];
		if (strcasecmp(f->text, s) == 0)
			return &lx->terms[f->term - lx->terms];
	}
	return NULL;
}

/*
 * Load the terms of 'root' (a map with 'terms:' and, in a site's
 * lexicon, 'allow:') into 'lx', which may hold terms already.
 */
static int
load_all(struct lexicon *lx, struct arena *a, const struct value *root,
    bool site)
{
	const struct value *terms = value_get(root, "terms"), *allow, *v;
	struct lex_term	   *old = lx->terms, *t;
	size_t		    i;
	int		    rc = 0;

	if (value_expect(root, VALUE_MAP, "a lexicon") == -1)
		return -1;
	if (lx->ids == NULL)
		lx->ids = value_new(a, VALUE_MAP, NULL);
	for (i = 0; i < value_count(root); i++) {
		v = value_key(root, i);
		if (strcmp(v->str, "terms") != 0 &&
		    (!site || strcmp(v->str, "allow") != 0))
			rc = diag_error(&v->pos,
			    "a lexicon has only %s, not '%s'",
			    site ? "'terms' and 'allow'" : "'terms'", v->str);
	}
	if (terms == NULL && !site)
		return diag_error(&root->pos, "a lexicon needs 'terms:'");
	if (terms != NULL && value_expect(terms, VALUE_MAP, "terms") == -1)
		return -1;
	/* Room for the new terms; forms point at terms, so move them. */
	lx->terms = arena_alloc(a,
	    (lx->n + value_count(terms) + 1) * sizeof(*lx->terms));
	if (lx->n > 0)
		memcpy(lx->terms, old, lx->n * sizeof(*lx->terms));
	for (i = 0; i < lx->nforms; i++)
		lx->forms[i].term = lx->terms + (lx->forms[i].term - old);
	for (i = 0; i < value_count(terms); i++)
		if (load_term(lx, a, value_key(terms, i), value_at(terms, i),
			by_id(lx, value_key(terms, i)->str)) == -1)
			rc = -1;
	allow = value_get(root, "allow");
	if (allow == NULL || value_expect(allow, VALUE_SEQ, "allow") == -1)
		return allow == NULL ? rc : -1;
	for (i = 0; i < allow->n; i++) {
		v = allow->items[i];
		if (v->type != VALUE_STRING)
			rc = diag_error(&v->pos,
			    "each item of 'allow' should be a term's id or one "
			    "of its forms, not %s",
			    value_type_name(v));
		else if ((t = by_name(lx, v->str)) == NULL)
			rc = diag_error(&v->pos,
			    "'%s' is not a term in the lexicon (write a "
			    "term's id or one of its forms)",
			    v->str);
		else
			t->allowed = true;
	}
	return rc;
}

int
lexicon_load(struct lexicon *lx, struct arena *a, const char *shown,
    const char *buf, size_t len)
{
	struct value *root;

	memset(lx, 0, sizeof(*lx));
	if ((root = data_load(a, shown, 1, buf, len)) == NULL)
		return -1;
	return load_all(lx, a, root, false);
}

int
lexicon_merge(struct lexicon *lx, struct arena *a, const char *shown,
    const char *buf, size_t len)
{
	struct value *root;

	if ((root = data_load(a, shown, 1, buf, len)) == NULL)
		return -1;
	if (root->type == VALUE_NULL)
		return 0;
	return load_all(lx, a, root, true);
}

int
lexicon_builtin(struct lexicon *lx, struct arena *a, const char *language)
{
	const char *path =
	    arena_printf(a, "generator/lexicon/%s.yaml", language);
	const struct embed_file *e = embed_find(path);

	if (e == NULL)
		return -1;
	return lexicon_load(lx, a, path + strlen("generator/"), e->data,
	    e->len);
}

/* Bytes of 's' that 'form' matches at its start, or 0. */
static size_t
match_at(const struct lex_form *f, const char *s, size_t len)
{
	size_t i = 0, k;

	for (k = 0; k < f->len; k++) {
		char c = f->text[k];

		if (c == ' ') {
			if (i >= len || !util_space((unsigned char)s[i]))
				return 0;
			while (i < len && util_space((unsigned char)s[i]))
				i++;
			continue;
		}
		if (c == '\'' && len - i >= 3 &&
		    memcmp(s + i, "\xe2\x80\x99", 3) == 0) {
			i += 3; /* a typographic apostrophe */
			continue;
		}
		if (i >= len ||
		    (f->term->exact ? s[i] != c
				    : util_tolower((unsigned char)s[i]) !=
				util_tolower((unsigned char)c)))
			return 0;
		i++;
	}
	if (i < len && util_alnum((unsigned char)s[i]) &&
	    util_alnum((unsigned char)f->text[f->len - 1]))
		return 0; /* "core groups" is not "core group" + "s" */
	return i;
}

const struct lex_term *
lexicon_find(const struct lexicon *lx, const char *s, size_t len, size_t *off,
    size_t *mlen)
{
	const struct lex_term *best;
	const struct lex_form *f;
	size_t		       i = 0, word, k, n, bestlen;

	while (lx->nslots > 0 && i < len) {
		/* Every form starts with a letter or digit and matches
		   whole words: only a word's start can start one. */
		if (!util_alnum((unsigned char)s[i])) {
			i++;
			continue;
		}
		word = first_word(s + i, len - i);
		best = NULL;
		bestlen = 0;
		k = lx->slots[find_slot(lx, s + i, word)];
		for (; k != 0; k = f->next) {
			f = &lx->forms[k - 1];
			if ((n = match_at(f, s + i, len - i)) > bestlen) {
				best = f->term;
				bestlen = n;
			}
		}
		if (best != NULL) {
			*off = i;
			*mlen = bestlen;
			return best;
		}
		i += word;
	}
	return NULL;
}
