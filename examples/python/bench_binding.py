#!/usr/bin/env python3
"""How much the Python binding adds to the C call it wraps.

usage: PYTHONPATH=python python3 examples/python/bench_binding.py [CORPUS_DIR]

Parses every .txt of CORPUS_DIR (default corpus/national) three ways, best
of 5 rounds each: the bare C call through ctypes (zc_extract, then free),
zhengce.parse(str) and zhengce.parse(bytes). Where valgrind is installed it
then counts the instructions of one round of each (callgrind: three rounds
less one, so start-up and imports cancel out), which do not move with the
load of a shared machine as seconds do. A benchmark, not a test.
"""
import ctypes
import glob
import os
import shutil
import subprocess
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


def workloads(folder):
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(folder, "*.txt")))]
    datas = [t.encode() for t in texts]
    lib = zhengce._library()
    ex = zhengce._extractor(0)

    def bare():
        for d in datas:
            err = zhengce._Error()
            lib.zc_document_free(lib.zc_extract(ex, d, len(d), ctypes.byref(err)))

    return texts, datas, {"c": bare,
                          "str": lambda: [zhengce.parse(t) for t in texts],
                          "bytes": lambda: [zhengce.parse(d) for d in datas]}


def instructions(folder, mode):
    """Instructions of one round of mode under callgrind, or None."""
    counts = []
    for rounds in (1, 3):
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
             os.path.abspath(__file__), "--rounds", mode, str(rounds), folder],
            capture_output=True, text=True)
        got = [line.split("Collected :")[1] for line in run.stderr.splitlines() if "Collected :" in line]
        if run.returncode != 0 or not got:
            return None
        counts.append(int(got[-1]))
    return (counts[1] - counts[0]) / 2


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--rounds":  # what callgrind runs
        _, _, mode, rounds, folder = sys.argv
        _, _, work = workloads(folder)
        for fn in work.values():  # warm: extractors and name tables made
            fn()
        for _ in range(int(rounds)):
            work[mode]()
        return
    folder = sys.argv[1] if len(sys.argv) > 1 else "corpus/national"
    texts, datas, work = workloads(folder)
    c = best_of(5, work["c"])
    s = best_of(5, work["str"])
    b = best_of(5, work["bytes"])
    mb = sum(map(len, datas)) / 1e6
    print(f"{len(texts)} documents, {mb:.2f} MB")
    print(f"  C call (zc_extract + free): {c * 1000:7.1f} ms  {mb / c:6.1f} MB/s")
    print(f"  zhengce.parse(str):         {s * 1000:7.1f} ms  {mb / s:6.1f} MB/s  {s / c:.2f} x the C call")
    print(f"  zhengce.parse(bytes):       {b * 1000:7.1f} ms  {mb / b:6.1f} MB/s  {b / c:.2f} x the C call")
    if not shutil.which("valgrind"):
        print("instructions: valgrind is not installed, skipped")
        return
    ic = {m: instructions(folder, m) for m in ("c", "str", "bytes")}
    if None in ic.values():
        print("instructions: valgrind failed, skipped")
        return
    print("instructions of one round (callgrind):")
    print(f"  C call:                     {ic['c'] / 1e6:7.1f} M")
    for m in ("str", "bytes"):
        print(f"  zhengce.parse({m}):{' ' * (11 - len(m))}{ic[m] / 1e6:7.1f} M  "
              f"{ic[m] / ic['c']:.2f} x the C call")


if __name__ == "__main__":
    main()
