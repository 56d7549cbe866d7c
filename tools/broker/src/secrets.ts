import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `data/secrets/<who>.env`: one line `RABBITMQ_URL=amqp://<user>:<password>@<host>:<port>/<vhost>`, mode 0600 in a
 * 0700 directory. The worker reads it at start when RABBITMQ_URL is not set (libs/worker, service-secrets.ts).
 */
export interface BrokerSecret {
  user: string;
  password: string;
  url: string;
}

export function secretFile(directory: string, who: string): string {
  return path.join(directory, `${who}.env`);
}

export function secretUrl(amqpBase: string, vhost: string, user: string, password: string): string {
  const url = new URL(amqpBase);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  url.pathname = `/${encodeURIComponent(vhost)}`;
  url.search = '';
  return url.toString();
}

export function readSecret(directory: string, who: string): BrokerSecret | undefined {
  const file = secretFile(directory, who);
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry.startsWith('RABBITMQ_URL='));
  if (!line) return undefined;
  try {
    const url = new URL(line.slice('RABBITMQ_URL='.length));
    return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), url: url.toString() };
  } catch {
    return undefined;
  }
}

/** Writes the file atomically with mode 0600 (and the directory 0700); answers whether its content changed. */
export function writeSecret(directory: string, who: string, url: string): boolean {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  chmodSync(directory, 0o700);
  const file = secretFile(directory, who);
  const content = `RABBITMQ_URL=${url}\n`;
  if (existsSync(file) && readFileSync(file, 'utf8') === content) {
    chmodSync(file, 0o600);
    return false;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return true;
}
