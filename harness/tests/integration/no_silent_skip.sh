#!/usr/bin/env bash
# shellcheck disable=SC2030,SC2031 # NSC_SRC is changed in subshells only
# No test passes silently.  A test whose consumer tool is missing fails
# (prove and tap-parser for check_tap, python3-jsonschema for check_json,
# kunit.py, tap-parser and python3-junitparser for the integration
# tests); ci/ctest-run, which ci/test, ci/coverage and ci/sanitize
# run CTest through, fails when a test was skipped (exit 77) under
# CI=true and only notes it otherwise.  (A test without SKIP_RETURN_CODE
# that exits 77 simply fails.)
source "$(dirname "$0")/lib.sh"

units="$NSC_BUILD/reports/tests"
# Baseline: both suites pass with their tools.
"$units/check_tap" >"$NSC_TMP/tap.out" 2>&1 || fail "check_tap fails with its tools: $(cat "$NSC_TMP/tap.out")"
"$units/check_json" >"$NSC_TMP/json.out" 2>&1 || fail "check_json fails with its tools"

# prove hidden: PATH without it (tap-parser is found by its own path).
mkdir "$NSC_TMP/bin"
for t in cat sh xmllint; do ln -s "$(command -v "$t")" "$NSC_TMP/bin/$t"; done
got=0
PATH="$NSC_TMP/bin" "$units/check_tap" >"$NSC_TMP/tap.out" 2>&1 || got=$?
[ "$got" -ne 0 ] || fail "check_tap passed without prove"
grep -q 'prove not installed' "$NSC_TMP/tap.out" || fail "check_tap does not say prove is missing"

# python3-jsonschema hidden: a module of that name that fails to import.
mkdir "$NSC_TMP/py"
echo 'raise ImportError("hidden by no_silent_skip.sh")' >"$NSC_TMP/py/jsonschema.py"
got=0
PYTHONPATH="$NSC_TMP/py" "$units/check_json" >"$NSC_TMP/json.out" 2>&1 || got=$?
[ "$got" -ne 0 ] || fail "check_json passed without python3-jsonschema"
grep -q 'jsonschema missing' "$NSC_TMP/json.out" || fail "check_json does not say jsonschema is missing"

# The integration tests' consumers: kunit.py and tap-parser (found
# under NSC_SRC by lib.sh) and python3-junitparser fail when missing.
mkdir "$NSC_TMP/empty"
{
	if (NSC_SRC=$NSC_TMP/empty && kunit_py) 2>"$NSC_TMP/k.err"; then
		fail "kunit_py did not fail without kunit.py"
	fi
	grep -q 'kunit.py not extracted' "$NSC_TMP/k.err" || fail "kunit_py: $(cat "$NSC_TMP/k.err")"
	if (NSC_SRC=$NSC_TMP/empty && tap_parser --help) >/dev/null 2>"$NSC_TMP/t.err"; then
		fail "tap_parser did not fail without tap-parser"
	fi
	grep -q 'tap-parser not installed' "$NSC_TMP/t.err" || fail "tap_parser: $(cat "$NSC_TMP/t.err")"
}
echo 'raise ImportError("hidden by no_silent_skip.sh")' >"$NSC_TMP/py/junitparser.py"
"$NSCHECK" uts.hostname_private --junit "$NSC_TMP/r.xml" >/dev/null || fail "JUnit run exited $?"
got=0
PYTHONPATH="$NSC_TMP/py" /usr/bin/python3 "$NSC_SRC/harness/tests/helpers/junit_read.py" \
	counts "$NSC_TMP/r.xml" >/dev/null 2>&1 || got=$?
[ "$got" -ne 0 ] || fail "junit_read.py passed without python3-junitparser"

# ci/ctest-run on a project with one passing and one skipped test.
toy="$NSC_TMP/toy"
mkdir "$toy"
cat >"$toy/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.18)
project(toy NONE)
enable_testing()
add_test(NAME passes COMMAND true)
add_test(NAME tool_missing COMMAND sh -c "exit 77")
add_test(NAME integration.junit_generic_schema COMMAND sh -c "exit 77")
set_tests_properties(tool_missing integration.junit_generic_schema
	PROPERTIES SKIP_RETURN_CODE 77)
CMAKE
cmake -S "$toy" -B "$toy/b" >/dev/null || fail "toy project does not configure"
got=0
CI=true "$NSC_SRC/ci/ctest-run" "$toy/b" >"$NSC_TMP/ci.out" 2>&1 || got=$?
[ "$got" -eq 1 ] || fail "ci/ctest-run exited $got with a skipped test under CI=true, want 1"
grep -q 'FAILED: 1 test(s) did not run under CI=true' "$NSC_TMP/ci.out" || fail "no failure message"
grep -q ' - tool_missing (Skipped)' "$NSC_TMP/ci.out" || fail "the skipped test is not named"
got=0
env -u CI "$NSC_SRC/ci/ctest-run" "$toy/b" >"$NSC_TMP/dev.out" 2>&1 || got=$?
[ "$got" -eq 0 ] || fail "ci/ctest-run exited $got outside CI, want 0"
grep -q 'note: 1 test(s) did not run' "$NSC_TMP/dev.out" || fail "outside CI the skip is not noted"
# Without the skipped test CI=true passes (the optional ../shared check
# may skip, with a note); a failing test keeps its status.
CI=true "$NSC_SRC/ci/ctest-run" "$toy/b" -E tool_missing >"$NSC_TMP/ok.out" 2>&1 ||
	fail "ci/ctest-run failed with nothing skipped: $(cat "$NSC_TMP/ok.out")"
grep -q 'optional without ../shared' "$NSC_TMP/ok.out" || fail "the allowed skip is not noted"
echo 'add_test(NAME fails COMMAND false)' >>"$toy/CMakeLists.txt"
cmake -S "$toy" -B "$toy/b" >/dev/null || fail "toy project does not reconfigure"
got=0
"$NSC_SRC/ci/ctest-run" "$toy/b" >"$NSC_TMP/f.out" 2>&1 || got=$?
[ "$got" -ne 0 ] || fail "ci/ctest-run passed a failing test"

echo "ok: missing prove / jsonschema fail; ci/ctest-run fails on a skip under CI=true"
