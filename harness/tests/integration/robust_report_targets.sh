#!/usr/bin/env bash
# Two reports to one file are refused before any case runs (exit 2, one
# line, nothing written): the same path twice, two names of one file,
# stdout named twice ('-' and /dev/stdout).  Any number may go to
# /dev/null.
source "$(dirname "$0")/lib.sh"

# refused WHAT ARGS...: exit 2, one line naming the clash, no report.
refused() {
	local what=$1 got=0
	shift
	"$NSCHECK" "$@" uts.hostname_private >"$NSC_TMP/stdout" 2>"$NSC_TMP/stderr" || got=$?
	[ "$got" -eq 2 ] || fail "$what: exit $got, want 2"
	[ "$(wc -l <"$NSC_TMP/stderr")" -eq 1 ] || fail "$what: stderr: $(cat "$NSC_TMP/stderr")"
	grep -q '^nscheck: .*same file' "$NSC_TMP/stderr" || fail "$what: $(cat "$NSC_TMP/stderr")"
	[ ! -s "$NSC_TMP/stdout" ] || fail "$what: wrote to stdout: $(head -3 "$NSC_TMP/stdout")"
}

mkdir "$NSC_TMP/d"
refused "one path twice" --junit "$NSC_TMP/d/same" --json "$NSC_TMP/d/same"
refused "two spellings of one path" --junit "$NSC_TMP/d/same" --json "$NSC_TMP/d/./same"
refused "stdout twice" --tap=/dev/stdout --json -
refused "stdout twice (fd alias)" --tap=- --json /proc/self/fd/1
echo old >"$NSC_TMP/d/old"
ln "$NSC_TMP/d/old" "$NSC_TMP/d/hard"
refused "two names of one file" --json "$NSC_TMP/d/old" --junit "$NSC_TMP/d/hard"
[ "$(ls -A "$NSC_TMP/d" | tr '\n' ' ')" = "hard old " ] || fail "files left: $(ls -A "$NSC_TMP/d")"
[ "$(cat "$NSC_TMP/d/old")" = old ] || fail "the old report was changed"

"$NSCHECK" --no-audit --json /dev/null --junit /dev/null --tap=/dev/null uts.hostname_private ||
	fail "reports to /dev/null exit $?"
echo "ok: two reports to one file refused before running; /dev/null shared"
