#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Read an nscheck JUnit report the way CI servers do, with junitparser.

    junit_read.py counts FILE     "tests failures errors skipped" (from the cases)
    junit_read.py statuses FILE   one line per case: "classname.name STATUS"
    junit_read.py generic FILE    FILE without what the generic JUnit schema
                                  lacks (testcase/@file and testcase/properties),
                                  on stdout

counts also checks that every suite's declared totals equal its cases
and that the properties appear in exactly one suite.  Exits 1 with a
message on any disagreement.
"""
import sys
import xml.etree.ElementTree as ET

from junitparser import Error, Failure, JUnitXml, Skipped


def status(case):
    kinds = {type(r) for r in case.result}
    if len(case.result) > 1:
        sys.exit(f"{case.classname}.{case.name}: {len(case.result)} status elements")
    if Failure in kinds:
        return "FAIL"
    if Error in kinds:
        return "ERROR"
    if Skipped in kinds:
        return "SKIP"
    return "PASS"


def suites(path):
    xml = JUnitXml.fromfile(path)
    return list(xml) if isinstance(xml, JUnitXml) else [xml]


def counts(path):
    tot = {"tests": 0, "FAIL": 0, "ERROR": 0, "SKIP": 0}
    with_props = 0
    for s in suites(path):
        st = [status(c) for c in s]
        if (s.tests, s.failures, s.errors, s.skipped) != (
            len(st), st.count("FAIL"), st.count("ERROR"), st.count("SKIP")
        ):
            sys.exit(f"suite {s.name}: declared totals differ from its cases")
        with_props += any(True for _ in s.properties())
        tot["tests"] += len(st)
        for k in ("FAIL", "ERROR", "SKIP"):
            tot[k] += st.count(k)
    if with_props != 1:
        sys.exit(f"environment properties in {with_props} suites, want exactly 1")
    print(tot["tests"], tot["FAIL"], tot["ERROR"], tot["SKIP"])


def statuses(path):
    for s in suites(path):
        for c in s:
            print(f"{c.classname}.{c.name} {status(c)}")


def generic(path):
    tree = ET.parse(path)
    for c in tree.getroot().iter("testcase"):
        c.attrib.pop("file", None)
        for p in c.findall("properties"):
            c.remove(p)
    tree.write(sys.stdout.buffer, encoding="UTF-8", xml_declaration=True)


def main():
    cmds = {"counts": counts, "statuses": statuses, "generic": generic}
    if len(sys.argv) != 3 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](sys.argv[2])


if __name__ == "__main__":
    main()
