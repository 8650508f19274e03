#!/usr/bin/env bash
# The mount cases need no directory of the image or host: in a root with
# nothing but /usr, /proc and /dev (no /tmp, as in a FROM scratch
# container), mnt.mount_private and mnt.umount_private PASS, as root and
# rootless, and that root is left as it was (they mount only in mount
# namespaces of their own).
source "$(dirname "$0")/lib.sh"

[ -d /usr/lib ] || fail "no /usr/lib to build the bare root from"
# bare ARGS...: nscheck ARGS in the bare root, made the mount namespace's
# root with pivot_root (a chroot would refuse user namespaces); the old
# root stays at /old only to copy the results out and, for a coverage
# build, to take the gcov counters: GCOV_PREFIX=/old sends them to the
# build tree's own .gcda files (without it libgcov would create
# /work/... or wherever the build tree is, in the bare root, changing it).
bare() {
	# shellcheck disable=SC2016 # expanded by the inner sh
	unshare --mount --propagation private -- sh -c '
		r=$1 && shift &&
		mount -t tmpfs -o mode=0755 nsc-bare "$r" &&
		mkdir "$r/usr" "$r/proc" "$r/dev" "$r/out" "$r/old" &&
		for l in lib lib64 bin sbin; do
			if [ -e "/usr/$l" ]; then ln -s "usr/$l" "$r/$l"; fi
		done &&
		mount --rbind /usr "$r/usr" &&
		mount --rbind /proc "$r/proc" &&
		mount --rbind /dev "$r/dev" &&
		cp "$NSCHECK" "$r/nscheck" &&
		cd "$r" && pivot_root . old || exit 125
		exec chroot . /bin/sh -c "
			ls -A / >/out/before
			GCOV_PREFIX=/old /nscheck --color never \"\$@\" >/out/tap
			echo rc=\$? >>/out/tap
			ls -A / >/out/after
			cp /out/* \"/old\$NSC_OUT/\"" _ "$@"' _ "$NSC_TMP/root" "$@"
}

mkdir "$NSC_TMP/root" "$NSC_TMP/out"
export NSC_OUT=$NSC_TMP/out NSCHECK
for mode in root rootless; do
	args=(mnt.mount_private mnt.umount_private)
	[ "$mode" = rootless ] && args+=(--rootless)
	bare "${args[@]}" || fail "$mode: could not build the bare root"
	tap=$NSC_OUT/tap
	grep -q '^rc=0$' "$tap" || fail "$mode: nscheck in the bare root: $(cat "$tap")"
	for id in mnt.mount_private mnt.umount_private; do
		grep -Eq "^ok [0-9]+ - $id\$" "$tap" ||
			fail "$mode: $id does not PASS without /tmp: $(grep -A3 " - $id" "$tap")"
	done
	diff "$NSC_OUT/before" "$NSC_OUT/after" || fail "$mode: the bare root changed"
	echo "ok: $mode: the mount cases PASS in a root without /tmp"
done
