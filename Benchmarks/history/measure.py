#!/usr/bin/env python3
"""Times the reads a dashboard makes on a long delivery history, over one keep-alive connection, as a user would.

  measure.py BASE_URL SETUP_JSON CALLS

SETUP_JSON holds the demo login, the chatbot, the hot and clean webhooks and a cursor deep in the hot webhook's log
(Benchmarks/history/run writes it). Each query is called 3 times unrecorded, then CALLS times; prints one JSON object:
{name: {"p50": ms, "p99": ms, "rows": n, "status": code}}. A query the API refuses (a filter it does not have yet)
is reported with its status and no timings.
"""
import http.client
import json
import sys
import time
import urllib.parse
from datetime import datetime, timedelta, timezone


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main(base, setup_json, calls):
    setup = json.loads(setup_json)
    url = urllib.parse.urlparse(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)

    def request(method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
        response = connection.getresponse()
        return response.status, response.read()

    status, answer = request("POST", "/api/v1/auth/login", {"email": setup["email"], "password": setup["password"]})
    if status != 200:
        raise SystemExit(f"login failed: {status} {answer[:200]}")
    token = json.loads(answer)["token"]
    hooks = f"/api/v1/chatbots/{setup['chatbotId']}/webhooks"
    hot = f"{hooks}/{setup['hot']}"
    clean = f"{hooks}/{setup['clean']}"
    now = datetime.now(timezone.utc)
    day_ago, week_ago = iso(now - timedelta(days=1)), iso(now - timedelta(days=7))
    ten_days, nine_days = iso(now - timedelta(days=10)), iso(now - timedelta(days=9))
    deep = urllib.parse.quote(setup["deepCursor"])
    queries = [
        ("log, first page", "GET", f"{hot}/deliveries", None),
        ("log, status=failed", "GET", f"{hot}/deliveries?status=failed", None),
        ("log, status=pending", "GET", f"{hot}/deliveries?status=pending", None),
        ("log, status=succeeded", "GET", f"{hot}/deliveries?status=succeeded", None),
        ("log, eventType=lead.created", "GET", f"{hot}/deliveries?eventType=lead.created", None),
        ("log, eventType matching nothing", "GET", f"{hot}/deliveries?eventType=ticket.updated", None),
        ("log, status=failed&eventType=lead.created", "GET",
         f"{hot}/deliveries?status=failed&eventType=lead.created", None),
        ("log, deep cursor (90% down)", "GET", f"{hot}/deliveries?cursor={deep}", None),
        ("log, deep cursor, status=failed", "GET", f"{hot}/deliveries?cursor={deep}&status=failed", None),
        ("log, since 24 h", "GET", f"{hot}/deliveries?since={day_ago}", None),
        ("log, a day 10 days ago", "GET", f"{hot}/deliveries?since={ten_days}&until={nine_days}", None),
        ("log, a day 10 days ago, status=failed", "GET",
         f"{hot}/deliveries?since={ten_days}&until={nine_days}&status=failed", None),
        ("log (no failures), status=failed", "GET", f"{clean}/deliveries?status=failed", None),
        ("log (no failures), status=pending", "GET", f"{clean}/deliveries?status=pending", None),
        ("statistics, 24 h", "GET", f"{hot}/stats?window=24h", None),
        ("statistics, 7 d", "GET", f"{hot}/stats?window=7d", None),
        ("webhooks list", "GET", hooks, None),
        ("replay since 1 min ago (matches nothing)", "POST", f"{hot}/replay",
         {"since": iso(now - timedelta(minutes=1))}),
    ]
    results = {}
    for name, method, path, body in queries:
        status, answer = request(method, path, body, token)
        if status >= 400:
            results[name] = {"status": status}
            continue
        for _ in range(2):
            request(method, path, body, token)
        timings = []
        for _ in range(calls):
            started = time.perf_counter()
            status, answer = request(method, path, body, token)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        parsed = json.loads(answer)
        rows = len(parsed["deliveries"]) if isinstance(parsed, dict) and "deliveries" in parsed else None
        results[name] = {
            "status": status,
            "p50": timings[len(timings) // 2],
            "p99": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
            "rows": rows,
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
