#!/usr/bin/env bash
# Documentation that works when pasted: every command of README.md's
# ```sh blocks and of the man page's EXAMPLES runs, as written, in a
# fresh directory with the built nscheck first on PATH, and exits 0.
# What the commands expect to find there: ci/ (the repository's), two
# JSON runs a.json and b.json (for nscheck compare and --baseline), and
# linux/ (the kunit.py tree ci/setup extracted, for the KTAP example).
# Not run here: the lines that start with ci/setup or ci/test (the build
# and CI entry points: CI itself runs them, as .ci/run).
source "$(dirname "$0")/lib.sh"

W=$NSC_TMP/w
mkdir -p "$W/bin"
ln -s "$NSCHECK" "$W/bin/nscheck"
ln -s "$NSC_SRC/ci" "$W/ci"
ln -s "$(dirname "$(dirname "$(dirname "$(dirname "$(kunit_py)")")")")" "$W/linux"
"$NSCHECK" --all --json "$W/a.json" >/dev/null || fail "a.json run exited $?"
"$NSCHECK" --all --json "$W/b.json" >/dev/null || fail "b.json run exited $?"

/usr/bin/python3 "$NSC_SRC/harness/tests/helpers/doc_examples.py" \
	"$NSC_SRC/README.md" "$NSC_SRC/harness/nscheck.1" >"$NSC_TMP/examples" ||
	fail "cannot extract the examples"
ran=0 skipped=0
while IFS=$'\t' read -r where cmd; do
	case $cmd in
	ci/setup* | ci/test*)
		skipped=$((skipped + 1))
		continue
		;;
	esac
	rc=0
	(cd "$W" && PATH="$W/bin:$PATH" bash -e -o pipefail -c "$cmd") \
		</dev/null >"$NSC_TMP/out" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] || fail "$where: '$cmd' exited $rc: $(tail -5 "$NSC_TMP/out")"
	ran=$((ran + 1))
done <"$NSC_TMP/examples"
[ "$ran" -ge 15 ] || fail "only $ran examples found: extraction broken?"
grep -q 'prove' "$NSC_TMP/examples" || fail "the prove example was not extracted"
grep -q 'kunit.py parse' "$NSC_TMP/examples" || fail "the kunit.py example was not extracted"
echo "ok: $ran documentation examples run as written ($skipped CI entry points not re-run)"
