#!/bin/sh
# run-all.sh -- build everything and run every test: the C unit tests, the
# gold-file score, the extractor and Python binding tests, the ABI check and
# the fuzz-seed replay; the same output from builds without the SIMD fast
# paths and memos; then the same tests under AddressSanitizer and
# UndefinedBehaviorSanitizer, the C tests under valgrind, and a short
# libFuzzer run when clang provides it. Installs what is missing first.
set -eu
cd "$(dirname "$0")/.."
ZC_EXTRA_PACKAGES="locales g++ clang libclang-rt-14-dev valgrind chromium fonts-wqy-microhei python3-dask python3-distributed" . tests/deps.sh

passed=0
failed=0
stage() { # name, command...
    name=$1
    shift
    echo "==> $name"
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}

setup() { # dir, meson options... (a fresh directory each time: CI clones are clean)
    dir=$1
    shift
    rm -rf "$dir"
    meson setup "$dir" "$@" >/dev/null
}

setup build -Dwerror=true -Dtests=enabled
stage "build" ninja -C build
stage "tests" meson test -C build --print-errorlogs
stage "install (pkg-config, pip)" sh tests/install/check.sh build

# the portable paths (byte at a time, and 8 bytes at a time) that x86-64
# never takes, the walks without their memos, and every marker form read by
# its pattern and GB18030 by iconv alone: they must write what the default
# build writes, and pass the C tests
setup build-plain -Dwerror=true -Dtests=enabled \
    -Dc_args="-DZCI_SIMD_LEVEL=0 -DZCI_NO_MEMO -DZCI_NO_SHORTCUTS"
stage "build (bytes at a time, no memos, patterns only)" ninja -C build-plain
stage "C tests (bytes at a time, no memos, patterns only)" meson test -C build-plain --print-errorlogs --suite c
setup build-words -Dwerror=true -Dtests=enabled -Dc_args=-DZCI_SIMD_LEVEL=1
stage "build (8 bytes at a time)" ninja -C build-words
stage "C tests (8 bytes at a time)" meson test -C build-words --print-errorlogs --suite c
stage "same output without fast paths" sh tests/same_output.sh build build-plain build-words

setup build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
stage "build (ASan+UBSan)" ninja -C build-asan
stage "C tests (ASan+UBSan)" env ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --suite c --suite cli

setup build-tsan -Db_sanitize=thread -Db_lundef=false -Dbuildtype=debugoptimized
stage "build (TSan)" ninja -C build-tsan
stage "threads (TSan)" env TSAN_OPTIONS=halt_on_error=1 \
    meson test -C build-tsan --print-errorlogs api --timeout-multiplier 5

stage "C tests (valgrind)" meson test -C build --print-errorlogs --suite c --no-rebuild \
    --wrapper "valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1" \
    --timeout-multiplier 20

if echo 'int LLVMFuzzerTestOneInput(const char*d,long n){return 0;}' |
    clang -x c - -fsanitize=fuzzer -o /tmp/zc-fuzz-probe 2>/dev/null; then
    CC=clang setup build-fuzz -Dfuzz=true -Dtests=disabled -Dexamples=false -Db_lundef=false
    stage "fuzz build" ninja -C build-fuzz
    stage "fuzz 60 s" sh tests/fuzz/run.sh build-fuzz 60
else
    echo "==> fuzz: clang's libFuzzer is not available, skipped"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
