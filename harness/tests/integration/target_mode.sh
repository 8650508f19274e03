#!/usr/bin/env bash
# nscheck --target PID against real processes made here with unshare(1)
# (the podman matrix is target_podman.sh): private namespaces PASS with
# their controls; a process in nscheck's own namespaces FAILs exactly the
# cases of the namespaces it shares, each reason naming the namespace;
# the /proc/PID/ns fallback agrees with setns(pidfd); bad targets exit 2
# with one line; a target that exits during the run is ERROR naming it;
# an unprivileged run SKIPs naming the permission (but for what anyone
# may read); the target is never
# stopped or signalled and the host is unchanged.
source "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
results="$NSC_SRC/harness/tests/helpers/results.py"
T=$NSC_TMP
pids=()
user=$NSC_TEST_USER
cleanup() {
	local p
	# start_target runs in $(...), a subshell: its PIDs come back in a file.
	[ -f "$T/started" ] && mapfile -t -O "${#pids[@]}" pids <"$T/started"
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
	test_user_del
	rm -rf "$T"
}
trap cleanup EXIT
[ "$(id -u)" = 0 ] || skip "target mode joins namespaces: needs root"

# start_target UNSHARE-OPTIONS...: a sleep in new namespaces; prints its PID.
start_target() {
	local u c
	unshare "$@" --kill-child sleep 300 >/dev/null 2>&1 &
	u=$!
	echo "$u" >>"$T/started" # killed by cleanup; --kill-child takes sleep along
	for _ in $(seq 100); do
		c=$(cat "/proc/$u/task/$u/children" 2>/dev/null || true)
		c=${c%% *}
		if [ -n "$c" ] && [ "$(cat "/proc/$c/comm" 2>/dev/null)" = sleep ]; then
			echo "$c"
			return
		fi
		sleep 0.02
	done
	fail "no target started with unshare $*"
}
statuses() { $py "$results" statuses "$1"; }
validate() {
	$py - "$NSC_SRC/reports/nscheck-report.schema.json" "$1" <<'PY' || fail "$1 does not validate"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, cls=jsonschema.validators.validator_for(schema))
PY
}
# one_line STATUS CMD...: exit STATUS, one line on stderr, nothing on stdout.
one_line() {
	local want=$1 got=0
	shift
	"$@" >"$T/o" 2>"$T/e" || got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, want $want: $(cat "$T/e")"
	[ "$(wc -l <"$T/e")" = 1 ] || fail "'$*': not one line on stderr: $(cat "$T/e")"
	[ ! -s "$T/o" ] || fail "'$*' wrote to stdout: $(head -3 "$T/o")"
}

host_snapshot >"$T/host.before"

# --- Bad targets and option combinations: one line, exit 2 -------------
one_line 2 "$NSCHECK" --target 2147483646
grep -q "no process with PID 2147483646" "$T/e" || fail "nonexistent PID: $(cat "$T/e")"
one_line 2 "$NSCHECK" --target abc
one_line 2 "$NSCHECK" --target 0
one_line 2 "$NSCHECK" --target 1 --self-check
one_line 2 "$NSCHECK" --target 1 --rootless
one_line 2 "$NSCHECK" --target 1 --target 1
one_line 2 "$NSCHECK" --target-label x --all
one_line 2 "$NSCHECK" --target 1 uts.hostname_private
grep -q "is no target case" "$T/e" || fail "kernel case under --target: $(cat "$T/e")"
one_line 2 "$NSCHECK" target.uts_private
grep -q "give --target PID" "$T/e" || fail "target case without --target: $(cat "$T/e")"
echo "12 13" >"$T/badpid"
one_line 2 "$NSCHECK" --target-pidfile "$T/badpid"
mkfifo "$T/fifo"
one_line 2 timeout 10 "$NSCHECK" --target-pidfile "$T/fifo"
kthread=
for p in 2 $(seq 3 100); do
	f=$(awk '{print $9}' "/proc/$p/stat" 2>/dev/null) || continue
	[ -n "$f" ] && [ $((f & 0x200000)) -ne 0 ] && { kthread=$p; break; }
done
if [ -n "$kthread" ]; then
	one_line 2 "$NSCHECK" --target "$kthread"
	grep -q "is a kernel thread" "$T/e" || fail "kernel thread $kthread: $(cat "$T/e")"
else
	echo "note: no kernel thread visible in this PID namespace: that check did not run" >&2
fi

# --- The catalogue: --all and --list never show target cases ------------
"$NSCHECK" --list >"$T/list"
! grep -q '^target\.' "$T/list" || fail "--list shows target cases"
"$NSCHECK" --list 'target.*' >"$T/tlist"
grep -q '^target\.' "$T/tlist" || fail "--list 'target.*' shows no target case"
! grep -vq '^target\.' "$T/tlist" || fail "--list 'target.*' shows other cases"
"$NSCHECK" --target 1 --list | cmp -s - "$T/tlist" || fail "--target PID --list differs"
ntarget=$(wc -l <"$T/tlist")

# --- Private namespaces: every case PASSes, its control saw the sharing --
priv=$(start_target --uts --ipc --net --pid --mount --cgroup --fork --mount-proc)
echo "$priv" >"$T/pidfile"
expect_status 1 "$NSCHECK" --target-pidfile "$T/pidfile" --no-audit --json "$T/priv.json" \
	--tap="$T/priv.tap" --target-label unshared
validate "$T/priv.json"
# strict tap-parser exits 1 for the FAILs: read its events instead.
tap_parser --strict -j <"$T/priv.tap" >"$T/priv.ev" || true
$py - "$T/priv.ev" "$ntarget" <<'PY' || fail "tap-parser does not read the target TAP cleanly"
import json, sys
ev = json.load(open(sys.argv[1]))
kinds = [e[0] for e in ev]
assert "extra" not in kinds and "bailout" not in kinds, kinds
fin = [e[1] for e in ev if e[0] == "complete"][0]
assert fin["count"] == int(sys.argv[2]) and fin["plan"]["end"] == fin["count"], fin
assert all(f.get("tapError") is None for f in fin["failures"]), fin["failures"]
assert "findings" in open(sys.argv[1]).read()
PY
statuses "$T/priv.json" >"$T/priv"
[ "$(grep -c '^target\.' "$T/priv")" = "$ntarget" ] || fail "not every target case ran: $(cat "$T/priv")"
# unshare(1) makes namespaces but no container root: the mount cases see
# the host's root and writable /proc/sys, and say so (the podman test has
# the PASS).
bad=$(grep -Ev '^target\.mnt_[a-z]+ | PASS' "$T/priv" || true)
[ -z "$bad" ] || fail "private namespaces, not PASS: $bad"
grep -q "^target.mnt_private FAIL the target's root directory is the host's" "$T/priv" ||
	fail "unshare'd target's root: $(grep mnt_private "$T/priv")"
grep -q "^target.mnt_sensitive FAIL /proc/sys is mounted writable" "$T/priv" ||
	fail "unshare'd target's /proc/sys: $(grep mnt_sensitive "$T/priv")"
$py - "$T/priv.json" "$priv" <<'PY' || fail "target record or findings wrong in $T/priv.json"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["target"]
assert t["pid"] == int(sys.argv[2]) and t["label"] == "unshared" and t["comm"] == "sleep", t
for c in d["cases"]:
    if not c["id"].startswith("target."):
        continue
    assert c["control"]["outcome"] in ("shared", "none") or c["status"] == "FAIL", c
    f = c.get("findings", {})
    assert f, c["id"] + ": no findings"
pid = {c["id"]: c for c in d["cases"]}["target.pid_private"]["findings"]
assert pid["nspid"].split()[-1] == "1", pid
assert "parent 0" in pid["probe_inside"], pid
PY

# --- A process in nscheck's own namespaces but the network --------------
netonly=$(start_target --net)
expect_status 1 "$NSCHECK" --target "$netonly" --no-audit --json "$T/net.json" >/dev/null
validate "$T/net.json"
statuses "$T/net.json" >"$T/net"
grep -q '^target.net_private PASS' "$T/net" || fail "own netns: net not PASS: $(cat "$T/net")"
grep -q "^target.uts_private FAIL UTS namespace is the host's" "$T/net" ||
	fail "shared UTS: $(cat "$T/net")"
grep -q "^target.pid_private FAIL PID namespace is the host's" "$T/net" ||
	fail "shared PID namespace: $(cat "$T/net")"

# --- Everything shared: FAIL naming the namespace, never ERROR -----------
shared=$(start_target)
expect_status 1 "$NSCHECK" --target "$shared" --no-audit --json "$T/shared.json" >/dev/null
statuses "$T/shared.json" >"$T/shared"
grep -q "^target.net_private FAIL network namespace is the host's: the container was started with host networking" \
	"$T/shared" || fail "shared netns: $(cat "$T/shared")"
! grep -q ' ERROR' "$T/shared" || fail "ERROR against a plain process: $(cat "$T/shared")"

# --- The /proc/PID/ns fallback gives the same verdicts -------------------
NSCHECK_NO_PIDFD_SETNS=1 "$NSCHECK" --target "$priv" --no-audit --json "$T/fb.json" >/dev/null || true
statuses "$T/fb.json" | cut -d' ' -f1,2 >"$T/fb"
cut -d' ' -f1,2 "$T/priv" | cmp -s - "$T/fb" || fail "fallback differs: $(cat "$T/fb")"
NSCHECK_NO_PIDFD_SETNS=1 "$NSCHECK" --target "$netonly" --no-audit --json "$T/fb2.json" >/dev/null || true
statuses "$T/fb2.json" | cut -d' ' -f1,2 >"$T/fb2"
cut -d' ' -f1,2 "$T/net" | cmp -s - "$T/fb2" || fail "fallback differs: $(cat "$T/fb2")"

# --- The target is never stopped or signalled ----------------------------
for p in "$priv" "$netonly" "$shared"; do
	st=$(awk '{print $3}' "/proc/$p/stat")
	[ "$st" = S ] || fail "target $p is in state $st after the runs"
	grep -Eq '^SigPnd:\s+0+$' "/proc/$p/status" || fail "target $p has a signal pending"
	grep -Eq '^ShdPnd:\s+0+$' "/proc/$p/status" || fail "target $p has a signal pending"
done

# --- A target that exits during the run: ERROR naming it -----------------
# The target is killed (by the test, not by nscheck) once the run has a
# case process: nscheck found it alive, the case sees it vanish.
sleep 300 &
short=$!
pids+=("$short")
for _ in $(seq 200); do
	[ "$(cat "/proc/$short/comm" 2>/dev/null)" = sleep ] && break # exec'd, not the fork
	sleep 0.01
done
"$NSCHECK_TEST" --target "$short" --no-audit --json "$T/gone.json" test.target_vanish \
	>/dev/null 2>"$T/gone.err" &
run=$!
for _ in $(seq 500); do
	[ -n "$(cat "/proc/$run/task/$run/children" 2>/dev/null)" ] && break
	sleep 0.01
done
kill -KILL "$short"
got=0
wait "$run" || got=$?
[ "$got" = 2 ] || fail "vanishing target: exit $got, want 2: $(cat "$T/gone.err")"
statuses "$T/gone.json" >"$T/gone"
grep -q "^test.target_vanish ERROR target PID $short (sleep) vanished during the run" "$T/gone" ||
	fail "vanished target: $(cat "$T/gone")"

# --- Not root: SKIP naming the missing permission, exit 4 ----------------
test_user_add
bindir=$T/bin
install -d -m 755 "$bindir"
install -m 755 "$NSCHECK" "$bindir/nscheck"
install -d -o "$user" -m 755 "$bindir/out"
chmod 755 "$T"
got=0
setpriv --reuid="$user" --regid="$user" --clear-groups "$bindir/nscheck" --target "$priv" \
	--no-audit --json "$bindir/out/user.json" >/dev/null 2>"$T/user.err" || got=$?
# target.privileges reads /proc/PID/status, which anyone may: it runs.
[ "$got" = 0 ] || fail "unprivileged run exited $got, want 0: $(cat "$T/user.err")"
statuses "$bindir/out/user.json" >"$T/user"
grep -q '^target.privileges PASS' "$T/user" || fail "unprivileged: privileges not PASS"
while read -r id st reason; do
	[ "$id" = target.privileges ] && continue
	[ "$st" = SKIP ] || fail "unprivileged: $id is $st: $reason"
	grep -Eq 'no permission .*(ptrace|CAP_SYS_ADMIN)' <<<"$reason" ||
		fail "unprivileged: $id SKIPs without naming the permission: $reason"
done <"$T/user"
[ "$($py "$results" mode "$bindir/out/user.json")" = "unprivileged (not root)" ] ||
	fail "unprivileged run: wrong mode"

host_snapshot >"$T/host.after"
diff -u "$T/host.before" "$T/host.after" || fail "the host changed"
echo "target_mode: ok ($ntarget target cases)"
