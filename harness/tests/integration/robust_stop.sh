#!/usr/bin/env bash
# Ctrl-Z then fg (issue 10 item 9): the runner stopped for longer than the
# timeout, then continued, never reports a case that finished in time as
# "ERROR timeout".  Cases are in process groups of their own, so they run
# on while the runner is stopped; before the fix a runner stopped between
# its poll and its deadline check took the clock for the jobs' and timed
# out those that had finished meanwhile (8 of 30 runs in the issue, 1 of 20
# measured here).  NSC_STOP_RUNS runs (default 4), stopped at a random
# moment for 2.3 s against a 2 s timeout; a stop outside that window is
# harmless, so the test guards more than it reproduces.  The timeout is
# 2 s, not 1 s: in the coverage build on a loaded CI machine a control run
# once really took longer than 1 s, which is a true timeout, not the bug.
source "$(dirname "$0")/lib.sh"

runs=${NSC_STOP_RUNS:-4}
results="$NSC_SRC/harness/tests/helpers/results.py"
for i in $(seq 1 "$runs"); do
	"$NSCHECK" --no-audit -j 2 --timeout 2 --json "$NSC_TMP/r$i.json" 'uts.*' 'ipc.*' 'net.*' \
		>/dev/null 2>&1 &
	pid=$!
	sleep "0.$((RANDOM % 3))$((RANDOM % 10))"
	kill -STOP "$pid" 2>/dev/null || true
	sleep 2.3
	kill -CONT "$pid" 2>/dev/null || true
	got=0
	wait "$pid" || got=$?
	python3 "$results" statuses "$NSC_TMP/r$i.json" >"$NSC_TMP/st$i"
	if grep -q 'timeout after' "$NSC_TMP/st$i"; then
		fail "run $i: a case finished in time is reported as a timeout: $(grep 'timeout after' "$NSC_TMP/st$i")"
	fi
	[ "$got" -eq 0 ] || fail "run $i: exit $got: $(grep -v ' PASS' "$NSC_TMP/st$i")"
done
echo "ok: $runs runs stopped for longer than the timeout: no false timeout"
