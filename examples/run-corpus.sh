#!/bin/sh
# run-corpus.sh -- build everything and run the extractor on corpus/.
# Installs what is missing first (Debian packages). Writes every section and
# finding to build/corpus.jsonl and prints a summary and the first targets.
set -eu
cd "$(dirname "$0")/.."
. tests/deps.sh
[ -d build ] || meson setup build >/dev/null
ninja -C build >/dev/null
./build/examples/zc-extract -j 2 --sections corpus/seeds/*.txt corpus/national/*.txt > build/corpus.jsonl
python3 - <<'PY'
import collections, json
c = collections.Counter()
for line in open("build/corpus.jsonl", encoding="utf-8"):
    r = json.loads(line)
    c[r["type"] if r["type"] == "section" else r["role"] + "/" + r["status"]] += 1
print("corpus/: %d sections, %d commitments (%d targets, %d achieved), %d other quantities"
      % (c["section"], sum(v for k, v in c.items() if k.startswith("commitment/")),
         c["commitment/target"], c["commitment/achieved"],
         sum(v for k, v in c.items() if k.startswith(("quantity/", "qualifier/")))))
print("all of it, one JSON object a line: build/corpus.jsonl\n")
PY
./build/examples/zc-extract --format text --only targets corpus/seeds/xixian-2023-plan.txt | head -12
