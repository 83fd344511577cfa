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
//           | bit 12 has birth date | bit 13 has check digit | bit 14 has issue count
//           | bits 16-23 error count | bits 24-31 warning count
//   [len]   UTF-16 length of the echoed input in `text`, when bit 4 is clear
//   [len]   UTF-16 length of the normalized string in `text`, when bit 5 is clear
//   [info]  4 words when bit 6 is set: birth (year << 9 | month << 5 | day), province code
//           (0 = null), nationality numeric + 1 (0 = null), check digit (expected | actual << 8)
//   [count] 1 word when bit 14 is set: the issue count of an older pass number (0-99)
//   errors  each: code index, message length in `text`, then its params (below)
//   warnings each: code index, message length in `text`, then its params
//   params  per parameter of the code (names: the `EP`/`WP` tables, in order), a tag word and
//           its value: 0 null | 1 int, 1 word | 2 string, its length in `text` | 3 false | 4 true
//           | 5 ints: count, then the values | 6 strings: count, then their lengths
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

/**
 * Receives the name tables from Rust once, as lines (src/bindings/number.rs, tables_text):
 * `K|kind,…`, `E|code,…`, `W|code,…`, `EP|names|names…` and `WP|…` (each code's parameter names,
 * comma-separated, in code order), `P|code|nameZh|nameEn`, `C|numeric|alpha3|nameEn|nameZh`.
 */
export function setTables(text) {
  const provinces = [];
  const countries = [];
  let kinds = [null];
  let errors = [];
  let warnings = [];
  let errorParams = [];
  let warningParams = [];
  const names = (groups) => groups.map((g) => (g === '' ? [] : g.split(',')));
  for (const line of text.split('\n')) {
    const f = line.split('|');
    switch (f[0]) {
      case 'K':
        kinds = [null, ...f[1].split(',')];
        break;
      case 'E':
        errors = f[1].split(',');
        break;
      case 'W':
        warnings = f[1].split(',');
        break;
      case 'EP':
        errorParams = names(f.slice(1));
        break;
      case 'WP':
        warningParams = names(f.slice(1));
        break;
      case 'P': {
        const code = Number(f[1]);
        provinces[code] = Object.freeze({ code: code < 10 ? '0' + code : String(code), nameZh: f[2], nameEn: f[3] });
        break;
      }
      case 'C': {
        const n = Number(f[1]);
        countries[n] = Object.freeze({ alpha3: f[2], numeric: String(n).padStart(3, '0'), nameEn: f[3], nameZh: f[4] });
        break;
      }
    }
  }
  T = { kinds, errors, warnings, errorParams, warningParams, provinces, countries };
}

const IS_ARRAY = Array.isArray;
const IS_WELL_FORMED = String.prototype.isWellFormed;
const WELL_FORMED = String.prototype.toWellFormed;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

function isWellFormed(s) {
  return IS_WELL_FORMED !== undefined ? IS_WELL_FORMED.call(s) : !HAS_LONE_SURROGATE.test(s);
}

/** Lone surrogates as U+FFFD, as TextEncoder (and so a single checkNumber) would see them. */
function wellFormed(s) {
  return WELL_FORMED !== undefined ? WELL_FORMED.call(s) : s.replace(LONE_SURROGATE, '\uFFFD');
}

// The batch between joinInputs and buildReports (both run within one checkNumbers call, with only
// Rust in between: no caller code can run there, and a re-entrant checkNumbers from an element
// getter completes inside joinInputs, before this is set).
let batch = null;

/**
 * Joins a batch for one crossing. Returns [joined, lengths (Uint32Array, UTF-16 units)]. Each
 * element is read exactly once: the reports echo slices of `joined`, the very text that was
 * validated, so a getter cannot show the validator one value and the report another. Lone
 * surrogates become U+FFFD per element before joining (so the join cannot pair a lone high
 * surrogate with the next element's lone low one, and a batch equals single calls). The lengths
 * live in a JS array (a getter that grows wasm memory cannot detach them). Never throws: a
 * failure is a string, a reason the Rust side words in the caller's language (number.rs,
 * join_inputs), tab-separated from its details: 'TYPE', 'TOO_MANY', 'TOO_LONG',
 * 'ELEMENT\t<i>' (its getter threw), 'NOT_STRING\t<i>\t<type>', 'UNREADABLE'.
 */
export function joinInputs(inputs, maxCount, maxTotal) {
  batch = null;
  try {
    if (!IS_ARRAY(inputs)) return 'TYPE';
    const n = inputs.length;
    if (!(n <= maxCount)) return 'TOO_MANY';
    const lens = new Uint32Array(n);
    let total = 0;
    let joined = '';
    for (let i = 0; i < n; i++) {
      let s;
      try {
        s = inputs[i];
      } catch {
        return `ELEMENT\t${i}`;
      }
      if (typeof s !== 'string') {
        const got = s === null ? 'null' : IS_ARRAY(s) ? 'array' : typeof s;
        return `NOT_STRING\t${i}\t${got}`;
      }
      total += s.length;
      if (total > maxTotal) return 'TOO_LONG';
      lens[i] = s.length;
      joined += isWellFormed(s) ? s : wellFormed(s);
    }
    batch = { joined, lens };
    return [joined, lens];
  } catch {
    return 'UNREADABLE';
  }
}

/** Builds the report array of the batch joinInputs prepared, in input order. */
export function buildReports(words, text) {
  const { joined, lens } = batch;
  batch = null;
  const n = lens.length;
  const out = new Array(n);
  const cur = { w: 0, t: 0 };
  let at = 0;
  for (let i = 0; i < n; i++) {
    const end = at + lens[i];
    out[i] = readReport(joined.slice(at, end), words, text, cur);
    at = end;
  }
  return out;
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

function issues(names, paramNames, count, words, text, cur) {
  const list = [];
  for (let k = 0; k < count; k++) {
    const index = words[cur.w];
    const message = take(text, cur, words[cur.w + 1]);
    cur.w += 2;
    list.push({ code: names[index], message, params: params(paramNames[index], words, text, cur) });
  }
  return list;
}

function params(names, words, text, cur) {
  const out = {};
  for (const name of names) {
    const tag = words[cur.w++];
    let v = null;
    if (tag === 1) v = words[cur.w++];
    else if (tag === 2) v = take(text, cur, words[cur.w++]);
    else if (tag === 3 || tag === 4) v = tag === 4;
    else if (tag === 5 || tag === 6) {
      const n = words[cur.w++];
      v = new Array(n);
      for (let i = 0; i < n; i++) v[i] = tag === 5 ? words[cur.w++] : take(text, cur, words[cur.w++]);
    }
    out[name] = v;
  }
  return out;
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
    const count = f & 16384 ? PAD2[words[cur.w++]] ?? null : null;
    info = {
      birthDate: f & 4096 ? birthDate(birth) : null,
      birthCenturyInferred: (f & 512) !== 0,
      sex: SEX[(f >>> 7) & 3],
      province: prov === 0 ? null : T.provinces[prov] ?? null,
      nationality: nat === 0 ? null : T.countries[nat - 1] ?? null,
      region: REGION[(f >>> 10) & 3],
      checkDigit: f & 8192 ? checkDigit(cd) : null,
      issueCount: count,
    };
  }
  const errors = issues(T.errors, T.errorParams, (f >>> 16) & 255, words, text, cur);
  const warnings = issues(T.warnings, T.warningParams, f >>> 24, words, text, cur);
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
