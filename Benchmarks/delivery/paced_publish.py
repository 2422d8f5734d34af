#!/usr/bin/env python3
"""Publishes message.created events to webhooksd at a steady rate, for Benchmarks/run's latency measurement.

Event i is due at start + i / rate; worker threads (--connections, default 64), each with its own keep-alive
connection, take the next event, wait until it is due and publish it (POST /api/v1/chatbots/{id}/events with the API
key), so a slow answer on one connection does not delay the schedule as long as another connection is free. Each
event's idempotency key is "<run>-<i>". One line per event goes to --out:

    <key> <wall-clock send time, s> <HTTP status, 0 on a network error> <answer time, ms> <lag behind schedule, ms>

and a summary to standard output:

    PACED events=N accepted=N errors=N seconds=S rate=R lag_p99_ms=L lag_max_ms=L answer_p50_ms=A answer_p99_ms=A
"""

import argparse
import json
import math
import socket
import sys
import threading
import time

DATA = ('{"message_id":"msg_%d","conversation_id":"conv_%d","threadId":"conv_%d",'
        '"sender_type":"ai","body":"To reset your password, click on \'Forgot Password\' on the login page.",'
        '"question":"How do I reset my password?","messageType":"NORMAL_MESSAGE","gptModel":"gpt-4o-mini",'
        '"sources":["https://example.com/docs/page1"],"visitor_name":"John Doe","visitor_email":"john@example.com",'
        '"current_url":"https://example.com/products","status":"open","created_at":"2025-01-15T10:31:00.000Z"}')


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class Connection:
    """A keep-alive HTTP/1.1 connection that sends prepared requests and reads answers with a Content-Length,
    much cheaper per request than http.client (whose header parsing alone would cost a core at this rate)."""

    def __init__(self, host, port):
        self.address = (host, port)
        self.sock = None

    def exchange(self, payload):
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.sendall(payload)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(body) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed by the server")
            body += chunk
        return status

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--chatbot", required=True)
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--run", required=True, help="prefix of the idempotency keys")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    total = int(args.rate * args.seconds)
    head = (f"POST /api/v1/chatbots/{args.chatbot}/events HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n"
            f"Authorization: Bearer {args.api_key}\r\nContent-Type: application/json\r\n")
    lock = threading.Lock()
    state = {"next": 0}
    records = []
    start = time.monotonic() + 0.2

    def worker():
        connection = Connection(args.host, args.port)
        local = []
        while True:
            with lock:
                i = state["next"]
                state["next"] = i + 1
            if i >= total:
                break
            key = f"{args.run}-{i}"
            body = ('{"type":"message.created","id":%s,"data":%s}'
                    % (json.dumps(key), DATA % (i, i % 1000, i % 1000))).encode()
            payload = f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body
            due = start + i / args.rate
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            lag = time.monotonic() - due
            sent = time.time()
            try:
                status = connection.exchange(payload)
            except (OSError, ValueError, IndexError):
                status = 0
                connection.close()
            local.append((key, sent, status, (time.time() - sent) * 1000, lag * 1000))
        connection.close()
        with lock:
            records.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start

    with open(args.out, "w") as out:
        for key, sent, status, answer_ms, lag_ms in records:
            out.write(f"{key} {sent:.6f} {status} {answer_ms:.3f} {lag_ms:.3f}\n")
    accepted = sum(1 for r in records if r[2] == 202)
    lags = [r[4] for r in records]
    answers = [r[3] for r in records if r[2] == 202]
    # The rate at which requests went out (what the server let the publisher reach).
    sends = [r[1] for r in records]
    span = max(sends, default=0) - min(sends, default=0)
    rate = (len(records) - 1) / span if span > 0 else 0
    print(f"PACED events={len(records)} accepted={accepted} errors={len(records) - accepted} seconds={elapsed:.2f} "
          f"rate={rate:.0f} lag_p99_ms={percentile(lags, 99):.1f} lag_max_ms={max(lags, default=0):.1f} "
          f"answer_p50_ms={percentile(answers, 50):.2f} answer_p99_ms={percentile(answers, 99):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
