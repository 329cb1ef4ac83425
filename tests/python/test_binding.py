#!/usr/bin/env python3
"""The ctypes binding: the whole corpus parses, offsets slice exactly, errors
raise with their offset, threads agree with a serial run, memory stays flat.

usage: test_binding.py CORPUS_DIR   (with PYTHONPATH=python and ZHENGCE_LIBRARY set)
"""
import glob
import os
import random
import resource
import sys
import tempfile
import threading
import unittest

import zhengce

CORPUS = ""


def corpus_files():
    return sorted(glob.glob(os.path.join(CORPUS, "seeds", "*.txt")) +
                  glob.glob(os.path.join(CORPUS, "national", "*.txt")))


def fingerprint(doc):
    return ([(f.byte_start, f.byte_end, f.value, f.unit, f.bound, f.action, f.status, f.role)
             for f in doc.commitments] +
            [(s.byte_start, s.byte_end, s.kind, s.number, s.depth, s.status) for s in doc.sections])


class Binding(unittest.TestCase):
    def test_whole_corpus_parses_and_slices(self):
        files = corpus_files()
        self.assertGreaterEqual(len(files), 50)
        total = 0
        for path in files:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            doc = zhengce.parse(text)
            raw = text.encode()
            for f in doc.commitments:
                self.assertEqual(text[f.start:f.end], f.text)
                self.assertEqual(raw[f.byte_start:f.byte_end].decode(), f.text)
            for s in doc.sections[1:]:
                self.assertTrue(s.parent is not None and s.parent < s.index)
            total += len(doc.commitments)
        self.assertGreater(total, 5000)

    def test_struct_records_equal_the_json_records(self):
        # parse() reads the C structs; the JSON Lines path (used for a str
        # with lone surrogates) must give the very same objects: str, bytes,
        # bytes in other encodings (whose texts are cut from the library's
        # conversion by code points, their offsets left in the caller's
        # bytes) and invalid UTF-8 read lossy (each bad sequence of a span
        # one U+FFFD, as the JSON writer has it)
        texts = ["", "没有数字。", "一、总体要求\n", "GDP增长8%，𠀀新增企业20家。\n（一）目标\n人口100万人"]
        for path in corpus_files() + sorted(glob.glob(os.path.join(CORPUS, "genres", "*.txt"))):
            with open(path, encoding="utf-8") as fh:
                texts.append(fh.read())
        rng = random.Random(14)
        bad = [b"\xff", b"\x80", b"\xe5\xa2", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80",
               b"\xf0\x9f", b"\xe4"]
        try:
            for k, text in enumerate(texts):
                given = [(text, "utf-8", False), (text.encode(), "utf-8", False)]
                if k % 4 == 0:  # every fourth in other encodings too
                    given += [(text.encode("gb18030"), "gb18030", False),
                              (text.encode("gb18030"), "auto", False),
                              (text.encode("utf-16-le"), "utf-16le", False),
                              (text.encode("utf-16"), "utf-16", False), (text.encode(), "auto", False)]
                if k % 2 == 0:  # and with bad bytes anywhere: in numbers, units, titles
                    raw = bytearray(text.encode())
                    for _ in range(1 + len(raw) // 2000):
                        at = rng.randrange(len(raw) + 1)
                        raw[at:at] = rng.choice(bad)
                    given += [(bytes(raw), "utf-8", True), (bytes(raw), "auto", True)]
                for data, enc, lossy in given:
                    zhengce._json_path = False
                    fast = zhengce.parse(data, encoding=enc, lossy=lossy)
                    zhengce._json_path = True
                    self.assertEqual(fast, zhengce.parse(data, encoding=enc, lossy=lossy),
                                     (enc, lossy, text[:40]))
        finally:
            zhengce._json_path = False

    def test_fields_follow_the_spec(self):
        doc = zhengce.parse("二、2024年工作打算\n力争GDP增长8%左右，新增专业孵化器、众创空间分别不少于8家、10家。")
        c = doc.commitments
        self.assertEqual([f.text for f in c], ["8%", "8家", "10家"])
        self.assertEqual((c[0].value, c[0].unit, c[0].bound, c[0].action, c[0].status, c[0].role),
                         (8.0, "%", "approx", "growth", "target", "commitment"))
        self.assertEqual(c[0].subject, "GDP")
        self.assertEqual(c[1].flags, ["distributive"])
        self.assertIsNone(c[0].value_max)
        self.assertEqual(doc.sections[1].kind, "cn_dun")
        self.assertEqual(doc.sections[1].title, "2024年工作打算")
        rows = doc.records()
        self.assertEqual(rows[1]["flags"], "distributive")
        self.assertEqual(rows[0]["section_title"], "2024年工作打算")

    def test_bytes_input_gives_byte_offsets(self):
        raw = "ＧＤＰ增长２０％以上".encode()
        doc = zhengce.parse(raw)
        f = doc.commitments[0]
        self.assertEqual(raw[f.start:f.end].decode(), "２０％")
        self.assertEqual(f.value, 20)

    def test_invalid_utf8_raises_with_offset(self):
        with self.assertRaises(zhengce.Error) as cm:
            zhengce.parse("新增企业20家".encode() + b"\xff")
        self.assertEqual(cm.exception.offset, len("新增企业20家".encode()))
        self.assertEqual(cm.exception.code_name, "invalid UTF-8")
        self.assertIn("invalid UTF-8", str(cm.exception))
        doc = zhengce.parse(b"\xff" + "新增企业20家".encode(), lossy=True)
        self.assertEqual(doc.replacements, 1)
        self.assertEqual(doc.commitments[0].value, 20)

    def test_wrong_types_are_refused(self):
        for bad in (123, 100 * 2 ** 20, ["新增企业20家"], None, 1.5):
            with self.assertRaises(TypeError):
                zhengce.parse(bad)
        for flag in ("no", 1, None):
            with self.assertRaises(TypeError):
                zhengce.parse("新增企业20家", lossy=flag)
        self.assertEqual(zhengce.parse(bytearray("新增企业20家".encode())).commitments[0].value, 20)

    def test_str_error_offsets_are_code_points(self):
        text = "新增企业20家\udcff"  # a lone surrogate: not valid UTF-8 once encoded
        with self.assertRaises(zhengce.Error) as cm:
            zhengce.parse(text)
        self.assertEqual(cm.exception.offset, len("新增企业20家"))

    def test_a_missing_library_is_not_replaced_by_another(self):
        import subprocess
        env = dict(os.environ, ZHENGCE_LIBRARY="/nonexistent/libzhengce.so")
        p = subprocess.run([sys.executable, "-c", "import zhengce; zhengce.parse('x')"],
                           env=env, capture_output=True, text=True)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("ZHENGCE_LIBRARY", p.stderr)
        self.assertIn("LibraryNotFound", p.stderr)
        # importing alone never fails: the library is loaded on first use
        p = subprocess.run([sys.executable, "-c", "import zhengce"], env=env)
        self.assertEqual(p.returncode, 0)

    def test_root_status_and_meta(self):
        doc = zhengce.parse("2023年工作总结\n全年新增企业20家。")
        self.assertEqual(doc.sections[0].kind, "root")
        self.assertEqual(doc.meta.title, "2023年工作总结")
        self.assertEqual(doc.sections[0].status, "achieved")

    def test_panel_pairs_targets_with_outcomes(self):
        reports = [os.path.join(CORPUS, "national", f"{y}-government-work-report.txt")
                   for y in (2012, 2013)]
        rows = zhengce.panel(reports)
        gdp = {r["year"]: r for r in rows if r["indicator"] == "gdp" and r["place"] == "全国"}
        # 2012: target 7.5% in the 2012 report, outcome 7.8% in the 2013 review
        self.assertEqual((gdp[2012]["target_value"], gdp[2012]["target_unit"]), (7.5, "%"))
        self.assertEqual(gdp[2012]["achieved_value"], 7.8)
        self.assertEqual(gdp[2012]["met"], "yes")
        self.assertEqual(gdp[2012]["target_doc"], "2012-government-work-report.txt")
        keys = [(r["place"], r["indicator"], r["year"]) for r in rows]
        self.assertEqual(keys, sorted(keys))
        # texts work too, and offsets point into them
        text = "2023年西咸新区工作要点\n一、主要目标\nGDP增长20%以上。"
        rows = zhengce.panel([text])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0]["place"], "西咸新区")
        self.assertEqual(text.encode()[rows[0]["target_start"]:rows[0]["target_end"]].decode(), "20%")
        with self.assertRaises(TypeError):
            zhengce.panel([42])

    def test_place_broken_by_injected_spam(self):
        # scraped pages carry injected gambling spam inside names: the words
        # after the junk are the spam's, the leading unit is the place
        title = "厦门365bet体育在线开户_365705_365bet官方投注网址高新区2022年度工作总结和2023年度工作要点"
        doc = zhengce.parse(title + "\n一、主要目标\nGDP增长8%。")
        self.assertEqual(doc.meta.place, "厦门")
        doc = zhengce.parse("2023年G20杭州峰会区工作要点\n一、主要目标\nGDP增长8%。")
        self.assertNotIn("G", doc.meta.place or "")

    def test_subject_name_and_where_it_is_written(self):
        text = "2009年工作总结\n全国粮食连续五年增产，总产量10570亿斤。"
        f = zhengce.parse(text).commitments[0]
        # a review written in 2009 speaks of 2008
        self.assertEqual((f.subject, f.indicator, f.year), ("粮食总产量", "grain_output", 2008))
        self.assertEqual(text[f.subject_start:f.subject_end], "总产量")
        raw = text.encode()
        self.assertEqual(raw[f.subject_byte_start:f.subject_byte_end].decode(), "总产量")

    def test_panel_of_files_in_other_encodings(self):
        # GB18030 files (many official sites still publish them) give the
        # rows their UTF-8 copies give; a str text is always its UTF-8
        names = [f"{y}-government-work-report.txt" for y in (2009, 2010)]
        paths = [os.path.join(CORPUS, "national", n) for n in names]

        def rows(items, **kw):
            return [{k: v for k, v in r.items() if not k.endswith(("_start", "_end"))}
                    for r in zhengce.panel(items, **kw)]

        want = rows(paths)
        self.assertTrue(any(r["indicator"] == "fiscal_deficit" for r in want))
        with tempfile.TemporaryDirectory() as d:
            others = []
            for path, name in zip(paths, names):
                with open(path, encoding="utf-8") as fh:
                    text = fh.read()
                others.append(os.path.join(d, name))
                with open(others[-1], "wb") as fh:
                    fh.write(text.encode("gb18030"))
            self.assertEqual(rows(others), want)  # "auto"
            self.assertEqual(rows(others, encoding="gb18030"), want)
            with self.assertRaises(zhengce.Error):
                zhengce.panel(others, encoding="utf-8")
        text = "2023年西咸新区工作要点\n一、主要目标\nGDP增长20%以上。"
        self.assertEqual(len(zhengce.panel([text], encoding="gb18030")), 1)
        with self.assertRaises(TypeError):
            zhengce.panel(paths, encoding=18030)

    def test_panel_of_a_directory(self):
        # a folder stands for its .txt files, as zc-extract reads one
        names = [f"{y}-government-work-report.txt" for y in (2012, 2013)]
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "2013"))
            os.makedirs(os.path.join(d, ".cache"))
            for name, sub in zip(names, ("", "2013")):
                with open(os.path.join(CORPUS, "national", name), "rb") as src, \
                        open(os.path.join(d, sub, name), "wb") as dst:
                    dst.write(src.read())
            with open(os.path.join(d, ".cache", "x.txt"), "w") as fh:
                fh.write("2023年西咸新区工作要点\n一、主要目标\nGDP增长20%以上。")
            rows = zhengce.panel([d])
            want = zhengce.panel([os.path.join(CORPUS, "national", n) for n in names])
            self.assertGreater(len(want), 10)
            # the same rows, the 2013 report named by its path below the folder
            fix = {names[1]: os.path.join("2013", names[1])}
            for r in want:
                for k in ("target_doc", "achieved_doc"):
                    r[k] = fix.get(r[k], r[k])
            self.assertEqual(rows, want)
            os.makedirs(os.path.join(d, "empty"))
            with self.assertRaises(zhengce.Error):
                zhengce.panel([os.path.join(d, "empty")])

    def test_panel_outcome_is_the_level_not_the_change(self):
        # the 2006 report: 粮食总产量…又增产291亿斤，达到9680亿斤
        rows = zhengce.panel([os.path.join(CORPUS, "national", "2006-government-work-report.txt")])
        grain = [r for r in rows if r["indicator"] == "grain_output" and r["year"] == 2005]
        self.assertEqual([(r["achieved_value"], r["achieved_unit"]) for r in grain], [(9680, "斤")])

    def test_bytes_in_other_encodings(self):
        text = "力争GDP增长8%左右，新增企业20家以上。"
        for enc in ("gb18030", "utf-16"):
            raw = text.encode(enc)
            doc = zhengce.parse(raw, encoding=enc)
            self.assertEqual([f.text for f in doc.commitments], ["8%", "20家"])
            f = doc.commitments[1]
            piece = raw[f.byte_start:f.byte_end]
            self.assertEqual((raw[:2] + piece if enc == "utf-16" else piece).decode(enc), "20家")
        self.assertEqual(len(zhengce.parse(text.encode("gb18030"), encoding="auto").commitments), 2)
        with self.assertRaises(zhengce.Error):
            zhengce.parse(b"\x81", encoding="gb18030")

    def test_indicator_table(self):
        table = zhengce.indicators()
        self.assertGreaterEqual(len(table), 100)
        ids = {r["id"]: r for r in table}
        self.assertEqual(ids["gdp"]["name"], "地区生产总值")
        self.assertEqual(ids["cpi"]["direction"], "down")
        self.assertEqual(ids["urban_new_jobs"]["direction"], "up")

    def test_threads_match_serial(self):
        files = corpus_files()[:20]
        texts = [open(p, encoding="utf-8").read() for p in files]
        serial = [fingerprint(zhengce.parse(t)) for t in texts]
        results = {}

        def work(k):
            results[k] = [fingerprint(zhengce.parse(t)) for t in texts]

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for k in range(4):
            self.assertEqual(results[k], serial)

    def test_memory_stays_flat(self):
        text = "力争GDP增长8%左右，新增企业20家以上，投资50亿元以上的项目15个。" * 5
        for _ in range(500):
            zhengce.parse(text)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for _ in range(10000):
            zhengce.parse(text)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        self.assertLess(after - before, 8 * 1024)  # KiB: flat, not growing per parse


if __name__ == "__main__":
    CORPUS = sys.argv[1]
    unittest.main(argv=sys.argv[:1], verbosity=2)
