import assert from 'node:assert/strict';
import { heldFlush } from './testing/held-flush';
import { WalSync } from './wal-sync';

const settledSoon = async <T>(promise: Promise<T>): Promise<'settled' | 'pending'> => {
  const marker = Symbol('pending');
  const outcome = await Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), new Promise<symbol>((resolve) => setImmediate(() => resolve(marker)))]);
  return outcome === marker ? 'pending' : 'settled';
};

describe('WalSync (group flush of the WAL)', () => {
  it('flushes at once for a lone commit and resolves only when the flush is done', async () => {
    const disk = heldFlush();
    const sync = new WalSync(disk.flush);
    const durable = sync.afterCommit();
    assert.equal(disk.started(), 1);
    assert.equal(await settledSoon(durable), 'pending');
    disk.finish();
    await durable;
  });

  it('makes commits that land during a flush wait for one more flush, which they all share', async () => {
    const disk = heldFlush();
    const sync = new WalSync(disk.flush);
    const first = sync.afterCommit();
    const later = [sync.afterCommit(), sync.afterCommit(), sync.afterCommit()];
    assert.equal(disk.started(), 1, 'the next flush starts only after the running one');
    disk.finish();
    await first;
    assert.equal(await settledSoon(Promise.all(later)), 'pending', 'the running flush may have started before their frames were written');
    assert.equal(disk.started(), 2);
    disk.finish();
    await Promise.all(later);
    assert.equal(disk.started(), 2, 'three commits, one shared flush');
  });

  it('rejects the waiters of a failed flush and starts afresh for the next commit', async () => {
    const disk = heldFlush();
    const sync = new WalSync(disk.flush);
    const failing = sync.afterCommit();
    disk.finish(new Error('EIO'));
    await assert.rejects(failing, /EIO/);
    const next = sync.afterCommit();
    assert.equal(disk.started(), 2);
    disk.finish();
    await next;
  });

  it('runs the queued flush even when the running one fails', async () => {
    const disk = heldFlush();
    const sync = new WalSync(disk.flush);
    const failing = sync.afterCommit();
    const queued = sync.afterCommit();
    disk.finish(new Error('EIO'));
    await assert.rejects(failing, /EIO/);
    await Promise.resolve();
    assert.equal(disk.started(), 2);
    disk.finish();
    await queued;
  });

  it('settle waits for the running and the queued flush', async () => {
    const disk = heldFlush();
    const sync = new WalSync(disk.flush);
    void sync.afterCommit();
    void sync.afterCommit();
    const settled = sync.settle();
    disk.finish();
    assert.equal(await settledSoon(settled), 'pending');
    disk.finish();
    await settled;
  });
});
