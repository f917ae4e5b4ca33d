#!/usr/bin/env bash
# Reads of one large flushed partition on two builds side by side (issue 9, bounded reads): starts a node from each
# built tree (./mvnw -DskipTests package in each) on its own ports and data directory, runs
# tools/scripts/PartitionReadBench.java against both (rounds alternate between them), prints its table and stops them.
#   tools/scripts/partition-read-bench.sh BEFORE_TREE AFTER_TREE [ROWS] [ROUNDS] [ITERATIONS]
# Defaults: 150000 rows, 3 rounds, 40 reads per query, node and round. Each node runs with --smp=1 and
# CHARYBDIS_JVM_OPTS (default -Xmx1g). The report goes to standard output, progress and node logs to standard error.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
before="$(cd "$1" && pwd)"
after="$(cd "$2" && pwd)"
rows="${3:-150000}"
rounds="${4:-3}"
iterations="${5:-40}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
work="$(mktemp -d -t partition-read-bench-XXXXXX)"
pids=()

stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT

# start NAME TREE CQL_PORT API_PORT PROMETHEUS_PORT
start() {
  mkdir -p "$work/$1"
  CHARYBDIS_JVM_OPTS="${CHARYBDIS_JVM_OPTS:--Xmx1g}" "$2/bin/charybdis" --workdir="$work/$1" --smp=1 --memory=2G \
    --native-transport-port="$3" --native-shard-aware-transport-port=-1 --api-port="$4" --prometheus-port="$5" \
    >"$work/$1.log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$3") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "node $1 did not open port $3; its log:" >&2
  cat "$work/$1.log" >&2
  exit 1
}

start before "$before" 19142 19100 19190
start after "$after" 19242 19200 19290
"$java" -Dlogback.configurationFile="$after/conf/logback.xml" -cp "$after/tools/target/lib/*" "$here/PartitionReadBench.java" "$rows" "$rounds" "$iterations" \
  before=127.0.0.1:19142:19100 after=127.0.0.1:19242:19200
