#!/usr/bin/env python3
"""zc-extract as a new user runs it: every format on the whole corpus, -j 2,
bad files among good ones, standard input, exit codes.

usage: test_cli.py ZC_EXTRACT CORPUS_DIR
"""
import glob
import json
import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

EXE = CORPUS = ""


def run(*args, stdin=None):
    return subprocess.run([EXE, *args], input=stdin, capture_output=True, timeout=300)


class Formats(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = sorted(glob.glob(os.path.join(CORPUS, "seeds", "*.txt")) +
                           glob.glob(os.path.join(CORPUS, "national", "*.txt")))
        assert len(cls.files) >= 50, cls.files

    def test_jsonl_every_line_parses_with_every_field(self):
        p = run("--sections", *self.files)
        self.assertEqual(p.returncode, 0, p.stderr)
        kinds = {"commitment": 0, "quantity": 0, "section": 0}
        fields = {"start", "end", "text", "value", "value_max", "unit", "scale", "unit_class",
                  "bound", "action", "subject", "status", "role", "deadline", "section", "flags", "doc"}
        for line in p.stdout.decode().splitlines():
            r = json.loads(line)
            kinds[r["type"]] += 1
            if r["type"] != "section":
                self.assertTrue(fields <= r.keys(), r)
        self.assertGreater(kinds["commitment"], 3000)
        self.assertGreater(kinds["section"], 500)

    def test_spans_slice_the_file(self):
        f = os.path.join(CORPUS, "national", "2024-government-work-report.txt")
        with open(f, "rb") as fh:
            data = fh.read()
        p = run(f)
        for line in p.stdout.decode().splitlines():
            r = json.loads(line)
            self.assertEqual(data[r["start"]:r["end"]].decode(), r["text"])

    def test_tsv_rows_have_the_header_width(self):
        p = run("--format", "tsv", "--sections", *self.files)
        self.assertEqual(p.returncode, 0)
        rows = list(csv.reader(io.StringIO(p.stdout.decode()), delimiter="\t"))
        width = len(rows[0])
        self.assertGreater(len(rows), 1000)
        for row in rows:
            self.assertEqual(len(row), width, row)
        # a span across a line break is one quoted field, read back whole
        header = rows[0]
        texts = [r[header.index("text")] for r in rows[1:] if r[0] != "section"]
        self.assertTrue(any("\n" in t for t in texts))

    def test_text_format(self):
        p = run("--format", "text", "--only", "targets",
                os.path.join(CORPUS, "seeds", "xixian-2023-plan.txt"))
        self.assertEqual(p.returncode, 0)
        out = p.stdout.decode()
        self.assertIn("GDP", out)
        self.assertIn("≥ 20%", out)

    def test_only_filters(self):
        f = os.path.join(CORPUS, "seeds", "chongqing-hitech-2023-review-2024-plan.txt")
        for what, key, allowed in (("commitments", "role", {"commitment"}),
                                   ("quantities", "role", {"quantity", "qualifier"}),
                                   ("targets", "status", {"target"}),
                                   ("achieved", "status", {"achieved"})):
            p = run("--only", what, f)
            recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
            self.assertTrue(recs)
            self.assertTrue(all(r[key] in allowed for r in recs), what)

    def test_jobs_2_equals_jobs_1(self):
        a = run("--sections", "-j", "1", *self.files)
        b = run("--sections", "-j", "2", *self.files)
        self.assertEqual(a.stdout, b.stdout)
        self.assertEqual(a.returncode, b.returncode)


class BadInput(unittest.TestCase):
    def test_missing_and_invalid_files_among_good_ones(self):
        good = os.path.join(CORPUS, "seeds", "xixian-2023-plan.txt")
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.txt")
            with open(bad, "wb") as f:
                f.write("GDP增长20%以上".encode() + b"\xff\xfe" + "新增8家".encode())
            missing = os.path.join(d, "missing.txt")
            p = run(good, missing, bad, good, "-j", "2")
            self.assertEqual(p.returncode, 1)
            err = p.stderr.decode()
            self.assertIn("missing.txt: cannot read", err)
            self.assertIn("bad.txt: invalid UTF-8 at byte 18", err)
            docs = [json.loads(l)["doc"] for l in p.stdout.decode().splitlines()]
            self.assertEqual(docs.count("xixian-2023-plan.txt") % 2, 0)
            self.assertGreater(len(docs), 200)
            # --lossy reads it anyway and says what it replaced
            q = run("--lossy", bad)
            self.assertEqual(q.returncode, 0)
            self.assertIn("replaced 2 invalid UTF-8 sequences, the first at byte 18", q.stderr.decode())
            self.assertEqual(len(q.stdout.decode().splitlines()), 2)

    def test_pipe(self):
        p = run("-", stdin="力争GDP增长8%左右，新增企业20家。".encode())
        self.assertEqual(p.returncode, 0)
        recs = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual([r["text"] for r in recs], ["8%", "20家"])
        self.assertEqual(recs[0]["bound"], "approx")

    def test_control_characters_stay_valid_json(self):
        p = run("-", stdin='"引号"\\\t\x01新增\x02企业20家\x7f'.encode())
        self.assertEqual(p.returncode, 0)
        for line in p.stdout.decode().splitlines():
            json.loads(line)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("--format", "xml", "x").returncode, 2)
        self.assertEqual(run("-j", "0", "x").returncode, 2)

    def test_help_and_version(self):
        h = run("--help")
        self.assertEqual(h.returncode, 0)
        self.assertIn("examples:", h.stdout.decode())
        v = run("--version")
        self.assertIn("libzhengce", v.stdout.decode())

    def test_no_progress_when_not_a_terminal(self):
        f = os.path.join(CORPUS, "seeds", "xixian-2023-plan.txt")
        p = run(f, f, f)
        self.assertEqual(p.stderr, b"")


if __name__ == "__main__":
    EXE, CORPUS = sys.argv[1], sys.argv[2]
    unittest.main(argv=sys.argv[:1], verbosity=2)
