#!/usr/bin/env bash
# Ownership checks per second under concurrent load (JMH, 4 threads): the facade (hot cache)
# against the seed's cache table queried directly and the dev chain's registry, in one run.
#   bench/ownership-bench.sh          (PANTHERA_TEST_DATABASE_URL selects a PostgreSQL; else embedded)
set -euo pipefail
cd "$(dirname "$0")/.."
json=$(bench/jmh.sh OwnershipCheck "$@")
node - "$json" <<'NODE'
const fs = require('fs');
const rows = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const score = name => rows.find(r => r.benchmark.endsWith('.' + name)).primaryMetric;
const facade = score('facade');
console.log(`| check | ops/s (4 threads, ± 99.9% CI) | facade ÷ this |`);
console.log(`|---|---:|---:|`);
for (const name of ['facade', 'table', 'chain']) {
  const m = score(name);
  console.log(`| ${name} | ${Math.round(m.score).toLocaleString('en')} ± ${Math.round(m.scoreError).toLocaleString('en')} | ${(facade.score / m.score).toFixed(1)}× |`);
}
console.log(`\nJava ${rows[0].jdkVersion}; ${new Date().toISOString()}`);
NODE
