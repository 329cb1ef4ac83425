#!/usr/bin/env python3
"""Generate the lexicon's C tables from lexicon.def, the one place words live.

usage: gen_lexicon.py lexicon_ids.h lexicon_data.h DEF...

Every line TABLE("word", args...) of lexicon.def (and indicators.def) adds an entry to TABLE (a #
in the word: one for each count of COUNTS, 五年内 两年来 for #年内 #年来); the tables are the ones
that appear, in order of first appearance. Outputs:
  lexicon_ids.h   enum zci_table_id (ZCI_LEX_<TABLE>), the Chinese numeral
                  test used in hot loops, and regex fragments for patterns.def
  lexicon_data.h  the word arrays, and for each table the entries grouped
                  into 256 buckets by their first character (prefix lookups)
                  and 64 by the last byte of their last (suffix lookups), so a
                  lookup compares only the few words that can match.
"""
import re
import sys

LINE = re.compile(r'^ZC_([A-Z_]+)\((.*)\)\s*$')
ARG = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^,]+)\s*(?:,|$)')
NUMBER = re.compile(r'^-?[0-9.]+(?:e[0-9]+)?$')


def parse(path):
    tables = {}
    text = re.sub(r'/\*.*?\*/', '', open(path, encoding='utf-8').read(), flags=re.S)
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        m = LINE.match(line)
        if not m:
            raise SystemExit(f"{path}:{n}: not an entry: {line}")
        args = [a for a in ARG.findall(m.group(2))]
        word = args[0]
        if not (word.startswith('"') and word.endswith('"')):
            raise SystemExit(f"{path}:{n}: the first argument must be the word")
        entry = {"w": word[1:-1], "val": "0", "val2": "0", "canon": "NULL", "factor": "1"}
        idents = 0
        for a in args[1:]:
            if a.startswith('"'):
                entry["canon"] = a
            elif NUMBER.match(a):
                entry["factor"] = a
            else:
                entry["val" if idents == 0 else "val2"] = a
                idents += 1
        # a # stands for a count of years or things: each of COUNTS
        for count in COUNTS if "#" in entry["w"] else [None]:
            e = dict(entry, w=entry["w"].replace("#", count)) if count else entry
            tables.setdefault(m.group(1), []).append(e)
    return tables


# What a # in a word stands for (五年内, 这两年, 今后几年): the counts written
# with one numeral. (Not digits: a table of words that all start with Han
# characters is looked through 32 bytes a step.)
COUNTS = list("一二三四五六七八九十两几多")


FIRST_BUCKETS = 256


def nibble_tables(byte_set):
    """Two 16-entry tables with lo[b & 15] & hi[b >> 4] != 0 exactly for the
    bytes of the set: each high nibble present gets a bit of its own."""
    highs = sorted({b >> 4 for b in byte_set})
    if len(highs) > 8:
        raise SystemExit("gen_lexicon: a byte set with more than 8 high nibbles")
    lo, hi = [0] * 16, [0] * 16
    for k, h in enumerate(highs):
        hi[h] = 1 << k
    for b in byte_set:
        lo[b & 15] |= hi[b >> 4]
    return lo, hi


def name_hash(w: bytes) -> int:
    """A whole name's hash from its length and first and last 8 bytes (read
    as little-endian numbers): indicator_hash in lexicon.c."""
    a = int.from_bytes(w[:8], "little")
    b = int.from_bytes(w[-8:], "little") if len(w) >= 8 else a
    x = (a ^ ((b * 0x9E3779B97F4A7C15) & (2**64 - 1)) ^ len(w)) & (2**64 - 1)
    return ((x * 0xFF51AFD7ED558CCD) & (2**64 - 1)) >> 32


def first_key(w: bytes) -> int:
    """The bucket of a word's first character: zci_lex_first_key in language.h."""
    if w[0] < 0x80:
        return w[0]
    k = (w[1] & 63) << 2
    if w[0] >= 0xE0:
        k ^= w[2] & 63
    return k & 255


def two_chars(w: bytes) -> bool:
    """Does the word open with two 3-byte characters (ZCI_LEX_PAIR_SET)?"""
    return len(w) >= 6 and 0xE0 <= w[0] < 0xF0 and 0xE0 <= w[3] < 0xF0


def second_key(w: bytes) -> int:
    """The bucket of a word's second character, as first_key reads it; a
    word that does not open with two 3-byte characters sets them all."""
    return first_key(w[3:]) if two_chars(w) else -1


def last_key(w: bytes) -> int:
    """The bucket of a word's last character: zci_lex_last_key in language.h."""
    if w[-1] < 0x80:
        return w[-1]
    return (((w[-2] & 63) << 2) ^ (w[-1] & 63)) & 255


def last_key2(w: bytes) -> int:
    """A second bucket of a word's last character (last_key2 in lexicon.c)."""
    if w[-1] < 0x80:
        return w[-1]
    return (((w[-1] & 63) << 2) ^ (w[-2] & 63)) & 255


def bucket_order(words, key, forward):
    """The words' indices by bucket, each bucket in the order its walk tries
    them. The words of a table that match at one place of a text are
    prefixes of one another (suffixes for the walk back from a place), and
    the longest must come first: each word comes after every longer word it
    starts (ends), and otherwise the shorter first, as shorter words are
    the commoner (新增 is tried before 新改扩建, not after twenty others).
    Sorted by the longest word a word begins (reach), then longest first,
    then lexicon.def order: a matching word's reach is never below a
    longer matching one's, so the longest match still comes first and of
    equal words the first in lexicon.def."""
    extends = (lambda a, b: a.startswith(b)) if forward else (lambda a, b: a.endswith(b))
    by_key = {}
    for i, w in enumerate(words):
        by_key.setdefault(key(w), []).append(i)
    reach = [0] * len(words)
    for members in by_key.values():
        for i in members:
            reach[i] = max(len(words[j]) for j in members if extends(words[j], words[i]))
    return sorted(range(len(words)), key=lambda i: (key(words[i]), reach[i], -len(words[i]), i))


def c_str(s: str) -> str:
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


def numeral_hash(keys):
    """The first odd multiplier whose top six product bits tell the keys apart."""
    for mult in range(0x9E3779B1, 0x9E3779B1 + 2 * 1000000, 2):
        if len({(k * mult) % (1 << 32) >> 26 for k in keys}) == len(keys):
            return mult
    raise SystemExit("gen_lexicon: no collision-free hash for the numerals")


def write_ids(tables, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write("/* Generated by gen_lexicon.py from lexicon.def: do not edit. */\n")
        f.write("#ifndef ZC_LEXICON_IDS_H\n#define ZC_LEXICON_IDS_H\n\n")
        f.write("typedef enum zci_table_id {\n")
        for t in tables:
            f.write(f"    ZCI_LEX_{t},\n")
        f.write("    ZCI_LEX_COUNT\n} zci_table_id;\n\n")
        f.write("/* The longest word of each table, in bytes. */\nenum {\n")
        for t, entries in tables.items():
            f.write(f"    ZCI_LEX_{t}_MAX = {max(len(w['w'].encode()) for w in entries)},\n")
        f.write("};\n\n")
        f.write("/* 1 when every word of a table starts with a CJK ideograph (first byte\n"
                " * E4-E9): a walk may then look for its words at Han characters only. */\n"
                "enum {\n")
        han_set = 0
        for i, (t, entries) in enumerate(tables.items()):
            han = all(0xE4 <= w['w'].encode()[0] <= 0xE9 for w in entries)
            han_set |= int(han) << i
            f.write(f"    ZCI_LEX_{t}_HAN_ONLY = {int(han)},\n")
        f.write("};\n")
        assert len(tables) <= 64, "ZCI_LEX_HAN_ONLY_SET has a bit per table"
        f.write("/* The same as a bit per table id, for tests that fold to a constant. */\n"
                f"#define ZCI_LEX_HAN_ONLY_SET UINT64_C(0x{han_set:016X})\n\n")
        pair_set = 0
        for i, (t, entries) in enumerate(tables.items()):
            pair_set |= int(all(two_chars(w["w"].encode()) for w in entries)) << i
        f.write("/* A bit per table whose words all open with two 3-byte characters:\n"
                " * zci_lex_second_mask filters by the second (zci_lex_may_start_han). */\n"
                f"#define ZCI_LEX_PAIR_SET UINT64_C(0x{pair_set:016X})\n\n")
        nums = tables.get("CN_NUMERAL", [])
        keys = [int.from_bytes(w["w"].encode(), "little") for w in nums]
        mult = numeral_hash(keys)
        slots = [0] * 64
        index = [-1] * 64
        for i, k in enumerate(keys):
            h = (k * mult) % (1 << 32) >> 26
            slots[h], index[h] = k, i
        f.write("/* The Chinese numerals' three UTF-8 bytes (first byte lowest) hashed\n"
                " * without collisions into 64 slots: a test is one multiply, one load\n"
                " * and one compare, cheap enough for every Han character of the text. */\n")
        f.write(f"#define ZCI_CN_NUMERAL_HASH(b) ((uint32_t)((b) * 0x{mult:08X}u) >> 26)\n")
        f.write("static const uint32_t zci_cn_numeral_key[64] = {" +
                ", ".join(f"0x{k:06X}" for k in slots) + "};\n")
        f.write("static const signed char zci_cn_numeral_slot[64] = {" +
                ", ".join(str(i) for i in index) + "};\n")
        f.write("/* Index in ZCI_LEX_CN_NUMERAL of the numeral whose bytes are b, or -1. */\n")
        f.write("static inline int zci_cn_numeral_index(uint32_t b) {\n"
                "    unsigned h = ZCI_CN_NUMERAL_HASH(b);\n"
                "    return zci_cn_numeral_key[h] == b ? zci_cn_numeral_slot[h] : -1;\n}\n")
        numerals = [w["w"].encode() for w in nums]
        if any(len(w) != 3 for w in numerals):
            raise SystemExit("gen_lexicon: a Chinese numeral that is not one 3-byte character")
        f.write("/* For SIMD scans that find numerals without the hash at every\n"
                " * character: the range of their first bytes, and the sets of their\n"
                " * second and third bytes as nibble tables (byte b is in a set when\n"
                " * lo[b & 15] & hi[b >> 4] is not 0: one byte shuffle each). */\n")
        f.write(f"#define ZCI_CN_NUMERAL_LEAD_MIN 0x{min(w[0] for w in numerals):02X}\n")
        f.write(f"#define ZCI_CN_NUMERAL_LEAD_MAX 0x{max(w[0] for w in numerals):02X}\n")
        outside = [w for w in numerals if not 0xE4 <= w[0] <= 0xE9]
        if len(outside) != 1:
            raise SystemExit("gen_lexicon: the section scan expects one numeral outside the ideographs (〇)")
        f.write("/* The one numeral outside the ideographs (〇), as zci_char3_key reads it. */\n"
                f"#define ZCI_CN_NUMERAL_OUTSIDE_HAN 0x{int.from_bytes(outside[0], 'little'):06X}u\n")
        for name, pos in (("second", 1), ("third", 2)):
            lo, hi = nibble_tables({w[pos] for w in numerals})
            f.write(f"static const unsigned char zci_cn_numeral_{name}_lo[16] = {{{', '.join(map(str, lo))}}};\n")
            f.write(f"static const unsigned char zci_cn_numeral_{name}_hi[16] = {{{', '.join(map(str, hi))}}};\n")
        marker = "".join(w["w"] for w in nums if w["val"].endswith("_MARKER"))
        f.write(f"/* Regex fragments for patterns.def, from the tables above. */\n")
        f.write(f"#define ZCI_RX_CN_MARKER_DIGIT {c_str('[' + marker + ']')}\n")
        number = "".join(w["w"] for w in nums if w["factor"] not in ("1e4", "1e8"))
        f.write(f"#define ZCI_RX_CN_NUMERAL {c_str('[' + number + ']')}\n")
        keys = "|".join(sorted((w["w"] for w in tables.get("META_KEY", [])), key=len, reverse=True))
        f.write(f"#define ZCI_RX_META_KEY {c_str(keys)}\n")
        f.write("\n#endif\n")


def write_data(tables, out):
    with open(out, "w", encoding="utf-8") as f:
        f.write("/* Generated by gen_lexicon.py from lexicon.def: do not edit. */\n")
        for t, entries in tables.items():
            name = t.lower()
            f.write(f"static const zci_word {name}_words[] = {{\n")
            for e in entries:
                f.write(f"    {{{c_str(e['w'])}, {len(e['w'].encode())}, (int16_t)({e['val']}), "
                        f"(int16_t)({e['val2']}), {e['canon']}, {e['factor']}}},\n")
            f.write("};\n")
            words = [e["w"].encode() for e in entries]
            for kind, key, nb in (("first", first_key, FIRST_BUCKETS), ("last", last_key, FIRST_BUCKETS)):
                order = bucket_order(words, key, kind == "first")
                starts = [0] * (nb + 1)
                for i in order:
                    starts[key(words[i]) + 1] += 1
                for b in range(nb):
                    starts[b + 1] += starts[b]
                # the bucket walks compare these, in bucket order: the word's
                # first 8 bytes zero-padded (its last 8, zero-padded in front,
                # for the walk back), in one load before any memcmp, with its
                # length and index beside them
                def edge(w):
                    return (w[:8] + bytes(8))[:8] if kind == "first" else (bytes(8) + w[-8:])[-8:]
                entries_c = ", ".join(
                    "{{" + ", ".join(f"0x{b:02X}" for b in edge(words[i])) + f"}}, {len(words[i])}, {i}}}"
                    for i in order)
                f.write(f"static const zci_bucket_entry {name}_{kind}_entry[] = {{{entries_c}}};\n")
                f.write(f"static const uint16_t {name}_{kind}_start[{nb + 1}] = {{{', '.join(map(str, starts))}}};\n")
        f.write("\nstatic const zci_table tables[ZCI_LEX_COUNT] = {\n")
        for t, entries in tables.items():
            name = t.lower()
            longest = max(len(e["w"].encode()) for e in entries)
            f.write(f"    [ZCI_LEX_{t}] = {{{name}_words, {len(entries)}, {longest}, {name}_first_entry, "
                    f"{name}_first_start, {name}_last_entry, {name}_last_start}},\n")
        f.write("};\n")
        if "INDICATOR_ID" in tables:
            f.write("\n/* The public indicator records, from INDICATOR_ID. */\n")
            f.write("static const zc_indicator indicator_records[] = {\n")
            for e in tables["INDICATOR_ID"]:
                f.write(f"    {{{c_str(e['w'])}, {e['canon']}, {e['val']}, {e['val2']}}},\n")
            f.write("};\n")
            # a name is looked up whole (zc_indicator_find): an open-addressing
            # table of the INDICATOR entries by name_hash, the first entry of
            # each string only (the one a scan in table order would return)
            words = [e["w"].encode() for e in tables["INDICATOR"]]
            size = 1
            while size < 2 * len(words):
                size *= 2
            slots = [0] * size
            seen = set()
            for i, w in enumerate(words):
                if w in seen:
                    continue
                seen.add(w)
                h = name_hash(w) & (size - 1)
                while slots[h]:
                    h = (h + 1) & (size - 1)
                slots[h] = i + 1
            f.write("\n/* INDICATOR entries by the hash of the whole name, probed\n"
                    " * linearly: index + 1, 0 for an empty slot. */\n")
            f.write(f"#define ZCI_INDICATOR_SLOTS {size}\n")
            f.write(f"static const uint16_t indicator_slots[ZCI_INDICATOR_SLOTS] = {{{', '.join(map(str, slots))}}};\n")
        for kind, key, decl in (("first", first_key, "const uint64_t zci_lex_first_mask"),
                                ("second", second_key, "const uint64_t zci_lex_second_mask"),
                                ("last", last_key, "const uint64_t zci_lex_last_mask"),
                                ("last2", last_key2, "const uint64_t zci_lex_last_mask2")):
            f.write(f"\n{decl}[ZCI_LEX_COUNT][4] = {{\n")
            for t, entries in tables.items():
                mask = 0
                for e in entries:
                    k = key(e["w"].encode())
                    mask |= (1 << k) if k >= 0 else 2**256 - 1
                parts = ", ".join(f"UINT64_C({(mask >> (64 * i)) & (2**64 - 1):#x})" for i in range(4))
                f.write(f"    [ZCI_LEX_{t}] = {{{parts}}},\n")
            f.write("};\n")


def main() -> int:
    tables = {}
    for path in sys.argv[3:]:
        for t, entries in parse(path).items():
            tables.setdefault(t, []).extend(entries)
    # an indicator is found by its id, its canonical name and its aliases in
    # one lookup; each INDICATOR entry's value is its record's index
    if "INDICATOR_ID" in tables:
        index = {e["w"]: k for k, e in enumerate(tables["INDICATOR_ID"])}
        names = [{"w": e["w"], "val": "0", "val2": "0", "canon": c_str(e["w"]), "factor": "1"}
                 for e in tables["INDICATOR_ID"]]
        names += [{"w": e["canon"][1:-1], "val": "0", "val2": "0", "canon": c_str(e["w"]),
                   "factor": "1"} for e in tables["INDICATOR_ID"]]
        aliases = tables.setdefault("INDICATOR", []) + names
        # the ways one name is written: 研究与试验发展 or 研究与实验发展, 经费支出
        # or 经费, X占Y比重 or X与Y之比, and a share with or without
        # 的 before its measure word (占国内生产总值的比重): all name it
        known = {e["w"] for e in aliases}

        def add_variant(e, w):
            if w not in known:
                known.add(w)
                aliases.append(dict(e, w=w))

        # each rewrite applies to the names the ones before it made too
        rewrites = [(r"试验发展", r"实验发展"), (r"经费支出", r"经费"),
                    (r"^(.+)占(.+?[^的])(?:比重|比例)$", r"\1与\2之比"),
                    (r"^(.*占.+?[^的])(比重|比例)$", r"\1的\2")]
        for pattern, repl in rewrites:
            for e in list(aliases):
                w = re.sub(pattern, repl, e["w"], count=1)
                if w != e["w"]:
                    add_variant(e, w)
        for e in aliases:
            e["val"] = str(index[e["canon"][1:-1]])
        tables["INDICATOR"] = aliases
    write_ids(tables, sys.argv[1])
    write_data(tables, sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
