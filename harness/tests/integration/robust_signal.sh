#!/usr/bin/env bash
# SIGTERM / SIGINT mid-run: every sandbox dies, exit 143 / 130, and the
# reports written so far are valid documents marked interrupted: TAP with
# 'Bail out!', JSON with "interrupted": true, JUnit valid against the
# project's schema and read by junitparser.  Old report files are
# replaced only by complete documents.
#
# Every catchable terminating signal at a random moment (issue 10 item 7;
# NSC_SIGNAL_RUNS runs, default 200): exit 128+N, never death by the
# signal, whole reports marked interrupted, no temp file.  A signal that
# was ignored when nscheck started (nohup, a background job with SIGINT
# ignored) stays ignored.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
export NSC_HANG_MARK="itest-$$"
survivors() {
	local p
	for p in $(pgrep -x nsc-hang-test || true); do
		if grep -qxzF "NSC_HANG_MARK=$NSC_HANG_MARK" "/proc/$p/environ" 2>/dev/null; then
			echo "$p"
		fi
	done
}

interrupt() {
	local sig=$1 want=$2 d="$NSC_TMP/$1" pid got=0
	mkdir "$d"
	# crash_abort ends at once; hang_setsid keeps the run busy.  A
	# background job starts with SIGINT ignored: give it the default.
	env --default-signal="$sig" "$NSCHECK_TEST" -j 2 --timeout 60 --tap="$d/r.tap" --json "$d/r.json" \
		--junit "$d/r.xml" test.crash_abort test.hang_setsid \
		uts.hostname_private >"$d/stdout" 2>"$d/stderr" &
	pid=$!
	# Signal once the hanging sandbox exists (no fixed sleep).
	for _ in $(seq 1 200); do
		[ -n "$(survivors)" ] && break
		sleep 0.05
	done
	[ -n "$(survivors)" ] || fail "$sig: the hanging case never started"
	kill -s "$sig" "$pid"
	wait "$pid" || got=$?
	[ "$got" -eq "$want" ] || fail "$sig: exit $got, want $want"
	[ -z "$(survivors)" ] || fail "$sig: sandboxes survive the interrupted run"
	grep -q '^Bail out!' "$d/r.tap" || fail "$sig: TAP lacks 'Bail out!'"
	grep -q '^ok 1 \|^not ok 1 ' "$d/r.tap" || fail "$sig: TAP lacks the finished case"
	python3 "$results" interrupted "$d/r.json" || fail "$sig: JSON not marked interrupted"
	python3 "$results" statuses "$d/r.json" >"$NSC_TMP/$sig.st"
	grep -q '^test.crash_abort ERROR' "$NSC_TMP/$sig.st" ||
		fail "$sig: JSON lacks the finished case"
	[ "$(ls -A "$d" | tr '\n' ' ')" = "r.json r.tap r.xml stderr stdout " ] ||
		fail "$sig: unexpected files (temp files left?): $(ls -A "$d")"
	junit_validate "$d/r.xml" >/dev/null
}

interrupt TERM 143
interrupt INT 130

# Ignored at start, ignored throughout: the run goes to its end (the hang
# times out after 1 s: ERROR, exit 2), its reports complete.
for sig in INT HUP TERM; do
	d="$NSC_TMP/ign-$sig"
	mkdir "$d"
	env --ignore-signal="$sig" "$NSCHECK_TEST" --timeout 1 --json "$d/r.json" \
		test.hang_setsid uts.hostname_private >"$d/stdout" 2>"$d/stderr" &
	pid=$!
	for _ in $(seq 1 200); do
		[ -n "$(survivors)" ] && break
		sleep 0.05
	done
	kill -s "$sig" "$pid" 2>/dev/null || fail "ignored $sig: the run ended before the signal"
	got=0
	wait "$pid" || got=$?
	[ "$got" -eq 2 ] || fail "ignored $sig: exit $got, want 2 (the run's own status)"
	! python3 "$results" interrupted "$d/r.json" || fail "ignored $sig: JSON marked interrupted"
done

# Every terminating signal at a random moment.
mkdir "$NSC_TMP/storm"
/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/signal_storm.py" "${NSC_SIGNAL_RUNS:-200}" \
	"$NSCHECK" "$NSC_TMP/storm" 'uts.*' 'ipc.sysv_*' || fail "terminating signals at random moments"
echo "ok: SIGTERM/SIGINT give 143/130, valid partial reports, no survivors; ignored signals stay ignored"
