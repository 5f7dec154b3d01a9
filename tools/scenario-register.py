#!/usr/bin/env python3
"""Print the parameter register of the scenario library as a Markdown table.

Usage: python3 tools/scenario-register.py [RENTBRIDGE]   (default ./rentbridge)

Runs every scenario file under scenarios/ once (--replications 1) and reads the
parameters.csv the engine writes (every real value used, with its low/high,
source, file and line).  A value that lives in a shared include file appears once,
at its file and line, under the name its item has in the single scenarios
(scenarios/network.cfg, run last, names some items per municipality, e.g.
shelter_110_aarhus, but takes every number from the same files).  Paste the output
into scenarios/README.md ("Parameter register") after changing a number.
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
    # The network last: its values are the single scenarios' (same files and lines).
    return sorted(out, key=lambda p: (p == "scenarios/network.cfg", p))


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
        (r"offers_per_month$", "prob./md"), (r"flats_per_month$", "flats/md"), (r"per_month$", "kr/md"),
        (r"one_off$", "kr"),
        (r"rent\.(median|low|high)$", "kr/md"), (r"rent\.sigma$", "log-sd"), (r"utilities$", "kr/md"),
        (r"area_m2$", "m²"), (r"gross$", "kr/md"), (r"production_factor$", "factor"),
        (r"almene_share$", "share of offers"), (r"boform_payment$", "kr/md"), (r"share$", "share of net"),
        (r"kommuneskat$", "rate"), (r"discount_rate$", "rate/år"), (r"mcpf$", "factor"), (r"cap$", "kr/md"),
        (r"relocation_cost$", "kr"), (r"p_rehoused_at_end$", "prob."), (r"transitions\.activity", "prob./md"),
        (r"transitions\..*\.scale$", "factor"), (r"transitions\.", "prob./md"), (r"min_left$|amount$", "kr/md"),
    ]
    for pat, u in rules:
        if re.search(pat, k):
            return u
    return ""


def cost_names(resolved):
    """The cost items' names in list order, from the resolved scenario.cfg the
    engine writes (rb_scenario_write: one `  { name = "..."` line per item)."""
    names, in_costs = [], False
    for ln in open(resolved, encoding="utf-8"):
        if ln.startswith("costs = ("):
            in_costs = True
        elif in_costs and ln.startswith(")"):
            break
        elif in_costs:
            m = re.match(r'  \{ name = "([^"]+)"', ln)
            if m:
                names.append(m.group(1))
    return names


def main():
    rows = {}
    seen = set()
    with tempfile.TemporaryDirectory() as tmp:
        for i, f in enumerate(scenario_files()):
            out = os.path.join(tmp, f"r{i}")
            subprocess.run([RB, "run", f, "--out", out, "--replications", "1", "--quiet"], check=True)
            names = cost_names(os.path.join(out, "scenario.cfg"))
            with open(os.path.join(out, "parameters.csv"), encoding="utf-8") as fh:
                for r in csv.DictReader(fh):
                    file = os.path.normpath(r["file"])
                    line = int(r["line"] or 0)
                    if f == "scenarios/network.cfg" and ((file, line) in seen or r["key"] == "scenario.kommuneskat"):
                        # Listed already; or the network's scenario-wide kommuneskat, the
                        # rules' average, which no group uses (each has its own).
                        continue
                    seen.add((file, line))
                    name = "support_*" if file.endswith("price-support-hour.cfg") else None
                    key = re.sub(r"^costs\.\[(\d+)\]", lambda m: "costs." + (name or names[int(m.group(1))]),
                                 r["key"])
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
