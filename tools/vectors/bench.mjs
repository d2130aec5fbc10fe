// Single-threaded Node reference benchmark of wallet sign-in signature verification,
// run over the positive vectors in src/test/resources/vectors/*.json.
//
//   EVM:    ethers.verifyMessage(message, signature) === expected address
//   Cosmos: sha256(serializeSignDoc(ADR-036 sign doc)) + low-S check
//           + Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(sig), hash, pubkey)
//   Solana: nacl.sign.detached.verify(utf8(message), sig, pubkey)
//
// Decoding of the base64/base58 signature and key is part of each operation, as it
// would be on a server receiving the strings. Each family: >= 2 s warm-up, >= 5 s measured.
// Prints a table and writes tools/vectors/bench-result.json (not committed).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import assert from 'node:assert/strict';

import { verifyMessage } from 'ethers';
import { serializeSignDoc } from '@cosmjs/amino';
import { Secp256k1, Secp256k1Signature, sha256 } from '@cosmjs/crypto';
import { fromBase64, toBase64, toUtf8 } from '@cosmjs/encoding';
import nacl from 'tweetnacl';
import bs58 from 'bs58';

const HERE = dirname(fileURLToPath(import.meta.url));
const VEC = join(HERE, '..', '..', 'src', 'test', 'resources', 'vectors');
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 5000);
assert.ok(WARMUP_MS >= 2000 && MEASURE_MS >= 5000, 'warm-up must be >= 2 s and measurement >= 5 s');

const load = (f) => JSON.parse(readFileSync(join(VEC, f), 'utf8'));
const version = (name) => JSON.parse(readFileSync(join(HERE, 'node_modules', ...name.split('/'), 'package.json'), 'utf8')).version;

const SECP256K1_HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

function adr36SignDoc(signer, message) {
  return {
    chain_id: '',
    account_number: '0',
    sequence: '0',
    fee: { gas: '0', amount: [] },
    msgs: [{ type: 'sign/MsgSignData', value: { signer, data: toBase64(toUtf8(message)) } }],
    memo: '',
  };
}

// ---- one verification per family (returns boolean) ----
function verifyEvm(v) {
  return verifyMessage(v.message, v.signature) === v.address;
}

async function verifyCosmos(v) {
  const sig = fromBase64(v.signature);
  const pub = fromBase64(v.public_key);
  let s = 0n;
  for (let i = 32; i < 64; i++) s = (s << 8n) | BigInt(sig[i]);
  if (s > SECP256K1_HALF_N) return false;
  const hash = sha256(serializeSignDoc(adr36SignDoc(v.address, v.message)));
  return Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(sig), hash, pub);
}

const encoder = new TextEncoder();
function verifySolana(v) {
  return nacl.sign.detached.verify(encoder.encode(v.message), bs58.decode(v.signature), bs58.decode(v.address));
}

// ---- timing loop: time checked every batch so the clock read is negligible ----
async function run(fn, vectors, ms, isAsync) {
  let ops = 0;
  let i = 0;
  const n = vectors.length;
  const start = process.hrtime.bigint();
  const limit = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  for (;;) {
    for (let b = 0; b < 16; b++) {
      const ok = isAsync ? await fn(vectors[i]) : fn(vectors[i]);
      if (ok !== true) throw new Error('verification failed for ' + vectors[i].name);
      i = (i + 1) % n;
      ops++;
    }
    elapsed = process.hrtime.bigint() - start;
    if (elapsed >= limit) break;
  }
  return { ops, seconds: Number(elapsed) / 1e9 };
}

async function bench(family, fn, vectors, isAsync) {
  // sanity: every positive vector verifies, and a tampered one does not
  for (const v of vectors) assert.equal(isAsync ? await fn(v) : fn(v), true, v.name);
  const tampered = { ...vectors[0], message: vectors[0].message + ' ' };
  let bad;
  try {
    bad = isAsync ? await fn(tampered) : fn(tampered);
  } catch {
    bad = false;
  }
  assert.equal(bad, false, family + ': tampered message verified');

  await run(fn, vectors, WARMUP_MS, isAsync);
  const { ops, seconds } = await run(fn, vectors, MEASURE_MS, isAsync);
  const opsPerSec = ops / seconds;
  return { family, vectors: vectors.length, ops, seconds: Number(seconds.toFixed(3)), ops_per_sec: Math.round(opsPerSec), us_per_op: Number((1e6 / opsPerSec).toFixed(2)) };
}

const evm = load('evm.json').valid;
const cosmos = load('cosmos.json').valid;
const solana = load('solana.json').valid;

const results = [];
results.push({ ...(await bench('evm', verifyEvm, evm, false)), operation: 'ethers.verifyMessage(message, signature) === address' });
results.push({
  ...(await bench('cosmos', verifyCosmos, cosmos, true)),
  operation: 'low-S check + sha256(serializeSignDoc(adr36 doc)) + Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(sig), hash, pubkey)',
});
results.push({ ...(await bench('solana', verifySolana, solana, false)), operation: 'nacl.sign.detached.verify(utf8(message), bs58.decode(sig), bs58.decode(address))' });

const out = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cpus: os.cpus().length,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  single_threaded: true,
  warmup_ms: WARMUP_MS,
  measure_ms: MEASURE_MS,
  libraries: Object.fromEntries(
    ['ethers', '@cosmjs/amino', '@cosmjs/crypto', '@cosmjs/encoding', '@noble/curves', 'tweetnacl', 'bs58'].map((n) => [n, version(n)]),
  ),
  results,
};

console.log(`node ${out.node} | ${out.cpu} | ${out.date}`);
for (const r of results) {
  console.log(`${r.family.padEnd(7)} ${String(r.ops_per_sec).padStart(9)} ops/s  (${r.us_per_op} us/op, ${r.ops} ops in ${r.seconds} s over ${r.vectors} vectors)`);
}
writeFileSync(join(HERE, 'bench-result.json'), JSON.stringify(out, null, 2) + '\n', 'utf8');
console.log('written tools/vectors/bench-result.json');
