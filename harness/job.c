// SPDX-License-Identifier: GPL-2.0-only
/*
 * Case processes: fork, own process group, captured output, pidfd for
 * the poll loop, and the kill that takes a whole sandbox down: SIGKILL to
 * the process group, the case process itself, and (the runner being a
 * child subreaper) to every orphan that escaped with setsid().  Sandboxes
 * carry PDEATHSIG=SIGKILL, and killing a PID namespace's init kills the
 * namespace.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup.h"
#include "job.h"

unsigned int nsc_pool_size(unsigned int jobs)
{
	return jobs + (jobs > 3 ? jobs : 3);
}

int nsc_slots_init(struct nsc_job_slot *slots, unsigned int n, struct nsc_err *err)
{
	for (unsigned int i = 0; i < n; i++) {
		struct nsc_job *j = &slots[i].job;

		memset(&slots[i], 0, sizeof(slots[i]));
		j->pidfd = -1;
		j->done_fd = -1;
		j->shm = mmap(NULL, sizeof(*j->shm), PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (j->shm == MAP_FAILED) {
			j->shm = NULL;
			return nsc_err_set(err, errno, "mmap job memory");
		}
		j->out_fd = memfd_create("nscheck-stdout", MFD_CLOEXEC);
		j->err_fd = memfd_create("nscheck-stderr", MFD_CLOEXEC);
		if (j->out_fd < 0 || j->err_fd < 0)
			return nsc_err_set(err, errno, "memfd_create");
		j->done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (j->done_fd < 0)
			return nsc_err_set(err, errno, "eventfd");
	}
	return 0;
}

void nsc_slots_free(struct nsc_job_slot *slots, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		struct nsc_job *j = &slots[i].job;

		if (j->shm)
			munmap(j->shm, sizeof(*j->shm));
		if (j->out_fd > 0)
			close(j->out_fd);
		if (j->err_fd > 0)
			close(j->err_fd);
		if (j->done_fd >= 0)
			close(j->done_fd);
		if (j->pidfd >= 0)
			close(j->pidfd);
	}
}

static void reset_capture(int fd)
{
	if (ftruncate(fd, 0) == 0)
		lseek(fd, 0, SEEK_SET);
}

char *nsc_job_capture(int fd, size_t *len)
{
	struct stat st;
	size_t n;
	ssize_t got;
	char *buf;

	*len = 0;
	if (fstat(fd, &st) < 0 || st.st_size <= 0)
		return NULL;
	n = (size_t)st.st_size < NSC_CAPTURE_MAX ? (size_t)st.st_size : NSC_CAPTURE_MAX;
	buf = malloc(n + 1);
	if (!buf)
		return NULL;
	got = pread(fd, buf, n, 0);
	if (got <= 0) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = (size_t)got;
	return buf;
}

static void __attribute__((noreturn))
job_child(struct nsc_job *j, pid_t runner, bool rootless, unsigned int via, const sigset_t *sigmask,
	  const struct nsc_target *target)
{
	struct nsc_ctx ctx;
	int devnull;

	nsc_cov_reset(); /* counters inherited from the runner */
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != runner) {
		nsc_cov_dump();
		_exit(1);
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	/* A sandbox that died early makes writes fail with EPIPE, not kill us. */
	signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_SETMASK, sigmask, NULL);
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull >= 0)
		dup2(devnull, 0);
	dup2(j->out_fd, 1);
	dup2(j->err_fd, 2);
	memset(&ctx, 0, sizeof(ctx));
	ctx.c = j->c;
	ctx.mode = j->mode;
	ctx.withheld = j->mode == NSC_MODE_REAL ? 0 : j->c->clone_flags;
	ctx.shm = j->shm;
	/*
	 * The control (and self-check) of an unsafe case runs in a user
	 * namespace of its own: there the kernel refuses every operation on
	 * what the initial user namespace owns (clocks, reboot, host
	 * sysctls), so the dangerous operation cannot reach the host.
	 */
	ctx.rootless = rootless || (j->mode != NSC_MODE_REAL && j->c->unsafe);
	ctx.via = via;
	ctx.target = target;
	ctx.done_fd = j->done_fd;
	nsc_case_process(&ctx);
}

/* A job that starts now: its record cleared, its captures emptied. */
static int job_reset(struct nsc_job *j, const struct nsc_case *c, enum nsc_mode mode, size_t item,
		     unsigned int timeout_s, struct nsc_err *err)
{
	uint64_t stale;

	memset(j->shm, 0, sizeof(*j->shm));
	if (read(j->done_fd, &stale, sizeof(stale)) < 0 && errno != EAGAIN)
		return nsc_err_set(err, errno, "reset the job's eventfd");
	reset_capture(j->out_fd);
	reset_capture(j->err_fd);
	j->c = c;
	j->mode = mode;
	j->item = item;
	j->timeout_s = timeout_s;
	j->timed_out = false;
	j->code = 0;
	j->status = 0;
	j->start = nsc_now();
	j->deadline = j->start + timeout_s;
	return 0;
}

/* Fork the case process of @slot, as its own process group; 0 or the fork's -errno. */
static int job_fork(struct nsc_job_slot *slot, bool rootless, unsigned int via,
		    const sigset_t *sigmask, const struct nsc_target *target, struct nsc_err *err)
{
	struct nsc_job *j = &slot->job;
	pid_t runner = getpid(), pid;
	int pidfd = -1;

	/* No stdio buffer (reports included) may be inherited and flushed twice. */
	fflush(NULL);
	/*
	 * A fork that hands over the pidfd with the child (CLONE_PIDFD): no
	 * window for pid reuse, and no pidfd_open(), which valgrind 3.19
	 * does not know.
	 */
	pid = nsc_clone_pidfd(0, &pidfd, err);
	if (pid < 0)
		return pid;
	if (pid == 0)
		job_child(j, runner, rootless, via, sigmask, target);
	/* Both sides set the group: no window where a kill misses it. */
	setpgid(pid, pid);
	j->pid = pid;
	j->pidfd = pidfd;
	slot->busy = true;
	return 0;
}

int nsc_job_start(struct nsc_job_slot *slot, const struct nsc_case *c, enum nsc_mode mode,
		  size_t item, unsigned int timeout_s, bool rootless, unsigned int via,
		  const sigset_t *sigmask, const struct nsc_target *target, struct nsc_err *err)
{
	struct nsc_job *j = &slot->job;
	int ret = job_reset(j, c, mode, item, timeout_s, err);

	if (ret < 0)
		return ret;
	ret = job_fork(slot, rootless, via, sigmask, target, err);
	if (ret < 0)
		return nsc_err_set(err, -ret, "fork case process for %s", c->id);
	return 0;
}

int nsc_job_try_reap(struct nsc_job *j)
{
	siginfo_t si;
	int ret = nsc_pidfd_wait(j->pidfd, &si, WEXITED | WNOHANG | WNOWAIT);

	if (ret < 0)
		return ret;
	if (!si.si_pid)
		return 0;
	/*
	 * The case process is gone: nothing of its group may survive it.
	 * Kill while the zombie still pins the group id, then reap.
	 */
	kill(-j->pid, SIGKILL);
	ret = nsc_pidfd_wait(j->pidfd, &si, WEXITED);
	if (ret < 0)
		return ret;
	j->code = si.si_code;
	j->status = si.si_status;
	j->duration = nsc_now() - j->start;
	close(j->pidfd);
	j->pidfd = -1;
	/* Its cgroup, if it made one: nothing in it outlives the case. */
	nsc_cgroup_job_reaped(j->pid);
	return 1;
}

void nsc_job_kill(struct nsc_job *j)
{
	if (j->pidfd < 0)
		return;
	kill(-j->pid, SIGKILL);
	nsc_pidfd_kill(j->pidfd, SIGKILL);
}

static bool is_active(const struct nsc_job_slot *slots, unsigned int n, pid_t pid)
{
	for (unsigned int i = 0; i < n; i++)
		if (slots[i].busy && slots[i].job.pid == pid)
			return true;
	return false;
}

bool nsc_proc_is_ours(void)
{
	char link[64];
	ssize_t n = readlink("/proc/thread-self", link, sizeof(link) - 1);

	if (n <= 0)
		return false;
	link[n] = '\0';
	return strtol(link, NULL, 10) == (long)getpid();
}

void nsc_reap_zombies(const struct nsc_job_slot *slots, unsigned int n)
{
	for (int round = 0; round < 256; round++) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 || !si.si_pid)
			return;
		/* A job is reaped through its pidfd; what is behind it, later. */
		if (is_active(slots, n, si.si_pid))
			return;
		waitpid(si.si_pid, NULL, WNOHANG);
	}
}

/*
 * One pass over our children: kill and reap every one that is no active
 * job.  Returns how many were reaped.
 */
static int reap_orphans_once(const struct nsc_job_slot *slots, unsigned int n)
{
	char path[64], buf[4096];
	ssize_t len;
	char *p, *end;
	int fd, reaped = 0;

	/*
	 * Its pid numbers are those of /proc's PID namespace: only when that
	 * is ours (not so for "unshare --pid --fork" without a new /proc) may
	 * we kill by them.  Else only zombies are reaped (nsc_reap_zombies).
	 */
	if (!nsc_proc_is_ours())
		return 0;
	snprintf(path, sizeof(path), "/proc/thread-self/children");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	for (p = buf; *p; p = end) {
		long pid = strtol(p, &end, 10);

		if (end == p)
			break;
		/* Our unreaped child: its pid cannot have been reused. */
		if (pid > 0 && !is_active(slots, n, (pid_t)pid)) {
			kill((pid_t)pid, SIGKILL);
			waitpid((pid_t)pid, NULL, 0);
			reaped++;
		}
	}
	return reaped;
}

void nsc_reap_orphans(const struct nsc_job_slot *slots, unsigned int n)
{
	nsc_reap_zombies(slots, n);
	/*
	 * An orphan that dies hands its own children (setsid()-ed
	 * grandchildren of a sandbox without a PID namespace) to us, the
	 * subreaper, before we can reap it: look again until a pass finds
	 * nothing.  Bounded, in case something forks faster than we kill.
	 */
	for (int round = 0; round < 64; round++)
		if (!reap_orphans_once(slots, n))
			break;
}
