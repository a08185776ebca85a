/* SPDX-License-Identifier: ISC */
/*
 * A new document is written with O_EXCL, so that an existing file is
 * never replaced, not even by a race.  The case folder's case.yaml, if
 * it reads, suggests the readers; the site two folders up, if there is
 * one, supplies its own kinds.
 */
#define DIAG_AREA "usage"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "build.h"
#include "data.h"
#include "date.h"
#include "diag.h"
#include "fsio.h"
#include "kind.h"
#include "tool.h"
#include "util.h"
#include "value.h"

static int
load(struct kinds *ks, struct arena *a, const char *site)
{
	if (kinds_load(ks, a, site) == -1) {
		diag_summary();
		return -1;
	}
	return 0;
}

static const struct kind *
find(const struct kinds *ks, struct arena *a, const char *name)
{
	const struct kind *k = kinds_find(ks, name);
	const char	  *near;

	if (k != NULL)
		return k;
	near = util_closest(name, kinds_names(ks, a), ks->n);
	if (near != NULL)
		fprintf(stderr,
		    "kindly: there is no kind '%s' (did you mean '%s'?)\n",
		    name, near);
	else
		fprintf(stderr,
		    "kindly: there is no kind '%s' ('kindly kinds' lists "
		    "them)\n",
		    name);
	return NULL;
}

int
tool_kinds(const char *site, const char *name)
{
	struct arena	   a = { 0 };
	struct kinds	   ks;
	struct buf	   out = { 0 };
	const struct kind *k;
	int		   rc = BUILD_OK;

	if (load(&ks, &a, site) == -1)
		rc = BUILD_INPUT;
	else if (name == NULL)
		kinds_list(&ks, &out);
	else if ((k = find(&ks, &a, name)) == NULL)
		rc = BUILD_INPUT;
	else
		kind_describe(k, &out);
	if (out.len > 0)
		fwrite(out.ptr, 1, out.len, stdout);
	buf_release(&out);
	arena_release(&a);
	return rc;
}

/* Today, or SOURCE_DATE_EPOCH's day, as YYYY-MM-DD in 'buf'. */
static int
today(char buf[16])
{
	long long secs;
	time_t	  now;
	struct tm tm;

	switch (util_source_date(&secs)) {
	case -1: return -1;
	case 1:
		now = (time_t)secs;
		gmtime_r(&now, &tm);
		break;
	default:
		now = time(NULL);
		localtime_r(&now, &tm);
		break;
	}
	strftime(buf, 16, "%Y-%m-%d", &tm);
	return 0;
}

/* The ids of the people in 'dir'/case.yaml whose role suits 'k'. */
static const char *
suggest_readers(struct arena *a, const struct kind *k, const char *dir)
{
	const char	   *path = arena_printf(a, "%s/case.yaml", dir);
	const struct value *people;
	struct value	   *c;
	struct buf	    b = { 0 };
	const char	   *out = NULL;
	char		   *src;
	size_t		    len, i;

	if (!fsio_is_file(path) ||
	    (src = fsio_read(a, path, path, &len)) == NULL ||
	    util_utf8_check(src, len) != len ||
	    (c = data_load(a, path, 1, src, len)) == NULL)
		return NULL;
	people = value_get(c, "people");
	for (i = 0; i < value_count(people); i++) {
		const char *role =
		    value_str(value_get(value_at(people, i), "role"));

		if (role == NULL || !kind_written_to(k, role))
			continue;
		buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
		    value_key(people, i)->str);
		if (k->one_reader)
			break;
	}
	if (b.len > 0)
		out = arena_strdup(a, buf_str(&b));
	buf_release(&b);
	return out;
}

int
tool_new(const char *name, const char *casedir, const char *file,
    const char *date)
{
	struct arena	   a = { 0 };
	struct kinds	   ks;
	struct buf	   out = { 0 };
	const struct kind *k;
	const char	  *dir = casedir, *site, *path;
	char		   day[16];
	struct date	   d;
	int		   fd, rc = BUILD_INPUT;

	if (!fsio_is_dir(dir) &&
	    fsio_is_dir(arena_printf(&a, "content/%s", casedir)))
		dir = arena_printf(&a, "content/%s", casedir);
	if (!fsio_is_dir(dir)) {
		fprintf(stderr,
		    "kindly: there is no case folder '%s' (make it, and "
		    "write the family's case.yaml in it)\n",
		    casedir);
		goto done;
	}
	site = arena_printf(&a, "%s/../..", dir);
	if (!fsio_is_file(arena_printf(&a, "%s/site.yaml", site)))
		site = NULL;
	if (load(&ks, &a, site) == -1 || (k = find(&ks, &a, name)) == NULL)
		goto done;
	if (date == NULL) {
		if (today(day) == -1)
			goto done;
		date = day;
	} else if (date_parse(date, strlen(date), &d) != DATE_OK) {
		fprintf(stderr,
		    "kindly: '%s' is not a date (write it as YYYY-MM-DD)\n",
		    date);
		rc = BUILD_USAGE;
		goto done;
	}
	kind_scaffold(k, date, suggest_readers(&a, k, dir), &out);
	path = file != NULL ? file
			    : arena_printf(&a, "%s/%s-%s.md", dir, date, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1) {
		if (errno == EEXIST)
			fprintf(stderr,
			    "kindly: %s already exists; kindly new never "
			    "replaces a file (name another with -o)\n",
			    path);
		else
			diag_syserr(path, "cannot create");
		goto done;
	}
	if (write(fd, out.ptr, out.len) != (ssize_t)out.len) {
		diag_syserr(path, "cannot write");
		close(fd);
		goto done;
	}
	if (close(fd) == -1) {
		diag_syserr(path, "cannot write");
		goto done;
	}
	printf("%s\n", path);
	rc = BUILD_OK;
done:
	buf_release(&out);
	arena_release(&a);
	return rc;
}
