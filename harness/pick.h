/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scheduler's start order (harness/pick.c): which case or control
 * goes into the next free -j slot.
 */
#ifndef NSC_PICK_H
#define NSC_PICK_H

#include <stdbool.h>
#include <stddef.h>

#include "scheduler.h"

/* What the pick took: a queued control, a real run, or one of a kernel-wait case. */
enum nsc_pick { NSC_PICK_CONTROL, NSC_PICK_REAL, NSC_PICK_CONTROL_FIRST, NSC_PICK_DEFERRED };

/* Items in start order: network cases first, kernel-wait cases last of each kind. */
void nsc_pick_order(struct nsc_sched *s);
/* Does item @idx get a positive control run? */
bool nsc_pick_wants_control(const struct nsc_sched *s, size_t idx);
/* The next job to start into a free slot; false when there is none now. */
bool nsc_pick_next(struct nsc_sched *s, size_t *idx, enum nsc_pick *pick);
/* Out of processes or memory: put the pick back for when a job ends. */
void nsc_pick_undo(struct nsc_sched *s, size_t idx, enum nsc_pick pick);
/* Past the cases that have all started. */
void nsc_pick_advance(struct nsc_sched *s);

#endif
