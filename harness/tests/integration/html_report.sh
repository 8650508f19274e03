#!/usr/bin/env bash
# The HTML reports in a real browser: headless Chromium (Debian's
# chromium, installed by ci/setup) loads `nscheck --all --html` and
# `nscheck compare -f html` with no console error, exception or CSP
# violation, and the filters work when driven through the DevTools
# protocol (harness/tests/helpers/html_check.js): by namespace, by
# status, "differs only".  A page with a planted console error is
# refused (the check can fail).  Screenshots are kept under the build
# directory (html-report-run.png, html-report-compare.png) for CI
# artifacts.
source "$(dirname "$0")/lib.sh"

check=$NSC_SRC/harness/tests/helpers/html_check.js
[ -x /usr/bin/chromium ] || fail "chromium not installed (run ci/setup)"
command -v node >/dev/null || fail "node not installed (run ci/setup)"
deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"
all=PASS+FAIL+SKIP+ERROR+absent

"$NSCHECK" --all --no-audit --json "$NSC_TMP/a.json" --html "$NSC_TMP/run.html" >/dev/null ||
	fail "run exited $?"
"$deny" "$NSCHECK" --all --no-audit --json "$NSC_TMP/sec.json" >/dev/null || fail "seccomp run exited $?"
counts=$(/usr/bin/python3 - "$NSC_TMP/a.json" "$NSC_TMP/sec.json" <<'PY'
import json, sys
a = {c["id"]: c for c in json.load(open(sys.argv[1]))["cases"]}
s = {c["id"]: c for c in json.load(open(sys.argv[2]))["cases"]}
ids = sorted(set(a) | set(s))
differ = [i for i in ids if (a.get(i) or {}).get("status") != (s.get(i) or {}).get("status")]
user = [i for i in ids if i.startswith("user.")]
skip = [i for i in ids if (s.get(i) or {}).get("status") == "SKIP"]
npass = sum(1 for c in a.values() if c["status"] == "PASS")
print(len(a), len(ids), len(differ), len(user), len(skip), npass)
PY
)
read -r nrun nids ndiff nuser nskip npass <<<"$counts"
[ "$nuser" -gt 0 ] && [ "$ndiff" -gt 0 ] || fail "nothing to filter: $counts"

# The run's page: one column, every case; the filters by namespace and status.
node "$check" "$NSC_TMP/run.html" "$NSC_BUILD/html-report-run.png" \
	"ns=,status=$all,diff=0:$nrun" "ns=user,status=$all,diff=0:$nuser" \
	"ns=,status=FAIL+ERROR,diff=0:0" "ns=,status=PASS,diff=0:$npass" >"$NSC_TMP/run.out" ||
	fail "run page: $(cat "$NSC_TMP/run.out")"
grep -q ', 0 console errors,' "$NSC_TMP/run.out" || fail "run page: $(cat "$NSC_TMP/run.out")"

# The comparison's page: two columns; "differs only" and SKIP in either.
"$NSCHECK" compare -f html "$NSC_TMP/a.json" "$NSC_TMP/sec.json" >"$NSC_TMP/cmp.html" && fail "no difference?"
node "$check" "$NSC_TMP/cmp.html" "$NSC_BUILD/html-report-compare.png" \
	"ns=,status=$all,diff=0:$nids" "ns=,status=$all,diff=1:$ndiff" \
	"ns=user,status=$all,diff=1:$nuser" "ns=,status=SKIP,diff=0:$nskip" >"$NSC_TMP/cmp.out" ||
	fail "compare page: $(cat "$NSC_TMP/cmp.out")"
[ -s "$NSC_BUILD/html-report-compare.png" ] || fail "no screenshot"
[[ $(file -b "$NSC_BUILD/html-report-compare.png") == "PNG image"* ]] || fail "screenshot is not a PNG"

# Positive control: a console error on the page is seen and fails the check.
sed 's|</body>|<script>console.error("planted")</script></body>|' "$NSC_TMP/run.html" >"$NSC_TMP/bad.html"
expect_status 1 node "$check" "$NSC_TMP/bad.html" "$NSC_TMP/bad.png" >"$NSC_TMP/bad.out"
grep -q 'planted' "$NSC_TMP/bad.out" || fail "planted console error not reported: $(cat "$NSC_TMP/bad.out")"
echo "ok: HTML run and comparison load in Chromium without console errors; filters: $nuser user rows, $ndiff differing, $nskip SKIP"
