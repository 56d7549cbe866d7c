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

/**
 * A mandatory publish the broker could not route: no queue is bound for it (`no-route`, a `basic.return`) or
 * its exchange does not exist (`no-exchange`, the channel closed with 404). The broker confirmed it, but it was
 * delivered nowhere: the caller must keep the message (requeue the delivery, leave the outbox row pending).
 */
export class UnroutableError extends Error {
  override readonly name = 'UnroutableError';
  constructor(
    readonly exchange: string,
    readonly routingKey: string,
    readonly reason: 'no-route' | 'no-exchange' | string,
    readonly replyText: string,
  ) {
    super(`publish to '${exchange}' with routing key '${routingKey}' was unroutable (${reason}): ${replyText}`);
  }
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
