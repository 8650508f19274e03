#!/usr/bin/env bash
# Parallel runs: back-to-back `--all -j 2` runs give exactly the verdicts
# (id, status, reason) of a -j 1 run.  NSC_PARALLEL_RUNS sets the number
# of runs (default 20; 50 for the manual soak of issue 5).
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
runs=${NSC_PARALLEL_RUNS:-20}

"$NSCHECK" --all -j 1 --json "$NSC_TMP/j1.json" >/dev/null || fail "-j 1 run exited $?"
python3 "$results" statuses "$NSC_TMP/j1.json" >"$NSC_TMP/j1"
[ -s "$NSC_TMP/j1" ] || fail "no records in the -j 1 run"
flakes=0
for i in $(seq 1 "$runs"); do
	got=0
	"$NSCHECK" --all -j 2 --json "$NSC_TMP/j2.json" >/dev/null 2>"$NSC_TMP/err" || got=$?
	python3 "$results" statuses "$NSC_TMP/j2.json" >"$NSC_TMP/j2"
	if ! diff -u "$NSC_TMP/j1" "$NSC_TMP/j2" >"$NSC_TMP/diff" || [ "$got" -ne 0 ]; then
		flakes=$((flakes + 1))
		echo "run $i (exit $got) differs from -j 1:" >&2
		cat "$NSC_TMP/diff" "$NSC_TMP/err" >&2
	fi
done
[ "$flakes" -eq 0 ] || fail "$flakes of $runs -j 2 runs differ from -j 1"
echo "ok: $runs runs of --all -j 2 identical to -j 1 ($(wc -l <"$NSC_TMP/j1") records)"
