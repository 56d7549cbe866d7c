// The tap reads a stream from 'next' with manual (credit) acks, which RawClient (@troupe/messaging/testing) does
// not offer: bare amqplib here, as in the raw replay's processes (raw-graph-service.ts). A benchmark tool only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import { firstBrokerUrl } from '@troupe/messaging';

export interface TappedEvent {
  type: string;
  /**
   * The envelope's `time`, when the producer created the event (inside its transaction), on the clock of
   * `arrivedAt` (performance.now()); the envelope's millisecond resolution, NaN when it has none.
   */
  createdAt: number;
  /** performance.now() when the tap received it. */
  arrivedAt: number;
}

export const terminalTypes: ReadonlySet<string> = new Set(['order.confirmed', 'order.rejected', 'order.cancelled']);
export const notifiedType = 'customer.notified';

/** Records sent ahead of the tap (streams require a prefetch); acks are credit only and go out every `ackEvery`. */
const tapPrefetch = 1000;
const ackEvery = 100;

type Waiter = { type: 'terminal' | 'notified'; resolve: (event: TappedEvent) => void; reject: (error: Error) => void };

/**
 * A passive reader of the namespace's event archive (the stream bound `#` to the events exchange, which
 * order-view's topology declares in troupe and the raw replay declares the same way), attached at 'next': every
 * event of every saga, as the broker appended it, with its arrival time. It publishes nothing and adds no queue:
 * the broker writes each event into the archive anyway, so the tap's one cost is reading it.
 */
export class EventTap {
  private readonly bySaga = new Map<string, TappedEvent[]>();
  private readonly waiters = new Map<string, Waiter[]>();
  private connection: ChannelModel | undefined;
  private channel: Channel | undefined;
  private unacked = 0;
  private failure: Error | undefined;
  private closing = false;
  received = 0;

  /** Attaches at the stream's next record; `onFailure` hears of a lost connection or a cancelled consumer. */
  async start(url: string, stream: string, onFailure: (why: string) => void = () => undefined): Promise<void> {
    const fail = (why: string) => {
      if (this.closing || this.failure) return;
      this.failure = new Error(`event tap on ${stream}: ${why}`);
      for (const waiting of this.waiters.values()) for (const waiter of waiting) waiter.reject(this.failure);
      this.waiters.clear();
      onFailure(this.failure.message);
    };
    // RABBITMQ_URL may list a cluster's nodes: the tap reads the stream from the first, which holds a replica of it.
    const connection = await amqp.connect(firstBrokerUrl(url), { noDelay: true });
    this.connection = connection;
    connection.on('error', (error: Error) => fail(`connection error: ${error.message}`));
    connection.on('close', () => fail('connection closed'));
    const channel = await connection.createChannel();
    this.channel = channel;
    channel.on('error', (error: Error) => fail(`channel error: ${error.message}`));
    await channel.checkQueue(stream);
    await channel.prefetch(tapPrefetch);
    await channel.consume(
      stream,
      (message) => {
        if (message === null) return fail('consumer cancelled by the broker');
        this.record(message.content);
        this.ack(channel, message);
      },
      { noAck: false, arguments: { 'x-stream-offset': 'next' } },
    );
  }

  private ack(channel: Channel, message: ConsumeMessage): void {
    if (++this.unacked < ackEvery) return;
    this.unacked = 0;
    channel.ack(message, true);
  }

  private record(body: Buffer): void {
    const arrivedAt = performance.now();
    let envelope: { type?: unknown; time?: unknown; subject?: unknown };
    try {
      envelope = JSON.parse(body.toString()) as typeof envelope;
    } catch {
      return; // e.g. an archive reader's empty marker record
    }
    if (typeof envelope.type !== 'string' || typeof envelope.subject !== 'string') return;
    this.received++;
    const event = { type: envelope.type, createdAt: Date.parse(String(envelope.time)) - performance.timeOrigin, arrivedAt };
    const events = this.bySaga.get(envelope.subject) ?? [];
    events.push(event);
    this.bySaga.set(envelope.subject, events);
    const waiting = this.waiters.get(envelope.subject);
    if (!waiting) return;
    for (const waiter of waiting.filter((candidate) => matches(candidate.type, event.type))) waiter.resolve(event);
    const left = waiting.filter((candidate) => !matches(candidate.type, event.type));
    if (left.length > 0) this.waiters.set(envelope.subject, left);
    else this.waiters.delete(envelope.subject);
  }

  events(sagaId: string): readonly TappedEvent[] {
    return this.bySaga.get(sagaId) ?? [];
  }

  /** The first terminal (or customer.notified) event of the saga, seen already or still to come. */
  next(sagaId: string, type: 'terminal' | 'notified'): Promise<TappedEvent> {
    const seen = this.events(sagaId).find((event) => matches(type, event.type));
    if (seen) return Promise.resolve(seen);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const waiting = this.waiters.get(sagaId) ?? [];
      waiting.push({ type, resolve, reject });
      this.waiters.set(sagaId, waiting);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
    this.channel = undefined;
    this.connection = undefined;
  }
}

const matches = (wanted: 'terminal' | 'notified', type: string) => (wanted === 'terminal' ? terminalTypes.has(type) : type === notifiedType);
