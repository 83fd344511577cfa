// Drives Parcel through its JS API (@parcel/core). Imported by tests/packaging/bundlers.test.mjs
// from the temp copy of this folder, after the packed cnid-verify tarball has been installed and the
// pages' scripts copied into src/ from consumers/bundlers/src (the same entries as the other tools).
//
//   build({ name, entries, packageExports }) -> { dir, pages, files, warnings }
//     builds one page per entry, <entry>.html loading src/<entry>.js as a module script, into
//     dist/<name>/ for production. packageExports sets Parcel's opt-in
//     "@parcel/resolver-default": { "packageExports": true } in this package.json (without it Parcel
//     resolves package.json "browser"/"module"/"main" and subpaths as files).
//   serve({ name, entries, packageExports, fixtures }) -> { url, pages, close }
//     the Parcel dev server (watch() with serveOptions) over the same pages, with `fixtures` copied
//     to the static dir under /fixtures/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parcel } from '@parcel/core';

import { page } from './shared/page.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));

const html = (name, entry) => page(name, `<script type="module" src="./src/${entry}.js"></script>`);

const listFiles = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

function prepare(name, entries, packageExports) {
  const pkgFile = path.join(HERE, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  if (packageExports) pkg['@parcel/resolver-default'] = { packageExports: true };
  else delete pkg['@parcel/resolver-default'];
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
  const pagesDir = path.join(HERE, 'pages', name);
  fs.rmSync(pagesDir, { recursive: true, force: true });
  fs.mkdirSync(pagesDir, { recursive: true });
  fs.cpSync(path.join(HERE, 'src'), path.join(pagesDir, 'src'), { recursive: true });
  fs.cpSync(path.join(HERE, 'shared'), path.join(pagesDir, 'shared'), { recursive: true }); // src imports ../shared
  for (const e of entries) fs.writeFileSync(path.join(pagesDir, `${e}.html`), html(name, e));
  return { pagesDir, pages: entries.map((e) => `${e}.html`) };
}

function describe(err) {
  const d = err?.diagnostics ?? [];
  return d.length ? d.map((x) => `${x.origin ?? ''}: ${x.message}${x.codeFrames?.[0]?.filePath ? ` (${path.relative(HERE, x.codeFrames[0].filePath)})` : ''}`).join('\n') : String(err?.stack ?? err);
}

function parcel(name, pagesDir, pages, mode, extra = {}) {
  return new Parcel({
    entries: pages.map((p) => path.join(pagesDir, p)),
    defaultConfig: '@parcel/config-default',
    mode,
    cacheDir: path.join(HERE, '.parcel-cache', name),
    shouldDisableCache: true,
    logLevel: 'error',
    defaultTargetOptions: { distDir: path.join(HERE, 'dist', name), publicUrl: '/', shouldOptimize: mode === 'production' },
    ...extra,
  });
}

/** Builds `entries` into dist/<name>/ for production (see the top of the file). */
export async function build({ name, entries, packageExports = false }) {
  const { pagesDir, pages } = prepare(name, entries, packageExports);
  const dir = path.join(HERE, 'dist', name);
  fs.rmSync(dir, { recursive: true, force: true });
  let warnings = '';
  try {
    await parcel(name, pagesDir, pages, 'production').run();
  } catch (err) {
    throw new Error(`parcel: ${describe(err)}`);
  }
  return { dir, pages, files: listFiles(dir), warnings };
}

/** The Parcel dev server over the pages of `entries` (see the top of the file). */
export async function serve({ name, entries, packageExports = false, scopeHoist, fixtures, port }) {
  const { pagesDir, pages } = prepare(name, entries, packageExports);
  const staticDir = path.join(HERE, 'dist', name);
  fs.rmSync(staticDir, { recursive: true, force: true });
  const bundler = parcel(name, pagesDir, pages, 'development', {
    serveOptions: { host: '127.0.0.1', port },
    hmrOptions: null,
    // Only through the API: `parcel serve` has no flag for it, and a package.json target's
    // "scopeHoist" can only turn it off (the default is on in production builds only).
    ...(scopeHoist && {
      defaultTargetOptions: { distDir: staticDir, publicUrl: '/', shouldOptimize: false, shouldScopeHoist: true },
    }),
  });
  let first;
  const ready = new Promise((resolve, reject) => (first = { resolve, reject }));
  const subscription = await bundler.watch((err, event) => {
    if (err) first.reject(new Error(`parcel: ${describe(err)}`));
    else if (event.type === 'buildFailure') first.reject(new Error(`parcel: ${describe({ diagnostics: event.diagnostics })}`));
    else if (event.type === 'buildSuccess') first.resolve();
  });
  try {
    await ready;
  } catch (err) {
    await subscription.unsubscribe();
    throw err;
  }
  // The dev server serves distDir: the fixtures go next to the pages.
  if (fixtures) fs.cpSync(fixtures, path.join(staticDir, 'fixtures'), { recursive: true });
  return { url: `http://127.0.0.1:${port}/`, pages, close: () => subscription.unsubscribe() };
}
