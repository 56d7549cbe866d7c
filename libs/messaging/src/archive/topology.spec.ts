import assert from 'node:assert/strict';
import { archiveNames, archiveQueueArguments } from './topology';
import { buildTopology } from '../topology/topology';

describe('archive topology', () => {
  it('names the stream next to the events exchange of its prefix', () => {
    assert.deepEqual(archiveNames('t1.'), { eventsExchange: 't1.troupe.events', archiveStream: 't1.troupe.archive' });
    assert.deepEqual(archiveNames(), { eventsExchange: 'troupe.events', archiveStream: 'troupe.archive' });
  });

  it('declares a stream retained 1 GiB / 7 days by default', () => {
    assert.deepEqual(archiveQueueArguments(), {
      'x-queue-type': 'stream',
      'x-max-length-bytes': 1024 ** 3,
      'x-max-age': '7D',
      'x-stream-max-segment-size-bytes': 100_000_000,
    });
  });

  it('takes other retention and segment sizes', () => {
    const args = archiveQueueArguments({ maxBytes: 5_000_000, maxAge: '12h', segmentBytes: 1_000_000 });
    assert.equal(args['x-max-length-bytes'], 5_000_000);
    assert.equal(args['x-max-age'], '12h');
    assert.equal(args['x-stream-max-segment-size-bytes'], 1_000_000);
  });

  it('refuses retention the broker would reject or misread', () => {
    assert.throws(() => archiveQueueArguments({ maxAge: '7 days' }), /invalid archive maxAge/);
    assert.throws(() => archiveQueueArguments({ maxAge: '0D' }), /invalid archive maxAge/);
    assert.throws(() => archiveQueueArguments({ maxBytes: 0 }), /invalid archive maxBytes/);
    assert.throws(() => archiveQueueArguments({ maxBytes: 1.5 }), /invalid archive maxBytes/);
    assert.throws(() => archiveQueueArguments({ segmentBytes: -1 }), /invalid archive segmentBytes/);
  });
});

describe('buildTopology with the archive', () => {
  it('declares the archive stream bound to every event only when asked', () => {
    const plain = buildTopology({ prefix: 'p.', service: 'order-view', consumes: ['order.created'] });
    assert.equal(plain.queues.some((queue) => queue.name === 'p.troupe.archive'), false);

    const withArchive = buildTopology({ prefix: 'p.', service: 'order-view', consumes: ['order.created'], archive: { maxAge: '1D' } });
    const stream = withArchive.queues.find((queue) => queue.name === 'p.troupe.archive');
    assert.equal(stream?.arguments['x-queue-type'], 'stream');
    assert.equal(stream?.arguments['x-max-age'], '1D');
    assert.deepEqual(
      withArchive.bindings.find((binding) => binding.queue === 'p.troupe.archive'),
      { queue: 'p.troupe.archive', exchange: 'p.troupe.events', pattern: '#' },
    );
  });
});
