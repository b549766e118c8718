"""Checks antiscam exports with the reference libraries: the OASIS stix2 library parses
the STIX 2.1 bundle (strictly, once antiscam's two extension SCOs are registered as
their extension definitions describe them) and PyMISP loads the MISP event.

Usage: check_exports.py BUNDLE.json MISP.json; exits non-zero on any failure."""

import sys

import stix2
from pymisp import MISPEvent
from stix2 import v21
from stix2.properties import StringProperty

PHONE_EXT = "extension-definition--5c0a2f3e-8d41-4b6a-9e27-3f1c8a6d9b52"
WALLET_EXT = "extension-definition--9b7e4d21-6c3f-4a58-8e1d-2f6a0c9b7d13"


@v21.CustomObservable(
    "antiscam-phone-number",
    [("value", StringProperty(required=True))],
    ["value"],
    extension_name=PHONE_EXT,
)
class PhoneNumber:
    pass


@v21.CustomObservable(
    "antiscam-wallet-address",
    [("value", StringProperty(required=True)), ("chain", StringProperty(required=True))],
    ["chain", "value"],
    extension_name=WALLET_EXT,
)
class WalletAddress:
    pass


def main(bundle_path, misp_path):
    with open(bundle_path, encoding="utf-8") as f:
        text = f.read()
    bundle = stix2.parse(text, allow_custom=False)
    types = {}
    for obj in bundle.objects:
        types[obj.type] = types.get(obj.type, 0) + 1
        # Deterministic SCO ids: the library computes the same id from the values.
        if obj.type == "domain-name":
            assert obj.id == v21.DomainName(value=obj.value).id, obj.id
        if obj.type == "antiscam-phone-number":
            assert obj.id == PhoneNumber(value=obj.value).id, obj.id
        if obj.type == "antiscam-wallet-address":
            assert obj.id == WalletAddress(value=obj.value, chain=obj.chain).id, obj.id
    assert types.get("indicator", 0) == types.get("observed-data", 0) > 0, types
    print(f"stix2: {len(bundle.objects)} objects {sorted(types.items())}")

    event = MISPEvent()
    with open(misp_path, encoding="utf-8") as f:
        event.load(f.read())
    assert event.attributes, "no attributes"
    for attribute in event.attributes:
        assert attribute.value, attribute
    print(f"pymisp: {len(event.attributes)} attributes, info {event.info!r}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
