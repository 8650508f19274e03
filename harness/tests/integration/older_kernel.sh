#!/usr/bin/env bash
# A kernel older than the newest features: under seccomp_deny --kernel-6.6
# the calls Linux 6.6 lacks answer as there (statmount/listmount/listns
# ENOSYS, the newer nsfs and pidfd ioctls ENOTTY, fanotify_init
# (FAN_REPORT_MNT) EINVAL, no file handles for nsfs).  Every case that
# needs one of them decides by trying, not by uname (which still says
# this kernel's release): it SKIPs naming the Linux release it needs (or
# the seccomp filter, for a syscall the filter denies), never FAILs or
# ERRORs; the others keep their verdicts (nsfs.bind_mount_keeps_alive
# PASSes without file handles, mnt.nsfs_bind_loop_refused with the
# mount namespace ids it still has).
source "$(dirname "$0")/lib.sh"

deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"
[ -x "$deny" ] || fail "helper $deny not built"
# The filter answers as 6.6 would, and lets the rest through.
! "$deny" --kernel-6.6 /usr/bin/python3 -c 'import ctypes, sys
sys.exit(ctypes.CDLL(None, use_errno=True).syscall(458, 0, 0, 0, 0) == -1 and ctypes.get_errno() == 38)' ||
	fail "--kernel-6.6: listmount(2) does not fail with ENOSYS"
"$deny" --kernel-6.6 true || fail "--kernel-6.6 denies what it should let through"

rc=0
"$deny" --kernel-6.6 "$NSCHECK" --all --json "$NSC_TMP/k.json" >"$NSC_TMP/k.tap" 2>"$NSC_TMP/k.err" || rc=$?
[ "$rc" -eq 0 ] || fail "run under --kernel-6.6 exited $rc: $(grep -A4 '^not ok' "$NSC_TMP/k.tap")"
/usr/bin/python3 - "$NSC_TMP/k.json" <<'PY' || fail "verdicts under --kernel-6.6"
import json, re, sys
want_skip = """mnt.fanotify_mntns_events mnt.listmount_foreign_ns mnt.mntns_iterate
mnt.statmount_mnt_ns_id nsfs.file_handle_foreign_userns nsfs.file_handle_roundtrip
nsfs.ns_get_id nsfs.pid_translation_ioctls pidfd.get_info_foreign_ns
pidfd.get_info_translated pidfd.get_namespace_ioctls pidfd.info_exit_across_ns""".split()
want_pass = ["nsfs.bind_mount_keeps_alive", "mnt.nsfs_bind_loop_refused"]
cases = {c["id"]: c for c in json.load(open(sys.argv[1]))["cases"]}
bad = []
for id_, c in sorted(cases.items()):
    if c["status"] in ("FAIL", "ERROR"):
        bad.append(f"{id_} is {c['status']}: {c.get('reason') or c.get('message')}")
for id_ in want_skip:
    c = cases.get(id_)
    if c is None:
        bad.append(f"{id_}: not in the run")
        continue
    why = f"{c.get('hint', '')} | {c.get('reason', '')}"
    if c["status"] != "SKIP":
        bad.append(f"{id_} is {c['status']}, want SKIP")
    elif not re.search(r"Linux (>= )?[0-9]+\.[0-9]+|seccomp", why):
        bad.append(f"{id_} SKIPs naming neither the release nor seccomp: {why}")
for id_ in want_pass:
    if cases.get(id_, {}).get("status") != "PASS":
        bad.append(f"{id_} is {cases.get(id_, {}).get('status')}, want PASS")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY

# A property that is a release's design, not an interface to try:
# user.rlimit_nproc_per_userns (per-namespace RLIMIT_NPROC, 5.14) FAILed
# on 5.10 in the kernel matrix.  uname says 5.10 here (old_release.so):
# SKIP naming 5.14; on this kernel's release the same run PASSes.
shim="$NSC_BUILD/harness/tests/helpers/old_release.so"
[ -f "$shim" ] || fail "shim $shim not built"
ldd "$NSCHECK" >/dev/null 2>&1 || fail "$NSCHECK is static: LD_PRELOAD cannot reach it"
rc=0
out=$(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	LD_PRELOAD=$shim NSC_FAKE_RELEASE=5.10.0 "$NSCHECK" user.rlimit_nproc_per_userns --no-audit 2>&1) || rc=$?
[ "$rc" -eq 4 ] || fail "user.rlimit_nproc_per_userns as on 5.10 exited $rc, want 4 (all skipped): $out"
grep -q '^ok 1 - user.rlimit_nproc_per_userns # SKIP .*5\.14' <<<"$out" ||
	fail "user.rlimit_nproc_per_userns as on 5.10 does not SKIP naming 5.14: $out"
expect_status 0 "$NSCHECK" user.rlimit_nproc_per_userns --no-audit >/dev/null
echo "ok: as on Linux 6.6: no FAIL or ERROR; 12 cases SKIP naming the release or the filter; as on 5.10 the RLIMIT_NPROC case SKIPs naming 5.14"
