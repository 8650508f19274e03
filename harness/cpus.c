// SPDX-License-Identifier: GPL-2.0-only
/* The default parallelism (cpus.h). */
#include <errno.h>
#include <sched.h>
#include <unistd.h>

#include "cli.h"
#include "cpus.h"

#define NSC_CPUS_LIMIT (1 << 22) /* the kernel's NR_CPUS is far below */

unsigned int nsc_cpus_usable(void)
{
	for (int n = 1024; n <= NSC_CPUS_LIMIT; n *= 2) {
		cpu_set_t *set = CPU_ALLOC(n);
		size_t size = CPU_ALLOC_SIZE(n);
		int count;

		if (!set)
			break;
		CPU_ZERO_S(size, set);
		if (sched_getaffinity(0, size, set) == 0) {
			count = CPU_COUNT_S(size, set);
			CPU_FREE(set);
			return count > 0 ? (unsigned int)count : 1;
		}
		CPU_FREE(set);
		if (errno != EINVAL) /* EINVAL: the mask is smaller than the kernel's */
			break;
	}
	return nsc_jobs_default(sysconf(_SC_NPROCESSORS_ONLN));
}

unsigned int nsc_jobs_default(long cpus)
{
	if (cpus < 1)
		return 1;
	if (cpus > NSC_JOBS_MAX)
		return NSC_JOBS_MAX;
	return (unsigned int)cpus;
}
