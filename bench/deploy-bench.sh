#!/usr/bin/env bash
# Deployments benchmark (see BENCHMARKS.md, "Deployments (issue 5)"), in one run on ONE Panthera node
# (-Xmx1g, jobs on, this machine's PostgreSQL, a fresh database), driven by dev.panthera.bench.DeployBench:
#   1. deployments/s and POST→running p50/p99 of a burst through the `local` provider with 1,000 agents
#      running and their health checks going, against the same burst with none running (before and after)
#   2. the scheduler's cost with 1,000 idle running agents (health checks only) against none: Panthera's CPU,
#      its PostgreSQL sessions' CPU, database transactions and `jobs` work per second, health jobs/s
# Usage: bench/deploy-bench.sh   (about 10 minutes on an idle machine, build included; prints a markdown block)
# Environment (defaults):
#   DEPLOY_BENCH_AGENTS=1000  DEPLOY_BENCH_BURST=200  DEPLOY_BENCH_WARMUP=600  DEPLOY_BENCH_CONCURRENCY=8 (POSTs in flight)
#   DEPLOY_BENCH_HEALTH=30s   panthera.deploy.health-interval (the default); idle windows last two intervals
#   DEPLOY_BENCH_REUSE=1 (reuse the build)  DEPLOY_BENCH_JVM_OPTS / DEPLOY_BENCH_ARGS: extra JVM options / Spring arguments
#   DEPLOY_BENCH_DB=panthera_deploy_bench (dropped and created)  BENCH_BUILD_DIR=target-bench  JAVA=/path/to/java
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
DB="${DEPLOY_BENCH_DB:-panthera_deploy_bench}"
PORT="${DEPLOY_BENCH_PORT:-18190}"
HEALTH="${DEPLOY_BENCH_HEALTH:-30s}"
DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres"

# shellcheck source=bench/lib/find-java.sh
. bench/lib/find-java.sh # the script runs from the repository root (cd above)

jar() { ls "$BUILD_DIR"/panthera-*.jar 2>/dev/null | grep -v '\.original$' | head -1; }
if [ "${DEPLOY_BENCH_REUSE:-0}" != 1 ] || [ -z "$(jar)" ] || [ ! -f "$BUILD_DIR/bench-classpath.txt" ]; then
  echo "== building the jar and the bench classes into $BUILD_DIR ($(date -u +%T))" >&2
  ./mvnw -B -q -Dbuild.dir="$BUILD_DIR" package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test >&2
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is in use; set DEPLOY_BENCH_PORT" >&2
  exit 1
fi

panthera_pid=
data_dir=$(mktemp -d /tmp/panthera-deploy-bench-XXXX)
cleanup() {
  if [ -n "$panthera_pid" ]; then
    kill "$panthera_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$panthera_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$panthera_pid" 2>/dev/null || true
    wait "$panthera_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null

echo "== load before start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "== Panthera on :$PORT (-Xmx1g, database $DB, health every $HEALTH, logs in $BUILD_DIR/deploy-bench-panthera.log)" >&2
# shellcheck disable=SC2086 # extra options are meant to be split
"$JAVA_BIN" -Xmx1g --enable-native-access=ALL-UNNAMED ${DEPLOY_BENCH_JVM_OPTS:-} -jar "$(jar)" \
  --server.port="$PORT" \
  --panthera.data-dir="$data_dir" \
  --panthera.database-url="$DB_URL" \
  --panthera.jobs.enabled=true \
  --panthera.deploy.default-provider=local \
  --panthera.deploy.health-interval="$HEALTH" \
  --panthera.rate-limits.authenticated=100000000 \
  --panthera.billing.requests-per-minute=100000000 \
  --logging.level.root=WARN \
  ${DEPLOY_BENCH_ARGS:-} \
  >"$BUILD_DIR/deploy-bench-panthera.log" 2>&1 &
panthera_pid=$!

for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$panthera_pid" 2>/dev/null || { echo "Panthera exited; see $BUILD_DIR/deploy-bench-panthera.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PORT/actuator/health" | grep -q '"UP"' || { echo "Panthera not healthy" >&2; exit 1; }
echo "== Panthera healthy (pid $panthera_pid); driver starts ($(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg))" >&2

# the driver samples the load average in the background: the figures mean little on a busy machine
(while kill -0 "$panthera_pid" 2>/dev/null; do cut -d' ' -f1 /proc/loadavg; sleep 10; done) >"$data_dir/load.txt" &
load_pid=$!

"$JAVA_BIN" -Xmx512m \
  -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")" \
  -Dbench.panthera="http://127.0.0.1:$PORT" \
  -Dbench.pid="$panthera_pid" \
  -Dbench.db="$DB_URL" \
  -Dbench.agents="${DEPLOY_BENCH_AGENTS:-1000}" \
  -Dbench.burst="${DEPLOY_BENCH_BURST:-200}" \
  -Dbench.warmup="${DEPLOY_BENCH_WARMUP:-600}" \
  -Dbench.concurrency="${DEPLOY_BENCH_CONCURRENCY:-8}" \
  -Dbench.health-interval="$HEALTH" \
  dev.panthera.bench.DeployBench

kill "$load_pid" 2>/dev/null || true
echo
echo "Load average (1 min) sampled every 10 s during the run: $(sort -n "$data_dir/load.txt" | awk '{a[NR]=$1} END {print "min " a[1] ", median " a[int((NR+1)/2)] ", max " a[NR]}')."
echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "Linux $(uname -r); $("$JAVA_BIN" -version 2>&1 | head -1); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version' | cut -d' ' -f1)."
echo "Command: bench/deploy-bench.sh (AGENTS=${DEPLOY_BENCH_AGENTS:-1000}, BURST=${DEPLOY_BENCH_BURST:-200}, CONCURRENCY=${DEPLOY_BENCH_CONCURRENCY:-8}, HEALTH=$HEALTH)"
echo "== done ($(date -u +%T))" >&2
