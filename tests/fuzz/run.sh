#!/bin/sh
# run.sh BUILD_DIR SECONDS -- a libFuzzer run seeded from corpus/, with the
# dictionary; new inputs go to a scratch folder, crashes to tests/fuzz/.
# For a long run: FUZZ_TARGET=fuzz_extract_fast FUZZ_ARGS="-max_len=4096 -jobs=2
# -workers=2" sh tests/fuzz/run.sh build-fuzz 8400 (later flags win).
set -eu
cd "$(dirname "$0")/../.."
build=$1
secs=$2
work=$(mktemp -d)
spec=$(mktemp -d)
trap 'rm -rf "$work" "$spec"' EXIT
# the spec examples are seeds too (one per rule of the commitment model)
python3 tests/run_spec.py - tests/spec --dump-seeds "$spec" --seeds-only >/dev/null
# inputs up to 1 MiB; a run slower than 10 s on one is reported (super-linear time)
"$build"/tests/fuzz/${FUZZ_TARGET:-fuzz_extract} "$work" corpus/seeds corpus/national corpus/genres "$spec" \
    tests/fuzz/crashes \
    -dict=tests/fuzz/zc.dict -max_len=1048576 -len_control=200 -timeout=10 \
    -max_total_time="$secs" -print_final_stats=1 \
    -artifact_prefix=tests/fuzz/crash- ${FUZZ_ARGS:-} 2>&1 | grep -E 'stat::number_of_executed_units|Done|ERROR|SUMMARY|crash' || true
ls tests/fuzz/crash-* >/dev/null 2>&1 && { echo "fuzzing found a crash: tests/fuzz/crash-*"; exit 1; }
exit 0
