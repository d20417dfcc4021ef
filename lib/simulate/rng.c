/*
 * lib/simulate/rng.c -- the simulator's own seeded PRNG: xoshiro256** seeded
 * through splitmix64 (both public-domain algorithms by Blackman and Vigna,
 * written here from their published definitions). No global state: every
 * simulation owns its generator, so the same seed gives the same stream.
 */
#include "simulate/sim_int.h"

uint64_t hpa__sim_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

void hpa__sim_rng_seed(hpa__sim_rng *r, uint64_t seed)
{
	uint64_t sm = seed;
	for (int i = 0; i < 4; i++)
		r->s[i] = hpa__sim_splitmix64(&sm);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t hpa__sim_rng_next(hpa__sim_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform integer in [0, n) without modulo bias (Lemire's multiply-shift
 * with rejection), n > 0. */
uint64_t hpa__sim_rng_below(hpa__sim_rng *r, uint64_t n)
{
	uint64_t x, threshold;
	if (n <= 1)
		return 0;
	threshold = (0 - n) % n;
	for (;;) {
		x = hpa__sim_rng_next(r);
		/* 64x64 -> 128 high part, portable */
		uint64_t a_lo = x & 0xffffffffu, a_hi = x >> 32;
		uint64_t b_lo = n & 0xffffffffu, b_hi = n >> 32;
		uint64_t p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
		uint64_t mid = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);
		uint64_t hi = p3 + (p1 >> 32) + (p2 >> 32) + (mid >> 32);
		uint64_t lo = (mid << 32) | (p0 & 0xffffffffu);
		if (lo >= threshold)
			return hi;
	}
}

/* Uniform double in [0, 1) with 53 random bits. */
double hpa__sim_rng_unit(hpa__sim_rng *r)
{
	return (double)(hpa__sim_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* `mean_ms` spread uniformly by +-permille/1000, never below 0. */
int64_t hpa__sim_rng_jitter(hpa__sim_rng *r, int64_t mean_ms, int32_t permille)
{
	int64_t span, d;
	if (mean_ms <= 0 || permille <= 0)
		return mean_ms < 0 ? 0 : mean_ms;
	span = mean_ms * permille / 1000;
	if (span <= 0)
		return mean_ms;
	d = (int64_t)hpa__sim_rng_below(r, (uint64_t)(2 * span + 1)) - span;
	return mean_ms + d < 0 ? 0 : mean_ms + d;
}
