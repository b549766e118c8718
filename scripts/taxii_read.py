#!/usr/bin/env python3
"""Reads every page of a TAXII 2.1 collection with the OASIS taxii2-client and times it
(scripts/taxii_bench.sh).

usage: taxii_read.py BASE_URL API_KEY PER_PAGE [EXPECTED]

The API key is the password of HTTP Basic. Reads the `all` collection with
added_after=1970-01-01 in pages of PER_PAGE, following `next`; prints the objects,
the pages and the seconds; fails if EXPECTED is given and differs.
"""
import sys
import time

from taxii2client.v21 import Server, as_pages

base, key, per_page = sys.argv[1], sys.argv[2], int(sys.argv[3])
expected = int(sys.argv[4]) if len(sys.argv) > 4 else None
start = time.monotonic()
server = Server(base + "/taxii2/", user="bench", password=key)
collection = [c for c in server.default.collections if "all regions" in c.title][0]
objects = pages = 0
for envelope in as_pages(
    collection.get_objects, per_request=per_page, added_after="1970-01-01T00:00:00Z"
):
    pages += 1
    objects += len(envelope.get("objects", []))
elapsed = time.monotonic() - start
print(f"taxii2-client: {objects} objects in {pages} pages of {per_page}: {elapsed:.1f} s "
      f"({objects / elapsed:,.0f} objects/s)")
if expected is not None and objects != expected:
    sys.exit(f"expected {expected} objects, read {objects}")
