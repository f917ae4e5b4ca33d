#!/usr/bin/env bash
# Reads of one large partition page by page, memory sampled (issue 11): starts a node from each built tree
# (./mvnw -DskipTests package in each) on its own ports and data directory, with a GC log, loads ROWS rows of 1 KB
# under one partition key into each (tools/scripts/LargePartitionBench.java, compaction off), then reads the partition
# forward and ORDER BY ck DESC at 5000 rows a page on each node in turn, ROUNDS times, and stops them.
#   tools/scripts/large-partition-bench.sh ROWS ROUNDS TREE...
# Each node runs with --smp=1 and CHARYBDIS_MEMORY (default 1G), CHARYBDIS_JVM_OPTS (default -Xmx1g). The report goes
# to standard output, progress and node logs to standard error.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
rows="$1"
rounds="$2"
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d -t large-partition-bench-XXXXXX)"
trees=()
pids=()

stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT

bench() { # TREE NODE MODE
  "$java" -Dlogback.configurationFile="$1/conf/logback.xml" -cp "$1/tools/target/lib/*" "$here/LargePartitionBench.java" \
    "127.0.0.1:$((19142 + 100 * $2)):$((19100 + 100 * $2))" "${pids[$2]}" "$rows" "$3" "$work/$2/gc.log"
}

for tree in "$@"; do
  node=${#trees[@]}
  trees+=("$(cd "$tree" && pwd)")
  mkdir -p "$work/$node"
  CHARYBDIS_JVM_OPTS="${CHARYBDIS_JVM_OPTS:--Xmx1g} -Xlog:gc:file=$work/$node/gc.log:timemillis" "${trees[$node]}/bin/charybdis" \
    --workdir="$work/$node/data" --smp=1 --memory="${CHARYBDIS_MEMORY:-1G}" --native-transport-port=$((19142 + 100 * node)) \
    --native-shard-aware-transport-port=-1 --api-port=$((19100 + 100 * node)) --prometheus-port=-1 >"$work/$node.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$((19142 + 100 * node))") 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "loading node $node (${trees[$node]})" >&2
  bench "${trees[$node]}" "$node" load >&2
done
for round in $(seq 1 "$rounds"); do
  for node in "${!trees[@]}"; do
    echo "== round $round, node $node: ${trees[$node]}"
    bench "${trees[$node]}" "$node" read
  done
done
