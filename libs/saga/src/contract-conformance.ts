// Compile-time proof that the domain's payloads are exactly the contracts' (libs/contracts generates EventMap
// from the JSON Schemas). If a schema changes, `tsc` fails here rather than a message failing validation later.
import type { EventMap, EventType } from '@troupe/contracts';
import type { SagaEventMap, SagaEventType } from './events';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export type SameEventTypes = Same<SagaEventType, EventType> extends true ? true : never;
export type SamePayloads = { [K in SagaEventType]: Same<SagaEventMap[K], EventMap[K]> } extends Record<SagaEventType, true>
  ? true
  : never;

export const eventTypesMatchContracts: SameEventTypes = true;
export const payloadsMatchContracts: SamePayloads = true;
