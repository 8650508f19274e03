#!/usr/bin/env bash
# SIGKILL of the runner at any moment (issue 10 items 6 and 8): nothing
# the run created survives it, and no report residue is left beside the
# targets.  NSC_KILL_RUNS runs (default 200) of mnt.proc_only_ns_pids,
# whose sandbox and control fork sleepers, each killed 0-3 ms after its
# start; before the fix 4 sleepers of 100 runs lived on and every kill
# after the reports were opened left one .NAME.XXXXXX file per report.
source "$(dirname "$0")/lib.sh"

runs=${NSC_KILL_RUNS:-200}
export NSC_KILL_MARK="itest-kill-$$"

d="$NSC_TMP/d"
mkdir "$d"
killed=0
exec 3>&2 2>/dev/null # no "Killed" line per run
for i in $(seq 1 "$runs"); do
	got=0
	timeout -s KILL "0.00$((RANDOM % 4))" "$NSCHECK" --json "$d/r.json" --tap="$d/r.tap" \
		--junit "$d/r.xml" mnt.proc_only_ns_pids >/dev/null 2>&1 3>&- || got=$?
	[ "$got" -eq 137 ] && killed=$((killed + 1))
done
exec 2>&3 3>&-
# PDEATHSIG and PID namespace teardown are asynchronous: allow a moment.
no_marked_strays 50 0.1
extra=$(ls -A "$d" | grep -vx 'r\.json\|r\.tap\|r\.xml' || true)
[ -z "$extra" ] || fail "residue after SIGKILL: $extra"
[ ! -e "$d/r.json" ] || /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$d/r.json" ||
	fail "a report left by the runs is not a complete document"
[ "$killed" -gt 0 ] || fail "no run was killed: the timing no longer reaches into the run"
echo "ok: $runs runs ($killed killed by SIGKILL): no survivor, no residue"
