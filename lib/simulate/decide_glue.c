/*
 * lib/simulate/decide_glue.c -- the bridge between the simulator and the
 * HPA decision function. Until hpa/decide.h lands, every decision fails
 * with an explicit message (the simulator has no autoscaling logic of its
 * own).
 */
#include "simulate/sim_int.h"

struct hpa__sim_glue {
	int unused;
};

int hpa__sim_glue_new(hpa__sim_glue **out, const hpa_autoscaler *hpa, const hpa_sim_options *opts, hpa_error *err)
{
	(void)hpa;
	(void)opts;
	*out = hpa__calloc(1, sizeof(**out));
	return *out ? 0 : hpa__enomem(err);
}

void hpa__sim_glue_free(hpa__sim_glue *g)
{
	hpa__free(g);
}

void hpa__sim_glue_decide(struct hpa_sim *sim, hpa__sim_hpa *h, const hpa__sim_podview *pods, size_t n,
	int32_t current, int64_t now_ms, hpa__sim_decision *out)
{
	(void)sim;
	(void)pods;
	(void)n;
	(void)now_ms;
	out->ok = false;
	out->desired = current;
	out->reason_name = "";
	snprintf(out->kubectl, sizeof(out->kubectl), "%s", h->name);
	snprintf(out->message, sizeof(out->message), "the decision module (hpa/decide.h) is not available yet");
}
