#!/usr/bin/env bash
# Point reads of a data set ten times the chunk cache (issue 11) on two builds side by side: loads standard1 once
# (charybdis stress --populate, admin flush, admin compact), starts a node of each build on its own copy of that data,
# warms both up, then runs measured reads in rounds that alternate between them (each going first in turn), uniform
# keys first, then Zipfian ones. Per run it prints the disk reads per point read (query IO class read requests /
# partition reads, from each node's /metrics), the chunk cache misses per read of index spans and data chunks, ops/s,
# p50/p99 and the server's CPU per op; then the median of each figure per build and key distribution.
#   tools/scripts/point-read-bench.sh BEFORE_TREE AFTER_TREE [ROWS] [ROUNDS] [SECONDS]
# Defaults: 300000 rows (about 320 MB of SSTables: 10x the chunk caches of --memory=256M, 2 x 16 MiB), 5 rounds of
# 20 s runs (warm-ups: 30 s). Nodes run with --smp=2 --memory=${MEMORY:-256M} and CHARYBDIS_JVM_OPTS (default
# -Xmx1g); CONCURRENCY (default 64) requests in flight, from the after tree's stress client, or RATE reads a second
# (open loop) if set. With EVICT_PAGE_CACHE=1 the SSTables are dropped from the page cache every 0.2 s during the
# measured runs (posix_fadvise DONTNEED, no root needed), so most reads past the chunk cache reach the disk. Figures go
# to standard output, progress to standard error.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,14p' "$0" >&2; exit 2; }
before="$(cd "$1" && pwd)"
after="$(cd "$2" && pwd)"
rows="${3:-300000}"
rounds="${4:-5}"
seconds="${5:-20}"
memory="${MEMORY:-256M}"
concurrency="${CONCURRENCY:-64}"
load="concurrency=$concurrency"
[ -n "${RATE:-}" ] && load="rate=$RATE/s"
export CHARYBDIS_JVM_OPTS="${CHARYBDIS_JVM_OPTS:--Xmx1g}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d -t point-read-bench-XXXXXX)"
declare -A cql=([before]=19342 [after]=19442) aware=([before]=19343 [after]=19443) api=([before]=19300 [after]=19400)
declare -A prometheus=([before]=19390 [after]=19490) tree=([before]="$before" [after]="$after") pid=()

stop_nodes() {
  for side in "${!pid[@]}"; do
    kill "${pid[$side]}" 2>/dev/null || true
    wait "${pid[$side]}" 2>/dev/null || true
    unset "pid[$side]"
  done
}
trap 'stop_nodes; rm -rf "$work"' EXIT

# start_node SIDE WORKDIR
start_node() {
  "${tree[$1]}/bin/charybdis" --workdir="$2" --smp=2 --memory="$memory" --native-transport-port="${cql[$1]}" \
    --native-shard-aware-transport-port="${aware[$1]}" --api-port="${api[$1]}" --prometheus-port="${prometheus[$1]}" >"$2.log" 2>&1 &
  pid[$1]=$!
  for _ in $(seq 1 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${cql[$1]}") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "the $1 node did not open port ${cql[$1]}; its log:" >&2
  cat "$2.log" >&2
  exit 1
}

# stress SIDE ARGS...: a run against that node, its JSON report in $work/run.json
stress() {
  local side="$1"
  shift
  "$after/bin/charybdis" stress --port "${cql[$side]}" --keys "$rows" --server-pid "${pid[$side]}" --json "$work/run.json" "$@" \
    >"$work/stress.log" 2>&1 || { cat "$work/stress.log" >&2; exit 1; }
}

scrape() { curl -s "http://127.0.0.1:${prometheus[$1]}/metrics" >"$2"; }

# measure SIDE LABEL DIST DURATION: a run whose figures are printed
measure() {
  sleep 6 # each shard publishes its partition read count every 5 s
  scrape "$1" "$work/m0"
  local evictor=""
  if [ "${EVICT_PAGE_CACHE:-0}" = 1 ]; then
    python3 "$here/point-read-figures.py" evict "$work/$1/data" &
    evictor=$!
  fi
  stress "$1" --duration "$4" --workload "op=read,$load,dist=$3"
  if [ -n "$evictor" ]; then kill "$evictor"; wait "$evictor" 2>/dev/null || true; fi
  sleep 6
  scrape "$1" "$work/m1"
  python3 "$here/point-read-figures.py" run "$2 $3" "$work/m0" "$work/m1" "$work/run.json"
}

echo "loading $rows rows with $after" >&2
pid[after]=0
start_node after "$work/seed"
"$after/bin/charybdis" stress --port "${cql[after]}" --populate "$rows" --duration 1s --workload op=read,concurrency=1 \
  >"$work/populate.log" 2>&1 || { cat "$work/populate.log" >&2; exit 1; }
"$after/bin/charybdis" admin --api-port="${api[after]}" flush >&2
"$after/bin/charybdis" admin --api-port="${api[after]}" compact >&2
stop_nodes
echo "SSTables: $(du -sb "$work/seed/data/keyspace1" | cut -f1) bytes; chunk caches: $memory / 8 in all"
for side in before after; do
  cp -a "$work/seed" "$work/$side"
  start_node "$side" "$work/$side"
done

for dist in uniform zipf; do
  for side in before after; do
    echo "warming up $side with $dist keys" >&2
    stress "$side" --duration 30s --workload "op=read,$load,dist=$dist"
  done
  for round in $(seq 1 "$rounds"); do
    order="before after"
    [ $((round % 2)) = 0 ] && order="after before" # neither build always runs right after the other
    for side in $order; do measure "$side" "$side round $round" "$dist" "${seconds}s"; done
  done
done | tee "$work/runs.txt"
python3 "$here/point-read-figures.py" medians "$work/runs.txt"
