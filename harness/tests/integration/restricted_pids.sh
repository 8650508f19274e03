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
echo 5 >"$cg/pids.max"
rc=0
sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cg" "$NSCHECK" --all -j 2 \
	--json "$NSC_TMP/pids.json" >"$NSC_TMP/pids.tap" 2>&1 || rc=$?
/usr/bin/python3 "$results" statuses "$NSC_TMP/pids.json" >"$NSC_TMP/pids.st" ||
	fail "pids.max=5: exit $rc and no readable report: $(tail -5 "$NSC_TMP/pids.tap")"
n=0
while read -r id st reason; do
	case $st in
	FAIL) fail "pids.max=5: $id FAIL: $reason" ;;
	SKIP)
		# .unsafe cases (pid.reboot_terminates_ns) SKIP before they start
		# anything; a SKIP the unrestricted run has too is a kernel's.
		grep -q '^needs --unsafe ' <<<"$reason" ||
			grep -qxF "$id SKIP $reason" "$NSC_TMP/base.st" ||
			fail "pids.max=5: $id SKIP: $reason"
		;;
	ERROR)
		grep -Eq 'process limit reached \(EAGAIN\): with -j 2 nscheck needs up to [0-9]+ processes .*pids.max of its cgroup: 5' <<<"$reason" ||
			fail "pids.max=5: $id ERROR does not name the limit: $reason"
		n=$((n + 1))
		;;
	esac
done <"$NSC_TMP/pids.st"
[ "$n" -gt 0 ] || fail "pids.max=5: no case hit the limit"
# After the records (a FAIL is named above): the exit status of ERRORs.
[ "$rc" -eq 2 ] || fail "pids.max=5: exit $rc, want 2 (ERROR)"
echo "ok: pids.max=5: $n cases ERROR naming the process limit, none FAIL, none SKIP but as unrestricted"
