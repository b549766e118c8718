#!/usr/bin/env python3
"""Generates the inputs of the whole-process benchmarks in BENCHMARKS.md.

usage: scripts/gen_bench_inputs.py OUT_DIR [POLKADOT_ALL_JSON]

Writes OUT_DIR/domains-100k.txt (40 % popular domains, 30 % phishing domains from the
Polkadot list when given, 20 % made-up domains, 10 % www. subdomains) and
OUT_DIR/block-1m.txt (1,000,000 made-up scam domains). Deterministic (seeded).
"""
import json
import os
import random
import sys

def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "data", "eval", "popular-domains.txt")) as f:
        popular = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    deny = popular
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            deny = json.load(f)["deny"]
    rng = random.Random(7)
    words = ["alpha", "blue", "cloud", "data", "echo", "forest", "green", "harbor", "island",
             "jet", "kite", "lemon", "metro", "nova", "orbit", "pixel", "quartz", "river",
             "solar", "tiger"]
    tlds = [".com", ".net", ".io", ".org", ".xyz"]
    lines = []
    while len(lines) < 100_000:
        r = rng.random()
        if r < 0.4:
            lines.append(rng.choice(popular))
        elif r < 0.7:
            lines.append(rng.choice(deny))
        elif r < 0.9:
            lines.append(rng.choice(words) + rng.choice(words) + str(rng.randint(0, 999)) + rng.choice(tlds))
        else:
            lines.append("www." + rng.choice(popular))
    with open(os.path.join(out, "domains-100k.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "block-1m.txt"), "w") as f:
        for i in range(1_000_000):
            f.write(f"scam-{i:07d}-{rng.choice(words)}{rng.choice(tlds)}\n")

if __name__ == "__main__":
    main()
