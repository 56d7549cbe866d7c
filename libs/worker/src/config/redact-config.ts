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
  // Only a URL with an authority keeps its shape: "abc:def" would parse as a URL with scheme "abc" and nothing masked.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return '***';
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
}
