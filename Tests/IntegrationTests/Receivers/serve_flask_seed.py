"""Serves a seed's Flask receiver (copied verbatim in Tests/WebhookCoreTests/Verifiers/) with Flask's own server.

Usage: python3 serve_flask_seed.py <seed file> <port> <log file>
The seed's module is run as it is written (not as __main__, so seed 001's `app.run(port=3000)` stays unused) and
its `app` is served on 127.0.0.1:<port>. The seed reads its secret itself: from the environment variable it names
(SUPPABOT_WEBHOOK_SECRET, SITEGPT_LEADS_TOKEN, ...) or, for seed 004, its hard-coded 'your-webhook-secret'.
Every request is recorded with the status the seed's handler answered (receiver_log.py).
"""
import runpy
import sys

from flask import request

from receiver_log import record

seed_file, port, log_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
app = runpy.run_path(seed_file, run_name="seed")["app"]


@app.after_request
def record_request(response):
    record(log_file, request.path, dict(request.headers), request.get_data(), response.status_code)
    return response


app.run(host="127.0.0.1", port=port, threaded=True, debug=False, use_reloader=False)
