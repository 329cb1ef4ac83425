#!/bin/sh
# run-corpus.sh -- build everything and run the extractor on corpus/.
# Installs what is missing first (Debian packages). Writes every section and
# finding to build/corpus.jsonl and prints a summary and the first targets.
set -eu
cd "$(dirname "$0")/.."
. tests/deps.sh
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
./build/examples/zc-extract -j 2 --sections --meta corpus/seeds/*.txt corpus/national/*.txt \
    corpus/genres/*.txt > build/corpus.jsonl
python3 - <<'PY'
import collections, json
c = collections.Counter()
for line in open("build/corpus.jsonl", encoding="utf-8"):
    r = json.loads(line)
    if r["type"] != "meta":
        c[r["type"] if r["type"] == "section" else r["role"] + "/" + r["status"]] += 1
print("corpus/: %d sections, %d commitments (%d targets, %d achieved, %d rules), %d other quantities"
      % (c["section"], sum(v for k, v in c.items() if k.startswith("commitment/")),
         c["commitment/target"], c["commitment/achieved"], c["commitment/rule"],
         sum(v for k, v in c.items() if k.startswith(("quantity/", "qualifier/")))))
print("all of it, one JSON object a line: build/corpus.jsonl\n")
PY
./build/examples/zc-extract --format text --only targets corpus/seeds/xixian-2023-plan.txt | head -12
echo
echo "the panel of the national reports, GDP (zc-extract --panel):"
./build/examples/zc-extract --panel -f tsv -j 2 corpus/national/*.txt > build/panel.tsv
python3 - <<'PY'
import csv
bound = {"approx": "≈", "at_least": "≥", "at_most": "≤", "exact": "", "range": ""}
print("year  target     achieved   met")
for r in csv.DictReader(open("build/panel.tsv", encoding="utf-8"), delimiter="\t"):
    if r["indicator"] != "gdp" or int(r["year"]) < 2012:
        continue
    t = r["target_value"] and bound[r["target_bound"]] + r["target_value"] + \
        ("-" + r["target_value_max"] if r["target_value_max"] else "") + r["target_unit"]
    a = r["achieved_value"] and r["achieved_value"] + r["achieved_unit"]
    print(f"{r['year']}  {t or '-':10} {a or '-':10} {r['met']}")
PY
echo "every row: build/panel.tsv"
