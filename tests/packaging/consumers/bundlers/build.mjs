// Drives the bundlers of this consumer through their JS APIs (so that the npm aliases of the second
// versions, webpack-5.75 and vite-5, are just other module names). Imported by
// tests/packaging/bundlers.test.mjs from the temp copy of this folder, after the packed cnid-verify
// tarball has been installed next to the tools.
//
//   build({ tool, name, entries, config, format }) -> { dir, pages, files, warnings }
//     builds src/<entry>.js for each entry into dist/<name>/ for production, with one page per
//     entry, dist/<name>/<entry>.html, whose <html data-consumer> is `name`. `config` is merged
//     into the tool's own options (it is the recipe under test).
//   serve({ tool, name, entries, config, fixtures, port }) -> { url, pages, close }
//     the Vite dev server on `port` over the same pages (plus an index.html, so that the SPA
//     fallback answers unknown paths as in an app), with `fixtures` copied to its public dir.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { page } from './shared/page.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
const src = (entry) => path.join(HERE, 'src', `${entry}.js`);


const listFiles = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

function writePages(dir, name, entries, script) {
  // Vite's dependency scan reads every .html of the root: only this build's pages are there.
  if (dir === HERE) for (const f of fs.readdirSync(dir)) if (f.endsWith('.html')) fs.rmSync(path.join(dir, f));
  for (const e of entries) fs.writeFileSync(path.join(dir, `${e}.html`), page(name, script(e)));
  return entries.map((e) => `${e}.html`);
}

/** A plain object merge: objects recursively, anything else replaced. */
function merge(a, b) {
  if (!b) return a;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && a?.[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
  }
  return out;
}

async function webpackBuild(pkg, dir, entries, config) {
  const { default: webpack } = await import(pkg);
  const options = merge(
    {
      mode: 'production',
      context: HERE,
      entry: Object.fromEntries(entries.map((e) => [e, src(e)])),
      output: { path: dir, filename: '[name].js', clean: true },
      performance: { hints: false },
      infrastructureLogging: { level: 'error' },
    },
    config,
  );
  const stats = await new Promise((resolve, reject) => {
    webpack(options, (err, s) => (err ? reject(err) : resolve(s)));
  });
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  const text = (list) => list.map((e) => (typeof e === 'string' ? e : `${e.moduleName ?? ''} ${e.message}`)).join('\n');
  if (stats.hasErrors()) throw new Error(`${pkg}: ${text(info.errors)}`);
  return { warnings: text(info.warnings), script: (e) => `<script src="${e}.js"></script>` };
}

async function esbuildBuild(dir, entries, config) {
  const esbuild = await import('esbuild');
  const format = config?.format ?? 'esm';
  const r = await esbuild.build({
    absWorkingDir: HERE,
    entryPoints: Object.fromEntries(entries.map((e) => [e, src(e)])),
    bundle: true,
    minify: true,
    platform: 'browser',
    outdir: dir,
    logLevel: 'silent',
    ...config,
    format,
  });
  const warnings = r.warnings.map((w) => w.text).join('\n');
  const type = format === 'esm' ? ' type="module"' : '';
  return { warnings, script: (e) => `<script${type} src="${e}.js"></script>` };
}

async function rollupBuild(dir, entries, config) {
  const { rollup } = await import('rollup');
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const warnings = [];
  const bundle = await rollup({
    input: Object.fromEntries(entries.map((e) => [e, src(e)])),
    plugins: [nodeResolve({ browser: true })],
    onwarn: (w) => warnings.push(w.message),
    ...config,
  });
  await bundle.write({ dir, format: 'es', entryFileNames: '[name].js' });
  await bundle.close();
  return { warnings: warnings.join('\n'), script: (e) => `<script type="module" src="${e}.js"></script>` };
}

const viteScript = (e) => `<script type="module" src="/src/${e}.js"></script>`;

function viteOptions(name, config) {
  return merge(
    {
      root: HERE,
      configFile: false,
      logLevel: 'silent',
      cacheDir: path.join(HERE, 'node_modules', `.vite-${name}`),
      publicDir: false,
    },
    config,
  );
}

async function viteBuild(pkg, name, dir, entries, config) {
  const vite = await import(pkg);
  const pages = writePages(HERE, name, entries, viteScript);
  const warnings = [];
  const logger = vite.createLogger('warn');
  logger.warn = (msg) => warnings.push(msg);
  logger.warnOnce = logger.warn;
  logger.error = () => {}; // thrown by build() as well
  await vite.build(
    viteOptions(
      name,
      merge(
        {
          customLogger: logger,
          logLevel: 'warn',
          build: {
            outDir: dir,
            emptyOutDir: true,
            rollupOptions: { input: Object.fromEntries(pages.map((p) => [p.replace(/\.html$/, ''), path.join(HERE, p)])) },
          },
        },
        config,
      ),
    ),
  );
  return { warnings: warnings.join('\n'), pages };
}

/** Builds `entries` with `tool` into dist/<name>/ (see the top of the file). */
export async function build({ tool, name, entries, config }) {
  const dir = path.join(HERE, 'dist', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let r;
  if (tool.startsWith('webpack')) r = await webpackBuild(tool, dir, entries, config);
  else if (tool === 'esbuild') r = await esbuildBuild(dir, entries, config);
  else if (tool === 'rollup') r = await rollupBuild(dir, entries, config);
  else if (tool.startsWith('vite')) r = await viteBuild(tool, name, dir, entries, config);
  else throw new Error(`unknown tool ${tool}`);
  const pages = r.pages ?? writePages(dir, name, entries, r.script);
  return { dir, pages, files: listFiles(dir), warnings: r.warnings };
}

/** Starts the Vite dev server of `tool` over the pages of `entries` (see the top of the file). */
export async function serve({ tool, name, entries, config, fixtures, port }) {
  const vite = await import(tool);
  const pages = writePages(HERE, name, entries, viteScript);
  // Like an app: an index.html is what the dev server's SPA fallback answers for unknown paths.
  fs.writeFileSync(path.join(HERE, 'index.html'), page(name, '<p>index</p>'));
  const publicDir = path.join(HERE, 'dev-public');
  if (fixtures && !fs.existsSync(path.join(publicDir, 'fixtures'))) {
    fs.cpSync(fixtures, path.join(publicDir, 'fixtures'), { recursive: true });
  }
  const server = await vite.createServer(
    viteOptions(name, merge({ publicDir, server: { host: '127.0.0.1', port, strictPort: true, hmr: false } }, config)),
  );
  await server.listen();
  return { url: `http://127.0.0.1:${server.httpServer.address().port}/`, pages, close: () => server.close() };
}
