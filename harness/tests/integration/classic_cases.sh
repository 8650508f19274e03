#!/usr/bin/env bash
# The six classic properties pass on this kernel, the TAP parses with
# prove, and the host is exactly as it was afterwards.
source "$(dirname "$0")/lib.sh"

ids="uts.hostname_private ipc.sysv_msg_private ipc.sysv_shm_private
ipc.sysv_sem_private pid.init_is_pid1 mnt.proc_only_ns_pids
user.uid_map_contents net.veth_ping net.loopback_only"

host_snapshot >"$NSC_TMP/before"
# shellcheck disable=SC2086
"$NSCHECK" --tap-version 13 $ids >"$NSC_TMP/out.tap" || fail "nscheck exited $?"
host_snapshot >"$NSC_TMP/after"
diff -u "$NSC_TMP/before" "$NSC_TMP/after" || fail "host state changed"

n=$(echo $ids | wc -w)
# The residue audit adds one record after the cases.
grep -qx "1..$((n + 1))" <(head -2 "$NSC_TMP/out.tap") || fail "plan is not 1..$((n + 1))"
for id in $ids env.host_residue; do
	grep -Eq "^ok [0-9]+ - $id\$" "$NSC_TMP/out.tap" ||
		fail "$id did not pass: $(grep -E " - $id( |\$)" "$NSC_TMP/out.tap" || true)"
done
prove -e cat "$NSC_TMP/out.tap" || fail "prove rejected the TAP"

# TAP 14 by default.
"$NSCHECK" uts.hostname_private >"$NSC_TMP/v14.tap" || fail "exit $?"
[ "$(head -1 "$NSC_TMP/v14.tap")" = 'TAP version 14' ] ||
	fail "default TAP version is not 14"
echo "ok: $n classic cases pass, prove accepts the TAP, host unchanged"
