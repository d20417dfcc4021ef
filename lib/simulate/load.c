/*
 * lib/simulate/load.c -- workload profiles: open-loop request rates
 * (constant, step, ramp, sine, diurnal with bursts, CSV trace) and the
 * closed-loop siege model (-c users, -t duration, -d delay, -r reps).
 */
#include "simulate/sim_int.h"
#include <math.h>

#define SIM_PI 3.14159265358979323846

typedef struct {
	const char *p;
	size_t n;
} tok;

static size_t tokenize(const char *s, tok *toks, size_t max)
{
	size_t n = 0;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		if (n == max)
			return max + 1;
		toks[n].p = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			s++;
		toks[n].n = (size_t)(s - toks[n].p);
		n++;
	}
	return n;
}

static bool tok_is(const tok *t, const char *word)
{
	return strlen(word) == t->n && memcmp(t->p, word, t->n) == 0;
}

static int bad(hpa_error *err, const tok *t, const char *what)
{
	return hpa__error(err, HPA_EINVAL, "load: %s: '%.*s'", what, (int)t->n, t->p);
}

static int parse_rate(const char *p, size_t n, double *out)
{
	int64_t milli;
	if (hpa__sim_parse_quantity(p, n, HPA__SIM_UNIT_PLAIN_MILLI, &milli) || milli < 0)
		return -1;
	*out = (double)milli / 1000.0;
	return 0;
}

/* siege -t: NUM with modifier S, M or H; no modifier means minutes (siegerc). */
static int parse_siege_time(const char *p, size_t n, int64_t *ms)
{
	char last;
	if (n == 0)
		return -1;
	last = p[n - 1];
	if (last >= '0' && last <= '9') {
		int64_t v;
		/* (v <= HPA__SIM_MAX_DURATION_MS: v * 60 fits) */
		if (hpa__sim_parse_quantity(p, n, HPA__SIM_UNIT_DURATION, &v))
			return -1;
		*ms = v * 60;
		return 0;
	}
	return hpa__sim_parse_quantity(p, n, HPA__SIM_UNIT_DURATION, ms);
}

/* "-c20", "-c 20", "--concurrent=20", "--concurrent 20" */
static int opt_value(const tok *toks, size_t n, size_t *i, const char *shortopt, const char *longopt,
	const char **vp, size_t *vn)
{
	const tok *t = &toks[*i];
	size_t sl = strlen(shortopt), ll = strlen(longopt);
	if (t->n >= sl && memcmp(t->p, shortopt, sl) == 0) {
		if (t->n > sl) {
			*vp = t->p + sl;
			*vn = t->n - sl;
			return 1;
		}
	} else if (t->n >= ll && memcmp(t->p, longopt, ll) == 0) {
		if (t->n > ll && t->p[ll] == '=') {
			*vp = t->p + ll + 1;
			*vn = t->n - ll - 1;
			return 1;
		}
		if (t->n != ll)
			return 0;
	} else {
		return 0;
	}
	if (*i + 1 >= n)
		return -1;
	(*i)++;
	*vp = toks[*i].p;
	*vn = toks[*i].n;
	return 1;
}

static int set_target_from_url(hpa_sim_load *l, const char *p, size_t n)
{
	/* http://order:8080/orders -> "order"; order.ns.svc.cluster.local -> "order" */
	const char *h = p, *end = p + n, *e;
	const char *sep = NULL;
	for (const char *q = p; q + 2 < end; q++)
		if (q[0] == ':' && q[1] == '/' && q[2] == '/') {
			sep = q + 3;
			break;
		}
	if (sep)
		h = sep;
	e = h;
	while (e < end && *e != ':' && *e != '/' && *e != '.' && *e != '?')
		e++;
	hpa__free(l->target);
	l->target = hpa__strndup(h, (size_t)(e - h));
	return l->target ? 0 : -1;
}

static int parse_siege(hpa_sim_load *l, const tok *toks, size_t n, hpa_error *err)
{
	l->kind = HPA__LOAD_SIEGE;
	l->users = 15;         /* siegerc: concurrent = 15 */
	l->delay_ms = 1000;    /* siegerc: delay = 1 */
	l->duration_ms = 0;
	for (size_t i = 1; i < n; i++) {
		const char *v;
		size_t vn;
		int r;
		int64_t x;
		if ((r = opt_value(toks, n, &i, "-c", "--concurrent", &v, &vn)) != 0) {
			if (r < 0 || hpa__sim_parse_int(v, vn, &x) || x < 1 || x > 1000000)
				return bad(err, &toks[i], "siege -c wants a number of users (1..1000000)");
			l->users = (int32_t)x;
		} else if ((r = opt_value(toks, n, &i, "-t", "--time", &v, &vn)) != 0) {
			if (r < 0 || parse_siege_time(v, vn, &x) || x <= 0)
				return bad(err, &toks[i], "siege -t wants NUM with S, M or H (" HPA__SIM_MAX_DURATION_TEXT ")");
			l->duration_ms = x;
		} else if ((r = opt_value(toks, n, &i, "-d", "--delay", &v, &vn)) != 0) {
			if (r < 0 || hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_DURATION, &x) || x < 0)
				return bad(err, &toks[i], "siege -d wants seconds (" HPA__SIM_MAX_DURATION_TEXT ")");
			l->delay_ms = x;
		} else if ((r = opt_value(toks, n, &i, "-r", "--reps", &v, &vn)) != 0) {
			if (r < 0 || hpa__sim_parse_int(v, vn, &x) || x < 1)
				return bad(err, &toks[i], "siege -r wants a positive count");
			l->reps = x;
		} else if (tok_is(&toks[i], "-b") || tok_is(&toks[i], "--benchmark")) {
			l->delay_ms = 0;
		} else if (tok_is(&toks[i], "-v") || tok_is(&toks[i], "--verbose") || tok_is(&toks[i], "-q") ||
			tok_is(&toks[i], "--quiet") || tok_is(&toks[i], "-i") || tok_is(&toks[i], "--internet")) {
			/* no effect on the load */
		} else if (toks[i].n > 6 && memcmp(toks[i].p, "start=", 6) == 0) {
			if (hpa__sim_parse_quantity(toks[i].p + 6, toks[i].n - 6, HPA__SIM_UNIT_DURATION, &x) || x < 0)
				return bad(err, &toks[i], "start= wants a duration (" HPA__SIM_MAX_DURATION_TEXT ")");
			l->start_ms = x;
		} else if (toks[i].p[0] != '-') {
			if (set_target_from_url(l, toks[i].p, toks[i].n))
				return hpa__enomem(err);
		} else {
			return bad(err, &toks[i], "unsupported siege option");
		}
	}
	if (l->duration_ms == 0 && l->reps == 0)
		return hpa__error(err, HPA_EINVAL, "load: siege needs -t DURATION or -r REPS");
	return 0;
}

/* key=value options shared by the open-loop profiles */
static int parse_kv(hpa_sim_load *l, const tok *t, hpa_error *err)
{
	const char *eq = memchr(t->p, '=', t->n);
	size_t kl, vn;
	const char *v;
	int64_t x;
	if (!eq)
		return bad(err, t, "unexpected argument");
	kl = (size_t)(eq - t->p);
	v = eq + 1;
	vn = t->n - kl - 1;
#define KEY(s) (kl == strlen(s) && memcmp(t->p, s, kl) == 0)
	if (KEY("start")) {
		if (hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_DURATION, &x) || x < 0)
			return bad(err, t, "start= wants a duration (" HPA__SIM_MAX_DURATION_TEXT ")");
		l->start_ms = x;
	} else if (KEY("for")) {
		if (hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_DURATION, &x) || x <= 0)
			return bad(err, t, "for= wants a duration (" HPA__SIM_MAX_DURATION_TEXT ")");
		l->duration_ms = x;
	} else if (KEY("period") && (l->kind == HPA__LOAD_DIURNAL || l->kind == HPA__LOAD_SINE)) {
		if (hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_DURATION, &x) || x <= 0)
			return bad(err, t, "period= wants a duration (" HPA__SIM_MAX_DURATION_TEXT ")");
		l->period_ms = x;
	} else if (KEY("amp") && l->kind == HPA__LOAD_DIURNAL) {
		if (hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_PLAIN_MILLI, &x) || x < 0 || x > 1000)
			return bad(err, t, "amp= wants a fraction 0..1");
		l->amp = (double)x / 1000.0;
	} else if (KEY("bursts") && l->kind == HPA__LOAD_DIURNAL) {
		if (hpa__sim_parse_int(v, vn, &x) || x < 0 || x > 10000)
			return bad(err, t, "bursts= wants a count");
		l->bursts = (int32_t)x;
	} else if (KEY("factor") && l->kind == HPA__LOAD_DIURNAL) {
		if (hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_PLAIN_MILLI, &x) || x < 1000)
			return bad(err, t, "factor= wants a multiplier >= 1");
		l->burst_factor = (double)x / 1000.0;
	} else if (KEY("burst") && l->kind == HPA__LOAD_DIURNAL) {
		if (hpa__sim_parse_quantity(v, vn, HPA__SIM_UNIT_DURATION, &x) || x <= 0)
			return bad(err, t, "burst= wants a duration (" HPA__SIM_MAX_DURATION_TEXT ")");
		l->burst_ms = x;
	} else {
		return bad(err, t, "unknown option");
	}
#undef KEY
	return 0;
}

static int add_point(hpa_sim_load *l, size_t *cap, int64_t t_ms, double rate)
{
	if (hpa__grow((void **)&l->points, cap, l->n_points + 1, sizeof(*l->points)))
		return -1;
	l->points[l->n_points].t_ms = t_ms;
	l->points[l->n_points].rate = rate;
	l->n_points++;
	return 0;
}

static int parse_spec(hpa_sim_load *l, const char *spec, hpa_error *err)
{
	tok toks[64];
	size_t n = tokenize(spec, toks, 64), i, first_kv;
	if (n > 64)
		return hpa__error(err, HPA_EINVAL, "load: too many words");
	if (n == 0)
		return hpa__error(err, HPA_EINVAL, "load: empty specification");
	if (tok_is(&toks[0], "siege"))
		return parse_siege(l, toks, n, err);
	if (tok_is(&toks[0], "none") || tok_is(&toks[0], "idle")) {
		l->kind = HPA__LOAD_NONE;
		first_kv = 1;
	} else if (tok_is(&toks[0], "constant")) {
		l->kind = HPA__LOAD_CONSTANT;
		if (n < 2 || parse_rate(toks[1].p, toks[1].n, &l->rate))
			return hpa__error(err, HPA_EINVAL, "load: usage: constant RATE");
		first_kv = 2;
	} else if (tok_is(&toks[0], "step")) {
		size_t cap = 0;
		double r0;
		l->kind = HPA__LOAD_STEP;
		if (n < 2 || parse_rate(toks[1].p, toks[1].n, &r0))
			return hpa__error(err, HPA_EINVAL, "load: usage: step RATE [RATE@TIME ...]");
		if (add_point(l, &cap, 0, r0))
			return hpa__enomem(err);
		for (i = 2; i < n && memchr(toks[i].p, '@', toks[i].n); i++) {
			const char *at = memchr(toks[i].p, '@', toks[i].n);
			size_t rl = (size_t)(at - toks[i].p);
			int64_t t;
			double r;
			if (parse_rate(toks[i].p, rl, &r) ||
				hpa__sim_parse_quantity(at + 1, toks[i].n - rl - 1, HPA__SIM_UNIT_DURATION, &t) || t < 0)
				return bad(err, &toks[i], "step wants RATE@TIME (TIME " HPA__SIM_MAX_DURATION_TEXT ")");
			if (t <= l->points[l->n_points - 1].t_ms)
				return bad(err, &toks[i], "step times must increase");
			if (add_point(l, &cap, t, r))
				return hpa__enomem(err);
		}
		first_kv = i;
	} else if (tok_is(&toks[0], "ramp")) {
		l->kind = HPA__LOAD_RAMP;
		if (n < 4 || parse_rate(toks[1].p, toks[1].n, &l->rate) || parse_rate(toks[2].p, toks[2].n, &l->rate2) ||
			hpa__sim_parse_quantity(toks[3].p, toks[3].n, HPA__SIM_UNIT_DURATION, &l->period_ms) ||
			l->period_ms <= 0)
			return hpa__error(err, HPA_EINVAL, "load: usage: ramp FROM TO DURATION");
		first_kv = 4;
	} else if (tok_is(&toks[0], "sine")) {
		l->kind = HPA__LOAD_SINE;
		if (n < 4 || parse_rate(toks[1].p, toks[1].n, &l->rate) || parse_rate(toks[2].p, toks[2].n, &l->amp) ||
			hpa__sim_parse_quantity(toks[3].p, toks[3].n, HPA__SIM_UNIT_DURATION, &l->period_ms) ||
			l->period_ms <= 0)
			return hpa__error(err, HPA_EINVAL, "load: usage: sine MEAN AMPLITUDE PERIOD");
		first_kv = 4;
	} else if (tok_is(&toks[0], "diurnal")) {
		l->kind = HPA__LOAD_DIURNAL;
		l->amp = 0.6;
		l->period_ms = 86400000;
		l->burst_factor = 3.0;
		l->burst_ms = 600000;
		if (n < 2 || parse_rate(toks[1].p, toks[1].n, &l->rate))
			return hpa__error(err, HPA_EINVAL, "load: usage: diurnal MEAN [amp=F] [period=D] [bursts=N] [factor=F] [burst=D]");
		first_kv = 2;
	} else {
		return bad(err, &toks[0], "unknown profile (siege, constant, step, ramp, sine, diurnal, none)");
	}
	for (i = first_kv; i < n; i++) {
		int rc = parse_kv(l, &toks[i], err);
		if (rc)
			return rc;
	}
	return 0;
}

static int load_alloc(hpa_sim_load **out, const char *text, hpa_error *err)
{
	hpa_sim_load *l = hpa__calloc(1, sizeof(*l));
	if (!l)
		return hpa__enomem(err);
	l->text = hpa__strdup(text);
	l->target = hpa__strdup("");
	if (!l->text || !l->target) {
		hpa_sim_load_free(l);
		return hpa__enomem(err);
	}
	*out = l;
	return 0;
}

int hpa_sim_load_parse(hpa_sim_load **out, const char *spec, hpa_error *err)
{
	hpa_sim_load *l = NULL;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_load_parse: NULL out");
	*out = NULL;
	if (!spec)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_load_parse: NULL spec");
	if ((rc = load_alloc(&l, spec, err)))
		return rc;
	if ((rc = parse_spec(l, spec, err))) {
		hpa_sim_load_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

int hpa_sim_load_new_trace(hpa_sim_load **out, const int64_t *time_ms, const int64_t *rate_milli, size_t n,
	hpa_error *err)
{
	hpa_sim_load *l = NULL;
	size_t cap = 0;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_load_new_trace: NULL out");
	*out = NULL;
	if (n == 0 || !time_ms || !rate_milli)
		return hpa__error(err, HPA_EINVAL, "load: a trace needs at least one point");
	if ((rc = load_alloc(&l, "trace", err)))
		return rc;
	l->kind = HPA__LOAD_TRACE;
	for (size_t i = 0; i < n; i++) {
		if (time_ms[i] < 0 || rate_milli[i] < 0 || (i > 0 && time_ms[i] <= time_ms[i - 1])) {
			hpa_sim_load_free(l);
			return hpa__error(err, HPA_EINVAL, "load: trace point %zu: times must increase and values be >= 0",
				i + 1);
		}
		if (add_point(l, &cap, time_ms[i], (double)rate_milli[i] / 1000.0)) {
			hpa_sim_load_free(l);
			return hpa__enomem(err);
		}
	}
	*out = l;
	return 0;
}

int hpa_sim_load_parse_csv(hpa_sim_load **out, const char *buf, size_t len, hpa_error *err)
{
	hpa_sim_load *l = NULL;
	size_t cap = 0, line = 0, pos = 0;
	int rc;
	if (!out)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_load_parse_csv: NULL out");
	*out = NULL;
	if (!buf)
		return hpa__error(err, HPA_EINVAL, "hpa_sim_load_parse_csv: NULL buffer");
	if ((rc = load_alloc(&l, "trace", err)))
		return rc;
	l->kind = HPA__LOAD_TRACE;
	while (pos < len) {
		size_t eol = pos, a, b, c, d, line_start = pos;
		int64_t t;
		double r;
		while (eol < len && buf[eol] != '\n')
			eol++;
		line++;
		a = pos;
		d = eol;
		pos = eol + 1;
		while (a < d && (buf[a] == ' ' || buf[a] == '\t'))
			a++;
		while (d > a && (buf[d - 1] == '\r' || buf[d - 1] == ' ' || buf[d - 1] == '\t'))
			d--;
		if (a == d || buf[a] == '#')
			continue;
		b = a;
		while (b < d && buf[b] != ',')
			b++;
		if (b == d)
			goto bad_line;
		c = b + 1;
		while (c < d && buf[c] == ' ')
			c++;
		{
			size_t te = b;
			while (te > a && buf[te - 1] == ' ')
				te--;
			if (hpa__sim_parse_quantity(buf + a, te - a, HPA__SIM_UNIT_DURATION, &t) || t < 0 ||
				parse_rate(buf + c, d - c, &r)) {
				if (l->n_points == 0 && !(buf[a] >= '0' && buf[a] <= '9'))
					continue; /* a header line */
				goto bad_line;
			}
		}
		if (l->n_points > 0 && t <= l->points[l->n_points - 1].t_ms) {
			hpa_sim_load_free(l);
			hpa__error(err, HPA_EINVAL, "load: trace line %zu: times must increase", line);
			hpa__error_set_pos(err, line, a + 1 - line_start, a);
			return HPA_EINVAL;
		}
		if (add_point(l, &cap, t, r)) {
			hpa_sim_load_free(l);
			return hpa__enomem(err);
		}
		continue;
bad_line:
		hpa_sim_load_free(l);
		hpa__error(err, HPA_EINVAL, "load: trace line %zu: expected TIME,RATE (seconds or a duration, requests/s)",
			line);
		hpa__error_set_pos(err, line, a + 1 - line_start, a);
		return HPA_EINVAL;
	}
	if (l->n_points == 0) {
		hpa_sim_load_free(l);
		return hpa__error(err, HPA_EINVAL, "load: the trace has no points");
	}
	*out = l;
	return 0;
}

void hpa__sim_load_dispose(hpa_sim_load *l)
{
	if (!l)
		return;
	hpa__free(l->points);
	hpa__free(l->target);
	hpa__free(l->text);
	memset(l, 0, sizeof(*l));
}

void hpa_sim_load_free(hpa_sim_load *load)
{
	if (!load)
		return;
	hpa__sim_load_dispose(load);
	hpa__free(load);
}

int hpa__sim_load_copy(hpa_sim_load *dst, const hpa_sim_load *src)
{
	*dst = *src;
	dst->points = NULL;
	dst->target = NULL;
	dst->text = NULL;
	if (src->n_points) {
		dst->points = hpa__malloc(src->n_points * sizeof(*src->points));
		if (!dst->points)
			goto fail;
		memcpy(dst->points, src->points, src->n_points * sizeof(*src->points));
	}
	dst->target = hpa__strdup(src->target ? src->target : "");
	dst->text = hpa__strdup(src->text ? src->text : "");
	if (!dst->target || !dst->text)
		goto fail;
	return 0;
fail:
	hpa__sim_load_dispose(dst);
	return HPA_ENOMEM;
}

const char *hpa_sim_load_target(const hpa_sim_load *load)
{
	return load && load->target ? load->target : "";
}

bool hpa_sim_load_is_closed(const hpa_sim_load *load)
{
	return load && load->kind == HPA__LOAD_SIEGE;
}

const char *hpa_sim_load_text(const hpa_sim_load *load)
{
	return load && load->text ? load->text : "";
}

double hpa__sim_diurnal_cos(const hpa_sim_load *l, int64_t rel, hpa__sim_trig *trig)
{
	double c = cos(2.0 * SIM_PI * (double)(rel % l->period_ms) / (double)l->period_ms);
	if (trig) {
		trig->has = true;
		trig->rel = rel;
		trig->period = l->period_ms;
		trig->c = c;
	}
	return c;
}

static double hold(const hpa__sim_point *p, size_t n, int64_t rel)
{
	/* binary search for the last point with t <= rel */
	size_t lo = 0, hi = n;
	if (n == 0 || rel < p[0].t_ms)
		return 0.0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (p[mid].t_ms <= rel)
			lo = mid;
		else
			hi = mid;
	}
	return p[lo].rate;
}

/* in_burst: -1 = look through bursts, 0/1 = the caller knows; trig: NULL
 * or a one-entry cache of cos() (the same argument gives the same value). */
static double rate_at(const hpa_sim_load *l, const hpa__sim_burst *bursts, size_t n_bursts, int64_t t, int in_burst,
	hpa__sim_trig *trig)
{
	int64_t rel;
	double r = 0.0;
	if (!l || l->kind == HPA__LOAD_SIEGE || l->kind == HPA__LOAD_NONE || !hpa__sim_load_in_window(l, t))
		return 0.0;
	rel = t - l->start_ms;
	switch (l->kind) {
	case HPA__LOAD_CONSTANT:
		r = l->rate;
		break;
	case HPA__LOAD_STEP:
	case HPA__LOAD_TRACE:
		r = hold(l->points, l->n_points, rel);
		break;
	case HPA__LOAD_RAMP:
		if (rel >= l->period_ms)
			r = l->rate2;
		else
			r = l->rate + (l->rate2 - l->rate) * ((double)rel / (double)l->period_ms);
		break;
	case HPA__LOAD_SINE:
		r = l->rate + l->amp * sin(2.0 * SIM_PI * (double)(rel % l->period_ms) / (double)l->period_ms);
		break;
	case HPA__LOAD_DIURNAL:
		/* lowest at the start of the period (night), highest half-way (noon) */
		r = hpa__sim_diurnal_rate(l, rel, trig);
		if (in_burst > 0) {
			r *= l->burst_factor;
		} else if (in_burst < 0) {
			for (size_t i = 0; i < n_bursts; i++)
				if (t >= bursts[i].from_ms && t < bursts[i].to_ms) {
					r *= l->burst_factor;
					break;
				}
		}
		break;
	default:
		break;
	}
	return r < 0.0 ? 0.0 : r;
}

double hpa__sim_load_rate(const hpa_sim_load *l, const hpa__sim_burst *bursts, size_t n_bursts, int64_t t)
{
	return rate_at(l, bursts, n_bursts, t, -1, NULL);
}

double hpa__sim_load_rate_given(const hpa_sim_load *l, bool in_burst, int64_t t, hpa__sim_trig *trig)
{
	return rate_at(l, NULL, 0, t, in_burst ? 1 : 0, trig);
}

int32_t hpa__sim_load_users(const hpa_sim_load *l, int64_t t)
{
	if (!l || l->kind != HPA__LOAD_SIEGE || !hpa__sim_load_in_window(l, t))
		return 0;
	return l->users;
}
