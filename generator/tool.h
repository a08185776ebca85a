/* SPDX-License-Identifier: ISC */
/*
 * The commands that help a writer rather than build: 'kindly kinds'
 * lists the kinds and explains one, 'kindly new' writes a document to
 * fill in.  Both return an exit status of enum build_status.
 */
#ifndef TOOL_H
#define TOOL_H

/*
 * List the kinds, or describe 'kind' (NULL for the list), including the
 * kinds of 'site' if it has a kinds/ folder ('site' may be NULL).
 */
int tool_kinds(const char *site, const char *kind);

/*
 * Write a new document of 'kind' in case folder 'casedir' (or, if there
 * is no such folder, content/'casedir'), named 'file' if not NULL, else
 * DATE-KIND.md.  'date' is YYYY-MM-DD, or NULL for today (or
 * SOURCE_DATE_EPOCH).  Never overwrites a file.
 */
int tool_new(const char *kind, const char *casedir, const char *file,
    const char *date);

#endif /* !TOOL_H */
