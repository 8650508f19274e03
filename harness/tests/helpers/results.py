#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Read an nscheck JSON report for the integration tests.

    results.py statuses FILE     one line per record: "id STATUS reason"
    results.py interrupted FILE  exit 0 iff the document says interrupted
    results.py mode FILE         the environment's mode ("root", "rootless (...)")

Finds the records wherever the document keeps them (any object with
"id" and "status"), so it does not depend on the exact layout.
"""
import json
import sys


def records(node):
    if isinstance(node, dict):
        if isinstance(node.get("id"), str) and isinstance(node.get("status"), str):
            yield node
            return
        for v in node.values():
            yield from records(v)
    elif isinstance(node, list):
        for v in node:
            yield from records(v)


def find_key(node, key):
    if isinstance(node, dict):
        if key in node:
            return node[key]
        for v in node.values():
            r = find_key(v, key)
            if r is not None:
                return r
    elif isinstance(node, list):
        for v in node:
            r = find_key(v, key)
            if r is not None:
                return r
    return None


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    if sys.argv[1] == "statuses":
        for r in records(doc):
            reason = " ".join(str(r.get("reason") or "").split())
            print(f'{r["id"]} {r["status"].upper()} {reason}'.rstrip())
    elif sys.argv[1] == "interrupted":
        sys.exit(0 if find_key(doc, "interrupted") is True else 1)
    elif sys.argv[1] == "mode":
        print(find_key(doc, "mode"))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
