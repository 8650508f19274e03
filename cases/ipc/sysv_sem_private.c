// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_sem_private: a SysV semaphore set made outside a new IPC namespace
 * is not found by key inside and /proc/sysvipc/sem is empty there; one made
 * inside is gone outside.  Control: without CLONE_NEWIPC the key is found.
 */
#include "sysv.h"

NSC_SYSV_HOOKS(sem, NSC_SYSV_SEM)

NSC_CASE(ipc, sysv_sem_private) = {
	.summary = "SysV semaphore sets are private to their IPC namespace",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.setup = sem_setup,
	.child = sem_child,
	.verify = sem_verify,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("ltp:sem_nstest_none", "ltp:sem_nstest_clone",
			       "ltp:sem_nstest_unshare", "man:ipc_namespaces(7)"),
};
