#!/usr/bin/env bash
# nscheck --via clone3|clone|unshare: the whole catalogue through each
# creation path, as root and --rootless: no FAIL, no ERROR, and every case
# that PASSes via clone3 PASSes via the others too, or SKIPs naming the
# path it needs.  --self-check stays 100 % sensitive on each path.  strace
# shows each path really uses its syscall (clone3 / clone / unshare).
# Every report that records the run's options records the path (JSON
# environment, JUnit property, TAP comment); a bad value is one line and
# exit 2.
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"

expect_status 2 "$NSCHECK" --via fork --all >"$NSC_TMP/bad.out" 2>"$NSC_TMP/bad.err"
[ "$(wc -l <"$NSC_TMP/bad.err")" -eq 1 ] && grep -q "invalid value 'fork' for --via" "$NSC_TMP/bad.err" ||
	fail "--via fork: $(cat "$NSC_TMP/bad.err")"
[ ! -s "$NSC_TMP/bad.out" ] || fail "--via fork wrote a report"
expect_status 2 "$NSCHECK" --via clone --list >/dev/null 2>&1
expect_status 2 "$NSCHECK" --via >/dev/null 2>&1

for mode in root rootless; do
	args=()
	[ $mode = rootless ] && args=(--rootless)
	for via in clone3 clone unshare; do
		rc=0
		# --no-audit: the residue audit is integration.robust_audit's; here
		# it would only see what concurrent test runs do to the host.
		"$NSCHECK" --all -j1 --no-audit --via $via "${args[@]}" --json "$NSC_TMP/$mode.$via.json" \
			--junit "$NSC_TMP/$mode.$via.xml" --tap="$NSC_TMP/$mode.$via.tap" >/dev/null 2>&1 || rc=$?
		/usr/bin/python3 "$results" statuses "$NSC_TMP/$mode.$via.json" >"$NSC_TMP/$mode.$via.st"
		[ $rc -eq 0 ] || fail "$mode --via $via: exit $rc: $(grep -E '^[^ ]+ (FAIL|ERROR)' "$NSC_TMP/$mode.$via.st")"
		! grep -E '^[^ ]+ (FAIL|ERROR)' "$NSC_TMP/$mode.$via.st" || fail "$mode --via $via: FAIL/ERROR"
		# The path is recorded wherever the run's options are.
		/usr/bin/python3 - "$NSC_TMP/$mode.$via.json" "$via" <<'PY' || fail "$mode --via $via: JSON environment.via"
import json, sys
env = json.load(open(sys.argv[1]))["environment"]
assert env["via"] == sys.argv[2] and env["unsafe"] is False, env
PY
		grep -q "<property name=\"via\" value=\"$via\"" "$NSC_TMP/$mode.$via.xml" ||
			fail "$mode --via $via: no JUnit property"
		grep -qx "# via $via" "$NSC_TMP/$mode.$via.tap" || fail "$mode --via $via: no TAP comment"
	done
	# clone3 is the reference: what PASSes there PASSes on the other paths,
	# or SKIPs naming the path it needs.
	for via in clone unshare; do
		n=0
		while read -r id st reason; do
			[ "$st" = PASS ] || continue
			got=$(grep "^$id " "$NSC_TMP/$mode.$via.st") || fail "$mode --via $via: $id missing"
			read -r _ st2 reason2 <<<"$got"
			case $st2 in
			PASS) n=$((n + 1)) ;;
			SKIP) grep -q -- '^needs --via ' <<<"$reason2" ||
				fail "$mode --via $via: $id SKIP without a path reason: $reason2" ;;
			*) fail "$mode --via $via: $id $st2 ($reason2), PASS via clone3" ;;
			esac
		done <"$NSC_TMP/$mode.clone3.st"
		[ $n -ge 20 ] || fail "$mode --via $via: only $n cases PASS"
		echo "ok: $mode --via $via: $n cases PASS as via clone3, the rest SKIP naming the path"
	done
done
# The paths differ only where the kernel makes them: clone(2) cannot
# express CLONE_NEWTIME; unshare(2) can, so on its path only the cases
# bound to one path by .via (time.clone3_newtime) SKIP.
bad=$(grep ' SKIP needs --via' "$NSC_TMP/root.unshare.st" | grep -v '(\.via)$' || true)
[ -z "$bad" ] || fail "--via unshare: a path SKIP not declared by .via: $bad"
grep -q '^time\.clone3_newtime SKIP needs --via clone3: ' "$NSC_TMP/root.unshare.st" ||
	fail "--via unshare: time.clone3_newtime (.via clone3) does not SKIP naming clone3"
grep -q '^time\.[a-z_]* SKIP needs --via clone3 or --via unshare: clone(2) cannot express CLONE_NEWTIME' \
	"$NSC_TMP/root.clone.st" || fail "--via clone: the time cases do not SKIP naming CLONE_NEWTIME"

for via in clone3 clone unshare; do
	"$NSCHECK" --all --self-check --via $via >"$NSC_TMP/sc.$via" 2>&1 || fail "--self-check --via $via: exit $?"
	line=$(tail -1 "$NSC_TMP/sc.$via")
	[[ $line =~ ^self-check:\ ([0-9]+)/([0-9]+)\ cases ]] && [ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ] &&
		[ "${BASH_REMATCH[2]}" -ge 20 ] || fail "--self-check --via $via: $line"
	echo "ok: --self-check --via $via: $line"
done

# Each path makes the sandbox's namespaces with its own syscall (a UTS case:
# one sandbox with CLONE_NEWUTS, 0x04000000).
command -v strace >/dev/null || fail "strace not installed (run ci/setup)"
# LeakSanitizer cannot run under ptrace (a sanitizer build aborts): off here.
for via in clone3 clone unshare; do
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -e trace=clone,clone3,unshare -o "$NSC_TMP/strace.$via" \
		"$NSCHECK" --no-control --no-audit --via $via uts.hostname_private >/dev/null 2>&1 ||
		fail "strace --via $via: exit $?"
	case $via in
	clone3) pat='clone3\(\{flags=[^}]*CLONE_NEWUTS' ;;
	clone) pat='(^|[^3])clone\(.*CLONE_NEWUTS' ;;
	unshare) pat='unshare\(CLONE_NEWUTS' ;;
	esac
	grep -Eq "$pat" "$NSC_TMP/strace.$via" || fail "--via $via: no $pat in $(cat "$NSC_TMP/strace.$via")"
	others=$(grep -c 'CLONE_NEWUTS' "$NSC_TMP/strace.$via")
	[ "$others" -eq 1 ] || fail "--via $via: $others calls with CLONE_NEWUTS: $(cat "$NSC_TMP/strace.$via")"
done
echo "ok: strace: clone3, clone and unshare each create the sandbox's namespaces on their path"
