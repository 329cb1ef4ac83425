#!/bin/sh
# check.sh BUILD_DIR -- install the build into a scratch root and use it as a
# user would: a C program built with `pkg-config zhengce` against the
# installed header and library, and `pip install ./python` into a folder.
set -eu
cd "$(dirname "$0")/../.."
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
meson install -C "$build" --destdir "$tmp/root" --quiet >/dev/null
pc=$(find "$tmp/root" -name zhengce.pc | head -1)
lib=$(dirname "$(find "$tmp/root" -name 'libzhengce.so' | head -1)")
[ -n "$pc" ] && [ -n "$lib" ] || { echo "install: no zhengce.pc or libzhengce.so"; exit 1; }
PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR="$tmp/root" \
    sh -c 'cc -std=c99 -Wall -Werror -o "$0"/hello tests/install/hello.c $(pkg-config --cflags --libs zhengce)' "$tmp"
LD_LIBRARY_PATH="$lib" "$tmp/hello"
# the headers installed are the public ones only
ls "$(dirname "$(find "$tmp/root" -name zhengce.h | head -1)")" | sort | tr '\n' ' '
echo
# the Python package, installed with pip (no network: no build isolation)
pip_install() {
    python3 -m pip install --quiet --no-deps --no-build-isolation --target "$tmp/py" ./python "$@"
}
pip_install 2>/dev/null || pip_install --break-system-packages
PYTHONPATH="$tmp/py" ZHENGCE_LIBRARY="$lib/libzhengce.so" python3 -c '
import zhengce, os
c = zhengce.parse("GDP增长20%以上").commitments[0]
assert (c.value, c.bound, c.indicator) == (20.0, "at_least", "gdp"), c
assert os.path.exists(os.path.join(os.path.dirname(zhengce.__file__), "py.typed"))
print("python:", zhengce.__file__, zhengce.library_version())'
