import type { ConfigFields } from './config-field';

/** The effective configuration, safe to log: credentials in secret URL fields are masked. */
export function redactConfig(fields: ConfigFields, config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    const value = config[name];
    shown[name] = fields[name]!.secret && typeof value === 'string' ? maskCredentials(value) : value;
  }
  return shown;
}

function maskCredentials(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
}
