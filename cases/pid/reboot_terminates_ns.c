// SPDX-License-Identifier: GPL-2.0-only
/*
 * pid.reboot_terminates_ns: reboot(2) called inside a PID namespace
 * (other than the initial one) by a process holding CAP_SYS_BOOT over
 * the namespace's user namespace does not reboot the machine: it ends
 * the namespace, its init dying as if killed by SIGHUP for RESTART and
 * by SIGINT for POWER_OFF, and a command with no meaning there (CAD_ON)
 * fails with EINVAL.  Asserted on the wait status of the init of a
 * nested namespace whose member M made the call.
 *
 * Dangerous: in the initial PID namespace the same call reboots the
 * host.  Hence .unsafe (runs only with --unsafe), no control (it must
 * never run with CLONE_NEWPID withheld), and before any reboot(2) M
 * proves by identity that its PID namespace is neither the initial one
 * (PROC_PID_INIT_INO), nor the case process's, nor the sandbox's, and
 * that its parent is its namespace's PID 1; else ERROR, nothing called.
 */
#include <linux/reboot.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nscheck.h"

#define NSC_PROC_PID_INIT_INO 0xEFFFFFFCLL

struct rb_shared {
	long long case_ns; /* the case process's PID namespace */
	long long box_ns;  /* the sandbox's */
	int proven;	   /* M proved its namespace before calling */
	int cad_ret;	   /* reboot(CAD_ON) in M: 0 or -errno */
	int ret;	   /* reboot(cmd) in M if it returned: -errno */
};

static int setup(struct nsc_ctx *ctx)
{
	struct rb_shared *sh = nsc_shared_as(ctx, struct rb_shared);

	sh->case_ns = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	return 0;
}

static int sys_reboot(unsigned int cmd)
{
	return syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, NULL) < 0 ? -errno :
											      0;
}

/* M: prove where it is, then call reboot(@cmd). */
static void __attribute__((noreturn)) member(struct rb_shared *sh, unsigned int cmd)
{
	long long ns = nsc_ns_ino(0, CLONE_NEWPID, NULL);

	sh->proven = ns > 0 && ns != NSC_PROC_PID_INIT_INO && ns != sh->case_ns &&
		     ns != sh->box_ns && getppid() == 1;
	if (!sh->proven)
		_exit(1);
	sh->cad_ret = sys_reboot(LINUX_REBOOT_CMD_CAD_ON);
	nsc_cov_dump();		   /* the reboot kills M: no _exit() flushes its counters */
	sh->ret = sys_reboot(cmd); /* returns only on failure */
	_exit(2);
}

/* A nested namespace whose member calls reboot(@cmd); its init's wait status. */
static int run_one(struct nsc_ctx *ctx, int boxfd, unsigned int cmd)
{
	struct rb_shared *sh = nsc_shared_as(ctx, struct rb_shared);
	int status;
	pid_t t;

	sh->proven = 0;
	sh->ret = 0;
	NSC_SAFE(ctx, setns(boxfd, CLONE_NEWPID)); /* children in the sandbox's again */
	NSC_TRY(ctx, nsc_unshare(ctx, CLONE_NEWPID));
	t = NSC_SAFE(ctx, nsc_fork());
	if (t == 0) {
		pid_t m = nsc_fork();

		if (m == 0)
			member(sh, cmd);
		/* The init: waits for M; if M returns, so does it. */
		nsc_cov_dump(); /* M's reboot kills it in the wait */
		while (m > 0 && waitpid(m, &status, 0) < 0 && errno == EINTR)
			;
		_exit(3);
	}
	NSC_SAFE(ctx, waitpid(t, &status, 0));
	if (!sh->proven)
		nsc_error(ctx, 0,
			  "the reboot(2) caller could not prove it is in a nested PID namespace: nothing called");
	if (sh->ret == -EPERM)
		nsc_skip(ctx, EPERM, "give nscheck CAP_SYS_BOOT, or run it with --rootless",
			 "reboot(2) needs CAP_SYS_BOOT over the PID namespace's user namespace");
	return status;
}

static void child(struct nsc_ctx *ctx)
{
	struct rb_shared *sh = nsc_shared_as(ctx, struct rb_shared);
	int boxfd, status;

	sh->box_ns = NSC_TRY(ctx, nsc_ns_ino(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	boxfd = NSC_TRY(ctx, nsc_ns_open(0, CLONE_NEWPID, nsc_errbuf(ctx)));
	status = run_one(ctx, boxfd, LINUX_REBOOT_CMD_RESTART);
	NSC_EXPECT_EQ(ctx, sh->cad_ret, -EINVAL, "reboot(LINUX_REBOOT_CMD_CAD_ON) inside");
	NSC_EXPECT(ctx, WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP,
		   "init after reboot(RESTART) by a member: status 0x%x (reboot returned %d), want killed by SIGHUP",
		   status, sh->ret);
	status = run_one(ctx, boxfd, LINUX_REBOOT_CMD_POWER_OFF);
	NSC_EXPECT(ctx, WIFSIGNALED(status) && WTERMSIG(status) == SIGINT,
		   "init after reboot(POWER_OFF) by a member: status 0x%x (reboot returned %d), want killed by SIGINT",
		   status, sh->ret);
	close(boxfd);
}

NSC_CASE(pid, reboot_terminates_ns) = {
	.summary = "reboot(2) inside a PID namespace ends the namespace (init killed by SIGHUP/SIGINT)",
	.clone_flags = CLONE_NEWPID,
	.no_control = "never without CLONE_NEWPID: reboot(2) would reboot the host",
	.unsafe = true,
	.caps = NSC_CAP(CAP_SYS_BOOT),
	.setup = setup,
	.child = child,
	.min_kernel = "3.4",
	.anchors = NSC_ANCHORS("man:reboot(2)", "man:pid_namespaces(7)", "other:no anchor tests it"),
};
