/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Residue audit: a snapshot of the host state a run could disturb, taken
 * before the first case and again after the last one (after the orphan
 * reaping), compared into one extra result record, env.host_residue.
 *
 * What is snapshotted, where it is read and how is one table,
 * nsc_audit_sources[] in audit_snap.c: hostname and domainname, links of
 * nscheck's own network namespace, named network namespaces, SysV IPC
 * objects, the mount table of nscheck's mount namespace, POSIX message
 * queues, the child cgroups of nscheck's own cgroup, temporary files
 * named nscheck*, nscheck's own child processes and the kernel's taint
 * flags (a taint that appears is named bit by bit, as kselftest checks
 * it).  audit.c compares two snapshots.  A change made by another
 * process on the host during the run is reported too: the audit sees
 * state, not who changed it.
 */
#ifndef NSC_AUDIT_H
#define NSC_AUDIT_H

#include "err.h"
#include "result.h"

#define NSC_AUDIT_ID "env.host_residue"

/* Temporary names nscheck and its cases make start with this. */
#define NSC_AUDIT_TMP_PREFIX "nscheck"

struct nsc_audit;

/*
 * Take a snapshot.  Never fails as a whole: a source that cannot be read
 * is remembered in the snapshot (and makes the record ERROR).  Returns
 * NULL only when out of memory.
 */
struct nsc_audit *nsc_audit_snapshot(void);

/*
 * Take the "after" snapshot now and compare it with @before: fills @res
 * (id, status, reason, diag, checks = number of items compared).  PASS
 * when nothing changed, ERROR listing the differences otherwise.  The
 * strings @res points to live as long as @before.
 */
void nsc_audit_record(struct nsc_audit *before, struct nsc_result *res);

/* Runner callback shape: @arg is the "before" snapshot. */
void nsc_audit_cb(void *arg, struct nsc_result *res);

void nsc_audit_free(struct nsc_audit *a);

/* For tests: the number of items and item @i ("kind text"). */
size_t nsc_audit_count(const struct nsc_audit *a);
const char *nsc_audit_item(const struct nsc_audit *a, size_t i);

#endif
