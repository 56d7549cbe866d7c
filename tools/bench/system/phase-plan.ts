import { runsRate, runsSaturated, type BenchOptions, type Mode } from './options';
import type { PhaseShape } from './phase';

export type MeasuredPhase = Exclude<Mode, 'both'>;

/** Sagas each side runs, unmeasured, before its first measured phase. */
export const warmUpSagas = 200;

/**
 * The same warm-up for Troupe and the raw replay, at the measured concurrency: with twenty orders at four lanes
 * Troupe's hot paths were still being compiled during its two-second saturated phase while the raw replay's were
 * already optimised, which showed as a saturated POST p99 of 270–500 ms against 56–100 after this warm-up.
 */
export const warmUpShape = (options: BenchOptions): PhaseShape => ({ kind: 'saturated', count: warmUpSagas, concurrency: options.concurrency });

/** The measured phases in order; `saturatedCount` differs per side (`--orders`, `--raw-sagas`). */
export function measuredShapes(options: BenchOptions, saturatedCount: number): Array<[MeasuredPhase, PhaseShape]> {
  const shapes: Array<[MeasuredPhase, PhaseShape]> = [];
  if (runsSaturated(options)) shapes.push(['saturated', { kind: 'saturated', count: saturatedCount, concurrency: options.concurrency }]);
  if (runsRate(options)) shapes.push(['rate', { kind: 'rate', rate: options.rate, duration: options.duration }]);
  return shapes;
}
