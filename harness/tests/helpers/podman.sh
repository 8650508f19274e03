# shellcheck shell=bash
# The one place that knows how nscheck's tests call podman and buildah.
# Source it, then:
#
#	nsc_podman_init [DIR]	 private state under DIR (default: a new
#				 mktemp -d); exits 77 with a reason when
#				 podman, buildah or runc is missing or cannot
#				 run a container here; installs an EXIT trap
#				 that removes every container, image and all
#				 storage it made, even on failure or SIGTERM
#				 (then runs the EXIT trap that was set
#				 before); removes what runs killed outright
#				 (SIGKILL) left behind
#	nsc_buildah bud ...	 buildah with the private storage
#	nsc_podman run ...	 podman with the private storage
#	nsc_podman_image TAG CONTEXT [CONTAINERFILE]
#				 build CONTEXT (its Containerfile by default)
#				 into localhost/TAG
#	nsc_podman_run [PODMAN-RUN-OPTIONS...] IMAGE [ARGS...]
#				 run a throw-away container the way the
#				 README documents (see NSC_PODMAN_RUN_OPTS)
#
# Why each option (measured on Debian 12, podman 4.3, runc 1.1):
#   --root/--runroot/--tmpdir under DIR: never touch other podman state
#	(/var/lib/containers, /run/containers, /run/libpod); DIR is removed
#	afterwards.  TMPDIR too: buildah stages layers there.
#   --storage-driver vfs: no overlay mounts to leak, works on any backing fs.
#   --runtime runc: crun refuses a hybrid (v1 + unified) cgroup layout;
#	runc's state (--root) under DIR too.
#   --network-config-dir (podman), --cni-config-dir (buildah): they
#	otherwise create /etc/cni/net.d/cni.lock.
#   --cgroup-manager cgroupfs: no systemd needed (CI runs in a bare container).
#   --events-backend none: no journal, no events file.
#   --network none (run): podman's default bridge creates a host link
#	(cni-podman0), iptables chains and turns net.ipv4.ip_forward on:
#	traces on the host.  nscheck needs no network; its cases make their
#	own namespaces inside the container's.
#   --ulimit nofile/nproc: the runtime otherwise tries to raise them to
#	podman's defaults, which fails where root lacks CAP_SYS_RESOURCE.
#
#   Every call runs in a private mount namespace of its own in which /run
#	and /var/lib are read-only: whatever the options above, buildah and
#	podman write a blob-info cache into /var/lib/containers/cache (both
#	fall back to memory when they cannot) and runc makes /run/runc.
#
# Honors NSC_PODMAN_KEEP=1 (keep DIR for debugging; printed at exit).

NSC_PODMAN_RUN_OPTS=(--rm --network none --ulimit nofile=4096:4096 --ulimit nproc=4096:4096)

nsc_podman_skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# Returns 0 (under set -e, the traps after it still run); the script's
# exit status stays that of its exit.
nsc_podman_cleanup() {
	local d=${1:-${NSC_PODMAN_DIR:-}} NSC_PODMAN_DIR=${1:-${NSC_PODMAN_DIR:-}}

	[ -n "$d" ] && [ -d "$d" ] || return 0
	if [ "${NSC_PODMAN_KEEP:-0}" = 1 ]; then
		echo "podman.sh: kept $d" >&2
		return 0
	fi
	nsc_podman rm --all --force --time 0 >/dev/null 2>&1 || true
	nsc_buildah rm --all >/dev/null 2>&1 || true
	nsc_podman rmi --all --force >/dev/null 2>&1 || true
	# vfs mounts nothing, but a killed runtime may leave its rootfs or
	# shm mounted under DIR: unmount what is there, deepest first.
	{ findmnt -rn -o TARGET || true; } | { grep -F "$d/" || true; } | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null || true; done
	# conmon runs "podman ... container cleanup" (with our --root) after a
	# container exits, asynchronously: removed too early, DIR comes back
	# with its state files.  Wait (at most 10 s) until no process names it.
	for _ in $(seq 100); do
		pgrep -f -- "$d/" >/dev/null 2>&1 || break
		sleep 0.1
	done
	rm -rf "$d" 2>/dev/null || {
		chattr -R -i "$d" 2>/dev/null
		rm -rf "$d" || echo "podman.sh: cannot remove $d" >&2
	}
	return 0
}

# Run "$@" in a private mount namespace with /run and /var/lib read-only.
nsc_podman_ns() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c '
		for d in /run /var/lib; do
			mount --bind "$d" "$d" && mount -o remount,bind,ro "$d" || exit 125
		done
		exec "$@"' nsc-podman "$@"
}

nsc_podman() {
	nsc_podman_ns podman --root "$NSC_PODMAN_DIR/root" --runroot "$NSC_PODMAN_DIR/run" \
		--tmpdir "$NSC_PODMAN_DIR/tmp" --storage-driver vfs --runtime runc \
		--runtime-flag "root=$NSC_PODMAN_DIR/runc" \
		--network-config-dir "$NSC_PODMAN_DIR/net" --cgroup-manager cgroupfs \
		--events-backend none "$@"
}

nsc_buildah() {
	TMPDIR="$NSC_PODMAN_DIR/tmp" nsc_podman_ns buildah --root "$NSC_PODMAN_DIR/root" \
		--runroot "$NSC_PODMAN_DIR/run" --storage-driver vfs \
		--cni-config-dir "$NSC_PODMAN_DIR/net" "$@"
}

nsc_podman_init() {
	local cmd

	for cmd in podman buildah runc; do
		command -v "$cmd" >/dev/null 2>&1 ||
			nsc_podman_skip "$cmd is not installed (ci/setup installs podman, buildah, runc)"
	done
	[ "$(id -u)" = 0 ] || nsc_podman_skip "the container tests run podman as root"
	nsc_podman_ns true 2>/dev/null ||
		nsc_podman_skip "no private mount namespace with read-only /run and /var/lib here" \
			"(unshare --mount: $(unshare --mount true 2>&1 || true))"
	# A run killed outright (SIGKILL, a CTest timeout) left its directory:
	# remove those whose owner is gone.
	# So did a late conmon recreating one (no owner.pid): removed when
	# no process names it and it is older than 10 minutes.
	for d in /var/tmp/nsc-podman.*; do
		if [ ! -d "$d" ] || [ "${NSC_PODMAN_KEEP:-0}" = 1 ]; then
			continue
		elif [ -f "$d/owner.pid" ]; then
			kill -0 "$(cat "$d/owner.pid")" 2>/dev/null || nsc_podman_cleanup "$d"
		elif [ -n "$(find "$d" -maxdepth 0 -mmin +10)" ] && ! pgrep -f -- "$d/" >/dev/null 2>&1; then
			nsc_podman_cleanup "$d"
		fi
	done
	NSC_PODMAN_DIR=${1:-$(mktemp -d /var/tmp/nsc-podman.XXXXXX)}
	case "$NSC_PODMAN_DIR" in
	/run/* | /var/lib/*)
		echo "podman.sh: $NSC_PODMAN_DIR: must not be under /run or /var/lib" >&2
		exit 2
		;;
	esac
	mkdir -p "$NSC_PODMAN_DIR/tmp" "$NSC_PODMAN_DIR/net"
	chmod 700 "$NSC_PODMAN_DIR"
	echo $$ >"$NSC_PODMAN_DIR/owner.pid"
	# Run before the caller's own EXIT trap (lib.sh's), keep that one.
	eval "set -- $(trap -p EXIT)"
	# shellcheck disable=SC2064 # the old trap's text, expanded now on purpose
	trap "nsc_podman_cleanup; ${3:-}" EXIT
	# Terminating signals end the script through that trap.
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	export NSC_PODMAN_DIR
}

nsc_podman_image() {
	local tag=$1 ctx=$2 file=${3:-$2/Containerfile}

	nsc_buildah bud --quiet --pull=never --network none --layers=false \
		-f "$file" -t "localhost/$tag" "$ctx" >/dev/null
}

nsc_podman_run() {
	nsc_podman run "${NSC_PODMAN_RUN_OPTS[@]}" "$@"
}
