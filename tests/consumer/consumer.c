/* A tiny out-of-tree program using the installed libhpa. */
#include <hpa/hpa.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	int major, minor, patch;
	const char *v = hpa_version(&major, &minor, &patch);
	hpa_error e = HPA_ERROR_INIT;
	char line[128];
	if (strcmp(v, HPA_VERSION) != 0 || major != HPA_VERSION_MAJOR)
		return 1;
	snprintf(e.source, sizeof(e.source), "consumer");
	e.code = HPA_EINVAL;
	snprintf(e.message, sizeof(e.message), "%s", hpa_strerror(HPA_EINVAL));
	hpa_error_format(&e, line, sizeof(line));
	printf("libhpa %s: %s\n", v, line);
	return strcmp(line, "consumer: invalid argument") == 0 ? 0 : 1;
}
