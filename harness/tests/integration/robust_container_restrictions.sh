#!/usr/bin/env bash
# A container's restrictions without a container: in a private mount
# namespace, a path under /proc masked (bind of /dev/null, as runc does for
# /proc/keys, /proc/kcore, ...) and /proc/sys bound read-only, under a
# seccomp filter that denies sethostname/setdomainname with EPERM (podman's
# default profile without CAP_SYS_ADMIN).  Rootless and as root: no case
# FAILs or ERRORs; the cases these restrictions stop SKIP naming them
# (masked proc only rootless: the kernel refuses the proc mount only
# outside the initial user namespace); every other case keeps the verdict
# of an unrestricted run of the same mode.  The podman test
# (containers.sh) checks the same in real containers.
source "$(dirname "$0")/lib.sh"

deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"
results="$NSC_SRC/harness/tests/helpers/results.py"
[ -x "$deny" ] || fail "helper $deny not built"
mask=/proc/keys
[ -e "$mask" ] || mask=/proc/kcore
[ -e "$mask" ] || fail "neither /proc/keys nor /proc/kcore to mask"

# restricted ARGS...: nscheck ARGS in the restricted setting.
restricted() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c '
		mount --bind /dev/null "$1" &&
		mount --bind /proc/sys /proc/sys &&
		mount -o remount,bind,ro /proc/sys || exit 125
		shift
		exec "$@"' _ "$mask" "$deny" --uts "$NSCHECK" "$@"
}

check_mode() {
	local mode=$1 base=$NSC_TMP/$1.base got=$NSC_TMP/$1.got rc=0 id st reason want
	shift
	"$NSCHECK" --all --json "$base.json" "$@" >/dev/null || fail "$mode: base run exited $?"
	restricted --all --json "$got.json" "$@" >"$got.tap" 2>"$got.err" || rc=$?
	[ "$rc" -eq 0 ] || fail "$mode: restricted run exited $rc: $(cat "$got.err")"
	python3 "$results" statuses "$base.json" >"$base"
	python3 "$results" statuses "$got.json" >"$got"
	while read -r id st reason; do
		case "$id" in
		uts.hostname_private | uts.domainname_private | setns.join_uts | user.caps_inside_only)
			want="a seccomp filter denies set(host|domain)name\(\)" ;;
		net.sysctl_private)
			want="/proc/sys/net/ipv4/ip_default_ttl is on a read-only mount \(/proc/sys\)" ;;
		mnt.proc_only_ns_pids)
			[ "$mode" = rootless ] && want="proc is masked \([0-9]+ mounts? over paths under /proc" ||
				want= ;;
		*) want= ;;
		esac
		if [ -n "$want" ]; then
			[ "$st" = SKIP ] || fail "$mode: $id is $st, want SKIP /$want/: $reason"
			grep -Eq "$want" <<<"$reason" || fail "$mode: $id SKIPs \"$reason\", want /$want/"
		else
			grep -qx "$id $st.*" "$base" ||
				fail "$mode: $id is $st restricted ($reason), not as unrestricted: $(grep "^$id " "$base")"
		fi
	done <"$got"
	[ "$(wc -l <"$got")" -eq "$(wc -l <"$base")" ] || fail "$mode: record counts differ"
	echo "ok: $mode: $(grep -c ' SKIP ' "$got") SKIP, $(grep -c ' PASS' "$got") PASS restricted"
}

check_mode rootless --rootless
check_mode root
