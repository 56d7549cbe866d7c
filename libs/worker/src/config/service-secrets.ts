import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolvedEnvironment {
  env: Environment;
  /** Where RABBITMQ_URL came from, for the start log: 'environment', the secrets file's path, or 'default'. */
  rabbitmqUrlFrom: string;
}

/** `DATA_DIR/secrets/<service>.env`, written by `npx troupe broker provision` (DATA_DIR relative to the working directory). */
export function serviceSecretsFile(env: Environment, service: string): string {
  const dataDir = env['DATA_DIR']?.trim() || 'data';
  return path.join(dataDir, 'secrets', `${service}.env`);
}

/**
 * Fills RABBITMQ_URL from the service's secrets file when the environment does not set it: the least-privilege
 * credentials `troupe broker provision` generated. An explicit RABBITMQ_URL always wins; no file → the default
 * (guest on localhost). Only `RABBITMQ_URL=` lines are read. A file that group or others may read is refused, so a
 * password never sits readable where it was not meant to.
 */
export function withServiceSecrets(env: Environment, service: string): ResolvedEnvironment {
  if (env['RABBITMQ_URL']?.trim()) return { env, rabbitmqUrlFrom: 'environment' };
  const file = serviceSecretsFile(env, service);
  if (!existsSync(file)) return { env, rabbitmqUrlFrom: 'default' };
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new ConfigError('RABBITMQ_URL', `from ${file}: the file is readable by group or others; chmod 600 it`);
  }
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry.startsWith('RABBITMQ_URL='));
  const url = line?.slice('RABBITMQ_URL='.length).trim();
  if (!url) throw new ConfigError('RABBITMQ_URL', `from ${file}: no RABBITMQ_URL=<url> line`);
  return { env: { ...env, RABBITMQ_URL: url }, rabbitmqUrlFrom: file };
}
