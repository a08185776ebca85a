/* SPDX-License-Identifier: ISC */
/*
 * Checks on a document as each of its readers will have it: what is
 * left once their versions are chosen, other readers' parts dropped and
 * redacted text taken out.  Two things are checked for every reader
 * and every reading age:
 *
 *  - no text they see shows the surname or address of a person that
 *    case.yaml hides from them (an error), and
 *  - no required section has become empty for them because all of it
 *    is for other readers or redacted (a warning), and
 *  - every text they see is plain for them (plain.c: warnings), with
 *    what it came to kept in d->sums for --summary and "Words we use".
 */
#ifndef AUDIENCE_H
#define AUDIENCE_H

struct arena;
struct doc;
struct site;

/*
 * Check 'd', which must have passed its kind's checks, for each of its
 * readers.  Returns -1 if an error was reported.
 */
int audience_check(struct arena *a, const struct site *s, struct doc *d);

#endif /* !AUDIENCE_H */
