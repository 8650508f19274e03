#!/usr/bin/env bash
# The cgroup cases need no host cgroup layout: run as PID 1 of a fresh
# mount+PID+cgroup namespace with every cgroup mount unmounted there (as
# the init of an initramfs sees it: no cgroup2 mounted, "0::/" in
# /proc/self/cgroup), each cgroup case PASSes, as root and rootless
# (before: both SKIPped, "the control would be blind"); the same on the
# host.  Nothing stays behind: no nscheck.* cgroup remains below the
# test's own cgroup2 cgroup after any run, and an empty nscheck.R.C
# cgroup that a killed run left (planted here) is removed by the next
# run, which says so, with env.host_residue PASS.
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (unshares mount, PID and cgroup namespaces)"
results="$NSC_SRC/harness/tests/helpers/results.py"
# Cases that must PASS anywhere nscheck may make a cgroup of its own.
ids=(cgroup.root_is_private cgroup.mountinfo_root)

# Our own cgroup2 directory on the host, to look for what is left.
own=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
mnt=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
[ -n "$own" ] && [ -n "$mnt" ] || skip "no cgroup2 mounted on the host to check for residue"
cgdir=$mnt$own
leftovers() { find "$cgdir" -mindepth 1 -maxdepth 1 -name 'nscheck.*' -printf '%f\n'; }
[ -z "$(leftovers)" ] || fail "nscheck cgroups present before the test: $(leftovers)"

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

check_pass() { # WHERE JSON
	local st
	for id in "${ids[@]}"; do
		st=$(/usr/bin/python3 "$results" statuses "$2" | awk -v id="$id" '$1 == id')
		[ "${st#* }" = PASS ] || fail "$1: $id: $st"
	done
	st=$(/usr/bin/python3 "$results" statuses "$2" | awk '$1 == "env.host_residue"')
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
	if [ "$mode" = root ]; then
		check_pass "initramfs, $mode" "$NSC_TMP/$mode.json"
		echo "ok: $mode: ${ids[*]} PASS as PID 1 with no cgroup mounted, nothing left"
	else
		# Rootless nscheck may not make cgroups in root's cgroup: SKIP naming it.
		/usr/bin/python3 "$results" statuses "$NSC_TMP/$mode.json" >"$NSC_TMP/st"
		for id in "${ids[@]}"; do
			grep -Eq "^$id (PASS|SKIP .*not delegated to uid 0)" "$NSC_TMP/st" ||
				fail "$mode: $id: $(grep "^$id " "$NSC_TMP/st")"
		done
		[ -z "$(leftovers)" ] || fail "$mode: cgroups left: $(leftovers)"
		echo "ok: $mode: ${ids[*]} PASS or SKIP naming the undelegated cgroup, nothing left"
	fi
	"$NSCHECK" "${args[@]}" >/dev/null || fail "$mode: on the host nscheck exited $?"
	check_pass "host, $mode" "$NSC_TMP/$mode.json"
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
