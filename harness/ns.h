/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * THE namespace table: every fact nscheck knows about a namespace type
 * (its /proc/PID/ns name, CLONE_NEW* flag, kernel config option,
 * user.max_*_namespaces sysctl, *_for_children entry, whether a case can
 * change its state) is written once, in harness/ns.c, and read from
 * there by the probe, the registry, the sandbox, the environment and the
 * reports.
 *
 * Where the spellings may appear (checked by harness/tests/ns_facts.sh,
 * ctest lint.ns_facts):
 *  - max_<x>_namespaces, <x>_for_children, /proc/<pid>/ns/ paths and the
 *    namespace config options (CONFIG_UTS_NS, ...): harness/ns.c only.
 *  - CLONE_NEW*: harness/ns.c; in the rest of harness/ and reports/ the
 *    code names a type through this header (NSC_NS_FLAG(USER)).  Cases
 *    and fixtures may spell CLONE_NEW* as the operation they perform or
 *    test (.clone_flags/.outer_flags, nsc_unshare(), setns()).
 *  - Tests (<dir>/tests/) and ci/ are exempt: they are independent oracles
 *    for the table, not users of it.
 */
#ifndef NSC_NS_H
#define NSC_NS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum nsc_ns_type {
	NSC_NS_CGROUP,
	NSC_NS_IPC,
	NSC_NS_MNT,
	NSC_NS_NET,
	NSC_NS_PID,
	NSC_NS_TIME,
	NSC_NS_USER,
	NSC_NS_UTS,
	NSC_NS_COUNT,
};

struct nsc_ns_info {
	const char *name;	  /* /proc/PID/ns/<name>, case id prefix, --ns */
	uint64_t flag;		  /* CLONE_NEW* */
	const char *flag_name;	  /* "CLONE_NEWUTS", for messages */
	const char *kconfig;	  /* the option the type needs */
	const char *max_sysctl;	  /* user.max_<x>_namespaces */
	const char *for_children; /* /proc/PID/ns/<x>_for_children, or NULL */
	bool is_mutable;	  /* a case may change its state: the control
				   * runs in a disposable outer namespace */
	bool clone3_only;	  /* clone(2) cannot express the flag */
};

extern const struct nsc_ns_info nsc_ns_table[NSC_NS_COUNT];

#define NSC_NS_FLAG(type) (nsc_ns_table[NSC_NS_##type].flag)

/* The entry for exactly one CLONE_NEW* @flag, or for @name; else NULL. */
const struct nsc_ns_info *nsc_ns_by_flag(uint64_t flag);
const struct nsc_ns_info *nsc_ns_by_name(const char *name);

/* Every type's flag ORed; the mutable ones; those clone(2) cannot do. */
uint64_t nsc_ns_all_flags(void);
uint64_t nsc_ns_mutable_flags(void);
uint64_t nsc_ns_clone3_only_flags(void);
/* The types unshare(2) creates for the caller's children only (pid, time). */
uint64_t nsc_ns_for_children_flags(void);

/*
 * Namespace identity (st_dev, st_ino of /proc/thread-self/ns/<x>) of the
 * calling thread, for every type in @flags: what the harness compares to
 * prove that a namespace it asked for was really created.  @children:
 * the *_for_children entry where the type has one (what a child or an
 * unshare gets).
 */
struct nsc_ns_ids {
	dev_t dev[NSC_NS_COUNT];
	ino_t ino[NSC_NS_COUNT];
};

struct nsc_err;
int nsc_ns_ids_self(uint64_t flags, bool children, struct nsc_ns_ids *ids, struct nsc_err *err);

/* The first type of @flags whose identity is the same in @a and @b, or 0. */
uint64_t nsc_ns_ids_same(const struct nsc_ns_ids *a, const struct nsc_ns_ids *b, uint64_t flags);

/*
 * Case groups: the namespace types plus the cross-cutting groups a case
 * id may start with (setns, nsfs, pidfd, env; "test" for the hidden
 * test-only cases).
 */
bool nsc_ns_group_known(const char *group);

/* "cgroup ipc ... uts setns ..." (the visible groups), for messages. */
const char *nsc_ns_group_list(void);

/*
 * The kernel config options a case needs: those of the namespace types
 * in its clone_flags, outer_flags and target_flags (table order), then its own
 * .kconfigs, without repeats.  Fills at most @max into @out and returns
 * the count.
 */
struct nsc_case;
size_t nsc_case_kconfigs(const struct nsc_case *c, const char **out, size_t max);

#endif
