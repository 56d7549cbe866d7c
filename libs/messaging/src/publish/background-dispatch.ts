import type { OutboxDispatcher } from '../outbox/dispatcher';
import type { OutboxRow } from '../outbox/row';
import { messagingDefaults } from '../messaging-defaults';

/**
 * Publishes a delivery's committed outbox rows without holding its ack until the broker confirms them. Once the
 * transaction is durable the rows will be published whatever happens (the relay takes over after a crash or a
 * failed publish), so the delivery can be acked at once and its prefetch slot reused: waiting for confirms there
 * left the consumer idle for a broker round trip per delivery. Publishing stays bounded: while `maxBacklog` rows
 * await their confirm, `handOff` waits, which holds the ack, which holds the prefetch window.
 */
export class BackgroundDispatch {
  private backlog = 0;
  private readonly running = new Set<Promise<unknown>>();
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly dispatcher: OutboxDispatcher,
    /** Rows published but not yet confirmed before `handOff` makes its caller wait. Default 256. */
    private readonly maxBacklog: number = messagingDefaults.maxInFlightPublishes,
  ) {}

  /** Starts publishing `rows` in order; resolves when they are under way (not confirmed). */
  async handOff(rows: readonly OutboxRow[]): Promise<void> {
    while (this.backlog >= this.maxBacklog) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.backlog += rows.length;
    // dispatch never rejects: failed rows are handed to the relay inside it.
    const publishing = this.dispatcher.dispatch(rows).finally(() => {
      this.backlog -= rows.length;
      this.running.delete(publishing);
      this.waiting.splice(0).forEach((wake) => wake());
    });
    this.running.add(publishing);
  }

  /** Rows handed off and not yet confirmed or failed. */
  pending(): number {
    return this.backlog;
  }

  /**
   * Waits until everything handed off so far is confirmed or failed, or `timeoutMs` passed (graceful stop: a
   * broker that blocks publishing must not hold a shutdown; rows left unconfirmed stay pending for the relay).
   * Resolves true when everything settled.
   */
  async settle(timeoutMs = Infinity): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      if (Number.isFinite(timeoutMs)) timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const settled = (async () => {
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      return true as const;
    })();
    try {
      return await Promise.race([settled, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
