// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests: job.c's spare case processes.  The runner blocks its
 * terminating signals and takes them as a stop (signals.c): telling a
 * spare that died meanwhile must not leave it a SIGPIPE, which would end
 * the whole run as interrupted.
 */
#include <check.h>
#include <signal.h>
#include <unistd.h>

#include "job.h"
#include "nsc_check_main.h"
#include "signals.h"

/* A spare killed before its word: nsc_job_spare_end still reaps it, no SIGPIPE. */
START_TEST(test_dead_spare_no_sigpipe)
{
	struct nsc_job_slot slot;
	struct nsc_err err;
	sigset_t pending;
	siginfo_t si;

	nsc_signals_init();
	ck_assert_int_eq(nsc_slots_init(&slot, 1, &err), 0);
	ck_assert_msg(nsc_job_spare(&slot, false, NSC_VIA_CLONE3, nsc_signals_start_mask(), NULL,
				    &err) == 0,
		      "%s", err.msg);
	slot.busy = true;
	ck_assert(slot.spare);
	ck_assert_int_eq(kill(slot.job.pid, SIGKILL), 0);
	/* Dead (not reaped): its end of the go channel is closed. */
	ck_assert_int_eq(waitid(P_PID, (id_t)slot.job.pid, &si, WEXITED | WNOWAIT), 0);
	nsc_job_spare_end(&slot);
	ck_assert(!slot.busy && !slot.spare);
	ck_assert_int_eq(sigpending(&pending), 0);
	ck_assert_msg(!sigismember(&pending, SIGPIPE), "telling a dead spare left a SIGPIPE");
	nsc_slots_free(&slot, 1);
}
END_TEST

static Suite *job_suite(void)
{
	Suite *s = suite_create("job");
	TCase *tc = tcase_create("spare");

	tcase_add_test(tc, test_dead_spare_no_sigpipe);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return nsc_check_run(job_suite());
}
