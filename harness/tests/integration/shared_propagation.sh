#!/usr/bin/env bash
# Hosts whose / has shared propagation (the systemd default; this
# machine's / may well be private).  The whole suite runs inside a mount
# namespace of this test whose / was made rshared first: a mount made in
# any mount namespace copied from it propagates back, unless nscheck makes
# its mounts private.  Required: the same verdicts as a normal run, the
# audit record PASS, and the test's namespace's mount table unchanged.
# The namespace is made private from the host first (--propagation
# private) and only then rshared, so its peer groups are its own: nothing
# can reach the real host even if nscheck is broken.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
# Not under /tmp: the mount cases mount over /tmp, and a leaked tmpfs
# there would hide this test's files.
W=$(mktemp -d /var/tmp/nsc-prop.XXXXXX)
trap 'rm -rf "$W" "$NSC_TMP"' EXIT
host_snapshot >"$W/host.before"

"$NSCHECK" --all --json "$W/base.json" >/dev/null || fail "normal run exited $?"
/usr/bin/python3 "$results" statuses "$W/base.json" | cut -d' ' -f1-2 >"$W/base"

cat >"$W/inner.sh" <<'SH'
set -euo pipefail
W=$1 NSCHECK=$2
mount --make-rshared /
[ "$(findmnt -n -o PROPAGATION /)" = shared ] || { echo "/ is not shared"; exit 10; }
# Positive control: a mount made in a mount namespace copied from this
# one, without making it private, shows up here.
mkdir "$W/probe"
unshare --mount --propagation unchanged -- \
	mount -t tmpfs nsc-prop-probe "$W/probe" || { echo "probe mount failed"; exit 11; }
findmnt -n "$W/probe" >/dev/null || { echo "control: the probe mount did not propagate"; exit 12; }
umount "$W/probe"
findmnt -rn -o TARGET,FSTYPE,SOURCE,PROPAGATION | sort >"$W/mounts.before"
rc=0
"$NSCHECK" --all --json "$W/shared.json" >"$W/shared.tap" 2>"$W/shared.err" || rc=$?
findmnt -rn -o TARGET,FSTYPE,SOURCE,PROPAGATION | sort >"$W/mounts.after"
exit "$rc"
SH
got=0
unshare --mount --propagation private -- bash "$W/inner.sh" "$W" "$NSCHECK" >"$W/inner.out" 2>&1 || got=$?
case $got in
1[0-2]) fail "setup of the rshared namespace: $(cat "$W/inner.out")" ;;
esac
bad=()
diff -u "$W/mounts.before" "$W/mounts.after" >&2 ||
	bad+=("mounts left in the rshared namespace by nscheck --all")
/usr/bin/python3 "$results" statuses "$W/shared.json" >"$W/shared.full"
cut -d' ' -f1-2 "$W/shared.full" >"$W/shared"
diff -u "$W/base" "$W/shared" >&2 || {
	grep -v ' PASS' "$W/shared.full" >&2 || true
	bad+=("verdicts under an rshared / differ from a normal run")
}
grep -qx 'env.host_residue PASS' "$W/shared" ||
	bad+=("audit record: $(grep host_residue "$W/shared.full")")
[ "$got" -eq 0 ] || bad+=("nscheck --all under an rshared / exited $got: $(cat "$W/shared.err")")
[ ${#bad[@]} -eq 0 ] || fail "$(printf '%s; ' "${bad[@]}")"
host_snapshot >"$W/host.after"
diff -u "$W/host.before" "$W/host.after" || fail "the host changed"
echo "ok: under an rshared / the $(wc -l <"$W/base") verdicts equal a normal run's, no mount left"
