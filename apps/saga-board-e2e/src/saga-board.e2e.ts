import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createEvent, referenceManifests } from '@troupe/order-catalogue';
import { orderBody, pollUntil, startOrderSystem, type OrderSystem } from '@troupe/order-testing';
import type { AppProcess } from '@troupe/testing';
import { artefactsDir, launchChromium, startBoard } from './board-under-test';
import { confirmedOrderLetter, parkDeadLetter } from './dead-letters';

// Bounded waits everywhere: a saga here ends within a few seconds; the hanging one at its 12 s deadline.
const step = { timeout: 20_000 };

describe('the saga board in headless Chromium, against a running order system', function () {
  this.timeout(120_000);
  let system: OrderSystem | undefined;
  let board: AppProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const orders: Record<'happy' | 'declined' | 'shipping' | 'stock' | 'hang', string> = { happy: '', declined: '', shipping: '', stock: '', hang: '' };
  let small: BrowserContext;
  const shot = (name: string) => page.screenshot({ path: path.join(artefactsDir, `${name}.png`), fullPage: true });
  /** A smaller picture of one view, by its link, for the README (docs/images/ holds copies). */
  const readmeShot = async (link: string, name: string, ready: string) => {
    const view = await small.newPage();
    try {
      await view.goto(`${board!.url}${link}`);
      await view.waitForSelector(ready, step);
      await view.waitForTimeout(300);
      await view.screenshot({ path: path.join(artefactsDir, 'readme', `${name}.png`) });
    } finally {
      await view.close();
    }
  };

  before(async function () {
    this.timeout(240_000);
    browser = await launchChromium();
    system = await startOrderSystem({ sagaDeadlineMs: 12_000, deadlineSweepIntervalMs: 500 });
    board = await startBoard(system, { JAEGER_URL: 'http://jaeger.example:16686' });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    small = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 0.75 });
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed' && board) console.error(`saga-board log:\n${board.stdout().slice(-4000)}${board.stderr().slice(-2000)}`);
  });

  after(async function () {
    this.timeout(90_000);
    await browser?.close();
    await board?.stop(10_000);
    await system?.stop();
  });

  it('shows orders appear and finish live, without a reload, with counts per outcome and the stuck saga highlighted', async () => {
    await page.goto(`${board!.url}/`);
    await page.waitForSelector('#live.live-live', step);
    // Set once: a reload would lose it, so finding it at the end proves every row arrived by push.
    await page.evaluate(() => ((window as unknown as { boardMarker: string }).boardMarker = 'still the same page'));
    await system!.stock.set('SKU-077', 0);
    const place = async (overrides: Parameters<typeof orderBody>[0]) => (await system!.orders.placeAccepted(orderBody({ customerId: 'cust-board', ...overrides }))).orderId;
    orders.happy = await place({});
    orders.declined = await place({ paymentToken: 'tok_declined' });
    orders.shipping = await place({ shippingAddress: { country: 'AQ' } });
    orders.stock = await place({ items: [{ sku: 'SKU-077', quantity: 1, unitPrice: 3 }] });
    orders.hang = await place({ paymentToken: 'tok_hang' });

    const row = (orderId: string, status: string) => `tr[data-order-id="${orderId}"][data-status="${status}"]`;
    await page.waitForSelector(row(orders.happy, 'CONFIRMED'), step);
    await page.waitForSelector(row(orders.declined, 'CANCELLED'), step);
    await page.waitForSelector(row(orders.shipping, 'CANCELLED'), step);
    await page.waitForSelector(row(orders.stock, 'REJECTED'), step);
    await page.waitForSelector(row(orders.hang, 'PENDING'), step);
    // Past half its 12 s deadline the running saga is highlighted, by the page's clock, with no event to push.
    await page.waitForSelector(`tr.past-half[data-order-id="${orders.hang}"]`, step);
    assert.equal(await page.locator(`tr[data-order-id="${orders.hang}"] .awaits`).innerText(), 'awaits payment.captured from payment-service');
    assert.equal(await page.locator(`tr[data-order-id="${orders.shipping}"] .status`).innerText(), 'CANCELLED shipping failed');
    const count = async (name: string) => Number(await page.locator(`[data-count="${name}"] strong`).innerText());
    assert.equal(await count('total'), 5);
    assert.equal(await count('status-confirmed'), 1);
    assert.equal(await count('status-cancelled'), 2);
    assert.equal(await count('status-rejected'), 1);
    assert.equal(await count('status-pending'), 1);
    assert.equal(await count('past-half'), 1);
    await shot('sagas');
    await readmeShot('/', 'sagas', `tr.past-half[data-order-id="${orders.hang}"]`);

    // The stuck saga, opened while it runs: what it did, and what the map says it still awaits (the payment).
    const running = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await running.goto(`${board!.url}/sagas/${orders.hang}`);
    await running.waitForSelector('[data-verdict="verdict-running"]', step);
    const states = await running.locator('g.node[data-state]').evaluateAll((nodes) => Object.fromEntries(nodes.map((node) => [node.getAttribute('data-node'), node.getAttribute('data-state')])));
    assert.deepEqual(states, { 'order.created': 'taken', 'stock.reserved': 'taken', 'payment.captured': 'awaited', 'shipment.scheduled': 'awaited', 'order.confirmed': 'awaited', 'customer.notified': 'awaited' });
    assert.match(await running.locator('.verdict').innerText(), /awaits payment\.captured from payment-service/);
    await running.screenshot({ path: path.join(artefactsDir, 'saga-running.png'), fullPage: true });
    await running.close();

    // The deadline passes: the stuck saga is compensated and the row follows, still live.
    await page.waitForSelector(row(orders.hang, 'CANCELLED'), { timeout: 30_000 });
    assert.match(await page.locator(`tr[data-order-id="${orders.hang}"] .status`).innerText(), /timed out/);
    assert.equal(await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker), 'still the same page');
  });

  it('filters by status and reason through the URL, a link that can be shared', async () => {
    await page.goto(`${board!.url}/?status=CANCELLED&reason=payment_declined`);
    await page.waitForSelector(`tr[data-order-id="${orders.declined}"]`, step);
    const shown = await page.locator('tbody tr[data-order-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-order-id')));
    assert.deepEqual(shown, [orders.declined]);
    // Order ids are time-ordered (UUIDv7): orders placed together share their first digits, not their last.
    await page.goto(`${board!.url}/?q=${orders.stock.slice(-12)}`);
    await page.waitForSelector(`tr[data-order-id="${orders.stock}"]`, step);
    assert.equal(await page.locator('tbody tr[data-order-id]').count(), 1);
  });

  it('opens a compensated saga: its path is highlighted on the map, refund then release, and the timeline follows the map', async () => {
    await page.goto(`${board!.url}/`);
    await page.click(`tr[data-order-id="${orders.shipping}"] a`);
    await page.waitForURL(`**/sagas/${orders.shipping}`, step);
    await page.waitForSelector('[data-verdict="verdict-ok"]', step);
    const taken = await page.locator('g.node[data-state="taken"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node')));
    assert.deepEqual(taken.sort(), ['customer.notified', 'order.cancelled', 'order.created', 'payment.captured', 'payment.refunded', 'shipment.failed', 'stock.released', 'stock.reserved']);
    for (const untaken of ['order.confirmed', 'shipment.scheduled', 'payment.declined']) assert.equal(await page.locator(`g.node[data-node="${untaken}"].dim`).count(), 1, untaken);
    assert.equal(await page.locator('path.edge.taken[data-edge="shipment.failed->payment.refunded"]').count(), 1);
    assert.equal(await page.locator('path.edge.taken[data-edge="payment.refunded->stock.released"]').count(), 1);
    const events = await page.locator('table.timeline tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-event')));
    assert.deepEqual(events.slice(3, 6), ['shipment.failed', 'payment.refunded', 'stock.released'], 'refund strictly before release');
    assert.equal(await page.locator('table.timeline .flag').count(), 0, 'no departure flagged');
    const trace = await page.locator('a', { hasText: 'open in Jaeger' }).getAttribute('href');
    assert.ok(trace?.startsWith('http://jaeger.example:16686/search?'), String(trace));
    await shot('saga');
    await readmeShot(`/sagas/${orders.shipping}`, 'saga', '[data-verdict="verdict-ok"]');
  });

  it('replays a dead letter, confirmed, with the outcome shown, and sees it processed; an invalid one stays with its errors', async () => {
    const admin = system!.admin;
    const replayable = confirmedOrderLetter(randomUUID());
    const invalid = { ...createEvent('order.confirmed', { orderId: randomUUID(), customerId: 'cust-board', totalCents: 1, orderVersion: 2 }, { source: 'order-service' }), id: randomUUID() };
    (invalid.data as unknown as Record<string, unknown>).totalCents = 'lots';
    await parkDeadLetter(admin, system!.prefix, 'notification-service', replayable as never, { reason: 'retries-exhausted', error: 'retries-exhausted: SMTP server did not answer (timeout)' });
    await parkDeadLetter(admin, system!.prefix, 'notification-service', invalid as never, { reason: 'invalid-data', error: 'invalid-data: data/totalCents must be integer' });

    // A second tab on the sagas list: the replayed event's effect must arrive there by push.
    const watcher = await browser!.newPage({ viewport: { width: 1440, height: 900 } });
    await watcher.goto(`${board!.url}/`);
    await watcher.waitForSelector('#live.live-live', step);

    await page.goto(`${board!.url}/dead-letters`);
    await page.waitForSelector('tr[data-service="notification-service"] [data-count="2"]', step);
    await shot('dead-letters');
    await page.click('tr[data-service="notification-service"] a');
    await page.waitForURL('**/dead-letters/notification-service', step);
    await page.waitForSelector(`tr[data-message-id="${invalid.id}"]`, step);
    await page.click(`tr[data-message-id="${invalid.id}"] td.event`);
    await page.waitForSelector('[data-validation="invalid"]', step);
    assert.match(await page.locator('[data-validation="invalid"]').innerText(), /totalCents/);
    await shot('dead-letter');
    await readmeShot(`/dead-letters/notification-service?letter=${invalid.id}`, 'dead-letters', '[data-validation="invalid"]');

    await page.fill('input[aria-label="admin token"]', system!.adminToken);
    await page.check(`input[aria-label="select ${replayable.id}"]`);
    await page.click('button:has-text("Replay selected (1)")');
    await page.waitForSelector('dialog.confirm[open]', step);
    await shot('replay-confirm');
    await page.click('dialog.confirm button[data-confirm]');
    await page.waitForSelector('.outcome-done [data-outcome="replayed"]', step);
    assert.match(await page.locator('.outcome').innerText(), new RegExp(`Replayed 1: ${replayable.id}`));
    await page.waitForSelector('.dlq-count [data-count="1"]', step);
    assert.equal(await page.locator(`tr[data-message-id="${replayable.id}"]`).count(), 0);
    assert.equal(await page.locator(`tr[data-message-id="${invalid.id}"]`).count(), 1, 'the invalid letter stays');
    await shot('dead-letters-after-replay');

    // Processed: notification-service stored the message once, and its customer.notified reached the open list.
    const notified = await pollUntil(async () => {
      const answer = await system!.notifications.forOrder(replayable.data.orderId);
      return answer.status === 200 && answer.body.notifications.length > 0 ? answer.body.notifications : undefined;
    }, { timeoutMs: 20_000, intervalMs: 200, what: 'the replayed letter processed' });
    assert.equal(notified.length, 1);
    await watcher.waitForSelector(`tr[data-order-id="${replayable.data.orderId}"]`, step);
    await watcher.close();

    // Replaying it again changes nothing: the letter is gone, the inbox would drop a copy anyway.
    const again = await fetch(`${board!.url}/api/dead-letters/notification-service/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${system!.adminToken}` },
      body: JSON.stringify({ messageIds: [replayable.id] }),
    });
    assert.deepEqual(await again.json(), { service: 'notification-service', action: 'replay', replayed: [], kept: [], notFound: [replayable.id] });
  });

  it('draws the whole map from the manifests, compensations distinct', async () => {
    await page.goto(`${board!.url}/map`);
    await page.waitForSelector('svg.saga-map', step);
    const reactions = referenceManifests.flatMap((manifest) => manifest.reactions);
    const compensating = reactions.filter((reaction) => reaction.kind === 'compensation');
    assert.equal(await page.locator('g.node-event').count(), new Set(referenceManifests.flatMap((manifest) => [...manifest.initiates.map((i) => i.emits), ...reactions.flatMap((r) => r.emits)])).size);
    assert.equal(await page.locator('g.node-start').count(), referenceManifests.flatMap((manifest) => manifest.initiates).length);
    assert.equal(await page.locator('path.edge-compensation').count(), compensating.reduce((sum, reaction) => sum + reaction.emits.length, 0));
    assert.equal(await page.locator('g.node-compensation').count(), new Set(compensating.flatMap((reaction) => reaction.emits)).size);
    assert.equal(await page.locator('table.reactions tbody tr').count(), referenceManifests.reduce((sum, m) => sum + m.initiates.length + m.reactions.reduce((n, r) => n + Math.max(1, r.emits.length), 0), 0));
    await shot('map');
    await readmeShot('/map', 'map', 'svg.saga-map');
  });
});
