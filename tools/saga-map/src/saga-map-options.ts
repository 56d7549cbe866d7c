import type { EventType } from '@troupe/contracts';

export interface SagaMapOptions {
  /**
   * Forward events that nobody undoes on purpose, each with the reason. The manifests have no term for this
   * (their `terminal` means "no consumer needed", and `order.confirmed` has consumers), so it lives here.
   */
  pointsOfNoReturn: Partial<Record<EventType, string>>;
}

/** The reference system's options, used by `nx run saga-map:generate|check`. */
export const referenceSagaMapOptions: SagaMapOptions = {
  pointsOfNoReturn: {
    'order.confirmed': 'the saga is over once the order is confirmed: every later change is a new business process (returns, refunds on request), not a compensation',
  },
};
