// Where `npm run build` puts each app, and whether that build still matches the sources it was made from.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './apps.mjs';

/** The manifest next to each bundle: a digest of every workspace file it was made from, so staleness is exact. */
export const manifestName = 'build.json';
/** The event schemas the order catalogue reads at run time (`<__dirname>/schemas`), copied next to each bundle. */
export const schemasSource = path.join(workspaceRoot, 'libs', 'order-catalogue', 'src', 'schemas');

export function buildDir(app) {
  return path.join(workspaceRoot, 'dist', 'apps', app);
}

export function bundlePath(app) {
  return path.join(buildDir(app), 'main.js');
}

function digest(file) {
  return createHash('sha1').update(readFileSync(file)).digest('hex');
}

/** Workspace-relative path → content digest, for the bundle's inputs plus what shapes them without being imported. */
export function sourceDigests(inputs) {
  const schemas = readdirSync(schemasSource, { recursive: true })
    .map((entry) => path.join(schemasSource, entry))
    .filter((file) => statSync(file).isFile())
    .map((file) => path.relative(workspaceRoot, file));
  const files = [...new Set([...inputs, 'tsconfig.base.json', ...schemas])].sort();
  return Object.fromEntries(files.map((file) => [file, digest(path.join(workspaceRoot, file))]));
}

/**
 * Why the build of `app` cannot be run as is, or undefined when it is current: missing, or a file it was made from
 * (any bundled source, tsconfig.base.json, an event schema) changed, vanished or appeared since. Compares contents,
 * not times, so a checkout or a `touch` that changes nothing does not count.
 */
export function staleReason(app) {
  const bundle = bundlePath(app);
  const manifest = path.join(buildDir(app), manifestName);
  if (!existsSync(bundle) || !existsSync(manifest)) return `there is no build of ${app} (${path.relative(workspaceRoot, bundle)} is missing)`;
  const built = JSON.parse(readFileSync(manifest, 'utf8')).sources ?? {};
  const missing = Object.keys(built).find((file) => !existsSync(path.join(workspaceRoot, file)));
  if (missing) return `${missing} was removed after ${app} was built`;
  const now = sourceDigests(Object.keys(built));
  const changed = Object.keys(now).find((file) => now[file] !== built[file]);
  if (changed) return `${changed} changed after ${app} was built`;
  return undefined;
}
