#!/usr/bin/env bash
# Counts in every report: one real run with asymmetric counts (3 PASS,
# 2 FAIL, 1 ERROR, 4 SKIP: every count differs from every other, so a
# swapped total cannot hide) written as TAP, KTAP, JUnit, JSON and the
# console summary at once; harness/tests/helpers/report_counts.py reads
# each on its own and requires its per-case entries to be the expected
# records and every total it declares (JUnit: per suite and overall;
# KTAP: plans and "# Totals:") to equal their counts.
source "$(dirname "$0")/lib.sh"

T=$NSC_TMP
cat >"$T/expect" <<'LIST'
test.control_skips SKIP
test.fail_then_skip FAIL
test.isolation_fail FAIL
test.leak_residue SKIP
test.no_check ERROR
test.skip_always SKIP
test.skip_setup SKIP
uts.domainname_private PASS
uts.hostname_private PASS
env.host_residue PASS
LIST
ids=$(awk '$1 != "env.host_residue" { print $1 }' "$T/expect")
# shellcheck disable=SC2086 # one id per word
expect_status 1 env -u NSC_TEST_PLANT_RESIDUE "$NSCHECK_TEST" -q --tap="$T/r.tap" \
	--ktap="$T/r.ktap" --junit "$T/r.xml" --json "$T/r.json" $ids 2>"$T/console"
/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/report_counts.py" "$T/expect" \
	--json "$T/r.json" --tap "$T/r.tap" --ktap "$T/r.ktap" --junit "$T/r.xml" \
	--console "$T/console" || fail "the reports disagree with the records"
# And as their real consumers read them: junitparser and the project's
# JUnit schema, the kernel's kunit.py (statuses equal the JSON's).
read -r n f e s < <(junit_validate "$T/r.xml")
[ "$n $f $e $s" = "10 2 1 4" ] || fail "junitparser counts $n tests, $f failures, $e errors, $s skipped"
read -r n p f s < <(ktap_check "$T/r.ktap" "$T/r.json")
[ "$n $p $f $s" = "10 3 3 4" ] || fail "kunit.py counts $n tests, $p passed, $f failed, $s skipped"
echo "ok: 3 PASS, 2 FAIL, 1 ERROR, 4 SKIP agree in every report"
