"""Verifies Standard Webhooks `v1a` (ed25519) signatures with Python's `cryptography` package alone.

Usage: python3 verify_ed25519.py <cases dir> <results file>
Each case's secret is the receiver's trusted public key, `whpk_<base64 of 32 bytes>`. A case is accepted when the
timestamp is within 5 minutes and some `v1a,<base64>` entry of `webhook-signature` verifies over
`{webhook-id}.{webhook-timestamp}.` + the body bytes. Writes {case: accepted} as JSON.
"""
import base64
import json
import sys
import time

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from receiver_cases import read_cases


def accepted(body, headers, public_key):
    key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key.removeprefix("whpk_"), validate=True))
    msg_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not msg_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return False
    signed = f"{msg_id}.{timestamp}.".encode("utf-8") + body
    for entry in headers.get("webhook-signature", "").split(" "):
        version, _, signature = entry.partition(",")
        if version != "v1a":
            continue
        try:
            key.verify(base64.b64decode(signature, validate=True), signed)
            return True
        except (InvalidSignature, ValueError):
            pass
    return False


cases_directory, results_file = sys.argv[1:3]
results = {}
for name, body, headers, secret in read_cases(cases_directory):
    results[name] = accepted(body, {k.lower(): v for k, v in headers}, secret)
with open(results_file, "w", encoding="utf-8") as f:
    json.dump(results, f)
