/**
 * Matching `basic.return`s to the publishes they belong to. Every mandatory publish carries a per-publish id
 * in a header; the broker sends the return (with the message's properties) before the confirm of that same
 * publish, so by the time a publish's confirm callback runs, its return, if any, has been recorded here.
 * Pure bookkeeping, no amqplib: unit-tested in returns.spec.ts.
 */
export const publishIdHeader = 'x-troupe-publish-id';

export interface ReturnedPublish {
  exchange: string;
  routingKey: string;
  replyCode: number;
  replyText: string;
}

export class ReturnCorrelator {
  private readonly outstanding = new Map<string, ReturnedPublish | undefined>();
  private next = 0;

  /** A publish is about to be sent: the id to put in its `publishIdHeader`. */
  begin(): string {
    const id = String(++this.next);
    this.outstanding.set(id, undefined);
    return id;
  }

  /** A `basic.return` arrived; false when it belongs to no outstanding publish (not ours, or already settled). */
  returned(headers: Record<string, unknown> | undefined, returned: ReturnedPublish): boolean {
    const raw = headers?.[publishIdHeader];
    const id = Buffer.isBuffer(raw) ? raw.toString() : raw;
    if (typeof id !== 'string' || !this.outstanding.has(id) || this.outstanding.get(id) !== undefined) return false;
    this.outstanding.set(id, returned);
    return true;
  }

  /** The publish was confirmed, nacked or lost with its channel: what came back for it, if anything. Forgets it. */
  settle(id: string): ReturnedPublish | undefined {
    const returned = this.outstanding.get(id);
    this.outstanding.delete(id);
    return returned;
  }

  /** Publishes begun and not settled yet. */
  size(): number {
    return this.outstanding.size;
  }
}

/** AMQP reply codes of a `basic.return`, as metric and log labels. */
export function returnReason(replyCode: number): string {
  if (replyCode === 312) return 'no-route';
  if (replyCode === 313) return 'no-consumers';
  return `reply-${replyCode}`;
}

/** The exchange named by a channel's 404 close ("NOT_FOUND - no exchange 'x' in vhost '/'"), if that is what it was. */
export function missingExchange(closeMessage: string): string | undefined {
  return /no exchange '([^']*)'/.exec(closeMessage)?.[1];
}
