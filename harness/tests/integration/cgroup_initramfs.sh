#!/usr/bin/env bash
# The cgroup cases need no host cgroup layout: run as PID 1 of a fresh
# mount+PID+cgroup namespace with every cgroup mount unmounted there (as
# the init of an initramfs sees it: no cgroup2 mounted, "0::/" in
# /proc/self/cgroup), each cgroup case PASSes, as root and rootless
# (before: both SKIPped, "the control would be blind"; those that need
# cgroup2's nsdelegate: or SKIP saying the hierarchy lacks it); the same on the
# host.  Nothing stays behind: no nscheck.* cgroup remains below the
# test's own cgroup2 cgroup after any run, and an empty nscheck.R.C
# cgroup that a killed run left (planted here) is removed by the next
# run, which says so, with env.host_residue PASS.  The test runs in a
# child cgroup of its own (removed at the end).
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (unshares mount, PID and cgroup namespaces)"
results="$NSC_SRC/harness/tests/helpers/results.py"
# Every cgroup case must PASS anywhere nscheck may make a cgroup of its own,
# and so must setns.join_cgroup (it SKIPped in every initramfs before).
mapfile -t ids < <("$NSCHECK" --list cgroup.* setns.join_cgroup | awk '{ print $1 }')
[ "${#ids[@]}" -ge 9 ] || fail "only ${#ids[@]} cgroup cases listed: ${ids[*]}"

# Our own cgroup2 directory on the host, to look for what is left.
# With no cgroup2 mounted here, one is mounted for a look in a private
# mount namespace.
own=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
[ -n "$own" ] || fail "no cgroup2 line in /proc/self/cgroup"
mnt=$(awk '$9 == "cgroup2" && $4 == "/" { print $5; exit }' /proc/self/mountinfo)
if [ -z "$mnt" ]; then
	mnt=$NSC_TMP/cg
	mkdir "$mnt"
fi
leftovers() { in_mnt find "$cgdir" -mindepth 1 -maxdepth 1 -name 'nscheck.*' -printf '%f\n'; }
# The test runs in a cgroup of its own (a child of its cgroup, removed at
# the end), so that other nscheck runs on the machine cannot interfere.
in_mnt() { # CMD...: with cgroup2 at $mnt (mounted privately if need be)
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c '
		if ! mountpoint -q "$1"; then mount -t cgroup2 none "$1" || exit 1; fi
		shift && exec "$@"' _ "$mnt" "$@"
}
test_cg=${own%/}/nsc-itest.$$
in_mnt mkdir "$mnt$test_cg" || fail "cannot make a test cgroup $test_cg"
in_mnt sh -c 'echo "$1" >"$2/cgroup.procs"' _ $$ "$mnt$test_cg" ||
	fail "cannot move the test into $test_cg"
# shellcheck disable=SC2064 # expanded now
trap "in_mnt sh -c 'echo \$1 >\$2/cgroup.procs && echo \$\$ >\$2/cgroup.procs && rmdir \$3' _ $$ '$mnt$own' '$mnt$test_cg'; rm -rf '$NSC_TMP'" EXIT
cgdir=$mnt$test_cg

# initramfs ARGS...: nscheck ARGS as PID 1, no cgroup mounted, at "/".
initramfs() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --pid --cgroup --fork --propagation private -- sh -c '
		while read -r _ _ _ _ t _ _ _ fs _; do
			case $fs in cgroup|cgroup2) umount -l "$t" 2>/dev/null || true ;; esac
		done </proc/self/mountinfo
		mount -t proc proc /proc || exit 125
		! grep -q " - cgroup" /proc/self/mountinfo || exit 126
		grep -qx "0::/" /proc/self/cgroup || exit 127
		exec "$@"' _ "$NSCHECK" "$@"
}

# check_pass WHERE JSON [rootless]: every cgroup case PASSes (rootless:
# or SKIPs naming the undelegated cgroup), no residue, nothing left.
check_pass() {
	local st ok=PASS
	[ "${3:-}" = rootless ] && ok='(PASS|SKIP .*not delegated to uid 0)'
	ok="($ok|$(nsdelegate_skip))"
	/usr/bin/python3 "$results" statuses "$2" >"$NSC_TMP/st"
	for id in "${ids[@]}"; do
		grep -Eq "^$id $ok" "$NSC_TMP/st" || fail "$1: $(grep "^$id " "$NSC_TMP/st")"
	done
	st=$(awk '$1 == "env.host_residue"' "$NSC_TMP/st")
	[ "${st#* }" = PASS ] || fail "$1: residue: $st"
	[ -z "$(leftovers)" ] || fail "$1: cgroups left: $(leftovers)"
}

for mode in root rootless; do
	args=(-j1 --json "$NSC_TMP/$mode.json" "${ids[@]}")
	[ "$mode" = rootless ] && args+=(--rootless)
	rc=0
	initramfs "${args[@]}" >"$NSC_TMP/$mode.tap" 2>&1 || rc=$?
	[ "$rc" -lt 125 ] || fail "$mode: could not build the initramfs-like namespace ($rc)"
	[ "$rc" = 0 ] || { [ "$mode" = rootless ] && [ "$rc" = 4 ]; } ||
		fail "$mode: nscheck exited $rc: $(cat "$NSC_TMP/$mode.tap")"
	check_pass "initramfs, $mode" "$NSC_TMP/$mode.json" "$mode"
	echo "ok: $mode: ${#ids[@]} cgroup cases PASS as PID 1 with no cgroup mounted" \
		"(rootless: or SKIP naming the undelegated cgroup), nothing left"
	rc=0
	"$NSCHECK" "${args[@]}" >/dev/null || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 4 ] || fail "$mode: on the host nscheck exited $rc"
	check_pass "host, $mode" "$NSC_TMP/$mode.json" "$mode"
done

# A killed run's empty cgroup (its runner and case pids gone) is swept.
sh -c 'exit 0' &
dead=$!
wait "$dead"
mkdir "$cgdir/nscheck.$dead.$dead"
"$NSCHECK" -j1 --json "$NSC_TMP/sweep.json" "${ids[@]}" >/dev/null 2>"$NSC_TMP/err" ||
	fail "sweep run exited $?: $(cat "$NSC_TMP/err")"
grep -q "removed 1 empty cgroup a killed run left: nscheck.$dead.$dead" "$NSC_TMP/err" ||
	fail "the sweep was not reported: $(cat "$NSC_TMP/err")"
check_pass "after a killed run" "$NSC_TMP/sweep.json"
echo "ok: an empty cgroup a killed run left is removed by the next run"
