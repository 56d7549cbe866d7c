import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sagaRefresher } from '../live/saga-refresher';
import { summariseView } from '../sagas/summarise-view';
import { FakeOrderView, startBoardHarness, type BoardHarness } from '../testing/board-harness';
import { sagaView } from '../testing/saga-views';

/** Reads Server-Sent Events off a real socket (inject cannot stream), one parsed event at a time. */
function readEvents(url: string): Promise<{ next(): Promise<{ event: string; data: unknown }>; close(): void }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, (response) => {
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/event-stream/);
      let buffer = '';
      const queue: Array<{ event: string; data: unknown }> = [];
      const waiting: Array<(value: { event: string; data: unknown }) => void> = [];
      response.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const parsed = { event, data: JSON.parse(data) as unknown };
          const waiter = waiting.shift();
          if (waiter) waiter(parsed);
          else queue.push(parsed);
        }
      });
      resolve({
        next: () => (queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise((settle) => waiting.push(settle))),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

describe('GET /api/live (Server-Sent Events)', () => {
  let harness: BoardHarness;
  afterEach(async () => harness?.close());

  it('greets with whether the archive is followed, then pushes each saga the hub publishes, to every open page', async () => {
    harness = await startBoardHarness();
    harness.board.following = () => true;
    await harness.http.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(harness.http.server.address() as AddressInfo).port}/api/live`;
    const [first, second] = await Promise.all([readEvents(url), readEvents(url)]);
    try {
      assert.deepEqual((await first.next()).event, 'hello');
      assert.equal(((await second.next()).data as { following: boolean }).following, true);
      const saga = summariseView(sagaView('happy'));
      harness.board.hub.publish('saga', saga);
      assert.deepEqual(await first.next(), { event: 'saga', data: saga });
      assert.deepEqual(await second.next(), { event: 'saga', data: saga });
      const status = await harness.http.inject({ url: '/api/status' });
      assert.deepEqual(status.json(), { following: true, listeners: 2, deadlineMs: 30_000 });
    } finally {
      first.close();
      second.close();
    }
  });

  it('does not hold the server open at shutdown: open streams are ended before it closes', async () => {
    harness = await startBoardHarness();
    await harness.http.listen({ port: 0, host: '127.0.0.1' });
    const stream = await readEvents(`http://127.0.0.1:${(harness.http.server.address() as AddressInfo).port}/api/live`);
    await stream.next();
    const started = Date.now();
    await harness.http.close();
    assert.ok(Date.now() - started < 2_000, `close took ${Date.now() - started} ms`);
    stream.close();
  });
});

describe('sagaRefresher (an archived event → the saga as order-view has it)', () => {
  it('waits for order-view to hold the event before handing the saga on', async () => {
    const orderView = new FakeOrderView();
    const view = sagaView('running');
    const pushed: string[] = [];
    const refresher = sagaRefresher({ source: orderView, onSaga: (saga) => pushed.push(`${saga.status} ${saga.timeline.length}`), retryEveryMs: 5, catchUpMs: 5_000 });
    const newer = sagaView('happy', { orderId: view.orderId });
    orderView.put(view);
    refresher.eventFor(view.orderId, newer.timeline[2]!.eventId!);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.deepEqual(pushed, [], 'order-view has not projected it yet');
    orderView.put(newer);
    await refresher.idle();
    assert.deepEqual(pushed, ['CONFIRMED 6']);
  });

  it('folds a burst of events of one saga into few reads, and gives up waiting after its bound with what it has', async () => {
    const orderView = new FakeOrderView();
    const view = sagaView('happy');
    orderView.put(view);
    const pushed: number[] = [];
    const refresher = sagaRefresher({ source: orderView, onSaga: (saga) => pushed.push(saga.timeline.length), retryEveryMs: 5, catchUpMs: 50 });
    for (const step of view.timeline) refresher.eventFor(view.orderId, step.eventId!);
    refresher.eventFor(view.orderId, 'an-event-order-view-never-gets');
    await refresher.idle();
    assert.ok(orderView.reads <= 20, `${orderView.reads} reads`);
    assert.ok(pushed.length >= 1 && pushed.length <= 2, `${pushed.length} pushes`);
    assert.ok(pushed.every((steps) => steps === 6));
  });

  it('re-reads a bounded number of sagas at once; the rest wait their turn and are all handed on', async () => {
    const orderView = new FakeOrderView();
    let inFlight = 0;
    let most = 0;
    const get = orderView.get.bind(orderView);
    orderView.get = async (orderId) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return get(orderId);
    };
    const views = Array.from({ length: 12 }, () => sagaView('happy'));
    for (const view of views) orderView.put(view);
    const pushed = new Set<string>();
    const refresher = sagaRefresher({ source: orderView, onSaga: (view) => pushed.add(view.orderId), concurrency: 3 });
    for (const view of views) refresher.eventFor(view.orderId, view.timeline[0]!.eventId!);
    await refresher.idle();
    assert.equal(most, 3);
    assert.equal(pushed.size, 12);
  });

  it('ends a saga’s wait at the first failed read, reporting it', async () => {
    const orderView = new FakeOrderView();
    orderView.down = true;
    const errors: string[] = [];
    const refresher = sagaRefresher({ source: orderView, onSaga: () => assert.fail('nothing to hand on'), onError: (error) => errors.push(error.message) });
    refresher.eventFor('o-1', 'e-1');
    await refresher.idle();
    assert.equal(orderView.reads, 1);
    assert.deepEqual(errors, ['order-view is down (test)']);
  });
});
