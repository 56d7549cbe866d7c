import type { Channel } from 'amqplib';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import type { ManagedBrokerConnection } from '../connection/broker-connection';
import { declareTopology } from './declare-topology';
import { describeError } from '../errors';
import type { MessagingLogger } from '../logger';
import type { MessagingMetrics } from '../metrics';
import type { Topology } from './topology';

/**
 * Declares the service's topology, and declares it again when something notices part of it is gone (a consumer
 * cancelled by the broker, a retry or dead letter returned unroutable, a publish to a missing exchange).
 * Concurrent requests share one declaration; after a failed one the next waits a bounded back-off, so callers
 * that retry in a loop (requeued deliveries, a consumer reopening) cannot hammer the broker.
 */
export class TopologyGuard {
  private running: Promise<void> | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly connection: ManagedBrokerConnection,
    private readonly topology: Topology,
    private readonly logger: MessagingLogger,
    private readonly metrics: MessagingMetrics,
    private readonly backoff: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 5000 },
  ) {}

  /**
   * Asserts every exchange, queue and binding on short-lived channels (start, every reconnect, every re-declare).
   * A queue an earlier version declared with other arguments is used as it is, with a warning (declareTopology).
   */
  async declare(): Promise<void> {
    const opened: Channel[] = [await this.connection.openChannel('plain')];
    try {
      await declareTopology(opened[0]!, this.topology, {
        reopen: async () => opened[opened.push(await this.connection.openChannel('plain')) - 1]!,
        onMismatch: (queue, detail) =>
          this.logger.warn({ queue, detail }, 'queue exists with other arguments than this version declares; using it as it is (see "Upgrading" in libs/messaging/README.md)'),
      });
    } finally {
      for (const channel of opened) await channel.close().catch(() => undefined);
    }
  }

  /** Re-declares now, or joins the re-declaration in progress; rejects if it failed (or messaging stopped). */
  redeclare(trigger: string): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('messaging stopped'));
    this.running ??= this.run(trigger).finally(() => (this.running = undefined));
    return this.running;
  }

  stop(): void {
    this.stopped = true;
  }

  private async run(trigger: string): Promise<void> {
    if (this.failures > 0) await new Promise((resolve) => setTimeout(resolve, backoffDelay(this.failures, this.backoff)).unref());
    if (this.stopped) throw new Error('messaging stopped');
    try {
      await this.declare();
    } catch (error) {
      this.failures += 1;
      this.logger.warn({ trigger, attempt: this.failures, err: describeError(error) }, 're-declaring the topology failed');
      throw error;
    }
    this.failures = 0;
    this.metrics.topologyRedeclared(trigger);
    this.logger.warn({ trigger }, 'topology re-declared');
  }
}
