// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_msg_private: a SysV message queue made outside a new IPC namespace
 * is not found by key inside and /proc/sysvipc/msg is empty there; one made
 * inside is gone outside.  Control: without CLONE_NEWIPC the key is found.
 */
#include "sysv.h"

NSC_SYSV_CASE(msg, NSC_SYSV_MSG, "message queues");
