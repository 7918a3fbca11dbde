#!/usr/bin/env python3
"""Makes directory.tsv, the directory of organisations Regie ships, from the
datenanfragen.de company database (one JSON record per line).

Only the fields a letter needs are kept (see PROVENANCE.md); the result is
a small text file that the crate compresses when it is built and reads on
first use. Run from this folder:

    python3 make-directory.py ../../../../shared/data/datenanfragen/companies.jsonl

The output is sorted by slug and the same input always gives the same bytes.
"""

import json
import sys

HEADER = "# regie-directory 1\tslug\tname\tweb\temail\twebform\ttransport\tcountries\tquality\taddress\tother-names..."
TRANSPORTS = {"email", "letter", "webform"}
QUALITIES = {"tested", "verified", "imported", "scraped"}
# Obvious typing errors in the source, put right here and listed in
# PROVENANCE.md: (slug, field, as found, as shipped).
FIXES = [
    ("asos-shop", "web", "httsp://www.asos.com", "https://www.asos.com"),
    ("vrbank-muenchen-land", "email", "daten\u00adschut\u00adz@vrbml.de", "datenschutz@vrbml.de"),
]


def escape(value):
    if "\r" in value:
        raise SystemExit(f"carriage return in {value!r}")
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def main(path):
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    fixes = {(slug, field): (old, new) for slug, field, old, new in FIXES}
    used = set()
    lines = [HEADER]
    for r in sorted(records, key=lambda r: r["slug"]):
        for field in ("web", "email"):
            fix = fixes.get((r["slug"], field))
            if fix:
                if r.get(field) != fix[0]:
                    raise SystemExit(f"fix for {r['slug']} {field} no longer matches: {r.get(field)!r}")
                r[field] = fix[1]
                used.add((r["slug"], field))
        transport = r.get("suggested-transport-medium", "")
        if transport and transport not in TRANSPORTS:
            raise SystemExit(f"{r['slug']}: transport {transport!r}")
        if r["quality"] not in QUALITIES:
            raise SystemExit(f"{r['slug']}: quality {r['quality']!r}")
        fields = [
            r["slug"],
            r["name"],
            r.get("web", ""),
            r.get("email", ""),
            r.get("webform", ""),
            transport,
            ",".join(r["relevant-countries"]),
            r["quality"],
            r["address"],
        ] + r.get("runs", [])
        lines.append("\t".join(escape(v) for v in fields))
    if used != set(fixes):
        raise SystemExit(f"fixes not applied: {set(fixes) - used}")
    with open("directory.tsv", "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(records)} records -> directory.tsv")


if __name__ == "__main__":
    main(sys.argv[1])
