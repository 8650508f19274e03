#!/usr/bin/env bash
# Every shipped case passes on this machine (one whose .min_kernel is newer
# than the running kernel may SKIP), as root and (when the binary
# can be run as nobody) rootless without FAIL/ERROR; --list lists at least
# 20 ids, each of the form <ns>.<property> with its file
# cases/<ns>/<property>.c; the host is unchanged afterwards.
# NSC_CATALOGUE_ALLOW_SKIP=1 tolerates SKIPs as root (hosts that cannot
# host every property, e.g. nscheck in the root cgroup).
source "$(dirname "$0")/lib.sh"

"$NSCHECK" --list >"$NSC_TMP/list" || fail "--list exited $?"
mapfile -t ids < <(awk '{ print $1 }' "$NSC_TMP/list")
[ "${#ids[@]}" -ge 20 ] || fail "--list lists ${#ids[@]} ids, want >= 20"
for id in "${ids[@]}"; do
	[[ $id =~ ^(cgroup|ipc|mnt|net|pid|time|user|uts|setns|nsfs|pidfd|env)\.([a-z0-9_]+)$ ]] ||
		fail "id '$id' is not <ns>.<property>"
	[ -f "$NSC_SRC/cases/${BASH_REMATCH[1]}/${BASH_REMATCH[2]}.c" ] ||
		fail "id '$id' has no file cases/${BASH_REMATCH[1]}/${BASH_REMATCH[2]}.c"
done

# Cases whose .min_kernel is newer than the running kernel may SKIP (they
# name the release they need).
newer=$(newer_kernel_ids)
# Cases that need cgroup2's nsdelegate may SKIP saying the hierarchy
# lacks it (a global option nscheck never sets; this host may lack it).
nsdeleg=$(nsdelegate_skip)

host_snapshot >"$NSC_TMP/before"
got=0
"$NSCHECK" --all >"$NSC_TMP/root.tap" || got=$?
[ "$got" -eq 0 ] || { cat "$NSC_TMP/root.tap"; fail "--all exited $got, want 0"; }
! grep -q '^not ok' "$NSC_TMP/root.tap" || fail "$(grep '^not ok' "$NSC_TMP/root.tap")"
for id in "${ids[@]}"; do
	line=$(grep -E "^(not )?ok [0-9]+ - $id( |\$)" "$NSC_TMP/root.tap" || true)
	[ -n "$line" ] || fail "$id missing from the --all report"
	if [[ $line =~ \#\ SKIP ]] && [ "${NSC_CATALOGUE_ALLOW_SKIP:-0}" = 1 ]; then
		continue
	fi
	[[ $line =~ \#\ SKIP ]] && [[ $newer == *" $id "* ]] && continue
	[[ $line =~ $nsdeleg ]] && continue
	# .unsafe cases (pid.reboot_terminates_ns) run only with --unsafe.
	[[ $line =~ \#\ SKIP\ needs\ --unsafe ]] && continue
	[[ $line =~ ^ok\ [0-9]+\ -\ $id$ ]] || fail "$id did not pass: $line"
done

# Rootless: nothing may FAIL or ERROR; what cannot run must SKIP.
rootless=skipped
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null &&
	(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NSCHECK" --version) >/dev/null 2>&1; then
	got=0
	(cd / && setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NSCHECK" --all) >"$NSC_TMP/rootless.tap" || got=$?
	[ "$got" -eq 0 ] || [ "$got" -eq 4 ] ||
		{ cat "$NSC_TMP/rootless.tap"; fail "rootless --all exited $got"; }
	! grep -q '^not ok' "$NSC_TMP/rootless.tap" ||
		fail "rootless: $(grep '^not ok' "$NSC_TMP/rootless.tap")"
	rootless="$(grep -c '^ok' "$NSC_TMP/rootless.tap") ok"
fi
host_snapshot >"$NSC_TMP/after"
diff -u "$NSC_TMP/before" "$NSC_TMP/after" || fail "host state changed"
echo "ok: ${#ids[@]} cases pass as root; rootless: $rootless; host unchanged"
