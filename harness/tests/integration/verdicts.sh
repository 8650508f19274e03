#!/usr/bin/env bash
# Every verdict path end to end, through the real binary: the test-only
# cases of harness/tests/cases/ (built into nscheck-test only) each run
# alone, and each must give its status (TAP and JSON agree), its reason
# and nscheck's exit code: 1 = isolation broken, 2 = ERROR, 4 = all
# skipped.  --self-check calls a case that only ERRORs without its
# namespace BLIND, never "sensitive".  Against the scheduler of before
# the verdict unit, fail_then_skip was "ok # SKIP" (exit 4),
# control_expect_fails PASS (exit 0) and error_then_fail FAIL (exit 1).
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"

# verdict ID EXIT STATUS REASON-REGEX
verdict() {
	local id=$1 want_rc=$2 want=$3 re=$4 rc=0 line st reason
	"$NSCHECK_TEST" "test.$id" --json "$NSC_TMP/$id.json" >"$NSC_TMP/$id.tap" 2>"$NSC_TMP/$id.err" ||
		rc=$?
	[ "$rc" -eq "$want_rc" ] || fail "test.$id exited $rc, want $want_rc: $(cat "$NSC_TMP/$id.tap")"
	line=$(grep -E "^(not )?ok 1 - test\.$id" "$NSC_TMP/$id.tap") || fail "test.$id: no TAP result"
	case $want in
	PASS) [[ $line == "ok 1 - test.$id" ]] || fail "test.$id: TAP '$line', want PASS" ;;
	SKIP) [[ $line == "ok 1 - test.$id # SKIP"* ]] || fail "test.$id: TAP '$line', want SKIP" ;;
	*) [[ $line == "not ok 1 - test.$id" ]] || fail "test.$id: TAP '$line', want $want" ;;
	esac
	/usr/bin/python3 "$results" statuses "$NSC_TMP/$id.json" >"$NSC_TMP/$id.st"
	read -r _ st reason < <(grep "^test\.$id " "$NSC_TMP/$id.st") || fail "test.$id not in JSON"
	[ "$st" = "$want" ] || fail "test.$id: JSON status $st, want $want ($reason)"
	grep -Eq -- "$re" <<<"$reason" || fail "test.$id: reason '$reason' does not match /$re/"
	echo "ok: test.$id $st (exit $rc): $reason"
}

verdict isolation_fail 1 FAIL "shares the case process's IPC namespace"
verdict skip_always 4 SKIP "always skips"
verdict no_check 2 ERROR "no check evaluated"
verdict control_breaks 2 ERROR "^control run broke: test-only: the control breaks"
verdict control_breaks_late 2 ERROR "^control run broke before the isolation check at harness/tests/cases/control_breaks_late\.c:[0-9]+ could fire: process limit reached \(EAGAIN\).*test-only: the control breaks late"
verdict control_skips 4 SKIP "^positive control cannot run here: test-only: the control skips"
verdict control_expect_fails 2 ERROR "^control run broke: test-only: a functional check fails"
verdict fail_and_error 1 FAIL "shares the case process's IPC namespace"
verdict fail_then_skip 1 FAIL "shares the case process's IPC namespace"
verdict error_then_fail 2 ERROR "the sandbox breaks"
verdict blind_probe 2 ERROR "^probe blind"
# Each isolation check must fire in the control, not one per case (issue
# 18.2: before, partly_blind PASSed and was "sensitive").
verdict partly_blind 2 ERROR "^probe blind: the isolation check at harness/tests/cases/partly_blind\.c:[0-9]+ never observed sharing"
verdict conditional_check 0 PASS ""

# The FAIL after which the case skipped keeps the skip as an error note.
grep -q "skip after a failed check" "$NSC_TMP/fail_then_skip.tap" ||
	fail "fail_then_skip: the skip after the FAIL is not reported"

# --self-check: ERROR without the namespace is BLIND, a real FAIL sensitive.
expect_status 1 "$NSCHECK_TEST" --self-check test.control_breaks test.isolation_fail \
	test.no_check >"$NSC_TMP/sc"
grep -q '^BLIND *test.control_breaks .*ERROR' "$NSC_TMP/sc" || fail "control_breaks: $(cat "$NSC_TMP/sc")"
grep -q '^BLIND *test.no_check ' "$NSC_TMP/sc" || fail "no_check: $(cat "$NSC_TMP/sc")"
grep -q '^sensitive *test.isolation_fail ' "$NSC_TMP/sc" || fail "isolation_fail: $(cat "$NSC_TMP/sc")"
echo "ok: --self-check: ERROR without the namespace is BLIND"

# --self-check lists every isolation check that never fires, by location.
expect_status 1 "$NSCHECK_TEST" --self-check test.partly_blind test.conditional_check >"$NSC_TMP/sc2"
grep -Eq '^BLIND *test.partly_blind .*never fired: harness/tests/cases/partly_blind\.c:[0-9]+\)' \
	"$NSC_TMP/sc2" || fail "partly_blind: $(cat "$NSC_TMP/sc2")"
grep -q '^sensitive *test.conditional_check ' "$NSC_TMP/sc2" || fail "conditional_check: $(cat "$NSC_TMP/sc2")"
echo "ok: --self-check names the isolation check that never fires"
