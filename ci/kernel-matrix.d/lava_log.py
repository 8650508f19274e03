#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Read one lava-run job's log: check it and extract nscheck's report.

    lava_log.py LAVA_OUTPUT_DIR REPORT.json [LAVA_RUN_LOG]

The log is YAML, one "{dt: ..., lvl: ..., msg: ...}" entry a line
(lava-run's own output; "- {...}" in a log file of the output directory).  From
the "target" lines (the serial console, lines ending in \\r\\r\\n) it takes
the TAP plan and the JSON report (base64) printed between NSCHECK-JSON-BEGIN and
NSCHECK-JSON-END; from the "results" lines the test results of the
monitors action.  Prints one status line; exit 0 when the job completed,
the result count equals the TAP plan and the report is a JSON document.
"""
import base64
import binascii
import glob
import json
import os
import re
import sys

import yaml


def entries(paths):
    for path in paths:
        try:
            lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("- {"):
                line = line[2:]
            if not line.startswith("{"):
                continue
            try:
                e = yaml.load(line, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            except yaml.YAMLError:
                continue
            if isinstance(e, dict):
                yield e


def main():
    outdir, report = sys.argv[1], sys.argv[2]
    paths = sorted(glob.glob(os.path.join(outdir, "**", "*.yaml"), recursive=True))
    if len(sys.argv) > 3:
        paths.append(sys.argv[3])
    target, results, status = [], [], None
    seen = set()
    for e in entries(paths):
        key = (e.get("dt"), e.get("lvl"), str(e.get("msg")))
        if key in seen:
            continue
        seen.add(key)
        msg = e.get("msg")
        # The console: "target" while an action reads it, "feedback" after.
        if e.get("lvl") in ("target", "feedback") and isinstance(msg, str):
            target.append(msg.rstrip("\r\n"))
        elif e.get("lvl") == "results" and isinstance(msg, dict):
            if msg.get("definition") == "lava":
                if msg.get("case") == "job":
                    status = msg.get("result")
            else:
                results.append(msg)
    plan = next((int(m.group(1)) for t in target if (m := re.match(r"^1\.\.(\d+)", t))), None)
    try:
        a = target.index("NSCHECK-JSON-BEGIN")
        b = target.index("NSCHECK-JSON-END", a)
        doc = base64.b64decode("".join(t.strip() for t in target[a + 1:b]), validate=True)
        doc = doc.decode("utf-8")
        json.loads(doc)
        open(report, "w", encoding="utf-8").write(doc)
        have_json = True
    except (ValueError, binascii.Error, UnicodeDecodeError):
        have_json = False
    problems = []
    if status != "pass":
        problems.append(f"LAVA job {status or 'incomplete (timeout?)'}")
    if plan is None:
        problems.append("no TAP plan on the console")
    elif len(results) != plan:
        problems.append(f"{len(results)} LAVA results, TAP plan {plan}")
    if not have_json:
        problems.append("no JSON report between the markers")
    counts = {}
    for r in results:
        counts[r.get("result")] = counts.get(r.get("result"), 0) + 1
    print(("ok" if not problems else "FAILED " + "; ".join(problems)) +
          f": {len(results)} results {counts}, plan {plan}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
