/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Terminating signals.  nsc_signals_init(), first thing in main(), blocks
 * every catchable signal whose default action ends the process (HUP,
 * INT, QUIT, TERM, USR1, USR2, ALRM, PIPE, XCPU, XFSZ, ..., the real-time
 * ones) unless it was ignored when nscheck started (nohup, a background
 * job): an ignored signal stays ignored.  From then on no such signal can
 * kill nscheck by its default action at any moment; the scheduler reads
 * them (signalfd) and ends the run in order, and main() checks for one at
 * the points where nothing reads them: the run then ends with its
 * reports complete or marked interrupted and exit status 128+N.
 */
#ifndef NSC_SIGNALS_H
#define NSC_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

void nsc_signals_init(void);

/* The signals blocked by nsc_signals_init() (empty before it). */
const sigset_t *nsc_signals_set(void);

/* The signal mask nscheck started with: its children get it back. */
const sigset_t *nsc_signals_start_mask(void);

/* Take one pending terminating signal; its number, or 0 if none. */
int nsc_signals_take(void);

/* Whether @sig is one of nscheck's terminating signals. */
bool nsc_signals_is_terminating(int sig);

#endif
