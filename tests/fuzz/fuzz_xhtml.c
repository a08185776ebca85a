/* SPDX-License-Identifier: ISC */
/*
 * fuzz_xhtml: the XHTML checker that every e-book page goes through.
 *
 * The input is a page, as a template might render it.  xhtml_scan()
 * (xhtml.c) checks that it is well-formed XML and gathers its title,
 * language, headings, images and links; if it is, xhtml_add_ids() gives
 * each heading an id, as the book's contents page needs.  The input is
 * not NUL-terminated: the checker must stop at its length.
 *
 * Besides a crash, a leak or a hang, a finding is a result that
 * contradicts itself: an error placed beyond the page, more images with
 * alt text than images, a heading level outside 1 to 6, or a page that,
 * once ids are added, is no longer well-formed, has lost a heading or
 * has two headings with the same id (when it had none before).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "url.h"
#include "xhtml.h"

static void
check_info(const struct xhtml_info *info, size_t len)
{
	size_t i;

	if (info->alts > info->images)
		fuzz_fail("more images with alt text than images", NULL);
	for (i = 0; i < info->nheads; i++) {
		if (info->heads[i].level < 1 || info->heads[i].level > 6)
			fuzz_fail("a heading level outside 1 to 6", NULL);
		if (info->heads[i].at > len)
			fuzz_fail("a heading beyond the end of the page", NULL);
	}
	for (i = 0; i < info->nrefs; i++) {
		if (info->refs[i].url == NULL)
			fuzz_fail("a link with no address", NULL);
		if (info->refs[i].at > len)
			fuzz_fail("a link beyond the end of the page", NULL);
	}
	if (info->active != NULL && info->active_at > len)
		fuzz_fail("a script beyond the end of the page", NULL);
}

/*
 * True if no two headings of 'info' have the same id (those without
 * are left out), or if there are too many to compare them all.
 */
static bool
ids_unique(const struct xhtml_info *info)
{
	size_t i, j;

	if (info->nheads > 256)
		return false;
	for (i = 0; i < info->nheads; i++)
		for (j = 0; j < i; j++)
			if (info->heads[i].id != NULL &&
			    info->heads[j].id != NULL &&
			    strcmp(info->heads[i].id, info->heads[j].id) == 0)
				return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	  a = { 0 };
	struct xhtml_info info, again;
	const char	 *s = (const char *)data, *out, *why;
	size_t		  off = 0, len = 0, i;
	bool		  unique;
	char		  msg[256];

	memset(&info, 0, sizeof(info));
	if ((why = xhtml_scan(&a, s, size, &info, &off)) != NULL) {
		if (off > size)
			fuzz_fail("an error placed beyond the end of the page",
			    why);
		arena_release(&a);
		return 0;
	}
	check_info(&info, size);
	unique = ids_unique(&info);
	out = xhtml_add_ids(&a, s, size, &info, 6, "h", &len);
	memset(&again, 0, sizeof(again));
	if ((why = xhtml_scan(&a, out, len, &again, &off)) != NULL) {
		snprintf(msg, sizeof(msg),
		    "the page is not well-formed once ids are added: at byte "
		    "%zu: %s\n",
		    off, why);
		fuzz_fail(msg, NULL);
	}
	check_info(&again, len);
	if (again.nheads != info.nheads)
		fuzz_fail("adding ids changed the number of headings", NULL);
	for (i = 0; i < again.nheads; i++)
		if (again.heads[i].id == NULL)
			fuzz_fail("a heading has no id once ids are added",
			    NULL);
	if (unique && !ids_unique(&again))
		fuzz_fail("two headings have the same id once ids are added",
		    NULL);
	arena_release(&a);
	return 0;
}
