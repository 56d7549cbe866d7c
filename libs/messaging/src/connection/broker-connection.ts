import { EventEmitter } from 'node:events';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import { coalesceSocketWrites } from './coalesce-writes';
import { describeTlsFailure, tlsSocketOptions, type BrokerTlsOptions } from './broker-tls';
import { silentLogger, type MessagingLogger } from '../logger';

export interface BrokerOptions {
  /** AMQP URL, e.g. `amqp://guest:guest@localhost:5672`; `amqps://…:5671` for TLS. */
  url: string;
  /** CA, client certificate and key for `amqps://`; the broker's identity is always verified. */
  tls?: BrokerTlsOptions;
  /** Heartbeat interval negotiated with the broker, so a dead peer is noticed. Default 10 s. */
  heartbeatSeconds?: number;
  /** Shown in the management UI (`connection_name`). Default `troupe`. */
  connectionName?: string;
  /** Socket connect timeout. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Reconnect backoff. Defaults: 100 ms doubling, capped at 5 s, 20 % jitter. */
  reconnect?: BackoffPolicy;
  logger?: MessagingLogger;
}

/** A broker connection that heals itself; `connected` fires after every (re)connect. */
export interface BrokerConnection {
  isConnected(): boolean;
  /** Resolves once connected (at once when already connected); rejects after `timeoutMs`, naming the last failure. */
  whenConnected(timeoutMs: number): Promise<void>;
  on(event: 'connected', listener: () => void): this;
  on(event: 'disconnected', listener: (error?: Error) => void): this;
  off(event: 'connected', listener: () => void): this;
  off(event: 'disconnected', listener: (error?: Error) => void): this;
  /** Stops reconnecting and closes the socket. Idempotent. */
  close(): Promise<void>;
}

/** The live amqplib connection with its generation (bumped on every reconnect); internal to this lib. */
export interface BrokerSession {
  model: ChannelModel;
  generation: number;
}

class ManagedBrokerConnection extends EventEmitter implements BrokerConnection {
  private session: BrokerSession | undefined;
  private generation = 0;
  private attempt = 0;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastFailure: string | undefined;
  private readonly logger: MessagingLogger;

  constructor(private readonly options: BrokerOptions) {
    super();
    this.logger = options.logger ?? silentLogger;
    // Listeners may throw; an EventEmitter 'error' without listener would crash the process.
    this.on('error', (error: Error) => this.logger.error({ err: error }, 'broker connection listener failed'));
  }

  isConnected(): boolean {
    return this.session !== undefined;
  }

  current(): BrokerSession | undefined {
    return this.session;
  }

  async openChannel(kind: 'plain'): Promise<Channel>;
  async openChannel(kind: 'confirm'): Promise<ConfirmChannel>;
  async openChannel(kind: 'plain' | 'confirm'): Promise<Channel | ConfirmChannel> {
    const session = this.session;
    if (!session) throw new Error('broker not connected');
    const channel = kind === 'confirm' ? await session.model.createConfirmChannel() : await session.model.createChannel();
    channel.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'broker channel error'));
    return channel;
  }

  whenConnected(timeoutMs: number): Promise<void> {
    if (this.isConnected()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onConnected = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.off('connected', onConnected);
        reject(new Error(`broker not connected within ${timeoutMs} ms${this.lastFailure ? `: ${this.lastFailure}` : ''}`));
      }, timeoutMs);
      this.once('connected', onConnected);
    });
  }

  start(): void {
    void this.connectOnce();
  }

  private async connectOnce(): Promise<void> {
    this.retryTimer = undefined;
    if (this.closed) return;
    try {
      const model = await amqp.connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds ?? 10), {
        ...tlsSocketOptions(this.options.tls),
        noDelay: true,
        timeout: this.options.connectTimeoutMs ?? 5000,
        clientProperties: { connection_name: this.options.connectionName ?? 'troupe' },
      });
      if (this.closed) {
        await model.close().catch(() => undefined);
        return;
      }
      coalesceSocketWrites(model);
      const session = { model, generation: ++this.generation };
      model.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'broker connection error'));
      model.on('blocked', (reason: string) => this.logger.warn({ reason }, 'broker blocked the connection'));
      model.on('close', (error?: Error) => this.onLost(session, error));
      this.session = session;
      this.attempt = 0;
      this.lastFailure = undefined;
      this.logger.info({ generation: session.generation }, 'broker connected');
      this.emit('connected');
    } catch (error) {
      this.reportFailure(error as Error);
      this.scheduleRetry(error as Error);
    }
  }

  /** A TLS failure will not heal by retrying alone: it is logged as an error naming the cause, once per cause. */
  private reportFailure(error: Error): void {
    const tlsCause = describeTlsFailure(error, this.options.tls, hostOf(this.options.url));
    const failure = tlsCause ?? error.message;
    if (tlsCause && tlsCause !== this.lastFailure) this.logger.error({ err: error.message, code: (error as { code?: string }).code }, `broker connection failed: ${tlsCause}`);
    this.lastFailure = failure;
  }

  private onLost(session: BrokerSession, error?: Error): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.logger.warn({ err: error?.message }, 'broker connection lost');
    this.emit('disconnected', error);
    if (!this.closed) this.scheduleRetry(error);
  }

  private scheduleRetry(error?: Error): void {
    if (this.closed || this.retryTimer) return;
    const delay = backoffDelay(++this.attempt, this.options.reconnect);
    this.logger.debug({ attempt: this.attempt, delay, err: error?.message }, 'broker reconnect scheduled');
    this.retryTimer = setTimeout(() => void this.connectOnce(), delay);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const session = this.session;
    this.session = undefined;
    if (session) {
      await session.model.close().catch(() => undefined);
      this.emit('disconnected');
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function withHeartbeat(url: string, heartbeatSeconds: number): string {
  if (/[?&]heartbeat=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}heartbeat=${heartbeatSeconds}`;
}

/** Starts connecting in the background; never throws when the broker is down, it keeps retrying. */
export function connectBroker(options: BrokerOptions): BrokerConnection {
  const connection = new ManagedBrokerConnection(options);
  connection.start();
  return connection;
}

/** Internal: the implementation behind a `BrokerConnection` created by `connectBroker`. */
export function managed(connection: BrokerConnection): ManagedBrokerConnection {
  if (!(connection instanceof ManagedBrokerConnection)) throw new TypeError('expected a connection from connectBroker()');
  return connection;
}

export type { ManagedBrokerConnection };
