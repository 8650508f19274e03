// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.boottime_offset: a CLOCK_BOOTTIME offset of +10 days written to a
 * new time namespace shows exactly (bracketed by the outside readings
 * before and after, no tolerance) in a process that enters it, while the
 * unsharing process's clock does not move.  Control: without
 * CLONE_NEWTIME no offset can be set and the clock reads the same inside.
 */
#include "timens.h"

NSC_TIMENS_HOOKS(boottime, CLOCK_BOOTTIME, "boottime")

NSC_CASE(time, boottime_offset) = {
	.summary = "a boottime offset applies only inside its time namespace",
	.clone_flags = CLONE_NEWTIME,
	.setup = boottime_setup,
	.child = boottime_child,
	.verify = boottime_verify,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:clock_gettime03", "kselftest:timens/timens.c",
			       "man:time_namespaces(7)"),
};
