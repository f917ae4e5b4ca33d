#!/usr/bin/env python3
"""Figures of tools/scripts/point-read-bench.sh.

  point-read-figures.py run LABEL METRICS_BEFORE METRICS_AFTER STRESS_JSON   one line for a measured run
  point-read-figures.py medians RUNS_FILE                                    the median of each figure per build and dist
  point-read-figures.py evict DIRECTORY         drops the SSTables under DIRECTORY from the page cache every 0.2 s
"""
import json
import os
import re
import statistics
import sys
import time

RUN = re.compile(r'(\w+) round \d+ (\w+) +reads +\d+ +disk reads/read ([\d.]+) +index misses/read ([\d.]+) +'
                 r'data chunks/read ([\d.]+) +(\d+) ops/s +p50 +([\d.]+) ms +p99 +([\d.]+) ms +server CPU +([\d.]+)')


def total(path, metric, labels):
    pattern = re.compile(r'^' + re.escape(metric) + r'\{([^}]*)\} (\S+)$', re.M)
    with open(path) as f:
        return sum(float(v) for found, v in pattern.findall(f.read()) if all(label in found for label in labels))


def run(label, before, after, stress_json):
    def grew(metric, *labels):
        return total(after, metric, labels) - total(before, metric, labels)

    reads = grew('charybdis_storage_reads', 'keyspace="keyspace1"')
    disk = grew('charybdis_io_queue_read_ops_total', 'class="query"')
    index = grew('charybdis_sstables_chunk_cache_misses_total', 'component="index"')
    data = grew('charybdis_sstables_chunk_cache_misses_total', 'component="data"')
    with open(stress_json) as f:
        report = json.load(f)
    w = report['workloads'][0]
    cpu = report.get('server_cpu', {}).get('micros_per_op', float('nan'))
    print(f"{label:24s} reads {reads:8.0f}  disk reads/read {disk / reads:.3f}  index misses/read {index / reads:.3f}  "
          f"data chunks/read {data / reads:.3f}  {w['ops_per_second']:7.0f} ops/s  p50 {w['latency_ms']['p50']:6.3f} ms  "
          f"p99 {w['latency_ms']['p99']:7.3f} ms  server CPU {cpu:5.1f} us/op", flush=True)


def medians(runs_file):
    runs = {}
    with open(runs_file) as f:
        for line in f:
            m = RUN.match(line)
            if m:
                runs.setdefault((m.group(2), m.group(1)), []).append([float(x) for x in m.groups()[2:]])
    print("\nmedians over the rounds")
    for (dist, side), rows in sorted(runs.items(), key=lambda kv: (kv[0][0] != 'uniform', kv[0][1] != 'before')):
        med = [statistics.median(column) for column in zip(*rows)]
        print(f"{dist:8s} {side:7s} disk reads/read {med[0]:.3f}  index misses/read {med[1]:.3f}  data chunks/read {med[2]:.3f}  "
              f"{med[3]:7.0f} ops/s  p50 {med[4]:6.3f} ms  p99 {med[5]:7.3f} ms  server CPU {med[6]:5.1f} us/op")


def evict(directory):
    """Until killed: asks the kernel to drop the cached pages of every Data.db and Index.db (clean pages only)."""
    while True:
        for root, _, files in os.walk(directory):
            for name in files:
                if name.endswith(('-Data.db', '-Index.db')):
                    try:
                        fd = os.open(os.path.join(root, name), os.O_RDONLY)
                    except FileNotFoundError:
                        continue  # compacted away meanwhile
                    try:
                        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    finally:
                        os.close(fd)
        time.sleep(0.2)


if __name__ == '__main__':
    if len(sys.argv) == 6 and sys.argv[1] == 'run':
        run(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == 'medians':
        medians(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == 'evict':
        evict(sys.argv[2])
    else:
        sys.exit(__doc__)
