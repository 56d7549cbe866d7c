import assert from 'node:assert/strict';
import { ChangeSignal, waitUntil } from './change-signal';

describe('ChangeSignal and waitUntil', () => {
  it('answers at once when the value already holds, reading once', async () => {
    let reads = 0;
    const outcome = await waitUntil(async () => (reads++, 5), (n) => n >= 5, new ChangeSignal(), 'k', 10_000, 10_000);
    assert.deepEqual(outcome, { value: 5, reached: true });
    assert.equal(reads, 1);
  });

  it('re-reads when woken for its key only, and stops once the value holds', async () => {
    const signal = new ChangeSignal();
    let value = 0;
    let reads = 0;
    const waiting = waitUntil(async () => (reads++, value), (n) => n >= 2, signal, 'a', 10_000, 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    signal.changed('b');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(reads, 1, 'another key does not wake it');
    value = 1;
    signal.changed('a');
    for (let turns = 0; reads < 2 && turns < 100; turns++) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(reads, 2);
    value = 2;
    signal.changed('a');
    assert.deepEqual(await waiting, { value: 2, reached: true });
    assert.equal(signal.waitingOrders(), 0);
  });

  it('gives up after the bound with what it read last, leaving no subscription', async () => {
    const signal = new ChangeSignal();
    const started = Date.now();
    const outcome = await waitUntil(async () => 'PENDING', (status) => status !== 'PENDING', signal, 'k', 40, 10);
    assert.deepEqual(outcome, { value: 'PENDING', reached: false });
    assert.ok(Date.now() - started >= 35);
    assert.equal(signal.waitingOrders(), 0);
  });

  it('sees an unannounced change through its periodic re-read', async () => {
    let value = 'PENDING';
    setTimeout(() => (value = 'CONFIRMED'), 20);
    const outcome = await waitUntil(async () => value, (status) => status !== 'PENDING', new ChangeSignal(), 'k', 5_000, 10);
    assert.deepEqual(outcome, { value: 'CONFIRMED', reached: true });
  });

  it('an undefined read (not there yet) keeps waiting; a failing read drops the subscription and rejects', async () => {
    const signal = new ChangeSignal();
    assert.deepEqual(await waitUntil(async () => undefined, () => true, signal, 'k', 20, 5), { value: undefined, reached: false });
    await assert.rejects(waitUntil(() => Promise.reject(new Error('store down')), () => true, signal, 'k', 1_000, 100), /store down/);
    assert.equal(signal.waitingOrders(), 0);
  });
});
