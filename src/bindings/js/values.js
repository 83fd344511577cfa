// JS half of the value tape (a wasm-bindgen snippet, shipped inside the package): builds the plain
// objects of a dump report or a trust result from the tape src/bindings/tape.rs writes (the layout
// is documented there). One pass, no JSON text: the words, numbers and bytes are views on wasm
// memory (nothing allocates in wasm while this runs, so they stay valid) and the strings are
// slices of one text.
//
// Keys are kept for the module instance's lifetime (tape.rs sends each field name once, with its
// index). Members are assigned (`o[k] = v`, ~13× faster than defining them): a plain data property
// unless Object.prototype has the key, so a key Object.prototype has when the key is first seen
// (`__proto__`, `constructor`, or one a polluted prototype added) is defined instead, never handed
// to a setter. That check runs once per key, not per member (it was a third of the time), and again
// for every key whenever Object.prototype's own keys have changed since (a prototype polluted
// after a key was first seen: compared per call, ~13 keys).

// This file must keep to `export function` declarations and top-level `let`/`const`: the package
// build rewrites it to CommonJS for the Node target (scripts/assemble-pkg.mjs).

const OBJECT_PROTO = Object.prototype;
const DEFINE = Object.defineProperty;
const OWN_KEYS = Reflect.ownKeys;

// The tape being read (set for one buildValue call; no caller code runs meanwhile).
let W = null;
let N = null;
let T = '';
let B = null;
let w = 0;
let n = 0;
let t = 0;
let b = 0;
// The key table (tape.rs: tags 9-11), and per key whether it must be defined.
const KEYS = [];
const DEFINED = [];
// Object.prototype's own keys when DEFINED was last computed.
let protoKeys = OWN_KEYS(OBJECT_PROTO);

/** Recomputes DEFINED if Object.prototype gained, lost or swapped an own key. */
function checkPrototype() {
  const now = OWN_KEYS(OBJECT_PROTO);
  let same = now.length === protoKeys.length;
  for (let i = 0; same && i < now.length; i++) same = now[i] === protoKeys[i];
  if (same) return;
  protoKeys = now;
  for (let i = 0; i < KEYS.length; i++) if (KEYS[i] !== undefined) DEFINED[i] = KEYS[i] in OBJECT_PROTO;
}

function take(len) {
  const s = T.slice(t, t + len);
  t += len;
  return s;
}

/** Sets the object member whose key is next on the tape to the item after it. */
function member(o) {
  const x = W[w++];
  const p = x >>> 4;
  let k;
  let define;
  if ((x & 15) === 9) {
    k = KEYS[p];
    define = DEFINED[p];
    if (k === undefined) throw new Error('cnid-verify: bad tape (unknown key)');
  } else if ((x & 15) === 10 || (x & 15) === 11) {
    k = take(p);
    define = k in OBJECT_PROTO;
    if ((x & 15) === 10) {
      const i = W[w++];
      KEYS[i] = k;
      DEFINED[i] = define;
    }
  } else {
    throw new Error('cnid-verify: bad tape (key expected)');
  }
  const v = item();
  if (define) DEFINE(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  else o[k] = v;
}

function item() {
  const x = W[w++];
  const p = x >>> 4;
  switch (x & 15) {
    case 0:
      return null;
    case 1:
      return false;
    case 2:
      return true;
    case 3:
      return p;
    case 4:
      return N[n++];
    case 5:
      return take(p);
    case 6: {
      const a = [];
      for (let i = 0; i < p; i++) a.push(item());
      return a;
    }
    case 7: {
      const o = {};
      for (let i = 0; i < p; i++) member(o);
      return o;
    }
    case 8: {
      const u = B.slice(b, b + p);
      b += p;
      return u;
    }
    default:
      throw new Error('cnid-verify: bad tape (item expected)');
  }
}

/** The value on a tape. Throws (to the `catch` import, an INTERNAL error) on a malformed tape. */
export function buildValue(words, nums, text, bytes) {
  W = words;
  N = nums;
  T = text;
  B = bytes;
  w = n = t = b = 0;
  try {
    checkPrototype();
    const v = item();
    if (w !== W.length || n !== N.length || t !== T.length || b !== B.length) {
      throw new Error('cnid-verify: bad tape (not all read)');
    }
    return v;
  } finally {
    W = N = B = null;
    T = '';
  }
}
