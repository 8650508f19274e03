#!/usr/bin/env bash
# SIGKILL of the runner while cgroup cases run (issue 14): the case
# cgroups "nscheck.<runner pid>.<case pid>" that the run made are gone
# within moments, without another nscheck run (its janitor removes them,
# harness/janitor.c), no process of the run lives on, and the residue
# audit of a following run finds nothing (and sweeps nothing).
# NSC_KILL_RUNS runs (default 20) of the cgroup cases, a quarter killed
# blindly 0-40 ms after the start, the others 0-9 ms after a sandbox of
# theirs is seen in its case cgroup (every fifth by SIGABRT: a crash;
# a fixed delay alone missed the cases under ASan), every other one with
# NSCHECK_NO_CGROUP_KILL (as before 5.14); before the janitor every run
# killed while a case cgroup existed left it as an empty directory until
# the next run (3 of 10 runs).
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root (mounts cgroup2 in a private mount namespace to look)"
runs=${NSC_KILL_RUNS:-20}
results="$NSC_SRC/harness/tests/helpers/results.py"
export NSC_KILL_MARK="itest-kill-cgroup-$$"

# nscheck's own cgroup is ours (it inherits it): its cgroup2 path.
own=$(sed -n 's/^0:://p' /proc/self/cgroup)
[ -n "$own" ] || skip "no cgroup2 hierarchy (cgroup v1 only): nscheck makes no cgroups here"
# Look through a cgroup2 mount of our own in a private mount namespace:
# the host's may be missing or read-only (nscheck then uses a detached
# mount that no one else sees), the hierarchy is the same.
look="$NSC_TMP/cg"
mkdir "$look"
# cgroups PATTERN: the children of nscheck's cgroup whose names match.
cgroups() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c \
		'mount -t cgroup2 nsc-itest "$1" && cd "$1/$2" && for d in $3; do [ -d "$d" ] && echo "$d"; done; true' \
		sh "$look" "$own" "$1"
}
cgroups 'nscheck.*' >/dev/null || skip "cannot mount cgroup2 to look"
# in_case_cgroup PID: a process sits in a case cgroup of runner PID now
# (its cgroup exists); cheap enough to poll, no mount.
in_case_cgroup() {
	grep -qsE "/nscheck\.$1\.[0-9]+(/|\$)" /proc/[0-9]*/cgroup
}
"$NSCHECK" --list 'cgroup.*' >"$NSC_TMP/ids" || fail "--list cgroup.* exited $?"
[ -s "$NSC_TMP/ids" ] || fail "no cgroup cases"

# A cgroup nscheck did not make, beside its own: never touched.
decoy="nscheck.$$.1" # a live "runner": no sweep takes it either
# shellcheck disable=SC2016 # expanded by the inner sh
unshare --mount --propagation private -- sh -c 'mount -t cgroup2 nsc-itest "$1" && mkdir "$1/$2/$3"' \
	sh "$look" "$own" "$decoy" || fail "cannot make the decoy cgroup"
trap 'unshare --mount --propagation private -- sh -c "mount -t cgroup2 nsc-itest \"\$1\" && rmdir \"\$1/\$2/\$3\"" sh "$look" "$own" "$decoy" 2>/dev/null; rm -rf "$NSC_TMP"' EXIT

ulimit -c 0 # the crashed runs dump no core
seen=0
left=""
for i in $(seq 1 "$runs"); do
	# Every other run empties cgroups as before 5.14 (no cgroup.kill).
	if [ $((i % 2)) -eq 0 ]; then
		NSCHECK_NO_CGROUP_KILL=1 "$NSCHECK" -j 1 --no-audit 'cgroup.*' >/dev/null 2>&1 &
	else
		"$NSCHECK" -j 1 --no-audit 'cgroup.*' >/dev/null 2>&1 &
	fi
	pid=$!
	if [ $((i % 4)) -eq 1 ]; then
		# Blind: 0-40 ms after the start, often before any case.
		sleep "0.0$((RANDOM % 4))$((RANDOM % 10))"
		before=$(cgroups "nscheck.$pid.*")
	else
		# Into a case: once a sandbox of this run is in its case
		# cgroup, 0-9 ms later (a slow build, ASan or a loaded
		# machine, starts later than any fixed delay).
		before=""
		for _ in $(seq 1 2000); do
			if in_case_cgroup "$pid"; then
				before=yes
				break
			fi
			kill -0 "$pid" 2>/dev/null || break
		done
		sleep "0.00$((RANDOM % 10))"
	fi
	# Every fifth run crashes instead (SIGABRT, not blocked, no core).
	if [ $((i % 5)) -eq 0 ]; then
		kill -ABRT "$pid" 2>/dev/null || true
	else
		kill -9 "$pid" 2>/dev/null || true
	fi
	wait "$pid" 2>/dev/null || true
	[ -n "$before" ] && seen=$((seen + 1))
	# The janitor is asynchronous: allow it 2 s.
	for _ in $(seq 1 40); do
		[ -z "$(cgroups "nscheck.$pid.*")" ] && break
		sleep 0.05
	done
	got=$(cgroups "nscheck.$pid.*")
	[ -z "$got" ] || left="$left $got"
done
[ -z "$left" ] || fail "cgroups of killed runs still there 2 s after the kill:$left"
no_marked_strays 40 0.05
[ "$seen" -gt 0 ] || fail "no run was killed while a case cgroup existed: the timing no longer reaches into the cases"
[ -n "$(cgroups "$decoy")" ] || fail "the decoy cgroup $decoy (not nscheck's) was removed"

# A following run has nothing to sweep, and its audit finds nothing.
"$NSCHECK" -j 1 --json "$NSC_TMP/a.json" 'cgroup.*' >/dev/null 2>"$NSC_TMP/a.err" ||
	fail "following run exited $?: $(cat "$NSC_TMP/a.err")"
! grep -q 'a killed run left' "$NSC_TMP/a.err" || fail "the following run swept: $(cat "$NSC_TMP/a.err")"
/usr/bin/python3 "$results" statuses "$NSC_TMP/a.json" >"$NSC_TMP/a"
grep -qx 'env.host_residue PASS' "$NSC_TMP/a" || fail "audit of the following run: $(grep env.host_residue "$NSC_TMP/a")"
# A normal run leaves no janitor behind either, at once.
[ -z "$(marked_procs)" ] || fail "a process of the normal run outlived it: $(marked_procs)"
echo "ok: $runs runs killed or crashed ($seen while a case cgroup existed): no cgroup left, no survivor, audit clean"
