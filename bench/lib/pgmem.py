#!/usr/bin/python3
"""Sample the private memory of the PostgreSQL server processes working for one database.

usage: pgmem.py POSTMASTER_PID DBNAME OUTFILE [INTERVAL_SECONDS]

Every INTERVAL (default 0.05 s) it finds, through /proc, the children of POSTMASTER_PID (the server's
first line of postmaster.pid) that are backends whose process title names DBNAME
("postgres: USER DBNAME HOST ...") and the parallel workers serving them ("postgres: parallel worker for
PID n"), and sums their RssAnon (anonymous resident memory: sort and hash memory, catalog caches, the
executor's allocations; unlike VmHWM it does not count the shared buffers a process touched). On SIGTERM
or SIGINT it writes "<peak kB> <samples> <peak processes>" to OUTFILE and exits. Linux only; the server
must run on this machine (the dev cluster does) and the process titles must be on (update_process_title).
"""
import os
import re
import signal
import sys
import time

postmaster, db, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
interval = float(sys.argv[4]) if len(sys.argv) > 4 else 0.05
worker_re = re.compile(r"^postgres: parallel worker for PID (\d+)")
peak_kb, peak_procs, samples, running = 0, 0, 0, True


def stop(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)


def rss_anon(pid):
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def postgres_processes():
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as f:
                title = f.read().split(b"\0")[0].decode("utf-8", "replace")
        except OSError:
            continue
        if not title.startswith("postgres: "):
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == postmaster:
            yield int(name), title


while running:
    backends, workers = set(), []
    for pid, title in postgres_processes():
        parts = title.split()
        if len(parts) >= 3 and parts[2] == db:
            backends.add(pid)
        else:
            m = worker_re.match(title)
            if m:
                workers.append((pid, int(m.group(1))))
    pids = backends | {pid for pid, leader in workers if leader in backends}
    total = sum(rss_anon(pid) for pid in pids)
    samples += 1
    if total > peak_kb:
        peak_kb = total
    peak_procs = max(peak_procs, len(pids))
    time.sleep(interval)

with open(out, "w") as f:
    f.write(f"{peak_kb} {samples} {peak_procs}\n")
