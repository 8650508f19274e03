#!/usr/bin/env bash
# nscheck inside real containers, the way people run it: buildah builds a
# FROM scratch image holding the static binary, podman runs it (through
# harness/tests/helpers/podman.sh: private storage, removed afterwards even
# on failure, --network none) in three security settings:
#   default     root without CAP_SYS_ADMIN, seccomp allowing user
#               namespaces: nscheck runs rootless by itself
#   --rootless  the same, asked for
#   privileged  --privileged: real root, nscheck is PID 1
# In each: exit 0, no FAIL or ERROR, the mode recorded, and every SKIP
# either names a restriction of the container (seccomp-denied
# sethostname or another call, masked proc or sysfs, read-only /proc/sys,
# rootless limits) or is a
# SKIP of the host itself in the same mode (a kernel without a feature).
#
# The image is built from the Containerfile the README writes (its printf
# line), so the documented image is the tested one.
# The static binary: $NSCHECK_STATIC if set, else built from this source
# tree into $NSC_BUILD/nscheck-static (incremental after the first time).
# Exits 77 (skipped, with the reason) only where podman cannot run at all:
# not installed, not root, no mount namespaces.
source "$(dirname "$0")/lib.sh"
source "$NSC_SRC/harness/tests/helpers/podman.sh"

results="$NSC_SRC/harness/tests/helpers/results.py"
t0=$(date +%s.%N)
# shellcheck disable=SC2119 # no directory given: a new one under /var/tmp
nsc_podman_init

static=$(static_nscheck)
t1=$(date +%s.%N)

# The image as the README makes it: its line that writes ctx/Containerfile.
ctx=$NSC_TMP/ctx
mkdir "$ctx"
cp "$static" "$ctx/nscheck"
line=$(grep -E "^printf .*'FROM scratch'.* >ctx/Containerfile\$" "$NSC_SRC/README.md") ||
	fail "README.md: no printf line writing ctx/Containerfile"
(cd "$NSC_TMP" && bash -e -c "$line") || fail "README.md's Containerfile line failed: $line"
grep -qx 'FROM scratch' "$ctx/Containerfile" || fail "README.md's Containerfile: $(cat "$ctx/Containerfile")"
nsc_podman_image nscheck-itest "$ctx" || fail "buildah could not build the image"
t2=$(date +%s.%N)

# The host's own verdicts, per mode: a SKIP the host has too is no
# restriction of the container.
"$NSCHECK" --all --json "$NSC_TMP/host-root.json" >/dev/null 2>&1 || fail "host run exited $?"
"$NSCHECK" --all --rootless --json "$NSC_TMP/host-rootless.json" >/dev/null 2>&1 ||
	fail "host --rootless run exited $?"
python3 "$results" statuses "$NSC_TMP/host-root.json" >"$NSC_TMP/host-root"
python3 "$results" statuses "$NSC_TMP/host-rootless.json" >"$NSC_TMP/host-rootless"

# What a container restricts, as nscheck words it (harness/probe.c).
container_skip='a seccomp filter denies [a-z0-9_]+\(\)'
container_skip+='|^proc is masked \([0-9]+ mounts? over paths under /proc'
container_skip+='|^sysfs is masked \([0-9]+ mounts? over paths under /sys'
container_skip+='|^/proc/sys/.* is on a read-only mount'
container_skip+='|^sysfs is not fully visible'
container_skip+='|\(rootless\)|nscheck runs rootless'
container_skip+="|open_by_handle_at\\(\\) of the caller's own namespace is refused \\(EPERM\\): a seccomp filter"

# run NAME MODE HOSTMODE [PODMAN-OPTIONS...] -- [NSCHECK-ARGS...]
run() {
	local name=$1 mode=$2 hostmode=$3 opts=() rc=0 id st reason nskip=0 npass
	shift 3
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	nsc_podman_run "${opts[@]}" localhost/nscheck-itest --all --json - "$@" \
		>"$NSC_TMP/$name.json" 2>"$NSC_TMP/$name.err" || rc=$?
	[ "$rc" -eq 0 ] || fail "$name: podman run exited $rc: $(tail -5 "$NSC_TMP/$name.err")
$(python3 "$results" statuses "$NSC_TMP/$name.json" 2>/dev/null | grep -E '^[^ ]+ (FAIL|ERROR)')"
	python3 "$results" statuses "$NSC_TMP/$name.json" >"$NSC_TMP/$name" ||
		fail "$name: no JSON report: $(head -c 300 "$NSC_TMP/$name.json")"
	[ "$(python3 "$results" mode "$NSC_TMP/$name.json")" = "$mode" ] ||
		fail "$name: mode $(python3 "$results" mode "$NSC_TMP/$name.json"), want $mode"
	while read -r id st reason; do
		case "$st" in
		PASS) ;;
		SKIP)
			nskip=$((nskip + 1))
			grep -Eq "$container_skip" <<<"$reason" ||
				grep -qxF "$id SKIP $reason" "$NSC_TMP/host-$hostmode" ||
				fail "$name: $id SKIPs without naming a container restriction: $reason"
			;;
		*) fail "$name: $id is $st: $reason" ;;
		esac
	done <"$NSC_TMP/$name"
	npass=$(grep -c ' PASS' "$NSC_TMP/$name" || true)
	[ "$npass" -gt 0 ] || fail "$name: nothing passed"
	echo "ok: $name: $npass PASS, $nskip SKIP (each naming the container's restriction or the host's)"
}

run default "rootless (root without CAP_SYS_ADMIN)" rootless --
run rootless "rootless (--rootless)" rootless -- --rootless
run privileged "root" root --privileged --
t3=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
	printf "ok: containers: %.1f s (static build %.1f s, image %.1f s, host runs + 3 containers %.1f s)\n",
		d - a, b - a, c - b, d - c }'
