// Browser tests of the demo page: starts scripts/serve.mjs (the real CLI, on a free port) and drives
// headless Chromium through playwright-core. Needs a built package: $CNID_PKG_DIR (default pkg/).
// Screenshots go to artifacts/; UPDATE_SCREENSHOT=1 also refreshes docs/screenshot.png.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  ARTIFACTS,
  FIXTURES,
  PKG_DIR,
  ROOT,
  assertPkgBuilt,
  launchBrowser,
  newPage,
  screenshot,
} from './lib/browser.mjs';

const DESKTOP = { viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' };
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, timezoneId: 'UTC' };

/** Starts `node scripts/serve.mjs` with PORT=0 and resolves to { url, child } once it listens. */
function startServeCli() {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'serve.mjs')], {
    env: { ...process.env, PORT: '0', CNID_PKG_DIR: PKG_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve.mjs did not start: ${out}${err}`)), 15_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/cnid-verify demo: (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve.mjs exited with ${code}: ${out}${err}`));
    });
  });
}

/** A raw GET (no URL normalisation, unlike fetch) returning { status, type, body }. */
function rawGet(base, rawPath) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** docs/screenshot.png (committed): quantised with pngquant when it is installed, to keep it small. */
function updateDocsScreenshot(file) {
  const target = path.join(ROOT, 'docs', 'screenshot.png');
  const q = spawnSync('pngquant', ['--quality=60-85', '--speed', '1', '--strip', '--force', '--output', target, file]);
  if (q.error || q.status !== 0) fs.copyFileSync(file, target);
}

let server;
let browser;
let current = null; // { context, page, problems } of the running test

async function open(options = DESKTOP) {
  current = await newPage(browser, options);
  await current.page.goto(server.url);
  await current.page.locator('[data-testid="lib-status"][data-state="ready"]').waitFor();
  return current.page;
}

const verdict = (page) => page.getByTestId('dump-verdict');
async function checkStatuses(page) {
  return page.getByTestId('check-row').evaluateAll((rows) => rows.map((r) => [r.dataset.checkId, r.dataset.status]));
}

before(async () => {
  assertPkgBuilt();
  server = await startServeCli();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
});

afterEach(async () => {
  if (!current) return;
  const { context, problems } = current;
  current = null;
  await context.close();
  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
});

describe('scripts/serve.mjs', () => {
  it('maps /, /pkg/ and /fixtures/ with the right MIME types', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8'],
      ['/app.js', 'text/javascript; charset=utf-8'],
      ['/style.css', 'text/css; charset=utf-8'],
      ['/pkg/browser.js', 'text/javascript; charset=utf-8'],
      ['/pkg/cnid_verify_bg.wasm', 'application/wasm'],
      ['/pkg/package.json', 'application/json; charset=utf-8'],
      ['/fixtures/dumps/y-jwk.cose', 'application/octet-stream'],
      ['/fixtures/trust/test-root.pem', 'text/plain; charset=utf-8'],
    ];
    for (const [p, type] of cases) {
      const r = await rawGet(server.url, p);
      assert.equal(r.status, 200, p);
      assert.equal(r.type, type, p);
    }
    const wasm = await rawGet(server.url, '/pkg/cnid_verify_bg.wasm');
    assert.deepEqual([...wasm.body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], 'wasm magic');
    assert.deepEqual(wasm.body, fs.readFileSync(path.join(PKG_DIR, 'cnid_verify_bg.wasm')));
  });

  it('never serves files outside its mounts', async () => {
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/pkg/%2e%2e/%2e%2e/Cargo.toml', '/fixtures/..%2f..%2fCargo.toml', '/%00']) {
      const r = await rawGet(server.url, p);
      assert.equal(r.status, 404, p);
    }
    assert.equal((await rawGet(server.url, '/nope.html')).status, 404);
    const redirect = await rawGet(server.url, '/pkg');
    assert.equal(redirect.status, 301);
  });
});

describe('demo page: number checker', () => {
  it('says that everything runs on the client, and loads without errors', async () => {
    const page = await open();
    await assert.doesNotReject(page.getByTestId('privacy-note').waitFor());
    // The context's browser language is zh-CN: the page opens in Chinese, English hidden.
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    const note = await page.getByTestId('privacy-note').innerText();
    assert.match(note, /不会离开此浏览器/);
    assert.doesNotMatch(note, /Everything runs on the client/);
    assert.match(await page.getByTestId('lib-version').innerText(), /^v\d+\.\d+\.\d+/);
  });

  it('validates a valid number as it is typed and shows what it holds', async () => {
    const page = await open();
    const input = page.getByTestId('number-input');
    await input.click();
    await input.pressSequentially('9111241981');
    // Part-way: already a report, with the LENGTH error.
    await page.locator('[data-testid="number-verdict"][data-ok="false"]').waitFor();
    assert.ok(await page.locator('[data-testid="number-issues"] li[data-code="LENGTH"]').count());
    await input.pressSequentially('08030024');
    const v = page.locator('[data-testid="number-verdict"][data-ok="true"]');
    await v.waitFor();
    assert.equal(await v.getAttribute('data-kind'), 'fpr18');
    assert.match(await v.innerText(), /号码有效/);
    assert.doesNotMatch(await v.innerText(), /Valid number/);
    assert.equal(await page.getByTestId('number-normalized').innerText(), '911124198108030024');
    assert.equal(await page.getByTestId('number-issues').count(), 0);
    const info = await page.getByTestId('number-info').innerText();
    for (const text of ['1981-08-03', '女', '北京', '加拿大', 'CAN / 124']) {
      assert.ok(info.includes(text), `${text} in ${info}`);
    }
  });

  it('shows every error code of an invalid number', async () => {
    const page = await open();
    const input = page.getByTestId('number-input');
    await input.click();
    await input.pressSequentially('110105199002300028');
    const v = page.locator('[data-testid="number-verdict"][data-ok="false"]');
    await v.waitFor();
    assert.match(await v.innerText(), /号码无效/);
    const codes = await page.locator('[data-testid="number-issues"] li').evaluateAll((lis) => lis.map((li) => [li.dataset.severity, li.dataset.code]));
    assert.deepEqual(codes, [['error', 'BIRTH_DATE']]);
    assert.match(await page.getByTestId('number-issues').innerText(), /出生日期数字 19900230 不是有效日期/);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');

    // A mistyped check character, with spaces and lower case: normalised, one CHECK_DIGIT error.
    await input.fill('');
    await input.pressSequentially('9111 2419 8108 0300 2x');
    await page.locator('[data-testid="number-issues"] li[data-code="CHECK_DIGIT"]').waitFor();
    assert.equal(await page.getByTestId('number-normalized').innerText(), '91112419810803002X');
  });

  it('sample buttons: specimens of each kind, the century note of an FPR 15', async () => {
    const page = await open();
    const expected = {
      '911124198108030024': ['true', 'fpr18'],
      '11010519491231002X': ['true', 'resident18'],
      KAZ110090123105: ['true', 'fpr15'],
      '810000199001011230': ['true', 'hmt18'],
      '110105199002300028': ['false', 'resident18'],
    };
    for (const [number, [ok, kind]] of Object.entries(expected)) {
      await page.getByTestId(`number-sample-${number}`).click();
      const v = page.getByTestId('number-verdict');
      assert.equal(await page.getByTestId('number-input').inputValue(), number);
      assert.equal(await v.getAttribute('data-ok'), ok, number);
      assert.equal(await v.getAttribute('data-kind'), kind, number);
    }
    // Keyboard: focus a sample button, press Enter.
    await page.getByTestId('number-sample-KAZ110090123105').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('number-century-note').waitFor();
    assert.match(await page.getByTestId('number-century-note').innerText(), /世纪为推断/);
    assert.ok(await page.locator('[data-testid="number-issues"] li[data-code="BIRTH_CENTURY_INFERRED"][data-severity="warning"]').count());
    assert.match(await page.getByTestId('number-info').innerText(), /哈萨克斯坦/);
    await page.getByTestId('number-sample-810000199001011230').click();
    assert.match(await page.getByTestId('number-info').innerText(), /香港/);
  });

  it('switches language: labels and the library messages, remembered across visits', async () => {
    const page = await open();
    await page.getByTestId('number-sample-110105199002300028').click();
    assert.match(await page.getByTestId('number-issues').innerText(), /不是有效日期/);
    await page.getByTestId('lang-en').click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.equal(await page.getByTestId('lang-en').getAttribute('aria-pressed'), 'true');
    const issues = await page.getByTestId('number-issues').innerText();
    assert.match(issues, /birth date digits 19900230 are not a calendar date/);
    assert.doesNotMatch(issues, /不是有效日期/);
    assert.match(await page.getByTestId('number-verdict').innerText(), /Invalid number/);
    const note = await page.getByTestId('privacy-note').innerText();
    assert.match(note, /Everything runs on the client/);
    assert.doesNotMatch(note, /不会离开此浏览器/);
    await page.getByTestId('sample-tampered').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="rejected"]').waitFor();
    assert.match(await verdict(page).innerText(), /REJECTED/);
    const row = page.locator('[data-testid="check-row"][data-check-id="SIGNATURE"]');
    assert.match(await row.innerText(), /failed[\s\S]*does not verify/);
    // The choice is remembered: a reload opens in English although the browser prefers Chinese.
    await page.reload();
    await page.locator('[data-testid="lib-status"][data-state="ready"]').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match(await page.getByTestId('lib-status').innerText(), /^Ready: cnid-verify/);
    // The switch names each language in itself, whatever the page's language.
    assert.equal(await page.getByTestId('lang-zh-CN').innerText(), '中文');
  });
});

describe('demo page: dump verifier', () => {
  it('the valid JWK sample is accepted, every check passed or skipped', async () => {
    const page = await open();
    await page.getByTestId('sample-y-jwk').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="accepted"]').waitFor();
    assert.equal(await verdict(page).getAttribute('data-verified'), 'true');
    assert.match(await verdict(page).innerText(), /通过/);
    const checks = await checkStatuses(page);
    assert.equal(checks.length, 12);
    assert.deepEqual(checks.map(([id]) => id), [
      'ENVELOPE', 'PAYLOAD', 'ALGORITHM', 'SIGNER', 'REVOCATION', 'SIGNATURE',
      'FRESHNESS', 'NONCE', 'CARD_LAYOUT', 'CARD_NUMBER', 'CARD_CONSISTENCY', 'CARD_VALIDITY',
    ]);
    for (const [id, status] of checks) assert.ok(status === 'passed' || status === 'skipped', `${id} ${status}`);
    assert.deepEqual(checks.find(([id]) => id === 'NONCE'), ['NONCE', 'skipped']);
    // The TEST ONLY trust warning is visible; the time was set to the fixtures' time.
    assert.ok(await page.getByTestId('test-trust-warning').isVisible());
    assert.match(await page.getByTestId('test-trust-warning').innerText(), /仅供测试的信任锚/);
    assert.equal(await page.getByTestId('at-iso').innerText(), '2026-06-01T00:01:00Z');
    const trust = await page.getByTestId('trust-list').innerText();
    assert.match(trust, /test-jwks\.json[\s\S]*test-root\.pem/);
    // Card fields and signer.
    const card = await page.getByTestId('card-fields').innerText();
    for (const text of ['证件样本', 'ZHENGJIAN, YANGBEN', '911124198108030024', '1981-08-03', '2023-09-15 – 2033-09-14', 'CAN', '加拿大']) {
      assert.ok(card.includes(text), `${text} in ${card}`);
    }
    assert.equal(await page.getByTestId('card').getAttribute('data-verified'), 'true');
    assert.equal(await page.getByTestId('card-unverified').count(), 0);
    assert.equal(await page.getByTestId('signer').getAttribute('data-method'), 'jwk');
    assert.match(await page.getByTestId('signer').innerText(), /test-reader-1/);

    // Also the README screenshot: a valid number above an accepted dump.
    await page.getByTestId('number-sample-911124198108030024').click();
    await screenshot(page, 'demo-desktop.png', { fullPage: true });
    // The README one: from the top to the end of the checks table.
    const bottom = await page.getByTestId('checks').evaluate((el) => Math.ceil(el.getBoundingClientRect().bottom + window.scrollY + 16));
    const readme = await screenshot(page, 'demo-readme.png', { fullPage: true, clip: { x: 0, y: 0, width: 1280, height: bottom } });
    if (process.env.UPDATE_SCREENSHOT === '1') updateDocsScreenshot(readme);
  });

  it('the X.509 chain sample is accepted, with the certificates shown', async () => {
    const page = await open();
    await page.getByTestId('sample-y-x5chain').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="accepted"]').waitFor();
    for (const [id, status] of await checkStatuses(page)) assert.ok(status === 'passed' || status === 'skipped', `${id} ${status}`);
    assert.equal(await page.getByTestId('signer').getAttribute('data-method'), 'x5chain');
    const signer = await page.getByTestId('signer').innerText();
    assert.match(signer, /cnid-verify TEST Reader 0001/);
    assert.match(signer, /cnid-verify TEST Root CA/);
  });

  it('the tampered sample is rejected by the SIGNATURE check', async () => {
    const page = await open();
    await page.getByTestId('sample-tampered').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="rejected"]').waitFor();
    assert.equal(await verdict(page).getAttribute('data-verified'), 'false');
    assert.equal(await verdict(page).getAttribute('data-failed'), 'SIGNATURE');
    assert.match(await verdict(page).innerText(), /拒绝/);
    const failed = (await checkStatuses(page)).filter(([, s]) => s === 'failed').map(([id]) => id);
    assert.deepEqual(failed, ['SIGNATURE']);
    const row = page.locator('[data-testid="check-row"][data-check-id="SIGNATURE"]');
    assert.match(await row.innerText(), /失败/);
    // The library's message is in the page's language too.
    assert.match(await row.innerText(), /验证 ES256 签名失败/);
    assert.equal(await row.getByTestId('check-reason').innerText(), 'MISMATCH');
    // The card fields are shown, flagged as not verified.
    assert.ok(await page.getByTestId('card-unverified').isVisible());
    assert.equal(await page.getByTestId('card').getAttribute('data-verified'), 'false');
    await screenshot(page, 'demo-tampered.png', { fullPage: true });
  });

  it('file pickers, verification time, nonce and maximum age', async () => {
    const page = await open();
    await page.getByTestId('dump-file').setInputFiles(path.join(FIXTURES, 'dumps', 'y-jwk.cose'));
    await page.getByTestId('dump-file-name').filter({ hasText: 'y-jwk.cose' }).waitFor();
    // No trust yet: rejected at SIGNER (the time is "now", so FRESHNESS fails too).
    await page.locator('[data-testid="dump-verdict"][data-verdict="rejected"]').waitFor();
    assert.ok((await verdict(page).getAttribute('data-failed')).split(' ').includes('SIGNER'));

    await page.getByTestId('trust-files').setInputFiles([path.join(FIXTURES, 'trust', 'test-jwks.json')]);
    await page.locator('#trust-list li[data-name="test-jwks.json"]').waitFor();
    assert.match(await page.getByTestId('trust-list').innerText(), /test-jwks\.json[\s\S]*3/);
    assert.match(await page.getByTestId('trust-list').innerText(), /UNSUPPORTED_KEY_TYPE/);
    assert.ok(await page.getByTestId('test-trust-warning').isVisible(), 'test keys are flagged TEST ONLY');
    // The context runs in Asia/Shanghai: 08:01:00 local is the fixtures' 00:01:00Z.
    await page.getByTestId('at').fill('2026-06-01T08:01:00');
    await page.getByTestId('verify-button').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="accepted"]').waitFor();
    assert.equal(await page.getByTestId('at-iso').innerText(), '2026-06-01T00:01:00Z');

    // Ten minutes later the dump is stale (FRESHNESS) unless the maximum age is lifted.
    await page.getByTestId('at').fill('2026-06-01T08:20:00');
    await page.getByTestId('verify-button').click();
    await page.locator('[data-testid="dump-verdict"][data-failed="FRESHNESS"]').waitFor();
    await page.getByTestId('max-age').fill('');
    await page.getByTestId('verify-button').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="accepted"]').waitFor();

    // A nonce that is not hex is refused before verifying; a nonce the dump lacks fails NONCE.
    await page.getByTestId('nonce').fill('xyz');
    await page.getByTestId('verify-button').click();
    await page.getByTestId('dump-error').waitFor();
    assert.equal(await page.getByTestId('nonce').getAttribute('aria-invalid'), 'true');
    await page.getByTestId('nonce').fill('00112233445566778899aabbccddeeff');
    await page.getByTestId('verify-button').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="rejected"]').waitFor();
    assert.ok((await verdict(page).getAttribute('data-failed')).split(' ').includes('NONCE'));

    // A broken trust file is reported in the list, not thrown.
    await page.getByTestId('trust-files').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"keys": 1}') });
    await page.locator('#trust-list li.invalid[data-name="broken.json"]').waitFor();
    assert.match(await page.locator('#trust-list li.invalid').innerText(), /INVALID_JWKS/);
    await page.getByTestId('trust-clear').click();
    assert.ok(await page.getByTestId('test-trust-warning').isHidden());
  });

  it('is usable at 375 px wide without horizontal scrolling', async () => {
    const page = await open(PHONE);
    await page.getByTestId('number-sample-KAZ110090123105').click();
    await page.getByTestId('sample-y-x5chain').click();
    await page.locator('[data-testid="dump-verdict"][data-verdict="accepted"]').waitFor();
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: window.innerWidth }));
    assert.equal(widths.inner, 375);
    assert.ok(widths.doc <= 375 && widths.body <= 375, JSON.stringify(widths));
    await screenshot(page, 'demo-mobile.png', { fullPage: true });
  });
});

// Keep the artifacts directory discoverable in the test output.
after(() => {
  if (fs.existsSync(ARTIFACTS)) console.log(`screenshots: ${path.relative(ROOT, ARTIFACTS)}/`);
});
