#!/usr/bin/env python3
"""The shared library exports exactly the zc_ API listed in symbols.txt:
nothing internal (zci_, PCRE2, utf8proc) leaks, nothing listed goes missing.

usage: check_symbols.py LIBZHENGCE_SO SYMBOLS_TXT
"""
import subprocess
import sys


def main() -> int:
    lib, listed = sys.argv[1], sys.argv[2]
    out = subprocess.run(["nm", "-D", "--defined-only", lib], capture_output=True, text=True,
                         check=True).stdout
    exported = sorted({l.split()[-1] for l in out.splitlines() if l.split()[1:2] in (["T"], ["D"], ["R"], ["B"])})
    want = sorted(l.strip() for l in open(listed) if l.strip() and not l.startswith("#"))
    extra = [s for s in exported if s not in want]
    missing = [s for s in want if s not in exported]
    for s in extra:
        print("exported but not in symbols.txt:", s)
    for s in missing:
        print("in symbols.txt but not exported:", s)
    print(f"{len(exported)} symbols exported")
    return 1 if extra or missing else 0


if __name__ == "__main__":
    sys.exit(main())
