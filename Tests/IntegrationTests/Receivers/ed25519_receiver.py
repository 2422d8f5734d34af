"""A Standard Webhooks `v1a` receiver that verifies ed25519 signatures with Python's `cryptography` package alone
(independent of the service's code and of any webhook library).

Usage: ed25519_receiver.py PORT LOG_FILE KEYS_FILE
  KEYS_FILE  the trusted public keys, `whpk_<base64 of 32 bytes>`, one per line; read at every request, so a test
             writes it after creating the webhook (and again after a rotation).
For each request, every `v1a,<base64>` entry of `webhook-signature` is checked against every trusted key over
`{webhook-id}.{webhook-timestamp}.` + the body bytes exactly as received; the timestamp must be within 5 minutes.
Answers 200 when some signature verifies, else 401. Each request is appended to LOG_FILE as one JSON line:
{"headers": {...}, "body": "...", "verified": bool, "signatures": [{"signature": "v1a,...", "verifiedBy": [key...]}]}
"""
import base64
import binascii
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

port, log_file, keys_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()


def trusted_keys():
    with open(keys_file, encoding="utf-8") as keys:
        lines = [line.strip() for line in keys if line.strip()]
    return {line: Ed25519PublicKey.from_public_bytes(base64.b64decode(line[len("whpk_"):], validate=True))
            for line in lines if line.startswith("whpk_")}


def check(headers, body):
    """The signatures and the keys each verifies with; [] when the id or timestamp is missing or stale."""
    msg_id, timestamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
    if not msg_id or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 300:
        return []
    signed = f"{msg_id}.{timestamp}.".encode("utf-8") + body
    keys = trusted_keys()
    results = []
    for entry in headers.get("webhook-signature", "").split(" "):
        version, _, encoded = entry.partition(",")
        verified_by = []
        if version == "v1a":
            try:
                signature = base64.b64decode(encoded, validate=True)
            except (binascii.Error, ValueError):
                signature = b""
            for name, key in keys.items():
                try:
                    key.verify(signature, signed)
                    verified_by.append(name)
                except InvalidSignature:
                    pass
        results.append({"signature": entry, "verifiedBy": verified_by})
    return results


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        signatures = check(headers, body)
        verified = any(result["verifiedBy"] for result in signatures)
        with lock, open(log_file, "a", encoding="utf-8") as log:
            log.write(json.dumps({"headers": headers, "body": body.decode("utf-8"), "verified": verified,
                                  "signatures": signatures}) + "\n")
        status = 200 if verified else 401
        answer = b'{"received":true}' if verified else b'{"error":"bad signature"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
