import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';

const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: workspaceRoot });

/** Lints `code` as if it were the file at `relativePath` and returns the module-boundary messages only. */
export async function boundaryErrorsAt(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(workspaceRoot, relativePath) });
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

/**
 * The boundary rule reads Nx's cached project graph and silently skips itself when there is none
 * (a fresh clone) or lints against a stale one: refresh it first, as `nx run-many -t lint` would.
 */
export function refreshProjectGraph(): void {
  const nx = path.join(workspaceRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  execFileSync(process.execPath, [nx, 'show', 'projects'], { cwd: workspaceRoot, stdio: 'ignore', env: { ...process.env, NX_DAEMON: 'false' } });
}
