import type { ConfirmChannel, Message, Options } from 'amqplib';
import type { ManagedBrokerConnection } from '../connection/broker-connection';
import { BrokerUnavailableError, UnroutableError } from '../errors';
import type { MessagingLogger } from '../logger';
import { missingExchange, publishIdHeader, ReturnCorrelator, returnReason } from './returns';
import { Semaphore } from './semaphore';
import { messagingDefaults } from '../messaging-defaults';

export interface ConfirmPublisherOptions {
  /** Publishes awaiting their broker confirm at once; more wait for a slot. Default 256. */
  maxInFlight?: number;
  /** Called once per publish that came back unroutable, before its `publish()` rejects (metrics, logs, re-declaring). */
  onUnroutable?: (error: UnroutableError) => void;
}

/**
 * Publishes persistent, **mandatory** messages on one confirm channel per connection generation and resolves
 * each publish only when the broker has confirmed it *and* routed it to at least one queue. A publish the broker
 * returned (`basic.return`: no queue bound) or could not take because its exchange is missing (channel closed
 * with 404) rejects with `UnroutableError`; any other failure (disconnected, nacked, channel lost) with
 * `BrokerUnavailableError`. Either way the caller keeps the message (outbox row, unacked delivery) and tries
 * again later. When the socket buffer is full (`publish` returned false) later publishes wait for `drain`.
 */
export class ConfirmPublisher {
  private channel: ConfirmChannel | undefined;
  private opening: Promise<ConfirmChannel> | undefined;
  private draining: Promise<void> | undefined;
  private readonly window: Semaphore;
  private readonly returns = new ReturnCorrelator();
  /** Why each channel was closed by the broker with 404 (an exchange it was asked to publish to is missing). */
  private readonly notFound = new WeakMap<ConfirmChannel, string>();

  constructor(
    private readonly connection: ManagedBrokerConnection,
    private readonly logger: MessagingLogger,
    private readonly options: ConfirmPublisherOptions = {},
  ) {
    this.window = new Semaphore(options.maxInFlight ?? messagingDefaults.maxInFlightPublishes);
  }

  async publish(exchange: string, routingKey: string, body: Buffer, options: Options.Publish): Promise<void> {
    await this.window.acquire();
    try {
      const channel = await this.ready();
      if (this.draining) await this.draining;
      await new Promise<void>((resolve, reject) => {
        const id = this.returns.begin();
        const properties = { ...options, headers: { ...options.headers, [publishIdHeader]: id }, persistent: true, mandatory: true };
        try {
          const written = channel.publish(exchange, routingKey, body, properties, (error) => {
            const returned = this.returns.settle(id);
            if (returned) return reject(this.unroutable(new UnroutableError(exchange, routingKey, returnReason(returned.replyCode), returned.replyText)));
            if (!error) return resolve();
            const closedBy = this.notFound.get(channel);
            if (closedBy !== undefined && missingExchange(closedBy) === exchange) return reject(this.unroutable(new UnroutableError(exchange, routingKey, 'no-exchange', closedBy)));
            reject(new BrokerUnavailableError(`publish to '${exchange}' not confirmed: ${String(error)}`));
          });
          if (!written && !this.draining) this.draining = waitForDrain(channel).finally(() => (this.draining = undefined));
        } catch (error) {
          // The channel closed between ready() and here: amqplib throws instead of calling back.
          this.returns.settle(id);
          reject(new BrokerUnavailableError(`publish to '${exchange}' not sent: ${String(error)}`));
        }
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

  private unroutable(error: UnroutableError): UnroutableError {
    try {
      this.options.onUnroutable?.(error);
    } catch (hookError) {
      this.logger.error({ err: String(hookError) }, 'onUnroutable hook failed');
    }
    return error;
  }

  private onReturn(message: Message): void {
    const { exchange, routingKey, replyCode, replyText } = message.fields as Message['fields'] & { replyCode: number; replyText: string };
    if (!this.returns.returned(message.properties.headers, { exchange, routingKey, replyCode, replyText })) {
      this.logger.warn({ exchange, routingKey, replyCode, replyText }, 'a returned message matched no publish in flight');
    }
  }

  private ready(): Promise<ConfirmChannel> {
    // A channel of a lost connection is never reused: its unconfirmed publishes fail with it (their rows stay
    // pending for the relay) and new ones go out on the connection that replaced it, whichever node that is on.
    if (this.channel && !this.connection.isCurrent(this.channel)) this.channel = undefined;
    if (this.channel) return Promise.resolve(this.channel);
    if (!this.connection.isConnected()) return Promise.reject(new BrokerUnavailableError('broker not connected'));
    this.opening ??= this.connection
      .openChannel('confirm')
      .then((channel) => {
        channel.on('return', (message: Message) => this.onReturn(message));
        // Emitted before 'close' (which fails the unconfirmed publishes), so their callbacks can tell why.
        channel.on('error', (error: Error & { code?: number }) => {
          if (error.code === 404) this.notFound.set(channel, error.message);
        });
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
