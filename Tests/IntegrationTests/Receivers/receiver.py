"""A webhook receiver for the end-to-end tests: answers with scripted statuses and records every request.

Usage: receiver.py PORT LOG_FILE STATUSES [SECRET]   (RECEIVER_DELAY_MS in the environment delays each answer;
  RECEIVER_RETRY_AFTER, when set, is sent as the Retry-After header of every non-2xx answer)
  STATUSES  comma-separated status codes answered in turn; the last repeats (e.g. "500,200")
  SECRET    when given, each request is verified with the standardwebhooks library and the result recorded
Each request is appended to LOG_FILE as one JSON line:
  {"headers": {...}, "body": "...", "verified": bool|null, "receivedAt": seconds since the epoch}.
"""
import json
import os
import sys
import time
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log_file, statuses = int(sys.argv[1]), sys.argv[2], [int(s) for s in sys.argv[3].split(",")]
secret = sys.argv[4] if len(sys.argv) > 4 else None
verifier = None
if secret:
    from standardwebhooks.webhooks import Webhook
    verifier = Webhook(secret)
lock = threading.Lock()
count = [0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {k.lower(): v for k, v in self.headers.items()}
        verified = None
        if verifier is not None:
            try:
                verifier.verify(body, headers)
                verified = True
            except Exception:
                verified = False
        with lock:
            status = statuses[min(count[0], len(statuses) - 1)]
            count[0] += 1
            with open(log_file, "a") as log:
                log.write(json.dumps({"headers": headers, "body": body.decode("utf-8"), "verified": verified,
                                     "receivedAt": time.time()}) + "\n")
        delay = int(os.environ.get("RECEIVER_DELAY_MS", "0"))
        if delay:
            time.sleep(delay / 1000)
        answer = b'{"received":true}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        retry_after = os.environ.get("RECEIVER_RETRY_AFTER")
        if retry_after and not 200 <= status < 300:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
