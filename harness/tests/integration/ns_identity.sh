#!/usr/bin/env bash
# The harness proves every namespace it asked for by identity before a
# case body runs.  Under an LD_PRELOAD shim (harness/tests/helpers/preload/
# ns_strip.c) clone3/clone/unshare succeed without creating namespaces:
# every case is FAIL "namespace not created" (exit 1), the residue audit
# stays PASS (the disposable outer namespaces were proven too, so no
# control touched anything), rootless runs FAIL the same way, and with only
# CLONE_NEWUTS stripped exactly the cases that make a UTS namespace FAIL;
# on each creation path (--via clone3, clone, unshare).
# Before: 22 FAIL from case bodies, two user cases SKIP "no privilege",
# five ERROR, and 15 changes to the state nscheck started in.  Everything
# runs inside namespaces of this test's own: the host never sees it.
source "$(dirname "$0")/lib.sh"

shim="$NSC_BUILD/harness/tests/helpers/ns_strip.so"
results="$NSC_SRC/harness/tests/helpers/results.py"
[ -f "$shim" ] || fail "shim $shim not built"
ldd "$NSCHECK" >/dev/null 2>&1 || fail "$NSCHECK is static: LD_PRELOAD cannot reach it"
# An ASan build tolerates a preloaded library before its runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# The shim works: unshare(1) under it stays in our UTS namespace.
[ "$(LD_PRELOAD=$shim unshare --uts readlink /proc/self/ns/uts)" = "$(readlink /proc/self/ns/uts)" ] ||
	fail "the shim does not strip unshare's flags"

# strip NAME FLAGS NSCHECK-ARGS...: run under the shim in our own namespaces.
strip() {
	local name=$1 flags=$2 rc=0
	shift 2
	unshare --uts --ipc --net --mount env LD_PRELOAD="$shim" NSC_STRIP_FLAGS="$flags" \
		"$NSCHECK" --all --json "$NSC_TMP/$name.json" "$@" >"$NSC_TMP/$name.tap" \
		2>"$NSC_TMP/$name.err" || rc=$?
	[ "$rc" -eq 1 ] || fail "$name: exit $rc, want 1: $(cat "$NSC_TMP/$name.err")"
	/usr/bin/python3 "$results" statuses "$NSC_TMP/$name.json" >"$NSC_TMP/$name.st"
}

# On each creation path (--via): clone3, clone(2), fork + unshare(2).
for via in clone3 clone unshare; do
	for mode in root rootless; do
		args=(--via $via)
		[ $mode = rootless ] && args+=(--rootless)
		strip "$mode.$via" 0xfe0600a0 "${args[@]}"
		n=0
		while read -r id st reason; do
			if [ "$id" = env.host_residue ]; then
				[ "$st" = PASS ] || fail "$mode --via $via: $id $st: $reason"
				continue
			fi
			# A case that needs root SKIPs rootless before it makes any namespace.
			[ $mode = rootless ] && [ "$st" = SKIP ] &&
				grep -q '^needs root (nscheck runs rootless)' <<<"$reason" && continue
			# clone(2) cannot express CLONE_NEWTIME, and a case that needs
			# one path (.via, e.g. CLONE_INTO_CGROUP: clone3) SKIPs on the
			# others naming it, before it makes any namespace.
			[ $via != clone3 ] && [ "$st" = SKIP ] && grep -q '^needs --via ' <<<"$reason" && continue
			# .unsafe cases SKIP without --unsafe before they make any namespace.
			[ "$st" = SKIP ] && grep -q '^needs --unsafe ' <<<"$reason" && continue
			# So do the cases that need cgroup2's nsdelegate where it is off.
			grep -Eq "$(nsdelegate_skip)" <<<"$st $reason" && continue
			[ "$st" = FAIL ] && grep -q '^namespace not created: ' <<<"$reason" ||
				fail "$mode --via $via: $id is $st ($reason), want FAIL namespace not created"
			n=$((n + 1))
		done <"$NSC_TMP/$mode.$via.st"
		[ "$n" -ge $([ $via = clone ] && echo 20 || echo 25) ] || fail "$mode --via $via: only $n cases"
		echo "ok: $mode --via $via: $n cases FAIL 'namespace not created', residue audit PASS"
	done
done

# Only CLONE_NEWUTS stripped: the UTS cases (and any other that makes a
# UTS namespace) FAIL naming uts; every other case keeps its verdict.
strip uts 0x04000000
nuts=0
while read -r id st reason; do
	if [ "$st" = FAIL ]; then
		grep -q 'the uts namespace is still' <<<"$reason" || fail "uts stripped: $id FAIL: $reason"
		nuts=$((nuts + 1))
		continue
	fi
	case $id in
	uts.* | setns.join_uts) fail "uts stripped: $id is $st ($reason)" ;;
	*) [ "$st" = PASS ] || [ "$st" = SKIP ] || fail "uts stripped: $id is $st ($reason)" ;;
	esac
done <"$NSC_TMP/uts.st"
[ "$nuts" -ge 3 ] || fail "uts stripped: only $nuts FAIL"
echo "ok: UTS stripped: $nuts cases FAIL naming uts, no other case changes"
