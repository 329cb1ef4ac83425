#!/usr/bin/env python3
"""Read a folder of documents (or a list of paths on shared storage) with
zhengce on a Dask cluster: one JSON Lines file per partition, the panel of
all the documents, and the documents per second.

    python3 examples/python/dask_corpus.py corpus/ out/              # a LocalCluster
    python3 examples/python/dask_corpus.py --workers 8 corpus/ out/
    python3 examples/python/dask_corpus.py --scheduler tcp://host:8786 paths.txt out/

SOURCE is a folder (every *.txt below it) or a file listing one path a line.
Each worker loads libzhengce through the binding (ZHENGCE_LIBRARY, or the
build folder of this tree): the cluster's machines need the library and the
documents' paths. Output: OUT/part-00000.jsonl … (the records of the
partition's documents, in order, as zc-extract prints them), OUT/panel.jsonl.
"""
import argparse
import glob
import json
import os
import sys
import time

import dask.bag as db
from dask.distributed import Client, LocalCluster

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import zhengce  # noqa: E402


def paths_of(source):
    if os.path.isdir(source):
        return sorted(glob.glob(os.path.join(source, "**", "*.txt"), recursive=True))
    with open(source, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip()]


def read(path):
    """One document: its records (the library's JSON Lines) and its panel
    figures; an unreadable document is reported, never drops the run."""
    try:
        return path, zhengce.jsonl(path), None
    except (OSError, zhengce.Error) as e:
        return path, b"", f"{path}: {e}"


def write_partition(task):
    """Read one partition's documents and write their records, in order."""
    index, paths, out = task
    name = os.path.join(out, "part-%05d.jsonl" % index)
    errors = []
    with open(name, "wb") as fh:
        for path in paths:
            _, records, error = read(path)
            fh.write(records)
            if error:
                errors.append(error)
    return name, len(paths), errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source")
    ap.add_argument("out")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="local workers (default 2)")
    ap.add_argument("--partitions", type=int, default=0, help="default: 4 per worker")
    a = ap.parse_args()
    paths = paths_of(a.source)
    if not paths:
        sys.exit(f"no documents in {a.source}")
    os.makedirs(a.out, exist_ok=True)
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
        workers = len(client.scheduler_info()["workers"]) or 1
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        workers = a.workers
    t0 = time.time()
    nparts = min(len(paths), a.partitions or 4 * workers)
    size = -(-len(paths) // nparts)
    tasks = [(k, paths[k * size:(k + 1) * size], a.out) for k in range(nparts)
             if paths[k * size:(k + 1) * size]]
    done = db.from_sequence(tasks, npartitions=len(tasks)).map(write_partition).compute()
    t_read = time.time() - t0
    # the panel of everything: targets and outcomes pair across documents
    rows = zhengce.panel(paths)
    with open(os.path.join(a.out, "panel.jsonl"), "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    dt = time.time() - t0
    errors = [e for _, _, errs in done for e in errs]
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{len(paths)} documents read in {t_read:.2f} s: {len(paths) / t_read:.0f} documents/s on "
          f"{workers} worker(s), {len(done)} partition files; panel {len(rows)} rows in "
          f"{dt - t_read:.2f} s (on the client); -> {a.out}")
    client.close()
    if cluster:
        cluster.close()
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
