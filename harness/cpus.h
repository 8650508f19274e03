/* SPDX-License-Identifier: GPL-2.0-only */
/* How many case processes to run at once by default. */
#ifndef NSC_CPUS_H
#define NSC_CPUS_H

/*
 * CPUs this process may run on: its affinity mask, read with a mask sized
 * at run time (CPU_ALLOC, grown until the kernel accepts it), so that
 * hosts with more CPUs than a fixed cpu_set_t holds (1024) count right.
 * Falls back to the online CPUs; >= 1.
 */
unsigned int nsc_cpus_usable(void);

/* The default -j for @cpus usable CPUs: 1..NSC_JOBS_MAX, never 1 for many. */
unsigned int nsc_jobs_default(long cpus);

#endif
