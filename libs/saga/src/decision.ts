import type { SagaEvent } from './events';

/** The event applied: save `state` (optimistic version) and publish `emit`, both in one local transaction. */
export interface Changed<TState> {
  kind: 'changed';
  state: TState;
  emit: SagaEvent[];
}

/**
 * A duplicate, late or refused event: nothing to save and nothing to publish; the handler acks it.
 * `why` is for logs and tests, not for branching.
 */
export interface Unchanged {
  kind: 'unchanged';
  why: string;
}

/**
 * The event came before something it depends on (e.g. `stock.reserved` before `order.created` reached the
 * payment service). The handler throws a retryable error so the broker redelivers it later.
 */
export interface RetryLater {
  kind: 'retry-later';
  why: string;
}

export type Decision<TState> = Changed<TState> | Unchanged;

export function changed<TState>(state: TState, emit: SagaEvent[] = []): Changed<TState> {
  return { kind: 'changed', state, emit };
}

export function unchanged(why: string): Unchanged {
  return { kind: 'unchanged', why };
}

export function retryLater(why: string): RetryLater {
  return { kind: 'retry-later', why };
}
