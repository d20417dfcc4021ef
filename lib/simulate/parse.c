/*
 * lib/simulate/parse.c -- locale-independent number, quantity and duration
 * parsing, and fixed-point formatting for the simulator's text inputs and
 * outputs (never strtod or %g: every number goes through integers).
 */
#include "simulate/sim_int.h"

/* Parse an unsigned decimal "12", "12.5", ".5" from s[0..len) into
 * value * 10^9 (nano units). Returns the number of characters used, 0 when
 * there is no digit, -1 on overflow. */
static int parse_decimal_nano(const char *s, size_t len, int64_t *nano_out)
{
	size_t i = 0;
	int64_t whole = 0, frac = 0, fscale = 1000000000;
	bool digit = false;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		if (whole > (INT64_MAX / 1000000000 - 9) / 10)
			return -1;
		whole = whole * 10 + (s[i] - '0');
		i++;
		digit = true;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			fscale /= 10;
			frac += (s[i] - '0') * fscale; /* digits past 1e-9 are dropped */
			i++;
			digit = true;
		}
	}
	if (!digit)
		return 0;
	*nano_out = whole * 1000000000 + frac;
	return (int)i;
}

/* (a * b + den/2) / den for non-negative a, b and positive den, in a
 * portable 128-bit emulation; -1 when the result exceeds INT64_MAX. */
static int muldiv_round(uint64_t a, uint64_t b, uint64_t den, int64_t *out)
{
	uint64_t a_lo = a & 0xffffffffu, a_hi = a >> 32, b_lo = b & 0xffffffffu, b_hi = b >> 32;
	uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
	uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);
	uint64_t hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
	uint64_t lo = (mid << 32) | (p0 & 0xffffffffu);
	uint64_t half = den / 2, q = 0, r = 0;
	/* add den/2 */
	lo += half;
	if (lo < half)
		hi++;
	if (hi >= den)
		return -1; /* quotient would not fit in 64 bits */
	for (int i = 127; i >= 0; i--) {
		uint64_t bit = i >= 64 ? (hi >> (i - 64)) & 1 : (lo >> i) & 1;
		bool carry = (r >> 63) != 0;
		r = (r << 1) | bit;
		q <<= 1;
		if (carry || r >= den) {
			r -= den;
			q |= 1;
		}
	}
	if (q > (uint64_t)INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}

static int scale_nano(int64_t nano, int64_t num, int64_t den, int64_t *out)
{
	return muldiv_round((uint64_t)nano, (uint64_t)num, (uint64_t)den, out);
}

int hpa__sim_parse_quantity(const char *s, size_t len, int unit, int64_t *out)
{
	int64_t nano, v;
	int n;
	size_t i;
	const char *suf;
	size_t sl;
	int64_t mul_num = 1, mul_den = 1; /* suffix multiplier as a fraction */
	bool neg = false;
	if (len > 0 && s[0] == '-') {
		neg = true;
		s++;
		len--;
	}
	n = parse_decimal_nano(s, len, &nano);
	if (n <= 0)
		return -1;
	i = (size_t)n;
	suf = s + i;
	sl = len - i;
	if (unit == HPA__SIM_UNIT_DURATION) {
		/* Go-style "1h30m", "40s", "500ms", siege-style "40S"/"2M"/"1H";
		 * a bare number is seconds. */
		int64_t total = 0;
		for (;;) {
			int64_t ms_per;
			if (sl == 0)
				ms_per = 1000;
			else if (sl >= 2 && (suf[0] == 'm' || suf[0] == 'M') && (suf[1] == 's' || suf[1] == 'S'))
				ms_per = 1, suf += 2, sl -= 2;
			else if (suf[0] == 's' || suf[0] == 'S')
				ms_per = 1000, suf++, sl--;
			else if (suf[0] == 'm' || suf[0] == 'M')
				ms_per = 60000, suf++, sl--;
			else if (suf[0] == 'h' || suf[0] == 'H')
				ms_per = 3600000, suf++, sl--;
			else if (suf[0] == 'd' || suf[0] == 'D')
				ms_per = 86400000, suf++, sl--;
			else
				return -1;
			if (scale_nano(nano, ms_per, 1000000000, &v) || total > HPA__SIM_MAX_DURATION_MS - v)
				return -1;
			total += v;
			if (sl == 0)
				break;
			n = parse_decimal_nano(suf, sl, &nano);
			if (n <= 0)
				return -1;
			suf += n;
			sl -= (size_t)n;
		}
		*out = neg ? -total : total;
		return 0;
	}
	if (sl >= 2 && (suf[0] == 'e' || suf[0] == 'E') &&
		((suf[1] >= '0' && suf[1] <= '9') || ((suf[1] == '+' || suf[1] == '-') && sl >= 3))) {
		/* decimal exponent: 1e3, 5E-1 */
		int64_t ex;
		if (hpa__sim_parse_int(suf + 1, sl - 1, &ex) || ex > 18 || ex < -9)
			return -1;
		for (; ex > 0; ex--) {
			if (nano > INT64_MAX / 10)
				return -1;
			nano *= 10;
		}
		for (; ex < 0; ex++)
			nano /= 10;
		sl = 0;
	}
	if (sl == 0) {
		mul_num = 1;
	} else if (sl == 1 && suf[0] == 'm') {
		mul_den = 1000;
	} else if (sl == 1 && suf[0] == 'k') {
		mul_num = 1000;
	} else if (sl == 1 && suf[0] == 'M') {
		mul_num = 1000000;
	} else if (sl == 1 && suf[0] == 'G') {
		mul_num = 1000000000;
	} else if (sl == 1 && suf[0] == 'T') {
		mul_num = INT64_C(1000000000000);
	} else if (sl == 1 && suf[0] == 'P') {
		mul_num = INT64_C(1000000000000000);
	} else if (sl == 1 && suf[0] == 'E') {
		mul_num = INT64_C(1000000000000000000);
	} else if (sl == 2 && suf[1] == 'i' && suf[0] == 'K') {
		mul_num = 1024;
	} else if (sl == 2 && suf[1] == 'i' && suf[0] == 'M') {
		mul_num = 1024 * 1024;
	} else if (sl == 2 && suf[1] == 'i' && suf[0] == 'G') {
		mul_num = INT64_C(1024) * 1024 * 1024;
	} else if (sl == 2 && suf[1] == 'i' && suf[0] == 'T') {
		mul_num = INT64_C(1024) * 1024 * 1024 * 1024;
	} else if (sl == 2 && suf[1] == 'i' && suf[0] == 'P') {
		mul_num = INT64_C(1) << 50;
	} else if (sl == 2 && suf[1] == 'i' && suf[0] == 'E') {
		mul_num = INT64_C(1) << 60;
	} else if (unit == HPA__SIM_UNIT_MILLI && sl == 2 && suf[0] == 'm' && suf[1] == 's') {
		/* "25ms" of CPU time per request = 25m CPU-seconds */
		mul_den = 1000;
	} else {
		return -1;
	}
	/* value = nano / 1e9 * mul_num / mul_den, in the unit's scale */
	if (unit == HPA__SIM_UNIT_MILLI) {
		/* milli = nano * mul_num * 1000 / (mul_den * 1e9) */
		if (scale_nano(nano, mul_num, mul_den * 1000000, &v))
			return -1;
	} else if (unit == HPA__SIM_UNIT_BYTES) {
		if (mul_den != 1)
			return -1; /* no milli-bytes */
		if (scale_nano(nano, mul_num, 1000000000, &v))
			return -1;
	} else { /* HPA__SIM_UNIT_PLAIN_MILLI: a plain number times 1000 */
		if (sl != 0)
			return -1;
		if (scale_nano(nano, 1, 1000000, &v))
			return -1;
	}
	*out = neg ? -v : v;
	return 0;
}

int hpa__sim_parse_int(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i = 0;
	bool neg = false;
	if (len > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == len)
		return -1;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

/* ---- fixed-point formatting ------------------------------------------------ */

void hpa__sim_fmt_fixed(char *buf, size_t size, int64_t value, int64_t scale, int decimals)
{
	/* value/scale with `decimals` digits, rounded half away from zero;
	 * trailing zeros (and a bare '.') are trimmed. */
	uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
	uint64_t pow10 = 1, whole, frac, s = (uint64_t)scale;
	int d = decimals < 0 ? 0 : decimals > 9 ? 9 : decimals;
	size_t n;
	for (int i = 0; i < d; i++)
		pow10 *= 10;
	/* rounded = mag * pow10 / s */
	{
		uint64_t q = mag / s, r = mag % s;
		uint64_t scaled = q * pow10 + (r * pow10 + s / 2) / s;
		whole = scaled / pow10;
		frac = scaled % pow10;
	}
	if (d == 0 || frac == 0) {
		snprintf(buf, size, "%s%llu", value < 0 && (whole || frac) ? "-" : "", (unsigned long long)whole);
		return;
	}
	{
		char digits[24];
		for (int i = d - 1; i >= 0; i--) {
			digits[i] = (char)('0' + frac % 10);
			frac /= 10;
		}
		digits[d] = '\0';
		snprintf(buf, size, "%s%llu.%s", value < 0 ? "-" : "", (unsigned long long)whole, digits);
	}
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
}


void hpa__sim_fmt_duration(char *buf, size_t size, int64_t ms)
{
	/* kubectl-like short form: 45s, 2m30s, 1h5m, 500ms */
	int64_t s, m, h;
	const char *sign = ms < 0 ? "-" : "";
	if (ms < 0)
		ms = -ms;
	if (ms < 1000 && ms != 0) {
		snprintf(buf, size, "%s%lldms", sign, (long long)ms);
		return;
	}
	s = ms / 1000;
	h = s / 3600;
	m = (s % 3600) / 60;
	s %= 60;
	if (h)
		snprintf(buf, size, "%s%lldh%02lldm%02llds", sign, (long long)h, (long long)m, (long long)s);
	else if (m)
		snprintf(buf, size, "%s%lldm%02llds", sign, (long long)m, (long long)s);
	else if (ms % 1000)
		snprintf(buf, size, "%s%lld.%03llds", sign, (long long)s, (long long)(ms % 1000));
	else
		snprintf(buf, size, "%s%llds", sign, (long long)s);
}
