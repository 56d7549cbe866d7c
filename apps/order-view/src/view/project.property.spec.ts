import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { projectedEventsOf, sagaEvents, sagaOutcomes } from '../testing/saga-events';
import type { OrderView, ProjectedEvent } from './order-view';
import { project } from './project';

/** Projects deliveries into one view per order, as the store does. */
function projectAll(deliveries: readonly ProjectedEvent[]): Map<string, OrderView> {
  const views = new Map<string, OrderView>();
  for (const event of deliveries) views.set(event.data.orderId, project(views.get(event.data.orderId), event));
  return views;
}

const saga = fc.record({
  outcome: fc.constantFrom(...sagaOutcomes),
  // Gaps of 0 ms give equal times, so the (time, id) tie-break is exercised too.
  stepsMs: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
});

/** Several concurrent sagas' events, then a delivery: every event at least once, some again, in a random order. */
const scenario = fc.array(saga, { minLength: 1, maxLength: 3 }).chain((sagas) => {
  const inOrder = sagas.flatMap(({ outcome, stepsMs }) => projectedEventsOf(sagaEvents(outcome, { orderId: randomUUID(), stepsMs })));
  const duplicates = fc.array(fc.nat({ max: inOrder.length - 1 }), { maxLength: inOrder.length });
  return duplicates.chain((extra) => {
    const deliveries = [...inOrder, ...extra.map((index) => inOrder[index])];
    return fc.shuffledSubarray(deliveries, { minLength: deliveries.length, maxLength: deliveries.length }).map((shuffled) => ({ inOrder, shuffled }));
  });
});

describe('project: order-free and duplicate-safe (property)', () => {
  it('gives the in-order view for any arrival order with any duplicates, over every saga outcome', () => {
    fc.assert(
      fc.property(scenario, ({ inOrder, shuffled }) => {
        const views = projectAll(shuffled);
        assert.deepEqual(views, projectAll(inOrder));
        // Every step of every saga (participants' included) is in its order's timeline exactly once.
        for (const [orderId, view] of views) {
          const ids = inOrder.filter((event) => event.data.orderId === orderId).map((event) => event.id).sort();
          assert.deepEqual(view.timeline.map((step) => step.eventId).sort(), ids);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the in-order view of each outcome ends terminal and notified', () => {
    for (const outcome of sagaOutcomes) {
      const [view] = projectAll(projectedEventsOf(sagaEvents(outcome, { orderId: randomUUID() }))).values();
      assert.notEqual(view.status, 'PENDING', outcome);
      assert.equal(view.notified, true, outcome);
    }
  });
});
