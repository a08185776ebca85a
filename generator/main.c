/* SPDX-License-Identifier: ISC */
/*
 * The command line only: argv becomes a struct build_opts, and the
 * result an exit status.  Each command parses its own options with
 * getopt_long, as git and lowdown do.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "build.h"
#include "diag.h"
#include "fsio.h"
#include "tool.h"
#include "util.h"

#define VERSION "0.1.0"

static int cmd_build(int, char **);
static int cmd_check(int, char **);
static int cmd_kinds(int, char **);
static int cmd_new(int, char **);

static const struct command {
	const char *name;
	int (*run)(int, char **);
	const char *synopsis;
	const char *what;
} commands[] = {
	{ "build", cmd_build,
	    "build [-v] [-j N] [-o DIR] [--secret-file FILE | --preview] "
	    "[--links FILE]\n"
	    "             [--redaction-log FILE] [--theme NAME] "
	    "[--only html|epub] [--full] [SITE]\n"
	    "       kindly build --record -o DIR [-v] [SITE]",
	    "render every document for every reader (content -> public)" },
	{ "check", cmd_check,
	    "check [-j N] [--summary] [--format text|json] [--theme NAME] "
	    "[SITE]",
	    "load and check everything; write nothing" },
	{ "kinds", cmd_kinds, "kinds [-s SITE] [KIND]",
	    "list the kinds of document, or explain one" },
	{ "new", cmd_new, "new [-o FILE] [-d DATE] KIND CASE",
	    "write a new document of KIND in folder CASE, to fill in" },
};

static int
usage(FILE *f)
{
	size_t i;

	for (i = 0; i < LEN(commands); i++)
		fprintf(f, "%s kindly %s\n", i == 0 ? "usage:" : "      ",
		    commands[i].synopsis);
	fputs("       kindly --help | --version\n", f);
	if (f == stdout) {
		fputs("\ncommands:\n", f);
		for (i = 0; i < LEN(commands); i++)
			fprintf(f, "  %-8s %s\n", commands[i].name,
			    commands[i].what);
		fputs(
		    "\noptions:\n"
		    "  -o, --output DIR  where to write (default: public);\n"
		    "                    for new, the file to write\n"
		    "  -v, --verbose     list every file written\n"
		    "  -j, --jobs N      use N worker processes (default: one "
		    "per processor)\n"
		    "  --only html|epub  write only the web pages and lists, "
		    "or only the e-books\n"
		    "  --full            build everything again, not only what "
		    "changed\n"
		    "  --secret-file FILE  the site secret that makes each "
		    "reader's link\n"
		    "                    (or set KINDLY_SECRET); keep it "
		    "outside the site\n"
		    "  --preview         build without a secret, every page "
		    "marked Preview\n"
		    "  --links FILE      write each reader's name and link "
		    "to FILE\n"
		    "  --record          write the professional record (every "
		    "version, labelled)\n"
		    "                    into -o DIR, apart from the "
		    "family's pages\n"
		    "  --redaction-log FILE  write what was redacted, for "
		    "whom and why, to FILE\n"
		    "                    (default: DIR.redactions.txt "
		    "beside the output)\n"
		    "  --theme NAME      use theme NAME instead of "
		    "site.yaml's (readers' needs\n"
		    "                    still go on top)\n"
		    "  --summary         for check, end with each document's "
		    "reading grade,\n"
		    "                    target and jargon count for each "
		    "reader\n"
		    "  --format json     for check, print one JSON object a "
		    "line per problem\n"
		    "  -s, --site SITE   for kinds, include the site's own "
		    "kinds\n"
		    "  -d, --date DATE   for new, the document's date "
		    "(default: today)\n"
		    "\nSITE defaults to 'content'.  Exit status: 0 done, 1 "
		    "errors in the site,\n2 wrong command line, 3 could not "
		    "write the output.\n",
		    f);
	}
	return f == stdout ? EXIT_SUCCESS : BUILD_USAGE;
}

/* -j N: how many workers; 1 to 256. */
static int
jobs(const char *arg, size_t *n)
{
	char *end;
	long  v = strtol(arg, &end, 10);

	if (end == arg || *end != '\0' || v < 1 || v > 256) {
		fprintf(stderr,
		    "kindly: -j wants a number of workers from 1 to 256, "
		    "not '%s'\n",
		    arg);
		return -1;
	}
	*n = (size_t)v;
	return 0;
}

/*
 * --links or --redaction-log 'file' (the 'what'): the practitioner's
 * private file must not be in the site, where it could be published,
 * nor replace the secret, nor be a folder.  Returns -1 after saying so.
 */
static int
private_file_ok(struct arena *a, const struct build_opts *o, const char *file,
    const char *what)
{
	struct stat st;
	const char *why;

	if (file == NULL)
		return 0;
	if (fsio_inside(a, file, o->site))
		why = "is inside the site, where it could be published; write "
		      "it somewhere else";
	else if (o->secret_file != NULL && fsio_inside(a, file, o->secret_file))
		why = "is the secret file, and writing it would lose the "
		      "secret; write it somewhere else";
	else if (stat(file, &st) == 0 && S_ISDIR(st.st_mode))
		why = "is a folder; give the name of a file to write";
	else
		return 0;
	fprintf(stderr, "kindly: the %s %s %s\n", what, file, why);
	return -1;
}

/*
 * A slip of -o that would write where it must not, said before anything
 * is written: over the whole disk, over a file, into the site (whose
 * next build would read or publish the pages) or over it (replacing
 * the output folder would delete the site); and the same for --links
 * and --redaction-log.  Paths are compared once made absolute, with
 * their links resolved.  Returns -1 after saying what is wrong.
 */
static int
paths_ok(const struct build_opts *o)
{
	struct arena a = { 0 };
	struct stat  st;
	const char  *why = NULL;
	bool	     in = fsio_inside(&a, o->outdir, o->site);
	bool	     over = fsio_inside(&a, o->site, o->outdir);
	int	     rc = 0;

	if (fsio_inside(&a, "/", o->outdir))
		why = "is the top folder of the whole disk, and kindly "
		      "replaces the output folder whole; give the pages a "
		      "folder of their own (say -o public)";
	else if (stat(o->outdir, &st) == 0 && !S_ISDIR(st.st_mode))
		why = "is a file, not a folder; kindly writes a folder of "
		      "pages (choose a folder, say -o public)";
	else if (in && over)
		why = "is the site itself; replacing it with the pages would "
		      "delete the site (choose a folder outside it, say -o "
		      "public)";
	else if (in)
		why = arena_printf(&a,
		    "is inside the site %s; the pages would become part of "
		    "the site, and later builds would read or publish them "
		    "(choose a folder outside the site)",
		    o->site);
	else if (over)
		why = arena_printf(&a,
		    "holds the site %s; replacing that folder with the pages "
		    "would delete the site (choose a folder outside the site)",
		    o->site);
	if (why != NULL) {
		fprintf(stderr, "kindly: -o %s %s\n", o->outdir, why);
		rc = -1;
	} else if (private_file_ok(&a, o, o->links, "links file") == -1 ||
	    private_file_ok(&a, o, o->redaction_log, "redaction log") == -1)
		rc = -1;
	else if (o->links != NULL && o->redaction_log != NULL &&
	    fsio_inside(&a, o->redaction_log, o->links)) {
		fprintf(stderr,
		    "kindly: the redaction log and the links file are both "
		    "%s; give each a file of its own\n",
		    o->links);
		rc = -1;
	}
	arena_release(&a);
	return rc;
}

static int
cmd_build(int argc, char **argv)
{
	enum {
		OPT_SECRET = 256,
		OPT_PREVIEW,
		OPT_LINKS,
		OPT_REDACTIONS,
		OPT_RECORD,
		OPT_THEME,
		OPT_ONLY,
		OPT_FULL
	};
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "secret-file", required_argument, NULL, OPT_SECRET },
		{ "preview", no_argument, NULL, OPT_PREVIEW },
		{ "links", required_argument, NULL, OPT_LINKS },
		{ "redaction-log", required_argument, NULL, OPT_REDACTIONS },
		{ "record", no_argument, NULL, OPT_RECORD },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "only", required_argument, NULL, OPT_ONLY },
		{ "full", no_argument, NULL, OPT_FULL },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts opts = { "content", "public", false, false, false,
		NULL, NULL, false, NULL, false, NULL, 0, true, true, false };
	bool		  outdir_given = false;
	int		  c;

	while ((c = getopt_long(argc, argv, "o:vj:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			opts.outdir = optarg;
			outdir_given = true;
			break;
		case 'v': opts.verbose = true; break;
		case OPT_RECORD: opts.record = true; break;
		case OPT_SECRET: opts.secret_file = optarg; break;
		case OPT_PREVIEW: opts.preview = true; break;
		case OPT_LINKS: opts.links = optarg; break;
		case OPT_REDACTIONS: opts.redaction_log = optarg; break;
		case OPT_THEME: opts.theme = optarg; break;
		case 'j':
			if (jobs(optarg, &opts.jobs) == -1)
				return BUILD_USAGE;
			break;
		case OPT_FULL: opts.full = true; break;
		case OPT_ONLY:
			if (strcmp(optarg, "html") == 0)
				opts.books = false;
			else if (strcmp(optarg, "epub") == 0)
				opts.pages = false;
			else {
				fprintf(stderr,
				    "kindly: --only is 'html' (the web pages) "
				    "or 'epub' (the e-books), not '%s'\n",
				    optarg);
				return BUILD_USAGE;
			}
			break;
		case 'h': return usage(stdout);
		default: return usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return usage(stderr);
	if (argc == 1)
		opts.site = argv[0];
	if (*opts.outdir == '\0')
		return usage(stderr);
	if (opts.record && !outdir_given) {
		fputs("kindly: --record needs -o DIR, a folder of its own, "
		      "away from the family's pages\n",
		    stderr);
		return BUILD_USAGE;
	}
	if (opts.record &&
	    (opts.links != NULL || opts.preview ||
		opts.redaction_log != NULL)) {
		fputs("kindly: --links, --preview and --redaction-log are for "
		      "the family's pages, not --record\n",
		    stderr);
		return BUILD_USAGE;
	}
	if (paths_ok(&opts) == -1)
		return BUILD_USAGE;
	return (int)build_run(&opts);
}

static int
cmd_check(int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_SUMMARY, OPT_THEME };
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "summary", no_argument, NULL, OPT_SUMMARY },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts opts = { "content", "public", false, true, false,
		NULL, NULL, false, NULL, false, NULL, 0, true, true, false };
	int		  c;

	while ((c = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (jobs(optarg, &opts.jobs) == -1)
				return BUILD_USAGE;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "json") == 0)
				diag_set_format(DIAG_JSON);
			else if (strcmp(optarg, "text") != 0) {
				fprintf(stderr,
				    "kindly: --format is 'text' or 'json', "
				    "not '%s'\n",
				    optarg);
				return BUILD_USAGE;
			}
			break;
		case OPT_SUMMARY: opts.summary = true; break;
		case OPT_THEME: opts.theme = optarg; break;
		case 'h': return usage(stdout);
		default: return usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return usage(stderr);
	if (argc == 1)
		opts.site = argv[0];
	return (int)build_run(&opts);
}

static int
cmd_kinds(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "site", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *site = NULL;
	int	    c;

	while ((c = getopt_long(argc, argv, "s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's': site = optarg; break;
		case 'h': return usage(stdout);
		default: return usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		return usage(stderr);
	if (site == NULL && access("content/site.yaml", F_OK) == 0)
		site = "content";
	if (site != NULL)
		fsio_site(site); /* its kinds/ are read without links */
	return tool_kinds(site, argc == 1 ? argv[0] : NULL);
}

static int
cmd_new(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "date", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = NULL, *date = NULL;
	int	    c;

	while ((c = getopt_long(argc, argv, "o:d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': file = optarg; break;
		case 'd': date = optarg; break;
		case 'h': return usage(stdout);
		default: return usage(stderr);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		return usage(stderr);
	return tool_new(argv[0], argv[1], file, date);
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0)
		return usage(stdout);
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "version") == 0) {
		puts("kindly " VERSION);
		return EXIT_SUCCESS;
	}
	for (i = 0; i < LEN(commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "kindly: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
