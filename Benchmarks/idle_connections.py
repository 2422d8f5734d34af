#!/usr/bin/env python3
"""Open N keep-alive HTTP connections to a server on this machine and hold them idle.

Used by Benchmarks/run to measure a server's resident memory with many idle clients:

    idle_connections.py --port 8080 [--host 127.0.0.1] [--count 1000] [--path /healthz]
                        [--hold-seconds 300]

Each connection sends one `GET <path> HTTP/1.1` with `Connection: keep-alive` and reads the whole
answer (Content-Length or chunked), which must be a 2xx. Then the script prints one line

    READY open=<n> failed=<n>

to stdout and holds every connection open, sending nothing, until SIGTERM/SIGINT, until stdin
reaches end of file (when --stdin is given), or until --hold-seconds pass. On the way out it
checks each connection without blocking and prints

    DONE still_open=<n> closed_by_server=<n>

so the caller can tell whether the server dropped idle clients while being measured.
Exit status: 0 when every connection was answered, 1 otherwise, 2 on bad arguments.
Only loopback addresses are accepted as targets.
"""

import argparse
import ipaddress
import resource
import select
import signal
import socket
import sys
import time

STOP = False


def on_signal(_number, _frame):
    global STOP
    STOP = True


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        if target < needed:
            sys.exit(f"idle_connections: open-file limit {hard} is below the {needed} needed")


def read_response(sock, deadline):
    """Reads one HTTP/1.1 response; returns the status code. Raises on a malformed or cut answer."""
    data = b""

    def more():
        nonlocal data
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no full response in time")
        sock.settimeout(remaining)
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection before the response ended")
        data += chunk

    while b"\r\n\r\n" not in data:
        more()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise ValueError(f"not an HTTP/1.x status line: {lines[0]!r}")
    status = int(parts[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("connection", "").lower() == "close":
        raise ConnectionError("server answered with Connection: close")
    if "content-length" in headers:
        length = int(headers["content-length"])
        data = body
        while len(data) < length:
            more()
    elif "chunked" in headers.get("transfer-encoding", "").lower():
        data = body
        while not data.endswith(b"0\r\n\r\n"):
            more()
    # Neither: a response without a body (204/304); nothing more to read.
    return status


def main():
    parser = argparse.ArgumentParser(description="Hold N idle keep-alive HTTP connections open.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--path", default="/healthz")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for all answers to arrive")
    parser.add_argument("--hold-seconds", type=float, default=300.0, help="give up holding after this long")
    parser.add_argument("--stdin", action="store_true", help="also stop when stdin reaches end of file")
    args = parser.parse_args()

    if not ipaddress.ip_address(socket.gethostbyname(args.host)).is_loopback:
        parser.error("only loopback targets are allowed")
    if not 1 <= args.count <= 100_000:
        parser.error("--count must be from 1 to 100000")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    raise_fd_limit(args.count + 64)

    request = (
        f"GET {args.path} HTTP/1.1\r\nHost: {args.host}:{args.port}\r\n"
        "User-Agent: webhooks-bench-idle\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n"
    ).encode()

    sockets = []
    failures = 0
    first_error = None
    # Connect and send in batches so the server's accept backlog never overflows.
    batch = 100
    deadline = time.monotonic() + args.timeout
    for start in range(0, args.count, batch):
        pending = []
        for _ in range(start, min(start + batch, args.count)):
            if STOP:
                break
            try:
                s = socket.create_connection((args.host, args.port), timeout=10)
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                s.sendall(request)
                pending.append(s)
            except OSError as error:
                failures += 1
                first_error = first_error or f"connect/send: {error}"
        for s in pending:
            try:
                status = read_response(s, deadline)
                if not 200 <= status < 300:
                    raise ValueError(f"status {status}")
                sockets.append(s)
            except (OSError, ValueError) as error:
                failures += 1
                first_error = first_error or f"response: {error}"
                s.close()

    if first_error:
        print(f"idle_connections: first failure: {first_error}", file=sys.stderr)
    print(f"READY open={len(sockets)} failed={failures}", flush=True)

    end = time.monotonic() + args.hold_seconds
    watch = [sys.stdin] if args.stdin else []
    while not STOP and time.monotonic() < end:
        if watch:
            readable, _, _ = select.select(watch, [], [], 0.5)
            if readable and not sys.stdin.buffer.read1(4096):
                break
        else:
            time.sleep(0.5)

    closed = 0
    for s in sockets:
        s.setblocking(False)
        try:
            if s.recv(1) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
        s.close()
    print(f"DONE still_open={len(sockets) - closed} closed_by_server={closed}", flush=True)
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
