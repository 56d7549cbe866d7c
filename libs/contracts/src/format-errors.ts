import type { ErrorObject } from 'ajv';

/**
 * Turns ajv errors into one line each, naming the failing JSON pointer (prefixed, e.g. with `/data`) and, where
 * ajv keeps it in params, the offending property or the allowed values: enough to fix the producer from a DLQ entry.
 */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined, prefix = ''): string[] {
  if (!errors || errors.length === 0) return [`${prefix || '/'}: invalid`];
  return errors.map((error) => {
    const where = `${prefix}${error.instancePath}` || '/';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'additionalProperties') return `${where}: must NOT have additional property '${String(params.additionalProperty)}'`;
    if (error.keyword === 'required') return `${where}: must have required property '${String(params.missingProperty)}'`;
    if (error.keyword === 'enum') return `${where}: must be one of ${JSON.stringify(params.allowedValues)}`;
    if (error.keyword === 'const') return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
    return `${where}: ${error.message ?? error.keyword}`;
  });
}
