/* SPDX-License-Identifier: ISC */
/*
 * A fuzz target without libFuzzer: runs LLVMFuzzerTestOneInput() once on
 * each file named, or in each folder named (sorted), or, with no
 * arguments, in tests/fuzz/regress/TARGET (FUZZ_TARGET, set by the
 * Makefile).  It prints the name of each file before it runs it, so a
 * crash names its input, and ends with "N passed, N failed" like the
 * unit tests.  Each input is in a buffer of exactly its size, so the
 * sanitizers see any read beyond it.  'make check' runs it on every
 * target's regression inputs, and 'make asan' under ASan and UBSan.
 */
#define _XOPEN_SOURCE 700

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the target, for its regress folder"
#endif

static int passed, failed;

static void
run_file(const char *path)
{
	FILE	*f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long	 n = -1;

	if (f != NULL && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = malloc(n > 0 ? (size_t)n : 1)) != NULL &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		printf("%s\n", path);
		fflush(stdout);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
		passed++;
	} else {
		printf("%s: cannot read it\n", path);
		failed++;
	}
	free(buf);
	if (f != NULL)
		fclose(f);
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void
run_path(const char *path)
{
	struct dirent **names;
	struct stat	st;
	char		file[4096];
	int		n, i;

	if (stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if ((n = scandir(path, &names, visible, by_name)) < 0) {
		printf("%s: cannot read the folder\n", path);
		failed++;
		return;
	}
	if (n == 0) {
		printf("%s: no inputs in it\n", path);
		failed++;
	}
	for (i = 0; i < n; i++) {
		snprintf(file, sizeof(file), "%s/%s", path, names[i]->d_name);
		run_file(file);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		run_path("tests/fuzz/regress/" FUZZ_TARGET);
	for (i = 1; i < argc; i++)
		run_path(argv[i]);
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
