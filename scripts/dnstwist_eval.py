#!/usr/bin/env python3
"""Recall of `antiscam verify -` on dnstwist's own look-alike generators (issue 11).

Needs `pip install dnstwist==20250130` (no network use: only its permutation engine).
Every domain of the given registry files is permuted by dnstwist's fuzzers (its
dictionary fuzzer with the words given by --dictionary, one per line); each permutation
is judged by `antiscam verify --registry <the registries concatenated> -`, and the share
called an impersonation of the right brand is printed per fuzzer.

    python3 scripts/dnstwist_eval.py --antiscam target/release/antiscam \\
        --dictionary /tmp/words.txt data/eval/registry.toml data/eval/registry-extra.toml
"""
import argparse
import collections
import json
import subprocess
import tempfile
import tomllib

import dnstwist


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--antiscam", default="target/release/antiscam")
    ap.add_argument("--dictionary", help="words for dnstwist's dictionary fuzzer")
    ap.add_argument("--show", type=int, default=8, help="misses printed per fuzzer")
    ap.add_argument("registry", nargs="+")
    args = ap.parse_args()
    words = []
    if args.dictionary:
        with open(args.dictionary) as f:
            words = [w.strip() for w in f if w.strip()]
    text, brands = "", []
    for path in args.registry:
        with open(path) as f:
            t = f.read()
        text += t + "\n"
        brands += tomllib.loads(t).get("brand", [])
    rows, seen = [], set()
    for b in brands:
        for d in b.get("domains", []):
            if d in seen:
                continue
            seen.add(d)
            fuzzer = dnstwist.Fuzzer(d, dictionary=words)
            fuzzer.generate()
            for p in fuzzer.permutations():
                if p["fuzzer"] != "*original":
                    rows.append((p["fuzzer"], b["name"], p["domain"]))
    with tempfile.NamedTemporaryFile("w", suffix=".toml") as reg:
        reg.write(text)
        reg.flush()
        out = subprocess.run(
            [args.antiscam, "verify", "--registry", reg.name, "-"],
            input="".join(r[2] + "\n" for r in rows),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
    total, hit = collections.Counter(), collections.Counter()
    misses = collections.defaultdict(list)
    for (fuzzer, brand, domain), line in zip(rows, out):
        r = json.loads(line)
        if r["verdict"] == "official":
            continue
        total[fuzzer] += 1
        if r["verdict"] == "impersonation" and r.get("brand") == brand:
            hit[fuzzer] += 1
        elif len(misses[fuzzer]) < args.show:
            misses[fuzzer].append(f"{domain} ({r['verdict']} {r.get('brand') or ''})".strip())
    for fuzzer in sorted(total):
        n = total[fuzzer]
        print(f"{fuzzer:<14} {n:>8} {hit[fuzzer]:>8} {100 * hit[fuzzer] / n:7.2f}%")
        if misses[fuzzer]:
            print("    missed e.g.: " + ", ".join(misses[fuzzer]))


if __name__ == "__main__":
    main()
