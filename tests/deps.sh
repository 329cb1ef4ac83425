# deps.sh -- install what the build and tests need from Debian's packages,
# only what is missing. Sourced by tests/run-all.sh and examples/run-corpus.sh.
# Set ZC_EXTRA_PACKAGES for more (the test run adds clang and valgrind).
zc_packages="meson ninja-build gcc libc6-dev pkg-config libpcre2-dev libutf8proc-dev \
libcmocka-dev python3 binutils ${ZC_EXTRA_PACKAGES:-}"
zc_missing=""
for p in $zc_packages; do
    dpkg -s "$p" >/dev/null 2>&1 || zc_missing="$zc_missing $p"
done
if [ -n "$zc_missing" ]; then
    echo "installing:$zc_missing"
    zc_sudo=""
    [ "$(id -u)" = 0 ] || zc_sudo=sudo
    $zc_sudo apt-get update -qq >/dev/null &&
        DEBIAN_FRONTEND=noninteractive $zc_sudo apt-get install -y -qq --no-install-recommends \
            $zc_missing >/dev/null || { echo "apt-get install failed" >&2; exit 1; }
fi
