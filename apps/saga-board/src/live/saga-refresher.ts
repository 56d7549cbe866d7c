import type { OrderViewBody } from '../sagas/summarise-view';
import type { OrderViewSource } from '../sources/order-view-source';

export interface SagaRefresherOptions {
  source: OrderViewSource;
  /** Called with the saga as order-view has it once it includes the event (or the wait ran out). */
  onSaga(view: OrderViewBody): void;
  /** How long to wait for order-view to project the event: it reads the same archive, usually milliseconds behind. */
  catchUpMs?: number;
  /** The first pause between two reads of one saga; it doubles up to `catchUpMs / 4`. */
  retryEveryMs?: number;
  /** Sagas re-read at once; the others wait their turn (a burst of traffic must not become a burst on order-view). */
  concurrency?: number;
  onError?(error: Error): void;
}

/**
 * Turns "an event of order X was appended" into "here is saga X now": re-reads X from order-view until its timeline
 * holds that event (order-view reads the same archive and may be a moment behind), then hands it on. A burst of
 * events for one saga costs one read at a time: events arriving while a read is in flight fold into the next one.
 * A failed read (order-view down) ends that saga's wait at once: the next event, or a reload, brings it.
 */
export function sagaRefresher(options: SagaRefresherOptions): { eventFor(orderId: string, eventId: string): void; idle(): Promise<void> } {
  const catchUpMs = options.catchUpMs ?? 3_000;
  const firstPauseMs = options.retryEveryMs ?? 50;
  const concurrency = options.concurrency ?? 16;
  const waiting = new Map<string, Set<string>>();
  const running = new Map<string, Promise<void>>();
  const queued: string[] = [];

  const refresh = async (orderId: string): Promise<void> => {
    const wanted = waiting.get(orderId) ?? new Set<string>();
    waiting.delete(orderId);
    const deadline = Date.now() + catchUpMs;
    for (let pause = firstPauseMs; ; pause = Math.min(pause * 2, Math.max(firstPauseMs, catchUpMs / 4))) {
      const view = await options.source.get(orderId);
      const seen = new Set(view?.timeline.map((step) => step.eventId) ?? []);
      const caughtUp = view !== undefined && [...wanted].every((id) => seen.has(id));
      if (view && (caughtUp || Date.now() >= deadline)) return options.onSaga(view);
      if (!view && Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };

  const run = (orderId: string): void => {
    if (running.has(orderId)) return;
    if (running.size >= concurrency) {
      if (!queued.includes(orderId)) queued.push(orderId);
      return;
    }
    const done = refresh(orderId)
      .catch((error: Error) => options.onError?.(error))
      .finally(() => {
        running.delete(orderId);
        if (waiting.has(orderId)) run(orderId);
        while (queued.length > 0 && running.size < concurrency) run(queued.shift()!);
      });
    running.set(orderId, done);
  };

  return {
    eventFor(orderId, eventId) {
      const ids = waiting.get(orderId) ?? new Set<string>();
      ids.add(eventId);
      waiting.set(orderId, ids);
      run(orderId);
    },
    async idle() {
      while (running.size > 0 || queued.length > 0) await Promise.all(running.values());
    },
  };
}
