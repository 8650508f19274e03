#!/usr/bin/env bash
# The console on a terminal (issue 10 item 16): TERM=dumb (or no TERM)
# gets neither colour nor progress lines (escape sequences), a capable
# terminal gets both (positive control), and progress lines are cut to
# the terminal's width (checked in check_console).  The terminal is a pty
# made by script(1).
source "$(dirname "$0")/lib.sh"

command -v script >/dev/null || { echo "note: no script(1): test skipped"; exit 0; }
console() {
	local term=$1 out=$2 envs=(-u TERM)
	[ -z "$term" ] || envs=(TERM="$term")
	# The run's TAP goes to a file: the pty shows only the console.
	env "${envs[@]}" script -qec \
		"stty cols 40; exec '$NSCHECK' --no-audit --tap='$NSC_TMP/r.tap' 'uts.*' 'ipc.sysv_*'" "$out" \
		>/dev/null </dev/null || fail "TERM=${term:-(none)}: exit $?"
}
console xterm "$NSC_TMP/xterm"
grep -q $'\033\\[32m' "$NSC_TMP/xterm" || fail "TERM=xterm: no colour (the control failed)"
grep -q $'\r\033\\[K' "$NSC_TMP/xterm" || fail "TERM=xterm: no progress line (the control failed)"
for term in dumb ""; do
	console "$term" "$NSC_TMP/plain"
	! grep -q $'\033' "$NSC_TMP/plain" ||
		fail "TERM=${term:-(none)}: escape sequences: $(grep -c $'\033' "$NSC_TMP/plain") lines"
	grep -q 'PASS *uts.hostname_private' "$NSC_TMP/plain" || fail "TERM=${term:-(none)}: no case lines"
done
echo "ok: TERM=dumb and no TERM: plain console; xterm: colour and progress"
