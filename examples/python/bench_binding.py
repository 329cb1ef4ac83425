#!/usr/bin/env python3
"""How much the Python binding adds to the C call it wraps.

usage: PYTHONPATH=python python3 examples/python/bench_binding.py [CORPUS_DIR]

Parses every .txt of CORPUS_DIR (default corpus/national) three ways, best
of 5 rounds each: the bare C call through ctypes (zc_extract, then free),
zhengce.parse(str) and zhengce.parse(bytes). A benchmark, not a test.
"""
import ctypes
import glob
import os
import sys
import time

import zhengce


def best_of(rounds, fn):
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "corpus/national"
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(folder, "*.txt")))]
    datas = [t.encode() for t in texts]
    lib = zhengce._library()
    ex = zhengce._extractor(0)

    def bare():
        for d in datas:
            err = zhengce._Error()
            lib.zc_document_free(lib.zc_extract(ex, d, len(d), ctypes.byref(err)))

    c = best_of(5, bare)
    s = best_of(5, lambda: [zhengce.parse(t) for t in texts])
    b = best_of(5, lambda: [zhengce.parse(d) for d in datas])
    mb = sum(map(len, datas)) / 1e6
    print(f"{len(texts)} documents, {mb:.2f} MB")
    print(f"  C call (zc_extract + free): {c * 1000:7.1f} ms  {mb / c:6.1f} MB/s")
    print(f"  zhengce.parse(str):         {s * 1000:7.1f} ms  {mb / s:6.1f} MB/s  {s / c:.2f} x the C call")
    print(f"  zhengce.parse(bytes):       {b * 1000:7.1f} ms  {mb / b:6.1f} MB/s  {b / c:.2f} x the C call")


if __name__ == "__main__":
    main()
