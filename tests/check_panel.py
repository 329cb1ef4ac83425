#!/usr/bin/env python3
"""Score zc-extract's panel (spec §4) against the hand-checked panel rows in
tests/data/panel (copies of the project's shared panel gold) and fail when a
file's share of rows right falls below the project's bar. A bar only ever
moves up.

usage: check_panel.py ZC_EXTRACT CORPUS_DIR
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PANEL = os.path.join(HERE, "data", "panel")

# rows right: national reports 2004-2014 (134 rows), development zones (30)
BARS = {"national-2004-2014.tsv": 0.98, "seeds.tsv": 1.0}


def main() -> int:
    extractor, corpus = sys.argv[1], sys.argv[2]
    dirs = [a for d in ("national", "seeds", "genres") for a in ("--corpus", os.path.join(corpus, d))]
    bad = 0
    for name, bar in BARS.items():
        out = subprocess.run([sys.executable, os.path.join(HERE, "data", "panel_score.py"), extractor,
                              os.path.join(PANEL, name), *dirs, "--json"],
                             capture_output=True, text=True, check=True)
        got = json.loads(out.stdout.strip().splitlines()[-1])
        ok = got["row_rate"] >= bar
        bad += not ok
        print(f"{name:24s} {got['right']}/{got['rows']} rows right ({got['row_rate']:.3f}, bar {bar:.2f})"
              f"  {'ok' if ok else 'BELOW'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
