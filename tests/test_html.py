#!/usr/bin/env python3
"""zc-extract -f html in a real browser: headless Chromium renders the page,
the test reads the DOM it built (one highlight per finding, one outline entry
per section, the panel's table and charts) and saves a screenshot; a
document full of <, &, quotes and </script> stays well-formed.

usage: test_html.py ZC_EXTRACT CORPUS_DIR OUT_DIR   (exit 77: no chromium, skipped)
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

EXE = CORPUS = OUT = ""
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def browser(*args):
    return subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", *args], capture_output=True, timeout=120)


def render(page):
    """The DOM after the page's script ran."""
    return browser("--dump-dom", "file://" + page).stdout.decode()


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


class Report(unittest.TestCase):
    def page(self, *args, stdin=None):
        p = subprocess.run([EXE, "-f", "html", *args], input=stdin, capture_output=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        fd, path = tempfile.mkstemp(suffix=".html", dir=OUT)
        os.write(fd, p.stdout)
        os.close(fd)
        return path, p.stdout.decode()

    def test_every_finding_and_section_is_drawn(self):
        doc = os.path.join(CORPUS, "seeds", "xixian-2023-plan.txt")
        recs = [json.loads(l) for l in subprocess.run([EXE, "-s", doc], capture_output=True)
                .stdout.decode().splitlines()]
        findings = sum(r["type"] != "section" for r in recs)
        sections = sum(r["type"] == "section" for r in recs)
        path, raw = self.page("-s", doc)
        self.assertNotRegex(raw, r"(?i)(src|href)=\"https?:")  # self-contained
        dom = render(path)
        self.assertEqual(dom.count("<mark"), findings)
        self.assertEqual(dom.count('class="outline-entry"'), sections)
        self.assertIn(f"{findings} of {findings} findings", dom)
        self.assertIn('id="summary"', dom)
        shot = os.path.join(OUT, "report.png")
        browser("--window-size=1400,1000", "--screenshot=" + shot, "file://" + path)
        self.assertGreater(os.path.getsize(shot), 10000)

    def test_files_in_other_encodings_are_marked_where_their_figures_stand(self):
        # the records' offsets are bytes of the file (GB18030, UTF-16); the
        # page's text is UTF-8: each mark must still hold its figure
        doc = os.path.join(CORPUS, "national", "2024-government-work-report.txt")
        with open(doc, encoding="utf-8") as fh:
            text = fh.read()
        want = [r["text"] for r in map(json.loads, subprocess.run(
            [EXE, doc], capture_output=True).stdout.decode().splitlines())]
        self.assertGreater(len(want), 30)
        for encoding in ("gb18030", "utf-16"):
            path, _ = self.page("-", stdin=text.encode(encoding))
            marks = re.findall(r"<mark[^>]*>(.*?)</mark>", render(path), re.S)
            self.assertEqual([html.unescape(m) for m in marks], want, encoding)
        # UTF-8 read lossy: an invalid sequence is one U+FFFD on the page, as
        # the library counts it, and the page stays valid UTF-8
        raw = text.encode()
        cut = raw.index("。".encode()) + 3
        path, page = self.page("--lossy", "-", stdin=raw[:cut] + b"\xff\xe4\xb8" + raw[cut:])
        self.assertIn("\ufffd\ufffd", page)  # (the library's text of the span, UTF-8)
        marks = re.findall(r"<mark[^>]*>(.*?)</mark>", render(path), re.S)
        self.assertEqual([html.unescape(m) for m in marks], want, "lossy")

    def test_markup_in_the_text_stays_text(self):
        text = '一、<b>总体</b> & "要求"\n新增企业20家</script><script>alert(1)</script>，a<b&c>d。\n'
        path, raw = self.page("-s", "-", stdin=text.encode())
        parser = Tags()
        parser.feed(raw)
        scripts = [a for t, a in parser.tags if t == "script"]
        self.assertEqual(len(scripts), 2)  # the data block and the page's own: nothing injected
        self.assertNotIn("<b>", raw.split("<script", 1)[1])  # no raw markup from the text
        dom = render(path)
        self.assertEqual(dom.count("<mark"), 1)
        self.assertIn("&lt;/script&gt;&lt;script&gt;alert(1)", dom)  # shown as text
        self.assertIn("&lt;b&gt;总体&lt;/b&gt; &amp; \"要求\"", dom)

    def test_panel_table_and_charts(self):
        reports = [os.path.join(CORPUS, "national", f"{y}-government-work-report.txt")
                   for y in (2021, 2022, 2023, 2024)]
        path, raw = self.page("--panel", *reports)
        rows = subprocess.run([EXE, "--panel", *reports], capture_output=True).stdout.decode()
        dom = render(path)
        self.assertEqual(dom.count('class="panel-row"'), len(rows.splitlines()))
        self.assertGreaterEqual(dom.count('class="chart"'), 1)
        self.assertIn("<polyline", dom)
        browser("--window-size=1200,900", "--screenshot=" + os.path.join(OUT, "panel.png"),
                "file://" + path)


if __name__ == "__main__":
    EXE, CORPUS, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
    if not BROWSER:
        print("no chromium: skipped (tests/run-all.sh installs it)")
        sys.exit(77)
    unittest.main(argv=sys.argv[:1], verbosity=2)
