#!/usr/bin/env bash
# Workload prioritization benchmark: OLTP point reads at a fixed rate, alone, next to full-table scans of an
# OLAP role without and with service levels, and next to major compactions. See docs/benchmarks.md,
# "Workload prioritization".
#
# Expects a built tree (./mvnw -q -DskipTests package); builds nothing. Each run starts its own server in a fresh
# data directory, creates the roles oltp and olap and the service levels oltp and olap, populates
# keyspace1.standard1 (flushed to SSTables), then runs REPS rounds of these four phases, side by side so that the
# machine's other load hits them alike, each phase after a short warm-up with the same workloads:
#
#   solo        OLTP reads at RATE/s alone (role oltp; service levels detached: the default level)
#   olap        the same while role olap runs SCANS full-table scans in flight (closed loop); both on the default level
#   solo-sl     OLTP alone, role oltp attached to level oltp (OLTP_SHARES shares)
#   olap-sl     OLTP + OLAP with oltp -> level oltp (OLTP_SHARES), olap -> level olap (OLAP_SHARES)
#
# and finally, once per run:
#
#   compaction  OLTP alone (level oltp) while major compactions (admin compact) run back to back from 3 s in,
#               after REWRITES rounds of rewriting the ROWS rows, each followed by a flush, so that the first one
#               has SSTables to merge
#
# Around every phase it records the stress report (--json), the server's Prometheus metrics, the CPU time and
# run-queue wait (/proc/<pid>/task/*/schedstat) of the server's threads (reactor shards, disk IO pool, JIT, GC),
# the CPU time of the stress client; the server logs its GC (gc.log). At the end it
# prints a summary table and the ratios. Everything stays in RESULTS (default /tmp/charybdis-wp-<time>).
#
# Environment (defaults in brackets):
#   CQL_PORT [9342] SHARD_PORT [19342] PROM_PORT [9380] API_PORT [10300]   server ports
#   WORKDIR [mktemp -d]       server data (deleted at the end unless KEEP_WORKDIR=1)
#   RESULTS [/tmp/charybdis-wp-<time>]  reports, metrics, logs, summary.txt
#   SMP [2] RUNS [2] REPS [2] ROWS [200000] RATE [3000] SCANS [4] PHASE [30s] WARMUP [5s] REWRITES [4]
#   OLTP_SHARES [1000] OLAP_SHARES [100] CONNECTIONS [1] (per stress session) PAGE_SIZE [5000] (scan pages)
#   OLAP_NICE []              if set, the OLAP workload runs in a stress process of its own under nice -n OLAP_NICE
#   OLTP_NICE [0]             niceness of the OLTP stress process (negative needs root): a diagnostic that tells the
#                             co-located client's own CPU waits apart from the server's
#                             (default: one stress process runs both workloads)
#   SERVER_OPTS []            extra server options, e.g. --reactor-stall-threshold-ms=10
#   SERVER_JVM_OPTS []        CHARYBDIS_JVM_OPTS of the server (the client gets CLIENT_JVM_OPTS)
#   SKIP_COMPACTION []        1: no compaction phase
#   SUMMARY_ONLY []           1: run nothing, print the summary of the results already in RESULTS
#   PEER_PORT []              if set, then also run solo and olap (REPS rounds, PEER_RUNS [RUNS] times) against a
#                             CQL node already listening there, e.g. Apache Cassandra 5.0
#                             (/work/shared/peer-cassandra/start.sh PORT; superuser cassandra/cassandra), which
#                             has no service levels; PEER_PID: its pid, for its CPU. RUNS=0: the peer only
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CQL_PORT=${CQL_PORT:-9342} SHARD_PORT=${SHARD_PORT:-19342} PROM_PORT=${PROM_PORT:-9380} API_PORT=${API_PORT:-10300}
SMP=${SMP:-2} RUNS=${RUNS:-2} REPS=${REPS:-2} ROWS=${ROWS:-200000} RATE=${RATE:-3000} SCANS=${SCANS:-4}
PHASE=${PHASE:-30s} WARMUP=${WARMUP:-5s} REWRITES=${REWRITES:-4}
OLTP_SHARES=${OLTP_SHARES:-1000} OLAP_SHARES=${OLAP_SHARES:-100} CONNECTIONS=${CONNECTIONS:-1} PAGE_SIZE=${PAGE_SIZE:-5000}
OLAP_NICE=${OLAP_NICE:-} OLTP_NICE=${OLTP_NICE:-0} SERVER_OPTS=${SERVER_OPTS:-} SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-} CLIENT_JVM_OPTS=${CLIENT_JVM_OPTS:-}
SKIP_COMPACTION=${SKIP_COMPACTION:-} PEER_PORT=${PEER_PORT:-} PEER_PID=${PEER_PID:-} PEER_RUNS=${PEER_RUNS:-${RUNS:-2}}
RESULTS=${RESULTS:-/tmp/charybdis-wp-$(date +%Y%m%d-%H%M%S)}
own_workdir=0
if [ -z "${WORKDIR:-}" ]; then WORKDIR=$(mktemp -d /tmp/charybdis-wp-data.XXXXXX); own_workdir=1; fi

JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java="$JAVA_HOME/bin/java"
[ -x "$java" ] || { echo "no Java at $java (set JAVA_HOME to a JDK 25)" >&2; exit 1; }
export JAVA_HOME
ls "$home"/tools/target/charybdis-tools-*.jar >/dev/null 2>&1 && [ -d "$home/tools/target/lib" ] \
  || { echo "not built: run ./mvnw -q -DskipTests package in $home first" >&2; exit 1; }
for tool in curl awk sort column pgrep nice; do command -v $tool >/dev/null || { echo "$tool is required" >&2; exit 1; }; done
[ -x /usr/bin/time ] || { echo "/usr/bin/time is required (client CPU)" >&2; exit 1; }
if [ -n "${JSON_TOOL:-}" ]; then json_tool=$JSON_TOOL # jq or python3, to force one
elif command -v jq >/dev/null; then json_tool=jq; elif command -v python3 >/dev/null; then json_tool=python3
else echo "jq or python3 is required to read the reports" >&2; exit 1; fi
mkdir -p "$RESULTS"

server_pid="" client_pids="" compact_loop_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local pid
  # the stress JVMs are children of /usr/bin/time, the admin client of the compaction loop's subshell
  for pid in $compact_loop_pid $client_pids; do kill $(pgrep -P "$pid") "$pid" 2>/dev/null || true; done
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  if [ "$own_workdir" = 1 ] && [ "${KEEP_WORKDIR:-0}" != 1 ]; then rm -rf "$WORKDIR"; fi
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
admin() { "$home/bin/charybdis" admin -p "$API_PORT" "$@"; }

# cql PORT USER PASSWORD STATEMENT...: statements through the Java driver of the built tree (there is no cqlsh here)
cql() {
  "$java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dlogback.configurationFile="$home/conf/logback.xml" -cp "$home/tools/target/lib/*" "$home/tools/scripts/Cql.java" \
    127.0.0.1 "$@"
}

start_server() { # data directory, results directory
  log "starting the server (smp $SMP) in $1"
  CHARYBDIS_JVM_OPTS="-Xlog:gc:file=$2/gc.log:uptime,time $SERVER_JVM_OPTS" "$home/bin/charybdis" --smp="$SMP" \
    --workdir="$1" --authenticator=PasswordAuthenticator --native-transport-port="$CQL_PORT" \
    --native-shard-aware-transport-port="$SHARD_PORT" --prometheus-port="$PROM_PORT" --api-port="$API_PORT" \
    $SERVER_OPTS > "$2/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    grep -q "started:" "$2/server.log" 2>/dev/null && { log "server pid $server_pid: $(grep -o 'started:.*' "$2/server.log")"; return 0; }
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited; see $2/server.log" >&2; tail -20 "$2/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "the server did not start in 120 s; see $2/server.log" >&2; exit 1
}

stop_server() {
  [ -n "$server_pid" ] || return 0
  log "stopping the server (pid $server_pid)"
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 1; done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

# Waits until the node has no flush or compaction pending or running (at most 5 minutes).
settle() {
  local quiet=0
  for _ in $(seq 1 300); do
    if [ "$(admin compactionstats 2>/dev/null)" = "pending tasks: 0" ]; then
      quiet=$((quiet + 1)); [ $quiet -ge 3 ] && return 0
    else quiet=0; fi
    sleep 1
  done
  log "warning: compactions still pending after 5 minutes"
}

# Snapshot, per kind of server thread: CPU jiffies (stat) and run-queue wait (ns, schedstat: runnable, not running).
# (The machine-wide /proc/stat is not used: in this VM it counted less busy time than our own processes used.)
snapshot() { # file, pid
  {
    if [ -n "$2" ] && [ -d "/proc/$2/task" ]; then
      local t comm
      for t in /proc/"$2"/task/*; do
        # comm may hold spaces: stat fields are counted after the closing parenthesis (utime, stime: 12th, 13th)
        { read -r comm < "$t/comm"
          printf '%s\t%s\t%s\n' "$comm" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')" "$(awk '{print $2}' "$t/schedstat")"
        } 2>/dev/null || true
      done | awk -F'\t' '{
          k = $1
          if (k ~ /^shard-[0-9]+$/) k = k
          else if (k ~ /^charybdis-io-[0-9]+$/) k = "diskio"
          else if (k ~ /^C[12] Compiler/) k = "jit"
          else if (k ~ /^Z/ || k ~ /^GC/) k = "gc"
          else k = "other"
          cpu[k] += $2; wait[k] += $3 }
        END { for (k in cpu) { print "cpu_" k, cpu[k]; print "wait_" k, wait[k] } }'
    fi
  } > "$1"
}

metrics() { curl -fsS "http://127.0.0.1:$PROM_PORT/metrics" > "$1" 2>/dev/null || : > "$1"; }

oltp_workload() { echo "name=oltp,op=read,rate=$RATE,user=oltp,password=oltp-pw"; }
olap_workload() { echo "name=olap,op=scan,concurrency=$SCANS,page-size=$PAGE_SIZE,user=olap,password=olap-pw"; }

# client PORT PID DURATION OUT NICE WORKLOAD...: starts one stress process in the background (OUT.json, .out,
# .client_cpu), its pid appended to client_pids
client() {
  local port=$1 pid=$2 duration=$3 out=$4 niceness=$5; shift 5
  local args=(--port "$port" -u cassandra -p cassandra --keys "$ROWS" --connections "$CONNECTIONS" --duration "$duration"
              --json "$out.json")
  [ -n "$pid" ] && args+=(--server-pid "$pid")
  local w; for w in "$@"; do args+=(-w "$w"); done
  CHARYBDIS_JVM_OPTS="$CLIENT_JVM_OPTS" nice -n "${niceness:-0}" /usr/bin/time -f "%U %S" -o "$out.client_cpu" \
    "$home/bin/charybdis" stress "${args[@]}" > "$out.out" 2>&1 &
  client_pids="$client_pids $!"
}

wait_clients() {
  local pid status=0
  for pid in $client_pids; do wait "$pid" || status=$?; done
  client_pids=""
  return $status
}

# workloads PORT PID DURATION OUT OLTP? OLAP?: runs the OLTP and/or OLAP workloads side by side, in one stress
# process, or in two with OLAP_NICE; OUT.json holds both workloads in either case.
workloads() {
  local port=$1 pid=$2 duration=$3 out=$4 oltp=$5 olap=$6 status=0
  if [ "$olap" = 1 ] && [ -n "$OLAP_NICE" ]; then
    client "$port" "$pid" "$duration" "$out" "$OLTP_NICE" "$(oltp_workload)"
    client "$port" "" "$duration" "$out.olap" "$OLAP_NICE" "$(olap_workload)"
    wait_clients || status=$?
    if [ -f "$out.json" ] && [ -f "$out.olap.json" ]; then
      if [ "$json_tool" = jq ]; then
        jq -s '.[0] + {workloads: (.[0].workloads + .[1].workloads)}' "$out.json" "$out.olap.json" > "$out.merged" && mv "$out.merged" "$out.json"
      else
        python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); a["workloads"]+=json.load(open(sys.argv[2]))["workloads"]; json.dump(a, open(sys.argv[1], "w"), indent=1)' \
          "$out.json" "$out.olap.json"
      fi
      awk '{u += $1; s += $2} END {print u, s}' <(tail -qn 1 "$out.client_cpu" "$out.olap.client_cpu") > "$out.cpu2" && mv "$out.cpu2" "$out.client_cpu"
    fi
  else
    local ws=()
    [ "$oltp" = 1 ] && ws+=("$(oltp_workload)")
    [ "$olap" = 1 ] && ws+=("$(olap_workload)")
    local niceness=0 # one process for both workloads: OLTP_NICE would raise OLAP's priority too
    [ "$olap" = 1 ] || niceness=$OLTP_NICE
    client "$port" "$pid" "$duration" "$out" "$niceness" "${ws[@]}"
    wait_clients || status=$?
  fi
  return $status
}

# phase DIR NAME PORT PID OLAP?: warm-up, then the measured run of the OLTP (and OLAP) workloads with snapshots around it
phase() {
  local dir=$1 name=$2 port=$3 pid=$4 olap=$5
  log "  $name: $WARMUP warm-up, $PHASE measured"
  workloads "$port" "$pid" "$WARMUP" "$RESULTS/warmup" 1 "$olap" || log "  warm-up of $name failed; going on"
  [ "$port" = "$CQL_PORT" ] && metrics "$dir/$name.metrics.before"
  snapshot "$dir/$name.cpu.before" "$pid"
  workloads "$port" "$pid" "$PHASE" "$dir/$name" 1 "$olap" || log "  $name: stress failed, see $dir/$name.out"
  snapshot "$dir/$name.cpu.after" "$pid"
  [ "$port" = "$CQL_PORT" ] && metrics "$dir/$name.metrics.after"
  summarize "$dir" "$name"
}

# OLTP alone while major compactions run back to back, from 3 s in until the stress run ends.
compaction_phase() {
  local dir=$1 name=compaction i
  log "  $name: rewriting $ROWS rows $REWRITES times, a flush after each"
  for i in $(seq 1 "$REWRITES"); do
    client "$CQL_PORT" "" 60m "$RESULTS/rewrite" 0 "name=rewrite,op=write,ops=$ROWS,concurrency=64,dist=seq"
    wait_clients || log "  rewrite $i failed"
    admin flush keyspace1 standard1
  done
  settle
  admin tablestats keyspace1 > "$dir/$name.tablestats.before" 2>&1 || true
  log "  $name: $WARMUP warm-up, $PHASE measured with major compactions back to back"
  workloads "$CQL_PORT" "$server_pid" "$WARMUP" "$RESULTS/warmup" 1 0 || true
  metrics "$dir/$name.metrics.before"
  snapshot "$dir/$name.cpu.before" "$server_pid"
  : > "$dir/$name.compactions"
  touch "$dir/$name.running"
  (
    sleep 3
    while [ -f "$dir/$name.running" ]; do
      start=$(date +%s.%N)
      admin compact keyspace1 standard1 || { echo "failed" >> "$dir/$name.compactions"; break; }
      echo "$start $(date +%s.%N)" >> "$dir/$name.compactions"
    done
  ) &
  compact_loop_pid=$!
  workloads "$CQL_PORT" "$server_pid" "$PHASE" "$dir/$name" 1 0 || log "  $name: stress failed"
  rm -f "$dir/$name.running"
  wait "$compact_loop_pid" || true
  compact_loop_pid=""
  snapshot "$dir/$name.cpu.after" "$server_pid"
  metrics "$dir/$name.metrics.after"
  admin tablestats keyspace1 > "$dir/$name.tablestats.after" 2>&1 || true
  summarize "$dir" "$name"
}

# Sum over shards of a metric's series matching a label filter, after - before.
metric_delta() { # dir name metric labelregex
  awk -v m="$3" -v f="$4" '
    FNR == 1 { file++ }
    $0 !~ /^#/ && ($1 == m || index($1, m "{") == 1) && $1 ~ f { v[file] += $NF }
    END { printf "%.3f", v[2] - v[1] }' "$1/$2.metrics.before" "$1/$2.metrics.after"
}

# Server-side p99 (ms) of a service level over the phase, from the deltas of its latency histogram: the bucket bound
# below which 99% of the level's requests finished (from the frame's arrival to the answer being handed to Netty).
level_p99() { # dir name level
  awk -v lvl="service_level=\"$3\"" '
    FNR == 1 { file++ }
    index($1, "charybdis_service_level_request_latency_seconds_bucket{") == 1 && index($1, lvl) {
      match($1, /le="[^"]*"/); le = substr($1, RSTART + 4, RLENGTH - 5)
      c[le] += (file == 2 ? $NF : -$NF) }
    END { for (le in c) print (le == "+Inf" ? "1e300" : le), c[le] }' "$1/$2.metrics.before" "$1/$2.metrics.after" \
  | sort -g | awk '{ le[NR] = $1; c[NR] = $2 } END {
      total = c[NR]; if (NR == 0 || total <= 0) { printf "null"; exit }
      for (i = 1; i <= NR; i++) if (c[i] >= 0.99 * total) { if (le[i] + 0 > 1e299) printf "null"; else printf "%.3f", le[i] * 1000; exit }
      printf "null" }'
}

# Median of the per-second OLTP p99 of the progress lines: a figure less sensitive to a few bad seconds.
median_second_p99() { # .out file
  awk '$2 == "oltp" && $1 ~ /^[0-9]+s$/ { print $7 }' "$1" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) printf "null"; else printf "%s", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Writes NAME.summary.json: the stress report plus the phase's CPU split, run-queue waits and scheduler figures.
summarize() {
  local dir=$1 name=$2 f="$1/$2"
  [ -f "$f.json" ] || { log "  $name: no report"; return 0; }
  local client_cpu threads sched="{}" compactions="null" g s groups="" shards=""
  client_cpu=$(tail -n 1 "$f.client_cpu" 2>/dev/null | awk 'NF == 2 {printf "%.2f", $1 + $2; ok = 1} END {if (!ok) printf "null"}')
  threads=$(awk 'FNR == 1 { file++ } $1 ~ /^(cpu|wait)_/ { v[$1, file] = $2; k[$1] = 1 }
      END { sep = ""; printf "{"
            for (x in k) { printf "%s\"%s\": %.3f", sep, x, (v[x, 2] - v[x, 1]) / (x ~ /^cpu_/ ? 100 : 1e9); sep = ", " }
            printf "}" }' "$f.cpu.before" "$f.cpu.after")
  if [ -s "$f.metrics.after" ] && [ -s "$f.metrics.before" ]; then
    for g in statement sl:oltp sl:olap compaction memtable_flush commitlog; do
      for s in $(seq 0 $((SMP - 1))); do
        groups="$groups\"$g/$s\": $(metric_delta "$dir" "$name" charybdis_scheduler_runtime_seconds_total "scheduling_group=\"$g\",shard=\"$s\""), "
      done
    done
    for s in $(seq 0 $((SMP - 1))); do
      shards="$shards\"$s\": $(metric_delta "$dir" "$name" charybdis_service_level_requests_total "shard=\"$s\""), "
    done
    sched="{\"runtime_seconds\": {${groups%, }}, \"stalls\": $(metric_delta "$dir" "$name" charybdis_reactor_stalls_total ''),
      \"oltp_level_p99_ms\": $(level_p99 "$dir" "$name" oltp), \"default_level_p99_ms\": $(level_p99 "$dir" "$name" default),
      \"requests_by_connection_shard\": {${shards%, }}}"
  fi
  if [ -f "$f.compactions" ]; then
    compactions=$(awk 'NF == 2 { n++; t += $2 - $1 } END { printf "{\"count\": %d, \"seconds\": %.1f}", n, t }' "$f.compactions")
  fi
  local extra="{\"run\": \"$(basename "$(dirname "$dir")")/$(basename "$dir")\", \"phase\": \"$name\",
    \"client_cpu_seconds\": $client_cpu,
    \"server_threads\": $threads, \"oltp_median_1s_p99_ms\": $(median_second_p99 "$f.out"), \"scheduler\": $sched,
    \"compactions\": $compactions}"
  if [ "$json_tool" = jq ]; then
    jq --argjson extra "$extra" '. + $extra' "$f.json" > "$f.summary.json"
  else
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r.update(json.loads(sys.argv[2])); json.dump(r, open(sys.argv[3], "w"), indent=1)' \
      "$f.json" "$extra" "$f.summary.json"
  fi
}

setup_roles() { # port
  cql "$1" cassandra cassandra \
    "CREATE ROLE IF NOT EXISTS oltp WITH PASSWORD = 'oltp-pw' AND LOGIN = true" \
    "CREATE ROLE IF NOT EXISTS olap WITH PASSWORD = 'olap-pw' AND LOGIN = true"
}

populate() { # port dir
  "$home/bin/charybdis" stress --port "$1" -u cassandra -p cassandra --populate "$ROWS" --duration 1s \
    -w name=check,op=read,rate=100 > "$2/populate.out" 2>&1
  # needed only where an authorizer checks permissions (Cassandra's CassandraAuthorizer)
  cql "$1" cassandra cassandra "GRANT SELECT ON KEYSPACE keyspace1 TO oltp" "GRANT SELECT ON KEYSPACE keyspace1 TO olap" \
    >> "$2/setup.log" 2>&1 || true
}

run_charybdis() { # run number
  local top="$RESULTS/run$1" data="$WORKDIR/run$1" rep dir
  mkdir -p "$top"; rm -rf "$data"; mkdir -p "$data"
  start_server "$data" "$top"
  log "  roles oltp, olap; service levels oltp ($OLTP_SHARES shares), olap ($OLAP_SHARES shares)"
  { setup_roles "$CQL_PORT"
    cql "$CQL_PORT" cassandra cassandra "CREATE SERVICE LEVEL IF NOT EXISTS oltp WITH shares = $OLTP_SHARES" \
      "CREATE SERVICE LEVEL IF NOT EXISTS olap WITH shares = $OLAP_SHARES"; } >> "$top/setup.log" 2>&1
  log "  populating $ROWS rows, flushing, settling"
  populate "$CQL_PORT" "$top"
  admin flush keyspace1 standard1
  settle
  for rep in $(seq 1 "$REPS"); do
    dir="$top/rep$rep"; mkdir -p "$dir"
    log "  run $1, round $rep: service levels detached"
    [ "$rep" = 1 ] || cql "$CQL_PORT" cassandra cassandra "DETACH SERVICE LEVEL FROM oltp" "DETACH SERVICE LEVEL FROM olap" >> "$top/setup.log" 2>&1
    phase "$dir" solo "$CQL_PORT" "$server_pid" 0
    phase "$dir" olap "$CQL_PORT" "$server_pid" 1
    log "  run $1, round $rep: service levels attached"
    cql "$CQL_PORT" cassandra cassandra "ATTACH SERVICE LEVEL oltp TO oltp" "ATTACH SERVICE LEVEL olap TO olap" \
      "LIST ALL ATTACHED SERVICE LEVELS" >> "$top/setup.log" 2>&1
    phase "$dir" solo-sl "$CQL_PORT" "$server_pid" 0
    phase "$dir" olap-sl "$CQL_PORT" "$server_pid" 1
  done
  if [ "$SKIP_COMPACTION" != 1 ]; then mkdir -p "$top/final"; compaction_phase "$top/final"; fi
  stop_server
  rm -rf "$data"
}

run_peer() { # run number
  local top="$RESULTS/peer$1" rep dir
  mkdir -p "$top"
  log "peer on port $PEER_PORT: roles, populating $ROWS rows"
  local attempt
  for attempt in $(seq 1 30); do # Cassandra creates its default superuser some seconds after it starts listening
    setup_roles "$PEER_PORT" >> "$top/setup.log" 2>&1 && break
    [ "$attempt" = 30 ] && { echo "cannot set up the roles on port $PEER_PORT; see $top/setup.log" >&2; exit 1; }
    sleep 2
  done
  populate "$PEER_PORT" "$top"
  for rep in $(seq 1 "$REPS"); do
    dir="$top/rep$rep"; mkdir -p "$dir"
    phase "$dir" solo "$PEER_PORT" "$PEER_PID" 0
    phase "$dir" olap "$PEER_PORT" "$PEER_PID" 1
  done
}

[ "${SUMMARY_ONLY:-}" = 1 ] || log "results in $RESULTS; $RUNS runs of $REPS rounds of solo, olap, solo-sl, olap-sl ($PHASE each after $WARMUP warm-up), then compaction"
[ "${SUMMARY_ONLY:-}" = 1 ] || log "OLTP: reads at $RATE/s; OLAP: $SCANS scans in flight, pages of $PAGE_SIZE${OLAP_NICE:+ (own client, nice $OLAP_NICE)}; $ROWS rows; smp $SMP; $CONNECTIONS connection(s) per session"
if [ "${SUMMARY_ONLY:-}" != 1 ]; then
  for run in $(seq 1 "$RUNS"); do
    log "run $run"
    run_charybdis "$run"
  done
  if [ -n "$PEER_PORT" ]; then for run in $(seq 1 "$PEER_RUNS"); do run_peer "$run"; done; fi
fi

# ---- summary: one line per phase, then the ratios of each round ----
summaries=$(for d in "$RESULTS"/run* "$RESULTS"/peer*; do for r in "$d"/rep* "$d"/final; do
  for f in solo olap solo-sl olap-sl compaction; do [ -f "$r/$f.summary.json" ] && echo "$r/$f.summary.json"; done; done; done || true)
[ -n "$summaries" ] || { echo "no results" >&2; exit 1; }
header="run\tphase\toltp p50 ms\tp99 ms\tp99.9 ms\tmax ms\tmedian 1s-p99\terrors\tolap rows/s\tserver cpu s\tclient cpu s\treactors cpu s\treactors runq s\tsrv p99 ms\tcompactions"
ratios_jq='
  def p99(p): [.[] | select(.phase == p) | .workloads[] | select(.name == "oltp") | .latency_ms.p99][0];
  def f(x): if x == null then "-" else (x * 10 | round / 10 | tostring) + "x" end;
  (group_by(.run)[] | select(.[0].run | test("final") | not) |
   "\(.[0].run): OLTP p99 with OLAP / solo: without service levels \(f(p99("olap") / p99("solo"))), with service levels \(f(if p99("olap-sl") then p99("olap-sl") / p99("solo") else null end)) (\(f(if p99("olap-sl") then p99("olap-sl") / p99("solo-sl") else null end)) of solo-sl)"),
  (group_by(.run | split("/")[0])[] | select(any(.[]; .phase == "compaction")) |
   ([.[] | select(.phase == "solo-sl") | .workloads[] | select(.name == "oltp") | .latency_ms.p99] | add / length) as $base |
   "\(.[0].run | split("/")[0]): OLTP p99 during major compactions / mean solo-sl p99 of the run: \(f(p99("compaction") / $base)) (\(p99("compaction")) / \($base * 100 | round / 100) ms)")'
if [ "$json_tool" = jq ]; then
  table() {
    jq -rs '
      def r(x): if x == null then "-" else (x * 100 | round / 100 | tostring) end;
      def i(x): if x == null then "-" else (x | round | tostring) end;
      def w(n): [.workloads[] | select(.name == n)][0];
      .[] | [.run, .phase, r(w("oltp").latency_ms.p50), r(w("oltp").latency_ms.p99), r(w("oltp").latency_ms.p999),
             r(w("oltp").latency_ms.max), r(.oltp_median_1s_p99_ms), (w("oltp").errors + (w("olap").errors // 0) | tostring),
             i(w("olap").rows_per_second), r(.server_cpu.cpu_seconds), r(.client_cpu_seconds),
             r([.server_threads | to_entries[] | select(.key | test("^cpu_shard")) | .value] | add),
             r([.server_threads | to_entries[] | select(.key | test("^wait_shard")) | .value] | add),
             r(.scheduler.oltp_level_p99_ms // .scheduler.default_level_p99_ms),
             (if .compactions then "\(.compactions.count) in \(.compactions.seconds)s" else "" end)] | @tsv' "$@"
  }
  ratios() { jq -rs "$ratios_jq" "$@"; }
else
  table() {
    python3 - "$@" <<'EOF'
import json, sys
def r(x): return "-" if x is None else str(round(x, 2))
for f in sys.argv[1:]:
    s = json.load(open(f)); w = {x["name"]: x for x in s["workloads"]}; o = w["oltp"]; l = o["latency_ms"]
    sch = s.get("scheduler") or {}; c = s.get("compactions"); srv = (s.get("server_cpu") or {}).get("cpu_seconds")
    cl = s.get("client_cpu_seconds"); th = s.get("server_threads", {})
    cpus = [v for k, v in th.items() if k.startswith("cpu_shard")]; waits = [v for k, v in th.items() if k.startswith("wait_shard")]
    print("\t".join([s["run"], s["phase"], r(l["p50"]), r(l["p99"]), r(l["p999"]), r(l["max"]), r(s.get("oltp_median_1s_p99_ms")),
                     str(o["errors"] + w.get("olap", {}).get("errors", 0)), str(round(w["olap"]["rows_per_second"])) if "olap" in w else "-",
                     r(srv), r(cl), r(sum(cpus)) if cpus else "-", r(sum(waits)) if waits else "-", r(sch.get("oltp_level_p99_ms") or sch.get("default_level_p99_ms")),
                     "%d in %ss" % (c["count"], c["seconds"]) if c else ""]))
EOF
  }
  ratios() {
    python3 - "$@" <<'EOF'
import json, sys, collections
runs = collections.OrderedDict()
for f in sys.argv[1:]:
    s = json.load(open(f)); runs.setdefault(s["run"], {})[s["phase"]] = [w for w in s["workloads"] if w["name"] == "oltp"][0]["latency_ms"]["p99"]
def x(a, b): return "-" if a is None or b is None else "%.1fx" % (a / b)
for run, p in runs.items():
    if "final" in run: continue
    print("%s: OLTP p99 with OLAP / solo: without service levels %s, with service levels %s (%s of solo-sl)"
          % (run, x(p.get("olap"), p.get("solo")), x(p.get("olap-sl"), p.get("solo")), x(p.get("olap-sl"), p.get("solo-sl"))))
for run, p in runs.items():
    if "final" not in run or "compaction" not in p: continue
    top = run.split("/")[0]; base = [q["solo-sl"] for r, q in runs.items() if r.split("/")[0] == top and "solo-sl" in q]
    if base:
        b = sum(base) / len(base)
        print("%s: OLTP p99 during major compactions / mean solo-sl p99 of the run: %s (%s / %.2f ms)" % (top, x(p["compaction"], b), p["compaction"], b))
EOF
  }
fi
{
  echo
  echo "OLTP: point reads at $RATE/s (open loop, latency from the intended start); OLAP: $SCANS full scans in flight"
  { printf '%b\n' "$header"; table $summaries; } | column -t -s $'\t'
  echo
  ratios $summaries
  for d in "$RESULTS"/run*; do
    [ -f "$d/server.log" ] || continue
    echo "$(basename "$d"): reactor stalls logged: $(grep -c 'Reactor stall' "$d/server.log" || true);" \
      "GC allocation stalls: $(grep -c 'Allocation Stall' "$d/gc.log" 2>/dev/null || true)"
  done
  echo "(target: with service levels, OLTP p99 <= 1.5x the solo p99 while OLAP still progresses)"
} | tee "$RESULTS/summary.txt"
