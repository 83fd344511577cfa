// cnid-verify demo page. Everything runs here, in the browser: the package's browser entry
// (WebAssembly) checks numbers and verifies dumps; the only requests are for this page's own files
// (the package, and the sample fixtures when a sample button is pressed). The Content-Security-Policy
// in index.html forbids connections anywhere else.
//
// Served by scripts/serve.mjs: / = www/, /pkg/ = the built package, /fixtures/ = tests/fixtures/.
// '../pkg/browser.js' also resolves when the repository root itself is served (/www/ -> /pkg/).
// Card data is untrusted input: it is only ever inserted with textContent, never as HTML.

const PKG_ENTRY = '../pkg/browser.js';
const FIXTURE_BASES = ['../fixtures/', '../tests/fixtures/'];
const FIXTURE_AT_SECONDS = 1780272060; // readAt + 60 s of every fixture dump (2026-06-01T00:01:00Z)
const SAMPLE_TRUST = ['trust/test-jwks.json', 'trust/test-root.pem'];

const $ = (id) => document.getElementById(id);

/** Builds an element: h('p', { class: 'x', dataset: { a: 1 } }, 'text', child, ...). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'testid') el.dataset.testid = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
/** Chinese text followed by its English version (marked lang="en"). */
function bi(zh, en) {
  const frag = document.createDocumentFragment();
  frag.append(h('span', { lang: 'zh-CN' }, zh), ' ', h('span', { class: 'en', lang: 'en' }, en));
  return frag;
}

// --- labels -------------------------------------------------------------------------------------
const KIND = {
  fpr18: ['外国人永久居留身份证（18 位，2023 版）', 'Foreign permanent resident ID card (18 characters, 2023)'],
  fpr15: ['外国人永久居留身份证（15 位，2017 版）', 'Foreign permanent resident ID card (15 characters, 2017)'],
  resident18: ['居民身份证（18 位）', 'Resident identity card (18 characters)'],
  resident15: ['居民身份证（15 位旧号码）', 'Resident identity card (legacy 15 digits)'],
  hmt18: ['港澳台居民居住证（18 位）', 'Residence permit for Hong Kong, Macao and Taiwan residents (18)'],
  hkmo_pass: ['港澳居民来往内地通行证', 'Mainland Travel Permit for Hong Kong and Macao residents'],
  tw_pass: ['台湾居民来往大陆通行证', 'Mainland Travel Permit for Taiwan residents'],
};
const ERROR_LABEL = {
  EMPTY: ['未输入', 'empty'],
  LENGTH: ['长度不对', 'length'],
  CHARACTER: ['非法字符', 'character'],
  FORMAT: ['格式不对', 'format'],
  CHECK_DIGIT: ['校验码不符', 'check digit'],
  BIRTH_DATE: ['出生日期无效', 'birth date'],
  REGION: ['地区码无效', 'region code'],
  NATIONALITY: ['国籍代码无效', 'nationality code'],
  KIND_NOT_ALLOWED: ['不接受此类证件', 'kind not accepted'],
};
const WARNING_LABEL = {
  CHECK_DIGIT: ['校验码不符', 'check digit'],
  BIRTH_CENTURY_INFERRED: ['出生世纪为推断', 'birth century inferred'],
  LEGACY_NUMBER: ['旧号码', 'legacy number'],
  NATIONALITY_UNUSUAL: ['国籍少见', 'unusual nationality'],
  NO_CHECK_CHARACTER: ['无校验码', 'no check character'],
  OLD_PASS_FORMAT: ['旧版通行证号码', 'older pass number'],
};
const SEX = {
  male: ['男', 'male'],
  female: ['女', 'female'],
  unknown: ['未知', 'unknown'],
  notStated: ['未说明', 'not stated'],
};
const REGION = { HK: ['香港', 'Hong Kong'], MO: ['澳门', 'Macao'], TW: ['台湾', 'Taiwan'] };
const CHECK_LABEL = {
  ENVELOPE: ['封装', 'envelope'],
  PAYLOAD: ['载荷', 'payload'],
  ALGORITHM: ['算法', 'algorithm'],
  SIGNER: ['签名者', 'signer'],
  REVOCATION: ['吊销', 'revocation'],
  SIGNATURE: ['签名', 'signature'],
  FRESHNESS: ['时效', 'freshness'],
  NONCE: ['随机数', 'nonce'],
  CARD_LAYOUT: ['卡片版式', 'card layout'],
  CARD_NUMBER: ['卡号', 'card number'],
  CARD_CONSISTENCY: ['字段一致性', 'field consistency'],
  CARD_VALIDITY: ['有效期', 'validity period'],
};
const STATUS = {
  passed: ['✓', '通过', 'passed'],
  failed: ['✗', '失败', 'failed'],
  skipped: ['–', '跳过', 'skipped'],
};
const LAYOUT = {
  mainland: ['居民身份证', 'resident identity card'],
  fpr2017: ['外国人永久居留身份证（2017 版）', 'foreign permanent resident ID (2017)'],
  fpr2023: ['外国人永久居留身份证（2023 版）', 'foreign permanent resident ID (2023)'],
  hmt: ['港澳台居民居住证', 'HK/Macao/Taiwan residence permit'],
};

// --- state --------------------------------------------------------------------------------------
let cnid = null;
/** The page's language: the library's messages come in it, and labels of the other one are hidden. */
let locale = 'en';
/** The dump to verify: { name, bytes, sample }. */
let dump = null;
/** Trust files: { name, kind: 'jwks' | 'cert', content: string | Uint8Array, testOnly, summary, error }. */
let trustFiles = [];

// --- helpers ------------------------------------------------------------------------------------
const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
function parseHex(text) {
  const clean = text.replace(/[\s:]/g, '');
  if (clean === '') return { bytes: null };
  if (!/^([0-9a-fA-F]{2})+$/.test(clean)) return { error: true };
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return { bytes: out };
}
const pad = (n) => String(n).padStart(2, '0');
/** A Date as the value of a datetime-local input (local time, with seconds). */
function toLocalInput(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
function isoUtc(date) {
  return date.toISOString().replace('.000Z', 'Z');
}
function errorText(err) {
  if (err && typeof err === 'object') return `${err.code ? err.code + ': ' : ''}${err.message ?? String(err)}`;
  return String(err);
}
/** A definition list from [label, value] rows, skipping null values. */
function dl(rows, attrs = {}) {
  const list = h('dl', { class: 'kv', ...attrs });
  for (const [label, value, key] of rows) {
    if (value === null || value === undefined || value === '') continue;
    list.append(h('div', { class: 'kv-row', dataset: key ? { field: key } : {} }, h('dt', {}, label), h('dd', {}, value)));
  }
  return list;
}

// --- number checker -----------------------------------------------------------------------------
function renderNumber() {
  const out = $('number-result');
  const input = $('number-input').value;
  out.replaceChildren();
  if (!cnid) return;
  if (input.trim() === '') {
    out.append(h('p', { class: 'muted placeholder', testid: 'number-empty' }, bi('输入号码或点击示例，结果显示在这里。', 'Type a number or press a sample: the result appears here.')));
    delete $('number-input').dataset.ok;
    $('number-input').removeAttribute('aria-invalid');
    return;
  }
  let report;
  try {
    report = cnid.checkNumber(input, { strict: $('number-strict').checked, locale });
  } catch (err) {
    out.append(h('p', { class: 'error-box', testid: 'number-exception' }, errorText(err)));
    return;
  }
  $('number-input').dataset.ok = String(report.ok);
  $('number-input').setAttribute('aria-invalid', String(!report.ok));
  out.append(numberReportView(report, 'number'));
}

/** The view of a NumberReport (also used for the chip number of a dump). */
function numberReportView(report, prefix) {
  const wrap = h('div', { class: 'number-report', testid: `${prefix}-report` });
  wrap.append(
    h(
      'p',
      {
        class: `verdict ${report.ok ? 'good' : 'bad'}`,
        testid: `${prefix}-verdict`,
        dataset: { ok: String(report.ok), kind: report.kind ?? '' },
      },
      h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, report.ok ? '✓' : '✗'),
      report.ok ? bi('号码有效', 'Valid number') : bi('号码无效', 'Invalid number'),
    ),
  );
  const kind = report.kind
    ? h('span', {}, bi(...KIND[report.kind]), ' ', h('code', { testid: `${prefix}-kind` }, report.kind))
    : bi('无法识别', 'not recognised');
  const issues = [];
  for (const e of report.errors) issues.push(['error', e, ERROR_LABEL[e.code]]);
  for (const w of report.warnings) issues.push(['warning', w, WARNING_LABEL[w.code]]);
  wrap.append(
    dl([
      [bi('类型', 'Kind'), kind],
      [bi('规范化号码', 'Normalised'), h('code', { testid: `${prefix}-normalized` }, report.normalized)],
    ]),
  );
  if (issues.length) {
    const ul = h('ul', { class: 'issues', testid: `${prefix}-issues` });
    for (const [severity, issue, label] of issues) {
      ul.append(
        h(
          'li',
          { class: `issue ${severity}`, dataset: { code: issue.code, severity } },
          h('span', { class: 'badge' }, severity === 'error' ? bi('错误', 'error') : bi('警告', 'warning')),
          ' ',
          h('code', {}, issue.code),
          label ? [' ', h('span', { class: 'issue-label' }, bi(...label))] : null,
          h('span', { class: 'issue-message', lang: locale }, issue.message),
        ),
      );
    }
    wrap.append(ul);
  }
  const info = report.info;
  if (info) {
    const birth = info.birthDate
      ? h(
          'span',
          {},
          h('span', { dataset: { value: info.birthDate } }, info.birthDate),
          info.birthCenturyInferred
            ? h('span', { class: 'note', testid: `${prefix}-century-note` }, ' ', bi('（世纪为推断：号码只存两位年份）', '(century inferred: the number stores a two-digit year)'))
            : null,
        )
      : null;
    const province = info.province
      ? h('span', {}, info.province.nameZh, ' ', h('span', { lang: 'en' }, info.province.nameEn), ' ', h('code', {}, info.province.code))
      : null;
    const nationality = info.nationality
      ? h(
          'span',
          {},
          info.nationality.nameZh,
          ' ',
          h('span', { lang: 'en' }, info.nationality.nameEn),
          ' ',
          h('code', {}, `${info.nationality.alpha3} / ${info.nationality.numeric}`),
        )
      : null;
    const check = info.checkDigit
      ? h('span', {}, bi('应为', 'expected'), ' ', h('code', {}, info.checkDigit.expected), '，', bi('实际', 'actual'), ' ', h('code', {}, info.checkDigit.actual))
      : null;
    wrap.append(
      h('h3', { class: 'sub' }, bi('号码中的信息', 'Information in the number')),
      dl(
        [
          [bi('出生日期', 'Birth date'), birth, 'birthDate'],
          [bi('性别', 'Sex'), info.sex ? bi(...SEX[info.sex]) : null, 'sex'],
          [bi('省份', 'Province'), province, 'province'],
          [bi('国籍', 'Nationality'), nationality, 'nationality'],
          [bi('地区', 'Region'), info.region ? [bi(...REGION[info.region]), ' ', h('code', {}, info.region)] : null, 'region'],
          [bi('校验码', 'Check character'), check, 'checkDigit'],
          [bi('签发次数', 'Issue count'), info.issueCount, 'issueCount'],
        ],
        { testid: `${prefix}-info` },
      ),
    );
  }
  return wrap;
}

function setupNumberSamples() {
  const samples = [
    ['911124198108030024', '永居证 2023', 'FPR 18 (2023)'],
    ['KAZ110090123105', '永居证 2017', 'FPR 15 (2017)'],
    ['11010519491231002X', '居民身份证', 'resident 18'],
    ['810000199001011230', '港澳台居住证', 'HK/MO/TW permit'],
    ['110105199002300028', '无效：2 月 30 日', 'invalid: 30 Feb'],
  ];
  const box = $('number-samples');
  for (const [number, zh, en] of samples) {
    const b = h('button', { type: 'button', class: 'sample', dataset: { number }, testid: `number-sample-${number}` }, h('code', {}, number), ' ', bi(zh, en));
    b.addEventListener('click', () => {
      $('number-input').value = number;
      renderNumber();
      $('number-input').focus();
    });
    box.append(b);
  }
}

// --- trust files --------------------------------------------------------------------------------
function classifyTrust(name, bytes) {
  const lower = name.toLowerCase();
  const text = () => new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (lower.endsWith('.json') || lower.endsWith('.jwks')) return { kind: 'jwks', content: text() };
  if (lower.endsWith('.pem') || lower.endsWith('.crt')) return { kind: 'cert', content: text() };
  if (lower.endsWith('.der') || lower.endsWith('.cer')) {
    const t = text();
    return t.includes('-----BEGIN') ? { kind: 'cert', content: t } : { kind: 'cert', content: bytes };
  }
  const t = text().trimStart();
  if (t.startsWith('{')) return { kind: 'jwks', content: t };
  if (t.includes('-----BEGIN')) return { kind: 'cert', content: t };
  return { kind: 'cert', content: bytes };
}

/** Adds one trust file to a store; returns { summary, warnings, testOnly }. Throws a CnidError. */
function addTrust(store, file) {
  if (file.kind === 'jwks') {
    const before = store.kids();
    const res = store.addJwks(file.content, { locale });
    const kids = store.kids().filter((k) => !before.includes(k));
    return {
      summary: bi(`JWK 集：${res.added} 个密钥`, `JWK set: ${res.added} key(s)`),
      detail: kids.join(', '),
      warnings: res.warnings,
      testOnly: kids.some((k) => /^test-/i.test(k)),
    };
  }
  const before = store.anchorCount;
  const n = store.addCertificate(file.content, { locale });
  const anchors = store.anchors().slice(before);
  return {
    summary: bi(`证书：${n} 个`, `certificate(s): ${n}`),
    detail: anchors.map((a) => a.subject).join('; '),
    warnings: [],
    testOnly: anchors.some((a) => /\bTEST\b|not for production/i.test(a.subject)),
  };
}

/** Checks a file in a throw-away store, so that the list can show what it holds (or why not). */
function inspectTrust(file) {
  const store = new cnid.TrustStore();
  try {
    Object.assign(file, addTrust(store, file), { error: null });
  } catch (err) {
    file.error = errorText(err);
  } finally {
    store.free();
  }
  return file;
}

function renderTrustList() {
  const ul = $('trust-list');
  ul.replaceChildren();
  if (trustFiles.length === 0) {
    ul.append(h('li', { class: 'muted' }, bi('尚未加载信任锚：签名无法被验证。', 'No trust loaded yet: no signature can be verified.')));
  }
  trustFiles.forEach((file, index) => {
    const remove = h('button', { type: 'button', class: 'small', 'aria-label': `移除 Remove ${file.name}` }, bi('移除', 'Remove'));
    remove.addEventListener('click', () => {
      trustFiles.splice(index, 1);
      renderTrustList();
      verifyIfReady();
    });
    ul.append(
      h(
        'li',
        { class: file.error ? 'trust-item invalid' : 'trust-item', dataset: { name: file.name, kind: file.kind } },
        h('strong', {}, file.name),
        ' — ',
        file.error ? h('span', { class: 'error-text' }, errorText(file.error)) : file.summary,
        file.detail ? h('span', { class: 'trust-detail' }, file.detail) : null,
        file.warnings?.length ? h('ul', { class: 'trust-warnings' }, file.warnings.map((w) => h('li', {}, h('code', {}, w.code), ' ', h('span', { lang: locale }, w.message)))) : null,
        remove,
      ),
    );
  });
  $('test-trust-warning').hidden = !trustFiles.some((f) => f.testOnly);
}

function addTrustFile(name, bytes, { testOnly = false } = {}) {
  const file = { name, ...classifyTrust(name, bytes) };
  inspectTrust(file);
  file.testOnly = file.testOnly || testOnly;
  // Loading the same file name again replaces it.
  trustFiles = trustFiles.filter((f) => f.name !== name);
  trustFiles.push(file);
}

// --- dump verification --------------------------------------------------------------------------
function readOptions() {
  const options = {};
  const problems = [];
  const nonce = parseHex($('nonce').value);
  $('nonce').setAttribute('aria-invalid', String(Boolean(nonce.error)));
  $('nonce-msg').replaceChildren(nonce.error ? bi('十六进制字节，例如 0011aabb', 'hex bytes, e.g. 0011aabb') : '');
  if (nonce.error) problems.push(bi('随机数不是十六进制', 'the nonce is not hex'));
  else if (nonce.bytes) options.expectedNonce = nonce.bytes;

  const atValue = $('at').value;
  const at = atValue ? new Date(atValue) : new Date();
  if (Number.isNaN(at.getTime())) problems.push(bi('验证时间无效', 'invalid verification time'));
  else options.at = at;
  $('at-utc').replaceChildren();
  if (!Number.isNaN(at.getTime())) {
    append($('at-utc'), [atValue ? '' : bi('现在：', 'now: '), h('code', { testid: 'at-iso' }, isoUtc(at))]);
  }

  const maxAge = $('max-age').value.trim();
  if (maxAge === '') options.maxAgeSeconds = null;
  else if (/^\d+$/.test(maxAge)) options.maxAgeSeconds = Number(maxAge);
  else problems.push(bi('最长时效必须是秒数', 'the maximum age must be a number of seconds'));
  return { options, problems };
}

function verifyIfReady() {
  if (dump) verify();
}

function verify() {
  const out = $('dump-result');
  out.replaceChildren();
  if (!cnid) return;
  if (!dump) {
    out.append(h('p', { class: 'muted', testid: 'dump-missing' }, bi('请先选择签名数据文件。', 'Choose a signed dump first.')));
    return;
  }
  const { options, problems } = readOptions();
  if (problems.length) {
    out.append(h('div', { class: 'error-box', testid: 'dump-error' }, problems.map((p) => h('p', {}, p))));
    return;
  }
  const store = new cnid.TrustStore();
  let report;
  try {
    for (const file of trustFiles) {
      if (file.error) continue;
      addTrust(store, file);
    }
    report = cnid.verifyDump(dump.bytes, store, { ...options, locale });
  } catch (err) {
    out.append(h('div', { class: 'error-box', testid: 'dump-error', dataset: { code: err?.code ?? '' } }, bi('无法验证', 'Cannot verify'), ': ', errorText(err)));
    return;
  } finally {
    store.free();
  }
  out.append(dumpReportView(report, options));
}

/** On narrow screens the result is below the form: bring it into view (no-op when visible). */
function revealResult() {
  const first = $('dump-result').firstElementChild;
  if (first && typeof first.scrollIntoView === 'function') first.scrollIntoView({ block: 'nearest' });
}

function dumpReportView(report, options) {
  const wrap = h('div', { class: 'dump-report' });
  const failed = report.checks.filter((c) => c.status === 'failed').map((c) => c.id);
  wrap.append(
    h(
      'div',
      {
        class: `big-verdict ${report.ok ? 'good' : 'bad'}`,
        testid: 'dump-verdict',
        dataset: { verdict: report.ok ? 'accepted' : 'rejected', verified: String(report.verified), failed: failed.join(' ') },
        role: 'status',
      },
      h('span', { class: 'verdict-icon', 'aria-hidden': 'true' }, report.ok ? '✓' : '✗'),
      h(
        'span',
        { class: 'verdict-text' },
        report.ok ? bi('通过', 'ACCEPTED') : bi('拒绝', 'REJECTED'),
        h(
          'small',
          {},
          report.verified
            ? bi('签名已由受信任、未吊销的密钥验证。', 'The signature was verified by a trusted, unrevoked key.')
            : bi('签名未通过验证。', 'The signature was not verified.'),
          failed.length ? [' ', bi('失败的检查：', 'Failed checks:'), ' ', h('code', { testid: 'failed-checks' }, failed.join(', '))] : null,
        ),
      ),
    ),
  );
  wrap.append(
    h('p', { class: 'muted' }, bi('验证时间', 'Verification time'), ' ', h('code', {}, isoUtc(options.at))),
  );

  const tbody = h('tbody');
  for (const check of report.checks) {
    const [icon, zh, en] = STATUS[check.status] ?? ['?', check.status, check.status];
    tbody.append(
      h(
        'tr',
        { class: `check ${check.status}`, testid: 'check-row', dataset: { checkId: check.id, status: check.status } },
        h('th', { scope: 'row' }, h('code', {}, check.id), h('span', { class: 'check-label' }, bi(...(CHECK_LABEL[check.id] ?? [check.id, check.id])))),
        h('td', { class: 'status' }, h('span', { class: `status-pill ${check.status}` }, h('span', { 'aria-hidden': 'true' }, icon), ' ', bi(zh, en))),
        h(
          'td',
          { class: 'message', lang: locale },
          check.status === 'failed' ? [h('code', { class: 'reason', testid: 'check-reason' }, check.reason), ' '] : null,
          check.message,
        ),
      ),
    );
  }
  wrap.append(
    h('h3', { class: 'sub' }, bi('检查项', 'Checks')),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'checks', testid: 'checks' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('检查', 'Check')), h('th', { scope: 'col' }, bi('状态', 'Status')), h('th', { scope: 'col' }, bi('说明', 'Message')))),
        tbody,
      ),
    ),
  );

  if (report.warnings.length) {
    wrap.append(
      h('h3', { class: 'sub' }, bi('警告', 'Warnings')),
      h('ul', { class: 'issues', testid: 'dump-warnings' }, report.warnings.map((w) => h('li', { class: 'issue warning', dataset: { code: w.code } }, h('code', {}, w.code), ' ', h('span', { lang: locale }, w.message)))),
    );
  }

  if (report.card) wrap.append(cardView(report.card));
  wrap.append(metaView(report));
  if (report.signer) wrap.append(signerView(report.signer));
  return wrap;
}

function cardView(card) {
  const section = h('section', { class: 'sub-section', testid: 'card', dataset: { verified: String(card.verified) } });
  section.append(h('h3', { class: 'sub' }, bi('卡片字段', 'Card fields')));
  if (!card.verified) {
    section.append(
      h('p', { class: 'warn-box', testid: 'card-unverified', role: 'note' }, h('strong', {}, bi('⚠ 未验证：', '⚠ Not verified:')), ' ', bi('签名未通过验证，以下字段不可信。', 'the signature did not verify; do not trust these fields.')),
    );
  }
  const nat = card.numberReport?.info?.nationality;
  const nationality = card.nationality
    ? [h('code', {}, card.nationality), nat && nat.alpha3 === card.nationality ? [' ', nat.nameZh, ' ', h('span', { lang: 'en' }, nat.nameEn)] : null]
    : null;
  const valid = card.validUntil === null ? [card.validFrom, ' – ', bi('长期', 'no expiry')] : `${card.validFrom} – ${card.validUntil}`;
  section.append(
    dl(
      [
        [bi('版式', 'Layout'), [LAYOUT[card.layout] ? bi(...LAYOUT[card.layout]) : null, ' ', h('code', {}, card.layout)], 'layout'],
        [bi('号码', 'Number'), [h('code', {}, card.number), ' ', card.numberReport ? (card.numberReport.ok ? bi('（有效）', '(valid)') : bi('（无效）', '(invalid)')) : null], 'number'],
        [bi('姓名', 'Name'), card.name, 'name'],
        [bi('英文姓名', 'English name'), card.englishName, 'englishName'],
        [bi('性别', 'Sex'), SEX[card.sex] ? [bi(...SEX[card.sex]), ' ', h('code', {}, card.sexCode)] : card.sexCode, 'sex'],
        [bi('出生日期', 'Birth date'), card.birthDate, 'birthDate'],
        [bi('有效期', 'Valid'), valid, 'validity'],
        [bi('国籍', 'Nationality'), nationality, 'nationality'],
        [bi('民族代码', 'Ethnicity code'), card.ethnicityCode, 'ethnicityCode'],
        [bi('住址', 'Address'), card.address, 'address'],
        [bi('签发机关', 'Issuing authority'), card.issuingAuthority, 'issuingAuthority'],
        [bi('证件版本', 'Card version'), card.cardVersion, 'cardVersion'],
        [bi('受理机关代码', 'Authority code'), card.authorityCode, 'authorityCode'],
        [bi('通行证号码', 'Pass number'), card.passNumber, 'passNumber'],
        [bi('签发次数', 'Issue count'), card.issueCount, 'issueCount'],
        [bi('换证次数', 'Renewal count'), card.renewalCount, 'renewalCount'],
        [bi('关联项', 'Association item'), card.associationItem, 'associationItem'],
        [bi('旧号码', 'Old number'), card.oldNumber ? [h('code', {}, card.oldNumber), card.oldNumberRebuilt ? [' ', bi('（由关联项重建）', '(rebuilt from the association item)')] : null] : null, 'oldNumber'],
      ],
      { testid: 'card-fields' },
    ),
  );
  if (card.numberReport && !card.numberReport.ok) section.append(numberReportView(card.numberReport, 'card-number'));
  return section;
}

function metaView(report) {
  const readAt = report.readAtMs === null ? null : new Date(report.readAtMs);
  const bytes = (b) => (b ? bi(`${b.length} 字节`, `${b.length} bytes`) : null);
  return h(
    'section',
    { class: 'sub-section' },
    h('h3', { class: 'sub' }, bi('读取信息', 'Read')),
    dl(
      [
        [bi('读取时间', 'Read at'), readAt ? [h('code', {}, isoUtc(readAt)), ' ', h('span', { class: 'muted' }, `(${readAt.toLocaleString()})`)] : null, 'readAt'],
        [bi('随机数', 'Nonce'), report.nonce ? h('code', {}, toHex(report.nonce)) : null, 'nonce'],
        [bi('读卡器', 'Reader id'), report.readerId, 'readerId'],
        [bi('芯片序列号', 'Chip serial'), report.chipSerial ? h('code', {}, toHex(report.chipSerial)) : null, 'chipSerial'],
        [bi('照片', 'Photo'), bytes(report.photo), 'photo'],
        [bi('指纹', 'Fingerprint'), bytes(report.fingerprint), 'fingerprint'],
      ],
      { testid: 'dump-meta' },
    ),
  );
}

function certView(cert) {
  return dl([
    [bi('主体', 'Subject'), cert.subject],
    [bi('签发者', 'Issuer'), cert.issuer],
    [bi('序列号', 'Serial'), h('code', {}, cert.serialHex)],
    [bi('有效期', 'Valid'), `${cert.notBefore} – ${cert.notAfter}`],
    [bi('SHA-256 指纹', 'SHA-256 fingerprint'), h('code', { class: 'wrap' }, cert.fingerprintSha256)],
  ]);
}

function signerView(signer) {
  const section = h('section', { class: 'sub-section', testid: 'signer', dataset: { method: signer.method } });
  section.append(
    h('h3', { class: 'sub' }, bi('签名者', 'Signer')),
    dl([
      [bi('方式', 'Method'), signer.method === 'jwk' ? bi('JWK 密钥', 'JWK key') : bi('X.509 证书链 (x5chain)', 'X.509 chain (x5chain)')],
      [bi('密钥 ID', 'Key id (kid)'), signer.kid !== null ? h('code', {}, signer.kid) : null],
      [bi('密钥 ID（十六进制）', 'kid (hex)'), signer.kidHex !== null ? h('code', { class: 'wrap' }, signer.kidHex) : null],
    ]),
  );
  signer.certificates.forEach((cert, i) => {
    section.append(h('h4', {}, i === 0 ? bi('签名证书', 'Signer certificate') : bi(`链中证书 ${i + 1}`, `Chain certificate ${i + 1}`)), certView(cert));
  });
  if (signer.anchor) section.append(h('h4', {}, bi('信任锚', 'Trust anchor')), certView(signer.anchor));
  return section;
}

// --- files: pickers, drop zone, samples ---------------------------------------------------------
const readBytes = async (file) => new Uint8Array(await file.arrayBuffer());
const TRUST_EXT = /\.(json|jwks|pem|crt|cer|der)$/i;

function setDump(name, bytes, { sample = false } = {}) {
  dump = { name, bytes, sample };
  $('dump-file-name').replaceChildren(h('strong', {}, name), ` (${bytes.length} B)`);
}

async function handleFiles(files, { asTrust = null } = {}) {
  if (!cnid) return;
  for (const file of files) {
    const bytes = await readBytes(file);
    const trust = asTrust ?? TRUST_EXT.test(file.name);
    if (trust) addTrustFile(file.name, bytes);
    else setDump(file.name, bytes);
  }
  renderTrustList();
  verifyIfReady();
}

async function fetchFixture(rel) {
  let lastError;
  for (const base of FIXTURE_BASES) {
    try {
      const res = await fetch(new URL(base + rel, import.meta.url), { cache: 'no-store' });
      if (res.ok) return new Uint8Array(await res.arrayBuffer());
      lastError = new Error(`${res.status} ${res.statusText}`);
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`cannot load fixture ${rel}: ${lastError?.message}`);
}

async function loadSample(button) {
  const name = button.dataset.dump;
  const out = $('dump-result');
  try {
    const [dumpBytes, ...trust] = await Promise.all([fetchFixture(`dumps/${name}`), ...SAMPLE_TRUST.map(fetchFixture)]);
    setDump(name, dumpBytes, { sample: true });
    SAMPLE_TRUST.forEach((rel, i) => addTrustFile(rel.split('/').pop(), trust[i], { testOnly: true }));
    $('at').value = toLocalInput(new Date(FIXTURE_AT_SECONDS * 1000));
    $('max-age').value = '600';
    $('nonce').value = '';
    renderTrustList();
    verify();
    revealResult();
  } catch (err) {
    out.replaceChildren(h('div', { class: 'error-box', testid: 'dump-error' }, bi('无法加载示例', 'Cannot load the sample'), ': ', errorText(err)));
  }
}

function setupDump() {
  $('dump-file').addEventListener('change', async (e) => {
    const [file] = e.target.files;
    if (file) await handleFiles([file], { asTrust: false });
  });
  $('trust-files').addEventListener('change', async (e) => {
    await handleFiles([...e.target.files], { asTrust: true });
    e.target.value = '';
  });
  $('trust-clear').addEventListener('click', () => {
    trustFiles = [];
    renderTrustList();
    verifyIfReady();
  });
  $('verify').addEventListener('click', () => {
    verify();
    revealResult();
  });
  $('at-clear').addEventListener('click', () => {
    $('at').value = '';
    verifyIfReady();
  });
  for (const id of ['nonce', 'at', 'max-age']) $(id).addEventListener('change', verifyIfReady);
  $('nonce').addEventListener('input', () => readOptions());
  for (const b of document.querySelectorAll('button[data-dump]')) b.addEventListener('click', () => loadSample(b));

  const zone = $('dropzone');
  // A file dropped next to the zone must not make the browser navigate away from the page.
  for (const type of ['dragover', 'drop']) document.addEventListener(type, (e) => e.preventDefault());
  zone.addEventListener('dragenter', () => zone.classList.add('over'));
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    zone.classList.remove('over');
    handleFiles([...(e.dataTransfer?.files ?? [])]);
  });
}

// --- start --------------------------------------------------------------------------------------
// --- language -----------------------------------------------------------------------------------
const LANG_KEY = 'cnid-verify-demo-lang';

/** The saved choice, else the browser's first language (any zh is Chinese), else English. */
function initialLocale() {
  let saved = null;
  try {
    saved = localStorage.getItem(LANG_KEY);
  } catch {
    // Storage may be off (privacy mode): the choice then lasts for this page only.
  }
  if (saved === 'zh-CN' || saved === 'en') return saved;
  const first = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return /^zh\b/i.test(first) ? 'zh-CN' : 'en';
}

function setLocale(next, { save = false } = {}) {
  locale = next;
  document.documentElement.lang = next;
  document.documentElement.dataset.lang = next;
  for (const b of document.querySelectorAll('.lang-switch button')) b.setAttribute('aria-pressed', String(b.dataset.lang === next));
  if (save) {
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // See initialLocale.
    }
  }
  // Messages come from the library in the chosen language: inspect and render again.
  if (cnid) {
    for (const file of trustFiles) {
      const testOnly = file.testOnly;
      inspectTrust(file);
      file.testOnly = file.testOnly || testOnly;
    }
    renderTrustList();
  }
  renderNumber();
  if (dump) verify();
}

function setupLanguage() {
  for (const b of document.querySelectorAll('.lang-switch button')) {
    b.addEventListener('click', () => setLocale(b.dataset.lang, { save: true }));
  }
  setLocale(initialLocale());
}

async function main() {
  setupLanguage();
  setupNumberSamples();
  $('number-input').addEventListener('input', renderNumber);
  $('number-strict').addEventListener('change', renderNumber);
  $('number-form').addEventListener('submit', (e) => e.preventDefault());
  setupDump();
  readOptions();

  const status = $('lib-status');
  try {
    cnid = await import(PKG_ENTRY);
  } catch (err) {
    status.dataset.state = 'error';
    status.className = 'lib-status error-box';
    status.replaceChildren(
      bi('无法加载 cnid-verify 包（先运行 make pkg）', 'Cannot load the cnid-verify package (run make pkg first)'),
      ': ',
      errorText(err),
    );
    return;
  }
  const version = cnid.version();
  $('lib-version').textContent = `v${version}`;
  status.dataset.state = 'ready';
  status.replaceChildren(bi(`已就绪：cnid-verify ${version}（WebAssembly，本地运行）`, `Ready: cnid-verify ${version} (WebAssembly, running locally)`));
  renderNumber();
  renderTrustList();
  $('dump-result').replaceChildren(
    h('p', { class: 'muted placeholder' }, bi('选择文件或点击示例后，验签结果显示在这里。', 'Choose files or press a sample: the verification result appears here.')),
  );
  document.documentElement.dataset.ready = 'true';
}

main();
