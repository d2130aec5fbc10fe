#!/usr/bin/env bash
# Start-up time to healthy and idle memory, in one run:
#   cold     = first start on an empty data dir (unpack + initdb + migrate)
#   warm     = second start on the same data dir (embedded PostgreSQL already initialised)
#   external = baseline: the same server against this machine's PostgreSQL (no embedded server)
# Usage: bench/startup.sh [runs=3]   (uses ./panthera, which builds the jar if there is none)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=18080

wait_healthy() { # prints ms until /actuator/health says UP
  local start=$1
  for _ in $(seq 1 1200); do
    if curl -sf "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
      echo $(( ($(date +%s%N) - start) / 1000000 )); return 0
    fi
    sleep 0.05
  done
  echo "timeout" >&2; return 1
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

measure() { # label, data dir, extra args...
  local label=$1 dir=$2; shift 2
  local start; start=$(date +%s%N)
  ./panthera serve --server.port=$port --panthera.data-dir="$dir" --logging.level.root=WARN "$@" >/tmp/panthera-bench.log 2>&1 &
  local pid=$!
  local ms; ms=$(wait_healthy "$start")
  sleep 10 # idle
  local heap; heap=$(curl -s "http://127.0.0.1:$port/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {s+=$NF} END {printf "%.0f", s/1048576}')
  local jrss; jrss=$(( $(rss_kb $pid) / 1024 ))
  local pgrss=0
  for p in $(pgrep -f "postgres -D $dir" || true); do pgrss=$(( pgrss + $(rss_kb "$p") / 1024 )); done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$label $ms $heap $jrss $pgrss"
}

psql -q -h 127.0.0.1 -U postgres -c 'drop database if exists panthera_bench' -c 'create database panthera_bench' >/dev/null
echo "# label ms_to_healthy heap_used_mb java_rss_mb postgres_rss_mb"
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/panthera-bench-XXXX); chmod 755 "$dir"
  measure cold "$dir"
  measure warm "$dir"
  measure external "$dir" --panthera.database-url="jdbc:postgresql://127.0.0.1:5432/panthera_bench?user=postgres"
  rm -rf "$dir"
done
