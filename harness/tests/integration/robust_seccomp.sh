#!/usr/bin/env bash
# Restricted host: under a seccomp filter that denies CLONE_NEWUSER with
# EACCES and clone3 with ENOSYS (harness/tests/helpers/seccomp_deny.c), the user
# cases SKIP naming seccomp, time cases (clone(2) cannot create a time
# namespace) SKIP naming clone3, every other case keeps its verdict, and
# the run exits 0.
source "$(dirname "$0")/lib.sh"

deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"
results="$NSC_SRC/harness/tests/helpers/results.py"
[ -x "$deny" ] || fail "helper $deny not built"
"$deny" true || fail "seccomp_deny cannot install its filter here"
! "$deny" unshare -U true 2>/dev/null || fail "filter does not deny CLONE_NEWUSER"

"$NSCHECK" --all --json "$NSC_TMP/base.json" >"$NSC_TMP/base.tap" ||
	fail "baseline run without the filter exited $?"
got=0
"$deny" "$NSCHECK" --all --json "$NSC_TMP/sec.json" >"$NSC_TMP/sec.tap" \
	2>"$NSC_TMP/sec.err" || got=$?
[ "$got" -eq 0 ] || fail "filtered run exited $got: $(cat "$NSC_TMP/sec.err")"
python3 "$results" statuses "$NSC_TMP/base.json" >"$NSC_TMP/base"
python3 "$results" statuses "$NSC_TMP/sec.json" >"$NSC_TMP/sec"

nuser=0 npass=0
while read -r id st reason; do
	base=$(awk -v id="$id" '$1 == id { print $2 }' "$NSC_TMP/base")
	case "$st" in FAIL | ERROR) fail "$id is $st under seccomp: $reason" ;; esac
	case "$id" in
	user.*)
		nuser=$((nuser + 1))
		[ "$st" = SKIP ] || fail "$id is $st under seccomp, want SKIP"
		grep -qi seccomp <<<"$reason" || fail "$id SKIP reason lacks seccomp: $reason"
		;;
	time.*)
		# A time case that also makes a user namespace SKIPs naming seccomp.
		[ "$st" = "$base" ] || { [ "$st" = SKIP ] && grep -qi 'clone3\|seccomp' <<<"$reason"; } ||
			fail "$id is $st ($reason), want $base or SKIP naming clone3 or seccomp"
		;;
	*)
		[ "$st" = "$base" ] || { [ "$st" = SKIP ] && grep -Eqi 'seccomp|clone3' <<<"$reason"; } ||
			fail "$id is $st ($reason) under seccomp, $base without"
		[ "$st" = PASS ] && npass=$((npass + 1))
		;;
	esac
done <"$NSC_TMP/sec"
[ "$nuser" -gt 0 ] || fail "no user.* case in the run"
[ "$npass" -gt 0 ] || fail "no case passed under seccomp"
grep -q '^env.host_residue PASS' "$NSC_TMP/sec" || fail "residue audit not PASS"
echo "ok: seccomp run: $nuser user cases SKIP (seccomp), $npass other cases PASS"
