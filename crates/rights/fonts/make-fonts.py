#!/usr/bin/env python3
"""Makes the two fonts Regie's letters are printed in, from DejaVu Sans.

A PDF letter must look the same on every machine, so it carries its font.
The whole DejaVu Sans (760 kB a style) would be most of what this feature
adds to the app, so this keeps only the characters a European letter
needs: Latin (with the Central European and Romanian letters), Greek,
Cyrillic, and the usual punctuation, the euro sign and the like. The
licence lets a modified font be shipped under a name without "Bitstream"
or "Vera"; the subsets are called Regie Sans (see PROVENANCE.md).

Needs Debian's fonts-dejavu-core and fonttools (pip install fonttools).
Run from this folder: python3 make-fonts.py
"""

import hashlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = "/usr/share/fonts/truetype/dejavu"
RANGES = [
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement and Latin Extended-A
    (0x0218, 0x021B),  # Romanian S and T with comma below
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x045F),  # Cyrillic
    (0x2010, 0x2027),  # dashes, quotation marks, bullet, ellipsis
    (0x2030, 0x203A),  # per mille, single angle quotation marks
    (0x20AC, 0x20AC),  # euro sign
    (0x2105, 0x2105),  # care of (c/o)
    (0x2116, 0x2116),  # numero sign
    (0x2122, 0x2122),  # trade mark sign
    (0x2212, 0x2212),  # minus sign
]
STYLES = [("DejaVuSans.ttf", "RegieSans.ttf", "Regular"), ("DejaVuSans-Bold.ttf", "RegieSans-Bold.ttf", "Bold")]


def make(src_name, out_name, style):
    src = f"{SOURCE}/{src_name}"
    with open(src, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    # The source's own timestamp is kept, so that a run makes the same bytes.
    font = TTFont(src, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[c for lo, hi in RANGES for c in range(lo, hi + 1)])
    sub.subset(font)
    # The licence asks for a new name; the copyright, trademark and licence
    # records (name IDs 0, 7, 13 and 14) stay as they are.
    family = "Regie Sans"
    full = family if style == "Regular" else f"{family} {style}"
    postscript = "RegieSans" if style == "Regular" else f"RegieSans-{style}"
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 18):
            names.removeNames(nameID=rec.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(style, 2, 3, 1, 0x409)
    names.setName(f"{full}; subset of DejaVu Sans 2.37", 3, 3, 1, 0x409)
    names.setName(full, 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.setName("Subset of DejaVu Sans 2.37 for Regie's letters (see PROVENANCE.md)", 10, 3, 1, 0x409)
    # The FontForge timestamp table is not needed and not subsettable.
    if "FFTM" in font:
        del font["FFTM"]
    font.save(out_name)
    print(f"{src}  sha256 {digest}  ->  {out_name}")


def write_licence():
    """Copies the licence the font carries (name ID 13) to LICENSE."""
    font = TTFont(f"{SOURCE}/{STYLES[0][0]}")
    text = font["name"].getName(13, 3, 1, 0x409).toUnicode()
    with open("LICENSE", "w") as f:
        f.write("\n".join(line.rstrip() for line in text.strip().splitlines()) + "\n")


if __name__ == "__main__":
    for src_name, out_name, style in STYLES:
        make(src_name, out_name, style)
    write_licence()
    sys.exit(0)
