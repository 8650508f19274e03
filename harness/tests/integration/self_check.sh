#!/usr/bin/env bash
# Every shipped case detects a missing namespace; a deliberately blind
# test case is reported BLIND and fails both the self-check and a normal
# run (probe blind: ERROR); the host is unchanged.
source "$(dirname "$0")/lib.sh"

host_snapshot >"$NSC_TMP/before"
got=0
"$NSCHECK" --all --self-check >"$NSC_TMP/sc" || got=$?
[ "$got" -eq 0 ] || { cat "$NSC_TMP/sc"; fail "self-check exit $got"; }
host_snapshot >"$NSC_TMP/after"
diff -u "$NSC_TMP/before" "$NSC_TMP/after" || fail "host state changed by --self-check"
! grep -q '^BLIND' "$NSC_TMP/sc" || fail "blind cases: $(grep '^BLIND' "$NSC_TMP/sc")"
line=$(tail -1 "$NSC_TMP/sc")
[[ $line =~ ^self-check:\ ([0-9]+)/([0-9]+)\ cases ]] || fail "no summary line: $line"
[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] || fail "$line"
[ "${BASH_REMATCH[2]}" -ge 9 ] || fail "too few cases self-checked: $line"

expect_status 1 "$NSCHECK_TEST" --self-check test.blind_probe >"$NSC_TMP/blind"
grep -q '^BLIND *test.blind_probe' "$NSC_TMP/blind" || fail "blind case not reported BLIND"
expect_status 2 "$NSCHECK_TEST" test.blind_probe >"$NSC_TMP/blind.tap"
grep -q '^not ok 1 - test.blind_probe' "$NSC_TMP/blind.tap" || fail "blind case not ERROR"
grep -q 'probe blind' "$NSC_TMP/blind.tap" || fail "no 'probe blind' reason"
echo "ok: $line; blind test case caught"
