import type { ConfirmChannel, Options } from 'amqplib';
import type { ManagedBrokerConnection } from './broker-connection';
import { BrokerUnavailableError } from './errors';
import type { MessagingLogger } from './logger';
import { Semaphore } from './semaphore';

export interface ConfirmPublisherOptions {
  /** Publishes awaiting their broker confirm at once; more wait for a slot. Default 256. */
  maxInFlight?: number;
}

/**
 * Publishes persistent messages on one confirm channel per connection generation and resolves each publish
 * only when the broker has confirmed it. When the socket buffer is full (`publish` returned false) later
 * publishes wait for `drain`. Fails fast with BrokerUnavailableError while disconnected: callers keep the
 * message (outbox, unacked delivery) and try again later.
 */
export class ConfirmPublisher {
  private channel: ConfirmChannel | undefined;
  private opening: Promise<ConfirmChannel> | undefined;
  private draining: Promise<void> | undefined;
  private readonly window: Semaphore;

  constructor(
    private readonly connection: ManagedBrokerConnection,
    private readonly logger: MessagingLogger,
    options: ConfirmPublisherOptions = {},
  ) {
    this.window = new Semaphore(options.maxInFlight ?? 256);
  }

  async publish(exchange: string, routingKey: string, body: Buffer, options: Options.Publish): Promise<void> {
    await this.window.acquire();
    try {
      const channel = await this.ready();
      if (this.draining) await this.draining;
      await new Promise<void>((resolve, reject) => {
        const written = channel.publish(exchange, routingKey, body, { ...options, persistent: true }, (error) =>
          error ? reject(new BrokerUnavailableError(`publish to '${exchange}' not confirmed: ${String(error)}`)) : resolve(),
        );
        if (!written && !this.draining) this.draining = waitForDrain(channel).finally(() => (this.draining = undefined));
      });
    } finally {
      this.window.release();
    }
  }

  /** Closes the channel after its outstanding confirms; the connection stays up. */
  async close(): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    if (channel) await channel.close().catch(() => undefined);
  }

  private ready(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    if (!this.connection.isConnected()) return Promise.reject(new BrokerUnavailableError('broker not connected'));
    this.opening ??= this.connection
      .openChannel('confirm')
      .then((channel) => {
        channel.on('close', () => {
          if (this.channel === channel) this.channel = undefined;
          this.logger.debug({}, 'publisher channel closed');
        });
        this.channel = channel;
        return channel;
      })
      .catch((error: unknown) => {
        throw new BrokerUnavailableError(`cannot open a publisher channel: ${String(error)}`);
      })
      .finally(() => (this.opening = undefined));
    return this.opening;
  }
}

function waitForDrain(channel: ConfirmChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      channel.off('drain', done);
      channel.off('close', done);
      resolve();
    };
    channel.on('drain', done);
    channel.on('close', done);
  });
}
