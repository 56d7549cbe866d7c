import { toAmqpProperties, type EventEnvelope } from '@troupe/contracts';
import { topologyNames } from '@troupe/messaging';
import { openRawClient, type RawClient } from '@troupe/messaging/testing';
import { poisonHeader, type PoisonMessage } from './poison';
import { keyedRandom } from './random';

export interface TappedEvent {
  id: string;
  type: string;
  /** The envelope's `time`: when the producer emitted it. */
  time: string;
  causationid?: string;
}

export interface EventTapOptions {
  /** Straight to the broker, not through the workers' proxy: a connection cut is the workers' fault, not the tap's. */
  url: string;
  prefix: string;
  seed: number;
  duplicateRate: number;
  /** The driver's index of an order, once its POST was answered (what makes a duplicate decision replayable). */
  orderIndexOf(orderId: string): number | undefined;
  log(line: string): void;
}

interface Arrival {
  event: TappedEvent & { subject: string };
  body: Buffer;
  headers: Record<string, unknown>;
  at: number;
}

interface Outgoing {
  what: string;
  exchange: string;
  routingKey: string;
  body: Buffer;
  properties: PublishProperties;
  notBefore: number;
  giveUpAt: number;
  onSent(): void;
}

type PublishProperties = Parameters<RawClient['publish']>[3];

const tickMs = 250;
const watchdogMs = 1_000;
/** Republishing waits this long for the driver to know the order, then decides without its index. */
const decideWithinMs = 10_000;
const giveUpAfterMs = 90_000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

/**
 * A queue bound with `#` to the namespace's events exchange: every real event, as delivered. It records each event
 * once by id (per order: type and cause, for the "no second effect" check) and republishes `duplicateRate` of them
 * unchanged — same body, message id, properties and headers — a random 0–2 s later, so the copy races the
 * original's consequences. It also publishes the poison. It survives broker restarts by reconnecting.
 */
export class EventTap {
  private client: RawClient | undefined;
  private stopConsumer: (() => Promise<void>) | undefined;
  private readonly seen = new Set<string>();
  private readonly byOrder = new Map<string, TappedEvent[]>();
  private readonly occurrences = new Map<string, number>();
  private arrivals: Arrival[] = [];
  private outgoing: Outgoing[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastWatchdog = 0;
  private ticking = false;
  private readonly exchange: string;
  private readonly queue: string;
  readonly counts = { received: 0, distinct: 0, duplicatesDecided: 0, duplicatesPublished: 0, duplicatesGivenUp: 0, reconnects: 0 };
  readonly duplicatedByType = new Map<string, number>();
  /** When each distinct event arrived (performance.now): the longest gap between two is how long publishing stalled. */
  readonly arrivalTimes: number[] = [];
  /** Ids of events republished, per order (a duplicated order is checked like any other, but counted). */
  readonly duplicatedOrders = new Set<string>();

  constructor(private readonly options: EventTapOptions) {
    this.exchange = topologyNames(options.prefix, 'chaos').eventsExchange;
    this.queue = `${options.prefix}chaos.tap`;
  }

  async start(): Promise<void> {
    await this.connect();
    this.timer = setInterval(() => void this.tick(), tickMs);
  }

  events(orderId: string): readonly TappedEvent[] {
    return this.byOrder.get(orderId) ?? [];
  }

  /** Publishes a poison message (retried through broker faults); resolves once the broker confirmed it. */
  publishPoison(poison: PoisonMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const now = Date.now();
      this.outgoing.push({
        what: `poison ${poison.tag}`,
        exchange: this.exchange,
        routingKey: poison.routingKey,
        body: poison.body,
        properties: poison.properties,
        notBefore: now,
        giveUpAt: now + giveUpAfterMs,
        onSent: resolve,
      });
      setTimeout(() => reject(new Error(`poison ${poison.tag} not confirmed within ${giveUpAfterMs} ms`)), giveUpAfterMs + 5_000).unref();
    });
  }

  /** Nothing waiting to be decided or republished. */
  idle(): boolean {
    return this.arrivals.length === 0 && this.outgoing.length === 0;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.stopConsumer?.().catch(() => undefined);
    await this.client?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = await withTimeout(openRawClient(this.options.url), 10_000);
    try {
      await client.declareTopicExchange(this.exchange);
      await client.declareBoundQueue(this.queue, this.exchange, '#');
      this.stopConsumer = await client.consume(this.queue, (body, headers) => this.record(body, headers), 500);
      this.client = client;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  private record(body: Buffer, headers: Record<string, unknown>): void {
    this.counts.received++;
    if (headers[poisonHeader] !== undefined) return;
    let envelope: Partial<EventEnvelope>;
    try {
      envelope = JSON.parse(body.toString()) as Partial<EventEnvelope>;
    } catch {
      return;
    }
    if (typeof envelope.id !== 'string' || typeof envelope.type !== 'string' || typeof envelope.subject !== 'string') return;
    if (this.seen.has(envelope.id)) return; // our own duplicate, or an outbox relay's republish
    this.seen.add(envelope.id);
    this.counts.distinct++;
    this.arrivalTimes.push(performance.now());
    const event: TappedEvent & { subject: string } = {
      id: envelope.id,
      type: envelope.type,
      time: String(envelope.time),
      subject: envelope.subject,
      ...(typeof envelope.causationid === 'string' ? { causationid: envelope.causationid } : {}),
    };
    const list = this.byOrder.get(event.subject) ?? [];
    list.push({ id: event.id, type: event.type, time: event.time, ...(event.causationid ? { causationid: event.causationid } : {}) });
    this.byOrder.set(event.subject, list);
    if (this.options.duplicateRate > 0) this.arrivals.push({ event, body, headers, at: Date.now() });
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      if (now - this.lastWatchdog >= watchdogMs) {
        this.lastWatchdog = now;
        await this.watchdog();
      }
      this.decide(now);
      await this.flush(now);
    } finally {
      this.ticking = false;
    }
  }

  /** A cheap idempotent call on the connection: if it fails the broker went away, so connect again (next tick if it still fails). */
  private async watchdog(): Promise<void> {
    try {
      if (!this.client) throw new Error('not connected');
      await withTimeout(this.client.declareTopicExchange(this.exchange), 5_000);
    } catch {
      const old = this.client;
      this.client = undefined;
      await this.stopConsumer?.().catch(() => undefined);
      await old?.close().catch(() => undefined);
      try {
        await this.connect();
        this.counts.reconnects++;
      } catch {
        // Broker still down: try again on the next watchdog tick.
      }
    }
  }

  private decide(now: number): void {
    const waiting: Arrival[] = [];
    for (const arrival of this.arrivals) {
      const index = this.options.orderIndexOf(arrival.event.subject);
      if (index === undefined && now - arrival.at < decideWithinMs) {
        waiting.push(arrival);
        continue;
      }
      const order = index === undefined ? arrival.event.subject : String(index);
      const nth = this.occurrences.get(`${order}:${arrival.event.type}`) ?? 0;
      this.occurrences.set(`${order}:${arrival.event.type}`, nth + 1);
      const key = `dup:${order}:${arrival.event.type}:${nth}`;
      if (keyedRandom(this.options.seed, key) >= this.options.duplicateRate) continue;
      this.counts.duplicatesDecided++;
      const delayMs = Math.floor(keyedRandom(this.options.seed, `${key}:delay`) * 2_000);
      const envelope = JSON.parse(arrival.body.toString()) as EventEnvelope;
      this.outgoing.push({
        what: `duplicate of ${arrival.event.type} ${arrival.event.id}`,
        exchange: this.exchange,
        routingKey: arrival.event.type,
        body: arrival.body,
        properties: { ...toAmqpProperties(envelope), headers: arrival.headers },
        notBefore: arrival.at + delayMs,
        giveUpAt: arrival.at + giveUpAfterMs,
        onSent: () => {
          this.counts.duplicatesPublished++;
          this.duplicatedByType.set(arrival.event.type, (this.duplicatedByType.get(arrival.event.type) ?? 0) + 1);
          this.duplicatedOrders.add(arrival.event.subject);
        },
      });
    }
    this.arrivals = waiting;
  }

  private async flush(now: number): Promise<void> {
    const client = this.client;
    const later: Outgoing[] = [];
    for (const message of this.outgoing) {
      if (message.notBefore > now) {
        later.push(message);
        continue;
      }
      try {
        if (!client) throw new Error('not connected');
        await withTimeout(client.publish(message.exchange, message.routingKey, message.body, message.properties), 5_000);
        message.onSent();
      } catch {
        if (now < message.giveUpAt) later.push(message);
        else {
          if (message.what.startsWith('duplicate')) this.counts.duplicatesGivenUp++;
          this.options.log(`gave up publishing ${message.what} after ${giveUpAfterMs} ms`);
        }
      }
    }
    this.outgoing = later;
  }
}
