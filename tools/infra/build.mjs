#!/usr/bin/env node
// `npm run build`: bundles each app's src/main.ts into dist/apps/<app>/main.js — plain CommonJS for node 20, with
// a source map — so a production start is `node dist/apps/<app>/main.js`: no tsx, no Nx, no TypeScript at run time.
// `@troupe/*` aliases resolve from tsconfig.base.json and are bundled; every npm package stays external and is
// required from node_modules as usual (native better-sqlite3, pino's worker-thread transports, OpenTelemetry's
// instrumentation all keep working because they are not rewritten).
//
// Usage: node tools/infra/build.mjs [app…]   (no names: every app with a serve target)
//        node tools/infra/build.mjs --postinstall   (as above; skips quietly when esbuild is not installed,
//                                                    e.g. `npm ci --omit=dev` with a shipped dist/)
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { servedApps, workspaceRoot } from './apps.mjs';
import { buildDir, manifestName, schemasSource, sourceDigests } from './build-layout.mjs';

const args = process.argv.slice(2);
const postinstall = args.includes('--postinstall');
const names = args.filter((arg) => !arg.startsWith('--'));

let esbuild;
try {
  esbuild = createRequire(import.meta.url)('esbuild');
} catch (error) {
  if (postinstall) {
    console.log('[build] esbuild is not installed (production install?): skipping the build; dist/ is used as shipped.');
    process.exit(0);
  }
  throw error;
}

const known = servedApps().map((app) => app.name);
const unknown = names.filter((name) => !known.includes(name));
if (unknown.length > 0) {
  console.error(`[build] unknown app ${unknown.join(', ')}; apps: ${known.join(', ')}`);
  process.exit(2);
}
const apps = names.length > 0 ? names : known;

const started = Date.now();
const results = await Promise.all(apps.map((app) => buildApp(app)));
const totalKb = results.reduce((sum, result) => sum + result.bytes, 0) / 1024;
console.log(`[build] ${apps.length} app(s) → dist/apps/ in ${Date.now() - started} ms (${totalKb.toFixed(0)} KiB of JavaScript)`);

async function buildApp(app) {
  const outdir = buildDir(app);
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: workspaceRoot,
    entryPoints: [path.join('apps', app, 'src', 'main.ts')],
    outfile: path.join(outdir, 'main.js'),
    write: false,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // Only relative imports and `@troupe/*` (tsconfig paths) are bundled; every npm package is required at run time.
    packages: 'external',
    tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  // Each file is replaced by a rename, never rewritten in place: a worker starting meanwhile (a test, a supervisor's
  // restart) reads either the old build or the new one, never half a file.
  for (const file of result.outputFiles) replaceFile(file.path, file.contents);
  // The order catalogue reads its schema files from `<__dirname>/schemas`; in the bundle __dirname is outdir.
  const schemasOut = path.join(outdir, 'schemas');
  const wanted = readdirSync(schemasSource, { recursive: true }).filter((entry) => statSync(path.join(schemasSource, entry)).isFile());
  for (const entry of wanted) replaceFile(path.join(schemasOut, entry), readFileSync(path.join(schemasSource, entry)));
  if (existsSync(schemasOut)) {
    for (const entry of readdirSync(schemasOut, { recursive: true })) {
      const file = path.join(schemasOut, entry);
      if (statSync(file).isFile() && !wanted.includes(entry)) rmSync(file);
    }
  }
  const client = await buildClient(app, outdir);
  const inputs = [...Object.keys(result.metafile.inputs), ...client.inputs].filter((input) => !input.startsWith('node_modules/'));
  const manifest = { app, builtAt: new Date().toISOString(), sources: sourceDigests(inputs) };
  replaceFile(path.join(outdir, manifestName), `${JSON.stringify(manifest, null, 2)}\n`);
  const bytes = [...result.outputFiles, ...client.outputFiles].reduce((sum, file) => sum + file.contents.length, 0);
  return { app, bytes };
}

// An app with a browser client (apps/<app>/src/client/main.ts: the saga board) gets it bundled into
// dist/apps/<app>/public/client.{js,css}, beside the server that serves it: built here, never fetched at run time.
async function buildClient(app, outdir) {
  const entry = path.join('apps', app, 'src', 'client', 'main.ts');
  if (!existsSync(path.join(workspaceRoot, entry))) return { inputs: [], outputFiles: [] };
  const result = await esbuild.build({
    absWorkingDir: workspaceRoot,
    entryPoints: [entry],
    outfile: path.join(outdir, 'public', 'client.js'),
    write: false,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  for (const file of result.outputFiles) replaceFile(file.path, file.contents);
  return { inputs: Object.keys(result.metafile.inputs), outputFiles: result.outputFiles };
}

function replaceFile(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}
