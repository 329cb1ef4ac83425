#!/usr/bin/env python3
"""Check that every finding's amount (value × scale) is the number its text
writes, on the whole bundled corpus: the text is read again here, by a
reader of its own (Arabic digits with their group commas, Chinese numerals
with 十 百 千 万 亿 and 点, the magnitude word after them, 多/余 between),
independent of the library's. Ranges, table cells (their magnitude is the
column's) and texts this reader does not know are passed over; the rest
must agree to a part in 10⁹.

It found, when written, Chinese numbers with 亿 before a trailing 万 read
10⁴ times too large (十二亿一千万人) and 亿人次 read as 1.2 visits.

usage: check_values.py ZC_EXTRACT CORPUS_DIR
"""
import json
import os
import re
import subprocess
import sys
import unicodedata

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
BIG = {"万": 1e4, "亿": 1e8}
MAGNITUDES = {"万亿": 1e12, "万万": 1e8, "万": 1e4, "亿": 1e8}


def chinese(s: str):
    """The value of a Chinese numeral (no magnitude word after it), or None."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        v = chinese(whole) if whole else 0
        if v is None or not frac or any(c not in DIGITS for c in frac):
            return None
        return v + sum(DIGITS[c] * 10 ** -(i + 1) for i, c in enumerate(frac))
    total = section = 0
    digit = None
    for c in s:
        if c in DIGITS:
            digit = DIGITS[c]
        elif c in SMALL:
            section += (1 if digit is None else digit) * SMALL[c]
            digit = None
        elif c in BIG:
            section += digit or 0
            digit = None
            total = (total + section) * BIG[c] if BIG[c] == 1e8 else total + section * BIG[c]
            section = 0
        else:
            return None
    return total + section + (digit or 0)


NUMBER = re.compile(r"^(?:百分之)?(?:([0-9][0-9,]*(?:\.[0-9]+)?)|([零〇○一二两三四五六七八九十百千万亿点]+))"
                    r"(万亿|万万|万|亿|千)?(多|余)?(万亿|万|亿)?")


def amount(text: str):
    """The amount the text of a finding writes, or None if not read here."""
    t = unicodedata.normalize("NFKC", text)
    t = re.sub(r"[\s\u200b]", "", t)
    if "、" in t:
        return None  # a list's items joined by a line break: not one number
    m = NUMBER.match(t)
    if not m:
        return None
    arabic, cn, mag, _, mag2 = m.groups()
    rest = t[m.end():]
    if mag == "千" and (cn or rest.startswith(("瓦", "米", "克", "伏"))):
        return None  # 千瓦, 千米: a unit of its own, not a magnitude
    if arabic:
        v = float(arabic.replace(",", ""))
        scale = MAGNITUDES.get(mag, 1e3 if mag == "千" else 1)
    else:
        # a numeral's trailing 万/亿, before or after 多, are part of it as
        # Chinese writes it (十二亿一千万 = 12×10⁸ + 1000×10⁴, 五亿二千多万
        # the same); 万万 is the older 亿
        run = (cn + (mag or "") + (mag2 or "")).replace("万万", "亿")
        mag2 = None
        if all(c in "万亿" for c in run):  # 万亿元, 亿人次: a magnitude alone
            v, scale = 1.0, 1.0
            for c in run:
                scale *= BIG[c]
        else:
            v, scale = chinese(run), 1.0
            if v is None:
                return None
    # 4万多亿元, 3千多万: a larger magnitude after 多 multiplies the first
    if mag2:
        scale *= MAGNITUDES[mag2]
    return v * scale


def main() -> int:
    extractor, corpus = sys.argv[1], sys.argv[2]
    files = sorted(os.path.join(corpus, d, f) for d in ("national", "seeds", "genres")
                   for f in os.listdir(os.path.join(corpus, d)) if f.endswith(".txt"))
    out = subprocess.run([extractor, *files], capture_output=True, text=True, check=True).stdout
    checked = wrong = 0
    for line in out.splitlines():
        r = json.loads(line)
        if r.get("type") not in ("commitment", "quantity") or r["bound"] == "range" or \
                "table" in r["flags"]:
            continue
        want = amount(r["text"])
        if want is None:
            continue
        checked += 1
        got = r["value"] * r["scale"]
        if abs(got - want) > 1e-9 * max(1.0, abs(want)):
            wrong += 1
            print(f"{r['doc']}:{r['start']}: {r['text']!r} is {r['value']} x {r['scale']} = {got:g}, "
                  f"the text writes {want:g}")
    print(f"{checked} amounts checked, {wrong} wrong")
    return 1 if wrong or checked < 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
