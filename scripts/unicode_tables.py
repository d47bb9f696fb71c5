#!/usr/bin/env python3
"""Writes src/model/cjk_tables.rs, the character classes that planpub's reading of
Markdown needs (the CJK-friendly emphasis rule and the segment-break rule of CSS Text 3),
from the Unicode Character Database.

Usage: python3 scripts/unicode_tables.py [UCD folder] > src/model/cjk_tables.rs
The folder defaults to /usr/share/unicode, where Debian's unicode-data package puts it.
"""
import os
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"


def ranges_of(path, keep):
    """Code point ranges of a UCD property file whose value passes `keep`."""
    points = set()
    with open(os.path.join(UCD, path), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cps, value = [p.strip() for p in line.split(";")[:2]]
            if not keep(value):
                continue
            lo, _, hi = cps.partition("..")
            points.update(range(int(lo, 16), int(hi or lo, 16) + 1))
    return points


def general_categories():
    """Code points whose general category is punctuation (P*) or symbol (S*): what
    CommonMark calls a Unicode punctuation character."""
    points = set()
    first = None
    with open(os.path.join(UCD, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            cp, name, gc = int(fields[0], 16), fields[1], fields[2]
            if name.endswith(", First>"):
                first = cp
                continue
            span = range(first, cp + 1) if name.endswith(", Last>") else range(cp, cp + 1)
            first = None
            if gc[0] in "PS":
                points.update(span)
    return points


def pack(points):
    out = []
    for cp in sorted(points):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def table(name, doc, points):
    rows = pack(points)
    print(f"/// {doc}")
    print("#[rustfmt::skip]")
    print(f"pub(super) const {name}: &[(u32, u32)] = &[")
    for i in range(0, len(rows), 6):
        print("    " + " ".join(f"(0x{a:X}, 0x{b:X})," for a, b in rows[i:i + 6]))
    print("];")
    print()


version = "?"
with open(os.path.join(UCD, "ReadMe.txt"), encoding="utf-8") as f:
    for line in f:
        if "Version" in line and "of the Unicode Standard" in line:
            version = "Unicode " + line.split("Version", 1)[1].split()[0]
            break
print("//! Character classes from the Unicode Character Database, written by")
print("//! scripts/unicode_tables.py; do not edit by hand.")
print(f"//! Made from the data of {version}.")
print()
table("WIDE", "East Asian Width F, W or H (UAX #11).",
      ranges_of("EastAsianWidth.txt", lambda v: v in ("F", "W", "H")))
table("AMBIGUOUS", "East Asian Width A (UAX #11): wide in East Asian text, narrow elsewhere.",
      ranges_of("EastAsianWidth.txt", lambda v: v == "A"))
table("EMOJI_PRESENTATION", "Emoji_Presentation (UTS #51): shown as emoji by default.",
      ranges_of("emoji/emoji-data.txt", lambda v: v == "Emoji_Presentation"))
table("HANGUL", "Script Hangul (UAX #24).",
      ranges_of("Scripts.txt", lambda v: v == "Hangul"))
table("PUNCTUATION", "General category P* or S*: a Unicode punctuation character of CommonMark 0.31.",
      general_categories())
