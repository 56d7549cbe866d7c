import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@troupe/contracts';
import { ConcurrencyError, DuplicateKeyError, type Store, type StoreSession, type StoredDocument } from '@troupe/persistence';
import type { Tracing } from '@troupe/tracing';
import type { Channel, ConsumeMessage } from 'amqplib';
import { isArchiveMarker } from '../archive/marker';
import { deliveredOffset } from '../archive/offset';
import { copiedProperties, deadLetterHeaders, truncate } from '../codec/amqp-message';
import type { EventCodec } from '../codec/codec';
import type { ManagedBrokerConnection } from '../connection/broker-connection';
import { describeError, NonRecoverableError } from '../errors';
import type { MessagingLogger } from '../logger';
import type { MessagingMetrics } from '../metrics';
import type { OutboxRow } from '../outbox/row';
import type { ConfirmPublisher } from '../publish/confirm-publisher';
import { backoffDelay } from '../backoff';
import { classifyFailure } from './failure-policy';
import type { EventHandler, HandlerMap } from './handler';
import { createHandlerContext } from './handler-context';
import { isInboxConflict, recordInInbox } from './inbox';

export const archivePositionCollection = 'troupe_archive_position';

/** How far a service has read the archive: the offset of the last record whose effects are committed. */
export interface ArchivePosition extends StoredDocument {
  _id: string;
  offset: number;
}

export const archiveParkCollection = 'troupe_archive_parks';

/**
 * One instance's claim to dead-letter the record at one offset (`<service>:<offset>`): instances sharing a store all
 * read every record, and without it each would park its own copy of a record none of them can project.
 */
export interface ArchivePark extends StoredDocument {
  _id: string;
  holder: string;
  /** Epoch ms; past it another instance may take the claim over (the holder died between claiming and parking). */
  until: number;
}

type ParkClaim = 'mine' | 'theirs' | 'passed';

export interface ArchiveIntakeDeps {
  service: string;
  connection: ManagedBrokerConnection;
  store: Store;
  codec: EventCodec;
  handlers: HandlerMap;
  /** The archive stream's name. */
  stream: string;
  /** The service's dead-letter exchange: a record that cannot be projected is parked there, then passed. */
  deadLetterExchange: string;
  publisher: ConfirmPublisher;
  /** Records the broker sends ahead of the projection (streams require a prefetch). */
  prefetch: number;
  /** Most records applied in one transaction. */
  maxBatch: number;
  /** How long records gather after the first one arrived before a batch is taken (0: none). */
  lingerMs: number;
  retryDelaysMs: readonly number[];
  maxConflictReruns: number;
  maxMessageBytes: number;
  leaseMs: number;
  metrics: MessagingMetrics;
  logger: MessagingLogger;
  tracing: Tracing;
}

interface StreamLease {
  channel: Channel;
  alive: boolean;
  consumerTag?: string;
  /** Received, not yet applied, in offset order. */
  pending: ConsumeMessage[];
}

type Applied = 'applied' | 'skipped' | 'duplicate';

/**
 * A read side fed from the event archive instead of queues of its own. The archive already holds every event
 * once, so the broker stores nothing more per event for this service: no quorum enqueue, no per-message ack to
 * replicate. Records are applied in offset order, a batch per transaction, and the transaction also records the
 * offset reached (`troupe_archive_position`), so effects and position commit or roll back together: after a
 * crash, a reconnect or a power loss the read resumes right after the last committed record, and nothing is
 * applied twice or skipped. The inbox still runs, because the archive may hold one event twice (the outbox
 * publishes at least once). Commits are `relaxed`: a power loss can only undo the newest batches together with
 * their position, which the archive then replays.
 *
 * Failures keep the order: a batch that throws is re-run one record at a time; a record that keeps failing is
 * retried in place after the retry delays (the read side lags meanwhile, as a queue consumer's retried message
 * would be late), and one that cannot succeed (invalid, non-recoverable, retries exhausted) is parked in the
 * service's DLQ with the usual headers before the position moves past it.
 */
export class ArchiveIntake {
  private lease: StreamLease | undefined;
  private starting: Promise<void> | undefined;
  private draining: Promise<void> | undefined;
  private stopping = false;
  private reopenTimer: NodeJS.Timeout | undefined;
  private reopenAttempt = 0;
  private waitTimer: { timer: NodeJS.Timeout; resolve: () => void } | undefined;
  /** The drain's wait is its linger (not a retry delay), which a full batch may end early. */
  private lingering = false;
  /** This process's name on park claims. */
  private readonly holder = `${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(private readonly deps: ArchiveIntakeDeps) {}

  start(): Promise<void> {
    if (this.stopping || (this.lease?.alive && this.deps.connection.isCurrent(this.lease.channel))) return Promise.resolve();
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  isConsuming(): boolean {
    return !this.stopping && this.lease?.alive === true && this.lease.consumerTag !== undefined && this.deps.connection.isCurrent(this.lease.channel);
  }

  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.cancelWait();
    await this.starting?.catch(() => undefined);
    const lease = this.lease;
    if (lease?.alive && lease.consumerTag) await lease.channel.cancel(lease.consumerTag).catch(() => undefined);
    if (lease) lease.pending.length = 0;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.draining ?? Promise.resolve(), deadline]);
    clearTimeout(timer);
    if (lease?.alive) await lease.channel.close().catch(() => undefined);
  }

  /** The committed position, read outside any transaction; undefined before the first record. */
  async position(): Promise<number | undefined> {
    const stored = await this.deps.store.collection<ArchivePosition>(archivePositionCollection).get(this.deps.service);
    return stored?.offset;
  }

  private async open(): Promise<void> {
    // A batch still being applied from the previous channel must commit first: its position is where we resume.
    await this.draining;
    const from = await this.position();
    const channel = await this.deps.connection.openChannel('plain');
    const lease: StreamLease = { channel, alive: true, pending: [] };
    channel.on('close', () => this.onChannelClosed(lease));
    this.lease = lease;
    await channel.prefetch(this.deps.prefetch);
    const { consumerTag } = await channel.consume(this.deps.stream, (message) => this.onRecord(lease, message), {
      noAck: false,
      arguments: { 'x-stream-offset': from === undefined ? 'first' : from + 1 },
    });
    lease.consumerTag = consumerTag;
    this.reopenAttempt = 0;
    this.deps.logger.info({ stream: this.deps.stream, from: from === undefined ? 'first' : from + 1 }, 'reading the event archive');
  }

  private onRecord(lease: StreamLease, message: ConsumeMessage | null): void {
    if (message === null) {
      this.deps.logger.warn({ stream: this.deps.stream }, 'archive consumer cancelled by the broker; reopening');
      if (lease.alive) void lease.channel.close().catch(() => undefined);
      return;
    }
    if (!lease.alive || this.lease !== lease) return;
    lease.pending.push(message);
    if (this.lingering && lease.pending.length >= this.deps.maxBatch) this.cancelWait();
    this.startDraining(lease);
  }

  private startDraining(lease: StreamLease): void {
    this.draining ??= this.drain(lease).finally(() => {
      this.draining = undefined;
      // Records that arrived after the loop's last look. Not while stopping: the loop leaves them alone then, and
      // restarting it would spin in microtasks without end, starving the very I/O the stop waits for.
      if (lease.alive && !this.stopping && lease.pending.length > 0) this.startDraining(lease);
    });
  }

  private async drain(lease: StreamLease): Promise<void> {
    // Started by the first record of a socket read: let amqplib hand over the rest of that read before the first
    // batch is taken, so they share its transaction; then let the records of the next lingerMs join them.
    await Promise.resolve();
    await this.linger(lease);
    while (lease.alive && !this.stopping && lease.pending.length > 0) {
      const batch = lease.pending.splice(0, this.deps.maxBatch);
      const done = await this.applyBatch(lease, batch);
      if (!done) return;
      // Streams count acks only as credit, so one per batch (multiple) is enough.
      // Only on the channel that delivered them, and only while its connection lives (not after a failover).
      if (lease.alive && this.lease === lease && this.deps.connection.isCurrent(lease.channel)) lease.channel.ack(batch[batch.length - 1]!, true);
    }
  }

  /**
   * Waits `lingerMs` for more records unless a full batch is already waiting (a backlog needs no waiting) or the
   * intake stops. A read model is derived data that readers already see eventually; a few ms later buys one
   * commit, one position write and one credit ack for many records instead of for the few one socket read brings.
   */
  private async linger(lease: StreamLease): Promise<void> {
    const { lingerMs, maxBatch } = this.deps;
    if (lingerMs <= 0 || lease.pending.length >= maxBatch || this.stopping) return;
    this.lingering = true;
    try {
      await this.wait(lingerMs);
    } finally {
      this.lingering = false;
    }
  }

  /** False when the channel went away or the intake stopped mid-batch: nothing after it may be applied. */
  private async applyBatch(lease: StreamLease, batch: ConsumeMessage[]): Promise<boolean> {
    const started = performance.now();
    try {
      const outcomes = await this.transaction(async (session) => {
        const applied: Array<{ outcome: Applied; type?: string }> = [];
        for (const message of batch) applied.push(await this.apply(session, message));
        await this.savePosition(session, deliveredOffset(batch[batch.length - 1]!.properties.headers));
        return applied;
      });
      this.count(outcomes, started);
      return true;
    } catch {
      // Someone in the batch failed; alone, each one meets its own fate, in order.
      for (const message of batch) {
        if (!(await this.applyAlone(lease, message))) return false;
      }
      return true;
    }
  }

  private async applyAlone(lease: StreamLease, message: ConsumeMessage): Promise<boolean> {
    const offset = deliveredOffset(message.properties.headers);
    const routingKey = message.fields.routingKey;
    let retries = 0;
    for (let conflictReruns = 0; ; ) {
      const started = performance.now();
      try {
        const outcome = await this.transaction(async (session) => {
          const result = await this.apply(session, message);
          await this.savePosition(session, offset);
          return result;
        });
        this.count([outcome], started);
        return true;
      } catch (error) {
        if (isInboxConflict(error)) {
          // Another instance sharing this store applied it first.
          this.deps.metrics.duplicate(routingKey);
          await this.transaction((session) => this.savePosition(session, offset));
          return true;
        }
        this.deps.metrics.failed(routingKey, error instanceof Error ? error.name : 'unknown');
        const action = classifyFailure(error, { retryCount: retries, conflictReruns, retryDelaysMs: this.deps.retryDelaysMs, maxConflictReruns: this.deps.maxConflictReruns });
        if (action.kind === 'retry-now') {
          conflictReruns += 1;
          continue;
        }
        this.deps.logger.warn({ offset, type: routingKey, retries, action: action.kind, err: describeError(error) }, 'projection from the archive failed');
        if (action.kind === 'retry-later') {
          retries = action.attempt;
          conflictReruns = 0;
          this.deps.metrics.retried(routingKey, action.attempt);
          await this.wait(action.delayMs);
          if (!lease.alive || this.stopping || this.lease !== lease) return false;
          continue;
        }
        const reason = error instanceof InvalidRecord ? error.reason : action.reason;
        const claim = await this.claimPark(offset);
        // Another instance sharing the store read past it (parked it, or applied it after all): nothing left to do here.
        if (claim === 'passed') return true;
        if (claim === 'theirs') {
          // It is parking it now: once its position moves past the record, `passed`; if it dies, its claim runs out.
          await this.wait(Math.min(500, this.deps.leaseMs));
          if (!lease.alive || this.stopping || this.lease !== lease) return false;
          continue;
        }
        if (!(await this.park(message, reason, describeError(error)))) return false;
        this.deps.metrics.deadLettered(routingKey, reason);
        await this.transaction(async (session) => {
          await this.savePosition(session, offset);
          await session.collection<ArchivePark>(archiveParkCollection).delete(this.parkId(offset));
        });
        return true;
      }
    }
  }

  /** One record's effects inside the caller's transaction. Throws to fail it. */
  private async apply(session: StoreSession, message: ConsumeMessage): Promise<{ outcome: Applied; type?: string }> {
    if (isArchiveMarker(message.properties.headers)) return { outcome: 'skipped' };
    const routingKey = message.fields.routingKey;
    // Only the events the service's manifest names: the archive holds every event of the system.
    const handler = this.deps.handlers[routingKey as keyof HandlerMap] as EventHandler | undefined;
    if (!handler) return { outcome: 'skipped' };
    const decoded = this.deps.codec.decode(message.content, this.deps.maxMessageBytes);
    if (!decoded.ok) throw new InvalidRecord(decoded.reason, decoded.errors.join('; '));
    const event = decoded.event;
    if (event.type !== routingKey) throw new InvalidRecord('type-mismatch', `event type '${event.type}' archived under '${routingKey}'`);
    const { messageId, correlationId, headers } = message.properties;
    const traced = { id: String(messageId ?? event.id), type: event.type, correlationid: typeof correlationId === 'string' ? correlationId : undefined };
    return this.deps.tracing.withProcessSpan(traced, headers ?? {}, (traceparent) => this.project(session, handler, event, traceparent), {
      destination: this.deps.stream,
      routingKey,
      consumer: this.deps.service,
    });
  }

  private async project(session: StoreSession, handler: EventHandler, event: EventEnvelope, traceparent: string | undefined): Promise<{ outcome: Applied; type: string }> {
    const { service, codec, leaseMs, logger } = this.deps;
    if (!(await recordInInbox(session, service, event.id, event.type))) return { outcome: 'duplicate', type: event.type };
    const rows: OutboxRow[] = [];
    await handler(event, createHandlerContext(session, { codec, source: service, leaseMs, logger }, { event, traceparent, retryCount: 0 }, rows));
    if (rows.length > 0) throw new NonRecoverableError(`a projection fed from the archive emitted ${rows.map((row) => row.routingKey).join(', ')}: read sides must not emit`);
    return { outcome: 'applied', type: event.type };
  }

  private parkId(offset: number): string {
    return `${this.deps.service}:${offset}`;
  }

  /**
   * Whether this instance is the one to dead-letter the record at `offset`. A claim that outlives its holder (a crash
   * between the claim and the position moving on) is taken over after `leaseMs`: the record may then be parked twice,
   * never not at all.
   */
  private async claimPark(offset: number): Promise<ParkClaim> {
    const now = Date.now();
    try {
      return await this.transaction(async (session) => {
        const stored = await session.collection<ArchivePosition>(archivePositionCollection).get(this.deps.service);
        if (stored !== undefined && stored.offset >= offset) return 'passed';
        const claims = session.collection<ArchivePark>(archiveParkCollection);
        const current = await claims.get(this.parkId(offset));
        if (current && current.holder !== this.holder && current.until > now) return 'theirs';
        const claim: ArchivePark = { _id: this.parkId(offset), holder: this.holder, until: now + this.deps.leaseMs };
        if (current) await claims.update(claim, current.version!);
        else await claims.insert(claim);
        return 'mine';
      });
    } catch (error) {
      // Two instances claimed at once (a store without serialised transactions): the other one's write won.
      if (error instanceof ConcurrencyError || error instanceof DuplicateKeyError) return 'theirs';
      throw error;
    }
  }

  /** Never backwards: another instance sharing the store may be ahead, re-reading only what its inbox skips. */
  private async savePosition(session: StoreSession, offset: number): Promise<void> {
    const positions = session.collection<ArchivePosition>(archivePositionCollection);
    const stored = await positions.get(this.deps.service);
    if (stored === undefined || stored.offset < offset) await positions.upsert({ _id: this.deps.service, offset });
  }

  private transaction<R>(work: (session: StoreSession) => Promise<R>): Promise<R> {
    return this.deps.store.transaction(work, { durability: 'relaxed' });
  }

  private count(outcomes: ReadonlyArray<{ outcome: Applied; type?: string }>, started: number): void {
    const seconds = (performance.now() - started) / 1000;
    for (const { outcome, type } of outcomes) {
      if (!type) continue;
      if (outcome === 'duplicate') this.deps.metrics.duplicate(type);
      else this.deps.metrics.handlerLatency(type, seconds);
      this.deps.metrics.consumed(type);
    }
  }

  /** Parks a copy of the record in the service's DLQ, confirmed; false if it could not (the record is then kept). */
  private async park(message: ConsumeMessage, reason: string, detail: string): Promise<boolean> {
    const headers = deadLetterHeaders(message.properties.headers, {
      reason,
      detail,
      service: this.deps.service,
      originalRoutingKey: message.fields.routingKey,
      originalQueue: this.deps.stream,
    });
    try {
      await this.deps.publisher.publish(this.deps.deadLetterExchange, this.deps.stream, message.content, { ...copiedProperties(message), headers });
      this.deps.logger.warn({ stream: this.deps.stream, offset: deliveredOffset(message.properties.headers), reason, detail: truncate(detail, 500) }, 'dead-lettered an archive record');
      this.deps.tracing.recordFailure(`dead-lettered: ${reason}`, truncate(detail, 500));
      return true;
    } catch (error) {
      this.deps.logger.warn({ err: describeError(error) }, 'could not park an archive record; reading it again after reopening');
      const lease = this.lease;
      if (lease?.alive) await lease.channel.close().catch(() => undefined);
      return false;
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waitTimer = undefined;
        resolve();
      }, ms);
      this.waitTimer = { timer, resolve };
    });
  }

  private cancelWait(): void {
    if (!this.waitTimer) return;
    clearTimeout(this.waitTimer.timer);
    this.waitTimer.resolve();
    this.waitTimer = undefined;
  }

  private onChannelClosed(lease: StreamLease): void {
    lease.alive = false;
    lease.pending.length = 0;
    this.cancelWait();
    if (this.stopping || this.lease !== lease) return;
    if (this.deps.connection.isConnected()) this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.reopenTimer || this.stopping) return;
    this.reopenAttempt += 1;
    // Capped at 1 s: the stream is usually back within seconds (a new leader after a node loss), and a 5 s cap
    // could leave a read side waiting almost that long again after it was. One reopen a second costs the broker nothing.
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      void this.start()
        .catch((error: unknown) => this.deps.logger.warn({ attempt: this.reopenAttempt, err: describeError(error) }, 'reopening the archive read failed; trying again'))
        .finally(() => !this.isConsuming() && this.deps.connection.isConnected() && this.scheduleReopen());
    }, backoffDelay(this.reopenAttempt, { initialDelayMs: 100, maxDelayMs: 1000 }));
    this.reopenTimer.unref();
  }
}

/** A record that can never be projected: it did not decode, or it is not what its routing key says. */
class InvalidRecord extends NonRecoverableError {
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(detail);
  }
}
