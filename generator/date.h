/* SPDX-License-Identifier: ISC */
/*
 * Calendar dates (proleptic Gregorian, no time of day, no time zone).
 * Dates in kindly come from documents, never from the clock, so that a
 * build is the same whenever it runs.
 */
#ifndef DATE_H
#define DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
	int year;  /* 1..9999 */
	int month; /* 1..12 */
	int day;   /* 1..days_in_month */
};

enum date_status {
	DATE_OK,
	DATE_FORM,    /* not of the form YYYY-MM-DD */
	DATE_NO_DAY,  /* well formed, but no such day (2025-02-30) */
	DATE_NO_YEAR, /* well formed, but year 0000: there is none */
};

/* Parse exactly "YYYY-MM-DD" from 's' of 'len' bytes into 'd'. */
enum date_status date_parse(const char *s, size_t len, struct date *d);

/* Days in the given month of the given year. */
int date_days_in_month(int year, int month);

/*
 * A time of day "HH:MM" (24-hour, two digits each) in 'len' bytes of
 * 's': sets '*h' and '*m'.  False if it is not one.
 */
bool date_time_parse(const char *s, size_t len, int *h, int *m);

/* Days since 1970-01-01 (negative before). */
long date_serial(const struct date *);

/* 0 for Monday .. 6 for Sunday. */
int date_weekday(const struct date *);

/* <0, 0, >0 as a is before, the same as, or after b. */
int date_cmp(const struct date *a, const struct date *b);

/* Whole years from 'born' to 'on' (an age); negative if 'on' is earlier. */
int date_age(const struct date *born, const struct date *on);

#endif /* !DATE_H */
