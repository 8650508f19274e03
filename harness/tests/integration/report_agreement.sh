#!/usr/bin/env bash
# One run, four reports: TAP, KTAP, JUnit and JSON name the same cases
# with the same status each (PASS, FAIL, SKIP, ERROR: test-only cases
# fail and crash, the time cases skip without clone3).  TAP tells FAIL from ERROR by
# its YAML severity, KTAP by its ERROR directive, JUnit by <failure> or
# <error>; junitparser reads the JUnit, kunit.py the KTAP.
source "$(dirname "$0")/lib.sh"

T=$NSC_TMP
got=0
NSCHECK_NO_CLONE3=1 "$NSCHECK_TEST" '*' test.crash_abort test.isolation_fail --tap="$T/r.tap" --ktap="$T/r.ktap" \
	--junit "$T/r.xml" --json "$T/r.json" >"$T/out" 2>"$T/err" || got=$?
[ "$got" -eq 1 ] || fail "run exited $got, want 1 (a FAIL): $(cat "$T/err")"
junit_validate "$T/r.xml" >/dev/null
ktap_check "$T/r.ktap" "$T/r.json" >/dev/null
/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/junit_read.py" statuses "$T/r.xml" >"$T/junit.st"
/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/results.py" statuses "$T/r.json" |
	cut -d' ' -f1-2 >"$T/json.st"

/usr/bin/python3 - "$T/r.tap" "$T/r.ktap" "$T/junit.st" "$T/json.st" <<'PY' || fail "reports disagree"
import re, sys

def tap(path):
    st, cur = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"(not ok|ok) \d+ - (\S+)( # SKIP)?", line)
        if m:
            cur = m.group(2)
            st[cur] = "SKIP" if m.group(3) else "PASS" if m.group(1) == "ok" else "FAIL?"
        elif line.startswith("  severity: ") and st.get(cur) == "FAIL?":
            st[cur] = line.split(": ", 1)[1].strip().upper()
    return st

def ktap(path):
    st = {}
    for line in open(path, encoding="utf-8"):
        m = re.match(r"  (not ok|ok) \d+ (\S+)( # (SKIP|ERROR))?", line)
        if m:
            st[m.group(2)] = m.group(4) or ("PASS" if m.group(1) == "ok" else "FAIL")
    return st

def pairs(path):
    return dict(l.split() for l in open(path, encoding="utf-8"))

r = {"TAP": tap(sys.argv[1]), "KTAP": ktap(sys.argv[2]),
     "JUnit": pairs(sys.argv[3]), "JSON": pairs(sys.argv[4])}
ids = set(r["JSON"])
for name, st in r.items():
    assert set(st) == ids, f"{name} ids differ: {sorted(set(st) ^ ids)}"
for i in sorted(ids):
    seen = {name: st[i] for name, st in r.items()}
    assert len(set(seen.values())) == 1, f"{i}: {seen}"
kinds = set(r["JSON"].values())
assert {"PASS", "FAIL", "SKIP", "ERROR"} <= kinds, f"statuses seen: {kinds}"
print(f"ok: {len(ids)} cases, the same status in TAP, KTAP, JUnit and JSON ({sorted(kinds)})")
PY
