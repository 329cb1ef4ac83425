#!/bin/sh
# compare.sh [FILE...] -- zhengce beside Microsoft Recognizers-Text on the
# same files, in one run on one machine (default: five national reports).
#
# Recognizers-Text (the npm package @microsoft/recognizers-text-suite) is
# installed into a scratch folder for the run and never into the project.
# It reads numbers, percentages, currency and dimensions (what a commitment
# needs), timed inside Node; zhengce in memory too (zc-bench --quick).
# A benchmark, not a test.
set -eu
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || set -- corpus/national/2021-government-work-report.txt \
    corpus/national/2022-government-work-report.txt corpus/national/2023-government-work-report.txt \
    corpus/national/2024-government-work-report.txt corpus/national/2025-government-work-report.txt
bench=build/examples/zc-bench
[ -x "$bench" ] || { echo "build first: meson setup build && ninja -C build"; exit 1; }
copy=$(mktemp -d)
cp "$@" "$copy/"
echo "zhengce (in memory, the whole pipeline; zc-bench --quick):"
"$bench" --quick "$copy" | sed -n '3,4p'
rm -rf "$copy"
command -v npm >/dev/null || { echo "npm is not installed: Recognizers-Text skipped"; exit 0; }
peer=$(mktemp -d)
trap 'rm -rf "$peer"' EXIT
(cd "$peer" && npm install --no-audit --no-fund --silent @microsoft/recognizers-text-suite >/dev/null 2>&1) ||
    { echo "npm install failed: Recognizers-Text skipped"; exit 0; }
cp examples/peers/recognizers-text.js "$peer/"
NODE_PATH="$peer/node_modules" node "$peer/recognizers-text.js" "$@"
