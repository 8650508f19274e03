#!/usr/bin/env bash
# The six classic namespace checks as a shell script with unshare, ip and
# ping: the baseline ci/bench compares nscheck's
#   uts.hostname_private ipc.sysv_msg_private pid.init_is_pid1
#   mnt.proc_only_ns_pids user.uid_map_contents net.veth_ping
# against.  Each check really checks (exit 1 and a message on the first
# failure); none has nscheck's positive control.
#
# Host untouched: the hostname is set only inside a new UTS namespace, the
# SysV queue is made inside a disposable IPC namespace, network namespaces
# are held by processes (never named under /run/netns) and die with them,
# addresses come from 198.18.0.0/24.  Run as root.
set -euo pipefail

fail() {
	echo "classic.sh: FAIL: $*" >&2
	exit 1
}

# uts.hostname_private: a hostname set in a new UTS ns stays there.
host_before=$(hostname)
inner=$(unshare --uts sh -c 'hostname nsc-bench-uts && hostname')
[ "$inner" = nsc-bench-uts ] || fail "uts: hostname inside is '$inner'"
[ "$(hostname)" = "$host_before" ] || fail "uts: host hostname changed"

# ipc.sysv_msg_private: a queue made in one (disposable) IPC ns is not
# listed in a new one nested in it.
out=$(unshare --ipc sh -c 'ipcmk -Q >/dev/null &&
	ipcs -q | grep -c "^0x" ; unshare --ipc ipcs -q | grep -c "^0x" || true')
[ "$out" = "1
0" ] || fail "ipc: queue counts outer/inner '$out', want 1/0"

# pid.init_is_pid1: the first process in a new PID ns is PID 1.
pid=$(unshare --pid --fork sh -c 'echo $$')
[ "$pid" = 1 ] || fail "pid: first process is pid $pid"

# mnt.proc_only_ns_pids: proc mounted in a new mount+PID ns lists only
# that namespace's processes (sh as 1 and ls).
n=$(unshare --pid --fork --mount-proc sh -c 'ls /proc' | grep -c '^[0-9]*$')
[ "$n" = 2 ] || fail "mnt: /proc inside lists $n pids, want 2"

# user.uid_map_contents: uid_map of a new user ns reads back as written.
map=$(unshare --user --map-root-user sh -c 'id -u; cat /proc/self/uid_map')
read -r -a m <<<"$(echo "$map" | tr '\n' ' ')"
if [ "${m[0]}" != 0 ] || [ "${m[1]}" != 0 ] || [ "${m[2]}" != "$(id -u)" ] ||
	[ "${m[3]}" != 1 ]; then
	fail "user: uid/uid_map inside read '$map'"
fi

# net.veth_ping: two new netns (held by processes) joined by a veth
# created in place; each lists only its own end; they ping each other.
unshare --net sleep 30 &
holder=$!
trap 'kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true' EXIT
# unshare execs sleep in the same process: wait until it has its netns.
until [ "$(readlink "/proc/$holder/ns/net" 2>/dev/null)" != "$(readlink /proc/self/ns/net)" ]; do
	sleep 0.001
done
# shellcheck disable=SC2016 # expanded by the inner shell
unshare --net sh -ec '
	ip link add va type veth peer name vb netns "$1"
	ip link set lo up
	ip addr add 198.18.0.1/24 dev va
	ip link set va up
	nsenter --net="/proc/$1/ns/net" sh -ec "
		ip addr add 198.18.0.2/24 dev vb
		ip link set vb up
		ip -o link show | grep -q \": vb[:@]\" # pipe-ok: sh, no pipefail
		! ip -o link show | grep -q \": va[:@]\"" # pipe-ok: sh, no pipefail
	! ip -o link show | grep -q ": vb[:@]" # pipe-ok: sh, no pipefail
	ip link show dev va >/dev/null	# the linkwatch pitfall
	ping -c 1 -W 2 -q 198.18.0.2 >/dev/null
	nsenter --net="/proc/$1/ns/net" ping -c 1 -W 2 -q 198.18.0.1 >/dev/null
' sh "$holder" || fail "net: veth pair listing or ping across it"
echo "classic.sh: 6 checks passed"
