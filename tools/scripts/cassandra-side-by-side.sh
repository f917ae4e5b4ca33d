#!/usr/bin/env bash
# Issue 11's side-by-side: the same charybdis stress client against Apache Cassandra 5.0 (the peer started by
# ../shared/peer-cassandra/start.sh on 9043) and a Charybdis node of this tree (--smp=2), one after the other in each
# phase, so that both see the same machine. Each measured run follows an unmeasured warm-up (stress --warmup) of the
# same workload, so the JIT of neither server is counted, and each phase starts once both servers are idle again
# (the writes of the phase before flushed and compacted). Phases: write, read, mixed (128 in flight), rate (5,000
# reads/s, then 5,000 writes/s, open loop), scan (three full passes). Per run: server CPU per op, ops/s, latency.
#   tools/scripts/cassandra-side-by-side.sh [DURATION=30s] [WARMUP=30s] [ROUNDS=1] [PHASES="write read mixed rate scan"]
# Environment: MEMORY (Charybdis --memory, default 2G; the peer has a 2 GB heap), PORT (default 9872), OUT (default
# /tmp/side-by-side). Build first (./mvnw -DskipTests package). The peer is left running; stop it with
# kill $(cat /tmp/peer-cassandra/pid).
set -u
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
D=${1:-30s}; W=${2:-30s}; ROUNDS=${3:-1}; PHASES=${4:-"write read mixed rate scan"}
PORT=${PORT:-9872}; OUT=${OUT:-/tmp/side-by-side}; S="$home/bin/charybdis"
mkdir -p "$OUT"
if ! (exec 3<>/dev/tcp/127.0.0.1/9043) 2>/dev/null; then "$home/../shared/peer-cassandra/start.sh" 9043 >/dev/null || exit 1; fi
cpid=$(cat /tmp/peer-cassandra/pid)
rm -rf "$OUT/node"; mkdir -p "$OUT/node"
"$S" --workdir="$OUT/node" --smp=2 --memory="${MEMORY:-2G}" --native-transport-port=$PORT \
  --native-shard-aware-transport-port=$((PORT + 1)) --api-port=-1 --prometheus-port=-1 > "$OUT/charybdis.log" 2>&1 &
for _ in $(seq 1 120); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.5; done
hpid=$(pgrep -f "workdir=$OUT/node" | head -1)
echo "cassandra pid $cpid, charybdis pid $hpid; runs of $D after $W of warm-up"
stress() { # name port pid args...
  local name=$1 port=$2 pid=$3; shift 3
  local creds=(); [ "$port" = 9043 ] && creds=(-u cassandra -p cassandra)
  "$S" stress --port "$port" "${creds[@]}" --server-pid "$pid" "$@" > "$OUT/$name.txt" 2>&1
  printf "%-28s %s\n" "$name" "$(grep -E 'server CPU' "$OUT/$name.txt" | sed 's/.*: //')"
  grep -E "^  (ops|latency)" "$OUT/$name.txt" | sed "s/^/      /"
}
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
settle() { # waits until neither server uses more than a tenth of a core over 3 s (the last phase's flushes and
  # compactions are done, so a phase never pays for the one before it), at most 10 minutes
  for _ in $(seq 1 200); do
    local a b c d; a=$(ticks "$cpid"); b=$(ticks "$hpid"); sleep 3; c=$(ticks "$cpid"); d=$(ticks "$hpid")
    [ $((c - a)) -le 30 ] && [ $((d - b)) -le 30 ] && return
  done
}
servers=("cassandra:9043:$cpid" "charybdis:$PORT:$hpid")
for who in "${servers[@]}"; do IFS=: read -r n p pid <<< "$who"
  creds=(); [ "$p" = 9043 ] && creds=(-u cassandra -p cassandra)
  "$S" stress --port "$p" "${creds[@]}" --populate 100000 --keys 100000 -w op=read,ops=1 > "$OUT/populate-$n.txt" 2>&1
done
for r in $(seq 1 "$ROUNDS"); do
  for phase in $PHASES; do
    settle
    for who in "${servers[@]}"; do IFS=: read -r n p pid <<< "$who"
      case $phase in
        rate) stress "$n-rate5k-read-r$r" "$p" "$pid" --keys 100000 --duration "$D" --warmup "$W" -w op=read,rate=5000/s
              stress "$n-rate5k-write-r$r" "$p" "$pid" --keys 100000 --duration "$D" --warmup "$W" -w op=write,rate=5000/s ;;
        scan) stress "$n-scan-r$r" "$p" "$pid" --keys 100000 --warmup "$W" -w op=scan,passes=3,concurrency=2 ;;
        *) stress "$n-$phase-r$r" "$p" "$pid" --keys 100000 --duration "$D" --warmup "$W" -w "op=$phase,concurrency=128" ;;
      esac
    done
  done
done
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$1/status"; }
echo "RSS: cassandra $(rss "$cpid"), charybdis $(rss "$hpid")"
kill "$hpid"
