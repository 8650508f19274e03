#!/usr/bin/env bash
# A kernel without veth (CONFIG_VETH=n, no module), simulated by an
# LD_PRELOAD shim (harness/tests/helpers/preload/no_veth.c) that fails
# libnl's veth creation with EOPNOTSUPP as such a kernel does: no case
# FAILs or ERRORs; a case that needs veth SKIPs naming CONFIG_VETH, and a
# case that only uses veth as a marker keeps a proof without it.  Found on
# the split sid 7.2 kernel of ci/kernel-matrix before its modules package
# was fetched: net.loopback_only reported ERROR "probe blind" there.
source "$(dirname "$0")/lib.sh"

shim="$NSC_BUILD/harness/tests/helpers/no_veth.so"
results="$NSC_SRC/harness/tests/helpers/results.py"
[ -f "$shim" ] || fail "shim $shim not built"
ldd "$NSCHECK" >/dev/null 2>&1 || fail "$NSCHECK is static: LD_PRELOAD cannot reach it"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

for mode in root rootless; do
	args=()
	[ $mode = rootless ] && args=(--rootless)
	rc=0
	LD_PRELOAD="$shim" "$NSCHECK" --no-kmsg "${args[@]}" --json "$NSC_TMP/$mode.json" 'net.*' \
		>"$NSC_TMP/$mode.tap" 2>"$NSC_TMP/$mode.err" || rc=$?
	/usr/bin/python3 "$results" statuses "$NSC_TMP/$mode.json" >"$NSC_TMP/$mode.st"
	if grep -E ' (FAIL|ERROR)' "$NSC_TMP/$mode.st"; then
		fail "$mode: a case FAILs or ERRORs without veth"
	fi
	{ [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; } || fail "$mode: exit $rc: $(cat "$NSC_TMP/$mode.err")"
	grep -q '^net.veth_ping SKIP .*veth' "$NSC_TMP/$mode.st" ||
		fail "$mode: veth_ping does not SKIP naming veth: $(grep veth_ping "$NSC_TMP/$mode.st")"
	grep -q '^net.loopback_only PASS' "$NSC_TMP/$mode.st" ||
		fail "$mode: loopback_only: $(grep loopback_only "$NSC_TMP/$mode.st")"
	echo "ok: $mode: $(grep -c ' PASS' "$NSC_TMP/$mode.st") PASS, $(grep -c ' SKIP' "$NSC_TMP/$mode.st") SKIP without veth"
done
