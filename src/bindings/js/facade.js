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
 * The number API, the same for both builds (numbers-only and full). isValidNumber(string) with no
 * options takes the string-typed export (no JsValue argument, a plain boolean back: the form-field
 * hot path); everything else, misuse included, goes through the general export and its coded errors.
 */
export function makeNumbersApi(raw) {
  const { isValidNumber: general, isValidNumberString: fast } = raw;
  function isValidNumber(input, options) {
    return typeof input === 'string' && options === undefined ? fast(input) : general(input, options);
  }
  return {
    checkNumber: raw.checkNumber,
    checkNumbers: raw.checkNumbers,
    isValidNumber,
    version: raw.version,
  };
}

/** The full API: numbers, chip, trust stores and dumps. */
export function makeApi(raw) {
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
      this.#handle = raw.trustStoreNew();
      finalizer?.register(this, this.#handle, this);
    }

    addJwks(jwks) {
      return raw.trustStoreAddJwks(handleOf(this), jwks);
    }

    addCertificate(pemOrDer) {
      return raw.trustStoreAddCertificate(handleOf(this), pemOrDer);
    }

    revokeKid(kid) {
      return raw.trustStoreRevokeKid(handleOf(this), kid);
    }

    revokeSerial(issuerCertificate, serialHex) {
      return raw.trustStoreRevokeSerial(handleOf(this), issuerCertificate, serialHex);
    }

    revokeSerialAnyIssuer(serialHex) {
      return raw.trustStoreRevokeSerialAnyIssuer(handleOf(this), serialHex);
    }

    revokeCertificate(pemOrDer) {
      return raw.trustStoreRevokeCertificate(handleOf(this), pemOrDer);
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

  return {
    ...makeNumbersApi(raw),
    TrustStore,
    parseChipText: raw.parseChipText,
    verifyDump: (bytes, trust, options) => raw.verifyDumpWith(bytes, handleOf(trust), options),
    verifyDumps: (list, trust, options) => raw.verifyDumpsWith(list, handleOf(trust), options),
  };
}
