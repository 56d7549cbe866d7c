/**
 * One environment variable, declared: what it means, its default, and how a raw string becomes a typed value.
 * `parse` throws a ConfigProblem with a short, human sentence; loadConfig adds the variable name.
 */
export interface ConfigField<T> {
  readonly description: string;
  /** Shown in docs and errors; undefined means "unset" is a legal value. */
  readonly defaultText?: string;
  /** Secrets (URLs with credentials) are never echoed back in error messages. */
  readonly secret?: boolean;
  /** Receives the raw value, or undefined when the variable is unset or empty. */
  parse(raw: string | undefined): T;
}

export type ConfigFields = Record<string, ConfigField<unknown>>;

/** The typed object loadConfig returns for a set of fields. */
export type ConfigOf<F extends ConfigFields> = { readonly [K in keyof F]: F[K] extends ConfigField<infer T> ? T : never };

/** Why a raw value was refused, phrased to follow the variable name ("must be …"). */
export class ConfigProblem extends Error {}
