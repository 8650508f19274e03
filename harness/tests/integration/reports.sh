#!/usr/bin/env bash
# All reports at once from one real run: the JUnit validates against the
# project's JUnit schema (reports/nscheck-junit.xsd) and junitparser reads
# it, the JSON against reports/nscheck-report.schema.json,
# the TAP passes prove (as TAP 13) and strict tap-parser (TAP 14), and the
# pass/fail/skip/error counts agree across all three.
source "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
T=$NSC_TMP
"$NSCHECK" --all --tap="$T/r.tap" --junit "$T/r.xml" --json "$T/r.json" >"$T/stdout" ||
	fail "nscheck --all exited $?"
[ ! -s "$T/stdout" ] || fail "--tap=FILE still wrote to stdout"
leftover=$(find "$T" -name '.*' -type f)
[ -z "$leftover" ] || fail "temp files left behind: $leftover"

read -r jp_total jp_fail jp_err jp_skip < <(junit_validate "$T/r.xml")
$py - "$NSC_SRC/reports/nscheck-report.schema.json" "$T/r.json" <<'PY' || fail "JSON does not validate"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema).check_schema(schema)
jsonschema.validate(doc, schema, cls=jsonschema.validators.validator_for(schema))
PY
tap_parser --strict -s <"$T/r.tap" || fail "tap-parser --strict rejected the TAP"

# The same run as TAP 13 for Debian's prove (Test::Harness 3.44).
"$NSCHECK" --all --tap-version 13 >"$T/r13.tap" || fail "TAP 13 run exited $?"
[ "$(head -1 "$T/r13.tap")" = 'TAP version 13' ] || fail "--tap-version 13"
prove -e cat "$T/r13.tap" >/dev/null || fail "prove rejected the TAP 13 output"

# Counts: TAP lines, JUnit totals, JSON summary.
tap_total=$(grep -Ec '^(not )?ok [0-9]+ ' "$T/r.tap")
tap_skip=$(grep -Ec '^ok [0-9]+ .*# SKIP' "$T/r.tap" || true)
tap_notok=$(grep -Ec '^not ok [0-9]+ ' "$T/r.tap" || true)
read -r j_total j_fail j_err j_skip < <($py - "$T/r.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
cases = r.findall('.//testcase')
print(len(cases), sum(1 for c in cases if c.find('failure') is not None),
      sum(1 for c in cases if c.find('error') is not None),
      sum(1 for c in cases if c.find('skipped') is not None))
PY
)
read -r s_total s_pass s_fail s_skip s_err < <($py - "$T/r.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["summary"]
st = [c["status"] for c in d["cases"]]
assert len(st) == s["total"], "summary total != number of records"
for k, v in (("pass", "PASS"), ("fail", "FAIL"), ("skip", "SKIP"), ("error", "ERROR")):
    assert st.count(v) == s[k], k
print(s["total"], s["pass"], s["fail"], s["skip"], s["error"])
PY
)
[ "$jp_total $jp_fail $jp_err $jp_skip" = "$j_total $j_fail $j_err $j_skip" ] ||
	fail "junitparser reads $jp_total $jp_fail $jp_err $jp_skip, ElementTree $j_total $j_fail $j_err $j_skip"
[ "$tap_total" = "$j_total" ] || fail "totals differ: TAP $tap_total, JUnit $j_total"
[ "$tap_total" = "$s_total" ] ||
	fail "totals differ: TAP $tap_total, JUnit $j_total, JSON $s_total"
[ "$tap_skip" = "$j_skip" ] || fail "skips differ: TAP $tap_skip, JUnit $j_skip"
[ "$tap_skip" = "$s_skip" ] ||
	fail "skips differ: TAP $tap_skip, JUnit $j_skip, JSON $s_skip"
[ "$tap_notok" = "$((j_fail + j_err))" ] || fail "failures differ: TAP $tap_notok, JUnit $j_fail+$j_err"
[ "$tap_notok" = "$((s_fail + s_err))" ] ||
	fail "failures differ: TAP $tap_notok, JUnit $j_fail+$j_err, JSON $s_fail+$s_err"
[ "$s_pass" -gt 0 ] || fail "nothing passed"

# --env and --env --json -.
out=$("$NSCHECK" --env) || fail "--env exited $?"
grep -qF "$(uname -r)" <<<"$out" || fail "--env lacks the kernel release"
"$NSCHECK" --env --json - | $py -c 'import json,sys; d=json.load(sys.stdin); assert d["environment"]["kernel_release"]' ||
	fail "--env --json - is not a JSON document with the environment"
echo "ok: $tap_total records agree across TAP, JUnit and JSON; all three validate"
