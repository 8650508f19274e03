#!/usr/bin/env bash
# Residue audit: a clean run has a PASS env.host_residue record that
# compared real items and counts in the TAP plan; --no-audit drops it;
# a planted leak (test.leak_residue: hostname, SysV segment, named netns)
# is caught as ERROR listing each change.  The leak is planted inside
# private mount/UTS/IPC/net namespaces with a tmpfs on /run, so the host
# never changes (checked with host_snapshot).
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
host_snapshot >"$NSC_TMP/host.before"

"$NSCHECK" --all --json "$NSC_TMP/a.json" >"$NSC_TMP/a.tap" || fail "clean run exited $?"
python3 "$results" statuses "$NSC_TMP/a.json" >"$NSC_TMP/a"
n=$(wc -l <"$NSC_TMP/a")
[ "$(tail -n 1 "$NSC_TMP/a")" = "env.host_residue PASS" ] ||
	fail "last record is not a PASS audit: $(tail -n 1 "$NSC_TMP/a")"
grep -qx "1\.\.$n" "$NSC_TMP/a.tap" || fail "TAP plan does not count the audit record ($n)"
grep -q 'env.host_residue' "$NSC_TMP/a.tap" || fail "audit record missing from TAP"

"$NSCHECK" --all --no-audit --json "$NSC_TMP/b.json" >"$NSC_TMP/b.tap" || fail "--no-audit exited $?"
python3 "$results" statuses "$NSC_TMP/b.json" >"$NSC_TMP/b"
! grep -q env.host_residue "$NSC_TMP/b" "$NSC_TMP/b.tap" || fail "--no-audit still audits"
grep -qx "1\.\.$((n - 1))" "$NSC_TMP/b.tap" || fail "--no-audit plan is not $((n - 1))"

# The planted leak, in private namespaces only; -j 1: the leak changes
# the hostname the uts case compares (in the same private namespace).
got=0
unshare --mount --uts --ipc --net --propagation private -- \
	sh -c 'mount -t tmpfs nsc-audit /run && exec "$@"' sh \
	env NSC_TEST_PLANT_RESIDUE=1 "$NSCHECK_TEST" -j 1 --json "$NSC_TMP/c.json" \
	test.leak_residue uts.hostname_private >"$NSC_TMP/c.tap" 2>"$NSC_TMP/c.err" || got=$?
[ "$got" -eq 2 ] || fail "leaky run exited $got, want 2: $(cat "$NSC_TMP/c.err")"
python3 "$results" statuses "$NSC_TMP/c.json" >"$NSC_TMP/c"
grep -q '^test.leak_residue PASS' "$NSC_TMP/c" || fail "the leak was not planted: $(cat "$NSC_TMP/c")"
grep -q '^uts.hostname_private PASS' "$NSC_TMP/c" || fail "uts case did not pass"
line=$(grep '^env.host_residue ' "$NSC_TMP/c") || fail "no audit record"
grep -q '^env.host_residue ERROR ' <<<"$line" || fail "audit missed the leak: $line"
for what in hostname mount netns sysvipcshm; do
	grep -q "$what" <<<"$line" || fail "audit reason lacks $what: $line"
done
grep -q 'nsc-residue-test' "$NSC_TMP/c.json" || fail "JSON does not name the leaked netns"
grep -qx '1\.\.3' "$NSC_TMP/c.tap" || fail "leaky run TAP plan is not 1..3"

# Without the permission variable the planting case refuses to run.
"$NSCHECK_TEST" test.leak_residue --json "$NSC_TMP/d.json" >/dev/null || true
python3 "$results" statuses "$NSC_TMP/d.json" >"$NSC_TMP/d"
grep -q '^test.leak_residue SKIP' "$NSC_TMP/d" ||
	fail "test.leak_residue ran without NSC_TEST_PLANT_RESIDUE"

host_snapshot >"$NSC_TMP/host.after"
diff -u "$NSC_TMP/host.before" "$NSC_TMP/host.after" || fail "the host changed"
echo "ok: audit PASS on a clean run ($n records), --no-audit, planted leak caught"
