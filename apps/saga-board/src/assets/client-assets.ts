import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ClientAssets {
  script: string;
  style: string;
}

/**
 * The browser client, built locally and served by the board itself (nothing is fetched from elsewhere at run time).
 * `npm run build` writes it next to the server bundle (dist/apps/saga-board/public); run from TypeScript (tsx: the
 * tests, a developer), it is bundled here on first use with esbuild, which tsx itself depends on.
 */
export function loadClientAssets(builtDir = path.join(__dirname, 'public')): ClientAssets {
  const script = path.join(builtDir, 'client.js');
  const style = path.join(builtDir, 'client.css');
  if (existsSync(script) && existsSync(style)) return { script: readFileSync(script, 'utf8'), style: readFileSync(style, 'utf8') };
  return bundleFromSources();
}

export const clientEntry = path.resolve(__dirname, '..', 'client', 'main.ts');

function bundleFromSources(): ClientAssets {
  let esbuild: typeof import('esbuild');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    esbuild = require('esbuild');
  } catch {
    throw new Error('the saga board client is not built (no public/client.js beside the bundle) and esbuild is not installed: run `npm run build`');
  }
  const result = esbuild.buildSync({ ...clientBuildOptions(), entryPoints: [clientEntry], outdir: 'out', write: false });
  const text = (suffix: string) => result.outputFiles.find((file) => file.path.endsWith(suffix))?.text ?? '';
  return { script: text('.js'), style: text('.css') };
}

/** The esbuild options of the client, shared with tools/infra/build.mjs in spirit: browser, one file, no source map. */
export function clientBuildOptions() {
  return { bundle: true, platform: 'browser' as const, format: 'iife' as const, target: 'es2020', minify: true, logLevel: 'silent' as const, legalComments: 'none' as const };
}
