#!/usr/bin/env python3
"""Converts the TEXT column of a LABEL,TEXT CSV with OpenCC, for `antiscam eval analyze
--opencc CONFIG`: the evaluation of the analyzer on Traditional Chinese (as written in Hong
Kong: `s2hk`) from a Simplified corpus. Needs the PyPI package `opencc`
(pip install opencc). The copy goes to OUT, which the eval command reads and removes.

    python3 scripts/opencc_convert.py s2hk IN.csv OUT.csv
"""
import csv
import sys

import opencc


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    config, src, dst = sys.argv[1:]
    converter = opencc.OpenCC(config)
    with open(src, newline="", encoding="utf-8", errors="replace") as f_in, open(
        dst, "w", newline="", encoding="utf-8"
    ) as f_out:
        reader = csv.reader(f_in)
        writer = csv.writer(f_out, lineterminator="\n")
        for i, row in enumerate(reader):
            if i > 0 and len(row) > 1:
                row[1] = converter.convert(row[1])
            writer.writerow(row)


if __name__ == "__main__":
    main()
