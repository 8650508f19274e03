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
	"$NSCHECK" --no-audit "${opt}$NSC_TMP/link" uts.hostname_private >/dev/null ||
		fail "run with a symlink at the report path ($opt) exited $?"
	[ "$(cat "$NSC_TMP/target")" = "precious" ] || fail "report ($opt) written through the symlink"
	[ -f "$NSC_TMP/link" ] && [ ! -L "$NSC_TMP/link" ] ||
		fail "report path ($opt) is still a symlink"
	[ -s "$NSC_TMP/link" ] || fail "report ($opt) is empty"
done
# (continued below)

# A symlink planted at the report path in a world-writable directory
# under /dev (/dev/shm), pointing at a regular file or at a FIFO: replaced,
# never followed (before: the report was appended to the link's target).
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
	shm=$(mktemp -d /dev/shm/nsc-itest.XXXXXX)
	trap 'rm -rf "$NSC_TMP" "$shm"' EXIT
	echo "precious" >"$shm/target"
	mkfifo "$shm/fifo"
	for t in target fifo; do
		ln -sfn "$shm/$t" "$shm/r.json"
		timeout 20 "$NSCHECK" --no-audit --json "$shm/r.json" uts.hostname_private >/dev/null ||
			fail "symlink to a $t under /dev/shm: exit $?"
		[ -f "$shm/r.json" ] && [ ! -L "$shm/r.json" ] || fail "/dev/shm: still a symlink ($t)"
	done
	[ "$(cat "$shm/target")" = "precious" ] || fail "report written through the /dev/shm symlink"
	[ -p "$shm/fifo" ] || fail "the FIFO was replaced"
	[ "$(ls -A "$shm" | tr '\n' ' ')" = "fifo r.json target " ] || fail "left: $(ls -A "$shm")"
fi

# 250-byte report names (NAME_MAX is 255): written, and replaced when they
# exist (before: "File name too long" from a temp name built on it).
long=$(printf 'r%.0s' $(seq 1 250))
for opt in --tap= "--junit=" "--json="; do
	"$NSCHECK" --no-audit "$opt$NSC_TMP/$long" uts.hostname_private >/dev/null || fail "250-byte name ($opt)"
	[ -s "$NSC_TMP/$long" ] || fail "250-byte name ($opt): no report"
done

# A report is written in place only to a FIFO named directly.
mkfifo "$NSC_TMP/pipe"
"$NSCHECK" --no-audit --json "$NSC_TMP/pipe" uts.hostname_private >/dev/null &
pid=$!
/usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$NSC_TMP/pipe" ||
	fail "JSON through a FIFO is not one document"
wait "$pid" || fail "report to a FIFO: exit $?"
[ -p "$NSC_TMP/pipe" ] || fail "the FIFO was replaced"

# A file system without O_TMPFILE is refused with a clear line (simulated
# by a seccomp filter that fails such opens with EOPNOTSUPP).
got=0
"$NSC_BUILD/harness/tests/helpers/seccomp_deny" --no-tmpfile "$NSCHECK" --json "$NSC_TMP/x.json" \
	uts.hostname_private >/dev/null 2>"$NSC_TMP/stderr" || got=$?
[ "$got" -eq 2 ] || fail "no O_TMPFILE: exit $got, want 2"
grep -q 'O_TMPFILE' "$NSC_TMP/stderr" || fail "no O_TMPFILE: $(cat "$NSC_TMP/stderr")"
[ ! -e "$NSC_TMP/x.json" ] || fail "no O_TMPFILE: a report was written"
echo "ok: symlinks under /dev/shm replaced, 250-byte names, FIFOs in place, no O_TMPFILE refused"
