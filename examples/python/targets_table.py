#!/usr/bin/env python3
"""Year by year, the national targets for GDP growth, consumer prices (CPI)
and new urban jobs, read from the government work reports in corpus/.

    PYTHONPATH=python python3 examples/python/targets_table.py [corpus/national]
"""
import glob
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))
import zhengce  # noqa: E402

INDICATORS = {  # column: (subject words, unit)
    "GDP growth": (("国内生产总值", "经济增长", "GDP"), "%"),
    "CPI": (("居民消费价格", "物价"), "%"),
    "new urban jobs": (("城镇新增就业", "新增城镇就业", "城镇就业"), "人"),
}
BOUND = {"at_least": "≥", "at_most": "≤", "approx": "≈", "exact": "", "range": ""}


def show(f):
    if f is None:
        return "-"
    v = f"{f.value:g}"
    if f.bound == "range":
        v += f"-{f.value_max:g}"
    scale = {1e4: "万", 1e8: "亿"}.get(f.scale, "")
    return f"{BOUND[f.bound]}{v}{scale}{f.unit}"


def this_year(doc, f, year):
    """Is f in a section about this year (2016年重点工作, 今年…), not a
    five-year plan's goals?"""
    s = doc.sections[f.section]
    while s is not None:
        if year in s.title or "今年" in s.title:
            return True
        s = doc.sections[s.parent] if s.parent is not None else None
    return False


def targets(path, year):
    with open(path, encoding="utf-8") as fh:
        doc = zhengce.parse(fh.read())
    found = {}
    for f in doc.commitments:
        if f.status != "target" or f.role != "commitment":
            continue
        for name, (words, unit) in INDICATORS.items():
            if f.unit != unit or not any(w in f.subject for w in words):
                continue
            # the first match wins, but one in a section about this year wins over all
            if name not in found or (this_year(doc, f, year) and not this_year(doc, found[name], year)):
                found[name] = f
    return found


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join("corpus", "national")
    print(f"{'year':6}" + "".join(f"{name:>18}" for name in INDICATORS))
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        year = re.match(r"\d{4}", os.path.basename(path))
        if not year or int(year.group()) < 2004:
            continue
        found = targets(path, year.group())
        print(f"{year.group():6}" + "".join(f"{show(found.get(n)):>18}" for n in INDICATORS))


if __name__ == "__main__":
    main()
