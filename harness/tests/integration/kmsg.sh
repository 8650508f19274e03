#!/usr/bin/env bash
# Kernel log lines (--kmsg, on by default as root): read back from the
# kernel log with dmesg, one "start i/n id" line per case and one result
# line per record ("ok N id", "ok N id # SKIP ...", "not ok N id # FAIL|
# ERROR ..."), agreeing with the JSON of the same run; none with
# --no-kmsg; --kmsg where /dev/kmsg is not writable is a usage error
# (exit 2, one line).  The taint flags before and after are in the JSON.
source "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || [ ! -w /dev/kmsg ]; then
	echo "SKIP: needs root and a writable /dev/kmsg"
	exit 77
fi
T=$NSC_TMP
kernel_lines() { # PID: this run's lines, without the timestamp
	dmesg | sed -n "s/^\[[ 0-9.]*\] nscheck\[$1\]: //p"
}

"$NSCHECK_TEST" --json "$T/r.json" '*' test.crash_abort test.isolation_fail >/dev/null 2>&1 &
pid=$!
got=0
wait "$pid" || got=$?
[ "$got" -eq 1 ] || fail "run exited $got, want 1"
kernel_lines "$pid" >"$T/kmsg"
[ -s "$T/kmsg" ] || fail "no kernel log line of run $pid"
/usr/bin/python3 - "$T/kmsg" "$T/r.json" <<'PY' || fail "kernel log and JSON disagree"
import json, re, sys
lines = open(sys.argv[1]).read().splitlines()
doc = json.load(open(sys.argv[2]))
recs = doc["cases"]
starts = [l for l in lines if l.startswith("start ")]
results = [l for l in lines if not l.startswith("start ")]
# .unsafe cases SKIP without --unsafe before they start: no start line.
cases = [r for r in recs if r["id"] != "env.host_residue" and
         not (r["status"] == "SKIP" and r.get("reason", "").startswith("needs --unsafe"))]
assert sorted(l.split()[2] for l in starts) == sorted(r["id"] for r in cases), starts
total = sum(1 for r in recs if r["id"] != "env.host_residue")
assert all(re.fullmatch(rf"start \d+/{total} \S+", l) for l in starts), starts
assert len(results) == len(recs), (len(results), len(recs))
for n, (l, r) in enumerate(zip(results, recs), 1):
    st = r["status"]
    want = {"PASS": f"ok {n} {r['id']}", "SKIP": f"ok {n} {r['id']} # SKIP ",
            "FAIL": f"not ok {n} {r['id']} # FAIL ", "ERROR": f"not ok {n} {r['id']} # ERROR "}[st]
    assert l == want if st == "PASS" else l.startswith(want), (l, want)
# A start line comes before its result line.
for r in cases:
    s = lines.index(next(l for l in starts if l.split()[2] == r["id"]))
    e = next(i for i, l in enumerate(lines)
             if re.match(rf"(not )?ok \d+ {re.escape(r['id'])}( |$)", l))
    assert s < e, r["id"]
env = doc["environment"]
assert isinstance(env["tainted"], int) and isinstance(doc["tainted_after"], int)
assert doc["tainted_after"] & env["tainted"] == env["tainted"], "taint bits vanished"
print(f"ok: {len(starts)} start and {len(results)} result lines")
PY

"$NSCHECK" --all --no-kmsg >/dev/null 2>&1 &
pid=$!
wait "$pid" || fail "--no-kmsg run exited $?"
[ -z "$(kernel_lines "$pid")" ] || fail "--no-kmsg still wrote to the kernel log"

chmod 755 "$T"
install -m 755 "$NSCHECK" "$T/nscheck"
# A coverage build's counters (.gcda in the build tree) are not writable
# by nobody: libgcov would add a "profiling: ... Cannot open" line per
# file to stderr.  They go to a directory of nobody's, thrown away.
install -d -o 65534 -g 65534 -m 700 "$T/gcov"
got=0
(cd / && GCOV_PREFIX=$T/gcov setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$T/nscheck" --kmsg --all) \
	>"$T/out" 2>"$T/err" || got=$?
[ "$got" -eq 2 ] || fail "--kmsg as nobody exited $got, want 2"
[ "$(cat "$T/err")" = "nscheck: --kmsg: cannot write to /dev/kmsg (needs root)" ] ||
	fail "--kmsg as nobody said: $(cat "$T/err")"
[ ! -s "$T/out" ] || fail "--kmsg as nobody wrote a report"
echo "ok: kernel log lines agree with the JSON; --no-kmsg; --kmsg refused without root"
