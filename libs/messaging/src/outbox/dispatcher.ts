import type { Collection, Store } from '@troupe/persistence';
import type { Tracing } from '@troupe/tracing';
import { eventProperties } from '../codec/amqp-message';
import type { ConfirmPublisher } from '../publish/confirm-publisher';
import { describeError, isConcurrencyError, UnroutableError } from '../errors';
import type { MessagingLogger } from '../logger';
import type { MessagingMetrics } from '../metrics';
import { outboxCollection, type OutboxRow } from './row';
import { messagingDefaults } from '../messaging-defaults';

/** How long an outbox event may stay unroutable (no queue bound to its type) before it is given up. Default 5 min. */
export const defaultUnroutableGraceMs: number = messagingDefaults.outbox.unroutableGraceMs;

/**
 * Publishes outbox rows with confirms and marks them sent. Marks are collected for `markDelayMs` and written
 * in one store transaction, off the caller's path: on a durable store every commit costs an fsync, and one
 * per batch instead of one per event is what keeps the hop near bare-broker throughput. A row confirmed
 * but not yet marked is at worst published again by the relay; consumers drop the copy through their inbox.
 *
 * Publishes are mandatory. An event the events exchange routed to no queue (`UnroutableError`) is not sent: its
 * row stays pending and the relay tries again after the lease, until the row is `unroutableGraceMs` old; then
 * it is given up (marked sent, `unroutableDropped` metric, an error log). See "Returned messages" in the README.
 */
export class OutboxDispatcher {
  private unmarked: OutboxRow[] = [];
  private marking: Promise<void> | undefined;
  private markTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly publisher: ConfirmPublisher,
    private readonly exchange: string,
    private readonly metrics: MessagingMetrics,
    private readonly logger: MessagingLogger,
    private readonly tracing: Tracing,
    /** Must stay well below the outbox lease, or relays would republish rows already confirmed. */
    private readonly markDelayMs = 100,
    private readonly unroutableGraceMs = defaultUnroutableGraceMs,
  ) {}

  /** Publishes rows pipelined in the given order; resolves once each is confirmed or failed. Returns the failures. */
  async dispatch(rows: readonly OutboxRow[]): Promise<OutboxRow[]> {
    const outcomes = await Promise.allSettled(rows.map((row) => this.publishRow(row)));
    const failed = rows.filter((_, index) => outcomes[index]!.status === 'rejected');
    if (failed.length > 0) {
      const reason = (outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult).reason;
      this.logger.warn({ failed: failed.length, err: describeError(reason) }, 'outbox rows left for the relay');
      await this.releaseLeases(failed);
    }
    return failed;
  }

  /** Publishes rows one after another, stopping at the first failure: keeps per-saga order strict. */
  async dispatchInOrder(rows: readonly OutboxRow[]): Promise<number> {
    let published = 0;
    for (const row of rows) {
      try {
        await this.publishRow(row);
        published += 1;
      } catch (error) {
        this.logger.warn({ eventId: row._id, err: describeError(error) }, 'relay publish failed');
        break;
      }
    }
    return published;
  }

  /** Marks every confirmed row sent now and waits for it (graceful stop). */
  async flush(): Promise<void> {
    if (this.markTimer) clearTimeout(this.markTimer);
    this.markTimer = undefined;
    while (this.marking || this.unmarked.length > 0) await this.startMarking();
  }

  private async publishRow(row: OutboxRow): Promise<void> {
    const properties = eventProperties(row.event, row.traceparent);
    try {
      // A child of the context stored with the row, whoever publishes it (writer or relay, before or after a restart).
      const handedOver = performance.now();
      await this.tracing.withPublishSpan(row.event, properties.headers!, () => this.publisher.publish(this.exchange, row.routingKey, Buffer.from(JSON.stringify(row.event)), properties), {
        destination: this.exchange,
        parent: row.traceparent ?? null,
      });
      this.metrics.publishConfirmLatency(row.routingKey, (performance.now() - handedOver) / 1000);
      this.metrics.published(row.routingKey);
    } catch (error) {
      const ageMs = Date.now() - row.createdAt;
      // Pending (the relay tries again) unless no queue has wanted this event for the whole grace period.
      if (!(error instanceof UnroutableError) || error.reason !== 'no-route' || ageMs < this.unroutableGraceMs) throw error;
      this.metrics.unroutableDropped(row.routingKey);
      this.logger.error({ eventId: row._id, routingKey: row.routingKey, ageMs }, 'outbox event routed to no queue for longer than unroutableGraceMs; given up and marked sent');
    }
    this.unmarked.push(row);
    this.markTimer ??= setTimeout(() => {
      this.markTimer = undefined;
      void this.startMarking();
    }, this.markDelayMs);
  }

  private startMarking(): Promise<void> {
    // Deferred a tick: `markSent` clears `marking` when done, which must never happen before it is set.
    this.marking ??= Promise.resolve().then(() => this.markSent());
    return this.marking;
  }

  private async markSent(): Promise<void> {
    try {
      while (this.unmarked.length > 0) {
        const batch = this.unmarked;
        this.unmarked = [];
        const sentAt = Date.now();
        try {
          // Relaxed durability: losing a "sent" mark to a power cut only makes the relay publish the row again,
          // which the consumers' inbox absorbs; it is not worth an fsync per batch on the hot path.
          await this.store.transaction(async (session) => {
            const rows = session.collection<OutboxRow>(outboxCollection);
            for (const row of batch) await markSent(rows, row, sentAt);
          }, { durability: 'relaxed' });
        } catch (error) {
          this.logger.warn({ rows: batch.length, err: describeError(error) }, 'could not mark outbox rows sent; the relay will publish them again');
        }
      }
    } finally {
      this.marking = undefined;
    }
  }

  /** Hands failed rows to the relay at once instead of after the writer's lease expires. */
  private async releaseLeases(rows: readonly OutboxRow[]): Promise<void> {
    const collection = this.store.collection<OutboxRow>(outboxCollection);
    for (const row of rows) {
      await collection.update({ ...row, leaseUntil: 0 }, row.version ?? 1).catch(() => undefined);
    }
  }
}

/**
 * A plain versioned update (cheaper than an upsert's JSON rewrite in SQL); if a relay claimed the row meanwhile
 * (its lease ran out during a slow publish) the version moved on, and the row is overwritten as sent anyway:
 * it was published, which is all "sent" claims.
 */
async function markSent(rows: Collection<OutboxRow>, row: OutboxRow, sentAt: number): Promise<void> {
  const sent: OutboxRow = { ...row, status: 'sent', sentAt, leaseUntil: sentAt };
  try {
    await rows.update(sent, row.version ?? 1);
  } catch (error) {
    if (!isConcurrencyError(error)) throw error;
    await rows.upsert(sent);
  }
}
