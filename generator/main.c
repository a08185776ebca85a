/* SPDX-License-Identifier: ISC */
/*
 * The command line only: argv becomes a struct build_opts, and the
 * result an exit status.  Each command parses its own options with
 * getopt_long, as git and lowdown do.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "util.h"

#define VERSION "0.1.0"

static int cmd_build(int, char **);
static int cmd_check(int, char **);

static const struct command {
	const char *name;
	int (*run)(int, char **);
	const char *synopsis;
	const char *what;
} commands[] = {
	{ "build", cmd_build, "build [-v] [-o DIR] [SITE]",
	    "render every document for every reader (content -> public)" },
	{ "check", cmd_check, "check [SITE]",
	    "load and check everything; write nothing" },
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
		fputs("\noptions:\n"
		      "  -o, --output DIR  where to write (default: public)\n"
		      "  -v, --verbose     list every file written\n"
		      "\nSITE defaults to 'content'.  Exit status: 0 done, 1 "
		      "errors in the site,\n2 wrong command line, 3 could not "
		      "write the output.\n",
		    f);
	}
	return f == stdout ? EXIT_SUCCESS : BUILD_USAGE;
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts opts = { "content", "public", false, false };
	int		  c;

	while ((c = getopt_long(argc, argv, "o:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': opts.outdir = optarg; break;
		case 'v': opts.verbose = true; break;
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
	return (int)build_run(&opts);
}

static int
cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct build_opts opts = { "content", "public", false, true };
	int		  c;

	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
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
