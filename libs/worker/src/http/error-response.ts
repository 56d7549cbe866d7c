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
  /** On a 413: the route's body limit in bytes. */
  limitBytes?: number;
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
    return { field, message: issueMessage(issue, params) };
  });
}

function issueMessage(issue: ValidationIssue, params: Record<string, unknown>): string {
  if (params.additionalProperty !== undefined) return 'is not allowed';
  if (params.missingProperty !== undefined) return 'is required';
  // ajv says "must be equal to one of the allowed values" and leaves the values in params: a client needs them.
  if (issue.keyword === 'enum' && Array.isArray(params.allowedValues)) return `must be one of ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  return issue.message ?? 'is invalid';
}

/** 65536 → "64 KiB", 1048576 → "1 MiB", 1000 → "1000 bytes": the limit as an operator configured it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function describeInvalid(part: string, fields: InvalidField[]): string {
  return `invalid ${part}: ${fields.map(({ field, message }) => (field ? `${field} ${message}` : message)).join('; ')}`;
}
