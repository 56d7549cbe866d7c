import assert from 'node:assert/strict';

/** A WAL flush that the test finishes by hand, so "committed" can be told apart from "durable". */
export interface HeldFlush {
  flush: () => Promise<void>;
  /** Flushes started so far. */
  started(): number;
  /** Flushes started and not yet finished. */
  outstanding(): number;
  /** Finishes the oldest outstanding flush, failing it with `error` if given. */
  finish(error?: Error): void;
}

export function heldFlush(): HeldFlush {
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  let started = 0;
  return {
    flush: () =>
      new Promise<void>((resolve, reject) => {
        started += 1;
        pending.push({ resolve, reject });
      }),
    started: () => started,
    outstanding: () => pending.length,
    finish: (error) => {
      const next = pending.shift();
      assert.ok(next, 'no flush is running');
      if (error) next.reject(error);
      else next.resolve();
    },
  };
}
