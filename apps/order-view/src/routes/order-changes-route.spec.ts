import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fetchAllPages } from '../testing/fetch-pages';
import { startRouteHarness, type RouteHarness } from '../testing/route-harness';
import { eventOfType, projectedEventsOf, sagaEvents } from '../testing/saga-events';

describe('GET /orders/changes', () => {
  let harness: RouteHarness;
  let now = new Date('2026-03-01T00:00:00.000Z');
  /** [orderId, updatedAt] of every row, in the feed's order (updatedAt, orderId). */
  let expected: Array<[string, string]> = [];

  before(async () => {
    harness = await startRouteHarness({ now: () => now });
    // Several orders change at the same instant, so the cursor's tie-break on order id matters.
    const instants = ['2026-03-01T00:00:01.000Z', '2026-03-01T00:00:02.000Z', '2026-03-01T00:00:03.000Z'];
    const orders = Array.from({ length: 7 }, () => randomUUID());
    for (const [index, orderId] of orders.entries()) {
      now = new Date(instants[index % 3]);
      await harness.deliver(projectedEventsOf(sagaEvents('happy', { orderId }))[0]);
    }
    // A later change moves an order to the end of the feed.
    now = new Date('2026-03-01T00:00:04.000Z');
    const confirmed = eventOfType(sagaEvents('happy', { orderId: orders[0] }), 'order.confirmed');
    await harness.deliver(confirmed);
    expected = orders
      .map((orderId, index): [string, string] => [orderId, index === 0 ? '2026-03-01T00:00:04.000Z' : instants[index % 3]])
      .sort(([idA, atA], [idB, atB]) => (atA === atB ? (idA < idB ? -1 : 1) : atA < atB ? -1 : 1));
  });
  after(async () => harness?.close());

  const pairs = (orders: Array<{ orderId: string; updatedAt: string }>) => orders.map((order): [string, string] => [order.orderId, order.updatedAt]);
  const nextUrl = (query: string) => (next: unknown) => {
    const { updatedSince, after } = next as { updatedSince: string; after: string };
    return `/orders/changes?${query}&updatedSince=${encodeURIComponent(updatedSince)}&after=${after}`;
  };

  it('lists every row by (updatedAt, orderId) from the beginning', async () => {
    const { orders } = (await harness.http.inject({ url: '/orders/changes' })).json();
    assert.deepEqual(pairs(orders), expected);
  });

  it('includes rows changed exactly at updatedSince and nothing earlier', async () => {
    const since = '2026-03-01T00:00:02.000Z';
    const { orders } = (await harness.http.inject({ url: `/orders/changes?updatedSince=${since}` })).json();
    assert.deepEqual(pairs(orders), expected.filter(([, at]) => at >= since));
  });

  it('accepts any ISO offset for updatedSince', async () => {
    const { orders } = (await harness.http.inject({ url: `/orders/changes?updatedSince=${encodeURIComponent('2026-03-01T01:00:03+01:00')}` })).json();
    assert.deepEqual(pairs(orders), expected.filter(([, at]) => at >= '2026-03-01T00:00:03.000Z'));
  });

  it('pages with the next cursor through ties on updatedAt: every row once, in order', async () => {
    for (const limit of [1, 2, 3]) {
      const { orders } = await fetchAllPages(harness.http, `/orders/changes?limit=${limit}`, nextUrl(`limit=${limit}`));
      assert.deepEqual(pairs(orders), expected, `limit ${limit}`);
    }
  });

  it('a cursor at the newest row gives an empty page without next', async () => {
    const [lastId, lastAt] = expected[expected.length - 1];
    const body = (await harness.http.inject({ url: `/orders/changes?updatedSince=${lastAt}&after=${lastId}` })).json();
    assert.deepEqual(body, { orders: [] });
  });

  it('400 naming bad parameters', async () => {
    for (const [query, field] of [
      ['updatedSince=yesterday', 'updatedSince'],
      ['limit=501', 'limit'],
      ['after=', 'after'],
      ['since=2026-01-01T00:00:00Z', 'since'],
    ]) {
      const response = await harness.http.inject({ url: `/orders/changes?${query}` });
      assert.equal(response.statusCode, 400, query);
      assert.deepEqual(response.json().fields.map((entry: { field: string }) => entry.field), [field], query);
    }
  });
});
