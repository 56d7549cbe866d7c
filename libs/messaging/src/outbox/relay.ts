import type { Store } from '@troupe/persistence';
import { describeError, isConcurrencyError } from '../errors';
import { inboxCollection } from '../consume/inbox';
import type { MessagingLogger } from '../logger';
import type { OutboxDispatcher } from './dispatcher';
import { outboxCollection, type OutboxRow } from './row';
import { messagingDefaults } from '../messaging-defaults';

export interface OutboxRelayOptions {
  /** Sweep period for rows nobody published (crash, broker down). Default 1000 ms. */
  intervalMs?: number;
  /** How long a claim (the writer's or a relay's) keeps other relays off a row. Default 10000 ms. */
  leaseMs?: number;
  /** Rows claimed per sweep. Default 200. */
  batchSize?: number;
  /** Sent rows are deleted after this long. Default 24 h. */
  sentRetentionMs?: number;
  /** Inbox entries (processed message ids) are deleted after this long. Default 7 days. */
  inboxRetentionMs?: number;
  /**
   * An event the events exchange routes to no queue stays pending (retried after each lease) until it is this
   * old, then it is given up: marked sent, with the `unroutableDropped` metric and an error log. Default 5 min.
   */
  unroutableGraceMs?: number;
}

export const defaultLeaseMs: number = messagingDefaults.outbox.leaseMs;

/**
 * Sweeps pending rows whose lease has expired, claims them with an optimistic version check (so two
 * instances never both claim a row while a lease holds) and publishes each saga's rows in sequence order.
 * A publish slower than the lease may lead to a second publish; consumers' inboxes make that harmless.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private lastPrune = 0;
  private readonly intervalMs: number;
  private readonly leaseMs: number;

  constructor(
    private readonly store: Store,
    private readonly dispatcher: OutboxDispatcher,
    private readonly logger: MessagingLogger,
    /** False while the broker is unreachable: claiming then would only park rows behind a useless lease. */
    private readonly canPublish: () => boolean,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? messagingDefaults.outbox.intervalMs;
    this.leaseMs = options.leaseMs ?? defaultLeaseMs;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.sweep(), this.intervalMs);
  }

  /** Runs one sweep now unless one is running; resolves when that sweep ends. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .catch((error: unknown) => this.logger.warn({ err: describeError(error) }, 'outbox sweep failed'))
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    if (!this.canPublish()) return;
    const now = Date.now();
    const rows = this.store.collection<OutboxRow>(outboxCollection);
    const due = await rows.find({ status: 'pending', leaseUntil: { $lt: now } }, { sort: { seq: 1 }, limit: this.options.batchSize ?? messagingDefaults.outbox.batchSize });
    const claimed: OutboxRow[] = [];
    for (const row of due) {
      try {
        claimed.push(await rows.update({ ...row, leaseUntil: now + this.leaseMs }, row.version ?? 1));
      } catch (error) {
        if (!isConcurrencyError(error)) throw error;
      }
    }
    if (claimed.length > 0) {
      const bySaga = new Map<string, OutboxRow[]>();
      for (const row of claimed) bySaga.set(row.sagaId, [...(bySaga.get(row.sagaId) ?? []), row]);
      const published = await Promise.all([...bySaga.values()].map((sagaRows) => this.dispatcher.dispatchInOrder(sagaRows)));
      this.logger.info({ claimed: claimed.length, published: published.reduce((a, b) => a + b, 0) }, 'outbox relay sweep');
    }
    await this.prune(now);
  }

  private async prune(now: number): Promise<void> {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    // A sent row's leaseUntil is its sentAt (see OutboxRow), which the (status, leaseUntil) index covers.
    await this.store.collection<OutboxRow>(outboxCollection).deleteMany({ status: 'sent', leaseUntil: { $lt: now - (this.options.sentRetentionMs ?? messagingDefaults.outbox.sentRetentionMs) } });
    await this.store.collection(inboxCollection).deleteMany({ receivedAt: { $lt: now - (this.options.inboxRetentionMs ?? messagingDefaults.outbox.inboxRetentionMs) } });
  }
}
