#!/usr/bin/env bash
# lint.case_fork: cases and fixtures fork with nsc_fork(), never fork():
# a child whose parent-death signal is armed after fork() outlives a
# parent killed in between, and so a runner killed with SIGKILL (issue 10
# item 6: sleepers forked by a case lived on forever).  Checked on code
# with comments and strings removed; unit tests (<dir>/tests/) are exempt.
# Usage: fork_lint.sh [SOURCE_DIR] (default: the checkout holding this file).
set -euo pipefail
src=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$src"
exec /usr/bin/python3 - <<'PY'
import re, subprocess, sys

files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                        "--", "cases", "fixtures"], capture_output=True, text=True,
                       check=True).stdout.split()
files = [f for f in files if f.endswith((".c", ".h")) and "/tests/" not in f]
comment = re.compile(r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"", re.S)
call = re.compile(r"\b(fork|vfork)\s*\(")
bad = []
for f in files:
    code = comment.sub(lambda m: "\n" * m.group(0).count("\n"), open(f).read())
    for n, line in enumerate(code.splitlines(), 1):
        if call.search(line):
            bad.append(f"{f}:{n}: {line.strip()}")
if bad:
    print("fork() in cases or fixtures (use nsc_fork()):", *bad, sep="\n  ")
    sys.exit(1)
print(f"lint.case_fork: {len(files)} files, no fork()")
PY
