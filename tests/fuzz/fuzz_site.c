/* SPDX-License-Identifier: ISC */
/*
 * fuzz_site: a site's own files, through everything 'kindly check' does.
 *
 * The input is up to five files, separated by NUL bytes (which no YAML
 * file may hold): site.yaml, then cases/fuzz/case.yaml, staff.yaml,
 * lexicon.yaml and a kind of the site's own, kinds/NAME.yaml (NAME from
 * a first line "# kinds/NAME.yaml", or its "name:" line, or "fuzz").  Each file the input does not reach is
 * the fixture's (tests/fuzz/site; it has no lexicon or kind of its own).
 * They replace those of a copy of the fixture site, whose one document
 * is a short letter to Kai, and 'kindly check' runs on it in this
 * process: the site, its staff, lexicon and kinds are loaded and checked
 * (site.c, kind.c, lexicon.c, theme.c for the theme and language it
 * names and each reader's needs), then the case's people (site.c,
 * hide.c), then the letter, checked and rendered for its reader, as a
 * web page and as an e-book page.  Nothing is written.
 *
 * Besides a crash, a leak or a hang, a finding is a template error (a
 * built-in theme failed on a site that passed its checks) or an exit
 * status other than 0 or 1.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static const char *const parts[] = { "site.yaml", "cases/fuzz/case.yaml",
	"staff.yaml", "lexicon.yaml", NULL };

static bool
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* The length of the name at 's' (a-z, 0-9, '-'), up to 'end'. */
static size_t
name_len(const char *s, const char *end)
{
	size_t n = 0;

	while (s + n < end && name_char(s[n]))
		n++;
	return n;
}

/*
 * Where a kind's text 's' goes, kinds/NAME.yaml: NAME from a first line
 * "# kinds/NAME.yaml" (as seeds.sh writes it), or else from the first
 * line "name: NAME"; or kinds/fuzz.yaml.
 */
static void
kind_path(const char *s, size_t len, char *path, size_t size)
{
	const char *p, *nl, *next, *end = s + len, *name;
	size_t	    n;

	snprintf(path, size, "kinds/fuzz.yaml");
	for (p = s; p < end; p = next) {
		nl = memchr(p, '\n', (size_t)(end - p));
		next = nl != NULL ? nl + 1 : end;
		if (p == s && end - p > 8 && memcmp(p, "# kinds/", 8) == 0) {
			name = p + 8;
			n = name_len(name, end);
		} else if (end - p > 5 && memcmp(p, "name:", 5) == 0) {
			for (name = p + 5; name < next && *name == ' '; name++)
				;
			n = name_len(name, end);
		} else
			continue;
		if (n > 0 && n < 64)
			snprintf(path, size, "kinds/%.*s.yaml", (int)n, name);
		return;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char kind[128]; /* the kind file written last, if any */
	const char *s = (const char *)data, *end = s + size, *nul, *fixed;
	size_t	    i, len;

	for (i = 0; parts[i] != NULL; i++) {
		if (s == NULL) { /* the input did not reach this one */
			len = 0;
			fixed = strcmp(parts[i], "lexicon.yaml") == 0
			    ? NULL
			    : fuzz_fixture(parts[i], &len);
			fuzz_site_put(parts[i], fixed, len);
			continue;
		}
		nul = memchr(s, '\0', (size_t)(end - s));
		len = nul != NULL ? (size_t)(nul - s) : (size_t)(end - s);
		fuzz_site_put(parts[i], s, len);
		s = nul != NULL ? nul + 1 : NULL;
	}
	if (*kind != '\0')
		fuzz_site_put(kind, NULL, 0);
	*kind = '\0';
	if (s != NULL) {
		nul = memchr(s, '\0', (size_t)(end - s));
		len = nul != NULL ? (size_t)(nul - s) : (size_t)(end - s);
		kind_path(s, len, kind, sizeof(kind));
		fuzz_site_put(kind, s, len);
	}
	fuzz_check_site();
	return 0;
}
