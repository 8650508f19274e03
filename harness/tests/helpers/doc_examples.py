#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Print the runnable examples of the documentation, one command a line.

    doc_examples.py README.md harness/nscheck.1

README.md: every line of every fenced block marked ```sh.  The man page:
every line between .EX and .EE in its EXAMPLES section, roff escapes
undone (\\- -> -, \\(aq -> ', \\(dq -> ", \\e -> \\).  Each line is printed
as "FILE:LINE<TAB>command".
"""
import re
import sys


def readme(path):
    inside = False
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith("```"):
            inside = line.strip() == "```sh" if not inside else False
            continue
        if inside and line.strip():
            yield n, line


def man(path):
    section = inside = False
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if line.startswith(".SH"):
            section = line.split(None, 1)[1:] == ["EXAMPLES"]
        elif section and line == ".EX":
            inside = True
        elif line == ".EE":
            inside = False
        elif section and inside and line.strip():
            for a, b in (("\\-", "-"), ("\\(aq", "'"), ("\\(dq", '"'), ("\\e", "\\")):
                line = line.replace(a, b)
            if re.search(r"\\[(*fs]", line):
                sys.exit(f"{path}:{n}: roff escape left in example: {line}")
            yield n, line


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    for path, fn in ((sys.argv[1], readme), (sys.argv[2], man)):
        for n, line in fn(path):
            print(f"{path}:{n}\t{line}")


if __name__ == "__main__":
    main()
