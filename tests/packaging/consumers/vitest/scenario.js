// The packaging scenario run inside Vitest: the full API's check of a specimen number, a JWK set and
// a signed dump verified at the fixture time, and the numbers-only entry's check. Each test file
// records its summaries as JSON in $CNID_RESULTS/<name>.json for tests/packaging/runners.test.mjs,
// which asserts them (assertScenario); the expect()s fail the Vitest run itself on a wrong result.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import * as full from 'cnid-verify';
import * as numbers from 'cnid-verify/numbers';
import { summarise as shared } from './shared/summary.js';

const fixtures = process.env.CNID_FIXTURES;
const results = process.env.CNID_RESULTS;

/** The shared scenario (shared/summary.js, copied in by the packaging test) with this run's fixtures. */
function summarise(consumer, api, extra) {
  const fixtureFiles = api.TrustStore && {
    jwks: fs.readFileSync(path.join(fixtures, 'trust', 'test-jwks.json'), 'utf8'),
    dump: new Uint8Array(fs.readFileSync(path.join(fixtures, 'dumps', 'y-jwk.cose'))),
  };
  return { consumer, ...extra, ...shared(api, fixtureFiles) };
}

/** The environment as the test sees it (jsdom's user agent names its version), and the entry files. */
function environment() {
  return {
    environment:
      typeof window === 'undefined'
        ? { window: false }
        : { window: typeof document.createElement === 'function', userAgent: navigator.userAgent },
    // Vitest externalises node_modules: Node's own import (conditions node, import) loads them.
    entries: ['cnid-verify', 'cnid-verify/numbers'].map((s) => path.basename(new URL(import.meta.resolve(s)).pathname)),
  };
}

/** Declares the tests of one test file: `name` names the recorded summaries. */
export function scenarioTests(name) {
  const extra = environment();
  test('cnid-verify: number, trust store and signed dump', async () => {
    await full.init(); // resolves at once on the self-initialising entries
    const s = summarise(name, full, extra);
    fs.writeFileSync(path.join(results, `${name}.json`), JSON.stringify(s));
    expect(s.number).toEqual({ ok: true, kind: 'fpr18', normalized: '911124198108030024', nationality: 'CAN' });
    expect(s.trustAdded).toBe(3);
    expect(s.dump.ok && s.dump.verified).toBe(true);
  });
  test('cnid-verify/numbers: number', async () => {
    await numbers.init();
    const s = summarise(`${name}-numbers`, numbers, extra);
    fs.writeFileSync(path.join(results, `${name}-numbers.json`), JSON.stringify(s));
    expect(s.number.ok).toBe(true);
    expect(s.number.kind).toBe('fpr18');
  });
}
