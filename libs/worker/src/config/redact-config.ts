import type { ConfigFields } from './config-field';

/** The effective configuration, safe to log: credentials in secret URL fields are masked, other secrets hidden whole. */
export function redactConfig(fields: ConfigFields, config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    const value = config[name];
    shown[name] = fields[name]!.secret && typeof value === 'string' ? maskCredentials(value) : value;
  }
  return shown;
}

function maskCredentials(value: string): string {
  // A list of node URLs (RABBITMQ_URL of a cluster) is masked element by element. Only when every element is a URL:
  // a MongoDB URL lists its hosts with commas too (mongodb://<user>:<password>@db1,db2/…), and stays one URL.
  const elements = value.split(',');
  if (elements.length > 1 && elements.every((element) => hasAuthority(element.trim()))) return elements.map((element) => maskOne(element.trim())).join(',');
  return maskOne(value);
}

function hasAuthority(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

function maskOne(value: string): string {
  // Only a URL with an authority keeps its shape: "abc:def" would parse as a URL with scheme "abc" and nothing masked.
  if (!hasAuthority(value)) return '***';
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
}
