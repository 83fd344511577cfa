// JS half of the number-report boundary (a wasm-bindgen snippet, shipped inside the package).
//
// Rust validates; this file only turns its compact output into plain objects. Building the
// objects here with fixed literal shapes is several times faster than serialising JSON in wasm
// and parsing it again, and it lets a batch cross the boundary as one string plus one Uint32Array.
//
// Every name table (kinds, error and warning codes, provinces, countries) comes from Rust through
// setTables(), so the codes and names have one source: src/core. The word layout written by
// src/bindings/number.rs (encode_report) is:
//
//   flags   bit 0 ok | bits 1-3 kind index (0 = null) | bit 4 input echoed verbatim
//           | bit 5 normalized === input | bit 6 has info | bits 7-8 sex (0 null, 1 male, 2 female)
//           | bit 9 birth century inferred | bits 10-11 region (0 null, 1 HK, 2 MO, 3 TW)
//           | bit 12 has birth date | bit 13 has check digit
//           | bits 16-23 error count | bits 24-31 warning count
//   [len]   UTF-16 length of the echoed input in `text`, when bit 4 is clear
//   [len]   UTF-16 length of the normalized string in `text`, when bit 5 is clear
//   [info]  4 words when bit 6 is set: birth (year << 9 | month << 5 | day), province code
//           (0 = null), nationality numeric + 1 (0 = null), check digit (expected | actual << 8)
//   errors  2 words each: code index, message length in `text`
//   warnings 2 words each: code index, message length in `text`
//
// This file must keep to `export function` declarations and top-level `let`/`const`: the package
// build rewrites it to CommonJS for the Node target (scripts/assemble-pkg.mjs).

let T = null;

const SEX = [null, 'male', 'female'];
const REGION = [null, 'HK', 'MO', 'TW'];
const PAD2 = [];
for (let i = 0; i < 100; i++) PAD2.push(i < 10 ? '0' + i : String(i));

// Allocation matters more than anything else here: building a batch of reports is dominated by the
// garbage collector. So the objects that come from a table (province, nationality, check digit) are
// created once, frozen and shared by every report that refers to them (the TypeScript types mark
// their fields readonly), and birth-date strings are cached.
const CHECK_CHARS = '0123456789X';
const CHECK_DIGITS = new Map();
for (const e of CHECK_CHARS) {
  for (const a of CHECK_CHARS) {
    CHECK_DIGITS.set(e.charCodeAt(0) | (a.charCodeAt(0) << 8), Object.freeze({ expected: e, actual: a }));
  }
}
const BIRTH_DATES = new Map();
const BIRTH_DATE_CACHE_MAX = 60000;

/** Receives the name tables from Rust once (JSON text). */
export function setTables(json) {
  const t = JSON.parse(json);
  const provinces = [];
  for (const p of t.provinces) {
    const code = p.code < 10 ? '0' + p.code : String(p.code);
    provinces[p.code] = Object.freeze({ code, nameZh: p.nameZh, nameEn: p.nameEn });
  }
  const countries = [];
  for (const c of t.countries) {
    countries[c.numericValue] = Object.freeze({ alpha3: c.alpha3, numeric: c.numeric, nameEn: c.nameEn, nameZh: c.nameZh });
  }
  T = { kinds: t.kinds, errors: t.errors, warnings: t.warnings, provinces, countries };
}

const IS_ARRAY = Array.isArray;
const WELL_FORMED = String.prototype.toWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lone surrogates as U+FFFD, as TextEncoder (and so a single checkNumber) would see them. */
function wellFormed(s) {
  return WELL_FORMED !== undefined ? WELL_FORMED.call(s) : s.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Joins a batch for one crossing. Returns [joined, lengths (Uint32Array, UTF-16 units), snapshot]:
 * each element is read exactly once (a getter cannot show the validator one value and the report
 * another), lone surrogates become U+FFFD per element before joining (so the join cannot pair a
 * lone high surrogate with the next element's lone low one), and the lengths live in a JS array
 * (a getter that grows wasm memory cannot detach them). Never throws: a failure is a string
 * "CODE message" (INVALID_ARGUMENT or INPUT_TOO_LARGE).
 */
export function joinInputs(inputs, maxCount, maxTotal) {
  try {
    if (!IS_ARRAY(inputs)) return 'INVALID_ARGUMENT inputs must be an array of strings';
    const n = inputs.length;
    if (!(n <= maxCount)) return `INPUT_TOO_LARGE at most ${maxCount} numbers per call`;
    let i = 0;
    let failure = null;
    let total = 0;
    const lens = new Uint32Array(n);
    // Array.from defines own data properties (no Array.prototype setter can intervene).
    const snapshot = Array.from({ length: n }, () => {
      if (failure !== null) return '';
      let s;
      try {
        s = inputs[i];
      } catch {
        failure = `INVALID_ARGUMENT inputs[${i}] could not be read: its getter threw`;
        return '';
      }
      if (typeof s !== 'string') {
        const got = s === null ? 'null' : IS_ARRAY(s) ? 'array' : typeof s;
        failure = `INVALID_ARGUMENT inputs[${i}] must be a string, got ${got}`;
        return '';
      }
      total += s.length;
      if (total > maxTotal) failure = `INPUT_TOO_LARGE the batch holds more than ${maxTotal} UTF-16 code units in all`;
      lens[i++] = s.length;
      return s;
    });
    if (failure !== null) return failure;
    const parts = snapshot.map(wellFormed);
    return [parts.join(''), lens, snapshot];
  } catch {
    return 'INVALID_ARGUMENT inputs could not be read (a revoked Proxy?)';
  }
}

/** Builds the report array of a batch, in input order. */
export function buildReports(inputs, words, text) {
  const cur = { w: 0, t: 0 };
  // Array.from defines own data properties: a polluted Array.prototype setter cannot intervene.
  return Array.from(inputs, (input) => readReport(input, words, text, cur));
}

/** Builds one report. */
export function buildReport(input, words, text) {
  return readReport(input, words, text, { w: 0, t: 0 });
}

function take(text, cur, len) {
  const s = text.slice(cur.t, cur.t + len);
  cur.t += len;
  return s;
}

function issues(names, count, words, text, cur) {
  if (count === 0) return [];
  return Array.from({ length: count }, () => {
    const code = names[words[cur.w]];
    const message = take(text, cur, words[cur.w + 1]);
    cur.w += 2;
    return { code, message };
  });
}

function birthDate(word) {
  let s = BIRTH_DATES.get(word);
  if (s === undefined) {
    const y = word >>> 9;
    const yyyy = y >= 1000 ? String(y) : String(y).padStart(4, '0');
    s = `${yyyy}-${PAD2[(word >>> 5) & 15]}-${PAD2[word & 31]}`;
    if (BIRTH_DATES.size >= BIRTH_DATE_CACHE_MAX) BIRTH_DATES.clear();
    BIRTH_DATES.set(word, s);
  }
  return s;
}

function checkDigit(word) {
  return (
    CHECK_DIGITS.get(word) ??
    Object.freeze({ expected: String.fromCharCode(word & 255), actual: String.fromCharCode((word >>> 8) & 255) })
  );
}

function readReport(input, words, text, cur) {
  const f = words[cur.w++];
  const echoed = f & 16 ? input : take(text, cur, words[cur.w++]);
  const normalized = f & 32 ? input : take(text, cur, words[cur.w++]);
  let info = null;
  if (f & 64) {
    const birth = words[cur.w];
    const prov = words[cur.w + 1];
    const nat = words[cur.w + 2];
    const cd = words[cur.w + 3];
    cur.w += 4;
    info = {
      birthDate: f & 4096 ? birthDate(birth) : null,
      birthCenturyInferred: (f & 512) !== 0,
      sex: SEX[(f >>> 7) & 3],
      province: prov === 0 ? null : T.provinces[prov] ?? null,
      nationality: nat === 0 ? null : T.countries[nat - 1] ?? null,
      region: REGION[(f >>> 10) & 3],
      checkDigit: f & 8192 ? checkDigit(cd) : null,
    };
  }
  const errors = issues(T.errors, (f >>> 16) & 255, words, text, cur);
  const warnings = issues(T.warnings, f >>> 24, words, text, cur);
  return {
    input: echoed,
    ok: (f & 1) === 1,
    kind: T.kinds[(f >>> 1) & 7],
    normalized,
    errors,
    warnings,
    info,
  };
}
