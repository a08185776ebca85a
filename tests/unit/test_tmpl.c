/* SPDX-License-Identifier: ISC */
/* Tests for tmpl: the template language, the helpers and the sandbox. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "content.h"
#include "data.h"
#include "diag.h"
#include "t.h"
#include "tmpl.h"
#include "value.h"

/* The templates of the test theme: name, source. */
static const char *templates[256][2];
static size_t	   ntemplates;

static const char *
source(void *ud, const char *name, size_t *len, const char **shown)
{
	size_t i;

	(void)ud;
	for (i = 0; i < ntemplates; i++)
		if (strcmp(templates[i][0], name) == 0) {
			*len = strlen(templates[i][1]);
			*shown = templates[i][0];
			return templates[i][1];
		}
	return NULL;
}

static void
add(const char *name, const char *src)
{
	templates[ntemplates][0] = name;
	templates[ntemplates][1] = src;
	ntemplates++;
}

static const char *
render(struct tmpl *t, struct arena *a, const char *name,
    const struct value *vars)
{
	size_t len;

	return tmpl_render(t, a, name, vars, &len);
}

static const char *last; /* the name of the last one-off template */

/* Render a one-off template source. */
static const char *
run(struct tmpl *t, struct arena *a, const char *src, const struct value *vars)
{
	static char names[224][16];
	static int  n;

	snprintf(names[n], sizeof(names[n]), "t%d.html", n);
	add(names[n], src);
	last = names[n];
	return render(t, a, names[n++], vars);
}

/*
 * Render 'src' and return the line it reported, without its newline, or
 * NULL if it rendered.
 */
static const char *
error_of(struct tmpl *t, struct arena *a, const char *src,
    const struct value *vars)
{
	static char msg[1024];
	FILE	   *f = tmpfile();
	size_t	    n[DIAG_ERROR + 1], allowed, len;
	const char *out;

	if (f == NULL)
		return NULL;
	diag_capture(f);
	out = run(t, a, src, vars);
	diag_capture_end(n, &allowed);
	rewind(f);
	len = fread(msg, 1, sizeof(msg) - 1, f);
	fclose(f);
	msg[len] = '\0';
	if (len > 0 && msg[len - 1] == '\n')
		msg[len - 1] = '\0';
	return out == NULL ? msg : NULL;
}

/* Does 'src' fail with a report that ends with 'want'? */
#define CHECK_FAILS(t, a, src, v, want)                                        \
	do {                                                                   \
		const char *msg_ = error_of(t, a, src, v);                     \
		size_t	    ml_ = msg_ != NULL ? strlen(msg_) : 0;             \
                                                                               \
		CHECK_STR(ml_ >= strlen(want) ? msg_ + ml_ - strlen(want)      \
					      : msg_,                          \
		    want);                                                     \
	} while (0)

static const char strings_yaml[] =
    "you: you\n"
    "your-relation: \"your {relationship}\"\n"
    "date-long: \"{weekday} {day} {month} {year}\"\n"
    "date-short: \"{day} {month} {year}\"\n"
    "hello: \"Hello, {name}!\"\n"
    "greet: {child: Hi, default: Good morning}\n"
    "and: and\n"
    "weekdays: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday,"
    " Sunday]\n"
    "months: [January, February, March, April, May, June, July, August,"
    " September, October, November, December]\n";

static const char people_yaml[] =
    "kay: {id: kay, name: Kay Hughes, known-as: Kay, role: child}\n"
    "mum: {id: mum, name: Dawn Hughes, known-as: Dawn, role: parent,"
    " relationship: mum}\n"
    "lee: {id: lee, name: Lee Hughes, role: parent,"
    " relationship: {kay: dad}}\n";

static const char doc_yaml[] = "title: Hello <world> & \"you\"\n"
			       "date: 2025-03-14\n"
			       "readers: [kay, mum]\n"
			       "zeta: 1\n"
			       "alpha: 2\n";

static struct value *
vars_for(struct arena *a, const char *reader)
{
	struct value *vars = value_new(a, VALUE_MAP, NULL);
	struct value *people =
	    data_load(a, "p.yaml", 1, people_yaml, strlen(people_yaml));
	struct value *doc =
	    data_load(a, "d.yaml", 1, doc_yaml, strlen(doc_yaml));

	value_set(a, doc, "body", value_new_html(a, "<p>Hi</p>", 9));
	value_set(a, vars, "doc", doc);
	value_set(a, vars, "people", people);
	value_set(a, vars, "reader", value_get(people, reader));
	return vars;
}

static void
test_language(struct tmpl *t, struct arena *a, const struct value *v)
{
	struct buf  code = { 0 };
	const char *src;

	CHECK_STR(run(t, a, "plain text\n", v), "plain text\n");
	CHECK_STR(run(t, a, "{{ doc.title }}", v),
	    "Hello &lt;world&gt; &amp; &quot;you&quot;");
	CHECK_STR(run(t, a, "{{{ doc.body }}}", v), "<p>Hi</p>");
	CHECK_STR(run(t, a, "a{# note #}b", v), "ab");
	CHECK_STR(run(t, a, "{{ missing }}|{{ 1 + 2 }}|{{ true }}", v),
	    "|3|true");
	/* statements alone on a line take the line with them */
	CHECK_STR(run(t, a,
		      "<ul>\n"
		      "  {% for _, r in ipairs(doc.readers) do %}\n"
		      "  <li>{{ r }}</li>\n"
		      "  {% end %}\n"
		      "</ul>\n",
		      v),
	    "<ul>\n  <li>kay</li>\n  <li>mum</li>\n</ul>\n");
	CHECK_STR(run(t, a, "x {% if true then %}y{% end %} z", v), "x y z");
	/* pairs() follows the source order, not the hash order */
	CHECK_STR(run(t, a, "{% for k in pairs(doc) do %}{{ k }},{% end %}", v),
	    "title,date,readers,zeta,alpha,body,");
	CHECK_STR(run(t, a, "{{ #doc.readers }}", v), "2");
	CHECK_STR(run(t, a, "{{ table.concat(doc.readers, '+') }}", v),
	    "kay+mum");
	/* known_as reads the YAML key known-as */
	CHECK_STR(run(t, a, "{{ people.kay.known_as }}", v), "Kay");
	/* Data is read as it is used: the same view each time, a list by
	   number only, a map by name only, and #map is 0 */
	CHECK_STR(run(t, a,
		      "{{ doc.readers == doc.readers }}{{ doc.readers[2.0] }}"
		      "{{ doc.readers['3'] }}{{ doc.readers['1'] }}{{ doc[1] }}"
		      "{{ #doc }}{{ doc.readers[0] }}{{ doc.readers[3] }}",
		      v),
	    "truemum0");
	CHECK_STR(run(t, a,
		      "{{ doc['zeta\\0x'] }}|{{ doc.nothing }}|{{ doc.zeta }}",
		      v),
	    "||1");
	CHECK_STR(run(t, a,
		      "{% for i, r in pairs(doc.readers) do %}{{ i }}={{ r }};"
		      "{% end %}{% for k, x in pairs(people.kay) do %}{{ k }},"
		      "{% end %}",
		      v),
	    "1=kay;2=mum;id,name,known-as,role,");
	CHECK_STR(run(t, a, "{{ 'a\\\\b\"c' }}", v), "a\\b&quot;c");
	/* line numbers in the Lua code are the template's */
	src = "a\n{{ b }}\n{% c %}\nd";
	CHECK(tmpl_compile("x.html", src, strlen(src), &code) == 0);
	CHECK(strstr(code.ptr, "\n _n=_n+1 _b[_n]=_e( b )") != NULL);
	buf_reset(&code);
	CHECK(tmpl_compile("x.html", "a {{ b", 6, &code) == -1);
	buf_release(&code);
}

static void
test_helpers(struct tmpl *t, struct arena *a)
{
	struct value *kay = vars_for(a, "kay"), *mum = vars_for(a, "mum");

	CHECK_STR(run(t, a, "{{ kindly.date(doc.date) }}", kay),
	    "Friday 14 March 2025");
	CHECK_STR(run(t, a, "{{ kindly.date('2024-02-29', 'short') }}", kay),
	    "29 February 2024");
	CHECK_STR(run(t, a, "{{ kindly.age('2016-05-03') }}", kay), "8");
	CHECK_STR(run(t, a, "{{ kindly.age('2016-05-03', '2025-05-03') }}",
		      kay),
	    "9");
	CHECK_STR(run(t, a, "{{ t('hello', { name = '<Kay>' }) }}", kay),
	    "Hello, &lt;Kay&gt;!");
	CHECK_STR(run(t, a, "{{{ kindly.markdown('*hi* <b>') }}}", kay),
	    "<p><em>hi</em> <!-- raw HTML omitted --></p>\n");
	CHECK_STR(run(t, a, "{{ kindly.escape('<') }}", kay), "&amp;lt;");
	/* name(): as this reader knows the person */
	CHECK_STR(run(t, a, "{{ name('kay') }}/{{ name('mum') }}", kay),
	    "you/your mum");
	CHECK_STR(run(t, a, "{{ name(people.lee) }}", kay), "your dad");
	CHECK_STR(run(t, a, "{{ Name('mum') }}", kay), "Your mum");
	CHECK_STR(run(t, a, "{{ name('kay') }}/{{ name('mum') }}", mum),
	    "Kay/you");
	CHECK_STR(run(t, a, "{{ name('lee') }}", mum), "Lee Hughes");
	CHECK_STR(run(t, a, "{{ name('sw-priya') }}", mum), "Priya Shah");
	CHECK(run(t, a, "{{ name('nobody') }}", mum) == NULL);
	CHECK(run(t, a, "{{ t('no-such-string') }}", mum) == NULL);
	CHECK(run(t, a, "{{ kindly.date('2025-02-30') }}", mum) == NULL);
	/* names(): one id or a list, as this reader says them */
	value_set(a, value_get(kay, "doc"), "who",
	    data_load(a, "w.yaml", 1, "[mum, lee, sw-priya]", 20));
	CHECK_STR(run(t, a, "{{ names(doc.who) }}", kay),
	    "your mum, your dad and Priya Shah");
	CHECK_STR(run(t, a, "{{ names('mum') }}", kay), "your mum");
	/* a list long enough to make Lua's string buffer grow */
	{
		struct value *v = vars_for(a, "kay");
		struct value *who = value_new(a, VALUE_SEQ, NULL);
		const char   *out;
		size_t	      i;

		for (i = 0; i < 300; i++)
			value_push(a, who,
			    value_new_string(a, NULL, "sw-priya"));
		value_set(a, value_get(v, "doc"), "many", who);
		out = run(t, a, "{{ names(doc.many) }}", v);
		CHECK(out != NULL && strlen(out) == 300 * 10 + 298 * 2 + 5);
		CHECK(
		    out != NULL && strstr(out, "Shah and Priya Shah") != NULL);
	}
	/* kindly.time() */
	CHECK_STR(run(t, a, "{{ kindly.time('10:00') }}", kay), "10am");
	CHECK_STR(run(t, a, "{{ kindly.time('14:30') }}", kay), "2:30pm");
	CHECK_STR(run(t, a, "{{ kindly.time('00:05') }}", kay), "12:05am");
	CHECK(run(t, a, "{{ kindly.time(' 9:00') }}", kay) == NULL);
	/* a string by audience: the reader's role picks, else default */
	CHECK_STR(run(t, a, "{{ t('greet') }}", kay), "Hi");
	CHECK_STR(run(t, a, "{{ t('greet') }}", mum), "Good morning");
	/* include() and layout */
	add("part.html", "[{{ name('kay') }}]");
	CHECK_STR(run(t, a, "a{{{ include('part.html') }}}b", kay), "a[you]b");
	add("frame.html", "<main>{{{ content }}}</main>");
	CHECK_STR(run(t, a, "{% layout = 'frame.html' %}hi", kay),
	    "<main>hi</main>");
}

static void
test_sandbox(struct tmpl *t, struct arena *a, const struct value *v)
{
	CHECK_STR(run(t, a,
		      "{{ tostring(io) .. tostring(os) .. tostring(load) .. "
		      "tostring(require) .. tostring(debug) .. "
		      "tostring(dofile) .. tostring(setmetatable) .. "
		      "tostring(getmetatable) .. tostring(rawset) .. "
		      "tostring(collectgarbage) .. tostring(string.dump) .. "
		      "tostring(pcall) }}",
		      v),
	    "nilnilnilnilnilnilnilnilnilnilnilnil");
	CHECK(run(t, a, "{{ io.open('/etc/passwd') }}", v) == NULL);
	CHECK(run(t, a, "{% os.execute('true') %}", v) == NULL);
	CHECK(run(t, a, "{% require('os') %}", v) == NULL);
	CHECK(run(t, a, "{% load('return 1')() %}", v) == NULL);
	CHECK(run(t, a, "{{ ('x'):dump() }}", v) == NULL);
	CHECK(run(t, a, "{% setmetatable(doc, {}) %}", v) == NULL);
	CHECK(run(t, a, "{% doc.title = 'x' %}", v) == NULL);
	CHECK(run(t, a, "{% doc.readers[1] = 'x' %}", v) == NULL);
	CHECK(run(t, a, "{% string.rep = nil %}", v) == NULL);
	CHECK(run(t, a, "{% kindly.date = nil %}", v) == NULL);
	CHECK_STR(run(t, a, "{{ doc.title:sub(1, 5) }}", v), "Hello");
	CHECK(run(t, a, "{% while true do end %}", v) == NULL);
	CHECK(run(t, a, "{% local s = 'x' while true do s = s .. s end %}",
		  v) == NULL);
	CHECK(run(t, a, "{% local r = {} for i = 1, 1e9 do r[i] = i end %}",
		  v) == NULL);
	CHECK(run(t, a, "{% x = 1 +  %}", v) == NULL);
	CHECK(run(t, a, "\x1bLua", v) != NULL); /* just text, never bytecode */
	CHECK(run(t, a, "{{ doc.body }}", v) == NULL);
	CHECK(run(t, a, "{{{ doc.title }}}", v) == NULL);
	CHECK(run(t, a, "{{ doc }}", v) == NULL);
	CHECK(run(t, a, "{{{ include('nope.html') }}}", v) == NULL);
	add("loop.html", "{{{ include('loop.html') }}}");
	CHECK(run(t, a, "{{{ include('loop.html') }}}", v) == NULL);
	/* globals set by one render are gone in the next */
	CHECK_STR(run(t, a, "{% leaked = 'yes' %}", v), "");
	CHECK_STR(run(t, a, "{{ leaked }}", v), "");
	/* after all that, the engine still works */
	CHECK_STR(run(t, a, "{{ doc.readers[2] }}", v), "mum");
}

/* Patterns give what Lua's own matcher gives. */
static void
test_patterns(struct tmpl *t, struct arena *a, const struct value *v)
{
	CHECK_STR(run(t, a,
		      "{{ ('hello world'):find('o w') }},"
		      "{{ ('hello world'):find('l+') }},"
		      "{{ ('a.b'):find('.', 1, true) }},"
		      "{{ ('abc'):find('b', -1) }},"
		      "{{ ('abc'):find('', 10) }}",
		      v),
	    "5,3,2,,");
	CHECK_STR(run(t, a,
		      "{{ ('key = value'):match('^(%w+)%s*=%s*(%w+)$') }},"
		      "{{ ('f(a(b)c)d'):match('%b()') }},"
		      "{{ ('THE (quick) fox'):find('%f[%a]%a+', 5) }},"
		      "{{ select(2, ('hello'):match('()ll()')) }},"
		      "{{ ('abab'):match('(ab)%1') }}",
		      v),
	    "key,(a(b)c),6,5,ab");
	CHECK_STR(run(t, a,
		      "{% for k, x in ('a=1, b=2'):gmatch('(%w+)=(%w+)') do %}"
		      "{{ k }}{{ x }};{% end %}"
		      "{{ (('hello world'):gsub('o', '0')) }},"
		      "{{ (('abc'):gsub('%w', '%0%0')) }},"
		      "{{ (('$name$'):gsub('%$(%w+)%$', { name = 'Kay' })) }},"
		      "{{ (('abc'):gsub('', '-')) }},"
		      "{{ select(2, ('a a a'):gsub('a', 'b', 2)) }},"
		      "{{ (('x y'):gsub('%w', function(c) return c:upper() "
		      "end)) }}",
		      v),
	    "a1;b2;hell0 w0rld,aabbcc,Kay,-a-b-c-,2,X Y");
	CHECK(run(t, a, "{{ ('a'):find('[a') }}", v) == NULL);
	CHECK(run(t, a, "{{ ('a'):gsub('(a)', '%2') }}", v) == NULL);
}

/*
 * Work inside library functions counts against the budget (1,000,000
 * here), so nothing a template asks of them runs on.  Each of these ran
 * for minutes, or without a limit, before it was counted.
 */
static void
test_budget(struct tmpl *t, struct arena *a, const struct value *v)
{
	static const char pattern[] =
	    " went past the 1000000 instructions a page may run (make the "
	    "pattern simpler, or search a shorter text)";
	static const char size[] =
	    " went past the 1000000 instructions a page may run (is a text, "
	    "a list or a count too long?)";
	char	    want[256];
	const char *msg;
	size_t	    used;

	/* string.rep() makes nothing at once, and no more than the cap */
	CHECK_STR(run(t, a,
		      "{{ #string.rep('', 1e15) }}|{{ #('x'):rep(0) }}|"
		      "{{ ('ab'):rep(3) }}|{{ #string.rep('', 1e15, '') }}|"
		      "{{ ('a'):rep(3, ',') }}",
		      v),
	    "0|0|ababab|0|a,a,a");
	msg = error_of(t, a, "\n{{ #string.rep('x', 1e15) }}", v);
	snprintf(want, sizeof(want),
	    "%s:2: error: template '%s' used more than 8 MiB of memory", last,
	    last);
	CHECK_STR(msg, want);

	/* patterns that backtrack */
	snprintf(want, sizeof(want), ":1: error: string.find()%s", pattern);
	CHECK_FAILS(t, a, "{{ ('a'):rep(1e4):find('.-.-.-b') }}", v, want);
	snprintf(want, sizeof(want), ":1: error: string.match()%s", pattern);
	CHECK_FAILS(t, a, "{{ ('a'):rep(5e3):match('(.-)(.-)(.-)b') }}", v,
	    want);
	snprintf(want, sizeof(want), ":1: error: string.gmatch()%s", pattern);
	CHECK_FAILS(t, a,
	    "{% for x in ('a'):rep(3e3):gmatch('.-.-b') do end %}", v, want);
	snprintf(want, sizeof(want), ":1: error: string.gsub()%s", pattern);
	CHECK_FAILS(t, a, "{{ (('a'):rep(3e3):gsub('.-.-b', '')) }}", v, want);
	snprintf(want, sizeof(want), ":1: error: string.find()%s", pattern);
	CHECK_FAILS(t, a, "{{ ('('):rep(2e4):find('%b()') }}", v, want);
	CHECK_FAILS(t, a,
	    "{% local s, p = ('a'):rep(2e6), ('a'):rep(1e6) .. 'b' %}"
	    "{{ s:find(p, 1, true) }}",
	    v, want);

	/* ranges and lists */
	snprintf(want, sizeof(want), ":1: error: table.move()%s", size);
	CHECK_FAILS(t, a, "{% table.move({}, 1, 1e15, 2) %}", v, want);
	snprintf(want, sizeof(want), ":1: error: table.concat()%s", size);
	CHECK_FAILS(t, a, "{{ table.concat({}, '', 1, 1e15) }}", v, want);
	snprintf(want, sizeof(want), ":1: error: table.insert()%s", size);
	CHECK_FAILS(t, a,
	    "{% local t = {} for i = 1, 1e5 do table.insert(t, 1, i) end %}", v,
	    want);
	snprintf(want, sizeof(want), ":1: error: table.sort()%s", size);
	CHECK_FAILS(t, a,
	    "{% local t = {} for i = 1, 1e5 do t[i] = -i end table.sort(t) "
	    "%}",
	    v, want);
	msg = error_of(t, a,
	    "{% for i = 1, 1e4 do select('#', table.unpack({}, 1, 1e5)) end "
	    "%}",
	    v);
	CHECK(msg != NULL && strstr(msg, size) != NULL);

	/* text read whole at each call: as a number, or to count it */
	snprintf(want, sizeof(want), ":1: error: tonumber()%s", size);
	CHECK_FAILS(t, a,
	    "{% local s = (' '):rep(1e6) .. '1' "
	    "for i = 1, 1e4 do tonumber(s) end %}",
	    v, want);
	snprintf(want, sizeof(want), ":1: error: adding text%s", size);
	CHECK_FAILS(t, a,
	    "{% local s = (' '):rep(1e6) .. '1' "
	    "for i = 1, 1e4 do local x = s + 1 end %}",
	    v, want);
	snprintf(want, sizeof(want), ":1: error: a math function%s", size);
	CHECK_FAILS(t, a,
	    "{% local s = (' '):rep(1e6) .. '1' "
	    "for i = 1, 1e4 do math.abs(s) end %}",
	    v, want);
	snprintf(want, sizeof(want), ":1: error: utf8.len()%s", size);
	CHECK_FAILS(t, a,
	    "{% local s = ('a'):rep(1e6) for i = 1, 1e4 do utf8.len(s) end %}",
	    v, want);
	snprintf(want, sizeof(want), ":1: error: utf8.codes()%s", size);
	CHECK_FAILS(t, a,
	    "{% local s = 'a' .. ('\\x80'):rep(1e6) local f = utf8.codes(s) "
	    "for i = 1, 1e4 do f(s, 1) end %}",
	    v, want);

	/* memory asked for is counted: a loop copying a long text */
	CHECK_FAILS(t, a,
	    "{% local s = ('x'):rep(1e6) while true do local y = s .. 'y' end "
	    "%}",
	    v,
	    ":1: error: template ran more than 1000000 instructions (is "
	    "there a loop that never ends?)");

	/* kindly.markdown(): its text and cmark's memory are bounded */
	CHECK_FAILS(t, a, "{{{ kindly.markdown(('>'):rep(65537)) }}}", v,
	    ":1: error: kindly.markdown() takes at most 65536 bytes of text, "
	    "and this is 65537 (keep long texts in the documents)");
	msg = error_of(t, a, "{{{ kindly.markdown(('>'):rep(60000)) }}}", v);
	snprintf(want, sizeof(want),
	    "%s:1: error: template '%s' used more than 8 MiB of memory", last,
	    last);
	CHECK_STR(msg, want);
	used = a->used;
	CHECK_STR(run(t, a,
		      "{% for i = 1, 100 do kindly.markdown(('*a* '):rep(200)) "
		      "end %}ok",
		      v),
	    "ok");
	CHECK(a->used - used < 4096); /* not the page's arena */
}

/* Messages name the template at fault and its line, and are short. */
static void
test_messages(struct tmpl *t, struct arena *a, const struct value *v)
{
	char	    want[256];
	const char *msg, *m;

	/* error() with a long text: its first 200 bytes, on one line */
	msg = error_of(t, a, "{% error(('x'):rep(1e6)) %}", v);
	m = msg != NULL ? strstr(msg, "error: ") : NULL;
	CHECK(m != NULL && strlen(m) == 7 + 200 + 3 &&
	    strcmp(m + strlen(m) - 4, "x...") == 0);
	CHECK_FAILS(t, a, "{% error('a\\27[31mb\\nc') %}", v,
	    ":1: error: a [31mb c");
	/* cut between two UTF-8 characters */
	msg = error_of(t, a, "{% error('x' .. ('\\u{e9}'):rep(150)) %}", v);
	m = msg != NULL ? strstr(msg, "error: ") : NULL;
	CHECK(m != NULL && strlen(m) == 7 + 199 + 3 &&
	    strcmp(m + strlen(m) - 5, "\xc3\xa9...") == 0);

	/* a Lua syntax error in an included template: that one, its line */
	add("broken.html", "one\ntwo\n{% x = = 1 %}\n");
	CHECK_FAILS(t, a, "a\nb\n{{{ include('broken.html') }}}", v,
	    "broken.html:3: error: unexpected symbol near '='");
	msg = error_of(t, a, "a\n{{{ include('broken.html') }}}", v);
	CHECK_STR(msg, "broken.html:3: error: unexpected symbol near '='");

	/* the memory cap names the template whose code was running */
	add("hog.html", "\n{% local s = 'x' while true do s = s .. s end %}");
	msg = error_of(t, a, "a\n{{{ include('hog.html') }}}", v);
	CHECK_STR(msg,
	    "hog.html:2: error: template 'hog.html' used more than 8 MiB of "
	    "memory");
	msg = error_of(t, a, "{% local s = 'x' while true do s = s .. s end %}",
	    v);
	snprintf(want, sizeof(want),
	    "%s:1: error: template '%s' used more than 8 MiB of memory", last,
	    last);
	CHECK_STR(msg, want);

	/* a comment ends at its first '#}', whatever it holds */
	CHECK_STR(run(t, a, "a{# {{ x }} {% y %} {{{ }}} #}b\n{# {{\n#}c", v),
	    "ab\nc");
	CHECK_FAILS(t, a, "{# {%\n\n#}{{ x.y }}", v,
	    ":3: error: attempt to index a nil value (global 'x')");
}

/*
 * The time limit (0.1 s here, with no budget) stops anything left, at
 * the next instruction, even one that takes long itself.
 */
static void
test_time(struct arena *a, const struct value *v)
{
	static const char  want[] = ":1: error: template ran for more than 0.1 "
				    "seconds (is there a loop that never ends?)";
	struct tmpl_limits lim = { 64u << 20, ULONG_MAX, 100 };
	struct tmpl	  *t = tmpl_new(&lim, source, NULL);
	clock_t		   start;

	CHECK_FAILS(t, a, "{% while true do end %}", v, want);
	CHECK_FAILS(t, a, "{{ ('a'):rep(1e4):find('.-.-.-b') }}", v, want);
	/* each 'for' reads 20 MB as a number: 1,000 of them take seconds */
	start = clock();
	CHECK_FAILS(t, a,
	    "{% local s = ('0'):rep(2e7) while true do for i = 1, s do end "
	    "end %}",
	    v, want);
	CHECK(clock() - start < CLOCKS_PER_SEC);
	CHECK_STR(run(t, a, "{{ 1 + 1 }}", v), "2");
	tmpl_free(t);
}

/*
 * kindly.markdown() takes 64 KiB, and cmark takes at most 512 bytes a
 * byte of it (MD_WORST): the worst kinds of text, at that length, fit.
 */
static void
test_markdown_bound(struct arena *a, const struct value *v)
{
	static const char *const worst[] = { ">", "> ", "[", "\\\"", "\\'",
		"*a", "_a ", "1. ", "<a", "a\\n", "- > ", "[a][b] ", "`a",
		"*\\'\\'" };
	struct tmpl_limits	 lim = { 64u << 20, 10000000, 5000 };
	struct tmpl		*t = tmpl_new(&lim, source, NULL);
	char			 src[128];
	size_t			 i;

	for (i = 0; i < sizeof(worst) / sizeof(*worst); i++) {
		snprintf(src, sizeof(src),
		    "{{{ kindly.markdown(('%s'):rep(65536 // #'%s')) }}}",
		    worst[i], worst[i]);
		CHECK(run(t, a, src, v) != NULL);
		CHECK(content_markdown_taken() <= (size_t)65536 * 512);
	}
	tmpl_free(t);
}

int
main(void)
{
	struct arena	   a = { 0 };
	struct tmpl_limits lim = { 8u << 20, 1000000, 5000 };
	struct tmpl	  *t = tmpl_new(&lim, source, NULL);
	struct value	  *strings =
	    data_load(&a, "s.yaml", 1, strings_yaml, strlen(strings_yaml));
	struct value *staff = data_load(&a, "st.yaml", 1,
	    "sw-priya: {id: sw-priya, name: Priya Shah}\n", 43);

	(void)freopen("/dev/null", "w", stderr); /* counted, not shown */
	tmpl_strings(t, strings);
	tmpl_staff(t, staff);
	test_language(t, &a, vars_for(&a, "kay"));
	test_helpers(t, &a);
	test_sandbox(t, &a, vars_for(&a, "kay"));
	test_patterns(t, &a, vars_for(&a, "kay"));
	test_budget(t, &a, vars_for(&a, "kay"));
	test_messages(t, &a, vars_for(&a, "kay"));
	tmpl_free(t);
	test_time(&a, vars_for(&a, "kay"));
	test_markdown_bound(&a, vars_for(&a, "kay"));
	arena_release(&a);
	return t_done();
}
