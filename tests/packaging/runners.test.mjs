// The package under test runners and type checkers, as users get it (the packed tarball installed
// into throw-away consumers, see lib.mjs):
//   jest       Jest 30 in its default CommonJS mode: require('cnid-verify') and 'cnid-verify/numbers'
//              in the node and the jsdom environments, no configuration
//   jest29     Jest 29 (jest/jest29/, running the same test files): its jsdom environment resolves
//              require() without the `node` condition, so zero configuration FAILS (browser.js is
//              ESM with top-level await); the three recipes (docblock, moduleNameMapper,
//              testEnvironmentOptions) pass
//   vitest     Vitest, node and jsdom environments, no configuration
//   ts-matrix  tsc --noEmit, skipLibCheck off, of code using all six ESM entries (and the two CJS
//              ones) with TypeScript 4.9 / 5.0 / 5.2 / current x moduleResolution node16, nodenext,
//              bundler (TS >= 5.0), node10 (TS < 6), a Node project without the DOM lib, and
//              `using` (TS >= 5.2); see MATRIX. TypeScript < 5.2 needs the package's .d.ts to declare
//              Symbol.dispose itself (no esnext.disposable lib there).
// The Jest and Vitest tests record their scenario summaries as JSON in a results folder, asserted
// here with assertScenario; the runners' own exit status and per-file results are asserted too.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FIXTURES, assertScenario, makeConsumer, npm, run, setup, teardown, workDir } from './lib.mjs';

before(() => setup('cnid-verify-runners-'));
after(teardown);

const SPECIMEN = { ok: true, kind: 'fpr18', normalized: '911124198108030024', nationality: 'CAN' };

/** A fresh results folder for one runner's summaries. */
function resultsDir(name) {
  const dir = path.join(workDir(), `results-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  return dir;
}
const readResult = (dir, name) => {
  const file = path.join(dir, `${name}.json`);
  assert.ok(fs.existsSync(file), `${name}: no summary recorded (${fs.readdirSync(dir).join(', ') || 'none'})`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
};

/** Runs Jest (its --json report in a file); returns { status, output, report, files: report by file name }. */
function jest(cwd, args, env) {
  const outputFile = path.join(env.CNID_RESULTS, `${env.CNID_RUN}.report.json`);
  const r = spawnSync(process.execPath, [path.join(cwd, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--json', `--outputFile=${outputFile}`, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CI: 'true', CNID_FIXTURES: FIXTURES, ...env },
  });
  if (r.error) throw r.error;
  assert.ok(fs.existsSync(outputFile), `jest ${args.join(' ')} (in ${cwd}) wrote no report: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
  const files = Object.fromEntries(report.testResults.map((t) => [path.basename(t.name), t]));
  return { status: r.status, output: `${r.stdout}\n${r.stderr}`, report, files };
}

/** A file of a Jest report passed all its tests. */
function assertFilePassed(files, file, tests = 2) {
  const t = files[file];
  assert.ok(t, `${file} ran`);
  assert.equal(t.status, 'passed', `${file}: ${t.message}`);
  assert.equal(t.assertionResults.filter((a) => a.status === 'passed').length, tests, file);
}

/** The summaries of one test file: the full scenario (root entry) and the numbers entry. */
function assertJestFile(results, name, { jsdom, entry = 'node.cjs', numbersEntry = 'numbers.cjs' }) {
  const full = readResult(results, name);
  assertScenario(full, name);
  assert.equal(full.entry, entry, `${name}: require('cnid-verify') resolved to`);
  const numbers = readResult(results, `${name}-numbers`);
  assert.equal(numbers.consumer, `${name}-numbers`);
  assert.deepEqual(numbers.number, SPECIMEN, `${name}-numbers`);
  assert.equal(numbers.version, full.version);
  assert.equal(numbers.entry, numbersEntry, `${name}: require('cnid-verify/numbers') resolved to`);
  for (const s of [full, numbers]) {
    if (jsdom) {
      assert.equal(s.environment.window, true, `${name}: jsdom's window and document`);
      assert.match(s.environment.userAgent, new RegExp(`jsdom/${jsdom}\\.`), `${name}: the jsdom of the environment`);
    } else {
      assert.deepEqual(s.environment, { window: false }, `${name}: node environment`);
    }
  }
}

describe('Jest (CommonJS mode)', () => {
  let dir;

  it('Jest 30: require() in the node and the jsdom environments, no configuration', { timeout: 300_000 }, () => {
    dir = makeConsumer('jest', { ci: true });
    const results = resultsDir('jest30');
    const { status, output, files } = jest(dir, [], { CNID_RESULTS: results, CNID_RUN: 'jest30' });
    assert.equal(status, 0, output);
    assert.deepEqual(Object.keys(files).sort(), ['jsdom-docblock.test.js', 'jsdom.test.js', 'node.test.js']);
    for (const f of Object.keys(files)) assertFilePassed(files, f);
    assertJestFile(results, 'jest30-node', { jsdom: null });
    // Jest 30 resolves require() with `node` in every environment: node.cjs even under jsdom.
    assertJestFile(results, 'jest30-jsdom', { jsdom: 26 });
    assertJestFile(results, 'jest30-jsdom-docblock', { jsdom: 26 });
  });

  it('Jest 29 jsdom: zero configuration fails on browser.js; the docblock, moduleNameMapper and testEnvironmentOptions recipes pass', { timeout: 300_000 }, () => {
    if (!dir) dir = makeConsumer('jest', { ci: true }); // the test files and the installed tarball
    const jest29 = path.join(dir, 'jest29');
    npm(['ci'], jest29);
    const results = resultsDir('jest29');

    // Zero configuration: the node environment passes, jsdom picks the ESM browser entries.
    const zero = jest(jest29, [], { CNID_RESULTS: results, CNID_RUN: 'jest29' });
    assert.equal(zero.status, 1, zero.output);
    assertFilePassed(zero.files, 'node.test.js');
    assertFilePassed(zero.files, 'jsdom-docblock.test.js');
    const failed = zero.files['jsdom.test.js'];
    assert.equal(failed.status, 'failed');
    const messages = failed.assertionResults.map((a) => `${a.title}: ${a.status}\n${a.failureMessages.join('\n')}`);
    assert.equal(messages.length, 2);
    for (const [m, file, line] of [
      [messages[0], 'browser.js', "import init from './web.js';"],
      [messages[1], 'numbers.js', "import { init } from './numbers/web.js';"],
    ]) {
      assert.match(m, /: failed\n/);
      assert.ok(m.includes('Jest encountered an unexpected token'), m);
      assert.ok(m.includes(`node_modules/cnid-verify/${file}:`), `${file} loaded: ${m}`);
      assert.ok(m.includes(line), m);
      assert.ok(m.includes('SyntaxError: Cannot use import statement outside a module'), m);
    }
    assert.ok(!fs.existsSync(path.join(results, 'jest29-jsdom.json')), 'no summary from the failed file');
    assertJestFile(results, 'jest29-node', { jsdom: null });
    // Per file: @jest-environment-options {"customExportConditions": ["node"]}.
    assertJestFile(results, 'jest29-jsdom-docblock', { jsdom: 20 });

    // Project-wide, targeted: moduleNameMapper to what Node's require() resolves (jest.mapper.config.cjs).
    const mapper = jest(jest29, ['--config', 'jest.mapper.config.cjs', 'jsdom.test.js'], { CNID_RESULTS: results, CNID_RUN: 'jest29-mapper' });
    assert.equal(mapper.status, 0, mapper.output);
    assertFilePassed(mapper.files, 'jsdom.test.js');
    assertJestFile(results, 'jest29-mapper-jsdom', { jsdom: 20 });

    // Project-wide: testEnvironmentOptions (here on the command line; "jest" config key alike).
    const options = jest(jest29, ['--testEnvironmentOptions', '{"customExportConditions":["node"]}', 'jsdom.test.js'], {
      CNID_RESULTS: results,
      CNID_RUN: 'jest29-options',
    });
    assert.equal(options.status, 0, options.output);
    assertFilePassed(options.files, 'jsdom.test.js');
    assertJestFile(results, 'jest29-options-jsdom', { jsdom: 20 });
  });
});

describe('Vitest', () => {
  it('node and jsdom environments, no configuration', { timeout: 300_000 }, () => {
    const dir = makeConsumer('vitest', { ci: true });
    const results = resultsDir('vitest');
    const report = path.join(results, 'report.json');
    run(process.execPath, [path.join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--reporter=json', `--outputFile=${report}`], {
      cwd: dir,
      timeout: 120_000,
      env: { CI: 'true', CNID_FIXTURES: FIXTURES, CNID_RESULTS: results },
    });
    const { numPassedTests, numTotalTests, testResults } = JSON.parse(fs.readFileSync(report, 'utf8'));
    assert.deepEqual([numPassedTests, numTotalTests], [4, 4]);
    assert.deepEqual(testResults.map((t) => [path.basename(t.name), t.status]).sort(), [['jsdom.test.js', 'passed'], ['node.test.js', 'passed']]);
    for (const [name, jsdom] of [['vitest-node', null], ['vitest-jsdom', 29]]) {
      const full = readResult(results, name);
      assertScenario(full, name);
      const numbers = readResult(results, `${name}-numbers`);
      assert.deepEqual(numbers.number, SPECIMEN, `${name}-numbers`);
      for (const s of [full, numbers]) {
        // Vitest externalises node_modules: Node's import loads them, in jsdom too.
        assert.deepEqual(s.entries, ['node.mjs', 'numbers.mjs'], name);
        if (jsdom) assert.match(s.environment.userAgent, new RegExp(`jsdom/${jsdom}\\.`), name);
        else assert.deepEqual(s.environment, { window: false }, name);
      }
    }
  });
});

// --- TypeScript --------------------------------------------------------------------------------
const ESM_TYPES = ['index.d.ts', 'numbers.d.ts', 'web/cnid_verify.d.ts', 'inline.d.ts', 'numbers/web/cnid_verify_numbers.d.ts', 'numbers/inline.d.ts'];
const CJS_TYPES = ['index.d.cts', 'numbers.d.cts'];
/** consumers/ts-matrix/tsconfig.<name>.json -> the package's .d.ts files its program must load. */
const TYPES = {
  node16: [...ESM_TYPES, ...CJS_TYPES], // src/node.mts, web.mts (ESM: node + import), cjs.cts (node + require)
  nodenext: [...ESM_TYPES, ...CJS_TYPES],
  bundler: ESM_TYPES, // types + import
  node10: ESM_TYPES, // no exports map: "types", files next to the .js, typesVersions
  nodom: ['index.d.ts', 'numbers.d.ts', ...CJS_TYPES], // lib es2022 only: the Node entries need no DOM
  using: ['index.d.ts', 'web/cnid_verify.d.ts'], // `using store = new TrustStore()`
};
/** consumers/ts-matrix's TypeScript packages: [release, the tsconfigs to check with it]. */
const MATRIX = {
  // No bundler resolution before 5.0 (TS6046), no `using` before 5.2 (TS1434).
  'typescript-4.9': ['4.9.', ['node16', 'nodenext', 'node10', 'nodom']],
  // Bundler resolution without esnext.disposable (node16/nodenext/node10 behave as on 4.9).
  'typescript-5.0': ['5.0.', ['bundler']],
  // The first release with esnext.disposable and `using`.
  'typescript-5.2': ['5.2.', ['node16', 'nodenext', 'bundler', 'node10', 'nodom', 'using']],
  // The current release (7: node10 removed, TS5108).
  typescript: ['7.', ['node16', 'nodenext', 'bundler', 'nodom', 'using']],
};

/** Runs commands, `jobs` at a time; resolves to their { status, output } in order. */
async function runAll(commands, jobs = 2) {
  const out = [];
  let next = 0;
  async function worker() {
    while (next < commands.length) {
      const i = next++;
      const { cmd, args, cwd } = commands[i];
      out[i] = await new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('error', reject);
        child.on('close', (status) => resolve({ status, output }));
      });
    }
  }
  await Promise.all(Array.from({ length: jobs }, worker));
  return out;
}

describe('TypeScript: tsc --noEmit, skipLibCheck off', () => {
  it('TypeScript 4.9, 5.0, 5.2 and current x node16 / nodenext / bundler / node10 / no DOM lib / using', { timeout: 300_000 }, async () => {
    const dir = makeConsumer('ts-matrix', { ci: true });
    const { devDependencies } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(devDependencies).sort(), Object.keys(MATRIX).sort(), 'MATRIX covers consumers/ts-matrix');
    const runs = [];
    for (const [name, [release, configs]] of Object.entries(MATRIX)) {
      const root = path.join(dir, 'node_modules', name);
      const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      assert.ok(version.startsWith(release), `${name} is ${version}, not ${release}x`);
      for (const config of configs) {
        runs.push({ version, config, cmd: process.execPath, args: [path.join(root, 'bin', 'tsc'), '-p', `tsconfig.${config}.json`, '--listFiles'], cwd: dir });
      }
    }
    const outcomes = await runAll(runs);
    const pkg = path.join(dir, 'node_modules', 'cnid-verify') + path.sep;
    const problems = [];
    runs.forEach(({ version, config }, i) => {
      const { status, output } = outcomes[i];
      if (status !== 0) {
        problems.push(`TypeScript ${version}, tsconfig.${config}.json: exit ${status}\n${output.split('\n').filter((l) => /error TS/.test(l)).join('\n')}`);
        return;
      }
      // --listFiles: the program holds exactly the .d.ts that the exports map (or node10's lookup) names.
      const loaded = output.split('\n').filter((l) => l.startsWith(pkg)).map((l) => l.slice(pkg.length).split(path.sep).join('/'));
      if (JSON.stringify(loaded.sort()) !== JSON.stringify([...TYPES[config]].sort())) {
        problems.push(`TypeScript ${version}, tsconfig.${config}.json loaded ${loaded.join(', ')}; expected ${TYPES[config].join(', ')}`);
      }
    });
    assert.ok(problems.length === 0, `\n${problems.join('\n\n')}`);
  });
});
