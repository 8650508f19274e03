// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scheduler: case processes in -j slots (network cases first), the
 * poll loop over their pidfds, deadlines and SIGINT/SIGTERM, each job's
 * shared record turned into a result, the positive control queued after
 * a passing case, and a probe only for a case that ended in ERROR.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <unistd.h>
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#endif

#include "env.h"
#include "kmsg.h"
#include "ns.h"
#include "pick.h"
#include "scheduler.h"
#include "via.h"

/*
 * A case process ended in ERROR: can the host create the case's
 * namespaces at all?  Found by trying, in a forked probe (once per flag
 * set), only when something went wrong: on a healthy host no probe runs.
 * A host that cannot turns the ERROR into a SKIP with the cause.
 */
static bool item_unhostable(struct nsc_sched *s, struct nsc_item *it, int errnum)
{
	const struct nsc_case *c = it->c;
	uint64_t flags = c->clone_flags, outer = c->outer_flags;
	int ret;

	/* Exhausted resources are said as such (outcome_classify), never SKIP. */
	if (nsc_probe_is_resource(errnum))
		return false;
	/* The control also needs the disposable outer namespaces. */
	if (s->mode != NSC_MODE_REAL || (s->opts->control && !c->no_control))
		outer |= flags & nsc_ns_mutable_flags();
	for (size_t i = 0; i < s->n; i++) {
		struct nsc_item *o = &s->items[i];

		if (o->probed && o->c->clone_flags == flags && o->c->outer_flags == c->outer_flags) {
			it->probe = o->probe;
			goto have;
		}
	}
	ret = nsc_probe_run(outer, flags, s->opts->rootless, s->opts->env, &it->probe);
	if ((ret < 0 && nsc_probe_is_resource(-ret)) || nsc_probe_is_resource(it->probe.err)) {
		memset(&it->probe, 0, sizeof(it->probe)); /* the probe itself ran out */
		return false;
	}
	if (ret < 0) {
		it->probe.err = -ret;
		snprintf(it->probe.reason, sizeof(it->probe.reason),
			 "namespace probe could not run: %s", strerror(-ret));
	}
have:
	it->probed = true;
	if (!it->probe.err)
		return false;
	nsc_item_skip(it, it->probe.reason, it->probe.hint, it->probe.err);
	return true;
}

static unsigned int job_timeout(const struct nsc_sched *s, const struct nsc_case *c)
{
	if (!s->opts->timeout_explicit && c->timeout_s)
		return c->timeout_s;
	return s->opts->timeout_s;
}

static int start_next(struct nsc_sched *s, struct nsc_job_slot *slot, struct nsc_err *err)
{
	enum nsc_mode mode;
	enum nsc_pick pick;
	size_t idx;
	int ret;

	if (!nsc_pick_next(s, &idx, &pick))
		return 0;
	mode = pick == NSC_PICK_CONTROL || pick == NSC_PICK_CONTROL_FIRST ? NSC_MODE_CONTROL :
									    s->mode;
	ret = nsc_job_start(slot, s->items[idx].c, mode, idx, job_timeout(s, s->items[idx].c),
			    s->opts->rootless, s->opts->via ? s->opts->via : NSC_VIA_CLONE3,
			    &s->childmask, s->opts->target, err);
	if (ret < 0 && nsc_probe_is_resource(-ret)) {
		struct nsc_probe p;

		for (unsigned int i = 0; i < s->npool; i++) {
			if (!s->slots[i].busy)
				continue;
			nsc_pick_undo(s, idx, pick);
			return 0;
		}
		if (nsc_probe_classify_resource(&p, -ret, s->nslots)) {
			char was[sizeof(err->msg)];

			snprintf(was, sizeof(was), "%s", err->msg);
			nsc_err_setx(err, -ret, "%s: %s", p.reason, was);
		}
	}
	if (ret < 0)
		return -1;
	if (pick == NSC_PICK_CONTROL || pick == NSC_PICK_DEFERRED)
		return 1; /* counted when it was queued */
	s->items[idx].pending++;
	nsc_pick_advance(s);
	nsc_kmsg_start((unsigned int)idx + 1, (unsigned int)s->n, s->items[idx].c->id);
	if (pick == NSC_PICK_CONTROL_FIRST) {
		s->deferred = idx + 1; /* the real run: next */
		s->items[idx].pending++;
	} else if (nsc_pick_wants_control(s, idx)) {
		s->controls[s->ctl_tail++] = idx; /* starts in the next free slot */
		s->items[idx].pending++;
	}
	return 1;
}

/*
 * A case and its control run side by side (the control's verdict is used
 * only when the case passed): on -j 2 the slowest case and its control
 * do not queue behind each other.  The result is final when both ended.
 */
static void job_finished(struct nsc_sched *s, struct nsc_job *j)
{
	struct nsc_item *it = &s->items[j->item];
	struct nsc_outcome o;

	it->pending--;
	if (it->done)
		return; /* skipped by a probe; its control's run is moot */
	nsc_outcome_read(s, j, &o);
	it->res.duration += j->duration;
	for (unsigned int i = 0; i < NSC_SITES_MAX; i++) {
		if (j->mode != NSC_MODE_CONTROL && atomic_load(&j->shm->site_eval[i]))
			it->eval[i / 64] |= 1ULL << (i % 64);
		if (atomic_load(&j->shm->site_fired[i]))
			it->fired[i / 64] |= 1ULL << (i % 64);
	}
	if (j->mode == NSC_MODE_CONTROL) {
		it->ctl = o;
		it->ctl_ran = true;
	} else if (o.v.status == NSC_ERROR && item_unhostable(s, it, o.v.err)) {
		return;
	} else {
		nsc_item_take_job(it, j, &o);
		it->ran = true;
	}
	if (it->pending)
		return;
	if (it->ran && it->ctl_ran && it->res.status == NSC_PASS)
		nsc_item_add_control(it, &it->ctl);
	it->done = true;
}

static size_t n_bytes(size_t n)
{
	return (n ? n : 1) * sizeof(struct nsc_item);
}

/*
 * The items (12.7 KB each: results with their diagnostics) are the
 * runner's alone: not mapped into the case processes forked from it, so
 * fork() copies no page table of them and the runner's writes while a
 * case runs cause no copy-on-write (--all: 2.2 MB, 550 pages).
 * Not under valgrind: 3.19 does not model MADV_DONTFORK, believes the
 * pages mapped in every forked process, and its leak check at each
 * process's exit then faults on all of them (ci/valgrind over 165
 * cases: 1573 s with the advice, 39 s without; measured 2026-12-02).
 */
static struct nsc_item *items_alloc(size_t n)
{
	void *p = mmap(NULL, n_bytes(n), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (!RUNNING_ON_VALGRIND)
		madvise(p, n_bytes(n), MADV_DONTFORK);
	return p;
}

int nsc_sched_init(struct nsc_sched *s, const struct nsc_case *const *cases, size_t n,
		   const struct nsc_runner_opts *opts, enum nsc_mode mode, struct nsc_err *err)
{
	sigset_t mask;

	memset(s, 0, sizeof(*s));
	s->opts = opts;
	s->mode = mode;
	s->n = n;
	s->sigfd = -1;
	s->nslots = opts->jobs ? opts->jobs : 1;
	s->items = items_alloc(n);
	s->controls = calloc(n, sizeof(*s->controls));
	s->order = calloc(n, sizeof(*s->order));
	/*
	 * A case process asleep in its declared kernel wait leaves its -j
	 * slot, unless a tight process limit counts what it still holds.
	 */
	s->npool = nsc_probe_procs_limited() ? s->nslots : nsc_pool_size(s->nslots);
	s->slots = calloc(s->npool, sizeof(*s->slots));
	if (!s->items || !s->controls || !s->order || !s->slots) {
		nsc_err_set(err, ENOMEM, "runner");
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		nsc_item_init(&s->items[i], cases[i], i);
	nsc_pick_order(s);
	/*
	 * /proc/<pid> must mean the process we know as <pid> (id maps, ns
	 * identity, orphans): refuse a /proc of another PID namespace, as
	 * after "unshare --pid --fork" without --mount-proc.
	 */
	if (!nsc_proc_is_ours())
		return nsc_err_setx(err, EXDEV,
				    "/proc belongs to another PID namespace than nscheck's (pid %d): mount a proc of its own (unshare --pid --fork --mount-proc)",
				    (int)getpid());
	/* Enough open files for every slot, or one clear refusal. */
	if (nsc_probe_nofile(s->nslots, err) < 0)
		return -EMFILE;
	/*
	 * Started with SIGCHLD ignored (a parent's choice that execve keeps),
	 * our children would reap themselves and waitid() fail with ECHILD.
	 */
	sigaction(SIGCHLD, &(struct sigaction){ .sa_handler = SIG_DFL }, &s->oldchld);
	s->chld_saved = true;
	sigemptyset(&mask);
	if (opts->stop_signals) {
		mask = *opts->stop_signals;
	} else {
		sigaddset(&mask, SIGINT);
		sigaddset(&mask, SIGTERM);
		sigaddset(&mask, SIGHUP);
	}
	/* A child ended: reap what is no job (as PID 1, anything reparented). */
	sigaddset(&mask, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &mask, &s->oldmask) < 0)
		return nsc_err_set(err, errno, "sigprocmask");
	s->childmask = opts->child_mask ? *opts->child_mask : s->oldmask;
	s->sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->sigfd < 0)
		return nsc_err_set(err, errno, "signalfd");
	/* Orphans of a case (setsid()-ed escapees) become ours to kill. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	return nsc_slots_init(s->slots, s->npool, err);
}

int nsc_sched_signals(struct nsc_sched *s)
{
	struct signalfd_siginfo si;

	while (!s->signo && s->sigfd >= 0 && read(s->sigfd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			nsc_reap_zombies(s->slots, s->npool);
		else
			s->signo = (int)si.ssi_signo;
	}
	return s->signo;
}

/* Kill and reap every running case process and every orphan. */
void nsc_sched_kill_all(struct nsc_sched *s)
{
	if (!s->slots)
		return;
	for (unsigned int i = 0; i < s->npool; i++) {
		struct nsc_job *j = &s->slots[i].job;

		if (!s->slots[i].busy)
			continue;
		nsc_job_kill(j);
		while (nsc_job_try_reap(j) == 0)
			poll(&(struct pollfd){ .fd = j->pidfd, .events = POLLIN }, 1, 100);
		s->slots[i].busy = false;
	}
	nsc_reap_orphans(s->slots, s->npool);
}

void nsc_sched_free(struct nsc_sched *s)
{
	nsc_sched_kill_all(s);
	if (s->slots)
		nsc_slots_free(s->slots, s->npool);
	for (size_t i = 0; s->items && i < s->n; i++) {
		free((void *)s->items[i].res.out);
		free((void *)s->items[i].res.errout);
	}
	if (s->sigfd >= 0)
		close(s->sigfd);
	sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
	if (s->chld_saved)
		sigaction(SIGCHLD, &s->oldchld, NULL);
	if (s->items)
		munmap(s->items, n_bytes(s->n));
	free(s->controls);
	free(s->order);
	free(s->slots);
}

/*
 * Does the job hold one of the -j slots?  Not while it sleeps on a wait
 * it declared the kernel's (nsc_kernel_wait).
 */
static bool slot_running(const struct nsc_job_slot *slot)
{
	return slot->busy && !atomic_load(&slot->job.shm->kernel_wait);
}

static struct nsc_job_slot *slot_for_start(struct nsc_sched *s)
{
	for (unsigned int i = 0; i < s->npool; i++)
		if (!s->slots[i].busy)
			return &s->slots[i];
	return NULL;
}

/* Start jobs until -j of them run. */
static int fill_slots(struct nsc_sched *s, struct nsc_err *err)
{
	unsigned int running = 0;

	for (unsigned int i = 0; i < s->npool; i++)
		running += slot_running(&s->slots[i]);
	while (running < s->nslots) {
		struct nsc_job_slot *slot = slot_for_start(s);
		int ret;

		if (!slot)
			break;
		ret = start_next(s, slot, err);
		if (ret < 0)
			return ret;
		if (ret == 0)
			break; /* nothing more to start now */
		running++;
	}
	return 0;
}

/*
 * One busy slot after poll: an exit is reaped and turns into the result.  Whether the job ended is
 * asked now, not taken from poll: a runner stopped (Ctrl-Z, SIGSTOP)
 * between poll and here finds the clock past deadlines of jobs that
 * finished in time meanwhile.  Only a job still running after its
 * deadline timed out.
 */
static int slot_poll(struct nsc_sched *s, struct nsc_job_slot *slot, double now)
{
	uint64_t n;
	int ret;

	/* Its kernel wait began or ended (slot_running) and woke us: consume it. */
	if (read(slot->job.done_fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		return -errno;
	ret = nsc_job_try_reap(&slot->job);
	if (ret == 0 && slot->job.deadline <= now) {
		slot->job.timed_out = true;
		nsc_job_kill(&slot->job);
		ret = nsc_job_try_reap(&slot->job);
	}
	if (ret == 1) {
		slot->busy = false;
		s->sweep = true;
		job_finished(s, &slot->job);
	}
	return ret < 0 ? ret : 0;
}

/*
 * The poll loop: keep every slot busy, wait for a pidfd, a deadline or a
 * signal.  @on_done is called for every finished job.
 */
int nsc_sched_loop(struct nsc_sched *s,
		   int (*on_done)(struct nsc_sched *s, void *arg, struct nsc_err *err), void *arg,
		   struct nsc_err *err)
{
	struct pollfd *pfd = calloc(2 * s->npool + 1, sizeof(*pfd));
	int ret = 0;

	if (!pfd) {
		ret = nsc_err_set(err, ENOMEM, "runner");
		goto out;
	}
	for (;;) {
		unsigned int np = 0, active = 0;
		double now, next = 1e300;
		int timeout_ms;

		/* A signal that came meanwhile: start nothing more. */
		if (nsc_sched_signals(s)) {
			nsc_sched_kill_all(s);
			break;
		}
		ret = fill_slots(s, err);
		if (ret < 0)
			goto out;
		/* Orphans of the jobs that ended: after the next jobs started. */
		if (s->sweep) {
			s->sweep = false;
			nsc_reap_orphans(s->slots, s->npool);
		}
		ret = on_done(s, arg, err);
		if (ret < 0)
			goto out;
		pfd[np].fd = s->sigfd;
		pfd[np++].events = POLLIN;
		for (unsigned int i = 0; i < s->npool; i++) {
			const struct nsc_job_slot *slot = &s->slots[i];

			if (!slot->busy)
				continue;
			active++;
			pfd[np].fd = slot->job.pidfd;
			pfd[np++].events = POLLIN;
			pfd[np].fd = slot->job.done_fd;
			pfd[np++].events = POLLIN;
			if (slot->job.deadline < next)
				next = slot->job.deadline;
		}
		if (!active)
			break;
		now = nsc_now();
		timeout_ms = next <= now ? 0 : (int)((next - now) * 1000) + 1;
		if (poll(pfd, np, timeout_ms) < 0 && errno != EINTR) {
			ret = nsc_err_set(err, errno, "poll");
			goto out;
		}
		if (pfd[0].revents & POLLIN) {
			if (nsc_sched_signals(s)) {
				/* Interrupted: every sandbox dies now, reports follow. */
				nsc_sched_kill_all(s);
				break;
			}
		}
		now = nsc_now();
		for (unsigned int i = 0; i < s->npool; i++) {
			struct nsc_job_slot *slot = &s->slots[i];

			if (!slot->busy)
				continue;
			ret = slot_poll(s, slot, now);
			if (ret < 0) {
				nsc_err_set(err, -ret, "waitid(case process)");
				goto out;
			}
		}
	}
	ret = on_done(s, arg, err);
out:
	free(pfd);
	return ret < 0 ? ret : 0;
}
