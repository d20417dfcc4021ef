/* Compiled as -std=c99 -pedantic -Werror: the public headers must be C99. */
#include <hpa/hpa.h>

int hpa_headertest_c(void);
int hpa_headertest_c(void)
{
	hpa_error e = HPA_ERROR_INIT;
	return e.code + HPA_VERSION_MAJOR;
}
