#!/usr/bin/env bash
# Optional: the JUnit of a real run and of an interrupted-before-any-case
# run also validate against the generic JUnit schema beside the repository
# (../shared/schemas/junit-10.xsd), once the one attribute it lacks
# (testcase/@file) and element (testcase/properties) are dropped.  A clone alone has no ../shared: then this
# test is skipped (exit 77, shown as "Skipped" by ctest), never failed.
source "$(dirname "$0")/lib.sh"

xsd=$NSC_SHARED/schemas/junit-10.xsd
if [ ! -r "$xsd" ]; then
	echo "note: $xsd absent (a clone alone): generic JUnit schema check skipped"
	exit 77
fi
read_py=$NSC_SRC/harness/tests/helpers/junit_read.py
T=$NSC_TMP
expect_status 0 "$NSCHECK" --all --tap="$T/r.tap" --junit "$T/r.xml"
# Skips and errors too: a case that crashes, one that is hidden by id.
expect_status 2 "$NSCHECK_TEST" --tap="$T/e.tap" --junit "$T/e.xml" test.crash_abort \
	uts.hostname_private
for f in r e; do
	junit_validate "$T/$f.xml" >/dev/null
	/usr/bin/python3 "$read_py" generic "$T/$f.xml" >"$T/$f.generic.xml"
	xmllint --noout --schema "$xsd" "$T/$f.generic.xml" ||
		fail "$f.xml: not valid against $xsd"
done
echo "ok: JUnit valid against $xsd (testcase/@file and properties dropped)"
