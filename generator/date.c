/* SPDX-License-Identifier: ISC */
/*
 * Day serials use Howard Hinnant's days_from_civil, which is exact for
 * every Gregorian date and needs no tables or time zones.
 */
#include "date.h"

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static int
digits(const char *s, size_t n)
{
	int    v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum date_status
date_parse(const char *s, size_t len, struct date *d)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return DATE_FORM;
	d->year = digits(s, 4);
	d->month = digits(s + 5, 2);
	d->day = digits(s + 8, 2);
	if (d->year < 0 || d->month < 0 || d->day < 0)
		return DATE_FORM;
	if (d->year < 1)
		return DATE_NO_YEAR;
	if (d->month < 1 || d->month > 12 || d->day < 1 ||
	    d->day > date_days_in_month(d->year, d->month))
		return DATE_NO_DAY;
	return DATE_OK;
}

long
date_serial(const struct date *d)
{
	long	 y = d->year - (d->month <= 2);
	long	 era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned mp = (unsigned)(d->month > 2 ? d->month - 3 : d->month + 9);
	unsigned doy = (153 * mp + 2) / 5 + (unsigned)d->day - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (long)doe - 719468;
}

int
date_weekday(const struct date *d)
{
	long s = date_serial(d); /* 1970-01-01 was a Thursday (3) */

	return (int)(((s % 7) + 7 + 3) % 7);
}

int
date_cmp(const struct date *a, const struct date *b)
{
	long sa = date_serial(a), sb = date_serial(b);

	return (sa > sb) - (sa < sb);
}

int
date_age(const struct date *born, const struct date *on)
{
	int age = on->year - born->year;

	if (on->month < born->month ||
	    (on->month == born->month && on->day < born->day))
		age--;
	return age;
}

bool
date_time_parse(const char *s, size_t len, int *h, int *m)
{
	size_t i;

	if (len != 5 || s[2] != ':')
		return false;
	for (i = 0; i < 5; i++)
		if (i != 2 && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	*h = (s[0] - '0') * 10 + (s[1] - '0');
	*m = (s[3] - '0') * 10 + (s[4] - '0');
	return *h < 24 && *m < 60;
}
