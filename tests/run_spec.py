#!/usr/bin/env python3
"""Run the spec examples of tests/spec/*.md through zc-extract and the Python
binding (cmark's spec tests, for the commitment model).

usage: run_spec.py ZC_EXTRACT SPEC_DIR [--python] [--dump-seeds DIR [--seeds-only]] [--fill]

An example is a fenced block:

    ```example
    新增专业孵化器、众创空间分别不少于8家、10家。
    .
    {"text": "8家", "value": 8, "bound": "at_least", "subject": "专业孵化器"}
    {"text": "10家", "value": 10, "bound": "at_least", "subject": "众创空间"}
    ```

Above the '.' is the input (a document), below it the records expected, in
order: every finding (and every section, when some line has "type":
"section"), each line naming the fields it asserts. The record count must
match too. A line {"type": "meta", ...} checks the document's metadata.
With --python the same examples run through zhengce.parse(); with
--dump-seeds the inputs are written as fuzz seeds; --fill prints the full
records of every example (to write new ones, then check them by eye).
"""
import json
import os
import re
import subprocess
import sys

FENCE = re.compile(r"^```example\s*\n(.*?)\n\.\n(.*?)```\s*$", re.S | re.M)


def examples(spec_dir):
    for name in sorted(os.listdir(spec_dir)):
        if not name.endswith(".md"):
            continue
        text = open(os.path.join(spec_dir, name), encoding="utf-8").read()
        for k, m in enumerate(FENCE.finditer(text)):
            line = text[:m.start()].count("\n") + 1
            expected = [json.loads(x) for x in m.group(2).splitlines() if x.strip()]
            # ␍ stands for a carriage return (CR-only line ends)
            yield f"{name}:{line}", m.group(1).replace("\u240d", "\r") + "\n", expected


def via_cli(extractor, text):
    p = subprocess.run([extractor, "--sections", "--meta", "-"], input=text.encode(),
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode(errors="replace"))
    return [json.loads(x) for x in p.stdout.decode().splitlines()]


def via_python(text):
    import zhengce
    doc = zhengce.parse(text)
    raw = text.encode()
    out = [{"type": "meta", "title": doc.meta.title, "issuer": doc.meta.issuer,
            "date": doc.meta.date, "year": doc.meta.year, "status": doc.sections[0].status}]
    recs = []
    for s in doc.sections[1:]:
        d = dict(vars(s))
        d["type"] = "section"
        recs.append((s.byte_start, 0, d))
    for f in doc.commitments:
        d = dict(vars(f))
        assert raw[f.byte_start:f.byte_end].decode() == f.text == text[f.start:f.end]
        recs.append((f.byte_start, 1, d))
    recs.sort(key=lambda r: (r[0], r[1]))
    return out + [r[2] for r in recs]


def compare(expected, got):
    want_sections = any(e.get("type") == "section" for e in expected)
    want_meta = any(e.get("type") == "meta" for e in expected)
    got = [g for g in got if (g["type"] != "section" or want_sections) and
           (g["type"] != "meta" or want_meta)]
    if len(got) != len(expected):
        return f"{len(expected)} records expected, {len(got)} found: " + \
            "; ".join(f"{g['type']} {g.get('text', g.get('title', ''))!r}" for g in got)
    for i, (e, g) in enumerate(zip(expected, got)):
        for k, v in e.items():
            gv = g.get(k)
            if isinstance(v, (int, float)) and isinstance(gv, (int, float)) and not isinstance(v, bool):
                ok = abs(v - gv) < 1e-9
            else:
                ok = v == gv
            if not ok:
                return f"record {i} ({g.get('text', g.get('title', ''))!r}): {k} is {gv!r}, expected {v!r}"
    return None


FILL_FIELDS = ["type", "text", "value", "value_max", "unit", "scale", "bound", "action",
               "subject", "indicator", "status", "role", "deadline", "flags", "kind", "number",
               "depth", "title", "parent"]


def main():
    args = sys.argv[1:]
    use_python = "--python" in args
    fill = "--fill" in args
    seeds = None
    if "--dump-seeds" in args:
        seeds = args[args.index("--dump-seeds") + 1]
        os.makedirs(seeds, exist_ok=True)
    extractor, spec_dir = args[0], args[1]
    passed = failed = 0
    for where, text, expected in examples(spec_dir):
        if seeds is not None:
            with open(os.path.join(seeds, "spec-" + where.replace(".md:", "-")), "wb") as f:
                f.write(b"\x00" + text.encode())  # first byte: the fuzz target's options
        if "--seeds-only" in args:
            passed += 1
            continue
        runs = [("zc-extract", lambda t: via_cli(extractor, t))]
        if use_python:
            runs.append(("python", via_python))
        for label, run in runs:
            try:
                got = run(text)
            except Exception as e:  # a crash or an error exit is a failure of the example
                got, why = None, f"{type(e).__name__}: {e}"
            if fill and label == "zc-extract" and got is not None:
                print(f"--- {where}")
                for g in got:
                    if g["type"] != "meta":
                        print(json.dumps({k: g[k] for k in FILL_FIELDS if k in g}, ensure_ascii=False))
            why = compare(expected, got) if got is not None else why
            if why:
                failed += 1
                print(f"FAIL {where} [{label}]: {why}\n  input: {text.strip()[:120]}")
            else:
                passed += 1
    print(f"spec examples: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
