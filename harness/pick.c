// SPDX-License-Identifier: GPL-2.0-only
/*
 * The start order of a run: network cases first (their namespaces cost
 * the most), a case's positive control beside it, and nothing started
 * that would wait behind the locks of a case sleeping in a kernel wait.
 */
#include <stdatomic.h>
#include <string.h>

#include "ns.h"
#include "pick.h"

bool nsc_pick_wants_control(const struct nsc_sched *s, size_t idx)
{
	return s->mode == NSC_MODE_REAL && s->opts->control && !s->items[idx].c->no_control;
}

static bool case_is_net(const struct nsc_case *c)
{
	return (c->clone_flags | c->outer_flags) & NSC_NS_FLAG(NET);
}

/*
 * Would @c wait behind @sleeper's kernel wait?  That holds the locks of
 * its namespace type (RTNL, which every new netns takes; cgroup_mutex for
 * a migration), so: a case of the same type, or both with a netns.
 */
static bool waits_behind(const struct nsc_case *sleeper, const struct nsc_case *c)
{
	return !strcmp(sleeper->ns, c->ns) || (case_is_net(sleeper) && case_is_net(c));
}

/* Does a case sleep in its kernel wait that @c would wait behind? */
static bool behind_a_sleeper(const struct nsc_sched *s, const struct nsc_case *c)
{
	for (unsigned int i = 0; i < s->npool; i++) {
		const struct nsc_job *j = &s->slots[i].job;

		if (s->slots[i].busy && atomic_load(&j->shm->kernel_wait) && waits_behind(j->c, c))
			return true;
	}
	return false;
}

/*
 * The first case in order not started yet; while a case sleeps in its
 * kernel wait, the first one that would not wait behind it, if any
 * (@any: else the first of all).
 */
static bool pick_real(struct nsc_sched *s, size_t *idx, bool any)
{
	for (int pass = 0; pass < (any ? 2 : 1); pass++) {
		for (size_t k = s->next_real; k < s->n; k++) {
			struct nsc_item *it = &s->items[s->order[k]];

			if (it->done || it->pending)
				continue;
			/* One deferred real run at a time: no second kernel-wait case. */
			if (pass == 0 &&
			    (behind_a_sleeper(s, it->c) || (s->deferred && it->c->kernel_wait)))
				continue;
			if (!nsc_item_runnable(it, s->opts))
				continue; /* done now: SKIP said why */
			*idx = s->order[k];
			return true;
		}
	}
	return false;
}

/* The cases before next_real have all started. */
void nsc_pick_advance(struct nsc_sched *s)
{
	while (s->next_real < s->n &&
	       (s->items[s->order[s->next_real]].done || s->items[s->order[s->next_real]].pending))
		s->next_real++;
}

/* The next job to start into a free slot; false when there is none now. */
bool nsc_pick_next(struct nsc_sched *s, size_t *idx, enum nsc_pick *pick)
{
	if (s->ctl_head != s->ctl_tail) {
		*idx = s->controls[s->ctl_head++];
		*pick = NSC_PICK_CONTROL;
		return true;
	}
	/* The real run after its control: not behind that control's sleep. */
	if (s->deferred &&
	    !(behind_a_sleeper(s, s->items[s->deferred - 1].c) && pick_real(s, idx, false))) {
		*idx = s->deferred - 1;
		s->deferred = 0;
		*pick = NSC_PICK_DEFERRED;
		return true;
	}
	if (!pick_real(s, idx, true))
		return false;
	/*
	 * A case that sleeps on the kernel (.kernel_wait) runs its control
	 * first: started while the real run sleeps, the control would wait
	 * behind the same locks (RTNL) and hold a slot idle.
	 */
	*pick = nsc_pick_wants_control(s, *idx) && s->items[*idx].c->kernel_wait ?
			NSC_PICK_CONTROL_FIRST :
			NSC_PICK_REAL;
	return true;
}

/* Out of processes or memory: put the pick back for when a job ends. */
void nsc_pick_undo(struct nsc_sched *s, size_t idx, enum nsc_pick pick)
{
	if (pick == NSC_PICK_CONTROL)
		s->ctl_head--;
	else if (pick == NSC_PICK_DEFERRED)
		s->deferred = idx + 1;
	/* A real pick is found again: it has not started. */
}

/*
 * Network namespaces cost ~10x the others to create and tear down: start
 * those cases first so that -j N does not end waiting on one of them.
 * Cases that sleep on the kernel (.kernel_wait) come last among them:
 * the cases that follow their sleep then take no lock it holds (RTNL).
 * Results are still reported in id order.
 */
void nsc_pick_order(struct nsc_sched *s)
{
	size_t k = 0;

	for (int pass = 0; pass < 4; pass++) {
		for (size_t i = 0; i < s->n; i++) {
			const struct nsc_case *c = s->items[i].c;
			bool net = case_is_net(c);
			int want = net ? (c->kernel_wait ? 1 : 0) : (c->kernel_wait ? 2 : 3);

			if (want == pass)
				s->order[k++] = i;
		}
	}
}
