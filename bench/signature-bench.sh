#!/usr/bin/env bash
# Wallet signature verification: Panthera (JMH, one thread) against the Node reference libraries
# (tools/vectors/bench.mjs: ethers, @cosmjs, tweetnacl), over the same positive vectors.
# Prints a markdown table: family, Panthera ops/s/core, reference ops/s, ratio.
#
#   bench/signature-bench.sh
#
# Environment: BENCH_BUILD_DIR (default target-bench), JMH_ARGS (default: -f 1 -t 1 -wi 2 -w 2s -i 3 -r 3s),
# JAVA (a JDK 21+ java; default: the first one found in JAVA_HOME, PATH or /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")/.."

JMH_ARGS="${JMH_ARGS:--f 1 -t 1 -wi 2 -w 2s -i 3 -r 3s}"
# shellcheck disable=SC2086
JMH_JSON="$(bench/jmh.sh SignatureVerify $JMH_ARGS)"

echo "== Node reference (tools/vectors)" >&2
npm --prefix tools/vectors ci --no-audit --no-fund >&2
npm --prefix tools/vectors run bench >&2

node - "$JMH_JSON" tools/vectors/bench-result.json <<'NODE'
const fs = require('fs');
const [jmhFile, refFile] = process.argv.slice(2);
const jmh = JSON.parse(fs.readFileSync(jmhFile, 'utf8'));
const javaVersion = `Java ${jmh[0].jdkVersion} (${jmh[0].vmName})`;
const ref = JSON.parse(fs.readFileSync(refFile, 'utf8'));
const os = require('os');
const cpu = os.cpus()[0] ? os.cpus()[0].model : 'unknown';
const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`Date: ${new Date().toISOString()}  `);
console.log(`Machine: ${os.cpus().length} CPUs (nproc), ${cpu}, ${os.platform()} ${os.release()}  `);
console.log(`Java: ${javaVersion}; Node: ${process.version} (${Object.entries(ref.libraries).map(([k, v]) => k + ' ' + v).join(', ')})  `);
console.log('Command: bench/signature-bench.sh (JMH SignatureVerify, one thread; tools/vectors/bench.mjs, one thread)');
console.log('');
console.log('| family | Panthera ops/s/core (JMH, ± 99.9% CI) | reference library ops/s | reference operation | ratio |');
console.log('|---|---:|---:|---|---:|');
for (const family of ['evm', 'cosmos', 'solana']) {
  const j = jmh.find((b) => b.benchmark.endsWith('.' + family));
  const r = ref.results.find((x) => x.family === family);
  if (!j || !r) { console.log(`| ${family} | missing | missing | | |`); continue; }
  const score = j.primaryMetric.score;
  const err = j.primaryMetric.scoreError;
  const ratio = score / r.ops_per_sec;
  console.log(`| ${family} | ${fmt(score)} ± ${fmt(isNaN(err) ? 0 : err)} | ${fmt(r.ops_per_sec)} | ${r.operation} | ${ratio.toFixed(1)}× |`);
}
NODE
