#!/usr/bin/env bash
# ci/compare puts JSON reports side by side: identical runs compare equal
# (exit 0); a run where a case differs (planted: a SKIP where the other
# run passed) is reported with the differing ids (exit 1); bad input is
# exit 2 with one line.
source "$(dirname "$0")/lib.sh"

cmp=$NSC_SRC/ci/compare
"$NSCHECK" --all --no-audit --json "$NSC_TMP/a.json" >/dev/null || fail "run a exited $?"
"$NSCHECK" --all --no-audit --json "$NSC_TMP/b.json" >/dev/null || fail "run b exited $?"
/usr/bin/python3 "$cmp" "$NSC_TMP/a.json" "$NSC_TMP/b.json" >"$NSC_TMP/same" ||
	fail "two runs on one host differ: $(cat "$NSC_TMP/same")"
grep -q ' 0 differ across 2 runs' "$NSC_TMP/same" || fail "no summary: $(cat "$NSC_TMP/same")"

# A planted difference: one case turned into a SKIP in a copy of run b.
/usr/bin/python3 - "$NSC_TMP/b.json" "$NSC_TMP/c.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["cases"]:
    if c["id"] == "uts.hostname_private":
        c["status"], c["reason"] = "SKIP", "kernel cannot create uts namespaces"
json.dump(d, open(sys.argv[2], "w"))
PY
expect_status 1 /usr/bin/python3 "$cmp" --markdown "$NSC_TMP/a.json" "$NSC_TMP/c.json" >"$NSC_TMP/diff"
# shellcheck disable=SC2016 # the backquotes are Markdown
grep -q '^| `uts.hostname_private` | PASS | SKIP: kernel cannot create uts namespaces |$' "$NSC_TMP/diff" ||
	fail "difference not shown: $(cat "$NSC_TMP/diff")"
grep -q ' 1 differ across 2 runs' "$NSC_TMP/diff" || fail "wrong count: $(tail -1 "$NSC_TMP/diff")"

echo '{"not": "a report"}' >"$NSC_TMP/bad.json"
expect_status 2 /usr/bin/python3 "$cmp" "$NSC_TMP/a.json" "$NSC_TMP/bad.json" 2>"$NSC_TMP/err"
grep -q 'is not an nscheck JSON report' "$NSC_TMP/err" || fail "bad input: $(cat "$NSC_TMP/err")"
expect_status 2 /usr/bin/python3 "$cmp" "$NSC_TMP/a.json" 2>/dev/null
echo "ok: ci/compare finds no difference between two runs and the planted one in a third"
