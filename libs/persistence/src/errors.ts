/**
 * The store's error vocabulary. Callers branch on these classes (retry on ConcurrencyError, treat
 * DuplicateKeyError as "already done", back off on StoreUnavailableError), never on driver codes.
 */

/** A document with the same `_id`, or the same value under a unique index, already exists. */
export class DuplicateKeyError extends Error {
  override readonly name = 'DuplicateKeyError';
  constructor(
    readonly collection: string,
    readonly id: string,
    /** The unique index that was violated; undefined when it was `_id` itself. */
    readonly index?: string,
    options?: { cause?: unknown },
  ) {
    super(
      index === undefined
        ? `Duplicate key in collection "${collection}": _id "${id}" already exists`
        : `Duplicate key in collection "${collection}": document "${id}" violates unique index "${index}"`,
      options,
    );
  }
}

/** An optimistic update lost the race: the stored version is not the one the caller read. */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expectedVersion: number,
    /** The version found instead; undefined when the document does not exist (any more). */
    readonly actualVersion: number | undefined,
  ) {
    super(
      `Concurrency conflict on "${collection}/${id}": expected version ${expectedVersion}, ` +
        (actualVersion === undefined ? 'but the document does not exist' : `found version ${actualVersion}`),
    );
  }
}

/** The store cannot serve the request right now (closed, locked too long, server unreachable). Usually worth retrying later. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A collection or field name that the store refuses, because names end up inside queries. */
export class InvalidNameError extends TypeError {
  override readonly name = 'InvalidNameError';
  constructor(kind: 'collection' | 'field', value: unknown, rule: string) {
    super(`Invalid ${kind} name ${JSON.stringify(value)}: ${rule}`);
  }
}
