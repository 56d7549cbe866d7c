import assert from 'node:assert/strict';
import type { ChannelModel } from 'amqplib';
import { coalesceSocketWrites } from './coalesce-writes';

/** What the socket saw, in order: writes, and the cork/uncork around them. */
function fakeModel(): { model: ChannelModel; log: string[] } {
  const log: string[] = [];
  const stream = {
    write: (chunk: string) => {
      log.push(`write ${chunk}`);
      return true;
    },
    cork: () => log.push('cork'),
    uncork: () => log.push('uncork'),
  };
  return { model: { connection: { stream } } as unknown as ChannelModel, log };
}

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

describe('coalesceSocketWrites', () => {
  it('corks at the first write of a tick and uncorks once on the next, so the tick leaves in one writev', async () => {
    const { model, log } = fakeModel();
    assert.equal(coalesceSocketWrites(model), true);
    const stream = (model as unknown as { connection: { stream: { write(chunk: string): boolean } } }).connection.stream;
    assert.equal(stream.write('a'), true, 'the write result is the socket’s own');
    stream.write('b');
    stream.write('c');
    assert.deepEqual(log, ['cork', 'write a', 'write b', 'write c']);
    await nextTick();
    assert.deepEqual(log.slice(4), ['uncork']);
    stream.write('d');
    await nextTick();
    assert.deepEqual(log.slice(5), ['cork', 'write d', 'uncork'], 'a later tick corks again');
  });

  it('leaves a connection without a corkable socket as it is', () => {
    assert.equal(coalesceSocketWrites({} as ChannelModel), false);
    assert.equal(coalesceSocketWrites({ connection: { stream: { write: () => true } } } as unknown as ChannelModel), false);
  });
});
