#!/usr/bin/env python3
"""Print the parameter register of the scenario library as a Markdown table.

Usage: python3 tools/scenario-register.py [RENTBRIDGE]   (default ./rentbridge)

Runs every scenario file under scenarios/ once (--replications 1) and reads the
parameters.csv the engine writes (every real value used, with its low/high,
source, file and line).  A value that lives in a shared include file appears once,
at its file and line.  Paste the output into scenarios/README.md ("Parameter
register") after changing a number.
"""
import csv
import os
import re
import subprocess
import sys
import tempfile

RB = sys.argv[1] if len(sys.argv) > 1 else "./rentbridge"


def scenario_files():
    out = []
    for root, dirs, files in os.walk("scenarios"):
        dirs.sort()
        if root.startswith(("scenarios/common", "scenarios/rules")):
            continue
        for f in sorted(files):
            p = os.path.join(root, f)
            if p in ("scenarios/example.cfg", "scenarios/bench.cfg"):
                continue  # the format's example and the benchmark are not part of the library
            if f.endswith(".cfg") and re.search(r"^\s*format\s*=", open(p, encoding="utf-8").read(), re.M):
                out.append(p)
    return sorted(out)


def unit(key):
    k = key
    if re.search(r"^costs\.support[^.]*\.per_month\.values", k):
        return "h/md"
    if re.search(r"^costs\.support[^.]*\.per_month\.scale$", k):
        return "kr/t"
    if re.search(r"^costs\.arrears\.per_month\.values", k):
        return "factor"
    if re.search(r"^costs\.arrears\.per_month\.scale$", k):
        return "kr"
    rules = [
        (r"per_day$", "kr/døgn"), (r"per_month\.values", "see file"), (r"per_month\.scale$", "see file"),
        (r"per_month$", "kr/md"), (r"one_off$", "kr"), (r"offers_per_month$", "prob./md"),
        (r"rent\.(median|low|high)$", "kr/md"), (r"rent\.sigma$", "log-sd"), (r"utilities$", "kr/md"),
        (r"area_m2$", "m²"), (r"gross$", "kr/md"), (r"production_factor$", "factor"), (r"share$", "share of net"),
        (r"kommuneskat$", "rate"), (r"discount_rate$", "rate/år"), (r"mcpf$", "factor"), (r"cap$", "kr/md"),
        (r"relocation_cost$", "kr"), (r"p_rehoused_at_end$", "prob."), (r"transitions\.activity", "prob./md"),
        (r"transitions\..*\.scale$", "factor"), (r"transitions\.", "prob./md"), (r"min_left$|amount$", "kr/md"),
    ]
    for pat, u in rules:
        if re.search(pat, k):
            return u
    return ""


_lines = {}


def item_name(path, line):
    """The name of the cost item a line of a scenario file belongs to: the nearest
    `name = "..."` at or above the line."""
    if path not in _lines:
        _lines[path] = open(path, encoding="utf-8").read().split("\n")
    for ln in range(min(line, len(_lines[path])) - 1, -1, -1):
        m = re.search(r'\bname\s*=\s*"([^"]+)"', _lines[path][ln])
        if m:
            return m.group(1)
    return "?"


def main():
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(scenario_files()):
            out = os.path.join(tmp, f"r{i}")
            subprocess.run([RB, "run", f, "--out", out, "--replications", "1", "--quiet"], check=True)
            with open(os.path.join(out, "parameters.csv"), encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    file = os.path.normpath(r["file"])
                    line = int(r["line"] or 0)
                    name = "support_*" if file.endswith("price-support-hour.cfg") else item_name(file, line)
                    key = re.sub(r"^costs\.\[(\d+)\]", lambda m: "costs." + name, r["key"])
                    key = re.sub(r"^groups\.\[\d+\]", "groups.*", key)
                    rows.setdefault((file, line, key), r)
    print("| file:line | key | unit | value | low–high | source |")
    print("| --- | --- | --- | --- | --- | --- |")
    for (file, line, key), r in sorted(rows.items()):
        rng = f"{r['low']}–{r['high']}" if r["low"] != "" else "(fixed)"
        src = r["source"] or "see the comment in the file"
        print(f"| {file.replace('scenarios/', '')}:{line} | `{key}` | {unit(key)} | {r['value']} | {rng} | {src} |")


if __name__ == "__main__":
    main()
