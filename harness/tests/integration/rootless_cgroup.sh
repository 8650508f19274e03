#!/usr/bin/env bash
# A real unprivileged user in a cgroup delegated to it (chowned, as
# systemd's Delegate=yes does) gets case cgroups of its own: the cgroup
# cases run there instead of SKIPping "not delegated".  nscheck runs
# rootless as uid 0 of a user namespace that maps the user, so uid 0 there
# is not real root (before: "not delegated to uid 0 (owned by uid 0)").
# --rootless as real root still refuses its root-owned cgroup.
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root (creates a user and a cgroup)"
user=$NSC_TEST_USER
own=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
mnt=$(awk '$9 == "cgroup2" && $4 == "/" { print $5; exit }' /proc/self/mountinfo)
[ -n "$own" ] && [ -n "$mnt" ] || skip "no cgroup2 mounted to delegate a cgroup from"
[ -w "$mnt$own" ] || skip "cgroup2 at $mnt is not writable"
cg=$mnt${own%/}/nscheck.$$.$$
bindir=$(mktemp -d /tmp/nsc-rlcg.XXXXXX)
cleanup() {
	rmdir "$cg" 2>/dev/null || true
	rm -rf "$NSC_TMP" "$bindir"
	test_user_del
}
trap cleanup EXIT
test_user_add
chmod 755 "$bindir"
install -m 755 "$NSCHECK" "$bindir/nscheck"
install -d -o "$user" -m 755 "$bindir/out"
mkdir "$cg" || fail "mkdir $cg"
for f in "" cgroup.procs cgroup.threads cgroup.subtree_control; do
	chown "$user:" "$cg/$f" || fail "chown $cg/$f"
done
mapfile -t ids < <("$NSCHECK" --list cgroup.* setns.join_cgroup | awk '{ print $1 }')

rc=0
(cd "$bindir/out" && sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$cg" \
	setpriv --reuid="$user" --regid="$user" --clear-groups \
	"$bindir/nscheck" --no-kmsg --json "$bindir/out/user.json" "${ids[@]}") \
	>"$NSC_TMP/user.tap" 2>&1 || rc=$?
{ [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; } || fail "as $user in a delegated cgroup: exit $rc: $(grep -A5 '^not ok' "$NSC_TMP/user.tap")"
if grep -E 'not delegated|cannot make a cgroup' "$NSC_TMP/user.tap"; then
	fail "as $user in a cgroup delegated to it, a case found no cgroup of its own"
fi
npass=$(grep -c '^ok [0-9]* - [a-z]*\.[a-z_]*$' "$NSC_TMP/user.tap")
[ "$npass" -ge 6 ] || fail "as $user in a delegated cgroup only $npass cases PASS: $(cat "$NSC_TMP/user.tap")"
[ -z "$(find "$cg" -mindepth 1 -maxdepth 1 -type d -name 'nscheck.*')" ] ||
	fail "case cgroups left in the delegated cgroup: $(ls "$cg")"
echo "ok: as $user in a delegated cgroup: $npass cgroup cases PASS, none SKIPs for want of a cgroup"

"$NSCHECK" --no-kmsg --rootless setns.join_cgroup >"$NSC_TMP/forced.tap" 2>&1 || true
grep -q 'SKIP .*not delegated' "$NSC_TMP/forced.tap" ||
	fail "--rootless as root used a root-owned cgroup: $(cat "$NSC_TMP/forced.tap")"
echo "ok: --rootless as root still SKIPs naming the undelegated cgroup"
