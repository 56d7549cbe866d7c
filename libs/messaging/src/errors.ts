/**
 * Thrown by a handler when retrying cannot help (the event contradicts the service's state for good,
 * a bug in an emitted event): the message goes to the DLQ at once with this error as its reason.
 */
export class NonRecoverableError extends Error {
  override readonly name = 'NonRecoverableError';
}

/** The broker is unreachable right now; the caller's work stays in the outbox and is relayed later. */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
}

// Persistence errors are recognised by name so this lib does not depend on one adapter's classes' identity.
export function isConcurrencyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConcurrencyError';
}

export function isDuplicateKeyIn(error: unknown, collection: string): boolean {
  return error instanceof Error && error.name === 'DuplicateKeyError' && (error as { collection?: unknown }).collection === collection;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
