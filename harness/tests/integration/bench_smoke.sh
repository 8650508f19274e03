#!/usr/bin/env bash
# ci/bench in its short CI mode: exits 0, prints the Markdown table and
# writes JSON that parses.  No time is asserted (issue 6): the numbers are
# informational.  Builds into a temp directory of its own, so concurrent
# test runs do not share build-bench/.
# shellcheck disable=SC1091 # lib.sh is found at run time
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "ci/bench needs root"
rc=0
"$NSC_SRC/ci/bench" --short --settle 0.05 --build-dir "$NSC_TMP/build" \
	--json "$NSC_TMP/bench.json" >"$NSC_TMP/out" 2>"$NSC_TMP/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$NSC_TMP/err" "$NSC_TMP/out" >&2; fail "ci/bench --short exited $rc"; }
grep -qx '| measurement | median | baseline | ratio | target | met |' "$NSC_TMP/out" ||
	{ cat "$NSC_TMP/out" >&2; fail "no table header in ci/bench's output"; }
# shellcheck disable=SC2016 # the backquotes are Markdown
# ms, or s on a loaded machine (report.py's fmt_s): no time is asserted.
grep -Eq '^\| `nscheck --all -j1` \([0-9]* cases\) \| [0-9.]+ m?s' "$NSC_TMP/out" ||
	fail "no --all -j1 row with a time"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$NSC_TMP/bench.json" ||
	fail "bench JSON does not parse"
python3 - "$NSC_TMP/bench.json" <<'PY' || fail "bench JSON lacks its measurements"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["reps"] == 3
assert d["all_j1"]["median_s"] > 0 and d["all_j2"]["median_s"] > 0
assert len(d["overhead"]) == 6
assert all(o["ratio"] > 0 for o in d["overhead"])
assert d["classic"]["shell_median_s"] > 0
assert "measured" in d["peak_rss"] and "measured" in d["ltp"]
PY
echo "ok: ci/bench --short exited 0 with its table and valid JSON"
