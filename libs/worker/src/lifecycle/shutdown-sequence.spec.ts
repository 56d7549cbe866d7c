import assert from 'node:assert/strict';
import { ShutdownSequence } from './shutdown-sequence';

describe('ShutdownSequence', () => {
  it('releases in reverse order of acquisition, keeps going past a failure and reports it', async () => {
    const sequence = new ShutdownSequence();
    const ran: string[] = [];
    sequence.add('store', () => void ran.push('store'));
    sequence.add('broker', () => {
      ran.push('broker');
      throw new Error('socket already gone');
    });
    sequence.add('http', async () => void ran.push('http'));
    const errors: string[] = [];
    const failed = await sequence.run((step, error) => errors.push(`${step}: ${(error as Error).message}`));
    assert.deepEqual(ran, ['http', 'broker', 'store']);
    assert.deepEqual(failed, ['broker']);
    assert.deepEqual(errors, ['broker: socket already gone']);
  });

  it('names the step in progress and runs only once when asked twice', async () => {
    const sequence = new ShutdownSequence();
    let release!: () => void;
    let runs = 0;
    sequence.add('consumers', () => {
      runs += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const first = sequence.run(() => undefined);
    const second = sequence.run(() => undefined);
    await Promise.resolve();
    assert.equal(sequence.current(), 'consumers');
    release();
    assert.deepEqual(await first, []);
    assert.equal(await second, await first);
    assert.equal(runs, 1);
    assert.equal(sequence.current(), undefined);
  });
});
