#!/usr/bin/env bash
# pids.max=5 on a cgroup of this test's own: exhausting the process limit
# is an ERROR that names the resource, its limit and what nscheck needs,
# never a SKIP "no privilege" (before: 'create ? namespaces (EAGAIN)').
# Needs a pids controller this test can create a cgroup in (cgroup v1
# /sys/fs/cgroup/pids, or the v2 root); else skipped (77) with a note.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
if [ -f /sys/fs/cgroup/pids/cgroup.procs ]; then
	root=/sys/fs/cgroup/pids
elif grep -qw pids /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
	root=/sys/fs/cgroup
else
	echo "note: no pids controller to make a cgroup in; skipped" >&2
	exit 77
fi
# A SKIP the unrestricted host has too (a kernel without a feature) is no
# effect of the limit.
"$NSCHECK" --all --json "$NSC_TMP/base.json" >/dev/null 2>&1 || fail "unrestricted run exited $?"
/usr/bin/python3 "$results" statuses "$NSC_TMP/base.json" >"$NSC_TMP/base.st"
cg=$root/nsc-itest-$$
mkdir "$cg" || fail "mkdir $cg"
trap 'rmdir "$cg" 2>/dev/null; rm -rf "$NSC_TMP"' EXIT
# limited MAX: nscheck --all -j 2 with pids.max=MAX; no FAIL, no SKIP
# but the unrestricted run's, every ERROR naming the limit; sets $n.
limited() {
	local max=$1 rc=0 id st reason
	echo "$max" >"$cg/pids.max"
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cg" "$NSCHECK" --all -j 2 \
		--json "$NSC_TMP/pids.json" >"$NSC_TMP/pids.tap" 2>&1 || rc=$?
	/usr/bin/python3 "$results" statuses "$NSC_TMP/pids.json" >"$NSC_TMP/pids.st" ||
		fail "pids.max=$max: exit $rc and no readable report: $(tail -5 "$NSC_TMP/pids.tap")"
	n=0
	while read -r id st reason; do
		case $st in
		FAIL) fail "pids.max=$max: $id FAIL: $reason" ;;
		SKIP)
			# .unsafe cases (pid.reboot_terminates_ns) SKIP before they start
			# anything; a SKIP the unrestricted run has too is a kernel's.
			grep -q '^needs --unsafe ' <<<"$reason" ||
				grep -qxF "$id SKIP $reason" "$NSC_TMP/base.st" ||
				fail "pids.max=$max: $id SKIP: $reason"
			;;
		ERROR)
			grep -Eq "process limit reached \(EAGAIN\): with -j 2 nscheck needs up to [0-9]+ processes .*pids.max of its cgroup: $max" <<<"$reason" ||
				fail "pids.max=$max: $id ERROR does not name the limit: $reason"
			n=$((n + 1))
			;;
		esac
	done <"$NSC_TMP/pids.st"
	# After the records (a FAIL is named above): the exit status of ERRORs.
	if [ "$n" -gt 0 ]; then
		[ "$rc" -eq 2 ] || fail "pids.max=$max: exit $rc, want 2 (ERROR)"
	else
		[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] || fail "pids.max=$max: exit $rc without an ERROR"
	fi
}

limited 5
[ "$n" -gt 0 ] || fail "pids.max=5: no case hit the limit"
echo "ok: pids.max=5: $n cases ERROR naming the process limit, none FAIL, none SKIP but as unrestricted"
# Other limits refuse other forks: a helper's fork refused deep in a case
# made pid.orphans_reparent_to_ns_init and user.create_restrictions FAIL
# in 17 of 84 runs at 6 to 12 before.
for max in 6 7 8 9 10 12; do
	limited "$max"
	echo "ok: pids.max=$max: $n cases ERROR naming the limit, none FAIL"
done
