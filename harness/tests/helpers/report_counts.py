#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Every report of one run agrees with the per-case records and the counts.

    report_counts.py EXPECT [--json F] [--tap F] [--junit F] [--ktap F]
                            [--console F]

EXPECT is a file of "id STATUS" lines: the per-case records the run must
have produced, in report order.  Each report given is read on its own
(no report is trusted to check another): its per-case entries must be
exactly EXPECT, and every total it declares must equal the counts of
EXPECT:
  JSON     cases[] (id, status) and summary {pass, fail, skip, error, total}
  TAP      the plan, "ok/not ok N - id", "# SKIP", severity in the YAML
           block (fail or error) and the "# pass P, fail F, ..." line
  JUnit    testcases (classname.name, status element), and per suite and
           overall tests, failures, errors, skipped (where declared)
  KTAP     "ok/not ok", "# SKIP", "# ERROR" in the per-namespace
           subtests, their plans, the top-level plan and the "# Totals:" line
  console  the summary line "nscheck: P passed, F failed, S skipped, E errors"
Exits 1 naming the first disagreement; prints one line per format read.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

KINDS = ("PASS", "FAIL", "SKIP", "ERROR")


def die(msg):
    sys.exit(f"report_counts: {msg}")


def tally(records):
    c = {k: 0 for k in KINDS}
    for _, st in records:
        c[st] += 1
    c["total"] = len(records)
    return c


def same(fmt, what, got, want):
    if got != want:
        die(f"{fmt}: {what} is {got}, want {want}")


def check_records(fmt, got, want):
    if got != want:
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                die(f"{fmt}: record {i + 1} is {g}, want {w}")
        die(f"{fmt}: {len(got)} records, want {len(want)}")


def read_json(path, want):
    d = json.load(open(path, encoding="utf-8"))
    got = [(c["id"], c["status"].upper()) for c in d["cases"]]
    check_records("JSON", got, want)
    c = tally(want)
    s = d["summary"]
    for k, key in (("PASS", "pass"), ("FAIL", "fail"), ("SKIP", "skip"),
                   ("ERROR", "error"), ("total", "total")):
        same("JSON", f"summary.{key}", s[key], c[k])


def read_tap(path, want):
    lines = open(path, encoding="utf-8").read().splitlines()
    c = tally(want)
    plans = [l for l in lines if re.fullmatch(r"1\.\.\d+", l)]
    same("TAP", "plan", plans, [f"1..{c['total']}"])
    got, cur = [], None
    for l in lines:
        m = re.match(r"(not )?ok (\d+) - (\S+)( # SKIP.*)?$", l)
        if m:
            same("TAP", f"test number of {m.group(3)}", int(m.group(2)), len(got) + 1)
            cur = [m.group(3), "SKIP" if m.group(4) else "PASS" if not m.group(1) else None]
            if m.group(4) and m.group(1):
                die(f"TAP: 'not ok ... # SKIP' for {m.group(3)}")
            got.append(cur)
            continue
        m = re.match(r"  severity: (\w+)$", l)
        if m and cur and cur[1] is None:
            cur[1] = {"fail": "FAIL", "error": "ERROR"}.get(m.group(1), m.group(1))
    for g in got:
        if g[1] is None:
            die(f"TAP: 'not ok' {g[0]} without a severity")
    check_records("TAP", [tuple(g) for g in got], want)
    summ = [l for l in lines if l.startswith("# pass ")]
    if len(summ) != 1:
        die(f"TAP: {len(summ)} summary lines")
    m = re.match(r"# pass (\d+), fail (\d+), skip (\d+), error (\d+), total (\d+)", summ[0])
    if not m:
        die(f"TAP: summary line '{summ[0]}'")
    same("TAP", "summary (pass, fail, skip, error, total)",
         tuple(int(x) for x in m.groups()),
         (c["PASS"], c["FAIL"], c["SKIP"], c["ERROR"], c["total"]))


def junit_status(tc):
    kids = [k.tag for k in tc if k.tag in ("failure", "error", "skipped")]
    if len(kids) > 1:
        die(f"JUnit: {tc.get('name')}: {len(kids)} status elements")
    return {"failure": "FAIL", "error": "ERROR", "skipped": "SKIP"}.get(
        kids[0] if kids else None, "PASS")


def junit_totals(fmt, elem, cases):
    c = tally(cases)
    for attr, k in (("tests", "total"), ("failures", "FAIL"), ("errors", "ERROR"),
                    ("skipped", "SKIP")):
        v = elem.get(attr)
        if v is None:
            if attr in ("tests", "failures", "errors") or elem.tag == "testsuite":
                die(f"{fmt}: no {attr} attribute")
            continue
        same(fmt, attr, int(v), c[k])


def read_junit(path, want):
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    got = []
    for s in suites:
        cases = [(f"{tc.get('classname')}.{tc.get('name')}", junit_status(tc))
                 for tc in s.findall("testcase")]
        junit_totals(f"JUnit suite {s.get('name')}", s, cases)
        got += cases
    # Suites group by namespace: compare as sets of records, order aside.
    check_records("JUnit", sorted(got), sorted(want))
    if root.tag == "testsuites":
        junit_totals("JUnit testsuites", root, want)


def read_ktap(path, want):
    lines = open(path, encoding="utf-8").read().splitlines()
    c = tally(want)
    if not lines or lines[0] != "KTAP version 1":
        die("KTAP: no 'KTAP version 1' first line")
    got, subtests, plan, sub_plan, sub_n = [], 0, None, None, 0
    for l in lines:
        if re.fullmatch(r"1\.\.\d+", l):
            plan = int(l[3:])
        elif re.fullmatch(r"  1\.\.\d+", l):
            sub_plan, sub_n = int(l[5:]), 0
        m = re.match(r"  (not )?ok (\d+) (\S+)( # (SKIP|ERROR)\b.*)?$", l)
        if m:
            sub_n += 1
            same("KTAP", f"test number of {m.group(3)}", int(m.group(2)), sub_n)
            d = m.group(5)
            if d == ("SKIP" if m.group(1) else "ERROR"):
                die(f"KTAP: '{l.strip()}'")
            st = d or ("FAIL" if m.group(1) else "PASS")
            got.append((m.group(3), st))
        m = re.match(r"(not )?ok (\d+) (\S+)", l)
        if m:  # a namespace's subtest result: not ok iff a case in it is
            subtests += 1
            same("KTAP", f"plan of subtest {m.group(3)}", sub_plan, sub_n)
            bad = any(st in ("FAIL", "ERROR") for _, st in got[len(got) - sub_n:])
            same("KTAP", f"subtest {m.group(3)} not ok", bool(m.group(1)), bad)
    same("KTAP", "top-level plan", plan, subtests)
    # Subtests group by namespace: compare as sets of records, order aside.
    check_records("KTAP", sorted(got), sorted(want))
    tot = [l for l in lines if l.startswith("# Totals:")]
    if len(tot) != 1:
        die(f"KTAP: {len(tot)} '# Totals:' lines")
    m = re.fullmatch(r"# Totals: pass:(\d+) fail:(\d+) xfail:0 xpass:0 skip:(\d+) error:(\d+)",
                     tot[0])
    if not m:
        die(f"KTAP: totals line '{tot[0]}'")
    same("KTAP", "totals (pass, fail, skip, error)", tuple(int(x) for x in m.groups()),
         (c["PASS"], c["FAIL"], c["SKIP"], c["ERROR"]))


def read_console(path, want):
    text = open(path, encoding="utf-8").read()
    m = re.findall(r"nscheck: (\d+) passed, (\d+) failed, (\d+) skipped, (\d+) errors", text)
    if len(m) != 1:
        die(f"console: {len(m)} summary lines in {text!r}")
    c = tally(want)
    same("console", "summary (passed, failed, skipped, errors)",
         tuple(int(x) for x in m[0]), (c["PASS"], c["FAIL"], c["SKIP"], c["ERROR"]))


def main():
    args = sys.argv[1:]
    if not args or len(args) % 2 != 1:
        sys.exit(__doc__)
    want = [tuple(l.split()[:2]) for l in open(args[0]) if l.strip()]
    for _, st in want:
        if st not in KINDS:
            die(f"bad status {st} in {args[0]}")
    readers = {"--json": read_json, "--tap": read_tap, "--junit": read_junit,
               "--ktap": read_ktap, "--console": read_console}
    for opt, path in zip(args[1::2], args[2::2]):
        if opt not in readers:
            sys.exit(__doc__)
        readers[opt](path, want)
        print(f"report_counts: {opt[2:]} agrees: {tally(want)}")


if __name__ == "__main__":
    main()
