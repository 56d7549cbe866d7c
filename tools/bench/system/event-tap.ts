import type { RawClient } from '@troupe/messaging/testing';

export interface TappedEvent {
  type: string;
  /** The envelope's `time` (epoch ms): when the producer created the event. */
  createdAt: number;
  /** performance.now() when the tap received it. */
  arrivedAt: number;
}

export const terminalTypes: ReadonlySet<string> = new Set(['order.confirmed', 'order.rejected', 'order.cancelled']);
export const notifiedType = 'customer.notified';

/**
 * A passive consumer bound with `#` to the namespace's events exchange: every event of every saga, as the
 * broker delivered it, with its arrival time. It acks on delivery and publishes nothing; its one cost to the
 * system is the broker copying each event into one more (quorum) queue.
 */
export class EventTap {
  private readonly bySaga = new Map<string, TappedEvent[]>();
  private readonly waiters = new Map<string, Array<{ type: 'terminal' | 'notified'; resolve: (event: TappedEvent) => void }>>();
  private stop: (() => Promise<void>) | undefined;
  received = 0;

  async start(client: RawClient, queue: string, exchange: string): Promise<void> {
    await client.declareBoundQueue(queue, exchange, '#');
    this.stop = await client.consume(queue, (body) => this.record(body), 1000);
  }

  private record(body: Buffer): void {
    const arrivedAt = performance.now();
    let envelope: { type?: unknown; time?: unknown; subject?: unknown };
    try {
      envelope = JSON.parse(body.toString()) as typeof envelope;
    } catch {
      return;
    }
    if (typeof envelope.type !== 'string' || typeof envelope.subject !== 'string') return;
    this.received++;
    const event = { type: envelope.type, createdAt: Date.parse(String(envelope.time)), arrivedAt };
    const events = this.bySaga.get(envelope.subject) ?? [];
    events.push(event);
    this.bySaga.set(envelope.subject, events);
    const waiting = this.waiters.get(envelope.subject) ?? [];
    for (const waiter of waiting.filter((candidate) => matches(candidate.type, event.type))) waiter.resolve(event);
    this.waiters.set(envelope.subject, waiting.filter((candidate) => !matches(candidate.type, event.type)));
  }

  events(sagaId: string): readonly TappedEvent[] {
    return this.bySaga.get(sagaId) ?? [];
  }

  /** The first terminal (or customer.notified) event of the saga, seen already or still to come. */
  next(sagaId: string, type: 'terminal' | 'notified'): Promise<TappedEvent> {
    const seen = this.events(sagaId).find((event) => matches(type, event.type));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const waiting = this.waiters.get(sagaId) ?? [];
      waiting.push({ type, resolve });
      this.waiters.set(sagaId, waiting);
    });
  }

  async close(): Promise<void> {
    await this.stop?.();
  }
}

const matches = (wanted: 'terminal' | 'notified', type: string) => (wanted === 'terminal' ? terminalTypes.has(type) : type === notifiedType);
