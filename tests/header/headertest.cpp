// Compiled as C++ -pedantic -Werror: the public headers must be valid C++.
#include <hpa/hpa.h>

int hpa_headertest_cxx();
int hpa_headertest_cxx()
{
	hpa_error e = HPA_ERROR_INIT;
	return e.code + static_cast<int>(hpa_strerror(HPA_OK)[0]);
}
