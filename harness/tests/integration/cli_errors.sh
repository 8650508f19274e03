#!/usr/bin/env bash
# Bad input: one clear line on stderr naming the problem, exit 2, nothing
# written.  --help, --version and --list work.
source "$(dirname "$0")/lib.sh"

check_usage() {
	local what=$1 got=0
	shift
	"$NSCHECK" "$@" >"$NSC_TMP/stdout" 2>"$NSC_TMP/stderr" || got=$?
	[ "$got" -eq 2 ] || fail "$what: exit $got, want 2"
	[ "$(wc -l <"$NSC_TMP/stderr")" -eq 1 ] ||
		fail "$what: stderr is not one line: $(cat "$NSC_TMP/stderr")"
	grep -q '^nscheck: ' "$NSC_TMP/stderr" || fail "$what: no 'nscheck:' prefix"
	[ ! -s "$NSC_TMP/stdout" ] || fail "$what: wrote to stdout"
}

check_usage "unknown option" --bogus
check_usage "unknown id" no.such_case
check_usage "glob matching nothing" 'zzz.*'
check_usage "nothing selected"
check_usage "bad --ns" --ns nonsense --all
check_usage "timeout -1" --timeout -1 --all
check_usage "timeout 0" --timeout 0 --all
check_usage "timeout junk" --timeout 5x --all
check_usage "jobs 0" -j 0 --all
check_usage "jobs 99999" -j 99999 --all
check_usage "missing value" --all --timeout
check_usage "long argument" "$(head -c 5000 /dev/zero | tr '\0' a)"
check_usage "bad colour" --color=purple --all
# Option combinations that cannot work are refused, not ignored.
check_usage "--env with --junit" --env --junit "$NSC_TMP/env.xml"
check_usage "--env with a case" --env uts.hostname_private
check_usage "--all with ids" --all uts.hostname_private
check_usage "--list with a report" --list --json "$NSC_TMP/l.json"
check_usage "--self-check --no-control" --self-check --no-control
check_usage "--tap-version without TAP" --self-check --tap-version 13
[ ! -e "$NSC_TMP/env.xml" ] && [ ! -e "$NSC_TMP/l.json" ] || fail "a refused run wrote a report"
grep -q "no.such_case" <("$NSCHECK" no.such_case 2>&1 || true) ||
	fail "unknown id message does not name the id"

out=$("$NSCHECK" --help) || fail "--help exited $?"
grep -q -- '--all' <<<"$out" || fail "--help lacks --all"
out=$("$NSCHECK" --version) || fail "--version exited $?"
grep -Eq '^nscheck [0-9]' <<<"$out" || fail "--version: $out"
out=$("$NSCHECK" --list) || fail "--list exited $?"
grep -q '^uts.hostname_private ' <<<"$out" || fail "--list"
[ "$("$NSCHECK" --list 'ipc.*' | wc -l)" -ge 3 ] || fail "--list with glob"
[ "$("$NSCHECK" --list --ns uts | cut -d' ' -f1 | sed 's/\..*//' | sort -u)" = uts ] ||
	fail "--ns filter"
# Every lost write of stdout is an error, said once (as util-linux's
# close_stdout): before, --help, --version and --self-check to /dev/full
# exited 0 and --list exited 2 silently.
if [ -w /dev/full ]; then
	for args in --help --version --list "--self-check uts.hostname_private" uts.hostname_private; do
		got=0
		# shellcheck disable=SC2086 # one option per word
		"$NSCHECK" $args >/dev/full 2>"$NSC_TMP/stderr" || got=$?
		[ "$got" -eq 2 ] || fail "$args >/dev/full: exit $got, want 2"
		[ "$(grep -c 'No space left on device' "$NSC_TMP/stderr")" -eq 1 ] ||
			fail "$args >/dev/full: $(cat "$NSC_TMP/stderr")"
	done
fi
# A reader that went away (nscheck --help | head) is not worth a line:
# exit 141 (128 + SIGPIPE, as a shell reports a tool SIGPIPE killed),
# stderr silent (before: "write error on stdout: Broken pipe").
for args in --help "--list --long"; do
	# shellcheck disable=SC2086 # one option per word
	got=$(/usr/bin/python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
print(p.returncode, len(p.stderr))' "$NSCHECK" $args) || fail "$args to a closed pipe: $got"
	[ "$got" = "141 0" ] || fail "$args to a pipe without reader: exit and stderr bytes '$got', want '141 0'"
done

# Closed standard descriptors are made valid before anything is opened:
# before, '>&-' made the JSON report take fd 1 and receive the TAP.
got=0
"$NSCHECK" --json "$NSC_TMP/closed.json" uts.hostname_private >&- 2>"$NSC_TMP/stderr" || got=$?
[ "$got" -eq 2 ] || fail "stdout closed: exit $got, want 2"
grep -q '<stdout>: Bad file descriptor' "$NSC_TMP/stderr" || fail "stdout closed: $(cat "$NSC_TMP/stderr")"
[ ! -e "$NSC_TMP/closed.json" ] || fail "stdout closed: the JSON report was written: $(head -c 80 "$NSC_TMP/closed.json")"
"$NSCHECK" --no-audit --json "$NSC_TMP/closed.json" uts.hostname_private <&- >/dev/null 2>&- ||
	fail "stdin and stderr closed: exit $?"
/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$NSC_TMP/closed.json" ||
	fail "stdin and stderr closed: the JSON report is not JSON"
echo "ok: bad input rejected with exit 2 and one line"
