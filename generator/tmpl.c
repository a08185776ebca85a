/* SPDX-License-Identifier: ISC */
/*
 * Sandbox: templates never see the real global table.  Each render gets
 * a fresh _ENV whose __index is a frozen table of safe functions; data
 * are frozen proxies; an allocator caps the heap and a count hook caps
 * the instructions.  Bytecode is refused (mode "t").
 *
 * Templates are translated to Lua by tmpl_compile(), which emits the code
 * for each source line on the same line, so Lua's own line numbers are
 * the template's.  The compiled chunk is cached in the registry and run
 * with its _ENV upvalue replaced, as lbaselib's load() does.
 *
 * Data reach Lua as read-only proxies: a zero-size userdata whose user
 * values are the real table and the struct value it came from.  pairs()
 * on a proxy follows source order, never Lua's hash order, so output
 * does not depend on the string hash seed.
 *
 * The budget counts steps: the count hook adds the Lua instructions, the
 * allocator a step for every BYTES_PER_STEP bytes a render asks for, and
 * every library function a template can reach is wrapped (metered())
 * so that it costs a step a call plus the work it is about to do: the
 * length of a range it loops over, the text it reads.  Lua's pattern
 * matcher backtracks without limit inside one C call, so find(),
 * match(), gmatch() and gsub() are our own, a copy that counts as it
 * goes.  A CPU-time limit catches whatever is left: a timer signal arms
 * the hook to run at the next instruction, and the counting C code
 * looks at 'expired' as it works.
 */
#define DIAG_AREA "template"

#include <assert.h>
#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/time.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "arena.h"
#include "buf.h"
#include "content.h"
#include "date.h"
#include "diag.h"
#include "html.h"
#include "tmpl.h"
#include "util.h"
#include "value.h"

#define HOOK_EVERY  1000	     /* instructions between hook calls */
#define MAX_INCLUDE 16		     /* include() and layout nesting */
#define SAFE_KEY    "kindly.safe"    /* registry: frozen safe globals */
#define GLOBALS_KEY "kindly.globals" /* registry: site, staff, strings */
#define CACHE_KEY   "kindly.cache"   /* registry: name -> chunk */
#define ENV_KEY	    "kindly.env"     /* registry: this render's _ENV */
#define FROZEN	    "kindly.frozen"  /* metatable of read-only proxies */
#define SAFEHTML    "kindly.html"    /* metatable of safe HTML values */

#define MSG_MAX	       200 /* bytes of an error message shown */
#define BYTES_PER_STEP 64  /* bytes allocated or read: one step */
#define MD_MAX	       ((size_t)64 * 1024) /* kindly.markdown()'s text */
#define MD_WORST       512 /* cmark's bytes for a byte of it, at most */

/* A template compiled, by the name include() gives and the path shown. */
struct known {
	char	   *name;
	const char *shown;
};

struct tmpl {
	lua_State	   *L;
	size_t		    mem_used, mem_limit; /* bytes */
	size_t		    mem_cap;		 /* per render, bytes */
	unsigned long	    steps, step_limit;
	size_t		    alloc_bytes; /* allocated, not yet a step */
	unsigned long	    ms;		 /* CPU time per render */
	bool		    running;	 /* in tmpl_render() */
	tmpl_source_fn	   *source;
	void		   *ud;
	tmpl_track_fn	   *track; /* told each template and string used */
	void		   *track_ud;
	struct value_index  strings_ix; /* theme strings (map), keys hashed */
	const struct value *staff;	/* staff (map of id -> person) */
	const struct value *vars;	/* this render's variables */
	struct arena	   *arena;	/* this render's arena */
	unsigned	    depth;	/* include() nesting */
	bool		    oom;	/* the render hit the memory cap */
	bool		    reported;	/* the error was reported already */
	bool		    placed;	/* errpos is set: keep it */
	struct srcpos	    errpos;	/* filled by on_error() */
	struct known	   *known;	/* each template compiled */
	size_t		    nknown;
	size_t		    running_ix[MAX_INCLUDE]; /* in known, by depth */
	struct arena	    scratch;		     /* kindly.markdown() */
	char		    errfile[512];
	char		    errmsg[512]; /* error raised outside Lua code */
};

static struct tmpl *
engine(lua_State *L)
{
	return *(struct tmpl **)lua_getextraspace(L);
}

/*
 * Template translation.
 */

/* Append 'len' bytes as a Lua string literal; return the newlines seen. */
static unsigned
put_literal(struct buf *out, const char *s, size_t len)
{
	unsigned nl = 0;
	size_t	 i;

	buf_putc(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\n':
			buf_puts(out, "\\n");
			nl++;
			break;
		case '\r': buf_puts(out, "\\r"); break;
		case '\t': buf_puts(out, "\\t"); break;
		case '"': buf_puts(out, "\\\""); break;
		case '\\': buf_puts(out, "\\\\"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				buf_printf(out, "\\%03u", c);
			else
				buf_putc(out, c);
		}
	}
	buf_putc(out, '"');
	return nl;
}

static void
put_newlines(struct buf *out, unsigned n)
{
	while (n-- > 0)
		buf_putc(out, '\n');
}

static void
put_text(struct buf *out, const char *s, size_t len)
{
	if (len == 0)
		return;
	buf_puts(out, "_n=_n+1 _b[_n]=");
	put_newlines(out, put_literal(out, s, len));
	buf_putc(out, ' ');
}

static unsigned
count_newlines(const char *s, size_t len)
{
	unsigned n = 0;
	size_t	 i;

	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

/* The next "{{", "{%" or "{#" at or after 'p', or NULL. */
static const char *
find_open(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (p[0] == '{' && (p[1] == '{' || p[1] == '%' || p[1] == '#'))
			return p;
	return NULL;
}

static const char *
find_close(const char *p, const char *end, const char *close)
{
	size_t n = strlen(close);

	for (; p + n <= end; p++)
		if (memcmp(p, close, n) == 0)
			return p;
	return NULL;
}

int
tmpl_compile(const char *shown, const char *src, size_t len, struct buf *out)
{
	const char *p = src, *end = src + len, *open, *close, *text_end;
	const char *ls, *after;
	const char *closer;
	unsigned    line = 1;
	size_t	    olen;
	bool	    alone;

	buf_puts(out, "local _b, _n, _e, _h, _c = {}, 0, ... ");
	while (p < end) {
		open = find_open(p, end);
		text_end = open == NULL ? end : open;
		if (open == NULL) {
			put_text(out, p, (size_t)(end - p));
			break;
		}
		if (open[1] == '{' && open + 2 < end && open[2] == '{') {
			closer = "}}}";
			olen = 3;
		} else {
			closer = open[1] == '{' ? "}}"
			    : open[1] == '%'	? "%}"
						: "#}";
			olen = 2;
		}
		close = find_close(open + olen, end, closer);
		/*
		 * A tag ends before the next one starts; a comment ends at
		 * its first '#}', whatever it holds ('{{', '{%').
		 */
		if (close != NULL && open[1] != '#' &&
		    find_open(open + olen, close) != NULL)
			close = NULL;
		if (close == NULL) {
			struct srcpos pos = { shown,
				line + count_newlines(p, (size_t)(open - p)),
				1 };
			const char   *c;

			for (c = open; c > src && c[-1] != '\n'; c--)
				pos.col++;

			return diag_error(&pos,
			    "'%.*s' is not closed (add '%s')", (int)olen, open,
			    closer);
		}
		after = close + strlen(closer);
		/* A statement or comment alone on its line takes the line. */
		alone = false;
		if (open[1] != '{') {
			for (ls = open;
			     ls > p && (ls[-1] == ' ' || ls[-1] == '\t'); ls--)
				;
			if (ls == src || (ls > p && ls[-1] == '\n') ||
			    (ls == p && p > src && p[-1] == '\n')) {
				const char *q = after;

				while (q < end &&
				    (*q == ' ' || *q == '\t' || *q == '\r'))
					q++;
				if (q == end || *q == '\n') {
					alone = true;
					text_end = ls;
					after = q < end ? q + 1 : q;
				}
			}
		}
		put_text(out, p, (size_t)(text_end - p));
		line += count_newlines(p, (size_t)(open - p));
		switch (open[1]) {
		case '{':
			buf_puts(out,
			    olen == 3 ? "_n=_n+1 _b[_n]=_h("
				      : "_n=_n+1 _b[_n]=_e(");
			buf_put(out, open + olen,
			    (size_t)(close - open - olen));
			buf_puts(out, ") ");
			break;
		case '%':
			buf_put(out, open + 2, (size_t)(close - open - 2));
			buf_puts(out, " ");
			break;
		default: /* a comment keeps only its newlines */
			put_newlines(out,
			    count_newlines(open, (size_t)(close - open)));
			break;
		}
		line += count_newlines(open, (size_t)(close - open));
		if (alone && after > close && after[-1] == '\n') {
			put_newlines(out, 1);
			line++;
		}
		p = after;
	}
	buf_puts(out, "return _c(_b, '', 1, _n)\n");
	return 0;
}

/*
 * Limits.
 */

/*
 * A library function as templates reach it, wrapped by metered(): what
 * it is called in messages, what it costs beyond a step a call, and what
 * to look at when it goes past the budget.
 */
struct meter {
	const char *lib, *key; /* where it is: "string", "rep" */
	const char *what;      /* "string.rep()", or NULL: say instructions */
	int (*run)(lua_State *, lua_CFunction); /* NULL: the function */
	unsigned long (*cost)(lua_State *);	/* steps, from the arguments */
	bool	    per_result;			/* and a step a result */
	const char *hint;
};

static lua_State *volatile armed;     /* rendering now, for on_timer() */
static volatile sig_atomic_t expired; /* the render ran out of time */

static void count_hook(lua_State *L, lua_Debug *ar);

/* SIGPROF: the render's CPU time is up; stop at the next instruction. */
static void
on_timer(int sig)
{
	(void)sig;
	if (armed != NULL) {
		expired = 1;
		lua_sethook(armed, count_hook, LUA_MASKCOUNT, 1);
	}
}

/* Start the timer of 'ms' milliseconds of CPU time, or stop it (0). */
static void
timer_set(unsigned long ms)
{
	static bool	 handled;
	struct itimerval it = { { 0, 0 },
		{ (time_t)(ms / 1000), (suseconds_t)(ms % 1000 * 1000) } };
	struct sigaction sa;

	if (!handled) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_timer;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGPROF, &sa, NULL);
		handled = true;
	}
	setitimer(ITIMER_PROF, &it, NULL);
}

/* Set t->errpos to the template line running now, if there is one. */
static void
locate(lua_State *L, struct tmpl *t)
{
	lua_Debug ar;
	int	  level;

	for (level = 0; lua_getstack(L, level, &ar); level++) {
		lua_getinfo(L, "Sl", &ar);
		if (ar.currentline <= 0 || ar.source[0] != '@')
			continue; /* C function or foreign chunk */
		snprintf(t->errfile, sizeof(t->errfile), "%s", ar.source + 1);
		t->errpos.file = t->errfile;
		t->errpos.line = (unsigned)ar.currentline;
		return;
	}
}

/*
 * Count 'n' steps of work by 'm' (NULL: Lua code); raise an error that
 * names it past the budget, or when the time is up.  Once tripped, the
 * hook runs at every instruction, so nothing runs on.
 */
static void
spend(lua_State *L, unsigned long n, const struct meter *m)
{
	struct tmpl *t = engine(L);

	if (expired) {
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
		if (t->ms % 1000 == 0) /* "5 seconds", not "5.0" */
			lua_pushfstring(L, "%I", (lua_Integer)t->ms / 1000);
		else
			lua_pushfstring(L, "%f", (lua_Number)t->ms / 1000);
		luaL_error(L,
		    "template ran for more than %s seconds (is there a loop "
		    "that never ends?)",
		    lua_tostring(L, -1));
	}
	t->steps = n > ULONG_MAX - t->steps ? ULONG_MAX : t->steps + n;
	if (t->steps <= t->step_limit)
		return;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
	if (m == NULL || m->what == NULL)
		luaL_error(L,
		    "template ran more than %I instructions (is there a loop "
		    "that never ends?)",
		    (lua_Integer)t->step_limit);
	luaL_error(L, "%s went past the %I instructions a page may run (%s)",
	    m->what, (lua_Integer)t->step_limit, m->hint);
}

static void
count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	spend(L, HOOK_EVERY, NULL);
}

/*
 * The memory cap was hit.  Lua raises "not enough memory" without
 * calling the message handler, so note where the render is now.  Lua
 * 5.4.4 keeps its stack whole while it allocates; later releases move
 * it mid-way, and then only the template's name is known.
 */
static void
note_oom(struct tmpl *t)
{
	if (t->oom || !t->running)
		return;
	t->oom = true;
#if LUA_VERSION_RELEASE_NUM <= 50404
	locate(t->L, t);
#endif
}

/*
 * Bytes allocated are steps too: a loop that copies a long text at each
 * instruction stops soon, at the next instruction.
 */
static void
count_alloc(struct tmpl *t, size_t n)
{
	if (!t->running)
		return;
	t->alloc_bytes += n;
	if (t->alloc_bytes < BYTES_PER_STEP)
		return;
	n = t->alloc_bytes / BYTES_PER_STEP;
	t->alloc_bytes %= BYTES_PER_STEP;
	t->steps = n > ULONG_MAX - t->steps ? ULONG_MAX : t->steps + n;
	if (t->steps > t->step_limit)
		lua_sethook(t->L, count_hook, LUA_MASKCOUNT, 1);
}

static void *
capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct tmpl *t = ud;

	if (ptr == NULL)
		osize = 0; /* then osize encodes the object's type */
	if (nsize == 0) {
		free(ptr);
		t->mem_used -= osize;
		return NULL;
	}
	if (nsize > osize) {
		if (t->mem_used > t->mem_limit ||
		    nsize - osize > t->mem_limit - t->mem_used) {
			note_oom(t);
			t->oom = true;
			return NULL; /* Lua raises "not enough memory" */
		}
		count_alloc(t, nsize - osize);
	}
	if ((ptr = realloc(ptr, nsize)) != NULL)
		t->mem_used = t->mem_used - osize + nsize;
	return ptr;
}

/* Raise the memory-cap error now if 'n' more bytes would pass the cap. */
static void
room(lua_State *L, size_t n)
{
	struct tmpl *t = engine(L);

	if (t->mem_used <= t->mem_limit && n <= t->mem_limit - t->mem_used)
		return;
	t->oom = true;
	luaL_error(L, "not enough memory");
}

/* Calls into the libraries: a step each, and what 'm' says they cost. */
static int
metered(lua_State *L)
{
	const struct meter *m = lua_touserdata(L, lua_upvalueindex(1));
	lua_CFunction	    fn = lua_tocfunction(L, lua_upvalueindex(2));
	int		    n;

	spend(L, 1 + (m->cost != NULL ? m->cost(L) : 0), m);
	n = m->run != NULL ? m->run(L, fn) : fn(L);
	if (m->per_result)
		spend(L, (unsigned long)n, m);
	return n;
}

/* Steps for i..j, both included. */
static unsigned long
span(lua_Integer i, lua_Integer j)
{
	lua_Unsigned n;

	if (j < i)
		return 0;
	n = (lua_Unsigned)j - (lua_Unsigned)i;
	return n >= ULONG_MAX ? ULONG_MAX : (unsigned long)n + 1;
}

/*
 * Integer argument 'idx', or 'def' when there is none.  False when it is
 * not an integer: then the function itself will say so.
 */
static bool
int_arg(lua_State *L, int idx, lua_Integer def, lua_Integer *v)
{
	int ok = 1;

	*v = lua_isnoneornil(L, idx) ? def : lua_tointegerx(L, idx, &ok);
	return ok;
}

/* #t for a table or a list, or -1: the function will say what is wrong. */
static lua_Integer
list_len(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TTABLE &&
	    luaL_testudata(L, idx, FROZEN) == NULL)
		return -1;
	return luaL_len(L, idx);
}

/*
 * A step for each argument and for each BYTES_PER_STEP of text in them:
 * what char(), format(), max() loop over; what tonumber() and math read,
 * digits or spaces, however long.
 */
static unsigned long
cost_args(lua_State *L)
{
	unsigned long n = 0;
	int	      i, top = lua_gettop(L);

	for (i = 1; i <= top; i++) {
		n++;
		if (lua_type(L, i) == LUA_TSTRING)
			n += lua_rawlen(L, i) / BYTES_PER_STEP;
	}
	return n;
}

/* table.concat(t, sep, i, j): j - i + 1 items. */
static unsigned long
cost_concat(lua_State *L)
{
	lua_Integer len = list_len(L, 1), i, j;

	if (len < 0 || !int_arg(L, 3, 1, &i) || !int_arg(L, 4, len, &j))
		return 0;
	return span(i, j);
}

/* table.insert(t, pos, v): the items after pos move up. */
static unsigned long
cost_insert(lua_State *L)
{
	lua_Integer len = list_len(L, 1), pos;

	if (lua_gettop(L) != 3 || len < 0 || !int_arg(L, 2, 0, &pos))
		return 0;
	return span(pos, len);
}

/* table.remove(t, pos): the items after pos move down. */
static unsigned long
cost_remove(lua_State *L)
{
	lua_Integer len = list_len(L, 1), pos;

	if (len < 0 || !int_arg(L, 2, len, &pos))
		return 0;
	return span(pos, len);
}

/* table.move(a, f, e, t): e - f + 1 items. */
static unsigned long
cost_move(lua_State *L)
{
	lua_Integer f, e;

	if (!int_arg(L, 2, 0, &f) || !int_arg(L, 3, 0, &e))
		return 0;
	return span(f, e);
}

/* utf8.len(s, i, j): the bytes from i to j. */
static unsigned long
cost_utf8_len(lua_State *L)
{
	size_t	    len;
	lua_Integer i, j;

	if (lua_type(L, 1) != LUA_TSTRING || !int_arg(L, 2, 1, &i) ||
	    !int_arg(L, 3, -1, &j))
		return 0;
	len = lua_rawlen(L, 1);
	if (i < 0)
		i = 0u - (lua_Unsigned)i > len ? 0 : (lua_Integer)len + i + 1;
	if (j < 0)
		j = 0u - (lua_Unsigned)j > len ? 0 : (lua_Integer)len + j + 1;
	return span(i, j) / BYTES_PER_STEP;
}

/* utf8.offset(s, n, i): as far as the whole text. */
static unsigned long
cost_utf8_offset(lua_State *L)
{
	return lua_type(L, 1) == LUA_TSTRING ? lua_rawlen(L, 1) / BYTES_PER_STEP
					     : 0;
}

/*
 * Read-only proxies.
 */

static int
frozen_index(lua_State *L) /* proxy[key] */
{
	luaL_checkudata(L, 1, FROZEN);
	lua_getiuservalue(L, 1, 1); /* [proxy, key, t] */
	lua_pushvalue(L, 2);	    /* [proxy, key, t, key] */
	if (lua_rawget(L, -2) == LUA_TNIL && lua_type(L, 2) == LUA_TSTRING &&
	    strchr(lua_tostring(L, 2), '_') != NULL) {
		/* known_as finds "known-as": YAML keys use hyphens */
		lua_pop(L, 1);
		luaL_gsub(L, lua_tostring(L, 2), "_", "-");
		lua_rawget(L, -2);
	}
	return 1;
}

static int
frozen_newindex(lua_State *L)
{
	return luaL_error(L,
	    "templates can read data and libraries but not change them");
}

static int
frozen_len(lua_State *L)
{
	luaL_checkudata(L, 1, FROZEN);
	lua_getiuservalue(L, 1, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

static const struct value *
proxy_value(lua_State *L, int idx)
{
	const struct value *v;

	lua_getiuservalue(L, idx, 2);
	v = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return v;
}

/* Iterator for pairs(proxy): upvalue 1 counts; source order. */
static int
frozen_next(lua_State *L)
{
	const struct value *v = proxy_value(L, 1);
	lua_Integer	    i = lua_tointeger(L, lua_upvalueindex(1));
	const struct value *k;

	if (v == NULL || (size_t)i >= value_count(v))
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(1));
	if (v->type == VALUE_SEQ)
		lua_pushinteger(L, i + 1);
	else {
		k = value_key(v, (size_t)i);
		lua_pushlstring(L, k->str, k->len);
	}
	lua_getiuservalue(L, 1, 1); /* [.., key, t] */
	lua_pushvalue(L, -2);	    /* [.., key, t, key] */
	lua_rawget(L, -2);	    /* [.., key, t, t[key]] */
	lua_remove(L, -2);	    /* [.., key, value] */
	return 2;
}

static int
frozen_pairs(lua_State *L)
{
	luaL_checkudata(L, 1, FROZEN);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, frozen_next, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int
frozen_tostring(lua_State *L)
{
	const struct value *v;

	luaL_checkudata(L, 1, FROZEN);
	v = proxy_value(L, 1);
	lua_pushstring(L,
	    v != NULL && v->type == VALUE_SEQ ? "(a list)" : "(a map)");
	return 1;
}

static const luaL_Reg frozen_meta[] = {
	{ "__index", frozen_index },
	{ "__newindex", frozen_newindex },
	{ "__len", frozen_len },
	{ "__pairs", frozen_pairs },
	{ "__tostring", frozen_tostring },
	{ NULL, NULL },
};

/* Replace the table on top of the stack by a read-only proxy of it. */
static void
freeze(lua_State *L, const struct value *v)
{
	lua_newuserdatauv(L, 0, 2);			/* [t, proxy] */
	lua_insert(L, -2);				/* [proxy, t] */
	lua_setiuservalue(L, -2, 1);			/* [proxy] */
	lua_pushlightuserdata(L, (void *)(uintptr_t)v); /* [proxy, v] */
	lua_setiuservalue(L, -2, 2);			/* [proxy] */
	luaL_setmetatable(L, FROZEN);
}

static void
push_html(lua_State *L, const char *s, size_t len)
{
	lua_newuserdatauv(L, 0, 1);
	lua_pushlstring(L, s, len);
	lua_setiuservalue(L, -2, 1);
	luaL_setmetatable(L, SAFEHTML);
}

/* Push a frozen Lua view of 'v'; scalars stay strings. */
static void
push_value(lua_State *L, const struct value *v)
{
	size_t i;

	luaL_checkstack(L, 4, "data nested too deeply");
	switch (v->type) {
	case VALUE_NULL: lua_pushnil(L); return;
	case VALUE_STRING: lua_pushlstring(L, v->str, v->len); return;
	case VALUE_HTML: push_html(L, v->str, v->len); return;
	case VALUE_SEQ:
		lua_createtable(L, (int)v->n, 0);
		for (i = 0; i < v->n; i++) {
			push_value(L, v->items[i]);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	case VALUE_MAP:
		lua_createtable(L, 0, (int)(v->n / 2));
		for (i = 0; i + 1 < v->n; i += 2) {
			lua_pushlstring(L, v->items[i]->str, v->items[i]->len);
			push_value(L, v->items[i + 1]);
			lua_rawset(L, -3);
		}
		break;
	}
	freeze(L, v);
}

/*
 * Helpers for templates.
 */

/* The text of a value for {{ }}: escaped; nil is empty. */
/* What a Lua value is, in words, for messages. */
static const char *
kind_of(lua_State *L, int idx)
{
	switch (lua_type(L, idx)) {
	case LUA_TSTRING: return "text";
	case LUA_TNUMBER: return "a number";
	case LUA_TBOOLEAN: return "true or false";
	case LUA_TFUNCTION: return "a function";
	case LUA_TTABLE: return "a table";
	default:
		if (luaL_testudata(L, idx, FROZEN) != NULL)
			return "a list or map";
		if (luaL_testudata(L, idx, SAFEHTML) != NULL)
			return "HTML";
		return luaL_typename(L, idx);
	}
}

static int
l_out_text(lua_State *L)
{
	size_t	    len, i, start = 0;
	const char *s, *ent;
	luaL_Buffer b;

	switch (lua_type(L, 1)) {
	case LUA_TNIL:
	case LUA_TNONE: lua_pushliteral(L, ""); return 1;
	case LUA_TBOOLEAN:
		lua_pushstring(L, lua_toboolean(L, 1) ? "true" : "false");
		return 1;
	case LUA_TNUMBER:
	case LUA_TSTRING: break;
	default:
		if (luaL_testudata(L, 1, SAFEHTML) != NULL)
			return luaL_error(L,
			    "this is HTML: insert it with {{{ }}}, not {{ }}");
		return luaL_error(L,
		    "cannot insert %s as text (pick one field of it)",
		    kind_of(L, 1));
	}
	s = lua_tolstring(L, 1, &len);
	luaL_buffinit(L, &b); /* Lua-owned: nothing leaks on error */
	for (i = 0; i < len; i++) {
		if ((ent = html_entity((unsigned char)s[i])) == NULL)
			continue;
		luaL_addlstring(&b, s + start, i - start);
		luaL_addstring(&b, ent);
		start = i + 1;
	}
	luaL_addlstring(&b, s + start, len - start);
	luaL_pushresult(&b);
	return 1;
}

/* The HTML of a safe value for {{{ }}}; anything else is an error. */
static int
l_out_html(lua_State *L)
{
	if (lua_isnoneornil(L, 1)) {
		lua_pushliteral(L, "");
		return 1;
	}
	if (luaL_testudata(L, 1, SAFEHTML) == NULL)
		return luaL_error(L,
		    "{{{ }}} only inserts HTML that kindly made (Markdown, "
		    "include()); this is %s, so use {{ }}",
		    kind_of(L, 1));
	lua_getiuservalue(L, 1, 1);
	return 1;
}

static int
l_escape(lua_State *L)
{
	luaL_checkany(L, 1);
	lua_settop(L, 1);
	return l_out_text(L);
}

/*
 * Fill "{name}" placeholders in 'pat' from the table at 'idx' (or leave
 * them when idx is 0) and push the result.
 */
static void
fill(lua_State *L, const char *pat, int idx)
{
	luaL_Buffer b;
	const char *p = pat, *open, *close;

	luaL_buffinit(L, &b);
	while ((open = strchr(p, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL && idx != 0) {
		luaL_addlstring(&b, p, (size_t)(open - p));
		lua_pushlstring(L, open + 1, (size_t)(close - open - 1));
		if (lua_gettable(L, idx) == LUA_TNIL) {
			lua_pop(L, 1);
			luaL_addlstring(&b, open, (size_t)(close - open + 1));
		} else {
			luaL_tolstring(L, -1, NULL);
			lua_remove(L, -2);
			luaL_addvalue(&b);
		}
		p = close + 1;
	}
	luaL_addstring(&b, p);
	luaL_pushresult(&b);
}

/*
 * Theme string 'key'.  A string may be a map by audience (child,
 * young-person, parent, carer, ..., default): the reader's role picks.
 * NULL if the theme lacks it.
 */
static const char *
string_opt(lua_State *L, const char *key)
{
	struct tmpl	   *t = engine(L);
	const struct value *v = value_index_get(&t->strings_ix, key);
	const struct value *reader = value_get(t->vars, "reader");

	if (t->track != NULL)
		t->track(t->track_ud, 's', key);
	const char	   *role = value_str(value_get(reader, "role"));
	const struct value *c = NULL;

	if (v != NULL && v->type == VALUE_MAP) {
		if (role != NULL)
			c = value_get(v, role);
		if (c == NULL)
			c = value_get(v, "default");
		v = c;
	}
	return value_str(v);
}

static const char *
string_of(lua_State *L, const char *key)
{
	const char *s = string_opt(L, key);

	if (s == NULL)
		luaL_error(L,
		    "the theme has no string '%s' (add it to the theme's "
		    "strings file, as text or as a map with a 'default:')",
		    key);
	return s;
}

/* t(key [, {name = value}]): a theme string, placeholders filled. */
static int
l_t(lua_State *L)
{
	const char *s = string_of(L, luaL_checkstring(L, 1));

	if (!lua_isnoneornil(L, 2) && !lua_istable(L, 2))
		return luaL_argerror(L, 2, "a table of {name} values expected");
	fill(L, s, lua_isnoneornil(L, 2) ? 0 : 2);
	return 1;
}

static struct date
check_date(lua_State *L, int idx)
{
	size_t	    len;
	const char *s = luaL_checklstring(L, idx, &len);
	struct date d;

	if (date_parse(s, len, &d) != DATE_OK)
		luaL_error(L, "'%s' is not a date of the form YYYY-MM-DD", s);
	return d;
}

/* The n-th (1-based) item of the list string 'key'. */
static const char *
string_item(lua_State *L, const char *key, size_t n, size_t want)
{
	struct tmpl	   *t = engine(L);
	const struct value *v = value_index_get(&t->strings_ix, key);

	if (t->track != NULL)
		t->track(t->track_ud, 's', key);
	if (v == NULL || v->type != VALUE_SEQ || v->n != want ||
	    value_str(v->items[n - 1]) == NULL)
		luaL_error(L,
		    "the theme's strings need '%s' as a list of %d names", key,
		    (int)want);
	return v->items[n - 1]->str;
}

/* kindly.date("2025-03-14" [, "short"]): "Friday 14 March 2025". */
static int
l_date(lua_State *L)
{
	struct date d = check_date(L, 1);
	const char *style = luaL_optstring(L, 2, "long");
	const char *pat;

	if (strcmp(style, "long") == 0)
		pat = string_of(L, "date-long");
	else if (strcmp(style, "short") == 0)
		pat = string_of(L, "date-short");
	else
		return luaL_argerror(L, 2, "'long' or 'short' expected");
	lua_createtable(L, 0, 4);
	lua_pushstring(L,
	    string_item(L, "weekdays", (size_t)date_weekday(&d) + 1, 7));
	lua_setfield(L, -2, "weekday");
	lua_pushinteger(L, d.day);
	lua_setfield(L, -2, "day");
	lua_pushstring(L, string_item(L, "months", (size_t)d.month, 12));
	lua_setfield(L, -2, "month");
	lua_pushinteger(L, d.year);
	lua_setfield(L, -2, "year");
	fill(L, pat, lua_gettop(L));
	return 1;
}

/* kindly.time("14:30"): "2:30pm"; "10:00": "10am". */
static int
l_time(lua_State *L)
{
	size_t	    len;
	const char *s = luaL_checklstring(L, 1, &len);
	const char *am, *pm;
	int	    h, m;

	if (!date_time_parse(s, len, &h, &m))
		return luaL_error(L, "'%s' is not a time of the form HH:MM", s);
	if ((am = string_opt(L, "am")) == NULL)
		am = "am";
	if ((pm = string_opt(L, "pm")) == NULL)
		pm = "pm";
	if (m == 0)
		lua_pushfstring(L, "%d%s", h % 12 == 0 ? 12 : h % 12,
		    h < 12 ? am : pm);
	else
		lua_pushfstring(L, "%d:%s%s", h % 12 == 0 ? 12 : h % 12, s + 3,
		    h < 12 ? am : pm);
	return 1;
}

/* kindly.age(born [, on]): whole years. */
static int
l_age(lua_State *L)
{
	struct date born = check_date(L, 1), on;

	if (lua_isnoneornil(L, 2)) {
		const struct value *doc = value_get(engine(L)->vars, "doc");
		const struct value *dv = value_get(doc, "date");

		if (dv == NULL || date_parse(dv->str, dv->len, &on) != DATE_OK)
			return luaL_error(L,
			    "kindly.age() needs a second date here");
	} else
		on = check_date(L, 2);
	lua_pushinteger(L, date_age(&born, &on));
	return 1;
}

static const struct meter m_markdown;

/*
 * kindly.markdown(text): safe HTML; images are refused.  cmark's memory
 * is not Lua's, so it counts here: the text is at most MD_MAX bytes, and
 * the cap must have room for the most cmark can take for it, MD_WORST
 * bytes a byte (64 KiB of Markdown, 32 MiB, half the cap); what it did
 * take is counted as steps, as Lua's memory is.  Its HTML goes in a
 * scratch arena, emptied at each call, not the page's.
 */
static int
l_markdown(lua_State *L)
{
	struct tmpl	   *t = engine(L);
	size_t		    len;
	const char	   *s = luaL_checklstring(L, 1, &len);
	struct content_opts o = { "template text", 1, NULL, NULL, true };
	const char	   *why;
	char		   *html;

	if (len > MD_MAX)
		return luaL_error(L,
		    "kindly.markdown() takes at most %d bytes of text, and "
		    "this is %I (keep long texts in the documents)",
		    (int)MD_MAX, (lua_Integer)len);
	if (util_utf8_check(s, len) != len)
		return luaL_error(L, "kindly.markdown() was given bad UTF-8");
	room(L, len * MD_WORST);
	arena_release(&t->scratch);
	html = content_markdown_why(&t->scratch, &o, s, len, &why);
	spend(L, content_markdown_taken() / BYTES_PER_STEP, &m_markdown);
	if (html == NULL)
		return why != NULL
		    ? luaL_error(L, "kindly.markdown() was given %s", why)
		    : luaL_error(L,
			  "text given to kindly.markdown() cannot hold images");
	push_html(L, html, strlen(html));
	arena_release(&t->scratch);
	return 1;
}

/* The person (a struct value map) that argument 1 names. */
static const struct value *
check_person(lua_State *L)
{
	struct tmpl	   *t = engine(L);
	const struct value *p;
	const char	   *id;

	if (luaL_testudata(L, 1, FROZEN) != NULL) {
		p = proxy_value(L, 1);
		if (p != NULL && p->type == VALUE_MAP)
			return p;
	} else if ((id = lua_tostring(L, 1)) != NULL) {
		if ((p = value_get(value_get(t->vars, "people"), id)) != NULL ||
		    (p = value_get(t->staff, id)) != NULL ||
		    (p = value_get(value_get(t->vars, "agencies"), id)) != NULL)
			return p;
		luaL_error(L,
		    "name(): there is no person, staff member or agency '%s'",
		    id);
	}
	luaL_argerror(L, 1, "a person or a person's id expected");
	return NULL;
}

/* Push what the current reader calls person 'p'. */
static void
push_name(lua_State *L, const struct value *p)
{
	struct tmpl	   *t = engine(L);
	const struct value *reader = value_get(t->vars, "reader");
	const char	   *rid = value_str(value_get(reader, "id"));
	const char	   *pid = value_str(value_get(p, "id"));
	const char	   *role = value_str(value_get(reader, "role"));
	const struct value *rel = value_get(p, "relationship");
	const char	   *s;

	if (rid != NULL && pid != NULL && strcmp(rid, pid) == 0) {
		lua_pushstring(L, string_of(L, "you"));
		return;
	}
	if (rel != NULL && rel->type == VALUE_MAP && rid != NULL)
		rel = value_get(rel, rid);
	if (value_str(rel) != NULL && role != NULL &&
	    (strcmp(role, "child") == 0 || strcmp(role, "young-person") == 0)) {
		lua_createtable(L, 0, 1);
		lua_pushstring(L, rel->str);
		lua_setfield(L, -2, "relationship");
		fill(L, string_of(L, "your-relation"), lua_gettop(L));
		lua_remove(L, -2);
		return;
	}
	if ((s = value_str(value_get(p, "known-as"))) == NULL &&
	    (s = value_str(value_get(p, "name"))) == NULL)
		s = pid != NULL ? pid : "";
	lua_pushstring(L, s);
}

static int
l_name(lua_State *L)
{
	push_name(L, check_person(L));
	return 1;
}

/* Name(p): name(p) with a capital first letter, to start a sentence. */
static int
l_Name(lua_State *L)
{
	size_t	    len;
	const char *s;

	push_name(L, check_person(L));
	s = lua_tolstring(L, -1, &len);
	if (len > 0 && s[0] >= 'a' && s[0] <= 'z') {
		lua_pushfstring(L, "%c%s", s[0] - 'a' + 'A', s + 1);
		lua_remove(L, -2);
	}
	return 1;
}

/*
 * names(who): one id, or a list of ids, as the reader says them:
 * "your mum, Priya Shah and Riverford Primary School".  Each name is
 * added with luaL_addvalue() straight after it is made, and the
 * separators before it, so the buffer's use of the stack stays balanced.
 */
static int
l_names(lua_State *L)
{
	luaL_Buffer b;
	const char *and = string_opt(L, "and");
	lua_Integer i, n;

	if (lua_type(L, 1) == LUA_TSTRING ||
	    luaL_testudata(L, 1, FROZEN) == NULL || proxy_value(L, 1) == NULL ||
	    proxy_value(L, 1)->type != VALUE_SEQ)
		return l_name(L);
	n = luaL_len(L, 1);
	luaL_buffinit(L, &b);
	for (i = 1; i <= n; i++) {
		if (i > 1 && i < n)
			luaL_addstring(&b, ", ");
		else if (i > 1) {
			luaL_addchar(&b, ' ');
			luaL_addstring(&b, and != NULL ? and : "and");
			luaL_addchar(&b, ' ');
		}
		lua_pushcfunction(L, l_name);
		lua_geti(L, 1, i);
		lua_call(L, 1, 1);
		luaL_addvalue(&b);
	}
	luaL_pushresult(&b);
	return 1;
}

static int run_template(lua_State *L, const char *name);

/* include(name): another template, run with this render's data. */
static int
l_include(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	size_t	    len;
	const char *s;

	run_template(L, name); /* [name, html] */
	s = lua_tolstring(L, -1, &len);
	push_html(L, s, len);
	return 1;
}

static const luaL_Reg kindly_lib[] = {
	{ "escape", l_escape },
	{ "date", l_date },
	{ "age", l_age },
	{ "time", l_time },
	{ "markdown", l_markdown },
	{ NULL, NULL },
};

static const luaL_Reg global_fns[] = {
	{ "t", l_t },
	{ "name", l_name },
	{ "Name", l_Name },
	{ "names", l_names },
	{ "include", l_include },
	{ NULL, NULL },
};

static const char *const safe_names[] = {
	"assert",
	"error",
	"ipairs",
	"next",
	"pairs",
	"select",
	"tonumber",
	"tostring",
	"type",
	LUA_STRLIBNAME,
	LUA_TABLIBNAME,
	LUA_MATHLIBNAME,
	LUA_UTF8LIBNAME,
};

/*
 * Pattern matching.  Lua's matcher (lstrlib.c) tries every way a pattern
 * can match inside one C call, where the count hook never runs:
 * ".-.-.-b" on a long text would take hours.  This is the same matcher,
 * the same patterns with the same results (after lstrlib.c of Lua 5.4.4,
 * Copyright 1994-2022 Lua.org, PUC-Rio, MIT licence), that counts a step
 * for each thing it tries and charges them to the render every PM_TICK
 * steps.
 */
#define PM_TICK	    1024
#define PM_DEPTH    200	 /* recursion, as MAXCCALLS in lstrlib.c */
#define PM_CAPTURES 32	 /* as LUA_MAXCAPTURES */
#define PM_OPEN	    (-1) /* a capture not closed yet */
#define PM_POSITION (-2) /* a position capture, () */
#define PM_SPECIALS "^$*+?.([%-"

struct pm {
	lua_State	   *L;
	const struct meter *m;
	const char	   *src, *src_end, *p_end;
	unsigned long	    steps; /* not charged yet */
	int		    depth; /* recursion left */
	int		    level; /* captures, open or closed */
	struct {
		const char *init;
		ptrdiff_t   len;
	} cap[PM_CAPTURES];
};

static const char *pm_match(struct pm *, const char *s, const char *p);

static void
pm_start(struct pm *ms, lua_State *L, const struct meter *m, const char *s,
    size_t ls, const char *p, size_t lp)
{
	ms->L = L;
	ms->m = m;
	ms->src = s;
	ms->src_end = s + ls;
	ms->p_end = p + lp;
	ms->steps = 0;
	ms->depth = PM_DEPTH;
	ms->level = 0;
}

static void
pm_step(struct pm *ms, unsigned long n)
{
	if ((ms->steps += n) < PM_TICK)
		return;
	n = ms->steps;
	ms->steps = 0;
	spend(ms->L, n, ms->m);
}

/* Charge what is left, at the end of a call. */
static void
pm_done(struct pm *ms)
{
	unsigned long n = ms->steps;

	ms->steps = 0;
	spend(ms->L, n, ms->m);
}

static int
pm_capture_index(struct pm *ms, int l)
{
	l -= '1';
	if (l < 0 || l >= ms->level || ms->cap[l].len == PM_OPEN)
		return luaL_error(ms->L, "invalid capture index %%%d", l + 1);
	return l;
}

static int
pm_capture_to_close(struct pm *ms)
{
	int level;

	for (level = ms->level - 1; level >= 0; level--)
		if (ms->cap[level].len == PM_OPEN)
			return level;
	return luaL_error(ms->L, "invalid pattern capture");
}

/* Where the single-character class at 'p' ends; a set is counted. */
static const char *
pm_class_end(struct pm *ms, const char *p)
{
	const char *set = p;

	switch (*p++) {
	case '%':
		if (p == ms->p_end)
			luaL_error(ms->L, "malformed pattern (ends with '%%')");
		return p + 1;
	case '[':
		if (*p == '^')
			p++;
		do { /* look for a ']' */
			if (p == ms->p_end)
				luaL_error(ms->L,
				    "malformed pattern (missing ']')");
			if (*(p++) == '%' && p < ms->p_end)
				p++; /* skip escapes (e.g. '%]') */
		} while (*p != ']');
		pm_step(ms, (unsigned long)(p - set));
		return p + 1;
	default: return p;
	}
}

/* Does 'c' belong to class %cl? */
static int
pm_class(int c, int cl)
{
	int res;

	switch (tolower(cl)) {
	case 'a': res = isalpha(c); break;
	case 'c': res = iscntrl(c); break;
	case 'd': res = isdigit(c); break;
	case 'g': res = isgraph(c); break;
	case 'l': res = islower(c); break;
	case 'p': res = ispunct(c); break;
	case 's': res = isspace(c); break;
	case 'u': res = isupper(c); break;
	case 'w': res = isalnum(c); break;
	case 'x': res = isxdigit(c); break;
	case 'z': res = c == 0; break; /* deprecated option */
	default: return cl == c;
	}
	return islower(cl) ? res : !res;
}

/* Does 'c' belong to the set [...] from 'p' to its ']' at 'ec'? */
static int
pm_set(int c, const char *p, const char *ec)
{
	int sig = 1;

	if (*(p + 1) == '^') {
		sig = 0;
		p++; /* skip the '^' */
	}
	while (++p < ec) {
		if (*p == '%') {
			p++;
			if (pm_class(c, (unsigned char)*p))
				return sig;
		} else if (*(p + 1) == '-' && p + 2 < ec) {
			p += 2;
			if ((unsigned char)*(p - 2) <= c &&
			    c <= (unsigned char)*p)
				return sig;
		} else if ((unsigned char)*p == c)
			return sig;
	}
	return !sig;
}

static int
pm_single(struct pm *ms, const char *s, const char *p, const char *ep)
{
	int c;

	if (s >= ms->src_end)
		return 0;
	c = (unsigned char)*s;
	switch (*p) {
	case '.': return 1;
	case '%': return pm_class(c, (unsigned char)*(p + 1));
	case '[':
		pm_step(ms, (unsigned long)(ep - p));
		return pm_set(c, p, ep - 1);
	default: return (unsigned char)*p == c;
	}
}

static const char *
pm_balance(struct pm *ms, const char *s, const char *p)
{
	const char *from = s;
	int	    b, e, cont = 1;

	if (p >= ms->p_end - 1)
		luaL_error(ms->L,
		    "malformed pattern (missing arguments to '%%b')");
	if (*s != *p)
		return NULL;
	b = *p;
	e = *(p + 1);
	while (++s < ms->src_end) {
		if (*s == e) {
			if (--cont == 0)
				break;
		} else if (*s == b)
			cont++;
	}
	pm_step(ms, (unsigned long)(s - from));
	return s < ms->src_end ? s + 1 : NULL;
}

static const char *
pm_max_expand(struct pm *ms, const char *s, const char *p, const char *ep)
{
	ptrdiff_t   i = 0; /* the most repetitions that match */
	const char *res;

	while (pm_single(ms, s + i, p, ep))
		i++;
	pm_step(ms, (unsigned long)i);
	for (; i >= 0; i--) /* try the most, then one fewer */
		if ((res = pm_match(ms, s + i, ep + 1)) != NULL)
			return res;
	return NULL;
}

static const char *
pm_min_expand(struct pm *ms, const char *s, const char *p, const char *ep)
{
	const char *res;

	for (;;) {
		if ((res = pm_match(ms, s, ep + 1)) != NULL)
			return res;
		if (!pm_single(ms, s, p, ep))
			return NULL;
		s++; /* try with one more repetition */
	}
}

static const char *
pm_start_capture(struct pm *ms, const char *s, const char *p, int what)
{
	const char *res;

	if (ms->level >= PM_CAPTURES)
		luaL_error(ms->L, "too many captures");
	ms->cap[ms->level].init = s;
	ms->cap[ms->level].len = what;
	ms->level++;
	if ((res = pm_match(ms, s, p)) == NULL)
		ms->level--; /* undo capture */
	return res;
}

static const char *
pm_end_capture(struct pm *ms, const char *s, const char *p)
{
	int	    l = pm_capture_to_close(ms);
	const char *res;

	ms->cap[l].len = s - ms->cap[l].init; /* close capture */
	if ((res = pm_match(ms, s, p)) == NULL)
		ms->cap[l].len = PM_OPEN; /* undo capture */
	return res;
}

/* %1 to %9: the text capture l matched, again. */
static const char *
pm_match_capture(struct pm *ms, const char *s, int l)
{
	size_t len;

	l = pm_capture_index(ms, l);
	if (ms->cap[l].len < 0)
		return NULL; /* a position capture matches nothing */
	len = (size_t)ms->cap[l].len;
	pm_step(ms, len / BYTES_PER_STEP);
	if ((size_t)(ms->src_end - s) >= len &&
	    memcmp(ms->cap[l].init, s, len) == 0)
		return s + len;
	return NULL;
}

static const char *
pm_match(struct pm *ms, const char *s, const char *p)
{
	const char *ep;
	char	    previous;

	if (ms->depth-- == 0)
		luaL_error(ms->L, "pattern too complex");
init: /* goto instead of tail recursion */
	pm_step(ms, 1);
	if (p == ms->p_end)
		goto out;
	switch (*p) {
	case '(': /* a capture starts; "()" captures the position */
		if (*(p + 1) == ')')
			s = pm_start_capture(ms, s, p + 2, PM_POSITION);
		else
			s = pm_start_capture(ms, s, p + 1, PM_OPEN);
		break;
	case ')': s = pm_end_capture(ms, s, p + 1); break;
	case '$':
		if (p + 1 != ms->p_end) /* not the last in the pattern? */
			goto dflt;
		s = s == ms->src_end ? s : NULL;
		break;
	case '%':
		switch (*(p + 1)) {
		case 'b': /* balanced string */
			s = pm_balance(ms, s, p + 2);
			if (s != NULL) {
				p += 4;
				goto init;
			}
			break;
		case 'f': /* frontier */
			p += 2;
			if (*p != '[')
				luaL_error(ms->L,
				    "missing '[' after '%%f' in pattern");
			ep = pm_class_end(ms, p);
			pm_step(ms, (unsigned long)(ep - p));
			previous = s == ms->src ? '\0' : *(s - 1);
			if (!pm_set((unsigned char)previous, p, ep - 1) &&
			    pm_set((unsigned char)*s, p, ep - 1)) {
				p = ep;
				goto init;
			}
			s = NULL;
			break;
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
		case '8':
		case '9': /* a capture again */
			s = pm_match_capture(ms, s, (unsigned char)*(p + 1));
			if (s != NULL) {
				p += 2;
				goto init;
			}
			break;
		default: goto dflt;
		}
		break;
	default:
	dflt: /* a class with an optional '?', '+', '*' or '-' */
		ep = pm_class_end(ms, p);
		if (!pm_single(ms, s, p, ep)) {
			if (*ep == '*' || *ep == '?' || *ep == '-') {
				p = ep + 1; /* none will do */
				goto init;
			}
			s = NULL; /* '+' or no suffix */
			break;
		}
		switch (*ep) { /* matched once */
		case '?': {
			const char *res = pm_match(ms, s + 1, ep + 1);

			if (res != NULL)
				s = res;
			else {
				p = ep + 1;
				goto init;
			}
			break;
		}
		case '+': s = pm_max_expand(ms, s + 1, p, ep); break;
		case '*': s = pm_max_expand(ms, s, p, ep); break;
		case '-': s = pm_min_expand(ms, s, p, ep); break;
		default:
			s++;
			p = ep;
			goto init;
		}
		break;
	}
out:
	ms->depth++;
	return s;
}

/* lmemfind(): a plain search, a step for each place tried. */
static const char *
pm_find_plain(struct pm *ms, const char *s1, size_t l1, const char *s2,
    size_t l2)
{
	const char *init;

	if (l2 == 0)
		return s1; /* empty strings are everywhere */
	if (l2 > l1)
		return NULL;
	l2--; /* the first byte is memchr()'s */
	l1 -= l2;
	while (l1 > 0 && (init = memchr(s1, *s2, l1)) != NULL) {
		init++;
		pm_step(ms, 1 + ((size_t)(init - s1) + l2) / BYTES_PER_STEP);
		if (memcmp(init, s2 + 1, l2) == 0)
			return init - 1;
		l1 -= (size_t)(init - s1);
		s1 = init;
	}
	pm_step(ms, l1 / BYTES_PER_STEP);
	return NULL;
}

/*
 * Capture i, or the whole match s..e when there are no captures.  A
 * position capture is pushed and PM_POSITION returned.
 */
static ptrdiff_t
pm_get_capture(struct pm *ms, int i, const char *s, const char *e,
    const char **cap)
{
	ptrdiff_t len;

	if (i >= ms->level) {
		if (i != 0)
			luaL_error(ms->L, "invalid capture index %%%d", i + 1);
		*cap = s;
		return e - s;
	}
	len = ms->cap[i].len;
	*cap = ms->cap[i].init;
	if (len == PM_OPEN)
		luaL_error(ms->L, "unfinished capture");
	else if (len == PM_POSITION)
		lua_pushinteger(ms->L, (ms->cap[i].init - ms->src) + 1);
	return len;
}

static void
pm_push_capture(struct pm *ms, int i, const char *s, const char *e)
{
	const char *cap;
	ptrdiff_t   len = pm_get_capture(ms, i, s, e, &cap);

	if (len != PM_POSITION)
		lua_pushlstring(ms->L, cap, (size_t)len);
}

static int
pm_push_captures(struct pm *ms, const char *s, const char *e)
{
	int i, n = ms->level == 0 && s != NULL ? 1 : ms->level;

	luaL_checkstack(ms->L, n, "too many captures");
	for (i = 0; i < n; i++)
		pm_push_capture(ms, i, s, e);
	return n;
}

/* Has the pattern no special characters (a '\0' may be in it)? */
static bool
pm_is_plain(const char *p, size_t l)
{
	size_t upto = 0;

	do {
		if (strpbrk(p + upto, PM_SPECIALS) != NULL)
			return false;
		upto += strlen(p + upto) + 1;
	} while (upto <= l);
	return true;
}

/* posrelatI(): a start position, from 1. */
static size_t
pm_init(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	if (pos == 0 || 0u - (lua_Unsigned)pos > len)
		return 1;
	return len - (size_t)(0u - (lua_Unsigned)pos) + 1;
}

static const struct meter m_find, m_match, m_gmatch, m_gsub;

static int
pm_find_aux(lua_State *L, bool find)
{
	size_t	    ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t	    init = pm_init(luaL_optinteger(L, 3, 1), ls) - 1;
	struct pm   ms;
	const char *s1, *res;
	bool	    anchor;
	int	    n = 1;

	if (init > ls) { /* start after the end? */
		lua_pushnil(L);
		return 1;
	}
	pm_start(&ms, L, find ? &m_find : &m_match, s, ls, p, lp);
	pm_step(&ms, lp / BYTES_PER_STEP);
	if (find && (lua_toboolean(L, 4) || pm_is_plain(p, lp))) {
		if ((s1 = pm_find_plain(&ms, s + init, ls - init, p, lp)) ==
		    NULL)
			goto fail;
		lua_pushinteger(L, (s1 - s) + 1);
		lua_pushinteger(L, (lua_Integer)((size_t)(s1 - s) + lp));
		n = 2;
		goto done;
	}
	s1 = s + init;
	if ((anchor = *p == '^')) {
		p++;
		lp--;
		ms.p_end = p + lp;
	}
	do {
		ms.level = 0;
		if ((res = pm_match(&ms, s1, p)) == NULL)
			continue;
		if (find) {
			lua_pushinteger(L, (s1 - s) + 1);
			lua_pushinteger(L, res - s);
			n = pm_push_captures(&ms, NULL, 0) + 2;
		} else
			n = pm_push_captures(&ms, s1, res);
		goto done;
	} while (s1++ < ms.src_end && !anchor);
fail:
	lua_pushnil(L);
done:
	pm_done(&ms);
	return n;
}

static int
pm_find(lua_State *L, lua_CFunction lua)
{
	(void)lua;
	return pm_find_aux(L, true);
}

static int
pm_match_fn(lua_State *L, lua_CFunction lua)
{
	(void)lua;
	return pm_find_aux(L, false);
}

/* gmatch()'s iterator: upvalues the text, the pattern and its state. */
struct pm_iter {
	const char *src, *p, *lastmatch;
	struct pm   ms;
};

static int
pm_gmatch_next(lua_State *L)
{
	struct pm_iter *gm = lua_touserdata(L, lua_upvalueindex(3));
	const char     *src, *e;
	int		n = 0;

	gm->ms.L = L;
	gm->ms.depth = PM_DEPTH;
	gm->ms.steps = 1; /* the call */
	for (src = gm->src; src <= gm->ms.src_end; src++) {
		gm->ms.level = 0;
		if ((e = pm_match(&gm->ms, src, gm->p)) != NULL &&
		    e != gm->lastmatch) {
			gm->src = gm->lastmatch = e;
			n = pm_push_captures(&gm->ms, src, e);
			break;
		}
	}
	pm_done(&gm->ms);
	return n;
}

static int
pm_gmatch(lua_State *L, lua_CFunction lua)
{
	size_t		ls, lp;
	const char     *s = luaL_checklstring(L, 1, &ls);
	const char     *p = luaL_checklstring(L, 2, &lp);
	size_t		init = pm_init(luaL_optinteger(L, 3, 1), ls) - 1;
	struct pm_iter *gm;

	(void)lua;
	lua_settop(L, 2); /* the closure keeps the strings */
	gm = lua_newuserdatauv(L, sizeof(*gm), 0);
	if (init > ls)
		init = ls + 1;
	pm_start(&gm->ms, L, &m_gmatch, s, ls, p, lp);
	gm->src = s + init;
	gm->p = p;
	gm->lastmatch = NULL;
	lua_pushcclosure(L, pm_gmatch_next, 3);
	return 1;
}

/* gsub()'s replacement text, with %0 to %9, for the match s..e. */
static void
pm_add_text(struct pm *ms, luaL_Buffer *b, const char *s, const char *e)
{
	lua_State  *L = ms->L;
	size_t	    l, n;
	const char *news = lua_tolstring(L, 3, &l), *p, *cap;
	ptrdiff_t   len;

	pm_step(ms, l / BYTES_PER_STEP);
	while ((p = memchr(news, '%', l)) != NULL) {
		n = (size_t)(p - news);
		luaL_addlstring(b, news, n);
		p++; /* skip the '%' */
		if (*p == '%')
			luaL_addchar(b, *p);
		else if (*p == '0')
			luaL_addlstring(b, s, (size_t)(e - s));
		else if (isdigit((unsigned char)*p)) {
			len = pm_get_capture(ms, *p - '1', s, e, &cap);
			if (len == PM_POSITION)
				luaL_addvalue(b);
			else
				luaL_addlstring(b, cap, (size_t)len);
		} else
			luaL_error(L,
			    "invalid use of '%c' in replacement string", '%');
		l -= (size_t)(p + 1 - news);
		news = p + 1;
	}
	luaL_addlstring(b, news, l);
}

/* Add gsub()'s replacement for s..e to 'b'; false if it kept the text. */
static bool
pm_add_value(struct pm *ms, luaL_Buffer *b, const char *s, const char *e,
    int tr)
{
	lua_State *L = ms->L;

	switch (tr) {
	case LUA_TFUNCTION:
		lua_pushvalue(L, 3);
		lua_call(L, pm_push_captures(ms, s, e), 1);
		break;
	case LUA_TTABLE:
		pm_push_capture(ms, 0, s, e);
		lua_gettable(L, 3);
		break;
	default: /* LUA_TNUMBER or LUA_TSTRING */
		pm_add_text(ms, b, s, e);
		return true;
	}
	if (!lua_toboolean(L, -1)) { /* nil or false: keep the text */
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s));
		return false;
	}
	if (!lua_isstring(L, -1))
		luaL_error(L, "invalid replacement value (a %s)",
		    luaL_typename(L, -1));
	luaL_addvalue(b);
	return true;
}

static int
pm_gsub(lua_State *L, lua_CFunction lua)
{
	size_t	    srcl, lp;
	const char *src = luaL_checklstring(L, 1, &srcl);
	const char *p = luaL_checklstring(L, 2, &lp);
	const char *lastmatch = NULL, *e;
	int	    tr = lua_type(L, 3);
	lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
	lua_Integer n = 0;
	bool	    anchor = *p == '^', changed = false;
	struct pm   ms;
	luaL_Buffer b;

	(void)lua;
	luaL_argexpected(L,
	    tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
		tr == LUA_TTABLE,
	    3, "string/function/table");
	luaL_buffinit(L, &b);
	if (anchor) {
		p++;
		lp--;
	}
	pm_start(&ms, L, &m_gsub, src, srcl, p, lp);
	while (n < max_s) {
		ms.level = 0;
		if ((e = pm_match(&ms, src, p)) != NULL && e != lastmatch) {
			n++;
			changed = pm_add_value(&ms, &b, src, e, tr) || changed;
			src = lastmatch = e;
		} else if (src < ms.src_end)
			luaL_addchar(&b, *src++);
		else
			break;
		if (anchor)
			break;
	}
	if (!changed)
		lua_pushvalue(L, 1); /* the text as it was */
	else {
		luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
		luaL_pushresult(&b);
	}
	lua_pushinteger(L, n);
	pm_done(&ms);
	return 2;
}

/*
 * The libraries as templates see them.
 */

#define HINT_LOOP    "is there a loop that never ends?"
#define HINT_SIZE    "is a text, a list or a count too long?"
#define HINT_PATTERN "make the pattern simpler, or search a shorter text"

/*
 * string.rep(s, n, sep): Lua's loops n times even when it makes
 * nothing, so an empty text or a count past the memory cap stop here.
 */
static int
run_rep(lua_State *L, lua_CFunction lua)
{
	size_t	    l, lsep;
	lua_Integer n;

	luaL_checklstring(L, 1, &l);
	n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n <= 0 || l + lsep == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	room(L,
	    (lua_Unsigned)n > SIZE_MAX / (l + lsep) ? SIZE_MAX
						    : (size_t)n * (l + lsep));
	return lua(L);
}

static const struct meter m_sort;

/* table.sort()'s order when it is given none: a step a comparison. */
static int
sort_less(lua_State *L)
{
	size_t a = 0, b = 0;

	if (lua_type(L, 1) == LUA_TSTRING && lua_type(L, 2) == LUA_TSTRING) {
		a = lua_rawlen(L, 1);
		b = lua_rawlen(L, 2);
	}
	spend(L, 1 + (a < b ? a : b) / BYTES_PER_STEP, &m_sort);
	lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
	return 1;
}

static int
run_sort(lua_State *L, lua_CFunction lua)
{
	if (lua_isnoneornil(L, 2)) {
		lua_settop(L, 1);
		lua_pushcfunction(L, sort_less);
	}
	return lua(L);
}

static const struct meter m_codes;

/*
 * utf8.codes()'s iterator: upvalue 1 is Lua's, which skips any number
 * of continuation bytes at a call.
 */
static int
codes_next(lua_State *L)
{
	lua_CFunction next = lua_tocfunction(L, lua_upvalueindex(1));
	lua_Integer   from = lua_tointeger(L, 2), to;
	size_t len = lua_type(L, 1) == LUA_TSTRING ? lua_rawlen(L, 1) : 0;
	int    n;

	n = next(L);
	to = n == 2 ? lua_tointeger(L, -2) : (lua_Integer)len;
	spend(L, 1 + (to > from ? span(from, to) / BYTES_PER_STEP : 0),
	    &m_codes);
	return n;
}

static int
run_codes(lua_State *L, lua_CFunction lua)
{
	int n = lua(L); /* [.., next, s, 0] */

	lua_pushvalue(L, -3);
	lua_pushcclosure(L, codes_next, 1);
	lua_replace(L, -4);
	return n;
}

static const struct meter m_find = { "string", "find", "string.find()", pm_find,
	NULL, false, HINT_PATTERN };
static const struct meter m_match = { "string", "match", "string.match()",
	pm_match_fn, NULL, false, HINT_PATTERN };
static const struct meter m_gmatch = { "string", "gmatch", "string.gmatch()",
	pm_gmatch, NULL, false, HINT_PATTERN };
static const struct meter m_gsub = { "string", "gsub", "string.gsub()", pm_gsub,
	NULL, false, HINT_PATTERN };
static const struct meter m_sort = { "table", "sort", "table.sort()", run_sort,
	NULL, false, HINT_SIZE };
static const struct meter m_codes = { "utf8", "codes", "utf8.codes()",
	run_codes, NULL, false, HINT_SIZE };
static const struct meter m_markdown = { "kindly", "markdown",
	"kindly.markdown()", NULL, NULL, false, HINT_SIZE };

/* A function that goes through its arguments, or reads each text whole. */
#define BY_ARGS(lib, key, what)                                                \
	lib, key, what, NULL, cost_args, false, HINT_SIZE
/* One that loops over a range given in its arguments. */
#define BY_RANGE(lib, key, what, cost)                                         \
	lib, key, what, NULL, cost, false, HINT_SIZE
/* One that makes a result for each item it goes through. */
#define BY_RESULTS(lib, key, what) lib, key, what, NULL, NULL, true, HINT_SIZE

/* What each function costs beyond a step a call; metamethods too. */
static const struct meter meters[] = {
	{ BY_ARGS("_G", "assert", "assert()") },
	{ BY_ARGS("_G", "select", "select()") },
	{ BY_ARGS("_G", "tonumber", "tonumber()") },
	{ BY_RESULTS("string", "byte", "string.byte()") },
	{ BY_ARGS("string", "char", "string.char()") },
	{ BY_ARGS("string", "format", "string.format()") },
	{ "string", "rep", "string.rep()", run_rep, NULL, false, HINT_SIZE },
	{ BY_ARGS("string", "__add", "adding text") },
	{ BY_ARGS("string", "__sub", "subtracting text") },
	{ BY_ARGS("string", "__mul", "multiplying text") },
	{ BY_ARGS("string", "__div", "dividing text") },
	{ BY_ARGS("string", "__idiv", "dividing text") },
	{ BY_ARGS("string", "__mod", "dividing text") },
	{ BY_ARGS("string", "__pow", "raising text to a power") },
	{ BY_ARGS("string", "__unm", "negating text") },
	{ BY_RANGE("table", "concat", "table.concat()", cost_concat) },
	{ BY_RANGE("table", "insert", "table.insert()", cost_insert) },
	{ BY_RANGE("table", "remove", "table.remove()", cost_remove) },
	{ BY_RANGE("table", "move", "table.move()", cost_move) },
	{ BY_ARGS("table", "pack", "table.pack()") },
	{ BY_RESULTS("table", "unpack", "table.unpack()") },
	{ BY_ARGS("utf8", "char", "utf8.char()") },
	{ BY_RESULTS("utf8", "codepoint", "utf8.codepoint()") },
	{ BY_RANGE("utf8", "len", "utf8.len()", cost_utf8_len) },
	{ BY_RANGE("utf8", "offset", "utf8.offset()", cost_utf8_offset) },
};

/* The replacements, and what math's functions read. */
static const struct meter *const special[] = {
	&m_find,
	&m_match,
	&m_gmatch,
	&m_gsub,
	&m_sort,
	&m_codes,
	&m_markdown,
};

static const struct meter m_math = { "math", NULL, "a math function", NULL,
	cost_args, false, HINT_SIZE };
static const struct meter m_call = { NULL, NULL, NULL, NULL, NULL, false,
	HINT_LOOP };

static const struct meter *
meter_of(const char *lib, const char *key)
{
	size_t i;

	for (i = 0; i < LEN(meters); i++)
		if (strcmp(meters[i].lib, lib) == 0 &&
		    strcmp(meters[i].key, key) == 0)
			return &meters[i];
	for (i = 0; i < LEN(special); i++)
		if (strcmp(special[i]->lib, lib) == 0 &&
		    strcmp(special[i]->key, key) == 0)
			return special[i];
	return strcmp(lib, "math") == 0 ? &m_math : &m_call;
}

/* Wrap each C function of the table on top of the stack in metered(). */
static void
meter_lib(lua_State *L, const char *lib)
{
	lua_CFunction fn;

	lua_pushnil(L);
	while (lua_next(L, -2)) { /* [t, k, v] */
		fn = lua_tocfunction(L, -1);
		if (fn != NULL && lua_getupvalue(L, -1, 1) != NULL)
			lua_pop(L, 1); /* a closure: metered() already */
		else if (fn != NULL && lua_type(L, -2) == LUA_TSTRING) {
			lua_pushlightuserdata(L,
			    (void *)(uintptr_t)meter_of(lib,
				lua_tostring(L, -2)));
			lua_pushcfunction(L, fn);
			lua_pushcclosure(L, metered, 2); /* [t, k, v, f] */
			lua_pushvalue(L, -3);
			lua_insert(L, -2); /* [t, k, v, k, f] */
			/* an existing field: next() goes on */
			lua_rawset(L, -5);
		}
		lua_pop(L, 1); /* [t, k] */
	}
}

/* Build SAFE = frozen { allow-listed globals, kindly = {...} }. */
static int
setup(lua_State *L)
{
	size_t i;

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	lua_settop(L, 0);

	/*
	 * string.dump would hand out bytecode; strings' metatable shares
	 * the table.  pack() and unpack() are for binary data, not pages.
	 */
	lua_getglobal(L, LUA_STRLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	lua_pushnil(L);
	lua_setfield(L, -2, "pack");
	lua_pushnil(L);
	lua_setfield(L, -2, "packsize");
	lua_pushnil(L);
	lua_setfield(L, -2, "unpack");
	meter_lib(L, LUA_STRLIBNAME);
	lua_pop(L, 1);
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1); /* ["", mt]: arithmetic on strings */
	meter_lib(L, LUA_STRLIBNAME);
	lua_pop(L, 2);
	lua_pushglobaltable(L);
	meter_lib(L, LUA_GNAME);
	lua_pop(L, 1);
	lua_getglobal(L, LUA_TABLIBNAME);
	meter_lib(L, LUA_TABLIBNAME);
	lua_pop(L, 1);
	lua_getglobal(L, LUA_UTF8LIBNAME);
	meter_lib(L, LUA_UTF8LIBNAME);
	lua_pop(L, 1);
	/* math.random would make output differ from build to build */
	lua_getglobal(L, LUA_MATHLIBNAME);
	lua_pushnil(L);
	lua_setfield(L, -2, "random");
	lua_pushnil(L);
	lua_setfield(L, -2, "randomseed");
	meter_lib(L, LUA_MATHLIBNAME);
	lua_pop(L, 1);

	luaL_newmetatable(L, FROZEN); /* [mt] */
	luaL_setfuncs(L, frozen_meta, 0);
	lua_pushliteral(L, "frozen");
	lua_setfield(L, -2, "__metatable"); /* getmetatable() lies */
	lua_pop(L, 1);			    /* [] */
	luaL_newmetatable(L, SAFEHTML);
	lua_pushliteral(L, "HTML");
	lua_setfield(L, -2, "__name");
	lua_pushliteral(L, "frozen");
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);

	lua_newtable(L); /* [safe] */
	for (i = 0; i < LEN(safe_names); i++) {
		if (lua_getglobal(L, safe_names[i]) == LUA_TTABLE) {
			lua_newtable(L); /* [safe, lib, copy] */
			lua_pushnil(L);
			while (lua_next(L, -3)) { /* shallow copy */
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, -4);
			}
			freeze(L, NULL); /* [safe, lib, copy'] */
			lua_remove(L, -2);
		}
		lua_setfield(L, -2, safe_names[i]); /* [safe] */
	}
	luaL_setfuncs(L, global_fns, 0);
	meter_lib(L, "");
	luaL_newlib(L, kindly_lib);
	meter_lib(L, "kindly");
	freeze(L, NULL);
	lua_setfield(L, -2, "kindly");
	freeze(L, NULL);
	lua_setfield(L, LUA_REGISTRYINDEX, SAFE_KEY); /* [] */
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, GLOBALS_KEY);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, CACHE_KEY);
	return 0;
}

struct tmpl *
tmpl_new(const struct tmpl_limits *lim, tmpl_source_fn *source, void *ud)
{
	struct tmpl *t = xcalloc(1, sizeof(*t));

	t->mem_limit = SIZE_MAX;
	t->mem_cap = lim->mem;
	t->step_limit = lim->steps;
	t->ms = lim->ms;
	t->source = source;
	t->ud = ud;
	if ((t->L = lua_newstate(capped_alloc, t)) == NULL)
		oom();
	*(struct tmpl **)lua_getextraspace(t->L) = t;
	lua_pushcfunction(t->L, setup);
	if (lua_pcall(t->L, 0, 0, 0) != LUA_OK)
		oom(); /* only memory can fail here */
	return t;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	lua_close(t->L);
	value_index_free(&t->strings_ix);
	while (t->nknown > 0)
		free(t->known[--t->nknown].name);
	free(t->known);
	arena_release(&t->scratch);
	free(t);
}

/* Protected part of tmpl_global(): [name, v] -> []. */
static int
set_global(lua_State *L)
{
	const struct value *v = lua_touserdata(L, 2);

	lua_getfield(L, LUA_REGISTRYINDEX, GLOBALS_KEY); /* [n, v, g] */
	lua_pushvalue(L, 1);
	push_value(L, v);
	lua_rawset(L, -3);
	return 0;
}

void
tmpl_global(struct tmpl *t, const char *name, const struct value *v)
{
	lua_pushcfunction(t->L, set_global);
	lua_pushstring(t->L, name);
	lua_pushlightuserdata(t->L, (void *)(uintptr_t)v);
	if (lua_pcall(t->L, 2, 0, 0) != LUA_OK)
		oom();
}

void
tmpl_track(struct tmpl *t, tmpl_track_fn *fn, void *ud)
{
	t->track = fn;
	t->track_ud = ud;
}

void
tmpl_strings(struct tmpl *t, const struct value *strings)
{
	value_index_free(&t->strings_ix);
	value_index_make(&t->strings_ix, strings);
	tmpl_global(t, "strings", strings);
}

void
tmpl_staff(struct tmpl *t, const struct value *staff)
{
	t->staff = staff;
	tmpl_global(t, "staff", staff);
}

/* Remove Lua's "file:line: " from 'msg' and store the line in '*line'. */
static const char *
strip_where(const char *msg, unsigned *line)
{
	const char   *p;
	char	     *end;
	unsigned long n;

	for (p = strchr(msg, ':'); p != NULL; p = strchr(p + 1, ':')) {
		if (p[1] < '0' || p[1] > '9')
			continue;
		n = strtoul(p + 1, &end, 10);
		if (end[0] == ':' && end[1] == ' ') {
			*line = (unsigned)n;
			return end + 2;
		}
	}
	return msg;
}

/*
 * Lua's messages can name the locals of the generated code ("near
 * '_n'"); say "near the end of a tag" instead.  Pushes the new message.
 */
static const char *
tidy_message(lua_State *L, const char *msg)
{
	return luaL_gsub(L, msg, "near '_n'", "near the end of a tag");
}

/*
 * Message handler: runs before unwinding, so the failing frame is known.
 * A message can be any size (error() takes any text): only what can be
 * shown is kept.  The cap is lifted, as the handler needs little.
 */
static int
on_error(lua_State *L)
{
	struct tmpl *t = engine(L);
	const char  *msg = lua_tostring(L, 1);
	unsigned     line = 0;
	size_t	     len;

	t->mem_limit = SIZE_MAX;
	if (msg == NULL)
		msg = lua_pushfstring(L, "error object is a %s value",
		    luaL_typename(L, 1));
	if (!t->placed)
		locate(L, t);
	msg = strip_where(msg, &line);
	len = strlen(msg);
	lua_pushlstring(L, msg, len > MSG_MAX ? MSG_MAX + 1 : len);
	tidy_message(L, lua_tostring(L, -1));
	return 1;
}

/* The index in t->known of template 'name', or t->nknown. */
static size_t
known_ix(const struct tmpl *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nknown && strcmp(t->known[i].name, name) != 0; i++)
		;
	return i;
}

/*
 * The template at fault: the one whose line t->errpos is, or else the
 * innermost one running.  Its index in t->known, or t->nknown.
 */
static size_t
at_fault(const struct tmpl *t)
{
	size_t i;

	if (t->errpos.file != NULL)
		for (i = 0; i < t->nknown; i++)
			if (strcmp(t->known[i].shown, t->errpos.file) == 0)
				return i;
	for (i = t->depth; i-- > 0;)
		if (t->running_ix[i] < t->nknown)
			return t->running_ix[i];
	return t->nknown;
}

/*
 * Report 'msg' at 'pos' on one line: control characters become spaces,
 * and past MSG_MAX bytes it is cut, between two UTF-8 characters.
 */
static void
report(const struct srcpos *pos, const char *msg)
{
	char   out[MSG_MAX + 4];
	size_t i, len = strlen(msg), keep = len;

	if (len > MSG_MAX)
		for (keep = MSG_MAX;
		     keep > 0 && ((unsigned char)msg[keep] & 0xc0) == 0x80;
		     keep--)
			;
	for (i = 0; i < keep; i++)
		out[i] = (unsigned char)msg[i] < 0x20 || msg[i] == 0x7f
		    ? ' '
		    : msg[i];
	if (keep < len) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
	diag_error(pos, "%s", out);
}

/*
 * Push the compiled chunk for template 'name', compiling it on first
 * use.  Raises an error if there is no such template or it does not
 * compile.
 */
static void
push_chunk(lua_State *L, const char *name)
{
	struct tmpl *t = engine(L);
	const char  *src, *shown;
	size_t	     len;
	struct buf   code = { 0 };
	int	     st;

	if (t->track != NULL)
		t->track(t->track_ud, 't', name);
	lua_getfield(L, LUA_REGISTRYINDEX, CACHE_KEY); /* [cache] */
	if (lua_getfield(L, -1, name) == LUA_TFUNCTION) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1); /* [cache] */
	if ((src = t->source(t->ud, name, &len, &shown)) == NULL)
		luaL_error(L, "there is no template '%s' in the theme", name);
	lua_pushfstring(L, "@%s", shown); /* [cache, chunkname] */
	if (tmpl_compile(shown, src, len, &code) == -1) {
		buf_release(&code);
		t->reported = true;
		lua_pushliteral(L, "");
		lua_error(L);
	}
	st = luaL_loadbufferx(L, code.ptr, code.len, lua_tostring(L, -1), "t");
	buf_release(&code);
	if (st != LUA_OK) { /* [cache, chunkname, msg] */
		unsigned    line = 0;
		const char *msg =
		    tidy_message(L, strip_where(lua_tostring(L, -1), &line));

		/* this template's own line, not that of its include() */
		snprintf(t->errfile, sizeof(t->errfile), "%s", shown);
		t->errpos.file = t->errfile;
		t->errpos.line = line;
		t->placed = true;
		snprintf(t->errmsg, sizeof(t->errmsg), "%s", msg);
		lua_error(L);
	}
	lua_remove(L, -2);	   /* [cache, chunk] */
	lua_pushvalue(L, -1);	   /* [cache, chunk, chunk] */
	lua_setfield(L, -3, name); /* [cache, chunk] */
	lua_remove(L, -2);	   /* [chunk] */
	t->known = xreallocarray(t->known, t->nknown + 1, sizeof(*t->known));
	t->known[t->nknown].name = xstrdup(name);
	t->known[t->nknown++].shown = shown;
}

/* Run template 'name' with this render's _ENV; push its output. */
static int
run_template(lua_State *L, const char *name)
{
	struct tmpl *t = engine(L);

	if (t->depth >= MAX_INCLUDE)
		return luaL_error(L,
		    "templates include each other more than %d deep",
		    MAX_INCLUDE);
	t->running_ix[t->depth++] = t->nknown; /* none, until it is known */
	push_chunk(L, name);		       /* [chunk] */
	t->running_ix[t->depth - 1] = known_ix(t, name);
	lua_getfield(L, LUA_REGISTRYINDEX, ENV_KEY); /* [chunk, env] */
	if (lua_setupvalue(L, -2, 1) == NULL)	     /* _ENV := env */
		lua_pop(L, 1);
	lua_pushcfunction(L, l_out_text);
	lua_pushcfunction(L, l_out_html);
	lua_getglobal(L, LUA_TABLIBNAME);
	lua_getfield(L, -1, "concat");
	lua_remove(L, -2); /* [chunk, _e, _h, concat] */
	lua_call(L, 3, 1); /* [out] */
	if (lua_type(L, -1) != LUA_TSTRING)
		return luaL_error(L, "template '%s' did not give text", name);
	t->depth--;
	return 1;
}

/* Protected part of tmpl_render(): [name] -> [page]. */
static int
render(lua_State *L)
{
	struct tmpl *t = engine(L);
	const char  *name = lua_tostring(L, 1);
	size_t	     i, len, layouts = 0;
	const char  *s;

	lua_newtable(L);	  /* [name, env] */
	lua_createtable(L, 0, 1); /* [name, env, mt] */
	lua_getfield(L, LUA_REGISTRYINDEX, SAFE_KEY);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, -2); /* [name, env] */
	lua_getfield(L, LUA_REGISTRYINDEX, GLOBALS_KEY);
	lua_pushnil(L);
	while (lua_next(L, -2)) { /* [name, env, g, k, v] */
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -5);
	}
	lua_pop(L, 1); /* [name, env] */
	for (i = 0; i < value_count(t->vars); i++) {
		lua_pushstring(L, value_key(t->vars, i)->str);
		push_value(L, value_at(t->vars, i));
		lua_rawset(L, -3);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, ENV_KEY); /* [name, env] */
	run_template(L, name);			     /* [name, env, out] */
	while (lua_getfield(L, 2, "layout") == LUA_TSTRING) {
		if (++layouts > MAX_INCLUDE)
			return luaL_error(L, "layouts nest more than %d deep",
			    MAX_INCLUDE);
		lua_pushnil(L); /* [.., out, layout, nil] */
		lua_setfield(L, 2, "layout");
		s = lua_tolstring(L, -2, &len);
		push_html(L, s, len);
		lua_setfield(L, 2, "content"); /* [.., out, layout] */
		lua_remove(L, -2);
		lua_pushvalue(L, -1); /* keep the name alive while it runs */
		run_template(L, lua_tostring(L, -1)); /* [.., l, l, out] */
		lua_remove(L, -2);
		lua_remove(L, -2);
	}
	lua_pop(L, 1); /* [name, env, out] */
	return 1;
}

char *
tmpl_render(struct tmpl *t, struct arena *a, const char *name,
    const struct value *vars, size_t *len)
{
	lua_State  *L = t->L;
	const char *s;
	char	   *out = NULL;
	int	    top = lua_gettop(L), st;
	size_t	    n;

	t->vars = vars;
	t->arena = a;
	t->depth = 0;
	t->oom = false;
	t->reported = false;
	t->placed = false;
	t->steps = 0;
	t->alloc_bytes = 0;
	t->errpos = (struct srcpos){ NULL, 0, 0 };
	t->errmsg[0] = '\0';
	t->errfile[0] = '\0';
	t->mem_limit = t->mem_used + t->mem_cap;
	lua_pushcfunction(L, on_error); /* [h] */
	lua_pushcfunction(L, render);	/* [h, render] */
	lua_pushstring(L, name);	/* [h, render, name] */
	lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	t->running = true;
	expired = 0;
	armed = L;
	timer_set(t->ms);
	st = lua_pcall(L, 1, 1, top + 1);
	timer_set(0);
	armed = NULL;
	t->running = false;
	lua_sethook(L, NULL, 0, 0);
	t->mem_limit = SIZE_MAX;
	if (st == LUA_OK) {
		s = lua_tolstring(L, -1, &n);
		out = arena_strndup(a, s, n);
		*len = n;
	} else {
		struct srcpos pos = t->errpos;
		size_t	      slen, fault = at_fault(t);
		char	      msg[MSG_MAX];

		if (pos.file == NULL && fault < t->nknown)
			pos.file = t->known[fault].shown;
		if (pos.file == NULL &&
		    t->source(t->ud, name, &slen, &pos.file) == NULL)
			pos.file = name;
		if (t->reported)
			; /* tmpl_compile() said what was wrong */
		else if (st == LUA_ERRMEM || t->oom) {
			snprintf(msg, sizeof(msg),
			    "template '%s' used more than %zu MiB of memory",
			    fault < t->nknown ? t->known[fault].name : name,
			    t->mem_cap >> 20);
			report(&pos, msg);
		} else if (t->errmsg[0] != '\0')
			report(&pos, t->errmsg);
		else if (lua_tostring(L, -1)[0] != '\0')
			report(&pos, lua_tostring(L, -1));
		lua_gc(L, LUA_GCCOLLECT);
	}
	arena_release(&t->scratch);
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, ENV_KEY);
	lua_settop(L, top);
	assert(lua_gettop(L) == top);
	t->vars = NULL;
	t->arena = NULL;
	return out;
}
