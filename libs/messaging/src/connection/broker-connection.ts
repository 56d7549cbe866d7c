import { EventEmitter } from 'node:events';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import { coalesceSocketWrites } from './coalesce-writes';
import { describeTlsFailure, tlsSocketOptions, type BrokerTlsOptions } from './broker-tls';
import { brokerEndpoint, parseBrokerUrls, type BrokerEndpoint } from './broker-urls';
import { NodeRotation, randomStart } from './node-rotation';
import { silentLogger, type MessagingLogger } from '../logger';
import { brokerDefaults } from '../messaging-defaults';

export interface BrokerOptions {
  /**
   * AMQP URL, e.g. `amqp://guest:guest@localhost:5672` (`amqps://…:5671` for TLS), or the nodes of a cluster: several
   * such URLs, as an array or comma-separated in one string. Any live node will do; when the one in use goes away the
   * connection moves to another (see `firstNode`).
   */
  url: string | readonly string[];
  /**
   * Index in `url` of the node tried first. Default: a random one, so the instances of a service spread over the
   * cluster (a fixed or per-service start would put every instance of a service on the same node, and take them all
   * down together when it goes). Then the nodes are tried in list order, wrapping around.
   */
  firstNode?: number;
  /** CA, client certificate and key for `amqps://`; the broker's identity is always verified, each node's against its own host. */
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
  /** `host:port` of the node connected to now (never credentials), or undefined while disconnected. */
  connectedNode(): string | undefined;
  /** Stops reconnecting and closes the socket. Idempotent. */
  close(): Promise<void>;
}

/** The live amqplib connection with its generation (bumped on every reconnect); internal to this lib. */
export interface BrokerSession {
  model: ChannelModel;
  generation: number;
  /** The node this connection is on. */
  node: BrokerEndpoint;
}

class ManagedBrokerConnection extends EventEmitter implements BrokerConnection {
  private session: BrokerSession | undefined;
  private generation = 0;
  private attempt = 0;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastFailure: string | undefined;
  /** Each node's latest failure, so an error names every node that was tried, not only the last one. */
  private readonly failures = new Map<number, string>();
  /** The TLS cause last logged per node: logged once per cause, not once per retry. */
  private readonly reportedTls = new Map<number, string>();
  private previousNode: string | undefined;
  private readonly logger: MessagingLogger;
  private readonly urls: readonly string[];
  private readonly nodes: readonly BrokerEndpoint[];
  private readonly rotation: NodeRotation;
  /** The generation each channel was opened in: a channel of an earlier connection must never settle or publish. */
  private readonly channelGenerations = new WeakMap<Channel, number>();

  constructor(private readonly options: BrokerOptions) {
    super();
    this.logger = options.logger ?? silentLogger;
    this.urls = parseBrokerUrls(options.url);
    this.nodes = this.urls.map(brokerEndpoint);
    this.rotation = new NodeRotation(this.urls.length, options.firstNode ?? randomStart(this.urls.length));
    // Listeners may throw; an EventEmitter 'error' without listener would crash the process.
    this.on('error', (error: Error) => this.logger.error({ err: error }, 'broker connection listener failed'));
  }

  isConnected(): boolean {
    return this.session !== undefined;
  }

  current(): BrokerSession | undefined {
    return this.session;
  }

  connectedNode(): string | undefined {
    return this.session?.node.label;
  }

  /** True while `channel` belongs to the live connection (not to one lost before it). */
  isCurrent(channel: Channel): boolean {
    const generation = this.channelGenerations.get(channel);
    return generation !== undefined && this.session !== undefined && generation === this.session.generation;
  }

  async openChannel(kind: 'plain'): Promise<Channel>;
  async openChannel(kind: 'confirm'): Promise<ConfirmChannel>;
  async openChannel(kind: 'plain' | 'confirm'): Promise<Channel | ConfirmChannel> {
    const session = this.session;
    if (!session) throw new Error('broker not connected');
    const channel = kind === 'confirm' ? await session.model.createConfirmChannel() : await session.model.createChannel();
    this.channelGenerations.set(channel, session.generation);
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
    const index = this.rotation.current();
    const node = this.nodes[index]!;
    try {
      const model = await amqp.connect(withHeartbeat(this.urls[index]!, this.options.heartbeatSeconds ?? brokerDefaults.heartbeatSeconds), {
        ...tlsSocketOptions(this.options.tls, node.host),
        noDelay: true,
        timeout: this.options.connectTimeoutMs ?? brokerDefaults.connectTimeoutMs,
        clientProperties: { connection_name: this.options.connectionName ?? brokerDefaults.connectionName },
      });
      if (this.closed) {
        await model.close().catch(() => undefined);
        return;
      }
      coalesceSocketWrites(model);
      const session = { model, generation: ++this.generation, node };
      model.on('error', (error: Error) => this.logger.warn({ err: error.message, node: node.label }, 'broker connection error'));
      model.on('blocked', (reason: string) => this.logger.warn({ reason, node: node.label }, 'broker blocked the connection'));
      model.on('close', (error?: Error) => this.onLost(session, error));
      this.session = session;
      this.attempt = 0;
      this.rotation.connected();
      this.lastFailure = undefined;
      this.failures.clear();
      this.reportedTls.delete(index);
      const failedOverFrom = this.previousNode !== undefined && this.previousNode !== node.label ? this.previousNode : undefined;
      this.previousNode = node.label;
      this.logger.info({ generation: session.generation, node: node.label, nodes: this.nodes.length, ...(failedOverFrom ? { failedOverFrom } : {}) }, 'broker connected');
      this.emit('connected');
    } catch (error) {
      this.reportFailure(index, error as Error);
      // Another node of this round is tried at once; only a round in which every node failed waits out a back-off.
      if (this.rotation.failed()) {
        this.logger.debug({ node: node.label, err: (error as Error).message }, 'broker node unreachable; trying the next');
        this.retryTimer = setTimeout(() => void this.connectOnce(), 0);
      } else {
        this.scheduleRetry(error as Error);
      }
    }
  }

  /** A TLS failure will not heal by retrying alone: it is logged as an error naming the cause, once per cause and node. */
  private reportFailure(index: number, error: Error): void {
    const node = this.nodes[index]!;
    const tlsCause = describeTlsFailure(error, this.options.tls, node.host);
    const failure = tlsCause ?? error.message;
    if (tlsCause && tlsCause !== this.reportedTls.get(index)) {
      this.reportedTls.set(index, tlsCause);
      this.logger.error({ err: error.message, code: (error as { code?: string }).code, node: node.label }, `broker connection failed: ${tlsCause}`);
    }
    this.failures.set(index, failure);
    // One node: its failure as it is. Several: every node's latest, in list order, each named by host:port.
    this.lastFailure =
      this.nodes.length === 1
        ? failure
        : [...this.failures.entries()]
            .sort(([a], [b]) => a - b)
            .map(([at, reason]) => `${this.nodes[at]!.label}: ${reason}`)
            .join('; ');
  }

  private onLost(session: BrokerSession, error?: Error): void {
    if (this.session !== session) return;
    this.session = undefined;
    this.rotation.lost();
    this.logger.warn({ err: error?.message, node: session.node.label }, 'broker connection lost');
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

function withHeartbeat(url: string, heartbeatSeconds: number): string {
  if (/[?&]heartbeat=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}heartbeat=${heartbeatSeconds}`;
}

/**
 * Starts connecting in the background; never throws when the broker is down, it keeps retrying. Throws only for a
 * `url` that cannot be used (`BrokerUrlError`, naming the element, never its password).
 */
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
