import type { Channel, ConsumeMessage } from 'amqplib';
import { AckBatcher } from './ack-batcher';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import type { ManagedBrokerConnection } from '../connection/broker-connection';
import type { DeliveryPipeline, DeliverySource, Settlement } from './delivery-pipeline';
import { describeError } from '../errors';
import type { MessagingLogger } from '../logger';
import { fenceHeader, type QueueFences } from './queue-fences';

/** One consumer channel's life: deliveries are settled only on the channel they came from, and only while it lives. */
interface ChannelLease {
  channel: Channel;
  alive: boolean;
  consumerTags: string[];
  acks: AckBatcher;
  /** Every queue has a consumer on this channel, and the broker has cancelled none of them. */
  consuming: boolean;
  /** The broker cancelled one of this channel's consumers. */
  cancelled: boolean;
}

/** How a consumer group gets back to consuming after losing its channel or a queue. */
export interface ConsumerRecovery {
  /** Re-declares the service's topology (a cancelled consumer's queue is usually gone); rejects on failure. */
  redeclare(trigger: string): Promise<void>;
  /** Between reopen attempts. Default 100 ms doubling, capped at 5 s. */
  backoff?: BackoffPolicy;
}

/**
 * Consumes every queue of a service on one channel and feeds deliveries through the pipeline. A delivery is
 * settled exactly once, and never on a dead or replaced channel: after a reconnect the broker redelivers what
 * was unacked and the inbox recognises what was already done. When the channel dies while the connection
 * lives (a channel error, or the broker cancelling a consumer because its queue was deleted), the group
 * re-declares the topology and reopens, with a bounded back-off between attempts; `isConsuming()` is false
 * until every queue has a consumer again.
 */
export class ConsumerGroup {
  private lease: ChannelLease | undefined;
  private starting: Promise<void> | undefined;
  private stopping = false;
  private reopenTimer: NodeJS.Timeout | undefined;
  private reopenAttempt = 0;
  /** Each delivery's work, resolving to how it ended: a fence needs to know that all before it were done with. */
  private readonly inFlight = new Set<Promise<Settlement | 'failed'>>();

  constructor(
    private readonly connection: ManagedBrokerConnection,
    private readonly sources: readonly DeliverySource[],
    private readonly pipeline: DeliveryPipeline,
    private readonly prefetch: number,
    private readonly logger: MessagingLogger,
    private readonly fences?: QueueFences,
    private readonly recovery?: ConsumerRecovery,
  ) {}

  /** Opens the channel and consumers unless they are already running. */
  start(): Promise<void> {
    if (this.stopping || this.sources.length === 0 || (this.lease?.alive && this.connection.isCurrent(this.lease.channel))) return Promise.resolve();
    this.starting ??= this.open().finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** True while every queue has a live consumer (always, for a group with no queues). */
  isConsuming(): boolean {
    return this.sources.length === 0 || (!this.stopping && this.lease !== undefined && this.lease.alive && this.lease.consuming && this.connection.isCurrent(this.lease.channel));
  }

  /** Per queue, how many consumers this group has on it now: one while consuming, none while it is reopening. */
  consumerCounts(): { queue: string; consumers: number }[] {
    const consuming = this.isConsuming() && this.sources.length > 0;
    return this.sources.map((source) => ({ queue: source.queue, consumers: consuming ? 1 : 0 }));
  }

  inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Cancels consumers, waits up to `timeoutMs` for handlers in flight, then closes the channel. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.reopenTimer = undefined;
    await this.starting?.catch(() => undefined);
    const lease = this.lease;
    if (lease?.alive) {
      for (const tag of lease.consumerTags) await lease.channel.cancel(tag).catch(() => undefined);
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.inFlight]), deadline]);
    clearTimeout(timer);
    if (this.inFlight.size > 0) this.logger.warn({ inFlight: this.inFlight.size }, 'stopping with handlers still running; their deliveries will be redelivered');
    if (lease?.alive) {
      lease.acks.flush();
      await lease.channel.close().catch(() => undefined);
    }
  }

  private async open(): Promise<void> {
    const channel = await this.connection.openChannel('plain');
    const lease: ChannelLease = { channel, alive: true, consumerTags: [], acks: new AckBatcher(guarded(channel, this.logger)), consuming: false, cancelled: false };
    channel.on('close', () => this.onChannelClosed(lease));
    this.lease = lease;
    // Quorum queues support only per-consumer prefetch, so the bound is per queue.
    await channel.prefetch(this.prefetch);
    for (const source of this.sources) {
      const { consumerTag } = await channel.consume(source.queue, (message) => this.onDelivery(lease, source, message));
      lease.consumerTags.push(consumerTag);
    }
    lease.consuming = lease.alive && !lease.cancelled;
    this.reopenAttempt = 0;
    this.logger.info({ queues: this.sources.map((source) => source.queue) }, 'consuming');
  }

  private onDelivery(lease: ChannelLease, source: DeliverySource, message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled the consumer (queue deleted, or failed over): not consuming until the topology is
      // re-declared and the channel reopened (see onChannelClosed).
      lease.consuming = false;
      lease.cancelled = true;
      this.logger.warn({ queue: source.queue }, 'consumer cancelled by the broker; re-declaring the topology and reopening');
      if (lease.alive) void lease.channel.close().catch(() => undefined);
      return;
    }
    lease.acks.received(message);
    const fenceSentAt = message.properties.headers?.[fenceHeader];
    if (fenceSentAt !== undefined) return this.passFence(lease, source, message, Date.parse(String(fenceSentAt)));
    const work = this.pipeline
      .process(message, source)
      .then((settlement) => {
        this.settle(lease, message, settlement);
        return settlement;
      })
      .catch((error: unknown) => {
        this.logger.error({ err: describeError(error), queue: source.queue }, 'delivery processing failed');
        return 'failed' as const;
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  /**
   * A fence is passed once every delivery received before it is done with. One that went back to the queue
   * (it could not even be parked) is still ahead, so that fence proves nothing; the next one will.
   */
  private passFence(lease: ChannelLease, source: DeliverySource, message: ConsumeMessage, sentAt: number): void {
    const ahead = [...this.inFlight];
    const work = Promise.all(ahead)
      .then((settlements) => {
        if (settlements.every((settlement) => settlement === 'ack')) this.fences?.pass(source.queue, sentAt);
        this.settle(lease, message, 'ack');
        return 'ack' as const;
      })
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private settle(lease: ChannelLease, message: ConsumeMessage, settlement: 'ack' | 'requeue'): void {
    // A delivery tag means something only on its own channel of its own connection: acked on a channel of the next
    // connection (another node, after a failover) it would ack some other delivery, or close that channel with 406.
    if (!lease.alive || this.lease !== lease || !this.connection.isCurrent(lease.channel)) {
      this.logger.debug({ deliveryTag: message.fields.deliveryTag }, 'channel gone; the broker will redeliver');
      return;
    }
    if (settlement === 'ack') lease.acks.ack(message);
    else lease.acks.requeue(message);
  }

  private onChannelClosed(lease: ChannelLease): void {
    lease.alive = false;
    lease.consuming = false;
    lease.acks.discard();
    if (this.stopping || this.lease !== lease) return;
    // A channel can die alone (a channel-level error, a queue deleted under a consumer) while the connection
    // lives: re-declare and reopen. After a lost connection, messaging's set-up does both on reconnect.
    if (this.connection.isConnected()) this.scheduleReopen();
  }

  private scheduleReopen(): void {
    if (this.reopenTimer || this.stopping) return;
    this.reopenAttempt += 1;
    const delay = backoffDelay(this.reopenAttempt, this.recovery?.backoff ?? { initialDelayMs: 100, maxDelayMs: 5000 });
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = undefined;
      void this.reopen();
    }, delay);
    this.reopenTimer.unref();
  }

  private async reopen(): Promise<void> {
    if (this.stopping || !this.connection.isConnected() || this.isConsuming()) return;
    try {
      await this.recovery?.redeclare('consumer-lost');
      await this.start();
    } catch (error) {
      this.logger.warn({ attempt: this.reopenAttempt, err: describeError(error) }, 'reopening consumers failed; trying again');
    }
    if (!this.isConsuming() && this.connection.isConnected()) this.scheduleReopen();
  }
}

/** A channel whose ack/nack never throw: a failure (the channel just closed) is logged, and the broker redelivers. */
function guarded(channel: Channel, logger: MessagingLogger): Pick<Channel, 'ack' | 'nack'> {
  const attempt = (settle: () => void): void => {
    try {
      settle();
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'could not settle a delivery');
    }
  };
  return {
    ack: (message, allUpTo) => attempt(() => channel.ack(message, allUpTo)),
    nack: (message, allUpTo, requeue) => attempt(() => channel.nack(message, allUpTo, requeue)),
  };
}
