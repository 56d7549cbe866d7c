import type { Channel, ConsumeMessage } from 'amqplib';

/** What the batcher needs of a channel: amqplib's `ack` and `nack`. */
export type SettlingChannel = Pick<Channel, 'ack' | 'nack'>;

/**
 * Settles one channel's deliveries, turning a run of acks into one `basic.ack` with `multiple`. On a quorum queue
 * every ack is a command in the queue's replicated log, so one ack for a run of deliveries saves the broker more
 * CPU than anything else a consumer can do (measured in tools/bench/messaging). Acks settled in one turn of the
 * event loop are sent together at the end of it:
 * - the acked deliveries at the head of the channel's outstanding ones leave as one `ack(last, multiple)`;
 * - acked ones behind a delivery still in progress are acked singly at once, so a slow handler never holds
 *   back the others (they would keep counting against the prefetch);
 * - a requeue is sent at once, before any later multiple ack could cover it.
 */
export class AckBatcher {
  /** Deliveries not yet acked or nacked on the wire, in delivery-tag order (the order the broker sends them). */
  private readonly outstanding: Array<{ message: ConsumeMessage; acked: boolean }> = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly channel: SettlingChannel) {}

  received(message: ConsumeMessage): void {
    this.outstanding.push({ message, acked: false });
  }

  ack(message: ConsumeMessage): void {
    const entry = this.outstanding.find((candidate) => candidate.message === message);
    if (!entry) return;
    entry.acked = true;
    this.scheduled ??= setImmediate(() => this.flush());
  }

  requeue(message: ConsumeMessage): void {
    const index = this.outstanding.findIndex((candidate) => candidate.message === message);
    if (index < 0) return;
    this.outstanding.splice(index, 1);
    this.channel.nack(message, false, true);
  }

  /** Sends every ack settled so far (also called before the channel is closed on purpose). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    let head = 0;
    while (head < this.outstanding.length && this.outstanding[head]!.acked) head += 1;
    if (head > 0) this.channel.ack(this.outstanding[head - 1]!.message, head > 1);
    const rest = this.outstanding.splice(0, this.outstanding.length).slice(head);
    for (const entry of rest) {
      if (entry.acked) this.channel.ack(entry.message);
      else this.outstanding.push(entry);
    }
  }

  /** The channel is gone: the broker will redeliver whatever was not settled on it. */
  discard(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.outstanding.length = 0;
  }
}
