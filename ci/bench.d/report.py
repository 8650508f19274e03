#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Aggregate ci/bench's samples: medians, ratios against the baselines,
targets (informational: "met"/"missed"), a Markdown table on stdout and a
JSON document.

Samples directory (written by ci/bench):
  <name>                  one wall time in microseconds per line
  control.<rep>.json      nscheck --json reports of the six classic cases
  nocontrol.<rep>.json    the same with --no-control
  bare.<rep>              bare_clone output: "SET median_s min_s" lines
  rss_kib                 peak RSS (kB) per line, from /usr/bin/time -v
  ltp                     LTP containers runtest wall time (us) per line
  against_{rev,cur}_j{1,2}  with --against: `nscheck -j N IDS` of REV and of
                          this tree, wall time (us) per line
"""
import argparse
import datetime
import glob
import json
import os
import platform
import statistics
import subprocess
import sys

TARGET_ALL_S = 1.0
TARGET_ALL_J1_S = 0.5  # issues 13-15: the whole catalogue at -j 1
TARGET_CLASSIC_RATIO = 5.0
TARGET_OVERHEAD_RATIO = 1.5
TARGET_RSS_KIB = 8 * 1024
# --against: this tree / REV on the cases both list.  "No slowdown"
# (issue 11) with a margin for the noise of a shared machine (medians of
# short runs move by 10-20 % between invocations).
TARGET_AGAINST_RATIO = 1.1


def median(xs):
    return statistics.median(xs) if xs else None


def read_us(d, name):
    path = os.path.join(d, name)
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [int(line) / 1e6 for line in f if line.strip()]


def case_durations(d, prefix):
    """{case id: [duration_s per rep]} from the nscheck JSON reports."""
    out = {}
    for path in sorted(glob.glob(os.path.join(d, prefix + ".*.json"))):
        with open(path) as f:
            doc = json.load(f)
        for c in doc["cases"]:
            if c["status"] != "PASS":
                sys.exit("report.py: %s: %s is %s, not PASS: times would "
                         "measure something else" % (path, c["id"], c["status"]))
            out.setdefault(c["id"], []).append(float(c["duration_s"]))
    return out


def bare_times(d):
    """{set: [per-rep median_s]} from bare_clone's outputs."""
    out = {}
    for path in sorted(glob.glob(os.path.join(d, "bare.*"))):
        with open(path) as f:
            for line in f:
                name, med, _ = line.split()
                out.setdefault(name, []).append(float(med))
    return out


def first_line(path, key):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip() if ":" in line \
                        else line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def machine(nscheck, src):
    mem = first_line("/proc/meminfo", "MemTotal")
    try:
        version = subprocess.run([nscheck, "--version"], capture_output=True,
                                 text=True, check=False).stdout.split("\n")[0]
    except OSError:
        version = None
    try:
        commit = subprocess.run(["git", "-C", src, "describe", "--always",
                                 "--dirty"], capture_output=True, text=True,
                                check=False).stdout.strip()
    except OSError:
        commit = None
    return {
        "os": first_line("/etc/os-release", "PRETTY_NAME="),
        "kernel": platform.release(),
        "arch": platform.machine(),
        "cpu": first_line("/proc/cpuinfo", "model name"),
        "cpus": os.cpu_count(),
        "mem_total_kib": int(mem.split()[0]) if mem else None,
        "nscheck_version": version,
        "commit": commit,
    }


def fmt_s(s):
    if s is None:
        return "—"
    if s < 0.01:
        return "%.2f ms" % (s * 1e3)
    return "%.1f ms" % (s * 1e3) if s < 1 else "%.2f s" % s


def fmt_ratio(r):
    return "—" if r is None else "%.2f×" % r


def verdict(ok):
    return "—" if ok is None else ("met" if ok else "missed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--reps", type=int, required=True)
    ap.add_argument("--cases", type=int, required=True)
    ap.add_argument("--settle", type=float, default=0.0)
    ap.add_argument("--ltp-note", default="")
    ap.add_argument("--classic", required=True)
    ap.add_argument("--bare-sets", required=True)
    ap.add_argument("--nscheck", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--against", default="")
    ap.add_argument("--against-commit", default="")
    ap.add_argument("--against-ids", default="")
    a = ap.parse_args()
    d = a.samples
    classic = a.classic.split()
    sets = dict(zip(classic, a.bare_sets.split()))

    rows = []       # (what, median, baseline, ratio, target, verdict)
    doc = {
        "schema": "nscheck-bench/1",
        "date": datetime.datetime.now(datetime.timezone.utc)
        .strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(a.nscheck, a.src),
        "reps": a.reps,
        "settle_s": a.settle,
        "cases": a.cases,
    }

    # nscheck --all
    for j in (1, 2):
        xs = read_us(d, "all_j%d" % j)
        m = median(xs)
        # The catalogue issues ask 0.5 s at -j 1; the brief's table 1 s.
        target = TARGET_ALL_J1_S if j == 1 else TARGET_ALL_S
        ok = m < target
        doc["all_j%d" % j] = {"median_s": m, "samples_s": xs,
                              "target_s": target, "met": ok}
        rows.append(("`nscheck --all -j%d` (%d cases)" % (j, a.cases),
                     fmt_s(m), "", "", "< %g s" % target, verdict(ok)))

    # The six classic cases versus classic.sh.
    shell = read_us(d, "six_shell")
    sm = median(shell)
    doc["classic"] = {"cases": classic, "shell_median_s": sm,
                      "shell_samples_s": shell, "target_ratio": TARGET_CLASSIC_RATIO}
    for key, label in (("six_nscheck", "default -j"), ("six_nscheck_j1", "-j1")):
        xs = read_us(d, key)
        m = median(xs)
        r = sm / m
        ok = r >= TARGET_CLASSIC_RATIO
        doc["classic"]["nscheck_" + ("j1" if key.endswith("j1") else "default_j")] = {
            "median_s": m, "samples_s": xs, "speedup": r, "met": ok}
        rows.append(("six classic cases: nscheck (%s) vs ci/bench.d/classic.sh" % label,
                     fmt_s(m), fmt_s(sm), "%.2f× faster" % r, "≥ 5× faster",
                     verdict(ok)))

    # Harness overhead per case versus bare clone3 + wait of the same flags.
    ctl = case_durations(d, "control")
    noctl = case_durations(d, "nocontrol")
    bare = bare_times(d)
    doc["overhead"] = []
    sum_n = sum_b = 0.0
    for cid in classic:
        s = sets[cid]
        bm = median(bare.get(s, []))
        nm = median(noctl.get(cid, []))
        cm = median(ctl.get(cid, []))
        r = nm / bm if nm is not None and bm else None
        rc = cm / (2 * bm) if cm is not None and bm else None
        ok = None if r is None else r <= TARGET_OVERHEAD_RATIO
        if nm is not None and bm:
            sum_n += nm
            sum_b += bm
        fm = median(bare.get("fork/" + s, []))
        rf = nm / fm if nm is not None and fm else None
        base = "netns pair + veth (libnl)" if s == "veth" else \
            "clone3(%s)+wait" % s
        doc["overhead"].append({
            "id": cid, "bare_set": s, "bare_median_s": bm,
            "bare_fork_median_s": fm,
            "nscheck_no_control_median_s": nm,
            "nscheck_with_control_median_s": cm,
            "ratio": r, "ratio_vs_fork_bare": rf,
            "ratio_with_control_vs_2_bare": rc,
            "target_ratio": TARGET_OVERHEAD_RATIO, "met": ok,
            "samples": {"no_control_s": noctl.get(cid, []),
                        "with_control_s": ctl.get(cid, []),
                        "bare_s": bare.get(s, []),
                        "bare_fork_s": bare.get("fork/" + s, [])}})
        rows.append(("overhead `%s` --no-control vs bare %s" % (cid, base),
                     fmt_s(nm), fmt_s(bm), fmt_ratio(r), "≤ 1.5×", verdict(ok)))
        rows.append(("  …vs the same one process down (fork, then it; "
                     "nscheck's process model)", fmt_s(nm), fmt_s(fm),
                     fmt_ratio(rf), "", "—"))
        rows.append(("  …with its positive control (2 sandboxes) vs 2× bare",
                     fmt_s(cm), fmt_s(2 * bm if bm else None), fmt_ratio(rc),
                     "", "—"))
    if sum_b:
        r = sum_n / sum_b
        doc["overhead_total"] = {"nscheck_no_control_s": sum_n, "bare_s": sum_b,
                                 "ratio": r, "met": r <= TARGET_OVERHEAD_RATIO}
        rows.append(("overhead, the six summed (--no-control vs bare)",
                     fmt_s(sum_n), fmt_s(sum_b), fmt_ratio(r), "≤ 1.5×",
                     verdict(r <= TARGET_OVERHEAD_RATIO)))

    # Peak RSS.
    rss = read_us(d, "rss_kib")
    if rss:
        kib = median([x * 1e6 for x in rss])
        ok = kib < TARGET_RSS_KIB
        doc["peak_rss"] = {"measured": True, "median_kib": kib,
                           "samples_kib": [x * 1e6 for x in rss],
                           "target_kib": TARGET_RSS_KIB, "met": ok}
        rows.append(("peak RSS, `nscheck --all -j1` (/usr/bin/time -v)",
                     "%.1f MiB" % (kib / 1024), "", "", "< 8 MiB", verdict(ok)))
    else:
        doc["peak_rss"] = {"measured": False,
                           "reason": "/usr/bin/time missing (install 'time': ci/setup)"}
        rows.append(("peak RSS", "not measured (/usr/bin/time missing)", "", "",
                     "< 8 MiB", "—"))

    # LTP.
    ltp = read_us(d, "ltp")
    allm = doc["all_j1"]["median_s"]
    if ltp:
        m = median(ltp)
        doc["ltp"] = {"measured": True, "median_s": m, "samples_s": ltp,
                      "note": a.ltp_note, "ratio_vs_all_j1": m / allm}
        rows.append(("LTP containers runtest (%s)" % a.ltp_note, fmt_s(m),
                     fmt_s(allm), "%.1f× (LTP / nscheck --all -j1)" % (m / allm), "", "—"))
    else:
        doc["ltp"] = {"measured": False, "note": a.ltp_note}
        rows.append((a.ltp_note, "", "", "", "", "—"))

    # --against REV: the same cases, this tree versus REV.
    if a.against:
        ids = a.against_ids.split()
        short = a.against_commit[:12]
        doc["against"] = {"rev": a.against, "commit": a.against_commit,
                          "cases": len(ids), "ids": ids,
                          "target_ratio": TARGET_AGAINST_RATIO}
        for j in (1, 2):
            rev = read_us(d, "against_rev_j%d" % j)
            cur = read_us(d, "against_cur_j%d" % j)
            rm, cm = median(rev), median(cur)
            # Paired in each repetition (ci/bench c_pair): the median of
            # the pairs' ratios, which the machine's drift does not move.
            pairs = [c / p for p, c in zip(rev, cur) if p > 0]
            r = median(pairs)
            ok = None if r is None else r <= TARGET_AGAINST_RATIO
            doc["against"]["j%d" % j] = {
                "rev_median_s": rm, "rev_samples_s": rev,
                "current_median_s": cm, "current_samples_s": cur,
                "pair_ratios": pairs, "ratio": r, "met": ok}
            rows.append(("`nscheck -j%d` on the %d cases both list: this tree "
                         "vs %s (%s)" % (j, len(ids), a.against, short),
                         fmt_s(cm), fmt_s(rm),
                         "%s (this tree / %s; < 1 faster)" % (fmt_ratio(r), a.against),
                         "≤ %.1f× (no slowdown, noise margin)" % TARGET_AGAINST_RATIO,
                         verdict(ok)))

    mc = doc["machine"]
    print("nscheck bench: %s; %s, Linux %s %s, %s CPUs (%s), %s MiB RAM; "
          "medians of %d repetitions, competitors interleaved, %g s settle "
          "before each\n"
          % (mc["nscheck_version"], mc["os"], mc["kernel"], mc["arch"],
             mc["cpus"], mc["cpu"],
             mc["mem_total_kib"] // 1024 if mc["mem_total_kib"] else "?", a.reps,
             a.settle))
    print("| measurement | median | baseline | ratio | target | met |")
    print("|---|---:|---:|---:|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")

    tmp = a.json + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    os.replace(tmp, a.json)


if __name__ == "__main__":
    main()
