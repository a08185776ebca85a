/* SPDX-License-Identifier: ISC */
/*
 * People hidden from some readers.  In case.yaml a person may say
 *
 *	hidden-from: [mum, dad]     (reader ids or roles)
 *	hide: [surname, address]    (the default: both)
 *	surname: Hunt               (the default: the last word of 'name')
 *
 * and then neither their surname nor their address may reach those
 * readers.  The details become phrases: the surname, and from each
 * address line its street ("14 Quarry Road", "Quarry Road"), its other
 * parts of two words or more, and its postcode.  A town on its own is
 * not hidden: it says too little and is in too many letters.
 */
#ifndef HIDE_H
#define HIDE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct value;

struct hide_phrase {
	const char *text; /* what must not be shown */
	const char *what; /* "surname" or "address" */
};

/* Check the hiding keys of every person in 'people'; -1 after reporting. */
int hide_check_people(struct arena *a, const struct value *people);

/* True if 'person' is hidden from 'reader' (by id or role). */
bool hide_from(const struct value *person, const struct value *reader);

/* The phrases of 'person' to hide, in 'a'; sets '*n'. */
struct hide_phrase *
hide_phrases(struct arena *a, const struct value *person, size_t *n);

/*
 * The first of the 'n' phrases in 's' ('len' bytes), as a whole word or
 * words, ignoring case; sets '*off'.  NULL if there is none.
 */
const struct hide_phrase *hide_find(const struct hide_phrase *, size_t n,
    const char *s, size_t len, size_t *off);

/*
 * 'people' as 'reader' may know them, in 'a': each person hidden from
 * the reader is a copy without surname and address, named by
 * 'known-as' or their name without the surname.  Others are shared.
 */
struct value *hide_people(struct arena *a, const struct value *people,
    const struct value *reader);

#endif /* !HIDE_H */
