/* lib/validate/qty.c -- the little quantity arithmetic validation and lint
 * need: the sign, comparisons and thousandths of resource.Quantity values,
 * in integers only (never strtod). Grammar (k8s.io/apimachinery
 * pkg/api/resource): [+-]? (digits[.digits] | .digits) suffix, suffix one
 * of Ki Mi Gi Ti Pi Ei, n u m "" k M G T P E, or e|E[+-]?digits. */
#include "validate/validate_int.h"

#define QMAX INT64_MAX

static bool mul_ok(int64_t a, int64_t b, int64_t *out)
{
	if (a != 0 && b > QMAX / a)
		return false;
	*out = a * b;
	return true;
}

hpa__qty hpa__qty_parse(const char *s, size_t n)
{
	hpa__qty q = { false, 0, 0, false };
	size_t i = 0;
	int neg = 0, exp10 = 0, bin = 0, ndig = 0, nfrac = 0;
	int64_t mant = 0;      /* digits kept (up to 18), value = mant * 10^(exp10 - nfrac) * 2^bin */
	int dropped = 0;       /* integer digits beyond 18 (scale up) */
	bool nonzero_dropped = false;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (mant < 100000000000000000LL)
			mant = mant * 10 + (s[i] - '0');
		else
			dropped++;
		ndig++;
		i++;
	}
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (mant < 100000000000000000LL) {
				mant = mant * 10 + (s[i] - '0');
				nfrac++;
			} else if (s[i] != '0') {
				nonzero_dropped = true;
			}
			ndig++;
			i++;
		}
	}
	if (ndig == 0)
		return q;
	if (i < n) {
		const char *suf = s + i;
		size_t sl = n - i;
		if (sl == 2 && suf[1] == 'i') {
			switch (suf[0]) {
			case 'K': bin = 10; break;
			case 'M': bin = 20; break;
			case 'G': bin = 30; break;
			case 'T': bin = 40; break;
			case 'P': bin = 50; break;
			case 'E': bin = 60; break;
			default: return q;
			}
		} else if (sl == 1 && suf[0] != 'e' && suf[0] != 'E') {
			switch (suf[0]) {
			case 'n': exp10 = -9; break;
			case 'u': exp10 = -6; break;
			case 'm': exp10 = -3; break;
			case 'k': exp10 = 3; break;
			case 'M': exp10 = 6; break;
			case 'G': exp10 = 9; break;
			case 'T': exp10 = 12; break;
			case 'P': exp10 = 15; break;
			default: return q;
			}
		} else if (sl == 1 && suf[0] == 'E') {
			exp10 = 18;
		} else if (suf[0] == 'e' || suf[0] == 'E') {
			size_t j = 1;
			int eneg = 0, e = 0, ed = 0;
			if (j < sl && (suf[j] == '+' || suf[j] == '-'))
				eneg = suf[j++] == '-';
			while (j < sl && suf[j] >= '0' && suf[j] <= '9') {
				if (e < 10000)
					e = e * 10 + (suf[j] - '0');
				ed++;
				j++;
			}
			if (ed == 0 || j != sl)
				return q;
			exp10 = eneg ? -e : e;
		} else {
			return q;
		}
	}
	q.ok = true;
	q.sign = mant == 0 && !nonzero_dropped ? 0 : (neg ? -1 : 1);
	if (q.sign == 0)
		return q;
	/* thousandths: mant * 10^(exp10 + 3 + dropped - nfrac) * 2^bin */
	{
		int e = exp10 + 3 + dropped - nfrac;
		int64_t v = mant;
		bool round_up = nonzero_dropped;
		while (e > 0) {
			if (!mul_ok(v, 10, &v)) {
				q.overflow = true;
				break;
			}
			e--;
		}
		while (!q.overflow && e < 0) {
			if (v % 10)
				round_up = true;
			v /= 10;
			e++;
		}
		if (!q.overflow && bin && !mul_ok(v, (int64_t)1 << bin, &v))
			q.overflow = true;
		if (!q.overflow && round_up) {
			/* the API server rounds fractions of the smallest unit up */
			if (v == QMAX)
				q.overflow = true;
			else
				v++;
		}
		q.milli = q.overflow ? QMAX : v;
	}
	if (neg)
		q.milli = -q.milli;
	return q;
}

hpa__qty hpa__qty_of(const hpa__value *v)
{
	hpa__qty bad = { false, 0, 0, false };
	if (!v || (v->kind != HPA__V_STR && v->kind != HPA__V_INT && v->kind != HPA__V_FLOAT))
		return bad;
	return hpa__qty_parse(hpa__v_text(v), hpa__v_textlen(v));
}

void hpa__qty_fmt(hpa__buf *b, int64_t milli, bool bytes)
{
	if (bytes && milli % 1000 == 0) {
		int64_t v = milli / 1000;
		static const char *const suf[] = { "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei" };
		int i = 0;
		while (v != 0 && v % 1024 == 0 && i < 6) {
			v /= 1024;
			i++;
		}
		if (i == 0 && v >= 1024 * 1024) {
			/* not a whole binary unit: show Mi with a fraction in thousandths */
			hpa__buf_printf(b, "%lld", (long long)v);
			return;
		}
		hpa__buf_printf(b, "%lld%s", (long long)v, suf[i]);
		return;
	}
	if (milli % 1000 == 0)
		hpa__buf_printf(b, "%lld", (long long)(milli / 1000));
	else
		hpa__buf_printf(b, "%lldm", (long long)milli);
}
