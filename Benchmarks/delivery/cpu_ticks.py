#!/usr/bin/env python3
"""Where the CPU went during one of Benchmarks/run's delivery measurements.

    cpu_ticks.py snapshot NAME=PID ... > FILE
        CPU time so far, in clock ticks: the machine's (all cores, from /proc/stat), and for each NAME the user +
        system time of PID and its live descendants (nginx's workers, PostgreSQL's backends; NAME=none is left
        out), plus each thread of PID (CPU time, and from schedstat the time it was runnable but waiting for a
        core), to find a busy single thread and whether it was starved.
    cpu_ticks.py shares BEFORE AFTER [NAME=LABEL ...]
        One line from two snapshots: each NAME's share in percent of one core, the busiest thread of the first NAME
        (and how long it waited for a core), everything else, and idle, e.g.
        "webhooksd 61% (busiest thread 30%, and 45% of the time runnable but waiting for a core), PostgreSQL 85%, ...".
"""

import json
import os
import sys
import time


def stat_fields(path):
    with open(path) as f:
        text = f.read()
    # The command name may contain spaces and parentheses: fields start after the last ')'.
    return text[text.rindex(")") + 2:].split()


def snapshot(arguments):
    parents, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = stat_fields(f"/proc/{entry}/stat")
        except (OSError, ValueError):
            continue
        parents[int(entry)] = int(fields[1])
        ticks[int(entry)] = int(fields[11]) + int(fields[12])
    children = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)

    def tree(root):
        total, stack = 0, [root]
        while stack:
            pid = stack.pop()
            total += ticks.get(pid, 0)
            stack.extend(children.get(pid, []))
        return total

    def threads(pid):
        """tid -> [CPU ticks, ns on a CPU, ns runnable but waiting for a CPU] (schedstat; 0 where unavailable)."""
        found = {}
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                fields = stat_fields(f"/proc/{pid}/task/{tid}/stat")
                try:
                    with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                        on_cpu, waiting = (int(v) for v in f.read().split()[:2])
                except (OSError, ValueError):
                    on_cpu, waiting = 0, 0
                found[tid] = [int(fields[11]) + int(fields[12]), on_cpu, waiting]
        except (OSError, ValueError):
            pass
        return found

    with open("/proc/stat") as f:
        cpu = [int(v) for v in f.readline().split()[1:]]
    idle = cpu[3] + (cpu[4] if len(cpu) > 4 else 0)
    result = {"busy": sum(cpu[:8]) - idle, "total": sum(cpu[:8]), "cores": os.cpu_count(), "processes": {},
              "threads": {}, "ns": time.monotonic_ns()}
    for argument in arguments:
        name, _, pid = argument.partition("=")
        if pid.isdigit():  # a name without a process (e.g. a PostgreSQL on another machine) is left out
            result["processes"][name] = tree(int(pid))
            result["threads"][name] = threads(int(pid))
    print(json.dumps(result))
    return 0


def shares(before_path, after_path, labels):
    with open(before_path) as f:
        before = json.load(f)
    with open(after_path) as f:
        after = json.load(f)
    total = after["total"] - before["total"]
    if total <= 0:
        print("unknown")
        return 0
    scale = 100 * after["cores"] / total  # ticks -> percent of one core
    busy = after["busy"] - before["busy"]
    parts, accounted = [], 0
    for index, (name, ticks) in enumerate(after["processes"].items()):
        used = ticks - before["processes"].get(name, 0)
        accounted += used
        text = f"{labels.get(name, name)} {used * scale:.0f}%"
        if index == 0 and after["threads"].get(name):
            old = before["threads"].get(name, {})
            used_by = {tid: t[0] - old.get(tid, [0, 0, 0])[0] for tid, t in after["threads"][name].items()}
            tid = max(used_by, key=used_by.get)
            text += f" (busiest thread {used_by[tid] * scale:.0f}%"
            wall = after["ns"] - before["ns"]
            waited = after["threads"][name][tid][2] - old.get(tid, [0, 0, 0])[2]
            if wall > 0 and after["threads"][name][tid][2] > 0:
                text += f", and {100 * waited / wall:.0f}% of the time runnable but waiting for a core"
            text += ")"
        parts.append(text)
    missing = "".join(f"{label.split(' (')[0]}, " for name, label in labels.items() if name not in after["processes"])
    parts.append(f"everything else ({missing}the publisher, other work on the machine) {(busy - accounted) * scale:.0f}%")
    parts.append(f"idle {(total - busy) * scale:.0f}% (of {after['cores']}00%)")
    print(", ".join(parts))
    return 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "snapshot":
        return snapshot(sys.argv[2:])
    if len(sys.argv) >= 4 and sys.argv[1] == "shares":
        labels = dict(a.partition("=")[::2] for a in sys.argv[4:])
        return shares(sys.argv[2], sys.argv[3], labels)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
