#!/usr/bin/env bash
# Error messages never repeat the errno text: a setup() that fails the
# nscheck way (-EPERM, message in nsc_errbuf) is ERROR with a reason that
# says "Operation not permitted" once, in every report.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
expect_status 2 "$NSCHECK_TEST" --no-audit test.setup_errno --json "$NSC_TMP/r.json" \
	--tap="$NSC_TMP/r.tap" --junit "$NSC_TMP/r.xml" >/dev/null
/usr/bin/python3 "$results" statuses "$NSC_TMP/r.json" >"$NSC_TMP/st"
want="test.setup_errno ERROR setup: test-only setup failure: Operation not permitted"
[ "$(cat "$NSC_TMP/st")" = "$want" ] || fail "got '$(cat "$NSC_TMP/st")', want '$want'"
for f in r.json r.tap r.xml; do
	! grep -q 'not permitted: Operation not permitted' "$NSC_TMP/$f" ||
		fail "$f repeats the errno text: $(grep 'not permitted: Operation' "$NSC_TMP/$f")"
	grep -q 'Operation not permitted' "$NSC_TMP/$f" || fail "$f lacks the errno text"
done
echo "ok: errno text once in JSON, TAP and JUnit"
