import type { BrokerAdmin } from '@troupe/order-testing';

/** Consumers of one queue at one poll: how many, and on which node each one's channel lives. */
export interface QueueConsumers {
  total: number;
  byNode: Record<string, number>;
}

export interface ConsumerSample {
  at: number;
  queues: Map<string, QueueConsumers>;
}

export interface ConsumerRecovery {
  /** Queues of the namespace with consumers just before the fault, and their consumers then. */
  queues: number;
  consumers: number;
  /** Of those, consumers whose channel was on the lost node. */
  onLostNode: number;
  /** First poll that saw a queue with fewer consumers than before the fault (ms, performance.now clock). */
  lostAt?: number;
  /** First poll after that at which every queue had its consumers again, none of them on the lost node. */
  backAt?: number;
  /**
   * The longest any one queue went without its consumers: from the poll that saw it short to the first at which it had
   * them all again off the lost node. This is what the bound judges: a stopping node closes its connections one after
   * another over seconds, so backAt − lostAt also counts the node's own shutdown, which no client can hurry.
   */
  longestGapMs?: number;
  /** The queue that went longest without its consumers (the one `longestGapMs` is about). */
  slowestQueue?: string;
  /** Polls made while the fault lasted, and how many of them the management API failed to answer. */
  polls: number;
  failedPolls: number;
  /** Queues still short of consumers at the last poll (when they never came back). */
  short: string[];
}

interface ApiConsumer {
  queue?: { name?: string };
  channel_details?: { node?: string };
}

/**
 * Polls the management API of a node that stays up (`GET /api/consumers`, which is fed by consumer events as they
 * happen, unlike a queue's `consumers` figure, refreshed every 5 s) and keeps every sample, so the recovery after a
 * node loss can be read off afterwards: when the first consumer went away, when every queue had its consumers back.
 * The run's own queues (`<prefix>chaos.*`) are left out.
 */
export class ConsumerWatch {
  private readonly samples: ConsumerSample[] = [];
  private failures: number[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly admin: BrokerAdmin,
    private readonly prefix: string,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.polling ??= this.poll().finally(() => (this.polling = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.polling;
  }

  /** One poll now (also what the timer runs). */
  async poll(): Promise<void> {
    const at = performance.now();
    try {
      const response = await fetch(`${this.admin.baseUrl}/api/consumers`, { headers: { authorization: this.admin.authorization }, signal: AbortSignal.timeout(2_000) });
      if (!response.ok) throw new Error(`management API answered ${response.status}`);
      this.samples.push({ at, queues: countConsumers((await response.json()) as ApiConsumer[], this.prefix) });
    } catch {
      this.failures.push(at);
    }
  }

  /** The recovery from a fault issued at `issuedAt` on `lostNode` (performance.now clock), from the samples so far. */
  recovery(issuedAt: number, lostNode: string): ConsumerRecovery {
    return judgeRecovery(this.samples, this.failures, issuedAt, lostNode);
  }
}

export function countConsumers(consumers: readonly ApiConsumer[], prefix: string): Map<string, QueueConsumers> {
  const queues = new Map<string, QueueConsumers>();
  for (const consumer of consumers) {
    const name = consumer.queue?.name;
    if (!name?.startsWith(prefix) || name.startsWith(`${prefix}chaos.`)) continue;
    const entry = queues.get(name) ?? { total: 0, byNode: {} };
    const node = consumer.channel_details?.node ?? 'unknown';
    entry.total += 1;
    entry.byNode[node] = (entry.byNode[node] ?? 0) + 1;
    queues.set(name, entry);
  }
  return queues;
}

export function judgeRecovery(samples: readonly ConsumerSample[], failures: readonly number[], issuedAt: number, lostNode: string): ConsumerRecovery {
  const before = [...samples].reverse().find((sample) => sample.at < issuedAt);
  const after = samples.filter((sample) => sample.at >= issuedAt);
  const baseline = before?.queues ?? new Map<string, QueueConsumers>();
  let consumers = 0;
  let onLostNode = 0;
  for (const queue of baseline.values()) {
    consumers += queue.total;
    onLostNode += queue.byNode[lostNode] ?? 0;
  }
  const shortOf = (sample: ConsumerSample, excludeLost: boolean) =>
    [...baseline].filter(([name, was]) => {
      const now = sample.queues.get(name);
      const live = (now?.total ?? 0) - (excludeLost ? (now?.byNode[lostNode] ?? 0) : 0);
      return live < was.total;
    }).map(([name]) => name);
  const lost = after.find((sample) => shortOf(sample, false).length > 0);
  const back = lost ? after.find((sample) => sample.at > lost.at && shortOf(sample, true).length === 0) : undefined;
  const last = after.at(-1);
  let longestGapMs: number | undefined;
  let slowestQueue: string | undefined;
  for (const [name, was] of baseline) {
    const liveIn = (sample: ConsumerSample, excludeLost: boolean) => {
      const now = sample.queues.get(name);
      return (now?.total ?? 0) - (excludeLost ? (now?.byNode[lostNode] ?? 0) : 0);
    };
    const queueLost = after.find((sample) => liveIn(sample, false) < was.total);
    if (!queueLost) continue;
    const queueBack = after.find((sample) => sample.at > queueLost.at && liveIn(sample, true) >= was.total);
    if (queueBack && queueBack.at - queueLost.at >= (longestGapMs ?? 0)) {
      longestGapMs = queueBack.at - queueLost.at;
      slowestQueue = name;
    }
  }
  return {
    queues: baseline.size,
    consumers,
    onLostNode,
    ...(lost ? { lostAt: lost.at } : {}),
    ...(back ? { backAt: back.at } : {}),
    ...(back && longestGapMs !== undefined ? { longestGapMs, slowestQueue } : {}),
    polls: after.length + failures.filter((at) => at >= issuedAt).length,
    failedPolls: failures.filter((at) => at >= issuedAt).length,
    short: lost && !back && last ? shortOf(last, true) : [],
  };
}
