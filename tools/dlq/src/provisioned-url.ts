import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The DLQ tool's own broker URL from `DATA_DIR/secrets/dlq.env`, which `npm start` (through `troupe broker provision`)
 * writes: after `npm start` the workers run on the provisioned `troupe` vhost, where guest has no rights, so the tool
 * must log in as its own user to see their DLQs. Undefined when there is no such file, or when it may be read by
 * group or others (the workers refuse such a file too; the tool then falls back to the default URL).
 */
export function provisionedDlqUrl(env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  const file = path.resolve(cwd, env['DATA_DIR']?.trim() || 'data', 'secrets', 'dlq.env');
  if (!existsSync(file) || (statSync(file).mode & 0o077) !== 0) return undefined;
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry.startsWith('RABBITMQ_URL='));
  return line?.slice('RABBITMQ_URL='.length).trim() || undefined;
}
