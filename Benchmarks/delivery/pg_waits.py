#!/usr/bin/env python3
"""What the delivery server's PostgreSQL sessions were doing during one of Benchmarks/run's delivery measurements.

    pg_waits.py sql INTERVAL > FILE     the sampling script for `psql -At -f FILE` (one line every INTERVAL seconds
                                        until psql is stopped: time, then each active session's wait and statement)
    pg_waits.py summary FILE            one line: the average number of active sessions, by statement and wait, e.g.
        "4.1 active sessions on average: publish COMMIT 2.9 (2.7 Lock/object, 0.2 IO/WALSync), claim 0.6 (0.6 CPU), ..."

"CPU" means active without a wait event (running, or runnable and waiting for a core). Lock/object on a publishing
COMMIT is PostgreSQL's lock on the NOTIFY queue, which a transaction that ran NOTIFY holds through its commit.
"""

import collections
import sys

SQL = r"""SELECT clock_timestamp()::text || '|' || coalesce(string_agg(coalesce(wait_event_type, 'CPU') || '/'
       || coalesce(wait_event, '-') || '/' || regexp_replace(left(query, 40), '[\s|;/]+', ' ', 'g'), ';'), '')
FROM pg_stat_activity
WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid() \watch %s
"""

STATEMENTS = [  # (prefix of the statement, name in the summary)
    ("WITH due AS", "claim"),
    ("WITH o AS", "record"),
    ("WITH targets AS", "publish insert"),
    ("COMMIT", "publish COMMIT"),
    ("WITH released AS", "release"),
]


def name_of(statement):
    for prefix, name in STATEMENTS:
        if statement.startswith(prefix):
            return name
    return statement.strip()[:30] or "?"


def summary(path):
    instants = 0
    by_statement = collections.Counter()
    by_wait = collections.defaultdict(collections.Counter)
    with open(path, errors="replace") as f:
        for line in f:
            stamp, _, sessions = line.rstrip("\n").partition("|")
            if not stamp:
                continue
            instants += 1
            for session in filter(None, sessions.split(";")):
                kind, _, rest = session.partition("/")
                event, _, statement = rest.partition("/")
                wait = "CPU" if kind == "CPU" else f"{kind}/{event}"
                name = name_of(statement)
                by_statement[name] += 1
                by_wait[name][wait] += 1
    if instants == 0:
        print("no samples")
        return 1
    total = sum(by_statement.values()) / instants
    parts = []
    for name, count in by_statement.most_common(6):
        waits = ", ".join(f"{n / instants:.1f} {w}" for w, n in by_wait[name].most_common(3))
        parts.append(f"{name} {count / instants:.1f} ({waits})")
    print(f"{total:.1f} active sessions on average over {instants} samples: " + "; ".join(parts))
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "sql":
        sys.stdout.write(SQL % float(sys.argv[2]))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == "summary":
        return summary(sys.argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
