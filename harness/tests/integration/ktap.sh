#!/usr/bin/env bash
# KTAP version 1 (--ktap) read by the kernel's own parser,
# tools/testing/kunit/kunit.py parse (from Debian's linux-source-6.12,
# extracted by ci/setup): no parse error, one group per namespace, every
# case's status and the counts equal nscheck's JSON of the same run, each
# case's diagnostics filed under it.  A real --all run, then one with
# SKIPs (no clone3: the time cases cannot run), a FAIL and an ERROR (a
# crash), test-only cases.
source "$(dirname "$0")/lib.sh"

T=$NSC_TMP
"$NSCHECK" --all --ktap="$T/a.ktap" --json "$T/a.json" >"$T/a.tap" || fail "--all exited $?"
[ "$(sed -n 1p "$T/a.ktap")" = 'KTAP version 1' ] || fail "first line is not 'KTAP version 1'"
grep -q '^TAP version 14$' "$T/a.tap" || fail "--ktap=FILE took TAP off stdout"
read -r n_all pass failed skip < <(ktap_check "$T/a.ktap" "$T/a.json")
[ "$pass" -gt 0 ] || fail "kunit.py saw no pass"
nns=$(grep -c '^ok [0-9]* \|^not ok [0-9]* ' "$T/a.ktap")
grep -qx "1\.\.$nns" "$T/a.ktap" || fail "top-level plan does not count the $nns namespaces"
grep -qE '^# Totals: pass:[0-9]+ fail:[0-9]+ xfail:0 xpass:0 skip:[0-9]+ error:[0-9]+$' "$T/a.ktap" ||
	fail "no kselftest Totals line"

got=0
NSCHECK_NO_CLONE3=1 "$NSCHECK_TEST" --ktap --json "$T/b.json" test.crash_abort test.isolation_fail \
	'time.*' uts.hostname_private >"$T/b.ktap" 2>"$T/b.err" || got=$?
[ "$got" -eq 1 ] || fail "fail + crash + skips exited $got, want 1: $(cat "$T/b.err")"
read -r n pass failed skip < <(ktap_check "$T/b.ktap" "$T/b.json")
if [ "$failed" -ne 2 ] || [ "$skip" -lt 1 ] || [ "$pass" -lt 1 ]; then
	fail "want passes, 2 failed (FAIL, ERROR), skips; kunit.py counted $pass $failed $skip"
fi
grep -q '^  not ok 1 test.crash_abort # ERROR case process killed by SIGABRT$' "$T/b.ktap" ||
	fail "ERROR line: $(grep crash_abort "$T/b.ktap")"
grep -q '^  ok [0-9]* time\.[a-z_]* # SKIP ' "$T/b.ktap" || fail "no SKIP directive"
grep -q '^  # reason: ' "$T/b.ktap" || fail "no reason diagnostic"

# One stdout, one report.
expect_status 2 "$NSCHECK" --all --ktap --tap
expect_status 2 "$NSCHECK" --all --ktap --json -
expect_status 2 "$NSCHECK" --all --ktap=
echo "ok: kunit.py parses --ktap (--all: $n_all cases; a crash/skip run: $n) with nscheck's statuses"
