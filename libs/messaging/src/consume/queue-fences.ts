/**
 * Header of a fence: a marker a service sends into its own queues. It carries the time it was sent; a
 * consumer that reaches it has settled everything queued ahead of it, because a queue hands out ready
 * messages in the order they entered. Not an event: it is acked unread and never reaches a handler.
 */
export const fenceHeader = 'troupe-fence-sent-at';

/**
 * What this instance's consumers know about their queues' backlog: per queue, the send time of the newest
 * fence they have passed. `passedUntil` is the oldest of those, so a message that entered any of the
 * queues before it has been handled (committed, retried or dead-lettered), not merely received.
 */
export class QueueFences {
  private readonly passed = new Map<string, number>();

  constructor(private readonly queues: readonly string[]) {}

  /** A consumer of `queue` reached a fence sent at `sentAt` with every delivery before it settled. */
  pass(queue: string, sentAt: number): void {
    if (!this.queues.includes(queue) || !Number.isFinite(sentAt)) return;
    if ((this.passed.get(queue) ?? -Infinity) < sentAt) this.passed.set(queue, sentAt);
  }

  /**
   * Epoch ms before which every queue is known to be drained, or undefined while some queue has passed no
   * fence yet (just started: its backlog is unknown). A service that consumes nothing has no backlog.
   */
  passedUntil(now = Date.now()): number | undefined {
    if (this.queues.length === 0) return now;
    let oldest = Infinity;
    for (const queue of this.queues) {
      const sentAt = this.passed.get(queue);
      if (sentAt === undefined) return undefined;
      oldest = Math.min(oldest, sentAt);
    }
    return oldest;
  }
}
