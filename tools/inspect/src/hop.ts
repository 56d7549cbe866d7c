/** One observed step of a saga: a service emitting an event, or (from traces) a service processing one. */
export interface Hop {
  service: string;
  event: string;
  /** Milliseconds since the epoch. */
  at: number;
  action: 'emitted' | 'processed';
  source: 'order-view' | 'jaeger';
  /** Set when the span recorded an error (the step failed and was probably retried). */
  error?: string;
}

/** Chronological, with emissions before processing at the same instant (cause before effect). */
export function sortHops(hops: readonly Hop[]): Hop[] {
  const rank = (hop: Hop) => (hop.action === 'emitted' ? 0 : 1);
  return [...hops].sort((a, b) => a.at - b.at || rank(a) - rank(b));
}
