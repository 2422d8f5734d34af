"""A Standard Webhooks receiver: the reference `standardwebhooks` package verifies every request.

Usage: STANDARD_WEBHOOK_SECRET=whsec_... python3 standard_receiver.py <port> <log file>
Answers 200 when `Webhook(secret).verify(body, headers)` passes and 401 when it raises; records every request
(receiver_log.py).
"""
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

from receiver_log import record

port, log_file = int(sys.argv[1]), sys.argv[2]
webhook = Webhook(os.environ["STANDARD_WEBHOOK_SECRET"])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        headers = {name.lower(): value for name, value in self.headers.items()}
        try:
            webhook.verify(body, headers)
            status, answer = 200, b"OK"
        except Exception as error:  # WebhookVerificationError, or a missing header
            status, answer = 401, f"Unauthorized: {error}".encode("utf-8")
        record(log_file, self.path, headers, body, status)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
