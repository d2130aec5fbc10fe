// Deterministic generator of wallet sign-in test vectors for Panthera.
//
//   EVM    (Sign-In with Ethereum, EIP-4361 + EIP-191)  -> src/test/resources/vectors/evm.json
//   Cosmos (SIWE-style text inside an ADR-036 sign doc)  -> src/test/resources/vectors/cosmos.json
//   Solana (Sign-In with Solana, ed25519)                -> src/test/resources/vectors/solana.json
//
// Messages and signatures are produced with each ecosystem's reference library
// (siwe + ethers, @cosmjs/amino + @cosmjs/crypto, @solana/wallet-standard-util +
// tweetnacl). No randomness: keys come from sha256 of a label, nonces and times
// are fixed, and all signature schemes used are deterministic (RFC 6979 / ed25519),
// so running this script twice yields byte-identical files.
//
// Every vector is re-verified here with the reference libraries before writing:
//  - valid vectors must verify (and pass the library's own SIWE/SIWS checks);
//  - INVALID_SIGNATURE vectors must fail to verify;
//  - VALIDATION_FAILED vectors whose signature is well-formed are signed by the
//    wallet's own key, so that the policy violation is the only defect.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

import { Wallet, getAddress, verifyMessage, Signature, hexlify, getBytes } from 'ethers';
import { SiweMessage } from 'siwe';
import {
  Secp256k1Wallet,
  serializeSignDoc,
  pubkeyToAddress,
  encodeSecp256k1Pubkey,
  encodeSecp256k1Signature,
} from '@cosmjs/amino';
import { Secp256k1, Secp256k1Signature, sha256 } from '@cosmjs/crypto';
import { toBase64, fromBase64, toBech32, fromBech32, toUtf8, toHex } from '@cosmjs/encoding';
import nacl from 'tweetnacl';
import bs58 from 'bs58';
import {
  createSignInMessageText,
  parseSignInMessageText,
  verifySignIn,
} from '@solana/wallet-standard-util';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = join(HERE, '..', '..');
const OUT_DIR = join(REPO, 'src', 'test', 'resources', 'vectors');

// ---------------------------------------------------------------------------
// Fixed conventions (the Java side is written against these)
// ---------------------------------------------------------------------------
const DOMAIN = 'localhost:8080';
const URI = 'http://localhost:8080';
const NOW = '2026-01-01T00:01:00Z';
const ISSUED_AT = '2026-01-01T00:00:00Z';
const EXPIRATION = '2026-01-01T00:10:00Z';
const NOT_BEFORE_PAST = '2026-01-01T00:00:30Z';
const STATEMENT = 'Sign in to Panthera.';
const RESOURCES = [
  'ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/',
  'https://example.com/my-web2-claim.json',
];
const GENERATOR = 'tools/vectors/generate.mjs';

// @cosmjs/encoding 0.39.0 calls @scure/base 2.x bech32.decode(addr, Infinity) by default,
// which @scure/base 2.4 rejects ("limit: expected safe integer") -> always pass the limit.
const BECH32_LIMIT = 90;

// secp256k1 group order
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------
const seed32 = (label) =>
  new Uint8Array(createHash('sha256').update(`panthera/vectors/${label}`, 'utf8').digest());

function libVersion(name) {
  const pkg = JSON.parse(readFileSync(join(HERE, 'node_modules', ...name.split('/'), 'package.json'), 'utf8'));
  return pkg.version;
}

function libraries(names) {
  const out = {};
  for (const n of names) out[n] = libVersion(n);
  return out;
}

const nonceCounter = { n: 0 };
const usedNonces = new Set();
// distinct, >= 8 alphanumerics, e.g. Nonce0001abcd
function nextNonce() {
  nonceCounter.n += 1;
  const tail = 'abcdefghijklmnopqrstuvwxyz';
  const i = nonceCounter.n;
  const nonce = `Nonce${String(i).padStart(4, '0')}${tail[i % 26]}${tail[(i * 7) % 26]}${tail[(i * 11) % 26]}${tail[(i * 13) % 26]}`;
  assert.ok(!usedNonces.has(nonce));
  usedNonces.add(nonce);
  return nonce;
}

const t = (s) => Date.parse(s);

/** Policy check that every valid vector must satisfy at NOW (mirrors the server rules). */
function assertTimesValid(f) {
  const now = t(NOW);
  assert.ok(t(f.issuedAt) <= now + 5 * 60 * 1000, 'issuedAt too far in future');
  if (f.expirationTime) assert.ok(t(f.expirationTime) > now, 'expired');
  if (f.notBefore) assert.ok(t(f.notBefore) <= now, 'not yet valid');
}

/**
 * SIWE-style text builder following EIP-4361 exactly as `siwe` prepares it
 * (used for Cosmos; cross-checked against `siwe` for Ethereum below).
 * Without a statement EIP-4361 yields "<address>\n\n\nURI: ..." (two empty lines).
 */
function eip4361Text(f, accountKind) {
  const lines = [`${f.domain} wants you to sign in with your ${accountKind} account:`, f.address, ''];
  if (f.statement !== undefined) lines.push(f.statement, '');
  else lines.push('');
  lines.push(`URI: ${f.uri}`, `Version: ${f.version}`, `Chain ID: ${f.chainId}`, `Nonce: ${f.nonce}`, `Issued At: ${f.issuedAt}`);
  if (f.expirationTime) lines.push(`Expiration Time: ${f.expirationTime}`);
  if (f.notBefore) lines.push(`Not Before: ${f.notBefore}`);
  if (f.requestId) lines.push(`Request ID: ${f.requestId}`);
  if (f.resources) {
    lines.push('Resources:');
    for (const r of f.resources) lines.push(`- ${r}`);
  }
  return lines.join('\n');
}

function replaceOnce(text, from, to) {
  assert.ok(text.includes(from), `text does not contain ${JSON.stringify(from)}`);
  const out = text.replace(from, to);
  assert.notEqual(out, text);
  return out;
}

/** Flip the case of the first hex letter after 0x so the EIP-55 checksum breaks. */
function breakChecksum(addr) {
  const chars = addr.split('');
  for (let i = 2; i < chars.length; i++) {
    if (/[a-fA-F]/.test(chars[i])) {
      chars[i] = chars[i] === chars[i].toLowerCase() ? chars[i].toUpperCase() : chars[i].toLowerCase();
      const bad = chars.join('');
      assert.notEqual(bad, addr);
      assert.throws(() => getAddress(bad)); // ethers rejects the bad checksum
      return bad;
    }
  }
  throw new Error('no letter to flip in ' + addr);
}

function writeJson(file, obj) {
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, file), JSON.stringify(obj, null, 2) + '\n', 'utf8');
}

/** Drop internal `_` fields used only for self-checks. */
function publicView(v) {
  const out = {};
  for (const [k, val] of Object.entries(v)) if (!k.startsWith('_')) out[k] = val;
  return out;
}

function checkNames(vs) {
  const names = new Set();
  for (const v of vs) {
    assert.ok(!names.has(v.name), 'duplicate name ' + v.name);
    names.add(v.name);
  }
}

// ===========================================================================
// EVM
// ===========================================================================
async function generateEvm() {
  const keyLabels = ['alice', 'bob'];
  const wallets = {};
  const keys = [];
  for (const label of keyLabels) {
    const pk = seed32(`evm/${label}`);
    assert.ok(BigInt('0x' + toHex(pk)) < SECP256K1_N && BigInt('0x' + toHex(pk)) > 0n);
    const w = new Wallet(hexlify(pk));
    wallets[label] = w;
    keys.push({
      label,
      private_key_hex: toHex(pk),
      address: w.address,
      public_key_hex: w.signingKey.publicKey.slice(2), // uncompressed, 04||X||Y
    });
  }
  const alice = wallets.alice;
  const bob = wallets.bob;

  const siweText = (fields) => {
    const f = { domain: DOMAIN, uri: URI, version: '1', issuedAt: ISSUED_AT, expirationTime: EXPIRATION, ...fields };
    const text = new SiweMessage(f).prepareMessage();
    // our generic EIP-4361 builder (used for Cosmos) must agree byte-for-byte with siwe
    assert.equal(eip4361Text({ ...f, chainId: String(f.chainId) }, 'Ethereum'), text);
    return { text, fields: f };
  };

  const valid = [];
  const addValid = async (name, wallet, fields, { vZeroOne = false } = {}) => {
    const nonce = nextNonce();
    const { text, fields: f } = siweText({ address: wallet.address, nonce, ...fields });
    let signature = await wallet.signMessage(text);
    if (vZeroOne) {
      const b = getBytes(signature);
      assert.ok(b[64] === 27 || b[64] === 28);
      b[64] -= 27;
      signature = hexlify(b);
    }
    assertTimesValid(f);
    valid.push({
      name,
      address: wallet.address,
      message: text,
      signature,
      public_key: null,
      chain_id: String(f.chainId),
      nonce,
    });
  };

  await addValid('evm_alice_chain1_with_statement', alice, { chainId: 1, statement: STATEMENT });
  await addValid('evm_alice_chain31337_without_statement', alice, { chainId: 31337 });
  await addValid('evm_alice_not_before_in_past', alice, { chainId: 1, statement: STATEMENT, notBefore: NOT_BEFORE_PAST });
  await addValid('evm_alice_request_id', alice, { chainId: 31337, statement: STATEMENT, requestId: 'req-0001' });
  await addValid('evm_alice_resources', alice, { chainId: 1, statement: STATEMENT, resources: RESOURCES });
  await addValid('evm_alice_all_optional_fields', alice, {
    chainId: 31337,
    statement: STATEMENT,
    notBefore: NOT_BEFORE_PAST,
    requestId: 'req-0002',
    resources: RESOURCES,
  });
  await addValid('evm_alice_v_is_0_or_1', alice, { chainId: 1, statement: STATEMENT }, { vZeroOne: true });
  await addValid('evm_bob_chain1', bob, { chainId: 1, statement: STATEMENT });

  // ---- invalid ----
  const invalid = [];
  const inv = (v) => invalid.push({ public_key: null, ...v });
  const base = (fields = {}) =>
    siweText({ address: alice.address, chainId: 1, statement: STATEMENT, nonce: nextNonce(), ...fields });

  {
    const { text, fields } = base();
    inv({ name: 'evm_signed_by_other_key', address: alice.address, message: text, signature: await bob.signMessage(text),
      chain_id: '1', nonce: fields.nonce, expected_code: 'INVALID_SIGNATURE', reason: 'message names alice but was signed by bob', _sig: false });
  }
  {
    const { text, fields } = base();
    const sig = await alice.signMessage(text);
    const newNonce = nextNonce();
    const tampered = replaceOnce(text, `Nonce: ${fields.nonce}`, `Nonce: ${newNonce}`);
    inv({ name: 'evm_message_tampered_after_signing', address: alice.address, message: tampered, signature: sig,
      chain_id: '1', nonce: newNonce, expected_code: 'INVALID_SIGNATURE', reason: 'nonce line changed after alice signed', _sig: false });
  }
  {
    const { text, fields } = base();
    const sig = Signature.from(await alice.signMessage(text));
    const highS = (SECP256K1_N - BigInt(sig.s)).toString(16).padStart(64, '0');
    const flippedV = sig.v === 27 ? 28 : 27;
    const raw = '0x' + sig.r.slice(2) + highS + flippedV.toString(16);
    assert.equal(getBytes(raw).length, 65);
    inv({ name: 'evm_high_s_signature', address: alice.address, message: text, signature: raw,
      chain_id: '1', nonce: fields.nonce, expected_code: 'INVALID_SIGNATURE',
      reason: 'malleated signature (s replaced by n-s, v flipped); non-canonical high-S must be rejected (EIP-2)', _sig: false });
  }
  const signedVf = async (name, text, fields, reason, { address = alice.address, signer = alice } = {}) => {
    inv({ name, address, message: text, signature: await signer.signMessage(text), chain_id: fields.chainId === undefined ? null : String(fields.chainId),
      nonce: fields.nonce, expected_code: 'VALIDATION_FAILED', reason, _sig: true, _signer: signer.address });
  };
  {
    const { text, fields } = base({ domain: 'evil.example' });
    await signedVf('evm_wrong_domain', text, fields, 'domain is evil.example, not localhost:8080');
  }
  {
    const { text, fields } = base({ uri: 'https://evil.example/login' });
    await signedVf('evm_uri_other_origin', text, fields, 'URI https://evil.example/login is not of origin http://localhost:8080');
  }
  {
    const { text, fields } = base({ chainId: 5 });
    await signedVf('evm_chain_id_5', text, fields, 'chain id 5 is not allowed (server allows 1 and 31337)');
  }
  {
    const { text, fields } = base({ issuedAt: '2025-12-31T23:50:00Z', expirationTime: '2026-01-01T00:00:30Z' });
    await signedVf('evm_expired', text, fields, 'Expiration Time 2026-01-01T00:00:30Z is before now 2026-01-01T00:01:00Z');
  }
  {
    const { text, fields } = base({ notBefore: '2026-01-01T00:05:00Z' });
    await signedVf('evm_not_before_in_future', text, fields, 'Not Before 2026-01-01T00:05:00Z is after now');
  }
  {
    const { text, fields } = base({ issuedAt: '2026-01-01T01:00:00Z', expirationTime: '2026-01-01T01:10:00Z' });
    await signedVf('evm_issued_at_in_future', text, fields, 'Issued At 2026-01-01T01:00:00Z is more than 5 minutes after now');
  }
  {
    const { text, fields } = base();
    const bad = breakChecksum(alice.address);
    const msg = replaceOnce(text, `\n${alice.address}\n`, `\n${bad}\n`);
    // siwe's own parser rejects it as well
    assert.throws(() => new SiweMessage(msg));
    inv({ name: 'evm_bad_eip55_checksum_address', address: bad, message: msg, signature: await alice.signMessage(msg),
      chain_id: '1', nonce: fields.nonce, expected_code: 'VALIDATION_FAILED',
      reason: 'address has mixed case with one letter case-flipped: EIP-55 checksum invalid', _sig: 'nocheck' });
  }
  {
    const { text, fields } = base();
    const sig = await alice.signMessage(text);
    inv({ name: 'evm_signature_64_bytes', address: alice.address, message: text, signature: sig.slice(0, 2 + 128),
      chain_id: '1', nonce: fields.nonce, expected_code: 'VALIDATION_FAILED', reason: 'signature is 64 bytes (v dropped), 65 required', _sig: false });
  }
  {
    const { text, fields } = base();
    const sig = await alice.signMessage(text);
    const notHex = '0x' + 'zz' + sig.slice(4, 128) + 'qq' + sig.slice(130);
    assert.equal(notHex.length, sig.length);
    inv({ name: 'evm_signature_not_hex', address: alice.address, message: text, signature: notHex,
      chain_id: '1', nonce: fields.nonce, expected_code: 'VALIDATION_FAILED', reason: 'signature has the right length but contains non-hex characters', _sig: false });
  }
  {
    const { text, fields } = base();
    const msg = replaceOnce(text, `\n${alice.address}\n`, '\n');
    assert.throws(() => new SiweMessage(msg));
    await signedVf('evm_message_missing_address_line', msg, fields, 'message text has no address line (malformed EIP-4361)');
  }
  {
    const { text, fields } = base();
    const msg = replaceOnce(text, 'sign in with your Ethereum account:', 'sign in with your Solana account:');
    assert.throws(() => new SiweMessage(msg));
    await signedVf('evm_header_solana_account', msg, fields, 'header says "Solana account" instead of "Ethereum account"');
  }
  {
    // message names alice, wallet_address is bob, and bob signed: only the address mismatch is wrong
    const { text, fields } = base();
    await signedVf('evm_message_address_not_wallet_address', text, fields,
      'message address (alice) differs from wallet_address (bob); signature is bob\'s and verifies for bob',
      { address: bob.address, signer: bob });
  }
  {
    const { text, fields } = base();
    const msg = replaceOnce(text, `Nonce: ${fields.nonce}`, 'Nonce: abc123');
    assert.throws(() => new SiweMessage(msg));
    await signedVf('evm_nonce_too_short', msg, { ...fields, nonce: 'abc123' }, 'nonce "abc123" is shorter than 8 characters');
  }
  {
    const { text, fields } = base();
    const msg = replaceOnce(text, `Nonce: ${fields.nonce}`, 'Nonce: Nonce-0099-abcd');
    assert.throws(() => new SiweMessage(msg));
    await signedVf('evm_nonce_not_alphanumeric', msg, { ...fields, nonce: 'Nonce-0099-abcd' }, 'nonce contains non-alphanumeric characters');
  }

  // ---- self-check with the reference libraries ----
  const evmVerifies = (address, message, signature) => {
    try {
      return verifyMessage(message, signature) === address;
    } catch {
      return false;
    }
  };
  for (const v of valid) {
    assert.ok(evmVerifies(v.address, v.message, v.signature), 'valid EVM vector does not verify: ' + v.name);
    const m = new SiweMessage(v.message); // siwe's ABNF parser accepts it
    assert.equal(m.prepareMessage(), v.message);
    assert.equal(String(m.chainId), v.chain_id);
    assert.equal(m.nonce, v.nonce);
    assert.ok(['1', '31337'].includes(v.chain_id));
    const res = await m.verify({ signature: v.signature, domain: DOMAIN, nonce: v.nonce, time: NOW }, { suppressExceptions: true });
    assert.ok(res.success, 'siwe.verify failed for ' + v.name + ': ' + JSON.stringify(res.error));
  }
  for (const v of invalid) {
    if (v.expected_code === 'INVALID_SIGNATURE') {
      assert.ok(!evmVerifies(v.address, v.message, v.signature), 'INVALID_SIGNATURE vector verifies: ' + v.name);
    }
    if (v._sig === true) {
      assert.ok(evmVerifies(v.address, v.message, v.signature) || verifyMessage(v.message, v.signature) === v._signer,
        'VALIDATION_FAILED vector should carry a good signature: ' + v.name);
    }
    if (v._sig === false) assert.ok(!evmVerifies(v.address, v.message, v.signature));
  }
  // siwe's own time checks agree with the time-based negatives
  for (const name of ['evm_expired', 'evm_not_before_in_future']) {
    const v = invalid.find((x) => x.name === name);
    const res = await new SiweMessage(v.message).verify({ signature: v.signature, domain: DOMAIN, time: NOW }, { suppressExceptions: true });
    assert.ok(!res.success, name);
  }
  checkNames([...valid, ...invalid]);
  assert.ok(valid.length >= 6 && invalid.length >= 12);

  return {
    generator: GENERATOR,
    libraries: libraries(['ethers', 'siwe', '@spruceid/siwe-parser']),
    domain: DOMAIN,
    uri: URI,
    now: NOW,
    keys,
    valid,
    invalid: invalid.map(publicView),
  };
}

// ===========================================================================
// Cosmos (ADR-036 as built by Keplr signArbitrary)
// ===========================================================================
function makeAdr36SignDoc(signer, message) {
  // Keplr makeADR36AminoSignDoc: data = base64(utf8(message))
  return {
    chain_id: '',
    account_number: '0',
    sequence: '0',
    fee: { gas: '0', amount: [] },
    msgs: [{ type: 'sign/MsgSignData', value: { signer, data: toBase64(toUtf8(message)) } }],
    memo: '',
  };
}

async function rawCosmosSign(privkey, signDoc) {
  const hash = sha256(serializeSignDoc(signDoc));
  const sig = await Secp256k1.createSignature(hash, privkey);
  return new Uint8Array([...sig.r(32), ...sig.s(32)]);
}

/** Reference verification: pubkey/sig lengths, low-S, cosmjs verify, pubkey->address match. */
async function cosmosVerifies(v, dbg = false) {
  let pub;
  let sig;
  try {
    pub = fromBase64(v.public_key);
    sig = fromBase64(v.signature);
  } catch {
    return false;
  }
  if (pub.length !== 33 || sig.length !== 64) return false;
  const s = BigInt('0x' + toHex(sig.slice(32)));
  if (s > SECP256K1_N / 2n) return false; // cosmos-sdk rejects malleable high-S
  let prefix;
  try {
    prefix = fromBech32(v.address, BECH32_LIMIT).prefix;
  } catch {
    return false;
  }
  if (pubkeyToAddress(encodeSecp256k1Pubkey(pub), prefix) !== v.address) return false;
  const hash = sha256(serializeSignDoc(makeAdr36SignDoc(v.address, v.message)));
  try {
    return await Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(sig), hash, pub);
  } catch {
    return false;
  }
}

async function generateCosmos() {
  const labels = ['alice', 'bob'];
  const ks = {};
  const keys = [];
  for (const label of labels) {
    const priv = seed32(`cosmos/${label}`);
    const n = BigInt('0x' + toHex(priv));
    assert.ok(n > 0n && n < SECP256K1_N);
    const { pubkey } = await Secp256k1.makeKeypair(priv);
    const compressed = Secp256k1.compressPubkey(pubkey);
    const addr = (prefix) => pubkeyToAddress(encodeSecp256k1Pubkey(compressed), prefix);
    ks[label] = { priv, pub: compressed, addr };
    keys.push({
      label,
      private_key_hex: toHex(priv),
      address: addr('secret'),
      public_key_hex: toHex(compressed),
      public_key_base64: toBase64(compressed),
      addresses: { secret: addr('secret'), cosmos: addr('cosmos'), osmo: addr('osmo') },
    });
  }
  const alice = ks.alice;
  const bob = ks.bob;
  const CHAIN = { secret: 'secret-4', cosmos: 'cosmoshub-4', osmo: 'osmosis-1' };

  const text = (f) =>
    eip4361Text({ domain: DOMAIN, uri: URI, version: '1', issuedAt: ISSUED_AT, expirationTime: EXPIRATION, ...f }, 'Cosmos');

  const record = (o) => {
    // o: name, address, message, sigBytes (Uint8Array | string), pubBytes (Uint8Array | string)
    const signature = typeof o.sig === 'string' ? o.sig : toBase64(o.sig);
    const public_key = typeof o.pub === 'string' ? o.pub : toBase64(o.pub);
    const signDoc = makeAdr36SignDoc(o.address, o.message);
    return {
      name: o.name,
      address: o.address,
      message: o.message,
      signature,
      public_key,
      chain_id: o.chain_id,
      nonce: o.nonce,
      sign_doc_json: Buffer.from(serializeSignDoc(signDoc)).toString('utf8'),
      std_signature: { pub_key: { type: 'tendermint/PubKeySecp256k1', value: public_key }, signature },
    };
  };

  const valid = [];
  const addValid = async (name, key, prefix, fields) => {
    const nonce = nextNonce();
    const address = key.addr(prefix);
    const f = { address, chainId: CHAIN[prefix], nonce, ...fields };
    const message = text(f);
    const signDoc = makeAdr36SignDoc(address, message);
    const wallet = await Secp256k1Wallet.fromKey(key.priv, prefix);
    const [account] = await wallet.getAccounts();
    assert.equal(account.address, address);
    const { signature: std } = await wallet.signAmino(address, signDoc);
    // wallet output == our raw signing path (used for negatives) == expected StdSignature shape
    const raw = await rawCosmosSign(key.priv, signDoc);
    assert.deepEqual(std, encodeSecp256k1Signature(key.pub, raw));
    assert.equal(std.pub_key.type, 'tendermint/PubKeySecp256k1');
    assertTimesValid({ issuedAt: ISSUED_AT, expirationTime: EXPIRATION, ...fields });
    const v = record({ name, address, message, sig: std.signature, pub: std.pub_key.value, chain_id: f.chainId, nonce });
    assert.deepEqual(v.std_signature, std);
    valid.push(v);
  };

  await addValid('cosmos_secret_alice_with_statement', alice, 'secret', { statement: STATEMENT });
  await addValid('cosmos_secret_alice_without_statement', alice, 'secret', {});
  await addValid('cosmos_cosmoshub_alice_with_statement', alice, 'cosmos', { statement: STATEMENT });
  await addValid('cosmos_secret_alice_statement_with_lt_gt_amp', alice, 'secret', {
    statement: 'Sign in to <Panthera> & accept the "terms" > 18.',
  });
  await addValid('cosmos_secret_alice_all_optional_fields', alice, 'secret', {
    statement: STATEMENT,
    notBefore: NOT_BEFORE_PAST,
    requestId: 'req-0003',
    resources: RESOURCES,
  });
  await addValid('cosmos_secret_bob_with_statement', bob, 'secret', { statement: STATEMENT });
  await addValid('cosmos_cosmoshub_bob_without_statement', bob, 'cosmos', {});

  // ---- invalid ----
  const invalid = [];
  const inv = (o, expected_code, reason, sigOk) => invalid.push({ ...record(o), expected_code, reason, _sig: sigOk });
  const msgFor = (key, prefix = 'secret', fields = {}) => {
    const nonce = nextNonce();
    const address = typeof key === 'string' ? key : key.addr(prefix);
    return { nonce, address, chain_id: CHAIN[prefix], message: text({ address, chainId: CHAIN[prefix], nonce, statement: STATEMENT, ...fields }) };
  };
  const signWith = (key, address, message) => rawCosmosSign(key.priv, makeAdr36SignDoc(address, message));

  {
    const m = msgFor(alice);
    const sig = await signWith(alice, m.address, m.message);
    const s = BigInt('0x' + toHex(sig.slice(32)));
    const highS = SECP256K1_N - s;
    assert.ok(highS > SECP256K1_N / 2n);
    const hs = new Uint8Array(64);
    hs.set(sig.slice(0, 32), 0);
    hs.set(getBytes('0x' + highS.toString(16).padStart(64, '0')), 32);
    // cosmjs' verifySignature itself accepts high-S (lowS: false); the Cosmos SDK rejects it
    assert.ok(await Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(hs), sha256(serializeSignDoc(makeAdr36SignDoc(m.address, m.message))), alice.pub));
    inv({ name: 'cosmos_high_s_signature', ...m, sig: hs, pub: alice.pub }, 'INVALID_SIGNATURE',
      'malleated signature: s replaced by n-s (still 64 bytes); Cosmos SDK rejects non-canonical high-S', false);
  }
  {
    const m = msgFor(alice);
    inv({ name: 'cosmos_signed_by_other_key', ...m, sig: await signWith(bob, m.address, m.message), pub: alice.pub }, 'INVALID_SIGNATURE',
      'alice address and pubkey, but bob signed the sign doc', false);
  }
  {
    const m = msgFor(alice);
    inv({ name: 'cosmos_public_key_of_other_key', ...m, sig: await signWith(alice, m.address, m.message), pub: bob.pub }, 'INVALID_SIGNATURE',
      'alice signed, but the supplied pubkey is bob\'s (does not verify, does not match the address)', false);
  }
  {
    const m = msgFor(alice);
    inv({ name: 'cosmos_public_key_not_matching_address', ...m, sig: await signWith(bob, m.address, m.message), pub: bob.pub }, 'INVALID_SIGNATURE',
      'bob signed alice\'s sign doc and supplied bob\'s pubkey: signature verifies for that pubkey but the pubkey does not derive alice\'s address', false);
  }
  {
    const m = msgFor(alice, 'osmo');
    inv({ name: 'cosmos_wrong_prefix_osmo', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub }, 'VALIDATION_FAILED',
      'right key, but bech32 prefix osmo is not configured (allowed: secret, cosmos)', true);
  }
  {
    const good = alice.addr('secret');
    const last = good[good.length - 1];
    const bad = good.slice(0, -1) + (last === 'q' ? 'p' : 'q');
    assert.throws(() => fromBech32(bad, BECH32_LIMIT));
    const m = msgFor(bad, 'secret');
    inv({ name: 'cosmos_bad_bech32_checksum', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub }, 'VALIDATION_FAILED',
      'last character of the bech32 address changed: checksum invalid', false);
  }
  {
    const m = msgFor(alice);
    inv({ name: 'cosmos_public_key_32_bytes', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub.slice(1) }, 'VALIDATION_FAILED',
      'public key is 32 bytes (compressed secp256k1 pubkey must be 33)', false);
  }
  {
    const m = msgFor(alice);
    const sig = await signWith(alice, m.address, m.message);
    inv({ name: 'cosmos_signature_63_bytes', ...m, sig: sig.slice(0, 63), pub: alice.pub }, 'VALIDATION_FAILED',
      'signature is 63 bytes, 64 (r||s) required', false);
  }
  {
    const m = msgFor(alice);
    const sig = toBase64(await signWith(alice, m.address, m.message));
    const bad = '!!' + sig.slice(2, -4) + '*#$%';
    assert.equal(bad.length, sig.length);
    inv({ name: 'cosmos_signature_not_base64', ...m, sig: bad, pub: alice.pub }, 'VALIDATION_FAILED',
      'signature contains characters outside the base64 alphabet', false);
  }
  {
    const m = msgFor(alice);
    const sig = await signWith(alice, m.address, m.message);
    const newNonce = nextNonce();
    const tampered = replaceOnce(m.message, `Nonce: ${m.nonce}`, `Nonce: ${newNonce}`);
    inv({ name: 'cosmos_message_tampered_after_signing', ...m, nonce: newNonce, message: tampered, sig, pub: alice.pub }, 'INVALID_SIGNATURE',
      'nonce line changed after alice signed', false);
  }
  {
    const m = msgFor(alice, 'secret', { domain: 'evil.example' });
    inv({ name: 'cosmos_wrong_domain', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub }, 'VALIDATION_FAILED',
      'domain is evil.example, not localhost:8080', true);
  }
  {
    const m = msgFor(alice, 'secret', { uri: 'https://evil.example/login' });
    inv({ name: 'cosmos_uri_other_origin', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub }, 'VALIDATION_FAILED',
      'URI https://evil.example/login is not of origin http://localhost:8080', true);
  }
  {
    const m = msgFor(alice, 'secret', { issuedAt: '2025-12-31T23:50:00Z', expirationTime: '2026-01-01T00:00:30Z' });
    inv({ name: 'cosmos_expired', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub }, 'VALIDATION_FAILED',
      'Expiration Time 2026-01-01T00:00:30Z is before now 2026-01-01T00:01:00Z', true);
  }
  {
    const m = msgFor(alice, 'secret', { notBefore: '2026-01-01T00:05:00Z' });
    inv({ name: 'cosmos_not_before_in_future', ...m, sig: await signWith(alice, m.address, m.message), pub: alice.pub }, 'VALIDATION_FAILED',
      'Not Before 2026-01-01T00:05:00Z is after now', true);
  }
  {
    // message names alice, wallet is bob (address/pubkey/sign-doc signer = bob, bob signed)
    const m = msgFor(alice);
    const bobAddr = bob.addr('secret');
    inv({ name: 'cosmos_message_address_not_wallet_address', ...m, address: bobAddr, sig: await signWith(bob, bobAddr, m.message), pub: bob.pub },
      'VALIDATION_FAILED', 'message address (alice) differs from wallet_address (bob); bob\'s signature over the sign doc with signer=bob verifies', true);
  }
  {
    const m = msgFor(alice);
    const msg = replaceOnce(m.message, 'sign in with your Cosmos account:', 'sign in with your Ethereum account:');
    inv({ name: 'cosmos_header_ethereum_account', ...m, message: msg, sig: await signWith(alice, m.address, msg), pub: alice.pub }, 'VALIDATION_FAILED',
      'header says "Ethereum account" instead of "Cosmos account"', true);
  }

  for (const v of valid) {
    assert.ok(await cosmosVerifies(v), 'valid cosmos vector does not verify: ' + v.name);
    assert.ok(['secret', 'cosmos'].includes(fromBech32(v.address, BECH32_LIMIT).prefix));
    assert.equal(fromBase64(v.signature).length, 64);
    assert.equal(fromBase64(v.public_key).length, 33);
    assert.ok(v.message.includes(`\n${v.address}\n`));
  }
  for (const v of invalid) {
    const ok = await cosmosVerifies(v);
    if (v.expected_code === 'INVALID_SIGNATURE') assert.ok(!ok, 'INVALID_SIGNATURE vector verifies: ' + v.name);
    if (v._sig === true) assert.ok(ok, 'VALIDATION_FAILED vector should carry a good signature: ' + v.name);
    if (v._sig === false) assert.ok(!ok, v.name);
  }
  // the <, >, & statement is base64'd inside the sign doc; escaping is applied by serializeSignDoc
  const ltgt = valid.find((v) => v.name === 'cosmos_secret_alice_statement_with_lt_gt_amp');
  assert.ok(ltgt.message.includes('<') && ltgt.message.includes('>') && ltgt.message.includes('&'));
  assert.equal(Buffer.from(serializeSignDoc({ x: '<>&' })).toString('utf8'), '{"x":"\\u003c\\u003e\\u0026"}');
  checkNames([...valid, ...invalid]);
  assert.ok(valid.length >= 4 && invalid.length >= 10);

  return {
    generator: GENERATOR,
    libraries: libraries(['@cosmjs/amino', '@cosmjs/crypto', '@cosmjs/encoding']),
    domain: DOMAIN,
    uri: URI,
    now: NOW,
    keys,
    valid,
    invalid: invalid.map(publicView),
  };
}

// ===========================================================================
// Solana (Sign-In with Solana)
// ===========================================================================
function solanaVerifies(v) {
  let pub;
  let sig;
  try {
    pub = bs58.decode(v.address);
    sig = bs58.decode(v.signature);
  } catch {
    return false;
  }
  if (pub.length !== 32 || sig.length !== 64) return false;
  return nacl.sign.detached.verify(new TextEncoder().encode(v.message), sig, pub);
}

async function generateSolana() {
  const labels = ['alice', 'bob'];
  const ks = {};
  const keys = [];
  for (const label of labels) {
    const seed = seed32(`solana/${label}`);
    const kp = nacl.sign.keyPair.fromSeed(seed);
    const address = bs58.encode(kp.publicKey);
    ks[label] = { kp, address };
    keys.push({ label, private_key_hex: toHex(seed), address, public_key_hex: toHex(kp.publicKey) });
  }
  const alice = ks.alice;
  const bob = ks.bob;
  const sign = (key, message) => bs58.encode(nacl.sign.detached(new TextEncoder().encode(message), key.kp.secretKey));
  const siws = (f) => createSignInMessageText(f);

  const valid = [];
  const addValid = async (name, key, fields) => {
    const nonce = nextNonce();
    const input = {
      domain: DOMAIN,
      address: key.address,
      uri: URI,
      version: '1',
      nonce,
      issuedAt: ISSUED_AT,
      expirationTime: EXPIRATION,
      ...fields,
    };
    const message = siws(input);
    const signature = sign(key, message);
    assertTimesValid(input);
    // reference-library round trip: parse + verifySignIn (noble ed25519 inside wallet-standard-util)
    const parsed = parseSignInMessageText(message);
    assert.ok(parsed, 'SIWS parser rejects ' + name);
    for (const k of Object.keys(input)) assert.deepEqual(parsed[k], input[k], `${name}: field ${k}`);
    const ok = verifySignIn(input, {
      account: { publicKey: key.kp.publicKey },
      signedMessage: new TextEncoder().encode(message),
      signature: bs58.decode(signature),
    });
    assert.ok(ok, 'verifySignIn failed for ' + name);
    valid.push({ name, address: key.address, message, signature, public_key: null, chain_id: input.chainId, nonce });
  };

  await addValid('solana_alice_mainnet_with_statement', alice, { chainId: 'mainnet', statement: STATEMENT });
  await addValid('solana_alice_devnet_without_statement', alice, { chainId: 'devnet' });
  await addValid('solana_alice_solana_mainnet_with_statement', alice, { chainId: 'solana:mainnet', statement: STATEMENT });
  await addValid('solana_alice_solana_devnet_all_optional_fields', alice, {
    chainId: 'solana:devnet',
    statement: STATEMENT,
    notBefore: NOT_BEFORE_PAST,
    requestId: 'req-0004',
    resources: RESOURCES,
  });
  await addValid('solana_alice_mainnet_resources', alice, { chainId: 'mainnet', statement: STATEMENT, resources: RESOURCES });
  await addValid('solana_bob_mainnet_with_statement', bob, { chainId: 'mainnet', statement: STATEMENT });

  // ---- invalid ----
  const invalid = [];
  const base = (address, fields = {}) => {
    const input = {
      domain: DOMAIN, address, statement: STATEMENT, uri: URI, version: '1', chainId: 'mainnet',
      nonce: nextNonce(), issuedAt: ISSUED_AT, expirationTime: EXPIRATION, ...fields,
    };
    return { input, message: siws(input) };
  };
  const inv = (v, expected_code, reason, sigOk) =>
    invalid.push({ public_key: null, ...v, expected_code, reason, _sig: sigOk });

  {
    const { input, message } = base(alice.address);
    inv({ name: 'solana_signed_by_other_key', address: alice.address, message, signature: sign(bob, message), chain_id: input.chainId, nonce: input.nonce },
      'INVALID_SIGNATURE', 'message names alice but bob signed', false);
  }
  {
    const { input, message } = base(alice.address);
    const sig = sign(alice, message);
    const newNonce = nextNonce();
    const tampered = replaceOnce(message, `Nonce: ${input.nonce}`, `Nonce: ${newNonce}`);
    inv({ name: 'solana_message_tampered_after_signing', address: alice.address, message: tampered, signature: sig, chain_id: input.chainId, nonce: newNonce },
      'INVALID_SIGNATURE', 'nonce line changed after alice signed', false);
  }
  const vf = (name, address, { input, message }, reason, signer = alice, sigOk = true) =>
    inv({ name, address, message, signature: sign(signer, message), chain_id: input.chainId, nonce: input.nonce }, 'VALIDATION_FAILED', reason, sigOk);

  vf('solana_wrong_domain', alice.address, base(alice.address, { domain: 'evil.example' }), 'domain is evil.example, not localhost:8080');
  vf('solana_uri_other_origin', alice.address, base(alice.address, { uri: 'https://evil.example/login' }), 'URI https://evil.example/login is not of origin http://localhost:8080');
  vf('solana_expired', alice.address, base(alice.address, { issuedAt: '2025-12-31T23:50:00Z', expirationTime: '2026-01-01T00:00:30Z' }),
    'Expiration Time 2026-01-01T00:00:30Z is before now 2026-01-01T00:01:00Z');
  vf('solana_not_before_in_future', alice.address, base(alice.address, { notBefore: '2026-01-01T00:05:00Z' }), 'Not Before 2026-01-01T00:05:00Z is after now');
  vf('solana_issued_at_in_future', alice.address, base(alice.address, { issuedAt: '2026-01-01T01:00:00Z', expirationTime: '2026-01-01T01:10:00Z' }),
    'Issued At 2026-01-01T01:00:00Z is more than 5 minutes after now');
  {
    // replace one character of alice's address with '0' (not in the base58 alphabet)
    const bad = '0' + alice.address.slice(1);
    assert.throws(() => bs58.decode(bad));
    vf('solana_address_not_base58', bad, base(bad), 'address contains "0", which is not in the base58 alphabet', alice, false);
  }
  {
    const bad = alice.address.slice(0, -1) + 'l';
    assert.throws(() => bs58.decode(bad));
    vf('solana_address_contains_lowercase_l', bad, base(bad), 'address contains "l", which is not in the base58 alphabet', alice, false);
  }
  {
    const short = bs58.encode(alice.kp.publicKey.slice(0, 31));
    assert.equal(bs58.decode(short).length, 31);
    vf('solana_address_31_bytes', short, base(short), 'address decodes to 31 bytes, an ed25519 public key has 32', alice, false);
  }
  {
    const b = base(alice.address);
    const sig = nacl.sign.detached(new TextEncoder().encode(b.message), alice.kp.secretKey);
    inv({ name: 'solana_signature_63_bytes', address: alice.address, message: b.message, signature: bs58.encode(sig.slice(0, 63)), chain_id: 'mainnet', nonce: b.input.nonce },
      'VALIDATION_FAILED', 'signature decodes to 63 bytes, 64 required', false);
  }
  {
    const b = base(alice.address);
    const sig = sign(alice, b.message);
    const bad = '0OIl' + sig.slice(4);
    assert.throws(() => bs58.decode(bad));
    inv({ name: 'solana_signature_invalid_base58', address: alice.address, message: b.message, signature: bad, chain_id: 'mainnet', nonce: b.input.nonce },
      'VALIDATION_FAILED', 'signature contains 0, O, I and l, which are not base58 characters', false);
  }
  vf('solana_chain_id_moonnet', alice.address, base(alice.address, { chainId: 'moonnet' }), 'chain id "moonnet" is not a Solana cluster');
  {
    const b = base(alice.address);
    const msg = replaceOnce(b.message, 'sign in with your Solana account:', 'sign in with your Ethereum account:');
    assert.equal(parseSignInMessageText(msg), null); // the SIWS reference parser rejects it
    vf('solana_header_ethereum_account', alice.address, { input: b.input, message: msg }, 'header says "Ethereum account" instead of "Solana account"');
  }
  vf('solana_message_address_not_wallet_address', bob.address, base(alice.address),
    'message address (alice) differs from wallet_address (bob); bob signed, so the signature verifies for bob', bob, true);
  {
    const b = base(alice.address);
    const msg = replaceOnce(b.message, `Nonce: ${b.input.nonce}`, 'Nonce: abc123');
    vf('solana_nonce_too_short', alice.address, { input: { ...b.input, nonce: 'abc123' }, message: msg }, 'nonce "abc123" is shorter than 8 characters');
  }

  for (const v of valid) assert.ok(solanaVerifies(v), 'valid solana vector does not verify: ' + v.name);
  for (const v of invalid) {
    const ok = solanaVerifies(v);
    if (v.expected_code === 'INVALID_SIGNATURE') assert.ok(!ok, 'INVALID_SIGNATURE vector verifies: ' + v.name);
    if (v._sig === true) assert.ok(ok, 'VALIDATION_FAILED vector should carry a good signature: ' + v.name);
    if (v._sig === false) assert.ok(!ok, v.name);
  }
  checkNames([...valid, ...invalid]);
  assert.ok(valid.length >= 5 && invalid.length >= 10);

  return {
    generator: GENERATOR,
    libraries: libraries(['tweetnacl', 'bs58', '@solana/wallet-standard-util']),
    domain: DOMAIN,
    uri: URI,
    now: NOW,
    keys,
    valid,
    invalid: invalid.map(publicView),
  };
}

// ===========================================================================
const evm = await generateEvm();
const cosmos = await generateCosmos();
const solana = await generateSolana();
writeJson('evm.json', evm);
writeJson('cosmos.json', cosmos);
writeJson('solana.json', solana);
for (const [file, o] of [['evm.json', evm], ['cosmos.json', cosmos], ['solana.json', solana]]) {
  const counts = {};
  for (const v of o.invalid) counts[v.expected_code] = (counts[v.expected_code] || 0) + 1;
  console.log(`${file}: ${o.valid.length} valid, ${o.invalid.length} invalid ${JSON.stringify(counts)}`);
}
console.log('all vectors re-verified with the reference libraries; written to src/test/resources/vectors/');
