#!/usr/bin/env bash
# A cgroup2 mount made in the initial cgroup namespace resets the
# hierarchy's global options (nsdelegate, memory_recursiveprot, ...) on
# the whole host to the mount's own.  nscheck makes cgroup2 mounts where
# none is usable (an initramfs, a read-only cgroup2): always from a
# cgroup namespace of its own.  Proven with an LD_PRELOAD shim
# (helpers/preload/cgroup2_init_guard.c) that refuses any cgroup2 mount
# from the initial cgroup namespace: with cgroup2 unmounted in a private
# mount namespace (nscheck must mount its own), every cgroup case still
# PASSes (those that need nsdelegate: or SKIP saying the hierarchy lacks
# it); so does --all on the host as it is.
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (unshares a mount namespace)"
shim="$NSC_BUILD/harness/tests/helpers/cgroup2_init_guard.so"
[ -f "$shim" ] || fail "shim $shim not built"
ldd "$NSCHECK" >/dev/null 2>&1 || fail "$NSCHECK is static: LD_PRELOAD cannot reach it"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
[ "$(stat -L -c %i /proc/self/ns/cgroup)" = $((0xEFFFFFFB)) ] ||
	skip "not in the initial cgroup namespace: no mount here could reset the host's options"
mapfile -t ids < <("$NSCHECK" --list cgroup.* setns.join_cgroup | awk '{ print $1 }')

# The shim works: a plain cgroup2 mount from here is refused.
unshare -m sh -c "LD_PRELOAD=$shim mount -t cgroup2 none /mnt" 2>/dev/null &&
	fail "the shim let a cgroup2 mount through in the initial cgroup namespace"

# No cgroup2 visible: nscheck mounts one of its own (detached), and
# never tries one in the initial cgroup namespace (the shim notes every
# attempt: a case that falls back quietly on the refusal must not hide it).
export CGROUP2_GUARD_LOG=$NSC_TMP/guard.log
rc=0
unshare -m sh -c '
	mount --make-rprivate /
	awk '\''$9 == "cgroup2" { print $5 }'\'' /proc/self/mountinfo | sort -r |
		while read -r t; do umount -l "$t"; done
	exec env LD_PRELOAD="$0" "$@"' "$shim" "$NSCHECK" --no-kmsg --json "$NSC_TMP/unmounted.json" \
	"${ids[@]}" >"$NSC_TMP/unmounted.tap" 2>&1 || rc=$?
[ "$rc" -eq 0 ] || fail "no cgroup2 visible, under the shim: exit $rc: $(grep -A4 '^not ok\|# SKIP' "$NSC_TMP/unmounted.tap")"
# Except those that need nsdelegate where the hierarchy lacks it.
skips=$(grep ' # SKIP' "$NSC_TMP/unmounted.tap" | sed 's/ # SKIP / SKIP /' | grep -Ev "$(nsdelegate_skip)") &&
	fail "no cgroup2 visible, under the shim: a case SKIPs: $skips"
[ ! -s "$CGROUP2_GUARD_LOG" ] ||
	fail "no cgroup2 visible: nscheck tried cgroup2 mounts in the initial cgroup namespace: $(sort "$CGROUP2_GUARD_LOG" | uniq -c)"
echo "ok: ${#ids[@]} cgroup cases PASS with no cgroup2 visible, no cgroup2 mount made or tried in the initial cgroup namespace"

rc=0
LD_PRELOAD="$shim" "$NSCHECK" --no-kmsg --all >"$NSC_TMP/all.tap" 2>&1 || rc=$?
{ [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; } || fail "--all under the shim: exit $rc: $(grep -A4 '^not ok' "$NSC_TMP/all.tap")"
[ ! -s "$CGROUP2_GUARD_LOG" ] ||
	fail "--all: nscheck tried cgroup2 mounts in the initial cgroup namespace: $(sort "$CGROUP2_GUARD_LOG" | uniq -c)"
echo "ok: --all under the shim: $(tail -1 "$NSC_TMP/all.tap")"
