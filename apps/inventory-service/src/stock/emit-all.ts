import type { EventMap, EventType } from '@troupe/contracts';
import type { ProducerOutbox } from '@troupe/messaging';
import type { SagaEvent } from '@troupe/saga';

/**
 * Writes a decision's events to the outbox in order. The saga payloads are proven equal to the contracts'
 * at compile time (libs/saga), but TypeScript cannot follow the type/data correlation through a union.
 */
export async function emitAll(outbox: Pick<ProducerOutbox, 'emit'>, events: readonly SagaEvent[]): Promise<void> {
  for (const { type, data } of events) await outbox.emit(type as EventType, data as EventMap[EventType]);
}
