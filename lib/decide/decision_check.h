/*
 * lib/decide/decision_check.h -- the check of a caller's hpa_decision before
 * a renderer reads it (text.c), shared with lib/explain's renderer.
 */
#ifndef HPA_LIB_DECIDE_DECISION_CHECK_H
#define HPA_LIB_DECIDE_DECISION_CHECK_H

#include <hpa/decide.h>

/* A decision a renderer may read: known version, condition types and
 * statuses, limit and stabilization reasons, source types, counts within
 * the arrays, @p n metrics (who: the caller's name for the message).
 * HPA_OK or HPA_EINVAL. */
int hpa__decision_check(const hpa_decision *d, size_t n, const char *who, hpa_error *err);

#endif
