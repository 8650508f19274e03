// SPDX-License-Identifier: GPL-2.0-only
/*
 * Target mode, case side: the target as a case sees it, the probe child
 * that joins its namespaces (setns(pidfd) where the kernel takes a pidfd,
 * else the /proc/PID/ns fds; one more fork inside a PID namespace), its
 * namespace identities against nscheck's own and PID 1's, and findings.
 * Read-only: nothing is created, mounted or written in the target's
 * namespaces, and the target is never signalled.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

bool nsc_case_is_target(const struct nsc_case *c)
{
	return c->target_flags || (c->ns && !strcmp(c->ns, "target"));
}

pid_t nsc_target_pid(struct nsc_ctx *ctx)
{
	return ctx->target_pid;
}

const char *nsc_target_name(struct nsc_ctx *ctx)
{
	return ctx->target_name;
}

void nsc_finding(struct nsc_ctx *ctx, const char *key, const char *fmt, ...)
{
	unsigned int n = atomic_load(&ctx->shm->nfinding), i;
	struct nsc_kv *kv = NULL;
	va_list ap;

	for (i = 0; i < n && i < NSC_FINDING_MAX; i++)
		if (!strcmp(ctx->shm->finding[i].key, key))
			kv = &ctx->shm->finding[i];
	if (!kv) {
		i = atomic_fetch_add(&ctx->shm->nfinding, 1);
		if (i >= NSC_FINDING_MAX)
			return;
		kv = &ctx->shm->finding[i];
		snprintf(kv->key, sizeof(kv->key), "%s", key);
	}
	va_start(ap, fmt);
	vsnprintf(kv->value, sizeof(kv->value), fmt, ap);
	va_end(ap);
}

/* Has the target exited (its pidfd polls readable), or been replaced? */
static bool target_gone(struct nsc_ctx *ctx)
{
	struct pollfd p = { .fd = ctx->target_pidfd, .events = POLLIN };

	if (ctx->mode != NSC_MODE_REAL)
		return false; /* the case process itself */
	if (ctx->target_pidfd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & POLLIN))
		return true;
	return !nsc_target_same(ctx->target_pid, ctx->target->starttime);
}

void nsc_target_alive(struct nsc_ctx *ctx)
{
	if (target_gone(ctx))
		nsc_error(ctx, ESRCH, "target %s vanished during the run", ctx->target_name);
}

int nsc_target_file(struct nsc_ctx *ctx, const char *name, size_t max, char **buf, size_t *len)
{
	char path[96];
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)ctx->target_pid, name);
	ret = nsc_file_read(path, max, buf, len, &ctx->err);
	nsc_target_alive(ctx);
	return ret;
}

/* No permission to look at the target is SKIP with the cause, never FAIL. */
static void __attribute__((noreturn)) no_access(struct nsc_ctx *ctx, int errnum, const char *what)
{
	if (errnum == EACCES)
		nsc_skip(ctx, errnum,
			 "run nscheck as root (or as the target's owner with ptrace access)",
			 "no permission to inspect %s: %s refused (ptrace access mode read)",
			 ctx->target_name, what);
	nsc_skip(ctx, errnum, "run nscheck as root",
		 "no permission to join %s's namespaces: %s needs CAP_SYS_ADMIN over them%s",
		 ctx->target_name, what,
		 geteuid() ? " (nscheck is not root)" : " (a foreign user namespace owns them)");
}

static void __attribute__((noreturn)) join_failed(struct nsc_ctx *ctx, int errnum, const char *what)
{
	nsc_target_alive(ctx);
	if (errnum == EPERM || errnum == EACCES)
		no_access(ctx, errnum, what);
	nsc_error(ctx, errnum, "%s", what);
}

int nsc_target_ns_private(struct nsc_ctx *ctx, uint64_t flag, const char *shared_reason)
{
	const struct nsc_ns_info *ns = nsc_ns_by_flag(flag);
	const char *name = ns ? ns->name : "?";
	char what[96];
	long long ino;
	int own, init;

	if (!ns)
		nsc_error(ctx, EINVAL, "no namespace type for flags 0x%llx",
			  (unsigned long long)flag);
	ino = nsc_ns_ino(ctx->target_pid, flag, &ctx->err);
	if (ino >= 0)
		own = nsc_ns_same(ctx->target_pid, 0, flag, &ctx->err);
	else
		own = (int)ino;
	if (own < 0) {
		snprintf(what, sizeof(what), "reading its %s namespace", name);
		join_failed(ctx, -own, what);
	}
	/*
	 * PID 1 may be out of reach (nscheck itself in a container, PID 1
	 * non-dumpable in a parent user namespace): then only nscheck's own
	 * namespace is compared, and the finding says so.
	 */
	/*
	 * Control and --self-check runs compare with a process known to
	 * share the namespace (the control target itself), so that the
	 * comparison with PID 1 is seen to detect a shared namespace.
	 */
	init = nsc_ns_same(ctx->target_pid, ctx->mode == NSC_MODE_REAL ? 1 : ctx->target_pid, flag,
			   &ctx->err);
	if (init == -EACCES || init == -EPERM) {
		nsc_finding(ctx, "pid1",
			    "PID 1's namespaces not readable (%s): compared with nscheck's only",
			    nsc_errno_name(-init));
		init = 0;
	} else if (init < 0) {
		nsc_target_alive(ctx);
		nsc_error(ctx, -init, "%s", ctx->err.msg);
	}
	nsc_target_alive(ctx);
	nsc_finding(ctx, name, "%s:[%lld]%s", name, ino,
		    own	 ? " (nscheck's own)" :
		    init ? " (PID 1's)" :
			   " (private)");
	NSC_ISOLATED(ctx, !own, "%s (same %s namespace as nscheck's)", shared_reason, name);
	NSC_ISOLATED(ctx, !init, "%s (same %s namespace as PID 1's)", shared_reason, name);
	return !own && !init;
}

/*
 * Control and --self-check runs audit the case process itself, in the
 * disposable namespaces sandbox.c unshared for it.
 */
void nsc_target_prepare(struct nsc_ctx *ctx)
{
	if (ctx->mode != NSC_MODE_REAL || !ctx->target) {
		ctx->target_pid = getpid();
		ctx->target_pidfd = nsc_pidfd_open(ctx->target_pid);
		snprintf(ctx->target_name, sizeof(ctx->target_name), "PID %d (nscheck's control)",
			 (int)ctx->target_pid);
		if (ctx->c->plant)
			ctx->c->plant(ctx);
		return;
	}
	ctx->target_pid = ctx->target->pid;
	ctx->target_pidfd = ctx->target->pidfd;
	snprintf(ctx->target_name, sizeof(ctx->target_name), "PID %d (%s)", (int)ctx->target->pid,
		 ctx->target->info.comm);
	nsc_target_alive(ctx);
}

/* setns() through the pidfd: every type at once (Linux 5.8+). */
static int join_pidfd(struct nsc_ctx *ctx, uint64_t flags)
{
	static int disabled = -1;

	if (disabled < 0)
		disabled = getenv("NSCHECK_NO_PIDFD_SETNS") != NULL;
	if (disabled || ctx->target_pidfd < 0)
		return -EINVAL;
	return setns(ctx->target_pidfd, (int)flags) < 0 ? -errno : 0;
}

/* The older way: one /proc/PID/ns/<type> fd per type, all opened first. */
static void join_proc(struct nsc_ctx *ctx, uint64_t flags)
{
	int fds[NSC_NS_COUNT];
	char what[96];
	size_t i;

	for (i = 0; i < NSC_NS_COUNT; i++) {
		fds[i] = -1;
		if (!(flags & nsc_ns_table[i].flag))
			continue;
		fds[i] = nsc_ns_open(ctx->target_pid, nsc_ns_table[i].flag, &ctx->err);
		if (fds[i] < 0) {
			snprintf(what, sizeof(what), "opening its %s namespace",
				 nsc_ns_table[i].name);
			join_failed(ctx, -fds[i], what);
		}
	}
	nsc_target_alive(ctx); /* the fds are the target's, not a successor's */
	/* The mount namespace last: the others need nothing from the old root. */
	for (int pass = 0; pass < 2; pass++) {
		for (i = 0; i < NSC_NS_COUNT; i++) {
			bool mnt = nsc_ns_table[i].flag == NSC_NS_FLAG(MNT);

			if (fds[i] < 0 || mnt != (pass == 1))
				continue;
			if (setns(fds[i], 0) < 0) {
				snprintf(what, sizeof(what), "setns into its %s namespace",
					 nsc_ns_table[i].name);
				join_failed(ctx, errno, what);
			}
			close(fds[i]);
		}
	}
}

/*
 * Inside a PID namespace only a child is a member: fork once more.  The
 * grandchild must never outlive us (it would be reparented to the
 * target's init): PDEATHSIG, and a pipe tells it we are still there.
 */
static void enter_pidns(struct nsc_ctx *ctx)
{
	int alive[2], status;
	struct pollfd p;
	pid_t pid;

	if (pipe2(alive, O_CLOEXEC) < 0)
		nsc_error(ctx, errno, "pipe");
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		nsc_error(ctx, errno, "fork into the target's PID namespace");
	if (pid == 0) {
		nsc_cov_reset();
		close(alive[1]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		p.fd = alive[0];
		p.events = POLLIN;
		if (poll(&p, 1, 0) != 0) /* EOF: the parent is gone */
			_exit(1);
		close(alive[0]);
		return;
	}
	close(alive[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			nsc_error(ctx, errno, "waitpid(probe in the target's PID namespace)");
	}
	if (WIFSIGNALED(status))
		nsc_error(ctx, 0, "probe in the target's PID namespace killed by %s",
			  nsc_signal_name(WTERMSIG(status)));
	if (WEXITSTATUS(status))
		nsc_error(ctx, 0, "probe in the target's PID namespace exited with status %d",
			  WEXITSTATUS(status));
	nsc_exit(ctx);
}

void nsc_target_join(struct nsc_ctx *ctx)
{
	uint64_t flags = ctx->c->target_flags & ~NSC_NS_FLAG(USER);
	int ret;

	if (!flags)
		return;
	ret = join_pidfd(ctx, flags);
	if (ret == -EINVAL)
		join_proc(ctx, flags);
	else if (ret < 0)
		join_failed(ctx, -ret, "setns(pidfd)");
	if (flags & NSC_NS_FLAG(PID))
		enter_pidns(ctx);
}
