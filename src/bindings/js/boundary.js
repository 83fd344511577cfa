// Reads JS argument values for the Rust bindings (a wasm-bindgen snippet, shipped in the package).
//
// A JS exception must never unwind through wasm frames: that skips restoring wasm-bindgen's shadow
// stack pointer, and after a few thousand such calls every later call fails with "memory access out
// of bounds". Hostile or odd arguments (a revoked Proxy, a detached ArrayBuffer,
// Object.create(Uint8Array.prototype), Object.create(Date.prototype), a getter that throws) make
// ordinary property reads and prototype methods throw. So every read of a caller's value happens
// here, inside try/catch, and these functions NEVER throw: a failure comes back as a string (a
// reason the Rust side turns into a coded error); success values are never strings. The Rust
// imports are `catch` as well, as a second line of defence.
//
// Brand checks use intrinsics captured when this module loads (not the caller's possibly patched
// prototypes): %TypedArray%.prototype[@@toStringTag] is 'Uint8Array' only for real Uint8Arrays
// (Node's Buffer included), never for a Proxy or an object that merely inherits the prototype.
//
// This file must keep to `export function` declarations and top-level `let`/`const`: the package
// build rewrites it to CommonJS for the Node target (scripts/assemble-pkg.mjs).

const TYPED_ARRAY_PROTO = Object.getPrototypeOf(Uint8Array.prototype);
const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
const TA_TAG = getter(TYPED_ARRAY_PROTO, Symbol.toStringTag);
const TA_LENGTH = getter(TYPED_ARRAY_PROTO, 'length');
const TA_BUFFER = getter(TYPED_ARRAY_PROTO, 'buffer');
const TA_OFFSET = getter(TYPED_ARRAY_PROTO, 'byteOffset');
const AB_LENGTH = getter(ArrayBuffer.prototype, 'byteLength');
const DATE_GET_TIME = Date.prototype.getTime;
const IS_ARRAY = Array.isArray;
const OWN_KEYS = Reflect.ownKeys;
const OWN_DESCRIPTOR = Reflect.getOwnPropertyDescriptor;
const APPLY = Reflect.apply;
const STRINGIFY = JSON.stringify;
const ALLOWED = new Map();

function call(fn, self) {
  return APPLY(fn, self, []);
}

function arrayBufferLength(value) {
  try {
    return call(AB_LENGTH, value);
  } catch {
    return -1; // not an ArrayBuffer
  }
}

/** A buffer reports length 0 once it is detached (transferred); only a view on it then throws. */
function isDetached(buffer) {
  try {
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/**
 * At most `limit + 1` bytes of a Uint8Array (or ArrayBuffer), so that an oversized input is detected
 * without copying it all: the Uint8Array itself when it is short enough (it passed the brand check,
 * and nothing runs caller code before Rust copies it), else a fresh prefix copy; for an ArrayBuffer,
 * a view on it. Failure: 'TYPE' (neither), 'DETACHED', 'UNREADABLE'.
 */
export function copyBytes(value, limit) {
  try {
    if (value !== null && typeof value === 'object' && call(TA_TAG, value) === 'Uint8Array') {
      const len = call(TA_LENGTH, value);
      const buffer = call(TA_BUFFER, value);
      if (len === 0 && isDetached(buffer)) return 'DETACHED';
      if (len <= limit + 1) return value;
      const out = new Uint8Array(limit + 1);
      out.set(new Uint8Array(buffer, call(TA_OFFSET, value), limit + 1));
      return out;
    }
    const abLen = value !== null && typeof value === 'object' ? arrayBufferLength(value) : -1;
    if (abLen < 0) return 'TYPE';
    if (abLen === 0 && isDetached(value)) return 'DETACHED';
    return new Uint8Array(value, 0, Math.min(abLen, limit + 1));
  } catch {
    return 'UNREADABLE';
  }
}

/** Epoch milliseconds of a number or a real Date (NaN for an invalid Date). Failure: 'TYPE'. */
export function timeMillis(value) {
  if (typeof value === 'number') return value;
  try {
    if (value !== null && typeof value === 'object') return call(DATE_GET_TIME, value);
  } catch {
    // Object.create(Date.prototype) and the like: not a Date.
  }
  return 'TYPE';
}

/**
 * A snapshot of a real array's elements (each element read once, so a getter cannot hand the
 * validator one value and the report another). Failure: 'TYPE', 'TOO_MANY', 'ELEMENT <i>',
 * 'UNREADABLE'.
 */
export function snapshotArray(value, max) {
  try {
    if (!IS_ARRAY(value)) return 'TYPE';
    const n = value.length;
    if (!(n <= max)) return 'TOO_MANY';
    // Array.from defines own data properties (no Array.prototype setter can intervene).
    let i = 0;
    try {
      return Array.from({ length: n }, () => value[i++]);
    } catch {
      return `ELEMENT ${i - 1}`;
    }
  } catch {
    return 'UNREADABLE';
  }
}

function allowedList(allowed) {
  let list = ALLOWED.get(allowed);
  if (list === undefined) {
    list = allowed.split(',');
    ALLOWED.set(allowed, list);
  }
  return list;
}

/** See ownOptions. Reads descriptors only (runs no getter); may throw (a revoked Proxy). */
function isForeignContext(options, names) {
  let hasFunction = false;
  for (const key of OWN_KEYS(options)) {
    if (typeof key !== 'string') continue;
    const d = OWN_DESCRIPTOR(options, key);
    if (d === undefined || !d.enumerable) continue;
    if (names.includes(key)) return false;
    if ('value' in d && typeof d.value === 'function') hasFunction = true;
  }
  return hasFunction;
}

/**
 * The birth date of a number report (an object from checkNumber/checkNumbers), read from own data
 * properties only: `[birthDate]` for a report with `ok: true`, `[null]` for one with `ok: false`.
 * Failure: 'TYPE' (not shaped like a report), 'UNREADABLE'.
 */
export function reportBirthDate(report) {
  try {
    if (report === null || typeof report !== 'object' || IS_ARRAY(report)) return 'TYPE';
    const own = (o, key) => {
      const d = OWN_DESCRIPTOR(o, key);
      return d !== undefined && 'value' in d ? d.value : undefined;
    };
    const ok = own(report, 'ok');
    if (ok === false) return [null];
    const info = own(report, 'info');
    if (ok !== true || info === null || typeof info !== 'object') return 'TYPE';
    const birthDate = own(info, 'birthDate');
    return typeof birthDate === 'string' ? [birthDate] : 'TYPE';
  } catch {
    return 'UNREADABLE';
  }
}

function shownKey(key) {
  return STRINGIFY(key.length > 64 ? key.slice(0, 64) + '…' : key);
}

/**
 * The options a caller passed, as a null-prototype object of their OWN enumerable string-keyed
 * properties: a polluted Object.prototype cannot add or change an option. `undefined`/`null` mean
 * no options (returns null). `allowed` is a comma-separated list of option names; an unknown name
 * is an error, so a misspelt security option cannot silently do nothing. A getter that throws is
 * an error. With `strictUndefined`, an option present with the value undefined is an error (a
 * security option set from a missing value must not turn a check off); without it, it is absent.
 * With `foreignContext` (a predicate's second argument), an object none of whose own enumerable
 * names is an option and which has a function-valued own data property is a validation library's
 * context (yup calls `test(value, context)`, and its context carries createError and resolve) and
 * means no options (returns null): options never hold functions, and an object with an option name
 * is still checked in full, so a misspelt option among real ones is still an error.
 * Failure: a reason the Rust side words in the caller's language (boundary.rs, read_options),
 * tab-separated from its details (JSON text never holds a raw tab): 'NOT_OBJECT',
 * 'UNKNOWN\t<name>\t<allowed, comma-separated>', 'GETTER\t<name>', 'UNDEFINED\t<name>' (the name
 * as JSON, cut to 64 characters), 'UNREADABLE'. (Joining the allowed list here saves the wasm a
 * string splitter.)
 */
export function ownOptions(options, allowed, strictUndefined, foreignContext) {
  if (options === undefined || options === null) return null;
  try {
    if (typeof options !== 'object' || IS_ARRAY(options)) return 'NOT_OBJECT';
    const names = allowedList(allowed);
    if (foreignContext && isForeignContext(options, names)) return null;
    const out = Object.create(null);
    for (const key of OWN_KEYS(options)) {
      if (typeof key !== 'string') continue;
      const d = OWN_DESCRIPTOR(options, key);
      if (d === undefined || !d.enumerable) continue;
      if (!names.includes(key)) return `UNKNOWN\t${shownKey(key)}\t${names.join(', ')}`;
      let v;
      if ('value' in d) {
        v = d.value;
      } else {
        try {
          v = d.get === undefined ? undefined : call(d.get, options);
        } catch {
          return `GETTER\t${shownKey(key)}`;
        }
      }
      if (v === undefined) {
        if (strictUndefined) return `UNDEFINED\t${shownKey(key)}`;
        continue;
      }
      out[key] = v;
    }
    return out;
  } catch {
    return 'UNREADABLE';
  }
}

/**
 * The `locale` of a call's options, best effort, for the language of an error thrown by the call:
 * the value of an own data property `locale` when it is a string, else ''. Reads a descriptor only
 * (runs no getter) and never throws, so it can be asked after any failure, including one while
 * reading the options themselves (boundary.rs, `localized`).
 */
export function ownLocale(options) {
  try {
    if (options === null || typeof options !== 'object') return '';
    const d = OWN_DESCRIPTOR(options, 'locale');
    return d !== undefined && typeof d.value === 'string' ? d.value : '';
  } catch {
    return '';
  }
}
