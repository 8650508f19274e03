// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_msg_private: a SysV message queue made outside a new IPC namespace
 * is not found by key inside and /proc/sysvipc/msg is empty there; one made
 * inside is gone outside.  Control: without CLONE_NEWIPC the key is found.
 */
#include "sysv.h"

NSC_SYSV_HOOKS(msg, NSC_SYSV_MSG)

NSC_CASE(ipc, sysv_msg_private) = {
	.summary = "SysV message queues are private to their IPC namespace",
	.clone_flags = CLONE_NEWIPC,
	.outer_flags = CLONE_NEWIPC,
	.kconfigs = NSC_KCONFIGS("CONFIG_SYSVIPC"),
	.setup = msg_setup,
	.child = msg_child,
	.verify = msg_verify,
	.min_kernel = "2.6.19",
	.anchors = NSC_ANCHORS("ltp:mesgq_nstest_none", "ltp:mesgq_nstest_clone",
			       "ltp:mesgq_nstest_unshare", "man:ipc_namespaces(7)"),
};
