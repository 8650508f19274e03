// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipc.sysv_shm_private: a SysV shared memory segment made outside a new IPC namespace
 * is not found by key inside and /proc/sysvipc/shm is empty there; one made
 * inside is gone outside.  Control: without CLONE_NEWIPC the key is found.
 */
#include "sysv.h"

NSC_SYSV_CASE(shm, NSC_SYSV_SHM, "shared memory segments");
