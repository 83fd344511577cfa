#!/usr/bin/env node
// Assembles pkg/ (the npm package `cnid-verify`) from pkg-template/ and the wasm-bindgen outputs
// that scripts/build-pkg.sh has already written to pkg/{nodejs,web,bundler}.
//
//   node scripts/assemble-pkg.mjs [--version X.Y.Z]
//
// * pkg/package.json: pkg-template/package.json with version, description and license from
//   Cargo.toml (cargo metadata);
// * every other file of pkg-template/ copied as is (bin/ made executable);
// * pkg/nodejs/package.json = {"type":"commonjs"} so the nodejs output stays CommonJS inside a
//   "type":"module" package;
// * ONE .wasm, pkg/cnid_verify_bg.wasm, shared by the three generated modules (wasm-bindgen writes
//   byte-identical copies into each output: they are checked identical, kept once, and the three
//   loaders are pointed at the shared file; pkg/cnid_verify_bg.js re-exports the bundler output's
//   import module, which the ESM-wasm integration resolves next to the .wasm);
// * pkg/facade.js (ESM) and pkg/facade.cjs: the public API over a generated module
//   (src/bindings/js/facade.js, rewritten to CommonJS for the Node target);
// * index.d.ts and index.d.cts = the generated pkg/nodejs/cnid_verify.d.ts;
// * consistency checks: the generated modules export the same raw names; the names that node.mjs,
//   web.js, bundler.js and browser.js (which re-exports web.js: one instance per page) list are
//   exactly the facade's public names and the .d.ts's; every path in the exports map (and in
//   typesVersions) exists; typesVersions (node10 types) agrees with the exports map's types.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEMPLATE = path.join(ROOT, 'pkg-template');
const PKG = path.join(ROOT, 'pkg');
const BASE = 'cnid_verify';

const { values: args } = parseArgs({ options: { version: { type: 'string' } } });

function fail(message) {
  console.error(`assemble-pkg: error: ${message}`);
  process.exit(1);
}

// The two builds: the full one (pkg/{nodejs,web,bundler}/cnid_verify*) and the numbers-only one
// (pkg/numbers/{nodejs,web,bundler}/cnid_verify_numbers*).
const NUMBERS = `${BASE}_numbers`;
const BUILDS = [
  { dir: '.', base: BASE },
  { dir: 'numbers', base: NUMBERS },
];
for (const { dir, base } of BUILDS) {
  for (const t of ['nodejs', 'web', 'bundler']) {
    for (const f of [`${base}.js`, `${base}.d.ts`, `${base}_bg.wasm`]) {
      if (!fs.existsSync(path.join(PKG, dir, t, f))) fail(`pkg/${dir}/${t}/${f} missing: run scripts/build-pkg.sh`);
    }
  }
}

// --- crate metadata -------------------------------------------------------------------------
const meta = JSON.parse(
  execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--locked'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }),
);
const crate = meta.packages.find((p) => p.name === 'cnid-verify');
if (!crate) fail('package cnid-verify not found in cargo metadata');
const version = args.version ?? crate.version;
if (version !== crate.version) fail(`--version ${version} differs from Cargo.toml's ${crate.version}`);

// --- copy the template ----------------------------------------------------------------------
function copyTree(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(dst, { recursive: true });
      copyTree(src, dst);
    } else if (!(from === TEMPLATE && entry.name === 'package.json')) {
      fs.copyFileSync(src, dst);
    }
  }
}
copyTree(TEMPLATE, PKG);
// The package README's per-tool recipes are the repository README's tested ones (one text).
{
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = readme.match(/<!-- recipes:start[^>]*-->\n([\s\S]*?)<!-- recipes:end -->/);
  if (!m) fail('README.md has no <!-- recipes:start --> ... <!-- recipes:end --> section');
  const target = path.join(PKG, 'README.md');
  const text = fs.readFileSync(target, 'utf8');
  if (text.split('<!-- recipes -->').length !== 2) fail('pkg-template/README.md needs exactly one <!-- recipes --> marker');
  fs.writeFileSync(target, text.replace('<!-- recipes -->', m[1].replace(/^### /m, '## ').trimEnd()));
}
// The license is MIT OR Apache-2.0: both texts ship with the package.
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) fs.copyFileSync(path.join(ROOT, f), path.join(PKG, f));
fs.chmodSync(path.join(PKG, 'bin', 'cnid-verify.js'), 0o755);

const pkgJson = JSON.parse(fs.readFileSync(path.join(TEMPLATE, 'package.json'), 'utf8'));
pkgJson.version = version;
pkgJson.description = crate.description;
pkgJson.license = crate.license;
// Keep the usual key order: name, version, description, license first.
if (!crate.repository || !crate.homepage) fail('Cargo.toml needs repository and homepage (the npm package carries them)');
const ordered = {
  name: pkgJson.name,
  version,
  description: crate.description,
  license: crate.license,
  repository: { type: 'git', url: `git+${crate.repository}.git` },
  homepage: crate.homepage,
  bugs: { url: `${crate.repository}/issues` },
};
fs.writeFileSync(path.join(PKG, 'package.json'), JSON.stringify({ ...ordered, ...pkgJson }, null, 2) + '\n');
fs.writeFileSync(path.join(PKG, 'nodejs', 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

// --- snippets of the Node (CommonJS) output ---------------------------------------------------
// wasm-bindgen copies our JS snippets (src/bindings/js/*.js, ES modules) into each output and, for
// the nodejs target, `require`s them. Inside the "type":"commonjs" nodejs/ folder they must be
// CommonJS: rewrite the only export form the snippets use (`export function name(`) and check that
// nothing else was exported.
function toCommonJs(file) {
  const src = fs.readFileSync(file, 'utf8');
  const names = [];
  const body = src.replace(/^export function (\w+)\(/gm, (_, name) => {
    names.push(name);
    return `function ${name}(`;
  });
  if (/^\s*(export|import)\b/m.test(body)) fail(`${file}: only \`export function\` is supported in snippets`);
  if (names.length === 0) fail(`${file}: no exported function`);
  fs.writeFileSync(file, `'use strict';\n${body}\nmodule.exports = { ${names.join(', ')} };\n`);
}
function walk(dir, visit) {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, visit);
    else if (e.name.endsWith('.js')) visit(p);
  }
}
walk(path.join(PKG, 'nodejs', 'snippets'), toCommonJs);
walk(path.join(PKG, 'numbers', 'nodejs', 'snippets'), toCommonJs);
fs.writeFileSync(path.join(PKG, 'numbers', 'nodejs', 'package.json'), JSON.stringify({ type: 'commonjs' }, null, 2) + '\n');

// --- one .wasm per build, for every entry ---------------------------------------------------------
/** Replaces `from` by `to` in a generated file, exactly once (fails loudly if wasm-bindgen changed). */
function patchOnce(file, from, to) {
  const full = path.join(PKG, file);
  const text = fs.readFileSync(full, 'utf8');
  const n = text.split(from).length - 1;
  if (n !== 1) fail(`${file}: expected exactly one ${JSON.stringify(from)}, found ${n}`);
  fs.writeFileSync(full, text.replace(from, to));
}
/** Keeps one copy of a build's .wasm at pkg/<base>_bg.wasm and points its three loaders at it. */
function shareWasm({ dir, base }) {
  const wasm = `${base}_bg.wasm`;
  const at = (t, f) => path.join(dir, t, f);
  const copies = ['nodejs', 'web', 'bundler'].map((t) => fs.readFileSync(path.join(PKG, at(t, wasm))));
  if (!copies.every((c) => c.equals(copies[0]))) fail(`the three wasm-bindgen outputs of ${base} carry different .wasm files`);
  fs.writeFileSync(path.join(PKG, wasm), copies[0]);
  fs.copyFileSync(path.join(PKG, at('bundler', `${wasm}.d.ts`)), path.join(PKG, `${wasm}.d.ts`));
  for (const t of ['nodejs', 'web', 'bundler']) {
    fs.rmSync(path.join(PKG, at(t, wasm)));
    fs.rmSync(path.join(PKG, at(t, `${wasm}.d.ts`)), { force: true });
  }
  const up = path.posix.relative(path.posix.join(dir, 'nodejs'), '.') + '/';
  patchOnce(at('nodejs', `${base}.js`), '`${__dirname}/' + wasm + '`', '`${__dirname}/' + up + wasm + '`');
  // The web output's default location goes: web.js and numbers/web.js supply it, so an import graph
  // through web-core.js only (the inline entries) carries no .wasm URL for bundlers to emit.
  patchOnce(
    at('web', `${base}.js`),
    `module_or_path = new URL('${wasm}', import.meta.url);`,
    `throw new Error('cnid-verify: the web output needs its .wasm (module_or_path)');`,
  );
  patchOnce(at('bundler', `${base}.js`), `from "./${wasm}"`, `from "${up}${wasm}"`);
  const bgJs = path.posix.join(dir, 'bundler', `${base}_bg.js`);
  fs.writeFileSync(
    path.join(PKG, `${base}_bg.js`),
    `// The module the .wasm imports (ESM-wasm integration resolves it next to the .wasm): the bundler\n` +
      `// output's, so ${path.posix.join(dir, 'bundler', base)}.js and the .wasm share one instance of it.\n` +
      `export * from './${bgJs}';\n`,
  );
}
BUILDS.forEach(shareWasm);

// --- the inline entries' .wasm carriers ----------------------------------------------------------
// cnid-verify/inline and cnid-verify/numbers/inline take their build's .wasm from an ES module: the
// very bytes of pkg/<base>_bg.wasm, gzip -9 then base64 (no asset, no URL, no fetch). Gzip first: a
// base64 text of the raw .wasm is 4/3 of it and compresses badly (measured: the full build's carrier
// 631 KB, 254 KB gzip on the wire, against 248 KB and 190 KB gzipped first); the browser's own
// DecompressionStream undoes it and WebAssembly compiles the stream as it arrives.
fs.mkdirSync(path.join(PKG, 'inline'), { recursive: true });
for (const { base } of BUILDS) {
  const gz = zlib.gzipSync(fs.readFileSync(path.join(PKG, `${base}_bg.wasm`)), { level: 9 });
  fs.writeFileSync(
    path.join(PKG, 'inline', `${base}_wasm.js`),
    `// ${base}_bg.wasm of this package, gzip -9 then base64 (written by scripts/assemble-pkg.mjs).\n` +
      `const GZIP_BASE64 = '${gz.toString('base64')}';\n\n` +
      `/** The .wasm as a fresh application/wasm Response (for WebAssembly.instantiateStreaming). */\n` +
      `export function wasmResponse() {\n` +
      `  const text = atob(GZIP_BASE64);\n` +
      `  const gzip = new Uint8Array(text.length);\n` +
      `  for (let i = 0; i < text.length; i++) gzip[i] = text.charCodeAt(i);\n` +
      `  const body = new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'));\n` +
      `  return new Response(body, { headers: { 'content-type': 'application/wasm' } });\n` +
      `}\n`,
  );
  fs.writeFileSync(
    path.join(PKG, 'inline', `${base}_wasm.d.ts`),
    `/** The .wasm of this build as an application/wasm Response. */\nexport function wasmResponse(): Response;\n`,
  );
}

// --- the Node glue takes TextDecoder/TextEncoder from node:util ---------------------------------
// Node has them as globals, but test environments that replace the globals (Jest's jsdom
// environment) do not: the nodejs output then fails at load time with "TextDecoder is not defined".
for (const { dir, base } of BUILDS) {
  const file = path.join(PKG, dir, 'nodejs', `${base}.js`);
  const text = fs.readFileSync(file, 'utf8');
  if (!/new TextDecoder\(/.test(text) || /\bconst \{ TextDecoder/.test(text)) fail(`${file}: unexpected TextDecoder use`);
  // After the generated `@ts-self-types` line, which must stay first.
  const at = text.startsWith('/* @ts-self-types') ? text.indexOf('\n') + 1 : 0;
  fs.writeFileSync(file, `${text.slice(0, at)}const { TextDecoder, TextEncoder } = require('node:util');\n${text.slice(at)}`);
}

// The facade: one source, an ES module for browsers and bundlers and a CommonJS copy for Node.
const FACADE = path.join(ROOT, 'src', 'bindings', 'js', 'facade.js');
fs.copyFileSync(FACADE, path.join(PKG, 'facade.js'));
fs.copyFileSync(FACADE, path.join(PKG, 'facade.cjs'));
toCommonJs(path.join(PKG, 'facade.cjs'));

// wasm-bindgen's classes declare `[Symbol.dispose](): void`. TypeScript >= 5.2 declares
// Symbol.dispose and Disposable in its esnext.disposable lib; 4.9-5.1 have no such lib (a
// `/// <reference lib="esnext.disposable" />` is error TS2726 there, and [Symbol.dispose] TS2339 +
// TS1165). So the .d.ts declares both itself, exactly as that lib does (and @types/node's
// compatibility/disposable.d.ts): the declarations merge with the lib's where it is loaded, so the
// types check with skipLibCheck off and any `lib` on TypeScript 4.9+, and `using` works on 5.2+
// without the consumer adding esnext.disposable (tests/packaging/runners.test.mjs, ts-matrix).
const DISPOSABLE_DECL =
  '// TypeScript < 5.2 lacks the esnext.disposable lib: declared as that lib does (they merge).\n' +
  'declare global {\n' +
  '    interface SymbolConstructor {\n' +
  '        readonly dispose: unique symbol;\n' +
  '    }\n' +
  '    interface Disposable {\n' +
  '        [Symbol.dispose](): void;\n' +
  '    }\n' +
  '}\n\n';
for (const t of ['nodejs', 'web', 'bundler']) {
  const file = path.join(PKG, t, `${BASE}.d.ts`);
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes('[Symbol.dispose](): void;')) fail(`${file}: no [Symbol.dispose]() any more: drop DISPOSABLE_DECL`);
  if (!text.startsWith(DISPOSABLE_DECL)) fs.writeFileSync(file, DISPOSABLE_DECL + text);
}
// init(): every entry has one. The self-initialising ones (Node, browser root, bundler) resolve at
// once; the web outputs' named init takes the generated default's input and resolves to undefined.
const INIT_READY =
  '\n/** Already initialised when the import resolves: resolves at once (idempotent; for code shared with\n' +
  ' * the explicit-init entries `cnid-verify/web`, `cnid-verify/inline` and their numbers twins). */\n' +
  'export function init(): Promise<void>;\n';
const INIT_WEB =
  '\n/** The default export, by name: idempotent; calls before it has finished throw NOT_INITIALISED. */\n' +
  'export function init(module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<void>;\n';
for (const { dir, base } of BUILDS) {
  for (const t of ['nodejs', 'bundler']) fs.appendFileSync(path.join(PKG, dir, t, `${base}.d.ts`), INIT_READY);
  // The facade's initSync and default init of the web output resolve to nothing (not the raw exports).
  const web = path.join(dir, 'web', `${base}.d.ts`);
  patchOnce(web, '| SyncInitInput): InitOutput;', '| SyncInitInput): void;');
  patchOnce(web, '| Promise<InitInput>): Promise<InitOutput>;', '| Promise<InitInput>): Promise<void>;');
  fs.appendFileSync(path.join(PKG, web), INIT_WEB);
}
const dts = fs.readFileSync(path.join(PKG, 'nodejs', `${BASE}.d.ts`), 'utf8');
fs.writeFileSync(path.join(PKG, 'index.d.ts'), dts);
fs.writeFileSync(path.join(PKG, 'index.d.cts'), dts);
// cnid-verify/pool's types, for import and require (the same declarations: type-only imports of the package).
fs.copyFileSync(path.join(PKG, 'pool.d.ts'), path.join(PKG, 'pool.d.cts'));
const numbersDts = fs.readFileSync(path.join(PKG, 'numbers', 'nodejs', `${NUMBERS}.d.ts`), 'utf8');
fs.writeFileSync(path.join(PKG, 'numbers.d.ts'), numbersDts);
fs.writeFileSync(path.join(PKG, 'numbers.d.cts'), numbersDts);

// --- consistency checks ---------------------------------------------------------------------
const sorted = (names) => [...new Set(names)].sort();
const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

const require = createRequire(import.meta.url);
const rawNode = Object.keys(require(path.join(PKG, 'nodejs', `${BASE}.js`)));
const rawWeb = Object.keys(await import(pathToFileURL(path.join(PKG, 'web', `${BASE}.js`)).href)).filter(
  (n) => n !== 'default' && n !== 'initSync',
);
if (!same(rawNode, rawWeb)) fail(`nodejs exports [${sorted(rawNode)}] != web exports [${sorted(rawWeb)}]`);

const publicNames = Object.keys(require(path.join(PKG, 'node.cjs')));
const dtsNames = [...dts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
if (!same(publicNames, dtsNames)) fail(`public names [${sorted(publicNames)}] != .d.ts exports [${sorted(dtsNames)}]`);

function listedNames(file, pattern) {
  const text = fs.readFileSync(path.join(PKG, file), 'utf8');
  const m = text.match(pattern);
  if (!m) fail(`cannot find the export list in ${file}`);
  return m[1].split(',').map((s) => s.trim()).filter(Boolean);
}
/** The names an ES module of pkg/ exports (importable in Node: no top-level await on a URL). */
async function moduleNames(file) {
  return Object.keys(await import(pathToFileURL(path.join(PKG, file)).href)).filter((n) => n !== 'default');
}
// The numbers entries: exactly the number API, as the numbers .d.ts declares it.
const numbersNames = Object.keys(require(path.join(PKG, 'numbers.cjs')));
const numbersDtsNames = [...numbersDts.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]);
if (!same(numbersNames, numbersDtsNames)) fail(`numbers names [${sorted(numbersNames)}] != numbers .d.ts [${sorted(numbersDtsNames)}]`);
if (!numbersNames.every((n) => publicNames.includes(n))) fail(`numbers names [${sorted(numbersNames)}] are not all public names`);
// Self-initialising and inline entries export the public names; web ones add initSync (and a default).
const withInitSync = (names) => [...names, 'initSync'];
for (const [file, names, want] of [
  ['node.mjs', await moduleNames('node.mjs'), publicNames],
  ['bundler.js', listedNames('bundler.js', /export const \{([^}]*)\}/), publicNames],
  ['browser.js', listedNames('browser.js', /^export \{([^}]*)\} from '\.\/web\.js'/m), publicNames],
  ['web-core.js', await moduleNames('web-core.js'), withInitSync(publicNames)],
  ['web.js', await moduleNames('web.js'), withInitSync(publicNames)],
  ['inline.js', await moduleNames('inline.js'), publicNames],
  ['numbers.mjs', await moduleNames('numbers.mjs'), numbersNames],
  ['numbers.js', listedNames('numbers.js', /^export \{([^}]*)\} from '\.\/numbers\/web\.js'/m), numbersNames],
  ['numbers/web-core.js', await moduleNames('numbers/web-core.js'), withInitSync(numbersNames)],
  ['numbers/web.js', await moduleNames('numbers/web.js'), withInitSync(numbersNames)],
  ['numbers/inline.js', await moduleNames('numbers/inline.js'), numbersNames],
]) {
  if (!same(names, want)) fail(`${file} exports [${sorted(names)}] but should export [${sorted(want)}]: update pkg-template/`);
}
// Every file named by the exports map, main/module/types and bin exists.
const targets = [];
(function collect(v) {
  if (typeof v === 'string') targets.push(v);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
})([pkgJson.exports, pkgJson.main, pkgJson.module, pkgJson.types, pkgJson.bin, pkgJson.typesVersions]);
for (const t of targets) {
  if (!fs.existsSync(path.join(PKG, t))) fail(`package.json names ${t}, which does not exist in pkg/`);
}
// typesVersions gives node10 resolution (which ignores the exports map) the types of the subpaths
// whose .d.ts is not next to their .js: each maps `<sub>` to the very file exports['./<sub>'] types.
for (const [range, map] of Object.entries(pkgJson.typesVersions ?? {})) {
  for (const [sub, files] of Object.entries(map)) {
    const want = pkgJson.exports[`./${sub}`]?.types;
    if (JSON.stringify(files) !== JSON.stringify([want])) {
      fail(`typesVersions["${range}"]["${sub}"] is ${JSON.stringify(files)} but exports["./${sub}"].types is ${want}`);
    }
  }
}

console.log(`assemble-pkg: pkg/package.json cnid-verify@${version}; exports: ${sorted(publicNames).join(', ')}`);
