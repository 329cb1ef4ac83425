#!/bin/sh
# same_output.sh REF_BUILD BUILD... -- the zc-extract of each BUILD writes
# byte for byte what REF_BUILD's writes, sections and meta included, on the
# bundled documents and on forms of them that take other paths: CRLF line
# ends, full-width digits and letters, GB18030 (one with a bad byte: read by
# table by default, by iconv alone without shortcuts), UTF-16 (16 code units
# a step with SSE2), a dense 分别 list, one long
# line of commitments, and lossy input with bad bytes. CI uses it for the
# builds with the SIMD and word-at-a-time fast paths turned off
# (ZCI_SIMD_LEVEL=0 and 1: nothing else runs them on x86-64) and the memos of
# the clause, sentence and window walks off (ZCI_NO_MEMO: they must never
# change an answer), and the marker forms read by their patterns only
# (ZCI_NO_SHORTCUTS: the C readers must read what the patterns read).
set -eu
cd "$(dirname "$0")/.."
ref=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find corpus -name '*.txt' | sort >"$work/files"
python3 - "$work" <<'EOF'
import glob, sys
work = sys.argv[1]
text = "".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob("corpus/national/*.txt")))
with open(f"{work}/crlf.txt", "w", encoding="utf-8", newline="") as f:
    f.write(text.replace("\n", "\r\n"))
wide = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%.,"}
with open(f"{work}/wide.txt", "w", encoding="utf-8") as f:
    f.write("".join(wide.get(c, c) for c in text))
with open(f"{work}/gb.txt", "wb") as f:
    f.write(text.encode("gb18030"))
with open(f"{work}/u16.txt", "wb") as f:
    f.write(text.encode("utf-16-le"))
with open(f"{work}/gbbad.txt", "wb") as f:  # a byte of no character deep in it
    cut = len(text) * 2 // 3
    f.write(text[:cut].encode("gb18030") + b"\x80" + text[cut:].encode("gb18030"))
with open(f"{work}/dense.txt", "w", encoding="utf-8") as f:
    f.write("新增专业孵化器、科技公共技术服务平台、众创空间" + "分别8家、" * 20000 + "。\n")
with open(f"{work}/line.txt", "w", encoding="utf-8") as f:
    f.write("GDP增长20%以上，新增企业8家，" * 20000)
data = text.encode("utf-8")
bad = bytearray()
for i in range(0, len(data), 4099):
    bad += data[i:i + 4099] + b"\xff\xc3("
with open(f"{work}/bad.txt", "wb") as f:
    f.write(bytes(bad))
EOF
run() { # build, output file
    b=$1/examples/zc-extract
    {
        xargs "$b" -s -m <"$work/files"
        "$b" -s -m "$work/crlf.txt" "$work/wide.txt" "$work/dense.txt" "$work/line.txt"
        "$b" -s -m -e gb18030 "$work/gb.txt"
        "$b" -s -m -e gb18030 "$work/gbbad.txt" 2>&1 || true
        "$b" -s -m -e utf-16le "$work/u16.txt"
        "$b" -s -m --lossy "$work/bad.txt"
    } >"$2"
}
run "$ref" "$work/ref.jsonl"
status=0
for b in "$@"; do
    run "$b" "$work/out.jsonl"
    if cmp -s "$work/ref.jsonl" "$work/out.jsonl"; then
        echo "$b: same output as $ref ($(wc -l <"$work/ref.jsonl") records)"
    else
        echo "$b: output differs from $ref:"
        diff "$work/ref.jsonl" "$work/out.jsonl" | head -5
        status=1
    fi
done
exit $status
