// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_sem_private: a SysV semaphore set made outside a new IPC namespace
 * is not found by key inside and /proc/sysvipc/sem is empty there; one made
 * inside is gone outside.  Control: without CLONE_NEWIPC the key is found.
 */
#include "sysv.h"

NSC_SYSV_CASE(sem, NSC_SYSV_SEM, "semaphore sets");
