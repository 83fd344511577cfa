'use strict';
// One thread of `cnid-verify/pool` (pool.cjs): its own wasm instance and TrustStore. Messages:
// { op: 'trust', call, args }: a TrustStore call the pool's reference store already accepted;
//   answered only when it fails here (the pool then fails closed);
// { op: 'verify', start, items, options }: verifyDumps of a chunk, answered { reports } or { error }.
const { parentPort } = require('node:worker_threads');
const cnid = require('./node.cjs');

const TRUST_CALLS = new Set(['addJwks', 'addCertificate', 'revokeKid', 'revokeSerial', 'revokeSerialAnyIssuer', 'revokeCertificate']);
const store = new cnid.TrustStore();
const BYTE_FIELDS = ['nonce', 'chipSerial', 'photo', 'fingerprint'];

function plainError(e, start) {
  const code = e && typeof e.code === 'string' ? e.code : 'INTERNAL';
  let message = String(e && e.message !== undefined ? e.message : e);
  // The chunk's verifyDumps names items by their index in the chunk: name them as in the caller's list.
  if (start > 0) message = message.replace(/^list\[(\d+)\]/, (_, i) => `list[${start + Number(i)}]`);
  return { code, message, name: e && e.name === 'TypeError' ? 'TypeError' : 'Error' };
}

parentPort.on('message', (m) => {
  if (m.op === 'trust') {
    try {
      if (!TRUST_CALLS.has(m.call)) throw new Error(`unknown trust call ${m.call}`);
      store[m.call](...m.args);
    } catch (e) {
      parentPort.postMessage({ op: 'trust', error: plainError(e, 0) });
    }
    return;
  }
  let reply;
  const transfer = new Set();
  try {
    reply = { op: 'verify', reports: cnid.verifyDumps(m.items, store, m.options) };
    // Byte fields are moved, not copied: each is a Uint8Array over a buffer of its own.
    for (const r of reply.reports) {
      for (const k of BYTE_FIELDS) {
        const v = r[k];
        if (v instanceof Uint8Array && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) transfer.add(v.buffer);
      }
    }
  } catch (e) {
    reply = { op: 'verify', error: plainError(e, m.start) };
  }
  parentPort.postMessage(reply, [...transfer]);
});
