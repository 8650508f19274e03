#!/usr/bin/env bash
# lint.ns_facts: namespace facts live only in the table, harness/ns.c.
#
# The rule (also in harness/ns.h), checked on code with comments removed:
#  1. max_<x>_namespaces, <ns>_for_children, /proc/<pid>/ns/ paths and the
#     namespace config options (CONFIG_UTS_NS, ...) appear nowhere but
#     harness/ns.c.
#  2. CLONE_NEW* appears in harness/ and reports/ only in harness/ns.c:
#     the rest names a type through ns.h (NSC_NS_FLAG(USER)).  Cases and
#     fixtures may spell CLONE_NEW* as the operation they perform or test
#     (.clone_flags/.outer_flags, nsc_unshare(), setns()).
#  3. Unit and integration tests (<dir>/tests/) and ci/ are exempt: they
#     are independent oracles for the table, not its users.
# Usage: ns_facts.sh [SOURCE_DIR] (default: the checkout holding this file).
set -euo pipefail
src=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$src"
exec /usr/bin/python3 - <<'PY'
import re, subprocess, sys

files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                        "--", "harness", "fixtures", "reports", "cases"],
                       capture_output=True, text=True, check=True).stdout.split()
files = [f for f in files if f.endswith((".c", ".h")) and "/tests/" not in f]

NS = "(cgroup|ipc|mnt|net|pid|time|user|uts)"
facts = re.compile(r"max_\S*_namespaces|\b" + NS + r"_for_children\b|/ns/|"
                   r"\bCONFIG_(USER|UTS|IPC|PID|NET|TIME)_NS\b")
flag = re.compile(r"\bCLONE_NEW[A-Z]+\b")
comment = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)

def strip(text):
    # Blank comments out, keeping line numbers.
    return comment.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)

def check(f, text):
    hits = []
    for no, line in enumerate(strip(text).split("\n"), 1):
        hit = facts.search(line)
        if not hit and f.startswith(("harness/", "reports/")):
            hit = flag.search(line)
        if hit:
            hits.append(f"{f}:{no}: namespace fact '{hit.group(0)}' outside harness/ns.c: {line.strip()}")
    return hits

# The check must be able to fail: planted facts are found, comments are not.
planted = {
    ("harness/x.c", 'snprintf(p, n, "user.max_%s_namespaces", ns);'): 1,
    ("harness/x.c", "const char *k = \"user.max_uts_namespaces\";"): 1,
    ("cases/a/b.c", 'stat("/proc/self/ns/net", &st);'): 1,
    ("fixtures/x.c", 'open("time_for_children", 0);'): 1,
    ("cases/a/b.c", '.kconfigs = NSC_KCONFIGS("CONFIG_UTS_NS"),'): 1,
    ("harness/x.c", "if (flags & CLONE_NEWUSER)"): 1,
    ("reports/x.c", "x = CLONE_NEWNET;"): 1,
    ("cases/a/b.c", ".clone_flags = CLONE_NEWUTS,"): 0,
    ("harness/x.c", "/* CLONE_NEWUSER and user.max_user_namespaces */ x = 1;"): 0,
    ("harness/x.c", "x = 1; // see /proc/self/ns/net"): 0,
}
for (f, text), want in planted.items():
    if len(check(f, text)) != want:
        print(f"lint.ns_facts: self-test failed on {f}: {text!r} (want {want} finding(s))")
        sys.exit(2)

bad = 0
for f in files:
    if f == "harness/ns.c":
        continue
    try:
        text = open(f, encoding="utf-8").read()
    except FileNotFoundError:
        continue
    for h in check(f, text):
        print(h)
        bad += 1
if bad:
    print(f"lint.ns_facts: {bad} namespace fact(s) outside the table (see harness/ns.h)")
    sys.exit(1)
print(f"lint.ns_facts: {len(files)} files, no namespace fact outside harness/ns.c")
PY
