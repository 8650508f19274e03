#!/usr/bin/env bash
# A container's restrictions without a container: in a private mount
# namespace, a path under /proc masked (bind of /dev/null, as runc does for
# /proc/keys, /proc/kcore, ...), /sys/firmware covered by a read-only
# tmpfs (runc's masked path under /sys) and /proc/sys bound read-only, under a
# seccomp filter that denies sethostname/setdomainname with EPERM (podman's
# default profile without CAP_SYS_ADMIN).  Rootless and as root: no case
# FAILs or ERRORs; the cases these restrictions stop SKIP naming them
# (masked proc only rootless: the kernel refuses the proc mount only
# outside the initial user namespace; masked sysfs: the cases that mount
# a sysfs in a user namespace); every other case keeps the verdict
# of an unrestricted run of the same mode.  Then root without
# CAP_SYS_TIME (a container given only CAP_SYS_ADMIN).  The podman test
# (containers.sh) checks the same in real containers.
source "$(dirname "$0")/lib.sh"

deny="$NSC_BUILD/harness/tests/helpers/seccomp_deny"
results="$NSC_SRC/harness/tests/helpers/results.py"
[ -x "$deny" ] || fail "helper $deny not built"
mask=/proc/keys
[ -e "$mask" ] || mask=/proc/kcore
[ -e "$mask" ] || fail "neither /proc/keys nor /proc/kcore to mask"
[ -d /sys/firmware ] || fail "no /sys/firmware to mask"

# restricted ARGS...: nscheck ARGS in the restricted setting.
restricted() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c '
		mount --bind /dev/null "$1" &&
		mount -t tmpfs -o ro,size=4k nscheck-mask /sys/firmware &&
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
		uts.hostname_private | uts.domainname_private | setns.join_uts | user.caps_inside_only | \
			uts.sibling_isolation | uts.initial_copy | uts.persists_via_nsfd | \
			nsfs.bind_mount_keeps_alive)
			want="a seccomp filter denies set(host|domain)name\(\)" ;;
		uts.proc_hostname_write)
			[ "$mode" = root ] && want="/proc/sys/kernel/hostname is on a read-only mount \(/proc/sys\)" ||
				want= ;;
		pid.ns_last_pid_private | pid.pid_max_per_ns)
			want="/proc/sys/kernel/[a-z_]+ is on a read-only mount \(/proc/sys\)" ;;
		ipc.sysv_sysctls_private | ipc.mqueue_sysctls_private | ipc.next_id_private)
			want="/proc/sys/(kernel|fs/mqueue)/[a-z_]+ is on a read-only mount \(/proc/sys\)" ;;
		net.sysctl_private | net.ping_group_range_private | net.unprivileged_port_start_private | \
			net.core_sysctls_readonly_in_child)
			want="/proc/sys/net/(ipv4|core)/[a-z_]+ is on a read-only mount \(/proc/sys\)" ;;
		user.ucount_limits_private)
			want="/proc/sys/user/max_uts_namespaces is on a read-only mount \(/proc/sys\)" ;;
		mnt.proc_only_ns_pids | pid.proc_self_requires_remount | pid.proc_pidns_mount_option | \
			pid.procfs_instances_independent)
			[ "$mode" = rootless ] && want="proc is masked \([0-9]+ mounts? over paths under /proc" ||
				want= ;;
		net.sysfs_shows_own_devices)
			# Its sandbox has a user namespace of its own, as root too.
			want="sysfs is masked \([0-9]+ mounts? over paths under /sys" ;;
		mnt.sysfs_requires_owned_netns)
			[ "$mode" = rootless ] && want="sysfs is not fully visible: the kernel refuses" ||
				want= ;;
		mnt.proc_mount_requires_visible_proc)
			# Its sandbox has a user namespace of its own, as root too.
			want="proc is masked \([0-9]+ mounts? over paths under /proc" ;;
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

# A container given CAP_SYS_ADMIN but not CAP_SYS_TIME (podman run
# --cap-add SYS_ADMIN): nscheck runs as root; the time cases cannot write
# timens_offsets and SKIP naming CAP_SYS_TIME (time.unshare_for_children
# FAILed: EPERM where it expects EACCES), the rest as root.
"$NSCHECK" --all --json "$NSC_TMP/nt.base.json" >/dev/null 2>&1 || fail "no-time base run exited $?"
rc=0
# shellcheck disable=SC2016 # expanded by the inner sh
capsh --drop=cap_sys_time -- -c '"$1" --all --json "$2" >/dev/null 2>&1' _ "$NSCHECK" \
	"$NSC_TMP/nt.json" || rc=$?
[ "$rc" -eq 0 ] || fail "root without CAP_SYS_TIME exited $rc"
python3 "$results" statuses "$NSC_TMP/nt.base.json" >"$NSC_TMP/nt.base"
python3 "$results" statuses "$NSC_TMP/nt.json" >"$NSC_TMP/nt"
while read -r id st reason; do
	case "$id" in
	time.*)
		# A time case that writes no offsets of a namespace nscheck's user
		# namespace owns (time.exec_enters_for_children; those making a user
		# namespace of their own) keeps its verdict.
		if { [ "$st" != SKIP ] || ! grep -q 'needs CAP_SYS_TIME' <<<"$reason"; } &&
			! grep -qx "$id $st.*" "$NSC_TMP/nt.base"; then
			fail "no CAP_SYS_TIME: $id is $st, want SKIP naming CAP_SYS_TIME or its verdict with it: $reason"
		fi
		;;
	*)
		grep -qx "$id $st.*" "$NSC_TMP/nt.base" ||
			fail "no CAP_SYS_TIME: $id is $st ($reason), not as with it" ;;
	esac
done <"$NSC_TMP/nt"
echo "ok: root without CAP_SYS_TIME: the time cases SKIP naming it, the rest as root"
