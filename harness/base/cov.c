// SPDX-License-Identifier: GPL-2.0-only
/* Coverage builds: gcov counters of forked processes (base.h). */
#include "base.h"

#ifdef NSCHECK_COVERAGE
extern void __gcov_reset(void);
extern void __gcov_dump(void);
#endif

void nsc_cov_reset(void)
{
#ifdef NSCHECK_COVERAGE
	__gcov_reset();
#endif
}

void nsc_cov_dump(void)
{
#ifdef NSCHECK_COVERAGE
	__gcov_dump();
#endif
}
