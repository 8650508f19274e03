#!/usr/bin/env bash
# nscheck --target against real podman containers (the positive controls
# of issue 17): a FROM scratch image holding only the static helper
# target_sleep, run detached through harness/tests/helpers/podman.sh
# (private storage, runc, vfs; every container and image removed
# afterwards, also on failure), then audited from outside:
#   default (--network none, --cgroupns=private)  every target case PASSes
#   --network=host    exactly target.net_private FAILs, naming host networking
#   --pid=host        exactly target.pid_private FAILs
#   --ipc=host        exactly target.ipc_private FAILs
#   --uts=host        exactly target.uts_private FAILs
#   --cgroupns=host   exactly target.cgroup_private FAILs
#   --privileged      full capabilities and no seccomp reported as findings
#                     (and its writable /proc/sys and /sys FAIL mnt_sensitive)
# nscheck compare --only-diff of the default and host-network runs
# differs in exactly the net row, its columns labelled by container.
# --cgroupns=private is explicit for the others: podman's default is the
# host's cgroup namespace on a host without the unified cgroup v2 layout.
# Prints how long each step took.
source "$(dirname "$0")/lib.sh"
source "$NSC_SRC/harness/tests/helpers/podman.sh"

py=/usr/bin/python3
results="$NSC_SRC/harness/tests/helpers/results.py"
t0=$(date +%s.%N)
# shellcheck disable=SC2119 # no directory given: a new one under /var/tmp
nsc_podman_init

sleeper=$NSC_BUILD/harness/tests/helpers/target_sleep
[ -x "$sleeper" ] || fail "$sleeper not built"
case "$(file -b "$sleeper")" in *'statically linked'*) ;; *) fail "$sleeper is not static" ;; esac
ctx=$NSC_TMP/ctx
mkdir "$ctx"
cp "$sleeper" "$ctx/target_sleep"
printf 'FROM scratch\nCOPY target_sleep /target_sleep\nENTRYPOINT ["/target_sleep"]\n' \
	>"$ctx/Containerfile"
nsc_podman_image nsc-target "$ctx" || fail "buildah could not build the image"
t1=$(date +%s.%N)

base=(-d --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)
# start NAME PODMAN-OPTIONS...: a detached container; prints nothing.
start() {
	local name=$1
	shift
	nsc_podman run "${base[@]}" --name "$name" "$@" localhost/nsc-target >/dev/null \
		2>"$NSC_TMP/$name.start" || fail "$name: podman run: $(tail -3 "$NSC_TMP/$name.start")"
}
start default --network none --cgroupns=private
start hostnet --network host --cgroupns=private
start hostpid --network none --cgroupns=private --pid host
start hostipc --network none --cgroupns=private --ipc host
start hostuts --network none --cgroupns=private --uts host
start hostcg --network none --cgroupns=host
start privileged --network none --cgroupns=private --privileged
t2=$(date +%s.%N)

names=(default hostnet hostpid hostipc hostuts hostcg privileged)
ntarget=$("$NSCHECK" --list 'target.*' | wc -l)
for name in "${names[@]}"; do
	pid=$(nsc_podman inspect -f '{{.State.Pid}}' "$name") || fail "$name: podman inspect"
	[ "${pid:-0}" -gt 0 ] || fail "$name: no PID ($pid)"
	rc=0
	"$NSCHECK" --target "$pid" --target-label "$name" --no-audit --json "$NSC_TMP/$name.json" \
		--tap="$NSC_TMP/$name.tap" 2>"$NSC_TMP/$name.err" || rc=$?
	echo "$rc" >"$NSC_TMP/$name.rc"
	$py "$results" statuses "$NSC_TMP/$name.json" >"$NSC_TMP/$name" ||
		fail "$name: no JSON report: $(cat "$NSC_TMP/$name.err")"
	[ "$(grep -c '^target\.' "$NSC_TMP/$name")" = "$ntarget" ] ||
		fail "$name: not every target case ran: $(cat "$NSC_TMP/$name")"
	# Still there and sleeping: never stopped or signalled.
	[ "$(awk '{print $3}' "/proc/$pid/stat")" = S ] || fail "$name: target not sleeping after the run"
done
t3=$(date +%s.%N)

# fails NAME: the ids that did not PASS, one line.
fails() { grep -v ' PASS' "$NSC_TMP/$1" | awk '{ print $1 ":" $2 }' | tr '\n' ' ' | sed 's/ $//'; }
expect_fails() {
	local name=$1 want=$2 rc
	[ "$(fails "$name")" = "$want" ] ||
		fail "$name: not PASS: '$(fails "$name")', want '$want'; $(grep -v ' PASS' "$NSC_TMP/$name")"
	rc=$(cat "$NSC_TMP/$name.rc")
	if [ -z "$want" ]; then
		[ "$rc" = 0 ] || fail "$name: exit $rc, want 0"
	else
		[ "$rc" = 1 ] || fail "$name: exit $rc, want 1"
	fi
}
expect_fails default ""
expect_fails hostnet "target.net_private:FAIL"
grep -q "^target.net_private FAIL network namespace is the host's: the container was started with host networking" \
	"$NSC_TMP/hostnet" || fail "hostnet: reason: $(grep net_private "$NSC_TMP/hostnet")"
expect_fails hostpid "target.pid_private:FAIL"
grep -q "^target.pid_private FAIL PID namespace is the host's" "$NSC_TMP/hostpid" ||
	fail "hostpid: reason: $(grep pid_private "$NSC_TMP/hostpid")"
expect_fails hostipc "target.ipc_private:FAIL"
expect_fails hostuts "target.uts_private:FAIL"
grep -q "^target.uts_private FAIL UTS namespace is the host's" "$NSC_TMP/hostuts" ||
	fail "hostuts: reason: $(grep uts_private "$NSC_TMP/hostuts")"
expect_fails hostcg "target.cgroup_private:FAIL"
expect_fails privileged "target.mnt_sensitive:FAIL"

# Findings and the record compare needs: the JSON validates, the target
# carries its label; default vs privileged differ in capabilities and
# seccomp as findings, not as statuses of those cases.
for name in "${names[@]}"; do
	$py - "$NSC_SRC/reports/nscheck-report.schema.json" "$NSC_TMP/$name.json" "$name" <<'PY' ||
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
jsonschema.validate(doc, schema, cls=jsonschema.validators.validator_for(schema))
assert doc["target"]["label"] == sys.argv[3], doc["target"]
assert len(doc["target"]["container"]) == 12, doc["target"]
PY
		fail "$name.json: schema or target record"
done
$py - "$NSC_TMP/default.json" "$NSC_TMP/privileged.json" <<'PY' || fail "privileges findings"
import json, sys
def priv(path):
    d = json.load(open(path))
    return {c["id"]: c for c in d["cases"]}["target.privileges"]
dflt, full = priv(sys.argv[1]), priv(sys.argv[2])
assert dflt["status"] == full["status"] == "PASS", (dflt["status"], full["status"])
assert "full privileges" in full["findings"]["cap_eff"], full["findings"]
assert "full privileges" not in dflt["findings"]["cap_eff"], dflt["findings"]
assert full["findings"]["seccomp"].startswith("0 (disabled"), full["findings"]
assert dflt["findings"]["seccomp"].startswith("2 (filter"), dflt["findings"]
PY
tap_parser --strict -s <"$NSC_TMP/default.tap" >/dev/null || fail "tap-parser rejected default.tap"

# Side by side: rows by target case, columns by container.  Only the net
# row differs between the default and the host-network container.
rc=0
"$NSCHECK" compare --only-diff "$NSC_TMP/default.json" "$NSC_TMP/hostnet.json" >"$NSC_TMP/cmp" 2>&1 ||
	rc=$?
[ "$rc" = 1 ] || fail "compare default hostnet exited $rc: $(cat "$NSC_TMP/cmp")"
grep -q 'target.net_private' "$NSC_TMP/cmp" || fail "compare: no net row: $(cat "$NSC_TMP/cmp")"
! grep -Eq 'target\.(uts|pid|ipc|mnt|cgroup)_' "$NSC_TMP/cmp" ||
	fail "compare: rows beside net differ: $(cat "$NSC_TMP/cmp")"
grep -q 'default' "$NSC_TMP/cmp" && grep -q 'hostnet' "$NSC_TMP/cmp" ||
	fail "compare: columns not labelled by container: $(cat "$NSC_TMP/cmp")"
t4=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v e="$t4" -v n="${#names[@]}" 'BEGIN {
	printf "target_podman: ok: image %.1f s, %d containers started in %.1f s, audited in %.1f s (%.2f s each), checks %.1f s, total %.1f s\n",
		b - a, n, c - b, d - c, (d - c) / n, e - d, e - a
}'
