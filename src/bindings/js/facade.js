// The public JS API over one wasm-bindgen output (shipped in the package as facade.js and, for the
// Node target, facade.cjs; every entry file calls makeApi, or makeNumbersApi for the numbers-only
// build, once with its generated module).
//
// Why a facade: wasm-bindgen's classes hand Rust a raw pointer read from `this.__wbg_ptr`, which
// any object can carry (a forged or freed store, or a store of ANOTHER module instance whose
// number happens to name a live store here). Here a TrustStore keeps its registry handle in a
// private class field: only objects this very class constructed carry it (`#handle in value` runs
// no caller code and never throws), so a store is recognised by identity and anything else,
// including a freed store, is INVALID_TRUST_STORE (raised by Rust for handle 0). Everything else
// passes straight through to the generated module.
//
// This file must keep to `export function` declarations: the package build rewrites it to
// CommonJS for the Node target (scripts/assemble-pkg.mjs).

/**
 * The initialisation of one entry. Self-initialising entries (Node, the browser root, bundler: no
 * `loader`) are ready when the import resolves and their init() resolves at once. Explicit-init
 * entries pass the generated module's loader: init()/initSync() are idempotent and, until one has
 * finished, every call throws a coded NOT_INITIALISED error instead of the generated module's
 * TypeError from an undefined `wasm`.
 */
function initialisation(loader) {
  if (!loader) return { init: async () => {}, guard: (fn) => fn };
  let ready = false;
  const notInitialised = () => {
    const err = new Error('cnid-verify: call (and await) init(), or initSync(), before the first call');
    err.code = 'NOT_INITIALISED';
    return err;
  };
  return {
    async init(input) {
      if (ready) return;
      await loader.init(input);
      ready = true;
    },
    initSync(input) {
      if (ready) return;
      loader.initSync(input);
      ready = true;
    },
    // Three parameters cover every API function (input, trust, options).
    guard: (fn) => (a, b, c) => {
      if (!ready) throw notInitialised();
      return fn(a, b, c);
    },
  };
}

/**
 * The init() of an inline entry: the web entry's init fed the carried .wasm (`wasmResponse()`, built
 * only when needed), idempotent. Asynchronous only: the carrier is gzip-compressed and
 * DecompressionStream has no synchronous form (for a synchronous start, the web entry's
 * initSync({ module: bytes }) with bytes loaded otherwise).
 */
export function inlineInit(initWeb, wasmResponse) {
  let loaded = false;
  return async function init() {
    if (loaded) return;
    await initWeb({ module_or_path: wasmResponse() });
    loaded = true;
  };
}

// The shapes the kinds accept, compact, either case, for an HTML `<input pattern>` (shape only: no
// check character, date or place). The one copy; a Rust test keeps it equal to the pattern derived
// from the kind rows (src/core/number/helpers.rs shape_pattern).
const NUMBER_PATTERN = '[0-9]{17}[0-9Xx]|[A-Za-z]{3}[0-9]{12}|[0-9]{15}|[A-Za-z][0-9]{8}|[A-Za-z][0-9]{10}';

/**
 * The number API, the same for both builds (numbers-only and full). isValidNumber(string) with no
 * options takes the string-typed export (no JsValue argument, a plain boolean back: the form-field
 * hot path); everything else, misuse included, goes through the general export and its coded errors.
 * `loader` ({ init, initSync } of the generated module) only for the explicit-init entries.
 */
export function makeNumbersApi(raw, loader, state = initialisation(loader)) {
  const { isValidNumber: general, isValidNumberString: fast } = raw;
  function isValidNumber(input, options) {
    // As an array callback (`list.filter(isValidNumber)`) the second argument is the index: a
    // number is never an options object, so it is read as "no options". A validation library's
    // context object (yup's TestContext) is recognised by the general export (bindings/number.rs).
    const opts = typeof options === 'number' ? undefined : options;
    return typeof input === 'string' && opts === undefined ? fast(input) : general(input, opts);
  }
  const api = {
    NUMBER_PATTERN,
    ageAt: state.guard(raw.ageAt),
    checkNumber: state.guard(raw.checkNumber),
    checkNumbers: state.guard(raw.checkNumbers),
    init: state.init,
    isValidNumber: state.guard(isValidNumber),
    maskNumber: state.guard(raw.maskNumber),
    rebuildFpr15: state.guard(raw.rebuildFpr15),
    upgradeResident15: state.guard(raw.upgradeResident15),
    version: state.guard(raw.version),
  };
  // Test data, in the full build only (the generate feature; the numbers-only build leaves it out).
  if (raw.generateNumber) api.generateNumber = state.guard(raw.generateNumber);
  if (loader) api.initSync = state.initSync;
  return api;
}

/**
 * The curve step of ES256 on node:crypto (OpenSSL), for the Node entry to install with the generated
 * module's setHostCurveEngine (src/bindings/host.rs). Rust calls it only for a well-formed signature
 * (64 bytes, r and s in [1, n-1]) and a validated P-256 key, and decides everything else itself.
 * `crypto` is node:crypto. Key objects are cached per key (creating one costs about a verification).
 */
export function nodeCurveEngine(crypto) {
  // The DER SubjectPublicKeyInfo prefix of an uncompressed P-256 point (id-ecPublicKey, prime256v1).
  const spkiPrefix = Uint8Array.of(
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
    0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
  );
  const keyOf = keyCache((sec1) => {
    const der = new Uint8Array(spkiPrefix.length + sec1.length);
    der.set(spkiPrefix);
    der.set(sec1, spkiPrefix.length);
    return crypto.createPublicKey({ key: der, format: 'der', type: 'spki' });
  });
  return (sec1, message, signature) =>
    crypto.verify('sha256', message, { key: keyOf(sec1), dsaEncoding: 'ieee-p1363' }, signature);
}

/**
 * A host key object per SEC1 point, made by `make` once (creating one costs about a verification),
 * bounded: a store holds at most a few thousand keys, and a miss only costs time. A rejected
 * promise is dropped, so a failed import is tried again.
 */
export function keyCache(make) {
  const maxKeys = 1024;
  const keys = new Map();
  return (sec1) => {
    const id = String.fromCharCode.apply(null, sec1);
    let key = keys.get(id);
    if (key === undefined) {
      if (keys.size >= maxKeys) keys.clear();
      key = make(sec1);
      keys.set(id, key);
      if (typeof key?.catch === 'function') key.catch(() => keys.delete(id));
    }
    return key;
  };
}

/**
 * The curve step of ES256 on WebCrypto: `(sec1Key, message, r‖s) => Promise<1 | 0 | 2>` (yes, no,
 * no answer: an error). Called, as nodeCurveEngine is, only for a well-formed, in-range signature
 * and a validated key.
 */
export function webCryptoCurveStep(subtle) {
  const keyOf = keyCache((sec1) =>
    subtle.importKey('raw', sec1, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']),
  );
  // Every failure, a synchronous throw included, is "no answer".
  return (sec1, message, signature) =>
    new Promise((resolve) => resolve(keyOf(sec1)))
      .then((key) => subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, message))
      .then(
        (valid) => (valid === true ? 1 : valid === false ? 0 : 2),
        () => 2,
      );
}

/**
 * verifyDumpsAsync on WebCrypto (`subtle`, or the crate's p256 where there is none): rounds of
 * src/bindings/dump.rs `verifyDumpsRound`. A round runs the core assuming "yes" for every curve step
 * it has no answer for and returns those questions; all of them are asked at once (in flight
 * together); a dump's report is kept when every answer it assumed was "yes", the others run again
 * with the answers. The last round (at most ROUNDS) asks nothing: the crate's p256 answers what
 * WebCrypto did not (an error is no answer). If a trust store changed while a round awaited
 * WebCrypto, the whole call runs once more, on the stores as they are now. Returns
 * `(list, handle, options, single) => Promise<report(s)>`.
 */
export function webCryptoVerifier(raw, subtle) {
  const ROUNDS = 3;
  const ask = subtle === undefined ? null : webCryptoCurveStep(subtle);
  return async function verify(list, handle, options, single) {
    const ids = [];
    const verdicts = [];
    const answers = () => {
      if (ids.length === 0) return [undefined, undefined];
      const packed = new Uint8Array(32 * ids.length);
      ids.forEach((id, i) => packed.set(id, 32 * i));
      return [packed, Uint8Array.from(verdicts)];
    };
    const round = (pending, last) => raw.verifyDumpsRound(list, handle, options, single, pending, ...answers(), last);
    const start = raw.trustStoreRevision();
    const out = [];
    let pending; // undefined: every dump
    for (let n = 1; ; n++) {
      const r = round(pending, n === ROUNDS || subtle === undefined);
      const got = r.questions.length === 0 ? [] : await Promise.all(r.questions.map((q) => ask(q.key, q.msg, q.sig)));
      r.questions.forEach((q, k) => {
        ids.push(q.id);
        verdicts.push(got[k]);
      });
      if (raw.trustStoreRevision() !== start) {
        // A store changed while WebCrypto answered: every report again, on the store as it is now.
        const all = round(undefined, true).reports;
        return single ? all[0] : all;
      }
      const again = [];
      r.reports.forEach((report, k) => {
        const i = pending === undefined ? k : pending[k];
        if (r.assumed[k].every((q) => got[q] === 1)) out[i] = report;
        else again.push(i);
      });
      if (again.length === 0) {
        raw.trustStoreSettle(handle, ...answers());
        return single ? out[0] : out;
      }
      pending = again;
    }
  };
}

/**
 * The own data property `name` of `options`, or undefined (not an object, absent, an accessor, or a
 * Proxy that throws): runs no getter, never throws.
 */
export function ownDataValue(options, name) {
  if (options === null || typeof options !== 'object') return undefined;
  try {
    const d = Object.getOwnPropertyDescriptor(options, name);
    return d !== undefined && 'value' in d ? d.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The full API: numbers, chip, trust stores and dumps (`loader` as for makeNumbersApi). `syncHost`:
 * the entry installed a synchronous host engine (Node: node:crypto), so the async calls run the
 * sync ones; otherwise they run on WebCrypto (webCryptoVerifier).
 */
export function makeApi(raw, loader, syncHost = false) {
  const state = initialisation(loader);
  let handleOf = null;
  const finalizer =
    typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((h) => raw.trustStoreFree(h)) : null;

  /** Trust material supplied by the app: JWK sets, X.509 anchors and revocation data. */
  class TrustStore {
    #handle;

    static {
      handleOf = (value) => (value !== null && typeof value === 'object' && #handle in value ? value.#handle : 0);
    }

    constructor() {
      this.#handle = state.guard(raw.trustStoreNew)();
      finalizer?.register(this, this.#handle, this);
    }

    addJwks(jwks, options) {
      return raw.trustStoreAddJwks(handleOf(this), jwks, options);
    }

    addCertificate(pemOrDer, options) {
      return raw.trustStoreAddCertificate(handleOf(this), pemOrDer, options);
    }

    revokeKid(kid, options) {
      return raw.trustStoreRevokeKid(handleOf(this), kid, options);
    }

    revokeSerial(issuerCertificate, serialHex, options) {
      return raw.trustStoreRevokeSerial(handleOf(this), issuerCertificate, serialHex, options);
    }

    revokeSerialAnyIssuer(serialHex, options) {
      return raw.trustStoreRevokeSerialAnyIssuer(handleOf(this), serialHex, options);
    }

    revokeCertificate(pemOrDer, options) {
      return raw.trustStoreRevokeCertificate(handleOf(this), pemOrDer, options);
    }

    addTrustList(bytes, options) {
      // The signers store by identity (its handle); Rust reads and checks the options themselves.
      return raw.trustStoreAddTrustList(handleOf(this), bytes, options, handleOf(ownDataValue(options, 'signers')));
    }

    get keyCount() {
      return raw.trustStoreInfo(handleOf(this), 'keyCount');
    }

    get anchorCount() {
      return raw.trustStoreInfo(handleOf(this), 'anchorCount');
    }

    kids() {
      return raw.trustStoreInfo(handleOf(this), 'kids');
    }

    anchors() {
      return raw.trustStoreInfo(handleOf(this), 'anchors');
    }

    revokedKids() {
      return raw.trustStoreInfo(handleOf(this), 'revokedKids');
    }

    revokedSerials() {
      return raw.trustStoreInfo(handleOf(this), 'revokedSerials');
    }

    revokedKeys() {
      return raw.trustStoreInfo(handleOf(this), 'revokedKeys');
    }

    /** Releases the store; later calls with it throw INVALID_TRUST_STORE. Idempotent. */
    free() {
      const h = handleOf(this);
      if (h === 0) return;
      this.#handle = 0;
      finalizer?.unregister(this);
      raw.trustStoreFree(h);
    }
  }
  if (typeof Symbol.dispose === 'symbol') {
    Object.defineProperty(TrustStore.prototype, Symbol.dispose, {
      value: TrustStore.prototype.free,
      writable: true,
      configurable: true,
    });
  }

  // The async calls: the sync ones where the host engine is synchronous, else WebCrypto's rounds
  // (the page's crypto.subtle when first called; none, e.g. an insecure context: the crate's p256).
  let webCrypto = null;
  const verifyAsync = (input, trust, options, single) => {
    if (syncHost) {
      const handle = handleOf(trust);
      return single ? raw.verifyDumpWith(input, handle, options) : raw.verifyDumpsWith(input, handle, options);
    }
    webCrypto ??= webCryptoVerifier(raw, globalThis.crypto?.subtle);
    return webCrypto(input, handleOf(trust), options, single);
  };
  const verifyOneAsync = state.guard((bytes, trust, options) => verifyAsync(bytes, trust, options, true));
  const verifyManyAsync = state.guard((list, trust, options) => verifyAsync(list, trust, options, false));

  return {
    ...makeNumbersApi(raw, loader, state),
    TrustStore,
    parseChipText: state.guard(raw.parseChipText),
    verifyDump: state.guard((bytes, trust, options) => raw.verifyDumpWith(bytes, handleOf(trust), options)),
    verifyDumps: state.guard((list, trust, options) => raw.verifyDumpsWith(list, handleOf(trust), options)),
    verifyDumpAsync: async (bytes, trust, options) => verifyOneAsync(bytes, trust, options),
    verifyDumpsAsync: async (list, trust, options) => verifyManyAsync(list, trust, options),
  };
}
