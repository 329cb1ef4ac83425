#!/usr/bin/env python3
"""Score zc-extract against the hand-checked gold findings and headings in
tests/data/gold (copied from the project's shared gold files) and fail when
quality falls below the project's bar.

usage: check_gold.py ZC_EXTRACT CORPUS_DIR
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

BARS = {  # what the issues ask for, on these documents
    "commitments_f1": 0.95,
    "exact_commitments": 0.90,
    "sections_f1": 0.98,
}


def main() -> int:
    extractor, corpus = sys.argv[1], sys.argv[2]
    out = subprocess.run(
        [sys.executable, os.path.join(HERE, "data", "evaluate.py"), extractor,
         "--gold", os.path.join(HERE, "data", "gold"),
         "--corpus", os.path.join(corpus, "seeds"), "--corpus", os.path.join(corpus, "national"),
         "--json"], capture_output=True, text=True, check=True)
    pooled = json.loads(out.stdout.strip().splitlines()[-1])
    got = {
        "commitments_f1": pooled["commitments"]["f1"],
        "exact_commitments": pooled["exact_commitments"],
        "sections_f1": pooled["sections"]["f1"],
    }
    bad = 0
    for k, bar in BARS.items():
        ok = got[k] >= bar
        bad += not ok
        print(f"{k:20s} {got[k]:.3f}  (bar {bar:.2f})  {'ok' if ok else 'BELOW'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
