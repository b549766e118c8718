"""Reads antiscam's TAXII 2.1 server with the OASIS taxii2-client and its MISP feed
with PyMISP, as partners' tools do (run by crates/server/tests/api/taxii.rs).

usage: check_taxii.py BASE_URL ADMIN_KEY PARTNER_KEY ALL_COUNT REGION_COUNT

The key is the password of HTTP Basic (any user name). Reads discovery, the
collections, then every page of objects (added_after, limit, next) of the `all`
collection as the admin and of the region's collection as the partner, and checks
the counts and the revoked versions; then the partner's MISP feed: manifest.json,
every event loaded with MISPEvent, and hashes.csv.
"""

import hashlib
import sys

import requests
from pymisp import MISPEvent
from taxii2client.v21 import Server, as_pages

base, admin_key, partner_key, all_count, region_count = sys.argv[1:6]
all_count, region_count = int(all_count), int(region_count)


def read_all(collection):
    objects, pages = [], 0
    for envelope in as_pages(
        collection.get_objects, per_request=2, added_after="1970-01-01T00:00:00Z"
    ):
        pages += 1
        objects.extend(envelope.get("objects", []))
    return objects, pages


def check(key, want_titles, count):
    server = Server(base + "/taxii2/", user="taxii", password=key)
    root = server.default
    assert root is not None and len(server.api_roots) == 1, server.api_roots
    titles = [c.title for c in root.collections]
    assert len(titles) == len(want_titles), titles
    for needle in want_titles:
        assert any(needle in t for t in titles), (needle, titles)
    collection = [c for c in root.collections if want_titles[0] in c.title][0]
    assert collection.can_read and not collection.can_write
    objects, pages = read_all(collection)
    assert len(objects) == count, (len(objects), count)
    assert pages >= count // 2, pages
    for o in objects:
        assert o["type"] == "indicator" and o["spec_version"] == "2.1", o
    revoked = [o for o in objects if o.get("revoked")]
    assert len(revoked) == 1, revoked
    # The revocation is a later version of an id served before.
    same = [o for o in objects if o["id"] == revoked[0]["id"]]
    assert len(same) == 2 and same[0]["modified"] < same[1]["modified"], same
    # added_after the last date_added: nothing more.
    last = collection.get_objects(limit=1000)
    assert len(last["objects"]) == count and not last.get("more")
    manifest = collection.get_manifest()
    assert len(manifest["objects"]) == count, manifest
    one = collection.get_object(revoked[0]["id"])
    assert len(one["objects"]) == 2, one
    return len(objects), pages


n, pages = check(admin_key, ["all regions", "region HK", "region SG"], all_count)
print(f"taxii2-client: admin read {n} objects in {pages} pages")
n, pages = check(partner_key, ["region HK"], region_count)
print(f"taxii2-client: partner read {n} objects in {pages} pages")

# The MISP feed, as MISP's feed fetcher reads it.
auth = ("misp", partner_key)
manifest = requests.get(base + "/feeds/misp/manifest.json", auth=auth, timeout=30)
manifest.raise_for_status()
manifest = manifest.json()
assert manifest, "an empty manifest"
attributes, retracted, values = 0, 0, set()
for uuid, meta in manifest.items():
    r = requests.get(f"{base}/feeds/misp/{uuid}.json", auth=auth, timeout=30)
    r.raise_for_status()
    event = MISPEvent()
    event.load(r.text)
    assert event.uuid == uuid, (event.uuid, uuid)
    assert str(int(event.timestamp.timestamp())) == meta["timestamp"], meta
    for a in event.attributes:
        attributes += 1
        values.add(a.value)
        if any(t.name == "antiscam:retracted" for t in a.tags):
            retracted += 1
            assert not a.to_ids
hashes = requests.get(base + "/feeds/misp/hashes.csv", auth=auth, timeout=30)
hashes.raise_for_status()
lines = [l.split(",") for l in hashes.text.splitlines() if l]
assert len(lines) == attributes, (len(lines), attributes)
assert {h for h, _ in lines} == {hashlib.md5(v.encode()).hexdigest() for v in values}
assert {u for _, u in lines} <= set(manifest)
assert retracted == 1, retracted
print(f"pymisp: {len(manifest)} events, {attributes} attributes, {retracted} retracted")
