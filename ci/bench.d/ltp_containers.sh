#!/usr/bin/env bash
# Run LTP's containers runtest (LTPROOT/runtest/containers) the way runltp
# does, one test at a time, and print a summary as the last line.  Used by
# ci/bench when /opt/ltp exists; its wall time is what ci/bench reports.
#
# LTP's tests change the namespaces they run in (its ip wrapper names netns
# under /run/netns and leaks two, see shared/DESIGN.md), so the whole run
# is contained: new mount, UTS, IPC and network namespaces of its own, with
# a tmpfs over /run/netns (or over /run when there is none) so that named
# netns die with the run.  Exit 0 whenever the runtest could be run.
set -euo pipefail

ltproot=${1:-/opt/ltp}
runtest=$ltproot/runtest/containers
[ -r "$runtest" ] || { echo "LTP: $runtest missing, not measured"; exit 1; }

if [ "${NSC_LTP_INNER:-}" != 1 ]; then
	exec unshare --mount --uts --ipc --net --propagation private \
		env NSC_LTP_INNER=1 "$0" "$ltproot"
fi

# Inside the disposable namespaces.
if [ -d /run/netns ]; then
	mount -t tmpfs nsc-ltp-netns /run/netns
else
	mount -t tmpfs nsc-ltp-run /run
fi
ip link set lo up
tmp=$(mktemp -d /tmp/nsc-ltp.XXXXXX)
trap 'cd / && rm -rf "$tmp"' EXIT
export LTPROOT=$ltproot TMPDIR=$tmp PATH=$ltproot/testcases/bin:$PATH
cd "$tmp"

total=0 pass=0 conf=0 failed=0
while read -r tag cmd; do
	case $tag in '' | '#'*) continue ;; esac
	total=$((total + 1))
	rc=0
	sh -c "$cmd" >/dev/null 2>&1 </dev/null || rc=$?
	case $rc in
	0) pass=$((pass + 1)) ;;
	32) conf=$((conf + 1)) ;;	# TCONF: skipped
	*) failed=$((failed + 1)) ;;
	esac
done <"$runtest"
echo "LTP containers: $total tests, $pass passed, $conf skipped (TCONF), $failed failed"
