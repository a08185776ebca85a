/* SPDX-License-Identifier: ISC */
/*
 * Markdown is read through a copy with its marks blanked out ("**",
 * link addresses, tags), so that every byte stays where it was and a
 * warning can point at the source.  Every check is a scan of words;
 * the readability figures come from read.c.
 */
#define DIAG_AREA "plain"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "lexicon.h"
#include "plain.h"
#include "site.h"
#include "util.h"
#include "value.h"

enum {
	MIN_WORDS = 20, /* a section shorter than this is not graded */
	MAX_AGE = 12,	/* plain English is for everyone: no higher */
	QUOTE = 120,	/* characters of a sentence quoted */
};

/* Reading ages by role, when case.yaml gives none. */
static const struct {
	const char *role;
	long	    age;
} role_ages[] = {
	{ "child", 8 },
	{ "young-person", 12 },
	{ "parent", 11 },
	{ "carer", 11 },
	{ "family", 11 },
	{ "other", 11 },
};

/* "to be", and words that may stand between it and a participle. */
static const char *const be_words[] = { "am", "is", "are", "was", "were", "be",
	"been", "being", "isn't", "aren't", "wasn't", "weren't" };
static const char *const between[] = { "not", "never", "also", "just", "often",
	"always", "still", "already", "then", "being" };
/* Past participles that do not end in "-ed". */
static const char *const irregular[] = { "taken", "given", "seen", "told",
	"made", "kept", "sent", "shown", "known", "found", "brought", "held",
	"written", "heard", "paid", "chosen", "caught", "built", "sold",
	"thought", "bought", "taught", "hurt", "hit", "put", "left", "meant",
	"done", "said", "beaten", "broken", "driven", "forgotten", "hidden",
	"spoken", "stolen", "torn", "thrown", "woken", "won" };
/* "-ed" words that after "to be" say how someone is, not what was done
   to them: "I was scared", "you are allowed". */
static const char *const adjectives[] = { "scared", "worried", "tired",
	"interested", "excited", "pleased", "married", "supposed", "used",
	"bored", "frightened", "upset", "involved", "concerned", "surprised",
	"confused", "embarrassed", "annoyed", "disappointed", "ashamed",
	"allowed", "called", "named", "based", "closed", "finished", "relieved",
	"settled", "delighted", "amazed", "prepared", "ready", "determined",
	"committed", "engaged", "shocked", "stressed", "overwhelmed",
	"qualified", "retired", "separated", "divorced", "related", "welcomed",
	"loved", "cared", "registered", "isolated", "adopted", "addicted",
	"fostered", "hurt", "left", "done" };

/* The first letters of the words of 'list', as bits (a is 1): a word
   whose first letter is not among them is not in it. */
static uint32_t
first_letters(const char *const *list, size_t nlist)
{
	uint32_t bits = 0;
	size_t	 i;

	for (i = 0; i < nlist; i++)
		if (util_alpha((unsigned char)list[i][0]))
			bits |= 1u
			    << (util_tolower((unsigned char)list[i][0]) - 'a');
	return bits;
}

static bool
may_be_in(uint32_t bits, char c)
{
	return util_alpha((unsigned char)c) &&
	    (bits >> (util_tolower((unsigned char)c) - 'a') & 1) != 0;
}

double
plain_target(long age)
{
	return age < 6 ? 1.0 : (double)(age - 5);
}

void
plain_reader(struct plain_reader *r, struct arena *a, const struct doc *d,
    const struct value *person, long age, const struct value *defaults)
{
	const char *role = value_str(value_get(person, "role"));
	const char *ra = value_str(value_get(person, "reading-age"));
	const char *born = value_str(value_get(person, "born"));
	const char *name = value_str(value_get(person, "known-as"));
	const char *v;
	struct date b;
	size_t	    i;
	long	    cap = MAX_AGE;

	memset(r, 0, sizeof(*r));
	r->id = value_str(value_get(person, "id"));
	if (name == NULL) {
		name = value_str(value_get(person, "name"));
		if (name == NULL)
			name = r->id;
		name = arena_strndup(a, name, strcspn(name, " "));
	}
	r->name = name;
	r->child = role != NULL && strcmp(role, "child") == 0;
	r->prefers = value_get(person, "prefers");
	v = value_str(value_get(person, "pronouns"));
	r->they = v != NULL && strncmp(v, "he/", 3) == 0 ? "he does"
	    : v != NULL && strncmp(v, "she/", 4) == 0	 ? "she does"
							 : "they do";
	if (role != NULL && (v = value_str(value_get(defaults, role))) != NULL)
		cap = strtol(v, NULL, 10);
	if (age > 0) {
		r->age = age < MAX_AGE ? age : MAX_AGE;
		r->why = age < MAX_AGE ? "the age this version is read at"
				       : "the age this version is read at, "
					 "at most 12";
	} else if (ra != NULL) {
		r->age = strtol(ra, NULL, 10);
		r->why = "reading-age in case.yaml";
	} else if (born != NULL && d->date_ok && role != NULL &&
	    (r->child || strcmp(role, "young-person") == 0) &&
	    date_parse(born, strlen(born), &b) == DATE_OK) {
		r->age = date_age(&b, &d->date);
		r->age = r->age < cap ? r->age : cap;
		r->why = "their age";
	} else if (role != NULL && value_get(defaults, role) != NULL) {
		r->age = cap;
		r->why = "site.yaml's reading-age for their role";
	} else {
		r->age = cap;
		for (i = 0; role != NULL && i < LEN(role_ages); i++)
			if (strcmp(role, role_ages[i].role) == 0)
				r->age = role_ages[i].age;
		r->why = "the default for their role";
	}
	r->target = plain_target(r->age);
	r->limit = r->age <= 9 ? 15 : r->age <= 10 ? 20 : 25;
}

/* 'n' bytes of 's' on one line, to quote in a message (until the next
   quote). */
static const char *
quote(struct plain *p, const char *s, size_t n)
{
	buf_reset(&p->q);
	buf_one_line(&p->q, s, n, QUOTE);
	return buf_str(&p->q);
}

/*
 * True the first time this warning is given for the document.  Readers
 * who share a text share its warnings, unless the warning depends on
 * who they are: their own name or words, their target, their sentence
 * limit, or which wordings they get.
 */
static bool
first_time(struct plain *p, const struct srcpos *pos, const char *code)
{
	const char *reader = "";
	double	    target = 0;
	size_t	    limit = 0;
	bool	    child = false;

	if (strcmp(code, "third-person") == 0 ||
	    strcmp(code, "disliked-word") == 0)
		reader = p->r.id;
	else if (strcmp(code, "reading-grade") == 0)
		target = p->r.target;
	else if (strcmp(code, "long-sentence") == 0)
		limit = p->r.limit;
	else if (strcmp(code, "jargon") == 0 ||
	    strcmp(code, "looked-after") == 0)
		child = p->r.child;
	if (p->seen == NULL)
		p->seen = value_new(p->a, VALUE_MAP, NULL);
	return value_add_new(p->a, p->seen,
	    arena_printf(p->a, "%u:%u:%s:%s:%.17g:%zu:%d", pos->line, pos->col,
		code, reader, target, limit, child));
}

/* The text being read: value 'v' (NULL: the body), its bytes 's', and
   a blanked copy 'b' of bytes 'base'.. of it, and the 'nw' words of
   'b' (read_next_word()) in 'w'. */
struct text {
	struct plain		*p;
	const struct value	*v;
	const char		*s;
	size_t			 base;
	const char		*b;
	size_t			 n;
	const struct plain_word *w;
	size_t			 nw;
};

static void advise(const struct text *, size_t off, const char *code,
    const char *suggestion, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/*
 * Warn about byte 'off' of t->b, once for this reader.  Its line and
 * column are counted on from the last warning's when it is further on,
 * as each check goes through the text in order.
 */
static void
advise(const struct text *t, size_t off, const char *code,
    const char *suggestion, const char *fmt, ...)
{
	struct plain *p = t->p;
	struct srcpos pos;
	char	      msg[1024];
	va_list	      ap;

	if (p->start.at < t->base) {
		util_line_col_from(t->s, p->start.at, t->base, &p->start.line,
		    &p->start.col);
		p->start.at = t->base;
	}
	if (t->base + off < p->last.at || p->last.at < p->start.at)
		p->last = p->start;
	util_line_col_from(t->s, p->last.at, t->base + off, &p->last.line,
	    &p->last.col);
	p->last.at = t->base + off;
	pos = doc_pos_at(p->d, t->v, p->last.line, p->last.col);
	if (!first_time(t->p, &pos, code))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag_advice(&pos, code, t->p->r.id, suggestion, "%s", msg);
}

/* Blank out Markdown's marks in 'b', keeping every other byte in place. */
static void
blank_md(char *b, size_t n)
{
	/* The bytes the switch below acts on; most bytes are none. */
	static const bool mark[256] = { ['*'] = true,
		['`'] = true,
		['~'] = true,
		['['] = true,
		['_'] = true,
		['!'] = true,
		[']'] = true,
		['<'] = true };
	size_t		  i, k;

	for (i = 0; i < n; i++) {
		if (i == 0 || b[i - 1] == '\n') {
			k = i;
			while (k < n && (b[k] == ' ' || b[k] == '>'))
				b[k++] = ' '; /* quotes */
			if (k + 1 < n && strchr("*-+", b[k]) != NULL &&
			    b[k + 1] == ' ') {
				i = k + 1; /* a list item's mark stays */
				continue;
			}
			while (k < n && b[k] == '#')
				b[k++] = ' ';
			i = k;
			if (i >= n)
				break;
		}
		if (!mark[(unsigned char)b[i]])
			continue;
		switch (b[i]) {
		case '*':
		case '`':
		case '~':
		case '[': b[i] = ' '; break;
		case '_':
			if (i == 0 || i + 1 >= n ||
			    !util_alnum((unsigned char)b[i - 1]) ||
			    !util_alnum((unsigned char)b[i + 1]))
				b[i] = ' ';
			break;
		case '!':
			if (i + 1 < n && b[i + 1] == '[')
				b[i] = ' ';
			break;
		case ']':
			b[i] = ' ';
			if (i + 1 < n && b[i + 1] == '(')
				for (k = i + 1; k < n && b[k] != '\n'; k++) {
					char c = b[k];

					b[k] = ' ';
					if (c == ')')
						break;
				}
			break;
		case '<':
			for (k = i + 1; k < n && k < i + 200 && b[k] != '\n' &&
			     b[k] != '>';
			     k++)
				;
			if (k < n && b[k] == '>')
				memset(b + i, ' ', k - i + 1);
			break;
		default: break;
		}
	}
}

/* Find the words of t->b once, for the checks that go word by word. */
static void
find_words(struct text *t)
{
	struct plain *p = t->p;
	size_t	      at = 0, w, len;

	t->nw = 0;
	while (read_next_word(t->b, t->n, &at, &w, &len)) {
		if (t->nw == p->capwords)
			p->words = arena_grow(p->a, p->words, t->nw,
			    &p->capwords, sizeof(*p->words));
		p->words[t->nw].at = w;
		p->words[t->nw++].len = len;
	}
	t->w = p->words;
}

static void
keep(struct plain *p, const struct lex_term *term)
{
	struct plain_sum *sum = p->sum;

	if (p->kept == NULL)
		p->kept = value_new(p->a, VALUE_MAP, NULL);
	if (!value_add_new(p->a, p->kept, term->id))
		return;
	sum->keep = arena_grow(p->a, sum->keep, sum->nkeep, &p->capkeep,
	    sizeof(*sum->keep));
	sum->keep[sum->nkeep++] = term;
}

static void
jargon(const struct text *t)
{
	struct plain	      *p = t->p;
	const struct lex_term *term;
	const char	      *say;
	const char	      *q;
	size_t		       at = 0, off, mlen;

	while (at < t->n &&
	    (term = lexicon_find(p->lx, t->b + at, t->n - at, &off, &mlen)) !=
		NULL) {
		off += at;
		at = off + mlen;
		if (term->allowed || (term->child_only && !p->r.child))
			continue;
		if (term->keep) {
			keep(p, term);
			continue;
		}
		p->sum->jargon++;
		say = p->r.child ? term->child : term->adult;
		q = quote(p, t->b + off, mlen);
		if (strcmp(term->id, "looked-after-child") == 0 ||
		    strcmp(term->id, "lac") == 0)
			advise(t, off, "looked-after", say,
			    "'%s' is a label many children and young people "
			    "dislike; they tell us they prefer 'in care'. For "
			    "%s say '%s'",
			    q, p->r.name, say);
		else
			advise(t, off, "jargon", say,
			    "'%s' is social-care jargon; for %s say '%s'", q,
			    p->r.name, say);
	}
}

/* Capitals: a run of words in capitals with one of four letters or more
   that is not an abbreviation ("PLEASE NOTE", "DO NOT"). */
static void
capitals(const struct text *t)
{
	static const char *const abbrevs[] = { "CAMHS", "NSPCC", "SENCO",
		"SENDCO", "SEND", "EHCP", "ADHD", "GCSE", "GCSEs", "BTEC",
		"ESOL", "HMRC", "DVLA", "NHS", "Ofsted", "UNCRC" };
	size_t			 i, w, len, k, from, to = 0, upper;
	bool			 shout = false;
	const char		*q;

	for (i = 0; i < t->nw; i++) {
		w = t->w[i].at;
		len = t->w[i].len;
		for (k = upper = 0; k < len; k++)
			if (util_upper((unsigned char)t->b[w + k]))
				upper++;
			else if (util_lower((unsigned char)t->b[w + k]))
				break;
		if (k < len || upper < 2) {
			if (shout)
				goto report;
			continue;
		}
		if (!shout)
			from = w;
		to = w + len;
		if (upper >= 4 &&
		    !util_word_in(t->b + w, len, abbrevs, LEN(abbrevs)) &&
		    lexicon_find(t->p->lx, t->b + w, len, &k, &k) == NULL)
			shout = true;
		continue;
	report:
		q = quote(t->p, t->b + from, to - from);
		advise(t, from, "all-caps", NULL,
		    "'%s' is in capital letters, which are hard to read and "
		    "can feel like shouting; write it in ordinary letters",
		    q);
		shout = false;
	}
	if (shout) {
		q = quote(t->p, t->b + from, to - from);
		advise(t, from, "all-caps", NULL,
		    "'%s' is in capital letters, which are hard to read and "
		    "can feel like shouting; write it in ordinary letters",
		    q);
	}
}

/* The reader's own name, in text written to them: "Kay's mum". */
static void
own_name(const struct text *t)
{
	const struct plain_reader *r = &t->p->r;
	size_t			   i, w, len, n = strlen(r->name), k;
	const char		  *say;

	for (i = 0; i < t->nw; i++) {
		w = t->w[i].at;
		len = t->w[i].len;
		if (len < n || memcmp(t->b + w, r->name, n) != 0 ||
		    (len != n && !(len == n + 2 && t->b[w + n] == '\'')))
			continue;
		/* "Kay, ...", "..., Kay." and "Dear Kay" speak to them. */
		for (k = w + len; k < t->n && t->b[k] == ' '; k++)
			;
		if (k < t->n && strchr(",!", t->b[k]) != NULL)
			continue;
		for (k = w; k > 0 && t->b[k - 1] == ' '; k--)
			;
		if ((k > 0 && t->b[k - 1] == ',') ||
		    (k >= 4 && strncasecmp(t->b + k - 4, "dear", 4) == 0) ||
		    (k >= 2 && strncasecmp(t->b + k - 2, "hi", 2) == 0) ||
		    (k >= 5 && strncasecmp(t->b + k - 5, "hello", 5) == 0))
			continue;
		say = len > n ? "your" : "you";
		advise(t, w, "third-person", say,
		    "'%.*s' talks about %s as someone else, but this is "
		    "written to %s; say '%s'",
		    (int)len, t->b + w, r->name, r->name, say);
	}
}

/* Words the reader has told us they dislike (prefers: in case.yaml). */
static void
disliked(const struct text *t)
{
	const struct plain_reader *r = &t->p->r;
	const struct value	  *word, *theirs;
	size_t			   i, k, n;

	for (i = 0; i < value_count(r->prefers); i++) {
		word = value_key(r->prefers, i);
		theirs = value_at(r->prefers, i);
		n = word->len;
		if (n == 0 || value_str(theirs) == NULL)
			continue;
		for (k = 0; k + n <= t->n; k++)
			if (util_tolower((unsigned char)t->b[k]) ==
				util_tolower((unsigned char)word->str[0]) &&
			    strncasecmp(t->b + k, word->str, n) == 0 &&
			    (k == 0 || !read_word_char(t->b, t->n, k - 1)) &&
			    (k + n == t->n ||
				!read_word_char(t->b, t->n, k + n)))
				advise(t, k, "disliked-word", theirs->str,
				    "%s has told us %s not like the word "
				    "'%s'; say '%s'",
				    r->name, r->they, word->str, theirs->str);
	}
}

/* "was taken", "are not allowed", "has been decided": who did it? */
static void
passive(const struct text *t)
{
	size_t	    i, k, w, len, at, w2, len2;
	const char *q;
	uint32_t    be = first_letters(be_words, LEN(be_words));

	for (i = 0; i < t->nw; i++) {
		w = t->w[i].at;
		len = t->w[i].len;
		at = w + len;
		if (!may_be_in(be, t->b[w]) ||
		    !util_word_in(t->b + w, len, be_words, LEN(be_words)))
			continue;
		/* The next three words at most, in the same sentence. */
		for (k = i + 1; k < t->nw && k <= i + 3; k++) {
			w2 = t->w[k].at;
			len2 = t->w[k].len;
			if (memchr(t->b + at, '.', w2 - at) != NULL ||
			    memchr(t->b + at, '\n', w2 - at) != NULL)
				break;
			if (util_word_in(t->b + w2, len2, between,
				LEN(between)) ||
			    (len2 > 4 &&
				strncasecmp(t->b + w2 + len2 - 2, "ly", 2) ==
				    0))
				continue;
			if (!util_word_in(t->b + w2, len2, adjectives,
				LEN(adjectives)) &&
			    ((len2 > 4 &&
				 strncasecmp(t->b + w2 + len2 - 2, "ed", 2) ==
				     0) ||
				util_word_in(t->b + w2, len2, irregular,
				    LEN(irregular)))) {
				q = quote(t->p, t->b + w, w2 + len2 - w);
				advise(t, w, "passive", NULL,
				    "'%s' is passive: it does not say who "
				    "did it; say who, like 'we decided' or "
				    "'Priya will ask'",
				    q);
			}
			break;
		}
	}
}

struct sentences {
	const struct text *t;
	size_t		   limit;
};

static void
sentence(void *arg, size_t from, size_t to, size_t words)
{
	const struct sentences *ss = arg;
	const struct text      *t = ss->t;
	const char	       *q;

	if (words <= ss->limit)
		return;
	q = quote(t->p, t->b + from, to - from);
	advise(t, from, "long-sentence", NULL,
	    "this sentence has %zu words; for %s keep to %zu or fewer. "
	    "Split it into shorter ones: \"%s\"",
	    words, t->p->r.name, ss->limit, q);
}

static void
add_stats(struct plain *p, struct read_stats *to, const struct read_stats *st)
{
	to->sentences += st->sentences;
	to->words += st->words;
	to->syllables += st->syllables;
	to->long_words += st->long_words;
	if (to == &p->st && st->longest > to->longest) {
		to->longest = st->longest;
		buf_reset(&p->longest);
		buf_one_line(&p->longest, st->longest_at, st->longest_len,
		    QUOTE);
	}
}

void
plain_text(struct plain *p, const struct value *v, const char *s, size_t from,
    size_t to, int flags)
{
	struct text	  t = { p, v, s, from, NULL, to - from, NULL, 0 };
	struct sentences  ss = { &t, p->r.limit };
	struct read_stats st;
	char		 *b;

	if (to <= from)
		return;
	if (s != p->text || from < p->start.at) {
		p->text = s;
		p->start = p->last = (struct plain_place){ 0, 1, 1 };
	}
	b = arena_strndup(p->a, s + from, to - from);
	if (flags & PLAIN_MD)
		blank_md(b, t.n);
	t.b = b;
	memset(&st, 0, sizeof(st));
	st.each = flags & PLAIN_QUOTE ? NULL : sentence;
	st.arg = &ss;
	read_text(&st, b, t.n);
	add_stats(p, &p->st, &st);
	add_stats(p, &p->all, &st);
	if (flags & PLAIN_QUOTE)
		return;
	find_words(&t);
	jargon(&t);
	capitals(&t);
	own_name(&t);
	disliked(&t);
	passive(&t);
}

void
plain_name(struct plain *p, const char *name)
{
	const struct lex_term *term;
	size_t		       at = 0, off, mlen, n = strlen(name);

	while (at < n &&
	    (term = lexicon_find(p->lx, name + at, n - at, &off, &mlen)) !=
		NULL) {
		at += off + mlen;
		if (term->keep && !term->allowed &&
		    (!term->child_only || p->r.child))
			keep(p, term);
	}
}

/* Grade the section just read against the reader's target. */
static void
grade(struct plain *p)
{
	double g = read_grade(&p->st);

	if (p->label != NULL && p->st.words >= MIN_WORDS &&
	    g >= p->r.target + 0.05 && first_time(p, &p->pos, "reading-grade"))
		diag_advice(&p->pos, "reading-grade", p->r.id,
		    "shorter sentences and shorter words",
		    "%s reads at grade %.1f; %s's target is grade %.0f "
		    "(reading "
		    "age %ld, from %s). Longest sentence (%zu words): \"%s\"",
		    p->label, g, p->r.name, p->r.target, p->r.age, p->r.why,
		    p->st.longest, buf_str(&p->longest));
	memset(&p->st, 0, sizeof(p->st));
	buf_reset(&p->longest);
}

void
plain_begin(struct plain *p, struct plain_sum *sum)
{
	memset(sum, 0, sizeof(*sum));
	p->sum = sum;
	p->capkeep = 0;
	p->kept = NULL;
	memset(&p->all, 0, sizeof(p->all));
}

void
plain_section(struct plain *p, const char *label, const struct srcpos *pos)
{
	grade(p);
	p->label = label;
	p->pos = *pos;
}

void
plain_free(struct plain *p)
{
	buf_release(&p->q);
	buf_release(&p->longest);
}

void
plain_end(struct plain *p)
{
	grade(p);
	p->label = NULL;
	p->text = NULL;
	p->sum->grade = read_grade(&p->all);
	p->sum->ease = read_ease(&p->all);
	p->sum->sentences = p->all.sentences;
	p->sum->long_words = p->all.long_words;
	p->sum->words = p->all.words;
	p->sum->target = p->r.target;
	p->sum->child = p->r.child;
}

/* One reader's figures for document 'd' as a JSON object. */
static void
summary_json(const struct doc *d, const struct plain_sum *m)
{
	fputs("{\"document\":", stdout);
	diag_json_str(stdout, d->path);
	fputs(",\"reader\":", stdout);
	diag_json_str(stdout, m->reader);
	if (m->age > 0)
		printf(",\"age\":%ld", m->age);
	else
		fputs(",\"age\":null", stdout);
	printf(",\"grade\":%.1f,\"target\":%.0f,\"ease\":%.1f,"
	       "\"words\":%zu,\"sentences\":%zu,\"long_words\":%zu,"
	       "\"jargon\":%zu}\n",
	    m->grade, m->target, m->ease, m->words, m->sentences, m->long_words,
	    m->jargon);
}

/* One reader's figures as a row of the table, 'w' wide for the path. */
static void
summary_row(const char *path, int w, const struct plain_sum *m)
{
	char who[64];

	if (m->age > 0)
		snprintf(who, sizeof(who), "%s (at %ld)", m->reader, m->age);
	else
		snprintf(who, sizeof(who), "%s", m->reader);
	printf("%-*s  %-14s %6.1f %7.0f %7zu\n", w, path, who, m->grade,
	    m->target, m->jargon);
}

void
plain_summary(const struct site *s)
{
	const struct doc *d;
	size_t		  i, j, k;
	bool		  json = diag_get_format() == DIAG_JSON;
	int		  w = 8;

	for (i = 0; i < s->nfamilies; i++)
		for (j = 0; j < s->families[i].ndocs; j++)
			if ((int)strlen(s->families[i].docs[j]->path) > w)
				w = (int)strlen(s->families[i].docs[j]->path);
	if (!json)
		printf("%-*s  %-14s %6s %7s %7s\n", w, "document", "reader",
		    "grade", "target", "jargon");
	for (i = 0; i < s->nfamilies; i++)
		for (j = 0; j < s->families[i].ndocs; j++) {
			d = s->families[i].docs[j];
			for (k = 0; k < d->nsums; k++)
				if (json)
					summary_json(d, &d->sums[k]);
				else
					summary_row(k == 0 ? d->path : "", w,
					    &d->sums[k]);
		}
}
