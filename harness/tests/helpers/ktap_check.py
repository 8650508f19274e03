#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Read an nscheck KTAP report with the kernel's own parser and compare.

    ktap_check.py KUNIT_PY KTAP JSON

Runs "KUNIT_PY parse --json=... KTAP" (tools/testing/kunit/kunit.py from
the kernel source; ci/setup extracts it) and requires:
  - no parse error ("[ERROR]" lines) and a "Testing complete." summary;
  - one group per namespace, holding exactly that namespace's ids;
  - every case's parsed status equal to nscheck's JSON record (KUnit
    knows PASS, FAIL, SKIP: an nscheck ERROR is "not ok ... # ERROR",
    which kunit.py counts as failed, so ERROR must parse as FAIL and its
    KTAP line must carry the ERROR directive);
  - the summary's counts equal the JSON's;
  - kunit_parser files each case's own diagnostics under it: its log
    holds "control: <outcome>" with the outcome of its JSON record (a
    TAP 14 YAML block after a result line lands under the next test).
Prints "tests passed failed skipped" as kunit.py counted them.
"""
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import results  # noqa: E402  (records() of an nscheck JSON document)

KUNIT_STATUS = {"PASS": "PASS", "FAIL": "FAIL", "SKIP": "SKIP", "ERROR": "FAIL"}


def die(msg):
    sys.exit(f"ktap_check: {msg}")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    kunit, ktap, report = sys.argv[1:]
    with open(report, encoding="utf-8") as f:
        recs = list(results.records(json.load(f)))
    for r in recs:  # what reports/ktap.c writes as a name
        r["id"] = re.sub(r"[^A-Za-z0-9_.-]", "_", r["id"])
    want = {r["id"]: r["status"] for r in recs}
    with tempfile.TemporaryDirectory() as tmp:
        out_json = os.path.join(tmp, "k.json")
        p = subprocess.run([sys.executable, kunit, "parse", f"--json={out_json}", ktap],
                           capture_output=True, text=True, check=False)
        log = p.stdout + p.stderr
        if "[ERROR]" in log:
            die("kunit.py reports parse errors:\n" + log)
        m = re.search(r"Testing complete\. Ran (\d+) tests?:?(.*)", log)
        if not m:
            die("no 'Testing complete.' summary:\n" + log)
        counts = {"passed": 0, "failed": 0, "skipped": 0}
        for k, v in re.findall(r"(\w+): (\d+)", m.group(2)):
            counts[k] = int(v)
        total = int(m.group(1))
        with open(out_json, encoding="utf-8") as f:
            doc = json.load(f)
    got = {}
    for group in doc["sub_groups"]:
        for case in group["test_cases"]:
            ns = case["name"].split(".", 1)[0]
            if ns != group["name"]:
                die(f"{case['name']} filed under group {group['name']}")
            if case["name"] in got:
                die(f"{case['name']} twice")
            got[case["name"]] = case["status"]
    if set(got) != set(want):
        die(f"ids differ: only KTAP {sorted(set(got) - set(want))}, "
            f"only JSON {sorted(set(want) - set(got))}")
    for i, st in want.items():
        if got[i] != KUNIT_STATUS[st]:
            die(f"{i}: kunit.py parsed {got[i]}, nscheck's JSON says {st}")
    with open(ktap, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()
    for i, st in want.items():
        line = [x for x in lines if re.match(rf"\s*(not )?ok \d+ {re.escape(i)}( |$)", x)]
        if len(line) != 1:
            die(f"{i}: {len(line)} result lines")
        if (st == "ERROR") != (" # ERROR" in line[0]):
            die(f"{i} ({st}): result line {line[0]!r}")
    st = list(want.values())
    exp = (len(st), st.count("PASS"), st.count("FAIL") + st.count("ERROR"), st.count("SKIP"))
    cnt = (total, counts["passed"], counts["failed"], counts["skipped"])
    if cnt != exp:
        die(f"kunit.py counted {cnt} (tests passed failed skipped), JSON {exp}")
    if p.returncode != (0 if exp[2] == 0 else 1):
        die(f"kunit.py exited {p.returncode} with {exp[2]} failed")
    logs(kunit, ktap, recs)
    print(*cnt)


def logs(kunit, ktap, recs):
    """Each case's log, as kunit_parser files it, has its own control."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(kunit)))
    with contextlib.redirect_stdout(io.StringIO()):
        import kunit_parser  # pylint: disable=import-outside-toplevel
        with open(ktap, encoding="utf-8", errors="backslashreplace") as f:
            top = kunit_parser.parse_run_tests(f.read().splitlines())
    parsed = {t.name: t for g in top.subtests for t in g.subtests}
    for r in recs:
        want = f"control: {r['control']['outcome']}"
        log = [x.strip() for x in parsed[r["id"]].log]
        if not any(x.startswith("# " + want) for x in log):
            die(f"{r['id']}: kunit_parser's log for it lacks {want!r}: {log}")


if __name__ == "__main__":
    main()
