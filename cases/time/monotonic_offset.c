// SPDX-License-Identifier: GPL-2.0-only
/*
 * time.monotonic_offset: a CLOCK_MONOTONIC offset of +10 days written to
 * a new time namespace shows exactly (bracketed by the outside readings
 * before and after, no tolerance) in a process that enters it, while the
 * unsharing process's clock does not move.  Control: without
 * CLONE_NEWTIME no offset can be set and the clock reads the same inside.
 */
#include "timens.h"

NSC_TIMENS_HOOKS(monotonic, CLOCK_MONOTONIC, "monotonic")

NSC_CASE(time, monotonic_offset) = {
	.summary = "a monotonic offset applies only inside its time namespace",
	.clone_flags = CLONE_NEWTIME,
	.setup = monotonic_setup,
	.child = monotonic_child,
	.verify = monotonic_verify,
	.min_kernel = "5.6",
	.anchors = NSC_ANCHORS("ltp:clock_gettime03", "kselftest:timens/timens.c",
			       "man:time_namespaces(7)"),
};
