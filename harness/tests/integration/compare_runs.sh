#!/usr/bin/env bash
# nscheck compare on real runs of this host:
#  - two runs of the same host: no difference, exit 0, in every format
#    (the JSON parsed back by Python, the Markdown table complete);
#  - a run under the seccomp helper (harness/tests/helpers/seccomp_deny):
#    exactly the rows that SKIP there differ, the user rows among them,
#    each explained by "seccomp", and seccomp is the one environment
#    difference;
#  - the baseline gate: exit 1 on a planted regression (PASS -> FAIL), on
#    PASS -> SKIP unless --allow-skip, 0 for the same host; the seccomp
#    SKIPs are marked "environment", the planted SKIP "regression";
#  - --expect accepts a listed failure and rejects an unlisted one;
#    `nscheck --all --baseline/--expect` gates in one step;
#  - bad input: one line naming the file, exit 2, nothing on stdout.
source "$(dirname "$0")/lib.sh"

deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"
py=/usr/bin/python3
"$NSCHECK" --all --no-audit --json "$NSC_TMP/a.json" >/dev/null || fail "run a exited $?"
"$NSCHECK" --all --no-audit --json "$NSC_TMP/b.json" >/dev/null || fail "run b exited $?"
ncases=$($py -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cases"]))' "$NSC_TMP/a.json")

# Same host twice.
"$NSCHECK" compare "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/same" ||
	fail "two runs on one host differ: $(cat "$NSC_TMP/same")"
grep -q "^compare: $ncases case ids, 0 differ across 2 runs$" "$NSC_TMP/same" ||
	fail "no summary: $(tail -1 "$NSC_TMP/same")"
grep -q '^uts.hostname_private  *PASS  *PASS' "$NSC_TMP/same" || fail "row missing: $(cat "$NSC_TMP/same")"
"$NSCHECK" compare --only-diff "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/none"
! grep -q PASS "$NSC_TMP/none" || fail "--only-diff shows equal rows"
"$NSCHECK" compare -f markdown --label A --label B "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/md"
[ "$(grep -c '^| `' "$NSC_TMP/md")" -eq "$ncases" ] || fail "markdown rows: $(cat "$NSC_TMP/md")"
grep -q '^| case | A<br>root, clone3 | B<br>root, clone3 |$' "$NSC_TMP/md" || fail "markdown head: $(head -1 "$NSC_TMP/md")"
"$NSCHECK" compare -f json "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/cmp.json"
$py - "$NSC_TMP/cmp.json" "$ncases" <<'PY' || fail "compare JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "nscheck-compare/1", d["schema"]
assert len(d["cases"]) == int(sys.argv[2]) and d["summary"]["differ"] == 0, d["summary"]
assert all(len(c["cells"]) == 2 for c in d["cases"])
assert d["gate"] is None
PY
"$NSCHECK" compare -f html "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/cmp.html"
grep -q '<tr class="case" id="uts.hostname_private"' "$NSC_TMP/cmp.html" || fail "html row"

# Under the seccomp helper: the rows that differ are the ones that SKIP there.
[ -x "$deny" ] || fail "helper $deny not built"
"$deny" "$NSCHECK" --all --no-audit --json "$NSC_TMP/sec.json" >/dev/null || fail "seccomp run exited $?"
expect_status 1 "$NSCHECK" compare --only-diff "$NSC_TMP/a.json" "$NSC_TMP/sec.json" >"$NSC_TMP/sec"
$py - "$NSC_TMP/sec.json" "$NSC_TMP/a.json" >"$NSC_TMP/skipped" <<'PY'
import json, sys
base = {c["id"]: c["status"] for c in json.load(open(sys.argv[2]))["cases"]}
for c in json.load(open(sys.argv[1]))["cases"]:
    # A case that SKIPs without the filter too (a newer kernel's) is no difference.
    if c["status"] == "SKIP" and base.get(c["id"]) != "SKIP":
        print(c["id"])
PY
grep -q '^user\.' "$NSC_TMP/skipped" || fail "no user case SKIPs under seccomp"
grep -Eo '^[a-z]+\.[a-z0-9_]+ ' "$NSC_TMP/sec" | tr -d ' ' >"$NSC_TMP/differ"
diff -u "$NSC_TMP/skipped" "$NSC_TMP/differ" || fail "rows that differ are not the SKIPped ones"
n=$(wc -l <"$NSC_TMP/differ")
[ "$(grep -c '^    because seccomp: 0 \[1\], 2 \[2\]$' "$NSC_TMP/sec")" -eq "$n" ] ||
	fail "not every differing row is explained by seccomp: $(cat "$NSC_TMP/sec")"
grep -A2 '^environment differences:$' "$NSC_TMP/sec" >"$NSC_TMP/envdiff"
grep -q '^  seccomp  \[1\] 0  \[2\] 2$' "$NSC_TMP/envdiff" ||
	fail "environment difference: $(cat "$NSC_TMP/sec")"
[ "$(sed -n '/^environment differences:$/,/^$/p' "$NSC_TMP/sec" | grep -c '^  ')" -eq 1 ] ||
	fail "more than seccomp differs: $(cat "$NSC_TMP/sec")"
grep -q '^  \[2\] .* (root, seccomp, clone3)' "$NSC_TMP/sec" || fail "conditions: $(head -3 "$NSC_TMP/sec")"

# The baseline gate.
"$NSCHECK" compare --baseline "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/g0" ||
	fail "gate fails on the same host: $(cat "$NSC_TMP/g0")"
grep -q '^gate: passed: 0 regressions' "$NSC_TMP/g0" || fail "gate line: $(tail -1 "$NSC_TMP/g0")"
$py - "$NSC_TMP/b.json" "$NSC_TMP/r.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["cases"]:
    if c["id"] == "uts.hostname_private":
        c["status"], c["reason"] = "FAIL", "hostname set inside was seen outside"
    if c["id"] == "ipc.sysv_shm_private":
        c["status"], c["reason"] = "SKIP", "kernel cannot create ipc namespaces"
json.dump(d, open(sys.argv[2], "w"))
PY
expect_status 1 "$NSCHECK" compare --only-diff --baseline "$NSC_TMP/a.json" "$NSC_TMP/r.json" >"$NSC_TMP/g1"
grep -q '^gate: regression  uts.hostname_private FAIL: was PASS$' "$NSC_TMP/g1" || fail "FAIL: $(cat "$NSC_TMP/g1")"
grep -q '^gate: regression  ipc.sysv_shm_private SKIP: was PASS; no environment' "$NSC_TMP/g1" ||
	fail "planted SKIP: $(cat "$NSC_TMP/g1")"
grep -q '^gate: FAILED: 2 regressions' "$NSC_TMP/g1" || fail "verdict: $(tail -1 "$NSC_TMP/g1")"
# PASS -> SKIP by seccomp: the environment, allowed with --allow-skip.
expect_status 1 "$NSCHECK" compare --baseline "$NSC_TMP/a.json" "$NSC_TMP/sec.json" >"$NSC_TMP/g2"
grep -q '^gate: environment user\.[a-z_]* SKIP: was PASS; the environment changed: seccomp$' "$NSC_TMP/g2" ||
	fail "environment SKIP not told apart: $(cat "$NSC_TMP/g2")"
! grep -q '^gate: regression' "$NSC_TMP/g2" || fail "seccomp SKIP called a regression: $(cat "$NSC_TMP/g2")"
"$NSCHECK" compare --baseline "$NSC_TMP/a.json" --allow-skip "$NSC_TMP/sec.json" >/dev/null ||
	fail "--allow-skip still fails"

# --expect: a listed failure is accepted, an unlisted one is not.
printf '# known failures\nuts.hostname_private FAIL planted for the test\n' >"$NSC_TMP/expect"
printf 'uts.domainname_private FAIL another case\n' >"$NSC_TMP/expect2"
"$NSCHECK" compare --expect "$NSC_TMP/expect" "$NSC_TMP/r.json" >"$NSC_TMP/e1" ||
	fail "listed failure rejected: $(cat "$NSC_TMP/e1")"
grep -q '^gate: passed: .* 1 expected' "$NSC_TMP/e1" || fail "expect verdict: $(tail -1 "$NSC_TMP/e1")"
expect_status 1 "$NSCHECK" compare --expect "$NSC_TMP/expect2" "$NSC_TMP/r.json" >"$NSC_TMP/e2"
grep -q '^gate: unexpected  uts.hostname_private FAIL' "$NSC_TMP/e2" || fail "unlisted: $(cat "$NSC_TMP/e2")"
grep -q '^gate: xpass       uts.domainname_private PASS' "$NSC_TMP/e2" || fail "xpass: $(cat "$NSC_TMP/e2")"

# In one step after a run (its temp report in a private directory under
# $TMPDIR, removed afterwards): 0 against this host's baseline, 1 under
# the seccomp helper, whose SKIPs are the environment's.
mkdir "$NSC_TMP/t"
export TMPDIR=$NSC_TMP/t
"$NSCHECK" --all --no-audit --baseline "$NSC_TMP/a.json" >/dev/null 2>"$NSC_TMP/run.err" ||
	fail "run --baseline exited $?: $(cat "$NSC_TMP/run.err")"
grep -q '^gate: passed' "$NSC_TMP/run.err" || fail "run gate: $(cat "$NSC_TMP/run.err")"
"$deny" "$NSCHECK" --all --no-audit --baseline "$NSC_TMP/a.json" >/dev/null 2>"$NSC_TMP/run2.err" &&
	fail "run under seccomp passed the gate: $(cat "$NSC_TMP/run2.err")"
grep -q '^gate: FAILED: 0 regressions, [1-9][0-9]* environment skips' "$NSC_TMP/run2.err" ||
	fail "run gate under seccomp: $(cat "$NSC_TMP/run2.err")"
"$NSCHECK" --all --no-audit --skip 'user.*' --skip 'time.*' --expect "$NSC_TMP/expect" >"$NSC_TMP/skip.tap" 2>/dev/null ||
	fail "run --expect exited $?"
! grep -Eq ' - (user|time)\.' "$NSC_TMP/skip.tap" || fail "--skip ran a skipped case"
[ -z "$(ls -A "$NSC_TMP/t")" ] || fail "gate temp files left behind: $(ls -A "$NSC_TMP/t")"
unset TMPDIR

# Bad input: one line naming the file, exit 2, no half-written output.
echo '{"not": "a report"}' >"$NSC_TMP/bad.json"
head -c 200 "$NSC_TMP/a.json" >"$NSC_TMP/cut.json"
sed 's|nscheck-report/1|nscheck-report/9|' "$NSC_TMP/a.json" >"$NSC_TMP/v9.json"
for f in bad cut v9; do
	expect_status 2 "$NSCHECK" compare "$NSC_TMP/a.json" "$NSC_TMP/$f.json" >"$NSC_TMP/out" 2>"$NSC_TMP/err"
	[ "$(wc -l <"$NSC_TMP/err")" -eq 1 ] || fail "$f: not one line: $(cat "$NSC_TMP/err")"
	grep -q "^nscheck compare: $NSC_TMP/$f.json: " "$NSC_TMP/err" || fail "$f: $(cat "$NSC_TMP/err")"
	[ ! -s "$NSC_TMP/out" ] || fail "$f: output written on bad input"
done
expect_status 2 "$NSCHECK" --all --baseline "$NSC_TMP/cut.json" >"$NSC_TMP/out" 2>"$NSC_TMP/err"
[ ! -s "$NSC_TMP/out" ] || fail "a run started with a bad baseline"
expect_status 2 "$NSCHECK" compare "$NSC_TMP/a.json" 2>/dev/null
expect_status 2 "$NSCHECK" compare --allow-skip "$NSC_TMP/a.json" "$NSC_TMP/b.json" 2>/dev/null
echo "ok: compare: same host equal; seccomp run differs in $n rows, all by seccomp; gate, --expect, --skip"
