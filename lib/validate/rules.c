/* lib/validate/rules.c -- the rule catalogue (ids are stable: never reuse
 * or renumber one; docs/lint.md describes each). */
#include "validate/validate_int.h"

const struct hpa_lint_rule hpa__lint_rules[] = {
	{ "VAL001", HPA_SEVERITY_ERROR, "the API server rejects the object (field validation)", false },
	{ "VAL002", HPA_SEVERITY_ERROR, "the object does not match the Kubernetes 1.36 schema (unknown field, wrong type, missing required field)", false },
	{ "OBJ001", HPA_SEVERITY_WARNING, "the same object (apiVersion group, kind, namespace, name) is defined twice in the set", false },
	{ "API001", HPA_SEVERITY_ERROR, "apiVersion removed from Kubernetes: migrate to the served version", false },
	{ "HPA001", HPA_SEVERITY_WARNING, "the HPA's scale target is not in the manifest set", false },
	{ "HPA002", HPA_SEVERITY_ERROR, "the HPA's scaleTargetRef is empty or incomplete", false },
	{ "HPA003", HPA_SEVERITY_ERROR, "a container of the HPA's target has no request for a resource the HPA scales on by Utilization (the <unknown> target)", false },
	{ "HPA004", HPA_SEVERITY_ERROR, "a ContainerResource metric names a container the target does not have", false },
	{ "HPA005", HPA_SEVERITY_ERROR, "two HPAs target the same workload", false },
	{ "HPA006", HPA_SEVERITY_WARNING, "a PodDisruptionBudget's minAvailable is at least the HPA's minReplicas", false },
	{ "HPA007", HPA_SEVERITY_INFO, "an HPA-managed workload sets a static spec.replicas", false },
	{ "HPA008", HPA_SEVERITY_WARNING, "a Utilization target is below the declared idle usage: the workload stays at maxReplicas", false },
	{ "HPA009", HPA_SEVERITY_INFO, "a memory Utilization target is likely below the idle footprint (rule of thumb; heuristic, opt-in)", true },
	{ "HPA010", HPA_SEVERITY_INFO, "the HPA has no metrics: the API server defaults them to cpu at 80% Utilization", false },
	{ "SVC001", HPA_SEVERITY_WARNING, "the Service's selector matches no workload's pod labels", false },
	{ "SVC002", HPA_SEVERITY_ERROR, "the Service's targetPort name is not declared by the selected containers", false },
	{ "WL001", HPA_SEVERITY_WARNING, "a workload's selector also selects another workload's pods", false },
	{ "WL002", HPA_SEVERITY_WARNING, "a container image is empty or a placeholder (e.g. ghcr.io/undefined)", false },
	{ "ING001", HPA_SEVERITY_WARNING, "an Ingress backend Service is not in the manifest set", false },
	{ "ING002", HPA_SEVERITY_ERROR, "an Ingress backend port (number or name) is not a port of the Service", false },
	{ "ING003", HPA_SEVERITY_WARNING, "an Ingress path is repeated (same host, path and pathType)", false },
	{ "ING004", HPA_SEVERITY_WARNING, "an Ingress path reaches no REST resource the backend declares (hpa.libhpa.dev/rest-paths)", false },
	{ "ING005", HPA_SEVERITY_INFO, "a declared REST resource of a routed Service is reached by no Ingress path", false },
	{ "ING006", HPA_SEVERITY_WARNING, "the deprecated kubernetes.io/ingress.class annotation is used", false },
	{ "ING007", HPA_SEVERITY_WARNING, "an Ingress path fails ingress-nginx's strict path validation", false },
};

const size_t hpa__lint_rule_n = HPA__ARRAY_SIZE(hpa__lint_rules);

size_t hpa_lint_rule_count(void) { return hpa__lint_rule_n; }

const hpa_lint_rule *hpa_lint_rule_at(size_t index)
{
	return index < hpa__lint_rule_n ? &hpa__lint_rules[index] : NULL;
}

const hpa_lint_rule *hpa_lint_rule_find(const char *id)
{
	size_t i;
	if (!id)
		return NULL;
	for (i = 0; i < hpa__lint_rule_n; i++)
		if (strcmp(hpa__lint_rules[i].id, id) == 0)
			return &hpa__lint_rules[i];
	return NULL;
}

const char *hpa_lint_rule_id(const hpa_lint_rule *rule) { return rule ? rule->id : ""; }
int hpa_lint_rule_severity(const hpa_lint_rule *rule) { return rule ? rule->severity : 0; }
const char *hpa_lint_rule_summary(const hpa_lint_rule *rule) { return rule ? rule->summary : ""; }
