#!/usr/bin/env bash
# Report paths: a nonexistent directory, an unwritable (read-only)
# directory and a directory given as the path are usage errors: exit 2,
# one line on stderr, nothing written anywhere.  An existing report is
# untouched by a failed run.  A symlink planted at the report path is
# replaced by the report, never followed.
source "$(dirname "$0")/lib.sh"

ro="$NSC_TMP/ro"
mkdir "$ro"

# bad_path WHAT OPTION PATH [RUNNER...]
bad_path() {
	local what=$1 opt=$2 path=$3 got=0
	shift 3
	"$@" "$NSCHECK" "$opt$path" uts.hostname_private >"$NSC_TMP/stdout" \
		2>"$NSC_TMP/stderr" || got=$?
	[ "$got" -eq 2 ] || fail "$what ($opt): exit $got, want 2"
	[ "$(wc -l <"$NSC_TMP/stderr")" -eq 1 ] ||
		fail "$what ($opt): stderr is not one line: $(cat "$NSC_TMP/stderr")"
	grep -q '^nscheck: ' "$NSC_TMP/stderr" || fail "$what ($opt): no 'nscheck:' prefix"
	[ ! -s "$NSC_TMP/stdout" ] || fail "$what ($opt): wrote to stdout"
}

for opt in --tap= "--junit=" "--json="; do
	bad_path "nonexistent directory" "$opt" "$NSC_TMP/no/such/dir/r"
	bad_path "directory as path" "$opt" "$NSC_TMP"
	# Read-only for root too: a read-only tmpfs in a private mount namespace.
	bad_path "unwritable directory" "$opt" "$ro/r" \
		unshare --mount --propagation private -- \
		sh -c "mount -t tmpfs -o ro nsc-ro '$ro' && exec \"\$@\"" sh
done
[ -z "$(ls -A "$ro")" ] || fail "something was written to $ro"
[ "$(ls -A "$NSC_TMP" | sort | tr '\n' ' ')" = "ro stderr stdout " ] ||
	fail "stray files: $(ls -A "$NSC_TMP")"

# An existing report survives a run that fails before it starts.
for opt in --tap= "--junit=" "--json="; do
	echo "old report" >"$NSC_TMP/keep"
	got=0
	"$NSCHECK" "${opt}$NSC_TMP/keep" --json="$NSC_TMP/no/dir/x.json" uts.hostname_private \
		>/dev/null 2>&1 || got=$?
	[ "$got" -eq 2 ] || fail "failed run ($opt): exit $got, want 2"
	[ "$(cat "$NSC_TMP/keep")" = "old report" ] || fail "failed run ($opt) changed the old report"
	[ "$(ls -A "$NSC_TMP" | sort | tr '\n' ' ')" = "keep ro stderr stdout " ] ||
		fail "failed run ($opt) left files: $(ls -A "$NSC_TMP")"
	rm "$NSC_TMP/keep"
done

# A planted symlink is replaced, its target unchanged.
echo "precious" >"$NSC_TMP/target"
for opt in --tap= "--junit=" "--json="; do
	ln -sfn "$NSC_TMP/target" "$NSC_TMP/link"
	"$NSCHECK" "${opt}$NSC_TMP/link" uts.hostname_private >/dev/null ||
		fail "run with a symlink at the report path ($opt) exited $?"
	[ "$(cat "$NSC_TMP/target")" = "precious" ] || fail "report ($opt) written through the symlink"
	[ -f "$NSC_TMP/link" ] && [ ! -L "$NSC_TMP/link" ] ||
		fail "report path ($opt) is still a symlink"
	[ -s "$NSC_TMP/link" ] || fail "report ($opt) is empty"
done
echo "ok: bad report paths exit 2 with one line; old reports kept; symlinks not followed"
