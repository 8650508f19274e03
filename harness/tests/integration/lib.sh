# shellcheck shell=bash
# Helpers for integration tests: source this file.  Each test is a bash
# script that exits non-zero on the first failed expectation.
set -euo pipefail

: "${NSCHECK:?NSCHECK must point to the built nscheck}"
: "${NSCHECK_TEST:=$NSCHECK}"
: "${NSC_SRC:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)}"
# Optional material beside the repository (a clone alone has none): only
# integration.junit_generic_schema reads it, and skips without it.
: "${NSC_SHARED:=$NSC_SRC/../shared}"

NSC_TMP=$(mktemp -d /tmp/nsc-itest.XXXXXX)
trap 'rm -rf "$NSC_TMP"' EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# skip WHY: the test cannot run here.  Exit 77, which CTest reports as
# skipped (never as passed), and which ci/ctest-run fails under CI=true.
skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# The unprivileged user tests run as.  test_user_add creates it unless it
# exists (as root); test_user_del, for the test's EXIT trap, removes it
# again when this test created it.
NSC_TEST_USER=nscheck-test-user
nsc_test_user_created=0
test_user_add() {
	id -u "$NSC_TEST_USER" >/dev/null 2>&1 && return 0
	useradd --system --no-create-home --shell /usr/sbin/nologin "$NSC_TEST_USER" 2>/dev/null ||
		id -u "$NSC_TEST_USER" >/dev/null || fail "cannot create $NSC_TEST_USER"
	nsc_test_user_created=1
}
test_user_del() {
	if [ "$nsc_test_user_created" = 1 ]; then userdel "$NSC_TEST_USER" 2>/dev/null || true; fi
}

# Killed-run tests mark the runs they start: NSC_KILL_MARK in the
# environment.  marked_procs: the live (not zombie) nscheck processes with
# this test's mark.  no_marked_strays TRIES SECONDS: wait until there are
# none (TRIES polls SECONDS apart), else kill them (they are this test's)
# and fail.
marked_procs() {
	local p
	for p in $(pgrep -d ' ' -f "$NSCHECK" || true); do
		if grep -qzx "NSC_KILL_MARK=$NSC_KILL_MARK" "/proc/$p/environ" 2>/dev/null; then
			[ "$(awk '/^State:/ { print $2 }' "/proc/$p/status" 2>/dev/null)" = Z ] || echo "$p"
		fi
	done
}
no_marked_strays() {
	local left
	for _ in $(seq 1 "$1"); do
		[ -z "$(marked_procs)" ] && return 0
		sleep "$2"
	done
	left=$(marked_procs)
	[ -z "$left" ] && return 0
	# shellcheck disable=SC2086 # one pid per word
	kill -9 $left 2>/dev/null || true
	# shellcheck disable=SC2086 # one pid per word
	fail "processes of killed runs were still alive:" $left
}

# newer_kernel_ids: " id id ... " (space-padded) of the cases whose
# .min_kernel is newer than the running kernel: they SKIP here naming the
# release, so tests that expect every case to run on this host exempt them
# (test with [[ $newer == *" $id "* ]]).
newer_kernel_ids() {
	"$NSCHECK" --list --json >"$NSC_TMP/newer-list.json" || fail "--list --json exited $?"
	echo " $(/usr/bin/python3 - "$NSC_TMP/newer-list.json" "$(uname -r)" <<'PY'
import json, re, sys
def ver(s):
    return tuple(int(x) for x in re.findall(r"\d+", s)[:3])
run = ver(sys.argv[2])
for c in json.load(open(sys.argv[1]))["cases"]:
    if c.get("min_kernel") and ver(c["min_kernel"]) > run:
        print(c["id"], end=" ")
PY
) "
}

# nsdelegate_skip: an ERE for the SKIP reason of the cases that need
# cgroup2's nsdelegate (a global option of the hierarchy, which nscheck
# never sets), when the hierarchy lacks it (no visible cgroup2 mount:
# unknown, allowed too); an ERE that matches nothing when it has it.
nsdelegate_skip() {
	local opts
	opts=$(sed -n 's/.* - cgroup2 [^ ]* \([^ ]*\)$/\1/p;T;q' /proc/self/mountinfo)
	if [[ ,$opts, == *,nsdelegate,* ]]; then
		echo 'a^'
	else
		echo 'SKIP cgroup2 is mounted without nsdelegate'
	fi
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

# The kernel's KTAP parser, tools/testing/kunit/kunit.py, extracted by
# ci/setup from Debian's linux-source-6.12.
kunit_py() {
	local py="$NSC_SRC/ci/.cache/linux-source-6.12/tools/testing/kunit/kunit.py"
	[ -f "$py" ] || fail "kunit.py not extracted (run ci/setup)"
	echo "$py"
}

# ktap_check KTAP JSON: kunit.py parses KTAP without error, with the
# statuses and counts of nscheck's JSON of the same run.
ktap_check() {
	/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/ktap_check.py" "$(kunit_py)" "$1" "$2" ||
		fail "$1: kunit.py disagrees with $2"
}

# static_build DIR: configure and build a static nscheck in DIR (log in
# $NSC_TMP/static-build.log).
static_build() {
	cmake -S "$NSC_SRC" -B "$1" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNSCHECK_TESTS=OFF \
		-DNSCHECK_STATIC=ON >"$NSC_TMP/static-build.log" 2>&1 &&
		cmake --build "$1" -j 2 --target nscheck >>"$NSC_TMP/static-build.log" 2>&1
}

# static_nscheck: the path of a static nscheck: $NSCHECK_STATIC if set,
# else built from this source tree into $NSC_BUILD/nscheck-static
# (incremental after the first time; shared by the container tests).
static_nscheck() {
	local sb=$NSC_BUILD/nscheck-static bin=${NSCHECK_STATIC:-}
	if [ -z "$bin" ]; then
		: "${NSC_BUILD:?NSC_BUILD must point to the build directory}"
		# An incremental build over a tree that changed under it (files
		# added, CMake reshaped) may fail where a fresh one works: once
		# more from scratch, saying why, before giving up.
		if ! static_build "$sb"; then
			echo "note: incremental static build failed, building from scratch:" \
				"$(grep -m3 -E 'error|Error' "$NSC_TMP/static-build.log" ||
					tail -3 "$NSC_TMP/static-build.log")" >&2
			rm -rf "$sb"
			static_build "$sb" ||
				fail "build the static nscheck: $(grep -m5 -E 'error|Error' \
					"$NSC_TMP/static-build.log" || tail -5 "$NSC_TMP/static-build.log")"
		fi
		bin=$sb/nscheck
	fi
	case "$(file -b "$bin")" in
	*'statically linked'*) ;;
	*) fail "$bin is not statically linked" ;;
	esac
	echo "$bin"
}

# junit_validate FILE: the project's JUnit schema (reports/nscheck-junit.xsd)
# accepts FILE, and junitparser reads it with declared totals equal to the
# cases and the environment in exactly one suite.  Prints junitparser's
# "tests failures errors skipped".
junit_validate() {
	local f=$1
	xmllint --noout --schema "$NSC_SRC/reports/nscheck-junit.xsd" "$f" 2>"$NSC_TMP/xmllint.err" ||
		fail "$f: not valid against reports/nscheck-junit.xsd: $(head -5 "$NSC_TMP/xmllint.err")"
	/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/junit_read.py" counts "$f" ||
		fail "$f: junitparser disagrees"
}
