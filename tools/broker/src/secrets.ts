import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseBrokerUrls } from '@troupe/messaging';

/**
 * `data/secrets/<who>.env`: one line `RABBITMQ_URL=amqp://<user>:<password>@<host>:<port>/<vhost>`, mode 0600 in a
 * 0700 directory; for a cluster, one such URL per node, comma-separated, the same user and password in each. The
 * worker reads it at start when RABBITMQ_URL is not set (libs/worker, service-secrets.ts).
 */
export interface BrokerSecret {
  user: string;
  password: string;
  url: string;
}

export function secretFile(directory: string, who: string): string {
  return path.join(directory, `${who}.env`);
}

/**
 * `--amqp-url`'s value: one node or a cluster's nodes, comma-separated. Each keeps only its scheme, host and port
 * (any credentials, vhost or query in it are the caller's, not the service's); parsed as the workers parse
 * RABBITMQ_URL, so a list provision accepts is one every worker accepts.
 */
export function amqpBases(value: string): string[] {
  return parseBrokerUrls(value).map((entry) => {
    const url = new URL(entry);
    return `${url.protocol}//${url.host}`;
  });
}

/** The service's RABBITMQ_URL: its user, password and vhost on every node of `amqpBase` (comma-separated when several). */
export function secretUrl(amqpBase: string, vhost: string, user: string, password: string): string {
  return amqpBases(amqpBase)
    .map((base) => {
      const url = new URL(base);
      url.username = encodeURIComponent(user);
      url.password = encodeURIComponent(password);
      url.pathname = `/${encodeURIComponent(vhost)}`;
      return url.toString();
    })
    .join(',');
}

export function readSecret(directory: string, who: string): BrokerSecret | undefined {
  const file = secretFile(directory, who);
  if (!existsSync(file)) return undefined;
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .map((entry) => entry.trim())
    .find((entry) => entry.startsWith('RABBITMQ_URL='));
  if (!line) return undefined;
  const value = line.slice('RABBITMQ_URL='.length).trim();
  try {
    // Every node of a list carries the same user and password (secretUrl writes them so): the first one tells.
    const nodes = parseBrokerUrls(value);
    const url = new URL(nodes[0]!);
    return { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), url: nodes.length > 1 ? nodes.join(',') : url.toString() };
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
