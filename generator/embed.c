/* SPDX-License-Identifier: ISC */
/*
 * Lookup in the generated table: a binary search, since the generator
 * sorts the paths with LC_ALL=C (the same order as strcmp).
 */
#include <string.h>

#include "embed.h"

const struct embed_file *
embed_find(const char *path)
{
	size_t lo = 0, hi = embed_count, mid;
	int    c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(path, embed_files[mid].path);
		if (c == 0)
			return &embed_files[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}
