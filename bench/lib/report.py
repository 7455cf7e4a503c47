#!/usr/bin/python3
"""Markdown tables from bench/run.sh's raw results (for docs/benchmarks.md).

usage: report.py results RESULTS.tsv          one row per revision: medians over the repetitions
       report.py refresh REFRESH.tsv          one row per matview
       report.py linear SMALL.tsv BIG.tsv     time ratio BIG/SMALL per revision (medians), for both paths
       report.py linear-refresh SMALL.tsv BIG.tsv
"""
import csv
import statistics
import sys


def load(path, key):
    by = {}
    with open(path) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            by.setdefault(r[key], []).append(r)
    return by


def med(rs, k):
    return statistics.median(float(r[k]) for r in rs)


def table(hdr, rows):
    out = ["| " + " | ".join(hdr) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(hdr))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def mb(kb):
    return f"{kb / 1024:.0f}"


def results(path):
    rows = []
    for rev, rs in load(path, "revision").items():
        n = float(rs[0]["rows"])
        p, l, z, c = med(rs, "psql_s"), med(rs, "liquibase_s"), med(rs, "noop_s"), med(rs, "changesets_s")
        rows.append([f"`{rev}`", str(len(rs)), f"{p:.2f}", f"{n / p:,.0f}", f"{l:.2f}", f"{z:.2f}",
                     f"{med(rs, 'ratio'):.2f}", f"{med(rs, 'net_ratio'):.2f}", f"{c:.2f}",
                     f"{med(rs, 'changeset_ratio'):.2f}",
                     f"{mb(med(rs, 'liquibase_client_rss_kB'))} / {mb(med(rs, 'psql_client_rss_kB'))}",
                     f"{mb(med(rs, 'liquibase_server_kB'))} / {mb(med(rs, 'psql_server_kB'))}",
                     f"{med(rs, 'liquibase_temp_bytes') / 2**20:.0f} / {med(rs, 'psql_temp_bytes') / 2**20:.0f}"])
    print(table(["revision", "n", "psql s", "psql rows/s", "Liquibase s", "noop s", "ratio", "net ratio",
                 "changesets s", "cs ratio", "client peak RSS MB (lb / psql)", "server peak MB (lb / psql)",
                 "temp MB (lb / psql)"], rows))


def refresh(path):
    rows, total = [], 0.0
    for mv, rs in load(path, "matview").items():
        n = float(rs[0]["rows"])
        p = med(rs, "psql_s")
        total += p
        rows.append([f"`{mv}`", str(len(rs)), f"{p:.2f}", f"{n / max(p, 0.01):,.0f}",
                     mb(med(rs, "psql_client_rss_kB")), mb(med(rs, "psql_server_kB")),
                     f"{med(rs, 'psql_temp_bytes') / 2**20:.0f}", rs[0]["matview_rows"]])
    rows.append(["all, in order", "", f"{total:.2f}", "", "", "", "", ""])
    print(table(["matview", "n", "psql s", "obs_raw rows/s", "client peak RSS MB", "server peak MB", "temp MB",
                 "matview rows"], rows))


def linear(small, big, key, cols):
    a, b = load(small, key), load(big, key)
    rows = []
    for k in a:
        if k not in b:
            continue
        ra = float(b[k][0]["rows"]) / float(a[k][0]["rows"])
        cells = [f"`{k}`"]
        for c in cols:
            cells.append(f"{med(a[k], c):.2f} → {med(b[k], c):.2f} (×{med(b[k], c) / max(med(a[k], c), 0.005):.1f})")
        rows.append(cells)
    print(f"rows ×{ra:.0f}\n")
    print(table([key] + cols, rows))


def main(argv):
    if len(argv) == 2 and argv[0] == "results":
        results(argv[1])
    elif len(argv) == 2 and argv[0] == "refresh":
        refresh(argv[1])
    elif len(argv) == 3 and argv[0] == "linear":
        linear(argv[1], argv[2], "revision", ["psql_s", "changesets_s", "liquibase_s"])
    elif len(argv) == 3 and argv[0] == "linear-refresh":
        linear(argv[1], argv[2], "matview", ["psql_s"])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
