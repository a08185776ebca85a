/* SPDX-License-Identifier: ISC */
/*
 * YAML files and front matter become value trees (value.h), within
 * limits: one document per file, nesting at most DATA_MAX_DEPTH deep, no
 * aliases, no duplicate keys, keys that are plain text.  Scalars stay
 * strings: "yes" is text, and only true/false are booleans (YAML 1.2).
 * This module is the only one that knows libyaml.
 */
#ifndef DATA_H
#define DATA_H

#include <stddef.h>

struct arena;
struct value;

enum { DATA_MAX_DEPTH = 64 };

/*
 * Parse 'len' bytes of YAML from 'buf'.  'file' names the source in
 * diagnostics (relative to the site; kept, not copied) and 'line0' is
 * the line of buf[0] in that file (1 for a whole file, 2 for front
 * matter after "---").  An empty input is a VALUE_NULL.  The tree lives
 * in 'a'.  Returns NULL after reporting every problem it found.
 */
struct value *data_load(struct arena *a, const char *file, unsigned line0,
    const char *buf, size_t len);

#endif /* !DATA_H */
