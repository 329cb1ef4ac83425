#!/usr/bin/env python3
"""Score zc-extract against the hand-checked gold findings and headings in
tests/data/gold (copies of the project's shared gold files) and fail when
quality falls below the project's bar.

The gold is scored in two groups, because they stand at different places:
work plans and reviews (the development-zone documents the library was
first built on) and the other genres (a regulation, a communiqué, a plan
outline, an action plan). Each group has its own bars; a bar only ever
moves up.

usage: check_gold.py ZC_EXTRACT CORPUS_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "data", "gold")

GROUPS = {
    "work plans": ["xixian-2023-plan", "chongqing-hitech-2023-review-2024-plan",
                   "xiamen-torch-2022-review-2023-plan"],
    "genres": ["guangdong-air-pollution-regulation-2022", "chengdu-2021-statistical-communique",
               "huangpu-heritage-plan-2021", "jingan-urban-renewal-action-plan-2023"],
}

BARS = {
    "work plans": {"commitments_f1": 0.95, "exact_commitments": 0.90, "sections_f1": 0.98,
                   "subject_exact": 0.88, "indicator_recall": 0.92},
    "genres": {"commitments_f1": 0.95, "exact_commitments": 0.95, "sections_f1": 0.99,
               "subject_exact": 0.91},
}


def score_group(extractor, corpus, stems):
    with tempfile.TemporaryDirectory() as tmp:
        os.mkdir(os.path.join(tmp, "sections"))
        for stem in stems:
            for sub in ("", "sections"):
                src = os.path.join(GOLD, sub, stem + ".jsonl")
                if os.path.exists(src):
                    shutil.copy(src, os.path.join(tmp, sub, stem + ".jsonl"))
        out = subprocess.run(
            [sys.executable, os.path.join(HERE, "data", "evaluate.py"), extractor, "--gold", tmp,
             "--corpus", os.path.join(corpus, "seeds"), "--corpus", os.path.join(corpus, "national"),
             "--corpus", os.path.join(corpus, "genres"), "--json"],
            capture_output=True, text=True, check=True)
    pooled = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "commitments_f1": pooled["commitments"]["f1"],
        "exact_commitments": pooled["exact_commitments"],
        "sections_f1": pooled["sections"]["f1"],
        "subject_exact": pooled["subject_exact"],
        "indicator_recall": pooled["indicator_recall"],
        "section_parent": pooled["section_parent"],
    }


def main() -> int:
    extractor, corpus = sys.argv[1], sys.argv[2]
    bad = 0
    for group, stems in GROUPS.items():
        got = score_group(extractor, corpus, stems)
        for k, v in got.items():
            bar = BARS[group].get(k)
            ok = bar is None or v >= bar
            bad += not ok
            note = f"(bar {bar:.2f})" if bar is not None else "(no bar)"
            print(f"{group:11s} {k:20s} {v:.3f}  {note}  {'ok' if ok else 'BELOW'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
