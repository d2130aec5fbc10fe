#!/usr/bin/env bash
# Runs JMH benchmarks of src/test/java/dev/panthera/bench on a JDK 21+ and prints the path of the
# JSON results. Usage: bench/jmh.sh <benchmark regex> [JMH options…]
# Environment: BENCH_BUILD_DIR (default target-bench), JAVA (a JDK 21+ java; default: found).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/jmh.sh <benchmark regex> [JMH options]" >&2; exit 2; }
pattern=$1; shift

BUILD_DIR="${BENCH_BUILD_DIR:-target-bench}"
# shellcheck source=bench/lib/find-java.sh
. bench/lib/find-java.sh # the script runs from the repository root (cd above)

echo "== building test classes into $BUILD_DIR" >&2
./mvnw -B -q -Dbuild.dir="$BUILD_DIR" test-compile dependency:build-classpath -Dspotless.check.skip=true \
  -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" -Dmdep.includeScope=test >&2

out="$PWD/$BUILD_DIR/jmh-$(echo "$pattern" | tr -c 'A-Za-z0-9' '_').json"
echo "== JMH: $pattern $*" >&2
"$JAVA_BIN" --enable-native-access=ALL-UNNAMED \
  -cp "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")" \
  org.openjdk.jmh.Main "$pattern" "$@" -jvm "$JAVA_BIN" -rf json -rff "$out" >&2
echo "$out"
