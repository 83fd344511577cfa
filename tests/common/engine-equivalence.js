// The WebCrypto engine against the built-in p256, the same in Node (tests/node/webcrypto.test.mjs)
// and in Chromium (tests/e2e/webcrypto.test.mjs): plain ES module, no Node or DOM API. Cases are
// portable (hex strings, text trust material: they cross into a page as JSON), made by
// tests/common/engine-cases.mjs.

const fromHex = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));

/** A report as comparable JSON: byte fields as arrays, `signature.engine` left out. */
export function sansEngine(r) {
  return JSON.stringify({ ...r, signature: r.signature === null ? null : 'ran' }, (k, v) =>
    v instanceof Uint8Array ? [...v] : v,
  );
}

function store(cnid, trust) {
  const s = new cnid.TrustStore();
  for (const t of trust.jwks) s.addJwks(t);
  for (const t of trust.certificates) s.addCertificate(t);
  for (const kid of trust.revokedKids) s.revokeKid(kid);
  for (const r of trust.revokedSerials) s.revokeSerial(r.issuer, r.serialHex);
  return s;
}

function options(o) {
  const out = { at: o.at * 1000 };
  if (o.maxAgeSeconds !== undefined) out.maxAgeSeconds = o.maxAgeSeconds;
  if (o.expectedNonceHex) out.expectedNonce = fromHex(o.expectedNonceHex);
  if (o.externalAadHex) out.externalAad = fromHex(o.externalAadHex);
  return out;
}

/**
 * Every group of cases (one trust store and options, many dumps) through verifyDumpsAsync in one
 * call and every dump through verifyDumpAsync, each report compared with the built-in p256's
 * (`engine: 'wasm'`). Returns { problems: string[], dumps, engines: { engine: count } }.
 */
export async function compareEngines(cnid, groups) {
  const problems = [];
  const engines = {};
  let dumps = 0;
  for (const g of groups) {
    const s = store(cnid, g.trust);
    const o = options(g.options);
    const list = g.dumps.map((d) => fromHex(d.hex));
    const reference = list.map((b) => cnid.verifyDump(b, s, { ...o, engine: 'wasm' }));
    const batch = await cnid.verifyDumpsAsync(list, s, o);
    const one = await Promise.all(list.map((b) => cnid.verifyDumpAsync(b, s, o)));
    if (batch.length !== list.length) problems.push(`${g.label}: ${batch.length} reports for ${list.length} dumps`);
    list.forEach((_, i) => {
      const label = `${g.label}: ${g.dumps[i].label}`;
      const want = sansEngine(reference[i]);
      if (sansEngine(batch[i]) !== want) problems.push(`${label}: verifyDumpsAsync differs`);
      if (sansEngine(one[i]) !== want) problems.push(`${label}: verifyDumpAsync differs`);
      const engine = batch[i].signature?.engine ?? 'none';
      engines[engine] = (engines[engine] ?? 0) + 1;
      if (reference[i].signature !== null && reference[i].signature.engine !== 'wasm') problems.push(`${label}: reference engine`);
      if ((reference[i].signature === null) !== (batch[i].signature === null)) problems.push(`${label}: signature ran on one path only`);
      dumps++;
    });
    s.free();
  }
  return { problems, dumps, engines };
}

/**
 * Wycheproof's ECDSA P-256 SHA-256 P1363 vectors on `curveStep` ((sec1, msg, sig) => Promise<1|0|2>,
 * facade.js webCryptoCurveStep) after the rules the core applies first (64 bytes, r and s in
 * [1, n−1]: the engine never sees anything else). Returns { problems, counts }.
 */
export async function wycheproof(curveStep, set) {
  const N = fromHex('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
  const below = (x) => {
    for (let i = 0; i < 32; i++) if (x[i] !== N[i]) return x[i] < N[i];
    return false;
  };
  const inRange = (x) => x.some((b) => b !== 0) && below(x);
  const problems = [];
  const counts = { valid: 0, invalid: 0, decidedByTheRules: 0, asked: 0 };
  const asked = [];
  for (const group of set.testGroups) {
    const key = fromHex(group.publicKey.uncompressed);
    for (const t of group.tests) {
      const sig = fromHex(t.sig);
      if (t.result === 'acceptable') problems.push(`tcId ${t.tcId}: an acceptable vector (new in this Wycheproof version)`);
      counts[t.result] = (counts[t.result] ?? 0) + 1;
      if (sig.length !== 64 || !inRange(sig.subarray(0, 32)) || !inRange(sig.subarray(32))) {
        if (t.result !== 'invalid') problems.push(`tcId ${t.tcId} (${t.comment}) would be rejected by the rules`);
        counts.decidedByTheRules++;
        continue;
      }
      asked.push(curveStep(key, fromHex(t.msg), sig).then((v) => [t, v]));
    }
  }
  for (const [t, v] of await Promise.all(asked)) {
    counts.asked++;
    if (v !== (t.result === 'valid' ? 1 : 0)) problems.push(`tcId ${t.tcId} (${t.comment}): answered ${v}`);
  }
  return { problems, counts };
}
