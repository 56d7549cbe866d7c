// The ADMIN_TOKEN `npm start` gives every worker, so the admin routes (PUT /stock/:sku, repairs, POST /runs) are
// guarded on a fresh clone without any configuration: ADMIN_TOKEN from the environment if set, else the one kept in
// data/secrets/admin-token (created on first use: 32 random bytes, base64url, file mode 0600, directory 0700).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { workspaceRoot } from './apps.mjs';

export const adminTokenFile = path.join(workspaceRoot, 'data', 'secrets', 'admin-token');

/** @returns {{ token: string, source: string }} the token and where it came from, for the start banner. */
export function ensureAdminToken(env = process.env, file = adminTokenFile) {
  if (env.ADMIN_TOKEN) return { token: env.ADMIN_TOKEN, source: 'ADMIN_TOKEN from the environment' };
  if (existsSync(file)) {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return { token, source: path.relative(workspaceRoot, file) };
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, source: `${path.relative(workspaceRoot, file)} (generated now)` };
}
