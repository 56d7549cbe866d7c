import type { FastifyError } from 'fastify';

export interface InvalidField {
  /** Dotted path into the request part, e.g. `items[0].quantity`; empty for the part as a whole. */
  field: string;
  message: string;
}

export interface ErrorBody {
  /** The HTTP reason phrase, e.g. "Bad Request". */
  error: string;
  message: string;
  /** Fastify's error code when it raised the error, e.g. FST_ERR_CTP_BODY_TOO_LARGE. */
  code?: string;
  fields?: InvalidField[];
}

type ValidationIssue = NonNullable<FastifyError['validation']>[number];

/** Turns ajv's JSON pointers into the field a client would recognise, including the missing or extra one. */
export function invalidFields(issues: readonly ValidationIssue[]): InvalidField[] {
  return issues.map((issue) => {
    const params = issue.params as Record<string, unknown>;
    const leaf = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const segments = issue.instancePath.split('/').filter(Boolean);
    if (leaf !== undefined) segments.push(leaf);
    const field = segments.map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
    const message = params.additionalProperty !== undefined ? 'is not allowed' : params.missingProperty !== undefined ? 'is required' : (issue.message ?? 'is invalid');
    return { field, message };
  });
}

export function describeInvalid(part: string, fields: InvalidField[]): string {
  return `invalid ${part}: ${fields.map(({ field, message }) => (field ? `${field} ${message}` : message)).join('; ')}`;
}
