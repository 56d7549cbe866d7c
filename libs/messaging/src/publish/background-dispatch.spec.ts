import assert from 'node:assert/strict';
import { BackgroundDispatch } from './background-dispatch';
import type { OutboxDispatcher } from '../outbox/dispatcher';
import type { OutboxRow } from '../outbox/row';

/** A dispatcher whose publishes the test confirms by hand, recording what was started in which order. */
function heldDispatcher(): { dispatcher: OutboxDispatcher; started: string[]; confirmNext: () => void } {
  const started: string[] = [];
  const held: Array<() => void> = [];
  const dispatcher = {
    dispatch: (rows: readonly OutboxRow[]) => {
      started.push(...rows.map((row) => row._id));
      return new Promise<OutboxRow[]>((resolve) => held.push(() => resolve([])));
    },
  } as unknown as OutboxDispatcher;
  return { dispatcher, started, confirmNext: () => held.shift()!() };
}

const rows = (...ids: string[]) => ids.map((_id) => ({ _id }) as OutboxRow);
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('BackgroundDispatch', () => {
  it('resolves a hand-off once publishing has started, without waiting for the confirm', async () => {
    const held = heldDispatcher();
    const background = new BackgroundDispatch(held.dispatcher);
    await background.handOff(rows('a', 'b'));
    assert.deepEqual(held.started, ['a', 'b']);
    assert.equal(background.pending(), 2);
    held.confirmNext();
    await background.settle();
    assert.equal(background.pending(), 0);
  });

  it('makes a hand-off wait while maxBacklog rows await their confirm (so the ack, and the prefetch, wait too)', async () => {
    const held = heldDispatcher();
    const background = new BackgroundDispatch(held.dispatcher, 2);
    await background.handOff(rows('a', 'b'));
    let third = false;
    const handingOff = background.handOff(rows('c')).then(() => (third = true));
    await tick();
    assert.equal(third, false, 'two rows in flight: the third waits');
    assert.deepEqual(held.started, ['a', 'b']);
    held.confirmNext();
    await handingOff;
    assert.deepEqual(held.started, ['a', 'b', 'c']);
  });

  it('settles only when everything handed off is confirmed or failed', async () => {
    const held = heldDispatcher();
    const background = new BackgroundDispatch(held.dispatcher);
    await background.handOff(rows('a'));
    await background.handOff(rows('b'));
    let settled = false;
    const settling = background.settle().then(() => (settled = true));
    held.confirmNext();
    await tick();
    assert.equal(settled, false);
    held.confirmNext();
    await settling;
  });

  it('gives up settling after the timeout (a blocked broker must not hold a shutdown) and says so', async () => {
    const held = heldDispatcher();
    const background = new BackgroundDispatch(held.dispatcher);
    await background.handOff(rows('a'));
    assert.equal(await background.settle(20), false);
    assert.equal(background.pending(), 1, 'still pending: the relay publishes it after a restart');
    held.confirmNext();
    assert.equal(await background.settle(20), true);
  });
});
