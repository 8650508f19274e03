// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_shm_private: a SysV shared memory segment made outside a new IPC namespace
 * is not found by key inside and /proc/sysvipc/shm is empty there; one made
 * inside is gone outside.  Control: without CLONE_NEWIPC the key is found.
 */
#include "sysv.h"

NSC_SYSV_HOOKS(shm, NSC_SYSV_SHM)

NSC_CASE(ipc, sysv_shm_private) = {
	.summary = "SysV shared memory segments are private to their IPC namespace",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.setup = shm_setup,
	.child = shm_child,
	.verify = shm_verify,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("ltp:shmnstest_none", "ltp:shmnstest_clone", "ltp:shmnstest_unshare",
			       "man:ipc_namespaces(7)"),
};
