import { ConfigError } from './config-error';
import { ConfigFields, ConfigOf, ConfigProblem } from './config-field';

/**
 * Reads every declared field from `env` once; the first invalid one throws a ConfigError naming it.
 * Undeclared variables are ignored, so the process environment can carry anything else.
 */
export function loadConfig<F extends ConfigFields>(env: Readonly<Record<string, string | undefined>>, fields: F): ConfigOf<F> {
  const config: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    try {
      config[name] = field.parse(env[name]);
    } catch (error) {
      if (error instanceof ConfigProblem) throw new ConfigError(name, error.message);
      throw error;
    }
  }
  return Object.freeze(config) as ConfigOf<F>;
}
