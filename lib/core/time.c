/*
 * lib/core/time.c -- RFC 3339 timestamps <-> Unix milliseconds, without
 * libc time functions or the locale (proleptic Gregorian calendar, as Go's
 * time.Parse(time.RFC3339) reads what Kubernetes writes: 'T'/'t', '.' or
 * ',' before at most 9 fraction digits, 'Z'/'z' or +hh:mm / -hh:mm).
 */
#include "core/core.h"
#include <stdio.h>

static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	/* H. Hinnant's algorithm, proleptic Gregorian calendar */
	int64_t era, yoe, doy, doe;
	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool num(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];
		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return true;
}

int hpa__time_parse_rfc3339(const char *s, int64_t *ms_out)
{
	int year, mon, day, hh, mm, ss, oh = 0, om = 0, leap;
	int64_t frac = 0, t;
	int sign = 0, nd = 0;
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!s || !num(&s, 4, &year) || *s++ != '-' || !num(&s, 2, &mon) || *s++ != '-' || !num(&s, 2, &day))
		return HPA_ESYNTAX;
	if (*s != 'T' && *s != 't')
		return HPA_ESYNTAX;
	s++;
	if (!num(&s, 2, &hh) || *s++ != ':' || !num(&s, 2, &mm) || *s++ != ':' || !num(&s, 2, &ss))
		return HPA_ESYNTAX;
	if (mon < 1 || mon > 12 || day < 1 || hh > 23 || mm > 59 || ss > 59)
		return HPA_ESYNTAX;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	if (day > mdays[mon - 1] + (mon == 2 && leap))
		return HPA_ESYNTAX;
	if (*s == '.' || *s == ',') {
		s++;
		if (*s < '0' || *s > '9')
			return HPA_ESYNTAX;
		for (; *s >= '0' && *s <= '9'; s++, nd++)
			if (nd < 3)
				frac = frac * 10 + (*s - '0');
		if (nd > 9)
			return HPA_ESYNTAX;
		for (; nd < 3; nd++)
			frac *= 10;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if (!num(&s, 2, &oh) || *s++ != ':' || !num(&s, 2, &om) || oh > 23 || om > 59)
			return HPA_ESYNTAX;
	} else {
		return HPA_ESYNTAX;
	}
	if (*s)
		return HPA_ESYNTAX;
	t = days_from_civil(year, mon, day) * 86400 + (int64_t)hh * 3600 + mm * 60 + ss;
	t -= (int64_t)sign * (oh * 3600 + om * 60);
	*ms_out = t * 1000 + frac;
	return HPA_OK;
}

void hpa__time_format_rfc3339(char buf[40], int64_t ms)
{
	/* floor divisions (no negation: INT64_MIN has no positive) */
	int64_t secs = ms / 1000 - (ms % 1000 < 0);
	int frac = (int)(ms % 1000 < 0 ? ms % 1000 + 1000 : ms % 1000);
	int64_t days = secs / 86400 - (secs % 86400 < 0);
	int64_t rem = secs - days * 86400, y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	if (frac)
		snprintf(buf, 40, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)y, m, d, (int)(rem / 3600),
			(int)(rem / 60 % 60), (int)(rem % 60), frac);
	else
		snprintf(buf, 40, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d, (int)(rem / 3600),
			(int)(rem / 60 % 60), (int)(rem % 60));
}
