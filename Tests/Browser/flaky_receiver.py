#!/usr/bin/env python3
"""A receiver for screenshots: POST /ok answers 200 after a short, varying delay; POST /flaky fails one request in
three with 500 (or 503), so retries and failures show in the log and the charts.

  flaky_receiver.py PORT
"""
import random
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        time.sleep(random.uniform(0.005, 0.12))
        status = 200
        if self.path.startswith("/flaky") and random.random() < 0.35:
            status = random.choice([500, 503])
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"OK" if status == 200 else b"upstream CRM unavailable")

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
