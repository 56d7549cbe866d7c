import { ConfigField, ConfigProblem } from './config-field';

interface Common<T> {
  description: string;
  /** Used when the variable is unset or empty. Without it the field is optional (undefined) unless `required`. */
  default?: T;
}

function withDefault<T>(options: Common<T>, required: boolean, parseSet: (raw: string) => T) {
  return (raw: string | undefined): T => {
    if (raw === undefined || raw.trim() === '') {
      if (options.default !== undefined) return options.default;
      if (required) throw new ConfigProblem('is required but not set');
      return undefined as T;
    }
    return parseSet(raw.trim());
  };
}

export function integerField(options: Common<number> & { min?: number; max?: number }): ConfigField<number> {
  const min = options.min ?? Number.MIN_SAFE_INTEGER;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return {
    description: options.description,
    defaultText: options.default === undefined ? undefined : String(options.default),
    parse: withDefault(options, true, (raw) => {
      const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new ConfigProblem(`must be an integer between ${min} and ${max}, got "${raw}"`);
      }
      return value;
    }),
  };
}

export function stringField(options: Common<string> & { pattern?: RegExp; patternHint?: string }): ConfigField<string> {
  return {
    description: options.description,
    defaultText: options.default === '' ? "''" : options.default,
    parse: withDefault(options, options.default === undefined, (raw) => {
      if (options.pattern && !options.pattern.test(raw)) {
        throw new ConfigProblem(`must be ${options.patternHint ?? `match ${options.pattern}`}, got "${raw}"`);
      }
      return raw;
    }),
  };
}

export function optionalStringField(options: { description: string }): ConfigField<string | undefined> {
  return { description: options.description, parse: withDefault<string | undefined>(options, false, (raw) => raw) };
}

export function enumField<V extends string>(options: Common<V> & { values: readonly V[] }): ConfigField<V> {
  return {
    description: options.description,
    defaultText: options.default,
    parse: withDefault(options, true, (raw) => {
      if (!(options.values as readonly string[]).includes(raw)) {
        throw new ConfigProblem(`must be one of ${options.values.join(', ')}, got "${raw}"`);
      }
      return raw as V;
    }),
  };
}

export function booleanField(options: Common<boolean>): ConfigField<boolean> {
  return {
    description: options.description,
    defaultText: options.default === undefined ? undefined : String(options.default),
    parse: withDefault(options, true, (raw) => {
      if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
      if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
      throw new ConfigProblem(`must be true or false, got "${raw}"`);
    }),
  };
}

interface UrlOptions {
  description: string;
  /** Accepted schemes without the colon, e.g. ['amqp', 'amqps']. */
  protocols: readonly string[];
}

function parseUrl(raw: string, protocols: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The raw value may hold credentials, so it is not echoed.
    throw new ConfigProblem(`must be a valid URL (${protocols.map((p) => `${p}://…`).join(' or ')})`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!protocols.includes(scheme)) {
    throw new ConfigProblem(`must use ${protocols.map((p) => `${p}://`).join(' or ')}, got "${scheme}://"`);
  }
  return raw;
}

export function urlField(options: UrlOptions & { default: string }): ConfigField<string> {
  return {
    description: options.description,
    defaultText: options.default,
    secret: true,
    parse: withDefault(options, true, (raw) => parseUrl(raw, options.protocols)),
  };
}

export function optionalUrlField(options: UrlOptions): ConfigField<string | undefined> {
  return {
    description: options.description,
    secret: true,
    parse: withDefault<string | undefined>(options, false, (raw) => parseUrl(raw, options.protocols)),
  };
}

/**
 * A credential such as a bearer token: optional, at least `minLength` characters of `[A-Za-z0-9._~+/=-]` (RFC 6750
 * token characters), never echoed in errors and masked whole in the logged configuration.
 */
export function optionalSecretField(options: { description: string; minLength: number }): ConfigField<string | undefined> {
  const pattern = new RegExp(`^[A-Za-z0-9._~+/=-]{${options.minLength},}$`);
  return {
    description: options.description,
    secret: true,
    parse: withDefault<string | undefined>(options, false, (raw) => {
      if (!pattern.test(raw)) throw new ConfigProblem(`must be at least ${options.minLength} characters of A-Z a-z 0-9 . _ ~ + / = - (value not shown)`);
      return raw;
    }),
  };
}
