#!/usr/bin/env python3
"""Reads the benchmark receiver's log (Benchmarks/delivery/nginx.conf.template's "receipts" format:
`<msec> <uri> <delivery id> <attempt>` per request) for Benchmarks/run, and prints one line of key=value figures.

    receipts.py throughput --log FILE --prefix /RUN/tp/ --start T [--published-end T]
        Deliveries under PREFIX: how many arrived (and how many distinct delivery ids), the first and the last
        receipt, the end-to-end rate (distinct deliveries / (last receipt - T)), the best 1-second window, how
        many had arrived by --published-end, and the rate of the rest (from --published-end to the last receipt).
    receipts.py latency --log FILE --prefix /RUN/lat/ --published FILE --mapping FILE
        Publish-to-receipt latency per event: --published is paced_publish.py's output (key, send time, ...),
        --mapping has one `<delivery id> <idempotency key>` line per delivery (from the database). The latency of a
        delivery is its first receipt minus its event's send time. Prints count, missing, p50, p90, p99, p99.9, max.

Receipt times have nginx's millisecond resolution.
"""

import argparse
import collections
import math
import sys


def read_receipts(path, prefix):
    """(time, delivery id, attempt) of every request under prefix, in log order."""
    receipts = []
    with open(path, errors="replace") as log:
        for line in log:
            parts = line.split()
            if len(parts) >= 3 and parts[1].startswith(prefix):
                receipts.append((float(parts[0]), parts[2], parts[3] if len(parts) > 3 else "-"))
    return receipts


def percentile(ordered, p):
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def throughput(args):
    receipts = read_receipts(args.log, args.prefix)
    if not receipts:
        print("received=0 distinct=0")
        return 1
    times = sorted(t for t, _, _ in receipts)
    distinct = len({d for _, d, _ in receipts})
    first, last = times[0], times[-1]
    seconds = last - args.start
    per_second = collections.Counter(int(t) for t in times)
    # Whole seconds only: the first and last are partial.
    inner = [n for s, n in per_second.items() if int(first) < s < int(last)]
    fields = {
        "received": len(receipts),
        "distinct": distinct,
        "first_after_s": f"{first - args.start:.3f}",
        "seconds": f"{seconds:.3f}",
        "rate": f"{distinct / seconds:.0f}" if seconds > 0 else "nan",
        "best_second": max(inner) if inner else len(receipts),
    }
    if args.published_end:
        by_end = sum(1 for t in times if t <= args.published_end)
        fields["by_publish_end"] = by_end
        # The dispatcher alone, once publishing is over.
        after = last - args.published_end
        fields["drain_rate"] = f"{(len(times) - by_end) / after:.0f}" if after > 0 else "-"
    print(" ".join(f"{k}={v}" for k, v in fields.items()))
    return 0


def latency(args):
    sent = {}
    with open(args.published) as published:
        for line in published:
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "202":
                sent[parts[0]] = float(parts[1])
    event_of = {}
    with open(args.mapping) as mapping:
        for line in mapping:
            parts = line.split()
            if len(parts) == 2:
                event_of[parts[0]] = parts[1]
    first_receipt = {}
    for t, delivery, _ in read_receipts(args.log, args.prefix):
        if delivery not in first_receipt or t < first_receipt[delivery]:
            first_receipt[delivery] = t
    latencies = []
    for delivery, key in event_of.items():
        if key in sent and delivery in first_receipt:
            latencies.append((first_receipt[delivery] - sent[key]) * 1000)
    latencies.sort()
    fields = {
        "published": len(sent),
        "deliveries": len(event_of),
        "measured": len(latencies),
        "missing": len(sent) - len(latencies),
        "p50_ms": f"{percentile(latencies, 50):.1f}",
        "p90_ms": f"{percentile(latencies, 90):.1f}",
        "p99_ms": f"{percentile(latencies, 99):.1f}",
        "p999_ms": f"{percentile(latencies, 99.9):.1f}",
        "max_ms": f"{latencies[-1]:.1f}" if latencies else "nan",
    }
    print(" ".join(f"{k}={v}" for k, v in fields.items()))
    return 0 if latencies else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    t = commands.add_parser("throughput")
    t.add_argument("--log", required=True)
    t.add_argument("--prefix", required=True)
    t.add_argument("--start", type=float, required=True)
    t.add_argument("--published-end", type=float)
    t.set_defaults(run=throughput)
    lat = commands.add_parser("latency")
    lat.add_argument("--log", required=True)
    lat.add_argument("--prefix", required=True)
    lat.add_argument("--published", required=True)
    lat.add_argument("--mapping", required=True)
    lat.set_defaults(run=latency)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
