#!/usr/bin/env bash
# ci/kernel-matrix.d/lava_log.py, the checker of each LAVA job of
# ci/kernel-matrix, on synthetic lava-run logs shaped like the real ones
# (one "{dt, lvl, msg}" entry a line; console lines as "target", then
# "feedback" once the monitor ended; the report in base64 between
# markers): a complete job with as many results as the TAP plan passes
# and yields the report; a result missing (a monitor pattern that matched
# nothing still ends "Complete"), an incomplete job (LAVA's timeout
# killed a hung guest) or a damaged report each fail with the reason.
source "$(dirname "$0")/lib.sh"

checker=$NSC_SRC/ci/kernel-matrix.d/lava_log.py
"$NSCHECK" --all --no-audit --json "$NSC_TMP/r.json" >/dev/null || fail "run exited $?"
mklog() { # OUT NRESULTS JOBRESULT DAMAGE
	/usr/bin/python3 - "$NSC_TMP/r.json" "$@" <<'PY'
import base64, json, sys
report, out, nres, jobres, damage = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
doc = json.load(open(report))
plan = len(doc["cases"])
lines = []
def e(lvl, msg):
    lines.append(json.dumps({"dt": "2026-01-01T00:00:00.%06d" % len(lines), "lvl": lvl, "msg": msg}))
e("target", "TAP version 14")
e("target", "1..%d" % plan)
for i, c in enumerate(doc["cases"][:nres], 1):
    e("target", "ok %d - %s" % (i, c["id"]))
    e("results", {"case": c["id"].replace(".", "_"), "definition": "0_nscheck", "result": "pass"})
e("target", "NSCHECK-JSON-BEGIN")
b = base64.b64encode(open(report, "rb").read()).decode()
if damage == "yes":
    b = b[: len(b) // 2]
for i in range(0, len(b), 76):
    e("feedback", b[i:i + 76])
e("feedback", "NSCHECK-JSON-END")
if jobres:
    e("results", {"case": "job", "definition": "lava", "result": jobres})
open(out, "w").write("\n".join(lines) + "\n")
PY
}
n=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["cases"]))' "$NSC_TMP/r.json")
mkdir -p "$NSC_TMP/lava"

mklog "$NSC_TMP/ok.log" "$n" pass no
/usr/bin/python3 "$checker" "$NSC_TMP/lava" "$NSC_TMP/out.json" "$NSC_TMP/ok.log" >"$NSC_TMP/st" ||
	fail "complete job refused: $(cat "$NSC_TMP/st")"
grep -q "^ok: $n results" "$NSC_TMP/st" || fail "status: $(cat "$NSC_TMP/st")"
cmp -s "$NSC_TMP/r.json" "$NSC_TMP/out.json" || fail "extracted report differs from the run's"
"$NSCHECK" compare "$NSC_TMP/r.json" "$NSC_TMP/out.json" >/dev/null || fail "extracted report does not compare equal"

mklog "$NSC_TMP/short.log" $((n - 1)) pass no
expect_status 1 /usr/bin/python3 "$checker" "$NSC_TMP/lava" "$NSC_TMP/o2.json" "$NSC_TMP/short.log" >"$NSC_TMP/st"
grep -q "FAILED $((n - 1)) LAVA results, TAP plan $n" "$NSC_TMP/st" || fail "missing result: $(cat "$NSC_TMP/st")"

mklog "$NSC_TMP/hung.log" 3 "" no
expect_status 1 /usr/bin/python3 "$checker" "$NSC_TMP/lava" "$NSC_TMP/o3.json" "$NSC_TMP/hung.log" >"$NSC_TMP/st"
grep -q 'FAILED LAVA job incomplete (timeout?)' "$NSC_TMP/st" || fail "hung guest: $(cat "$NSC_TMP/st")"

mklog "$NSC_TMP/bad.log" "$n" pass yes
expect_status 1 /usr/bin/python3 "$checker" "$NSC_TMP/lava" "$NSC_TMP/o4.json" "$NSC_TMP/bad.log" >"$NSC_TMP/st"
grep -q 'no JSON report between the markers' "$NSC_TMP/st" || fail "damaged report: $(cat "$NSC_TMP/st")"
echo "ok: lava_log.py: complete job and its report; a missing result, a hung guest, a damaged report refused"
