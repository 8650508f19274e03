#!/usr/bin/env bash
# Every shipped case detects a missing namespace; a deliberately blind
# test case is reported BLIND and fails both the self-check and a normal
# run (probe blind: ERROR); the host is unchanged.  --self-check --json,
# --junit and --tap carry the same records as the lines.
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

# The self-check lines are one reporter among the others: --json, --junit
# and --tap get the same records (PASS = sensitive, FAIL = blind).
"$NSCHECK" --self-check --json "$NSC_TMP/sc.json" --junit "$NSC_TMP/sc.xml" --tap="$NSC_TMP/sc.tap" \
	'uts.*' >"$NSC_TMP/sc2" || fail "self-check with reports exited $?"
/usr/bin/python3 - "$NSC_SRC/reports/nscheck-report.schema.json" "$NSC_TMP/sc.json" "$NSC_TMP/sc2" <<'PY' ||
import json, sys, jsonschema
schema, doc = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, cls=jsonschema.validators.validator_for(schema))
assert doc["self_check"] is True, doc["self_check"]
lines = [l.split()[:2] for l in open(sys.argv[3]) if not l.startswith("self-check:")]
want = {"sensitive": "PASS", "BLIND": "FAIL", "skip": "SKIP", "n/a": "SKIP"}
got = [[want[l[0]], l[1]] for l in lines]
recs = [[c["status"], c["id"]] for c in doc["cases"]]
assert got == recs and recs, (got, recs)
PY
	fail "--self-check --json: the JSON does not hold the self-check records"
grep -q '^ok 1 - uts\.' "$NSC_TMP/sc.tap" || fail "--self-check --tap: $(cat "$NSC_TMP/sc.tap")"
grep -q '<testcase' "$NSC_TMP/sc.xml" || fail "--self-check --junit: no testcase"
junit_validate "$NSC_TMP/sc.xml" >/dev/null
# The lines go elsewhere when stdout carries another report.
"$NSCHECK" --self-check --json - uts.hostname_private >"$NSC_TMP/sc3.json" || fail "--json - exit $?"
/usr/bin/python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["self_check"] is True' \
	"$NSC_TMP/sc3.json" || fail "--self-check --json - is not one JSON document"

expect_status 1 "$NSCHECK_TEST" --self-check test.blind_probe >"$NSC_TMP/blind"
grep -q '^BLIND *test.blind_probe' "$NSC_TMP/blind" || fail "blind case not reported BLIND"
expect_status 2 "$NSCHECK_TEST" test.blind_probe >"$NSC_TMP/blind.tap"
grep -q '^not ok 1 - test.blind_probe' "$NSC_TMP/blind.tap" || fail "blind case not ERROR"
grep -q 'probe blind' "$NSC_TMP/blind.tap" || fail "no 'probe blind' reason"
echo "ok: $line; blind test case caught"
