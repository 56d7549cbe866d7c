/** The lease row in the `runs` collection: who may run now, and the last scheduled tick that was claimed. */
export interface LeaseRow {
  _id: string;
  version?: number;
  holder: string;
  /** Epoch ms; past it the holder is presumed dead and anyone may take over. */
  expiresAt: number;
  /** Scheduled ticks are floor(now / interval); a tick claimed once is never run again by another instance. */
  tick: number;
}

export type LeaseDecision = 'claim' | 'held' | 'tick-already-run';

/**
 * Whether `holder` may start a run now. `tick` is undefined for a run asked for by hand, which only needs the lease
 * to be free.
 */
export function decideLease(row: LeaseRow | undefined, holder: string, now: number, tick: number | undefined): LeaseDecision {
  if (!row) return 'claim';
  if (row.holder !== holder && row.expiresAt > now) return 'held';
  if (tick !== undefined && row.tick >= tick) return 'tick-already-run';
  return 'claim';
}
