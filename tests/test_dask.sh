#!/bin/sh
# test_dask.sh ZC_EXTRACT CORPUS_DIR LIBZHENGCE -- the Dask example over the
# corpus with two workers writes, partition by partition, exactly what
# zc-extract prints for the same files in the same order, and the panel.
# Needs Debian's python3 with python3-dask (exit 77: skipped when missing).
set -eu
exe=$1
corpus=$2
lib=$3
here=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
"$py" -c "import dask.bag, dask.distributed" 2>/dev/null || { echo "no python3-dask: skipped"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ZHENGCE_LIBRARY=$lib "$py" "$here/examples/python/dask_corpus.py" --workers 2 "$corpus" "$out/run"
find "$corpus" -name '*.txt' | LC_ALL=C sort > "$out/paths"
# python's sorted() and sort(1) with LC_ALL=C agree on byte order
xargs "$exe" < "$out/paths" > "$out/want.jsonl"
cat "$out"/run/part-*.jsonl > "$out/got.jsonl"
cmp "$out/want.jsonl" "$out/got.jsonl"
[ -s "$out/run/panel.jsonl" ]
echo "dask: $(wc -l < "$out/got.jsonl") records equal to zc-extract's; $(wc -l < "$out/run/panel.jsonl") panel rows"
