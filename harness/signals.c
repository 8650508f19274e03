// SPDX-License-Identifier: GPL-2.0-only
/* Terminating signals: blocked from the start, taken in order (signals.h). */
#include <string.h>
#include <time.h>

#include "signals.h"

/* Catchable, and their default action ends the process. */
static const int terminating[] = {
	SIGHUP,	   SIGINT,  SIGQUIT, SIGUSR1,	SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
	SIGSTKFLT, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGPOLL, SIGPWR,
};

static sigset_t set, start_mask;

bool nsc_signals_is_terminating(int sig)
{
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return true;
	for (size_t i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++)
		if (terminating[i] == sig)
			return true;
	return false;
}

static void add_unless_ignored(int sig)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
		return;
	sigaddset(&set, sig);
}

void nsc_signals_init(void)
{
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(terminating) / sizeof(terminating[0]); i++)
		add_unless_ignored(terminating[i]);
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		add_unless_ignored(sig);
	sigprocmask(SIG_BLOCK, &set, &start_mask);
}

const sigset_t *nsc_signals_set(void)
{
	return &set;
}

const sigset_t *nsc_signals_start_mask(void)
{
	return &start_mask;
}

int nsc_signals_take(void)
{
	struct timespec zero = { 0, 0 };
	int sig = sigtimedwait(&set, NULL, &zero);

	return sig > 0 ? sig : 0;
}
