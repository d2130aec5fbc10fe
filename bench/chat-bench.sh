#!/usr/bin/env bash
# Chat gateway benchmark, in one run (see BENCHMARKS.md, "Chat gateway"):
#   1. latency Panthera adds to a JSON chat completion over calling the same fake upstream directly
#   2. the same for streamed completions: time to the first token
#   3. how many concurrent streaming conversations one node holds, and the heap they take
# Three processes: ONE Panthera node (-Xmx1g, this machine's PostgreSQL, a fresh database), the fake
# OpenAI-compatible upstream (dev.panthera.bench.ChatFakeUpstream) and the load driver
# (dev.panthera.bench.ChatBench), so each has its own file-descriptor budget.
# Usage: bench/chat-bench.sh   (about 12 minutes on an idle machine, build included; prints a markdown block)
# Environment (defaults):
#   CHAT_BENCH_RATE=500  CHAT_BENCH_WARMUP=150  CHAT_BENCH_MEASURE=30   requests/s per path, seconds
#                        (the JIT settles ≈ 100 s into 500 req/s on 2 cores; the first phase runs on a cold node)
#   CHAT_BENCH_RAMP=30   seconds (within the warm-up) over which the rate rises from 5 % to full
#   CHAT_BENCH_STREAMS=10000  concurrent streams wanted; lowered to what Panthera's open-file limit
#                             allows unless CHAT_BENCH_STREAMS_FORCE=1
#   CHAT_BENCH_OPEN_RATE=100  streams opened per second;  CHAT_BENCH_TRICKLE_MS=5000  upstream token interval
#   CHAT_BENCH_HTTP2=1  Panthera with h2c (server.http2.enabled) and the held streams opened over h2c,
#                       CHAT_BENCH_H2_PER_CONNECTION=500 streams on each client connection (as an HTTP/2
#                       load balancer would), so a stream costs Panthera one socket (upstream), not two;
#                       0: HTTP/1.1, a connection per stream (then at most ~9,900 streams fit in 20,000 files)
#   CHAT_BENCH_PHASES=json,stream,hold   CHAT_BENCH_REUSE=1 (reuse the build)  CHAT_BENCH_JFR=1 (record Panthera)
#   CHAT_BENCH_JVM_OPTS / CHAT_BENCH_ARGS: extra JVM options / Spring arguments for Panthera (to try a fix)
#   CHAT_BENCH_TRACE=/some/dir  each request's due time and latency (<phase>-<target>.txt) and Panthera's GC
#                       log (gc.log), to line slow requests up with pauses or periodic work
#   CHAT_BENCH_DB=panthera_chat_bench (dropped and created)  BENCH_BUILD_DIR=target-bench  JAVA=/path/to/java
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
DB="${CHAT_BENCH_DB:-panthera_chat_bench}"
PANTHERA_PORT="${CHAT_BENCH_PORT:-18180}"
UPSTREAM_PORT="${CHAT_BENCH_UPSTREAM_PORT:-18181}"
STREAMS="${CHAT_BENCH_STREAMS:-10000}"
HTTP2="${CHAT_BENCH_HTTP2:-1}"
h2_args=()
[ "$HTTP2" = 1 ] && h2_args=(--server.http2.enabled=true)

# shellcheck source=bench/lib/find-java.sh
. bench/lib/find-java.sh # the script runs from the repository root (cd above)
JCMD="$(dirname "$(readlink -f "$JAVA_BIN")")/jcmd"

jar() { ls "$BUILD_DIR"/panthera-*.jar 2>/dev/null | grep -v '\.original$' | head -1; }
if [ "${CHAT_BENCH_REUSE:-0}" != 1 ] || [ -z "$(jar)" ] || [ ! -f "$BUILD_DIR/bench-classpath.txt" ]; then
  echo "== building the jar and the bench classes into $BUILD_DIR ($(date -u +%T))" >&2
  ./mvnw -B -q -Dbuild.dir="$BUILD_DIR" package -DskipTests -Dspotless.check.skip=true \
    dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test >&2
fi

# Each stream holds two sockets in Panthera (client and upstream); ask for more files than the
# default. Raising the hard limit needs CAP_SYS_RESOURCE, which containers often lack.
hard=$(ulimit -Hn)
if ulimit -n 100000 2>/dev/null; then
  echo "== open-file limit raised to 100000" >&2
else
  ulimit -n "$hard"
  echo "== open-file limit: hard limit $hard cannot be raised here (no CAP_SYS_RESOURCE); using $hard per process" >&2
fi

for port in "$PANTHERA_PORT" "$UPSTREAM_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port is in use; set CHAT_BENCH_PORT / CHAT_BENCH_UPSTREAM_PORT" >&2
    exit 1
  fi
done

pids=()
data_dir=$(mktemp -d /tmp/panthera-chat-bench-XXXX)
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 30); do # graceful shutdown waits for open requests; give it 15 s
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$data_dir"
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null

echo "== fake upstream on :$UPSTREAM_PORT" >&2
"$JAVA_BIN" -Xmx1g -cp "$BUILD_DIR/test-classes" \
  dev.panthera.bench.ChatFakeUpstream "$UPSTREAM_PORT" "${CHAT_BENCH_TRICKLE_MS:-5000}" \
  >"$data_dir/upstream.log" 2>&1 &
upstream_pid=$!
pids+=("$upstream_pid")

trace=()
trace_jvm=()
if [ -n "${CHAT_BENCH_TRACE:-}" ]; then
  mkdir -p "$CHAT_BENCH_TRACE"
  trace=("-Dbench.trace=$CHAT_BENCH_TRACE")
  trace_jvm=("-Xlog:gc,safepoint:file=$CHAT_BENCH_TRACE/gc.log:time,uptime")
fi
jfr=()
jfr_dump=
if [ "${CHAT_BENCH_JFR:-0}" = 1 ]; then
  jfr=("-XX:StartFlightRecording=filename=$PWD/$BUILD_DIR/chat-bench.jfr,settings=profile,dumponexit=true")
  jfr_dump="$PWD/$BUILD_DIR/chat-bench-streams-open.jfr"
fi
echo "== Panthera on :$PANTHERA_PORT (-Xms1g -Xmx1g -XX:MaxGCPauseMillis=5, database $DB, logs in $BUILD_DIR/chat-bench-panthera.log)" >&2
# The JVM options a latency-sensitive gateway runs with (README, "Running the gateway"): -Xms = -Xmx,
# as for any server (a heap that starts small is resized by collections whose concurrent cycles and
# remark pauses a 50 MB live set would never need in 1 GB), and a 5 ms G1 pause goal (G1's default,
# 200 ms, lets a young collection of a 600 MB eden take 40 ms: the whole latency budget).
# shellcheck disable=SC2086 # extra options are meant to be split
"$JAVA_BIN" -Xms1g -Xmx1g -XX:MaxGCPauseMillis=5 --enable-native-access=ALL-UNNAMED "${jfr[@]}" "${trace_jvm[@]}" ${CHAT_BENCH_JVM_OPTS:-} -jar "$(jar)" \
  --server.port="$PANTHERA_PORT" \
  --server.tomcat.max-connections=30000 \
  --panthera.data-dir="$data_dir" \
  --panthera.database-url="jdbc:postgresql://127.0.0.1:5432/$DB?user=postgres" \
  --panthera.llm.default-provider=bench \
  --panthera.llm.providers.bench.base-url="http://127.0.0.1:$UPSTREAM_PORT" \
  --panthera.llm.providers.bench.models[0]=bench-model \
  --panthera.rate-limits.authenticated=100000000 \
  --panthera.billing.requests-per-minute=100000000 \
  --panthera.billing.tokens-per-minute=0 \
  --logging.level.root=WARN \
  "${h2_args[@]}" \
  ${CHAT_BENCH_ARGS:-} \
  >"$BUILD_DIR/chat-bench-panthera.log" 2>&1 &
panthera_pid=$!
pids+=("$panthera_pid")

for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PANTHERA_PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && break
  kill -0 "$panthera_pid" 2>/dev/null || { echo "Panthera exited; see $BUILD_DIR/chat-bench-panthera.log" >&2; exit 1; }
  sleep 0.2
done
curl -sf "http://127.0.0.1:$PANTHERA_PORT/actuator/health" | grep -q '"UP"' || { echo "Panthera not healthy" >&2; exit 1; }
echo "== Panthera healthy (pid $panthera_pid); driver starts ($(date -u +%T))" >&2

force=false
[ "${CHAT_BENCH_STREAMS_FORCE:-0}" = 1 ] && force=true
"$JAVA_BIN" -Xmx2g --enable-native-access=ALL-UNNAMED \
  -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")" \
  -Dbench.panthera="http://127.0.0.1:$PANTHERA_PORT" \
  -Dbench.upstream="http://127.0.0.1:$UPSTREAM_PORT" \
  -Dbench.pid="$panthera_pid" \
  -Dbench.upstream-pid="$upstream_pid" \
  -Dbench.jcmd="$JCMD" \
  -Dbench.rate="${CHAT_BENCH_RATE:-500}" \
  -Dbench.warmup="${CHAT_BENCH_WARMUP:-150}" \
  -Dbench.ramp="${CHAT_BENCH_RAMP:-30}" \
  -Dbench.measure="${CHAT_BENCH_MEASURE:-30}" \
  -Dbench.streams="$STREAMS" \
  -Dbench.streams.force="$force" \
  -Dbench.http2="$([ "$HTTP2" = 1 ] && echo true || echo false)" \
  -Dbench.http2.streams-per-connection="${CHAT_BENCH_H2_PER_CONNECTION:-500}" \
  -Dbench.open-rate="${CHAT_BENCH_OPEN_RATE:-100}" \
  -Dbench.histogram="$PWD/$BUILD_DIR/chat-bench-histogram.txt" \
  -Dbench.jfr-dump="$jfr_dump" \
  -Dbench.phases="${CHAT_BENCH_PHASES:-json,stream,hold}" \
  "${trace[@]}" \
  dev.panthera.bench.ChatBench

echo
echo "Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "Linux $(uname -r); $("$JAVA_BIN" -version 2>&1 | head -1); PostgreSQL $(psql -h 127.0.0.1 -U postgres -tAc 'show server_version' | cut -d' ' -f1)."
echo "Command: bench/chat-bench.sh (RATE=${CHAT_BENCH_RATE:-500}, WARMUP=${CHAT_BENCH_WARMUP:-150}, RAMP=${CHAT_BENCH_RAMP:-30}, MEASURE=${CHAT_BENCH_MEASURE:-30}, STREAMS=$STREAMS, HTTP2=$HTTP2)"
echo "== done ($(date -u +%T))" >&2
