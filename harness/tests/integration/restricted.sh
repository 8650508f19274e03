#!/usr/bin/env bash
# Host restrictions are SKIP naming the cause, never FAIL or ERROR:
#  - user.max_time_namespaces=1 / user.max_net_namespaces=2, set inside a
#    user namespace of this test's own (before: two time cases FAIL, the
#    net cases ERROR at a control or an inner unshare);
#  - a seccomp filter that denies only unshare(2) (before: 10 FAIL/ERROR);
#  - a 64-byte host name, the legal maximum, in a UTS namespace of this
#    test's own (before: uts.hostname_private and setns.join_uts ERROR).
source "$(dirname "$0")/lib.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"

# check NAME PATTERN REGEX: no FAIL/ERROR in $NAME.json; every case whose
# id matches PATTERN SKIPs with a reason matching REGEX (or PASSes).
# A SKIP the unrestricted host has too (a kernel without a feature) is no
# effect of a restriction.
"$NSCHECK" --all --json "$NSC_TMP/base.json" >/dev/null 2>&1 || fail "unrestricted run exited $?"
/usr/bin/python3 "$results" statuses "$NSC_TMP/base.json" >"$NSC_TMP/base.st"

check() {
	local name=$1 pat=$2 re=$3 nskip=0
	/usr/bin/python3 "$results" statuses "$NSC_TMP/$name.json" >"$NSC_TMP/$name.st"
	while read -r id st reason; do
		case $st in FAIL | ERROR) fail "$name: $id is $st: $reason" ;; esac
		# shellcheck disable=SC2254
		case $id in
		$pat)
			[ "$st" = SKIP ] || continue
			grep -qxF "$id SKIP $reason" "$NSC_TMP/base.st" && continue
			grep -Eq -- "$re" <<<"$reason" || fail "$name: $id SKIP reason '$reason' lacks /$re/"
			nskip=$((nskip + 1))
			;;
		esac
	done <"$NSC_TMP/$name.st"
	[ "$nskip" -gt 0 ] || fail "$name: no $pat case skipped"
	echo "ok: $name: no FAIL or ERROR, $nskip $pat cases SKIP naming the cause"
}

# run NAME CMD...: the run may exit 0 (or 4); never 1 or 2.
run() {
	local name=$1 rc=0
	shift
	"$@" --json "$NSC_TMP/$name.json" >"$NSC_TMP/$name.tap" 2>"$NSC_TMP/$name.err" || rc=$?
	[ "$rc" -eq 0 ] || [ "$rc" -eq 4 ] || fail "$name: exit $rc: $(grep -A3 '^not ok' "$NSC_TMP/$name.tap")"
}

limit() { # SYSCTL VALUE ARGS...: nscheck --all in a user namespace of ours with the limit set
	local key=$1 value=$2
	shift 2
	unshare -U -r --fork sh -c 'echo "$2" >"/proc/sys/user/$1" && shift 2 && exec "$@"' \
		sh "$key" "$value" "$NSCHECK" --all "$@"
}
run maxtime limit max_time_namespaces 1
check maxtime 'time.*' 'time namespace limit reached \(user\.max_time_namespaces=1\)'
run maxnet limit max_net_namespaces 2
check maxnet 'net.*' 'net namespace limit reached \(user\.max_net_namespaces=2\)'

[ -x "$deny" ] || fail "helper $deny not built"
! "$deny" --unshare unshare --uts true 2>/dev/null || fail "filter does not deny unshare"
run nounshare "$deny" --unshare "$NSCHECK" --all
check nounshare 'time.*' 'fails with EPERM and a seccomp filter is active'

long=$(printf 'h%.0s' $(seq 64))
run longname unshare --uts sh -c 'hostname "$0" && exec "$@"' "$long" "$NSCHECK" \
	uts.hostname_private setns.join_uts uts.domainname_private
/usr/bin/python3 "$results" statuses "$NSC_TMP/longname.json" >"$NSC_TMP/longname.st"
[ "$(grep -c ' PASS$' "$NSC_TMP/longname.st")" -eq 4 ] ||
	fail "64-byte host name: $(cat "$NSC_TMP/longname.st")"
echo "ok: a 64-byte host name: uts.hostname_private, setns.join_uts PASS"

# Capabilities dropped from the bounding set (as a container runtime or
# capsh does): the cases that need them SKIP naming them (before: three
# net cases and user.setgroups_deny ERROR).
run nonetadmin capsh --drop=cap_net_admin -- -c 'exec "$0" "$@"' "$NSCHECK" --all
check nonetadmin 'net.*' '^nscheck lacks CAP_NET_ADMIN'
run nosetid capsh --drop=cap_setuid,cap_setgid -- -c 'exec "$0" "$@"' "$NSCHECK" --all
check nosetid 'user.setgroups_deny' '^nscheck lacks CAP_SETGID'

# /proc mounted with subset=pid, in a mount and PID namespace of ours
# (before: five ERRORs).
run subset unshare --mount --pid --fork sh -c 'mount -t proc -o subset=pid proc /proc && exec "$@"' \
	sh "$NSCHECK" --all
check subset '*' '^/proc is mounted with subset=pid: /proc/[a-z]'

# RLIMIT_NOFILE=13: one clear refusal naming the need, exit 2, no output
# (before: every case SKIP "no privilege to create ... (EMFILE)", exit 4).
rc=0
prlimit --nofile=13 "$NSCHECK" --all >"$NSC_TMP/nofile.out" 2>"$NSC_TMP/nofile.err" || rc=$?
[ "$rc" -eq 2 ] || fail "RLIMIT_NOFILE=13: exit $rc, want 2"
[ ! -s "$NSC_TMP/nofile.out" ] || fail "RLIMIT_NOFILE=13: output written"
grep -Eq '^nscheck: with -j [0-9]+ nscheck needs [0-9]+ open files, RLIMIT_NOFILE is 13' \
	"$NSC_TMP/nofile.err" || fail "RLIMIT_NOFILE=13: $(cat "$NSC_TMP/nofile.err")"
# A soft limit below the need and a hard one above: raised, runs.
run nofilesoft prlimit --nofile=13:4096 "$NSCHECK" --all
echo "ok: RLIMIT_NOFILE=13 refused up front: $(cat "$NSC_TMP/nofile.err")"
