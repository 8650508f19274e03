#!/usr/bin/env bash
# nscheck as PID 1 of its PID namespace (a container's entrypoint, an
# initramfs init): the same verdicts as a normal run (before: exit 1,
# pid.outside_pids_invisible FAILed because kill(1, 0) from inside hit the
# sandbox itself); as PID 1 it reaps what is reparented to it while cases
# run; started with SIGCHLD ignored it still runs (before: "waitid: No
# child processes", no report); a /proc of another PID namespace is
# refused up front (exit 2, one line) instead of giving wrong verdicts.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
statuses() { /usr/bin/python3 "$results" statuses "$1" | awk '{ print $1, $2 }'; }

"$NSCHECK" --all --json "$NSC_TMP/base.json" >/dev/null || fail "normal run exited $?"
statuses "$NSC_TMP/base.json" >"$NSC_TMP/base"

expect_status 0 unshare --pid --fork --mount-proc "$NSCHECK" --all --json "$NSC_TMP/pid1.json" \
	>"$NSC_TMP/pid1.tap"
statuses "$NSC_TMP/pid1.json" >"$NSC_TMP/pid1"
diff -u "$NSC_TMP/base" "$NSC_TMP/pid1" || fail "verdicts as PID 1 differ from a normal run"
expect_status 0 unshare --pid --fork --mount-proc "$NSCHECK" --all --self-check >"$NSC_TMP/sc"
echo "ok: as PID 1: the same $(wc -l <"$NSC_TMP/pid1") verdicts; --self-check passes"

# SIGCHLD ignored by whoever started nscheck (execve keeps SIG_IGN).
ignchld() { /usr/bin/python3 -c 'import os, signal, sys
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
os.execv(sys.argv[1], sys.argv[1:])' "$@"; }
expect_status 0 ignchld "$NSCHECK" --all --json "$NSC_TMP/ign.json" >"$NSC_TMP/ign.tap"
statuses "$NSC_TMP/ign.json" >"$NSC_TMP/ign"
diff -u "$NSC_TMP/base" "$NSC_TMP/ign" || fail "verdicts with SIGCHLD ignored differ"
echo "ok: started with SIGCHLD ignored: the same verdicts"

# PID 1 inherits a child of the shell it replaces; that child dies while a
# case is still running (test.hang_parent until its 3 s timeout): no zombie.
unshare --pid --fork --mount-proc sh -c 'sleep 0.3 & exec "$0" test.hang_parent --timeout 3' \
	"$NSCHECK_TEST" >"$NSC_TMP/hang.tap" 2>&1 &
outer=$!
sleep 1.5
init=$(pgrep -P "$outer" | head -1) || true
[ -n "$init" ] || fail "no PID 1 under unshare $outer"
zombies=$(ps --ppid "$init" -o stat=,comm= | awk '$1 ~ /^Z/' || true)
rc=0
wait "$outer" || rc=$?
[ -z "$zombies" ] || fail "PID 1 left zombies while a case ran: $zombies"
[ "$rc" -eq 2 ] || fail "hang_parent as PID 1 exited $rc, want 2 (timeout ERROR)"
grep -q 'timeout after 3 s' "$NSC_TMP/hang.tap" || fail "no timeout ERROR: $(cat "$NSC_TMP/hang.tap")"
echo "ok: as PID 1 an inherited child that died mid-case was reaped"

# /proc of the outer PID namespace: one clear refusal, no report.
rc=0
unshare --pid --fork "$NSCHECK" --all >"$NSC_TMP/noproc.out" 2>"$NSC_TMP/noproc.err" || rc=$?
[ "$rc" -eq 2 ] || fail "/proc of another PID namespace: exit $rc, want 2"
[ ! -s "$NSC_TMP/noproc.out" ] || fail "/proc of another PID namespace: output written"
[ "$(wc -l <"$NSC_TMP/noproc.err")" -eq 1 ] && grep -q 'another PID namespace' "$NSC_TMP/noproc.err" ||
	fail "/proc refusal message: $(cat "$NSC_TMP/noproc.err")"
echo "ok: /proc of another PID namespace refused: $(cat "$NSC_TMP/noproc.err")"
