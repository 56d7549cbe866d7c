import { mapWithConcurrency } from '@troupe/order-testing';
import { runPaced } from './pacing';
import { summarize, type LatencySummary } from './percentiles';
import { progressLine, startProgress } from './progress';

/** One saga (or raw chain) from start to terminal, times from performance.now(). */
export interface SagaTiming {
  id: string;
  startedAt: number;
  endedAt: number;
  outcome: string;
  /** Troupe only: `POST /orders` sent → response received, ms. */
  postMs?: number;
}

/** Starts saga `index`, counting from `startedAt`, and resolves when it is terminal. */
export type Workload = (index: number, startedAt: number) => Promise<SagaTiming>;

export type PhaseShape = { kind: 'saturated'; count: number; concurrency: number } | { kind: 'rate'; rate: number; duration: number };

export interface PhaseResult {
  shape: PhaseShape;
  started: number;
  completed: number;
  failed: number;
  /** First error message, so a broken run says why. */
  firstError?: string;
  seconds: number;
  /** Completed sagas / (last terminal − phase start). */
  perSecond: number;
  latency: LatencySummary;
  /** `POST /orders` response latency, when the workload measured it (troupe). */
  post?: LatencySummary;
  outcomes: Record<string, number>;
  timings: SagaTiming[];
}

export interface PhaseOptions {
  /** No progress line (warm-ups). */
  quiet?: boolean;
  /** Called once right before the first saga starts: CPU samples, the profile window. */
  onStart?: () => void;
}

/**
 * Saturated: `count` sagas through `concurrency` closed-loop lanes (latency from each start). Rate: open loop,
 * latency from each saga's scheduled time. Each saga is bounded by `timeoutMs` and counted failed past it.
 */
export async function runPhase(label: string, shape: PhaseShape, workload: Workload, timeoutMs: number, options: PhaseOptions = {}): Promise<PhaseResult> {
  const timings: SagaTiming[] = [];
  const errors: string[] = [];
  let started = 0;
  const planned = shape.kind === 'saturated' ? shape.count : Math.floor(shape.rate * shape.duration);
  options.onStart?.();
  const phaseStart = performance.now();
  const progress = options.quiet ? undefined : startProgress(() => progressLine(label, timings.length + errors.length, planned, started - timings.length - errors.length, performance.now() - phaseStart));
  const one = async (index: number, startedAt: number) => {
    started++;
    try {
      timings.push(await withTimeout(workload(index, startedAt), timeoutMs));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  };
  try {
    if (shape.kind === 'saturated') {
      await mapWithConcurrency(Array.from({ length: shape.count }, (_, index) => index), shape.concurrency, (index) => one(index, performance.now()));
    } else {
      const running: Promise<void>[] = [];
      await runPaced(shape.rate, shape.duration, (index, due) => running.push(one(index, due)));
      await Promise.all(running);
    }
  } finally {
    progress?.stop();
  }
  const lastEnd = Math.max(phaseStart, ...timings.map((timing) => timing.endedAt));
  const seconds = (lastEnd - phaseStart) / 1000;
  const outcomes: Record<string, number> = {};
  for (const timing of timings) outcomes[timing.outcome] = (outcomes[timing.outcome] ?? 0) + 1;
  const posts = timings.flatMap((timing) => (timing.postMs === undefined ? [] : [timing.postMs]));
  return {
    shape,
    started,
    completed: timings.length,
    failed: errors.length,
    ...(errors.length > 0 ? { firstError: errors[0] } : {}),
    seconds,
    perSecond: seconds > 0 ? timings.length / seconds : 0,
    latency: summarize(timings.map((timing) => timing.endedAt - timing.startedAt)),
    ...(posts.length > 0 ? { post: summarize(posts) } : {}),
    outcomes,
    timings,
  };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not terminal within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}
