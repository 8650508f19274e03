# shellcheck shell=bash
# Helpers for integration tests: source this file.  Each test is a bash
# script that exits non-zero on the first failed expectation.
set -euo pipefail

: "${NSCHECK:?NSCHECK must point to the built nscheck}"
: "${NSCHECK_TEST:=$NSCHECK}"
: "${NSC_SHARED:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../../shared" && pwd)}"

NSC_TMP=$(mktemp -d /tmp/nsc-itest.XXXXXX)
trap 'rm -rf "$NSC_TMP"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_status WANT CMD...: run CMD, require exit status WANT.
expect_status() {
	local want=$1 got=0
	shift
	"$@" || got=$?
	[ "$got" -eq "$want" ] || fail "'$*' exited $got, want $want"
}

# The host state nscheck must never change.
host_snapshot() {
	{
		echo "hostname: $(hostname)"
		echo "domainname: $(cat /proc/sys/kernel/domainname)"
		ip -o link show | sed -E 's/^[0-9]+: //; s/ +state [A-Z]+.*//'
		ls /run/netns 2>/dev/null || true
		ipcs -a | grep -E '^0x' || true
		findmnt -rn -o TARGET,FSTYPE,SOURCE | sort
	}
}

# The node tap-parser, installed by ci/setup under ci/node_modules.
tap_parser() {
	local bin="$NSC_SRC/ci/node_modules/.bin/tap-parser"
	[ -x "$bin" ] || fail "tap-parser not installed (run ci/setup)"
	"$bin" "$@"
}
