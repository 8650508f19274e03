#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Terminating signals at random moments (issue 10 item 7).

    signal_storm.py RUNS NSCHECK DIR [CASE...]

RUNS times: start NSCHECK with --tap, --json and --junit reports in a
fresh directory under DIR, wait until it has blocked its terminating
signals (SigBlk in /proc/PID/status: from then on no such signal may kill
it), sleep a random 0-60 ms and send a random catchable terminating
signal N.  Every run must then end by exit(128+N) (never killed by the
signal), or exit normally when it had finished before the signal came;
leave exactly its three reports (no temp file); and the reports must be
whole documents, marked interrupted unless every record is there.
Prints one summary line; exits 1 with the failures listed.
"""
import json
import os
import random
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

SIGNALS = [signal.SIGHUP, signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGUSR1,
           signal.SIGUSR2, signal.SIGALRM, signal.SIGPIPE, signal.SIGXCPU, signal.SIGXFSZ,
           signal.SIGVTALRM, signal.SIGPROF, signal.SIGIO, signal.SIGPWR,
           signal.SIGRTMIN, signal.SIGRTMIN + 5, signal.SIGRTMAX]


def default_signals():
    """In the child: every signal of the test at its default action."""
    for s in SIGNALS:
        signal.signal(s, signal.SIG_DFL)


def blocked(pid, sig):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("SigBlk:"):
                    return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    except OSError:
        pass
    return False


def check_reports(d, interrupted_ok):
    """Problems with the reports in d, as a list of strings."""
    bad = []
    names = sorted(os.listdir(d))
    if names != ["r.json", "r.tap", "r.xml"]:
        return [f"files {names}"]
    with open(os.path.join(d, "r.json")) as f:
        doc = json.load(f)
    full = len(doc["cases"]) == doc["planned"]
    if doc["interrupted"] == full and not (full and doc["interrupted"]):
        bad.append(f"JSON interrupted={doc['interrupted']} with {len(doc['cases'])}/{doc['planned']}")
    if doc["interrupted"] and not interrupted_ok:
        bad.append("JSON interrupted, but no signal reached the run")
    with open(os.path.join(d, "r.tap")) as f:
        tap = f.read().splitlines()
    points = [l for l in tap if l.startswith(("ok ", "not ok "))]
    if not tap or not tap[0].startswith("TAP version"):
        bad.append("TAP has no version line")
    if len(points) != len(doc["cases"]):
        bad.append(f"TAP has {len(points)} test points, JSON {len(doc['cases'])}")
    if doc["interrupted"] != any(l.startswith("Bail out!") for l in tap):
        bad.append("TAP 'Bail out!' disagrees with the JSON")
    ET.parse(os.path.join(d, "r.xml"))
    return bad


def main():
    runs, nscheck, top, cases = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    rnd = random.Random(int(os.environ.get("NSC_STORM_SEED", str(os.getpid()))))
    failures, outcome = [], {"interrupted": 0, "finished first": 0}
    for i in range(runs):
        d = os.path.join(top, f"run{i}")
        os.mkdir(d)
        sig = rnd.choice(SIGNALS)
        p = subprocess.Popen([nscheck, "--no-audit" if i % 2 else "-j2", f"--tap={d}/r.tap",
                              "--json", f"{d}/r.json", "--junit", f"{d}/r.xml"] + cases,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=default_signals)
        t0 = time.monotonic()
        while p.poll() is None and not blocked(p.pid, sig) and time.monotonic() - t0 < 5:
            time.sleep(0.0005)
        time.sleep(rnd.uniform(0, 0.06))
        sent = p.poll() is None
        if sent:
            try:
                os.kill(p.pid, sig)
            except ProcessLookupError:
                sent = False
        status = p.wait(timeout=60)
        name = signal.Signals(sig).name if sig in signal.Signals.__members__.values() else str(sig)
        where = f"run {i} ({name})"
        if status < 0:
            failures.append(f"{where}: killed by signal {-status}")
            continue
        if status == 128 + sig:
            outcome["interrupted"] += 1
        elif sent and status in (0, 1, 2, 4):
            # The signal came after exit() began: the run was complete.
            outcome["finished first"] += 1
        elif not sent and status in (0, 1, 2, 4):
            outcome["finished first"] += 1
        else:
            failures.append(f"{where}: exit {status}")
            continue
        try:
            failures += [f"{where}: {b}" for b in check_reports(d, status == 128 + sig)]
        except (OSError, ValueError, KeyError, ET.ParseError) as e:
            failures.append(f"{where}: unreadable report: {e}")
    print(f"signal_storm: {runs} runs, {outcome['interrupted']} interrupted (exit 128+N), "
          f"{outcome['finished first']} finished first, {len(failures)} failures")
    if failures:
        print("\n".join(failures[:20]))
        sys.exit(1)


if __name__ == "__main__":
    main()
