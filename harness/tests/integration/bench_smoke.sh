#!/usr/bin/env bash
# ci/bench in its short CI mode: exits 0, prints the Markdown table and
# writes JSON that parses.  No time is asserted (issue 6): the numbers are
# informational.  Builds into a temp directory of its own, so concurrent
# test runs do not share build-bench/.  Then --against: an unknown
# revision refused, and one repetition against an old commit (its rows,
# its JSON, the checkout untouched).
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
assert "against" not in d
PY

# --against REV: an unknown revision is refused before anything is built;
# a known one adds the rows and the JSON key, leaving the checkout as it
# was.  One repetition, no settle, against d486ac7 (the commit before the
# layering refactor, issue 11: a small build) or, in a clone without it,
# HEAD.
rc=0
"$NSC_SRC/ci/bench" --reps 1 --build-dir "$NSC_TMP/build" --json "$NSC_TMP/bad.json" \
	--against nsc-no-such-revision >"$NSC_TMP/out" 2>"$NSC_TMP/err" || rc=$?
[ "$rc" -eq 1 ] || fail "--against an unknown revision exited $rc, not 1"
grep -q '^ci/bench: --against nsc-no-such-revision: not a commit' "$NSC_TMP/err" ||
	{ cat "$NSC_TMP/err" >&2; fail "no message naming the unknown revision"; }
if [ -s "$NSC_TMP/out" ] || [ -e "$NSC_TMP/bad.json" ]; then
	fail "output despite an unknown revision"
fi
if ! git -C "$NSC_SRC" rev-parse --verify --quiet HEAD >/dev/null 2>&1; then
	echo "note: $NSC_SRC is no git checkout: ci/bench --against not tested"
	echo "ok: ci/bench --short exited 0 with its table and valid JSON"
	exit 0
fi
rev=d486ac7
git -C "$NSC_SRC" rev-parse --verify --quiet "$rev^{commit}" >/dev/null ||
	{ echo "note: $rev not in this clone, --against HEAD instead"; rev=HEAD; }
state() { git -C "$NSC_SRC" status --porcelain --untracked-files=no; git -C "$NSC_SRC" worktree list; }
state >"$NSC_TMP/state.before"
rc=0
"$NSC_SRC/ci/bench" --reps 1 --settle 0 --build-dir "$NSC_TMP/build" \
	--json "$NSC_TMP/against.json" --against "$rev" >"$NSC_TMP/out" 2>"$NSC_TMP/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$NSC_TMP/err" "$NSC_TMP/out" >&2; fail "ci/bench --against $rev exited $rc"; }
state >"$NSC_TMP/state.after"
cmp -s "$NSC_TMP/state.before" "$NSC_TMP/state.after" || fail "ci/bench --against changed the checkout"
for j in 1 2; do
	grep -Eq "^\| \`nscheck -j$j\` on the [0-9]+ cases both list: this tree vs $rev .* \| [0-9.]+ m?s \| [0-9.]+ m?s \| [0-9.]+×" \
		"$NSC_TMP/out" || { cat "$NSC_TMP/out" >&2; fail "no --against row for -j$j"; }
done
python3 - "$NSC_TMP/against.json" "$rev" <<'PY' || fail "bench JSON lacks the --against measurements"
import json, statistics, sys
d = json.load(open(sys.argv[1]))
a = d["against"]
assert a["rev"] == sys.argv[2] and len(a["commit"]) == 40
assert a["cases"] == len(a["ids"]) > 0
for j in ("j1", "j2"):
    assert a[j]["rev_median_s"] > 0 and a[j]["current_median_s"] > 0
    # The median of the ratios of the pairs (run back to back).
    p = [c / r for r, c in zip(a[j]["rev_samples_s"], a[j]["current_samples_s"])]
    assert len(p) == len(a[j]["pair_ratios"]) > 0
    assert abs(a[j]["ratio"] - statistics.median(p)) < 1e-9
PY
echo "ok: ci/bench --short exited 0 with its table and valid JSON; --against $rev adds its rows"
