#!/usr/bin/env bash
# Install and packaging: `cmake --install` into a temporary prefix puts
# the binary, man page (gzip -9n), bash completion, report schemas and
# DEP-5 copyright in
# place; the man page renders without warnings and names every option of
# --help; the completion sources cleanly, completes options and case ids
# and knows every option; --version is git-described in a clean clone and
# falls back to the project version in a tarball without .git.
# (The static build is checked by ci/static, the package by ci/deb.)
source "$(dirname "$0")/lib.sh"
: "${NSC_BUILD:?}" "${NSC_SRC:?}"

prefix=$NSC_TMP/prefix
cmake --install "$NSC_BUILD" --prefix "$prefix" >/dev/null
for f in bin/nscheck share/man/man1/nscheck.1.gz \
	share/bash-completion/completions/nscheck \
	share/nscheck/nscheck-report.schema.json share/nscheck/nscheck-junit.xsd \
	share/doc/nscheck/copyright; do
	[ -f "$prefix/$f" ] || fail "cmake --install did not install $f"
done
[ -x "$prefix/bin/nscheck" ] || fail "bin/nscheck is not executable"
[ "$("$prefix/bin/nscheck" --version)" = "$("$NSCHECK" --version)" ] ||
	fail "installed nscheck --version differs from the build's"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' \
	"$prefix/share/nscheck/nscheck-report.schema.json" ||
	fail "installed schema is not JSON"

# The man page: no groff warnings at 80 columns, every option documented.
man_txt=$NSC_TMP/man.txt
warnings=$(MANWIDTH=80 man --warnings -l "$prefix/share/man/man1/nscheck.1.gz" 2>&1 >"$man_txt")
[ -z "$warnings" ] || fail "man page warnings: $warnings"
grep -q 'EXIT STATUS' "$man_txt" || fail "man page has no EXIT STATUS"
options=$("$NSCHECK" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u)
[ -n "$options" ] || fail "no options in --help"
for opt in $options; do
	grep -qF -- "$opt" "$man_txt" || fail "man page does not document $opt"
done
for status in 0 1 2 4 128+; do
	grep -qE "^ {7}$status" "$man_txt" || fail "man page lacks exit status $status"
done

# Bash completion: sources cleanly (also under set -u), completes.
completion=$prefix/share/bash-completion/completions/nscheck
complete_words() {
	bash -c '
		set -u
		source "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMPREPLY=()
		_nscheck
		printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@"
}
out=$(PATH="$prefix/bin:$PATH" bash -c 'source "$1"' _ "$completion" 2>&1) ||
	fail "completion does not source: $out"
[ -z "$out" ] || fail "sourcing the completion printed: $out"
[ "$(complete_words nscheck --ti)" = "--timeout" ] ||
	fail "--ti completes to '$(complete_words nscheck --ti)', want --timeout"
[ "$(complete_words nscheck --via un)" = unshare ] ||
	fail "--via un completes to '$(complete_words nscheck --via un)', want unshare"
got=$(PATH="$prefix/bin:$PATH" complete_words nscheck uts.host)
[ "$got" = uts.hostname_private ] || fail "uts.host completes to '$got'"
got=$(PATH="$prefix/bin:$PATH" complete_words nscheck 'ipc.')
[ "$got" = "$("$NSCHECK" --list 'ipc.*' | awk '{ print $1 }')" ] ||
	fail "ipc. completes to '$got', not the ipc case ids"
# --ns offers the namespaces of the catalogue (its id prefixes), from the binary.
got=$(PATH="$prefix/bin:$PATH" complete_words nscheck --ns '' | sort | tr '\n' ' ')
want=$("$NSCHECK" --list | awk '{ sub(/\..*/, "", $1); print $1 }' | sort -u | tr '\n' ' ')
[ -n "$want" ] && [ "$got" = "$want" ] || fail "--ns completes to '$got', want '$want'"
got=$(PATH="$prefix/bin:$PATH" complete_words nscheck --ns uts,p | tr '\n' ' ')
[ "$got" = "uts,pid " ] || [ "$got" = "uts,pid uts,pidfd " ] || fail "--ns uts,p completes to '$got'"
for opt in $options; do
	grep -qxF -- "$opt" <(complete_words nscheck "$opt") ||
		fail "completion does not offer $opt"
done
# nscheck compare: its options in the man page and the completion too.
[ "$(complete_words nscheck comp)" = compare ] || fail "comp does not complete to compare"
copts=$("$NSCHECK" compare --help | sed -n 's/^  *\(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\2/p' | sort -u)
[ -n "$copts" ] || fail "no options in compare --help"
for opt in $copts; do
	grep -qF -- "$opt" "$man_txt" || fail "man page does not document compare $opt"
	grep -qxF -- "$opt" <(complete_words nscheck compare "$opt") ||
		fail "completion does not offer compare $opt"
done
[ "$(complete_words nscheck compare -f m)" = markdown ] || fail "compare -f m does not complete"

# --version: git-described in a clean clone, the project version in a
# tarball without .git (only the version header is built).
version_of() {
	local src=$1 build=$2
	cmake -S "$src" -B "$build" -DNSCHECK_TESTS=OFF >/dev/null
	cmake --build "$build" --target nsc_version >/dev/null
	sed -n 's/^#define NSC_VERSION "\(.*\)"$/\1/p' "$build/generated/version.h"
}
project_version=$(sed -n 's/^project(nscheck VERSION \([0-9.]*\).*/\1/p' "$NSC_SRC/CMakeLists.txt")
[ -n "$project_version" ] || fail "no project version in CMakeLists.txt"
if git -C "$NSC_SRC" rev-parse --git-dir >/dev/null 2>&1; then
	git clone -q "$NSC_SRC" "$NSC_TMP/clone"
	got=$(version_of "$NSC_TMP/clone" "$NSC_TMP/clone-build")
	desc=$(git -C "$NSC_TMP/clone" describe --tags --always --dirty)
	case $desc in
	v[0-9]*.[0-9]* | [0-9]*.[0-9]*) want=${desc#v} ;;
	*) want=$project_version-g$desc ;;
	esac
	[ "$got" = "$want" ] || fail "clean clone: version '$got', want '$want'"
	[[ $got != *-dirty ]] || fail "clean clone reports a dirty version '$got'"

	mkdir "$NSC_TMP/tarball"
	git -C "$NSC_SRC" archive --format=tar HEAD | tar -x -C "$NSC_TMP/tarball"
	got=$(version_of "$NSC_TMP/tarball" "$NSC_TMP/tarball-build")
	[ "$got" = "$project_version" ] ||
		fail "tarball without .git: version '$got', want '$project_version'"
fi
echo "packaging: install, man page, completion and versions ok"
